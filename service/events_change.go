package service

import (
	"fmt"
	"time"

	"github.com/aulabot/aulabot"
)

// An organiser changes a training's time or its link (the meeting room
// changed, the speaker moved it an hour): the event keeps its
// invitations, answers and counts; its reminder and figures move with
// the time; those attending are told. Only a training that has not
// started and was not cancelled, by someone who may call it off.

// FlowEventChange is changing an event: which one and what (its steps:
// EventChangeWhen, EventChangeLink).
var FlowEventChange = aulabot.Flow[EventChange]{Name: "evchange"}

// What an organiser may change.
const (
	EventChangeWhen = "when"
	EventChangeLink = "link"
)

// EventChange is what FlowEventChange keeps: the event.
type EventChange struct {
	Event uint64 `json:"ev"`
	// Missed: an organiser's message goes to those who said, after the
	// training, that they could not come, not to everyone with a place.
	Missed bool `json:"missed,omitempty"`
	// Text is the message FlowEventMessage waits to send once typed with
	// the words that asked for it (PlanEventMessage).
	Text string `json:"text,omitempty"`
}

// changeKey is the outbox key of the notice of a change to person p:
// "evch:7:2:USER", the event's change number 2 (its count of changes).
func changeKey(id uint64, n int, p int64) string { return fmt.Sprintf("evch:%d:%d:%d", id, n, p) }

// StartChange begins changing field (EventChangeWhen or EventChangeLink)
// of event id for someone with roles r. Errors: those of a stale button,
// ENOTFOUND and ECONFLICT as for Cancel.
func (s *Events) StartChange(tx EventsTx, r aulabot.Roles, id uint64, field string) (aulabot.State, aulabot.Event, error) {
	if field != EventChangeWhen && field != EventChangeLink {
		return aulabot.State{}, aulabot.Event{}, stale()
	}
	e, err := managed(tx, r, id, "event.err_started_change")
	if err != nil {
		return aulabot.State{}, e, err
	}
	return FlowEventChange.At(field, EventChange{Event: id}), e, nil
}

// EventChanged is what Change did: the event as stored and how many
// people who said they would attend are being told and how many
// invitations sent are being edited; Unchanged if the value was the one
// it had.
type EventChanged struct {
	Event     aulabot.Event
	Told      int
	Revised   int
	Unchanged bool
}

// Change takes the flow's new time (a typed day and time, aulabot.TypedWhen,
// in the university's zone, still to come) or link (http or https), for someone
// with roles r, checked again as StartChange does. A new time moves the
// reminder and the figures (a reminder sent already goes again before
// the new time) and is in every invitation: those still to be sent say
// it, those sent are edited (reviseInvitations); those attending are
// told the new time, or the new link with its button, once each (each
// notice has its key). The invitations do not show the link. The same
// value again changes nothing and tells nobody.
func (s *Events) Change(tx EventsTx, r aulabot.Roles, st aulabot.State, text string) (EventChanged, error) {
	d, ok := FlowEventChange.Data(st)
	if !ok || (st.Step != EventChangeWhen && st.Step != EventChangeLink) {
		return EventChanged{}, stale()
	}
	e, err := managed(tx, r, d.Event, "event.err_started_change")
	if err != nil {
		return EventChanged{}, err
	}
	key, revised := "event.changed_link_notice", 0
	switch st.Step {
	case EventChangeWhen:
		at, err := aulabot.TypedWhen(text, tx.Now(), s.Config.Loc(e.University), "event.err_when")
		if err != nil {
			return EventChanged{}, err
		}
		if !at.After(tx.Now()) {
			return EventChanged{}, aulabot.Errorf(aulabot.EINVALID, "event.err_past")
		}
		if at.Equal(e.At) {
			return EventChanged{Event: e, Unchanged: true}, nil
		}
		e.At, e.Reminded, key = at, time.Time{}, "event.changed_when_notice"
		if err := scheduleJobs(tx, e); err != nil {
			return EventChanged{}, err
		}
		if revised, err = s.reviseInvitations(tx, e, s.movedInvitation); err != nil {
			return EventChanged{}, err
		}
		if err := s.reviseWaiting(tx, e, false); err != nil {
			return EventChanged{}, err
		}
	case EventChangeLink:
		link, err := eventLink(text)
		if err != nil {
			return EventChanged{}, err
		}
		if link == e.Link {
			return EventChanged{Event: e, Unchanged: true}, nil
		}
		e.Link = link
	}
	e.Changes++
	told, err := s.tellAttendees(tx, e, func(lang string) aulabot.Message {
		m := s.LinkMessage(lang, e, key)
		m.File = s.Calendar(lang, e, false, tx.Now()) // updates the one added before (SEQUENCE)
		return m
	}, func(p int64) string { return changeKey(e.ID, e.Changes, p) })
	if err != nil {
		return EventChanged{}, err
	}
	return EventChanged{Event: e, Told: told, Revised: revised}, tx.PutEvent(e)
}
