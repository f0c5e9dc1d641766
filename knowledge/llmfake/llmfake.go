// Package llmfake is an OpenAI-compatible server for tests, on 127.0.0.1:
// chat completions answer with a reply the test sets, embeddings with
// vectors from a function, transcriptions with words from a function,
// and a test can hold chat requests to play a slow model and release them
// when it chooses.
package llmfake

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

// Server is the fake. Its zero replies are empty; set them with SetReply.
type Server struct {
	srv *httptest.Server

	mu       sync.Mutex
	reply    string
	status   int
	block    bool
	gate     chan struct{} // while set, chat requests wait for it to close
	started  chan string   // each chat request's question, as it starts
	prompts  []string
	paths    []string
	embedded []string
	chats    int
	vector   func(string) []float32
	usage    map[string]int // reported token counts; nil: none
	heard    func(audio []byte, lang string) string
	audio    []Audio
}

// Audio is one transcription request: the file's name and bytes, the
// model and the language asked for.
type Audio struct {
	Name, Model, Language string
	Data                  []byte
}

// New starts a fake that stops when the test ends.
func New(t testing.TB) *Server {
	s := &Server{started: make(chan string, 100), vector: func(string) []float32 { return []float32{1, 0, 0} }}
	s.srv = httptest.NewServer(s)
	t.Cleanup(s.srv.Close)
	return s
}

// URL is the base URL to give the client (OPENAI_BASE_URL).
func (s *Server) URL() string { return s.srv.URL + "/v1" }

// SetTranscript sets what a transcription answers for the audio sent and
// the language asked for (by default "").
func (s *Server) SetTranscript(f func(audio []byte, lang string) string) {
	s.mu.Lock()
	s.heard = f
	s.mu.Unlock()
}

// Audios returns every transcription request so far.
func (s *Server) Audios() []Audio {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Audio(nil), s.audio...)
}

// SetReply sets what every chat completion answers.
func (s *Server) SetReply(r string) { s.mu.Lock(); s.reply = r; s.mu.Unlock() }

// SetStatus makes every request fail with an HTTP status (0: succeed).
func (s *Server) SetStatus(code int) { s.mu.Lock(); s.status = code; s.mu.Unlock() }

// Block makes every request hang until the client gives up.
func (s *Server) Block(b bool) { s.mu.Lock(); s.block = b; s.mu.Unlock() }

// SetUsage makes chat completions report prompt and completion tokens,
// and embeddings report prompt tokens, as OpenAI's server does.
func (s *Server) SetUsage(prompt, completion int) {
	s.mu.Lock()
	s.usage = map[string]int{"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}
	s.mu.Unlock()
}

// SetVector sets how texts are embedded.
func (s *Server) SetVector(f func(string) []float32) { s.mu.Lock(); s.vector = f; s.mu.Unlock() }

// Hold makes chat and transcription requests wait, from now on, until
// release is called (or the client hangs up). release may be called more
// than once.
func (s *Server) Hold() (release func()) {
	gate := make(chan struct{})
	s.mu.Lock()
	s.gate = gate
	s.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			s.mu.Lock()
			if s.gate == gate {
				s.gate = nil
			}
			s.mu.Unlock()
			close(gate)
		})
	}
}

// Started receives the question of each chat request as it arrives, and
// "audio: NAME" for each transcription request.
func (s *Server) Started() <-chan string { return s.started }

// Prompts returns the messages of every chat request so far, in order.
func (s *Server) Prompts() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.prompts...)
}

// Paths returns the path of every request so far, in order, answered or
// not ("/v1/chat/completions", "/v1/embeddings").
func (s *Server) Paths() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.paths...)
}

// Embedded returns every text embedded so far; Forget clears the list.
func (s *Server) Embedded() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.embedded...)
}

// Forget clears the list of embedded texts.
func (s *Server) Forget() { s.mu.Lock(); s.embedded = nil; s.mu.Unlock() }

// Chats is how many chat requests were answered.
func (s *Server) Chats() int { s.mu.Lock(); defer s.mu.Unlock(); return s.chats }

// ServeHTTP answers the OpenAI API's chat completions and embeddings.
// arrive tells Started of request r (what) and, while the server holds
// requests, waits for gate; false if the client hung up meanwhile.
func (s *Server) arrive(r *http.Request, gate chan struct{}, what string) bool {
	select {
	case s.started <- what:
	default:
	}
	if gate == nil {
		return true
	}
	select {
	case <-gate:
		return true
	case <-r.Context().Done():
		return false
	}
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	status, block, gate := s.status, s.block, s.gate
	s.paths = append(s.paths, r.URL.Path)
	s.mu.Unlock()
	if block {
		io.Copy(io.Discard, r.Body) // lets the server notice the client hanging up
		<-r.Context().Done()
		return
	}
	if status != 0 {
		w.WriteHeader(status)
		w.Write([]byte(`{"error":{"message":"boom","type":"server_error"}}`))
		return
	}
	w.Header().Set("Content-Type", "application/json")
	switch r.URL.Path {
	case "/v1/chat/completions":
		var req struct {
			Messages []struct{ Content string } `json:"messages"`
		}
		json.NewDecoder(r.Body).Decode(&req)
		question := ""
		s.mu.Lock()
		for _, m := range req.Messages {
			s.prompts = append(s.prompts, m.Content)
			question = m.Content
		}
		s.mu.Unlock()
		if !s.arrive(r, gate, question) {
			return
		}
		s.mu.Lock()
		reply, usage := s.reply, s.usage
		s.chats++
		s.mu.Unlock()
		json.NewEncoder(w).Encode(map[string]any{
			"id": "x", "object": "chat.completion", "model": "m", "usage": usage,
			"choices": []any{map[string]any{"index": 0, "finish_reason": "stop",
				"message": map[string]any{"role": "assistant", "content": reply}}},
		})
	case "/v1/embeddings":
		var req struct {
			Input []string `json:"input"`
		}
		json.NewDecoder(r.Body).Decode(&req)
		var data []any
		s.mu.Lock()
		for i, in := range req.Input {
			s.embedded = append(s.embedded, in)
			data = append(data, map[string]any{"object": "embedding", "index": i, "embedding": s.vector(in)})
		}
		var usage map[string]int
		if s.usage != nil {
			usage = map[string]int{"prompt_tokens": s.usage["prompt_tokens"], "total_tokens": s.usage["prompt_tokens"]}
		}
		s.mu.Unlock()
		json.NewEncoder(w).Encode(map[string]any{"object": "list", "data": data, "model": "e", "usage": usage})
	case "/v1/audio/transcriptions":
		f, fh, err := r.FormFile("file")
		if err != nil {
			http.Error(w, `{"error":{"message":"file is required"}}`, http.StatusBadRequest)
			return
		}
		data, _ := io.ReadAll(f)
		a := Audio{Name: fh.Filename, Model: r.FormValue("model"), Language: r.FormValue("language"), Data: data}
		if !s.arrive(r, gate, "audio: "+fh.Filename) {
			return
		}
		s.mu.Lock()
		s.audio = append(s.audio, a)
		text := ""
		if s.heard != nil {
			text = s.heard(data, a.Language)
		}
		s.mu.Unlock()
		json.NewEncoder(w).Encode(map[string]any{"text": text})
	default:
		http.NotFound(w, r)
	}
}
