package store

// RawTicket is ticket n of uni as stored, for tests.
func (tx *Tx) RawTicket(uni string, n int) []byte {
	return append([]byte(nil), tx.bucket(bTickets).Get(ticketKey(uni, n))...)
}
