package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aulabot/aulabot/sandbox"
)

// runSandboxCmd runs "aulabot sandbox" with flags on a free port and its
// own database, and returns the web chat's address, the command's log and
// stop, which ends it and checks that it exited cleanly.
func runSandboxCmd(t *testing.T, flags ...string) (base string, errs *syncBuffer, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel) // a test that fails before stop
	var out syncBuffer
	errs = &syncBuffer{}
	done := make(chan int, 1)
	args := append([]string{"sandbox", "--addr", "127.0.0.1:0", "--data", filepath.Join(t.TempDir(), "sandbox.db")}, flags...)
	go func() { done <- run(ctx, args, &out, errs) }()
	stop = func() {
		t.Helper()
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("sandbox exited with %d: %s", code, errs.String())
		}
	}
	if !out.waitFor("open http://", 30*time.Second) {
		stop()
		t.Fatalf("the sandbox did not start: %s %s", out.String(), errs.String())
	}
	return regexp.MustCompile(`http://127\.0\.0\.1:\d+`).FindString(out.String()), errs, stop
}

// sandboxCall calls the sandbox's web chat API at base with a JSON body
// and decodes the answer into v (nil: none), returning the status.
func sandboxCall(t *testing.T, base, method, path, body string, v any) int {
	t.Helper()
	req, _ := http.NewRequest(method, base+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if v != nil {
		if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
			t.Fatal(err)
		}
	}
	return resp.StatusCode
}

// pollUntil calls f every 20 ms until it holds, failing the test with log()
// if it does not within the time given.
func pollUntil(t *testing.T, what string, within time.Duration, log func() string, f func() bool) {
	t.Helper()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(within)
	for !f() {
		select {
		case <-tick.C:
		case <-deadline:
			t.Fatalf("%s: not within %v; log: %s", what, within, log())
		}
	}
}

// TestSandboxCmd_OwnAddressOnly: the sandbox command's web chat answers
// only under its own address, so that another site's name pointing at it
// (DNS rebinding) or a page of another origin cannot act as a demo person.
func TestSandboxCmd_OwnAddressOnly(t *testing.T) {
	base, _, stop := runSandboxCmd(t, "--fresh")
	do := func(method, host, origin, body string) int {
		t.Helper()
		req, _ := http.NewRequest(method, base+"/sandbox/api/send", strings.NewReader(body))
		if method == "GET" {
			req, _ = http.NewRequest(method, base+"/sandbox/api/people", nil)
		}
		req.Header.Set("Content-Type", "application/json")
		if host != "" {
			req.Host = host
		}
		if origin != "" {
			req.Header.Set("Origin", origin)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode
	}
	port := base[strings.LastIndex(base, ":"):]
	send := `{"from":9001,"chat":9001,"text":"/help"}`
	for _, tt := range []struct {
		name                 string
		method, host, origin string
		want                 int
	}{
		{"OwnAddress", "GET", "", "", 200},
		{"Localhost", "GET", "localhost" + port, "", 200},
		{"OwnPage", "POST", "", base, 200},
		{"OtherName", "GET", "sandbox.evil.example" + port, "", 421},
		{"OtherPort", "GET", "127.0.0.1:1", "", 421},
		{"OtherPage", "POST", "", "http://evil.example", 403},
	} {
		if got := do(tt.method, tt.host, tt.origin, send); got != tt.want {
			t.Errorf("%s: %s with Host %q, Origin %q = %d, want %d", tt.name, tt.method, tt.host, tt.origin, got, tt.want)
		}
	}
	stop()
}

// TestSandboxCmd_ClockRunsWhatFellDue: the web chat's clock moves the
// bot's time forward and runs at once what fell due, so that what comes
// days later can be tried: three days on, the demo's resolved tickets
// close by themselves and their requesters are told. It never goes back,
// and a bad request moves nothing.
func TestSandboxCmd_ClockRunsWhatFellDue(t *testing.T) {
	base, errs, stop := runSandboxCmd(t) // with the demo data
	call := func(method, path, body string, v any) int {
		t.Helper()
		return sandboxCall(t, base, method, path, body, v)
	}
	type clock struct {
		Now          time.Time `json:"now"`
		AheadMinutes int64     `json:"ahead_minutes"`
		CanAdvance   bool      `json:"can_advance"`
	}
	poll := func(what string, within time.Duration, f func() bool) {
		t.Helper()
		pollUntil(t, what, within, errs.String, f)
	}
	poll("the clock can move once the bot runs", 30*time.Second, func() bool {
		var c clock
		call("GET", "/sandbox/api/clock", "", &c)
		return c.CanAdvance
	})
	for _, bad := range []string{`{"minutes": 0}`, `{"minutes": -60}`, `{"minutes": 43201}`, `{"minutes": "soon"}`, `nonsense`} {
		var e struct{ Error string }
		if code := call("POST", "/sandbox/api/clock", bad, &e); code != 400 || !strings.Contains(e.Error, "only goes forward") {
			t.Errorf("POST %s = %d %q, want 400 saying how", bad, code, e.Error)
		}
	}
	var c clock
	call("GET", "/sandbox/api/clock", "", &c)
	if c.AheadMinutes != 0 || time.Since(c.Now).Abs() > time.Minute {
		t.Fatalf("after bad requests the clock is %+v, want the real time", c)
	}
	rosaGot := func(text string) bool {
		var r struct{ Messages []struct{ Plain string } }
		call("GET", "/sandbox/api/messages?chat=9001", "", &r)
		for _, m := range r.Messages {
			if strings.Contains(m.Plain, text) {
				return true
			}
		}
		return false
	}
	rosa := func() bool { return rosaGot("se cerró porque pasaron 3 días") }
	if rosa() {
		t.Fatal("the resolved ticket closed before the clock moved")
	}
	if code := call("POST", "/sandbox/api/clock", `{"minutes": 4321}`, &c); code != 200 || c.AheadMinutes != 4321 || c.Now.Sub(time.Now()) < 72*time.Hour {
		t.Fatalf("advance 3 days and a minute = %d %+v", code, c)
	}
	// At once, not at the bot's next periodic check (every 20 s).
	poll("Rosa told that her resolved ticket closed", 10*time.Second, rosa)
	// The reminder a day before her session of the day after tomorrow
	// fell due during the jump, and its time (until that day's midnight)
	// passed in it too: it goes as it would have gone on the day, not
	// dropped as expired.
	poll("Rosa reminded of a session the day before it", 30*time.Second, func() bool { return rosaGot("⏰ Mañana tiene mentoría") })
	stop()
}

// TestSandboxCmd_NewPeopleKept: a person added in the web chat onboards
// with /start and the buttons, and after the sandbox restarts on the same
// database they are in the list again, under their id, and the bot still
// knows them; the next person added takes the next id.
func TestSandboxCmd_NewPeopleKept(t *testing.T) {
	data := filepath.Join(t.TempDir(), "sandbox.db")
	base, errs, stop := runSandboxCmd(t, "--data", data)
	type person struct {
		ID   int64
		Name string
		Role string
	}
	var ana person
	if code := sandboxCall(t, base, "POST", "/sandbox/api/people", `{"name": "Ana", "lang": "en"}`, &ana); code != 201 || ana.ID != sandbox.FirstNewPerson {
		t.Fatalf("POST people = %d %+v", code, ana)
	}
	// lastBot is the latest bot message in Ana's chat after n messages.
	lastBot := func(base string, n int) (id int, plain string) {
		var r struct {
			Messages []struct {
				ID      int
				FromBot bool `json:"from_bot"`
				Plain   string
			}
		}
		sandboxCall(t, base, "GET", fmt.Sprintf("/sandbox/api/messages?chat=%d", ana.ID), "", &r)
		if len(r.Messages) < n || !r.Messages[len(r.Messages)-1].FromBot {
			return 0, ""
		}
		m := r.Messages[len(r.Messages)-1]
		return m.ID, m.Plain
	}
	say := func(base, path, body, want string, n int) {
		t.Helper()
		if code := sandboxCall(t, base, "POST", path, body, nil); code != 200 {
			t.Fatalf("POST %s %s = %d", path, body, code)
		}
		pollUntil(t, want, 30*time.Second, errs.String, func() bool {
			_, plain := lastBot(base, n)
			return strings.Contains(plain, want)
		})
	}
	say(base, "/sandbox/api/send", `{"from": 9101, "chat": 9101, "text": "/start"}`, "Which language do you prefer?", 2)
	for _, p := range []struct{ data, want string }{{"lang:en", "Which university"}, {"uni:unma", "teacher or a student"}, {"role:student", "registered as a student"}} {
		id, _ := lastBot(base, 0)
		say(base, "/sandbox/api/press", fmt.Sprintf(`{"from": 9101, "chat": 9101, "message_id": %d, "data": %q}`, id, p.data), p.want, 0)
	}
	stop()

	base, errs, stop = runSandboxCmd(t, "--data", data)
	defer stop()
	var people struct{ People []person }
	pollUntil(t, "Ana back in the list", 30*time.Second, errs.String, func() bool {
		sandboxCall(t, base, "GET", "/sandbox/api/people", "", &people)
		return slices.Contains(people.People, person{ID: ana.ID, Name: "Ana", Role: sandbox.NewPersonRole})
	})
	say(base, "/sandbox/api/send", `{"from": 9101, "chat": 9101, "text": "/start"}`, "Welcome back, Ana", 2)
	var luis person
	if code := sandboxCall(t, base, "POST", "/sandbox/api/people", `{"name": "Luis"}`, &luis); code != 201 || luis.ID != sandbox.FirstNewPerson+1 {
		t.Errorf("the next person added after the restart = %d %+v, want id %d", code, luis, sandbox.FirstNewPerson+1)
	}
}
