package main

import (
	"fmt"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/service"
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

var demoTickets = []demoTicket{
	{uni: "unma", requester: 9001, category: aulabot.CategoryLMS, state: aulabot.TicketOpen,
		text: "Desde ayer no puedo entrar al aula virtual: dice «contraseña incorrecta» aunque ya la cambié."},
	{uni: "unma", requester: 9002, category: aulabot.CategoryUpload, state: aulabot.TicketClaimed, owner: 3001,
		text: "Al subir mi tarea en PDF sale «El archivo es demasiado grande». Pesa 12 MB.",
		talk: []demoLine{
			{team: true, text: "Hola, Diego. El límite del curso es 10 MB. ¿Puedes comprimir el PDF e intentarlo de nuevo? Si no, subo el límite."},
			{text: "Lo comprimí a 8 MB pero ahora dice «tiempo de espera agotado»."},
		}},
	{uni: "unma", requester: 9001, category: aulabot.CategoryVideo, state: aulabot.TicketResolved, owner: 3002,
		text: "La grabación de la clase del lunes no aparece en el curso de Estadística.",
		talk: []demoLine{{team: true, text: "Ya está publicada en la sección «Grabaciones» del curso. Tardó en procesarse."}}},
	{uni: "unma", requester: 9002, category: aulabot.CategoryContent, state: aulabot.TicketClosed, owner: 3001, rating: 5,
		text: "Falta el sílabo en el curso de Metodología del estudio."},
	{uni: "unvs", requester: 9003, category: aulabot.CategoryLMS, state: aulabot.TicketOpen,
		text: "My course “Research Methods” does not show up in the virtual classroom."},
	{uni: "unvs", requester: 9003, category: aulabot.CategoryVideo, state: aulabot.TicketClaimed, owner: 3101,
		text: "Students hear an echo in every video conference since Monday.",
		talk: []demoLine{{team: true, text: "Hello Emma, could you tell me which browser you use and whether you share your screen with sound?"}}},
	{uni: "unvs", requester: 9003, category: aulabot.CategoryUpload, state: aulabot.TicketResolved, owner: 3101,
		text: "I cannot upload the grades spreadsheet to the gradebook."},
	{uni: "unvs", requester: 9003, category: aulabot.CategoryOther, state: aulabot.TicketClosed, owner: 3101, rating: 4,
		text: "Please add my teaching assistant to the course Ethics II."},
}

// tickets reports, works and closes the demo tickets through the store's
// rules, and queues what a real ticket's life would have left behind: the
// post in the team group (in its current state, with its buttons), the
// conversation relayed both ways, and for a resolved ticket the request
// to rate it and its automatic close, and the timers of its state from
// now (service.Helpdesk.Seeded: an open ticket's claim reminder, a
// requester's wait for an answer), as if reported and answered at the
// start.
func (s *seeder) tickets() error {
	for _, d := range demoTickets {
		uni, ok := s.m.Config.University(d.uni)
		req, known := s.users[d.requester]
		owner, hasOwner := s.users[d.owner]
		if !ok || !known || (d.state != aulabot.TicketOpen && !hasOwner) {
			continue
		}
		t, err := s.tx.CreateTicket(aulabot.Ticket{University: uni.ID, Requester: req.ID, RequesterName: req.Name,
			RequesterRole: req.Role, Lang: req.Lang, Category: d.category, Description: d.text}, 0)
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
		if t, err = s.tx.ClaimTicket(t.ID, owner.ID, owner.Name); err != nil {
			return err
		}
		var relays []aulabot.Message
		for _, l := range d.talk {
			msg := aulabot.TicketMessage{From: req.ID, FromName: req.Name, Text: l.text}
			if l.team {
				msg = aulabot.TicketMessage{From: owner.ID, FromName: owner.Name, Team: true, Text: l.text}
			}
			if t, msg, err = s.tx.AddTicketMessage(t.ID, msg); err != nil {
				return err
			}
			relays = append(relays, s.m.Services.Helpdesk.Relay(t, msg))
		}
		if d.state != aulabot.TicketClaimed {
			if t, err = s.tx.ResolveTicket(t.ID, owner.ID, owner.Name); err != nil {
				return err
			}
		}
		if d.state == aulabot.TicketClosed {
			if t, err = s.tx.RateTicket(t.ID, req.ID, d.rating); err != nil {
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
