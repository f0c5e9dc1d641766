package main

import (
	"context"
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/sandbox"
	"github.com/aulabot/aulabot/store"
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

// TestE2E_VoiceNoteSurvivesRestart: a bot stopped while it transcribes a
// voice note hears it after the restart, and answers it once.
func TestE2E_VoiceNoteSurvivesRestart(t *testing.T) {
	h, f := llmHarnessWith(t, func(s *Settings) { s.TranscribeModel = "whisper-1" })
	f.SetReply("NOT_COVERED")
	f.SetTranscript(func([]byte, string) string { return "¿cómo entrego mi tarea en moodle?" })
	onboarded(t, h, askerChat, "es", aulabot.RoleStudent)
	release := f.Hold()
	before := h.lastBot(askerChat)
	h.SB.SendVoice(askerChat, askerChat, []byte("OggS"), 3)
	waitStarted(t, f)
	h.stop() // the transcription never came back: the job stays
	s, err := store.Open(h.Data, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var jobs []aulabot.Job
	s.View(func(tx *store.Tx) (err error) { jobs, err = tx.BackgroundJobs(10); return err })
	s.Close()
	if len(jobs) != 1 || jobs[0].Kind != aulabot.JobVoice {
		t.Fatalf("jobs after the stop: %+v, want the voice note's", jobs)
	}
	release()
	h.start()
	h.waitNew(askerChat, before, func(m sandbox.Message) bool { return len(m.Inline) > 0 })
	h.M.Handlers.RunBackgroundJobs(context.Background())
	if n := h.countBot(askerChat, "¿Cómo entrego una tarea en Moodle?"); n != 1 {
		t.Errorf("answered %d times, want once", n)
	}
}

// countBot counts the bot's messages in chat that contain text.
func (h *harness) countBot(chat int64, text string) int {
	n := 0
	for _, m := range h.SB.Messages(chat) {
		if m.FromBot && strings.Contains(m.Text, text) {
			n++
		}
	}
	return n
}

// TestE2E_VoiceDescribesAReport: a teacher describes a technical problem
// by voice; the real bot attaches the note (its content checked as the
// other attachments are), hears it, and the ticket carries the words as
// its description and the note for the team.
func TestE2E_VoiceDescribesAReport(t *testing.T) {
	h, f := llmHarnessWith(t, func(s *Settings) { s.TranscribeModel = "whisper-1" })
	f.SetReply("NOT_COVERED")
	const words = "No puedo subir el video de mi clase, da error 413 al final"
	f.SetTranscript(func([]byte, string) string { return words })
	onboarded(t, h, askerChat, "es", aulabot.RoleTeacher)
	got := h.reportEs(askerChat, func(before int) {
		h.SB.SendVoice(askerChat, askerChat, []byte("OggS\x00\x02 una nota de voz"), 6)
		h.waitText(askerChat, before, "La adjunto al ticket")
	})
	var ts []aulabot.Ticket
	h.M.Store.View(func(tx *store.Tx) (err error) { ts, err = tx.Tickets("unma", true); return err })
	if len(ts) != 1 || ts[0].Description != words || len(ts[0].Files) != 1 {
		t.Fatalf("tickets %+v, want one described by the note's words with the note attached (%q)", ts, got.Text)
	}
}

// TestE2E_VoiceTicketConversation: a teacher answers the team by voice;
// the real bot copies the note into the team group under the ticket's
// post, hears it, and edits the copy's caption to carry its words
// (editMessageCaption through the emulator), the audio left as it was.
func TestE2E_VoiceTicketConversation(t *testing.T) {
	h, f := llmHarnessWith(t, func(s *Settings) { s.TranscribeModel = "whisper-1" })
	f.SetReply("NOT_COVERED")
	const words, group = "Ya borré la caché y el aula sigue sin abrir", -2001
	f.SetTranscript(func(audio []byte, lang string) string {
		if string(audio) == "OggS respuesta" && lang == "es" {
			return words
		}
		return ""
	})
	onboarded(t, h, askerChat, "es", aulabot.RoleTeacher)
	h.reportEs(askerChat, func(int) { h.SB.SendText(askerChat, askerChat, "No puedo subir el video de mi clase, da error 413") })
	post := h.waitText(group, 0, "UNMA-1")
	before := h.lastBot(askerChat)
	h.SB.SendReply(3001, group, post.ID, "Please clear the cache and try again")
	relay := h.waitText(askerChat, before, "Please clear the cache")
	before = h.lastBot(askerChat)
	h.press(askerChat, relay, "Responder")
	h.waitNew(askerChat, before, func(m sandbox.Message) bool { return m.ID > before })
	last := h.lastBot(group)
	h.SB.SendVoice(askerChat, askerChat, []byte("OggS respuesta"), 4)
	note := h.waitNew(group, last, func(m sandbox.Message) bool {
		return m.File != nil && m.File.Voice && m.ReplyTo == post.ID && m.Edited > 0
	})
	if !strings.Contains(note.Plain, "Transcripción automática: «"+words+"»") || !strings.Contains(note.Plain, "UNMA-1") {
		t.Errorf("the note's copy in the team group reads %q", note.Plain)
	}
	if a := f.Audios(); len(a) != 1 || a[0].Language != "es" {
		t.Errorf("transcription requests %+v", a)
	}
}

// reportEs takes a Spanish-speaking teacher in chat through /problem
// (upload category), describe giving the description (before is the
// bot's last message then), and past the knowledge base's offer if one
// comes; it returns the bot's message that names the ticket.
func (h *harness) reportEs(chat int64, describe func(before int)) sandbox.Message {
	h.t.Helper()
	m := h.say(chat, "/problem")
	before := h.lastBot(chat)
	h.press(chat, m, "Entregar o subir")
	h.waitText(chat, before, "Cuénteme el problema")
	before = h.lastBot(chat)
	describe(before)
	got := h.waitNew(chat, before, func(m sandbox.Message) bool {
		return strings.Contains(m.Text, "UNMA-") || strings.Contains(m.Text, "necesito ayuda") || len(m.Inline) > 1
	})
	if !strings.Contains(got.Text, "UNMA-") {
		before = h.lastBot(chat)
		h.press(chat, got, "necesito ayuda")
		got = h.waitText(chat, before, "UNMA-")
	}
	return got
}
