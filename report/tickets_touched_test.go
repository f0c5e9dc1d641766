package report

import (
	"reflect"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/store"
)

// everyTicket reads every ticket created before the period's end, as the
// report did before the index by last change.
type everyTicket struct{ *store.Tx }

func (s everyTicket) TicketsTouched(university string, _, before time.Time, fn func(aulabot.Ticket) error) error {
	ts, err := s.Tx.Tickets(university, false)
	for _, t := range ts {
		if err == nil && t.Created.Before(before) {
			err = fn(t)
		}
	}
	return err
}

// The tickets read through the index by last change give every figure
// reading them all gave, over a term of tickets (claimed, answered,
// resolved, some reopened, rated, a tenth still open): each of its weeks,
// the term, and a month after it, when nothing new happened.
func TestReport_TicketsTouchedSameFigures(t *testing.T) {
	t.Parallel() // slow under -race, and reads only what it made or a base loaded once: beside the others
	e := newEnv(t)
	fillTerm(e)
	e.now = termTo.In(lima).Add(60 * 24 * time.Hour)
	periods := [][2]Date{{termFrom, termTo}, {termTo.AddDays(7), termTo.AddDays(35)}}
	for w := 0; w < 16; w += 3 {
		periods = append(periods, [2]Date{termFrom.AddDays(7 * w), termFrom.AddDays(7*w + 7)})
	}
	for _, p := range periods {
		q := Query{University: "unma", From: p[0], To: p[1], Now: e.now}
		var indexed, all *Report
		err := e.st.View(func(tx *store.Tx) (err error) {
			if indexed, err = e.svc.Build(tx, q, coordUNMA); err != nil {
				return err
			}
			all, err = e.svc.Build(everyTicket{tx}, q, coordUNMA)
			return err
		})
		if err != nil {
			t.Fatalf("%v: %v", p, err)
		}
		if !reflect.DeepEqual(indexed.Current, all.Current) || !reflect.DeepEqual(indexed.Previous, all.Previous) {
			t.Errorf("%v–%v: the figures differ:\nindexed %+v\nall     %+v", p[0], p[1], indexed.Current.Helpdesk, all.Current.Helpdesk)
		}
		if p[0] == termFrom && p[1] == termTo && indexed.Current.Helpdesk.Opened != 2000 {
			t.Errorf("the term: %d tickets opened, want 2000", indexed.Current.Helpdesk.Opened)
		}
	}
}
