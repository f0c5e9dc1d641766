package service

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/aulabot/aulabot"
)

// Reporting a problem (FlowReport): the category, the description with
// any attachments, the knowledge base's answer first when it has a
// confident one, then the ticket.

// CategoryCancel is the category button that leaves the report.
const CategoryCancel = "cancel"

// StartReport is /problem by user: FlowReport at its first step, said
// the words that started it when they name what fails ("" for none; at
// most MaxSaid characters are kept). Someone who already has as many open
// tickets as the limit allows is told so at once. Errors: ECONFLICT
// ticket.err_open_limit.
func (s *Helpdesk) StartReport(tx HelpdeskTx, user int64, said string) (aulabot.State, error) {
	if max := s.Config.Limits.OpenTickets; max > 0 && tx.OpenTicketsOf(user) >= max {
		return aulabot.State{}, aulabot.Errorf(aulabot.ECONFLICT, "ticket.err_open_limit", "max", max)
	}
	said = strings.TrimSpace(said)
	if aulabot.ValidTicketText(said) != nil || utf8.RuneCountInString(said) > MaxSaid {
		said = "" // nothing, or more than a report's opening words: asked again in the description
	}
	return FlowReport.At(ReportCategory, Report{Said: said}), nil
}

// About marks report st as made of knowledge-base question id (0: none),
// whose answer the report started under: the ticket is recorded on it
// (Report.Question).
func (s *Helpdesk) About(st aulabot.State, id uint64) aulabot.State {
	d, ok := FlowReport.Data(st)
	if !ok || id == 0 {
		return st
	}
	d.Question = id
	return FlowReport.At(st.Step, d)
}

// MaxSaid bounds the words that start a report and go before its
// description (Report.Said).
const MaxSaid = 300

// PickCategory is a category button in report st: next comes the
// description. cancel is true for the Cancel button (the handler leaves
// the flow). Errors: a person not reporting is a stale button; EINVALID
// ticket.err_category for a category that does not exist.
func (s *Helpdesk) PickCategory(st aulabot.State, cat string) (next aulabot.State, cancel bool, err error) {
	d, ok := FlowReport.Data(st)
	switch {
	case !ok:
		return st, false, stale()
	case cat == CategoryCancel:
		return aulabot.State{}, true, nil
	case !aulabot.ValidCategory(cat):
		return st, false, aulabot.Errorf(aulabot.EINVALID, "ticket.err_category")
	}
	d.Category = cat
	return FlowReport.At(ReportDescription, d), false, nil
}

// Describing returns what report st keeps while it waits for the
// description. Errors: EINVALID ticket.kb_pick while it waits on the
// knowledge base's answer (ReportKB), ticket.pick_category at any other
// step.
func (s *Helpdesk) Describing(st aulabot.State) (Report, error) {
	d, ok := FlowReport.Data(st)
	switch {
	case ok && st.Step == ReportKB:
		return d, aulabot.Errorf(aulabot.EINVALID, "ticket.kb_pick")
	case !ok || st.Step != ReportDescription:
		return d, aulabot.Errorf(aulabot.EINVALID, "ticket.pick_category")
	}
	return d, nil
}

// Attach adds attachment f (checked by the handler) to report d, which
// goes on waiting for the description. Errors: EINVALID
// ticket.err_too_many_files beyond aulabot.MaxAttachments.
func (s *Helpdesk) Attach(d Report, f aulabot.TicketFile) (Report, error) {
	if len(d.Files) >= aulabot.MaxAttachments {
		return d, aulabot.Errorf(aulabot.EINVALID, "ticket.err_too_many_files", "max", aulabot.MaxAttachments)
	}
	d.Files = append(d.Files, f)
	return d, nil
}

// AttachFirst adds attachment f (checked by the handler), of album (""
// for none), to report st while it waits for its category (a file sent
// before the category is chosen, or one that started the report), which
// it goes on waiting for; the first file's album is the report's.
// Errors: EINVALID ticket.pick_category at another step; Attach's.
func (s *Helpdesk) AttachFirst(st aulabot.State, f aulabot.TicketFile, album string) (aulabot.State, error) {
	d, ok := FlowReport.Data(st)
	if !ok || st.Step != ReportCategory {
		return st, aulabot.Errorf(aulabot.EINVALID, "ticket.pick_category")
	}
	if len(d.Files) == 0 {
		d.Album = album
	}
	d, err := s.Attach(d, f)
	if err != nil {
		return st, err
	}
	return FlowReport.At(ReportCategory, d), nil
}

// SayFirst keeps text, typed while report st waits for its category (the
// person wrote what fails, or a question, before choosing), as the words
// that start it: shown at the description step with Send what I wrote.
// Words typed twice join. Errors: EINVALID ticket.pick_category at another
// step or for no words; aulabot.ValidTicketText's.
func (s *Helpdesk) SayFirst(st aulabot.State, text string) (aulabot.State, error) {
	d, ok := FlowReport.Data(st)
	text = strings.TrimSpace(text)
	if !ok || st.Step != ReportCategory || text == "" {
		return st, aulabot.Errorf(aulabot.EINVALID, "ticket.pick_category")
	}
	if err := aulabot.ValidTicketText(text); err != nil {
		return st, err
	}
	d.Said = withOpening(d.Said, text)
	return FlowReport.At(ReportCategory, d), nil
}

// AskInstead leaves report st, waiting for its category, so that its
// words (SayFirst) are answered as a question: it returns them and the
// report's attachments, which go nowhere. A report at another step, or
// without words, is a stale button.
func (s *Helpdesk) AskInstead(st aulabot.State) (said string, files int, err error) {
	d, ok := FlowReport.Data(st)
	if !ok || st.Step != ReportCategory || d.Said == "" {
		return "", 0, stale()
	}
	return d.Said, len(d.Files), nil
}

// AddInstead returns report st, waiting for its category with files
// gathered, for its files (and words) to go to an open ticket instead. A
// report at another step, or without files, is a stale button.
func (s *Helpdesk) AddInstead(st aulabot.State) (Report, error) {
	d, ok := FlowReport.Data(st)
	if !ok || st.Step != ReportCategory || len(d.Files) == 0 {
		return d, stale()
	}
	return d, nil
}

// Waiting is the state of report d waiting for its description (more
// attachments, or the text).
func (s *Helpdesk) Waiting(d Report) aulabot.State { return FlowReport.At(ReportDescription, d) }

// Describe checks user u's description text of report d, sent as their
// message source; the words that started the report (d.Said) go before
// it unless it repeats them or the two are too long together. Errors:
// EINVALID error.start_first if u's university is no longer configured,
// and those of aulabot.ValidTicketText.
func (s *Helpdesk) Describe(u aulabot.User, d Report, text string, source int) (Report, error) {
	if _, ok := s.Config.University(u.University); !ok {
		return d, aulabot.Errorf(aulabot.EINVALID, "error.start_first")
	}
	d.Description, d.Source = strings.TrimSpace(text), source
	if err := aulabot.ValidTicketText(d.Description); err != nil {
		return d, err
	}
	d.Description = withOpening(d.Said, d.Description)
	return d, nil
}

// DescribedBySaid is report st described by the words that started it
// ("Send what I wrote" at the description step), with any attachments
// sent before. A report at another step, or with no such words, is a
// stale button.
func (s *Helpdesk) DescribedBySaid(st aulabot.State) (Report, error) {
	d, ok := FlowReport.Data(st)
	if !ok || st.Step != ReportDescription || d.Said == "" {
		return d, stale()
	}
	d.Description, d.Source = d.Said, 0
	return d, nil
}

// withOpening is description text with the words that started its report
// (opening) first, unless it repeats them or the two do not fit in one
// description (then text alone).
func withOpening(opening, text string) string {
	if opening == "" || strings.Contains(text, opening) {
		return text
	}
	if with := opening + "\n\n" + text; aulabot.ValidTicketText(with) == nil {
		return with
	}
	return text
}

// AwaitKB is the state of described report d while the person reads the
// knowledge base's answer: the report waits for "That solved it" or "I
// still need help".
func (s *Helpdesk) AwaitKB(d Report) aulabot.State { return FlowReport.At(ReportKB, d) }

// KBAnswered returns the report waiting at ReportKB in st. Errors: at any
// other step it is a stale button.
func (s *Helpdesk) KBAnswered(st aulabot.State) (Report, error) {
	d, ok := FlowReport.Data(st)
	if !ok || st.Step != ReportKB {
		return d, stale()
	}
	return d, nil
}

// Redescribe takes user u's edit of report st's description (their
// message source) while the report waits at ReportKB for "That solved it"
// or "I still need help": the ticket, if it comes to one, carries the new
// words. false if st is no such report or source is not its description.
// Errors: those of Describe.
func (s *Helpdesk) Redescribe(u aulabot.User, st aulabot.State, source int, text string) (aulabot.State, bool, error) {
	d, ok := FlowReport.Data(st)
	if !ok || st.Step != ReportKB || source == 0 || d.Source != source {
		return st, false, nil
	}
	d, err := s.Describe(u, d, text, source)
	if err != nil {
		return st, false, err
	}
	return s.AwaitKB(d), true, nil
}

// DraftFile reports whether report st's draft has a file sent as message
// source of chat, other than file: one replaced by an edit before the
// report went (Telegram copies the message as it is when the report
// goes, so the team would get the new file unchecked).
func DraftFile(st aulabot.State, chat int64, source int, file aulabot.File) bool {
	d, ok := FlowReport.Data(st)
	i := aulabot.FileIndex(d.Files, chat, source)
	return ok && i >= 0 && !d.Files[i].File.Same(file)
}

// Refile puts f (checked as any file of a report) in report st's draft
// in place of the file its message held before; nil takes that message
// out of the draft (the new file was refused).
func Refile(st aulabot.State, chat int64, source int, f *aulabot.TicketFile) aulabot.State {
	d, ok := FlowReport.Data(st)
	i := aulabot.FileIndex(d.Files, chat, source)
	if !ok || i < 0 {
		return st
	}
	d.Files = slices.Clone(d.Files)
	if f == nil {
		d.Files = slices.Delete(d.Files, i, i+1)
	} else {
		d.Files[i] = *f
	}
	return FlowReport.At(st.Step, d)
}

// KBSolved is "That solved it": the report is dropped and counted
// (anonymously) as avoided by the knowledge base. Errors: at any other
// step than ReportKB it is a stale button.
func (s *Helpdesk) KBSolved(tx HelpdeskTx, st aulabot.State) error {
	if _, err := s.KBAnswered(st); err != nil {
		return err
	}
	return tx.Count(avoidedCounter, 1)
}

// Created is the result of Create.
type Created struct {
	Ticket     aulabot.Ticket
	University *aulabot.University
	State      aulabot.State // none: the report is over
}

// opening is what the ticket of report d keeps of the words that started
// it: d.Said when its description starts with them.
func opening(d Report) string {
	if d.Said != "" && strings.HasPrefix(d.Description, d.Said+"\n\n") {
		return d.Said
	}
	return ""
}

// Create files report d of user u (as loaded for the update), who writes
// in lang: the ticket, its post (and attachments) to the team group, and
// its claim reminder and escalation. Errors: EINVALID error.start_first
// if u's university is no longer configured; the store's
// (ticket.err_open_limit, ticket.err_category).
func (s *Helpdesk) Create(tx HelpdeskTx, u aulabot.User, lang string, d Report) (Created, error) {
	uni, ok := s.Config.University(u.University)
	if !ok {
		return Created{}, aulabot.Errorf(aulabot.EINVALID, "error.start_first")
	}
	t, err := tx.CreateTicket(aulabot.Ticket{
		University: uni.ID, Requester: u.ID, RequesterName: u.Name, RequesterRole: u.Role,
		Lang: lang, Category: d.Category, Description: d.Description, Files: d.Files, Source: d.Source,
		Opening: opening(d), Suggested: d.Suggested,
	}, s.Config.Limits.OpenTickets)
	if err != nil {
		return Created{}, err
	}
	if err := tx.Count(TicketsCounter(uni.ID, t.Category), 1); err != nil {
		return Created{}, err
	}
	if err := enqueue(tx, s.Post(t)...); err != nil {
		return Created{}, err
	}
	if err := s.scheduleSLA(tx, t, uni); err != nil {
		return Created{}, err
	}
	return Created{Ticket: t, University: uni}, nil
}
