package aulabot

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // time zones work on hosts without a zone database
)

// Config is the YAML configuration of PRODUCT.md. Package config reads it
// from a file; the types, defaults and rules are here.
type Config struct {
	Language     string       `yaml:"language"`
	Timezone     string       `yaml:"timezone"`
	Knowledge    string       `yaml:"knowledge"`
	Surveys      string       `yaml:"surveys"` // folder of survey files (relative to this file); "" = the built-in pair
	Admins       []int64      `yaml:"admins"`
	Universities []University `yaml:"universities"`
	Booking      BookingRules `yaml:"booking"`
	Limits       Limits       `yaml:"limits"`
	LMSWatch     LMSWatch     `yaml:"lms_watch"`
	// SurveyReminders is how many reminders a survey campaign sends a
	// person at most (0: none); unset: 2.
	SurveyReminders *int `yaml:"survey_reminders"`

	// File is where the configuration came from ("built-in demo" for the
	// embedded one); Location is Timezone loaded.
	File     string         `yaml:"-"`
	Location *time.Location `yaml:"-"`
	// Moves are the team groups Telegram upgraded to supergroups since
	// the configuration was written (nil: none are followed).
	Moves *ChatMoves `yaml:"-"`
}

// DemoFile is the File of the built-in demo configuration (package config
// parses it); relative paths in it are not read from a folder.
const DemoFile = "built-in demo configuration"

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
	// Checklist replaces the built-in checklist of moving a course
	// online (course.go); empty: the built-in one.
	Checklist []ChecklistItem `yaml:"checklist"`

	Location *time.Location `yaml:"-"`
}

// ServiceLevels are a university's helpdesk timers, in business time.
type ServiceLevels struct {
	ClaimReminder Duration `yaml:"claim_reminder"` // default 30m
	Escalate      Duration `yaml:"escalate"`       // default 2h
	// ReplyReminder: a claimed ticket whose requester wrote last and got
	// no answer this long is brought up in the team group; default 4h.
	ReplyReminder Duration `yaml:"reply_reminder"`
	Days          []int    `yaml:"days"`  // business days, 1=Monday..7=Sunday; default 1-5
	Start         string   `yaml:"start"` // HH:MM, default 08:00
	End           string   `yaml:"end"`   // HH:MM, default 18:00
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

// StaffUpdatesPerMinute is the input limit of the configured staff:
// StaffLimitFactor times a person's, since a technician working the queue
// presses and replies faster than anyone asks, yet a flooding staff
// account must not fill the bot's queue for everyone.
func (l Limits) StaffUpdatesPerMinute() int { return StaffLimitFactor * l.UpdatesPerMinute }

// StaffLimitFactor is how many times a person's input limit staff have.
const StaffLimitFactor = 10

// MaxDurationDays bounds every duration in the configuration (ten years),
// so that no setting overflows when added to a date.
const MaxDurationDays = 3650

// Duration is a time.Duration read from YAML as "30m", "2h" or "21d".
type Duration time.Duration

// UnmarshalText reads "90s", "30m", "2h", "1h30m" or "21d" (ParseDuration).
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := ParseDuration(string(b))
	if err != nil {
		return err
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

// ConfigError is a problem in a configuration file. Validate names the
// key; the parser (package config) adds the line.
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

// DigestOn reports whether the university's coordinators and team group
// get the weekly digest: unless the configuration says digest: false.
func (u *University) DigestOn() bool { return u.Digest == nil || *u.Digest }
