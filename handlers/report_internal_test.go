package handlers

import (
	"testing"
	"time"

	"github.com/aulabot/aulabot/report"
)

func TestNamedMonth(t *testing.T) {
	today := report.Date{Year: 2026, Month: time.March, Day: 10}
	d := func(y int, m time.Month, day int) report.Date { return report.Date{Year: y, Month: m, Day: day} }
	for text, want := range map[string][2]report.Date{
		"quiero ver el informe de noviembre": {d(2025, time.November, 1), d(2025, time.December, 1)},
		"informe de febrero":                 {d(2026, time.February, 1), d(2026, time.March, 1)},
		"report for march":                   {d(2026, time.March, 1), d(2026, time.March, 11)}, // up to today
		"report for october 2024":            {d(2024, time.October, 1), d(2024, time.November, 1)},
		"informe de diciembre de 2025":       {d(2025, time.December, 1), d(2026, time.January, 1)},
		"el informe del mes pasado":          {d(2026, time.February, 1), d(2026, time.March, 1)},
		"last month's report":                {d(2026, time.February, 1), d(2026, time.March, 1)},
		"informe del 1 al 15 de noviembre":   {},
		"informe de noviembre y diciembre":   {},
		"informe de noviembre de 2030":       {},
		"informe de diciembre de 2026":       {}, // to come
		"informe de diciembre":               {d(2025, time.December, 1), d(2026, time.January, 1)},
		"informe de esta semana":             {},
		"may I see the report":               {},
	} {
		from, to, ok := namedMonth(text, today)
		if ok != (want[0] != report.Date{}) || ok && (from != want[0] || to != want[1]) {
			t.Errorf("namedMonth(%q) = %v %v %v, want %v", text, from, to, ok, want)
		}
	}
	if from, to, ok := namedMonth("el mes pasado", report.Date{Year: 2026, Month: time.January, Day: 5}); !ok || from != d(2025, time.December, 1) || to != d(2026, time.January, 1) {
		t.Errorf("last month in January = %v %v %v, want December", from, to, ok)
	}
}

// FuzzNamedMonth: a month read is a whole month, or this one up to today,
// never past today, and it starts on its first day.
func FuzzNamedMonth(f *testing.F) {
	for _, s := range []string{"informe de noviembre", "mes pasado", "report for may 2025", "octubre 1999", "", "diciembre 2026"} {
		f.Add(s)
	}
	today := report.Date{Year: 2026, Month: time.March, Day: 10}
	f.Fuzz(func(t *testing.T, text string) {
		from, to, ok := namedMonth(text, today)
		if !ok {
			return
		}
		end := today.AddDays(1)
		next := time.Date(from.Year, from.Month+1, 1, 0, 0, 0, 0, time.UTC)
		if from.Day != 1 || to != (report.Date{Year: next.Year(), Month: next.Month(), Day: 1}) && to != end ||
			time.Date(to.Year, to.Month, to.Day, 0, 0, 0, 0, time.UTC).After(time.Date(end.Year, end.Month, end.Day, 0, 0, 0, 0, time.UTC)) {
			t.Fatalf("%q: %v – %v", text, from, to)
		}
	})
}
