package handlers_test

import (
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers"
	"github.com/aulabot/aulabot/handlers/htest"
)

// A message that waited at Telegram longer than LateAfter (the bot was
// down or cut off) is answered with a word about the delay first, in the
// person's language and with the message's time; once per chat for an
// hour's messages. A message on time, a button press (its date is the
// old message it was on) and a group message get no such word.
func TestLateMessage_SaysSorryOnce(t *testing.T) {
	e := newEnv(t)
	ana, rosa := htest.Person(7101, "en"), htest.Person(7102, "es")
	e.Onboard(ana, "unma", "teacher")
	e.Onboard(rosa, "unma", "teacher")
	late := func(p aulabot.Person, chat int64, text string, waited time.Duration) []aulabot.Message {
		t.Helper()
		if chat == 0 {
			chat = p.ID
		}
		return e.Handle(aulabot.Update{ChatID: chat, From: p, Text: text, Received: e.Now().Add(waited)})
	}
	hour := handlers.LateAfter + time.Minute

	out := late(ana, 0, "/help", hour)
	if len(out) < 2 || !strings.Contains(out[0].Text, "Sorry for the delay") || !strings.Contains(out[1].Text, "What I can do") {
		t.Fatalf("a late /help: %q, want the apology, then the help", texts(out))
	}
	if !strings.Contains(out[0].Text, "(Tue 10 Mar, 10:00)") {
		t.Errorf("the apology does not give the message's time: %q", out[0].Text)
	}
	if out := late(ana, 0, "/privacy", hour); strings.Contains(texts(out), "Sorry for the delay") {
		t.Errorf("a second late message of the same hour: %q, want no second apology", texts(out))
	}
	if out := late(rosa, 0, "/help", hour); len(out) < 2 || !strings.Contains(out[0].Text, "Perdone la demora") {
		t.Errorf("in Spanish: %q", texts(out))
	}
	if out := late(htest.Person(7103, "en"), 0, "/help", handlers.LateAfter-time.Second); strings.Contains(texts(out), "Sorry for the delay") {
		t.Errorf("a message on time: %q", texts(out))
	}
	if out := late(tec1, groupMA, "/queue", hour); strings.Contains(texts(out), "Sorry for the delay") {
		t.Errorf("a late message in a team group: %q", texts(out))
	}
	m := e.Text(ana, 0, "/mentoring")[0]
	data := htest.Buttons([]aulabot.Message{m})["👤 Personal"]
	if data == "" {
		t.Fatalf("no Personal button on %q", m.Text)
	}
	press := aulabot.Update{ChatID: ana.ID, From: ana, Received: e.Now().Add(hour),
		Callback: &aulabot.Callback{ID: "cb-late", Data: data, MessageID: int(m.ID)}}
	if out := e.Handle(press); len(out) == 0 || strings.Contains(texts(out), "Sorry for the delay") {
		t.Errorf("a button press on an old message: %q, want its step and no apology", texts(out))
	}
}
