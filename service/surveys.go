package service

import (
	"errors"
	"slices"
	"strconv"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
	"github.com/aulabot/aulabot/survey"
)

// Surveys are the surveys' use cases. This file holds the campaigns: a
// coordinator or an admin starts one at their universities, invitations
// go out in paced batches, reminders by day in the university's time
// zone, and once the survey closes the final count goes to whoever started
// it and what their university said to each person who took part.
type Surveys struct {
	Config *aulabot.Config
	Cat    *i18n.Catalog
	// Buttons encodes the buttons of the campaigns' messages (set by
	// handlers.New: the codec is the handlers').
	Buttons SurveysButtons
}

// SurveysButtons encodes the survey buttons the service's messages carry.
type SurveysButtons interface {
	// Open is the data of the button that opens survey id where the
	// person left it.
	Open(id string) string
	// Results is the data of the button that shows the results of a
	// series (a coordinator's).
	Results(series string) string
}

// SurveysTx is what the surveys' use cases need of the update's
// transaction.
type SurveysTx interface {
	SurveysAnswerTx
	Enqueue(m aulabot.Message) (uint64, error)
	SurveyCampaign(s *survey.Survey, university string) (survey.Campaign, bool, error)
	SurveyCampaigns() ([]survey.Campaign, error)
	SurveyAudience(s *survey.Survey, university string) ([]survey.Invitee, error)
	StartSurveyCampaign(s *survey.Survey, university string, by int64, lang string, loc *time.Location) (survey.Campaign, []survey.Invitee, error)
	InviteSurvey(s *survey.Survey, university string, max int, loc *time.Location) (survey.Campaign, []survey.Invitee, bool, error)
	RemindSurvey(s *survey.Survey, university string, max int, loc *time.Location) (survey.Campaign, []survey.Invitee, bool, error)
	CloseSurveyCampaign(s *survey.Survey, university string, loc *time.Location) (survey.Campaign, []survey.Invitee, bool, error)
	AskCloseSurveyCampaign(s *survey.Survey, university string, loc *time.Location) (survey.Campaign, bool, error)
}

// SurveyLane is the outbox lane of a campaign's messages in each person's
// chat: they never hold up the person's own answers.
const SurveyLane = "survey"

// A campaign's messages carry no outbox key: each step queues them in the
// transaction that records it (the store refuses a step done before), so
// they are queued once, and no kept key names the person after it is sent.

// ErrNotDue rolls back a campaign step the store found not due (another
// run did it, or the clock crossed a limit since the check).
var ErrNotDue = errors.New("survey campaign step not due")

// MaxReminders is the configured cap on reminders a person gets.
func (s *Surveys) MaxReminders() int {
	if s.Config.SurveyReminders != nil {
		return *s.Config.SurveyReminders
	}
	return survey.DefaultReminders
}

// Universities are the universities where someone with roles may run sv:
// every one sv is for (admins), or those they coordinate.
func (s *Surveys) Universities(roles aulabot.Roles, sv *survey.Survey) []string {
	var out []string
	for _, u := range s.Config.Universities {
		if (len(sv.Universities) == 0 || slices.Contains(sv.Universities, u.ID)) && roles.IsCoordinator(u.ID) {
			out = append(out, u.ID)
		}
	}
	return out
}

// Counts are a campaign's audience counted.
type Counts struct{ Audience, Started, Completed, Blocked int }

func countAudience(people []survey.Invitee) Counts {
	var n Counts
	for _, p := range people {
		n.Audience++
		if p.Started {
			n.Started++
		}
		if p.Completed {
			n.Completed++
		}
		if p.Unreachable {
			n.Blocked++
		}
	}
	return n
}

// Count renders, in lang, a count of people who answered: from 1 to 4 it
// is "fewer than 5", so that nobody's response can be singled out.
func (s *Surveys) Count(lang string, n int) string {
	if n > 0 && n < survey.MinGroup {
		return s.Cat.T(lang, "survey.fewer_than_5")
	}
	return strconv.Itoa(n)
}

// ToInvite is how many people starting sv's campaign at unis would
// invite: the audience that has not completed it and can be reached.
func (s *Surveys) ToInvite(tx SurveysTx, sv *survey.Survey, unis []string) (int, error) {
	n := 0
	for _, uni := range unis {
		people, err := tx.SurveyAudience(sv, uni)
		if err != nil {
			return 0, err
		}
		for _, p := range people {
			if !p.Completed && !p.Unreachable {
				n++
			}
		}
	}
	return n, nil
}

// Running reports whether sv has a campaign at any of unis.
func (s *Surveys) Running(tx SurveysTx, sv *survey.Survey, unis []string) (bool, error) {
	for _, uni := range unis {
		_, ok, err := tx.SurveyCampaign(sv, uni)
		if err != nil || ok {
			return ok, err
		}
	}
	return false, nil
}

// Start starts sv's campaign, by someone in lang, at each of unis where
// it is not running, and queues the first batch of invitations (paced, by
// day in the university's time zone) in the caller's transaction; Run
// queues the rest. It returns how many campaigns it started.
func (s *Surveys) Start(tx SurveysTx, sv *survey.Survey, unis []string, by int64, lang string) (int, error) {
	started := 0
	for _, uni := range unis {
		camp, invite, err := tx.StartSurveyCampaign(sv, uni, by, lang, s.Config.Loc(uni))
		if aulabot.ErrorKey(err) == "survey.campaign_running" {
			continue
		}
		if err != nil {
			return 0, err
		}
		if err := s.invite(tx, sv, invite, camp.BatchAt); err != nil {
			return 0, err
		}
		started++
	}
	return started, nil
}

// CampaignStatus is where sv's campaign stands at one university.
type CampaignStatus struct {
	University, Name string
	// Running: a campaign was started there (Campaign and Counts are set).
	Running  bool
	Campaign survey.Campaign
	Counts   Counts
}

// Status returns sv's campaigns at unis.
func (s *Surveys) Status(tx SurveysTx, sv *survey.Survey, unis []string) ([]CampaignStatus, error) {
	var out []CampaignStatus
	for _, uni := range unis {
		st := CampaignStatus{University: uni, Name: s.universityName(uni)}
		camp, ok, err := tx.SurveyCampaign(sv, uni)
		if err != nil {
			return nil, err
		}
		if ok {
			people, err := tx.SurveyAudience(sv, uni)
			if err != nil {
				return nil, err
			}
			st.Running, st.Campaign, st.Counts = true, camp, countAudience(people)
		}
		out = append(out, st)
	}
	return out, nil
}

func (s *Surveys) universityName(uni string) string {
	if u, ok := s.Config.University(uni); ok {
		return u.Name
	}
	return uni
}

// Campaigns returns every campaign stored, for the tick to look at.
func (s *Surveys) Campaigns(tx SurveysTx) ([]survey.Campaign, error) { return tx.SurveyCampaigns() }

// CampaignStepKind is what a campaign's next step does.
type CampaignStepKind int

const (
	CampaignNone CampaignStepKind = iota
	CampaignInvite
	CampaignRemind
	CampaignClose
)

// CampaignStep is a campaign's step due now, with the update marker
// that applies it once.
type CampaignStep struct {
	Kind CampaignStepKind
	Mark int64
}

// Steps of campaignMark beside the reminder rounds (1-10).
const (
	closeStep  = 11
	inviteStep = 16 // + the batch
)

// campaignMark is the update marker of a campaign's step: negative like
// the jobs' markers, far above any job id, so that each step is applied
// once. Steps: reminder rounds 1-10, the close, then invitation batches.
func campaignMark(c survey.Campaign, step int) int64 {
	return -(1<<52 + int64(c.Seq)<<20 + int64(step))
}

// Due is camp's step due at now (CampaignNone when none is): once sv has
// closed, the close; the next batch of invitations once the one before
// has gone out; a round of reminders, by day in the university's time
// zone, at most the configured number.
func (s *Surveys) Due(sv *survey.Survey, camp survey.Campaign, now time.Time) CampaignStep {
	loc := s.Config.Loc(camp.University)
	switch {
	case camp.Closed:
	case camp.ClosedAt(sv, now, loc):
		return CampaignStep{CampaignClose, campaignMark(camp, closeStep)}
	case camp.Inviting && !now.Before(camp.NextBatch):
		return CampaignStep{CampaignInvite, campaignMark(camp, inviteStep+camp.Batches)}
	case camp.Reminders < s.MaxReminders() && !now.Before(camp.Next) && survey.Daytime(now, loc):
		return CampaignStep{CampaignRemind, campaignMark(camp, camp.Reminders+1)}
	}
	return CampaignStep{}
}

// Run runs step of camp in the caller's transaction (the one CampaignStep.Mark
// applies once); ErrNotDue when the store finds it not due, so that the
// caller rolls it back. res are the results of sv's series at camp's
// university, for the close (nil: none loaded). now is the caller's clock,
// the one Due was asked at: reminders and results are paced from it.
func (s *Surveys) Run(tx SurveysTx, sv *survey.Survey, camp survey.Campaign, step CampaignStep, res *survey.Results, now time.Time) error {
	switch step.Kind {
	case CampaignInvite:
		return s.inviteBatch(tx, sv, camp)
	case CampaignRemind:
		return s.remind(tx, sv, camp, now)
	case CampaignClose:
		return s.close(tx, sv, camp, res, now)
	}
	return ErrNotDue
}

// inviteBatch queues camp's next batch of invitations, paced from now or
// the next morning in the university's time zone.
func (s *Surveys) inviteBatch(tx SurveysTx, sv *survey.Survey, camp survey.Campaign) error {
	camp, invite, ok, err := tx.InviteSurvey(sv, camp.University, survey.InviteBatch, s.Config.Loc(camp.University))
	if err == nil && !ok {
		err = ErrNotDue
	}
	if err != nil {
		return err
	}
	return s.invite(tx, sv, invite, camp.BatchAt)
}

// invite queues invitations to people, paced from at.
func (s *Surveys) invite(tx SurveysTx, sv *survey.Survey, people []survey.Invitee, at time.Time) error {
	for i, p := range people {
		if _, err := tx.Enqueue(s.campaignMessage(p.User, sv, "survey.invite", survey.Paced(at, i))); err != nil {
			return err
		}
	}
	return nil
}

// remind runs camp's next round of reminders: one text for those who
// have not started, another for those who stopped part way; the button
// continues their one response. They are paced from now.
func (s *Surveys) remind(tx SurveysTx, sv *survey.Survey, camp survey.Campaign, now time.Time) error {
	_, people, ok, err := tx.RemindSurvey(sv, camp.University, s.MaxReminders(), s.Config.Loc(camp.University))
	if err == nil && !ok {
		err = ErrNotDue // nothing written, the marker neither: the round runs when due
	}
	if err != nil {
		return err
	}
	for i, p := range people {
		text := "survey.remind_new"
		if p.Started {
			text = "survey.remind_partway"
		}
		if _, err := tx.Enqueue(s.campaignMessage(p.User, sv, text, survey.Paced(now, i))); err != nil {
			return err
		}
	}
	return nil
}

// close sends camp's final count to whoever started it and, to each
// person who took part, what their university said, from the first
// daytime hour after now.
func (s *Surveys) close(tx SurveysTx, sv *survey.Survey, camp survey.Campaign, res *survey.Results, now time.Time) error {
	loc := s.Config.Loc(camp.University)
	name := s.universityName(camp.University)
	camp, took, ok, err := tx.CloseSurveyCampaign(sv, camp.University, loc)
	if err == nil && !ok {
		err = ErrNotDue
	}
	if err != nil {
		return err
	}
	people, err := tx.SurveyAudience(sv, camp.University)
	if err != nil {
		return err
	}
	n := countAudience(people)
	final := aulabot.Message{ChatID: camp.By,
		Text: s.Cat.T(camp.Lang, "survey.final", "title", sv.Title.In(camp.Lang), "university", name, "invited", camp.Invited,
			"started", s.Count(camp.Lang, n.Started), "completed", s.Count(camp.Lang, n.Completed), "blocked", n.Blocked),
		Inline: [][]aulabot.Button{{{Text: s.Cat.T(camp.Lang, "survey.results_button", "series", sv.Series()), Data: s.Buttons.Results(sv.Series())}}}}
	if _, err := tx.Enqueue(final); err != nil {
		return err
	}
	for i, p := range took {
		lang := p.User.Language(s.Config.Language)
		m := aulabot.Message{ChatID: p.User.ID, Lane: SurveyLane,
			NotBefore: survey.Paced(survey.NextDaytime(now, loc), i),
			Text:      s.UniversitySaid(lang, sv, name, res, camp.University)}
		if _, err := tx.Enqueue(m); err != nil {
			return err
		}
	}
	return nil
}

// campaignMessage is an invitation or a reminder (catalogue key text) of
// sv to u, sent at at in the campaign's lane, with the button that opens
// the survey where they left it.
func (s *Surveys) campaignMessage(u aulabot.User, sv *survey.Survey, text string, at time.Time) aulabot.Message {
	lang := u.Language(s.Config.Language)
	return aulabot.Message{ChatID: u.ID, Lane: SurveyLane, NotBefore: at,
		Text:   s.Cat.T(lang, text, "title", sv.Title.In(lang)),
		Inline: [][]aulabot.Button{{{Text: s.Cat.T(lang, "survey.open"), Data: s.Buttons.Open(sv.ID)}}}}
}

// CloseNow closes sv's campaigns at universities by hand (a coordinator's
// ⏹ in /surveys), before the survey's close day or at a survey with none,
// such as the built-in ones, whose campaigns never closed and never told
// their people what their university said. Those universities answer no
// more; the next campaign tick sends the final count and the results, as
// on the close day. It returns how many campaigns it closed.
func (s *Surveys) CloseNow(tx SurveysTx, sv *survey.Survey, universities []string) (int, error) {
	n := 0
	for _, uni := range universities {
		_, ok, err := tx.AskCloseSurveyCampaign(sv, uni, s.Config.Loc(uni))
		if err != nil {
			return n, err
		}
		if ok {
			n++
		}
	}
	return n, nil
}
