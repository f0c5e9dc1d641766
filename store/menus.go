package store

import (
	"encoding/json"

	bolt "go.etcd.io/bbolt"
)

// keyMenus, in the meta bucket, lists the private chats that were given
// a command menu of their own (staff, from the configuration) at the
// last start: at the next, those no longer staff get theirs dropped,
// whatever role they onboarded with.
var keyMenus = []byte("menus")

// MenuChats returns the private chats given a command menu of their own
// at the last start (none before the first).
func (s *Store) MenuChats() ([]int64, error) {
	var chats []int64
	err := s.view(func(btx *bolt.Tx) error {
		b := btx.Bucket([]byte(bMeta))
		if b == nil {
			return nil
		}
		if v := b.Get(keyMenus); v != nil {
			return json.Unmarshal(v, &chats)
		}
		return nil
	})
	return chats, err
}

// SetMenuChats records chats as the private chats given a command menu
// of their own.
func (s *Store) SetMenuChats(chats []int64) error {
	v, err := json.Marshal(chats)
	if err != nil {
		return err
	}
	return s.commits.do(func(btx *bolt.Tx) error {
		return btx.Bucket([]byte(bMeta)).Put(keyMenus, v)
	})
}
