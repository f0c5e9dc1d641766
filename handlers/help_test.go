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
		{9001, []string{"/mentoring", "/problem"}, []string{"/newslot", "/queue", "/gaps"}},
		{4001, []string{"/mentoring", "/newslot", "/today"}, []string{"/queue", "/gaps"}},
		{3001, []string{"/queue", "/reply"}, []string{"/newslot", "/gaps"}},
		{5001, []string{"/gaps", "/reload"}, []string{"/newslot"}},
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
