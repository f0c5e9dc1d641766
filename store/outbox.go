package store

import (
	"bytes"
	"errors"
	"slices"
	"sync"
	"time"

	"github.com/aulabot/aulabot"
	bolt "go.etcd.io/bbolt"
)

const (
	bOutbox      = "outbox"        // id -> aulabot.Message
	bOutboxKeys  = "outbox_keys"   // key -> id (pending), or id and the time it was settled: a key is sent once
	bOutboxKeyAt = "outbox_key_at" // settled time, key -> the private chat it went to, or nothing: which kept keys to forget first
	// outbox_key_chat: private chat, key -> settled time: the kept keys of
	// what went to a person, which name them ("evrem:7:USER"), for
	// DeleteUserData to forget with the rest.
	bOutboxKeyChat = "outbox_key_chat"
	bOutboxDue     = "outbox_due" // due time, id -> chat, flags, lane: what to send, without reading the messages
	// outbox_chat: chat, id -> nothing, a chat's messages, up to schema
	// 20; they are kept in memory since (outbox_chats.go), and the bucket
	// stays, emptied (outboxChatMigration), for the migrations before.
	bOutboxChat  = "outbox_chat"
	bOutboxRef   = "outbox_ref"   // ref 0 id -> nothing: pending messages that will create a ref
	bOutboxRetry = "outbox_retry" // id -> retryRecord: messages that failed and wait for another attempt
)

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

// The due index's flags: dueFlagLeave marks a message that makes the
// bot leave its chat, dueFlagYield one that gives way to its chat's other
// lanes (Message.Yield).
const (
	dueFlagLeave = 1
	dueFlagYield = 2
)

// dueTime is when m falls due in the index: 0 (at once) unless it was
// scheduled for after it was stored (a reminder, a retry). A message
// stored with a due time already past is due at once, so every key a
// scan has not seen yet is either new (time 0, a higher id) or due later.
func dueTime(m aulabot.Message) int64 {
	if m.NotBefore.After(m.Created) {
		return m.NotBefore.UnixNano()
	}
	return 0
}

// dueKey orders messages by due time, then id.
func dueKey(m aulabot.Message) []byte { return append(i64(dueTime(m)), u64(m.ID)...) }

// dueValue is what the sender needs to schedule m without decoding it.
func dueValue(m aulabot.Message) []byte {
	v := make([]byte, 0, 9+len(m.Lane))
	v = append(v, i64(m.ChatID)...)
	var flags byte
	if m.Leave {
		flags |= dueFlagLeave
	}
	if m.Yield {
		flags |= dueFlagYield
	}
	v = append(v, flags)
	return append(v, m.Lane...)
}

func refKey(ref string, id uint64) []byte {
	k := append([]byte(ref), refSep)
	return append(k, u64(id)...)
}

// indexOutbox adds m to the outbox indexes.
func (tx *Tx) indexOutbox(m aulabot.Message) error {
	if err := tx.bucket(bOutboxDue).Put(dueKey(m), dueValue(m)); err != nil {
		return err
	}
	if m.Ref != "" {
		if err := tx.bucket(bOutboxRef).Put(refKey(m.Ref, m.ID), nil); err != nil {
			return err
		}
	}
	if tx.s != nil { // nil in migrations: Open builds the chats after them
		tx.s.chats.change(m.ChatID, m.ID, true)
	}
	return nil
}

// unindexOutbox removes m from the outbox and its indexes.
func (tx *Tx) unindexOutbox(m aulabot.Message) error {
	if err := tx.bucket(bOutboxDue).Delete(dueKey(m)); err != nil {
		return err
	}
	if m.Ref != "" {
		if err := tx.bucket(bOutboxRef).Delete(refKey(m.Ref, m.ID)); err != nil {
			return err
		}
	}
	if err := tx.bucket(bOutboxRetry).Delete(u64(m.ID)); err != nil {
		return err
	}
	if tx.s != nil { // nil in migrations
		tx.s.sending.forget(m.ID)
		tx.s.chats.change(m.ChatID, m.ID, false)
	}
	return tx.bucket(bOutbox).Delete(u64(m.ID))
}

// outboxMessage reads message id.
func (tx *Tx) outboxMessage(id uint64) (aulabot.Message, bool, error) {
	var m aulabot.Message
	ok, err := tx.get(bOutbox, u64(id), &m)
	return m, ok, err
}

// sentMessage is outboxMessage for the transaction that settles a message
// sent: one the outbox read to send and that has not changed since is not
// decoded again (sendingMessages). It shares its buttons and file with
// the copy the outbox sent, so it is only read, never changed.
func (tx *Tx) sentMessage(id uint64) (aulabot.Message, bool, error) {
	if m, ok := tx.s.sending.take(id, tx.bucket(bOutbox).Get(u64(id))); ok {
		return m, true, nil
	}
	return tx.outboxMessage(id)
}

// sendingMessages are the messages the outbox read to send
// (Store.OutboxMessage), each with the bytes it was decoded from, until
// the transaction that settles it once sent reads it again (sentMessage).
// That transaction then compares the stored bytes with these instead of
// decoding the message, inside the writer's lock every update's commit
// waits for. A message changed since (revised, retried) is decoded as
// before; one removed is not found, whatever is kept here.
type sendingMessages struct {
	mu sync.Mutex
	m  map[uint64]sendingMessage
}

type sendingMessage struct {
	raw []byte
	msg aulabot.Message
}

// maxSending bounds what sendingMessages keeps: the outbox sends a few
// dozen messages at once; one that failed stays until it is read again
// or removed.
const maxSending = 256

func (s *sendingMessages) put(id uint64, raw []byte, m aulabot.Message) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = make(map[uint64]sendingMessage)
	}
	if _, ok := s.m[id]; ok || len(s.m) < maxSending {
		s.m[id] = sendingMessage{raw: raw, msg: m}
	}
}

// take returns and forgets message id if it was decoded from raw.
func (s *sendingMessages) take(id uint64, raw []byte) (aulabot.Message, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.m[id]
	if !ok {
		return aulabot.Message{}, false
	}
	delete(s.m, id)
	if raw == nil || !bytes.Equal(e.raw, raw) {
		return aulabot.Message{}, false
	}
	return e.msg, true
}

// forget drops message id, removed from the outbox: nothing of a message
// cancelled for someone who deleted their data stays in memory either.
func (s *sendingMessages) forget(id uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, id)
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

// settle removes m from the outbox once it is sent, dead or dropped. Its
// key is kept with the time, so that the same key is not sent again, until
// PruneOutbox forgets it. A message queued for someone who then deleted
// their data makes the transaction scrub the free pages after its commit.
func (tx *Tx) settle(m aulabot.Message) error {
	owed, err := tx.scrubOwed(m.ID)
	if err != nil {
		return err
	}
	tx.scrub = tx.scrub || owed
	if m.Key != "" {
		keys := tx.bucket(bOutboxKeys)
		if v := keys.Get([]byte(m.Key)); len(v) == 8 && fromU64(v) == m.ID {
			at := i64(tx.now.UnixNano())
			if err := keys.Put([]byte(m.Key), append(u64(m.ID), at...)); err != nil {
				return err
			}
			var chat []byte
			if m.ChatID > 0 { // a person's chat: the key may name them
				chat = i64(m.ChatID)
				if err := tx.bucket(bOutboxKeyChat).Put(append(chat[:8:8], m.Key...), at); err != nil {
					return err
				}
			}
			if err := tx.bucket(bOutboxKeyAt).Put(append(at, m.Key...), chat); err != nil {
				return err
			}
		}
	}
	return tx.unindexOutbox(m)
}

// forgetSettledKey forgets kept key, settled at at (8 bytes), and its
// index entries, if it is still the one settled then.
func (tx *Tx) forgetSettledKey(key, at []byte) error {
	keys := tx.bucket(bOutboxKeys)
	if v := keys.Get(key); len(v) != 16 || string(v[8:]) != string(at) {
		return nil // used again since: its newer settling is kept
	}
	byTime := append(at[:8:8], key...)
	if chat := tx.bucket(bOutboxKeyAt).Get(byTime); len(chat) == 8 {
		if err := tx.bucket(bOutboxKeyChat).Delete(append(chat[:8:8], key...)); err != nil {
			return err
		}
	}
	if err := tx.bucket(bOutboxKeyAt).Delete(byTime); err != nil {
		return err
	}
	return keys.Delete(key)
}

// forgetChatKeys forgets the kept keys of what went to private chat: they
// may name the person ("ann:3:USER"). It reads only that chat's entries.
func (tx *Tx) forgetChatKeys(chat int64) error {
	prefix := i64(chat)
	type kept struct{ key, at []byte }
	var ks []kept
	c := tx.bucket(bOutboxKeyChat).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		ks = append(ks, kept{append([]byte(nil), k[8:]...), append([]byte(nil), v...)})
	}
	for _, k := range ks {
		if err := tx.forgetSettledKey(k.key, k.at); err != nil {
			return err
		}
		if err := tx.bucket(bOutboxKeyChat).Delete(append(prefix[:8:8], k.key...)); err != nil {
			return err
		}
	}
	return nil
}

// CancelOutbox removes the unsent messages whose key starts with prefix
// (a cancelled booking's reminders) and returns how many. The keys are
// forgotten too, sent ones included, so they can be used again.
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
	for i, v := range ids {
		if len(v) == 16 { // sent: only the key, its time and its chat remain
			if err := tx.forgetSettledKey(ks[i], v[8:16]); err != nil {
				return n, err
			}
			continue
		}
		removed, err := tx.cancelUnsent(ks[i], v)
		if err != nil {
			return n, err
		}
		if removed {
			n++
		}
	}
	return n, nil
}

// CancelOutboxKey removes the unsent message with exactly key and reports
// whether there was one. A sent one's key is kept, so that it is never
// sent again (a rating prompt that went out stays asked).
func (tx *Tx) CancelOutboxKey(key string) (bool, error) {
	v := tx.bucket(bOutboxKeys).Get([]byte(key))
	if v == nil || len(v) == 16 {
		return false, nil
	}
	return tx.cancelUnsent([]byte(key), append([]byte(nil), v...))
}

// cancelUnsent removes the unsent message of outbox key k (its value v)
// and the key.
func (tx *Tx) cancelUnsent(k, v []byte) (bool, error) {
	m, ok, err := tx.outboxMessage(fromU64(v[:8]))
	if err != nil {
		return false, err
	}
	if ok {
		if err := tx.unindexOutbox(m); err != nil {
			return false, err
		}
	}
	return ok, tx.bucket(bOutboxKeys).Delete(k)
}

// CancelChatOutbox removes everything the outbox keeps about chat (a
// person who deleted their data): its unsent messages (returned: how many),
// its dead letters, its unreachable mark, its recent sends and the kept
// keys of what was sent to it. It reads only that chat's entries.
func (tx *Tx) CancelChatOutbox(chat int64) (int, error) {
	n := 0
	for _, id := range tx.chatOutbox(chat) {
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
	if err := tx.forgetDeadChat(chat); err != nil {
		return n, err
	}
	if err := tx.forgetChatKeys(chat); err != nil {
		return n, err
	}
	if err := tx.clearUnreachable(chat); err != nil {
		return n, err
	}
	return n, tx.forgetChatSends(chat)
}

// Due returns up to limit unsent messages due at now and the time the next
// later one falls due (zero if none). Each lane's messages (a chat and
// Message.Lane) come in the order they were stored; a lane whose message
// waits for a retry gets none of its later messages. It is for tests and
// tools; the sender reads ScanOutbox instead.
func (s *Store) Due(now time.Time, limit int) (due []aulabot.Message, next time.Time, err error) {
	err = s.View(func(tx *Tx) error {
		// Lanes with a failed message: their messages in id order, after
		// the others; none while one waits for its retry.
		held := map[laneOf]bool{}
		if err := tx.bucket(bOutboxRetry).ForEach(func(k, v []byte) error {
			var r retryRecord
			if err := decode(bOutboxRetry, k, v, &r); err != nil {
				return err
			}
			l := laneOf{r.Chat, r.Lane}
			held[l] = held[l] || r.Next.After(now)
			if r.Next.After(now) && (next.IsZero() || r.Next.Before(next)) {
				next = r.Next
			}
			return nil
		}); err != nil {
			return err
		}
		var ids, retried []uint64
		c := tx.bucket(bOutboxDue).Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if t := fromI64(k[:8]); t > now.UnixNano() {
				if next.IsZero() || time.Unix(0, t).Before(next) {
					next = time.Unix(0, t)
				}
				break
			}
			e := dueEntry(k, v)
			switch blocked, failed := held[laneOf{e.Chat, e.Lane}]; {
			case !failed:
				ids = append(ids, e.ID)
			case !blocked:
				retried = append(retried, e.ID)
			}
		}
		slices.Sort(retried)
		for _, id := range append(ids, retried...) {
			if len(due) >= limit {
				break
			}
			m, ok, err := tx.outboxMessage(id)
			if err != nil {
				return err
			}
			if ok {
				due = append(due, m)
			}
		}
		return nil
	})
	return due, next, err
}

type laneOf struct {
	chat int64
	lane string
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

// OutboxMessage returns unsent message id; false if it was sent, dropped
// or cancelled.
func (s *Store) OutboxMessage(id uint64) (m aulabot.Message, ok bool, err error) {
	err = s.View(func(tx *Tx) error {
		raw := tx.bucket(bOutbox).Get(u64(id))
		if raw == nil {
			return nil
		}
		if err := decode(bOutbox, u64(id), raw, &m); err != nil {
			return err
		}
		ok = true
		s.sending.put(id, bytes.Clone(raw), m)
		return nil
	})
	return m, ok, err
}

// PendingRef returns the first unsent message that will create ref when
// it is sent (an edit of ref may wait for it).
func (s *Store) PendingRef(ref string) (id uint64, ok bool) {
	_ = s.View(func(tx *Tx) error { id, ok = tx.PendingRef(ref); return nil })
	return id, ok
}

// PendingRef returns the first message not yet sent, as tx reads the
// outbox, that will create ref when it is sent.
func (tx *Tx) PendingRef(ref string) (id uint64, ok bool) {
	prefix := append([]byte(ref), refSep)
	k, _ := tx.bucket(bOutboxRef).Cursor().Seek(prefix)
	if ok = k != nil && bytes.HasPrefix(k, prefix) && len(k) == len(prefix)+8; ok {
		id = fromU64(k[len(prefix):])
	}
	return id, ok
}

// outboxIndexMigration rebuilds the outbox indexes in the form this
// version reads (the due index carries each message's chat and lane, and
// a message due when stored is due at once), records the messages that
// failed before as waiting for a retry, and dates the keys and refs of
// sent messages so that PruneOutbox can forget them.
func outboxIndexMigration(btx *bolt.Tx) error {
	tx := &Tx{tx: btx, now: time.Now()}
	for _, name := range []string{bOutboxDue, bOutboxChat, bOutboxRef} {
		if err := btx.DeleteBucket([]byte(name)); err != nil {
			return err
		}
		if _, err := btx.CreateBucket([]byte(name)); err != nil {
			return err
		}
	}
	if btx.Bucket([]byte("outbox_held")) != nil {
		if err := btx.DeleteBucket([]byte("outbox_held")); err != nil {
			return err
		}
	}
	if err := tx.bucket(bOutbox).ForEach(func(k, v []byte) error {
		var m aulabot.Message
		if err := decode(bOutbox, k, v, &m); err != nil {
			return err
		}
		if m.Attempts > 0 && tx.bucket(bOutboxRetry).Get(k) == nil {
			r := retryRecord{Chat: m.ChatID, Lane: m.Lane, Since: tx.now, Next: m.NotBefore, Error: "failed before an upgrade", Leave: m.Leave, Yield: m.Yield}
			if err := tx.put(bOutboxRetry, k, r); err != nil {
				return err
			}
		}
		return tx.indexOutbox(m)
	}); err != nil {
		return err
	}
	if err := tx.dateSentKeys(); err != nil {
		return err
	}
	return tx.dateRefs()
}

// dateSentKeys gives the kept keys of sent messages a settled time.
func (tx *Tx) dateSentKeys() error {
	keys := tx.bucket(bOutboxKeys)
	var sent [][]byte
	if err := keys.ForEach(func(k, v []byte) error {
		if len(v) == 8 && tx.bucket(bOutbox).Get(v) == nil {
			sent = append(sent, append([]byte(nil), k...))
		}
		return nil
	}); err != nil {
		return err
	}
	at := i64(tx.now.UnixNano())
	for _, k := range sent {
		if err := keys.Put(k, append(append([]byte(nil), keys.Get(k)...), at...)); err != nil {
			return err
		}
		if err := tx.bucket(bOutboxKeyAt).Put(append(at[:8:8], k...), nil); err != nil {
			return err
		}
	}
	return nil
}
