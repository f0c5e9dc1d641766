package handlers_test

import (
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
)

// A voice message (or an audio file, or a round video message) is told,
// in the person's language, that the bot cannot listen to it and to
// write it, whatever was asked for: a question, a ticket's description
// (the report waits for it); a sticker sent as a question is a reaction
// and gets the same friendly line as a 👍. Neither is recorded as a
// question. Before, a voice message got "Type your question", or "the
// description is empty", as if the person had sent nothing.
func TestAsk_VoiceAndStickers(t *testing.T) {
	e := htest.New(t, nil)
	es := htest.Person(141, "es")
	en := htest.Person(142, "en")
	e.Onboard(es, "unma", "teacher")
	e.Onboard(en, "unma", "student")
	for _, c := range []struct {
		who   aulabot.Person
		media string
		says  string
	}{
		{es, aulabot.MediaVoice, "Aún no puedo escuchar audios ni notas de voz. Escríbamelo en un mensaje"},
		{en, aulabot.MediaVoice, "I can't listen to voice or audio messages yet. Please type it in a message"},
		{es, aulabot.MediaSticker, "👍 Aquí estoy si tiene otra pregunta."},
		{en, aulabot.MediaSticker, "👍 I'm here if you have another question."},
	} {
		out := e.Handle(aulabot.Update{ChatID: c.who.ID, From: c.who, Media: c.media})
		if len(out) != 1 || !strings.Contains(out[0].Text, c.says) {
			t.Errorf("%s %s: %q, want %q", c.who.LanguageCode, c.media, texts(out), c.says)
		}
	}
	if n := questionsOf(t, e, es.ID) + questionsOf(t, e, en.ID); n != 0 {
		t.Errorf("%d questions recorded", n)
	}

	// In a ticket's report, the voice message leaves the report waiting
	// for its description.
	e.Text(es, 0, "/problem")
	e.Press(es, 0, 0, "tk:cat:upload")
	out := e.Handle(aulabot.Update{ChatID: es.ID, From: es, Media: aulabot.MediaVoice})
	if len(out) != 1 || !strings.Contains(out[0].Text, "Aún no puedo escuchar audios") {
		t.Errorf("a voice message as the description: %q", texts(out))
	}
	out = e.Text(es, 0, "No puedo subir el video de mi clase, da error 413")
	if !strings.Contains(texts(out), "UNMA-1") {
		t.Errorf("the description after the voice message: %q", texts(out))
	}
}
