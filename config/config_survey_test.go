package config_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/aulabot/aulabot/config"
)

// surveys: names a folder, read relative to the configuration file; one
// that is not there stops start-up with a line naming the file, the line
// and the key.
func TestParse_Surveys(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "encuestas"), 0o755); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "aulabot.yaml")
	c, err := config.Parse(file, []byte("surveys: encuestas\n"+goodConfig))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.SurveysDir(); got != filepath.Join(dir, "encuestas") {
		t.Errorf("SurveysDir = %q", got)
	}
	if c, _ := config.Parse(file, []byte(goodConfig)); c.SurveysDir() != "" {
		t.Errorf("without the key SurveysDir = %q, want the built-in surveys", c.SurveysDir())
	}
	_, err = config.Parse(file, []byte(goodConfig+"surveys: nowhere\n"))
	want := file + ":15: surveys: " + filepath.Join(dir, "nowhere") + " is not a folder of survey files"
	if err == nil || err.Error() != want {
		t.Errorf("missing folder: %v\nwant %s", err, want)
	}
	if err := os.WriteFile(file, []byte(goodConfig), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = config.Parse(file, []byte(goodConfig+"surveys: aulabot.yaml\n"))
	if err == nil || err.Error() != file+":15: surveys: "+file+" is not a folder of survey files" {
		t.Errorf("a file: %v", err)
	}
}

// knowledge: a relative folder is read from the configuration file's
// folder, whatever that folder is called (it was not when its path had a
// space in it).
func TestKnowledgeDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "mi bot")
	file := filepath.Join(dir, "aulabot.yaml")
	for _, c := range []struct{ key, want string }{
		{"knowledge: kb\n", filepath.Join(dir, "kb")},
		{"knowledge: /srv/kb\n", "/srv/kb"},
		{"", ""},
	} {
		cfg, err := config.Parse(file, []byte(c.key+goodConfig))
		if err != nil {
			t.Fatal(err)
		}
		if got := cfg.KnowledgeDir(); got != c.want {
			t.Errorf("%q: KnowledgeDir = %q, want %q", c.key, got, c.want)
		}
	}
	if got := config.Demo().KnowledgeDir(); got != "" {
		t.Errorf("the demo's KnowledgeDir = %q, want the built-in base", got)
	}
}
