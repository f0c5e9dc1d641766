package handlers

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/button"
	"github.com/aulabot/aulabot/i18n"
	"github.com/aulabot/aulabot/service"
)

// routeCourses registers /mycourses, the courses' buttons and flows.
func (h *Handlers) routeCourses(r *router) {
	r.commands["mycourses"] = with(h.myCourses, private, knownOrStaff)
	r.callbacks["crs"] = with(h.onCourseButton, private, knownOrStaff)
	r.flows[service.FlowAddCourse.Name] = h.onAddCourseText
	r.flows[service.FlowCourseText.Name] = h.onCourseText
	r.menu["menu.mycourses"] = "mycourses"
}

// knownOrStaff lets through people who finished /start and configured
// staff (a mentor or coordinator need not pick a role).
func knownOrStaff(next Handler) Handler {
	return func(c *Ctx) error {
		if !c.Roles.Staff() && (!c.Known || !c.User.Onboarded()) {
			return aulabot.Errorf(aulabot.EFORBIDDEN, "error.start_first")
		}
		return next(c)
	}
}

// myCourses lists the sender's courses (/mycourses).
func (h *Handlers) myCourses(c *Ctx) error {
	if kb := c.kb(); kb != nil && c.asked != "" && c.U.Callback == nil && c.User.Role == aulabot.RoleTeacher && kb.CourseAdd(c.asked) {
		if name := kb.CourseAddName(c.asked); name != "" {
			// "agrega mi curso de física": ➕ pressed and the name typed,
			// its code asked next (suggestions, seen in the sandbox)
			c.SetState(service.FlowAddCourse.At(service.CourseName, service.CourseDraft{}))
			c.U.Text = upperFirst(name)
			c.notice = c.T("course.name_read", "name", c.U.Text) // which name was read, above the next step
			return h.onAddCourseText(c)
		}
		return h.pressTyped(c, addCourseButton{}.Encode()) // "quiero registrar un curso nuevo": ➕ pressed
	}
	return h.showCourses(c, 0, false)
}

// onCourseButton handles every "crs:" button.
func (h *Handlers) onCourseButton(c *Ctx) error {
	v, err := h.buttons.Decode(c.U.Callback.Data)
	if err != nil {
		return err
	}
	by, roles := c.U.From.ID, c.Roles
	switch b := v.(type) {
	case addCourseButton:
		if !c.User.Onboarded() || c.User.Role != aulabot.RoleTeacher {
			return aulabot.Errorf(aulabot.EFORBIDDEN, "course.err_only_teachers")
		}
		c.SetState(service.FlowAddCourse.At(service.CourseName, service.CourseDraft{}))
		c.Reply(c.T("course.ask_name"))
	case skipCodeButton:
		d, ok := addStep(c, service.CourseCode)
		if !ok {
			return button.Stale()
		}
		h.askTerm(c, d)
	case termButton:
		d, ok := addStep(c, service.CourseTerm)
		if !ok {
			return button.Stale()
		}
		d.Term = b.Term
		h.askModality(c, d)
	case modalityButton:
		return h.addCourse(c, b.Modality)
	case courseListButton:
		return h.showCourses(c, b.Page, true)
	case openCourseButton:
		return h.courseResult(c, false, "", func(tx Tx) (service.CourseView, error) {
			return h.svc.Courses.View(tx, b.Course, by, roles)
		})
	case tickButton:
		return h.courseResult(c, true, "", func(tx Tx) (service.CourseView, error) {
			return h.svc.Courses.Tick(tx, b.Course, b.Item, b.On, by, roles)
		})
	case reopenCourseBtn:
		return h.courseResult(c, true, "course.reopened", func(tx Tx) (service.CourseView, error) {
			return h.svc.Courses.Reopen(tx, b.Course, by, roles)
		})
	case decideButton:
		return h.askCourseText(c, b.Course, service.CourseLink, "course.ask_link")
	case commentButton:
		return h.askCourseText(c, b.Course, service.CourseComment, "course.ask_comment")
	case privateNoteButton:
		return h.askCourseText(c, b.Course, service.CourseNote, "course.ask_note")
	case noCourseButton:
		// Nothing to record: the question's buttons go, and it says so.
		c.showPage(true, c.T("course.not_for_a_course"), nil)
		return nil
	case forBookingButton:
		return c.Commit(func(tx Tx) error {
			course, err := h.svc.Courses.LinkBooking(tx, b.Booking, b.Course, by)
			if err != nil {
				return err
			}
			c.showPage(true, c.T("course.linked", "course", service.CourseLabel(course)), nil)
			return nil
		})
	default:
		return button.Stale()
	}
	return nil
}

// addStep returns what FlowAddCourse keeps if the sender is at step.
func addStep(c *Ctx, step string) (service.CourseDraft, bool) {
	d, ok := service.FlowAddCourse.Data(c.State)
	return d, ok && c.State.Step == step
}

// onAddCourseText takes the name, the code and the term of a new course.
func (h *Handlers) onAddCourseText(c *Ctx) error {
	d, _ := service.FlowAddCourse.Data(c.State)
	var err error
	switch c.State.Step {
	case service.CourseName:
		if kb := c.kb(); kb != nil && c.State.Flow == service.FlowAddCourse.Name && kb.LooksAsked(c.U.Text) {
			// "how do I share my screen with sound in zoom" typed at the
			// name: a question, answered, and the registration left (it
			// became the course's name, seen in the sandbox); a name read
			// from a request ("agrega mi curso de física") is no step's
			c.ClearState()
			c.notice = c.T("course.name_asked")
			return ErrNotMine
		}
		if d.Name, err = aulabot.ValidCourseName(c.U.Text); err != nil {
			return err
		}
		if code, rest := aulabot.SplitCourseCode(d.Name); code != "" {
			// "BIO110 Biología celular": the code is there already, and
			// asking for it again made "BIO110 BIO110 Biología celular".
			d.Code, d.Name = code, rest
			h.askTerm(c, d)
			return nil
		}
		c.SetState(service.FlowAddCourse.At(service.CourseCode, d))
		c.ReplyButtons(c.T("course.ask_code"), [][]aulabot.Button{{{Text: c.T("course.button_skip"), Data: skipCodeButton{}.Encode()}}})
	case service.CourseCode:
		if aulabot.TypedNone(c.U.Text) {
			h.askTerm(c, d) // "no tiene código": Skip (it became the code, seen in the sandbox)
			return nil
		}
		if d.Code, err = aulabot.ValidCourseCode(c.U.Text); err != nil {
			return err
		}
		h.askTerm(c, d)
	case service.CourseTerm:
		if term, ok := aulabot.TypedTerm(c.U.Text, h.Now().In(h.Config.Loc(c.User.University))); ok {
			d.Term = term // "este semestre": the one the buttons name first (it became the term, seen in the sandbox)
		} else if d.Term, err = aulabot.ValidCourseTerm(c.U.Text); err != nil {
			return err
		}
		h.askModality(c, d)
	default:
		return aulabot.Errorf(aulabot.EINVALID, "course.err_modality")
	}
	return nil
}

// askTerm asks for the term, suggesting this semester and the next.
func (h *Handlers) askTerm(c *Ctx, d service.CourseDraft) {
	c.SetState(service.FlowAddCourse.At(service.CourseTerm, d))
	var row []aulabot.Button
	for _, t := range suggestedTerms(h.Now().In(h.Config.Loc(c.User.University))) {
		row = append(row, aulabot.Button{Text: t, Data: termButton{t}.Encode()})
	}
	c.ReplyButtons(c.T("course.ask_term"), [][]aulabot.Button{row})
}

// suggestedTerms are the semester of now and the next one ("2027-I",
// "2027-II").
func suggestedTerms(now time.Time) []string {
	return []string{aulabot.TermOf(now), aulabot.TermOf(now.AddDate(0, 6, 0))}
}

func (h *Handlers) askModality(c *Ctx, d service.CourseDraft) {
	c.SetState(service.FlowAddCourse.At(service.CourseModality, d))
	c.ReplyButtons(c.T("course.ask_modality"), [][]aulabot.Button{{
		{Text: c.T("course.button_online"), Data: modalityButton{aulabot.ModalityOnline}.Encode()},
		{Text: c.T("course.button_blended"), Data: modalityButton{aulabot.ModalityBlended}.Encode()},
	}})
}

// addCourse registers the course FlowAddCourse collected and shows it.
func (h *Handlers) addCourse(c *Ctx, modality string) error {
	d, ok := addStep(c, service.CourseModality)
	if !ok {
		return button.Stale()
	}
	return c.Commit(func(tx Tx) error {
		v, err := h.svc.Courses.Add(tx, c.User, d, modality)
		if err != nil {
			return err
		}
		c.ClearState()
		c.showPage(true, c.T("course.created", "course", service.CourseLabel(v.Course)), nil)
		text, rows := h.renderCourse(c, v)
		c.ReplyButtons(text, rows)
		return nil
	})
}

// askCourseText opens FlowCourseText at step for a mentor of course id.
func (h *Handlers) askCourseText(c *Ctx, id uint64, step, ask string) error {
	var v service.CourseView
	if err := c.view(func(tx Tx) (err error) {
		v, err = h.svc.Courses.View(tx, id, c.U.From.ID, c.Roles)
		return err
	}); err != nil {
		return err
	}
	if !v.Decide {
		return aulabot.Errorf(aulabot.EFORBIDDEN, "course.err_only_mentor")
	}
	if step == service.CourseLink {
		if v.Course.Status == aulabot.CourseMoved {
			return aulabot.Errorf(aulabot.ECONFLICT, "course.err_moved")
		}
		if _, missing := v.Course.Done(v.Items); missing > 0 {
			return aulabot.Errorf(aulabot.ECONFLICT, "course.err_incomplete", "n", missing)
		}
	}
	c.SetState(service.FlowCourseText.At(step, service.OnCourse{Course: id}))
	c.Reply(c.T(ask))
	return nil
}

// onCourseText takes a mentor's comment, private note or the link of a
// course moved online.
func (h *Handlers) onCourseText(c *Ctx) error {
	d, _ := service.FlowCourseText.Data(c.State)
	by, roles, text := c.U.From.ID, c.Roles, c.U.Text
	step := c.State.Step
	done := map[string]string{service.CourseLink: "course.decided", service.CourseComment: "course.commented", service.CourseNote: "course.noted"}[step]
	if done == "" {
		return button.Stale()
	}
	return h.courseResult(c, false, done, func(tx Tx) (service.CourseView, error) {
		if step == service.CourseLink {
			return h.svc.Courses.Decide(tx, d.Course, text, by, roles)
		}
		return h.svc.Courses.Note(tx, d.Course, text, step == service.CourseComment, by, roles)
	})
}

// courseResult runs a use case that returns a course and shows it:
// edited in place for a press on the course's own message (edit), else
// sent, after the line done if any.
func (h *Handlers) courseResult(c *Ctx, edit bool, done string, use func(tx Tx) (service.CourseView, error)) error {
	return c.Commit(func(tx Tx) error {
		v, err := use(tx)
		if err != nil {
			return err
		}
		if service.FlowCourseText.In(c.State) {
			c.ClearState()
		}
		if done != "" {
			c.Reply(c.T(done))
		}
		text, rows := h.renderCourse(c, v)
		c.showPage(edit, text, rows)
		return nil
	})
}

// itemTitle is a checklist item's title in the reader's language.
func itemTitle(c *Ctx, it aulabot.ChecklistItem) string {
	if it.Title != "" {
		return it.Title
	}
	key := "course.item." + it.ID
	return c.T(key)
}

// The most comments and notes a course's message shows (the latest), and
// how many characters of each.
const (
	shownNotes  = 3
	maxNoteShow = 200
)

// renderCourse is a course's message: its checklist with ticks, progress,
// the decision, the sessions, the mentor's comments and (for mentors) the
// private notes; buttons tick items, open each item's article and, for
// mentors, decide, reopen, comment and note.
func (h *Handlers) renderCourse(c *Ctx, v service.CourseView) (string, [][]aulabot.Button) {
	co := v.Course
	var b strings.Builder
	b.WriteString(c.T("course.header", "course", service.CourseLabel(co), "modality", c.T("course.modality_"+co.Modality)))
	if v.TeacherName != "" {
		b.WriteString("\n" + c.T("course.teacher_line", "name", service.ShortName(v.TeacherName)))
	}
	done, _ := co.Done(v.Items)
	b.WriteString("\n" + c.T("course.progress", "done", done, "total", len(v.Items)) + "\n")
	var rows [][]aulabot.Button
	for _, it := range v.Items {
		_, ticked := co.Ticks[it.ID]
		mark := "⬜"
		if ticked {
			mark = "✅"
		}
		title := itemTitle(c, it)
		line := mark + " " + i18n.Escape(title)
		if it.Optional {
			line += " " + c.T("course.optional")
		}
		b.WriteString("\n" + line)
		var row []aulabot.Button
		if v.Tick {
			row = append(row, aulabot.Button{Text: mark + " " + title, Data: tickButton{co.ID, it.ID, !ticked}.Encode()})
		}
		if data, ok := articleData(it.ArticleFor(c.Lang)); ok {
			text := "📖"
			if !v.Tick {
				text = "📖 " + title
			}
			row = append(row, aulabot.Button{Text: text, Data: data})
		}
		if len(row) > 0 {
			rows = append(rows, row)
		}
	}
	if co.Status == aulabot.CourseMoved {
		b.WriteString("\n\n" + c.T("course.moved_line", "link", co.LMSURL))
	}
	if n := len(co.Sessions); n > 0 {
		b.WriteString("\n\n" + c.T("course.sessions", "n", n))
	}
	writeNotes(c, &b, "course.comments_title", co.Comments)
	if v.Decide {
		writeNotes(c, &b, "course.notes_title", co.Notes)
	}
	b.WriteString("\n\n" + c.T("course.read_hint"))
	if v.Decide {
		decide := aulabot.Button{Text: c.T("course.button_moved"), Data: decideButton{co.ID}.Encode()}
		if co.Status == aulabot.CourseMoved {
			decide = aulabot.Button{Text: c.T("course.button_reopen"), Data: reopenCourseBtn{co.ID}.Encode()}
		}
		rows = append(rows, []aulabot.Button{decide},
			[]aulabot.Button{{Text: c.T("course.button_comment"), Data: commentButton{co.ID}.Encode()},
				{Text: c.T("course.button_note"), Data: privateNoteButton{co.ID}.Encode()}})
	}
	return b.String(), rows
}

// articleData is the knowledge base's button that opens article id (one
// that is no suggestion to a question); false for no article or an id
// that does not fit a button.
func articleData(id string) (string, bool) {
	if !articleFits(id) {
		return "", false
	}
	return kbArticleButton{Article: id}.Encode(), true
}

// writeNotes adds the latest comments or notes under title.
func writeNotes(c *Ctx, b *strings.Builder, title string, notes []aulabot.CourseNote) {
	if len(notes) == 0 {
		return
	}
	b.WriteString("\n\n" + c.T(title))
	for _, n := range notes[max(0, len(notes)-shownNotes):] {
		text := []rune(n.Text)
		if len(text) > maxNoteShow {
			text = append(text[:maxNoteShow-1], '…')
		}
		b.WriteString("\n• " + i18n.Escape(string(text)))
	}
}

// upperFirst is s with its first letter in capitals ("física": "Física"),
// as a course's name is listed.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
