package handlers_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
)

const strangeGroup int64 = -7777

// In a group nobody configured the bot says once, in the configuration's
// language and with a link to itself, that it works only in private
// chats, and leaves; the updates that arrive before it has left (many,
// concurrently, of every kind, coordinators' /gaps included) get nothing.
func TestGroup_Unconfigured(t *testing.T) {
	e := htest.New(t, nil) // the demo configuration speaks Spanish
	admin, coord := htest.Person(1001, "en"), htest.Person(5001, "en")
	student := htest.Person(7001, "en")
	e.Onboard(student, "unma", "student")
	e.Text(student, 0, "¿cuál es la capital de Narnia?") // an unanswered question for /gaps
	e.Deliver()

	inputs := []string{"/help", "/gaps", "/gaps unma", "/start", "/queue", "/reply UNMA-1 hola", "hola", "/deletemydata", "/mentoring"}
	var wg sync.WaitGroup
	for i := range 60 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			from := []aulabot.Person{admin, coord, student, htest.Person(int64(8000+i), "en")}[i%4]
			u := aulabot.Update{ID: int64(100 + i), ChatID: strangeGroup, ChatType: aulabot.ChatSupergroup, From: from, Text: inputs[i%len(inputs)]}
			if i%5 == 0 {
				u.Text, u.Callback = "", &aulabot.Callback{ID: fmt.Sprint("g", i), Data: "tk:c:UNMA-1"}
			}
			if i%7 == 0 {
				u.Throttled = true
			}
			if err := e.H.Handle(context.Background(), u); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	out := e.Deliver()
	if len(out) != 1 {
		t.Fatalf("sent %d messages, want one goodbye: %q", len(out), texts(out))
	}
	bye := out[0]
	if bye.ChatID != strangeGroup || !bye.Leave || !strings.Contains(bye.Text, "Solo trabajo en chats privados") ||
		!strings.Contains(bye.Text, "https://t.me/"+htest.BotUsername+"?start") {
		t.Errorf("goodbye = %+v, want the Spanish notice with the deep link, leaving", bye)
	}
	if strings.Contains(bye.Text, "Narnia") {
		t.Errorf("the unanswered questions were posted in a strange group: %q", bye.Text)
	}
	// A day later the group has added the bot again: it says so again.
	e.Advance(25 * time.Hour)
	if out := e.Text(admin, strangeGroup, "/gaps"); len(out) != 1 || !out[0].Leave {
		t.Errorf("added again a day later: %q, want the goodbye again", texts(out))
	}
	if out := e.Text(admin, strangeGroup, "/gaps"); len(out) != 0 {
		t.Errorf("second update after the new goodbye: %q", texts(out))
	}
	var n int64
	e.Store.View(func(tx *storeTx) error { n = tx.Counter("groups:left"); return nil })
	if n != 2 {
		t.Errorf("groups:left = %d, want 2", n)
	}
}

// In a team group only the team's commands, buttons and replies act;
// coordinators' reports and everyone's private commands are refused
// politely (with a link to the private chat), and chatter is ignored.
func TestGroup_Team(t *testing.T) {
	e := newEnv(t)
	student := htest.Person(7001, "en")
	e.Onboard(student, "unma", "student")
	e.Text(student, 0, "what is the capital of Narnia?")
	report(t, e, student, "lms", "cannot log in")
	e.Deliver()
	admin := htest.Person(1001, "en")
	link := "https://t.me/" + htest.BotUsername + "?start"

	for _, tt := range []struct {
		who  aulabot.Person
		text string
	}{
		{coordMA, "/gaps"}, {admin, "/gaps"}, {admin, "/reload"}, {coordMA, "/mentoring"},
		{tec1, "/mybookings"}, {tec1, "/problem"}, {tec1, "/start"}, {htest.Person(4001, "en"), "/slots"},
		{tec1, "/deletemydata"},
	} {
		out := e.Text(tt.who, groupMA, tt.text)
		if len(out) != 1 || !strings.Contains(out[0].Text, "Please do that in a private chat with me: "+link) {
			t.Errorf("%d %s in the team group: %q, want the private-chat refusal", tt.who.ID, tt.text, texts(out))
		}
		if strings.Contains(texts(out), "Narnia") {
			t.Errorf("%s posted the unanswered questions in the team group", tt.text)
		}
	}
	if out := e.Text(tec1, groupMA, "/help"); len(out) != 1 || !strings.Contains(out[0].Text, "Technical team") || len(out[0].Keyboard) != 0 {
		t.Errorf("/help in the team group: %+v", out)
	}
	if out := e.Text(tec1, groupMA, "/queue"); !strings.Contains(texts(out), "UNMA-1") {
		t.Errorf("/queue in the team group: %q", texts(out))
	}
	for _, text := range []string{"anyone seen the projector?", "📅 Mentoring", "/nosuchcommand"} {
		if out := e.Text(tec1, groupMA, text); len(out) != 0 {
			t.Errorf("%q in the team group got %q", text, texts(out))
		}
	}
	e.Press(student, groupMA, 0, "bk:new")
	alerted(t, e, "a mentoring button in the team group", "Please do that in a private chat with me")

	// Someone on another team, or an admin, acts in a team group only for
	// that group's university.
	if out := e.Text(tecVS, groupMA, "/queue"); !strings.Contains(texts(out), "Only the university's technical team") {
		t.Errorf("unvs's tech /queue in unma's group: %q", texts(out))
	}
	if out := e.Text(admin, groupVS, "/reply UNMA-1 hello"); strings.Contains(texts(out), "sent") || len(to(out, student.ID)) != 0 {
		t.Errorf("admin's /reply to an unma ticket from unvs's group: %q", texts(out))
	}
	if out := e.Text(admin, groupMA, "/reply UNMA-1 hello"); len(to(out, student.ID)) != 1 {
		t.Errorf("admin's /reply in unma's group: %q, want it relayed", texts(out))
	}
}
