package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
)

const initUsage = `usage:
  aulabot init [--config aulabot.yaml] [--force]
               [--yes --language es --timezone America/Lima --university 'ID|NAME|LMS_URL' ... --admin ID ...]
asks the language, the time zone and the universities (id, name, LMS
address) and writes a commented configuration; with --yes it asks nothing
and takes the flags (at least one --university). Then run 'aulabot config check'.
`

// initAnswers are what "aulabot init" writes.
type initAnswers struct {
	Language     string
	Timezone     string
	Universities []initUniversity
	Admins       []int64
}

type initUniversity struct{ ID, Name, LMS string }

// listFlag collects a repeated flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ", ") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// initCmd writes a new configuration file, from the terminal's answers or
// (with --yes) from flags. It never overwrites a file without --force, and
// what it writes passes the same checks as "aulabot config check".
func initCmd(_ context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("aulabot init", flag.ContinueOnError)
	fs.SetOutput(stderr)
	path := fs.String("config", envOr("AULABOT_CONFIG", "aulabot.yaml"), "file to write")
	force := fs.Bool("force", false, "overwrite an existing file")
	yes := fs.Bool("yes", false, "ask nothing: take the flags and the defaults")
	a := initAnswers{}
	fs.StringVar(&a.Language, "language", aulabot.LangES, "default language of new users: es or en")
	fs.StringVar(&a.Timezone, "timezone", "America/Lima", "IANA time zone")
	var unis, admins listFlag
	fs.Var(&unis, "university", "a university as 'ID|NAME|LMS_URL' (NAME and LMS_URL may be empty); repeat for more")
	fs.Var(&admins, "admin", "a programme coordinator's Telegram user id; repeat for more")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if fs.NArg() != 0 {
		io.WriteString(stderr, initUsage)
		return errUsage
	}
	if _, err := os.Stat(*path); err == nil && !*force {
		return fmt.Errorf("%s already exists: edit it, or run 'aulabot init --force' to replace it", *path)
	}
	for _, u := range unis {
		id, rest, _ := strings.Cut(u, "|")
		name, lms, _ := strings.Cut(rest, "|")
		a.Universities = append(a.Universities, initUniversity{ID: strings.TrimSpace(id), Name: strings.TrimSpace(name), LMS: strings.TrimSpace(lms)})
	}
	for _, s := range admins {
		id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if err != nil || id <= 0 {
			return fmt.Errorf("--admin %q: not a Telegram user id (a positive number; /id in a private chat with the bot tells it)", s)
		}
		a.Admins = append(a.Admins, id)
	}
	if *yes {
		if len(a.Universities) == 0 {
			return errors.New("--yes needs at least one --university 'ID|NAME|LMS_URL'")
		}
	} else if err := askInit(&a, bufio.NewReader(stdin), stdout); err != nil {
		return err
	}
	text := a.yaml(time.Now())
	if _, err := config.Parse(*path, []byte(text)); err != nil {
		return fmt.Errorf("not written: %w", err)
	}
	if err := os.WriteFile(*path, []byte(text), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s; next: aulabot config check --config %s\n", *path, *path)
	return nil
}

// envOr is the environment variable's value, or def.
func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// askInit asks for each answer in the terminal, showing the default in
// brackets; an answer the configuration would refuse is explained and
// asked again.
func askInit(a *initAnswers, in *bufio.Reader, out io.Writer) error {
	ask := func(prompt, def string, check func(string) error) (string, error) {
		for {
			if def != "" {
				fmt.Fprintf(out, "%s [%s]: ", prompt, def)
			} else {
				fmt.Fprintf(out, "%s: ", prompt)
			}
			line, err := in.ReadString('\n')
			if err != nil && line == "" {
				return "", errors.New("init: the answers ended before the configuration was complete; nothing written")
			}
			v := strings.TrimSpace(line)
			if v == "" {
				v = def
			}
			if err := check(v); err != nil {
				fmt.Fprintln(out, "  ", err)
				continue
			}
			return v, nil
		}
	}
	var err error
	probe := func(doc string) error {
		_, err := config.Parse("answer", []byte(doc+"\n"))
		var ce *aulabot.ConfigError
		if errors.As(err, &ce) {
			return errors.New(ce.Msg)
		}
		return err
	}
	uni := "universities: [{id: probe}]"
	if a.Language, err = ask("Language of new users (es or en)", a.Language, func(v string) error {
		return probe("language: " + quote(v) + "\n" + uni)
	}); err != nil {
		return err
	}
	if a.Timezone, err = ask("Time zone (IANA name)", a.Timezone, func(v string) error {
		return probe("timezone: " + quote(v) + "\n" + uni)
	}); err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, u := range a.Universities {
		seen[u.ID] = true
	}
	for {
		prompt, def := "Another university's short id (empty: done)", ""
		if len(a.Universities) == 0 {
			prompt = "University short id (lower-case letters and digits, e.g. unsa)"
		}
		id, err := ask(prompt, def, func(v string) error {
			switch {
			case v == "" && len(a.Universities) == 0:
				return errors.New("at least one university is needed")
			case v == "":
				return nil
			case seen[v]:
				return fmt.Errorf("%s is already on the list", v)
			}
			return probe("universities: [{id: " + quote(v) + "}]")
		})
		if err != nil {
			return err
		}
		if id == "" {
			return nil
		}
		seen[id] = true
		name, err := ask("  its name", strings.ToUpper(id), func(string) error { return nil })
		if err != nil {
			return err
		}
		lms, err := ask("  its LMS address (empty: none)", "", func(string) error { return nil })
		if err != nil {
			return err
		}
		a.Universities = append(a.Universities, initUniversity{ID: id, Name: name, LMS: lms})
	}
}

// quote writes s as a YAML double-quoted scalar (JSON's escapes are YAML's).
func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// yaml is the commented configuration file.
func (a initAnswers) yaml(now time.Time) string {
	var b strings.Builder
	fmt.Fprintf(&b, `# aulabot configuration, written by "aulabot init" on %s.
# Check it with "aulabot config check"; every key is in the README (Configuration).

language: %s              # default language of new users: es | en
timezone: %s    # IANA time zone for showing and reading times
# knowledge: ./kb         # folder of Markdown articles; omitted = the built-in sample

# Programme coordinators, Telegram user ids: they see every university.
# /id in a private chat with the bot tells a person their id.
admins: [%s]

universities:
`, now.Format("2006-01-02"), quote(a.Language), quote(a.Timezone), joinIDs(a.Admins))
	for _, u := range a.Universities {
		fmt.Fprintf(&b, "  - id: %s   # short id; tickets are %s-1, %s-2, ...\n", quote(u.ID), strings.ToUpper(u.ID), strings.ToUpper(u.ID))
		if u.Name != "" {
			fmt.Fprintf(&b, "    name: %s\n", quote(u.Name))
		}
		if u.LMS != "" {
			fmt.Fprintf(&b, "    lms_url: %s   # watched for outages\n", quote(u.LMS))
		} else {
			b.WriteString("    # lms_url: https://aulavirtual.example.edu.pe   # watched for outages\n")
		}
		b.WriteString(`    # The technical team's Telegram group: add the bot to the group and it
    # posts the line to paste here, e.g.  team_chat: -1001234567890
    tech: []           # technical team members (user ids): claim and answer tickets
    mentors: []        # mentors (user ids): offer mentoring slots
    coordinators: []   # coordinators (user ids): reports, announcements, /gaps
`)
	}
	return b.String()
}

func joinIDs(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(s, ", ")
}
