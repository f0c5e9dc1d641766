package service

import (
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/aulabot/aulabot"
)

// The team's side: claims, resolving, replies to the requester, the queue.

// Actor is who acts on a ticket, and from where.
type Actor struct {
	ID   int64
	Name string
	// Roles are the person's roles where they act (in a team group, only
	// for its university).
	Roles aulabot.Roles
	// Chat is the chat the update came from; Private whether it is a
	// private chat.
	Chat    int64
	Private bool
	// Pressed is the message whose button was pressed; 0 for a command.
	Pressed int
}

// MayWork reports whether roles may act on university's tickets: its
// technical team and its coordinators (admins coordinate all).
func MayWork(roles aulabot.Roles, university string) bool {
	return roles.IsTech(university) || roles.IsCoordinator(university)
}

// TeamTicket loads ticket id for a team action by a. A ticket a may not
// work on is "not found", so nothing leaks between universities; only in
// the ticket's own team group is a non-member told that the team does
// this. The team works on a ticket in its own team group or privately:
// from any other group the action is refused, so nothing about it is
// posted there. Errors: ENOTFOUND ticket.err_not_found; EFORBIDDEN
// ticket.err_only_team, ticket.err_wrong_group.
func (s *Helpdesk) TeamTicket(tx HelpdeskTx, a Actor, id string) (aulabot.Ticket, *aulabot.University, error) {
	t, ok, err := tx.Ticket(id)
	if err != nil {
		return t, nil, err
	}
	uni, known := s.Config.University(t.University)
	if !ok || !known {
		return t, nil, notFound(id)
	}
	if !MayWork(a.Roles, t.University) {
		if s.Config.IsTeamChat(uni, a.Chat) {
			return t, nil, aulabot.Errorf(aulabot.EFORBIDDEN, "ticket.err_only_team", "university", uni.Name)
		}
		return t, nil, notFound(id)
	}
	if !a.Private && !s.Config.IsTeamChat(uni, a.Chat) {
		return t, nil, aulabot.Errorf(aulabot.EFORBIDDEN, "ticket.err_wrong_group", "id", t.ID, "university", uni.Name)
	}
	return t, uni, nil
}

// Worked is the result of a team action (Claim, Unclaim, Resolve).
type Worked struct {
	Ticket aulabot.Ticket
	// Refused is the action's refusal when the press came from a copy of
	// the post the bot did not know: the copy is learnt and brought up to
	// date all the same (the transaction commits), and the presser is
	// told why the action was refused.
	Refused error
}

// Claim is a team member's Claim: a becomes the ticket's owner, the post
// (every copy) shows it, the claim reminder and escalation are dropped
// and the requester is told. Errors: those of TeamTicket; the store's
// (ticket.err_claimed, ticket.err_yours, ticket.err_state_*).
func (s *Helpdesk) Claim(tx HelpdeskTx, a Actor, id string) (Worked, error) {
	return s.work(tx, a, id, func(*aulabot.University) (aulabot.Ticket, error) {
		return tx.ClaimTicket(id, a.ID, a.Name)
	}, func(t aulabot.Ticket, _ *aulabot.University) error {
		if _, err := tx.CancelJobs(slaPrefix(t.ID)); err != nil {
			return err
		}
		if m, ok := s.toRequester(t, "ticket.user_claimed"); ok {
			return enqueue(tx, m)
		}
		return nil
	})
}

// Unclaim gives the ticket back to the queue (its owner, or a coordinator
// for anyone): the post shows it open and the SLA timers start again.
// Errors: those of TeamTicket; the store's (ticket.err_not_owner,
// ticket.err_state_*).
func (s *Helpdesk) Unclaim(tx HelpdeskTx, a Actor, id string) (Worked, error) {
	return s.work(tx, a, id, func(uni *aulabot.University) (aulabot.Ticket, error) {
		return tx.UnclaimTicket(id, a.ID, a.Roles.IsCoordinator(uni.ID))
	}, func(t aulabot.Ticket, uni *aulabot.University) error {
		return s.scheduleSLA(tx, t, uni)
	})
}

// Colleagues are the members of ticket id's technical team that a may
// pass it to (Pass), in the configuration's order: every member but a and
// the one who holds it, of those the bot knows (a member who never wrote
// to it has no name to show and cannot be written to). The ticket is
// checked as Pass checks it. Errors: those of TeamTicket; ECONFLICT
// ticket.err_state_*, ticket.err_pass_not_owner.
func (s *Helpdesk) Colleagues(tx HelpdeskTx, a Actor, id string) (aulabot.Ticket, []aulabot.User, error) {
	t, uni, err := s.TeamTicket(tx, a, id)
	if err != nil {
		return t, nil, err
	}
	if err := mayPass(t, a, uni); err != nil {
		return t, nil, err
	}
	var out []aulabot.User
	for _, member := range uni.Tech {
		if !passableTo(t, a, member) {
			continue
		}
		u, ok, err := tx.User(member)
		if err != nil {
			return t, nil, err
		}
		if ok && u.Name != "" {
			out = append(out, u)
		}
	}
	return t, out, nil
}

// Members are the members of the technical teams of the universities a
// works for whose names the bot knows, each once, in the
// configuration's order: those whose tickets a may ask after by name.
func (s *Helpdesk) Members(tx HelpdeskTx, a Actor) ([]aulabot.User, error) {
	var out []aulabot.User
	seen := map[int64]bool{}
	for i := range s.Config.Universities {
		uni := &s.Config.Universities[i]
		if !MayWork(a.Roles, uni.ID) {
			continue
		}
		for _, member := range uni.Tech {
			if seen[member] {
				continue
			}
			seen[member] = true
			u, ok, err := tx.User(member)
			if err != nil {
				return nil, err
			}
			if ok && u.Name != "" {
				out = append(out, u)
			}
		}
	}
	return out, nil
}

// MayPass reports whether a may pass ticket t (of its own university, as
// TeamTicket found it) to a colleague: an active ticket, open or theirs,
// or any active one for its coordinators; and whether anyone of its team
// is left to pass it to.
func MayPass(t aulabot.Ticket, a Actor, uni *aulabot.University) bool {
	return mayPass(t, a, uni) == nil && slices.ContainsFunc(uni.Tech, func(m int64) bool { return passableTo(t, a, m) })
}

// passableTo reports whether member of t's team is one a may pass t to:
// neither a nor the one who holds it.
func passableTo(t aulabot.Ticket, a Actor, member int64) bool {
	return member != a.ID && (t.State != aulabot.TicketClaimed || member != t.Owner)
}

// mayPass is MayPass's refusal: ticket.err_state_* for a ticket no longer
// active, ticket.err_pass_not_owner for another member's.
func mayPass(t aulabot.Ticket, a Actor, uni *aulabot.University) error {
	switch {
	case !t.Active():
		return aulabot.TicketStateError(t)
	case t.State == aulabot.TicketClaimed && t.Owner != a.ID && !a.Roles.IsCoordinator(uni.ID):
		return aulabot.Errorf(aulabot.ECONFLICT, "ticket.err_pass_not_owner", "id", t.ID, "name", t.OwnerName)
	}
	return nil
}

// Pass gives ticket id to member to of its technical team, by a (its
// owner, anyone of the team for an open one, a coordinator for any): to
// holds it, the post (every copy) shows it, the team group reads who
// passed it to whom under the post, and to is told privately, with the
// ticket's 🔎. An open ticket passed is taken: its claim reminder and
// escalation are dropped and its requester is told, as after a claim; a
// claimed one keeps its wait for an answer (the requester's wait goes
// on). Errors: those of TeamTicket; EINVALID ticket.err_pass_not_team
// (to is not of the team, or the bot does not know them), a stale button
// for a itself (never listed: a claims it); the store's
// (ticket.err_state_*, ticket.err_pass_same, ticket.err_pass_not_owner).
func (s *Helpdesk) Pass(tx HelpdeskTx, a Actor, id string, to int64) (Worked, error) {
	var open bool
	var member aulabot.User
	return s.work(tx, a, id, func(uni *aulabot.University) (aulabot.Ticket, error) {
		u, known, err := tx.User(to)
		if err != nil {
			return aulabot.Ticket{}, err
		}
		if to == a.ID {
			return aulabot.Ticket{}, stale() // never listed (Colleagues): claimed, not passed
		}
		if !known || !slices.Contains(uni.Tech, to) {
			return aulabot.Ticket{}, aulabot.Errorf(aulabot.EINVALID, "ticket.err_pass_not_team", "university", uni.Name)
		}
		member = u
		t, _, err := tx.Ticket(id)
		if err != nil {
			return t, err
		}
		open = t.State == aulabot.TicketOpen
		return tx.PassTicket(id, a.ID, a.Roles.IsCoordinator(uni.ID), to, u.Name)
	}, func(t aulabot.Ticket, uni *aulabot.University) error {
		if open {
			if _, err := tx.CancelJobs(slaPrefix(t.ID)); err != nil {
				return err
			}
			if m, ok := s.toRequester(t, "ticket.user_claimed"); ok {
				if err := enqueue(tx, m); err != nil {
					return err
				}
			}
		}
		lang := member.Language(s.Config.Language)
		told := aulabot.Message{ChatID: to, Text: s.Cat.T(lang, "ticket.passed_to_you", "name", ShortName(a.Name), "id", t.ID,
			"category", s.Cat.T(lang, "ticket.cat_"+t.Category), "requester", ShortName(aulabot.CleanText(t.RequesterName))),
			Inline: [][]aulabot.Button{{{Text: s.Cat.T(lang, "ticket.button_view", "id", t.ID), Data: s.Buttons.View(t.ID)}}}}
		return enqueue(tx, s.teamEvent(t, uni, "ticket.team_event_passed", "from", ShortName(a.Name),
			"to", ShortName(aulabot.CleanText(t.OwnerName))), told)
	})
}

// Resolve marks the ticket resolved by a: the requester is asked to rate
// it or reopen it, and it closes itself if they do not answer
// (aulabot.AutoClose). Errors: those of TeamTicket; the store's.
func (s *Helpdesk) Resolve(tx HelpdeskTx, a Actor, id string) (Worked, error) {
	return s.work(tx, a, id, func(*aulabot.University) (aulabot.Ticket, error) {
		return tx.ResolveTicket(id, a.ID, a.Name)
	}, func(t aulabot.Ticket, _ *aulabot.University) error {
		if _, err := tx.CancelJobs(slaPrefix(t.ID)); err != nil {
			return err
		}
		msg, job := s.RatingRequest(t, tx.Now())
		if err := tx.Schedule(job); err != nil {
			return err
		}
		if t.Requester != 0 {
			return enqueue(tx, msg)
		}
		return nil
	})
}

// work runs a team action on ticket id (act, the store's transition),
// brings the post up to date, then makes the action's other effects
// (then). The press may come from a copy of the post the bot does not
// know (the post was sent twice across a crash): the copy is remembered
// with the post's ref and brought up to date with every other copy in the
// same transaction, even when the action itself is refused
// (Worked.Refused).
func (s *Helpdesk) work(tx HelpdeskTx, a Actor, id string, act func(uni *aulabot.University) (aulabot.Ticket, error),
	then func(t aulabot.Ticket, uni *aulabot.University) error) (Worked, error) {
	_, uni, err := s.TeamTicket(tx, a, id)
	if err != nil {
		return Worked{}, err
	}
	copied, err := s.learnPostCopy(tx, a, id, uni)
	if err != nil {
		return Worked{}, err
	}
	t, err := act(uni)
	if copied && err != nil && aulabot.ErrorCode(err) != aulabot.EINTERNAL {
		refused := err
		if t, _, err = tx.Ticket(id); err != nil {
			return Worked{}, err
		}
		return Worked{Ticket: t, Refused: refused}, enqueue(tx, s.editPost(t, uni))
	}
	if err != nil {
		return Worked{}, err
	}
	if err := enqueue(tx, s.editPost(t, uni)); err != nil {
		return Worked{}, err
	}
	return Worked{Ticket: t}, then(t, uni)
}

// learnPostCopy remembers the pressed message as a copy of ticket id's
// post when it is a message in the ticket's team group that the bot knows
// by no ref: a post Telegram took but whose id the bot never stored. It
// reports whether it did.
func (s *Helpdesk) learnPostCopy(tx HelpdeskTx, a Actor, id string, uni *aulabot.University) (bool, error) {
	if a.Pressed == 0 || !s.Config.IsTeamChat(uni, a.Chat) {
		return false, nil
	}
	if _, known := tx.MessageRef(a.Chat, a.Pressed); known {
		return false, nil
	}
	return true, tx.AddRefCopy(PostRef(id), a.Chat, a.Pressed)
}

// CheckTeamReply checks that a may write to ticket id's requester, before
// the handler reads the attachment. Errors: those of TeamTicket; ECONFLICT
// ticket.err_requester_gone if the requester deleted their data.
func (s *Helpdesk) CheckTeamReply(tx HelpdeskTx, a Actor, id string) (aulabot.Ticket, error) {
	t, _, err := s.TeamTicket(tx, a, id)
	if err != nil {
		return t, err
	}
	if t.Requester == 0 {
		return t, aulabot.Errorf(aulabot.ECONFLICT, "ticket.err_requester_gone", "id", t.ID)
	}
	return t, nil
}

// ReplyToRequester relays team member a's text and attachments, sent as
// their message source (a part of album, if any), to ticket id's
// requester, signed with the team's name (and the member's, if the
// university signs with names), with Reply and That solved it under its
// last message. It reports whether the message was a later part of an
// album: the part before it loses those buttons, so that the album reads
// as one reply (each part had them, six buttons under two photos and
// their words), and its "sent" was said for the first part. Errors: those
// of CheckTeamReply; the store's (ticket.err_closed).
func (s *Helpdesk) ReplyToRequester(tx HelpdeskTx, a Actor, id, text string, files []aulabot.TicketFile, source int, album string) (aulabot.Ticket, bool, error) {
	t, err := s.CheckTeamReply(tx, a, id)
	if err != nil {
		return t, false, err
	}
	uni, _ := s.Config.University(t.University)
	t, msg, err := tx.AddTicketMessage(t.ID, aulabot.TicketMessage{From: a.ID, FromName: a.Name, Team: true, Text: strings.TrimSpace(text), Files: files, Source: source, Album: album})
	if err != nil {
		return t, false, err
	}
	if _, err := tx.CancelJobs(waitingKey(t.ID)); err != nil { // answered
		return t, false, err
	}
	later, err := s.albumGoesOn(tx, t, msg)
	if err != nil {
		return t, false, err
	}
	if msg.Text != "" {
		if err := enqueue(tx, s.Relay(t, msg)); err != nil {
			return t, false, err
		}
	}
	ref := relayRef(t.ID, msg.N)
	for i, f := range files {
		m := s.requesterFile(t, uni, fileRef(ref, i), msg.FromName, f)
		if i < len(files)-1 {
			m.Inline = nil // the buttons go under the last
		}
		if err := enqueue(tx, m); err != nil {
			return t, false, err
		}
	}
	if a.Private {
		return t, later, s.privateCopy(tx, t, uni, msg)
	}
	return t, later, nil
}

// albumGoesOn reports whether team message msg of ticket t is a later
// part of the album of the message before it, by the same member, and if
// so takes the buttons off that message's last copy to the requester.
func (s *Helpdesk) albumGoesOn(tx HelpdeskTx, t aulabot.Ticket, msg aulabot.TicketMessage) (bool, error) {
	if msg.Album == "" {
		return false, nil
	}
	prev, ok, err := tx.TicketMessage(t.ID, msg.N-1)
	if err != nil || !ok || !prev.Team || prev.From != msg.From || prev.Album != msg.Album {
		return false, err
	}
	last := relayRef(t.ID, prev.N)
	if len(prev.Files) > 0 {
		last = fileRef(last, len(prev.Files)-1)
	}
	return true, enqueue(tx, aulabot.Message{ChatID: t.Requester, EditRef: last}) // its buttons only: none
}

// privateCopy is, for the team group, member's message msg written to
// ticket t's requester from a private chat: the thread under the post
// stays the whole conversation for the rest of the team, and a reply to
// it reaches the requester, as a reply to the post does.
func (s *Helpdesk) privateCopy(tx HelpdeskTx, t aulabot.Ticket, uni *aulabot.University, msg aulabot.TicketMessage) error {
	if msg.Text != "" {
		if err := enqueue(tx, s.privateText(t, uni, msg)); err != nil {
			return err
		}
	}
	for i, f := range msg.Files {
		if err := enqueue(tx, s.teamFile(t, uni, fileRef(privateRef(t.ID, msg.N), i), msg.FromName, f)); err != nil {
			return err
		}
	}
	return nil
}

// privateText is the words of privateCopy.
func (s *Helpdesk) privateText(t aulabot.Ticket, uni *aulabot.University, msg aulabot.TicketMessage) aulabot.Message {
	return toTeam(t, uni, aulabot.Message{ReplyToRef: PostRef(t.ID), Ref: privateRef(t.ID, msg.N),
		Text: s.teamT("ticket.private_to_user", "id", t.ID, "name", ShortName(aulabot.CleanText(msg.FromName)), "text", msg.Text)})
}

// requesterFile is a copy of team member's attachment f for ticket t's
// requester, signed, with a Reply button, known by ref.
func (s *Helpdesk) requesterFile(t aulabot.Ticket, uni *aulabot.University, ref, member string, f aulabot.TicketFile) aulabot.Message {
	return aulabot.Message{ChatID: t.Requester, Inline: s.replyButton(t), Ref: ref,
		Text: s.Cat.T(t.Lang, "ticket.relay_file_to_user", "id", t.ID, "team", s.teamSignature(t, uni, member)),
		Copy: &aulabot.CopyOf{ChatID: f.ChatID, MessageID: f.MessageID}}
}

// SentNote is note m, the bot's word in a team group that a member's
// message about ticket id reached the requester, marked as part of the
// ticket's thread: a reply to the note reaches the requester too, like a
// reply to the post.
func (s *Helpdesk) SentNote(id string, m aulabot.Message) aulabot.Message {
	m.Ref = sentRef(id)
	return m
}

// Replied returns the ticket a reply to the bot's message replied is
// about, and whether it goes to the requester (a reply in the ticket's
// team group, or to a ticket's view in a member's private chat) or to the
// team (the requester's, privately); false if it is not about a ticket,
// or not in a chat where it continues the conversation. team is the team
// group the reply came from, nil in a private chat.
func (s *Helpdesk) Replied(tx HelpdeskTx, chat int64, replied aulabot.Replied, team *aulabot.University) (id string, toRequester, ok bool) {
	ref, known := tx.MessageRef(chat, replied.MessageID)
	id, toRequester, ok = refTicket(ref)
	if !known && replied.FromBot {
		// The ref is stored when the sender marks the message sent; a quick
		// reply can beat it, and a post sent twice after a crash has a copy
		// the store never learnt. The bot's messages about a ticket name it
		// on their first line; ReplyToTeam checks that a requester's ticket
		// is their own, and a team group must be the ticket's own (below).
		id, ok = ticketIDIn(replied.Text)
		toRequester = team != nil
	}
	switch {
	case !ok:
		return "", false, false
	case toRequester && team == nil:
		return id, true, strings.HasPrefix(ref, refPrivate)
	case toRequester:
		return id, true, strings.HasPrefix(id, strings.ToUpper(team.ID)+"-")
	}
	return id, false, team == nil
}

// ticketIDIn finds a ticket id among the first words of the first line of
// one of the bot's messages ("💬 UNMA-7 · Technical team…", "🎫 UNMA-7 · …").
func ticketIDIn(text string) (string, bool) {
	first, _, _ := strings.Cut(text, "\n")
	words := strings.Fields(first)
	for _, w := range words[:min(len(words), 3)] {
		if uni, n, ok := aulabot.ParseTicketID(w); ok {
			return aulabot.TicketID(uni, n), true
		}
	}
	return "", false
}

// TicketIDsIn returns the ids of university uni's tickets that text (one
// of the bot's messages, as Telegram gives it, or its HTML) names, each
// once, in order: a reminder or a list about several tickets.
func TicketIDsIn(text, uni string) []string {
	var ids []string
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return r != '-' && !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if u, n, ok := aulabot.ParseTicketID(w); ok && strings.EqualFold(u, uni) {
			if id := aulabot.TicketID(u, n); !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	return ids
}

// Queue is one university's part of /queue.
type Queue struct {
	University *aulabot.University
	Tickets    []aulabot.Ticket // open and claimed, oldest first
	More       int              // those not listed
}

// Queues returns the open and claimed tickets (the open ones alone if
// unclaimed), at most limit per university, of team's university (a
// /queue in its team group), or, with team nil, of every university roles
// may work for; and the time now, to show their ages. Errors: EFORBIDDEN
// ticket.err_only_team for someone not on team.
func (s *Helpdesk) Queues(tx HelpdeskTx, roles aulabot.Roles, team *aulabot.University, limit int, unclaimed bool) ([]Queue, time.Time, error) {
	unis, err := s.queueUnis(roles, team)
	if err != nil {
		return nil, time.Time{}, err
	}
	var qs []Queue
	for _, uni := range unis {
		list := tx.ActiveTickets
		if unclaimed {
			list = tx.UnclaimedTickets
		}
		ts, total, err := list(uni.ID, limit)
		if err != nil {
			return nil, time.Time{}, err
		}
		qs = append(qs, Queue{University: uni, Tickets: ts, More: total - len(ts)})
	}
	return qs, tx.Now(), nil
}

// Answered returns, of tickets ts, the unclaimed ones whose last message
// is a team member's, with the member's name: answered but not taken, so
// that /queue does not show them as untouched (a member who answers
// without claiming leaves the ticket unclaimed). One record read per
// unclaimed ticket with messages.
func (s *Helpdesk) Answered(tx HelpdeskTx, ts []aulabot.Ticket) (map[string]string, error) {
	out := map[string]string{}
	for _, t := range ts {
		if t.State != aulabot.TicketOpen || t.Messages == 0 {
			continue
		}
		last, ok, err := tx.TicketMessage(t.ID, t.Messages)
		if err != nil {
			return nil, err
		}
		if ok && last.Team {
			out[t.ID] = last.FromName
		}
	}
	return out, nil
}

// queueUnis are the universities of a /queue: team's (in its team group),
// or, with team nil, every one roles may work for. Errors: EFORBIDDEN
// ticket.err_only_team for someone not on team.
func (s *Helpdesk) queueUnis(roles aulabot.Roles, team *aulabot.University) ([]*aulabot.University, error) {
	if team != nil {
		if !MayWork(roles, team.ID) {
			return nil, aulabot.Errorf(aulabot.EFORBIDDEN, "ticket.err_only_team", "university", team.Name)
		}
		return []*aulabot.University{team}, nil
	}
	var unis []*aulabot.University
	for i := range s.Config.Universities {
		if u := &s.Config.Universities[i]; MayWork(roles, u.ID) {
			unis = append(unis, u)
		}
	}
	return unis, nil
}

// QueueCounts are how many of a /queue's tickets (its universities, as
// Queues) a has claimed, and how many nobody has: read from the indexes'
// keys and values, no ticket decoded.
func (s *Helpdesk) QueueCounts(tx HelpdeskTx, a Actor, team *aulabot.University) (mine, unclaimed int, err error) {
	unis, err := s.queueUnis(a.Roles, team)
	if err != nil {
		return 0, 0, err
	}
	in := map[string]bool{}
	for _, u := range unis {
		in[u.ID] = true
		_, n, err := tx.UnclaimedTickets(u.ID, 0)
		if err != nil {
			return 0, 0, err
		}
		unclaimed += n
	}
	return tx.OwnedTicketCount(a.ID, func(uni string) bool { return in[uni] }), unclaimed, nil
}

// Claimed returns the active tickets a has claimed, of the team's
// university (a /queue in its team group) or, with team nil, of every
// university a may still work for; and the time now, to show their ages.
// It reads the owner's index, never the whole queue. Errors: EFORBIDDEN
// ticket.err_only_team for someone not on team.
func (s *Helpdesk) Claimed(tx HelpdeskTx, a Actor, team *aulabot.University) ([]aulabot.Ticket, time.Time, error) {
	return s.HeldBy(tx, a, a.ID, team)
}

// HeldBy is Claimed for the tickets member holds ("¿qué tickets tiene Tec
// 2?"): those of the universities a works for, of team's alone when it
// is not nil, whoever member is (a member of another team holds none of
// them).
func (s *Helpdesk) HeldBy(tx HelpdeskTx, a Actor, member int64, team *aulabot.University) ([]aulabot.Ticket, time.Time, error) {
	if team != nil && !MayWork(a.Roles, team.ID) {
		return nil, time.Time{}, aulabot.Errorf(aulabot.EFORBIDDEN, "ticket.err_only_team", "university", team.Name)
	}
	all, err := tx.ActiveTicketsOwnedBy(member)
	if err != nil {
		return nil, time.Time{}, err
	}
	var out []aulabot.Ticket
	for _, t := range all {
		if MayWork(a.Roles, t.University) && (team == nil || t.University == team.ID) {
			out = append(out, t)
		}
	}
	return out, tx.Now(), nil
}
