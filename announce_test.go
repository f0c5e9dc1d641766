package aulabot

import (
	"net/url"
	"testing"
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
