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

// events creates the demo's training event through the events service.
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
	return nil
}
