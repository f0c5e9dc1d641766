package store

import "time"

// bGroupsLeft remembers the groups the bot was added to without being
// configured for them: chat -> when it last said so and left.
const bGroupsLeft = "groups_left"

// LeaveGroup records that the bot says goodbye to group chat now and
// reports whether it should: true the first time, and again once every
// has passed since it last did (the group added it again); false for the
// updates that arrive from the group before the bot has left, so the
// goodbye is said once however many there are.
func (tx *Tx) LeaveGroup(chat int64, every time.Duration) (bool, error) {
	b := tx.bucket(bGroupsLeft)
	if v := b.Get(i64(chat)); len(v) == 8 && tx.now.Sub(time.Unix(0, fromI64(v))) < every {
		return false, nil
	}
	return true, b.Put(i64(chat), i64(tx.now.UnixNano()))
}
