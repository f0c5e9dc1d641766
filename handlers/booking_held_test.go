package handlers_test

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers"
	"github.com/aulabot/aulabot/handlers/htest"
	"github.com/aulabot/aulabot/service"
)

// noted books ana (Spanish) a personal session of mentorP's (English) on
// 10 March at 15:00, and has her write to the mentor with ✉️ a minute
// later: the mentor is then shown her note, with ↩️ Answer.
func noted(t *testing.T, e *htest.Env, ana aulabot.Person) aulabot.Slot {
	t.Helper()
	e.Onboard(mentorP, "unma", "teacher")
	s := publish(t, e, mentorP, "2026-03-10 15:00 60 personal")
	e.Onboard(ana, "unma", aulabot.RoleTeacher)
	e.Press(ana, 0, 0, fmt.Sprintf("bk:c:%d", s.ID))
	e.Press(ana, 0, 0, "bk:wm:1")
	e.Advance(time.Minute) // a note is shown when it comes after the last update of whom it is for
	if out := e.Text(ana, 0, "¿Tengo que llevar preguntas preparadas?"); htest.Buttons(to(out, mentorP.ID))["↩️ Answer User41"] != "sl:rp:1" {
		t.Fatalf("ana's note to the mentor: %q %v", texts(out), htest.Buttons(out))
	}
	return s
}

// answers has the mentor answer ana's note with ↩️, a minute after her
// last update.
func answers(e *htest.Env, text string) {
	e.Press(mentorP, 0, 0, "sl:rp:1")
	e.Advance(time.Minute)
	e.Text(mentorP, 0, text)
}

// heldNote checks that out asks whom (in the person's language, with the
// buttons of where) whether what they typed goes to them, replying to
// message replyTo, and that nothing went to anyone else.
func heldNote(t *testing.T, what string, out []aulabot.Message, p aulabot.Person, replyTo int, ask string, buttons map[string]string) {
	t.Helper()
	out = slices.DeleteFunc(out, aulabot.Message.ButtonsOnly)
	if len(out) != 1 || out[0].ChatID != p.ID || out[0].ReplyTo != replyTo || !strings.Contains(out[0].Text, ask) {
		t.Errorf("%s: %q, want only %q to %d", what, texts(out), ask, p.ID)
		return
	}
	if got := htest.Buttons(out); !maps.Equal(got, buttons) {
		t.Errorf("%s: buttons %v, want %v", what, got, buttons)
	}
}

// TestBooking_NoteAnswerTyped: a note delivered (a person's to the
// mentor, the mentor's answer) is answered by typing, without ↩️ or ✉️:
// the words are held and the writer asked whether they go, nothing sent
// yet; words typed meanwhile join them; 📨 Send (or a yes typed) sends
// them as the button's flow would, 🔎 answers them as a question. Once
// answered, or once the writer sees other buttons, words are questions
// again. The mentor's "Yes, bring them" got suggestions of articles, and
// the teacher never got it (seen in the sandbox).
func TestBooking_NoteAnswerTyped(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(41, "es")
	noted(t, e, ana)
	toAna := map[string]string{"📨 Sí, enviar a User4001": "bk:hn:send", "🔎 No, es una pregunta para usted": "bk:hn:ask"}
	toMentor := map[string]string{"📨 Yes, send it to User41": "bk:hn:send", "🔎 No, it's a question for you": "bk:hn:ask"}

	// The mentor answers by typing: held, twice, then sent.
	say := func(p aulabot.Person, id int, text string) []aulabot.Message {
		t.Helper()
		return e.Handle(aulabot.Update{ChatID: p.ID, From: p, MessageID: id, Text: text})
	}
	heldNote(t, "the mentor's answer typed", say(mentorP, 601, "Yes, bring them written down"), mentorP, 601, "Shall I send this message to User41?", toMentor)
	heldNote(t, "more words", say(mentorP, 602, "and your course's link"), mentorP, 602, "Shall I send these 2 messages to User41?", toMentor)
	e.Advance(time.Minute)
	out := e.Press(mentorP, 0, 0, "bk:hn:send")
	has(t, "sent", to(out, mentorP.ID), "Sent to User41")
	has(t, "ana", to(out, ana.ID), "Mensaje de User4001 sobre su mentoría", "Yes, bring them written down\nand your course&#39;s link")
	if b := htest.Buttons(to(out, ana.ID)); b["✉️ Escribir a User4001"] != "bk:wm:1" {
		t.Errorf("ana's note's buttons: %v", b)
	}
	if out := e.Press(mentorP, 0, 0, "bk:hn:send"); len(to(out, ana.ID)) != 0 || !e.LastAnswer().Alert {
		t.Errorf("a stale Send: %q", texts(out))
	}
	if out := e.Text(mentorP, 0, "how do I grade a quiz in moodle"); len(to(out, ana.ID)) != 0 || strings.Contains(texts(out), "Shall I send") {
		t.Errorf("a question after the answer: %q", texts(out))
	}

	// Ana answers it so, with a yes typed for Send; a yes alone is her
	// answer, not ✉️'s press.
	heldNote(t, "a yes typed under the note", say(ana, 603, "sí"), ana, 603, "¿Le envío este mensaje a User4001?", toAna)
	out = e.Text(ana, 0, "envíalo")
	has(t, "sent by a yes", to(out, ana.ID), "Enviado a User4001")
	has(t, "the mentor", to(out, mentorP.ID), "A message from User41", "\n\nsí")

	// A question under the mentor's next note: answered as one.
	answers(e, "Bring your laptop too")
	heldNote(t, "a question", say(ana, 604, "cómo califico una tarea en moodle"), ana, 604, "¿Le envío este mensaje a User4001?", toAna)
	out = e.Press(ana, 0, 0, "bk:hn:ask")
	if len(to(out, mentorP.ID)) != 0 || !slices.ContainsFunc(slices.Collect(maps.Values(htest.Buttons(out))), func(d string) bool { return strings.HasPrefix(d, "kb:") }) {
		t.Errorf("answered as a question: %q %v", texts(out), htest.Buttons(out))
	}

	// A feature asked for while the choice waits: left for it, and said.
	answers(e, "See you on Tuesday")
	heldNote(t, "words", say(ana, 605, "vale"), ana, 605, "¿Le envío este mensaje a User4001?", toAna)
	out = e.Text(ana, 0, "quiero reservar una mentoría")
	if !strings.Contains(texts(out), "No le envié a User4001 lo que escribió") || !strings.Contains(texts(out), "¿Qué tipo de sesión busca?") || len(to(out, mentorP.ID)) != 0 {
		t.Errorf("a feature asked for while the choice waits: %q", texts(out))
	}
	if out := e.Text(ana, 0, "cómo subo un video"); strings.Contains(texts(out), "¿Le envío") {
		t.Errorf("words after leaving the choice: %q", texts(out))
	}
}

// TestBooking_NoteTypedNotHeld: under a note, a button's words typed are
// its press, a greeting alone is a greeting, and once the session is
// over for longer than SlotFollowUp, words are questions:
// nothing is held for a note nobody can answer.
func TestBooking_NoteTypedNotHeld(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(41, "es")
	s := noted(t, e, ana)
	has(t, "the button's word", e.Text(mentorP, 0, "answer"), "Type your answer to User41")
	e.Text(mentorP, 0, "/cancel")
	answers(e, "Sure, bring two")
	if out := e.Text(ana, 0, "hola"); strings.Contains(texts(out), "¿Le envío") {
		t.Errorf("a greeting under the note: %q", texts(out))
	}

	// The mentor's last note, an hour before the session can be written
	// about no more, read two hours later.
	e.Advance(s.End().Add(service.SlotFollowUp - time.Hour).Sub(e.Now()))
	answers(e, "Good luck with the course!")
	e.Advance(2 * time.Hour)
	if out := e.Text(ana, 0, "cómo califico una tarea en moodle"); !strings.Contains(texts(out), "Cómo califico las entregas de una tarea en Moodle") || len(to(out, mentorP.ID)) != 0 {
		t.Errorf("a question a week after the session: %q, want it answered", texts(out))
	}
}

// TestBooking_NoteFileTyped: a file sent under a note is held alone, its
// caption with it: Send copies it to the note's writer, and a file
// without words is kept with the second button (it is no question).
func TestBooking_NoteFileTyped(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(41, "es")
	noted(t, e, ana)
	answers(e, "Send me your rubric, please")
	photo := func(id int, caption string) []aulabot.Message {
		return e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: id, Text: caption, File: &aulabot.File{ID: "ph", Kind: "photo", Size: 1000}})
	}
	heldNote(t, "a photo without words", photo(701, ""), ana, 701, "¿Le envío este mensaje a User4001?",
		map[string]string{"📨 Sí, enviar a User4001": "bk:hn:send", "✖️ No, no lo envíe": "bk:hn:ask"})
	if out := e.Text(ana, 0, "es la de la unidad 2"); !strings.Contains(texts(out), "Elija primero con los botones de arriba") || len(to(out, mentorP.ID)) != 0 {
		t.Errorf("words joining a held file: %q", texts(out))
	}
	out := e.Press(ana, 0, 0, "bk:hn:ask")
	if !strings.Contains(texts(out), "no se lo envié a User4001") || len(to(out, mentorP.ID)) != 0 {
		t.Errorf("a file kept: %q", texts(out))
	}

	answers(e, "Did you find it?")
	heldNote(t, "a photo with words", photo(702, "aquí está"), ana, 702, "¿Le envío este mensaje a User4001?",
		map[string]string{"📨 Sí, enviar a User4001": "bk:hn:send", "🔎 No, es una pregunta para usted": "bk:hn:ask"})
	out = to(e.Press(ana, 0, 0, "bk:hn:send"), mentorP.ID)
	if len(out) != 2 || !strings.Contains(out[0].Text, "A message from User41") || out[1].Copy == nil || out[1].Copy.MessageID != 702 || out[1].Copy.ChatID != ana.ID {
		t.Errorf("the file to the mentor: %+v", out)
	}
	// A voice note is held so too, before it is heard: the mentor gets
	// the note itself.
	answers(e, "Can you tell me more?")
	voice := e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 704, File: &aulabot.File{ID: "vo", Kind: aulabot.FileVoice, Size: 1000}})
	heldNote(t, "a voice note", voice, ana, 704, "¿Le envío este mensaje a User4001?",
		map[string]string{"📨 Sí, enviar a User4001": "bk:hn:send", "✖️ No, no lo envíe": "bk:hn:ask"})
	if out := to(e.Press(ana, 0, 0, "bk:hn:send"), mentorP.ID); len(out) != 2 || out[1].Copy == nil || out[1].Copy.MessageID != 704 {
		t.Errorf("the voice note to the mentor: %+v", out)
	}

	// The held choice waits as a flow does: after FlowIdle, it is
	// dropped, and said.
	answers(e, "Thanks!")
	photo(703, "")
	e.Advance(handlers.FlowIdle + time.Second)
	if out := e.Text(ana, 0, "cómo subo un video"); !strings.Contains(texts(out), "No le envié a User4001 lo que escribió") {
		t.Errorf("words after the choice waited too long: %q", texts(out))
	}
}

// TestBooking_NoteHeldEdited: words held under a note and corrected by an
// edit before the choice go as corrected; words joined from two messages
// are not carried by an edit of one (it says so, as in any flow).
func TestBooking_NoteHeldEdited(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(41, "es")
	noted(t, e, ana)
	e.Handle(aulabot.Update{ChatID: mentorP.ID, From: mentorP, MessageID: 801, Text: "Yes, bring tem"})
	has(t, "edited", e.Edit(mentorP, 0, 801, "Yes, bring them"), "Noted: when you choose with the buttons I'll take your corrected message")
	e.Advance(time.Minute)
	has(t, "sent", to(e.Press(mentorP, 0, 0, "bk:hn:send"), ana.ID), "\n\nYes, bring them")
	answers(e, "Anything else?")
	e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 802, Text: "no"})
	e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 803, Text: "gracias"})
	if got := texts(e.Edit(ana, 0, 802, "no, nada más")); strings.Contains(got, "Anotado") {
		t.Errorf("an edit of one of two messages held: %q", got)
	}
	e.Advance(time.Minute)
	has(t, "joined, as typed", to(e.Press(ana, 0, 0, "bk:hn:send"), mentorP.ID), "\n\nno\ngracias")
}

// TestBooking_ToldMentor: "dile a mi mentor que llego 5 minutos tarde a la
// del jueves" holds the words after "que" as a note for that booking's
// mentor, shown, to confirm with 📨: it got the booking article (seen in
// the sandbox). The booking is named in the request or in the note, or is
// the one there is; two and none named, the list.
func TestBooking_ToldMentor(t *testing.T) {
	e, ana, bea := twoBooked(t)

	out := e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 901, Text: "dile a mi mentor que llego 5 minutos tarde a la sesión del jueves"})
	if m := find(out, "¿Le envío esto a User4001?"); m == nil || !strings.Contains(m.Text, "«llego 5 minutos tarde a la sesión del jueves»") ||
		htest.Buttons(out)["📨 Sí, enviar a User4001"] != "bk:hn:send" || len(to(out, mentorP.ID)) != 0 {
		t.Fatalf("the note read: %q %v", texts(out), htest.Buttons(out))
	}
	// The request edited before the choice: the words after "que", as
	// the first version's (the whole request replaced them).
	e.Edit(ana, 0, 901, "dile a mi mentor que llego 10 minutos tarde a la sesión del jueves")
	out = e.Press(ana, 0, 0, "bk:hn:send")
	if m := find(to(out, mentorP.ID), "A message from User45"); m == nil || !strings.Contains(m.Text, "Thu 12 Mar, 15:00") || !strings.HasSuffix(m.Text, "\n\nllego 10 minutos tarde a la sesión del jueves") {
		t.Errorf("the mentor got %q", texts(to(out, mentorP.ID)))
	}
	// Two bookings, none named: the list, nothing held.
	if out := texts(e.Text(ana, 0, "tell my mentor that I'll be late")); !strings.Contains(out, "Sus reservas") || strings.Contains(out, "¿Le envío") {
		t.Errorf("two bookings, none named: %q", out)
	}
	// One booking: its mentor's.
	if find(e.Text(bea, 0, "tell my mentor that I'll be 10 minutes late"), "Shall I send this to User4001?\n\n“I&#39;ll be 10 minutes late”") == nil {
		t.Error("one booking")
	}
	// Two bookings that day: "Which of these?", and the ✉️ pressed holds
	// the words for its mentor (they were asked for again).
	later := publish(t, e, mentorP, "2026-03-12 17:00 60 group 5")
	e.Press(ana, 0, 0, fmt.Sprintf("bk:c:%d", later.ID))
	out = e.Text(ana, 0, "dile a mi mentor que no llego a la sesión del jueves")
	var pick string
	for label, data := range htest.Buttons(out) {
		if strings.Contains(label, "17:00") {
			pick = data
		}
	}
	if find(out, "¿Cuál de estos?") == nil || pick == "" {
		t.Fatalf("two that day: %q %v", texts(out), htest.Buttons(out))
	}
	out = e.Press(ana, 0, 0, pick)
	if m := find(out, "¿Le envío esto a User4001?"); m == nil || !strings.Contains(m.Text, "«no llego a la sesión del jueves»") {
		t.Fatalf("the ✉️ pressed: %q", texts(out))
	}
	out = e.Press(ana, 0, 0, "bk:hn:send")
	if m := find(to(out, mentorP.ID), "A message from User45"); m == nil || !strings.Contains(m.Text, "Thu 12 Mar, 17:00") {
		t.Errorf("the mentor got %q", texts(to(out, mentorP.ID)))
	}
	// Other words while the choice waits are read as any message.
	e.Text(ana, 0, "dile a mi mentor que llego tarde a la sesión del jueves")
	if got := texts(e.Text(ana, 0, "¿cómo califico una tarea en moodle?")); strings.Contains(got, "¿Le envío") {
		t.Errorf("other words while the choice waits: %q", got)
	}
	if st := stateOf(t, e, ana); st.Flow != "" {
		t.Errorf("the words told still wait: %+v", st)
	}
}

// TestBooking_LateTold: words that say one will be late to a session
// ("llegaré 10 minutos tarde a la sesión del jueves", "I'm running late for
// my session") are a note for that booking's mentor, whole, shown to
// confirm, as "dile a mi mentor que …" is; a mentor's are a message to
// those booked in the session they name, to confirm. Both got suggestions
// of articles (seen in the sandbox). "la sesión de la tarde" is no
// lateness, nor is a question.
func TestBooking_LateTold(t *testing.T) {
	e, ana, bea := twoBooked(t)

	out := e.Text(ana, 0, "llegaré 10 minutos tarde a la sesión del jueves")
	if m := find(out, "¿Le envío esto a User4001?"); m == nil || !strings.Contains(m.Text, "«llegaré 10 minutos tarde a la sesión del jueves»") ||
		htest.Buttons(out)["📨 Sí, enviar a User4001"] != "bk:hn:send" {
		t.Fatalf("lateness told: %q %v", texts(out), htest.Buttons(out))
	}
	out = e.Press(ana, 0, 0, "bk:hn:send")
	if m := find(to(out, mentorP.ID), "A message from User45"); m == nil || !strings.Contains(m.Text, "Thu 12 Mar, 15:00") {
		t.Errorf("the mentor got %q", texts(to(out, mentorP.ID)))
	}
	if find(e.Text(bea, 0, "I'm running late for my session"), "Shall I send this to User4001?") == nil {
		t.Error("one booking, lateness told in English: not held for its mentor")
	}
	for _, typed := range []string{"la sesión de la tarde", "¿llegaré tarde a la sesión?"} {
		if got := texts(e.Text(ana, 0, typed)); strings.Contains(got, "¿Le envío") {
			t.Errorf("%q: %q, held as a note", typed, got)
		}
	}
	out = e.Text(mentorP, 0, "llegaré 10 minutos tarde a la sesión del jueves")
	if m := find(out, "Shall I send this message to the person booked in this session?"); m == nil || !strings.Contains(m.Text, "llegaré 10 minutos tarde") {
		t.Errorf("a mentor's lateness: %q, want the message to those booked, to confirm", texts(out))
	}
}

// TestBooking_LateAlone: words that only say one will be late, naming no
// session ("voy a llegar tarde", "I'm running late": suggestions, seen in
// the sandbox; since the night of 7 to 8 December), are for the mentor of
// the session under way or beginning within LateAhead, held to confirm,
// and a mentor's for those booked in theirs; with none so near they are
// read as any words (a class, an exam).
func TestBooking_LateAlone(t *testing.T) {
	e, ana, bea := twoBooked(t) // Tue 10 Mar, 10:00; Ana on Thursday and Friday at 15:00, Bea on Friday
	if got := texts(e.Text(ana, 0, "voy a llegar tarde")); strings.Contains(got, "¿Le envío") {
		t.Errorf("two days before: %q, want no note held", got)
	}
	if got := texts(e.Text(mentorP, 0, "I'm running late")); strings.Contains(got, "Shall I send") {
		t.Errorf("the mentor two days before: %q, want no message held", got)
	}
	e.Advance(52*time.Hour + 30*time.Minute) // Thu 12 Mar, 14:30
	out := e.Text(mentorP, 0, "I'm running late")
	if m := find(out, "Shall I send this message to the person booked in this session?"); m == nil ||
		!strings.Contains(texts(out), "Thu 12 Mar") || !strings.Contains(m.Text, "running late") {
		t.Errorf("the mentor half an hour before Thursday's: %q, want the message to its one person, to confirm", texts(out))
	}
	e.Text(mentorP, 0, "/cancel")
	out = e.Text(ana, 0, "voy a llegar tarde")
	if m := find(out, "¿Le envío esto a User4001?"); m == nil || !strings.Contains(m.Text, "«voy a llegar tarde»") {
		t.Fatalf("half an hour before Thursday's: %q, want the note held for its mentor", texts(out))
	}
	out = e.Press(ana, 0, 0, "bk:hn:send")
	if m := find(to(out, mentorP.ID), "A message from User45"); m == nil || !strings.Contains(m.Text, "Thu 12 Mar, 15:00") {
		t.Errorf("the mentor got %q, want Thursday's session named", texts(to(out, mentorP.ID)))
	}
	if got := texts(e.Text(bea, 0, "I'm running late")); strings.Contains(got, "Shall I send") {
		t.Errorf("Bea, whose session is tomorrow: %q, want no note held", got)
	}
	e.Advance(24 * time.Hour) // Fri 13 Mar, 14:30
	if find(e.Text(bea, 0, "I'm running late"), "Shall I send this to User4001?") == nil {
		t.Error("Bea half an hour before Friday's: not held for its mentor")
	}
	if got := texts(e.Text(ana, 0, "¿puedo llegar tarde?")); strings.Contains(got, "¿Le envío") {
		t.Errorf("a question: %q, held as a note", got)
	}
}

// twoBooked is the set-up of the notes told in words: two group sessions
// of mentorP (Thursday and Friday), Ana (es) booked in both, Bea (en) in
// Friday's.
func twoBooked(t *testing.T) (e *htest.Env, ana, bea aulabot.Person) {
	t.Helper()
	e = newEnv(t)
	thu := publish(t, e, mentorP, "2026-03-12 15:00 60 group 5")
	fri := publish(t, e, mentorP, "2026-03-13 15:00 60 group 5")
	ana, bea = htest.Person(45, "es"), htest.Person(46, "en")
	e.Onboard(ana, "unma", "teacher")
	e.Onboard(bea, "unma", "student")
	for _, s := range []aulabot.Slot{thu, fri} {
		e.Press(ana, 0, 0, fmt.Sprintf("bk:c:%d", s.ID))
	}
	e.Press(bea, 0, 0, fmt.Sprintf("bk:c:%d", fri.ID))
	e.Deliver()
	return e, ana, bea
}
