package handlers

import (
	"fmt"

	"github.com/aulabot/aulabot"
)

// A live page is a message whose buttons answer where the person stands
// in something they go through over many messages: a survey's question.
// A press turns it in place; anything else (an answer typed, the survey
// opened again from the menu) shows it anew. One page of a kind is live
// per person: the store remembers it (aulabot.Page), and the commit that
// shows another takes the buttons off the one before. Until 6 December
// every question shown anew kept its buttons, and a press on an old one
// turned that message into a second copy of the question below (seen in
// the sandbox).

// livePage is the page an update shows, for Commit: its kind ("" for
// none) and the message.
type livePage struct {
	kind string
	at   aulabot.Page
}

// pageRef names a page sent as a new message by update in a private
// chat: a ref of its own, as a prompt's (promptRef).
func pageRef(kind string, chat, update int64) string {
	return fmt.Sprintf("page:%s:%d:%d", kind, chat, update)
}

// showLivePage shows the page of kind: a turn (a press on the page)
// edits the pressed message, anything else sends it; either becomes the
// person's live page of kind once the update commits. A page without
// buttons (a survey's thanks) ends the kind's pages: the one before
// loses its buttons, and none is live after it.
func (c *Ctx) showLivePage(kind string, turn bool, text string, rows [][]aulabot.Button) {
	c.page = livePage{kind: kind}
	if id := c.pressed(); turn && id != 0 {
		c.EditPressed(text, rows)
		if len(rows) > 0 {
			c.page.at.ID = id
		}
		return
	}
	m := aulabot.Message{ChatID: c.U.ChatID, Text: text, Inline: rows}
	if len(rows) > 0 {
		m.Ref = pageRef(kind, c.U.ChatID, c.U.ID)
		c.page.at.Ref = m.Ref
	}
	c.Send(m)
}

// turnedPage returns out with the edit that takes the buttons off the
// person's page of c.page's kind shown before, when the update shows
// another, and stores the new one. Nothing for an update that shows no
// page, or shows the same message again.
func (c *Ctx) turnedPage(tx Tx, out []aulabot.Message) ([]aulabot.Message, error) {
	if c.page.kind == "" || !c.Private() {
		return out, nil
	}
	user := c.U.From.ID
	was, ok, err := tx.Page(user, c.page.kind)
	if err != nil {
		return out, err
	}
	if ok {
		if strip, ok := c.stripPage(tx, was, out); ok {
			out = append(out, strip)
		}
	}
	if !c.page.at.IsZero() {
		c.page.at.At = tx.Now()
	}
	return out, tx.SetPage(user, c.page.kind, c.page.at)
}

// recentPage reports whether the person's live page of kind was shown
// within FlowIdle: words typed then may answer it (a survey's question),
// as a flow's step takes them; later they are a message of their own.
func (c *Ctx) recentPage(tx Tx, kind string) (bool, error) {
	p, ok, err := tx.Page(c.U.From.ID, kind)
	return ok && tx.Now().Sub(p.At) <= FlowIdle, err
}

// stripPage is the edit that takes every button off page was, unless it
// is the page the update shows or out already edits it; false for none.
// A page sent under a ref the outbox has not yet recorded as sent is
// edited once it is; one never sent or forgotten is left.
func (c *Ctx) stripPage(tx Tx, was aulabot.Page, out []aulabot.Message) (aulabot.Message, bool) {
	m := aulabot.Message{ChatID: c.U.ChatID, EditMessageID: was.ID, EditRef: was.Ref}
	id, _, ok := sentAs(tx, was.ID, was.Ref)
	if !ok || id != 0 && id == c.page.at.ID {
		return m, false
	}
	return m, !c.edits(out, id)
}
