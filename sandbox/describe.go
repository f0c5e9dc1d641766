package sandbox

import (
	"context"
	"regexp"
	"unicode/utf8"
)

// languageCodeRE is a two-letter ISO 639-1 code, as Telegram requires.
var languageCodeRE = regexp.MustCompile(`^[a-z]{2}$`)

// Telegram's limits on the texts of setMyDescription (shown in an empty
// chat with the bot) and setMyShortDescription (the profile's "about").
const (
	maxDescription      = 512
	maxShortDescription = 120
)

func (s *Server) setMyDescription(_ context.Context, p params) (any, *apiError) {
	return s.setDescription(p, "description", maxDescription)
}

func (s *Server) setMyShortDescription(_ context.Context, p params) (any, *apiError) {
	return s.setDescription(p, "short_description", maxShortDescription)
}

func (s *Server) getMyDescription(_ context.Context, p params) (any, *apiError) {
	return map[string]string{"description": s.Description("description", p.str("language_code"))}, nil
}

func (s *Server) getMyShortDescription(_ context.Context, p params) (any, *apiError) {
	return map[string]string{"short_description": s.Description("short_description", p.str("language_code"))}, nil
}

// setDescription stores field for the request's language code; an empty
// text removes it, as in Telegram.
func (s *Server) setDescription(p params, field string, max int) (any, *apiError) {
	text, lang := p.str(field), p.str("language_code")
	if utf8.RuneCountInString(text) > max {
		return nil, badRequest("%s is too long", field)
	}
	if lang != "" && !languageCodeRE.MatchString(lang) {
		return nil, badRequest("language code is invalid")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.descs == nil {
		s.descs = map[string]string{}
	}
	if text == "" {
		delete(s.descs, field+"|"+lang)
	} else {
		s.descs[field+"|"+lang] = text
	}
	s.notifyLocked()
	return true, nil
}

// Description returns what the bot set with setMyDescription (field
// "description") or setMyShortDescription ("short_description") for a
// language code ("" for all languages).
func (s *Server) Description(field, languageCode string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.descs[field+"|"+languageCode]
}
