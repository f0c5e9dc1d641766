package main

import (
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot/sandbox"
)

// Through the real outbox and the emulator: a step answered by typing
// loses its prompt's buttons, whether a press turned the message into the
// prompt (the hours of /newslot, edited by id) or it was sent anew (the
// length's question, edited by its ref when /cancel leaves the flow).
func TestE2E_StepButtonsGo(t *testing.T) {
	h := newHarness(t, nil)
	h.SetNow(time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)) // 10:00 in Lima: 15:30 today is to come
	days := h.say(4001, "/newslot")
	var day string
	for _, row := range days.Inline {
		for _, b := range row {
			if strings.HasPrefix(b.Data, "ns:d:") && day == "" {
				day = b.Data
			}
		}
	}
	if day == "" {
		t.Fatalf("no day to pick: %+v", days)
	}
	h.pressData(4001, 4001, days.ID, day)
	hours := h.waitEdited(4001, days)
	if len(hours.Inline) == 0 {
		t.Fatalf("the hours' question has no buttons: %+v", hours)
	}
	length := h.say(4001, "15:30")
	if !strings.Contains(length.Plain, "dura") || len(length.Inline) == 0 {
		t.Fatalf("after a typed time: %+v", length)
	}
	if m := h.waitEdited(4001, hours); len(m.Inline) != 0 {
		t.Errorf("the hours' buttons stay after a typed time: %+v", m.Inline)
	}
	h.say(4001, "/cancel")
	if m := h.waitNew(4001, 0, func(m sandbox.Message) bool { return m.ID == length.ID && m.Edited > length.Edited }); len(m.Inline) != 0 {
		t.Errorf("the length's buttons stay after /cancel: %+v", m.Inline)
	}
}
