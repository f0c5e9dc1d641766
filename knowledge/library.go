package knowledge

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fsnotify/fsnotify"
)

// ErrProblems is returned by Reload when the new base has problems and the
// previous one stays in use.
var ErrProblems = errors.New("knowledge base has problems; previous version kept")

// Library holds the knowledge base in use and replaces it on reload. Current
// is safe to call from any goroutine while a reload runs.
type Library struct {
	load    func() (*Base, []Problem, error)
	current atomic.Pointer[Base]
	mu      sync.Mutex // serialises reloads
	onSwap  []func(*Base)
}

// OnSwap registers f to be called with each new base after it is swapped
// in (in the goroutine that reloaded, after the swap). Register before the
// first Reload.
func (l *Library) OnSwap(f func(*Base)) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.onSwap = append(l.onSwap, f)
}

// NewLibrary makes a Library that builds bases with load (called under
// the Library's lock: one load at a time, each reading what is there when
// it starts). It loads nothing: call Reload for the first base. Until
// then Current returns nil, which searches as an empty base.
func NewLibrary(load func() (*Base, []Problem, error)) *Library {
	return &Library{load: load}
}

// RetireDelay is how long a replaced base stays open for searches that
// started on it before the swap.
var RetireDelay = 30 * time.Second

// Current returns the base in use (nil before the first successful Reload).
func (l *Library) Current() *Base {
	return l.current.Load()
}

// Reload builds a new base and swaps it in. If loading fails or finds
// problems, the base in use is kept and the problems are returned with
// ErrProblems (or the load error). The replaced base is closed RetireDelay
// later, so that searches running on it finish normally.
func (l *Library) Reload() ([]Problem, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, probs, err := l.load()
	if err != nil {
		return probs, fmt.Errorf("reload knowledge base: %w", err)
	}
	if len(probs) > 0 {
		if b != nil {
			b.Close()
		}
		return probs, ErrProblems
	}
	if old := l.current.Swap(b); old != nil && old != b {
		time.AfterFunc(RetireDelay, func() { old.Close() })
	}
	for _, f := range l.onSwap {
		f(b)
	}
	return nil, nil
}

// DebounceDelay is how long Watch waits after the last change in the folder
// before reloading, so that an editor saving several files reloads once.
var DebounceDelay = 500 * time.Millisecond

// Watch reloads the library whenever a file under dir changes, and reports
// each reload to onReload (which may be nil). Changes closer together than
// DebounceDelay cause one reload. dir must be a real folder; new subfolders
// are watched as they appear. Watch blocks until ctx is done and then
// returns ctx.Err(); it returns another error at once if dir cannot be
// watched.
func (l *Library) Watch(ctx context.Context, dir string, onReload func([]Problem, error)) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watch %s: %w", dir, err)
	}
	defer w.Close()
	if err := addTree(w, dir); err != nil {
		return err
	}
	timer := time.NewTimer(DebounceDelay)
	timer.Stop()
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case ev, ok := <-w.Events:
			if !ok {
				return fmt.Errorf("watch %s: watcher closed", dir)
			}
			if ev.Op.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					_ = addTree(w, ev.Name) // best effort: a vanished folder needs no watching
				}
			}
			timer.Reset(DebounceDelay)
		case <-w.Errors:
			// an overflow drops events, but the next change reloads everything
		case <-timer.C:
			probs, err := l.Reload()
			if onReload != nil {
				onReload(probs, err)
			}
		}
	}
}

func addTree(w *fsnotify.Watcher, dir string) error {
	return filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if err := w.Add(p); err != nil {
				return fmt.Errorf("watch %s: %w", p, err)
			}
		}
		return nil
	})
}
