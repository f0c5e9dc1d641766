package store

import (
	"slices"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/survey"
)

// A survey campaign invites a survey's audience at one university, reminds
// those who have not finished, and at the close sends the final count to
// whoever started it. Its record holds counts and times only: who started
// or finished is read from the responses when needed (by the keyed hash),
// never stored with the person.
const bSurveyCampaigns = "survey_campaigns" // survey 0 university -> survey.Campaign

// eraseCampaignCursors moves the cursor of a campaign still inviting off
// user (who deletes their data) to the person before them, so that no
// campaign names them and the next batch goes on after them.
func eraseCampaignCursors(tx *Tx, user int64) error {
	var moved []survey.Campaign
	err := tx.bucket(bSurveyCampaigns).ForEach(func(k, _ []byte) error {
		var c survey.Campaign
		if _, err := tx.get(bSurveyCampaigns, k, &c); err != nil {
			return err
		}
		if c.Cursor == user {
			moved = append(moved, c)
		}
		return nil
	})
	if err != nil || len(moved) == 0 {
		return err
	}
	prev := int64(0)
	cur := tx.bucket(bUsers).Cursor()
	if k, _ := cur.Seek(i64(user)); k != nil {
		if k, _ = cur.Prev(); k != nil {
			prev = fromI64(k)
		}
	} else if k, _ := cur.Last(); k != nil && fromI64(k) < user {
		prev = fromI64(k)
	}
	for _, c := range moved {
		c.Cursor = prev
		if err := tx.put(bSurveyCampaigns, surveyCampaignKey(c.Survey, c.University), c); err != nil {
			return err
		}
	}
	return nil
}

func surveyCampaignKey(surveyID, university string) []byte {
	return append(append([]byte(surveyID), 0), university...)
}

// SurveyCampaign returns the campaign of s at university, if there is one.
func (tx *Tx) SurveyCampaign(s *survey.Survey, university string) (survey.Campaign, bool, error) {
	var c survey.Campaign
	if tx.maybe(bSurveyCampaigns) == nil {
		return c, false, nil
	}
	ok, err := tx.get(bSurveyCampaigns, surveyCampaignKey(s.ID, university), &c)
	return c, ok, err
}

// SurveyCampaigns returns every campaign, closed ones too.
func (tx *Tx) SurveyCampaigns() ([]survey.Campaign, error) {
	var out []survey.Campaign
	if tx.maybe(bSurveyCampaigns) == nil {
		return nil, nil
	}
	err := tx.bucket(bSurveyCampaigns).ForEach(func(k, _ []byte) error {
		var c survey.Campaign
		if _, err := tx.get(bSurveyCampaigns, k, &c); err != nil {
			return err
		}
		out = append(out, c)
		return nil
	})
	return out, err
}

// SurveyAudience returns everyone at university who finished /start and
// is in s's audience, with where they stand in s.
func (tx *Tx) SurveyAudience(s *survey.Survey, university string) ([]survey.Invitee, error) {
	secret, err := tx.surveySecret(s.Series(), false)
	if err != nil {
		return nil, err
	}
	var out []survey.Invitee
	err = tx.UsersAt(university, nil, func(u aulabot.User) error {
		p, in, err := tx.invitee(s, university, secret, u)
		if in {
			out = append(out, p)
		}
		return err
	})
	return out, err
}

// invitee is where u stands in s, and whether u is in its audience at
// university; secret is the series' (nil: no response yet).
func (tx *Tx) invitee(s *survey.Survey, university string, secret []byte, u aulabot.User) (survey.Invitee, bool, error) {
	if !u.Onboarded() || u.University != university || !s.For(u.University, u.Role) {
		return survey.Invitee{}, false, nil
	}
	in := survey.Invitee{User: u, Unreachable: tx.bucket(bUnreachable).Get(i64(u.ID)) != nil}
	if secret != nil {
		var r survey.Response
		ok, err := tx.get(bSurveyResponses, responseKey(s.ID, personKey(secret, u.ID)), &r)
		if err != nil {
			return in, true, err
		}
		in.Started, in.Completed = ok, ok && !r.Completed.IsZero()
	}
	return in, true, nil
}

// StartSurveyCampaign starts s's campaign at university, started by user
// by who reads lang, and returns it with the first batch of people to
// invite (InviteSurvey). The caller queues the invitations in the same
// transaction. loc is the university's time zone. Errors: ECONFLICT
// survey.closed (not open now), survey.campaign_running (started before:
// nobody is invited twice).
func (tx *Tx) StartSurveyCampaign(s *survey.Survey, university string, by int64, lang string, loc *time.Location) (survey.Campaign, []survey.Invitee, error) {
	if !s.OpenAt(tx.now, loc) {
		return survey.Campaign{}, nil, aulabot.Errorf(aulabot.ECONFLICT, "survey.closed")
	}
	if c, ok, err := tx.SurveyCampaign(s, university); err != nil || ok {
		if err == nil {
			err = aulabot.Errorf(aulabot.ECONFLICT, "survey.campaign_running")
		}
		return c, nil, err
	}
	seq, err := tx.nextID(bSurveyCampaigns)
	if err != nil {
		return survey.Campaign{}, nil, err
	}
	c := survey.Campaign{Survey: s.ID, University: university, Seq: seq, By: by, Lang: lang, Started: tx.now,
		Next: tx.now.Add(survey.ReminderEvery), Inviting: true}
	if err := tx.put(bSurveyCampaigns, surveyCampaignKey(s.ID, university), c); err != nil {
		return c, nil, err
	}
	c, invite, _, err := tx.InviteSurvey(s, university, survey.InviteBatch, loc)
	return c, invite, err
}

// InviteSurvey returns the next batch of at most max people to invite to
// s's campaign at university, in the order of their ids: the audience but
// those who finished already and those who blocked the bot (counted in
// Blocked). The batch goes out from the campaign's BatchAt, by day in loc
// (now, or the next morning), paced at survey.CampaignRate; the next one
// may be queued once it has gone (NextBatch). False when no batch is due
// or nobody more is to be invited. The caller queues the invitations in
// the same transaction; each person is in one batch only, whatever runs
// it twice.
func (tx *Tx) InviteSurvey(s *survey.Survey, university string, max int, loc *time.Location) (survey.Campaign, []survey.Invitee, bool, error) {
	c, ok, err := tx.SurveyCampaign(s, university)
	if err != nil || !ok || !c.Inviting || tx.now.Before(c.NextBatch) {
		return c, nil, false, err
	}
	secret, err := tx.surveySecret(s.Series(), false)
	if err != nil {
		return c, nil, false, err
	}
	var invite []survey.Invitee
	cur := tx.bucket(bUsers).Cursor()
	k, _ := cur.First()
	if c.Batches > 0 { // after the last id read
		k, _ = cur.Seek(i64(c.Cursor))
		if k != nil && fromI64(k) == c.Cursor {
			k, _ = cur.Next()
		}
	}
	for ; k != nil && len(invite) < max; k, _ = cur.Next() {
		var u aulabot.User
		if _, err := tx.get(bUsers, k, &u); err != nil {
			return c, nil, false, err
		}
		c.Cursor = u.ID
		p, in, err := tx.invitee(s, university, secret, u)
		if err != nil {
			return c, nil, false, err
		}
		switch {
		case !in || p.Completed:
		case p.Unreachable:
			c.Blocked++
		default:
			invite = append(invite, p)
		}
	}
	if k == nil {
		c.Inviting, c.Cursor = false, 0
	}
	c.Invited += len(invite)
	c.Batches++
	c.BatchAt = survey.NextDaytime(tx.now, loc)
	c.NextBatch = survey.Paced(c.BatchAt, len(invite))
	return c, invite, true, tx.put(bSurveyCampaigns, surveyCampaignKey(s.ID, university), c)
}

// RemindSurvey runs the next round of reminders of s's campaign at
// university if one is due: the campaign is open, fewer than max rounds
// went out, the last was ReminderEvery ago, and it is daytime in loc. It
// returns the people to remind (started but not finished, or not started;
// never those who finished or blocked the bot), and false when no round
// is due. The caller queues the reminders in the same transaction; a
// round runs once whatever calls it twice.
func (tx *Tx) RemindSurvey(s *survey.Survey, university string, max int, loc *time.Location) (survey.Campaign, []survey.Invitee, bool, error) {
	c, ok, err := tx.SurveyCampaign(s, university)
	if err != nil || !ok || c.Closed || c.Reminders >= max || tx.now.Before(c.Next) ||
		!s.OpenAt(tx.now, loc) || !survey.Daytime(tx.now, loc) {
		return c, nil, false, err
	}
	people, err := tx.SurveyAudience(s, university)
	if err != nil {
		return c, nil, false, err
	}
	c.Blocked = 0
	remind := slices.DeleteFunc(people, func(p survey.Invitee) bool {
		if p.Unreachable {
			c.Blocked++
		}
		return p.Completed || p.Unreachable
	})
	c.Reminders++
	c.Next = tx.now.Add(survey.ReminderEvery)
	return c, remind, true, tx.put(bSurveyCampaigns, surveyCampaignKey(s.ID, university), c)
}

// CloseSurveyCampaign closes s's campaign at university once the survey
// has closed in loc, and returns it with the people who took part (to be
// told what their university said). False if there is nothing to close
// (no campaign, closed already, or the survey still open). The caller
// queues the final count and the results in the same transaction.
func (tx *Tx) CloseSurveyCampaign(s *survey.Survey, university string, loc *time.Location) (survey.Campaign, []survey.Invitee, bool, error) {
	c, ok, err := tx.SurveyCampaign(s, university)
	if err != nil || !ok || c.Closed || !c.ClosedAt(s, tx.now, loc) {
		return c, nil, false, err
	}
	people, err := tx.SurveyAudience(s, university)
	if err != nil {
		return c, nil, false, err
	}
	took := slices.DeleteFunc(people, func(p survey.Invitee) bool { return !p.Started || p.Unreachable })
	c.Closed, c.Inviting = true, false
	return c, took, true, tx.put(bSurveyCampaigns, surveyCampaignKey(s.ID, university), c)
}

// AskCloseSurveyCampaign closes s's campaign at university by hand, now:
// its university answers no more, and the close (CloseSurveyCampaign)
// is due at once. False when there is no campaign there, or it is closed
// or closing already.
func (tx *Tx) AskCloseSurveyCampaign(s *survey.Survey, university string, loc *time.Location) (survey.Campaign, bool, error) {
	c, ok, err := tx.SurveyCampaign(s, university)
	if err != nil || !ok || c.Closed || c.ClosedAt(s, tx.now, loc) {
		return c, false, err
	}
	c.CloseAsked = tx.now
	return c, true, tx.put(bSurveyCampaigns, surveyCampaignKey(s.ID, university), c)
}
