package store

import (
	"strings"

	"github.com/aulabot/aulabot"
)

// SetSlotLink keeps link as the meeting link of mentor by's slot id.
// Errors: ENOTFOUND slot.err_not_found (no such live slot); EFORBIDDEN
// slot.err_not_yours; EINVALID slot.err_link (not an http or https
// address, or longer than aulabot.SlotMaxLink).
func (tx *Tx) SetSlotLink(id uint64, by int64, link string) (aulabot.Slot, error) {
	s, err := tx.ownSlot(id, by)
	if err != nil {
		return s, err
	}
	web := strings.HasPrefix(link, "https://") || strings.HasPrefix(link, "http://")
	if !web || len(link) > aulabot.SlotMaxLink || strings.ContainsAny(link, " \t\r\n") {
		return s, aulabot.Errorf(aulabot.EINVALID, "slot.err_link")
	}
	s.Link = link
	return s, tx.putSlot(s)
}
