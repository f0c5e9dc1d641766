package aulabot_test

import (
	"sync"
	"testing"

	"github.com/aulabot/aulabot"
)

func movesConfig() *aulabot.Config {
	return &aulabot.Config{Moves: aulabot.NewChatMoves(), Universities: []aulabot.University{
		{ID: "unma", TeamChat: -2001}, {ID: "unvs", TeamChat: -1000000002002},
	}}
}

// Only a configured team group is followed, never onto another configured
// chat; the new id then stands for the old one, and the old one still
// names its university.
func TestConfig_Follow(t *testing.T) {
	c := movesConfig()
	for _, tc := range []struct {
		old, new       int64
		followed, news bool
	}{
		{-3000, -1000000003000, false, false}, // not a team group
		{-2001, -1000000002002, false, false}, // onto unvs's configured chat
		{-2001, -2001, false, false},
		{-2001, 0, false, false},
		{-2001, -1000000002001, true, true},
		{-2001, -1000000002001, true, false}, // known already
	} {
		if f, n := c.Follow(tc.old, tc.new); f != tc.followed || n != tc.news {
			t.Errorf("Follow(%d, %d) = %v, %v; want %v, %v", tc.old, tc.new, f, n, tc.followed, tc.news)
		}
	}
	for _, chat := range []int64{-2001, -1000000002001} {
		if u, ok := c.TeamOf(chat); !ok || u.ID != "unma" {
			t.Errorf("TeamOf(%d) = %v, %v; want unma", chat, u, ok)
		}
	}
	unma, _ := c.University("unma")
	if !c.IsTeamChat(unma, -1000000002001) || c.IsTeamChat(unma, -1000000002002) {
		t.Error("IsTeamChat does not follow the move, or takes another university's chat")
	}
	if n, ok := c.MovedTo(-2001); !ok || n != -1000000002001 {
		t.Errorf("MovedTo = %d, %v", n, ok)
	}
	if _, ok := (&aulabot.Config{Universities: c.Universities}).TeamOf(-1000000002001); ok {
		t.Error("a configuration without moves follows one")
	}
}

// Moves are learnt while other goroutines read them (run with -race).
func TestConfig_FollowConcurrent(t *testing.T) {
	c := movesConfig()
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 200 {
				if i%2 == 0 {
					c.Follow(-2001, -1000000002001-int64(j%3))
				} else {
					c.TeamOf(-1000000002001 - int64(j%3))
					c.MovedTo(-2001)
				}
			}
		}()
	}
	wg.Wait()
	n, ok := c.MovedTo(-2001)
	if u, found := c.TeamOf(n); !ok || !found || u.ID != "unma" {
		t.Errorf("after the race: moved to %d (%v), team %v", n, ok, u)
	}
	for _, stale := range []int64{-1000000002001, -1000000002002, -1000000002003} {
		if u, ok := c.TeamOf(stale); stale != n && ok && u.ID == "unma" {
			t.Errorf("stale move %d still names unma", stale)
		}
	}
}
