package sandbox

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"
)

// Options configure a Server. Zero values get usable defaults.
type Options struct {
	// Token is the bot token the server accepts; default "123456:SANDBOX".
	Token string
	// BotID defaults to the number before ':' in Token.
	BotID int64
	// BotUsername defaults to "aulabot".
	BotUsername string
	// Now is the clock for message dates and rate limits; default time.Now.
	Now func() time.Time
	// Zone is the IANA time zone the web chat shows its clock and the
	// messages' times in, the universities' (the bot's words say their
	// times in it); "" is the browser's own.
	Zone string
	// Limits enforces Telegram's flood limits with 429 and retry_after: 30
	// messages/s overall (burst 30), 1/s per chat (burst 3), and in a group
	// 20/min as well (burst 20). Sends, copies, forwards and edits count:
	// Telegram counts an edit as a message.
	Limits bool
	// Strict makes Limits count as Telegram words them, with no bursts and
	// each message counted when it arrives: at most 30 in any second
	// overall, two in a chat at least a second apart, and at most 20 in
	// any minute in a group. A bot that paces its sends from when it
	// starts them, not from when they arrive, meets 429s here that the
	// buckets of Limits forgive.
	Strict bool
	// Users are added as if by AddUser, then Groups as if by AddGroup.
	Users  []User
	Groups []Group
	// Bounds limit what is kept in memory (zero: the defaults).
	Bounds Bounds
	// Faults are injected into the bot's calls from the start; SetFaults
	// changes them during a run.
	Faults Faults
	// Hosts are the host:port values the server answers to (the Host
	// header); empty: any loopback host. See HostsFor and AllowHosts.
	Hosts []string
}

// Server is the emulated Bot API plus the users' side of every chat.
type Server struct {
	opts  Options
	bot   User
	hosts atomic.Pointer[[]string] // AllowHosts

	mu      sync.Mutex
	changed chan struct{} // closed and replaced on every change
	// polled is closed and replaced when what a long poll waits for
	// happens: an update is queued, a newer poll or a webhook takes over,
	// the server closes. The bot's own sends do not wake it.
	polled    chan struct{}
	watch     func(Event) // Watch
	users     map[int64]*User
	blocked   map[int64]bool
	lms       fakeLMS      // the universities' virtual classrooms (lms.go)
	clockCtl  clockControl // the web chat's clock (clock.go)
	chats     map[int64]*chat
	updates   []*pendingUpdate
	history   map[int]json.RawMessage
	nextUpd   int
	allowed   []string
	pollGen   int
	answers   map[string]*CallbackAnswer
	answerLs  []string
	nextCB    int
	nextAlbum int // the last media group id given (SendAlbum)
	nextFile  int
	commands  map[string][]BotCommand
	descs     map[string]string // setMyDescription and setMyShortDescription (describe.go)
	calls     map[string]int
	// flooded counts the sends refused by the flood limits (Options.Limits).
	flooded int
	fails   map[string][]apiError
	webhook webhook
	events  []Event
	global  *rate.Limiter
	perChat map[int64][]*rate.Limiter // the limits a message to a chat keeps, the overall one first (allowSendLocked)
	// arrivals are the times of the last messages that went (Strict):
	// overall the last 30, and for each chat its last 20.
	arrivals     []time.Time
	chatArrivals map[int64][]time.Time
	closed       bool
	done         chan struct{} // closed by Close: hanging requests end
	wg           sync.WaitGroup

	files     map[string]*storedFile
	fileOrder []string
	histOrder []int
	eventBase int // sequence number of events[0] minus one

	gen        int
	callSeq    int
	record     []Record
	recSeq     int
	faults     Faults
	faultRNG   map[MethodClass]*rand.Rand
	faultCount map[string]int
	added      int // people added with NewPerson
}

// apiError is a Bot API error response.
type apiError struct {
	Code       int
	Desc       string
	RetryAfter int
	MigrateTo  int64 // a group upgraded to a supergroup
}

func badRequest(format string, a ...any) *apiError {
	return &apiError{Code: 400, Desc: "Bad Request: " + fmt.Sprintf(format, a...)}
}

// New returns a Server ready to serve; call Close when done.
func New(opts Options) *Server {
	if opts.Token == "" {
		opts.Token = "123456:SANDBOX"
	}
	if opts.BotID == 0 {
		id, _, _ := strings.Cut(opts.Token, ":")
		opts.BotID, _ = strconv.ParseInt(id, 10, 64)
		if opts.BotID == 0 {
			opts.BotID = 123456
		}
	}
	if opts.BotUsername == "" {
		opts.BotUsername = "aulabot"
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	opts.Bounds = opts.Bounds.withDefaults()
	s := &Server{
		opts:         opts,
		bot:          User{ID: opts.BotID, FirstName: "aulabot", Username: opts.BotUsername},
		changed:      make(chan struct{}),
		polled:       make(chan struct{}),
		users:        map[int64]*User{},
		blocked:      map[int64]bool{},
		chats:        map[int64]*chat{},
		history:      map[int]json.RawMessage{},
		nextUpd:      1,
		answers:      map[string]*CallbackAnswer{},
		files:        map[string]*storedFile{},
		commands:     map[string][]BotCommand{},
		calls:        map[string]int{},
		fails:        map[string][]apiError{},
		global:       rate.NewLimiter(30, 30),
		perChat:      map[int64][]*rate.Limiter{},
		chatArrivals: map[int64][]time.Time{},
		done:         make(chan struct{}),

		faultCount: map[string]int{},
	}
	s.SetFaults(opts.Faults)
	s.AllowHosts(opts.Hosts...)
	for _, u := range opts.Users {
		s.AddUser(u)
	}
	for _, g := range opts.Groups {
		s.AddGroup(g.ID, g.Title, g.Members...)
	}
	return s
}

// Close stops webhook delivery, ends long polls and event streams (later
// getUpdates calls get 502) and wakes every waiter. Call it before closing
// an httptest.Server, whose Close waits for open long polls. It is safe to
// call more than once.
func (s *Server) Close() {
	s.mu.Lock()
	if !s.closed {
		close(s.done)
	}
	s.closed = true
	s.stopWebhookLocked()
	s.notifyLocked()
	s.wakePollLocked()
	s.mu.Unlock()
	s.wg.Wait()
}

// Endpoint returns the tgbotapi endpoint format for a server reachable at
// baseURL, e.g. "http://127.0.0.1:8081/bot%s/%s".
func (s *Server) Endpoint(baseURL string) string {
	return strings.TrimRight(baseURL, "/") + "/bot%s/%s"
}

// Token returns the bot token the server accepts.
func (s *Server) Token() string { return s.opts.Token }

// Bot returns the bot's own user.
func (s *Server) Bot() User { return s.bot }

// notifyLocked wakes everyone waiting for a change. s.mu must be held.
func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// wakePollLocked wakes a long poll: it looks at the queue and its
// generation again. s.mu must be held.
func (s *Server) wakePollLocked() {
	close(s.polled)
	s.polled = make(chan struct{})
}

// Handler serves the Bot API at /bot<token>/<method>, file downloads at
// /file/bot<token>/<path>, and the web chat.
func (s *Server) Handler() http.Handler {
	web := s.webHandler()
	return s.guard(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch p := r.URL.Path; {
		case strings.HasPrefix(p, "/bot"):
			s.serveAPI(w, r)
		case strings.HasPrefix(p, "/file/bot"):
			s.serveFile(w, r)
		default:
			web.ServeHTTP(w, r)
		}
	}))
}

func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	token, method, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/bot"), "/")
	if token != s.opts.Token {
		writeError(w, &apiError{Code: 401, Desc: "Unauthorized"})
		return
	}
	method = strings.ToLower(method)
	h, ok := methods[method]
	if !ok {
		writeError(w, &apiError{Code: 404, Desc: "Not Found"})
		return
	}
	s.mu.Lock()
	s.callSeq++
	ctx := context.WithValue(context.WithValue(r.Context(), methodKey{}, method), callKey{}, s.callSeq)
	s.calls[method]++
	var fail *apiError
	if q := s.fails[method]; len(q) > 0 {
		fail = &q[0]
		s.fails[method] = q[1:]
	}
	fault := s.pickFaultLocked(classOf(method))
	switch fault {
	case FaultTooMany, FaultServer:
		fail = s.injectedError(fault)
	}
	s.mu.Unlock()
	p, perr := parseParams(r)
	if fault != "" {
		s.mu.Lock()
		s.faultedLocked(ctx, fault, fail, p)
		s.mu.Unlock()
	}
	if fault == FaultTimeout {
		select { // the client gives up, or the emulator closes
		case <-r.Context().Done():
		case <-s.done:
		}
		return
	}
	if fail != nil {
		writeError(w, fail)
		return
	}
	if perr != nil {
		writeError(w, badRequest("%v", perr))
		return
	}
	res, aerr := h(s, ctx, p)
	if aerr != nil {
		s.mu.Lock()
		s.recordLocked(ctx, Record{Kind: RecError, Code: aerr.Code, Desc: aerr.Desc})
		s.mu.Unlock()
		writeError(w, aerr)
		return
	}
	if fault == FaultDrop {
		dropResponse(w, res)
		return
	}
	if raw, ok := res.([]json.RawMessage); ok {
		writeRaw(w, raw)
		return
	}
	writeJSON(w, 200, okResponse{OK: true, Result: res})
}

// writeRaw answers with updates as they are stored (valid JSON, checked
// when each was made): every poll returns the updates not yet confirmed,
// so under load most of an answer was encoded before, and encoding/json
// would check each one again.
func writeRaw(w http.ResponseWriter, raw []json.RawMessage) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(200)
	body := make([]byte, 0, 64+len(raw)*512)
	body = append(body, `{"ok":true,"result":[`...)
	for i, r := range raw {
		if i > 0 {
			body = append(body, ',')
		}
		body = append(body, r...)
	}
	body = append(body, "]}\n"...)
	_, _ = w.Write(body)
}

// okResponse is the Bot API's answer to a call that worked.
type okResponse struct {
	OK     bool `json:"ok"`
	Result any  `json:"result"`
}

func writeError(w http.ResponseWriter, e *apiError) {
	body := map[string]any{"ok": false, "error_code": e.Code, "description": e.Desc}
	switch {
	case e.RetryAfter > 0:
		body["parameters"] = map[string]any{"retry_after": e.RetryAfter}
	case e.MigrateTo != 0:
		body["parameters"] = map[string]any{"migrate_to_chat_id": e.MigrateTo}
	}
	writeJSON(w, e.Code, body)
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

// FailNext makes the next n calls of method fail with code; retryAfter
// (seconds) is sent for 429s. Descriptions follow Telegram's wording.
func (s *Server) FailNext(method string, code int, retryAfter int, n int) {
	desc := http.StatusText(code)
	switch code {
	case 400:
		desc = "Bad Request: injected failure"
	case 403:
		desc = "Forbidden: bot was blocked by the user"
	case 429:
		desc = fmt.Sprintf("Too Many Requests: retry after %d", retryAfter)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m := strings.ToLower(method)
	for range n {
		s.fails[m] = append(s.fails[m], apiError{Code: code, Desc: desc, RetryAfter: retryAfter})
	}
}

// Flooded reports how many sends the flood limits (Options.Limits) refused
// with 429; injected faults are not counted. Unlike counting calls against
// stored messages, it does not count a send still on its way.
func (s *Server) Flooded() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.flooded
}

// Calls reports how many times method was called (failed calls included).
func (s *Server) Calls(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[strings.ToLower(method)]
}
