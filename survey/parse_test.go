package survey_test

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/aulabot/aulabot/survey"
)

// valid is a survey with one question of each type and a show_if.
const valid = `id: demo-base
series: demo
wave: baseline
title: {es: Demo, en: Demo}
audience: all
anonymous: true
opens: 2026-03-01
closes: 2026-03-31
questions:
  - id: quality
    type: likert
    text: {es: Calidad, en: Quality}
  - id: device
    type: single
    text: {es: Dispositivo, en: Device}
    options:
      - {id: pc, es: Computadora, en: Computer}
      - {id: phone, es: Celular, en: Phone}
  - id: why
    type: multiple
    show_if: {question: device, equals: phone}
    text: {es: Por qué, en: Why}
    options:
      - {id: cost, es: Costo, en: Cost}
      - {id: habit, es: Costumbre, en: Habit}
  - id: overall
    type: scale
    text: {es: General, en: Overall}
  - id: study
    type: likert
    audience: student
    text: {es: Estudio, en: Study}
  - id: comments
    type: text
    optional: true
    text: {es: Comentarios, en: Comments}
`

func TestParse_Valid(t *testing.T) {
	s, probs := survey.Parse("demo.yaml", []byte(valid))
	if len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	if s.ID != "demo-base" || s.Series() != "demo" || s.Wave != survey.Baseline || !s.Anonymous || len(s.Questions) != 6 {
		t.Fatalf("survey = %+v", s)
	}
	if s.Opens != (survey.Date{Year: 2026, Month: 3, Day: 1}) || s.Closes.String() != "2026-03-31" {
		t.Errorf("dates = %v, %v", s.Opens, s.Closes)
	}
	if q := s.Question("overall"); q.Min != 0 || q.Max != 10 || q.Signature() != "scale:0-10" || q.Line != 26 || q.Labels != nil {
		t.Errorf("overall = %+v", q)
	}
	// A scale may name its two ends.
	named, probs := survey.Parse("demo.yaml", []byte(strings.Replace(valid, "    type: scale\n", "    type: scale\n    labels: [{es: muy mala, en: very poor}, {es: excelente, en: excellent}]\n", 1)))
	if len(probs) > 0 {
		t.Fatalf("a scale with its ends named: %v", probs)
	}
	if q := named.Question("overall"); len(q.Labels) != 2 || q.Labels[0].ES != "muy mala" || q.Labels[1].EN != "excellent" || q.Signature() != "scale:0-10" {
		t.Errorf("a scale with its ends named: %+v", q)
	}
	if q := s.Question("quality"); len(q.Labels) != 5 || q.Labels[4].EN != "Strongly agree" || !q.Headline {
		t.Errorf("quality = %+v", q)
	}
	if q := s.Question("why"); q.Options[0].Exclusive || q.Options[1].Exclusive {
		t.Errorf("why: an option is exclusive without saying so: %+v", q.Options)
	}
	mixed, probs := survey.Parse("demo.yaml", []byte(strings.Replace(valid, "{id: habit, es: Costumbre, en: Habit}", "{id: habit, es: Costumbre, en: Habit, exclusive: true}", 1)))
	if len(probs) > 0 {
		t.Fatalf("an exclusive option: %v", probs)
	}
	if q := mixed.Question("why"); q.Options[0].Exclusive || !q.Options[1].Exclusive || q.Options[1].Text.EN != "Habit" || q.Signature() != "multiple:cost,habit" {
		t.Errorf("why with habit exclusive: %+v", q.Options)
	}
	if q := s.Question("why"); q.ShowIf.Question != "device" || q.ShowIf.Values[0] != "phone" || q.Signature() != "multiple:cost,habit" {
		t.Errorf("why = %+v", q)
	}
}

// Every problem of a file is reported, each at its line.
func TestParse_Problems(t *testing.T) {
	for _, tc := range []struct {
		name       string
		old, new   string
		want       string
		wantAlso   []string
		wantNoMore bool
	}{
		{"unknown type", "type: scale\n", "type: slider\n", "demo.yaml:27: question overall: unknown question type \"slider\" (likert, single, multiple, scale or text)", nil, true},
		{"duplicate question id", "id: overall", "id: quality", "demo.yaml:26: duplicate question id \"quality\" (also line 10)", nil, true},
		{"show_if later question", "show_if: {question: device, equals: phone}", "show_if: {question: overall, equals: \"5\"}",
			"demo.yaml:21: question why: show_if names \"overall\", which is not an earlier question of this survey", nil, true},
		{"show_if unknown question", "show_if: {question: device, equals: phone}", "show_if: {question: nope, equals: x}",
			"demo.yaml:21: question why: show_if names \"nope\", which is not an earlier question of this survey", nil, true},
		{"show_if unknown option", "equals: phone}", "equals: tablet}", "demo.yaml:21: question why: show_if: \"tablet\" is not an option of device", nil, true},
		{"english missing", "text: {es: Calidad, en: Quality}", "text: {es: Calidad}", "demo.yaml:12: question quality: text: en missing (every text needs es and en)", nil, true},
		{"spanish missing", "title: {es: Demo, en: Demo}", "title: {en: Demo}", "demo.yaml:4: title: es missing (every text needs es and en)", nil, true},
		{"bad date", "opens: 2026-03-01", "opens: 2026-02-30", "demo.yaml:7: opens \"2026-02-30\" is not a date YYYY-MM-DD", nil, true},
		{"closes before opens", "closes: 2026-03-31", "closes: 2026-02-01", "demo.yaml:8: closes (2026-02-01) is before opens (2026-03-01)", nil, true},
		{"unknown key", "anonymous: true\n", "anonymous: true\ncolour: red\n", "demo.yaml:7: survey: unknown key \"colour\"", nil, false},
		{"unknown question key", "    optional: true\n", "    optional: true\n    maxlen: 5\n", "demo.yaml:36: question: unknown key \"maxlen\"", nil, false},
		{"no questions", valid[strings.Index(valid, "questions:"):], "questions: []\n", "demo.yaml:9: no questions", nil, true},
		{"anonymous missing", "anonymous: true\n", "", "demo.yaml:1: anonymous missing: say true (answers never stored with the person) or false", nil, true},
		{"bad audience", "audience: all", "audience: everyone", "demo.yaml:5: audience must be teacher, student or all, not \"everyone\"", nil, true},
		{"wave without series", "series: demo\n", "", "demo.yaml:2: a wave belongs to a series: add series: ID (the same in every wave)", nil, true},
		{"bad wave", "wave: baseline", "wave: middle", "demo.yaml:3: wave must be baseline, midline or endline, not \"middle\"", nil, true},
		{"likert labels", "    text: {es: Calidad, en: Quality}\n", "    text: {es: Calidad, en: Quality}\n    labels: [{es: a, en: a}]\n", "demo.yaml:13: question quality: a likert question has 5 labels (1 to 5), not 1", nil, true},
		{"options on likert", "    text: {es: Calidad, en: Quality}\n", "    text: {es: Calidad, en: Quality}\n    options: []\n", "demo.yaml:13: question quality: options does not apply to a likert question", nil, true},
		{"scale labels", "    type: scale\n", "    type: scale\n    labels: [{es: mal, en: bad}, {es: regular, en: fair}, {es: bien, en: good}]\n",
			"demo.yaml:28: question overall: a scale question has 2 labels (its two ends), not 3", nil, true},
		{"scale label english missing", "    type: scale\n", "    type: scale\n    labels: [{es: mal, en: bad}, {es: bien}]\n",
			"demo.yaml:28: question overall: label 2: en missing (every text needs es and en)", nil, true},
		{"exclusive on a single choice", "      - {id: pc, es: Computadora, en: Computer}\n", "      - {id: pc, es: Computadora, en: Computer, exclusive: true}\n",
			"demo.yaml:17: question device: exclusive applies to the options of a multiple question only", nil, true},
		{"exclusive not a bool", "      - {id: habit, es: Costumbre, en: Habit}\n", "      - {id: habit, es: Costumbre, en: Habit, exclusive: alone}\n",
			"demo.yaml:25: question why: option habit: exclusive must be true or false, not \"alone\"", nil, true},
		{"scale range", "    type: scale\n", "    type: scale\n    min: 5\n    max: 3\n", "demo.yaml:27: question overall: a scale runs from min to max within 0-10, min below max (not 5-3)", nil, true},
		{"not a bool", "optional: true", "optional: yes please", "demo.yaml:35: question comments: optional must be true or false, not \"yes please\"", nil, true},
		{"several at once", "type: scale\n", "type: slider\n", "demo.yaml:27: question overall: unknown question type",
			[]string{"demo.yaml:4: title: es missing"}, false},
		{"not yaml", "title: {es: Demo, en: Demo}", "title: {es: Demo, en: Demo", "demo.yaml:3: not valid YAML", nil, true},
		{"alias", "text: {es: Estudio, en: Study}", "text: *x", "demo.yaml:32: question: text: aliases (*name) are not supported", nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(valid, tc.old) {
				t.Fatalf("the test's text %q is not in the file", tc.old)
			}
			src := strings.Replace(valid, tc.old, tc.new, 1)
			switch tc.name {
			case "several at once":
				src = strings.Replace(src, "title: {es: Demo, en: Demo}", "title: {en: Demo}", 1)
			case "alias":
				src = strings.Replace(src, "title: {es: Demo", "title: &x {es: Demo", 1)
			}
			s, probs := survey.Parse("demo.yaml", []byte(src))
			if s != nil {
				t.Errorf("a survey with a problem was returned: %+v", s)
			}
			var got []string
			for _, p := range probs {
				got = append(got, p.String())
			}
			if !containsPrefix(got, tc.want) {
				t.Errorf("problems = %q\nwant one starting %q", got, tc.want)
			}
			for _, w := range tc.wantAlso {
				if !containsPrefix(got, w) {
					t.Errorf("problems = %q\nwant also %q", got, w)
				}
			}
			if tc.wantNoMore && len(got) != 1 {
				t.Errorf("problems = %q, want only one", got)
			}
		})
	}
}

func containsPrefix(list []string, prefix string) bool {
	for _, s := range list {
		if strings.HasPrefix(s, prefix) {
			return true
		}
	}
	return false
}

// The built-in pair loads without a problem, as a baseline and an endline
// of one series whose shared questions agree; the set lists the baseline
// first, though its file (percepciones-inicio) sorts after the endline's.
func TestLoad_Builtin(t *testing.T) {
	set, probs, err := survey.Load(survey.Builtin(), ".", nil)
	if err != nil || len(probs) > 0 {
		t.Fatalf("Load: %v %v", err, probs)
	}
	if all := set.All(); len(all) != 2 || all[0].ID != "percepciones-inicio" || all[1].ID != "percepciones-cierre" {
		t.Errorf("the set's order: %v, want the baseline first", all)
	}
	waves := set.Series("percepciones")
	if len(waves) != 2 || waves[0].Wave != survey.Baseline || waves[1].Wave != survey.Endline {
		t.Fatalf("waves = %v", waves)
	}
	for _, s := range waves {
		if !s.Anonymous || s.Audience != survey.ForAll {
			t.Errorf("%s: anonymous %v, audience %s", s.ID, s.Anonymous, s.Audience)
		}
		for _, id := range []string{"quality", "compared", "classroom", "video", "support", "workload", "study_plan", "study_focus"} {
			if q := s.Question(id); q == nil || q.Type != survey.Likert {
				t.Errorf("%s lacks the likert question %s", s.ID, id)
			}
		}
		for _, id := range []string{"study_plan", "study_focus"} {
			if q := s.Question(id); q.Audience != survey.ForStudent {
				t.Errorf("%s: %s is for %s, want students", s.ID, id, q.Audience)
			}
		}
	}
	// Spanish texts avoid gendered forms for a person of unknown gender.
	for _, f := range []string{"percepciones-inicio.yaml", "percepciones-cierre.yaml"} {
		data, err := fs.ReadFile(survey.Builtin(), f)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range []string{"seguro", "segura", "capacitado", "preparado", "satisfecho", "/a ", "(a)", "@"} {
			if strings.Contains(strings.ToLower(string(data)), w) {
				t.Errorf("%s uses the gendered form %q", f, w)
			}
		}
	}
}

// The checks across files: duplicate survey ids, two surveys of one wave,
// a shared question of another kind, mixed anonymity, an unknown
// university. The survey at fault is left out; the others load.
func TestLoad_Series(t *testing.T) {
	end := strings.NewReplacer("id: demo-base", "id: demo-end", "wave: baseline", "wave: endline").Replace(valid)
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  string
		ids   []string
	}{
		{"ok", map[string]string{"a.yaml": valid, "b.yaml": end}, "", []string{"demo-base", "demo-end"}},
		{"duplicate id", map[string]string{"a.yaml": valid, "b.yaml": strings.Replace(end, "id: demo-end", "id: demo-base", 1)},
			"b.yaml:1: duplicate survey id \"demo-base\" (also a.yaml:1)", []string{"demo-base"}},
		{"two baselines", map[string]string{"a.yaml": valid, "b.yaml": strings.Replace(end, "wave: endline", "wave: baseline", 1)},
			"b.yaml:1: series demo has two baseline surveys: demo-base and demo-end (a.yaml:1)", []string{"demo-base"}},
		{"retyped", map[string]string{"a.yaml": valid, "b.yaml": strings.Replace(end, "    type: scale\n", "    type: scale\n    max: 5\n", 1)},
			"b.yaml:26: question overall is a scale 0-5 here but a scale 0-10 in demo-base (a.yaml:26): the same id in the waves of a series must be the same kind of question", []string{"demo-base"}},
		{"other options", map[string]string{"a.yaml": valid, "b.yaml": strings.Replace(end, "{id: habit,", "{id: custom,", 1)},
			"b.yaml:19: question why is a multiple choice of cost, custom here but a multiple choice of cost, habit in demo-base (a.yaml:19)", []string{"demo-base"}},
		{"likert became single", map[string]string{"a.yaml": valid, "b.yaml": strings.Replace(end, "    type: likert\n    text: {es: Calidad", "    type: single\n    options: [{id: a, es: a, en: a}, {id: b, es: b, en: b}]\n    text: {es: Calidad", 1)},
			"b.yaml:10: question quality is a single choice of a, b here but a likert question in demo-base (a.yaml:10)", []string{"demo-base"}},
		{"mixed anonymity", map[string]string{"a.yaml": valid, "b.yaml": strings.Replace(end, "anonymous: true", "anonymous: false", 1)},
			"b.yaml:1: series demo: anonymous is false here but true in demo-base (a.yaml:1): the waves of a series are all anonymous or none is", []string{"demo-base"}},
		{"unknown university", map[string]string{"a.yaml": valid, "b.yaml": strings.Replace(end, "audience: all", "audience: all\nuniversities: [unsa, nowhere]", 1)},
			"b.yaml:1: universities: \"nowhere\" is not a university of the configuration", []string{"demo-base"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, src := range tc.files {
				fsys[name] = &fstest.MapFile{Data: []byte(src)}
			}
			set, probs, err := survey.Load(fsys, ".", func(u string) bool { return u == "unsa" })
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range probs {
				got = append(got, p.String())
			}
			if tc.want == "" && len(got) > 0 || tc.want != "" && (len(got) != 1 || !strings.HasPrefix(got[0], tc.want)) {
				t.Errorf("problems = %q, want %q", got, tc.want)
			}
			var ids []string
			for _, s := range set.All() {
				ids = append(ids, s.ID)
			}
			if strings.Join(ids, ",") != strings.Join(tc.ids, ",") {
				t.Errorf("loaded %v, want %v", ids, tc.ids)
			}
		})
	}
}
