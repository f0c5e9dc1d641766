package sandbox

import "time"

// User is a person known to the emulator. In a private chat the chat id is
// the user id.
type User struct {
	ID           int64
	FirstName    string
	LastName     string
	Username     string
	LanguageCode string
	// Role is a free label shown by the web chat (e.g. "teacher", "tech").
	Role string
}

// Name is the display name: first and last name, or the username.
func (u User) Name() string {
	n := u.FirstName
	if u.LastName != "" {
		n += " " + u.LastName
	}
	if n == "" {
		n = u.Username
	}
	return n
}

// Button is an inline keyboard button: callback Data or a URL.
type Button struct {
	Text string `json:"text"`
	Data string `json:"data,omitempty"`
	URL  string `json:"url,omitempty"`
}

// File describes a photo or document attached to a message. Its bytes are
// available through Server.FileData.
type File struct {
	ID       string `json:"id"`
	UniqueID string `json:"unique_id"`
	Name     string `json:"name"`
	MIME     string `json:"mime"`
	Size     int    `json:"size"`
	Photo    bool   `json:"photo"`
	Path     string `json:"path"`
	// Voice marks a voice note, Seconds its length.
	Voice   bool `json:"voice,omitempty"`
	Seconds int  `json:"seconds,omitempty"`
}

// Message is one message of a chat as the emulator sees it, after edits.
// Slices and the File are never mutated once returned.
type Message struct {
	ID      int   `json:"id"`
	Chat    int64 `json:"chat"`
	From    int64 `json:"from"`
	FromBot bool  `json:"from_bot"`
	// Text is the text (or caption) as sent; HTML tells whether it is in
	// Telegram's HTML parse mode. Plain is the text the user sees.
	Text  string `json:"text"`
	HTML  bool   `json:"html"`
	Plain string `json:"plain"`
	// Entities are the formatting entities of Plain (UTF-16 offsets).
	Entities       []Entity   `json:"entities,omitempty"`
	ReplyTo        int        `json:"reply_to,omitempty"`
	Inline         [][]Button `json:"inline,omitempty"`
	Keyboard       [][]string `json:"keyboard,omitempty"`
	RemoveKeyboard bool       `json:"remove_keyboard,omitempty"`
	File           *File      `json:"file,omitempty"`
	// Album is the media group of a file sent with others at once.
	Album string `json:"album,omitempty"`
	// Edited counts the bot's successful edits (text, caption or markup),
	// or for a person's message their edits (Edit).
	Edited int `json:"edited,omitempty"`
	// ForwardFrom is the original sender of a forwarded message.
	ForwardFrom int64     `json:"forward_from,omitempty"`
	Date        time.Time `json:"date"`
}

// CallbackAnswer records a button press and the bot's answer to it.
type CallbackAnswer struct {
	ID        string `json:"id"`
	From      int64  `json:"from"`
	Chat      int64  `json:"chat"`
	MessageID int    `json:"message_id"`
	Data      string `json:"data"`
	Answered  bool   `json:"answered"`
	Text      string `json:"text,omitempty"`
	ShowAlert bool   `json:"show_alert,omitempty"`
	URL       string `json:"url,omitempty"`
	// Fault is the failure injected into the bot's last call to answer
	// it, if any (see SetFaults).
	Fault FaultKind `json:"fault,omitempty"`
}

// BotCommand is one entry of setMyCommands.
type BotCommand struct {
	Command     string `json:"command"`
	Description string `json:"description"`
}
