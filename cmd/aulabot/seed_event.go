package main

import (
	"fmt"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/service"
)

// demoEvent is the demo's upcoming live training: for unma's teachers and
// students, three days from now at 17:00 there for 90 minutes, created by
// its first coordinator. Its invitations go out when the sandbox starts,
// paced like announcements, so a demo person can answer it.
var demoEvent = struct {
	uni, title, link string
	day, hour        int
	minutes          int
	capacity         int
}{uni: "unma", title: "Cuestionarios en Moodle paso a paso", link: "https://meet.example.org/unma-formacion-cuestionarios",
	day: 3, hour: 17, minutes: 90, capacity: 30}

// events creates the demo's training event through the events service,
// and stores its past one (demoPastEvent).
func (s *seeder) events() error {
	uni, ok := s.m.Config.University(demoEvent.uni)
	if !ok || len(uni.Coordinators) == 0 {
		return nil
	}
	by, known := s.users[uni.Coordinators[0]]
	if !known {
		return nil
	}
	loc := s.m.Config.Loc(uni.ID)
	y, mo, day := s.tx.Now().In(loc).Date()
	d := service.EventDraft{University: uni.ID, Title: demoEvent.title, Link: demoEvent.link, Audience: aulabot.AudienceAll,
		At: time.Date(y, mo, day+demoEvent.day, demoEvent.hour, 0, 0, 0, loc).UTC(), Minutes: demoEvent.minutes, Capacity: demoEvent.capacity}
	if _, err := s.m.Services.Events.Create(s.tx, service.FlowEvent.At(service.EventConfirm, d), by.ID, by.Language(s.m.Config.Language)); err != nil {
		return fmt.Errorf("demo training: %w", err)
	}
	return s.pastEvent(uni, by, time.Date(y, mo, day+demoPastEvent.day, demoPastEvent.hour, 0, 0, 0, loc).UTC())
}

// demoPastEvent is the demo's training of two days ago, for unma's teachers
// and students, an hour long: Rosa and Diego had a place; Rosa said how
// it went, with a comment; Diego said nothing. So /events shows its
// organisers what was said, with 📝 its comment, and Diego's Trainings
// list asks him how it went, as after a real one.
var demoPastEvent = struct {
	title, link, comment string
	day, hour, stars     int
	rated, silent        int64
}{title: "Rúbricas en Moodle: evaluar con criterios claros", link: "https://meet.example.org/unma-formacion-rubricas",
	comment: "Muy clara. Me faltó ver cómo se usa la rúbrica con entregas en grupo.", day: -2, hour: 17, stars: 5, rated: 9001, silent: 9002}

// pastEvent stores the demo's past training (demoPastEvent) as its figures
// would be: it is past, so it is written as it stands, not created
// through the service, which takes only trainings to come.
func (s *seeder) pastEvent(uni *aulabot.University, by aulabot.User, at time.Time) error {
	people := []int64{demoPastEvent.rated, demoPastEvent.silent}
	for _, p := range people {
		if _, ok := s.users[p]; !ok {
			return nil // a configuration without them
		}
	}
	invited, err := s.tx.AudienceSize(aulabot.Campaign{University: uni.ID, Audience: aulabot.AudienceAll})
	if err != nil {
		return err
	}
	e, err := s.tx.CreateEvent(aulabot.Event{University: uni.ID, Audience: aulabot.AudienceAll, Title: demoPastEvent.title, At: at,
		Link: demoPastEvent.link, Minutes: 60, By: by.ID, Lang: by.Language(s.m.Config.Language)})
	if err != nil {
		return err
	}
	for _, p := range people {
		if err := s.tx.SetEventAnswer(e.ID, p, aulabot.EventAttend); err != nil {
			return err
		}
	}
	if err := s.tx.SetEventFeedback(e.ID, demoPastEvent.rated, demoPastEvent.stars); err != nil {
		return err
	}
	if err := s.tx.SetEventComment(e.ID, demoPastEvent.rated, demoPastEvent.comment); err != nil {
		return err
	}
	e.Counts = aulabot.EventCounts{Invited: invited, Attending: 2, Asked: 2, Comments: 1}
	e.Counts.Stars[demoPastEvent.stars-1] = 1
	return s.tx.PutEvent(e)
}
