package main

import (
	"fmt"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/service"
	"github.com/aulabot/aulabot/store"
)

// demoTicket is a ticket to seed: who reported what, how far it got, and
// what team and requester said to each other.
type demoTicket struct {
	uni       string
	requester int64
	category  string
	text      string
	state     aulabot.TicketState
	owner     int64 // who claimed or resolved it
	talk      []demoLine
	rating    int // closed tickets: the requester's rating
}

// demoLine is one message of a ticket's conversation.
type demoLine struct {
	team bool
	text string
}

// demoTickets are in the order they were reported, the oldest first
// (tickets are numbered per university as they come): the closed, the
// resolved and the claimed ones on the last business day, the open ones
// at the start.
var demoTickets = []demoTicket{
	{uni: "unma", requester: 9002, category: aulabot.CategoryContent, state: aulabot.TicketClosed, owner: 3001, rating: 5,
		text: "Falta el sílabo en el curso de Metodología del estudio."},
	{uni: "unma", requester: 9001, category: aulabot.CategoryVideo, state: aulabot.TicketResolved, owner: 3002,
		text: "La grabación de la clase del lunes no aparece en el curso de Estadística.",
		talk: []demoLine{{team: true, text: "Ya está publicada en la sección «Grabaciones» del curso. Tardó en procesarse."}}},
	{uni: "unma", requester: 9002, category: aulabot.CategoryUpload, state: aulabot.TicketClaimed, owner: 3001,
		text: "Al subir mi tarea en PDF sale «El archivo es demasiado grande». Pesa 12 MB.",
		talk: []demoLine{
			{team: true, text: "Hola, Diego. El límite del curso es 10 MB. ¿Puedes comprimir el PDF e intentarlo de nuevo? Si no, subo el límite."},
			{text: "Lo comprimí a 8 MB pero ahora dice «tiempo de espera agotado»."},
		}},
	{uni: "unma", requester: 9001, category: aulabot.CategoryLMS, state: aulabot.TicketOpen,
		text: "Desde ayer no puedo entrar al aula virtual: dice «contraseña incorrecta» aunque ya la cambié."},
	{uni: "unvs", requester: 9003, category: aulabot.CategoryOther, state: aulabot.TicketClosed, owner: 3101, rating: 4,
		text: "Please add my teaching assistant to the course Ethics II."},
	{uni: "unvs", requester: 9003, category: aulabot.CategoryUpload, state: aulabot.TicketResolved, owner: 3101,
		text: "I cannot upload the grades spreadsheet to the gradebook."},
	{uni: "unvs", requester: 9003, category: aulabot.CategoryVideo, state: aulabot.TicketClaimed, owner: 3101,
		text: "Students hear an echo in every video conference since Monday.",
		talk: []demoLine{{team: true, text: "Hello Emma, could you tell me which browser you use and whether you share your screen with sound?"}}},
	{uni: "unvs", requester: 9003, category: aulabot.CategoryLMS, state: aulabot.TicketOpen,
		text: "My course “Research Methods” does not show up in the virtual classroom."},
}

// tickets reports, works and closes the demo tickets through the store's
// rules, and queues what a real ticket's life would have left behind: the
// post in the team group (in its current state, with its buttons), the
// conversation relayed both ways, and for a resolved ticket the request
// to rate it and its automatic close, and the timers of its state from
// now (service.Helpdesk.Seeded: an open ticket's claim reminder, a
// requester's wait for an answer). The open tickets are reported at the
// start; the others on the last business day, claimed, answered and
// resolved over its morning (workday), so that a coordinator's first
// /report shows the times a team would have.
func (s *seeder) tickets() error {
	worked := map[string]int{}
	for _, d := range demoTickets {
		uni, ok := s.m.Config.University(d.uni)
		req, known := s.users[d.requester]
		owner, hasOwner := s.users[d.owner]
		if !ok || !known || (d.state != aulabot.TicketOpen && !hasOwner) {
			continue
		}
		var day workday
		if d.state != aulabot.TicketOpen {
			day = s.workday(uni, worked[uni.ID])
			worked[uni.ID]++
		}
		var t aulabot.Ticket
		err := day.next(s.tx, 0, func() (err error) {
			t, err = s.tx.CreateTicket(aulabot.Ticket{University: uni.ID, Requester: req.ID, RequesterName: req.Name,
				RequesterRole: req.Role, Lang: req.Lang, Category: d.category, Description: d.text}, 0)
			return err
		})
		if err != nil {
			return fmt.Errorf("ticket of %d: %w", req.ID, err)
		}
		if err := s.tx.Count(service.TicketsCounter(t.University, t.Category), 1); err != nil {
			return err
		}
		if d.state == aulabot.TicketOpen {
			if err := s.post(t); err != nil {
				return err
			}
			if err := s.m.Services.Helpdesk.Seeded(s.tx, t); err != nil {
				return err
			}
			continue
		}
		if err := day.next(s.tx, workClaim, func() (err error) {
			t, err = s.tx.ClaimTicket(t.ID, owner.ID, owner.Name)
			return err
		}); err != nil {
			return err
		}
		var relays []aulabot.Message
		for _, l := range d.talk {
			msg := aulabot.TicketMessage{From: req.ID, FromName: req.Name, Text: l.text}
			if l.team {
				msg = aulabot.TicketMessage{From: owner.ID, FromName: owner.Name, Team: true, Text: l.text}
			}
			if err := day.next(s.tx, workLine, func() (err error) {
				t, msg, err = s.tx.AddTicketMessage(t.ID, msg)
				return err
			}); err != nil {
				return err
			}
			relays = append(relays, s.m.Services.Helpdesk.Relay(t, msg))
		}
		if d.state != aulabot.TicketClaimed {
			if err := day.next(s.tx, workResolve, func() (err error) {
				t, err = s.tx.ResolveTicket(t.ID, owner.ID, owner.Name)
				return err
			}); err != nil {
				return err
			}
		}
		if d.state == aulabot.TicketClosed {
			if err := day.next(s.tx, workRate, func() (err error) {
				t, err = s.tx.RateTicket(t.ID, req.ID, d.rating)
				return err
			}); err != nil {
				return err
			}
			if err := s.tx.Count(service.RatingCounter(t.University, d.rating), 1); err != nil {
				return err
			}
		}
		if err := s.post(t); err != nil {
			return err
		}
		for _, m := range relays {
			if _, err := s.tx.Enqueue(m); err != nil {
				return err
			}
		}
		if d.state == aulabot.TicketResolved {
			if err := s.askRating(t); err != nil {
				return err
			}
		}
		if err := s.m.Services.Helpdesk.Seeded(s.tx, t); err != nil {
			return err
		}
	}
	return nil
}

// post queues ticket t's post to its team group as the flows word it.
func (s *seeder) post(t aulabot.Ticket) error {
	for _, m := range s.m.Services.Helpdesk.Post(t) {
		if _, err := s.tx.Enqueue(m); err != nil {
			return err
		}
	}
	return nil
}

// askRating asks the requester of resolved ticket t to rate it, and
// schedules its automatic close, as Resolve does.
func (s *seeder) askRating(t aulabot.Ticket) error {
	msg, job := s.m.Services.Helpdesk.RatingRequest(t, s.tx.Now())
	if _, err := s.tx.Enqueue(msg); err != nil {
		return err
	}
	return s.tx.Schedule(job)
}

// How long, in business time, each step of a worked demo ticket comes
// after the one before it.
const (
	workClaim   = 15 * time.Minute
	workLine    = 25 * time.Minute
	workResolve = 70 * time.Minute
	workRate    = 2 * time.Hour
)

// workday is the clock of one worked demo ticket: each step at a time of
// business of its university after the last, never after the seed's
// start. The zero workday runs every step at the start.
type workday struct {
	at, start time.Time
	svc       *aulabot.ServiceLevels
	loc       *time.Location
}

// workday is the clock of the n-th worked demo ticket of uni: reported an
// hour after the opening of the last business day before today, the next
// ones 40 minutes apart.
func (s *seeder) workday(uni *aulabot.University, n int) workday {
	start := s.tx.Now()
	loc := s.m.Config.Loc(uni.ID)
	y, m, d := start.In(loc).Date()
	first := start
	// Two weeks back is more than any sane set of business days needs.
	for back := 1; back <= 14; back++ {
		midnight := time.Date(y, m, d-back, 0, 0, 0, 0, loc)
		open := uni.Service.AddBusiness(midnight, time.Hour, loc)
		if open.In(loc).Day() == midnight.Day() {
			first = open
			break
		}
	}
	return workday{at: uni.Service.AddBusiness(first, time.Duration(n)*40*time.Minute, loc), start: start, svc: &uni.Service, loc: loc}
}

// next runs fn with the transaction's clock after ahead more of business
// time (the zero workday: at the start).
func (w *workday) next(tx *store.Tx, ahead time.Duration, fn func() error) error {
	if w.svc == nil {
		return fn()
	}
	w.at = w.svc.AddBusiness(w.at, ahead, w.loc)
	if w.at.After(w.start) {
		w.at = w.start
	}
	return tx.Backdated(w.at, fn)
}
