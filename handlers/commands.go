package handlers

import (
	"slices"
	"strings"

	"github.com/aulabot/aulabot"
)

// The command menus Telegram shows: everyone's by default, each staff
// member's in their private chat (everyone's and their roles'), the team's
// in each team group, in Spanish, in English, and in the configuration's
// language for any other.

// Command names of each menu, in the order shown.
var (
	everyoneCommands    = []string{"start", "help", "mentoring", "mybookings", "trainings", "mycourses", "problem", "mytickets", "survey", "status", "language", "profile", "cancel", "privacy"}
	mentorCommands      = []string{"slots", "today", "newslot", "weekly"}
	techCommands        = []string{"queue", "reply", "resolve"}
	coordinatorCommands = []string{"report", "announce", "newevent", "events", "gaps", "surveys", "staff", "reload"}
)

// menuLangs are the languages a menu is set in: Spanish, English, and ""
// (any other language: the configuration's).
var menuLangs = []string{aulabot.LangES, aulabot.LangEN, ""}

// CommandMenus returns every command menu the configuration implies
// (in set-up mode, only /id). Each is complete: setting them all,
// whatever was set before, leaves each chat with the list for its roles
// now.
func (h *Handlers) CommandMenus() []aulabot.CommandMenu {
	var out []aulabot.CommandMenu
	add := func(chat int64, names []string) {
		for _, lang := range menuLangs {
			out = append(out, aulabot.CommandMenu{Chat: chat, Lang: lang, Commands: h.commandList(lang, names)})
		}
	}
	if h.Setup {
		add(0, []string{"id"})
		return out
	}
	add(0, everyoneCommands)
	for _, id := range h.Config.StaffIDs() { // each a private list
		add(id, staffCommands(h.Config.Roles(id)))
	}
	for _, u := range h.Config.Universities {
		chat := u.TeamChat
		if n, ok := h.Config.MovedTo(chat); ok {
			chat = n // the supergroup the team group became
		}
		if chat != 0 {
			add(chat, teamCommands())
		}
	}
	return out
}

// ResetCommandMenus returns the menus that drop the private lists of
// people (ids, each once however often named) who are no longer staff:
// their chats fall back to the default list, everyone's.
func (h *Handlers) ResetCommandMenus(ids []int64) []aulabot.CommandMenu {
	var out []aulabot.CommandMenu
	ids = slices.Clone(ids)
	slices.Sort(ids)
	for _, id := range slices.Compact(ids) {
		if h.Config.Roles(id).Staff() {
			continue
		}
		for _, lang := range menuLangs {
			out = append(out, aulabot.CommandMenu{Chat: id, Lang: lang})
		}
	}
	return out
}

// staffCommands is a staff member's private list: everyone's but
// /profile, then each role's.
func staffCommands(r aulabot.Roles) []string {
	// Not /profile: the configuration sets a staff member's roles.
	names := slices.DeleteFunc(slices.Clone(everyoneCommands), func(n string) bool { return n == "profile" })
	if mentors(r) {
		names = append(names, mentorCommands...)
	}
	if worksTickets(r) {
		names = append(names, techCommands...)
	}
	if len(r.Coordinator) > 0 || r.Admin {
		names = append(names, coordinatorCommands...)
	}
	if mentors(r) || worksTickets(r) {
		names = append(names, "mystats")
	}
	return names
}

// teamCommands is a team group's list: the commands that act there, in
// the order of techCommands, help first.
func teamCommands() []string { return append([]string{"help"}, techCommands...) }

// commandList is names with their descriptions in lang ("" the
// configuration's language).
func (h *Handlers) commandList(lang string, names []string) []aulabot.Command {
	if lang == "" {
		lang = h.Config.Language
	}
	out := make([]aulabot.Command, 0, len(names))
	for _, n := range names {
		out = append(out, aulabot.Command{Name: n, Description: strings.TrimSpace(h.cat.T(lang, "cmd."+n))})
	}
	return out
}
