package aulabot

import (
	"encoding/json"
	"fmt"
	"time"
)

// State is where one user is in a conversation flow in one chat: the flow,
// its step and what its steps collected. The zero State is "no flow". A
// flow left idle for longer than its stated time is dropped
// (handlers.FlowIdle).
type State struct {
	Flow string `json:"flow,omitempty"`
	Step string `json:"step,omitempty"`
	// Data is what the flow's steps collected: the JSON of the struct its
	// Flow declares (Flow.At writes it, Flow.Data reads it). A flow not yet
	// declared with Flow keeps a JSON object of strings (Get, With).
	Data json.RawMessage `json:"data,omitempty"`
	// Prompt and PromptRef name the message that asked for this step,
	// while its buttons may still be pressed: its id, or the ref it was
	// sent under as a new message (its id is known once it is sent);
	// PromptKeep are its rows that outlast the step (links, articles). The
	// handlers keep them (handlers/prompt.go), so that a step answered by
	// typing leaves no live buttons behind.
	Prompt     int        `json:"prompt,omitempty"`
	PromptRef  string     `json:"promptref,omitempty"`
	PromptKeep [][]Button `json:"promptkeep,omitempty"`
	Updated    time.Time  `json:"updated"`
}

// Page names the message that shows a person a page of some kind (a
// survey's question) whose buttons answer it: its id, or the ref it was
// sent under while its id is not yet known, and when it was shown. One
// per person and kind is live: showing another takes the buttons off the
// one before (handlers/livepage.go).
type Page struct {
	ID  int       `json:"id,omitempty"`
	Ref string    `json:"ref,omitempty"`
	At  time.Time `json:"at,omitzero"`
}

// IsZero reports whether p names nothing.
func (p Page) IsZero() bool { return p == Page{} }

// Flow declares a conversation flow: its name, stored as State.Flow, and
// D, the struct of what its steps collect, stored as JSON in State.Data.
// Declare one as a variable next to the flow's steps (constants) and D:
//
//	var FlowOnboard = aulabot.Flow[Onboarding]{Name: "onboard"}
//
// D must be a plain struct (strings, numbers, slices of them): its JSON
// never fails. Renaming a field of D drops what states stored under the old
// name; states last only as long as a flow's idle time, so an upgrade at
// worst restarts a flow someone was in the middle of.
type Flow[D any] struct{ Name string }

// At returns the state of flow f at step, keeping d.
func (f Flow[D]) At(step string, d D) State {
	b, err := json.Marshal(d)
	if err != nil {
		panic(fmt.Sprintf("flow %s: data %T is not plain: %v", f.Name, d, err))
	}
	return State{Flow: f.Name, Step: step, Data: b}
}

// In reports whether st is a state of flow f.
func (f Flow[D]) In(st State) bool { return st.Flow == f.Name }

// Data returns what st keeps if st is a state of flow f; false if it is
// not, or if its data is not a D.
func (f Flow[D]) Data(st State) (D, bool) {
	var d D
	if st.Flow != f.Name {
		return d, false
	}
	if len(st.Data) > 0 && json.Unmarshal(st.Data, &d) != nil {
		return d, false
	}
	return d, true
}

// Get returns a value collected by a flow that keeps a string map.
//
// Deprecated: declare the flow with Flow and read its data with Flow.Data.
// Kept while issue 13's phase B converts the helpdesk's and mentoring's
// flows; remove it with their last use.
func (s State) Get(k string) string {
	var m map[string]string
	if json.Unmarshal(s.Data, &m) != nil {
		return ""
	}
	return m[k]
}

// With returns a copy of s, of a flow that keeps a string map, with k set
// to v.
//
// Deprecated: declare the flow with Flow and write its data with Flow.At.
// Kept while issue 13's phase B converts the helpdesk's and mentoring's
// flows; remove it with their last use.
func (s State) With(k, v string) State {
	var m map[string]string
	if json.Unmarshal(s.Data, &m) != nil || m == nil {
		m = map[string]string{}
	}
	m[k] = v
	b, err := json.Marshal(m)
	if err != nil {
		panic(err) // a map of strings always has JSON
	}
	s.Data = b
	return s
}
