package handlers_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/handlers"
	"github.com/aulabot/aulabot/handlers/htest"
)

// A voice note in a ticket's conversation is heard for the other side:
// the technician's reply reaches the requester as audio whose caption
// then carries its words (in the requester's language, Reply button
// kept), and the requester's reply reaches the team group likewise, so
// that either can read instead of listen. Nobody gets a "listening"
// message; the words are heard in the sender's language. A round video
// (no caption to carry them) and a note over three minutes are not heard.
func TestVoice_TicketConversationHeard(t *testing.T) {
	e, files, heard := ticketVoiceEnv(t)
	ana := htest.Person(7201, "es")
	p := post(t, to(reportAsTeacher(t, e, ana), groupMA), "UNMA-1")

	files["voice-T1"] = []byte("OggS-T1")
	heard.words["OggS-T1"] = "Borre la caché del navegador y entre de nuevo"
	out := e.Handle(aulabot.Update{ChatID: groupMA, From: tec1, MessageID: 501, ReplyTo: &aulabot.Replied{MessageID: int(p.ID), FromBot: true},
		File: &aulabot.File{ID: "voice-T1", Kind: aulabot.FileVoice, MIME: "audio/ogg", Size: 7, Seconds: 5}})
	var relay aulabot.Message
	for _, m := range to(out, ana.ID) {
		if m.Copy != nil && m.Copy.MessageID == 501 {
			relay = m
		}
	}
	if relay.Copy == nil || strings.Contains(texts(out), "Listening") || strings.Contains(texts(out), "Escuchando") {
		t.Fatalf("the technician's voice reply: %q", texts(out))
	}
	got := runJobs(t, e)
	if len(got) != 1 || got[0].ChatID != ana.ID || got[0].EditRef != relay.Ref || !got[0].EditCaption ||
		!strings.Contains(got[0].Text, "Transcripción automática") || !strings.Contains(got[0].Text, "Borre la caché del navegador") {
		t.Fatalf("the technician's note heard: %+v, want its words in the caption of %q", got, relay.Ref)
	}
	if htest.Buttons(got)["💬 Responder"] != "tk:r:UNMA-1" {
		t.Errorf("the Reply button went with the edit: %q", htest.Buttons(got))
	}
	if len(heard.asked) != 1 || heard.asked[0] != "voice.oga en" {
		t.Errorf("transcription asked %q, want the technician's note in English", heard.asked)
	}

	// The requester's note, after Reply, goes to the team group: its copy
	// is then captioned with the words, in the group's language.
	e.Press(ana, 0, 0, "tk:r:UNMA-1")
	sendVoice(e, files, ana, 88, "OggS-A1", 8)
	heard.words["OggS-A1"] = "Ya lo hice y se sigue cortando"
	got = runJobs(t, e)
	if len(got) != 1 || got[0].ChatID != groupMA || !got[0].EditCaption || got[0].Lane != "UNMA-1" ||
		!strings.Contains(got[0].Text, "Automatic transcript") || !strings.Contains(got[0].Text, "Ya lo hice y se sigue cortando") {
		t.Fatalf("the requester's note heard: %+v", got)
	}
	view := strings.Join(mapValues(groupView(t, e, groupMA, nil)), "\n")
	if !strings.Contains(view, "[file from chat 7201] 📎 <b>UNMA-1</b>") || !strings.Contains(view, "Ya lo hice y se sigue cortando") {
		t.Errorf("the team group shows:\n%s", view)
	}

	// A round video and a note over three minutes stay audio only.
	e.Press(ana, 0, 0, "tk:r:UNMA-1")
	e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 89, File: &aulabot.File{ID: "round-1", Kind: aulabot.FileVoice, MIME: "video/mp4", Size: 9, Seconds: 10}})
	e.Press(ana, 0, 0, "tk:r:UNMA-1")
	files["voice-long"] = []byte("OggS-long")
	e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 90, File: &aulabot.File{ID: "voice-long", Kind: aulabot.FileVoice, MIME: "audio/ogg", Size: 9, Seconds: 181}})
	e.Deliver()
	if got := runJobs(t, e); len(got) != 0 || len(heard.asked) != 2 {
		t.Errorf("a round video and a long note: %q sent, %d transcriptions", texts(got), len(heard.asked))
	}
}

// The words of a requester's note go with their data: a note still to be
// heard when they delete it is never heard, and words heard but not yet
// shown in the team group are never shown there.
func TestVoice_TicketWordsErased(t *testing.T) {
	e, files, heard := ticketVoiceEnv(t)
	ana, bob := htest.Person(7202, "es"), htest.Person(7203, "es")
	for i, p := range []aulabot.Person{ana, bob} {
		reportAsTeacher(t, e, p)
		e.Press(p, 0, 0, fmt.Sprintf("tk:r:UNMA-%d", i+1))
	}
	heard.words["OggS-E1"] = "Me llamo Ana Quispe y mi DNI es 4455"
	heard.words["OggS-E2"] = "Soy Bob, mi teléfono es 999 111 222"

	sendVoice(e, files, bob, 92, "OggS-E2", 5) // to be heard
	e.Text(bob, 0, "/deletemydata")
	e.Press(bob, 0, 0, "del:yes")
	sendVoice(e, files, ana, 91, "OggS-E1", 5)
	e.Text(ana, 0, "/deletemydata")
	if err := e.H.RunBackgroundJobs(t.Context()); err != nil { // ana's heard; the caption's edit queued, not sent
		t.Fatal(err)
	}
	e.Press(ana, 0, 0, "del:yes")
	runJobs(t, e)
	if len(heard.asked) != 1 {
		t.Errorf("%d notes transcribed, want only ana's, heard before her deletion", len(heard.asked))
	}
	for _, m := range e.Sent(groupMA) { // every message and edit the group ever got
		if strings.Contains(m.Text, "Quispe") || strings.Contains(m.Text, "999") || strings.Contains(m.Text, "Automatic transcript") {
			t.Errorf("the team group was shown %q", m.Text)
		}
	}
}

// ticketVoiceEnv is voiceEnv with the team groups in English.
func ticketVoiceEnv(t *testing.T) (*htest.Env, voiceFiles, *ears) {
	cfg := config.Demo()
	cfg.Language = aulabot.LangEN
	return voiceEnv(t, cfg)
}

// reportAsTeacher onboards p as a teacher of unma who reports a video
// call that drops, and returns what the bot sent.
func reportAsTeacher(t *testing.T, e *htest.Env, p aulabot.Person) []aulabot.Message {
	e.Onboard(p, "unma", "teacher")
	return report(t, e, p, "video", "La videollamada se corta cada pocos minutos")
}

func mapValues(m map[int]string) []string {
	var out []string
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

// Words longer than a caption holds are cut, with "…", so that the copy's
// caption stays within Telegram's 1,024 characters: emoji count twice, as
// Telegram counts them.
func TestVoice_TicketLongWordsFit(t *testing.T) {
	e, files, heard := ticketVoiceEnv(t)
	ana := htest.Person(7204, "es")
	reportAsTeacher(t, e, ana)
	for _, words := range []string{strings.Repeat("🎓 no entra ", 300), strings.Repeat("a", 799), strings.Repeat("señal <&> ", 100)} {
		heard.words["OggS-L"] = words
		e.Press(ana, 0, 0, "tk:r:UNMA-1")
		sent := sendVoice(e, files, ana, 95, "OggS-L", 60)
		got := runJobs(t, e)
		if len(got) != 1 || !got[0].EditCaption {
			t.Fatalf("%d runes of words: %q after %q", len([]rune(words)), texts(got), texts(sent))
		}
		n := handlers.VisibleLen(got[0].Text)
		cut := strings.HasSuffix(got[0].Text, "…”")
		if n > aulabot.MaxCaption || cut != (len([]rune(words)) > 800) {
			t.Errorf("%d runes of words: a caption of %d characters, cut %v", len([]rune(words)), n, cut)
		}
	}
}
