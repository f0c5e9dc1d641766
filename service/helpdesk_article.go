package service

import (
	"fmt"
	"strings"

	"github.com/aulabot/aulabot"
)

// A knowledge-base article sent by a team member to a ticket's requester,
// from the ticket's view in a private chat: the articles are found as
// the requester would find them (their language, role and university),
// from the ticket's description or words the member types, and the one
// chosen reaches the requester signed by the team, in its parts, with
// Reply; the conversation keeps its title.

// FlowTeamArticle is a team member choosing an article to send to a
// ticket's requester: the articles offered, whose place in the list the
// buttons carry. Words typed search again.
var FlowTeamArticle = aulabot.Flow[TeamArticle]{Name: "tkart"}

// TeamArticle is what FlowTeamArticle keeps.
type TeamArticle struct {
	Ticket   string   `json:"id"`
	Articles []string `json:"arts,omitempty"`
}

// MaxOffered is how many articles a member is offered at once.
const MaxOffered = 5

// RequesterQuery is text as ticket t's requester would ask it of the
// knowledge base.
func RequesterQuery(t aulabot.Ticket, text string) aulabot.KBQuery {
	return aulabot.KBQuery{Text: text, Lang: t.Lang, Audience: t.RequesterRole, University: t.University}
}

// ArticleFor is ticket id, to which team member a may send an article:
// the checks of Answer (AskTeamReply).
func (s *Helpdesk) ArticleFor(tx HelpdeskTx, a Actor, id string) (aulabot.Ticket, error) {
	t, _, err := s.AskTeamReply(tx, a, id)
	return t, err
}

// SendArticle sends the article titled title, its HTML in parts (each
// within Telegram's limit, its places filled for the requester), to
// ticket id's requester from team member a: a signed line naming it,
// then its parts, Reply and That solved it (replyButton) on the last; each
// part, replied to, answers the team. The conversation keeps "📚 title",
// copied to the team group's thread when a writes privately. Errors: those
// of AskTeamReply; the store's.
func (s *Helpdesk) SendArticle(tx HelpdeskTx, a Actor, id, title string, parts []string) (aulabot.Ticket, error) {
	t, _, err := s.AskTeamReply(tx, a, id)
	if err != nil {
		return t, err
	}
	uni, _ := s.Config.University(t.University)
	t, msg, err := tx.AddTicketMessage(t.ID, aulabot.TicketMessage{From: a.ID, FromName: a.Name, Team: true, Text: articleMark + title})
	if err != nil {
		return t, err
	}
	ref := relayRef(t.ID, msg.N)
	msgs := []aulabot.Message{s.articleLine(t, uni, msg)}
	for i, p := range parts {
		m := aulabot.Message{ChatID: t.Requester, Ref: fmt.Sprintf("%s:a%d", ref, i), Text: p}
		if i == len(parts)-1 {
			m.Inline = s.replyButton(t)
		}
		msgs = append(msgs, m)
	}
	if err := enqueue(tx, msgs...); err != nil {
		return t, err
	}
	return t, s.privateCopy(tx, t, uni, msg)
}

// articleMark starts the conversation's record of an article the team
// sent ("📚 title"), which has no message of the member's as its source.
const articleMark = "📚 "

// isArticle reports whether team message m records an article sent.
func isArticle(m aulabot.TicketMessage) bool {
	return m.Team && m.Source == 0 && strings.HasPrefix(m.Text, articleMark)
}

// articleLine is the signed line naming an article that team message m
// sent to ticket t's requester, before its parts.
func (s *Helpdesk) articleLine(t aulabot.Ticket, uni *aulabot.University, m aulabot.TicketMessage) aulabot.Message {
	return aulabot.Message{ChatID: t.Requester, Ref: relayRef(t.ID, m.N),
		Text: s.Cat.T(t.Lang, "ticket.article_to_user", "id", t.ID, "team", s.teamSignature(t, uni, m.FromName))}
}
