package handlers

import (
	"fmt"

	"github.com/aulabot/aulabot"
)

// Correcting an announcement: a date or a link wrong in a message that
// went to hundreds of people. Correct the text on the campaign's progress
// message takes the new text, previews it, and on Correct edits the
// messages already in people's chats (a campaign of edits, paced like the
// announcement: Tx.ReviseCampaign) while those still to go carry the new
// text. The link button stays as it was. Campaigns created before their
// messages were remembered (before 3 December) cannot be corrected.

// flowAnnounceFix is correcting announcement Campaign: its new text, then
// the preview (steps annFixText, annFixConfirm).
var flowAnnounceFix = aulabot.Flow[announceFix]{Name: "annfix"}

const (
	annFixText    = "text"
	annFixConfirm = "confirm"
)

type announceFix struct {
	Campaign uint64 `json:"c"`
	Text     string `json:"text,omitempty"`
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
		c.Reply(c.T("announce.fix_ask", "id", id, "max", aulabot.MaxMessageText))
		preview := cp.Message
		preview.ChatID = c.U.ChatID
		c.Send(preview) // the text as it stands, to copy and correct
		return nil
	})
}

// onAnnounceFixText takes the corrected text and shows it as people will
// see it, with Correct and Discard.
func (h *Handlers) onAnnounceFixText(c *Ctx) error {
	d, ok := flowAnnounceFix.Data(c.State)
	if !ok || c.State.Step != annFixText {
		return aulabot.Errorf(aulabot.EINVALID, "announce.use_buttons")
	}
	text, err := announceText(c.U)
	if err != nil {
		return err
	}
	return c.view(func(tx Tx) error {
		cp, err := h.fixable(c, tx, d.Campaign)
		if err != nil {
			c.ClearState()
			return err
		}
		m := cp.Message
		m.Text, m.ChatID = text, c.U.ChatID
		if err := Fits(m); err != nil {
			return err
		}
		d.Text = text
		c.SetState(flowAnnounceFix.At(annFixConfirm, d))
		c.Send(m)
		key := "announce.fix_preview"
		if cp.Counts.Queued == 0 {
			key = "announce.fix_preview_all" // nothing left to send
		}
		c.ReplyButtons(c.N(key, cp.Counts.Sent+cp.Counts.Sending, "id", cp.ID, "left", cp.Counts.Queued),
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
		cp.Message.Text = d.Text
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
		c.Reply(c.N(key, rev.Counts.Total, "id", cp.ID))
		return nil
	})
}
