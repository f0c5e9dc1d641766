package aulabot

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
)

// MaxUniversityID is the longest university id, in bytes (ids are lower-case
// letters and digits): it is carried in button data.
const MaxUniversityID = 16

var universityIDRE = regexp.MustCompile(fmt.Sprintf(`^[a-z][a-z0-9]{1,%d}$`, MaxUniversityID-1))

// Validate fills the defaults and checks the rules of a configuration
// read from c.File. Its error is a *ConfigError naming the file and the
// key path (universities[1].team_chat), to which the parser adds the line.
func (c *Config) Validate() error {
	bad := func(msg string, path ...any) error {
		return &ConfigError{File: c.File, Key: keyPath(path...), Msg: msg}
	}
	switch c.Language {
	case "":
		c.Language = LangES
	case LangES, LangEN:
	default:
		return bad(fmt.Sprintf("must be es or en, not %q", c.Language), "language")
	}
	if c.Timezone == "" {
		c.Timezone = "America/Lima"
	}
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		return bad(fmt.Sprintf("unknown time zone %q (use an IANA name such as America/Lima)", c.Timezone), "timezone")
	}
	c.Location = loc
	if len(c.Universities) == 0 {
		return bad("at least one university is needed", "universities")
	}
	for i, id := range c.Admins {
		if id <= 0 {
			return bad(fmt.Sprintf("%d is not a Telegram user id", id), "admins", i)
		}
	}
	seen := map[string]int{}
	techOf := map[int64]string{}
	chats := map[int64]string{}
	for i := range c.Universities {
		u := &c.Universities[i]
		if u.ID == "" {
			return bad("missing id", "universities", i)
		}
		if !universityIDRE.MatchString(u.ID) {
			return bad(fmt.Sprintf("%q must be 2-16 lower-case letters and digits, starting with a letter", u.ID), "universities", i, "id")
		}
		if j, dup := seen[u.ID]; dup {
			return bad(fmt.Sprintf("duplicate university id %q (also universities[%d])", u.ID, j), "universities", i, "id")
		}
		seen[u.ID] = i
		if u.Name == "" {
			u.Name = strings.ToUpper(u.ID)
		}
		if u.TeamChat > 0 {
			return bad(fmt.Sprintf("%d is not a group id (group ids are negative)", u.TeamChat), "universities", i, "team_chat")
		}
		// A university without team_chat is not set up yet: "aulabot config
		// check" says so, and "serve" runs in set-up mode until every
		// university has its group.
		if u.TeamChat != 0 {
			if other, dup := chats[u.TeamChat]; dup {
				return bad(fmt.Sprintf("group %d is already the team chat of %s", u.TeamChat, other), "universities", i, "team_chat")
			}
			chats[u.TeamChat] = u.ID
		}
		for _, list := range []struct {
			key string
			ids []int64
		}{{"tech", u.Tech}, {"mentors", u.Mentors}, {"coordinators", u.Coordinators}} {
			for j, id := range list.ids {
				if id <= 0 {
					return bad(fmt.Sprintf("%d is not a Telegram user id", id), "universities", i, list.key, j)
				}
			}
		}
		for j, id := range u.Tech {
			if other, dup := techOf[id]; dup && other != u.ID {
				return bad(fmt.Sprintf("user %d is already on the technical team of %s", id, other), "universities", i, "tech", j)
			}
			techOf[id] = u.ID
		}
		u.Location = loc
		if u.Timezone != "" {
			l, err := time.LoadLocation(u.Timezone)
			if err != nil {
				return bad(fmt.Sprintf("unknown time zone %q", u.Timezone), "universities", i, "timezone")
			}
			u.Location = l
		}
		if err := u.Service.defaults(); err != nil {
			return bad(err.Error(), "universities", i, "service")
		}
		if err := checkChecklist(u.Checklist, bad, i); err != nil {
			return err
		}
	}
	b := &c.Booking
	if b.MinNotice == 0 {
		b.MinNotice = Duration(2 * time.Hour)
	}
	if b.Horizon == 0 {
		b.Horizon = Duration(21 * 24 * time.Hour)
	}
	if b.CancelCutoff == 0 {
		b.CancelCutoff = Duration(2 * time.Hour)
	}
	if b.MaxActive == 0 {
		b.MaxActive = 3
	}
	if b.MaxActive < 0 {
		return bad("must be positive", "booking", "max_active")
	}
	if time.Duration(b.Horizon) > 366*24*time.Hour {
		return bad("must be at most 366d (slots are at most a year ahead)", "booking", "horizon")
	}
	for _, d := range []struct {
		key string
		v   Duration
	}{{"min_notice", b.MinNotice}, {"cancel_cutoff", b.CancelCutoff}} {
		if d.v > b.Horizon {
			return bad(fmt.Sprintf("must not be longer than horizon (%s)", time.Duration(b.Horizon)), "booking", d.key)
		}
	}
	if dir := c.SurveysDir(); dir != "" {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			return bad(fmt.Sprintf("%s is not a folder of survey files", dir), "surveys")
		}
	}
	if err := c.checkLMS(bad); err != nil {
		return err
	}
	if n := c.SurveyReminders; n != nil && (*n < 0 || *n > 10) {
		return bad(fmt.Sprintf("must be from 0 to 10, not %d", *n), "survey_reminders")
	}
	return c.Limits.defaults(bad)
}

// KnowledgeDir is the knowledge-base folder, a relative path read from the
// configuration file's folder; "" for the built-in base.
func (c *Config) KnowledgeDir() string {
	if c.Knowledge == "" || filepath.IsAbs(c.Knowledge) || c.File == "" || c.File == DemoFile {
		return c.Knowledge
	}
	return filepath.Join(filepath.Dir(c.File), c.Knowledge)
}

// SurveysDir is the folder of survey files, relative paths read from the
// configuration file's folder; "" for the built-in surveys.
func (c *Config) SurveysDir() string {
	if c.Surveys == "" || filepath.IsAbs(c.Surveys) || c.File == DemoFile {
		return c.Surveys
	}
	return filepath.Join(filepath.Dir(c.File), c.Surveys)
}

// defaults fills the default limits and checks the given ones.
func (l *Limits) defaults(bad func(msg string, path ...any) error) error {
	for _, f := range []struct {
		key      string
		v        *int
		def, max int
	}{
		{"updates_per_minute", &l.UpdatesPerMinute, 30, 6000},
		{"questions_per_minute", &l.QuestionsPerMinute, 20, 6000},
		{"questions_per_day", &l.QuestionsPerDay, 200, 1000000},
		{"open_tickets", &l.OpenTickets, 5, 1000},
		{"ticket_messages_per_hour", &l.TicketMessagesPerHour, 30, 6000},
		{"max_text", &l.MaxText, 4000, 4096},
	} {
		switch {
		case *f.v == 0:
			*f.v = f.def
		case *f.v < 0 || *f.v > f.max:
			return bad(fmt.Sprintf("must be between 1 and %d, not %d", f.max, *f.v), "limits", f.key)
		}
	}
	return nil
}

func (s *ServiceLevels) defaults() error {
	if s.ClaimReminder == 0 {
		s.ClaimReminder = Duration(30 * time.Minute)
	}
	if s.Escalate == 0 {
		s.Escalate = Duration(2 * time.Hour)
	}
	if s.ReplyReminder == 0 {
		s.ReplyReminder = Duration(4 * time.Hour)
	}
	if len(s.Days) == 0 {
		s.Days = []int{1, 2, 3, 4, 5}
	}
	for _, d := range s.Days {
		if d < 1 || d > 7 {
			return fmt.Errorf("days: %d is not a weekday (1=Monday .. 7=Sunday)", d)
		}
	}
	if s.Start == "" {
		s.Start = "08:00"
	}
	if s.End == "" {
		s.End = "18:00"
	}
	start, err1 := time.Parse("15:04", s.Start)
	end, err2 := time.Parse("15:04", s.End)
	if err1 != nil || err2 != nil || !end.After(start) {
		return fmt.Errorf("start and end must be times HH:MM with start before end, not %q-%q", s.Start, s.End)
	}
	return nil
}

// keyPath renders a path like universities[1].team_chat.
func keyPath(path ...any) string {
	var b strings.Builder
	for _, p := range path {
		switch p := p.(type) {
		case string:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(p)
		case int:
			fmt.Fprintf(&b, "[%d]", p)
		}
	}
	return b.String()
}

// University returns the university with id.
func (c *Config) University(id string) (*University, bool) {
	for i := range c.Universities {
		if c.Universities[i].ID == id {
			return &c.Universities[i], true
		}
	}
	return nil, false
}

// TeamOf returns the university whose team chat is chatID, or was
// before Telegram upgraded it to a supergroup (Follow).
func (c *Config) TeamOf(chatID int64) (*University, bool) {
	if u, ok := c.teamOf(chatID); ok {
		return u, true
	}
	if old, ok := c.movedFrom(chatID); ok {
		return c.teamOf(old)
	}
	return nil, false
}

// teamOf returns the university whose configured team chat is chatID.
func (c *Config) teamOf(chatID int64) (*University, bool) {
	for i := range c.Universities {
		if c.Universities[i].TeamChat == chatID {
			return &c.Universities[i], true
		}
	}
	return nil, false
}

// StaffIDs are the people c names (admins, and each university's mentors,
// technical team and coordinators), each once, in order.
func (c *Config) StaffIDs() []int64 {
	ids := slices.Clone(c.Admins)
	for _, u := range c.Universities {
		ids = slices.Concat(ids, u.Mentors, u.Tech, u.Coordinators)
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// Roles returns the configured roles of a Telegram user.
func (c *Config) Roles(userID int64) Roles {
	r := Roles{Admin: slices.Contains(c.Admins, userID)}
	for _, u := range c.Universities {
		if slices.Contains(u.Coordinators, userID) {
			r.Coordinator = append(r.Coordinator, u.ID)
		}
		if slices.Contains(u.Tech, userID) {
			r.Tech = append(r.Tech, u.ID)
		}
		if slices.Contains(u.Mentors, userID) {
			r.Mentor = append(r.Mentor, u.ID)
		}
	}
	return r
}

// Loc returns the time zone of university id, or the default one.
func (c *Config) Loc(id string) *time.Location {
	if u, ok := c.University(id); ok && u.Location != nil {
		return u.Location
	}
	if c.Location != nil {
		return c.Location
	}
	return time.UTC
}
