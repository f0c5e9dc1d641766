package button_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/button"
)

// Two kinds as a domain declares them: one word and a number, and a
// longer prefix with a word and a signed number.
type pageButton struct{ N uint64 }

func (b pageButton) Encode() string { return button.Join("pg", strconv.FormatUint(b.N, 10)) }

type moveButton struct {
	Kind string
	By   int64
}

func (b moveButton) Encode() string {
	return button.Join("mv:k", b.Kind, strconv.FormatInt(b.By, 10))
}

type stopButton struct{}

func (stopButton) Encode() string { return button.Join("mv:k:stop") }

var codec = button.NewCodec(
	button.Kind{Prefix: "pg", Fields: 1, Longest: pageButton{N: 1<<64 - 1},
		Decode: func(f []string) (button.Data, bool) {
			n, ok := button.Uint(f[0])
			return pageButton{N: n}, ok
		}},
	button.Kind{Prefix: "mv:k", Fields: 2, Longest: moveButton{Kind: "group", By: -1 << 63},
		Decode: func(f []string) (button.Data, bool) {
			by, ok := button.Int(f[1])
			return moveButton{Kind: f[0], By: by}, ok && f[0] != ""
		}},
	button.Kind{Prefix: "mv:k:stop", Fields: 0, Longest: stopButton{},
		Decode: func([]string) (button.Data, bool) { return stopButton{}, true }},
)

func TestCodec_Decode(t *testing.T) {
	for _, tt := range []struct {
		data string
		want button.Data // nil: stale
	}{
		{"pg:0", pageButton{0}},
		{"pg:18446744073709551615", pageButton{1<<64 - 1}},
		{"mv:k:group:-3", moveButton{"group", -3}},
		{"mv:k:stop", stopButton{}}, // the longest prefix wins
		{"mv:k:stop:1", nil},        // a field too many
		{"pg", nil},                 // a field too few
		{"pg:1:2", nil},
		{"pg:", nil},
		{"pg:007", nil}, // not as it encodes
		{"pg:+7", nil},
		{"pg:-1", nil},
		{"pg:18446744073709551616", nil}, // over uint64
		{"mv:k:group:-0", nil},
		{"mv:k::1", nil}, // the kind's own check
		{"mv:x:1", nil},  // unknown prefix
		{"zz", nil},
		{"", nil},
		{"pg:1\xff", nil}, // not UTF-8
		{"mv:k:" + strings.Repeat("g", 60) + ":1", nil}, // over 64 bytes
	} {
		got, err := codec.Decode(tt.data)
		if tt.want == nil {
			if aulabot.ErrorKey(err) != "error.stale_button" || got != nil {
				t.Errorf("Decode(%q) = %v, %v; want the stale-button error", tt.data, got, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("Decode(%q) = %#v, %v; want %#v", tt.data, got, err, tt.want)
		}
	}
}

func TestAs(t *testing.T) {
	if b, err := button.As[pageButton](codec, "pg:3"); err != nil || b.N != 3 {
		t.Errorf("As[page](pg:3) = %v, %v", b, err)
	}
	if _, err := button.As[pageButton](codec, "mv:k:stop"); aulabot.ErrorKey(err) != "error.stale_button" {
		t.Errorf("As[page] of another kind: err = %v, want stale", err)
	}
}

func TestJoin_Refuses(t *testing.T) {
	for name, f := range map[string]func(){
		"Colon":    func() { button.Join("pg", "a:b") },
		"TooLong":  func() { button.Join("pg", strings.Repeat("x", 62)) },
		"NotUTF-8": func() { button.Join("pg", "\xff") },
		"TwoKinds": func() {
			k := button.Kind{Prefix: "pg", Decode: func([]string) (button.Data, bool) { return nil, false }, Longest: pageButton{}}
			button.NewCodec(k, k)
		},
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			f()
		})
	}
	if got := button.Join("pg", strings.Repeat("x", 61)); len(got) != button.MaxData {
		t.Errorf("64 bytes refused: %q", got)
	}
}

func TestInt(t *testing.T) {
	for s, want := range map[string]bool{"0": true, "7": true, "-7": true, "-9223372036854775808": true,
		"": false, "-": false, "-0": false, "07": false, "+7": false, "1_000": false, "9223372036854775808": false, " 7": false} {
		if _, ok := button.Int(s); ok != want {
			t.Errorf("Int(%q) ok = %v, want %v", s, ok, want)
		}
	}
}

// Whatever comes back from a client, Decode does not panic, and what it
// accepts is exactly what the value encodes to.
func FuzzCodec(f *testing.F) {
	for _, k := range codec.Kinds() {
		f.Add(k.Longest.Encode())
	}
	for _, s := range []string{"pg:01", "mv:k:a:-0", "mv:k:stop:", ":", "::::", "pg:\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		v, err := codec.Decode(data)
		if err != nil {
			return
		}
		if got := v.Encode(); got != data {
			t.Errorf("Decode(%q) = %#v, which encodes to %q", data, v, got)
		}
	})
}
