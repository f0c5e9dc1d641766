package handlers

import (
	"strings"
	"testing"
)

// TestTicketIDTyped: a ticket's number typed as people type it is written
// as the bot writes its id, in its place; other numbers stay.
func TestTicketIDTyped(t *testing.T) {
	for text, want := range map[string]string{
		"unma 4":            "UNMA-4",
		"UNMA 4":            "UNMA-4",
		"unma4":             "UNMA-4",
		"unma #4":           "UNMA-4",
		"Unma#12?":          "UNMA-12?",
		"#4":                "UNMA-4",
		"ticket 4":          "ticket UNMA-4",
		"ticket # 4":        "ticket # UNMA-4",
		"tomo el 4":         "tomo el UNMA-4",
		"¿cómo va el 17?":   "¿cómo va el UNMA-17?",
		"any news on 3?":    "any news on UNMA-3?",
		"(unma 5),":         "(UNMA-5),",
		"el 0":              "",
		"el 1234567":        "",
		"tengo 2 tickets":   "",
		"unma":              "",
		"unmax 4":           "",
		"unma cuatro":       "",
		"le pongo 5":        "",
		"sin números":       "",
		"4":                 "",
		"unvs 4":            "",
		"el 4 de diciembre": "el UNMA-4 de diciembre",
	} {
		got, ok := ticketIDTyped(text, "unma")
		if ok != (want != "") || got != want {
			t.Errorf("ticketIDTyped(%q) = %q, %v; want %q", text, got, ok, want)
		}
	}
	if _, ok := ticketIDTyped("unma 4", ""); ok {
		t.Error("a number read for no university")
	}
}

// FuzzTicketIDTyped: whatever is typed, a text read as naming a ticket
// holds its id as the bot writes it, and every other field of it, in
// order.
func FuzzTicketIDTyped(f *testing.F) {
	for _, s := range []string{"unma 4", "tomo el 4", "#4", "ticket # 4", "unma#", "el", "¿unma 0?", "unma 99999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		got, ok := ticketIDTyped(text, "unma")
		if !ok {
			if got != "" {
				t.Fatalf("ticketIDTyped(%q) = %q with false", text, got)
			}
			return
		}
		if !strings.Contains(got, "UNMA-") {
			t.Fatalf("ticketIDTyped(%q) = %q, no id", text, got)
		}
		if n, m := len(strings.Fields(got)), len(strings.Fields(text)); n > m || n == 0 {
			t.Fatalf("ticketIDTyped(%q) = %q: %d fields of %d", text, got, n, m)
		}
	})
}
