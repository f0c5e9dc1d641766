package aulabot

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // time zones work on hosts without a zone database

	"gopkg.in/yaml.v3"
)

// Config is the YAML configuration of PRODUCT.md.
type Config struct {
	Language     string       `yaml:"language"`
	Timezone     string       `yaml:"timezone"`
	Knowledge    string       `yaml:"knowledge"`
	Surveys      string       `yaml:"surveys"` // folder of survey files (relative to this file); "" = the built-in pair
	Admins       []int64      `yaml:"admins"`
	Universities []University `yaml:"universities"`
	Booking      BookingRules `yaml:"booking"`
	Limits       Limits       `yaml:"limits"`

	// File is where the configuration came from ("built-in demo" for the
	// embedded one); Location is Timezone loaded.
	File     string         `yaml:"-"`
	Location *time.Location `yaml:"-"`
}

// University is one university the bot serves.
type University struct {
	ID           string  `yaml:"id"`
	Name         string  `yaml:"name"`
	TeamChat     int64   `yaml:"team_chat"`
	Tech         []int64 `yaml:"tech"`
	Mentors      []int64 `yaml:"mentors"`
	Coordinators []int64 `yaml:"coordinators"`
	LMSURL       string  `yaml:"lms_url"`
	Timezone     string  `yaml:"timezone"`
	// SignWithName signs replies to requesters with the team member's name
	// as well as the team's.
	SignWithName bool          `yaml:"sign_with_name"`
	Service      ServiceLevels `yaml:"service"`
	// Digest: false switches off the weekly digest (DigestOn).
	Digest *bool `yaml:"digest"`

	Location *time.Location `yaml:"-"`
}

// ServiceLevels are a university's helpdesk timers, in business time.
type ServiceLevels struct {
	ClaimReminder Duration `yaml:"claim_reminder"` // default 30m
	Escalate      Duration `yaml:"escalate"`       // default 2h
	Days          []int    `yaml:"days"`           // business days, 1=Monday..7=Sunday; default 1-5
	Start         string   `yaml:"start"`          // HH:MM, default 08:00
	End           string   `yaml:"end"`            // HH:MM, default 18:00
}

// BookingRules are the mentoring rules shared by all universities.
type BookingRules struct {
	MinNotice    Duration `yaml:"min_notice"`    // default 2h
	Horizon      Duration `yaml:"horizon"`       // default 21d
	CancelCutoff Duration `yaml:"cancel_cutoff"` // default 2h
	MaxActive    int      `yaml:"max_active"`    // default 3
}

// Limits are the input limits per person: beyond them a person gets one
// polite notice, then silence until the window passes, so that nobody's
// traffic delays anybody else's. Zero values get the defaults.
type Limits struct {
	UpdatesPerMinute      int `yaml:"updates_per_minute"`       // messages and button presses; default 30
	QuestionsPerMinute    int `yaml:"questions_per_minute"`     // knowledge-base questions; default 20
	QuestionsPerDay       int `yaml:"questions_per_day"`        // default 200
	OpenTickets           int `yaml:"open_tickets"`             // open or claimed tickets per requester; default 5
	TicketMessagesPerHour int `yaml:"ticket_messages_per_hour"` // messages to one ticket by one person; default 30
	MaxText               int `yaml:"max_text"`                 // characters of one message; default 4000
}

// MaxDurationDays bounds every duration in the configuration (ten years),
// so that no setting overflows when added to a date.
const MaxDurationDays = 3650

// Duration is a time.Duration read from YAML as "30m", "2h" or "21d".
type Duration time.Duration

// UnmarshalYAML reads "90s", "30m", "2h", "1h30m" or "21d".
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	v, err := ParseDuration(n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %w (use 30m, 2h or 21d)", n.Line, err)
	}
	*d = Duration(v)
	return nil
}

// ParseDuration parses a Go duration, also accepting a whole number of days
// ("21d").
func ParseDuration(s string) (time.Duration, error) {
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n < 0 {
			return 0, fmt.Errorf("bad duration %q", s)
		}
		if n > MaxDurationDays {
			return 0, fmt.Errorf("duration %q is longer than %d days", s, MaxDurationDays)
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	v, err := time.ParseDuration(s)
	if err != nil || v < 0 {
		return 0, fmt.Errorf("bad duration %q", s)
	}
	if v > MaxDurationDays*24*time.Hour {
		return 0, fmt.Errorf("duration %q is longer than %d days", s, MaxDurationDays)
	}
	return v, nil
}

//go:embed demo.yaml
var demoYAML []byte

// DemoFile names the built-in demo configuration in messages.
const DemoFile = "built-in demo configuration"

// DemoConfig returns the built-in demo configuration.
func DemoConfig() *Config {
	c, err := ParseConfig(DemoFile, demoYAML)
	if err != nil {
		panic(err) // the embedded file is tested
	}
	return c
}

// LoadConfig reads and validates the configuration at path. Its errors name
// the file, the key and the problem in one line.
func LoadConfig(path string) (*Config, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("configuration %s: %w", path, err)
	}
	return ParseConfig(path, b)
}

// ConfigError is a problem in a configuration file.
type ConfigError struct {
	File string
	Line int
	Key  string
	Msg  string
}

// Error implements error: "FILE:LINE: KEY: problem".
func (e *ConfigError) Error() string {
	loc := e.File
	if e.Line > 0 {
		loc += ":" + strconv.Itoa(e.Line)
	}
	if e.Key == "" {
		return loc + ": " + e.Msg
	}
	return loc + ": " + e.Key + ": " + e.Msg
}

// ParseConfig parses and validates a configuration; file names it in errors.
func ParseConfig(file string, b []byte) (*Config, error) {
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&root); err != nil {
		ce := typeError(file, strings.TrimPrefix(err.Error(), "yaml: ")).(*ConfigError)
		ce.Msg = "not valid YAML: " + ce.Msg
		return nil, ce
	}
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return nil, &ConfigError{File: file, Line: root.Line, Msg: "must be a mapping of keys (language, timezone, universities, ...)"}
	}
	if err := checkKeys(file, "", root.Content[0], configSchema); err != nil {
		return nil, err
	}
	var c Config
	if err := root.Content[0].Decode(&c); err != nil {
		var te *yaml.TypeError
		if errors.As(err, &te) && len(te.Errors) > 0 {
			return nil, typeError(file, te.Errors[0])
		}
		return nil, typeError(file, err.Error())
	}
	c.File = file
	if err := c.validate(root.Content[0]); err != nil {
		return nil, err
	}
	return &c, nil
}

var lineRE = regexp.MustCompile(`^line (\d+): (.*)$`)

func typeError(file, msg string) error {
	if m := lineRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &ConfigError{File: file, Line: line, Msg: m[2]}
	}
	return &ConfigError{File: file, Msg: msg}
}

// schema lists the keys allowed at each level; a nested schema for mappings,
// and "[]" for a list of mappings.
type schema map[string]any

var (
	serviceSchema    = schema{"claim_reminder": nil, "escalate": nil, "days": nil, "start": nil, "end": nil}
	universitySchema = schema{"id": nil, "name": nil, "team_chat": nil, "tech": nil, "mentors": nil,
		"coordinators": nil, "lms_url": nil, "timezone": nil, "sign_with_name": nil, "service": serviceSchema,
		"digest": nil}
	bookingSchema = schema{"min_notice": nil, "horizon": nil, "cancel_cutoff": nil, "max_active": nil}
	limitsSchema  = schema{"updates_per_minute": nil, "questions_per_minute": nil, "questions_per_day": nil,
		"open_tickets": nil, "ticket_messages_per_hour": nil, "max_text": nil}
	configSchema = schema{"language": nil, "timezone": nil, "knowledge": nil, "surveys": nil, "admins": nil,
		"universities": []schema{universitySchema}, "booking": bookingSchema, "limits": limitsSchema}
)

func checkKeys(file, prefix string, n *yaml.Node, s schema) error {
	if n.Kind != yaml.MappingNode {
		return &ConfigError{File: file, Line: n.Line, Key: strings.TrimSuffix(prefix, "."), Msg: "must be a mapping"}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		sub, ok := s[k.Value]
		if !ok {
			return &ConfigError{File: file, Line: k.Line, Key: prefix + k.Value, Msg: "unknown key"}
		}
		switch sub := sub.(type) {
		case schema:
			if err := checkKeys(file, prefix+k.Value+".", v, sub); err != nil {
				return err
			}
		case []schema:
			if v.Kind != yaml.SequenceNode {
				return &ConfigError{File: file, Line: v.Line, Key: prefix + k.Value, Msg: "must be a list"}
			}
			for j, item := range v.Content {
				if err := checkKeys(file, fmt.Sprintf("%s%s[%d].", prefix, k.Value, j), item, sub[0]); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// DigestOn reports whether the university's coordinators and team group
// get the weekly digest: unless the configuration says digest: false.
func (u *University) DigestOn() bool { return u.Digest == nil || *u.Digest }
