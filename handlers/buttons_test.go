package handlers

import (
	"reflect"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/button"
)

// Every kind of button the handlers decode fits in Telegram's 64 bytes
// with its longest fields, and its data decodes back to the same value.
func TestButtons_Longest(t *testing.T) {
	codec := button.NewCodec(buttonKinds()...)
	for _, k := range codec.Kinds() {
		t.Run(k.Prefix, func(t *testing.T) {
			data := k.Longest.Encode() // panics over 64 bytes
			v, err := codec.Decode(data)
			if err != nil || !reflect.DeepEqual(v, k.Longest) {
				t.Errorf("Decode(%q) = %#v, %v; want %#v", data, v, err, k.Longest)
			}
		})
	}
}

// Whatever data a client sends back, decoding it with every kind the
// handlers know never panics and fails only with the stale-button error;
// what it accepts encodes back to exactly the same data.
func FuzzButtons(f *testing.F) {
	codec := button.NewCodec(buttonKinds()...)
	for _, k := range codec.Kinds() {
		f.Add(k.Longest.Encode())
	}
	for _, s := range []string{"lang:fr", "uni:", "del:maybe", "role:teacher:x", "lang", "", "x:y", "uni:\xff", "del:yes\x00",
		"crs:t:7:syllabus:2", "crs:t:07:a:1", "crs:t:7::1", "crs:b:1:-2", "crs:term:2027-III", "crs:mod:hybrid", "crs:v:18446744073709551616", "crs:l:-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		v, err := codec.Decode(data)
		if err != nil {
			if aulabot.ErrorKey(err) != "error.stale_button" {
				t.Fatalf("Decode(%q): %v, want the stale-button error", data, err)
			}
			return
		}
		if got := v.Encode(); got != data {
			t.Errorf("Decode(%q) = %#v, which encodes to %q", data, v, got)
		}
	})
}
