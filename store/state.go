package store

import (
	"bytes"

	"github.com/aulabot/aulabot"
)

const (
	bStates        = "states"
	bStatesOnboard = "states_onboard" // user -> nothing: their private chat's state is /start under way
	bPages         = "pages"          // user kind -> aulabot.Page: the message of that kind whose buttons are live
)

func pageKey(user int64, kind string) []byte { return append(i64(user), kind...) }

// Page returns the message showing user's page of kind, if one is known.
func (tx *Tx) Page(user int64, kind string) (aulabot.Page, bool, error) {
	var p aulabot.Page
	ok, err := tx.get(bPages, pageKey(user, kind), &p)
	return p, ok, err
}

// SetPage stores p as the message showing user's page of kind; the zero
// Page forgets it.
func (tx *Tx) SetPage(user int64, kind string, p aulabot.Page) error {
	if p.IsZero() {
		return tx.bucket(bPages).Delete(pageKey(user, kind))
	}
	return tx.put(bPages, pageKey(user, kind), p)
}

// State returns the conversation state of user in chat.
func (tx *Tx) State(chat, user int64) (aulabot.State, error) {
	var st aulabot.State
	_, err := tx.get(bStates, stateKey(user, chat), &st)
	return st, err
}

// SetState stores the conversation state of user in chat; the zero State
// clears it.
func (tx *Tx) SetState(chat, user int64, st aulabot.State) error {
	if chat == user {
		if err := tx.markOnboarding(user, st.Flow == aulabot.OnboardFlow); err != nil {
			return err
		}
	}
	if st.Flow == "" {
		return tx.bucket(bStates).Delete(stateKey(user, chat))
	}
	st.Updated = tx.now
	return tx.put(bStates, stateKey(user, chat), st)
}

// markOnboarding keeps user among those whose /start is under way in
// their private chat (on) or not, writing only a change.
func (tx *Tx) markOnboarding(user int64, on bool) error {
	b, k := tx.bucket(bStatesOnboard), i64(user)
	switch has := b.Get(k) != nil; {
	case on && !has:
		return b.Put(k, []byte{})
	case !on && has:
		return b.Delete(k)
	}
	return nil
}

// Onboarding calls fn for each person whose /start is under way in their
// private chat, with its state, by the index of them: not every
// conversation state.
func (tx *Tx) Onboarding(fn func(user int64, st aulabot.State) error) error {
	c := tx.bucket(bStatesOnboard).Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		user := fromI64(k)
		st, err := tx.State(user, user)
		if err != nil {
			return err
		}
		if st.Flow != aulabot.OnboardFlow {
			continue
		}
		if err := fn(user, st); err != nil {
			return err
		}
	}
	return nil
}

// keyed by user first, so a user's states can be found and deleted.
func stateKey(user, chat int64) []byte { return pair(user, chat) }

// deleteStates removes user's conversation states and pages.
func (tx *Tx) deleteStates(user int64) error {
	if err := tx.markOnboarding(user, false); err != nil {
		return err
	}
	prefix := i64(user)
	for _, b := range []string{bStates, bPages} {
		c := tx.bucket(b).Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Seek(prefix) {
			if err := c.Delete(); err != nil {
				return err
			}
		}
	}
	return nil
}
