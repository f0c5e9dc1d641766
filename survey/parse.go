package survey

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Problem is something wrong in a survey file, at a line.
type Problem struct {
	File string
	Line int
	Msg  string
}

// String formats the problem as FILE:LINE: message, the format editors
// jump to.
func (p Problem) String() string { return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg) }

// Limits on what a file may hold: ids short enough for Telegram's 64
// bytes of button data with a survey, a question and an option in it.
const (
	MaxQuestions = 60
	MaxOptions   = 10
	maxSurveyID  = 24
	maxID        = 16
)

var (
	surveyIDRE = regexp.MustCompile(`^[a-z][a-z0-9_-]*$`)
	idRE       = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)
	yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
)

// The keys a survey file may use, at each level.
var (
	surveyKeys = []string{"id", "title", "intro", "audience", "universities", "wave", "series",
		"opens", "closes", "anonymous", "questions"}
	questionKeys = []string{"id", "type", "text", "labels", "options", "min", "max", "optional",
		"audience", "show_if", "headline"}
	optionKeys = []string{"id", "es", "en", "exclusive"}
	showIfKeys = []string{"question", "equals", "in"}
	trKeys     = []string{"es", "en"}
)

// parser collects every problem of one file.
type parser struct {
	file  string
	probs []Problem
}

func (p *parser) bad(n *yaml.Node, format string, args ...any) {
	line := 1
	if n != nil && n.Line > 0 {
		line = n.Line
	}
	p.probs = append(p.probs, Problem{File: p.file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// Parse reads one survey file. It returns the survey, or nil and every
// problem found, each with its line.
func Parse(file string, b []byte) (s *Survey, probs []Problem) {
	p := &parser{file: file}
	defer func() {
		if r := recover(); r != nil { // the YAML library on input it cannot take
			s, probs = nil, []Problem{{File: file, Line: 1, Msg: fmt.Sprintf("not valid YAML (%v)", r)}}
		}
	}()
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		line, msg := 1, strings.TrimPrefix(err.Error(), "yaml: ")
		if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = m[2]
		}
		return nil, []Problem{{File: file, Line: line, Msg: "not valid YAML: " + msg}}
	}
	if len(doc.Content) == 0 {
		return nil, []Problem{{File: file, Line: 1, Msg: "empty file: a survey needs id, title, audience, anonymous and questions"}}
	}
	s = p.survey(doc.Content[0])
	if len(p.probs) > 0 {
		return nil, p.probs
	}
	return s, nil
}

// fields checks that n is a mapping with only the allowed keys, each
// given once, and returns the value of each key with the key's node.
func (p *parser) fields(n *yaml.Node, what string, allowed []string) map[string]*yaml.Node {
	out := map[string]*yaml.Node{}
	if n.Kind == yaml.AliasNode {
		p.bad(n, "%s: aliases (*name) are not supported", what)
		return nil
	}
	if n.Kind != yaml.MappingNode {
		p.bad(n, "%s must be a mapping of keys (%s)", what, strings.Join(allowed, ", "))
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch {
		case !slices.Contains(allowed, k.Value):
			p.bad(k, "%s: unknown key %q (known: %s)", what, k.Value, strings.Join(allowed, ", "))
		case out[k.Value] != nil:
			p.bad(k, "%s: %s given twice", what, k.Value)
		case v.Kind == yaml.AliasNode:
			p.bad(v, "%s: %s: aliases (*name) are not supported", what, k.Value)
		default:
			out[k.Value] = v
		}
	}
	return out
}

// scalar returns n's text if it is a single value.
func (p *parser) scalar(n *yaml.Node, what string) (string, bool) {
	if n.Kind != yaml.ScalarNode {
		p.bad(n, "%s must be a single value", what)
		return "", false
	}
	return n.Value, true
}

func (p *parser) ident(n *yaml.Node, what string, re *regexp.Regexp, max int) string {
	v, ok := p.scalar(n, what)
	if !ok {
		return ""
	}
	if !re.MatchString(v) || len(v) > max {
		p.bad(n, "%s %q must be at most %d lower-case letters, digits, - or _", what, v, max)
		return ""
	}
	return v
}

func (p *parser) boolean(n *yaml.Node, what string) bool {
	v, ok := p.scalar(n, what)
	if !ok {
		return false
	}
	if n.Tag != "!!bool" {
		p.bad(n, "%s must be true or false, not %q", what, v)
		return false
	}
	b, _ := strconv.ParseBool(strings.ToLower(v))
	return b
}

func (p *parser) integer(n *yaml.Node, what string) (int, bool) {
	v, ok := p.scalar(n, what)
	if !ok {
		return 0, false
	}
	i, err := strconv.Atoi(v)
	if err != nil {
		p.bad(n, "%s must be a whole number, not %q", what, v)
		return 0, false
	}
	return i, true
}

func (p *parser) date(n *yaml.Node, what string) Date {
	v, ok := p.scalar(n, what)
	if !ok {
		return Date{}
	}
	t, err := time.Parse(time.DateOnly, v)
	if err != nil {
		p.bad(n, "%s %q is not a date YYYY-MM-DD", what, v)
		return Date{}
	}
	return Date{t.Year(), t.Month(), t.Day()}
}

// tr reads {es: ..., en: ...}; both are required.
func (p *parser) tr(n *yaml.Node, what string) Tr {
	f := p.fields(n, what, trKeys)
	if f == nil {
		return Tr{}
	}
	var t Tr
	for _, l := range []struct {
		key string
		dst *string
	}{{"es", &t.ES}, {"en", &t.EN}} {
		v := f[l.key]
		if v == nil {
			p.bad(n, "%s: %s missing (every text needs es and en)", what, l.key)
			continue
		}
		s, ok := p.scalar(v, what+"."+l.key)
		if ok && strings.TrimSpace(s) == "" {
			p.bad(v, "%s.%s is empty", what, l.key)
		}
		*l.dst = strings.TrimSpace(s)
	}
	return t
}

func (p *parser) audience(n *yaml.Node, what string) string {
	v, ok := p.scalar(n, what)
	if ok && v != ForAll && v != ForTeacher && v != ForStudent {
		p.bad(n, "%s must be teacher, student or all, not %q", what, v)
		return ""
	}
	return v
}

func (p *parser) list(n *yaml.Node, what string) []*yaml.Node {
	if n.Kind != yaml.SequenceNode {
		p.bad(n, "%s must be a list", what)
		return nil
	}
	return n.Content
}

func (p *parser) survey(n *yaml.Node) *Survey {
	f := p.fields(n, "survey", surveyKeys)
	if f == nil {
		return nil
	}
	s := &Survey{File: p.file, Line: n.Line}
	need := func(key string) *yaml.Node {
		if f[key] == nil {
			p.bad(n, "%s missing", key)
		}
		return f[key]
	}
	if v := need("id"); v != nil {
		s.ID = p.ident(v, "id", surveyIDRE, maxSurveyID)
	}
	if v := need("title"); v != nil {
		s.Title = p.tr(v, "title")
	}
	if v := f["intro"]; v != nil {
		s.Intro = p.tr(v, "intro")
	}
	if v := need("audience"); v != nil {
		s.Audience = p.audience(v, "audience")
	}
	if v := f["universities"]; v != nil {
		for _, u := range p.list(v, "universities") {
			if id := p.ident(u, "university", idRE, maxID); id != "" {
				if slices.Contains(s.Universities, id) {
					p.bad(u, "university %q listed twice", id)
				}
				s.Universities = append(s.Universities, id)
			}
		}
	}
	if v := f["series"]; v != nil {
		s.SeriesID = p.ident(v, "series", surveyIDRE, maxSurveyID)
	}
	if v := f["wave"]; v != nil {
		w, ok := p.scalar(v, "wave")
		if ok && w != Baseline && w != Midline && w != Endline {
			p.bad(v, "wave must be baseline, midline or endline, not %q", w)
		}
		s.Wave = w
		if f["series"] == nil {
			p.bad(v, "a wave belongs to a series: add series: ID (the same in every wave)")
		}
	} else if f["series"] != nil {
		p.bad(f["series"], "a survey in a series needs wave: baseline, midline or endline")
	}
	if v := f["opens"]; v != nil {
		s.Opens = p.date(v, "opens")
	}
	if v := f["closes"]; v != nil {
		s.Closes = p.date(v, "closes")
	}
	if !s.Opens.IsZero() && !s.Closes.IsZero() && s.Closes.Start(nil).Before(s.Opens.Start(nil)) {
		p.bad(f["closes"], "closes (%s) is before opens (%s)", s.Closes, s.Opens)
	}
	if v := f["anonymous"]; v == nil {
		p.bad(n, "anonymous missing: say true (answers never stored with the person) or false")
	} else {
		s.Anonymous = p.boolean(v, "anonymous")
	}
	if v := need("questions"); v != nil {
		qs := p.list(v, "questions")
		if v.Kind == yaml.SequenceNode && len(qs) == 0 {
			p.bad(v, "no questions")
		}
		if len(qs) > MaxQuestions {
			p.bad(v, "%d questions: at most %d", len(qs), MaxQuestions)
		}
		for _, qn := range qs {
			if q := p.question(s, qn); q != nil {
				s.Questions = append(s.Questions, q)
			}
		}
	}
	return s
}

func (p *parser) question(s *Survey, n *yaml.Node) *Question {
	f := p.fields(n, "question", questionKeys)
	if f == nil {
		return nil
	}
	q := &Question{Line: n.Line, Audience: ForAll, Headline: true}
	if v := f["id"]; v == nil {
		p.bad(n, "question: id missing")
	} else if q.ID = p.ident(v, "question id", idRE, maxID); q.ID != "" && s.Question(q.ID) != nil {
		p.bad(v, "duplicate question id %q (also line %d)", q.ID, s.Question(q.ID).Line)
	}
	what := "question " + q.ID
	if v := f["text"]; v == nil {
		p.bad(n, "%s: text missing", what)
	} else {
		q.Text = p.tr(v, what+": text")
	}
	if v := f["type"]; v == nil {
		p.bad(n, "%s: type missing (likert, single, multiple, scale or text)", what)
	} else if t, ok := p.scalar(v, what+": type"); ok {
		switch t {
		case Likert, Single, Multiple, Scale, Text:
			q.Type = t
		default:
			p.bad(v, "%s: unknown question type %q (likert, single, multiple, scale or text)", what, t)
		}
	}
	p.typeFields(q, f, what)
	if v := f["optional"]; v != nil {
		q.Optional = p.boolean(v, what+": optional")
	}
	if v := f["audience"]; v != nil {
		q.Audience = p.audience(v, what+": audience")
		if q.Audience != ForAll && s.Audience != ForAll && s.Audience != "" && q.Audience != s.Audience {
			p.bad(v, "%s: audience %s is never asked in a survey for %s", what, q.Audience, s.Audience)
		}
	}
	if v := f["headline"]; v != nil {
		q.Headline = p.boolean(v, what+": headline")
		if q.Type != Likert {
			p.bad(v, "%s: headline applies to likert questions only", what)
		}
	}
	if v := f["show_if"]; v != nil {
		q.ShowIf = p.showIf(s, v, what)
	}
	q.sig = q.signature()
	return q
}

// typeFields reads the keys that belong to q's type, and refuses the
// others.
func (p *parser) typeFields(q *Question, f map[string]*yaml.Node, what string) {
	only := func(key string, types ...string) *yaml.Node {
		v := f[key]
		if v != nil && q.Type != "" && !slices.Contains(types, q.Type) {
			p.bad(v, "%s: %s does not apply to a %s question", what, key, q.Type)
			return nil
		}
		return v
	}
	labels, options := only("labels", Likert, Scale), only("options", Single, Multiple)
	lo, hi := only("min", Scale), only("max", Scale)
	// readLabels reads the n labels the question gives; of is what they
	// name, for the message when it gives another number.
	readLabels := func(n int, of string) (trs []Tr) {
		ls := p.list(labels, what+": labels")
		if labels.Kind == yaml.SequenceNode && len(ls) != n {
			p.bad(labels, "%s: a %s question has %d labels (%s), not %d", what, q.Type, n, of, len(ls))
		}
		for i, l := range ls {
			trs = append(trs, p.tr(l, fmt.Sprintf("%s: label %d", what, i+1)))
		}
		return trs
	}
	switch q.Type {
	case Likert:
		q.Labels = DefaultLabels
		if labels != nil {
			q.Labels = readLabels(5, "1 to 5")
		}
	case Single, Multiple:
		if options == nil {
			p.bad(f["type"], "%s: a %s question needs options", what, q.Type)
			return
		}
		os := p.list(options, what+": options")
		if options.Kind == yaml.SequenceNode && (len(os) < 2 || len(os) > MaxOptions) {
			p.bad(options, "%s: %d options: give 2 to %d", what, len(os), MaxOptions)
		}
		for _, on := range os {
			of := p.fields(on, what+": option", optionKeys)
			if of == nil {
				continue
			}
			var o Option
			if v := of["id"]; v == nil {
				p.bad(on, "%s: option id missing", what)
			} else if o.ID = p.ident(v, what+": option id", idRE, maxID); o.ID != "" {
				if _, dup := q.Option(o.ID); dup {
					p.bad(v, "%s: duplicate option id %q", what, o.ID)
				}
			}
			o.Text = p.tr(&yaml.Node{Kind: yaml.MappingNode, Line: on.Line, Content: trContent(on)}, what+": option "+o.ID)
			if v := of["exclusive"]; v != nil {
				o.Exclusive = p.boolean(v, what+": option "+o.ID+": exclusive")
				if q.Type != Multiple {
					p.bad(v, "%s: exclusive applies to the options of a multiple question only", what)
				}
			}
			q.Options = append(q.Options, o)
		}
	case Scale:
		q.Min, q.Max = 0, 10
		if lo != nil {
			q.Min, _ = p.integer(lo, what+": min")
		}
		if hi != nil {
			q.Max, _ = p.integer(hi, what+": max")
		}
		if q.Min < 0 || q.Max > 10 || q.Min >= q.Max {
			p.bad(f["type"], "%s: a scale runs from min to max within 0-10, min below max (not %d-%d)", what, q.Min, q.Max)
		}
		if labels != nil {
			q.Labels = readLabels(2, "its two ends")
		}
	}
}

// trContent is the es and en entries of an option's mapping.
func trContent(n *yaml.Node) []*yaml.Node {
	var out []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i].Value; k == "es" || k == "en" {
			out = append(out, n.Content[i], n.Content[i+1])
		}
	}
	return out
}

func (p *parser) showIf(s *Survey, n *yaml.Node, what string) *ShowIf {
	f := p.fields(n, what+": show_if", showIfKeys)
	if f == nil {
		return nil
	}
	si := &ShowIf{}
	if v := f["question"]; v == nil {
		p.bad(n, "%s: show_if needs question: ID (an earlier question)", what)
	} else {
		si.Question, _ = p.scalar(v, what+": show_if.question")
	}
	switch eq, in := f["equals"], f["in"]; {
	case (eq == nil) == (in == nil):
		p.bad(n, "%s: show_if needs one of equals: VALUE or in: [VALUES]", what)
	case eq != nil:
		if v, ok := p.scalar(eq, what+": show_if.equals"); ok {
			si.Values = []string{v}
		}
	default:
		for _, vn := range p.list(in, what+": show_if.in") {
			if v, ok := p.scalar(vn, what+": show_if.in"); ok {
				si.Values = append(si.Values, v)
			}
		}
		if in.Kind == yaml.SequenceNode && len(si.Values) == 0 {
			p.bad(in, "%s: show_if.in is empty", what)
		}
	}
	if si.Question == "" {
		return si
	}
	// The questions before this one are already in s: a later or unknown
	// question is not found.
	target := s.Question(si.Question)
	if target == nil {
		p.bad(n, "%s: show_if names %q, which is not an earlier question of this survey", what, si.Question)
		return si
	}
	for _, v := range si.Values {
		if err := valueOf(target, v); err != "" {
			p.bad(n, "%s: show_if: %s", what, err)
		}
	}
	return si
}

// valueOf checks that v is a value target's answers can take, for a
// show_if; it returns what is wrong, or "".
func valueOf(target *Question, v string) string {
	switch target.Type {
	case Single, Multiple:
		if _, ok := target.Option(v); !ok {
			return fmt.Sprintf("%q is not an option of %s", v, target.ID)
		}
	case Likert, Scale:
		lo, hi := target.Range()
		if n, err := strconv.Atoi(v); err != nil || n < lo || n > hi {
			return fmt.Sprintf("%q is not a number from %d to %d, as %s takes", v, lo, hi, target.ID)
		}
	case Text:
		return fmt.Sprintf("%s is a text question: show_if cannot depend on it", target.ID)
	}
	return ""
}
