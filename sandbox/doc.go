// Package sandbox is a local Telegram Bot API emulator with a driver API.
//
// A Server answers the Bot API methods the bot uses (getMe, getUpdates with
// real long polling, sendMessage, edits, callbacks, files, webhooks) in
// Telegram's JSON shapes and with Telegram's error format, so the real
// tgbotapi client can talk to it through httptest or a local listener. The
// driver methods (SendText, Press, Messages, WaitFor, FailNext, ...) play the
// users' side for tests and for the web chat; all of them are safe for
// concurrent use.
//
// Differences from Telegram worth knowing: the bot receives every group
// message (privacy mode off); message ids are counted per chat; files live
// in memory.
package sandbox
