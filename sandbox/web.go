package sandbox

import "net/http"

// serveWeb serves the web chat.
func (s *Server) serveWeb(w http.ResponseWriter, r *http.Request) {
	writeError(w, &apiError{Code: 404, Desc: "Not Found"})
}
