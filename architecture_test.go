package aulabot_test

import (
	"errors"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The import rules of docs/architecture.md. Each package of the module may
// import the standard library, the module's packages in internal and the
// modules starting with one of external; nothing else. A package not
// listed fails the test until its rules are written here and in the doc.
var layers = map[string]struct {
	internal, external []string
	// support marks a package that exists for tests: only tests and
	// other support packages import it, and it may import package testing.
	support bool
}{
	".":               {external: []string{"golang.org/x/text/"}},
	"config":          {internal: []string{"."}, external: []string{"gopkg.in/yaml.v3"}},
	"i18n":            {internal: []string{"."}, external: []string{"gopkg.in/yaml.v3"}},
	"survey":          {internal: []string{"."}, external: []string{"gopkg.in/yaml.v3"}},
	"store":           {internal: []string{".", "survey"}, external: []string{"go.etcd.io/bbolt"}},
	"report":          {internal: []string{".", "i18n"}, external: []string{"github.com/xuri/excelize/", "gonum.org/v1/plot"}},
	"service":         {internal: []string{".", "i18n", "survey"}},
	"handlers/button": {internal: []string{"."}},
	"handlers":        {internal: []string{".", "i18n", "service", "handlers/button", "survey", "report"}},
	"knowledge": {internal: []string{"."}, external: []string{"github.com/blevesearch/", "github.com/sashabaranov/go-openai",
		"github.com/yuin/goldmark", "github.com/fsnotify/fsnotify", "gopkg.in/yaml.v3", "golang.org/x/text/"}},
	"bot":      {internal: []string{".", "store"}, external: []string{"github.com/go-telegram-bot-api/", "github.com/prometheus/"}},
	"sandbox":  {external: []string{"golang.org/x/time/"}},
	"lmswatch": {},
	"cmd/aulabot": {internal: []string{".", "config", "i18n", "survey", "store", "service", "handlers", "handlers/button", "knowledge", "report", "bot", "sandbox", "lmswatch"},
		external: []string{"github.com/prometheus/"}},

	"deploy": {}, // the deployment files; only its tests are Go

	"handlers/htest":      {support: true, internal: []string{".", "config", "i18n", "store", "service", "handlers", "knowledge", "sandbox"}}, // sandbox: Telegram's HTML, which every message sent must be
	"sandbox/sandboxtest": {support: true, internal: []string{"sandbox"}},
	"knowledge/llmfake":   {support: true},
	"readmetest":          {support: true},
}

const module = "github.com/aulabot/aulabot"

// packages returns every package directory of the module (relative, "."
// for the root) with the imports of its non-test files.
func packages(t *testing.T) map[string][]string {
	t.Helper()
	pkgs := map[string][]string{}
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if name := d.Name(); path != "." && (strings.HasPrefix(name, ".") || name == "testdata") {
			return filepath.SkipDir
		}
		p, err := build.Default.ImportDir(path, 0)
		if err != nil {
			var none *build.NoGoError
			if errors.As(err, &none) {
				return nil
			}
			return err
		}
		if p.Name == "main" && path != "cmd/aulabot" {
			return nil // a generator run by hand (go run)
		}
		pkgs[filepath.ToSlash(path)] = p.Imports
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pkgs
}

func TestArchitecture_Imports(t *testing.T) {
	pkgs := packages(t)
	if len(pkgs) < 10 {
		t.Fatalf("found %d packages: the walk is broken", len(pkgs))
	}
	for dir, imports := range pkgs {
		rules, ok := layers[dir]
		if !ok {
			t.Errorf("package %s has no rules: add it to layers here and to docs/architecture.md", dir)
			continue
		}
		for _, imp := range imports {
			switch {
			case imp == module || strings.HasPrefix(imp, module+"/"):
				dep := "."
				if imp != module {
					dep = strings.TrimPrefix(imp, module+"/")
				}
				if layers[dep].support && !rules.support {
					t.Errorf("%s imports %s, which is for tests only", dir, dep)
				} else if !slices.Contains(rules.internal, dep) {
					t.Errorf("%s imports %s: not allowed (docs/architecture.md)", dir, dep)
				}
			case !strings.Contains(strings.Split(imp, "/")[0], "."): // the standard library
				if imp == "testing" && !rules.support {
					t.Errorf("%s imports package testing: only test-support packages may", dir)
				}
			case !slices.ContainsFunc(rules.external, func(prefix string) bool { return strings.HasPrefix(imp, prefix) }):
				t.Errorf("%s imports %s: not allowed (docs/architecture.md)", dir, imp)
			}
		}
	}
}

// The aulabot binary links no test code: not package testing, not a
// test-support package, whatever a dependency imports.
func TestArchitecture_BinaryLinksNoTests(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "./cmd/aulabot").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	deps := strings.Fields(string(out))
	if !slices.Contains(deps, module+"/handlers") {
		t.Fatalf("go list -deps gave %d packages without handlers: the listing is broken", len(deps))
	}
	for _, dep := range deps {
		if dep == "testing" || strings.HasPrefix(dep, module+"/") && layers[strings.TrimPrefix(dep, module+"/")].support {
			t.Errorf("the binary links %s", dep)
		}
	}
}

// converted lists the handlers' files of the domains converted to
// services (issue 13): they decode, call the service and render, and never
// call the transaction's methods themselves. A domain converted in phase B
// adds its files.
var converted = []string{"handlers/start.go", "handlers/start_buttons.go", "handlers/privacy.go", "handlers/buttons.go",
	"handlers/ticket.go", "handlers/queue.go", "handlers/relay.go", "handlers/mytickets.go", "handlers/helpdesk_buttons.go",
	"handlers/ticket_file.go", "handlers/ticket_fit.go",
	"handlers/ask.go", "handlers/kbbuttons.go", "handlers/kbreply.go", "handlers/kbteam.go", "handlers/kbsmalltalk.go",
	"handlers/kb_buttons.go", "handlers/gaps.go", "handlers/gaps_curate.go",
	"handlers/course.go", "handlers/course_list.go", "handlers/course_buttons.go",
	"handlers/booking.go", "handlers/booking_cancel.go", "handlers/slot.go", "handlers/slot_link.go", "handlers/newslot.go", "handlers/attendance.go",
	"handlers/mentoring_buttons.go", "handlers/event.go", "handlers/event_buttons.go",
	"handlers/survey.go", "handlers/survey_buttons.go", "handlers/survey_campaign.go", "handlers/survey_render.go",
	"handlers/survey_results.go", "handlers/survey_tick.go"}

func TestArchitecture_ConvertedHandlersCallServices(t *testing.T) {
	for _, path := range converted {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
				if id, ok := sel.X.(*ast.Ident); ok && id.Name == "tx" {
					t.Errorf("%s calls tx.%s: a converted domain's handler calls its service instead", path, sel.Sel.Name)
				}
			}
			return true
		})
	}
}

// docs/architecture.md names every package of the rules above, so that a
// package added here is described there too.
func TestArchitecture_Documented(t *testing.T) {
	doc, err := os.ReadFile("docs/architecture.md")
	if err != nil {
		t.Fatal(err)
	}
	for dir := range layers {
		if !strings.Contains(string(doc), "`"+dir+"`") {
			t.Errorf("docs/architecture.md does not name package `%s`", dir)
		}
	}
}
