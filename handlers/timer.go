package handlers

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aulabot/aulabot"
)

// JobRunner does a due job's work inside the transaction that removes the
// job, so the work happens once. It sends with tx.Enqueue. An error leaves
// the job for the next Tick.
type JobRunner func(h *Handlers, tx Tx, j aulabot.Job) error

// jobRunners names the runner of each kind of job (New sets h.jobs).
func jobRunners() map[string]JobRunner {
	return map[string]JobRunner{
		jobRemind:    runRemind,
		jobEscalate:  runEscalate,
		jobAutoClose: runAutoClose,
	}
}

// tickBatch is how many due jobs one read fetches.
const tickBatch = 100

// Tick runs every job due at h.Now, each in its own transaction that also
// removes it: a job runs once even if Tick runs twice at the same time or
// the process stops half-way (then it runs at the next Tick). Call it
// every few seconds; jobs carry their own due time, so a late Tick only
// delays them. It returns the first error after trying every due job.
func (h *Handlers) Tick(ctx context.Context) error {
	var first error
	failed := map[uint64]bool{}
	for {
		var due []aulabot.Job
		if err := h.Store.View(func(tx Tx) (err error) { due, err = tx.DueJobs(tickBatch + len(failed)); return err }); err != nil {
			return fmt.Errorf("tick: due jobs: %w", err)
		}
		ran := 0
		for _, j := range due {
			if failed[j.ID] {
				continue
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			ran++
			if err := h.runJob(ctx, j); err != nil {
				h.Log.Error("job failed", "job", j.Key, "kind", j.Kind, "err", err)
				failed[j.ID] = true
				if first == nil {
					first = err
				}
			}
		}
		if ran == 0 {
			return first
		}
	}
}

// runJob runs one job. Jobs share the update markers of Apply under
// negative ids (Telegram's are positive), so a job is also applied once.
func (h *Handlers) runJob(ctx context.Context, j aulabot.Job) error {
	run, ok := h.jobs[j.Kind]
	err := h.Store.Apply(ctx, -int64(j.ID), 0, func(tx Tx) error {
		taken, err := tx.TakeJob(j.Key, j.ID)
		if err != nil || !taken {
			return err
		}
		if !ok {
			return nil // a kind this version no longer knows: dropped
		}
		return run(h, fitting{tx}, j)
	})
	if err != nil && !h.Store.IsDuplicate(err) {
		return err
	}
	if !ok {
		h.Log.Warn("dropped job of unknown kind", "job", j.Key, "kind", j.Kind)
	}
	return nil
}

// Helpdesk jobs.
const (
	jobRemind    = "ticket.remind"
	jobEscalate  = "ticket.escalate"
	jobAutoClose = "ticket.autoclose"
)

func slaPrefix(id string) string { return "tksla:" + id + ":" }
func closeKey(id string) string  { return "tkclose:" + id }

// scheduleSLA schedules an open ticket's claim reminder and escalation, in
// its university's business time, from now.
func (h *Handlers) scheduleSLA(tx Tx, t aulabot.Ticket, uni *aulabot.University) error {
	svc := uni.Service
	for _, j := range []struct {
		kind string
		d    time.Duration
	}{{jobRemind, time.Duration(svc.ClaimReminder)}, {jobEscalate, time.Duration(svc.Escalate)}} {
		err := tx.Schedule(aulabot.Job{Key: slaPrefix(t.ID) + j.kind, Kind: j.kind,
			Due: svc.AddBusiness(tx.Now(), j.d, uni.Location), Data: map[string]string{"id": t.ID}})
		if err != nil {
			return err
		}
	}
	return nil
}

// cancelTicketJobs drops a ticket's reminders and automatic close.
func cancelTicketJobs(tx Tx, id string) error {
	if _, err := tx.CancelJobs(slaPrefix(id)); err != nil {
		return err
	}
	_, err := tx.CancelJobs(closeKey(id))
	return err
}

// jobTicket loads a job's ticket and university; false if either is gone.
func (h *Handlers) jobTicket(tx Tx, j aulabot.Job) (aulabot.Ticket, *aulabot.University, bool, error) {
	t, ok, err := tx.Ticket(j.Data["id"])
	if err != nil || !ok {
		return t, nil, false, err
	}
	uni, ok := h.Config.University(t.University)
	return t, uni, ok, nil
}

// runRemind reminds the team group of a ticket still unclaimed.
func runRemind(h *Handlers, tx Tx, j aulabot.Job) error {
	t, uni, ok, err := h.jobTicket(tx, j)
	if err != nil || !ok || t.State != aulabot.TicketOpen {
		return err
	}
	lang := h.Config.Language
	_, err = tx.Enqueue(h.toTeam(t, uni, aulabot.Message{ReplyToRef: ticketRef(t.ID), Ref: eventRef(t.ID), Inline: h.postButtons(t),
		Text: h.teamT("ticket.remind", "id", t.ID, "category", h.teamT("ticket.cat_"+t.Category),
			"age", ageIn(h, lang, time.Duration(uni.Service.ClaimReminder)))}))
	return err
}

// runEscalate tells the university's coordinators, privately, that a
// ticket is still unclaimed.
func runEscalate(h *Handlers, tx Tx, j aulabot.Job) error {
	t, uni, ok, err := h.jobTicket(tx, j)
	if err != nil || !ok || t.State != aulabot.TicketOpen {
		return err
	}
	for _, coord := range uni.Coordinators {
		lang := h.Config.Language
		if u, ok, err := tx.User(coord); err != nil {
			return err
		} else if ok {
			lang = u.Language(h.Config.Language)
		}
		_, err := tx.Enqueue(aulabot.Message{ChatID: coord, Text: h.cat.T(lang, "ticket.escalate", "id", t.ID,
			"university", uni.Name, "category", h.cat.T(lang, "ticket.cat_"+t.Category),
			"age", ageIn(h, lang, time.Duration(uni.Service.Escalate)))})
		if err != nil {
			return err
		}
	}
	return tx.Count("ticket_escalated:"+uni.ID, 1)
}

// runAutoClose closes a resolved ticket the requester did not confirm.
func runAutoClose(h *Handlers, tx Tx, j aulabot.Job) error {
	t, uni, ok, err := h.jobTicket(tx, j)
	if err != nil || !ok || t.State != aulabot.TicketResolved {
		return err
	}
	t, err = tx.CloseTicket(t.ID, 0, "auto")
	if err != nil {
		var e *aulabot.Error
		if errors.As(err, &e) {
			return nil // no longer resolved: nothing to close
		}
		return err
	}
	for _, m := range []aulabot.Message{h.editPost(t, uni), h.teamEvent(t, uni, "ticket.team_event_autoclosed")} {
		if _, err := tx.Enqueue(m); err != nil {
			return err
		}
	}
	if t.Requester != 0 {
		_, err = tx.Enqueue(aulabot.Message{ChatID: t.Requester, Text: h.cat.T(t.Lang, "ticket.autoclosed_user", "id", t.ID)})
	}
	return err
}

// ageIn renders a duration in lang, like age.
func ageIn(h *Handlers, lang string, d time.Duration) string {
	return age(&Ctx{h: h, Lang: lang}, d)
}
