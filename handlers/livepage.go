package handlers

import (
	"fmt"
	"strings"
	"time"

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

// pageYes is the live page that asks to confirm something (a mentoring
// slot's card, "Cancel this booking?", /deletemydata's question):
// Page.Yes is its button.
const pageYes = "yes"

// maxYes bounds the bytes of a message read as a typed yes ("sí, por
// favor, confirmo") or a typed choice ("la semana pasada"): a longer one
// is neither, and is not read.
const maxYes = 40

// YesWindow is how long a yes typed after a question that asks to
// confirm is pointed to its button (yesOffered).
const YesWindow = 10 * time.Minute

// offerYes records, once the update commits, that what it shows asks to
// confirm with button yes: a yes typed soon after is pointed to it
// (yesOffered). A nil yes forgets the offer (the thing was done).
func (c *Ctx) offerYes(yes *aulabot.Button) {
	c.yes = &aulabot.Page{}
	if yes != nil {
		c.yes.Yes = *yes
	}
}

// keepYes stores the update's offer of a yes (offerYes), if it made one.
func (c *Ctx) keepYes(tx Tx) error {
	if c.yes == nil || !c.Private() {
		return nil
	}
	p := *c.yes
	if p.Yes != (aulabot.Button{}) {
		p.At = tx.Now()
	}
	return tx.SetPage(c.U.From.ID, pageYes, p)
}

// yesOffered answers a yes typed alone ("sí", "ok") within YesWindow of a
// question that asks to confirm and has not been answered: its button,
// again, under "tap the button". Until 6 December the yes got "👍 I'm
// here if you have another question" (or, "sí, confirmo", an answer from
// the knowledge base), and a person who typed "sí" under a mentoring
// slot's card believed it booked (seen in the sandbox). False when no
// such question is waiting.
func (c *Ctx) yesOffered() (bool, error) {
	var p aulabot.Page
	var ok bool
	err := c.view(func(tx Tx) (err error) {
		p, ok, err = tx.Page(c.U.From.ID, pageYes)
		ok = ok && p.Yes != (aulabot.Button{}) && tx.Now().Sub(p.At) <= YesWindow
		return err
	})
	if err != nil || !ok {
		return false, err
	}
	c.ReplyButtons(c.T("common.yes_hint"), [][]aulabot.Button{{p.Yes}})
	return true, nil
}

// pageChoices is the live page that offers a choice whose buttons' words
// may be typed (/mentoring's kinds): Page.Choices.
const pageChoices = "choices"

// offerChoices records, once the update commits, that what it shows
// offers buttons whose words, typed within YesWindow, stand for their
// press (typedChoice).
func (c *Ctx) offerChoices(buttons []aulabot.Button) { c.choices = buttons }

// keepChoices stores the update's offer of choices, if it made one.
func (c *Ctx) keepChoices(tx Tx) error {
	if c.choices == nil || !c.Private() {
		return nil
	}
	return tx.SetPage(c.U.From.ID, pageChoices, aulabot.Page{At: tx.Now(), Choices: c.choices})
}

// typedChoice is the button, of a choice shown within YesWindow, whose
// words text is (aulabot.TypedWords: "personal" for 👤 Personal); false
// when none is. Only a message of at most maxYes bytes and four words is
// read: a question is not.
func (c *Ctx) typedChoice(text string) (aulabot.Button, bool, error) {
	if len(text) > maxYes {
		return aulabot.Button{}, false, nil
	}
	key := aulabot.TypedWords(text)
	if key == "" || strings.Count(key, " ") > 3 {
		return aulabot.Button{}, false, nil
	}
	var p aulabot.Page
	var ok bool
	err := c.view(func(tx Tx) (err error) {
		p, ok, err = tx.Page(c.U.From.ID, pageChoices)
		ok = ok && tx.Now().Sub(p.At) <= YesWindow
		return err
	})
	if err != nil || !ok {
		return aulabot.Button{}, false, err
	}
	for _, b := range p.Choices {
		if aulabot.TypedWords(b.Text) == key {
			return b, true, nil
		}
	}
	return aulabot.Button{}, false, nil
}
