package handlers_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers"
	"github.com/aulabot/aulabot/i18n"
	reports "github.com/aulabot/aulabot/report"
)

// The summary of all universities fits one Telegram message however many
// universities there are: those that do not fit are counted, not dropped
// silently; the digests of a university with the longest names fit too.
func TestReport_SummaryFits(t *testing.T) {
	cat := i18n.Builtin()
	long := strings.Repeat("Universidad Nacional Intercultural de la Amazonía & <Selva> ", 3)
	for _, n := range []int{2, 10, 60} {
		r := &reports.Report{University: reports.All, From: reports.Date{Year: 2026, Month: 3, Day: 2}, To: reports.Date{Year: 2026, Month: 3, Day: 9}}
		r.Current.KB.Asked, r.Previous.KB.Asked = 12345, 999
		head := r.Current.Headline()
		for i := range n {
			others := make([]reports.Figure, len(head))
			for k := range others {
				others[k] = reports.Figure{Key: head[k].Key, Kind: head[k].Kind, Value: 123456.5, OK: true}
			}
			r.Universities = append(r.Universities, reports.Comparison{University: fmt.Sprintf("u%02d", i), Name: long, Figures: head, Others: others})
		}
		for _, lang := range []string{"es", "en"} {
			s := reports.Summary(r, cat, lang)
			if err := handlers.Fits(aulabot.Message{ChatID: 1, Text: s}); err != nil {
				t.Errorf("%d universities, %s: %v", n, lang, err)
			}
			shown := strings.Count(s, "<b>U")
			more := fmt.Sprintf("… universities not shown here: %d;", n-shown)
			if lang == "es" {
				more = fmt.Sprintf("… universidades no mostradas aquí: %d;", n-shown)
			}
			if shown < n && !strings.Contains(s, more) {
				t.Errorf("%d universities, %s: %d shown and no %q", n, lang, shown, more)
			}
			if strings.Contains(s, "<Selva>") || !strings.Contains(s, "&lt;Selva&gt;") {
				t.Errorf("a name is not escaped")
			}
		}
		if n == 2 && strings.Contains(reports.Summary(r, cat, "en"), "not shown here") {
			t.Errorf("two universities are cut")
		}
		// A digest and a team digest of a university with the longest
		// name and three tickets.
		r.University, r.Name = "u00", long
		tickets := []reports.OpenTicket{
			{ID: "UNIVERSIDAD-123456", Category: aulabot.CategoryOther, Opened: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Link: "https://t.me/c/1234567890/987654"},
			{ID: "UNIVERSIDAD-123457", Category: aulabot.CategoryLMS, Opened: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), Claimed: true},
		}
		others := reports.OthersWith(r.Universities, 0)
		for _, text := range []string{reports.Digest(r, &r.Universities[0], others, cat, "es"),
			reports.TeamDigest(r, tickets, time.Date(2026, 3, 9, 13, 0, 0, 0, time.UTC), cat, "es")} {
			if err := handlers.Fits(aulabot.Message{ChatID: 1, Text: text}); err != nil {
				t.Errorf("%d universities: %v", n, err)
			}
		}
	}
}
