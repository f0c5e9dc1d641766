package handlers

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/service"
)

// Voice notes. People on phones ask by voice; with a transcription model
// (knowledge.LLM.Transcribe) the bot hears them: the note is taken at
// once with "🎧 Listening…", a background job (kbjobs.go) downloads and
// transcribes it away from the chat's worker, and its words are handled
// as if typed (Update.Heard): a question is answered, a flow waiting for
// words gets them. The "listening" message then shows what was heard, so
// that a wrong hearing is seen and can be typed instead. The audio is
// kept nowhere; its words are kept as a typed message's would be.

// Transcriber turns a voice note's audio into words in lang; name says
// its format ("voice.oga").
type Transcriber interface {
	Transcribe(ctx context.Context, audio []byte, name, lang string) (string, error)
}

// The longest voice note heard: three minutes, and the bytes such a note
// may take as an audio file.
const (
	MaxVoiceSeconds = 180
	MaxVoiceBytes   = 10 << 20
)

// errVoiceGone stops the commit of a voice note's words when its job is
// no longer there: its sender deleted their data meanwhile (or another
// worker handled it). Nothing of it is committed or said. errVoiceMoved
// stops it when the chat is no longer where the note was sent (another
// flow or step: the person went on meanwhile), so the words do not land
// where they were not meant; they are only shown.
var (
	errVoiceGone  = errors.New("voice note gone")
	errVoiceMoved = errors.New("the chat went on since the voice note")
)

// voiceRef names the "listening" message of voice note msg of user.
func voiceRef(user int64, msg int) string { return fmt.Sprintf("voice:%d:%d", user, msg) }

// hearLater takes the voice note of c to be heard by a background job and
// says it is listening.
func (h *Handlers) hearLater(c *Ctx) error {
	if err := tooLong(*c.U.File); err != nil {
		return err
	}
	return c.Commit(func(tx Tx) error { return h.listen(c, tx, "voice.listening") })
}

// hears reports whether the update of c is a voice note the bot is to
// hear: a transcription model is set, and the note, without a caption
// and not an edit, comes in an onboarded person's private chat.
func (h *Handlers) hears(c *Ctx) bool {
	return h.Voice != nil && voiceNote(c.U) && c.U.ChatID == c.U.From.ID && c.Known && c.User.Onboarded()
}

// voiceNote reports whether u is a voice note (an audio file, a round
// video) without a caption, and not an edit.
func voiceNote(u aulabot.Update) bool {
	return u.File != nil && u.File.Kind == aulabot.FileVoice && strings.TrimSpace(u.Text) == "" && !u.Edited
}

// tooLong refuses a voice note over MaxVoiceSeconds or MaxVoiceBytes.
func tooLong(f aulabot.File) error {
	if f.Seconds > MaxVoiceSeconds || f.Size > MaxVoiceBytes {
		return aulabot.Errorf(aulabot.EINVALID, "voice.too_long", "max", MaxVoiceSeconds/60)
	}
	return nil
}

// listen takes the voice note of c to be heard where the chat is now (its
// flow and step), in tx, and says so with the text of key, in reply to the
// note; Ctx.Commit wakes the background workers once tx commits.
func (h *Handlers) listen(c *Ctx, tx Tx, key string) error {
	return h.listenTo(c, tx, aulabot.VoiceNote{From: c.U.From, MessageID: c.U.MessageID, File: *c.U.File, Lang: c.Lang}, key)
}

// listenTo is listen for voice note v of the person of c, sent earlier
// (held while they onboarded).
func (h *Handlers) listenTo(c *Ctx, tx Tx, v aulabot.VoiceNote, key string) error {
	v.Flow, v.Step = c.State.Flow, c.State.Step
	if st := c.newState; st != nil {
		v.Flow, v.Step = st.Flow, st.Step
	}
	if err := h.svc.Questions.HearLater(tx, v); err != nil {
		return err
	}
	c.Send(aulabot.Message{ChatID: c.U.ChatID, ReplyTo: v.MessageID, Text: c.T(key), Ref: voiceRef(v.From.ID, v.MessageID)})
	return nil
}

// runVoice hears the voice note of job j and handles its words as the
// person's message, in one commit with the job's removal and the
// "listening" message edited into what was heard. A note that cannot be
// fetched or heard, or has no words, tells the person so and ends the
// job; a stop keeps it for the next start.
func (h *Handlers) runVoice(ctx context.Context, j aulabot.Job) error {
	v, ok := aulabot.VoiceNoteOf(j)
	if v.Lang == "" {
		v.Lang = h.Config.Language
	}
	if v.Ticket != "" {
		return h.runTicketVoice(ctx, j, v, ok)
	}
	if !ok || h.Voice == nil || h.Files == nil {
		return h.voiceFailed(ctx, j, v, h.cat.T(v.Lang, "voice.failed"))
	}
	stop := h.typing(ctx, v.From.ID)
	text, err := h.hear(ctx, v)
	stop()
	if ctx.Err() != nil {
		return ctx.Err() // stopped: the job stays for the next start
	}
	if err != nil {
		h.Log.Warn("voice note not heard", "user", v.From.ID, "err", err)
		return h.voiceFailed(ctx, j, v, h.cat.T(v.Lang, "voice.failed"))
	}
	if !hasLetters(text) {
		return h.voiceFailed(ctx, j, v, h.cat.T(v.Lang, "voice.empty"))
	}
	if r := []rune(text); len(r) > MaxHeardQuestion {
		text = string(r[:MaxHeardQuestion-1]) + "…" // three minutes of very quick speech
	}
	heard := h.cat.T(v.Lang, "voice.heard", "text", text)
	now := h.Now()
	u := aulabot.Update{ID: -int64(j.ID), ChatID: v.From.ID, ChatType: aulabot.ChatPrivate, From: v.From, MessageID: v.MessageID,
		Text: text, Heard: true, HeardFrom: &v.File, Date: now, Received: now}
	herr := h.handle(ctx, u, func(tx Tx) error {
		if taken, err := tx.TakeJob(j.Key, j.ID); err != nil || !taken {
			return cmp.Or(err, errVoiceGone)
		}
		if st, err := tx.State(v.From.ID, v.From.ID); err != nil || st.Flow != v.Flow || st.Step != v.Step {
			return cmp.Or(err, errVoiceMoved)
		}
		_, err := tx.Enqueue(aulabot.Message{ChatID: v.From.ID, EditRef: voiceRef(v.From.ID, v.MessageID), Text: heard})
		return err
	})
	if ctx.Err() != nil {
		return ctx.Err() // stopped before the words were committed: heard again at the next start
	}
	switch {
	case errors.Is(herr, errVoiceGone):
		return nil
	case errors.Is(herr, errVoiceMoved):
		return h.endVoice(ctx, j, v, h.cat.T(v.Lang, "voice.heard_unused", "text", text), service.VoiceUnusedCounter)
	}
	// The words' handling ended in an apology (a bug; handle logged it and
	// returned its error), whose commit left the job: end it, or it would
	// be heard again and again, and show what was heard.
	var left bool
	if err := h.Store.View(func(tx Tx) error {
		o, ok, err := tx.ScheduledJob(j.Key)
		left = ok && o.ID == j.ID
		return err
	}); err != nil || !left {
		return err // handled: the words' commit took the job
	}
	return h.endVoice(ctx, j, v, heard, service.VoiceFailedCounter) // herr was logged with the apology
}

// hearFiles takes the voice notes and audio files among files, sent as
// message t.Messages of ticket t, to be heard by background jobs whose
// words go under the copy the other side got (runTicketVoice), so that a
// technician can read a requester's note and a requester a technician's
// (who may be on a connection too poor to play it); a round video's words
// go in a reply under its copy, which has no caption.
func (h *Handlers) hearFiles(c *Ctx, tx Tx, t aulabot.Ticket, files []aulabot.TicketFile) error {
	if h.Voice == nil {
		return nil
	}
	for i, f := range files {
		if f.File.Kind != aulabot.FileVoice || tooLong(f.File) != nil {
			continue
		}
		v := aulabot.VoiceNote{From: c.U.From, MessageID: c.U.MessageID, File: f.File, Lang: c.Lang, Ticket: t.ID, N: t.Messages, I: i}
		if err := h.svc.Questions.HearLater(tx, v); err != nil {
			return err
		}
	}
	return nil
}

// runTicketVoice hears voice note v of a ticket's conversation and adds
// its words to the other side's copy (Helpdesk.Heard), in one commit with
// the job's removal. A note not heard, or without words, ends the job and
// the copy stays as it was: the audio is there. Nobody is told (there is
// no "listening" message to edit).
func (h *Handlers) runTicketVoice(ctx context.Context, j aulabot.Job, v aulabot.VoiceNote, ok bool) error {
	var text string
	err := errors.New("no voice note, transcription model or file reader")
	if ok && h.Voice != nil && h.Files != nil {
		text, err = h.hear(ctx, v)
	}
	if ctx.Err() != nil {
		return ctx.Err() // stopped: the job stays for the next start
	}
	c := h.jobCtx(ctx, j, v.From.ID, v.Lang)
	if err != nil || !hasLetters(text) {
		h.Log.Warn("ticket voice note not heard", "ticket", v.Ticket, "n", v.N, "err", err)
		return h.finishJob(c, j, func(tx Tx) error { return tx.Count(service.VoiceFailedCounter, 1) })
	}
	return h.finishJob(c, j, func(tx Tx) error { return h.svc.Helpdesk.Heard(tx, v.Ticket, v.N, v.I, text) })
}

// hear fetches and transcribes voice note v.
func (h *Handlers) hear(ctx context.Context, v aulabot.VoiceNote) (string, error) {
	audio, size, err := h.Files.ReadFile(ctx, v.File.ID, 0, MaxVoiceBytes+1)
	if err != nil {
		return "", err
	}
	if size > MaxVoiceBytes || len(audio) > MaxVoiceBytes {
		return "", fmt.Errorf("voice note of %d bytes", max(size, int64(len(audio))))
	}
	text, err := h.Voice.Transcribe(ctx, audio, voiceName(v.File), v.Lang)
	return strings.TrimSpace(text), err
}

// voiceName is the file name that tells the transcription server the
// note's format: its own name if it has one, else one from its type
// (Telegram's voice notes are Ogg Opus).
func voiceName(f aulabot.File) string {
	if path.Ext(f.Name) != "" {
		return path.Base(f.Name)
	}
	switch mime, _, _ := strings.Cut(f.MIME, ";"); mime {
	case "audio/mpeg", "audio/mp3":
		return "voice.mp3"
	case "audio/mp4", "audio/m4a", "audio/x-m4a", "audio/aac":
		return "voice.m4a"
	case "video/mp4":
		return "voice.mp4"
	case "audio/wav", "audio/x-wav":
		return "voice.wav"
	case "audio/webm", "video/webm":
		return "voice.webm"
	}
	return "voice.oga"
}

// voiceFailed ends job j, counted as failed, and edits the "listening"
// message of v into edit.
func (h *Handlers) voiceFailed(ctx context.Context, j aulabot.Job, v aulabot.VoiceNote, edit string) error {
	return h.endVoice(ctx, j, v, edit, service.VoiceFailedCounter)
}

// endVoice ends job j, counted under counter, and edits the "listening"
// message of v into edit. Its commit has an update id of its own: the
// job's (-j.ID) may be taken by its words' apology.
func (h *Handlers) endVoice(ctx context.Context, j aulabot.Job, v aulabot.VoiceNote, edit, counter string) error {
	c := h.jobCtx(ctx, j, v.From.ID, v.Lang)
	c.U.ID = -int64(j.ID) - 1<<62
	return h.finishJob(c, j, func(tx Tx) error {
		if err := tx.Count(counter, 1); err != nil || v.From.ID == 0 {
			return err
		}
		_, err := tx.Enqueue(aulabot.Message{ChatID: v.From.ID, EditRef: voiceRef(v.From.ID, v.MessageID), Text: edit})
		return err
	})
}
