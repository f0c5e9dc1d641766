package bot_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/bot"
)

type handlerFunc func(ctx context.Context, u aulabot.Update) error

func (f handlerFunc) Handle(ctx context.Context, u aulabot.Update) error { return f(ctx, u) }

// text is a private message update from person in their own chat.
func text(id int, person int64, s string) tgbotapi.Update {
	return tgbotapi.Update{UpdateID: id, Message: &tgbotapi.Message{MessageID: id, Text: s,
		From: &tgbotapi.User{ID: person, FirstName: "P"}, Chat: &tgbotapi.Chat{ID: person, Type: "private"}}}
}

func dispatch(t *testing.T, d *bot.Dispatcher, u tgbotapi.Update) <-chan error {
	t.Helper()
	res, err := d.Dispatch(context.Background(), u)
	if err != nil {
		t.Error(err)
		return nil
	}
	return res
}

func waitResult(t *testing.T, res <-chan error) error {
	t.Helper()
	select {
	case err := <-res:
		return err
	case <-time.After(10 * time.Second):
		t.Fatal("update never finished")
		return nil
	}
}

// dispatchFlood dispatches 1,000 updates of chat 1, then one update of
// each of 50 other chats from 50 goroutines, and waits for all to finish.
func dispatchFlood(t *testing.T, d *bot.Dispatcher, gate chan struct{}) {
	t.Helper()
	const flood, others = 1000, 50
	results := make(chan (<-chan error), flood+others)
	for i := 1; i <= flood; i++ {
		results <- dispatch(t, d, text(i, 1, "flood"))
	}
	var wg sync.WaitGroup
	for i := 1; i <= others; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); results <- dispatch(t, d, text(flood+i, int64(100+i), "hi")) }()
	}
	wg.Wait()
	close(gate)
	close(results)
	for res := range results {
		if err := waitResult(t, res); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := d.SafeOffset(), int64(flood+others+1); got != want {
		t.Errorf("safe offset = %d, want %d", got, want)
	}
}

// One chat with 1,000 queued updates does not delay 50 other chats.
// (With the old 16 hashed worker queues the chats that shared the flooding
// chat's worker waited behind all of it; and its queue, 64 deep, blocked
// Dispatch for everyone.)
func TestDispatcher_NoChatWaitsForAnother(t *testing.T) {
	// Chats with work are served round-robin: with one worker, every other
	// chat's update runs before the flooding chat's second, and the
	// flooding chat's updates stay in order.
	t.Run("RoundRobin", func(t *testing.T) {
		gate := make(chan struct{})
		var mu sync.Mutex
		var order []aulabot.Update
		d := &bot.Dispatcher{Log: quiet, Workers: 1, MaxQueued: 2000, Handler: handlerFunc(func(ctx context.Context, u aulabot.Update) error {
			<-gate // nothing finishes before everything was dispatched
			mu.Lock()
			order = append(order, u)
			mu.Unlock()
			return nil
		})}
		d.Start()
		defer d.Stop(time.Second)
		dispatchFlood(t, d, gate)
		var floods []int64
		for i, u := range order {
			if u.ChatID != 1 {
				continue
			}
			if len(floods) == 1 && i != 51 {
				t.Errorf("the flooding chat's second update ran at position %d, want 51 (after the 50 others)", i)
			}
			if n := len(floods); n > 0 && u.ID <= floods[n-1] {
				t.Fatalf("the flooding chat's update %d ran after %d", u.ID, floods[n-1])
			}
			floods = append(floods, u.ID)
		}
		if len(floods) != 1000 || len(order) != 1050 {
			t.Errorf("handled %d of the flood and %d in all, want 1000 and 1050", len(floods), len(order))
		}
	})
	// With several workers the flooding chat holds at most one: its second
	// update waits until all 50 others were handled by the other workers,
	// which would never happen if any of them waited behind it.
	t.Run("OneWorkerPerChat", func(t *testing.T) {
		gate, othersDone := make(chan struct{}), make(chan struct{})
		var others atomic.Int32
		d := &bot.Dispatcher{Log: quiet, Workers: 4, MaxQueued: 2000, Handler: handlerFunc(func(ctx context.Context, u aulabot.Update) error {
			<-gate
			switch {
			case u.ChatID != 1:
				if others.Add(1) == 50 {
					close(othersDone)
				}
			case u.ID == 2:
				select {
				case <-othersDone:
				case <-time.After(10 * time.Second):
					t.Errorf("%d of 50 other chats handled while the flooding chat waited", others.Load())
				}
			}
			return nil
		})}
		d.Start()
		defer d.Stop(time.Second)
		dispatchFlood(t, d, gate)
	})
}

// A flood of 1,200 updates from one person: the first 30 (the burst) are
// handled, the 31st is handled as Throttled (one notice), the rest never
// reach the handler and are counted; they still count as finished. Another
// person's update sent in the middle is handled while the flood is still
// queued. Once the window passes the person is served again.
func TestDispatcher_PerPersonLimit(t *testing.T) {
	var clock sync.Mutex
	now := time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)
	advance := func(d time.Duration) { clock.Lock(); now = now.Add(d); clock.Unlock() }
	gate := make(chan struct{})
	var mu sync.Mutex
	handled := map[int64][]aulabot.Update{}
	metrics := bot.NewMetrics(func() float64 { return 0 })
	d := &bot.Dispatcher{Log: quiet, Workers: 4, PerPersonPerMinute: 30, Metrics: metrics,
		Now: func() time.Time { clock.Lock(); defer clock.Unlock(); return now },
		Handler: handlerFunc(func(ctx context.Context, u aulabot.Update) error {
			if u.From.ID == 1 {
				<-gate
			}
			mu.Lock()
			handled[u.From.ID] = append(handled[u.From.ID], u)
			mu.Unlock()
			return nil
		})}
	d.Start()
	defer d.Stop(time.Second)

	id := 0
	var pending []<-chan error
	flood := func(n int) {
		for range n {
			id++
			pending = append(pending, dispatch(t, d, text(id, 1, "spam")))
		}
	}
	flood(600)
	id++
	if err := waitResult(t, dispatch(t, d, text(id, 2, "hello"))); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	if len(handled[2]) != 1 || len(handled[1]) != 0 {
		t.Errorf("person 2 handled %d times while person 1's flood waited (%d handled), want 1 and 0", len(handled[2]), len(handled[1]))
	}
	mu.Unlock()
	flood(600)
	close(gate)
	for _, res := range pending {
		if err := waitResult(t, res); err != nil {
			t.Fatal(err)
		}
	}
	throttled := func(us []aulabot.Update) (n int, last bool) {
		for _, u := range us {
			if u.Throttled {
				n++
			}
		}
		return n, len(us) > 0 && us[len(us)-1].Throttled
	}
	mu.Lock()
	if got := len(handled[1]); got != 31 {
		t.Errorf("%d of the flood reached the handler, want 31 (burst 30 and one notice)", got)
	}
	if n, last := throttled(handled[1]); n != 1 || !last {
		t.Errorf("%d updates marked Throttled (last one: %v), want exactly the 31st", n, last)
	}
	mu.Unlock()
	if got, want := d.SafeOffset(), int64(id+1); got != want {
		t.Errorf("safe offset = %d, want %d: dropped updates count as finished", got, want)
	}
	rec := httptest.NewRecorder()
	promhttp.HandlerFor(metrics.Registry, promhttp.HandlerOpts{}).ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if want := "aulabot_updates_throttled_total 1169"; !strings.Contains(rec.Body.String(), want) {
		t.Errorf("/metrics lacks %q", want)
	}

	// A minute later the bucket is full again and a new notice is allowed.
	advance(time.Minute)
	pending = nil
	flood(32)
	for _, res := range pending {
		waitResult(t, res)
	}
	mu.Lock()
	defer mu.Unlock()
	if got := len(handled[1]); got != 31+31 {
		t.Errorf("after the window %d more reached the handler, want 31", got-31)
	}
	if n, last := throttled(handled[1]); n != 2 || !last {
		t.Errorf("%d notices in all (last update throttled: %v), want a second one after the window", n, last)
	}
}

// Staff have a limit of their own, ten times a person's in the bot: a
// technician working the queue may press and reply faster than the public
// may write, but a flooding staff account gets one notice and is dropped
// beyond it, like anyone, instead of filling the bot's queue. With no
// staff limit set, staff are not limited at all.
func TestDispatcher_StaffLimit(t *testing.T) {
	run := func(t *testing.T, staffPerMinute int) map[int64]int {
		var mu sync.Mutex
		handled := map[int64]int{}
		d := &bot.Dispatcher{Log: quiet, Workers: 2, PerPersonPerMinute: 30, StaffPerMinute: staffPerMinute,
			Staff: func(id int64) bool { return id == 3001 },
			Handler: handlerFunc(func(ctx context.Context, u aulabot.Update) error {
				mu.Lock()
				handled[u.From.ID]++
				mu.Unlock()
				return nil
			})}
		d.Start()
		defer d.Stop(time.Second)
		var pending []<-chan error
		for i := range 400 {
			pending = append(pending, dispatch(t, d, text(2*i+1, 3001, "/queue")))
			if i < 100 {
				pending = append(pending, dispatch(t, d, text(2*i+2, 7, "hola")))
			}
		}
		for _, res := range pending {
			if err := waitResult(t, res); err != nil {
				t.Fatal(err)
			}
		}
		mu.Lock()
		defer mu.Unlock()
		if handled[7] != 31 {
			t.Errorf("a member of the public's 100 updates: %d handled, want 31 (burst 30 and one notice)", handled[7])
		}
		return handled
	}
	t.Run("Limited", func(t *testing.T) {
		if got := run(t, 300)[3001]; got != 301 {
			t.Errorf("the technician's 400 updates: %d handled, want 301 (burst 300 and one notice)", got)
		}
	})
	t.Run("NoStaffLimit", func(t *testing.T) {
		if got := run(t, 0)[3001]; got != 400 {
			t.Errorf("the technician's 400 updates: %d handled, want all", got)
		}
	})
}

// Stop never panics while updates keep arriving from many goroutines:
// Dispatch then returns ErrStopped; queued updates that did not start get
// ErrStopped and stay unconfirmed; a running one that outlives the timeout
// is reported and stays unconfirmed too.
func TestDispatcher_StopWhileDispatching(t *testing.T) {
	block := make(chan struct{})
	defer close(block)
	started := make(chan struct{})
	d := &bot.Dispatcher{Log: quiet, Workers: 2, Handler: handlerFunc(func(ctx context.Context, u aulabot.Update) error {
		if u.ID == 1 {
			close(started)
			select {
			case <-block:
			case <-ctx.Done(): // Stop gave up: the update's context ends
			}
		}
		return nil
	})}
	d.Start()
	first := dispatch(t, d, text(1, 1, "stuck"))
	<-started
	var wg sync.WaitGroup
	var mu sync.Mutex
	var accepted []<-chan error
	refused := 0
	var next atomic.Int64
	next.Store(1)
	busy := make(chan struct{}, 20)
	for g := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				if i == 10 {
					busy <- struct{}{}
				}
				res, err := d.Dispatch(context.Background(), text(int(next.Add(1)), int64(10+g), "hi"))
				mu.Lock()
				if err != nil {
					if !errors.Is(err, bot.ErrStopped) {
						t.Errorf("Dispatch: %v, want ErrStopped", err)
					}
					refused++
					mu.Unlock()
					return
				}
				accepted = append(accepted, res)
				mu.Unlock()
			}
		}()
	}
	for range 20 { // every goroutine is sending
		<-busy
	}
	if d.Stop(50 * time.Millisecond) {
		t.Error("Stop reported all finished while update 1 was stuck")
	}
	wg.Wait()
	if err := waitResult(t, first); err != nil {
		t.Errorf("stuck update: %v", err)
	}
	if _, err := d.Dispatch(context.Background(), text(5000, 1, "late")); !errors.Is(err, bot.ErrStopped) {
		t.Errorf("Dispatch after Stop: %v, want ErrStopped", err)
	}
	abandoned := 0
	for _, res := range accepted {
		if err := waitResult(t, res); errors.Is(err, bot.ErrStopped) {
			abandoned++
		}
	}
	if off := d.SafeOffset(); off > 1 {
		t.Errorf("safe offset = %d after Stop, want at most 1: update 1 never committed", off)
	}
	t.Logf("%d accepted (%d abandoned), %d refused", len(accepted), abandoned, refused)
}

// An update's wait for a worker is what the handler can read as Queued and
// what aulabot_update_wait_seconds observes: with one worker held by chat
// 1's update, chat 2's waits from when it was dispatched to when the
// worker is free, by the dispatcher's clock.
func TestDispatcher_WaitForAWorker(t *testing.T) {
	var clock sync.Mutex
	now := time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)
	read := func() time.Time { clock.Lock(); defer clock.Unlock(); return now }
	held, release := make(chan struct{}), make(chan struct{})
	queued := map[int64]time.Time{}
	var mu sync.Mutex
	metrics := bot.NewMetrics(func() float64 { return 0 })
	d := &bot.Dispatcher{Log: quiet, Workers: 1, Metrics: metrics, Now: read,
		Handler: handlerFunc(func(ctx context.Context, u aulabot.Update) error {
			at, ok := bot.Queued(ctx)
			if !ok {
				t.Errorf("update %d: no queued time in the handler's context", u.ID)
			}
			mu.Lock()
			queued[u.ChatID] = at
			mu.Unlock()
			if u.ChatID == 1 {
				close(held)
				<-release
			}
			return nil
		})}
	d.Start()
	defer d.Stop(time.Second)

	start := read()
	first := dispatch(t, d, text(1, 1, "hola"))
	<-held
	clock.Lock()
	now = now.Add(3 * time.Second)
	clock.Unlock()
	second := dispatch(t, d, text(2, 2, "hola"))
	clock.Lock()
	now = now.Add(2 * time.Second) // chat 2 waits for the worker meanwhile
	clock.Unlock()
	close(release)
	for _, res := range []<-chan error{first, second} {
		if err := waitResult(t, res); err != nil {
			t.Fatal(err)
		}
	}
	mu.Lock()
	if got, want := queued[1], start; !got.Equal(want) {
		t.Errorf("chat 1 queued at %v, want %v", got, want)
	}
	if got, want := queued[2], start.Add(3*time.Second); !got.Equal(want) {
		t.Errorf("chat 2 queued at %v, want %v", got, want)
	}
	mu.Unlock()
	rec := httptest.NewRecorder()
	promhttp.HandlerFor(metrics.Registry, promhttp.HandlerOpts{}).ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body := rec.Body.String()
	for _, want := range []string{
		"aulabot_update_wait_seconds_count 2",
		"aulabot_update_wait_seconds_sum 2", // chat 1 at once, chat 2 for 2 s
		`aulabot_update_wait_seconds_bucket{le="0.0005"} 1`,
	} {
		if !strings.Contains(body, want+"\n") {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}

// inGroup is a message update from person in group chat.
func inGroup(id int, person, chat int64, s string) tgbotapi.Update {
	return tgbotapi.Update{UpdateID: id, Message: &tgbotapi.Message{MessageID: id, Text: s,
		From: &tgbotapi.User{ID: person, FirstName: "T"}, Chat: &tgbotapi.Chat{ID: chat, Type: "supergroup"}}}
}

// pressInGroup is a button press by person under a message in group chat.
func pressInGroup(id int, person, chat int64, data string) tgbotapi.Update {
	return tgbotapi.Update{UpdateID: id, CallbackQuery: &tgbotapi.CallbackQuery{ID: "cb", Data: data,
		From:    &tgbotapi.User{ID: person, FirstName: "T"},
		Message: &tgbotapi.Message{MessageID: 1, Chat: &tgbotapi.Chat{ID: chat, Type: "supergroup"}}}}
}

// In a team group each member's updates are in order, but one member's
// slow update holds nobody else's: technician 3001's first update is
// stuck (an attachment read over a bad network); 3002's message and press
// in the same group are handled meanwhile, and 3001's press waits for
// 3001's first update. A private chat's updates stay in one queue.
func TestDispatcher_GroupMembersOwnQueues(t *testing.T) {
	const group = -2001
	stuck, release := make(chan struct{}), make(chan struct{})
	var mu sync.Mutex
	var order []int64
	d := &bot.Dispatcher{Log: quiet, Workers: 4, Handler: handlerFunc(func(ctx context.Context, u aulabot.Update) error {
		if u.ID == 1 || u.ID == 10 {
			stuck <- struct{}{}
			<-release
		}
		mu.Lock()
		order = append(order, u.ID)
		mu.Unlock()
		return nil
	})}
	d.Start()
	defer d.Stop(time.Second)

	first := dispatch(t, d, inGroup(1, 3001, group, "a file"))
	<-stuck
	later := dispatch(t, d, pressInGroup(2, 3001, group, "tk:c:UNMA-2"))
	for i, u := range []tgbotapi.Update{inGroup(3, 3002, group, "on it"), pressInGroup(4, 3002, group, "tk:c:UNMA-3")} {
		if err := waitResult(t, dispatch(t, d, u)); err != nil {
			t.Fatalf("3002's update %d: %v", i+1, err)
		}
	}
	// The same in a private chat: the second update waits for the first.
	private := dispatch(t, d, text(10, 501, "hola"))
	<-stuck
	privateLater := dispatch(t, d, text(11, 501, "hola otra vez"))
	mu.Lock()
	if want := []int64{3, 4}; !slices.Equal(order, want) {
		t.Errorf("handled %v while 3001's first update and 501's first message were stuck, want %v", order, want)
	}
	mu.Unlock()
	close(release)
	for _, res := range []<-chan error{first, later, private, privateLater} {
		if err := waitResult(t, res); err != nil {
			t.Fatal(err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	pos := func(id int64) int { return slices.Index(order, id) }
	if pos(2) < pos(1) || pos(11) < pos(10) || len(order) != 6 {
		t.Errorf("handled in the order %v: 2 must follow 1 (3001's) and 11 follow 10 (501's)", order)
	}
	if got := d.SafeOffset(); got != 12 {
		t.Errorf("safe offset = %d, want 12", got)
	}
}

// A group that became a supergroup: the "migrated from" service message
// is noted as soon as it is dispatched, so another member's update in the
// new supergroup, in a queue of its own, finds the move known even while
// the service message still waits in its sender's queue (behind an update
// of theirs that is stuck).
func TestDispatcher_GroupMoveKnownAtOnce(t *testing.T) {
	const old, group = -2001, -1002001
	moves := &followAll{to: map[int64]int64{}}
	stuck, release := make(chan struct{}), make(chan struct{})
	var seen atomic.Int64
	d := &bot.Dispatcher{Log: quiet, Workers: 2, Moves: moves, Handler: handlerFunc(func(ctx context.Context, u aulabot.Update) error {
		switch u.ID {
		case 1:
			close(stuck)
			<-release
		case 3:
			if to, ok := moves.MovedTo(old); ok {
				seen.Store(to)
			}
		}
		return nil
	})}
	d.Start()
	defer d.Stop(time.Second)

	first := dispatch(t, d, inGroup(1, 5001, group, "a file"))
	<-stuck
	moved := inGroup(2, 5001, group, "")
	moved.Message.MigrateFromChatID = old
	second := dispatch(t, d, moved)
	if err := waitResult(t, dispatch(t, d, pressInGroup(3, 3001, group, "tk:c:UNMA-2"))); err != nil {
		t.Fatal(err)
	}
	if got := seen.Load(); got != group {
		t.Errorf("the other member's update saw the old group moved to %d, want %d", got, group)
	}
	close(release)
	for _, res := range []<-chan error{first, second} {
		if err := waitResult(t, res); err != nil {
			t.Fatal(err)
		}
	}
}

// Edits count against the input limit as messages do: a person who sends
// 15 messages and then edits them 25 times in a minute gets the burst of
// 30 handled, one notice, and nothing more reaches the handler.
func TestDispatcher_EditsCountAgainstTheLimit(t *testing.T) {
	var mu sync.Mutex
	var handled []aulabot.Update
	d := &bot.Dispatcher{Log: quiet, Workers: 2, PerPersonPerMinute: 30,
		Now: func() time.Time { return time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC) },
		Handler: handlerFunc(func(ctx context.Context, u aulabot.Update) error {
			mu.Lock()
			handled = append(handled, u)
			mu.Unlock()
			return nil
		})}
	d.Start()
	defer d.Stop(time.Second)
	var pending []<-chan error
	for id := 1; id <= 40; id++ {
		u := text(id, 1, "hola")
		if id > 15 {
			u.EditedMessage, u.Message = u.Message, nil
			u.EditedMessage.MessageID = id - 15
		}
		pending = append(pending, dispatch(t, d, u))
	}
	for _, res := range pending {
		if err := waitResult(t, res); err != nil {
			t.Fatal(err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	edits, throttled := 0, 0
	for _, u := range handled {
		if u.Edited {
			edits++
		}
		if u.Throttled {
			throttled++
		}
	}
	if len(handled) != 31 || edits != 16 || throttled != 1 || !handled[len(handled)-1].Throttled {
		t.Errorf("%d updates handled (%d edits, %d throttled), want 31: 15 messages, 15 edits and one notice", len(handled), edits, throttled)
	}
}
