package handlers

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/aulabot/aulabot"
)

// aliasTx is what curating /gaps needs of a transaction (store/alias.go).
type aliasTx interface {
	PutAlias(a aulabot.KBAlias) error
	Aliases(fn func(aulabot.KBAlias) error) error
}

// flowGapLink: a coordinator types words to find the article a gap links to
// (State "q": the question's id).
const flowGapLink = "gaplink"

// onGapButton handles the curation buttons of /gaps, each on the group of
// similar questions that question QID belongs to:
// gp:l:QID (Link to an article: candidates, or type to search),
// gp:a:QID:ARTICLE (link it), gp:o:QID (Out of scope), gp:d:QID (Dismiss),
// gp:p:QID (accept an asker's proposal: the phrasing QID, found helpful
// among suggestions, links to the article picked).
func (h *Handlers) onGapButton(c *Ctx) error {
	parts := strings.Split(c.U.Callback.Data, ":")
	if len(parts) < 3 || len(parts) > 4 {
		return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
	}
	id, err := strconv.ParseUint(parts[2], 10, 64)
	if err != nil {
		return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
	}
	q, err := h.curatedQuestion(c, id)
	if err != nil {
		return err
	}
	switch {
	case parts[1] == "l" && len(parts) == 3:
		c.SetState(aulabot.State{Flow: flowGapLink}.With("q", qid(id)))
		return h.linkCandidates(c, q, q.Text)
	case parts[1] == "a" && len(parts) == 4:
		return h.curate(c, q, aulabot.AliasLink, parts[3])
	case parts[1] == "o" && len(parts) == 3:
		return h.curate(c, q, aulabot.AliasOutOfScope, "")
	case parts[1] == "d" && len(parts) == 3:
		return h.curate(c, q, aulabot.AliasDismiss, "")
	case parts[1] == "p" && len(parts) == 3 && q.ArticleID != "":
		return h.curate(c, q, aulabot.AliasLink, q.ArticleID)
	}
	return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
}

// onGapLinkText searches the articles for the words a coordinator typed
// while linking a gap.
func (h *Handlers) onGapLinkText(c *Ctx) error {
	id, err := strconv.ParseUint(c.State.Get("q"), 10, 64)
	if err != nil {
		c.ClearState()
		return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
	}
	q, err := h.curatedQuestion(c, id)
	if err != nil {
		c.ClearState()
		return err
	}
	text := strings.TrimSpace(c.U.Text)
	if !hasLetters(text) {
		return aulabot.Errorf(aulabot.EINVALID, "kb.no_words")
	}
	return h.linkCandidates(c, q, text)
}

// curatedQuestion reads question id, which the presser must coordinate
// (its university) or administer.
func (h *Handlers) curatedQuestion(c *Ctx, id uint64) (aulabot.Question, error) {
	var q aulabot.Question
	var ok bool
	if err := c.view(func(tx Tx) error {
		var err error
		q, ok, err = tx.Question(id)
		return err
	}); err != nil {
		return q, err
	}
	if !ok || q.Text == "" {
		return q, aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
	}
	if !c.Roles.Admin && !c.Roles.IsCoordinator(q.University) {
		return q, aulabot.Errorf(aulabot.EFORBIDDEN, "error.only_coordinators")
	}
	return q, nil
}

// linkCandidates offers the articles a search for text finds, as the
// asker of q would see them, to link q's group to.
func (h *Handlers) linkCandidates(c *Ctx, q aulabot.Question, text string) error {
	kb := c.kb()
	if kb == nil {
		return aulabot.Errorf(aulabot.EINTERNAL, "error.internal")
	}
	res := kb.Search(c, aulabot.KBQuery{Text: text, Lang: q.Lang, Audience: q.Role, University: q.University})
	var rows [][]aulabot.Button
	for _, a := range res.Articles {
		if d := data("gp", "a", qid(q.ID), a.ID); d != "" {
			rows = append(rows, []aulabot.Button{{Text: "📄 " + a.Title, Data: d}})
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
	title := ""
	if kind == aulabot.AliasLink {
		a, ok := c.kb().Article(articleID, aulabot.KBQuery{Lang: q.Lang, Audience: q.Role, University: q.University})
		if !ok {
			return aulabot.Errorf(aulabot.ENOTFOUND, "kb.article_gone")
		}
		title = a.Title
	}
	group, err := h.gapGroupOf(c, q)
	if err != nil {
		return err
	}
	err = c.Commit(func(tx Tx) error {
		seen := map[string]bool{}
		for _, g := range group {
			key := aulabot.AliasKey(g.Text)
			if key == "" || seen[g.Lang+"\x00"+key] {
				continue
			}
			seen[g.Lang+"\x00"+key] = true
			if err := tx.PutAlias(aulabot.KBAlias{Key: key, Text: g.Text, Lang: g.Lang, University: g.University,
				Kind: kind, ArticleID: articleID, By: c.U.From.ID}); err != nil {
				return err
			}
		}
		if c.State.Flow == flowGapLink {
			c.ClearState()
		}
		if c.U.Callback != nil {
			c.Answer(c.T("gaps.saved"))
		}
		c.Reply(c.T("gaps.done_"+kind, "count", len(seen), "title", title))
		return nil
	})
	if err != nil {
		return err
	}
	return h.refreshAliases(c)
}

// gapGroupOf returns the group of similar gap questions (as /gaps groups
// them) that q belongs to; q alone when it is no longer a gap.
func (h *Handlers) gapGroupOf(c *Ctx, q aulabot.Question) ([]aulabot.Question, error) {
	qs, _, _, err := h.gapQuestions(c, q.University)
	if err != nil {
		return nil, err
	}
	for _, g := range aulabot.GroupQuestions(qs) {
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
	if err := c.view(func(tx Tx) error {
		return tx.Aliases(func(a aulabot.KBAlias) error { as = append(as, a); return nil })
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
		id := qid(g[0].ID)
		rows = append(rows, []aulabot.Button{
			{Text: fmt.Sprintf("🔗 %d", i+1), Data: "gp:l:" + id},
			{Text: fmt.Sprintf("🚫 %d", i+1), Data: "gp:o:" + id},
			{Text: fmt.Sprintf("✖ %d", i+1), Data: "gp:d:" + id},
		})
	}
	return rows
}

// proposeAlias proposes question id's phrasing as an alias of the article
// its asker picked among suggestions and then marked Helpful: coordinators
// see it in /gaps and link it with a tap (it is never linked without).
func proposeAlias(tx Tx, id uint64) error {
	q, ok, err := tx.Question(id)
	if err != nil || !ok || q.Outcome != aulabot.OutcomeSuggest || q.ArticleID == "" {
		return err
	}
	key := aulabot.AliasKey(q.Text)
	if key == "" {
		return nil
	}
	return tx.PutAlias(aulabot.KBAlias{Key: key, Text: q.Text, Lang: q.Lang, University: q.University,
		Kind: aulabot.AliasProposed, ArticleID: q.ArticleID})
}
