package knowledge

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// EvalQuestion is one line of a question set: the question, the id of the
// article that answers it ("" when the base has no answer) and its language.
// Kind "smalltalk" marks a greeting, thanks, goodbye or emoji (Expect is
// then ""): it is measured apart from the questions. University is the
// asker's university ("" sees only general articles, as in Query), and
// Audience their role ("teacher" or "student"; "" sees every article).
type EvalQuestion struct {
	Q          string `json:"q"`
	Expect     string `json:"expect"`
	Lang       string `json:"lang"`
	Kind       string `json:"kind,omitempty"`
	University string `json:"university,omitempty"`
	Audience   string `json:"audience,omitempty"`
}

// KindSmallTalk is the Kind of small-talk lines in a question set.
const KindSmallTalk = "smalltalk"

// ReadEvalQuestions reads JSON Lines of {"q","expect","lang"} with optional
// "kind", "university" and "audience". Blank lines are skipped, and so is a first line
// {"header": "..."} that describes the set (JSON Lines has no comments).
// Fields it does not know are ignored. It returns an error naming the first
// bad line: not JSON, no "q", a header after the first line, an unknown
// kind or audience, or small talk that expects an article.
func ReadEvalQuestions(r io.Reader) ([]EvalQuestion, error) {
	var qs []EvalQuestion
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	first := true
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var l struct {
			EvalQuestion
			Header *string `json:"header"`
		}
		if err := json.Unmarshal([]byte(line), &l); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		q := l.EvalQuestion
		switch {
		case l.Header != nil && !first:
			return nil, fmt.Errorf("line %d: a header must be the first line", n)
		case l.Header != nil:
		case q.Q == "":
			return nil, fmt.Errorf("line %d: no \"q\"", n)
		case q.Kind != "" && q.Kind != KindSmallTalk:
			return nil, fmt.Errorf("line %d: unknown kind %q (want %q or none)", n, q.Kind, KindSmallTalk)
		case q.Kind == KindSmallTalk && q.Expect != "":
			return nil, fmt.Errorf("line %d: small talk must expect \"\"", n)
		case q.Audience != "" && q.Audience != "teacher" && q.Audience != "student":
			return nil, fmt.Errorf("line %d: unknown audience %q (want \"teacher\", \"student\" or none)", n, q.Audience)
		default:
			qs = append(qs, q)
		}
		first = false
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read questions: %w", err)
	}
	return qs, nil
}

// EvalReport summarises retrieval quality on a question set.
//
// Ranking figures (P@1, recall@3, MRR) are over answerable questions and look
// at the ranked hits whatever the confidence. "Abstained" means the search did
// not give a direct answer (confidence suggest or none): abstention precision
// is the share of abstentions that were on absent questions, abstention
// recall the share of absent questions that were abstained on. Found is the
// share of answerable questions whose article the user is shown (as the
// answer, or among the suggestions). Small talk counts in Questions and in
// the latency only; its own figures say how it was answered.
type EvalReport struct {
	Questions, Answerable, Absent, SmallTalk int

	PrecisionAt1 float64 // right article ranked first
	RecallAt3    float64 // right article in the first three
	MRR          float64 // mean reciprocal rank (0 when not in the hits)

	Answered        float64 // share of answerable questions answered directly
	AnswerPrecision float64 // share of direct answers (all questions) that were right
	Found           float64 // right article shown as answer or suggestion
	NoneAnswerable  float64 // share of answerable questions that got "none"

	AbstainPrecision float64
	AbstainRecall    float64
	AbsentNone       float64 // share of absent questions that got "none"

	SmallTalkAnswered float64 // share of small talk answered directly with an article
	SmallTalkNone     float64 // share of small talk that got "none" (no article)

	P50, P99 time.Duration // search latency
}

// Evaluate runs every question through b.Search and measures the results.
func Evaluate(b *Base, qs []EvalQuestion) EvalReport {
	var r EvalReport
	var lat []time.Duration
	var answers, rightAnswers, abstained, abstainedAbsent int
	for _, q := range qs {
		start := time.Now()
		res := b.Search(Query{Text: q.Q, Lang: q.Lang, Audience: q.Audience, University: q.University, Limit: 10})
		lat = append(lat, time.Since(start))
		r.Questions++
		answered := res.Confidence == ConfidenceAnswer
		if q.Kind == KindSmallTalk {
			r.SmallTalk++
			if answered {
				r.SmallTalkAnswered++
			}
			if res.Confidence == ConfidenceNone {
				r.SmallTalkNone++
			}
			continue
		}
		if answered {
			answers++
			if res.Hits[0].Article.ID == q.Expect {
				rightAnswers++
			}
		} else {
			abstained++
		}
		if q.Expect == "" {
			r.Absent++
			if !answered {
				abstainedAbsent++
			}
			if res.Confidence == ConfidenceNone {
				r.AbsentNone++
			}
			continue
		}
		r.Answerable++
		if answered {
			r.Answered++
		}
		if res.Confidence == ConfidenceNone {
			r.NoneAnswerable++
		}
		for i, h := range res.Hits {
			if h.Article.ID != q.Expect {
				continue
			}
			if i == 0 {
				r.PrecisionAt1++
			}
			if i < 3 {
				r.RecallAt3++
			}
			r.MRR += 1 / float64(i+1)
			if slices.ContainsFunc(res.Shown(), func(s Hit) bool { return s.Article.ID == q.Expect }) {
				r.Found++
			}
			break
		}
	}
	ratio := func(x float64, n int) float64 {
		if n == 0 {
			return 0
		}
		return x / float64(n)
	}
	r.PrecisionAt1 = ratio(r.PrecisionAt1, r.Answerable)
	r.RecallAt3 = ratio(r.RecallAt3, r.Answerable)
	r.MRR = ratio(r.MRR, r.Answerable)
	r.Answered = ratio(r.Answered, r.Answerable)
	r.Found = ratio(r.Found, r.Answerable)
	r.NoneAnswerable = ratio(r.NoneAnswerable, r.Answerable)
	r.AnswerPrecision = ratio(float64(rightAnswers), answers)
	r.AbstainPrecision = ratio(float64(abstainedAbsent), abstained)
	r.AbstainRecall = ratio(float64(abstainedAbsent), r.Absent)
	r.AbsentNone = ratio(r.AbsentNone, r.Absent)
	r.SmallTalkAnswered = ratio(r.SmallTalkAnswered, r.SmallTalk)
	r.SmallTalkNone = ratio(r.SmallTalkNone, r.SmallTalk)
	if len(lat) > 0 {
		slices.Sort(lat)
		r.P50 = lat[len(lat)*50/100]
		r.P99 = lat[min(len(lat)-1, len(lat)*99/100)]
	}
	return r
}

// String prints the report in the format of `aulabot kb eval`.
func (r EvalReport) String() string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "questions: %d (answerable %d, absent %d", r.Questions, r.Answerable, r.Absent)
	if r.SmallTalk > 0 {
		fmt.Fprintf(&sb, ", small talk %d", r.SmallTalk)
	}
	sb.WriteString(")\n")
	fmt.Fprintf(&sb, "P@1: %.3f\nrecall@3: %.3f\nMRR: %.3f\n", r.PrecisionAt1, r.RecallAt3, r.MRR)
	fmt.Fprintf(&sb, "answered directly: %.3f (precision %.3f)\nfound (answer or suggestion): %.3f\n", r.Answered, r.AnswerPrecision, r.Found)
	fmt.Fprintf(&sb, "abstention precision: %.3f\nabstention recall: %.3f\n", r.AbstainPrecision, r.AbstainRecall)
	fmt.Fprintf(&sb, "\"none\" on answerable: %.3f, on absent: %.3f\n", r.NoneAnswerable, r.AbsentNone)
	if r.SmallTalk > 0 {
		fmt.Fprintf(&sb, "small talk answered with an article: %.3f, \"none\": %.3f\n", r.SmallTalkAnswered, r.SmallTalkNone)
	}
	fmt.Fprintf(&sb, "latency p50: %s\nlatency p99: %s\n", r.P50.Round(time.Microsecond), r.P99.Round(time.Microsecond))
	return sb.String()
}
