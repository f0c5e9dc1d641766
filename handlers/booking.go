package handlers

// routeBooking registers mentoring: slots, bookings, reminders.
func (h *Handlers) routeBooking(r *router) {}
