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

// Live training events: the event (its figures in its counts) and one
// answer per person who answered its invitation. The invitations go out
// as a campaign (store/announce.go); the rules (capacity, audience) are
// the service's (service/events.go), checked in the same transaction as
// the answer is stored.
const (
	bEvents       = "event"        // id -> aulabot.Event
	bEventAnswers = "event_answer" // id, user -> 'y' (attending), its feedback and comment; 'n' (declined); 'w' and a sequence (waiting)
	bEventsEnd    = "event_end"    // end (i64 unix ns), id -> nothing: the events by their end
	bEventsUser   = "event_user"   // user, id -> nothing: the events a person answered
)

var eventAnswerCodes = map[string]byte{aulabot.EventAttend: 'y', aulabot.EventDecline: 'n', aulabot.EventWait: 'w'}

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

// PutEvent stores e, and its place among the events by their end.
func (tx *Tx) PutEvent(e aulabot.Event) error {
	var was aulabot.Event
	ok, err := tx.get(bEvents, u64(e.ID), &was)
	if err != nil {
		return err
	}
	if !ok || !was.End().Equal(e.End()) { // new, or moved
		if ok {
			if err := tx.bucket(bEventsEnd).Delete(eventEndKey(was)); err != nil {
				return err
			}
		}
		if err := tx.bucket(bEventsEnd).Put(eventEndKey(e), nil); err != nil {
			return err
		}
	}
	return tx.put(bEvents, u64(e.ID), e)
}

func eventEndKey(e aulabot.Event) []byte { return append(i64(e.End().UnixNano()), u64(e.ID)...) }

// EventsEndingAfter returns the events that end after t, cancelled ones
// included, by their end: what the lists of trainings to come and of the
// last days read, at the same cost however many were held before.
func (tx *Tx) EventsEndingAfter(t time.Time) ([]aulabot.Event, error) {
	var es []aulabot.Event
	c := tx.bucket(bEventsEnd).Cursor()
	for k, _ := c.Seek(i64(t.UnixNano() + 1)); k != nil; k, _ = c.Next() {
		e, ok, err := tx.Event(fromU64(k[8:]))
		if err != nil {
			return nil, err
		}
		if ok {
			es = append(es, e)
		}
	}
	return es, nil
}

// UniversityEvents returns the events of university that start in
// [from, to), cancelled ones included, by their end: it reads the events
// that end from from until the longest event after to
// (aulabot.EventMaxMinutes), so a report costs what its period holds,
// however many were held before.
func (tx *Tx) UniversityEvents(university string, from, to time.Time) ([]aulabot.Event, error) {
	var es []aulabot.Event
	last := i64(to.Add(aulabot.EventMaxMinutes * time.Minute).UnixNano())
	c := tx.bucket(bEventsEnd).Cursor()
	for k, _ := c.Seek(i64(from.UnixNano())); k != nil && bytes.Compare(k[:8], last) <= 0; k, _ = c.Next() {
		e, ok, err := tx.Event(fromU64(k[8:]))
		if err != nil {
			return nil, err
		}
		if ok && e.University == university && !e.At.Before(from) && e.At.Before(to) {
			es = append(es, e)
		}
	}
	return es, nil
}

// AnsweredEvents returns the ids of the events user answered (attending,
// declined or waiting), in id order.
func (tx *Tx) AnsweredEvents(user int64) []uint64 {
	var ids []uint64
	prefix := i64(user)
	c := tx.bucket(bEventsUser).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		ids = append(ids, fromU64(k[8:]))
	}
	return ids
}

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
// aulabot.EventDecline, aulabot.EventWait or "" (none).
func (tx *Tx) EventAnswer(id uint64, user int64) string {
	v := tx.bucket(bEventAnswers).Get(rcptKey(id, user))
	if len(v) > 0 {
		v = v[:1] // a wait's sequence, or an attendee's feedback, follows its code
	}
	return codeName(v, eventAnswerCodes)
}

// SetEventAnswer stores user's answer to event id ("" removes it), and
// the event among the person's (AnsweredEvents). A wait is stored with
// the next number of a sequence, so that EventWaitlist gives the waiting
// in the order they joined; a wait set again keeps its place.
func (tx *Tx) SetEventAnswer(id uint64, user int64, answer string) error {
	b, key := tx.bucket(bEventAnswers), rcptKey(id, user)
	code, ok := eventAnswerCodes[answer]
	byUser := append(i64(user), u64(id)...)
	if !ok {
		if err := tx.bucket(bEventsUser).Delete(byUser); err != nil {
			return err
		}
		return b.Delete(key)
	}
	if err := tx.bucket(bEventsUser).Put(byUser, nil); err != nil {
		return err
	}
	switch {
	case answer == aulabot.EventWait && tx.EventAnswer(id, user) == aulabot.EventWait:
		return nil
	case answer == aulabot.EventWait:
		seq, err := b.NextSequence()
		if err != nil {
			return err
		}
		return b.Put(key, append([]byte{code}, u64(seq)...))
	}
	return b.Put(key, []byte{code})
}

// EventWaitlist returns the people on the waitlist of event id, in the
// order they joined it.
func (tx *Tx) EventWaitlist(id uint64) ([]int64, error) {
	type waiting struct {
		user int64
		seq  uint64
	}
	var ws []waiting
	prefix := u64(id)
	c := tx.bucket(bEventAnswers).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		if len(v) == 9 && v[0] == eventAnswerCodes[aulabot.EventWait] {
			ws = append(ws, waiting{fromI64(k[8:]), fromU64(v[1:])})
		}
	}
	slices.SortFunc(ws, func(a, b waiting) int { return cmp.Compare(a.seq, b.seq) })
	people := make([]int64, len(ws))
	for i, w := range ws {
		people[i] = w.user
	}
	return people, nil
}

// EventFeedback returns what user, who had a place at event id, said
// after it: aulabot.EventMissed or 1 to 5 stars, and false if they have
// said nothing (or had no place).
func (tx *Tx) EventFeedback(id uint64, user int64) (int, bool) {
	v := tx.bucket(bEventAnswers).Get(rcptKey(id, user))
	if len(v) < 2 || v[0] != eventAnswerCodes[aulabot.EventAttend] {
		return 0, false
	}
	return int(v[1]), true
}

// EventComment returns what user wrote after event id, "" for nothing.
func (tx *Tx) EventComment(id uint64, user int64) string {
	if v := tx.bucket(bEventAnswers).Get(rcptKey(id, user)); len(v) > 2 && v[0] == eventAnswerCodes[aulabot.EventAttend] {
		return string(v[2:])
	}
	return ""
}

// SetEventComment stores text as what user wrote after event id, beside
// their feedback (EventFeedback), which they must have given; it replaces
// one written before.
func (tx *Tx) SetEventComment(id uint64, user int64, text string) error {
	feedback, ok := tx.EventFeedback(id, user)
	if !ok {
		return fmt.Errorf("store: a comment of %d on event %d, who said nothing of it", user, id)
	}
	return tx.bucket(bEventAnswers).Put(rcptKey(id, user), append([]byte{eventAnswerCodes[aulabot.EventAttend], byte(feedback)}, text...))
}

// EventComments returns the comments written after event id, by the
// writers' ids, without them.
func (tx *Tx) EventComments(id uint64) []aulabot.EventComment {
	var out []aulabot.EventComment
	prefix := u64(id)
	c := tx.bucket(bEventAnswers).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		if len(v) > 2 && v[0] == eventAnswerCodes[aulabot.EventAttend] {
			out = append(out, aulabot.EventComment{Feedback: int(v[1]), Text: string(v[2:])})
		}
	}
	return out
}

// SetEventFeedback stores what user said after event id (EventFeedback)
// beside their answer, which must be that they would attend; a comment
// written before stays (a changed answer keeps it).
func (tx *Tx) SetEventFeedback(id uint64, user int64, feedback int) error {
	if tx.EventAnswer(id, user) != aulabot.EventAttend || feedback < aulabot.EventMissed || feedback > 5 {
		return fmt.Errorf("store: feedback %d of %d on event %d, who had no place", feedback, user, id)
	}
	v := []byte{eventAnswerCodes[aulabot.EventAttend], byte(feedback)}
	return tx.bucket(bEventAnswers).Put(rcptKey(id, user), append(v, tx.EventComment(id, user)...))
}

// EventAttendees returns the people attending event id, by id.
func (tx *Tx) EventAttendees(id uint64) ([]int64, error) {
	var people []int64
	prefix := u64(id)
	c := tx.bucket(bEventAnswers).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		if len(v) > 0 && v[0] == eventAnswerCodes[aulabot.EventAttend] {
			people = append(people, fromI64(k[8:]))
		}
	}
	return people, nil
}
