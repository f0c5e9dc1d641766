package store

import (
	"time"

	bolt "go.etcd.io/bbolt"
)

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

// bChatMoves remembers the groups Telegram upgraded to supergroups, which
// changes their chat id: old chat id -> new chat id.
const bChatMoves = "chat_moves"

// MoveChat records that group old is now the supergroup new. Recording a
// move again changes nothing.
func (s *Store) MoveChat(old, new int64) error {
	return s.commits.do(func(btx *bolt.Tx) error {
		return btx.Bucket([]byte(bChatMoves)).Put(i64(old), i64(new))
	})
}

// ChatMoves returns every move recorded: old chat id -> new chat id (none
// from a database written before moves were kept, opened read-only).
func (s *Store) ChatMoves() (map[int64]int64, error) {
	moves := map[int64]int64{}
	err := s.view(func(btx *bolt.Tx) error {
		b := btx.Bucket([]byte(bChatMoves))
		if b == nil {
			return nil // a database of a version before moves, opened read-only
		}
		return b.ForEach(func(k, v []byte) error {
			if len(k) == 8 && len(v) == 8 {
				moves[fromI64(k)] = fromI64(v)
			}
			return nil
		})
	})
	return moves, err
}
