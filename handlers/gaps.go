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
	"github.com/aulabot/aulabot/i18n"
)

// GapWindow is how far back /gaps looks.
const GapWindow = 30 * 24 * time.Hour

// maxGapGroups is how many groups /gaps lists; maxGapQuestions how many of
// the most recent unanswered questions it groups (the rest are counted),
// so that its cost does not grow with a busy month.
const (
	maxGapGroups    = 10
	maxGapQuestions = 2000
)

// gaps shows coordinators the most frequent unanswered or not-helpful
// questions of their university, similar ones grouped together. It reads
// only the window's questions (the store's index by university and time).
// Other people's questions are shown only in a private chat.
func (h *Handlers) gaps(c *Ctx) error {
	if !c.Private() {
		return aulabot.Errorf(aulabot.EFORBIDDEN, "kb.gaps_private")
	}
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
	deleted := 0
	err := c.view(func(tx Tx) error {
		return tx.Questions(uni, h.Now().Add(-GapWindow), func(q aulabot.Question) error {
			switch {
			case !q.Gap():
			case q.Text == "":
				deleted++ // asked by someone who deleted their data: counted, never shown
			default:
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
	if len(qs) == 0 && deleted == 0 {
		c.Reply(c.T("kb.gaps_none", "university", name))
		return nil
	}
	c.Reply(gapReport(c, name, qs, deleted))
	return nil
}

// gapReport lists the largest groups of similar questions, as many as fit
// in one Telegram message.
func gapReport(c *Ctx, name string, qs []aulabot.Question, deleted int) string {
	sort.SliceStable(qs, func(i, j int) bool { return qs[i].At.Before(qs[j].At) })
	total := len(qs)
	groups := GroupQuestions(qs[max(0, len(qs)-maxGapQuestions):])
	var footer []string
	if deleted > 0 {
		footer = append(footer, c.T("kb.gaps_deleted", "count", deleted))
	}
	frame := func(list string, shown int) string {
		foot := footer
		if more := len(groups) - shown; more > 0 && shown < maxGapGroups {
			foot = append([]string{c.T("kb.gaps_more", "count", more)}, foot...)
		}
		s := c.T("kb.gaps", "university", name, "count", total+deleted, "list", i18n.HTML(list))
		if len(foot) > 0 {
			s += "\n" + strings.Join(foot, "\n")
		}
		return s
	}
	var b strings.Builder
	shown := 0
	for i, g := range groups[:min(maxGapGroups, len(groups))] {
		line := fmt.Sprintf("%d. <b>%d×</b> %s", i+1, len(g), i18n.Escape(clipText(g[0].Text, 120)))
		if len(g) > 1 {
			line += fmt.Sprintf(" <i>(%s)</i>", i18n.Escape(clipText(g[1].Text, 60)))
		}
		if VisibleLen(frame(b.String()+line+"\n", i+1)) > aulabot.MaxMessageText {
			break
		}
		b.WriteString(line + "\n")
		shown++
	}
	return frame(b.String(), shown)
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
// most recent. It is safe for concurrent use.
func GroupQuestions(qs []aulabot.Question) [][]aulabot.Question {
	type group struct {
		words map[string]bool
		qs    []aulabot.Question
	}
	var groups []*group
	fold := newFold()
	for i := len(qs) - 1; i >= 0; i-- { // newest first
		w := keywords(fold, qs[i].Text)
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

// newFold removes accents. A transformer keeps state between calls, so
// each caller makes its own.
func newFold() transform.Transformer {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}

// stopwords are words too common to say what a question is about.
var stopwords = func() map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(`a al como con cual cuando de del donde el en es esta este hay la las lo los me mi mis no o para pero por que se si su sus te tu un una uno y ya yo
		an and are can do does for from how i in is it my of on or the to what when where which who why with you your`) {
		set[w] = true
	}
	return set
}()

// keywords are the folded words of s, without stop words and one-letter
// words; a crude stem (first 6 letters) makes plurals meet.
func keywords(fold transform.Transformer, s string) map[string]bool {
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
