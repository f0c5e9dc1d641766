package handlers

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync/atomic"
	"time"

	"github.com/aulabot/aulabot"
)

// Ctx is one update being handled: who sent it, in which language to
// answer, the sender's conversation state, and the replies collected so far.
type Ctx struct {
	context.Context
	U     aulabot.Update
	User  aulabot.User // zero ID: the sender never finished /start
	Known bool
	Roles aulabot.Roles
	Lang  string
	State aulabot.State
	// was is the state as loaded, before the update changed it.
	was aulabot.State
	// Team is the university whose team group the update came from; nil
	// in a private chat.
	Team *aulabot.University

	expired bool // a flow was open but idle for longer than FlowIdle
	// notice is a line that goes before the update's answer, in the same
	// message when it fits (withNotice).
	notice string
	// asked is the message that asked for the command in words ("quiero
	// reportar un problema con zoom"), its text then cleared: "" for a
	// command, a button or a question.
	asked string
	// said is what such a message carried after the request for the
	// command to take ("enviar un aviso a los estudiantes: mañana no hay
	// clases": the announcement's text; "avisa a los inscritos del lunes
	// que llego tarde": a message to those booked); "" for none.
	said string
	// saidAs is what said is for a mentor's session when it is no message
	// to those booked: saidNote, a private note ("agrega una nota a la
	// sesión del lunes: …"), saidLink, its meeting link ("pon el enlace
	// https://… en la sesión del martes"), or saidCopy, where a copy of it
	// goes ("duplica mi sesión del lunes para el jueves a las 4").
	saidAs string
	// heldBy is the member of a technical team whose tickets the words
	// that asked for /queue ask after ("¿qué tickets tiene Tec 2?"); 0
	// for none.
	heldBy int64
	// saidAbout is the session a mentor's words to one person booked
	// name ("dile a Rosa que…": bookedTold), shown with them; "" for none.
	saidAbout string
	// meant is typed's words for the text meantOf, read once for the
	// readers an update goes through.
	meant   []string
	meantOf string

	h         *Handlers
	out       []aulabot.Message
	newState  *aulabot.State
	answer    *answer
	committed bool
	// refused is set when the update's handler returned an error: what it
	// queued before is committed, but no choice was made (showChoice).
	refused bool
	// also run first in the update's transaction (Also).
	also []func(tx Tx) error
	// replaces is the question that an edit of its message asks anew
	// (edited.go): recorded questions replace it (ask.go).
	replaces *aulabot.Question
	// page is the live page the update shows (livepage.go); offer, what
	// it asks to confirm or choose (offers.go), kept once it commits.
	page  livePage
	offer offerChange
	// inCommit is set while Commit's function runs, inside the write
	// transaction; the knowledge base refuses to be called then (kb.go).
	inCommit atomic.Bool
}

type answer struct {
	text  string
	alert bool
}

// T returns catalogue text key in the user's language.
func (c *Ctx) T(key string, args ...any) string { return c.h.cat.T(c.Lang, key, args...) }

// N returns catalogue text key in the user's language for a count of n.
func (c *Ctx) N(key string, n int, args ...any) string { return c.h.cat.N(c.Lang, key, n, args...) }

// Reply queues a text for the chat the update came from.
func (c *Ctx) Reply(text string) { c.Send(aulabot.Message{ChatID: c.U.ChatID, Text: text}) }

// ReplyButtons queues a text with inline buttons for the update's chat.
func (c *Ctx) ReplyButtons(text string, rows [][]aulabot.Button) {
	c.Send(aulabot.Message{ChatID: c.U.ChatID, Text: text, Inline: rows})
}

// Send queues any message; it is stored in the outbox when the update commits.
func (c *Ctx) Send(m aulabot.Message) { c.out = append(c.out, m) }

// Also runs fn first in the update's transaction, whichever handler
// commits it (or in the commit after the handler returns), as part of
// Commit's fn: one step's effects joined to another handler's.
func (c *Ctx) Also(fn func(tx Tx) error) { c.also = append(c.also, fn) }

// Answer sets the short text shown for a button press.
func (c *Ctx) Answer(text string) { c.answer = &answer{text: text} }

// Alert sets a text for a button press shown as a dialog (refusals).
func (c *Ctx) Alert(text string) {
	if c.U.Callback != nil && c.U.Callback.Typed {
		c.Reply(text) // no dialog for words typed: a message under them
		return
	}
	c.answer = &answer{text: text, alert: true}
}

// SetState sets the sender's conversation state, stored on commit.
func (c *Ctx) SetState(st aulabot.State) { c.newState = &st; c.State = st }

// ClearState leaves any flow.
func (c *Ctx) ClearState() { c.SetState(aulabot.State{}) }

// errCommitted is a programming error: an update commits once.
var errCommitted = errors.New("update already committed")

// Commit applies fn, the collected replies and the new state in one
// transaction, marking the update applied. Every message queued, by
// c.Send or by fn through tx.Enqueue, is checked against Telegram's
// limits (Fits): one that does not fit fails the commit. fn may run more
// than once (the store batches commits), so it may only touch tx and
// queue messages with c.Send/c.Reply. If fn returns an *aulabot.Error nothing is written and
// the error is returned: the handler may reply and return, or return it to
// have it shown. A handler that never commits is committed after it returns.
func (c *Ctx) Commit(fn func(tx Tx) error) error {
	if c.committed {
		return errCommitted
	}
	base := len(c.out)
	queued := false
	var scheduled time.Time      // the earliest job the commit scheduled
	var shown [][]aulabot.Button // the buttons the update shows last in the chat
	var sent []int64             // the chats the services sent a message to
	var at time.Time             // the commit's time, read in its transaction
	err := c.h.Store.Apply(c, c.U.ID, c.U.Offset, func(stx Tx) error {
		queued, scheduled, sent, at = false, time.Time{}, nil, stx.Now()
		tx := fitting{queuing{stx, &queued, &scheduled, &sent}}
		c.out = c.out[:base]
		if err := c.sorryIfLate(tx); err != nil {
			return err
		}
		for _, also := range c.also {
			if err := c.inTx(also, tx); err != nil {
				return err
			}
		}
		// What the also functions queue goes first, before what the
		// handler queued before its commit: the menu of onboarding's
		// last step, then the feature asked for before it (doAfter).
		msgs := slices.Concat(c.out[base:], c.out[:base])
		if fn != nil {
			if err := c.inTx(fn, tx); err != nil {
				return err
			}
			msgs = append(msgs, c.out[len(msgs):]...)
		}
		out, st := c.prompted(tx, c.was, c.newState, msgs)
		out, err := c.turnedPage(tx, out)
		if err != nil {
			return fmt.Errorf("live page: %w", err)
		}
		out = c.saidTyped(c.showChoice(tx, answerFirst(c.U.ChatID, c.withNotice(out))), sent)
		shown = lastShown(c.U.ChatID, out)
		if st != nil {
			if err := tx.SetState(c.U.ChatID, c.U.From.ID, *st); err != nil {
				return fmt.Errorf("set state: %w", err)
			}
		}
		for _, m := range out {
			if _, err := tx.Enqueue(m); err != nil {
				return fmt.Errorf("enqueue reply: %w", err)
			}
		}
		return nil
	})
	if err != nil && !c.h.Store.IsDuplicate(err) {
		c.out = c.out[:base]
		return err
	}
	c.committed = true
	c.out = nil
	if c.offer.choices == nil && c.State.Flow == "" && shown != nil && (c.offer.yes == nil || *c.offer.yes == aulabot.Button{}) {
		// "reportar al equipo técnico" under an answer: its button. Not
		// a question that asks to confirm (a slot's card, a
		// cancellation, a deletion): its button is pressed, and a yes
		// typed is pointed to it (yesOffered).
		c.offerStep(shown)
	}
	if c.offer.choices != nil {
		c.offer.inFlow = c.State.Flow != "" // a step's choices wait as long as the step
	}
	// The offer's time is the commit's, read in its transaction as a
	// message's Created is in its own: the order of the two times is the
	// order of the transactions, so a message another update queued after
	// this one is shown over what this one offered (offers.shown), however
	// late this goroutine reaches the line (until 7 December the clock was
	// read here, after the commit).
	if at.IsZero() {
		at = c.h.Now() // a duplicate: nothing was applied
	}
	c.h.offers.change(c.U.From.ID, c.Private(), at, c.offer)
	c.h.wake(queued, scheduled)
	return err
}

// wake follows a commit that queued background work (queued) or
// scheduled a job due at scheduled (not zero): it wakes a background
// worker, and the loop that runs due jobs if the job falls due before
// its next look.
func (h *Handlers) wake(queued bool, scheduled time.Time) {
	if queued {
		h.bg().poke()
	}
	if !scheduled.IsZero() {
		h.jobsScheduled(scheduled)
	}
}

// apply is Store.Apply for work that is no update's (a job's run, its
// putting off, a survey campaign's step, a notice of the day): what it
// queues and schedules wakes their workers once committed, as an
// update's commit does. Until 7 December a job scheduled so waited for
// the timers' loop's next look, up to 20 s.
func (h *Handlers) apply(ctx context.Context, id, off int64, fn func(tx Tx) error) error {
	return h.update(updateFunc(func(fn func(tx Tx) error) error { return h.Store.Apply(ctx, id, off, fn) }), fn)
}

// update is u.Update with apply's wakes (the LMS's checks, the
// announcements).
func (h *Handlers) update(u Updater, fn func(tx Tx) error) error {
	queued, scheduled := false, time.Time{}
	err := u.Update(func(stx Tx) error {
		var sent []int64
		queued, scheduled = false, time.Time{}
		return fn(queuing{stx, &queued, &scheduled, &sent})
	})
	if err == nil {
		h.wake(queued, scheduled)
	}
	return err
}

// updateFunc is an Updater of a function.
type updateFunc func(fn func(tx Tx) error) error

func (f updateFunc) Update(fn func(tx Tx) error) error { return f(fn) }

// queuing is the transaction of Ctx.Commit: it notes the background work
// the update queued (an answer, a voice note, a reload), so that Commit
// wakes a background worker once that work is committed, whichever use
// case queued it. Without the wake-up the work waited for the workers'
// next look, a minute later. It notes a job scheduled too, for the loop
// that runs due jobs (JobsScheduled).
type queuing struct {
	Tx
	queued    *bool
	scheduled *time.Time // the earliest due time of the jobs scheduled
	sent      *[]int64   // the chats of the messages the services send
}

func (tx queuing) Schedule(j aulabot.Job) error {
	due := j.Due
	if due.IsZero() {
		due = time.Unix(0, 1) // no time: due at once
	}
	if tx.scheduled.IsZero() || due.Before(*tx.scheduled) {
		*tx.scheduled = due
	}
	return tx.Tx.Schedule(j)
}

func (tx queuing) Enqueue(m aulabot.Message) (uint64, error) {
	*tx.sent = append(*tx.sent, m.ChatID)
	return tx.Tx.Enqueue(m)
}

func (tx queuing) AnswerLater(id uint64, user int64) error {
	*tx.queued = true
	return tx.Tx.AnswerLater(id, user)
}

func (tx queuing) HearLater(v aulabot.VoiceNote) error {
	*tx.queued = true
	return tx.Tx.HearLater(v)
}

func (tx queuing) ReloadLater(chat int64, lang string) error {
	*tx.queued = true
	return tx.Tx.ReloadLater(chat, lang)
}

// withNotice returns out with c's notice at the start of the first new
// text message to the update's chat, or, when none takes it within
// Telegram's limits, as a message of its own before them: two messages to
// a chat go a second apart, and the answer is what the person waits for.
func (c *Ctx) withNotice(out []aulabot.Message) []aulabot.Message {
	if c.notice == "" {
		return out
	}
	res := slices.Clone(out)
	for i, m := range res {
		if m.ChatID != c.U.ChatID || m.Text == "" || m.EditMessageID != 0 || m.EditRef != "" || m.Delete || m.File != nil || m.Copy != nil || m.Leave {
			continue
		}
		m.Text = c.notice + "\n\n" + m.Text
		if Fits(m) == nil {
			res[i] = m
			return res
		}
		break
	}
	return slices.Insert(res, 0, aulabot.Message{ChatID: c.U.ChatID, Text: c.notice})
}

// LateAfter is how long a person's message may have waited at Telegram
// before its answer begins with an apology (sorryIfLate).
const LateAfter = 3 * time.Minute

// sorryIfLate queues, ahead of the answer, a word that it comes late,
// with the time of the message it answers, when a message in a private
// chat waited at Telegram longer than LateAfter (the bot was down or cut
// off): once per chat for the messages of an hour, however many the
// person sent meanwhile.
func (c *Ctx) sorryIfLate(tx Tx) error {
	if !c.Private() || c.U.Waited() <= LateAfter {
		return nil
	}
	key := fmt.Sprintf("late:%d:%d", c.U.ChatID, c.U.Date.Unix()/3600)
	when := c.h.whenAt(c.Lang, c.User.University, c.U.Date)
	_, err := tx.Enqueue(aulabot.Message{ChatID: c.U.ChatID, Key: key, Text: c.T("common.late", "when", when)})
	return err
}

// inTx runs Commit's fn with inCommit set.
func (c *Ctx) inTx(fn func(tx Tx) error, tx Tx) error {
	c.inCommit.Store(true)
	defer c.inCommit.Store(false)
	return fn(tx)
}

// view runs a read-only transaction.
func (c *Ctx) view(fn func(tx Tx) error) error { return c.h.Store.View(fn) }

// Private reports whether the update comes from a private chat.
func (c *Ctx) Private() bool { return c.U.Private() }
