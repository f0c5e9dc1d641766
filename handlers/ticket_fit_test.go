package handlers_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/handlers/htest"
	"github.com/aulabot/aulabot/sandbox"
	"github.com/aulabot/aulabot/store"
)

// visible parses text as Telegram's HTML mode does (the emulator's parser)
// and returns its length in UTF-16 code units, the stricter of Telegram's
// ways of counting.
func visible(t *testing.T, text string) int {
	t.Helper()
	plain, _, err := sandbox.ParseHTML(text)
	if err != nil {
		t.Fatalf("not valid Telegram HTML (%v): %.200q", err, text)
	}
	return len(utf16.Encode([]rune(plain)))
}

func fits(t *testing.T, what string, msgs []aulabot.Message) {
	t.Helper()
	if len(msgs) == 0 {
		t.Fatalf("%s: nothing sent", what)
	}
	for _, m := range msgs {
		limit := aulabot.MaxMessageText
		if m.Copy != nil || m.File != nil || m.EditCaption {
			limit = aulabot.MaxCaption
		}
		if n := visible(t, m.Text); n > limit {
			t.Errorf("%s: %d characters, over %d: %.120q…", what, n, limit, m.Text)
		}
	}
}

// longTicketPerson has a name as long as Telegram allows (64 + 64), in
// letters that count twice and need escaping.
func longTicketPerson(id int64) aulabot.Person {
	first := strings.Repeat("𝓐", 30) + "<&>" + strings.Repeat("x", 1)
	last := strings.Repeat("Ñ", 60) + "<i>"
	return aulabot.Person{ID: id, FirstName: first, LastName: last, LanguageCode: "en"}
}

// The longest messages the helpdesk builds fit in one Telegram message:
// a post with a 3,000-character description and a 128-character name, a
// relay of a 3,000-character message either way with a signed reply, the
// rating note, /queue for an admin who sees every university with 40
// claimed tickets each (owners with the longest names), and /mytickets.
func TestTicket_LongestMessagesFit(t *testing.T) {
	cfg := config.Demo()
	cfg.Language = aulabot.LangEN
	e := htest.New(t, cfg)
	ana := longTicketPerson(7001)
	e.Onboard(ana, "unvs", "teacher")                             // unvs signs with the member's name
	desc := strings.Repeat("🎓", 1000) + strings.Repeat("<>", 500) // 3,000 as Telegram counts
	if err := aulabot.ValidTicketText(desc); err != nil {
		t.Fatal(err)
	}
	out := report(t, e, ana, "other", desc)
	p := post(t, to(out, groupVS), "UNVS-1")
	fits(t, "post", []aulabot.Message{p})
	if !strings.Contains(p.Text, "&lt;&gt;") || !strings.Contains(p.Text, "ÑÑÑ") {
		t.Errorf("post lacks the description or the name: %.300q", p.Text)
	}
	member := longTicketPerson(3101)
	relay := to(e.Reply(member, groupVS, int(p.ID), desc), ana.ID)
	fits(t, "relay to the requester", relay)
	fits(t, "relay to the team", to(e.Reply(ana, ana.ID, int(relay[0].ID), desc), groupVS))
	fits(t, "claim", to(e.Press(member, groupVS, int(p.ID), "tk:c:UNVS-1"), groupVS))
	e.Press(member, groupVS, int(p.ID), "tk:v:UNVS-1")
	e.Press(ana, 0, 0, "tk:s:UNVS-1:2")
	fits(t, "rating note", to(e.Text(ana, 0, desc), groupVS))

	// 40 claimed tickets in every university.
	for _, u := range cfg.Universities {
		err := e.Store.Update(func(tx *store.Tx) error {
			for i := range 40 {
				tk, err := tx.CreateTicket(aulabot.Ticket{University: u.ID, Requester: int64(8000 + i), Category: aulabot.CategoryContent, Description: "x"}, 0)
				if err != nil {
					return err
				}
				if _, err := tx.ClaimTicket(tk.ID, member.ID, member.Name()); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	// /queue pages through every active ticket, oldest first, each page
	// within Telegram's limits and under its universities' titles.
	admin := htest.Person(cfg.Admins[0], "en")
	want := 40 * len(cfg.Universities)
	pages := (want + 7) / 8
	ids := pagesOf(t, e, admin, 0, "/queue", "tk:qp:", pages)
	if len(ids) != want {
		t.Errorf("/queue's pages list %d tickets, want %d", len(ids), want)
	}
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			t.Errorf("%s listed twice", id)
		}
		seen[id] = true
	}
	if ids[0] != "UNMA-1" || ids[len(ids)-1] != "UNVS-41" {
		t.Errorf("/queue runs %s … %s, want oldest first, a university after the other", ids[0], ids[len(ids)-1])
	}

	// /mytickets: 12 tickets, newest first, on two pages.
	luis := htest.Person(7002, "en")
	e.Onboard(luis, "unma", "student")
	for i := range 12 {
		if i%5 == 0 && i > 0 {
			for j := i - 5; j < i; j++ {
				e.Press(tec1, groupMA, 0, fmt.Sprintf("tk:v:UNMA-%d", 41+j))
			}
		}
		report(t, e, luis, "other", fmt.Sprintf("problem %d", i+1))
	}
	mine := pagesOf(t, e, luis, 0, "/mytickets", "tk:mp:", 2)
	if len(mine) != 12 || mine[0] != "UNMA-52" || mine[11] != "UNMA-41" {
		t.Errorf("/mytickets pages list %v, want UNMA-52 … UNMA-41", mine)
	}
}

// pagesOf sends command and turns every page of its list with the ◀️ ▶️
// buttons (data prefix), checking that each page fits, lists at most 8,
// edits the same message and says "page N of pages"; it returns the ticket
// ids listed, in order.
func pagesOf(t *testing.T, e *htest.Env, p aulabot.Person, chat int64, command, prefix string, pages int) []string {
	t.Helper()
	if chat == 0 {
		chat = p.ID
	}
	out := to(e.Text(p, chat, command), chat)
	if len(out) != 1 {
		t.Fatalf("%s: %d messages", command, len(out))
	}
	list := int(out[0].ID)
	var ids []string
	for page := 0; page < pages; page++ {
		if page > 0 {
			out = to(e.Press(p, chat, list, fmt.Sprintf("%s%d", prefix, page)), chat)
			if len(out) != 1 || out[0].EditMessageID != list {
				t.Fatalf("%s page %d: %+v, want the list edited in place", command, page+1, out)
			}
		}
		fits(t, command, out)
		text := out[0].Text
		if want := fmt.Sprintf("(page %d of %d)", page+1, pages); !strings.Contains(text, want) {
			t.Errorf("%s page %d lacks %q: %.200q", command, page+1, want, text)
		}
		n := 0
		for _, line := range strings.Split(text, "\n") {
			if id, ok := strings.CutPrefix(line, "• <b>"); ok {
				id, _, _ = strings.Cut(id, "<")
				ids = append(ids, id)
				n++
			}
		}
		if n == 0 || n > 8 {
			t.Errorf("%s page %d lists %d tickets", command, page+1, n)
		}
		b := htest.Buttons(out)
		if page < pages-1 && b["More ▶️"] != fmt.Sprintf("%s%d", prefix, page+1) {
			t.Errorf("%s page %d: next button %v", command, page+1, b)
		}
		if page > 0 && b["◀️ Earlier"] != fmt.Sprintf("%s%d", prefix, page-1) {
			t.Errorf("%s page %d: previous button %v", command, page+1, b)
		}
	}
	return ids
}

// Hostile characters (right-to-left override, NUL, other controls) never
// reach another person: names, descriptions, messages and notes are
// cleaned before they are stored and shown.
func TestTicket_TextHygiene(t *testing.T) {
	e := newEnv(t)
	ana := aulabot.Person{ID: 7001, FirstName: "Ana\u202Egnp.exe", LastName: "\x00Ruiz\u2066", LanguageCode: "en"}
	e.Onboard(ana, "unma", "teacher")
	out := report(t, e, ana, "lms", "cannot\u202E log in\x07")
	p := post(t, to(out, groupMA), "UNMA-1")
	relay := to(e.Reply(tec1, groupMA, int(p.ID), "which\u200F browser?"), ana.ID)
	back := to(e.Reply(ana, ana.ID, int(relay[0].ID), "chrome\u202D\x00"), groupMA)
	e.Press(tec1, groupMA, int(p.ID), "tk:v:UNMA-1")
	e.Press(ana, 0, 0, "tk:s:UNMA-1:4")
	note := to(e.Text(ana, 0, "good\u202E job"), groupMA)
	for _, m := range append(append(append([]aulabot.Message{p}, relay...), back...), note...) {
		if aulabot.CleanText(m.Text) != m.Text {
			t.Errorf("shown with hidden characters: %q", m.Text)
		}
	}
	has(t, "post", []aulabot.Message{p}, "Anagnp.exe Ruiz", "cannot log in")
	has(t, "relays", append(relay, back...), "which browser?", "chrome")
	has(t, "note", note, "good job")
}

// Replies are signed with the member's name escaped once.
func TestTicket_SignatureEscapedOnce(t *testing.T) {
	e := newEnv(t)
	luis := htest.Person(7002, "en")
	e.Onboard(luis, "unvs", "student")
	p := post(t, to(report(t, e, luis, "upload", "upload fails"), groupVS), "UNVS-1")
	member := aulabot.Person{ID: 3101, FirstName: "Tec <i>Ana</i>", LanguageCode: "en"}
	got := to(e.Reply(member, groupVS, int(p.ID), "try again now"), luis.ID)
	has(t, "signature", got, "(Tec &lt;i&gt;Ana&lt;/i&gt;)")
	if strings.Contains(texts(got), "&amp;") {
		t.Errorf("escaped twice: %q", texts(got))
	}
	e.Handle(aulabot.Update{ChatID: groupVS, From: member, Text: "/reply UNVS-1 see the file",
		File: &aulabot.File{ID: "ph9", Kind: "photo", Size: 100}})
	for _, m := range e.Sent(luis.ID) {
		if m.Copy != nil && !strings.Contains(m.Text, "(Tec &lt;i&gt;Ana&lt;/i&gt;)") {
			t.Errorf("file caption signature = %q", m.Text)
		}
	}
}

// Team commands work in the ticket's own team group or privately; from
// any other group they are refused and nothing about the ticket is posted
// there: another university's team group says only its own team acts
// there, an unconfigured group is left (the router's group rules).
func TestTicket_TeamCommandsOnlyInTheirGroup(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(7001, "en")
	e.Onboard(ana, "unma", "teacher")
	report(t, e, ana, "lms", "cannot log in")
	const elsewhere int64 = -4242
	for _, tc := range []struct {
		chat int64
		cmd  string
	}{{groupVS, "/reply UNMA-1 hello"}, {groupVS, "/resolve UNMA-1"}, {elsewhere, "/reply UNMA-1 hello"}, {elsewhere, "/resolve UNMA-1"}} {
		out := e.Text(tec1, tc.chat, tc.cmd)
		if len(to(out, ana.ID)) != 0 {
			t.Errorf("%s in %d reached the requester", tc.cmd, tc.chat)
		}
		if got := texts(to(out, tc.chat)); strings.Contains(got, "Sent to the requester") || strings.Contains(got, "resolved") {
			t.Errorf("%s in %d acknowledged there: %q", tc.cmd, tc.chat, got)
		}
		if tc.chat == groupVS {
			has(t, tc.cmd, to(out, tc.chat), "Only the university's technical team can do that")
		}
	}
	if got := texts(e.Sent(elsewhere)); strings.Count(got, "I'm leaving this group") != 1 {
		t.Errorf("the unconfigured group should hear once that the bot leaves: %q", got)
	}
	if tk, _, _ := e.Store.Ticket("UNMA-1"); tk.State != aulabot.TicketOpen || tk.Messages != 0 {
		t.Errorf("ticket changed: %s with %d messages", tk.State, tk.Messages)
	}
	// In its own group and privately they work.
	has(t, "own group", to(e.Text(tec1, groupMA, "/reply UNMA-1 hello"), ana.ID), "hello")
	has(t, "private", to(e.Text(tec1, 0, "/reply UNMA-1 again"), ana.ID), "again")
	has(t, "resolve privately", to(e.Text(tec1, 0, "/resolve UNMA-1"), ana.ID), "marked your ticket")
}
