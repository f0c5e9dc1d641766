package service

import "github.com/aulabot/aulabot"

// Moved is the result of ChangeProfile: the person as stored, and their
// university, and whether anything changed.
type Moved struct {
	User       aulabot.User
	University *aulabot.University
	Changed    bool
}

// ChangeProfile is /profile's choice by user: their university (uni; ""
// keeps it) or their role (role; "" keeps it), for someone who picked
// wrong at onboarding or moved. What they booked and reported stays where
// it is; what they do from now goes to the new university. The pair left
// is counted (changedCounter) and the new one as onboarded, so that the
// counts by university and role follow people. Errors: EINVALID
// error.stale_button for a university no longer configured or a role that
// is neither teacher nor student; EFORBIDDEN error.start_first for someone
// who has not finished onboarding, and profile.staff for staff, whose
// roles the configuration sets.
func (s *Onboarding) ChangeProfile(tx OnboardingTx, user int64, staff bool, uni, role string) (Moved, error) {
	u, ok, err := tx.User(user)
	if err != nil {
		return Moved{}, err
	}
	switch {
	case !ok || !u.Onboarded():
		return Moved{}, aulabot.Errorf(aulabot.EFORBIDDEN, "error.start_first")
	case staff || u.Role == aulabot.RoleStaff:
		return Moved{}, aulabot.Errorf(aulabot.EFORBIDDEN, "profile.staff")
	case role != "" && role != aulabot.RoleTeacher && role != aulabot.RoleStudent:
		return Moved{}, stale()
	}
	next := u
	if uni != "" {
		next.University = uni
	}
	if role != "" {
		next.Role = role
	}
	to, ok := s.Config.University(next.University)
	if !ok {
		return Moved{}, stale()
	}
	if next.University == u.University && next.Role == u.Role {
		return Moved{User: u, University: to}, nil
	}
	if err := tx.PutUser(next); err != nil {
		return Moved{}, err
	}
	if err := tx.Count(changedCounter(u.University, u.Role), 1); err != nil {
		return Moved{}, err
	}
	if err := tx.Count(OnboardedCounter(next.University, next.Role), 1); err != nil {
		return Moved{}, err
	}
	return Moved{User: next, University: to, Changed: true}, nil
}

// changedCounter counts the people who left university and role through
// /profile (as deletedCounter counts those who deleted their data).
func changedCounter(university, role string) string {
	return "changed:" + university + ":" + role
}
