package main

import "context"

// openKnowledge loads the knowledge base into the handlers.
func (m *Main) openKnowledge(ctx context.Context) error { return nil }
