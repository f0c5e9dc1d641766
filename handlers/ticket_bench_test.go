package handlers_test

import (
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
)

// BenchmarkTicket_CreateToPosted measures a description message becoming
// a ticket and its post leaving the outbox (handler, commit, delivery
// read and mark), one report at a time; p50/p99 are of that span. When
// the bot first offers articles that may solve the problem, the span
// includes the press that says they did not.
func BenchmarkTicket_CreateToPosted(b *testing.B) {
	e := newEnv(b)
	var lat []time.Duration
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		ana := onboardDirect(b, e, int64(7001+i), "unma") // a person has at most 5 tickets open
		e.Text(ana, 0, "/problem")
		e.Press(ana, 0, 0, "tk:cat:other") // many LMS reports at once would open an outage
		b.StartTimer()
		start := time.Now()
		out := describe(e, ana, fmt.Sprintf("the projector in room %d is broken", i))
		lat = append(lat, time.Since(start))
		if len(to(out, groupMA)) != 1 {
			b.Fatalf("not posted: %q", texts(out))
		}
	}
	reportLatency(b, lat)
}

// BenchmarkTicket_Throughput measures whole reports (/problem, category,
// description) from 64 people at once, up to the post stored in the
// outbox (delivery is Telegram-bound: 20 messages a minute per group).
// Each report comes from a person of its own, in the category "other": a
// person may have at most 5 tickets open, and many reports of LMS access
// at once open an outage instead. It fails unless every report became a
// ticket.
func BenchmarkTicket_Throughput(b *testing.B) {
	e := newEnv(b)
	const users = 64
	ps := make([]aulabot.Person, b.N)
	for k := range ps {
		ps[k] = onboardDirect(b, e, int64(20000+k), "unma")
	}
	var u updates
	b.ResetTimer()
	var wg sync.WaitGroup
	for w := range users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := w; k < b.N; k += users {
				p := ps[k]
				u.handle(b, e, aulabot.Update{ChatID: p.ID, From: p, Text: "/problem"})
				u.handle(b, e, aulabot.Update{ChatID: p.ID, From: p, Callback: &aulabot.Callback{Data: "tk:cat:other", MessageID: 1}})
				u.handle(b, e, aulabot.Update{ChatID: p.ID, From: p, Text: fmt.Sprintf("the projector in room %d is broken", k)})
			}
		}()
	}
	wg.Wait()
	b.StopTimer()
	ts, err := e.Store.Tickets("unma", false)
	if err != nil || len(ts) != b.N {
		b.Fatalf("%d reports made %d tickets (%v)", b.N, len(ts), err)
	}
	e.Deliver()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "tickets/s")
}

func reportLatency(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
}
