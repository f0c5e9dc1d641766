package knowledge

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// ErrNoTranscription: the LLM has no transcription model.
var ErrNoTranscription = errors.New("no transcription model")

// Transcribe returns the words of audio (a voice note, as Telegram sends
// it: name says its format, "voice.oga" by default) in lang ("es" or
// "en"), with the server's transcription model (OpenAI's
// /audio/transcriptions: Whisper and the servers that copy its API). The
// audio is sent and kept nowhere. One request, bounded by the LLM's
// timeout; the error of a failed one is wrapped.
func (l *LLM) Transcribe(ctx context.Context, audio []byte, name, lang string) (string, error) {
	if l.TranscribeModel == "" {
		return "", ErrNoTranscription
	}
	if name == "" || path.Ext(name) == "" {
		name = "voice.oga"
	}
	ctx, cancel := context.WithTimeout(ctx, l.timeout)
	defer cancel()
	start := time.Now()
	resp, err := l.client.CreateTranscription(ctx, openai.AudioRequest{Model: l.TranscribeModel, FilePath: path.Base(name),
		Reader: bytes.NewReader(audio), Language: lang, Format: openai.AudioResponseFormatJSON})
	l.observe("transcribe", start, err, openai.Usage{})
	if err != nil {
		return "", fmt.Errorf("transcribe: %w", err)
	}
	return strings.TrimSpace(resp.Text), nil
}
