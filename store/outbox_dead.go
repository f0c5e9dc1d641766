package store

import (
	"bytes"
	"time"

	"github.com/aulabot/aulabot"
)

// Why a message is dead.
const (
	DeadRetries     = "retries"     // failed past the retry cap (5xx, network)
	DeadRefused     = "refused"     // Telegram refused it for good (a 400 such as bad HTML)
	DeadUnreachable = "unreachable" // the person blocked the bot or is gone (403 in a private chat)
	DeadForbidden   = "forbidden"   // the bot may not write there (403 in a group: removed)
)

const (
	bOutboxDead     = "outbox_dead"           // time, id -> DeadLetter
	bOutboxDeadChat = "outbox_dead_chat"      // chat, time, id -> nothing
	bUnreachable    = "outbox_unreachable"    // chat -> UnreachableChat
	bUnreachableAt  = "outbox_unreachable_at" // time, chat -> nothing
)

// DeadLetter is a message the outbox gave up on, with the reason and
// Telegram's last answer.
type DeadLetter struct {
	Reason  string          `json:"reason"`
	Error   string          `json:"error"`
	At      time.Time       `json:"at"`
	Message aulabot.Message `json:"message"`
}

// UnreachableChat is a private chat whose person blocked the bot or is gone.
type UnreachableChat struct {
	Chat  int64     `json:"chat"`
	At    time.Time `json:"at"`
	Error string    `json:"error"`
}

// bury moves m to the dead letters. File contents are not kept.
func (tx *Tx) bury(m aulabot.Message, reason, desc string) error {
	erased := tx.bucket(bScrubAfter).Get(u64(m.ID)) != nil
	if err := tx.settle(m); err != nil {
		return err
	}
	if erased {
		// Queued for someone who deleted their data: nothing of it is kept.
		return tx.Count("outbox:dead:"+reason, 1)
	}
	if m.File != nil {
		f := *m.File
		f.Data = nil
		m.File = &f
	}
	key := append(i64(tx.now.UnixNano()), u64(m.ID)...)
	if err := tx.put(bOutboxDead, key, DeadLetter{Reason: reason, Error: desc, At: tx.now, Message: m}); err != nil {
		return err
	}
	if err := tx.bucket(bOutboxDeadChat).Put(append(i64(m.ChatID), key...), nil); err != nil {
		return err
	}
	return tx.Count("outbox:dead:"+reason, 1)
}

// forgetDeadChat deletes chat's dead letters.
func (tx *Tx) forgetDeadChat(chat int64) error {
	prefix := i64(chat)
	idx := tx.bucket(bOutboxDeadChat)
	c := idx.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Seek(prefix) {
		if err := tx.bucket(bOutboxDead).Delete(k[8:]); err != nil {
			return err
		}
		if err := idx.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

func (tx *Tx) markUnreachable(chat int64, desc string) error {
	if err := tx.clearUnreachable(chat); err != nil {
		return err
	}
	if err := tx.put(bUnreachable, i64(chat), UnreachableChat{Chat: chat, At: tx.now, Error: desc}); err != nil {
		return err
	}
	return tx.bucket(bUnreachableAt).Put(append(i64(tx.now.UnixNano()), i64(chat)...), nil)
}

func (tx *Tx) clearUnreachable(chat int64) error {
	var u UnreachableChat
	ok, err := tx.get(bUnreachable, i64(chat), &u)
	if err != nil || !ok {
		return err
	}
	if err := tx.bucket(bUnreachableAt).Delete(append(i64(u.At.UnixNano()), i64(chat)...)); err != nil {
		return err
	}
	return tx.bucket(bUnreachable).Delete(i64(chat))
}

// Unreached reports whether chat is marked unreachable (Store.IsUnreachable
// in the transaction).
func (tx *Tx) Unreached(chat int64) bool { return tx.bucket(bUnreachable).Get(i64(chat)) != nil }

// IsUnreachable reports whether chat is marked unreachable.
func (s *Store) IsUnreachable(chat int64) (ok bool) {
	_ = s.View(func(tx *Tx) error { ok = tx.Unreached(chat); return nil })
	return ok
}
