package main

import (
	"testing"
	"time"

	"github.com/aulabot/aulabot/knowledge"
)

// The knowledge base is warmed in the background when the bot starts
// (knowledge.Base.Warm), and again after each /reload, for the new base.
func TestE2E_KnowledgeWarmed(t *testing.T) {
	h := newHarness(t, nil)
	warmed := make(chan *knowledge.Base, 2)
	h.stop()
	h.AfterWarm = func(b *knowledge.Base) { warmed <- b }
	h.FreshKB = true
	h.start()
	next := func(what string) *knowledge.Base {
		t.Helper()
		select {
		case b := <-warmed:
			return b
		case <-time.After(wait):
			t.Fatalf("the knowledge base was not warmed %s", what)
			return nil
		}
	}
	first := next("at start")
	h.say(1001, "/reload")
	if second := next("after /reload"); second == first {
		t.Error("after /reload the same base was warmed again, not the new one")
	}
}
