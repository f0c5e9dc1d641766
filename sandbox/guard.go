package sandbox

import (
	"mime"
	"net"
	"net/http"
	"slices"
	"strings"
)

// The web chat lets anyone who can reach it act as any demo person, so it
// must not be reachable from other web pages open in the same browser:
//
//   - a page of another origin posting to it (CSRF) is refused by the
//     Origin and Sec-Fetch-Site headers browsers send;
//   - the chat's POSTs require a JSON body (uploads: multipart with the
//     page's own origin), which a form or a simple cross-origin request
//     cannot send without a preflight the server never allows;
//   - a name of another site that resolves to the sandbox's address (DNS
//     rebinding) is refused by the Host check: only the server's own
//     addresses are answered.

// guard wraps the whole server (Bot API, files and web chat) in the Host
// check and Go's cross-origin protection.
func (s *Server) guard(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		webError(w, http.StatusForbidden, "cross-origin request refused")
	}))
	inner := cop.Handler(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.hostAllowed(r.Host) {
			webError(w, http.StatusMisdirectedRequest, "unknown host "+r.Host)
			return
		}
		inner.ServeHTTP(w, r)
	})
}

// AllowHosts sets the host:port values the server answers to (the Host
// header of every request), replacing Options.Hosts; none: any loopback
// host. See HostsFor.
func (s *Server) AllowHosts(hosts ...string) {
	var lower []string
	for _, h := range hosts {
		lower = append(lower, strings.ToLower(h))
	}
	s.hosts.Store(&lower)
}

// hostAllowed reports whether host (a Host header) names this server. It
// takes no lock: every request passes here.
func (s *Server) hostAllowed(host string) bool {
	host = strings.ToLower(host)
	if hosts := *s.hosts.Load(); len(hosts) > 0 {
		return slices.Contains(hosts, host)
	}
	name, _, err := net.SplitHostPort(host)
	if err != nil {
		name = host
	}
	name = strings.Trim(name, "[]")
	if name == "localhost" {
		return true
	}
	ip := net.ParseIP(name)
	return ip != nil && ip.IsLoopback()
}

// HostsFor returns the Host values under which a server listening on addr
// (as net.Listener.Addr().String() gives it) is reached: the address
// itself, "localhost" for a loopback address, and every address of the
// machine for a wildcard one.
func HostsFor(addr string) []string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return []string{strings.ToLower(addr)}
	}
	out := []string{strings.ToLower(addr)}
	add := func(h string) {
		hp := strings.ToLower(net.JoinHostPort(h, port))
		if !slices.Contains(out, hp) {
			out = append(out, hp)
		}
	}
	ip := net.ParseIP(host)
	switch {
	case ip != nil && ip.IsLoopback():
		add("localhost")
		add("127.0.0.1")
		add("::1")
	case ip != nil && ip.IsUnspecified():
		add("localhost")
		if addrs, err := net.InterfaceAddrs(); err == nil {
			for _, a := range addrs {
				if n, ok := a.(*net.IPNet); ok {
					add(n.IP.String())
				}
			}
		}
	}
	return out
}

// jsonBody reports whether r carries JSON, answering 415 if not.
func jsonBody(w http.ResponseWriter, r *http.Request) bool {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct != "application/json" {
		webError(w, http.StatusUnsupportedMediaType, "the body must be JSON (Content-Type: application/json)")
		return false
	}
	return true
}
