package handlers

import (
	"regexp"
	"slices"
	"testing"

	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/readmetest"
	"github.com/aulabot/aulabot/service"
)

// The README's "What people can do" table names every command the bot
// takes, and no command it does not: a command added to the router, or
// dropped from it, fails here until the table says so.
func TestREADME_CommandsTable(t *testing.T) {
	rows := readmetest.TableRows(readmetest.Section(t, "What people can do"))
	if rows == "" {
		t.Fatal(`the "What people can do" section has no table of commands`)
	}
	listed := map[string]bool{}
	for _, m := range regexp.MustCompile("`/([a-z]+)").FindAllStringSubmatch(rows, -1) {
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
