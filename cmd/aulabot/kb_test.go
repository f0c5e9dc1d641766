package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const testKB = "../../knowledge/testdata/kb"

func runKBTest(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := runKB(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestRunKB_Check(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		code, out, _ := runKBTest("check", "--kb", testKB)
		if code != 0 || out != "ok: 6 articles\n" {
			t.Errorf("exit %d, out %q", code, out)
		}
	})
	t.Run("Builtin", func(t *testing.T) {
		code, out, _ := runKBTest("check")
		if code != 0 || !strings.HasPrefix(out, "ok: ") {
			t.Errorf("exit %d, out %q", code, out)
		}
	})
	t.Run("Problems", func(t *testing.T) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "bad.md"), []byte("---\ntitle: T\nlang: es\nautor: Ana\n---\nB\n"), 0o644)
		os.WriteFile(filepath.Join(dir, "nofm.md"), []byte("hola\n"), 0o644)
		code, out, _ := runKBTest("check", "--kb", dir)
		want := filepath.Join(dir, "bad.md") + `:4: unknown key "autor"`
		if code != 1 || !strings.Contains(out, want) || !strings.Contains(out, filepath.Join(dir, "nofm.md")+":1: missing front matter") {
			t.Errorf("exit %d, out %q, want a line %q", code, out, want)
		}
	})
	t.Run("MissingFolder", func(t *testing.T) {
		if code, _, errOut := runKBTest("check", "--kb", "/nonexistent/kb"); code != 2 || errOut == "" {
			t.Errorf("exit %d, stderr %q", code, errOut)
		}
	})
}

func TestRunKB_Search(t *testing.T) {
	t.Run("JSON", func(t *testing.T) {
		code, out, _ := runKBTest("search", "--kb", testKB, "--json", "no puedo subir mi tarea")
		if code != 0 {
			t.Fatalf("exit %d", code)
		}
		var got struct {
			Confidence string `json:"confidence"`
			Results    []struct {
				ID    string  `json:"id"`
				Title string  `json:"title"`
				Score float64 `json:"score"`
			} `json:"results"`
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("%v in %q", err, out)
		}
		if got.Confidence != "answer" || len(got.Results) == 0 || got.Results[0].ID != "moodle-entregar-tarea" ||
			got.Results[0].Title != "¿Cómo entrego una tarea en Moodle?" || got.Results[0].Score <= 0 {
			t.Errorf("got %+v", got)
		}
	})
	t.Run("NoneIsEmptyList", func(t *testing.T) {
		_, out, _ := runKBTest("search", "--kb", testKB, "--lang", "en", "--json", "%%%")
		if strings.TrimSpace(out) != `{"confidence":"none","results":[]}` {
			t.Errorf("got %q", out)
		}
	})
	t.Run("SmallTalkIsNone", func(t *testing.T) {
		_, out, _ := runKBTest("search", "--kb", testKB, "--lang", "en", "--json", "🙂")
		if strings.TrimSpace(out) != `{"confidence":"none","small_talk":"ack","results":[]}` {
			t.Errorf("got %q", out)
		}
		_, out, _ = runKBTest("search", "--kb", testKB, "muchas gracias")
		if out != "confidence: none\nsmall talk: thanks\n" {
			t.Errorf("got %q", out)
		}
	})
	t.Run("Text", func(t *testing.T) {
		code, out, _ := runKBTest("search", "--kb", testKB, "--lang", "en", "how do I submit an assignment")
		if code != 0 || !strings.HasPrefix(out, "confidence: answer\n1. moodle-submit-assignment") {
			t.Errorf("exit %d, out %q", code, out)
		}
	})
	t.Run("As", func(t *testing.T) {
		// The students' article is not shown to a teacher, as in the bot.
		_, out, _ := runKBTest("search", "--kb", testKB, "--as", "student", "no puedo subir mi tarea")
		if !strings.Contains(out, "1. moodle-entregar-tarea ") {
			t.Errorf("as a student: %q", out)
		}
		_, out, _ = runKBTest("search", "--kb", testKB, "--as", "teacher", "no puedo subir mi tarea")
		if strings.Contains(out, "moodle-entregar-tarea") {
			t.Errorf("as a teacher: %q", out)
		}
	})
	for name, args := range map[string][]string{
		"NoQuestion":   {"search", "--kb", testKB},
		"TwoQuestions": {"search", "a", "b"},
		"BadLang":      {"search", "--lang", "fr", "x"},
		"BadAs":        {"search", "--as", "admin", "x"},
		"BadFlag":      {"search", "--nope", "x"},
	} {
		t.Run(name, func(t *testing.T) {
			if code, _, errOut := runKBTest(args...); code != 2 || !strings.Contains(errOut, "usage:") {
				t.Errorf("exit %d, stderr %q", code, errOut)
			}
		})
	}
}

func TestRunKB_Eval(t *testing.T) {
	qs := filepath.Join(t.TempDir(), "q.jsonl")
	os.WriteFile(qs, []byte(`{"header":"a set of three"}
{"q":"no puedo subir mi tarea","expect":"moodle-entregar-tarea","lang":"es"}
{"q":"¿quién ganó el mundial de 1930?","expect":"","lang":"es"}
{"q":"👍","expect":"","lang":"es","kind":"smalltalk"}
`), 0o644)
	code, out, _ := runKBTest("eval", "--kb", testKB, "--questions", qs)
	for _, want := range []string{"questions: 3 (answerable 1, absent 1, small talk 1)", "P@1: 1.000", "recall@3: 1.000", "MRR: 1.000", "abstention precision:", "abstention recall: 1.000", "small talk answered with an article: 0.000, \"none\": 1.000", "latency p50:", "latency p99:"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if code != 0 {
		t.Errorf("exit %d", code)
	}
	if code, _, errOut := runKBTest("eval", "--kb", testKB); code != 2 || !strings.Contains(errOut, "--questions") {
		t.Errorf("without --questions: exit %d, stderr %q", code, errOut)
	}
	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	os.WriteFile(bad, []byte("{\"q\":\"hola\",\"expect\":\"x\",\"kind\":\"smalltalk\"}\n"), 0o644)
	if code, out, errOut := runKBTest("eval", "--kb", testKB, "--questions", bad); code != 2 || out != "" || !strings.Contains(errOut, bad+": line 1: small talk") {
		t.Errorf("small talk expecting an article: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

func TestRunKB_Usage(t *testing.T) {
	for _, args := range [][]string{nil, {"frobnicate"}} {
		if code, _, errOut := runKBTest(args...); code != 2 || !strings.Contains(errOut, "usage:") {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
	}
}
