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
// an offer past YesWindow is not read, each part by its own time, and
// the map drops those past it once it is large; a group's update changes
// nothing.
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
				if f := o.get(u, now); f.yes.Text != b.Text {
					t.Errorf("person %d read %+v after offering %q", u, f, b.Text)
				}
			}
		}()
	}
	wg.Wait()
	if f := o.get(7, now); f.yes.Text != "7-4" {
		t.Errorf("the last offer: %+v", f)
	}
	if f := o.get(7, now.Add(YesWindow+time.Second)); f.yes != (aulabot.Button{}) {
		t.Errorf("an offer past the window was read: %+v", f)
	}
	later := now.Add(YesWindow + time.Minute)
	choices := []choice{{Button: aulabot.Button{Text: "personal", Data: "bk:k:p:0"}}}
	o.change(9999, true, later, offerChange{choices: &choices})
	if n := len(o.by); n != 1 {
		t.Errorf("%d offers kept after a change past the others' window, want 1", n)
	}
	// A yes answered later does not make the choices younger.
	o.change(9999, true, later.Add(YesWindow-time.Minute), offerChange{yes: &aulabot.Button{}})
	if f := o.get(9999, later.Add(YesWindow+time.Minute)); len(f.choices) != 0 {
		t.Errorf("choices past their window, renewed by a yes answered: %+v", f)
	}
	if f := o.get(9999, later); len(f.choices) != 1 {
		t.Errorf("the choices within their window: %+v", f)
	}
	o.change(5, false, later, offerChange{choices: &choices})
	if f := o.get(5, later); len(f.choices) != 0 {
		t.Errorf("a group's update made an offer: %+v", f)
	}
	o.change(9999, true, later, offerChange{forget: true})
	if f := o.get(9999, later); len(f.choices) != 0 || f.yes != (aulabot.Button{}) {
		t.Errorf("a forgotten offer was read: %+v", f)
	}
}
