package handlers_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers"
	"github.com/aulabot/aulabot/handlers/htest"
	"github.com/aulabot/aulabot/store"
	"github.com/aulabot/aulabot/survey"
)

// BenchmarkSurvey_3000People has 3,000 students answer the built-in
// baseline (12 questions for a student: eight Likert items, a 0-10 scale,
// a single and a multiple choice, a text) through the handlers, 8 people
// at a time as the dispatcher runs different chats concurrently. Each
// answer is one update: a button press (the multiple choice is a tick
// then Next), the text a message. It reports answers per second and the
// 99th percentile of one answer's handling (commit included).
func BenchmarkSurvey_3000People(b *testing.B) {
	const people, workers = 3000, 8
	for range b.N {
		b.StopTimer()
		e := htest.New(b, nil)
		set, _, err := survey.Load(survey.Builtin(), ".", nil)
		if err != nil {
			b.Fatal(err)
		}
		e.H.Survey = handlers.Surveys{Set: set}
		if err := e.Store.Update(func(tx *store.Tx) error {
			for i := range people {
				u := aulabot.User{ID: int64(100000 + i), Name: fmt.Sprint("S", i), Lang: "es", University: "unma", Role: "student",
					ConsentAt: htest.Start, CreatedAt: htest.Start}
				if err := tx.PutUser(u); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			b.Fatal(err)
		}
		var (
			next    atomic.Int64
			updates atomic.Int64
			mu      sync.Mutex
			lat     []time.Duration
		)
		steps := []string{"quality:4", "compared:4", "classroom:5", "video:3", "support:4", "workload:2", "study_plan:4", "study_focus:3",
			"overall:7", "device:computer", "t/hurdles:time", "n/hurdles", "text"}
		b.StartTimer()
		start := time.Now()
		var wg sync.WaitGroup
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var mine []time.Duration
				for {
					i := next.Add(1) - 1
					if i >= people {
						break
					}
					p := aulabot.Person{ID: 100000 + i, FirstName: "S", LanguageCode: "es"}
					send := func(text, data string) time.Duration {
						u := aulabot.Update{ID: updates.Add(1), ChatID: p.ID, From: p, ChatType: aulabot.ChatPrivate, Text: text}
						if data != "" {
							u.Callback = &aulabot.Callback{ID: "c", Data: data, MessageID: 1}
						}
						t0 := time.Now()
						if err := e.H.Handle(context.Background(), u); err != nil {
							b.Error(err)
						}
						return time.Since(t0)
					}
					send("/survey", "")
					for _, st := range steps {
						switch {
						case st == "text":
							mine = append(mine, send("Más sesiones prácticas, por favor.", ""))
						case st[:2] == "n/":
							send("", "sv:n:percepciones-inicio:"+st[2:])
						case st[:2] == "t/":
							mine = append(mine, send("", "sv:t:percepciones-inicio:"+st[2:]))
						default:
							mine = append(mine, send("", "sv:a:percepciones-inicio:"+st))
						}
					}
				}
				mu.Lock()
				lat = append(lat, mine...)
				mu.Unlock()
			}()
		}
		wg.Wait()
		took := time.Since(start)
		b.StopTimer()
		rs, err := e.Store.SurveyResponses("percepciones-inicio")
		if err != nil {
			b.Fatal(err)
		}
		done := 0
		for _, r := range rs {
			if !r.Completed.IsZero() && len(r.Answers) == 12 {
				done++
			}
		}
		if done != people || len(lat) != people*12 {
			b.Fatalf("%d of %d responses complete with 12 answers; %d answers timed", done, people, len(lat))
		}
		slices.Sort(lat)
		b.ReportMetric(float64(len(lat))/took.Seconds(), "answers/s")
		b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
		b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
		b.StartTimer()
	}
}
