package handlers_test

import (
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
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
	e.Text(ana, 0, "/problem")
	e.Press(ana, 0, 0, "tk:cat:lms")
	p := post(t, to(stillNeedHelp(e, ana, e.Text(ana, 0, "no puedo entrar al aula virtual desde ayer")), groupMA), "UNMA-1")
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
	held("words", say(512, "mmm"), 512)
	if out := say(513, "quiero reservar una mentoría"); !strings.Contains(texts(out), "Mentoría") || strings.Contains(texts(out), "espera su respuesta") {
		t.Errorf("a feature asked for while the choice waits: %q", texts(out))
	}
	held("words again", say(514, "mmm"), 514)
	if out := say(515, "📅 Mentoría"); !strings.Contains(texts(out), "¿Qué tipo de sesión busca?") || strings.Contains(texts(out), "espera su respuesta") {
		t.Errorf("a menu button while the choice waits: %q", texts(out))
	}
	held("a question", say(504, "cómo entrego una tarea"), 504)
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
