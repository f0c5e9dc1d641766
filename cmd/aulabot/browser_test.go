package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/sandbox"
)

// chromium finds Debian's Chromium; the browser test needs it.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	t.Fatal("chromium not found: the browser test needs it; .ci/run installs it (apt-get install chromium)")
	return ""
}

// newBrowser starts headless Chromium with a fresh profile under
// t.TempDir() and returns a context for chromedp actions.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(filepath.Join(t.TempDir(), "chromium")),
		chromedp.WindowSize(1280, 800),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil { // starts the browser
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// tap waits for the element that matches a CSS selector and clicks it.
func tap(sel string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(chromedp.WaitVisible(chromedp.CSS(sel)), chromedp.Click(chromedp.CSS(sel)))
}

// botSays waits until a bot message in the open chat contains text.
func botSays(text string) chromedp.Action[chromedp.Void] {
	return chromedp.Poll[chromedp.Void](`[...document.querySelectorAll("#messages .msg.bot")].some((m) => m.textContent.includes(` +
		jsString(text) + `))`)
}

func jsString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}

// TestBrowser_OnboardAndBook drives the real bot through the sandbox's web
// chat in headless Chromium: a student picks themself in the list, types
// /start, taps language, university and role, gets the main menu, then
// books a group session with the mentoring button. It saves full-page
// screenshots (phone and desktop) under the test's temp dir, and the
// desktop one as sandbox.png and the phone one as sandbox-phone.png in
// $AULABOT_SCREENSHOT_DIR if set (a path
// relative to the repository: AULABOT_SCREENSHOT_DIR=docs makes
// docs/sandbox.png).
func TestBrowser_OnboardAndBook(t *testing.T) {
	h := newHarness(t, nil)
	loc := h.Cfg.Loc("unma")
	y, mo, d := time.Now().In(loc).Date()
	_, err := h.M.Store.CreateSlot("unma", 4001, "Mentor 1 unma", aulabot.NewSlot{
		Start: time.Date(y, mo, d+2, 16, 0, 0, 0, loc).UTC(), Minutes: 60, Kind: aulabot.SlotGroup, Capacity: 8,
		Topic: "Clases sincrónicas que enganchan", Link: "https://meet.example.org/unma"})
	if err != nil {
		t.Fatal(err)
	}
	// The page's clock moves a clock of its own here: the harness keeps
	// the bot's.
	var clock sandbox.Clock
	var moved atomic.Int32
	h.SB.UseClock(&clock, func(time.Time) { moved.Add(1) })
	ctx := newBrowser(t)
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()

	const diego = `li[data-person-id="9002"]`
	var photos []string
	for _, name := range []string{"uno.png", "dos.png"} {
		path := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(path, []byte("\x89PNG\r\n\x1a\n "+name), 0o644); err != nil {
			t.Fatal(err)
		}
		photos = append(photos, path)
	}
	steps := []struct {
		name string
		do   chromedp.Action[chromedp.Void]
	}{
		{"open the page at phone size", chromedp.Steps(chromedp.EmulateViewport(412, 915), chromedp.Navigate(h.URL+"/"))},
		{"what to try names the demo people", chromedp.Poll[chromedp.Void](`[...document.querySelectorAll("#try-list li")].some((li) => li.textContent.includes("Rosa (docente)")) && ` +
			`[...document.querySelectorAll("#try-list li")].some((li) => li.textContent.includes("Tec 1 unma"))`)},
		{"pick the student", tap(diego)},
		{"Start in the empty chat", tap("#start")},
		{"language", tap(`.msg.bot .btn-inline[data-data="lang:es"]`)},
		{"university", tap(`.msg.bot .btn-inline[data-data="uni:unma"]`)},
		{"role", tap(`.msg.bot .btn-inline[data-data="role:student"]`)},
		{"main menu", chromedp.Steps(botSays("Le registré como estudiante"), chromedp.WaitVisible(chromedp.CSS("#keyboard .btn-kbd")))},
		{"mentoring button", chromedp.Click(`//button[contains(@class,"btn-kbd")][contains(., "Mentoría")]`)},
		{"group sessions", tap(`.msg.bot .btn-inline[data-data="bk:k:g:0"]`)},
		{"the slot", tap(`.msg.bot .btn-inline[data-data="bk:s:1"]`)},
		{"confirm", tap(`.msg.bot .btn-inline[data-data="bk:c:1"]`)},
		{"booking confirmed", botSays("¡Reservado!")},
		// The calendar file follows the confirmation: wait for it, so the
		// next tap does not land while the chat is being redrawn.
		{"calendar file", botSays("para su calendario")},
		{"problem button", chromedp.Click(`//button[contains(@class,"btn-kbd")][contains(., "Reportar un problema")]`)},
		{"category", tap(`.msg.bot .btn-inline[data-data="tk:cat:video"]`)},
		{"describe", chromedp.Steps(
			botSays("Videoconferencia"),
			chromedp.SendKeys(chromedp.CSS("#composer"), "La sala de Meet del curso 204 se corta cada cinco minutos"),
			chromedp.Click(chromedp.CSS("#send")))},
		{"ticket created", botSays("UNMA-1")},
		{"a /command in the bot's text is tappable", chromedp.Steps(
			chromedp.Click(`(//div[contains(@class,"bot")]//span[contains(@class,"cmd")][.="/mytickets"])[last()]`),
			botSays("Sus tickets"))},
		{"a question with typos", chromedp.Steps(
			chromedp.SendKeys(chromedp.CSS("#composer"), "xq zzvw"),
			chromedp.Click(chromedp.CSS("#send")),
			botSays("Todavía no sé responder eso"))},
		{"edit it", chromedp.Steps(
			chromedp.Click(`(//div[contains(@class,"msg me")]//button[contains(@class,"btn-edit")])[last()]`),
			chromedp.Poll[chromedp.Void](`document.querySelector("#composer").value === "xq zzvw"`), // the message to edit
			chromedp.Evaluate[chromedp.Void](`document.querySelector("#composer").value = ""`),
			chromedp.SendKeys(chromedp.CSS("#composer"), "no puedo subir mi trabajo, pesa mucho"),
			chromedp.Click(chromedp.CSS("#send")))},
		{"the edited question answered", botSays("Mi archivo es muy grande")},
		{"two screenshots chosen together go as one album, with the words", chromedp.Steps(
			chromedp.SendKeys(chromedp.CSS("#composer"), "así se ve ahora"),
			chromedp.SetUploadFiles(chromedp.CSS("#attach"), photos),
			botSays("Recibí sus archivos y lo que escribió"))},
		{"the clock moves an hour forward, shown in the universities' zone", chromedp.Steps(tap("#back"), tap(`.clock-btns button[data-minutes="60"]`),
			chromedp.Poll[chromedp.Void](`document.getElementById("clock-now").textContent.includes("(Lima time) (1 h ahead)")`))},
		{"a new person, English, added below the list", chromedp.Steps(chromedp.SendKeys(chromedp.CSS("#new-name"), "Ana"),
			chromedp.Evaluate[chromedp.Void](`document.getElementById("new-lang").value = "en"`), tap("#new-add"))},
		{"their empty chat opens, and Start meets them in their language", chromedp.Steps(tap("#start"), botSays("Which language do you prefer?"))},
		{"back to the student's chat, the clock's notice gone", chromedp.Steps(tap("#back"), tap(diego), chromedp.WaitNotVisible(chromedp.CSS("#toast")))},
	}
	for _, s := range steps {
		if err := chromedp.Do(ctx, s.do); err != nil {
			t.Fatalf("%s: %v; chat has: %s", s.name, err, dump(h.SB.Messages(9002)))
		}
	}
	if ana := h.SB.Messages(sandbox.FirstNewPerson); len(ana) == 0 || ana[0].Text != "/start" {
		t.Errorf("the new person's chat = %s, want their /start first", dump(ana))
	}
	if moved.Load() != 1 || clock.Ahead() != time.Hour {
		t.Errorf("the page's +1 hour moved the clock %v and called the bot %d times, want an hour and once", clock.Ahead(), moved.Load())
	}
	var album []string
	for _, m := range h.SB.Messages(9002) {
		if !m.FromBot && m.File != nil {
			album = append(album, m.Album)
		}
	}
	if len(album) != 2 || album[0] == "" || album[0] != album[1] {
		t.Errorf("the photos chosen together came as albums %q, want one of two", album)
	}
	if tk, ok, err := h.M.Store.Ticket("UNMA-1"); err != nil || !ok || tk.Requester != 9002 {
		t.Errorf("ticket UNMA-1 = %+v, %v, %v", tk, ok, err)
	}
	commands := 0
	for _, m := range h.SB.Messages(9002) {
		if !m.FromBot && strings.HasPrefix(m.Text, "/") {
			commands++
		}
	}
	if commands != 2 { // Start, and the tapped command
		t.Errorf("%d commands sent from the page, want /start and the tapped one: %s", commands, dump(h.SB.Messages(9002)))
	}
	// The session's message became the confirmation; the calendar file
	// follows it.
	h.waitText(9002, 0, "¡Reservado!")
	if m := h.waitText(9002, 0, "para su calendario"); m.File == nil || !strings.HasSuffix(m.File.Name, ".ics") {
		t.Errorf("no .ics after the confirmation: %+v", m)
	}

	shots := t.TempDir()
	for _, v := range []struct {
		name          string
		width, height int64
	}{{"phone", 412, 915}, {"desktop", 1280, 800}} {
		var png []byte
		err := chromedp.Do(ctx,
			chromedp.EmulateViewport(v.width, v.height),
			botSays("UNMA-1"),
			chromedp.Func(func(ctx context.Context, t *chromedp.Target) (err error) {
				png, err = chromedp.FullScreenshot(100)(ctx, t)
				return err
			}))
		if err != nil {
			t.Fatalf("%s screenshot: %v", v.name, err)
		}
		path := filepath.Join(shots, "sandbox-"+v.name+".png")
		if err := os.WriteFile(path, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s (%d KB)", path, len(png)/1024)
		if dir := os.Getenv("AULABOT_SCREENSHOT_DIR"); dir != "" {
			if !filepath.IsAbs(dir) {
				dir = filepath.Join("..", "..", dir) // relative to the repository, not the package
			}
			name := map[string]string{"desktop": "sandbox.png", "phone": "sandbox-phone.png"}[v.name]
			if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestBrowser_PageEscapes: names, roles and messages with markup show as
// text in the web chat and run nothing.
func TestBrowser_PageEscapes(t *testing.T) {
	h := newHarness(t, nil)
	const evil = `<img src=x onerror="document.title='pwned'">`
	const text = `<script>document.title='pwned'</script><i>hola</i>`
	h.SB.AddUser(sandbox.User{ID: 9301, FirstName: evil, Role: "<b>role</b>", LanguageCode: "es"})
	h.SB.SendText(9301, 9301, text)
	h.waitNew(9301, 0, nil)

	ctx := newBrowser(t)
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	err := chromedp.Do(ctx, chromedp.Navigate(h.URL+"/"), tap(`li[data-person-id="9301"]`),
		chromedp.WaitVisible(chromedp.CSS("#messages .msg.me")), chromedp.WaitVisible(chromedp.CSS("#messages .msg.bot")))
	if err != nil {
		t.Fatal(err)
	}
	type page struct {
		Title, Name, Role, Head, Mine string
		Markup                        int
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[page](`({
		title: document.title,
		name: document.querySelector('li[data-person-id="9301"] .name').textContent,
		role: document.querySelector('li[data-person-id="9301"] .role').textContent,
		head: document.querySelector("#chat-title").textContent,
		mine: document.querySelector("#messages .msg.me .text").textContent,
		markup: document.querySelectorAll("#sidebar img, #sidebar b, #chat-head img, #messages img, #messages script, .msg.me i").length,
	})`))
	if err != nil {
		t.Fatal(err)
	}
	want := page{Title: "aulabot sandbox", Name: evil, Role: "<b>role</b>", Head: evil + " \u2194 aulabot", Mine: text}
	if got != want {
		t.Errorf("page shows\n %+v\nwant\n %+v", got, want)
	}
}
