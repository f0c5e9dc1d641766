package store

import (
	"bytes"
	"encoding/json"

	"github.com/aulabot/aulabot"
)

// Live training events: the event (its figures in its counts) and one
// answer per person who answered its invitation. The invitations go out
// as a campaign (store/announce.go); the rules (capacity, audience) are
// the service's (service/events.go), checked in the same transaction as
// the answer is stored.
const (
	bEvents       = "event"        // id -> aulabot.Event
	bEventAnswers = "event_answer" // id, user -> 'y' (attending) or 'n' (declined)
)

var eventAnswerCodes = map[string]byte{aulabot.EventAttend: 'y', aulabot.EventDecline: 'n'}

// CreateEvent stores e with a new id and its creation time.
func (tx *Tx) CreateEvent(e aulabot.Event) (aulabot.Event, error) {
	id, err := tx.nextID(bEvents)
	if err != nil {
		return e, err
	}
	e.ID, e.Created = id, tx.now
	return e, tx.PutEvent(e)
}

// Event reads event id.
func (tx *Tx) Event(id uint64) (e aulabot.Event, ok bool, err error) {
	ok, err = tx.get(bEvents, u64(id), &e)
	return e, ok, err
}

// PutEvent stores e.
func (tx *Tx) PutEvent(e aulabot.Event) error { return tx.put(bEvents, u64(e.ID), e) }

// Events returns every event, oldest first.
func (tx *Tx) Events() ([]aulabot.Event, error) {
	var es []aulabot.Event
	err := tx.bucket(bEvents).ForEach(func(_, v []byte) error {
		var e aulabot.Event
		err := json.Unmarshal(v, &e)
		es = append(es, e)
		return err
	})
	return es, err
}

// EventAnswer returns user's answer to event id: aulabot.EventAttend,
// aulabot.EventDecline or "" (none).
func (tx *Tx) EventAnswer(id uint64, user int64) string {
	return codeName(tx.bucket(bEventAnswers).Get(rcptKey(id, user)), eventAnswerCodes)
}

// SetEventAnswer stores user's answer to event id ("" removes it).
func (tx *Tx) SetEventAnswer(id uint64, user int64, answer string) error {
	code, ok := eventAnswerCodes[answer]
	if !ok {
		return tx.bucket(bEventAnswers).Delete(rcptKey(id, user))
	}
	return tx.bucket(bEventAnswers).Put(rcptKey(id, user), []byte{code})
}

// EventAttendees returns the people attending event id, by id.
func (tx *Tx) EventAttendees(id uint64) ([]int64, error) {
	var people []int64
	prefix := u64(id)
	c := tx.bucket(bEventAnswers).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		if len(v) == 1 && v[0] == eventAnswerCodes[aulabot.EventAttend] {
			people = append(people, fromI64(k[8:]))
		}
	}
	return people, nil
}

// EraseEventAnswers removes user's answers to every event and returns
// how many there were; the events' counts keep them.
func (tx *Tx) EraseEventAnswers(user int64) (int, error) {
	var keys [][]byte
	err := tx.bucket(bEvents).ForEach(func(k, _ []byte) error {
		if key := rcptKey(fromU64(k), user); tx.bucket(bEventAnswers).Get(key) != nil {
			keys = append(keys, key)
		}
		return nil
	})
	for _, k := range keys {
		if err := tx.bucket(bEventAnswers).Delete(k); err != nil {
			return 0, err
		}
	}
	return len(keys), err
}
