package service

import (
	"github.com/aulabot/aulabot"
)

// Staff are known from the configuration: /start greets them with their
// roles and never asks them for a university or teacher/student.

// Greeted is the result of GreetStaff.
type Greeted struct {
	User       aulabot.User        // as stored
	University *aulabot.University // the person's home university
	// New is true the first time: the record was made now.
	New bool
}

// GreetStaff is /start by a person the configuration names as staff
// (roles.Staff()): a person with no finished onboarding is stored at once
// with the role aulabot.RoleStaff and their home university (the first
// one their roles name), and counted like any onboarded person; a person
// who finished onboarding keeps what they picked (a mentor who
// registered as a teacher stays a teacher, and gets both menus). from is
// what Telegram says of them. Errors: EFORBIDDEN error.start_first for
// someone who is not staff; the store's.
func (s *Onboarding) GreetStaff(tx OnboardingTx, u aulabot.User, known bool, from aulabot.Person, roles aulabot.Roles) (Greeted, error) {
	home := s.HomeUniversity(roles)
	if !roles.Staff() || home == nil {
		return Greeted{}, aulabot.Errorf(aulabot.EFORBIDDEN, "error.start_first")
	}
	if known && u.Onboarded() {
		if uni, ok := s.Config.University(u.University); ok {
			home = uni
		}
		return Greeted{User: u, University: home}, nil
	}
	u.Name, u.Username, u.TGLang = aulabot.CleanText(from.Name()), from.Username, from.LanguageCode
	u.University, u.Role = home.ID, aulabot.RoleStaff
	u.ConsentAt = tx.Now()
	if err := tx.PutUser(u); err != nil {
		return Greeted{}, err
	}
	if err := tx.Count(OnboardedCounter(home.ID, aulabot.RoleStaff), 1); err != nil {
		return Greeted{}, err
	}
	return Greeted{User: u, University: home, New: true}, nil
}

// HomeUniversity is the university a staff member's roles name first
// (mentor, then technical team, then coordination, in the
// configuration's order); an admin with no other role belongs to the
// first configured university. Nil for someone who is not staff.
func (s *Onboarding) HomeUniversity(roles aulabot.Roles) *aulabot.University {
	for _, ids := range [][]string{roles.Mentor, roles.Tech, roles.Coordinator} {
		for _, id := range ids {
			if uni, ok := s.Config.University(id); ok {
				return uni
			}
		}
	}
	if roles.Admin && len(s.Config.Universities) > 0 {
		return &s.Config.Universities[0]
	}
	return nil
}
