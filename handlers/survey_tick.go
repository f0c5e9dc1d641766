package handlers

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/survey"
)

// campaignMark is the update marker of a campaign's step: negative like
// the jobs' markers, far above any job id, so that each step is applied
// once. Steps: reminder rounds 1-10, the close, then invitation batches.
func campaignMark(c survey.Campaign, step int) int64 {
	return -(1<<52 + int64(c.Seq)<<20 + int64(step))
}

// errNotDue rolls back a campaign step the store found not due (another
// run did it, or the clock crossed a limit since the check).
var errNotDue = errors.New("survey campaign step not due")

// Steps of campaignMark beside the reminder rounds (1-10).
const (
	closeStep  = 11
	inviteStep = 16 // + the batch
)

// SurveyTick runs the campaigns' due steps: the next batch of
// invitations, a round of reminders (by day in the university's time
// zone, at most the configured number), and
// once a survey has closed, the final count to whoever started the
// campaign and what their university said to those who took part. Each
// step is one transaction, applied once; call it every few seconds.
func (h *Handlers) SurveyTick(ctx context.Context) error {
	if h.Survey.Set == nil {
		return nil
	}
	var camps []survey.Campaign
	if err := h.Store.View(func(tx Tx) (err error) { camps, err = tx.SurveyCampaigns(); return err }); err != nil {
		return fmt.Errorf("survey campaigns: %w", err)
	}
	var first error
	for _, camp := range camps {
		s, err := h.surveyByID(camp.Survey)
		if err != nil || camp.Closed {
			continue // a survey no longer loaded waits for its file
		}
		loc := h.surveyLoc(camp.University)
		switch now := h.Now(); {
		case s.ClosedAt(now, loc):
			err = h.closeCampaign(ctx, s, camp)
		case camp.Inviting && !now.Before(camp.NextBatch):
			err = h.inviteBatch(ctx, s, camp)
		case camp.Reminders < h.maxReminders() && !now.Before(camp.Next) && survey.Daytime(now, loc):
			err = h.remind(ctx, s, camp)
		}
		if err != nil && !h.Store.IsDuplicate(err) && !errors.Is(err, errNotDue) {
			h.Log.Error("survey campaign", "survey", s.ID, "university", camp.University, "err", err)
			if first == nil {
				first = err
			}
		}
	}
	return first
}

// inviteBatch queues camp's next batch of invitations, paced from now or
// the next morning in the university's time zone, once the batch before
// has gone out.
func (h *Handlers) inviteBatch(ctx context.Context, s *survey.Survey, camp survey.Campaign) error {
	loc := h.surveyLoc(camp.University)
	return h.Store.Apply(ctx, campaignMark(camp, inviteStep+camp.Batches), 0, func(stx Tx) error {
		tx := fitting{stx}
		camp, invite, ok, err := tx.InviteSurvey(s, camp.University, survey.InviteBatch, loc)
		if err == nil && !ok {
			err = errNotDue
		}
		if err != nil {
			return err
		}
		return h.invite(tx, s, invite, camp.BatchAt)
	})
}

// invite queues invitations to people, paced from at.
func (h *Handlers) invite(tx Tx, s *survey.Survey, people []survey.Invitee, at time.Time) error {
	for i, p := range people {
		if _, err := tx.Enqueue(h.campaignMessage(p.User, s, "survey.invite", survey.Paced(at, i))); err != nil {
			return err
		}
	}
	return nil
}

// remind runs camp's next round of reminders: one text for those who
// have not started, another for those who stopped part way; the button
// continues their one response.
func (h *Handlers) remind(ctx context.Context, s *survey.Survey, camp survey.Campaign) error {
	loc := h.surveyLoc(camp.University)
	return h.Store.Apply(ctx, campaignMark(camp, camp.Reminders+1), 0, func(stx Tx) error {
		tx := fitting{stx}
		_, people, ok, err := tx.RemindSurvey(s, camp.University, h.maxReminders(), loc)
		if err == nil && !ok {
			err = errNotDue // nothing written, the marker neither: the round runs when due
		}
		if err != nil {
			return err
		}
		for i, p := range people {
			text := "survey.remind_new"
			if p.Started {
				text = "survey.remind_partway"
			}
			m := h.campaignMessage(p.User, s, text, survey.Paced(tx.Now(), i))
			if _, err := tx.Enqueue(m); err != nil {
				return err
			}
		}
		return nil
	})
}

// closeCampaign sends camp's final count to whoever started it and, to
// each person who took part, what their university said: the results are
// computed first, outside the transaction.
func (h *Handlers) closeCampaign(ctx context.Context, s *survey.Survey, camp survey.Campaign) error {
	var res *survey.Results
	if h.Survey.Results != nil {
		var err error
		if res, err = h.Survey.Results(s.Series(), camp.University); err != nil {
			return fmt.Errorf("results of %s: %w", s.Series(), err)
		}
	}
	loc := h.surveyLoc(camp.University)
	name := camp.University
	if u, ok := h.Config.University(camp.University); ok {
		name = u.Name
	}
	return h.Store.Apply(ctx, campaignMark(camp, closeStep), 0, func(stx Tx) error {
		tx := fitting{stx}
		camp, took, ok, err := tx.CloseSurveyCampaign(s, camp.University, loc)
		if err == nil && !ok {
			err = errNotDue
		}
		if err != nil {
			return err
		}
		people, err := tx.SurveyAudience(s, camp.University)
		if err != nil {
			return err
		}
		n := svCountAudience(people)
		by := h.surveyReader(camp.Lang)
		final := aulabot.Message{ChatID: camp.By,
			Text: by.T("survey.final", "title", s.Title.In(by.Lang), "university", name, "invited", camp.Invited,
				"started", by.svCount(n.started), "completed", by.svCount(n.completed), "blocked", n.blocked, "series", s.Series())}
		if _, err := tx.Enqueue(final); err != nil {
			return err
		}
		for i, p := range took {
			lang := p.User.Language(h.Config.Language)
			m := aulabot.Message{ChatID: p.User.ID, Lane: surveyLane,
				NotBefore: survey.Paced(survey.NextDaytime(tx.Now(), loc), i),
				Text:      h.universitySaid(lang, s, name, res, camp.University)}
			if _, err := tx.Enqueue(m); err != nil {
				return err
			}
		}
		return nil
	})
}
