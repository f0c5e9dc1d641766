package sandbox

import (
	"context"
	"net"
	"slices"
	"time"
)

// Record is one thing that happened at the emulated Bot API, in order:
// what people did (updates queued for the bot), and what the bot did
// (messages sent, edited and deleted, callback answers, polls) with the
// errors it got. Tests check a whole run against it: no message sent twice,
// every press answered, which offsets the bot confirmed and when.
type Record struct {
	Seq  int       `json:"seq"`
	Time time.Time `json:"time"`
	// Kind is one of the Rec* constants.
	Kind string `json:"kind"`
	// Method is the Bot API method, in lower case, of the bot's calls.
	Method string `json:"method,omitempty"`
	// Generation is the bot process that made the call: the value of
	// SetGeneration when its connection was opened (see ConnContext).
	Generation int   `json:"gen"`
	Chat       int64 `json:"chat,omitempty"`
	MessageID  int   `json:"message_id,omitempty"`
	// From and UpdateID describe a person's update.
	From     int64 `json:"from,omitempty"`
	UpdateID int   `json:"update_id,omitempty"`
	// Text is the text or caption of a message as sent (Telegram HTML for
	// the bot's), or an answer's text.
	Text    string     `json:"text,omitempty"`
	Buttons [][]Button `json:"buttons,omitempty"`
	File    string     `json:"file,omitempty"`
	ReplyTo int        `json:"reply_to,omitempty"`
	// Edited marks a person's update that edits their message MessageID.
	Edited bool `json:"edited,omitempty"`
	// Data and Callback are a press's callback data and query id; Alert
	// tells whether an answer was shown as a dialog.
	Data     string `json:"data,omitempty"`
	Callback string `json:"callback,omitempty"`
	Alert    bool   `json:"alert,omitempty"`
	// Offset is the offset a getUpdates call sent; First, Last and Count
	// describe the updates a poll returned.
	Offset int `json:"offset,omitempty"`
	First  int `json:"first,omitempty"`
	Last   int `json:"last,omitempty"`
	Count  int `json:"count,omitempty"`
	// Call numbers the bot's Bot API request the entry belongs to: a
	// dropped connection's error and the send it cut share it.
	Call int `json:"call,omitempty"`
	// Code and Desc are an error returned to the bot; Fault names an
	// injected failure.
	Code  int       `json:"code,omitempty"`
	Desc  string    `json:"desc,omitempty"`
	Fault FaultKind `json:"fault,omitempty"`
}

// Kinds of Record.
const (
	RecUpdate     = "update"     // a person's message or press, queued for the bot
	RecSend       = "send"       // the bot sent a message (text, file, copy, forward)
	RecEdit       = "edit"       // the bot edited a message
	RecDelete     = "delete"     // the bot deleted a message
	RecAnswer     = "answer"     // the bot answered a press
	RecPoll       = "poll"       // getUpdates arrived with Offset (confirming what is below it)
	RecDeliver    = "deliver"    // getUpdates returned Count updates, First to Last
	RecLeave      = "leave"      // the bot left a group
	RecError      = "error"      // the bot got an error (Code, Desc, Fault)
	RecGeneration = "generation" // SetGeneration was called (Generation is the new value)
)

type genKey struct{}

// ConnContext tags a new connection with the current generation, so that
// every call made on it is recorded as that bot process's. Set it as the
// http.Server's ConnContext: a process started after SetGeneration(n)
// connects anew, while a killed process's last calls still count as its
// own.
func (s *Server) ConnContext(ctx context.Context, _ net.Conn) context.Context {
	s.mu.Lock()
	defer s.mu.Unlock()
	return context.WithValue(ctx, genKey{}, s.gen)
}

// SetGeneration numbers the bot process started from now on (tests bump it
// at each restart) and records the change.
func (s *Server) SetGeneration(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gen = n
	s.recordLocked(nil, Record{Kind: RecGeneration, Generation: n})
}

func (s *Server) genOf(ctx context.Context) int {
	if ctx != nil {
		if g, ok := ctx.Value(genKey{}).(int); ok {
			return g
		}
	}
	return s.gen
}

// recordLocked appends r, stamped with time, sequence number and the
// generation of ctx's connection (the current one without it).
func (s *Server) recordLocked(ctx context.Context, r Record) {
	if r.Kind != RecGeneration {
		r.Generation = s.genOf(ctx)
	}
	if ctx != nil && r.Method == "" {
		r.Method, _ = ctx.Value(methodKey{}).(string)
	}
	if ctx != nil {
		r.Call, _ = ctx.Value(callKey{}).(int)
	}
	s.recSeq++
	r.Seq, r.Time = s.recSeq, s.opts.Now()
	s.record = append(s.record, r)
	s.record, _ = keepLast(s.record, s.opts.Bounds.Record)
}

// recordMessageLocked records a bot message that was sent, edited or
// deleted.
func (s *Server) recordMessageLocked(ctx context.Context, kind string, m *Message) {
	r := Record{Kind: kind, Chat: m.Chat, MessageID: m.ID, Text: m.Text, Buttons: m.Inline, ReplyTo: m.ReplyTo}
	if m.File != nil {
		r.File = m.File.Name
	}
	s.recordLocked(ctx, r)
}

// RecordSince returns the kept entries of the record after sequence number
// seq (0: all of them), oldest first.
func (s *Server) RecordSince(seq int) []Record {
	s.mu.Lock()
	defer s.mu.Unlock()
	i, _ := slices.BinarySearchFunc(s.record, seq+1, func(r Record, seq int) int { return r.Seq - seq })
	return slices.Clone(s.record[i:])
}

type (
	methodKey struct{}
	callKey   struct{}
)
