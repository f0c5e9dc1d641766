package store_test

import (
	"encoding/binary"
	"slices"
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

func TestStore_RefCopies(t *testing.T) {
	s, _ := open(t)
	err := s.Update(func(tx *store.Tx) error {
		if err := tx.PutRef("ticket:UNMA-1", -2001, 10); err != nil {
			return err
		}
		if err := tx.AddRefCopy("ticket:UNMA-1", -2001, 7); err != nil {
			return err
		}
		if err := tx.AddRefCopy("ticket:UNMA-1", -2001, 10); err != nil { // the primary: nothing new
			return err
		}
		return tx.PutRef("relay:UNMA-1:1", 9001, 3)
	})
	if err != nil {
		t.Fatal(err)
	}
	_ = s.View(func(tx *store.Tx) error {
		if got, want := tx.RefCopies("ticket:UNMA-1"), []store.MessageLoc{{ChatID: -2001, MessageID: 7}}; !slices.Equal(got, want) {
			t.Errorf("copies = %v, want %v", got, want)
		}
		for _, id := range []int{7, 10} {
			if ref, ok := tx.MessageRef(-2001, id); !ok || ref != "ticket:UNMA-1" {
				t.Errorf("MessageRef(-2001, %d) = %q, %v", id, ref, ok)
			}
		}
		return nil
	})

	t.Run("DropChatRefs", func(t *testing.T) {
		if err := s.Update(func(tx *store.Tx) error { return tx.DropChatRefs(9001) }); err != nil {
			t.Fatal(err)
		}
		_ = s.View(func(tx *store.Tx) error {
			if _, _, ok := tx.Ref("relay:UNMA-1:1"); ok {
				t.Error("the person's relay ref is still there")
			}
			if _, ok := tx.MessageRef(9001, 3); ok {
				t.Error("the person's message still maps to a ref")
			}
			if _, _, ok := tx.Ref("ticket:UNMA-1"); !ok {
				t.Error("another chat's ref was dropped")
			}
			return nil
		})
	})

	t.Run("DropRef", func(t *testing.T) {
		if err := s.Update(func(tx *store.Tx) error { return tx.DropRef("ticket:UNMA-1") }); err != nil {
			t.Fatal(err)
		}
		_ = s.View(func(tx *store.Tx) error {
			if _, _, ok := tx.Ref("ticket:UNMA-1"); ok {
				t.Error("primary kept")
			}
			if n := len(tx.RefCopies("ticket:UNMA-1")); n != 0 {
				t.Errorf("%d copies kept", n)
			}
			if _, ok := tx.MessageRef(-2001, 7); ok {
				t.Error("a copy still maps to the ref")
			}
			return nil
		})
	})
}

// A message named again goes by its new name only: the old ref forgets
// it, so that dropping the chat's refs leaves neither (the prompt of a
// flow named "prompt:CHAT:…", then pressed to join a training's
// waitlist, kept its first name, with the chat's id in it, after the
// person deleted their data).
func TestStore_RefNamedAgain(t *testing.T) {
	s, _ := open(t)
	put := func(ref string, chat int64, id int) {
		t.Helper()
		if err := s.Update(func(tx *store.Tx) error { return tx.PutRef(ref, chat, id) }); err != nil {
			t.Fatal(err)
		}
	}
	put("prompt:9001:5", 9001, 40)
	put("evwait:1:9001", 9001, 40)
	put("evwait:1:9001", 9001, 40) // the same name again changes nothing
	put("ticket:UNMA-1", -2001, 40)
	_ = s.View(func(tx *store.Tx) error {
		if _, _, ok := tx.Ref("prompt:9001:5"); ok {
			t.Error("the first name still names the message")
		}
		if chat, id, ok := tx.Ref("evwait:1:9001"); !ok || chat != 9001 || id != 40 {
			t.Errorf("the new name = %d %d %v", chat, id, ok)
		}
		if _, _, ok := tx.Ref("ticket:UNMA-1"); !ok {
			t.Error("another chat's message of the same id lost its name")
		}
		return nil
	})
	if err := s.Update(func(tx *store.Tx) error { return tx.DropChatRefs(9001) }); err != nil {
		t.Fatal(err)
	}
	snap, err := s.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	chat := binary.BigEndian.AppendUint64(nil, uint64(9001)^(1<<63))
	for k, v := range snap {
		if strings.Contains(k+v, "9001") || strings.Contains(k+v, string(chat)) {
			t.Errorf("left after the chat's refs were dropped: %q = %q", k, v)
		}
	}
}

func TestStore_CancelChatOutbox(t *testing.T) {
	s, _ := open(t)
	err := s.Update(func(tx *store.Tx) error {
		for _, m := range []aulabot.Message{
			{ChatID: 9001, Text: "a", Key: "remind:b1:1h"},
			{ChatID: 9001, Text: "b"},
			{ChatID: 9002, Text: "c"},
		} {
			if _, err := tx.Enqueue(m); err != nil {
				return err
			}
		}
		n, err := tx.CancelChatOutbox(9001)
		if n != 2 {
			t.Errorf("cancelled %d, want 2", n)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	pending, err := s.Pending()
	if err != nil {
		t.Fatal(err)
	}
	if len(pending) != 1 || pending[0].ChatID != 9002 {
		t.Errorf("pending = %+v, want only chat 9002's", pending)
	}
	if err := s.Check(); err != nil {
		t.Error(err)
	}
}
