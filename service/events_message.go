package service

import (
	"fmt"
	"time"

	"github.com/aulabot/aulabot"
)

// An organiser writes to those who said they would attend a training:
// the slides or the recording afterwards, "bring your course open", a
// room change in words; or, after it, to those of them who said they
// could not come (the recording, the next date). Each gets it in a
// message naming the training, in their language; the organiser's words
// and file as written. Those who declined or did not answer get nothing
// (an announcement reaches everyone).

// FlowEventMessage waits for what an organiser writes to those attending
// an event.
var FlowEventMessage = aulabot.Flow[EventChange]{Name: "evmsg"}

// EventFollowUp is how long after a training's start its organisers may
// still write to those who said they would attend.
const EventFollowUp = 7 * 24 * time.Hour

// attendeesKey is the outbox key of an organiser's message number n about
// event id to person p, and of its file (part ":f"): "evmsg:7:2:USER".
func attendeesKey(id uint64, n int, p int64, part string) string {
	return fmt.Sprintf("evmsg:%d:%d:%d%s", id, n, p, part)
}

// writable reads event id for someone with roles r who writes to those
// attending. Errors: ENOTFOUND for someone who may not manage it, as for
// an event that does not exist; ECONFLICT if it was cancelled, if it
// started more than EventFollowUp ago, or if nobody said they would
// attend.
func writable(tx EventsTx, r aulabot.Roles, id uint64) (aulabot.Event, error) {
	e, ok, err := tx.Event(id)
	if err != nil {
		return e, err
	}
	switch {
	case !ok || !mayManage(r, e):
		return e, aulabot.Errorf(aulabot.ENOTFOUND, "event.err_not_found")
	case !e.Cancelled.IsZero():
		return e, aulabot.Errorf(aulabot.ECONFLICT, "event.err_cancelled", "title", e.Title)
	case !tx.Now().Before(e.At.Add(EventFollowUp)):
		return e, aulabot.Errorf(aulabot.ECONFLICT, "event.err_message_ended", "title", e.Title, "days", int(EventFollowUp/(24*time.Hour)))
	case e.Counts.Attending == 0:
		return e, nobody(e, false)
	}
	return e, nil
}

// StartMessage begins writing to those attending event id, or (missed)
// to those who said after it that they could not come, for someone with
// roles r. Errors: those of writable; ECONFLICT
// event.err_message_no_missed when nobody said they could not come.
func (s *Events) StartMessage(tx EventsTx, r aulabot.Roles, id uint64, missed bool) (aulabot.State, aulabot.Event, error) {
	e, err := writable(tx, r, id)
	if err == nil && missed && e.Counts.Missed == 0 {
		err = nobody(e, missed)
	}
	if err != nil {
		return aulabot.State{}, e, err
	}
	return FlowEventMessage.At("", EventChange{Event: id, Missed: missed}), e, nil
}

// EventMessageConfirm is FlowEventMessage's step once a message to those
// attending came with the words that asked for it ("avisa a los inscritos
// de la formación del miércoles que traigan su curso abierto"): waiting
// for Yes, send it; other words typed replace it.
const EventMessageConfirm = "confirm"

// PlanEventMessage reads text, the message an organiser (roles r) typed
// with the words that asked to write to those attending event id, and
// returns FlowEventMessage waiting for them to confirm it, and the event:
// nothing is sent yet, so that the training and the words read from the
// request are seen before they reach anyone. Errors: MessageAttendees'.
func (s *Events) PlanEventMessage(tx EventsTx, r aulabot.Roles, id uint64, text string) (aulabot.State, aulabot.Event, error) {
	if _, err := noteText(text, nil); err != nil {
		return aulabot.State{}, aulabot.Event{}, aulabot.Errorf(aulabot.EINVALID, "event.err_message", "max", SlotMaxMessage)
	}
	e, err := writable(tx, r, id)
	if err != nil {
		return aulabot.State{}, e, err
	}
	return FlowEventMessage.At(EventMessageConfirm, EventChange{Event: id, Text: aulabot.CleanText(text)}), e, nil
}

// PlannedEventMessage is the message FlowEventMessage st waits to send to
// those attending event id (PlanEventMessage). Anything else is a stale
// button.
func PlannedEventMessage(st aulabot.State, id uint64) (string, error) {
	d, ok := FlowEventMessage.Data(st)
	if !ok || st.Step != EventMessageConfirm || d.Event != id || d.Text == "" {
		return "", stale()
	}
	return d.Text, nil
}

// nobody is the error of a message to e's attendees (or, missed, to those
// who could not come) that nobody would get.
func nobody(e aulabot.Event, missed bool) error {
	if missed {
		return aulabot.Errorf(aulabot.ECONFLICT, "event.err_message_no_missed", "title", e.Title)
	}
	return aulabot.Errorf(aulabot.ECONFLICT, "event.err_message_nobody", "title", e.Title)
}

// EventMessaged is what MessageAttendees did: the event, and how many
// people were sent the message.
type EventMessaged struct {
	Event  aulabot.Event
	Told   int
	Missed bool // to those who could not come
}

// MessageAttendees sends what someone with roles r wrote in the flow st
// (text, and the file of their message, when it has one) to everyone who
// said they would attend its event, or to those of them who said after it
// that they could not come (the flow's Missed), in the bulk lane, once
// each (each message has its key). Errors: EINVALID event.err_message
// (nothing, or longer than SlotMaxMessage); a stale flow; those of
// writable; ECONFLICT event.err_message_nobody, or
// event.err_message_no_missed, when there is nobody to write to.
func (s *Events) MessageAttendees(tx EventsTx, r aulabot.Roles, st aulabot.State, text string, file *aulabot.CopyOf) (EventMessaged, error) {
	d, ok := FlowEventMessage.Data(st)
	if !ok {
		return EventMessaged{}, stale()
	}
	text, err := noteText(text, file)
	if err != nil {
		return EventMessaged{}, aulabot.Errorf(aulabot.EINVALID, "event.err_message", "max", SlotMaxMessage)
	}
	e, err := writable(tx, r, d.Event)
	if err != nil {
		return EventMessaged{}, err
	}
	e.Messages++
	head := func(lang string) aulabot.Message {
		return aulabot.Message{Text: s.Cat.T(lang, "event.organiser_wrote", "title", e.Title, "when", s.WhenText(lang, e))}
	}
	words := head
	if file == nil {
		words = func(lang string) aulabot.Message {
			m := head(lang)
			m.Text += "\n\n" + text
			return m
		}
	}
	var keep func(p int64) bool
	if d.Missed {
		keep = func(p int64) bool {
			f, ok := tx.EventFeedback(e.ID, p)
			return ok && f == aulabot.EventMissed
		}
	}
	told, err := s.tellSome(tx, e, keep, words, func(p int64) string { return attendeesKey(e.ID, e.Messages, p, "") })
	if err != nil {
		return EventMessaged{}, err
	}
	if file != nil {
		// The file goes as the organiser sent it, its caption with it.
		_, err = s.tellSome(tx, e, keep, func(string) aulabot.Message { return aulabot.Message{Copy: file} },
			func(p int64) string { return attendeesKey(e.ID, e.Messages, p, ":f") })
		if err != nil {
			return EventMessaged{}, err
		}
	}
	if told == 0 {
		return EventMessaged{}, nobody(e, d.Missed)
	}
	return EventMessaged{Event: e, Told: told, Missed: d.Missed}, tx.PutEvent(e)
}
