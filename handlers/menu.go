package handlers

import (
	"slices"
	"strings"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
)

// mainMenu is the reply keyboard with the main actions for this user.
func (h *Handlers) mainMenu(c *Ctx) [][]string {
	var rows [][]string
	if b := h.surveyMenuButton(c); b != "" {
		rows = append(rows, []string{b})
	}
	for _, keys := range menuKeys(c) {
		row := make([]string, len(keys))
		for i, k := range keys {
			row[i] = c.T(k)
		}
		rows = append(rows, row)
	}
	return rows
}

// menuKeys are the catalogue keys of c's main menu, row by row, without
// the survey's button, which shows while a survey is open to them
// (surveyMenuButton).
func menuKeys(c *Ctx) [][]string {
	rows := [][]string{
		{"menu.mentoring", "menu.problem"},
		{"menu.mybookings", "menu.mytickets"},
	}
	var staff []string
	if len(c.Roles.Mentor) > 0 {
		staff = append(staff, "menu.slots", "menu.mycourses")
	}
	if len(c.Roles.Tech) > 0 {
		staff = append(staff, "menu.queue")
	}
	if len(c.Roles.Coordinator) > 0 || c.Roles.Admin {
		staff = append(staff, "menu.gaps", "menu.surveys", "menu.report")
	}
	if len(staff) > 0 {
		// Staff see their own row first; everyone's actions stay below it
		// (a mentor who also teaches books mentoring and reports problems).
		rows = append([][]string{staff}, rows...)
	}
	if c.User.Role == aulabot.RoleTeacher && len(c.Roles.Mentor) == 0 {
		rows = append(rows, []string{"menu.mycourses"})
	}
	return append(rows, []string{"menu.help", "menu.language"})
}

// maxMenuWords bounds the words of a main-menu button ("preguntas sin
// respuesta"): longer messages are not read as one.
const maxMenuWords = 4

// menuWords maps the words of each main-menu button with a command, in
// either language, as TypedWords reads them ("mis cursos", "encuesta",
// "ticket queue"), to its catalogue key. ❔ Help is left out: "ayuda" or
// "help" alone is a plea, answered as small talk ("tell me what you are
// trying to do").
func menuWords(cat *i18n.Catalog, menu map[string]string) map[string]string {
	words := map[string]string{}
	for key := range menu {
		if key == "menu.help" {
			continue
		}
		for _, lang := range []string{aulabot.LangES, aulabot.LangEN} {
			if label, ok := cat.Lookup(key, lang); ok {
				words[aulabot.TypedWords(label)] = key
			}
		}
	}
	return words
}

// typedMenu is the command of the main-menu button c's message types
// without its emoji, in any case or accents ("mis cursos", "Encuesta",
// "ticket queue"), among the buttons c's menu shows (the survey's whether
// or not one is open: /survey says so); nil for anything else. A button
// tapped sends its label as it is, read before any flow (router.go).
func (h *Handlers) typedMenu(c *Ctx) Handler {
	if len(c.U.Text) > maxYes || strings.Count(strings.TrimSpace(c.U.Text), " ") >= maxMenuWords {
		return nil
	}
	key, ok := h.menuWords[shortWords(c.U.Text)]
	if !ok {
		return nil
	}
	if key != "menu.survey" && !slices.ContainsFunc(menuKeys(c), func(row []string) bool { return slices.Contains(row, key) }) {
		return nil // another role's button ("cola de tickets" typed by a student)
	}
	return h.router.commands[h.router.menu[key]]
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
