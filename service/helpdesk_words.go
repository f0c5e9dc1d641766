package service

import (
	"errors"
	"fmt"

	"github.com/aulabot/aulabot"
)

// stateError turns the store's refusal ticket.err_state, whose state is
// a word of the code ("closed"), into the catalogue's sentence for that
// state (ticket.err_state_closed), so that nobody reads "UNMA-5 está
// closed". Other errors pass unchanged.
func stateError(err error) error {
	var e *aulabot.Error
	if !errors.As(err, &e) || e.Key != "ticket.err_state" {
		return err
	}
	var id, state string
	for i := 0; i+1 < len(e.Args); i += 2 {
		switch e.Args[i] {
		case "id":
			id = fmt.Sprint(e.Args[i+1])
		case "state":
			state = fmt.Sprint(e.Args[i+1])
		}
	}
	switch aulabot.TicketState(state) {
	case aulabot.TicketOpen, aulabot.TicketClaimed, aulabot.TicketResolved, aulabot.TicketClosed:
		return aulabot.Errorf(e.Code, "ticket.err_state_"+state, "id", id)
	}
	return err
}
