package handlers

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/survey"
)

// surveyLane is the outbox lane of a campaign's messages in each person's
// chat: they never hold up the person's own answers.
const surveyLane = "survey"

// Outbox keys of a campaign's messages: one of each per person, so a
// restart or a second run never sends one twice.
func inviteKey(s *survey.Survey, user int64) string {
	return "svy:inv:" + s.ID + ":" + strconv.FormatInt(user, 10)
}

func remindKey(s *survey.Survey, user int64, round int) string {
	return fmt.Sprintf("svy:rem:%s:%d:%d", s.ID, user, round)
}

func saidKey(s *survey.Survey, user int64) string {
	return "svy:said:" + s.ID + ":" + strconv.FormatInt(user, 10)
}

// campaignMark is the update marker of a campaign's step (a reminder
// round, or the close): negative like the jobs' markers, far above any
// job id, so that each step is applied once.
func campaignMark(c survey.Campaign, step int) int64 {
	return -(1<<52 + int64(c.Seq)<<6 + int64(step))
}

// errNotDue rolls back a campaign step the store found not due (another
// run did it, or the clock crossed a limit since the check).
var errNotDue = errors.New("survey campaign step not due")

// closeStep is the close's step in campaignMark (reminder rounds are 1-10).
const closeStep = 63

// maxReminders is the configured cap on reminders a person gets.
func (h *Handlers) maxReminders() int {
	if h.Config.SurveyReminders != nil {
		return *h.Config.SurveyReminders
	}
	return survey.DefaultReminders
}

// campaignMessage is an invitation or a reminder (catalogue key text) of
// s to u, sent at at in the campaign's lane under outbox key key, with
// the button that opens the survey where they left it.
func (h *Handlers) campaignMessage(u aulabot.User, s *survey.Survey, text, key string, at time.Time) aulabot.Message {
	r := h.reader(u.Language(h.Config.Language))
	return aulabot.Message{ChatID: u.ID, Key: key, Lane: surveyLane, NotBefore: at,
		Text:   r.T(text, "title", s.Title.In(r.Lang)),
		Inline: [][]aulabot.Button{{{Text: r.T("survey.open"), Data: svData(svOpen, s.ID)}}}}
}

// reader renders texts in lang for someone other than the sender of an
// update (campaign messages go to many people).
func (h *Handlers) reader(lang string) *Ctx { return &Ctx{h: h, Lang: lang} }

// campaignUniversities are the universities where c's sender may run s:
// every one s is for (admins), or those they coordinate.
func (h *Handlers) campaignUniversities(c *Ctx, s *survey.Survey) []string {
	var out []string
	for _, u := range h.Config.Universities {
		if (len(s.Universities) == 0 || slices.Contains(s.Universities, u.ID)) && c.Roles.IsCoordinator(u.ID) {
			out = append(out, u.ID)
		}
	}
	return out
}

// surveyStart handles /survey start [ID]: without an id, the surveys
// open now to pick from.
func (h *Handlers) surveyStart(c *Ctx) error {
	if c.U.Text == "" {
		var rows [][]aulabot.Button
		if h.Survey.Set != nil {
			for _, s := range h.Survey.Set.All() {
				if len(h.campaignUniversities(c, s)) > 0 && s.OpenAt(h.Now(), h.Config.Location) {
					rows = append(rows, []aulabot.Button{{Text: s.Title.In(c.Lang), Data: svData(svStart, s.ID)}})
				}
			}
		}
		if len(rows) == 0 {
			return aulabot.Errorf(aulabot.ENOTFOUND, "survey.none_to_start")
		}
		c.ReplyButtons(c.T("survey.pick_start"), rows)
		return nil
	}
	s, err := h.surveyByID(strings.ToLower(c.U.Text))
	if err != nil {
		return err
	}
	return h.startCampaign(c, s)
}

// surveyPanel shows coordinators and admins the surveys they may run: a
// button to start each open one, or to see its campaign's progress, and
// one for each series' results.
func (h *Handlers) surveyPanel(c *Ctx) error {
	var rows [][]aulabot.Button
	err := c.view(func(tx Tx) error {
		if h.Survey.Set == nil {
			return nil
		}
		for _, s := range h.Survey.Set.All() {
			unis := h.campaignUniversities(c, s)
			running := false
			for _, uni := range unis {
				_, ok, err := tx.SurveyCampaign(s, uni)
				if err != nil {
					return err
				}
				running = running || ok
			}
			switch {
			case running:
				rows = append(rows, []aulabot.Button{{Text: "📊 " + s.Title.In(c.Lang), Data: svData(svStatus, s.ID)}})
			case len(unis) > 0 && s.OpenAt(h.Now(), h.Config.Location):
				rows = append(rows, []aulabot.Button{{Text: "▶️ " + s.Title.In(c.Lang), Data: svData(svStart, s.ID)}})
			}
		}
		for _, series := range h.Survey.Set.SeriesIDs() {
			rows = append(rows, []aulabot.Button{{Text: c.T("survey.results_button", "series", series), Data: svData(svResults, series)}})
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		return aulabot.Errorf(aulabot.ENOTFOUND, "survey.none_to_start")
	}
	c.ReplyButtons(c.T("survey.panel"), rows)
	return nil
}

// confirmCampaign asks before inviting: how many people each university
// would invite.
func (h *Handlers) confirmCampaign(c *Ctx, s *survey.Survey) error {
	unis := h.campaignUniversities(c, s)
	if len(unis) == 0 {
		return aulabot.Errorf(aulabot.EFORBIDDEN, "survey.campaign_not_yours")
	}
	n := 0
	err := c.view(func(tx Tx) error {
		for _, uni := range unis {
			people, err := tx.SurveyAudience(s, uni)
			if err != nil {
				return err
			}
			for _, p := range people {
				if !p.Completed && !p.Unreachable {
					n++
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	c.showPage(true, c.T("survey.confirm_start", "title", s.Title.In(c.Lang), "n", n, "universities", len(unis)),
		[][]aulabot.Button{{{Text: c.T("survey.confirm"), Data: svData(svConfirm, s.ID)}, {Text: c.T("survey.cancel"), Data: svData(svCancel, s.ID)}}})
	return nil
}

// startCampaign starts s's campaign at each university the sender may
// run it at: everyone in the audience who has not finished is invited
// through the outbox, paced and by day in the university's time zone, in
// the transaction that records the campaign. The sender sees the
// progress.
func (h *Handlers) startCampaign(c *Ctx, s *survey.Survey) error {
	unis := h.campaignUniversities(c, s)
	if len(unis) == 0 {
		return aulabot.Errorf(aulabot.EFORBIDDEN, "survey.campaign_not_yours")
	}
	return c.Commit(func(tx Tx) error {
		k, started := 0, 0
		for _, uni := range unis {
			loc := h.loc(uni)
			_, invite, err := tx.StartSurveyCampaign(s, uni, c.User.ID, c.Lang, loc)
			if aulabot.ErrorKey(err) == "survey.campaign_running" {
				continue
			}
			if err != nil {
				return err
			}
			started++
			at := survey.NextDaytime(h.Now(), loc)
			for _, p := range invite {
				m := h.campaignMessage(p.User, s, "survey.invite", inviteKey(s, p.User.ID), survey.Paced(at, k))
				if _, err := tx.Enqueue(m); err != nil {
					return err
				}
				k++
			}
		}
		if started == 0 {
			c.Reply(c.T("survey.campaign_running"))
		}
		return h.renderStatus(c, tx, s, false)
	})
}

// campaignStatus shows s's campaigns where the sender may see them; edit
// refreshes the pressed message.
func (h *Handlers) campaignStatus(c *Ctx, s *survey.Survey, edit bool) error {
	if len(h.campaignUniversities(c, s)) == 0 {
		return aulabot.Errorf(aulabot.EFORBIDDEN, "survey.campaign_not_yours")
	}
	return c.view(func(tx Tx) error { return h.renderStatus(c, tx, s, edit) })
}

// campaignCounts are a campaign's audience counted.
type campaignCounts struct{ audience, started, completed, blocked int }

func countAudience(people []survey.Invitee) campaignCounts {
	var n campaignCounts
	for _, p := range people {
		n.audience++
		if p.Started {
			n.started++
		}
		if p.Completed {
			n.completed++
		}
		if p.Unreachable {
			n.blocked++
		}
	}
	return n
}

// count renders a count of people who answered: from 1 to 4 it is
// "fewer than 5", so that nobody's response can be singled out.
func (c *Ctx) count(n int) string {
	if n > 0 && n < survey.MinGroup {
		return c.T("survey.fewer_than_5")
	}
	return strconv.Itoa(n)
}

// renderStatus queues s's campaign progress at each of the sender's
// universities, with a Refresh button.
func (h *Handlers) renderStatus(c *Ctx, tx Tx, s *survey.Survey, edit bool) error {
	var b strings.Builder
	b.WriteString(c.T("survey.status_title", "title", s.Title.In(c.Lang)))
	for _, uni := range h.campaignUniversities(c, s) {
		camp, ok, err := tx.SurveyCampaign(s, uni)
		if err != nil {
			return err
		}
		name := uni
		if u, found := h.Config.University(uni); found {
			name = u.Name
		}
		if !ok {
			b.WriteString("\n\n" + c.T("survey.status_none", "university", name))
			continue
		}
		people, err := tx.SurveyAudience(s, uni)
		if err != nil {
			return err
		}
		n := countAudience(people)
		key := "survey.status_line"
		if camp.Closed {
			key = "survey.status_closed"
		}
		b.WriteString("\n\n" + c.T(key, "university", name, "invited", camp.Invited,
			"started", c.count(n.started), "completed", c.count(n.completed), "blocked", n.blocked,
			"reminders", camp.Reminders, "max", h.maxReminders()))
	}
	rows := [][]aulabot.Button{{{Text: c.T("survey.refresh"), Data: svData(svStatus, s.ID)}}}
	c.showPage(edit, b.String(), rows)
	return nil
}

// SurveyTick runs the campaigns' due steps: a round of reminders (by day
// in the university's time zone, at most the configured number), and
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
		loc := h.loc(camp.University)
		switch now := h.Now(); {
		case s.ClosedAt(now, loc):
			err = h.closeCampaign(ctx, s, camp)
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

// remind runs camp's next round of reminders: one text for those who
// have not started, another for those who stopped part way; the button
// continues their one response.
func (h *Handlers) remind(ctx context.Context, s *survey.Survey, camp survey.Campaign) error {
	loc := h.loc(camp.University)
	return h.Store.Apply(ctx, campaignMark(camp, camp.Reminders+1), 0, func(stx Tx) error {
		tx := fitting{stx}
		camp, people, ok, err := tx.RemindSurvey(s, camp.University, h.maxReminders(), loc)
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
			m := h.campaignMessage(p.User, s, text, remindKey(s, p.User.ID, camp.Reminders), survey.Paced(tx.Now(), i))
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
	loc := h.loc(camp.University)
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
		n := countAudience(people)
		by := h.reader(camp.Lang)
		final := aulabot.Message{ChatID: camp.By, Key: "svy:final:" + s.ID + ":" + camp.University,
			Text: by.T("survey.final", "title", s.Title.In(by.Lang), "university", name, "invited", camp.Invited,
				"started", by.count(n.started), "completed", by.count(n.completed), "blocked", n.blocked, "series", s.Series())}
		if _, err := tx.Enqueue(final); err != nil {
			return err
		}
		for i, p := range took {
			lang := p.User.Language(h.Config.Language)
			m := aulabot.Message{ChatID: p.User.ID, Key: saidKey(s, p.User.ID), Lane: surveyLane,
				NotBefore: survey.Paced(survey.NextDaytime(tx.Now(), loc), i),
				Text:      h.universitySaid(lang, s, name, res, camp.University)}
			if _, err := tx.Enqueue(m); err != nil {
				return err
			}
		}
		return nil
	})
}
