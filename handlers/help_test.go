package handlers_test

import (
	"strings"
	"testing"

	"github.com/aulabot/aulabot/handlers/htest"
)

// /help lists what this user's roles can do, and only that.
func TestHelp_ByRole(t *testing.T) {
	e := htest.New(t, nil)
	tests := []struct {
		id        int64
		want, not []string
	}{
		{9001, []string{"/mentoring", "/problem", "/status"}, []string{"/newslot", "/queue", "/gaps", "/announce"}},
		{4001, []string{"/mentoring", "/newslot", "/today"}, []string{"/queue", "/gaps"}},
		{3001, []string{"/queue", "/reply"}, []string{"/newslot", "/gaps"}},
		{5001, []string{"/gaps", "/reload", "/announce", "/status", "/surveys"}, []string{"/newslot"}},
	}
	for _, tt := range tests {
		got := texts(e.Text(htest.Person(tt.id, "en"), 0, "/help"))
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("user %d: /help lacks %s", tt.id, w)
			}
		}
		for _, w := range tt.not {
			if strings.Contains(got, w) {
				t.Errorf("user %d: /help offers %s", tt.id, w)
			}
		}
	}
}

// Every command /help names is one the bot knows.
func TestHelp_CommandsExist(t *testing.T) {
	e := htest.New(t, nil)
	admin := htest.Person(1001, "en")
	help := texts(e.Text(admin, 0, "/help"))
	for _, f := range strings.Fields(help) {
		if !strings.HasPrefix(f, "/") || len(f) < 3 {
			continue
		}
		cmd := strings.TrimRight(f, ".,:;)")
		out := texts(e.Text(admin, 0, cmd))
		if strings.Contains(out, "I don't know the command") {
			t.Errorf("/help names %s, which the bot does not know", cmd)
		}
		e.Text(admin, 0, "/cancel")
	}
}

// Every command of every menu Telegram shows is one the bot knows, with a
// description in each language.
func TestCommandMenus_Known(t *testing.T) {
	e := htest.New(t, nil)
	admin := htest.Person(1001, "en")
	seen := map[string]bool{}
	for _, m := range e.H.CommandMenus() {
		if len(m.Commands) == 0 {
			t.Errorf("empty menu for chat %d, %q", m.Chat, m.Lang)
		}
		for _, c := range m.Commands {
			if c.Description == "" || strings.HasPrefix(c.Description, "cmd.") || len([]rune(c.Description)) > 256 {
				t.Errorf("/%s (%q): description %q", c.Name, m.Lang, c.Description)
			}
			if seen[c.Name] {
				continue
			}
			seen[c.Name] = true
			if got := texts(e.Text(admin, 0, "/"+c.Name)); strings.Contains(got, "I don't know the command") {
				t.Errorf("menu command /%s is unknown", c.Name)
			}
			e.Text(admin, 0, "/cancel")
		}
	}
	if len(seen) < 20 {
		t.Errorf("menus name %d commands", len(seen))
	}
}
