package handlers

// ExhaustJob counts job id as failed maxJobFailures times in a row, as if
// its runs had failed, so that a test reaches the job's give-up.
func (h *Handlers) ExhaustJob(id uint64) {
	b := h.bg()
	b.mu.Lock()
	defer b.mu.Unlock()
	b.failures[id] = maxJobFailures
}
