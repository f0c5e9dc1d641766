package handlers

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
	"github.com/aulabot/aulabot/service"
)

// GapWindow is how far back /gaps looks.
const GapWindow = 30 * 24 * time.Hour

// maxGapGroups is how many groups /gaps lists; maxGapQuestions how many of
// the most recent unanswered questions it groups (the rest are counted),
// so that its cost does not grow with a busy month.
const (
	maxGapGroups    = 10
	maxGapQuestions = 2000
)

// gaps shows coordinators the most frequent unanswered or not-helpful
// questions of their university, similar ones grouped together. It reads
// only the window's questions (the store's index by university and time).
// Other people's questions are shown only in a private chat.
func (h *Handlers) gaps(c *Ctx) error {
	if !c.Private() {
		return aulabot.Errorf(aulabot.EFORBIDDEN, "kb.gaps_private")
	}
	uni := strings.ToLower(strings.TrimSpace(c.U.Text))
	days := gapDays(c.asked) // "preguntas sin respuesta de esta semana"
	if _, known := h.Config.University(uni); !known {
		if d, ok := gapPeriod(uni); ok {
			uni, days = "", d // "/gaps semana"
		}
	}
	switch {
	case uni != "":
		if _, ok := h.Config.University(uni); !ok || !c.Roles.IsCoordinator(uni) {
			return aulabot.Errorf(aulabot.EFORBIDDEN, "kb.gaps_not_yours", "university", uni)
		}
	case len(c.Roles.Coordinator) > 0:
		uni = c.Roles.Coordinator[0]
	} // an admin without an argument sees every university
	return h.showGaps(c, uni, days)
}

// gapWindowDays is GapWindow in days; gapPeriods are the windows /gaps
// offers as buttons, in days.
var (
	gapWindowDays = int(GapWindow / (24 * time.Hour))
	gapPeriods    = []int{1, 7, gapWindowDays}
)

// periodRow is the buttons of the windows of gapPeriods other than days,
// for uni's /gaps ("": every university's).
func periodRow(c *Ctx, uni string, days int) []aulabot.Button {
	var row []aulabot.Button
	for _, d := range gapPeriods {
		if d != days {
			row = append(row, aulabot.Button{Text: c.N("kb.gaps_period", d), Data: gapPeriodButton{uni, d}.Encode()})
		}
	}
	return row
}

// gapsFor is a period's button under /gaps: the list again for its
// window, for one who may see it.
func (h *Handlers) gapsFor(c *Ctx, uni string, days int) error {
	switch {
	case uni == "" && !c.Roles.Admin:
		return aulabot.Errorf(aulabot.EFORBIDDEN, "kb.gaps_admins_only")
	case uni != "" && !c.Roles.IsCoordinator(uni):
		return aulabot.Errorf(aulabot.EFORBIDDEN, "kb.gaps_not_yours", "university", uni)
	}
	c.Answer("")
	return h.showGaps(c, uni, days)
}

// showGaps shows /gaps of uni ("": every university) for the last days,
// with the other windows as buttons.
func (h *Handlers) showGaps(c *Ctx, uni string, days int) error {
	g, err := h.gapQuestionsIn(c, uni, time.Duration(days)*24*time.Hour)
	qs, deleted := g.Questions, g.Deleted
	if err != nil {
		return err
	}
	name := c.T("kb.gaps_all")
	if u, ok := h.Config.University(uni); ok {
		name = u.Name
	}
	if g.Linked > 0 {
		c.Reply(c.T("gaps.effect", "count", g.Linked, "later", g.Later, "direct", g.Direct))
	}
	if g.Told > 0 {
		c.Reply(c.N("gaps.told_total", int(g.Told)))
	}
	if len(g.Proposed) > 0 {
		c.ReplyButtons(proposals(c, g.Proposed))
	}
	if len(g.Added) > 0 {
		c.ReplyButtons(h.addedList(c, uni, 0, g.Added, g.AddedTotal))
	}
	if len(qs) == 0 && deleted == 0 {
		c.ReplyButtons(c.T("kb.gaps_none", "university", name, "window", c.N("kb.gaps_window", days)), [][]aulabot.Button{periodRow(c, uni, days)})
		return nil
	}
	text, shown := gapReport(c, name, days, qs, deleted)
	c.ReplyButtons(text, append(gapButtons(c, shown), periodRow(c, uni, days)))
	return nil
}

// gapQuestions returns what /gaps shows of uni (service.Gaps) for the
// window.
func (h *Handlers) gapQuestions(c *Ctx, uni string) (g service.Gaps, err error) {
	return h.gapQuestionsIn(c, uni, GapWindow)
}

// gapQuestionsIn is gapQuestions for the last window.
func (h *Handlers) gapQuestionsIn(c *Ctx, uni string, window time.Duration) (g service.Gaps, err error) {
	err = c.view(func(tx Tx) (err error) {
		g, err = h.svc.Questions.Gaps(tx, uni, h.Now().Add(-window))
		return err
	})
	return g, err
}

// gapPeriod is the window, in days, that words name for /gaps: today
// ("hoy", "today": 1), this week ("esta semana", "la última semana",
// "this week", "semanal": 7), this month ("este mes", "this month": 30);
// false for none. Until 7 December "preguntas sin respuesta de esta
// semana" showed the last 30 days.
func gapPeriod(words string) (int, bool) {
	for _, w := range strings.Fields(aulabot.TypedWords(words)) {
		switch {
		case w == "hoy" || w == "today":
			return 1, true
		case strings.HasPrefix(w, "seman") || strings.HasPrefix(w, "week"):
			return 7, true
		case w == "mes" || w == "month" || w == "mensual" || w == "monthly":
			return gapWindowDays, true
		}
	}
	return 0, false
}

// gapDays is gapPeriod's window, or GapWindow's days for none.
func gapDays(words string) int {
	if d, ok := gapPeriod(words); ok {
		return d
	}
	return gapWindowDays
}

// proposals lists the phrasings askers found answered by a suggestion they
// marked Helpful, each with a button that links it (never added without a
// coordinator's tap).
func proposals(c *Ctx, qs []aulabot.Question) (string, [][]aulabot.Button) {
	var b strings.Builder
	var rows [][]aulabot.Button
	for i, q := range qs {
		fmt.Fprintf(&b, "%d. %s → <code>%s</code>\n", i+1, i18n.Escape(clipText(q.Text, 120)), i18n.Escape(q.ArticleID))
		rows = append(rows, []aulabot.Button{{Text: fmt.Sprintf("✅ %d", i+1), Data: gapProposalButton{q.ID}.Encode()}})
	}
	return c.T("gaps.proposed", "list", i18n.HTML(strings.TrimSuffix(b.String(), "\n"))), rows
}

// gapReport lists the largest groups of similar questions, as many as fit
// in one Telegram message, and returns the groups listed.
func gapReport(c *Ctx, name string, days int, qs []aulabot.Question, deleted int) (string, [][]aulabot.Question) {
	sort.SliceStable(qs, func(i, j int) bool { return qs[i].At.Before(qs[j].At) })
	total := len(qs)
	groups := aulabot.GroupQuestions(qs[max(0, len(qs)-maxGapQuestions):])
	footer := []string{c.T("kb.gaps_legend")}
	if deleted > 0 {
		footer = append(footer, c.N("kb.gaps_deleted", deleted))
	}
	if slices.ContainsFunc(qs, func(q aulabot.Question) bool { return q.Voice }) {
		footer = append(footer, c.T("kb.gaps_voice"))
	}
	if slices.ContainsFunc(qs, func(q aulabot.Question) bool { return !q.Late.IsZero() }) {
		footer = append(footer, c.T("kb.gaps_late"))
	}
	frame := func(list string, shown int) string {
		foot := footer
		if more := len(groups) - shown; more > 0 {
			foot = append([]string{c.N("kb.gaps_more", more)}, foot...)
		}
		s := c.T("kb.gaps", "university", name, "count", total+deleted, "window", c.N("kb.gaps_window", days), "list", i18n.HTML(list))
		if len(foot) > 0 {
			s += "\n" + strings.Join(foot, "\n")
		}
		return s
	}
	several := len(universitiesOf(qs)) > 1
	var b strings.Builder
	shown := 0
	for i, g := range groups[:min(maxGapGroups, len(groups))] {
		line := fmt.Sprintf("%d. <b>%d×</b> %s", i+1, len(g), gapText(g[0], 120))
		if len(g) > 1 {
			line += fmt.Sprintf(" <i>(%s)</i>", gapText(g[1], 60))
		}
		if late := countLate(g); late > 0 {
			line += fmt.Sprintf(" · 📬 %d", late)
		}
		if several {
			// An admin's /gaps of every university: whose askers they are.
			line += " · " + i18n.Escape(strings.ToUpper(strings.Join(universitiesOf(g), "/")))
		}
		if VisibleLen(frame(b.String()+line+"\n", i+1)) > aulabot.MaxMessageText {
			break
		}
		b.WriteString(line + "\n")
		shown++
	}
	return frame(b.String(), shown), groups[:shown]
}

// universitiesOf are the universities of qs' askers, sorted, each once.
func universitiesOf(qs []aulabot.Question) []string {
	var unis []string
	for _, q := range qs {
		unis = append(unis, q.University)
	}
	slices.Sort(unis)
	return slices.Compact(unis)
}

// countLate is how many of qs got an answer late (Question.Late): a
// group answered with ✍️ or 📬 stays in /gaps until the base answers it,
// and the coordinator sees that its askers were answered.
func countLate(qs []aulabot.Question) int {
	n := 0
	for _, q := range qs {
		if !q.Late.IsZero() {
			n++
		}
	}
	return n
}

// gapText is q's words for /gaps, escaped and clipped to n characters;
// 🎤 marks words heard from a voice note.
func gapText(q aulabot.Question, n int) string {
	s := i18n.Escape(clipText(q.Text, n))
	if q.Voice {
		s = "🎤 " + s
	}
	return s
}

func clipText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
