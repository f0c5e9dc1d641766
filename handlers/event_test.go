package handlers_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
	"github.com/aulabot/aulabot/service"
	"github.com/aulabot/aulabot/store"
)

// eventSteps takes p through steps of /newevent: each is typed, or
// pressed when it is a button's data ("ev:…"). It returns the answer to
// the last.
func eventSteps(e *htest.Env, p aulabot.Person, steps ...string) []aulabot.Message {
	var out []aulabot.Message
	for _, step := range steps {
		if strings.HasPrefix(step, "ev:") {
			out = e.Press(p, 0, 0, step)
		} else {
			out = e.Text(p, 0, step)
		}
	}
	return out
}

// createTraining takes coordUNMA through /newevent: a training for
// unma's teachers on 2026-03-12 at 17:00 Lima time, capacity capacity
// ("" for no limit). It returns the last answer.
func createTraining(t *testing.T, e *htest.Env, capacity string) []aulabot.Message {
	t.Helper()
	eventSteps(e, coordUNMA, "/newevent", "Moodle quizzes", "2026-03-12 17:00", "ev:len:60", "https://meet.example.edu/quiz", "ev:aud:teachers")
	if capacity == "" {
		e.Press(coordUNMA, 0, 0, "ev:nolimit")
	} else {
		e.Text(coordUNMA, 0, capacity)
	}
	return e.Press(coordUNMA, 0, 0, "ev:ok")
}

// countWith counts the messages of msgs whose text contains s.
func countWith(msgs []aulabot.Message, s string) int {
	n := 0
	for _, m := range msgs {
		if strings.Contains(m.Text, s) {
			n++
		}
	}
	return n
}

// calendar fails unless msgs send chat one calendar file named name,
// with caption and every line of want in it.
func calendar(t *testing.T, msgs []aulabot.Message, chat int64, name, caption string, want ...string) {
	t.Helper()
	var files []aulabot.Message
	for _, m := range to(msgs, chat) {
		if m.File != nil && strings.HasSuffix(m.File.Name, ".ics") {
			files = append(files, m)
		}
	}
	if len(files) != 1 || files[0].File.Name != name || !strings.Contains(files[0].Text, caption) {
		t.Fatalf("calendar files to %d: %+v, want one %s with %q", chat, files, name, caption)
	}
	for _, line := range want {
		if !strings.Contains(string(files[0].File.Data), line+"\r\n") {
			t.Errorf("%s lacks %q:\n%s", name, line, files[0].File.Data)
		}
	}
}

// TestEvents_OnePlace: a training for one reads "1 place" in its preview
// (it read "1 places").
func TestEvents_OnePlace(t *testing.T) {
	e, _ := announceEnv(t)
	eventSteps(e, coordUNMA, "/newevent", "Office hours", "Thursday at 5pm", "1 h", "meet.example.edu/office", "ev:aud:teachers")
	if got := lastTo(t, e.Text(coordUNMA, 0, "1"), coordUNMA.ID).Text; !strings.Contains(got, "🎟️ 1 place\n") {
		t.Errorf("the preview of a training for one = %q", got)
	}
}

// TestEvents_AskedWithTitleAndWhen: "crea una formación sobre rúbricas
// el jueves a las 5" begins /newevent with its title and, named after it,
// its day and time, said back above the next step (the length); "quiero
// organizar un taller sobre foros calificados" with its title, the day
// asked next. They got suggestions of articles (seen in the sandbox).
// The preview has what was said.
func TestEvents_AskedWithTitleAndWhen(t *testing.T) {
	e, _ := announceEnv(t)
	es := htest.Person(coordUNMA.ID, "es")
	e.Text(coordUNMA, 0, "/language")
	e.Press(coordUNMA, 0, 0, "lang:es")
	got := texts(e.Text(es, 0, "crea una formación sobre rúbricas el jueves a las 5"))
	if !strings.Contains(got, "🎓 «rúbricas» · jue 12 mar, 17:00") || !strings.Contains(got, "¿Cuánto dura?") {
		t.Fatalf("\"crea una formación sobre rúbricas el jueves a las 5\": %q, want the title and the day said, the length asked", got)
	}
	eventSteps(e, es, "1 h", "meet.example.edu/r", "ev:aud:teachers")
	if got := lastTo(t, e.Text(es, 0, "sin límite"), coordUNMA.ID).Text; !strings.Contains(got, "rúbricas") || !strings.Contains(got, "jue 12 mar") {
		t.Errorf("the preview of the training asked for in words: %q", got)
	}
	e.Text(es, 0, "/cancel") // the draft dropped
	got = texts(e.Text(es, 0, "quiero organizar un taller sobre foros calificados"))
	if !strings.Contains(got, "Título: «foros calificados»") || !strings.Contains(got, "¿Cuándo es?") {
		t.Errorf("\"quiero organizar un taller sobre foros calificados\": %q, want the title said, the day asked", got)
	}
}

// TestEvents_AskedBySeveralUniversities: the title and the day said in
// the request of someone who organises for several universities wait
// for the university chosen, then are taken as for one (they were
// dropped, and the title asked again); a university named in the
// request is taken without asking.
func TestEvents_AskedBySeveralUniversities(t *testing.T) {
	e, _ := announceEnv(t)
	e.Text(admin, 0, "/start")
	out := e.Text(admin, 0, "create a training about rubrics on thursday at 5")
	if htest.Buttons(out)["Universidad Nacional de Montealto"] != "ev:u:unma" {
		t.Fatalf("the request of an admin: %q %v, want the universities to choose", texts(out), htest.Buttons(out))
	}
	got := texts(e.PressOn(admin, out[0], "ev:u:unma"))
	if !strings.Contains(got, "“rubrics” · Thu 12 Mar, 17:00") || !strings.Contains(got, "How long") {
		t.Errorf("the university chosen: %q, want the title and the day said, the length asked", got)
	}
	e.Text(admin, 0, "/cancel")
	got = texts(e.Text(admin, 0, "create a training for unvs about forums on friday at 9"))
	if strings.Contains(got, "For which university") || !strings.Contains(got, "“forums”") || !strings.Contains(got, "Fri 13 Mar, 09:00") {
		t.Errorf("a university named: %q, want it taken, the title and day said", got)
	}
}

// TestEvents_NoLimitTyped: "sin límite" typed where the No limit button
// is offered is no limit (it was refused: "Write a number of places…",
// seen in the sandbox).
func TestEvents_NoLimitTyped(t *testing.T) {
	e, _ := announceEnv(t)
	es := htest.Person(coordUNMA.ID, "es")
	e.Text(coordUNMA, 0, "/language")
	e.Press(coordUNMA, 0, 0, "lang:es")
	eventSteps(e, es, "/newevent", "Rúbricas", "jueves 17:00", "1 h", "meet.example.edu/r", "ev:aud:teachers")
	if got := lastTo(t, e.Text(es, 0, "sin límite"), coordUNMA.ID).Text; !strings.Contains(got, "🎟️ sin límite de plazas") {
		t.Errorf("the preview after \"sin límite\": %q", got)
	}
}

// A coordinator creates a training for their teachers: each teacher (and
// nobody else) gets the invitation once, in their language, paced by the
// announcer; an answer is confirmed, the Trainings list in /mentoring
// shows it and changes it in place; an hour before, those attending get
// the link; at its end they are asked how it went, and a day after the
// coordinator gets the figures with what they said.
func TestEvents_CreateInviteAnswerRemind(t *testing.T) {
	e, a := announceEnv(t)
	e.Text(coordUNMA, 0, "/newevent")
	msgs := e.Text(coordUNMA, 0, "Moodle quizzes")
	if got := lastTo(t, msgs, coordUNMA.ID).Text; !strings.Contains(got, "When is it?") {
		t.Fatalf("after the title: %q", got)
	}
	msgs = e.Text(coordUNMA, 0, "2026-03-09 17:00")
	if got := lastTo(t, msgs, coordUNMA.ID).Text; !strings.Contains(got, "That time has passed") {
		t.Errorf("past time answer = %q", got)
	}
	msgs = e.Text(coordUNMA, 0, "Thursday at 5pm") // as people type it (aulabot.TypedWhen): the 12th
	if b := htest.Buttons(msgs); !strings.Contains(lastTo(t, msgs, coordUNMA.ID).Text, "How long is it?") || b["90 min"] != "ev:len:90" {
		t.Errorf("after the time: %q %v", lastTo(t, msgs, coordUNMA.ID).Text, b)
	}
	if got := lastTo(t, e.Text(coordUNMA, 0, "all afternoon"), coordUNMA.ID).Text; !strings.Contains(got, "I could not read the length") {
		t.Errorf("a length not read: %q", got)
	}
	if got := lastTo(t, e.Text(coordUNMA, 0, "10 h"), coordUNMA.ID).Text; !strings.Contains(got, "from 15 min to 8 h") {
		t.Errorf("a length too long: %q", got)
	}
	e.Text(coordUNMA, 0, "1 h") // typed as a length (aulabot.TypedMinutes)
	msgs = e.Text(coordUNMA, 0, "ftp://meet.example.edu/quiz")
	if got := lastTo(t, msgs, coordUNMA.ID).Text; !strings.Contains(got, "not a valid link") {
		t.Errorf("ftp link answer = %q", got)
	}
	e.Text(coordUNMA, 0, "meet.example.edu/quiz") // read as https:// (aulabot.TypedLink)
	msgs = e.Press(coordUNMA, 0, 0, "ev:aud:teachers")
	if got := lastTo(t, msgs, coordUNMA.ID).Text; !strings.Contains(got, "<b>3</b> people will be invited") {
		t.Errorf("audience answer = %q", got)
	}
	msgs = e.Text(coordUNMA, 0, "0")
	if got := lastTo(t, msgs, coordUNMA.ID).Text; !strings.Contains(got, "from 1 to") {
		t.Errorf("capacity 0 answer = %q", got)
	}
	msgs = e.Text(coordUNMA, 0, "2 plazas") // as people type it (aulabot.TypedCount)
	if got := lastTo(t, msgs, coordUNMA.ID).Text; !strings.Contains(got, "Moodle quizzes") || !strings.Contains(got, "2 places") || !strings.Contains(got, "Thu 12 Mar, 17:00–18:00 (Lima time)") {
		t.Errorf("preview = %q", got)
	}
	msgs = e.Press(coordUNMA, 0, 0, "ev:ok")
	if got := lastTo(t, msgs, coordUNMA.ID).Text; !strings.Contains(got, "Training 1 created: <b>3</b> people") {
		t.Errorf("created answer = %q", got)
	}
	run(t, e, a)
	for _, id := range []int64{7100, 7101, 7102} {
		got := e.Sent(id)
		if n := countWith(got, "Formación en directo: Moodle quizzes"); n != 1 {
			t.Errorf("teacher %d got the Spanish invitation %d times: %+v", id, n, got)
		}
	}
	for _, id := range []int64{7200, 7201, 7300} {
		if n := countWith(e.Sent(id), "Moodle quizzes"); n != 0 {
			t.Errorf("%d, not invited, got it", id)
		}
	}
	if n := countWith(e.Sent(coordUNMA.ID), "Announcement"); n != 0 {
		t.Errorf("the coordinator got %d announcement progress messages for the invitations", n)
	}
	teacher := htest.Person(7100, "es")
	inv := e.Sent(7100)[len(e.Sent(7100))-1]
	if b := htest.Buttons([]aulabot.Message{inv}); b["✅ Asistiré"] != "ev:a:1:y" || b["❌ Esta vez no"] != "ev:a:1:n" {
		t.Errorf("invitation buttons = %v", b)
	}
	msgs = e.Press(teacher, 0, 0, "ev:a:1:y")
	if find(to(msgs, 7100), "Le esperamos en <b>Moodle quizzes</b>") == nil {
		t.Errorf("attend answer = %q", texts(msgs))
	}
	// The training for the calendar, as a mentoring session's: an hour
	// from its start, with its link.
	calendar(t, msgs, 7100, "training-1.ics", "📎 La formación para su calendario.",
		"METHOD:PUBLISH", "UID:event-1@aulabot", "SEQUENCE:0", "DTSTART:20260312T220000Z", "DTEND:20260312T230000Z",
		"SUMMARY:Formación: Moodle quizzes", "URL:https://meet.example.edu/quiz")
	e.Press(htest.Person(7101, "es"), 0, 0, "ev:a:1:y")
	msgs = e.Press(htest.Person(7102, "es"), 0, 0, "ev:a:1:y")
	if got := lastTo(t, msgs, 7102); !strings.Contains(got.Text, "está completa (plazas: 2)") || htest.Buttons(msgs)["⏳ Unirse a la lista de espera"] != "ev:w:1" {
		t.Errorf("third teacher, capacity 2: %+v", got)
	}

	// /mentoring has the Trainings button; the list shows the answer and
	// changes it in place.
	msgs = e.Text(teacher, 0, "/mentoring")
	if b := htest.Buttons(msgs); b["🎓 Formaciones"] != "ev:l" {
		t.Errorf("/mentoring buttons = %v", b)
	}
	msgs = e.Press(teacher, 0, 0, "ev:l")
	list := lastTo(t, msgs, 7100)
	if !strings.Contains(list.Text, "1. Moodle quizzes") || !strings.Contains(list.Text, "✅ Asistirá") || htest.Buttons(msgs)["❌ No iré a la 1"] != "ev:c:1:n" {
		t.Errorf("list = %+v", list)
	}
	msgs = e.Press(teacher, 0, 4242, "ev:c:1:n")
	edited := lastTo(t, msgs, 7100)
	if edited.EditMessageID != 4242 || !strings.Contains(edited.Text, "❌ No asistirá") {
		t.Errorf("after changing on the list: %+v", edited)
	}
	// Not going after all: the file that takes it off the calendar.
	calendar(t, msgs, 7100, "training-1.ics", "📎 Si la agregó a su calendario, este archivo la quita.", "METHOD:CANCEL", "UID:event-1@aulabot", "STATUS:CANCELLED")
	// The place freed goes to the third teacher.
	msgs = e.Press(htest.Person(7102, "es"), 0, 0, "ev:a:1:y")
	if find(to(msgs, 7102), "Le esperamos") == nil {
		t.Errorf("third teacher after a place was freed: %q", texts(msgs))
	}
	e.Deliver()

	// An hour before: the reminder with the link, to those attending.
	e.Advance(time.Date(2026, 3, 12, 21, 0, 0, 0, time.UTC).Sub(e.Now()))
	if err := e.H.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}
	e.Deliver()
	for id, want := range map[int64]int{7100: 0, 7101: 1, 7102: 1} {
		got := e.Sent(id)
		if n := countWith(got, "empieza en una hora"); n != want {
			t.Errorf("%d got %d reminders, want %d", id, n, want)
		}
		if want == 1 && got[len(got)-1].Inline[0][0].URL != "https://meet.example.edu/quiz" {
			t.Errorf("%d's reminder has no link: %+v", id, got[len(got)-1])
		}
	}
	// At its end (an hour long), those attending are asked how it went;
	// a day after, the figures.
	e.Advance(2 * time.Hour)
	if err := e.H.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}
	e.Deliver()
	for id, want := range map[int64]int{7100: 0, 7101: 1, 7102: 1} {
		if n := countWith(e.Sent(id), "¿Qué tal le pareció?"); n != want {
			t.Errorf("%d was asked how it went %d times, want %d", id, n, want)
		}
	}
	if n := countWith(e.Sent(coordUNMA.ID), "invited: 3"); n != 0 {
		t.Errorf("the figures came at the end, before anyone could say how it went: %+v", e.Sent(coordUNMA.ID))
	}
	e.Press(htest.Person(7101, "es"), 0, 0, "ev:f:1:4")
	e.Advance(service.EventSummaryAfter)
	if err := e.H.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}
	e.Deliver()
	if n := countWith(e.Sent(coordUNMA.ID), "invited: 3 · said they would come: 2 · said no: 1 · no answer: 0.\n📝 After it: said they came: 1 · ⭐ mean: 4 · could not come: 0 · no answer yet: 1."); n != 1 {
		t.Errorf("coordinator got the figures %d times: %+v", n, e.Sent(coordUNMA.ID))
	}
}

// Only coordinators create trainings; a student answering an event for
// teachers is refused and nothing changes.
func TestEvents_Permissions(t *testing.T) {
	e, a := announceEnv(t)
	student := htest.Person(7200, "en")
	msgs := e.Text(student, 0, "/newevent")
	if got := lastTo(t, msgs, student.ID).Text; !strings.Contains(strings.ToLower(got), "coordinator") {
		t.Errorf("student /newevent = %q", got)
	}
	createTraining(t, e, "")
	run(t, e, a)
	e.Press(student, 0, 0, "ev:a:1:y")
	if got := e.LastAnswer().Text; !strings.Contains(got, "does not exist or is not for you") {
		t.Errorf("student answering a teachers' event = %q", got)
	}
	for _, data := range []string{"ev:w:1", "ev:lw:1"} {
		e.Press(student, 0, 0, data)
		if got := e.LastAnswer().Text; !strings.Contains(got, "does not exist or is not for you") {
			t.Errorf("student joining a teachers' event's waitlist (%s) = %q", data, got)
		}
	}
	msgs = e.Press(student, 0, 0, "ev:l")
	if got := lastTo(t, msgs, student.ID).Text; !strings.Contains(got, "no upcoming trainings") {
		t.Errorf("student's list = %q", got)
	}
}

// /announce cancel stops announcements, not a training's invitations.
func TestEvents_AnnounceCancelLeavesInvitations(t *testing.T) {
	e, _ := announceEnv(t)
	createTraining(t, e, "")
	msgs := e.Text(coordUNMA, 0, "/announce cancel")
	if got := lastTo(t, msgs, coordUNMA.ID).Text; !strings.Contains(got, "no running or scheduled announcement") {
		t.Errorf("/announce cancel with only a training running = %q", got)
	}
}

// A coordinator calls a training off from /events: the button asks
// first (No, keep it shows the list again), then those who said they
// would attend are told once, in their language, the invitations not yet
// sent stay unsent, the reminder and the figures never come, an
// invitation pressed afterwards is refused, the lists leave it out and
// the report does not count it. It cannot be cancelled twice.
func TestEvents_Cancel(t *testing.T) {
	e, a := announceEnv(t)
	msgs := e.Text(coordUNMA, 0, "/events")
	if got := lastTo(t, msgs, coordUNMA.ID).Text; !strings.Contains(got, "no upcoming trainings you can manage") {
		t.Errorf("/events with none = %q", got)
	}
	createTraining(t, e, "")
	e.Deliver()
	// Two of the three teachers got their invitation and say they will
	// come; the third's is still queued when the training is cancelled.
	if err := a.Step(); err != nil {
		t.Fatal(err)
	}
	e.Deliver()
	invited := 0
	for _, id := range []int64{7100, 7101, 7102} {
		if countWith(e.Sent(id), "Moodle quizzes") == 1 {
			invited++
			e.Press(htest.Person(id, "es"), 0, 0, "ev:a:1:y")
		}
	}
	if invited != 2 {
		t.Fatalf("%d teachers invited after one step of 2, want 2", invited)
	}
	e.Deliver()

	msgs = e.Text(coordUNMA, 0, "/events")
	list := lastTo(t, msgs, coordUNMA.ID)
	if !strings.Contains(list.Text, "1. Moodle quizzes") || !strings.Contains(list.Text, "invited: 3 · ✅ attending: 2") || htest.Buttons(msgs)["⚙️ Manage 1"] != "ev:ed:1" {
		t.Fatalf("/events = %q %v", list.Text, htest.Buttons(msgs))
	}
	msgs = e.Press(coordUNMA, 0, 900, "ev:ed:1")
	if panel := lastTo(t, msgs, coordUNMA.ID); panel.EditMessageID != 900 || len(panel.Inline) != 4 || len(panel.Inline[2]) != 1 || panel.Inline[2][0].Data != "ev:cx:1" || panel.Inline[3][0].Data != "ev:m" {
		t.Fatalf("the panel's buttons: %+v (Cancel on a row of its own, before Back)", panel.Inline)
	}
	msgs = e.Press(coordUNMA, 0, 900, "ev:cx:1")
	ask := lastTo(t, msgs, coordUNMA.ID)
	if ask.EditMessageID != 900 || !strings.Contains(ask.Text, "The 2 people who said they would attend will be told") ||
		htest.Buttons(msgs)["❌ Yes, cancel it"] != "ev:cy:1" || htest.Buttons(msgs)["↩️ No, keep it"] != "ev:m" {
		t.Fatalf("Cancel asks %+v", ask)
	}
	// A yes typed, or the button's words, call nothing off: the yes is
	// pointed to the button.
	e.Text(coordUNMA, 0, "/start") // greeted
	if out := e.Text(coordUNMA, 0, "yes"); htest.Buttons(out)["❌ Yes, cancel it"] != "ev:cy:1" {
		t.Errorf("yes typed under the question: %q %v", texts(out), htest.Buttons(out))
	}
	if out := texts(e.Text(coordUNMA, 0, "yes, cancel it")); strings.Contains(out, "cancelled") {
		t.Errorf("the button's words typed called the training off: %q", out)
	}
	msgs = e.Press(coordUNMA, 0, 900, "ev:m")
	if back := lastTo(t, msgs, coordUNMA.ID); back.EditMessageID != 900 || !strings.Contains(back.Text, "1. Moodle quizzes") {
		t.Errorf("No, keep it shows %+v", back)
	}
	msgs = e.Press(coordUNMA, 0, 900, "ev:cy:1")
	if got := lastTo(t, msgs, coordUNMA.ID); got.EditMessageID != 900 || !strings.Contains(got.Text, "cancelled. 2 people who said they would attend are being told") {
		t.Errorf("cancelled answer = %+v", got)
	}
	e.Deliver()
	run(t, e, a)
	for _, id := range []int64{7100, 7101, 7102} {
		sent := e.Sent(id)
		notices, invitations := countWith(sent, "Se canceló la formación <b>Moodle quizzes</b>"), countWith(sent, "Formación en directo: Moodle quizzes")
		if invitations == 1 && notices != 1 || invitations == 0 && notices != 0 {
			t.Errorf("teacher %d: %d invitations, %d cancellation notices", id, invitations, notices)
		}
		// The notice takes it off the calendar it was added to.
		if m := find(sent, "Se canceló la formación"); m != nil && (m.File == nil || !strings.Contains(string(m.File.Data), "METHOD:CANCEL\r\n") ||
			!strings.Contains(string(m.File.Data), "UID:event-1@aulabot\r\n")) {
			t.Errorf("teacher %d's cancellation notice has no cancellation file: %+v", id, m.File)
		}
	}
	silent := 0
	for _, id := range []int64{7100, 7101, 7102} {
		if countWith(e.Sent(id), "Moodle quizzes") == 0 {
			silent++
		}
	}
	if silent != 1 {
		t.Errorf("%d teachers heard nothing of the training, want 1: the invitation still queued was not sent", silent)
	}
	e.Press(htest.Person(7100, "es"), 0, 0, "ev:a:1:n")
	if got := e.LastAnswer(); !got.Alert || !strings.Contains(got.Text, "«Moodle quizzes» se canceló") {
		t.Errorf("an invitation pressed after the cancellation: %+v", got)
	}
	if got := lastTo(t, e.Text(htest.Person(7100, "es"), 0, "/trainings"), 7100).Text; !strings.Contains(got, "No hay formaciones próximas") {
		t.Errorf("/trainings after the cancellation = %q", got)
	}
	if got := lastTo(t, e.Text(coordUNMA, 0, "/events"), coordUNMA.ID).Text; !strings.Contains(got, "no upcoming trainings you can manage") {
		t.Errorf("/events after the cancellation = %q", got)
	}
	e.Press(coordUNMA, 0, 900, "ev:cy:1")
	if got := e.LastAnswer(); !got.Alert || !strings.Contains(got.Text, "was cancelled") {
		t.Errorf("cancelled twice: %+v", got)
	}
	// Neither the reminder nor the figures come.
	e.Advance(time.Date(2026, 3, 12, 23, 30, 0, 0, time.UTC).Sub(e.Now()))
	if err := e.H.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}
	e.Deliver()
	for _, id := range []int64{7100, 7101, 7102, coordUNMA.ID} {
		if n := countWith(e.Sent(id), "empieza en una hora") + countWith(e.Sent(id), "said they would come"); n != 0 {
			t.Errorf("%d got %d reminders or figures of a cancelled training", id, n)
		}
	}
}

// Only the training's university's coordinators and admins may call it
// off: anyone else is answered as for one that does not exist, and
// nothing changes; once it has started it can no longer be cancelled.
func TestEvents_CancelPermissions(t *testing.T) {
	e, a := announceEnv(t)
	createTraining(t, e, "")
	run(t, e, a)
	e.Press(htest.Person(7101, "es"), 0, 0, "ev:a:1:y")
	if got := lastTo(t, e.Text(coordUNVS, 0, "/events"), coordUNVS.ID).Text; strings.Contains(got, "Moodle quizzes") {
		t.Errorf("unvs's coordinator sees unma's training: %q", got)
	}
	for _, p := range []aulabot.Person{coordUNVS, htest.Person(7100, "es")} {
		e.Press(p, 0, 0, "ev:cy:1")
		if got := e.LastAnswer(); !got.Alert {
			t.Errorf("%d cancelling unma's training: %+v, want a refusal", p.ID, got)
		}
	}
	if got := lastTo(t, e.Text(htest.Person(7101, "es"), 0, "/trainings"), 7101).Text; !strings.Contains(got, "Moodle quizzes") {
		t.Errorf("the training is gone after refused cancellations: %q", got)
	}
	if got := lastTo(t, e.Text(admin, 0, "/events"), admin.ID).Text; !strings.Contains(got, "Moodle quizzes") {
		t.Errorf("the admin's /events = %q", got)
	}
	e.Advance(time.Date(2026, 3, 12, 22, 5, 0, 0, time.UTC).Sub(e.Now()))
	e.Press(coordUNMA, 0, 0, "ev:cy:1")
	if got := e.LastAnswer(); !got.Alert || !strings.Contains(got.Text, "has started: it can no longer be cancelled") {
		t.Errorf("cancelling a training that started: %+v", got)
	}
}

// A coordinator changes a training's link and its time from /events:
// answers and places stay; those attending (and only they) are told the
// new link with its button, then the new time; the reminder comes an
// hour before the new time, not the old one, with the new link, and
// again before a later time after it had gone. A bad value keeps the
// flow waiting, the same value changes nothing and tells nobody; another
// university's coordinator is refused.
func TestEvents_Change(t *testing.T) {
	e, a := announceEnv(t)
	createTraining(t, e, "")
	run(t, e, a)
	for _, id := range []int64{7100, 7101} {
		e.Press(htest.Person(id, "es"), 0, 0, "ev:a:1:y")
	}
	e.Deliver()
	before := map[int64]int{}
	for _, id := range []int64{7100, 7101, 7102} {
		before[id] = len(e.Sent(id))
	}
	tick := func(at time.Time) {
		t.Helper()
		e.Advance(at.Sub(e.Now()))
		if err := e.H.Tick(context.Background()); err != nil {
			t.Fatal(err)
		}
		e.Deliver()
	}

	msgs := e.Text(coordUNMA, 0, "/events")
	if b := htest.Buttons(msgs); b["⚙️ Manage 1"] != "ev:ed:1" {
		t.Fatalf("/events buttons = %v", b)
	}
	msgs = e.Press(coordUNMA, 0, 900, "ev:ed:1")
	if b := htest.Buttons(msgs); lastTo(t, msgs, coordUNMA.ID).EditMessageID != 900 || b["🕒 Date and time"] != "ev:et:1" || b["🔗 Link"] != "ev:el:1" || b["↩️ Back"] != "ev:m" {
		t.Fatalf("Change asks %+v", msgs)
	}
	e.Press(coordUNVS, 0, 0, "ev:el:1")
	if got := e.LastAnswer(); !got.Alert {
		t.Errorf("unvs's coordinator changing unma's training: %+v", got)
	}
	e.Press(coordUNMA, 0, 900, "ev:el:1")
	if got := lastTo(t, e.Text(coordUNMA, 0, "ftp://meet.example.edu/x"), coordUNMA.ID).Text; !strings.Contains(got, "not a valid link") {
		t.Errorf("a bad link: %q", got)
	}
	msgs = e.Text(coordUNMA, 0, "https://meet.example.edu/room-2")
	if got := lastTo(t, msgs, coordUNMA.ID).Text; !strings.Contains(got, "2 people who said they would attend are being told") {
		t.Errorf("link changed: %q", got)
	}
	e.Press(coordUNMA, 0, 900, "ev:el:1")
	if got := lastTo(t, e.Text(coordUNMA, 0, "https://meet.example.edu/room-2"), coordUNMA.ID).Text; !strings.Contains(got, "nothing changed and nobody was told") {
		t.Errorf("the same link again: %q", got)
	}
	e.Deliver()
	for id, want := range map[int64]int{7100: 1, 7101: 1, 7102: 0} {
		got := e.Sent(id)[before[id]:]
		if n := countWith(got, "tiene un enlace nuevo"); n != want || want == 1 && got[len(got)-1].Inline[0][0].URL != "https://meet.example.edu/room-2" {
			t.Errorf("%d got %d notices of the new link, want %d: %+v", id, n, want, got)
		}
	}

	e.Press(coordUNMA, 0, 900, "ev:ed:1")
	e.Press(coordUNMA, 0, 900, "ev:et:1")
	if got := lastTo(t, e.Text(coordUNMA, 0, "2026-03-09 10:00"), coordUNMA.ID).Text; !strings.Contains(got, "That time has passed") {
		t.Errorf("a past time: %q", got)
	}
	e.Text(coordUNMA, 0, "2026-03-13 18:00")
	e.Deliver()
	// The notice of the new time updates the calendar: the same UID, a
	// later SEQUENCE (the link's change was the first).
	if m := find(e.Sent(7100)[before[7100]:], "ahora es\n🕒 vie 13 mar, 18:00"); m == nil || m.File == nil ||
		!strings.Contains(string(m.File.Data), "UID:event-1@aulabot\r\nSEQUENCE:2\r\n") || !strings.Contains(string(m.File.Data), "DTSTART:20260313T230000Z\r\n") {
		t.Errorf("the new time's notice and its calendar file: %+v", m)
	}
	for id, want := range map[int64]int{7100: 1, 7101: 1, 7102: 0} {
		if n := countWith(e.Sent(id)[before[id]:], "ahora es\n🕒 vie 13 mar, 18:00"); n != want {
			t.Errorf("%d got %d notices of the new time, want %d: %+v", id, n, want, e.Sent(id)[before[id]:])
		}
	}
	if got := lastTo(t, e.Text(htest.Person(7100, "es"), 0, "/trainings"), 7100).Text; !strings.Contains(got, "vie 13 mar, 18:00") {
		t.Errorf("/trainings after the change = %q", got)
	}

	// 17:00 Lima on the 12th was the old time: no reminder an hour before.
	tick(time.Date(2026, 3, 12, 21, 30, 0, 0, time.UTC))
	if n := countWith(e.Sent(7100), "empieza en una hora"); n != 0 {
		t.Errorf("a reminder for the old time: %d", n)
	}
	tick(time.Date(2026, 3, 13, 22, 0, 0, 0, time.UTC))
	for _, id := range []int64{7100, 7101} {
		got := e.Sent(id)
		if n := countWith(got, "empieza en una hora"); n != 1 || got[len(got)-1].Inline[0][0].URL != "https://meet.example.edu/room-2" {
			t.Errorf("%d: %d reminders before the new time, the last %+v", id, n, got[len(got)-1])
		}
	}
	// Moved again after the reminder went: it goes again.
	e.Press(coordUNMA, 0, 900, "ev:et:1")
	e.Text(coordUNMA, 0, "2026-03-14 18:00")
	tick(time.Date(2026, 3, 14, 22, 0, 0, 0, time.UTC))
	if n := countWith(e.Sent(7101), "empieza en una hora"); n != 2 {
		t.Errorf("reminders after a second move: %d, want 2", n)
	}
	// The question at its end and the figures a day after follow the
	// last time, once.
	tick(time.Date(2026, 3, 15, 0, 5, 0, 0, time.UTC))
	if n := countWith(e.Sent(7101), "¿Qué tal le pareció?"); n != 1 {
		t.Errorf("asked how it went %d times at the end of the last time", n)
	}
	tick(time.Date(2026, 3, 16, 0, 5, 0, 0, time.UTC))
	if n := countWith(e.Sent(coordUNMA.ID), "invited: 3 · said they would come: 2"); n != 1 {
		t.Errorf("the figures came %d times", n)
	}
}

// One person is one person: the counts in the organiser's messages agree
// with them in Spanish (unvs has one teacher).
func TestEvents_OnePerson(t *testing.T) {
	e, a := announceEnv(t)
	eventSteps(e, coordUNVS, "/newevent", "Rúbricas", "2026-03-12 17:00", "una hora", "https://meet.example.edu/r")
	for _, step := range []struct {
		do   func() []aulabot.Message
		want string
	}{
		{func() []aulabot.Message { return e.Press(coordUNVS, 0, 0, "ev:aud:teachers") }, "Se invitará a <b>1</b> persona."},
		{func() []aulabot.Message { return e.Press(coordUNVS, 0, 0, "ev:nolimit") }, "Rúbricas"},
		{func() []aulabot.Message { return e.Press(coordUNVS, 0, 0, "ev:ok") }, "se está invitando a <b>1</b> persona."},
		{func() []aulabot.Message {
			run(t, e, a)
			e.Press(htest.Person(7300, "es"), 0, 0, "ev:a:1:y")
			return e.Press(coordUNVS, 0, 900, "ev:cx:1")
		}, "Se avisará a la persona que dijo que asistiría"},
		{func() []aulabot.Message { return e.Press(coordUNVS, 0, 900, "ev:cy:1") }, "Se está avisando a la persona que dijo que asistiría."},
	} {
		if got := lastTo(t, step.do(), coordUNVS.ID).Text; !strings.Contains(got, step.want) {
			t.Errorf("got %q, want %q", got, step.want)
		}
	}
}

// An invitation in people's chats says what the training now is: after
// a change of time the invitations already sent are edited to the new
// time (with a line saying it moved, and their buttons), the one still
// queued goes out with the new time, a second change before the edits
// went replaces them, and a cancellation edits every invitation into a
// notice without buttons. Nobody outside the audience gets anything.
func TestEvents_InvitationsFollowTheTraining(t *testing.T) {
	e, a := announceEnv(t)
	createTraining(t, e, "")
	if err := a.Step(); err != nil { // room 2: two of the three teachers
		t.Fatal(err)
	}
	e.Deliver()
	var first, queued []int64
	invitation := map[int64]uint64{} // the Telegram message id of each invitation
	for _, id := range []int64{7100, 7101, 7102} {
		for _, m := range e.Sent(id) {
			if strings.Contains(m.Text, "Formación en directo: Moodle quizzes") {
				invitation[id] = m.ID
			}
		}
		if invitation[id] != 0 {
			first = append(first, id)
		} else {
			queued = append(queued, id)
		}
	}
	if len(first) != 2 {
		t.Fatalf("invited after one step: %v, want two", first)
	}
	before := map[int64]int{}
	for _, id := range []int64{7100, 7101, 7102, 7200, 7201} {
		before[id] = len(e.Sent(id))
	}
	move := func(when string, want ...string) {
		t.Helper()
		e.Press(coordUNMA, 0, 900, "ev:ed:1")
		e.Press(coordUNMA, 0, 900, "ev:et:1")
		got := lastTo(t, e.Text(coordUNMA, 0, when), coordUNMA.ID).Text
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("moved to %s: %q, want %q", when, got, w)
			}
		}
	}
	move("2026-03-13 18:00", "Nobody had said they would attend, so there is nobody to tell", "The 2 invitations already sent are being corrected")
	move("2026-03-14 19:00", "The 2 invitations already sent are being corrected")
	run(t, e, a)
	for _, id := range first {
		var edits []aulabot.Message
		for _, m := range e.Sent(id)[before[id]:] {
			if m.EditRef != "" {
				edits = append(edits, m)
			}
		}
		if len(edits) != 1 || edits[0].EditRef != fmt.Sprintf("evinv:1:%d", id) || !strings.Contains(edits[0].Text, "sáb 14 mar, 19:00") ||
			!strings.Contains(edits[0].Text, "Cambió de fecha") || htest.Buttons(edits)["✅ Asistiré"] != "ev:a:1:y" {
			t.Errorf("teacher %d's invitation edited by %+v, want one edit to the last time with its buttons", id, edits)
		}
		if chat, msg, ok := e.Store.Ref(fmt.Sprintf("evinv:1:%d", id)); !ok || chat != id || uint64(msg) != invitation[id] {
			t.Errorf("teacher %d: the invitation's ref names %d/%d (%v), want message %d", id, chat, msg, ok, invitation[id])
		}
	}
	for _, id := range queued {
		got := e.Sent(id)[before[id]:]
		if n := countWith(got, "Formación en directo: Moodle quizzes"); n != 1 || !strings.Contains(got[0].Text, "sáb 14 mar, 19:00") ||
			strings.Contains(got[0].Text, "Cambió de fecha") || got[0].EditRef != "" {
			t.Errorf("the queued teacher %d got %+v, want the invitation with the new time", id, got)
		}
	}
	e.Press(htest.Person(first[0], "es"), 0, 0, "ev:a:1:y")

	if got := lastTo(t, e.Press(coordUNMA, 0, 900, "ev:cx:1"), coordUNMA.ID).Text; !strings.Contains(got, "The person who said they would attend will be told, the invitations sent will say it was cancelled") {
		t.Errorf("Cancel asks %q", got)
	}
	if got := lastTo(t, e.Press(coordUNMA, 0, 900, "ev:cy:1"), coordUNMA.ID).Text; !strings.Contains(got, "The person who said they would attend is being told.") ||
		!strings.Contains(got, "The 3 invitations already sent are being corrected") {
		t.Errorf("cancelled: %q", got)
	}
	for _, id := range []int64{7100, 7101, 7102} {
		before[id] = len(e.Sent(id))
	}
	run(t, e, a)
	for _, id := range []int64{7100, 7101, 7102} {
		var edit aulabot.Message
		for _, m := range e.Sent(id)[before[id]:] {
			if m.EditRef == fmt.Sprintf("evinv:1:%d", id) {
				edit = m
			}
		}
		if !strings.Contains(edit.Text, "Formación cancelada: Moodle quizzes") || len(edit.Inline) != 0 {
			t.Errorf("teacher %d's invitation after the cancellation: %+v, want the notice without buttons", id, edit)
		}
	}
	for _, id := range []int64{7200, 7201} {
		if got := e.Sent(id)[before[id]:]; len(got) != 0 {
			t.Errorf("student %d got %+v", id, got)
		}
	}
}

// A training cancelled while an invitation is on its way to Telegram:
// the invitation still arrives, and is then edited into the cancellation
// like those sent before, whether or not anyone had been sent one when it
// was cancelled, and also once the others' edits are done; the figures
// count it as sent.
func TestEvents_CancelWhileInvitationOnItsWay(t *testing.T) {
	for _, tc := range []struct {
		before int  // invitations Telegram took before the cancellation
		edited bool // the others' edits are done when the late one arrives
	}{{1, false}, {0, false}, {1, true}} {
		t.Run(fmt.Sprintf("sentBefore=%d,edited=%v", tc.before, tc.edited), func(t *testing.T) {
			e, a := announceEnv(t)
			createTraining(t, e, "")
			e.Deliver()
			if err := a.Step(); err != nil { // two of the three invitations go to the outbox
				t.Fatal(err)
			}
			due := e.Due()
			var onTheWay []aulabot.Message
			for _, m := range due {
				if strings.HasPrefix(m.Ref, "evinv:1:") {
					onTheWay = append(onTheWay, m)
				}
			}
			if len(onTheWay) != 2 {
				t.Fatalf("%d invitations in the outbox, want 2: %+v", len(onTheWay), due)
			}
			for _, m := range onTheWay[:tc.before] {
				e.DeliverNow(m)
			}
			late := onTheWay[tc.before:]
			e.Held = func(m aulabot.Message) bool {
				return slices.ContainsFunc(late, func(l aulabot.Message) bool { return l.ID == m.ID })
			}
			e.Press(coordUNMA, 0, 900, "ev:ed:1")
			e.Press(coordUNMA, 0, 900, "ev:cx:1")
			if got := lastTo(t, e.Press(coordUNMA, 0, 900, "ev:cy:1"), coordUNMA.ID); !strings.Contains(got.Text, "cancelled") {
				t.Fatalf("cancel answered %q", got.Text)
			}
			e.Held = nil
			if tc.edited {
				run(t, e, a)
			}
			for _, m := range late {
				e.DeliverNow(m) // Telegram took it after the cancellation
			}
			run(t, e, a)
			for _, m := range onTheWay {
				edits := 0
				for _, s := range e.Sent(m.ChatID) {
					if s.EditRef == m.Ref && strings.Contains(s.Text, "Formación cancelada: Moodle quizzes") && len(s.Inline) == 0 {
						edits++
					}
				}
				if edits != 1 {
					t.Errorf("teacher %d got %d edits of their invitation into the cancellation, want 1", m.ChatID, edits)
				}
			}
			var cp aulabot.Campaign
			if err := e.Store.View(func(tx *store.Tx) (err error) { cp, _, err = tx.Campaign(1); return err }); err != nil {
				t.Fatal(err)
			}
			if want := (aulabot.CampaignCounts{Total: 3, Sent: 2, Cancelled: 1}); cp.Counts != want {
				t.Errorf("the invitations' figures: %+v, want %+v", cp.Counts, want)
			}
		})
	}
}

// Each step of /newevent takes the buttons off the message pressed once
// it is done: the university, the length, the audience, No limit, Create
// and invite, Discard.
func TestEvents_PressedButtonsGo(t *testing.T) {
	e, _ := announceEnv(t)
	// draft takes the coordinator to the audience's question.
	draft := func() aulabot.Message {
		t.Helper()
		e.Text(coordUNMA, 0, "/newevent")
		e.Text(coordUNMA, 0, "Moodle quizzes")
		length := lastTo(t, e.Text(coordUNMA, 0, "2026-03-12 17:00"), coordUNMA.ID)
		if out := e.Press(coordUNMA, 0, int(length.ID), "ev:len:120"); !buttonsOff(out, length.ID) {
			t.Errorf("the length buttons stay after the pick: %+v", out)
		}
		return lastTo(t, e.Text(coordUNMA, 0, "https://meet.example.edu/quiz"), coordUNMA.ID)
	}
	aud := draft()
	capacity := lastTo(t, e.Press(coordUNMA, 0, int(aud.ID), "ev:aud:teachers"), coordUNMA.ID)
	if !buttonsOff(e.Sent(coordUNMA.ID), aud.ID) {
		t.Errorf("the audience buttons stay after the pick")
	}
	out := e.Press(coordUNMA, 0, int(capacity.ID), "ev:nolimit")
	if !buttonsOff(out, capacity.ID) {
		t.Errorf("No limit stays after it was pressed: %+v", out)
	}
	preview := lastTo(t, out, coordUNMA.ID)
	// The preview keeps the draft and loses its question once answered.
	edited := func(out []aulabot.Message, id uint64, done string) {
		t.Helper()
		m := find(out, "Moodle quizzes")
		if m == nil || m.EditMessageID != int(id) || strings.Contains(m.Text, "send the invitations?") || !strings.Contains(m.Text, done) {
			t.Errorf("the preview after the press, want the draft and %q: %+v", done, out)
		}
	}
	out = e.Press(coordUNMA, 0, int(preview.ID), "ev:ok")
	if !buttonsOff(out, preview.ID) {
		t.Errorf("Create and invite stays after the training was created: %+v", out)
	}
	edited(out, preview.ID, "Thu 12 Mar")
	if find(out, "Training 1 created") == nil {
		t.Errorf("no word of the training created: %+v", out)
	}
	aud = draft()
	e.Press(coordUNMA, 0, int(aud.ID), "ev:aud:teachers")
	preview = lastTo(t, e.Text(coordUNMA, 0, "20"), coordUNMA.ID)
	out = e.Press(coordUNMA, 0, int(preview.ID), "ev:x")
	if !buttonsOff(out, preview.ID) {
		t.Errorf("the preview's buttons stay after Discard: %+v", out)
	}
	edited(out, preview.ID, "Training discarded: nobody was invited")
	unis := lastTo(t, e.Text(admin, 0, "/newevent"), admin.ID)
	if out := e.Press(admin, 0, int(unis.ID), "ev:u:unma"); !buttonsOff(out, unis.ID) {
		t.Errorf("the university buttons stay after the pick: %+v", out)
	}
}

// TestEvents_WriteToAttending: an organiser writes to those who said
// they would attend (the panel's 💬, before the training; after it,
// /events lists the last week's with 💬): words, or a file as sent, each
// in a message naming the training in their language; those who
// declined or did not answer get nothing. Another university's
// coordinator cannot; a week after, the list leaves it and a press is
// refused with /announce named; nothing written keeps the step waiting.
// Until 5 December an organiser could reach those attending only by an
// announcement to everyone.
func TestEvents_WriteToAttending(t *testing.T) {
	e, a := announceEnv(t)
	createTraining(t, e, "")
	run(t, e, a)
	if b := htest.Buttons(e.Press(coordUNMA, 0, 900, "ev:ed:1")); b["💬 Write to those attending (2)"] != "" || b["💬 Write to the person attending (1)"] != "" {
		t.Errorf("the panel offers to write with nobody attending: %v", b)
	}
	e.Press(htest.Person(7100, "es"), 0, 0, "ev:a:1:y")
	e.Press(htest.Person(7101, "es"), 0, 0, "ev:a:1:y")
	e.Press(htest.Person(7102, "es"), 0, 0, "ev:a:1:n")
	e.Deliver()
	before := map[int64]int{}
	for _, id := range []int64{7100, 7101, 7102, 7200} {
		before[id] = len(e.Sent(id))
	}
	since := func(id int64) []aulabot.Message { return e.Sent(id)[before[id]:] }

	msgs := e.Press(coordUNMA, 0, 900, "ev:ed:1")
	if d := htest.Buttons(msgs)["💬 Write to those attending (2)"]; d != "ev:ew:1" {
		t.Fatalf("the panel: %v", htest.Buttons(msgs))
	}
	e.Press(coordUNVS, 0, 0, "ev:ew:1")
	if got := e.LastAnswer(); !got.Alert {
		t.Errorf("unvs's coordinator writing to unma's training: %+v", got)
	}
	if got := lastTo(t, e.Press(coordUNMA, 0, 900, "ev:ew:1"), coordUNMA.ID).Text; !strings.Contains(got, "Write the message for the 2 people who said they would attend “Moodle quizzes”") {
		t.Fatalf("asked: %q", got)
	}
	if got := lastTo(t, e.Text(coordUNMA, 0, strings.Repeat("x", service.SlotMaxMessage+1)), coordUNMA.ID).Text; !strings.Contains(got, "up to 3000 characters") {
		t.Errorf("too long: %q", got)
	}
	if got := lastTo(t, e.Text(coordUNMA, 0, "Traigan su curso abierto & una <pregunta>"), coordUNMA.ID).Text; !strings.Contains(got, "Sent to the 2 people who said they would attend “Moodle quizzes”") {
		t.Errorf("sent: %q", got)
	}
	e.Deliver()
	for id, want := range map[int64]int{7100: 1, 7101: 1, 7102: 0, 7200: 0} {
		got := since(id)
		if n := countWith(got, "Mensaje de la coordinación sobre la formación <b>«Moodle quizzes»</b>"); n != want || want == 1 && !strings.Contains(got[len(got)-1].Text, "Traigan su curso abierto &amp; una &lt;pregunta&gt;") {
			t.Errorf("%d got %d messages, want %d: %+v", id, n, want, got)
		}
	}

	// After the training: /events lists it among the last days', a file
	// goes as sent, after the line naming the training.
	e.Advance(time.Date(2026, 3, 13, 15, 0, 0, 0, time.UTC).Sub(e.Now()))
	msgs = e.Text(coordUNMA, 0, "/events")
	if d := htest.Buttons(msgs)["💬 Write to those attending 1"]; d != "ev:ew:1" || !strings.Contains(texts(msgs), "From the last 7 days") || !strings.Contains(texts(msgs), "said they would attend: 2") {
		t.Fatalf("/events after the training: %q %v", texts(msgs), htest.Buttons(msgs))
	}
	if msgs := e.Text(coordUNVS, 0, "/events"); htest.Buttons(msgs)["💬 Write to those attending 1"] != "" || htest.Buttons(msgs)["💬 Escribir a los asistentes de la 1"] != "" {
		t.Errorf("unvs's coordinator's /events lists unma's training: %q", texts(msgs))
	}
	e.Press(coordUNMA, 0, 0, "ev:ew:1")
	e.Handle(aulabot.Update{ChatID: coordUNMA.ID, From: coordUNMA, MessageID: 950, Text: "Las diapositivas",
		File: &aulabot.File{ID: "slides", Kind: "document", Name: "quiz.pdf", MIME: "application/pdf", Size: 1000}})
	e.Deliver()
	for _, id := range []int64{7100, 7101} {
		got := since(id)
		if n := len(got); n < 2 || got[n-1].Copy == nil || got[n-1].Copy.MessageID != 950 || !strings.Contains(got[n-2].Text, "«Moodle quizzes»") {
			t.Errorf("%d got the file as %+v", id, got)
		}
	}

	// A week after, it is gone from the list and a press is refused.
	e.Advance(service.EventFollowUp)
	if msgs := e.Text(coordUNMA, 0, "/events"); htest.Buttons(msgs)["💬 Write to those attending 1"] != "" {
		t.Errorf("/events a week after: %v", htest.Buttons(msgs))
	}
	e.Press(coordUNMA, 0, 0, "ev:ew:1")
	if got := e.LastAnswer(); !got.Alert || !strings.Contains(got.Text, "/announce") {
		t.Errorf("a press a week after: %+v", got)
	}
}

// TestEvents_TellAttending: an organiser's words to those coming to a
// training ("avisa a los inscritos de la formación de quizzes que traigan
// su curso abierto") show the message read, the training and how many
// will get it, to confirm with 📨 (they got suggestions of articles, seen
// in the sandbox); a yes typed points to the button, a no typed sends
// nothing.
func TestEvents_TellAttending(t *testing.T) {
	e, a := announceEnv(t)
	createTraining(t, e, "")
	run(t, e, a)
	e.Press(htest.Person(7100, "es"), 0, 0, "ev:a:1:y")
	e.Press(htest.Person(7101, "es"), 0, 0, "ev:a:1:y")
	e.Deliver()
	sent := len(e.Sent(7100))

	out := e.Text(coordUNMA, 0, "avisa a los inscritos de la formación de quizzes que traigan su curso abierto")
	if m := find(out, "Shall I send this message to the 2 people who said they would attend “Moodle quizzes”"); m == nil ||
		!strings.Contains(m.Text, "“traigan su curso abierto”") || htest.Buttons(out)["📨 Yes, send it"] != "ev:wy:1" || htest.Buttons(out)["✖️ No"] != "ev:wn:1" {
		t.Fatalf("the message asked for: %q %v", texts(out), htest.Buttons(out))
	}
	if find(e.Text(coordUNMA, 0, "sí"), "tap the button") == nil {
		t.Error("a yes typed")
	}
	if e.Deliver(); len(e.Sent(7100)) != sent {
		t.Fatalf("sent before the yes: %q", texts(e.Sent(7100)[sent:]))
	}
	if out := e.Press(coordUNMA, 0, 0, "ev:wy:1"); find(out, "Sent to the 2 people who said they would attend “Moodle quizzes”") == nil {
		t.Errorf("the yes: %q", texts(out))
	}
	e.Deliver()
	if got := e.Sent(7100)[sent:]; len(got) != 1 || !strings.Contains(got[0].Text, "«Moodle quizzes»") || !strings.HasSuffix(got[0].Text, "traigan su curso abierto") {
		t.Errorf("an attendee got %q", texts(got))
	}
	// The only training with people coming, not named; a no typed.
	if find(e.Text(coordUNMA, 0, "tell the people coming to the training that the room changed"), "“the room changed”") == nil {
		t.Fatal("the only training with people coming")
	}
	if find(e.Text(coordUNMA, 0, "no"), "I didn't send it.") == nil {
		t.Error("a no typed")
	}
	if e.Deliver(); strings.Contains(texts(e.Sent(7100)), "room changed") {
		t.Error("sent after a no")
	}
}

// TestEvents_ManagedInWords: an organiser's words that call off or move
// a training named by words of its title ask as its buttons do: "cancela
// la formación de quizzes" asks to confirm (nothing is called off before
// Yes, cancel it), "cambia la formación de quizzes al viernes" asks its
// new day and time; "¿cuántos se inscribieron a la formación de
// quizzes?" is the list with its figures. They got "I don't know" or
// suggestions (seen in the sandbox). A teacher's "cancela la formación de
// quizzes" is their own answer, not the organiser's.
func TestEvents_ManagedInWords(t *testing.T) {
	e, a := announceEnv(t)
	createTraining(t, e, "")
	run(t, e, a)
	list := texts(e.Text(coordUNMA, 0, "/events"))
	e.Text(coordUNMA, 0, "/cancel")
	out := e.Text(coordUNMA, 0, "cancela la formación de quizzes")
	if m := find(out, "Moodle quizzes"); m == nil || htest.Buttons(out)["❌ Yes, cancel it"] != "ev:cy:1" {
		t.Fatalf("the cancellation asked in words: %q %v", texts(out), htest.Buttons(out))
	}
	var ev aulabot.Event
	if err := e.Store.View(func(tx *store.Tx) (err error) { ev, _, err = tx.Event(1); return err }); err != nil || !ev.Cancelled.IsZero() {
		t.Fatalf("called off before the yes (%v)", err)
	}
	e.Text(coordUNMA, 0, "/cancel")
	if find(e.Text(coordUNMA, 0, "cambia la formación de quizzes al viernes a las 5"), "Write the new day and time of <b>Moodle quizzes</b>") == nil {
		t.Error("the move asked in words does not ask its new time")
	}
	e.Text(coordUNMA, 0, "/cancel")
	if got := texts(e.Text(coordUNMA, 0, "¿cuántos se inscribieron a la formación de quizzes?")); got != list {
		t.Errorf("the count asked in words: %q, want the list %q", got, list)
	}
	if got := texts(e.Text(htest.Person(7100, "es"), 0, "cancela la formación de quizzes")); strings.Contains(got, "Yes, cancel it") {
		t.Errorf("a teacher's words: %q", got)
	}
}

// TestEvents_TrainingsAnswerTyped: under /trainings, a button's words
// typed are its press ("asistiré", "no iré a la 1"): "asistiré" got "I
// don't know" and reached /gaps (seen in the sandbox).
func TestEvents_TrainingsAnswerTyped(t *testing.T) {
	e, a := announceEnv(t)
	createTraining(t, e, "")
	run(t, e, a)
	p := htest.Person(7100, "es")
	answer := func() string {
		b := htest.Buttons(e.Text(p, 0, "/trainings"))
		switch {
		case b["❌ No iré a la 1"] != "" && b["✅ Asistiré a la 1"] == "":
			return "yes"
		case b["✅ Asistiré a la 1"] != "" && b["❌ No iré a la 1"] == "":
			return "no"
		}
		return "none"
	}
	e.Text(p, 0, "/trainings")
	if e.Text(p, 0, "asistiré"); answer() != "yes" {
		t.Errorf("\"asistiré\" typed: the answer is %s", answer())
	}
	if e.Text(p, 0, "no iré a la 1"); answer() != "no" {
		t.Errorf("\"no iré a la 1\" typed: the answer is %s", answer())
	}
}

// TestEvents_WaitlistTyped: under /trainings, a full training's
// "⏳ Esperar plaza en la 1" typed puts the person on its waitlist, and a
// place freed later is theirs.
func TestEvents_WaitlistTyped(t *testing.T) {
	e, a := announceEnv(t)
	createTraining(t, e, "1")
	run(t, e, a)
	first, second := htest.Person(7100, "es"), htest.Person(7101, "es")
	e.Press(first, 0, 0, "ev:a:1:y")
	e.Text(second, 0, "/trainings")
	if got := texts(e.Text(second, 0, "esperar plaza en la 1")); !strings.Contains(got, "lista de espera") {
		t.Fatalf("\"esperar plaza en la 1\" typed: %q", got)
	}
	if told := to(e.Press(first, 0, 0, "ev:c:1:n"), second.ID); countWith(told, "Se liberó una plaza") != 1 {
		t.Errorf("the place freed did not reach the one waiting: %+v", told)
	}
}

// TestEvents_TrainingsJoinLink: from the reminder on (an hour before),
// the Trainings list has 🔗 Join for a training one attends, and keeps it
// for an hour after the start, said to be under way and without answer
// buttons, for whoever lost the reminder while the class runs; those who
// did not say yes do not see a started one. Until 5 December the link
// was only in the reminder, and a started training left the list.
func TestEvents_TrainingsJoinLink(t *testing.T) {
	e, a := announceEnv(t)
	createTraining(t, e, "") // 2026-03-12 17:00 Lima: 22:00 UTC
	run(t, e, a)
	yes, none := htest.Person(7100, "es"), htest.Person(7101, "es")
	e.Press(yes, 0, 0, "ev:a:1:y")
	list := func(p aulabot.Person) []aulabot.Message { t.Helper(); return e.Text(p, 0, "/trainings") }
	at := func(h, m int) { e.Advance(time.Date(2026, 3, 12, h, m, 0, 0, time.UTC).Sub(e.Now())) }

	if b := htest.Buttons(list(yes)); b["🔗 Unirse a la 1"] != "" || b["❌ No iré a la 1"] != "ev:c:1:n" {
		t.Errorf("two days before: %v", b)
	}
	at(21, 5) // 16:05 in Lima: the reminder's time
	if out := list(yes); out[len(out)-1].Inline[0][0].URL != "https://meet.example.edu/quiz" || htest.Buttons(out)["❌ No iré a la 1"] != "ev:c:1:n" {
		t.Errorf("an hour before: %+v", out[len(out)-1].Inline)
	}
	if b := htest.Buttons(list(none)); b["🔗 Unirse a la 1"] != "" || b["✅ Asistiré a la 1"] != "ev:c:1:y" {
		t.Errorf("for one who did not answer, an hour before: %v", b)
	}
	at(22, 30) // under way
	out := list(yes)
	if m := out[len(out)-1]; !strings.Contains(m.Text, "Ya empezó") || len(m.Inline) != 1 || len(m.Inline[0]) != 1 || m.Inline[0][0].URL != "https://meet.example.edu/quiz" {
		t.Errorf("under way: %q %+v", m.Text, m.Inline)
	}
	if out := list(none); strings.Contains(texts(out), "Moodle quizzes") {
		t.Errorf("under way, for one who did not answer: %q", texts(out))
	}
	at(23, 1) // an hour after the start: over (its question, asked by a job this test does not run, would list it apart)
	if out := list(yes); strings.Contains(texts(out), "Moodle quizzes") {
		t.Errorf("an hour after the start: %q", texts(out))
	}
}

// TestEvents_InvitationShowsTheAnswer: an answer pressed on the
// invitation leaves it only the button that changes it ("❌ Ya no podré
// ir" after yes, "✅ Al final sí asistiré" after no): with both buttons it
// looked unanswered further up the chat; and its question gives way to
// the answer (since 5 December: "¿Vendrá?" stayed above "❌ Ya no podré
// ir"). The same answer again changes nothing.
func TestEvents_InvitationShowsTheAnswer(t *testing.T) {
	e, a := announceEnv(t)
	createTraining(t, e, "")
	run(t, e, a)
	p := htest.Person(7100, "es")
	inv := e.Sent(p.ID)[len(e.Sent(p.ID))-1]
	var text string
	buttonsAfter := func(data string) [][]aulabot.Button {
		t.Helper()
		for _, m := range e.PressOn(p, inv, data) {
			if m.EditMessageID == int(inv.ID) {
				text = m.Text
				return m.Inline
			}
		}
		return nil
	}
	if got := buttonsAfter("ev:a:1:y"); len(got) != 1 || len(got[0]) != 1 || got[0][0].Text != "❌ Ya no podré ir" || got[0][0].Data != "ev:a:1:n" ||
		!strings.Contains(text, "✅ Dijo que asistirá.") || strings.Contains(text, "¿Vendrá?") {
		t.Errorf("after yes: %q %+v", text, got)
	}
	if got := buttonsAfter("ev:a:1:n"); len(got) != 1 || len(got[0]) != 1 || got[0][0].Text != "✅ Al final sí asistiré" || got[0][0].Data != "ev:a:1:y" ||
		!strings.Contains(text, "❌ Dijo que esta vez no podrá.") {
		t.Errorf("after no: %q %+v", text, got)
	}
	if got := buttonsAfter("ev:a:1:n"); got != nil || e.LastAnswer().Text != "Su respuesta ya estaba guardada." {
		t.Errorf("the same answer again edited the invitation: %+v", got)
	}
	// An answer on the Trainings list changes the invitation too, and
	// the list in place.
	var invitation, list bool
	for _, m := range e.Press(p, 0, 4242, "ev:c:1:y") {
		invitation = invitation || m.EditMessageID == int(inv.ID) && strings.Contains(m.Text, "✅ Dijo que asistirá.") && htest.Buttons([]aulabot.Message{m})["❌ Ya no podré ir"] == "ev:a:1:n"
		list = list || m.EditMessageID == 4242
	}
	if !invitation || !list {
		t.Errorf("an answer on the list edited the invitation: %v, the list: %v", invitation, list)
	}
}

// A full training offers its waitlist: "I'll attend" answers with the
// offer, whose button turns it into the place on the list (and "I'll
// attend" again says the place); the Trainings list shows the place and
// has the list's button for a full one. A place given up goes to the
// first waiting, in their chat with the calendar file, and the message
// that said they wait says it no longer; leaving the list from there
// lets the next one move up.
func TestEvents_Waitlist(t *testing.T) {
	e, a := announceEnv(t)
	createTraining(t, e, "1")
	run(t, e, a)
	first, second, third := htest.Person(7100, "es"), htest.Person(7101, "es"), htest.Person(7102, "es")
	e.Press(first, 0, 0, "ev:a:1:y")
	msgs := e.Press(second, 0, 0, "ev:a:1:y")
	offer := lastTo(t, msgs, second.ID)
	if !strings.Contains(offer.Text, "<b>Moodle quizzes</b> está completa (plazas: 1).") || htest.Buttons(msgs)["⏳ Unirse a la lista de espera"] != "ev:w:1" {
		t.Fatalf("I'll attend on a full training: %+v", offer)
	}
	msgs = e.PressOn(second, offer, "ev:w:1")
	// The invitation says so too (it asked "Will you come?" still).
	invitationSays := func(msgs []aulabot.Message, p aulabot.Person, want string) bool {
		inv := find(e.Sent(p.ID), "¿Vendrá?")
		return inv != nil && slices.ContainsFunc(msgs, func(m aulabot.Message) bool {
			return m.EditMessageID == int(inv.ID) && strings.Contains(m.Text, want)
		})
	}
	if !invitationSays(msgs, second, "⏳ Está en su lista de espera") || htest.Buttons(msgs)["✖️ Salir de la lista de espera"] != "ev:a:1:n" {
		t.Errorf("the invitation of someone who joined the waitlist: %+v", msgs)
	}
	waiting := aulabot.Message{}
	if i := slices.IndexFunc(msgs, func(m aulabot.Message) bool { return m.EditMessageID == int(offer.ID) }); i >= 0 {
		waiting = msgs[i]
	}
	if waiting.EditMessageID != int(offer.ID) || !strings.Contains(waiting.Text, "⏳ Está en la lista de espera de <b>Moodle quizzes</b> (lugar 1).") ||
		htest.Buttons(msgs)["✖️ Salir de la lista de espera"] != "ev:a:1:n" {
		t.Errorf("joined the waitlist: %+v", waiting)
	}
	e.Press(second, 0, 0, "ev:a:1:y")
	if got := e.LastAnswer().Text; got != "Ya está en la lista de espera (lugar 1)." {
		t.Errorf("I'll attend again while waiting: %q", got)
	}

	msgs = e.Press(third, 0, 0, "ev:l")
	if list := lastTo(t, msgs, third.ID); !strings.Contains(list.Text, "🎟️ Completa") || htest.Buttons(msgs)["⏳ Esperar plaza en la 1"] != "ev:lw:1" ||
		htest.Buttons(msgs)["✅ Asistiré a la 1"] != "" {
		t.Errorf("the list of a full training: %+v", list)
	}
	msgs = e.Press(third, 0, 4242, "ev:lw:1")
	if !invitationSays(msgs, third, "⏳ Está en su lista de espera") {
		t.Errorf("the invitation of someone who joined the waitlist from the list: %+v", msgs)
	}
	if list := lastTo(t, msgs, third.ID); list.EditMessageID != 4242 || !strings.Contains(list.Text, "⏳ En la lista de espera (lugar 2)") ||
		htest.Buttons(msgs)["❌ No iré a la 1"] != "ev:c:1:n" || htest.Buttons(msgs)["⏳ Esperar plaza en la 1"] != "" {
		t.Errorf("the list after joining its waitlist: %+v", list)
	}
	if got := e.LastAnswer().Text; got != "⏳ En la lista de espera (lugar 2)" {
		t.Errorf("joined from the list: %q", got)
	}
	if got := lastTo(t, e.Text(coordUNMA, 0, "/events"), coordUNMA.ID).Text; !strings.Contains(got, "✅ attending: 1 · 🎟️ 1 place · ⏳ waiting: 2") {
		t.Errorf("the organiser's list: %q", got)
	}

	// A new time: the message that says the second waits says it too.
	e.Press(coordUNMA, 0, 900, "ev:et:1")
	var moved []aulabot.Message
	for _, m := range e.Text(coordUNMA, 0, "2026-03-13 18:00") {
		if m.ChatID == second.ID && m.EditMessageID == int(offer.ID) {
			moved = append(moved, m)
		}
	}
	if len(moved) != 1 || !strings.Contains(moved[0].Text, "vie 13 mar, 18:00") || !strings.Contains(moved[0].Text, "(lugar 1)") ||
		htest.Buttons(moved)["✖️ Salir de la lista de espera"] != "ev:a:1:n" {
		t.Errorf("the waiting message after a new time: %+v", moved)
	}

	// The first gives up their place: it goes to the second.
	before := len(e.Sent(second.ID))
	e.Press(first, 0, 0, "ev:a:1:n")
	got := e.Sent(second.ID)[before:]
	var promoted *aulabot.Message
	edited := false
	for i, m := range got {
		switch {
		case m.EditMessageID == int(offer.ID):
			edited = strings.Contains(m.Text, "⏫ Se liberó una plaza y es suya: ya no está en la lista de espera.") && len(m.Inline) == 0
		case strings.Contains(m.Text, "⏫ <b>Se liberó una plaza en Moodle quizzes y es suya.</b>"):
			promoted = &got[i]
		}
	}
	if promoted == nil || promoted.File == nil || promoted.File.Name != "training-1.ics" || htest.Buttons([]aulabot.Message{*promoted})["❌ Ya no podré ir"] != "ev:a:1:n" || !edited {
		t.Fatalf("the second after the first gave up (edited the waiting message: %v): %+v", edited, got)
	}
	if find(got, "✅ Dijo que asistirá.") == nil {
		t.Errorf("the second's invitation does not show the place: %+v", got)
	}
	if n := countWith(e.Sent(third.ID), "Se liberó una plaza"); n != 0 {
		t.Errorf("the third, still waiting, was told %d times", n)
	}
	if list := lastTo(t, e.Press(third, 0, 0, "ev:l"), third.ID); !strings.Contains(list.Text, "(lugar 1)") {
		t.Errorf("the third's list after the second took the place: %q", list.Text)
	}

	// The second gives it up in turn, from the message that gave it.
	e.PressOn(second, *promoted, "ev:a:1:n")
	if n := countWith(e.Sent(third.ID), "Se liberó una plaza en Moodle quizzes"); n != 1 {
		t.Errorf("the third was told %d times of the place the second gave up", n)
	}
}

// TestTrainings_AskedInWords: the words that ask to go to a training, or
// not, and name it by its day or a word of its title, answer it at once
// ("inscríbeme en la formación del jueves", "no podré ir a la
// capacitación de quizzes"); naming none, or two, they show the list.
// They got "I don't know" (seen in the sandbox).
func TestTrainings_AskedInWords(t *testing.T) {
	e, a := announceEnv(t)
	createTraining(t, e, "")
	eventSteps(e, coordUNMA, "/newevent", "Rubrics that teach", "2026-03-13 17:00", "ev:len:60", "https://meet.example.edu/rub", "ev:aud:teachers")
	e.Press(coordUNMA, 0, 0, "ev:nolimit")
	e.Press(coordUNMA, 0, 0, "ev:ok")
	e.Advance(time.Minute)
	run(t, e, a)
	e.Advance(time.Minute)
	teacher, other := htest.Person(7100, "es"), htest.Person(7101, "es")
	attending := func(p aulabot.Person) map[string]string { return htest.Buttons(e.Text(p, 0, "/trainings")) }
	if out := texts(e.Text(teacher, 0, "inscríbeme en la formación del jueves")); !strings.Contains(out, "Le esperamos en <b>Moodle quizzes</b>") {
		t.Errorf("\"inscríbeme en la formación del jueves\": %q", out)
	}
	if out := texts(e.Text(teacher, 0, "quiero ir a la capacitación de rubrics")); !strings.Contains(out, "Le esperamos en <b>Rubrics that teach</b>") {
		t.Errorf("\"quiero ir a la capacitación de rubrics\": %q", out)
	}
	if b := attending(teacher); b["❌ No iré a la 1"] == "" || b["❌ No iré a la 2"] == "" {
		t.Errorf("/trainings after both asked for in words: %v", b)
	}
	e.Text(teacher, 0, "no podré ir a la capacitación de quizzes")
	if b := attending(teacher); b["✅ Asistiré a la 1"] == "" || b["❌ No iré a la 2"] == "" {
		t.Errorf("/trainings after \"no podré ir a la capacitación de quizzes\": %v", b)
	}
	if out := e.Text(other, 0, "quiero inscribirme en una capacitación"); !strings.Contains(texts(out), "Próximas formaciones") || strings.Contains(texts(out), "Le esperamos") {
		t.Errorf("a training asked for without naming one: %q, want the list", texts(out))
	}
	// The next one named: the first to come ("inscríbeme en la próxima
	// capacitación" showed the list, seen in the sandbox); all of them
	// named are the list.
	if out := texts(e.Text(other, 0, "quiero inscribirme en las próximas formaciones")); !strings.Contains(out, "Próximas formaciones") || strings.Contains(out, "Le esperamos") {
		t.Errorf("\"las próximas formaciones\": %q, want the list", out)
	}
	if out := texts(e.Text(other, 0, "inscríbeme en la próxima capacitación")); !strings.Contains(out, "Le esperamos en <b>Moodle quizzes</b>") {
		t.Errorf("\"inscríbeme en la próxima capacitación\": %q, want the first to come", out)
	}
	// An organiser's words for the trainings are those they organise
	// ("There are no upcoming trainings for you", seen in the sandbox).
	e.Text(coordUNMA, 0, "/start")
	if got, want := texts(e.Text(coordUNMA, 0, "list the trainings")), texts(e.Text(coordUNMA, 0, "/events")); got != want || !strings.Contains(got, "Rubrics that teach") {
		t.Errorf("a coordinator's \"list the trainings\": %q, want /events's %q", got, want)
	}
	// "remind the training attendees" too ("I don't know", seen in the
	// sandbox, late on 7 December), as "recuérdales a los inscritos…".
	if got, want := texts(e.Text(coordUNMA, 0, "remind the training attendees")), texts(e.Text(coordUNMA, 0, "/events")); got != want {
		t.Errorf("a coordinator's \"remind the training attendees\": %q, want /events's %q", got, want)
	}
}
