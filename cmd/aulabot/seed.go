package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/sandbox"
	"github.com/aulabot/aulabot/service"
	"github.com/aulabot/aulabot/store"
)

// seedMarker is the counter that records that demo data was seeded: a
// database that has it, or has any user, is never seeded again.
const seedMarker = "sandbox:demo_seeded"

// errHasUsers stops the scan for users at the first one.
var errHasUsers = errors.New("database has users")

// seedDemo fills an empty sandbox database with demo data, so every flow
// can be tried at once: the demo people onboarded, mentors' slots in the
// coming days (some booked, one group slot nearly full) and two sessions
// of the last days for the mentors to mark, tickets in every
// state in both universities with their posts in the team groups, and a
// few questions the knowledge base could not answer (/gaps), and an
// upcoming live training its people are invited to. Everything
// goes through the store's own rules, in one transaction, so a crash
// half-way leaves nothing. It does nothing to a database with users or
// seeded before, and is meant for the demo configuration (it skips people
// or universities the configuration does not have).
func (m *Main) seedDemo() error {
	empty := true
	err := m.Store.View(func(tx *store.Tx) error {
		if tx.Counter(seedMarker) > 0 {
			empty = false
			return nil
		}
		err := tx.Users(func(aulabot.User) error { return errHasUsers })
		if errors.Is(err, errHasUsers) {
			empty = false
			return nil
		}
		return err
	})
	if err != nil || !empty {
		return err
	}
	answers := m.demoAnswers()
	return m.Store.Update(func(tx *store.Tx) error {
		s := &seeder{m: m, tx: tx, users: map[int64]aulabot.User{}, answers: answers}
		for _, step := range []func() error{s.people, s.slots, s.tickets, s.questions, s.courses, s.events} {
			if err := step(); err != nil {
				return err
			}
		}
		return tx.Count(seedMarker, 1)
	})
}

// seeder writes the demo data inside one transaction.
type seeder struct {
	m     *Main
	tx    *store.Tx
	users map[int64]aulabot.User
	// answers are the knowledge base's answers to demoAsked, by index.
	answers []aulabot.KBResult
}

// demoHome is the university and role of the demo people who are not
// named by the configuration (those get the university they work for).
var demoHome = map[int64][2]string{
	9001: {"unma", aulabot.RoleTeacher},
	9002: {"unma", aulabot.RoleStudent},
	9003: {"unvs", aulabot.RoleTeacher},
}

// people onboards every demo person: staff as staff of the university
// they work for, admins of the first university, as their /start would
// (until 5 December as teachers, so that the technicians and the admin
// were invited to the teachers' surveys and counted as teachers).
func (s *seeder) people() error {
	now := s.tx.Now()
	for _, p := range demoPeople(s.m.Config) {
		uni, role := "", aulabot.RoleStaff
		if home, ok := demoHome[p.ID]; ok {
			uni, role = home[0], home[1]
		} else if r := s.m.Config.Roles(p.ID); r.Staff() && !r.Admin {
			uni = firstOf(r.Tech, r.Mentor, r.Coordinator)
		} else if len(s.m.Config.Universities) > 0 {
			uni = s.m.Config.Universities[0].ID
		}
		if _, ok := s.m.Config.University(uni); !ok {
			continue
		}
		u := aulabot.User{ID: p.ID, Name: p.Name(), Username: p.Username, Lang: p.LanguageCode, TGLang: p.LanguageCode,
			University: uni, Role: role, ConsentAt: now, CreatedAt: now}
		if err := s.tx.PutUser(u); err != nil {
			return err
		}
		if err := s.tx.Count(service.OnboardedCounter(uni, role), 1); err != nil {
			return err
		}
		s.users[u.ID] = u
	}
	return nil
}

// demoSlot is a slot to seed: a mentor, a day from today and a local
// time, and who books it.
type demoSlot struct {
	mentor    int64
	uni       string
	day, hour int
	minutes   int
	kind      string
	capacity  int
	topic     string
	link      string
	bookedBy  []int64
}

var demoSlots = []demoSlot{
	// Sessions that ended: the mentor marks who came (🕘 under /slots),
	// those who came are asked to rate it, and both sides may write for a
	// week. They come first: booked before the others, they count against
	// nobody's limit of bookings.
	{mentor: 4001, uni: "unma", day: -1, hour: 16, minutes: 60, kind: aulabot.SlotGroup, capacity: 6, topic: "Rúbricas para evaluar en línea", bookedBy: []int64{9001, 3001}, link: "https://meet.example.org/unma-rubricas"},
	{mentor: 4101, uni: "unvs", day: -2, hour: 10, minutes: 45, kind: aulabot.SlotPersonal, capacity: 1, bookedBy: []int64{9003}},
	{mentor: 4001, uni: "unma", day: 1, hour: 10, minutes: 60, kind: aulabot.SlotPersonal, capacity: 1, topic: "Diseño de un curso en Moodle"},
	{mentor: 4001, uni: "unma", day: 1, hour: 16, minutes: 90, kind: aulabot.SlotGroup, capacity: 8, topic: "Clases sincrónicas que enganchan", bookedBy: []int64{9001, 3001}, link: "https://meet.example.org/unma-sincronicas"},
	{mentor: 4001, uni: "unma", day: 2, hour: 11, minutes: 45, kind: aulabot.SlotPersonal, capacity: 1, bookedBy: []int64{9001}},
	{mentor: 4002, uni: "unma", day: 2, hour: 15, minutes: 60, kind: aulabot.SlotGroup, capacity: 4, topic: "Evaluación en línea", bookedBy: []int64{9001, 3002, 5001}, link: "https://meet.example.org/unma-evaluacion"},
	{mentor: 4002, uni: "unma", day: 3, hour: 9, minutes: 60, kind: aulabot.SlotPersonal, capacity: 1},
	{mentor: 4002, uni: "unma", day: 4, hour: 17, minutes: 60, kind: aulabot.SlotGroup, capacity: 10, topic: "Técnicas de estudio en línea"},
	{mentor: 4101, uni: "unvs", day: 1, hour: 18, minutes: 60, kind: aulabot.SlotGroup, capacity: 10, topic: "Research methods online", bookedBy: []int64{9003}},
	{mentor: 4101, uni: "unvs", day: 3, hour: 10, minutes: 30, kind: aulabot.SlotPersonal, capacity: 1},
	{mentor: 4101, uni: "unvs", day: 5, hour: 11, minutes: 60, kind: aulabot.SlotPersonal, capacity: 1, bookedBy: []int64{9003}},
}

// pastBooked is how long before a past demo session it was published and
// booked.
const pastBooked = 48 * time.Hour

// slots publishes the mentors' slots in the coming days, at the local
// times of each university, and books some of them; the sessions of the
// last days as they were published and booked before them.
func (s *seeder) slots() error {
	now := s.tx.Now()
	for _, d := range demoSlots {
		uni, ok := s.m.Config.University(d.uni)
		mentor, known := s.users[d.mentor]
		if !ok || !known {
			continue
		}
		loc := s.m.Config.Loc(uni.ID)
		y, mo, day := now.In(loc).Date()
		start := time.Date(y, mo, day+d.day, d.hour, 0, 0, 0, loc)
		at, ahead := now, start.After(now)
		if !ahead {
			at = start.Add(-pastBooked)
		}
		if err := s.tx.Backdated(at, func() error { return s.slot(d, uni, mentor, start, ahead) }); err != nil {
			return err
		}
	}
	return nil
}

// slot publishes d's slot at start and books it for d's people; one
// still ahead (ahead) gets the reminders and the attendance prompt that
// publishing and booking it through the bot would schedule (those of the
// last days are left for the mentor to mark under 🕘: a prompt for them
// would come the moment the sandbox starts).
func (s *seeder) slot(d demoSlot, uni *aulabot.University, mentor aulabot.User, start time.Time, ahead bool) error {
	sl, err := s.tx.CreateSlot(uni.ID, mentor.ID, mentor.Name, aulabot.NewSlot{
		Start: start.UTC(), Minutes: d.minutes, Kind: d.kind, Capacity: d.capacity, Topic: d.topic, Link: d.link})
	if err != nil {
		return fmt.Errorf("slot of %d on %s: %w", d.mentor, start, err)
	}
	var booked []aulabot.Booking
	for _, id := range d.bookedBy {
		u, ok := s.users[id]
		if !ok {
			continue
		}
		b, err := s.tx.BookSlot(sl.ID, u, s.m.Config.Booking)
		if err != nil {
			return fmt.Errorf("book slot %d for %d: %w", sl.ID, id, err)
		}
		booked = append(booked, b)
	}
	if !ahead {
		return nil
	}
	return s.m.Services.Mentoring.Seeded(s.tx, sl, booked)
}

// demoQuestion is a question to seed: who asked what how many days ago,
// and the asker's press under the answer, if one came.
type demoQuestion struct {
	user     int64
	daysAgo  int
	text     string
	feedback string
}

// demoQuestions are questions the knowledge base could not answer, so
// that /gaps has something to show.
var demoQuestions = []demoQuestion{
	{9002, 6, "¿Cómo recupero una clase grabada que ya no aparece?", ""},
	{9001, 5, "No aparece la clase grabada del lunes", ""},
	{9002, 3, "¿Dónde veo la grabación de la clase?", ""},
	{9001, 2, "¿Puedo usar H5P en mis cuestionarios?", ""},
	{9002, 1, "¿Hay becas para estudiantes a distancia?", ""},
	{9003, 4, "Can I extend a quiz deadline for one student?", ""},
	{9003, 2, "How do I extend the deadline of a quiz for one student only?", ""},
}

// demoAsked are questions of the last week recorded as the knowledge
// base answers them when the demo is seeded (demoAnswers), so that
// /report's share answered directly is a week's (until 6 December the
// demo had only the unanswered ones, and it read 0%).
var demoAsked = []demoQuestion{
	{9001, 6, "¿Cómo califico una tarea en Moodle?", aulabot.FeedbackHelpful},
	{9002, 5, "Olvidé mi contraseña del aula virtual", ""},
	{9001, 4, "¿Cómo comparto mi pantalla en Zoom?", aulabot.FeedbackHelpful},
	{9003, 3, "How do I record my class?", ""},
	{9002, 2, "¿Cómo entrego una tarea?", aulabot.FeedbackHelpful},
	{9003, 1, "How do I grade an assignment in Moodle?", ""},
}

// demoAnswers searches the knowledge base for each of demoAsked as its
// asker would, before the seed's transaction (a search is no work for a
// writer); nothing for people the configuration lacks.
func (m *Main) demoAnswers() []aulabot.KBResult {
	out := make([]aulabot.KBResult, len(demoAsked))
	if m.Handlers == nil || m.Handlers.Knowledge == nil {
		return out
	}
	people := map[int64]sandbox.User{}
	for _, p := range demoPeople(m.Config) {
		people[p.ID] = p
	}
	for i, q := range demoAsked {
		home, ok := demoHome[q.user]
		if _, known := people[q.user]; !ok || !known {
			continue
		}
		out[i] = m.Handlers.Knowledge.Search(context.Background(), aulabot.KBQuery{Text: q.text,
			Lang: people[q.user].LanguageCode, Audience: home[1], University: home[0]})
	}
	return out
}

// questions records the demo's unanswered questions and those asked and
// answered as the knowledge base answers them.
func (s *seeder) questions() error {
	now := s.tx.Now()
	ago := func(days int) time.Time { return now.Add(-time.Duration(days) * 24 * time.Hour) }
	for _, q := range demoQuestions {
		u, ok := s.users[q.user]
		if !ok {
			continue
		}
		_, err := s.tx.AddQuestion(aulabot.Question{UserID: u.ID, University: u.University, Role: u.Role, Lang: u.Lang,
			Text: q.text, Outcome: aulabot.OutcomeNone, At: ago(q.daysAgo)})
		if err != nil {
			return err
		}
	}
	for i, q := range demoAsked {
		u, ok := s.users[q.user]
		res := s.answers[i]
		if !ok || res.Confidence == "" {
			continue
		}
		rec := aulabot.Question{UserID: u.ID, University: u.University, Role: u.Role, Lang: u.Lang,
			Text: q.text, Outcome: res.Confidence, At: ago(q.daysAgo)}
		if res.Confidence == aulabot.OutcomeAnswer && len(res.Articles) > 0 {
			rec.ArticleID, rec.Feedback = res.Articles[0].ID, q.feedback
		}
		if _, err := s.tx.AddQuestion(rec); err != nil {
			return err
		}
	}
	return nil
}

// firstOf is the first university id of the lists.
func firstOf(lists ...[]string) string {
	for _, l := range lists {
		if len(l) > 0 {
			return l[0]
		}
	}
	return ""
}
