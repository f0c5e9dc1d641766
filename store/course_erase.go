package store

import "github.com/aulabot/aulabot"

// EraseCoursesOf removes a person from the courses that the indexes by
// teacher and by the others named give (not every course): their own
// courses as a teacher are blanked (name, code, link, comments and notes
// go, and nothing names them: their ticks keep only the time), and on any
// course their id as a mentor (sessions, ticks, audit, comments, notes)
// becomes 0 and their name goes. Dates, ticks and sessions stay for the
// anonymous counts.
func (tx *Tx) EraseCoursesOf(user int64) error {
	own, err := tx.takeCourseIDs(bCoursesTeacher, user)
	if err != nil {
		return err
	}
	named, err := tx.takeCourseIDs(bCoursesNamed, user)
	if err != nil {
		return err
	}
	cs, err := tx.coursesAt(append(own, named...))
	if err != nil {
		return err
	}
	for _, c := range cs {
		if eraseFromCourse(&c, user) {
			if err := tx.put(bCourses, u64(c.ID), c); err != nil {
				return err
			}
		}
	}
	return nil
}

// takeCourseIDs returns the course numbers under user in an index bucket
// and removes them from it.
func (tx *Tx) takeCourseIDs(bucket string, user int64) ([]uint64, error) {
	ids := tx.courseIDs(bucket, i64(user))
	for _, id := range ids {
		if err := tx.bucket(bucket).Delete(append(i64(user), u64(id)...)); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

// eraseFromCourse takes user out of c; false if c did not name them.
func eraseFromCourse(c *aulabot.Course, user int64) bool {
	found := false
	if c.Teacher == user {
		c.Teacher, c.Name, c.Code, c.LMSURL, c.Comments, c.Notes, c.Erased = 0, "", "", "", nil, nil, true
		found = true
	}
	for k, t := range c.Ticks {
		if t.By == user {
			c.Ticks[k], found = aulabot.CourseTick{At: t.At}, true
		}
	}
	for i := range c.Audit {
		if c.Audit[i].By == user {
			c.Audit[i].By, found = 0, true
		}
	}
	for i := range c.Sessions {
		if c.Sessions[i].Mentor == user {
			c.Sessions[i].Mentor, c.Sessions[i].MentorName, found = 0, "", true
		}
	}
	for _, notes := range [][]aulabot.CourseNote{c.Comments, c.Notes} {
		for i := range notes {
			if notes[i].By == user {
				notes[i].By, found = 0, true
			}
		}
	}
	return found
}
