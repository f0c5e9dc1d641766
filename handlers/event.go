package handlers

import (
	"html"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/button"
	"github.com/aulabot/aulabot/service"
)

// Live training events: each handler decodes the command, button or
// text, calls one use case of the events service (service.Events) and
// renders the reply. The rules, the flow (service.FlowEvent), what is
// stored and who is sent what are the service's.

// routeEvents registers the events: /newevent and /events (the upcoming
// ones, to change or call off) for coordinators, the Trainings list
// (/trainings, and its button in /mentoring) for everyone onboarded, and
// the buttons of the invitations.
func (h *Handlers) routeEvents(r *router) {
	r.commands["newevent"] = with(h.newEvent, private, coordinator)
	r.commands["events"] = with(h.manageEvents, private, coordinator)
	r.commands["trainings"] = with(h.trainings, private, onboarded)
	r.callbacks["ev"] = with(h.onEventButton, private)
	r.flows[service.FlowEvent.Name] = with(h.onEventText, private, coordinator)
	r.flows[service.FlowEventChange.Name] = with(h.onEventChangeText, private, coordinator)
	r.flows[service.FlowEventMessage.Name] = with(h.onEventMessageText, private, coordinator)
	r.fileFlows[service.FlowEventMessage.Name] = true
	r.flows[service.FlowEventComment.Name] = with(h.onEventCommentText, private, onboarded)
}

// eventUniversities are the universities c may create events for: a
// coordinator's, or every one for an admin.
func (h *Handlers) eventUniversities(c *Ctx) []string {
	return slices.DeleteFunc(h.announceUniversities(c), func(u string) bool { return u == allUniversities })
}

// newEvent starts a draft: the university if there is a choice, else the
// title.
func (h *Handlers) newEvent(c *Ctx) error {
	unis := h.eventUniversities(c)
	if _, named := h.universitiesIn(c.asked + " " + c.said); len(unis) > 1 && len(named) == 1 && slices.Contains(unis, named[0].ID) {
		unis = []string{named[0].ID} // "crea una formación para la unvs …": that one, not asked
	}
	st := h.svc.Events.StartSaid(unis, c.said, c.asked)
	c.SetState(st)
	if st.Step == service.EventTitle && c.said != "" {
		return h.eventSaid(c, st)
	}
	if st.Step == service.EventTitle {
		return h.askEventTitle(c, unis[0])
	}
	var rows [][]aulabot.Button
	for _, u := range unis {
		rows = append(rows, []aulabot.Button{{Text: h.uniName(c.Lang, u), Data: eventUniversityButton{u}.Encode()}})
	}
	c.ReplyButtons(c.T("event.choose_university"), rows)
	return nil
}

// eventSaid takes the title said with the request for a training
// (Ctx.said: "crea una formación sobre rúbricas el jueves a las 5") and,
// when the request's words (Ctx.asked) are a day and a time, its day and
// time too: the next step is asked. A day without a time is asked again
// as any.
func (h *Handlers) eventSaid(c *Ctx, st aulabot.State) error {
	title, when := c.said, strings.TrimSpace(h.withoutUniversities(c.asked)) // a university named chose it
	d, _ := service.FlowEvent.Data(st)
	loc := h.Config.Loc(d.University)
	at, err := aulabot.TypedWhen(when, h.Now(), loc, "event.err_when")
	if when == "" || err != nil {
		c.notice = c.T("event.said_title", "title", html.EscapeString(title))
		c.U.Text = title
		return h.onEventText(c) // the title taken, the day asked
	}
	if st, err = h.svc.Events.Title(st, title); err != nil {
		return err
	}
	c.SetState(st)
	c.notice = c.T("event.said_when", "title", html.EscapeString(title), "day", h.day(c.Lang, d.University, at), "time", at.In(loc).Format("15:04"))
	c.U.Text = when
	return h.onEventText(c) // the day and time taken, the length asked
}

func (h *Handlers) askEventTitle(c *Ctx, uni string) error {
	c.Reply(c.T("event.ask_title", "university", h.uniName(c.Lang, uni), "max", service.MaxEventTitle))
	return nil
}

// onEventText takes the draft's title, time, link and capacity.
func (h *Handlers) onEventText(c *Ctx) error {
	ev := h.svc.Events
	d, _ := service.FlowEvent.Data(c.State)
	switch c.State.Step {
	case service.EventTitle:
		st, err := ev.Title(c.State, c.U.Text)
		if err != nil {
			return err
		}
		c.SetState(st)
		example := h.Now().In(h.Config.Loc(d.University)).Add(7*24*time.Hour).Format("02/01") + " 17:00"
		c.Reply(c.T("event.ask_when", "example", example))
		return nil
	case service.EventWhen:
		return c.Commit(func(tx Tx) error {
			st, err := ev.When(tx, c.State, c.U.Text)
			if err != nil {
				return err
			}
			c.SetState(st)
			var row []aulabot.Button
			for _, n := range eventLengths {
				row = append(row, aulabot.Button{Text: c.T("newslot.minutes_button", "n", n), Data: eventLengthButton{n}.Encode()})
			}
			c.ReplyButtons(c.T("event.ask_length"), [][]aulabot.Button{row})
			return nil
		})
	case service.EventLength:
		return h.eventLength(c, c.U.Text)
	case service.EventLink:
		st, err := ev.Link(c.State, c.U.Text)
		if err != nil {
			return err
		}
		c.SetState(st)
		var row []aulabot.Button
		for _, a := range []string{aulabot.AudienceTeachers, aulabot.AudienceStudents, aulabot.AudienceAll} {
			row = append(row, aulabot.Button{Text: c.T("announce.aud_" + a), Data: eventAudienceButton{a}.Encode()})
		}
		c.ReplyButtons(c.T("event.ask_audience"), [][]aulabot.Button{row})
		return nil
	case service.EventCapacity:
		return h.eventCapacity(c, c.U.Text)
	}
	return aulabot.Errorf(aulabot.EINVALID, "event.use_buttons")
}

// eventLengths are the lengths offered as buttons, in minutes.
var eventLengths = []int{60, 90, 120, 180}

// eventLength takes the length (a button's minutes, or typed) and asks
// for the link.
func (h *Handlers) eventLength(c *Ctx, text string) error {
	st, err := h.svc.Events.Length(c.State, text)
	if err != nil {
		return err
	}
	c.SetState(st)
	c.Reply(c.T("event.ask_link"))
	return nil
}

// eventCapacity takes the capacity ("" is no limit) and shows the
// preview.
func (h *Handlers) eventCapacity(c *Ctx, text string) error {
	st, d, err := h.svc.Events.Capacity(c.State, text)
	if err != nil {
		return err
	}
	c.SetState(st)
	c.ReplyButtons(h.eventPreview(c, d)+"\n\n"+c.T("event.preview_ask"),
		[][]aulabot.Button{{{Text: c.T("event.button_create"), Data: eventCreateButton{}.Encode()},
			{Text: c.T("event.button_discard"), Data: eventDiscardButton{}.Encode()}}})
	return nil
}

// eventPreview is the draft d as the organiser checks it before it is
// created: what, when, where, for whom, how many places.
func (h *Handlers) eventPreview(c *Ctx, d service.EventDraft) string {
	capacity := c.T("event.no_limit")
	if d.Capacity > 0 {
		capacity = c.N("event.places", d.Capacity)
	}
	preview := aulabot.Event{University: d.University, At: d.At, Minutes: d.Minutes}
	return c.T("event.preview", "title", d.Title, "when", h.svc.Events.WhenText(c.Lang, preview), "link", d.Link,
		"audience", c.T("announce.aud_"+d.Audience), "university", h.uniName(c.Lang, d.University), "capacity", capacity)
}

// previewDone edits the draft's preview, whose buttons were pressed, into
// the draft without its question, followed by done if any (a created
// training's line comes in a message of its own, as a notice). Without
// the pressed message, done comes in a message of its own.
func (h *Handlers) previewDone(c *Ctx, done string) {
	if d, ok := service.FlowEvent.Data(c.State); ok && c.pressed() != 0 {
		text := h.eventPreview(c, d)
		if done != "" {
			text += "\n\n" + done
		}
		c.EditPressed(text, nil)
		return
	}
	c.EditButtons(nil)
	if done != "" {
		c.Reply(done)
	}
}

// onEventButton decodes an "ev:" button and hands it to its handler.
func (h *Handlers) onEventButton(c *Ctx) error {
	b, err := h.buttons.Decode(c.U.Callback.Data)
	if err != nil {
		return err
	}
	switch b := b.(type) {
	case eventAnswerButton:
		return with(func(c *Ctx) error { return h.answerEvent(c, b, false) }, onboarded)(c)
	case eventChangeButton:
		return with(func(c *Ctx) error { return h.answerEvent(c, eventAnswerButton(b), true) }, onboarded)(c)
	case eventWaitButton:
		return with(func(c *Ctx) error { return h.waitEvent(c, b.Event, false) }, onboarded)(c)
	case eventListWaitButton:
		return with(func(c *Ctx) error { return h.waitEvent(c, b.Event, true) }, onboarded)(c)
	case eventFeedbackButton:
		return with(func(c *Ctx) error { return h.eventFeedback(c, b) }, onboarded)(c)
	case eventFeedbackChangeButton:
		return with(func(c *Ctx) error { return h.askFeedbackChange(c, b.Event) }, onboarded)(c)
	case eventFeedbackAgainButton:
		return with(func(c *Ctx) error { return h.changeFeedback(c, eventFeedbackButton(b)) }, onboarded)(c)
	case eventAddCommentButton:
		return with(func(c *Ctx) error { return h.startEventComment(c, b.Event) }, onboarded)(c)
	case eventAskAgainButton:
		return with(func(c *Ctx) error { return h.askFeedbackAgain(c, b.Event) }, onboarded)(c)
	case eventListButton:
		c.Answer("")
		return with(h.trainings, onboarded)(c)
	}
	return with(func(c *Ctx) error { return h.onEventDraftButton(c, b) }, coordinator)(c)
}

// manageEvents lists the upcoming trainings the person may change or
// call off, with their figures and a Manage button each.
func (h *Handlers) manageEvents(c *Ctx) error {
	if c.said != "" {
		if id, ok, err := h.toldEvent(c); ok || err != nil {
			if err != nil {
				return err
			}
			return h.askEventMessage(c, id, c.said)
		}
	}
	if c.asked != "" {
		if done, err := h.askedEvent(c); done || err != nil {
			return err
		}
	}
	return c.view(func(tx Tx) error { return h.renderManaged(c, tx, 0) })
}

// askedEvent does what the words that asked for /events ask of the one
// upcoming training of the organiser's that they name by its day or by
// words of its title: "cancela la formación de cuestionarios" asks to
// call it off (Yes, cancel it), "cambia la formación del jueves al
// viernes" asks its new day and time (the words are not taken: the new
// time reaches everyone coming, and is typed at its step). False for
// anything else, and for none or two named: the list, with each one's
// figures ("¿cuántos se inscribieron a la formación de cuestionarios?").
// They got "I don't know" or suggestions (seen in the sandbox).
func (h *Handlers) askedEvent(c *Ctx) (bool, error) {
	kb := c.kb()
	if kb == nil {
		return false, nil
	}
	ask := kb.BookingAsk(c.asked)
	if ask != "cancel" && ask != "change" {
		return false, nil
	}
	var list []aulabot.Event
	if err := c.view(func(tx Tx) (err error) { list, _, err = h.svc.Events.Managed(tx, c.Roles); return err }); err != nil {
		return false, err
	}
	var choices []choice
	for _, e := range list {
		choices = append(choices, choice{Button: aulabot.Button{Text: e.Title, Data: eventChangeMenu{e.ID}.Encode()}, at: e.At})
	}
	from, _ := movedTo(c.asked) // "… al viernes": the training is named before
	named, ok := c.namesAt(from, choices)
	if !ok {
		if named, ok = titled(from, choices); !ok {
			return false, nil
		}
	}
	v, err := button.As[eventChangeMenu](h.buttons, named.Data)
	if err != nil {
		return false, err
	}
	if ask == "cancel" {
		return true, h.pressTyped(c, eventCancelButton{v.Event}.Encode())
	}
	return true, h.pressTyped(c, eventChangeField{v.Event, service.EventChangeWhen}.Encode())
}

// toldEvent is the training of the organiser's whose people the words
// that asked for /events tell something ("avisa a los inscritos de la
// formación del miércoles que…"): the one among those with someone coming
// (ahead, or held in the last days) that the request or the message names
// by its day or its title, or the only one there is. False for none or
// several: the list is shown.
func (h *Handlers) toldEvent(c *Ctx) (uint64, bool, error) {
	var list, recent []aulabot.Event
	if err := c.view(func(tx Tx) (err error) { list, recent, err = h.svc.Events.Managed(tx, c.Roles); return err }); err != nil {
		return 0, false, err
	}
	var choices []choice
	for _, e := range append(list, recent...) {
		if e.Counts.Attending > 0 {
			choices = append(choices, choice{Button: aulabot.Button{Text: e.Title, Data: eventMessageButton{e.ID}.Encode()}, at: e.At})
		}
	}
	named, ok := choice{}, len(choices) == 1
	for _, words := range []string{c.asked, c.said} {
		if b, by := c.namesAt(words, choices); by {
			named, ok = b, true
			break
		}
		if b, by := titled(words, choices); by {
			named, ok = b, true
			break
		}
	}
	if !ok {
		return 0, false, nil
	}
	if named.Data == "" {
		named = choices[0] // the only one
	}
	v, err := button.As[eventMessageButton](h.buttons, named.Data)
	return v.Event, err == nil, nil
}

// askEventMessage shows text, the message to those coming to event id
// typed with the words that asked for it, the training and how many will
// get it, with Yes, send it and No: nothing is sent before the organiser
// has seen which training and the words read (service.PlanEventMessage).
// Other words typed then replace it (onEventMessageText).
func (h *Handlers) askEventMessage(c *Ctx, id uint64, text string) error {
	e, err := planned(c, func(tx Tx) (aulabot.State, aulabot.Event, error) {
		return h.svc.Events.PlanEventMessage(tx, c.Roles, id, text)
	})
	if err != nil {
		return err
	}
	d, _ := service.FlowEventMessage.Data(c.State)
	c.ReplyButtons(c.N("event.message_confirm", e.Counts.Attending, "title", e.Title, "when", h.svc.Events.WhenText(c.Lang, e), "text", d.Text),
		[][]aulabot.Button{{eventMessageYes(c, id)}, {eventMessageNo(c, id)}})
	return nil
}

// eventMessageYes and eventMessageNo are the buttons that send the
// message read for event id, and that do not.
func eventMessageYes(c *Ctx, id uint64) aulabot.Button {
	return aulabot.Button{Text: c.T("slot.button_message_ok"), Data: eventMessageOKButton{id}.Encode()}
}

func eventMessageNo(c *Ctx, id uint64) aulabot.Button {
	return aulabot.Button{Text: c.T("slot.button_no"), Data: eventMessageNoButton{id}.Encode()}
}

// renderManaged sends the organiser's list, or edits message edit (if not
// 0) into it.
func (h *Handlers) renderManaged(c *Ctx, tx Tx, edit int) error {
	list, recent, err := h.svc.Events.Managed(tx, c.Roles)
	if err != nil {
		return err
	}
	lines := []string{c.T("event.manage_list")}
	if len(list) == 0 {
		lines = []string{c.T("event.manage_none")}
	}
	var rows [][]aulabot.Button
	for i, e := range list {
		capacity := c.T("event.no_limit")
		if e.Capacity > 0 {
			capacity = c.N("event.places", e.Capacity)
		}
		line := c.T("event.manage_line", "n", i+1, "title", e.Title, "when", h.svc.Events.WhenText(c.Lang, e),
			"university", h.uniName(c.Lang, e.University), "invited", e.Counts.Invited, "attending", e.Counts.Attending, "capacity", capacity)
		waiting, err := h.svc.Events.Waiting(tx, e.ID)
		if err != nil {
			return err
		}
		if waiting > 0 {
			line += c.T("event.manage_waiting", "n", waiting)
		}
		lines = append(lines, line)
		rows = append(rows, []aulabot.Button{{Text: c.T("event.button_manage", "n", i+1), Data: eventChangeMenu{e.ID}.Encode()}})
	}
	// Those held in the last days, to write to those who came: the
	// slides, the recording.
	if len(recent) > 0 {
		lines = append(lines, c.T("event.manage_recent", "days", int(service.EventFollowUp/(24*time.Hour))))
	}
	for i, e := range recent {
		n := len(list) + i + 1
		line := c.T("event.recent_line", "n", n, "title", e.Title, "when", h.svc.Events.WhenText(c.Lang, e), "attending", e.Counts.Attending)
		if e.Counts.Asked > 0 {
			line += "\n  " + h.svc.Events.FeedbackLine(c.Lang, e.Counts)
		}
		lines = append(lines, line)
		rows = append(rows, []aulabot.Button{{Text: c.T("event.button_message_n", "n", n), Data: eventMessageButton{e.ID}.Encode()}})
		if e.Counts.Comments > 0 { // a row of its own: two long labels in one are cut on a phone
			rows = append(rows, []aulabot.Button{h.svc.Events.CommentsButton(c.Lang, e, n)})
		}
		if e.Counts.Missed > 0 {
			rows = append(rows, []aulabot.Button{h.svc.Events.MissedButton(c.Lang, e, n)})
		}
	}
	c.Send(aulabot.Message{ChatID: c.U.ChatID, EditMessageID: edit, Text: strings.Join(lines, "\n\n"), Inline: rows})
	return nil
}

// startEventMessage asks for what to write to those attending event id,
// or (missed) to those who said after it that they could not come.
func (h *Handlers) startEventMessage(c *Ctx, id uint64, missed bool) error {
	return c.view(func(tx Tx) error {
		st, e, err := h.svc.Events.StartMessage(tx, c.Roles, id, missed)
		if err != nil {
			return err
		}
		c.Answer("")
		c.SetState(st)
		if missed {
			c.Reply(c.N("event.message_ask_missed", e.Counts.Missed, "title", e.Title, "max", service.SlotMaxMessage))
		} else {
			c.Reply(c.N("event.message_ask", e.Counts.Attending, "title", e.Title, "max", service.SlotMaxMessage))
		}
		return nil
	})
}

// onEventMessageText takes what the organiser wrote (words, or a file
// with its caption) and sends it to those attending (sendNote): words
// refused keep the flow waiting, a training cancelled or past the
// follow-up meanwhile ends it.
func (h *Handlers) onEventMessageText(c *Ctx) error {
	if d, ok := service.FlowEventMessage.Data(c.State); ok && c.State.Step == service.EventMessageConfirm {
		// The message read from the words that asked for it waits for its
		// yes: other words replace it; a file is read as any message.
		if done, err := h.atConfirm(c, eventMessageYes(c, d.Event), eventMessageNo(c, d.Event)); done || err != nil {
			return err
		}
		if c.U.File != nil {
			c.ClearState()
			return ErrNotMine
		}
		return h.askEventMessage(c, d.Event, c.U.Text)
	}
	return h.sendNote(c, func(tx Tx, file *aulabot.CopyOf) (string, error) {
		res, err := h.svc.Events.MessageAttendees(tx, c.Roles, c.State, c.U.Text, file)
		if res.Missed {
			return c.N("event.messaged_missed", res.Told, "title", res.Event.Title), err
		}
		return c.N("event.messaged", res.Told, "title", res.Event.Title), err
	})
}

// askCancelEvent turns the organiser's list into the question whether to
// call event id off, with what it means.
func (h *Handlers) askCancelEvent(c *Ctx, id uint64) error {
	return c.view(func(tx Tx) error {
		e, err := h.svc.Events.Manageable(tx, c.Roles, id, true)
		if err != nil {
			return err
		}
		yes := aulabot.Button{Text: c.T("event.button_cancel_yes"), Data: eventConfirmCancel{id}.Encode()}
		c.offerYes(&yes) // a "sí" typed below it calls nothing off: it is pointed to the button
		c.Send(aulabot.Message{ChatID: c.U.ChatID, EditMessageID: c.U.Callback.MessageID,
			Text:   c.N("event.cancel_confirm", e.Counts.Attending, "title", e.Title, "when", h.svc.Events.WhenText(c.Lang, e)),
			Inline: [][]aulabot.Button{{yes, {Text: c.T("event.button_keep"), Data: eventManageButton{}.Encode()}}}})
		return nil
	})
}

// cancelEvent calls event id off and says so in the message that asked.
func (h *Handlers) cancelEvent(c *Ctx, id uint64) error {
	c.offerYes(nil) // answered
	return c.Commit(func(tx Tx) error {
		res, err := h.svc.Events.Cancel(tx, c.Roles, id)
		if err != nil {
			return err
		}
		c.Send(aulabot.Message{ChatID: c.U.ChatID, EditMessageID: c.U.Callback.MessageID,
			Text: c.N("event.cancelled", res.Told, "title", res.Event.Title) + revisedLine(c, res.Revised)})
		return nil
	})
}

// revisedLine tells the organiser that n invitations already in people's
// chats are being edited ("" for none).
func revisedLine(c *Ctx, n int) string {
	if n == 0 {
		return ""
	}
	return "\n" + c.N("event.invitations_revised", n)
}

// onEventDraftButton handles the draft's buttons and the organiser's
// list's.
func (h *Handlers) onEventDraftButton(c *Ctx, b any) error {
	ev := h.svc.Events
	switch b := b.(type) {
	case eventCancelButton:
		return h.askCancelEvent(c, b.Event)
	case eventConfirmCancel:
		return h.cancelEvent(c, b.Event)
	case eventManageButton:
		c.Answer("")
		if service.FlowEventChange.In(c.State) {
			c.ClearState()
		}
		return c.view(func(tx Tx) error { return h.renderManaged(c, tx, c.U.Callback.MessageID) })
	case eventMessageButton:
		return h.startEventMessage(c, b.Event, false)
	case eventMessageOKButton:
		text, err := service.PlannedEventMessage(c.State, b.Event)
		if err != nil {
			return err
		}
		return sendPlanned(c, func(tx Tx) (string, error) {
			res, err := h.svc.Events.MessageAttendees(tx, c.Roles, c.State, text, nil)
			return c.N("event.messaged", res.Told, "title", res.Event.Title), err
		})
	case eventMessageNoButton:
		return dropPlanned(c, service.FlowEventMessage.In(c.State), "slot.message_not_sent")
	case eventMissedMessageButton:
		return h.startEventMessage(c, b.Event, true)
	case eventCommentsButton:
		return h.showEventComments(c, b.Event)
	case eventChangeMenu:
		return h.askEventChange(c, b.Event)
	case eventChangeField:
		return h.startEventChange(c, b)
	}
	c.Answer("")
	switch b := b.(type) {
	case eventUniversityButton:
		d, _ := service.FlowEvent.Data(c.State) // what the request said, if anything
		st, err := ev.ChooseUniversity(c.State, b.University, h.eventUniversities(c))
		if err != nil {
			return err
		}
		c.SetState(st)
		c.EditButtons(nil)
		if d.Said != "" {
			// The title and day the request said, asked the university
			// first (they were dropped, and the title asked again).
			c.said, c.asked = d.Said, d.SaidWhen
			return h.eventSaid(c, st)
		}
		return h.askEventTitle(c, b.University)
	case eventLengthButton:
		if !service.FlowEvent.In(c.State) || c.State.Step != service.EventLength {
			return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
		}
		if err := h.eventLength(c, strconv.Itoa(b.Minutes)); err != nil {
			return err
		}
		c.EditButtons(nil)
		return nil
	case eventAudienceButton:
		return c.Commit(func(tx Tx) error {
			st, n, err := ev.Audience(tx, c.State, b.Audience)
			if err != nil {
				return err
			}
			c.SetState(st)
			c.EditButtons(nil)
			c.ReplyButtons(c.N("event.ask_capacity", n), [][]aulabot.Button{{{Text: c.T("event.button_nolimit"), Data: eventNoLimitButton{}.Encode()}}})
			return nil
		})
	case eventNoLimitButton:
		if err := h.eventCapacity(c, ""); err != nil {
			return err
		}
		c.EditButtons(nil)
		return nil
	case eventCreateButton:
		return c.Commit(func(tx Tx) error {
			res, err := ev.Create(tx, c.State, c.U.From.ID, c.Lang)
			if err != nil {
				return err
			}
			h.previewDone(c, "")
			c.ClearState()
			c.Reply(c.N("event.created", res.Event.Counts.Invited, "id", res.Event.ID))
			return nil
		})
	case eventDiscardButton:
		if !service.FlowEvent.In(c.State) {
			return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
		}
		h.previewDone(c, c.T("event.discarded"))
		c.ClearState()
		return nil
	}
	return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
}

// answerEvent records an answer to an invitation and confirms it: with
// the link at once if the reminder went already. Pressed on the
// Trainings list (again), the list is shown again in place; on the
// invitation, it keeps only the button that changes the answer. "I'll
// attend" on a full training offers its waitlist.
func (h *Handlers) answerEvent(c *Ctx, b eventAnswerButton, again bool) error {
	return c.Commit(func(tx Tx) error {
		res, err := h.svc.Events.Answer(tx, c.U.From.ID, b.Event, b.Attend)
		if aulabot.ErrorKey(err) == "event.err_full" {
			h.offerWaitlist(c, res.Event)
			return nil
		}
		if err != nil {
			return err
		}
		return h.toldAnswer(c, tx, res, again)
	})
}

// waitEvent puts the person on the waitlist of a full training (or gives
// them a place that came free) and says so: in place of the message that
// offered it, which is then the one a place's coming changes, or on the
// Trainings list (again).
func (h *Handlers) waitEvent(c *Ctx, id uint64, again bool) error {
	return c.Commit(func(tx Tx) error {
		res, err := h.svc.Events.Wait(tx, c.U.From.ID, id)
		if err != nil {
			return err
		}
		if res.Now != aulabot.EventWait || res.Unchanged || again {
			return h.toldAnswer(c, tx, res, again)
		}
		m := h.svc.Events.WaitingMessage(c.Lang, res.Event, res.Place)
		c.EditPressed(m.Text, m.Inline)
		if edit, invitation := h.svc.Events.AnsweredEdit(tx, res.Event, c.U.From.ID, c.Lang, res.Now); invitation != 0 {
			c.Send(edit) // it asked "Will you come?" still
		}
		return h.svc.Events.MarkWaiting(tx, id, c.U.From.ID, c.U.ChatID, c.U.Callback.MessageID)
	})
}

// offerWaitlist answers "I'll attend" on training e, which is full, with
// its waitlist.
func (h *Handlers) offerWaitlist(c *Ctx, e aulabot.Event) {
	c.Answer("")
	c.ReplyButtons(c.T("event.full_offer", "title", e.Title, "capacity", e.Capacity, "when", h.svc.Events.WhenText(c.Lang, e)),
		[][]aulabot.Button{{{Text: c.T("event.button_wait"), Data: eventWaitButton{e.ID}.Encode()}}})
}

// toldAnswer confirms answer res, given with a button on the Trainings
// list (again: shown again in place) or under a message of the training
// (which keeps only the button that changes the answer).
func (h *Handlers) toldAnswer(c *Ctx, tx Tx, res service.EventAnswered, again bool) error {
	switch {
	case res.Unchanged && res.Now == aulabot.EventWait:
		c.Answer(c.T("event.still_waiting", "place", res.Place))
	case res.Unchanged:
		c.Answer(c.T("event.unchanged"))
	case res.Now == aulabot.EventAttend && res.Reminded:
		m := h.svc.Events.LinkMessage(c.Lang, res.Event, "event.attending_link")
		m.ChatID = c.U.ChatID
		c.Send(m)
	case res.Now == aulabot.EventAttend:
		c.Reply(c.T("event.attending", "title", res.Event.Title, "when", h.svc.Events.WhenText(c.Lang, res.Event)))
	case res.Now == aulabot.EventWait:
		c.Answer(c.T("event.answer_waiting", "place", res.Place))
	case res.Before == aulabot.EventWait:
		c.Reply(c.T("event.left_waitlist", "title", res.Event.Title))
	default:
		c.Reply(c.T("event.declined", "title", res.Event.Title))
	}
	switch {
	case res.Unchanged:
	case res.Now == aulabot.EventAttend:
		c.Send(aulabot.Message{ChatID: c.U.ChatID, Text: c.T("event.ics_caption"), File: h.svc.Events.Calendar(c.Lang, res.Event, false, h.Now())})
	case res.Before == aulabot.EventAttend: // it may be on their calendar
		c.Send(aulabot.Message{ChatID: c.U.ChatID, Text: c.T("event.ics_cancel_caption"), File: h.svc.Events.Calendar(c.Lang, res.Event, true, h.Now())})
	}
	if !res.Unchanged {
		// The invitation keeps only the way to change the answer:
		// with both buttons it looked unanswered up the chat. The
		// message pressed is changed so (but for a wait, joined from
		// the list); the invitation too, where the answer came from
		// elsewhere.
		edit, invitation := h.svc.Events.AnsweredEdit(tx, res.Event, c.U.From.ID, c.Lang, res.Now)
		if !again && res.Now != aulabot.EventWait {
			c.EditPressed(edit.Text, edit.Inline)
		}
		if invitation != 0 && (again || invitation != c.U.Callback.MessageID) {
			c.Send(edit)
		}
	}
	if again {
		return h.renderTrainings(c, tx, c.U.Callback.MessageID)
	}
	return nil
}

// trainings lists the upcoming events for the person, with their answer
// and a button to change it.
func (h *Handlers) trainings(c *Ctx) error {
	if c.asked != "" && (len(c.Roles.Coordinator) > 0 || c.Roles.Admin) && c.User.Role != aulabot.RoleTeacher && c.User.Role != aulabot.RoleStudent {
		// An organiser's "list the trainings", "ver las capacitaciones":
		// those they organise (/events); trainings invite teachers and
		// students, and "There are no upcoming trainings for you" answered
		// (seen in the sandbox).
		return coordinator(h.manageEvents)(c)
	}
	if data, ok, err := h.askedTraining(c); ok || err != nil {
		if err != nil {
			return err
		}
		return h.pressTyped(c, data) // "inscríbeme en la formación del miércoles": its ✅, at once
	}
	return c.view(func(tx Tx) error { return h.renderTrainings(c, tx, 0) })
}

// askedTraining is the press that the words that asked for /trainings
// (c.asked) ask of the one upcoming training they name, by its day or
// time ("inscríbeme en la formación del miércoles") or by a word of its
// title no other has ("quiero ir a la capacitación de cuestionarios"):
// its ✅ to go, or its ❌ for the words of not going ("no podré ir a la
// capacitación del jueves"). False for words that ask neither, or name
// none of them, or two: the list is shown. They got "I don't know" (seen
// in the sandbox).
func (h *Handlers) askedTraining(c *Ctx) (string, bool, error) {
	kb := c.kb()
	if kb == nil || c.asked == "" {
		return "", false, nil
	}
	ask := kb.TrainingAsk(c.asked)
	if ask == "" {
		return "", false, nil
	}
	var list []service.UpcomingEvent
	if err := c.view(func(tx Tx) (err error) { list, err = h.svc.Events.Upcoming(tx, c.User); return err }); err != nil {
		return "", false, err
	}
	choices := make([]choice, 0, len(list))
	for _, up := range list {
		if !up.UnderWay(h.Now()) {
			choices = append(choices, choice{Button: aulabot.Button{Text: up.Event.Title, Data: eventChangeButton{up.Event.ID, ask == "attend"}.Encode()}, at: up.Event.At})
		}
	}
	if b, ok := c.namesAt(c.asked, choices); ok {
		return b.Data, true, nil
	}
	if b, ok := titled(c.asked, choices); ok {
		return b.Data, true, nil
	}
	if len(choices) > 0 && slices.ContainsFunc(strings.Fields(aulabot.TypedWords(c.asked)), func(w string) bool { return nextNouns[w] }) {
		// "inscríbeme en la próxima capacitación": the first to come (the
		// list showed, seen in the sandbox).
		return choices[0].Data, true, nil
	}
	return "", false, nil
}

// nextNouns name the next of a list, one alone ("las próximas
// formaciones" are all of them), as TypedWords reads them.
var nextNouns = typedSet("próxima", "próximo", "siguiente", "next")

// titled is the one of choices, trainings by their titles, whose title
// has a word of text of five letters or more that names no training in
// general ("la capacitación de rúbricas": Rúbricas en Moodle); false for
// none or several.
func titled(text string, choices []choice) (choice, bool) {
	asked := strings.Fields(aulabot.TypedWords(text))
	var named []choice
	for _, b := range choices {
		title := strings.Fields(aulabot.TypedWords(b.Text))
		if slices.ContainsFunc(asked, func(w string) bool { return len(w) >= 5 && !trainingNouns[w] && slices.Contains(title, w) }) {
			named = append(named, b)
		}
	}
	if len(named) != 1 {
		return choice{}, false
	}
	return named[0], true
}

// trainingNouns name any training, as TypedWords reads them: a title's
// "Formación en rúbricas" is not named by "la formación del jueves".
var trainingNouns = typedSet("formación", "formaciones", "capacitación", "capacitaciones", "taller", "talleres",
	"seminario", "webinar", "training", "trainings", "workshop", "workshops", "seminar")

// renderTrainings sends the list, or edits message edit (if not 0) into
// it.
func (h *Handlers) renderTrainings(c *Ctx, tx Tx, edit int) error {
	list, err := h.svc.Events.Upcoming(tx, c.User)
	if err != nil {
		return err
	}
	lines := []string{c.T("event.list")}
	if len(list) == 0 {
		lines = []string{c.T("event.list_none")}
	}
	var rows [][]aulabot.Button
	now := h.Now()
	for i, up := range list {
		n := i + 1
		e := up.Event
		answer := c.T("event.answer_none")
		switch {
		case up.UnderWay(now):
			answer = c.T("event.answer_under_way")
		case up.Answer == aulabot.EventAttend:
			answer = c.T("event.answer_yes")
		case up.Answer == aulabot.EventDecline:
			answer = c.T("event.answer_no")
		case up.Answer == aulabot.EventWait:
			answer = c.T("event.answer_waiting", "place", up.Place)
		case e.Full():
			answer = c.T("event.answer_full")
		}
		lines = append(lines, c.T("event.list_line", "n", n, "title", e.Title, "when", h.svc.Events.WhenText(c.Lang, e), "answer", answer))
		var row []aulabot.Button
		if up.Joinable(now) {
			// The link is theirs from the reminder on: here too, for
			// whoever lost the reminder among other messages.
			row = append(row, aulabot.Button{Text: c.T("event.button_join_n", "n", n), URL: e.Link})
		}
		switch {
		case up.Answer == aulabot.EventAttend || up.Answer == aulabot.EventWait || up.UnderWay(now):
		case !e.Full():
			row = append(row, aulabot.Button{Text: c.T("event.button_change_yes", "n", n), Data: eventChangeButton{e.ID, true}.Encode()})
		default:
			row = append(row, aulabot.Button{Text: c.T("event.button_change_wait", "n", n), Data: eventListWaitButton{e.ID}.Encode()})
		}
		if up.Answer != aulabot.EventDecline && !up.UnderWay(now) {
			row = append(row, aulabot.Button{Text: c.T("event.button_change_no", "n", n), Data: eventChangeButton{e.ID, false}.Encode()})
		}
		rows = append(rows, row)
	}
	// Those just held, for whoever lost the question at their end.
	unsaid, err := h.svc.Events.Unsaid(tx, c.User)
	if err != nil {
		return err
	}
	if len(unsaid) > 0 {
		lines = append(lines, c.T("event.list_unsaid"))
	}
	for i, e := range unsaid {
		n := len(list) + i + 1
		lines = append(lines, c.T("event.unsaid_line", "n", n, "title", e.Title, "when", h.svc.Events.WhenText(c.Lang, e)))
		rows = append(rows, []aulabot.Button{{Text: c.T("event.button_say_n", "n", n), Data: eventAskAgainButton{e.ID}.Encode()}})
	}
	c.offerStep(rows) // "asistiré", "no iré a la 2" typed: their buttons (typedPress)
	c.Send(aulabot.Message{ChatID: c.U.ChatID, EditMessageID: edit, Text: strings.Join(lines, "\n\n"), Inline: rows})
	return nil
}

// askEventChange turns the organiser's list into event id's panel: change
// its time or its link, write to those attending (when someone is), or
// (on a row of its own, last but Back) cancel it.
func (h *Handlers) askEventChange(c *Ctx, id uint64) error {
	return c.view(func(tx Tx) error {
		e, err := h.svc.Events.Manageable(tx, c.Roles, id, false)
		if err != nil {
			return err
		}
		rows := [][]aulabot.Button{
			{{Text: c.T("event.button_change_when"), Data: eventChangeField{id, service.EventChangeWhen}.Encode()},
				{Text: c.T("event.button_change_link"), Data: eventChangeField{id, service.EventChangeLink}.Encode()}}}
		if e.Counts.Attending > 0 {
			rows = append(rows, []aulabot.Button{{Text: c.N("event.button_message", e.Counts.Attending), Data: eventMessageButton{id}.Encode()}})
		}
		rows = append(rows, []aulabot.Button{{Text: c.T("event.button_cancel"), Data: eventCancelButton{id}.Encode()}},
			[]aulabot.Button{{Text: c.T("event.button_back"), Data: eventManageButton{}.Encode()}})
		c.Send(aulabot.Message{ChatID: c.U.ChatID, EditMessageID: c.U.Callback.MessageID,
			Text: c.T("event.change_what", "title", e.Title, "when", h.svc.Events.WhenText(c.Lang, e), "link", e.Link), Inline: rows})
		return nil
	})
}

// startEventChange asks for the new time or link of an event.
func (h *Handlers) startEventChange(c *Ctx, b eventChangeField) error {
	return c.view(func(tx Tx) error {
		st, e, err := h.svc.Events.StartChange(tx, c.Roles, b.Event, b.Field)
		if err != nil {
			return err
		}
		c.Answer("")
		c.SetState(st)
		if b.Field == service.EventChangeLink {
			c.Reply(c.T("event.ask_new_link", "title", e.Title, "link", e.Link))
			return nil
		}
		example := e.At.In(h.Config.Loc(e.University)).Add(time.Hour).Format(aulabot.TypedWhenExample)
		c.Reply(c.T("event.ask_new_when", "title", e.Title, "when", h.svc.Events.WhenText(c.Lang, e), "example", example))
		return nil
	})
}

// onEventChangeText takes the new time or link and says what changed. A
// value refused keeps the flow waiting for another; a training that
// started or was cancelled meanwhile ends it.
func (h *Handlers) onEventChangeText(c *Ctx) error {
	err := c.Commit(func(tx Tx) error {
		res, err := h.svc.Events.Change(tx, c.Roles, c.State, c.U.Text)
		if err != nil {
			return err
		}
		c.ClearState()
		e := res.Event
		key := "event.changed"
		if res.Unchanged {
			key = "event.unchanged_value"
		}
		c.Reply(c.N(key, res.Told, "title", e.Title, "when", h.svc.Events.WhenText(c.Lang, e), "link", e.Link) + revisedLine(c, res.Revised))
		return nil
	})
	if code := aulabot.ErrorCode(err); code == aulabot.ENOTFOUND || code == aulabot.ECONFLICT {
		c.ClearState()
	}
	return err
}
