package handlers

import (
	"slices"
	"strings"

	"github.com/aulabot/aulabot"
)

// nextTicket is a member of a technical team's "tomo el siguiente
// ticket", "dame el próximo", "I'll take the next ticket" in private ("I
// don't know", kept for /gaps, seen in the sandbox): 🙋 Claim pressed for
// the oldest unclaimed ticket of the universities they work for, or, with
// none, the queue of those unclaimed, which says so. Nil for anyone else
// and any other words (a ticket named is namedTicket's).
func (h *Handlers) nextTicket(c *Ctx) Handler {
	if !c.Private() || c.U.File != nil || len(c.Roles.Tech) == 0 && len(c.Roles.Coordinator) == 0 && !c.Roles.Admin {
		return nil
	}
	words := strings.Fields(aulabot.TypedWords(c.U.Text))
	if len(words) == 0 || len(words) > maxNextWords || strings.ContainsAny(c.U.Text, "?¿") ||
		!slices.ContainsFunc(words, func(w string) bool { return claimWords[w] }) || !slices.ContainsFunc(words, func(w string) bool { return nextWords[w] }) ||
		slices.ContainsFunc(words, func(w string) bool { return !claimWords[w] && !nextWords[w] && !nextFill[w] }) {
		return nil
	}
	return func(c *Ctx) error {
		var oldest *aulabot.Ticket
		err := c.view(func(tx Tx) error {
			qs, _, err := h.svc.Helpdesk.Queues(tx, c.Roles, nil, 1, true)
			for _, q := range qs {
				if len(q.Tickets) > 0 && (oldest == nil || q.Tickets[0].Created.Before(oldest.Created)) {
					oldest = &q.Tickets[0]
				}
			}
			return err
		})
		if err != nil {
			return err
		}
		if oldest == nil {
			return h.queuePage(c, 0, false, true) // none unclaimed: that list says so
		}
		return h.pressTyped(c, claimButton{oldest.ID}.Encode())
	}
}

// claimWords, nextWords and nextFill are the words of taking the next
// ticket, as aulabot.TypedWords reads them; maxNextWords bounds them.
var (
	claimWords = typedSet("tomo", "toma", "agarro", "dame", "asignarme", "asigname", "claim", "take", "give")
	nextWords  = typedSet("siguiente", "proximo", "next", "antiguo", "oldest",
		"viejo", "primero", "first") // "asígname el más viejo" ("I don't know", seen in the sandbox)
	nextFill = typedSet("el", "la", "un", "ticket", "caso", "me", "the", "one", "i", "mas", "sin", "tomar", "de", "cola", "queue",
		"from", "please", "por", "favor", "yo", "ahora", "now", "ll") // "I'll" is "i ll"
)

const maxNextWords = 10
