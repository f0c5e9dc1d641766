package handlers

import (
	"strings"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/button"
	"github.com/aulabot/aulabot/service"
)

// Words typed, or a file or voice note sent, without Reply, while the team
// waits on the person's answer on a ticket (service.Helpdesk.Awaiting):
// the bot asks whether they go to the team (service.FlowAnswerTeam), with
// two buttons, before anything is sent or answered.

// answerTeamButton chooses for the words held: "tk:an:send" sends them to
// the team, "tk:an:ask" answers them as a question.
type answerTeamButton struct{ Send bool }

func (b answerTeamButton) Encode() string {
	if b.Send {
		return button.Join("tk:an", "send")
	}
	return button.Join("tk:an", "ask")
}

// awaitedAnswer holds a person's message (words, a file with or without
// a caption) when a ticket of theirs waits on their answer, and asks where
// it goes; any other message goes on to next (a question). Words heard
// from a voice note (awaitedVoice held the note itself), a greeting alone
// and words in a group are not held.
func (h *Handlers) awaitedAnswer(next Handler) Handler {
	return func(c *Ctx) error {
		if !c.Private() || c.U.Heard || (c.U.File == nil && strings.TrimSpace(c.U.Text) == "") {
			return next(c)
		}
		if kb := c.kb(); c.U.File == nil && kb != nil && kb.SmallTalk(c.U.Text) == smallTalkGreeting {
			// "hola" alone answers nothing the team asked: it was held
			// and asked about ("Shall I send them this message?", seen
			// in the sandbox); the words after it are.
			return next(c)
		}
		if held, err := h.holdIfAwaited(c); held || err != nil {
			return err
		}
		return next(c)
	}
}

// awaitedVoice holds a voice note sent outside any flow as awaitedAnswer
// holds words, before it is heard: the team gets the note itself. While
// words are held, the person chooses for them first. It reports whether
// the note was taken.
func (h *Handlers) awaitedVoice(c *Ctx) (bool, error) {
	if d, ok := service.FlowAnswerTeam.Data(c.State); ok {
		return true, aulabot.Errorf(aulabot.EINVALID, "ticket.answer_pick", "id", d.Ticket)
	}
	if c.State.Flow != "" || !c.Private() || !c.Known || !c.User.Onboarded() {
		return false, nil // another flow's words, or nobody's ticket yet
	}
	if held, err := h.holdIfNoted(c); held || err != nil {
		return held, err // a note just delivered: the voice note may answer it
	}
	return h.holdIfAwaited(c)
}

// holdIfAwaited holds the message of c when a ticket of the person's
// waits on their answer, or when it is a file with words (not an album's,
// which albumReport offers to add) and a ticket of theirs changed lately
// (service.Helpdesk.Following): "así me sale ahora" with the screenshot,
// sent after writing to the team without Reply, was answered as a
// question with unrelated suggestions, and the team never saw it. It
// reports whether it held it.
func (h *Handlers) holdIfAwaited(c *Ctx) (bool, error) {
	var t aulabot.Ticket
	var waiting, following bool
	shown := c.U.File != nil && c.U.File.Kind != aulabot.FileVoice && c.U.Album == "" && strings.TrimSpace(c.U.Text) != ""
	err := c.view(func(tx Tx) (err error) {
		t, waiting, err = h.svc.Helpdesk.Awaiting(tx, c.U.From.ID, h.Now())
		if err == nil && !waiting && shown {
			t, following, err = h.svc.Helpdesk.Following(tx, c.U.From.ID, h.Now())
		}
		return err
	})
	if err != nil || (!waiting && !following) {
		return false, err
	}
	return true, h.holdAnswer(c, t.ID, following)
}

// holdAnswer keeps the person's message for ticket id and asks where it
// goes; own when the team does not wait on the person (they wrote last).
// A file without words cannot be a question: its second button keeps it
// from the team instead.
func (h *Handlers) holdAnswer(c *Ctx, id string, own bool) error {
	st, err := h.svc.Helpdesk.HoldAnswer(c.State, id, c.U.Text, c.U.MessageID, c.U.File, c.U.Album)
	if err != nil {
		return err
	}
	c.SetState(st)
	d, _ := service.FlowAnswerTeam.Data(st)
	if len(d.More) > 0 {
		return nil // another part of the album the question is about
	}
	other := c.T("ticket.button_answer_ask")
	if mute(d) {
		other = c.T("ticket.button_answer_keep")
	}
	where := c.N("ticket.answer_where", d.Messages, "id", id)
	switch {
	case c.said != "":
		// Read from the words that asked for it ("dile al equipo técnico
		// que ya funciona"): what goes is shown, not only replied to.
		where = c.T("ticket.answer_where_told", "id", id, "text", d.Text)
	case own:
		where = c.T("ticket.answer_where_own", "id", id)
	case d.Album != "":
		where = c.T("ticket.answer_where_album", "id", id)
	}
	send := aulabot.Button{Text: c.T("ticket.button_answer_send", "id", id), Data: answerTeamButton{Send: true}.Encode()}
	ask := aulabot.Button{Text: other, Data: answerTeamButton{}.Encode()}
	c.offerTimed(append(typedAs(send, true, sendWords...), typedAs(ask, false)...))
	c.Send(aulabot.Message{ChatID: c.U.ChatID, ReplyTo: c.U.MessageID, Text: where, Inline: [][]aulabot.Button{{send}, {ask}}})
	return nil
}

// mute reports whether what d holds has nothing to answer as a question:
// a file without words that is not a voice note.
func mute(d service.AnswerTeam) bool {
	return d.File != nil && d.Text == "" && d.File.Kind != aulabot.FileVoice
}

// onAnswerTeamText: more words while the choice waits join those held,
// and the other parts of an album its first (a yes typed is 📨 Send's
// press, before this: sendWords); words asking for a feature leave the
// flow for it (as a menu button does, in the router).
func (h *Handlers) onAnswerTeamText(c *Ctx) error {
	if hd := h.router.intent(c); hd != nil {
		heldDropped(c)
		c.ClearState()
		c.asked, c.U.Text = c.U.Text, ""
		return hd(c)
	}
	d, _ := service.FlowAnswerTeam.Data(c.State)
	if c.U.File == nil && strings.TrimSpace(c.U.Text) == "" {
		return aulabot.Errorf(aulabot.EINVALID, "ticket.answer_pick", "id", d.Ticket)
	}
	return h.holdAnswer(c, d.Ticket, false) // a file joins only its album's first part (HoldAnswer), words only words
}

// sendWords, and a yes, typed under "Shall I send them this message?"
// are 📨 Send's press (offered with the question, holdAnswer): they were
// held as one more message, and the question asked again for two (seen
// in the sandbox). The first message held comes before the question, so
// it is never taken for a yes.
var sendWords = []string{"envíalo", "envíalos", "enviar", "envía", "envíamelo", "sí, envíalo", "sí, envíalos",
	"mándalo", "mándalos", "sí, mándalo", "send", "send it", "send them", "yes, send it", "yes, send them",
	"please send it"}

// onAnswerTeam is the choice for the words held: sent to the team, as if
// the person had pressed Reply first, or answered as a question.
func (h *Handlers) onAnswerTeam(c *Ctx, send bool) error {
	d, ok := service.FlowAnswerTeam.Data(c.State)
	if !ok {
		return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
	}
	c.ClearState()
	c.EditButtons(nil)
	c.U.Text, c.U.MessageID, c.U.File, c.U.Album = d.Text, d.Source, d.File, d.Album
	switch {
	case send:
		return h.relayToTeam(c, d.Ticket, d.More...)
	case mute(d):
		c.Answer("")
		c.Reply(c.T("ticket.answer_kept", "id", d.Ticket))
		return nil
	case voiceNote(c.U) && h.hears(c):
		c.Answer("")
		return h.questionLimit(h.hearLater)(c) // its words, once heard, are the question
	case voiceNote(c.U):
		return aulabot.Errorf(aulabot.EINVALID, "common.voice")
	}
	c.Answer("")
	if len(d.Typed) > 1 {
		return h.askEach(c, d.Typed)
	}
	return with(h.ask, h.questionLimit)(c)
}

// heldDropped says, before the answer, that what FlowAnswerTeam holds did
// not go to the team (or FlowNoteHeld to the note's writer), when the
// chat is in it and leaves it without a choice (a menu button, words
// asking for a feature, FlowIdle): the words are still in the person's
// chat, and nothing else would tell them. It reports whether it did.
func heldDropped(c *Ctx) bool {
	if d, ok := service.FlowAnswerTeam.Data(c.State); ok {
		c.notice = c.T("ticket.answer_dropped", "id", d.Ticket)
		return true
	}
	if d, ok := service.FlowNoteHeld.Data(c.State); ok {
		c.notice = c.T("booking.note_dropped", "name", d.To)
		return true
	}
	return false
}
