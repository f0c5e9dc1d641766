package handlers

import (
	"errors"
	"strings"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/service"
)

// The helpdesk's handlers: each decodes the command, button or text, calls
// one use case of the helpdesk service (service.Helpdesk) and renders the
// reply. The rules, the flows (service.FlowReport, FlowTicketReply,
// FlowRatingNote), what is stored and what other people are sent are the
// service's. This file: routes and reporting a problem.

// routeTickets registers the helpdesk: reports, the team queue, relays.
func (h *Handlers) routeTickets(r *router) {
	r.commands["problem"] = with(h.problem, private, onboarded)
	r.commands["mytickets"] = with(h.myTickets, private, onboarded)
	r.commands["queue"] = with(h.queue, tech)
	r.commands["reply"] = with(h.replyCommand, tech)
	r.commands["resolve"] = with(h.resolveCommand, tech)
	r.callbacks["tk"] = h.onTicketButton
	r.flows[service.FlowReport.Name] = h.onTicketDescription
	r.flows[service.FlowTicketReply.Name] = h.onRequesterMessage
	r.fileFlows[service.FlowReport.Name], r.fileFlows[service.FlowTicketReply.Name] = true, true
	r.flows[service.FlowRatingNote.Name] = h.onRatingNote
	r.flows[service.FlowAnswerTeam.Name] = with(h.onAnswerTeamText, private, onboarded)
	r.flows[service.FlowTeamReply.Name] = with(h.onTeamReplyText, private)
	r.flows[service.FlowTeamArticle.Name] = with(h.onTeamArticleText, private)
	r.fileFlows[service.FlowTeamReply.Name] = true
	r.replies = append(r.replies, h.onTicketReply)
	r.menu["menu.problem"] = "problem"
	r.menu["menu.mytickets"] = "mytickets"
	r.menu["menu.queue"] = "queue"
}

// onTicketButton decodes a "tk:" button and hands it to its handler.
func (h *Handlers) onTicketButton(c *Ctx) error {
	b, err := h.buttons.Decode(c.U.Callback.Data)
	if err != nil {
		return err
	}
	switch b := b.(type) {
	case newReportButton:
		return with(h.problem, private, onboarded)(c)
	case answerTeamButton:
		return with(func(c *Ctx) error { return h.onAnswerTeam(c, b.Send) }, private, onboarded)(c)
	case reportAboutButton:
		return with(func(c *Ctx) error { return h.problemAbout(c, b.Question) }, private, onboarded)(c)
	case addFilesButton:
		return with(func(c *Ctx) error { return h.onAddFiles(c, b.Ticket) }, private, onboarded)(c)
	case askInsteadButton:
		return with(h.onAskInstead, private, onboarded)(c)
	case sendSaidButton:
		return with(h.onSendSaid, private, onboarded)(c)
	case kbFirstButton:
		return with(func(c *Ctx) error { return h.onKBFirst(c, b.Solved) }, private, onboarded)(c)
	case categoryButton:
		return h.onCategory(c, b.Category)
	case claimButton:
		return h.onTeamAction(c, h.svc.Helpdesk.Claim, b.Ticket, "ticket.claimed_answer")
	case unclaimButton:
		return h.onTeamAction(c, h.svc.Helpdesk.Unclaim, b.Ticket, "ticket.unclaimed_answer")
	case resolveButton:
		return h.onTeamAction(c, h.svc.Helpdesk.Resolve, b.Ticket, "ticket.resolved_answer")
	case replyButton:
		return h.onReplyButton(c, b.Ticket)
	case closeButton:
		return h.onClose(c, b.Ticket)
	case solvedButton:
		return h.onSolved(c, b.Ticket)
	case closeYesButton:
		return h.onCloseConfirmed(c, b.Ticket)
	case keepOpenButton:
		return h.onKeepOpen(c, b.Ticket)
	case reopenButton:
		return h.onReopen(c, b.Ticket)
	case rateButton:
		return h.onRating(c, b.Ticket, b.Stars)
	case skipNoteButton:
		return h.onSkipNote(c, b.Ticket)
	case myTicketsPageButton:
		return with(func(c *Ctx) error { return h.myTicketsPage(c, b.Page, true) }, private, onboarded)(c)
	case queuePageButton:
		return with(func(c *Ctx) error { return h.queuePage(c, b.Page, true, false) }, tech)(c)
	case queueOpenButton:
		return with(func(c *Ctx) error { return h.queuePage(c, b.Page, true, true) }, tech)(c)
	case queueUniButton:
		return with(func(c *Ctx) error { return h.uniQueuePage(c, b) }, tech)(c)
	case queueMineButton:
		return with(func(c *Ctx) error { return h.queueMine(c, b.Page, b.Turn) }, tech)(c)
	case queueHeldButton:
		return with(func(c *Ctx) error { return h.queueHeld(c, b.Member, b.Page, true) }, tech)(c)
	case viewTicketButton:
		return h.viewTicket(c, b.Ticket)
	case passButton:
		return h.onPass(c, b.Ticket)
	case passToButton:
		return h.onPassTo(c, b.Ticket, b.To)
	case teamAnswerButton:
		return h.onTeamAnswerButton(c, b.Ticket)
	case teamArticleButton:
		return with(func(c *Ctx) error { return h.onTeamArticleButton(c, b.Ticket) }, private)(c)
	case sendArticleButton:
		return with(func(c *Ctx) error { return h.onSendArticle(c, b.Place) }, private)(c)
	case viewMineButton:
		return with(func(c *Ctx) error { return h.viewMine(c, b.Ticket) }, private, onboarded)(c)
	}
	return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
}

// problem starts a report: the category buttons.
func (h *Handlers) problem(c *Ctx) error { return h.startReport(c, h.reportSaid(c), 0) }

// problemAbout starts a report from the knowledge base's answer to the
// person's question id: its words, as they are kept (masked), start the
// report, so that the person need not type them again, and the file they
// came with (a screenshot's caption) is attached, unless the team could
// not take it. A question that is not theirs, or was erased, starts it
// with nothing said; one already made a ticket names it (reportedAlready).
func (h *Handlers) problemAbout(c *Ctx, id uint64) error {
	said := ""
	var files []aulabot.TicketFile
	q, err := h.ownQuestion(c, id)
	switch {
	case err == nil && q.Ticket != "":
		return h.reportedAlready(c, q, false)
	case err == nil:
		said = q.Text
		if files, err = h.questionFiles(c, q); err != nil {
			return err
		}
	case aulabot.ErrorCode(err) != aulabot.EINVALID: // EINVALID: not theirs, or erased
		return err
	}
	if said == "" {
		id = 0 // not theirs: the ticket is not that question's
	}
	return h.startReport(c, said, id, files...)
}

// questionFiles is the file question q came with (a screenshot under
// "me sale este error"), checked as a report's attachment, for a report
// started from its answer: none for words alone, or for a file the team
// could not take, and then the person is told why before the report's
// next message (a document with macros went nowhere, silently). It reads
// a document over the network: call it before any transaction. Errors:
// ECONFLICT when the file could not be read now (the person may press
// again).
func (h *Handlers) questionFiles(c *Ctx, q aulabot.Question) ([]aulabot.TicketFile, error) {
	if q.File == nil {
		return nil, nil
	}
	f, err := h.fileOf(c, *q.File, q.MessageID)
	var refused *aulabot.Error
	switch {
	case err == nil:
		return []aulabot.TicketFile{f}, nil
	case aulabot.ErrorCode(err) == aulabot.ECONFLICT:
		return nil, err
	case errors.As(err, &refused):
		c.notice = strings.TrimSpace(c.notice + "\nℹ️ " + errorText(c, refused.Key, refused.Args))
	}
	return nil, nil
}

// startReport asks for the category of a report that said starts ("":
// nothing yet), made of knowledge-base question (0: none), with files
// attached.
func (h *Handlers) startReport(c *Ctx, said string, question uint64, files ...aulabot.TicketFile) error {
	return c.Commit(func(tx Tx) error {
		st, err := h.svc.Helpdesk.StartReport(tx, c.U.From.ID, said)
		if err != nil {
			return err
		}
		st = h.svc.Helpdesk.About(st, question)
		for _, f := range files {
			if st, err = h.svc.Helpdesk.AttachFirst(st, f, ""); err != nil {
				return err
			}
		}
		c.SetState(st)
		c.ReplyButtons(c.T("ticket.choose_category"), categoryRows(c, said))
		return nil
	})
}

// categoryRows are a report's category buttons, and Cancel; the one the
// words that start the report (said) are about, if one alone, comes first
// marked 👉 ("quiero reportar un problema con zoom" listed
// Videoconference third, unmarked, seen in the sandbox). The person still
// picks: a guess of the bot's is not the person's choice.
func categoryRows(c *Ctx, said string) [][]aulabot.Button {
	likely := likelyCategory(c, said)
	var rows [][]aulabot.Button
	for _, cat := range aulabot.Categories {
		row := []aulabot.Button{{Text: requesterCategory(c, cat), Data: categoryButton{cat}.Encode()}}
		if cat == likely {
			row[0].Text = "👉 " + row[0].Text
			rows = append([][]aulabot.Button{row}, rows...)
			continue
		}
		rows = append(rows, row)
	}
	return append(rows, []aulabot.Button{{Text: c.T("button.cancel"), Data: categoryButton{service.CategoryCancel}.Encode()}})
}

// likelyCategory is the one category whose words (categoryWords) the
// words text are read as name, or "" for none or two.
func likelyCategory(c *Ctx, text string) string {
	if text == "" {
		return ""
	}
	var words string
	if kb := c.kb(); kb != nil {
		words = kb.Meant(text) // TypedWords', read as meant
	} else {
		words = aulabot.TypedWords(text)
	}
	found := ""
	for _, w := range strings.Fields(words) {
		for _, cat := range aulabot.Categories {
			if categoryWords[cat][w] && found != cat {
				if found != "" {
					return ""
				}
				found = cat
			}
		}
	}
	return found
}

// categoryWords are the words that name what a category's problems are
// about, as aulabot.TypedWords reads them.
var categoryWords = map[string]map[string]bool{
	aulabot.CategoryLMS: typedSet("contraseña", "clave", "usuario", "cuenta", "entrar", "ingresar", "acceso", "login",
		"password", "account", "username", "log", "access", "bloqueada", "bloqueado", "locked"),
	aulabot.CategoryUpload: typedSet("subir", "subo", "sube", "archivo", "archivos", "entregar", "entrega", "tarea",
		"pdf", "adjuntar", "upload", "file", "files", "submit", "submission", "assignment", "attach"),
	aulabot.CategoryVideo: typedSet("zoom", "meet", "teams", "bigbluebutton", "bbb", "videoconferencia", "videollamada",
		"camara", "microfono", "audio", "sonido", "webex", "videocall", "camera", "microphone", "sound", "mic"),
	aulabot.CategoryContent: typedSet("material", "materiales", "contenido", "recurso", "recursos", "notas",
		"calificaciones", "content", "materials", "resources", "grades"),
}

// askInsteadRow is the row under the categories of a report with words
// typed before its category: Answer it as a question.
func askInsteadRow(c *Ctx) []aulabot.Button {
	return []aulabot.Button{{Text: c.T("ticket.button_ask_instead"), Data: askInsteadButton{}.Encode()}}
}

// fileReport starts a report with the file of c, sent without words
// outside any flow, attached: the knowledge base reads words, so a file
// can only be for the technical team. It used to be answered "use
// /problem and attach it there", and the person sent it again. Someone
// with open tickets may add it to one of them instead (onAddFiles): a
// screenshot sent after the report, without Reply.
func (h *Handlers) fileReport(c *Ctx) error { return h.reportWith(c, "ticket.file_report", "") }

// voiceReport is fileReport for a voice note the bot cannot hear (no
// transcription model): the team can listen to it.
func (h *Handlers) voiceReport(c *Ctx) error { return h.reportWith(c, "ticket.voice_report", "") }

// albumReport is fileReport for the first part of an album with words
// (its caption, said): the album's other parts come as messages of their
// own, which the report gathers, and the words start it, unless they were
// a question (Answer it as a question). A single file with words is asked
// as a question instead (ask), and a report from its answer carries it.
func (h *Handlers) albumReport(c *Ctx, said string) error {
	return h.reportWith(c, "ticket.album_report", said)
}

// reportWith starts a report with the file of c attached, and said (""
// for none) as its first words (with Answer it as a question), saying
// intro (with "_open" after it, for someone with a ticket open) above the
// choices.
func (h *Handlers) reportWith(c *Ctx, intro, said string) error {
	f, err := h.ticketFile(c) // reads a document: before any transaction
	if err != nil {
		return err
	}
	return c.Commit(func(tx Tx) error {
		st, err := h.svc.Helpdesk.StartReport(tx, c.U.From.ID, "")
		if err != nil {
			return err
		}
		album := "" // an album with words: its answer said "your files", its other parts join without a word
		if said != "" {
			album = c.U.Album
		}
		if st, err = h.svc.Helpdesk.AttachFirst(st, f, album); err != nil {
			return err
		}
		rows := categoryRows(c, said)
		if said != "" {
			if st, err = h.svc.Helpdesk.SayFirst(st, said); err != nil {
				return err
			}
			rows = append(rows, askInsteadRow(c))
		}
		c.SetState(st)
		text := c.T(intro)
		if open := h.svc.Helpdesk.Open(tx, c.U.From.ID); len(open) > 0 {
			var add [][]aulabot.Button
			for _, id := range open {
				add = append(add, []aulabot.Button{{Text: c.T("ticket.button_add_files", "id", id), Data: addFilesButton{id}.Encode()}})
			}
			text, rows = c.T(intro+"_open"), append(add, rows...)
		}
		c.ReplyButtons(text+"\n\n"+c.T("ticket.choose_category"), rows)
		return nil
	})
}

// onAddFiles sends the files of the report that waits for its category
// (fileReport), with any words typed for it, to the person's open ticket
// id, as one message of theirs, as if they had pressed Reply before
// sending them; the report is left.
func (h *Handlers) onAddFiles(c *Ctx, id string) error {
	d, err := h.svc.Helpdesk.AddInstead(c.State)
	if err != nil {
		return err
	}
	c.ClearState()
	c.EditButtons(nil)
	c.Answer("")
	var more []service.Part
	for _, f := range d.Files[1:] {
		more = append(more, service.Part{Source: f.MessageID, File: f.File})
	}
	c.U.Text, c.U.File, c.U.MessageID, c.U.Album = d.Said, &d.Files[0].File, d.Files[0].MessageID, ""
	return h.relayToTeam(c, id, more...)
}

// sayFirst keeps words typed before the report's category is chosen (a
// screenshot's explanation, the problem told before the buttons) as the
// words that start it, and asks for the category again, with a button to
// have them answered as a question instead. Words asking for a feature
// are refused, so that the router leaves for it (flowOrIntent), and so
// are small talk ("hola", "ok") and text without letters: no words of a
// report.
func (h *Handlers) sayFirst(c *Ctx) error {
	if cat, ok := h.typedCategory(c.U.Text); ok {
		return h.onCategory(c, cat) // "Videoconferencia" typed: its button
	}
	kb := c.kb()
	if h.router.intent(c) != nil || !hasLetters(c.U.Text) || (kb != nil && kb.SmallTalk(strings.TrimSpace(c.U.Text)) != "") {
		return aulabot.Errorf(aulabot.EINVALID, "ticket.pick_category")
	}
	st, err := h.svc.Helpdesk.SayFirst(c.State, c.U.Text)
	if err != nil {
		return err
	}
	c.SetState(st)
	c.ReplyButtons(c.T("ticket.said_first")+"\n\n"+c.T("ticket.choose_category"), append(categoryRows(c, c.U.Text), askInsteadRow(c)))
	return nil
}

// onAskInstead leaves a report that waits for its category and answers
// its words as a question; files gathered for it go nowhere, and the
// answer says so.
func (h *Handlers) onAskInstead(c *Ctx) error {
	said, files, err := h.svc.Helpdesk.AskInstead(c.State)
	if err != nil {
		return err
	}
	c.ClearState()
	c.EditButtons(nil)
	c.Answer("")
	if files > 0 {
		c.notice = c.N("ticket.files_not_sent", files)
	}
	c.U.Text, c.U.File, c.U.MessageID = said, nil, 0
	return with(h.ask, h.questionLimit)(c)
}

// attachFirst adds the file of c to a report that waits for its category
// (an album's other parts, a screenshot sent before the choice).
func (h *Handlers) attachFirst(c *Ctx) error {
	f, err := h.ticketFile(c) // reads a document: before any transaction
	if err != nil {
		return err
	}
	st, err := h.svc.Helpdesk.AttachFirst(c.State, f, c.U.Album)
	if err != nil {
		return err
	}
	c.SetState(st)
	d, _ := service.FlowReport.Data(st)
	if c.U.Album != "" && c.U.Album == d.Album {
		// Another part of the album with words that started the report,
		// whose answer said "your files": a count under it for each
		// part was one message more on the phone for nothing. (An album
		// without words is answered "your file" at its first part, and
		// the count says the others came.)
		return nil
	}
	c.Reply(c.N("ticket.got_file_category", len(d.Files)))
	return nil
}

// reportSaid returns the words that started report c when they name what
// fails: /problem's arguments ("/problem zoom no abre"), or a report asked
// for in words with words of the person's own ("quiero reportar un
// problema con zoom"); "" otherwise (a button, "/problem", "tengo un
// problema técnico").
func (h *Handlers) reportSaid(c *Ctx) string {
	if c.U.Callback != nil {
		return ""
	}
	if c.asked == "" {
		return c.U.Text
	}
	if kb := c.kb(); kb != nil && kb.ReportNames(c.asked) {
		return c.asked
	}
	return ""
}

// onCategory records the category and asks for the description.
func (h *Handlers) onCategory(c *Ctx, cat string) error {
	st, cancel, err := h.svc.Helpdesk.PickCategory(c.State, cat)
	if err != nil {
		return err
	}
	if cancel {
		c.EditButtons(nil)
		return h.cancel(c)
	}
	return c.Commit(func(tx Tx) error {
		c.EditButtons(nil) // the categories go once one is chosen
		if known, err := h.lmsKnown(c, tx, cat); known || err != nil {
			return err // an LMS outage already known: linked to it, no description asked
		}
		c.SetState(st)
		c.Answer(requesterCategory(c, cat))
		text := c.T("ticket.describe", "category", requesterCategory(c, cat))
		d, _ := service.FlowReport.Data(st)
		if len(d.Files) > 0 {
			text += "\n\n" + c.N("ticket.files_attached", len(d.Files))
		}
		var rows [][]aulabot.Button
		if d.Said != "" {
			// What they wrote may be all there is to say: one tap sends it.
			text += "\n\n" + c.T("ticket.describe_said", "said", d.Said)
			rows = [][]aulabot.Button{{{Text: c.T("ticket.button_send_said"), Data: sendSaidButton{}.Encode()}}}
		}
		if cat == aulabot.CategoryLMS {
			text += "\n\n" + h.fillPlaces(c, c.T("ticket.lms_hint"))
		}
		c.ReplyButtons(text, rows)
		return nil
	})
}

// onTicketDescription takes the description (text, or files then text)
// and creates the ticket, unless the knowledge base has a confident
// answer: that comes first, and the report waits until the person says it
// did not solve the problem.
func (h *Handlers) onTicketDescription(c *Ctx) error {
	if hd, ok := h.menuTapped(c); ok {
		return hd(c)
	}
	if c.State.Step == service.ReportCategory {
		if c.U.File != nil {
			return h.attachFirst(c)
		}
		return h.sayFirst(c)
	}
	d, err := h.svc.Helpdesk.Describing(c.State)
	if err != nil {
		return err
	}
	if c.U.File != nil {
		f, err := h.ticketFile(c) // reads the file: before any transaction
		if err != nil {
			return err
		}
		if d, err = h.svc.Helpdesk.Attach(d, f); err != nil {
			return err
		}
		if strings.TrimSpace(c.U.Text) == "" {
			c.SetState(h.svc.Helpdesk.Waiting(d))
			if h.hears(c) {
				// A voice note for a description: attached, and its words,
				// once heard, describe the problem (voice.go).
				if tooLong(*c.U.File) != nil {
					c.Reply(c.N("ticket.got_file", len(d.Files))) // attached; the words are asked for
					return nil
				}
				return c.Commit(func(tx Tx) error { return h.listen(c, tx, "voice.listening_description") })
			}
			c.Reply(c.N("ticket.got_file", len(d.Files)))
			return nil
		}
	}
	if d, err = h.svc.Helpdesk.Describe(c.User, d, c.U.Text, c.U.MessageID); err != nil {
		return err
	}
	return h.described(c, d)
}

// onSendSaid files the report with the words that started it as its
// description ("Send what I wrote" at the description step).
func (h *Handlers) onSendSaid(c *Ctx) error {
	d, err := h.svc.Helpdesk.DescribedBySaid(c.State)
	if err != nil {
		return err
	}
	c.Answer(c.T("ticket.button_send_said"))
	return h.described(c, d)
}

// described goes on with described report d: the knowledge base's
// confident answer first, if it has one, else the ticket. A button
// pressed to describe it (Send what I wrote) goes from its message.
func (h *Handlers) described(c *Ctx, d service.Report) error {
	if sg, ok := h.kbSuggest(c, d.Description); ok {
		c.EditButtons(nil)
		c.SetState(h.svc.Helpdesk.AwaitKB(d))
		solved := aulabot.Button{Text: c.T("ticket.button_solved"), Data: kbFirstButton{Solved: true}.Encode()}
		still := aulabot.Button{Text: c.T("ticket.button_still"), Data: kbFirstButton{Solved: false}.Encode()}
		c.offerTimed(append(typedAs(solved, true, kbSolvedWords...), typedAs(still, false, kbStillWords...)...))
		rows := append(sg.Rows, []aulabot.Button{solved, still})
		c.ReplyButtons(sg.Text+"\n\n"+c.T("ticket.kb_first"), rows)
		return nil
	}
	return h.createTicket(c, d, nil)
}

// onKBFirst handles "That solved it" / "I still need help" after the
// knowledge base answered a description: the first drops the report, the
// second creates the ticket from what was kept.
func (h *Handlers) onKBFirst(c *Ctx, solved bool) error {
	d, err := h.svc.Helpdesk.KBAnswered(c.State)
	if err != nil {
		return err
	}
	// The answer's articles stay on its message; the two buttons go. The
	// team's post says which one was not enough.
	sg, _ := h.kbSuggest(c, d.Description)
	articles := sg.Rows
	if !solved {
		d.Suggested = sg.Title
		return h.createTicket(c, d, articles)
	}
	return c.Commit(func(tx Tx) error {
		if err := h.svc.Helpdesk.KBSolved(tx, c.State); err != nil {
			return err
		}
		c.EditButtons(articles)
		c.ClearState()
		c.Answer(c.T("kb.thanks"))
		h.replyMenu(c, c.T("ticket.kb_solved"))
		return nil
	})
}

// kbSolvedWords and kbStillWords, typed under "Before the ticket is
// made: does this solve your problem?" (the step ReportKB), are its
// buttons' press, as a yes is ✅'s: "No" was refused with "tap a button"
// (seen in the sandbox), though it answers the question.
var (
	kbSolvedWords = []string{"me sirvió", "sí me sirvió", "sí sirvió", "ya", "ya está", "se resolvió",
		"ya se resolvió", "eso lo resolvió", "lo resolvió", "resuelto", "funcionó", "ya funciona", "sí funcionó",
		"solved", "it worked", "it works", "it helped", "yes it helped", "yes it worked", "that worked"}
	kbStillWords = []string{"no", "nop", "nope", "no me sirvió", "no sirvió", "no funciona", "no funcionó",
		"no resuelve", "no lo resuelve", "no lo resolvió", "aún necesito ayuda", "todavía necesito ayuda",
		"necesito ayuda", "sigue igual", "sigue sin funcionar", "no it didn't", "it didn't", "didn't help",
		"it didn't help", "no it didn't help", "not really", "still", "still need help", "i still need help",
		"doesn't help", "no it doesn't"}
)

// createTicket files report d: the number goes to the requester at once
// and the post to the team's group through the outbox, in one
// transaction. For a press, the pressed message keeps only the buttons
// keep (nil: none).
func (h *Handlers) createTicket(c *Ctx, d service.Report, keep [][]aulabot.Button) error {
	return c.Commit(func(tx Tx) error {
		c.EditButtons(keep)
		in := aulabot.Ticket{University: c.User.University, Requester: c.U.From.ID, Category: d.Category}
		if known, err := h.lmsReported(c, tx, in); known || err != nil {
			return err // an LMS outage already known: linked to it, no ticket
		}
		res, err := h.svc.Helpdesk.Create(tx, c.User, c.Lang, d)
		if err != nil {
			return err
		}
		if d.Question != 0 {
			if err := h.svc.Questions.Reported(tx, d.Question, res.Ticket.ID); err != nil {
				return err
			}
		}
		c.SetState(res.State)
		h.replyMenu(c, c.T("ticket.created", "id", res.Ticket.ID, "university", res.University.Name))
		return nil
	})
}

// menuTapped returns the command of a main-menu button tapped inside a
// helpdesk flow, leaving the flow: the tap is not a description or an
// answer to the team.
func (h *Handlers) menuTapped(c *Ctx) (Handler, bool) {
	if c.U.File != nil {
		return nil, false
	}
	key, ok := h.cat.Match("menu.", c.U.Text)
	if !ok {
		return nil, false
	}
	hd, ok := h.router.commands[h.router.menu[key]]
	if !ok {
		return nil, false
	}
	c.ClearState()
	c.U.Text = ""
	return hd, true
}

// gistRunes is how much of a ticket's description a list line shows.
const gistRunes = 60

// ticketGist is the second line of a ticket's line in a list (/queue,
// /mytickets): the start of what the requester wrote, on one line and
// clipped, so that tickets of one category can be told apart without
// opening each; "" when there are no words (erased with the requester's
// data, or files alone). The words that opened the report ("quiero
// reportar un problema") are left out: the description proper follows
// them.
func ticketGist(c *Ctx, t aulabot.Ticket) string {
	desc := t.Description
	if t.Opening != "" {
		if rest, ok := strings.CutPrefix(desc, t.Opening+"\n\n"); ok {
			desc = rest
		}
	}
	desc = strings.Join(strings.Fields(aulabot.CleanText(desc)), " ")
	if desc == "" {
		return ""
	}
	return "\n" + c.T("ticket.line_gist", "text", clipText(desc, gistRunes))
}

// typedCategory reads text, typed at a report's first step, as the
// category whose button reads so in either language ("videoconferencia",
// "video conference", "otro"; aulabot.TypedWords). Until 6 December such
// words were kept as the report's first words and the category asked
// again (seen in the sandbox).
func (h *Handlers) typedCategory(text string) (string, bool) {
	key := aulabot.TypedWords(text)
	if key == "" {
		return "", false
	}
	for _, cat := range aulabot.Categories {
		for _, lang := range []string{aulabot.LangES, aulabot.LangEN} {
			if aulabot.TypedWords(h.cat.T(lang, h.requesterCategoryKey(cat))) == key {
				return cat, true
			}
		}
	}
	return "", false
}

// requesterCategory is category cat as a requester reads it: in their
// words where the team's differ ("virtual classroom access", not "LMS
// access"; ticket.requester_cat_*), else the category's name.
func requesterCategory(c *Ctx, cat string) string { return c.T(c.h.requesterCategoryKey(cat)) }

// requesterCategoryKey is the catalogue key of category cat as requesters
// read it: the team's name unless the catalogue words it for them.
func (h *Handlers) requesterCategoryKey(cat string) string {
	if key := "ticket.requester_cat_" + cat; h.cat.Has(key) {
		return key
	}
	return "ticket.cat_" + cat
}
