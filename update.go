package aulabot

import "time"

// Chat types as Telegram names them.
const (
	ChatPrivate    = "private"
	ChatGroup      = "group"
	ChatSupergroup = "supergroup"
)

// Person is who sent an update, as Telegram describes them.
type Person struct {
	ID           int64
	FirstName    string
	LastName     string
	Username     string
	LanguageCode string
}

// Name is the person's display name.
func (p Person) Name() string {
	if p.LastName == "" {
		return p.FirstName
	}
	return p.FirstName + " " + p.LastName
}

// Update is one Telegram update reduced to what the handlers use, so that
// only bot/ knows the Telegram library.
type Update struct {
	ID        int64
	ChatID    int64
	ChatType  string
	From      Person
	MessageID int
	Text      string // message text or caption
	ReplyTo   *Replied
	Callback  *Callback
	File      *File
	// Sticker is set on a message that is a sticker.
	Sticker bool
	// Edited is set when the person edited message MessageID after sending
	// it (Telegram's edited_message): Text is its new text and Date when
	// it was edited.
	Edited bool
	Date   time.Time
	// Added are the people (and bots) added to a group by this service
	// message; Created is set on the message of a group created with the
	// bot in it. Either tells the bot it has joined a group.
	Added   []Person
	Created bool
	// Offset is the polling offset that is safe to store together with
	// this update's effects (set by bot/; 0 in webhook mode).
	Offset int64
	// Throttled is set by bot/ on the first update of a person beyond the
	// input limits (Limits.UpdatesPerMinute): the handler sends one polite
	// notice instead of handling it. Later updates of that person in the
	// same window never reach the handlers.
	Throttled bool
	// HTML is Text with its formatting (bold, italic, links, ...) as
	// Telegram HTML, the rest escaped; "" when it has none (set by bot/).
	HTML string
	// Received is when the bot received the update, on Telegram's clock
	// as far as the bot can tell (its own, corrected by the difference
	// Telegram's answers show), as Date is (set by bot/; zero: unknown).
	Received time.Time
	// Heard is set on the words of a voice note MessageID, transcribed by
	// the bot and handled as if the person had typed them (Text).
	Heard bool
	// HeardFrom is the voice note Heard words came from (File stays nil:
	// the words are handled as typed): a question they ask keeps it, so
	// that a report started from its answer carries the note itself.
	HeardFrom *File
	// Album is Telegram's media_group_id: the messages of an album
	// (photos or files chosen together and sent at once, each an update of
	// its own) share it; "" for a message alone.
	Album string
}

// Waited is how long a message waited at Telegram before the bot received
// it (the bot was down or cut off): from the message's date to Received.
// 0 for a button press (its date is the message it was on), when either
// time is unknown, and when the wait would be longer than Telegram keeps
// an update (24 hours): such a date is wrong (a server that sends none
// gives 1970), not a wait.
func (u Update) Waited() time.Duration {
	if u.Callback != nil || u.Date.IsZero() || u.Received.IsZero() {
		return 0
	}
	w := max(u.Received.Sub(u.Date), 0)
	if w > 25*time.Hour {
		return 0
	}
	return w
}

// Private reports whether the update comes from a private chat with the bot.
func (u Update) Private() bool { return u.ChatType == ChatPrivate || u.ChatType == "" }

// Replied is the message an incoming message replies to.
type Replied struct {
	MessageID int
	FromBot   bool
	Text      string
}

// Callback is a button press. Data comes from the client and must be checked
// like any other input.
type Callback struct {
	ID        string
	Data      string
	MessageID int
	// Inline are the buttons of the message pressed as Telegram shows
	// them (nil if it did not say), so that a press can take some off and
	// leave the others.
	Inline [][]Button
	// Captioned is whether the message pressed is a file (a calendar
	// file, a photo) whose words are its caption: Telegram edits those
	// as a caption and refuses to edit them as text.
	Captioned bool
	// HTML is the pressed message's words as Telegram HTML, their
	// formatting kept; "" when Telegram did not give them (a file's
	// caption, a message too old to be shown). A press that takes every
	// button off the message shows the choice under them.
	HTML string
	// ReplyTo is the message the pressed message replies to (0: none, or
	// Telegram did not say): a colleague's name pressed under a ticket's
	// view, so that the view shows whom it went to.
	ReplyTo int
	// Typed is a button's words typed where a step waits for its press
	// ("docentes" for Docentes): no query to answer (ID and MessageID are
	// empty), a refusal is a message, and what the press shows is sent
	// anew under the words.
	Typed bool
}

// The kinds of File that are not a photo or a document: FileVoice a voice
// message, an audio file or a round video message; FileVideo a video or
// an animation (a screen recording, a GIF).
const (
	FileVoice = "voice"
	FileVideo = "video"
)

// File is an attachment a user sent.
type File struct {
	ID string // Telegram file_id
	// UniqueID is Telegram's file_unique_id: the same for the same file
	// in every update, where file_id need not be ("": unknown).
	UniqueID string `json:",omitempty"`
	Kind     string // "photo", "document", FileVoice or FileVideo
	Name     string
	MIME     string
	Size     int
	// Seconds is how long a voice note, audio or video lasts (0: unknown).
	Seconds int
}

// Same reports whether f and g are the same file: by file_unique_id where
// both have one, else by file_id.
func (f File) Same(g File) bool {
	if f.UniqueID != "" && g.UniqueID != "" {
		return f.UniqueID == g.UniqueID
	}
	return f.ID == g.ID
}
