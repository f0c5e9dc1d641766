package handlers

import (
	"strings"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/service"
)

// A first message is never lost: a question written before /start (or
// during onboarding) starts onboarding with buttons at once, and is
// answered right after the last step.

// firstMessage wraps the handler of plain text in a private chat (next):
// text from someone who has not finished onboarding is held, and
// onboarding begins (or goes on) with buttons; staff known from the
// configuration are greeted and answered at once. Small talk, text
// without words and words that only say who the person is are not held:
// the greeting answers them. A university named is taken, and not asked
// (service.Onboarding.Named).
func (h *Handlers) firstMessage(next Handler) Handler {
	return func(c *Ctx) error {
		if !c.Private() || (c.Known && c.User.Onboarded()) || c.U.File != nil {
			return next(c)
		}
		text := strings.TrimSpace(c.U.Text)
		if v, ok := h.svc.Onboarding.Typed(c.State, text); ok && !c.Roles.Staff() {
			return h.typedStep(c, v) // "español", "montealto", "docente": the step's button, typed
		}
		from := c.U.From
		if !h.worthHolding(c, text) || h.svc.Onboarding.StepWord(text) || h.svc.Onboarding.Introduction(text, from.FirstName, from.LastName) {
			text = ""
		}
		if c.Roles.Staff() {
			if text == "" || !h.staffFirst(c) {
				return h.greetStaff(c)
			}
			// Read as any message of theirs: "my tickets" as a
			// technician's first message got the greeting alone.
			return next(c)
		}
		st := c.State
		again := service.FlowOnboard.In(st) // greeted already
		if text != "" {
			st = h.svc.Onboarding.Hold(st, text)
		} else if !again {
			st = h.svc.Onboarding.Start(c.User, c.Known, "").State
		}
		st = h.svc.Onboarding.Named(st, c.U.Text) // "soy docente de la UNMA": not asked
		c.SetState(st)
		note := ""
		if text != "" {
			note = h.heldNote(c, st)
		}
		h.askOnboarding(c, st, note, again)
		return nil
	}
}

// staffFirst makes c's sender, a member of staff the configuration names
// who is not known yet, known for the rest of the update, as GreetStaff
// stores them; the greeting with their menu goes first in the update's
// transaction (Ctx.Also), then what they asked for. An onboarding begun
// before they were named staff is left. It reports false, and does
// nothing, for anyone else, in a group, and for a press (an old button
// pressed before any greeting is refused, and changes nothing).
func (h *Handlers) staffFirst(c *Ctx) bool {
	home := h.svc.Onboarding.HomeUniversity(c.Roles)
	if home == nil || !c.Private() || c.U.Callback != nil || c.Known && c.User.Onboarded() {
		return false
	}
	c.Also(h.greetStaffIn(c))
	if service.FlowOnboard.In(c.State) {
		c.ClearState()
	}
	c.Known = true
	c.User.University, c.User.Role, c.User.ConsentAt = home.ID, aulabot.RoleStaff, h.Now()
	return true
}

// holdVoice is a voice note from someone who has not finished
// onboarding. Where the bot hears voice notes it is held, as a written
// question is, and heard right after the last step (staff known from the
// configuration are greeted and it is heard at once); elsewhere
// onboarding begins (or goes on) and says to write the question at its
// end. A note too long to hear is refused and nothing else happens.
func (h *Handlers) holdVoice(c *Ctx) error {
	if h.Voice != nil {
		if err := tooLong(*c.U.File); err != nil {
			return err
		}
	}
	if c.Roles.Staff() {
		if h.Voice == nil {
			return aulabot.Errorf(aulabot.EINVALID, "common.voice")
		}
		c.ClearState()
		return h.hearAfter(c, aulabot.VoiceNote{From: c.U.From, MessageID: c.U.MessageID, File: *c.U.File, Lang: c.Lang}, h.greetStaffIn(c))
	}
	st, again := c.State, service.FlowOnboard.In(c.State)
	note := c.T("start.voice_unheard")
	switch {
	case h.Voice != nil:
		st = h.svc.Onboarding.HoldVoice(st, *c.U.File, c.U.MessageID)
		note = c.N("start.held_voice", service.TapsLeft(st))
	case !again:
		st = h.svc.Onboarding.Start(c.User, c.Known, "").State
	}
	c.SetState(st)
	h.askOnboarding(c, st, note, again)
	return nil
}

// heldNote is the line that tells a person onboarding (st) that their
// question or voice note waits for its end; "" if none does.
func (h *Handlers) heldNote(c *Ctx, st aulabot.State) string {
	if held := service.Held(st); held != "" {
		if h.heldFeature(c, held) != nil {
			return c.N("start.held_feature", service.TapsLeft(st)) // "quiero reservar una mentoría": done, not answered
		}
		return c.N("start.held", service.TapsLeft(st))
	}
	if v, _ := service.HeldVoice(st); v != nil && h.Voice != nil {
		return c.N("start.held_voice", service.TapsLeft(st))
	}
	return ""
}

// worthHolding reports whether text is a question to answer after
// onboarding, or a feature asked for in words to do then (heldFeature):
// words, not small talk, not too long.
func (h *Handlers) worthHolding(c *Ctx, text string) bool {
	if text == "" || !hasLetters(text) || len([]rune(text)) > MaxQuestion {
		return false
	}
	if kb := c.kb(); kb != nil && kb.SmallTalk(text) != "" {
		return false
	}
	return true
}

// heldFeature is the feature that text, held from before onboarding's
// last step, asks for in words after the words that say who the person
// is ("hola, soy estudiante de Valle Sur, ¿cuándo es mi próxima
// mentoría?" asks for /mybookings); nil for a question. Until 6 December
// such a request was answered with an article after the last step, and
// one without an introduction ("Buenas, quiero reservar una mentoría")
// was dropped (both seen in the sandbox).
func (h *Handlers) heldFeature(c *Ctx, text string) Handler {
	kb := c.kb()
	if kb == nil {
		return nil
	}
	asked := h.svc.Onboarding.Introduced(text, c.U.From.FirstName, c.U.From.LastName)
	if asked == "" {
		return nil
	}
	return h.router.commands[kb.Intent(asked)]
}

// doAfter does feature hd, asked for in words (text) before onboarding's
// last step, in the update whose transaction also runs finish, the step
// that makes the person known: finish's replies (the menu) come first
// (Ctx.Also), then hd's; a flow hd starts in its commit (/problem's
// categories) follows finish's end of onboarding. hd runs as a command
// typed, not as the press of the role's button, which finish edits and
// the update answers. c.User must already be the person as finish
// stores them.
func (h *Handlers) doAfter(c *Ctx, text string, hd Handler, finish func(tx Tx) error) error {
	cb := c.U.Callback
	c.Also(func(tx Tx) error {
		was := c.U.Callback
		c.U.Callback = cb // finish edits the role's message; hd's commit does not
		defer func() { c.U.Callback = was }()
		return finish(tx)
	})
	c.Known, c.User.ConsentAt = true, h.Now() // as finish stores them
	c.asked, c.U.Text, c.U.File, c.U.Callback = text, "", nil, nil
	err := hd(c)
	c.U.Callback = cb // the role's press is answered
	return err
}

// askOnboarding (re)asks onboarding's current step st as a new message:
// the greeting and the language at the first step, only the language
// when asked again (someone who writes before pressing would get the
// whole greeting with every message). note, if any, goes first: that a
// question waits for the end, or how to ask it.
func (h *Handlers) askOnboarding(c *Ctx, st aulabot.State, note string, again bool) {
	if note != "" {
		note += "\n\n"
	}
	switch {
	case st.Step == service.OnboardUniversity:
		c.ReplyButtons(note+c.T("start.university"), h.universityButtons())
	case st.Step == service.OnboardRole:
		d, _ := service.FlowOnboard.Data(st)
		uni, _ := h.Config.University(d.University)
		c.ReplyButtons(note+h.roleQuestion(c, uni), roleButtons(c, service.ReadUniversity(st)))
	case st.Step == service.OnboardLanguage && again:
		c.ReplyButtons(note+c.T("start.language"), langButtons())
	default:
		c.ReplyButtons(c.T("start.hello", "name", aulabot.CleanText(c.U.From.FirstName))+strings.TrimSuffix("\n\n"+note, "\n\n"), langButtons())
	}
}

// hearAfter takes voice note v to be heard in the update whose
// transaction also runs finish, the step that makes the person known:
// finish's replies (the menu) come first, then "Listening…", in c.Lang
// (the job hears the note as the person finish stores).
func (h *Handlers) hearAfter(c *Ctx, v aulabot.VoiceNote, finish func(tx Tx) error) error {
	err := c.Commit(func(tx Tx) error {
		if err := finish(tx); err != nil {
			return err
		}
		return h.listenTo(c, tx, v, "voice.listening")
	})
	return err
}

// answerAfter answers question in the update whose transaction also runs
// finish, the step that makes the person known: finish's replies (the
// menu) come first, then the answer. c.User must already be the person as
// finish stores them, for the question's record.
func (h *Handlers) answerAfter(c *Ctx, question string, finish func(tx Tx) error) error {
	c.Also(finish)
	c.U.Text, c.U.File = question, nil
	return h.ask(c)
}
