package aulabot

import (
	"fmt"
	"testing"
	"time"
)

// TestTypedWhen: the ways people type a day and a time at a step that asks
// for both. Today is Friday 4 December 2026 in Lima (01:10 on the 5th in
// UTC: the day is the zone's).
func TestTypedWhen(t *testing.T) {
	lima := time.FixedZone("Lima", -5*3600)
	now := time.Date(2026, 12, 5, 1, 10, 0, 0, time.UTC)
	for _, c := range []struct{ in, want string }{
		{"2026-12-15 19:00", "2026-12-15 19:00"},
		{" 2026-12-15   09:05 ", "2026-12-15 09:05"},
		{"15/12 19:00", "2026-12-15 19:00"},
		{"15/12/2026 7pm", "2026-12-15 19:00"},
		{"15-12-26 19h", "2026-12-15 19:00"},
		{"15.12 19.30", "2026-12-15 19:30"},
		{"12/15 7:30 pm", "2026-12-15 19:30"}, // only month first is a date
		{"3/1 10:00", "2027-01-03 10:00"},     // day first; January is next year's
		{"04/12 08:00", "2026-12-04 08:00"},   // today: the step says it has passed
		{"29/02 10:00", "2028-02-29 10:00"},
		{"mañana 19h", "2026-12-05 19:00"},
		{"Mañana a las 7 de la tarde", "2026-12-05 19:00"},
		{"mañana a las 3 y media de la tarde", "2026-12-05 15:30"}, {"mañana a mediodía", "2026-12-05 12:00"},
		{"mañana por la noche a las 9", "2026-12-05 21:00"}, {"mañana a las 12 de la noche", "2026-12-05 00:00"},
		{"mañana por la mañana a las 9", "2026-12-05 09:00"},
		{"tomorrow at 7pm", "2026-12-05 19:00"},
		{"pasado mañana 10:00", "2026-12-06 10:00"},
		{"hoy 23:00", "2026-12-04 23:00"},
		{"el lunes a las 10", "2026-12-07 10:00"},
		{"viernes 10:00", "2026-12-11 10:00"}, // today is Friday: the next one
		{"next Monday 9am", "2026-12-07 09:00"},
		{"Monday at 10", "2026-12-07 10:00"},
		{"el jueves a las 5pm", "2026-12-10 17:00"},
		{"MIÉRCOLES 16 hs", "2026-12-09 16:00"},
		{"15 de diciembre a las 19", "2026-12-15 19:00"},
		{"15 dic. 2026, 19:00", "2026-12-15 19:00"},
		{"Dec 15th, 7 pm", "2026-12-15 19:00"},
		{"mar 3 10:00", "2027-03-03 10:00"}, // March with a day, Tuesday alone
		{"martes 15 19:00", "2026-12-15 19:00"},
		{"martes 15/12 19:00", "2026-12-15 19:00"},
		{"martes 15", "2026-12-08 15:00"},             // no other time: Tuesday at 15
		{"miércoles 16 a las 10", "2026-12-16 10:00"}, // the 16th is a Wednesday

		{"19:00 mañana", "2026-12-05 19:00"},
		{"7pm 15/12", "2026-12-15 19:00"},
		{"10.30 15/12", "2026-12-15 10:30"},
		{"a las 18:45 del 2 de enero", "2027-01-02 18:45"},
	} {
		got, err := TypedWhen(c.in, now, lima, "bad")
		if err != nil || got.In(lima).Format("2006-01-02 15:04") != c.want {
			t.Errorf("%q = %v %v, want %s", c.in, got.In(lima), err, c.want)
		}
	}
	for _, c := range []struct{ in, key string }{
		{"", "bad"},
		{"hola", "bad"},
		{"19:00", "bad"},       // no day
		{"mañana", "bad"},      // no time
		{"15 19:00", "bad"},    // a number alone is no day
		{"19.30 10:00", "bad"}, // neither is a day
		{"15/12 19:00 y 20:00", "slot.err_time"},
		{"mañana 25:00", "slot.err_time"},
		{"31/02 10:00", "slot.err_no_such_date"},
		{"2026-13-01 10:00", "slot.err_no_such_date"},
		{"lunes 15/12 19:00", "slot.err_day_mismatch"}, // the 15th is a Tuesday
		{"miércoles 17 a las 10", "slot.err_time"},     // the 17th is a Thursday
		{"mañana a las 19:00, y el martes 15 a las 10 también, por favor, gracias", "bad"},
		{"viernes 15 10:00", "slot.err_time"}, // not the 15th, so Friday at "15 10:00"
	} {
		if got, err := TypedWhen(c.in, now, lima, "bad"); ErrorKey(err) != c.key {
			t.Errorf("%q = %v %v, want %s", c.in, got, err, c.key)
		}
	}
	scl, err := time.LoadLocation("America/Santiago")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := TypedWhen("2027-09-05 00:30", now, scl, "bad"); ErrorKey(err) != "slot.err_no_such_time" {
		t.Errorf("00:30 in Santiago's gap: %v, want slot.err_no_such_time", err)
	}
}

// FuzzTypedWhen: any text is a day and time or refused; a day and time
// written as 2026-12-15 19:00 or 15/12/2026 19:00 is read as written, and
// what is read is a whole minute that reads back alike.
func FuzzTypedWhen(f *testing.F) {
	lima := time.FixedZone("Lima", -5*3600)
	now := time.Date(2026, 12, 5, 1, 10, 0, 0, time.UTC)
	for _, s := range []string{"2026-03-12 17:00", "15/12 7pm", "mañana a las 7 de la tarde", "lunes 15 10", "x y", "31/02 10:00", "martes 15/12/26 9 am"} {
		f.Add(s, 2026, 12, 15, 19, 30)
	}
	f.Fuzz(func(t *testing.T, s string, y, m, d, hh, mm int) {
		if at, err := TypedWhen(s, now, lima, "bad"); err == nil {
			back, err := TypedWhen(at.In(lima).Format("2006-01-02 15:04"), now, lima, "bad")
			if at.Second() != 0 || at.Nanosecond() != 0 || err != nil || !back.Equal(at) {
				t.Errorf("%q read as %v, which reads back as %v %v", s, at, back, err)
			}
		}
		want := time.Date(y, time.Month(m), d, hh, mm, 0, 0, lima)
		if y < 1000 || y > 9999 || want.Year() != y || int(want.Month()) != m || want.Day() != d || want.Hour() != hh || want.Minute() != mm {
			return // not a day and time on the calendar
		}
		for _, typed := range []string{fmt.Sprintf("%04d-%02d-%02d %02d:%02d", y, m, d, hh, mm), fmt.Sprintf("%d/%d/%d %d:%02d", d, m, y, hh, mm)} {
			if got, err := TypedWhen(typed, now, lima, "bad"); err != nil || !got.Equal(want) {
				t.Errorf("%q = %v %v, want %v", typed, got, err, want)
			}
		}
	})
}

// TestTypedDay: a day typed as the whole answer to a step that asks for
// one, after "hasta" or "until" too. Today is Friday 4 December 2026 in
// Lima.
func TestTypedDay(t *testing.T) {
	lima := time.FixedZone("Lima", -5*3600)
	now := time.Date(2026, 12, 5, 1, 10, 0, 0, time.UTC)
	for _, c := range []struct{ in, want string }{
		{"2027-04-30", "2027-04-30"},
		{"30/04", "2027-04-30"},
		{" hasta el 30/04 ", "2027-04-30"},
		{"Hasta el 18 de diciembre", "2026-12-18"},
		{"el viernes", "2026-12-11"},
		{"until Dec 18th", "2026-12-18"},
		{"till 15/1/2027", "2027-01-15"},
		{"mañana", "2026-12-05"},
		{"martes 15", "2026-12-15"},
	} {
		y, m, d, err := TypedDay(c.in, now, lima)
		if got := fmt.Sprintf("%04d-%02d-%02d", y, m, d); err != nil || got != c.want {
			t.Errorf("%q = %s %v, want %s", c.in, got, err, c.want)
		}
	}
	for _, c := range []struct{ in, key string }{
		{"", "slot.err_date"},
		{"hasta", "slot.err_date"},
		{"hasta fin de mes", "slot.err_date"},
		{"el 9", "slot.err_date"},
		{"30/04 10:00", "slot.err_date"}, // a time is more than a day
		{"31/02", "slot.err_no_such_date"},
		{"lunes 15/12", "slot.err_day_mismatch"},
	} {
		if _, _, _, err := TypedDay(c.in, now, lima); ErrorKey(err) != c.key {
			t.Errorf("%q: %v, want %s", c.in, err, c.key)
		}
	}
}

// FuzzTypedDay: any text is a day or refused; a day read is on the
// calendar and reads back alike written as YYYY-MM-DD, and a date written
// so is read as written.
func FuzzTypedDay(f *testing.F) {
	lima := time.FixedZone("Lima", -5*3600)
	now := time.Date(2026, 12, 5, 1, 10, 0, 0, time.UTC)
	for _, s := range []string{"hasta el 30/04", "until dec 18th", "el viernes", "x", "31/02", "martes 15/12/26"} {
		f.Add(s, 2027, 4, 30)
	}
	f.Fuzz(func(t *testing.T, s string, y, m, d int) {
		if gy, gm, gd, err := TypedDay(s, now, lima); err == nil {
			day := time.Date(gy, gm, gd, 12, 0, 0, 0, lima)
			by, bm, bd, berr := TypedDay(day.Format("2006-01-02"), now, lima)
			if day.Year() != gy || day.Month() != gm || day.Day() != gd || berr != nil || by != gy || bm != gm || bd != gd {
				t.Errorf("%q read as %d-%d-%d, which reads back as %d-%d-%d %v", s, gy, gm, gd, by, bm, bd, berr)
			}
		}
		want := time.Date(y, time.Month(m), d, 12, 0, 0, 0, lima)
		if y < 1000 || y > 9999 || want.Year() != y || int(want.Month()) != m || want.Day() != d {
			return
		}
		if gy, gm, gd, err := TypedDay(want.Format("2006-01-02"), now, lima); err != nil || gy != y || int(gm) != m || gd != d {
			t.Errorf("%s = %d-%d-%d %v", want.Format("2006-01-02"), gy, gm, gd, err)
		}
	})
}

func TestTypedWeekday(t *testing.T) {
	for w, want := range map[string]time.Weekday{"lunes": time.Monday, "miercoles": time.Wednesday, "thursday": time.Thursday,
		"domingo": time.Sunday, "mar": -1, "lun": -1, "mondays": -1, "": -1} {
		if got, ok := TypedWeekday(w); ok != (want >= 0) || ok && got != want {
			t.Errorf("TypedWeekday(%q) = %v %v, want %v", w, got, ok, want)
		}
	}
}

func TestTypedMonth(t *testing.T) {
	for w, want := range map[string]time.Month{"noviembre": time.November, "november": time.November, "setiembre": time.September,
		"mayo": time.May, "june": time.June, "mar": 0, "may": 0, "sept": 0, "dic": 0, "lunes": 0, "": 0} {
		if got, ok := TypedMonth(w); ok != (want != 0) || got != want {
			t.Errorf("TypedMonth(%q) = %v %v, want %v", w, got, ok, want)
		}
	}
}
