package handlers

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
)

// People's offers change and are read at once from many updates (the
// chats are handled in parallel): each reads their own, the last kept;
// an offer past YesWindow is not read, and the map drops those past it
// once it is large; a group's update changes nothing.
func TestOffers_Concurrent(t *testing.T) {
	var o offers
	now := time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)
	var wg sync.WaitGroup
	for u := range int64(2000) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 5 {
				b := aulabot.Button{Text: fmt.Sprintf("%d-%d", u, i), Data: "bk:c:1"}
				o.change(u, true, now, offerChange{yes: &b})
				if f, ok := o.get(u, now); !ok || f.yes.Text != b.Text {
					t.Errorf("person %d read %+v, %v after offering %q", u, f, ok, b.Text)
				}
			}
		}()
	}
	wg.Wait()
	if f, ok := o.get(7, now); !ok || f.yes.Text != "7-4" {
		t.Errorf("the last offer: %+v %v", f, ok)
	}
	if _, ok := o.get(7, now.Add(YesWindow+time.Second)); ok {
		t.Error("an offer past the window was read")
	}
	later := now.Add(YesWindow + time.Minute)
	choices := []aulabot.Button{{Text: "personal", Data: "bk:k:p:0"}}
	o.change(9999, true, later, offerChange{choices: &choices})
	if n := len(o.by); n != 1 {
		t.Errorf("%d offers kept after a change past the others' window, want 1", n)
	}
	o.change(5, false, later, offerChange{choices: &choices})
	if _, ok := o.get(5, later); ok {
		t.Error("a group's update made an offer")
	}
	o.change(9999, true, later, offerChange{forget: true})
	if _, ok := o.get(9999, later); ok {
		t.Error("a forgotten offer was read")
	}
}
