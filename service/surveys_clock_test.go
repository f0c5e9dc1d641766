package service_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/aulabot/aulabot/service"
	"github.com/aulabot/aulabot/store"
	"github.com/aulabot/aulabot/survey"
)

// A campaign's reminders and the results it sends at the close are paced
// from the clock the caller passes (the handlers', the one Due was asked
// at), not from the store's: with the two apart, the messages follow the
// caller's.
func TestSurveys_RunPacesFromCallersClock(t *testing.T) {
	svs, sv := newSurveys(t)
	s := newStore(t)
	storeClock := now
	s.Now = func() time.Time { return storeClock }
	const coord = 5001
	onboard(t, s, "unma", "es", 9001, 9002)
	update(t, s, func(tx *store.Tx) error {
		if _, err := svs.Start(tx, sv, []string{"unma"}, coord, "en"); err != nil {
			return err
		}
		_, err := tx.SkipSurveyQuestion(sv, 9001, "comments", time.UTC) // 9001 takes part
		return err
	})
	run := func(at time.Time) {
		t.Helper()
		camp := campaign(t, s, sv)
		step := svs.Due(sv, camp, at)
		if step.Kind == service.CampaignNone {
			t.Fatalf("nothing due at %v", at)
		}
		if err := s.Apply(context.Background(), step.Mark, 0, func(tx *store.Tx) error {
			return svs.Run(tx, sv, camp, step, nil, at)
		}); err != nil {
			t.Fatal(err)
		}
	}
	// last returns when the newest message to each of ids goes out, earliest first.
	last := func(ids ...int64) []time.Time {
		var at []time.Time
		for _, id := range ids {
			ms := pending(t, s, id)
			at = append(at, ms[len(ms)-1].NotBefore)
		}
		slices.SortFunc(at, time.Time.Compare)
		return at
	}

	// Reminders: the store reads 10:00 in Lima, the caller 12:00.
	storeClock = now.Add(survey.ReminderEvery)
	caller := storeClock.Add(2 * time.Hour)
	run(caller)
	if at := last(9001, 9002); !at[0].Equal(caller) || !at[1].Equal(survey.Paced(caller, 1)) {
		t.Fatalf("reminders at %v, want paced from the caller's %v", at, caller)
	}

	// The close: the store reads 07:00 in Lima (results would wait for
	// 09:00), the caller 10:00, daytime: the results go at once.
	storeClock = time.Date(2026, 4, 1, 12, 0, 0, 0, time.UTC)
	caller = time.Date(2026, 4, 1, 15, 0, 0, 0, time.UTC)
	run(caller)
	if at := last(9001); !at[0].Equal(caller) {
		t.Fatalf("results at %v, want the caller's %v", at, caller)
	}
}
