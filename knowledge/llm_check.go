package knowledge

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// checkReply accepts a model's reply only if it answers from the articles:
// it is not "not covered" (ErrNotCovered); it cites, and only articles
// 1..n (ErrBadCitation); every sentence cites one and shares a content
// word with what it cites, and every link, e-mail address and phone
// number is in an article (ErrUngrounded); it is not in the other
// language (ErrWrongLanguage). It returns the distinct citations in order
// of first use.
//
// These checks stop replies that say something the articles do not. They
// cannot stop a reply that reuses the articles' words to say something
// else (see TestLLM_InjectionSet for what passes).
func checkReply(text, lang string, hits []Hit) ([]int, error) {
	if isNotCovered(text) {
		return nil, ErrNotCovered
	}
	cited, err := citations(text, len(hits))
	if err != nil {
		return nil, err
	}
	if got := DetectLanguage(citationRe.ReplaceAllString(text, " ")); got != "" && lang != "" && got != lang {
		return nil, fmt.Errorf("%w: %s, want %s", ErrWrongLanguage, got, lang)
	}
	if err := grounded(text, hits); err != nil {
		return nil, err
	}
	return cited, nil
}

// isNotCovered reports whether the model said NOT_COVERED (in any case,
// with a space for the underscore), alone or among other words.
func isNotCovered(text string) bool {
	t := strings.ToUpper(strings.ReplaceAll(text, " ", "_"))
	return strings.Contains(t, notCovered)
}

// citationRe matches a citation: [1], [1, 2], [1,2] or [1; 2]; "[1][2]"
// is two of them.
var citationRe = regexp.MustCompile(`\[\s*(\d+(?:\s*[,;]\s*\d+)*)\s*\]`)

var citationNum = regexp.MustCompile(`\d+`)

// cites returns the numbers s cites, in order, repeats included.
func cites(s string) []int {
	var out []int
	for _, m := range citationRe.FindAllStringSubmatch(s, -1) {
		for _, d := range citationNum.FindAllString(m[1], -1) {
			k, err := strconv.Atoi(d)
			if err != nil {
				k = -1 // too long a number: out of range
			}
			out = append(out, k)
		}
	}
	return out
}

// citations returns the distinct numbers text cites in order of first
// use, or ErrBadCitation if it cites none or one outside 1..n.
func citations(text string, n int) ([]int, error) {
	var out []int
	seen := map[int]bool{}
	for _, k := range cites(text) {
		if k < 1 || k > n {
			return nil, fmt.Errorf("%w: [%d] is not one of 1..%d", ErrBadCitation, k, n)
		}
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w: no [k] in the reply", ErrBadCitation)
	}
	return out, nil
}

// grounded checks every sentence of text against the articles it cites,
// and every contact detail against all of them.
func grounded(text string, hits []Hit) error {
	words := make([]map[string]bool, len(hits))
	var all strings.Builder
	for i, h := range hits {
		src := h.Article.Title + "\n" + strings.Join(h.Article.Questions, "\n") + "\n" + h.Article.Body
		words[i] = map[string]bool{}
		for _, w := range contentWords(src) {
			words[i][w] = true
		}
		all.WriteString(strings.ToLower(src) + "\n")
	}
	for _, c := range contactRe.FindAllString(text, -1) {
		c = strings.TrimRight(strings.ToLower(c), ".,;:)!?")
		if !strings.Contains(all.String(), c) {
			return fmt.Errorf("%w: %q is in no article", ErrUngrounded, c)
		}
	}
	for _, s := range sentences(text) {
		ws := contentWords(citationRe.ReplaceAllString(s, " "))
		if len(ws) == 0 {
			continue // only numbers, marks or citations
		}
		ks := cites(s)
		if len(ks) == 0 {
			return fmt.Errorf("%w: %q cites nothing", ErrUngrounded, s)
		}
		shared := false
		for _, k := range ks {
			for _, w := range ws {
				shared = shared || words[k-1][w]
			}
		}
		if !shared {
			return fmt.Errorf("%w: %q shares no word with %v", ErrUngrounded, s, ks)
		}
	}
	return nil
}

// contactRe matches links (with a scheme, www. or a common top-level
// domain), e-mail addresses and phone numbers (7 digits or more, with
// spaces or dashes).
var contactRe = regexp.MustCompile(`(?i)\b(?:[a-z][a-z0-9+.-]*://\S+|www\.\S+|[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}|` +
	`(?:[a-z0-9-]+\.)+(?:com|net|org|io|ly|me|co|info|xyz|ru|cn|tk|pe|edu|gov|app|site|link|click|top)\b\S*)|\+?\d[\d -]{5,}\d`)

// sentences cuts text into sentences: at line ends and after . ! ? before
// a space. A piece that cites nothing and is short (under 3 words) or
// ends with ':' (a list's heading) joins the next one; a piece of only
// citations joins the previous one.
func sentences(text string) []string {
	var pieces []string
	start := 0
	rs := []rune(text)
	for i, r := range rs {
		end := r == '\n' || ((r == '.' || r == '!' || r == '?') && (i+1 == len(rs) || unicode.IsSpace(rs[i+1])))
		if end {
			pieces = append(pieces, string(rs[start:i+1]))
			start = i + 1
		}
	}
	pieces = append(pieces, string(rs[start:]))
	var out []string
	carry := ""
	for _, p := range pieces {
		t := strings.TrimSpace(p)
		switch {
		case t == "":
		case strings.TrimSpace(citationRe.ReplaceAllString(t, "")) == "" && len(out) > 0 && carry == "":
			out[len(out)-1] += " " + t
		case len(cites(t)) == 0 && (len(strings.Fields(t)) < 3 || strings.HasSuffix(t, ":")):
			carry += t + " "
		default:
			out = append(out, carry+t)
			carry = ""
		}
	}
	if strings.TrimSpace(carry) != "" {
		out = append(out, strings.TrimSpace(carry))
	}
	return out
}

// contentWords returns the words of s that carry content: folded, lower
// case, not a stop word of either language, at least 3 letters, cut to
// their first 5 letters so that inflections meet ("entregar",
// "entregas"; "grade", "grades").
func contentWords(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(fold(s)), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if len([]rune(w)) < 3 || isStop(w) {
			continue
		}
		if r := []rune(w); len(r) > 5 {
			w = string(r[:5])
		}
		out = append(out, w)
	}
	return out
}

var stopSet = func() map[string]bool {
	m := map[string]bool{}
	for _, ws := range foldedStops {
		for _, w := range ws {
			m[w] = true
		}
	}
	return m
}()

func isStop(w string) bool { return stopSet[w] }
