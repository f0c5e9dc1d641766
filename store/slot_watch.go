package store

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/aulabot/aulabot"
)

// People who found no slot of a kind and asked to be told when mentors
// publish one (🔔 on "no slots"): per university and kind, and per person
// to erase them without a scan.
//
// The reports count the waits asked for and told in a period from an
// anonymous log: the university, the minute and the kind, no person (the
// minute, not the instant, so that no other record's time points to
// whose wait it was).
const (
	bSlotWatch     = "slot_watch"      // uni 0 kind 0 user -> aulabot.SlotWatch
	bSlotWatchUser = "slot_watch_user" // user uni 0 kind -> nil
	bSlotWatchLog  = "slot_watch_log"  // uni 0 time seq -> event kind ("w" or "t", then the kind)
)

// The events of the log: a wait asked for, a wait told.
const (
	watchAsked = 'w'
	watchTold  = 't'
)

// logWatch adds event (watchAsked, watchTold) of a wait for a slot of kind
// at uni to the anonymous log, at the transaction's time.
func (tx *Tx) logWatch(uni, kind string, event byte) error {
	seq, err := tx.nextID(bSlotWatchLog)
	if err != nil {
		return err
	}
	k := append(append([]byte(uni), 0), i64(tx.now.Truncate(time.Minute).UnixNano())...)
	return tx.bucket(bSlotWatchLog).Put(append(k, u64(seq)...), append([]byte{event}, kind...))
}

// SlotWaits counts, from the anonymous log, the waits for new slots asked
// for (asked) and told (told) at university in [from, to), reading only
// those.
func (tx *Tx) SlotWaits(university string, from, to time.Time) (asked, told int, err error) {
	prefix := append([]byte(university), 0)
	end := append(slices.Clone(prefix), i64(to.UnixNano())...)
	c := tx.bucket(bSlotWatchLog).Cursor()
	for k, v := c.Seek(append(slices.Clone(prefix), i64(from.UnixNano())...)); k != nil && bytes.Compare(k, end) < 0; k, v = c.Next() {
		switch {
		case len(v) == 0:
		case v[0] == watchAsked:
			asked++
		case v[0] == watchTold:
			told++
		}
	}
	return asked, told, nil
}

func slotWatchKey(uni, kind string, user int64) []byte {
	k := append([]byte(uni), 0)
	k = append(append(k, kind...), 0)
	return append(k, i64(user)...)
}

func slotWatchUserKey(user int64, uni, kind string) []byte {
	k := append(i64(user), uni...)
	return append(append(k, 0), kind...)
}

// WatchSlots records that user (speaking lang) wants to be told when a
// slot of kind is published at university uni; false if they were
// already waiting (their request keeps its time).
func (tx *Tx) WatchSlots(uni, kind string, user int64, lang string) (bool, error) {
	key := slotWatchKey(uni, kind, user)
	if tx.bucket(bSlotWatch).Get(key) != nil {
		return false, nil
	}
	if err := tx.put(bSlotWatch, key, aulabot.SlotWatch{User: user, Lang: lang, At: tx.now}); err != nil {
		return false, err
	}
	if err := tx.bucket(bSlotWatchUser).Put(slotWatchUserKey(user, uni, kind), nil); err != nil {
		return false, err
	}
	return true, tx.logWatch(uni, kind, watchAsked)
}

// WatchingSlots reports whether user waits to be told of slots of kind at uni.
func (tx *Tx) WatchingSlots(uni, kind string, user int64) bool {
	return tx.bucket(bSlotWatch).Get(slotWatchKey(uni, kind, user)) != nil
}

// SlotWatchers returns who waits for a slot of kind at uni, oldest request
// first, reading only theirs.
func (tx *Tx) SlotWatchers(uni, kind string) ([]aulabot.SlotWatch, error) {
	prefix := append(append(append([]byte(uni), 0), kind...), 0)
	var out []aulabot.SlotWatch
	c := tx.bucket(bSlotWatch).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		var w aulabot.SlotWatch
		if err := json.Unmarshal(v, &w); err != nil {
			return nil, fmt.Errorf("decode %s/%x: %w", bSlotWatch, k, err)
		}
		out = append(out, w)
	}
	slices.SortFunc(out, func(a, b aulabot.SlotWatch) int {
		return cmp.Or(a.At.Compare(b.At), cmp.Compare(a.User, b.User))
	})
	return out, nil
}

// UnwatchSlots forgets that user waits for slots of kind at uni.
func (tx *Tx) UnwatchSlots(uni, kind string, user int64) error {
	if err := tx.bucket(bSlotWatch).Delete(slotWatchKey(uni, kind, user)); err != nil {
		return err
	}
	return tx.bucket(bSlotWatchUser).Delete(slotWatchUserKey(user, uni, kind))
}

// SlotWatchTold ends user's wait for slots of kind at uni, told of one,
// and logs it (anonymously) for the reports.
func (tx *Tx) SlotWatchTold(uni, kind string, user int64) error {
	if err := tx.UnwatchSlots(uni, kind, user); err != nil {
		return err
	}
	return tx.logWatch(uni, kind, watchTold)
}

// eraseSlotWatches forgets every wait of user (DeleteUserData).
func (tx *Tx) eraseSlotWatches(user int64) error {
	prefix := i64(user)
	var keys [][]byte
	c := tx.bucket(bSlotWatchUser).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		keys = append(keys, bytes.Clone(k))
	}
	for _, k := range keys {
		uni, kind, _ := bytes.Cut(k[len(prefix):], []byte{0})
		if err := tx.UnwatchSlots(string(uni), string(kind), user); err != nil {
			return err
		}
	}
	return nil
}
