package knowledge

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// xquadDir holds the shared evaluation sets (shared/eval beside the repo).
const xquadDir = "../../shared/eval/xquad"

func readQuestions(t *testing.T, path string) []EvalQuestion {
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
// figures documented in the README's Knowledge base section.
func TestEvaluate_XQuAD(t *testing.T) {
	floors := map[string]struct{ clean, phone float64 }{
		"es": {0.94, 0.93},
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

// TestEvaluate_Builtin checks the built-in base against its own question set
// (paraphrases as people type them, and questions it cannot answer).
func TestEvaluate_Builtin(t *testing.T) {
	b, _, err := Load(Builtin(), ".")
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	for _, lang := range []string{"es", "en"} {
		t.Run(lang, func(t *testing.T) {
			r := Evaluate(b, readQuestions(t, "eval/builtin-"+lang+".jsonl"))
			t.Logf("%+v", r)
			if r.Found < 0.85 {
				t.Errorf("right article shown for %.3f, want >= 0.85", r.Found)
			}
			if r.PrecisionAt1 < 0.8 {
				t.Errorf("P@1 %.3f, want >= 0.8", r.PrecisionAt1)
			}
			if r.AbstainRecall < 0.9 {
				t.Errorf("absent questions not answered directly: %.3f, want >= 0.9", r.AbstainRecall)
			}
			if r.AnswerPrecision < 0.9 {
				t.Errorf("direct answers right: %.3f, want >= 0.9", r.AnswerPrecision)
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
