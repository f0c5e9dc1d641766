package main

import (
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/sandbox"
)

// TestE2E_VoiceQuestion: with a transcription model the real bot hears a
// voice note: it fetches the note from the Bot API (getFile and the
// file), sends it to the OpenAI-compatible server with the model and the
// person's language, shows what it heard in the message that said it was
// listening, and answers the words as a typed question. Without the model
// (the harness's other tests) a voice note gets "I can't listen yet".
func TestE2E_VoiceQuestion(t *testing.T) {
	h, f := llmHarnessWith(t, func(s *Settings) { s.TranscribeModel = "whisper-1" })
	f.SetReply("NOT_COVERED") // the LLM declines: the article itself is the answer
	f.SetTranscript(func(audio []byte, lang string) string {
		if string(audio) == "OggS una nota" && lang == "es" {
			return "¿cómo entrego mi tarea en moodle?"
		}
		return ""
	})
	onboarded(t, h, askerChat, "es", aulabot.RoleStudent)
	before := h.lastBot(askerChat)
	h.SB.SendVoice(askerChat, askerChat, []byte("OggS una nota"), 4)
	answer := h.waitNew(askerChat, before, func(m sandbox.Message) bool { return len(m.Inline) > 0 })
	if !strings.Contains(answer.Text, "¿Cómo entrego una tarea en Moodle?") {
		t.Errorf("the voice note's answer = %q, want the article on handing in an assignment", answer.Text)
	}
	heard := h.waitText(askerChat, before, "Entendí: «¿cómo entrego mi tarea en moodle?»")
	if heard.Edited == 0 || heard.ReplyTo == 0 {
		t.Errorf("what was heard is %+v, want the listening message (a reply to the note) edited", heard)
	}
	if a := f.Audios(); len(a) != 1 || a[0].Model != "whisper-1" || a[0].Language != "es" || a[0].Name != "voice.oga" {
		t.Errorf("transcription requests %+v", a)
	}
	wantMetrics(t, h, `aulabot_llm_requests_total\{kind="transcribe",result="ok"\} 1`)
	if m := h.say(askerChat, "/privacy"); !strings.Contains(m.Text, "Sus notas de voz también se envían a ese servidor") {
		t.Errorf("/privacy does not say voice notes leave: %q", m.Text)
	}
}
