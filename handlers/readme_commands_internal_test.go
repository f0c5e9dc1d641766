package handlers

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/service"
)

// The README's "What people can do" table names every command the bot
// takes, and no command it does not: a command added to the router, or
// dropped from it, fails here until the table says so.
func TestREADME_CommandsTable(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	start := strings.Index(readme, "\n## What people can do\n")
	if start < 0 {
		t.Fatal(`README.md has no "## What people can do" section`)
	}
	section := readme[start+1:]
	if end := strings.Index(section[3:], "\n## "); end >= 0 {
		section = section[:end+3]
	}
	var rows []string
	for _, line := range strings.Split(section, "\n") {
		if strings.HasPrefix(line, "| ") && !strings.HasPrefix(line, "| who ") {
			rows = append(rows, line)
		}
	}
	if len(rows) == 0 {
		t.Fatal(`the "What people can do" section has no table of commands`)
	}
	listed := map[string]bool{}
	for _, m := range regexp.MustCompile("`/([a-z]+)").FindAllStringSubmatch(strings.Join(rows, "\n"), -1) {
		listed[m[1]] = true
	}
	cfg := config.Demo()
	h := New(cfg, service.New(cfg), nil, nil, nil)
	var missing, unknown []string
	for name := range h.router.commands {
		if !listed[name] {
			missing = append(missing, "/"+name)
		}
	}
	for name := range listed {
		if _, ok := h.router.commands[name]; !ok {
			unknown = append(unknown, "/"+name)
		}
	}
	slices.Sort(missing)
	slices.Sort(unknown)
	if len(missing) > 0 {
		t.Errorf("the README's table of what people can do leaves out %v", missing)
	}
	if len(unknown) > 0 {
		t.Errorf("the README's table of what people can do names %v, which the bot does not take", unknown)
	}
}
