package handlers

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/button"
	"github.com/aulabot/aulabot/i18n"
	"github.com/aulabot/aulabot/service"
)

// The team's handlers: Claim, Unclaim, Resolve, /resolve and /queue.

// actor is the sender of the update as the helpdesk service sees them.
func actor(c *Ctx) service.Actor {
	a := service.Actor{ID: c.U.From.ID, Name: c.U.From.Name(), Roles: c.Roles, Chat: c.U.ChatID, Private: c.Private()}
	if c.U.Callback != nil {
		a.Pressed = c.U.Callback.MessageID
	}
	return a
}

// teamAction is one of the helpdesk's team actions (Claim, Unclaim,
// Resolve).
type teamAction func(tx service.HelpdeskTx, a service.Actor, id string) (service.Worked, error)

// onTeamAction runs team action act on ticket id and answers the presser
// with catalogue text answer. A refusal of a press on a copy of the post
// the bot did not know comes after the commit that learnt the copy.
func (h *Handlers) onTeamAction(c *Ctx, act teamAction, id, answer string) error {
	// Pressed on the ticket's view (privately, the only place there with
	// these buttons; in the group, a view known by its ref): the view
	// shows the new state and its buttons. It kept "Open" and Claim after
	// the claim, and in the group it was taken for a copy of the post and
	// became the post. Its messages are read before the action, which
	// changes only the ticket.
	var v service.TicketView
	var view bool
	if c.U.Callback != nil { // a command (/resolve) has no view to read
		if err := c.view(func(tx Tx) (err error) { v, view, err = h.svc.Helpdesk.PressedView(tx, actor(c), id); return err }); err != nil {
			return err
		}
	}
	var refused error
	err := c.Commit(func(tx Tx) error {
		res, err := act(tx, actor(c), id)
		if err != nil {
			return err
		}
		if refused = res.Refused; refused == nil {
			h.teamAnswer(c, answer, "id", res.Ticket.ID)
			if view {
				v.Ticket = res.Ticket
				h.sendView(c, v, c.U.Callback.MessageID)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return refused
}

// teamAnswer answers a button press with catalogue text key (a note only
// the presser sees, in their language), or replies to a command with it in
// the language of the chat (chatT).
func (h *Handlers) teamAnswer(c *Ctx, key string, args ...any) {
	if c.U.Callback != nil {
		c.Answer(c.T(key, args...))
		return
	}
	c.Send(aulabot.Message{ChatID: c.U.ChatID, Text: c.chatT(key, args...), ReplyTo: c.U.MessageID})
}

// chatT is catalogue text key for everyone in the update's chat: in a team
// group the configuration's language, the one of the ticket posts (a group
// has no language of its own, and its members may read others); in a
// private chat the sender's.
func (c *Ctx) chatT(key string, args ...any) string {
	if c.Team != nil {
		return c.h.cat.T(c.h.Config.Language, key, args...)
	}
	return c.T(key, args...)
}

// chatN is chatT for a text that counts n.
func (c *Ctx) chatN(key string, n int, args ...any) string {
	if c.Team != nil {
		return c.h.cat.N(c.h.Config.Language, key, n, args...)
	}
	return c.N(key, n, args...)
}

// resolveCommand is /resolve ID.
func (h *Handlers) resolveCommand(c *Ctx) error {
	id, _, _ := strings.Cut(c.U.Text, " ")
	if _, _, ok := aulabot.ParseTicketID(id); !ok {
		return aulabot.Errorf(aulabot.EINVALID, "ticket.resolve_usage")
	}
	return h.onTeamAction(c, h.svc.Helpdesk.Resolve, strings.ToUpper(strings.TrimPrefix(id, "#")), "ticket.resolved_answer")
}

// queue lists the open and claimed tickets of the group's university, or
// privately of every university the sender works for, oldest first, a
// page at a time.
func (h *Handlers) queue(c *Ctx) error {
	if c.heldBy != 0 {
		return h.queueHeld(c, c.heldBy, 0, false)
	}
	if _, named := h.universitiesIn(c.asked); c.Team == nil && len(named) == 1 && service.MayWork(c.Roles, named[0].ID) {
		// "¿cuántos tickets abiertos hay en la unvs?": that university's,
		// its buttons keeping to it (an admin's showed every one, seen in
		// the sandbox).
		return h.queueOf(c, named[0], 0, false, unclaimedAsked(c.asked))
	}
	if c.Team == nil && heldAsked(c.asked) {
		// "¿qué tickets tengo?", "my assigned tickets": those they hold
		// (the whole queue showed, seen in the sandbox).
		return h.queueMine(c, 0, false)
	}
	// "tickets sin tomar", "which tickets are unassigned?": the
	// unclaimed alone, as ⏳ Unclaimed shows them (the whole queue
	// showed, seen in the sandbox).
	return h.queuePage(c, 0, false, unclaimedAsked(c.asked))
}

// unclaimedAsked reports whether words that asked for /queue ask for the
// tickets nobody holds.
func unclaimedAsked(text string) bool {
	words := " " + aulabot.TypedWords(text) + " "
	return slices.ContainsFunc(unclaimedWords, func(p string) bool { return strings.Contains(words, " "+p+" ") })
}

// unclaimedWords are the words of the tickets nobody holds, as
// aulabot.TypedWords reads them.
var unclaimedWords = []string{"sin tomar", "sin asignar", "sin dueno", "nadie ha tomado", "nadie tomo", "unclaimed",
	"unassigned", "nobody took", "nobody has taken", "not taken", "not claimed"}

// heldAsked reports whether words that asked for /queue ask for the
// tickets one holds: one's own ("tengo", "mis", "my", "asignados a mí")
// and none of the whole queue's ("sin tomar", "hay", "todos", "the
// team's").
func heldAsked(text string) bool {
	own, queue := false, false
	for _, w := range strings.Fields(aulabot.TypedWords(text)) {
		own = own || heldWords[w]
		queue = queue || queueAllWords[w]
	}
	return own && !queue
}

// heldWords are the words of one's own tickets, queueAllWords those of
// the whole queue, as aulabot.TypedWords reads them.
var (
	heldWords     = map[string]bool{"tengo": true, "mis": true, "mi": true, "me": true, "my": true, "i": true, "tome": true, "took": true}
	queueAllWords = map[string]bool{"sin": true, "hay": true, "todos": true, "todas": true, "all": true, "equipo": true, "team": true,
		"unclaimed": true, "open": true, "abiertos": true, "pendientes": true, "cola": true, "queue": true, "there": true, "nadie": true, "nobody": true}
)

// uniQueuePage is a page of one university's queue, pressed (b): a
// university the presser no longer works for is refused (Queues), one
// the configuration no longer has is a stale button.
func (h *Handlers) uniQueuePage(c *Ctx, b queueUniButton) error {
	uni, ok := h.Config.University(b.University)
	if !ok || c.Team != nil {
		return button.Stale()
	}
	return h.queueOf(c, uni, b.Page, true, b.Unclaimed)
}

// queuePage shows page (from 0) of the queue, of its unclaimed tickets
// alone if unclaimed; turn edits the pressed list in place. A page shows
// each university it reaches under its title.
func (h *Handlers) queuePage(c *Ctx, page int, turn, unclaimed bool) error {
	return h.queueOf(c, c.Team, page, turn, unclaimed)
}

// queueOf is queuePage for team's university (nil: every one the sender
// works for); one other than the group's is kept by the pages' and the
// lists' buttons (queueUniButton).
func (h *Handlers) queueOf(c *Ctx, team *aulabot.University, page int, turn, unclaimed bool) error {
	title, empty := "ticket.queue_title", "ticket.queue_empty"
	pageButton := func(n int) string { return queuePageButton{n}.Encode() }
	openButton, allButton := queueOpenButton{0}.Encode(), queuePageButton{0}.Encode()
	named := team != nil && (c.Team == nil || team.ID != c.Team.ID) // a university asked for in words
	if named {
		pageButton = func(n int) string { return queueUniButton{team.ID, n, unclaimed}.Encode() }
		openButton, allButton = queueUniButton{team.ID, 0, true}.Encode(), queueUniButton{team.ID, 0, false}.Encode()
	}
	if unclaimed {
		title, empty = "ticket.queue_open_title", "ticket.queue_open_empty"
		if !named {
			pageButton = func(n int) string { return queueOpenButton{n}.Encode() }
		}
	}
	return c.Commit(func(tx Tx) error {
		qs, now, err := h.svc.Helpdesk.Queues(tx, c.Roles, team, (min(page, maxTicketsPage)+1)*ticketsPage, unclaimed)
		if err != nil {
			return err
		}
		mine, open, err := h.svc.Helpdesk.QueueCounts(tx, actor(c), team)
		if err != nil {
			return err
		}
		other := []aulabot.Button{{Text: c.T("ticket.button_queue_open", "n", open), Data: openButton}}
		if unclaimed {
			other = []aulabot.Button{{Text: c.T("ticket.button_queue_all"), Data: allButton}}
		}
		n := 0
		for _, q := range qs {
			n += len(q.Tickets) + q.More
		}
		p := paged(n, ticketsPage, page)
		from, to := p.items()
		var blocks []*listBlock
		var views []aulabot.Button           // a button per ticket on the page
		said := map[string]map[string]bool{} // a view's data -> its requester named (requesterSaid)
		at := 0                              // the first ticket of q in the whole list
		for _, q := range qs {
			b := &listBlock{title: c.T(title, "university", q.University.Name)}
			shown := q.Tickets[min(max(from-at, 0), len(q.Tickets)):min(max(to-at, 0), len(q.Tickets))]
			answered, err := h.svc.Helpdesk.Answered(tx, shown)
			if err != nil {
				return err
			}
			for i, t := range q.Tickets {
				if at+i < from || at+i >= to {
					continue
				}
				status := c.T("ticket.queue_open")
				if name, ok := answered[t.ID]; ok {
					status = c.T("ticket.queue_open_answered", "name", h.svc.Helpdesk.MemberName(c.Lang, name))
				}
				if t.State == aulabot.TicketClaimed {
					status = c.T("ticket.queue_claimed", "name", h.svc.Helpdesk.MemberName(c.Lang, t.OwnerName))
				}
				b.lines = append(b.lines, c.T("ticket.queue_line", "id", t.ID, "category", c.T("ticket.cat_"+t.Category),
					"age", age(c, now.Sub(t.Created)), "status", i18n.HTML(status))+ticketGist(c, t))
				views = append(views, aulabot.Button{Text: c.T("ticket.button_view", "id", t.ID), Data: viewTicketButton{t.ID}.Encode()})
				said[views[len(views)-1].Data] = requesterSaid(t.RequesterName)
			}
			if len(b.lines) > 0 || n == 0 {
				blocks = append(blocks, b)
			}
			at += len(q.Tickets) + q.More
		}
		rows := slices.Collect(slices.Chunk(views, viewsPerRow))
		if nav := p.nav(c, pageButton); nav != nil {
			rows = append(rows, nav)
		}
		if n > 0 || unclaimed {
			rows = append(rows, append([]aulabot.Button{{Text: c.T("ticket.button_queue_mine", "n", mine), Data: queueMineButton{}.Encode()}}, other...))
		}
		text := fitBlocks(c, blocks, "ticket.queue_more", empty) + p.footer(c)
		if len(views) > 0 {
			text += "\n\n" + c.T("ticket.queue_view_hint")
		}
		choices := h.typedChoices(rows)
		for i := range choices {
			choices[i].said = said[choices[i].Data]
		}
		c.offerTimed(choices)
		c.showPage(turn, text, rows)
		return nil
	})
}

// requesterSaid are the words a member of the team types for a ticket's
// 🔎 under /queue naming its requester, whom the list does not show but
// the team group's post does ("el de Rosa", "rosa quispe", "the one from
// Rosa"), as TypedWords reads them: "el de rosa" was a question (seen in
// the sandbox). Nil for a requester without a name (data deleted).
func requesterSaid(name string) map[string]bool {
	words := strings.Fields(aulabot.TypedWords(aulabot.CleanText(name)))
	if len(words) == 0 {
		return nil
	}
	said := map[string]bool{}
	for _, who := range []string{words[0], strings.Join(words, " ")} {
		for _, f := range []string{"%s", "el de %s", "la de %s", "lo de %s", "el ticket de %s", "ticket de %s", "el caso de %s",
			"the one from %s", "the one of %s", "ticket from %s", "%s s", "%s s ticket"} {
			said[fmt.Sprintf(f, who)] = true
		}
	}
	return said
}

// queueMine lists page (from 0) of the active tickets the presser has
// claimed (of the group's university in a team group), each with its 🔎,
// and the whole queue again. Privately it replaces the pressed list; in a
// team group, whose /queue everyone reads, it is a message of its own,
// whose pages (turn) are turned in place.
func (h *Handlers) queueMine(c *Ctx, page int, turn bool) error {
	return h.queueHeld(c, c.U.From.ID, page, turn)
}

// queueHeld is queueMine for the tickets member holds: the sender's own,
// or a colleague's asked after by name ("¿qué tickets tiene Tec 2?": of
// the universities the sender works for, HeldBy), their pages kept to
// them (queueHeldButton).
func (h *Handlers) queueHeld(c *Ctx, member int64, page int, turn bool) error {
	var ts []aulabot.Ticket
	var now time.Time
	var name string
	err := c.view(func(tx Tx) (err error) {
		if ts, now, err = h.svc.Helpdesk.HeldBy(tx, actor(c), member, c.Team); err != nil || member == c.U.From.ID {
			return err
		}
		name, err = h.svc.Helpdesk.MemberNamed(tx, c.Lang, member)
		return err
	})
	if err != nil {
		return err
	}
	c.Answer("")
	status, title, none := c.T("ticket.queue_yours"), "ticket.queue_mine", c.T("ticket.queue_mine_none")
	pageButton := func(n int) string { return queueMineButton{Page: n, Turn: true}.Encode() }
	if member != c.U.From.ID {
		status, title, none = c.T("ticket.queue_claimed", "name", name), "ticket.queue_held", c.T("ticket.queue_held_none", "name", name)
		pageButton = func(n int) string { return queueHeldButton{Member: member, Page: n}.Encode() }
	}
	var lines []string
	var views []aulabot.Button
	p := paged(len(ts), ticketsPage, page)
	from, to := p.items()
	for _, t := range ts[from:to] {
		lines = append(lines, c.T("ticket.queue_line", "id", t.ID, "category", c.T("ticket.cat_"+t.Category),
			"age", age(c, now.Sub(t.Created)), "status", i18n.HTML(status))+ticketGist(c, t))
		views = append(views, aulabot.Button{Text: c.T("ticket.button_view", "id", t.ID), Data: viewTicketButton{t.ID}.Encode()})
	}
	text := none
	if len(ts) > 0 {
		text = c.N(title, len(ts), "name", name, "list", i18n.HTML(strings.Join(lines, "\n"))) + p.footer(c)
	}
	rows := slices.Collect(slices.Chunk(views, viewsPerRow))
	if nav := p.nav(c, pageButton); nav != nil {
		rows = append(rows, nav)
	}
	rows = append(rows, []aulabot.Button{{Text: c.T("ticket.button_queue_all"), Data: queuePageButton{0}.Encode()}})
	c.showPage(turn || c.Private(), text, rows)
	return nil
}

// viewsPerRow is how many tickets' buttons /queue puts in a row: "🔎
// UNMA-12" four abreast fits a phone's width.
const viewsPerRow = 4

// age renders a duration as minutes, hours or days.
func age(c *Ctx, d time.Duration) string { return c.h.svc.Helpdesk.Age(c.Lang, d) }

// memberHeldAsked is the member of a technical team whose tickets the
// words ask after by name ("¿qué tickets tiene Tec 2?", "what tickets does
// Luis have?": suggestions, seen in the sandbox): one member of the teams
// of the sender's universities named, the words without the name asking
// after the tickets held (knowledge's HeldAsked); false otherwise. Only
// words with a ticket's word read the teams' names (a read transaction,
// outside any write).
func (h *Handlers) memberHeldAsked(c *Ctx, kb Knowledge) (int64, bool) {
	// "show me Tec 1's tickets": the name without its "'s" ("I don't
	// know", seen in the sandbox)
	words := strings.Fields(aulabot.TypedWords(aulabot.WithoutPossessives(h.withoutUniversities(c.U.Text))))
	if len(words) > maxMentorAsk || !slices.ContainsFunc(words, func(w string) bool { return ticketNouns[w] }) {
		return 0, false // most messages: no read
	}
	var members []aulabot.User
	if err := c.view(func(tx Tx) (err error) { members, err = h.svc.Helpdesk.Members(tx, actor(c)); return err }); err != nil {
		return 0, false // read as before
	}
	names := make(map[int64]string, len(members))
	for _, m := range members {
		names[m.ID] = m.Name
	}
	ids, rest := namedMentors(words, names, "")
	if len(ids) != 1 || !kb.HeldAsked(strings.Join(slices.DeleteFunc(rest, func(w string) bool { return w == "mentor" }), " ")) {
		return 0, false
	}
	return ids[0], true
}

// ticketNouns are the words of a ticket, as aulabot.TypedWords reads them.
var ticketNouns = typedSet("ticket", "tickets", "caso", "casos")
