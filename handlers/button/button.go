// Package button is the typed codec of inline-button data. Each kind of
// button is a struct that encodes itself (Data, with Join) and a Kind that
// decodes it; a Codec made of every kind turns what Telegram brings back
// into the typed value or one error. The data comes from the client, so it
// is input like any other: a wrong prefix, a wrong number of fields, a bad
// number, more than 64 bytes or invalid UTF-8 are all "that button is no
// longer valid".
//
// Data is a prefix and fields separated by ':' ("lang:es", "bk:k:p:0"):
// the prefix names the kind (one word or more), the fields carry its
// values and never contain ':'. Decoding is canonical: every datum a Codec
// accepts is exactly what its value encodes to.
package button

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/aulabot/aulabot"
)

// MaxData is the most bytes of data Telegram carries on a button.
const MaxData = 64

// Data is the typed value of one kind of button.
type Data interface {
	// Encode returns the button's data, built with Join.
	Encode() string
}

// Kind is one kind of button.
type Kind struct {
	// Prefix starts every datum of the kind: one word ("lang") or more
	// ("bk:k").
	Prefix string
	// Fields is how many fields follow the prefix.
	Fields int
	// Decode makes the value of the fields (exactly Fields of them);
	// false if they are not one (an unknown word, a bad number). It must
	// accept only what the value encodes back to (use Uint and Int for
	// numbers).
	Decode func(fields []string) (Data, bool)
	// Longest is a value with the longest fields the kind carries: the
	// tests encode it to check that the kind fits in MaxData.
	Longest Data
}

// Codec decodes the data of the kinds it was made with.
type Codec struct {
	kinds map[string]Kind
}

// NewCodec returns the codec of kinds. Two kinds with one prefix are a
// programming error: NewCodec panics.
func NewCodec(kinds ...Kind) *Codec {
	c := &Codec{kinds: make(map[string]Kind, len(kinds))}
	for _, k := range kinds {
		if _, dup := c.kinds[k.Prefix]; dup {
			panic("button: two kinds with prefix " + k.Prefix)
		}
		if k.Decode == nil || k.Longest == nil {
			panic("button: kind " + k.Prefix + " needs Decode and Longest")
		}
		c.kinds[k.Prefix] = k
	}
	return c
}

// Stale is the one error for button data that is not a value of the
// codec's kinds.
func Stale() error { return aulabot.Errorf(aulabot.EINVALID, "error.stale_button") }

// Decode returns the value of data: the kind with the longest prefix that
// data starts with decodes the fields after it. Anything else returns
// Stale.
func (c *Codec) Decode(data string) (Data, error) {
	if len(data) > MaxData || !utf8.ValidString(data) {
		return nil, Stale()
	}
	parts := strings.Split(data, ":")
	for n := len(parts); n > 0; n-- {
		k, ok := c.kinds[strings.Join(parts[:n], ":")]
		if !ok {
			continue
		}
		if len(parts)-n != k.Fields {
			return nil, Stale()
		}
		v, ok := k.Decode(parts[n:])
		if !ok {
			return nil, Stale()
		}
		return v, nil
	}
	return nil, Stale()
}

// Kinds returns the codec's kinds, by prefix.
func (c *Codec) Kinds() []Kind {
	out := make([]Kind, 0, len(c.kinds))
	for _, k := range c.kinds {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Prefix < out[j].Prefix })
	return out
}

// As decodes data as a value of type B: a value of another kind is
// Stale too.
func As[B Data](c *Codec, data string) (B, error) {
	v, err := c.Decode(data)
	b, ok := v.(B)
	if err == nil && !ok {
		err = Stale()
	}
	return b, err
}

// Join encodes a datum: prefix and fields separated by ':'. A field with
// ':' in it, or a datum over MaxData bytes or not UTF-8, is a programming
// error (every kind's Longest is encoded by the tests): Join panics.
func Join(prefix string, fields ...string) string {
	for _, f := range fields {
		if strings.Contains(f, ":") {
			panic(fmt.Sprintf("button %s: field %q contains ':'", prefix, f))
		}
	}
	data := strings.Join(append([]string{prefix}, fields...), ":")
	if len(data) > MaxData || !utf8.ValidString(data) {
		panic(fmt.Sprintf("button data %q is %d bytes: Telegram takes %d of UTF-8", data, len(data), MaxData))
	}
	return data
}

// Uint reads a field written by strconv.FormatUint: decimal digits
// without a sign or a leading zero.
func Uint(field string) (uint64, bool) {
	if field == "" || (field[0] == '0' && len(field) > 1) || field[0] == '+' {
		return 0, false
	}
	n, err := strconv.ParseUint(field, 10, 64)
	return n, err == nil
}

// Int reads a field written by strconv.FormatInt: Uint's digits, with a
// '-' before a negative number.
func Int(field string) (int64, bool) {
	digits, neg := strings.CutPrefix(field, "-")
	if digits == "" || (digits[0] == '0' && (len(digits) > 1 || neg)) || digits[0] == '+' {
		return 0, false
	}
	n, err := strconv.ParseInt(field, 10, 64)
	return n, err == nil
}
