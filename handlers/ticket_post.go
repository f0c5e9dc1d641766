package handlers

import (
	"fmt"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
)

// The ticket's messages in its team group: the post, its copies and edits,
// attachments and events, all in the ticket's lane.

// Team-side texts are in the configuration's language: a group has no
// language of its own.
func (h *Handlers) teamT(key string, args ...any) string {
	return h.cat.T(h.Config.Language, key, args...)
}

// ticketRef names a ticket's post in its team group; edits and threaded
// replies use it, and a reply to it is recognised as a message for the
// requester. A post sent twice (a crash between Telegram taking it and
// the bot storing its id) has copies under the same ref (onTeamAction).
func ticketRef(id string) string { return "ticket:" + id }

// toTeam addresses m to ticket t's team group, in the ticket's own lane:
// the outbox keeps a ticket's messages in order and shares the group's
// budget between tickets, so one busy ticket cannot hold up another's post.
func (h *Handlers) toTeam(t aulabot.Ticket, uni *aulabot.University, m aulabot.Message) aulabot.Message {
	m.ChatID, m.Lane = uni.TeamChat, t.ID
	return m
}

// maxName is how many characters of a person's name the helpdesk shows
// on one line (Telegram allows 64 for each of first and last name).
const maxName = 48

// shortName shortens a name for a line of a list or a header.
func shortName(s string) string {
	if r := []rune(s); len(r) > maxName {
		return string(r[:maxName-1]) + "…"
	}
	return s
}

// postText renders a ticket's post in the team group, with its state.
func (h *Handlers) postText(t aulabot.Ticket, uni *aulabot.University) string {
	var status string
	owner := shortName(aulabot.CleanText(t.OwnerName))
	switch t.State {
	case aulabot.TicketOpen:
		status = h.teamT("ticket.status_open")
	case aulabot.TicketClaimed:
		status = h.teamT("ticket.status_claimed", "name", owner)
	case aulabot.TicketResolved:
		status = h.teamT("ticket.status_resolved", "name", owner)
	default:
		status = h.teamT("ticket.status_closed")
		if t.Rating > 0 {
			status = h.teamT("ticket.status_closed_rated", "rating", t.Rating)
		}
	}
	category := h.teamT("ticket.cat_" + t.Category)
	if t.Erased || t.Requester == 0 {
		return h.teamT("ticket.post_erased", "id", t.ID, "category", category, "university", uni.Name, "status", i18n.HTML(status))
	}
	files := ""
	if len(t.Files) > 0 {
		files = h.teamT("ticket.post_files", "n", len(t.Files))
	}
	return h.teamT("ticket.post", "id", t.ID, "category", category,
		"name", aulabot.CleanText(t.RequesterName), "role", h.teamT("ticket.role_"+t.RequesterRole), "university", uni.Name,
		"description", aulabot.CleanText(t.Description), "files", i18n.HTML(files), "status", i18n.HTML(status))
}

// postButtons are the team's buttons for a ticket in its state.
func (h *Handlers) postButtons(t aulabot.Ticket) [][]aulabot.Button {
	resolve := aulabot.Button{Text: h.teamT("ticket.button_resolve"), Data: "tk:v:" + t.ID}
	switch t.State {
	case aulabot.TicketOpen:
		return [][]aulabot.Button{{{Text: h.teamT("ticket.button_claim"), Data: "tk:c:" + t.ID}, resolve}}
	case aulabot.TicketClaimed:
		return [][]aulabot.Button{{{Text: h.teamT("ticket.button_unclaim"), Data: "tk:u:" + t.ID}, resolve}}
	}
	return nil
}

// newPost is a new ticket's post to its team group, then its attachments
// threaded under it (as message 0's files). Keys make each one sent once.
func (h *Handlers) newPost(t aulabot.Ticket, uni *aulabot.University) []aulabot.Message {
	ref := ticketRef(t.ID)
	msgs := []aulabot.Message{h.toTeam(t, uni, aulabot.Message{Text: h.postText(t, uni), Inline: h.postButtons(t), Ref: ref, Key: ref})}
	for i, f := range t.Files {
		m := h.teamFile(t, uni, fileRef(inRef(t.ID, 0), i), t.RequesterName, f)
		m.Key = fmt.Sprintf("%s:f%d", ref, i)
		msgs = append(msgs, m)
	}
	return msgs
}

// teamFile is a copy of the requester's attachment f in the team group,
// threaded under the ticket's post, known by ref.
func (h *Handlers) teamFile(t aulabot.Ticket, uni *aulabot.University, ref, name string, f aulabot.TicketFile) aulabot.Message {
	return h.toTeam(t, uni, aulabot.Message{ReplyToRef: ticketRef(t.ID), Ref: ref,
		Text: h.teamT("ticket.relay_file_to_team", "id", t.ID, "name", shortName(aulabot.CleanText(name))),
		Copy: &aulabot.CopyOf{ChatID: f.ChatID, MessageID: f.MessageID}})
}

// editPost updates a ticket's post, and every copy of it, to its current
// state and buttons.
func (h *Handlers) editPost(t aulabot.Ticket, uni *aulabot.University) aulabot.Message {
	return h.toTeam(t, uni, aulabot.Message{EditRef: ticketRef(t.ID), Text: h.postText(t, uni), Inline: h.postButtons(t)})
}

// eventRef names the bot's other messages about a ticket in its team group
// (attachments, reminders, events), so that a reply to any of them also
// reaches the requester. Many messages share it: only the message → ref
// direction is used.
func eventRef(id string) string { return refIn + id + ":ev" }

// noteRef names the team group's copy of the requester's rating note, so
// that erasing their data can edit it.
func noteRef(id string) string { return refIn + id + ":note" }

// teamEvent is a line in the team group threaded under the ticket's post.
func (h *Handlers) teamEvent(t aulabot.Ticket, uni *aulabot.University, key string, args ...any) aulabot.Message {
	return h.toTeam(t, uni, aulabot.Message{ReplyToRef: ticketRef(t.ID), Ref: eventRef(t.ID),
		Text: h.teamT(key, append([]any{"id", t.ID}, args...)...)})
}
