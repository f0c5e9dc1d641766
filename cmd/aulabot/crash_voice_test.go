package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/knowledge/llmfake"
	"github.com/aulabot/aulabot/sandbox"
	"github.com/aulabot/aulabot/store"
)

// TestCrash_VoiceNote kills the real binary (SIGKILL) while a voice note
// is on its way, at three moments: just after the note was sent (before
// or after the bot took it), while the server transcribes it, and just as
// the transcription comes back (racing the words' commit and the answer's
// job). After each restart the note is heard and answered: every note
// ends as one question kept with its words, its listening message shows
// what was heard, it has its answer, and no job is left.
func TestCrash_VoiceNote(t *testing.T) {
	t.Parallel()
	w, _ := newWorld(t, simConfig, 0, sandbox.Faults{}, 0)
	const words = "¿cómo entrego mi tarea en moodle?"
	f := llmfake.New(t)
	f.SetReply("NOT_COVERED") // the LLM declines: the article itself is the answer
	f.SetTranscript(func([]byte, string) string { return words })
	w.run.env = append(w.run.env, "OPENAI_API_KEY=test-key", "OPENAI_BASE_URL="+f.URL(), "OPENAI_TRANSCRIBE_MODEL=whisper-1")
	const ana = 780001
	w.sb.AddUser(sandbox.User{ID: ana, FirstName: "Ana", LanguageCode: "es"})
	s, err := store.Open(w.run.dataPath(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	err = s.Update(func(tx *store.Tx) error {
		return tx.PutUser(aulabot.User{ID: ana, Name: "Ana", Lang: "es", University: w.cfg.Universities[0].ID, Role: aulabot.RoleStudent, ConsentAt: time.Now()})
	})
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	w.run.start()

	// count counts the bot's messages to ana: the answers (an article,
	// with its source), the listening messages that show what was heard
	// and those that still say they listen. An answer may come twice
	// after a kill (it was in flight); a listening message is edited.
	count := func() (answers, heard, listening int) {
		for _, m := range w.sb.Messages(ana) {
			switch {
			case !m.FromBot:
			case strings.Contains(m.Text, "📚"):
				answers++
			case strings.Contains(m.Text, "Entendí: «"+words+"»"):
				heard++
			case strings.Contains(m.Text, "Escuchando"):
				listening++
			}
		}
		return answers, heard, listening
	}
	moments := []string{"sent", "transcribing", "transcribed"}
	for i, moment := range moments {
		for drained := false; !drained; { // the fake's earlier requests
			select {
			case <-f.Started():
			default:
				drained = true
			}
		}
		switch moment {
		case "sent":
			w.sb.SendVoice(ana, ana, fmt.Appendf(nil, "OggS nota %d", i), 4)
			w.run.kill()
		case "transcribing", "transcribed":
			release := f.Hold()
			w.sb.SendVoice(ana, ana, fmt.Appendf(nil, "OggS nota %d", i), 4)
			waitStarted(t, f)
			if moment == "transcribed" {
				release()
				w.run.kill()
			} else {
				w.run.kill()
				release()
			}
		}
		w.run.start()
		if !w.await(60*time.Second, func() bool { a, h, _ := count(); return a > i && h > i }) {
			var seen []string
			for _, m := range w.sb.Messages(ana) {
				seen = append(seen, m.Text)
			}
			t.Fatalf("killed when the note was %s: not answered after the restart:\n%s\n%s", moment, strings.Join(seen, "\n---\n"), tail(w.run.current().log, 30))
		}
	}
	w.run.term(10 * time.Second)

	if _, heard, listening := count(); heard != len(moments) || listening != 0 {
		t.Errorf("%d listening messages show what was heard and %d still say they listen, want %d and 0", heard, listening, len(moments))
	}
	s, err = store.Open(w.run.dataPath(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var qs []aulabot.Question
	var jobs []aulabot.Job
	s.View(func(tx *store.Tx) error {
		tx.Questions(w.cfg.Universities[0].ID, time.Time{}, func(q aulabot.Question) error { qs = append(qs, q); return nil })
		jobs, err = tx.BackgroundJobs(10)
		return err
	})
	if len(qs) != len(moments) || len(jobs) != 0 {
		t.Errorf("%d questions kept and %d jobs left, want %d and none: %+v", len(qs), len(jobs), len(moments), jobs)
	}
	for _, q := range qs {
		if !q.Voice || q.Text != words {
			t.Errorf("question kept: %+v", q)
		}
	}
	if p := w.run.problems(); len(p) > 0 {
		t.Errorf("the bot reported:\n%s", strings.Join(p, "\n"))
	}
}
