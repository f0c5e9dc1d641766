package store

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	bolt "go.etcd.io/bbolt"
)

// The outbox's messages by chat, kept in memory, follow what is committed:
// a message queued or sent, one queued by a transaction that failed (not
// there), one queued earlier in the same transaction (there), and after a
// restart, when they are built again from the due index. A person's
// deletion and a chat found unreachable read them. Store.Check compares
// them with the due index, and says so when they differ.
func TestOutboxChats_FollowTheCommits(t *testing.T) {
	path := filepath.Join(t.TempDir(), "aulabot.db")
	s, err := Open(path, Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Hour)
	var ana, anaLater, beto uint64
	err = s.Update(func(tx *Tx) (err error) {
		if ana, err = tx.Enqueue(aulabot.Message{ChatID: 5, Text: "hola Ana"}); err != nil {
			return err
		}
		if anaLater, err = tx.Enqueue(aulabot.Message{ChatID: 5, Text: "recordatorio", NotBefore: later}); err != nil {
			return err
		}
		if beto, err = tx.Enqueue(aulabot.Message{ChatID: 6, Text: "hola Beto"}); err != nil {
			return err
		}
		_, err = tx.Enqueue(aulabot.Message{ChatID: -100, Text: "al grupo"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.chats.of(5); !slices.Equal(got, []uint64{ana, anaLater}) {
		t.Errorf("chat 5's messages = %v, want %v", got, []uint64{ana, anaLater})
	}

	failed := errors.New("the handler failed")
	if err := s.Update(func(tx *Tx) error {
		if _, err := tx.Enqueue(aulabot.Message{ChatID: 7, Text: "never"}); err != nil {
			return err
		}
		return failed
	}); !errors.Is(err, failed) {
		t.Fatalf("update = %v", err)
	}
	if ids, err := s.Unreachable(7, "Forbidden: bot was blocked by the user"); err != nil || len(ids) != 0 {
		t.Errorf("a failed transaction's message is among chat 7's: %v %v", ids, err)
	}

	err = s.Update(func(tx *Tx) error {
		if _, err := tx.Enqueue(aulabot.Message{ChatID: 8, Text: "hola Carla"}); err != nil {
			return err
		}
		n, err := tx.ReviseQueued(8, "", func(m *aulabot.Message) bool { m.Text = "hola"; return true })
		if n != 1 {
			t.Errorf("revised %d of the messages queued in the same transaction, want 1", n)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}

	if err := s.Sent(ana, 5, 77); err != nil {
		t.Fatal(err)
	}
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
	s = reopen(t, s)
	defer s.Close()
	if ids, err := s.Unreachable(5, "Forbidden: bot was blocked by the user"); err != nil || !slices.Equal(ids, []uint64{anaLater}) {
		t.Errorf("after a restart chat 5's unsent messages = %v %v, want %v", ids, err, []uint64{anaLater})
	}

	// Memory that may say more than the file (its commit failed) is built
	// again before the next write reads it.
	s.chats.mu.Lock()
	delete(s.chats.ids, 6)
	s.chats.stale = true
	s.chats.mu.Unlock()
	if ids, err := s.Unreachable(6, "Forbidden: bot was blocked by the user"); err != nil || !slices.Equal(ids, []uint64{beto}) {
		t.Errorf("chat 6's unsent messages, built again = %v %v, want %v", ids, err, []uint64{beto})
	}
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}

	s.chats.mu.Lock()
	s.chats.ids[99] = []uint64{12345}
	s.chats.mu.Unlock()
	if err := s.Check(); err == nil || !strings.Contains(err.Error(), "chat 99") {
		t.Errorf("Check with a message in memory the file has not = %v", err)
	}
	s.chats.mu.Lock()
	delete(s.chats.ids, 99)
	s.chats.ids[-100] = nil
	s.chats.mu.Unlock()
	if err := s.Check(); err == nil || !strings.Contains(err.Error(), "chat -100") {
		t.Errorf("Check with a group's message missing from memory = %v", err)
	}
}

// Updates applied at once share commits (the committer's groups), and a
// function that fails inside a group is taken out and runs again alone:
// the messages queued by the group's run that was rolled back are not
// kept, those of the run that committed are. People's messages sent
// meanwhile leave. At the end memory and the due index agree (Check), and
// each person has exactly the messages queued and not sent.
func TestOutboxChats_ConcurrentUpdates(t *testing.T) {
	s := openInternal(t)
	const people, steps = 8, 40
	var wg sync.WaitGroup
	want := make([][]uint64, people)
	for p := range people {
		wg.Add(1)
		go func() {
			defer wg.Done()
			chat := int64(1000 + p)
			for i := range steps {
				var id uint64
				err := s.Apply(context.Background(), int64(p*steps+i+1), 0, func(tx *Tx) (err error) {
					if id, err = tx.Enqueue(aulabot.Message{ChatID: chat, Text: "respuesta"}); err != nil {
						return err
					}
					if i%5 == 4 {
						return errors.New("the handler failed after queuing")
					}
					return nil
				})
				switch {
				case i%5 == 4 && err == nil:
					t.Errorf("a failing update applied")
				case i%5 == 4:
				case err != nil:
					t.Error(err)
				case i%3 == 0:
					if err := s.Sent(id, chat, i); err != nil {
						t.Error(err)
					}
				default:
					want[p] = append(want[p], id)
				}
			}
		}()
	}
	wg.Wait()
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
	for p := range people {
		s.chats.mu.Lock()
		got := s.chats.of(int64(1000 + p))
		s.chats.mu.Unlock()
		if !slices.Equal(got, want[p]) {
			t.Errorf("person %d's unsent messages = %v, want %v", p, got, want[p])
		}
	}
}

// A file of schema 20 kept the outbox's messages by chat in the bucket
// outbox_chat: the upgrade empties it, and the messages it named are found
// by chat from the due index.
func TestOutboxChatMigration(t *testing.T) {
	path := filepath.Join(t.TempDir(), "aulabot.db")
	s, err := Open(path, Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	var id uint64
	err = s.Update(func(tx *Tx) (err error) {
		id, err = tx.Enqueue(aulabot.Message{ChatID: 5, Text: "hola Ana"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// As schema 20 wrote it.
	err = s.db.Update(func(btx *bolt.Tx) error {
		if err := btx.Bucket([]byte(bOutboxChat)).Put(append(i64(5), u64(id)...), nil); err != nil {
			return err
		}
		return btx.Bucket([]byte(bMeta)).Put(keySchema, u64(20))
	})
	if err != nil {
		t.Fatal(err)
	}
	s = reopen(t, s)
	defer s.Close()
	if v, err := s.Schema(); err != nil || v != SchemaVersion() || v != 21 {
		t.Errorf("schema = %d, %v; want 21", v, err)
	}
	s.View(func(tx *Tx) error {
		if n := tx.bucket(bOutboxChat).Stats().KeyN; n != 0 {
			t.Errorf("outbox_chat keeps %d entries after the upgrade", n)
		}
		return nil
	})
	if ids, err := s.Unreachable(5, "Forbidden: bot was blocked by the user"); err != nil || !slices.Equal(ids, []uint64{id}) {
		t.Errorf("chat 5's unsent messages after the upgrade = %v %v, want %v", ids, err, []uint64{id})
	}
	if err := s.Check(); err != nil {
		t.Error(err)
	}
}

// reopen closes s and opens its file again, as a restart does.
func reopen(t *testing.T, s *Store) *Store {
	t.Helper()
	s.Close()
	s, err := Open(s.path, Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	return s
}
