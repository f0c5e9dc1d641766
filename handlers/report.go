package handlers

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/button"
	"github.com/aulabot/aulabot/report"
)

// reportTx is what reports read of a transaction: the report's events.
type reportTx interface {
	report.Source
}

// routeReport registers /report and its buttons (report_buttons.go): one
// picks a university (or all), the other a period of it.
func (h *Handlers) routeReport(r *router) {
	r.commands["report"] = with(h.report, private, coordinator)
	r.callbacks["rp"] = with(h.onReport, private, coordinator)
	r.menu["menu.report"] = "report"
}

// report starts /report: with no argument, the university buttons (or,
// for the coordinator of one university, its period buttons); with a
// university (or all), its period buttons; with a university and two
// dates, that period's report at once; "/report digest [UNIVERSITY]"
// shows the latest weekly digest (report_digest.go).
func (h *Handlers) report(c *Ctx) error {
	args := strings.Fields(c.U.Text)
	if len(args) > 0 && strings.EqualFold(args[0], "digest") {
		return h.showDigest(c, args[1:])
	}
	switch len(args) {
	case 0:
		unis := h.reportUniversities(c.Roles)
		if len(unis) == 1 {
			return h.askPeriod(c, unis[0], false)
		}
		rows := make([][]aulabot.Button, 0, len(unis))
		var choices []aulabot.Button // also typed, or named in the words that asked: "informe de todas las universidades"
		for _, id := range unis {
			b := aulabot.Button{Text: h.reportName(c, id), Data: reportUniButton{id}.Encode()}
			rows = append(rows, []aulabot.Button{b})
			choices = append(choices, b, aulabot.Button{Text: id, Data: b.Data})
			if id == report.All {
				for _, lang := range []string{aulabot.LangES, aulabot.LangEN} {
					choices = append(choices, aulabot.Button{Text: h.cat.T(lang, "report.all"), Data: b.Data})
				}
			}
		}
		if data, ok := namedChoice(c.asked, choices); ok {
			return h.pressTyped(c, data) // its periods, or the period named too ("informe de la unma de esta semana")
		}
		c.offerChoices(choices)
		c.ReplyButtons(c.T("report.chat_pick_university"), rows)
		return nil
	case 1, 3:
		uni, err := h.reportUniversity(c, args[0])
		if err != nil {
			return err
		}
		if len(args) == 1 {
			return h.askPeriod(c, uni, false)
		}
		from, err := report.ParseDate(args[1])
		if err != nil {
			return err
		}
		to, err := report.ParseDate(args[2])
		if err != nil {
			return err
		}
		return h.sendReport(c, uni, from, to)
	}
	return aulabot.Errorf(aulabot.EINVALID, "report.chat_usage")
}

// onReport handles the report buttons. The data comes from the client:
// the university is checked against the presser's roles like a typed
// one.
func (h *Handlers) onReport(c *Ctx) error {
	v, err := h.buttons.Decode(c.U.Callback.Data)
	if err != nil {
		return err
	}
	switch b := v.(type) {
	case reportUniButton:
		uni, err := h.reportUniversity(c, b.University)
		if err != nil {
			return err
		}
		return h.askPeriod(c, uni, true)
	case reportPeriodButton:
		return h.reportPeriod(c, b)
	}
	return button.Stale()
}

// reportPeriod sends the report of b's university and period, pressed
// or typed ("esta semana" under the period buttons: typedPress).
func (h *Handlers) reportPeriod(c *Ctx, b reportPeriodButton) error {
	uni, err := h.reportUniversity(c, b.University)
	if err != nil {
		return err
	}
	from, to, err := report.PeriodDays(b.Period, report.DateOf(h.Now().In(h.Config.Loc(reportZone(uni)))))
	if err != nil {
		return err
	}
	first, last := report.Span(c.Lang, from, to)
	c.Answer(c.T("report.chat_building", "name", h.reportName(c, uni), "from", first, "to", last))
	return h.sendReport(c, uni, from, to)
}

// reportZone is the university whose zone reads a report's days: the
// configuration's for all ("" to Config.Loc).
func reportZone(uni string) string {
	if uni == report.All {
		return ""
	}
	return uni
}

// reportUniversities are the reports the sender may read in chat: an
// admin every university and all, a coordinator their own.
func (h *Handlers) reportUniversities(r aulabot.Roles) []string {
	if !r.Admin {
		return r.Coordinator
	}
	ids := make([]string, 0, len(h.Config.Universities)+1)
	for _, u := range h.Config.Universities {
		ids = append(ids, u.ID)
	}
	return append(ids, report.All)
}

// reportUniversity checks that the sender may read the report of id (a
// university id or all, as typed or from a button). Errors: ENOTFOUND
// report.err_university; EFORBIDDEN report.err_forbidden.
func (h *Handlers) reportUniversity(c *Ctx, id string) (string, error) {
	id = strings.ToLower(id)
	if id == report.All {
		if !c.Roles.Admin {
			return "", aulabot.Errorf(aulabot.EFORBIDDEN, "report.err_forbidden", "university", id)
		}
		return id, nil
	}
	if _, ok := h.Config.University(id); !ok {
		return "", aulabot.Errorf(aulabot.ENOTFOUND, "report.err_university", "university", clipText(id, 24))
	}
	if !c.Roles.IsCoordinator(id) {
		return "", aulabot.Errorf(aulabot.EFORBIDDEN, "report.err_forbidden", "university", id)
	}
	return id, nil
}

// reportName is the university's name, or "all universities".
func (h *Handlers) reportName(c *Ctx, id string) string {
	if u, ok := h.Config.University(id); ok {
		return u.Name
	}
	return c.T("report.all")
}

// askPeriod shows the period buttons of uni's report, in place of the
// university buttons when edit.
func (h *Handlers) askPeriod(c *Ctx, uni string, edit bool) error {
	var rows [][]aulabot.Button
	for _, p := range report.Periods {
		rows = append(rows, []aulabot.Button{{Text: c.T("report.period_" + p), Data: reportPeriodButton{uni, p}.Encode()}})
	}
	// The periods' names typed (typedPress): "esta semana", "last week".
	choices := h.periodNames(c.asked, func(p string) string { return reportPeriodButton{uni, p}.Encode() })
	if data, ok := namedChoice(c.asked, choices); ok {
		return h.pressTyped(c, data) // "informe de esta semana": this week's, without asking
	}
	today := report.DateOf(h.Now().In(h.Config.Loc(reportZone(uni))))
	if from, to, ok := namedMonth(c.asked, today); ok {
		first, last := report.Span(c.Lang, from, to)
		c.Answer(c.T("report.chat_building", "name", h.reportName(c, uni), "from", first, "to", last))
		return h.sendReport(c, uni, from, to) // "informe de noviembre": that month's, without asking
	}
	c.offerChoices(choices)
	m := aulabot.Message{ChatID: c.U.ChatID, Text: c.T("report.chat_pick_period", "name", h.reportName(c, uni)), Inline: rows}
	if edit {
		m.EditMessageID = c.U.Callback.MessageID
	}
	c.Send(m)
	return nil
}

// termNames are the term's other names than its button's ("El ciclo (16
// semanas)"): "informe de este ciclo" asked the period, and "mis
// estadísticas de este ciclo" showed this month's (seen in the sandbox).
var termNames = []string{"ciclo", "este ciclo", "el ciclo", "semestre", "este semestre", "cuatrimestre", "term",
	"this term", "the term", "semester", "this semester"}

// weekNames are this week's other names than its button's ("Esta
// semana"), read where the words end: "quiero el reporte de la semana"
// asked the period (seen in the sandbox), while "la semana pasada" and
// "la semana 3" name other weeks.
var weekNames = []string{"la semana", "the week"}

// periodNames are the report periods as they are typed, their data made by
// data from each period's code: each button's label in either language,
// the term's other names (termNames), and this week's when asked ends
// with one (weekNames).
func (h *Handlers) periodNames(asked string, data func(period string) string) []aulabot.Button {
	var names []aulabot.Button
	for _, p := range report.Periods {
		for _, lang := range []string{aulabot.LangES, aulabot.LangEN} {
			names = append(names, aulabot.Button{Text: h.cat.T(lang, "report.period_"+p), Data: data(p)})
		}
	}
	for _, w := range termNames {
		names = append(names, aulabot.Button{Text: w, Data: data(report.Term)})
	}
	typed := " " + aulabot.TypedWords(asked)
	for _, w := range weekNames {
		if strings.HasSuffix(typed, " "+w) {
			names = append(names, aulabot.Button{Text: w, Data: data(report.ThisWeek)})
		}
	}
	return names
}

// namedMonth is the month that words asking for a report name ("informe
// de noviembre", "report for october 2026", "el mes pasado", "last
// month"): its days [from, to), up to today; a month later in the year
// than today's is last year's, unless the year is said. False for none,
// a month to come, and words with a day beside a month ("del 1 al 15 de
// noviembre": the periods are asked).
// "quiero ver el informe de noviembre" was asked the period, the month
// dropped (seen in the sandbox).
func namedMonth(text string, today report.Date) (from, to report.Date, ok bool) {
	words := strings.Fields(aulabot.TypedWords(text))
	year, month, yearSaid := today.Year, time.Month(0), false
	for i, w := range words {
		if m, named := aulabot.TypedMonth(w); named {
			if month != 0 {
				return from, to, false // two months
			}
			month = m
			continue
		}
		if strings.Trim(w, "0123456789") != "" {
			if (w == "pasado" || w == "anterior") && i > 0 && words[i-1] == "mes" || w == "month" && i > 0 && (words[i-1] == "last" || words[i-1] == "previous") {
				month = -1
			}
			continue
		}
		y, err := strconv.Atoi(w)
		if err != nil || len(w) != 4 || y < 2000 || y > today.Year {
			return from, to, false // a day, or a number of something else
		}
		year, yearSaid = y, true
	}
	switch {
	case month == 0, yearSaid && year == today.Year && month > today.Month: // none, or to come
		return from, to, false
	case month == -1:
		month, year = today.Month-1, today.Year
		if month == 0 {
			month, year = time.December, year-1
		}
	case !yearSaid && month > today.Month:
		year--
	}
	from = report.Date{Year: year, Month: month, Day: 1}
	next := time.Date(year, month+1, 1, 0, 0, 0, 0, time.UTC)
	to = report.Date{Year: next.Year(), Month: next.Month(), Day: 1}
	if end := today.AddDays(1); year == today.Year && month == today.Month {
		to = end
	}
	return from, to, true
}

// sendReport builds the report of uni over [from, to) as the sender may
// read it, in a read transaction, renders it outside any transaction, and
// queues the summary, the charts and the workbook: the two files as
// documents, so that the charts keep their size.
func (h *Handlers) sendReport(c *Ctx, uni string, from, to report.Date) error {
	// "sending a file…" in the chat while the figures, the charts and the
	// sheet are made (a term's data takes a moment): nothing showed it.
	stop := h.acting(c, c.U.ChatID, "upload_document")
	defer stop()
	svc := &report.Service{Config: h.Config, Surveys: h.reportSurveys()}
	q := report.Query{University: uni, From: from, To: to, Now: h.Now()}
	var r *report.Report
	err := c.view(func(tx Tx) (err error) {
		r, err = svc.Build(tx, q, c.Roles)
		return err
	})
	if err != nil {
		return err
	}
	first, last := report.Span(c.Lang, from, to)
	c.Reply(report.Summary(r, h.cat, c.Lang))
	for _, f := range []struct {
		ext, caption string
		render       func(*bytes.Buffer) error
	}{
		{"png", "report.chat_charts", func(b *bytes.Buffer) error { return report.PNG(b, r, h.cat, c.Lang) }},
		{"xlsx", "report.chat_sheet", func(b *bytes.Buffer) error { return report.XLSX(b, r, h.cat, c.Lang) }},
	} {
		var b bytes.Buffer
		if err := f.render(&b); err != nil {
			return fmt.Errorf("report %s %s: %w", uni, f.ext, err)
		}
		name := fmt.Sprintf("report-%s-%s-%s.%s", uni, from, to.AddDays(-1), f.ext)
		caption := c.T(f.caption, "name", h.reportName(c, uni), "from", first, "to", last)
		c.Send(aulabot.Message{ChatID: c.U.ChatID, Text: caption, File: &aulabot.OutFile{Name: name, Data: b.Bytes()}})
	}
	return c.Commit(nil)
}
