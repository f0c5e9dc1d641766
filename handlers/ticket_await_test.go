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
	"github.com/aulabot/aulabot/handlers"
	"github.com/aulabot/aulabot/handlers/htest"
	"github.com/aulabot/aulabot/service"
)

// TestTicket_AnswerWithoutReply: the team asked something on a ticket and
// the requester types the answer as a new message, without Reply (as
// people do on a phone): the bot holds the words and asks whether they go
// to the team, nothing sent yet; words typed meanwhile join them (words
// asking for a feature leave for it); Send relays them under the post,
// Ask answers them as a question. Once the
// person has answered, or 72 hours after the team's message, words are
// questions again. A single message sent so is relayed as itself: its
// edit reaches the team.
func TestTicket_AnswerWithoutReply(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(7401, "es")
	e.Onboard(ana, "unma", "teacher")
	p := post(t, to(report(t, e, ana, "lms", "no puedo entrar al aula virtual desde ayer"), groupMA), "UNMA-1")
	techAsks := func(text string) {
		t.Helper()
		if len(to(e.Reply(tec1, groupMA, int(p.ID), text), ana.ID)) == 0 {
			t.Fatalf("%q did not reach ana", text)
		}
	}
	say := func(id int, text string) []aulabot.Message {
		t.Helper()
		return e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: id, Text: text})
	}
	held := func(what string, out []aulabot.Message, replyTo int) {
		t.Helper()
		out = slices.DeleteFunc(out, aulabot.Message.ButtonsOnly) // an earlier question's buttons go
		b := htest.Buttons(out)
		if len(to(out, groupMA)) != 0 || len(out) != 1 || out[0].ReplyTo != replyTo ||
			!strings.Contains(out[0].Text, "El equipo técnico le escribió en <b>UNMA-1</b> y espera su respuesta") ||
			b["📨 Sí, enviarlo al equipo (UNMA-1)"] != "tk:an:send" || b["🔎 No, es una pregunta para usted"] != "tk:an:ask" {
			t.Errorf("%s: %+v", what, out)
		}
	}

	techAsks("¿qué navegador usa?")
	held("the answer typed", say(501, "uso chrome"), 501)
	if out := say(502, "y probé en incógnito, tampoco"); !strings.Contains(texts(out), "¿Le envío estos 2 mensajes?") {
		t.Errorf("more words: %q", texts(out))
	}
	photo := e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 510, File: &aulabot.File{ID: "ph", Kind: "photo", Size: 1000}})
	if !strings.Contains(texts(photo), "Elija primero con los botones de arriba") || len(to(photo, groupMA)) != 0 {
		t.Errorf("a photo while the choice waits: %q", texts(photo))
	}
	if long := say(511, strings.Repeat("x", aulabot.MaxDescription)); !strings.Contains(texts(long), "Eso ya es demasiado largo para un solo mensaje") {
		t.Errorf("words beyond a message's length: %q", texts(long))
	}
	out := e.Press(ana, 0, 0, "tk:an:send")
	if team := to(out, groupMA); len(team) != 1 || !strings.Contains(team[0].Text, "uso chrome\ny probé en incógnito, tampoco") || team[0].ReplyToRef != "ticket:UNMA-1" {
		t.Errorf("the team got %+v", team)
	}
	if !strings.Contains(texts(to(out, ana.ID)), "UNMA-1") {
		t.Errorf("ana was told %q", texts(to(out, ana.ID)))
	}
	keptWords(t, e, "UNMA-1", "¿qué navegador usa?", "uso chrome\ny probé en incógnito, tampoco")

	// She answered last: her words are a question again.
	if out := say(503, "cómo subo un video a mi curso"); len(to(out, groupMA)) != 0 || strings.Contains(texts(out), "espera su respuesta") {
		t.Errorf("a question after her answer: %q", texts(out))
	}

	// A question for the bot while the team waits: answered, not sent.
	techAsks("¿le sale algún mensaje de error?")
	const dropped = "No envié al equipo técnico lo que escribió para UNMA-1"
	held("words", say(512, "mmm"), 512)
	if out := say(513, "quiero reservar una mentoría"); !strings.Contains(texts(out), "Mentoría") || strings.Contains(texts(out), "espera su respuesta") || !strings.Contains(texts(out), dropped) {
		t.Errorf("a feature asked for while the choice waits: %q", texts(out))
	}
	held("words again", say(514, "mmm"), 514)
	if out := say(515, "📅 Mentoría"); !strings.Contains(texts(out), "¿Qué tipo de sesión busca?") || strings.Contains(texts(out), "espera su respuesta") || !strings.Contains(texts(out), dropped) {
		t.Errorf("a menu button while the choice waits: %q", texts(out))
	}
	held("words left", say(516, "mmm"), 516)
	e.Advance(handlers.FlowIdle + time.Second)
	if out := say(517, "cómo entrego una tarea"); !strings.Contains(texts(out), dropped) || strings.Contains(texts(out), "30 minutos") || !strings.Contains(texts(out), "espera su respuesta") {
		t.Errorf("words after the choice waited too long: %q", texts(out)) // the team still waits: held anew
	}
	e.Press(ana, 0, 0, "tk:an:ask")
	held("a question", say(504, "cómo subo mi tarea"), 504)
	out = e.Press(ana, 0, 0, "tk:an:ask")
	if len(to(out, groupMA)) != 0 || !slices.ContainsFunc(slices.Collect(maps.Values(htest.Buttons(out))), func(d string) bool { return strings.HasPrefix(d, "kb:") }) {
		t.Errorf("answered as a question: %q %v", texts(out), htest.Buttons(out))
	}
	if out := e.Press(ana, 0, 0, "tk:an:send"); len(to(out, groupMA)) != 0 || !e.LastAnswer().Alert {
		t.Errorf("a stale Send: %+v", out)
	}

	// One message sent so is relayed as itself: its edit follows.
	held("one message", say(505, "dice contraseña incorecta"), 505)
	e.Press(ana, 0, 0, "tk:an:send")
	if team := to(e.Edit(ana, 0, 505, "dice contraseña incorrecta"), groupMA); len(team) != 1 || !strings.Contains(team[0].Text, "dice contraseña incorrecta") || team[0].EditRef == "" {
		t.Errorf("the edit reached the team as %+v", team)
	}

	// 72 hours after the team's message, words are questions again.
	techAsks("¿probó en otro equipo?")
	e.Advance(72 * time.Hour)
	if out := say(506, "cómo cambio mi foto de perfil"); strings.Contains(texts(out), "espera su respuesta") {
		t.Errorf("72 h later: %q", texts(out))
	}
}

// TestTicket_AnswerTypedYes: a yes typed under "Shall I send them this
// message?" sends what was held, as 📨 Send does, and takes the
// question's buttons off; it used to be held as one more message and the
// question asked again for two (seen in the sandbox). The first message
// held is never taken for a yes: "sí" alone may be the team's answer. A
// greeting alone is not held at all.
func TestTicket_AnswerTypedYes(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(7411, "es")
	bob := htest.Person(7412, "en")
	e.Onboard(ana, "unma", "teacher")
	e.Onboard(bob, "unma", "student")
	for i, c := range []struct {
		who         aulabot.Person
		first, then string
	}{
		{ana, "uso chrome", "Sí"},
		{ana, "sí", "sí, envíalo"},
		{bob, "chrome on my phone", "yes please"},
		{bob, "firefox", "send it"},
	} {
		id := fmt.Sprintf("UNMA-%d", i+1)
		p := post(t, to(report(t, e, c.who, "lms", "no puedo entrar al aula virtual desde ayer"), groupMA), id)
		if len(to(e.Reply(tec1, groupMA, int(p.ID), "¿qué navegador usa?"), c.who.ID)) == 0 {
			t.Fatalf("%s: the team's question did not reach %d", id, c.who.ID)
		}
		e.Text(c.who, 0, c.first)
		out := e.Text(c.who, 0, c.then)
		team := to(out, groupMA)
		if len(team) != 1 || !strings.Contains(team[0].Text, c.first) || strings.Contains(team[0].Text, c.then) || team[0].ReplyToRef != "ticket:"+id {
			t.Errorf("%q then %q: the team got %+v", c.first, c.then, team)
		}
		if !slices.ContainsFunc(to(out, c.who.ID), aulabot.Message.ButtonsOnly) {
			t.Errorf("%q then %q: the question keeps its buttons: %+v", c.first, c.then, to(out, c.who.ID))
		}
		keptWords(t, e, id, "¿qué navegador usa?", c.first)
	}
	// A greeting alone is answered, not held: it answers nothing the
	// team asked.
	p := post(t, to(report(t, e, ana, "lms", "sigo sin poder entrar al aula virtual"), groupMA), "UNMA-5")
	e.Reply(tec1, groupMA, int(p.ID), "¿le sale algún error?")
	if out := e.Text(ana, 0, "hola"); strings.Contains(texts(out), "espera su respuesta") || texts(out) == "" {
		t.Errorf("a greeting while the team waits: %q", texts(out))
	}
	// Words that are not a yes still join those held.
	e.Text(ana, 0, "sí")
	if out := e.Text(ana, 0, "sí, dice contraseña incorrecta"); len(to(out, groupMA)) != 0 || !strings.Contains(texts(out), "¿Le envío estos 2 mensajes?") {
		t.Errorf("words beside a yes: %q, the team got %+v", texts(out), to(out, groupMA))
	}
}

// TestTicket_FileAnswerWithoutReply: the team asked for a screenshot and
// the requester sends it without Reply. It used to get "I got your file
// but don't know what to do with it" and the team never saw it; a voice
// note was heard as a question. Now the message is held as words are, and
// Send takes the file itself (a voice note, heard for the team where the
// bot hears) under the post. A file is held alone: words or another file
// while it waits are asked to wait. A file without words cannot be a
// question: its other button keeps it from the team; a voice note's
// hears it as one, or says the bot cannot listen.
func TestTicket_FileAnswerWithoutReply(t *testing.T) {
	e, files, heard := ticketVoiceEnv(t)
	ana := htest.Person(7402, "es")
	p := post(t, to(reportAsTeacher(t, e, ana), groupMA), "UNMA-1")
	techAsks := func(text string) {
		t.Helper()
		if len(to(e.Reply(tec1, groupMA, int(p.ID), text), ana.ID)) == 0 {
			t.Fatalf("%q did not reach ana", text)
		}
	}
	held := func(what string, out []aulabot.Message, replyTo int, other string) {
		t.Helper()
		out = slices.DeleteFunc(out, aulabot.Message.ButtonsOnly)
		b := htest.Buttons(out)
		if len(to(out, groupMA)) != 0 || len(out) != 1 || out[0].ReplyTo != replyTo ||
			!strings.Contains(out[0].Text, "espera su respuesta. ¿Le envío este mensaje?") ||
			b["📨 Sí, enviarlo al equipo (UNMA-1)"] != "tk:an:send" || b[other] != "tk:an:ask" {
			t.Errorf("%s: %+v", what, out)
		}
	}
	copied := func(out []aulabot.Message, msg int) bool { return slices.Contains(copiesOf(out, groupMA, ana.ID), msg) }
	photo := func(msg int, caption string) []aulabot.Message {
		return e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: msg, Text: caption,
			File: &aulabot.File{ID: "shot", UniqueID: "u-shot", Kind: "photo", Size: 1000}})
	}

	techAsks("¿Puede enviarme una captura del error?")
	held("a screenshot", photo(601, ""), 601, "✖️ No, no lo envíe")
	for what, out := range map[string][]aulabot.Message{
		"words":        e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 602, Text: "esa es"}),
		"a photo":      photo(603, ""),
		"a voice note": sendVoice(e, files, ana, 604, "OggS-x", 3),
	} {
		if !strings.Contains(texts(out), "Elija primero con los botones de arriba") || len(to(out, groupMA)) != 0 {
			t.Errorf("%s while the screenshot waits: %q", what, texts(out))
		}
	}
	out := e.Press(ana, 0, 0, "tk:an:send")
	if !copied(out, 601) || !strings.Contains(texts(to(out, ana.ID)), "UNMA-1") {
		t.Errorf("the screenshot sent: %+v", out)
	}
	ms, err := e.Store.TicketMessages("UNMA-1")
	if err != nil || len(ms) == 0 || ms[len(ms)-1].Team || len(ms[len(ms)-1].Files) != 1 || ms[len(ms)-1].Files[0].File.ID != "shot" {
		t.Errorf("the ticket keeps %+v %v", ms, err)
	}

	techAsks("¿Y otra?")
	held("another", photo(605, ""), 605, "✖️ No, no lo envíe")
	out = e.Press(ana, 0, 0, "tk:an:ask")
	if len(to(out, groupMA)) != 0 || !strings.Contains(texts(out), "no lo envié al equipo técnico (UNMA-1)") {
		t.Errorf("the screenshot kept: %q", texts(out))
	}
	held("with a caption", photo(606, "cómo cambio mi contraseña"), 606, "🔎 No, es una pregunta para usted")
	out = e.Press(ana, 0, 0, "tk:an:ask")
	if len(to(out, groupMA)) != 0 || !strings.Contains(texts(out), "contraseña") || strings.Contains(texts(out), "Yo solo leo palabras") {
		t.Errorf("the caption answered as a question: %q", texts(out))
	}

	// A voice note: the note itself goes, and is heard for the team.
	techAsks("¿Qué le sale ahora?")
	heard.words["OggS-A7"] = "Ahora me sale error quinientos"
	held("a voice note", sendVoice(e, files, ana, 607, "OggS-A7", 4), 607, "🔎 No, es una pregunta para usted")
	if len(heard.asked) != 0 {
		t.Errorf("heard before the choice: %q", heard.asked)
	}
	if out := e.Press(ana, 0, 0, "tk:an:send"); !copied(out, 607) {
		t.Errorf("the voice note sent: %+v", out)
	}
	if got := runJobs(t, e); len(got) != 1 || got[0].ChatID != groupMA || !strings.Contains(got[0].Text, "Ahora me sale error quinientos") {
		t.Errorf("the voice note heard for the team: %+v", got)
	}

	// A voice note that was a question: heard, and answered.
	techAsks("¿Sigue igual?")
	heard.words["OggS-A8"] = "cómo cambio mi contraseña"
	held("a question by voice", sendVoice(e, files, ana, 608, "OggS-A8", 2), 608, "🔎 No, es una pregunta para usted")
	out = e.Press(ana, 0, 0, "tk:an:ask")
	if len(to(out, groupMA)) != 0 || !strings.Contains(texts(out), "Escuchando") {
		t.Errorf("the question by voice: %q", texts(out))
	}
	if got := runJobs(t, e); len(to(got, groupMA)) != 0 || !strings.Contains(texts(got), "contraseña") {
		t.Errorf("the question by voice heard: %q", texts(got))
	}

	// In another flow, a voice note is that flow's words: not held.
	techAsks("¿Y en otro navegador?")
	e.Press(ana, 0, 0, "crs:add")
	heard.words["OggS-A9"] = "Didáctica general"
	if out := sendVoice(e, files, ana, 609, "OggS-A9", 2); strings.Contains(texts(out), "espera su respuesta") || !strings.Contains(texts(out), "Escuchando") {
		t.Errorf("a voice note for a course's name: %q", texts(out))
	}
}

// TestTicket_Album: several screenshots chosen together reach the bot as
// an album, one message each. After Reply, only the first went to the
// team and the others got "I don't know what to do with this file"; sent
// without Reply while the team waits, the second was refused. Now every
// part goes, with one "sent"; held, the album is one question ("this
// album?"), Send takes every part held in one message, and a part that
// comes after the choice follows it. The next message, or the flow's
// end, goes as it would have without the album, without a word.
func TestTicket_Album(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(7403, "es")
	e.Onboard(ana, "unma", "teacher")
	p := post(t, to(report(t, e, ana, "lms", "no puedo entrar al aula virtual desde ayer"), groupMA), "UNMA-1")
	part := func(msg int, album, caption string) []aulabot.Message {
		return e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: msg, Text: caption, Album: album,
			File: &aulabot.File{ID: fmt.Sprintf("shot-%d", msg), Kind: "photo", Size: 1000}})
	}
	copies := func(out []aulabot.Message) []int { return copiesOf(out, groupMA, ana.ID) }
	sent := func(out []aulabot.Message) int { return strings.Count(texts(to(out, ana.ID)), "UNMA-1") }

	// After Reply: every part goes, one "sent" for the album.
	e.Press(ana, 0, 0, "tk:r:UNMA-1")
	var out []aulabot.Message
	out = append(out, part(701, "A1", "así sale")...)
	out = append(out, part(702, "A1", "")...)
	out = append(out, part(703, "A1", "")...)
	if got := copies(out); !slices.Equal(got, []int{701, 702, 703}) || sent(out) != 1 || strings.Contains(texts(out), "Yo solo leo palabras") {
		t.Errorf("the album after Reply: copies %v, %q", got, texts(to(out, ana.ID)))
	}
	ms, _ := e.Store.TicketMessages("UNMA-1")
	if n := len(ms); n < 3 || ms[n-3].Text != "así sale" || ms[n-1].Files[0].File.ID != "shot-703" {
		t.Errorf("the ticket keeps %+v", ms)
	}
	// The next message is a question again.
	if out := e.Text(ana, 0, "cómo cambio mi contraseña"); len(to(out, groupMA)) != 0 || !strings.Contains(texts(out), "contraseña") {
		t.Errorf("after the album: %q", texts(out))
	}
	// An album's wait ends without a word.
	e.Press(ana, 0, 0, "tk:r:UNMA-1")
	part(704, "A2", "")
	e.Advance(handlers.FlowIdle + time.Second)
	if out := e.Text(ana, 0, "cómo subo un video"); strings.Contains(texts(out), "30 minutos") || len(to(out, groupMA)) != 0 {
		t.Errorf("after the album's wait: %q", texts(out))
	}

	// Without Reply while the team waits: one question for the album.
	if len(to(e.Reply(tec1, groupMA, int(p.ID), "¿Me manda capturas de todos los pasos?"), ana.ID)) == 0 {
		t.Fatal("the question did not reach ana")
	}
	out = part(711, "A3", "")
	out = append(out, part(712, "A3", "")...)
	out = append(out, part(713, "A3", "paso 3")...)
	if len(to(out, groupMA)) != 0 || len(out) != 1 || out[0].ReplyTo != 711 || !strings.Contains(out[0].Text, "¿Le envío este álbum?") {
		t.Errorf("the album held: %+v", out)
	}
	if out := part(720, "A4", ""); !strings.Contains(texts(out), "Elija primero") || len(to(out, groupMA)) != 0 {
		t.Errorf("another album's photo while one waits: %q", texts(out))
	}
	out = e.Press(ana, 0, 0, "tk:an:send")
	if got := copies(out); !slices.Equal(got, []int{711, 712, 713}) || sent(out) != 1 {
		t.Errorf("the album sent: copies %v, %q", got, texts(to(out, ana.ID)))
	}
	ms, _ = e.Store.TicketMessages("UNMA-1")
	if last := ms[len(ms)-1]; len(last.Files) != 3 || last.Text != "paso 3" || last.Source != 711 {
		t.Errorf("the ticket keeps %+v", last)
	}
	if out := part(714, "A3", ""); !slices.Equal(copies(out), []int{714}) || sent(out) != 0 {
		t.Errorf("a part after the choice: %+v", out)
	}
}

// TestTicket_HeldFileReplaced: a screenshot held while the team waits,
// replaced by an edit before the choice, is the file Send checks and the
// ticket records (the team's copy is of the message as it then is); one
// replaced by a file the bot would not take is refused at Send, and the
// team gets nothing.
func TestTicket_HeldFileReplaced(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(7403, "es")
	p := post(t, to(reportAsTeacher(t, e, ana), groupMA), "UNMA-1")
	shot := func(id string) *aulabot.File {
		return &aulabot.File{ID: id, UniqueID: "u-" + id, Kind: "photo", Size: 1000}
	}
	e.Reply(tec1, groupMA, int(p.ID), "¿Puede enviarme una captura del error?")
	e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 701, File: shot("old")})
	has(t, "noted", e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 701, Edited: true, File: shot("new")}),
		"con «Sí, enviarlo al equipo» irá el archivo nuevo")
	out := e.Press(ana, 0, 0, "tk:an:send")
	if copies := copiesOf(out, groupMA, ana.ID); !slices.Equal(copies, []int{701}) {
		t.Errorf("the team's copies %v", copies)
	}
	ms, _ := e.Store.TicketMessages("UNMA-1")
	if f := ms[len(ms)-1].Files; len(f) != 1 || f[0].File.ID != "new" {
		t.Errorf("the ticket keeps %+v", ms[len(ms)-1])
	}

	e.Reply(tec1, groupMA, int(p.ID), "¿Y el instalador?")
	e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 702, File: shot("other")})
	e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 702, Edited: true,
		File: &aulabot.File{ID: "exe", UniqueID: "u-exe", Kind: "document", Name: "setup.exe", MIME: "application/x-msdownload", Size: 1000}})
	out = e.Press(ana, 0, 0, "tk:an:send")
	if len(to(out, groupMA)) != 0 {
		t.Errorf("the executable reached the team: %+v", to(out, groupMA))
	}
	alerted(t, e, "the executable at Send", "No puedo aceptar ese archivo")

	// An album's later part replaced: the same.
	e.Reply(tec1, groupMA, int(p.ID), "¿Y las otras pantallas?")
	e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 703, Album: "A1", File: shot("a1")})
	e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 704, Album: "A1", File: shot("a2")})
	has(t, "a part noted", e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 704, Album: "A1", Edited: true, File: shot("a2-new")}),
		"irá el archivo nuevo")
	e.Press(ana, 0, 0, "tk:an:send")
	ms, _ = e.Store.TicketMessages("UNMA-1")
	if f := ms[len(ms)-1].Files; len(f) != 2 || f[0].File.ID != "a1" || f[1].File.ID != "a2-new" {
		t.Errorf("the album's files kept: %+v", ms[len(ms)-1].Files)
	}
}

// TestTicket_HeldQuestionsEach: several messages typed while the team
// waits, then said to be for the bot, are answered each as its own
// question, each in a reply to its message; small talk among them is
// passed over; sent to the team instead, they go as one message.
func TestTicket_HeldQuestionsEach(t *testing.T) {
	e := newEnv(t)
	ana, _ := teamAsks(t, e, 7402)
	questions := map[int]string{601: "cómo recupero mi contraseña del aula virtual", 603: "cómo hago una rúbrica para calificar"}
	about := map[int]string{601: "contraseña", 603: "rúbrica"}
	for _, id := range []int{601, 602, 603} {
		text := questions[id]
		if id == 602 {
			text = "gracias"
		}
		e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: id, Text: text})
	}
	out := e.Press(ana, 0, 0, "tk:an:ask")
	if len(to(out, groupMA)) != 0 {
		t.Errorf("sent to the team: %q", texts(to(out, groupMA)))
	}
	for id, q := range questions {
		var reply *aulabot.Message
		for i := range out {
			if out[i].ReplyTo == id {
				reply = &out[i]
			}
		}
		if reply == nil {
			t.Errorf("no answer in a reply to %d (%q): %q", id, q, texts(out))
			continue
		}
		seen := strings.ToLower(reply.Text)
		for _, row := range reply.Inline {
			for _, b := range row {
				seen += " " + strings.ToLower(b.Text)
			}
		}
		if !strings.Contains(seen, about[id]) {
			t.Errorf("the answer to %q is not about %s: %q", q, about[id], seen)
		}
	}
	for _, m := range out {
		if m.ReplyTo == 602 {
			t.Errorf("small talk answered: %+v", m)
		}
	}
	var asked []string
	e.Store.View(func(tx *storeTx) error {
		return tx.Questions("unma", time.Time{}, func(q aulabot.Question) error {
			if q.UserID == ana.ID {
				asked = append(asked, q.Text)
			}
			return nil
		})
	})
	slices.Sort(asked)
	if want := []string{questions[603], questions[601]}; !slices.Equal(asked, want) {
		t.Errorf("questions recorded: %q, want %q", asked, want)
	}
}

// TestTicket_HeldQuestionsLimit: the question limit counts each held
// question; those past it are not answered, and the person is told why.
func TestTicket_HeldQuestionsLimit(t *testing.T) {
	cfg := config.Demo()
	cfg.Limits.QuestionsPerMinute = 1
	e := htest.New(t, cfg)
	ana, _ := teamAsks(t, e, 7403)
	e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 701, Text: "cómo recupero mi contraseña del aula virtual"})
	e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 702, Text: "cómo hago una rúbrica para calificar"})
	out := e.Press(ana, 0, 0, "tk:an:ask")
	first, second, limit := -1, -1, -1
	for i, m := range out {
		switch {
		case m.ReplyTo == 701:
			first = i
		case m.ReplyTo == 702:
			second = i
		case strings.Contains(m.Text, "Llegó al máximo de preguntas (1 por minuto"):
			limit = i
		}
	}
	if first < 0 || second >= 0 || limit < first {
		t.Errorf("past the limit (the first answered, then the limit said): first %d, second %d, limit %d: %q", first, second, limit, texts(out))
	}
}

// TestTicket_HeldQuestionsLLM: with an LLM each held question gets a job
// of its own, as a question typed alone does.
func TestTicket_HeldQuestionsLLM(t *testing.T) {
	e := newEnv(t)
	withLLM(t, e)
	ana, _ := teamAsks(t, e, 7404)
	e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 801, Text: "cómo recupero mi contraseña del aula virtual"})
	e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 802, Text: "cómo hago una rúbrica para calificar"})
	e.Press(ana, 0, 0, "tk:an:ask")
	jobs := backgroundJobs(t, e)
	if len(jobs) != 2 || jobs[0].Kind != aulabot.JobAnswer || jobs[1].Kind != aulabot.JobAnswer || jobs[0].Data["question"] == jobs[1].Data["question"] {
		t.Errorf("jobs: %+v", jobs)
	}
}

// TestTicket_HeldWordsEdited: an edit of words held while the team waits,
// before the choice, is what the choice takes: one message or one of
// several.
func TestTicket_HeldWordsEdited(t *testing.T) {
	e := newEnv(t)
	ana, p := teamAsks(t, e, 7405)
	e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 901, Text: "uso chorme"})
	e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 902, Text: "version 120"})
	has(t, "edit noted", e.Edit(ana, 0, 901, "uso chrome"), "Anotado: al elegir con los botones tomaré su mensaje corregido")
	out := e.Press(ana, 0, 0, "tk:an:send")
	if team := texts(to(out, groupMA)); !strings.Contains(team, "uso chrome\nversion 120") || strings.Contains(team, "chorme") {
		t.Errorf("the team got %q", team)
	}
	// One message, edited before the choice, asked as corrected.
	e.Reply(tec1, groupMA, int(p.ID), "¿y el sistema operativo?")
	e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 903, Text: "windos 10"})
	has(t, "one edit noted", e.Edit(ana, 0, 903, "windows 10"), "Anotado")
	if team := texts(to(e.Press(ana, 0, 0, "tk:an:send"), groupMA)); !strings.Contains(team, "windows 10") {
		t.Errorf("the team got %q", team)
	}
	// An edit of a message not held is not read.
	if out := e.Edit(ana, 0, 902, "version 121"); strings.Contains(texts(out), "Anotado") {
		t.Errorf("an edit after the choice: %q", texts(out))
	}
}

// teamAsks onboards person id, a teacher of unma, who reports a problem;
// the team asks on the ticket's post "¿qué navegador usa?" and waits on
// the answer. It returns the person and the post.
func teamAsks(t *testing.T, e *htest.Env, id int64) (aulabot.Person, aulabot.Message) {
	t.Helper()
	ana := htest.Person(id, "es")
	e.Onboard(ana, "unma", "teacher")
	p := post(t, to(report(t, e, ana, "lms", "no puedo entrar al aula virtual desde ayer"), groupMA), "UNMA-1")
	e.Reply(tec1, groupMA, int(p.ID), "¿qué navegador usa?")
	return ana, p
}

// TestTicket_ScreenshotAfterReport: after writing to the team, people add
// the screenshot as a new message with a line ("así me sale ahora"),
// without Reply. It was answered as a question, with suggestions that had
// nothing to do with it, and the team never saw it. A file with words
// from someone whose ticket changed in the last day is now held as an
// answer the team waits on is, with its own question: Send copies it
// under the post, the other button answers the words as a question with
// the file. Words alone are still questions; a file without words already
// offered the ticket (fileReport). A day after the ticket's last change,
// or once it is resolved, the screenshot is a question again.
func TestTicket_ScreenshotAfterReport(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(7408, "es")
	e.Onboard(ana, "unma", "teacher")
	post(t, to(report(t, e, ana, "upload", "no me deja subir la tarea de los alumnos"), groupMA), "UNMA-1")
	shot := func(msg int, caption string) []aulabot.Message {
		return e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: msg, Text: caption,
			File: &aulabot.File{ID: fmt.Sprint("shot", msg), UniqueID: fmt.Sprint("u-shot", msg), Kind: "photo", Size: 1000}})
	}
	const own = "Su ticket <b>UNMA-1</b> sigue abierto. ¿Le envío este mensaje con su archivo al equipo técnico?"
	held := func(what string, out []aulabot.Message, replyTo int) {
		t.Helper()
		out = slices.DeleteFunc(out, aulabot.Message.ButtonsOnly)
		b := htest.Buttons(out)
		if len(to(out, groupMA)) != 0 || len(out) != 1 || out[0].ReplyTo != replyTo || !strings.Contains(out[0].Text, own) ||
			b["📨 Sí, enviarlo al equipo (UNMA-1)"] != "tk:an:send" || b["🔎 No, es una pregunta para usted"] != "tk:an:ask" {
			t.Errorf("%s: %+v", what, out)
		}
	}

	held("the screenshot with a line", shot(801, "así me sale ahora"), 801)
	out := e.Press(ana, 0, 0, "tk:an:send")
	if !slices.Contains(copiesOf(out, groupMA, ana.ID), 801) || !strings.Contains(texts(to(out, ana.ID)), "UNMA-1") {
		t.Errorf("the screenshot sent: %+v", out)
	}
	if ms := keptWords(t, e, "UNMA-1", "así me sale ahora"); len(ms) == 1 && (len(ms[0].Files) != 1 || ms[0].Files[0].File.ID != "shot801") {
		t.Errorf("the ticket keeps %+v", ms)
	}

	held("a screenshot with a question", shot(802, "cómo cambio mi contraseña"), 802)
	out = e.Press(ana, 0, 0, "tk:an:ask")
	if len(to(out, groupMA)) != 0 || !strings.Contains(texts(out), "contraseña") {
		t.Errorf("answered as a question: %q", texts(out))
	}
	if out := e.Text(ana, 803, "cómo subo un video a mi curso"); strings.Contains(texts(out), "sigue abierto") || len(to(out, groupMA)) != 0 {
		t.Errorf("words alone: %q", texts(out))
	}
	if out := shot(804, ""); !strings.Contains(htest.Buttons(out)["📎 Añadirlo a UNMA-1"], "tk:af:UNMA-1") || strings.Contains(texts(out), "sigue abierto") {
		t.Errorf("a screenshot without words: %q %v", texts(out), htest.Buttons(out))
	}
	e.Press(ana, 0, 0, "tk:cat:cancel")

	e.Advance(service.FollowWindow + time.Minute)
	if out := shot(805, "así me sale ahora"); strings.Contains(texts(out), "sigue abierto") {
		t.Errorf("a day after the ticket's last change: %q", texts(out))
	}
	e.Press(tec1, groupMA, 0, "tk:c:UNMA-1") // a change: held again
	held("after a claim", shot(806, "así me sale ahora"), 806)
	e.Press(ana, 0, 0, "tk:an:ask")
	e.Press(tec1, groupMA, 0, "tk:v:UNMA-1")
	if out := shot(807, "así me sale ahora"); strings.Contains(texts(out), "sigue abierto") {
		t.Errorf("once resolved: %q", texts(out))
	}
}

// TestTicket_ToldTeam: "dile al equipo técnico que ya pude entrar" holds
// the words after "que" for the team of the person's one open ticket,
// shown, to confirm with 📨: it got suggestions of articles (seen in the
// sandbox); "agrega esto a mi ticket: …" too. With none open they begin a
// report; with two open tickets and none named, the list.
func TestTicket_ToldTeam(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(7405, "es")
	e.Onboard(ana, "unma", "teacher")
	// No ticket yet: the words begin a report (they were lost under "You
	// have no tickets").
	if out := e.Text(ana, 0, "avisa al equipo técnico que no funciona zoom"); find(out, "¿De qué se trata?") == nil {
		t.Fatalf("no ticket yet: %q", texts(out))
	}
	if st := stateOf(t, e, ana); !service.FlowReport.In(st) || !strings.Contains(string(st.Data), "no funciona zoom") {
		t.Fatalf("the report begun: %+v", st)
	}
	e.Text(ana, 0, "/cancel")
	p := post(t, to(report(t, e, ana, "lms", "no puedo entrar al aula virtual desde ayer"), groupMA), "UNMA-1")
	e.Press(tec1, groupMA, int(p.ID), "tk:c:UNMA-1")

	out := e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 901, Text: "dile al equipo técnico que ya pude entra, gracias"})
	if m := find(out, "¿Le envío esto al equipo técnico, en su ticket <b>UNMA-1</b>?"); m == nil || !strings.Contains(m.Text, "«ya pude entra, gracias»") ||
		htest.Buttons(out)["📨 Sí, enviarlo al equipo (UNMA-1)"] != "tk:an:send" || len(to(out, groupMA)) != 0 {
		t.Fatalf("the words for the team: %q %v", texts(out), htest.Buttons(out))
	}
	// The request edited before the choice: the words after "que".
	e.Edit(ana, 0, 901, "dile al equipo técnico que ya pude entrar, gracias")
	out = e.Press(ana, 0, 0, "tk:an:send")
	if got := texts(to(out, groupMA)); !strings.Contains(got, "UNMA-1") || !strings.Contains(got, "ya pude entrar, gracias") || strings.Contains(got, "dile al equipo") {
		t.Errorf("the team got %q", got)
	}
	// Added to the ticket after a colon ("agrega esto a mi ticket: …" got
	// suggestions, seen in the sandbox): held the same way.
	out = e.Text(ana, 0, "agrega esto a mi ticket: ya probé en otro navegador")
	if m := find(out, "¿Le envío esto al equipo técnico, en su ticket <b>UNMA-1</b>?"); m == nil || !strings.Contains(m.Text, "«ya probé en otro navegador»") || len(to(out, groupMA)) != 0 {
		t.Errorf("the words added to the ticket: %q %v", texts(out), htest.Buttons(out))
	}
	e.Text(ana, 0, "/cancel")
	report(t, e, ana, "video", "la videollamada se corta")
	if out := texts(e.Text(ana, 0, "tell the technical team that it works now")); !strings.Contains(out, "UNMA-2") || strings.Contains(out, "¿Le envío esto") {
		t.Errorf("two open tickets, none named: %q", out)
	}
}
