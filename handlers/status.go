package handlers

import (
	"fmt"
	"html"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/button"
	"github.com/aulabot/aulabot/i18n"
)

// lmsTx is what the LMS watch needs of a transaction (store/incident.go);
// it is embedded in Tx.
type lmsTx interface {
	LMSState(uni string) (aulabot.LMSState, error)
	Incident(id uint64) (aulabot.Incident, bool, error)
	RecordLMSCheck(uni string, r aulabot.LMSCheck, w aulabot.LMSWatch) (aulabot.Incident, string, error)
	ReportLMS(uni string, user int64, w aulabot.LMSWatch) (aulabot.Incident, string, error)
	SubscribeLMS(uni string, user int64) (aulabot.Incident, bool, error)
	ResolveIncident(id uint64) (aulabot.Incident, bool, error)
}

func (h *Handlers) routeStatus(r *router) {
	r.commands["status"] = with(h.status, private)
	r.callbacks["lms"] = h.onLMS
	r.teamCallbacks["lms"] = true // Resolved, on the incident's post in the team group
}

// statusUniversity is the university whose LMS c asks about: their own,
// or for staff the first they work for.
func statusUniversity(c *Ctx) string {
	if c.Known && c.User.University != "" {
		return c.User.University
	}
	for _, l := range [][]string{c.Roles.Coordinator, c.Roles.Tech, c.Roles.Mentor} {
		if len(l) > 0 {
			return l[0]
		}
	}
	return ""
}

// status is /status: is my university's virtual classroom up; during an
// incident, a button to be told when it is back.
func (h *Handlers) status(c *Ctx) error {
	uni, ok := h.Config.University(statusUniversity(c))
	if !ok {
		return aulabot.Errorf(aulabot.EFORBIDDEN, "error.start_first")
	}
	// Where nothing is known to be down, the person who cannot get in is
	// told what to do next: asked in words ("¿se cayó el aula virtual?"),
	// it is most often their own access that fails.
	yours := "\n" + c.T("lms.if_yours")
	if uni.LMSURL == "" {
		c.Reply(c.T("lms.not_watched", "university", uni.Name) + yours)
		return nil
	}
	st, inc, err := lmsNow(c, uni.ID)
	if err != nil {
		return err
	}
	switch {
	case st.Open != 0 && willTell(inc, c.U.From.ID):
		c.Reply(c.T("lms.down", "university", uni.Name, "since", h.whenAt(c.Lang, uni.ID, inc.Opened)) + "\n" + c.T("lms.subscribed"))
	case st.Open != 0 && asksToBeTold(c.asked):
		// "avísame cuando vuelva el aula virtual": 🔔's press, at once.
		return h.pressTyped(c, lmsSubscribeButton{uni.ID}.Encode())
	case st.Open != 0:
		c.ReplyButtons(c.T("lms.down", "university", uni.Name, "since", h.whenAt(c.Lang, uni.ID, inc.Opened)),
			[][]aulabot.Button{{{Text: c.T("lms.button_subscribe"), Data: lmsSubscribeButton{uni.ID}.Encode()}}})
	case st.Last.At.IsZero():
		c.Reply(c.T("lms.unknown", "university", uni.Name) + yours)
	case !st.Last.OK:
		c.Reply(c.T("lms.failing", "university", uni.Name, "at", h.whenAt(c.Lang, uni.ID, st.Last.At), "error", st.Last.Error) + yours)
	default:
		c.Reply(c.T("lms.up", "university", uni.Name, "at", h.whenAt(c.Lang, uni.ID, st.Last.At), "ms", st.Last.Latency.Milliseconds()) + yours)
	}
	return nil
}

// onLMS handles lms:sub:UNI (tell me when it is back) and lms:res:ID (the
// team's Resolved on an incident's post).
func (h *Handlers) onLMS(c *Ctx) error {
	v, err := h.buttons.Decode(c.U.Callback.Data)
	if err != nil {
		return err
	}
	switch b := v.(type) {
	case lmsSubscribeButton:
		val := b.University
		if c.Team != nil {
			return h.privateOnly()
		}
		if val != statusUniversity(c) {
			return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
		}
		return c.Commit(func(tx Tx) error {
			_, ok, err := tx.SubscribeLMS(val, c.U.From.ID)
			if err != nil {
				return err
			}
			c.Answer("")
			if !ok {
				c.Reply(c.T("lms.back_already"))
				return nil
			}
			c.Reply(c.T("lms.subscribed"))
			return nil
		})
	case lmsResolvedButton:
		id := b.Incident
		return c.Commit(func(tx Tx) error {
			inc, ok, err := tx.Incident(id)
			if err != nil {
				return err
			}
			if !ok || !(c.Roles.IsTech(inc.University) || c.Roles.IsCoordinator(inc.University)) {
				return aulabot.Errorf(aulabot.ENOTFOUND, "lms.err_no_incident")
			}
			inc, closed, err := tx.ResolveIncident(id)
			if err != nil {
				return err
			}
			if !closed {
				c.Alert(c.T("lms.already_closed"))
				return nil
			}
			c.Answer(c.T("lms.resolved"))
			return h.incidentClosed(tx, inc)
		})
	}
	return aulabot.Errorf(aulabot.EINVALID, "error.stale_button")
}

// lmsReported is the helpdesk's hook for a report in category t.Category,
// inside the transaction that would create ticket t: an LMS-access report
// at a university with an lms_url is counted by the watch; while an incident is open (or when this report
// opens one) the person is told it is known and linked to it, and true
// says no ticket is to be created.
func (h *Handlers) lmsReported(c *Ctx, tx Tx, t aulabot.Ticket) (bool, error) {
	if uni, ok := h.Config.University(t.University); !ok || uni.LMSURL == "" || t.Category != aulabot.CategoryLMS {
		return false, nil // the watch is for universities with an lms_url
	}
	inc, change, err := tx.ReportLMS(t.University, t.Requester, h.Config.LMSWatch)
	if err != nil || change == "" {
		return false, err
	}
	if change == aulabot.IncidentOpened {
		if err := h.incidentOpened(tx, inc, t.Requester); err != nil {
			return false, err
		}
	}
	c.ClearState()
	h.replyMenu(c, c.T("lms.known", "university", h.uniName(c.Lang, t.University)))
	return true, nil
}

// lmsKnown answers the LMS-access category at once when the person's
// university's LMS has an open incident: they are linked to it (told when
// it is back) and asked nothing more. Without an open incident the report
// goes on, and its description counts towards opening one
// (lmsReported).
func (h *Handlers) lmsKnown(c *Ctx, tx Tx, category string) (bool, error) {
	if category != aulabot.CategoryLMS || !c.Known {
		return false, nil
	}
	st, err := tx.LMSState(c.User.University)
	if err != nil || st.Open == 0 {
		return false, err
	}
	return h.lmsReported(c, tx, aulabot.Ticket{University: c.User.University, Requester: c.U.From.ID, Category: category})
}

// RecordLMSCheck stores check r of university uni's LMS in one
// transaction with what it causes: an incident opened (the team group
// told, with the failing checks) or closed (everyone linked or subscribed
// told once).
func (h *Handlers) RecordLMSCheck(u Updater, uni string, r aulabot.LMSCheck) error {
	return h.update(u, func(stx Tx) error {
		tx := fitting{stx}
		inc, change, err := tx.RecordLMSCheck(uni, r, h.Config.LMSWatch)
		switch {
		case err != nil:
			return err
		case change == aulabot.IncidentOpened:
			return h.incidentOpened(tx, inc, 0)
		case change == aulabot.IncidentClosed:
			return h.incidentClosed(tx, inc)
		}
		return nil
	})
}

// incidentRef names an incident's post in its team group.
func incidentRef(id uint64) string { return fmt.Sprintf("lms:%d", id) }

// incidentOpened tells the team group, with the evidence and a Resolved
// button, and the people whose reports opened it (but except, who is
// answered in their own update) that it is known.
func (h *Handlers) incidentOpened(tx Tx, inc aulabot.Incident, except int64) error {
	uni, ok := h.Config.University(inc.University)
	if !ok {
		return fmt.Errorf("incident %d: no university %q", inc.ID, inc.University)
	}
	lang := h.Config.Language
	var ev []string
	for _, e := range inc.Evidence {
		ev = append(ev, "• "+html.EscapeString(h.evidenceLine(lang, inc.University, e)))
	}
	text := h.cat.T(lang, "lms.incident_opened", "university", uni.Name, "by", h.cat.T(lang, "lms.by_"+inc.OpenedBy),
		"evidence", i18n.HTML(strings.Join(ev, "\n")), "url", uni.LMSURL)
	// Still down after the escalation's business time, the coordinators
	// are told (JobLMSEscalate), as of a ticket nobody claimed.
	err := tx.Schedule(aulabot.Job{Key: incidentEscalateKey(inc.ID), Kind: JobLMSEscalate,
		Due: uni.Service.AddBusiness(tx.Now(), time.Duration(uni.Service.Escalate), uni.Location), Data: map[string]string{"id": strconv.FormatUint(inc.ID, 10)}})
	if err != nil {
		return err
	}
	_, err = tx.Enqueue(aulabot.Message{ChatID: uni.TeamChat, Text: text, Ref: incidentRef(inc.ID), Lane: incidentRef(inc.ID),
		Inline: [][]aulabot.Button{{{Text: h.cat.T(lang, "lms.button_resolved"), Data: lmsResolvedButton{inc.ID}.Encode()}}}})
	if err != nil {
		return err
	}
	for _, p := range inc.Linked {
		if p == except {
			continue
		}
		if err := h.tellPerson(tx, p, fmt.Sprintf("lms:%d:known:%d", inc.ID, p), "lms.known", "university", uni.Name); err != nil {
			return err
		}
	}
	return nil
}

// evidenceLine is a line of an incident's evidence as the team reads it:
// the store writes each line from the time of a check or a report, in
// RFC 3339 UTC ("2026-12-02T10:11:12Z 503 Service Unavailable (80 ms)"),
// and the team reads that time as its other times, in its language and
// the university's zone ("mié 2 dic, 11:11 503 Service Unavailable (80
// ms)"). A line that does not begin with such a time is kept as it is.
func (h *Handlers) evidenceLine(lang, uni, line string) string {
	stamp, rest, _ := strings.Cut(line, " ")
	t, err := time.Parse(time.RFC3339, stamp)
	if err != nil {
		return line
	}
	return strings.TrimSpace(h.whenAt(lang, uni, t) + " " + rest)
}

// incidentClosed shows the end on the team's post and tells everyone
// linked or subscribed, once each, that the LMS is back.
func (h *Handlers) incidentClosed(tx Tx, inc aulabot.Incident) error {
	uni, ok := h.Config.University(inc.University)
	if !ok {
		return fmt.Errorf("incident %d: no university %q", inc.ID, inc.University)
	}
	lang := h.Config.Language
	text := h.cat.N(lang, "lms.incident_closed", len(inc.Linked)+len(inc.Subscribers), "university", uni.Name,
		"by", h.cat.T(lang, "lms.closed_by_"+inc.ClosedBy), "age", h.svc.Helpdesk.Age(lang, inc.Closed.Sub(inc.Opened))) // "1441 min" read badly
	if _, err := tx.Enqueue(aulabot.Message{ChatID: uni.TeamChat, EditRef: incidentRef(inc.ID), Text: text, Lane: incidentRef(inc.ID)}); err != nil {
		return err
	}
	for _, p := range append(append([]int64{}, inc.Linked...), inc.Subscribers...) {
		if err := h.tellPerson(tx, p, fmt.Sprintf("lms:%d:back:%d", inc.ID, p), "lms.back", "university", uni.Name); err != nil {
			return err
		}
	}
	return nil
}

// JobLMSEscalate tells a university's coordinators that its virtual
// classroom is still down the escalation's business time after its
// incident opened. Until 5 December a long outage brought nothing after
// the team group's post (a day down in the sandbox: the post, then
// silence): coordinators outside the team group heard of it only from the
// report.
const JobLMSEscalate = "lms.escalate"

// incidentEscalateKey is the key of incident id's JobLMSEscalate.
func incidentEscalateKey(id uint64) string { return fmt.Sprintf("lms:%d:escalate", id) }

// lmsEscalate is job JobLMSEscalate: the coordinators of an incident
// still open are told privately, each in their language, once, with how
// long it has lasted and how many people wait to hear it is back.
func (h *Handlers) lmsEscalate(tx Tx, j aulabot.Job) error {
	id, err := strconv.ParseUint(j.Data["id"], 10, 64)
	if err != nil {
		return nil // not a job this version wrote: nothing to do (an error would fail it at every tick)
	}
	inc, ok, err := tx.Incident(id)
	if err != nil || !ok || !inc.Open() {
		return err
	}
	uni, ok := h.Config.University(inc.University)
	if !ok {
		return nil
	}
	waiting := len(inc.Linked) + len(inc.Subscribers)
	for _, coord := range uni.Coordinators {
		lang := h.Config.Language
		if u, ok, err := tx.User(coord); err != nil {
			return err
		} else if ok {
			lang = u.Language(h.Config.Language)
		}
		text := h.cat.N(lang, "lms.escalate", waiting, "university", uni.Name, "url", uni.LMSURL,
			"since", h.whenAt(lang, uni.ID, inc.Opened), "age", h.svc.Helpdesk.Age(lang, time.Duration(uni.Service.Escalate)))
		if _, err := tx.Enqueue(aulabot.Message{ChatID: coord, Text: text}); err != nil {
			return err
		}
	}
	return nil
}

// tellPerson queues catalogue text key for person p in their language,
// once under key.
func (h *Handlers) tellPerson(tx Tx, p int64, key, text string, args ...any) error {
	return h.tellPersonIn(tx, p, key, func(lang string) string { return h.cat.T(lang, text, args...) })
}

// tellPersonIn queues the words text gives in person p's language for
// them, once under key; nothing for someone who never wrote to the bot or
// deleted their data.
func (h *Handlers) tellPersonIn(tx Tx, p int64, key string, text func(lang string) string) error {
	u, ok, err := tx.User(p)
	if err != nil || !ok {
		return err
	}
	_, err = tx.Enqueue(aulabot.Message{ChatID: p, Key: key, Text: text(u.Language(h.Config.Language))})
	return err
}

// withOutage puts the known outage of the asker's virtual classroom first
// in r, the answer to words that name it, when their university's watch
// has an incident open: "🔴 The virtual classroom has been having
// problems since …" at the top of the answer (Ctx.notice: in its first
// message when it fits; once, however many questions the update answers)
// and 🔔 Tell me when it is back as its first button. Someone who could
// not log in during an outage followed the password article for nothing.
// The answer is the main job: when the watch cannot be read it goes
// without the line, and the failure is logged.
func (h *Handlers) withOutage(c *Ctx, r reply) reply {
	uni, ok := h.Config.University(c.User.University)
	if !ok || uni.LMSURL == "" {
		return r
	}
	st, inc, err := lmsNow(c, uni.ID)
	if err != nil {
		h.Log.Warn("outage line left out: the LMS watch could not be read", "university", uni.ID, "err", err)
	}
	if err != nil || st.Open == 0 {
		return r
	}
	line := c.T("lms.down", "university", uni.Name, "since", h.whenAt(c.Lang, uni.ID, inc.Opened))
	if willTell(inc, c.U.From.ID) {
		line += "\n" + c.T("lms.subscribed")
	}
	if !strings.Contains(c.notice, line) {
		c.notice = strings.TrimSpace(c.notice + "\n" + line)
	}
	if willTell(inc, c.U.From.ID) {
		return r // told when it is back already: no button to ask again
	}
	sub := []kbButton{{text: c.T("lms.button_subscribe"), data: func(uint64) button.Data { return lmsSubscribeButton{uni.ID} }}}
	r.rows = append([][]kbButton{sub}, r.rows...)
	return r
}

// willTell reports whether person p is told when incident inc closes:
// they asked to be (🔔), or their report is linked to it. The 🔔 offered
// to them again read as if the first press had not counted.
func willTell(inc aulabot.Incident, p int64) bool {
	return slices.Contains(inc.Subscribers, p) || slices.Contains(inc.Linked, p)
}

// lmsNow reads university uni's watch: its state and, when an incident is
// open (st.Open), that incident.
func lmsNow(c *Ctx, uni string) (st aulabot.LMSState, inc aulabot.Incident, err error) {
	err = c.view(func(tx Tx) (err error) {
		if st, err = tx.LMSState(uni); err != nil || st.Open == 0 {
			return err
		}
		inc, _, err = tx.Incident(st.Open)
		return err
	})
	return st, inc, err
}

// asksToBeTold reports whether words hold one of the phrases typed for
// 🔔 Tell me when it is back (typedTellMeBack): "avísame cuando vuelva el
// aula virtual", "let me know when moodle is back".
func asksToBeTold(words string) bool {
	typed := " " + aulabot.TypedWords(words) + " "
	for p := range typedTellMeBack {
		if strings.Contains(typed, " "+p+" ") {
			return true
		}
	}
	return false
}
