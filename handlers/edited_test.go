package handlers_test

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/handlers/htest"
	"github.com/aulabot/aulabot/store"
)

// TestEdit: an edit of the person's last question, with no flow under
// way, is that question asked anew: it gets what the corrected words get
// when sent, and it replaces the question recorded (the typo's is gone,
// and so is the gap of its "I don't know"). An edit that changes no word
// gets nothing more. Any other edit in a private chat (an older message,
// one made in the middle of a flow, onboarding included) changes nothing
// and the person is told, in their language, that the bot did not read
// it; the flow goes on. In a team group an edit gets no answer.
func TestEdit(t *testing.T) {
	e := newEnv(t)
	ana, bob := htest.Person(7301, "en"), htest.Person(7302, "en")
	e.Onboard(ana, "unma", "teacher")
	e.Onboard(bob, "unma", "teacher")
	const fixed = "how do i upload a video to my course"
	e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 5000, Text: "hwo do i uplaod a vdeo to my cuorse"})
	got, want := e.Edit(ana, 0, 5000, fixed), e.Text(bob, 0, fixed)
	if texts(got) != texts(want) || len(htest.Buttons(got)) != len(htest.Buttons(want)) || len(got) == 0 {
		t.Fatalf("the edited question got %q, the same words sent get %q", texts(got), texts(want))
	}
	last := func() aulabot.Question { return lastQuestion(t, e, ana) }
	if q := last(); q.Text != fixed || q.MessageID != 5000 {
		t.Errorf("last question recorded: %q (message %d), want the edit's words of message 5000", q.Text, q.MessageID)
	}
	if out := e.Edit(ana, 0, 5000, "  "+fixed+" "); len(out) != 0 {
		t.Errorf("an edit with the same words got %q", texts(out))
	}
	// The edit replaced the question: the typo's is gone, and with it
	// the gap a typo's "I don't know" made.
	e.Handle(aulabot.Update{ChatID: bob.ID, From: bob, MessageID: 5100, Text: "qzx vvwq plorf"})
	e.Edit(bob, 0, 5100, "how do i create a quiz")
	for p, want := range map[aulabot.Person][]string{ana: {fixed}, bob: {fixed, "how do i create a quiz"}} {
		var asked []string
		err := e.Store.View(func(tx *store.Tx) error {
			return tx.Questions("unma", time.Time{}, func(q aulabot.Question) error {
				if q.UserID == p.ID {
					asked = append(asked, q.Text)
				}
				return nil
			})
		})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(asked, want) {
			t.Errorf("%d's questions recorded: %q, want %q", p.ID, asked, want)
		}
	}
	if all := texts(e.Text(coordMA, 0, "/gaps")); strings.Contains(all, "qzx") {
		t.Errorf("/gaps shows the question an edit replaced: %q", all)
	}

	const notRead = "I only read changes to your last question"
	e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 5001, Text: "how do i create a quiz"})
	before := last()
	if out := e.Edit(ana, 0, 5000, "how do i grade an assignment"); len(out) != 1 || !strings.Contains(out[0].Text, notRead) {
		t.Errorf("an edit of an older question got %q", texts(out))
	}
	if q := last(); q.ID != before.ID {
		t.Errorf("an edit of an older question was recorded as question %d %q", q.ID, q.Text)
	}

	e.Text(ana, 0, "/problem")
	if out := e.Edit(ana, 0, 5001, "how do i create a quiz in moodle"); len(out) != 1 || !strings.Contains(out[0].Text, "in the middle of a step") {
		t.Errorf("an edit during a report got %q", texts(out))
	}
	if out := e.Press(ana, 0, 0, "tk:cat:upload"); !strings.Contains(texts(out), "Tell me about the problem in one message") {
		t.Errorf("the report did not go on after the edit: %q", texts(out))
	}

	if out := e.Edit(tec1, groupMA, 77, "fixed it, sorry"); len(out) != 0 {
		t.Errorf("an edit in the team group got %q", texts(out))
	}
	lucia := htest.Person(7303, "es")
	e.Handle(aulabot.Update{ChatID: lucia.ID, From: lucia, MessageID: 6000, Text: "hola"})
	if out := e.Edit(lucia, 0, 6000, "hola, buenas"); len(out) != 1 || !strings.Contains(out[0].Text, "no leo cambios a mitad de un paso") {
		t.Errorf("an edit during onboarding got %q", texts(out))
	}
}

// TestEdit_TicketRelay: an edit of a ticket's description, or of a
// message relayed on it, edits the other side's copy, marked as edited:
// the post (with its buttons) in the team group; a technician's reply (in
// the group, or /reply privately) in the requester's chat, with its Reply
// button; the requester's reply in the team group, and they are told the
// team sees it. The ticket and the conversation kept have the new words.
func TestEdit_TicketRelay(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(7311, "en")
	e.Onboard(ana, "unma", "teacher")
	e.Text(ana, 0, "/problem")
	e.Press(ana, 0, 0, "tk:cat:video")
	out := e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 555, Text: "the vidoe call drosp every few minutes"})
	out = stillNeedHelp(e, ana, out)
	p := post(t, to(out, groupMA), "UNMA-1")
	out = e.Edit(ana, 0, 555, "the video call drops every few minutes")
	if team := to(out, groupMA); len(team) != 1 || team[0].EditRef != "ticket:UNMA-1" ||
		!strings.Contains(team[0].Text, "the video call drops every few minutes") || !strings.Contains(team[0].Text, "✏️") || len(team[0].Inline) == 0 {
		t.Errorf("the description's edit reached the team as %+v", team)
	}
	if tk, _, _ := e.Store.Ticket("UNMA-1"); tk.Description != "the video call drops every few minutes" || tk.DescriptionEdited.IsZero() {
		t.Errorf("the ticket keeps %q (edited %v)", tk.Description, tk.DescriptionEdited)
	}
	onPost := &aulabot.Replied{MessageID: int(p.ID), FromBot: true}
	out = e.Handle(aulabot.Update{ChatID: groupMA, From: tec1, MessageID: 601, ReplyTo: onPost, Text: "open the setings page"})
	var relay aulabot.Message
	for _, m := range to(out, ana.ID) {
		if strings.HasPrefix(m.Ref, "relay:UNMA-1:") {
			relay = m
		}
	}
	if relay.Ref == "" {
		t.Fatalf("the reply did not reach ana: %q", texts(out))
	}
	out = e.Handle(aulabot.Update{ChatID: groupMA, From: tec1, MessageID: 601, ReplyTo: onPost, Text: "open the settings page", Edited: true})
	got := to(out, ana.ID)
	if len(got) != 1 || got[0].EditRef != relay.Ref || !strings.Contains(got[0].Text, "open the settings page") ||
		!strings.Contains(got[0].Text, "✏️ <i>edited</i>") || !slices.Contains(slices.Collect(maps.Values(htest.Buttons(got))), "tk:r:UNMA-1") {
		t.Fatalf("the technician's edit reached ana as %+v", got)
	}
	if n := len(to(out, groupMA)); n != 0 {
		t.Errorf("the edit got %d messages in the group", n)
	}

	e.Press(ana, 0, 0, "tk:r:UNMA-1")
	out = e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 90, Text: "it fails on chrom too"})
	var in aulabot.Message
	for _, m := range to(out, groupMA) {
		if strings.HasPrefix(m.Ref, "tkin:UNMA-1:") {
			in = m
		}
	}
	if in.Ref == "" {
		t.Fatalf("ana's reply did not reach the team: %q", texts(out))
	}
	out = e.Edit(ana, 0, 90, "it fails on chrome too")
	team := to(out, groupMA)
	if len(team) != 1 || team[0].EditRef != in.Ref || !strings.Contains(team[0].Text, "it fails on chrome too") || !strings.Contains(team[0].Text, "✏️") {
		t.Errorf("ana's edit reached the team as %+v", team)
	}
	if !strings.Contains(texts(to(out, ana.ID)), "the technical team sees your corrected message (UNMA-1)") {
		t.Errorf("ana was told %q", texts(to(out, ana.ID)))
	}

	e.Handle(aulabot.Update{ChatID: tec1.ID, From: tec1, MessageID: 700, Text: "/reply UNMA-1 try restartng the browser"})
	out = e.Edit(tec1, 0, 700, "/reply UNMA-1 try restarting the browser")
	if got := to(out, ana.ID); len(got) != 1 || got[0].EditRef == "" || !strings.Contains(got[0].Text, "try restarting the browser") {
		t.Errorf("the /reply edit reached ana as %+v", got)
	}
	if !strings.Contains(texts(to(out, tec1.ID)), "the requester sees your corrected reply (UNMA-1)") {
		t.Errorf("the technician was told %q", texts(to(out, tec1.ID)))
	}
	// Written privately, its copy in the team group's thread follows.
	if got := to(out, groupMA); len(got) != 1 || !strings.HasPrefix(got[0].EditRef, "tkin:UNMA-1:p") ||
		!strings.Contains(got[0].Text, "try restarting the browser") || !strings.Contains(got[0].Text, "✏️") {
		t.Errorf("the /reply edit reached the team group as %+v", got)
	}

	for _, m := range keptWords(t, e, "UNMA-1", "open the settings page", "it fails on chrome too", "try restarting the browser") {
		if m.Edited.IsZero() {
			t.Errorf("message %d %q not marked edited", m.N, m.Text)
		}
	}
}

// keptWords checks that ticket id's conversation keeps the words want, in
// order, and returns its messages.
func keptWords(t *testing.T, e *htest.Env, id string, want ...string) []aulabot.TicketMessage {
	t.Helper()
	ms, err := e.Store.TicketMessages(id)
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, m := range ms {
		kept = append(kept, m.Text)
	}
	if !slices.Equal(kept, want) {
		t.Errorf("the conversation kept %q, want %q", kept, want)
	}
	return ms
}

// An edit the question limit refuses replaces nothing: the question asked
// before stays recorded as it was.
func TestEdit_OverTheQuestionLimit(t *testing.T) {
	cfg := config.Demo()
	cfg.Language = aulabot.LangEN
	cfg.Limits.QuestionsPerMinute = 1
	e := htest.New(t, cfg)
	ana := htest.Person(7321, "en")
	e.Onboard(ana, "unma", "teacher")
	e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 800, Text: "how do i create a quiz"})
	before := lastQuestion(t, e, ana)
	out := e.Edit(ana, 0, 800, "how do i create a quiz in moodle")
	if q := lastQuestion(t, e, ana); q.ID != before.ID || q.Text != "how do i create a quiz" {
		t.Errorf("after an edit over the limit (%q) the last question is %d %q, want %d as asked", texts(out), q.ID, q.Text, before.ID)
	}
}

// TestEdit_TicketCaption: a file's caption on a ticket is relayed as words
// of their own beside the file's copy, and its edit is carried like a
// text's: edited and marked on the other side, sent when a caption is
// added to a file sent without one, taken away when the caption is taken
// off. An edit that leaves the words as they were (a file replaced)
// carries nothing and says nothing.
func TestEdit_TicketCaption(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(7312, "es") // the team group speaks English: each side's mark in its language
	e.Onboard(ana, "unma", "teacher")
	e.Text(ana, 0, "/problem")
	e.Press(ana, 0, 0, "tk:cat:video")
	p := post(t, to(stillNeedHelp(e, ana, e.Text(ana, 0, "the video call drops every few minutes")), groupMA), "UNMA-1")
	photo := func(id int, caption string, edited bool) []aulabot.Message {
		t.Helper()
		return e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: id, Text: caption, Edited: edited,
			File: &aulabot.File{ID: fmt.Sprintf("ph%d", id), Kind: "photo", Size: 1000}})
	}
	inRef := func(out []aulabot.Message) string {
		t.Helper()
		for _, m := range to(out, groupMA) {
			if strings.HasPrefix(m.Ref, "tkin:UNMA-1:") && m.Copy == nil {
				return m.Ref
			}
		}
		t.Fatalf("no words of ana's reached the team: %+v", out)
		return ""
	}

	e.Press(ana, 0, 0, "tk:r:UNMA-1")
	captioned := inRef(photo(91, "the error on chrom", false))
	out := photo(91, "the error on chrome", true)
	if team := to(out, groupMA); len(team) != 1 || team[0].EditRef != captioned || !strings.Contains(team[0].Text, "the error on chrome") || !strings.Contains(team[0].Text, "✏️ <i>edited</i>") {
		t.Errorf("the caption's edit reached the team as %+v", team)
	}
	if !strings.Contains(texts(to(out, ana.ID)), "el equipo técnico ve su mensaje corregido (UNMA-1)") {
		t.Errorf("ana was told %q", texts(to(out, ana.ID)))
	}
	if out := photo(91, "the error on chrome", true); len(out) != 0 {
		t.Errorf("an edit with the same words (the photo replaced) sent %+v", out)
	}

	e.Press(ana, 0, 0, "tk:r:UNMA-1")
	if out := photo(92, "", false); len(to(out, groupMA)) != 1 || to(out, groupMA)[0].Copy == nil {
		t.Fatalf("a photo without a caption reached the team as %+v", to(out, groupMA))
	}
	out = photo(92, "and on firefox", true)
	if team := to(out, groupMA); len(team) != 1 || team[0].EditRef != "" || team[0].ReplyToRef != "ticket:UNMA-1" ||
		!strings.HasPrefix(team[0].Ref, "tkin:UNMA-1:") || !strings.Contains(team[0].Text, "and on firefox") || !strings.Contains(team[0].Text, "✏️ <i>edited</i>") {
		t.Errorf("a caption added reached the team as %+v", team)
	}

	out = photo(91, "", true)
	if team := to(out, groupMA); len(team) != 1 || team[0].EditRef != captioned || !team[0].Delete {
		t.Errorf("a caption taken off reached the team as %+v", team)
	}

	onPost := &aulabot.Replied{MessageID: int(p.ID), FromBot: true}
	file := &aulabot.File{ID: "doc1", Kind: "document", Name: "steps.pdf", Size: 1000}
	out = e.Handle(aulabot.Update{ChatID: groupMA, From: tec1, MessageID: 610, ReplyTo: onPost, Text: "folow thes steps", File: file})
	var relay string
	for _, m := range to(out, ana.ID) {
		if strings.HasPrefix(m.Ref, "relay:UNMA-1:") && m.Copy == nil {
			relay = m.Ref
		}
	}
	if relay == "" {
		t.Fatalf("the technician's caption did not reach ana: %+v", to(out, ana.ID))
	}
	out = e.Handle(aulabot.Update{ChatID: groupMA, From: tec1, MessageID: 610, ReplyTo: onPost, Text: "follow these steps", File: file, Edited: true})
	if got := to(out, ana.ID); len(got) != 1 || got[0].EditRef != relay || !strings.Contains(got[0].Text, "follow these steps") ||
		!strings.Contains(got[0].Text, "✏️ <i>editado</i>") || len(htest.Buttons(got)) != 0 {
		t.Errorf("the technician's caption edit reached ana as %+v (its buttons are under the file)", got)
	}
	keptWords(t, e, "UNMA-1", "", "and on firefox", "follow these steps")
}

// TestEdit_TicketFileReplaced: a file replaced in a message that reached
// the other side of a ticket (Telegram lets people replace a sent photo
// or document) reaches it too: the old copy goes, the message is copied
// again under the same ref, marked as edited in the reader's language,
// and the ticket keeps the new file. So does a screenshot sent with the
// description, and a technician's document. The same file under another
// file_id is no replacement; a file replaced with its caption edited
// carries both.
func TestEdit_TicketFileReplaced(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(7313, "es") // the team group speaks English
	e.Onboard(ana, "unma", "teacher")
	photo := func(id int, caption, file string, edited bool) []aulabot.Message {
		t.Helper()
		return e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: id, Text: caption, Edited: edited,
			File: &aulabot.File{ID: "id-" + file, UniqueID: file, Kind: "photo", Size: 1000}})
	}
	// copiedAgain checks that out takes the copy under ref away and
	// copies message source of chat again under it, marked with mark.
	copiedAgain := func(what string, out []aulabot.Message, chat int64, ref string, source int, mark string) {
		t.Helper()
		got := to(out, chat)
		if len(got) != 2 || !got[0].Delete || got[0].EditRef != ref ||
			got[1].Ref != ref || got[1].Copy == nil || got[1].Copy.MessageID != source || !strings.Contains(got[1].Text, mark) {
			t.Errorf("%s reached chat %d as %+v", what, chat, got)
		}
	}

	// A screenshot with the description, replaced once the ticket is up.
	e.Text(ana, 0, "/problem")
	e.Press(ana, 0, 0, "tk:cat:video")
	photo(80, "", "shot-a", false)
	p := post(t, to(stillNeedHelp(e, ana, e.Text(ana, 0, "the video call drops every few minutes")), groupMA), "UNMA-1")
	out := photo(80, "", "shot-b", true)
	copiedAgain("the description's screenshot replaced", out, groupMA, "tkin:UNMA-1:0:f0", 80, "✏️ <i>edited</i>")
	if !strings.Contains(texts(to(out, ana.ID)), "el equipo técnico ve su mensaje corregido (UNMA-1)") {
		t.Errorf("ana was told %q", texts(to(out, ana.ID)))
	}
	if tk, _, _ := e.Store.Ticket("UNMA-1"); len(tk.Files) != 1 || tk.Files[0].File.UniqueID != "shot-b" {
		t.Errorf("the ticket keeps %+v", tk.Files)
	}
	// Its caption is not part of the ticket: an edit of it alone is not read.
	if out := photo(80, "la pantalla de error", "shot-b", true); len(to(out, groupMA)) != 0 || !strings.Contains(texts(out), "solo leo los cambios de su última pregunta") {
		t.Errorf("a caption added to the screenshot: %+v", out)
	}

	// A photo in the conversation: replaced; then the same file under
	// another file_id (no replacement); then replaced with its caption.
	e.Press(ana, 0, 0, "tk:r:UNMA-1")
	photo(91, "the error", "err-a", false)
	copiedAgain("a photo replaced", photo(91, "the error", "err-b", true), groupMA, "tkin:UNMA-1:1:f0", 91, "✏️ <i>edited</i>")
	if out := e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 91, Text: "the error", Edited: true,
		File: &aulabot.File{ID: "another-id", UniqueID: "err-b", Kind: "photo", Size: 1000}}); len(out) != 0 {
		t.Errorf("the same file under another file_id sent %+v", out)
	}
	out = photo(91, "the error on chrome", "err-c", true)
	if team := to(out, groupMA); len(team) != 3 || !team[0].Delete || team[1].Copy == nil ||
		!strings.HasPrefix(team[2].EditRef, "tkin:UNMA-1:") || !strings.Contains(team[2].Text, "the error on chrome") {
		t.Errorf("a photo replaced with its caption edited reached the team as %+v", team)
	}
	ms := keptWords(t, e, "UNMA-1", "the error on chrome")
	if f := ms[0].Files; len(f) != 1 || f[0].File.UniqueID != "err-c" || ms[0].Edited.IsZero() {
		t.Errorf("the conversation keeps %+v", ms[0])
	}

	// A technician's document replaced reaches ana, with Reply, in
	// Spanish; the group is told nothing.
	onPost := &aulabot.Replied{MessageID: int(p.ID), FromBot: true}
	doc := func(unique string, edited bool) []aulabot.Message {
		return e.Handle(aulabot.Update{ChatID: groupMA, From: tec1, MessageID: 610, ReplyTo: onPost, Edited: edited,
			File: &aulabot.File{ID: "id-" + unique, UniqueID: unique, Kind: "document", Name: "steps.pdf", Size: 1000}})
	}
	doc("steps-a", false)
	out = doc("steps-b", true)
	copiedAgain("the technician's document replaced", out, ana.ID, "relay:UNMA-1:2:f0", 610, "✏️ <i>editado</i>")
	if !slices.Contains(slices.Collect(maps.Values(htest.Buttons(to(out, ana.ID)))), "tk:r:UNMA-1") {
		t.Errorf("the new copy has no Reply button: %+v", to(out, ana.ID))
	}
	if len(to(out, groupMA)) != 0 { // in the group, as for words: the team talks among themselves there
		t.Errorf("the team group was told %+v", to(out, groupMA))
	}

	// Sent privately (/reply with a document), replaced: ana's copy and the
	// team group's copy of it are both copied again.
	private := func(unique string, edited bool) []aulabot.Message {
		return e.Handle(aulabot.Update{ChatID: tec1.ID, From: tec1, MessageID: 620, Text: "/reply UNMA-1", Edited: edited,
			File: &aulabot.File{ID: "id-" + unique, UniqueID: unique, Kind: "document", Name: "guide.pdf", Size: 1000}})
	}
	if out := private("guide-a", false); len(copiesOf(out, groupMA, tec1.ID)) != 1 {
		t.Fatalf("the private document did not reach the team group: %+v", to(out, groupMA))
	}
	out = private("guide-b", true)
	copiedAgain("a private document replaced", out, ana.ID, "relay:UNMA-1:3:f0", 620, "✏️ <i>editado</i>")
	copiedAgain("its copy in the team group", out, groupMA, "tkin:UNMA-1:p3:f0", 620, "✏️ <i>edited</i>")
}

// TestEdit_TicketFileRefused: a file relayed on a ticket and replaced by
// an edit with one the bot would not take (an executable) does not reach
// the other side, which keeps the file it got; the person is told why.
// So for the requester and for a technician.
func TestEdit_TicketFileRefused(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(7314, "es")
	e.Onboard(ana, "unma", "teacher")
	exe := &aulabot.File{ID: "exe", UniqueID: "exe", Kind: "document", Name: "setup.exe", MIME: "application/x-msdownload", Size: 1000}
	p := post(t, to(report(t, e, ana, "video", "the video call drops every few minutes"), groupMA), "UNMA-1")

	e.Press(ana, 0, 0, "tk:r:UNMA-1")
	e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 91, File: &aulabot.File{ID: "id-a", UniqueID: "a", Kind: "photo", Size: 1000}})
	out := e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 91, Edited: true, File: exe})
	if len(to(out, groupMA)) != 0 {
		t.Errorf("the executable reached the team: %+v", to(out, groupMA))
	}
	has(t, "requester told", to(out, ana.ID), "No puedo aceptar ese archivo", "el equipo técnico conserva el que recibió antes")
	ms, _ := e.Store.TicketMessages("UNMA-1")
	if f := ms[len(ms)-1].Files; len(f) != 1 || f[0].File.UniqueID != "a" {
		t.Errorf("the conversation keeps %+v", ms[len(ms)-1])
	}

	onPost := &aulabot.Replied{MessageID: int(p.ID), FromBot: true}
	e.Handle(aulabot.Update{ChatID: groupMA, From: tec1, MessageID: 610, ReplyTo: onPost,
		File: &aulabot.File{ID: "id-steps", UniqueID: "steps", Kind: "document", Name: "steps.pdf", Size: 1000}})
	out = e.Handle(aulabot.Update{ChatID: groupMA, From: tec1, MessageID: 610, ReplyTo: onPost, Edited: true, File: exe})
	if len(to(out, ana.ID)) != 0 {
		t.Errorf("the executable reached ana: %+v", to(out, ana.ID))
	}
	has(t, "technician told", to(out, groupMA), "the requester keeps the one they got before")
}
