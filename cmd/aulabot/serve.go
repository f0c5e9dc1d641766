package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/bot"
	"github.com/aulabot/aulabot/store"
)

// serve runs the bot on Telegram, or the sandbox when there is no token.
func serve(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	s, _, err := parseSettings("serve", args, os.Getenv, stderr)
	if err != nil {
		return err
	}
	if s.Token == "" {
		io.WriteString(stderr, "No TELEGRAM_BOT_TOKEN: starting the local sandbox instead. To use Telegram, get a token from @BotFather (/newbot) and set TELEGRAM_BOT_TOKEN; for a self-hosted Bot API server also set TELEGRAM_API_ENDPOINT (e.g. http://127.0.0.1:8081/bot%s/%s).\n")
		return sandboxCmd(ctx, args, stdout, stderr)
	}
	return runMain(ctx, s, stderr)
}

// runMain opens, runs and closes a Main.
func runMain(ctx context.Context, s Settings, stderr io.Writer) error {
	return runMainWith(ctx, s, nil, stderr, false, nil)
}

// runMainWith is runMain with a configuration already loaded (nil: load
// it) and, for the sandbox, demo data seeded into an empty database and
// prepare called on the new Main before it opens (its clock).
func runMainWith(ctx context.Context, s Settings, cfg *aulabot.Config, stderr io.Writer, seed bool, prepare func(*Main)) error {
	level := slog.LevelInfo
	if s.Debug {
		level = slog.LevelDebug
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	m := NewMain(s, log)
	m.Config = cfg
	m.TuneMemory = true
	if prepare != nil {
		prepare(m)
	}
	defer m.Close()
	if err := m.Open(ctx); err != nil {
		if errors.Is(err, context.Canceled) {
			return nil // stopped while waiting for the Bot API
		}
		return err
	}
	if seed {
		if err := m.seedDemo(); err != nil {
			return fmt.Errorf("seed demo data: %w", err)
		}
	}
	ctl, err := m.listenControl()
	if err != nil {
		log.Error("no control socket: 'aulabot backup' will not work while the bot runs", "err", err)
	} else {
		defer ctl.Close()
	}
	err = m.Run(ctx)
	if errors.Is(err, context.Canceled) {
		err = nil
	}
	return err
}

// commands are the command menus Telegram shows, per chat and language,
// from the configuration as it is now: everyone's, each staff member's
// and each team group's; people who had a private list (given at the last
// start, or stored as staff) whom the configuration no longer names get it
// removed, and see everyone's.
func (m *Main) commands() []aulabot.CommandMenu {
	if m.Setup {
		return m.Handlers.CommandMenus() // only /id
	}
	// Those given a private list at the last start, and (from before that
	// was kept) those stored as staff: who is no longer staff loses it.
	former, err := m.Store.MenuChats()
	if err != nil {
		m.Log.Warn("command menus: reading the last start's", "err", err)
	}
	err = m.Store.View(func(tx *store.Tx) error {
		return tx.Users(func(u aulabot.User) error {
			if u.Role == aulabot.RoleStaff {
				former = append(former, u.ID)
			}
			return nil
		})
	})
	if err != nil {
		m.Log.Warn("command menus: reading staff", "err", err)
	}
	return append(m.Handlers.CommandMenus(), m.Handlers.ResetCommandMenus(former)...)
}

// publishCommands sets every command menu (commands) and records who got a
// private one, for the next start to drop the lists of people no longer
// staff.
func (m *Main) publishCommands(ctx context.Context) {
	m.Sender.SetCommands(ctx, m.commands())
	if m.Setup {
		return
	}
	if err := m.Store.SetMenuChats(m.Handlers.Config.StaffIDs()); err != nil {
		m.Log.Warn("command menus: recording who got a private list", "err", err)
	}
}

// describe sets what Telegram shows before a chat starts, in both
// languages, and for other languages the configuration's.
func (m *Main) describe() {
	cat := m.Handlers.Catalog()
	d := func(lang string) bot.Description {
		return bot.Description{Long: cat.T(lang, "bot.description"), Short: cat.T(lang, "bot.short_description")}
	}
	m.Sender.SetDescriptions(map[string]bot.Description{"es": d("es"), "en": d("en"), "": d(m.Config.Language)})
}
