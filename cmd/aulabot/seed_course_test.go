package main

import (
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

// The demo data has courses at different stages: in progress with a
// session, ticks, a comment and a private note; moved online; just
// registered; and one at the other university.
func TestSeedDemo_Courses(t *testing.T) {
	st, _ := seededDemo(t)
	var ma, vs []aulabot.Course
	st.View(func(tx *store.Tx) (err error) {
		if ma, err = tx.CoursesOfUniversity("unma"); err != nil {
			return err
		}
		vs, err = tx.CoursesOfUniversity("unvs")
		return err
	})
	if len(ma) != 3 || len(vs) != 1 {
		t.Fatalf("%d courses at unma, %d at unvs; want 3 and 1", len(ma), len(vs))
	}
	progress, moved, fresh := ma[0], ma[1], ma[2]
	if progress.Status != aulabot.CourseInProgress || len(progress.Ticks) != 4 || len(progress.Sessions) != 1 ||
		progress.Sessions[0].Mentor != 4001 || len(progress.Comments) != 1 || len(progress.Notes) != 1 || progress.Term != "2026-I" {
		t.Errorf("course in progress = %+v", progress)
	}
	if moved.Status != aulabot.CourseMoved || moved.LMSURL == "" || len(moved.Sessions) != 1 || moved.Sessions[0].Mentor != 4002 {
		t.Errorf("course moved online = %+v", moved)
	}
	if fresh.Status != aulabot.CourseInProgress || len(fresh.Ticks)+len(fresh.Sessions) != 0 {
		t.Errorf("new course = %+v", fresh)
	}
	if vs[0].Teacher != 9003 || len(vs[0].Ticks) != 2 || len(vs[0].Sessions) != 1 {
		t.Errorf("unvs's course = %+v", vs[0])
	}
}
