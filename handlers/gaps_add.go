package handlers

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/button"
	"github.com/aulabot/aulabot/i18n"
	"github.com/aulabot/aulabot/service"
)

// A coordinator's words for a gap (✍️) come back as a draft article with
// ➕ Add to the base: pressed, the draft becomes an article of the base
// (kept in the database and loaded with the base's folder, which wins on
// the same id), the phrasings of the gap's group are linked to it, and the
// base reloads. The next person who asks gets the answer at once, without
// anyone editing the folder; 🗑 takes it out again.

// flowDraftText: a coordinator writes the text of a gap's draft anew, for
// the base alone (✏️ under the draft); it keeps the gap's question.
var flowDraftText = aulabot.Flow[gapOf]{Name: "drafttext"}

// draftTextStep is flowDraftText's one step: the text typed.
const draftTextStep = "text"

// draftMessage is draft a sent as its article file (name, data) with
// caption, under ➕ (of a's version) and ✏️.
func draftMessage(c *Ctx, a aulabot.KBAdded, caption, name string, data []byte) aulabot.Message {
	return aulabot.Message{ChatID: c.U.ChatID, Text: caption, File: &aulabot.OutFile{Name: name, Data: data},
		Inline: [][]aulabot.Button{{
			{Text: c.T("gaps.add"), Data: gapAddButton{Q: a.Q, V: uint64(a.Version)}.Encode()},
			{Text: c.T("gaps.edit"), Data: gapEditButton{Q: a.Q}.Encode()},
		}}}
}

// askDraftText starts flowDraftText on gap q's draft.
func (h *Handlers) askDraftText(c *Ctx, q uint64) error {
	if _, err := h.addedFor(c, q); err != nil {
		return err
	}
	c.Answer("")
	c.SetState(flowDraftText.At(draftTextStep, gapOf{Q: q}))
	c.Reply(c.T("gaps.edit_ask", "max", service.SlotMaxMessage))
	return nil
}

// onDraftText takes the new text of a gap's draft: the draft keeps its
// title, phrasings, audience and university, with the text as its body,
// as a new version sent back with ➕; nobody who asked gets it.
func (h *Handlers) onDraftText(c *Ctx) error {
	d, ok := flowDraftText.Data(c.State)
	if !ok {
		c.ClearState()
		return button.Stale()
	}
	a, err := h.addedFor(c, d.Q)
	if err != nil {
		c.ClearState()
		return err
	}
	text, err := coordinationWords(c)
	if err != nil {
		return err
	}
	kb := c.kb()
	if kb == nil {
		return aulabot.Errorf(aulabot.EINTERNAL, "error.internal")
	}
	draft := a.Draft
	draft.Body = text
	shown := draft
	shown.ID = a.ID // an added article's file keeps its id
	name, data := kb.Draft(shown)
	return c.Commit(func(tx Tx) error {
		kept, err := h.svc.Questions.KeepDraft(tx, d.Q, draft)
		if err != nil {
			return err
		}
		c.ClearState()
		c.Send(draftMessage(c, kept, c.T("gaps.edit_draft"), name, data))
		return nil
	})
}

// addGapArticle adds the draft of version b.V of gap b.Q's group to the
// base as an article file (an article added before from the group keeps
// its id), links the group's phrasings to it and queues a reload, whose
// outcome the coordinator is told.
func (h *Handlers) addGapArticle(c *Ctx, b gapAddButton) error {
	a, err := h.addedFor(c, b.Q)
	if err != nil {
		return err
	}
	if uint64(a.Version) != b.V {
		return aulabot.Errorf(aulabot.EINVALID, "gaps.add_newer")
	}
	kb := c.kb()
	if kb == nil {
		return aulabot.Errorf(aulabot.EINTERNAL, "error.internal")
	}
	d := a.Draft
	d.ID = a.ID
	name, data := kb.Draft(d)
	id := strings.TrimSuffix(name, ".md")
	// The group of the gap the words were sent for, as /gaps has it now
	// (it may have grown since); none when its question went with its
	// asker's data.
	var group []aulabot.Question
	if q, err := h.curatedQuestion(c, cmp.Or(d.From, b.Q)); err == nil {
		if group, err = h.gapGroupOf(c, q); err != nil {
			return err
		}
	}
	err = c.Commit(func(tx Tx) error {
		n, err := h.svc.Questions.AddArticle(tx, b.Q, a.Version, id, name, data, group)
		if err != nil {
			return err
		}
		if err := h.svc.Questions.Reload(tx, c.U.ChatID, c.Lang); err != nil {
			return err
		}
		c.Answer(c.T("gaps.saved"))
		c.ReplyButtons(c.N("gaps.added", n, "title", clipText(d.Title, 120), "id", id),
			[][]aulabot.Button{{{Text: c.T("gaps.remove"), Data: gapRemoveButton{Q: b.Q}.Encode()}}})
		return nil
	})
	if err != nil {
		return err
	}
	return h.refreshAliases(c)
}

// addedList is page (from 0) of the articles added from /gaps at
// university uni ("": every one, each then naming its university), which
// are added of total, with 🗑 for each and ◀️ ▶️ to turn the pages.
func (h *Handlers) addedList(c *Ctx, uni string, page int, added []aulabot.KBAdded, total int) (string, [][]aulabot.Button) {
	p := paged(total, service.AddedPerPage, page)
	from, _ := p.items()
	var lines []string
	var rows [][]aulabot.Button
	for i, a := range added {
		n := from + i + 1
		line := fmt.Sprintf("%d. %s → <code>%s</code>", n, i18n.Escape(clipText(a.Draft.Title, 120)), i18n.Escape(a.ID))
		if uni == "" {
			name := a.Draft.University
			if u, ok := h.Config.University(name); ok {
				name = u.Name
			}
			line += " · " + i18n.Escape(clipText(name, 80))
		}
		lines = append(lines, line)
		if i%5 == 0 {
			rows = append(rows, nil)
		}
		rows[len(rows)-1] = append(rows[len(rows)-1], aulabot.Button{Text: fmt.Sprintf("🗑 %d", n), Data: gapRemoveButton{Q: a.Q}.Encode()})
	}
	if nav := p.nav(c, func(n int) string { return gapAddedPageButton{University: uni, Page: n}.Encode() }); nav != nil {
		rows = append(rows, nav)
	}
	return c.T("gaps.added_list", "count", total, "list", i18n.HTML(strings.Join(lines, "\n"))) + p.footer(c), rows
}

// addedPage turns the list of articles added from /gaps at university
// uni ("": every one, an admin's) to page, in place.
func (h *Handlers) addedPage(c *Ctx, uni string, page int) error {
	switch {
	case uni == "" && !c.Roles.Admin:
		return aulabot.Errorf(aulabot.EFORBIDDEN, "kb.gaps_admins_only")
	case uni != "" && !c.Roles.IsCoordinator(uni):
		return aulabot.Errorf(aulabot.EFORBIDDEN, "kb.gaps_not_yours", "university", uni)
	}
	var added []aulabot.KBAdded
	total := 0
	err := c.view(func(tx Tx) (err error) {
		if added, total, err = h.svc.Questions.AddedPage(tx, uni, page); err != nil || len(added) > 0 || total == 0 {
			return err
		}
		// The list shrank since the button was made: its last page.
		page = (total - 1) / service.AddedPerPage
		added, total, err = h.svc.Questions.AddedPage(tx, uni, page)
		return err
	})
	if err != nil {
		return err
	}
	c.Answer("")
	if total == 0 {
		c.EditPressed(c.T("gaps.added_none"), nil)
		return nil
	}
	text, rows := h.addedList(c, uni, page, added, total)
	c.EditPressed(text, rows)
	return nil
}

// removeGapArticle takes the article added from gap q's group out of the
// base, unlinks the phrasings linked to it when it was added, and queues
// a reload.
func (h *Handlers) removeGapArticle(c *Ctx, q uint64) error {
	if _, err := h.addedFor(c, q); err != nil {
		return err
	}
	err := c.Commit(func(tx Tx) error {
		a, err := h.svc.Questions.AddedFor(tx, q, c.Roles)
		if err != nil {
			return err
		}
		if err := h.svc.Questions.RemoveArticle(tx, a); err != nil {
			return err
		}
		if err := h.svc.Questions.Reload(tx, c.U.ChatID, c.Lang); err != nil {
			return err
		}
		c.Answer(c.T("gaps.saved"))
		c.Reply(c.T("gaps.removed", "title", clipText(a.Draft.Title, 120)))
		return nil
	})
	if err != nil {
		return err
	}
	return h.refreshAliases(c)
}

// addedFor reads the draft of gap q's group, which the presser must
// coordinate (its university) or administer.
func (h *Handlers) addedFor(c *Ctx, q uint64) (aulabot.KBAdded, error) {
	var a aulabot.KBAdded
	err := c.view(func(tx Tx) (err error) {
		a, err = h.svc.Questions.AddedFor(tx, q, c.Roles)
		return err
	})
	return a, err
}
