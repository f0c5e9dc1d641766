package handlers

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/button"
)

// What a person was just asked to confirm (a mentoring slot's card,
// "Cancel this booking?", /deletemydata's question) or to choose from
// (/mentoring's kinds, /report's periods, a list of slots, a flow's step,
// or, outside a flow, the last message shown with buttons: offerStep, or
// delivered to the person by another's doing: Shown) is kept in memory
// for YesWindow, so that words typed instead of pressing are read for
// what they are: a yes is pointed to the button that confirms
// (yesOffered), a choice's words are its press (typedPress, and at a
// step flowOrIntent: pressTyped), and words that two or more choices
// share ask which (whichOne). Until 6 December a "sí"
// under a slot's card got small talk and the person believed it booked,
// and "personal" under /mentoring's menu got an article (seen in the
// sandbox). A restart forgets them: a word typed then is read as before.
// Memory, not the database: each slot's card, /mentoring's menu and
// /report's periods would add a write to their update's commit, and a
// short message a read, for a hint that lives ten minutes.

// YesWindow is how long a question that asks to confirm or to choose
// takes words typed for its buttons.
const YesWindow = 10 * time.Minute

// maxYes bounds the bytes of a message read as a typed yes ("sí, por
// favor, confirmo") or a typed choice ("la semana pasada"): a longer one
// is neither, and is not read.
const maxYes = 40

// offers are the offers of the people asked lately, by person.
type offers struct {
	mu sync.Mutex
	by map[int64]offer
	// The map is swept of offers no longer read once it has sweepAt
	// people or more (twice those left by the last sweep), or YesWindow
	// after the last sweep (swept): a sweep on every change of a large
	// map, as every answer with buttons makes one, cost a scan of it per
	// update.
	sweepAt int
	swept   time.Time
}

// offer is what one person was asked lately, and when.
type offer struct {
	yes       aulabot.Button // the button that confirms ({}: none)
	yesAt     time.Time
	choices   []choice // buttons whose words typed are their press
	choicesAt time.Time
	// inFlow is whether the choices are a flow's step's, which wait as
	// long as the step does (FlowIdle), not YesWindow.
	inFlow bool
	// sent is whether the choices are those of a message another's doing
	// sent (shown), read for ShownWindow: the person reads it when they
	// next open the chat.
	sent bool
	// at is when the person's last update in their private chat
	// committed: a message meant to go to them before it (their own
	// update's, whose offers it recorded) offers nothing when delivered
	// (offers.shown).
	at time.Time
}

// choice is a button offered whose words, typed, are its press; a
// mentoring slot's (at not zero) also by its day and time typed ("el
// miércoles a las 9"), or either alone (typedWhen); a question's
// confirming button's (yes) also by a yes typed ("sí" for 📨 Send it).
type choice struct {
	aulabot.Button
	at  time.Time
	yes bool
	// whole: only the label's whole words press it, not its first ones
	// (a course's checklist's box: "foros" is a question about forums as
	// much as ⬜ Foros con consignas claras).
	whole bool
	// which: offered under "Which of these?" (whichOne), where a word of
	// its label that no other has presses it too ("personal").
	which bool
	// said are other words, as TypedWords reads them, typed whole for its
	// press ("no podré ir" for ✖️ Cancelar reserva: typedSaid).
	said map[string]bool
	// kind is the kind of the session a booking's button is for
	// (aulabot.SlotPersonal, SlotGroup): a request that names it names
	// that booking ("cancel my group session": askedBooking).
	kind string
	// mentor and mentorName are the mentor of the session a booking's
	// button is for: a request that names them names that booking
	// ("cancelar mi sesión con García": askedBooking).
	mentor     int64
	mentorName string
}

// choicesFor is how long f's choices are read.
func (f offer) choicesFor() time.Duration {
	switch {
	case f.inFlow:
		return FlowIdle
	case f.sent:
		return ShownWindow
	}
	return YesWindow
}

// ShownWindow is how long the buttons of a message sent by another's
// doing (a training's invitation, the team's answer) take words typed for
// them, unless the person is shown others: a person on a phone reads it
// hours later ("no podré ir" typed under the invitation of the morning).
const ShownWindow = 24 * time.Hour

// stale reports whether nothing of f is read any more at now.
func (f offer) stale(now time.Time) bool {
	return now.Sub(f.yesAt) > YesWindow && now.Sub(f.choicesAt) > f.choicesFor() && now.Sub(f.at) > YesWindow
}

// offerChange is what an update changes of its person's offer, applied
// once it commits: nil fields are left as they are.
type offerChange struct {
	yes     *aulabot.Button
	choices *[]choice
	inFlow  bool // the choices are a flow's step's
	forget  bool // the person's data was deleted
}

// offerYes records that what the update shows asks to confirm with
// button yes; nil forgets the question (it was answered).
func (c *Ctx) offerYes(yes *aulabot.Button) {
	b := aulabot.Button{}
	if yes != nil {
		b = *yes
	}
	c.offer.yes = &b
}

// offerChoices records that what the update shows offers buttons whose
// words, typed, stand for their press (with other words for the same
// press as buttons of their own: "individual" for 👤 Personal).
func (c *Ctx) offerChoices(buttons []aulabot.Button) {
	choices := make([]choice, len(buttons))
	for i, b := range buttons {
		choices[i] = choice{Button: b}
	}
	c.offerTimed(choices)
}

// offerTimed records choices as offerChoices does, a slot's with its
// start.
func (c *Ctx) offerTimed(choices []choice) {
	choices = c.h.typedSaid(choices)
	c.offer.choices = &choices
}

// typedSaid gives choices the words people type for their press beside
// their labels: not coming ("no podré ir", "I can't make it") for a
// booking's ✖️ Cancel and a training's ❌ Not this time, coming ("ahí
// estaré", "I'll be there") for 👍 I'll attend and ✅ I'll attend, "la
// respondo" for a survey's Answer the survey. Until 6 December "no podré
// ir" under a booking's reminder got "I don't know" and reached /gaps
// (seen in the sandbox).
func (h *Handlers) typedSaid(choices []choice) []choice {
	for i, b := range choices {
		if b.said != nil || b.Data == "" {
			continue
		}
		v, _ := h.buttons.Decode(b.Data) // once: each decode of a kind it is not allocates its refusal
		switch d := v.(type) {
		case cancelBookingButton:
			choices[i].said = typedNotComing
		case attendButton:
			choices[i].said = typedComing
		case allCameButton:
			choices[i].said = typedAllCame
		case svButton:
			if d.Op == svOpen {
				choices[i].said = typedAnswering
			}
		case eventAnswerButton:
			choices[i].said = comingOrNot(d.Attend)
		case eventChangeButton:
			choices[i].said = comingOrNot(d.Attend)
		case lmsSubscribeButton:
			choices[i].said = typedTellMeBack
		}
	}
	return choices
}

// typedAnswering are the words of saying one answers a survey, as
// TypedWords reads them.
var typedAnswering = typedSet("la respondo", "ok la respondo", "si la respondo", "respondo", "la contesto",
	"ok la contesto", "ya la respondo", "i'll answer it", "ok i'll answer it", "i'll do it", "ok i'll do it")

// typedTellMeBack are the words of asking to be told when the virtual
// classroom is back, as TypedWords reads them, for 🔔 Tell me when it is
// back: "avísame cuando vuelva" got an article (noticed in the sandbox).
var typedTellMeBack = typedSet("avísame cuando vuelva", "avísame cuando funcione", "avísame cuando regrese",
	"avísame", "me avisas", "me avisas cuando vuelva", "sí avísame", "tell me when it's back", "let me know",
	"tell me when it works", "notify me", "let me know when it's back", "let me know when it works", "avísame cuando se arregle")

// typedAllCame are the words of everyone having come to a session, as
// TypedWords reads them.
var typedAllCame = typedSet("todos vinieron", "vinieron todos", "asistieron todos", "todos asistieron",
	"vinieron los dos", "vinieron las dos", "vinieron ambos", "everyone came", "everybody came", "all came",
	"they all came", "all of them came", "both came")

// comingOrNot is typedComing or typedNotComing.
func comingOrNot(coming bool) map[string]bool {
	if coming {
		return typedComing
	}
	return typedNotComing
}

// typedComing and typedNotComing are the words of going to a session or
// a training, and of not going, as TypedWords reads them.
var (
	typedComing = typedSet("ahí estaré", "allí estaré", "ahí estaremos", "sí iré", "iré", "sí voy", "sí asistiré",
		"cuente conmigo", "confirmo asistencia", "i'll be there", "i will be there", "i'll come", "i will come",
		"count me in", "i'll attend", "i will attend", "yes i'll come")
	typedNotComing = typedSet("no podré ir", "no podré", "no puedo ir", "no voy a poder", "no voy a poder ir",
		"no iré", "no voy", "no podré asistir", "no puedo asistir", "no asistiré", "no llego", "no alcanzo",
		"i can't make it", "can't make it", "i cannot make it", "i can't come", "i cannot come", "i can't go",
		"i won't make it", "i won't be able to come", "i can't attend", "i won't come", "i won't be there")
)

// offerStep offers the buttons of rows to be typed: a flow's step's (its
// prompt: prompted), where a label's words typed are its press
// (flowOrIntent), or, outside a flow, those of the last message an update
// shows with buttons (Commit: a list's, an answer's, a question's), where
// they are too (typedPress). Links, articles and an answer's 👍 / 👎 (the
// words "me sirvió" and "no me sirvió" are small talk's) are left out, and
// the choices the update's handler offered itself (a kind's other words)
// stand.
func (c *Ctx) offerStep(rows [][]aulabot.Button) {
	if c.offer.choices != nil {
		return
	}
	c.offerTimed(c.h.typedChoices(rows))
}

// typedChoices are the buttons of rows whose words typed are their press
// (offerStep): all but links, articles and an answer's 👍 / 👎.
func (h *Handlers) typedChoices(rows [][]aulabot.Button) []choice {
	step := []choice{}
	for _, row := range rows {
		for _, b := range row {
			if b.Data == "" { // a link
				continue
			}
			v, _ := h.buttons.Decode(b.Data) // once, as typedSaid
			switch v.(type) {
			case kbArticleButton, kbFeedbackButton:
				continue
			}
			_, tick := v.(tickButton)
			step = append(step, choice{Button: b, whole: tick})
		}
	}
	return step
}

// offeredKind is the button of kind B among the choices offered to the
// person (the last message shown with buttons), when one press of that
// kind is; false for none or several.
func offeredKind[B button.Data](c *Ctx) (B, bool) {
	var found B
	data := ""
	for _, b := range c.h.offers.get(c.U.From.ID, c.h.Now()).choices {
		v, err := button.As[B](c.h.buttons, b.Data)
		switch {
		case err != nil || b.Data == data:
		case data != "":
			return found, false
		default:
			found, data = v, b.Data
		}
	}
	return found, data != ""
}

// isKind reports whether button b is of kind B.
func isKind[B button.Data](h *Handlers, b aulabot.Button) bool {
	_, err := button.As[B](h.buttons, b.Data)
	return err == nil
}

// lastShown is the buttons of the last message of out to chat that has
// some; nil for none.
func lastShown(chat int64, out []aulabot.Message) [][]aulabot.Button {
	for i := len(out) - 1; i >= 0; i-- {
		if m := out[i]; m.ChatID == chat && len(m.Inline) > 0 && !m.Delete {
			return m.Inline
		}
	}
	return nil
}

// Shown tells the handlers that message m, read from the outbox, was
// delivered: a new message with buttons to a person's private chat,
// meant to go after their last update (a ticket's answer from the team,
// a training's invitation, a booking's reminder), offers its buttons'
// words as the last message an update shows does (Ctx.Commit), so that
// "asistiré" under an invitation is ✅ Asistiré's press (until 6 December
// it got "I don't know" and reached /gaps, seen in the sandbox) and "eso
// lo resolvió" under the team's answer ✅ Eso lo resolvió's; a message
// with one such button takes a yes for it ("sí" under a survey's
// invitation). Edits and messages to groups change nothing. The outbox
// calls it for each message Telegram took, before marking it sent.
func (h *Handlers) Shown(m aulabot.Message) {
	if m.ChatID <= 0 || len(m.Inline) == 0 || m.Delete || m.EditMessageID != 0 || m.EditRef != "" {
		return
	}
	went := m.Created
	if m.NotBefore.After(went) {
		went = m.NotBefore // a reminder queued at the booking, due a day later
	}
	choices := h.typedSaid(h.typedChoices(m.Inline))
	if len(choices) == 1 && !h.isNote(choices[0].Data) {
		choices[0].yes = true // "sí" under a survey's invitation: its one button; under a note, an answer (awaitedNote)
	}
	h.offers.shown(m.ChatID, went, h.Now(), choices)
}

// namedChoice is the data of the one choice whose words asked, the words
// that asked for a feature ("informe de esta semana"), name among its
// own ("esta semana"); a label named within a longer one named gives way
// to it ("docentes y estudiantes" names Docentes y estudiantes, not
// Docentes). False for none or several.
func namedChoice(asked string, choices []aulabot.Button) (string, bool) {
	if asked == "" {
		return "", false
	}
	words := " " + aulabot.TypedWords(asked) + " "
	var named []aulabot.Button // with their labels as TypedWords reads them
	for _, b := range choices {
		if label := " " + aulabot.TypedWords(b.Text) + " "; strings.Contains(words, label) {
			named = append(named, aulabot.Button{Text: label, Data: b.Data})
		}
	}
	data := ""
	for _, b := range named {
		within := slices.ContainsFunc(named, func(o aulabot.Button) bool { return o.Data != b.Data && strings.Contains(o.Text, b.Text) })
		if within || b.Data == data {
			continue
		}
		if data != "" {
			return "", false
		}
		data = b.Data
	}
	return data, data != ""
}

// typedAs is button b as a choice and, as choices of their own with its
// data, other words typed for it ("sin enlace" for ⏭ Skip at a link's
// step; each also without its apostrophes, "didnt" beside "didn't"); yes
// says a yes typed presses it too.
func typedAs(b aulabot.Button, yes bool, words ...string) []choice {
	out := []choice{{Button: b, yes: yes}}
	for _, w := range words {
		out = append(out, choice{Button: aulabot.Button{Text: w, Data: b.Data}})
		if bare := strings.ReplaceAll(w, "'", ""); bare != w {
			out = append(out, choice{Button: aulabot.Button{Text: bare, Data: b.Data}})
		}
	}
	return out
}

// forgetOffers drops the person's offers with their data.
func (c *Ctx) forgetOffers() { c.offer.forget = true }

// minSweep is the fewest people's offers the map is swept at.
const minSweep = 1024

// change applies ch to user's offer at now (a committed update's, in a
// private chat, which it also marks as the person's last: offer.at),
// dropping the offers of everyone no longer read when there are many.
func (o *offers) change(user int64, private bool, now time.Time, ch offerChange) {
	if !private {
		return
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if ch.forget {
		delete(o.by, user)
		return
	}
	f := o.ofLocked(user, now)
	// What a message delivered after now showed (shown) stands, the
	// update's clock read before it, but for a flow's step, which waits.
	if ch.yes != nil && !f.yesAt.After(now) {
		f.yes, f.yesAt = *ch.yes, now
	}
	if ch.choices != nil && (ch.inFlow || !f.choicesAt.After(now)) {
		f.choices, f.choicesAt, f.inFlow, f.sent = *ch.choices, now, ch.inFlow, false
	}
	f.at = now // one chat's updates are handled one at a time
	o.by[user] = f
}

// shown records that a message with buttons meant to go to user at went
// (not before its NotBefore) was delivered at now, sent by another's
// update or by the bot's own work (a ticket's answer from the team, a
// training's invitation, a booking's reminder): its buttons (choices)
// become those the person's words are read for (ShownWindow), and a
// question asked before to confirm no longer takes a yes, unless the
// person's own update has committed since went (it recorded what it
// showed) or a flow's step still waits on its own buttons.
func (o *offers) shown(user int64, went, now time.Time, choices []choice) {
	o.mu.Lock()
	defer o.mu.Unlock()
	f := o.ofLocked(user, now)
	if !went.After(f.at) || f.inFlow && now.Sub(f.choicesAt) <= FlowIdle {
		return
	}
	f.yes, f.yesAt = aulabot.Button{}, now
	f.choices, f.choicesAt, f.inFlow, f.sent = choices, now, false, true
	o.by[user] = f
}

// ofLocked is user's offer, with o.mu held, after sweeping the map of the
// offers no longer read when it has grown large.
func (o *offers) ofLocked(user int64, now time.Time) offer {
	if o.by == nil {
		o.by = map[int64]offer{}
	}
	if n := len(o.by); n >= minSweep && (n >= o.sweepAt || now.Sub(o.swept) >= YesWindow) {
		for id, f := range o.by {
			if f.stale(now) {
				delete(o.by, id)
			}
		}
		o.sweepAt, o.swept = 2*len(o.by), now
	}
	return o.by[user]
}

// get is what user was offered and is still read at now (YesWindow; a
// flow's step's choices, FlowIdle): each part made longer ago is left
// out.
func (o *offers) get(user int64, now time.Time) offer {
	o.mu.Lock()
	defer o.mu.Unlock()
	f := o.by[user]
	if now.Sub(f.yesAt) > YesWindow {
		f.yes = aulabot.Button{}
	}
	if now.Sub(f.choicesAt) > f.choicesFor() {
		f.choices = nil
	}
	return f
}

// yesOffered answers a yes typed alone ("sí", "ok") within YesWindow of a
// question that asks to confirm and has not been answered: its button,
// again, under "tap the button". Until 6 December the yes got "👍 I'm
// here if you have another question" (or, "sí, confirmo", an answer from
// the knowledge base). False when no such question is waiting.
func (c *Ctx) yesOffered() bool {
	f := c.h.offers.get(c.U.From.ID, c.h.Now())
	if f.yes == (aulabot.Button{}) {
		return false
	}
	c.offerYes(&f.yes) // the question still waits: its button is pressed, not typed
	c.ReplyButtons(c.T("common.yes_hint"), [][]aulabot.Button{{f.yes}})
	return true
}

// noOffered answers a no typed alone ("no", "no gracias") within
// YesWindow of a question that asks to confirm and has not been
// answered: nothing was done, and the question's buttons stay. Until 8
// December it got "👍 I'm here if you have another question" (seen in
// the sandbox under a slot's card), which did not say whether anything
// was booked. False when no such question is waiting; a yes typed after
// it is small talk.
func (c *Ctx) noOffered() bool {
	f := c.h.offers.get(c.U.From.ID, c.h.Now())
	if f.yes == (aulabot.Button{}) {
		return false
	}
	c.offerYes(nil)
	c.Reply(c.T("common.no_noted"))
	return true
}

// typedChoice is the button, of a choice offered within YesWindow, whose
// words are those of text (words, as aulabot.TypedWords reads it:
// "personal" for 👤 Personal) when no other button's are, or whose words
// begin with them when no other's do ("crear" for ✅ Crear e invitar,
// "enviar" for 📤 Enviar ahora): people type a label's verb. A yes or a
// no is never read as the start of a label ("sí" is not "Sí, cancelar"),
// nor fewer than four letters. False when none is. Only a message of at
// most maxYes bytes and maxChoiceWords words is read: a question is not.
func (c *Ctx) typedChoice(text, words string) (aulabot.Button, bool) {
	return c.typedButton(text, words, true)
}

// typedLabel is typedChoice of a button's whole words alone: at a step
// that takes words (a topic, a link), "omitir" is ⏭ Omitir's press, but
// "crear" is not ✅ Crear e invitar's.
func (c *Ctx) typedLabel(text, words string) (aulabot.Button, bool) {
	return c.typedButton(text, words, false)
}

// typedButton is typedChoice, a label's first words too when starts.
func (c *Ctx) typedButton(text, words string, starts bool) (aulabot.Button, bool) {
	if !choiceWords(text, words) {
		return aulabot.Button{}, false
	}
	whole, start := c.typedMatches(words)
	switch {
	case len(whole) == 1:
		return whole[0].Button, true
	case len(whole) > 1, !starts, len(start) != 1, !labelStart(words):
		return aulabot.Button{}, false // two buttons read alike ("🔁 Change the time" under each booking): neither
	}
	return start[0].Button, true
}

// typedAlike is the choices offered, two or more with different presses,
// that text (words, as aulabot.TypedWords reads it) would press but for
// each other: whose words are those ("cambiar la hora" under each
// booking), or, none being, whose words begin with them ("cancelar" for
// ✖️ Cancelar lun 7 dic and ✖️ Cancelar mar 8 dic), as typedChoice reads
// a label's start. nil for fewer than two.
func (c *Ctx) typedAlike(text, words string) []choice {
	if !choiceWords(text, words) {
		return nil
	}
	switch whole, start := c.typedMatches(words); {
	case len(whole) > 1:
		return whole
	case len(whole) == 0 && len(start) > 1 && labelStart(words):
		return start
	}
	return nil
}

// typedMatches are the choices offered whose words are words (or that a
// yes typed presses, when words are one) and those whose words begin with
// them, one for each press.
func (c *Ctx) typedMatches(words string) (whole, start []choice) {
	for _, b := range c.h.offers.get(c.U.From.ID, c.h.Now()).choices {
		label := aulabot.TypedWords(b.Text)
		if (label == words || b.said[words] || b.yes && aulabot.YesWords(words)) && !pressing(whole, b.Data) {
			whole = append(whole, b)
		}
		if !b.whole && strings.HasPrefix(label, words+" ") && !pressing(start, b.Data) {
			start = append(start, b)
		}
	}
	return whole, start
}

// typedWithin is the choices offered (one for each press) whose labels
// hold text's words, two or more, in their order with words of their own
// between them ("rosa vino" for ✅ Rosa Quispe vino under a session's
// attendance, "preguntar mentor" for 🧑‍🏫 Preguntar a un mentor), as
// typedChoice reads a label's start; never a yes or a no ("no gracias"
// is not No gracias, mantenerla), nor a checklist's box (whole). nil for
// none.
func (c *Ctx) typedWithin(text, words string) []choice {
	if !choiceWords(text, words) || !strings.Contains(words, " ") || !labelStart(words) {
		return nil
	}
	typed := strings.Fields(words)
	var found []choice
	for _, b := range c.h.offers.get(c.U.From.ID, c.h.Now()).choices {
		if !b.whole && inOrder(typed, strings.Fields(aulabot.TypedWords(b.Text))) && !pressing(found, b.Data) {
			found = append(found, b)
		}
	}
	return found
}

// inOrder reports whether the words of typed are among those of label, in
// their order.
func inOrder(typed, label []string) bool {
	i := 0
	for _, w := range label {
		if i < len(typed) && typed[i] == w {
			i++
		}
	}
	return i == len(typed)
}

// pressing reports whether one of choices presses data.
func pressing(choices []choice, data string) bool {
	return slices.ContainsFunc(choices, func(b choice) bool { return b.Data == data })
}

// choiceWords reports whether text (words, as TypedWords reads it) may be
// a choice typed: at most maxYes bytes and maxChoiceWords words, a word's
// apostrophe not splitting it ("let me know when it's back" is six: it was
// seven, and no press, noticed in the sandbox).
func choiceWords(text, words string) bool {
	if len(text) > maxYes || words == "" {
		return false
	}
	return strings.Count(aulabot.TypedWords(unapostrophe.Replace(text)), " ") < maxChoiceWords
}

// unapostrophe takes a word's apostrophes out ("it's": "its").
var unapostrophe = strings.NewReplacer("'", "", "’", "")

// labelStart reports whether words may be read as a label's first words:
// four letters or more, and no yes or no ("sí" is not "Sí, cancelar").
func labelStart(words string) bool {
	return len(words) >= 4 && !aulabot.YesWords(words) && !typedNo[words]
}

// typedSet is the set of phrases as TypedWords reads them, each also
// as typed without its apostrophes ("didnt" beside "didn't").
func typedSet(phrases ...string) map[string]bool {
	set := make(map[string]bool, 2*len(phrases))
	for _, p := range phrases {
		set[aulabot.TypedWords(p)] = true
		set[aulabot.TypedWords(strings.ReplaceAll(p, "'", ""))] = true
	}
	return set
}

// maxChoiceWords bounds the words of a typed choice: a label's ("No iré a
// la 1" has five).
const maxChoiceWords = 6

// shortWords is text as TypedWords reads it when it may be a typed yes
// or choice (at most maxYes bytes), "" otherwise: a description or a
// question in a flow is not read word by word for that.
func shortWords(text string) string {
	if len(text) > maxYes {
		return ""
	}
	return aulabot.TypedWords(text)
}

// typedNo are the words of a no, as TypedWords reads them.
var typedNo = typedSet("no", "nop", "nope", "no gracias", "no thanks")

// typedWhen is the choices offered within YesWindow with a day and a
// time (a list's slots, /mybookings' buttons) whose day and time text
// types ("el miércoles a las 9", "mañana 10am"), or whose day it types
// alone ("el miércoles"), or whose time ("a las 9"), in the person's
// university's time; or, where text begins with a label's first words
// ("cancelar la del martes", "cambiar la hora del lunes"), those of the
// choices whose labels begin so, or that take them (said: "no podré ir a
// la del martes"), whose day or time the rest types (led).
// nil when text types none of these, or no choice offered is then. Only
// a message of at most maxYes bytes is read.
func (c *Ctx) typedWhen(text string) (found []choice, led bool) {
	if len(text) > maxYes {
		return nil, false
	}
	var timed []choice
	for _, b := range c.h.offers.get(c.U.From.ID, c.h.Now()).choices {
		if !b.at.IsZero() {
			timed = append(timed, b)
		}
	}
	if len(timed) == 0 {
		return nil, false
	}
	if found := c.atWhen(text, timed); len(found) > 0 {
		return found, false
	}
	fields := strings.Fields(text)
	for k := len(fields) - 1; k >= 1; k-- {
		lead := aulabot.TypedWords(strings.Join(fields[:k], " "))
		if lead == "" {
			continue
		}
		var begun []choice
		for _, b := range timed {
			if l := aulabot.TypedWords(b.Text); l == lead || strings.HasPrefix(l, lead+" ") || b.said[lead] {
				begun = append(begun, b)
			}
		}
		if found := c.atWhen(strings.Join(fields[k:], " "), begun); len(found) > 0 {
			return found, true
		}
	}
	return nil, false
}

// atWhen is those of choices whose day and time text types, or whose day,
// or whose time (typedWhen); nil when text types none of these.
func (c *Ctx) atWhen(text string, choices []choice) []choice {
	if len(choices) == 0 {
		return nil
	}
	loc, now := c.h.Config.Loc(c.User.University), c.h.Now()
	// A morning hour typed without a word of the morning is also the
	// afternoon's: "a las 3" is a session at 15:00 (3 a.m. has none).
	pm := 0
	if !morningWords(text) {
		pm = 12 * 60
	}
	var is func(at time.Time) bool // the errors are not shown: other words are read as any
	if when, err := aulabot.TypedWhen(text, now, loc, "slot.err_date"); err == nil {
		is = func(at time.Time) bool {
			return at.Equal(when) || pm > 0 && when.In(loc).Hour() < 12 && at.Equal(when.Add(12*time.Hour))
		}
	} else if y, m, d, err := aulabot.TypedDay(text, now, loc); err == nil {
		is = func(at time.Time) bool { l := at.In(loc); return l.Year() == y && l.Month() == m && l.Day() == d }
	} else if clock, err := aulabot.TypedClock(text); err == nil {
		is = func(at time.Time) bool {
			l := at.In(loc).Hour()*60 + at.In(loc).Minute()
			return l == clock || clock < 12*60 && l == clock+pm
		}
	} else {
		return nil
	}
	var found []choice
	for _, b := range choices {
		if is(b.at) {
			found = append(found, b)
		}
	}
	return found
}

// morningWords reports whether text says a time is the morning's ("9am",
// "9 a.m.", "9 de la mañana", "in the morning", "de madrugada"; "mañana"
// alone is tomorrow).
func morningWords(text string) bool {
	from, _, ok := dayPart(text)
	return amRE.MatchString(text) || ok && from == 0
}

// dayParts are the parts of a day words name, each by its hours [from,
// to) and its words as aulabot.TypedWords reads them, spaces around:
// "tarde" needs its "la" ("llegaré tarde" is late, "mañana" alone is
// tomorrow).
var dayParts = []struct {
	from, to int
	words    []string
}{
	{0, 12, []string{" la manana ", " madrugada ", " morning "}},
	{12, 19, []string{" la tarde ", " afternoon "}},
	{18, 24, []string{" la noche ", " de noche ", " evening ", " night ", " tonight "}},
}

// dayPart is the part of the day text names ("mañana en la tarde", "on
// tuesday morning"), by its hours [from, to); false for none, or two.
func dayPart(text string) (from, to int, ok bool) {
	words := " " + aulabot.TypedWords(text) + " "
	for _, p := range dayParts {
		if slices.ContainsFunc(p.words, func(w string) bool { return strings.Contains(words, w) }) {
			if ok {
				return 0, 0, false
			}
			from, to, ok = p.from, p.to, true
		}
	}
	return from, to, ok
}

// amRE matches an hour followed by "am" or "a.m.".
var amRE = regexp.MustCompile(`(?i)\d\s*a\.?\s?m\b`)

// typedAmong is the one choice offered under "Which of these?" (whichOne)
// whose label has every word of words but the little ones ("personal",
// "el grupal" under ⚡ Próximo horario libre (personal) and (grupal)) when
// no other's has them all; false otherwise, and for words longer than a
// choice's (choiceWords).
func (c *Ctx) typedAmong(text, words string) (aulabot.Button, bool) {
	if !choiceWords(text, words) {
		return aulabot.Button{}, false
	}
	var typed []string
	for _, w := range strings.Fields(words) {
		if !amongFiller[w] {
			typed = append(typed, w)
		}
	}
	if len(typed) == 0 {
		return aulabot.Button{}, false
	}
	var found []choice
	for _, b := range c.h.offers.get(c.U.From.ID, c.h.Now()).choices {
		label := strings.Fields(aulabot.TypedWords(b.Text))
		if b.which && !pressing(found, b.Data) && !slices.ContainsFunc(typed, func(w string) bool { return !slices.Contains(label, w) }) {
			found = append(found, b)
		}
	}
	if len(found) != 1 {
		return aulabot.Button{}, false
	}
	return found[0].Button, true
}

// amongFiller are the little words around a choice's word ("el grupal",
// "the group one"), as TypedWords reads them.
var amongFiller = typedSet("el", "la", "los", "las", "de", "del", "un", "una", "the", "one", "a", "an", "of")
