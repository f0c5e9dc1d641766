package bot

import tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

// Description is what Telegram shows of the bot before a chat starts: the
// description in an empty chat (at most 512 characters) and the short
// description on its profile and in shared links (at most 120).
type Description struct {
	Long, Short string
}

// SetDescriptions sets the bot's descriptions per language code; the key
// "" is for users whose language has none. Failures are logged once: the
// bot works without them.
func (s *Sender) SetDescriptions(byLang map[string]Description) {
	for lang, d := range byLang {
		for _, call := range []struct{ method, field, text string }{
			{"setMyDescription", "description", d.Long},
			{"setMyShortDescription", "short_description", d.Short},
		} {
			p := tgbotapi.Params{call.field: call.text}
			p.AddNonEmpty("language_code", lang)
			if _, err := s.Client.send.MakeRequest(call.method, p); err != nil {
				s.warnOnce(call.method, err)
			}
		}
	}
}
