package handlers

import (
	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/service"
	"strings"
)

// A ticket passed to a colleague: 👉 Pass to a colleague on a ticket's
// private view lists the members of its team the bot knows, and the one
// pressed holds it (service.Helpdesk.Pass). A technician's "pásale el
// ticket a Tec 2" got "I don't know" (seen in the sandbox): letting it go
// and asking the colleague to claim it left it in the queue meanwhile.

// onPass lists the colleagues ticket id may be passed to: privately, or
// in its team group when a reply to its post asks for it ("pásaselo a Tec
// 2", replyAction), where the list is the group's, in its language.
// Privately, pressed on the ticket's view, the list replies to the view,
// so that the pass can show the view its new owner.
func (h *Handlers) onPass(c *Ctx, id string) error {
	var t aulabot.Ticket
	var members []aulabot.User
	if err := c.view(func(tx Tx) (err error) { t, members, err = h.svc.Helpdesk.Colleagues(tx, actor(c), id); return err }); err != nil {
		return err
	}
	c.Answer("")
	if len(members) == 0 {
		uni, _ := h.Config.University(t.University)
		c.Reply(c.chatT("ticket.pass_none", "university", uni.Name))
		return nil
	}
	if to, ok := colleagueNamed(c, members, t.University); ok {
		return h.onPassTo(c, t.ID, to) // "pásale el UNMA-3 a Tec 2": asked whom (seen in the sandbox)
	}
	rows := make([][]aulabot.Button, 0, len(members))
	for _, m := range members {
		rows = append(rows, []aulabot.Button{{Text: service.ShortName(aulabot.CleanText(m.Name)), Data: passToButton{t.ID, m.ID}.Encode()}})
	}
	m := aulabot.Message{ChatID: c.U.ChatID, Text: c.chatT("ticket.pass_pick", "id", t.ID), Inline: rows}
	if c.Team != nil {
		m.Ref, m.ReplyTo = service.TeamGroupPassRef(t.ID), c.U.MessageID
	} else if cb := c.U.Callback; cb != nil {
		m.ReplyTo = cb.MessageID // 0 for a press typed in words: no view
	}
	c.Send(m)
	return nil
}

// onPassTo passes ticket id to member to: the list loses its buttons and
// shows the one pressed (privately showChoice adds it; in the team group,
// where choices are not shown, the list kept its question with no
// answer under it, seen in the sandbox). Privately, the view the list
// replies to shows the new owner and the presser's buttons now: it kept
// the old owner and 👉 until opened again (seen in the sandbox).
func (h *Handlers) onPassTo(c *Ctx, id string, to int64) error {
	var refused error
	err := c.Commit(func(tx Tx) error {
		res, err := h.svc.Helpdesk.Pass(tx, actor(c), id, to)
		if err != nil {
			return err
		}
		if refused = res.Refused; refused != nil {
			return nil
		}
		name := service.ShortName(res.Ticket.OwnerName)
		c.Answer(c.T("ticket.passed_answer", "id", res.Ticket.ID, "name", name))
		cb := c.U.Callback
		if !c.Private() && cb != nil && cb.HTML != "" {
			c.EditPressed(cb.HTML+"\n\n"+c.chatT("button.chosen", "label", name), nil)
		} else {
			c.EditButtons(nil)
		}
		if c.Private() && cb != nil && cb.ReplyTo != 0 {
			v, err := h.svc.Helpdesk.View(tx, actor(c), res.Ticket.ID)
			if err != nil {
				return err
			}
			h.sendView(c, v, cb.ReplyTo)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return refused
}

// colleagueNamed is the one of members that the words which asked to pass
// a ticket name (as namedMentors reads a name: "pásale el UNMA-3 a Tec
// 2", "pass UNMA-3 to Luis"); false for none or several, and for a press.
func colleagueNamed(c *Ctx, members []aulabot.User, uni string) (int64, bool) {
	if c.asked == "" {
		return 0, false
	}
	names := make(map[int64]string, len(members))
	for _, m := range members {
		names[m.ID] = m.Name
	}
	ids, _ := namedMentors(strings.Fields(aulabot.TypedWords(c.asked)), names, aulabot.TypedWords(uni))
	if len(ids) != 1 {
		return 0, false
	}
	return ids[0], true
}
