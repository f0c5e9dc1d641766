package handlers_test

import (
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers"
	"github.com/aulabot/aulabot/sandbox"
)

func telegramLen(plain string) int { return len(utf16.Encode([]rune(plain))) }

func TestVisibleLen(t *testing.T) {
	for _, tt := range []struct {
		html string
		want int
	}{
		{"", 0},
		{"hola", 4},
		{"<b>Tue 10 Mar</b> · x", 14},
		{"a &lt;b&gt; &amp;&quot; &#233;&#x1F600;", 12},
		{"&nbsp; & &;", 11},
		{`<a href="https://x.org/?a=1&amp;b=>">link</a>`, 4},
		{"🙂🙂", 4},
		{"ñ" + strings.Repeat("x", 9), 10},
	} {
		if got := handlers.VisibleLen(tt.html); got != tt.want {
			t.Errorf("VisibleLen(%q) = %d, want %d", tt.html, got, tt.want)
		}
	}
}

// VisibleLen counts what Telegram counts: whatever the HTML, when the
// emulator (which parses like the Bot API) accepts it, the lengths agree.
func FuzzVisibleLen(f *testing.F) {
	for _, s := range []string{"<b>x</b>", "&lt;&#128512;&amp", `<a href="a>b">c</a>`, "<pre><code class=\"language-go\">x</code></pre>", "🙂 &#0; &#xD800;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		plain, _, err := sandbox.ParseHTML(s)
		if err != nil {
			return
		}
		if got, want := handlers.VisibleLen(s), telegramLen(plain); got != want {
			t.Errorf("VisibleLen(%q) = %d, Telegram counts %d (%q)", s, got, want, plain)
		}
	})
}

func TestFits(t *testing.T) {
	long := strings.Repeat("a", aulabot.MaxMessageText)
	row := func(n int, data string) []aulabot.Button {
		r := make([]aulabot.Button, n)
		for i := range r {
			r[i] = aulabot.Button{Text: "x", Data: data}
		}
		return r
	}
	var rows [][]aulabot.Button
	for range 13 {
		rows = append(rows, row(8, "d"))
	}
	for _, tt := range []struct {
		name string
		m    aulabot.Message
		ok   bool
	}{
		{"TextAtLimit", aulabot.Message{Text: "<b>" + long + "</b>"}, true},
		{"TextOver", aulabot.Message{Text: long + "🙂"}, false},
		{"EscapedAtLimit", aulabot.Message{Text: strings.Repeat("&amp;", aulabot.MaxMessageText)}, true},
		{"CaptionOver", aulabot.Message{Text: strings.Repeat("a", aulabot.MaxCaption+1), File: &aulabot.OutFile{Name: "x.ics"}}, false},
		{"CopyCaptionOver", aulabot.Message{Text: strings.Repeat("a", aulabot.MaxCaption+1), Copy: &aulabot.CopyOf{ChatID: 1, MessageID: 2}}, false},
		{"EditCaptionAtLimit", aulabot.Message{Text: strings.Repeat("a", aulabot.MaxCaption), EditCaption: true}, true},
		{"Delete", aulabot.Message{Text: long + long, Delete: true}, true},
		{"Data64", aulabot.Message{Text: "x", Inline: [][]aulabot.Button{row(1, strings.Repeat("d", 64))}}, true},
		{"Data65", aulabot.Message{Text: "x", Inline: [][]aulabot.Button{row(1, strings.Repeat("d", 65))}}, false},
		{"NoData", aulabot.Message{Text: "x", Inline: [][]aulabot.Button{{{Text: "x"}}}}, false},
		{"URL", aulabot.Message{Text: "x", Inline: [][]aulabot.Button{{{Text: "x", URL: "https://t.me/x"}}}}, true},
		{"RowOf9", aulabot.Message{Text: "x", Inline: [][]aulabot.Button{row(9, "d")}}, false},
		{"104Buttons", aulabot.Message{Text: "x", Inline: rows}, false},
		{"96Buttons", aulabot.Message{Text: "x", Inline: rows[:12]}, true},
	} {
		if err := handlers.Fits(tt.m); (err == nil) != tt.ok {
			t.Errorf("%s: Fits = %v, want ok=%v", tt.name, err, tt.ok)
		}
	}
}
