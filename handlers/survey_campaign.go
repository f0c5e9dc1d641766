package handlers

import (
	"slices"
	"strings"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/service"
	"github.com/aulabot/aulabot/survey"
)

// campaignUniversities are the universities where c's sender may run s:
// every one s is for (admins), or those they coordinate.
func (h *Handlers) campaignUniversities(c *Ctx, s *survey.Survey) []string {
	return h.svc.Surveys.Universities(c.Roles, s)
}

// yourUniversities are campaignUniversities, refused (EFORBIDDEN
// survey.campaign_not_yours) when there are none: the start, the
// progress and the close of a campaign are theirs alone.
func (h *Handlers) yourUniversities(c *Ctx, s *survey.Survey) ([]string, error) {
	unis := h.campaignUniversities(c, s)
	if len(unis) == 0 {
		return nil, aulabot.Errorf(aulabot.EFORBIDDEN, "survey.campaign_not_yours")
	}
	return unis, nil
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
	var progress []string // the running campaigns' 📊
	err := c.view(func(tx Tx) error {
		if h.Survey.Set == nil {
			return nil
		}
		for _, s := range h.Survey.Set.All() {
			unis := h.campaignUniversities(c, s)
			running, err := h.svc.Surveys.Running(tx, s, unis)
			if err != nil {
				return err
			}
			switch {
			case running:
				rows = append(rows, []aulabot.Button{{Text: "📊 " + s.Title.In(c.Lang), Data: svData(svStatus, s.ID)}})
				progress = append(progress, svData(svStatus, s.ID))
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
	if len(progress) == 1 && c.asked != "" && c.U.Callback == nil && progressAsked(c.asked) {
		// "¿cuántas personas respondieron la encuesta?", one running:
		// its progress (the panel showed, seen in the sandbox).
		return h.pressTyped(c, progress[0])
	}
	c.ReplyButtons(c.T("survey.panel"), rows)
	return nil
}

// progressAsked reports whether words that asked for /surveys ask how a
// campaign goes: who answered, how many, its progress.
func progressAsked(text string) bool {
	return slices.ContainsFunc(strings.Fields(aulabot.TypedWords(text)), func(w string) bool { return progressWords[w] })
}

// progressWords ask how a campaign goes, as aulabot.TypedWords reads them.
var progressWords = typedSet("respondieron", "respondio", "contestaron", "contesto", "respuestas", "avance", "progreso",
	"cuantos", "cuantas", "van", "va", "responded", "answered", "answers", "responses", "progress", "many", "going")

// confirmCampaign asks before inviting: how many people each university
// would invite.
func (h *Handlers) confirmCampaign(c *Ctx, s *survey.Survey) error {
	unis, err := h.yourUniversities(c, s)
	if err != nil {
		return err
	}
	var n int
	err = c.view(func(tx Tx) (err error) { n, err = h.svc.Surveys.ToInvite(tx, s, unis); return err })
	if err != nil {
		return err
	}
	c.showPage(true, c.N("survey.confirm_start", n, "title", s.Title.In(c.Lang), "universities", c.N("survey.universities", len(unis))),
		[][]aulabot.Button{{{Text: c.T("button.confirm"), Data: svData(svConfirm, s.ID)}, {Text: c.T("button.cancel"), Data: svData(svCancel, s.ID)}}})
	return nil
}

// startSurveyCampaign starts s's campaign at each university the sender
// may run it at (service.Surveys.Start); the sender sees the progress, in
// place of the confirmation pressed (which kept its ✅ Confirm and Cancel
// under the question, as if nothing had started).
func (h *Handlers) startSurveyCampaign(c *Ctx, s *survey.Survey) error {
	unis, err := h.yourUniversities(c, s)
	if err != nil {
		return err
	}
	return c.Commit(func(tx Tx) error {
		started, err := h.svc.Surveys.Start(tx, s, unis, c.User.ID, c.Lang)
		if err != nil {
			return err
		}
		status, err := h.svc.Surveys.Status(tx, s, unis)
		if err != nil {
			return err
		}
		if started == 0 {
			c.Reply(c.T("survey.campaign_running"))
		}
		h.renderStatus(c, s, status, c.U.Callback != nil)
		return nil
	})
}

// campaignStatus shows s's campaigns where the sender may see them; edit
// refreshes the pressed message.
func (h *Handlers) campaignStatus(c *Ctx, s *survey.Survey, edit bool) error {
	unis, err := h.yourUniversities(c, s)
	if err != nil {
		return err
	}
	var status []service.CampaignStatus
	err = c.view(func(tx Tx) (err error) { status, err = h.svc.Surveys.Status(tx, s, unis); return err })
	if err != nil {
		return err
	}
	h.renderStatus(c, s, status, edit)
	return nil
}

// renderStatus shows s's campaign progress at each of the sender's
// universities, with a Refresh button.
func (h *Handlers) renderStatus(c *Ctx, s *survey.Survey, status []service.CampaignStatus, edit bool) {
	sv := h.svc.Surveys
	var b strings.Builder
	open := false // a campaign that may be closed by hand
	b.WriteString(c.T("survey.status_title", "title", s.Title.In(c.Lang)))
	for _, st := range status {
		if !st.Running {
			b.WriteString("\n\n" + c.T("survey.status_none", "university", st.Name))
			continue
		}
		key, running := "survey.status_line", !st.Campaign.Closed && st.Campaign.CloseAsked.IsZero()
		if running {
			open = true
		} else {
			key = "survey.status_closed"
		}
		b.WriteString("\n\n" + c.T(key, "university", st.Name, "invited", st.Campaign.Invited,
			"started", sv.Count(c.Lang, st.Counts.Started), "completed", sv.Count(c.Lang, st.Counts.Completed), "blocked", st.Counts.Blocked,
			"reminders", st.Campaign.Reminders, "max", sv.MaxReminders()))
		if at := st.Campaign.BatchAt; running && at.After(h.Now()) {
			// Started at night: the latest batch waits for the morning.
			b.WriteString("\n" + c.T("survey.status_waits", "when", h.whenAt(c.Lang, st.University, at), "zone", h.svc.Mentoring.Zone(c.Lang, st.University)))
		}
	}
	rows := [][]aulabot.Button{{{Text: c.T("survey.refresh"), Data: svData(svStatus, s.ID)}}}
	if open {
		rows = append(rows, []aulabot.Button{{Text: c.T("survey.button_end"), Data: svData(svAskEnd, s.ID)}})
	}
	c.showPage(edit, b.String(), rows)
}

// confirmClose asks before closing s's campaigns by hand: nobody there
// may answer after.
func (h *Handlers) confirmClose(c *Ctx, s *survey.Survey) error {
	unis, err := h.yourUniversities(c, s)
	if err != nil {
		return err
	}
	yes := aulabot.Button{Text: c.T("survey.button_end_yes"), Data: svData(svEnd, s.ID)}
	c.offerYes(&yes) // a "sí" typed below it closes nothing: it is pointed to the button
	c.showPage(true, c.T("survey.confirm_end", "title", s.Title.In(c.Lang), "universities", c.N("survey.universities_in", len(unis))),
		[][]aulabot.Button{{yes, {Text: c.T("survey.button_end_no"), Data: svData(svStatus, s.ID)}}})
	return nil
}

// closeCampaigns closes s's campaigns where the sender may (service.
// Surveys.CloseNow) and shows their progress; the next campaign tick
// sends the final count and the results.
func (h *Handlers) closeCampaigns(c *Ctx, s *survey.Survey) error {
	unis, err := h.yourUniversities(c, s)
	if err != nil {
		return err
	}
	c.offerYes(nil) // answered
	return c.Commit(func(tx Tx) error {
		n, err := h.svc.Surveys.CloseNow(tx, s, unis)
		if err != nil {
			return err
		}
		status, err := h.svc.Surveys.Status(tx, s, unis)
		if err != nil {
			return err
		}
		c.Answer(c.N("survey.ended", n))
		h.renderStatus(c, s, status, true)
		return nil
	})
}
