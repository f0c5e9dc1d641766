package handlers

import (
	"slices"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/button"
)

// onKB handles the knowledge-base buttons (kb_buttons.go).
func (h *Handlers) onKB(c *Ctx) error {
	v, err := h.buttons.Decode(c.U.Callback.Data)
	if err != nil || c.kb() == nil {
		return button.Stale()
	}
	switch b := v.(type) {
	case kbFeedbackButton:
		return h.onFeedback(c, b.Q, b.Helpful)
	case kbArticleButton:
		return h.onOpenArticle(c, b.Q, b.Article)
	case kbNoneButton:
		return h.onNoneHelped(c, b.Q)
	case kbTeamButton:
		return h.onReportTeam(c, b.Q)
	case kbCategoryButton:
		return h.onReportCategory(c, b.Q, b.Category)
	}
	return button.Stale()
}

// onFeedback records Helpful / Not helpful once; Not helpful offers the
// next steps and counts the question as a gap.
func (h *Handlers) onFeedback(c *Ctx, id uint64, helpful bool) error {
	return c.Commit(func(tx Tx) error {
		if err := h.svc.Questions.Feedback(tx, id, c.U.From.ID, helpful); err != nil {
			return err
		}
		// Helpful / Not helpful go; the answer and its articles stay.
		c.EditButtons(withoutRow[kbFeedbackButton](h, c.U.Callback.Inline))
		if helpful {
			c.Answer(c.T("kb.thanks"))
			return nil
		}
		c.Answer(c.T("kb.noted"))
		c.ReplyButtons(c.T("kb.not_helpful"), nextSteps(c, id))
		return nil
	})
}

// withoutRow is rows without the rows holding a button of kind B: the
// buttons a message keeps once that choice was made (an answer rated
// keeps its related articles; suggestions answered "None of these" keep
// the articles, which may still be opened). Nil when nothing is left, or
// when Telegram did not say what the message had (then every button
// goes, as before 4 December).
func withoutRow[B button.Data](h *Handlers, rows [][]aulabot.Button) [][]aulabot.Button {
	var out [][]aulabot.Button
	for _, row := range rows {
		if !slices.ContainsFunc(row, func(b aulabot.Button) bool { return isKind[B](h, b) }) {
			out = append(out, row)
		}
	}
	return out
}

// onOpenArticle shows an article the user picked from suggestions or
// related articles. The button's data comes from the client: an article
// the user may not see (another university's, or for teachers only when
// the user is a student) is answered like one that does not exist.
func (h *Handlers) onOpenArticle(c *Ctx, id uint64, articleID string) error {
	a, ok := c.kb().Article(articleID, c.query(""))
	if !ok {
		return aulabot.Errorf(aulabot.ENOTFOUND, "kb.article_gone")
	}
	rep := h.articleReply(c, a)
	return c.Commit(func(tx Tx) error {
		fid, err := h.svc.Questions.Opened(tx, id, c.User, c.Lang, a)
		if err != nil {
			return err
		}
		rep.send(c, fid)
		return nil
	})
}

// onNoneHelped records that no suggestion fitted and offers next steps.
func (h *Handlers) onNoneHelped(c *Ctx, id uint64) error {
	return c.Commit(func(tx Tx) error {
		if err := h.svc.Questions.NoneHelped(tx, id, c.U.From.ID); err != nil {
			return err
		}
		// None of these goes; the suggested articles stay (typed, "ninguna
		// de estas": no message was pressed to edit, EditButtons edits none).
		c.EditButtons(withoutRow[kbNoneButton](h, c.U.Callback.Inline))
		c.ReplyButtons(unknownText(c), nextSteps(c, id))
		return nil
	})
}

// reload asks a background worker to read the knowledge base again
// (coordinators); the worker tells this chat how it went (kbjobs.go).
func (h *Handlers) reload(c *Ctx) error {
	if c.kb() == nil {
		return aulabot.Errorf(aulabot.EINTERNAL, "error.internal")
	}
	err := c.Commit(func(tx Tx) error {
		if err := h.svc.Questions.Reload(tx, c.U.ChatID, c.Lang); err != nil {
			return err
		}
		c.Reply(c.T("kb.reloading"))
		return nil
	})
	return err
}
