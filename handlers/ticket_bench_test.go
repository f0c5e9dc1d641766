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
// read and mark), one report at a time; p50/p99 are of that span.
func BenchmarkTicket_CreateToPosted(b *testing.B) {
	e := newEnv(b)
	ana := onboardDirect(b, e, 7001, "unma")
	var lat []time.Duration
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		e.Text(ana, 0, "/problem")
		e.Press(ana, 0, 0, "tk:cat:lms")
		b.StartTimer()
		start := time.Now()
		out := e.Text(ana, 0, fmt.Sprintf("the projector in room %d is broken", i))
		lat = append(lat, time.Since(start))
		if len(to(out, groupMA)) != 1 {
			b.Fatalf("not posted: %q", texts(out))
		}
	}
	reportLatency(b, lat)
}

// BenchmarkTicket_Throughput measures whole reports (/problem, category,
// description) from 64 users at once, up to the post stored in the outbox
// (delivery is Telegram-bound: 20 messages a minute per group).
func BenchmarkTicket_Throughput(b *testing.B) {
	e := newEnv(b)
	const users = 64
	var ps []aulabot.Person
	for i := range users {
		ps = append(ps, onboardDirect(b, e, int64(20000+i), "unma"))
	}
	var u updates
	b.ResetTimer()
	var wg sync.WaitGroup
	for w := range users {
		wg.Add(1)
		go func(p aulabot.Person) {
			defer wg.Done()
			for k := w; k < b.N; k += users {
				u.handle(b, e, aulabot.Update{ChatID: p.ID, From: p, Text: "/problem"})
				u.handle(b, e, aulabot.Update{ChatID: p.ID, From: p, Callback: &aulabot.Callback{Data: "tk:cat:lms", MessageID: 1}})
				u.handle(b, e, aulabot.Update{ChatID: p.ID, From: p, Text: fmt.Sprintf("the projector in room %d is broken", k)})
			}
		}(ps[w])
	}
	wg.Wait()
	b.StopTimer()
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
