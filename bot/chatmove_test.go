package bot_test

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
)

// followAll follows every group but those in refuse, like a configuration
// whose team groups they are.
type followAll struct {
	mu     sync.Mutex
	to     map[int64]int64
	refuse map[int64]bool
}

func (f *followAll) MovedTo(chat int64) (int64, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	n, ok := f.to[chat]
	return n, ok
}

func (f *followAll) Moved(old, new int64) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.refuse[old] {
		return false
	}
	f.to[old] = new
	return true
}

// TestOutbox_FollowsUpgradedGroup: a group became a supergroup and the bot
// missed the service messages. Telegram answers the next message to the
// old id 400 with migrate_to_chat_id: it goes to the new chat at once, and
// so do later ones. An edit of a message left in the old group is sent as
// a new message in the new one, and its ref points there. A group the bot
// does not follow gets a dead letter, not a loop.
func TestOutbox_FollowsUpgradedGroup(t *testing.T) {
	e := newEnv(t)
	moves := &followAll{to: map[int64]int64{}, refuse: map[int64]bool{-200: true}}
	e.sender.Moves = moves
	e.sb.AddGroup(-100, "Team", 7)
	e.sb.AddGroup(-200, "Other", 8)
	e.run()
	e.enqueue(aulabot.Message{ChatID: -100, Text: "UNMA-1 open", Ref: "ticket:UNMA-1"})
	e.waitText(-100, "UNMA-1 open")

	sg := e.sb.Upgrade(7, -100)
	other := e.sb.Upgrade(8, -200)
	e.enqueue(
		aulabot.Message{ChatID: -100, Text: "UNMA-2 open"},
		aulabot.Message{ChatID: -100, EditRef: "ticket:UNMA-1", Text: "UNMA-1 claimed"},
		aulabot.Message{ChatID: -200, Text: "to nobody"},
		aulabot.Message{ChatID: -100, Text: "end"},
	)
	e.waitText(sg, "end")
	if got, want := botTexts(e.sb, sg), []string{"UNMA-2 open", "UNMA-1 claimed", "end"}; !slices.Equal(got, want) {
		t.Errorf("supergroup shows %q, want %q", got, want)
	}
	if got := botTexts(e.sb, -100); !slices.Equal(got, []string{"UNMA-1 open"}) {
		t.Errorf("old group shows %q, want only the first post", got)
	}
	if chat, _, ok := e.store.Ref("ticket:UNMA-1"); !ok || chat != sg {
		t.Errorf("ref in chat %d (ok %v), want the supergroup %d", chat, ok, sg)
	}
	r, err := e.store.OutboxReport(time.Now(), 10)
	if err != nil {
		t.Fatal(err)
	}
	if r.DeadTotal != 1 || !strings.Contains(r.Dead[0].Error, "upgraded to a supergroup") {
		t.Errorf("dead letters %+v, want the message to the group not followed", r.Dead)
	}
	if got := botTexts(e.sb, other); len(got) != 0 {
		t.Errorf("a group not followed got %q", got)
	}
}
