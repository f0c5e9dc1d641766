package handlers

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aulabot/aulabot"
)

// Handler handles one update.
type Handler func(c *Ctx) error

// Middleware wraps a Handler.
type Middleware func(next Handler) Handler

type router struct {
	commands  map[string]Handler // "start" -> handler
	callbacks map[string]Handler // callback data prefix (before ':') -> handler
	flows     map[string]Handler // State.Flow -> handler for text while in that flow
	menu      map[string]string  // catalogue key of a main-menu button -> command
	replies   []Handler          // replies to the bot's messages; ErrNotMine to pass
	text      Handler            // plain text in a private chat
	media     Handler            // photo or document outside a flow
}

// ErrNotMine lets the next reply handler try.
var ErrNotMine = errors.New("not this handler's update")

func newRouter() *router {
	return &router{commands: map[string]Handler{}, callbacks: map[string]Handler{},
		flows: map[string]Handler{}, menu: map[string]string{}}
}

// with applies middleware, the first one outermost.
func with(h Handler, mw ...Middleware) Handler {
	for i := len(mw) - 1; i >= 0; i-- {
		h = mw[i](h)
	}
	return h
}

// MaxText is the longest message text handled; longer ones are refused.
const MaxText = 4000

// Handle handles one update: it loads the sender, routes the update, and
// commits its effects and replies once. It returns only internal errors,
// already logged, after the user got an apology.
func (h *Handlers) Handle(ctx context.Context, u aulabot.Update) (err error) {
	c := &Ctx{Context: ctx, U: u, h: h}
	start := time.Now()
	defer func() {
		if p := recover(); p != nil {
			h.Log.Error("handler panic", "update", u.ID, "chat", u.ChatID, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			err = fmt.Errorf("panic in update %d: %v", u.ID, p)
			h.apologise(c)
		}
	}()
	if err := h.load(c); err != nil {
		h.Log.Error("load user", "update", u.ID, "err", err)
		h.apologise(c)
		return err
	}
	herr := h.route(c)
	if herr != nil && !c.h.Store.IsDuplicate(herr) {
		if aulabot.ErrorCode(herr) == aulabot.EINTERNAL {
			h.Log.Error("handler failed", "update", u.ID, "chat", u.ChatID, "err", herr)
			h.apologise(c)
			return herr
		}
		h.showError(c, herr)
	}
	if !c.committed {
		if err := c.Commit(nil); err != nil && !h.Store.IsDuplicate(err) {
			h.Log.Error("commit", "update", u.ID, "err", err)
			return err
		}
	}
	h.answerCallback(c)
	h.Log.Debug("update handled", "update", u.ID, "took", time.Since(start))
	return nil
}

// showError tells the user about a domain error, as a dialog for a button
// press and as a message otherwise.
func (h *Handlers) showError(c *Ctx, err error) {
	var e *aulabot.Error
	errors.As(err, &e)
	text := c.T(e.Key, e.Args...)
	if c.U.Callback != nil {
		c.Alert(stripTags(text))
		return
	}
	if !c.committed {
		c.Reply(text)
	}
}

// apologise commits the update with an apology, so a bug is not retried
// forever, and stops any spinner.
func (h *Handlers) apologise(c *Ctx) {
	c.out, c.newState = nil, nil
	c.committed = false
	c.ClearState()
	if c.Lang == "" {
		c.Lang = aulabot.LanguageFromCode(c.U.From.LanguageCode, h.Config.Language)
	}
	c.Reply(c.T("error.internal"))
	if err := c.Commit(nil); err != nil && !h.Store.IsDuplicate(err) {
		h.Log.Error("commit apology", "update", c.U.ID, "err", err)
	}
	if c.U.Callback != nil {
		c.Alert(c.T("error.internal"))
	}
	h.answerCallback(c)
}

func (h *Handlers) answerCallback(c *Ctx) {
	if c.U.Callback == nil || h.Instant == nil {
		return
	}
	var a answer
	if c.answer != nil {
		a = *c.answer
	}
	if err := h.Instant.AnswerCallback(c, c.U.Callback.ID, a.text, a.alert); err != nil {
		h.Log.Warn("answer callback", "update", c.U.ID, "err", err)
	}
}

// load fills in the sender, roles, language and conversation state.
func (h *Handlers) load(c *Ctx) error {
	c.Roles = h.Config.Roles(c.U.From.ID)
	return c.view(func(tx Tx) error {
		u, ok, err := tx.User(c.U.From.ID)
		if err != nil {
			return err
		}
		c.User, c.Known = u, ok
		if !ok {
			c.User = aulabot.User{ID: c.U.From.ID, Name: c.U.From.Name(), Username: c.U.From.Username, TGLang: c.U.From.LanguageCode}
		}
		c.Lang = c.User.Language(h.Config.Language)
		c.State, err = tx.State(c.U.ChatID, c.U.From.ID)
		if l := c.State.Get("lang"); l != "" && c.State.Flow == flowOnboard {
			c.Lang = l // picked during onboarding, before the user is stored
		}
		return err
	})
}

// route picks the handler for the update.
func (h *Handlers) route(c *Ctx) error {
	r := h.router
	u := c.U
	if u.From.ID == 0 || u.ChatID == 0 {
		return nil // channel posts and service messages: nothing to do
	}
	if u.Callback != nil {
		prefix, _, _ := strings.Cut(u.Callback.Data, ":")
		if hd, ok := r.callbacks[prefix]; ok && utf8.ValidString(u.Callback.Data) && len(u.Callback.Data) <= 64 {
			return hd(c)
		}
		return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
	}
	if len(u.Text) > MaxText*4 || utf8.RuneCountInString(u.Text) > MaxText {
		return aulabot.Errorf(aulabot.EINVALID, "error.too_long", "max", MaxText)
	}
	if cmd, args, ok := h.command(u.Text); ok {
		c.U.Text = args
		if hd, ok := r.commands[cmd]; ok {
			return hd(c)
		}
		if u.Private() {
			return aulabot.Errorf(aulabot.EINVALID, "error.unknown_command", "command", "/"+cmd)
		}
		return nil
	}
	if u.ReplyTo != nil && u.ReplyTo.FromBot {
		for _, hd := range r.replies {
			if err := hd(c); !errors.Is(err, ErrNotMine) {
				return err
			}
		}
	}
	if c.State.Flow != "" {
		if hd, ok := r.flows[c.State.Flow]; ok && u.Private() {
			return hd(c)
		}
	}
	if !u.Private() {
		return nil // the bot does not chat in groups
	}
	if key, ok := h.cat.Match("menu.", u.Text); ok {
		if hd, ok := r.commands[r.menu[key]]; ok {
			c.U.Text = ""
			return hd(c)
		}
	}
	if u.File != nil && r.media != nil {
		return r.media(c)
	}
	if r.text != nil {
		return r.text(c)
	}
	return nil
}

// command splits "/cmd@bot args" into cmd and args; a command addressed to
// another bot is not ours.
func (h *Handlers) command(text string) (cmd, args string, ok bool) {
	if !strings.HasPrefix(text, "/") {
		return "", "", false
	}
	first, rest, _ := strings.Cut(text[1:], " ")
	first, bot, _ := strings.Cut(first, "@")
	if bot != "" && h.BotUsername != "" && !strings.EqualFold(bot, h.BotUsername) {
		return "", "", false
	}
	return strings.ToLower(first), strings.TrimSpace(rest), first != ""
}

// stripTags turns catalogue HTML into plain text for callback dialogs.
func stripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	out := strings.NewReplacer("&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#34;", `"`, "&#39;", "'", "&amp;", "&").Replace(b.String())
	if utf8.RuneCountInString(out) > 190 {
		out = string([]rune(out)[:190]) + "…"
	}
	return out
}
