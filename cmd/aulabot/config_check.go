package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/aulabot/aulabot"
)

const configUsage = `usage:
  aulabot config check [--config FILE]
checks a configuration without starting the bot: a problem is one line
FILE:LINE: key: problem and exit 1; a valid file prints what is still
missing (team groups, technical teams, mentors, coordinators, admins).
`

// configCmd runs "aulabot config SUBCOMMAND".
func configCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "check" {
		io.WriteString(stderr, configUsage)
		return errUsage
	}
	s, fs, err := parseSettings("config check", args[1:], os.Getenv, stderr)
	if err != nil {
		return err
	}
	if fs.NArg() != 0 {
		io.WriteString(stderr, configUsage)
		return errUsage
	}
	cfg, err := loadConfig(s.ConfigPath)
	if err != nil {
		return err
	}
	missing := stillMissing(cfg)
	if len(missing) == 0 {
		fmt.Fprintf(stdout, "%s: valid and complete\n", cfg.File)
		return nil
	}
	fmt.Fprintf(stdout, "%s: valid; still missing:\n", cfg.File)
	for _, m := range missing {
		fmt.Fprintf(stdout, "  - %s\n", m)
	}
	if needsSetup(cfg) {
		fmt.Fprintln(stdout, "Until every university has its team_chat, 'aulabot serve' runs in set-up mode: add the bot to each team group and it posts the line to paste; /id in a private chat with the bot tells a person their user id.")
	}
	return nil
}

// needsSetup reports whether a university has no team group yet: then the
// bot cannot route tickets, and serve runs in set-up mode.
func needsSetup(cfg *aulabot.Config) bool {
	for _, u := range cfg.Universities {
		if u.TeamChat == 0 {
			return true
		}
	}
	return false
}

// stillMissing lists what a valid configuration does not say yet, each as
// the key to fill in and why it matters.
func stillMissing(cfg *aulabot.Config) []string {
	var out []string
	for i, u := range cfg.Universities {
		key := fmt.Sprintf("universities[%d] (%s)", i, u.ID)
		var parts []string
		if u.TeamChat == 0 {
			parts = append(parts, "team_chat: no team group yet (tickets have nowhere to go)")
		}
		if len(u.Tech) == 0 {
			parts = append(parts, "tech: nobody can claim tickets")
		}
		if len(u.Mentors) == 0 {
			parts = append(parts, "mentors: no mentoring slots")
		}
		if len(u.Coordinators) == 0 {
			parts = append(parts, "coordinators: nobody sees this university's reports (admins do)")
		}
		for _, p := range parts {
			out = append(out, key+"."+p)
		}
	}
	if len(cfg.Admins) == 0 {
		out = append(out, "admins: no programme coordinators (they see every university, /gaps and /reload)")
	}
	return out
}
