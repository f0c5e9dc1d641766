package service_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/service"
)

// TicketIDsIn finds the university's tickets a message names, as Telegram
// gives its text or as its HTML, each once and in order.
func TestTicketIDsIn(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"⏰ 3 tickets have waited 30 min:\n• <b>UNMA-1</b> · 🔐 cannot log in\n• UNMA-2 · 🎥\n• #unma-4, again UNMA-1.", []string{"UNMA-1", "UNMA-2", "UNMA-4"}},
		{"UNVS-1 and UNMA-12 (UNMA-0, UNMA-x, XUNMA-3, UNMA-1234567890)", []string{"UNMA-12"}},
		{"Sent to the requester.", nil},
		{"", nil},
	} {
		if got := service.TicketIDsIn(c.text, "unma"); !slices.Equal(got, c.want) {
			t.Errorf("%q: %v, want %v", c.text, got, c.want)
		}
	}
}

// Whatever the text, each id found is a valid ticket id of the
// university, named in the text, and found once.
func FuzzTicketIDsIn(f *testing.F) {
	f.Add("⏰ <b>UNMA-1</b> · UNMA-2, #UNMA-3.", "unma")
	f.Add("UNVS-7 UNMA-0 unma-09", "unvs")
	f.Fuzz(func(t *testing.T, text, uni string) {
		ids := service.TicketIDsIn(text, uni)
		for i, id := range ids {
			u, _, ok := aulabot.ParseTicketID(id)
			if !ok || !strings.EqualFold(u, uni) || !strings.Contains(strings.ToUpper(text), strings.SplitN(id, "-", 2)[0]) || slices.Contains(ids[:i], id) {
				t.Fatalf("%q (%s): %v", text, uni, ids)
			}
		}
	})
}
