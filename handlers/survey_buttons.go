package handlers

import (
	"slices"
	"strings"

	"github.com/aulabot/aulabot/handlers/button"
)

// svButton is a survey button: sv:OP:SURVEY[:QUESTION[:VALUE]], or
// sv:r:SERIES for a series' results. With the longest ids a survey file
// may give (24 characters for a survey or a series, 16 for a question or
// an option) it fits in 64 bytes.
type svButton struct {
	Op       string
	Survey   string // the series, for svResults
	Question string
	Value    string // a number or an option id
}

// Encode implements button.Data.
func (b svButton) Encode() string {
	fields := []string{b.Survey}
	for _, f := range []string{b.Question, b.Value} {
		if f != "" {
			fields = append(fields, f)
		}
	}
	return button.Join(surveyButton+":"+b.Op, fields...)
}

// svData is the data of a survey button of operation op with the fields
// it takes (survey, question, value).
func svData(op string, fields ...string) string {
	b := svButton{Op: op}
	for i, f := range fields {
		switch i {
		case 0:
			b.Survey = f
		case 1:
			b.Question = f
		case 2:
			b.Value = f
		}
	}
	return b.Encode()
}

// svKind is the kind of survey button of operation op, with its number of
// fields.
func svKind(op string, fields int) button.Kind {
	longest := svButton{Op: op, Survey: strings.Repeat("s", 24)}
	if fields > 1 {
		longest.Question = strings.Repeat("q", 16)
	}
	if fields > 2 {
		longest.Value = strings.Repeat("v", 16)
	}
	return button.Kind{Prefix: surveyButton + ":" + op, Fields: fields, Longest: longest,
		Decode: func(f []string) (button.Data, bool) {
			if slices.Contains(f, "") {
				return nil, false
			}
			b := svButton{Op: op, Survey: f[0]}
			if fields > 1 {
				b.Question = f[1]
			}
			if fields > 2 {
				b.Value = f[2]
			}
			return b, true
		}}
}

// surveyButtons are the kinds of survey button.
var surveyButtons = []button.Kind{
	svKind(svOpen, 1), svKind(svStart, 1), svKind(svConfirm, 1), svKind(svCancel, 1), svKind(svStatus, 1), svKind(svResults, 1),
	svKind(svAskEnd, 1), svKind(svEnd, 1),
	svKind(svNext, 2), svKind(svSkip, 2), svKind(svBack, 2),
	svKind(svAnswer, 3), svKind(svToggle, 3),
}

// surveyOpener encodes the survey buttons of service.Surveys' messages.
type surveyOpener struct{}

func (surveyOpener) Open(id string) string { return svData(svOpen, id) }

func (surveyOpener) Results(series string) string { return svData(svResults, series) }
