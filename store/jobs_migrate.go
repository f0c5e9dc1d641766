package store

import (
	"bytes"
	"strconv"
	"strings"
	"time"

	"github.com/aulabot/aulabot"
	bolt "go.etcd.io/bbolt"
)

// eventJobsMigration gives each training whose figures were still to
// come the question at its end (the job "evfb:ID" of kind
// "event_feedback", due at its end) and moves its figures ("evsum:ID")
// to a day after its end, as trainings created since 5 December have
// them. Until then a training had no question at its end and its figures
// came an hour after its start; a training whose figures went already,
// or that was cancelled, is left as it is. The keys and kinds are those
// released, written out here: a migration never changes.
func eventJobsMigration(btx *bolt.Tx) error {
	tx := &Tx{tx: btx}
	es, err := tx.Events()
	if err != nil {
		return err
	}
	for _, e := range es {
		if !e.Cancelled.IsZero() {
			continue
		}
		id := strconv.FormatUint(e.ID, 10)
		sum, ok, err := tx.ScheduledJob("evsum:" + id)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if err := tx.Schedule(aulabot.Job{Key: "evfb:" + id, Kind: "event_feedback", Due: e.End(), Data: map[string]string{"event": id}}); err != nil {
			return err
		}
		sum.Due = e.End().Add(24 * time.Hour)
		if err := tx.Schedule(sum); err != nil {
			return err
		}
	}
	return nil
}

// unmarkedJobMigration gives each mentoring session still to start (its
// "mark who came" job, "slot:sN:attendance", still scheduled) the
// reminder of attendance left unmarked a day after its end
// ("slot:sN:unmarked", of kind "slot.unmarked", with the same data), as
// sessions published since 5 December have it: one published before had
// none, and a mentor who never marked left those who came never asked
// to rate it. The keys, kinds and the day are those released, written
// out here.
func unmarkedJobMigration(btx *bolt.Tx) error {
	tx := &Tx{tx: btx}
	const prefix, suffix = "slot:s", ":attendance"
	var due []aulabot.Job
	c := tx.bucket(bJobKeys).Cursor()
	for k, _ := c.Seek([]byte(prefix)); k != nil && bytes.HasPrefix(k, []byte(prefix)); k, _ = c.Next() {
		if bytes.HasSuffix(k, []byte(suffix)) {
			j, ok, err := tx.ScheduledJob(string(k))
			if err != nil {
				return err
			}
			if ok {
				due = append(due, j)
			}
		}
	}
	for _, j := range due {
		key := strings.TrimSuffix(j.Key, suffix) + ":unmarked"
		_, had, err := tx.ScheduledJob(key)
		if err != nil {
			return err
		}
		if had {
			continue
		}
		id, err := strconv.ParseUint(j.Data["slot"], 10, 64)
		if err != nil {
			continue // not a slot's job
		}
		s, ok, err := tx.Slot(id)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if err := tx.Schedule(aulabot.Job{Key: key, Kind: "slot.unmarked", Due: s.End().Add(24 * time.Hour), Data: j.Data}); err != nil {
			return err
		}
	}
	return nil
}

// eventIndexMigration indexes the events by their end and the people's
// answers by person (bEventsEnd, bEventsUser), so that the lists of
// trainings to come and a deletion read only what concerns them, not
// every training ever held.
func eventIndexMigration(btx *bolt.Tx) error {
	tx := &Tx{tx: btx}
	es, err := tx.Events()
	if err != nil {
		return err
	}
	for _, e := range es {
		if err := tx.bucket(bEventsEnd).Put(eventEndKey(e), nil); err != nil {
			return err
		}
	}
	users := tx.bucket(bEventsUser)
	return tx.bucket(bEventAnswers).ForEach(func(k, _ []byte) error {
		if len(k) != 16 {
			return nil
		}
		return users.Put(append(append([]byte(nil), k[8:]...), k[:8]...), nil)
	})
}

// courseNamedMigration indexes the courses by the people they name
// besides their teachers (bCoursesNamed), so that a deletion and a
// mentor's list read those courses, not every course.
func courseNamedMigration(btx *bolt.Tx) error {
	tx := &Tx{tx: btx}
	return tx.bucket(bCourses).ForEach(func(k, v []byte) error {
		var c aulabot.Course
		if err := decode(bCourses, k, v, &c); err != nil {
			return err
		}
		return tx.indexNamed(c)
	})
}

// userUniMigration indexes the people by university and role
// (bUsersUni), so that an announcement's, a training's or a survey's
// audience reads its people, not every person the bot knows.
func userUniMigration(btx *bolt.Tx) error {
	tx := &Tx{tx: btx}
	return tx.Users(tx.indexUser)
}

// joinedMigration counts the people who finished /start by university,
// day and role (bUsersDays) and indexes them by when (bUsersJoined), so
// that a report counts a university's people as of a date without
// reading one entry per person.
func joinedMigration(btx *bolt.Tx) error {
	tx := &Tx{tx: btx}
	return tx.Users(func(u aulabot.User) error { return tx.countJoined(u, 1) })
}

// incidentUserMigration indexes the LMS incidents by the people whose
// reports and waits they hold (bIncidentUser), so that a deletion reads
// the person's incidents, not every incident.
func incidentUserMigration(btx *bolt.Tx) error {
	tx := &Tx{tx: btx}
	return tx.bucket(bIncidents).ForEach(func(k, v []byte) error {
		var inc aulabot.Incident
		if err := decode(bIncidents, k, v, &inc); err != nil {
			return err
		}
		return tx.indexIncident(inc.ID, append(inc.Linked, inc.Subscribers...)...)
	})
}

// ticketTouchedMigration indexes the tickets by their last change
// (bTicketsTouched, bTicketTouchedAt), so that a report reads the tickets
// its period may concern, not every ticket.
func ticketTouchedMigration(btx *bolt.Tx) error {
	tx := &Tx{tx: btx}
	return tx.bucket(bTickets).ForEach(func(k, v []byte) error {
		var t aulabot.Ticket
		if err := decode(bTickets, k, v, &t); err != nil {
			return err
		}
		return tx.touchTicket(bytes.Clone(k), t.Updated)
	})
}

// onboardingMigration indexes the people whose /start is under way in
// their private chat (bStatesOnboard), so that an announcement to them
// reads them, not every conversation state.
func onboardingMigration(btx *bolt.Tx) error {
	tx := &Tx{tx: btx}
	return tx.bucket(bStates).ForEach(func(k, v []byte) error {
		var st aulabot.State
		if len(k) != 16 || fromI64(k[:8]) != fromI64(k[8:]) || decode(bStates, k, v, &st) != nil || st.Flow != aulabot.OnboardFlow {
			return nil // a group's state, or another flow (or unreadable: not an audience)
		}
		return tx.markOnboarding(fromI64(k[:8]), true)
	})
}

// campaignUserMigration indexes the recipients of every campaign by person
// (bCampaignUser; those still queued too, which a deletion would find in
// their campaign's queue anyway), so that a deletion reads the person's
// campaigns, not every campaign.
func campaignUserMigration(btx *bolt.Tx) error {
	tx := &Tx{tx: btx}
	users := tx.bucket(bCampaignUser)
	return tx.bucket(bCampaignRcpt).ForEach(func(k, _ []byte) error {
		if len(k) != 16 {
			return nil
		}
		return users.Put(userCampaignKey(fromI64(k[8:]), fromU64(k[:8])), nil)
	})
}

// staffTicketsMigration indexes every ticket under the members of staff
// who worked it (bTicketsByStaff: its owner, whoever else moved it, the
// authors of the team's messages), so that a member's deletion reads
// their tickets, not every ticket.
func staffTicketsMigration(btx *bolt.Tx) error {
	tx := &Tx{tx: btx}
	return tx.bucket(bTickets).ForEach(func(k, v []byte) error {
		var t aulabot.Ticket
		if err := decode(bTickets, k, v, &t); err != nil {
			return err
		}
		staff, err := staffOf(tx, t, bytes.Clone(k))
		for _, id := range staff {
			if err == nil {
				err = tx.workedBy(id, t)
			}
		}
		return err
	})
}

// announcementNumberMigration numbers the announcements stored before
// they had numbers (Campaign.Number), oldest first, and keeps the count
// for the next one.
func announcementNumberMigration(btx *bolt.Tx) error {
	tx := &Tx{tx: btx}
	var announcements []aulabot.Campaign
	err := tx.bucket(bCampaigns).ForEach(func(k, v []byte) error {
		var c aulabot.Campaign
		if err := decode(bCampaigns, k, v, &c); err != nil {
			return err
		}
		if c.Owner == "" {
			announcements = append(announcements, c)
		}
		return nil
	})
	for _, c := range announcements {
		if err == nil {
			if c.Number, err = tx.nextAnnouncement(); err == nil {
				err = tx.put(bCampaigns, u64(c.ID), c)
			}
		}
	}
	return err
}
