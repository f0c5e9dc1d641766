package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/bot"
	"github.com/aulabot/aulabot/config"
	"github.com/aulabot/aulabot/handlers"
	"github.com/aulabot/aulabot/knowledge"
	"github.com/aulabot/aulabot/lmswatch"
	"github.com/aulabot/aulabot/service"
	"github.com/aulabot/aulabot/store"
	"github.com/aulabot/aulabot/survey"
)

// Settings are what the environment and flags say.
type Settings struct {
	Token         string
	Endpoint      string
	ConfigPath    string
	DataPath      string
	HTTPAddr      string
	WebhookURL    string
	WebhookSecret string
	KBDir         string
	OpenAIKey     string
	OpenAIBaseURL string
	OpenAIModel   string
	EmbedModel    string
	// TranscribeModel transcribes voice notes into questions ("": voice
	// notes are not listened to).
	TranscribeModel string
	// LLMTimeout bounds one LLM answer, embeddings included (0: 20 s).
	LLMTimeout time.Duration
	Debug      bool
	// CheckDB runs bbolt's full consistency check when the database opens.
	CheckDB bool
	// SandboxAddr and Fresh are for the sandbox: where its web chat
	// listens, and whether to start from an empty database.
	SandboxAddr string
	Fresh       bool
	// LMSWatch checks the universities' lms_url (on in serve and sandbox,
	// off in a Settings built by hand, as tests do).
	LMSWatch bool
}

// parseSettings reads the environment, then flags of the same meaning.
func parseSettings(name string, args []string, getenv func(string) string, stderr io.Writer) (Settings, *flag.FlagSet, error) {
	s := Settings{
		Token:           getenv("TELEGRAM_BOT_TOKEN"),
		Endpoint:        getenv("TELEGRAM_API_ENDPOINT"),
		ConfigPath:      getenv("AULABOT_CONFIG"),
		DataPath:        getenv("AULABOT_DATA"),
		WebhookSecret:   getenv("AULABOT_WEBHOOK_SECRET"),
		OpenAIKey:       getenv("OPENAI_API_KEY"),
		OpenAIBaseURL:   getenv("OPENAI_BASE_URL"),
		OpenAIModel:     getenv("OPENAI_MODEL"),
		EmbedModel:      getenv("OPENAI_EMBEDDING_MODEL"),
		TranscribeModel: getenv("OPENAI_TRANSCRIBE_MODEL"),
		CheckDB:         getenv("AULABOT_CHECK_DB") == "1",
	}
	if s.DataPath == "" {
		s.DataPath = "aulabot.db"
	}
	fs := flag.NewFlagSet("aulabot "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&s.ConfigPath, "config", s.ConfigPath, "YAML configuration (default aulabot.yaml if present, else the built-in demo)")
	fs.StringVar(&s.DataPath, "data", s.DataPath, "bbolt database file")
	fs.StringVar(&s.HTTPAddr, "http", "", "serve /healthz, /metrics (and the webhook) on this address, e.g. 127.0.0.1:9090")
	fs.StringVar(&s.WebhookURL, "webhook", "", "public HTTPS URL for webhook mode (needs --http); default: long polling")
	fs.StringVar(&s.KBDir, "kb", "", "knowledge-base folder (overrides the configuration's knowledge:)")
	fs.StringVar(&s.Endpoint, "endpoint", s.Endpoint, "Bot API URL format, e.g. http://127.0.0.1:8081/bot%s/%s")
	fs.DurationVar(&s.LLMTimeout, "llm-timeout", knowledge.DefaultLLMTimeout, "longest wait for one LLM answer, embeddings included; then the articles are shown")
	fs.BoolVar(&s.Debug, "debug", false, "log every update")
	fs.BoolVar(&s.CheckDB, "check-db", s.CheckDB, "run the database's full consistency check at start-up (slower; also AULABOT_CHECK_DB=1)")
	fs.StringVar(&s.SandboxAddr, "addr", "127.0.0.1:8080", "sandbox only: address of the web chat")
	fs.BoolVar(&s.Fresh, "fresh", false, "sandbox only: start with an empty database, no demo data")
	fs.BoolVar(&s.LMSWatch, "lms-watch", true, "check each university's lms_url and open incidents when it is down")
	if err := fs.Parse(args); err != nil {
		return s, fs, errUsage
	}
	return s, fs, nil
}

// loadConfig finds the configuration: the given path, aulabot.yaml if
// present, else the built-in demo.
func loadConfig(path string) (*aulabot.Config, error) {
	if path == "" {
		if _, err := os.Stat("aulabot.yaml"); err == nil {
			path = "aulabot.yaml"
		} else {
			return config.Demo(), nil
		}
	}
	return config.Load(path)
}

// The store's transaction is what the services need of one update's.
var _ service.Tx = (*store.Tx)(nil)

// Main is the whole bot wired together; tests build one on a fake Bot API.
type Main struct {
	Settings Settings
	Config   *aulabot.Config
	Log      *slog.Logger
	// Now is the clock of the store and handlers; tests move it.
	Now func() time.Time
	// WentAt is the outbox's (bot.Outbox.WentAt): the sandbox's clock,
	// which jumps. Nil elsewhere.
	WentAt func(due time.Time) time.Time

	Store      *store.Store
	Client     *bot.Client
	Sender     *bot.Sender
	Outbox     *bot.Outbox
	Dispatcher *bot.Dispatcher
	Services   service.Services
	Handlers   *handlers.Handlers
	Metrics    *bot.Metrics
	Announcer  *handlers.Announcer
	LMS        *lmswatch.Watcher // nil: no LMS watched
	Surveys    *survey.Set

	// HTTPAddr is the address the HTTP listener got (for ":0").
	HTTPAddr string
	// ShutdownTimeout bounds Run's shutdown once ctx ends (default 10 s):
	// updates still running then are not confirmed, so Telegram delivers
	// them again to the next run.
	ShutdownTimeout time.Duration
	// Ready is closed once Run is polling (or serving the webhook).
	Ready chan struct{}
	// published is closed once Run has set the command menus and the
	// descriptions (or given up on them at shutdown).
	published chan struct{}
	// Setup is set-up mode, chosen by Open when a university has no team
	// group yet: the bot only tells ids (handlers/setup.go).
	Setup bool
	// TuneMemory returns the memory each load of the knowledge base used
	// and sets the soft memory limit from what the base needs, and gives
	// memory back once the bot falls quiet after a busy time (memory.go).
	TuneMemory bool
	// IdleTrimEvery is how often the bot looks whether it has fallen
	// quiet (trimWhenIdle); 0 is idleTrimEvery.
	IdleTrimEvery time.Duration
	// afterTrim, if set, runs after each trim (tests).
	afterTrim func()
	// afterWarm, if set, runs after each knowledge base loaded is warmed
	// (tests).
	afterWarm func(*knowledge.Base)
	// noSync opens the database without fsync: only for BenchmarkTerm's
	// nosync run, which shows what the tail is without the disk. A bot
	// that runs so loses what it committed when the machine stops.
	noSync bool

	// sleep waits between tries to reach the Bot API at start (nil:
	// bot.Sleep).
	sleep func(context.Context, time.Duration) error
	// loadBuiltin loads the built-in knowledge base at start and on each
	// /reload (nil: knowledge.Load of knowledge.Builtin). The tests' bots
	// share one base, loaded once for the test run.
	loadBuiltin func() (*knowledge.Base, []knowledge.Problem, error)

	clientCtx    context.Context
	clientCancel context.CancelFunc
	closeOnce    sync.Once
}

// maxDialWait is the longest wait between two tries to reach the Bot API
// at start.
const maxDialWait = time.Minute

// dial connects to the Bot API. A start while the network is not up yet,
// or while Telegram is down, busy or unreachable, waits for it: tried
// again after 1 s, doubling to maxDialWait (at least what a 429 asks),
// each failure logged, until ctx ends. Exiting instead made a service
// manager give up after its few quick restarts (systemd: 5 in 2 minutes),
// so a network out for half a minute at boot left the bot down for good.
// A token the Bot API refuses fails at once.
func (m *Main) dial(ctx context.Context) (*bot.Client, error) {
	sleep := m.sleep
	if sleep == nil {
		sleep = bot.Sleep
	}
	wait := time.Second
	for tries := 1; ; tries++ {
		c, err := bot.Dial(m.clientCtx, m.Settings.Token, m.Settings.Endpoint)
		switch {
		case err == nil:
			if tries > 1 {
				m.Log.Info("reached the Telegram Bot API", "tries", tries)
			}
			return c, nil
		case bot.Refused(err):
			return nil, fmt.Errorf("%w: check TELEGRAM_BOT_TOKEN (and TELEGRAM_API_ENDPOINT if set)", err)
		}
		wait = max(wait, bot.RetryAfter(err))
		m.Log.Warn("cannot reach the Telegram Bot API; trying again", "err", err, "retry_in", wait)
		if err := sleep(ctx, wait); err != nil {
			return nil, err
		}
		wait = min(2*wait, maxDialWait)
	}
}

// NewMain returns a Main for s; Open builds it.
func NewMain(s Settings, log *slog.Logger) *Main {
	if log == nil {
		log = slog.Default()
	}
	return &Main{Settings: s, Log: log, Now: time.Now, Ready: make(chan struct{}), published: make(chan struct{}), ShutdownTimeout: 10 * time.Second}
}

// Open loads the configuration, opens the database and connects to the Bot
// API. Its errors say what to fix.
func (m *Main) Open(ctx context.Context) error {
	if m.Config == nil {
		cfg, err := loadConfig(m.Settings.ConfigPath)
		if err != nil {
			return err
		}
		m.Config = cfg
	}
	m.Setup = needsSetup(m.Config)
	st, err := store.Open(m.Settings.DataPath, store.Options{Timeout: 2 * time.Second, Check: m.Settings.CheckDB, NoSync: m.noSync})
	if err != nil {
		return err
	}
	st.Now = func() time.Time { return m.Now() }
	m.Store = st
	moves, err := followMoves(m.Config, st, m.Log)
	if err != nil {
		return err
	}
	if err := m.openSurveys(); err != nil {
		return err
	}
	m.clientCtx, m.clientCancel = context.WithCancel(context.WithoutCancel(ctx))
	if m.Client, err = m.dial(ctx); err != nil {
		return err
	}
	m.Metrics = bot.NewMetrics(func() float64 {
		n, _ := m.Store.OutboxDepth()
		return float64(n)
	})
	m.Metrics.WatchOutbox(m.Store.OutboxHealth, func() time.Time { return m.Now() })
	m.Metrics.WatchPolls(func() time.Time { return m.Now() })
	m.Metrics.WatchJobs(m.Store.JobsFailing)
	m.Sender = bot.NewSender(m.Client, m.Log, m.Metrics)
	m.Sender.Moves = moves
	m.Outbox = &bot.Outbox{Store: m.Store, Sender: m.Sender, Log: m.Log, Now: func() time.Time { return m.Now() }, WentAt: m.WentAt}
	m.Store.OnOutbox(m.Outbox.Kick)
	m.Services = service.New(m.Config)
	m.Handlers = handlers.New(m.Config, m.Services, handlers.Adapt[*store.Tx](m.Store, store.ErrDuplicate), m.Sender, m.Log)
	m.Handlers.Now = func() time.Time { return m.Now() }
	m.Handlers.Setup = m.Setup
	m.Handlers.BotUsername = m.Client.Username
	m.Handlers.Files = m.Client
	m.Outbox.Shown = m.Handlers.Shown
	m.Outbox.Forbidden = func(chat int64) {
		if err := m.Handlers.GroupForbidden(m.clientCtx, chat); err != nil {
			m.Log.Error("telling the team that its group refused the bot", "chat", chat, "err", err)
		}
	}
	m.Outbox.Unreached = func(chat int64) {
		if err := m.Handlers.StaffUnreachable(m.clientCtx, chat); err != nil {
			m.Log.Error("telling the coordinators that a member of staff cannot be written to", "chat", chat, "err", err)
		}
	}
	m.Announcer = &handlers.Announcer{H: m.Handlers, Store: handlers.AdaptUpdater[*store.Tx](m.Store)}
	m.LMS = m.lmsWatcher()
	m.Handlers.Survey = m.surveyHandlers()
	if err := m.openKnowledge(ctx); err != nil {
		return err
	}
	m.Dispatcher = &bot.Dispatcher{Handler: m.Handlers, Log: m.Log, Metrics: m.Metrics,
		PerPersonPerMinute: m.Config.Limits.UpdatesPerMinute, NoOffset: m.Settings.WebhookURL != "",
		Staff: func(id int64) bool { return m.Config.Roles(id).Staff() }, StaffPerMinute: m.Config.Limits.StaffUpdatesPerMinute(),
		Moves: moves, Skew: m.Client.Skew}
	return nil
}

// Run runs the bot until ctx ends, then shuts down gracefully within
// ShutdownTimeout whatever is in flight: polling stops and the webhook
// answers 503 to what it can no longer apply, updates already running get
// most of the time to finish, queued ones are left to Telegram to deliver
// again, the sender stops.
func (m *Main) Run(ctx context.Context) error {
	m.Dispatcher.Start()
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	errc := make(chan error, 4)
	outCtx, outCancel := context.WithCancel(context.WithoutCancel(ctx))
	defer outCancel()
	wg.Add(1)
	go func() { defer wg.Done(); _ = m.Outbox.Run(outCtx) }()
	wg.Add(1)
	go func() { defer wg.Done(); m.Handlers.RunBackground(outCtx, handlers.BackgroundWorkers) }()
	if n, err := m.Handlers.MentorRemindersAhead(handlers.AdaptUpdater[*store.Tx](m.Store)); err != nil {
		m.Log.Error("giving the sessions ahead their mentors' reminders", "err", err)
	} else if n > 0 {
		m.Log.Info("sessions published before the mentors' reminder existed now have it", "sessions", n)
	}
	m.tick(runCtx) // jobs that fell due while the bot was down
	// The command menus and descriptions are for Telegram to show, not
	// needed to answer anyone: they are set beside polling, not before it.
	// One call per menu and language: 42 with the demo's configuration,
	// which held the first poll back 4.8 s with Telegram 100 ms away; a
	// programme's hundreds of staff would hold it back for minutes.
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(m.published)
		m.publishCommands(runCtx)
		if runCtx.Err() == nil {
			m.describe()
		}
	}()

	fail := func(err error) error {
		cancel()
		m.Dispatcher.Stop(0)
		outCancel()
		wg.Wait()
		return err
	}
	var srv *http.Server
	if m.Settings.HTTPAddr != "" {
		var err error
		if srv, err = m.serveHTTP(&wg); err != nil {
			return fail(err)
		}
		defer srv.Close()
	} else if m.Settings.WebhookURL != "" {
		return fail(errors.New("--webhook needs --http ADDR to receive updates on"))
	}
	if m.Settings.WebhookURL != "" {
		if err := m.Client.SetWebhook(m.Settings.WebhookURL, m.webhookSecret()); err != nil {
			return fail(fmt.Errorf("setWebhook: %w", err))
		}
	} else {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := &bot.Poller{Client: m.Client, Store: m.Store, Dispatcher: m.Dispatcher, Log: m.Log, Metrics: m.Metrics}
			if err := p.Run(runCtx); err != nil {
				errc <- err
			}
		}()
	}
	wg.Add(1)
	go func() { defer wg.Done(); m.maintain(runCtx) }()
	wg.Add(1)
	go func() { defer wg.Done(); m.Announcer.Run(runCtx) }()
	if m.LMS != nil {
		wg.Add(1)
		go func() { defer wg.Done(); m.LMS.Run(runCtx) }()
	}
	if m.TuneMemory {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t := time.NewTicker(m.idleTrimEvery())
			defer t.Stop()
			trimWhenIdle(runCtx, m.idleTrimEvery(), t.C, heapAllocated, heapHeld, func() {
				debug.FreeOSMemory()
				if m.afterTrim != nil {
					m.afterTrim()
				}
			})
		}()
	}
	close(m.Ready)
	if m.Setup {
		m.Log.Warn("set-up mode: a university has no team_chat yet; the bot only tells ids. Add it to each team group (it posts the line to paste), send it /id privately, complete the configuration ('aulabot config check') and restart")
	}
	m.Log.Info("aulabot running", "bot", m.Client.Username, "universities", len(m.Config.Universities), "webhook", m.Settings.WebhookURL != "")

	var err error
	select {
	case <-ctx.Done():
	case err = <-errc:
	}
	m.shutdown(cancel, srv, outCancel, &wg)
	return err
}

// shutdown stops what Run started, within ShutdownTimeout: a second of it
// is kept for the sender and the listeners after the dispatcher's share.
func (m *Main) shutdown(cancel context.CancelFunc, srv *http.Server, outCancel context.CancelFunc, wg *sync.WaitGroup) {
	deadline := time.Now().Add(m.ShutdownTimeout)
	cancel() // polling and timers stop; nothing new is dispatched
	if !m.Dispatcher.Stop(max(0, time.Until(deadline)-time.Second)) {
		m.Log.Warn("shutdown: some updates did not finish in time; Telegram will deliver them again")
	}
	if !m.Dispatcher.NoOffset {
		if err := m.Store.RaiseOffset(m.Dispatcher.SafeOffset()); err != nil {
			m.Log.Error("store offset", "err", err)
		}
	}
	if srv != nil {
		sctx, scancel := context.WithDeadline(context.Background(), deadline)
		_ = srv.Shutdown(sctx) // webhook requests have their answer now
		scancel()
		srv.Close()
	}
	outCancel()
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	t := time.NewTimer(time.Until(deadline))
	defer t.Stop()
	select {
	case <-done:
	case <-t.C:
		m.Log.Warn("shutdown: the sender or a listener did not stop in time")
	}
}

// Close releases everything Open took.
func (m *Main) Close() error {
	var err error
	m.closeOnce.Do(func() {
		if m.clientCancel != nil {
			m.clientCancel()
		}
		if m.Store != nil {
			err = m.closeStore()
		}
	})
	return err
}

// closeStore closes the database, waiting at most a few seconds for a
// transaction an abandoned update still holds: then the process may exit
// without it (a commit is atomic in bbolt; the update is delivered again).
func (m *Main) closeStore() error {
	done := make(chan error, 1)
	go func() { done <- m.Store.Close() }()
	t := time.NewTimer(3 * time.Second)
	defer t.Stop()
	select {
	case err := <-done:
		return err
	case <-t.C:
		return fmt.Errorf("database %s still in use by an update that did not finish; not waiting for it", m.Store.Path())
	}
}

func (m *Main) webhookSecret() string {
	if m.Settings.WebhookSecret != "" {
		return m.Settings.WebhookSecret
	}
	// Derived from the token, so it survives restarts without a setting.
	return fmt.Sprintf("%x", sha256Sum(m.Settings.Token+"/aulabot-webhook"))[:48]
}

// serveHTTP serves /healthz, /metrics and, in webhook mode, /telegram,
// until the server is shut down.
func (m *Main) serveHTTP(wg *sync.WaitGroup) (*http.Server, error) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		if _, err := m.Store.Offset(); err != nil {
			http.Error(w, "database: "+err.Error(), http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ok")
	})
	mux.Handle("GET /metrics", promhttp.HandlerFor(m.Metrics.Registry, promhttp.HandlerOpts{}))
	if m.Settings.WebhookURL != "" {
		mux.Handle("/telegram", &bot.Webhook{Secret: m.webhookSecret(), Dispatcher: m.Dispatcher, Log: m.Log})
	}
	ln, err := net.Listen("tcp", m.Settings.HTTPAddr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", m.Settings.HTTPAddr, err)
	}
	m.HTTPAddr = ln.Addr().String()
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			m.Log.Error("http", "err", err)
		}
	}()
	return srv, nil
}

// tickEvery is how often maintain runs the periodic work (tick): the
// survey campaigns, the weekly digests, and the jobs too, in case one was
// scheduled without waking it.
const tickEvery = 20 * time.Second

// maintain runs periodic work: timers, pruning old update markers. A job
// (a ticket's reminder or escalation, a session's check of attendance)
// runs when it falls due: maintain reads the next job's due time after
// each run and after each commit (an update's, a job's run, any of the
// handlers' work) that scheduled a job due before its next look
// (Handlers.JobsScheduled). Until 7 December jobs waited for the
// next 20-second tick, up to 20 s late.
func (m *Main) maintain(ctx context.Context) {
	tick := time.NewTicker(tickEvery)
	defer tick.Stop()
	prune := time.NewTicker(time.Hour)
	defer prune.Stop()
	var ran time.Time // when due jobs were last run (on m.Now's clock)
	jobs := time.NewTimer(m.untilNextJob(ran))
	defer jobs.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			ran = m.Now()
			m.tick(ctx)
		case <-jobs.C:
			ran = m.Now()
			if err := m.Handlers.Tick(ctx); err != nil {
				m.Log.Error("timers", "err", err)
			}
		case <-m.Handlers.JobsScheduled():
		case <-prune.C:
			if n, err := m.Store.PruneUpdates(m.Now().Add(-48 * time.Hour)); err != nil {
				m.Log.Error("prune updates", "err", err)
			} else if n > 0 {
				m.Log.Debug("pruned update markers", "n", n)
			}
			if p, err := m.Store.PruneOutbox(m.Now()); err != nil {
				m.Log.Error("prune outbox", "err", err)
			} else {
				m.Log.Debug("pruned the outbox's kept keys, refs, dead letters and sends", "pruned", p)
			}
		}
		jobs.Reset(m.untilNextJob(ran))
	}
}

// untilNextJob is how long maintain waits before running due jobs: until
// the next job falls due, at most tickEvery (the tick runs them then),
// and it tells the handlers when that is, so that only a job scheduled
// before then wakes maintain. A job due by ran, when the jobs were last
// run, failed to run and to be put off: it is tried again at the next
// tick, not at once.
func (m *Main) untilNextJob(ran time.Time) time.Duration {
	m.Handlers.JobsLookAt(time.Time{}) // a job committed during the read wakes maintain
	d := tickEvery
	due, ok, err := m.Store.NextJobDue()
	if err != nil {
		m.Log.Error("next job", "err", err)
	} else if ok && due.After(ran) {
		d = min(max(due.Sub(m.Now()), 0), tickEvery)
	}
	m.Handlers.JobsLookAt(m.Now().Add(d))
	return d
}

// tick runs due timers (service levels, auto-close), queues the weekly
// digests that are due, and wakes the outbox for scheduled messages
// (reminders).
func (m *Main) tick(ctx context.Context) {
	if err := m.Handlers.Tick(ctx); err != nil {
		m.Log.Error("timers", "err", err)
	}
	if err := m.Handlers.SurveyTick(ctx); err != nil {
		m.Log.Error("survey campaigns", "err", err)
	}
	_ = m.Handlers.Digest(ctx, m.Store) // logged there, tried again next tick
	m.Outbox.Kick()
}
