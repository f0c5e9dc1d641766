package sandbox

import (
	"bufio"
	"context"
	"encoding/json"
	"hash/fnv"
	"math/rand/v2"
	"net/http"
	"strconv"
)

// FaultKind is a way a Bot API call fails.
type FaultKind string

// The failures Telegram shows a bot.
const (
	// FaultTooMany answers 429 Too Many Requests with retry_after; the
	// call is not done.
	FaultTooMany FaultKind = "429"
	// FaultServer answers 500 Internal Server Error; the call is not done.
	FaultServer FaultKind = "500"
	// FaultTimeout never answers: the request hangs until the client gives
	// up (or the server closes). The call is not done.
	FaultTimeout FaultKind = "timeout"
	// FaultDrop does the call, then closes the connection in the middle of
	// the response: Telegram took the message, the bot sees an error.
	FaultDrop FaultKind = "drop"
)

// FaultKinds lists every kind.
var FaultKinds = []FaultKind{FaultTooMany, FaultServer, FaultTimeout, FaultDrop}

// MethodClass groups the Bot API methods that fail alike.
type MethodClass string

// Method classes for fault injection.
const (
	ClassPoll   MethodClass = "getUpdates"
	ClassSend   MethodClass = "send"   // sendMessage, sendPhoto, sendDocument, copyMessage, forwardMessage
	ClassEdit   MethodClass = "edit"   // editMessageText, editMessageCaption, editMessageReplyMarkup, deleteMessage
	ClassAnswer MethodClass = "answer" // answerCallbackQuery
)

// MethodClasses lists every class.
var MethodClasses = []MethodClass{ClassPoll, ClassSend, ClassEdit, ClassAnswer}

// classOf returns the class of a method in lower case, "" for methods that
// never fail by injection (getMe, setMyCommands, ...).
func classOf(method string) MethodClass {
	switch method {
	case "getupdates":
		return ClassPoll
	case "sendmessage", "sendphoto", "senddocument", "copymessage", "forwardmessage":
		return ClassSend
	case "editmessagetext", "editmessagecaption", "editmessagereplymarkup", "deletemessage":
		return ClassEdit
	case "answercallbackquery":
		return ClassAnswer
	}
	return ""
}

// FaultRule makes Rate (0 to 1) of the calls of Class fail with Kind.
type FaultRule struct {
	Class MethodClass
	Kind  FaultKind
	Rate  float64
}

// Faults are the failures injected into the bot's calls. Each call of a
// class draws one number from that class's generator, seeded from Seed,
// so the n-th call of a class fails the same way in every run with the
// same seed.
type Faults struct {
	Seed  int64
	Rules []FaultRule
	// RetryAfter is the retry_after of injected 429s, in seconds (default 1).
	RetryAfter int
}

// EveryFault returns rules that fail rate of the calls of each class,
// spread equally over the four kinds.
func EveryFault(rate float64) []FaultRule {
	var out []FaultRule
	for _, c := range MethodClasses {
		for _, k := range FaultKinds {
			out = append(out, FaultRule{Class: c, Kind: k, Rate: rate / float64(len(FaultKinds))})
		}
	}
	return out
}

// SetFaults replaces the injected failures (no rules: none) and restarts
// their generators.
func (s *Server) SetFaults(f Faults) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f.RetryAfter <= 0 {
		f.RetryAfter = 1
	}
	s.faults = f
	s.faultRNG = map[MethodClass]*rand.Rand{}
}

// InjectedFaults counts the failures injected so far by class and kind,
// e.g. "send/drop".
func (s *Server) InjectedFaults() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]int, len(s.faultCount))
	for k, v := range s.faultCount {
		out[k] = v
	}
	return out
}

// pickFaultLocked decides whether this call of class fails, and how.
func (s *Server) pickFaultLocked(class MethodClass) FaultKind {
	if class == "" || len(s.faults.Rules) == 0 {
		return ""
	}
	rng, ok := s.faultRNG[class]
	if !ok {
		h := fnv.New64a()
		h.Write([]byte(class))
		rng = rand.New(rand.NewPCG(uint64(s.faults.Seed), h.Sum64()))
		s.faultRNG[class] = rng
	}
	u, acc := rng.Float64(), 0.0
	for _, r := range s.faults.Rules {
		if r.Class != class {
			continue
		}
		acc += r.Rate
		if u < acc {
			s.faultCount[string(class)+"/"+string(r.Kind)]++
			return r.Kind
		}
	}
	return ""
}

// faultedLocked records an injected failure of a call with parameters p
// (the chat and the press it was about), and marks the press, for an
// answer, as failed.
func (s *Server) faultedLocked(ctx context.Context, kind FaultKind, fail *apiError, p params) {
	r := Record{Kind: RecError, Fault: kind, Callback: p.str("callback_query_id")}
	r.Chat, _ = p.int64("chat_id")
	if fail != nil {
		r.Code, r.Desc = fail.Code, fail.Desc
	}
	if a, ok := s.answers[r.Callback]; ok && !a.Answered {
		a.Fault = kind
		s.notifyLocked()
	}
	s.recordLocked(ctx, r)
}

// injectedError is the response of a 429 or 500 fault.
func (s *Server) injectedError(kind FaultKind) *apiError {
	if kind == FaultTooMany {
		ra := s.faults.RetryAfter
		return &apiError{Code: 429, Desc: "Too Many Requests: retry after " + strconv.Itoa(ra), RetryAfter: ra}
	}
	return &apiError{Code: 500, Desc: "Internal Server Error"}
}

// dropResponse sends the status line, the headers and half of the JSON
// body of a successful answer, then closes the connection.
func dropResponse(w http.ResponseWriter, result any) {
	body, _ := json.Marshal(map[string]any{"ok": true, "result": result})
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler) // HTTP/2: abort the stream instead
	}
	conn, buf, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	defer conn.Close()
	writeHalf(buf.Writer, body)
}

func writeHalf(w *bufio.Writer, body []byte) {
	w.WriteString("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n")
	w.Write(body[:len(body)/2])
	w.Flush()
}
