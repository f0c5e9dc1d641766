package aulabot_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
)

type pick struct {
	Lang string `json:"lang,omitempty"`
	Uni  string `json:"uni,omitempty"`
	N    int    `json:"n,omitempty"`
}

var flowPick = aulabot.Flow[pick]{Name: "pick"}

func TestFlow(t *testing.T) {
	st := flowPick.At("role", pick{Lang: "en", Uni: "unma", N: 2})
	if !flowPick.In(st) || st.Step != "role" {
		t.Fatalf("state = %+v, want the flow at role", st)
	}
	var stored aulabot.State
	b, _ := json.Marshal(st)
	if err := json.Unmarshal(b, &stored); err != nil {
		t.Fatal(err)
	}
	if got, ok := flowPick.Data(stored); !ok || got != (pick{Lang: "en", Uni: "unma", N: 2}) {
		t.Errorf("Data after a round trip = %+v, %v", got, ok)
	}
	if _, ok := (aulabot.Flow[pick]{Name: "other"}).Data(stored); ok {
		t.Error("another flow read this flow's data")
	}
	if _, ok := flowPick.Data(aulabot.State{Flow: "pick", Data: json.RawMessage(`{"n":"two"}`)}); ok {
		t.Error("data of another shape was read")
	}
	if d, ok := flowPick.Data(aulabot.State{Flow: "pick"}); !ok || d != (pick{}) {
		t.Errorf("a state without data = %+v, %v, want the zero data", d, ok)
	}
}

// A state the previous version stored (data as a map of strings) reads
// the same: through Get, and through a declared flow whose fields have the
// map's keys as JSON names.
func TestState_StoredByThePreviousVersion(t *testing.T) {
	old := `{"flow":"pick","step":"role","data":{"lang":"en","uni":"unma"},"updated":"2026-03-10T15:00:00Z"}`
	var st aulabot.State
	if err := json.Unmarshal([]byte(old), &st); err != nil {
		t.Fatal(err)
	}
	if st.Get("uni") != "unma" || st.Get("lang") != "en" || st.Get("none") != "" {
		t.Errorf("Get: uni %q lang %q", st.Get("uni"), st.Get("lang"))
	}
	if d, ok := flowPick.Data(st); !ok || d != (pick{Lang: "en", Uni: "unma"}) {
		t.Errorf("Data = %+v, %v", d, ok)
	}
	if !st.Updated.Equal(time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)) {
		t.Errorf("Updated = %v", st.Updated)
	}
}

func TestState_With(t *testing.T) {
	a := aulabot.State{Flow: "x"}.With("slot", "7")
	b := a.With("stars", "5")
	if a.Get("stars") != "" || b.Get("slot") != "7" || b.Get("stars") != "5" {
		t.Errorf("With changed its receiver or lost a value: a %s, b %s", a.Data, b.Data)
	}
	if got := (aulabot.State{}).Get("slot"); got != "" {
		t.Errorf("Get of the zero state = %q", got)
	}
}
