package handlers

import "github.com/aulabot/aulabot/service"

// routes lists every command, button and flow. Each domain adds its own in
// its route function.
func (h *Handlers) routes() *router {
	r := newRouter()
	r.commands["start"] = h.start
	r.commands["help"] = h.help
	r.commands["language"] = h.language
	r.commands["cancel"] = h.cancel
	r.commands["privacy"] = h.privacy
	r.commands["deletemydata"] = with(h.deleteMyData, private)
	r.callbacks["lang"] = h.onLanguage
	r.callbacks["uni"] = h.onUniversity
	r.callbacks["role"] = h.onRole
	r.callbacks["del"] = with(h.onDelete, private)
	r.menu["menu.help"] = "help"
	r.menu["menu.language"] = "language"
	h.routeKnowledge(r)
	h.routeBooking(r)
	h.routeTickets(r)
	h.routeAnnounce(r)
	h.routeEvents(r)
	h.routeStatus(r)
	h.routeSetup(r)
	h.routeSurveys(r)
	h.routeReport(r)
	h.routeCourses(r)
	h.routeProfile(r)
	h.routeOwn(r)
	r.commands["staff"] = with(h.staffList, private, coordinator)
	// A question before onboarding is held and answered after it.
	r.text = h.firstMessage(r.text)
	r.flows[service.FlowOnboard.Name] = r.text
	// In a team group only the team's commands and buttons act (and
	// replies to the bot's ticket messages); whatever else is for private
	// chats. New team commands are added here and to the authorisation
	// table (handlers/authz_test.go).
	for _, cmd := range []string{"help", "queue", "reply", "resolve"} {
		r.teamCommands[cmd] = true
	}
	r.teamCallbacks["tk"] = true
	return r
}
