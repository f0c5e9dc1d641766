package store

// Schema returns the schema version the database was written with: 0 for
// a file no aulabot has migrated, SchemaVersion() once this one has, more
// for a file written by a newer aulabot (which this one refuses to open
// for writing). It works on a store opened read-only, so that "aulabot
// restore" can check a backup without changing it.
func (s *Store) Schema() (int, error) {
	var v int
	err := s.View(func(tx *Tx) error { v = tx.schema(); return nil })
	return v, err
}
