package store

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
)

// BenchmarkOpen measures what --check-db costs at start-up: opening a
// database of 100,000 people (a 79 MB file) with the quick checks only, and
// with the page walk and bbolt's full consistency check.
func BenchmarkOpen(b *testing.B) {
	p := filepath.Join(b.TempDir(), "aulabot.db")
	s, err := Open(p, Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	for from := int64(1); from <= 100000; from += 10000 {
		err := s.Update(func(tx *Tx) error {
			for id := from; id < from+10000; id++ {
				if err := tx.PutUser(aulabot.User{ID: id, Name: strings.Repeat("n", 200)}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	s.Close()
	for _, check := range []bool{false, true} {
		b.Run(fmt.Sprintf("check=%v", check), func(b *testing.B) {
			for range b.N {
				s, err := Open(p, Options{Check: check})
				if err != nil {
					b.Fatal(err)
				}
				s.Close()
			}
			if fi, err := os.Stat(p); err == nil {
				b.ReportMetric(float64(fi.Size())/1e6, "MB")
			}
		})
	}
}
