package service

import (
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/i18n"
)

// The helpdesk's durable jobs: the claim reminder and the escalation of an
// unclaimed ticket (its SLA, in its university's business time), and the
// automatic close of a resolved ticket nobody rated. The handlers' Tick
// runs each due job once, in the transaction that removes it.
const (
	JobTicketRemind    = "ticket.remind"
	JobTicketEscalate  = "ticket.escalate"
	JobTicketAutoClose = "ticket.autoclose"
	// JobTicketWaiting brings up a claimed ticket whose requester wrote
	// last and has waited ReplyReminder of business time for an answer.
	JobTicketWaiting = "ticket.waiting"
	// JobStaffErase erases a member of staff who deleted their data from
	// the next StaffErasePart tickets they worked (Data "user"), under
	// aulabot.StaffEraseKey, due at once, until none is left.
	JobStaffErase = "ticket.staff_erase"
)

// waitingKey is the key of ticket id's JobTicketWaiting, under its SLA
// prefix: a resolve or a claim drops it with the other timers.
func waitingKey(id string) string { return slaPrefix(id) + JobTicketWaiting }

// scheduleWaiting starts claimed ticket t's wait for an answer, from the
// requester's first message since the team last wrote: a later message
// of theirs does not move it.
func (s *Helpdesk) scheduleWaiting(tx HelpdeskTx, t aulabot.Ticket, uni *aulabot.University) error {
	if t.State != aulabot.TicketClaimed {
		return nil // an open ticket has the claim reminder and escalation
	}
	if _, ok, err := tx.ScheduledJob(waitingKey(t.ID)); err != nil || ok {
		return err
	}
	return tx.Schedule(aulabot.Job{Key: waitingKey(t.ID), Kind: JobTicketWaiting,
		Due: uni.Service.AddBusiness(tx.Now(), time.Duration(uni.Service.ReplyReminder), uni.Location), Data: map[string]string{"id": t.ID}})
}

// AnswerAwaited is job JobTicketWaiting: a claimed ticket whose
// requester still wrote last is brought up in the team group, under the
// post, naming its owner. Until 5 December nothing followed a claim: a
// requester's "it still says timeout" could wait days for its owner (seen
// in the sandbox, UNMA-2). Other tickets of the university whose wait is
// due too go with it, in one message that lists them with their owners
// and a 🔎 each (dueAlike): requesters who wrote over the weekend all fall
// due at the same minute on Monday.
func (s *Helpdesk) AnswerAwaited(tx HelpdeskTx, j aulabot.Job) error {
	t, uni, ok, err := s.jobTicket(tx, j)
	if err != nil || !ok {
		return err
	}
	if ok, err := awaited(tx, t); err != nil || !ok {
		return err
	}
	others, err := s.dueAlike(tx, j, t, awaited)
	if err != nil {
		return err
	}
	age := s.Age(s.Config.Language, time.Duration(uni.Service.ReplyReminder))
	if len(others) > 0 {
		all := append([]aulabot.Ticket{t}, others...)
		lang := s.Config.Language
		list, views := s.batchList(lang, all, func(t aulabot.Ticket) string {
			return s.Cat.T(lang, "ticket.waiting_line", "id", t.ID, "owner", ShortName(aulabot.CleanText(t.OwnerName)),
				"name", ShortName(aulabot.CleanText(t.RequesterName)))
		})
		return enqueue(tx, aulabot.Message{ChatID: uni.TeamChat, Inline: views,
			Text: s.Cat.N(lang, "ticket.waiting_many", len(all), "age", age, "list", i18n.HTML(list))})
	}
	return enqueue(tx, toTeam(t, uni, aulabot.Message{ReplyToRef: PostRef(t.ID), Ref: eventRef(t.ID), Inline: s.postButtons(t),
		Text: s.teamT("ticket.waiting", "id", t.ID, "owner", ShortName(aulabot.CleanText(t.OwnerName)),
			"name", ShortName(aulabot.CleanText(t.RequesterName)), "age", age)}))
}

// awaited reports whether ticket t's requester waits for the team's
// answer: it is claimed, its requester (who did not delete their data,
// and then waits for nothing) wrote its latest message.
func awaited(tx HelpdeskTx, t aulabot.Ticket) (bool, error) {
	if t.State != aulabot.TicketClaimed || t.Messages == 0 || t.Requester == 0 {
		return false, nil
	}
	last, ok, err := tx.TicketMessage(t.ID, t.Messages)
	return ok && !last.Team, err
}

// unclaimed reports whether ticket t is open: its claim reminder and
// escalation still apply.
func unclaimed(_ HelpdeskTx, t aulabot.Ticket) (bool, error) {
	return t.State == aulabot.TicketOpen, nil
}

// Seeded schedules for ticket t, reported and worked outside the bot's
// flows, as the demo data are, the timers its state has in real use: an
// open ticket's claim reminder and escalation, a claimed one's wait for
// an answer when its requester wrote last. Until 5 December the demo's
// tickets had none: with the sandbox's clock moved, nothing reminded the
// team of UNMA-1, nor of Diego's unanswered message on UNMA-2.
func (s *Helpdesk) Seeded(tx HelpdeskTx, t aulabot.Ticket) error {
	uni, ok := s.Config.University(t.University)
	if !ok {
		return nil
	}
	if t.State == aulabot.TicketOpen {
		return s.scheduleSLA(tx, t, uni)
	}
	if ok, err := awaited(tx, t); err != nil || !ok {
		return err
	}
	return s.scheduleWaiting(tx, t, uni)
}

// scheduleSLA schedules an open ticket's claim reminder and escalation, in
// its university's business time, from now.
func (s *Helpdesk) scheduleSLA(tx HelpdeskTx, t aulabot.Ticket, uni *aulabot.University) error {
	svc := uni.Service
	for _, j := range []struct {
		kind string
		d    time.Duration
	}{{JobTicketRemind, time.Duration(svc.ClaimReminder)}, {JobTicketEscalate, time.Duration(svc.Escalate)}} {
		err := tx.Schedule(aulabot.Job{Key: slaPrefix(t.ID) + j.kind, Kind: j.kind,
			Due: svc.AddBusiness(tx.Now(), j.d, uni.Location), Data: map[string]string{"id": t.ID}})
		if err != nil {
			return err
		}
	}
	return nil
}

// cancelJobs drops a ticket's reminders and automatic close.
func (s *Helpdesk) cancelJobs(tx HelpdeskTx, id string) error {
	if _, err := tx.CancelJobs(slaPrefix(id)); err != nil {
		return err
	}
	_, err := tx.CancelJobs(closeKey(id))
	return err
}

// jobTicket loads a job's ticket and university; false if either is gone.
func (s *Helpdesk) jobTicket(tx HelpdeskTx, j aulabot.Job) (aulabot.Ticket, *aulabot.University, bool, error) {
	t, ok, err := tx.Ticket(j.Data["id"])
	if err != nil || !ok {
		return t, nil, false, err
	}
	uni, ok := s.Config.University(t.University)
	return t, uni, ok, nil
}

// BatchAhead is how far ahead of now a reminder, an escalation or a wait
// takes the jobs of its kind that fall due then (dueAlike): they go in
// its message, up to a minute early, rather than each in a message of its
// own seconds later. Jobs run when due since 7 December; before, they ran
// at the bot's 20-second tick, which batched those due within it: in an
// outage, forty tickets reported over three minutes would have brought
// forty reminders to the team group one by one.
const BatchAhead = time.Minute

// dueScan is how many due jobs a reminder or an escalation looks through
// for others of its kind (dueAlike); more wait for the next Tick, which
// batches them again.
const dueScan = 500

// batchLines is how many tickets a batched reminder or escalation lists;
// the rest are counted ("and 12 more: /queue").
const batchLines = 15

// dueAlike takes the other jobs of j's kind due by BatchAhead from now
// whose tickets belong to t's university and returns those of them that
// still keep (open, for a reminder), oldest first: their reminder or
// escalation goes in one message with t's. Tickets reported over a
// weekend all fall due at the same minute on Monday morning, and each
// brought a message of its own: a crowd of twelve sent twelve reminders
// to the team group and twelve escalations to each coordinator's phone at
// once (seen in the sandbox). Jobs taken here are gone: Tick finds them
// taken and runs nothing.
func (s *Helpdesk) dueAlike(tx HelpdeskTx, j aulabot.Job, t aulabot.Ticket, keep func(HelpdeskTx, aulabot.Ticket) (bool, error)) ([]aulabot.Ticket, error) {
	due, err := tx.DueJobsBy(tx.Now().Add(BatchAhead), dueScan)
	if err != nil {
		return nil, err
	}
	var out []aulabot.Ticket
	for _, d := range due {
		if d.Kind != j.Kind || d.Key == j.Key {
			continue
		}
		o, ok, err := tx.Ticket(d.Data["id"])
		if err != nil {
			return nil, err
		}
		if !ok || o.University != t.University {
			continue
		}
		taken, err := tx.TakeJob(d.Key, d.ID)
		if err != nil {
			return nil, err
		}
		if !taken {
			continue
		}
		if ok, err := keep(tx, o); err != nil {
			return nil, err
		} else if ok {
			out = append(out, o)
		}
	}
	return out, nil
}

// batchList is the lines (line of each ticket) and 🔎 buttons of a
// batched reminder, escalation or wait in lang: batchLines at most, then
// how many more.
func (s *Helpdesk) batchList(lang string, ts []aulabot.Ticket, line func(aulabot.Ticket) string) (string, [][]aulabot.Button) {
	var lines []string
	var views []aulabot.Button
	for i, t := range ts {
		if i == batchLines {
			lines = append(lines, s.Cat.N(lang, "ticket.batch_more", len(ts)-batchLines))
			break
		}
		lines = append(lines, line(t))
		views = append(views, aulabot.Button{Text: s.Cat.T(lang, "ticket.button_view", "id", t.ID), Data: s.Buttons.View(t.ID)})
	}
	return strings.Join(lines, "\n"), slices.Collect(slices.Chunk(views, 4))
}

// unclaimedLines lists unclaimed tickets ts for batchList in lang: each
// one's number, category and, when a member answered its requester, who.
func (s *Helpdesk) unclaimedLines(tx HelpdeskTx, lang string, ts []aulabot.Ticket) (string, [][]aulabot.Button, error) {
	answered, err := s.Answered(tx, ts)
	if err != nil {
		return "", nil, err
	}
	list, views := s.batchList(lang, ts, func(t aulabot.Ticket) string {
		line := s.Cat.T(lang, "ticket.batch_line", "id", t.ID, "category", s.Cat.T(lang, "ticket.cat_"+t.Category))
		if name, ok := answered[t.ID]; ok {
			line += s.Cat.T(lang, "ticket.batch_answered", "name", ShortName(aulabot.CleanText(name)))
		}
		return line
	})
	return list, views, nil
}

// Remind is job JobTicketRemind: it reminds the team group, under the
// post and with its buttons, of a ticket still unclaimed, and says who
// answered its requester, if a member did last: "nobody took it" alone
// read as if nobody were on it. Other tickets of the university whose
// reminder is due too go with it, in one message that lists them with a
// 🔎 each (dueAlike).
func (s *Helpdesk) Remind(tx HelpdeskTx, j aulabot.Job) error {
	t, uni, ok, err := s.jobTicket(tx, j)
	if err != nil || !ok || t.State != aulabot.TicketOpen {
		return err
	}
	others, err := s.dueAlike(tx, j, t, unclaimed)
	if err != nil {
		return err
	}
	age := s.Age(s.Config.Language, time.Duration(uni.Service.ClaimReminder))
	if len(others) > 0 {
		all := append([]aulabot.Ticket{t}, others...)
		list, views, err := s.unclaimedLines(tx, s.Config.Language, all)
		if err != nil {
			return err
		}
		return enqueue(tx, aulabot.Message{ChatID: uni.TeamChat, Inline: views,
			Text: s.Cat.N(s.Config.Language, "ticket.remind_many", len(all), "age", age, "list", i18n.HTML(list))})
	}
	key, name, err := s.slaKey(tx, t, "ticket.remind")
	if err != nil {
		return err
	}
	return enqueue(tx, toTeam(t, uni, aulabot.Message{ReplyToRef: PostRef(t.ID), Ref: eventRef(t.ID), Inline: s.postButtons(t),
		Text: s.teamT(key, "id", t.ID, "category", s.teamT("ticket.cat_"+t.Category), "name", name, "age", age)}))
}

// slaKey is text key for unclaimed ticket t's reminder or escalation, or
// its variant key+"_answered" with the name of the member who answered
// its requester, when a member wrote its latest message.
func (s *Helpdesk) slaKey(tx HelpdeskTx, t aulabot.Ticket, key string) (string, string, error) {
	answered, err := s.Answered(tx, []aulabot.Ticket{t})
	if name, ok := answered[t.ID]; ok && err == nil {
		return key + "_answered", ShortName(aulabot.CleanText(name)), nil
	}
	return key, "", err
}

// Escalate is job JobTicketEscalate: it tells the university's
// coordinators, privately and each in their language, that a ticket is
// still unclaimed, and counts it. Other tickets of the university whose
// escalation is due too go with it, in one message that lists them with a
// 🔎 each (dueAlike), and count each.
func (s *Helpdesk) Escalate(tx HelpdeskTx, j aulabot.Job) error {
	t, uni, ok, err := s.jobTicket(tx, j)
	if err != nil || !ok || t.State != aulabot.TicketOpen {
		return err
	}
	others, err := s.dueAlike(tx, j, t, unclaimed)
	if err != nil {
		return err
	}
	all := append([]aulabot.Ticket{t}, others...)
	key, name, err := s.slaKey(tx, t, "ticket.escalate")
	if err != nil {
		return err
	}
	for _, coord := range uni.Coordinators {
		lang := s.Config.Language
		if u, ok, err := tx.User(coord); err != nil {
			return err
		} else if ok {
			lang = u.Language(s.Config.Language)
		}
		age := s.Age(lang, time.Duration(uni.Service.Escalate))
		// 🔎 shows the ticket with its latest messages: the coordinator
		// had only its number.
		m := aulabot.Message{ChatID: coord, Inline: [][]aulabot.Button{{{Text: s.Cat.T(lang, "ticket.button_view_mine", "id", t.ID), Data: s.Buttons.View(t.ID)}}},
			Text: s.Cat.T(lang, key, "id", t.ID, "name", name, "university", uni.Name, "category", s.Cat.T(lang, "ticket.cat_"+t.Category), "age", age)}
		if len(all) > 1 {
			list, views, err := s.unclaimedLines(tx, lang, all)
			if err != nil {
				return err
			}
			m.Inline, m.Text = views, s.Cat.N(lang, "ticket.escalate_many", len(all), "university", uni.Name, "age", age, "list", i18n.HTML(list))
		}
		if err := enqueue(tx, m); err != nil {
			return err
		}
	}
	return tx.Count(escalatedCounter(uni.ID), int64(len(all)))
}

// AutoClose is job JobTicketAutoClose: it closes a resolved ticket the
// requester did not rate, and tells the team and the requester.
func (s *Helpdesk) AutoClose(tx HelpdeskTx, j aulabot.Job) error {
	t, uni, ok, err := s.jobTicket(tx, j)
	if err != nil || !ok || t.State != aulabot.TicketResolved {
		return err
	}
	t, err = tx.CloseTicket(t.ID, 0, "auto")
	if err != nil {
		var e *aulabot.Error
		if errors.As(err, &e) {
			return nil // no longer resolved: nothing to close
		}
		return err
	}
	if err := enqueue(tx, s.editPost(t, uni), s.teamEvent(t, uni, "ticket.team_event_autoclosed")); err != nil {
		return err
	}
	if m, ok := s.toRequester(t, "ticket.autoclosed_user"); ok {
		return enqueue(tx, m)
	}
	return nil
}
