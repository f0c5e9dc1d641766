package handlers_test

import (
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/handlers/htest"
)

// setupConfig is a configuration written by "aulabot init": one
// university with no team group and nobody yet, one admin.
func setupConfig(t *testing.T) *aulabot.Config {
	t.Helper()
	cfg, err := config.Parse("aulabot.yaml", []byte("language: en\nadmins: [1001]\nuniversities:\n  - id: unsa\n    name: San Agustín\n"))
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// botJoins is the service message of person from adding the bot to group.
func botJoins(from aulabot.Person, group int64) aulabot.Update {
	return aulabot.Update{ChatID: group, ChatType: aulabot.ChatGroup, From: from,
		Added: []aulabot.Person{{ID: 42, FirstName: "aulabot", Username: htest.BotUsername}}}
}

func byChat(msgs []aulabot.Message) map[int64]string {
	out := map[int64]string{}
	for _, m := range msgs {
		out[m.ChatID] += m.Text
	}
	return out
}

func TestSetup_IDs(t *testing.T) {
	t.Run("PrivateID", func(t *testing.T) {
		for _, setup := range []bool{true, false} {
			e := htest.New(t, nil)
			e.H.Setup = setup
			out := e.Text(htest.Person(777123, "es"), 0, "/id")
			if len(out) != 1 || !strings.Contains(out[0].Text, "Su id de usuario de Telegram es <code>777123</code>") ||
				!strings.Contains(out[0].Text, "tech: [777123]") {
				t.Errorf("setup=%v: /id answered %q, want the id and the line", setup, texts(out))
			}
		}
	})
	t.Run("AddedInSetupMode", func(t *testing.T) {
		e := htest.New(t, setupConfig(t))
		e.H.Setup = true
		stranger := htest.Person(555, "es") // never talked to the bot: not written to
		got := byChat(e.Handle(botJoins(stranger, -100200300)))
		if len(got) != 2 {
			t.Fatalf("sent to %d chats, want the group and the admin: %v", len(got), got)
		}
		if g := got[-100200300]; !strings.Contains(g, "This group's id is <code>-100200300</code>") || !strings.Contains(g, "team_chat: -100200300") {
			t.Errorf("group got %q, want its id and the line to paste", g)
		}
		if a := got[1001]; !strings.Contains(a, "User555 added me to a group") || !strings.Contains(a, "team_chat: -100200300") {
			t.Errorf("admin got %q", a)
		}
		// Later messages in the group get nothing: the group is told once.
		if out := e.Text(stranger, -100200300, "hello"); len(out) != 0 {
			t.Errorf("a message in the group got %q", texts(out))
		}
		if out := e.Text(stranger, -100200300, "/start"); len(out) != 0 {
			t.Errorf("/start in the group got %q", texts(out))
		}
		// /id in the group tells the group's id again, there only.
		if out := e.Text(stranger, -100200300, "/id@"+htest.BotUsername); len(out) != 1 || out[0].ChatID != -100200300 || !strings.Contains(out[0].Text, "team_chat: -100200300") {
			t.Errorf("/id in the group got %q", texts(out))
		}
	})
	t.Run("SetupModeDoesNothingElse", func(t *testing.T) {
		e := htest.New(t, setupConfig(t))
		e.H.Setup = true
		p := htest.Person(556, "en")
		for _, in := range []string{"/start", "/problem", "how do I upload a file?", "/mentoring"} {
			out := e.Text(p, 0, in)
			if len(out) != 1 || !strings.Contains(out[0].Text, "aulabot is being set up") {
				t.Errorf("%q got %q, want the set-up notice", in, texts(out))
			}
		}
		if out := e.Press(p, 0, 5, "uni:unsa"); len(out) != 0 {
			t.Errorf("a button got %q", texts(out))
		}
		if _, ok, _ := e.Store.User(p.ID); ok {
			t.Error("set-up mode stored a person")
		}
	})
	t.Run("AdminAddsToNewGroup", func(t *testing.T) {
		e := htest.New(t, nil)
		admin := htest.Person(1001, "en")
		got := e.Handle(botJoins(admin, -100999))
		if len(got) != 2 || got[0].ChatID != -100999 || got[0].Leave || !strings.Contains(got[0].Text, "team_chat: -100999") {
			t.Fatalf("sent %q, want the group's id there (staying) and to the admin", texts(got))
		}
	})
	t.Run("OtherAddsToNewGroup", func(t *testing.T) {
		e := htest.New(t, nil)
		got := e.Handle(botJoins(htest.Person(8001, "en"), -100998))
		if len(got) != 1 || !got[0].Leave || strings.Contains(got[0].Text, "-100998") {
			t.Fatalf("sent %q, want the goodbye and no id", texts(got))
		}
	})
	t.Run("AnotherBotAdded", func(t *testing.T) {
		e := htest.New(t, setupConfig(t))
		e.H.Setup = true
		u := botJoins(htest.Person(1001, "en"), -100997)
		u.Added[0].Username = "otherbot"
		if got := e.Handle(u); len(got) != 0 {
			t.Errorf("another bot joining got %q", texts(got))
		}
		u = aulabot.Update{ChatID: -100997, ChatType: aulabot.ChatGroup, From: htest.Person(1001, "en"), Created: true}
		if got := byChat(e.Handle(u)); !strings.Contains(got[-100997], "-100997") {
			t.Errorf("a group created with the bot got %v", got)
		}
	})
}
