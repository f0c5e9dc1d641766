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
	bUsersUni = "users_uni" // university 0 role 0 id -> (ignored): the people of a university by role
	// university 0 day role -> count: how many of the university's
	// people finished /start on each day (UTC), by role; and university 0
	// time id -> role: each of them by when. A report counts the people as
	// of a date from the days before it and the hours of its day.
	bUsersDays   = "users_days"
	bUsersJoined = "users_joined"
	bStats       = "stats"
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
	if !ok || !sameJoin(was, u) {
		if err := tx.countJoined(was, -1); err != nil {
			return err
		}
		if err := tx.countJoined(u, 1); err != nil {
			return err
		}
	}
	return tx.put(bUsers, i64(u.ID), u)
}

// sameJoin tells whether a and b are counted alike among the people who
// finished /start: the same university, role and moment.
func sameJoin(a, b aulabot.User) bool {
	return a.University == b.University && a.Role == b.Role && a.ConsentAt.UnixNano() == b.ConsentAt.UnixNano()
}

// countJoined adds delta (1 or -1) to u's day among its university's
// people who finished /start, and puts u's entry by that moment in (or
// takes it out); nothing for someone who has not finished it.
func (tx *Tx) countJoined(u aulabot.User, delta int64) error {
	if !u.Onboarded() {
		return nil
	}
	day := tx.bucket(bUsersDays)
	k := joinDayKey(u.University, u.ConsentAt, u.Role)
	n := delta
	if v := day.Get(k); len(v) == 8 {
		n += fromI64(v)
	}
	var err error
	if n <= 0 {
		err = day.Delete(k)
	} else {
		err = day.Put(k, i64(n))
	}
	if err != nil {
		return err
	}
	k = joinedKey(u)
	if delta < 0 {
		return tx.bucket(bUsersJoined).Delete(k)
	}
	return tx.bucket(bUsersJoined).Put(k, []byte(u.Role))
}

// joinDay is the day (UTC, since 1970) that holds t, a time /start was
// finished: never before 1970.
func joinDay(t time.Time) int64 { return t.Unix() / 86400 }

// joinDayKey is the key in bUsersDays of uni's people of role who
// finished /start on t's day; without role, where that day's keys begin.
func joinDayKey(uni string, t time.Time, role string) []byte {
	return slices.Concat([]byte(uni+"\x00"), i64(joinDay(t)), []byte(role))
}

// joinedKey is u's key in bUsersJoined.
func joinedKey(u aulabot.User) []byte {
	return slices.Concat([]byte(u.University+"\x00"), i64(u.ConsentAt.UnixNano()), i64(u.ID))
}

// OnboardedBefore calls fn with how many people of university uni had
// finished /start before t, by role (people who deleted their data are
// no longer counted): the counts of the days before t's and the people of
// its day before t, not every person.
func (tx *Tx) OnboardedBefore(uni string, t time.Time, fn func(role string, n int)) error {
	prefix := []byte(uni + "\x00")
	end := joinDayKey(uni, t, "")
	c := tx.bucket(bUsersDays).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.Compare(k, end) < 0; k, v = c.Next() {
		if len(k) < len(prefix)+8 || len(v) != 8 {
			return fmt.Errorf("people by day: bad entry %q", k)
		}
		fn(string(k[len(prefix)+8:]), int(fromI64(v)))
	}
	return tx.OnboardedBetween(uni, time.Unix(joinDay(t)*86400, 0), t, func(role string) error {
		fn(role, 1)
		return nil
	})
}

// OnboardedBetween calls fn with the role of each person of university
// uni who finished /start from since to before, by when.
func (tx *Tx) OnboardedBetween(uni string, since, before time.Time, fn func(role string) error) error {
	prefix := []byte(uni + "\x00")
	end := append(slices.Clone(prefix), i64(before.UnixNano())...)
	c := tx.bucket(bUsersJoined).Cursor()
	for k, v := c.Seek(append(prefix, i64(since.UnixNano())...)); k != nil && bytes.Compare(k, end) < 0; k, v = c.Next() {
		if err := fn(string(v)); err != nil {
			return err
		}
	}
	return nil
}

// userUniKey is u's key in bUsersUni.
func userUniKey(u aulabot.User) []byte {
	return append([]byte(u.University+"\x00"+u.Role+"\x00"), i64(u.ID)...)
}

// indexUser puts u among its university's people (none before one is
// chosen).
func (tx *Tx) indexUser(u aulabot.User) error {
	if u.University == "" {
		return nil
	}
	return tx.bucket(bUsersUni).Put(userUniKey(u), []byte{})
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
		if err := tx.countJoined(u, -1); err != nil {
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
