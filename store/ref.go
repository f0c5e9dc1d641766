package store

import (
	"bytes"
)

// Refs name messages the bot sent, so that later messages can edit them
// and replies to them can be recognised. A ref has one primary message
// (the one Message.Ref named when it was sent) and may have copies: the
// same post sent again after a crash, whose first copy Telegram kept. A
// press or a reply on any copy is recognised, and an edit reaches them all.
const (
	bRefs     = "refs"      // ref -> chat, message id of the primary
	bMsgRefs  = "msgrefs"   // chat, message id -> ref (primary and copies)
	bRefCopy  = "refcopies" // ref 0 chat message id -> nothing
	refSep    = 0
	locLength = 16
)

func init() { registerBuckets(bRefs, bMsgRefs, bRefCopy) }

// MessageLoc is one message in one chat.
type MessageLoc struct {
	ChatID    int64
	MessageID int
}

func locKey(chat int64, messageID int) []byte { return pair(chat, int64(messageID)) }

func fromLoc(v []byte) MessageLoc {
	return MessageLoc{ChatID: fromI64(v[:8]), MessageID: int(fromI64(v[8:16]))}
}

// PutRef remembers that ref names message messageID in chat (its primary).
func (tx *Tx) PutRef(ref string, chat int64, messageID int) error {
	v := locKey(chat, messageID)
	if err := tx.bucket(bRefs).Put([]byte(ref), v); err != nil {
		return err
	}
	return tx.bucket(bMsgRefs).Put(v, []byte(ref))
}

// AddRefCopy remembers that message messageID in chat is another copy of
// the message named ref. Adding the primary or a known copy changes nothing.
func (tx *Tx) AddRefCopy(ref string, chat int64, messageID int) error {
	if c, id, ok := tx.Ref(ref); ok && c == chat && id == messageID {
		return nil
	}
	v := locKey(chat, messageID)
	if err := tx.bucket(bRefCopy).Put(copyKey(ref, v), nil); err != nil {
		return err
	}
	return tx.bucket(bMsgRefs).Put(v, []byte(ref))
}

func copyKey(ref string, loc []byte) []byte {
	k := make([]byte, 0, len(ref)+1+len(loc))
	k = append(k, ref...)
	k = append(k, refSep)
	return append(k, loc...)
}

// Ref returns the chat and message id of ref's primary message.
func (tx *Tx) Ref(ref string) (chat int64, messageID int, ok bool) {
	v := tx.bucket(bRefs).Get([]byte(ref))
	if len(v) != locLength {
		return 0, 0, false
	}
	l := fromLoc(v)
	return l.ChatID, l.MessageID, true
}

// RefCopies returns the copies of ref other than its primary, oldest
// message first.
func (tx *Tx) RefCopies(ref string) []MessageLoc {
	var out []MessageLoc
	prefix := append([]byte(ref), refSep)
	c := tx.bucket(bRefCopy).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		if loc := k[len(prefix):]; len(loc) == locLength {
			out = append(out, fromLoc(loc))
		}
	}
	return out
}

// MessageRef returns the ref a sent message (primary or copy) is known by.
func (tx *Tx) MessageRef(chat int64, messageID int) (string, bool) {
	v := tx.bucket(bMsgRefs).Get(locKey(chat, messageID))
	if v == nil {
		return "", false
	}
	return string(v), true
}

// DropRef forgets ref: its primary, its copies and their reverse entries.
func (tx *Tx) DropRef(ref string) error {
	refs, msgs := tx.bucket(bRefs), tx.bucket(bMsgRefs)
	if v := refs.Get([]byte(ref)); len(v) == locLength {
		if string(msgs.Get(v)) == ref {
			if err := msgs.Delete(v); err != nil {
				return err
			}
		}
		if err := refs.Delete([]byte(ref)); err != nil {
			return err
		}
	}
	for _, l := range tx.RefCopies(ref) {
		v := locKey(l.ChatID, l.MessageID)
		if string(msgs.Get(v)) == ref {
			if err := msgs.Delete(v); err != nil {
				return err
			}
		}
		if err := tx.bucket(bRefCopy).Delete(copyKey(ref, v)); err != nil {
			return err
		}
	}
	return nil
}

// DropChatRefs forgets every ref whose messages are in chat (a person who
// deleted their data): nothing links a ref to that chat afterwards. It
// reads only that chat's entries.
func (tx *Tx) DropChatRefs(chat int64) error {
	prefix := i64(chat)
	var names []string
	c := tx.bucket(bMsgRefs).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		names = append(names, string(v))
	}
	for _, ref := range names {
		if err := tx.DropRef(ref); err != nil {
			return err
		}
	}
	// Entries whose ref was re-pointed elsewhere are still this chat's.
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Seek(prefix) {
		if err := c.Delete(); err != nil {
			return err
		}
	}
	return nil
}

// Ref returns the chat and message id of ref's primary message.
func (s *Store) Ref(ref string) (chat int64, messageID int, ok bool) {
	_ = s.View(func(tx *Tx) error { chat, messageID, ok = tx.Ref(ref); return nil })
	return chat, messageID, ok
}
