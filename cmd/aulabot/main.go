// Command aulabot is the Telegram bot that supports online teaching at
// universities. Run "aulabot help" for its subcommands.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// errUsage is a command-line mistake; usage has been printed.
var errUsage = errors.New("usage")

const usage = `aulabot — a Telegram bot for online teaching support

Usage:
  aulabot init                 write a commented aulabot.yaml (asks, or --yes with flags)
  aulabot config check         check a configuration without starting; say what is missing
  aulabot [serve] [flags]      run the bot (long polling, or --webhook URL)
  aulabot sandbox [flags]      run the bot against the local sandbox (web chat)
  aulabot kb check|search|eval run knowledge-base tools (aulabot kb help)
  aulabot survey check|results survey files and results (aulabot survey help)
  aulabot backup FILE          write a consistent copy of the database, checked
  aulabot restore FILE         put a backup in place of the database (the bot stopped)
  aulabot outbox [--json]      what waits to be sent, what is stuck or dead, and why
  aulabot report --university ID|all --from DATE --to DATE [--format md|csv|xlsx|png] [--out FILE]
                               figures of a period: knowledge base, helpdesk, mentoring, people
  aulabot health [--http ADDR] ask a running bot's /healthz (exit 0 if healthy)
  aulabot version              print the version
  aulabot help                 show this help

Environment: TELEGRAM_BOT_TOKEN, TELEGRAM_API_ENDPOINT, AULABOT_CONFIG,
AULABOT_DATA, OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL,
OPENAI_EMBEDDING_MODEL, OPENAI_TRANSCRIBE_MODEL. With no token, "serve"
starts the sandbox.
`

// run is main without the process: tests call it.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cmd := "serve"
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	var err error
	switch cmd {
	case "serve":
		err = serve(ctx, args, stdout, stderr)
	case "init":
		err = initCmd(ctx, args, os.Stdin, stdout, stderr)
	case "config":
		err = configCmd(ctx, args, stdout, stderr)
	case "restore":
		err = restore(ctx, args, stdout, stderr)
	case "health":
		err = health(ctx, args, stdout, stderr)
	case "sandbox":
		err = sandboxCmd(ctx, args, stdout, stderr)
	case "kb":
		return runKB(args, stdout, stderr)
	case "survey":
		return runSurvey(ctx, args, stdout, stderr)
	case "backup":
		err = backup(ctx, args, stdout, stderr)
	case "outbox":
		err = outboxCmd(ctx, args, stdout, stderr)
	case "report":
		err = reportCmd(ctx, args, stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, "aulabot", version)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
	default:
		fmt.Fprintf(stderr, "aulabot: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errUsage):
		return 2
	default:
		fmt.Fprintln(stderr, "aulabot:", err)
		return 1
	}
}
