package handlers_test

import (
	"context"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
)

// Whatever the button data, a press never fails inside and never changes
// a ticket it may not touch.
func FuzzTicketButton(f *testing.F) {
	// The data after "tk:" (the seeds had it twice until 4 December, so
	// none started as a button the bot makes).
	for _, s := range []string{"c:UNMA-1", "s:UNMA-1:5", "o:UNVS-1", "cat:lms", ":", "c:UNMA-1:x", "r:%00", "new", "af:UNVS-1",
		"vw:UNVS-1", "ta:UNVS-1", "vm:UNVS-1", "ar:UNVS-1", "as:0", "as:9"} {
		f.Add(s, true)
	}
	e := newEnv(f)
	ana := htest.Person(7001, "en")
	e.Onboard(ana, "unma", "teacher")
	luis := htest.Person(7002, "en")
	e.Onboard(luis, "unvs", "student")
	report(f, e, luis, "lms", "cannot log in") // UNVS-1, never touched below
	var id int64 = 5_000_000
	f.Fuzz(func(t *testing.T, data string, team bool) {
		e.T = t // the environment outlives one input; report (and log) on this one
		id++
		from, chat := ana, ana.ID
		if team {
			from, chat = tec1, groupMA
		}
		u := aulabot.Update{ID: id, ChatID: chat, From: from, ChatType: aulabot.ChatPrivate,
			Callback: &aulabot.Callback{ID: "f", Data: "tk:" + data, MessageID: 1}}
		if chat < 0 {
			u.ChatType = aulabot.ChatSupergroup
		}
		if err := e.H.Handle(context.Background(), u); err != nil {
			t.Fatalf("%q: %v", data, err)
		}
		if tk, _, _ := e.Store.Ticket("UNVS-1"); tk.State != aulabot.TicketOpen || len(tk.Audit) != 1 {
			t.Fatalf("%q changed UNVS-1: %+v", data, tk)
		}
	})
}
