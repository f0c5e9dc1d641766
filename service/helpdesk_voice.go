package service

import (
	"strings"
	"unicode/utf16"

	"github.com/aulabot/aulabot"
)

// maxHeard is the most of a voice note's words shown in a caption, in
// Telegram's units (UTF-16): with the ticket, the name and the line's
// words it stays under aulabot.MaxCaption.
const maxHeard = 800

// Heard adds words, heard in attachment i of message n of ticket id (a
// voice note, an audio file or a round video), to the copy the other side
// got: the team's copy under the post for a requester's note, the
// requester's for a team member's; its caption is edited, in the ticket's
// lane for the team. A round video has no caption: the words go in a
// message of their own, a reply to the copy. Nothing if the ticket, the
// message or the attachment is gone, or the requester deleted their data
// (whose erasure cancels the job of their own notes; this covers a team
// member's note to them).
func (s *Helpdesk) Heard(tx HelpdeskTx, id string, n, i int, words string) error {
	t, ok, err := tx.Ticket(id)
	if err != nil || !ok || t.Erased || t.Requester == 0 {
		return err
	}
	uni, ok := s.Config.University(t.University)
	if !ok {
		return nil
	}
	ms, err := tx.TicketMessages(id)
	if err != nil {
		return err
	}
	for _, m := range ms {
		if m.N != n || m.Erased || i < 0 || i >= len(m.Files) {
			continue
		}
		words = clipUnits(words, maxHeard)
		var heard aulabot.Message
		if !m.Team {
			heard = toTeam(t, uni, aulabot.Message{EditRef: fileRef(inRef(id, n), i),
				Text: s.teamT("ticket.relay_voice_to_team", "id", id, "name", ShortName(aulabot.CleanText(m.FromName)), "text", words)})
		} else {
			heard = aulabot.Message{ChatID: t.Requester, EditRef: fileRef(relayRef(id, n), i), Inline: s.replyButton(t),
				Text: s.Cat.T(t.Lang, "ticket.relay_voice_to_user", "id", id, "team", s.teamSignature(t, uni, m.FromName), "text", words)}
		}
		if roundVideo(m.Files[i].File) {
			heard.ReplyToRef, heard.Ref, heard.EditRef = heard.EditRef, heardRef(heard.EditRef), ""
		} else {
			heard.EditCaption = true
		}
		return enqueue(tx, heard)
	}
	return nil
}

// roundVideo reports whether f is a round video message: a voice note
// Telegram gives no caption.
func roundVideo(f aulabot.File) bool {
	return f.Kind == aulabot.FileVoice && strings.HasPrefix(f.MIME, "video/")
}

// clipUnits shortens s to at most n UTF-16 units, with "…" where it cut.
func clipUnits(s string, n int) string {
	units, cut := 0, -1
	for at, r := range s {
		if units+utf16.RuneLen(r) > n-1 && cut < 0 {
			cut = at // "…" still fits before this rune
		}
		if units += utf16.RuneLen(r); units > n {
			return s[:cut] + "…"
		}
	}
	return s
}
