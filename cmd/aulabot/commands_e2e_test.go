package main

import (
	"context"
	"slices"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/sandbox"
	"github.com/aulabot/aulabot/store"
)

// names are the commands of a menu.
func names(cmds []sandbox.BotCommand) []string {
	var out []string
	for _, c := range cmds {
		out = append(out, c.Command)
	}
	return out
}

// Telegram's command menu is per role: everyone's by default, each staff
// member's private chat gets everyone's and their roles', each team group
// the team's, in Spanish and English; someone stored as staff whom the
// configuration no longer names falls back to the default list.
func TestCommandMenus_PerRole(t *testing.T) {
	h := newHarness(t, nil)
	// 7777 was staff under an older configuration.
	if err := h.M.Store.Update(func(tx *store.Tx) error {
		return tx.PutUser(aulabot.User{ID: 7777, Name: "Former", University: "unma", Role: aulabot.RoleStaff, ConsentAt: h.Now()})
	}); err != nil {
		t.Fatal(err)
	}
	h.M.Sender.SetCommands(context.Background(), []aulabot.CommandMenu{{Chat: 7777, Lang: "es", Commands: []aulabot.Command{{Name: "queue", Description: "cola"}}}})
	if len(h.SB.ChatCommands(7777, "es")) != 1 {
		t.Fatal("the emulator did not keep a chat's list")
	}
	h.M.Sender.SetCommands(context.Background(), h.M.commands()) // as Run does at each start

	for _, c := range []struct {
		what    string
		got     []sandbox.BotCommand
		want    []string
		notWant []string
	}{
		{"default es", h.SB.Commands("es"), []string{"start", "mentoring", "problem", "status", "survey", "privacy"}, []string{"queue", "slots", "report"}},
		{"default en", h.SB.Commands("en"), []string{"start", "status"}, []string{"queue"}},
		{"default other languages", h.SB.Commands(""), []string{"start"}, nil},
		{"mentor", h.SB.ChatCommands(4001, "en"), []string{"start", "mentoring", "slots", "newslot", "today"}, []string{"queue", "report"}},
		{"technician", h.SB.ChatCommands(3001, "es"), []string{"problem", "queue", "reply", "resolve"}, []string{"slots", "announce"}},
		{"coordinator", h.SB.ChatCommands(5001, "en"), []string{"report", "announce", "gaps", "queue", "status"}, []string{"slots"}},
		{"admin", h.SB.ChatCommands(1001, "es"), []string{"report", "announce", "surveys"}, nil},
		{"team group", h.SB.ChatCommands(-2001, "es"), []string{"help", "queue", "reply", "resolve"}, []string{"start", "mentoring", "report"}},
		{"team group en", h.SB.ChatCommands(-2002, "en"), []string{"queue"}, nil},
	} {
		got := names(c.got)
		for _, w := range c.want {
			if !slices.Contains(got, w) {
				t.Errorf("%s: %v lacks %s", c.what, got, w)
			}
		}
		for _, w := range c.notWant {
			if slices.Contains(got, w) {
				t.Errorf("%s: %v has %s", c.what, got, w)
			}
		}
	}
	if es, en := h.SB.ChatCommands(4001, "es"), h.SB.ChatCommands(4001, "en"); len(es) == 0 || es[0].Description == en[0].Description {
		t.Errorf("the mentor's lists are not in two languages: %v / %v", es, en)
	}
	if got := h.SB.ChatCommands(7777, "es"); len(got) != 0 {
		t.Errorf("former staff keeps a private list: %v", got)
	}
	if got := h.SB.ChatCommands(9001, "es"); len(got) != 0 {
		t.Errorf("a teacher got a private list: %v", got)
	}
}
