package handlers

import (
	"strings"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
	"github.com/aulabot/aulabot/service"
	"github.com/aulabot/aulabot/survey"
)

// maxResultsText leaves room under Telegram's 4,096 characters for the
// closing line of a cut result.
const maxResultsText = 3800

// surveyResults handles /survey results [SERIES]: a coordinator sees
// their university's groups, an admin every university's; the figures
// are computed as by "aulabot survey results", outside any transaction.
func (h *Handlers) surveyResults(c *Ctx) error {
	if h.Survey.Set == nil || h.Survey.Results == nil {
		return aulabot.Errorf(aulabot.ENOTFOUND, "survey.unknown_series")
	}
	series := strings.ToLower(c.U.Text)
	if series == "" {
		ids := h.Survey.Set.SeriesIDs()
		if len(ids) == 0 {
			return aulabot.Errorf(aulabot.ENOTFOUND, "survey.unknown_series")
		}
		series = ids[0]
	}
	if len(h.Survey.Set.Series(series)) == 0 {
		return aulabot.Errorf(aulabot.ENOTFOUND, "survey.unknown_series")
	}
	uni := ""
	if !c.Roles.Admin {
		uni = c.Roles.Coordinator[0]
	}
	res, err := h.Survey.Results(series, uni)
	if err != nil {
		return err
	}
	c.Reply(h.renderResults(c, res, uni))
	return nil
}

// renderResults is the results of the groups of uni (every university's
// whole groups for "") for a chat: per group the respondents of each wave
// and the headline change, and per question the change of its mean for
// the first group.
func (h *Handlers) renderResults(c *Ctx, res *survey.Results, uni string) string {
	var b strings.Builder
	b.WriteString(c.T("survey.results_title", "series", res.Series))
	first := true
	tooFew := map[string]bool{} // universities whose whole group has too few answers
	for _, g := range res.Groups {
		if (uni != "" && g.University != uni) || (uni == "" && g.Role != "") || (g.Role != "" && tooFew[g.University]) {
			continue // its teachers and students alone have fewer still
		}
		var part strings.Builder
		part.WriteString("\n\n<b>" + i18n.Escape(h.groupName(c, g)) + "</b>")
		if fewAnswered(g) {
			// Every figure would read "fewer than 5": one line says why.
			tooFew[g.University] = g.Role == "" || tooFew[g.University]
			part.WriteString("\n" + c.T("survey.results_too_few"))
		} else {
			h.resultFigures(c, &part, g, first)
		}
		first = false
		if VisibleLen(b.String()+part.String()) > maxResultsText {
			b.WriteString("\n\n" + c.T("survey.results_more", "series", res.Series))
			break
		}
		b.WriteString(part.String())
	}
	return b.String()
}

// resultFigures writes group g's figures to part: each wave's
// respondents, the headline change and, for the first group shown, each
// question's change.
func (h *Handlers) resultFigures(c *Ctx, part *strings.Builder, g survey.Group, first bool) {
	for _, w := range g.Waves {
		part.WriteString("\n" + c.T("survey.results_wave", "wave", c.svWave(w.Wave), "n", c.svFigure(w.Respondents, 0), "rate", c.svPct(w.Rate)))
	}
	if ch := g.Headline; ch != nil {
		part.WriteString("\n" + c.T("survey.results_headline", "change", c.svSigned(ch.Percent), "low", c.svFigure(ch.Low, 1), "high", c.svFigure(ch.High, 1),
			"fav_before", c.svPct(ch.FavBefore), "fav_after", c.svPct(ch.FavAfter)))
	}
	if first {
		for _, q := range g.Questions {
			if q.Change != nil {
				part.WriteString("\n• " + c.T("survey.results_question", "question", questionName(c.Lang, q), "before", c.svFigure(q.Change.Before, 2),
					"after", c.svFigure(q.Change.After, 2), "change", c.svSigned(q.Change.Percent)))
			}
		}
	}
}

// fewAnswered reports whether no wave of group g has five respondents,
// so that every one of its figures is withheld.
func fewAnswered(g survey.Group) bool {
	for _, w := range g.Waves {
		if !w.Respondents.Withheld() {
			return false
		}
	}
	return len(g.Waves) > 0
}

// questionName is q as people read it, its words in lang (first 60
// characters), not its id: the results listed "quality", "compared".
func questionName(lang string, q survey.QuestionResult) string {
	if text := strings.TrimSpace(q.Text.In(lang)); text != "" {
		return service.Short(text, 60)
	}
	return q.ID
}

// groupName names a group: "Universidad … · teachers".
func (h *Handlers) groupName(c *Ctx, g survey.Group) string {
	u := c.T("survey.all_universities")
	if g.University != "" {
		u = g.University
		if cu, ok := h.Config.University(g.University); ok {
			u = cu.Name
		}
	}
	switch g.Role {
	case survey.ForTeacher:
		return u + " · " + c.T("survey.teachers")
	case survey.ForStudent:
		return u + " · " + c.T("survey.students")
	}
	return u
}

// svWave names a wave: "Baseline", or the survey's id for one without.
func (c *Ctx) svWave(w string) string {
	if key := "survey.wave_" + w; c.h.cat.Has(key) {
		return c.T(key)
	}
	return w
}

// svFigure, svPct and svSigned render a figure, a percentage and a change
// in the sender's language (service.Surveys renders them alike).
func (c *Ctx) svFigure(f survey.Figure, decimals int) string {
	return c.h.svc.Surveys.Figure(c.Lang, f, decimals)
}

func (c *Ctx) svPct(f survey.Figure) string { return c.h.svc.Surveys.Pct(c.Lang, f) }

func (c *Ctx) svSigned(f survey.Figure) string { return c.h.svc.Surveys.Signed(c.Lang, f) }
