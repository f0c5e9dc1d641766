package store

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/aulabot/aulabot"
)

// A coordinator's answers to gaps kept for the base (aulabot.KBAdded): the
// latest words of each gap's group, and the article they were added as.
const (
	bKBAdded    = "kb_added"     // gap question id -> aulabot.KBAdded
	bKBAddedID  = "kb_added_id"  // article id -> gap question id, while added
	bKBAddedUni = "kb_added_uni" // university 0 gap question id -> nil, while added
)

func addedUniKey(uni string, q uint64) []byte { return append(append([]byte(uni), 0), u64(q)...) }

// KeepDraft records d, the words just sent for the group of gap question
// q, as its latest draft under a new version, and returns the record. An
// article already added from the group stays as it was added until ➕ is
// pressed on the new draft.
func (tx *Tx) KeepDraft(q uint64, d aulabot.KBDraft) (aulabot.KBAdded, error) {
	var a aulabot.KBAdded
	if _, err := tx.get(bKBAdded, u64(q), &a); err != nil {
		return a, err
	}
	a.Q, a.Draft, a.At = q, d, tx.now
	a.Version++
	return a, tx.put(bKBAdded, u64(q), a)
}

// AddedArticle returns the record of gap question q.
func (tx *Tx) AddedArticle(q uint64) (aulabot.KBAdded, bool, error) {
	var a aulabot.KBAdded
	ok, err := tx.get(bKBAdded, u64(q), &a)
	return a, ok, err
}

// AddedWithID returns the record whose article was added with id.
func (tx *Tx) AddedWithID(id string) (aulabot.KBAdded, bool, error) {
	q := tx.bucket(bKBAddedID).Get([]byte(id))
	if q == nil {
		return aulabot.KBAdded{}, false, nil
	}
	var a aulabot.KBAdded
	ok, err := tx.get(bKBAdded, q, &a)
	return a, ok, err
}

// PutAdded stores a (its article added when a.Data is set, removed when
// not). Two records never add one id: an id another record added is
// ECONFLICT.
func (tx *Tx) PutAdded(a aulabot.KBAdded) error {
	var old aulabot.KBAdded
	if _, err := tx.get(bKBAdded, u64(a.Q), &old); err != nil {
		return err
	}
	ids := tx.bucket(bKBAddedID)
	if len(a.Data) > 0 {
		if v := ids.Get([]byte(a.ID)); v != nil && string(v) != string(u64(a.Q)) {
			return aulabot.Errorf(aulabot.ECONFLICT, "gaps.add_taken", "id", a.ID)
		}
	}
	if old.ID != "" && (old.ID != a.ID || len(a.Data) == 0) {
		if err := ids.Delete([]byte(old.ID)); err != nil {
			return err
		}
	}
	uni := tx.bucket(bKBAddedUni)
	if len(a.Data) == 0 {
		a.ID, a.Name = "", ""
		if err := uni.Delete(addedUniKey(a.Draft.University, a.Q)); err != nil {
			return err
		}
	} else if err := ids.Put([]byte(a.ID), u64(a.Q)); err != nil {
		return err
	} else if err := uni.Put(addedUniKey(a.Draft.University, a.Q), nil); err != nil {
		return err
	}
	a.At = tx.now
	return tx.put(bKBAdded, u64(a.Q), a)
}

// Added calls fn for every article added from /gaps (records with a file),
// by gap question id. A database from before the articles added from
// /gaps, opened read-only, has none.
func (tx *Tx) Added(fn func(aulabot.KBAdded) error) error {
	b := tx.tx.Bucket([]byte(bKBAdded))
	if b == nil {
		return nil
	}
	return b.ForEach(func(k, v []byte) error {
		var a aulabot.KBAdded
		if err := json.Unmarshal(v, &a); err != nil {
			return fmt.Errorf("decode %s/%x: %w", bKBAdded, k, err)
		}
		if len(a.Data) == 0 {
			return nil
		}
		return fn(a)
	})
}

// AddedAt calls fn for every article added from /gaps at university uni
// ("" for every university), by gap question id within each university,
// through an index: no scan of the drafts.
func (tx *Tx) AddedAt(uni string, fn func(aulabot.KBAdded) error) error {
	c := tx.bucket(bKBAddedUni).Cursor()
	var prefix []byte
	if uni != "" {
		prefix = append([]byte(uni), 0)
	}
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		var a aulabot.KBAdded
		ok, err := tx.get(bKBAdded, k[len(k)-8:], &a)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if err := fn(a); err != nil {
			return err
		}
	}
	return nil
}
