package handlers

import (
	"cmp"
	"slices"
	"strings"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/report"
	"github.com/aulabot/aulabot/service"
)

// coursesPerPage is how many courses a page of /mycourses lists.
const coursesPerPage = 8

// showCourses shows page of /mycourses: the sender's own courses, then
// the courses that had sessions with them as a mentor, each with a
// button that opens it, and Add a course for teachers; a page turn edits
// the list in place. Coordinators get their universities' counts too.
func (h *Handlers) showCourses(c *Ctx, page int, turn bool) error {
	var m service.MyCourses
	if err := c.view(func(tx Tx) (err error) {
		m, err = h.svc.Courses.Mine(tx, c.U.From.ID, c.Roles)
		return err
	}); err != nil {
		return err
	}
	type entry struct {
		c        aulabot.Course
		mentored bool
	}
	var list []entry
	for _, co := range m.Own {
		list = append(list, entry{co, false})
	}
	for _, co := range m.Mentored {
		if co.Teacher != c.U.From.ID {
			list = append(list, entry{co, true})
		}
	}
	p := paged(len(list), coursesPerPage, page)
	from, to := p.items()
	var b strings.Builder
	b.WriteString(c.T("course.list_title"))
	own := true // the list of one's own and mentored courses is shown
	switch {
	case len(m.Own) == 0 && c.User.Role == aulabot.RoleTeacher:
		b.WriteString("\n" + c.T("course.list_empty"))
	case len(list) > 0 || c.User.Role == aulabot.RoleTeacher: // the list says it
	case len(c.Roles.Mentor) > 0:
		b.WriteString("\n" + c.T("course.list_empty_mentor"))
	case len(m.Coordinated) > 0:
		own = false // the counts alone
	case c.Roles.Staff():
		b.WriteString("\n" + c.T("course.list_staff"))
	default:
		b.WriteString("\n" + c.T("course.list_teachers_only"))
	}
	var rows [][]aulabot.Button
	for i, e := range list[from:to] {
		if e.mentored && (i == 0 || !list[from+i-1].mentored) {
			b.WriteString("\n\n" + c.T("course.mentored_title"))
		}
		items := h.Config.Checklist(e.c.University)
		done, _ := e.c.Done(items)
		mark := "🔄"
		if e.c.Status == aulabot.CourseMoved {
			mark = "🎓"
		}
		label := service.CourseLabel(e.c)
		b.WriteString("\n" + c.T("course.list_line", "mark", mark, "course", label, "done", done, "total", len(items)))
		rows = append(rows, []aulabot.Button{{Text: mark + " " + label, Data: openCourseButton{e.c.ID}.Encode()}})
	}
	if to > from {
		b.WriteString("\n\n" + c.T("course.list_legend")) // what the marks and counts say
	}
	b.WriteString(p.footer(c))
	if nav := p.nav(c, func(n int) string { return courseListButton{n}.Encode() }); nav != nil {
		rows = append(rows, nav)
	}
	if c.User.Onboarded() && c.User.Role == aulabot.RoleTeacher {
		rows = append(rows, []aulabot.Button{{Text: c.T("course.button_add"), Data: addCourseButton{}.Encode()}})
	}
	if own {
		c.showPage(turn, b.String(), rows)
	}
	if !turn {
		for _, u := range h.Config.Universities {
			if cs, ok := m.Coordinated[u.ID]; ok {
				c.Reply(h.courseCounts(c, u.Name, cs, h.Config.Checklist(u.ID)))
			}
		}
	}
	return nil
}

// maxCountGroups is how many terms and mentors the counts list: the rest
// are in the report.
const maxCountGroups = 6

// courseCounts renders a university's course counts for a coordinator:
// in all, then by term and by mentor while the message fits (the rest:
// a line pointing to the report).
func (h *Handlers) courseCounts(c *Ctx, uni string, courses []aulabot.Course, items []aulabot.ChecklistItem) string {
	k := report.CountCourses(uni, courses)
	block := func(label string, f report.CourseFigures) string {
		s := "\n" + c.T("course.counts_line", "label", label, "registered", f.Registered, "progress", f.InProgress, "moved", f.Moved)
		if f.Moved > 0 {
			s += "\n" + c.T("course.counts_median", "days", report.Decimal(f.MedianDays), "sessions", report.Decimal(f.MedianSessions))
		}
		if len(f.LastItems) > 0 {
			var names []string
			for _, it := range f.LastItems {
				title := it.Item
				if i := slices.IndexFunc(items, func(x aulabot.ChecklistItem) bool { return x.ID == it.Item }); i >= 0 {
					title = itemTitle(c, items[i])
				}
				names = append(names, title+" ("+report.Decimal(float64(it.N))+")")
			}
			s += "\n" + c.T("course.counts_last", "items", strings.Join(names, ", "))
		}
		return s
	}
	blocks := []string{block(c.T("course.counts_all"), k.All)}
	for _, t := range k.Terms[:min(len(k.Terms), maxCountGroups)] {
		blocks = append(blocks, block(c.T("course.counts_term", "term", t.Term), t.CourseFigures))
	}
	for _, m := range k.Mentors[:min(len(k.Mentors), maxCountGroups)] {
		label := c.T("course.counts_no_mentor")
		if m.Mentor != 0 {
			label = c.T("course.counts_mentor", "name", service.ShortName(cmp.Or(m.Name, "#"+report.Decimal(float64(m.Mentor)))))
		}
		blocks = append(blocks, block(label, m.CourseFigures))
	}
	more := "\n" + c.T("course.counts_more")
	b := c.T("course.coord_title", "university", uni)
	for _, s := range blocks {
		if VisibleLen(b+s+more) > aulabot.MaxMessageText {
			return b + more
		}
		b += s
	}
	if len(k.Terms) > maxCountGroups || len(k.Mentors) > maxCountGroups {
		b += more
	}
	return b
}
