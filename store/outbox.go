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
	bRefs       = "refs"        // ref -> chat, message id
	bMsgRefs    = "msgrefs"     // chat, message id -> ref
)

func init() { registerBuckets(bOutbox, bOutboxKeys, bRefs, bMsgRefs) }

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
	m.ID, m.Created = id, tx.now
	if err := tx.put(bOutbox, u64(id), m); err != nil {
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
		if tx.bucket(bOutbox).Get(id) != nil {
			if err := tx.bucket(bOutbox).Delete(id); err != nil {
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

// Due returns up to limit unsent messages due at now, oldest first, and the
// time the next later one falls due (zero if none). A chat whose message
// waits for a retry gets none of its later messages, so order is kept.
func (s *Store) Due(now time.Time, limit int) (due []aulabot.Message, next time.Time, err error) {
	held := map[int64]bool{}
	err = s.View(func(tx *Tx) error {
		return tx.bucket(bOutbox).ForEach(func(k, v []byte) error {
			var m aulabot.Message
			if _, err := tx.get(bOutbox, k, &m); err != nil {
				return err
			}
			if held[m.ChatID] {
				return nil
			}
			if m.NotBefore.After(now) {
				if m.Attempts > 0 {
					held[m.ChatID] = true
				}
				if next.IsZero() || m.NotBefore.Before(next) {
					next = m.NotBefore
				}
				return nil
			}
			if len(due) < limit {
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
	return s.db.Batch(func(btx *bolt.Tx) error {
		tx := &Tx{tx: btx, s: s, now: s.Now()}
		var m aulabot.Message
		ok, err := tx.get(bOutbox, u64(id), &m)
		if err != nil || !ok {
			return err
		}
		if m.Ref != "" && messageID != 0 {
			if err := tx.PutRef(m.Ref, chat, messageID); err != nil {
				return err
			}
		}
		return tx.bucket(bOutbox).Delete(u64(id))
	})
}

// Retry keeps message id for another attempt at notBefore.
func (s *Store) Retry(id uint64, notBefore time.Time) error {
	return s.Update(func(tx *Tx) error {
		var m aulabot.Message
		ok, err := tx.get(bOutbox, u64(id), &m)
		if err != nil || !ok {
			return err
		}
		m.Attempts++
		m.NotBefore = notBefore
		return tx.put(bOutbox, u64(id), m)
	})
}

// Drop removes message id, which Telegram refused for good, and counts it.
func (s *Store) Drop(id uint64) error {
	return s.Update(func(tx *Tx) error {
		if err := tx.Count("outbox:dropped", 1); err != nil {
			return err
		}
		return tx.bucket(bOutbox).Delete(u64(id))
	})
}

// PutRef remembers that ref names message messageID in chat.
func (tx *Tx) PutRef(ref string, chat int64, messageID int) error {
	v := append(i64(chat), i64(int64(messageID))...)
	if err := tx.bucket(bRefs).Put([]byte(ref), v); err != nil {
		return err
	}
	return tx.bucket(bMsgRefs).Put(v, []byte(ref))
}

// Ref returns the chat and message id sent under ref.
func (tx *Tx) Ref(ref string) (chat int64, messageID int, ok bool) {
	v := tx.bucket(bRefs).Get([]byte(ref))
	if len(v) != 16 {
		return 0, 0, false
	}
	return fromI64(v[:8]), int(fromI64(v[8:])), true
}

// MessageRef returns the ref a sent message was stored under.
func (tx *Tx) MessageRef(chat int64, messageID int) (string, bool) {
	v := tx.bucket(bMsgRefs).Get(pair(chat, int64(messageID)))
	if v == nil {
		return "", false
	}
	return string(v), true
}

// Ref returns the chat and message id sent under ref.
func (s *Store) Ref(ref string) (chat int64, messageID int, ok bool) {
	_ = s.View(func(tx *Tx) error { chat, messageID, ok = tx.Ref(ref); return nil })
	return chat, messageID, ok
}
