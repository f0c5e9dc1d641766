package store_test

import (
	"fmt"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

// BenchmarkEraseCoursesOf erases, inside /deletemydata's write
// transaction, a teacher with one course beside 1,000 and 10,000 courses
// of others, each with five items ticked by its teacher and a mentor and
// a mentor's note: what it reads is the person's, so it should cost the
// same at both sizes. Each iteration creates the teacher's course and
// erases it, two commits without fsync.
func BenchmarkEraseCoursesOf(b *testing.B) {
	for nth, n := range []int{1000, 10000} {
		if nth > 0 && testing.Short() {
			break // -short, as the CI's run of every benchmark once: the smallest size
		}
		b.Run(fmt.Sprintf("courses=%d", n), func(b *testing.B) {
			s, _ := open(b)
			for from := 0; from < n; from += 500 {
				err := s.Update(func(tx *store.Tx) error {
					for i := from; i < min(n, from+500); i++ {
						c, err := tx.CreateCourse(aulabot.Course{University: "unma", Teacher: int64(100000 + i/3), Name: fmt.Sprint("Curso ", i), Code: "MA101", Term: "2027-I", Modality: aulabot.ModalityOnline})
						if err != nil {
							return err
						}
						for k, item := range checklist[:5] {
							by, roles := c.Teacher, aulabot.Roles{}
							if k%2 == 1 {
								by, roles = mentorA, mentorRoles
							}
							if _, err := tx.TickCourseItem(c.ID, item.ID, true, by, roles, checklist); err != nil {
								return err
							}
						}
						if _, err := tx.AddCourseNote(c.ID, "revisar el foro", false, mentorA, mentorRoles); err != nil {
							return err
						}
					}
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			i := 0
			for b.Loop() {
				i++
				teacher := int64(900000 + i)
				if err := s.Update(func(tx *store.Tx) error {
					_, err := tx.CreateCourse(aulabot.Course{University: "unma", Teacher: teacher, Name: "Álgebra", Code: "MA102", Term: "2027-I", Modality: aulabot.ModalityOnline})
					return err
				}); err != nil {
					b.Fatal(err)
				}
				if err := s.Update(func(tx *store.Tx) error { return tx.EraseCoursesOf(teacher) }); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
