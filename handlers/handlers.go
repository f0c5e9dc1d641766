// Package handlers holds aulabot's conversation flows: what the bot does
// with each message and button press. A handler decodes the update (button
// data with the typed codec of package button), runs one use case of its
// domain's service (package service) in the update's transaction, and
// renders the reply from the catalogue (package i18n); the domains not yet
// converted (issue 13) still call the transaction themselves. It talks to
// the database, Telegram and the knowledge base through the small
// interfaces declared here, and never sends directly: replies are stored
// in the outbox in the same transaction as the update's effects.
package handlers

import (
	"context"
	"log/slog"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/button"
	"github.com/aulabot/aulabot/i18n"
	"github.com/aulabot/aulabot/service"
)

// Tx is one update's transaction as the handlers see it. *store.Tx
// implements it.
type Tx interface {
	// The services' union: what the handlers hand to the use cases.
	service.Tx

	// What the handlers call directly: the sender and the conversation
	// state (ctx.go, router.go), and, until issue 13's phase B moves each
	// domain's calls into its service, the other domains' methods
	// (TEMPORARY: a converted domain deletes its own from here).
	Now() time.Time
	User(id int64) (aulabot.User, bool, error)
	// Unreached: the bot may not write to chat (its person blocked the bot,
	// or never opened a chat with it).
	Unreached(chat int64) bool
	State(chat, user int64) (aulabot.State, error)
	SetState(chat, user int64, st aulabot.State) error
	Enqueue(m aulabot.Message) (uint64, error)
	CancelOutbox(prefix string) (int, error)
	Ref(ref string) (chat int64, messageID int, ok bool)
	PendingRef(ref string) (id uint64, ok bool)
	Page(user int64, kind string) (aulabot.Page, bool, error)
	SetPage(user int64, kind string, p aulabot.Page) error
	Count(name string, n int64) error
	LeaveGroup(chat int64, every time.Duration) (bool, error)
	// Durable jobs (timer.go's Tick); each job's work is its domain's.
	DueJobs(limit int) ([]aulabot.Job, error)
	TakeJob(key string, id uint64) (bool, error)
	PostponeJob(key string, id uint64, due time.Time, err error) (bool, error)

	// Announcements (announce.go).
	announceTx

	// LMS watch (status.go).
	lmsTx

	// Knowledge base: what its background jobs read (kbjobs.go).
	questionKB

	// Surveys: the results the reports' surveys area reads (survey.go).
	surveyTx

	// Reports: what they read (report.go).
	reportTx
}

// Store runs transactions. Apply applies update updateID's effects exactly
// once (a repeat returns an error for which IsDuplicate is true).
type Store interface {
	Apply(ctx context.Context, updateID, offset int64, fn func(tx Tx) error) error
	View(fn func(tx Tx) error) error
	IsDuplicate(err error) bool
}

// Instant is what must reach Telegram now or never: answers to button
// presses and "typing…". Failures are logged, not retried.
type Instant interface {
	AnswerCallback(ctx context.Context, callbackID, text string, alert bool) error
	ChatAction(ctx context.Context, chatID int64, action string) error
}

// Handlers handles updates. Create it with New.
type Handlers struct {
	Config  *aulabot.Config
	svc     service.Services
	Store   Store
	Instant Instant
	Log     *slog.Logger
	// Now is the clock; tests move it.
	Now func() time.Time
	// BotUsername is the bot's @name, to recognise "/cmd@name".
	BotUsername string
	// Knowledge answers questions; nil until the knowledge base is loaded.
	Knowledge Knowledge
	// Setup is set-up mode: the bot only tells ids (setup.go).
	Setup bool
	// Files reads attachments people send, to check their content; nil:
	// attachments are checked by name only.
	Files FileReader
	// Survey holds the surveys and their results (survey.go).
	Survey Surveys
	// Voice transcribes voice notes (voice.go); nil: the bot says it cannot
	// listen to them.
	Voice Transcriber

	cat    *i18n.Catalog
	router *router
	// buttons decodes button data of the kinds converted to the typed
	// codec (buttons.go).
	buttons *button.Codec
	// jobs runs each kind of durable job (timer.go).
	jobs map[string]JobRunner
	// scheduled wakes the loop that runs due jobs when a commit scheduled
	// one (timer.go).
	scheduled scheduledJobs
	// questions counts each person's questions (limits.go).
	questions quotas
	// background runs the knowledge base's slow work (kbjobs.go).
	background background
	// chats lets one update of a chat be handled at a time (chatlock.go).
	chats chatLocks
	// offers are what each person was just asked to confirm or choose
	// (offers.go).
	offers offers
	// menuWords are the main menu's buttons as typed (menu.go).
	menuWords map[string]string
}

// New returns Handlers with their routes, calling the services svc
// (service.New).
func New(cfg *aulabot.Config, svc service.Services, st Store, in Instant, log *slog.Logger) *Handlers {
	if log == nil {
		log = slog.Default()
	}
	h := &Handlers{Config: cfg, svc: svc, Store: st, Instant: in, Log: log, Now: time.Now, cat: i18n.Builtin(),
		jobs: jobRunners(), buttons: button.NewCodec(buttonKinds()...)}
	h.router = h.routes()
	h.menuWords = menuWords(h.cat, h.router.menu)
	// The helpdesk's messages to other people carry buttons of this codec.
	svc.Helpdesk.Buttons = helpdeskButtons{}
	svc.Courses.Buttons = courseButtons{}
	svc.Mentoring.Buttons = mentoringButtons{}
	svc.Events.Buttons = eventButtons{}
	svc.Surveys.Buttons = surveyOpener{}
	return h
}

// Catalog returns the message catalogue.
func (h *Handlers) Catalog() *i18n.Catalog { return h.cat }
