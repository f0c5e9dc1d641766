//go:build ignore

// Gen writes a word list of the lexicon: go run gen.go < index.json > es.words.fst
//
// The input is a JSON array of lowercase words. Words are folded the way the
// exact analyzer folds them (NFD, combining marks removed), words with
// anything but letters are dropped, and the rest is written as a finite
// state transducer (github.com/blevesearch/vellum): the words in sorted
// order, sharing prefixes and suffixes, looked up in place without being
// decoded.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"unicode"

	"github.com/blevesearch/vellum"
	"golang.org/x/text/unicode/norm"
)

func main() {
	var words []string
	if err := json.NewDecoder(os.Stdin).Decode(&words); err != nil {
		fail("read the JSON array of words: %v", err)
	}
	seen := map[string]bool{}
	var out []string
	for _, w := range words {
		f := fold(strings.ToLower(w))
		if f == "" || seen[f] || strings.ContainsFunc(f, func(r rune) bool { return !unicode.IsLetter(r) }) {
			continue
		}
		seen[f] = true
		out = append(out, f)
	}
	slices.Sort(out) // vellum takes keys in byte order
	w := bufio.NewWriter(os.Stdout)
	b, err := vellum.New(w, nil)
	if err != nil {
		fail("%v", err)
	}
	for _, word := range out {
		if err := b.Insert([]byte(word), 0); err != nil {
			fail("insert %q: %v", word, err)
		}
	}
	if err := b.Close(); err != nil {
		fail("%v", err)
	}
	if err := w.Flush(); err != nil {
		fail("%v", err)
	}
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "gen: "+format+"\n", args...)
	os.Exit(1)
}

func fold(s string) string {
	var sb strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			sb.WriteRune(r)
		}
	}
	return sb.String()
}
