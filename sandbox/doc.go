// Package sandbox is a local Telegram Bot API emulator with a driver API.
//
// A Server answers the Bot API methods the bot uses (getMe, getUpdates with
// real long polling and Telegram's confirmation by offset, sendMessage,
// edits, callbacks, files, webhooks, leaveChat) in Telegram's JSON shapes
// and with Telegram's error format, so the real tgbotapi client can talk to
// it through httptest or a local listener. The driver methods (SendText,
// Press, Messages, WaitFor, FailNext, ...) play the users' side for tests
// and for the web chat; all of them are safe for concurrent use.
//
// For tests of the whole bot it also injects Telegram's failures at set
// rates (SetFaults: 429 with retry_after, 500, timeouts, connections
// dropped after the call was done) and keeps a record of everything people
// and the bot did, each call tagged with the bot process that made it
// (RecordSince, SetGeneration, ConnContext).
//
// As the sandbox it runs for as long as someone tries the bot, so what it
// keeps is bounded (Bounds), and it answers only its own address and
// refuses cross-origin requests (see guard.go).
//
// Differences from Telegram worth knowing: the bot receives every group
// message (privacy mode off); message ids are counted per chat; files live
// in memory.
package sandbox
