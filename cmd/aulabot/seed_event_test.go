package main

import (
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

// TestSeedDemo_PastTraining: the demo has a training of two days ago, an
// hour long and over, as one held through the bot leaves it: Rosa and
// Diego had a place, Rosa gave it 5 stars and a comment, Diego said
// nothing; its figures say so, and nothing is scheduled for it.
func TestSeedDemo_PastTraining(t *testing.T) {
	st, now := seededDemo(t)
	err := st.View(func(tx *store.Tx) error {
		e, ok, err := tx.Event(2)
		if err != nil || !ok {
			t.Fatalf("no second training: %v", err)
		}
		if e.Title != demoPastEvent.title || !e.End().Before(now) || now.Sub(e.At) > 3*24*time.Hour || e.Cancelled != (time.Time{}) {
			t.Errorf("the past training = %+v (now %v)", e, now)
		}
		n := e.Counts
		if n.Attending != 2 || n.Asked != 2 || n.Came() != 1 || n.Stars[4] != 1 || n.Comments != 1 || n.Unsaid() != 1 || n.Invited < 2 {
			t.Errorf("its figures = %+v", n)
		}
		if said, ok := tx.EventFeedback(2, 9001); !ok || said != 5 || tx.EventComment(2, 9001) != demoPastEvent.comment {
			t.Errorf("Rosa said %d %v %q", said, ok, tx.EventComment(2, 9001))
		}
		if _, ok := tx.EventFeedback(2, 9002); ok || tx.EventAnswer(2, 9002) != aulabot.EventAttend {
			t.Error("Diego should have had a place and said nothing")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for key := range scheduledJobs(t, st, now) {
		for _, k := range []string{"evrem:2", "evfb:2", "evsum:2"} {
			if key == k {
				t.Errorf("a job for the past training: %s", key)
			}
		}
	}
}
