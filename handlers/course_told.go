package handlers

import (
	"slices"
	"strings"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/service"
)

// maxStepTold bounds the words of a message that tells a step of a
// course's checklist done ("ya terminé los foros de EST201").
const maxStepTold = 14

// stepDone are the words of having done something, and stepNot those that
// make such words a problem, a step still to do or a request ("ya subí el
// video pero no se ve", "todavía no termino el sílabo", "ya tengo dudas
// con las rúbricas"), as aulabot.TypedWords reads them.
var (
	stepDone = typedSet("ya", "termine", "terminamos", "acabe", "complete", "hice", "subi", "publique", "redacte",
		"revise", "listo", "lista", "listos", "hecho", "hecha", "done", "finished", "completed", "uploaded",
		"published", "wrote", "reviewed", "ready", "already")
	stepNot = typedSet("no", "ni", "pero", "aun", "todavia", "falta", "faltan", "error", "problema", "sin", "nunca",
		"but", "not", "yet", "still", "problem", "cant", "cannot", "dont", "didnt", "without", "never",
		"duda", "dudas", "ayuda", "pregunta", "como", "quiero", "necesito", "puedo", "debo",
		"help", "question", "how", "want", "need", "can", "could", "should")
	// stepCommon are words of several items' titles, or of any message
	// about a course, that name no step.
	stepCommon = typedSet("virtual", "curso", "course", "online", "modalidad", "teaching", "claras", "clear",
		"revisada", "checked", "written", "redactados", "adaptado", "adapted", "cortos", "short")
)

// courseStepTold is what a teacher's words that tell a step of their
// course's checklist done ask: "ya subí el sílabo", "terminé los foros de
// EST201", "I've published the course" (a word of having done it, and
// words of one item's title alone) ask whether to tick that item, in the
// course they name or in each of theirs where it is not ticked yet
// (askStepDone). "ya subí el sílabo de MET101" got "I don't know" and
// reached /gaps (seen in the sandbox). Nil for anything else: a question,
// a problem ("… pero no se ve"), a file, someone with no course of their
// own, or words of no item or of two.
func (h *Handlers) courseStepTold(c *Ctx) Handler {
	if !c.Private() || c.U.File != nil || c.User.Role != aulabot.RoleTeacher || strings.ContainsAny(c.U.Text, "?¿") {
		return nil
	}
	words := c.typed()
	if len(words) == 0 || len(words) > maxStepTold || !slices.ContainsFunc(words, func(w string) bool { return stepDone[w] }) ||
		slices.ContainsFunc(words, func(w string) bool { return stepNot[w] }) {
		return nil
	}
	item, ok := h.toldItem(words, h.Config.Checklist(c.User.University))
	if !ok {
		return nil
	}
	var m service.MyCourses
	if err := c.view(func(tx Tx) (err error) { m, err = h.svc.Courses.Mine(tx, c.U.From.ID, c.Roles); return err }); err != nil {
		return nil // read as any message
	}
	var open, done []aulabot.Course
	for _, co := range namedCourses(typedAsIs(c), m.Own) { // a course's name as typed, not read as a request's word
		if co.Status == aulabot.CourseMoved || !slices.ContainsFunc(h.Config.Checklist(co.University), func(it aulabot.ChecklistItem) bool { return it.ID == item.ID }) {
			continue
		}
		if _, ticked := co.Ticks[item.ID]; ticked {
			done = append(done, co)
		} else {
			open = append(open, co)
		}
	}
	if len(open) == 0 && len(done) == 0 {
		return nil
	}
	return func(c *Ctx) error { return h.askStepDone(c, item, open, done) }
}

// maxStepCourses bounds the courses offered to tick a step in; the rest
// are in /mycourses.
const maxStepCourses = 8

// askStepDone asks whether to tick item in the courses open, one button
// each (pressed: the course's checklist with it ticked), or says it is
// ticked already when it is in every course done.
func (h *Handlers) askStepDone(c *Ctx, item aulabot.ChecklistItem, open, done []aulabot.Course) error {
	title := itemTitle(c, item)
	if len(open) == 0 {
		rows := [][]aulabot.Button{{{Text: c.T("course.button_open"), Data: openCourseButton{done[0].ID}.Encode()}}}
		c.ReplyButtons(c.N("course.step_already", len(done), "item", title, "course", service.CourseLabel(done[0])), rows)
		return nil
	}
	var rows [][]aulabot.Button
	for _, co := range open[:min(len(open), maxStepCourses)] {
		rows = append(rows, []aulabot.Button{{Text: "✅ " + service.CourseLabel(co), Data: tickButton{co.ID, item.ID, true}.Encode()}})
	}
	if len(open) > maxStepCourses {
		rows = append(rows, []aulabot.Button{{Text: c.T("course.button_all"), Data: courseListButton{0}.Encode()}})
	}
	c.ReplyButtons(c.N("course.step_ask", len(open), "item", title, "course", service.CourseLabel(open[0])), rows)
	return nil
}

// toldItem is the one item of items whose title's own words (of either
// language: a step's title in the catalogue, or the configuration's)
// words name, by a word's start ("publiqué" names "Publicado en el aula
// virtual", "foro" "Foros con consignas claras"); false for none or two.
func (h *Handlers) toldItem(words []string, items []aulabot.ChecklistItem) (aulabot.ChecklistItem, bool) {
	stems := make([]map[string]bool, len(items))
	count := map[string]int{}
	for i, it := range items {
		stems[i] = map[string]bool{}
		titles := []string{it.Title}
		if it.Title == "" {
			titles = []string{h.cat.T("es", "course.item."+it.ID), h.cat.T("en", "course.item."+it.ID)}
		}
		for _, t := range titles {
			for _, w := range strings.Fields(aulabot.TypedWords(t)) {
				if len(w) >= 5 && !stepCommon[w] && !stems[i][w[:5]] {
					stems[i][w[:5]] = true
					count[w[:5]]++
				}
			}
		}
	}
	found := -1
	for i := range items {
		for s := range stems[i] {
			if count[s] > 1 || !slices.ContainsFunc(words, func(w string) bool {
				return len(w) >= 4 && (strings.HasPrefix(w, s) || strings.HasPrefix(s, w))
			}) {
				continue
			}
			if found >= 0 && found != i {
				return aulabot.ChecklistItem{}, false
			}
			found = i
		}
	}
	if found < 0 {
		return aulabot.ChecklistItem{}, false
	}
	return items[found], true
}

// namedCourses are those of courses whose code, or a word of whose name
// (of five letters or more), words say; all of them when none is named.
func namedCourses(words []string, courses []aulabot.Course) []aulabot.Course {
	named := slices.DeleteFunc(slices.Clone(courses), func(co aulabot.Course) bool { return !courseSaid(words, co) })
	if len(named) == 0 {
		return courses
	}
	return named
}

// courseNameWords are the words of course co's name and code, as
// aulabot.TypedWords reads them.
func courseNameWords(co aulabot.Course) []string {
	return strings.Fields(aulabot.TypedWords(co.Name + " " + co.Code))
}

// courseSaid reports whether words say course co's code or a word of its
// name (of five letters or more).
func courseSaid(words []string, co aulabot.Course) bool {
	code := aulabot.TypedWords(co.Code)
	return code != "" && slices.Contains(words, code) || slices.ContainsFunc(strings.Fields(aulabot.TypedWords(co.Name)), func(n string) bool {
		return len(n) >= 5 && !stepCommon[n] && slices.Contains(words, n)
	})
}

// courseAsked is a teacher's request for /mycourses in words that name
// one of their courses by its code or a word of its name ("¿qué me falta
// en mi curso de estadística?", "¿cómo va EST201?"): that course's
// checklist. The name was a word the intents do not know, and such words
// got suggestions (seen in the sandbox). Nil for anyone else, words that
// name no course or several, and words that, the course's taken off, ask
// for something else.
func (h *Handlers) courseAsked(c *Ctx, kb Knowledge) Handler {
	if !c.Private() || c.U.File != nil || c.User.Role != aulabot.RoleTeacher {
		return nil
	}
	words := c.typed()
	if len(words) == 0 || len(words) > maxStepTold || !slices.ContainsFunc(words, func(w string) bool { return courseNouns[w] }) {
		return nil // most questions: no read (the intents' /mycourses needs a course's word)
	}
	var m service.MyCourses
	if err := c.view(func(tx Tx) (err error) { m, err = h.svc.Courses.Mine(tx, c.U.From.ID, c.Roles); return err }); err != nil || len(m.Own) == 0 {
		return nil
	}
	asIs := typedAsIs(c) // a course's name as typed, not read as a request's word
	named := namedCourses(asIs, m.Own)
	if len(named) != 1 || len(m.Own) > 1 && len(named) == len(m.Own) {
		return nil // none named (namedCourses: all of them), or several
	}
	co := named[0]
	own := courseNameWords(co)
	var rest []string
	for i, w := range words {
		if !slices.Contains(own, asIs[i]) {
			rest = append(rest, w)
		}
	}
	if len(rest) == len(words) || kb.Intent(strings.Join(rest, " ")) != "mycourses" {
		return nil
	}
	return func(c *Ctx) error { return h.pressTyped(c, openCourseButton{co.ID}.Encode()) }
}

// courseLeftAsked is a teacher's "¿qué me falta?", "what's left for me
// to do?", or "¿cómo voy con mis cursos?", "how is my course going?",
// with a course of theirs being moved online: its checklist, or, with
// several, /mycourses ("I don't know", seen in the sandbox). Nil for
// anyone else (a student's "¿cómo voy en mi curso?" asks after their
// marks), other words, and a teacher with none in progress.
func (h *Handlers) courseLeftAsked(c *Ctx) Handler {
	if !c.Private() || c.U.File != nil || c.User.Role != aulabot.RoleTeacher {
		return nil
	}
	words := c.typed()
	left := func(w string) bool { return leftCore[w] }
	going := func(w string) bool { return goingCore[w] }
	switch {
	case len(words) == 0 || len(words) > maxStepTold:
		return nil
	case slices.ContainsFunc(words, left) && !slices.ContainsFunc(words, func(w string) bool { return !leftCore[w] && !leftWords[w] }):
	case slices.ContainsFunc(words, going) && slices.ContainsFunc(words, func(w string) bool { return courseNouns[w] }) &&
		!slices.ContainsFunc(words, func(w string) bool { return !goingCore[w] && !goingWords[w] && !courseNouns[w] }):
	default:
		return nil // most messages: a word of their own
	}
	var m service.MyCourses
	if err := c.view(func(tx Tx) (err error) { m, err = h.svc.Courses.Mine(tx, c.U.From.ID, c.Roles); return err }); err != nil {
		return nil
	}
	own := slices.DeleteFunc(slices.Clone(m.Own), func(co aulabot.Course) bool { return co.Status != aulabot.CourseInProgress })
	switch len(own) {
	case 0:
		return nil
	case 1:
		return func(c *Ctx) error { return h.pressTyped(c, openCourseButton{own[0].ID}.Encode()) }
	}
	return h.myCourses
}

// courseMoveTold is a teacher's "ya terminé de pasar química a
// virtual", "I've finished moving EST201 online": the course they name
// (or their one course being moved, with none named) is told done, which
// is their mentor's to decide: a word of well done and of that, and its
// checklist, to tick what is done ("I don't know", seen in the sandbox);
// several of theirs and none named: /mycourses. Nil for anyone else and
// other words (a question, a problem, a word beside the move's and the
// course's).
func (h *Handlers) courseMoveTold(c *Ctx) Handler {
	if !c.Private() || c.U.File != nil || c.User.Role != aulabot.RoleTeacher || strings.ContainsAny(c.U.Text, "?¿") {
		return nil
	}
	words := c.typed()
	if len(words) == 0 || len(words) > maxStepTold || !slices.ContainsFunc(words, func(w string) bool { return moveDone[w] }) ||
		!slices.ContainsFunc(words, func(w string) bool { return moveOnline[w] }) || slices.ContainsFunc(words, func(w string) bool { return stepNot[w] }) {
		return nil // most messages: no read
	}
	var m service.MyCourses
	if err := c.view(func(tx Tx) (err error) { m, err = h.svc.Courses.Mine(tx, c.U.From.ID, c.Roles); return err }); err != nil || len(m.Own) == 0 {
		return nil
	}
	asIs := typedAsIs(c) // a course's name as typed, not read as a request's word
	named := slices.DeleteFunc(slices.Clone(m.Own), func(co aulabot.Course) bool { return !courseSaid(asIs, co) })
	if len(named) == 0 { // none named: those in progress
		named = slices.DeleteFunc(slices.Clone(m.Own), func(co aulabot.Course) bool { return co.Status != aulabot.CourseInProgress })
	}
	var own []string
	for _, co := range named {
		own = append(own, courseNameWords(co)...)
	}
	for i, w := range words {
		if !moveDone[w] && !moveOnline[w] && !moveWords[w] && !slices.Contains(own, asIs[i]) {
			return nil // words of their own: a question or news
		}
	}
	switch {
	case len(named) == 0:
		return nil
	case len(named) > 1:
		return h.myCourses
	}
	co := named[0]
	said := "course.move_told"
	if co.Status == aulabot.CourseMoved {
		said = "" // the checklist says it is
	}
	return func(c *Ctx) error {
		return h.courseResult(c, false, said, func(tx Tx) (service.CourseView, error) {
			return h.svc.Courses.View(tx, co.ID, c.U.From.ID, c.Roles)
		})
	}
}

// moveDone, moveOnline and moveWords are the words of a course told moved
// online, as aulabot.TypedWords reads them (courseMoveTold; "I've" is
// "i ve").
var (
	moveDone = typedSet("terminé", "termine", "terminamos", "acabé", "acabe", "pasé", "pase", "migré", "migre", "moví", "movi",
		"completé", "complete", "listo", "finished", "moved", "migrated", "completed", "done")
	moveOnline = typedSet("virtual", "online", "línea", "linea")
	moveWords  = typedSet("ya", "de", "pasar", "migrar", "mover", "mi", "mis", "el", "la", "los", "curso", "cursos", "a", "al",
		"en", "está", "esta", "i", "ve", "have", "moving", "my", "course", "courses", "the", "to", "is", "now",
		"modalidad", "por", "fin", "finally", "already", "just")
)

// leftCore ask what is left to do, leftWords are the words around them,
// as aulabot.TypedWords reads them (courseLeftAsked).
var (
	leftCore  = typedSet("falta", "faltan", "left")
	leftWords = typedSet("qué", "que", "me", "por", "hacer", "todavía", "aún", "what", "whats", "is", "for", "to", "do",
		"i", "still", "have", "need", "else", "mi", "my", "s")
)

// courseListAsked is a teacher's or a mentor's "quiero ver mis cursos",
// "muéstrame mis cursos", "kiero ver mis cusos": /mycourses (suggestions
// of articles, seen in the sandbox; "mis cursos" alone is the menu
// button's words). Nil for anyone else (a student's courses are the
// virtual classroom's) and other words.
func (h *Handlers) courseListAsked(c *Ctx) Handler {
	if !c.Private() || c.U.File != nil || c.User.Role != aulabot.RoleTeacher && len(c.Roles.Mentor) == 0 {
		return nil
	}
	words := c.typed()
	if len(words) == 0 || len(words) > maxStepTold || !slices.ContainsFunc(words, func(w string) bool { return courseNouns[w] }) ||
		!slices.ContainsFunc(words, func(w string) bool { return listMine[w] }) ||
		slices.ContainsFunc(words, func(w string) bool { return !courseNouns[w] && !listMine[w] && !listWords[w] }) {
		return nil
	}
	return h.myCourses
}

// listMine and listWords are the words of one's courses asked for, as
// aulabot.TypedWords reads them (courseListAsked).
var (
	listMine  = typedSet("mis", "mi", "my")
	listWords = typedSet("quiero", "ver", "veo", "muestrame", "mostrar", "muestra", "ensename", "dame", "lista", "listado",
		"abrir", "abre", "todos", "los", "de", "por", "favor", "porfa", "see", "show", "me", "list", "of", "all", "open",
		"want", "to", "i", "please", "view")
)

// goingCore ask how something goes, goingWords are the words around
// them with a course's, as aulabot.TypedWords reads them
// (courseLeftAsked).
var (
	goingCore  = typedSet("voy", "va", "van", "vamos", "going")
	goingWords = typedSet("cómo", "como", "con", "mi", "mis", "el", "los", "how", "is", "are", "my", "the", "with")
)

// courseNouns are the words of a course, as aulabot.TypedWords reads them.
var courseNouns = typedSet("curso", "cursos", "course", "courses")
