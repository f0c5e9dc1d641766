package store

import (
	"fmt"
	"slices"
	"sync"

	bolt "go.etcd.io/bbolt"
)

// outboxChats are the outbox's unsent messages by chat, which a person's
// deletion, a chat found unreachable and a revision of what is queued
// read (chatOutbox). They are kept in memory, not in a bucket of their
// own: the due index holds each message's chat, so Open builds them from
// it, and a commit writes two index entries fewer for every message
// queued and sent. Up to schema 20 they were the bucket outbox_chat; in
// BenchmarkTerm/paced (three interleaved pairs, -v) a commit wrote
// 27.6-28.1 pages with it and 24.6-25.0 without, and took 1.62-1.86 ms
// against 1.48-1.58 ms to write and sync.
//
// Every write transaction runs through Store.update, which holds mu from
// its start to its end: the committed ids are the file's as of the last
// commit, and the transaction's own changes wait in pending until all its
// functions have run. If its commit then fails the ids may say more than
// the file, and the next transaction builds them again from the due index
// first (stale).
type outboxChats struct {
	mu      sync.Mutex
	ids     map[int64][]uint64 // each chat's unsent messages, ascending
	pending map[int64][]chatChange
	stale   bool
}

// outboxChatMigration empties the bucket that held the outbox's messages
// by chat (schema 20 to 21): Open builds them in memory from the due
// index now.
func outboxChatMigration(btx *bolt.Tx) error {
	if err := btx.DeleteBucket([]byte(bOutboxChat)); err != nil {
		return err
	}
	_, err := btx.CreateBucket([]byte(bOutboxChat))
	return err
}

// chatChange is a message queued (add) or gone from the outbox, in the
// order the transaction made them.
type chatChange struct {
	id  uint64
	add bool
}

// load builds the ids from the due index of btx.
func (c *outboxChats) load(btx *bolt.Tx) {
	c.ids = map[int64][]uint64{}
	cur := btx.Bucket([]byte(bOutboxDue)).Cursor()
	for k, v := cur.First(); k != nil; k, v = cur.Next() {
		e := dueEntry(k, v)
		c.ids[e.Chat] = append(c.ids[e.Chat], e.ID)
	}
	for _, ids := range c.ids {
		slices.Sort(ids) // the due index orders by due time first
	}
	c.stale = false
}

// check says whether the ids are those of the due index of btx, the
// last commit's (Store.Check).
func (c *outboxChats) check(btx *bolt.Tx) error {
	var file outboxChats
	file.load(btx)
	for chat, ids := range file.ids {
		if !slices.Equal(c.ids[chat], ids) {
			return fmt.Errorf("the outbox's messages to chat %d are %v in memory and %v in the due index", chat, c.ids[chat], ids)
		}
	}
	for chat, ids := range c.ids {
		if len(file.ids[chat]) == 0 {
			return fmt.Errorf("the outbox's messages to chat %d are %v in memory and none in the due index", chat, ids)
		}
	}
	return nil
}

// begin starts a write transaction: the ids are built again if they may
// say more than the file.
func (c *outboxChats) begin(btx *bolt.Tx) {
	if c.stale {
		c.load(btx)
	}
}

// change records that message id of chat was queued or left the outbox.
func (c *outboxChats) change(chat int64, id uint64, add bool) {
	if c.pending == nil {
		c.pending = map[int64][]chatChange{}
	}
	c.pending[chat] = append(c.pending[chat], chatChange{id, add})
}

// of lists chat's unsent messages, the transaction's changes included,
// ascending.
func (c *outboxChats) of(chat int64) []uint64 {
	return applyChanges(slices.Clone(c.ids[chat]), c.pending[chat])
}

// apply makes the transaction's changes part of the committed ids, once
// all its functions have run.
func (c *outboxChats) apply() {
	for chat, changes := range c.pending {
		if ids := applyChanges(c.ids[chat], changes); len(ids) > 0 {
			c.ids[chat] = ids
		} else {
			delete(c.ids, chat)
		}
	}
	clear(c.pending)
}

// applyChanges applies changes to ids, ascending, in order.
func applyChanges(ids []uint64, changes []chatChange) []uint64 {
	for _, ch := range changes {
		i, found := slices.BinarySearch(ids, ch.id)
		switch {
		case ch.add && !found:
			ids = slices.Insert(ids, i, ch.id)
		case !ch.add && found:
			ids = slices.Delete(ids, i, i+1)
		}
	}
	return ids
}

// update runs fn in a write transaction: every write of the store's goes
// through it (the committer's groups, Update), so that the outbox's
// chats follow what is committed.
func (s *Store) update(fn func(*bolt.Tx) error) error {
	c := &s.chats
	c.mu.Lock()
	defer c.mu.Unlock()
	ran := false
	err := s.db.Update(func(btx *bolt.Tx) error {
		c.begin(btx)
		if err := fn(btx); err != nil {
			return err
		}
		c.apply()
		ran = true
		return nil
	})
	if err != nil && ran {
		c.stale = true // the commit failed after its changes were applied
	}
	clear(c.pending) // a transaction that failed left its changes
	return err
}
