package knowledge

import "strings"

// helpDeskTags mark the article that gives a university's help desk
// contacts (hours, phone, e-mail): "I don't know" offers it as a next
// step.
var helpDeskTags = map[string]bool{"mesa de ayuda": true, "help desk": true, "helpdesk": true}

// HelpDesk returns the help desk article the asker of q may see: tagged
// "mesa de ayuda" or "help desk", the asker's university's before a general
// one, in the asker's language before the other; nil when the base has none.
func (b *Base) HelpDesk(q Query) *Article {
	if b == nil {
		return nil
	}
	var best *Article
	rank := func(a *Article) int {
		r := 0
		if a.University != "" {
			r += 2
		}
		if a.Lang == q.Lang {
			r++
		}
		return r
	}
	for _, a := range b.helpDesk { // found when the base was built
		if !Visible(a, q) {
			continue
		}
		if best == nil || rank(a) > rank(best) {
			best = a
		}
	}
	return best
}

func hasHelpDeskTag(a *Article) bool {
	for _, t := range a.Tags {
		if helpDeskTags[strings.ToLower(fold(strings.TrimSpace(t)))] {
			return true
		}
	}
	return false
}
