package aulabot

import (
	"testing"
	"time"
)

func TestServiceLevels_AddBusiness(t *testing.T) {
	lima, err := time.LoadLocation("America/Lima")
	if err != nil {
		t.Fatal(err)
	}
	s := ServiceLevels{Days: []int{1, 2, 3, 4, 5}, Start: "08:00", End: "18:00"}
	at := func(day, hour, min int) time.Time { return time.Date(2026, 3, day, hour, min, 0, 0, lima) }
	// 2026-03-10 is a Tuesday; 13 a Friday; 16 a Monday.
	tests := []struct {
		name string
		from time.Time
		d    time.Duration
		want time.Time
	}{
		{"within the day", at(10, 10, 0), 30 * time.Minute, at(10, 10, 30)},
		{"before opening", at(10, 6, 0), 30 * time.Minute, at(10, 8, 30)},
		{"across closing", at(10, 17, 45), 30 * time.Minute, at(11, 8, 15)},
		{"after closing", at(10, 19, 0), 2 * time.Hour, at(11, 10, 0)},
		{"friday evening to monday", at(13, 17, 50), 30 * time.Minute, at(16, 8, 20)},
		{"saturday", at(14, 12, 0), 2 * time.Hour, at(16, 10, 0)},
		{"exactly at closing", at(10, 17, 30), 30 * time.Minute, at(10, 18, 0)},
		{"more than a day", at(10, 9, 0), 12 * time.Hour, at(11, 11, 0)},
		{"zero", at(14, 12, 0), 0, at(14, 12, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := s.AddBusiness(tt.from.UTC(), tt.d, lima); !got.Equal(tt.want) {
				t.Errorf("AddBusiness(%v, %v) = %v, want %v", tt.from, tt.d, got.In(lima), tt.want)
			}
		})
	}
	t.Run("every day, all day", func(t *testing.T) {
		all := ServiceLevels{Days: []int{1, 2, 3, 4, 5, 6, 7}, Start: "00:00", End: "23:59"}
		if got := all.AddBusiness(at(14, 12, 0), time.Hour, lima); !got.Equal(at(14, 13, 0)) {
			t.Errorf("got %v", got)
		}
	})
	t.Run("broken hours fall back to wall time", func(t *testing.T) {
		bad := ServiceLevels{Start: "x"}
		if got := bad.AddBusiness(at(14, 12, 0), time.Hour, lima); !got.Equal(at(14, 13, 0)) {
			t.Errorf("got %v", got)
		}
	})
}

// Business time never runs faster than wall time, and lands inside hours.
func FuzzAddBusiness(f *testing.F) {
	f.Add(int64(0), int64(30*time.Minute))
	f.Add(int64(1e9*86400*3), int64(2*time.Hour))
	s := ServiceLevels{Days: []int{1, 2, 3, 4, 5}, Start: "08:00", End: "18:00"}
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, off, d int64) {
		off %= int64(400 * 24 * time.Hour)
		if off < 0 {
			off = -off
		}
		d %= int64(30 * 24 * time.Hour)
		from := base.Add(time.Duration(off))
		got := s.AddBusiness(from, time.Duration(d), time.UTC)
		if d <= 0 {
			if !got.Equal(from) {
				t.Fatalf("d=%d moved %v to %v", d, from, got)
			}
			return
		}
		if got.Sub(from) < time.Duration(d) {
			t.Fatalf("%v + %v business = %v, faster than wall time", from, time.Duration(d), got)
		}
		h := got.Hour()*60 + got.Minute()
		if h < 8*60 || h > 18*60 || got.Weekday() == time.Saturday || got.Weekday() == time.Sunday {
			t.Fatalf("%v + %v = %v, outside business hours", from, time.Duration(d), got)
		}
	})
}

func TestParseTicketID(t *testing.T) {
	tests := []struct {
		in  string
		uni string
		n   int
		ok  bool
	}{
		{"UNMA-7", "unma", 7, true},
		{" unma-12 ", "unma", 12, true},
		{"#UNVS-1", "unvs", 1, true},
		{"UNMA-0", "", 0, false},
		{"UNMA-", "", 0, false},
		{"-7", "", 0, false},
		{"UNMA7", "", 0, false},
		{"UN MA-7", "", 0, false},
		{"UNMA-+7", "", 0, false},
		{"UNMA-99999999999", "", 0, false},
		{"ÑAND-1", "", 0, false},
	}
	for _, tt := range tests {
		uni, n, ok := ParseTicketID(tt.in)
		if uni != tt.uni || n != tt.n || ok != tt.ok {
			t.Errorf("ParseTicketID(%q) = %q, %d, %v; want %q, %d, %v", tt.in, uni, n, ok, tt.uni, tt.n, tt.ok)
		}
	}
}

func FuzzParseTicketID(f *testing.F) {
	for _, s := range []string{"UNMA-7", "unvs-123", "#A-1", "x-y-3", "UNMA--1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		uni, n, ok := ParseTicketID(s)
		if !ok {
			return
		}
		id := TicketID(uni, n)
		u2, n2, ok2 := ParseTicketID(id)
		if !ok2 || u2 != uni || n2 != n {
			t.Fatalf("%q -> %q %d -> %q -> %q %d %v", s, uni, n, id, u2, n2, ok2)
		}
	})
}

func TestServiceLevels_BusinessBetween(t *testing.T) {
	lima, err := time.LoadLocation("America/Lima")
	if err != nil {
		t.Fatal(err)
	}
	madrid, err := time.LoadLocation("Europe/Madrid")
	if err != nil {
		t.Fatal(err)
	}
	s := ServiceLevels{Days: []int{1, 2, 3, 4, 5}, Start: "08:00", End: "18:00"}
	at := func(day, hour, min int) time.Time { return time.Date(2026, 3, day, hour, min, 0, 0, lima) }
	// 2026-03-10 is a Tuesday; 13 a Friday; 16 a Monday.
	tests := []struct {
		name     string
		from, to time.Time
		want     time.Duration
	}{
		{"within the day", at(10, 10, 0), at(10, 10, 30), 30 * time.Minute},
		{"friday evening to monday morning", at(13, 19, 0), at(16, 9, 15), 75 * time.Minute},
		{"friday before closing to monday", at(13, 17, 30), at(16, 8, 15), 45 * time.Minute},
		{"claimed after closing", at(10, 10, 0), at(10, 20, 0), 8 * time.Hour},
		{"claimed before opening", at(13, 19, 0), at(16, 7, 0), 0},
		{"weekend only", at(14, 9, 0), at(15, 17, 0), 0},
		{"a whole week", at(9, 0, 0), at(16, 0, 0), 50 * time.Hour},
		{"backwards", at(10, 12, 0), at(10, 11, 0), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := s.BusinessBetween(tt.from.UTC(), tt.to.UTC(), lima); got != tt.want {
				t.Errorf("BusinessBetween(%v, %v) = %v, want %v", tt.from, tt.to, got, tt.want)
			}
		})
	}
	t.Run("the university's zone, not the instant's", func(t *testing.T) {
		// 15:00 UTC is 10:00 in Lima and 16:00 in Madrid: one business
		// hour later, Lima has counted an hour and Madrid too; three
		// hours later Madrid has closed (18:00) and counts only two.
		from := time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)
		if got := s.BusinessBetween(from, from.Add(3*time.Hour), lima); got != 3*time.Hour {
			t.Errorf("Lima = %v, want 3h", got)
		}
		if got := s.BusinessBetween(from, from.Add(3*time.Hour), madrid); got != 2*time.Hour {
			t.Errorf("Madrid = %v, want 2h", got)
		}
	})
	t.Run("a daylight saving change", func(t *testing.T) {
		// Madrid moves its clocks forward at 02:00 on Sunday 29 March
		// 2026: the business week around it still has 10 hours a day.
		from := time.Date(2026, 3, 27, 17, 0, 0, 0, madrid)
		to := time.Date(2026, 3, 30, 9, 0, 0, 0, madrid)
		if got := s.BusinessBetween(from, to, madrid); got != 2*time.Hour {
			t.Errorf("got %v, want 2h", got)
		}
	})
	t.Run("broken hours count wall time", func(t *testing.T) {
		if got := (ServiceLevels{Start: "x"}).BusinessBetween(at(14, 12, 0), at(14, 13, 0), lima); got != time.Hour {
			t.Errorf("got %v", got)
		}
	})
}

// BusinessBetween undoes AddBusiness, whatever the start and the span.
func FuzzBusinessBetween(f *testing.F) {
	f.Add(int64(0), int64(30*time.Minute))
	f.Add(int64(1e9*86400*3+17*3600*1e9), int64(2*time.Hour))
	s := ServiceLevels{Days: []int{1, 2, 3, 4, 5}, Start: "08:00", End: "18:00"}
	madrid, err := time.LoadLocation("Europe/Madrid")
	if err != nil {
		f.Fatal(err)
	}
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, off, d int64) {
		off %= int64(400 * 24 * time.Hour)
		if off < 0 {
			off = -off
		}
		d %= int64(30 * 24 * time.Hour)
		if d < 0 {
			d = -d
		}
		from := base.Add(time.Duration(off))
		for _, loc := range []*time.Location{time.UTC, madrid} {
			to := s.AddBusiness(from, time.Duration(d), loc)
			if got := s.BusinessBetween(from, to, loc); got != time.Duration(d) {
				t.Fatalf("%v: BusinessBetween(%v, AddBusiness(+%v) = %v) = %v", loc, from, time.Duration(d), to, got)
			}
		}
	})
}

func TestServiceLevels_NextOpening(t *testing.T) {
	lima, err := time.LoadLocation("America/Lima")
	if err != nil {
		t.Fatal(err)
	}
	s := ServiceLevels{Days: []int{1, 2, 3, 4, 5}, Start: "08:30", End: "18:00"}
	at := func(day, hour, min int) time.Time { return time.Date(2026, 3, day, hour, min, 0, 0, lima) }
	// 2026-03-10 is a Tuesday; 13 a Friday; 16 a Monday.
	for _, tt := range []struct {
		name     string
		from     time.Time
		want     time.Time
		weekends bool
	}{
		{"before today's opening", at(10, 6, 0), at(10, 8, 30), false},
		{"at the opening: the next", at(10, 8, 30), at(11, 8, 30), false},
		{"during the day", at(10, 12, 0), at(11, 8, 30), false},
		{"friday evening", at(13, 19, 0), at(16, 8, 30), false},
		{"saturday", at(14, 7, 0), at(16, 8, 30), false},
		{"saturday, weekends open", at(14, 7, 0), at(14, 8, 30), true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			sl := s
			if tt.weekends {
				sl.Days = []int{1, 2, 3, 4, 5, 6, 7}
			}
			if got, ok := sl.NextOpening(tt.from.UTC(), lima); !ok || !got.Equal(tt.want) {
				t.Errorf("NextOpening(%v) = %v, %v; want %v", tt.from, got.In(lima), ok, tt.want)
			}
		})
	}
	if got, ok := (ServiceLevels{Days: []int{1}, Start: "18:00", End: "08:00"}).NextOpening(at(10, 6, 0), lima); ok {
		t.Errorf("hours that end before they start: NextOpening = %v, want none", got)
	}
}
