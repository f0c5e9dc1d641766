// Package handlers holds aulabot's conversation flows: what the bot does
// with each message and button press. It talks to the database, Telegram
// and the knowledge base through the small interfaces declared here, and
// never sends directly: replies are stored in the outbox in the same
// transaction as the update's effects.
package handlers

import (
	"context"
	"log/slog"
	"time"

	"github.com/aulabot/aulabot"
)

// Tx is what handlers need of one database transaction. *store.Tx
// implements it; each domain adds its own methods through the embedded
// interfaces.
type Tx interface {
	Now() time.Time
	User(id int64) (aulabot.User, bool, error)
	PutUser(u aulabot.User) error
	DeleteUserData(id int64) error
	State(chat, user int64) (aulabot.State, error)
	SetState(chat, user int64, st aulabot.State) error
	Enqueue(m aulabot.Message) (uint64, error)
	CancelOutbox(prefix string) (int, error)
	Ref(ref string) (chat int64, messageID int, ok bool)
	MessageRef(chat int64, messageID int) (string, bool)
	Count(name string, n int64) error
	Counter(name string) int64
	LeaveGroup(chat int64, every time.Duration) (bool, error)

	// Mentoring: slots and bookings (booking.go).
	BookingTx

	// Helpdesk: tickets and durable jobs (ticket.go).
	ticketTx

	// Knowledge base: questions, feedback, gaps (ask.go).
	questionKB

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
	Store   Store
	Instant Instant
	Log     *slog.Logger
	// Now is the clock; tests move it.
	Now func() time.Time
	// BotUsername is the bot's @name, to recognise "/cmd@name".
	BotUsername string
	// Knowledge answers questions; nil until the knowledge base is loaded.
	Knowledge Knowledge
	// Files reads attachments people send, to check their content; nil:
	// attachments are checked by name only.
	Files FileReader

	cat    *Catalog
	router *router
	// questions counts each person's questions (limits.go).
	questions quotas
	// ticketMessages counts messages per person and ticket (ticket_limits.go).
	ticketMessages messageLimiter
	// background runs the knowledge base's slow work (kbjobs.go).
	background background
}

// New returns Handlers with their routes.
func New(cfg *aulabot.Config, st Store, in Instant, log *slog.Logger) *Handlers {
	if log == nil {
		log = slog.Default()
	}
	h := &Handlers{Config: cfg, Store: st, Instant: in, Log: log, Now: time.Now, cat: MustCatalog()}
	h.router = h.routes()
	return h
}

// Catalog returns the message catalogue.
func (h *Handlers) Catalog() *Catalog { return h.cat }
