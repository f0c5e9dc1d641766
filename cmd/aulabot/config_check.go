package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

const configUsage = `usage:
  aulabot config check [--config FILE] [--data FILE]
checks a configuration without starting the bot: a problem is one line
FILE:LINE: key: problem and exit 1; a valid file prints what is still
missing (team groups, technical teams, mentors, coordinators, admins)
and the team groups Telegram turned into supergroups, which the bot
follows (from the database, or the running bot that holds it), with the
id to put in their team_chat.
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
	} else {
		fmt.Fprintf(stdout, "%s: valid; still missing:\n", cfg.File)
		for _, m := range missing {
			fmt.Fprintf(stdout, "  - %s\n", m)
		}
		if needsSetup(cfg) {
			fmt.Fprintln(stdout, "Until every university has its team_chat, 'aulabot serve' runs in set-up mode: add the bot to each team group and it posts the line to paste; /id in a private chat with the bot tells a person their user id.")
		}
	}
	moves, err := readMoves(ctx, s.DataPath)
	if err != nil {
		fmt.Fprintf(stderr, "team groups that became supergroups not checked: %v\n", err)
		return nil
	}
	if moved := teamMoves(cfg, moves); len(moved) > 0 {
		fmt.Fprintf(stdout, "Team groups that Telegram turned into supergroups (the bot follows them; %s still names the old id):\n", cfg.File)
		for _, m := range moved {
			fmt.Fprintf(stdout, "  - %s\n", m)
		}
	}
	return nil
}

// teamMoves lists the team groups of cfg that became supergroups, from
// the moves the bot stored (old chat id -> new), each as the key to
// change and the id to put there. A group upgraded twice is followed to
// its last id; a move of a chat cfg does not name, or to a chat cfg
// already names, is not the configuration's business.
func teamMoves(cfg *aulabot.Config, moves map[int64]int64) []string {
	named := map[int64]bool{}
	for _, u := range cfg.Universities {
		named[u.TeamChat] = true
	}
	var out []string
	for i, u := range cfg.Universities {
		to, ok := moves[u.TeamChat]
		if u.TeamChat == 0 || !ok {
			continue
		}
		for range len(moves) {
			next, again := moves[to]
			if !again {
				break
			}
			to = next
		}
		if named[to] {
			continue
		}
		out = append(out, fmt.Sprintf("universities[%d] (%s).team_chat: the group %d is now the supergroup %d: write team_chat: %d", i, u.ID, u.TeamChat, to, to))
	}
	return out
}

// readMoves reads the team-group moves stored in the database at data:
// from the file when no bot holds it, else from the running bot over its
// control socket. No database yet: no moves.
func readMoves(ctx context.Context, data string) (map[int64]int64, error) {
	if _, err := os.Stat(data); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	var moves map[int64]int64
	err := fromStoreOrBot(ctx, data, "/moves",
		func(st *store.Store) (err error) { moves, err = st.ChatMoves(); return err },
		func(r io.Reader) error { return json.NewDecoder(r).Decode(&moves) })
	return moves, err
}

// serveMoves answers the control socket's /moves: the team-group moves
// stored, as JSON (old chat id -> new), for "aulabot config check".
func (m *Main) serveMoves(w http.ResponseWriter, r *http.Request) {
	moves, err := m.Store.ChatMoves()
	if err != nil {
		m.Log.Error("moves", "err", err)
		http.Error(w, "moves: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(moves)
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
