package sandbox

import (
	"encoding/json"
	"net/http"
	"sync"
)

// fakeLMS is a stand-in for the universities' virtual classrooms, so the
// bot's LMS watch can be tried without a network: GET
// /sandbox/lms/{university} answers 200 with a login page, or 503 while
// that university's LMS is set down (SetLMSDown, or POST
// /sandbox/api/lms {"uni": "unma", "down": true}).
type fakeLMS struct {
	mu   sync.Mutex
	down map[string]bool
}

// LMSPath is the path of university uni's fake LMS on the web chat's
// address.
func LMSPath(uni string) string { return "/sandbox/lms/" + uni }

// SetLMSDown makes university uni's fake LMS answer 503 (down) or 200.
func (s *Server) SetLMSDown(uni string, down bool) {
	l := &s.lms
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.down == nil {
		l.down = map[string]bool{}
	}
	l.down[uni] = down
}

func (s *Server) serveLMS(w http.ResponseWriter, r *http.Request) {
	l := &s.lms
	l.mu.Lock()
	down := l.down[r.PathValue("uni")]
	l.mu.Unlock()
	if down {
		http.Error(w, "Moodle: database connection failed", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write([]byte("<!doctype html><title>Aula virtual (sandbox)</title><p>Log in</p>"))
}

func (s *Server) apiLMS(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Uni  string `json:"uni"`
		Down bool   `json:"down"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<10)).Decode(&req); err != nil || req.Uni == "" {
		webError(w, 400, `send {"uni": ID, "down": true|false}`)
		return
	}
	s.SetLMSDown(req.Uni, req.Down)
	writeJSON(w, 200, map[string]any{"uni": req.Uni, "down": req.Down})
}
