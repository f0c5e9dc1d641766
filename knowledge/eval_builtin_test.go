package knowledge

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// The built-in question sets: per language, a dev set (may be tuned on) and
// a test set (only measured), half of each article's messages in each. See
// eval/README.md.
var builtinSets = []struct{ lang, split string }{
	{"es", "dev"}, {"es", "test"}, {"en", "dev"}, {"en", "test"},
}

// eachHalf runs f on the built-in base for each language and half of
// builtinSets, as a subtest named after them ("es-dev").
func eachHalf(t *testing.T, f func(t *testing.T, b *Base, lang, split string)) {
	b := builtinBase(t)
	for _, s := range builtinSets {
		t.Run(s.lang+"-"+s.split, func(t *testing.T) { f(t, b, s.lang, s.split) })
	}
}

func builtinSetPath(lang, split string) string {
	return "eval/builtin-" + lang + "-" + split + ".jsonl"
}

// nearSetPath is the in-domain set of lang and split (dev or test): the
// nine topics added on 4 December and topics close to the base's that it
// does not answer.
func nearSetPath(lang, split string) string {
	return "eval/near-" + lang + "-" + split + ".jsonl"
}

// builtinFloor holds each figure the README shows for a built-in set at the
// value last measured, minus a margin: two questions for the figures over
// answerable questions (about 77 per set), one for unknown topics (20) and
// small talk (10), none for unknown topics answered directly (issue 15:
// never). Counts are written as measured so that the margin shows.
type builtinFloor struct {
	p1, recall3, mrr   float64 // ranking, answerable questions
	answered, precise  float64 // answered directly; share of direct answers right
	found              float64 // right article shown (answer or suggestion)
	unknownNotAnswered float64 // unknown topics not answered directly
	unknownNone        float64 // unknown topics that got "none"
	smallTalkNone      float64 // small talk that got no article at all
	smallTalkAnswered  float64 // ceiling: small talk answered with an article
}

// Measured with no LLM, after the articles gained 33 everyday phrasings and
// the direct-answer rules (confidence.go, answerRules) and the unknown-topic
// model (absent.go) were chosen again on the training and dev sets; again
// after the four articles of 3 December and the same two choices; and again
// on 4 December, with each message searched with the asker's role, after
// the eighteen articles of nine new topics and the same two choices. Small
// talk never gets an article (ceiling 0, no margin: it is recognised by a
// list of words, not ranked).
var builtinFloors = map[string]builtinFloor{
	"es-dev": {
		p1: (70 - 2) / 77.0, recall3: (75 - 2) / 77.0, mrr: 0.937 - 2/77.0,
		answered: (53 - 2) / 77.0, precise: (51 - 2) / 53.0, found: (73 - 2) / 77.0,
		unknownNotAnswered: 20 / 20.0, unknownNone: (16 - 1) / 20.0,
		smallTalkNone: (10 - 1) / 10.0, smallTalkAnswered: 0,
	},
	"es-test": {
		// One unknown topic answered directly since 4 December: issue 15's
		// "never" is missed by one here (README, Measured quality); the
		// floor holds it at that one.
		p1: (61 - 2) / 77.0, recall3: (71 - 2) / 77.0, mrr: 0.872 - 2/77.0,
		answered: (48 - 2) / 77.0, precise: (48 - 2) / 49.0, found: (68 - 2) / 77.0,
		unknownNotAnswered: 19 / 20.0, unknownNone: (17 - 1) / 20.0,
		smallTalkNone: (10 - 1) / 10.0, smallTalkAnswered: 0,
	},
	"en-dev": {
		p1: (66 - 2) / 76.0, recall3: (72 - 2) / 76.0, mrr: 0.907 - 2/76.0,
		answered: (58 - 2) / 76.0, precise: (56 - 2) / 58.0, found: (71 - 2) / 76.0,
		unknownNotAnswered: 20 / 20.0, unknownNone: (16 - 1) / 20.0,
		smallTalkNone: (10 - 1) / 10.0, smallTalkAnswered: 0,
	},
	"en-test": {
		p1: (66 - 2) / 76.0, recall3: (71 - 2) / 76.0, mrr: 0.905 - 2/76.0,
		answered: (49 - 2) / 76.0, precise: (47 - 2) / 49.0, found: (71 - 2) / 76.0,
		unknownNotAnswered: 20 / 20.0, unknownNone: (15 - 1) / 20.0,
		smallTalkNone: (10 - 1) / 10.0, smallTalkAnswered: 0,
	},
}

// TestEvaluate_Builtin holds the built-in base at the figures the README
// shows for each built-in set, dev and test separately.
func TestEvaluate_Builtin(t *testing.T) {
	eachHalf(t, func(t *testing.T, b *Base, lang, split string) {
		f, ok := builtinFloors[lang+"-"+split]
		if !ok {
			t.Fatalf("no floors for %s-%s", lang, split)
		}
		f.check(t, Evaluate(b, readQuestions(t, builtinSetPath(lang, split))))
	})
}

// check fails t for each figure of r under its floor in f (a floor of 0 is
// not checked) and for small talk answered over its ceiling.
func (f builtinFloor) check(t *testing.T, r EvalReport) {
	t.Helper()
	t.Logf("%s", r)
	for _, c := range []struct {
		figure     string
		got, floor float64
	}{
		{"P@1", r.PrecisionAt1, f.p1},
		{"recall@3", r.RecallAt3, f.recall3},
		{"MRR", r.MRR, f.mrr},
		{"answered directly", r.Answered, f.answered},
		{"direct answers right", r.AnswerPrecision, f.precise},
		{"right article shown", r.Found, f.found},
		{"unknown topics not answered directly", r.AbstainRecall, f.unknownNotAnswered},
		{"unknown topics with \"none\"", r.AbsentNone, f.unknownNone},
		{"small talk with no article", r.SmallTalkNone, f.smallTalkNone},
	} {
		if c.floor > 0 && c.got < c.floor {
			t.Errorf("%s %.3f, want >= %.3f", c.figure, c.got, c.floor)
		}
	}
	if r.SmallTalkAnswered > f.smallTalkAnswered {
		t.Errorf("small talk answered with an article %.3f, want <= %.3f", r.SmallTalkAnswered, f.smallTalkAnswered)
	}
}

// TestBuiltinSets_Shape: each built-in set says in its header whether it
// may be tuned on; per language the two hold at least 150 answerable
// messages, 40 unknown topics and 20 small-talk messages, split about half
// and half, in the set's language, with no message in both and every
// expected article in the base.
func TestBuiltinSets_Shape(t *testing.T) {
	b := builtinBase(t)
	ids := map[string]bool{}
	for _, a := range b.Articles() {
		ids[a.ID] = true
	}
	type counts struct{ answerable, unknown, smallTalk int }
	for _, lang := range []string{"es", "en"} {
		seen := map[string]string{}
		var total counts
		per := map[string]counts{}
		for _, split := range []string{"dev", "test"} {
			path := builtinSetPath(lang, split)
			header := firstLineHeader(t, path)
			want := map[string]string{"dev": "may be used to tune", "test": "never read it to tune"}[split]
			if !strings.Contains(header, want) {
				t.Errorf("%s: header %q does not say %q", path, header, want)
			}
			var c counts
			for _, q := range readQuestions(t, path) {
				if q.Lang != lang {
					t.Errorf("%s: %q has lang %q", path, q.Q, q.Lang)
				}
				if other, ok := seen[strings.ToLower(q.Q)]; ok {
					t.Errorf("%s: %q is also in %s", path, q.Q, other)
				}
				seen[strings.ToLower(q.Q)] = path
				switch {
				case q.Kind == KindSmallTalk:
					c.smallTalk++
				case q.Expect == "":
					c.unknown++
				case !ids[q.Expect]:
					t.Errorf("%s: %q expects %q, which is not an article", path, q.Q, q.Expect)
				default:
					c.answerable++
				}
			}
			per[split] = c
			total.answerable += c.answerable
			total.unknown += c.unknown
			total.smallTalk += c.smallTalk
		}
		if total.answerable < 150 || total.unknown < 40 || total.smallTalk < 20 {
			t.Errorf("%s: %+v, want at least 150 answerable, 40 unknown, 20 small talk", lang, total)
		}
		d, e := per["dev"], per["test"]
		if d.answerable-e.answerable > 4 || e.answerable-d.answerable > 4 || d.unknown != e.unknown || d.smallTalk != e.smallTalk {
			t.Errorf("%s: dev %+v and test %+v are not about half and half", lang, d, e)
		}
	}
}

// firstLineHeader returns the "header" of the first line of path ("" when
// the first line is not a header).
func firstLineHeader(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	if !sc.Scan() {
		return ""
	}
	var h struct{ Header string }
	if json.Unmarshal(sc.Bytes(), &h) != nil {
		return ""
	}
	return h.Header
}
