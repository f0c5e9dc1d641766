package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runIn runs the aulabot command line in dir and returns its exit code,
// output and errors.
func runIn(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	t.Chdir(dir)
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestInit_Flags(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := runIn(t, dir, "init", "--yes", "--language", "en", "--timezone", "America/Bogota",
		"--university", "unsa|Universidad Nacional de San Agustín \"UNSA\"|https://aulavirtual.unsa.edu.pe",
		"--university", "unap|", "--admin", "1001")
	if code != 0 {
		t.Fatalf("init exited %d: %s", code, errs)
	}
	if !strings.Contains(out, "wrote aulabot.yaml") {
		t.Errorf("init said %q", out)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "aulabot.yaml"))
	for _, want := range []string{`language: "en"`, `timezone: "America/Bogota"`, "admins: [1001]",
		`name: "Universidad Nacional de San Agustín \"UNSA\""`, `lms_url: "https://aulavirtual.unsa.edu.pe"`,
		`id: "unap"`, "# lms_url:", "team_chat: -1001234567890", "tech: []"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("aulabot.yaml lacks %q:\n%s", want, b)
		}
	}
	cfg, err := loadConfig("")
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Universities) != 2 || cfg.Universities[0].Name != `Universidad Nacional de San Agustín "UNSA"` ||
		cfg.Location.String() != "America/Bogota" || cfg.Universities[0].TeamChat != 0 {
		t.Errorf("config = %+v", cfg)
	}

	code, out, _ = runIn(t, dir, "config", "check")
	if code != 0 {
		t.Fatalf("config check exited %d", code)
	}
	for _, want := range []string{"aulabot.yaml: valid; still missing:",
		"universities[0] (unsa).team_chat: no team group yet", "universities[1] (unap).tech: nobody can claim tickets",
		"universities[1] (unap).mentors: no mentoring slots", "set-up mode"} {
		if !strings.Contains(out, want) {
			t.Errorf("config check lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "admins:") {
		t.Errorf("config check says admins are missing:\n%s", out)
	}

	// A second init does not overwrite the file.
	code, _, errs = runIn(t, dir, "init", "--yes", "--university", "x1")
	if code != 1 || !strings.Contains(errs, "aulabot.yaml already exists") {
		t.Errorf("second init: exit %d, %q", code, errs)
	}
	if b2, _ := os.ReadFile(filepath.Join(dir, "aulabot.yaml")); !bytes.Equal(b, b2) {
		t.Error("the second init changed the file")
	}
}

func TestInit_BadFlags(t *testing.T) {
	for name, args := range map[string][]string{
		"NoUniversity": {"--yes"},
		"BadID":        {"--yes", "--university", "UN SA|x"},
		"BadZone":      {"--yes", "--university", "unsa", "--timezone", "Lima"},
		"BadLanguage":  {"--yes", "--university", "unsa", "--language", "fr"},
		"BadAdmin":     {"--yes", "--university", "unsa", "--admin", "@rosa"},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			code, _, errs := runIn(t, dir, append([]string{"init"}, args...)...)
			if code != 1 || errs == "" {
				t.Errorf("exit %d, %q; want 1 and a message", code, errs)
			}
			if _, err := os.Stat(filepath.Join(dir, "aulabot.yaml")); err == nil {
				t.Error("a file was written")
			}
		})
	}
}

// In the terminal, each question shows its default; a bad answer is
// explained and asked again; an empty id ends the list.
func TestInit_Interactive(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	answers := strings.Join([]string{
		"",                     // language: the default es
		"Mars/Olympus",         // refused
		"America/La_Paz",       // time zone
		"",                     // no university yet: refused
		"UNSA",                 // refused
		"unsa",                 // id
		"",                     // name: the default UNSA
		"https://aula.unsa.pe", // LMS
		"unsa",                 // already on the list
		"",                     // done
	}, "\n") + "\n"
	var out bytes.Buffer
	if err := initCmd(context.Background(), nil, strings.NewReader(answers), &out, &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	for _, want := range []string{"Language of new users (es or en) [es]:", "Time zone (IANA name) [America/Lima]:",
		`unknown time zone "Mars/Olympus"`, "at least one university is needed", `"UNSA" must be 2-16 lower-case letters`,
		"unsa is already on the list", "wrote aulabot.yaml"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the dialogue lacks %q:\n%s", want, out.String())
		}
	}
	cfg, err := loadConfig("aulabot.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Language != "es" || cfg.Timezone != "America/La_Paz" || len(cfg.Universities) != 1 ||
		cfg.Universities[0].Name != "UNSA" || cfg.Universities[0].LMSURL != "https://aula.unsa.pe" {
		t.Errorf("config = %+v", cfg)
	}

	// Answers that end early write nothing.
	os.Remove("aulabot.yaml")
	err = initCmd(context.Background(), nil, strings.NewReader("en\n"), &out, &out)
	if err == nil || !strings.Contains(err.Error(), "nothing written") {
		t.Errorf("err = %v", err)
	}
	if _, err := os.Stat("aulabot.yaml"); err == nil {
		t.Error("a file was written")
	}
}

func TestConfigCheck(t *testing.T) {
	dir := t.TempDir()
	write := func(s string) { os.WriteFile(filepath.Join(dir, "aulabot.yaml"), []byte(s), 0o644) }
	t.Run("Problem", func(t *testing.T) {
		// A university without team_chat is not a problem, but its other keys are checked.
		write("universities:\n  - id: unsa\n    tech: [5, -3]\n")
		code, out, errs := runIn(t, dir, "config", "check")
		if code != 1 || out != "" || errs != "aulabot: aulabot.yaml:3: universities[0].tech[1]: -3 is not a Telegram user id\n" {
			t.Errorf("exit %d, out %q, errors %q", code, out, errs)
		}
	})
	t.Run("Complete", func(t *testing.T) {
		write("admins: [1]\nuniversities:\n  - id: unsa\n    team_chat: -100\n    tech: [2]\n    mentors: [3]\n    coordinators: [4]\n")
		code, out, _ := runIn(t, dir, "config", "check")
		if code != 0 || out != "aulabot.yaml: valid and complete\n" {
			t.Errorf("exit %d, out %q", code, out)
		}
	})
	t.Run("Usage", func(t *testing.T) {
		if code, _, errs := runIn(t, dir, "config"); code != 2 || !strings.Contains(errs, "aulabot config check") {
			t.Errorf("exit %d, %q", code, errs)
		}
	})
}
