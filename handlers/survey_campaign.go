package handlers

import (
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

// A campaign's messages carry no outbox key: each step queues them in the
// transaction that records it (the store refuses a step done before), so
// they are queued once, and no kept key names the person after it is sent.

// maxReminders is the configured cap on reminders a person gets.
func (h *Handlers) maxReminders() int {
	if h.Config.SurveyReminders != nil {
		return *h.Config.SurveyReminders
	}
	return survey.DefaultReminders
}

// campaignMessage is an invitation or a reminder (catalogue key text) of
// s to u, sent at at in the campaign's lane, with the button that opens
// the survey where they left it.
func (h *Handlers) campaignMessage(u aulabot.User, s *survey.Survey, text string, at time.Time) aulabot.Message {
	r := h.surveyReader(u.Language(h.Config.Language))
	return aulabot.Message{ChatID: u.ID, Lane: surveyLane, NotBefore: at,
		Text:   r.T(text, "title", s.Title.In(r.Lang)),
		Inline: [][]aulabot.Button{{{Text: r.T("survey.open"), Data: svData(svOpen, s.ID)}}}}
}

// surveyReader renders texts in lang for someone other than the sender of an
// update (campaign messages go to many people).
func (h *Handlers) surveyReader(lang string) *Ctx { return &Ctx{h: h, Lang: lang} }

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
	return h.startSurveyCampaign(c, s)
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
// run it at, and queues the first batch of invitations (paced, by day in
// the university's time zone) in the transaction that records it;
// SurveyTick queues the rest. The sender sees the progress.
func (h *Handlers) startSurveyCampaign(c *Ctx, s *survey.Survey) error {
	unis := h.campaignUniversities(c, s)
	if len(unis) == 0 {
		return aulabot.Errorf(aulabot.EFORBIDDEN, "survey.campaign_not_yours")
	}
	return c.Commit(func(tx Tx) error {
		started := 0
		for _, uni := range unis {
			loc := h.surveyLoc(uni)
			camp, invite, err := tx.StartSurveyCampaign(s, uni, c.User.ID, c.Lang, loc)
			if aulabot.ErrorKey(err) == "survey.campaign_running" {
				continue
			}
			if err != nil {
				return err
			}
			if err := h.invite(tx, s, invite, camp.BatchAt); err != nil {
				return err
			}
			started++
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

// svCounts are a campaign's audience counted.
type svCounts struct{ audience, started, completed, blocked int }

func svCountAudience(people []survey.Invitee) svCounts {
	var n svCounts
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

// svCount renders a count of people who answered: from 1 to 4 it is
// "fewer than 5", so that nobody's response can be singled out.
func (c *Ctx) svCount(n int) string {
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
		n := svCountAudience(people)
		key := "survey.status_line"
		if camp.Closed {
			key = "survey.status_closed"
		}
		b.WriteString("\n\n" + c.T(key, "university", name, "invited", camp.Invited,
			"started", c.svCount(n.started), "completed", c.svCount(n.completed), "blocked", n.blocked,
			"reminders", camp.Reminders, "max", h.maxReminders()))
	}
	rows := [][]aulabot.Button{{{Text: c.T("survey.refresh"), Data: svData(svStatus, s.ID)}}}
	c.showPage(edit, b.String(), rows)
	return nil
}
