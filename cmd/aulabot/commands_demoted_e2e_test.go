package main

import (
	"slices"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/store"
)

// A mentor who had onboarded as a teacher (stored as a teacher, not as
// staff) and whom the next configuration no longer names as a mentor
// loses the private command list at the next start and sees everyone's,
// like any teacher; the mentor still named keeps theirs.
func TestCommandMenus_DemotedTeacherMentor(t *testing.T) {
	h := newHarness(t, nil) // the start gives 4001 and 4002 the mentors' list
	if err := h.M.Store.Update(func(tx *store.Tx) error {
		return tx.PutUser(aulabot.User{ID: 4002, Name: "Mentor who teaches", University: "unma", Role: aulabot.RoleTeacher, ConsentAt: h.Now()})
	}); err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{4001, 4002} {
		if got := names(h.SB.ChatCommands(id, "es")); !slices.Contains(got, "slots") {
			t.Fatalf("mentor %d's list at the first start: %v", id, got)
		}
	}

	h.stop()
	h.Cfg = config.Demo()
	u := &h.Cfg.Universities[0]
	u.Mentors = slices.DeleteFunc(u.Mentors, func(id int64) bool { return id == 4002 })
	h.start()

	for _, lang := range []string{"es", "en", ""} {
		if got := h.SB.ChatCommands(4002, lang); len(got) != 0 {
			t.Errorf("the former mentor keeps a private list (%q): %v", lang, names(got))
		}
	}
	if got := names(h.SB.ChatCommands(4001, "es")); !slices.Contains(got, "slots") {
		t.Errorf("the mentor still named lost their list: %v", got)
	}
	if got := names(h.SB.Commands("es")); !slices.Contains(got, "mentoring") || slices.Contains(got, "slots") {
		t.Errorf("everyone's list: %v", got)
	}
}
