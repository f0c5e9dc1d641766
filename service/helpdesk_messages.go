package service

import (
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
)

// The messages of a ticket's life to other people, built in one place so
// that the use cases and the sandbox's demo data word them alike: the post
// in the team group, its copies and edits, attachments and events, all in
// the ticket's lane, and what the requester gets.

// teamT is catalogue text key in the configuration's language: a team
// group has no language of its own.
func (s *Helpdesk) teamT(key string, args ...any) string {
	return s.Cat.T(s.Config.Language, key, args...)
}

// toTeam addresses m to ticket t's team group, in the ticket's own lane:
// the outbox keeps a ticket's messages in order and shares the group's
// budget between tickets, so one busy ticket cannot hold up another's post.
func toTeam(t aulabot.Ticket, uni *aulabot.University, m aulabot.Message) aulabot.Message {
	m.ChatID, m.Lane = uni.TeamChat, t.ID
	return m
}

// postText renders a ticket's post in the team group, with its state.
func (s *Helpdesk) postText(t aulabot.Ticket, uni *aulabot.University) string {
	return s.postTextIn(s.Config.Language, t, uni, "ticket.post_files")
}

// postTextIn is a ticket's post in lang: the team group's, or a member's
// own view of the ticket (View), whose attachments are said to be where
// text key files says.
func (s *Helpdesk) postTextIn(lang string, t aulabot.Ticket, uni *aulabot.University, filesKey string) string {
	T := func(key string, args ...any) string { return s.Cat.T(lang, key, args...) }
	var status string
	owner := s.MemberName(lang, t.OwnerName)
	switch t.State {
	case aulabot.TicketOpen:
		status = T("ticket.status_open")
	case aulabot.TicketClaimed:
		status = T("ticket.status_claimed", "name", owner)
	case aulabot.TicketResolved:
		status = T("ticket.status_resolved", "name", owner)
	default:
		status = T("ticket.status_closed")
		if t.Rating > 0 {
			status = T("ticket.status_closed_rated", "rating", t.Rating)
		}
	}
	category := T("ticket.cat_" + t.Category)
	if t.Erased || t.Requester == 0 {
		return T("ticket.post_erased", "id", t.ID, "category", category, "university", uni.Name, "status", i18n.HTML(status))
	}
	files := ""
	if len(t.Files) > 0 {
		files = s.Cat.N(lang, filesKey, len(t.Files))
	}
	suggested := ""
	if t.Suggested != "" {
		suggested = T("ticket.post_suggested", "title", aulabot.CleanText(t.Suggested))
	}
	post := T("ticket.post", "id", t.ID, "category", category,
		"name", aulabot.CleanText(t.RequesterName), "role", T("ticket.role_"+t.RequesterRole), "university", uni.Name,
		"description", aulabot.CleanText(t.Description), "suggested", i18n.HTML(suggested), "files", i18n.HTML(files), "status", i18n.HTML(status))
	if !t.DescriptionEdited.IsZero() {
		post += "\n" + T("ticket.edited")
	}
	return post
}

// postButtons are the team's buttons for a ticket in its state.
func (s *Helpdesk) postButtons(t aulabot.Ticket) [][]aulabot.Button {
	return s.postButtonsIn(s.Config.Language, t)
}

// postButtonsIn are postButtons in lang.
func (s *Helpdesk) postButtonsIn(lang string, t aulabot.Ticket) [][]aulabot.Button {
	resolve := aulabot.Button{Text: s.Cat.T(lang, "ticket.button_resolve"), Data: s.Buttons.Resolve(t.ID)}
	switch t.State {
	case aulabot.TicketOpen:
		return [][]aulabot.Button{{{Text: s.Cat.T(lang, "ticket.button_claim"), Data: s.Buttons.Claim(t.ID)}, resolve}}
	case aulabot.TicketClaimed:
		return [][]aulabot.Button{{{Text: s.Cat.T(lang, "ticket.button_unclaim"), Data: s.Buttons.Unclaim(t.ID)}, resolve}}
	}
	return nil
}

// Post returns ticket t's post to its team group, in t's current state
// with its buttons, and its attachments threaded under it (as message 0's
// files); keys make each one sent once. None if t's university is no
// longer configured.
func (s *Helpdesk) Post(t aulabot.Ticket) []aulabot.Message {
	uni, ok := s.Config.University(t.University)
	if !ok {
		return nil
	}
	ref := PostRef(t.ID)
	msgs := []aulabot.Message{toTeam(t, uni, aulabot.Message{Text: s.postText(t, uni), Inline: s.postButtons(t), Ref: ref, Key: ref})}
	for i, f := range t.Files {
		m := s.teamFile(t, uni, fileRef(inRef(t.ID, 0), i), t.RequesterName, f)
		m.Key = fileRef(ref, i)
		msgs = append(msgs, m)
	}
	return msgs
}

// teamFile is a copy of the requester's attachment f in the team group,
// threaded under the ticket's post, known by ref.
func (s *Helpdesk) teamFile(t aulabot.Ticket, uni *aulabot.University, ref, name string, f aulabot.TicketFile) aulabot.Message {
	return toTeam(t, uni, aulabot.Message{ReplyToRef: PostRef(t.ID), Ref: ref,
		Text: s.teamT("ticket.relay_file_to_team", "id", t.ID, "name", ShortName(aulabot.CleanText(name))),
		Copy: &aulabot.CopyOf{ChatID: f.ChatID, MessageID: f.MessageID}})
}

// editPost updates a ticket's post, and every copy of it, to its current
// state and buttons.
func (s *Helpdesk) editPost(t aulabot.Ticket, uni *aulabot.University) aulabot.Message {
	return toTeam(t, uni, aulabot.Message{EditRef: PostRef(t.ID), Text: s.postText(t, uni), Inline: s.postButtons(t)})
}

// teamEvent is a line in the team group threaded under the ticket's post.
// A reply to it reaches the requester too.
func (s *Helpdesk) teamEvent(t aulabot.Ticket, uni *aulabot.University, key string, args ...any) aulabot.Message {
	return toTeam(t, uni, aulabot.Message{ReplyToRef: PostRef(t.ID), Ref: eventRef(t.ID),
		Text: s.teamT(key, append([]any{"id", t.ID}, args...)...)})
}

// Relay returns message m of ticket t as the other side gets it: a team
// member's text to the requester (signed, with a Reply button), or the
// requester's text to the team group under the post.
func (s *Helpdesk) Relay(t aulabot.Ticket, m aulabot.TicketMessage) aulabot.Message {
	uni, _ := s.Config.University(t.University)
	if uni == nil {
		return aulabot.Message{}
	}
	if !m.Team {
		return toTeam(t, uni, aulabot.Message{ReplyToRef: PostRef(t.ID), Ref: inRef(t.ID, m.N),
			Text: s.teamT("ticket.relay_to_team", "id", t.ID, "name", ShortName(m.FromName), "text", m.Text)})
	}
	var buttons [][]aulabot.Button
	if len(m.Files) == 0 { // else under the last file, which follows
		buttons = s.replyButton(t)
	}
	return aulabot.Message{ChatID: t.Requester, Inline: buttons, Ref: relayRef(t.ID, m.N),
		Text: s.Cat.T(t.Lang, "ticket.relay_to_user", "id", t.ID, "team", s.teamSignature(t, uni, m.FromName), "text", m.Text)}
}

// teamSignature is how a reply to a requester is signed: the team, and
// the member too where the university says so. It is HTML, escaped once.
func (s *Helpdesk) teamSignature(t aulabot.Ticket, uni *aulabot.University, member string) i18n.HTML {
	return i18n.HTML(s.teamSignatureIn(t.Lang, uni, member))
}

// teamSignatureIn is teamSignature in lang.
func (s *Helpdesk) teamSignatureIn(lang string, uni *aulabot.University, member string) string {
	if uni.SignWithName && aulabot.CleanText(member) != "" { // none: the member deleted their data
		return s.Cat.T(lang, "ticket.team_name_member", "university", uni.Name, "name", ShortName(aulabot.CleanText(member)))
	}
	return s.Cat.T(lang, "ticket.team_name", "university", uni.Name)
}

// replyButton is the row under every answer of the team that reaches
// ticket t's requester (words, a file, an article): Reply, and That solved
// it (Solved).
func (s *Helpdesk) replyButton(t aulabot.Ticket) [][]aulabot.Button {
	return [][]aulabot.Button{{{Text: s.Cat.T(t.Lang, "ticket.button_reply"), Data: s.Buttons.Reply(t.ID)},
		{Text: s.Cat.T(t.Lang, "ticket.button_solved"), Data: s.Buttons.Solved(t.ID)}}}
}

// RatingRequest returns what follows Resolve: the requester's rating
// request, and the job that closes the ticket if nobody answers.
func (s *Helpdesk) RatingRequest(t aulabot.Ticket, now time.Time) (aulabot.Message, aulabot.Job) {
	job := aulabot.Job{Key: closeKey(t.ID), Kind: JobTicketAutoClose, Due: now.Add(aulabot.AutoClose), Data: map[string]string{"id": t.ID}}
	return aulabot.Message{ChatID: t.Requester, Text: s.Cat.T(t.Lang, "ticket.user_resolved", "id", t.ID), Inline: [][]aulabot.Button{
		s.Stars(t.Lang, t.ID), {{Text: s.Cat.T(t.Lang, "ticket.button_reopen"), Data: s.Buttons.Reopen(t.ID)}},
	}}, job
}

// Stars is the row of ratings 1 to 5 of ticket id, in lang: the rating
// request's, and the requester's view of a resolved ticket's.
func (s *Helpdesk) Stars(lang, id string) []aulabot.Button {
	var stars []aulabot.Button
	for n := 1; n <= 5; n++ {
		stars = append(stars, aulabot.Button{Text: s.Cat.T(lang, "ticket.rate_button", "n", n), Data: s.Buttons.Rate(id, n)})
	}
	return stars
}

// toRequester is catalogue text key for ticket t's requester, in their
// language; false if they deleted their data.
func (s *Helpdesk) toRequester(t aulabot.Ticket, key string, args ...any) (aulabot.Message, bool) {
	if t.Requester == 0 {
		return aulabot.Message{}, false
	}
	return aulabot.Message{ChatID: t.Requester, Text: s.Cat.T(t.Lang, key, append([]any{"id", t.ID}, args...)...)}, true
}
