package handlers

import (
	"context"
	"errors"
	"fmt"

	"github.com/aulabot/aulabot/service"
	"github.com/aulabot/aulabot/survey"
)

// SurveyTick runs the campaigns' due steps (service.Surveys.Due): the
// next batch of invitations, a round of reminders, and once a survey has
// closed, the final count and what the university said. Each step is one
// transaction, applied once by its marker; call it every few seconds.
func (h *Handlers) SurveyTick(ctx context.Context) error {
	if h.Survey.Set == nil {
		return nil
	}
	sv := h.svc.Surveys
	var camps []survey.Campaign
	if err := h.Store.View(func(tx Tx) (err error) { camps, err = sv.Campaigns(tx); return err }); err != nil {
		return fmt.Errorf("survey campaigns: %w", err)
	}
	var first error
	for _, camp := range camps {
		s, err := h.surveyByID(camp.Survey)
		if err != nil {
			continue // a survey no longer loaded waits for its file
		}
		now := h.Now()
		step := sv.Due(s, camp, now)
		if step.Kind == service.CampaignNone {
			continue
		}
		var res *survey.Results
		if step.Kind == service.CampaignClose && h.Survey.Results != nil {
			// The results are computed first, outside the transaction.
			if res, err = h.Survey.Results(s.Series(), camp.University); err != nil {
				err = fmt.Errorf("results of %s: %w", s.Series(), err)
			}
		}
		if err == nil {
			err = h.apply(ctx, step.Mark, 0, func(tx Tx) error { return sv.Run(fitting{tx}, s, camp, step, res, now) })
		}
		if err != nil && !h.Store.IsDuplicate(err) && !errors.Is(err, service.ErrNotDue) {
			h.Log.Error("survey campaign", "survey", s.ID, "university", camp.University, "err", err)
			if first == nil {
				first = err
			}
		}
	}
	return first
}
