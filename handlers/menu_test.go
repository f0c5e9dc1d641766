package handlers_test

import (
	"strings"
	"testing"

	"github.com/aulabot/aulabot/handlers/htest"
)

// Every button of every main menu does something in both languages.
func TestMainMenu_ButtonsWork(t *testing.T) {
	e := htest.New(t, nil)
	for _, lang := range []string{"es", "en"} {
		for _, id := range []int64{4001, 3001, 5001} { // a mentor, a tech, a coordinator: the fullest menus
			p := htest.Person(id, lang)
			e.Onboard(p, "unma", "teacher")
			out := e.Text(p, 0, "/start")
			kb := out[len(out)-1].Keyboard
			n := 0
			for _, row := range kb {
				for _, label := range row {
					n++
					got := texts(e.Text(p, 0, label))
					if got == "" || strings.Contains(got, "Todavía no sé") || strings.Contains(got, "I don't know that") ||
						strings.Contains(got, "No estoy seguro") || strings.Contains(got, "I'm not sure") {
						t.Errorf("%s user %d: menu button %q was taken as a question: %q", lang, id, label, got)
					}
					e.Text(p, 0, "/cancel")
				}
			}
			if n < 7 {
				t.Errorf("%s user %d: menu has %d buttons", lang, id, n)
			}
			e.Store.Update(func(tx *storeTx) error { return tx.DeleteUserData(id) })
		}
	}
}
