package sandbox

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"
)

// FirstNewPerson is the id of the first person added with NewPerson; the
// next ones take the next free ids.
const FirstNewPerson = 9101

// NewPersonRole is the web chat's label of a person added with NewPerson
// (whose /start runs their onboarding, as the bot has not met them), and
// of one put back after a restart.
const NewPersonRole = "added"

// ErrTooManyPeople is NewPerson's error once Bounds.NewPeople were added.
var ErrTooManyPeople = errors.New("the sandbox has as many added people as it keeps; restart it to begin again")

// NewPerson adds a person the bot has never met, with the first free id
// from FirstNewPerson, so that onboarding, or a crowd, can be tried in
// the web chat beside the demo's people (who are onboarded already). name
// is their first name (1 to 64 characters on one line); lang is the
// language their Telegram app reports ("es", "en", or "" for none).
func (s *Server) NewPerson(name, lang string) (User, error) {
	name = strings.TrimSpace(name)
	if n := utf8.RuneCountInString(name); n == 0 || n > 64 || strings.IndexFunc(name, unicode.IsControl) >= 0 {
		return User{}, errors.New("the name must have 1 to 64 characters on one line")
	}
	if lang != "" && lang != "es" && lang != "en" {
		return User{}, errors.New(`the language must be "es", "en" or none`)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.added >= s.opts.Bounds.NewPeople {
		return User{}, ErrTooManyPeople
	}
	id := int64(FirstNewPerson)
	for s.users[id] != nil {
		id++
	}
	s.added++
	return *s.addUserLocked(User{ID: id, FirstName: name, LanguageCode: lang, Role: NewPersonRole}), nil
}

// apiNewPerson is POST /sandbox/api/people {"name": …, "lang": …}: it adds
// a person (NewPerson) and answers with them.
func (s *Server) apiNewPerson(w http.ResponseWriter, r *http.Request) {
	if !jsonBody(w, r) {
		return
	}
	var req struct {
		Name string `json:"name"`
		Lang string `json:"lang"`
	}
	if err := json.NewDecoder(io.LimitReader(r.Body, 1<<16)).Decode(&req); err != nil {
		webError(w, 400, "bad JSON body")
		return
	}
	u, err := s.NewPerson(req.Name, req.Lang)
	if errors.Is(err, ErrTooManyPeople) {
		webError(w, http.StatusConflict, err.Error())
		return
	}
	if err != nil {
		webError(w, 400, err.Error())
		return
	}
	writeJSON(w, http.StatusCreated, person{ID: u.ID, Name: u.Name(), Username: u.Username, Role: u.Role})
}
