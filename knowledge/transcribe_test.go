package knowledge_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/aulabot/aulabot/knowledge"
	"github.com/aulabot/aulabot/knowledge/llmfake"
)

// A voice note goes to the server's transcription endpoint as a file with
// its format's name, the model and the person's language, and its words
// come back trimmed; without a model nothing is sent, and a server's
// failure is an error.
func TestLLM_Transcribe(t *testing.T) {
	f := llmfake.New(t)
	f.SetTranscript(func(audio []byte, lang string) string {
		if string(audio) == "OggS voice" && lang == "es" {
			return "  ¿Cómo subo una tarea?\n"
		}
		return "?"
	})
	l := knowledge.NewLLM("k", f.URL(), "", "", 0)
	if _, err := l.Transcribe(context.Background(), []byte("OggS voice"), "", "es"); !errors.Is(err, knowledge.ErrNoTranscription) {
		t.Fatalf("without a model: %v", err)
	}
	if len(f.Audios()) != 0 {
		t.Fatalf("sent without a model: %+v", f.Audios())
	}
	l.TranscribeModel = "whisper-1"
	got, err := l.Transcribe(context.Background(), []byte("OggS voice"), "", "es")
	if err != nil || got != "¿Cómo subo una tarea?" {
		t.Fatalf("Transcribe = %q, %v", got, err)
	}
	a := f.Audios()
	if len(a) != 1 || a[0].Name != "voice.oga" || a[0].Model != "whisper-1" || a[0].Language != "es" {
		t.Errorf("request %+v", a)
	}
	if _, err := l.Transcribe(context.Background(), []byte("x"), "clase.mp3", "en"); err != nil || f.Audios()[1].Name != "clase.mp3" {
		t.Errorf("an audio file keeps its name: %+v, %v", f.Audios(), err)
	}
	f.SetStatus(http.StatusBadGateway)
	if _, err := l.Transcribe(context.Background(), []byte("x"), "", "en"); err == nil {
		t.Error("a server error gave no error")
	}
}
