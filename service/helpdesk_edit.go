package service

import (
	"slices"
	"strings"

	"github.com/aulabot/aulabot"
)

// A ticket's description, or a message relayed on it, edited by its
// sender, as Telegram lets people do: the other side's copy (the post, or
// the relayed message) is edited to the new words, marked as edited, so
// that the team does not work from a typo and the requester does not read
// a wrong step. A file's caption is relayed as a message of its own beside
// the file's copy, and its edit carried the same way: a caption added is
// sent, one taken off takes its message away. A file replaced by another
// (Telegram lets people replace a sent photo or document) takes the old
// copy away and is copied anew, marked as edited: a fresh copy of the
// sender's message carries the file it now holds, of whatever kind.

// RequesterRelayed returns which of requester user's active tickets
// their message source described, or was relayed on; false if none.
func (s *Helpdesk) RequesterRelayed(tx HelpdeskTx, user int64, source int) (string, bool, error) {
	for _, id := range s.Open(tx, user) {
		t, ok, err := tx.Ticket(id)
		if err != nil {
			return "", false, err
		}
		if ok && source != 0 && (t.Source == source || aulabot.FileIndex(t.Files, user, source) >= 0) {
			return id, true, nil
		}
		_, ok, err = relayedFrom(tx, id, user, false, source)
		if err != nil || ok {
			return id, ok, err
		}
	}
	return "", false, nil
}

// RequesterEdited carries requester user's edit of their message source
// on ticket id to the team: the description in the post (and its
// copies), which keeps the words that started the report, a file sent
// with it replaced, or a message relayed under it (its words, its file);
// false if source is none of them, or nothing of it changed but the
// format (then nothing changes). file is the message's file as edited
// (nil: none). Errors: those of RequesterTicket; the store's (an empty or
// too long text, a closed ticket).
func (s *Helpdesk) RequesterEdited(tx HelpdeskTx, user int64, id string, source int, text string, file *aulabot.File) (aulabot.Ticket, bool, error) {
	t, uni, err := s.RequesterTicket(tx, user, id)
	if err != nil {
		return t, false, err
	}
	if source == 0 || (t.Source != source && aulabot.FileIndex(t.Files, user, source) < 0) {
		return s.editRelayed(tx, t, user, false, user, source, text, file)
	}
	t, replaced, err := s.replaceFile(tx, t, 0, t.Files, user, source, file, t.RequesterName, false)
	if err == nil && !replaced && t.Source != source {
		// A screenshot sent before the description: its caption is not
		// part of the ticket, so its edit is not read, as anywhere else.
		err = aulabot.Errorf(aulabot.EINVALID, "edit.not_read")
	}
	if err != nil || t.Source != source {
		return t, replaced, err
	}
	desc := withOpening(t.Opening, strings.TrimSpace(text))
	if replaced && desc == t.Description {
		return t, true, nil // a photo that started the report replaced, its words kept
	}
	if t, err = tx.EditTicketDescription(t.ID, desc); err != nil {
		return t, false, err
	}
	return t, true, enqueue(tx, s.editPost(t, uni))
}

// TeamEdited carries team member a's edit of their message source, a
// reply on ticket id, to the requester: its words, its file (file is the
// message's file as edited, nil none); false if it relayed nothing there
// or nothing of it changed but the format (then nothing changes).
// Errors: those of CheckTeamReply; the store's.
func (s *Helpdesk) TeamEdited(tx HelpdeskTx, a Actor, id string, source int, text string, file *aulabot.File) (aulabot.Ticket, bool, error) {
	t, err := s.CheckTeamReply(tx, a, id)
	if err != nil {
		return t, false, err
	}
	return s.editRelayed(tx, t, a.ID, true, a.Chat, source, text, file)
}

// editRelayed carries from's edit of their message source in chat on
// ticket t (team: a team member's reply) to the other side: its file
// replaced (replaceFile), and its words as text, the relayed words edited
// and marked so, sent (a caption added to a file) or taken away (a
// caption taken off); false if source was not relayed on t, or nothing
// of it changed but the format.
func (s *Helpdesk) editRelayed(tx HelpdeskTx, t aulabot.Ticket, from int64, team bool, chat int64, source int, text string, file *aulabot.File) (aulabot.Ticket, bool, error) {
	was, ok, err := relayedFrom(tx, t.ID, from, team, source)
	if err != nil || !ok {
		return t, false, err
	}
	t, replaced, err := s.replaceFile(tx, t, was.N, was.Files, chat, source, file, was.FromName, team)
	if err != nil || was.Text == aulabot.CleanText(strings.TrimSpace(text)) {
		return t, replaced, err
	}
	t, m, err := tx.EditTicketMessage(t.ID, was.N, strings.TrimSpace(text))
	if err != nil {
		return t, false, err
	}
	mark := s.teamT("ticket.edited")
	if team {
		mark = s.Cat.T(t.Lang, "ticket.edited")
	}
	edits := []aulabot.Message{edited(s.Relay(t, m), was.Text, m.Text, mark)}
	if uni, ok := s.Config.University(t.University); ok && team && chat > 0 {
		// Written privately: its copy in the team group's thread follows.
		edits = append(edits, edited(s.privateText(t, uni, m), was.Text, m.Text, s.teamT("ticket.edited")))
	}
	return t, true, enqueue(tx, edits...)
}

// edited is m, a message's relayed words as they are now (now; they were
// was), as an edit of the copy sent: taken away when no words are left,
// sent when there were none (as the file's words would have been), else
// edited; marked.
func edited(m aulabot.Message, was, now, mark string) aulabot.Message {
	switch {
	case now == "":
		return aulabot.Message{ChatID: m.ChatID, Lane: m.Lane, EditRef: m.Ref, Delete: true}
	case was == "":
		m.Text += "\n" + mark
		return m
	}
	return aulabot.Message{ChatID: m.ChatID, Lane: m.Lane, EditRef: m.Ref, Inline: m.Inline, Text: m.Text + "\n" + mark}
}

// replaceFile carries the replacement of the file of message source in
// chat, one of files (those of message n of ticket t; 0 the ticket's
// own), by file to the other side: the stored file is the new one, the
// old copy goes, and the sender's message is copied again under the same
// ref, marked as edited. from is the sender's name, team whether they are
// of the team. False if source has no file among files, or its file is
// file (its words edited, or only their format).
func (s *Helpdesk) replaceFile(tx HelpdeskTx, t aulabot.Ticket, n int, files []aulabot.TicketFile, chat int64, source int, file *aulabot.File, from string, team bool) (aulabot.Ticket, bool, error) {
	i := aulabot.FileIndex(files, chat, source)
	if file == nil || i < 0 || files[i].File.Same(*file) {
		return t, false, nil
	}
	t, i, err := tx.ReplaceTicketFile(t.ID, n, chat, source, *file)
	if err != nil {
		return t, false, err
	}
	uni, ok := s.Config.University(t.University)
	if !ok {
		return t, false, nil
	}
	marked := func(m aulabot.Message, lang string) aulabot.Message {
		m.Text += "\n" + s.Cat.T(lang, "ticket.edited")
		return m
	}
	var copies []aulabot.Message
	if team {
		copies = append(copies, marked(s.requesterFile(t, uni, fileRef(relayRef(t.ID, n), i), from, files[i]), t.Lang))
		if chat > 0 { // written privately: its copy in the team group's thread too
			copies = append(copies, marked(s.teamFile(t, uni, fileRef(privateRef(t.ID, n), i), from, files[i]), s.Config.Language))
		}
	} else {
		copies = append(copies, marked(s.teamFile(t, uni, fileRef(inRef(t.ID, n), i), from, files[i]), s.Config.Language))
	}
	var msgs []aulabot.Message
	for _, again := range copies {
		msgs = append(msgs, aulabot.Message{ChatID: again.ChatID, Lane: again.Lane, EditRef: again.Ref, Delete: true}, again)
	}
	return t, true, enqueue(tx, msgs...)
}

// relayedFrom returns the message of ticket id that from sent as their
// message source (team: a team member's), if it is still there.
func relayedFrom(tx HelpdeskTx, id string, from int64, team bool, source int) (aulabot.TicketMessage, bool, error) {
	if source == 0 {
		return aulabot.TicketMessage{}, false, nil
	}
	ms, err := tx.TicketMessages(id)
	if err != nil {
		return aulabot.TicketMessage{}, false, err
	}
	i := slices.IndexFunc(ms, func(m aulabot.TicketMessage) bool {
		return m.Source == source && m.From == from && m.Team == team && !m.Erased
	})
	if i < 0 {
		return aulabot.TicketMessage{}, false, nil
	}
	return ms[i], true, nil
}
