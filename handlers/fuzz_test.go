package handlers_test

import (
	"context"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
	"github.com/aulabot/aulabot/i18n"
)

// FuzzHandle sends arbitrary text, edits and button data from an
// onboarded user, a mentor and a technical team member: whatever comes,
// the bot never fails inside (no apology) and never answers with a broken
// text.
func FuzzHandle(f *testing.F) {
	for _, s := range []string{"/start", "/newslot 2026-13-40 25:61 -5 group -1", "/reply UNMA-1 hola", "tk:c:UNMA-999999999999",
		"bk:c:18446744073709551615", "kb:a:1:../../etc", "/weekly xyz", "\x00\u202e<b>", "sl:v:0", "🙂", "/gaps unvs", "ns:d:2026-02-30"} {
		f.Add(s, s)
	}
	e := htest.New(f, nil)
	cat := i18n.Builtin()
	internal := func(text string) bool {
		for _, lang := range []string{aulabot.LangES, aulabot.LangEN} {
			if apology, _ := cat.Lookup("error.internal", lang); text == apology {
				return true
			}
		}
		return false
	}
	student := htest.Person(7001, "es")
	e.Onboard(student, "unma", "student")
	// Voice notes are heard as the input's text.
	files, heard := voiceFiles{}, &ears{words: map[string]string{}}
	e.H.Files, e.H.Voice = files, heard
	people := []int64{7001, 4001, 3001}
	f.Fuzz(func(t *testing.T, text, data string) {
		e.T = t // the environment outlives one input; report on this one
		for _, id := range people {
			p := htest.Person(id, "es")
			out := e.Text(p, 0, text)
			out = append(out, e.Press(p, 0, 1, data)...)
			out = append(out, e.Text(p, -2001, text)...)
			// Edits: of a message just sent, and of a reply to the bot in
			// the team group.
			out = append(out, e.Handle(aulabot.Update{ChatID: id, From: p, MessageID: 5, Text: text})...)
			out = append(out, e.Edit(p, 0, 5, data)...)
			out = append(out, e.Handle(aulabot.Update{ChatID: -2001, From: p, MessageID: 6, Text: data, Edited: true,
				ReplyTo: &aulabot.Replied{MessageID: 1, FromBot: true}})...)
			// A voice note whose words are the input's text.
			heard.mu.Lock()
			heard.words["fuzz"] = text
			heard.mu.Unlock()
			out = append(out, sendVoice(e, files, p, 7, "fuzz", 3)...)
			if err := e.H.RunBackgroundJobs(context.Background()); err != nil {
				t.Fatalf("user %d, heard %q: %v", id, text, err)
			}
			out = append(out, e.Deliver()...)
			for _, m := range out {
				if internal(m.Text) {
					t.Fatalf("user %d, text %q, data %q: internal error", id, text, data)
				}
			}
			if a := e.LastAnswer(); internal(a.Text) {
				t.Fatalf("user %d, data %q: internal error in the button answer", id, data)
			}
			e.Text(p, 0, "/cancel")
		}
	})
}
