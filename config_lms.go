package aulabot

import (
	"fmt"
	"net/url"
	"time"
)

// LMSWatch tunes the watch of the universities' virtual classrooms
// (University.LMSURL). Zero values get the defaults.
type LMSWatch struct {
	Interval Duration `yaml:"interval"` // between checks; default 1m
	Timeout  Duration `yaml:"timeout"`  // of one check; default 10s
	Failures int      `yaml:"failures"` // failed checks in a row that open an incident; default 3
	Recovery int      `yaml:"recovery"` // good checks in a row that close it; default 3
	Reports  int      `yaml:"reports"`  // LMS-access reports from one university ...; default 5
	Window   Duration `yaml:"window"`   // ... within this time open an incident; default 15m
}

// checkLMS fills the watch's defaults and checks it and every lms_url: an
// address the checker may fetch, http or https with a host.
func (c *Config) checkLMS(bad func(msg string, path ...any) error) error {
	for i, u := range c.Universities {
		if u.LMSURL == "" {
			continue
		}
		p, err := url.Parse(u.LMSURL)
		if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
			return bad(fmt.Sprintf("%q is not an http:// or https:// address", u.LMSURL), "universities", i, "lms_url")
		}
	}
	w := &c.LMSWatch
	for _, d := range []struct {
		key      string
		v        *Duration
		def, min time.Duration
	}{
		{"interval", &w.Interval, time.Minute, 10 * time.Second},
		{"timeout", &w.Timeout, 10 * time.Second, time.Second},
		{"window", &w.Window, 15 * time.Minute, time.Minute},
	} {
		switch {
		case *d.v == 0:
			*d.v = Duration(d.def)
		case time.Duration(*d.v) < d.min:
			return bad(fmt.Sprintf("must be at least %s", d.min), "lms_watch", d.key)
		}
	}
	if w.Timeout > w.Interval {
		return bad("must not be longer than interval", "lms_watch", "timeout")
	}
	for _, n := range []struct {
		key string
		v   *int
		def int
	}{{"failures", &w.Failures, 3}, {"recovery", &w.Recovery, 3}, {"reports", &w.Reports, 5}} {
		switch {
		case *n.v == 0:
			*n.v = n.def
		case *n.v < 0 || *n.v > 1000:
			return bad(fmt.Sprintf("must be between 1 and 1000, not %d", *n.v), "lms_watch", n.key)
		}
	}
	return nil
}
