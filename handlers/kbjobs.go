package handlers

import (
	"cmp"
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/service"
)

// Background work of the knowledge base: answers written with an LLM (or
// searched with embeddings) and reloads. Each takes seconds and calls a
// server, so it never runs on a chat's worker: the handler commits the
// request with a durable job (Tx.AnswerLater, Tx.ReloadLater), Ctx.Commit
// wakes the background workers once it is committed, and they do the slow
// part outside any transaction and then commit its result together with
// the job's removal. A crash
// before that commit leaves the job, which runs again at the next start;
// the job's removal and the update marker of its commit make it answer
// once, even if two workers (or two processes) ran it.

// BackgroundWorkers is how many background jobs run at once by default:
// LLM answers mostly wait on the server, so a few run side by side.
const BackgroundWorkers = 4

// backgroundRetry is how often the workers look again for jobs that
// failed (a database error), besides being poked.
const backgroundRetry = time.Minute

// maxJobFailures is how many times in a row a background job may fail
// (its commit refused: a bug, a database in trouble) before it is given
// up: whoever waits for it is told it could not be done, instead of
// waiting for ever while its server (an LLM's) is called at every look
// for jobs (each new job's, and every minute).
// The count is this process's: a restart starts it again.
const maxJobFailures = 5

// typingEvery is how often "typing…" is sent while an answer is written
// (Telegram shows it for about 5 seconds).
const typingEvery = 4 * time.Second

type background struct {
	once     sync.Once
	kick     chan struct{}
	mu       sync.Mutex
	running  map[uint64]bool // jobs taken by a worker of this process
	failures map[uint64]int  // jobs' failures in a row, in this process
}

func (h *Handlers) bg() *background {
	b := &h.background
	b.once.Do(func() {
		b.kick = make(chan struct{}, 1)
		b.running = map[uint64]bool{}
		b.failures = map[uint64]int{}
	})
	return b
}

// poke wakes a background worker; it never blocks.
func (b *background) poke() {
	select {
	case b.kick <- struct{}{}:
	default:
	}
}

func (b *background) take(id uint64) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.running[id] {
		return false
	}
	b.running[id] = true
	return true
}

// release gives job id back after a run, which failed or not.
func (b *background) release(id uint64, failed bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.running, id)
	if failed {
		b.failures[id]++
	} else {
		delete(b.failures, id)
	}
}

// exhausted reports whether job id failed maxJobFailures times in a row.
func (b *background) exhausted(id uint64) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.failures[id] >= maxJobFailures
}

// RunBackground runs the background jobs on workers goroutines until ctx
// ends: at once those a crash or a stop left, then whenever a handler
// queues one. It returns when every worker has stopped; a job interrupted
// by the stop runs again at the next start.
func (h *Handlers) RunBackground(ctx context.Context, workers int) {
	b := h.bg()
	var wg sync.WaitGroup
	for range max(workers, 1) {
		wg.Go(func() {
			retry := time.NewTicker(backgroundRetry)
			defer retry.Stop()
			for {
				if err := h.runWaiting(ctx, b.poke); err != nil && ctx.Err() == nil {
					h.Log.Error("background jobs", "err", err)
				}
				select {
				case <-ctx.Done():
					return
				case <-b.kick:
				case <-retry.C:
				}
			}
		})
	}
	wg.Wait()
}

// RunBackgroundJobs runs, one after another, every background job waiting
// now that no worker of this process is running, and returns the first
// error. RunBackground's workers use it; tests call it to run the jobs at
// a moment they choose.
func (h *Handlers) RunBackgroundJobs(ctx context.Context) error {
	return h.runWaiting(ctx, func() {})
}

// runWaiting runs waiting jobs until none is left that this call has not
// tried; after taking one it calls more, so that another worker looks for
// the next while this one works.
func (h *Handlers) runWaiting(ctx context.Context, more func()) error {
	b := h.bg()
	tried := map[uint64]bool{}
	var first error
	for ctx.Err() == nil {
		var jobs []aulabot.Job
		if err := h.Store.View(func(tx Tx) (err error) { jobs, err = tx.BackgroundJobs(len(tried) + 16); return err }); err != nil {
			return err
		}
		var j *aulabot.Job
		for i := range jobs {
			if !tried[jobs[i].ID] && b.take(jobs[i].ID) {
				j = &jobs[i]
				break
			}
		}
		if j == nil {
			return first
		}
		tried[j.ID] = true
		more()
		if err := h.runTaken(ctx, *j); err != nil && first == nil && ctx.Err() == nil {
			first = err
		}
	}
	return first
}

// runTaken runs job j, which this worker took (background.take) from a
// list read before, and gives it back. The list may be older than another
// worker's run of j, which took it, committed and gave it back before this
// take: then j is gone, and running it again would call its server (an
// LLM's) again for nothing.
func (h *Handlers) runTaken(ctx context.Context, j aulabot.Job) error {
	b := h.bg()
	pending, err := h.stillScheduled(j)
	if err != nil || !pending {
		b.release(j.ID, false)
		return err
	}
	if b.exhausted(j.ID) {
		err = h.giveUpJob(ctx, j)
	} else {
		err = h.runBackgroundJob(ctx, j)
	}
	b.release(j.ID, err != nil && ctx.Err() == nil)
	return err
}

// stillScheduled reports whether job j is still waiting to run: not done,
// cancelled or replaced since it was listed.
func (h *Handlers) stillScheduled(j aulabot.Job) (ok bool, err error) {
	err = h.Store.View(func(tx Tx) error {
		cur, found, err := tx.ScheduledJob(j.Key)
		ok = found && cur.ID == j.ID
		return err
	})
	return ok, err
}

// runBackgroundJob does one job and commits its result with its removal.
func (h *Handlers) runBackgroundJob(ctx context.Context, j aulabot.Job) error {
	switch j.Kind {
	case aulabot.JobAnswer:
		return h.runAnswer(ctx, j)
	case aulabot.JobReload:
		return h.runReload(ctx, j)
	case aulabot.JobVoice:
		return h.runVoice(ctx, j)
	}
	h.Log.Warn("dropped background job of unknown kind", "job", j.Key, "kind", j.Kind)
	return h.finishJob(h.jobCtx(ctx, j, 0, h.Config.Language), j, nil)
}

// giveUpJob ends job j, which failed maxJobFailures times in a row, and
// tells whoever waits for it that it could not be done: the asker of an
// answer, the sender of a voice note (its "listening" message), the chat
// that asked for a reload.
func (h *Handlers) giveUpJob(ctx context.Context, j aulabot.Job) error {
	h.Log.Error("background job given up", "job", j.Key, "kind", j.Kind, "failures", maxJobFailures)
	quiet := h.jobCtx(ctx, j, 0, h.Config.Language)
	switch j.Kind {
	case aulabot.JobVoice:
		v, ok := aulabot.VoiceNoteOf(j)
		if !ok || v.Ticket != "" { // nobody waits: the audio is there
			return h.finishJob(quiet, j, func(tx Tx) error { return tx.Count(service.VoiceFailedCounter, 1) })
		}
		return h.voiceFailed(ctx, j, v, h.cat.T(cmp.Or(v.Lang, h.Config.Language), "voice.failed"))
	case aulabot.JobAnswer:
		id, _ := strconv.ParseUint(j.Data["question"], 10, 64)
		var q aulabot.Question
		if err := h.Store.View(func(tx Tx) (err error) { q, _, err = tx.Question(id); return err }); err != nil {
			return err
		}
		c := h.jobCtx(ctx, j, q.UserID, cmp.Or(q.Lang, h.Config.Language))
		return h.finishJob(c, j, func(tx Tx) error {
			if q.UserID != 0 {
				c.Reply(c.T("kb.answer_failed", "question", clipText(q.Text, 80)))
			}
			return nil
		})
	case aulabot.JobReload:
		chat, _ := strconv.ParseInt(j.Data["chat"], 10, 64)
		c := h.jobCtx(ctx, j, chat, cmp.Or(j.Data["lang"], h.Config.Language))
		return h.finishJob(c, j, func(tx Tx) error {
			if chat != 0 {
				c.Reply(c.T("kb.reload_failed"))
			}
			return nil
		})
	}
	return h.finishJob(quiet, j, nil)
}

// jobCtx is a Ctx for a job's reply to chat: the job's id, negated, is
// its update id, so its commit is applied once, like Tick's jobs.
func (h *Handlers) jobCtx(ctx context.Context, j aulabot.Job, chat int64, lang string) *Ctx {
	return &Ctx{Context: ctx, h: h, U: aulabot.Update{ID: -int64(j.ID), ChatID: chat, From: aulabot.Person{ID: chat}}, Lang: lang}
}

// finishJob commits the job's removal and, if it was still there, what
// send queues (nothing if another run finished it first).
func (h *Handlers) finishJob(c *Ctx, j aulabot.Job, send func(tx Tx) error) error {
	err := c.Commit(func(tx Tx) error {
		taken, err := tx.TakeJob(j.Key, j.ID)
		if err != nil || !taken || send == nil {
			return err
		}
		return send(tx)
	})
	if err != nil && !h.Store.IsDuplicate(err) {
		return err
	}
	return nil
}

// runAnswer writes the answer to a question: search (with embeddings),
// the LLM, rendering, all before the commit that sends it. The asker sees
// "typing…" meanwhile.
func (h *Handlers) runAnswer(ctx context.Context, j aulabot.Job) error {
	id, _ := strconv.ParseUint(j.Data["question"], 10, 64)
	var q aulabot.Question
	var ok bool
	if err := h.Store.View(func(tx Tx) (err error) { q, ok, err = tx.Question(id); return err }); err != nil {
		return err
	}
	c := h.jobCtx(ctx, j, q.UserID, q.Lang)
	if c.kb() == nil {
		return errors.New("answer: no knowledge base")
	}
	if !ok || q.UserID == 0 || q.Text == "" {
		return h.finishJob(c, j, nil) // the asker deleted their data: nothing to answer
	}
	c.User = aulabot.User{ID: q.UserID, University: q.University, Role: q.Role}
	stop := h.typing(ctx, q.UserID)
	rep, outcome, article := h.prepareAnswer(c, q.Text)
	stop()
	if err := ctx.Err(); err != nil {
		return err // stopped: the job stays for the next start
	}
	return h.finishJob(c, j, func(tx Tx) error {
		if err := h.svc.Questions.Answered(tx, id, outcome, article); err != nil {
			return err
		}
		rep.send(c, id)
		return nil
	})
}

// runReload reloads the knowledge base (with the articles added from
// /gaps: the loader reads them from the store) and tells the chat that
// asked.
func (h *Handlers) runReload(ctx context.Context, j aulabot.Job) error {
	chat, _ := strconv.ParseInt(j.Data["chat"], 10, 64)
	c := h.jobCtx(ctx, j, chat, j.Data["lang"])
	if c.Lang == "" {
		c.Lang = h.Config.Language
	}
	kb := c.kb()
	if kb == nil {
		return errors.New("reload: no knowledge base")
	}
	n, problems, err := kb.Reload()
	var text string
	switch {
	case len(problems) > 0:
		list := problems[:min(10, len(problems))]
		text = c.N("kb.reload_problems", len(problems), "list", strings.Join(list, "\n"))
	case err != nil:
		h.Log.Error("reload knowledge base", "err", err)
		text = c.T("kb.reload_failed")
	default:
		text = c.T("kb.reloaded", "count", n)
	}
	return h.finishJob(c, j, func(tx Tx) error {
		if chat != 0 {
			c.Reply(text)
		}
		return nil
	})
}

// typing shows "typing…" in chat until the returned stop is called. The
// calls are best effort, from this goroutine's helper, never a handler's.
func (h *Handlers) typing(ctx context.Context, chat int64) (stop func()) {
	return h.acting(ctx, chat, "typing")
}

// acting is typing with chat action action ("upload_document": files on
// their way).
func (h *Handlers) acting(ctx context.Context, chat int64, action string) (stop func()) {
	if h.Instant == nil || chat == 0 {
		return func() {}
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(typingEvery)
		defer t.Stop()
		for {
			_ = h.Instant.ChatAction(ctx, chat, action)
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
	return func() { cancel(); <-done }
}
