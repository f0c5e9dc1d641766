package handlers

import (
	"cmp"
	"fmt"

	"github.com/aulabot/aulabot"
)

// Correcting an announcement: a date or a link wrong in a message that
// went to hundreds of people. Correct the text on the campaign's progress
// message takes the new text, then the link button (kept, replaced by a
// corrected link, or removed), previews the result, and on Correct edits
// the messages already in people's chats (a campaign of edits, paced like
// the announcement: Tx.ReviseCampaign) while those still to go carry the
// new text and button. Campaigns created before their messages were
// remembered (before 3 December) cannot be corrected.

// flowAnnounceFix is correcting announcement Campaign: its new text, its
// link, then the preview (steps annFixText, annFixLink, annFixConfirm).
var flowAnnounceFix = aulabot.Flow[announceFix]{Name: "annfix"}

const (
	annFixText    = "text"
	annFixLink    = "link"
	annFixConfirm = "confirm"
)

// fixKeep is announceFix.URL when the link button stays as it was.
const fixKeep = "keep"

type announceFix struct {
	Campaign uint64 `json:"c"`
	Text     string `json:"text,omitempty"`
	// URL and Label are the corrected link button; URL is fixKeep to keep
	// the campaign's, "" for none.
	URL   string `json:"url,omitempty"`
	Label string `json:"label,omitempty"`
}

// fixed is campaign cp's message as correction d makes it.
func (d announceFix) fixed(cp aulabot.Campaign) aulabot.Message {
	m := cp.Message
	m.Text = d.Text
	switch d.URL {
	case fixKeep:
	case "":
		m.Inline = nil
	default:
		m.Inline = [][]aulabot.Button{{{Text: d.Label, URL: d.URL}}}
	}
	return m
}

// linkOf is the link button of campaign cp's message, if it has one.
func linkOf(cp aulabot.Campaign) (aulabot.Button, bool) {
	for _, row := range cp.Message.Inline {
		for _, b := range row {
			if b.URL != "" {
				return b, true
			}
		}
	}
	return aulabot.Button{}, false
}

// announcementRef is the prefix of the names of campaign id's messages.
func announcementRef(id uint64) string { return fmt.Sprintf("annmsg:%d:", id) }

// fixable returns campaign id if someone with c's roles may correct it.
func (h *Handlers) fixable(c *Ctx, tx Tx, id uint64) (aulabot.Campaign, error) {
	cp, ok, err := tx.Campaign(id)
	switch {
	case err != nil:
		return cp, err
	case !ok || cp.Owner != "" || !mayStop(c.Roles, cp):
		return cp, aulabot.Errorf(aulabot.ENOTFOUND, "announce.err_not_found")
	case cp.Ref == "":
		return cp, aulabot.Errorf(aulabot.EINVALID, "announce.err_not_revisable")
	}
	return cp, nil
}

// askAnnounceFix asks for the corrected text of campaign id.
func (h *Handlers) askAnnounceFix(c *Ctx, id uint64) error {
	return c.view(func(tx Tx) error {
		cp, err := h.fixable(c, tx, id)
		if err != nil {
			return err
		}
		c.Answer("")
		c.SetState(flowAnnounceFix.At(annFixText, announceFix{Campaign: id}))
		preview := cp.Message
		preview.ChatID = c.U.ChatID
		c.Send(preview) // the text as it stands, to copy and correct
		c.ReplyButtons(c.T("announce.fix_ask", "id", cp.Number, "max", aulabot.MaxMessageText),
			[][]aulabot.Button{{{Text: c.T("announce.button_fix_same"), Data: annFixSameButton{}.Encode()}}})
		return nil
	})
}

// onAnnounceFixText takes the corrected text (or, pressed Keep the text,
// the text as it stands: only the link was wrong), then asks for the
// link button; at the link step it takes a corrected link.
func (h *Handlers) onAnnounceFixText(c *Ctx) error {
	d, ok := flowAnnounceFix.Data(c.State)
	same := c.U.Callback != nil
	switch {
	case ok && c.State.Step == annFixLink && !same:
		link, label, err := parseAnnounceLink(c.U.Text)
		if err != nil {
			return err
		}
		return h.onAnnounceFixLink(c, link, cmp.Or(label, c.T("announce.default_label")))
	case same && (!ok || c.State.Step != annFixText):
		return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
	case !ok || c.State.Step != annFixText:
		return aulabot.Errorf(aulabot.EINVALID, "announce.use_buttons")
	}
	var text string
	if same {
		c.Answer("")
	} else {
		var err error
		if text, err = announceText(c.U); err != nil {
			return err
		}
	}
	return c.view(func(tx Tx) error {
		cp, err := h.fixable(c, tx, d.Campaign)
		if err != nil {
			c.ClearState()
			return err
		}
		if same {
			text = cp.Message.Text
		}
		m := cp.Message
		m.Text, m.ChatID = text, c.U.ChatID
		if err := Fits(m); err != nil {
			return err
		}
		d.Text = text
		c.SetState(flowAnnounceFix.At(annFixLink, d))
		none := aulabot.Button{Text: c.T("announce.button_nolink"), Data: annNoLinkButton{}.Encode()}
		if b, ok := linkOf(cp); ok {
			c.ReplyButtons(c.T("announce.fix_ask_link", "label", b.Text, "url", b.URL), [][]aulabot.Button{
				{{Text: c.T("announce.button_fix_keep", "label", b.Text), Data: annFixKeepButton{}.Encode()}},
				{{Text: c.T("announce.button_fix_nolink"), Data: none.Data}}})
			return nil
		}
		c.ReplyButtons(c.T("announce.fix_ask_nolink"), [][]aulabot.Button{{none}})
		return nil
	})
}

// onAnnounceFixLink takes the link button of the correction (url fixKeep
// keeps the campaign's, "" removes it) and shows the announcement as
// people will see it, with Correct and Discard.
func (h *Handlers) onAnnounceFixLink(c *Ctx, url, label string) error {
	d, ok := flowAnnounceFix.Data(c.State)
	if !ok || c.State.Step != annFixLink {
		return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
	}
	if c.U.Callback != nil {
		c.Answer("")
	}
	d.URL, d.Label = url, label
	return c.view(func(tx Tx) error {
		cp, err := h.fixable(c, tx, d.Campaign)
		if err != nil {
			c.ClearState()
			return err
		}
		if d.Text == cp.Message.Text && d.URL == fixKeep {
			return aulabot.Errorf(aulabot.EINVALID, "announce.fix_nothing")
		}
		m := d.fixed(cp)
		m.ChatID = c.U.ChatID
		c.SetState(flowAnnounceFix.At(annFixConfirm, d))
		c.Send(m)
		key := "announce.fix_preview"
		if cp.Counts.Queued == 0 {
			key = "announce.fix_preview_all" // nothing left to send
		}
		c.ReplyButtons(c.N(key, cp.Counts.Sent+cp.Counts.Sending, "id", cp.Number, "left", cp.Counts.Queued),
			[][]aulabot.Button{{{Text: c.T("announce.button_fix_ok"), Data: annFixOKButton{}.Encode()},
				{Text: c.T("announce.button_discard"), Data: annDiscardButton{}.Encode()}}})
		return nil
	})
}

// fixAnnouncement corrects the campaign with the previewed text.
func (h *Handlers) fixAnnouncement(c *Ctx) error {
	d, ok := flowAnnounceFix.Data(c.State)
	if !ok || c.State.Step != annFixConfirm || d.Text == "" {
		return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
	}
	c.ClearState()
	return c.Commit(func(tx Tx) error {
		cp, err := h.fixable(c, tx, d.Campaign)
		if err != nil {
			return err
		}
		cp.Message = d.fixed(cp)
		if err := tx.PutCampaign(cp); err != nil {
			return err
		}
		now := h.Now()
		rev, err := tx.ReviseCampaign(cp.ID, aulabot.Campaign{University: cp.University, Audience: cp.Audience, Message: cp.Message,
			By: cp.By, Lang: cp.Lang, State: aulabot.CampaignRunning, At: now, Started: now, Owner: campaignRef(cp.ID)})
		if err != nil {
			return err
		}
		key := "announce.fix_done"
		if cp.Counts.Queued == 0 {
			key = "announce.fix_done_all"
		}
		c.Answer(c.T("announce.fix_done_short"))
		c.Reply(c.N(key, rev.Counts.Total, "id", cp.Number))
		return nil
	})
}
