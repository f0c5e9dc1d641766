package handlers_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
)

// A coordinator corrects an announcement half sent: Correct the text on
// its progress message shows the text as it stands and takes the new one,
// previews it with what will change, and on Correct the messages already
// in people's chats are edited (the link button kept) and the one still
// to go carries the new text; nobody gets it twice. Discard changes
// nothing; another university's coordinator cannot correct it.
func TestAnnounce_CorrectTheText(t *testing.T) {
	e, a := announceEnv(t)
	draft(t, e, coordUNMA, "teachers", "Workshop on Thursday", "https://aula.example.edu/taller Sign up")
	e.Press(coordUNMA, 0, 0, "ann:send")
	if err := a.Step(); err != nil { // room 2: two of the three teachers
		t.Fatal(err)
	}
	e.Deliver()
	var sent, queued []int64
	for _, id := range []int64{7100, 7101, 7102} {
		if countWith(e.Sent(id), "Workshop on Thursday") == 1 {
			sent = append(sent, id)
		} else {
			queued = append(queued, id)
		}
	}
	if len(sent) != 2 {
		t.Fatalf("sent after one step: %v", sent)
	}

	e.Press(coordUNVS, 0, 0, "ann:fix:1")
	if got := e.LastAnswer(); !got.Alert {
		t.Errorf("unvs's coordinator correcting unma's announcement: %+v", got)
	}
	msgs := e.Press(coordUNMA, 0, 0, "ann:fix:1")
	if got := texts(msgs); !strings.Contains(got, "Send the corrected text of <b>announcement 1</b>") || !strings.Contains(got, "Workshop on Thursday") {
		t.Fatalf("Correct the text asks %q", got)
	}
	if got := texts(e.Text(coordUNMA, 0, "  ")); !strings.Contains(got, "empty") {
		t.Errorf("an empty correction: %q", got)
	}
	msgs = said(e.Text(coordUNMA, 0, "Workshop on Friday"))
	if b := htest.Buttons(msgs); len(msgs) != 1 || !strings.Contains(msgs[0].Text, "And the button “Sign up” (https://aula.example.edu/taller)?") ||
		b["✅ Keep “Sign up”"] != "ann:fixkeep" || b["🚫 Remove the button"] != "ann:nolink" {
		t.Fatalf("after the text, the link: %q %v", texts(msgs), b)
	}
	e.Press(coordUNMA, 0, 0, "ann:fixok")
	if got := e.LastAnswer(); !got.Alert || !strings.Contains(got.Text, "no longer valid") {
		t.Errorf("Correct before the link was chosen: %+v", got)
	}
	msgs = said(e.Press(coordUNMA, 0, 0, "ann:fixkeep"))
	if len(msgs) != 2 || msgs[0].Text != "Workshop on Friday" || msgs[0].Inline[0][0].URL != "https://aula.example.edu/taller" ||
		!strings.Contains(msgs[1].Text, "The 2 messages already sent will be corrected, and the 1 still to go") {
		t.Fatalf("preview %+v", msgs)
	}
	if got := lastTo(t, e.Press(coordUNMA, 0, 0, "ann:fixok"), coordUNMA.ID).Text; !strings.Contains(got, "the 2 messages already sent are being edited") {
		t.Errorf("corrected: %q", got)
	}
	run(t, e, a)
	for _, id := range sent {
		var edits []aulabot.Message
		for _, m := range e.Sent(id) {
			if strings.HasPrefix(m.EditRef, "annmsg:") {
				edits = append(edits, m)
			}
		}
		if len(edits) != 1 || edits[0].EditRef != fmt.Sprintf("annmsg:1:%d", id) || edits[0].Text != "Workshop on Friday" ||
			len(edits[0].Inline) == 0 || edits[0].Inline[0][0].URL != "https://aula.example.edu/taller" {
			t.Errorf("teacher %d's announcement edited by %+v", id, edits)
		}
	}
	for _, id := range queued {
		if got := e.Sent(id); countWith(got, "Workshop on Friday") != 1 || countWith(got, "Thursday") != 0 {
			t.Errorf("teacher %d, still to go, got %q", id, texts(got))
		}
	}

	// Once everyone has it, nothing is "still to go".
	e.Press(coordUNMA, 0, 0, "ann:fix:1")
	e.Text(coordUNMA, 0, "Workshop on Saturday")
	if got := texts(e.Press(coordUNMA, 0, 0, "ann:fixkeep")); !strings.Contains(got, "The 3 messages sent will be corrected. Correct it?") {
		t.Errorf("preview when every message went: %q", got)
	}
	if got := texts(e.Press(coordUNMA, 0, 0, "ann:x")); !strings.Contains(got, "Correction discarded") {
		t.Errorf("discard: %q", got)
	}
	run(t, e, a)
	for _, id := range []int64{7100, 7101, 7102} {
		if n := countWith(e.Sent(id), "Saturday"); n != 0 {
			t.Errorf("teacher %d got a discarded correction", id)
		}
	}
}

// A scheduled announcement corrected before its time has nothing to edit:
// the preview and the answer say so, no message goes out early, and at its
// time everyone gets the corrected text only.
func TestAnnounce_CorrectBeforeItGoes(t *testing.T) {
	e, a := announceEnv(t)
	draft(t, e, coordUNMA, aulabot.AudienceStudents, "Exam week: Monday", "")
	e.Press(coordUNMA, 0, 0, "ann:sched")
	e.Text(coordUNMA, 0, e.Now().In(e.Config.Loc("unma")).Add(2*time.Hour).Format("2006-01-02 15:04"))
	e.Press(coordUNMA, 0, 0, "ann:fix:1")
	if got := texts(e.Text(coordUNMA, 0, "Exam week: Tuesday")); !strings.Contains(got, "The announcement has no link button") {
		t.Errorf("the link step of an announcement without one: %q", got)
	}
	if got := texts(e.Press(coordUNMA, 0, 0, "ann:nolink")); !strings.Contains(got, "No message has been sent yet: every one will carry this text") {
		t.Errorf("preview before anything went: %q", got)
	}
	if got := lastTo(t, e.Press(coordUNMA, 0, 0, "ann:fixok"), coordUNMA.ID).Text; !strings.Contains(got, "no message had been sent; every one will carry the new text") {
		t.Errorf("corrected before anything went: %q", got)
	}
	if err := a.Step(); err != nil {
		t.Fatal(err)
	}
	e.Deliver()
	for _, id := range []int64{7200, 7201} {
		if n := countWith(e.Sent(id), "Exam week"); n != 0 {
			t.Errorf("student %d got it before its time", id)
		}
	}
	e.Advance(2 * time.Hour)
	run(t, e, a)
	for _, id := range []int64{7200, 7201} {
		if got := e.Sent(id); countWith(got, "Exam week: Tuesday") != 1 || countWith(got, "Monday") != 0 {
			t.Errorf("student %d got %q", id, texts(got))
		}
	}
}

// Announcements are numbered apart from the other campaigns: after the
// first one's correction (a campaign of its own, which edits its
// messages), the next announcement is "Announcement 2", its progress and
// its end too, while its buttons and messages carry the campaign's id.
func TestAnnounce_NumberedApart(t *testing.T) {
	e, a := announceEnv(t)
	draft(t, e, coordUNMA, aulabot.AudienceStudents, "Exam week: Monday", "")
	e.Press(coordUNMA, 0, 0, "ann:send")
	run(t, e, a)
	e.Press(coordUNMA, 0, 0, "ann:fix:1")
	e.Text(coordUNMA, 0, "Exam week: Tuesday")
	e.Press(coordUNMA, 0, 0, "ann:nolink")
	e.Press(coordUNMA, 0, 0, "ann:fixok")
	run(t, e, a)

	draft(t, e, coordUNMA, aulabot.AudienceTeachers, "Workshop on Thursday", "")
	msgs := e.Press(coordUNMA, 0, 0, "ann:send")
	progress := lastTo(t, msgs, coordUNMA.ID)
	if !strings.Contains(progress.Text, "<b>Announcement 2</b>") || progress.Ref != "ann:3" || htest.Buttons(msgs)["⛔ Cancel sending"] != "ann:stop:3" {
		t.Errorf("the second announcement's progress: %+v", progress)
	}
	run(t, e, a)
	if got := texts(e.Sent(coordUNMA.ID)); !strings.Contains(got, "Your announcement 2 is done. Sent: 3 of 3") || strings.Contains(got, "announcement 3") {
		t.Errorf("the second announcement's end: %q", got)
	}
	if got := texts(e.Press(coordUNMA, 0, 0, "ann:fix:3")); !strings.Contains(got, "<b>announcement 2</b>") {
		t.Errorf("correcting the second announcement: %q", got)
	}
}

// Only the link was wrong: Keep the text, then the corrected link, edits
// every message already sent into the same text with the new button;
// a second correction removes the button. Keeping both is refused as
// nothing to correct.
func TestAnnounce_CorrectTheLink(t *testing.T) {
	e, a := announceEnv(t)
	draft(t, e, coordUNMA, "teachers", "Workshop on Thursday", "https://aula.example.edu/tallr Sign up")
	e.Press(coordUNMA, 0, 0, "ann:send")
	run(t, e, a)
	msgs := e.Press(coordUNMA, 0, 0, "ann:fix:1")
	if htest.Buttons(msgs)["📝 The text is right: correct the link"] != "ann:fixsame" {
		t.Fatalf("Correct the text offers %v", htest.Buttons(msgs))
	}
	e.Press(coordUNMA, 0, 0, "ann:fixsame")
	e.Press(coordUNMA, 0, 0, "ann:fixkeep")
	if got := e.LastAnswer(); !got.Alert || !strings.Contains(got.Text, "nothing to correct") {
		t.Errorf("the same text and the same link: %+v", got)
	}
	if got := texts(e.Text(coordUNMA, 0, "en el aula virtual")); !strings.Contains(got, "not a valid link") {
		t.Errorf("words that are no link: %q", got)
	}
	msgs = said(e.Text(coordUNMA, 0, "aula.example.edu/taller Inscribirme")) // without its scheme, as a browser reads it
	if len(msgs) != 2 || msgs[0].Text != "Workshop on Thursday" || len(msgs[0].Inline) != 1 ||
		msgs[0].Inline[0][0].URL != "https://aula.example.edu/taller" || msgs[0].Inline[0][0].Text != "Inscribirme" {
		t.Fatalf("preview of the corrected link: %+v", msgs)
	}
	e.Press(coordUNMA, 0, 0, "ann:fixok")
	run(t, e, a)
	lastEdit := func(id int64) aulabot.Message {
		var last aulabot.Message
		for _, m := range e.Sent(id) {
			if m.EditRef != "" {
				last = m
			}
		}
		return last
	}
	for _, id := range []int64{7100, 7101, 7102} {
		if m := lastEdit(id); m.EditRef != fmt.Sprintf("annmsg:1:%d", id) || m.Text != "Workshop on Thursday" ||
			len(m.Inline) != 1 || m.Inline[0][0].URL != "https://aula.example.edu/taller" || m.Inline[0][0].Text != "Inscribirme" {
			t.Errorf("teacher %d's announcement edited by %+v", id, m)
		}
	}

	e.Press(coordUNMA, 0, 0, "ann:fix:1")
	e.Press(coordUNMA, 0, 0, "ann:fixsame")
	if msgs := said(e.Press(coordUNMA, 0, 0, "ann:nolink")); len(msgs) != 2 || msgs[0].Text != "Workshop on Thursday" || len(msgs[0].Inline) != 0 {
		t.Fatalf("preview without the button: %+v", msgs)
	}
	e.Press(coordUNMA, 0, 0, "ann:fixok")
	run(t, e, a)
	for _, id := range []int64{7100, 7101, 7102} {
		if m := lastEdit(id); m.Text != "Workshop on Thursday" || len(m.Inline) != 0 {
			t.Errorf("teacher %d's announcement after the button was removed: %+v", id, m)
		}
	}
}
