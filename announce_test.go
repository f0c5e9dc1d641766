package aulabot

import (
	"net/url"
	"strings"
	"testing"
	"time"
)

// HTTPLink accepts only http(s) links with a host, of bounded length,
// and what it returns parses back to the same scheme and host.
func FuzzHTTPLink(f *testing.F) {
	for _, s := range []string{"https://meet.example.edu/x", "http://a.b", "ftp://a.b", "javascript:alert(1)", "https://", "//a.b/c", "HTTPS://A.B/%zz", "https://a.b/\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		link, ok := HTTPLink(s)
		if !ok {
			if link != "" {
				t.Errorf("refused %q but returned %q", s, link)
			}
			return
		}
		u, err := url.Parse(link)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(s) > MaxLinkLen {
			t.Errorf("accepted %q as %q (%v)", s, link, err)
		}
	})
}

// ParseLocalTime reads exactly "YYYY-MM-DD HH:MM" in the zone: what it
// accepts formats back to the same date and clock there.
func FuzzParseLocalTime(f *testing.F) {
	lima := time.FixedZone("Lima", -5*3600)
	for _, s := range []string{"2026-03-12 17:00", "2026-02-30 10:00", "2026-03-12 25:00", "2026-03-12", "x y", " 2026-03-12   09:05 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		at, err := ParseLocalTime(s, lima, "bad")
		if err != nil {
			return
		}
		fields := strings.Fields(s)
		if got := at.In(lima).Format("2006-01-02"); got != fields[0] {
			t.Errorf("%q read as %v", s, at)
		}
	})
}
