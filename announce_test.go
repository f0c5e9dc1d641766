package aulabot

import (
	"net/url"
	"strings"
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

// TestTypedLink: a link pasted without its scheme reads as a browser's
// address bar reads it; anything else is left as it is, for the caller's
// check to refuse.
func TestTypedLink(t *testing.T) {
	for in, want := range map[string]string{
		"zoom.us/j/123":                     "https://zoom.us/j/123",
		" meet.google.com/abc-defg-hij ":    "https://meet.google.com/abc-defg-hij",
		"www.uni.edu":                       "https://www.uni.edu",
		"aula.unma.edu.pe:8443/course?id=7": "https://aula.unma.edu.pe:8443/course?id=7",
		"https://zoom.us/j/1":               "https://zoom.us/j/1",
		"http://intranet.uni.edu":           "http://intranet.uni.edu",
		"ftp://files.uni.edu":               "ftp://files.uni.edu",
		"ana@uni.edu":                       "ana@uni.edu",
		"19.30":                             "19.30",
		"mañana":                            "mañana",
		"zoom":                              "zoom",
		".edu/x":                            ".edu/x",
		"uni..edu":                          "uni..edu",
	} {
		if got := TypedLink(in); got != want {
			t.Errorf("TypedLink(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzTypedLink: TypedLink changes text only by trimming it and putting
// https:// before it, and then, when the result parses as a URL, the host
// a browser would go to is the text up to its first slash, query or
// fragment.
func FuzzTypedLink(f *testing.F) {
	for _, s := range []string{"zoom.us/j/123", "www.uni.edu:8080/x?y#z", "https://a.b", "a.b.c.de", "x.y@z.com", "1.2.3.4"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := TypedLink(s)
		trimmed := strings.TrimSpace(s)
		if got == trimmed {
			return
		}
		if got != "https://"+trimmed {
			t.Fatalf("%q became %q", s, got)
		}
		u, err := url.Parse(got)
		if err != nil {
			return // "0.AA/%": not a link after all, which HTTPLink refuses
		}
		host, _, _ := strings.Cut(trimmed, "/")
		host, _, _ = strings.Cut(host, "?")
		host, _, _ = strings.Cut(host, "#")
		if u.Host != host {
			t.Errorf("%q became %q with host %q, want %q", s, got, u.Host, host)
		}
	})
}
