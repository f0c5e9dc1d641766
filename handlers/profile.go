package handlers

import (
	"strings"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/button"
)

// /profile: the university and the role a person picked at onboarding,
// with a button to change each (a wrong tap on a small screen, or a move
// to another university). Before, the only way was /deletemydata and
// /start again, which took their tickets and bookings with it.

// profileButton is /profile's choice: "pf:l" lists the universities,
// "pf:u:ID" moves to one, "pf:r:ROLE" changes the role, "pf:k" keeps
// everything.
type profileButton struct {
	What  string // "l", "u", "r" or "k"
	Value string // the university or the role
}

func (b profileButton) Encode() string {
	if b.Value == "" {
		return button.Join("pf", b.What)
	}
	return button.Join("pf", b.What, b.Value)
}

// profileButtons are its kinds. The words are checked by the onboarding
// service (a configured university, a role).
var profileButtons = []button.Kind{
	{Prefix: "pf:l", Fields: 0, Longest: profileButton{What: "l"},
		Decode: func([]string) (button.Data, bool) { return profileButton{What: "l"}, true }},
	{Prefix: "pf:u", Fields: 1, Longest: profileButton{What: "u", Value: strings.Repeat("u", aulabot.MaxUniversityID)},
		Decode: func(f []string) (button.Data, bool) { return profileButton{What: "u", Value: f[0]}, f[0] != "" }},
	{Prefix: "pf:r", Fields: 1, Longest: profileButton{What: "r", Value: aulabot.RoleTeacher},
		Decode: func(f []string) (button.Data, bool) { return profileButton{What: "r", Value: f[0]}, f[0] != "" }},
	{Prefix: "pf:k", Fields: 0, Longest: profileButton{What: "k"},
		Decode: func([]string) (button.Data, bool) { return profileButton{What: "k"}, true }},
}

// profile shows the person's university and role with the buttons that
// change them; staff are told the configuration sets theirs.
func (h *Handlers) profile(c *Ctx) error {
	if c.Roles.Staff() || c.User.Role == aulabot.RoleStaff {
		return aulabot.Errorf(aulabot.EFORBIDDEN, "profile.staff")
	}
	c.ReplyButtons(h.profileText(c, c.User), profileRows(c, c.User))
	return nil
}

// profileText is u's university and role, as /profile shows them.
func (h *Handlers) profileText(c *Ctx, u aulabot.User) string {
	uni, _ := h.Config.University(u.University)
	return c.T("profile.show", "role", c.T("button."+u.Role), "university", uniName(uni))
}

// profileRows are /profile's buttons for u: another university (when
// there is one), and the other role.
func profileRows(c *Ctx, u aulabot.User) [][]aulabot.Button {
	other := aulabot.RoleStudent
	if u.Role == aulabot.RoleStudent {
		other = aulabot.RoleTeacher
	}
	var rows [][]aulabot.Button
	if len(c.h.Config.Universities) > 1 {
		rows = append(rows, []aulabot.Button{{Text: c.T("profile.button_university"), Data: profileButton{What: "l"}.Encode()}})
	}
	return append(rows, []aulabot.Button{{Text: c.T("profile.button_role_" + other), Data: profileButton{What: "r", Value: other}.Encode()}})
}

// onProfile handles /profile's buttons.
func (h *Handlers) onProfile(c *Ctx) error {
	b, err := pressed[profileButton](c)
	if err != nil {
		return err
	}
	switch {
	case b.What == "k":
		c.Answer("")
		c.EditPressed(c.T("profile.kept"), nil)
		return nil
	case b.What == "l":
		var rows [][]aulabot.Button
		for _, u := range h.Config.Universities {
			if u.ID != c.User.University {
				rows = append(rows, []aulabot.Button{{Text: u.Name, Data: profileButton{What: "u", Value: u.ID}.Encode()}})
			}
		}
		rows = append(rows, []aulabot.Button{{Text: c.T("profile.button_keep"), Data: profileButton{What: "k"}.Encode()}})
		c.Answer("")
		c.EditPressed(c.T("profile.pick_university"), rows)
		return nil
	}
	uni, role := b.Value, ""
	next := c.User // as they will be: the trainings of their new audience are read before the commit
	if b.What == "r" {
		uni, role = "", b.Value
		next.Role = role
	} else {
		next.University = uni
	}
	var trainings *aulabot.Message
	if err := c.view(func(tx Tx) (err error) { trainings, err = h.trainingsNotice(c, tx, c.User, next); return err }); err != nil {
		return err
	}
	return c.Commit(func(tx Tx) error {
		m, err := h.svc.Onboarding.ChangeProfile(tx, c.U.From.ID, c.Roles.Staff(), uni, role)
		if err != nil {
			return err
		}
		c.Answer("")
		if !m.Changed {
			c.EditPressed(c.T("profile.kept"), nil)
			return nil
		}
		c.User = m.User
		c.EditPressed(h.profileText(c, m.User), profileRows(c, m.User)) // to change again, or back
		text := c.T("profile.changed", "role", c.T("button."+m.User.Role), "university", m.University.Name)
		var away []string
		for _, id := range h.svc.Helpdesk.Open(tx, c.U.From.ID) {
			if u, _, ok := aulabot.ParseTicketID(id); ok && u != m.User.University {
				away = append(away, id)
			}
		}
		if len(away) > 0 {
			text += "\n" + c.N("profile.tickets_stay", len(away), "ids", strings.Join(away, ", "))
		}
		h.replyMenu(c, text) // a teacher's menu has 📚 My courses, a student's not
		if trainings != nil {
			c.Send(*trainings)
		}
		return nil
	})
}

// routeProfile adds /profile.
func (h *Handlers) routeProfile(r *router) {
	r.commands["profile"] = with(h.profile, private, onboarded)
	r.callbacks["pf"] = with(h.onProfile, private, onboarded)
}
