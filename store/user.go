package store

import (
	"fmt"

	"github.com/aulabot/aulabot"
)

const (
	bUsers = "users"
	bStats = "stats"
)

func init() { registerBuckets(bUsers, bStats) }

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
	return tx.put(bUsers, i64(u.ID), u)
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

// eraser removes or anonymises one domain's personal data of a user; each
// domain registers its own (bookings, tickets, ...).
type eraser func(tx *Tx, userID int64) error

var erasers []eraser

func registerEraser(e eraser) { erasers = append(erasers, e) }

// DeleteUserData removes a user's personal data: the user record, every
// conversation state, what each domain registered, every ref naming a
// message in their private chat (whose id is theirs) and every message
// still waiting to be sent to it; it counts the deletion (anonymously, by
// university and role). Messages the caller queues after it in the same
// transaction (the confirmation) are sent.
func (tx *Tx) DeleteUserData(id int64) error {
	u, ok, err := tx.User(id)
	if err != nil {
		return err
	}
	if ok {
		if err := tx.Count(fmt.Sprintf("deleted:%s:%s", u.University, u.Role), 1); err != nil {
			return err
		}
	}
	if err := tx.bucket(bUsers).Delete(i64(id)); err != nil {
		return err
	}
	if err := tx.deleteStates(id); err != nil {
		return err
	}
	for _, e := range erasers {
		if err := e(tx, id); err != nil {
			return err
		}
	}
	if err := tx.DropChatRefs(id); err != nil {
		return err
	}
	_, err = tx.CancelChatOutbox(id)
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
