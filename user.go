package aulabot

import (
	"slices"
	"time"
)

// Roles a user picks at onboarding; RoleStaff is the role kept for
// someone the configuration names as staff (mentor, technician,
// coordinator, admin), who is never asked to pick.
const (
	RoleTeacher = "teacher"
	RoleStudent = "student"
	RoleStaff   = "staff"
)

// Languages the bot speaks.
const (
	LangES = "es"
	LangEN = "en"
)

// OtherLanguage is the bot's language that is not lang (Spanish for
// anything but Spanish).
func OtherLanguage(lang string) string {
	if lang == LangES {
		return LangEN
	}
	return LangES
}

// User is a person who has talked to the bot. Personal data lives here and
// is removed by /deletemydata.
type User struct {
	ID         int64     `json:"id"`
	Name       string    `json:"name"`
	Username   string    `json:"username,omitempty"`
	Lang       string    `json:"lang,omitempty"`       // picked language; "" = from Telegram
	TGLang     string    `json:"tglang,omitempty"`     // Telegram's language_code
	University string    `json:"university,omitempty"` // university id
	Role       string    `json:"role,omitempty"`       // teacher | student | staff
	ConsentAt  time.Time `json:"consent,omitempty"`    // when onboarding was completed
	CreatedAt  time.Time `json:"created"`
}

// Onboarded reports whether the user finished /start.
func (u User) Onboarded() bool { return !u.ConsentAt.IsZero() && u.University != "" && u.Role != "" }

// Language is the language to talk to the user in: the one picked, else
// Telegram's if it is Spanish or English, else Spanish.
func (u User) Language(def string) string {
	if u.Lang != "" {
		return u.Lang
	}
	return LanguageFromCode(u.TGLang, def)
}

// LanguageFromCode maps Telegram's language_code ("es-PE", "en") to a
// language the bot speaks, or def.
func LanguageFromCode(code, def string) string {
	if len(code) >= 2 {
		switch code[:2] {
		case LangES:
			return LangES
		case LangEN:
			return LangEN
		}
	}
	if def == "" {
		return LangES
	}
	return def
}

// Roles are what a Telegram user may do, from the configuration (staff
// roles) and the user's own choice (teacher or student).
type Roles struct {
	Admin       bool
	Coordinator []string // university ids
	Tech        []string
	Mentor      []string
}

// Staff reports whether any configured role is present.
func (r Roles) Staff() bool {
	return r.Admin || len(r.Coordinator)+len(r.Tech)+len(r.Mentor) > 0
}

// IsTech reports whether the user is on the technical team of university.
func (r Roles) IsTech(university string) bool { return slices.Contains(r.Tech, university) }

// IsMentor reports whether the user mentors for university.
func (r Roles) IsMentor(university string) bool { return slices.Contains(r.Mentor, university) }

// IsCoordinator reports whether the user coordinates university (admins
// coordinate every university).
func (r Roles) IsCoordinator(university string) bool {
	return r.Admin || slices.Contains(r.Coordinator, university)
}
