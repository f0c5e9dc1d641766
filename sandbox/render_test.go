package sandbox

import (
	"regexp"
	"strings"
	"testing"
)

func TestRenderHTML(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"Escaped", "a &lt;script&gt;alert(1)&lt;/script&gt; &amp; b", "a &lt;script&gt;alert(1)&lt;/script&gt; &amp; b"},
		{"Bold", "<b>Ticket</b> UNSA-1", "<b>Ticket</b> UNSA-1"},
		{"Nested", "<b>a<i>b&lt;</i></b>c", "<b>a<i>b&lt;</i></b>c"},
		{"Link", `<a href="https://x.org/?a=1&amp;b=2">x</a>`, `<a href="https://x.org/?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">x</a>`},
		{"JavascriptLink", `<a href="javascript:alert(1)">x</a>`, `<span class="link">x</span>`},
		{"Emoji", "😀<u>ü</u>!", "😀<u>ü</u>!"},
		{"Pre", `<pre><code class="language-go">"x"</code></pre>`, `<pre data-language="go">&#34;x&#34;</pre>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plain, ents, err := ParseHTML(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got := RenderHTML(plain, ents); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
	t.Run("Overlapping", func(t *testing.T) {
		got := RenderHTML("abcdef", []Entity{{Type: "bold", Offset: 0, Length: 3}, {Type: "italic", Offset: 2, Length: 3}, {Type: "code", Offset: 50, Length: 2}})
		if want := "<b>ab<i>c</i></b>def"; got != want {
			t.Errorf("got %s, want %s", got, want)
		}
	})
}

var safeTag = regexp.MustCompile(`^<(/?(b|i|u|s|code|blockquote|pre|span|a)>|span class="(spoiler|cmd|link)">|blockquote class="expandable">|pre data-language="[^"<>]*">|a href="[^"<>]*" target="_blank" rel="noopener noreferrer">|/span>|/a>)`)

func FuzzRenderHTML(f *testing.F) {
	f.Add("<b>x</b> <script>", 0, 3, "bold")
	f.Add("😀ü<>&\"'", 1, 4, "text_link")
	f.Fuzz(func(t *testing.T, plain string, off, n int, typ string) {
		out := RenderHTML(plain, []Entity{{Type: typ, Offset: off, Length: n, URL: plain}, {Type: "bold", Offset: 0, Length: 2}})
		for i := strings.IndexByte(out, '<'); i >= 0; {
			if !safeTag.MatchString(out[i:]) {
				t.Fatalf("unsafe markup at %d in %q", i, out)
			}
			next := strings.IndexByte(out[i+1:], '<')
			if next < 0 {
				break
			}
			i += next + 1
		}
	})
}

// The web chat makes /commands and web addresses in the bot's text
// tappable, as Telegram's apps do, without touching what the bot marked.
func TestRenderHTML_AutoEntities(t *testing.T) {
	plain := "Escriba /start o /help@aulabot_bot. Aula: https://aulavirtual.example.edu.pe/login. Ya: /mytickets"
	ents := []Entity{{Type: "code", Offset: utf16Len("Escriba /start o /help@aulabot_bot. Aula: https://aulavirtual.example.edu.pe/login. Ya: "), Length: len("/mytickets")}}
	got := RenderHTML(plain, AutoEntities(plain, ents))
	want := `Escriba <span class="cmd">/start</span> o <span class="cmd">/help@aulabot_bot</span>. Aula: ` +
		`<a href="https://aulavirtual.example.edu.pe/login" target="_blank" rel="noopener noreferrer">https://aulavirtual.example.edu.pe/login</a>. Ya: <code>/mytickets</code>`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if got := RenderHTML("javascript:alert(1) and path/to/x", AutoEntities("javascript:alert(1) and path/to/x", nil)); strings.Contains(got, "<a") || strings.Contains(got, "cmd") {
		t.Errorf("linked what is not a command or an address: %s", got)
	}
}
