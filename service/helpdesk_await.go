package service

import (
	"slices"
	"strings"
	"time"

	"github.com/aulabot/aulabot"
)

// Words typed, without Reply, while the team waits on the requester's
// answer: the team asked something on a ticket and the requester, on a
// phone, types the answer as a new message. It used to be answered as a
// question to the knowledge base (an article about browsers for "uso
// chrome"), and the team never got it. Now the bot asks, with two
// buttons, whether it goes to the team or is a question for the bot;
// nothing is sent before the person says so.

// FlowAnswerTeam holds the words until the person chooses. Words typed
// meanwhile join them: people answer in several short messages. A message
// with a file (the screenshot the team asked for, a voice note) is held
// alone, with its caption: nothing joins it but the other parts of its
// album, and it joins nothing.
var FlowAnswerTeam = aulabot.Flow[AnswerTeam]{Name: "tkans"}

// AnswerTeam is what FlowAnswerTeam keeps: the ticket waiting on an
// answer, the words, how many messages they came in, the message when one
// (0 when several joined: an edit of one of them is then not carried), and
// its file; for an album, the album and its other parts. Words of several
// messages are also kept one by one (Typed), so that, answered as
// questions, each is its own.
type AnswerTeam struct {
	Ticket   string        `json:"id"`
	Text     string        `json:"text"`
	Messages int           `json:"n"`
	Source   int           `json:"src,omitempty"`
	File     *aulabot.File `json:"file,omitempty"`
	Album    string        `json:"album,omitempty"`
	More     []Part        `json:"more,omitempty"`
	Typed    []Typed       `json:"typed,omitempty"`
}

// Typed is one message of words held: its words and the message.
type Typed struct {
	Text   string `json:"text"`
	Source int    `json:"src"`
}

// Part is a message of an album after its first: the message and its file.
type Part struct {
	Source int          `json:"src"`
	File   aulabot.File `json:"file"`
}

// Reheld puts file in what FlowAnswerTeam holds (state st) for message
// source, whose file an edit replaced before the person chose: the choice
// then sends, and checks, the file the message now holds (the team's copy
// is of the message as it is when sent). It reports whether st held
// another file for that message.
func Reheld(st aulabot.State, source int, file aulabot.File) (aulabot.State, bool) {
	d, ok := FlowAnswerTeam.Data(st)
	if !ok || source == 0 {
		return st, false
	}
	switch i := slices.IndexFunc(d.More, func(p Part) bool { return p.Source == source }); {
	case d.Source == source && d.File != nil && !d.File.Same(file):
		d.File = &file
	case i >= 0 && !d.More[i].File.Same(file):
		d.More = slices.Clone(d.More)
		d.More[i].File = file
	default:
		return st, false
	}
	return FlowAnswerTeam.At(st.Step, d), true
}

// Retyped puts text in what FlowAnswerTeam holds (state st) for message
// source, whose words an edit changed before the person chose: the choice
// then sends, or asks, the words as they are now. It reports whether st
// held words of that message (a file's caption is not carried) and the
// words, with the edit, still fit a ticket's message.
func Retyped(st aulabot.State, source int, text string) (aulabot.State, bool) {
	d, ok := FlowAnswerTeam.Data(st)
	text = strings.TrimSpace(text)
	if !ok || source == 0 || text == "" || d.File != nil {
		return st, false
	}
	if i := slices.IndexFunc(d.Typed, func(t Typed) bool { return t.Source == source }); i >= 0 {
		d.Typed = slices.Clone(d.Typed)
		d.Typed[i].Text = text
		words := make([]string, len(d.Typed))
		for j, t := range d.Typed {
			words[j] = t.Text
		}
		d.Text = strings.Join(words, "\n")
	} else if len(d.Typed) == 0 && d.Source == source {
		d.Text = text
	} else {
		return st, false
	}
	if aulabot.ValidTicketText(aulabot.CleanText(d.Text)) != nil {
		return st, false
	}
	return FlowAnswerTeam.At(st.Step, d), true
}

// AwaitWindow is how long after the team's last message on a ticket the
// requester's words are taken as a possible answer to it.
const AwaitWindow = 72 * time.Hour

// Awaiting returns requester user's open or claimed ticket whose
// conversation ends with a message of the team less than AwaitWindow
// before now (the latest such, when several): the team waits on the
// person's answer. False if none.
func (s *Helpdesk) Awaiting(tx HelpdeskTx, user int64, now time.Time) (aulabot.Ticket, bool, error) {
	return s.latestActive(tx, user, func(t aulabot.Ticket) (time.Time, bool, error) {
		last, ok, err := tx.TicketMessage(t.ID, t.Messages) // a question's path: one record, not the conversation
		return last.At, ok && last.Team && now.Sub(last.At) < AwaitWindow, err
	})
}

// FollowWindow is how long after the last change of a requester's
// active ticket (a message of either side, a claim) a screenshot sent
// with words is taken as possibly for it (Following).
const FollowWindow = 24 * time.Hour

// Following returns requester user's open or claimed ticket changed last
// less than FollowWindow before now (the latest such, when several):
// words sent with a file, after the person wrote to the team ("así me
// sale ahora" with the screenshot), are more likely for it than a
// question. False if none.
func (s *Helpdesk) Following(tx HelpdeskTx, user int64, now time.Time) (aulabot.Ticket, bool, error) {
	return s.latestActive(tx, user, func(t aulabot.Ticket) (time.Time, bool, error) {
		return t.Updated, now.Sub(t.Updated) < FollowWindow, nil
	})
}

// AwaitingRating returns requester user's tickets resolved and not yet
// rated (the team asked for stars, or a reopen): a "5" or "no se
// resolvió" typed under the question is for one of them, when there is
// only one waiting on the person.
func (s *Helpdesk) AwaitingRating(tx HelpdeskTx, user int64) ([]aulabot.Ticket, error) {
	ts, err := tx.TicketsOf(user)
	return slices.DeleteFunc(ts, func(t aulabot.Ticket) bool {
		return t.State != aulabot.TicketResolved || t.Rating != 0
	}), err
}

// latestActive returns requester user's open or claimed ticket that
// counts (at: when, and whether it does), the latest such. False if none.
func (s *Helpdesk) latestActive(tx HelpdeskTx, user int64, at func(aulabot.Ticket) (time.Time, bool, error)) (aulabot.Ticket, bool, error) {
	var best aulabot.Ticket
	var when time.Time
	for _, id := range s.Open(tx, user) {
		t, ok, err := tx.Ticket(id)
		if err != nil {
			return aulabot.Ticket{}, false, err
		}
		if !ok || !t.Active() {
			continue
		}
		w, counts, err := at(t)
		if err != nil {
			return aulabot.Ticket{}, false, err
		}
		if counts && w.After(when) {
			best, when = t, w
		}
	}
	return best, !when.IsZero(), nil
}

// HoldAnswer keeps text, typed as message source with file (nil: none) of
// album ("": none), in FlowAnswerTeam for ticket id: words added to those
// already held (st), a part of an album to its first, or the first.
// Errors: EINVALID ticket.answer_pick when a file would join what is held
// (but its album) or words a held file (the person chooses for it first);
// ticket.answer_too_long when the words together are more than a
// ticket's message takes.
func (s *Helpdesk) HoldAnswer(st aulabot.State, id, text string, source int, file *aulabot.File, album string) (aulabot.State, error) {
	d := AnswerTeam{Ticket: id, Text: strings.TrimSpace(text), Messages: 1, Source: source, File: file}
	if file != nil {
		d.Album = album
	}
	if held, ok := FlowAnswerTeam.Data(st); ok && held.Ticket == id {
		switch {
		case file != nil && album != "" && album == held.Album:
			held.More = append(held.More, Part{Source: source, File: *file})
			held.Messages++
			if d.Text != "" { // a caption on another part than the first
				held.Text = strings.TrimSpace(held.Text + "\n" + d.Text)
			}
			d = held
		case held.File != nil || file != nil:
			return st, aulabot.Errorf(aulabot.EINVALID, "ticket.answer_pick", "id", id)
		default:
			typed := held.Typed
			if len(typed) == 0 {
				typed = []Typed{{Text: held.Text, Source: held.Source}}
			}
			typed = append(slices.Clip(typed), Typed{Text: d.Text, Source: source})
			d.Text, d.Messages, d.Source, d.Typed = held.Text+"\n"+d.Text, held.Messages+1, 0, typed
		}
	}
	if (d.File == nil || d.Text != "") && aulabot.ValidTicketText(aulabot.CleanText(d.Text)) != nil {
		return st, aulabot.Errorf(aulabot.EINVALID, "ticket.answer_too_long")
	}
	return FlowAnswerTeam.At(TicketText, d), nil
}
