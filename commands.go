package aulabot

// CommandMenu is the list of commands Telegram shows in a chat's menu
// ("/" button), for one scope and one language.
type CommandMenu struct {
	// Chat is the chat the list is for (a staff member's private chat, a
	// team group); 0 is every chat without a list of its own.
	Chat int64
	// Lang is the language code the list is for; "" is every language
	// without a list of its own.
	Lang string
	// Commands are the list, in order; none removes the chat's own list
	// (it falls back to the default).
	Commands []Command
}

// Command is one entry of a CommandMenu: a command's name without the
// slash, and what it does.
type Command struct{ Name, Description string }
