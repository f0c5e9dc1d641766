package aulabot

import (
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// What a coordinator decided about a phrasing of a gap (KBAlias.Kind).
const (
	AliasLink       = "link"         // the phrasing asks for ArticleID: answered with it directly
	AliasOutOfScope = "out_of_scope" // not the base's subject: the polite out-of-scope reply
	AliasDismiss    = "dismiss"      // noise: no longer shown in /gaps, answered as before
	AliasProposed   = "proposed"     // an asker found ArticleID helpful among suggestions: awaits a coordinator
)

// KBAlias is a phrasing of a question that coordinators curated from
// /gaps: Key is the phrasing normalised (lowercase, accents folded, words
// only), Text as it was asked. Aliases are per language and university.
type KBAlias struct {
	Key        string    `json:"key"`
	Text       string    `json:"text"`
	Lang       string    `json:"lang"`
	University string    `json:"uni"`
	Kind       string    `json:"kind"`
	ArticleID  string    `json:"article,omitempty"`
	At         time.Time `json:"at"`
}

// AliasKey normalises a phrasing for aliases: lowercase, accents folded,
// the words (letters and digits) joined by one space. "¿Cómo entrego la
// TAREA?" and "como entrego la tarea" have the same key.
func AliasKey(text string) string {
	var words []string
	for _, f := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		var sb strings.Builder
		for _, r := range norm.NFD.String(f) {
			if !unicode.Is(unicode.Mn, r) {
				sb.WriteRune(r)
			}
		}
		words = append(words, sb.String())
	}
	return strings.Join(words, " ")
}
