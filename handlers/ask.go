package handlers

// routeKnowledge registers questions to the knowledge base.
func (h *Handlers) routeKnowledge(r *router) {
	r.text = with(h.ask, onboarded)
	r.commands["ask"] = with(h.ask, private, onboarded)
}

// ask answers a question from the knowledge base.
func (h *Handlers) ask(c *Ctx) error {
	c.Reply(c.T("ask.unavailable"))
	return nil
}
