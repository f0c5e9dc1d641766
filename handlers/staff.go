package handlers

import (
	"slices"
	"strings"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
)

// staffList is /staff: the people the configuration names as staff, by
// university (a coordinator's universities; every one, and the programme
// coordinators, for an admin), each by the name the bot knows them by, and
// ⚠️ beside those it cannot write to: who never opened a chat with it, or
// blocked it (a mentor who never pressed Start gets none of the bookings
// of their sessions), then how one is added or taken off. A
// coordinator's "who are the mentors of unvs?" got "I don't know" (seen in
// the sandbox), and nothing in the chat said whom the bot could not reach.
func (h *Handlers) staffList(c *Ctx) error {
	var unis []*aulabot.University
	for i := range h.Config.Universities {
		if u := &h.Config.Universities[i]; c.Roles.IsCoordinator(u.ID) {
			unis = append(unis, u)
		}
	}
	// "¿quiénes son los técnicos de la unma?": that university's alone
	// (an admin's showed every one, seen in the sandbox).
	if _, named := h.universitiesIn(c.asked); len(named) > 0 {
		if in := slices.DeleteFunc(slices.Clone(unis), func(u *aulabot.University) bool { return !slices.Contains(named, u) }); len(in) > 0 {
			unis = in
		}
	}
	var parts []string
	unreached := false
	err := c.view(func(tx Tx) error {
		names := func(ids []int64) (i18n.HTML, error) {
			if len(ids) == 0 {
				return i18n.HTML(c.T("staff.nobody")), nil
			}
			var out []string
			for _, id := range ids {
				u, ok, err := tx.User(id)
				if err != nil {
					return "", err
				}
				seen, err := h.seenAs(tx, u, id) // one who never pressed Start: as their sessions or tickets show them
				if err != nil {
					return "", err
				}
				name := i18n.Escape(seen)
				if name == "" {
					name = c.T("staff.unnamed", "id", id)
				}
				if !ok || tx.Unreached(id) {
					name, unreached = name+" ⚠️", true
				}
				out = append(out, name)
			}
			return i18n.HTML(strings.Join(out, ", ")), nil
		}
		for _, u := range unis {
			lines := []string{c.T("staff.title", "university", u.Name)}
			for _, role := range []struct {
				key string
				ids []int64
			}{{"staff.mentors", u.Mentors}, {"staff.tech", u.Tech}, {"staff.coordinators", u.Coordinators}} {
				who, err := names(role.ids)
				if err != nil {
					return err
				}
				lines = append(lines, c.T(role.key, "names", who))
			}
			parts = append(parts, strings.Join(lines, "\n"))
		}
		if c.Roles.Admin {
			who, err := names(h.Config.Admins)
			if err != nil {
				return err
			}
			parts = append(parts, c.T("staff.admins", "names", who))
		}
		return nil
	})
	if err != nil {
		return err
	}
	if unreached {
		parts = append(parts, c.T("staff.unreached_note", "bot", h.botHandle(c.Lang)))
	}
	// How one is added or taken off: an admin's "agrega a un nuevo mentor"
	// got the booking article (seen in the sandbox), and nothing in the
	// chat said that the configuration names the staff.
	parts = append(parts, c.T("staff.add_how"))
	m := aulabot.Message{ChatID: c.U.ChatID, Text: strings.Join(parts, "\n\n")}
	if Fits(m) == nil {
		c.Send(m)
		return nil
	}
	for _, p := range parts { // a large programme: a message per university
		for _, m := range staffMessages(p) {
			c.Reply(m)
		}
	}
	return nil
}

// staffMessages is part, one university's staff (its name on the first line,
// then a line a role), as messages that each fit: whole if it fits, else
// its lines packed, a line too long for one message split between names;
// each message under the university's name, and a role's names carried
// on under the role again. Hundreds of mentors at one university did not
// fit its one message, which the outbox could then never send.
func staffMessages(part string) []string {
	fits := func(s string) bool { return VisibleLen(s) <= aulabot.MaxMessageText }
	if fits(part) {
		return []string{part}
	}
	title, lines, _ := strings.Cut(part, "\n")
	var out []string
	cur := title
	// add puts s after sep in the message being filled, or begins the
	// next one with fresh under the title when s does not fit there.
	add := func(s, sep, fresh string) {
		if fits(cur + sep + s) {
			cur += sep + s
			return
		}
		out, cur = append(out, cur), title+"\n"+fresh
	}
	for _, line := range strings.Split(lines, "\n") {
		if fits(title + "\n" + line) {
			add(line, "\n", line)
			continue
		}
		label, names, _ := strings.Cut(line, ": ")
		sep := "\n" + label + ": "
		for _, name := range strings.Split(names, ", ") {
			add(name, sep, label+": "+name)
			sep = ", "
		}
	}
	return append(out, cur)
}
