package handlers

import (
	"strings"

	"github.com/aulabot/aulabot"
)

// help lists what this user's roles can do.
func (h *Handlers) help(c *Ctx) error {
	parts := []string{c.T("help.everyone") + "\n" + c.T("help.trainings")}
	if c.User.Role == aulabot.RoleTeacher || len(c.Roles.Mentor) > 0 {
		parts[0] += "\n" + c.T("help.courses")
	}
	if len(c.Roles.Mentor) > 0 {
		parts = append(parts, c.T("help.mentor"))
	}
	if len(c.Roles.Tech) > 0 {
		parts = append(parts, c.T("help.tech"))
	}
	if len(c.Roles.Coordinator) > 0 || c.Roles.Admin {
		parts = append(parts, c.T("help.coordinator")+"\n"+c.T("help.newevent")+"\n"+c.T("help.events")+"\n"+c.T("help.report"))
	}
	text := strings.Join(parts, "\n\n")
	if c.Known && c.User.Onboarded() && c.Private() {
		h.replyMenu(c, text)
	} else {
		c.Reply(text)
	}
	return nil
}
