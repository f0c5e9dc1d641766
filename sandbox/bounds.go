package sandbox

// Bounds limit what the emulator keeps in memory. The sandbox runs for as
// long as someone tries the bot, so every history is cut to its latest
// part: old messages of a chat, old events, old presses and files are
// forgotten, as Telegram forgets confirmed updates. Zero fields get the
// defaults; tests that check a whole run raise them.
type Bounds struct {
	// MessagesPerChat is how many of a chat's latest messages are kept
	// (default 500). Older ones can no longer be replied to or edited.
	MessagesPerChat int
	// Events is how many web chat events are kept (default 5,000); a web
	// page further behind reloads the chat.
	Events int
	// Record is how many entries of the record are kept (default 10,000).
	Record int
	// Updates is how many updates are kept for Redeliver and how many
	// unconfirmed updates wait for the bot (default 10,000; Telegram keeps
	// them for 24 hours).
	Updates int
	// Answers is how many button presses are kept with their answers
	// (default 5,000); the bot can no longer answer an older one.
	Answers int
	// Files is how many files are kept (default 500).
	Files int
	// NewPeople is how many people the web chat's "New person" may add
	// (default 500); the next is refused, not kept.
	NewPeople int
}

func (b Bounds) withDefaults() Bounds {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&b.MessagesPerChat, 500)
	def(&b.Events, 5000)
	def(&b.Record, 10000)
	def(&b.Updates, 10000)
	def(&b.Answers, 5000)
	def(&b.Files, 500)
	def(&b.NewPeople, 500)
	return b
}

// Unbounded is Bounds large enough that nothing is forgotten in a test run.
var Unbounded = Bounds{MessagesPerChat: 1 << 30, Events: 1 << 30, Record: 1 << 30, Updates: 1 << 30, Answers: 1 << 30, Files: 1 << 30, NewPeople: 1 << 30}

// keepLast returns the last max elements of s. It copies only once s has
// grown a quarter past max, so appending stays amortised O(1); until then
// up to max/4 extra elements stay.
func keepLast[T any](s []T, max int) (kept, dropped []T) {
	if len(s) <= max+max/4 {
		return s, nil
	}
	cut := len(s) - max
	return append([]T(nil), s[cut:]...), s[:cut]
}
