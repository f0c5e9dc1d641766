package main

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/bot"
	"github.com/aulabot/aulabot/handlers/htest"
	"github.com/aulabot/aulabot/knowledge"
	"github.com/aulabot/aulabot/sandbox"
	"github.com/aulabot/aulabot/store"
)

// timed records how long each update takes to handle, commit included.
type timed struct {
	next bot.Handler
	mu   sync.Mutex
	took []time.Duration
	all  chan struct{}
	want int
}

func (t *timed) Handle(ctx context.Context, u aulabot.Update) error {
	start := time.Now()
	err := t.next.Handle(ctx, u)
	t.mu.Lock()
	t.took = append(t.took, time.Since(start))
	if len(t.took) == t.want {
		close(t.all)
	}
	t.mu.Unlock()
	return err
}

// BenchmarkUpdates pushes 10,000 updates from 1,000 users through the
// emulated Bot API into the real bot (durable store, fsync on) and reports
// updates per second and the p50/p99 time to handle one update.
func BenchmarkUpdates(b *testing.B) {
	benchUpdates(b, false, func(k int) string {
		if k%2 == 1 {
			return "/privacy"
		}
		return "/help"
	})
}

// BenchmarkQuestions is BenchmarkUpdates with onboarded people asking the
// knowledge base (the titles and "other ways of asking" of the built-in
// articles, in their language): the bot's main job.
func BenchmarkQuestions(b *testing.B) {
	qs := builtinQuestions(b, "es")
	benchUpdates(b, true, func(k int) string { return qs[k%len(qs)] })
}

// builtinQuestions are the titles and questions of the built-in articles
// in lang, less those that ask for a feature or are small talk.
func builtinQuestions(b testing.TB, lang string) []string {
	qs, err := loadQuestions(lang)
	if err != nil {
		b.Fatal(err)
	}
	return qs
}

// loadQuestions is builtinQuestions for a process with no testing.TB.
func loadQuestions(lang string) ([]string, error) {
	base, _, err := knowledge.Load(knowledge.Builtin(), ".")
	if err != nil {
		return nil, err
	}
	defer base.Close()
	var qs []string
	for _, a := range base.Articles() {
		if a.Lang != lang {
			continue
		}
		for _, q := range append([]string{a.Title}, a.Questions...) {
			// Words that ask for a feature ("quiero hablar con un mentor",
			// a line of the mentoring article; "hay asesoria personalizada
			// para virtualizar mi curso", a mentor asked for one's topic)
			// open it instead of an answer: they are not questions
			// (htest.ArticleRequests, which the handlers' tests hold to
			// be all of them; a request of another university's, or of
			// small talk, by the readers).
			_, request := htest.ArticleRequests[q]
			if !request && knowledge.Intent(q) == "" && knowledge.SmallTalk(q) == "" {
				qs = append(qs, q)
			}
		}
	}
	return qs, nil
}

// benchUpdates sends 10 messages from each of 1,000 users (onboarded in
// the store first if onboard), user u's k-th being text(u*10+k): ten
// consecutive texts, so no user sends the same question twice (the same
// words again a moment later get a short reply, handlers.RepeatWindow,
// which would flatter the figures).
func benchUpdates(b *testing.B, onboard bool, text func(k int) string) {
	const users, perUser = 1000, 10
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		h := newHarness(b, nil)
		for u := int64(0); u < users; u++ {
			h.SB.AddUser(sandbox.User{ID: 100000 + u, FirstName: fmt.Sprintf("U%d", u), LanguageCode: "es"})
		}
		if onboard {
			err := h.M.Store.Update(func(tx *store.Tx) error {
				for u := int64(0); u < users; u++ {
					err := tx.PutUser(aulabot.User{ID: 100000 + u, Name: fmt.Sprintf("U%d", u), Lang: "es",
						University: []string{"unma", "unvs"}[u%2], Role: aulabot.RoleStudent, ConsentAt: time.Now()})
					if err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		tm := &timed{next: h.M.Handlers, all: make(chan struct{}), want: users * perUser}
		h.M.Dispatcher.Handler = tm
		b.StartTimer()
		start := time.Now()
		for k := 0; k < perUser; k++ {
			for u := int64(0); u < users; u++ {
				h.SB.SendText(100000+u, 100000+u, text(int(u)*perUser+k))
			}
		}
		select {
		case <-tm.all:
		case <-time.After(5 * time.Minute):
			b.Fatal("updates not all handled")
		}
		el := time.Since(start)
		b.StopTimer()
		sort.Slice(tm.took, func(i, j int) bool { return tm.took[i] < tm.took[j] })
		n := len(tm.took)
		b.ReportMetric(float64(n)/el.Seconds(), "updates/s")
		b.ReportMetric(float64(tm.took[n/2].Microseconds())/1000, "p50_ms")
		b.ReportMetric(float64(tm.took[n*99/100].Microseconds())/1000, "p99_ms")
		h.stop()
	}
}
