package service

import (
	"time"

	"github.com/aulabot/aulabot"
)

// Questions are the knowledge base's use cases: a question recorded with
// its outcome, the asker's feedback, the article they open, small talk,
// and the coordinators' curation of /gaps. The search, the LLM and the
// rendering of answers happen before the transaction, in the handler;
// their result is the input of these methods.
type Questions struct {
	Config *aulabot.Config
}

// QuestionsTx is what the knowledge base's use cases need of the update's
// transaction.
type QuestionsTx interface {
	AddQuestion(q aulabot.Question) (uint64, error)
	Question(id uint64) (aulabot.Question, bool, error)
	LastQuestion(user int64) (aulabot.Question, bool, error)
	SetFeedback(id uint64, user int64, feedback, articleID string) error
	InferFeedback(id uint64, user int64, feedback string) error
	PickSuggestion(id uint64, user int64, articleID string) error
	Answered(id uint64, outcome, articleID string) error
	AnswerLater(id uint64, user int64) error
	AnsweredLate(id uint64) error
	QuestionReported(id uint64, ticket string) error
	PutAlias(a aulabot.KBAlias) error
	Aliases(fn func(aulabot.KBAlias) error) error
	Questions(university string, since time.Time, fn func(aulabot.Question) error) error
	ReloadLater(chat int64, lang string) error
	HearLater(v aulabot.VoiceNote) error
	Count(name string, n int64) error
	DropQuestion(id uint64) error
	Enqueue(m aulabot.Message) (uint64, error)
	Counter(name string) int64
	// The articles added from /gaps (questions_added.go).
	KeepDraft(q uint64, d aulabot.KBDraft) (aulabot.KBAdded, error)
	AddedArticle(q uint64) (aulabot.KBAdded, bool, error)
	PutAdded(a aulabot.KBAdded) error
	AddedAt(uni string, fn func(aulabot.KBAdded) error) error
	AddedWithID(id string) (aulabot.KBAdded, bool, error)
	Alias(university, lang, key string) (aulabot.KBAlias, bool, error)
	DeleteAlias(university, lang, key string) error
}

// The knowledge base's anonymous counters: questions by outcome
// ("kb:answer", "kb:suggest", "kb:none", ...) and small talk.
func outcomeCounter(outcome string) string { return "kb:" + outcome }

const smallTalkCounter = "kb:smalltalk"

// Asked records q, answered now with q.Outcome (and q.ArticleID), and
// returns its id, which the answer's buttons carry.
func (s *Questions) Asked(tx QuestionsTx, q aulabot.Question) (uint64, error) {
	id, err := tx.AddQuestion(q)
	if err != nil {
		return 0, err
	}
	return id, tx.Count(outcomeCounter(q.Outcome), 1)
}

// Deferred records q, whose answer a background job writes (a slow
// server must not hold the asker's worker); Answered records it.
func (s *Questions) Deferred(tx QuestionsTx, q aulabot.Question) (uint64, error) {
	id, err := tx.AddQuestion(q)
	if err != nil {
		return 0, err
	}
	return id, tx.AnswerLater(id, q.UserID)
}

// VoiceCounter counts the voice notes taken to be transcribed;
// VoiceFailedCounter those that could not be heard; VoiceUnusedCounter
// those heard after the chat had gone on (shown, not acted on).
const (
	VoiceCounter       = "voice:notes"
	VoiceFailedCounter = "voice:failed"
	VoiceUnusedCounter = "voice:unused"
)

// HearLater takes voice note v to be transcribed by a background job,
// whose words are then handled as if typed (a question, or a flow's
// answer).
func (s *Questions) HearLater(tx QuestionsTx, v aulabot.VoiceNote) error {
	if err := tx.HearLater(v); err != nil {
		return err
	}
	return tx.Count(VoiceCounter, 1)
}

// Answered records the outcome of deferred question id.
func (s *Questions) Answered(tx QuestionsTx, id uint64, outcome, articleID string) error {
	if err := tx.Answered(id, outcome, articleID); err != nil {
		return err
	}
	return tx.Count(outcomeCounter(outcome), 1)
}

// SmallTalk counts a greeting, thanks or goodbye: it is not a question,
// so nothing else is recorded and it never shows in /gaps.
func (s *Questions) SmallTalk(tx QuestionsTx) error {
	return tx.Count(smallTalkCounter, 1)
}

// Feedback records user's Helpful or Not helpful on question id, once
// (ECONFLICT the second time; ENOTFOUND for someone else's question).
// Helpful on an article picked among suggestions proposes the question's
// phrasing as an alias of that article: coordinators see it in /gaps and
// link it with a tap, never without.
func (s *Questions) Feedback(tx QuestionsTx, id uint64, user int64, helpful bool) error {
	fb := aulabot.FeedbackNotHelpful
	if helpful {
		fb = aulabot.FeedbackHelpful
	}
	if err := tx.SetFeedback(id, user, fb, ""); err != nil {
		return err
	}
	if !helpful {
		return nil
	}
	q, ok, err := tx.Question(id)
	if err != nil || !ok || q.Outcome != aulabot.OutcomeSuggest || q.ArticleID == "" {
		return err
	}
	key := aulabot.AliasKey(q.Text)
	if key == "" {
		return nil
	}
	return tx.PutAlias(aulabot.KBAlias{Key: key, Text: q.Text, Lang: q.Lang, University: q.University,
		Kind: aulabot.AliasProposed, ArticleID: q.ArticleID})
}

// StillStuck records that the asker of q, who says they are still stuck
// right after its answer ("sigue sin funcionar", "it didn't work"), found
// the answer not helpful, as the button does, so that it shows in /gaps;
// read from words, a press on the answer's buttons may still replace it.
// Nothing if q got no article, or its feedback was given already (a
// press may land between the read and now).
func (s *Questions) StillStuck(tx QuestionsTx, q aulabot.Question, asker int64) error {
	if q.ArticleID == "" || q.Feedback != "" {
		return nil
	}
	err := tx.InferFeedback(q.ID, asker, aulabot.FeedbackNotHelpful)
	if aulabot.ErrorCode(err) == aulabot.ECONFLICT {
		return nil
	}
	return err
}

// NoneHelped records that none of the articles suggested for question id
// fitted (it counts as a gap).
func (s *Questions) NoneHelped(tx QuestionsTx, id uint64, user int64) error {
	return tx.SetFeedback(id, user, aulabot.FeedbackNotHelpful, "")
}

// Opened records that asker opened article a: the suggestion they picked
// for question id, or (id 0, or a question already rated) an article
// opened from another one, which is recorded as a question of its own so
// that feedback on it counts too. It returns the question the article's
// feedback buttons carry. A question id that is not the asker's is a
// stale button.
func (s *Questions) Opened(tx QuestionsTx, id uint64, asker aulabot.User, lang string, a aulabot.KBArticle) (uint64, error) {
	if id != 0 {
		q, ok, err := tx.Question(id)
		if err != nil {
			return 0, err
		}
		if !ok || q.UserID != asker.ID {
			return 0, aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
		}
		if err := tx.PickSuggestion(id, asker.ID, a.ID); err != nil {
			return 0, err
		}
		if q.Feedback == "" {
			return id, nil
		}
	}
	return tx.AddQuestion(aulabot.Question{UserID: asker.ID, University: asker.University, Role: asker.Role,
		Lang: lang, Text: "→ " + a.Title, Outcome: aulabot.OutcomeAnswer, ArticleID: a.ID})
}

// Curate records a coordinator's decision on a group of similar gap
// questions: kind (aulabot.AliasLink with articleID, AliasOutOfScope or
// AliasDismiss) for each distinct phrasing, in its language. It returns
// how many phrasings it recorded; the caller puts the aliases in use. An
// alias does not record who curated it: it outlives its coordinator's
// /deletemydata.
func (s *Questions) Curate(tx QuestionsTx, group []aulabot.Question, kind, articleID string) (int, error) {
	seen := map[string]bool{}
	for _, g := range group {
		key := aulabot.AliasKey(g.Text)
		if key == "" || seen[g.Lang+"\x00"+key] {
			continue
		}
		seen[g.Lang+"\x00"+key] = true
		if err := tx.PutAlias(aulabot.KBAlias{Key: key, Text: g.Text, Lang: g.Lang, University: g.University,
			Kind: kind, ArticleID: articleID}); err != nil {
			return 0, err
		}
	}
	return len(seen), nil
}

// Gaps is what /gaps shows of one university (or of all, for an admin):
// the questions of the window the base did not answer and no coordinator
// has curated yet, how many of those were asked by people who deleted
// their data (counted, never shown), and the effect of the aliases: how
// many phrasings are linked, how many questions were asked with a linked
// phrasing after its link, and how many of those were answered directly.
// Proposed are the phrasings askers found answered by a suggestion they
// marked Helpful, waiting for a coordinator (at most MaxProposals).
type Gaps struct {
	Questions             []aulabot.Question
	Deleted               int
	Linked, Later, Direct int
	Proposed              []aulabot.Question
	// Told is how many late answers (an article linked, or a
	// coordinator's words) reached people who had asked: ever, not only
	// in the window.
	Told int64
	// Added are the first AddedPerPage of the AddedTotal articles
	// coordinators added to the base from /gaps (➕); AddedPage turns
	// the pages.
	Added      []aulabot.KBAdded
	AddedTotal int
}

// AddedPerPage is how many added articles a page of /gaps' list holds.
const AddedPerPage = 10

// MaxProposals bounds the proposals Gaps returns.
const MaxProposals = 10

// Gaps returns the gaps of university uni ("" for every one) asked since.
func (s *Questions) Gaps(tx QuestionsTx, uni string, since time.Time) (Gaps, error) {
	type slot struct{ uni, lang, key string }
	g := Gaps{Told: tx.Counter(toldCounter(uni))}
	var err error
	if g.Added, g.AddedTotal, err = s.AddedPage(tx, uni, 0); err != nil {
		return g, err
	}
	aliases := map[slot]aulabot.KBAlias{}
	if err := tx.Aliases(func(a aulabot.KBAlias) error {
		if uni == "" || a.University == uni {
			aliases[slot{a.University, a.Lang, a.Key}] = a
			if a.Kind == aulabot.AliasLink {
				g.Linked++
			}
		}
		return nil
	}); err != nil {
		return g, err
	}
	err = tx.Questions(uni, since, func(q aulabot.Question) error {
		key := aulabot.AliasKey(q.Text)
		a, curated := aliases[slot{q.University, q.Lang, key}]
		if !curated {
			// A link answers the same words for askers of the other
			// language too (the search takes it when the words are of its
			// language): such a question counts when it got the link's
			// article.
			o, ok := aliases[slot{q.University, aulabot.OtherLanguage(q.Lang), key}]
			if ok && o.Kind == aulabot.AliasLink && q.Outcome == aulabot.OutcomeAnswer && q.ArticleID == o.ArticleID {
				a, curated = o, true
			}
		}
		if curated && a.Kind == aulabot.AliasLink && q.At.After(a.At) {
			g.Later++
			if q.Outcome == aulabot.OutcomeAnswer {
				g.Direct++
			}
			// Asked after the link and found no help in it (Not
			// helpful): the link did not answer this asker, so the
			// question is a gap again, for a coordinator to answer
			// otherwise.
			curated = !q.Gap()
		}
		if curated && a.Kind == aulabot.AliasProposed {
			curated = false
			if q.Feedback == aulabot.FeedbackHelpful && q.ArticleID == a.ArticleID && len(g.Proposed) < MaxProposals {
				g.Proposed = append(g.Proposed, q)
			}
		}
		switch {
		case curated || !q.Gap():
		case q.Text == "":
			g.Deleted++
		default:
			g.Questions = append(g.Questions, q)
		}
		return nil
	})
	return g, err
}

// Aliases returns every alias stored (linked, out of scope, dismissed,
// proposed), for the search to use.
func (s *Questions) Aliases(tx QuestionsTx) ([]aulabot.KBAlias, error) {
	var as []aulabot.KBAlias
	err := tx.Aliases(func(a aulabot.KBAlias) error { as = append(as, a); return nil })
	return as, err
}

// Recent returns the last question asker asked since since, to carry to
// a mentor or the team when they say it is still not solved; false when
// there is none, or its text is gone (erased).
func (s *Questions) Recent(tx QuestionsTx, asker int64, since time.Time) (aulabot.Question, bool, error) {
	q, ok, err := tx.LastQuestion(asker)
	if err != nil || !ok || q.At.Before(since) || q.Text == "" {
		return aulabot.Question{}, false, err
	}
	return q, true, nil
}

// OfMessage returns asker's last question if it was asked with their
// message messageID; false if it was not, or they asked another since.
func (s *Questions) OfMessage(tx QuestionsTx, asker int64, messageID int) (aulabot.Question, bool, error) {
	q, ok, err := tx.LastQuestion(asker)
	if err != nil || !ok || messageID == 0 || q.MessageID != messageID || q.Text == "" {
		return aulabot.Question{}, false, err
	}
	return q, true, nil
}

// Replaced forgets question q, which its asker replaced by editing the
// message they asked it with: what they asked is the edit, recorded as
// the question it is (the typo's "I don't know" is no gap), and q's
// outcome no longer counts.
func (s *Questions) Replaced(tx QuestionsTx, q aulabot.Question) error {
	if q.Outcome != "" {
		if err := tx.Count(outcomeCounter(q.Outcome), -1); err != nil {
			return err
		}
	}
	return tx.DropQuestion(q.ID)
}

// Reported records that question id became ticket: a second report
// from it names that ticket instead (Question.Ticket).
func (s *Questions) Reported(tx QuestionsTx, id uint64, ticket string) error {
	return tx.QuestionReported(id, ticket)
}

// Own returns question id for its asker: a button carries the id, that is
// the client does, so another person's question, or one whose asker
// deleted their data, is a stale button.
func (s *Questions) Own(tx QuestionsTx, id uint64, asker int64) (aulabot.Question, error) {
	q, ok, err := tx.Question(id)
	if err != nil {
		return q, err
	}
	if !ok || q.UserID != asker || q.Text == "" {
		return q, aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
	}
	return q, nil
}

// Decided returns the decision (a link, out of scope, dismissed) taken on
// gap q's phrasing since q was asked, which took it out of /gaps; false if
// there is none (a phrasing linked before q, whose asker found the link
// no help, is a gap again). A button of a /gaps list shown before the
// decision must not undo it: a ✖ pressed on an old list replaced a link.
func (s *Questions) Decided(tx QuestionsTx, q aulabot.Question) (aulabot.KBAlias, bool, error) {
	a, ok, err := tx.Alias(q.University, q.Lang, aulabot.AliasKey(q.Text))
	if err != nil || !ok || a.Kind == aulabot.AliasProposed || (a.Kind == aulabot.AliasLink && q.At.After(a.At)) {
		return a, false, err
	}
	return a, true, nil
}

// Curated returns question id for a coordinator of its university (or an
// admin) to curate; EFORBIDDEN for anyone else.
func (s *Questions) Curated(tx QuestionsTx, id uint64, roles aulabot.Roles) (aulabot.Question, error) {
	q, ok, err := tx.Question(id)
	if err != nil {
		return q, err
	}
	if !ok || q.Text == "" {
		return q, aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
	}
	if !roles.Admin && !roles.IsCoordinator(q.University) {
		return q, aulabot.Errorf(aulabot.EFORBIDDEN, "error.only_coordinators")
	}
	return q, nil
}

// Reload queues a reload of the knowledge base, whose outcome a background
// job tells chat in lang.
func (s *Questions) Reload(tx QuestionsTx, chat int64, lang string) error {
	return tx.ReloadLater(chat, lang)
}
