package knowledge

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/aulabot/aulabot"
	"gopkg.in/yaml.v3"
)

// A draft article is a coordinator's answer to a gap written as a file
// of this folder's format (knowledge/kb/README.md), for a person to
// review and add: its title is the question as asked, its questions the
// other ways it was asked, its body the coordinator's words.

// maxDraftID bounds a draft's id in bytes: an article's id goes in its
// buttons' data, whose room for it is 38 bytes (handlers'
// maxButtonArticle), and a suffix "-99" may be added.
const maxDraftID = 34

// maxDraftQuestions bounds the other phrasings a draft lists.
const maxDraftQuestions = 12

// draftFront is a draft's front matter, in the order a person reads it.
type draftFront struct {
	ID         string   `yaml:"id"`
	Title      string   `yaml:"title"`
	Lang       string   `yaml:"lang"`
	Audience   string   `yaml:"audience"`
	University string   `yaml:"university,omitempty"`
	Questions  []string `yaml:"questions,omitempty"`
}

// Draft writes d as an article file of the base's format: the file's name
// (its id and .md) and its bytes. The id is d.ID when set (an added
// article written again keeps its own), else made from the title's words
// and different from every id of the base in use; the language is the
// body's when it can be told (a coordinator may answer an English-profile
// asker in Spanish), else d.Lang.
func (k *Service) Draft(d aulabot.KBDraft) (name string, data []byte) {
	b := k.lib.Current()
	return draftArticle(d, func(id string) bool { _, ok := b.Article(id); return ok })
}

// draftArticle is Draft with taken telling the ids already in use.
func draftArticle(d aulabot.KBDraft, taken func(id string) bool) (name string, data []byte) {
	f := draftFront{Title: oneLine(d.Title), Lang: DetectLanguage(d.Body), Audience: d.Audience, University: d.University}
	if !validLangs[f.Lang] {
		f.Lang = d.Lang
	}
	if !validLangs[f.Lang] {
		f.Lang = "es"
	}
	if !validAudiences[f.Audience] {
		f.Audience = "all"
	}
	// A phrasing is left out when it is the title's, case and an opening
	// "¿" or "¡" aside.
	key := func(s string) string { return strings.ToLower(strings.TrimLeft(s, "¿¡")) }
	seen := map[string]bool{key(f.Title): true}
	for _, q := range d.Questions {
		q = oneLine(q)
		if key := key(q); q != "" && !seen[key] && len(f.Questions) < maxDraftQuestions {
			seen[key] = true
			f.Questions = append(f.Questions, q)
		}
	}
	f.Title = asTitle(f.Title, f.Lang)
	f.ID = d.ID
	if f.ID == "" {
		f.ID = draftID(f.Title, f.Lang, taken)
	}
	if f.Title == "" {
		// A title of no words (only marks) would be refused by the
		// folder's check; the id stands in for it.
		f.Title = f.ID
	}
	front, err := yaml.Marshal(f)
	if err != nil {
		panic(fmt.Sprintf("knowledge: a draft's front matter: %v", err)) // strings and lists of strings always marshal
	}
	body := strings.TrimSpace(strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(d.Body))
	if body == "" {
		body = f.Title
	}
	return f.ID + ".md", []byte("---\n" + string(front) + "---\n" + body + "\n")
}

// draftID makes an id from the title's informative words (folded, lower
// case, joined by "-"; not the function words, nor the verbs a question
// is framed with, as /gaps groups them), at most maxDraftID bytes, with
// "-2", "-3"… when taken says it is in use; "articulo" or "article" when
// no word is left.
func draftID(title, lang string, taken func(string) bool) string {
	var words []string
	n := 0
	for _, w := range strings.FieldsFunc(fold(strings.ToLower(title)), func(r rune) bool {
		return r > unicode.MaxASCII || !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if langWords["es"][w] || langWords["en"][w] || aulabot.StopWord(w) || len(w) < 2 {
			continue
		}
		if n+len(w)+len(words) > maxDraftID {
			break
		}
		words = append(words, w)
		n += len(w)
	}
	base := strings.Join(words, "-")
	if base == "" {
		base = map[string]string{"es": "articulo", "en": "article"}[lang]
	}
	id := base
	for i := 2; taken(id); i++ {
		id = fmt.Sprintf("%s-%d", base, i)
	}
	return id
}

// asTitle is a question as a title: capital when it starts with a small
// letter, and in Spanish "¿" before a question that ends with "?" and has
// none ("hay becas?": "¿Hay becas?").
func asTitle(s, lang string) string {
	if lang == "es" && strings.HasSuffix(s, "?") && !strings.Contains(s, "¿") {
		s = "¿" + s
	}
	for i, r := range s {
		if r == '¿' || r == '¡' {
			continue
		}
		if up := unicode.ToTitle(r); unicode.IsLower(r) && unicode.ToLower(up) == r {
			s = s[:i] + string(up) + s[i+utf8.RuneLen(r):]
		}
		break
	}
	return s
}

// oneLine is s with its runs of spaces, line breaks and control
// characters made one space, trimmed.
func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }), " ")
}
