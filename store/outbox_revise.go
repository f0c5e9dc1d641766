package store

import (
	"github.com/aulabot/aulabot"
)

// ReviseQueued rewrites in place the unsent messages to chat in lane: revise
// is called with each in order and reports whether it changed it. It may
// change what a message says (text, buttons, file) but not where or when it
// goes: id, key, chat, lane and due time stay, and so do its places in the
// indexes. It reads only that chat's queued messages, and returns how many
// it rewrote. It is how a message that names a person who deleted their
// data is rewritten before it is ever sent.
func (tx *Tx) ReviseQueued(chat int64, lane string, revise func(m *aulabot.Message) bool) (int, error) {
	n := 0
	for _, id := range tx.chatOutbox(chat) {
		m, ok, err := tx.outboxMessage(id)
		if err != nil {
			return n, err
		}
		if !ok || m.Lane != lane {
			continue
		}
		fixed := m
		if !revise(&m) {
			continue
		}
		m.ID, m.Key, m.ChatID, m.Lane, m.NotBefore, m.Attempts = fixed.ID, fixed.Key, fixed.ChatID, fixed.Lane, fixed.NotBefore, fixed.Attempts
		if err := tx.put(bOutbox, u64(m.ID), m); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
