package service

import (
	"github.com/aulabot/aulabot"
)

// A coordinator's words for a gap (/gaps ✍️) are kept as a draft article;
// ➕ adds it to the base, so that the next person who asks the same is
// answered without anyone editing the base's folder, and 🗑 takes it out.

// KeepDraft records d as the latest draft of the group of gap question
// q, under a new version that its ➕ button carries.
func (s *Questions) KeepDraft(tx QuestionsTx, q uint64, d aulabot.KBDraft) (aulabot.KBAdded, error) {
	return tx.KeepDraft(q, d)
}

// DraftOf returns the record a draft of gap q's group goes to: that of an
// article added from /gaps that a phrasing of the group is linked to (its
// asker found the article no help, so the group is a gap again), else
// q's own. Words sent for such a gap are then a new text of that article,
// not a second article beside it.
func (s *Questions) DraftOf(tx QuestionsTx, q aulabot.Question, group []aulabot.Question) (aulabot.KBAdded, error) {
	for _, g := range append([]aulabot.Question{q}, group...) {
		al, ok, err := tx.Alias(g.University, g.Lang, aulabot.AliasKey(g.Text))
		if err != nil {
			return aulabot.KBAdded{}, err
		}
		if !ok || al.Kind != aulabot.AliasLink {
			continue
		}
		if a, ok, err := tx.AddedWithID(al.ArticleID); err != nil || ok {
			return a, err
		}
	}
	a, _, err := tx.AddedArticle(q.ID)
	a.Q = q.ID
	return a, err
}

// AddedFor reads the draft of gap q for a presser with roles, who must
// coordinate its university or administer.
func (s *Questions) AddedFor(tx QuestionsTx, q uint64, roles aulabot.Roles) (aulabot.KBAdded, error) {
	a, ok, err := tx.AddedArticle(q)
	if err != nil {
		return a, err
	}
	if !ok {
		return a, aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
	}
	if !roles.Admin && !roles.IsCoordinator(a.Draft.University) {
		return a, aulabot.Errorf(aulabot.EFORBIDDEN, "error.only_coordinators")
	}
	return a, nil
}

// AddArticle adds version of gap q's draft to the base as the article file
// (id, name, data) written from it, and links the phrasings of the gap's
// group to it, as 🔗 would; the base takes it at its next reload, which
// the caller queues. A newer draft than version is EINVALID (the button
// pressed was of older words). It returns how many phrasings it linked.
func (s *Questions) AddArticle(tx QuestionsTx, q uint64, version int, id, name string, data []byte, group []aulabot.Question) (int, error) {
	a, ok, err := tx.AddedArticle(q)
	if err != nil {
		return 0, err
	}
	if !ok || a.Version != version {
		return 0, aulabot.Errorf(aulabot.EINVALID, "gaps.add_newer")
	}
	a.ID, a.Name, a.Data = id, name, data
	for _, g := range group {
		if key := aulabot.AliasKey(g.Text); key != "" && !containsPhrasing(a.Linked, g.Lang, key) {
			a.Linked = append(a.Linked, aulabot.KBPhrasing{Lang: g.Lang, Key: key})
		}
	}
	if err := tx.PutAdded(a); err != nil {
		return 0, err
	}
	return s.Curate(tx, group, aulabot.AliasLink, id)
}

// RemoveArticle takes the article added from gap a's group out of the
// base (at the next reload, which the caller queues) and unlinks the
// phrasings ➕ linked to it and still linked to it: asked again they are
// searched, and unanswered they are gaps again. The draft stays, so ➕
// can add it again.
func (s *Questions) RemoveArticle(tx QuestionsTx, a aulabot.KBAdded) error {
	if len(a.Data) == 0 {
		return aulabot.Errorf(aulabot.EINVALID, "gaps.add_removed")
	}
	for _, p := range a.Linked {
		al, ok, err := tx.Alias(a.Draft.University, p.Lang, p.Key)
		if err != nil {
			return err
		}
		if ok && al.Kind == aulabot.AliasLink && al.ArticleID == a.ID {
			if err := tx.DeleteAlias(a.Draft.University, p.Lang, p.Key); err != nil {
				return err
			}
		}
	}
	a.Data, a.Linked = nil, nil
	return tx.PutAdded(a)
}

func containsPhrasing(ps []aulabot.KBPhrasing, lang, key string) bool {
	for _, p := range ps {
		if p.Lang == lang && p.Key == key {
			return true
		}
	}
	return false
}

// AddedPage returns page (from 0) of the articles added from /gaps at
// university uni ("" for every one), AddedPerPage a page, and how many
// there are in all.
func (s *Questions) AddedPage(tx QuestionsTx, uni string, page int) ([]aulabot.KBAdded, int, error) {
	var out []aulabot.KBAdded
	n := 0
	err := tx.AddedAt(uni, func(a aulabot.KBAdded) error {
		if n/AddedPerPage == page {
			out = append(out, a)
		}
		n++
		return nil
	})
	return out, n, err
}
