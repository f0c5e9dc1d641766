package report

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/aulabot/aulabot"
)

// The chat renderings: the summary /report sends, the weekly digest of a
// university's coordinators and the helpdesk part its team group gets.
// They are Telegram HTML built from the catalogue's report.chat_* texts;
// every value goes in as a placeholder argument, which the catalogue
// escapes.

// MinOthers is how many other universities must have a figure for a
// coordinator's digest to show the median of theirs: the median of one
// would be that university's own figure, which a coordinator never sees.
const MinOthers = 2

// Summary is the message /report sends: the title, the period and the
// one before it, then the figures that matter each with its change
// against the period before; for All, each university beside the median
// of the others (admins only read All). It fits a Telegram message: the
// comparison lines that do not fit are left out with a note.
func Summary(r *Report, tr Texts, lang string) string {
	return r.summary(tr, lang, "report.chat_title")
}

// summary is Summary under the title of catalogue key title.
func (r *Report) summary(tr Texts, lang, title string) string {
	head := r.chatHead(tr, lang, title) + r.chatSatisfaction(tr, lang) + r.chatCourses(tr, lang) + r.chatEvents(tr, lang)
	if len(r.Universities) == 0 {
		return head
	}
	var b strings.Builder
	b.WriteString(head)
	b.WriteString("\n\n" + tr.T(lang, "report.chat_universities"))
	for i, c := range r.Universities {
		block := "\n\n" + universityBlock(c, tr, lang, func(int) bool { return true })
		if textLen(b.String()+block) > aulabot.MaxMessageText-100 {
			b.WriteString("\n" + tr.T(lang, "report.chat_more", "count", len(r.Universities)-i))
			break
		}
		b.WriteString(block)
	}
	return b.String()
}

// Digest is the weekly digest of r's university for its coordinators:
// the summary of the week, then the university beside the median of the
// other universities (cmp, from the report of All; nil when there is
// none), only the figures at least MinOthers others have. The digest of
// All, for the admins, is the summary of the week with every university
// beside the median of the others (cmp and others unused).
func Digest(r *Report, cmp *Comparison, others []int, tr Texts, lang string) string {
	if r.University == All {
		return r.summary(tr, lang, "report.digest_title")
	}
	s := r.chatHead(tr, lang, "report.digest_title")
	if cmp == nil {
		return s
	}
	shown := func(k int) bool { return others[k] >= MinOthers }
	for k := range cmp.Figures {
		if shown(k) {
			return s + "\n\n" + tr.T(lang, "report.digest_others") + "\n" + universityBlock(*cmp, tr, lang, shown)
		}
	}
	return s
}

// OthersWith counts, for each headline figure of university i of cs, how
// many other universities have it.
func OthersWith(cs []Comparison, i int) []int {
	n := make([]int, len(cs[i].Figures))
	for j, c := range cs {
		if j == i {
			continue
		}
		for k, f := range c.Figures {
			if f.OK {
				n[k]++
			}
		}
	}
	return n
}

// chatHead is the title (catalogue key title), the period and the
// headline figures with their changes.
func (r *Report) chatHead(tr Texts, lang, title string) string {
	var b strings.Builder
	prevFrom, prevTo := r.PreviousDays()
	b.WriteString(tr.T(lang, title, "name", r.title(tr, lang)))
	from, to := Span(lang, r.From, r.To)
	pFrom, pTo := Span(lang, prevFrom, prevTo)
	b.WriteString("\n" + tr.T(lang, "report.chat_period", "from", from, "to", to, "prev_from", pFrom, "prev_to", pTo) + "\n")
	prev := r.Previous.Headline()
	for i, f := range r.Current.Headline() {
		now, unit := f.num()
		before, _ := prev[i].num()
		key, ch := "report.chat_line", changeInParens(now, before, unit, lang)
		if ch == "—" {
			key = "report.chat_line_alone" // no change to tell
		}
		b.WriteString("\n" + tr.T(lang, key, "figure", tr.T(lang, "report.fig_"+f.Key), "value", fmtNum(now, unit, lang), "change", ch))
	}
	return b.String() + r.Current.Helpdesk.outsideHours(tr, lang)
}

// chatSatisfaction is what people said of what they got, a line for each
// that has something to tell: the tickets resolved and their ratings, the
// mentoring sessions' ratings, the answers marked helpful and not. A
// coordinator asking "¿cuántos tickets se resolvieron esta semana?" or
// "¿cómo calificaron las mentorías?" got /report, whose message told
// neither (only the spreadsheet did).
func (r *Report) chatSatisfaction(tr Texts, lang string) string {
	f := r.Current
	mean := func(rs Ratings) string {
		if m, ok := rs.Mean(); ok {
			return decimal(m, 1, lang)
		}
		return "–"
	}
	var b strings.Builder
	if h := f.Helpdesk; h.Resolved > 0 {
		b.WriteString("\n" + tr.T(lang, "report.chat_tickets_rated", "resolved", h.Resolved, "mean", mean(h.Ratings), "rated", h.Ratings.Rated()))
	}
	if m := f.Mentoring; m.Ratings.Rated() > 0 {
		b.WriteString("\n" + tr.T(lang, "report.chat_mentoring_rated", "mean", mean(m.Ratings), "rated", m.Ratings.Rated()))
	}
	if k := f.KB; k.Helpful+k.NotHelpful > 0 {
		b.WriteString("\n" + tr.T(lang, "report.chat_answers_rated", "helpful", k.Helpful, "not", k.NotHelpful))
	}
	return b.String()
}

// outsideHours is the line under a median business time to resolution
// that reads "0 min" (under half a minute) while tickets were resolved:
// true by the definition, since the times count business hours only,
// and odd to read without it; "" otherwise.
func (h *Helpdesk) outsideHours(tr Texts, lang string) string {
	if h.ToResolve.N == 0 || h.ToResolve.Median >= 30*time.Second {
		return ""
	}
	return "\n" + tr.T(lang, "report.resolved_outside_hours")
}

// universityBlock is c's headline figures beside the median of the
// others, the figures k with show(k).
func universityBlock(c Comparison, tr Texts, lang string, show func(k int) bool) string {
	var b strings.Builder
	b.WriteString(tr.T(lang, "report.chat_university", "id", strings.ToUpper(c.University), "name", c.Name))
	for k, f := range c.Figures {
		if !show(k) {
			continue
		}
		v, unit := f.num()
		o, _ := c.Others[k].num()
		b.WriteString("\n" + tr.T(lang, "report.chat_beside", "figure", tr.T(lang, "report.fig_"+f.Key),
			"value", fmtNum(v, unit, lang), "others", fmtNum(o, unit, lang)))
	}
	return b.String()
}

// OpenTicket is an open or claimed ticket the team's digest lists.
type OpenTicket struct {
	ID, Category string
	Opened       time.Time
	Claimed      bool
	// Link opens the ticket's post in the team group ("" when the group
	// has no links: a basic group, or the post is not known).
	Link string
}

// TeamDigest is the helpdesk part of r (a university's week) for its
// team group: tickets opened and resolved, the queue at the end of the
// week and the tickets past their service levels, the ratings, and the
// oldest tickets still open at now. It names nobody.
func TeamDigest(r *Report, oldest []OpenTicket, now time.Time, tr Texts, lang string) string {
	h := r.Current.Helpdesk
	var b strings.Builder
	from, to := Span(lang, r.From, r.To)
	b.WriteString(tr.T(lang, "report.team_title", "name", r.title(tr, lang), "from", from, "to", to))
	b.WriteString("\n\n" + tr.T(lang, "report.team_flow", "opened", h.Opened, "resolved", h.Resolved,
		"resolution", fmtNum(minutesNum(h.ToResolve, false), unitMinutes, lang)) + h.outsideHours(tr, lang))
	b.WriteString("\n" + tr.T(lang, "report.team_queue", "open", h.OpenAtEnd, "at_risk", h.AtRisk, "breached", h.Breached))
	if mean, ok := h.Ratings.Mean(); ok {
		b.WriteString("\n" + tr.T(lang, "report.team_ratings", "mean", decimal(mean, 1, lang), "rated", h.Ratings.Rated(), "asked", h.Ratings.Asked))
	} else {
		b.WriteString("\n" + tr.T(lang, "report.team_no_ratings", "asked", h.Ratings.Asked))
	}
	if len(oldest) == 0 {
		b.WriteString("\n\n" + tr.T(lang, "report.team_none_open"))
		return b.String()
	}
	b.WriteString("\n\n" + tr.T(lang, "report.team_oldest"))
	for i, t := range oldest {
		state := tr.T(lang, "report.team_open")
		if t.Claimed {
			state = tr.T(lang, "report.team_claimed")
		}
		key := "report.team_ticket"
		if t.Link == "" {
			key = "report.team_ticket_nolink"
		}
		b.WriteString("\n" + tr.T(lang, key, "n", i+1, "id", t.ID, "link", t.Link, "category", tr.T(lang, "ticket.cat_"+t.Category),
			"state", state, "age", fmtAge(now.Sub(t.Opened))))
	}
	return b.String()
}

// fmtAge renders a wall-clock age: "3 d 4 h", "5 h 20 min".
func fmtAge(d time.Duration) string {
	if d < 24*time.Hour {
		return fmtDuration(d)
	}
	d = d.Round(time.Hour)
	return fmt.Sprintf("%d d %d h", int(d/(24*time.Hour)), int(d%(24*time.Hour)/time.Hour))
}

// textLen bounds the length Telegram counts of HTML s: its UTF-16 units,
// tags and entities included (the visible text is never longer).
func textLen(s string) int { return len(utf16.Encode([]rune(s))) }
