package handlers

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/button"
	"github.com/aulabot/aulabot/i18n"
	"github.com/aulabot/aulabot/service"
)

// The requester's handlers: /mytickets and the buttons on their tickets
// (Reply, Close, Reopen, a rating, Skip), and the reason for a rating.

// ticketsPage is how many tickets a page of /mytickets or /queue lists;
// ◀️ ▶️ turn the pages on the same message.
const ticketsPage = 8

// maxTicketsPage is the last page a page button may ask for: a forged
// number loads no more than that many pages of tickets.
const maxTicketsPage = 1000

// myTickets lists the sender's tickets, newest first, a page at a time,
// each with See and the buttons that apply (mineRows). A technician who
// reported none gets those they took (queueMine): "mis tickets" got "You
// have no tickets. If something technical fails, use /problem" while
// they held one (seen in the sandbox).
func (h *Handlers) myTickets(c *Ctx) error {
	if c.said != "" {
		if told, err := h.toldTeam(c); told || err != nil {
			return err
		}
	}
	if data, ok := h.ticketAsked(c); ok {
		return h.pressTyped(c, data)
	}
	if len(c.Roles.Tech) > 0 {
		none := false
		if err := c.view(func(tx Tx) error {
			mine, err := h.svc.Helpdesk.MyTickets(tx, c.U.From.ID, 1)
			none = len(mine.Tickets)+mine.More == 0
			return err
		}); err != nil {
			return err
		}
		if none {
			return h.queueMine(c, 0, false)
		}
	}
	return h.myTicketsPage(c, 0, false)
}

// ticketAsked is the press that the words that asked for /mytickets ask
// of the person's one ticket still being worked on (KB.TicketAsk):
// 🔒 Close ("quiero cerrar mi ticket", "cancela mi ticket"), 💬 Reply,
// which takes a file too
// ("adjunto una captura para mi ticket"), or its view, with its state
// ("¿cuándo van a resolver mi ticket?"); they got "I don't know" or
// suggestions (seen in the sandbox). False for other words, and with none
// or several open: the list, each with its buttons.
func (h *Handlers) ticketAsked(c *Ctx) (string, bool) {
	kb := c.kb()
	if kb == nil || c.asked == "" || c.U.Callback != nil {
		return "", false
	}
	ask := kb.TicketAsk(c.asked)
	if ask == "" {
		return "", false
	}
	if ask == "reopen" {
		// "quiero reabrir mi ticket": 🔁 Reopen of the newest that may
		// still be reopened ("I don't know", seen in the sandbox); none:
		// the list.
		id := ""
		err := c.view(func(tx Tx) error {
			mine, err := h.svc.Helpdesk.MyTickets(tx, c.U.From.ID, reopenScan)
			if i := slices.IndexFunc(mine.Tickets, func(t aulabot.Ticket) bool { return !t.Active() && service.Reopenable(t, h.Now()) }); i >= 0 {
				id = mine.Tickets[i].ID
			}
			return err
		})
		return reopenButton{id}.Encode(), err == nil && id != ""
	}
	var open []string
	if err := c.view(func(tx Tx) error { open = h.svc.Helpdesk.Open(tx, c.U.From.ID); return nil }); err != nil || len(open) != 1 {
		return "", false
	}
	switch ask {
	case "close":
		return closeButton{open[0]}.Encode(), true
	case "attach":
		return replyButton{open[0]}.Encode(), true
	}
	return viewMineButton{open[0]}.Encode(), true
}

// reopenScan bounds the tickets read for the newest that may be
// reopened: those still worked on come first, then the newest resolved
// and closed.
const reopenScan = 20

// toldTeam holds c.said, the words after "dile al equipo técnico que…",
// for the team of the person's one open ticket, shown, to confirm
// (holdAnswer); with none open, they begin a report, as /problem's words
// do (its category is asked; ✖️ Cancel is among them); it reports whether
// it did either: with several open, the list shows each with 💬 Reply.
func (h *Handlers) toldTeam(c *Ctx) (bool, error) {
	var open []string
	if err := c.view(func(tx Tx) error { open = h.svc.Helpdesk.Open(tx, c.U.From.ID); return nil }); err != nil {
		return false, err
	}
	switch len(open) {
	case 0:
		// "avisa al equipo técnico que no funciona zoom" with no ticket:
		// it said "You have no tickets. If something technical fails, use
		// /problem", the failure told lost.
		c.asked, c.U.Text, c.said = "", c.said, ""
		return true, h.router.commands["problem"](c)
	case 1:
		c.U.Text = c.said
		return true, h.holdAnswer(c, open[0], true)
	}
	return false, nil
}

// myTicketsPage shows page (from 0) of the sender's tickets; turn edits
// the pressed list in place.
func (h *Handlers) myTicketsPage(c *Ctx, page int, turn bool) error {
	return c.Commit(func(tx Tx) error {
		mine, err := h.svc.Helpdesk.MyTickets(tx, c.U.From.ID, (min(page, maxTicketsPage)+1)*ticketsPage)
		if err != nil {
			return err
		}
		n := len(mine.Tickets) + mine.More
		if n == 0 {
			c.Reply(c.T("ticket.mine_empty"))
			return nil
		}
		p := paged(n, ticketsPage, page)
		from, to := p.items()
		b := &listBlock{title: c.T("ticket.mine_title")}
		var rows [][]aulabot.Button
		for _, t := range mine.Tickets[from:min(to, len(mine.Tickets))] {
			state := c.T("ticket.state_" + string(t.State))
			if mine.TeamWrote[t.ID] {
				state = c.T("ticket.state_team_wrote")
			}
			b.lines = append(b.lines, c.T("ticket.mine_line", "id", t.ID, "category", requesterCategory(c, t.Category),
				"state", state, "date", h.day(c.Lang, t.University, t.Created))+ticketGist(c, t))
			see := aulabot.Button{Text: c.T("ticket.button_view_mine", "id", t.ID), Data: viewMineButton{t.ID}.Encode()}
			own := mineRows(c, t, mine.Now)
			if len(own) == 0 {
				own = [][]aulabot.Button{nil}
			}
			own[0] = append([]aulabot.Button{see}, own[0]...)
			rows = append(rows, own...)
		}
		if nav := p.nav(c, func(n int) string { return myTicketsPageButton{n}.Encode() }); nav != nil {
			rows = append(rows, nav)
		}
		c.showPage(turn, fitBlocks(c, []*listBlock{b}, "ticket.mine_more", "ticket.mine_empty")+p.footer(c), rows)
		return nil
	})
}

// mineRows are the requester's buttons on ticket t at now: Reply, and
// Close on its own row, while the team works on it; Reopen for a week
// after it ends.
func mineRows(c *Ctx, t aulabot.Ticket, now time.Time) [][]aulabot.Button {
	switch {
	case t.Active():
		return [][]aulabot.Button{{{Text: c.T("ticket.button_reply") + " " + t.ID, Data: replyButton{t.ID}.Encode()}},
			{{Text: c.T("ticket.button_close", "id", t.ID), Data: closeButton{t.ID}.Encode()}}}
	case service.Reopenable(t, now):
		return [][]aulabot.Button{{{Text: c.T("ticket.button_reopen_id", "id", t.ID), Data: reopenButton{t.ID}.Encode()}}}
	}
	return nil
}

// viewMine sends the requester's ticket id as they see it: its state, its
// description and as many of its latest messages as fit one message (the
// team's signed as their copies are), with its buttons: once the team has
// answered, ✅ That solved it beside Reply, as under their answers.
func (h *Handlers) viewMine(c *Ctx, id string) error {
	var v service.TicketView
	err := c.view(func(tx Tx) (err error) { v, err = h.svc.Helpdesk.RequesterView(tx, actor(c), id); return err })
	if err != nil {
		return err
	}
	t := v.Ticket
	files := ""
	if len(t.Files) > 0 {
		files = c.N("ticket.mine_view_files", len(t.Files))
	}
	state := c.T("ticket.state_" + string(t.State))
	if t.Active() && len(v.Last) > 0 && v.Last[len(v.Last)-1].Team {
		state = c.T("ticket.state_team_wrote") // as /mytickets says
	}
	head := c.T("ticket.mine_view", "id", t.ID, "category", requesterCategory(c, t.Category), "state", state,
		"description", service.Short(aulabot.CleanText(t.Description), maxViewDescription), "files", i18n.HTML(files))
	m := aulabot.Message{ChatID: c.U.ChatID, Inline: mineRows(c, t, v.Now)}
	if t.Active() && slices.ContainsFunc(v.Last, func(x aulabot.TicketMessage) bool { return x.Team }) {
		m.Inline[0] = append(m.Inline[0], aulabot.Button{Text: c.T("ticket.button_solved"), Data: solvedButton{t.ID}.Encode()})
	}
	tail := ""
	if t.State == aulabot.TicketResolved {
		// The rating request may be far up the chat by now: the stars are
		// here too, above Reopen, asked for under the latest messages.
		tail = "\n\n" + c.T("ticket.mine_view_rate")
		m.Inline = append([][]aulabot.Button{h.svc.Helpdesk.Stars(c.Lang, t.ID)}, m.Inline...)
	}
	c.Answer("")
	c.Send(fitView(m, len(v.Last), func(shown int) string {
		return head + "\n\n" + h.svc.Helpdesk.ViewMessages(c.Lang, v, shown, true) + tail
	}))
	return nil
}

// namedTicket opens the ticket a private message only asks after ("UNMA-4"
// pasted from a message of the bot, "¿cómo va el UNMA-4?"; the knowledge
// base's TicketAsked): the team's view for someone who may work on it,
// the requester's for its requester, "I can't find ticket UNMA-4" for
// anyone else; or presses the button a message asks for by its words
// ("tomo el UNMA-4": 🙋 Take; ticketActionButton), as typed
// under the view. Nil for any other message: such words were searched as
// a question and got the help desk's article.
func (h *Handlers) namedTicket(c *Ctx) Handler {
	kb := c.kb()
	if kb == nil || !c.Private() || c.U.File != nil || !(c.Known && c.User.Onboarded() || c.Roles.Staff()) {
		return nil // someone new is onboarded first
	}
	asked := func(text string) (id, action string) {
		if id, action = kb.TicketAsked(text); id == "" {
			if typed, ok := ticketIDTyped(text, ticketHome(c)); ok {
				id, action = kb.TicketAsked(typed) // "tomo el 4", "unma 4"
			}
		}
		return id, action
	}
	id, action := asked(c.U.Text)
	head, body, told := toldSplit(c.U.Text)
	if !told {
		head, body, told = askedToSplit(c.U.Text) // "tell the requester of UNVS-3 to clear the cache"
	}
	if id == "" && !told && c.Roles.Staff() {
		// "¿qué le pasa a Rosa?", "¿qué dijo Rosa en su ticket?", "tomo
		// el de Rosa": the requester named, for their one open ticket's
		// view or button ("I don't know", seen in the sandbox).
		asks := func(t string) bool { id, _ := kb.TicketAsked(t); return id != "" }
		if named, ok := h.requesterNamed(c, c.U.Text, asks); ok {
			id, action = kb.TicketAsked(named)
		}
	}
	if (id == "" || action == "reply") && told && c.Roles.Staff() {
		// "responde al UNMA-3: ya reinicié tu contraseña": the words
		// after the request go to the requester, as typed after 💬 Answer
		// (suggestions, seen in the sandbox); "pídele al UNMA-3 que
		// mande una captura" too, whose whole reads as 💬 Answer's press.
		id, action := asked(head)
		if id == "" {
			// "escríbele a Rosa que ya reinicié su contraseña": the
			// requester named, for their one open ticket ("I don't
			// know", seen in the sandbox).
			if named, ok := h.requesterNamed(c, head, func(t string) bool { _, a := kb.TicketAsked(t); return a == "reply" }); ok {
				id, action = asked(named)
			}
		}
		if action == "reply" {
			uni, _, _ := aulabot.ParseTicketID(id)
			if service.MayWork(c.Roles, uni) {
				return func(c *Ctx) error { c.U.Text = body; return h.relayToRequester(c, id, body) }
			}
		}
	}
	uni, _, _ := aulabot.ParseTicketID(id)
	if _, ok := h.Config.University(uni); !ok {
		return nil // no ticket ("covid-19" is words)
	}
	return func(c *Ctx) error {
		work := service.MayWork(c.Roles, uni)
		if data := ticketActionButton(id, action, work); data != "" {
			return h.pressTyped(c, data)
		}
		if work {
			return h.viewTicket(c, id)
		}
		return h.viewMine(c, id)
	}
}

// askedToSplit splits an English request to tell or ask someone to do
// something at its first " to ": "tell the requester of UNVS-3 to clear
// the cache", "ask Rosa to send a screenshot" (suggestions, seen in the
// sandbox); false for words that begin with neither verb, or leave no
// part.
func askedToSplit(text string) (head, body string, ok bool) {
	lower := asciiLower(text)
	if !strings.HasPrefix(lower, "tell ") && !strings.HasPrefix(lower, "ask ") {
		return "", "", false
	}
	at := strings.Index(lower, " to ")
	if at < 0 {
		return "", "", false
	}
	head, body = strings.TrimSpace(text[:at]), strings.TrimSpace(text[at+len(" to "):])
	return head, body, head != "" && body != ""
}

// requesterNamed is text, the words of a request to a requester or
// after them, with the requester's name put as their ticket's id
// ("escríbele a Rosa" is "escribele a UNMA-4", "¿qué le pasa a Rosa?"
// "que le pasa a UNMA-4"): the one open ticket, of those c's sender may
// work on, whose requester a word of text names (a word of their name of
// three letters or more, the role a name may carry aside: "Rosa
// (docente)"); false for none, or two tickets named (two people, or one
// person's two). The word is the one that, put as an id, makes text the
// request (asks: a reply, or a ticket asked after): the queue is read
// only then.
func (h *Handlers) requesterNamed(c *Ctx, text string, asks func(string) bool) (string, bool) {
	words := strings.Fields(text)
	if len(h.Config.Universities) == 0 || len(words) > maxRequestWords {
		return "", false
	}
	probe := aulabot.TicketID(h.Config.Universities[0].ID, 1)
	at, key := -1, ""
	for i, w := range words {
		// the word as a name: "Rosa?" is "rosa", and so is "Rosa's"
		// ("I'll take Rosa's ticket": "I don't know", seen in the sandbox)
		k := aulabot.TypedWords(aulabot.WithoutPossessives(w))
		named := slices.Clone(words)
		if named[i] = probe; utf8.RuneCountInString(k) >= 3 && !strings.Contains(k, " ") && asks(strings.Join(named, " ")) {
			at, key = i, k
			break
		}
	}
	if at < 0 {
		return "", false // no request to write to or after someone: most messages
	}
	var qs []service.Queue
	if err := c.view(func(tx Tx) (err error) {
		qs, _, err = h.svc.Helpdesk.Queues(tx, c.Roles, nil, requesterScan, false)
		return err
	}); err != nil {
		return "", false
	}
	var found aulabot.Ticket
	n := 0
	for _, q := range qs {
		for _, t := range q.Tickets {
			name, _, _ := strings.Cut(t.RequesterName, "(")
			if slices.Contains(strings.Fields(aulabot.TypedWords(name)), key) {
				found = t
				n++
			}
		}
	}
	if n != 1 {
		return "", false // nobody, two people, or one person's two tickets: which is not for the bot to guess
	}
	words[at] = found.ID
	return strings.Join(words, " "), true
}

// requesterScan bounds the open tickets read per university to find a
// requester named (requesterNamed): a busy team's queue; maxRequestWords
// the words of a request to write to someone ("por favor escríbele a Rosa
// García").
const (
	requesterScan   = 200
	maxRequestWords = 8
)

// teamTyped is the data of the button a message in a team group presses
// by its words alone: a ticket of the group's university named with
// 🙋 Take's, ↩️ Release's or ✅ Resolve's words ("tomo el UNMA-4", "tomo
// el 4", "UNMA-4 resuelto", or by its requester's name, "me encargo del
// de Rosa"), as in a private chat; "" for anything else,
// which the team says among itself (a question, a negation, other words
// beside them, a ticket only named: the base's TicketAsked). "tomo el
// UNMA-4" typed in the group did nothing (seen in the sandbox).
func (h *Handlers) teamTyped(c *Ctx) string {
	kb := c.kb()
	if kb == nil || c.U.File != nil || c.U.Text == "" {
		return ""
	}
	id, action := kb.TicketAsked(c.U.Text)
	if id == "" {
		if text, ok := ticketIDTyped(c.U.Text, c.Team.ID); ok {
			id, action = kb.TicketAsked(text)
		}
	}
	if id == "" {
		// "yo me encargo del de Rosa": the one open ticket of a requester
		// of that name (nothing happened, seen in the sandbox).
		acts := func(t string) bool { _, a := kb.TicketAsked(t); return a != "" }
		if named, ok := h.requesterNamed(c, c.U.Text, acts); ok {
			id, action = kb.TicketAsked(named)
		}
	}
	if uni, _, _ := aulabot.ParseTicketID(id); uni != c.Team.ID {
		return "" // another university's ticket, or none
	}
	switch action {
	case "claim", "release", "resolve", "close":
		return ticketActionButton(id, action, true)
	}
	return "" // passing and answering are done from the post or in private
}

// ticketActionButton is the data of the button that does action (as
// knowledge.TicketAction names it) on ticket id: of the team's view when
// work (its technician or coordinator asks), else of the requester's
// ("UNMA-4 resuelto" is ✅ That solved it; the team's close is Resolve,
// its pass 👉 Pass to a colleague); "" for an action the view has no
// button for, which then opens.
func ticketActionButton(id, action string, work bool) string {
	var b button.Data
	switch {
	case work && action == "claim":
		b = claimButton{id}
	case work && action == "release":
		b = unclaimButton{id}
	case work && (action == "resolve" || action == "close"):
		b = resolveButton{id} // the team's "cierra el UNMA-3" is its resolution
	case work && action == "pass":
		b = passButton{id}
	case work && action == "reply":
		b = teamAnswerButton{id}
	case !work && action == "reply":
		b = replyButton{id}
	case !work && action == "resolve":
		b = solvedButton{id}
	case !work && action == "close":
		b = closeButton{id}
	default:
		return ""
	}
	return b.Encode()
}

// ratingTyped takes a rating typed instead of pressed ("5", "4
// estrellas", "⭐⭐⭐"), or a reopen ("no se resolvió", "reabrir"), as the
// press of its button under "The team marked your ticket as resolved:
// rate it", or a rating under "How was your session?" or a training's
// "How was it?", when one ticket, session or training of the person's
// waits on it (AwaitingRating of the helpdesk and of mentoring, the
// trainings' Unsaid). "5" got "I don't know" and reached /gaps (seen in
// the sandbox). False for any other words, or when no single rating
// waits. words are text as aulabot.TypedWords reads it.
func (h *Handlers) ratingTyped(c *Ctx, text, words string) (bool, error) {
	stars, reopen := typedStars(text, words), typedReopen[words]
	if stars == 0 && !reopen {
		return false, nil
	}
	var presses []string // one for each thing waiting on the person's rating
	err := c.view(func(tx Tx) error {
		ts, err := h.svc.Helpdesk.AwaitingRating(tx, c.U.From.ID)
		for _, t := range ts {
			if reopen {
				presses = append(presses, reopenButton{t.ID}.Encode())
			} else {
				presses = append(presses, rateButton{t.ID, stars}.Encode())
			}
		}
		if err != nil || reopen {
			return err // only a ticket reopens
		}
		bs, err := h.svc.Mentoring.AwaitingRating(tx, c.U.From.ID)
		for _, b := range bs {
			presses = append(presses, rateSessionButton{b.ID, stars}.Encode())
		}
		if err != nil {
			return err
		}
		unsaid, err := h.svc.Events.Unsaid(tx, c.User)
		for _, e := range unsaid {
			presses = append(presses, eventFeedbackButton{e.ID, stars}.Encode())
		}
		return err
	})
	if err != nil || len(presses) != 1 {
		return false, err // none, or several: which one is meant cannot be told
	}
	return true, h.pressTyped(c, presses[0])
}

// typedStars is the rating text types, 1 to 5 ("4", "4 estrellas", "5
// stars", "⭐⭐⭐"), or 0.
func typedStars(text, words string) int {
	if t := strings.TrimSpace(strings.ReplaceAll(text, "\ufe0f", "")); t != "" && strings.Trim(t, "⭐ ") == "" {
		if n := strings.Count(t, "⭐"); n <= 5 {
			return n
		}
		return 0
	}
	n, unit, _ := strings.Cut(words, " ")
	if len(n) != 1 || n[0] < '1' || n[0] > '5' || !starUnits[unit] {
		return 0
	}
	return int(n[0] - '0')
}

// starUnits are the words after a rating's number ("" for none).
var starUnits = map[string]bool{"": true, "estrella": true, "estrellas": true, "star": true, "stars": true,
	"de 5": true, "of 5": true, "sobre 5": true, "out of 5": true}

// typedReopen are the words of "it is not solved" typed under the
// request to rate a resolved ticket: its 🔁 Reopen.
var typedReopen = typedSet("no se resolvió", "no se resolvió, reabrir", "no se resolvio reabrir", "reabrir",
	"reábrelo", "reabrir el ticket", "no está resuelto", "no esta resuelto", "sigue igual", "sigue sin funcionar",
	"todavía no funciona", "aún no funciona", "not solved", "it's not solved", "it is not solved", "reopen",
	"reopen it", "still not working", "it still doesn't work")

// maxViewDescription is how much of a ticket's description its
// requester's view shows.
const maxViewDescription = 1500

// onReplyButton is the requester's Reply: their next text goes to the
// team.
func (h *Handlers) onReplyButton(c *Ctx, id string) error {
	return c.Commit(func(tx Tx) error {
		t, st, err := h.svc.Helpdesk.AskReply(tx, actor(c), id)
		if err != nil {
			return err
		}
		c.SetState(st)
		c.Answer(t.ID)
		c.Reply(c.T("ticket.reply_prompt", "id", t.ID))
		return nil
	})
}

// onSkipNote is Skip after a rating: no reason.
func (h *Handlers) onSkipNote(c *Ctx, id string) error {
	return c.Commit(func(tx Tx) error {
		leave, err := h.svc.Helpdesk.SkipNote(tx, actor(c), id, c.State)
		if err != nil {
			return err
		}
		if leave {
			c.ClearState()
		}
		c.Answer(c.T("ticket.rated_short"))
		c.EditButtons(nil)
		return nil
	})
}

// lowRating is the highest rating that offers to reopen the ticket with
// the request for a reason.
const lowRating = 2

// onRating is a rating button: the ticket closes rated, and the requester
// may say why.
func (h *Handlers) onRating(c *Ctx, id string, stars int) error {
	return c.Commit(func(tx Tx) error {
		res, err := h.svc.Helpdesk.Rate(tx, actor(c), id, stars)
		if err != nil {
			return err
		}
		c.SetState(res.State)
		c.Answer(c.T("ticket.rated_short"))
		text, rows := c.T("ticket.rated", "id", res.Ticket.ID, "rating", stars), [][]aulabot.Button{{{Text: c.T("ticket.button_skip"), Data: skipNoteButton{res.Ticket.ID}.Encode()}}}
		if stars <= lowRating {
			// A low rating is most often "it still fails": the way back
			// is here, not only in /mytickets.
			text += "\n\n" + c.T("ticket.rated_low")
			rows = append(rows, []aulabot.Button{{Text: c.T("ticket.button_reopen"), Data: reopenButton{res.Ticket.ID}.Encode()}})
		}
		c.EditPressed(text, rows)
		return nil
	})
}

// onClose is the requester's Close: a second tap confirms it, and the
// way back is on the same message.
func (h *Handlers) onClose(c *Ctx, id string) error {
	var t aulabot.Ticket
	if err := c.view(func(tx Tx) (err error) { t, err = h.svc.Helpdesk.AskClose(tx, actor(c), id); return err }); err != nil {
		return err
	}
	c.Answer(t.ID)
	sure := aulabot.Button{Text: c.T("ticket.button_close_yes", "id", t.ID), Data: closeYesButton{t.ID}.Encode()}
	c.offerYes(&sure) // a "sí" typed below it closes nothing: it is pointed to the button
	c.ReplyButtons(c.T("ticket.close_confirm", "id", t.ID), [][]aulabot.Button{
		{sure},
		{{Text: c.T("ticket.button_keep_open"), Data: keepOpenButton{t.ID}.Encode()}},
	})
	return nil
}

// onCloseConfirmed closes the ticket: the question becomes the outcome.
func (h *Handlers) onCloseConfirmed(c *Ctx, id string) error {
	return c.Commit(func(tx Tx) error {
		t, err := h.svc.Helpdesk.Close(tx, actor(c), id)
		if err != nil {
			return err
		}
		c.Answer(t.ID)
		c.offerYes(nil) // answered
		c.EditPressed(c.T("ticket.closed_by_user", "id", t.ID), nil)
		return nil
	})
}

// onSolved resolves the ticket the team's answer solved, as its requester
// says: the answer keeps its words and loses its buttons, and the rating
// request follows (Helpdesk.Solved).
func (h *Handlers) onSolved(c *Ctx, id string) error {
	return c.Commit(func(tx Tx) error {
		t, err := h.svc.Helpdesk.Solved(tx, actor(c), id)
		if err != nil {
			return err
		}
		c.Answer(t.ID)
		c.EditButtons(nil)
		return nil
	})
}

// onKeepOpen is the way back from closing: nothing changes.
func (h *Handlers) onKeepOpen(c *Ctx, id string) error {
	var t aulabot.Ticket
	if err := c.view(func(tx Tx) (err error) { t, err = h.svc.Helpdesk.KeepOpen(tx, actor(c), id); return err }); err != nil {
		return err
	}
	c.Answer(t.ID)
	c.offerYes(nil) // answered
	c.EditPressed(c.T("ticket.kept_open", "id", t.ID), nil)
	return nil
}

// onReopen is the requester's Reopen: the ticket goes back to the queue
// and the requester is asked what is still wrong; their next message goes
// to the team.
func (h *Handlers) onReopen(c *Ctx, id string) error {
	return c.Commit(func(tx Tx) error {
		t, err := h.svc.Helpdesk.Reopen(tx, actor(c), id)
		if err != nil {
			return err
		}
		c.SetState(service.WhatIsWrong(t))
		c.Answer(t.ID)
		c.Reply(c.T("ticket.reopened_user", "id", t.ID))
		return nil
	})
}

// onRatingNote keeps the requester's optional reason for a rating. A
// ticket that is not theirs any more ends the flow.
func (h *Handlers) onRatingNote(c *Ctx) error {
	if hd, ok := h.menuTapped(c); ok {
		return hd(c)
	}
	if d, ok := service.FlowRatingNote.Data(c.State); ok && aulabot.TypedNone(c.U.Text) {
		// "no gracias" typed is Skip, not the reason (it was kept as
		// one, seen in the sandbox)
		return h.pressTyped(c, skipNoteButton{d.Ticket}.Encode())
	}
	err := c.Commit(func(tx Tx) error {
		if _, err := h.svc.Helpdesk.NoteRating(tx, c.U.From.ID, c.State, c.U.Text); err != nil {
			return err
		}
		c.ClearState()
		c.Reply(c.T("ticket.note_saved"))
		return nil
	})
	if aulabot.ErrorKey(err) == "ticket.err_not_found" {
		c.ClearState()
	}
	return err
}

// ticketOpen reports whether the person has a ticket still open: words
// that only ask whether someone answered are then about it (RepliedAlone);
// otherwise they are read as any (a forum, a teacher). A read, outside any
// write.
func (h *Handlers) ticketOpen(c *Ctx) bool {
	var open []string
	if err := c.view(func(tx Tx) error { open = h.svc.Helpdesk.Open(tx, c.U.From.ID); return nil }); err != nil {
		return false
	}
	return len(open) > 0
}
