package store

import (
	"bytes"
	"time"
)

// Refs name messages the bot sent, so that later messages can edit them
// and replies to them can be recognised. A ref has one primary message
// (the one Message.Ref named when it was sent) and may have copies: the
// same post sent again after a crash, whose first copy Telegram kept. A
// press or a reply on any copy is recognised, and an edit reaches them all.
// Every entry is dated in refs_at, so PruneRefs reads only what it forgets.
const (
	bRefs     = "refs"      // ref -> chat, message id of the primary, time
	bMsgRefs  = "msgrefs"   // chat, message id -> time, ref (primary and copies)
	bRefCopy  = "refcopies" // ref 0 chat message id -> nothing
	bRefsAt   = "refs_at"   // time 'r' ref, or time 'm' chat message id -> nothing
	refSep    = 0
	locLength = 16
)

// MessageLoc is one message in one chat.
type MessageLoc struct {
	ChatID    int64
	MessageID int
}

func locKey(chat int64, messageID int) []byte { return pair(chat, int64(messageID)) }

func fromLoc(v []byte) MessageLoc {
	return MessageLoc{ChatID: fromI64(v[:8]), MessageID: int(fromI64(v[8:16]))}
}

func refAtKey(at []byte, kind byte, name []byte) []byte {
	k := make([]byte, 0, 9+len(name))
	k = append(k, at...)
	k = append(k, kind)
	return append(k, name...)
}

// dated reports whether an entry's value starts with a time (values
// written before entries were dated start with text or are 16 bytes).
func dated(v []byte) bool { return len(v) >= 8 && v[0] >= 0x80 }

// PutRef remembers that ref names message messageID in chat (its primary).
// A message goes by one name (MessageRef): another ref that named it
// forgets it, as when Telegram lost it (dropRefLoc); else that ref would
// still point into the chat with nothing in the chat's index leading to
// it, and a deletion of the chat's refs (DropChatRefs) would leave it.
func (tx *Tx) PutRef(ref string, chat int64, messageID int) error {
	if old, ok := tx.MessageRef(chat, messageID); ok && old != ref {
		if err := tx.dropRefLoc(old, MessageLoc{ChatID: chat, MessageID: messageID}); err != nil {
			return err
		}
	}
	refs, at := tx.bucket(bRefs), i64(tx.now.UnixNano())
	if old := refs.Get([]byte(ref)); len(old) == locLength+8 {
		if err := tx.bucket(bRefsAt).Delete(refAtKey(old[locLength:], 'r', []byte(ref))); err != nil {
			return err
		}
	}
	loc := locKey(chat, messageID)
	if err := refs.Put([]byte(ref), append(append([]byte(nil), loc...), at...)); err != nil {
		return err
	}
	if err := tx.bucket(bRefsAt).Put(refAtKey(at, 'r', []byte(ref)), nil); err != nil {
		return err
	}
	return tx.putMsgRef(loc, ref)
}

// putMsgRef maps a sent message back to its ref, dated.
func (tx *Tx) putMsgRef(loc []byte, ref string) error {
	if err := tx.delMsgRef(loc); err != nil {
		return err
	}
	at := i64(tx.now.UnixNano())
	if err := tx.bucket(bMsgRefs).Put(loc, append(at, ref...)); err != nil {
		return err
	}
	return tx.bucket(bRefsAt).Put(refAtKey(at, 'm', loc), nil)
}

// delMsgRef forgets a sent message's ref and its date.
func (tx *Tx) delMsgRef(loc []byte) error {
	msgs := tx.bucket(bMsgRefs)
	v := msgs.Get(loc)
	if v == nil {
		return nil
	}
	if dated(v) {
		if err := tx.bucket(bRefsAt).Delete(refAtKey(v[:8], 'm', loc)); err != nil {
			return err
		}
	}
	return msgs.Delete(loc)
}

func msgRefName(v []byte) string {
	if dated(v) {
		return string(v[8:])
	}
	return string(v)
}

// AddRefCopy remembers that message messageID in chat is another copy of
// the message named ref. Adding the primary or a known copy changes nothing.
func (tx *Tx) AddRefCopy(ref string, chat int64, messageID int) error {
	if c, id, ok := tx.Ref(ref); ok && c == chat && id == messageID {
		return nil
	}
	v := locKey(chat, messageID)
	if tx.bucket(bRefCopy).Get(copyKey(ref, v)) != nil {
		return nil
	}
	if err := tx.bucket(bRefCopy).Put(copyKey(ref, v), nil); err != nil {
		return err
	}
	return tx.putMsgRef(v, ref)
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
	if len(v) < locLength {
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
	return msgRefName(v), true
}

// DropRef forgets ref: its primary, its copies and their reverse entries.
func (tx *Tx) DropRef(ref string) error {
	refs, msgs := tx.bucket(bRefs), tx.bucket(bMsgRefs)
	if v := refs.Get([]byte(ref)); len(v) >= locLength {
		loc := append([]byte(nil), v[:locLength]...)
		if len(v) == locLength+8 {
			if err := tx.bucket(bRefsAt).Delete(refAtKey(v[locLength:], 'r', []byte(ref))); err != nil {
				return err
			}
		}
		if msgRefName(msgs.Get(loc)) == ref {
			if err := tx.delMsgRef(loc); err != nil {
				return err
			}
		}
		if err := refs.Delete([]byte(ref)); err != nil {
			return err
		}
	}
	for _, l := range tx.RefCopies(ref) {
		v := locKey(l.ChatID, l.MessageID)
		if msgRefName(msgs.Get(v)) == ref {
			if err := tx.delMsgRef(v); err != nil {
				return err
			}
		}
		if err := tx.bucket(bRefCopy).Delete(copyKey(ref, v)); err != nil {
			return err
		}
	}
	return nil
}

// dropRefLoc forgets one message of ref that Telegram no longer has: a
// copy is dropped from the copies; if it is the primary, the oldest copy
// becomes the primary, and with no copy left the ref is dropped.
func (tx *Tx) dropRefLoc(ref string, l MessageLoc) error {
	loc := locKey(l.ChatID, l.MessageID)
	if tx.bucket(bRefCopy).Get(copyKey(ref, loc)) != nil {
		if err := tx.bucket(bRefCopy).Delete(copyKey(ref, loc)); err != nil {
			return err
		}
		return tx.delMsgRef(loc)
	}
	chat, id, ok := tx.Ref(ref)
	if !ok || chat != l.ChatID || id != l.MessageID {
		return nil
	}
	copies := tx.RefCopies(ref)
	if len(copies) == 0 {
		return tx.DropRef(ref)
	}
	if err := tx.delMsgRef(loc); err != nil {
		return err
	}
	next := copies[0]
	if err := tx.bucket(bRefCopy).Delete(copyKey(ref, locKey(next.ChatID, next.MessageID))); err != nil {
		return err
	}
	return tx.PutRef(ref, next.ChatID, next.MessageID)
}

// DropChatRefs forgets every ref whose messages are in chat (a person who
// deleted their data): nothing links a ref to that chat afterwards. It
// reads only that chat's entries.
func (tx *Tx) DropChatRefs(chat int64) error {
	prefix := i64(chat)
	var names []string
	c := tx.bucket(bMsgRefs).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		names = append(names, msgRefName(v))
	}
	for _, ref := range names {
		if err := tx.DropRef(ref); err != nil {
			return err
		}
	}
	// Entries whose ref was re-pointed elsewhere are still this chat's.
	msgs := tx.bucket(bMsgRefs)
	for k, _ := msgs.Cursor().Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = msgs.Cursor().Seek(prefix) {
		if err := tx.delMsgRef(append([]byte(nil), k...)); err != nil {
			return err
		}
	}
	return nil
}

// pruneRefs forgets at most max dated entries older than before: a ref
// whose primary was sent then (with its copies), or a message's reverse
// entry. It returns how many index entries it read.
func (tx *Tx) pruneRefs(before time.Time, max int) (int, error) {
	return tx.pruneOldest(bRefsAt, before, max, func(k, _ []byte) error {
		if len(k) < 9 {
			return nil
		}
		name := k[9:]
		switch k[8] {
		case 'r':
			if v := tx.bucket(bRefs).Get(name); len(v) == locLength+8 && bytes.Equal(v[locLength:], k[:8]) {
				return tx.DropRef(string(name))
			}
		case 'm':
			if v := tx.bucket(bMsgRefs).Get(name); dated(v) && bytes.Equal(v[:8], k[:8]) {
				return tx.delMsgRef(name)
			}
		}
		return nil
	})
}

// dateRefs dates the refs and reverse entries written before they were
// dated, as of now (a migration).
func (tx *Tx) dateRefs() error {
	at := i64(tx.now.UnixNano())
	refs := tx.bucket(bRefs)
	type kv struct{ k, v []byte }
	var old []kv
	_ = refs.ForEach(func(k, v []byte) error {
		if len(v) == locLength {
			old = append(old, kv{append([]byte(nil), k...), append([]byte(nil), v...)})
		}
		return nil
	})
	for _, e := range old {
		if err := refs.Put(e.k, append(e.v, at...)); err != nil {
			return err
		}
		if err := tx.bucket(bRefsAt).Put(refAtKey(at, 'r', e.k), nil); err != nil {
			return err
		}
	}
	msgs := tx.bucket(bMsgRefs)
	old = old[:0]
	_ = msgs.ForEach(func(k, v []byte) error {
		if !dated(v) {
			old = append(old, kv{append([]byte(nil), k...), append([]byte(nil), v...)})
		}
		return nil
	})
	for _, e := range old {
		if err := msgs.Put(e.k, append(append([]byte(nil), at...), e.v...)); err != nil {
			return err
		}
		if err := tx.bucket(bRefsAt).Put(refAtKey(at, 'm', e.k), nil); err != nil {
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

// RefCopies returns the copies of ref other than its primary.
func (s *Store) RefCopies(ref string) (out []MessageLoc) {
	_ = s.View(func(tx *Tx) error { out = tx.RefCopies(ref); return nil })
	return out
}
