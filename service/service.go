// Package service holds aulabot's use cases, a file per domain, in the
// manner of benbjohnson/wtf's services. A use case is one method that runs
// inside the caller's transaction (the update's, opened by the handler):
// it checks its rule, makes every side effect through the transaction
// (stored records, counters, jobs, refs, outbox messages to other people,
// rendered from the catalogue) and returns a typed result, which the
// handler renders for the person who acted. A use case that changes the
// person's conversation returns the state it goes on with, and the handler
// keeps it (the update writes it with its replies). The key and ref
// formats of a domain are written once, in its file, and nothing else
// builds them.
//
// Each domain declares the small transaction interface it needs
// (OnboardingTx, HelpdeskTx, QuestionsTx, SurveysTx, ...); Tx is their
// union. The package imports the domain, the catalogue and the surveys'
// rules (package survey) only: never the store, Telegram or the knowledge
// base.
package service

import (
	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
)

// Tx is what one update's transaction offers the services: the union of
// each domain's transaction interface. *store.Tx implements it
// (cmd/aulabot asserts it at compile time).
type Tx interface {
	OnboardingTx
	HelpdeskTx
	QuestionsTx
	CoursesTx
	MentoringTx
	EventsTx
	SurveysTx
}

// Services are the domain services of one bot, wired to each other.
type Services struct {
	Onboarding *Onboarding
	Helpdesk   *Helpdesk
	Questions  *Questions
	Courses    *Courses
	Mentoring  *Mentoring
	Events     *Events
	Surveys    *Surveys
}

// New returns the services of a bot with configuration cfg, wired to
// each other (a service that runs another's use case gets it here).
func New(cfg *aulabot.Config) Services {
	helpdesk := &Helpdesk{Config: cfg, Cat: i18n.Builtin()}
	courses := &Courses{Config: cfg, Cat: i18n.Builtin()}
	mentoring := &Mentoring{Config: cfg, Cat: i18n.Builtin(), Seated: courses.AskForBooking}
	events := &Events{Config: cfg, Cat: i18n.Builtin()}
	return Services{
		Onboarding: &Onboarding{Config: cfg, Erasers: []Eraser{helpdesk.Erase, courses.Erase, mentoring.Erase, events.Erase}},
		Helpdesk:   helpdesk,
		Questions:  &Questions{Config: cfg},
		Courses:    courses,
		Mentoring:  mentoring,
		Events:     events,
		Surveys:    &Surveys{Config: cfg, Cat: i18n.Builtin()},
	}
}
