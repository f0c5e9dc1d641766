package handlers

import (
	"fmt"
	"slices"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/button"
	"github.com/aulabot/aulabot/i18n"
	"github.com/aulabot/aulabot/service"
)

// A ticket as a team member sees it from /queue (service.Helpdesk.View):
// privately, with Answer, whose next message goes to the requester; in
// the team group, as a reply to the ticket's post, so a tap on the quote
// goes to it.

// viewTicket sends ticket id's view: its post's lines and as many of its
// last messages as fit one message, with its buttons.
func (h *Handlers) viewTicket(c *Ctx, id string) error {
	var v service.TicketView
	err := c.view(func(tx Tx) (err error) { v, err = h.svc.Helpdesk.View(tx, actor(c), id); return err })
	if err != nil {
		return err
	}
	c.Answer("")
	h.sendView(c, v, 0)
	return nil
}

// sendView sends view v, or edits message edit (not 0) into it.
func (h *Handlers) sendView(c *Ctx, v service.TicketView, edit int) {
	lang := c.Lang
	// Privately a reply to the view writes to the requester.
	m := aulabot.Message{ChatID: c.U.ChatID, Ref: service.TeamPrivateRef(v.Ticket.ID, c.U.ID)}
	if c.Team != nil {
		// The group reads the configuration's language, as the post.
		lang, m.ReplyToRef, m.Ref = h.Config.Language, service.PostRef(v.Ticket.ID), service.TeamGroupViewRef(v.Ticket.ID)
	}
	if edit != 0 {
		m.EditMessageID, m.Ref, m.ReplyToRef = edit, "", ""
	}
	m.Inline = h.svc.Helpdesk.ViewButtons(lang, v, c.Private(), c.kb() != nil)
	c.Send(fitView(m, len(v.Last), func(shown int) string { return h.svc.Helpdesk.ViewText(lang, v, shown) }))
}

// fitView is m with the text of a ticket's view showing as many of its
// last n messages as fit one message (text renders it with shown of them).
func fitView(m aulabot.Message, n int, text func(shown int) string) aulabot.Message {
	for shown := n; ; shown-- {
		m.Text = text(shown)
		if Fits(m) == nil || shown == 0 {
			return m
		}
	}
}

// onTeamAnswerButton is Answer on a ticket's view: the member's next
// message goes to the requester.
func (h *Handlers) onTeamAnswerButton(c *Ctx, id string) error {
	return c.Commit(func(tx Tx) error {
		t, st, err := h.svc.Helpdesk.AskTeamReply(tx, actor(c), id)
		if err != nil {
			return err
		}
		c.SetState(st)
		c.Answer(t.ID)
		c.Reply(c.T("ticket.team_answer_prompt", "id", t.ID, "name", service.ShortName(aulabot.CleanText(t.RequesterName))))
		return nil
	})
}

// onTeamReplyText is a team member's message after Answer: it goes to the
// requester as /reply would send it, and the flow is over, but for an
// album, whose other parts follow it.
func (h *Handlers) onTeamReplyText(c *Ctx) error {
	d, _ := service.FlowTeamReply.Data(c.State)
	if d.Album != "" && c.U.Album != d.Album {
		c.ClearState() // the album is over: this message is one of its own
		return h.route(c)
	}
	if c.U.Album != "" {
		c.SetState(service.FlowTeamReply.At(service.TicketText, service.OnTicket{Ticket: d.Ticket, Album: c.U.Album}))
	} else {
		c.ClearState()
	}
	return h.relayToRequester(c, d.Ticket, c.U.Text)
}

// onTeamArticleButton is Send an article on a ticket's view: the articles
// its requester would find from the ticket's description.
func (h *Handlers) onTeamArticleButton(c *Ctx, id string) error {
	var t aulabot.Ticket
	if err := c.view(func(tx Tx) (err error) { t, err = h.svc.Helpdesk.ArticleFor(tx, actor(c), id); return err }); err != nil {
		return err
	}
	c.Answer("")
	return h.offerArticles(c, t, t.Description, "")
}

// onTeamArticleText is words typed while choosing an article: a search
// with them, as the requester would make it.
func (h *Handlers) onTeamArticleText(c *Ctx) error {
	d, _ := service.FlowTeamArticle.Data(c.State)
	var t aulabot.Ticket
	if err := c.view(func(tx Tx) (err error) { t, err = h.svc.Helpdesk.ArticleFor(tx, actor(c), d.Ticket); return err }); err != nil {
		c.ClearState()
		return err
	}
	words := aulabot.CleanText(c.U.Text)
	return h.offerArticles(c, t, words, words)
}

// offerArticles searches the knowledge base with text as ticket t's
// requester would (words: what the member typed, "" for the ticket's
// description) and offers what it finds, a button each; the flow keeps
// them for the press.
func (h *Handlers) offerArticles(c *Ctx, t aulabot.Ticket, text, words string) error {
	kb := c.kb()
	if kb == nil {
		return button.Stale()
	}
	q := service.RequesterQuery(t, text)
	found := kb.Search(c, q).Articles
	if len(found) > 0 {
		// What the requester would see: the answer and the articles
		// related to it.
		found = append(found, kb.Related(found[0].ID, service.MaxOffered, q)...)
	}
	var ids []string
	var rows [][]aulabot.Button
	for _, a := range found {
		if len(ids) == service.MaxOffered || slices.Contains(ids, a.ID) {
			continue
		}
		rows = append(rows, []aulabot.Button{{Text: "📄 " + service.Short(a.Title, 60), Data: sendArticleButton{len(ids)}.Encode()}})
		ids = append(ids, a.ID)
	}
	name := service.ShortName(aulabot.CleanText(t.RequesterName))
	key := "ticket.articles_offer"
	switch {
	case len(ids) == 0:
		key = "ticket.articles_none"
	case words != "":
		key = "ticket.articles_searched"
	}
	c.SetState(service.FlowTeamArticle.At(service.TicketText, service.TeamArticle{Ticket: t.ID, Articles: ids}))
	c.ReplyButtons(c.T(key, "id", t.ID, "name", name, "words", service.Short(words, 60), "language", c.T("ticket.language_"+t.Lang)), rows)
	return nil
}

// onSendArticle sends the article at place i of those offered to the
// ticket's requester, rendered for them, and ends the flow.
func (h *Handlers) onSendArticle(c *Ctx, i int) error {
	d, ok := service.FlowTeamArticle.Data(c.State)
	if !ok || i >= len(d.Articles) || c.kb() == nil {
		return button.Stale()
	}
	var t aulabot.Ticket
	if err := c.view(func(tx Tx) (err error) { t, err = h.svc.Helpdesk.ArticleFor(tx, actor(c), d.Ticket); return err }); err != nil {
		return err
	}
	a, found := c.kb().Article(d.Articles[i], service.RequesterQuery(t, ""))
	if !found {
		return aulabot.Errorf(aulabot.ENOTFOUND, "ticket.article_gone")
	}
	body := fmt.Sprintf("<b>%s</b>\n\n%s\n\n%s", i18n.Escape(a.Title), h.fillPlacesFor(t.Lang, t.University, a.HTML), h.cat.T(t.Lang, "kb.source", "title", a.Title))
	parts := c.kb().Split(body, aulabot.MaxMessageText)
	if ok, err := h.allowTicketMessage(c, t.ID); !ok {
		return err
	}
	return c.Commit(func(tx Tx) error {
		t, err := h.svc.Helpdesk.SendArticle(tx, actor(c), t.ID, a.Title, parts)
		if err != nil {
			return err
		}
		c.ClearState()
		c.Answer(c.T("ticket.article_sent", "id", t.ID, "title", service.Short(a.Title, 60)))
		c.Send(aulabot.Message{ChatID: c.U.ChatID, Text: c.T("ticket.article_sent", "id", t.ID, "title", a.Title), Ref: service.TeamPrivateRef(t.ID, c.U.ID),
			Inline: [][]aulabot.Button{{{Text: c.T("ticket.button_write_again"), Data: teamAnswerButton{t.ID}.Encode()}}}})
		return nil
	})
}
