package handlers

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/button"
	"github.com/aulabot/aulabot/report"
	"github.com/aulabot/aulabot/service"
)

// /mystats: what a mentor gave (sessions, seats, attendance, ratings) and
// what a member of a technical team did (tickets claimed, resolved, held,
// their ratings) over a period, this month unless the words name another
// (report.Periods), with the other periods as buttons. "¿cuántas sesiones
// di este mes?" and "¿cuántos tickets resolví esta semana?" got "I don't
// know" and reached /gaps (seen in the sandbox).

// routeOwn registers /mystats and its buttons.
func (h *Handlers) routeOwn(r *router) {
	r.commands["mystats"] = with(h.myStats, private, ownFigures)
	r.callbacks["ms"] = with(h.onMyStats, private, ownFigures)
}

// ownFigures lets through those with figures of their own: mentors and
// those who work tickets (technical teams, coordinators, admins).
func ownFigures(next Handler) Handler {
	return func(c *Ctx) error {
		if !mentors(c.Roles) && !worksTickets(c.Roles) {
			return aulabot.Errorf(aulabot.EFORBIDDEN, "error.only_own_figures")
		}
		return next(c)
	}
}

// mentors reports whether r mentors for a university.
func mentors(r aulabot.Roles) bool { return len(r.Mentor) > 0 }

// worksTickets reports whether r works a university's tickets.
func worksTickets(r aulabot.Roles) bool { return len(r.Tech) > 0 || len(r.Coordinator) > 0 || r.Admin }

// myStatsButton shows the figures of another period: "ms:p:lw".
type myStatsButton struct{ Period string }

func (b myStatsButton) Encode() string { return button.Join("ms:p", b.Period) }

var myStatsButtons = []button.Kind{
	{Prefix: "ms:p", Fields: 1, Longest: myStatsButton{Period: report.Term},
		Decode: func(f []string) (button.Data, bool) {
			return myStatsButton{Period: f[0]}, slices.Contains(report.Periods, f[0])
		}},
}

// myStats shows the figures of the period the words name, or this
// month's.
func (h *Handlers) myStats(c *Ctx) error {
	asked := cmp.Or(c.asked, c.U.Text)
	named := h.periodNames(asked, func(p string) string { return p }) // "esta semana", "last week", "este ciclo"
	period, ok := namedChoice(asked, named)
	if !ok {
		period = report.ThisMonth
	}
	return h.showMyStats(c, period)
}

// onMyStats shows the figures of the period pressed, in place.
func (h *Handlers) onMyStats(c *Ctx) error {
	v, err := h.buttons.Decode(c.U.Callback.Data)
	if err != nil {
		return err
	}
	b, ok := v.(myStatsButton)
	if !ok {
		return button.Stale()
	}
	c.Answer("")
	return h.showMyStats(c, b.Period)
}

// showMyStats shows the presser's figures over period, in the zone of
// the university they work for: a mentor's sessions, a team member's
// tickets, both for someone who is both; read in one read transaction.
func (h *Handlers) showMyStats(c *Ctx, period string) error {
	uni := ownUniversity(c.Roles)
	loc := h.Config.Loc(uni)
	today := report.DateOf(h.Now().In(loc))
	from, to, err := report.PeriodDays(period, today)
	if err != nil {
		return err
	}
	end := to // the sessions to come count up to the week's or month's end
	switch period {
	case report.ThisWeek:
		end = report.Monday(today).AddDays(7)
	case report.ThisMonth:
		end = report.DateOf(time.Date(today.Year, today.Month+1, 1, 12, 0, 0, 0, time.UTC))
	}
	var sessions service.OwnSessions
	var tickets service.OwnTickets
	err = c.view(func(tx Tx) (err error) {
		if mentors(c.Roles) {
			if sessions, err = h.svc.Mentoring.OwnSessions(tx, c.U.From.ID, from.In(loc), end.In(loc)); err != nil {
				return err
			}
		}
		if worksTickets(c.Roles) {
			in := func(u string) bool { return service.MayWork(c.Roles, u) }
			tickets, err = h.svc.Helpdesk.OwnTickets(tx, c.U.From.ID, in, from.In(loc), to.In(loc))
		}
		return err
	})
	if err != nil {
		return err
	}
	first, last := report.Span(c.Lang, from, to)
	lines := []string{c.T("own.title", "period", c.T("report.period_"+period), "first", first, "last", last), ""}
	if mentors(c.Roles) {
		lines = append(lines, sessions.Lines(h.cat, c.Lang)...)
	}
	if worksTickets(c.Roles) {
		lines = append(lines, tickets.Lines(h.cat, c.Lang)...)
	}
	var rows [][]aulabot.Button
	var choices []aulabot.Button // the other periods' names typed (typedPress)
	for _, p := range report.Periods {
		if p == period {
			continue
		}
		data := myStatsButton{p}.Encode()
		rows = append(rows, []aulabot.Button{{Text: c.T("report.period_" + p), Data: data}})
		for _, lang := range []string{aulabot.LangES, aulabot.LangEN} {
			choices = append(choices, aulabot.Button{Text: h.cat.T(lang, "report.period_"+p), Data: data})
		}
	}
	c.offerChoices(choices)
	c.EditPressed(strings.Join(lines, "\n")+"\n\n"+c.T("own.pick"), rows)
	return nil
}

// ownUniversity is the university a member of staff works for, whose
// zone reads the days of their figures and of a training's day named in
// words: the first one mentored, then on whose team, then coordinated;
// "" (the configuration's zone) for an admin of none.
func ownUniversity(r aulabot.Roles) string {
	for _, set := range [][]string{r.Mentor, r.Tech, r.Coordinator} {
		if len(set) > 0 {
			return set[0]
		}
	}
	return ""
}
