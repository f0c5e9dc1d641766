package handlers_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
	"github.com/aulabot/aulabot/store"
)

// gapHistory stores n questions: the newest 1,000 spread over the last 30
// days (a busy month of two universities), the others over the two years
// before; every third one unanswered, texts from 300 ways of asking.
func gapHistory(b *testing.B, e *htest.Env, n int) {
	b.Helper()
	now := e.Now()
	const recent, month = 1000, 30 * 24 * time.Hour
	for start := 0; start < n; start += 10000 {
		err := e.Store.Update(func(tx *store.Tx) error {
			for i := start; i < min(n, start+10000); i++ {
				at := now.Add(-time.Duration(n-i) * (month / recent))
				if old := n - recent; i < old {
					at = now.Add(-month - time.Duration(old-i)*(2*365*24*time.Hour/time.Duration(old)))
				}
				q := aulabot.Question{UserID: int64(100000 + i%5000), University: []string{"unma", "unvs"}[i%2], Role: "student", Lang: "es",
					Text: fmt.Sprintf("no puedo %s el %s del curso %d", []string{"abrir", "subir", "ver", "descargar", "entregar"}[i%5],
						[]string{"examen", "foro", "video", "archivo", "trabajo", "silabo"}[i%6], i%10), At: at, Outcome: aulabot.OutcomeAnswer}
				if i%3 == 0 {
					q.Outcome = aulabot.OutcomeNone
				}
				if _, err := tx.AddQuestion(q); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGaps is /gaps by a coordinator with 1k, 10k and 100k questions
// stored: it should cost the same, since only the month is read.
func BenchmarkGaps(b *testing.B) {
	for nth, n := range []int{1000, 10000, 100000} {
		if nth > 0 && testing.Short() {
			break // -short, as the CI's run of every benchmark once: the smallest size
		}
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			e := htest.New(b, nil)
			gapHistory(b, e, n)
			coord := htest.Person(5001, "es")
			for b.Loop() {
				if out := e.Text(coord, 0, "/gaps"); len(out) != 1 || !strings.Contains(out[0].Text, "×") {
					b.Fatalf("/gaps = %+v", out)
				}
			}
		})
	}
}
