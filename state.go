package aulabot

import "time"

// State is where one user is in a conversation flow in one chat: the flow,
// its step and what was collected so far. The zero State is "no flow".
type State struct {
	Flow    string            `json:"flow,omitempty"`
	Step    string            `json:"step,omitempty"`
	Data    map[string]string `json:"data,omitempty"`
	Updated time.Time         `json:"updated"`
}

// Get returns a collected value.
func (s State) Get(k string) string { return s.Data[k] }

// With returns a copy of s with k set to v.
func (s State) With(k, v string) State {
	d := make(map[string]string, len(s.Data)+1)
	for kk, vv := range s.Data {
		d[kk] = vv
	}
	d[k] = v
	s.Data = d
	return s
}
