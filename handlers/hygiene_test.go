package handlers_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/htest"
)

// Names and topics that others see lose the characters that make a text
// display as something else (right-to-left override, NUL), from the
// first message on: onboarding, the mentor's notice, the slot view, the
// agenda.
func TestHygiene_NamesAndTopics(t *testing.T) {
	e := htest.New(t, nil)
	mentor := aulabot.Person{ID: 4001, FirstName: "Mentor\u202e", LastName: "\x00Uno", LanguageCode: "en"}
	e.Onboard(mentor, "unma", "teacher")
	s := publish(t, e, mentor, "2026-03-12 15:00 60 personal Moodle\u2066 quizzes")
	p := aulabot.Person{ID: 7001, FirstName: "Eve\u202egnp.exe", LastName: "\u200fX", LanguageCode: "en"}
	var out []aulabot.Message
	out = append(out, e.Text(p, 0, "/start")...)
	e.Onboard(p, "unma", "teacher")
	out = append(out, e.Press(p, 0, 0, fmt.Sprintf("bk:t:%d", s.ID))...)
	out = append(out, e.Text(p, 0, "grading\u202e rubrics")...)
	out = append(out, e.Press(p, 0, 0, fmt.Sprintf("bk:c:%d", s.ID))...)
	out = append(out, e.Press(mentor, 0, 0, fmt.Sprintf("sl:v:%d", s.ID))...)
	out = append(out, e.Text(mentor, 0, "/slots")...)
	if find(out, "Evegnp.exe X booked") == nil || find(out, "grading rubrics") == nil || find(out, "Moodle quizzes") == nil {
		t.Errorf("the cleaned texts are not shown: %q", texts(out))
	}
	for _, m := range out {
		if strings.ContainsAny(m.Text, "\u202e\u2066\u200f\x00") {
			t.Errorf("a control character reached chat %d: %q", m.ChatID, m.Text)
		}
		for _, row := range m.Inline {
			for _, b := range row {
				if strings.ContainsAny(b.Text, "\u202e\u2066\u200f\x00") {
					t.Errorf("a control character in a button: %q", b.Text)
				}
			}
		}
	}
}
