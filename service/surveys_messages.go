package service

import (
	"slices"
	"strings"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/survey"
)

// Figure renders f in lang with decimals: the figure, with a decimal
// comma in Spanish as the reports write it ("3,10"; until 5 December
// "3.10" beside the reports' "5,0 ★"), or "fewer than 5" when it is
// withheld.
func (s *Surveys) Figure(lang string, f survey.Figure, decimals int) string {
	if f.Withheld() {
		return s.Cat.T(lang, "survey.fewer_than_5")
	}
	return inLang(lang, f.Format(decimals))
}

// inLang is a number as formatted in Go with the decimal mark of lang.
func inLang(lang, number string) string {
	if lang == aulabot.LangES {
		return strings.Replace(number, ".", ",", 1)
	}
	return number
}

// Pct renders a percentage: "62 %", or the figure's word.
func (s *Surveys) Pct(lang string, f survey.Figure) string {
	if _, ok := f.Value(); ok {
		return f.Format(0) + " %"
	}
	return s.Figure(lang, f, 0)
}

// Signed renders a change with its sign: "+12.3 %" ("+12,3 %" in
// Spanish).
func (s *Surveys) Signed(lang string, f survey.Figure) string {
	v, ok := f.Value()
	switch {
	case !ok:
		return s.Figure(lang, f, 1)
	case v > 0:
		return "+" + inLang(lang, f.Format(1)) + " %"
	}
	return inLang(lang, f.Format(1)) + " %"
}

// UniversitySaid is the short message, in lang, telling someone who took
// part in sv what their university (uni, named name) said: how many
// answered and the share of favourable answers to each headline item
// (each Likert item of a survey without a series' headline), with the
// change since the baseline on an endline, or that too few answered to
// say.
func (s *Surveys) UniversitySaid(lang string, sv *survey.Survey, name string, res *survey.Results, uni string) string {
	head := s.Cat.T(lang, "survey.said_title", "title", sv.Title.In(lang), "university", name)
	if res == nil {
		return head
	}
	wave := slices.IndexFunc(res.Waves, func(w survey.WaveInfo) bool { return w.Survey == sv.ID })
	gi := slices.IndexFunc(res.Groups, func(g survey.Group) bool { return g.University == uni && g.Role == "" })
	if wave < 0 || gi < 0 {
		return head
	}
	g := res.Groups[gi]
	n := g.Waves[wave].Respondents
	if n.Withheld() {
		return head + "\n" + s.Cat.T(lang, "survey.said_few")
	}
	var b strings.Builder
	b.WriteString(head + "\n" + s.Cat.T(lang, "survey.said_count", "n", s.Figure(lang, n, 0)))
	for _, q := range g.Questions {
		qs := sv.Question(q.ID)
		if qs == nil || qs.Type != survey.Likert || (len(res.HeadlineItems) > 0 && !slices.Contains(res.HeadlineItems, q.ID)) {
			continue // the headline items; in a survey without them, its Likert items
		}
		for _, qw := range q.Waves {
			if qw.Wave == res.Waves[wave].Wave {
				b.WriteString("\n• " + s.Cat.T(lang, "survey.said_item", "question", qs.Text.In(lang), "share", s.Pct(lang, qw.Favourable)))
			}
		}
	}
	if ch := g.Headline; ch != nil && sv.Wave == survey.Endline {
		b.WriteString("\n" + s.Cat.T(lang, "survey.said_change", "change", s.Signed(lang, ch.Percent)))
	}
	return b.String()
}
