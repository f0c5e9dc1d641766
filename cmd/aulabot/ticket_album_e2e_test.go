package main

import (
	"slices"
	"testing"
	"time"

	"github.com/aulabot/aulabot/sandbox"
)

// TestE2E_TicketAlbum: the technician asks for screenshots and a teacher
// picks three in her gallery and sends them at once, without Reply. The
// emulator delivers them as Telegram does, three updates sharing a
// media_group_id; through the real client she is asked once ("this
// album?"), and after Yes the team group gets all three under the post.
// After Reply, an album of two goes whole too.
func TestE2E_TicketAlbum(t *testing.T) {
	h := newHarness(t, nil)
	h.SetNow(time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC))
	const ana, group = 9204, -2001
	h.teacher(ana, "Ana", "unma")
	h.report(ana, "Virtual classroom access", "I cannot open the virtual classroom", "UNMA-1")
	post := h.waitText(group, 0, "UNMA-1")
	before := h.lastBot(ana)
	h.SB.SendReply(3001, group, post.ID, "Can you send a screenshot of each step?")
	relay := h.waitText(ana, before, "Can you send a screenshot of each step?")

	photos := func(names ...string) [][]byte {
		var out [][]byte
		for _, n := range names {
			out = append(out, []byte("\x89PNG "+n))
		}
		return out
	}
	copied := func(after int, n int) []string {
		t.Helper()
		last := h.waitNew(group, after, func(m sandbox.Message) bool {
			return m.File != nil && m.ReplyTo == post.ID && m.File.Name == "photo"+string(rune('0'+n))+".jpg"
		})
		var names []string
		for _, m := range h.SB.Messages(group) {
			if m.ID > after && m.ID <= last.ID && m.File != nil && m.ReplyTo == post.ID {
				names = append(names, m.File.Name)
			}
		}
		return names
	}

	before, inGroup := h.lastBot(ana), h.lastBot(group)
	parts := h.SB.SendAlbum(ana, ana, 0, photos("one", "two", "three"), "steps 1 to 3")
	ask := h.waitText(ana, before, "Shall I send them this album?")
	if ask.ReplyTo != parts[0].ID {
		t.Errorf("the question replies to %d, want the album's first photo %d", ask.ReplyTo, parts[0].ID)
	}
	h.press(ana, ask, "Yes, send it")
	if got := copied(inGroup, 3); !slices.Equal(got, []string{"photo1.jpg", "photo2.jpg", "photo3.jpg"}) {
		t.Errorf("the team group got %v", got)
	}

	inGroup = h.lastBot(group)
	h.press(ana, relay, "Reply")
	h.SB.SendAlbum(ana, ana, 0, photos("four", "five"), "")
	if got := copied(inGroup, 2); !slices.Equal(got, []string{"photo1.jpg", "photo2.jpg"}) {
		t.Errorf("after Reply the team group got %v", got)
	}
}
