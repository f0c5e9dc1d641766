package store

import (
	"bytes"
	"errors"
	"time"

	"github.com/aulabot/aulabot"
	bolt "go.etcd.io/bbolt"
)

const (
	bOutbox     = "outbox"      // id -> aulabot.Message
	bOutboxKeys = "outbox_keys" // key -> id, kept after sending so a key is sent once
	bOutboxDue  = "outbox_due"  // due time, id -> nothing: what to send next, without reading the rest
	bOutboxChat = "outbox_chat" // chat, id -> nothing: a chat's messages in order
	bOutboxHeld = "outbox_held" // chat -> number of its messages waiting for a retry
)

func init() {
	registerBuckets(bOutbox, bOutboxKeys, bOutboxDue, bOutboxChat, bOutboxHeld)
}

// indexOutboxMigration builds the outbox indexes for messages stored
// before they existed (schema 1 to 2).
func indexOutboxMigration(btx *bolt.Tx) error {
	tx := &Tx{tx: btx}
	return tx.bucket(bOutbox).ForEach(func(k, v []byte) error {
		var m aulabot.Message
		if _, err := tx.get(bOutbox, k, &m); err != nil {
			return err
		}
		return tx.indexOutbox(m)
	})
}

// dueKey orders messages by due time (zero: at once), then id.
func dueKey(m aulabot.Message) []byte {
	var t int64
	if !m.NotBefore.IsZero() {
		t = m.NotBefore.UnixNano()
	}
	return append(i64(t), u64(m.ID)...)
}

// indexOutbox adds m to the outbox indexes.
func (tx *Tx) indexOutbox(m aulabot.Message) error {
	if err := tx.bucket(bOutboxDue).Put(dueKey(m), nil); err != nil {
		return err
	}
	if err := tx.bucket(bOutboxChat).Put(append(i64(m.ChatID), u64(m.ID)...), nil); err != nil {
		return err
	}
	if m.Attempts > 0 {
		return tx.addHeld(m.ChatID, 1)
	}
	return nil
}

// unindexOutbox removes m from the outbox and its indexes.
func (tx *Tx) unindexOutbox(m aulabot.Message) error {
	if err := tx.bucket(bOutboxDue).Delete(dueKey(m)); err != nil {
		return err
	}
	if err := tx.bucket(bOutboxChat).Delete(append(i64(m.ChatID), u64(m.ID)...)); err != nil {
		return err
	}
	if m.Attempts > 0 {
		if err := tx.addHeld(m.ChatID, -1); err != nil {
			return err
		}
	}
	return tx.bucket(bOutbox).Delete(u64(m.ID))
}

func (tx *Tx) addHeld(chat int64, n int64) error {
	b := tx.bucket(bOutboxHeld)
	var v int64
	if old := b.Get(i64(chat)); len(old) == 8 {
		v = fromI64(old)
	}
	if v += n; v <= 0 {
		return b.Delete(i64(chat))
	}
	return b.Put(i64(chat), i64(v))
}

// outboxMessage reads message id.
func (tx *Tx) outboxMessage(id uint64) (aulabot.Message, bool, error) {
	var m aulabot.Message
	ok, err := tx.get(bOutbox, u64(id), &m)
	return m, ok, err
}

// Enqueue stores m to be sent (at m.NotBefore, or at once) and returns its
// id. A message whose Key was enqueued before is dropped (id 0): that is
// how reminders and notifications are made idempotent.
func (tx *Tx) Enqueue(m aulabot.Message) (uint64, error) {
	if m.ChatID == 0 {
		return 0, errors.New("enqueue: no chat")
	}
	if m.Key != "" && tx.bucket(bOutboxKeys).Get([]byte(m.Key)) != nil {
		return 0, nil
	}
	id, err := tx.nextID(bOutbox)
	if err != nil {
		return 0, err
	}
	m.ID, m.Created, m.Attempts = id, tx.now, 0
	if err := tx.put(bOutbox, u64(id), m); err != nil {
		return 0, err
	}
	if err := tx.indexOutbox(m); err != nil {
		return 0, err
	}
	if m.Key != "" {
		if err := tx.bucket(bOutboxKeys).Put([]byte(m.Key), u64(id)); err != nil {
			return 0, err
		}
	}
	tx.enqueued = true
	return id, nil
}

// CancelOutbox removes the unsent messages whose key starts with prefix
// (a cancelled booking's reminders) and returns how many.
func (tx *Tx) CancelOutbox(prefix string) (int, error) {
	if prefix == "" {
		return 0, errors.New("cancel outbox: empty prefix")
	}
	keys := tx.bucket(bOutboxKeys)
	var ids, ks [][]byte
	c := keys.Cursor()
	for k, v := c.Seek([]byte(prefix)); k != nil && bytes.HasPrefix(k, []byte(prefix)); k, v = c.Next() {
		ks = append(ks, append([]byte(nil), k...))
		ids = append(ids, append([]byte(nil), v...))
	}
	n := 0
	for i, id := range ids {
		m, ok, err := tx.outboxMessage(fromU64(id))
		if err != nil {
			return n, err
		}
		if ok {
			if err := tx.unindexOutbox(m); err != nil {
				return n, err
			}
			n++
		}
		if err := keys.Delete(ks[i]); err != nil {
			return n, err
		}
	}
	return n, nil
}

// CancelChatOutbox removes every unsent message to chat (a person who
// deleted their data) and returns how many. It reads only that chat's
// entries.
func (tx *Tx) CancelChatOutbox(chat int64) (int, error) {
	prefix := i64(chat)
	var ids []uint64
	c := tx.bucket(bOutboxChat).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		ids = append(ids, fromU64(k[8:]))
	}
	n := 0
	for _, id := range ids {
		m, ok, err := tx.outboxMessage(id)
		if err != nil {
			return n, err
		}
		if !ok {
			continue
		}
		if m.Key != "" {
			if err := tx.bucket(bOutboxKeys).Delete([]byte(m.Key)); err != nil {
				return n, err
			}
		}
		if err := tx.unindexOutbox(m); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// Due returns up to limit unsent messages due at now and the time the next
// later one falls due (zero if none). Each chat's messages come in order; a
// chat whose message waits for a retry gets none of its later messages.
// Only the due part of the outbox is read, however many reminders wait.
func (s *Store) Due(now time.Time, limit int) (due []aulabot.Message, next time.Time, err error) {
	err = s.View(func(tx *Tx) error {
		held := tx.bucket(bOutboxHeld)
		c := tx.bucket(bOutboxDue).Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			if t := fromI64(k[:8]); t > now.UnixNano() {
				next = time.Unix(0, t)
				break
			}
			if len(due) >= limit {
				break
			}
			m, ok, err := tx.outboxMessage(fromU64(k[8:]))
			if err != nil {
				return err
			}
			if ok && held.Get(i64(m.ChatID)) == nil {
				due = append(due, m)
			}
		}
		// Chats held by a retry: their messages in id order, up to the
		// first one that must still wait.
		return held.ForEach(func(chat, _ []byte) error {
			cc := tx.bucket(bOutboxChat).Cursor()
			for k, _ := cc.Seek(chat); k != nil && bytes.HasPrefix(k, chat) && len(due) < limit; k, _ = cc.Next() {
				m, ok, err := tx.outboxMessage(fromU64(k[8:]))
				if err != nil {
					return err
				}
				if !ok {
					continue
				}
				if m.NotBefore.After(now) {
					if m.Attempts > 0 {
						if next.IsZero() || m.NotBefore.Before(next) {
							next = m.NotBefore
						}
						break
					}
					continue // a reminder for later does not hold the chat
				}
				due = append(due, m)
			}
			return nil
		})
	})
	return due, next, err
}

// Pending returns every unsent message, due or not, oldest first.
func (s *Store) Pending() ([]aulabot.Message, error) {
	var all []aulabot.Message
	err := s.View(func(tx *Tx) error {
		return tx.bucket(bOutbox).ForEach(func(k, v []byte) error {
			var m aulabot.Message
			_, err := tx.get(bOutbox, k, &m)
			all = append(all, m)
			return err
		})
	})
	return all, err
}

// OutboxDepth is the number of unsent messages.
func (s *Store) OutboxDepth() (n int, err error) {
	err = s.View(func(tx *Tx) error { n = tx.bucket(bOutbox).Stats().KeyN; return nil })
	return n, err
}

// Sent removes message id from the outbox and, if it had a Ref, remembers
// which Telegram message it became.
func (s *Store) Sent(id uint64, chat int64, messageID int) error {
	var scrub bool
	err := s.db.Batch(func(btx *bolt.Tx) error {
		tx := &Tx{tx: btx, s: s, now: s.Now()}
		m, ok, err := tx.outboxMessage(id)
		if err != nil || !ok {
			return err
		}
		if m.Ref != "" && messageID != 0 {
			if err := tx.PutRef(m.Ref, chat, messageID); err != nil {
				return err
			}
		}
		if scrub, err = tx.scrubOwed(id); err != nil {
			return err
		}
		return tx.unindexOutbox(m)
	})
	if err == nil && scrub {
		err = s.scrubFree()
	}
	return err
}

// Retry keeps message id for another attempt at notBefore.
func (s *Store) Retry(id uint64, notBefore time.Time) error {
	return s.Update(func(tx *Tx) error {
		m, ok, err := tx.outboxMessage(id)
		if err != nil || !ok {
			return err
		}
		if err := tx.unindexOutbox(m); err != nil {
			return err
		}
		m.Attempts++
		m.NotBefore = notBefore
		if err := tx.put(bOutbox, u64(id), m); err != nil {
			return err
		}
		return tx.indexOutbox(m)
	})
}

// Drop removes message id, which Telegram refused for good, and counts it.
func (s *Store) Drop(id uint64) error {
	return s.Update(func(tx *Tx) error {
		m, ok, err := tx.outboxMessage(id)
		if err != nil || !ok {
			return err
		}
		if err := tx.Count("outbox:dropped", 1); err != nil {
			return err
		}
		if tx.scrub, err = tx.scrubOwed(id); err != nil {
			return err
		}
		return tx.unindexOutbox(m)
	})
}
