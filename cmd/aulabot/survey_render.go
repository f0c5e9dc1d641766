package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/aulabot/aulabot/survey"
)

// surveyRenderers print results in each --format.
var surveyRenderers = map[string]func(io.Writer, *survey.Results) error{
	"md":   renderMarkdown,
	"csv":  renderCSV,
	"json": renderJSON,
}

func renderJSON(w io.Writer, res *survey.Results) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(res)
}

// groupName is "unsa · teachers", "All universities · all roles".
func groupName(g survey.Group) string {
	u, r := g.University, "all roles"
	if u == "" {
		u = "All universities"
	}
	switch g.Role {
	case survey.ForTeacher:
		r = "teachers"
	case survey.ForStudent:
		r = "students"
	}
	return u + " · " + r
}

// pct renders a percentage figure: "25.7 %", or the figure's word.
func pct(f survey.Figure) string {
	if _, ok := f.Value(); ok {
		return f.Format(1) + " %"
	}
	return f.Format(1)
}

// signed renders a change: "+25.7 %".
func signed(f survey.Figure) string {
	if v, ok := f.Value(); ok && v > 0 {
		return "+" + pct(f)
	}
	return pct(f)
}

// interval renders "[12.5, 40.1]" or the word of a missing end.
func interval(c *survey.Change) string {
	if _, ok := c.Low.Value(); !ok {
		return c.Low.Format(1)
	}
	return fmt.Sprintf("[%s, %s]", c.Low.Format(1), c.High.Format(1))
}

// sample says who a change is over: "6 pairs" or "40 and 35 people".
func sample(c *survey.Change) string {
	if c.NBefore.Withheld() || c.NAfter.Withheld() {
		return survey.FewerThan + " people in a wave"
	}
	if c.Paired {
		return c.NBefore.Format(0) + " pairs"
	}
	return fmt.Sprintf("%s and %s people", c.NBefore.Format(0), c.NAfter.Format(0))
}

func effect(c *survey.Change) string {
	if c.Effect.Withheld() {
		return survey.FewerThan
	}
	return c.EffectKind + " " + c.Effect.Format(2)
}

func renderMarkdown(w io.Writer, res *survey.Results) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Survey results: %s\n\n", res.Series)
	for _, wv := range res.Waves {
		anon := "named"
		if wv.Anonymous {
			anon = "anonymous"
		}
		fmt.Fprintf(&b, "- %s: %s, %s (%s)\n", or(wv.Wave, "survey"), wv.Survey, wv.Title.EN, anon)
	}
	fmt.Fprintf(&b, "\nFigures made from fewer than 5 responses say \"fewer than 5\". Change: from the baseline mean to the endline mean, in percent of the baseline; "+
		"95 %% bootstrap interval (%d resamples); effect size d_z when paired (the same people in both waves), Hedges' g otherwise.\n", res.Resamples)
	if len(res.HeadlineItems) > 0 {
		fmt.Fprintf(&b, "Headline index: each person's mean over the Likert items %s (1-5).\n", strings.Join(res.HeadlineItems, ", "))
	}
	for _, g := range res.Groups {
		fmt.Fprintf(&b, "\n## %s\n\n| wave | respondents | completed | audience | response rate |\n| --- | --- | --- | --- | --- |\n", groupName(g))
		for _, wc := range g.Waves {
			fmt.Fprintf(&b, "| %s | %s | %s | %d | %s |\n", or(wc.Wave, "survey"), wc.Respondents.Format(0), wc.Completed.Format(0), wc.Audience, pct(wc.Rate))
		}
		if h := g.Headline; h != nil && h.Percent.Withheld() {
			fmt.Fprintf(&b, "\n**Perceptions (headline index):** %s.\n", sample(h))
		} else if h != nil {
			fmt.Fprintf(&b, "\n**Perceptions (headline index): %s %s** — %s → %s on 1-5, over %s, %s; favourable answers %s → %s.\n",
				signed(h.Percent), interval(h), h.Before.Format(2), h.After.Format(2), sample(h), effect(h), pct(h.FavBefore), pct(h.FavAfter))
		}
		var changes []survey.QuestionResult
		for _, q := range g.Questions {
			if q.Change != nil {
				changes = append(changes, q)
			}
		}
		if len(changes) > 0 {
			b.WriteString("\n| question | before | after | change | 95 % interval | effect | favourable before → after | over |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n")
			for _, q := range changes {
				c := q.Change
				fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s → %s | %s |\n", q.ID, c.Before.Format(2), c.After.Format(2),
					signed(c.Percent), interval(c), effect(c), pct(c.FavBefore), pct(c.FavAfter), sample(c))
			}
		}
		b.WriteString("\n| question | wave | responses | mean | favourable | answers |\n| --- | --- | --- | --- | --- | --- |\n")
		for _, q := range g.Questions {
			for _, qw := range q.Waves {
				var cells []string
				for _, c := range qw.Distribution {
					cell := c.Value + ": " + c.Count.Format(0)
					if _, ok := c.Share.Value(); ok {
						cell += " (" + pct(c.Share) + ")"
					}
					cells = append(cells, cell)
				}
				fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", q.ID, or(qw.Wave, "survey"), qw.Responses.Format(0), qw.Mean.Format(2), pct(qw.Favourable), strings.Join(cells, " · "))
			}
		}
	}
	if len(res.Kept) > 0 {
		b.WriteString("\n## Answers kept but not counted\n\n")
		for _, k := range res.Kept {
			why := "the question was removed from the file"
			if k.Why == "changed" {
				why = "the question changed kind since"
			}
			fmt.Fprintf(&b, "- %s, %s: %s answers (%s)\n", or(k.Wave, "survey"), k.Question, k.Answers.Format(0), why)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// renderCSV writes one figure a row: university, role, question, wave,
// figure, value ("all" for every university or role; "fewer than 5" or
// "" for a figure withheld or not applicable).
func renderCSV(w io.Writer, res *survey.Results) error {
	cw := csv.NewWriter(w)
	row := func(g survey.Group, question, wave, figure string, f survey.Figure) {
		v := f.Format(-1)
		if v == "n/a" {
			v = ""
		}
		cw.Write([]string{or(g.University, "all"), or(g.Role, "all"), question, wave, figure, v})
	}
	cw.Write([]string{"university", "role", "question", "wave", "figure", "value"})
	for _, g := range res.Groups {
		for _, wc := range g.Waves {
			row(g, "", wc.Wave, "respondents", wc.Respondents)
			row(g, "", wc.Wave, "completed", wc.Completed)
			cw.Write([]string{or(g.University, "all"), or(g.Role, "all"), "", wc.Wave, "audience", fmt.Sprint(wc.Audience)})
			row(g, "", wc.Wave, "response_rate", wc.Rate)
		}
		change := func(question string, c *survey.Change) {
			for _, f := range []struct {
				name string
				v    survey.Figure
			}{{"n_before", c.NBefore}, {"n_after", c.NAfter}, {"before", c.Before}, {"after", c.After}, {"change_pct", c.Percent},
				{"ci_low", c.Low}, {"ci_high", c.High}, {"effect_" + c.EffectKind, c.Effect}, {"favourable_before", c.FavBefore}, {"favourable_after", c.FavAfter}} {
				row(g, question, "change", f.name, f.v)
			}
		}
		if g.Headline != nil {
			change("headline", g.Headline)
		}
		for _, q := range g.Questions {
			for _, qw := range q.Waves {
				row(g, q.ID, qw.Wave, "responses", qw.Responses)
				row(g, q.ID, qw.Wave, "mean", qw.Mean)
				row(g, q.ID, qw.Wave, "favourable", qw.Favourable)
				for _, c := range qw.Distribution {
					row(g, q.ID, qw.Wave, "count:"+c.Value, c.Count)
					row(g, q.ID, qw.Wave, "share:"+c.Value, c.Share)
				}
			}
			if q.Change != nil {
				change(q.ID, q.Change)
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
