package handlers

import (
	"testing"

	"github.com/aulabot/aulabot/handlers/button"
)

// The wire formats of mentoring's buttons are those of the version before
// the codec: buttons already in people's chats keep working. Each decodes
// to its typed value and encodes back to the same data.
func TestMentoringButtons_OldData(t *testing.T) {
	codec := button.NewCodec(buttonKinds()...)
	for data, want := range map[string]button.Data{
		"bk:new":          bookMenuButton{},
		"bk:kinds":        kindsButton{},
		"bk:k:p:0":        slotListButton{"personal", 0},
		"bk:k:g:2":        slotListButton{"group", 2},
		"bk:m:1":          myBookingsButton{1},
		"bk:n:p":          nextFreeButton{"personal"},
		"bk:s:12":         showSlotButton{12},
		"bk:c:12":         confirmBookingButton{12},
		"bk:w:12":         waitlistButton{12},
		"bk:t:12":         topicButton{12},
		"bk:x:7":          cancelBookingButton{7},
		"bk:a:7":          attendButton{7},
		"rt:7:5":          rateSessionButton{7, 5},
		"rr:7":            rerateButton{7},
		"sl:v:3":          slotViewButton{3},
		"sl:x:3":          slotCancelButton{3},
		"sl:X:3":          slotCancelNowButton{3},
		"sl:xy:3":         slotCancelOKButton{3},
		"sl:ly:3":         sendLinkOKButton{3},
		"sl:ln:3":         keepLinkButton{3},
		"sl:wy:3":         messageOKButton{3},
		"sl:wn:3":         messageNoButton{3},
		"sl:c:3:12":       capacityButton{3, 12},
		"sl:n:3":          noteButton{3},
		"sl:m:3":          moveButton{3},
		"sl:mv:3":         moveOKButton{3},
		"sl:cp:3":         copyButton{3},
		"sl:cw:3":         copyWeekButton{3},
		"sl:cy:3":         copyOKButton{3},
		"sl:cn:3":         copyNoButton{3},
		"sl:a:7:1":        attendanceButton{7, true},
		"sl:a:7:0":        attendanceButton{7, false},
		"ag:s:1":          agendaButton{"s", 1},
		"ag:t:0":          agendaButton{"t", 0},
		"ag:p:2":          agendaButton{"p", 2},
		"ns:d:2026-03-12": nsDayButton{"2026-03-12"},
		"ns:t:15:00":      nsTimeButton{"15:00"},
		"ns:m:60":         nsMinutesButton{60},
		"ns:k:g":          nsKindButton{"group"},
		"ns:c:20":         nsCapButton{20},
		"ns:skip":         nsSkipButton{},
		"ns:ok":           nsOKButton{},
		"ns:no":           nsNoButton{},
		// Added with issue 14: the second tap, the ways back, the panel's
		// page, the question carried from the knowledge base.
		"bk:X:7":   cancelSureButton{7},
		"bk:y:7":   keepBookingButton{7},
		"sl:k:3":   keepSlotButton{3},
		"sl:p:3:1": slotPageButton{3, 1},
		"bk:q:31":  askMentorButton{31},
		// A mentor's slots, of both kinds or of one (7 December).
		"bk:mt:4001:a:0": mentorSlotsButton{4001, "", 0},
		"bk:mt:4001:g:2": mentorSlotsButton{4001, "group", 2},
	} {
		got, err := codec.Decode(data)
		if err != nil || got != want {
			t.Errorf("Decode(%q) = %#v, %v; want %#v", data, got, err, want)
			continue
		}
		if enc := got.Encode(); enc != data {
			t.Errorf("%#v encodes to %q, want %q", got, enc, data)
		}
	}
	for _, data := range []string{"bk:s:0", "bk:s:01", "bk:k:x:0", "sl:a:7:2", "ns:t:24:00", "ns:t:9:00", "rt:7", "bk:s:-1", "sl:c:3:-1",
		"bk:mt:0:a:0", "bk:mt:-4001:a:0", "bk:mt:04001:a:0", "bk:mt:4001:x:0", "bk:mt:4001:a"} {
		if v, err := codec.Decode(data); err == nil {
			t.Errorf("Decode(%q) = %#v, want stale", data, v)
		}
	}
}

// A course's buttons share mentoring's id rule: course ids start at 1, so
// a forged 0 is a stale button, not "course not found".
func TestCourseButtons_NoIDZero(t *testing.T) {
	codec := button.NewCodec(buttonKinds()...)
	for _, data := range []string{"crs:v:0", "crs:t:0:photo:1", "crs:m:0", "crs:b:0:3", "crs:b:3:0", "crs:bn:0"} {
		if v, err := codec.Decode(data); err == nil {
			t.Errorf("Decode(%q) = %#v, want stale", data, v)
		}
	}
	if _, err := codec.Decode("crs:v:7"); err != nil {
		t.Errorf("Decode(crs:v:7): %v", err)
	}
}
