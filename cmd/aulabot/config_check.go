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
	"slices"
	"strconv"
	"strings"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

const configUsage = `usage:
  aulabot config check [--config FILE] [--data FILE]
checks a configuration without starting the bot: a problem is one line
FILE:LINE: key: problem and exit 1; a valid file prints what is still
missing (team groups, technical teams, mentors, coordinators, admins),
the staff the bot cannot write to yet (they never opened a chat with it,
or blocked it), and the team groups Telegram turned into supergroups,
which the bot follows, with the id to put in their team_chat (both from
the database, or the running bot that holds it).
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
	if unreached, err := readReach(ctx, s.DataPath, cfg); err != nil {
		fmt.Fprintf(stderr, "who of the staff the bot can write to not checked: %v\n", err)
	} else if lines := staffUnreached(cfg, unreached); len(lines) > 0 {
		fmt.Fprintln(stdout, "Staff the bot cannot write to yet (each must open a chat with the bot and press Start: until then bookings, tickets and notices do not reach them):")
		for _, l := range lines {
			fmt.Fprintf(stdout, "  - %s\n", l)
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

// Why the bot cannot write to a member of staff (readReach).
const (
	reachNever   = "never" // never wrote to the bot (or deleted their data)
	reachBlocked = "blocked"
)

// readReach reads, of the people cfg names as staff, those the bot cannot
// write to, by id, with why (reachNever, reachBlocked), from the database
// at data, or from the running bot that holds it; none without a database
// (nobody has written yet: everyone is, and stillMissing's lines say what
// to do first).
func readReach(ctx context.Context, data string, cfg *aulabot.Config) (map[int64]string, error) {
	if _, err := os.Stat(data); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	ids := cfg.StaffIDs()
	var out map[int64]string
	q := make([]string, len(ids))
	for i, id := range ids {
		q[i] = strconv.FormatInt(id, 10)
	}
	err := fromStoreOrBot(ctx, data, "/reach?ids="+strings.Join(q, ","),
		func(st *store.Store) (err error) { out, err = reach(st, ids); return err },
		func(r io.Reader) error { return json.NewDecoder(r).Decode(&out) })
	return out, err
}

// reach is readReach on store st for ids, in one read transaction.
func reach(st *store.Store, ids []int64) (map[int64]string, error) {
	out := map[int64]string{}
	err := st.View(func(tx *store.Tx) error {
		for _, id := range ids {
			_, known, err := tx.User(id)
			switch {
			case err != nil:
				return err
			case !known:
				out[id] = reachNever
			case tx.Unreached(id):
				out[id] = reachBlocked
			}
		}
		return nil
	})
	return out, err
}

// serveReach answers the control socket's /reach?ids=1,2: of those ids,
// the ones the bot cannot write to, as JSON (id -> why), for "aulabot
// config check".
func (m *Main) serveReach(w http.ResponseWriter, r *http.Request) {
	var ids []int64
	for _, f := range strings.Split(r.URL.Query().Get("ids"), ",") {
		if id, err := strconv.ParseInt(f, 10, 64); err == nil {
			ids = append(ids, id)
		}
	}
	out, err := reach(m.Store, ids)
	m.serveJSON(w, "reach", out, err)
}

// serveJSON answers a control socket's request with v as JSON, or with
// err (what, the request's name, before it).
func (m *Main) serveJSON(w http.ResponseWriter, what string, v any, err error) {
	if err != nil {
		m.Log.Error(what, "err", err)
		http.Error(w, what+": "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

// staffUnreached lists those of cfg's staff in unreached, each as their
// roles' keys and why: "universities[0] (unma).mentors 4002: never wrote
// to the bot".
func staffUnreached(cfg *aulabot.Config, unreached map[int64]string) []string {
	why := map[string]string{reachNever: "never wrote to the bot", reachBlocked: "blocked the bot"}
	var out []string
	for _, id := range cfg.StaffIDs() {
		w, ok := unreached[id]
		if !ok {
			continue
		}
		var roles []string
		if slices.Contains(cfg.Admins, id) {
			roles = append(roles, "admins")
		}
		for i, u := range cfg.Universities {
			for _, r := range []struct {
				key string
				ids []int64
			}{{"mentors", u.Mentors}, {"tech", u.Tech}, {"coordinators", u.Coordinators}} {
				if slices.Contains(r.ids, id) {
					roles = append(roles, fmt.Sprintf("universities[%d] (%s).%s", i, u.ID, r.key))
				}
			}
		}
		out = append(out, fmt.Sprintf("%d (%s): %s", id, strings.Join(roles, ", "), why[w]))
	}
	return out
}

// serveMoves answers the control socket's /moves: the team-group moves
// stored, as JSON (old chat id -> new), for "aulabot config check".
func (m *Main) serveMoves(w http.ResponseWriter, r *http.Request) {
	moves, err := m.Store.ChatMoves()
	m.serveJSON(w, "moves", moves, err)
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
