package store_test

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

// open returns a store in a temporary directory with a clock the test moves.
func open(t testing.TB) (*store.Store, *time.Time) {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "aulabot.db"), store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return now }
	t.Cleanup(func() {
		if err := s.Check(); err != nil {
			t.Error(err)
		}
		s.Close()
	})
	return s, &now
}

func TestOpen_Locked(t *testing.T) {
	p := filepath.Join(t.TempDir(), "aulabot.db")
	s, err := store.Open(p, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = store.Open(p, store.Options{Timeout: 50 * time.Millisecond})
	if !errors.Is(err, store.ErrLocked) {
		t.Fatalf("err = %v, want ErrLocked", err)
	}
	if want := "another aulabot is using " + p; !strings.Contains(err.Error(), want) {
		t.Errorf("err = %q, want it to say %q", err, want)
	}
}

func TestOpen_Reopen(t *testing.T) {
	p := filepath.Join(t.TempDir(), "aulabot.db")
	s, err := store.Open(p, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Update(func(tx *store.Tx) error { return tx.PutUser(aulabot.User{ID: 7, Name: "Ana"}) }); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = store.Open(p, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	u, ok, err := s.User(7)
	if err != nil || !ok || u.Name != "Ana" {
		t.Fatalf("after reopen User(7) = %+v, %v, %v", u, ok, err)
	}
}

func TestStore_Apply(t *testing.T) {
	s, _ := open(t)
	ctx := context.Background()
	put := func(tx *store.Tx) error { return tx.Count("hits", 1) }
	t.Run("OK", func(t *testing.T) {
		if err := s.Apply(ctx, 10, 11, put); err != nil {
			t.Fatal(err)
		}
		if off, _ := s.Offset(); off != 11 {
			t.Errorf("offset = %d, want 11", off)
		}
	})
	t.Run("ErrDuplicate", func(t *testing.T) {
		if err := s.Apply(ctx, 10, 11, put); !errors.Is(err, store.ErrDuplicate) {
			t.Fatalf("second apply err = %v, want ErrDuplicate", err)
		}
		var hits int64
		s.View(func(tx *store.Tx) error { hits = tx.Counter("hits"); return nil })
		if hits != 1 {
			t.Errorf("hits = %d, want 1", hits)
		}
	})
	t.Run("ErrorRollsBack", func(t *testing.T) {
		boom := errors.New("boom")
		err := s.Apply(ctx, 12, 13, func(tx *store.Tx) error {
			if err := tx.Count("hits", 1); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("err = %v", err)
		}
		if ok, _ := s.Applied(12); ok {
			t.Error("a failed update was marked applied")
		}
		if off, _ := s.Offset(); off != 11 {
			t.Errorf("offset = %d, want 11 (unchanged)", off)
		}
	})
	t.Run("OffsetNeverLowers", func(t *testing.T) {
		if err := s.Apply(ctx, 5, 6, put); err != nil {
			t.Fatal(err)
		}
		if off, _ := s.Offset(); off != 11 {
			t.Errorf("offset = %d, want 11", off)
		}
	})
}

// Many goroutines applying the same updates: each takes effect once.
// reopener opens the store at path each time it is called (a test closes
// and reopens it, as a restart would), with the clock *now.
func reopener(t *testing.T, path string, now *time.Time) func() *store.Store {
	return func() *store.Store {
		s, err := store.Open(path, store.Options{NoSync: true})
		if err != nil {
			t.Fatal(err)
		}
		s.Now = func() time.Time { return *now }
		return s
	}
}

func TestStore_ApplyConcurrent(t *testing.T) {
	s, _ := open(t)
	var wg sync.WaitGroup
	for g := 0; g < 20; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := int64(1); id <= 50; id++ {
				err := s.Apply(context.Background(), id, 0, func(tx *store.Tx) error { return tx.Count("n", 1) })
				if err != nil && !errors.Is(err, store.ErrDuplicate) {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	var n int64
	s.View(func(tx *store.Tx) error { n = tx.Counter("n"); return nil })
	if n != 50 {
		t.Errorf("n = %d, want 50", n)
	}
}

func TestStore_State(t *testing.T) {
	s, _ := open(t)
	st := aulabot.State{Flow: "onboard", Step: "role"}.With("uni", "unma")
	if err := s.Update(func(tx *store.Tx) error { return tx.SetState(-5, 7, st) }); err != nil {
		t.Fatal(err)
	}
	var got aulabot.State
	s.View(func(tx *store.Tx) error { got, _ = tx.State(-5, 7); return nil })
	if got.Flow != "onboard" || got.Get("uni") != "unma" {
		t.Errorf("state = %+v", got)
	}
	s.View(func(tx *store.Tx) error { got, _ = tx.State(7, 7); return nil })
	if got.Flow != "" {
		t.Errorf("state in another chat = %+v, want none", got)
	}
}

func TestStore_DeleteUserData(t *testing.T) {
	s, _ := open(t)
	err := s.Update(func(tx *store.Tx) error {
		if err := tx.PutUser(aulabot.User{ID: 7, Name: "Ana", University: "unma", Role: "teacher"}); err != nil {
			return err
		}
		if err := tx.PutUser(aulabot.User{ID: 8, Name: "Luis"}); err != nil {
			return err
		}
		if err := tx.SetState(7, 7, aulabot.State{Flow: "x"}); err != nil {
			return err
		}
		return tx.SetState(-1, 7, aulabot.State{Flow: "y"})
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Update(func(tx *store.Tx) error { return tx.DeleteUserData(7) }); err != nil {
		t.Fatal(err)
	}
	s.View(func(tx *store.Tx) error {
		if _, ok, _ := tx.User(7); ok {
			t.Error("user 7 still there")
		}
		if _, ok, _ := tx.User(8); !ok {
			t.Error("user 8 was deleted too")
		}
		for _, chat := range []int64{7, -1} {
			if st, _ := tx.State(chat, 7); st.Flow != "" {
				t.Errorf("state in chat %d kept: %+v", chat, st)
			}
		}
		return nil
	})
}

func TestStore_Outbox(t *testing.T) {
	s, now := open(t)
	woke := 0
	s.OnOutbox(func() { woke++ })
	err := s.Update(func(tx *store.Tx) error {
		for _, m := range []aulabot.Message{
			{ChatID: 1, Text: "a", Key: "k1", Ref: "ticket:1"},
			{ChatID: 1, Text: "dup", Key: "k1"},
			{ChatID: 2, Text: "later", Key: "remind:b1:1h", NotBefore: now.Add(time.Hour)},
			{ChatID: 2, Text: "b"},
		} {
			if _, err := tx.Enqueue(m); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if woke != 1 {
		t.Errorf("sender woken %d times, want 1", woke)
	}
	due, next, err := s.Due(*now, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(due) != 2 || due[0].Text != "a" || due[1].Text != "b" {
		t.Fatalf("due = %+v, want a, b", due)
	}
	if !next.Equal(now.Add(time.Hour)) {
		t.Errorf("next = %v, want in 1h", next)
	}
	if err := s.Sent(due[0].ID, 1, 99); err != nil {
		t.Fatal(err)
	}
	if chat, id, ok := s.Ref("ticket:1"); !ok || chat != 1 || id != 99 {
		t.Errorf("Ref = %d %d %v", chat, id, ok)
	}
	s.View(func(tx *store.Tx) error {
		if ref, ok := tx.MessageRef(1, 99); !ok || ref != "ticket:1" {
			t.Errorf("MessageRef = %q %v", ref, ok)
		}
		return nil
	})
	// A key already sent is not sent again.
	s.Update(func(tx *store.Tx) error {
		id, err := tx.Enqueue(aulabot.Message{ChatID: 1, Text: "again", Key: "k1"})
		if id != 0 || err != nil {
			t.Errorf("re-enqueue of a sent key = %d, %v", id, err)
		}
		return nil
	})
	if err := s.Retry(due[1].ID, now.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if due, _, _ := s.Due(*now, 10); len(due) != 0 {
		t.Errorf("due after retry = %+v, want none", due)
	}
	var n int
	s.Update(func(tx *store.Tx) error { n, err = tx.CancelOutbox("remind:b1:"); return err })
	if n != 1 {
		t.Errorf("cancelled %d, want 1", n)
	}
	if d, _ := s.OutboxDepth(); d != 1 {
		t.Errorf("depth = %d, want 1", d)
	}
}

// TestStore_CancelOutboxKey: only the unsent message of exactly that key
// goes ("rate:b1" leaves "rate:b10"); a sent one's key stays, so that it
// is not sent again.
func TestStore_CancelOutboxKey(t *testing.T) {
	s, now := open(t)
	enqueue := func(key string) uint64 {
		var id uint64
		s.Update(func(tx *store.Tx) (err error) {
			id, err = tx.Enqueue(aulabot.Message{ChatID: 5, Text: key, Key: key, NotBefore: now.Add(time.Hour)})
			return err
		})
		return id
	}
	cancel := func(key string) (removed bool) {
		if err := s.Update(func(tx *store.Tx) (err error) { removed, err = tx.CancelOutboxKey(key); return err }); err != nil {
			t.Fatal(err)
		}
		return removed
	}
	enqueue("rate:b1")
	enqueue("rate:b10")
	if !cancel("rate:b1") || cancel("rate:b1") || cancel("rate:b") {
		t.Fatal("cancelling rate:b1 twice, then a prefix: want removed, then nothing")
	}
	if d, _ := s.OutboxDepth(); d != 1 {
		t.Errorf("depth = %d, want rate:b10 left", d)
	}
	if enqueue("rate:b1") == 0 {
		t.Error("a cancelled key could not be queued again")
	}
	due, _, _ := s.Due(now.Add(2*time.Hour), 10)
	for _, m := range due {
		if err := s.Sent(m.ID, 5, int(m.ID)); err != nil {
			t.Fatal(err)
		}
	}
	if len(due) != 2 || cancel("rate:b1") {
		t.Fatalf("sent %d; a sent message cancelled", len(due))
	}
	if enqueue("rate:b1") != 0 {
		t.Error("after a cancel of a sent key, the key was queued again")
	}
}

func TestStore_Backup(t *testing.T) {
	s, _ := open(t)
	s.Update(func(tx *store.Tx) error { return tx.PutUser(aulabot.User{ID: 7, Name: "Ana"}) })
	var buf bytes.Buffer
	if _, err := s.Backup(&buf); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "copy.db")
	if err := writeFile(p, buf.Bytes()); err != nil {
		t.Fatal(err)
	}
	c, err := store.Open(p, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if u, ok, _ := c.User(7); !ok || u.Name != "Ana" {
		t.Errorf("backup lacks user 7: %+v", u)
	}
}

func TestStore_PruneUpdates(t *testing.T) {
	s, now := open(t)
	for id := int64(1); id <= 5; id++ {
		s.Apply(context.Background(), id, 0, func(*store.Tx) error { return nil })
	}
	n, err := s.PruneUpdates(now.Add(time.Second))
	if err != nil || n != 5 {
		t.Fatalf("pruned %d, %v; want 5", n, err)
	}
}

// A chat waiting for a retry gets none of its later messages; other chats
// and scheduled reminders are not held back.
func TestStore_OutboxHeld(t *testing.T) {
	s, now := open(t)
	ids := map[string]uint64{}
	enq := func(chat int64, text string, at time.Time) {
		s.Update(func(tx *store.Tx) error {
			id, err := tx.Enqueue(aulabot.Message{ChatID: chat, Text: text, NotBefore: at})
			ids[text] = id
			return err
		})
	}
	enq(1, "a", time.Time{})
	enq(1, "reminder", now.Add(time.Hour))
	if err := s.Retry(ids["a"], now.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	enq(1, "b", time.Time{})
	enq(2, "other chat", time.Time{})
	texts := func(at time.Time) []string {
		due, _, err := s.Due(at, 10)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, m := range due {
			out = append(out, m.Text)
		}
		return out
	}
	if got := strings.Join(texts(*now), ","); got != "other chat" {
		t.Errorf("while a waits for its retry: %q, want only the other chat", got)
	}
	if got := strings.Join(texts(now.Add(2*time.Minute)), ","); got != "other chat,a,b" {
		t.Errorf("after the retry time: %q, want a before b", got)
	}
	if err := s.Sent(ids["a"], 1, 5); err != nil {
		t.Fatal(err)
	}
	if got := texts(now.Add(2 * time.Hour)); len(got) != 3 {
		t.Errorf("after a was sent: %q, want b, the reminder and the other chat", got)
	}
}

// Check while other goroutines keep writing (a test's cleanup while a
// handler that shutdown gave up on still commits) reports no problem and
// no data race: it waits for the writer instead of reading the freelist
// under a commit.
func TestStore_CheckWhileWriting(t *testing.T) {
	s, _ := open(t)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				err := s.Update(func(tx *store.Tx) error {
					// Grow and shrink the file so that commits free pages.
					if err := tx.SetState(int64(g*1000+i%50), 1, aulabot.State{Flow: strings.Repeat("x", 1+i%3000)}); err != nil {
						return err
					}
					return tx.Count("n", 1)
				})
				if err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	for range 30 {
		if err := s.Check(); err != nil {
			t.Error(err)
			break
		}
	}
	close(stop)
	wg.Wait()
}

// A store opened read-only (the suites' and aulabot outbox's view of a
// stopped bot's file) is checked too.
func TestStore_CheckReadOnly(t *testing.T) {
	p := filepath.Join(t.TempDir(), "aulabot.db")
	s, err := store.Open(p, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Update(func(tx *store.Tx) error { return tx.Count("n", 1) }); err != nil {
		t.Fatal(err)
	}
	s.Close()
	ro, err := store.Open(p, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if err := ro.Check(); err != nil {
		t.Errorf("read-only check: %v", err)
	}
}
