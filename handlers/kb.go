package handlers

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aulabot/aulabot"
)

// Knowledge is the knowledge base as the handlers use it. Handlers reach
// it through Ctx.kb, never inside a transaction: searching, rendering and
// splitting happen before Commit, and their result is its input.
type Knowledge interface {
	// Search finds articles for a question by retrieval only, in
	// milliseconds; it never fails.
	Search(ctx context.Context, q aulabot.KBQuery) aulabot.KBResult
	// SearchEmbedded is Search with embeddings fused in when configured:
	// it may call a server, so only background work uses it.
	SearchEmbedded(ctx context.Context, q aulabot.KBQuery) aulabot.KBResult
	// Article returns one article by id, if the asker of q may see it
	// (the audience and university filters of a search); otherwise false,
	// as for an unknown id.
	Article(id string, q aulabot.KBQuery) (aulabot.KBArticle, bool)
	// Related returns up to n articles close to id that the asker of q
	// may see.
	Related(id string, n int, q aulabot.KBQuery) []aulabot.KBArticle
	// Compose writes an answer (HTML) from arts with an LLM, citing them
	// as [1]..[n]; cited lists the numbers it cites; unsure says the
	// search only suggested arts. ok is false without an LLM or when it
	// failed, cited badly or found that arts do not answer (the caller
	// shows the plain article or the suggestions).
	Compose(ctx context.Context, question, lang string, unsure bool, arts []aulabot.KBArticle) (html string, cited []int, ok bool)
	// Deadline bounds one answer: SearchEmbedded and Compose under the
	// returned context share one deadline.
	Deadline(ctx context.Context) (context.Context, context.CancelFunc)
	// Remote returns the host questions are sent to ("" when none) and
	// whether they are sent for embeddings too (for /privacy).
	Remote() (server string, embeddings bool)
	// Reload reads the knowledge base again; on problems the old one stays.
	Reload() (articles int, problems []string, err error)
	// Split cuts HTML into Telegram messages of at most max characters,
	// keeping tags balanced.
	Split(html string, max int) []string
	// Slow reports whether answers call a server (an LLM, embeddings):
	// they are then written by the background workers (kbjobs.go).
	Slow() bool
	// SmallTalk returns the kind of small talk text is (greeting, thanks,
	// ack, goodbye), or "" for a question.
	SmallTalk(text string) string
	// Intent returns the command, without its slash, that text asks for
	// in words ("quiero reservar una mentoría": "mentoring"), or "".
	Intent(text string) string
	// StaffIntent returns the staff command, without its slash, that
	// text asks for in words ("crear una formación": "newevent"), or "".
	StaffIntent(text string) string
	// Meant is text as aulabot.TypedWords reads it, with the words typed
	// as people chat read as meant ("kiero ver mis cusos": "quiero ver
	// mis cursos"), as the intents read them.
	Meant(text string) string
	// MentorTopic reports whether text asks for a mentor for something of
	// its own ("quiero que un mentor revise mi sílabo").
	MentorTopic(text string) bool
	// BookingAsk returns what text, which asks for /mybookings in words,
	// asks to do with a booking: "cancel", "change", "tell", "late" and
	// the others of knowledge.BookingAsk, or "".
	BookingAsk(text string) string
	// BookingsLeft reports whether text asks how many more bookings one
	// may hold ("¿cuántas reservas me quedan?").
	BookingsLeft(text string) bool
	// BookingGuest reports whether text asks to bring someone else to a
	// session ("¿puedo llevar a un compañero a mi mentoría?").
	BookingGuest(text string) bool
	// HeldAsked reports whether text, a team member's name taken out,
	// asks after the tickets they hold ("¿qué tickets tiene?").
	HeldAsked(text string) bool
	// LateAlone reports whether text only says one will be late, naming
	// no session ("voy a llegar tarde").
	LateAlone(text string) bool
	// RepliedAlone reports whether text only asks whether someone
	// answered, naming nothing ("¿ya respondieron?").
	RepliedAlone(text string) bool
	// MentorAbsent reports whether text says the mentor has not come to
	// a session ("mi mentor no llegó a la sesión").
	MentorAbsent(text string) bool
	// TicketAsk returns what text, which asks for /mytickets in words,
	// asks to do with one's ticket: "close", "attach", "when" or "".
	TicketAsk(text string) string
	// CourseAdd reports whether text, which asks for /mycourses in words,
	// asks to register a course ("quiero registrar un curso nuevo").
	CourseAdd(text string) bool
	// CourseAddName is the name of the course such words give ("agrega
	// mi curso de física": "física"), as typed, or "".
	CourseAddName(text string) string
	// LooksAsked reports whether text, typed where a name is asked for,
	// is a question ("how do I share my screen?").
	LooksAsked(text string) bool
	// ScheduleAsked reports whether text asks only what one has ("¿qué
	// tengo mañana?"), not for a session.
	ScheduleAsked(text string) bool
	// AttendanceTold returns whether text tells that someone "came" to a
	// session or "missed" it ("Rosa no vino"), or "".
	AttendanceTold(text string) string
	// TrainingAsk returns what text, which asks for /trainings in words,
	// asks to do with a training: "attend", "decline" or "".
	TrainingAsk(text string) string
	// TicketAsked returns the id of the ticket text names and what it
	// asks done with it ("tomo el UNMA-4": "UNMA-4", "claim"; "release",
	// "resolve", "reply", "close"), "" when it only asks after it ("¿cómo
	// va el UNMA-4?": "UNMA-4", ""); "", "" for neither.
	TicketAsked(text string) (id, action string)
	// ReportNames reports whether text, which asks for /problem in words,
	// names more than the request ("quiero reportar un problema con
	// zoom"): the report keeps those words.
	ReportNames(text string) bool
	// SetAliases replaces the curated phrasings in use (from the store):
	// the next search uses them.
	SetAliases(as []aulabot.KBAlias)
	// Draft writes d as an article file of the base's folder (its name
	// and bytes), with d.ID or else an id no article of the base in use
	// has.
	Draft(d aulabot.KBDraft) (name string, data []byte)
}

// errKBInCommit is a programming error: the knowledge base was called
// from inside a write transaction, where bbolt runs a batch's functions
// one after another, so every other chat's commit waits for it.
var errKBInCommit = errors.New("knowledge base called inside Ctx.Commit: search, render and split before committing")

// kb returns the knowledge base for handling c (nil if none is loaded).
// Every call through it panics if made from inside c.Commit's function.
func (c *Ctx) kb() Knowledge {
	if c.h.Knowledge == nil {
		return nil
	}
	return guardedKB{c: c, k: c.h.Knowledge}
}

// typed is the words of the update's text as aulabot.TypedWords reads
// them, those typed as people chat read as meant (Knowledge.Meant): the
// readers of words beside the intents read these.
func (c *Ctx) typed() []string {
	if c.meant != nil && c.meantOf == c.U.Text {
		return c.meant
	}
	if kb := c.kb(); kb != nil {
		c.meant = strings.Fields(kb.Meant(c.U.Text))
	} else {
		c.meant = strings.Fields(aulabot.TypedWords(c.U.Text))
	}
	c.meantOf = c.U.Text
	return c.meant
}

// typedAsIs is the words of the update's text as aulabot.TypedWords
// reads them, none read as another (typed): for names, which a slip's
// reading could take for a request's word ("Estadística" for
// "estadísticas"); one for each of typed's.
func typedAsIs(c *Ctx) []string { return strings.Fields(aulabot.TypedWords(c.U.Text)) }

// query is the asker of c, for the knowledge base's filters.
func (c *Ctx) query(text string) aulabot.KBQuery {
	return aulabot.KBQuery{Text: text, Lang: c.Lang, Audience: c.User.Role, University: c.User.University}
}

type guardedKB struct {
	c *Ctx
	k Knowledge
}

func (g guardedKB) check(op string) {
	if g.c.inCommit.Load() {
		panic(fmt.Errorf("%w (%s)", errKBInCommit, op))
	}
}

func (g guardedKB) Search(ctx context.Context, q aulabot.KBQuery) aulabot.KBResult {
	g.check("Search")
	return g.k.Search(ctx, q)
}

func (g guardedKB) SearchEmbedded(ctx context.Context, q aulabot.KBQuery) aulabot.KBResult {
	g.check("SearchEmbedded")
	return g.k.SearchEmbedded(ctx, q)
}

func (g guardedKB) Article(id string, q aulabot.KBQuery) (aulabot.KBArticle, bool) {
	g.check("Article")
	return g.k.Article(id, q)
}

func (g guardedKB) Related(id string, n int, q aulabot.KBQuery) []aulabot.KBArticle {
	g.check("Related")
	return g.k.Related(id, n, q)
}

func (g guardedKB) Compose(ctx context.Context, question, lang string, unsure bool, arts []aulabot.KBArticle) (string, []int, bool) {
	g.check("Compose")
	return g.k.Compose(ctx, question, lang, unsure, arts)
}

func (g guardedKB) Deadline(ctx context.Context) (context.Context, context.CancelFunc) {
	return g.k.Deadline(ctx)
}

func (g guardedKB) Remote() (string, bool) { return g.k.Remote() }

func (g guardedKB) Reload() (int, []string, error) {
	g.check("Reload")
	return g.k.Reload()
}

func (g guardedKB) Split(html string, max int) []string {
	g.check("Split")
	return g.k.Split(html, max)
}

func (g guardedKB) Slow() bool { return g.k.Slow() }

func (g guardedKB) SmallTalk(text string) string { return g.k.SmallTalk(text) }

func (g guardedKB) Intent(text string) string { return g.k.Intent(text) }

func (g guardedKB) StaffIntent(text string) string   { return g.k.StaffIntent(text) }
func (g guardedKB) Meant(text string) string         { return g.k.Meant(text) }
func (g guardedKB) MentorTopic(text string) bool     { return g.k.MentorTopic(text) }
func (g guardedKB) BookingAsk(text string) string    { return g.k.BookingAsk(text) }
func (g guardedKB) BookingsLeft(text string) bool    { return g.k.BookingsLeft(text) }
func (g guardedKB) BookingGuest(text string) bool    { return g.k.BookingGuest(text) }
func (g guardedKB) HeldAsked(text string) bool       { return g.k.HeldAsked(text) }
func (g guardedKB) LateAlone(text string) bool       { return g.k.LateAlone(text) }
func (g guardedKB) RepliedAlone(text string) bool    { return g.k.RepliedAlone(text) }
func (g guardedKB) MentorAbsent(text string) bool    { return g.k.MentorAbsent(text) }
func (g guardedKB) TicketAsk(text string) string     { return g.k.TicketAsk(text) }
func (g guardedKB) CourseAdd(text string) bool       { return g.k.CourseAdd(text) }
func (g guardedKB) CourseAddName(text string) string { return g.k.CourseAddName(text) }
func (g guardedKB) LooksAsked(text string) bool      { return g.k.LooksAsked(text) }
func (g guardedKB) ScheduleAsked(text string) bool   { return g.k.ScheduleAsked(text) }
func (g guardedKB) AttendanceTold(text string) string {
	return g.k.AttendanceTold(text)
}

func (g guardedKB) TrainingAsk(text string) string           { return g.k.TrainingAsk(text) }
func (g guardedKB) TicketAsked(text string) (string, string) { return g.k.TicketAsked(text) }

func (g guardedKB) ReportNames(text string) bool { return g.k.ReportNames(text) }

func (g guardedKB) SetAliases(as []aulabot.KBAlias) {
	g.check("SetAliases")
	g.k.SetAliases(as)
}

func (g guardedKB) Draft(d aulabot.KBDraft) (string, []byte) {
	g.check("Draft")
	return g.k.Draft(d)
}
