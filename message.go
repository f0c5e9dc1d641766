package aulabot

import "time"

// Button is one inline keyboard button: Data (at most 64 bytes) comes back in
// a callback, URL opens a link.
type Button struct {
	Text string `json:"t"`
	Data string `json:"d,omitempty"`
	URL  string `json:"u,omitempty"`
}

// Message is something the bot sends, edits or deletes. Messages that must
// not be lost are stored in the outbox in the same transaction as the event
// that caused them and delivered at least once.
type Message struct {
	ID       uint64     `json:"id,omitempty"`
	Key      string     `json:"key,omitempty"` // unique: a second message with the same key is dropped; also used to cancel
	ChatID   int64      `json:"chat"`
	Text     string     `json:"text,omitempty"` // Telegram HTML
	Inline   [][]Button `json:"inline,omitempty"`
	Keyboard [][]string `json:"kbd,omitempty"` // reply keyboard
	// RemoveKeyboard hides a reply keyboard.
	RemoveKeyboard bool `json:"rmkbd,omitempty"`
	ReplyTo        int  `json:"reply,omitempty"`
	// ReplyToRef replies to the message sent under that ref.
	ReplyToRef string `json:"replyref,omitempty"`
	// EditRef edits (text and buttons) the message sent under that ref
	// instead of sending a new one; EditMessageID does the same by id.
	EditRef       string `json:"editref,omitempty"`
	EditMessageID int    `json:"editid,omitempty"`
	// Delete removes the message named by EditRef or EditMessageID.
	Delete bool `json:"del,omitempty"`
	// EditCaption edits the caption (Text) of a file or copied message
	// named by EditRef or EditMessageID, instead of a text message.
	EditCaption bool `json:"editcap,omitempty"`
	// Leave makes the bot leave the group ChatID once the messages queued
	// before it in that chat are sent (Text, if any, is sent first).
	Leave bool `json:"leave,omitempty"`
	// Ref remembers the sent message's id under this name, so later
	// messages can edit it or replies to it can be recognised.
	Ref string `json:"ref,omitempty"`
	// Document or photo to send, with Text as caption.
	File *OutFile `json:"file,omitempty"`
	// Copy relays a message a user sent (photo, document) with Text as caption.
	Copy *CopyOf `json:"copy,omitempty"`
	// Lane orders messages within a chat: a chat's messages of one lane go
	// out in order, and the chat's budget is shared fairly between lanes
	// (a ticket is a lane in its team group, so one ticket cannot take
	// the group's 20 messages a minute). "" is the chat's default lane.
	Lane string `json:"lane,omitempty"`
	// Yield makes the message give way to the chat's other lanes: a lane
	// whose every message yields goes only when no other lane of the chat
	// has one to send (a member of staff's deletion edits the post of
	// every ticket they worked, one lane each: at a group's 20 messages a
	// minute those edits took the group's turns for an hour, a new
	// ticket's post waiting behind them). A lane that also holds a
	// message that does not yield goes in its turn, in order.
	Yield     bool      `json:"yield,omitempty"`
	NotBefore time.Time `json:"nb,omitempty"`
	// NotAfter is when an unsent message stops being true ("your session
	// starts in an hour" once it started): the outbox drops it then
	// instead of sending it late, after the bot was down or held back.
	NotAfter time.Time `json:"na,omitempty"`
	Attempts int       `json:"att,omitempty"`
	Created  time.Time `json:"created"`
}

// ButtonsOnly reports whether m only changes the buttons of a message the
// bot sent.
func (m Message) ButtonsOnly() bool {
	return m.Text == "" && !m.Delete && !m.EditCaption && m.File == nil && m.Copy == nil && (m.EditMessageID != 0 || m.EditRef != "")
}

// OutFile is a file the bot sends: either bytes it made (an .ics, a report)
// or a Telegram file id it received.
type OutFile struct {
	Name   string `json:"name"`
	Data   []byte `json:"data,omitempty"`
	FileID string `json:"fid,omitempty"`
	Photo  bool   `json:"photo,omitempty"`
}

// CopyOf names a message to copy into another chat.
type CopyOf struct {
	ChatID    int64 `json:"chat"`
	MessageID int   `json:"msg"`
}

// Telegram's size limits for what the bot sends, in characters as
// Telegram counts them (the visible text after HTML parsing).
const (
	MaxMessageText = 4096
	MaxCaption     = 1024
)

// Group reports whether chat id names a group (Telegram groups are negative).
func Group(chatID int64) bool { return chatID < 0 }
