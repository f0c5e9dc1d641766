package store

import "github.com/aulabot/aulabot"

// ReviseQueued rewrites in place the unsent message that was enqueued with
// key, and reports whether there was one. revise may change what the
// message says (text, buttons, file) but not where or when it goes: its
// id, chat, lane and due time stay, and so do its places in the indexes.
// It is how a message that names a person who deleted their data is
// rewritten before it is ever sent.
func (tx *Tx) ReviseQueued(key string, revise func(m *aulabot.Message)) (bool, error) {
	id := tx.bucket(bOutboxKeys).Get([]byte(key))
	if len(id) != 8 {
		return false, nil
	}
	m, ok, err := tx.outboxMessage(fromU64(id))
	if err != nil || !ok {
		return false, err
	}
	fixed := m
	revise(&m)
	m.ID, m.Key, m.ChatID, m.Lane, m.NotBefore, m.Attempts = fixed.ID, fixed.Key, fixed.ChatID, fixed.Lane, fixed.NotBefore, fixed.Attempts
	return true, tx.put(bOutbox, u64(m.ID), m)
}
