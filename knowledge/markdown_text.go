package knowledge

import "regexp"

var (
	mdLinkRe = regexp.MustCompile(`\]\([^)\s]*\)`)
	mdURLRe  = regexp.MustCompile(`https?://\S+`)
)

// markdownText drops link targets and bare URLs from Markdown so that they
// do not become search terms; the rest of the syntax is punctuation that the
// tokenizer ignores.
func markdownText(md string) string {
	return mdURLRe.ReplaceAllString(mdLinkRe.ReplaceAllString(md, "]"), " ")
}
