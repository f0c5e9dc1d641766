package service

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/aulabot/aulabot"
)

// AskFeedback is the job at an event's end: everyone who had a place is
// asked how it went, 1 to 5 stars or "I could not attend", once (each
// message has its key, so a job run again after a crash asks nobody
// twice). The event counts them as asked.
func (s *Events) AskFeedback(tx EventsTx, j aulabot.Job) error {
	e, ok, err := jobEvent(tx, j)
	if err != nil || !ok {
		return err
	}
	asked, err := s.tellAttendees(tx, e, func(lang string) aulabot.Message { return s.FeedbackQuestion(lang, e) },
		func(p int64) string { return fmt.Sprintf("%s:%d", feedbackKey(e.ID), p) })
	if err != nil {
		return err
	}
	e.Counts.Asked = asked
	return tx.PutEvent(e)
}

// FeedbackQuestion is the question at event e's end, in lang: how was
// it, 1 to 5 stars, or I could not attend.
func (s *Events) FeedbackQuestion(lang string, e aulabot.Event) aulabot.Message {
	return aulabot.Message{Text: s.Cat.T(lang, "event.feedback_ask", "title", e.Title, "when", s.WhenText(lang, e)),
		Inline: s.feedbackRows(lang, func(f int) string { return s.Buttons.Feedback(e.ID, f) })}
}

// feedbackRows are the stars, and I could not attend, of the question at
// an event's end, each button's data that of its answer.
func (s *Events) feedbackRows(lang string, data func(feedback int) string) [][]aulabot.Button {
	return [][]aulabot.Button{starRow(data), {{Text: s.Cat.T(lang, "event.button_missed"), Data: data(aulabot.EventMissed)}}}
}

// FeedbackChange is the question of event id asked again of user, who
// said how it went and pressed ↩️ to change it: what they said, and the
// same buttons, each changing it (ChangeFeedback). Errors: those of
// changeable.
func (s *Events) FeedbackChange(tx EventsTx, user int64, id uint64, lang string) (aulabot.Message, error) {
	e, said, err := changeable(tx, user, id)
	if err != nil {
		return aulabot.Message{}, err
	}
	text := s.Cat.T(lang, "event.feedback_change_stars", "title", e.Title, "stars", said)
	if said == aulabot.EventMissed {
		text = s.Cat.T(lang, "event.feedback_change_missed", "title", e.Title)
	}
	return aulabot.Message{Text: text, Inline: s.feedbackRows(lang, func(f int) string { return s.Buttons.ChangeFeedback(e.ID, f) })}, nil
}

// changeable reads event id for user to change what they said after it,
// and what they said. Errors: those of standing; EINVALID
// event.err_feedback_no_place (they said nothing, or had no place);
// ECONFLICT event.err_feedback_closed more than EventFollowUp after its
// end (the figures have long gone).
func changeable(tx EventsTx, user int64, id uint64) (aulabot.Event, int, error) {
	e, err := standing(tx, id)
	if err != nil {
		return e, 0, err
	}
	said, ok := tx.EventFeedback(id, user)
	switch {
	case !ok:
		return e, 0, aulabot.Errorf(aulabot.EINVALID, "event.err_feedback_no_place", "title", e.Title)
	case !tx.Now().Before(e.End().Add(EventFollowUp)):
		return e, 0, aulabot.Errorf(aulabot.ECONFLICT, "event.err_feedback_closed", "title", e.Title, "days", int(EventFollowUp/(24*time.Hour)))
	}
	return e, said, nil
}

// ChangeFeedback changes what user said after event id to feedback
// (a mistaken tap on a small screen): the counts move from the old answer
// to the new, the comment stays, and the same answer again changes
// nothing. Errors: those of changeable; EINVALID event.err_not_found for
// another value.
func (s *Events) ChangeFeedback(tx EventsTx, user int64, id uint64, feedback int) (aulabot.Event, error) {
	e, said, err := changeable(tx, user, id)
	if err != nil {
		return e, err
	}
	if feedback < aulabot.EventMissed || feedback > 5 {
		return e, aulabot.Errorf(aulabot.EINVALID, "event.err_not_found")
	}
	if feedback == said {
		return e, nil
	}
	if err := tx.SetEventFeedback(id, user, feedback); err != nil {
		return e, err
	}
	tally(&e.Counts, said, -1)
	tally(&e.Counts, feedback, 1)
	return e, tx.PutEvent(e)
}

// tally adds n to the count of feedback in c.
func tally(c *aulabot.EventCounts, feedback, n int) {
	if feedback == aulabot.EventMissed {
		c.Missed += n
	} else {
		c.Stars[feedback-1] += n
	}
}

// feedbackable reads event id for user to say how it went. Errors:
// ENOTFOUND event.err_not_found (no such event); ECONFLICT
// event.err_cancelled; EINVALID event.err_not_ended (before its end:
// nobody is asked then), event.err_feedback_no_place (they had no place
// at it); ECONFLICT event.err_feedback_given (said already: a second
// press, on another phone, counts once).
func feedbackable(tx EventsTx, user int64, id uint64) (aulabot.Event, error) {
	e, err := standing(tx, id)
	switch {
	case err != nil:
		return e, err
	case tx.Now().Before(e.End()):
		return e, aulabot.Errorf(aulabot.EINVALID, "event.err_not_ended", "title", e.Title)
	case tx.EventAnswer(id, user) != aulabot.EventAttend:
		return e, aulabot.Errorf(aulabot.EINVALID, "event.err_feedback_no_place", "title", e.Title)
	}
	if _, said := tx.EventFeedback(id, user); said {
		return e, aulabot.Errorf(aulabot.ECONFLICT, "event.err_feedback_given", "title", e.Title)
	}
	return e, nil
}

// standing reads event id, which must exist (ENOTFOUND
// event.err_not_found) and not be cancelled (ECONFLICT
// event.err_cancelled).
func standing(tx EventsTx, id uint64) (aulabot.Event, error) {
	e, ok, err := tx.Event(id)
	switch {
	case err != nil:
		return e, err
	case !ok:
		return e, aulabot.Errorf(aulabot.ENOTFOUND, "event.err_not_found")
	case !e.Cancelled.IsZero():
		return e, aulabot.Errorf(aulabot.ECONFLICT, "event.err_cancelled", "title", e.Title)
	}
	return e, nil
}

// AskAgain is the question of event id for user, asked from the
// Trainings list (the one at its end lost among other messages).
// Errors: those of feedbackable.
func (s *Events) AskAgain(tx EventsTx, user int64, id uint64, lang string) (aulabot.Message, error) {
	e, err := feedbackable(tx, user, id)
	if err != nil {
		return aulabot.Message{}, err
	}
	return s.FeedbackQuestion(lang, e), nil
}

// Unsaid are the trainings that ended less than EventFollowUp ago, and
// stood, whose question went (AskFeedback: not those held before there
// was one), at which u had a place and has not said how they went, the
// latest first, at most MaxUpcoming.
func (s *Events) Unsaid(tx EventsTx, u aulabot.User) ([]aulabot.Event, error) {
	now := tx.Now()
	es, err := tx.EventsEndingAfter(now.Add(-EventFollowUp))
	if err != nil {
		return nil, err
	}
	var out []aulabot.Event
	for _, e := range es {
		if !e.Cancelled.IsZero() || e.Counts.Asked == 0 || now.Before(e.End()) || !now.Before(e.End().Add(EventFollowUp)) || tx.EventAnswer(e.ID, u.ID) != aulabot.EventAttend {
			continue
		}
		if _, said := tx.EventFeedback(e.ID, u.ID); !said {
			out = append(out, e)
		}
	}
	slices.SortStableFunc(out, func(a, b aulabot.Event) int { return b.At.Compare(a.At) })
	return out[:min(len(out), MaxUpcoming)], nil
}

// Feedback records what user said after event id: aulabot.EventMissed
// (they could not come) or 1 to 5 stars, once. Errors: those of
// feedbackable; EINVALID event.err_not_found for another value.
func (s *Events) Feedback(tx EventsTx, user int64, id uint64, feedback int) (aulabot.Event, error) {
	e, err := feedbackable(tx, user, id)
	if err != nil {
		return e, err
	}
	if feedback < aulabot.EventMissed || feedback > 5 {
		return e, aulabot.Errorf(aulabot.EINVALID, "event.err_not_found")
	}
	if err := tx.SetEventFeedback(id, user, feedback); err != nil {
		return e, err
	}
	tally(&e.Counts, feedback, 1)
	return e, tx.PutEvent(e)
}

// FeedbackSaid is what the message that asked shows once answered.
func (s *Events) FeedbackSaid(lang string, e aulabot.Event, feedback int) string {
	if feedback == aulabot.EventMissed {
		return s.Cat.T(lang, "event.feedback_missed", "title", e.Title)
	}
	return s.Cat.T(lang, "event.feedback_thanks", "title", e.Title, "stars", feedback)
}

// FeedbackLine is what those who had a place at an event said after it,
// for its organisers: "📝 After it: said they came: 12 · ⭐ mean: 4.3 ·
// could not come: 3 · no answer yet: 5".
func (s *Events) FeedbackLine(lang string, n aulabot.EventCounts) string {
	mean := "–"
	if m, ok := n.Mean(); ok {
		mean = inLang(lang, strings.TrimSuffix(strconv.FormatFloat(m, 'f', 1, 64), ".0"))
	}
	return s.Cat.T(lang, "event.feedback_line", "came", n.Came(), "mean", mean, "missed", n.Missed, "silent", n.Unsaid())
}

// FlowEventComment waits for what someone who said how a training went
// writes to its organisers (✍️ under their answer).
var FlowEventComment = aulabot.Flow[EventCommentDraft]{Name: "evcomment"}

// EventCommentDraft is what FlowEventComment keeps: the event.
type EventCommentDraft struct {
	Event uint64 `json:"event"`
}

// MaxEventComment is the longest comment, in characters.
const MaxEventComment = 1000

// commentable reads event id for user's comment: it must stand, and they
// must have said how it went (Feedback). Errors: event.err_not_found,
// event.err_cancelled, event.err_comment_first.
func commentable(tx EventsTx, user int64, id uint64) (aulabot.Event, error) {
	e, err := standing(tx, id)
	if err != nil {
		return e, err
	}
	if _, said := tx.EventFeedback(id, user); !said {
		return e, aulabot.Errorf(aulabot.EINVALID, "event.err_comment_first", "title", e.Title)
	}
	return e, nil
}

// StartComment is ✍️ under someone's answer after event id: the state
// that waits for their comment, and what asks for it in lang (of someone
// who could not come, why, or what would let them come next time).
// Errors: those of commentable.
func (s *Events) StartComment(tx EventsTx, user int64, id uint64, lang string) (aulabot.State, string, error) {
	e, err := commentable(tx, user, id)
	if err != nil {
		return aulabot.State{}, "", err
	}
	key := "event.comment_ask"
	if said, _ := tx.EventFeedback(id, user); said == aulabot.EventMissed {
		key = "event.comment_ask_missed"
	}
	return FlowEventComment.At("", EventCommentDraft{Event: id}), s.Cat.T(lang, key, "title", e.Title, "max", MaxEventComment), nil
}

// Comment keeps text, written in FlowEventComment state st, as user's
// comment on its event (a second replaces the first; the count counts
// the writers). Errors: EINVALID event.err_comment (no words),
// event.err_comment_long (over MaxEventComment); those of commentable.
func (s *Events) Comment(tx EventsTx, st aulabot.State, user int64, text string) (aulabot.Event, error) {
	d, ok := FlowEventComment.Data(st)
	if !ok || d.Event == 0 {
		return aulabot.Event{}, stale()
	}
	e, err := commentable(tx, user, d.Event)
	if err != nil {
		return e, err
	}
	text = strings.TrimSpace(aulabot.CleanText(text))
	if !strings.ContainsFunc(text, unicode.IsLetter) {
		return e, aulabot.Errorf(aulabot.EINVALID, "event.err_comment")
	}
	if n := utf8.RuneCountInString(text); n > MaxEventComment {
		return e, aulabot.Errorf(aulabot.EINVALID, "event.err_comment_long", "count", n, "max", MaxEventComment)
	}
	if tx.EventComment(e.ID, user) == "" {
		e.Counts.Comments++
		if err := tx.PutEvent(e); err != nil {
			return e, err
		}
	}
	return e, tx.SetEventComment(e.ID, user, text)
}

// Comments returns the comments on event id for someone with roles r who
// may manage it (ENOTFOUND otherwise, as for one that does not exist).
func (s *Events) Comments(tx EventsTx, r aulabot.Roles, id uint64) (aulabot.Event, []aulabot.EventComment, error) {
	e, ok, err := tx.Event(id)
	if err != nil {
		return e, nil, err
	}
	if !ok || !mayManage(r, e) {
		return e, nil, aulabot.Errorf(aulabot.ENOTFOUND, "event.err_not_found")
	}
	return e, tx.EventComments(id), nil
}

// CommentsButton is 📝 Read the comments (N) of event e, numbered n on a
// list (0: alone).
func (s *Events) CommentsButton(lang string, e aulabot.Event, n int) aulabot.Button {
	if n > 0 {
		return aulabot.Button{Text: s.Cat.T(lang, "event.button_comments_n", "n", n, "count", e.Counts.Comments), Data: s.Buttons.Comments(e.ID)}
	}
	return aulabot.Button{Text: s.Cat.N(lang, "event.button_comments", e.Counts.Comments), Data: s.Buttons.Comments(e.ID)}
}

// MissedButton writes to those who said after e that they could not
// come (the recording, the next date): in its figures, or (n > 0) on the
// organisers' list, where e is number n.
func (s *Events) MissedButton(lang string, e aulabot.Event, n int) aulabot.Button {
	if n > 0 {
		return aulabot.Button{Text: s.Cat.T(lang, "event.button_message_missed_n", "n", n, "count", e.Counts.Missed), Data: s.Buttons.MessageMissed(e.ID)}
	}
	return aulabot.Button{Text: s.Cat.N(lang, "event.button_message_missed", e.Counts.Missed), Data: s.Buttons.MessageMissed(e.ID)}
}
