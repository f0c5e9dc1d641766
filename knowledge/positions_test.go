package knowledge

import (
	"context"
	"slices"
	"testing"
)

// TestKeptTerms_AsIndexed: the terms and positions kept for each built-in
// article are exactly those the index has for it, term by term and field
// by field: a search that looks them up finds what asking the index would.
func TestKeptTerms_AsIndexed(t *testing.T) {
	b := builtinBase(t)
	adv, err := b.idx.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for _, lang := range []string{"es", "en"} {
		for k := range fieldKinds {
			field := fieldName(k, lang)
			dict, err := b.idx.FieldDict(field)
			if err != nil {
				t.Fatal(err)
			}
			pairs := 0
			for {
				e, err := dict.Next()
				if err != nil {
					t.Fatal(err)
				}
				if e == nil {
					break
				}
				tfr, err := r.TermFieldReader(context.Background(), []byte(e.Term), field, true, false, true)
				if err != nil {
					t.Fatal(err)
				}
				for {
					d, err := tfr.Next(nil)
					if err != nil {
						t.Fatal(err)
					}
					if d == nil {
						break
					}
					id, err := r.ExternalID(d.ID)
					if err != nil {
						t.Fatal(err)
					}
					var want []uint32
					for _, v := range d.Vectors {
						want = append(want, uint32(v.Pos))
					}
					slices.Sort(want)
					if got := b.terms[id].at(k, e.Term, b.termIDs[e.Term]); !slices.Equal(got, want) {
						t.Errorf("%s %s %q: kept %v, indexed %v", id, field, e.Term, got, want)
					}
					pairs++
				}
				tfr.Close()
			}
			dict.Close()
			kept := 0
			for _, a := range b.articles {
				if a.Lang == lang {
					kept += len(b.terms[a.ID][k].terms)
				}
			}
			if kept != pairs || pairs == 0 {
				t.Errorf("%s: %d terms kept over the articles, %d in the index", field, kept, pairs)
			}
		}
	}
}

// TestKeptTerms_OnlyInOnePassLanguages: a language searched in two passes
// keeps nothing (its memory is the reason for the second pass).
func TestKeptTerms_OnlyInOnePassLanguages(t *testing.T) {
	t.Parallel() // slow under -race, and reads only what it made or a base loaded once: beside the others
	fsys, _ := synthetic(1200)
	b, _, err := Load(fsys, ".")
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if b.docCount["es"] < twoPassDocs {
		t.Fatalf("the synthetic base has %d Spanish articles, want %d or more", b.docCount["es"], twoPassDocs)
	}
	for _, a := range b.articles {
		if kept := b.terms[a.ID] != nil; kept != (b.docCount[a.Lang] < twoPassDocs) {
			t.Fatalf("%s (%s, %d articles in the language): kept %v", a.ID, a.Lang, b.docCount[a.Lang], kept)
		}
	}
}
