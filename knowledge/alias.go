package knowledge

import (
	"github.com/aulabot/aulabot"
)

// aliasSlot is where an alias applies: a university's askers in one
// language, for one normalised phrasing.
type aliasSlot struct{ university, lang, key string }

// SetAliases replaces the aliases in use (curated in /gaps and stored in
// the database): from the next search on, a question whose phrasing a
// coordinator linked to an article is answered with it directly, and one
// marked out of scope gets OutOfScope. No reload, no restart.
func (k *Service) SetAliases(as []aulabot.KBAlias) {
	m := make(map[aliasSlot]aulabot.KBAlias, len(as))
	for _, a := range as {
		if a.Kind == aulabot.AliasLink || a.Kind == aulabot.AliasOutOfScope {
			m[aliasSlot{a.University, a.Lang, a.Key}] = a
		}
	}
	k.aliases.Store(&m)
}

// byAlias answers q from the aliases, if its phrasing has one the asker
// may use (a linked article the asker may see).
//
// An alias is stored under the language of the person whose question it
// came from, but a question is searched in the language it is written in
// (search.go): an English-profile teacher's "¿cómo agrego estudiantes?"
// gets Spanish articles, and a coordinator links it to one. So the
// asker's language is looked up first, as it always was, and then the
// other one, whose alias is taken when it is of the language the words
// are written in (its asker wrote in their own) or links an article of
// that language: the same words are then answered for everyone who types
// them. A word of both languages ("moodle") written by an English-profile
// asker does not take a Spanish-profile asker's link to a Spanish article.
func (k *Service) byAlias(b *Base, q aulabot.KBQuery) (aulabot.KBResult, bool) {
	m := k.aliases.Load()
	if m == nil || len(*m) == 0 {
		return aulabot.KBResult{}, false
	}
	key := aulabot.AliasKey(q.Text)
	a, ok := (*m)[aliasSlot{q.University, q.Lang, key}]
	if !ok && validLangs[q.Lang] {
		if a, ok = (*m)[aliasSlot{q.University, aulabot.OtherLanguage(q.Lang), key}]; ok {
			if written := DetectLanguage(q.Text); a.Lang != written {
				art, found := b.Article(a.ArticleID)
				ok = a.Kind == aulabot.AliasLink && found && written != "" && art.Lang == written
			}
		}
	}
	if !ok {
		return aulabot.KBResult{}, false
	}
	if a.Kind == aulabot.AliasOutOfScope {
		out := aulabot.KBResult{Confidence: string(ConfidenceNone), OutOfScope: true}
		if h := b.HelpDesk(kbQuery(q)); h != nil {
			v := view(b, h)
			out.HelpDesk = &v
		}
		return out, true
	}
	art, ok := b.Article(a.ArticleID)
	if !ok || !Visible(art, kbQuery(q)) {
		return aulabot.KBResult{}, false // the article went: search as usual
	}
	return aulabot.KBResult{Confidence: string(ConfidenceAnswer), Articles: []aulabot.KBArticle{view(b, art)}}, true
}
