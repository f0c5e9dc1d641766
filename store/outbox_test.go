package store_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

func enqueue(t *testing.T, s *store.Store, msgs ...aulabot.Message) []uint64 {
	t.Helper()
	var ids []uint64
	err := s.Update(func(tx *store.Tx) error {
		for _, m := range msgs {
			id, err := tx.Enqueue(m)
			if err != nil {
				return err
			}
			ids = append(ids, id)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

func entryIDs(es []store.OutboxEntry) []uint64 {
	var ids []uint64
	for _, e := range es {
		ids = append(ids, e.ID)
	}
	return ids
}

// A scan returns what the sender has not seen: new messages due at once
// (after the cursor), scheduled ones due by now, and those waiting for a
// retry; never the earlier messages due at once, nor those due later.
func TestStore_ScanOutbox(t *testing.T) {
	s, now := open(t)
	ids := enqueue(t, s,
		aulabot.Message{ChatID: -100, Text: "post", Lane: "UNMA-1"},
		aulabot.Message{ChatID: 7, Text: "reminder", NotBefore: now.Add(time.Hour)},
		aulabot.Message{ChatID: -100, Leave: true, Yield: true},
	)
	scan, err := s.ScanOutbox(store.OutboxCursor{}, *now)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := entryIDs(scan.Entries), []uint64{ids[0], ids[2]}; !slices.Equal(got, want) {
		t.Fatalf("first scan = %v, want %v", got, want)
	}
	if e := scan.Entries[0]; e.Chat != -100 || e.Lane != "UNMA-1" || e.Leave || e.Yield || !e.At.IsZero() {
		t.Errorf("entry = %+v, want chat -100, lane UNMA-1, due at once", e)
	}
	if e := scan.Entries[1]; !e.Leave || !e.Yield {
		t.Errorf("leave entry = %+v, want it to leave and yield", e)
	}
	if !scan.Next.Equal(now.Add(time.Hour)) {
		t.Errorf("next = %v, want the reminder's time", scan.Next)
	}

	// A message stored with a due time already past is due at once, and
	// the next scan reads only it.
	late := enqueue(t, s, aulabot.Message{ChatID: 8, Text: "late", NotBefore: now.Add(-time.Minute)})
	scan, _ = s.ScanOutbox(scan.Cursor, *now)
	if got := entryIDs(scan.Entries); !slices.Equal(got, late) {
		t.Errorf("second scan = %v, want only %v", got, late)
	}

	// A retry holds its lane: it is returned before its time, with it.
	if _, err := s.Failed(ids[0], now.Add(time.Minute), "502 Bad Gateway", store.RetryCap{}); err != nil {
		t.Fatal(err)
	}
	scan, _ = s.ScanOutbox(scan.Cursor, *now)
	if len(scan.Entries) != 1 || scan.Entries[0].ID != ids[0] || !scan.Entries[0].At.Equal(now.Add(time.Minute)) || scan.Entries[0].Lane != "UNMA-1" {
		t.Errorf("after a failure = %+v, want the retry with its time and lane", scan.Entries)
	}
	// A retry keeps its message's flags: a sender started anew learns
	// from it that the message leaves its chat and gives way to the rest.
	if _, err := s.Failed(ids[2], now.Add(time.Minute), "502 Bad Gateway", store.RetryCap{}); err != nil {
		t.Fatal(err)
	}
	scan, _ = s.ScanOutbox(store.OutboxCursor{}, *now)
	if i := slices.Index(entryIDs(scan.Entries), ids[2]); i < 0 || !scan.Entries[i].Leave || !scan.Entries[i].Yield {
		t.Errorf("after the leave's failure = %+v, want its retry to leave and yield", scan.Entries)
	}
	// Past its time the reminder is returned, whatever the cursor.
	scan, _ = s.ScanOutbox(scan.Cursor, now.Add(2*time.Hour))
	if got := entryIDs(scan.Entries); !slices.Contains(got, ids[1]) {
		t.Errorf("scan after the reminder's time = %v, want it", got)
	}
}

// Delivered settles a message: its ref, its key (kept, dated), the sent
// log, and the chat's unreachable mark, in one transaction.
func TestStore_Delivered(t *testing.T) {
	s, now := open(t)
	ids := enqueue(t, s, aulabot.Message{ChatID: 7, Text: "hi", Key: "k1", Ref: "r1"})
	if _, err := s.Unreachable(7, "403 Forbidden: bot was blocked by the user"); err != nil {
		t.Fatal(err)
	}
	// The mark buried the message; store it again (a new key) and send it.
	ids = enqueue(t, s, aulabot.Message{ChatID: 7, Text: "hi", Key: "k2", Ref: "r1"})
	err := s.Delivered(store.Delivery{ID: ids[0], Chat: 7, MessageID: 42, Sends: []store.SentRecord{{Chat: 7, At: *now}}})
	if err != nil {
		t.Fatal(err)
	}
	if chat, id, ok := s.Ref("r1"); !ok || chat != 7 || id != 42 {
		t.Errorf("ref = %d %d %v", chat, id, ok)
	}
	if s.IsUnreachable(7) {
		t.Error("chat 7 still unreachable after a delivery")
	}
	if sends, _ := s.RecentSends(now.Add(-time.Minute)); len(sends) != 1 || sends[0].Chat != 7 || !sends[0].At.Equal(*now) {
		t.Errorf("sent log = %+v", sends)
	}
	if got := enqueue(t, s, aulabot.Message{ChatID: 7, Text: "again", Key: "k2"}); got[0] != 0 {
		t.Error("a sent key was enqueued again")
	}
	if d, _ := s.OutboxDepth(); d != 0 {
		t.Errorf("depth = %d", d)
	}
}

// An edit whose messages are gone: a gone copy leaves the copies, a gone
// primary gives way to the oldest copy, and with none left the ref is
// re-pointed to the message sent instead.
func TestStore_DeliveredGone(t *testing.T) {
	s, _ := open(t)
	err := s.Update(func(tx *store.Tx) error {
		if err := tx.PutRef("post", -100, 10); err != nil {
			return err
		}
		if err := tx.AddRefCopy("post", -100, 11); err != nil {
			return err
		}
		return tx.AddRefCopy("post", -100, 12)
	})
	if err != nil {
		t.Fatal(err)
	}
	edit := func(d store.Delivery) {
		t.Helper()
		d.ID = enqueue(t, s, aulabot.Message{ChatID: -100, EditRef: "post", Text: "edited"})[0]
		if err := s.Delivered(d); err != nil {
			t.Fatal(err)
		}
	}
	edit(store.Delivery{Chat: -100, MessageID: 10, Gone: []store.MessageLoc{{ChatID: -100, MessageID: 11}}})
	if got := s.RefCopies("post"); !slices.Equal(got, []store.MessageLoc{{ChatID: -100, MessageID: 12}}) {
		t.Errorf("copies = %v, want only 12", got)
	}
	edit(store.Delivery{Chat: -100, MessageID: 12, Gone: []store.MessageLoc{{ChatID: -100, MessageID: 10}}})
	if chat, id, _ := s.Ref("post"); chat != -100 || id != 12 || len(s.RefCopies("post")) != 0 {
		t.Errorf("after the primary went: ref %d/%d, copies %v; want 12 as primary", chat, id, s.RefCopies("post"))
	}
	edit(store.Delivery{Chat: -100, MessageID: 20, Repoint: "post", Gone: []store.MessageLoc{{ChatID: -100, MessageID: 12}}})
	if chat, id, _ := s.Ref("post"); chat != -100 || id != 20 {
		t.Errorf("after all went: ref %d/%d, want the new message 20", chat, id)
	}
	_ = s.View(func(tx *store.Tx) error {
		for _, id := range []int{10, 11, 12} {
			if ref, ok := tx.MessageRef(-100, id); ok {
				t.Errorf("gone message %d still maps to %q", id, ref)
			}
		}
		if ref, _ := tx.MessageRef(-100, 20); ref != "post" {
			t.Errorf("message 20 maps to %q", ref)
		}
		return nil
	})
	if err := s.Check(); err != nil {
		t.Error(err)
	}
}

// Past the retry cap a message is dead; the report shows it stuck first,
// then dead with Telegram's answer.
func TestStore_FailedCap(t *testing.T) {
	s, now := open(t)
	ids := enqueue(t, s, aulabot.Message{ChatID: 7, Text: "hi"}, aulabot.Message{ChatID: -100, Text: "later", NotBefore: now.Add(time.Hour)})
	cap := store.RetryCap{Attempts: 2, Age: time.Hour}
	dead, err := s.Failed(ids[0], now.Add(time.Second), "502 Bad Gateway", cap)
	if err != nil || dead {
		t.Fatalf("first failure: dead %v, %v", dead, err)
	}
	r, err := s.OutboxReport(*now, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Stuck) != 1 || r.Stuck[0].Message.Attempts != 1 || r.Stuck[0].Error != "502 Bad Gateway" || !r.Stuck[0].Message.NotBefore.Equal(now.Add(time.Second)) {
		t.Errorf("stuck = %+v", r.Stuck)
	}
	if w := r.Waiting; w.Private != 1 || w.Group != 1 || w.Due != 0 || !w.Next.Equal(now.Add(time.Second)) || !w.Oldest.Equal(*now) {
		t.Errorf("waiting = %+v", w)
	}
	if stuck, oldest, _ := s.OutboxHealth(*now); stuck != 1 || !oldest.Equal(*now) {
		t.Errorf("health = %d, %v", stuck, oldest)
	}
	*now = now.Add(time.Second)
	if dead, err := s.Failed(ids[0], now.Add(2*time.Second), "500 Internal Server Error", cap); err != nil || !dead {
		t.Fatalf("second failure: dead %v, %v; want dead", dead, err)
	}
	r, _ = s.OutboxReport(*now, 10)
	if len(r.Stuck) != 0 || r.DeadTotal != 1 || r.Dead[0].Reason != store.DeadRetries || r.Dead[0].Error != "500 Internal Server Error" || r.Dead[0].Message.Text != "hi" {
		t.Errorf("after the cap: stuck %+v, dead %+v", r.Stuck, r.Dead)
	}
	if stuck, _, _ := s.OutboxHealth(*now); stuck != 0 {
		t.Errorf("stuck = %d after death", stuck)
	}
}

// A person who blocked the bot: every message queued for them is dead,
// and forgetting the chat removes the dead letters and the mark.
func TestStore_Unreachable(t *testing.T) {
	s, now := open(t)
	enqueue(t, s,
		aulabot.Message{ChatID: 7, Text: "a"},
		aulabot.Message{ChatID: 7, Text: "reminder", NotBefore: now.Add(time.Hour), File: &aulabot.OutFile{Name: "x.ics", Data: []byte("BEGIN")}},
		aulabot.Message{ChatID: 8, Text: "other"},
	)
	ids, err := s.Unreachable(7, "403 Forbidden: bot was blocked by the user")
	if err != nil || len(ids) != 2 {
		t.Fatalf("buried %v, %v; want both of chat 7", ids, err)
	}
	r, _ := s.OutboxReport(*now, 10)
	if r.UnreachableTotal != 1 || r.Unreachable[0].Chat != 7 || r.DeadTotal != 2 || r.Waiting.Private != 1 {
		t.Errorf("report = %+v", r)
	}
	for _, d := range r.Dead {
		if d.Reason != store.DeadUnreachable || (d.Message.File != nil && d.Message.File.Data != nil) {
			t.Errorf("dead letter = %+v, want reason unreachable and no file contents", d)
		}
	}
	if err := s.Sent(ids[0]+2, 8, 5); err != nil { // chat 8's message
		t.Fatal(err)
	}
	if err := s.Update(func(tx *store.Tx) error { _, err := tx.CancelChatOutbox(7); return err }); err != nil {
		t.Fatal(err)
	}
	r, _ = s.OutboxReport(*now, 10)
	if r.DeadTotal != 0 || r.UnreachableTotal != 0 || s.IsUnreachable(7) {
		t.Errorf("after forgetting chat 7: %+v", r)
	}
	if err := s.Check(); err != nil {
		t.Error(err)
	}
}

// PruneOutbox forgets, and only forgets, what is past its time.
func TestStore_PruneOutbox(t *testing.T) {
	s, now := open(t)
	start := *now
	ids := enqueue(t, s,
		aulabot.Message{ChatID: 7, Text: "old", Key: "old", Ref: "old"},
		aulabot.Message{ChatID: 8, Text: "refused"},
	)
	if err := s.Sent(ids[0], 7, 1); err != nil {
		t.Fatal(err)
	}
	if err := s.Dead(ids[1], store.DeadRefused, "400 Bad Request: can't parse entities"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Unreachable(9, "403"); err != nil {
		t.Fatal(err)
	}
	*now = start.Add(store.DeadKeep + time.Hour)
	ids = enqueue(t, s, aulabot.Message{ChatID: 7, Text: "new", Key: "new", Ref: "new"}, aulabot.Message{ChatID: 8, Text: "pending", Key: "pending"})
	if err := s.Sent(ids[0], 7, 2); err != nil {
		t.Fatal(err)
	}
	p, err := s.PruneOutbox(*now)
	if err != nil {
		t.Fatal(err)
	}
	if p.Keys != 1 || p.Dead != 1 || p.Unreachable != 1 || p.Refs != 0 {
		t.Errorf("pruned %+v, want the old key, dead letter and mark", p)
	}
	// The old send went when the new one was logged.
	if sends, _ := s.RecentSends(start.Add(-time.Hour)); len(sends) != 1 || !sends[0].At.Equal(*now) {
		t.Errorf("sent log = %+v, want only the new send", sends)
	}
	for key, want := range map[string]uint64{"old": 1, "new": 0, "pending": 0} {
		if got := enqueue(t, s, aulabot.Message{ChatID: 7, Text: "again", Key: key})[0]; (got != 0) != (want == 1) {
			t.Errorf("enqueue of key %q after pruning: id %d", key, got)
		}
	}
	*now = start.Add(store.RefKeep + time.Hour)
	if p, _ = s.PruneOutbox(*now); p.Refs != 2 { // the ref and its message's entry
		t.Errorf("pruned %+v, want the old ref's two entries", p)
	}
	if _, _, ok := s.Ref("old"); ok {
		t.Error("old ref kept")
	}
	if _, _, ok := s.Ref("new"); !ok {
		t.Error("new ref pruned")
	}
	_ = s.View(func(tx *store.Tx) error {
		if _, ok := tx.MessageRef(7, 1); ok {
			t.Error("old message still maps to its ref")
		}
		return nil
	})
	if err := s.Check(); err != nil {
		t.Error(err)
	}
}

// BenchmarkScanOutbox is the sender's read after a commit: one new
// message, while 20,000 reminders wait for later or 5,000 messages of one
// chat are due and already known.
func BenchmarkScanOutbox(b *testing.B) {
	for _, c := range []struct {
		name            string
		waiting, backed int
	}{{"waiting=20000", 20000, 0}, {"backlog=5000", 0, 5000}} {
		b.Run(c.name, func(b *testing.B) {
			s, now := open(b)
			_ = s.Update(func(tx *store.Tx) error {
				for i := range c.waiting {
					_, _ = tx.Enqueue(aulabot.Message{ChatID: int64(i%500 + 1), Text: "reminder", NotBefore: now.Add(time.Duration(i+1) * time.Minute)})
				}
				for range c.backed {
					_, _ = tx.Enqueue(aulabot.Message{ChatID: 7, Text: "flood"})
				}
				return nil
			})
			scan, _ := s.ScanOutbox(store.OutboxCursor{}, *now)
			b.ResetTimer()
			for b.Loop() {
				b.StopTimer()
				_ = s.Update(func(tx *store.Tx) error { _, err := tx.Enqueue(aulabot.Message{ChatID: 8, Text: "reply"}); return err })
				b.StartTimer()
				next, err := s.ScanOutbox(scan.Cursor, *now)
				if err != nil || len(next.Entries) != 1 {
					b.Fatalf("scan = %d entries, %v", len(next.Entries), err)
				}
				scan = next
			}
		})
	}
}

// The kept keys of what went to a person's chat are indexed by the chat,
// so that forgetting the chat (DeleteUserData) forgets them, reading only
// its entries; a key pruned or cancelled takes its index entry with it,
// and a group's keys are not indexed.
func TestStore_ChatKeys(t *testing.T) {
	s, now := open(t)
	start := *now
	ids := enqueue(t, s,
		aulabot.Message{ChatID: 7, Text: "a", Key: "ann:1:7"},
		aulabot.Message{ChatID: 7, Text: "b", Key: "evrem:2:7"},
		aulabot.Message{ChatID: 7, Text: "c", Key: "crs:3:a1"},
		aulabot.Message{ChatID: 8, Text: "d", Key: "ann:1:8"},
		aulabot.Message{ChatID: -100, Text: "e", Key: "tk:post:-100"},
	)
	for i, id := range ids {
		if err := s.Sent(id, []int64{7, 7, 7, 8, -100}[i], i+1); err != nil {
			t.Fatal(err)
		}
	}
	indexed := func() []string {
		t.Helper()
		snap, err := s.Snapshot()
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for k := range snap {
			if b, key, _ := strings.Cut(k, "\x00"); b == "outbox_key_chat" {
				out = append(out, key[8:])
			}
		}
		slices.Sort(out)
		return out
	}
	if got := indexed(); !slices.Equal(got, []string{"ann:1:7", "ann:1:8", "crs:3:a1", "evrem:2:7"}) {
		t.Fatalf("indexed %q", got)
	}
	// A sent key cancelled (a booking's reminders) goes from the index.
	if err := s.Update(func(tx *store.Tx) error { _, err := tx.CancelOutbox("crs:3:"); return err }); err != nil {
		t.Fatal(err)
	}
	if err := s.Update(func(tx *store.Tx) error { _, err := tx.CancelChatOutbox(7); return err }); err != nil {
		t.Fatal(err)
	}
	if got := indexed(); !slices.Equal(got, []string{"ann:1:8"}) {
		t.Errorf("after forgetting chat 7 the index holds %q", got)
	}
	for key, kept := range map[string]bool{"ann:1:7": false, "evrem:2:7": false, "ann:1:8": true, "tk:post:-100": true} {
		if got := enqueue(t, s, aulabot.Message{ChatID: 9, Text: "again", Key: key})[0]; (got == 0) != kept {
			t.Errorf("key %q kept = %v, want %v", key, got == 0, kept)
		}
	}
	// Pruned after KeyKeep: the index entry goes with the key.
	*now = start.Add(store.KeyKeep + time.Hour)
	if _, err := s.PruneOutbox(*now); err != nil {
		t.Fatal(err)
	}
	if got := indexed(); len(got) != 0 {
		t.Errorf("after pruning the index holds %q", got)
	}
	if err := s.Check(); err != nil {
		t.Error(err)
	}
}
