package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/sandbox"
	"github.com/aulabot/aulabot/store"
)

// demoPeople are the sandbox's people: everyone the configuration names,
// plus a demo teacher and student.
func demoPeople(cfg *aulabot.Config) []sandbox.User {
	var out []sandbox.User
	seen := map[int64]bool{}
	add := func(id int64, first, role, lang string) {
		if seen[id] {
			return
		}
		seen[id] = true
		out = append(out, sandbox.User{ID: id, FirstName: first, Username: fmt.Sprintf("demo%d", id), LanguageCode: lang, Role: role})
	}
	add(9001, "Rosa (docente)", "teacher", "es")
	add(9002, "Diego (estudiante)", "student", "es")
	add(9003, "Emma (teacher)", "teacher", "en")
	for _, u := range cfg.Universities {
		for i, id := range u.Tech {
			add(id, fmt.Sprintf("Tec %d %s", i+1, u.ID), "tech "+u.ID, "es")
		}
		for i, id := range u.Mentors {
			add(id, fmt.Sprintf("Mentor %d %s", i+1, u.ID), "mentor "+u.ID, "es")
		}
		for i, id := range u.Coordinators {
			add(id, fmt.Sprintf("Coord %d %s", i+1, u.ID), "coordinator "+u.ID, "es")
		}
	}
	for _, id := range cfg.Admins {
		add(id, "Admin", "admin", "en")
	}
	return out
}

// newSandbox returns an emulator with the configuration's people and team
// groups.
func newSandbox(cfg *aulabot.Config, limits bool) *sandbox.Server {
	return newSandboxAt(cfg, limits, nil)
}

// newSandboxAt is newSandbox on clock now (nil: the real time).
func newSandboxAt(cfg *aulabot.Config, limits bool, now func() time.Time) *sandbox.Server {
	sb := sandbox.New(sandbox.Options{Limits: limits, Now: now, Zone: cfg.Timezone})
	for _, p := range demoPeople(cfg) {
		sb.AddUser(p)
	}
	for _, u := range cfg.Universities {
		if u.TeamChat == 0 {
			continue // not set up yet
		}
		members := append(append([]int64{}, u.Tech...), u.Coordinators...)
		sb.AddGroup(u.TeamChat, "Soporte "+u.Name, members...)
	}
	return sb
}

// sandboxCmd runs the bot against the local emulator with its web chat.
func sandboxCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	s, _, err := parseSettings("sandbox", args, os.Getenv, stderr)
	if err != nil {
		return err
	}
	addr, fresh := s.SandboxAddr, s.Fresh
	if os.Getenv("AULABOT_DATA") == "" && s.DataPath == "aulabot.db" {
		s.DataPath = "aulabot-sandbox.db" // never mix demo data with a real bot's
	}
	if fresh {
		if err := os.Remove(s.DataPath); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	cfg, err := loadConfig(s.ConfigPath)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("sandbox: listen on %s: %w (choose another with --addr)", addr, err)
	}
	// One clock for the emulator and the bot, which the web chat can move
	// forward to try what happens hours or days later.
	clock := &sandbox.Clock{}
	sb := newSandboxAt(cfg, true, clock.Now)
	sb.UseClock(clock, nil)
	defer sb.Close()
	// Only its own address: another site's name pointing here (DNS
	// rebinding) must not reach the web chat.
	sb.AllowHosts(sandbox.HostsFor(ln.Addr().String())...)
	srv := &http.Server{Handler: sb.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()
	sandboxLMS(cfg, base)
	s.Token, s.Endpoint = sb.Token(), sb.Endpoint(base)
	fmt.Fprintf(stdout, "aulabot sandbox: open %s in a browser (database %s)\n", base, s.DataPath)
	return runMainWith(ctx, s, cfg, stderr, !fresh, func(m *Main) {
		m.Now, m.WentAt = clock.Now, clock.WentAt
		go func() {
			select {
			case <-m.Ready:
				if err := knownPeople(m, sb); err != nil {
					m.Log.Error("sandbox: the people added before this start are not in the list", "err", err)
				}
				sb.UseClock(clock, func(time.Time) { m.tick(ctx) })
			case <-ctx.Done():
			}
		}()
	})
}

// knownPeople puts back in the sandbox's list the people the bot knows
// whom the emulator does not: those added with "New person" before the
// sandbox restarted (the emulator keeps nothing across a restart, the
// database does), so that they can go on where they were.
func knownPeople(m *Main, sb *sandbox.Server) error {
	known := map[int64]bool{}
	for _, u := range sb.Users() {
		known[u.ID] = true
	}
	var back []sandbox.User
	err := m.Store.View(func(tx *store.Tx) error {
		return tx.Users(func(u aulabot.User) error {
			if !known[u.ID] && u.ID > 0 {
				back = append(back, sandbox.User{ID: u.ID, FirstName: u.Name, Username: u.Username, LanguageCode: u.TGLang, Role: sandbox.NewPersonRole})
			}
			return nil
		})
	})
	for _, u := range back {
		sb.AddUser(u)
	}
	return err
}
