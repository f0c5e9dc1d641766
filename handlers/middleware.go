package handlers

import "github.com/aulabot/aulabot"

// onboarded lets only users who finished /start through, and members of
// staff the configuration names, greeted first (staffFirst); others are
// asked to start.
func onboarded(next Handler) Handler {
	return func(c *Ctx) error {
		if !c.Known || !c.User.Onboarded() {
			if !c.Private() {
				return nil
			}
			if !c.h.staffFirst(c) {
				return aulabot.Errorf(aulabot.EFORBIDDEN, "error.start_first")
			}
		}
		return next(c)
	}
}

// private lets only private chats through; in a group the user is told to
// write to the bot.
func private(next Handler) Handler {
	return func(c *Ctx) error {
		if !c.Private() {
			return c.h.privateOnly()
		}
		return next(c)
	}
}

// mentor lets only configured mentors through.
func mentor(next Handler) Handler {
	return func(c *Ctx) error {
		if !mentors(c.Roles) {
			return aulabot.Errorf(aulabot.EFORBIDDEN, "error.only_mentors")
		}
		return next(c)
	}
}

// tech lets only technical team members (and coordinators) through.
func tech(next Handler) Handler {
	return func(c *Ctx) error {
		if !worksTickets(c.Roles) {
			return aulabot.Errorf(aulabot.EFORBIDDEN, "error.only_tech")
		}
		return next(c)
	}
}

// coordinator lets only coordinators and admins through.
func coordinator(next Handler) Handler {
	return func(c *Ctx) error {
		if len(c.Roles.Coordinator) == 0 && !c.Roles.Admin {
			return aulabot.Errorf(aulabot.EFORBIDDEN, "error.only_coordinators")
		}
		return next(c)
	}
}
