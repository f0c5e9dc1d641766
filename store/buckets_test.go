package store

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Every bucket a domain file names (a constant bName = "...") is in the
// list Open creates, once; only the scrub's filler bucket, which lives
// just while a scrub runs, is not.
func TestBuckets_Listed(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	named := map[string]string{} // constant -> bucket
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, n := range vs.Names {
					if len(n.Name) < 2 || n.Name[0] != 'b' || n.Name[1] < 'A' || n.Name[1] > 'Z' || i >= len(vs.Values) {
						continue
					}
					if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
						named[n.Name], _ = strconv.Unquote(lit.Value)
					}
				}
			}
		}
	}
	listed := map[string]int{}
	for _, domain := range buckets {
		for _, b := range domain {
			listed[b]++
		}
	}
	if len(named) < 30 {
		t.Fatalf("found only %d bucket constants: the scan is broken", len(named))
	}
	for name, bucket := range named {
		want := 1
		if name == "bOldScrub" {
			want = 0
		}
		if got := listed[bucket]; got != want {
			t.Errorf("bucket %s (%q) is listed %d times in buckets, want %d", name, bucket, got, want)
		}
	}
}
