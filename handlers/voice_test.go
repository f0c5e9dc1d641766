package handlers_test

import (
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
)

// A voice message (or an audio file, or a round video message) sent as a
// question, or where the bot waits for words, is told, in the person's
// language, that the bot cannot listen to it and to write it; sent
// outside any step, it starts a report with it attached, for the team to
// listen to, as a screenshot or a screen recording sent without words
// does (TestTicket_FileStartsReport); in a ticket's report, and in a
// reply to the team, it is an attachment the team receives, as a
// screenshot is. A sticker sent as a question is a
// reaction and gets the same friendly line as a 👍. Neither is recorded
// as a question. Before, a voice message got "Type your question", or
// "the description is empty", as if the person had sent nothing.
func TestAsk_VoiceAndStickers(t *testing.T) {
	e := htest.New(t, nil)
	es := htest.Person(141, "es")
	en := htest.Person(142, "en")
	e.Onboard(es, "unma", "teacher")
	e.Onboard(en, "unma", "student")
	for _, c := range []struct {
		who    aulabot.Person
		update aulabot.Update
		says   string
	}{
		{es, aulabot.Update{File: voiceNote()}, "Aún no puedo escuchar notas de voz: si es una pregunta, escríbamela. Si es por un problema técnico, elija abajo"},
		{en, aulabot.Update{File: voiceNote()}, "I can't listen to voice notes yet: if it is a question, please type it. If it is about a technical problem, choose below"},
		{es, aulabot.Update{Sticker: true}, "👍 Aquí estoy si tiene otra pregunta."},
		{en, aulabot.Update{Sticker: true}, "👍 I'm here if you have another question."},
		{es, aulabot.Update{File: &aulabot.File{ID: "rec-1", Kind: aulabot.FileVideo, MIME: "video/mp4"}}, "Recibí su archivo. Yo solo leo palabras: si el archivo es por un problema técnico"},
		{en, aulabot.Update{File: &aulabot.File{ID: "ph-1", Kind: "photo"}}, "Got your file. I only read words: if it is about a technical problem"},
	} {
		u := c.update
		u.ChatID, u.From = c.who.ID, c.who
		out := e.Handle(u)
		if len(out) != 1 || !strings.Contains(out[0].Text, c.says) {
			t.Errorf("%s %+v: %q, want %q", c.who.LanguageCode, c.update, texts(out), c.says)
		}
		e.Text(c.who, 0, "/cancel") // a file or voice note starts a report: leave it
	}
	if n := questionsOf(t, e, es.ID) + questionsOf(t, e, en.ID); n != 0 {
		t.Errorf("%d questions recorded", n)
	}

	// In a ticket's report, the voice message is an attachment: the
	// report asks for the description, and the team gets the voice
	// message under the ticket.
	e.Text(es, 0, "/problem")
	e.Press(es, 0, 0, "tk:cat:upload")
	out := e.Handle(aulabot.Update{ChatID: es.ID, From: es, MessageID: 77, File: voiceNote()})
	if len(out) != 1 || !strings.Contains(out[0].Text, "Recibí 1 archivo") {
		t.Errorf("a voice message in a report: %q", texts(out))
	}
	out = describe(e, es, "No puedo subir el video de mi clase, da error 413")
	copied := false
	for _, m := range out {
		copied = copied || (m.Copy != nil && m.Copy.ChatID == es.ID && m.Copy.MessageID == 77 && m.ChatID < 0)
	}
	if !strings.Contains(texts(out), "UNMA-1") || !copied {
		t.Errorf("the description after the voice message: %q, the voice message copied to the team: %v", texts(out), copied)
	}
}

// A voice message goes both ways between a ticket's team and the person
// who reported it: a technician's voice reply to the ticket's post, and
// the person's voice reply to it, are copied to the other side.
func TestTicket_VoiceRelayed(t *testing.T) {
	e := newEnv(t)
	ana := htest.Person(7101, "en")
	e.Onboard(ana, "unma", "teacher")
	p := post(t, to(report(t, e, ana, "video", "the video call drops every few minutes"), groupMA), "UNMA-1")
	out := e.Handle(aulabot.Update{ChatID: groupMA, From: tec1, MessageID: 501, ReplyTo: &aulabot.Replied{MessageID: int(p.ID), FromBot: true},
		File: voiceNote()})
	var relay aulabot.Message
	for _, m := range to(out, ana.ID) {
		if m.Copy != nil && m.Copy.ChatID == groupMA && m.Copy.MessageID == 501 {
			relay = m
		}
	}
	if relay.Copy == nil {
		t.Fatalf("the technician's voice reply did not reach the person: %q", texts(out))
	}
	var replyButton string
	for _, d := range htest.Buttons(out) {
		if strings.HasPrefix(d, "tk:r:") {
			replyButton = d
		}
	}
	if replyButton == "" {
		t.Fatalf("no Reply button with the relay: %q", texts(out))
	}
	e.Press(ana, 0, 0, replyButton)
	out = e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 88, File: voiceNote()})
	copied := false
	for _, m := range to(out, groupMA) {
		copied = copied || (m.Copy != nil && m.Copy.ChatID == ana.ID && m.Copy.MessageID == 88)
	}
	if !copied {
		t.Errorf("the person's voice reply did not reach the team: %q", texts(out))
	}
}

// voiceNote is the file of a voice message, as bot/ reads it.
func voiceNote() *aulabot.File {
	return &aulabot.File{ID: "voice-1", Kind: aulabot.FileVoice, MIME: "audio/ogg", Size: 12000}
}
