package store

import (
	"time"
)

// The sent log keeps the last minutes of sends (chat, time), written in
// the transaction that marks each message sent, so that a new process
// starts its rate limits where the last one left them.
const bSentLog = "outbox_sent" // time, id, n -> chat

// SentLogKeep is how long sends are kept: Telegram's longest window (a
// minute per group) with a margin.
const SentLogKeep = 2 * time.Minute

// SentRecord is one call that reached Telegram: the chat and when.
type SentRecord struct {
	Chat int64
	At   time.Time
}

// logSends records the calls made for message id and forgets a few of
// the records older than SentLogKeep, so the log stays small without a
// scan.
func (tx *Tx) logSends(id uint64, sends []SentRecord) error {
	b := tx.bucket(bSentLog)
	var latest time.Time
	for n, r := range sends {
		k := append(i64(r.At.UnixNano()), u64(id)...)
		if err := b.Put(append(k, byte(n)), i64(r.Chat)); err != nil {
			return err
		}
		if r.At.After(latest) {
			latest = r.At
		}
	}
	if latest.IsZero() {
		return nil
	}
	_, err := tx.pruneSends(latest.Add(-SentLogKeep), 16+len(sends))
	return err
}

// pruneSends deletes at most max records older than before, oldest first.
func (tx *Tx) pruneSends(before time.Time, max int) (int, error) {
	return tx.pruneOldest(bSentLog, before, max, nil)
}

// forgetChatSends deletes chat's records (the log holds a couple of
// minutes of sends, so reading it whole is cheap).
func (tx *Tx) forgetChatSends(chat int64) error {
	b := tx.bucket(bSentLog)
	var del [][]byte
	_ = b.ForEach(func(k, v []byte) error {
		if len(v) == 8 && fromI64(v) == chat {
			del = append(del, append([]byte(nil), k...))
		}
		return nil
	})
	for _, k := range del {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// RecentSends returns the logged sends at or after since, oldest first.
func (s *Store) RecentSends(since time.Time) (out []SentRecord, err error) {
	err = s.View(func(tx *Tx) error {
		c := tx.bucket(bSentLog).Cursor()
		for k, v := c.Seek(i64(since.UnixNano())); k != nil; k, v = c.Next() {
			if len(v) == 8 {
				out = append(out, SentRecord{Chat: fromI64(v), At: time.Unix(0, fromI64(k[:8]))})
			}
		}
		return nil
	})
	return out, err
}
