package aulabot

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Course modalities: what a course is being moved to.
const (
	ModalityOnline  = "online"  // fully online
	ModalityBlended = "blended" // part online, part face to face
)

// Course states.
const (
	CourseInProgress = "progress" // being moved: items are ticked
	CourseMoved      = "moved"    // the mentor decided it is online
)

// The longest a course's texts may be, in characters.
const (
	MaxCourseName = 120
	MaxCourseCode = 20
	MaxCourseTerm = 20
	MaxCourseNote = 1000
)

// Course is one face-to-face course a teacher moves online with the help
// of the university's mentors. Its name, code, notes and comments are the
// teacher's personal data: /deletemydata blanks them (Erased) and keeps
// the dates, ticks and sessions, which only the anonymous counts read.
type Course struct {
	ID         uint64 `json:"id"`
	University string `json:"uni"`
	Teacher    int64  `json:"teacher"` // 0 once erased
	Name       string `json:"name,omitempty"`
	Code       string `json:"code,omitempty"`
	Term       string `json:"term"`
	Modality   string `json:"modality"`
	Status     string `json:"status"`
	// LMSURL is where the course is published (set when moved online).
	LMSURL string `json:"lms,omitempty"`
	// Ticks are the checklist items ticked, by item id.
	Ticks map[string]CourseTick `json:"ticks,omitempty"`
	// Comments are the mentors' comments the teacher sees; Notes the
	// mentors' private notes, never shown to the teacher.
	Comments []CourseNote `json:"comments,omitempty"`
	Notes    []CourseNote `json:"notes,omitempty"`
	// Sessions are the mentoring sessions booked for the course.
	Sessions []CourseSession `json:"sessions,omitempty"`
	// Audit is every tick, untick, decision and reopening, in order.
	Audit   []CourseEvent `json:"audit,omitempty"`
	Created time.Time     `json:"created"`
	Updated time.Time     `json:"updated"`
	MovedAt time.Time     `json:"moved,omitempty"`
	Erased  bool          `json:"erased,omitempty"`
}

// CourseTick records who ticked a checklist item and when.
type CourseTick struct {
	By int64     `json:"by"`
	At time.Time `json:"at"`
}

// CourseNote is a mentor's comment or private note on a course.
type CourseNote struct {
	By   int64     `json:"by"`
	At   time.Time `json:"at"`
	Text string    `json:"text"`
}

// CourseSession is a mentoring session booked for a course.
type CourseSession struct {
	Booking    uint64    `json:"booking"`
	Mentor     int64     `json:"mentor"`
	MentorName string    `json:"mname,omitempty"` // as the slot shows it
	At         time.Time `json:"at"`
}

// Course audit actions.
const (
	CourseTicked   = "tick"
	CourseUnticked = "untick"
	CourseDecided  = "moved"
	CourseReopened = "reopen"
)

// CourseEvent is one entry of a course's audit.
type CourseEvent struct {
	At     time.Time `json:"at"`
	By     int64     `json:"by"`
	Action string    `json:"action"`
	Item   string    `json:"item,omitempty"`
}

// VisibleTo reports whether user, with roles r, may see the course: its
// teacher, and the mentors and coordinators of its university.
func (c Course) VisibleTo(user int64, r Roles) bool {
	return (c.Teacher != 0 && c.Teacher == user) || r.IsMentor(c.University) || r.IsCoordinator(c.University)
}

// Named returns everyone the course names, once each: its teacher, who
// ticked its items, acted in its audit, had its sessions or wrote its
// comments and notes (0, an erased person, left out).
func (c Course) Named() []int64 {
	var out []int64
	add := func(id int64) {
		if id != 0 && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	add(c.Teacher)
	for _, t := range c.Ticks {
		add(t.By)
	}
	for _, e := range c.Audit {
		add(e.By)
	}
	for _, s := range c.Sessions {
		add(s.Mentor)
	}
	for _, notes := range [][]CourseNote{c.Comments, c.Notes} {
		for _, n := range notes {
			add(n.By)
		}
	}
	return out
}

// Mentors returns the mentors the course had sessions with, in order of
// the first session.
func (c Course) Mentors() []int64 {
	var out []int64
	for _, s := range c.Sessions {
		if s.Mentor != 0 && !slices.Contains(out, s.Mentor) {
			out = append(out, s.Mentor)
		}
	}
	return out
}

// MentorName returns the name of mentor as the course's sessions show it,
// or "".
func (c Course) MentorName(mentor int64) string {
	for _, s := range c.Sessions {
		if s.Mentor == mentor && s.MentorName != "" {
			return s.MentorName
		}
	}
	return ""
}

// Done counts the items of list that are ticked, and the required ones
// that are not.
func (c Course) Done(list []ChecklistItem) (ticked, missing int) {
	for _, it := range list {
		_, ok := c.Ticks[it.ID]
		if ok {
			ticked++
		} else if !it.Optional {
			missing++
		}
	}
	return ticked, missing
}

// LastTicked returns the item still ticked whose tick came last in the
// audit (the one left for last), or "" when nothing is ticked.
func (c Course) LastTicked() string {
	for i := len(c.Audit) - 1; i >= 0; i-- {
		e := c.Audit[i]
		if _, ok := c.Ticks[e.Item]; ok && e.Action == CourseTicked {
			return e.Item
		}
	}
	return ""
}

// ValidateCourse cleans a new course's texts and checks them. Errors:
// those of ValidCourseName, ValidCourseCode and ValidCourseTerm; EINVALID
// course.err_modality.
func ValidateCourse(c *Course) (err error) {
	if c.Name, err = ValidCourseName(c.Name); err != nil {
		return err
	}
	if c.Code, err = ValidCourseCode(c.Code); err != nil {
		return err
	}
	if c.Term, err = ValidCourseTerm(c.Term); err != nil {
		return err
	}
	if c.Modality != ModalityOnline && c.Modality != ModalityBlended {
		return Errorf(EINVALID, "course.err_modality")
	}
	return nil
}

// ValidCourseName cleans a course's name and checks it. Errors: EINVALID
// course.err_name_empty (nothing visible), course.err_name_long.
func ValidCourseName(s string) (string, error) {
	s = strings.TrimSpace(CleanText(s))
	switch {
	case !strings.ContainsFunc(s, visible):
		return s, Errorf(EINVALID, "course.err_name_empty")
	case utf8.RuneCountInString(s) > MaxCourseName:
		return s, Errorf(EINVALID, "course.err_name_long", "max", MaxCourseName)
	}
	return s, nil
}

// SplitCourseCode reads a course code typed at the start of a course's
// name, as teachers write their courses ("BIO110 Biología celular",
// "MA-101 Cálculo I"): one word of 2 to 5 letters then 2 to 4 digits (a
// hyphen between them allowed, a letter after them too), followed by the
// name. It returns the code and the rest, or "" and name unchanged.
func SplitCourseCode(name string) (code, rest string) {
	first, after, ok := strings.Cut(strings.TrimSpace(name), " ")
	after = strings.TrimSpace(after)
	if !ok || !strings.ContainsFunc(after, unicode.IsLetter) || !courseCodeRE.MatchString(first) {
		return "", name
	}
	return first, after
}

// courseCodeRE is the shape of a course code SplitCourseCode reads.
var courseCodeRE = regexp.MustCompile(`^\p{L}{2,5}-?\d{2,4}\p{L}?$`)

// ValidCourseCode cleans a course's optional code and checks it. Error:
// EINVALID course.err_code.
func ValidCourseCode(s string) (string, error) {
	s = strings.TrimSpace(CleanText(s))
	if utf8.RuneCountInString(s) > MaxCourseCode {
		return s, Errorf(EINVALID, "course.err_code", "max", MaxCourseCode)
	}
	return s, nil
}

// ValidCourseTerm cleans a course's term and checks it. Error: EINVALID
// course.err_term.
func ValidCourseTerm(s string) (string, error) {
	s = strings.TrimSpace(CleanText(s))
	if !strings.ContainsFunc(s, visible) || utf8.RuneCountInString(s) > MaxCourseTerm || strings.Contains(s, ":") {
		return s, Errorf(EINVALID, "course.err_term", "max", MaxCourseTerm)
	}
	return s, nil
}

// visible reports whether r is a letter, digit or symbol (a name of only
// spaces, zero-width characters or marks is empty).
func visible(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsSymbol(r) || unicode.IsPunct(r)
}

// TermOf names the semester of t as Peruvian universities do: "2026-I"
// from January to June, "2026-II" from July.
func TermOf(t time.Time) string {
	if t.Month() <= time.June {
		return fmt.Sprintf("%d-I", t.Year())
	}
	return fmt.Sprintf("%d-II", t.Year())
}

// ValidNote cleans a comment or note and checks it. Errors: EINVALID
// course.err_note_empty, course.err_note_long.
func ValidNote(s string) (string, error) {
	s = strings.TrimSpace(CleanText(s))
	switch {
	case !strings.ContainsFunc(s, visible):
		return s, Errorf(EINVALID, "course.err_note_empty")
	case utf8.RuneCountInString(s) > MaxCourseNote:
		return s, Errorf(EINVALID, "course.err_note_long", "max", MaxCourseNote)
	}
	return s, nil
}

// ValidLMSLink checks the address where a course is published: http or
// https with a host. Error: EINVALID course.err_link.
func ValidLMSLink(s string) (string, error) {
	s = TypedLink(s)
	if _, web := HTTPLink(s); !web || len(s) > 500 {
		return s, Errorf(EINVALID, "course.err_link")
	}
	return s, nil
}

// ChecklistItem is one step of moving a course online. A university may
// list its own in the configuration (University.Checklist); the built-in
// list is BuiltinChecklist.
type ChecklistItem struct {
	// ID names the item in ticks and buttons: lower-case letters, digits
	// and '-', at most 24.
	ID string `yaml:"id"`
	// Title is what people read; "" for the built-in items, whose titles
	// are in the catalogue (course.item.ID).
	Title string `yaml:"title"`
	// Article is the knowledge-base article that explains the item, and
	// ArticleEN the English one ("" = Article).
	Article   string `yaml:"article"`
	ArticleEN string `yaml:"article_en"`
	// Optional items need not be ticked to mark the course moved online.
	Optional bool `yaml:"optional"`
}

// ArticleFor returns the item's article for a reader of lang.
func (it ChecklistItem) ArticleFor(lang string) string {
	if lang == LangEN && it.ArticleEN != "" {
		return it.ArticleEN
	}
	return it.Article
}

// BuiltinChecklist follows the knowledge base's own guidance on moving a
// course online (knowledge/kb: "pasar-curso-presencial-a-virtual"), each
// item with the article that explains it in Spanish and English.
var BuiltinChecklist = []ChecklistItem{
	{ID: "outcomes", Article: "resultados-de-aprendizaje", ArticleEN: "learning-outcomes"},
	{ID: "syllabus", Article: "silabo-virtual", ArticleEN: "online-syllabus"},
	{ID: "weekly", Article: "disenar-curso-virtual", ArticleEN: "design-online-course"},
	{ID: "materials", Article: "videos-cortos", ArticleEN: "short-videos"},
	{ID: "activities", Article: "combinar-sincrono-asincrono", ArticleEN: "combine-sync-async"},
	{ID: "forums", Article: "foros-que-funcionan", ArticleEN: "forums-that-work"},
	{ID: "assessment", Article: "rubricas", ArticleEN: "rubrics"},
	{ID: "accessibility", Article: "accesibilidad-curso", ArticleEN: "course-accessibility"},
	{ID: "published", Article: "moodle-subir-contenido", ArticleEN: "moodle-upload-content"},
}

// Checklist returns university uni's checklist: its own from the
// configuration, else the built-in one.
func (c *Config) Checklist(uni string) []ChecklistItem {
	if u, ok := c.University(uni); ok && len(u.Checklist) > 0 {
		return u.Checklist
	}
	return BuiltinChecklist
}

// ChecklistItemOf returns the item id of list; false if there is none.
func ChecklistItemOf(list []ChecklistItem, id string) (ChecklistItem, bool) {
	for _, it := range list {
		if it.ID == id {
			return it, true
		}
	}
	return ChecklistItem{}, false
}

// MaxChecklist is the most items a university's checklist may have (a
// course's message lists them all).
const MaxChecklist = 20

var checklistIDRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,23}$`)

// checkChecklist checks university i's own checklist.
func checkChecklist(list []ChecklistItem, bad func(msg string, path ...any) error, i int) error {
	if len(list) > MaxChecklist {
		return bad(fmt.Sprintf("%d items: at most %d", len(list), MaxChecklist), "universities", i, "checklist")
	}
	seen := map[string]bool{}
	for j, it := range list {
		if !checklistIDRE.MatchString(it.ID) {
			return bad(fmt.Sprintf("%q must be 1-24 lower-case letters, digits and '-'", it.ID), "universities", i, "checklist", j, "id")
		}
		if seen[it.ID] {
			return bad(fmt.Sprintf("duplicate checklist item %q", it.ID), "universities", i, "checklist", j, "id")
		}
		seen[it.ID] = true
		if strings.TrimSpace(it.Title) == "" || utf8.RuneCountInString(it.Title) > 100 {
			return bad("a title of 1-100 characters is needed", "universities", i, "checklist", j, "title")
		}
	}
	return nil
}
