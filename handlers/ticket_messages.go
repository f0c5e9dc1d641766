package handlers

import (
	"fmt"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
)

// The messages of a ticket's life, built in one place so that the flows
// and the sandbox's demo data word them alike.

// TicketPost returns ticket t's post to its team group, in t's current
// state with its buttons, and its attachments threaded under it.
func (h *Handlers) TicketPost(t aulabot.Ticket) []aulabot.Message {
	uni, ok := h.Config.University(t.University)
	if !ok {
		return nil
	}
	return h.newPost(t, uni)
}

// TicketRelay returns message m of ticket t as the other side gets it: a
// team member's text to the requester (signed, with a Reply button), or
// the requester's text to the team group under the post.
func (h *Handlers) TicketRelay(t aulabot.Ticket, m aulabot.TicketMessage) aulabot.Message {
	uni, _ := h.Config.University(t.University)
	if uni == nil {
		return aulabot.Message{}
	}
	if !m.Team {
		return h.toTeam(t, uni, aulabot.Message{ReplyToRef: ticketRef(t.ID), Ref: inRef(t.ID, m.N),
			Text: h.teamT("ticket.relay_to_team", "id", t.ID, "name", shortName(m.FromName), "text", m.Text)})
	}
	return aulabot.Message{ChatID: t.Requester, Inline: h.replyButton(t), Ref: relayRef(t.ID, m.N),
		Text: h.cat.T(t.Lang, "ticket.relay_to_user", "id", t.ID, "team", h.teamSignature(t, uni, m.FromName), "text", m.Text)}
}

// teamSignature is how a reply to a requester is signed: the team, and
// the member too where the university says so. It is HTML, escaped once.
func (h *Handlers) teamSignature(t aulabot.Ticket, uni *aulabot.University, member string) i18n.HTML {
	if uni.SignWithName {
		return i18n.HTML(h.cat.T(t.Lang, "ticket.team_name_member", "university", uni.Name, "name", shortName(aulabot.CleanText(member))))
	}
	return i18n.HTML(h.cat.T(t.Lang, "ticket.team_name", "university", uni.Name))
}

func (h *Handlers) replyButton(t aulabot.Ticket) [][]aulabot.Button {
	return [][]aulabot.Button{{{Text: h.cat.T(t.Lang, "ticket.button_reply"), Data: "tk:r:" + t.ID}}}
}

// TicketRatingRequest returns what follows Resolve: the requester's
// rating request, and the job that closes the ticket if nobody answers.
func (h *Handlers) TicketRatingRequest(t aulabot.Ticket, now time.Time) (aulabot.Message, aulabot.Job) {
	job := aulabot.Job{Key: closeKey(t.ID), Kind: jobAutoClose, Due: now.Add(aulabot.AutoClose), Data: map[string]string{"id": t.ID}}
	var stars []aulabot.Button
	for n := 1; n <= 5; n++ {
		stars = append(stars, aulabot.Button{Text: h.cat.T(t.Lang, "ticket.rate_button", "n", n), Data: fmt.Sprintf("tk:s:%s:%d", t.ID, n)})
	}
	return aulabot.Message{ChatID: t.Requester, Text: h.cat.T(t.Lang, "ticket.user_resolved", "id", t.ID), Inline: [][]aulabot.Button{
		stars, {{Text: h.cat.T(t.Lang, "ticket.button_reopen"), Data: "tk:o:" + t.ID}},
	}}, job
}
