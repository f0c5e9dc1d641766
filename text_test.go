package aulabot

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCleanText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "Rosa Pérez", "Rosa Pérez"},
		{"newlines and tabs stay", "a\n\tb", "a\n\tb"},
		{"emoji and scripts stay", "👩‍🏫 مرحبا 你好", "👩‍🏫 مرحبا 你好"},
		{"right-to-left override", "Invoice\u202Efdp.exe", "Invoicefdp.exe"},
		{"isolates and marks", "a\u2066b\u2069c\u200Fd\u061C", "abcd"},
		{"NUL and controls", "a\x00b\x07c\x1bd", "abcd"},
		{"invalid UTF-8", "a\xffb", "ab"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CleanText(tt.in); got != tt.want {
				t.Errorf("CleanText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzCleanText(f *testing.F) {
	f.Add("Rosa\u202E\x00")
	f.Add("\xff\xfe")
	f.Fuzz(func(t *testing.T, s string) {
		got := CleanText(s)
		if !utf8.ValidString(got) {
			t.Fatalf("CleanText(%q) = %q: invalid UTF-8", s, got)
		}
		if strings.ContainsAny(got, "\x00\u202E\u202D\u2066\u2067\u2068\u2069") {
			t.Fatalf("CleanText(%q) = %q keeps a control or override", s, got)
		}
		if CleanText(got) != got {
			t.Fatalf("CleanText is not idempotent on %q", s)
		}
	})
}
