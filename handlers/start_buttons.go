package handlers

import (
	"strings"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/button"
)

// The buttons of onboarding and of /deletemydata.

// langButton picks a language: "lang:es".
type langButton struct{ Lang string }

func (b langButton) Encode() string { return button.Join("lang", b.Lang) }

// uniButton picks a university during onboarding: "uni:unma".
type uniButton struct{ University string }

func (b uniButton) Encode() string { return button.Join("uni", b.University) }

// roleButton picks a role, finishing onboarding: "role:teacher".
type roleButton struct{ Role string }

func (b roleButton) Encode() string { return button.Join("role", b.Role) }

// deleteButton answers /deletemydata's question: "del:yes" or "del:no";
// "del:ask" (Ask, under /privacy) asks it, as /deletemydata does.
type deleteButton struct{ Confirm, Ask bool }

func (b deleteButton) Encode() string {
	switch {
	case b.Ask:
		return button.Join("del", "ask")
	case b.Confirm:
		return button.Join("del", "yes")
	}
	return button.Join("del", "no")
}

// startButtons are the kinds above. Their words are checked by the
// onboarding service (a language it speaks, a configured university, a
// role), so they decode any word.
var startButtons = []button.Kind{
	{Prefix: "lang", Fields: 1, Longest: langButton{Lang: aulabot.LangES},
		Decode: func(f []string) (button.Data, bool) { return langButton{Lang: f[0]}, true }},
	{Prefix: "uni", Fields: 1, Longest: uniButton{University: strings.Repeat("u", aulabot.MaxUniversityID)},
		Decode: func(f []string) (button.Data, bool) { return uniButton{University: f[0]}, true }},
	{Prefix: "role", Fields: 1, Longest: roleButton{Role: aulabot.RoleTeacher},
		Decode: func(f []string) (button.Data, bool) { return roleButton{Role: f[0]}, true }},
	{Prefix: "del", Fields: 1, Longest: deleteButton{Confirm: true},
		Decode: func(f []string) (button.Data, bool) {
			return deleteButton{Confirm: f[0] == "yes", Ask: f[0] == "ask"}, f[0] == "yes" || f[0] == "no" || f[0] == "ask"
		}},
}
