package handlers

import (
	"fmt"
	"strings"

	"github.com/aulabot/aulabot/i18n"
)

// fillPlaces puts what the configuration knows into an answer's HTML:
// {lms_url} becomes a link to the asker's university's virtual classroom
// and {university} its name, so an article names the real address rather
// than an example; where the configuration does not know them, a neutral
// wording ("your university's virtual classroom address").
func (h *Handlers) fillPlaces(c *Ctx, html string) string {
	return h.fillPlacesFor(c.Lang, c.User.University, html)
}

// fillPlacesFor is fillPlaces for a reader of lang at university: a
// ticket's requester, sent an article by the team.
func (h *Handlers) fillPlacesFor(lang, university, html string) string {
	if !strings.Contains(html, "{lms_url}") && !strings.Contains(html, "{university}") {
		return html
	}
	name, lms := h.cat.T(lang, "kb.university_neutral"), h.cat.T(lang, "kb.lms_neutral")
	if uni, ok := h.Config.University(university); ok {
		name = i18n.Escape(uni.Name)
		if uni.LMSURL != "" {
			shown := strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(uni.LMSURL, "https://"), "http://"), "/")
			lms = fmt.Sprintf(`<a href="%s">%s</a>`, i18n.Escape(uni.LMSURL), i18n.Escape(shown))
		}
	}
	return strings.NewReplacer("{lms_url}", lms, "{university}", name).Replace(html)
}
