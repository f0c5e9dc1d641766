package store

import (
	"bytes"
	"fmt"

	"github.com/aulabot/aulabot"
)

// The weekly digest is sent once per university and week: its messages
// carry keys under one prefix (handlers/report_digest.go writes it), and
// the outbox keeps a key from when it is queued until KeyKeep after it is
// settled, longer than the week a digest can be sent in.

// OutboxKeyed reports whether a message whose key starts with prefix is
// waiting in the outbox or was settled less than KeyKeep ago.
func (tx *Tx) OutboxKeyed(prefix string) bool {
	k, _ := tx.bucket(bOutboxKeys).Cursor().Seek([]byte(prefix))
	return k != nil && bytes.HasPrefix(k, []byte(prefix))
}

// OutboxKeyed is Tx.OutboxKeyed in its own read transaction.
func (s *Store) OutboxKeyed(prefix string) (ok bool, err error) {
	err = s.View(func(tx *Tx) error { ok = tx.OutboxKeyed(prefix); return nil })
	return ok, err
}

// EnqueueOnce stores msgs in the outbox in one transaction, unless a
// message keyed under prefix is already known (OutboxKeyed): then it
// stores nothing and returns false. Every message must have a key under
// prefix, so that the next call knows them.
func (s *Store) EnqueueOnce(prefix string, msgs []aulabot.Message) (stored bool, err error) {
	for _, m := range msgs {
		if len(m.Key) <= len(prefix) || m.Key[:len(prefix)] != prefix {
			return false, fmt.Errorf("enqueue once: message to %d has key %q, not under %q", m.ChatID, m.Key, prefix)
		}
	}
	err = s.Update(func(tx *Tx) error {
		if stored = !tx.OutboxKeyed(prefix); !stored {
			return nil
		}
		for _, m := range msgs {
			if _, err := tx.Enqueue(m); err != nil {
				return err
			}
		}
		return nil
	})
	return stored && err == nil, err
}
