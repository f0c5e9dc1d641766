package handlers_test

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/handlers/htest"
	"github.com/aulabot/aulabot/i18n"
	"github.com/aulabot/aulabot/store"
)

// The authorisation table: every role × every privileged command and
// every button kind (with ids of the actor's own, of other people, of
// another university, malformed and oversized) × every place (private
// chat, the team groups of both universities, a group nobody
// configured). Each case is allowed or refused; a refused case changes
// nothing in the store (every key of the database compared before and
// after, but the update marker) and answers with a clear refusal in the
// actor's language (in a group nobody configured: silence, once the bot
// has said goodbye).
//
// A new command, button or flow is added here: a row in authzActions,
// with who may do it where.

// actor is a role of the table.
type actor struct {
	name string
	p    aulabot.Person
	uni  string // the university of an onboarded person, "" for someone who never did /start
	role string // teacher or student, when onboarded
}

var (
	nobody   = actor{"unknown", htest.Person(9999, "es"), "", ""}
	aStudent = actor{"student", htest.Person(7001, "es"), "unma", aulabot.RoleStudent}
	aTeacher = actor{"teacher", htest.Person(7002, "en"), "unma", aulabot.RoleTeacher}
	mentorA  = actor{"mentor of A", htest.Person(4001, "es"), "", ""}
	mentorB  = actor{"mentor of B", htest.Person(4101, "en"), "", ""}
	techA    = actor{"tech of A", htest.Person(3001, "en"), "", ""}
	techB    = actor{"tech of B", htest.Person(3101, "es"), "", ""}
	coordA   = actor{"coordinator of A", htest.Person(5001, "es"), "", ""}
	anAdmin  = actor{"admin", htest.Person(1001, "en"), "", ""}
	actors   = []actor{nobody, aStudent, aTeacher, mentorA, mentorB, techA, techB, coordA, anAdmin}

	// Third parties: the "other person" of each university.
	otherA = aulabot.User{ID: 7003, Name: "Other A", University: "unma", Role: aulabot.RoleTeacher, Lang: "en"}
	otherB = aulabot.User{ID: 7103, Name: "Other B", University: "unvs", Role: aulabot.RoleTeacher, Lang: "en"}
)

// place is where an update comes from.
type place struct {
	name string
	chat int64 // 0: the actor's private chat
	uni  string
}

var places = []place{{"private", 0, ""}, {"team group A", -2001, "unma"}, {"team group B", -2002, "unvs"}, {"strange group", strangeGroup, ""}}

// variant is whose the id in a command or a button is.
type variant string

const (
	own       variant = "own"       // the actor's (their booking, slot, ticket, question), or their university's
	other     variant = "other"     // someone else's, of university A
	foreign   variant = "foreign"   // of university B
	malformed variant = "malformed" // not an id
	oversized variant = "oversized" // longer than any id (and than Telegram's 64 bytes of data)
	plain     variant = "-"         // the action takes no id
)

// authzAction is one row: the update to send for a variant, and whether
// the actor may do it there. ok false means the variant does not apply to
// this actor (they cannot own one).
type authzAction struct {
	name     string
	button   bool
	variants []variant
	build    func(f *fixtures, a actor, v variant) (string, bool)
	allow    func(a actor, v variant, pl place) bool
}

var allVariants = []variant{own, other, foreign, malformed, oversized}

// teamVariants are those of a team's ticket action: a ticket of
// university A (other) or B (foreign); whose it is depends on the actor.
var teamVariants = []variant{other, foreign, malformed, oversized}

func roles(a actor) aulabot.Roles { return config.Demo().Roles(a.p.ID) }

func isMentor(a actor) bool { return len(roles(a).Mentor) > 0 }

// team reports whether a works uni's tickets: its technical team, its
// coordinators and the admins.
func team(a actor, uni string) bool {
	r := roles(a)
	return r.IsTech(uni) || r.IsCoordinator(uni)
}

func anyTeam(a actor) bool { return team(a, "unma") || team(a, "unvs") }

func private(pl place) bool { return pl.chat == 0 }

// uniOf is the university an id of variant v belongs to, for an actor.
func uniOf(v variant) string {
	if v == foreign {
		return "unvs"
	}
	return "unma"
}

// teamWork: a team action on a ticket of university uni: privately by
// that university's team, or in its own team group by the same.
func teamWork(a actor, uni string, pl place) bool {
	return team(a, uni) && (private(pl) || pl.uni == uni)
}

func onboarded(a actor) bool { return a.uni != "" }

// firstTyped is whether a may type a command for people who finished
// /start: after it, or as a member of staff the configuration names, who
// is greeted first (presses are refused until then).
func firstTyped(a actor) bool { return onboarded(a) || roles(a).Staff() }

// statusUni is the university whose LMS /status tells a about: their
// own, or the first a staff member works for.
func statusUni(a actor) string {
	r := roles(a)
	for _, l := range [][]string{{a.uni}, r.Coordinator, r.Tech, r.Mentor} {
		if len(l) > 0 && l[0] != "" {
			return l[0]
		}
	}
	return ""
}

func bookingData(f *fixtures, prefix string, a actor, v variant) (string, bool) {
	switch v {
	case own:
		if !onboarded(a) {
			return "", false
		}
		return fmt.Sprintf("%s%d", prefix, f.booking(a.p.ID, a.uni, f.slot(4001))), true
	case other:
		return fmt.Sprintf("%s%d", prefix, f.booking(otherA.ID, "unma", f.slot(4001))), true
	case foreign:
		return fmt.Sprintf("%s%d", prefix, f.booking(otherB.ID, "unvs", f.slot(4101))), true
	}
	return idless(prefix, v), true
}

// slotData names a slot: own is the actor's (a mentor's) or, for a
// booker, one of their university.
func slotData(f *fixtures, prefix string, a actor, v variant, suffix string) (string, bool) {
	switch v {
	case own:
		switch {
		case isMentor(a):
			return fmt.Sprintf("%s%d%s", prefix, f.slot(a.p.ID), suffix), true
		case onboarded(a):
			return fmt.Sprintf("%s%d%s", prefix, f.slot(4001), suffix), true
		}
		return "", false
	case other:
		return fmt.Sprintf("%s%d%s", prefix, f.slot(4002), suffix), true
	case foreign:
		if a == mentorB {
			return fmt.Sprintf("%s%d%s", prefix, f.slot(4001), suffix), true
		}
		return fmt.Sprintf("%s%d%s", prefix, f.slot(4101), suffix), true
	}
	return idless(prefix, v) + suffix, true
}

// slotBookingData names a booking in a slot: own is a booking in the
// actor's own slot.
func slotBookingData(f *fixtures, prefix string, a actor, v variant, suffix string) (string, bool) {
	mentor := map[variant]int64{own: a.p.ID, other: 4002, foreign: 4101}[v]
	if a == mentorB && v == foreign {
		mentor = 4001
	}
	if v == own && !isMentor(a) {
		return "", false
	}
	switch v {
	case own, other, foreign:
		uni := "unma"
		if mentor == 4101 {
			uni = "unvs"
		}
		booker := otherA
		if uni == "unvs" {
			booker = otherB
		}
		return fmt.Sprintf("%s%d%s", prefix, f.booking(booker.ID, uni, f.slot(mentor)), suffix), true
	}
	return idless(prefix, v) + suffix, true
}

func ticketData(f *fixtures, prefix string, v variant, suffix string) (string, bool) {
	switch v {
	case other:
		return prefix + f.ticket(otherA.ID, "unma") + suffix, true
	case foreign:
		return prefix + f.ticket(otherB.ID, "unvs") + suffix, true
	case malformed:
		return prefix + "UNMA-xyz" + suffix, true
	}
	return prefix + "UNMA-" + strings.Repeat("9", 70) + suffix, true
}

// requesterTicketData: own is the actor's own ticket.
func requesterTicketData(f *fixtures, prefix string, a actor, v variant) (string, bool) {
	if v == own {
		if !onboarded(a) {
			return "", false
		}
		return prefix + f.ticket(a.p.ID, a.uni), true
	}
	return ticketData(f, prefix, v, "")
}

// gapData is a gap button's data: on a question of university A (other)
// or B (foreign) that got no answer.
func gapData(prefix string) func(*fixtures, actor, variant) (string, bool) {
	return func(f *fixtures, a actor, v variant) (string, bool) {
		switch v {
		case other:
			return fmt.Sprintf("%s%d", prefix, f.questionIn(otherA.ID, "unma")), true
		case foreign:
			return fmt.Sprintf("%s%d", prefix, f.questionIn(otherB.ID, "unvs")), true
		}
		return idless(prefix, v), true
	}
}

// draftData is a button on a gap whose words were sent with ✍️ and kept
// as a draft (added: and added to the base), in unma (other) or unvs
// (foreign); ➕'s ("gp:wa:") carries the draft's version.
func draftData(prefix string, added bool) func(*fixtures, actor, variant) (string, bool) {
	return func(f *fixtures, a actor, v variant) (string, bool) {
		uni := map[variant]string{other: "unma", foreign: "unvs"}[v]
		if uni == "" {
			return idless(prefix, v), true
		}
		q := f.draftIn(uni, added)
		if prefix == "gp:wa:" {
			return fmt.Sprintf("%s%d:1", prefix, q), true
		}
		return fmt.Sprintf("%s%d", prefix, q), true
	}
}

// gapMay reports whether a may press a gap button of variant v: a
// coordinator of the question's university (or an admin), privately.
func gapMay(a actor, v variant, pl place) bool {
	uni := map[variant]string{other: "unma", foreign: "unvs"}[v]
	return private(pl) && uni != "" && roles(a).IsCoordinator(uni)
}

// queueMay reports whether a may list the queue at pl: privately anyone
// on a team, in a team group its team.
func queueMay(a actor, v variant, pl place) bool {
	if private(pl) {
		return anyTeam(a)
	}
	return pl.uni != "" && team(a, pl.uni)
}

func idless(prefix string, v variant) string {
	if v == malformed {
		return prefix + "abc"
	}
	return prefix + strings.Repeat("9", 70)
}

func cmd(text string) func(*fixtures, actor, variant) (string, bool) {
	return func(*fixtures, actor, variant) (string, bool) { return text, true }
}

var authzActions = []authzAction{
	// Mentors' commands and buttons: only in a private chat, only their own slots.
	{"/newslot", false, []variant{plain}, func(f *fixtures, a actor, v variant) (string, bool) {
		return "/newslot " + f.e.Now().AddDate(0, 0, 200).Format("2006-01-02") + " 10:00 60 personal", true
	}, func(a actor, v variant, pl place) bool { return private(pl) && isMentor(a) }},
	{"/weekly", false, []variant{plain}, func(f *fixtures, a actor, v variant) (string, bool) {
		return "/weekly sat 07:00-08:00 30 " + f.e.Now().AddDate(0, 0, 14).Format("2006-01-02"), true
	}, func(a actor, v variant, pl place) bool { return private(pl) && isMentor(a) }},
	{"/slots", false, []variant{plain}, cmd("/slots"), func(a actor, v variant, pl place) bool { return private(pl) && isMentor(a) }},
	{"/today", false, []variant{plain}, cmd("/today"), func(a actor, v variant, pl place) bool { return private(pl) && isMentor(a) }},
	{"ag", true, []variant{plain, malformed}, func(f *fixtures, a actor, v variant) (string, bool) {
		if v == malformed {
			return "ag:x:-1", true
		}
		return "ag:s:1", true
	}, func(a actor, v variant, pl place) bool { return private(pl) && isMentor(a) && v == plain }},
	{"ag:p", true, []variant{plain}, cmd("ag:p:0"), func(a actor, v variant, pl place) bool { return private(pl) && isMentor(a) }},
	{"ns:ok without the flow", true, []variant{plain}, cmd("ns:ok"), func(actor, variant, place) bool { return false }},
	{"ns:rep without the flow", true, []variant{plain}, cmd("ns:rep"), func(actor, variant, place) bool { return false }},
	{"ns:w without the flow", true, []variant{plain}, cmd("ns:w:4"), func(actor, variant, place) bool { return false }},
	{"ns:once without the flow", true, []variant{plain}, cmd("ns:once"), func(actor, variant, place) bool { return false }},
	{"sl:v", true, allVariants, func(f *fixtures, a actor, v variant) (string, bool) { return slotData(f, "sl:v:", a, v, "") },
		func(a actor, v variant, pl place) bool { return private(pl) && isMentor(a) && v == own }},
	{"sl:v page", true, allVariants, func(f *fixtures, a actor, v variant) (string, bool) { return slotData(f, "sl:p:", a, v, ":3") },
		func(a actor, v variant, pl place) bool { return private(pl) && isMentor(a) && v == own }},
	{"sl:x", true, allVariants, func(f *fixtures, a actor, v variant) (string, bool) { return slotData(f, "sl:x:", a, v, "") },
		func(a actor, v variant, pl place) bool { return private(pl) && isMentor(a) && v == own }},
	{"sl:X", true, allVariants, func(f *fixtures, a actor, v variant) (string, bool) { return slotData(f, "sl:X:", a, v, "") },
		func(a actor, v variant, pl place) bool { return private(pl) && isMentor(a) && v == own }},
	// Yes, cancel it cancels only with a reason its presser typed for that
	// slot: forged, with no cancellation waiting, it cancels nothing.
	{"sl:xy", true, allVariants, func(f *fixtures, a actor, v variant) (string, bool) { return slotData(f, "sl:xy:", a, v, "") },
		func(a actor, v variant, pl place) bool { return false }},
	// Yes, it's this session's sends only a link its presser pasted for
	// that slot; No sends nothing, for any mentor.
	{"sl:ly", true, allVariants, func(f *fixtures, a actor, v variant) (string, bool) { return slotData(f, "sl:ly:", a, v, "") },
		func(a actor, v variant, pl place) bool { return false }},
	{"sl:ln", true, allVariants, func(f *fixtures, a actor, v variant) (string, bool) { return slotData(f, "sl:ln:", a, v, "") },
		func(a actor, v variant, pl place) bool {
			return private(pl) && isMentor(a) && v != malformed && v != oversized
		}},
	// Yes, send it sends only a message its presser typed for that slot;
	// No sends nothing, for any mentor.
	{"sl:wy", true, allVariants, func(f *fixtures, a actor, v variant) (string, bool) { return slotData(f, "sl:wy:", a, v, "") },
		func(a actor, v variant, pl place) bool { return false }},
	{"sl:wn", true, allVariants, func(f *fixtures, a actor, v variant) (string, bool) { return slotData(f, "sl:wn:", a, v, "") },
		func(a actor, v variant, pl place) bool {
			return private(pl) && isMentor(a) && v != malformed && v != oversized
		}},
	{"sl:c", true, allVariants, func(f *fixtures, a actor, v variant) (string, bool) { return slotData(f, "sl:c:", a, v, ":9") },
		func(a actor, v variant, pl place) bool { return private(pl) && isMentor(a) && v == own }},
	{"sl:n", true, allVariants, func(f *fixtures, a actor, v variant) (string, bool) { return slotData(f, "sl:n:", a, v, "") },
		func(a actor, v variant, pl place) bool { return private(pl) && isMentor(a) && v == own }},
	{"sl:m", true, allVariants, func(f *fixtures, a actor, v variant) (string, bool) { return slotData(f, "sl:m:", a, v, "") },
		func(a actor, v variant, pl place) bool { return private(pl) && isMentor(a) && v == own }},
	{"sl:w", true, allVariants, func(f *fixtures, a actor, v variant) (string, bool) { return slotData(f, "sl:w:", a, v, "") },
		func(a actor, v variant, pl place) bool { return private(pl) && isMentor(a) && v == own }},
	{"sl:rp", true, allVariants, func(f *fixtures, a actor, v variant) (string, bool) {
		return slotBookingData(f, "sl:rp:", a, v, "")
	}, func(a actor, v variant, pl place) bool { return private(pl) && isMentor(a) && v == own }},
	// Move it moves only to a time its presser typed for that slot: forged,
	// with no move waiting, it moves nothing.
	{"sl:mv", true, allVariants, func(f *fixtures, a actor, v variant) (string, bool) { return slotData(f, "sl:mv:", a, v, "") },
		func(a actor, v variant, pl place) bool { return false }},
	// 📋 Copy to another day and its week on plan a copy of one's own
	// session; Publish it publishes only a copy its presser planned of
	// that slot: forged, with no copy waiting, it publishes nothing; Don't
	// copy it publishes nothing, for any mentor.
	{"sl:cp", true, allVariants, func(f *fixtures, a actor, v variant) (string, bool) { return slotData(f, "sl:cp:", a, v, "") },
		func(a actor, v variant, pl place) bool { return private(pl) && isMentor(a) && v == own }},
	{"sl:cw", true, allVariants, func(f *fixtures, a actor, v variant) (string, bool) { return slotData(f, "sl:cw:", a, v, "") },
		func(a actor, v variant, pl place) bool { return private(pl) && isMentor(a) && v == own }},
	{"sl:cy", true, allVariants, func(f *fixtures, a actor, v variant) (string, bool) { return slotData(f, "sl:cy:", a, v, "") },
		func(a actor, v variant, pl place) bool { return false }},
	{"sl:cn", true, allVariants, func(f *fixtures, a actor, v variant) (string, bool) { return slotData(f, "sl:cn:", a, v, "") },
		func(a actor, v variant, pl place) bool {
			return private(pl) && isMentor(a) && v != malformed && v != oversized
		}},
	{"sl:a", true, allVariants, func(f *fixtures, a actor, v variant) (string, bool) {
		return slotBookingData(f, "sl:a:", a, v, ":0")
	}, func(a actor, v variant, pl place) bool { return private(pl) && isMentor(a) && v == own }},
	{"sl:aa", true, allVariants, func(f *fixtures, a actor, v variant) (string, bool) { return slotData(f, "sl:aa:", a, v, "") },
		func(a actor, v variant, pl place) bool { return private(pl) && isMentor(a) && v == own }},

	// People's booking buttons: their own bookings; slots of their university.
	{"bk:x", true, allVariants, func(f *fixtures, a actor, v variant) (string, bool) { return bookingData(f, "bk:x:", a, v) },
		func(a actor, v variant, pl place) bool {
			if !private(pl) {
				return false
			}
			switch v {
			case own:
				return true
			case other: // a booking in mentor A's slot: its mentor and A's coordinators may cancel it
				return a == mentorA || roles(a).IsCoordinator("unma")
			case foreign:
				return a == mentorB || roles(a).IsCoordinator("unvs")
			}
			return false
		}},
	{"bk:a", true, allVariants, func(f *fixtures, a actor, v variant) (string, bool) { return bookingData(f, "bk:a:", a, v) },
		func(a actor, v variant, pl place) bool { return private(pl) && v == own }},
	{"bk:wm", true, allVariants, func(f *fixtures, a actor, v variant) (string, bool) { return bookingData(f, "bk:wm:", a, v) },
		func(a actor, v variant, pl place) bool { return private(pl) && v == own }},
	{"bk:ab", true, allVariants, func(f *fixtures, a actor, v variant) (string, bool) { return bookingData(f, "bk:ab:", a, v) },
		func(a actor, v variant, pl place) bool { return private(pl) && v == own }},
	{"bk:hn without the flow", true, []variant{plain}, cmd("bk:hn:send"), func(actor, variant, place) bool { return false }},
	{"bk:r", true, allVariants, func(f *fixtures, a actor, v variant) (string, bool) {
		d, ok := bookingData(f, "bk:r:", a, v)
		return d + ":0", ok
	}, func(a actor, v variant, pl place) bool { return private(pl) && v == own }},
	{"bk:o", true, allVariants, func(f *fixtures, a actor, v variant) (string, bool) {
		d, ok := bookingData(f, "bk:o:", a, v)
		return fmt.Sprintf("%s:%d", d, f.slot(4002)), ok
	}, func(a actor, v variant, pl place) bool { return private(pl) && v == own }},
	{"bk:O", true, allVariants, func(f *fixtures, a actor, v variant) (string, bool) {
		d, ok := bookingData(f, "bk:O:", a, v)
		return fmt.Sprintf("%s:%d", d, f.slot(4002)), ok
	}, func(a actor, v variant, pl place) bool { return private(pl) && v == own }},
	{"rt", true, allVariants, func(f *fixtures, a actor, v variant) (string, bool) {
		d, ok := bookingData(f, "rt:", a, v)
		return d + ":5", ok
	}, func(a actor, v variant, pl place) bool { return private(pl) && v == own }},
	{"rr", true, allVariants, func(f *fixtures, a actor, v variant) (string, bool) { return bookingData(f, "rr:", a, v) },
		func(a actor, v variant, pl place) bool { return private(pl) && v == own }},
	{"bk:c", true, allVariants, func(f *fixtures, a actor, v variant) (string, bool) { return slotData(f, "bk:c:", a, v, "") },
		func(a actor, v variant, pl place) bool {
			return private(pl) && onboarded(a) && (v == own || v == other)
		}},
	{"bk:s", true, allVariants, func(f *fixtures, a actor, v variant) (string, bool) { return slotData(f, "bk:s:", a, v, "") },
		func(a actor, v variant, pl place) bool {
			return private(pl) && onboarded(a) && (v == own || v == other)
		}},
	{"bk:w", true, allVariants, func(f *fixtures, a actor, v variant) (string, bool) { return slotData(f, "bk:w:", a, v, "") },
		func(a actor, v variant, pl place) bool {
			return private(pl) && onboarded(a) && (v == own || v == other)
		}},
	{"bk:t", true, allVariants, func(f *fixtures, a actor, v variant) (string, bool) { return slotData(f, "bk:t:", a, v, "") },
		func(a actor, v variant, pl place) bool {
			return private(pl) && onboarded(a) && (v == own || v == other)
		}},
	{"bk:m", true, []variant{plain, malformed, oversized}, func(f *fixtures, a actor, v variant) (string, bool) {
		if v == plain {
			return "bk:m:1", true
		}
		return idless("bk:m:", v), true
	}, func(a actor, v variant, pl place) bool { return private(pl) && onboarded(a) && v == plain }},
	{"bk:k", true, []variant{plain, malformed, oversized}, func(f *fixtures, a actor, v variant) (string, bool) {
		if v == plain {
			return "bk:k:g:500", true
		}
		return idless("bk:k:g:", v), true
	}, func(a actor, v variant, pl place) bool { return private(pl) && onboarded(a) && v == plain }},

	// The helpdesk's team: privately, or in its own university's group.
	{"/queue", false, []variant{plain}, cmd("/queue"), queueMay},
	{"tk:qm", true, []variant{plain}, cmd("tk:qm"), queueMay},
	{"tk:qn", true, []variant{plain}, cmd("tk:qn:1"), queueMay},
	{"tk:qo", true, []variant{plain}, cmd("tk:qo:0"), queueMay},
	{"/reply", false, teamVariants, func(f *fixtures, a actor, v variant) (string, bool) {
		d, _ := ticketData(f, "/reply ", v, " hello")
		if v == oversized {
			d = "/reply UNMA-1 " + strings.Repeat("x", 5000)
		}
		return d, true
	}, func(a actor, v variant, pl place) bool {
		return (v == other || v == foreign) && teamWork(a, uniOf(v), pl)
	}},
	{"/resolve", false, teamVariants, func(f *fixtures, a actor, v variant) (string, bool) { return ticketData(f, "/resolve ", v, "") },
		func(a actor, v variant, pl place) bool {
			return (v == other || v == foreign) && teamWork(a, uniOf(v), pl)
		}},
	{"tk:c", true, teamVariants, func(f *fixtures, a actor, v variant) (string, bool) { return ticketData(f, "tk:c:", v, "") },
		func(a actor, v variant, pl place) bool {
			return (v == other || v == foreign) && teamWork(a, uniOf(v), pl)
		}},
	{"tk:u", true, teamVariants, func(f *fixtures, a actor, v variant) (string, bool) { return ticketData(f, "tk:u:", v, "") },
		func(a actor, v variant, pl place) bool {
			return (v == other || v == foreign) && teamWork(a, uniOf(v), pl)
		}},
	{"tk:v", true, teamVariants, func(f *fixtures, a actor, v variant) (string, bool) { return ticketData(f, "tk:v:", v, "") },
		func(a actor, v variant, pl place) bool {
			return (v == other || v == foreign) && teamWork(a, uniOf(v), pl)
		}},
	{"tk:vw", true, teamVariants, func(f *fixtures, a actor, v variant) (string, bool) { return ticketData(f, "tk:vw:", v, "") },
		func(a actor, v variant, pl place) bool {
			return (v == other || v == foreign) && teamWork(a, uniOf(v), pl)
		}},
	{"tk:ta", true, teamVariants, func(f *fixtures, a actor, v variant) (string, bool) { return ticketData(f, "tk:ta:", v, "") },
		func(a actor, v variant, pl place) bool {
			return (v == other || v == foreign) && private(pl) && team(a, uniOf(v))
		}},
	// The requester's ticket buttons: their own tickets, privately.
	{"tk:r", true, allVariants, func(f *fixtures, a actor, v variant) (string, bool) { return requesterTicketData(f, "tk:r:", a, v) },
		func(a actor, v variant, pl place) bool { return private(pl) && v == own }},
	{"tk:ar", true, teamVariants, func(f *fixtures, a actor, v variant) (string, bool) { return ticketData(f, "tk:ar:", v, "") },
		func(a actor, v variant, pl place) bool {
			return (v == other || v == foreign) && private(pl) && team(a, uniOf(v))
		}},
	{"tk:p", true, teamVariants, func(f *fixtures, a actor, v variant) (string, bool) { return ticketData(f, "tk:p:", v, "") },
		func(a actor, v variant, pl place) bool {
			return (v == other || v == foreign) && teamWork(a, uniOf(v), pl)
		}},
	// Passed to a member of the ticket's team the bot knows: 3002 of A,
	// 3101 of B (techB, who cannot pass one to themselves).
	{"tk:pt", true, teamVariants, func(f *fixtures, a actor, v variant) (string, bool) {
		to := f.member(3002, "Tec Two")
		if v == foreign {
			to = f.member(techB.p.ID, "Tec B")
		}
		return ticketData(f, "tk:pt:", v, ":"+fmt.Sprint(to))
	}, func(a actor, v variant, pl place) bool {
		return (v == other || v == foreign) && teamWork(a, uniOf(v), pl) && !(v == foreign && a == techB)
	}},
	{"tk:as without the flow", true, []variant{plain, malformed, oversized}, func(f *fixtures, a actor, v variant) (string, bool) {
		if v == plain {
			return "tk:as:0", true
		}
		return idless("tk:as:", v), true
	}, func(actor, variant, place) bool { return false }},
	{"tk:vm", true, allVariants, func(f *fixtures, a actor, v variant) (string, bool) { return requesterTicketData(f, "tk:vm:", a, v) },
		func(a actor, v variant, pl place) bool { return private(pl) && v == own }},
	{"tk:x", true, allVariants, func(f *fixtures, a actor, v variant) (string, bool) { return requesterTicketData(f, "tk:x:", a, v) },
		func(a actor, v variant, pl place) bool { return private(pl) && v == own }},
	{"tk:o", true, allVariants, func(f *fixtures, a actor, v variant) (string, bool) { return requesterTicketData(f, "tk:o:", a, v) },
		func(a actor, v variant, pl place) bool { return private(pl) && v == own }},
	{"tk:sv", true, allVariants, func(f *fixtures, a actor, v variant) (string, bool) { return requesterTicketData(f, "tk:sv:", a, v) },
		func(a actor, v variant, pl place) bool { return private(pl) && v == own }},
	{"tk:xy", true, allVariants, func(f *fixtures, a actor, v variant) (string, bool) { return requesterTicketData(f, "tk:xy:", a, v) },
		func(a actor, v variant, pl place) bool { return private(pl) && v == own }},
	{"tk:xn", true, allVariants, func(f *fixtures, a actor, v variant) (string, bool) { return requesterTicketData(f, "tk:xn:", a, v) },
		func(a actor, v variant, pl place) bool { return private(pl) && v == own }},
	// Add it to ID relays only files gathered in the presser's own report
	// (a file sent outside any step): forged, with none, it relays nothing.
	{"tk:af", true, allVariants, func(f *fixtures, a actor, v variant) (string, bool) { return requesterTicketData(f, "tk:af:", a, v) },
		func(a actor, v variant, pl place) bool { return false }},

	// Everyone onboarded, privately: their own profile (university, role).
	{"/profile", false, []variant{plain}, cmd("/profile"), func(a actor, v variant, pl place) bool { return private(pl) && firstTyped(a) }},
	{"pf:l", true, []variant{plain}, cmd("pf:l"), func(a actor, v variant, pl place) bool { return private(pl) && onboarded(a) }},
	{"pf:k", true, []variant{plain}, cmd("pf:k"), func(a actor, v variant, pl place) bool { return private(pl) && onboarded(a) }},
	{"pf:u", true, []variant{own, foreign, malformed, oversized}, func(f *fixtures, a actor, v variant) (string, bool) {
		switch v {
		case own, foreign:
			return "pf:u:" + uniOf(v), true
		case malformed:
			return "pf:u:nowhere", true
		}
		return idless("pf:u:", v), true
	}, func(a actor, v variant, pl place) bool {
		return private(pl) && onboarded(a) && (v == own || v == foreign)
	}},
	{"pf:r", true, []variant{own, malformed}, func(f *fixtures, a actor, v variant) (string, bool) {
		if v == malformed {
			return "pf:r:admin", true
		}
		return "pf:r:student", true
	}, func(a actor, v variant, pl place) bool { return private(pl) && onboarded(a) && v == own }},

	// Coordinators: reports privately, their own universities.
	{"/gaps", false, []variant{plain}, cmd("/gaps"), func(a actor, v variant, pl place) bool {
		return private(pl) && (len(roles(a).Coordinator) > 0 || roles(a).Admin)
	}},
	{"/gaps B", false, []variant{plain}, cmd("/gaps unvs"), func(a actor, v variant, pl place) bool {
		return private(pl) && roles(a).IsCoordinator("unvs")
	}},
	// Send the article a gap was linked to those who asked: a coordinator
	// of the question's university (or an admin), privately.
	{"gp:t", true, []variant{other, foreign, malformed, oversized}, func(f *fixtures, a actor, v variant) (string, bool) {
		d, ok := gapData("gp:t:")(f, a, v)
		return d + ":moodle-ver-mis-notas", ok
	}, gapMay},
	// Answer a gap's askers in words: likewise. Send the words, pressed
	// outside the flow that keeps them, is stale for everyone.
	{"gp:w", true, []variant{other, foreign, malformed, oversized}, gapData("gp:w:"), gapMay},
	{"gp:ws", true, []variant{other, foreign, malformed, oversized}, gapData("gp:ws:"), func(actor, variant, place) bool { return false }},
	// Add the words of a gap to the base, take them out, write the
	// draft's text anew: likewise (the draft's university decides).
	{"gp:wa", true, []variant{other, foreign, malformed, oversized}, draftData("gp:wa:", false), gapMay},
	{"gp:wr", true, []variant{other, foreign, malformed, oversized}, draftData("gp:wr:", true), gapMay},
	{"gp:we", true, []variant{other, foreign, malformed, oversized}, draftData("gp:we:", false), gapMay},
	// Turn the list of articles added from /gaps: a coordinator of its
	// university, or an admin; every university's list, an admin.
	{"gp:ap", true, []variant{own, foreign, malformed, oversized}, func(f *fixtures, a actor, v variant) (string, bool) {
		switch v {
		case own:
			return "gp:ap:unma:0", true
		case foreign:
			return "gp:ap:unvs:1", true
		case malformed:
			return "gp:ap:unma:-1", true
		}
		return idless("gp:ap:unma:", v), true
	}, func(a actor, v variant, pl place) bool {
		return private(pl) && (v == own && roles(a).IsCoordinator("unma") || v == foreign && roles(a).IsCoordinator("unvs"))
	}},
	{"gp:ap all", true, []variant{plain}, cmd("gp:ap:*:0"), func(a actor, v variant, pl place) bool { return private(pl) && roles(a).Admin }},
	{"/reload", false, []variant{plain}, cmd("/reload"), func(a actor, v variant, pl place) bool {
		return private(pl) && (len(roles(a).Coordinator) > 0 || roles(a).Admin)
	}},
	{"/staff", false, []variant{plain}, cmd("/staff"), func(a actor, v variant, pl place) bool {
		return private(pl) && (len(roles(a).Coordinator) > 0 || roles(a).Admin)
	}},
	{"/mystats", false, []variant{plain}, cmd("/mystats"), func(a actor, v variant, pl place) bool {
		return private(pl) && (isMentor(a) || anyTeam(a) || roles(a).Admin)
	}},
	{"ms:p", true, []variant{plain, malformed}, func(f *fixtures, a actor, v variant) (string, bool) {
		if v == malformed {
			return "ms:p:abc", true
		}
		return "ms:p:lw", true
	}, func(a actor, v variant, pl place) bool {
		return private(pl) && v == plain && (isMentor(a) || anyTeam(a) || roles(a).Admin)
	}},
	{"/report", false, []variant{plain}, cmd("/report"), func(a actor, v variant, pl place) bool {
		return private(pl) && (len(roles(a).Coordinator) > 0 || roles(a).Admin)
	}},
	{"/report B", false, []variant{plain}, cmd("/report unvs"), func(a actor, v variant, pl place) bool {
		return private(pl) && roles(a).IsCoordinator("unvs")
	}},
	{"/report all", false, []variant{plain}, cmd("/report all"), func(a actor, v variant, pl place) bool { return private(pl) && roles(a).Admin }},
	{"rp:p", true, []variant{own, foreign, malformed, oversized}, func(f *fixtures, a actor, v variant) (string, bool) {
		switch v {
		case own:
			return "rp:p:unma:lw", true
		case foreign:
			return "rp:p:unvs:lw", true
		case malformed:
			return "rp:p:unma:abc", true
		}
		return idless("rp:p:", v) + ":lw", true
	}, func(a actor, v variant, pl place) bool {
		return private(pl) && (v == own && roles(a).IsCoordinator("unma") || v == foreign && roles(a).IsCoordinator("unvs"))
	}},
	{"rp:u", true, []variant{foreign, malformed}, func(f *fixtures, a actor, v variant) (string, bool) {
		if v == foreign {
			return "rp:u:unvs", true
		}
		return "rp:u:all:x", true
	}, func(a actor, v variant, pl place) bool {
		return private(pl) && v == foreign && roles(a).IsCoordinator("unvs")
	}},

	// Announcements: coordinators and admins, privately (announce.go).
	{"/announce", false, []variant{plain}, cmd("/announce"), func(a actor, v variant, pl place) bool {
		return private(pl) && (len(roles(a).Coordinator) > 0 || roles(a).Admin)
	}},
	{"ann:stop", true, []variant{malformed, oversized}, func(f *fixtures, a actor, v variant) (string, bool) { return idless("ann:stop:", v), true },
		func(actor, variant, place) bool { return false }},
	// A correction's buttons do nothing outside the correction's flow.
	{"ann:fixsame", true, []variant{plain}, cmd("ann:fixsame"), func(actor, variant, place) bool { return false }},
	{"ann:fixkeep", true, []variant{plain}, cmd("ann:fixkeep"), func(actor, variant, place) bool { return false }},
	// A time offered to schedule an announcement does nothing outside its step.
	{"ann:at", true, []variant{plain, malformed, oversized}, func(f *fixtures, a actor, v variant) (string, bool) {
		if v == plain {
			return "ann:at:" + strconv.FormatInt(f.e.Now().Add(48*time.Hour).Unix(), 10), true
		}
		return idless("ann:at:", v), true
	}, func(actor, variant, place) bool { return false }},
	// Training events: coordinators and admins create them, privately;
	// whoever is onboarded lists them (event.go).
	{"/newevent", false, []variant{plain}, cmd("/newevent"), func(a actor, v variant, pl place) bool {
		return private(pl) && (len(roles(a).Coordinator) > 0 || roles(a).Admin)
	}},
	{"ev:ok", true, []variant{plain}, cmd("ev:ok"), func(actor, variant, place) bool { return false }},
	{"ev:len", true, []variant{plain}, cmd("ev:len:60"), func(actor, variant, place) bool { return false }},
	{"/trainings", false, []variant{plain}, cmd("/trainings"), func(a actor, v variant, pl place) bool { return private(pl) && firstTyped(a) }},
	{"ev:l", true, []variant{plain}, cmd("ev:l"), func(a actor, v variant, pl place) bool { return private(pl) && onboarded(a) }},
	{"ev:a", true, []variant{malformed, oversized}, func(f *fixtures, a actor, v variant) (string, bool) { return idless("ev:a:", v) + ":y", true },
		func(actor, variant, place) bool { return false }},
	// A comment on, and the comments of, a training that does not exist.
	{"ev:fc", true, []variant{malformed, oversized}, func(f *fixtures, a actor, v variant) (string, bool) { return idless("ev:fc:", v), true },
		func(actor, variant, place) bool { return false }},
	{"ev:fq", true, []variant{malformed, oversized}, func(f *fixtures, a actor, v variant) (string, bool) { return idless("ev:fq:", v), true },
		func(actor, variant, place) bool { return false }},
	{"ev:cm", true, []variant{malformed, oversized}, func(f *fixtures, a actor, v variant) (string, bool) { return idless("ev:cm:", v), true },
		func(actor, variant, place) bool { return false }},
	// Stars for a training nobody had a place at (the fixtures' none).
	{"ev:f", true, []variant{malformed, oversized}, func(f *fixtures, a actor, v variant) (string, bool) { return idless("ev:f:", v) + ":4", true },
		func(actor, variant, place) bool { return false }},
	// A change of what was said after a training nobody had a place at.
	{"ev:fr", true, []variant{malformed, oversized}, func(f *fixtures, a actor, v variant) (string, bool) { return idless("ev:fr:", v) + ":4", true },
		func(actor, variant, place) bool { return false }},
	{"ev:fx", true, []variant{malformed, oversized}, func(f *fixtures, a actor, v variant) (string, bool) { return idless("ev:fx:", v), true },
		func(actor, variant, place) bool { return false }},
	{"ev:ew", true, []variant{malformed, oversized}, func(f *fixtures, a actor, v variant) (string, bool) { return idless("ev:ew:", v), true },
		func(actor, variant, place) bool { return false }},
	{"ev:wy", true, []variant{malformed, oversized}, func(f *fixtures, a actor, v variant) (string, bool) { return idless("ev:wy:", v), true },
		func(actor, variant, place) bool { return false }},
	{"ev:em", true, []variant{malformed, oversized}, func(f *fixtures, a actor, v variant) (string, bool) { return idless("ev:em:", v), true },
		func(actor, variant, place) bool { return false }},
	{"ev:w", true, []variant{malformed, oversized}, func(f *fixtures, a actor, v variant) (string, bool) { return idless("ev:w:", v), true },
		func(actor, variant, place) bool { return false }},
	{"ev:lw", true, []variant{malformed, oversized}, func(f *fixtures, a actor, v variant) (string, bool) { return idless("ev:lw:", v), true },
		func(actor, variant, place) bool { return false }},
	// The LMS watch: /status for whoever has a university (status.go).
	{"/status", false, []variant{plain}, cmd("/status"), func(a actor, v variant, pl place) bool {
		return private(pl) && statusUni(a) != ""
	}},
	{"lms:res", true, []variant{malformed, oversized}, func(f *fixtures, a actor, v variant) (string, bool) { return idless("lms:res:", v), true },
		func(actor, variant, place) bool { return false }},
	{"lms:sub", true, []variant{foreign, malformed}, func(f *fixtures, a actor, v variant) (string, bool) {
		if v == foreign {
			return "lms:sub:unvs", true
		}
		return idless("lms:sub:", v), true
	}, func(a actor, v variant, pl place) bool { return v == foreign && private(pl) && statusUni(a) == "unvs" }},

	// Everyone's own things, in a private chat only.
	{"kb:h", true, []variant{own, other, malformed, oversized}, func(f *fixtures, a actor, v variant) (string, bool) {
		switch v {
		case own:
			if !onboarded(a) {
				return "", false
			}
			return fmt.Sprintf("kb:h:%d:1", f.question(a.p.ID)), true
		case other:
			return fmt.Sprintf("kb:h:%d:1", f.question(otherA.ID)), true
		}
		return idless("kb:h:", v) + ":1", true
	}, func(a actor, v variant, pl place) bool { return private(pl) && onboarded(a) && v == own }},
	{"/mentoring", false, []variant{plain}, cmd("/mentoring"), func(a actor, v variant, pl place) bool { return private(pl) && firstTyped(a) }},
	{"/deletemydata", false, []variant{plain}, cmd("/deletemydata"), func(a actor, v variant, pl place) bool { return private(pl) }},
	{"del:yes", true, []variant{plain}, cmd("del:yes"), func(a actor, v variant, pl place) bool { return private(pl) }},
	{"del:ask", true, []variant{plain}, cmd("del:ask"), func(a actor, v variant, pl place) bool { return private(pl) }},
	{"lang:en", true, []variant{plain}, cmd("lang:en"), func(a actor, v variant, pl place) bool { return private(pl) && onboarded(a) }},
	{"role without onboarding", true, []variant{plain}, cmd("role:teacher"), func(actor, variant, place) bool { return false }},
	{"unknown button kind", true, []variant{plain}, cmd("zz:1"), func(actor, variant, place) bool { return false }},
}

// refusals are the answers that refuse: whatever a refused update gets is
// one of these, in the actor's language.
var refusals = []string{"error.stale_button", "error.private_only", "group.private_only", "error.only_mentors", "error.only_tech",
	"error.only_coordinators", "error.start_first", "error.too_long", "booking.err_not_found", "booking.err_no_slot",
	"slot.err_not_found", "ticket.err_not_found", "ticket.err_only_team", "ticket.reply_usage", "ticket.resolve_usage",
	"kb.gaps_not_yours", "kb.gaps_admins_only", "kb.feedback_unknown", "profile.staff", "report.err_forbidden", "report.err_university", "report.err_period", "error.only_own_figures"}

// refusalRE matches the refusal texts of lang, as messages (HTML) and as
// button answers (plain text).
func refusalRE(cat *i18n.Catalog, lang string) *regexp.Regexp {
	var alts []string
	for _, k := range refusals {
		text, ok := cat.Lookup(k, lang)
		if !ok {
			panic("no catalogue text " + k)
		}
		for _, t := range []string{text, plainText(text)} {
			parts := placeholder.Split(t, -1)
			for i := range parts {
				parts[i] = regexp.QuoteMeta(parts[i])
			}
			alts = append(alts, strings.Join(parts, `(?s:.*?)`))
		}
	}
	return regexp.MustCompile(`^(?:` + strings.Join(alts, "|") + `)$`)
}

var (
	tagRE       = regexp.MustCompile(`<[^>]*>`)
	placeholder = regexp.MustCompile(`\{[a-z_]+\}`)
)

func plainText(html string) string {
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&quot;", `"`, "&amp;", "&").Replace(tagRE.ReplaceAllString(html, ""))
}

// fixtures makes, through the store, the slots, bookings, tickets and
// questions the ids name; made on first use and again after a case that
// was allowed (it may have consumed them).
type fixtures struct {
	t      *testing.T
	e      *htest.Env
	made   map[string]string
	cursor time.Time
}

func (f *fixtures) reset() {
	f.made = map[string]string{}
	err := f.e.Store.Update(func(tx *store.Tx) error {
		for _, a := range actors {
			if a.uni != "" {
				u := aulabot.User{ID: a.p.ID, Name: a.p.Name(), University: a.uni, Role: a.role, Lang: aulabot.LanguageFromCode(a.p.LanguageCode, "es"), ConsentAt: f.e.Now()}
				if err := tx.PutUser(u); err != nil {
					return err
				}
			} else if err := tx.DeleteUserData(a.p.ID); err != nil {
				return err
			}
			if err := tx.SetState(a.p.ID, a.p.ID, aulabot.State{}); err != nil {
				return err
			}
		}
		for _, u := range []aulabot.User{otherA, otherB} {
			if err := tx.PutUser(u); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		f.t.Fatal(err)
	}
	f.e.Deliver()
}

func (f *fixtures) once(key string, make func(tx *store.Tx) (string, error)) string {
	if v, ok := f.made[key]; ok {
		return v
	}
	var v string
	if err := f.e.Store.Update(func(tx *store.Tx) (err error) { v, err = make(tx); return err }); err != nil {
		f.t.Fatalf("fixture %s: %v", key, err)
	}
	f.made[key] = v
	return v
}

var mentorUnis = map[int64]string{4001: "unma", 4002: "unma", 4101: "unvs"}

// slot is a group slot of mentor, 3 seats, at a time no other fixture
// uses.
func (f *fixtures) slot(mentor int64) uint64 {
	v := f.once(fmt.Sprint("slot", mentor), func(tx *store.Tx) (string, error) {
		if f.cursor.Before(f.e.Now().Add(3 * time.Hour)) {
			f.cursor = f.e.Now().Add(3 * time.Hour)
		}
		for {
			f.cursor = f.cursor.Add(90 * time.Minute)
			s, err := tx.CreateSlot(mentorUnis[mentor], mentor, fmt.Sprint("Mentor ", mentor), aulabot.NewSlot{Start: f.cursor, Minutes: 60,
				Kind: aulabot.SlotGroup, Capacity: 3})
			if aulabot.ErrorKey(err) != "slot.err_overlap" { // a slot the mentor made in a case
				return fmt.Sprint(s.ID), err
			}
		}
	})
	var id uint64
	fmt.Sscan(v, &id)
	return id
}

func (f *fixtures) booking(user int64, uni string, slot uint64) uint64 {
	v := f.once(fmt.Sprint("booking", user, "in", slot), func(tx *store.Tx) (string, error) {
		b, err := tx.BookSlot(slot, aulabot.User{ID: user, Name: fmt.Sprint("Person ", user), University: uni}, f.e.Config.Booking)
		return fmt.Sprint(b.ID), err
	})
	var id uint64
	fmt.Sscan(v, &id)
	return id
}

func (f *fixtures) ticket(requester int64, uni string) string {
	return f.once(fmt.Sprint("ticket", requester), func(tx *store.Tx) (string, error) {
		t, err := tx.CreateTicket(aulabot.Ticket{University: uni, Requester: requester, RequesterName: fmt.Sprint("Person ", requester),
			RequesterRole: aulabot.RoleTeacher, Lang: "en", Category: aulabot.CategoryLMS, Description: "cannot log in"}, 0)
		return t.ID, err
	})
}

// member is user id, a member of staff the bot knows by name.
func (f *fixtures) member(id int64, name string) int64 {
	f.once(fmt.Sprint("member", id), func(tx *store.Tx) (string, error) {
		return "", tx.PutUser(aulabot.User{ID: id, Name: name, Role: aulabot.RoleStaff})
	})
	return id
}

func (f *fixtures) question(user int64) uint64 { return f.questionIn(user, "unma") }

// questionIn is a question of user's in university uni that got no
// answer.
func (f *fixtures) questionIn(user int64, uni string) uint64 {
	v := f.once(fmt.Sprint("question", user, uni), func(tx *store.Tx) (string, error) {
		id, err := tx.AddQuestion(aulabot.Question{UserID: user, University: uni, Lang: "en", Text: "how?", Outcome: aulabot.OutcomeNone})
		return fmt.Sprint(id), err
	})
	var id uint64
	fmt.Sscan(v, &id)
	return id
}

// draftIn is a gap question at uni whose words a coordinator sent, kept
// as a draft (version 1), and with added, added to the base.
func (f *fixtures) draftIn(uni string, added bool) uint64 {
	v := f.once(fmt.Sprint("draft", uni, added), func(tx *store.Tx) (string, error) {
		id, err := tx.AddQuestion(aulabot.Question{UserID: otherA.ID, University: uni, Lang: "en", Text: "how?", Outcome: aulabot.OutcomeNone})
		if err != nil {
			return "", err
		}
		a, err := tx.KeepDraft(id, aulabot.KBDraft{Title: "how?", Lang: "en", University: uni, Body: "Like this."})
		if err == nil && added {
			a.ID = fmt.Sprint("how-", id)
			a.Name, a.Data = a.ID+".md", []byte("---\ntitle: how?\n---\nLike this.\n")
			err = tx.PutAdded(a)
		}
		return fmt.Sprint(id), err
	})
	var id uint64
	fmt.Sscan(v, &id)
	return id
}

func TestAuthorisation(t *testing.T) {
	for _, pl := range places {
		t.Run(pl.name, func(t *testing.T) {
			t.Parallel()
			cases, allowed := authorise(t, pl)
			t.Logf("%d cases, %d allowed", cases, allowed)
			if min := map[string]int{"private": 120, "team group A": 18, "team group B": 10}[pl.name]; cases < 1000 || allowed < min {
				t.Errorf("only %d cases, %d allowed: the table lost rows", cases, allowed)
			}
		})
	}
}

// authorise runs every row for every actor in one place.
func authorise(t *testing.T, pl place) (cases, allowed int) {
	cfg := config.Demo()
	cfg.Booking.Horizon = aulabot.Duration(366 * 24 * time.Hour)
	cfg.Booking.MaxActive = 1_000_000
	e := htest.New(t, cfg)
	cat := e.H.Catalog()
	res := map[string]*regexp.Regexp{"es": refusalRE(cat, "es"), "en": refusalRE(cat, "en")}
	f := &fixtures{t: t, e: e}
	f.reset()
	// The bot has already said goodbye to the strange group.
	if out := e.Text(nobody.p, strangeGroup, "hola"); len(out) != 1 || !out[0].Leave {
		t.Fatalf("first update from a strange group: %q", texts(out))
	}
	fingerprint := func() store.Fingerprint {
		fp, err := e.Store.Fingerprint()
		if err != nil {
			t.Fatal(err)
		}
		return fp
	}
	var before store.Fingerprint // nil: to be taken again
	made := 0                    // fixtures when it was taken
	for _, act := range authzActions {
		for _, a := range actors {
			for _, v := range act.variants {
				input, ok := act.build(f, a, v)
				if !ok {
					continue
				}
				cases++
				if before == nil || len(f.made) != made {
					before = fingerprint()
				}
				name := fmt.Sprintf("%s (%s) by %s in %s: %.80q", act.name, v, a.name, pl.name, input)
				chat := pl.chat
				if chat == 0 {
					chat = a.p.ID
				}
				var out []aulabot.Message
				var answer htest.Answer
				if act.button {
					out = e.Press(a.p, chat, 0, input)
					answer = e.LastAnswer()
				} else {
					out = e.Text(a.p, chat, input)
				}
				lang := aulabot.LanguageFromCode(a.p.LanguageCode, "es")
				re := res[lang]
				want := act.allow(a, v, pl)
				switch {
				case pl.chat == strangeGroup:
					if len(out) != 0 || answer.Text != "" {
						t.Errorf("%s: in a strange group got %q, answer %q; want silence", name, texts(out), answer.Text)
					}
				case want:
					if len(out) == 0 && answer.Text == "" {
						t.Errorf("%s: allowed, but nothing was answered", name)
					}
					if (len(out) == 1 && re.MatchString(out[0].Text)) || (answer.Alert && re.MatchString(answer.Text)) {
						t.Errorf("%s: allowed, but refused: %q %q", name, texts(out), answer.Text)
					}
				case act.button:
					if len(out) != 0 || !answer.Alert || !re.MatchString(answer.Text) {
						t.Errorf("%s: want a refusal in %s as an alert, got %q, answer %+v", name, lang, texts(out), answer)
					}
				default:
					if len(out) != 1 || out[0].ChatID != chat || !re.MatchString(out[0].Text) {
						t.Errorf("%s: want one refusal in %s, got %q", name, lang, texts(out))
					}
				}
				if !want {
					after := fingerprint()
					if changed := before.Changed(after); len(changed) > 0 {
						t.Errorf("%s: refused, yet the store changed: buckets %q", name, changed)
					}
					before, made = after, len(f.made)
					continue
				}
				allowed++
				f.reset()
				before = nil
			}
		}
	}
	return cases, allowed
}
