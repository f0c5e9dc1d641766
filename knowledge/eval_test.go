package knowledge

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// xquadDir holds the shared evaluation sets (shared/eval beside the repo).
const xquadDir = "../../shared/eval/xquad"

func readQuestions(t testing.TB, path string) []EvalQuestion {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("evaluation set missing (shared/eval must sit beside the repo): %v", err)
	}
	defer f.Close()
	qs, err := ReadEvalQuestions(f)
	if err != nil {
		t.Fatal(err)
	}
	return qs
}

// TestEvaluate_XQuAD holds retrieval quality on the XQuAD sets at the
// figures documented in the README's Knowledge base section. Spanish P@1 is
// held at the count last measured (612 questions in each set) minus one
// question: 578 clean and 576 phone-typed, since the imperfect "-aba" and
// nouns in "-cción" stem like their verbs (spanish.go) and the forms of
// "estar" are stop words.
func TestEvaluate_XQuAD(t *testing.T) {
	t.Parallel() // slow under -race, and reads only what it made or a base loaded once: beside the others
	floors := map[string]struct{ clean, phone float64 }{
		"es": {(578 - 1) / 612.0, (576 - 1) / 612.0},
		"en": {0.94, 0.94},
	}
	for _, lang := range []string{"es", "en"} {
		t.Run(lang, func(t *testing.T) {
			dir := filepath.Join(xquadDir, lang)
			b, probs, err := Load(os.DirFS(dir), "kb")
			if err != nil || len(probs) > 0 {
				t.Fatalf("err %v problems %v", err, probs)
			}
			defer b.Close()
			clean := Evaluate(b, readQuestions(t, filepath.Join(dir, "questions.jsonl")))
			phone := Evaluate(b, readQuestions(t, filepath.Join(dir, "questions-phone.jsonl")))
			absent := Evaluate(b, readQuestions(t, filepath.Join(dir, "questions-absent.jsonl")))
			t.Logf("clean %+v", clean)
			t.Logf("phone %+v", phone)
			t.Logf("absent %+v", absent)
			if clean.PrecisionAt1 < floors[lang].clean {
				t.Errorf("clean P@1 %.3f < %.3f", clean.PrecisionAt1, floors[lang].clean)
			}
			if phone.PrecisionAt1 < floors[lang].phone {
				t.Errorf("phone P@1 %.3f < %.3f", phone.PrecisionAt1, floors[lang].phone)
			}
			if phone.Found < 0.95 {
				t.Errorf("phone: right article shown for %.3f of questions, want >= 0.95", phone.Found)
			}
			if absent.AbstainRecall < 0.9 {
				t.Errorf("absent: %.3f not answered directly, want >= 0.9", absent.AbstainRecall)
			}
			if clean.AnswerPrecision < 0.97 || phone.AnswerPrecision < 0.97 {
				t.Errorf("direct answers right %.3f (clean) %.3f (phone), want >= 0.97", clean.AnswerPrecision, phone.AnswerPrecision)
			}
		})
	}
}

func TestReadEvalQuestions(t *testing.T) {
	qs, err := ReadEvalQuestions(strings.NewReader("{\"q\":\"a\",\"expect\":\"x\",\"lang\":\"es\"}\n\n{\"q\":\"b\",\"expect\":\"\"}\n"))
	if err != nil || len(qs) != 2 || qs[0] != (EvalQuestion{Q: "a", Expect: "x", Lang: "es"}) || qs[1].Expect != "" {
		t.Fatalf("got %v %v", qs, err)
	}
	if _, err := ReadEvalQuestions(strings.NewReader("{\"q\":1}\nnot json\n")); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("got %v, want an error naming line 1", err)
	}
}

// A set may start with a header line, and marks small talk and the
// asker's university; lines that would be miscounted are refused by number.
func TestReadEvalQuestions_HeaderKindUniversity(t *testing.T) {
	in := `
{"header": "dev: may be tuned on"}
{"q": "hola", "expect": "", "lang": "es", "kind": "smalltalk"}
{"q": "telefono de soporte", "expect": "unma-mesa-de-ayuda", "lang": "es", "university": "unma", "note": "ignored"}
{"q": "como califico", "expect": "", "lang": "es", "audience": "teacher"}
`
	qs, err := ReadEvalQuestions(strings.NewReader(in))
	want := []EvalQuestion{
		{Q: "hola", Lang: "es", Kind: KindSmallTalk},
		{Q: "telefono de soporte", Expect: "unma-mesa-de-ayuda", Lang: "es", University: "unma"},
		{Q: "como califico", Lang: "es", Audience: "teacher"},
	}
	if err != nil || !slices.Equal(qs, want) {
		t.Fatalf("got %+v %v, want %+v", qs, err, want)
	}
	for _, c := range []struct{ in, err string }{
		{"{\"q\":\"a\"}\n{\"header\":\"late\"}\n", "line 2: a header must be the first line"},
		{"{\"header\":\"h\"}\n{\"expect\":\"x\"}\n", "line 2: no \"q\""},
		{"{\"q\":\"a\",\"kind\":\"chitchat\"}\n", "line 1: unknown kind \"chitchat\""},
		{"{\"q\":\"hola\",\"expect\":\"x\",\"kind\":\"smalltalk\"}\n", "line 1: small talk must expect \"\""},
		{"{\"q\":\"a\"}\n{\"q\":\"b\",\"audience\":\"admin\"}\n", "line 2: unknown audience \"admin\""},
	} {
		if _, err := ReadEvalQuestions(strings.NewReader(c.in)); err == nil || !strings.Contains(err.Error(), c.err) {
			t.Errorf("%q: got %v, want %q", c.in, err, c.err)
		}
	}
}

// FuzzReadEvalQuestions: any input gives questions or an error, never a
// panic, and every question returned is one the evaluation can count.
func FuzzReadEvalQuestions(f *testing.F) {
	f.Add("{\"header\":\"h\"}\n{\"q\":\"hola\",\"expect\":\"\",\"kind\":\"smalltalk\"}\n")
	f.Add("{\"q\":\"a\",\"expect\":\"x\",\"lang\":\"es\",\"university\":\"unma\"}\n\n")
	f.Add("{\"q\":1}\n")
	f.Fuzz(func(t *testing.T, in string) {
		qs, err := ReadEvalQuestions(strings.NewReader(in))
		if err != nil {
			if qs != nil {
				t.Fatalf("questions %v with error %v", qs, err)
			}
			return
		}
		if len(qs) > strings.Count(in, "\n")+1 {
			t.Fatalf("%d questions from %d lines", len(qs), strings.Count(in, "\n")+1)
		}
		for _, q := range qs {
			if q.Q == "" || (q.Kind != "" && q.Kind != KindSmallTalk) || (q.Kind == KindSmallTalk && q.Expect != "") ||
				(q.Audience != "" && q.Audience != "teacher" && q.Audience != "student") {
				t.Fatalf("accepted %+v", q)
			}
		}
	})
}

func TestEvaluate(t *testing.T) {
	b := loadTestBase(t)
	r := Evaluate(b, []EvalQuestion{
		{Q: "no puedo subir mi tarea", Expect: "moodle-entregar-tarea", Lang: "es"},
		{Q: "rúbrica de evaluación", Expect: "moodle-ver-notas", Lang: "es"},
		{Q: "zqxw wxqz", Expect: "", Lang: "es"},
	})
	if r.Questions != 3 || r.Answerable != 2 || r.Absent != 1 {
		t.Fatalf("counts %+v", r)
	}
	if r.PrecisionAt1 != 0.5 || r.AbstainRecall != 1 {
		t.Errorf("P@1 %.2f abstention recall %.2f, want 0.5 and 1", r.PrecisionAt1, r.AbstainRecall)
	}
	if out := r.String(); !strings.Contains(out, "P@1: 0.500") || !strings.Contains(out, "latency p99:") {
		t.Errorf("report:\n%s", out)
	}
}

// Small talk is measured apart: it does not count as an unknown topic in
// the abstention figures, and the university reaches the search.
func TestEvaluate_SmallTalkAndUniversity(t *testing.T) {
	b := loadTestBase(t)
	qs := []EvalQuestion{
		{Q: "mesa de ayuda del aula virtual", Expect: "unsa-mesa-ayuda", Lang: "es", University: "unsa"},
		{Q: "zqxw wxqz", Expect: "", Lang: "es"},
		{Q: "no puedo subir mi tarea", Lang: "es", Kind: KindSmallTalk},
		{Q: "👍", Lang: "es", Kind: KindSmallTalk},
	}
	r := Evaluate(b, qs)
	if r.Questions != 4 || r.Answerable != 1 || r.Absent != 1 || r.SmallTalk != 2 {
		t.Fatalf("counts %+v", r)
	}
	if r.PrecisionAt1 != 1 || r.Answered != 1 || r.AnswerPrecision != 1 {
		t.Errorf("university article: P@1 %.2f answered %.2f precision %.2f, want 1 1 1", r.PrecisionAt1, r.Answered, r.AnswerPrecision)
	}
	if r.AbstainPrecision != 1 || r.AbstainRecall != 1 {
		t.Errorf("abstention precision %.2f recall %.2f, want 1 and 1 (small talk left out)", r.AbstainPrecision, r.AbstainRecall)
	}
	if r.SmallTalkAnswered != 0.5 || r.SmallTalkNone != 0.5 {
		t.Errorf("small talk answered %.2f none %.2f, want 0.5 and 0.5", r.SmallTalkAnswered, r.SmallTalkNone)
	}
	out := r.String()
	for _, want := range []string{"small talk 2)", "small talk answered with an article: 0.500, \"none\": 0.500"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	qs[0].University = ""
	if r := Evaluate(b, qs[:1]); r.PrecisionAt1 != 0 {
		t.Errorf("without the university the article was found: P@1 %.2f", r.PrecisionAt1)
	}
}

// The asker's role reaches the search: a teacher is not shown an article
// written for students, as in the bot.
func TestEvaluate_Audience(t *testing.T) {
	b := loadTestBase(t)
	q := EvalQuestion{Q: "no puedo subir mi tarea", Expect: "moodle-entregar-tarea", Lang: "es", Audience: "student"}
	if r := Evaluate(b, []EvalQuestion{q}); r.PrecisionAt1 != 1 {
		t.Fatalf("a student: P@1 %.2f, want 1", r.PrecisionAt1)
	}
	q.Audience = "teacher"
	if r := Evaluate(b, []EvalQuestion{q}); r.PrecisionAt1 != 0 {
		t.Errorf("a teacher was shown the students' article: P@1 %.2f, want 0", r.PrecisionAt1)
	}
}
