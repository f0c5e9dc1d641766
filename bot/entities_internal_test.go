package bot

import (
	"html"
	"regexp"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

func ent(typ string, off, n int) tgbotapi.MessageEntity {
	return tgbotapi.MessageEntity{Type: typ, Offset: off, Length: n}
}

func TestEntitiesHTML(t *testing.T) {
	link := ent("text_link", 0, 6)
	link.URL = "https://aula.example.edu/?a=1&b=2"
	bad := ent("text_link", 0, 6)
	bad.URL = "javascript:alert(1)"
	for _, tc := range []struct {
		name, text string
		ents       []tgbotapi.MessageEntity
		want       string
	}{
		{"None", "Taller <hoy>", nil, ""},
		{"OnlyMentions", "hola @ana #tag", []tgbotapi.MessageEntity{ent("mention", 5, 4), ent("hashtag", 10, 4)}, ""},
		{"Bold", "Taller <hoy> & más", []tgbotapi.MessageEntity{ent("bold", 0, 6)}, "<b>Taller</b> &lt;hoy&gt; &amp; más"},
		{"Nested", "abc def", []tgbotapi.MessageEntity{ent("italic", 4, 3), ent("bold", 0, 7)}, "<b>abc <i>def</i></b>"},
		{"SameSpan", "abc", []tgbotapi.MessageEntity{ent("bold", 0, 3), ent("italic", 0, 3)}, "<b><i>abc</i></b>"},
		{"Overlap", "abcdef", []tgbotapi.MessageEntity{ent("bold", 0, 4), ent("italic", 2, 4)}, "<b>abcd</b>ef"},
		{"EmojiOffsets", "🎓 Taller", []tgbotapi.MessageEntity{ent("bold", 3, 6)}, "🎓 <b>Taller</b>"},
		{"Link", "Inscríbete ya", []tgbotapi.MessageEntity{link}, `<a href="https://aula.example.edu/?a=1&amp;b=2">Inscrí</a>bete ya`},
		{"BadLink", "Inscríbete", []tgbotapi.MessageEntity{bad}, ""},
		{"OutOfRange", "abc", []tgbotapi.MessageEntity{ent("bold", 2, 5)}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := entitiesHTML(tc.text, tc.ents); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

var tagRE = regexp.MustCompile(`<[^>]*>`)

// Whatever the entities, the HTML shows exactly the text: tags removed and
// entities unescaped give it back, and every tag opened is closed.
func FuzzEntitiesHTML(f *testing.F) {
	f.Add("Taller de Moodle 🎓 <hoy>", 0, 6, 3, 4, "bold", "italic")
	f.Add("abc", 1, 1, 0, 3, "code", "spoiler")
	f.Fuzz(func(t *testing.T, text string, o1, n1, o2, n2 int, t1, t2 string) {
		got := entitiesHTML(text, []tgbotapi.MessageEntity{ent(t1, o1, n1), ent(t2, o2, n2)})
		if got == "" {
			return
		}
		want := string([]rune(text)) // invalid UTF-8 reads as U+FFFD, as Telegram never sends it
		if plain := html.UnescapeString(tagRE.ReplaceAllString(got, "")); plain != want {
			t.Errorf("visible text %q, want %q (html %q)", plain, want, got)
		}
		opens := len(regexp.MustCompile(`<[a-z-]+[ >]`).FindAllString(got, -1))
		if closes := len(regexp.MustCompile(`</[a-z-]+>`).FindAllString(got, -1)); opens != closes {
			t.Errorf("%d tags opened, %d closed: %q", opens, closes, got)
		}
	})
}
