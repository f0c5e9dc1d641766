package sandbox

import (
	"embed"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
)

//go:embed web
var webFiles embed.FS

// webMessage is a Message as the web chat shows it.
type webMessage struct {
	Message
	Sender   string `json:"sender"`
	Rendered string `json:"rendered"` // safe HTML of the text
	FileURL  string `json:"file_url,omitempty"`
}

func (s *Server) webMessageLocked(m Message) webMessage {
	w := webMessage{Message: m, Rendered: RenderHTML(m.Plain, AutoEntities(m.Plain, m.Entities))}
	if m.FromBot {
		w.Sender = s.bot.FirstName
	} else {
		w.Sender = s.nameLocked(m.From)
	}
	if m.File != nil {
		w.FileURL = "/sandbox/file/" + m.File.ID
	}
	return w
}

// nameLocked is a user's display name without creating the user.
func (s *Server) nameLocked(id int64) string {
	if u, ok := s.users[id]; ok {
		return u.Name()
	}
	return "User " + strconv.FormatInt(id, 10)
}

// webEvent is an Event as sent to the web chat.
type webEvent struct {
	Event
	Message *webMessage `json:"message,omitempty"`
}

func (s *Server) webHandler() http.Handler {
	mux := http.NewServeMux()
	static, _ := fs.Sub(webFiles, "web")
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		b, _ := fs.ReadFile(static, "index.html")
		_, _ = w.Write(b)
	})
	mux.HandleFunc("GET /sandbox/api/people", s.apiPeople)
	mux.HandleFunc("POST /sandbox/api/people", s.apiNewPerson)
	mux.HandleFunc("GET /sandbox/api/messages", s.apiMessages)
	mux.HandleFunc("POST /sandbox/api/send", s.apiSend)
	mux.HandleFunc("POST /sandbox/api/press", s.apiPress)
	mux.HandleFunc("POST /sandbox/api/edit", s.apiEdit)
	mux.HandleFunc("POST /sandbox/api/upload", s.apiUpload)
	mux.HandleFunc("POST /sandbox/api/album", s.apiAlbum)
	mux.HandleFunc("GET /sandbox/file/{id}", s.apiFile)
	mux.HandleFunc("GET /sandbox/events", s.serveEvents)
	mux.HandleFunc("GET /sandbox/lms/{uni}", s.serveLMS)
	mux.HandleFunc("POST /sandbox/api/lms", s.apiLMS)
	mux.HandleFunc("GET /sandbox/api/clock", s.apiClock)
	mux.HandleFunc("POST /sandbox/api/clock", s.apiAdvance)
	return mux
}

// webError answers a web chat API call with {"error": msg}.
func webError(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, code, map[string]string{"error": msg})
}

type person struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Username string `json:"username,omitempty"`
	Role     string `json:"role,omitempty"`
}

func (s *Server) apiPeople(w http.ResponseWriter, _ *http.Request) {
	var people []person
	for _, u := range s.Users() {
		people = append(people, person{ID: u.ID, Name: u.Name(), Username: u.Username, Role: u.Role})
	}
	groups := s.Groups()
	if groups == nil {
		groups = []Group{}
	}
	s.mu.Lock()
	seq := s.lastEventLocked()
	s.mu.Unlock()
	writeJSON(w, 200, map[string]any{
		"seq":    seq,
		"bot":    person{ID: s.bot.ID, Name: s.bot.FirstName, Username: s.bot.Username, Role: "bot"},
		"people": people,
		"groups": groups,
	})
}

func (s *Server) apiMessages(w http.ResponseWriter, r *http.Request) {
	chat, err := strconv.ParseInt(r.URL.Query().Get("chat"), 10, 64)
	if err != nil {
		webError(w, 400, "chat must be a number")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []webMessage{}
	if c, ok := s.chats[chat]; ok {
		for _, m := range c.msgs {
			out = append(out, s.webMessageLocked(*m))
		}
	}
	writeJSON(w, 200, map[string]any{"seq": s.lastEventLocked(), "messages": out})
}

// sendRequest is the body of /sandbox/api/send, /sandbox/api/press and
// /sandbox/api/edit.
type sendRequest struct {
	From      int64  `json:"from"`
	Chat      int64  `json:"chat"`
	Text      string `json:"text"`
	ReplyTo   int    `json:"reply_to"`
	MessageID int    `json:"message_id"`
	Data      string `json:"data"`
}

// checkActor reports why from may not write in chat, or "".
func (s *Server) checkActor(from, chat int64) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.users[from]; !ok || from <= 0 {
		return "unknown person"
	}
	if chat > 0 && chat != from {
		return "a person writes only in their own private chat"
	}
	if chat < 0 {
		if _, ok := s.chats[chat]; !ok {
			return "unknown group"
		}
	}
	if chat == 0 {
		return "chat is required"
	}
	return ""
}

func (s *Server) decodeSend(w http.ResponseWriter, r *http.Request) (sendRequest, bool) {
	var req sendRequest
	if !jsonBody(w, r) {
		return req, false
	}
	if err := json.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(&req); err != nil {
		webError(w, 400, "bad JSON body")
		return req, false
	}
	if msg := s.checkActor(req.From, req.Chat); msg != "" {
		webError(w, 400, msg)
		return req, false
	}
	return req, true
}

// decodeText is decodeSend for a request that carries text.
func (s *Server) decodeText(w http.ResponseWriter, r *http.Request) (sendRequest, bool) {
	req, ok := s.decodeSend(w, r)
	if ok && strings.TrimSpace(req.Text) == "" {
		webError(w, 400, "text is empty")
		return req, false
	}
	return req, ok
}

func (s *Server) apiSend(w http.ResponseWriter, r *http.Request) {
	req, ok := s.decodeText(w, r)
	if !ok {
		return
	}
	m := s.SendReply(req.From, req.Chat, req.ReplyTo, req.Text)
	s.mu.Lock()
	defer s.mu.Unlock()
	writeJSON(w, 200, s.webMessageLocked(m))
}

// apiEdit changes the text of one of the person's own messages (Edit).
func (s *Server) apiEdit(w http.ResponseWriter, r *http.Request) {
	req, ok := s.decodeText(w, r)
	if !ok {
		return
	}
	m, ok := s.Edit(req.From, req.Chat, req.MessageID, req.Text)
	if !ok {
		webError(w, 404, "no such message of theirs in this chat")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	writeJSON(w, 200, s.webMessageLocked(m))
}

func (s *Server) apiPress(w http.ResponseWriter, r *http.Request) {
	req, ok := s.decodeSend(w, r)
	if !ok {
		return
	}
	writeJSON(w, 200, map[string]string{"callback_id": s.Press(req.From, req.Chat, req.MessageID, req.Data)})
}

// formActor reads a multipart form of at most max bytes in memory and
// who sends it where (from, chat), answering the request itself when
// either is wrong.
func (s *Server) formActor(w http.ResponseWriter, r *http.Request, max int64) (from, chat int64, ok bool) {
	if err := r.ParseMultipartForm(max); err != nil {
		webError(w, 400, "bad multipart body")
		return 0, 0, false
	}
	from, _ = strconv.ParseInt(r.FormValue("from"), 10, 64)
	chat, _ = strconv.ParseInt(r.FormValue("chat"), 10, 64)
	if msg := s.checkActor(from, chat); msg != "" {
		webError(w, 400, msg)
		return 0, 0, false
	}
	return from, chat, true
}

func (s *Server) apiUpload(w http.ResponseWriter, r *http.Request) {
	from, chat, ok := s.formActor(w, r, 20<<20)
	if !ok {
		return
	}
	f, fh, err := r.FormFile("file")
	if err != nil {
		webError(w, 400, "file is required")
		return
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil || len(data) == 0 {
		webError(w, 400, "file is empty")
		return
	}
	replyTo, _ := strconv.Atoi(r.FormValue("reply_to")) // 0: none
	var m Message
	switch ct := fh.Header.Get("Content-Type"); {
	case strings.HasPrefix(ct, "image/"):
		m = s.sendFileReplying(from, chat, replyTo, fh.Filename, data, r.FormValue("caption"), true)
	case strings.HasPrefix(ct, "audio/") && r.FormValue("caption") == "" && replyTo == 0:
		m = s.SendVoice(from, chat, data, 0) // a recording sent as a voice note
	default:
		m = s.sendFileReplying(from, chat, replyTo, fh.Filename, data, r.FormValue("caption"), false)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	writeJSON(w, 200, s.webMessageLocked(m))
}

// maxAlbum is how many photos Telegram lets one album hold.
const maxAlbum = 10

// apiAlbum sends several photos chosen together as one album (Telegram's
// media group: a message each, sharing a media_group_id, the caption on
// the first, every part replying to reply_to if set), as a phone sends
// screenshots picked at once.
func (s *Server) apiAlbum(w http.ResponseWriter, r *http.Request) {
	from, chat, ok := s.formActor(w, r, 40<<20)
	if !ok {
		return
	}
	files := r.MultipartForm.File["file"]
	if len(files) < 2 || len(files) > maxAlbum {
		webError(w, 400, fmt.Sprintf("an album holds 2 to %d photos", maxAlbum))
		return
	}
	var photos [][]byte
	for _, fh := range files {
		if !strings.HasPrefix(fh.Header.Get("Content-Type"), "image/") {
			webError(w, 400, "an album here holds photos only")
			return
		}
		f, err := fh.Open()
		if err != nil {
			webError(w, 400, "file unreadable")
			return
		}
		data, err := io.ReadAll(f)
		f.Close()
		if err != nil || len(data) == 0 {
			webError(w, 400, "file is empty")
			return
		}
		photos = append(photos, data)
	}
	replyTo, _ := strconv.Atoi(r.FormValue("reply_to")) // 0: none
	ms := s.SendAlbum(from, chat, replyTo, photos, r.FormValue("caption"))
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]webMessage, len(ms))
	for i, m := range ms {
		out[i] = s.webMessageLocked(m)
	}
	writeJSON(w, 200, map[string]any{"messages": out})
}

func (s *Server) apiFile(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	f, ok := s.files[r.PathValue("id")]
	s.mu.Unlock()
	if !ok {
		webError(w, 404, "no such file")
		return
	}
	w.Header().Set("Content-Type", f.file.MIME)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if !f.file.Photo && !f.file.Voice { // a voice note plays in the page
		w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": path.Base(f.file.Name)}))
	}
	_, _ = w.Write(f.data)
}

// serveEvents streams chat changes as server-sent events: those after
// sequence number ?after= (or Last-Event-ID), else those from now on;
// with ?chat= only that chat's (and "people" events).
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		webError(w, 500, "streaming unsupported")
		return
	}
	s.mu.Lock()
	after := s.lastEventLocked() // by default only what happens from now on
	s.mu.Unlock()
	if v := r.URL.Query().Get("after"); v != "" {
		after, _ = strconv.Atoi(v)
	}
	if id := r.Header.Get("Last-Event-ID"); id != "" {
		after, _ = strconv.Atoi(id)
	}
	chatFilter, _ := strconv.ParseInt(r.URL.Query().Get("chat"), 10, 64)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	_, _ = io.WriteString(w, ": connected\n\n")
	fl.Flush()
	keepalive := time.NewTicker(20 * time.Second)
	defer keepalive.Stop()
	for {
		s.mu.Lock()
		last := s.lastEventLocked()
		if after < 0 || after > last {
			after = last
		}
		// Events older than the kept ones are gone: a page that far behind
		// gets what is left.
		var out []webEvent
		for _, e := range s.events[max(after-s.eventBase, 0):] {
			if chatFilter != 0 && e.Chat != chatFilter && e.Kind != "people" {
				continue
			}
			we := webEvent{Event: e}
			if e.Message != nil {
				m := s.webMessageLocked(*e.Message)
				we.Message = &m
			}
			out = append(out, we)
		}
		after = last
		ch, closed := s.changed, s.closed
		s.mu.Unlock()
		for _, e := range out {
			b, _ := json.Marshal(e)
			_, _ = io.WriteString(w, "id: "+strconv.Itoa(e.Seq)+"\nevent: "+e.Kind+"\ndata: "+string(b)+"\n\n")
		}
		if len(out) > 0 {
			fl.Flush()
		}
		if closed {
			return
		}
		select {
		case <-ch:
		case <-keepalive.C:
			_, _ = io.WriteString(w, ": keepalive\n\n")
			fl.Flush()
		case <-r.Context().Done():
			return
		}
	}
}
