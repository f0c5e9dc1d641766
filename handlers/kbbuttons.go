package handlers

import (
	"strconv"
	"strings"

	"github.com/aulabot/aulabot"
)

// onKB handles the knowledge-base buttons: kb:h:QID:1|0 (Helpful / Not
// helpful), kb:a:QID:ARTICLE (open a suggested or related article),
// kb:n:QID (none of the suggestions helped), kb:t:QID (report the question
// to the technical team) and kb:c:QID:CATEGORY (its category).
func (h *Handlers) onKB(c *Ctx) error {
	parts := strings.Split(c.U.Callback.Data, ":")
	if len(parts) < 3 || c.kb() == nil {
		return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
	}
	id, err := strconv.ParseUint(parts[2], 10, 64)
	if err != nil {
		return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
	}
	switch {
	case parts[1] == "h" && len(parts) == 4 && (parts[3] == "1" || parts[3] == "0"):
		return h.onFeedback(c, id, parts[3] == "1")
	case parts[1] == "a" && len(parts) == 4:
		return h.onOpenArticle(c, id, parts[3])
	case parts[1] == "n" && len(parts) == 3:
		return h.onNoneHelped(c, id)
	case parts[1] == "t" && len(parts) == 3:
		return h.onReportTeam(c, id)
	case parts[1] == "c" && len(parts) == 4:
		return h.onReportCategory(c, id, parts[3])
	}
	return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
}

// onFeedback records Helpful / Not helpful once; Not helpful offers the
// next steps and counts the question as a gap.
func (h *Handlers) onFeedback(c *Ctx, id uint64, helpful bool) error {
	fb := aulabot.FeedbackNotHelpful
	if helpful {
		fb = aulabot.FeedbackHelpful
	}
	return c.Commit(func(tx Tx) error {
		if err := tx.SetFeedback(id, c.U.From.ID, fb, ""); err != nil {
			return err
		}
		// The buttons go; the answer stays.
		c.Send(aulabot.Message{ChatID: c.U.ChatID, EditMessageID: c.U.Callback.MessageID})
		if helpful {
			c.Answer(c.T("kb.thanks"))
			return proposeAlias(tx, id)
		}
		c.Answer(c.T("kb.noted"))
		c.ReplyButtons(c.T("kb.not_helpful"), nextSteps(c, id))
		return nil
	})
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
		fid := id
		if id != 0 {
			q, ok, err := tx.Question(id)
			if err != nil {
				return err
			}
			if !ok || q.UserID != c.U.From.ID {
				return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
			}
			if err := tx.PickSuggestion(id, c.U.From.ID, articleID); err != nil {
				return err
			}
			if q.Feedback != "" {
				fid = 0
			}
		}
		if fid == 0 {
			// A related article has no question of its own: record one,
			// so feedback on it counts too.
			nid, err := tx.AddQuestion(aulabot.Question{UserID: c.U.From.ID, University: c.User.University, Role: c.User.Role,
				Lang: c.Lang, Text: "→ " + a.Title, Outcome: aulabot.OutcomeAnswer, ArticleID: a.ID})
			if err != nil {
				return err
			}
			fid = nid
		}
		rep.send(c, fid)
		return nil
	})
}

// onNoneHelped records that no suggestion fitted and offers next steps.
func (h *Handlers) onNoneHelped(c *Ctx, id uint64) error {
	return c.Commit(func(tx Tx) error {
		if err := tx.SetFeedback(id, c.U.From.ID, aulabot.FeedbackNotHelpful, ""); err != nil {
			return err
		}
		c.Send(aulabot.Message{ChatID: c.U.ChatID, EditMessageID: c.U.Callback.MessageID})
		c.ReplyButtons(c.T("kb.unknown"), nextSteps(c, id))
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
		if err := tx.ReloadLater(c.U.ChatID, c.Lang); err != nil {
			return err
		}
		c.Reply(c.T("kb.reloading"))
		return nil
	})
	if err == nil {
		h.bg().poke()
	}
	return err
}
