package main

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot/sandbox"
	"github.com/aulabot/aulabot/sandbox/sandboxtest"
)

// TestCleanMachine is the set-up of the README's "Deploy" section, from an
// empty directory, through the command line a technical team types, against
// the Bot API emulator: aulabot init (non-interactive), config check (what
// is missing), serve in set-up mode (only ids: /id privately, the group's
// id when the bot is added to it), the configuration completed from what
// the bot said, config check again, serve for real, and a teacher's ticket
// claimed by the technician in the group.
func TestCleanMachine(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	cli := func(args ...string) (int, string, string) {
		t.Helper()
		var out, errb syncBuffer
		code := run(t.Context(), args, &out, &errb)
		return code, out.String(), errb.String()
	}
	if code, _, errs := cli("init", "--yes", "--language", "es", "--timezone", "America/Lima",
		"--university", "unsa|Universidad Nacional de San Agustín|https://aulavirtual.unsa.example.edu.pe"); code != 0 {
		t.Fatalf("init: %s", errs)
	}
	if code, out, errs := cli("config", "check"); code != 0 || !strings.Contains(out, "universities[0] (unsa).team_chat: no team group yet") {
		t.Fatalf("config check: exit %d\n%s%s", code, out, errs)
	}

	sb, endpoint := sandboxtest.New(t, sandbox.Options{})
	t.Setenv("TELEGRAM_BOT_TOKEN", sb.Token())
	t.Setenv("TELEGRAM_API_ENDPOINT", endpoint)
	const tech, teacher, group = 7301, 7401, -1009876543210
	sb.AddUser(sandbox.User{ID: tech, FirstName: "Lucía", LanguageCode: "es"})
	sb.AddUser(sandbox.User{ID: teacher, FirstName: "Rosa", LanguageCode: "en"})
	h := &harness{t: t, SB: sb}

	serve := func() (stop func() string) {
		ctx, cancel := context.WithCancel(context.Background())
		errb := &syncBuffer{}
		done := make(chan int, 1)
		go func() { done <- run(ctx, []string{"serve"}, &syncBuffer{}, errb) }()
		// Starting (the knowledge base's index) may take long on a busy
		// machine; the test's waits for answers start once it polls.
		if !errb.waitFor("aulabot running", 3*time.Minute) {
			cancel()
			t.Fatalf("serve did not start:\n%s", errb.String())
		}
		return func() string {
			cancel()
			if code := <-done; code != 0 {
				t.Fatalf("serve exited %d:\n%s", code, errb.String())
			}
			return errb.String()
		}
	}

	// Set-up mode: the technician asks for their id; adding the bot to
	// the team group makes it post the group's id and the line to paste.
	stop := serve()
	idMsg := h.say(tech, "/id")
	m := regexp.MustCompile(`<code>(\d+)</code>`).FindStringSubmatch(idMsg.Text)
	if m == nil || m[1] != strconv.Itoa(tech) {
		t.Fatalf("/id answered %q", idMsg.Text)
	}
	techID := m[1]
	if got := h.say(teacher, "/start"); !strings.Contains(got.Text, "aulabot is being set up") {
		t.Errorf("/start in set-up mode answered %q", got.Text)
	}
	sb.AddBot(tech, group)
	notice := h.waitText(group, 0, "team_chat:")
	line := regexp.MustCompile(`team_chat: (-\d+)`).FindStringSubmatch(notice.Text)
	if line == nil || line[1] != strconv.Itoa(group) {
		t.Fatalf("the group's notice is %q", notice.Text)
	}
	// The menus and descriptions are set beside polling.
	if !awaitSB(sb, wait, func() bool { cmds := sb.Commands("es"); return len(cmds) == 1 && cmds[0].Command == "id" }) {
		t.Errorf("set-up mode's command menu = %+v, want /id only", sb.Commands("es"))
	}
	if !awaitSB(sb, wait, func() bool { return strings.Contains(sb.Description("short_description", "en"), "technical support") }) {
		t.Errorf("short description (en) = %q", sb.Description("short_description", "en"))
	}
	if logs := stop(); !strings.Contains(logs, "set-up mode") {
		t.Errorf("serve did not say it ran in set-up mode:\n%s", logs)
	}

	// The configuration, completed with what the bot said.
	b, err := os.ReadFile("aulabot.yaml")
	if err != nil {
		t.Fatal(err)
	}
	yaml := strings.Replace(string(b), "    tech: []", fmt.Sprintf("    %s\n    tech: [%s]", line[0], techID), 1)
	if yaml == string(b) {
		t.Fatalf("no tech line in:\n%s", b)
	}
	if err := os.WriteFile("aulabot.yaml", []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := cli("config", "check")
	if code != 0 || strings.Contains(out, "team_chat") || strings.Contains(out, "tech:") || !strings.Contains(out, "mentors: no mentoring slots") {
		t.Fatalf("config check after completing: exit %d\n%s%s", code, out, errs)
	}

	// The bot for real: a teacher onboards and reports a problem; the
	// ticket reaches the team group, where the technician claims it.
	stop = serve()
	defer stop()
	h.onboard(teacher, "en", "San Agustín", "Teacher")
	h.report(teacher, "Virtual classroom access", "I cannot open the virtual classroom", "UNSA-1")
	post := h.waitText(group, notice.ID, "UNSA-1")
	if a := h.press(tech, post, "Tomar"); a.ShowAlert { // the team group's language
		t.Fatalf("claim refused: %+v", a)
	}
	h.waitNew(group, post.ID-1, func(m sandbox.Message) bool { return m.ID == post.ID && strings.Contains(m.Plain, "Lucía") })
	problem := func(c sandbox.BotCommand) bool { return c.Command == "problem" }
	if !awaitSB(sb, wait, func() bool { return slices.ContainsFunc(sb.Commands("en"), problem) }) {
		t.Errorf("the full bot's command menu = %+v", sb.Commands("en"))
	}
}
