package store

import (
	"bytes"
	"fmt"
	"slices"
	"time"

	"github.com/aulabot/aulabot"
)

const (
	bUsers    = "users"
	bUsersUni = "users_uni" // university 0 role 0 id -> nil: the people of a university by role
	bStats    = "stats"
)

// User returns the user with id; false if unknown.
func (tx *Tx) User(id int64) (aulabot.User, bool, error) {
	var u aulabot.User
	ok, err := tx.get(bUsers, i64(id), &u)
	return u, ok, err
}

// PutUser creates or replaces a user.
func (tx *Tx) PutUser(u aulabot.User) error {
	if u.ID == 0 {
		return fmt.Errorf("put user: no id")
	}
	if u.CreatedAt.IsZero() {
		u.CreatedAt = tx.now
	}
	u.Name = aulabot.CleanText(u.Name) // shown to mentors and teams
	was, ok, err := tx.User(u.ID)
	if err != nil {
		return err
	}
	if ok && (was.University != u.University || was.Role != u.Role) {
		if err := tx.bucket(bUsersUni).Delete(userUniKey(was)); err != nil {
			return err
		}
	}
	if err := tx.indexUser(u); err != nil {
		return err
	}
	return tx.put(bUsers, i64(u.ID), u)
}

// userUniKey is u's key in bUsersUni.
func userUniKey(u aulabot.User) []byte {
	return append([]byte(u.University+"\x00"+u.Role+"\x00"), i64(u.ID)...)
}

// indexUser puts u among its university's people (none before one is
// chosen), with when they finished /start as the value (empty before),
// so that reports count them without reading their records.
func (tx *Tx) indexUser(u aulabot.User) error {
	if u.University == "" {
		return nil
	}
	v := []byte{}
	if !u.ConsentAt.IsZero() {
		v = i64(u.ConsentAt.UnixNano())
	}
	return tx.bucket(bUsersUni).Put(userUniKey(u), v)
}

// UniversityPeople calls fn for each person of university uni: their id,
// role ("" before they chose one) and when they finished /start (zero
// before), read from the index of people by university alone.
func (tx *Tx) UniversityPeople(uni string, fn func(id int64, role string, onboarded time.Time) error) error {
	prefix := []byte(uni + "\x00")
	c := tx.bucket(bUsersUni).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		f := bytes.SplitN(k[len(prefix):], []byte{0}, 2)
		if len(f) != 2 || len(f[1]) != 8 {
			continue
		}
		var at time.Time
		if len(v) == 8 {
			at = time.Unix(0, fromI64(v))
		}
		if err := fn(fromI64(f[1]), string(f[0]), at); err != nil {
			return err
		}
	}
	return nil
}

// UsersAt calls fn for the people of university uni (of every university
// when uni is ""), of one of roles (any role when there is none), by the
// index of people by university and role: an audience costs what it
// holds, not every person the bot knows.
func (tx *Tx) UsersAt(uni string, roles []string, fn func(aulabot.User) error) error {
	var prefix []byte
	if uni != "" {
		prefix = []byte(uni + "\x00")
	}
	c := tx.bucket(bUsersUni).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		f := bytes.SplitN(k, []byte{0}, 3)
		if len(f) != 3 || len(f[2]) != 8 || (len(roles) > 0 && !slices.Contains(roles, string(f[1]))) {
			continue
		}
		u, ok, err := tx.User(fromI64(f[2]))
		if err != nil {
			return err
		}
		if ok {
			if err := fn(u); err != nil {
				return err
			}
		}
	}
	return nil
}

// User returns the user with id; false if unknown.
func (s *Store) User(id int64) (u aulabot.User, ok bool, err error) {
	err = s.View(func(tx *Tx) error {
		u, ok, err = tx.User(id)
		return err
	})
	return u, ok, err
}

// Users calls fn for every user.
func (tx *Tx) Users(fn func(aulabot.User) error) error {
	return tx.bucket(bUsers).ForEach(func(k, v []byte) error {
		var u aulabot.User
		if _, err := tx.get(bUsers, k, &u); err != nil {
			return err
		}
		return fn(u)
	})
}

// DeleteUserData removes a user's personal data: the user record, every
// conversation state, each domain's records (bookings, waits for new
// slots, questions, a
// mentor's slots, survey responses that name them, tickets), every ref naming a message in their private
// chat (whose id is theirs) and every message still waiting to be sent to
// it. Anonymous counters stay. Messages the caller queues after it in the
// same transaction (the confirmation) are sent; once they have left the
// outbox, the file's free pages are overwritten (scrub.go).
func (tx *Tx) DeleteUserData(id int64) error {
	if u, ok, err := tx.User(id); err != nil {
		return err
	} else if ok {
		if err := tx.bucket(bUsersUni).Delete(userUniKey(u)); err != nil {
			return err
		}
	}
	if err := tx.bucket(bUsers).Delete(i64(id)); err != nil {
		return err
	}
	if err := tx.deleteStates(id); err != nil {
		return err
	}
	// Each domain removes or anonymises its records of the person.
	for _, erase := range []func(tx *Tx, user int64) error{eraseBookings, (*Tx).eraseSlotWatches, eraseQuestions, eraseSlots, eraseSurveys, eraseCampaignCursors, eraseTickets, (*Tx).eraseCampaignRecipient, (*Tx).eraseLMS} {
		if err := erase(tx, id); err != nil {
			return err
		}
	}
	tx.scrubAfter(id)
	if err := tx.DropChatRefs(id); err != nil {
		return err
	}
	_, err := tx.CancelChatOutbox(id)
	return err
}

// Count adds n to the anonymous counter name.
func (tx *Tx) Count(name string, n int64) error {
	b := tx.bucket(bStats)
	var v int64
	if old := b.Get([]byte(name)); len(old) == 8 {
		v = fromI64(old)
	}
	return b.Put([]byte(name), i64(v+n))
}

// Counter reads the anonymous counter name.
func (tx *Tx) Counter(name string) int64 {
	if b := tx.bucket(bStats).Get([]byte(name)); len(b) == 8 {
		return fromI64(b)
	}
	return 0
}
