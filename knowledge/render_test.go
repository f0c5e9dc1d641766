package knowledge

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestRenderHTML(t *testing.T) {
	tests := []struct{ name, md, want string }{
		{"Emphasis", "Pulsa **Enviar** y *espera* ~~nada~~ `code`", "Pulsa <b>Enviar</b> y <i>espera</i> <s>nada</s> <code>code</code>"},
		{"Heading", "## Pasos\n\nTexto", "<b>Pasos</b>\n\nTexto"},
		{"Bullets", "- uno\n- dos\n  - dos.a", "• uno\n• dos\n   • dos.a"},
		{"Numbers", "3. tres\n4. cuatro", "3. tres\n4. cuatro"},
		{"Link", "[Moodle](https://aula.example.edu?a=1&b=2)", `<a href="https://aula.example.edu?a=1&amp;b=2">Moodle</a>`},
		{"AutoLink", "<https://x.example>", `<a href="https://x.example">https://x.example</a>`},
		{"TgLink", "[bot](tg://resolve?domain=aulabot)", `<a href="tg://resolve?domain=aulabot">bot</a>`},
		{"Code", "```go\nif a < b && c {\n}\n```", "<pre>if a &lt; b &amp;&amp; c {\n}</pre>"},
		{"Quote", "> cita *importante*", "<blockquote>cita <i>importante</i></blockquote>"},
		{"SoftBreak", "una\nlínea", "una línea"},
		{"HardBreak", "una  \nlínea", "una\nlínea"},
		{"EscapedText", "5 < 6 & \"comillas\" 'y' >", "5 &lt; 6 &amp; &#34;comillas&#34; &#39;y&#39; &gt;"},
		// injection
		{"ScriptBlock", "<script>alert(1)</script>\n\nTexto", "Texto"},
		{"InlineHTML", "hola <b onclick=\"x()\">mundo</b> <img src=x onerror=y>", "hola mundo"},
		{"JavascriptLink", "[clic](javascript:alert(1))", "clic"},
		{"DataLink", "[clic](data:text/html,<script>x</script>)", "clic"},
		{"RelativeLink", "[clic](/etc/passwd)", "clic"},
		{"QuoteInURL", `[x](https://a.example/"onmouseover="alert(1))`, `<a href="https://a.example/&#34;onmouseover=&#34;alert(1)">x</a>`},
		{"ImageBecomesLink", "![logo](https://x.example/l.png)", `<a href="https://x.example/l.png">logo</a>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := RenderHTML(tt.md); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// checkTelegramHTML fails unless s uses only Telegram's tags, balanced, and
// only http(s)/tg links.
func checkTelegramHTML(t *testing.T, s string) {
	t.Helper()
	allowed := map[string]bool{"b": true, "i": true, "u": true, "s": true, "code": true, "pre": true, "a": true, "blockquote": true}
	var stack []string
	for _, tok := range tokenizeHTML(s) {
		if tok.tag == "" {
			if strings.ContainsAny(tok.s, "<>") {
				t.Fatalf("unescaped %q in %q", tok.s, s)
			}
			continue
		}
		if !allowed[tok.tag] {
			t.Fatalf("tag %q not allowed in %q", tok.s, s)
		}
		if tok.close {
			if len(stack) == 0 || stack[len(stack)-1] != tok.tag {
				t.Fatalf("unbalanced %q in %q", tok.s, s)
			}
			stack = stack[:len(stack)-1]
			continue
		}
		if tok.tag == "a" && !strings.HasPrefix(tok.s, `<a href="http://`) && !strings.HasPrefix(tok.s, `<a href="https://`) && !strings.HasPrefix(tok.s, `<a href="tg:`) {
			t.Fatalf("bad link %q", tok.s)
		}
		stack = append(stack, tok.tag)
	}
	if len(stack) > 0 {
		t.Fatalf("unclosed %v in %q", stack, s)
	}
}

func FuzzRenderHTML(f *testing.F) {
	for _, s := range []string{"**a** *b*", "<script>x</script>", "[a](javascript:x)", "- a\n  - b\n1. c", "```\n<>\n```", "> q\n> - l", "a & b < c", "[![i](https://x)](https://y)", "***a***", "<a href=\"x\">y</a>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, md string) {
		html := RenderHTML(md)
		checkTelegramHTML(t, html)
		for _, part := range SplitHTML(html, 64) {
			checkTelegramHTML(t, part)
		}
	})
}

func TestSplitHTML(t *testing.T) {
	t.Run("Short", func(t *testing.T) {
		if got := SplitHTML("<b>hola</b>", MaxMessageLen); len(got) != 1 || got[0] != "<b>hola</b>" {
			t.Errorf("got %q", got)
		}
	})
	t.Run("ParagraphBoundaries", func(t *testing.T) {
		p := strings.Repeat("palabra ", 30) // 240 runes
		html := p + "\n\n" + p + "\n\n" + p
		got := SplitHTML(html, 500)
		if len(got) != 2 || got[0] != strings.TrimSpace(p+"\n\n"+p) || got[1] != strings.TrimSpace(p) {
			t.Errorf("got %d parts: %q", len(got), got)
		}
	})
	t.Run("BalancedAcrossCut", func(t *testing.T) {
		html := `<blockquote><b>` + strings.Repeat("ñandú y cóndor ", 100) + `</b></blockquote> fin &amp; más`
		got := SplitHTML(html, 200)
		if len(got) < 8 {
			t.Fatalf("got %d parts", len(got))
		}
		var text strings.Builder
		for _, part := range got {
			if n := utf8.RuneCountInString(part); n > 200 {
				t.Errorf("part of %d runes", n)
			}
			checkTelegramHTML(t, part)
			if !strings.HasPrefix(part, "<blockquote><b>") && part != got[len(got)-1] {
				t.Errorf("part does not reopen the tags: %q", part)
			}
			for _, tok := range tokenizeHTML(part) {
				if tok.tag == "" {
					text.WriteString(tok.s)
				}
			}
			text.WriteString(" ")
		}
		if strings.Join(strings.Fields(text.String()), " ") != strings.Join(strings.Fields(strings.Repeat("ñandú y cóndor ", 100)+" fin &amp; más"), " ") {
			t.Error("text lost or changed by splitting")
		}
	})
	t.Run("LongWordAndEntities", func(t *testing.T) {
		html := strings.Repeat("&amp;", 50) + strings.Repeat("x", 100)
		for _, part := range SplitHTML(html, 30) {
			if utf8.RuneCountInString(part) > 30 {
				t.Errorf("part too long: %q", part)
			}
			if strings.Count(part, "&") != strings.Count(part, "&amp;") {
				t.Errorf("entity cut: %q", part)
			}
		}
	})
}

func TestSplitHTML_NoTinyParts(t *testing.T) {
	// a paragraph break early, then many lines: the first part is filled
	// with lines instead of ending at the early break
	html := "Intro\n\n" + strings.Repeat("una línea de texto\n", 60)
	got := SplitHTML(html, 200)
	if n := utf8.RuneCountInString(got[0]); n < 100 {
		t.Errorf("first part has %d runes: %q", n, got[0])
	}
}
