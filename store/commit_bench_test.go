package store

import (
	"context"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/aulabot/aulabot"
)

// BenchmarkStore_Commit is the bot's write pattern with fsync on: many
// workers each apply an update that queues a reply, then settle the reply
// as sent (Apply, then Delivered), on a database with a history of 20,000
// such updates. It reports the time per update (all workers together),
// Apply's p50 and p99, and write transactions per update. "max" goes as
// fast as the disk allows; "paced" offers 500 updates a second, a load
// at which the committer is idle between updates now and then;
// "paced1000" offers 1,000, BenchmarkTerm's target, with no handler's
// work and no HTTP beside the store: what the store alone takes.
func BenchmarkStore_Commit(b *testing.B) {
	b.Run("max", func(b *testing.B) { benchCommit(b, nil) })
	b.Run("paced", func(b *testing.B) { benchCommit(b, rate.NewLimiter(500, 1)) })
	b.Run("paced1000", func(b *testing.B) { benchCommit(b, rate.NewLimiter(1000, 1)) })
}

func benchCommit(b *testing.B, pace *rate.Limiter) {
	s, err := Open(filepath.Join(b.TempDir(), "aulabot.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	// Update n's reply, and its settlement once sent as message n.
	reply := func(n int64) aulabot.Message {
		return aulabot.Message{ChatID: n%400 + 1, Text: "Una respuesta de unas doscientas letras, como las del bot: " +
			"cómo entregar una tarea en Moodle, paso a paso, con el enlace al artículo y los botones de Útil y No útil."}
	}
	sent := func(mid uint64, n int64, at time.Time) Delivery {
		return Delivery{ID: mid, Chat: n%400 + 1, MessageID: int(n), Sends: []SentRecord{{Chat: n%400 + 1, At: at}}}
	}
	const history = 20000
	for from := int64(1); from <= history; from += 1000 {
		err := s.Update(func(tx *Tx) error {
			for n := from; n < from+1000; n++ {
				if err := tx.markApplied(n, n+1); err != nil {
					return err
				}
				mid, err := tx.Enqueue(reply(n))
				if err != nil {
					return err
				}
				if err := tx.delivered(sent(mid, n, tx.now)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	var id atomic.Int64
	id.Store(history)
	update := func() (time.Duration, error) {
		n := id.Add(1)
		var mid uint64
		start := time.Now()
		err := s.Apply(context.Background(), n, n+1, func(tx *Tx) (err error) {
			mid, err = tx.Enqueue(reply(n))
			return err
		})
		took := time.Since(start)
		if err != nil {
			return took, err
		}
		return took, s.Delivered(sent(mid, n, s.Now()))
	}
	commits, err := s.Commits()
	if err != nil {
		b.Fatal(err)
	}
	var mu sync.Mutex
	var took []time.Duration
	b.SetParallelism(8) // 16 workers on 2 cores
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		var mine []time.Duration
		for pb.Next() {
			if pace != nil {
				pace.Wait(context.Background())
			}
			d, err := update()
			if err != nil {
				b.Error(err)
				return
			}
			mine = append(mine, d)
		}
		mu.Lock()
		took = append(took, mine...)
		mu.Unlock()
	})
	b.StopTimer()
	after, err := s.Commits()
	if err != nil {
		b.Fatal(err)
	}
	slices.Sort(took)
	q := func(f float64) float64 { return float64(took[int(f*float64(len(took)-1))].Microseconds()) / 1000 }
	b.ReportMetric(q(0.5), "apply_p50_ms")
	b.ReportMetric(q(0.99), "apply_p99_ms")
	b.ReportMetric(float64(after-commits)/float64(len(took)), "commits/update")
}
