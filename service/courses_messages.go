package service

import (
	"github.com/aulabot/aulabot"
)

// tellTeacher queues text key (with args and the course's name) to the
// teacher of c, in their language, with a button that opens the course;
// nothing for an erased course. key makes a repeat a no-op.
func (s *Courses) tellTeacher(tx Tx, c aulabot.Course, key, text string, args ...any) error {
	if c.Teacher == 0 {
		return nil
	}
	lang := s.langOf(tx, c.Teacher)
	body := s.Cat.T(lang, text, append([]any{"course", CourseLabel(c)}, args...)...)
	_, err := tx.Enqueue(aulabot.Message{Key: key, ChatID: c.Teacher, Text: body,
		Inline: [][]aulabot.Button{{{Text: s.Cat.T(lang, "course.button_open"), Data: s.Buttons.Open(c.ID)}}}})
	return err
}

// langOf is the language of user, or the configuration's.
func (s *Courses) langOf(tx Tx, user int64) string {
	u, ok, err := tx.User(user)
	if err != nil || !ok {
		return s.Config.Language
	}
	return u.Language(s.Config.Language)
}

// maxLabel is how many characters of a course's name a label shows.
const maxLabel = 40

// CourseLabel names a course on a button or a line: its code, its name
// shortened, its term ("MA101 Cálculo I · 2027-I"); plain text.
func CourseLabel(c aulabot.Course) string {
	name := []rune(c.Name)
	if len(name) > maxLabel {
		name = append(name[:maxLabel-1], '…')
	}
	s := string(name)
	if c.Code != "" {
		s = c.Code + " " + s
	}
	return s + " · " + c.Term
}
