package store

import (
	"encoding/json"
	"fmt"
	"time"
)

// OutboxEntry is what the sender needs to schedule a stored message: its
// chat, its lane and when it may go, read from the due index without
// decoding the message.
type OutboxEntry struct {
	ID   uint64
	Chat int64
	Lane string
	// At is when the message may be sent (zero: at once).
	At time.Time
	// Leave: the message makes the bot leave Chat.
	Leave bool
	// Yield: the message gives way to Chat's other lanes (Message.Yield).
	Yield bool
}

// OutboxCursor is how far a scan has read the messages due at once: the
// outbox's id sequence when it ran. Ids grow in commit order (bbolt has a
// single writer), so the next scan reads only the ids after it.
type OutboxCursor struct{ Seq uint64 }

// OutboxScan is the result of ScanOutbox.
type OutboxScan struct {
	// Entries are the messages due at once stored after the cursor, every
	// scheduled message due by now, and every message waiting for a
	// retry (whose At may be later: it holds its lane).
	Entries []OutboxEntry
	Cursor  OutboxCursor
	// Next is when the next scheduled message falls due (zero: none).
	Next time.Time
}

type retryRecord struct {
	Chat  int64     `json:"chat"`
	Lane  string    `json:"lane,omitempty"`
	Since time.Time `json:"since"` // the first failure
	Next  time.Time `json:"next"`
	Error string    `json:"err"`
	// Leave and Yield are the message's (Message.Leave, Message.Yield):
	// after a restart the sender learns a retry's place from this record.
	Leave bool `json:"leave,omitempty"`
	Yield bool `json:"yield,omitempty"`
}

// ScanOutbox reads what the sender has not seen yet: messages due at once
// stored after c, scheduled messages due by now, and those waiting for a
// retry. It decodes no message and reads neither the messages due later
// nor the earlier ones due at once, however many wait there: the sender
// keeps those it has seen in memory.
func (s *Store) ScanOutbox(c OutboxCursor, now time.Time) (scan OutboxScan, err error) {
	err = s.View(func(tx *Tx) error {
		scan.Cursor.Seq = tx.bucket(bOutbox).Sequence()
		cur := tx.bucket(bOutboxDue).Cursor()
		for k, v := cur.Seek(append(i64(0), u64(c.Seq+1)...)); k != nil && fromI64(k[:8]) == 0; k, v = cur.Next() {
			scan.Entries = append(scan.Entries, dueEntry(k, v))
		}
		for k, v := cur.Seek(i64(1)); k != nil; k, v = cur.Next() {
			if t := fromI64(k[:8]); t > now.UnixNano() {
				scan.Next = time.Unix(0, t)
				break
			}
			scan.Entries = append(scan.Entries, dueEntry(k, v))
		}
		return tx.bucket(bOutboxRetry).ForEach(func(k, v []byte) error {
			var r retryRecord
			if err := decode(bOutboxRetry, k, v, &r); err != nil {
				return err
			}
			scan.Entries = append(scan.Entries, OutboxEntry{ID: fromU64(k), Chat: r.Chat, Lane: r.Lane, At: r.Next, Leave: r.Leave, Yield: r.Yield})
			return nil
		})
	})
	return scan, err
}

// dueEntry reads one entry of the due index.
func dueEntry(k, v []byte) OutboxEntry {
	e := OutboxEntry{ID: fromU64(k[8:16])}
	if t := fromI64(k[:8]); t != 0 {
		e.At = time.Unix(0, t)
	}
	if len(v) >= 9 {
		e.Chat = fromI64(v[:8])
		e.Leave, e.Yield = v[8]&dueFlagLeave != 0, v[8]&dueFlagYield != 0
		e.Lane = string(v[9:])
	}
	return e
}

// decode decodes a JSON record read from bucket at key.
func decode(bucket string, key, v []byte, into any) error {
	if err := json.Unmarshal(v, into); err != nil {
		return fmt.Errorf("decode %s/%x: %w", bucket, key, err)
	}
	return nil
}
