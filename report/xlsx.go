package report

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// XLSX writes r as a workbook in lang: a summary sheet (the headline with
// its changes; for All, each university beside the median of the
// others), a sheet per area with every figure (values are numbers: shares
// formatted as per cent, business times in minutes), and a sheet each of
// questions, tickets and bookings with one row per record, however many,
// for drill-down. Times are the university's wall-clock times.
func XLSX(w io.Writer, r *Report, tr Texts, lang string) error {
	f := excelize.NewFile()
	defer f.Close()
	b := &book{f: f, tr: tr, lang: lang}
	var err error
	if b.pct, err = f.NewStyle(&excelize.Style{NumFmt: 9}); err != nil {
		return err
	}
	if b.dec, err = f.NewStyle(&excelize.Style{NumFmt: 2}); err != nil {
		return err
	}
	if b.date, err = f.NewStyle(&excelize.Style{CustomNumFmt: ptr("yyyy-mm-dd hh:mm")}); err != nil {
		return err
	}
	if b.bold, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}}); err != nil {
		return err
	}
	for _, step := range []func(*Report) error{b.summary, b.areas, b.questions, b.tickets, b.bookings} {
		if err := step(r); err != nil {
			return fmt.Errorf("report: xlsx: %w", err)
		}
	}
	return f.Write(w)
}

func ptr[T any](v T) *T { return &v }

type book struct {
	f                    *excelize.File
	tr                   Texts
	lang                 string
	pct, dec, date, bold int
	sheets               int
}

func (b *book) t(key string) string { return b.tr.T(b.lang, key) }

// sheet starts the next sheet, named by catalogue key (the first takes
// the place of the default "Sheet1"), with a bold header row and column
// widths; it returns the stream writer, positioned on row 2.
func (b *book) sheet(key string, widths []float64, header ...string) (*excelize.StreamWriter, error) {
	name := sheetName(b.t(key))
	if b.sheets == 0 {
		if err := b.f.SetSheetName("Sheet1", name); err != nil {
			return nil, err
		}
	} else if _, err := b.f.NewSheet(name); err != nil {
		return nil, err
	}
	b.sheets++
	sw, err := b.f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	for i, wd := range widths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return nil, err
		}
	}
	cells := make([]any, len(header))
	for i, h := range header {
		cells[i] = excelize.Cell{StyleID: b.bold, Value: h}
	}
	return sw, sw.SetRow("A1", cells, excelize.RowOpts{})
}

// rows writes n rows from row 2 with row(i) and flushes the sheet.
func rows(sw *excelize.StreamWriter, n int, row func(i int) []any) error {
	for i := range n {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row(i)); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// value is a figure's cell: a number styled by its unit, or empty.
func (b *book) value(v num, unit string) any {
	if !v.ok {
		return nil
	}
	switch unit {
	case unitShare:
		return excelize.Cell{StyleID: b.pct, Value: v.v}
	case unitRating, unitMinutes:
		return excelize.Cell{StyleID: b.dec, Value: v.v}
	}
	return v.v
}

// when is a time's cell: its wall-clock time in the report's zone.
func (b *book) when(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return excelize.Cell{StyleID: b.date, Value: time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)}
}

// mins is a business time in minutes; empty when not reached.
func mins(d time.Duration) any {
	if d < 0 {
		return nil
	}
	return d.Minutes()
}

func (b *book) summary(r *Report) error {
	sw, err := b.sheet("report.sheet_summary", []float64{40, 16, 16, 16},
		b.t("report.col_figure"), b.t("report.col_now"), b.t("report.col_before"), b.t("report.col_change"))
	if err != nil {
		return err
	}
	cur, prev := r.Current.Headline(), r.Previous.Headline()
	prevFrom, prevTo := r.PreviousDays()
	var out [][]any
	for i, f := range cur {
		now, unit := f.num()
		before, _ := prev[i].num()
		out = append(out, []any{b.t("report.fig_" + f.Key), b.value(now, unit), b.value(before, unit), change(now, before, unit, b.lang)})
	}
	out = append(out, nil,
		[]any{b.t("report.title"), r.title(b.tr, b.lang)},
		[]any{b.t("report.period"), r.From.String() + " – " + r.To.AddDays(-1).String()},
		[]any{b.t("report.previous"), prevFrom.String() + " – " + prevTo.AddDays(-1).String()},
		[]any{b.t("report.built"), b.when(r.Built.In(r.Zone))})
	if len(r.Universities) > 0 {
		head := []any{excelize.Cell{StyleID: b.bold, Value: b.t("report.col_university")}}
		for _, f := range r.Universities[0].Figures {
			head = append(head, excelize.Cell{StyleID: b.bold, Value: b.t("report.fig_" + f.Key)},
				excelize.Cell{StyleID: b.bold, Value: b.t("report.col_others")})
		}
		out = append(out, nil, []any{b.t("report.others_note")}, head)
		for _, c := range r.Universities {
			row := []any{strings.ToUpper(c.University)}
			for i, f := range c.Figures {
				v, unit := f.num()
				o, _ := c.Others[i].num()
				row = append(row, b.value(v, unit), b.value(o, unit))
			}
			out = append(out, row)
		}
	}
	return rows(sw, len(out), func(i int) []any { return out[i] })
}

// areas writes a sheet per area with every figure, and the gaps and
// mentors after their area's figures.
func (b *book) areas(r *Report) error {
	all := lines(r)
	for _, area := range areas {
		sw, err := b.sheet("report.area_"+area, []float64{50, 16, 16, 12},
			b.t("report.col_figure"), b.t("report.col_now"), b.t("report.col_before"), b.t("report.col_unit"))
		if err != nil {
			return err
		}
		var out [][]any
		for _, l := range all {
			if l.area == area {
				out = append(out, []any{l.label(b.tr, b.lang), b.value(l.now, l.unit), b.value(l.before, l.unit), b.t("report.unit_" + l.unit)})
			}
		}
		switch area {
		case "kb":
			out = append(out, nil, []any{excelize.Cell{StyleID: b.bold, Value: b.t("report.gaps")}, excelize.Cell{StyleID: b.bold, Value: b.t("report.col_count")}})
			for _, g := range r.Current.KB.Gaps {
				text := g.Text
				if g.Also != "" {
					text += " (" + g.Also + ")"
				}
				out = append(out, []any{text, g.Count})
			}
		case "mentoring":
			out = append(out, nil, bolds(b, "report.col_mentor", "report.l_mentoring_slots", "report.l_mentoring_seats", "report.l_mentoring_booked",
				"report.l_mentoring_attended", "report.l_mentoring_noshow", "report.l_mentoring_rating_mean"))
			for i, m := range r.Current.Mentoring.Mentors {
				out = append(out, []any{r.mentorLabel(m, i, b.t), m.Slots, m.Seats, m.Booked, m.Attended, m.NoShow, b.value(meanNum(m.Ratings), unitRating)})
			}
		}
		if err := rows(sw, len(out), func(i int) []any { return out[i] }); err != nil {
			return err
		}
	}
	if r.Surveys == nil {
		return nil
	}
	sw, err := b.sheet("report.area_surveys", []float64{40, 12, 12, 12}, b.t("report.col_wave"), b.t("report.col_invited"), b.t("report.col_answers"), b.t("report.col_response"))
	if err != nil {
		return err
	}
	ws := r.Surveys.Waves
	return rows(sw, len(ws), func(i int) []any {
		if ws[i].Hidden {
			return []any{ws[i].Name, b.t("report.fewer_than_5")}
		}
		return []any{ws[i].Name, ws[i].Invited, ws[i].Answers, b.value(shareNum(ws[i].Response()), unitShare)}
	})
}

func bolds(b *book, keys ...string) []any {
	out := make([]any, len(keys))
	for i, k := range keys {
		out[i] = excelize.Cell{StyleID: b.bold, Value: b.t(k)}
	}
	return out
}

// headers are the catalogue's labels of keys report.col_KEY.
func (b *book) headers(keys ...string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = b.t("report.col_" + k)
	}
	return out
}

func (b *book) questions(r *Report) error {
	sw, err := b.sheet("report.sheet_questions", []float64{8, 10, 17, 10, 6, 60, 10, 30, 12},
		b.headers("id", "university", "at", "role", "lang", "text", "outcome", "article", "feedback")...)
	if err != nil {
		return err
	}
	qs := r.Questions
	return rows(sw, len(qs), func(i int) []any {
		q := qs[i]
		return []any{q.ID, strings.ToUpper(q.University), b.when(q.At), q.Role, q.Lang, q.Text, q.Outcome, q.Article, q.Feedback}
	})
}

func (b *book) tickets(r *Report) error {
	sw, err := b.sheet("report.sheet_tickets", []float64{11, 10, 10, 10, 10, 17, 17, 17, 17, 10, 10, 10, 8, 8, 20, 10},
		b.headers("id", "university", "category", "role", "state", "opened", "claimed", "replied", "resolved",
			"to_claim", "to_reply", "to_resolve", "reopened", "rating", "owner", "risk")...)
	if err != nil {
		return err
	}
	ts := r.Tickets
	return rows(sw, len(ts), func(i int) []any {
		t := ts[i]
		rating := any(nil)
		if t.Rating > 0 {
			rating = t.Rating
		}
		return []any{t.ID, strings.ToUpper(t.University), t.Category, t.RequesterRole, string(t.State), b.when(t.Opened), b.when(t.Claimed),
			b.when(t.Replied), b.when(t.Resolved), mins(t.ToClaim), mins(t.ToReply), mins(t.ToResolve), t.Reopened, rating, t.Owner, t.Risk}
	})
}

func (b *book) bookings(r *Report) error {
	sw, err := b.sheet("report.sheet_bookings", []float64{8, 8, 10, 17, 8, 10, 30, 20, 20, 10, 10, 8, 17},
		b.headers("id", "slot", "university", "start", "minutes", "kind", "topic", "mentor", "person", "status", "attendance", "rating", "booked")...)
	if err != nil {
		return err
	}
	bs := r.Bookings
	return rows(sw, len(bs), func(i int) []any {
		x := bs[i]
		rating := any(nil)
		if x.Rating > 0 {
			rating = x.Rating
		}
		return []any{x.ID, x.Slot, strings.ToUpper(x.University), b.when(x.Start), x.Minutes, x.Kind, x.Topic, x.Mentor, x.Person,
			x.Status, x.Attendance, rating, b.when(x.Booked)}
	})
}

// sheetName fits a sheet name to Excel's rules: at most 31 characters,
// none of []:*?/\.
func sheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return ' '
		}
		return r
	}, s)
	if r := []rune(s); len(r) > 31 {
		s = string(r[:31])
	}
	return s
}
