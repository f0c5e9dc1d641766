package handlers

import "strings"

// help lists what this user's roles can do.
func (h *Handlers) help(c *Ctx) error {
	parts := []string{c.T("help.everyone")}
	if len(c.Roles.Mentor) > 0 {
		parts = append(parts, c.T("help.mentor"))
	}
	if len(c.Roles.Tech) > 0 {
		parts = append(parts, c.T("help.tech"))
	}
	if len(c.Roles.Coordinator) > 0 || c.Roles.Admin {
		parts = append(parts, c.T("help.coordinator")+"\n"+c.T("help.report"))
	}
	text := strings.Join(parts, "\n\n")
	if c.Known && c.User.Onboarded() && c.Private() {
		h.replyMenu(c, text)
	} else {
		c.Reply(text)
	}
	return nil
}
