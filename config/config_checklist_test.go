package config_test

import (
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
)

// A university may replace the checklist of moving a course online; a
// bad list stops start-up with file:line: key.
func TestParseConfig_Checklist(t *testing.T) {
	list := strings.Replace(goodConfig, "    coordinators: [5001]\n", "    coordinators: [5001]\n    checklist:\n%s", 1)
	item := func(s string) string { return strings.Replace(list, "%s", s, 1) }
	c, err := config.Parse("aulabot.yaml", []byte(item("      - id: silabo\n        title: Sílabo aprobado\n        article: silabo-virtual\n      - id: video\n        title: Video de bienvenida\n        optional: true\n")))
	if err != nil {
		t.Fatal(err)
	}
	got := c.Checklist("unsa")
	if len(got) != 2 || got[0].ID != "silabo" || got[0].Article != "silabo-virtual" || !got[1].Optional {
		t.Fatalf("unsa's checklist = %+v", got)
	}
	if other := c.Checklist("unap"); len(other) != len(aulabot.BuiltinChecklist) {
		t.Fatalf("unap's checklist = %+v, want the built-in one", other)
	}
	for _, tc := range []struct{ name, yaml, want string }{
		{"BadID", item("      - id: Sílabo\n        title: S\n"), `aulabot.yaml:12: universities[0].checklist[0].id: "Sílabo" must be 1-24 lower-case letters, digits and '-'`},
		{"Duplicate", item("      - id: a\n        title: A\n      - id: a\n        title: B\n"), `aulabot.yaml:14: universities[0].checklist[1].id: duplicate checklist item "a"`},
		{"NoTitle", item("      - id: a\n"), `aulabot.yaml:12: universities[0].checklist[0].title: a title of 1-100 characters is needed`},
		{"UnknownKey", item("      - id: a\n        title: A\n        weight: 2\n"), `aulabot.yaml:14: universities[0].checklist[0].weight: unknown key`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := config.Parse("aulabot.yaml", []byte(tc.yaml))
			if err == nil || err.Error() != tc.want {
				t.Errorf("err = %v, want %s", err, tc.want)
			}
		})
	}
}
