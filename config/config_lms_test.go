package config_test

import (
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/config"
)

// The LMS watch's settings: defaults, and every bad value stops start-up
// with file:line: key.
func TestParseConfig_LMSWatch(t *testing.T) {
	c, err := config.Parse("aulabot.yaml", []byte(goodConfig))
	if err != nil {
		t.Fatal(err)
	}
	want := aulabot.LMSWatch{Interval: aulabot.Duration(time.Minute), Timeout: aulabot.Duration(10 * time.Second),
		Failures: 3, Recovery: 3, Reports: 5, Window: aulabot.Duration(15 * time.Minute)}
	if c.LMSWatch != want {
		t.Errorf("defaults = %+v, want %+v", c.LMSWatch, want)
	}
	lms := strings.Replace(goodConfig, "    coordinators: [5001]\n", "    coordinators: [5001]\n    lms_url: %s\n", 1)
	for _, tc := range []struct{ name, yaml, want string }{
		{"OK", strings.Replace(lms, "%s", "https://aula.unsa.edu.pe/login", 1) + "lms_watch:\n  interval: 2m\n  reports: 10\n", ""},
		{"FTP", strings.Replace(lms, "%s", "ftp://aula.unsa.edu.pe", 1), `aulabot.yaml:11: universities[0].lms_url: "ftp://aula.unsa.edu.pe" is not an http:// or https:// address`},
		{"NoHost", strings.Replace(lms, "%s", "https://", 1), `aulabot.yaml:11: universities[0].lms_url: "https://" is not an http:// or https:// address`},
		{"File", strings.Replace(lms, "%s", "file:///etc/passwd", 1), `aulabot.yaml:11: universities[0].lms_url: "file:///etc/passwd" is not an http:// or https:// address`},
		{"ShortInterval", goodConfig + "lms_watch:\n  interval: 1s\n", "aulabot.yaml:16: lms_watch.interval: must be at least 10s"},
		{"TimeoutOverInterval", goodConfig + "lms_watch:\n  interval: 30s\n  timeout: 40s\n", "aulabot.yaml:17: lms_watch.timeout: must not be longer than interval"},
		{"NegativeReports", goodConfig + "lms_watch:\n  reports: -1\n", "aulabot.yaml:16: lms_watch.reports: must be between 1 and 1000, not -1"},
		{"UnknownKey", goodConfig + "lms_watch:\n  every: 1m\n", "aulabot.yaml:16: lms_watch.every: unknown key"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := config.Parse("aulabot.yaml", []byte(tc.yaml))
			switch {
			case tc.want == "" && err != nil:
				t.Fatal(err)
			case tc.want == "":
				if c.LMSWatch.Interval != aulabot.Duration(2*time.Minute) || c.LMSWatch.Reports != 10 || c.LMSWatch.Failures != 3 {
					t.Errorf("watch = %+v", c.LMSWatch)
				}
			case err == nil || err.Error() != tc.want:
				t.Errorf("err = %v, want %s", err, tc.want)
			}
		})
	}
}
