package knowledge

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/aulabot/aulabot"
	"gopkg.in/yaml.v3"
)

//go:embed kb
var builtinFS embed.FS

// Builtin returns the built-in sample knowledge base; pass it to Load with
// root ".".
func Builtin() fs.FS {
	sub, err := fs.Sub(builtinFS, "kb")
	if err != nil { // cannot happen: "kb" is a valid path embedded above
		panic(err)
	}
	return sub
}

// SynonymsFile is the name of the synonyms file at the root of a base.
const SynonymsFile = "synonyms.yaml"

// Load reads every .md file under root in fsys (any depth; files named
// README.md are documentation, not articles) and the optional synonyms.yaml
// at root, and builds a searchable Base from the articles that are valid.
// Content defects come back as Problems, sorted by file and line; the error
// is only for I/O failures or a failure to build the index.
//
// The files of added (articles coordinators added from /gaps, kept in the
// database) join the folder's, each under AddedDir: one whose id an
// article of the folder has is left out (its file was put in the folder),
// as is one the folder's check would refuse, so that nothing added from
// Telegram can stop the folder from loading.
func Load(fsys fs.FS, root string, added ...aulabot.KBAdded) (*Base, []Problem, error) {
	var (
		arts  []*Article
		probs []Problem
	)
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".md") || strings.EqualFold(path.Base(p), "README.md") {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		a, ps := parseArticle(p, data)
		probs = append(probs, ps...)
		if a != nil && len(ps) == 0 {
			arts = append(arts, a)
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("load knowledge base: %w", err)
	}
	arts = append(arts, addedArticles(arts, added)...)
	syn, ps, err := loadSynonyms(fsys, path.Join(root, SynonymsFile))
	if err != nil {
		return nil, nil, err
	}
	probs = append(probs, ps...)
	arts, ps = checkBase(arts)
	probs = append(probs, ps...)
	sort.SliceStable(probs, func(i, j int) bool {
		if probs[i].File != probs[j].File {
			return probs[i].File < probs[j].File
		}
		return probs[i].Line < probs[j].Line
	})
	b, err := newBase(arts, syn)
	if err != nil {
		return nil, probs, err
	}
	return b, probs, nil
}

// AddedDir is the folder the files of articles added from /gaps are
// named under, in problems and in the base's listing.
const AddedDir = "added"

// addedArticles are the articles of added that the folder's articles
// (folder) leave room for: valid, of an id no folder article has, the
// first of each id.
func addedArticles(folder []*Article, added []aulabot.KBAdded) []*Article {
	taken := map[string]bool{}
	for _, a := range folder {
		taken[a.ID] = true
	}
	var out []*Article
	for _, x := range added {
		if len(x.Data) == 0 {
			continue
		}
		a, ps := parseArticle(path.Join(AddedDir, x.Name), x.Data)
		if a == nil || len(ps) > 0 || taken[a.ID] {
			continue
		}
		taken[a.ID] = true
		out = append(out, a)
	}
	return out
}

// checkBase finds duplicate ids and dangling translations. Duplicates are
// dropped (both are reported); a dangling translation is reported and
// cleared.
func checkBase(arts []*Article) ([]*Article, []Problem) {
	var probs []Problem
	sort.Slice(arts, func(i, j int) bool { return arts[i].File < arts[j].File })
	first := map[string]*Article{}
	dup := map[string]bool{}
	for _, a := range arts {
		if f, ok := first[a.ID]; ok {
			dup[a.ID] = true
			probs = append(probs,
				Problem{File: a.File, Line: 1, Msg: fmt.Sprintf("duplicate id %q: also in %s", a.ID, f.File)},
				Problem{File: f.File, Line: 1, Msg: fmt.Sprintf("duplicate id %q: also in %s", a.ID, a.File)})
			continue
		}
		first[a.ID] = a
	}
	out := arts[:0]
	for _, a := range arts {
		if !dup[a.ID] {
			out = append(out, a)
		}
	}
	for _, a := range out {
		if a.Translation == "" {
			continue
		}
		if _, ok := first[a.Translation]; !ok {
			probs = append(probs, Problem{File: a.File, Line: 1,
				Msg: fmt.Sprintf("translation %q points to no article", a.Translation)})
			a.Translation = ""
		}
	}
	return out, probs
}

// synonyms maps a language to groups of equivalent words or phrases.
type synonyms map[string][][]string

func loadSynonyms(fsys fs.FS, name string) (synonyms, []Problem, error) {
	data, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return synonyms{}, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", name, err)
	}
	var raw map[string][][]string
	if err := yaml.Unmarshal(data, &raw); err != nil {
		line := 1
		if m := yamlLineRe.FindStringSubmatch(err.Error()); m != nil {
			fmt.Sscan(m[1], &line)
		}
		return synonyms{}, []Problem{{File: name, Line: line,
			Msg: "invalid synonyms: want es: [[word, other word], ...] and en: [...]"}}, nil
	}
	syn := synonyms{}
	var probs []Problem
	for lang, groups := range raw {
		if !validLangs[lang] {
			probs = append(probs, Problem{File: name, Line: 1, Msg: fmt.Sprintf("bad lang %q in synonyms: use es or en", lang)})
			continue
		}
		syn[lang] = groups
	}
	return syn, probs, nil
}
