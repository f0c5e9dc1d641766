package bot_test

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/sandbox"
	"github.com/aulabot/aulabot/store"
)

// report reads what the outbox holds.
func (e *env) report() store.OutboxReport {
	e.t.Helper()
	r, err := e.store.OutboxReport(time.Now(), 100)
	if err != nil {
		e.t.Fatal(err)
	}
	return r
}

// 5xx answers are retried with backoff, until the cap: then the message is
// dead with Telegram's last answer, and its lane goes on.
func TestOutbox_RetryCap(t *testing.T) {
	e := newEnv(t)
	logs := captureLogs(e)
	clock := &stepClock{t: epoch}
	e.outbox.Now = clock.Now
	e.outbox.Cap = store.RetryCap{Attempts: 2, Age: time.Hour}
	e.sb.FailNext("sendMessage", 502, 0, 2)
	e.enqueue(aulabot.Message{ChatID: 7, Text: "unlucky"})
	e.run()
	logs.wait(t, "send failed, will retry")
	if r := e.report(); len(r.Stuck) != 1 || r.Stuck[0].Message.Attempts != 1 || !strings.Contains(r.Stuck[0].Error, "502") {
		t.Errorf("stuck = %+v, want the message with 1 attempt and the 502", r.Stuck)
	}
	clock.Advance(time.Second) // backoff after the first failure
	e.outbox.Kick()
	logs.wait(t, "message dead after its retries")
	r := e.report()
	if len(r.Stuck) != 0 || r.DeadTotal != 1 || r.Dead[0].Reason != store.DeadRetries || !strings.Contains(r.Dead[0].Error, "502") {
		t.Errorf("after the cap: stuck %+v, dead %+v", r.Stuck, r.Dead)
	}
	e.enqueue(aulabot.Message{ChatID: 7, Text: "next"})
	e.waitText(7, "next")
	if got := botTexts(e.sb, 7); !slices.Equal(got, []string{"next"}) {
		t.Errorf("chat 7 shows %q", got)
	}
}

// A 400 is dead at once with Telegram's description (here a message too
// long); the lane goes on.
func TestOutbox_Refused(t *testing.T) {
	e := newEnv(t)
	e.run()
	e.enqueue(aulabot.Message{ChatID: 7, Text: strings.Repeat("x", 5000)}, aulabot.Message{ChatID: 7, Text: "after"})
	e.waitText(7, "after")
	r := e.report()
	if r.DeadTotal != 1 || r.Dead[0].Reason != store.DeadRefused || !strings.Contains(r.Dead[0].Error, "400 Bad Request: message is too long") {
		t.Errorf("dead = %+v, want the refused message with Telegram's description", r.Dead)
	}
	if got := e.sb.Calls("sendMessage"); got != 2 {
		t.Errorf("%d calls, want 2 (a refusal is not retried)", got)
	}
}

// Text Telegram cannot read as HTML (a person's "<dudas>" that reached
// it unescaped) goes as plain text, Telegram's tags taken out and its
// entities read, once, with a warning: until 5 December it was dead, and
// the person never got the words.
func TestOutbox_UnparsableHTMLGoesPlain(t *testing.T) {
	e := newEnv(t)
	logs := captureLogs(e)
	e.run()
	e.enqueue(aulabot.Message{ChatID: 7, Text: "💬 <b>Mentor</b> &amp; you:\n\nbring your <dudas> <3"}, aulabot.Message{ChatID: 7, Text: "after"})
	e.waitText(7, "after")
	if got := botTexts(e.sb, 7); !slices.Equal(got, []string{"💬 Mentor & you:\n\nbring your <dudas> <3", "after"}) {
		t.Errorf("chat 7 shows %q", got)
	}
	logs.wait(t, "sent as plain text")
	if r := e.report(); r.DeadTotal != 0 {
		t.Errorf("dead = %+v", r.Dead)
	}
	if got := e.sb.Calls("sendMessage"); got != 3 {
		t.Errorf("%d calls, want 3 (the refused one, it as plain text, the next)", got)
	}
}

// A person who blocked the bot is marked unreachable after one refusal, and
// every message queued for them is dead without another call; others are
// served; unblocked, they get new messages and the mark goes.
func TestOutbox_Unreachable(t *testing.T) {
	e := newEnv(t)
	logs := captureLogs(e)
	var mu sync.Mutex
	var unreached []int64
	e.outbox.Unreached = func(chat int64) {
		mu.Lock()
		defer mu.Unlock()
		unreached = append(unreached, chat)
	}
	e.sb.Block(7, true)
	e.enqueue(
		aulabot.Message{ChatID: 7, Text: "one"},
		aulabot.Message{ChatID: 7, Text: "two"},
		aulabot.Message{ChatID: 7, Text: "tomorrow", NotBefore: time.Now().Add(24 * time.Hour)},
	)
	stop := e.run()
	logs.wait(t, "person unreachable")
	e.enqueue(aulabot.Message{ChatID: 8, Text: "other"})
	e.waitText(8, "other")
	r := e.report()
	if r.UnreachableTotal != 1 || r.Unreachable[0].Chat != 7 || !strings.Contains(r.Unreachable[0].Error, "blocked") {
		t.Errorf("unreachable = %+v", r.Unreachable)
	}
	if r.DeadTotal != 3 {
		t.Errorf("%d dead, want chat 7's three", r.DeadTotal)
	}
	for _, d := range r.Dead {
		if d.Reason != store.DeadUnreachable {
			t.Errorf("dead letter %q: reason %q", d.Message.Text, d.Reason)
		}
	}
	if got := e.sb.Calls("sendMessage"); got != 2 {
		t.Errorf("%d calls, want one to chat 7 and one to chat 8", got)
	}
	mu.Lock()
	if !slices.Equal(unreached, []int64{7}) {
		t.Errorf("told of unreachable chats %v, want 7 once", unreached)
	}
	mu.Unlock()
	e.sb.Block(7, false)
	e.enqueue(aulabot.Message{ChatID: 7, Text: "welcome back"})
	e.waitText(7, "welcome back")
	stop() // waits for the delivery to be settled
	if e.store.IsUnreachable(7) {
		t.Error("chat 7 still marked unreachable after a delivery")
	}
}

// A 403 in a group (the bot was removed) makes the message dead, logged as
// an error.
func TestOutbox_GroupForbidden(t *testing.T) {
	e := newEnv(t)
	logs := captureLogs(e)
	e.sb.AddGroup(-100, "Team", 7)
	e.sb.FailNext("sendMessage", 403, 0, 1)
	e.enqueue(aulabot.Message{ChatID: -100, Text: "ticket"}, aulabot.Message{ChatID: -100, Text: "next"})
	e.run()
	e.waitText(-100, "next")
	if line := logs.wait(t, "may not write to the group"); !strings.HasPrefix(line, "ERROR") {
		t.Errorf("logged %q, want an error", line)
	}
	if r := e.report(); r.DeadTotal != 1 || r.Dead[0].Reason != store.DeadForbidden || r.UnreachableTotal != 0 {
		t.Errorf("report = %+v, want one dead letter, reason forbidden, no unreachable mark", r)
	}
}

// An edit of a message that is gone: a text edit is sent as a new message
// and its ref points to it; a buttons-only edit and a deletion are dropped
// with a log line.
func TestOutbox_EditGone(t *testing.T) {
	e := newEnv(t)
	logs := captureLogs(e)
	e.sb.AddGroup(-100, "Team", 7)
	e.run()
	e.enqueue(
		aulabot.Message{ChatID: -100, Text: "Ticket 1 — open", Ref: "ticket:1"},
		aulabot.Message{ChatID: -100, EditRef: "ticket:1", Delete: true}, // someone removed the post
		aulabot.Message{ChatID: -100, EditRef: "ticket:1", Text: "Ticket 1 — claimed", Inline: [][]aulabot.Button{{{Text: "Resolve", Data: "tk:r:1"}}}},
		aulabot.Message{ChatID: -100, Text: "mark"},
	)
	fresh := e.waitText(-100, "Ticket 1 — claimed")
	e.waitText(-100, "mark") // after the edit was settled
	if chat, id, _ := e.store.Ref("ticket:1"); chat != -100 || id != fresh.ID {
		t.Errorf("ref points to %d/%d, want the new message %d", chat, id, fresh.ID)
	}
	if len(fresh.Inline) != 1 || fresh.Edited != 0 {
		t.Errorf("fresh message = %+v, want a new message with its button", fresh)
	}
	e.enqueue(
		aulabot.Message{ChatID: -100, Text: "Ticket 2", Ref: "ticket:2"},
		aulabot.Message{ChatID: -100, EditRef: "ticket:2", Delete: true},
		aulabot.Message{ChatID: -100, EditRef: "ticket:2", Inline: [][]aulabot.Button{{{Text: "Claim", Data: "tk:c:2"}}}},
		aulabot.Message{ChatID: -100, EditRef: "ticket:2", Delete: true},
		aulabot.Message{ChatID: -100, Text: "end"},
	)
	e.waitText(-100, "end")
	if n := logs.count("edit dropped"); n != 2 {
		t.Errorf("%d edits dropped, want the buttons-only edit and the second deletion", n)
	}
	if got := botTexts(e.sb, -100); !slices.Equal(got, []string{"Ticket 1 — claimed", "mark", "end"}) {
		t.Errorf("group shows %q", got)
	}
	if r := e.report(); r.DeadTotal != 0 {
		t.Errorf("dead letters %+v, want none", r.Dead)
	}
}

// An edit whose ref was never sent does not hold its lane: a text edit is
// sent fresh, a buttons-only edit is dropped. While an earlier message that
// will create the ref is pending (here: waiting for a retry in another
// lane), the edit waits for it and then edits it.
func TestOutbox_EditUnresolved(t *testing.T) {
	e := newEnv(t)
	logs := captureLogs(e)
	clock := &stepClock{t: epoch}
	e.outbox.Now, e.sender.Now = clock.Now, clock.Now
	e.sb.AddGroup(-100, "Team", 7)
	e.run()
	e.enqueue(
		aulabot.Message{ChatID: -100, EditRef: "refused-post", Text: "Ticket 3 — claimed"},
		aulabot.Message{ChatID: -100, EditRef: "refused-post2", Inline: [][]aulabot.Button{{{Text: "Claim", Data: "tk:c:4"}}}},
		aulabot.Message{ChatID: -100, Text: "end"},
	)
	fresh := e.waitText(-100, "Ticket 3 — claimed")
	e.waitText(-100, "end") // after the lane's earlier messages were settled
	if _, id, ok := e.store.Ref("refused-post"); !ok || id != fresh.ID {
		t.Errorf("ref = %d %v, want the fresh message %d", id, ok, fresh.ID)
	}
	logs.wait(t, "edit dropped")

	e.sb.FailNext("sendMessage", 502, 0, 1)
	e.enqueue(
		aulabot.Message{ChatID: -100, Lane: "a", Text: "Ticket 5 — open", Ref: "ticket:5"},
		aulabot.Message{ChatID: -100, Lane: "b", EditRef: "ticket:5", Text: "Ticket 5 — claimed"},
	)
	logs.wait(t, "send failed, will retry")
	logs.wait(t, "edit waits for the message it edits")
	clock.Advance(time.Second) // the post's retry
	e.outbox.Kick()
	// Once the post is delivered the edit looks again at once.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	m, err := e.sb.WaitFor(ctx, -100, func(m sandbox.Message) bool { return m.Text == "Ticket 5 — claimed" })
	if err != nil {
		t.Fatal(err)
	}
	if m.Edited != 1 {
		t.Errorf("claimed post = %+v, want the post edited", m)
	}
	if got := botTexts(e.sb, -100); len(got) != 3 {
		t.Errorf("group shows %q, want 3 messages (no second post)", got)
	}
}
