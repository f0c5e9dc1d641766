package handlers

import (
	"slices"
	"strings"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
	"github.com/aulabot/aulabot/service"
)

// Onboarding's handlers: each decodes the command or button, calls one
// use case of the onboarding service and renders the reply. The rules,
// the flow (service.FlowOnboard) and what is stored are the service's.

// start begins onboarding (language, university, role), or shows the main
// menu to a user who finished it. "/start unma" preselects a university.
func (h *Handlers) start(c *Ctx) error {
	if !c.Private() {
		return aulabot.Errorf(aulabot.EFORBIDDEN, "error.private_only")
	}
	if c.Roles.Staff() {
		return h.greetStaff(c)
	}
	res := h.svc.Onboarding.Start(c.User, c.Known, c.U.Text)
	if res.Back {
		c.SetState(res.State)
		h.replyMenu(c, c.T("start.welcome_back", "name", c.User.Name, "university", uniName(res.University)))
		return nil
	}
	st := h.svc.Onboarding.Carry(c.State, res.State) // a question or voice note sent before /start still waits
	c.SetState(st)
	h.askOnboarding(c, st, h.heldNote(c, st), false)
	return nil
}

// greetStaff is /start by someone the configuration names as staff: they
// are greeted with their roles and universities and get their own menu,
// never asked for a university or teacher/student; any flow is left.
func (h *Handlers) greetStaff(c *Ctx) error {
	c.ClearState()
	return c.Commit(h.greetStaffIn(c))
}

// greetStaffIn is greetStaff's part of the update's transaction, for c's
// sender as they are when it is called (staffFirst makes them known
// before the transaction runs).
func (h *Handlers) greetStaffIn(c *Ctx) func(tx Tx) error {
	u, known := c.User, c.Known
	return func(tx Tx) error {
		res, err := h.svc.Onboarding.GreetStaff(tx, u, known, c.U.From, c.Roles)
		if err != nil {
			return err
		}
		c.User, c.Known = res.User, true
		text := c.T("start.staff", "name", res.User.Name, "roles", i18n.HTML(h.staffRoles(c, res.User)))
		if res.New {
			text += "\n\n" + c.T("start.privacy_note")
		}
		h.replyMenu(c, text)
		return nil
	}
}

// staffRoles lists what the configuration says c's sender does, a line
// per role with its universities, and what they picked at onboarding, if
// anything (a mentor who also teaches).
func (h *Handlers) staffRoles(c *Ctx, u aulabot.User) string {
	return h.rolesText(c.Lang, c.Roles, u)
}

// rolesText lists roles in lang, a line per role with its universities,
// and what person u picked at onboarding, if anything (a mentor who also
// teaches).
func (h *Handlers) rolesText(lang string, roles aulabot.Roles, u aulabot.User) string {
	var lines []string
	add := func(key string, ids []string) {
		if len(ids) == 0 {
			return
		}
		var names []string
		for _, id := range ids {
			if uni, ok := h.Config.University(id); ok {
				names = append(names, uni.Name)
			}
		}
		lines = append(lines, h.cat.T(lang, key, "universities", strings.Join(names, ", ")))
	}
	if roles.Admin {
		lines = append(lines, h.cat.T(lang, "start.staff_admin"))
	}
	add("start.staff_coordinator", roles.Coordinator)
	add("start.staff_mentor", roles.Mentor)
	add("start.staff_tech", roles.Tech)
	if u.Role == aulabot.RoleTeacher || u.Role == aulabot.RoleStudent {
		add("start.staff_also_"+u.Role, []string{u.University})
	}
	return strings.Join(lines, "\n")
}

func langButtons() [][]aulabot.Button {
	return [][]aulabot.Button{{
		{Text: "🇵🇪 Español", Data: langButton{Lang: aulabot.LangES}.Encode()},
		{Text: "🇬🇧 English", Data: langButton{Lang: aulabot.LangEN}.Encode()},
	}}
}

func uniName(u *aulabot.University) string {
	if u == nil {
		return ""
	}
	return u.Name
}

// language shows the language buttons; "/language english", or
// "english" typed alone (asked for in words), changes to it at once.
// Until 6 December the buttons came back and the language stayed (seen
// in the sandbox).
func (h *Handlers) language(c *Ctx) error {
	words := c.asked
	if words == "" {
		words = c.U.Text
	}
	if lang, ok := service.TypedLanguage(words); ok {
		return h.pickLanguage(c, lang)
	}
	if lang, ok := namedLanguage(words); ok && c.U.Callback == nil {
		return h.pickLanguage(c, lang) // "change my language to spanish": it asked which (seen in the sandbox)
	}
	c.ReplyButtons(c.T("language.choose"), langButtons())
	return nil
}

// namedLanguage is the one language the bot speaks that text names by a
// word of its name ("quiero el bot en inglés", "change my language to
// spanish"); false for none or both ("es" and "en" alone are words of
// their own in a sentence).
func namedLanguage(text string) (string, bool) {
	named := ""
	for _, w := range strings.Fields(aulabot.TypedWords(text)) {
		if w == "es" || w == "en" {
			continue
		}
		if lang, ok := service.TypedLanguage(w); ok {
			if named != "" && named != lang {
				return "", false
			}
			named = lang
		}
	}
	return named, named != ""
}

// onLanguage sets the language: during onboarding it goes on to the
// university (or the role); otherwise it changes a known user's language.
func (h *Handlers) onLanguage(c *Ctx) error {
	b, err := pressed[langButton](c)
	if err != nil {
		return err
	}
	return h.pickLanguage(c, b.Lang)
}

// pickLanguage is onLanguage's choice of lang, pressed or typed.
func (h *Handlers) pickLanguage(c *Ctx, lang string) error {
	if service.FlowOnboard.In(c.State) {
		step, err := h.svc.Onboarding.PickLanguage(c.State, lang)
		if err != nil {
			return err
		}
		c.Lang = lang
		h.askStep(c, step)
		c.Answer(c.T("language.set"))
		return nil
	}
	return c.Commit(func(tx Tx) error {
		changed, err := h.svc.Onboarding.ChangeLanguage(tx, c.U.From.ID, c.Known, lang)
		if err != nil || !changed {
			return err
		}
		c.EditButtons(nil) // chosen: the choice shows under the question
		c.Lang = lang
		c.Answer(c.T("language.set"))
		h.replyMenu(c, c.T("language.changed"))
		return nil
	})
}

// onUniversity records the university during onboarding.
func (h *Handlers) onUniversity(c *Ctx) error {
	b, err := pressed[uniButton](c)
	if err != nil {
		return err
	}
	return h.pickUniversity(c, b.University)
}

// pickUniversity is onUniversity's choice of university id, pressed or
// typed.
func (h *Handlers) pickUniversity(c *Ctx, id string) error {
	step, err := h.svc.Onboarding.PickUniversity(c.State, id)
	if err != nil {
		return err
	}
	h.askStep(c, step)
	if step.University != nil { // nil: another university is asked
		c.Answer(step.University.Name)
	}
	return nil
}

// typedStep takes v, what the person typed at onboarding's step read as
// its choice (service.Onboarding.Typed), as the step's button would.
func (h *Handlers) typedStep(c *Ctx, v string) error {
	switch c.State.Step {
	case service.OnboardLanguage:
		return h.pickLanguage(c, v)
	case service.OnboardUniversity:
		return h.pickUniversity(c, v)
	}
	if v == service.OtherUniversity {
		return h.pickUniversity(c, v)
	}
	return h.pickRole(c, v)
}

// askStep keeps onboarding's next step and asks its question on the
// message whose button was pressed.
func (h *Handlers) askStep(c *Ctx, step service.Step) {
	c.SetState(step.State)
	if step.State.Step == service.OnboardUniversity {
		c.EditPressed(c.T("start.university"), h.universityButtons())
		return
	}
	c.EditPressed(h.roleQuestion(c, step.University), roleButtons(c, service.ReadUniversity(step.State)))
}

// roleQuestion is onboarding's last question, with the one-line privacy
// notice: answering it is the person's consent.
func (h *Handlers) roleQuestion(c *Ctx, uni *aulabot.University) string {
	return c.T("start.role", "university", uniName(uni)) + "\n\n" + c.T("start.privacy_note")
}

func (h *Handlers) universityButtons() [][]aulabot.Button {
	var rows [][]aulabot.Button
	for _, u := range h.Config.Universities {
		rows = append(rows, []aulabot.Button{{Text: u.Name, Data: uniButton{University: u.ID}.Encode()}})
	}
	return rows
}

// roleButtons are the role step's buttons; read (the university was read
// from the person's words, service.Named) adds one for another
// university.
func roleButtons(c *Ctx, read bool) [][]aulabot.Button {
	rows := [][]aulabot.Button{{
		{Text: c.T("button.teacher"), Data: roleButton{Role: aulabot.RoleTeacher}.Encode()},
		{Text: c.T("button.student"), Data: roleButton{Role: aulabot.RoleStudent}.Encode()},
	}}
	if read {
		rows = append(rows, []aulabot.Button{{Text: c.T("button.other_university"), Data: uniButton{University: service.OtherUniversity}.Encode()}})
	}
	return rows
}

// onRole finishes onboarding: the user record is written with the consent
// time, and the main menu appears.
func (h *Handlers) onRole(c *Ctx) error {
	b, err := pressed[roleButton](c)
	if err != nil {
		return err
	}
	return h.pickRole(c, b.Role)
}

// pickRole is onRole's choice of role, pressed or typed.
func (h *Handlers) pickRole(c *Ctx, role string) error {
	st := c.State
	var trainings *aulabot.Message // read before the commit (trainingsNotice)
	finish := func(tx Tx) error {
		res, err := h.svc.Onboarding.Finish(tx, c.User, c.U.From, st, role)
		if err != nil {
			return err
		}
		c.SetState(res.State)
		c.User, c.Known = res.User, true
		if c.pressed() != 0 {
			c.EditPressed(c.T("start.done_short", "role", c.T("button."+res.User.Role), "university", res.University.Name), nil)
		}
		h.replyMenu(c, c.T("start.done_"+res.User.Role, "university", res.University.Name))
		if trainings != nil {
			c.Send(*trainings)
		}
		return nil
	}
	d, ok := service.FlowOnboard.Data(st)
	if !ok || (role != aulabot.RoleTeacher && role != aulabot.RoleStudent) {
		return c.Commit(finish)
	}
	// The question asked before onboarding is answered now, as the
	// person will be stored (the question's record names them so); a
	// voice note is taken to be heard.
	c.User.University, c.User.Role, c.Lang = d.University, role, d.Lang
	if err := c.view(func(tx Tx) (err error) { trainings, err = h.trainingsNotice(c, tx, aulabot.User{}, c.User); return err }); err != nil {
		return err
	}
	var feature Handler // "quiero reservar una mentoría": done, not answered
	if d.Question != "" {
		feature = h.heldFeature(c, d.Question)
	}
	switch {
	case feature != nil:
		return h.doAfter(c, d.Question, feature, finish)
	case d.Question != "":
		return h.answerAfter(c, d.Question, finish)
	case d.Voice != nil && h.Voice != nil:
		return h.hearAfter(c, aulabot.VoiceNote{From: c.U.From, MessageID: d.VoiceMsg, File: *d.Voice, Lang: d.Lang}, finish)
	}
	return c.Commit(finish)
}

// trainingsNotice is what tells someone, about to finish onboarding or to
// change university or role in /profile, of the upcoming trainings of
// their new audience (as u, from was) they have not answered: their
// invitations went before they were in it (until 5 December they learnt
// of them only by opening the Trainings list); not those whose audience
// they were in already, told of then (until 6 December a student who
// switched to teacher and back was told each time of a training for
// both); nil for none. It is read before the commit, so that the events
// are not read inside it.
func (h *Handlers) trainingsNotice(c *Ctx, tx Tx, was, u aulabot.User) (*aulabot.Message, error) {
	u.ConsentAt = h.Now() // as Finish stores them
	up, err := h.svc.Events.Upcoming(tx, u)
	if err != nil {
		return nil, err
	}
	up = slices.DeleteFunc(up, func(e service.UpcomingEvent) bool {
		return e.Answer != "" || e.UnderWay(h.Now()) || e.Event.Includes(was)
	})
	if len(up) == 0 {
		return nil, nil
	}
	first := up[0].Event
	return &aulabot.Message{ChatID: c.U.ChatID, Text: c.N("event.onboard_upcoming", len(up), "title", first.Title, "when", h.svc.Events.WhenText(c.Lang, first)),
		Inline: [][]aulabot.Button{{{Text: c.T("event.button_trainings"), Data: eventListButton{}.Encode()}}}}, nil
}

// cancel leaves any flow.
func (h *Handlers) cancel(c *Ctx) error {
	c.ClearState()
	if c.Known && c.User.Onboarded() && c.Private() {
		h.replyMenu(c, c.T("cancel.done"))
	} else {
		c.Reply(c.T("cancel.done"))
	}
	return nil
}
