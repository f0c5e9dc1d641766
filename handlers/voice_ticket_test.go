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
	// A technician's round video: its words in a reply under ana's copy,
	// with the Reply button.
	files["round-T"] = []byte("mp4-T")
	heard.words["mp4-T"] = "Así se ve la configuración correcta"
	out = e.Handle(aulabot.Update{ChatID: groupMA, From: tec1, MessageID: 502, ReplyTo: &aulabot.Replied{MessageID: int(p.ID), FromBot: true},
		File: &aulabot.File{ID: "round-T", Kind: aulabot.FileVoice, MIME: "video/mp4", Size: 5, Seconds: 6}})
	var round aulabot.Message
	for _, m := range to(out, ana.ID) {
		if m.Copy != nil && m.Copy.MessageID == 502 {
			round = m
		}
	}
	got = runJobs(t, e)
	if round.Ref == "" || len(got) != 1 || got[0].ChatID != ana.ID || got[0].EditCaption || got[0].ReplyToRef != round.Ref ||
		!strings.Contains(got[0].Text, "configuración correcta") || htest.Buttons(got)["💬 Responder"] != "tk:r:UNMA-1" {
		t.Fatalf("the technician's round video heard: %+v, want its words in a reply to %q with Reply", got, round.Ref)
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

	// A round video has no caption: its words go in a reply under its
	// copy, in the ticket's lane.
	e.Press(ana, 0, 0, "tk:r:UNMA-1")
	files["round-1"] = []byte("mp4-R1")
	heard.words["mp4-R1"] = "Miren, la pantalla se queda en negro"
	var copied aulabot.Message
	for _, m := range to(e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 89,
		File: &aulabot.File{ID: "round-1", Kind: aulabot.FileVoice, MIME: "video/mp4", Size: 9, Seconds: 10}}), groupMA) {
		if m.Copy != nil && m.Copy.MessageID == 89 {
			copied = m
		}
	}
	got = runJobs(t, e)
	if copied.Ref == "" || len(got) != 1 || got[0].ChatID != groupMA || got[0].EditCaption || got[0].EditRef != "" || got[0].ReplyToRef != copied.Ref ||
		got[0].Lane != "UNMA-1" || !strings.Contains(got[0].Text, "Automatic transcript") || !strings.Contains(got[0].Text, "la pantalla se queda en negro") {
		t.Fatalf("the requester's round video heard: %+v, want its words in a reply to %q", got, copied.Ref)
	}
	if heard.asked[len(heard.asked)-1] != "voice.mp4 es" {
		t.Errorf("transcription asked %q, want the round video as mp4", heard.asked)
	}

	// A note over three minutes stays audio only.
	e.Press(ana, 0, 0, "tk:r:UNMA-1")
	files["voice-long"] = []byte("OggS-long")
	e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 90, File: &aulabot.File{ID: "voice-long", Kind: aulabot.FileVoice, MIME: "audio/ogg", Size: 9, Seconds: 181}})
	e.Deliver()
	if got := runJobs(t, e); len(got) != 0 || len(heard.asked) != 4 {
		t.Errorf("a long note: %q sent, %d transcriptions", texts(got), len(heard.asked))
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

// The words heard in a requester's round video, shown in the team group
// as a message of their own, go with their data like the video's copy:
// edited to the erased line and deleted. A round video whose words were
// never shown leaves no line in their place.
func TestVoice_RoundVideoWordsErased(t *testing.T) {
	e, files, heard := ticketVoiceEnv(t)
	ana := htest.Person(7204, "es")
	reportAsTeacher(t, e, ana)
	e.Press(ana, 0, 0, "tk:r:UNMA-1")
	files["round-E"] = []byte("mp4-E")
	heard.words["mp4-E"] = "Soy Ana Quispe, mi DNI es 4455"
	e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 93, File: &aulabot.File{ID: "round-E", Kind: aulabot.FileVoice, MIME: "video/mp4", Size: 5, Seconds: 8}})
	words := runJobs(t, e)
	if len(words) != 1 || !strings.Contains(words[0].Text, "Quispe") {
		t.Fatalf("the round video's words: %+v", words)
	}
	e.Press(ana, 0, 0, "tk:r:UNMA-1")
	files["round-F"] = []byte("mp4-F") // no words heard in it
	e.Handle(aulabot.Update{ChatID: ana.ID, From: ana, MessageID: 94, File: &aulabot.File{ID: "round-F", Kind: aulabot.FileVoice, MIME: "video/mp4", Size: 5, Seconds: 8}})
	runJobs(t, e)
	e.Text(ana, 0, "/deletemydata")
	out := e.Press(ana, 0, 0, "del:yes")
	var edited, deleted bool
	for _, m := range to(out, groupMA) {
		if m.EditMessageID == 0 {
			t.Errorf("the deletion sent the team group a new message: %+v", m)
		}
		if m.EditMessageID == int(words[0].ID) {
			edited = edited || (m.Text != "" && !strings.Contains(m.Text, "Quispe"))
			deleted = deleted || m.Delete
		}
	}
	if !edited || !deleted {
		t.Errorf("the words' message (%d) edited %v, deleted %v, after the deletion: %+v", words[0].ID, edited, deleted, to(out, groupMA))
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
