package handlers_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/handlers"
	"github.com/aulabot/aulabot/handlers/htest"
	"github.com/aulabot/aulabot/store"
)

// voiceFiles serves voice notes' bytes by file id, as Telegram would.
type voiceFiles map[string][]byte

func (f voiceFiles) ReadFile(_ context.Context, id string, offset, n int64) ([]byte, int64, error) {
	b, ok := f[id]
	if !ok {
		return nil, 0, errors.New("file not found")
	}
	return b[offset:min(int64(len(b)), offset+n)], int64(len(b)), nil
}

// ears transcribes by table (audio -> words) and records what it was
// asked; during, if set, runs while it listens.
type ears struct {
	mu     sync.Mutex
	words  map[string]string
	fail   error
	asked  []string // "name lang"
	during func()
}

func (e *ears) Transcribe(_ context.Context, audio []byte, name, lang string) (string, error) {
	e.mu.Lock()
	e.asked = append(e.asked, name+" "+lang)
	during, fail, words := e.during, e.fail, e.words[string(audio)]
	e.mu.Unlock()
	if during != nil {
		during()
	}
	return words, fail
}

// voiceEnv is an env whose bot hears voice notes: the files and the ears.
func voiceEnv(t *testing.T, cfg *aulabot.Config) (*htest.Env, voiceFiles, *ears) {
	e := htest.New(t, cfg)
	files := voiceFiles{}
	heard := &ears{words: map[string]string{}}
	e.H.Files, e.H.Voice = files, heard
	return e, files, heard
}

// sendVoice hands the handlers p's voice note of audio, as message msg.
func sendVoice(e *htest.Env, files voiceFiles, p aulabot.Person, msg int, audio string, seconds int) []aulabot.Message {
	id := "voice-" + audio
	files[id] = []byte(audio)
	return e.Handle(aulabot.Update{ChatID: p.ID, From: p, MessageID: msg,
		File: &aulabot.File{ID: id, Kind: aulabot.FileVoice, MIME: "audio/ogg", Size: len(audio), Seconds: seconds}})
}

// runJobs runs the background jobs and returns what they sent.
func runJobs(t *testing.T, e *htest.Env) []aulabot.Message {
	t.Helper()
	if err := e.H.RunBackgroundJobs(context.Background()); err != nil {
		t.Fatal(err)
	}
	return e.Deliver()
}

// A voice note is heard as the words it says: the bot says at once that it
// is listening (in reply to the note), then that message shows what it
// heard and the words get exactly the answer they get typed; the question
// is recorded with those words. The note's language is the person's.
func TestVoice_HeardAsTyped(t *testing.T) {
	e, files, heard := voiceEnv(t, nil)
	ana, typed := htest.Person(151, "es"), htest.Person(152, "es")
	e.Onboard(ana, "unma", "teacher")
	e.Onboard(typed, "unma", "teacher")
	question := "¿Cómo recupero mi contraseña del aula virtual?"
	heard.words["OggS-1"] = " " + question + " "

	out := sendVoice(e, files, ana, 500, "OggS-1", 6)
	if len(out) != 1 || !strings.Contains(out[0].Text, "Escuchando su nota de voz") || out[0].ReplyTo != 500 || out[0].Ref == "" {
		t.Fatalf("a voice note is answered %+v, want the listening message replying to it", out)
	}
	if n := questionsOf(t, e, ana.ID); n != 0 {
		t.Fatalf("%d questions before the note was heard", n)
	}
	got := runJobs(t, e)
	want := e.Text(typed, 0, question)
	var edit, answer *aulabot.Message
	for i := range got {
		switch {
		case got[i].EditRef == out[0].Ref:
			edit = &got[i]
		case got[i].ChatID == ana.ID:
			answer = &got[i]
		}
	}
	if edit == nil || !strings.Contains(edit.Text, "Entendí: «"+question+"»") {
		t.Errorf("the listening message became %+v, want what was heard", edit)
	}
	if answer == nil || len(want) == 0 || answer.Text != want[len(want)-1].Text || len(answer.Inline) == 0 {
		t.Errorf("the heard question got %+v, want the typed one's answer %q", answer, texts(want))
	}
	if q := lastQuestion(t, e, ana); q.Text != question || q.MessageID != 500 {
		t.Errorf("recorded %+v, want the words heard, on the voice note's message", q)
	}
	if len(heard.asked) != 1 || heard.asked[0] != "voice.oga es" {
		t.Errorf("transcription asked %q, want an Ogg note in Spanish", heard.asked)
	}
	if again := runJobs(t, e); len(again) != 0 {
		t.Errorf("heard twice: %+v", again)
	}
}

// What cannot be heard is said plainly and ends: a transcription that
// fails, a note without words, a file that cannot be fetched; a note
// over three minutes is refused at once, during onboarding too. None
// records a question or leaves a job.
func TestVoice_NotHeard(t *testing.T) {
	e, files, heard := voiceEnv(t, nil)
	en := htest.Person(153, "en")
	e.Onboard(en, "unma", "student")
	heard.words["mumble"] = " … "
	for _, c := range []struct {
		name, audio string
		fail        error
		drop        bool
		want        string
	}{
		{"ServerDown", "OggS-2", errors.New("502 Bad Gateway"), false, "I couldn't listen to your voice note just now"},
		{"NoWords", "mumble", nil, false, "I couldn't make out any words in your voice note"},
		{"FileGone", "OggS-3", nil, true, "I couldn't listen to your voice note just now"},
	} {
		heard.fail = c.fail
		out := sendVoice(e, files, en, 600, c.audio, 4)
		if c.drop {
			delete(files, "voice-"+c.audio)
		}
		got := runJobs(t, e)
		if len(got) != 1 || got[0].EditRef != out[0].Ref || !strings.Contains(got[0].Text, c.want) {
			t.Errorf("%s: %+v, want the listening message to say %q", c.name, got, c.want)
		}
	}
	heard.fail = nil
	if out := sendVoice(e, files, en, 601, "OggS-long", 181); len(out) != 1 || !strings.Contains(out[0].Text, "up to 3 minutes") {
		t.Errorf("a note of 181 s: %q", texts(out))
	}
	var jobs []aulabot.Job
	_ = e.Store.View(func(tx *store.Tx) (err error) { jobs, err = tx.BackgroundJobs(10); return err })
	if n := questionsOf(t, e, en.ID); n != 0 || len(jobs) != 0 {
		t.Errorf("%d questions and jobs %+v left", n, jobs)
	}
	newcomer := htest.Person(154, "es")
	e.Text(newcomer, 0, "/start")
	if out := sendVoice(e, files, newcomer, 700, "OggS-4", 181); len(out) != 1 || !strings.Contains(out[0].Text, "hasta 3 minutos") {
		t.Errorf("a note of 181 s during onboarding: %q", texts(out))
	}
}

// A voice note counts against the question limit when it comes, and its
// words are not counted again: with one question a minute, the note's
// words are answered and a typed question right after is refused.
func TestVoice_QuestionLimit(t *testing.T) {
	cfg := config.Demo()
	cfg.Limits.QuestionsPerMinute = 1
	e, files, heard := voiceEnv(t, cfg)
	ana := htest.Person(155, "es")
	e.Onboard(ana, "unma", "teacher")
	heard.words["OggS-5"] = "¿Cómo creo un cuestionario en Moodle?"
	sendVoice(e, files, ana, 800, "OggS-5", 5)
	runJobs(t, e)
	if n := questionsOf(t, e, ana.ID); n != 1 {
		t.Fatalf("%d questions after the heard note, want 1", n)
	}
	if out := e.Text(ana, 0, "¿Cómo subo una tarea?"); !strings.Contains(texts(out), "máximo de preguntas") {
		t.Errorf("a typed question over the limit: %q", texts(out))
	}
}

// Someone who deletes their data while their voice note is being heard
// gets nothing from it: no answer, no question kept, no welcome as a
// stranger.
func TestVoice_DeletedWhileHeard(t *testing.T) {
	e, files, heard := voiceEnv(t, nil)
	ana := htest.Person(156, "es")
	e.Onboard(ana, "unma", "teacher")
	heard.words["OggS-6"] = "¿Cómo creo un cuestionario en Moodle?"
	heard.during = func() {
		e.Text(ana, 0, "/deletemydata")
		e.Press(ana, 0, 0, "del:yes")
	}
	sendVoice(e, files, ana, 900, "OggS-6", 5)
	before := len(e.Sent(ana.ID))
	if got := runJobs(t, e); len(got) != 0 {
		t.Errorf("after the deletion the note gave %+v", got)
	}
	if n := questionsOf(t, e, ana.ID); n != 0 {
		t.Errorf("%d questions kept", n)
	}
	// Only the deletion's own conversation (its question and its
	// confirmation) reached the person.
	for _, m := range e.Sent(ana.ID)[before:] {
		if !strings.Contains(m.Text, "borrar sus datos") && !strings.Contains(m.Text, "datos personales fueron borrados") {
			t.Errorf("sent %q", m.Text)
		}
	}
}

// A flow waiting for words gets the words of a voice note: a
// coordinator says the title of a new training, and is asked its time.
func TestVoice_FillsAFlow(t *testing.T) {
	e, files, heard := voiceEnv(t, nil)
	e.Onboard(coordUNMA, "unma", "teacher")
	e.Text(coordUNMA, 0, "/newevent")
	heard.words["OggS-7"] = "Cuestionarios en Moodle"
	sendVoice(e, files, coordUNMA, 1000, "OggS-7", 3)
	got := runJobs(t, e)
	if !strings.Contains(texts(got), "When is it?") || !strings.Contains(texts(got), "I heard: “Cuestionarios en Moodle”") {
		t.Errorf("the title said in a voice note: %q", texts(got))
	}
}

// The words of a voice note, heard on a background worker, and a message
// typed meanwhile are handled one after the other, never both from the
// same state: at a step that takes one title, one of them is the title;
// the other is the typed message read at the next step, or the words,
// shown but not used since the chat went on.
func TestVoice_OneUpdateOfAChatAtATime(t *testing.T) {
	e, files, heard := voiceEnv(t, nil)
	e.Onboard(coordUNMA, "unma", "teacher")
	heard.words["OggS-8"] = "Cuestionarios en Moodle"
	for round := range 20 {
		e.Text(coordUNMA, 0, "/cancel")
		e.Text(coordUNMA, 0, "/newevent")
		sendVoice(e, files, coordUNMA, 2000+round, "OggS-8", 3)
		before := len(e.Sent(coordUNMA.ID))
		var wg sync.WaitGroup
		wg.Go(func() {
			if err := e.H.RunBackgroundJobs(context.Background()); err != nil {
				t.Error(err)
			}
		})
		wg.Go(func() { e.Handle(aulabot.Update{ChatID: coordUNMA.ID, From: coordUNMA, Text: "Rúbricas"}) })
		wg.Wait()
		e.Deliver()
		if n := countWith(e.Sent(coordUNMA.ID)[before:], "When is it?"); n != 1 {
			t.Fatalf("round %d: the title step answered %d times, want once: %q", round, n, texts(e.Sent(coordUNMA.ID)[before:]))
		}
	}
}

// Words whose handling fails (a bug: here no knowledge base to answer
// from) get the apology once; the note is not heard again, and its
// listening message shows what was heard.
func TestVoice_FailedWordsAreNotHeardAgain(t *testing.T) {
	e, files, heard := voiceEnv(t, nil)
	ana := htest.Person(157, "es")
	e.Onboard(ana, "unma", "teacher")
	heard.words["OggS-9"] = "¿Cómo creo un cuestionario en Moodle?"
	out := sendVoice(e, files, ana, 1100, "OggS-9", 4)
	e.H.Knowledge = nil
	got := runJobs(t, e)
	var edit aulabot.Message
	for _, m := range got {
		if m.EditRef == out[0].Ref {
			edit = m
		}
	}
	if !strings.Contains(texts(got), "algo falló de nuestro lado") || !strings.Contains(edit.Text, "Entendí: «¿Cómo creo un cuestionario en Moodle?»") {
		t.Errorf("failed words gave %q", texts(got))
	}
	if again := runJobs(t, e); len(again) != 0 || len(heard.asked) != 1 {
		t.Errorf("heard again: %q, %d transcriptions", texts(again), len(heard.asked))
	}
}

// /gaps marks the questions heard from a voice note, so that a
// coordinator can tell a transcription's slip from a person's words.
func TestVoice_MarkedInGaps(t *testing.T) {
	e, files, heard := voiceEnv(t, nil)
	ana := htest.Person(158, "es")
	e.Onboard(ana, "unma", "teacher")
	heard.words["OggS-10"] = "¿Quién arregla el proyector del salón cinco?"
	sendVoice(e, files, ana, 1200, "OggS-10", 4)
	runJobs(t, e)
	e.Text(ana, 0, "¿Dónde se recarga la tarjeta del comedor?")
	if q := lastQuestion(t, e, ana); q.Voice {
		t.Errorf("a typed question is marked as heard: %+v", q)
	}
	got := texts(e.Text(coordUNMA, 0, "/gaps"))
	if !strings.Contains(got, "🎤 ¿Quién arregla el proyector del salón cinco?") || strings.Contains(got, "🎤 ¿Dónde se recarga") ||
		!strings.Contains(got, "said in a voice note") {
		t.Errorf("/gaps = %q", got)
	}
}

// A voice note sent where a report waits for its description describes
// the problem: it is attached for the team and, once heard, its words are
// the ticket's description.
func TestVoice_DescribesAReport(t *testing.T) {
	e, files, heard := voiceEnv(t, nil)
	ana := htest.Person(159, "es")
	e.Onboard(ana, "unma", "teacher")
	const words = "No puedo subir el video de mi clase, da error 413"
	heard.words["OggS-11"] = words
	e.Text(ana, 0, "/problem")
	e.Press(ana, 0, 0, "tk:cat:upload")
	out := sendVoice(e, files, ana, 1300, "OggS-11", 9)
	if !strings.Contains(texts(out), "La adjunto al ticket") {
		t.Fatalf("a voice note for the description: %q", texts(out))
	}
	got := runJobs(t, e)
	got = stillNeedHelp(e, ana, got) // the knowledge base's answer first, if it has one
	ts, _ := e.Store.Tickets("unma", true)
	if len(ts) != 1 || ts[0].Description != words {
		t.Fatalf("tickets %+v, want one described by the voice note's words (%q)", ts, texts(got))
	}
	copied := false
	for _, m := range got {
		copied = copied || (m.Copy != nil && m.Copy.MessageID == 1300 && m.ChatID < 0)
	}
	if !copied || !strings.Contains(texts(got), "UNMA-1") {
		t.Errorf("the voice note copied to the team: %v; the requester told %q", copied, texts(got))
	}
}

// A voice note asked as a question ("no puedo entrar al aula virtual,
// me sale error") is answered with Report to the technical team first;
// the ticket it makes carries the note itself, copied to the team with
// the words heard, as a screenshot under typed words is. It carried the
// words alone, and a transcription's slip had nothing to check against.
func TestVoice_QuestionReportCarriesTheNote(t *testing.T) {
	e, files, heard := voiceEnv(t, nil)
	ana := htest.Person(158, "es")
	e.Onboard(ana, "unma", "teacher")
	const words = "no puedo entrar al aula virtual, me sale un error"
	heard.words["OggS-12"] = words
	sendVoice(e, files, ana, 1310, "OggS-12", 6)
	out := reportToTeam(t, e, ana, runJobs(t, e), aulabot.CategoryLMS)
	copied := false
	for _, m := range out {
		copied = copied || (m.Copy != nil && m.Copy.MessageID == 1310 && m.ChatID < 0)
	}
	ts, _ := e.Store.Tickets("unma", true)
	if len(ts) != 1 || ts[0].Description != words || len(ts[0].Files) != 1 || ts[0].Files[0].File.Kind != aulabot.FileVoice || !copied {
		t.Errorf("tickets %+v, the note copied to the team: %v", ts, copied)
	}
}

// Words heard after the chat went on (here the person started a report
// while their question was being heard) are shown, not used: nothing is
// recorded and the report waits as it was.
func TestVoice_ChatWentOn(t *testing.T) {
	e, files, heard := voiceEnv(t, nil)
	ana := htest.Person(160, "es")
	e.Onboard(ana, "unma", "teacher")
	heard.words["OggS-12"] = "¿Cómo creo un cuestionario en Moodle?"
	out := sendVoice(e, files, ana, 1400, "OggS-12", 4)
	e.Text(ana, 0, "/problem")
	got := runJobs(t, e)
	if len(got) != 1 || got[0].EditRef != out[0].Ref || !strings.Contains(got[0].Text, "la conversación siguió, así que no la usé") {
		t.Errorf("words heard after the chat went on: %q", texts(got))
	}
	if n := questionsOf(t, e, ana.ID); n != 0 {
		t.Errorf("%d questions recorded", n)
	}
	if out := e.Press(ana, 0, 0, "tk:cat:upload"); !strings.Contains(texts(out), "Cuénteme el problema") {
		t.Errorf("the report after the words: %q", texts(out))
	}
}

// A long voice note is answered: its words are not refused as "too long"
// as a typed question over MaxQuestion is (the person cannot count the
// characters of what they said), and words past MaxHeardQuestion are cut.
func TestVoice_LongNoteAnswered(t *testing.T) {
	e, files, heard := voiceEnv(t, nil)
	ana := htest.Person(161, "es")
	e.Onboard(ana, "unma", "teacher")
	long := "¿Cómo recupero mi contraseña del aula virtual? " + strings.Repeat("Le cuento que lo intenté varias veces desde el teléfono y desde la computadora de la facultad. ", 12)
	if n := len([]rune(long)); n <= handlers.MaxQuestion || n > handlers.MaxHeardQuestion {
		t.Fatalf("the note's words are %d characters", n)
	}
	if out := e.Text(ana, 0, long); !strings.Contains(texts(out), "muy larga") {
		t.Fatalf("typed, the same words: %q", texts(out))
	}
	heard.words["OggS-13"] = long
	sendVoice(e, files, ana, 1500, "OggS-13", 90)
	got := runJobs(t, e)
	if strings.Contains(texts(got), "muy larga") || !strings.Contains(texts(got), "contraseña") || questionsOf(t, e, ana.ID) != 1 {
		t.Errorf("a 90-second note: %q, %d questions", texts(got), questionsOf(t, e, ana.ID))
	}
	heard.words["OggS-14"] = strings.Repeat("palabra ", 1000)
	sendVoice(e, files, ana, 1600, "OggS-14", 170)
	got = runJobs(t, e)
	if len(got) == 0 || !strings.Contains(got[0].Text, "palabra…") || handlers.VisibleLen(got[0].Text) > aulabot.MaxMessageText {
		t.Errorf("8,000 characters heard: %q", texts(got))
	}
}

// A voice note sent before onboarding is kept as a written question is:
// onboarding begins with buttons and says so, /start keeps it, and after
// the last step the note is heard and its words answered as the person
// now onboarded. A question typed after it wins, as the latest question
// does. Without a transcription model onboarding begins and says to type
// the question at its end.
func TestVoice_BeforeOnboarding(t *testing.T) {
	e, files, heard := voiceEnv(t, nil)
	p := htest.Person(170, "es")
	heard.words["OggS-20"] = "¿cómo entrego mi tarea en moodle?"
	out := sendVoice(e, files, p, 2000, "OggS-20", 4)
	if len(out) != 1 || htest.Buttons(out)["🇵🇪 Español"] != "lang:es" || !strings.Contains(out[0].Text, "Guardé su nota de voz") {
		t.Fatalf("a voice note first: %q %v", texts(out), htest.Buttons(out))
	}
	if out := e.Text(p, 0, "/start"); !strings.Contains(texts(out), "Guardé su nota de voz") {
		t.Errorf("/start after the note: %q", texts(out))
	}
	e.Press(p, 0, 0, "lang:es")
	e.Press(p, 0, 0, "uni:unma")
	out = said(e.Press(p, 0, 0, "role:student"))
	last := out[len(out)-1]
	if !strings.Contains(texts(out), "Le registré como estudiante") || !strings.Contains(last.Text, "Escuchando su nota de voz") || last.ReplyTo != 2000 {
		t.Fatalf("the last step: %q, want the menu, then listening in reply to the note", texts(out))
	}
	if len(heard.asked) != 0 {
		t.Fatalf("heard before the job ran: %q", heard.asked)
	}
	got := runJobs(t, e)
	if !strings.Contains(texts(got), "Entendí: «¿cómo entrego mi tarea en moodle?»") || !strings.Contains(texts(got), "Fuente:") {
		t.Errorf("the held note heard: %q", texts(got))
	}
	qs := storedQuestions(t, e, "unma")
	if len(qs) != 1 || !qs[0].Voice || qs[0].Role != aulabot.RoleStudent || qs[0].UserID != p.ID {
		t.Errorf("questions kept: %+v", qs)
	}

	// A question typed after the note is the one kept.
	q := htest.Person(171, "es")
	sendVoice(e, files, q, 2100, "OggS-20", 4)
	e.Text(q, 0, "como veo mis notas")
	e.Press(q, 0, 0, "lang:es")
	e.Press(q, 0, 0, "uni:unma")
	out = e.Press(q, 0, 0, "role:student")
	if strings.Contains(texts(out), "Escuchando") || !strings.Contains(texts(out), "Fuente:") {
		t.Errorf("the typed question after the note: %q", texts(out))
	}
	if got := runJobs(t, e); len(got) != 0 {
		t.Errorf("the note replaced by the question was heard: %q", texts(got))
	}

	// Without a model.
	deaf := htest.New(t, nil)
	r := htest.Person(172, "en")
	out = deaf.Handle(aulabot.Update{ChatID: r.ID, From: r, MessageID: 5, File: voiceNote()})
	if len(out) != 1 || htest.Buttons(out)["🇬🇧 English"] != "lang:en" || !strings.Contains(out[0].Text, "please type your question") {
		t.Errorf("a voice note first, without a model: %q %v", texts(out), htest.Buttons(out))
	}
}

// Staff known from the configuration who send a voice note before /start
// are greeted with their menu, as a written first message greets them,
// and the note is heard and answered at once.
func TestVoice_StaffBeforeGreeting(t *testing.T) {
	e, files, heard := voiceEnv(t, nil)
	coord := htest.Person(5001, "es")
	heard.words["OggS-30"] = "¿cómo creo un cuestionario en moodle?"
	out := sendVoice(e, files, coord, 3000, "OggS-30", 4)
	if !strings.Contains(texts(out), "La configuración del programa le reconoce como") || !strings.Contains(texts(out), "Escuchando su nota de voz") {
		t.Fatalf("a coordinator's first voice note: %q", texts(out))
	}
	got := runJobs(t, e)
	if !strings.Contains(texts(got), "Entendí: «¿cómo creo un cuestionario en moodle?»") || !strings.Contains(texts(got), "Fuente:") {
		t.Errorf("the coordinator's note heard: %q", texts(got))
	}
}

// A voice note whose job is given up (it failed maxJobFailures times in a
// row) is not transcribed again: its listening message says it could not
// be heard, and no job is left. One of a ticket's conversation is ended
// without a word to anyone: its audio is there.
func TestVoice_GivenUp(t *testing.T) {
	e, files, heard := ticketVoiceEnv(t)
	ana := htest.Person(162, "es")
	heard.words["OggS-40"] = "¿Cómo creo un cuestionario en Moodle?"
	e.Onboard(ana, "unma", "teacher")
	out := sendVoice(e, files, ana, 4001, "OggS-40", 4)
	bob := htest.Person(163, "es")
	reportAsTeacher(t, e, bob)
	e.Press(bob, 0, 0, "tk:r:UNMA-1")
	sendVoice(e, files, bob, 4002, "OggS-40", 4)
	jobs := backgroundJobs(t, e)
	if len(jobs) != 2 {
		t.Fatalf("jobs %+v, want the question's and the ticket's", jobs)
	}
	for _, j := range jobs {
		e.H.ExhaustJob(j.ID)
	}
	got := runJobs(t, e)
	if len(got) != 1 || got[0].EditRef != out[0].Ref || !strings.Contains(got[0].Text, "No pude escuchar su nota de voz") {
		t.Errorf("given up: %q, want only the listening message to say it", texts(got))
	}
	if len(heard.asked) != 0 || len(backgroundJobs(t, e)) != 0 {
		t.Errorf("transcribed %q; jobs left %+v", heard.asked, backgroundJobs(t, e))
	}
}
