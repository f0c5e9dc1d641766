package handlers_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/handlers/htest"
	"github.com/aulabot/aulabot/store"
)

var (
	teacherMA = htest.Person(7001, "en")
	teacher2  = htest.Person(7002, "en")
	mentorMA  = htest.Person(4001, "en")
)

// allText joins the texts of msgs.
func allText(msgs []aulabot.Message) string {
	var b strings.Builder
	for _, m := range msgs {
		b.WriteString(m.Text + "\n")
	}
	return b.String()
}

// addCourse takes p through /mycourses → Add a course with name, no
// code, the first suggested term and fully online; it returns the course.
func addCourse(t *testing.T, e *htest.Env, p aulabot.Person, name string) aulabot.Course {
	t.Helper()
	out := e.Text(p, 0, "📚 My courses") // the menu button's text
	add := htest.Buttons(out)["➕ Add a course"]
	if add == "" {
		t.Fatalf("/mycourses has no Add a course: %q", allText(out))
	}
	e.Press(p, 0, 0, add)
	out = e.Text(p, 0, name)
	e.Press(p, 0, 0, htest.Buttons(out)["⏭ Skip"])
	out = e.Text(p, 0, "2026-I")
	out = e.Press(p, 0, 0, htest.Buttons(out)["💻 Fully online"])
	if !strings.Contains(allText(out), "I registered") {
		t.Fatalf("adding %q said %q", name, allText(out))
	}
	var cs []aulabot.Course
	e.Store.View(func(tx *store.Tx) (err error) { cs, err = tx.CoursesOf(p.ID); return err })
	return cs[len(cs)-1]
}

func TestCourses_AddAndChecklist(t *testing.T) {
	e := newEnv(t)
	e.Onboard(teacherMA, "unma", aulabot.RoleTeacher)
	c := addCourse(t, e, teacherMA, "Cálculo <I>")
	if c.Name != "Cálculo <I>" || c.Term != "2026-I" || c.Modality != aulabot.ModalityOnline || c.University != "unma" {
		t.Fatalf("course = %+v", c)
	}
	out := e.Press(teacherMA, 0, 0, fmt.Sprintf("crs:v:%d", c.ID))
	text := allText(out)
	if !strings.Contains(text, "Cálculo &lt;I&gt;") || !strings.Contains(text, "Progress: 0 of 9 steps") || !strings.Contains(text, "⬜ Learning outcomes written") {
		t.Fatalf("course view = %q", text)
	}
	b := htest.Buttons(out)
	if b["📖"] == "" || !strings.HasPrefix(b["⬜ Syllabus adapted for online teaching"], "crs:t:") {
		t.Fatalf("buttons = %v", b)
	}
	// Each item links to its article in the reader's language.
	var articles []string
	for _, row := range out[0].Inline {
		for _, btn := range row {
			if strings.HasPrefix(btn.Data, "kb:a:0:") {
				articles = append(articles, strings.TrimPrefix(btn.Data, "kb:a:0:"))
			}
		}
	}
	if len(articles) != 9 || articles[0] != "learning-outcomes" || articles[8] != "moodle-upload-content" {
		t.Fatalf("articles = %v", articles)
	}
	if _, ok := b["🎓 Moved online"]; ok {
		t.Fatal("the teacher is offered Moved online: only mentors decide")
	}
	// The teacher ticks a step: the message is edited in place.
	out = e.Press(teacherMA, 0, int(out[0].ID), b["⬜ Syllabus adapted for online teaching"])
	if len(out) != 1 || out[0].EditMessageID == 0 || !strings.Contains(out[0].Text, "✅ Syllabus adapted") || !strings.Contains(out[0].Text, "Progress: 1 of 9") {
		t.Fatalf("tick = %+v", out)
	}
	// The article button opens the article.
	out = e.Press(teacherMA, 0, 0, "kb:a:0:"+articles[1])
	if !strings.Contains(allText(out), "syllabus") {
		t.Fatalf("article = %q", allText(out))
	}
	// The list says what its marks and figures are (since 6 December).
	if list := allText(e.Text(teacherMA, 0, "/mycourses")); !strings.Contains(list, "🔄 Cálculo &lt;I&gt; · 2026-I: 1/9") ||
		!strings.Contains(list, "<i>🔄 in progress · 🎓 moved online · the figure: checklist steps ticked</i>") {
		t.Errorf("/mycourses = %q", list)
	}
}

// A course's name typed under /mycourses opens it, as any list's button
// typed; a box of its checklist is ticked only by its whole words typed
// ("forums" alone is a question about forums as much as the box).
func TestCourses_Typed(t *testing.T) {
	e := newEnv(t)
	e.Onboard(teacherMA, "unma", aulabot.RoleTeacher)
	addCourse(t, e, teacherMA, "Química general")
	e.Text(teacherMA, 0, "/mycourses")
	if out := allText(e.Text(teacherMA, 0, "química")); !strings.Contains(out, "Progress: 0 of 9 steps") {
		t.Fatalf("\"química\" typed under /mycourses: %q, want the course", out)
	}
	if out := allText(e.Text(teacherMA, 0, "forums")); strings.Contains(out, "Progress: 1 of 9") {
		t.Errorf("\"forums\" typed under the checklist ticked a box: %q", out)
	}
	e.Text(teacherMA, 0, "/mycourses")
	e.Text(teacherMA, 0, "química")
	if out := allText(e.Text(teacherMA, 0, "forums with clear prompts")); !strings.Contains(out, "Progress: 1 of 9") {
		t.Errorf("a box's words typed whole: %q, want it ticked", out)
	}
}

func TestCourses_BadInput(t *testing.T) {
	e := newEnv(t)
	e.Onboard(teacherMA, "unma", aulabot.RoleTeacher)
	e.Onboard(teacher2, "unma", aulabot.RoleTeacher)
	c := addCourse(t, e, teacherMA, "Física")
	count := func() int {
		var cs []aulabot.Course
		e.Store.View(func(tx *store.Tx) (err error) { cs, err = tx.CoursesOfUniversity("unma"); return err })
		return len(cs)
	}
	t.Run("Names", func(t *testing.T) {
		e.Press(teacher2, 0, 0, "crs:add")
		for _, tc := range []struct{ text, want string }{
			{"\u200b  ", "The course name is empty"},
			{strings.Repeat("n", 300), "That name is too long (at most 120 characters)"},
		} {
			if got := allText(e.Text(teacher2, 0, tc.text)); !strings.Contains(got, tc.want) {
				t.Errorf("name %.10q: %q, want %q", tc.text, got, tc.want)
			}
		}
		// Still asking for the name: a good one goes on to the code.
		if got := allText(e.Text(teacher2, 0, "Química")); !strings.Contains(got, "code") {
			t.Errorf("after bad names a good one says %q", got)
		}
		e.Text(teacher2, 0, "/cancel")
		if n := count(); n != 1 {
			t.Fatalf("%d courses, want 1", n)
		}
	})
	before, _ := e.Store.ViewCourse(c.ID, teacherMA.ID, aulabot.Roles{})
	for _, tc := range []struct {
		name string
		who  aulabot.Person
		data string
		want string
	}{
		{"UnknownItem", teacherMA, fmt.Sprintf("crs:t:%d:nope:1", c.ID), "That step is not on this course's checklist."},
		{"ForgedTick", teacher2, fmt.Sprintf("crs:t:%d:syllabus:1", c.ID), "I can't find that course (or it is not yours)."},
		{"ForgedOpen", teacher2, fmt.Sprintf("crs:v:%d", c.ID), "I can't find that course (or it is not yours)."},
		{"ForgedDecide", teacherMA, fmt.Sprintf("crs:m:%d", c.ID), "Only the university's mentors can do that with a course."},
		{"ForgedBooking", teacher2, fmt.Sprintf("crs:b:1:%d", c.ID), "I can't find that course (or it is not yours)."},
		{"BadData", teacherMA, "crs:t:x:syllabus:1", "no longer valid"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := e.Press(tc.who, 0, 0, tc.data)
			if a := e.LastAnswer(); !a.Alert || !strings.Contains(a.Text, tc.want) {
				t.Errorf("answer = %+v, want an alert %q", a, tc.want)
			}
			if len(out) != 0 {
				t.Errorf("a refused press sent %q", allText(out))
			}
			after, _ := e.Store.ViewCourse(c.ID, teacherMA.ID, aulabot.Roles{})
			if fmt.Sprint(after) != fmt.Sprint(before) {
				t.Errorf("a refused press changed the course:\n%+v\n%+v", before, after)
			}
		})
	}
}

// sessionForCourse books teacherMA a personal session with mentor in two
// days and ties it to course c, as the teacher's button does; it returns
// the slot and what the bot answered.
func sessionForCourse(t *testing.T, e *htest.Env, mentor int64, c aulabot.Course) (aulabot.Slot, []aulabot.Message) {
	t.Helper()
	sl, err := e.Store.CreateSlot("unma", mentor, "Mentor", aulabot.NewSlot{Start: e.Now().Add(48 * time.Hour), Minutes: 60, Kind: aulabot.SlotPersonal, Capacity: 1})
	if err != nil {
		t.Fatal(err)
	}
	u, _, _ := e.Store.User(teacherMA.ID)
	bk, err := e.Store.BookSlot(sl.ID, u, aulabot.BookingRules{})
	if err != nil {
		t.Fatal(err)
	}
	return sl, e.Press(teacherMA, 0, 0, fmt.Sprintf("crs:b:%d:%d", bk.ID, c.ID))
}

// TestCourses_SessionNotAboutACourse: "➖ None: another subject" under
// the question of the session's course takes the question's buttons off
// and says so, tying nothing.
func TestCourses_SessionNotAboutACourse(t *testing.T) {
	e := newEnv(t)
	e.Onboard(teacherMA, "unma", aulabot.RoleTeacher)
	addCourse(t, e, teacherMA, "Cálculo I")
	sl, err := e.Store.CreateSlot("unma", mentorMA.ID, "Mentor", aulabot.NewSlot{Start: e.Now().Add(48 * time.Hour), Minutes: 60, Kind: aulabot.SlotPersonal, Capacity: 1})
	if err != nil {
		t.Fatal(err)
	}
	out := e.Press(teacherMA, 0, 0, fmt.Sprintf("bk:c:%d", sl.ID))
	none := htest.Buttons(out)["➖ None: another subject"]
	if none == "" || !strings.Contains(allText(out), "Which of your courses") {
		t.Fatalf("the question after the booking: %q %v", allText(out), htest.Buttons(out))
	}
	ask := find(out, "Which of your courses")
	out = e.Press(teacherMA, 0, int(ask.ID), none)
	if m := find(out, "Understood: this session is not about one of your courses"); m == nil || m.EditMessageID != int(ask.ID) || len(m.Inline) != 0 {
		t.Errorf("after None: %q", allText(out))
	}
	e.Store.View(func(tx *storeTx) error {
		if c, tied, _ := tx.CourseOfBooking(1); tied {
			t.Errorf("the session was tied to %+v", c)
		}
		return nil
	})
}

// TestCourses_MentorJourney: a teacher's session is tied to a course, the
// mentor finds it in /mycourses, ticks every step, adds a private note
// and a comment, and marks it moved online; the teacher is told, sees the
// comment but never the note; ticking is then refused; the coordinator's
// counts change; the course can be reopened.
func TestCourses_MentorJourney(t *testing.T) {
	e := newEnv(t)
	e.Onboard(teacherMA, "unma", aulabot.RoleTeacher)
	c := addCourse(t, e, teacherMA, "Cálculo I")
	sl, out := sessionForCourse(t, e, mentorMA.ID, c)
	if !strings.Contains(allText(out), "I noted the session for <b>Cálculo I · 2026-I</b>") {
		t.Fatalf("link = %q", allText(out))
	}

	// The mentor's slot panel names the course the seat was booked for,
	// with a button to its checklist.
	out = e.Press(mentorMA, 0, 0, fmt.Sprintf("sl:v:%d", sl.ID))
	if !strings.Contains(allText(out), "📚 Cálculo I · 2026-I") || htest.Buttons(out)["📚 Cálculo I · 2026-I"] != fmt.Sprintf("crs:v:%d", c.ID) {
		t.Fatalf("slot panel = %q %v", allText(out), htest.Buttons(out))
	}

	out = e.Text(mentorMA, 0, "/mycourses")
	open := htest.Buttons(out)["🔄 Cálculo I · 2026-I"]
	if !strings.Contains(allText(out), "Courses with sessions with you") || open == "" {
		t.Fatalf("mentor's /mycourses = %q %v", allText(out), htest.Buttons(out))
	}
	out = e.Press(mentorMA, 0, 0, open)
	if !strings.Contains(allText(out), "Teacher: User7001") || !strings.Contains(allText(out), "Mentoring sessions: 1") {
		t.Fatalf("mentor's view = %q", allText(out))
	}
	// Moved online before every step is ticked is refused.
	e.Press(mentorMA, 0, 0, htest.Buttons(out)["🎓 Moved online"])
	if a := e.LastAnswer(); !a.Alert || !strings.Contains(a.Text, "9 required steps are still unticked") {
		t.Fatalf("early decision: %+v", a)
	}
	for _, it := range aulabot.BuiltinChecklist {
		e.Press(mentorMA, 0, 0, fmt.Sprintf("crs:t:%d:%s:1", c.ID, it.ID))
	}
	e.Press(mentorMA, 0, 0, fmt.Sprintf("crs:n:%d", c.ID))
	e.Text(mentorMA, 0, "Needs help with Moodle quizzes")
	e.Press(mentorMA, 0, 0, fmt.Sprintf("crs:c:%d", c.ID))
	out = e.Text(mentorMA, 0, "Great weekly structure")
	if told := allText(to(out, teacherMA.ID)); !strings.Contains(told, "Your mentor's comment on <b>Cálculo I · 2026-I</b>:\nGreat weekly structure") {
		t.Fatalf("teacher told %q", told)
	}
	e.Press(mentorMA, 0, 0, fmt.Sprintf("crs:m:%d", c.ID))
	if got := allText(e.Text(mentorMA, 0, "not a link")); !strings.Contains(got, "That does not look like a link") {
		t.Fatalf("bad link: %q", got)
	}
	out = e.Text(mentorMA, 0, "aulavirtual.montealto.example.edu.pe/course/view.php?id=42") // read as https:// (aulabot.TypedLink)
	if !strings.Contains(allText(to(out, mentorMA.ID)), "Marked as moved online") {
		t.Fatalf("decision: %q", allText(out))
	}
	if told := allText(to(out, teacherMA.ID)); !strings.Contains(told, "Congratulations! Your mentor marked <b>Cálculo I · 2026-I</b> as moved online") {
		t.Fatalf("teacher told %q", told)
	}

	out = e.Press(teacherMA, 0, 0, fmt.Sprintf("crs:v:%d", c.ID))
	text := allText(out)
	if !strings.Contains(text, "Great weekly structure") || strings.Contains(text, "Moodle quizzes") || strings.Contains(text, "Private notes") {
		t.Fatalf("teacher's view shows the private note or misses the comment: %q", text)
	}
	if !strings.Contains(text, "Moved online</b>, published at") {
		t.Fatalf("teacher's view = %q", text)
	}
	// Told moved once it is: the checklist says so, without the word that
	// the mentor decides (TestCourses_MoveTold).
	if got := allText(e.Text(teacherMA, 0, "ya terminé de pasar cálculo a virtual")); !strings.Contains(got, "Moved online</b>, published at") || strings.Contains(got, "Well done") {
		t.Fatalf("a course moved told moved: %q", got)
	}
	e.Press(teacherMA, 0, 0, fmt.Sprintf("crs:t:%d:syllabus:0", c.ID))
	if a := e.LastAnswer(); !strings.Contains(a.Text, "already marked as moved online") {
		t.Fatalf("untick on a moved course: %+v", a)
	}

	out = e.Text(coordMA, 0, "/mycourses")
	if got := allText(out); !strings.Contains(got, "Total: registered 1 · in progress 0 · moved online 1") ||
		!strings.Contains(got, "Mentor Mentor: registered 1") || !strings.Contains(got, "median per course moved online: days 0 · sessions 1") ||
		!strings.Contains(got, "left for last: Published in the virtual classroom (1)") {
		t.Fatalf("coordinator's counts = %q", got)
	}

	out = e.Press(mentorMA, 0, 0, fmt.Sprintf("crs:r:%d", c.ID))
	if !strings.Contains(allText(to(out, teacherMA.ID)), "Your mentor reopened") || !strings.Contains(allText(to(out, mentorMA.ID)), "Progress: 9 of 9") {
		t.Fatalf("reopen = %q", allText(out))
	}
}

// After /deletemydata the teacher's course names, comments and notes are
// gone, and the coordinator's counts still count the course.
func TestCourses_DeleteMyData(t *testing.T) {
	e := newEnv(t)
	e.Onboard(teacherMA, "unma", aulabot.RoleTeacher)
	c := addCourse(t, e, teacherMA, "Historia del Perú")
	e.Press(mentorMA, 0, 0, fmt.Sprintf("crs:n:%d", c.ID))
	e.Text(mentorMA, 0, "private words")
	out := e.Text(teacherMA, 0, "/deletemydata")
	e.Press(teacherMA, 0, int(out[0].ID), "del:yes")
	var all []aulabot.Course
	err := e.Store.View(func(tx *store.Tx) (err error) { all, err = tx.CoursesOfUniversity("unma"); return err })
	if err != nil || len(all) != 1 {
		t.Fatalf("courses after deletion: %+v, %v", all, err)
	}
	if s := fmt.Sprintf("%+v", all[0]); strings.Contains(s, "Historia") || strings.Contains(s, "private words") || all[0].Teacher != 0 {
		t.Fatalf("the erased course still holds %s", s)
	}
	if got := allText(e.Text(coordMA, 0, "/mycourses")); !strings.Contains(got, "Total: registered 1 · in progress 1") {
		t.Fatalf("counts after deletion = %q", got)
	}
}

// The longest course message fits in one Telegram message: a university's
// checklist of the most items with the longest titles, the longest name,
// and many of the longest comments and notes, all of characters that
// HTML escapes.
func TestCourses_LongestFits(t *testing.T) {
	cfg := config.Demo()
	cfg.Language = aulabot.LangEN
	u, _ := cfg.University("unma")
	for i := range aulabot.MaxChecklist {
		u.Checklist = append(u.Checklist, aulabot.ChecklistItem{ID: fmt.Sprintf("item-%02d", i), Title: strings.Repeat("&", 100), Article: strings.Repeat("a", 57)})
	}
	e := htest.New(t, cfg)
	e.Onboard(teacherMA, "unma", aulabot.RoleTeacher)
	c := addCourse(t, e, teacherMA, strings.Repeat("<", aulabot.MaxCourseName))
	for i := range 5 {
		for _, kind := range []string{"c", "n"} {
			e.Press(mentorMA, 0, 0, fmt.Sprintf("crs:%s:%d", kind, c.ID))
			e.Text(mentorMA, 0, strings.Repeat("&", aulabot.MaxCourseNote-1)+fmt.Sprint(i))
		}
	}
	for _, p := range []aulabot.Person{teacherMA, mentorMA} {
		out := e.Press(p, 0, 0, fmt.Sprintf("crs:v:%d", c.ID))
		if len(out) != 1 || !strings.Contains(out[0].Text, "…") {
			t.Fatalf("%d's view = %+v", p.ID, out)
		}
	}
}

// TestCourses_CodeInTheName: a teacher who types the code with the name
// ("BIO110 Biología celular", as courses are listed) is not asked for it
// again: it was recorded twice ("BIO110 BIO110 Biología celular").
func TestCourses_CodeInTheName(t *testing.T) {
	e := newEnv(t)
	e.Onboard(teacherMA, "unma", aulabot.RoleTeacher)
	e.Press(teacherMA, 0, 0, htest.Buttons(e.Text(teacherMA, 0, "/mycourses"))["➕ Add a course"])
	out := e.Text(teacherMA, 0, "BIO110 Cell biology")
	if !strings.Contains(allText(out), "In which term") || htest.Buttons(out)["⏭ Skip"] != "" {
		t.Fatalf("after a name with its code: %q", allText(out))
	}
	e.Text(teacherMA, 0, "2026-I")
	out = e.Press(teacherMA, 0, 0, "crs:mod:online")
	var cs []aulabot.Course
	e.Store.View(func(tx *store.Tx) (err error) { cs, err = tx.CoursesOf(teacherMA.ID); return err })
	if len(cs) != 1 || cs[0].Code != "BIO110" || cs[0].Name != "Cell biology" || strings.Count(allText(out), "BIO110") != strings.Count(allText(out), "BIO110 Cell biology") {
		t.Errorf("courses %+v, said %q", cs, allText(out))
	}
}

// TestCourses_EmptyLists: /mycourses with nothing to list says why to a
// student and to a mentor, and gives a coordinator the counts alone (each
// got a bare title).
func TestCourses_EmptyLists(t *testing.T) {
	e := newEnv(t)
	student := htest.Person(7101, "en")
	e.Onboard(student, "unma", aulabot.RoleStudent)
	if got := allText(e.Text(student, 0, "/mycourses")); !strings.Contains(got, "Here teachers follow the courses") || !strings.Contains(got, "/profile") {
		t.Errorf("a student's /mycourses: %q", got)
	}
	if got := allText(e.Text(mentorMA, 0, "/mycourses")); !strings.Contains(got, "No course has had a session with you yet") {
		t.Errorf("a mentor's /mycourses with none: %q", got)
	}
	if got := allText(e.Text(htest.Person(3001, "en"), 0, "/mycourses")); !strings.Contains(got, "Here teachers follow the courses") || strings.Contains(got, "/profile") {
		t.Errorf("a technician's /mycourses: %q", got)
	}
	out := e.Text(coordMA, 0, "/mycourses")
	if len(out) != 1 || strings.Contains(out[0].Text, "My courses") || !strings.Contains(out[0].Text, "Total: registered 0") {
		t.Errorf("a coordinator's /mycourses: %q, want the counts alone", allText(out))
	}
	e.Onboard(teacherMA, "unma", aulabot.RoleTeacher)
	c := addCourse(t, e, teacherMA, "Historia del Perú")
	e.Press(mentorMA, 0, 0, fmt.Sprintf("crs:n:%d", c.ID)) // a note names the mentor, no session does
	e.Text(mentorMA, 0, "revisar el foro")
	if got := allText(e.Text(mentorMA, 0, "/mycourses")); !strings.Contains(got, "No course has had a session with you yet") {
		t.Errorf("a mentor's /mycourses after a note only: %q", got)
	}
}

// TestCourses_StepToldDone: a teacher's words that tell a step of their
// course's checklist done ("ya subí el sílabo", "I've published the
// course") ask whether to tick it, in the course they name or in each
// where it is still to do, a button each that ticks it; one ticked
// already says so. A question, a problem told with it, words of two steps
// or of none, and a teacher with no course are read as before. "ya subí
// el sílabo de MET101" got "I don't know" and reached /gaps (seen in the
// sandbox).
func TestCourses_StepToldDone(t *testing.T) {
	e := newEnv(t)
	e.Onboard(teacherMA, "unma", aulabot.RoleTeacher)
	calc := addCourse(t, e, teacherMA, "Cálculo diferencial")
	stats := addCourse(t, e, teacherMA, "Estadística aplicada")

	out := e.Text(teacherMA, 0, "ya subí el sílabo de estadística")
	b := htest.Buttons(out)
	if !strings.Contains(allText(out), "Shall I tick «Syllabus adapted for online teaching» as done in Estadística aplicada") || len(b) != 1 ||
		b["✅ Estadística aplicada · 2026-I"] != fmt.Sprintf("crs:t:%d:syllabus:1", stats.ID) {
		t.Fatalf("a step told done in a course named: %q %v", allText(out), b)
	}
	got := e.PressOn(teacherMA, out[0], b["✅ Estadística aplicada · 2026-I"])
	if len(got) != 1 || got[0].EditMessageID == 0 || !strings.Contains(got[0].Text, "✅ Syllabus adapted") || !strings.Contains(got[0].Text, "Progress: 1 of 9") {
		t.Fatalf("the tick pressed: %q, want the course's checklist with it ticked, in place", allText(got))
	}

	out = e.Text(teacherMA, 0, "I've finished the forums")
	b = htest.Buttons(out)
	if !strings.Contains(allText(out), "In which of your courses shall I tick «Forums with clear prompts» as done?") || len(b) != 2 ||
		b["✅ Cálculo diferencial · 2026-I"] != fmt.Sprintf("crs:t:%d:forums:1", calc.ID) {
		t.Errorf("a step told done in no course named: %q %v, want each course to choose", allText(out), b)
	}
	out = e.Text(teacherMA, 0, "listo el sílabo de estadística")
	if !strings.Contains(allText(out), "«Syllabus adapted for online teaching» is already ticked in Estadística aplicada") {
		t.Errorf("a step ticked already: %q", allText(out))
	}
	for _, typed := range []string{
		"ya subí el sílabo, ¿ahora qué hago?",
		"ya subí los videos pero no se ven",
		"ya terminé los foros y las rúbricas",
		"ya tengo dudas con las rúbricas",
		"ya terminé",
	} {
		if strings.Contains(allText(e.Text(teacherMA, 0, typed)), "tick") {
			t.Errorf("%q: asked to tick a step", typed)
		}
	}
	e.Onboard(teacher2, "unma", aulabot.RoleTeacher)
	if strings.Contains(allText(e.Text(teacher2, 0, "ya subí el sílabo")), "tick") {
		t.Error("a teacher with no course asked to tick a step")
	}
}

// TestCourses_AskedByName: a teacher's request for their courses naming
// one ("¿qué me falta en mi curso de estadística?") opens its checklist,
// and "quiero registrar un curso nuevo" begins the registration (they got
// suggestions and an article on reusing a course, seen in the sandbox);
// the same words naming no course of theirs are read as before.
func TestCourses_AskedByName(t *testing.T) {
	e := newEnv(t)
	e.Onboard(teacherMA, "unma", aulabot.RoleTeacher)
	addCourse(t, e, teacherMA, "Cálculo diferencial")
	addCourse(t, e, teacherMA, "Estadística aplicada")
	if got := allText(e.Text(teacherMA, 0, "¿qué me falta en mi curso de estadística?")); !strings.Contains(got, "Estadística aplicada") ||
		!strings.Contains(got, "Progress: 0 of 9") || strings.Contains(got, "Cálculo") {
		t.Errorf("a course named: %q, want its checklist", got)
	}
	if got := allText(e.Text(teacherMA, 0, "¿qué me falta en mi curso de química?")); strings.Contains(got, "Progress:") {
		t.Errorf("a course not theirs: %q, want no checklist", got)
	}
	if got := allText(e.Text(teacherMA, 0, "quiero registrar un curso nuevo")); !strings.Contains(got, e.H.Catalog().T("en", "course.ask_name")) {
		t.Errorf("\"quiero registrar un curso nuevo\": %q, want the course's name asked", got)
	}
	e.Text(teacherMA, 0, "/cancel")
	// The name given with the request (suggestions, seen in the sandbox;
	// since the night of 7 to 8 December): read, shown, its code asked.
	out := e.Text(teacherMA, 0, "agrega mi curso de física")
	if got := allText(out); !strings.Contains(got, "📚 Course: <b>Física</b>") || !strings.Contains(got, e.H.Catalog().T("en", "course.ask_code")) {
		t.Fatalf("\"agrega mi curso de física\": %q, want the name read and the code asked", got)
	}
	e.Press(teacherMA, 0, 0, htest.Buttons(out)["⏭ Skip"])
	e.Text(teacherMA, 0, "2026-I")
	e.Press(teacherMA, 0, 0, "crs:mod:"+aulabot.ModalityOnline)
	var cs []aulabot.Course
	e.Store.View(func(tx *store.Tx) (err error) { cs, err = tx.CoursesOf(teacherMA.ID); return err })
	if len(cs) != 3 || cs[2].Name != "Física" {
		t.Errorf("courses %+v, want Física registered third", cs)
	}
	if got := allText(e.Text(teacherMA, 0, "¿cómo agrego un curso de moodle?")); strings.Contains(got, "Course: <b>") {
		t.Errorf("a question about Moodle: %q, want no course begun", got)
	}
}

// TestCourses_QuestionAtTheName: a question typed where the course's
// name is asked for ("how do I share my screen with sound in zoom" became
// a course's name, seen in the sandbox) is answered, and the registration
// left with a line that says so; a name that begins as a question's words
// do ("Cómo aprender a aprender") is the name.
func TestCourses_QuestionAtTheName(t *testing.T) {
	e := newEnv(t)
	e.Onboard(teacherMA, "unma", aulabot.RoleTeacher)
	for _, asked := range []string{"how do I share my screen with sound in zoom", "¿dónde subo el sílabo?", "cómo puedo subir un video"} {
		e.Text(teacherMA, 0, "/mycourses")
		e.Press(teacherMA, 0, 0, "crs:add")
		out := e.Text(teacherMA, 0, asked)
		got := allText(out)
		if !strings.HasPrefix(got, e.H.Catalog().T("en", "course.name_asked")) || !articlesOffered(out) {
			t.Errorf("%q at the name: %q, want the line and articles", asked, got)
		}
		var cs []aulabot.Course
		e.Store.View(func(tx *store.Tx) (err error) { cs, err = tx.CoursesOf(teacherMA.ID); return err })
		if st := stateOf(t, e, teacherMA).Flow; st != "" || len(cs) != 0 {
			t.Errorf("%q at the name: flow %q, courses %+v, want none", asked, st, cs)
		}
	}
	e.Text(teacherMA, 0, "/mycourses")
	e.Press(teacherMA, 0, 0, "crs:add")
	if got := allText(e.Text(teacherMA, 0, "Cómo aprender a aprender")); !strings.Contains(got, e.H.Catalog().T("en", "course.ask_code")) {
		t.Errorf("a name that begins with \"cómo\": %q, want its code asked", got)
	}
}

// TestCourses_CodeNoneAndTermInWords: at a course's registration "no
// tiene código" is Skip and "este semestre", "el próximo ciclo" the terms
// the buttons name (each became the code or the term, seen in the
// sandbox); a term's own name is kept as typed.
func TestCourses_CodeNoneAndTermInWords(t *testing.T) {
	e := newEnv(t)
	e.Onboard(teacherMA, "unma", aulabot.RoleTeacher)
	for _, c := range []struct{ name, code, term, want string }{
		{"Física I", "no tiene código", "este semestre", "2026-I"},
		{"Química", "sin código", "el próximo ciclo", "2026-II"},
		{"Biología", "BIO110", "Verano 2027", "Verano 2027"},
	} {
		e.Text(teacherMA, 0, "/mycourses")
		e.Press(teacherMA, 0, 0, "crs:add")
		e.Text(teacherMA, 0, c.name)
		if got := allText(e.Text(teacherMA, 0, c.code)); !strings.Contains(got, e.H.Catalog().T("en", "course.ask_term")) {
			t.Errorf("%q at the code: %q, want the term asked", c.code, got)
		}
		if got := allText(e.Text(teacherMA, 0, c.term)); !strings.Contains(got, e.H.Catalog().T("en", "course.ask_modality")) {
			t.Errorf("%q at the term: %q, want the modality asked", c.term, got)
		}
		e.Press(teacherMA, 0, 0, "crs:mod:"+aulabot.ModalityOnline)
	}
	var cs []aulabot.Course
	e.Store.View(func(tx *store.Tx) (err error) { cs, err = tx.CoursesOf(teacherMA.ID); return err })
	want := []aulabot.Course{{Name: "Física I", Term: "2026-I"}, {Name: "Química", Term: "2026-II"}, {Code: "BIO110", Name: "Biología", Term: "Verano 2027"}}
	if len(cs) != len(want) {
		t.Fatalf("courses %+v, want %d", cs, len(want))
	}
	for i, w := range want {
		if cs[i].Code != w.Code || cs[i].Name != w.Name || cs[i].Term != w.Term {
			t.Errorf("course %d: %q %q %q, want %q %q %q", i, cs[i].Code, cs[i].Name, cs[i].Term, w.Code, w.Name, w.Term)
		}
	}
}

// TestCourses_MoveTold: a teacher's "ya terminé de pasar química a
// virtual", "I've finished moving my course online" ("I don't know",
// seen in the sandbox) get a word that the mentor decides, and the
// course's checklist: the one named, or their one course in progress;
// with several and none named, /mycourses. A question or a problem is
// not the news.
func TestCourses_MoveTold(t *testing.T) {
	e := newEnv(t)
	e.Onboard(teacherMA, "unma", aulabot.RoleTeacher)
	if got := allText(e.Text(teacherMA, 0, "ya terminé de pasar mi curso a virtual")); strings.Contains(got, "Well done") {
		t.Errorf("no course: %q, want no word of it", got)
	}
	addCourse(t, e, teacherMA, "Química general")
	for _, told := range []string{"ya terminé de pasar química a virtual", "I've finished moving my course online", "listo, ya está en línea mi curso", "I already moved my course online"} {
		if got := allText(e.Text(teacherMA, 0, told)); !strings.Contains(got, "Well done! Tick the steps") || !strings.Contains(got, "Química general") || !strings.Contains(got, "Progress: 0 of 9") {
			t.Errorf("%q: %q, want the word and the checklist", told, got)
		}
	}
	addCourse(t, e, teacherMA, "Cálculo diferencial")
	if got := allText(e.Text(teacherMA, 0, "ya pasé química a virtual")); !strings.Contains(got, "Well done") || !strings.Contains(got, "Química general") || strings.Contains(got, "Cálculo") {
		t.Errorf("one of two named: %q, want its checklist", got)
	}
	if got, want := allText(e.Text(teacherMA, 0, "I've finished moving my course online")), allText(e.Text(teacherMA, 0, "/mycourses")); got != want {
		t.Errorf("two courses, none named: %q, want /mycourses's %q", got, want)
	}
	for _, other := range []string{"¿ya terminé de pasar química a virtual?", "ya pasé química a virtual pero no se ven los videos", "ya terminé de pasar química a virtual con mucho esfuerzo"} {
		if got := allText(e.Text(teacherMA, 0, other)); strings.Contains(got, "Well done") {
			t.Errorf("%q: %q, want no word of the move", other, got)
		}
	}
}

// TestCourses_ListAsked: a teacher's "quiero ver mis cursos", "show me
// my courses", typed as on a phone too ("kiero ver mis cusos"), are
// /mycourses (suggestions of articles, seen in the sandbox); a student's
// courses are the virtual classroom's, and words of one's own are a
// question.
func TestCourses_ListAsked(t *testing.T) {
	e := newEnv(t)
	e.Onboard(teacherMA, "unma", aulabot.RoleTeacher)
	addCourse(t, e, teacherMA, "Estadística aplicada")
	want := allText(e.Text(teacherMA, 0, "/mycourses"))
	for _, asked := range []string{"quiero ver mis cursos", "show me my courses", "kiero ver mis cusos", "muéstrame todos mis cursos"} {
		if got := allText(e.Text(teacherMA, 0, asked)); got != want {
			t.Errorf("%q: %q, want /mycourses's %q", asked, got, want)
		}
	}
	if got := allText(e.Text(teacherMA, 0, "quiero ver mis cursos en moodle")); got == want {
		t.Errorf("words of their own: %q, want no /mycourses", got)
	}
	student := htest.Person(7603, "en")
	e.Onboard(student, "unma", aulabot.RoleStudent)
	if got := allText(e.Text(student, 0, "quiero ver mis cursos")); strings.Contains(got, "My courses") {
		t.Errorf("a student's: %q, want no /mycourses", got)
	}
}

// TestCourses_LeftAsked: a teacher's "¿qué me falta?", "what's left for me
// to do?", with one course being moved online, is its checklist, with
// two the list of them ("I don't know", seen in the sandbox); with none,
// and for a student, the words are a question as before.
func TestCourses_LeftAsked(t *testing.T) {
	e := newEnv(t)
	e.Onboard(teacherMA, "unma", aulabot.RoleTeacher)
	student := htest.Person(7602, "en")
	e.Onboard(student, "unma", aulabot.RoleStudent)
	for _, p := range []aulabot.Person{teacherMA, student} {
		if got := allText(e.Text(p, 0, "¿qué me falta?")); strings.Contains(got, "Progress:") || strings.Contains(got, "courses") {
			t.Errorf("%d with no course: %q, want a question's answer", p.ID, got)
		}
	}
	addCourse(t, e, teacherMA, "Estadística aplicada")
	for _, asked := range []string{"¿qué me falta?", "what's left for me to do?"} {
		if got := allText(e.Text(teacherMA, 0, asked)); !strings.Contains(got, "Estadística aplicada") || !strings.Contains(got, "Progress: 0 of 9") {
			t.Errorf("%q with one course: %q, want its checklist", asked, got)
		}
	}
	// How it goes: "I don't know" (seen in the sandbox); a student's words
	// ask after their marks.
	for _, asked := range []string{"¿cómo voy con mis cursos?", "how is my course going?"} {
		if got := allText(e.Text(teacherMA, 0, asked)); !strings.Contains(got, "Estadística aplicada") || !strings.Contains(got, "Progress: 0 of 9") {
			t.Errorf("%q with one course: %q, want its checklist", asked, got)
		}
		if got := allText(e.Text(student, 0, asked)); strings.Contains(got, "My courses") || strings.Contains(got, "Progress:") {
			t.Errorf("a student's %q: %q, want no courses", asked, got)
		}
	}
	if got := allText(e.Text(teacherMA, 0, "¿cómo va mi curso de estadística en el aula?")); strings.Contains(got, "Progress: 0 of 9") {
		t.Errorf("words of their own: %q, want no checklist", got)
	}
	addCourse(t, e, teacherMA, "Cálculo diferencial")
	if got, want := allText(e.Text(teacherMA, 0, "¿cómo van mis cursos?")), allText(e.Text(teacherMA, 0, "/mycourses")); got != want {
		t.Errorf("two courses, how they go: %q, want /mycourses's %q", got, want)
	}
	if got, want := allText(e.Text(teacherMA, 0, "¿qué me falta por hacer?")), allText(e.Text(teacherMA, 0, "/mycourses")); got != want {
		t.Errorf("two courses: %q, want /mycourses's %q", got, want)
	}
}
