package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/aulabot/aulabot"
)

// Markdown writes r for reading, in lang: the figures that matter first,
// each beside the period before and the change; for All, each university
// beside the median of the others; then every figure by area, the most
// frequent unanswered questions, the service times and the mentors.
func Markdown(w io.Writer, r *Report, tr Texts, lang string) error {
	t := func(key string) string { return tr.T(lang, key) }
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	prevFrom, prevTo := r.PreviousDays()

	p("# %s: %s\n\n", t("report.title"), mdEscape(r.title(tr, lang)))
	p("%s: %s – %s (%d %s) · %s: %s – %s · %s %s\n\n", t("report.period"), r.From, r.To.AddDays(-1), r.Days(), t("report.days"),
		t("report.previous"), prevFrom, prevTo.AddDays(-1), t("report.built"), r.Built.In(r.Zone).Format("2006-01-02 15:04"))

	p("## %s\n\n", t("report.headline"))
	p("| %s | %s | %s | %s |\n|---|---:|---:|---:|\n", t("report.col_figure"), t("report.col_now"), t("report.col_before"), t("report.col_change"))
	prev := r.Previous.Headline()
	for i, f := range r.Current.Headline() {
		now, unit := f.num()
		before, _ := prev[i].num()
		p("| %s | %s | %s | %s |\n", t("report.fig_"+f.Key), fmtNum(now, unit, lang), fmtNum(before, unit, lang), change(now, before, unit, lang))
	}
	if len(r.Universities) > 0 {
		p("\n## %s\n\n%s\n\n| %s |", t("report.universities"), t("report.others_note"), t("report.col_university"))
		for _, f := range r.Universities[0].Figures {
			p(" %s |", t("report.fig_"+f.Key))
		}
		p("\n|---|%s\n", strings.Repeat("---:|", len(r.Universities[0].Figures)))
		for _, c := range r.Universities {
			p("| %s |", mdEscape(strings.ToUpper(c.University)))
			for i, f := range c.Figures {
				v, unit := f.num()
				o, _ := c.Others[i].num()
				p(" %s (%s) |", fmtNum(v, unit, lang), fmtNum(o, unit, lang))
			}
			p("\n")
		}
	}

	all := lines(r)
	for _, area := range areas {
		p("\n## %s\n\n| %s | %s | %s | %s |\n|---|---:|---:|---:|\n", t("report.area_"+area),
			t("report.col_figure"), t("report.col_now"), t("report.col_before"), t("report.col_change"))
		for _, l := range all {
			if l.area == area {
				p("| %s | %s | %s | %s |\n", mdEscape(l.label(tr, lang)), fmtNum(l.now, l.unit, lang), fmtNum(l.before, l.unit, lang), change(l.now, l.before, l.unit, lang))
			}
		}
		switch area {
		case "kb":
			r.mdGaps(&b, t)
		case "helpdesk":
			p("\n%s\n", t("report.business_note"))
		case "mentoring":
			r.mdMentors(&b, t, lang)
		}
	}
	r.mdCourses(&b, tr, lang)
	p("\n## %s\n\n", t("report.area_surveys"))
	if r.Surveys == nil {
		p("%s\n", t("report.surveys_later"))
	} else {
		for _, s := range r.Surveys.Waves {
			v := fmtNum(shareNum(s.Response()), unitShare, lang)
			if s.Hidden {
				v = t("report.fewer_than_5")
			}
			p("- %s: %s\n", mdEscape(s.Name), v)
		}
	}
	if !r.Names {
		p("\n%s\n", t("report.no_names"))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// mdGaps lists the most frequent unanswered questions.
func (r *Report) mdGaps(b *strings.Builder, t func(string) string) {
	kb := r.Current.KB
	if len(kb.Gaps) == 0 && kb.GapsErased == 0 {
		return
	}
	fmt.Fprintf(b, "\n### %s\n\n", t("report.gaps"))
	for i, g := range kb.Gaps {
		fmt.Fprintf(b, "%d. **%d×** %s", i+1, g.Count, mdEscape(g.Text))
		if g.Also != "" {
			fmt.Fprintf(b, " _(%s)_", mdEscape(g.Also))
		}
		b.WriteString("\n")
	}
	if kb.GapsErased > 0 {
		fmt.Fprintf(b, "\n%s: %d\n", t("report.gaps_erased"), kb.GapsErased)
	}
}

// mdMentors is the table of mentors.
func (r *Report) mdMentors(b *strings.Builder, t func(string) string, lang string) {
	ms := r.Current.Mentoring.Mentors
	if len(ms) == 0 {
		return
	}
	fmt.Fprintf(b, "\n### %s\n\n| %s | %s | %s | %s | %s | %s | %s |\n|---|---:|---:|---:|---:|---:|---:|\n", t("report.mentors"),
		t("report.col_mentor"), t("report.l_mentoring_slots"), t("report.l_mentoring_seats"), t("report.l_mentoring_booked"),
		t("report.l_mentoring_attended"), t("report.l_mentoring_noshow"), t("report.l_mentoring_rating_mean"))
	for i, m := range ms {
		fmt.Fprintf(b, "| %s | %d | %d | %d | %d | %d | %s |\n", mdEscape(r.mentorLabel(m, i, t)), m.Slots, m.Seats, m.Booked,
			m.Attended, m.NoShow, fmtNum(meanNum(m.Ratings), unitRating, lang))
	}
}

// mentorLabel is a mentor's name where the reader may see it, else
// "Mentor N" by the line's place; for All, with the university.
func (r *Report) mentorLabel(m MentorLine, i int, t func(string) string) string {
	s := m.Name
	if s == "" {
		s = fmt.Sprintf("%s %d", t("report.col_mentor"), i+1)
	}
	if r.University == All {
		s += " (" + strings.ToUpper(m.University) + ")"
	}
	return s
}

// title is the university's name, or "All universities".
func (r *Report) title(tr Texts, lang string) string {
	if r.University == All {
		return tr.T(lang, "report.all")
	}
	return r.Name
}

var mdEscaper = strings.NewReplacer(`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", "&lt;", ">", "&gt;",
	"|", `\|`, "#", `\#`, "\r\n", " ", "\n", " ", "\r", " ")

// mdEscape makes text someone wrote (a question, a name) plain text in
// Markdown.
func mdEscape(s string) string { return mdEscaper.Replace(aulabot.CleanText(s)) }
