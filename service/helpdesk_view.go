package service

import (
	"slices"
	"strings"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
)

// A ticket as a team member sees it on its own, from /queue: the post's
// lines and the last messages of its conversation, with the post's
// buttons and, privately, Answer, whose next message goes to the
// requester (FlowTeamReply) as /reply would send it.

// FlowTeamReply is a team member writing to a ticket's requester after
// pressing Answer on the ticket's view, in a private chat.
var FlowTeamReply = aulabot.Flow[OnTicket]{Name: "tkteam"}

// viewMessages is how many of the last messages a view shows at most.
const viewMessages = 5

// viewChars is how much of one message a view shows at most.
const viewChars = 400

// TicketView is ticket Ticket of University with its last messages (Last,
// oldest first; at most viewMessages), read one by one, so a view costs
// the same whatever the conversation's length: a team member's (View) or
// its requester's (RequesterView).
type TicketView struct {
	Ticket     aulabot.Ticket
	University *aulabot.University
	Last       []aulabot.TicketMessage
	Now        time.Time // when it was read: the messages' ages count from it
	// Viewer is the member of the team it was read for (View): the
	// buttons they may press follow from it.
	Viewer Actor
}

// View is ticket id for team member a (TeamTicket's checks: their
// university's, in its team group or privately). Nothing changes.
func (s *Helpdesk) View(tx HelpdeskTx, a Actor, id string) (TicketView, error) {
	t, uni, err := s.TeamTicket(tx, a, id)
	if err != nil {
		return TicketView{}, err
	}
	v, err := s.view(tx, t, uni)
	v.Viewer = a
	return v, err
}

// PressedView is ticket id for team member a when the message a pressed
// is the ticket's view (privately, the only place there with the team's
// buttons; in the group, a view known by TeamGroupViewRef); false for a
// press elsewhere (the post, a reminder) or a command.
func (s *Helpdesk) PressedView(tx HelpdeskTx, a Actor, id string) (TicketView, bool, error) {
	if a.Pressed == 0 {
		return TicketView{}, false, nil
	}
	if !a.Private {
		if ref, _ := tx.MessageRef(a.Chat, a.Pressed); ref != TeamGroupViewRef(id) {
			return TicketView{}, false, nil
		}
	}
	v, err := s.View(tx, a, id)
	return v, err == nil, err
}

// RequesterView is ticket id for its requester, pressing a's button
// (requesterButton's checks: privately, their own). Nothing changes.
func (s *Helpdesk) RequesterView(tx HelpdeskTx, a Actor, id string) (TicketView, error) {
	t, uni, err := s.requesterButton(tx, a, id)
	if err != nil {
		return TicketView{}, err
	}
	return s.view(tx, t, uni)
}

// view is ticket t of uni with its last messages.
func (s *Helpdesk) view(tx HelpdeskTx, t aulabot.Ticket, uni *aulabot.University) (TicketView, error) {
	v := TicketView{Ticket: t, University: uni, Now: tx.Now()}
	for n := max(1, t.Messages-viewMessages+1); n <= t.Messages; n++ {
		m, ok, err := tx.TicketMessage(t.ID, n)
		if err != nil {
			return v, err
		}
		if ok {
			v.Last = append(v.Last, m)
		}
	}
	return v, nil
}

// ViewText renders view v for the team in lang with its last shown
// messages (from the end; fewer when the whole would not fit a message):
// the post's lines, then the messages.
func (s *Helpdesk) ViewText(lang string, v TicketView, shown int) string {
	return s.postTextIn(lang, v.Ticket, v.University, "ticket.view_post_files") + "\n\n" + s.ViewMessages(lang, v, shown, false)
}

// ViewMessages renders the last shown messages of view v in lang, each
// with who wrote it and how long ago: for the team by the writer's name;
// for the requester (requester), the team's signed as the requester's
// copies of them are, and their own as theirs.
func (s *Helpdesk) ViewMessages(lang string, v TicketView, shown int, requester bool) string {
	T := func(key string, args ...any) string { return s.Cat.T(lang, key, args...) }
	if v.Ticket.Messages == 0 {
		return T("ticket.view_none")
	}
	var b strings.Builder
	b.WriteString(T("ticket.view_title"))
	shown = min(shown, len(v.Last))
	if earlier := v.Ticket.Messages - shown; earlier > 0 {
		b.WriteString("\n" + s.Cat.N(lang, "ticket.view_earlier", earlier))
	}
	for _, m := range oneAlbum(v.Last[len(v.Last)-shown:]) {
		text := Short(aulabot.CleanText(m.Text), viewChars)
		if m.Erased {
			text = T("ticket.view_erased")
		}
		if len(m.Files) > 0 {
			text = strings.TrimSpace(text + " " + s.Cat.N(lang, "ticket.view_files", len(m.Files)))
		}
		key, name := "ticket.view_requester", any(s.MemberName(lang, m.FromName))
		switch {
		case m.Team:
			key = "ticket.view_team"
			if requester {
				name = i18n.HTML(s.teamSignatureIn(lang, v.University, m.FromName))
			}
		case requester:
			name = i18n.HTML(T("ticket.view_you"))
		}
		b.WriteString("\n\n" + T(key, "name", name, "age", s.Age(lang, v.Now.Sub(m.At)), "text", text))
	}
	return b.String()
}

// oneAlbum is ms with the parts of an album, one after the other from
// one sender, joined into one message (their words and their files): a
// team member's two photos and their words read as three messages.
func oneAlbum(ms []aulabot.TicketMessage) []aulabot.TicketMessage {
	var out []aulabot.TicketMessage
	for _, m := range ms {
		if n := len(out); n > 0 && m.Album != "" && out[n-1].Album == m.Album && out[n-1].From == m.From && out[n-1].Team == m.Team {
			prev := &out[n-1]
			prev.Text = strings.TrimSpace(prev.Text + "\n" + m.Text)
			prev.Files = append(slices.Clip(prev.Files), m.Files...)
			prev.Erased = prev.Erased || m.Erased
			continue
		}
		out = append(out, m)
	}
	return out
}

// ViewButtons are the buttons of view v in lang: the post's, and, in a
// private chat while the ticket is not closed and its requester is there,
// Answer and (articles: with a knowledge base) Send an article; then, in a
// private chat, Pass to a colleague when its viewer may (MayPass).
// Privately, Unclaim is only its owner's and a coordinator's, as the store
// allows: a colleague's view, and the view of a ticket just passed on,
// offered it to be refused (seen in the sandbox).
func (s *Helpdesk) ViewButtons(lang string, v TicketView, private, articles bool) [][]aulabot.Button {
	rows := s.postButtonsIn(lang, v.Ticket)
	t := v.Ticket
	if !private {
		return rows
	}
	if t.State == aulabot.TicketClaimed && t.Owner != v.Viewer.ID && (v.University == nil || !v.Viewer.Roles.IsCoordinator(v.University.ID)) {
		unclaim := s.Buttons.Unclaim(t.ID)
		for i, row := range rows {
			rows[i] = slices.DeleteFunc(row, func(b aulabot.Button) bool { return b.Data == unclaim })
		}
	}
	if t.State != aulabot.TicketClosed && t.Requester != 0 && !t.Erased {
		rows = append(rows, []aulabot.Button{{Text: s.Cat.T(lang, "ticket.button_team_answer", "name", ShortName(aulabot.CleanText(t.RequesterName))),
			Data: s.Buttons.TeamAnswer(t.ID)}})
		if articles {
			rows = append(rows, []aulabot.Button{{Text: s.Cat.T(lang, "ticket.button_send_article"), Data: s.Buttons.TeamArticle(t.ID)}})
		}
	}
	if v.University != nil && MayPass(t, v.Viewer, v.University) {
		rows = append(rows, []aulabot.Button{{Text: s.Cat.T(lang, "ticket.button_pass"), Data: s.Buttons.Pass(t.ID)}})
	}
	return rows
}

// AskTeamReply is Answer on a ticket's view: team member a's next message,
// in their private chat, goes to the requester (FlowTeamReply). Errors:
// those of CheckTeamReply; ECONFLICT ticket.err_closed; a stale button
// outside a private chat.
func (s *Helpdesk) AskTeamReply(tx HelpdeskTx, a Actor, id string) (aulabot.Ticket, aulabot.State, error) {
	if !a.Private {
		return aulabot.Ticket{}, aulabot.State{}, stale()
	}
	t, err := s.CheckTeamReply(tx, a, id)
	if err != nil {
		return t, aulabot.State{}, err
	}
	if t.State == aulabot.TicketClosed {
		return t, aulabot.State{}, aulabot.Errorf(aulabot.ECONFLICT, "ticket.err_closed", "id", t.ID)
	}
	return t, FlowTeamReply.At(TicketText, OnTicket{Ticket: t.ID}), nil
}
