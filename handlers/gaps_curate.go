package handlers

import (
	"fmt"
	"strings"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/button"
	"github.com/aulabot/aulabot/i18n"
	"github.com/aulabot/aulabot/service"
)

// flowGapLink: a coordinator types words to find the article a gap links
// to; it keeps the gap's question.
var flowGapLink = aulabot.Flow[gapOf]{Name: "gaplink"}

// gapLinkStep is flowGapLink's one step: words typed to search with.
const gapLinkStep = "words"

// gapOf is what a coordinator's one-step flow on a gap keeps (flowGapLink,
// flowDraftText): the gap's question.
type gapOf struct {
	Q uint64 `json:"q"`
}

// onGapButton handles the curation buttons of /gaps (kb_buttons.go), each
// on the group of similar questions its question belongs to. Accepting a
// proposal links the phrasing, found helpful among suggestions, to the
// article its asker picked.
func (h *Handlers) onGapButton(c *Ctx) error {
	v, err := h.buttons.Decode(c.U.Callback.Data)
	if err != nil {
		return err
	}
	var id uint64
	switch b := v.(type) {
	case gapAnswerDropButton:
		return h.dropGapAnswer(c)
	case gapAddButton:
		return h.addGapArticle(c, b)
	case gapRemoveButton:
		return h.removeGapArticle(c, b.Q)
	case gapEditButton:
		return h.askDraftText(c, b.Q)
	case gapAddedPageButton:
		return h.addedPage(c, b.University, b.Page)
	case gapPeriodButton:
		return h.gapsFor(c, b.University, b.Days)
	case gapAnswerButton:
		id = b.Q
	case gapAnswerSendButton:
		id = b.Q
	case gapLinkButton:
		id = b.Q
	case gapArticleButton:
		id = b.Q
	case gapOutButton:
		id = b.Q
	case gapDismissButton:
		id = b.Q
	case gapProposalButton:
		id = b.Q
	case gapTellButton:
		id = b.Q
	default:
		return button.Stale()
	}
	q, err := h.curatedQuestion(c, id)
	if err != nil {
		return err
	}
	switch v.(type) {
	case gapLinkButton, gapAnswerButton, gapOutButton, gapDismissButton: // a list's: it may be older than a decision
		if err := h.undecided(c, q); err != nil {
			return err
		}
	}
	switch b := v.(type) {
	case gapLinkButton:
		c.SetState(flowGapLink.At(gapLinkStep, gapOf{Q: id}))
		return h.linkCandidates(c, q, q.Text)
	case gapArticleButton:
		return h.curate(c, q, aulabot.AliasLink, b.Article)
	case gapTellButton:
		return h.tellAskers(c, q, b.Article)
	case gapAnswerButton:
		return h.askGapAnswer(c, q)
	case gapAnswerSendButton:
		return h.sendGapAnswer(c, q)
	case gapOutButton:
		return h.curate(c, q, aulabot.AliasOutOfScope, "")
	case gapDismissButton:
		return h.curate(c, q, aulabot.AliasDismiss, "")
	}
	if q.ArticleID == "" {
		return button.Stale()
	}
	return h.curate(c, q, aulabot.AliasLink, q.ArticleID)
}

// undecided refuses a button of a /gaps list on gap q when a decision
// taken since q was asked took it out of /gaps, saying which.
func (h *Handlers) undecided(c *Ctx, q aulabot.Question) error {
	var a aulabot.KBAlias
	var decided bool
	if err := c.view(func(tx Tx) (err error) { a, decided, err = h.svc.Questions.Decided(tx, q); return err }); err != nil || !decided {
		return err
	}
	title := a.ArticleID
	if kb := c.kb(); kb != nil {
		if art, ok := kb.Article(a.ArticleID, askerQuery(q)); ok {
			title = art.Title
		}
	}
	return aulabot.Errorf(aulabot.EINVALID, "gaps.already_"+a.Kind, "title", title)
}

// onGapLinkText searches the articles for the words a coordinator typed
// while linking a gap.
func (h *Handlers) onGapLinkText(c *Ctx) error {
	d, ok := flowGapLink.Data(c.State)
	q, err := h.flowQuestion(c, d.Q, ok)
	if err != nil {
		return err
	}
	text := strings.TrimSpace(c.U.Text)
	if !hasLetters(text) {
		return aulabot.Errorf(aulabot.EINVALID, "kb.no_words")
	}
	return h.linkCandidates(c, q, text)
}

// flowQuestion is question id, kept by a coordinator's flow on a gap (ok:
// the flow's data was read), read as curatedQuestion does; on an error the
// flow ends.
func (h *Handlers) flowQuestion(c *Ctx, id uint64, ok bool) (aulabot.Question, error) {
	if !ok {
		c.ClearState()
		return aulabot.Question{}, button.Stale()
	}
	q, err := h.curatedQuestion(c, id)
	if err != nil {
		c.ClearState()
	}
	return q, err
}

// curatedQuestion reads question id, which the presser must coordinate
// (its university) or administer.
func (h *Handlers) curatedQuestion(c *Ctx, id uint64) (aulabot.Question, error) {
	var q aulabot.Question
	err := c.view(func(tx Tx) (err error) {
		q, err = h.svc.Questions.Curated(tx, id, c.Roles)
		return err
	})
	return q, err
}

// linkCandidates offers the articles a search for text finds, as the
// askers of q's group would see them, to link the group to: searched as
// q's asker, then as each other role in the group (a group may hold a
// teacher's question and students').
func (h *Handlers) linkCandidates(c *Ctx, q aulabot.Question, text string) error {
	kb := c.kb()
	if kb == nil {
		return aulabot.Errorf(aulabot.EINTERNAL, "error.internal")
	}
	group, err := h.gapGroupOf(c, q)
	if err != nil {
		return err
	}
	var rows [][]aulabot.Button
	roles, offered := map[string]bool{}, map[string]bool{}
	for _, g := range append([]aulabot.Question{q}, group...) {
		if roles[g.Role] {
			continue
		}
		roles[g.Role] = true
		query := askerQuery(g)
		query.Text, query.Lookup = text, true
		for _, a := range kb.Search(c, query).Articles {
			if articleFits(a.ID) && !offered[a.ID] {
				offered[a.ID] = true
				rows = append(rows, []aulabot.Button{{Text: "📄 " + a.Title, Data: gapArticleButton{Q: q.ID, Article: a.ID}.Encode()}})
			}
		}
	}
	if len(rows) == 0 {
		c.Reply(c.T("gaps.link_none", "question", q.Text))
		return nil
	}
	c.ReplyButtons(c.T("gaps.link_pick", "question", q.Text), rows)
	return nil
}

// curate records kind (and the article, for a link) for every phrasing of
// the group of similar gaps q belongs to, then puts the aliases in use.
func (h *Handlers) curate(c *Ctx, q aulabot.Question, kind, articleID string) error {
	group, err := h.gapGroupOf(c, q)
	if err != nil {
		return err
	}
	title := ""
	askers := 0 // who asked, got no answer and may read the article
	notFor := ""
	if kind == aulabot.AliasLink {
		// The article is one some asker of the group may read (as the
		// candidates were searched).
		for _, g := range append([]aulabot.Question{q}, group...) {
			if a, ok := c.kb().Article(articleID, askerQuery(g)); ok {
				title = a.Title
				break
			}
		}
		if title == "" {
			return aulabot.Errorf(aulabot.ENOTFOUND, "kb.article_gone")
		}
		askers = service.Askers(group, articleID, func(q aulabot.Question) bool { _, ok := c.kb().Article(articleID, askerQuery(q)); return ok })
		// Those who may not read it are still answered by the search.
		notFor = notForRoles(c, group, articleID)
	}
	err = c.Commit(func(tx Tx) error {
		n, err := h.svc.Questions.Curate(tx, group, kind, articleID)
		if err != nil {
			return err
		}
		if flowGapLink.In(c.State) {
			c.ClearState()
		}
		if c.U.Callback != nil {
			c.Answer(c.T("gaps.saved"))
		}
		c.Reply(c.N("gaps.done_"+kind, n, "title", title) + notFor)
		// Those who asked and were left without an answer may have it now.
		if askers > 0 {
			c.ReplyButtons(c.N("gaps.tell_offer", askers),
				[][]aulabot.Button{{{Text: c.T("gaps.tell_button", "n", askers), Data: gapTellButton{q.ID, articleID}.Encode()}}})
		}
		return nil
	})
	if err != nil {
		return err
	}
	return h.refreshAliases(c)
}

// notForRoles says which roles among the askers of group may not read
// article (a students' article linked from a group where a teacher asked
// too): a link answers only those who may, the others still get the
// search's answer. "" when everyone may.
func notForRoles(c *Ctx, group []aulabot.Question, article string) string {
	var out string
	seen := map[string]bool{}
	for _, q := range group {
		if seen[q.Role] || (q.Role != aulabot.RoleTeacher && q.Role != aulabot.RoleStudent) {
			continue
		}
		seen[q.Role] = true
		if _, ok := c.kb().Article(article, askerQuery(q)); !ok {
			out += "\n" + c.T("gaps.link_not_for_"+q.Role)
		}
	}
	return out
}

// tellAskers sends article, rendered for each, to the people who asked a
// phrasing linked to it and got no answer (each once, however often the
// button is pressed), and says how many it reached.
func (h *Handlers) tellAskers(c *Ctx, q aulabot.Question, article string) error {
	kb := c.kb()
	if kb == nil {
		return button.Stale()
	}
	var askers []aulabot.Question
	if err := c.view(func(tx Tx) (err error) {
		askers, err = h.svc.Questions.LinkedAskers(tx, q.University, article, h.Now().Add(-GapWindow))
		return err
	}); err != nil {
		return err
	}
	// Rendered before the write transaction, each for its asker.
	msgs := make([][]aulabot.Message, len(askers))
	for i, a := range askers {
		art, ok := kb.Article(article, askerQuery(a))
		if !ok {
			continue // not one they may read (another role's)
		}
		uni := a.University
		if u, ok := h.Config.University(a.University); ok {
			uni = u.Name
		}
		head := h.cat.T(a.Lang, "gaps.answer_late", "day", i18n.Day(a.Lang, a.At.In(h.Config.Loc(a.University))),
			"question", service.Short(aulabot.CleanText(a.Text), 200), "university", uni)
		body := fmt.Sprintf("%s\n\n<b>%s</b>\n\n%s\n\n%s", head, i18n.Escape(art.Title),
			h.fillPlacesFor(a.Lang, a.University, art.HTML), h.cat.T(a.Lang, "kb.source", "title", art.Title))
		for j, part := range kb.Split(body, aulabot.MaxMessageText) {
			m := aulabot.Message{Text: part}
			if j == 0 {
				m.ReplyTo = a.MessageID
			}
			msgs[i] = append(msgs[i], m)
		}
	}
	return h.tellAll(c, askers, article, msgs, "gaps.told", "gaps.told_none", nil)
}

// tellAll queues msgs[i] to the asker of askers[i], each once under key
// (Questions.TellAsker), and says on the pressed message how many it
// reached (sent, a plural key) or that everyone had it already (had);
// also (if not nil) runs in the same transaction when msgs reached
// someone, now or before (everyone had it already), not when there was
// nobody left to tell.
func (h *Handlers) tellAll(c *Ctx, askers []aulabot.Question, key string, msgs [][]aulabot.Message, sent, had string, also func(tx Tx) error) error {
	return c.Commit(func(tx Tx) error {
		told := 0
		for i, a := range askers {
			ok, err := h.svc.Questions.TellAsker(tx, a, key, msgs[i])
			if err != nil {
				return err
			}
			if ok {
				told++
			}
		}
		text := c.N(sent, told)
		if told == 0 {
			text = c.T(had)
		}
		c.Answer(text)
		c.EditPressed(text, nil)
		if len(askers) > 0 && also != nil {
			return also(tx)
		}
		return nil
	})
}

// askerQuery is the search of q's asker: their language, role and
// university, which decide the articles they may read.
func askerQuery(q aulabot.Question) aulabot.KBQuery {
	return aulabot.KBQuery{Lang: q.Lang, Audience: q.Role, University: q.University}
}

// gapGroupOf returns the group of similar gap questions (as /gaps groups
// them) that q belongs to; q alone when it is no longer a gap.
func (h *Handlers) gapGroupOf(c *Ctx, q aulabot.Question) ([]aulabot.Question, error) {
	gaps, err := h.gapQuestions(c, q.University)
	if err != nil {
		return nil, err
	}
	for _, g := range aulabot.GroupQuestions(gaps.Questions) {
		for _, x := range g {
			if x.ID == q.ID {
				return g, nil
			}
		}
	}
	return []aulabot.Question{q}, nil
}

// refreshAliases puts the stored aliases in use.
func (h *Handlers) refreshAliases(c *Ctx) error {
	var as []aulabot.KBAlias
	if err := c.view(func(tx Tx) (err error) {
		as, err = h.svc.Questions.Aliases(tx)
		return err
	}); err != nil {
		return err
	}
	if kb := c.kb(); kb != nil {
		kb.SetAliases(as)
	}
	return nil
}

// gapButtons are the curation buttons of the groups /gaps lists.
func gapButtons(c *Ctx, groups [][]aulabot.Question) [][]aulabot.Button {
	var rows [][]aulabot.Button
	for i, g := range groups {
		id := g[0].ID
		rows = append(rows, []aulabot.Button{
			{Text: fmt.Sprintf("🔗 %d", i+1), Data: gapLinkButton{id}.Encode()},
			{Text: fmt.Sprintf("✍️ %d", i+1), Data: gapAnswerButton{id}.Encode()},
			{Text: fmt.Sprintf("🚫 %d", i+1), Data: gapOutButton{id}.Encode()},
			{Text: fmt.Sprintf("✖ %d", i+1), Data: gapDismissButton{id}.Encode()},
		})
	}
	return rows
}
