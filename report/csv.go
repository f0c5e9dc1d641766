package report

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// CSV writes every figure of r as one row: area, figure and part (stable
// keys, for formulas), the label in lang, the value this period and the
// period before, and the unit (count; share, a fraction; minutes, of
// business time; rating, a mean of 1-5). A missing value is an empty
// cell. For All, rows of the area "universities" give each university's
// headline figures, with the median of the others as the "before" value.
// The rows per question, ticket and booking are in the xlsx workbook.
func CSV(w io.Writer, r *Report, tr Texts, lang string) error {
	cw := csv.NewWriter(w)
	cell := func(v num) string {
		if !v.ok {
			return ""
		}
		return strconv.FormatFloat(v.v, 'f', -1, 64)
	}
	if err := cw.Write([]string{"area", "figure", "part", "label", "value", "previous", "unit"}); err != nil {
		return err
	}
	prev := r.Previous.Headline()
	for i, f := range r.Current.Headline() {
		now, unit := f.num()
		before, _ := prev[i].num()
		if err := cw.Write([]string{"headline", f.Key, "", tr.T(lang, "report.fig_"+f.Key), cell(now), cell(before), unit}); err != nil {
			return err
		}
	}
	for _, c := range r.Universities {
		for i, f := range c.Figures {
			now, unit := f.num()
			others, _ := c.Others[i].num()
			err := cw.Write([]string{"universities", f.Key, c.University, tr.T(lang, "report.fig_"+f.Key) + " — " + strings.ToUpper(c.University),
				cell(now), cell(others), unit})
			if err != nil {
				return err
			}
		}
	}
	for _, l := range lines(r) {
		if err := cw.Write([]string{l.area, l.key, l.part, l.label(tr, lang), cell(l.now), cell(l.before), l.unit}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
