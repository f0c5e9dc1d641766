package store_test

import (
	"slices"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

// Waits for new slots are per university and kind, one per person (a
// second keeps the first one's time), oldest first; a person's deletion
// forgets all of theirs and no one else's.
func TestStore_SlotWatch(t *testing.T) {
	s, now := open(t)
	watch := func(uni, kind string, user int64) bool {
		t.Helper()
		var added bool
		if err := s.Update(func(tx *store.Tx) (err error) { added, err = tx.WatchSlots(uni, kind, user, "es"); return err }); err != nil {
			t.Fatal(err)
		}
		*now = now.Add(time.Minute)
		return added
	}
	watchers := func(uni, kind string) (ids []int64) {
		t.Helper()
		err := s.View(func(tx *store.Tx) error {
			ws, err := tx.SlotWatchers(uni, kind)
			for _, w := range ws {
				ids = append(ids, w.User)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return ids
	}
	first := *now
	for _, w := range []struct {
		uni, kind string
		user      int64
	}{{"unma", aulabot.SlotPersonal, 9}, {"unma", aulabot.SlotPersonal, 2}, {"unma", aulabot.SlotGroup, 9}, {"unvs", aulabot.SlotPersonal, 9}, {"unm", aulabot.SlotPersonal, 5}} {
		if !watch(w.uni, w.kind, w.user) {
			t.Errorf("%+v: not added", w)
		}
	}
	if watch("unma", aulabot.SlotPersonal, 9) {
		t.Error("a second wait was added")
	}
	if got := watchers("unma", aulabot.SlotPersonal); !slices.Equal(got, []int64{9, 2}) {
		t.Errorf("unma personal: %v, want 9 then 2 (oldest first)", got)
	}
	s.View(func(tx *store.Tx) error {
		if ws, _ := tx.SlotWatchers("unma", aulabot.SlotPersonal); !ws[0].At.Equal(first) || ws[0].Lang != "es" {
			t.Errorf("the first wait: %+v", ws[0])
		}
		if !tx.WatchingSlots("unma", aulabot.SlotGroup, 9) || tx.WatchingSlots("unma", aulabot.SlotGroup, 2) {
			t.Error("WatchingSlots")
		}
		return nil
	})
	if err := s.Update(func(tx *store.Tx) error { return tx.UnwatchSlots("unma", aulabot.SlotPersonal, 2) }); err != nil {
		t.Fatal(err)
	}
	if got := watchers("unma", aulabot.SlotPersonal); !slices.Equal(got, []int64{9}) {
		t.Errorf("after 2's unwatch: %v", got)
	}
	waits := func(uni string, from, to time.Time) (asked, told int) {
		t.Helper()
		s.View(func(tx *store.Tx) (err error) { asked, told, err = tx.SlotWaits(uni, from, to); return err })
		return asked, told
	}
	if err := s.Update(func(tx *store.Tx) error { return tx.SlotWatchTold("unma", aulabot.SlotGroup, 9) }); err != nil {
		t.Fatal(err)
	}
	if asked, told := waits("unma", first, now.Add(time.Minute)); asked != 3 || told != 1 {
		t.Errorf("unma's log: asked %d, told %d; want 3 and 1", asked, told)
	}
	if asked, _ := waits("unma", first.Add(time.Minute), first.Add(2*time.Minute)); asked != 1 {
		t.Errorf("unma's log in the second minute: asked %d, want 1", asked)
	}
	if err := s.Update(func(tx *store.Tx) error { return tx.DeleteUserData(9) }); err != nil {
		t.Fatal(err)
	}
	if asked, told := waits("unma", first, now.Add(time.Minute)); asked != 3 || told != 1 {
		t.Errorf("the anonymous log after a deletion: asked %d, told %d", asked, told)
	}
	for _, k := range [][2]string{{"unma", aulabot.SlotPersonal}, {"unvs", aulabot.SlotPersonal}} {
		if got := watchers(k[0], k[1]); len(got) != 0 {
			t.Errorf("%v after 9's deletion: %v", k, got)
		}
	}
	if got := watchers("unm", aulabot.SlotPersonal); !slices.Equal(got, []int64{5}) {
		t.Errorf("another university whose name is a prefix: %v", got)
	}
	if !watch("unma", aulabot.SlotPersonal, 9) {
		t.Error("after the deletion a new wait is not added")
	}
}
