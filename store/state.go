package store

import (
	"bytes"

	"github.com/aulabot/aulabot"
)

const bStates = "states"

// State returns the conversation state of user in chat.
func (tx *Tx) State(chat, user int64) (aulabot.State, error) {
	var st aulabot.State
	_, err := tx.get(bStates, stateKey(user, chat), &st)
	return st, err
}

// SetState stores the conversation state of user in chat; the zero State
// clears it.
func (tx *Tx) SetState(chat, user int64, st aulabot.State) error {
	if st.Flow == "" {
		return tx.bucket(bStates).Delete(stateKey(user, chat))
	}
	st.Updated = tx.now
	return tx.put(bStates, stateKey(user, chat), st)
}

// keyed by user first, so a user's states can be found and deleted.
func stateKey(user, chat int64) []byte { return pair(user, chat) }

func (tx *Tx) deleteStates(user int64) error {
	c := tx.bucket(bStates).Cursor()
	prefix := i64(user)
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Seek(prefix) {
		if err := c.Delete(); err != nil {
			return err
		}
	}
	return nil
}
