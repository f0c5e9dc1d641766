package handlers

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/service"
)

// JobRunner does a due job's work inside the transaction that removes the
// job, so the work happens once. It sends with tx.Enqueue. An error rolls
// the work back and puts the job off (aulabot.JobRetry).
type JobRunner func(h *Handlers, tx Tx, j aulabot.Job) error

// jobRunners names the runner of each kind of job (New sets h.jobs).
func jobRunners() map[string]JobRunner {
	return map[string]JobRunner{
		// The helpdesk's jobs are its service's.
		service.JobTicketRemind:    func(h *Handlers, tx Tx, j aulabot.Job) error { return h.svc.Helpdesk.Remind(tx, j) },
		service.JobTicketEscalate:  func(h *Handlers, tx Tx, j aulabot.Job) error { return h.svc.Helpdesk.Escalate(tx, j) },
		service.JobTicketAutoClose: func(h *Handlers, tx Tx, j aulabot.Job) error { return h.svc.Helpdesk.AutoClose(tx, j) },
		service.JobTicketWaiting:   func(h *Handlers, tx Tx, j aulabot.Job) error { return h.svc.Helpdesk.AnswerAwaited(tx, j) },
		service.JobStaffErase:      func(h *Handlers, tx Tx, j aulabot.Job) error { return h.svc.Helpdesk.EraseStaffRest(tx, j) },
		service.JobEventRemind:     func(h *Handlers, tx Tx, j aulabot.Job) error { return h.svc.Events.Remind(tx, j) },
		service.JobEventFeedback:   func(h *Handlers, tx Tx, j aulabot.Job) error { return h.svc.Events.AskFeedback(tx, j) },
		service.JobEventSummary:    func(h *Handlers, tx Tx, j aulabot.Job) error { return h.svc.Events.Summary(tx, j) },
		service.JobSlotAttendance:  func(h *Handlers, tx Tx, j aulabot.Job) error { return h.svc.Mentoring.AttendanceDue(tx, j) },
		service.JobSlotSoon:        func(h *Handlers, tx Tx, j aulabot.Job) error { return h.svc.Mentoring.SoonDue(tx, j) },
		service.JobSlotUnmarked:    func(h *Handlers, tx Tx, j aulabot.Job) error { return h.svc.Mentoring.UnmarkedDue(tx, j) },
		JobLMSEscalate:             func(h *Handlers, tx Tx, j aulabot.Job) error { return h.lmsEscalate(tx, j) },
	}
}

// scheduledJobs tells the loop that runs due jobs (the command's timers)
// that a commit scheduled a job due before the time it planned to look
// again (look, in Unix nanoseconds; 0 while it reads the next due time,
// or before it said: every job scheduled wakes it then).
type scheduledJobs struct {
	once sync.Once
	ch   chan struct{}
	look atomic.Int64
}

func (s *scheduledJobs) wake() chan struct{} {
	s.once.Do(func() { s.ch = make(chan struct{}, 1) })
	return s.ch
}

// JobsScheduled receives after a commit (an update's, a job's run, any
// of the handlers' work: apply) scheduled a job (a ticket's reminder, a
// session's check of attendance) due before the time the loop that calls
// Tick said it would look (JobsLookAt): the loop then reads when the next
// job is due (store.NextJobDue) again. Several commits before the loop
// looks wake it once.
func (h *Handlers) JobsScheduled() <-chan struct{} { return h.scheduled.wake() }

// JobsLookAt is the loop's word of when it looks for due jobs next; the
// zero time while it reads the next due time, so that a job committed
// meanwhile wakes it. Jobs due later than at do not wake it: in a term's
// run nearly every booking and ticket schedules one, due in minutes or
// hours, and each woke it for a read.
func (h *Handlers) JobsLookAt(at time.Time) {
	if at.IsZero() {
		h.scheduled.look.Store(0)
		return
	}
	h.scheduled.look.Store(at.UnixNano())
}

// jobsScheduled wakes JobsScheduled's reader if a job due at due falls
// before its next look; it never blocks.
func (h *Handlers) jobsScheduled(due time.Time) {
	if look := h.scheduled.look.Load(); look != 0 && due.UnixNano() >= look {
		return
	}
	select {
	case h.scheduled.wake() <- struct{}{}:
	default:
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
				if ctx.Err() != nil {
					return ctx.Err() // stopped, not failed
				}
				failed[j.ID] = true
				if first == nil {
					first = err
				}
				h.postpone(ctx, j, err)
			}
		}
		if ran == 0 {
			return first
		}
	}
}

// postpone puts off job j, whose run failed with err, by
// aulabot.JobRetry of its failures, and logs both. The transaction takes
// the failed run's marker, so that a run that committed meanwhile (on
// another worker) leaves the job as it made it.
func (h *Handlers) postpone(ctx context.Context, j aulabot.Job, err error) {
	retry := h.Now().Add(aulabot.JobRetry(j.Failed + 1))
	h.Log.Error("job failed", "job", j.Key, "kind", j.Kind, "failures", j.Failed+1, "retry_at", retry, "err", err)
	kept := errors.New(service.Short(err.Error(), maxJobError)) // the log has it whole
	perr := h.apply(ctx, -int64(j.ID), 0, func(tx Tx) error { _, perr := tx.PostponeJob(j.Key, j.ID, retry, kept); return perr })
	if perr != nil && !h.Store.IsDuplicate(perr) {
		h.Log.Error("job not put off: it is tried again at the next tick", "job", j.Key, "err", perr)
	}
}

// maxJobError is the most of a failed job's error kept with it, in
// characters (aulabot outbox shows it).
const maxJobError = 300

// runJob runs one job. Jobs share the update markers of Apply under
// negative ids (Telegram's are positive), so a job is also applied once.
func (h *Handlers) runJob(ctx context.Context, j aulabot.Job) error {
	run, ok := h.jobs[j.Kind]
	err := h.apply(ctx, -int64(j.ID), 0, func(tx Tx) error {
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
