package handlers

import (
	"strings"

	"github.com/aulabot/aulabot"
)

const flowOnboard = "onboard"

// start begins onboarding (language, university, role), or shows the main
// menu to a user who finished it. "/start unma" preselects a university.
func (h *Handlers) start(c *Ctx) error {
	if !c.Private() {
		return aulabot.Errorf(aulabot.EFORBIDDEN, "error.private_only")
	}
	deep := strings.ToLower(strings.TrimSpace(c.U.Text))
	if c.Known && c.User.Onboarded() {
		c.ClearState()
		uni, _ := h.Config.University(c.User.University)
		h.replyMenu(c, c.T("start.welcome_back", "name", c.User.Name, "university", uniName(uni)))
		return nil
	}
	st := aulabot.State{Flow: flowOnboard, Step: "lang"}
	if _, ok := h.Config.University(deep); ok {
		st = st.With("uni", deep)
	}
	c.SetState(st)
	c.ReplyButtons(c.T("start.hello", "name", aulabot.CleanText(c.U.From.FirstName)), langButtons())
	return nil
}

func langButtons() [][]aulabot.Button {
	return [][]aulabot.Button{{{Text: "🇵🇪 Español", Data: "lang:es"}, {Text: "🇬🇧 English", Data: "lang:en"}}}
}

func uniName(u *aulabot.University) string {
	if u == nil {
		return ""
	}
	return u.Name
}

// language shows the language buttons.
func (h *Handlers) language(c *Ctx) error {
	c.ReplyButtons(c.T("language.choose"), langButtons())
	return nil
}

// onLanguage sets the language: during onboarding it goes on to the
// university; otherwise it changes a known user's language.
func (h *Handlers) onLanguage(c *Ctx) error {
	lang := strings.TrimPrefix(c.U.Callback.Data, "lang:")
	if lang != aulabot.LangES && lang != aulabot.LangEN {
		return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
	}
	if c.State.Flow == flowOnboard {
		c.Lang = lang
		st := c.State.With("lang", lang)
		if st.Get("uni") != "" {
			st.Step = "role"
			c.SetState(st)
			uni, _ := h.Config.University(st.Get("uni"))
			c.ReplyButtons(c.T("start.role", "university", uniName(uni)), roleButtons(c))
		} else {
			st.Step = "uni"
			c.SetState(st)
			c.ReplyButtons(c.T("start.university"), h.universityButtons())
		}
		c.Answer(c.T("language.set"))
		return nil
	}
	if !c.Known {
		return aulabot.Errorf(aulabot.EFORBIDDEN, "error.start_first")
	}
	c.Lang = lang
	return c.Commit(func(tx Tx) error {
		u, ok, err := tx.User(c.U.From.ID)
		if err != nil || !ok {
			return err
		}
		u.Lang = lang
		if err := tx.PutUser(u); err != nil {
			return err
		}
		c.Answer(c.T("language.set"))
		h.replyMenu(c, c.T("language.changed"))
		return nil
	})
}

func (h *Handlers) universityButtons() [][]aulabot.Button {
	var rows [][]aulabot.Button
	for _, u := range h.Config.Universities {
		rows = append(rows, []aulabot.Button{{Text: u.Name, Data: "uni:" + u.ID}})
	}
	return rows
}

func roleButtons(c *Ctx) [][]aulabot.Button {
	return [][]aulabot.Button{{
		{Text: c.T("button.teacher"), Data: "role:" + aulabot.RoleTeacher},
		{Text: c.T("button.student"), Data: "role:" + aulabot.RoleStudent},
	}}
}

// onUniversity records the university during onboarding.
func (h *Handlers) onUniversity(c *Ctx) error {
	id := strings.TrimPrefix(c.U.Callback.Data, "uni:")
	uni, ok := h.Config.University(id)
	if !ok || c.State.Flow != flowOnboard {
		return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
	}
	st := c.State.With("uni", id)
	st.Step = "role"
	c.SetState(st)
	c.ReplyButtons(c.T("start.role", "university", uni.Name), roleButtons(c))
	c.Answer(uni.Name)
	return nil
}

// onRole finishes onboarding: the user record is written with the consent
// time, and the main menu appears.
func (h *Handlers) onRole(c *Ctx) error {
	role := strings.TrimPrefix(c.U.Callback.Data, "role:")
	if role != aulabot.RoleTeacher && role != aulabot.RoleStudent {
		return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
	}
	uni, ok := h.Config.University(c.State.Get("uni"))
	if c.State.Flow != flowOnboard || !ok {
		return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
	}
	u := c.User
	u.Name, u.Username, u.TGLang = aulabot.CleanText(c.U.From.Name()), c.U.From.Username, c.U.From.LanguageCode
	u.Lang = c.State.Get("lang")
	u.University, u.Role = uni.ID, role
	c.ClearState()
	return c.Commit(func(tx Tx) error {
		u.ConsentAt = tx.Now()
		if err := tx.PutUser(u); err != nil {
			return err
		}
		c.User, c.Known = u, true
		if err := tx.Count("onboarded:"+uni.ID+":"+role, 1); err != nil {
			return err
		}
		h.replyMenu(c, c.T("start.done_"+role, "university", uni.Name))
		return nil
	})
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
