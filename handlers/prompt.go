package handlers

import (
	"fmt"
	"slices"

	"github.com/aulabot/aulabot"
)

// A step of a flow is asked for by a prompt, often with buttons ("No
// button", "No limit", "Skip"). When a press answers the step, its
// handler takes the pressed message's buttons off; when the person types
// the answer instead, or leaves the flow (a menu button, a command, the
// flow's idle time), nothing pressed them and they stayed live, each
// press then answered "That button is no longer valid". The state
// remembers the step's prompt (State.Prompt, State.PromptRef) and what
// under it outlasts the step (State.PromptKeep), and the commit that ends
// the step takes the rest of its buttons off.

// promptRef names a prompt sent as a new message by update in a private
// chat: a ref of its own, so that taking its buttons off never reaches
// the next prompt, whenever each is sent.
func promptRef(chat, update int64) string { return fmt.Sprintf("prompt:%d:%d", chat, update) }

// prompted returns the messages to queue, and the state to store (nil:
// unchanged), for an update that left the state was for next (nil:
// unchanged) and queued out. When the person moved to another step, or
// was asked for the same one again, the previous prompt's buttons go;
// the prompt of the step the person is now at is the last message with
// buttons to press queued to them (new, or the pressed message edited),
// remembered in the state. A press on another message that leaves the
// step as it was sends no prompt of it. In a private chat only: team
// groups have no steps answered in words.
func (c *Ctx) prompted(tx Tx, was aulabot.State, next *aulabot.State, out []aulabot.Message) ([]aulabot.Message, *aulabot.State) {
	if !c.Private() {
		return out, next
	}
	if next == nil && c.U.Callback != nil && !c.pressedPrompt(tx, was) {
		// A press elsewhere that left the step as it was (another
		// domain's button): what it sends is not the step's prompt.
		return out, nil
	}
	st := was
	if next != nil {
		st = *next
	}
	moved := next != nil && (st.Flow != was.Flow || st.Step != was.Step)
	ask := -1
	if st.Flow != "" {
		ask = c.promptIn(out)
	}
	if !moved && ask < 0 {
		if next == nil {
			return out, nil
		}
		st.Prompt, st.PromptRef, st.PromptKeep = was.Prompt, was.PromptRef, was.PromptKeep // the step's prompt stands
		return out, &st
	}
	res := make([]aulabot.Message, 0, len(out)+1)
	st.Prompt, st.PromptRef, st.PromptKeep = 0, "", nil
	if ask < 0 {
		c.offerStep(nil) // a step without buttons, or the flow's end: the last step's are typed no more
	}
	for i, m := range out {
		if i == ask {
			c.offerStep(m.Inline)
			st.Prompt, st.PromptKeep = m.EditMessageID, c.h.lastingRows(m.Inline)
			if m.EditMessageID == 0 {
				m.Ref = promptRef(c.U.ChatID, c.U.ID)
				st.PromptRef = m.Ref
			}
		}
		res = append(res, m)
	}
	if strip, ok := c.stripPrompt(tx, was, out); ok {
		res = append(res, strip)
	}
	return res, &st
}

// pressedPrompt reports whether the press is on the prompt of state was
// (its message, or the one its ref names once sent).
func (c *Ctx) pressedPrompt(tx Tx, was aulabot.State) bool {
	if c.U.Callback.Typed {
		return true // a button of the step's prompt typed (offerStep)
	}
	pressed := c.U.Callback.MessageID
	if was.Prompt != 0 && was.Prompt == pressed {
		return true
	}
	if was.PromptRef != "" {
		if _, id, ok := tx.Ref(was.PromptRef); ok && id == pressed {
			return true
		}
	}
	return false
}

// answerFirst returns out with the edits that only take buttons off or
// change them in chat moved after the rest of out's messages there: each
// message to a chat waits a second after the one before it (Telegram's
// limit, which the outbox keeps), and the answer is what the person waits
// for. An edit that a later message of out edits again (or deletes) keeps
// its place, as the later one must win.
func answerFirst(chat int64, out []aulabot.Message) []aulabot.Message {
	var first, last []aulabot.Message
	for i, m := range out {
		if m.ChatID == chat && m.ButtonsOnly() && !slices.ContainsFunc(out[i+1:], func(o aulabot.Message) bool { return sameMessage(o, m) }) {
			last = append(last, m)
		} else {
			first = append(first, m)
		}
	}
	if len(last) == 0 {
		return out
	}
	return append(first, last...)
}

// sameMessage reports whether a and b edit the same message.
func sameMessage(a, b aulabot.Message) bool {
	return a.ChatID == b.ChatID && (a.EditMessageID != 0 && a.EditMessageID == b.EditMessageID || a.EditRef != "" && a.EditRef == b.EditRef)
}

// promptIn is the index in out of the prompt of the step the person is
// at: the last message to their chat with a button to press, sent anew or
// the pressed message edited; -1 for none. A message sent under a ref of
// its own (an answer, a campaign's progress) is not a prompt.
func (c *Ctx) promptIn(out []aulabot.Message) int {
	pressed := 0
	if c.U.Callback != nil {
		pressed = c.U.Callback.MessageID
	}
	for i := len(out) - 1; i >= 0; i-- {
		m := out[i]
		if m.ChatID != c.U.ChatID || m.Ref != "" || m.EditRef != "" || m.Delete || m.Copy != nil || !c.h.stepButtons(m.Inline) {
			continue
		}
		if m.EditMessageID == 0 || m.EditMessageID == pressed {
			return i
		}
	}
	return -1
}

// stepButtons reports whether rows have a button of the step: one that
// calls the bot back and does not outlast the step (lasting).
func (h *Handlers) stepButtons(rows [][]aulabot.Button) bool {
	for _, row := range rows {
		if slices.ContainsFunc(row, func(b aulabot.Button) bool { return b.Data != "" && !h.lasting(b) }) {
			return true
		}
	}
	return false
}

// lastingRows are the rows of rows whose buttons all outlast their step.
func (h *Handlers) lastingRows(rows [][]aulabot.Button) [][]aulabot.Button {
	var out [][]aulabot.Button
	for _, row := range rows {
		if !slices.ContainsFunc(row, func(b aulabot.Button) bool { return !h.lasting(b) }) {
			out = append(out, row)
		}
	}
	return out
}

// lasting reports whether button b does the same whatever step the person
// is at: a link, or an article of the knowledge base.
func (h *Handlers) lasting(b aulabot.Button) bool {
	return b.URL != "" || isKind[kbArticleButton](h, b)
}

// stripPrompt is the edit that takes the buttons off the prompt of state
// was, unless out already edits that message; false for none. A prompt
// the outbox has not yet recorded as sent is edited once it is, except
// on a press: Telegram showed the person a message to press, most likely
// that prompt, which the press's own handling edits (a button's words
// typed edit no message).
func (c *Ctx) stripPrompt(tx Tx, was aulabot.State, out []aulabot.Message) (aulabot.Message, bool) {
	// No text: only the buttons change, to those that outlast the step.
	m := aulabot.Message{ChatID: c.U.ChatID, EditMessageID: was.Prompt, EditRef: was.PromptRef, Inline: was.PromptKeep}
	id, pending, ok := sentAs(tx, was.Prompt, was.PromptRef)
	if !ok || pending && c.U.Callback != nil && !c.U.Callback.Typed {
		return m, false // never sent or forgotten; or see above
	}
	return m, !c.edits(out, id)
}

// sentAs is the id of the message sent as id or under ref (0 while it
// waits in the outbox: pending); false when there is none, or ref names a
// message never sent or forgotten.
func sentAs(tx Tx, id int, ref string) (sent int, pending, ok bool) {
	if ref == "" {
		return id, false, id != 0
	}
	if _, sent, ok := tx.Ref(ref); ok {
		return sent, false, true
	}
	_, pending = tx.PendingRef(ref)
	return 0, pending, pending
}

// edits reports whether out edits message id of the update's chat.
func (c *Ctx) edits(out []aulabot.Message, id int) bool {
	return id != 0 && slices.ContainsFunc(out, func(o aulabot.Message) bool { return o.ChatID == c.U.ChatID && o.EditMessageID == id })
}

// showChoice returns out with the edit that takes every button off the
// pressed message (a step answered, a choice made) showing the choice
// under the message's words: "👉 2027-I". Telegram keeps no trace of a
// button once it is gone, and someone scrolling back read the question
// without the answer they gave. Only in a private chat, for a press acted
// upon, on a message of words Telegram gave (not a file's caption), when
// nothing else edits that message and the words with the choice fit; the
// edit keeps its place (answerFirst put it after the answer). The edit
// may name the message by its ref (a step's prompt, stripPrompt).
func (c *Ctx) showChoice(tx Tx, out []aulabot.Message) []aulabot.Message {
	cb := c.U.Callback
	if cb == nil || cb.HTML == "" || cb.Captioned || c.refused || !c.Private() {
		return out
	}
	label := ""
	for _, row := range cb.Inline {
		for _, b := range row {
			if b.Data == cb.Data {
				label = b.Text
			}
		}
	}
	at := -1
	for i, m := range out {
		if m.ChatID != c.U.ChatID || m.EditMessageID != cb.MessageID && !refTo(tx, m.EditRef, cb.MessageID) {
			continue
		}
		if !m.ButtonsOnly() || len(m.Inline) > 0 || at >= 0 {
			return out // the handler shows the message as it means to
		}
		at = i
	}
	if label == "" || at < 0 {
		return out
	}
	m := out[at]
	m.EditMessageID, m.EditRef = cb.MessageID, ""
	m.Text = cb.HTML + "\n\n" + c.T("button.chosen", "label", label)
	if Fits(m) != nil {
		return out
	}
	out = slices.Clone(out)
	out[at] = m
	return out
}

// refTo reports whether ref names the sent message id.
func refTo(tx Tx, ref string, id int) bool {
	if ref == "" {
		return false
	}
	_, sent, ok := tx.Ref(ref)
	return ok && sent == id
}
