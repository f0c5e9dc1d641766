package store

import "github.com/aulabot/aulabot"

// SetSlotLink keeps link as the meeting link of mentor by's slot id.
// Errors: ENOTFOUND slot.err_not_found (no such live slot); EFORBIDDEN
// slot.err_not_yours; EINVALID slot.err_link (not aulabot.ValidSlotLink).
func (tx *Tx) SetSlotLink(id uint64, by int64, link string) (aulabot.Slot, error) {
	s, err := tx.ownSlot(id, by)
	if err != nil {
		return s, err
	}
	if !aulabot.ValidSlotLink(link) {
		return s, aulabot.Errorf(aulabot.EINVALID, "slot.err_link")
	}
	s.Link = link
	return s, tx.putSlot(s)
}
