// Package deploy holds the files that run aulabot on a server (systemd
// units, a container image, alerting rules and a dashboard); its tests
// check them as far as a machine without a container builder allows.
package deploy

import (
	"bytes"
	"debug/elf"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/aulabot/aulabot/bot"
)

// binary runs the Dockerfile's build step (its RUN ... go build line, as
// written) once, from the repository's root, into a temporary directory,
// and returns the binary.
var binary = sync.OnceValues(func() (string, error) {
	step, err := buildStep()
	if err != nil {
		return "", err
	}
	out, err := os.MkdirTemp("", "aulabot-image-")
	if err != nil {
		return "", err
	}
	cmd := exec.Command("sh", "-c", step)
	cmd.Dir = ".."
	cmd.Env = append(os.Environ(), "VERSION=image-test", "OUT="+out)
	if b, err := cmd.CombinedOutput(); err != nil {
		return "", &buildError{step: step, out: string(b), err: err}
	}
	return filepath.Join(out, "aulabot"), nil
})

type buildError struct {
	step, out string
	err       error
}

func (e *buildError) Error() string { return e.step + ": " + e.err.Error() + "\n" + e.out }

// buildStep is the command of the Dockerfile's RUN line that builds the binary.
func buildStep() (string, error) {
	b, err := os.ReadFile("Dockerfile")
	if err != nil {
		return "", err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if cmd, ok := strings.CutPrefix(line, "RUN "); ok && strings.Contains(cmd, "go build") {
			return cmd, nil
		}
	}
	return "", os.ErrNotExist
}

func builtBinary(t *testing.T) string {
	t.Helper()
	p, err := binary()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestMain(m *testing.M) {
	code := m.Run()
	if p, err := binary(); err == nil {
		os.RemoveAll(filepath.Dir(p))
	}
	os.Exit(code)
}

// finalStage returns the instructions of the Dockerfile's last stage (the
// image) by keyword, continuation lines joined.
func finalStage(t *testing.T) map[string][]string {
	t.Helper()
	b, err := os.ReadFile("Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(string(b), "\\\n", " ")
	var stage map[string][]string
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		kw, rest, _ := strings.Cut(line, " ")
		if kw == "FROM" {
			stage = map[string][]string{}
		}
		stage[kw] = append(stage[kw], strings.Join(strings.Fields(rest), " "))
	}
	return stage
}

// The image: an empty base with the static binary, a non-root user, the
// database on the /data volume, and a health check that asks the same
// /healthz that serve offers on the port it is told to listen on.
func TestDockerfile_Image(t *testing.T) {
	s := finalStage(t)
	if got := s["FROM"]; len(got) != 1 || got[0] != "scratch" {
		t.Errorf("final base = %v, want scratch", got)
	}
	if u := s["USER"]; len(u) != 1 || strings.HasPrefix(u[0], "0") || strings.HasPrefix(u[0], "root") {
		t.Errorf("USER = %v, want a non-root user", u)
	}
	if v := s["VOLUME"]; len(v) != 1 || v[0] != "/data" {
		t.Errorf("VOLUME = %v", v)
	}
	if env := strings.Join(s["ENV"], " "); !strings.Contains(env, "AULABOT_DATA=/data/") {
		t.Errorf("ENV = %v: the database is not on the volume", env)
	}
	cmd, hc := strings.Join(s["CMD"], " "), strings.Join(s["HEALTHCHECK"], " ")
	port := regexp.MustCompile(`--http", "[^"]*:(\d+)"`)
	cp, hp := port.FindStringSubmatch(cmd), port.FindStringSubmatch(hc)
	if cp == nil || hp == nil || cp[1] != hp[1] || !strings.Contains(hc, `"/aulabot", "health"`) || !strings.Contains(cmd, `"serve"`) {
		t.Errorf("CMD %q and HEALTHCHECK %q: want serve --http and aulabot health on the same port", cmd, hc)
	}
	if ign, err := os.ReadFile("Dockerfile.dockerignore"); err != nil || !strings.Contains(string(ign), "*.db") {
		t.Errorf("Dockerfile.dockerignore keeps databases in the build context: %v", err)
	}
}

// The Dockerfile's build step, run here as written: the binary is static
// (it needs nothing from a base image), carries the version, and works on
// its own: init and config check in an empty directory.
func TestDockerfile_BuildStep(t *testing.T) {
	p := builtBinary(t)
	f, err := elf.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, prog := range f.Progs {
		if prog.Type == elf.PT_INTERP || prog.Type == elf.PT_DYNAMIC {
			t.Errorf("the binary is dynamically linked (%v)", prog.Type)
		}
	}
	out, err := exec.Command(p, "version").CombinedOutput()
	if err != nil || string(out) != "aulabot image-test\n" {
		t.Errorf("version = %q, %v", out, err)
	}
	dir := t.TempDir()
	for _, args := range [][]string{{"init", "--yes", "--university", "unsa|Universidad Nacional de San Agustín|"}, {"config", "check"}} {
		cmd := exec.Command(p, args...)
		cmd.Dir = dir
		cmd.Env = []string{} // nothing from the host
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("aulabot %v: %v\n%s", args, err, out)
		}
	}
}

// unit reads a systemd unit file into its keys (a key may repeat).
func unit(t *testing.T, name string) map[string][]string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string][]string{}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok && !strings.HasPrefix(line, "#") {
			keys[k] = append(keys[k], v)
		}
	}
	return keys
}

// The units say what the README promises: a dedicated user, the database
// in the state directory, restart on failure, the hardening options, and
// a daily backup that runs "aulabot backup" on the same database.
func TestUnits_Content(t *testing.T) {
	svc := unit(t, "aulabot.service")
	for k, want := range map[string]string{
		"User": "aulabot", "StateDirectory": "aulabot", "Restart": "on-failure",
		"Environment": "AULABOT_DATA=/var/lib/aulabot/aulabot.db", "ExecStart": "/usr/local/bin/aulabot serve --http 127.0.0.1:9090",
		"NoNewPrivileges": "yes", "ProtectSystem": "strict", "ProtectHome": "yes", "PrivateTmp": "yes",
		"CapabilityBoundingSet": "", "RestrictAddressFamilies": "AF_INET AF_INET6 AF_UNIX", "SystemCallFilter": "@system-service",
	} {
		if !slices.Contains(svc[k], want) {
			t.Errorf("aulabot.service: %s = %q, want %q among them", k, svc[k], want)
		}
	}
	bk := unit(t, "aulabot-backup.service")
	if !slices.Contains(bk["User"], "aulabot") || !slices.Contains(bk["Environment"], "AULABOT_DATA=/var/lib/aulabot/aulabot.db") ||
		len(bk["ExecStart"]) != 1 || !strings.Contains(bk["ExecStart"][0], "/usr/local/bin/aulabot backup ") {
		t.Errorf("aulabot-backup.service = %v", bk)
	}
	tm := unit(t, "aulabot-backup.timer")
	if len(tm["OnCalendar"]) != 1 || !slices.Contains(tm["Persistent"], "true") {
		t.Errorf("aulabot-backup.timer = %v", tm)
	}
}

// systemd-analyze verify accepts the units without a warning (unknown
// keys, bad values, a section a key does not belong in). The binary they
// start is the one the Dockerfile's build step makes.
func TestUnits_SystemdVerify(t *testing.T) {
	sa, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Fatal("systemd-analyze is needed to check the unit files (Debian: apt-get install systemd)")
	}
	bin := builtBinary(t)
	dir := t.TempDir()
	var names []string
	for _, name := range []string{"aulabot.service", "aulabot-backup.service", "aulabot-backup.timer"} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		b = bytes.ReplaceAll(b, []byte("/usr/local/bin/aulabot"), []byte(bin))
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
		names = append(names, filepath.Join(dir, name))
	}
	out, err := exec.Command(sa, append([]string{"verify"}, names...)...).CombinedOutput()
	if err != nil || len(bytes.TrimSpace(out)) != 0 {
		t.Errorf("systemd-analyze verify: %v\n%s", err, out)
	}
}

// metricNames are the metrics the bot exports: every aulabot_ metric
// declared in bot/ and cmd/aulabot (the LLM's), and the Go runtime's as the
// registry gathers them.
func metricNames(t *testing.T) map[string]bool {
	t.Helper()
	names := map[string]bool{}
	files, _ := filepath.Glob("../bot/*.go")
	more, _ := filepath.Glob("../cmd/aulabot/*.go")
	files = append(files, more...)
	decl := regexp.MustCompile(`Name:\s*"(aulabot_[a-z0-9_]+)"`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range decl.FindAllSubmatch(b, -1) {
			names[string(m[1])] = true
		}
	}
	fams, err := bot.NewMetrics(func() float64 { return 0 }).Registry.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fams {
		names[f.GetName()] = true
	}
	if !names["aulabot_outbox_depth"] || !names["aulabot_llm_requests_total"] || !names["go_goroutines"] {
		t.Fatalf("the metric names were not found: %v", names)
	}
	return names
}

var metricRE = regexp.MustCompile(`\b((?:aulabot|go|node)_[a-z0-9_]+|up)\b`)

// checkExpr reports the metrics of a PromQL expression the bot does not
// export (node_exporter's filesystem metrics and Prometheus's up aside)
// and unbalanced brackets.
func checkExpr(t *testing.T, where, expr string, known map[string]bool) {
	t.Helper()
	for _, m := range metricRE.FindAllString(expr, -1) {
		base := m
		for _, suf := range []string{"_bucket", "_sum", "_count"} {
			if b, ok := strings.CutSuffix(m, suf); ok && known[b] {
				base = b
			}
		}
		if !known[base] && m != "up" && !strings.HasPrefix(m, "node_filesystem_") {
			t.Errorf("%s: %s is not a metric the bot exports", where, m)
		}
	}
	for _, p := range []string{"()", "{}", "[]"} {
		if strings.Count(expr, p[:1]) != strings.Count(expr, p[1:]) {
			t.Errorf("%s: unbalanced %s in %q", where, p, expr)
		}
	}
}

// Every alert names a metric the bot exports, has a severity and a
// summary; the ones the README lists are there.
func TestAlerts(t *testing.T) {
	b, err := os.ReadFile("alerts.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Groups []struct {
			Name  string
			Rules []struct {
				Alert       string
				Expr        string
				For         string
				Labels      map[string]string
				Annotations map[string]string
			}
		}
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		t.Fatal(err)
	}
	known := metricNames(t)
	var alerts []string
	for _, g := range f.Groups {
		for _, r := range g.Rules {
			alerts = append(alerts, r.Alert)
			checkExpr(t, r.Alert, r.Expr, known)
			if s := r.Labels["severity"]; s != "critical" && s != "warning" {
				t.Errorf("%s: severity %q", r.Alert, s)
			}
			if r.Annotations["summary"] == "" || r.Annotations["description"] == "" || r.For == "" {
				t.Errorf("%s: no summary, description or for", r.Alert)
			}
		}
	}
	for _, want := range []string{"AulabotDown", "AulabotOutboxGrowing", "AulabotDeadLetters", "AulabotTelegram429", "AulabotDiskFilling"} {
		if !slices.Contains(alerts, want) {
			t.Errorf("no alert %s among %v", want, alerts)
		}
	}
}

// The dashboard is JSON Grafana imports, and each panel's queries name
// metrics the bot exports.
func TestDashboard(t *testing.T) {
	b, err := os.ReadFile("grafana-dashboard.json")
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		Title  string
		Panels []struct {
			Title   string
			Targets []struct{ Expr string }
		}
	}
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	known := metricNames(t)
	used := map[string]bool{}
	for _, p := range d.Panels {
		if len(p.Targets) == 0 {
			t.Errorf("panel %q has no query", p.Title)
		}
		for _, q := range p.Targets {
			checkExpr(t, p.Title, q.Expr, known)
			for _, m := range metricRE.FindAllString(q.Expr, -1) {
				used[strings.TrimSuffix(m, "_bucket")] = true
			}
		}
	}
	for name := range known {
		if strings.HasPrefix(name, "aulabot_") && !used[name] {
			t.Errorf("no panel shows %s", name)
		}
	}
}
