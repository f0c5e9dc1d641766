package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/store"
	"github.com/aulabot/aulabot/survey"
)

// runCmd runs the command line args with no configuration in the
// environment.
func runCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	t.Setenv("AULABOT_CONFIG", "")
	t.Setenv("AULABOT_DATA", "")
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// copyBuiltin writes the built-in survey files into a new folder, after
// edit.
func copyBuiltin(t *testing.T, edit func(string) string) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range []string{"percepciones-inicio.yaml", "percepciones-cierre.yaml"} {
		b, err := fs.ReadFile(survey.Builtin(), f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), []byte(edit(string(b))), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestSurveyCheck(t *testing.T) {
	code, out, errs := runCmd(t, "survey", "check")
	if code != 0 || out != "ok: 2 surveys; series: percepciones (baseline, endline)\n" {
		t.Errorf("built-in: exit %d, %q %q", code, out, errs)
	}

	dir := copyBuiltin(t, func(s string) string { return s })
	bad := filepath.Join(dir, "percepciones-cierre.yaml")
	b, _ := os.ReadFile(bad)
	os.WriteFile(bad, []byte(strings.Replace(strings.Replace(string(b), "type: scale", "type: slider", 1), "    type: single\n    text:\n      es: ¿Qué apoyo", "    type: single\n    show_if: {question: nope, equals: x}\n    text:\n      es: ¿Qué apoyo", 1)), 0o600)
	os.WriteFile(filepath.Join(dir, "empty.yaml"), []byte("id: x\ntitle: {es: X, en: X}\naudience: all\nanonymous: false\nquestions: []\n"), 0o600)
	code, out, errs = runCmd(t, "survey", "check", "--dir", dir)
	want := []string{
		filepath.Join(dir, "empty.yaml") + ":5: no questions",
		bad + ":59: question overall: unknown question type \"slider\" (likert, single, multiple, scale or text)",
		bad + ":100: question helped: show_if names \"nope\", which is not an earlier question of this survey",
	}
	if code != 1 || out != strings.Join(want, "\n")+"\n" || errs != "3 problem(s)\n" {
		t.Errorf("bad files: exit %d\n%s%s\nwant\n%s", code, out, errs, strings.Join(want, "\n"))
	}

	for _, args := range [][]string{{"survey"}, {"survey", "check", "extra"}, {"survey", "check", "--nope"}, {"survey", "frobnicate"},
		{"survey", "results"}, {"survey", "results", "--series", "x", "--format", "pdf"}} {
		if code, _, errs := runCmd(t, args...); code != 2 || !strings.Contains(errs, "usage:") {
			t.Errorf("%q: exit %d, %q; want 2 and the usage", args, code, errs)
		}
	}
	if code, _, errs := runCmd(t, "survey", "check", "--dir", filepath.Join(dir, "none")); code != 2 || !strings.Contains(errs, "none") {
		t.Errorf("missing folder: exit %d, %q", code, errs)
	}
}

// answerAll has each person answer every question shown to them in the
// waves: baseline 3 to every Likert item, endline 4 (5 for students).
func answerAll(t *testing.T, st *store.Store, waves []*survey.Survey, people map[int64][2]string) {
	t.Helper()
	err := st.Update(func(tx *store.Tx) error {
		for id, p := range people {
			if err := tx.PutUser(aulabot.User{ID: id, Name: "P", University: p[0], Role: p[1], ConsentAt: tx.Now()}); err != nil {
				return err
			}
			for w, sv := range waves {
				for {
					pr, err := tx.SurveyProgress(sv, id)
					if err != nil || pr.Done {
						if err != nil {
							return err
						}
						break
					}
					q := pr.Next
					a := survey.Answer{Number: q.Min}
					switch q.Type {
					case survey.Likert:
						a.Number = 3 + w
						if w == 1 && p[1] == "student" {
							a.Number = 5
						}
					case survey.Single, survey.Multiple:
						a = survey.Answer{Choices: []string{q.Options[0].ID}}
					case survey.Text:
						a = survey.Answer{Text: "bien"}
					}
					if _, err := tx.AnswerSurvey(sv, id, q.ID, a, time.UTC); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// people are six teachers and six students of unma, and two teachers of
// unvs.
func surveyPeople() map[int64][2]string {
	out := map[int64][2]string{}
	for i := range int64(6) {
		out[7000+i] = [2]string{"unma", "teacher"}
		out[7100+i] = [2]string{"unma", "student"}
	}
	out[7200], out[7201] = [2]string{"unvs", "teacher"}, [2]string{"unvs", "teacher"}
	return out
}

// checkResults checks the figures of surveyPeople's answers: every teacher
// went from 3 to 4 on every Likert item (+33.3 %), every student from 3
// to 5 (+66.7 %); unvs's two teachers are "fewer than 5".
func checkResults(t *testing.T, res *survey.Results) {
	t.Helper()
	byName := map[string]survey.Group{}
	for _, g := range res.Groups {
		byName[g.University+"/"+g.Role] = g
	}
	for _, tc := range []struct {
		group string
		n     float64
		pct   float64
	}{{"unma/teacher", 6, 100.0 / 3}, {"unma/student", 6, 200.0 / 3}, {"/teacher", 8, 100.0 / 3}} {
		h := byName[tc.group].Headline
		if h == nil {
			t.Fatalf("no group %s", tc.group)
		}
		n, _ := h.NBefore.Value()
		p, _ := h.Percent.Value()
		if !h.Paired || n != tc.n || p < tc.pct-1e-9 || p > tc.pct+1e-9 {
			t.Errorf("%s: headline %+v", tc.group, h)
		}
	}
	for _, q := range byName["unma/teacher"].Questions {
		if q.ID == "study_plan" || q.ID == "study_focus" {
			t.Errorf("the teachers' results show %s, a question only students are asked", q.ID)
		}
	}
	if g := byName["unvs/teacher"]; !g.Headline.Percent.Withheld() || !g.Waves[0].Respondents.Withheld() || g.Waves[0].Audience != 2 {
		t.Errorf("unvs: %+v", g)
	}
}

// "aulabot survey results" reads a database no bot holds, in each format.
func TestSurveyResults(t *testing.T) {
	p := filepath.Join(t.TempDir(), "aulabot.db")
	st, err := store.Open(p, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	set, _, _ := loadSurveys("", nil)
	answerAll(t, st, set.Series("percepciones"), surveyPeople())
	st.Close()

	code, out, errs := runCmd(t, "survey", "results", "--series", "percepciones", "--data", p, "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var res survey.Results
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	checkResults(t, &res)

	_, md, _ := runCmd(t, "survey", "results", "--series", "percepciones", "--data", p)
	for _, want := range []string{
		"# Survey results: percepciones",
		"## unma · teachers",
		"| baseline | 6 | 6 | 6 | 100.0 % |",
		"**Perceptions (headline index): +33.3 % [33.3, 33.3]** — 3.00 → 4.00 on 1-5, over 6 pairs, d_z n/a; favourable answers 0.0 % → 100.0 %.",
		"**Perceptions (headline index): +66.7 % [66.7, 66.7]** — 3.00 → 5.00 on 1-5, over 6 pairs",
		"| quality | 3.00 | 4.00 | +33.3 % | [33.3, 33.3] | d_z n/a | 0.0 % → 100.0 % | 6 pairs |",
		"## unvs · teachers",
		"| baseline | fewer than 5 | fewer than 5 | 2 | fewer than 5 |",
		"**Perceptions (headline index):** fewer than 5 people in a wave.",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	_, out, _ = runCmd(t, "survey", "results", "--series", "percepciones", "--data", p, "--format", "csv", "--university", "unvs")
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || strings.Join(rows[0], ",") != "university,role,question,wave,figure,value" {
		t.Fatalf("csv: %v %q", err, rows)
	}
	found := false
	for _, r := range rows[1:] {
		if r[0] != "unvs" {
			t.Errorf("--university unvs gave a row of %s", r[0])
		}
		if strings.Join(r, ",") == "unvs,teacher,headline,change,change_pct,fewer than 5" {
			found = true
		}
	}
	if !found {
		t.Errorf("csv lacks unvs's headline row:\n%s", out)
	}

	code, _, errs = runCmd(t, "survey", "results", "--series", "nope", "--data", p)
	if code != 1 || !strings.Contains(errs, `no survey series "nope" (there are: percepciones)`) {
		t.Errorf("unknown series: exit %d, %q", code, errs)
	}
}

// While a bot runs, "aulabot survey results" asks it through the control
// socket, and gets what the database gives when no bot runs.
func TestSurveyResults_Running(t *testing.T) {
	h := newHarness(t, nil)
	ctl, err := h.M.listenControl()
	if err != nil {
		t.Fatal(err)
	}
	defer ctl.Close()
	answerAll(t, h.M.Store, h.M.Surveys.Series("percepciones"), surveyPeople())
	code, out, errs := runCmd(t, "survey", "results", "--series", "percepciones", "--data", h.Data, "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var running survey.Results
	if err := json.Unmarshal([]byte(out), &running); err != nil {
		t.Fatal(err)
	}
	checkResults(t, &running)
	direct, err := computeResults(h.M.Store, h.M.Surveys, h.M.Config, "percepciones", "")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(direct, &running) {
		t.Error("the running bot's results differ from the database's")
	}
	code, _, errs = runCmd(t, "survey", "results", "--series", "percepciones", "--university", "nowhere", "--data", h.Data)
	if code != 1 || !strings.Contains(errs, `no university "nowhere"`) {
		t.Errorf("unknown university: exit %d, %q", code, errs)
	}
}

// Start-up refuses a survey folder that switches anonymity off after
// anonymous answers, with one line naming the file and the survey; a
// survey with a problem is left out and logged, the others load.
func TestSurveyStartup(t *testing.T) {
	dir := t.TempDir()
	surveys := copyBuiltin(t, func(s string) string { return s })
	cfg := filepath.Join(dir, "aulabot.yaml")
	os.WriteFile(cfg, []byte("surveys: "+surveys+"\nuniversities:\n  - id: unsa\n    team_chat: -2001\n"), 0o600)
	data := filepath.Join(dir, "aulabot.db")
	st, err := store.Open(data, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	set, _, _ := loadSurveys(surveys, nil)
	answerAll(t, st, set.Series("percepciones")[:1], map[int64][2]string{7: {"unsa", "teacher"}})
	st.Close()

	for _, f := range []string{"percepciones-inicio.yaml", "percepciones-cierre.yaml"} {
		b, _ := os.ReadFile(filepath.Join(surveys, f))
		os.WriteFile(filepath.Join(surveys, f), bytes.Replace(b, []byte("anonymous: true"), []byte("anonymous: false"), 1), 0o600)
	}
	code, stderr := runBot(t, "serve", "--config", cfg, "--data", data)
	want := "aulabot: " + filepath.Join(surveys, "percepciones-inicio.yaml") + ":5: survey percepciones-inicio: anonymous cannot be switched off: series percepciones already has anonymous responses"
	if code != 1 || !strings.HasPrefix(stderr, want) || strings.Count(stderr, "\n") != 1 {
		t.Errorf("exit %d, %q\nwant %q", code, stderr, want)
	}

	m := NewMain(Settings{DataPath: filepath.Join(dir, "other.db")}, nil)
	var logs bytes.Buffer
	m.Log = slog.New(slog.NewTextHandler(&logs, nil))
	m.Config, _ = config.Load(cfg)
	os.WriteFile(filepath.Join(surveys, "percepciones-inicio.yaml"), []byte("id: broken\n"), 0o600)
	if m.Store, err = store.Open(m.Settings.DataPath, store.Options{NoSync: true}); err != nil {
		t.Fatal(err)
	}
	defer m.Store.Close()
	if err := m.openSurveys(); err != nil {
		t.Fatal(err)
	}
	if ids := len(m.Surveys.All()); ids != 1 || m.Surveys.All()[0].ID != "percepciones-cierre" {
		t.Errorf("loaded %v, want the endline alone", m.Surveys.All())
	}
	if !strings.Contains(logs.String(), "survey left out") || !strings.Contains(logs.String(), "percepciones-inicio.yaml:1: title missing") {
		t.Errorf("log: %s", logs.String())
	}
}
