//go:build ignore

// Gen writes a word list of the lexicon: go run gen.go es < index.json > es.words.gz
//
// The input is a JSON array of lowercase words. Words are folded the way the
// exact analyzer folds them (NFD, combining marks removed), words with
// anything but letters are dropped, and the rest is sorted bytewise and
// front-coded: each line is one digit, how many leading bytes the word shares
// with the previous one (at most 9), then the rest of the word.
package main

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

func main() {
	var words []string
	if err := json.NewDecoder(os.Stdin).Decode(&words); err != nil {
		fmt.Fprintln(os.Stderr, "gen: read the JSON array of words:", err)
		os.Exit(1)
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
	slices.Sort(out)
	zw, _ := gzip.NewWriterLevel(os.Stdout, gzip.BestCompression)
	prev := ""
	for _, w := range out {
		n := 0
		for n < 9 && n < len(prev) && n < len(w) && prev[n] == w[n] {
			n++
		}
		fmt.Fprintf(zw, "%d%s\n", n, w[n:])
		prev = w
	}
	if err := zw.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
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
