package handlers

import (
	"fmt"
	"strings"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
)

// eventFeedback records what someone who had a place at a training said
// after it; the message that asked keeps what they said, with ✍️ to
// write a comment to its organisers and ↩️ to change it instead of its
// buttons.
func (h *Handlers) eventFeedback(c *Ctx, b eventFeedbackButton) error {
	return c.Commit(func(tx Tx) error {
		e, err := h.svc.Events.Feedback(tx, c.U.From.ID, b.Event, b.Feedback)
		if err != nil {
			return err
		}
		c.Answer(c.T("booking.rated_short"))
		h.showFeedbackSaid(c, e, b.Feedback)
		return nil
	})
}

// showFeedbackSaid turns the pressed message into what was said of e,
// with ✍️ and ↩️.
func (h *Handlers) showFeedbackSaid(c *Ctx, e aulabot.Event, feedback int) {
	c.EditPressed(h.svc.Events.FeedbackSaid(c.Lang, e, feedback), [][]aulabot.Button{
		{{Text: c.T("event.button_add_comment"), Data: eventAddCommentButton{e.ID}.Encode()}},
		{changeFeedbackButton(c, e.ID)}})
}

// changeFeedbackButton is ↩️, which asks again how training id went.
func changeFeedbackButton(c *Ctx, id uint64) aulabot.Button {
	return aulabot.Button{Text: c.T("event.button_change_feedback"), Data: eventFeedbackChangeButton{id}.Encode()}
}

// askFeedbackChange turns what someone said after training id into the
// question again, its buttons changing the answer.
func (h *Handlers) askFeedbackChange(c *Ctx, id uint64) error {
	return c.view(func(tx Tx) error {
		m, err := h.svc.Events.FeedbackChange(tx, c.U.From.ID, id, c.Lang)
		if err != nil {
			return err
		}
		c.Answer("")
		c.EditPressed(m.Text, m.Inline)
		return nil
	})
}

// changeFeedback changes what someone said after a training.
func (h *Handlers) changeFeedback(c *Ctx, b eventFeedbackButton) error {
	return c.Commit(func(tx Tx) error {
		e, err := h.svc.Events.ChangeFeedback(tx, c.U.From.ID, b.Event, b.Feedback)
		if err != nil {
			return err
		}
		c.Answer(c.T("event.feedback_changed"))
		h.showFeedbackSaid(c, e, b.Feedback)
		return nil
	})
}

// askFeedbackAgain sends the question of training id's end again, from
// the Trainings list.
func (h *Handlers) askFeedbackAgain(c *Ctx, id uint64) error {
	return c.view(func(tx Tx) error {
		m, err := h.svc.Events.AskAgain(tx, c.U.From.ID, id, c.Lang)
		if err != nil {
			return err
		}
		c.Answer("")
		m.ChatID = c.U.ChatID
		c.Send(m)
		return nil
	})
}

// startEventComment asks for the comment on training id; the ✍️ pressed
// goes, ↩️ stays.
func (h *Handlers) startEventComment(c *Ctx, id uint64) error {
	return c.Commit(func(tx Tx) error {
		st, ask, err := h.svc.Events.StartComment(tx, c.U.From.ID, id, c.Lang)
		if err != nil {
			return err
		}
		c.Answer("")
		c.SetState(st)
		c.EditButtons([][]aulabot.Button{{changeFeedbackButton(c, id)}})
		c.Reply(ask)
		return nil
	})
}

// onEventCommentText keeps the comment typed; words refused keep the step
// waiting, a training that cannot take it (gone from the store, a step
// left by another version) ends it.
func (h *Handlers) onEventCommentText(c *Ctx) error {
	if hd, ok := h.menuTapped(c); ok {
		return hd(c)
	}
	err := c.Commit(func(tx Tx) error {
		e, err := h.svc.Events.Comment(tx, c.State, c.U.From.ID, c.U.Text)
		if err != nil {
			return err
		}
		c.ClearState()
		c.Reply(c.T("event.comment_saved", "title", e.Title))
		return nil
	})
	if k := aulabot.ErrorKey(err); err != nil && k != "event.err_comment" && k != "event.err_comment_long" {
		c.ClearState()
	}
	return err
}

// showEventComments shows the organisers of training id what those who
// had a place wrote after it, without their names: in a message, or in a
// text file when they do not fit in one.
func (h *Handlers) showEventComments(c *Ctx, id uint64) error {
	return c.view(func(tx Tx) error {
		e, comments, err := h.svc.Events.Comments(tx, c.Roles, id)
		if err != nil {
			return err
		}
		c.Answer("")
		if len(comments) == 0 {
			c.Reply(c.T("event.comments_none", "title", e.Title))
			return nil
		}
		header := c.N("event.comments_header", len(comments), "title", e.Title)
		lines, plain := make([]string, len(comments)), make([]string, len(comments))
		for i, cm := range comments {
			said := c.T("event.comment_missed")
			if cm.Feedback != aulabot.EventMissed {
				said = c.T("event.comment_stars", "stars", cm.Feedback)
			}
			lines[i] = fmt.Sprintf("%d. %s · %s", i+1, said, i18n.Escape(cm.Text))
			plain[i] = fmt.Sprintf("%d. %s · %s", i+1, i18n.Plain(said), cm.Text)
		}
		if text := header + "\n\n" + strings.Join(lines, "\n\n"); VisibleLen(text) <= aulabot.MaxMessageText {
			c.Reply(text)
			return nil
		}
		file := i18n.Plain(header) + "\n\n" + strings.Join(plain, "\n\n") + "\n"
		c.Send(aulabot.Message{ChatID: c.U.ChatID, Text: c.T("event.comments_file"),
			File: &aulabot.OutFile{Name: fmt.Sprintf("training-%d-comments.txt", e.ID), Data: []byte(file)}})
		return nil
	})
}
