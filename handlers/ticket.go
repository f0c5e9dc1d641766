package handlers

import (
	"encoding/json"
	"strings"

	"github.com/aulabot/aulabot"
)

// ticketTx is what the helpdesk needs of a transaction (store/ticket*.go,
// store/timer.go, and of refs and the outbox what copies of a post and
// erasing need); it is embedded in Tx.
type ticketTx interface {
	CreateTicket(t aulabot.Ticket, maxOpen int) (aulabot.Ticket, error)
	OpenTicketsOf(user int64) int
	Ticket(id string) (aulabot.Ticket, bool, error)
	ClaimTicket(id string, by int64, name string) (aulabot.Ticket, error)
	UnclaimTicket(id string, by int64, force bool) (aulabot.Ticket, error)
	ResolveTicket(id string, by int64, name string) (aulabot.Ticket, error)
	CloseTicket(id string, by int64, note string) (aulabot.Ticket, error)
	ReopenTicket(id string, by int64) (aulabot.Ticket, error)
	RateTicket(id string, by int64, rating int) (aulabot.Ticket, error)
	NoteRating(id string, by int64, note string) (aulabot.Ticket, error)
	AddTicketMessage(id string, m aulabot.TicketMessage) (aulabot.Ticket, aulabot.TicketMessage, error)
	TicketMessages(id string) ([]aulabot.TicketMessage, error)
	TicketsOf(user int64) ([]aulabot.Ticket, error)
	ActiveTickets(university string, limit int) ([]aulabot.Ticket, int, error)
	EraseTicketsOf(user int64) ([]string, error)
	AddRefCopy(ref string, chat int64, messageID int) error
	ReviseQueued(chat int64, lane string, revise func(m *aulabot.Message) bool) (int, error)

	Schedule(j aulabot.Job) error
	CancelJobs(prefix string) (int, error)
	DueJobs(limit int) ([]aulabot.Job, error)
	TakeJob(key string, id uint64) (bool, error)
}

// Flows of the helpdesk.
const (
	flowTicket      = "ticket"  // reporting: category, then description
	flowTicketReply = "tkreply" // the requester writes to the team
	flowTicketWhy   = "tkwhy"   // the requester explains a rating
)

// routeTickets registers the helpdesk: reports, the team queue, relays.
func (h *Handlers) routeTickets(r *router) {
	r.commands["problem"] = with(h.problem, private, onboarded)
	r.commands["mytickets"] = with(h.myTickets, private, onboarded)
	r.commands["queue"] = with(h.queue, tech)
	r.commands["reply"] = with(h.replyCommand, tech)
	r.commands["resolve"] = with(h.resolveCommand, tech)
	r.erasers = append(r.erasers, h.eraseHelpdesk)
	r.callbacks["tk"] = h.onTicketButton
	r.flows[flowTicket] = h.onTicketDescription
	r.flows[flowTicketReply] = h.onRequesterMessage
	r.flows[flowTicketWhy] = h.onRatingNote
	r.replies = append(r.replies, h.onTicketReply)
	r.menu["menu.problem"] = "problem"
	r.menu["menu.mytickets"] = "mytickets"
	r.menu["menu.queue"] = "queue"
}

// onTicketButton dispatches "tk:ACTION[:ID[:ARG]]" button presses. Every
// part comes from the client and is checked by the action.
func (h *Handlers) onTicketButton(c *Ctx) error {
	parts := strings.Split(c.U.Callback.Data, ":")
	if len(parts) < 2 {
		return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
	}
	action, id, arg := parts[1], "", ""
	if len(parts) > 2 {
		id = parts[2]
	}
	if len(parts) > 3 {
		arg = parts[3]
	}
	if len(parts) > 4 {
		return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
	}
	switch action {
	case "new":
		return with(h.problem, private, onboarded)(c)
	case "kb":
		return with(func(c *Ctx) error { return h.onKBFirst(c, id) }, private, onboarded)(c)
	case "cat":
		return h.onCategory(c, id)
	case "c", "u", "v":
		return h.onTeamAction(c, action, id)
	case "r", "x", "o", "s", "k":
		return h.onRequesterAction(c, action, id, arg)
	}
	return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
}

// problem starts a report: the category buttons. Someone who already has
// as many open tickets as the limit allows is told so at once.
func (h *Handlers) problem(c *Ctx) error {
	if err := h.checkOpenLimit(c); err != nil {
		return err
	}
	c.SetState(aulabot.State{Flow: flowTicket, Step: "cat"})
	var rows [][]aulabot.Button
	for _, cat := range aulabot.Categories {
		rows = append(rows, []aulabot.Button{{Text: c.T("ticket.cat_" + cat), Data: "tk:cat:" + cat}})
	}
	rows = append(rows, []aulabot.Button{{Text: c.T("button.cancel"), Data: "tk:cat:cancel"}})
	c.ReplyButtons(c.T("ticket.choose_category"), rows)
	return nil
}

// onCategory records the category and asks for the description.
func (h *Handlers) onCategory(c *Ctx, cat string) error {
	if c.State.Flow != flowTicket {
		return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
	}
	if cat == "cancel" {
		return h.cancel(c)
	}
	if !aulabot.ValidCategory(cat) {
		return aulabot.Errorf(aulabot.EINVALID, "ticket.err_category")
	}
	st := aulabot.State{Flow: flowTicket, Step: "desc"}.With("cat", cat)
	c.SetState(st)
	c.Answer(c.T("ticket.cat_" + cat))
	c.Reply(c.T("ticket.describe", "category", c.T("ticket.cat_"+cat)))
	return nil
}

// onTicketDescription takes the description (text, or files then text)
// and creates the ticket: the number goes to the requester at once and the
// post to the team's group through the outbox, in one transaction.
func (h *Handlers) onTicketDescription(c *Ctx) error {
	if hd, ok := h.menuTapped(c); ok {
		return hd(c)
	}
	if c.State.Step != "desc" {
		c.Reply(c.T("ticket.pick_category"))
		return nil
	}
	files, err := stateFiles(c.State)
	if err != nil {
		return err
	}
	if c.U.File != nil {
		f, err := h.ticketFile(c)
		if err != nil {
			return err
		}
		if len(files) >= aulabot.MaxAttachments {
			return aulabot.Errorf(aulabot.EINVALID, "ticket.err_too_many_files", "max", aulabot.MaxAttachments)
		}
		files = append(files, f)
		if strings.TrimSpace(c.U.Text) == "" {
			b, _ := json.Marshal(files)
			c.SetState(c.State.With("files", string(b)))
			c.Reply(c.T("ticket.got_file", "n", len(files)))
			return nil
		}
	}
	uni, ok := h.Config.University(c.User.University)
	if !ok {
		return aulabot.Errorf(aulabot.EINVALID, "error.start_first")
	}
	desc := strings.TrimSpace(c.U.Text)
	if err := aulabot.ValidTicketText(desc); err != nil {
		return err
	}
	// A confident knowledge-base answer comes first; the report waits in
	// the state until the user says it did not solve the problem.
	if text, rows, ok := h.kbSuggest(c, desc); ok {
		b, _ := json.Marshal(files)
		st := c.State.With("desc", desc).With("files", string(b))
		st.Step = "kb"
		c.SetState(st)
		rows = append(rows, []aulabot.Button{
			{Text: c.T("ticket.button_solved"), Data: "tk:kb:solved"},
			{Text: c.T("ticket.button_still"), Data: "tk:kb:still"},
		})
		c.ReplyButtons(text+"\n\n"+c.T("ticket.kb_first"), rows)
		return nil
	}
	return h.createTicket(c, uni, desc, files)
}

// onKBFirst handles "That solved it" / "I still need help" after the
// knowledge base answered a description: the first drops the report, the
// second creates the ticket from what was kept.
func (h *Handlers) onKBFirst(c *Ctx, choice string) error {
	if c.State.Flow != flowTicket || c.State.Step != "kb" {
		return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
	}
	switch choice {
	case "solved":
		c.ClearState()
		c.Answer(c.T("kb.thanks"))
		return c.Commit(func(tx Tx) error {
			if err := tx.Count("ticket:avoided_by_kb", 1); err != nil {
				return err
			}
			h.replyMenu(c, c.T("ticket.kb_solved"))
			return nil
		})
	case "still":
		uni, ok := h.Config.University(c.User.University)
		if !ok {
			return aulabot.Errorf(aulabot.EINVALID, "error.start_first")
		}
		files, err := stateFiles(c.State)
		if err != nil {
			return err
		}
		return h.createTicket(c, uni, c.State.Get("desc"), files)
	}
	return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
}

// createTicket creates the ticket: the number goes to the requester at
// once and the post to the team's group through the outbox, in one
// transaction.
func (h *Handlers) createTicket(c *Ctx, uni *aulabot.University, desc string, files []aulabot.TicketFile) error {
	in := aulabot.Ticket{
		University: uni.ID, Requester: c.U.From.ID, RequesterName: c.User.Name, RequesterRole: c.User.Role,
		Lang: c.Lang, Category: c.State.Get("cat"), Description: desc, Files: files,
	}
	return c.Commit(func(tx Tx) error {
		if known, err := h.lmsReported(c, tx, in); known || err != nil {
			return err
		}
		t, err := tx.CreateTicket(in, h.Config.Limits.OpenTickets)
		if err != nil {
			return err
		}
		for _, m := range h.newPost(t, uni) {
			c.Send(m)
		}
		if err := h.scheduleSLA(tx, t, uni); err != nil {
			return err
		}
		c.ClearState()
		h.replyMenu(c, c.T("ticket.created", "id", t.ID, "university", uni.Name))
		return nil
	})
}

// menuTapped returns the command of a main-menu button tapped inside a
// helpdesk flow, leaving the flow: the tap is not a description or an
// answer to the team.
func (h *Handlers) menuTapped(c *Ctx) (Handler, bool) {
	if c.U.File != nil {
		return nil, false
	}
	key, ok := h.cat.Match("menu.", c.U.Text)
	if !ok {
		return nil, false
	}
	hd, ok := h.router.commands[h.router.menu[key]]
	if !ok {
		return nil, false
	}
	c.ClearState()
	c.U.Text = ""
	return hd, true
}

func stateFiles(st aulabot.State) ([]aulabot.TicketFile, error) {
	var files []aulabot.TicketFile
	if s := st.Get("files"); s != "" {
		if err := json.Unmarshal([]byte(s), &files); err != nil {
			return nil, err
		}
	}
	return files, nil
}
