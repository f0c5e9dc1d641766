package report

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
	"github.com/aulabot/aulabot/store"
)

// ticket opens a ticket of uni by requester in category at when.
func (e *env) ticket(uni string, requester int64, category string, when time.Time) string {
	e.t.Helper()
	var id string
	e.do(when, func(tx *store.Tx) error {
		t, err := tx.CreateTicket(aulabot.Ticket{University: uni, Requester: requester, RequesterRole: aulabot.RoleTeacher,
			Category: category, Description: "no puedo entrar"}, 0)
		id = t.ID
		return err
	})
	return id
}

func (e *env) claim(id string, by int64, name string, when time.Time) {
	e.t.Helper()
	e.do(when, func(tx *store.Tx) error { _, err := tx.ClaimTicket(id, by, name); return err })
}

func (e *env) resolve(id string, by int64, name string, when time.Time) {
	e.t.Helper()
	e.do(when, func(tx *store.Tx) error { _, err := tx.ResolveTicket(id, by, name); return err })
}

func (e *env) reply(id string, by int64, when time.Time) {
	e.t.Helper()
	e.do(when, func(tx *store.Tx) error {
		_, _, err := tx.AddTicketMessage(id, aulabot.TicketMessage{From: by, FromName: "Ana", Team: true, Text: "ya lo vemos"})
		return err
	})
}

// helpdeskData stores the tickets of TestReport_Helpdesk (business hours
// Monday to Friday 08:00-18:00 in Lima; claim reminder 30m, escalation
// 2h; the period is 2-16 March). Tickets are opened in the order of
// their numbers, as in life; what happens to them follows.
func helpdeskData(e *env) {
	t1 := e.ticket("unma", 201, aulabot.CategoryLMS, at(time.February, 27, 17, 30))
	t2 := e.ticket("unma", 202, aulabot.CategoryVideo, at(time.March, 3, 10, 0))
	t3 := e.ticket("unma", 203, aulabot.CategoryUpload, at(time.March, 6, 19, 0))
	e.ticket("unma", 204, aulabot.CategoryLMS, at(time.March, 9, 9, 0))
	e.ticket("unvs", 301, aulabot.CategoryLMS, at(time.March, 10, 10, 0)) // another university's
	t5 := e.ticket("unma", 205, aulabot.CategoryOther, at(time.March, 11, 10, 0))
	t6 := e.ticket("unma", 206, aulabot.CategoryContent, at(time.March, 12, 10, 0))
	e.ticket("unma", 207, aulabot.CategoryLMS, at(time.March, 13, 17, 15))
	e.ticket("unma", 208, aulabot.CategoryLMS, at(time.March, 16, 0, 0)) // after the period

	// UNMA-1, opened on Friday 27 February at 17:30 (the previous
	// period), claimed on Monday at 08:15 (45m of business time: past
	// the reminder, which fell at 18:00 on Friday, within the
	// escalation, which fell at 09:30 on Monday), answered at 09:00
	// (1h30m), resolved at 11:00 (3h30m), rated 5.
	e.claim(t1, 3001, "Ana", at(time.March, 2, 8, 15))
	e.reply(t1, 3001, at(time.March, 2, 9, 0))
	e.resolve(t1, 3001, "Ana", at(time.March, 2, 11, 0))
	e.do(at(time.March, 3, 10, 0), func(tx *store.Tx) error { _, err := tx.RateTicket(t1, 201, 5); return err })

	// UNMA-2, opened on Tuesday 3 March at 10:00, claimed at 20:00
	// (after hours: 8h), answered on Wednesday at 08:30 (8h30m),
	// resolved at 09:00 (9h), rated 2, reopened on Thursday, claimed
	// and resolved again, not rated again.
	e.claim(t2, 3001, "Ana", at(time.March, 3, 20, 0))
	e.reply(t2, 3001, at(time.March, 4, 8, 30))
	e.resolve(t2, 3001, "Ana", at(time.March, 4, 9, 0))
	e.do(at(time.March, 4, 10, 0), func(tx *store.Tx) error { _, err := tx.RateTicket(t2, 202, 2); return err })
	e.do(at(time.March, 5, 9, 0), func(tx *store.Tx) error { _, err := tx.ReopenTicket(t2, 202); return err })
	e.claim(t2, 3002, "Beto", at(time.March, 5, 10, 0))
	e.resolve(t2, 3002, "Beto", at(time.March, 5, 11, 0))

	// UNMA-3, opened on Friday 6 March at 19:00 (after hours) and
	// resolved straight away on Monday at 08:30: claimed and resolved
	// in 30m, within both levels (the reminder fell at 08:30 exactly).
	e.resolve(t3, 3002, "Beto", at(time.March, 9, 8, 30))

	// UNMA-4, opened on Monday 9 March at 09:00, is never claimed: 49h
	// of business time by the end of the period, breached.

	// UNMA-5 is closed by its requester 10 minutes after opening it.
	e.do(at(time.March, 11, 10, 10), func(tx *store.Tx) error { _, err := tx.CloseTicket(t5, 205, ""); return err })

	// UNMA-6 is claimed in 20 minutes and still being worked.
	e.claim(t6, 3001, "Ana", at(time.March, 12, 10, 20))

	// UNMA-7, opened on Friday 13 March at 17:15, has waited 45m by
	// the end: at risk; its escalation falls on Monday 16 March, after
	// the period.
}

// strip removes the samples the durations were computed from.
func strip(h Helpdesk) Helpdesk {
	for _, d := range []*Durations{&h.ToClaim, &h.ToReply, &h.ToResolve} {
		d.samples = nil
	}
	return h
}

func minutes(m float64) time.Duration { return time.Duration(m * float64(time.Minute)) }

// Each helpdesk figure, with business time in Lima: Friday-evening
// tickets, claims after hours, a resolution without a claim, a reopen, a
// self-close, open tickets at risk and breached.
func TestReport_Helpdesk(t *testing.T) {
	e := newEnv(t)
	helpdeskData(e)
	e.now = at(time.March, 20, 9, 0)
	r := e.mustBuild("unma", march2, march16, coordUNMA)
	want := Helpdesk{
		Opened:     6,
		Categories: map[string]int{"video": 1, "upload": 1, "lms": 2, "other": 1, "content": 1},
		Claimed:    4, Resolved: 3, Reopened: 1,
		// Claims: 20m, 30m, 45m, 8h.
		ToClaim: Durations{N: 4, Median: minutes(37.5), P90: minutes(45 + 0.7*435)},
		// Replies: 1h30m, 8h30m.
		ToReply: Durations{N: 2, Median: 5 * time.Hour, P90: minutes(90 + 0.9*420)},
		// Resolutions: 30m, 3h30m, 9h.
		ToResolve: Durations{N: 3, Median: minutes(210), P90: minutes(210 + 0.8*330)},
		Levels: [2]Level{
			{Limit: 30 * time.Minute, Within: 2, Outside: 3}, // UNMA-3, 6 within; 2, 4, 7 outside
			{Limit: 2 * time.Hour, Within: 3, Outside: 2},    // UNMA-1, 3, 6 within; 2, 4 outside
		},
		Ratings:   Ratings{Counts: [5]int{0, 0, 0, 0, 1}, Asked: 3},
		OpenAtEnd: 3, AtRisk: 1, Breached: 1,
	}
	if got := strip(r.Current.Helpdesk); !reflect.DeepEqual(got, want) {
		t.Errorf("helpdesk =\n%+v, want\n%+v", got, want)
	}
	wantPrev := Helpdesk{
		Opened: 1, Categories: map[string]int{"lms": 1},
		Levels: [2]Level{{Limit: 30 * time.Minute, Outside: 1}, {Limit: 2 * time.Hour}},
		// 30m of business time on Friday evening by midnight on Sunday.
		OpenAtEnd: 1, AtRisk: 1,
	}
	if got := strip(r.Previous.Helpdesk); !reflect.DeepEqual(got, wantPrev) {
		t.Errorf("previous helpdesk =\n%+v, want\n%+v", got, wantPrev)
	}

	rows := map[string]TicketRow{}
	for _, row := range r.Tickets {
		rows[row.ID] = row
	}
	if len(r.Tickets) != 7 || len(rows) != 7 {
		t.Fatalf("%d ticket rows, want UNMA-1 to 7", len(r.Tickets))
	}
	if got := rows["UNMA-2"]; got.State != aulabot.TicketResolved || got.ToClaim != 8*time.Hour || got.ToReply != minutes(510) ||
		got.ToResolve != 9*time.Hour || got.Reopened != 1 || got.Rating != 0 || got.Owner != "Beto" ||
		!got.Claimed.Equal(at(time.March, 3, 20, 0)) {
		t.Errorf("UNMA-2 row = %+v", got)
	}
	if got := rows["UNMA-1"]; got.State != aulabot.TicketClosed || got.Rating != 5 || got.ToReply != 90*time.Minute {
		t.Errorf("UNMA-1 row = %+v", got)
	}
	for id, risk := range map[string]string{"UNMA-4": RiskBreached, "UNMA-7": RiskAtRisk, "UNMA-6": ""} {
		if got := rows[id]; got.Risk != risk || got.ToClaim < 0 != (id != "UNMA-6") {
			t.Errorf("%s row = %+v, want risk %q", id, got, risk)
		}
	}

	// Week 1 (2-8 March): UNMA-2 and 3 opened, both resolved now;
	// UNMA-1 and 2 first resolved. Week 2: UNMA-4 and 7 open, 6
	// claimed, 5 closed; UNMA-3 first resolved.
	if got := r.Weeks[0].Tickets; got != [4]int{0, 0, 2, 0} {
		t.Errorf("week 1 tickets by state = %v", got)
	}
	if got := r.Weeks[1].Tickets; got != [4]int{2, 1, 0, 1} {
		t.Errorf("week 2 tickets by state = %v", got)
	}
	if w := r.Weeks[0].Resolution; w.N != 2 || w.Median != minutes((210+540)/2) {
		t.Errorf("week 1 resolution = %+v", w)
	}
	if w := r.Weeks[1].Resolution; w.N != 1 || w.Median != 30*time.Minute || w.P90 != 30*time.Minute {
		t.Errorf("week 2 resolution = %+v", w)
	}
	if p := r.Current.People; p.Reported != 6 {
		t.Errorf("people who reported = %d, want 6", p.Reported)
	}
}

// A report built while the period runs counts what happened until then:
// a ticket claimed later is still open at the report's time.
func TestReport_HelpdeskUntilNow(t *testing.T) {
	e := newEnv(t)
	helpdeskData(e)
	e.now = at(time.March, 12, 10, 10) // before UNMA-6's claim
	r := e.mustBuild("unma", march2, march16, coordUNMA)
	h := r.Current.Helpdesk
	if h.Opened != 5 || h.Claimed != 3 || h.OpenAtEnd != 2 {
		t.Errorf("opened %d, claimed %d, open %d; want 5, 3, 2 (UNMA-4 and 6)", h.Opened, h.Claimed, h.OpenAtEnd)
	}
	// UNMA-4 has waited 3 days and 1h10m of business time; UNMA-6
	// 10 minutes.
	if h.Breached != 1 || h.AtRisk != 0 {
		t.Errorf("breached %d, at risk %d; want 1, 0", h.Breached, h.AtRisk)
	}
}

// A university in another zone counts business time in its own hours: a
// ticket opened at 17:30 on Friday in Madrid and claimed at 08:15 on
// Monday in Madrid waited 45 minutes (in Lima's hours it would be
// 10h45m: 11:30 to 18:00 on Friday and 02:15 on Monday is before 08:00).
func TestReport_HelpdeskZone(t *testing.T) {
	e := newEnv(t)
	id := e.ticket("unvs", 301, aulabot.CategoryLMS, time.Date(2026, 3, 6, 17, 30, 0, 0, madrid))
	e.claim(id, 3101, "Carmen", time.Date(2026, 3, 9, 8, 15, 0, 0, madrid))
	e.now = at(time.March, 20, 9, 0)
	r := e.mustBuild("unvs", march2, march16, coordUNVS)
	if d := r.Current.Helpdesk.ToClaim; d.N != 1 || d.Median != 45*time.Minute {
		t.Errorf("time to claim = %+v, want 45m", d)
	}
}

// A ticket its requester resolved with "✅ That solved it" under an
// answer of the team counts in the period of that press (and as resolved);
// one resolved so in the previous period counts there, one closed
// otherwise nowhere. The press is no claim: a ticket nobody claimed that
// its requester resolved so is neither claimed nor outside the claim
// level, as one they closed.
func TestReport_Solved(t *testing.T) {
	e := newEnv(t)
	before := e.ticket("unma", 201, aulabot.CategoryUpload, at(time.February, 24, 10, 0))
	solved := e.ticket("unma", 202, aulabot.CategoryUpload, at(time.March, 3, 10, 0))
	closed := e.ticket("unma", 203, aulabot.CategoryUpload, at(time.March, 4, 10, 0))
	unclaimed := e.ticket("unma", 204, aulabot.CategoryUpload, at(time.March, 5, 10, 0))
	solve := func(id string, by int64, when time.Time) {
		e.do(when, func(tx *store.Tx) error { _, err := tx.ResolveByRequester(id, by); return err })
	}
	e.claim(before, 3001, "Ana", at(time.February, 24, 10, 30))
	solve(before, 201, at(time.February, 24, 12, 0))
	e.claim(solved, 3001, "Ana", at(time.March, 3, 10, 20))
	solve(solved, 202, at(time.March, 3, 12, 0))
	e.do(at(time.March, 4, 12, 0), func(tx *store.Tx) error { _, err := tx.CloseTicket(closed, 203, ""); return err })
	solve(unclaimed, 204, at(time.March, 5, 10, 10))
	e.now = at(time.March, 20, 9, 0)
	r := e.mustBuild("unma", march2, march16, coordUNMA)
	h := r.Current.Helpdesk
	if h.Solved != 2 || r.Previous.Helpdesk.Solved != 1 {
		t.Errorf("solved by an answer: %d, the previous period %d; want 2 and 1", h.Solved, r.Previous.Helpdesk.Solved)
	}
	// Claimed within the reminder: UNMA-2; outside: UNMA-3, closed after
	// it unclaimed; none for UNMA-4, resolved by its requester before it.
	if h.Claimed != 1 || h.Resolved != 2 || h.Levels[0].Within != 1 || h.Levels[0].Outside != 1 {
		t.Errorf("claimed %d, resolved %d, within the reminder %d, outside %d; want 1, 2, 1, 1", h.Claimed, h.Resolved, h.Levels[0].Within, h.Levels[0].Outside)
	}
}

// A median business time to resolution of "0 min" while tickets were
// resolved (opened and resolved on a weekend) says why under it, in the
// summary and in the team's digest; a week whose median counts business
// time does not.
func TestReport_ResolvedOutsideHours(t *testing.T) {
	e := newEnv(t)
	for _, requester := range []int64{201, 202, 203} {
		id := e.ticket("unma", requester, aulabot.CategoryLMS, at(time.March, 7, 10, 0)) // Saturday
		e.resolve(id, 3001, "Ana", at(time.March, 7, 11, 0))
	}
	id := e.ticket("unma", 204, aulabot.CategoryLMS, at(time.March, 10, 9, 0))
	e.resolve(id, 3001, "Ana", at(time.March, 10, 12, 0)) // 3 h, the median's other side
	e.now = at(time.March, 20, 11, 0)
	r := e.mustBuild("unma", march2, march16, coordUNMA)
	cat := i18n.Builtin()
	for lang, want := range map[string]string{"en": "Median time to resolution (business hours): <b>0 min</b>", "es": "Mediana hasta resolver (horario hábil): <b>0 min</b>"} {
		got := Summary(r, cat, lang)
		if !strings.Contains(got, want) || !strings.Contains(got, cat.T(lang, "report.resolved_outside_hours")) {
			t.Errorf("%s summary:\n%s", lang, got)
		}
		if got := TeamDigest(r, nil, e.now, cat, lang); !strings.Contains(got, cat.T(lang, "report.resolved_outside_hours")) {
			t.Errorf("%s team digest:\n%s", lang, got)
		}
	}

	e = newEnv(t)
	helpdeskData(e)
	e.now = at(time.March, 20, 11, 0)
	r = e.mustBuild("unma", march2, march16, coordUNMA)
	if got := Summary(r, cat, "en"); strings.Contains(got, "⏱") || !strings.Contains(got, "Median time to resolution (business hours): <b>3 h 30 min</b>") {
		t.Errorf("a week with business time:\n%s", got)
	}
}
