package service

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/aulabot/aulabot"
)

// Erase is the helpdesk's part of a person's deletion (one of
// Onboarding.Erasers, wired by New). It runs in the deletion's
// transaction, before the store's part: it erases the person's data from
// their tickets (EraseTicketsOf; the store's own part then drops every
// ref and queued message that names the person's chat) and makes the team
// groups show nothing of them (eraseTeamCopies). The tickets keep their
// numbers, states and counts. A member of staff is then taken out of the
// tickets they worked (eraseStaff).
func (s *Helpdesk) Erase(tx Tx, user int64) error {
	type shown struct {
		t    aulabot.Ticket
		msgs []aulabot.TicketMessage
	}
	ts, err := tx.TicketsOf(user)
	if err != nil {
		return err
	}
	var before []shown
	for _, t := range ts {
		ms, err := tx.TicketMessages(t.ID)
		if err != nil {
			return err
		}
		before = append(before, shown{t, ms})
	}
	if _, err := tx.EraseTicketsOf(user); err != nil {
		return err
	}
	s.messages.forget(user)
	for _, b := range before {
		uni, ok := s.Config.University(b.t.University)
		if !ok {
			continue
		}
		t, ok, err := tx.Ticket(b.t.ID)
		if err != nil || !ok {
			return err
		}
		if err := s.eraseTeamCopies(tx, t, uni, b.t, b.msgs, user); err != nil {
			return err
		}
	}
	return s.eraseStaff(tx, user)
}

// Held counts the tickets member holds (claimed), in every university:
// what their deletion gives back to the rest of the team (eraseStaff).
func (s *Helpdesk) Held(tx HelpdeskTx, member int64) int {
	return tx.OwnedTicketCount(member, func(string) bool { return true })
}

// StaffErasePart is how many of the tickets a member of staff worked one
// transaction takes them out of (eraseStaff): about 7 ms. All in one, a
// technician who resolved 3,000 held every chat's commit for 235-239 ms
// (BenchmarkDeleteMyData_Staff).
const StaffErasePart = 100

// eraseStaff takes member of staff user out of the tickets they worked, a
// part in the deletion's transaction (the tickets they hold first: open
// again for the team at once) and the rest by JobStaffErase, a part at a
// time, each in its own transaction, until none is left (the store's
// DeleteUserData leaves them to it).
func (s *Helpdesk) eraseStaff(tx HelpdeskTx, user int64) error {
	more, err := s.eraseStaffPart(tx, user)
	if err != nil || !more {
		return err
	}
	return tx.Schedule(aulabot.Job{Key: aulabot.StaffEraseKey(user), Kind: JobStaffErase, Due: tx.Now(),
		Data: map[string]string{"user": strconv.FormatInt(user, 10)}})
}

// EraseStaffRest is JobStaffErase: the next part of a member of staff's
// tickets, and the job again while some are left.
func (s *Helpdesk) EraseStaffRest(tx HelpdeskTx, j aulabot.Job) error {
	user, err := strconv.ParseInt(j.Data["user"], 10, 64)
	if err != nil {
		return fmt.Errorf("staff erase job %s: %w", j.Key, err)
	}
	return s.eraseStaff(tx, user)
}

// eraseStaffPart takes member of staff user out of StaffErasePart of the
// tickets they worked (EraseStaffPart; more: some are left): each post
// shows its ticket without them, their answers in the requesters' chats
// are signed with the team's name alone where the university signs with
// names (resign), and a ticket they held, open again, gets the claim
// reminder and escalation of an open ticket from now, its wait for an
// answer gone. The posts' edits give way to the group's other messages
// (Message.Yield), but for those of the tickets open again, which the
// team must see: a member who worked a thousand tickets would otherwise
// take the group's turns for fifty minutes.
func (s *Helpdesk) eraseStaffPart(tx HelpdeskTx, user int64) (bool, error) {
	changed, reopened, msgs, more, err := tx.EraseStaffPart(user, StaffErasePart)
	if err != nil {
		return false, err
	}
	for _, t := range changed {
		uni, ok := s.Config.University(t.University)
		if !ok {
			continue
		}
		post := s.editPost(t, uni)
		post.Yield = !slices.Contains(reopened, t.ID)
		if err := enqueue(tx, post); err != nil {
			return false, err
		}
		if err := s.resign(tx, t, uni, msgs); err != nil {
			return false, err
		}
		if !slices.Contains(reopened, t.ID) {
			continue
		}
		if _, err := tx.CancelJobs(slaPrefix(t.ID)); err != nil {
			return false, err
		}
		if err := s.scheduleSLA(tx, t, uni); err != nil {
			return false, err
		}
	}
	return more, nil
}

// eraseTeamCopies makes ticket t's team group show nothing of its
// requester, who deleted their data: t is the ticket as erased, old and
// msgs what the group was shown. Messages still waiting in the outbox are
// rewritten before they are sent; those sent are edited, in the ticket's
// lane, so after whatever was queued before: the post (and every copy of
// it) to its "(data deleted)" version with its state and buttons, each
// relayed message and the rating note likewise. An attachment's caption is
// edited and then the copy is deleted: deleting removes the file itself
// (a screenshot may show the person's name), and the caption edit covers
// the case where Telegram refuses to delete (a bot may delete its messages
// in a group only for 48 hours unless it is an administrator there). The
// words heard in a round video, a message of their own, go the same way.
func (s *Helpdesk) eraseTeamCopies(tx HelpdeskTx, t aulabot.Ticket, uni *aulabot.University, old aulabot.Ticket, msgs []aulabot.TicketMessage, user int64) error {
	post, buttons := s.postText(t, uni), s.postButtons(t)
	relay := s.teamT("ticket.relay_to_team_erased", "id", t.ID)
	file := s.teamT("ticket.relay_file_erased", "id", t.ID)
	note := s.teamT("ticket.team_event_note_erased", "id", t.ID)

	var edits []aulabot.Message
	texts := map[string]string{} // ref of a message that showed the person's words -> its erased text
	files := func(ref string, fs []aulabot.TicketFile) {
		for i, f := range fs {
			r := fileRef(ref, i)
			texts[r] = file // a caption's edit not sent yet (Heard)
			edits = append(edits, aulabot.Message{EditRef: r, EditCaption: true, Text: file}, aulabot.Message{EditRef: r, Delete: true})
			if w := heardRef(r); roundVideo(f.File) {
				texts[w] = relay // words not sent yet
				if _, _, sent := tx.Ref(w); sent {
					edits = append(edits, aulabot.Message{EditRef: w, Text: relay}, aulabot.Message{EditRef: w, Delete: true})
				}
			}
		}
	}
	edits = append(edits, aulabot.Message{EditRef: PostRef(t.ID), Text: post, Inline: buttons})
	files(inRef(t.ID, 0), old.Files)
	for _, m := range msgs {
		if m.Team {
			continue
		}
		ref := inRef(t.ID, m.N)
		if m.Text != "" {
			texts[ref] = relay
			edits = append(edits, aulabot.Message{EditRef: ref, Text: relay})
		}
		files(ref, m.Files)
	}
	if old.RatingNote != "" {
		texts[noteRef(t.ID)] = note
		edits = append(edits, aulabot.Message{EditRef: noteRef(t.ID), Text: note})
	}

	_, err := tx.ReviseQueued(uni.TeamChat, t.ID, func(m *aulabot.Message) bool {
		switch {
		case m.Ref == PostRef(t.ID) || m.EditRef == PostRef(t.ID):
			m.Text, m.Inline = post, buttons
		case m.Copy != nil && m.Copy.ChatID == user:
			m.Copy, m.Text = nil, file // not sent yet: a line instead of the file
		case texts[m.Ref] != "":
			m.Text = texts[m.Ref]
		case texts[m.EditRef] != "": // an edit of theirs not sent yet (RequesterEdited)
			m.Text = texts[m.EditRef]
		default:
			return false // the bot's own lines (reminders, events), the team's words
		}
		return true
	})
	if err != nil {
		return err
	}
	for _, m := range edits {
		if err := enqueue(tx, toTeam(t, uni, m)); err != nil {
			return err
		}
	}
	return nil
}

// resign edits the team's messages of msgs that reached ticket t's
// requester, whose author deleted their data, to be signed with the
// team's name alone: their words, their files' captions (not a voice
// note's, which may hold the words heard from it). Nothing where
// the university signs with the team's name only, or for a requester
// who deleted theirs.
func (s *Helpdesk) resign(tx HelpdeskTx, t aulabot.Ticket, uni *aulabot.University, msgs []aulabot.TicketMessage) error {
	if !uni.SignWithName || t.Requester == 0 {
		return nil
	}
	for _, m := range msgs {
		if m.Ticket != t.ID {
			continue
		}
		var edits []aulabot.Message
		switch {
		case isArticle(m):
			r := s.articleLine(t, uni, m)
			edits = append(edits, aulabot.Message{ChatID: t.Requester, EditRef: r.Ref, Text: r.Text})
		case m.Text != "":
			r := s.Relay(t, m)
			edits = append(edits, aulabot.Message{ChatID: t.Requester, EditRef: r.Ref, Text: r.Text, Inline: r.Inline})
		}
		for i, f := range m.Files {
			if f.File.Kind == aulabot.FileVoice {
				continue // its caption may hold the words heard from it (Heard), which a new caption would lose
			}
			r := s.requesterFile(t, uni, fileRef(relayRef(t.ID, m.N), i), "", f)
			edits = append(edits, aulabot.Message{ChatID: t.Requester, EditRef: r.Ref, EditCaption: true, Text: r.Text, Inline: r.Inline})
		}
		if err := enqueue(tx, edits...); err != nil {
			return err
		}
	}
	return nil
}
