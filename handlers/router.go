package handlers

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
	"github.com/aulabot/aulabot/service"
)

// Handler handles one update.
type Handler func(c *Ctx) error

// Middleware wraps a Handler.
type Middleware func(next Handler) Handler

type router struct {
	commands  map[string]Handler // "start" -> handler
	callbacks map[string]Handler // callback data prefix (before ':') -> handler
	// teamCommands and teamCallbacks are those that act in a team group;
	// any other command there is refused (it is for private chats).
	teamCommands  map[string]bool
	teamCallbacks map[string]bool
	flows         map[string]Handler // State.Flow -> handler for text while in that flow
	fileFlows     map[string]bool    // the flows that take a voice message as an attachment
	menu          map[string]string  // catalogue key of a main-menu button -> command
	replies       []Handler          // replies to the bot's messages; ErrNotMine to pass
	text          Handler            // a message in a private chat outside any flow: text, or a file with or without a caption
}

// ErrNotMine lets the next reply handler try.
var ErrNotMine = errors.New("not this handler's update")

func newRouter() *router {
	return &router{commands: map[string]Handler{}, callbacks: map[string]Handler{},
		teamCommands: map[string]bool{}, teamCallbacks: map[string]bool{},
		flows: map[string]Handler{}, fileFlows: map[string]bool{}, menu: map[string]string{}}
}

// with applies middleware, the first one outermost.
func with(h Handler, mw ...Middleware) Handler {
	for i := len(mw) - 1; i >= 0; i-- {
		h = mw[i](h)
	}
	return h
}

// FlowIdle is how long a conversation flow left half-way stays open. A
// teacher on a slow connection who steps away to find a screenshot still
// finishes the step; a question asked later is answered as a question,
// never taken as the old flow's next step.
const FlowIdle = 30 * time.Minute

// maxCallbackData is the most bytes of data Telegram carries on a button.
const maxCallbackData = 64

// Handle handles one update: it loads the sender, routes the update, and
// commits its effects and replies once. It returns only internal errors,
// already logged, after the user got an apology.
func (h *Handlers) Handle(ctx context.Context, u aulabot.Update) (err error) {
	return h.handle(ctx, u, nil)
}

// handle is Handle with also run first in the update's commit (unless the
// update ends in an apology). One update of a chat is handled at a time:
// the dispatcher hands a chat's updates over in order, one by one, but
// the words of a voice note come from a background worker (voice.go), and
// reading the chat's state and committing the next must not interleave
// with another update of the chat.
func (h *Handlers) handle(ctx context.Context, u aulabot.Update, also func(tx Tx) error) (err error) {
	defer h.chats.lock(u.ChatID)()
	c := &Ctx{Context: ctx, U: u, h: h}
	if also != nil {
		c.Also(also)
	}
	start := time.Now()
	defer func() {
		if p := recover(); p != nil {
			h.Log.Error("handler panic", "update", u.ID, "chat", u.ChatID, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			err = fmt.Errorf("panic in update %d: %v", u.ID, p)
			h.apologise(c)
		}
	}()
	if err := h.load(c); err != nil {
		h.Log.Error("load user", "update", u.ID, "err", err)
		h.apologise(c)
		return err
	}
	herr := h.route(c)
	if errors.Is(herr, errVoiceGone) || errors.Is(herr, errVoiceMoved) {
		return herr
	}
	if herr != nil && !c.h.Store.IsDuplicate(herr) {
		if aulabot.ErrorCode(herr) == aulabot.EINTERNAL {
			h.Log.Error("handler failed", "update", u.ID, "chat", u.ChatID, "err", herr)
			h.apologise(c)
			return herr
		}
		h.showError(c, herr)
		c.refused = true
	}
	if !c.committed {
		if err := c.Commit(nil); errors.Is(err, errVoiceGone) || errors.Is(err, errVoiceMoved) {
			return err
		} else if err != nil && !h.Store.IsDuplicate(err) {
			h.Log.Error("commit", "update", u.ID, "err", err)
			h.apologise(c)
			return err
		}
	}
	h.answerCallback(c)
	h.Log.Debug("update handled", "update", u.ID, "took", time.Since(start))
	return nil
}

// hidden are the answers that would tell someone else's thing from one
// that does not exist: both get the "does not exist" answer, so that ids
// cannot be probed.
var hidden = map[string]string{
	"booking.err_not_yours": "booking.err_not_found",
	"slot.err_not_yours":    "slot.err_not_found",
}

// showError tells the user about a domain error, as a dialog for a button
// press and as a message otherwise.
func (h *Handlers) showError(c *Ctx, err error) {
	var e *aulabot.Error
	errors.As(err, &e)
	key, args := e.Key, e.Args
	if k, ok := hidden[key]; ok {
		key, args = k, nil
	}
	text := errorText(c, key, args)
	if c.U.Callback != nil && !c.U.Callback.Typed {
		c.Alert(text) // plain text: answerCallback strips the catalogue's tags
		return
	}
	if c.State.Flow != "" && c.State.Flow != service.FlowOnboard.Name && len(strings.Fields(c.U.Text)) >= leaveHintWords &&
		!strings.Contains(text, "/cancel") {
		// A sentence refused at a step that waits for a date, a time, a
		// number: the person may have moved on ("ya terminé la sesión,
		// vinieron todos" under /newslot's day was "not a valid date",
		// and the step went on waiting; seen in the sandbox).
		text += "\n\n" + c.T("flow.leave_hint")
	}
	if !c.committed {
		m := aulabot.Message{ChatID: c.U.ChatID, Text: text}
		if c.Team != nil {
			m.ReplyTo = c.U.MessageID // in a busy team group, a refusal answers the message it refuses
		}
		c.Send(m)
	}
}

// leaveHintWords is how many words a message refused at a flow's step
// has for the refusal to say how to leave the step (showError): a date
// mistyped is not a sentence.
const leaveHintWords = 4

// errorText renders an error's message in the user's language; a message
// that counts something (its argument n) takes the plural form of that
// count, as "1 step" and "2 steps".
func errorText(c *Ctx, key string, args []any) string {
	for i := 0; i+1 < len(args); i += 2 {
		if n, ok := args[i+1].(int); ok && args[i] == "n" {
			return c.N(key, n, args...)
		}
	}
	return c.T(key, args...)
}

// apologise commits the update with an apology, so a bug is not retried
// forever, and stops any spinner. Not when the update was cancelled
// (shutting down): then nothing is committed and Telegram delivers it
// again.
func (h *Handlers) apologise(c *Ctx) {
	if c.Err() != nil {
		return
	}
	c.out, c.newState, c.also, c.notice = nil, nil, nil, ""
	c.committed = false
	c.ClearState()
	if c.Lang == "" {
		c.Lang = aulabot.LanguageFromCode(c.U.From.LanguageCode, h.Config.Language)
	}
	c.Reply(c.T("error.internal"))
	if err := c.Commit(nil); err != nil && !h.Store.IsDuplicate(err) {
		h.Log.Error("commit apology", "update", c.U.ID, "err", err)
	}
	if c.U.Callback != nil {
		c.Alert(c.T("error.internal"))
	}
	h.answerCallback(c)
}

func (h *Handlers) answerCallback(c *Ctx) {
	if c.U.Callback == nil || c.U.Callback.Typed || h.Instant == nil {
		return // a typed press has no query to answer
	}
	var a answer
	if c.answer != nil {
		a = *c.answer
		a.text = stripTags(a.text)
	}
	if err := h.Instant.AnswerCallback(c, c.U.Callback.ID, a.text, a.alert); err != nil {
		h.Log.Warn("answer callback", "update", c.U.ID, "err", err)
	}
}

// load fills in the sender, roles, language, the team group the update
// came from and the conversation state; a flow idle for longer than
// FlowIdle is dropped.
func (h *Handlers) load(c *Ctx) error {
	c.Roles = h.Config.Roles(c.U.From.ID)
	if inGroup(c.U) {
		if uni, ok := h.Config.TeamOf(c.U.ChatID); ok {
			c.Team = uni
			c.Roles = teamRoles(c.Roles, uni.ID)
		}
	}
	return c.view(func(tx Tx) error {
		u, ok, err := tx.User(c.U.From.ID)
		if err != nil {
			return err
		}
		c.User, c.Known = u, ok
		if !ok {
			c.User = aulabot.User{ID: c.U.From.ID, Name: c.U.From.Name(), Username: c.U.From.Username, TGLang: c.U.From.LanguageCode}
		}
		c.User.Name = aulabot.CleanText(c.User.Name)
		c.Lang = c.User.Language(h.Config.Language)
		if c.State, err = tx.State(c.U.ChatID, c.U.From.ID); err != nil {
			return err
		}
		c.was = c.State
		if c.State.Flow != "" && h.Now().Sub(c.State.Updated) > FlowIdle {
			// An album's rest was not asked for: nothing to say. Words
			// held for the team say so themselves.
			c.expired = !service.AlbumTail(c.State) && !heldDropped(c)
			c.ClearState()
		}
		if d, ok := service.FlowOnboard.Data(c.State); ok && d.Lang != "" {
			c.Lang = d.Lang // picked during onboarding, before the user is stored
		}
		return nil
	})
}

// teamRoles are the roles that act in university uni's team group: a
// person on two teams, or an admin, acts there only for uni, so nothing
// said or done there concerns another university.
func teamRoles(r aulabot.Roles, uni string) aulabot.Roles {
	var out aulabot.Roles
	if r.IsTech(uni) {
		out.Tech = []string{uni}
	}
	if r.IsCoordinator(uni) {
		out.Coordinator = []string{uni}
	}
	return out
}

// inGroup reports whether the update comes from a group (or channel)
// rather than a private chat.
func inGroup(u aulabot.Update) bool {
	switch u.ChatType {
	case aulabot.ChatPrivate:
		return false
	case "":
		return aulabot.Group(u.ChatID)
	}
	return true
}

// route picks the handler for the update. The bot acts in private chats
// and in the configured team groups; in a team group only the team's
// commands, buttons and replies act, and a ticket's action typed alone
// ("tomo el UNMA-4": teamTyped). In a private chat a main-menu button
// wins over any open flow, and a flow's step takes the text only while
// the flow is open (see FlowIdle).
func (h *Handlers) route(c *Ctx) error {
	r := h.router
	u := c.U
	if u.From.ID == 0 || u.ChatID == 0 {
		return nil // channel posts and service messages: nothing to do
	}
	if h.Setup {
		return h.setupRoute(c)
	}
	if inGroup(u) && c.Team == nil {
		if c.Roles.Admin && h.joined(u) {
			return h.tellGroupID(c, true) // an admin adds the bot to a new team group
		}
		return h.leaveGroup(c)
	}
	if u.Throttled {
		return h.throttled(c)
	}
	if u.Edited {
		return h.edited(c)
	}
	if u.Callback != nil {
		prefix, _, _ := strings.Cut(u.Callback.Data, ":")
		hd, ok := r.callbacks[prefix]
		if !ok || !utf8.ValidString(u.Callback.Data) || len(u.Callback.Data) > maxCallbackData {
			return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
		}
		if c.Team != nil && !r.teamCallbacks[prefix] {
			return h.privateOnly()
		}
		return hd(c)
	}
	if max := h.Config.Limits.MaxText; len(u.Text) > max*4 || utf8.RuneCountInString(u.Text) > max {
		return aulabot.Errorf(aulabot.EINVALID, "error.too_long", "max", max)
	}
	if cmd, args, ok := h.command(u.Text, c.Team == nil); ok {
		c.U.Text = args
		hd, ok := r.commands[cmd]
		switch {
		case !ok && c.Team == nil:
			return aulabot.Errorf(aulabot.EINVALID, "error.unknown_command", "command", "/"+cmd)
		case !ok:
			return nil // another bot's command, or a typo among people
		case c.Team != nil && !r.teamCommands[cmd]:
			return h.privateOnly()
		}
		return hd(c)
	}
	if u.ReplyTo != nil && u.ReplyTo.FromBot {
		for _, hd := range r.replies {
			if err := hd(c); !errors.Is(err, ErrNotMine) {
				return err
			}
		}
	}
	if c.Team == nil && voiceNote(u) && !r.fileFlows[c.State.Flow] {
		// Whatever was asked for (a question, a booking's topic, a
		// survey's answer), it was asked for in words: with a
		// transcription model the words are heard (voice.go); without,
		// a flow keeps waiting for them. A ticket's report and its
		// replies take the voice message as an attachment for the team,
		// and so may a note sent while the team waits on an answer.
		if held, err := h.awaitedVoice(c); held || err != nil {
			return err
		}
		switch {
		case h.hears(c):
			return h.questionLimit(h.hearLater)(c)
		case c.Private() && !(c.Known && c.User.Onboarded()):
			return h.holdVoice(c) // a first message is never lost (start_first.go)
		case c.Private() && c.State.Flow == "":
			return h.voiceReport(c) // unheard: the team can listen to it
		}
		return aulabot.Errorf(aulabot.EINVALID, "common.voice")
	}
	if c.Team != nil {
		if data := h.teamTyped(c); data != "" {
			return h.pressTyped(c, data)
		}
		return nil // the team talks among itself
	}
	if key, ok := h.cat.Match("menu.", u.Text); ok && u.File == nil {
		if hd, ok := r.commands[r.menu[key]]; ok {
			if c.State.Flow != "" {
				heldDropped(c)
				c.ClearState()
			}
			c.U.Text = ""
			return hd(c)
		}
	}
	if c.State.Flow != "" {
		if hd, ok := r.flows[c.State.Flow]; ok {
			// ErrNotMine: the flow ended, the words were not for it
			// (onSlotLinkText), and are read as any message.
			if err := r.flowOrIntent(c, hd); !errors.Is(err, ErrNotMine) {
				return err
			}
		}
	}
	if c.expired {
		c.notice = c.T("flow.expired", "minutes", int(FlowIdle/time.Minute))
	}
	if b, ok := c.typedLabel(u.Text, shortWords(u.Text)); ok && u.File == nil {
		// A button just shown typed whole ("cancel session" under a
		// slot's panel) is its press, before what the words mean in
		// general (a mentor's "cancelar sesión" is /slots).
		return h.pressTyped(c, b.Data)
	}
	if hd := r.intent(c); hd != nil {
		c.asked, c.U.Text = c.U.Text, ""
		return hd(c)
	}
	if r.text != nil {
		return r.text(c)
	}
	return nil
}

// intent is the command an onboarded person asks for in words, as a menu
// button would ("quiero reservar una mentoría" is /mentoring, "cancel my
// booking" /mybookings, "what can you do" /help), or a button of their
// menu typed ("mis cursos": typedMenu); for staff too, a ticket named
// ("¿cómo va el UNMA-4?": namedTicket) or a command of their role
// (staffIntent). Nil for anything else, which is a question. A command
// is asked for so only by those who have it, and /deletemydata asks
// before it deletes.
func (r *router) intent(c *Ctx) Handler {
	if hd := c.h.namedTicket(c); hd != nil {
		return hd // staff too, onboarded or not
	}
	if hd := c.h.nextTicket(c); hd != nil {
		return hd // a technician's "tomo el siguiente ticket": the oldest unclaimed, claimed
	}
	if hd := c.h.bookedTold(c); hd != nil {
		return hd // a mentor's "dile a Rosa que traiga su sílabo": held, to confirm
	}
	if hd := c.h.attendanceTold(c); hd != nil {
		return hd // a mentor's "Rosa no vino a la sesión de ayer": ❌ pressed
	}
	if hd := r.staffIntent(c); hd != nil {
		return hd
	}
	switch {
	case c.U.File != nil:
		return nil
	case c.Known && c.User.Onboarded():
		return r.everyones(c)
	case c.Private() && c.Roles.Staff():
		// Staff need no onboarding: their first words are read too, and
		// done after the greeting ("my tickets" got the greeting alone).
		if hd := r.everyones(c); hd != nil {
			return func(c *Ctx) error { c.h.staffFirst(c); return hd(c) }
		}
	}
	return nil
}

// everyones is the command of everyone's that the words of someone known
// ask for (intent), or nil.
func (r *router) everyones(c *Ctx) Handler {
	if hd := c.h.typedMenu(c); hd != nil {
		return hd
	}
	if hd := c.h.courseStepTold(c); hd != nil {
		return hd // "ya subí el sílabo de EST201": tick it?
	}
	kb := c.kb()
	if kb == nil {
		return nil
	}
	if c.Private() && kb.MentorAbsent(c.U.Text) {
		return c.h.mentorAbsent // "mi mentor no llegó a la sesión": tell them?
	}
	if hd := r.commands[kb.Intent(c.U.Text)]; hd != nil {
		return hd
	}
	if c.Private() && kb.RepliedAlone(c.U.Text) && c.h.ticketOpen(c) {
		return r.commands["mytickets"] // "¿ya respondieron?", a ticket open: its state and 💬 (an article on forums, seen in the sandbox)
	}
	if hd := c.h.courseAsked(c, kb); hd != nil {
		return hd // "¿qué me falta en mi curso de estadística?": its checklist
	}
	if hd := c.h.courseLeftAsked(c); hd != nil {
		return hd // "¿qué me falta?": the course being moved online's checklist
	}
	if hd := c.h.courseMoveTold(c); hd != nil {
		return hd // "ya terminé de pasar química a virtual": the checklist, and the mentor decides
	}
	if hd := c.h.courseListAsked(c); hd != nil {
		return hd // "quiero ver mis cursos": /mycourses
	}
	if cmd := c.h.mentorAsked(c, kb); cmd != "" {
		return r.commands[cmd] // "quiero una mentoría con Ana": Ana's slots
	}
	if hd := c.h.topicAsked(c, kb); hd != nil {
		return hd // "¿me puedo inscribir en la sesión de rúbricas?": those sessions
	}
	if kb.MentorTopic(c.U.Text) && c.Private() {
		return c.h.mentoringAsked // "quiero que un mentor revise mi sílabo": booked with the words as its topic
	}
	if c.Private() && (kb.BookingAsk(c.U.Text) == "late" || kb.LateAlone(c.U.Text) && c.h.lateFor(c)) {
		// "llegaré 10 minutos tarde a la sesión de mañana": the words are
		// the note for that session's mentor, held to confirm
		// (askedBooking; suggestions of articles, seen in the sandbox);
		// "voy a llegar tarde" alone, when one's session is near, for
		// that one's.
		c.said = c.U.Text
		return r.commands["mybookings"]
	}
	// "dile a mi mentor que llego 5 minutos tarde", "dile al equipo
	// técnico que ya pude subir la tarea", "agrega esto a mi ticket: ya
	// probé en otro navegador": the request, then the note for
	// the mentor or the team (held, to confirm: askedBooking, toldTeam;
	// they got the booking article or suggestions, seen in the sandbox).
	if head, body, ok := toldSplit(c.U.Text); ok && (kb.BookingAsk(head) == "tell" || kb.TicketAsk(head) == "attach") {
		if cmd := kb.Intent(head); cmd == "mybookings" || cmd == "mytickets" {
			c.U.Text, c.said = head, body
			return r.commands[cmd]
		}
	}
	return nil
}

// staffIntent is the command of their role a member of staff asks for in
// words ("crear una formación" is a coordinator's /newevent, "publicar un
// horario" a mentor's /newslot, "tickets sin tomar" a technician's
// /queue), onboarded or not; nil for anyone else, and for a command their
// roles do not have: such words were searched as a question, got "I don't
// know" and reached /gaps (seen in the sandbox).
func (r *router) staffIntent(c *Ctx) Handler {
	kb := c.kb()
	if kb == nil || c.U.File != nil || !c.Private() || !c.Roles.Staff() {
		return nil
	}
	cmd, said, as := kb.StaffIntent(c.h.withoutUniversities(c.U.Text)), "", ""
	if cmd == "" {
		// "pon el enlace https://meet… en la sesión del martes": the
		// request without the link, then the link for that session.
		if link, rest, ok := linkIn(c.U.Text); ok && kb.StaffIntent(c.h.withoutUniversities(rest)) == "slots" &&
			slices.Contains(staffCommands(c.Roles), "slots") {
			c.U.Text, c.said, c.saidAs = rest, link, saidLink
			return r.commands["slots"]
		}
	}
	head, body, colon := strings.Cut(c.U.Text, ":")
	if cmd == "" {
		// "I want to open a group session on friday at 4 about rubrics":
		// the request, then the session's topic (it got suggestions, seen
		// in the sandbox).
		request, topic, ok := topicSplit(c.U.Text)
		switch asked := kb.StaffIntent(c.h.withoutUniversities(request)); {
		case ok && asked == "newslot":
			topic, when := whenAfter(topic, c.h.Now(), c.h.Config.Loc(mentorUni(c)))
			if when != "" {
				request += " " + when // "… sobre rúbricas el jueves a las 4"
			}
			cmd, said, head = "newslot", topic, request
		case ok && asked == "newevent":
			// "crea una formación sobre rúbricas el jueves a las 5": the
			// title, then the day and time, the request's words (newEvent;
			// it got suggestions, seen in the sandbox).
			title, when := whenAfter(topic, c.h.Now(), c.h.Config.Loc(ownUniversity(c.Roles)))
			if _, named := c.h.universitiesIn(request); len(named) > 0 {
				when += " " + named[0].ID // "crea una formación para la unvs sobre …": for it (newEvent)
			}
			cmd, said, head = "newevent", title, strings.TrimSpace(when)
		}
	}
	if cmd == "" && colon && strings.TrimSpace(body) != "" {
		// "enviar un aviso a los estudiantes: mañana no hay clases": the
		// request, then the announcement's text (it got suggestions of
		// articles, seen in the sandbox); "programa un aviso para el
		// lunes a las 8: …", the request read without its day and time,
		// which the announcement keeps (announce).
		request, _ := whenAfter(head, c.h.Now(), c.h.Config.Loc(ownUniversity(c.Roles)))
		if kb.StaffIntent(c.h.withoutUniversities(head)) == "announce" || kb.StaffIntent(c.h.withoutUniversities(request)) == "announce" {
			cmd, said = "announce", strings.TrimSpace(body)
		}
	}
	if cmd == "" || cmd == "events" || cmd == "slots" {
		// "avisa a los inscritos de mi sesión del lunes que llego 10
		// minutos tarde", "… de la formación del miércoles que traigan su
		// curso abierto": the request, then the message to those booked or
		// coming (askMessageBooked, askEventMessage; suggestions of
		// articles, seen in the sandbox). The whole may read as the request
		// alone: a training's title is words of the organiser's own.
		if request, message, ok := toldSplit(c.U.Text); ok {
			switch ask, asked := kb.BookingAsk(request), kb.StaffIntent(request); {
			case ask == "tell" && (asked == "slots" || asked == "events"):
				cmd, said, head = asked, message, request
			case ask == "note" && asked == "slots":
				// "agrega una nota a la sesión del lunes: revisar rúbrica"
				cmd, said, head, as = asked, message, request, saidNote
			case ask == "topic" && asked == "slots":
				// "cambia el tema de mi sesión del martes: evaluación"
				cmd, said, head, as = asked, message, request, saidTopic
			}
		}
	}
	if cmd == "" && len(c.Roles.Mentor) > 0 && (kb.BookingAsk(c.U.Text) == "late" || kb.LateAlone(c.U.Text) && c.h.mentorLateFor(c)) {
		// A mentor's "llegaré 10 minutos tarde a la sesión del lunes": the
		// words for those booked in it, to confirm (askMessageBooked).
		cmd, said, head = "slots", c.U.Text, c.U.Text
	}
	if cmd == "" {
		// "cancela mi sesión del miércoles, estoy enfermo", "no podré dar
		// la sesión del lunes porque tengo examen": the request, then the
		// reason those booked will be told, shown to confirm
		// (saidReason; they got suggestions of articles, seen in the
		// sandbox). A question after it is no reason: the session's
		// panel, as the request alone gives.
		if request, reason, ok := reasonSplit(c.U.Text); ok && kb.StaffIntent(c.h.withoutUniversities(request)) == "slots" &&
			kb.BookingAsk(request) == "cancel" {
			cmd, head = "slots", request
			if said = reason; strings.ContainsAny(reason, "?¿") {
				said = ""
			}
			as = saidReason
		}
	}
	if cmd == "slots" && as == "" && said == "" && kb.BookingAsk(c.U.Text) == "topic" {
		as = saidTopic // "cambia el tema de mi sesión del martes": asked for (its ✏️)
	}
	cmds := staffCommands(c.Roles)
	if cmd == "" && slices.Contains(cmds, "queue") {
		if member, ok := c.h.memberHeldAsked(c, kb); ok {
			cmd, c.heldBy = "queue", member // "¿qué tickets tiene Tec 2?": theirs
		}
	}
	if cmd == "slots" && said == "" && as == "" && !slices.Contains(cmds, "slots") && slices.Contains(cmds, "report") &&
		kb.BookingAsk(c.U.Text) == "" && kb.Intent(c.U.Text) != "mybookings" {
		// A coordinator's "how many people booked mentoring this month?"
		// (a mentor's sessions, which they have none of: the booking
		// article answered, seen in the sandbox): the report's figures.
		// "¿a qué hora es mi mentoría?" is their own booking, as
		// anyone's (it was the report).
		cmd = "report"
	}
	if cmd == "" || !slices.Contains(cmds, cmd) {
		return nil
	}
	switch {
	case said != "":
		c.U.Text, c.said, c.saidAs = head, said, as
	case as != "":
		c.U.Text, c.saidAs = head, as // the request without what it asked nothing of
	}
	return r.commands[cmd]
}

// reasonSplit splits a request to cancel a session from its reason at
// the first ",", ". ", " porque ", " because ", " ya que " or " since "
// (a comma between digits is a number's): the request, and the reason;
// false when neither part is left.
func reasonSplit(text string) (request, reason string, ok bool) {
	at, sep := -1, ""
	lower := asciiLower(text)
	for _, s := range []string{",", ". ", " porque ", " because ", " ya que ", " since "} {
		from := 0
		for {
			i := strings.Index(lower[from:], s)
			if i < 0 {
				break
			}
			i += from
			if s == "," && i > 0 && i+1 < len(lower) && isDigit(lower[i-1]) && isDigit(lower[i+1]) {
				from = i + 1
				continue
			}
			if i > 0 && (at < 0 || i < at) {
				at, sep = i, s
			}
			break
		}
	}
	if at < 0 {
		return "", "", false
	}
	request, reason = strings.TrimSpace(text[:at]), strings.TrimSpace(text[at+len(sep):])
	return request, reason, request != "" && reason != ""
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

// What Ctx.said is for a mentor's session, when it is no message to those
// booked (Ctx.saidAs).
const (
	saidNote = "note"
	saidLink = "link"
	// saidSeats: said is the number of seats the session is to have
	// ("cambia el cupo de mi sesión del viernes a 8").
	saidSeats = "seats"
	// saidCopy: said is where a copy of the session goes ("al viernes a
	// las 9"), or "" to ask (askedSlot).
	saidCopy = "copy"
	// saidReason: said is why the session is cancelled ("cancela mi
	// sesión del miércoles, estoy enfermo"), shown to confirm; "" opens
	// the session's panel.
	saidReason = "reason"
	// saidTopic: said is the session's new topic ("cambia el tema de mi
	// sesión del martes: evaluación formativa"), or "" to ask for it.
	saidTopic = "topic"
)

// linkIn splits text into the one web address it has among other words
// (a meeting link: aulabot.ValidSlotLink) and those words; false for none,
// two, or a link alone.
func linkIn(text string) (link, rest string, ok bool) {
	fields := strings.Fields(text)
	at := -1
	for i, f := range fields {
		if aulabot.ValidSlotLink(aulabot.TypedLink(f)) && strings.ContainsAny(f, "./") {
			if at >= 0 {
				return "", "", false
			}
			at = i
		}
	}
	if at < 0 || len(fields) == 1 {
		return "", "", false
	}
	link = fields[at]
	return link, strings.Join(slices.Delete(fields, at, at+1), " "), true
}

// asciiLower is text with its ASCII letters lowered in place, so that
// offsets found in it hold for text (strings.ToLower may change the
// length of text that is not valid UTF-8: a request's split panicked so,
// found by FuzzTopicSplit).
func asciiLower(text string) string {
	b := []byte(text)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// lastOf is where in text the last of seps starts, and which it is; -1
// for none.
func lastOf(text string, seps ...string) (at int, sep string) {
	at = -1
	for _, s := range seps {
		if i := strings.LastIndex(text, s); i > at {
			at, sep = i, s
		}
	}
	return at, sep
}

// topicSplit splits a request for a new session at its last " about ",
// " sobre " or " acerca de ": the request, and the session's topic; false
// when neither part is left.
func topicSplit(text string) (request, topic string, ok bool) {
	at, sep := lastOf(asciiLower(text), " about ", " sobre ", " acerca de ")
	if at < 0 {
		return "", "", false
	}
	request, topic = strings.TrimSpace(text[:at]), strings.TrimSpace(text[at+len(sep):])
	return request, topic, request != "" && topic != ""
}

// whenAfter splits a new session's topic from the day and time typed
// after it ("rúbricas el jueves a las 4", "rubrics on friday at 4", "foros
// para mañana a las 10"): the topic, and those words, which the request
// reads; "" when the topic ends in none. They were the topic, and the day
// was asked (seen in the sandbox). A day without a time ends a topic only
// after a word that names one ("rúbricas el jueves"): "el examen del
// lunes" is a topic.
func whenAfter(topic string, now time.Time, loc *time.Location) (string, string) {
	fields := strings.Fields(topic)
	for i := 1; i < len(fields); i++ {
		when := fields[i:]
		if len(when) > 1 && whenLeads[strings.ToLower(when[0])] {
			when = when[1:] // "para el jueves a las 4"
		}
		w := strings.Join(when, " ")
		_, err := aulabot.TypedWhen(w, now, loc, "slot.err_date")
		if err != nil && dayLeads[strings.ToLower(when[0])] {
			_, _, _, err = aulabot.TypedDay(w, now, loc)
		}
		if err == nil {
			return strings.Join(fields[:i], " "), strings.Join(fields[i:], " ")
		}
	}
	return topic, ""
}

// The words before a day and time that end a topic (whenLeads, left
// out when reading them), and those that name a day alone (dayLeads).
var (
	whenLeads = map[string]bool{"para": true, "for": true}
	dayLeads  = map[string]bool{"el": true, "este": true, "on": true, "this": true, "next": true,
		"hoy": true, "today": true, "mañana": true, "tomorrow": true, "pasado": true}
)

// toldSplit splits a request to tell those booked something at its first
// ":", " que " or " that ": the request, and what to tell them; false when
// neither part is left.
func toldSplit(text string) (head, body string, ok bool) {
	at, sep := -1, ""
	lower := asciiLower(text)
	for _, s := range []string{":", " que ", " that "} {
		if i := strings.Index(lower, s); i > 0 && (at < 0 || i < at) {
			at, sep = i, s
		}
	}
	if at < 0 {
		return "", "", false
	}
	head, body = strings.TrimSpace(text[:at]), strings.TrimSpace(text[at+len(sep):])
	return head, body, head != "" && body != ""
}

// withoutUniversities is text without the ids and the names of the
// configuration's universities, as aulabot.TypedWords reads it, when it
// names one ("informe de la unvs de la semana pasada": the knowledge base
// knows no university, and an admin's request naming one was a question,
// seen in the sandbox); text as it is otherwise.
func (h *Handlers) withoutUniversities(text string) string {
	words, named := h.universitiesIn(text)
	if len(named) == 0 {
		return text
	}
	return strings.TrimSpace(words)
}

// universitiesIn reads the configuration's universities that text names
// by id or name, as aulabot.TypedWords reads them: the words without
// them (spaces around), and those named, in the configuration's order.
func (h *Handlers) universitiesIn(text string) (words string, named []*aulabot.University) {
	words = " " + aulabot.TypedWords(text) + " "
	for i := range h.Config.Universities {
		u := &h.Config.Universities[i]
		for _, name := range []string{u.ID, u.Name} {
			if n := " " + aulabot.TypedWords(name) + " "; n != "  " && strings.Contains(words, n) {
				words = strings.ReplaceAll(words, n, " ")
				if !slices.Contains(named, u) {
					named = append(named, u)
				}
			}
		}
	}
	return words, named
}

// flowOrIntent gives the update to the flow's handler hd, unless the
// words are a button's of the step's prompt (offerStep), which are its
// press; when the flow refuses the words (it waits for a button: "pick a
// category with the buttons above") and they begin a button's words
// ("crear" for ✅ Crear e invitar), they are its press; when they ask for
// a feature ("quiero reservar una mentoría"), the person leaves the flow
// for it, as with a menu button.
// Words a flow takes (a description, a topic, a note) stay the flow's.
func (r *router) flowOrIntent(c *Ctx, hd Handler) error {
	text, words := c.U.Text, shortWords(c.U.Text)
	if b, ok := c.typedLabel(text, words); ok && c.U.File == nil {
		// A button of the step's prompt typed whole ("omitir" for ⏭
		// Omitir): its press, even where the step takes words (it was
		// the session's topic, seen in the sandbox).
		return c.h.pressTyped(c, b.Data)
	}
	err := hd(c)
	if aulabot.ErrorCode(err) != aulabot.EINVALID || c.committed || len(c.out) > 0 || c.newState != nil || len(c.also) > 0 {
		return err // not a plain refusal: the flow did something
	}
	c.U.Text = text
	if b, ok := c.typedChoice(text, words); ok && c.U.File == nil {
		// A button of the step's prompt typed ("docentes" for Docentes):
		// its press. It was refused with "use the buttons" (seen in the
		// sandbox at /announce's audience).
		return c.h.pressTyped(c, b.Data)
	}
	cmd := r.intent(c)
	if cmd == nil {
		return err
	}
	c.ClearState()
	c.asked, c.U.Text = text, ""
	return cmd(c)
}

// command splits "/cmd@bot args" into cmd and args; in a group, a command
// addressed to another bot is not ours. In a private chat (private) every
// command is: nothing but this bot reads it, and a "/help@oldname" tapped
// in an old message after the bot was renamed, or typed with a slip, is
// meant for it (until 6 December it was taken for a question, and kept
// among the unanswered ones for the coordinators).
func (h *Handlers) command(text string, private bool) (cmd, args string, ok bool) {
	if !strings.HasPrefix(text, "/") {
		return "", "", false
	}
	// The command ends at the first space or line break, as Telegram
	// reads it ("/newslot" on a line of its own, its arguments below).
	first, rest := text[1:], ""
	if i := strings.IndexFunc(first, unicode.IsSpace); i >= 0 {
		first, rest = first[:i], first[i:]
	}
	first, bot, _ := strings.Cut(first, "@")
	if !private && bot != "" && h.BotUsername != "" && !strings.EqualFold(bot, h.BotUsername) {
		return "", "", false
	}
	return strings.ToLower(first), strings.TrimSpace(rest), first != ""
}

// stripTags turns catalogue HTML into plain text for callback dialogs.
func stripTags(s string) string {
	out := i18n.Plain(s)
	if utf8.RuneCountInString(out) > 190 {
		out = string([]rune(out)[:190]) + "…"
	}
	return out
}
