package main

import (
	"fmt"

	"github.com/aulabot/aulabot"
)

// demoCourse is a course to seed: whose, what, how far it got, and which
// mentor's session (the teacher's booking with that mentor) it was for.
type demoCourse struct {
	teacher  int64
	name     string
	code     string
	modality string
	mentor   int64  // the mentor of the teacher's booked session tied to it; 0: none
	ticked   int    // how many checklist items the mentor ticked, in order
	moved    string // the LMS link once marked moved online
	comment  string // the mentor's comment to the teacher
	note     string // the mentor's private note
}

var demoCourses = []demoCourse{
	{teacher: 9001, name: "Estadística aplicada", code: "EST201", modality: aulabot.ModalityOnline, mentor: 4001, ticked: 4,
		comment: "Muy buen sílabo. Para la próxima sesión, graba un video corto de bienvenida.",
		note:    "Le cuesta organizar la semana; revisar la estructura semanal con ella."},
	{teacher: 9001, name: "Metodología del estudio universitario", code: "MET101", modality: aulabot.ModalityBlended, mentor: 4002,
		ticked: -1, moved: "https://aulavirtual.montealto.example.edu.pe/course/view.php?id=101",
		comment: "¡Curso listo y publicado! Excelente trabajo con las rúbricas."},
	{teacher: 9001, name: "Química general", modality: aulabot.ModalityBlended},
	{teacher: 9003, name: "Research Methods", code: "RM300", modality: aulabot.ModalityOnline, mentor: 4101, ticked: 2},
}

// courses registers the demo teachers' courses at different stages: one
// in progress with a session, ticks, a comment and a private note; one
// moved online; one just registered; one at the other university. It
// goes through the store's rules and queues nothing.
func (s *seeder) courses() error {
	term := aulabot.TermOf(s.tx.Now().In(s.m.Config.Loc("")))
	for _, d := range demoCourses {
		teacher, ok := s.users[d.teacher]
		if !ok {
			continue
		}
		c, err := s.tx.CreateCourse(aulabot.Course{University: teacher.University, Teacher: teacher.ID,
			Name: d.name, Code: d.code, Term: term, Modality: d.modality})
		if err != nil {
			return fmt.Errorf("course %q: %w", d.name, err)
		}
		if d.mentor == 0 {
			continue
		}
		if err := s.session(c, d.mentor); err != nil {
			return err
		}
		roles := s.m.Config.Roles(d.mentor)
		list := s.m.Config.Checklist(c.University)
		n := d.ticked
		if n < 0 || n > len(list) {
			n = len(list)
		}
		for _, it := range list[:n] {
			if _, err := s.tx.TickCourseItem(c.ID, it.ID, true, d.mentor, roles, list); err != nil {
				return fmt.Errorf("tick %s of %q: %w", it.ID, d.name, err)
			}
		}
		for _, n := range []struct {
			text   string
			shared bool
		}{{d.comment, true}, {d.note, false}} {
			if n.text == "" {
				continue
			}
			if _, err := s.tx.AddCourseNote(c.ID, n.text, n.shared, d.mentor, roles); err != nil {
				return err
			}
		}
		if d.moved != "" {
			if _, err := s.tx.MarkCourseMoved(c.ID, d.moved, d.mentor, roles, list); err != nil {
				return fmt.Errorf("move %q online: %w", d.name, err)
			}
		}
	}
	return nil
}

// session ties the teacher's next booking with mentor (seeded by slots)
// to c.
func (s *seeder) session(c aulabot.Course, mentor int64) error {
	bs, err := s.tx.UserBookings(c.Teacher)
	if err != nil {
		return err
	}
	for _, b := range bs {
		sl, ok, err := s.tx.Slot(b.Slot)
		if err != nil {
			return err
		}
		if ok && sl.Mentor == mentor && b.Status == aulabot.BookingActive && sl.Start.After(s.tx.Now()) {
			_, err := s.tx.LinkCourseBooking(c.ID, b.ID, c.Teacher)
			return err
		}
	}
	return nil
}
