package store

import (
	"testing"

	"github.com/aulabot/aulabot"
)

// sendOne queues a message that will create ref, as the handlers do, and
// reads it as the outbox does before sending it.
func sendOne(t *testing.T, s *Store, chat int64, ref string) uint64 {
	t.Helper()
	var id uint64
	err := s.Update(func(tx *Tx) (err error) {
		id, err = tx.Enqueue(aulabot.Message{ChatID: chat, Text: "Hola", Ref: ref,
			Inline: [][]aulabot.Button{{{Text: "Sí", Data: "y"}, {Text: "No", Data: "n"}}}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if m, ok, err := s.OutboxMessage(id); err != nil || !ok || m.Ref != ref {
		t.Fatalf("OutboxMessage = %+v, %v, %v", m, ok, err)
	}
	return id
}

func refOf(t *testing.T, s *Store, ref string) (chat int64, messageID int) {
	t.Helper()
	var ok bool
	if err := s.View(func(tx *Tx) error { chat, messageID, ok = tx.Ref(ref); return nil }); err != nil {
		t.Fatal(err)
	}
	if !ok {
		return 0, 0
	}
	return chat, messageID
}

func sendingLen(s *Store) int {
	s.sending.mu.Lock()
	defer s.sending.mu.Unlock()
	return len(s.sending.m)
}

// The transaction that settles a message sent reads the message the
// outbox read, as it is stored then: the copy kept from the outbox's read
// only while the stored bytes are the same, and nothing is kept after.
func TestSentMessage_TheStoredMessageWins(t *testing.T) {
	s := openInternal(t)

	id := sendOne(t, s, 5, "answer:1")
	if sendingLen(s) != 1 {
		t.Fatalf("%d messages kept after the outbox's read, want 1", sendingLen(s))
	}
	if err := s.Sent(id, 5, 77); err != nil {
		t.Fatal(err)
	}
	if c, mid := refOf(t, s, "answer:1"); c != 5 || mid != 77 {
		t.Fatalf("ref answer:1 is %d/%d, want 5/77", c, mid)
	}
	if n := sendingLen(s); n != 0 {
		t.Fatalf("%d messages kept after the message was settled", n)
	}

	// Rewritten between the outbox's read and its settling: the ref of
	// the message as stored is the one recorded.
	id = sendOne(t, s, 6, "answer:2")
	err := s.Update(func(tx *Tx) error {
		_, err := tx.ReviseQueued(6, "", func(m *aulabot.Message) bool { m.Ref = "answer:3"; return true })
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Sent(id, 6, 78); err != nil {
		t.Fatal(err)
	}
	if c, mid := refOf(t, s, "answer:3"); c != 6 || mid != 78 {
		t.Fatalf("ref answer:3 is %d/%d, want 6/78", c, mid)
	}
	if c, _ := refOf(t, s, "answer:2"); c != 0 {
		t.Fatal("the ref the message had when the outbox read it was recorded")
	}
	var pending int
	if err := s.View(func(tx *Tx) error { pending = tx.bucket(bOutbox).Stats().KeyN; return nil }); err != nil || pending != 0 {
		t.Fatalf("%d messages still queued (%v)", pending, err)
	}
}

// A message removed from the outbox while it is being sent (its person
// deleted their data) is not kept in memory either, and its settling
// records nothing of it.
func TestSentMessage_CancelledIsForgotten(t *testing.T) {
	s := openInternal(t)
	id := sendOne(t, s, 7, "answer:4")
	err := s.Update(func(tx *Tx) error { _, err := tx.CancelChatOutbox(7); return err })
	if err != nil {
		t.Fatal(err)
	}
	if n := sendingLen(s); n != 0 {
		t.Fatalf("%d messages kept after the chat's outbox was cancelled", n)
	}
	if err := s.Sent(id, 7, 79); err != nil {
		t.Fatal(err)
	}
	if c, _ := refOf(t, s, "answer:4"); c != 0 {
		t.Fatal("a cancelled message's ref was recorded")
	}
}

// At most maxSending messages are kept, however many the outbox reads.
func TestSentMessage_Bounded(t *testing.T) {
	s := openInternal(t)
	for i := range maxSending + 10 {
		sendOne(t, s, int64(100+i), "")
	}
	if n := sendingLen(s); n != maxSending {
		t.Fatalf("%d messages kept, want %d", n, maxSending)
	}
}
