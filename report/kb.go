package report

import (
	"slices"
	"strings"
	"time"

	"github.com/aulabot/aulabot"
)

// MaxGaps is how many groups of unanswered questions a report lists;
// maxGapQuestions how many of the most recent such questions it groups,
// as /gaps does, so that grouping costs the same in a busy term.
const (
	MaxGaps         = 10
	maxGapQuestions = 2000
)

// followUp marks the record the bot keeps when someone opens a related
// article (handlers/kbbuttons.go): feedback on it is stored, but nobody
// asked a question.
const followUp = "→ "

// KB is the knowledge base's figures: the questions asked in the period,
// how each was answered and what the askers said of the answer.
type KB struct {
	Asked int
	// Answered got one article, Suggested two or three to pick from,
	// Unknown an honest "I don't know"; Pending still wait for a
	// background answer.
	Answered, Suggested, Unknown, Pending int
	Helpful, NotHelpful                   int
	// GapQuestions got no answer or one marked Not helpful; Gaps groups
	// the most frequent of them (at most MaxGaps groups); GapsErased of
	// them were asked by people who deleted their data: counted, never
	// shown.
	GapQuestions int
	GapsErased   int
	// AnsweredLate of the gap questions got an answer later, from the
	// coordination (/gaps' 📬 and ✍️).
	AnsweredLate int
	Gaps         []Gap

	gapQs []aulabot.Question
}

// Gap is a group of similar unanswered questions: how many, the most
// recent one's text and another's.
type Gap struct {
	Count int
	Text  string
	Also  string
}

// AnsweredShare is the share of questions answered directly.
func (k KB) AnsweredShare() Share { return Share{k.Answered, k.Asked} }

// HelpfulShare is the share of questions that got an answer (direct or
// suggested) whose asker marked it Helpful.
func (k KB) HelpfulShare() Share { return Share{k.Helpful, k.Answered + k.Suggested} }

// question counts one question of the period.
func (k *KB) question(q aulabot.Question) {
	k.Asked++
	switch q.Outcome {
	case aulabot.OutcomeAnswer:
		k.Answered++
	case aulabot.OutcomeSuggest:
		k.Suggested++
	case aulabot.OutcomeNone:
		k.Unknown++
	default:
		k.Pending++
	}
	switch q.Feedback {
	case aulabot.FeedbackHelpful:
		k.Helpful++
	case aulabot.FeedbackNotHelpful:
		k.NotHelpful++
	}
	if !q.Gap() {
		return
	}
	k.GapQuestions++
	if !q.Late.IsZero() {
		k.AnsweredLate++
	}
	if q.Text == "" {
		k.GapsErased++
		return
	}
	k.gapQs = append(k.gapQs, q)
}

func (k *KB) add(o *KB) {
	k.Asked += o.Asked
	k.Answered += o.Answered
	k.Suggested += o.Suggested
	k.Unknown += o.Unknown
	k.Pending += o.Pending
	k.Helpful += o.Helpful
	k.NotHelpful += o.NotHelpful
	k.GapQuestions += o.GapQuestions
	k.GapsErased += o.GapsErased
	k.AnsweredLate += o.AnsweredLate
	k.gapQs = append(k.gapQs, o.gapQs...)
}

// finish groups the most recent unanswered questions as /gaps does.
func (k *KB) finish() {
	slices.SortStableFunc(k.gapQs, func(a, b aulabot.Question) int { return a.At.Compare(b.At) })
	groups := aulabot.GroupQuestions(k.gapQs[max(0, len(k.gapQs)-maxGapQuestions):])
	k.Gaps = nil
	for _, g := range groups[:min(MaxGaps, len(groups))] {
		gap := Gap{Count: len(g), Text: g[0].Text}
		if len(g) > 1 {
			gap.Also = g[1].Text
		}
		k.Gaps = append(k.Gaps, gap)
	}
}

// QuestionRow is one question of the period, for drill-down: never who
// asked.
type QuestionRow struct {
	ID         uint64
	University string
	At         time.Time // in the university's zone
	Role, Lang string
	Text       string // "" if the asker deleted their data
	Outcome    string // answer, suggest, none; "" while pending
	Article    string
	Feedback   string
}

// questions reads the period's questions of p's university.
func (p *period) questions(src Source) error {
	return src.QuestionsBetween(p.uni.ID, p.start, p.cut, func(q aulabot.Question) error {
		if strings.HasPrefix(q.Text, followUp) {
			return nil
		}
		p.fig.KB.question(q)
		p.person(q.UserID, &p.fig.People.asked)
		if !p.detail {
			return nil
		}
		if w := p.week(q.At); w >= 0 {
			switch q.Outcome {
			case aulabot.OutcomeAnswer:
				p.weeks[w].Answered++
			case aulabot.OutcomeSuggest:
				p.weeks[w].Suggested++
			case aulabot.OutcomeNone:
				p.weeks[w].Unknown++
			}
		}
		p.rows.Questions = append(p.rows.Questions, QuestionRow{ID: q.ID, University: q.University, At: q.At.In(p.loc),
			Role: q.Role, Lang: q.Lang, Text: q.Text, Outcome: q.Outcome, Article: q.ArticleID, Feedback: q.Feedback})
		return nil
	})
}
