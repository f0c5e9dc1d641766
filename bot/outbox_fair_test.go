package bot_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/bot"
	"github.com/aulabot/aulabot/sandbox"
)

// paced gives e's sender Telegram's limits on clock (nil: real time).
func paced(e *env, clock *stepClock) {
	e.sender.Limiter = bot.NewLimiter()
	if clock != nil {
		e.sender.Now = clock.Now
		// The test moves the clock while a call is on its way: the call
		// would seem to take that long. On this clock calls take no time.
		e.sender.Limiter.Transit = 0
	}
}

// One chat's backlog does not delay another's reply (issue 11): with
// 5,000 messages due for chat 7, chat 8's one message goes within chat 7's
// first second (1 message a second per private chat), against an emulator
// that enforces Telegram's limits.
func TestOutbox_FairAcrossChats(t *testing.T) {
	e := newEnvWith(t, sandbox.Options{Limits: true}, nil)
	paced(e, nil)
	flood := make([]aulabot.Message, 5000)
	for i := range flood {
		flood[i] = aulabot.Message{ChatID: 7, Text: fmt.Sprintf("flood %d", i)}
	}
	e.enqueue(flood...)
	e.enqueue(aulabot.Message{ChatID: 8, Text: "your answer"})
	e.run()
	e.waitText(8, "your answer")
	if n := len(botTexts(e.sb, 7)); n > 1 {
		t.Errorf("chat 7 got %d messages before chat 8 got its one: its backlog held chat 8 back over a second", n)
	}
	if got := e.sb.Flooded(); got != 0 {
		t.Errorf("%d answers 429", got)
	}
}

// Two lanes of one group (two tickets) share its 20 messages a minute
// round-robin: the ticket with 2 messages is not behind the one with 40.
// The clock moves one group slot (a second) at a time.
func TestOutbox_LanesShareAGroup(t *testing.T) {
	clock := &stepClock{t: epoch}
	e := newEnvWith(t, sandbox.Options{Limits: true, Now: clock.Now}, nil)
	e.sb.AddGroup(-100, "Team", 7)
	paced(e, clock)
	var msgs []aulabot.Message
	for i := range 40 {
		msgs = append(msgs, aulabot.Message{ChatID: -100, Lane: "UNMA-1", Text: fmt.Sprintf("UNMA-1 #%d", i)})
	}
	msgs = append(msgs, aulabot.Message{ChatID: -100, Lane: "UNMA-2", Text: "UNMA-2 #0"}, aulabot.Message{ChatID: -100, Lane: "UNMA-2", Text: "UNMA-2 #1"})
	e.enqueue(msgs...)
	e.run()
	// Each slot lets one message go; the two of UNMA-2 are among the
	// first five, not after the forty of UNMA-1. (Which lane goes first in
	// a slot may depend on a delivery still being settled when the slot
	// opens: a turn can pass to the other lane once more; not more.)
	for slot := 1; ; slot++ {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		_, err := e.sb.WaitFor(ctx, -100, func(sandbox.Message) bool { return len(botTexts(e.sb, -100)) >= slot })
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		got := botTexts(e.sb, -100)
		if len(got) != slot {
			t.Fatalf("after %d group slots the group shows %d messages: %q", slot, len(got), got)
		}
		if slices.Contains(got, "UNMA-2 #1") {
			if slot > 5 {
				t.Errorf("UNMA-2's second message came in slot %d: %q", slot, got)
			}
			break
		}
		if slot == 5 {
			t.Fatalf("UNMA-2 is behind UNMA-1: %q", got)
		}
		clock.Advance(time.Second)
		e.outbox.Kick()
	}
}

// The rate limits survive a restart (issue 10): a group written to half a
// second before the restart gets its next message a second after the last
// one, not at once, while another chat is served meanwhile. (A group's
// minute survives too: TestLimiter_Restore.)
func TestOutbox_LimitsSurviveRestart(t *testing.T) {
	clock := &stepClock{t: epoch}
	e := newEnvWith(t, sandbox.Options{Limits: true, Now: clock.Now}, nil)
	e.sb.AddGroup(-100, "Team", 7)
	paced(e, clock)
	e.enqueue(aulabot.Message{ChatID: -100, Text: "first"})
	stop := e.run()
	e.waitText(-100, "first")
	stop()

	// A new process on the same database, half a second later.
	clock.Advance(500 * time.Millisecond)
	e.close(e.store)
	e.open()
	paced(e, clock)
	e.enqueue(aulabot.Message{ChatID: -100, Text: "second"}, aulabot.Message{ChatID: 8, Text: "other chat"})
	e.run()
	e.waitText(8, "other chat")
	if got := botTexts(e.sb, -100); !slices.Equal(got, []string{"first"}) {
		t.Fatalf("group shows %q 0.5 s after its last message: the new process forgot the group's limit", got)
	}
	if got := e.sender.Limiter.ChatReady(-100, clock.Now()).Sub(epoch); got != time.Second {
		t.Errorf("group ready at +%v, want +1s (a second after the first message)", got)
	}
	clock.Advance(500 * time.Millisecond)
	e.outbox.Kick()
	e.waitText(-100, "second")
}
