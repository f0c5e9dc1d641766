package handlers

import (
	"slices"
	"strings"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/button"
	"github.com/aulabot/aulabot/report"
)

// The buttons of /report.

// reportUniButton picks the university of a report, or all: "rp:u:unma".
type reportUniButton struct{ University string }

func (b reportUniButton) Encode() string { return button.Join("rp:u", b.University) }

// reportPeriodButton picks the period of a university's report:
// "rp:p:unma:lw".
type reportPeriodButton struct{ University, Period string }

func (b reportPeriodButton) Encode() string { return button.Join("rp:p", b.University, b.Period) }

// reportButtons are the kinds above. The university is any word: the
// handler checks it against the presser's roles like a typed one; the
// period is one of report.Periods.
var reportButtons = []button.Kind{
	{Prefix: "rp:u", Fields: 1, Longest: reportUniButton{University: strings.Repeat("u", aulabot.MaxUniversityID)},
		Decode: func(f []string) (button.Data, bool) { return reportUniButton{University: f[0]}, f[0] != "" }},
	{Prefix: "rp:p", Fields: 2, Longest: reportPeriodButton{University: strings.Repeat("u", aulabot.MaxUniversityID), Period: report.Term},
		Decode: func(f []string) (button.Data, bool) {
			return reportPeriodButton{University: f[0], Period: f[1]}, f[0] != "" && slices.Contains(report.Periods, f[1])
		}},
}
