package store

import (
	"time"

	bolt "go.etcd.io/bbolt"
)

// Delivery is what became of a message Telegram took.
type Delivery struct {
	ID uint64
	// Chat and MessageID are the message sent or edited (MessageID is 0
	// for a deletion or for leaving the chat).
	Chat      int64
	MessageID int
	// Repoint is a ref whose messages were all gone: the edit was sent as
	// a new message, which the ref names from now on.
	Repoint string
	// Gone are messages of the edited ref that Telegram no longer has.
	Gone []MessageLoc
	// Sends are the calls that reached Telegram, for the rate limits.
	Sends []SentRecord
	// Key and Ref are the message's, as the outbox read it: one cancelled
	// while it was on its way is known by them (lateCampaignMessage).
	Key, Ref string
}

// Delivered removes the message d names from the outbox, remembers its ref,
// logs its sends and clears its chat's unreachable mark, in one
// transaction. A message no longer stored (cancelled meanwhile) only has
// its sends logged and, if it was a campaign's, its recipient counted as
// sent (lateCampaignMessage). Only the outbox waits for the mark (its
// worker, and the next message of the same chat and lane), so it shares
// the next transaction someone else waits for (at most a few milliseconds
// later) rather than making them wait for its own. Committing it at once
// when a next message waits was tried: people's waits in BenchmarkTerm
// did not change.
func (s *Store) Delivered(d Delivery) error {
	var scrub bool
	err := s.commits.doLazy(func(btx *bolt.Tx) error {
		tx := &Tx{tx: btx, s: s, now: s.Now()}
		defer func() { scrub = tx.scrub }()
		return tx.delivered(d)
	})
	if err == nil && scrub {
		err = s.scrubFree()
	}
	return err
}

// Sent is Delivered for one message sent now to chat as messageID.
func (s *Store) Sent(id uint64, chat int64, messageID int) error {
	return s.Delivered(Delivery{ID: id, Chat: chat, MessageID: messageID, Sends: []SentRecord{{Chat: chat, At: s.Now()}}})
}

// delivered is Delivered's transaction.
func (tx *Tx) delivered(d Delivery) error {
	sends := d.Sends
	if tx.bucket(bScrubAfter).Get(u64(d.ID)) != nil {
		// Sent to someone who deleted their data: the log counts the
		// send towards the overall limit without naming the chat.
		sends = make([]SentRecord, len(d.Sends))
		for i, r := range d.Sends {
			sends[i] = SentRecord{At: r.At}
		}
	}
	if err := tx.logSends(d.ID, sends); err != nil {
		return err
	}
	m, ok, err := tx.sentMessage(d.ID)
	if err != nil {
		return err
	}
	if !ok {
		return tx.lateCampaignMessage(d)
	}
	if err := tx.clearUnreachable(d.Chat); err != nil {
		return err
	}
	for _, l := range d.Gone {
		if err := tx.dropRefLoc(m.EditRef, l); err != nil {
			return err
		}
	}
	if d.Repoint != "" {
		if err := tx.PutRef(d.Repoint, d.Chat, d.MessageID); err != nil {
			return err
		}
	}
	if m.Ref != "" && d.MessageID != 0 {
		if err := tx.PutRef(m.Ref, d.Chat, d.MessageID); err != nil {
			return err
		}
	}
	return tx.settle(m)
}

// RetryCap bounds the retries of one message: it is dead after Attempts
// failed attempts, or once it has been failing for Age.
type RetryCap struct {
	Attempts int
	Age      time.Duration
}

// Retry keeps message id for another attempt at notBefore, with no cap.
func (s *Store) Retry(id uint64, notBefore time.Time) error {
	_, err := s.Failed(id, notBefore, "", RetryCap{})
	return err
}

// Failed records a failed attempt of message id (why is Telegram's answer
// or the network error): the message is tried again at next, or, past
// cap, moved to the dead letters with reason DeadRetries (dead is true).
func (s *Store) Failed(id uint64, next time.Time, why string, cap RetryCap) (dead bool, err error) {
	err = s.Update(func(tx *Tx) error {
		m, ok, err := tx.outboxMessage(id)
		if err != nil || !ok {
			return err
		}
		var r retryRecord
		if _, err := tx.get(bOutboxRetry, u64(id), &r); err != nil {
			return err
		}
		if r.Since.IsZero() {
			r.Since = tx.now
		}
		m.Attempts++
		if (cap.Attempts > 0 && m.Attempts >= cap.Attempts) || (cap.Age > 0 && tx.now.Sub(r.Since) >= cap.Age) {
			dead = true
			return tx.bury(m, DeadRetries, why)
		}
		if err := tx.unindexOutbox(m); err != nil {
			return err
		}
		m.NotBefore = next
		r.Chat, r.Lane, r.Next, r.Error = m.ChatID, m.Lane, next, why
		r.Leave, r.Yield = m.Leave, m.Yield
		if err := tx.put(bOutbox, u64(id), m); err != nil {
			return err
		}
		if err := tx.indexOutbox(m); err != nil {
			return err
		}
		return tx.put(bOutboxRetry, u64(id), r)
	})
	return dead, err
}

// Drop removes message id, which is no longer wanted (an edit of a message
// that is gone), and counts it.
func (s *Store) Drop(id uint64) error {
	return s.Update(func(tx *Tx) error {
		m, ok, err := tx.outboxMessage(id)
		if err != nil || !ok {
			return err
		}
		if err := tx.Count("outbox:dropped", 1); err != nil {
			return err
		}
		return tx.settle(m)
	})
}

// Dead moves message id to the dead letters with reason and Telegram's
// answer desc.
func (s *Store) Dead(id uint64, reason, desc string) error {
	return s.Update(func(tx *Tx) error {
		m, ok, err := tx.outboxMessage(id)
		if err != nil || !ok {
			return err
		}
		return tx.bury(m, reason, desc)
	})
}

// Unreachable marks private chat unreachable (the person blocked the bot
// or is gone; desc is Telegram's answer) and moves every message queued
// for it to the dead letters with reason DeadUnreachable. It returns
// their ids. The mark stays until a message to chat is delivered.
func (s *Store) Unreachable(chat int64, desc string) (ids []uint64, err error) {
	err = s.Update(func(tx *Tx) error {
		ids = nil
		if err := tx.markUnreachable(chat, desc); err != nil {
			return err
		}
		for _, id := range tx.chatOutbox(chat) {
			m, ok, err := tx.outboxMessage(id)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
			if err := tx.bury(m, DeadUnreachable, desc); err != nil {
				return err
			}
			ids = append(ids, id)
		}
		return nil
	})
	return ids, err
}

// chatOutbox lists the ids of chat's unsent messages, ascending (the
// outbox's chats, in memory), in a write transaction.
func (tx *Tx) chatOutbox(chat int64) []uint64 { return tx.s.chats.of(chat) }
