package handlers

import "github.com/aulabot/aulabot"

// mainMenu is the reply keyboard with the main actions for this user.
func (h *Handlers) mainMenu(c *Ctx) [][]string {
	rows := [][]string{
		{c.T("menu.mentoring"), c.T("menu.problem")},
		{c.T("menu.mybookings"), c.T("menu.mytickets")},
	}
	var staff []string
	if len(c.Roles.Mentor) > 0 {
		staff = append(staff, c.T("menu.slots"), c.T("menu.mycourses"))
	}
	if len(c.Roles.Tech) > 0 {
		staff = append(staff, c.T("menu.queue"))
	}
	if len(c.Roles.Coordinator) > 0 || c.Roles.Admin {
		staff = append(staff, c.T("menu.gaps"), c.T("menu.surveys"), c.T("menu.report"))
	}
	if len(staff) > 0 {
		// Staff see their own row first; everyone's actions stay below it
		// (a mentor who also teaches books mentoring and reports problems).
		rows = append([][]string{staff}, rows...)
	}
	if b := h.surveyMenuButton(c); b != "" {
		rows = append([][]string{{b}}, rows...)
	}
	if c.User.Role == aulabot.RoleTeacher && len(c.Roles.Mentor) == 0 {
		rows = append(rows, []string{c.T("menu.mycourses")})
	}
	return append(rows, []string{c.T("menu.help"), c.T("menu.language")})
}

// replyMenu queues text with the main menu keyboard.
func (h *Handlers) replyMenu(c *Ctx, text string) {
	c.Send(aulabot.Message{ChatID: c.U.ChatID, Text: text, Keyboard: h.mainMenu(c)})
}

// pressed is the id of the message whose button the update pressed; 0
// when it is not a press, or Telegram did not say which message.
func (c *Ctx) pressed() int {
	if c.U.Callback == nil {
		return 0
	}
	return c.U.Callback.MessageID
}

// EditPressed shows text and rows on the message whose button was pressed
// (rows nil drops its buttons), as its caption when it is a file (Telegram
// refuses a text edit there, and until 5 December the press of Cancel
// under a booking's confirmation with its calendar file changed nothing),
// or sends them as a new message when the update is not a press.
func (c *Ctx) EditPressed(text string, rows [][]aulabot.Button) {
	if id := c.pressed(); id != 0 {
		c.Send(aulabot.Message{ChatID: c.U.ChatID, EditMessageID: id, Text: text, Inline: rows,
			EditCaption: c.U.Callback.Captioned})
		return
	}
	c.ReplyButtons(text, rows)
}

// EditButtons replaces the buttons of the message whose button was
// pressed (nil drops them); nothing for an update that is not a press.
func (c *Ctx) EditButtons(rows [][]aulabot.Button) {
	if id := c.pressed(); id != 0 {
		c.Send(aulabot.Message{ChatID: c.U.ChatID, EditMessageID: id, Inline: rows})
	}
}
