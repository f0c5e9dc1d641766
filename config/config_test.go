package config_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
)

const goodConfig = `language: en
timezone: America/Lima
admins: [1001]
universities:
  - id: unsa
    name: Universidad Nacional de San Agustín
    team_chat: -2001
    tech: [3001, 3002]
    mentors: [4001]
    coordinators: [5001]
  - id: unap
    team_chat: -2002
    tech: [3101]
    timezone: America/Bogota
`

func TestParse(t *testing.T) {
	c, err := config.Parse("aulabot.yaml", []byte(goodConfig))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.Language, "en"; got != want {
		t.Errorf("language = %q, want %q", got, want)
	}
	u, ok := c.University("unap")
	if !ok {
		t.Fatal("unap missing")
	}
	if got, want := u.Location.String(), "America/Bogota"; got != want {
		t.Errorf("unap zone = %q, want %q", got, want)
	}
	if got, want := u.Name, "UNAP"; got != want {
		t.Errorf("default name = %q, want %q", got, want)
	}
	if got, want := time.Duration(c.Booking.Horizon), 21*24*time.Hour; got != want {
		t.Errorf("default horizon = %v, want %v", got, want)
	}
	if got, want := c.Limits, (aulabot.Limits{UpdatesPerMinute: 30, QuestionsPerMinute: 20, QuestionsPerDay: 200,
		OpenTickets: 5, TicketMessagesPerHour: 30, MaxText: 4000}); got != want {
		t.Errorf("default limits = %+v, want %+v", got, want)
	}
	r := c.Roles(3001)
	if !r.IsTech("unsa") || r.IsTech("unap") || r.IsMentor("unsa") {
		t.Errorf("roles of 3001 = %+v", r)
	}
	if !c.Roles(1001).IsCoordinator("unap") {
		t.Error("an admin coordinates every university")
	}
	if team, ok := c.TeamOf(-2002); !ok || team.ID != "unap" {
		t.Errorf("TeamOf(-2002) = %v, %v", team, ok)
	}
}

func TestParse_Errors(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want string // the whole one-line message
	}{
		{"UnknownKey", "language: es\ncolour: red\nuniversities: [{id: a1, team_chat: -1}]\n",
			"aulabot.yaml:2: colour: unknown key"},
		{"UnknownNestedKey", "universities:\n  - id: unsa\n    team_chat: -1\n    tem_chat: -2\n",
			"aulabot.yaml:4: universities[0].tem_chat: unknown key"},
		{"MissingID", "universities:\n  - name: X\n    team_chat: -1\n",
			"aulabot.yaml:2: universities[0]: missing id"},
		{"DuplicateID", "universities:\n  - id: unsa\n    team_chat: -1\n  - id: unsa\n    team_chat: -2\n",
			`aulabot.yaml:4: universities[1].id: duplicate university id "unsa" (also universities[0])`},
		{"TeamChatNotGroup", "universities:\n  - id: unsa\n    team_chat: 2001\n",
			"aulabot.yaml:3: universities[0].team_chat: 2001 is not a group id (group ids are negative)"},
		{"TeamChatMissing", "universities:\n  - id: unsa\n",
			"aulabot.yaml:2: universities[0].team_chat: missing: the Telegram group id where this university's tickets go"},
		{"BadTimezone", "timezone: Mars/Olympus\nuniversities: [{id: unsa, team_chat: -1}]\n",
			`aulabot.yaml:1: timezone: unknown time zone "Mars/Olympus" (use an IANA name such as America/Lima)`},
		{"BadUniversityTimezone", "universities:\n  - id: unsa\n    team_chat: -1\n    timezone: Lima\n",
			`aulabot.yaml:4: universities[0].timezone: unknown time zone "Lima"`},
		{"TechOfTwo", "universities:\n  - id: unsa\n    team_chat: -1\n    tech: [7]\n  - id: unap\n    team_chat: -2\n    tech: [8, 7]\n",
			"aulabot.yaml:7: universities[1].tech[1]: user 7 is already on the technical team of unsa"},
		{"BadLanguage", "language: fr\nuniversities: [{id: unsa, team_chat: -1}]\n",
			`aulabot.yaml:1: language: must be es or en, not "fr"`},
		{"NoUniversities", "language: es\n",
			"aulabot.yaml:1: universities: at least one university is needed"},
		{"BadIDChars", "universities:\n  - id: UN SA\n    team_chat: -1\n",
			`aulabot.yaml:2: universities[0].id: "UN SA" must be 2-16 lower-case letters and digits, starting with a letter`},
		{"WrongType", "universities:\n  - id: unsa\n    team_chat: abc\n",
			"aulabot.yaml:3: cannot unmarshal !!str `abc` into int64"},
		{"BadDuration", "booking:\n  horizon: soon\nuniversities: [{id: unsa, team_chat: -1}]\n",
			`aulabot.yaml:2: bad duration "soon" (use 30m, 2h or 21d)`},
		{"NotYAML", "universities: [\n", "aulabot.yaml:1: not valid YAML: did not find expected node content"},
		{"DurationOverflow", "booking:\n  horizon: 106752d\nuniversities: [{id: unsa, team_chat: -1}]\n",
			`aulabot.yaml:2: duration "106752d" is longer than 3650 days (use 30m, 2h or 21d)`},
		{"HorizonOverAYear", "booking:\n  horizon: 400d\nuniversities: [{id: unsa, team_chat: -1}]\n",
			"aulabot.yaml:2: booking.horizon: must be at most 366d (slots are at most a year ahead)"},
		{"NoticeBeyondHorizon", "booking:\n  horizon: 1d\n  min_notice: 2d\nuniversities: [{id: unsa, team_chat: -1}]\n",
			"aulabot.yaml:3: booking.min_notice: must not be longer than horizon (24h0m0s)"},
		{"NegativeLimit", "limits:\n  open_tickets: -1\nuniversities: [{id: unsa, team_chat: -1}]\n",
			"aulabot.yaml:2: limits.open_tickets: must be between 1 and 1000, not -1"},
		{"TextOverTelegram", "limits:\n  max_text: 5000\nuniversities: [{id: unsa, team_chat: -1}]\n",
			"aulabot.yaml:2: limits.max_text: must be between 1 and 4096, not 5000"},
		{"UnknownLimit", "limits:\n  typing_speed: 3\nuniversities: [{id: unsa, team_chat: -1}]\n",
			"aulabot.yaml:2: limits.typing_speed: unknown key"},
		{"BadServiceDuration", "universities:\n  - id: unsa\n    team_chat: -1\n    service:\n      escalate: 2 hours\n",
			`aulabot.yaml:5: bad duration "2 hours" (use 30m, 2h or 21d)`},
		{"DurationNotScalar", "booking:\n  horizon:\n    days: 3\nuniversities: [{id: unsa, team_chat: -1}]\n",
			`aulabot.yaml:3: bad duration "" (use 30m, 2h or 21d)`},
		{"BadDurationAlias", "booking:\n  min_notice: &d soon\n  horizon: *d\nuniversities: [{id: unsa, team_chat: -1}]\n",
			`aulabot.yaml:2: bad duration "soon" (use 30m, 2h or 21d)`},
		{"KeyTwiceBeforeBadDuration", "universities:\n  - id: unsa\n    team_chat: -1\n    service:\n      escalate: soon\n      days: [1]\n      days: [2]\n",
			`aulabot.yaml:7: mapping key "days" already defined at line 6`},
		{"BadDayInList", "universities:\n  - id: unsa\n    team_chat: -1\n  - id: unap\n    team_chat: -2\n    service:\n      days: [1, 9]\n",
			"aulabot.yaml:6: universities[1].service: days: 9 is not a weekday (1=Monday .. 7=Sunday)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := config.Parse("aulabot.yaml", []byte(tt.yaml))
			if err == nil {
				t.Fatal("no error")
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("error = %q\nwant    %q", got, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Error("error is not one line")
			}
		})
	}
}

func TestLoad(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "aulabot.yaml")
		if err := os.WriteFile(p, []byte(goodConfig), 0o600); err != nil {
			t.Fatal(err)
		}
		c, err := config.Load(p)
		if err != nil {
			t.Fatal(err)
		}
		if c.File != p {
			t.Errorf("File = %q, want %q", c.File, p)
		}
	})
	t.Run("Missing", func(t *testing.T) {
		_, err := config.Load(filepath.Join(t.TempDir(), "none.yaml"))
		if !errors.Is(err, os.ErrNotExist) {
			t.Errorf("err = %v, want not exist", err)
		}
	})
}

func TestDemo(t *testing.T) {
	c := config.Demo()
	if len(c.Universities) < 2 {
		t.Fatalf("demo has %d universities, want at least 2", len(c.Universities))
	}
	for _, u := range c.Universities {
		if len(u.Tech) == 0 || len(u.Mentors) == 0 || len(u.Coordinators) == 0 {
			t.Errorf("demo university %s lacks staff: %+v", u.ID, u)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(goodConfig))
	f.Add([]byte("universities: [{id: a1, team_chat: -1, service: {days: [9]}}]"))
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := config.Parse("f.yaml", b)
		if err == nil && (c.Location == nil || len(c.Universities) == 0) {
			t.Fatalf("accepted config without zone or universities: %+v", c)
		}
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Fatalf("multi-line error %q", err)
		}
	})
}
