package service

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
)

// The mentor's side of mentoring: publishing slots, the agenda, seats,
// moving, cancelling, notes, attendance; and the rating of those who came.

// Mentor is who acts on a slot: the mentor's id, name (shown to the
// people who book) and language (of the prompts the bot sends them later,
// when the bot has none of theirs on record).
type Mentor struct {
	ID   int64
	Name string
	Lang string
}

// CreateSlot publishes slot n of mentor at university uni, schedules
// the prompt to mark attendance at its start and tells those who wait for
// a slot of its kind; told is how many.
func (m *Mentoring) CreateSlot(tx MentoringTx, who Mentor, uni string, n aulabot.NewSlot) (s aulabot.Slot, told int, err error) {
	if s, err = tx.CreateSlot(uni, who.ID, who.Name, n); err != nil {
		if aulabot.ErrorKey(err) == "slot.err_overlap" { // refused before anything was written
			if named := m.clash(tx, who.ID, who.Lang, n.Start, n.Minutes, 0); named != nil {
				return s, 0, named
			}
		}
		return s, 0, err
	}
	if err := m.promptAttendance(tx, who.Lang, s); err != nil {
		return s, 0, err
	}
	told, err = m.tellWatchers(tx, uni, []aulabot.Slot{s}, "booking.watch_new_")
	return s, told, err
}

// clash is the refusal of a slot of mentor's from start for minutes that
// overlaps another of theirs (but except), naming that one in lang:
// "That time overlaps another of yours" alone left the mentor to find
// which (seen in the sandbox). It is asked once the store refused the
// overlap, so that a slot published or moved reads the mentor's slots
// once.
func (m *Mentoring) clash(tx MentoringTx, mentor int64, lang string, start time.Time, minutes int, except uint64) error {
	other, ok, err := tx.MentorOverlap(mentor, start, start.Add(time.Duration(minutes)*time.Minute), except)
	if err != nil || !ok {
		return err
	}
	return aulabot.Errorf(aulabot.ECONFLICT, "slot.err_overlap_with", "slot", i18n.HTML(m.SlotLine(lang, other)))
}

// CreateWeekly publishes the slots ns of a weekly availability; slots
// overlapping one of the mentor's are skipped. Those who wait for a slot
// of a kind published are told once; told is how many.
func (m *Mentoring) CreateWeekly(tx MentoringTx, who Mentor, uni string, ns []aulabot.NewSlot) (created []aulabot.Slot, skipped, told int, err error) {
	if created, skipped, err = tx.CreateSlots(uni, who.ID, who.Name, ns); err != nil {
		return nil, 0, 0, err
	}
	for _, s := range created {
		if err := m.promptAttendance(tx, who.Lang, s); err != nil {
			return nil, 0, 0, err
		}
	}
	told, err = m.tellWatchers(tx, uni, created, "booking.watch_new_")
	return created, skipped, told, err
}

// JobSlotAttendance is the job that, soon after a slot starts, reminds
// its mentor to mark attendance, if anyone holds a seat (Data "slot": its
// id; "lang": the language it was published in).
const JobSlotAttendance = "slot.attendance"

// attendanceAfter is how long after the start the mentor is reminded.
const attendanceAfter = 5 * time.Minute

// JobSlotSoon is the job that, MentorReminder before a slot starts,
// reminds its mentor of it, if anyone holds a seat: who comes, with their
// topics, and the meeting link, or that there is none yet, with Send the
// link (Data as JobSlotAttendance's).
const JobSlotSoon = "slot.soon"

// MentorReminder is how long before a session its mentor is reminded.
const MentorReminder = time.Hour

// JobSlotUnmarked is the job that, UnmarkedAfter after a slot ends,
// reminds its mentor of the people whose attendance is still unmarked:
// only those marked as come are asked to rate the session, so a session
// never marked asked nobody (Emma's, in the sandbox). Data as
// JobSlotAttendance's.
const JobSlotUnmarked = "slot.unmarked"

// UnmarkedAfter is how long after a session's end its mentor is reminded
// of attendance still unmarked.
const UnmarkedAfter = 24 * time.Hour

// promptAttendance schedules the reminder to mark attendance, soon after
// the start, and the reminder before it (JobSlotSoon, when that time is
// still to come), in lang unless the mentor's is on record then;
// cancelled with the slot, moved with it. (Until 5 December the first was
// a message queued at once for the start, which also reached mentors of
// slots nobody booked: a weekly availability of twenty slots meant twenty
// "mark who came" a week. The store's migration to schema 7 turned those
// still queued into this job.)
func (m *Mentoring) promptAttendance(tx MentoringTx, lang string, s aulabot.Slot) error {
	if _, err := tx.CancelOutbox(slotPrefix(s.ID)); err != nil {
		return err
	}
	data := slotJobData(s, lang)
	if soon := s.Start.Add(-MentorReminder); soon.After(tx.Now()) {
		if err := tx.Schedule(soonJob(s, lang)); err != nil {
			return err
		}
	} else if _, err := tx.CancelJobs(mentorSoonKey(s.ID)); err != nil {
		return err // moved to within the hour: no reminder of the old time
	}
	if err := tx.Schedule(aulabot.Job{Key: unmarkedKey(s.ID), Kind: JobSlotUnmarked, Due: s.End().Add(UnmarkedAfter), Data: data}); err != nil {
		return err
	}
	return tx.Schedule(aulabot.Job{Key: attendanceKey(s.ID), Kind: JobSlotAttendance, Due: s.Start.Add(attendanceAfter), Data: data})
}

// slotJobData is the Data of a slot's jobs: its id and the language it
// was published in.
func slotJobData(s aulabot.Slot, lang string) map[string]string {
	return map[string]string{"slot": strconv.FormatUint(s.ID, 10), "lang": lang}
}

// soonJob is the mentor's reminder MentorReminder before slot s.
func soonJob(s aulabot.Slot, lang string) aulabot.Job {
	return aulabot.Job{Key: mentorSoonKey(s.ID), Kind: JobSlotSoon, Due: s.Start.Add(-MentorReminder), Data: slotJobData(s, lang)}
}

// RemindersMissing are the sessions of university uni still more than
// MentorReminder away that have no mentor's reminder: those published
// before the reminder existed (5 December). The migration that gave them
// the reminder of attendance unmarked could not give them this one,
// whose time may have passed by the upgrade, and a migration has no
// clock; the bot looks at every start, where one has (RemindersAhead).
// It only reads.
func (m *Mentoring) RemindersMissing(tx MentoringTx, uni string) ([]aulabot.Slot, error) {
	now := tx.Now()
	slots, err := tx.UniversitySlots(uni, now.Add(MentorReminder), now.AddDate(sessionsAheadYears, 0, 0))
	if err != nil {
		return nil, err
	}
	var missing []aulabot.Slot
	for _, s := range slots {
		if !s.Start.Add(-MentorReminder).After(now) {
			continue // within the hour (the index is by the second)
		}
		_, ok, err := tx.ScheduledJob(mentorSoonKey(s.ID))
		if err != nil {
			return nil, err
		}
		if !ok {
			missing = append(missing, s)
		}
	}
	return missing, nil
}

// RemindersAhead schedules the mentor's reminder of each session
// RemindersMissing finds, in the mentor's language (the one the session
// was published in is not kept), and returns how many.
func (m *Mentoring) RemindersAhead(tx MentoringTx, uni string) (int, error) {
	missing, err := m.RemindersMissing(tx, uni)
	if err != nil {
		return 0, err
	}
	for _, s := range missing {
		_, lang, err := m.person(tx, s.Mentor)
		if err != nil {
			return 0, err
		}
		if err := tx.Schedule(soonJob(s, lang)); err != nil {
			return 0, err
		}
	}
	return len(missing), nil
}

// sessionsAheadYears bounds how far ahead RemindersAhead looks: further
// than any session is published (the store takes them up to a year ahead).
const sessionsAheadYears = 5

// Seeded schedules for slot s, published and booked (booked) outside
// the bot's flows, as the demo data are, what publishing and booking it
// through the bot schedule: the mentor's reminder before it, the
// attendance prompt and the reminder of attendance unmarked, and each
// booked person's reminders. Until 5 December the demo's sessions had
// none: in the sandbox, with its clock moved past them, Rosa was never
// reminded of her sessions nor their mentors asked who came.
func (m *Mentoring) Seeded(tx MentoringTx, s aulabot.Slot, booked []aulabot.Booking) error {
	_, lang, err := m.person(tx, s.Mentor)
	if err != nil {
		return err
	}
	if err := m.promptAttendance(tx, lang, s); err != nil {
		return err
	}
	for _, b := range booked {
		_, lang, err := m.person(tx, b.User)
		if err != nil {
			return err
		}
		if err := m.scheduleReminders(tx, lang, b, s); err != nil {
			return err
		}
	}
	return nil
}

// UnmarkedDue is job JobSlotUnmarked: the mentor of a slot with people
// holding a seat whose attendance is not marked yet is reminded, once,
// with the way to the panel; a slot fully marked, nobody booked or
// cancelled says nothing.
func (m *Mentoring) UnmarkedDue(tx MentoringTx, j aulabot.Job) error {
	s, booked, lang, ok, err := m.dueSlot(tx, j)
	if err != nil || !ok {
		return err
	}
	unmarked := 0
	for _, b := range booked {
		if b.Attendance == "" {
			unmarked++
		}
	}
	if unmarked == 0 {
		return nil
	}
	_, err = tx.Enqueue(aulabot.Message{Key: unmarkedKey(s.ID), ChatID: s.Mentor,
		Text:   m.Cat.N(lang, "slot.unmarked", unmarked, "slot", i18n.HTML(m.SlotLine(lang, s))),
		Inline: [][]aulabot.Button{{{Text: m.Cat.T(lang, "slot.button_attendance"), Data: m.Buttons.ViewSlot(s.ID)}}}})
	return err
}

// SoonDue is job JobSlotSoon: the mentor of a slot still live where
// someone holds a seat is reminded of it, in their language: who comes
// (with the topic each wrote) and the link, or, without one, that those
// booked wait for it, with Send the link. Until 5 December a mentor had no
// reminder at all, and a personal session's person, told "the mentor will
// send the link", could wait for it past the start.
func (m *Mentoring) SoonDue(tx MentoringTx, j aulabot.Job) error {
	s, booked, lang, ok, err := m.dueSlot(tx, j)
	if err != nil || !ok || !tx.Now().Before(s.Start) {
		return err // run after the start (the bot was down): "starts in an hour" would be untrue
	}
	var who []string
	for _, b := range booked {
		line := "• " + i18n.Escape(m.PersonName(lang, b.Name))
		if topic := aulabot.CleanText(b.Topic); topic != "" {
			line += " · 💬 «" + i18n.Escape(Short(topic, 60)) + "»"
		}
		who = append(who, line)
	}
	if len(who) > soonNames {
		who = append(who[:soonNames], m.Cat.N(lang, "slot.soon_more", len(booked)-soonNames))
	}
	rows := [][]aulabot.Button{{{Text: m.Cat.T(lang, "slot.button_view"), Data: m.Buttons.ViewSlot(s.ID)}}}
	link := m.LinkLine(lang, s)
	if s.Link == "" {
		link = m.Cat.T(lang, "slot.soon_no_link")
		rows = append([][]aulabot.Button{{{Text: m.Cat.T(lang, "slot.button_send_link"), Data: m.Buttons.SendLink(s.ID)}}}, rows...)
	}
	_, err = tx.Enqueue(aulabot.Message{Key: mentorSoonKey(s.ID), ChatID: s.Mentor, Inline: rows, NotAfter: s.Start,
		Text: m.Cat.T(lang, "slot.soon", "slot", i18n.HTML(m.SlotLine(lang, s)), "who", i18n.HTML(strings.Join(who, "\n")), "link", i18n.HTML(link))})
	return err
}

// soonNames is how many of those booked the reminder before a session
// names (a group of a hundred would not fit a message).
const soonNames = 15

// dueSlot reads the slot of a mentor's job j (JobSlotSoon,
// JobSlotAttendance), its active bookings and the language to write to
// its mentor in; false for a job of no live slot anyone holds a seat in.
func (m *Mentoring) dueSlot(tx MentoringTx, j aulabot.Job) (aulabot.Slot, []aulabot.Booking, string, bool, error) {
	id, err := strconv.ParseUint(j.Data["slot"], 10, 64)
	if err != nil {
		return aulabot.Slot{}, nil, "", false, nil // not a job this version wrote: nothing to do
	}
	s, ok, err := tx.Slot(id)
	if err != nil || !ok || s.Cancelled {
		return s, nil, "", false, err
	}
	bs, err := tx.SlotBookings(id)
	if err != nil {
		return s, nil, "", false, err
	}
	bs = slices.DeleteFunc(bs, func(b aulabot.Booking) bool { return b.Status != aulabot.BookingActive })
	if len(bs) == 0 {
		return s, nil, "", false, nil
	}
	u, known, err := tx.User(s.Mentor)
	if err != nil {
		return s, nil, "", false, err
	}
	lang := j.Data["lang"]
	if known || lang == "" {
		lang = u.Language(m.Config.Language)
	}
	return s, bs, lang, true, nil
}

// AttendanceDue is job JobSlotAttendance: the mentor of a slot still live
// where someone holds a seat is asked, in their language, to mark who
// came; a slot nobody booked, or cancelled, asks nothing.
func (m *Mentoring) AttendanceDue(tx MentoringTx, j aulabot.Job) error {
	s, _, lang, ok, err := m.dueSlot(tx, j)
	if err != nil || !ok {
		return err
	}
	_, err = tx.Enqueue(aulabot.Message{Key: attendanceKey(s.ID), ChatID: s.Mentor,
		Text:   m.Cat.T(lang, "slot.attendance_prompt", "slot", i18n.HTML(m.SlotLine(lang, s))),
		Inline: [][]aulabot.Button{{{Text: m.Cat.T(lang, "slot.button_attendance"), Data: m.Buttons.ViewSlot(s.ID)}}}})
	return err
}

// Own returns slot id if it is mentor's and live; otherwise the same
// "not found" whether it does not exist or is someone else's.
func (m *Mentoring) Own(tx MentoringTx, mentor int64, id uint64) (aulabot.Slot, error) {
	s, ok, err := tx.Slot(id)
	if err != nil {
		return s, err
	}
	if !ok || s.Cancelled || s.Mentor != mentor {
		return s, notYourSlot()
	}
	return s, nil
}

// Panel is one of the mentor's slots with its people: those holding a
// seat, then those waiting, each in booking order.
type Panel struct {
	Slot   aulabot.Slot
	People []aulabot.Booking
}

// Panel returns mentor's slot id with its people.
func (m *Mentoring) Panel(tx MentoringTx, mentor int64, id uint64) (Panel, error) {
	s, err := m.Own(tx, mentor, id)
	if err != nil {
		return Panel{}, err
	}
	p := Panel{Slot: s}
	bs, err := tx.SlotBookings(id)
	for _, status := range []string{aulabot.BookingActive, aulabot.BookingWaiting} {
		for _, b := range bs {
			if b.Status == status {
				p.People = append(p.People, b)
			}
		}
	}
	return p, err
}

// Agenda returns mentor's slots starting between from and to, each with
// the people holding a seat, in date order.
func (m *Mentoring) Agenda(tx MentoringTx, mentor int64, from, to time.Time) ([]Panel, error) {
	all, err := tx.MentorSlots(mentor, from, to)
	if err != nil {
		return nil, err
	}
	var out []Panel
	for _, s := range all {
		bs, err := tx.SlotBookings(s.ID)
		if err != nil {
			return nil, err
		}
		p := Panel{Slot: s}
		for _, b := range bs {
			if b.Status == aulabot.BookingActive {
				p.People = append(p.People, b)
			}
		}
		out = append(out, p)
	}
	return out, nil
}

// BookedAhead counts mentor's sessions from now on, within a year and a
// day (no slot is published further ahead), that hold someone's seat:
// what a deletion of the mentor's data leaves standing, without their
// name.
func (m *Mentoring) BookedAhead(tx MentoringTx, mentor int64, now time.Time) (int, error) {
	ps, err := m.Agenda(tx, mentor, now, now.AddDate(1, 0, 1))
	n := 0
	for _, p := range ps {
		if !p.Slot.Cancelled && len(p.People) > 0 {
			n++
		}
	}
	return n, err
}

// OnSlot starts flow (FlowSlotCancel, FlowSlotNote, FlowSlotMove, FlowSlotLink, FlowSlotCopy, FlowSlotTopic) for
// mentor's slot id.
func (m *Mentoring) OnSlot(tx MentoringTx, flow aulabot.Flow[OnSlot], mentor int64, id uint64) (aulabot.State, aulabot.Slot, error) {
	s, err := m.Own(tx, mentor, id)
	if err != nil {
		return aulabot.State{}, s, err
	}
	return flow.At(MentoringText, OnSlot{Slot: id}), s, nil
}

// FlowSlot is the slot a mentor's one-step flow state st is about.
func FlowSlot(flow aulabot.Flow[OnSlot], st aulabot.State) (uint64, error) {
	d, ok := flow.Data(st)
	if !ok || d.Slot == 0 {
		return 0, stale()
	}
	return d.Slot, nil
}

// CancelPlan is a slot's cancellation waiting for the mentor's word: the
// slot, the reason typed, and how many people (booked or waiting) will be
// told.
type CancelPlan struct {
	Slot   aulabot.Slot
	Reason string
	Told   int
}

// PlanCancel reads the reason typed for cancelling mentor's slot id and
// returns FlowSlotCancel waiting for the mentor to confirm it: nothing is
// cancelled and nobody is told yet, so that words typed for something else
// (a question, the link meant for those booked) are seen as the reason
// before they cancel the session and reach everyone (they did, seen in
// the sandbox). Errors: slot.err_reason_empty for no words (a photo
// alone), slot.err_topic for more than SlotMaxTopic characters,
// slot.err_started, Own's.
func (m *Mentoring) PlanCancel(tx MentoringTx, mentor int64, id uint64, text string) (aulabot.State, CancelPlan, error) {
	s, err := m.Own(tx, mentor, id)
	if err != nil {
		return aulabot.State{}, CancelPlan{}, err
	}
	reason := aulabot.CleanText(strings.TrimSpace(text))
	switch {
	case reason == "":
		return aulabot.State{}, CancelPlan{}, aulabot.Errorf(aulabot.EINVALID, "slot.err_reason_empty")
	case utf8.RuneCountInString(reason) > aulabot.SlotMaxTopic:
		return aulabot.State{}, CancelPlan{}, aulabot.Errorf(aulabot.EINVALID, "slot.err_topic", "max", aulabot.SlotMaxTopic)
	case !s.Start.After(tx.Now()):
		return aulabot.State{}, CancelPlan{}, aulabot.Errorf(aulabot.ECONFLICT, "slot.err_started")
	}
	told, err := toTell(tx, id)
	if err != nil {
		return aulabot.State{}, CancelPlan{}, err
	}
	return FlowSlotCancel.At(SlotCancelConfirm, OnSlot{Slot: id, Reason: reason}), CancelPlan{Slot: s, Reason: reason, Told: told}, nil
}

// PlannedCancel is the reason FlowSlotCancel st waits to cancel slot id
// with (PlanCancel). Anything else is a stale button.
func PlannedCancel(st aulabot.State, id uint64) (string, error) {
	return plannedWords(FlowSlotCancel, SlotCancelConfirm, st, id, func(d OnSlot) string { return d.Reason })
}

// plannedWords are the words (what of the state's OnSlot) that flow's
// confirm step, at step in state st, waits to act on for slot id with: a
// cancellation's reason, a message, a link. Anything else, or no words,
// is a stale button.
func plannedWords(flow aulabot.Flow[OnSlot], step string, st aulabot.State, id uint64, what func(OnSlot) string) (string, error) {
	d, ok := flow.Data(st)
	if !ok || st.Step != step || d.Slot != id || what(d) == "" {
		return "", stale()
	}
	return what(d), nil
}

// SlotCancelled is the result of CancelSlot: the slot and how many people
// (booked or waiting) were told.
type SlotCancelled struct {
	Slot aulabot.Slot
	Told int
}

// CancelSlot cancels mentor's slot id: everyone booked or waiting is told,
// with the reason and the calendar cancellation, and their reminders and
// the mentor's attendance prompt are dropped.
func (m *Mentoring) CancelSlot(tx MentoringTx, mentor int64, id uint64, reason string) (SlotCancelled, error) {
	s, told, err := tx.CancelSlot(id, mentor, reason)
	if err != nil {
		return SlotCancelled{}, err
	}
	if _, err := tx.CancelOutbox(slotPrefix(id)); err != nil {
		return SlotCancelled{}, err
	}
	for _, key := range []string{attendanceKey(id), mentorSoonKey(id)} {
		if _, err := tx.CancelJobs(key); err != nil {
			return SlotCancelled{}, err
		}
	}
	for _, b := range told {
		if _, err := tx.CancelOutbox(reminderPrefix(b.ID)); err != nil {
			return SlotCancelled{}, err
		}
		if b.User == 0 {
			continue // the person deleted their data
		}
		_, lang, err := m.person(tx, b.User)
		if err != nil {
			return SlotCancelled{}, err
		}
		key := "slot.cancelled_notice"
		if reason == "" {
			key = "slot.cancelled_notice_noreason"
		}
		// The cancellation .ics removes the event from calendars (those
		// that never had it, people waiting, ignore it).
		if _, err := tx.Enqueue(aulabot.Message{ChatID: b.User, Text: m.Cat.T(lang, key, "slot", i18n.HTML(m.SlotLine(lang, s)), "reason", reason),
			File:   m.icsFile(lang, b, s, tx.Now()),
			Inline: [][]aulabot.Button{{{Text: m.Cat.T(lang, "booking.button_book"), Data: m.Buttons.Book()}}}}); err != nil {
			return SlotCancelled{}, err
		}
	}
	return SlotCancelled{Slot: s, Told: len(told)}, nil
}

// SetCapacity changes the seats of mentor's group slot id to n; people
// promoted from the waitlist into new seats are told.
func (m *Mentoring) SetCapacity(tx Tx, mentor int64, id uint64, n int) (aulabot.Slot, error) {
	s, promoted, err := tx.SetCapacity(id, mentor, n, m.Config.Booking)
	if err != nil {
		return s, err
	}
	for _, p := range promoted {
		if err := m.promote(tx, p, s, ""); err != nil {
			return s, err
		}
	}
	return s, nil
}

// SlotMoved is the result of MoveSlot: the slot at its new time and how
// many people (booked or waiting) were told.
type SlotMoved struct {
	Slot aulabot.Slot
	Told int
}

// MovePlan is a slot's move waiting for the mentor's word: the slot, the
// new start, and how many people (booked or waiting) will be told.
type MovePlan struct {
	Slot aulabot.Slot
	To   time.Time
	Told int
}

// PlanMove reads the day and time typed for mentor's slot id
// (aulabot.TypedWhen, in the slot's university zone) and returns
// FlowSlotMove waiting for the mentor to confirm it: nothing moves and
// nobody is told yet, so that a day read from words ("el lunes") is seen
// before it reaches anyone. Errors: TypedWhen's, slot.err_move_usage for
// text without a day and a time; slot.err_past for a time that has
// passed; Own's. MoveSlot checks the rest.
func (m *Mentoring) PlanMove(tx MentoringTx, mentor int64, lang string, id uint64, text string) (aulabot.State, MovePlan, error) {
	s, err := m.Own(tx, mentor, id)
	if err != nil {
		return aulabot.State{}, MovePlan{}, err
	}
	to, err := m.typedStart(tx, s, text)
	if err != nil {
		return aulabot.State{}, MovePlan{}, err
	}
	if err := m.clash(tx, mentor, lang, to, s.Minutes, s.ID); err != nil {
		return aulabot.State{}, MovePlan{}, err // before the mentor confirms
	}
	told, err := toTell(tx, id)
	if err != nil {
		return aulabot.State{}, MovePlan{}, err
	}
	return FlowSlotMove.At(SlotMoveConfirm, OnSlot{Slot: id, To: &to}), MovePlan{Slot: s, To: to, Told: told}, nil
}

// PlanCopy reads the day and time typed for a copy of mentor's slot id
// (aulabot.TypedWhen, in the slot's university zone, as PlanMove) and
// returns FlowSlotCopy waiting for the mentor to confirm it, with the copy
// as it would be published (Start the time read, ID 0, nobody booked).
// A session that ended may be copied: the same session next week is the
// usual copy. Errors: TypedWhen's, slot.err_move_usage for text without a
// day and a time; slot.err_past for a time that has passed; an overlap
// with another of the mentor's slots, named; Own's.
func (m *Mentoring) PlanCopy(tx MentoringTx, mentor int64, lang string, id uint64, text string) (aulabot.State, aulabot.Slot, error) {
	s, err := m.Own(tx, mentor, id)
	if err != nil {
		return aulabot.State{}, s, err
	}
	to, err := m.typedStart(tx, s, text)
	if err != nil {
		return aulabot.State{}, s, err
	}
	if err := m.clash(tx, mentor, lang, to, s.Minutes, 0); err != nil {
		return aulabot.State{}, s, err // before the mentor confirms
	}
	return FlowSlotCopy.At(SlotCopyConfirm, OnSlot{Slot: id, To: &to}), copyOf(s, to), nil
}

// CopyPlanned is the copy of mentor's slot id that FlowSlotCopy st waits
// to publish (PlanCopy), as NewSlot, and the university it is published
// for (the slot's). Anything else is a stale button.
func (m *Mentoring) CopyPlanned(tx MentoringTx, st aulabot.State, mentor int64, id uint64) (aulabot.NewSlot, string, error) {
	d, ok := FlowSlotCopy.Data(st)
	if !ok || st.Step != SlotCopyConfirm || d.Slot != id || d.To == nil {
		return aulabot.NewSlot{}, "", stale()
	}
	s, err := m.Own(tx, mentor, id)
	if err != nil {
		return aulabot.NewSlot{}, "", err
	}
	c := copyOf(s, *d.To)
	return aulabot.NewSlot{Start: c.Start, Minutes: c.Minutes, Kind: c.Kind, Capacity: c.Capacity, Topic: c.Topic, Link: c.Link}, s.University, nil
}

// copyOf is slot s as a copy starting at start: its length, kind, seats,
// topic and link; no id, nobody booked, no note.
func copyOf(s aulabot.Slot, start time.Time) aulabot.Slot {
	return aulabot.Slot{University: s.University, Mentor: s.Mentor, MentorName: s.MentorName, Start: start, Minutes: s.Minutes,
		Kind: s.Kind, Capacity: s.Capacity, Topic: s.Topic, Link: s.Link}
}

// typedStart is the day and time text types for slot s to start at (a
// move's or a copy's), read in the slot's university zone: TypedWhen's
// errors, slot.err_move_usage for text without a day and a time, and
// slot.err_past for a time that has passed.
func (m *Mentoring) typedStart(tx MentoringTx, s aulabot.Slot, text string) (time.Time, error) {
	to, err := aulabot.TypedWhen(text, tx.Now(), m.Config.Loc(s.University), "slot.err_move_usage")
	if err == nil && !to.After(tx.Now()) {
		err = aulabot.Errorf(aulabot.EINVALID, "slot.err_past")
	}
	return to, err
}

// toTell is how many people (booked or waiting) a change of slot id
// reaches.
func toTell(tx MentoringTx, id uint64) (int, error) {
	bs, err := tx.SlotBookings(id)
	n := 0
	for _, b := range bs {
		if b.Status != aulabot.BookingCancelled {
			n++
		}
	}
	return n, err
}

// PlannedMove is the start FlowSlotMove st waits to move slot id to
// (PlanMove). Anything else is a stale button.
func PlannedMove(st aulabot.State, id uint64) (time.Time, error) {
	d, ok := FlowSlotMove.Data(st)
	if !ok || st.Step != SlotMoveConfirm || d.Slot != id || d.To == nil {
		return time.Time{}, stale()
	}
	return *d.To, nil
}

// MoveSlot moves mentor's slot id to start (PlanMove's, confirmed).
// Everyone booked gets the new time with an updated calendar file (same
// UID, next SEQUENCE) and their reminders move; people waiting are told;
// the reminder to mark attendance (in lang) moves.
func (m *Mentoring) MoveSlot(tx MentoringTx, mentor int64, lang string, id uint64, start time.Time) (SlotMoved, error) {
	s, live, err := tx.MoveSlot(id, mentor, start)
	if aulabot.ErrorKey(err) == "slot.err_overlap" {
		// A slot published since the move was planned: name it (the
		// store refused before changing anything; s is the slot read).
		if named := m.clash(tx, mentor, lang, start, s.Minutes, id); named != nil {
			return SlotMoved{}, named
		}
	}
	if err != nil {
		return SlotMoved{}, err
	}
	if err := m.promptAttendance(tx, lang, s); err != nil {
		return SlotMoved{}, err
	}
	for _, b := range live {
		if b.User == 0 {
			continue // the person deleted their data
		}
		if b.Status == aulabot.BookingActive {
			if err := m.confirm(tx, b, s, "booking.moved"); err != nil {
				return SlotMoved{}, err
			}
			continue
		}
		_, lang, err := m.person(tx, b.User)
		if err != nil {
			return SlotMoved{}, err
		}
		if _, err := tx.Enqueue(aulabot.Message{ChatID: b.User, Text: m.Cat.T(lang, "booking.moved_waiting", "slot", i18n.HTML(m.SlotLine(lang, s)))}); err != nil {
			return SlotMoved{}, err
		}
	}
	return SlotMoved{Slot: s, Told: len(live)}, nil
}

// SetNote keeps the mentor's private note on slot id.
func (m *Mentoring) SetNote(tx MentoringTx, mentor int64, id uint64, note string) error {
	_, err := tx.SetSlotNote(id, mentor, strings.TrimSpace(note))
	return err
}

// TopicChanged is the result of ChangeTopic: the slot with its new
// topic, the one it had, and how many people holding a seat were told.
type TopicChanged struct {
	Slot aulabot.Slot
	Old  string
	Told int
}

// ChangeTopic makes text the topic of mentor's slot id, before it begins
// (at now), and tells everyone holding a seat, with ✖️ to cancel if it no
// longer suits them; their reminders are queued again to carry it. The
// same topic again changes nothing and tells nobody. Errors: ECONFLICT
// slot.err_topic_started; the store's SetSlotTopic.
func (m *Mentoring) ChangeTopic(tx MentoringTx, mentor int64, id uint64, text string, now time.Time) (TopicChanged, error) {
	old, err := m.Own(tx, mentor, id)
	if err != nil {
		return TopicChanged{}, err
	}
	if !old.Start.After(now) {
		return TopicChanged{}, aulabot.Errorf(aulabot.ECONFLICT, "slot.err_topic_started")
	}
	s, err := tx.SetSlotTopic(id, mentor, text)
	if err != nil || s.Topic == old.Topic {
		return TopicChanged{Slot: s, Old: old.Topic}, err
	}
	res := TopicChanged{Slot: s, Old: old.Topic}
	res.Told, err = m.eachSeated(tx, id, func(b aulabot.Booking, lang string) error {
		was := old.Topic
		if was == "" {
			was = m.Cat.T(lang, "booking.topic_none")
		}
		msg := aulabot.Message{ChatID: b.User, Text: m.Cat.T(lang, "booking.topic_changed",
			"mentor", m.PersonName(lang, s.MentorName), "slot", i18n.HTML(m.SlotLine(lang, s)), "old", was),
			Inline: [][]aulabot.Button{{{Text: m.Cat.T(lang, "booking.button_cancel_booking"), Data: m.Buttons.CancelBooking(b.ID)}}}}
		if _, err := tx.Enqueue(msg); err != nil {
			return err
		}
		return m.scheduleReminders(tx, lang, b, s)
	})
	return res, err
}

// Marked is the result of MarkAttendance: the booking, and the person's
// count of sessions missed.
type Marked struct {
	Booking aulabot.Booking
	NoShows int64
}

// MarkAttendance records, after the start, whether the person of booking
// id came; those who came are asked (once) to rate the session, when it
// has ended: a mark during the session waits for its end (Emma was asked
// "How was the mentoring?" five minutes into an hour, seen in the
// sandbox), and a mark changed to "missed" before then takes the question
// back. A person who deleted their data is marked on the anonymous
// booking, and nobody is asked.
func (m *Mentoring) MarkAttendance(tx MentoringTx, by int64, id uint64, came bool) (Marked, error) {
	b, err := tx.MarkAttendance(id, by, came)
	if err != nil {
		return Marked{}, err
	}
	res := Marked{Booking: b}
	if b.User == 0 {
		return res, nil
	}
	if !came {
		res.NoShows = tx.NoShows(b.User)
		_, err := tx.CancelOutboxKey(ratePromptKey(b.ID)) // unsent: the session goes on
		return res, err
	}
	s, _, err := tx.Slot(b.Slot)
	if err != nil {
		return res, err
	}
	_, lang, err := m.person(tx, b.User)
	if err != nil {
		return res, err
	}
	p := m.ratePrompt(lang, b, s)
	p.Key, p.ChatID, p.NotBefore = ratePromptKey(b.ID), b.User, s.End()
	_, err = tx.Enqueue(p)
	return res, err
}

// ratePrompt asks the person of booking b, of session s, to rate it: the
// stars, and ✉️ under them (thanks or a question about the session reach
// the mentor for a week, SlotFollowUp). Rated already, it says what they
// gave: the stars rate it again.
func (m *Mentoring) ratePrompt(lang string, b aulabot.Booking, s aulabot.Slot) aulabot.Message {
	slot := i18n.HTML(m.SlotLine(lang, s))
	text := m.Cat.T(lang, "booking.rate_prompt", "slot", slot)
	if b.Rating != 0 {
		text = m.Cat.T(lang, "booking.rerate_ask", "slot", slot, "stars", b.Rating)
	}
	row := starRow(func(stars int) string { return m.Buttons.Rate(b.ID, stars) })
	return aulabot.Message{Text: text, Inline: [][]aulabot.Button{row, m.WriteRow(lang, b.ID, s.MentorName)}}
}

// RerateAsk is the rating prompt of booking id again, for by, who rated
// its session (or may: the prompt as it came): what they gave, the stars
// (each rates it again) and ✉️. Errors: those of RatableBooking.
func (m *Mentoring) RerateAsk(tx MentoringTx, by int64, id uint64, lang string) (aulabot.Message, error) {
	b, err := tx.RatableBooking(id, by)
	if err != nil {
		return aulabot.Message{}, err
	}
	s, _, err := tx.Slot(b.Slot)
	return m.ratePrompt(lang, b, s), err
}

// Rate records by's rating of booking id and returns the state that waits
// for an optional comment, and the session's mentor's name (for ✉️ Write
// to NAME, WriteRow).
func (m *Mentoring) Rate(tx MentoringTx, by int64, id uint64, stars int) (aulabot.State, string, error) {
	b, err := tx.RateBooking(id, by, stars, "")
	if err != nil {
		return aulabot.State{}, "", err
	}
	s, _, err := tx.Slot(b.Slot)
	return FlowRate.At(MentoringText, Rating{Booking: id, Stars: stars}), s.MentorName, err
}

// Comment keeps the comment by typed after rating (FlowRate state st).
func (m *Mentoring) Comment(tx MentoringTx, st aulabot.State, by int64, text string) error {
	d, ok := FlowRate.Data(st)
	if !ok || d.Booking == 0 {
		return stale()
	}
	_, err := tx.RateBooking(d.Booking, by, d.Stars, strings.TrimSpace(text))
	return err
}

// Draft is what FlowNewSlot state st collected.
func (m *Mentoring) Draft(st aulabot.State) (SlotDraft, error) {
	d, ok := FlowNewSlot.Data(st)
	if !ok {
		return d, stale()
	}
	return d, nil
}

// DraftSlot builds the slot draft d describes at university uni, checked
// as /newslot checks it.
func (m *Mentoring) DraftSlot(uni string, d SlotDraft, now time.Time) (aulabot.NewSlot, error) {
	y, mo, day, err := aulabot.ParseDate(d.Date)
	if err != nil {
		return aulabot.NewSlot{}, err
	}
	clock, err := aulabot.ParseClock(d.Time)
	if err != nil {
		return aulabot.NewSlot{}, err
	}
	start, err := aulabot.LocalTime(y, mo, day, clock, m.Config.Loc(uni))
	if err != nil {
		return aulabot.NewSlot{}, err
	}
	if !start.After(now) {
		return aulabot.NewSlot{}, aulabot.Errorf(aulabot.EINVALID, "slot.err_past")
	}
	n := aulabot.NewSlot{Start: start, Minutes: d.Minutes, Kind: d.Kind, Capacity: d.Capacity, Topic: d.Topic, Link: d.Link}
	return n, n.Validate()
}
