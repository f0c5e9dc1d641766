package handlers

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// toldSplit splits a request to tell those booked at its first ":", " que "
// or " that ", in any case.
func TestToldSplit(t *testing.T) {
	for _, c := range []struct{ text, head, body string }{
		{"avisa a los inscritos del lunes que llego tarde", "avisa a los inscritos del lunes", "llego tarde"},
		{"Tell the people in my session THAT I'm late: sorry", "Tell the people in my session", "I'm late: sorry"},
		{"tell them That the room changed", "tell them", "the room changed"},
		{"Díles a los inscritos QUE llego tarde", "Díles a los inscritos", "llego tarde"},
		{"avisa a los inscritos", "", ""},
		{"que llego tarde", "", ""},
		{"avisa a los inscritos que ", "", ""},
	} {
		head, body, ok := toldSplit(c.text)
		if ok != (c.head != "") || ok && (head != c.head || body != c.body) {
			t.Errorf("toldSplit(%q) = %q, %q, %v; want %q, %q", c.text, head, body, ok, c.head, c.body)
		}
	}
}

func FuzzToldSplit(f *testing.F) {
	for _, s := range []string{"avisa a los inscritos que llego tarde", "tell them: late", "İSTANBUL que x", "a\xff que b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		head, body, ok := toldSplit(text)
		if !ok {
			return
		}
		if head == "" || body == "" || !strings.Contains(text, head) || !strings.Contains(text, body) || len(head)+len(body) >= len(text) {
			t.Fatalf("toldSplit(%q) = %q, %q", text, head, body)
		}
		if utf8.ValidString(text) && (!utf8.ValidString(head) || !utf8.ValidString(body)) {
			t.Fatalf("toldSplit(%q) cut a character: %q, %q", text, head, body)
		}
	})
}
