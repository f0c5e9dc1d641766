package sandbox

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseHTML(t *testing.T) {
	tests := []struct {
		name, in, plain string
		entities        []Entity
		err             string
	}{
		{"Plain", "hola", "hola", nil, ""},
		{"Escapes", "a &lt;b&gt; &amp; &quot;c&quot; &#241; &#x1F600; & x", "a <b> & \"c\" ñ 😀 & x", nil, ""},
		{"Bold", "<b>hi</b> there", "hi there", []Entity{{Type: "bold", Offset: 0, Length: 2}}, ""},
		{"UTF16Offsets", "😀<i>x</i>", "😀x", []Entity{{Type: "italic", Offset: 2, Length: 1}}, ""},
		{"Nested", "<b>a<i>b</i></b>", "ab", []Entity{{Type: "bold", Length: 2}, {Type: "italic", Offset: 1, Length: 1}}, ""},
		{"Link", `<a href="https://x.org/?a=1&amp;b=2">x</a>`, "x", []Entity{{Type: "text_link", Length: 1, URL: "https://x.org/?a=1&b=2"}}, ""},
		{"PreCode", `<pre><code class="language-go">x</code></pre>`, "x", []Entity{{Type: "pre", Length: 1, Language: "go"}}, ""},
		{"Spoiler", `<span class="tg-spoiler">s</span>`, "s", []Entity{{Type: "spoiler", Length: 1}}, ""},
		{"UpperCase", "<B>x</B>", "x", []Entity{{Type: "bold", Length: 1}}, ""},
		{"Unsupported", "<div>x</div>", "", nil, `Unsupported start tag "div" at byte offset 0`},
		{"Script", "x<script>", "", nil, `Unsupported start tag "script" at byte offset 1`},
		{"Unclosed", "<b>x", "", nil, `Can't find end tag corresponding to start tag "b"`},
		{"Unexpected", "x</b>", "", nil, "Unexpected end tag at byte offset 1"},
		{"Unmatched", "<b><i>x</b></i>", "", nil, `Unmatched end tag at byte offset 7, expected "</i>", found "</b>"`},
		{"UnclosedStart", "<b", "", nil, "Unclosed start tag at byte offset 0"},
		{"LessThan", "1 < 2", "", nil, `Unsupported start tag "" at byte offset 2`},
		{"SpanNoClass", "<span>x</span>", "", nil, `Tag "span" must have class "tg-spoiler" at byte offset 0`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plain, ents, err := ParseHTML(tt.in)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if plain != tt.plain || !reflect.DeepEqual(ents, tt.entities) {
				t.Errorf("got %q %+v, want %q %+v", plain, ents, tt.plain, tt.entities)
			}
		})
	}
}

func FuzzParseHTML(f *testing.F) {
	for _, s := range []string{"<b>x</b>", "a &amp; b", `<a href='u'>l</a>`, "<pre><code class=\"language-x\">c</code></pre>", "<b><i>x</b>", "&#x1F600;", "<", "😀<u>ü</u>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		plain, ents, err := ParseHTML(s)
		if err != nil {
			if !strings.Contains(s, "<") {
				t.Fatalf("error without a tag: %v", err)
			}
			return
		}
		n := utf16Len(plain)
		for _, e := range ents {
			if e.Offset < 0 || e.Length <= 0 || e.Offset+e.Length > n {
				t.Fatalf("entity %+v out of range of %d units", e, n)
			}
		}
		if utf8.ValidString(s) && !utf8.ValidString(plain) {
			t.Fatalf("plain text %q is not UTF-8", plain)
		}
		// Escaped text always parses back to itself, with no entities.
		back, ents2, err := ParseHTML(EscapeHTML(plain))
		if err != nil || back != plain || len(ents2) != 0 {
			t.Fatalf("escape round trip of %q = %q, %v, %v", plain, back, ents2, err)
		}
	})
}
