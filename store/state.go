package store

import (
	"bytes"
	"time"
)

const bStates = "states"

func init() { registerBuckets(bStates) }

// State is where one user is in a conversation flow in one chat: the flow,
// its step and what was collected so far. The zero State is "no flow".
type State struct {
	Flow    string            `json:"flow,omitempty"`
	Step    string            `json:"step,omitempty"`
	Data    map[string]string `json:"data,omitempty"`
	Updated time.Time         `json:"updated"`
}

// Get returns a collected value.
func (s State) Get(k string) string { return s.Data[k] }

// With returns a copy of s with k set to v.
func (s State) With(k, v string) State {
	d := make(map[string]string, len(s.Data)+1)
	for kk, vv := range s.Data {
		d[kk] = vv
	}
	d[k] = v
	s.Data = d
	return s
}

// State returns the conversation state of user in chat.
func (tx *Tx) State(chat, user int64) (State, error) {
	var st State
	_, err := tx.get(bStates, stateKey(user, chat), &st)
	return st, err
}

// SetState stores the conversation state of user in chat; the zero State
// clears it.
func (tx *Tx) SetState(chat, user int64, st State) error {
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
