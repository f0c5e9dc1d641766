package handlers

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/aulabot/aulabot"
)

// GapWindow is how far back /gaps looks.
const GapWindow = 30 * 24 * time.Hour

// gaps shows coordinators the most frequent unanswered or not-helpful
// questions of their university, similar ones grouped together.
func (h *Handlers) gaps(c *Ctx) error {
	uni := strings.ToLower(strings.TrimSpace(c.U.Text))
	switch {
	case uni != "":
		if _, ok := h.Config.University(uni); !ok || !c.Roles.IsCoordinator(uni) {
			return aulabot.Errorf(aulabot.EFORBIDDEN, "kb.gaps_not_yours", "university", uni)
		}
	case len(c.Roles.Coordinator) > 0:
		uni = c.Roles.Coordinator[0]
	} // an admin without an argument sees every university
	var qs []aulabot.Question
	err := c.view(func(tx Tx) error {
		return tx.Questions(uni, h.Now().Add(-GapWindow), func(q aulabot.Question) error {
			if q.Gap() {
				qs = append(qs, q)
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	name := c.T("kb.gaps_all")
	if u, ok := h.Config.University(uni); ok {
		name = u.Name
	}
	if len(qs) == 0 {
		c.Reply(c.T("kb.gaps_none", "university", name))
		return nil
	}
	groups := GroupQuestions(qs)
	var b strings.Builder
	for i, g := range groups[:min(10, len(groups))] {
		fmt.Fprintf(&b, "%d. <b>%d×</b> %s", i+1, len(g), Escape(clipText(g[0].Text, 120)))
		if len(g) > 1 {
			fmt.Fprintf(&b, " <i>(%s)</i>", Escape(clipText(g[1].Text, 60)))
		}
		b.WriteString("\n")
	}
	c.Reply(c.T("kb.gaps", "university", name, "count", len(qs), "list", HTML(b.String())))
	return nil
}

func clipText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// GroupQuestions groups similar questions (most shared words, accents and
// case ignored), largest group first; each group's first question is the
// most recent.
func GroupQuestions(qs []aulabot.Question) [][]aulabot.Question {
	type group struct {
		words map[string]bool
		qs    []aulabot.Question
	}
	var groups []*group
	for i := len(qs) - 1; i >= 0; i-- { // newest first
		w := keywords(qs[i].Text)
		var best *group
		bestSim := 0.0
		for _, g := range groups {
			if s := jaccard(w, g.words); s > bestSim {
				best, bestSim = g, s
			}
		}
		if best != nil && bestSim >= 0.5 {
			best.qs = append(best.qs, qs[i])
			continue
		}
		groups = append(groups, &group{words: w, qs: []aulabot.Question{qs[i]}})
	}
	sort.SliceStable(groups, func(i, j int) bool { return len(groups[i].qs) > len(groups[j].qs) })
	out := make([][]aulabot.Question, len(groups))
	for i, g := range groups {
		out[i] = g.qs
	}
	return out
}

var fold = transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)

// stopwords are words too common to say what a question is about.
var stopwords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a al como con cual cuando de del donde el en es esta este hay la las lo los me mi mis no o para pero por que se si su sus te tu un una uno y ya yo
		an and are can do does for from how i in is it my of on or the to what when where which who why with you your`) {
		stopwords[w] = true
	}
}

// keywords are the folded words of s, without stop words and one-letter
// words; a crude stem (first 6 letters) makes plurals meet.
func keywords(s string) map[string]bool {
	folded, _, _ := transform.String(fold, strings.ToLower(s))
	w := map[string]bool{}
	for _, f := range strings.FieldsFunc(folded, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len([]rune(f)) < 2 || stopwords[f] {
			continue
		}
		if r := []rune(f); len(r) > 6 {
			f = string(r[:6])
		}
		w[f] = true
	}
	return w
}

func jaccard(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	inter := 0
	for w := range a {
		if b[w] {
			inter++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}
