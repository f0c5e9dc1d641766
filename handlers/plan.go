package handlers

import (
	"strings"

	"github.com/aulabot/aulabot"
)

// What a mentor's or an organiser's words plan for others (a move, a
// cancellation's reason, a pasted link, a message to those booked or
// coming) is read in a view and waits in the person's state for a press
// (planned); a yes or a no typed meanwhile is read for that press
// (atConfirm); the yes sends (sendPlanned), ✖️ No drops it (dropPlanned).

// sendPlanned sends, on its yes, what a plan read from words waits to
// send, or what a step's words are (a link typed after 🔗): send, in the
// update's commit, says what was done, on the message pressed or below
// the words; a refusal for good (nobody left to tell, the session or the
// training over) ends the wait, words refused keep it.
func sendPlanned(c *Ctx, send func(tx Tx) (string, error)) error {
	err := c.Commit(func(tx Tx) error {
		done, err := send(tx)
		if err != nil {
			return err
		}
		c.ClearState()
		c.Answer("")
		c.EditPressed(done, nil)
		return nil
	})
	if err != nil && aulabot.ErrorCode(err) != aulabot.EINVALID {
		c.ClearState()
	}
	return err
}

// dropPlanned is a plan's ✖️ No: the wait ends (waiting: the person's
// state is that plan's) and the message pressed says nothing was sent
// (key).
func dropPlanned(c *Ctx, waiting bool, key string) error {
	if waiting {
		c.ClearState()
	}
	c.Answer("")
	c.EditPressed(c.T(key), nil)
	return nil
}

// planned reads, in a view, what words typed plan for a mentor's slot (a
// move, a cancellation, a link, a message: service.PlanMove and the
// others) and sets the state that waits for its yes; nothing changes
// before that press.
func planned[P any](c *Ctx, plan func(tx Tx) (aulabot.State, P, error)) (P, error) {
	var st aulabot.State
	var p P
	if err := c.view(func(tx Tx) (err error) { st, p, err = plan(tx); return err }); err != nil {
		return p, err
	}
	c.SetState(st)
	return p, nil
}

// atConfirm answers a yes or a no typed alone at a flow's step that
// waits for button yes once words were read (a cancellation's reason, a
// move's time, a pasted link, a message to those booked): a yes is
// pointed to yes ("tap the button") and the step waits on; a no is no's
// press, which keeps things as they were. Until 6 December each was read
// as the step's words ("Reason: sí", "Reason: no"). False for other
// words.
func (h *Handlers) atConfirm(c *Ctx, yes, no aulabot.Button) (bool, error) {
	text := strings.TrimSpace(c.U.Text)
	if c.U.File != nil || len(text) > maxYes {
		return false, nil
	}
	switch words := aulabot.TypedWords(text); {
	case aulabot.YesWords(words):
		c.ReplyButtons(c.T("common.yes_hint"), [][]aulabot.Button{{yes}})
		return true, nil
	case typedNo[words]:
		return true, h.pressTyped(c, no.Data)
	}
	return false, nil
}
