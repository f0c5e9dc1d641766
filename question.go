package aulabot

import "time"

// Outcomes of a question to the knowledge base.
const (
	OutcomeAnswer  = "answer"
	OutcomeSuggest = "suggest"
	OutcomeNone    = "none"
)

// Feedback on an answer.
const (
	FeedbackHelpful    = "helpful"
	FeedbackNotHelpful = "not_helpful"
)

// Question is one question asked to the knowledge base, kept to measure
// answers and to show coordinators what the base lacks (gaps).
type Question struct {
	ID         uint64    `json:"id"`
	UserID     int64     `json:"user,omitempty"` // 0 once the asker deleted their data
	University string    `json:"uni"`
	Role       string    `json:"role,omitempty"`
	Lang       string    `json:"lang"`
	Text       string    `json:"text"`
	MessageID  int       `json:"msg,omitempty"` // the asker's message, to know an edit of it
	Outcome    string    `json:"outcome"`
	ArticleID  string    `json:"article,omitempty"` // the answer shown, or the one picked
	Feedback   string    `json:"feedback,omitempty"`
	At         time.Time `json:"at"`
	// FeedbackInferred is set when Feedback was read from the asker's
	// words ("it didn't work" right after the answer), not pressed: a
	// press on the answer's buttons may still replace it.
	FeedbackInferred bool `json:"fbinf,omitempty"`
}

// Gap reports whether the question shows something the base lacks: it got
// no answer, or its answer was not helpful.
func (q Question) Gap() bool {
	return q.Outcome == OutcomeNone || q.Feedback == FeedbackNotHelpful
}

// Kinds of the knowledge base's background jobs (Job.Kind): work that
// calls a server or takes seconds, done away from the chat that asked.
const (
	JobAnswer = "kb.answer" // write the answer to a question (Data "question": its id)
	JobReload = "kb.reload" // reload the knowledge base and tell a chat (Data "chat", "lang")
)
