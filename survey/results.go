package survey

import (
	"hash/fnv"
	"math/rand/v2"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/aulabot/aulabot"
)

// Person is someone the store knows, counted in the audience of a survey.
type Person struct {
	// Key is the person's keyed hash under the series' secret ("" while
	// the series has no secret, that is no response yet).
	Key        string
	University string
	Role       string
}

// Source is what results are computed from; the store is one.
type Source interface {
	// SurveyResponses returns every response stored for survey id.
	SurveyResponses(survey string) ([]Response, error)
	// SurveyPeople returns everyone who finished onboarding, each with
	// their key under series' secret.
	SurveyPeople(series string) ([]Person, error)
}

// DefaultResamples is how many bootstrap resamples a confidence interval
// is drawn from.
const DefaultResamples = 2000

// Options narrow and tune Compute.
type Options struct {
	// University, if set, computes only that university's groups.
	University string
	// Universities orders the universities (the configuration's order);
	// others found in the data follow, sorted.
	Universities []string
	// Resamples and Seed tune the bootstrap (defaults DefaultResamples
	// and 1): the same data, seed and resamples give the same intervals.
	Resamples int
	Seed      uint64
}

// Results are the figures of one series, per group of people.
type Results struct {
	Series    string     `json:"series"`
	Waves     []WaveInfo `json:"waves"`
	Resamples int        `json:"resamples"`
	// HeadlineItems are the Likert questions of the headline index: those
	// in both the baseline and the endline, unless a file says headline:
	// false.
	HeadlineItems []string `json:"headline_items"`
	Groups        []Group  `json:"groups"`
	// Kept counts answers stored but not counted: their question was
	// removed from the file or changed kind.
	Kept []Kept `json:"kept,omitempty"`
}

// WaveInfo names a wave of the series.
type WaveInfo struct {
	Wave      string `json:"wave"`
	Survey    string `json:"survey"`
	Title     Tr     `json:"title"`
	Anonymous bool   `json:"anonymous"`
}

// Group is the figures of the people of one university ("" for all) and
// role ("" for both).
type Group struct {
	University string      `json:"university"`
	Role       string      `json:"role"`
	Waves      []WaveCount `json:"waves"`
	// Headline is the change of the headline index (nil without
	// headline items or without both a baseline and an endline).
	Headline  *Change          `json:"headline,omitempty"`
	Questions []QuestionResult `json:"questions"`
}

// WaveCount is who answered one wave.
type WaveCount struct {
	Wave string `json:"wave"`
	// Respondents have at least one answer that counts; Completed
	// answered or skipped every question shown to them.
	Respondents Figure `json:"respondents"`
	Completed   Figure `json:"completed"`
	// Audience is the people known in the group for whom the survey is,
	// with the respondents who are no longer known (deleted their data or
	// changed university or role); Rate is Respondents over Audience, in
	// percent.
	Audience int    `json:"audience"`
	Rate     Figure `json:"rate"`
}

// QuestionResult is one question across the waves.
type QuestionResult struct {
	ID    string         `json:"id"`
	Type  string         `json:"type"`
	Text  Tr             `json:"text"`
	Waves []QuestionWave `json:"waves"`
	// Change is from the baseline to the endline, for a Likert or Scale
	// question asked in both.
	Change *Change `json:"change,omitempty"`
}

// QuestionWave is one question's answers in one wave.
type QuestionWave struct {
	Wave      string `json:"wave"`
	Responses Figure `json:"responses"`
	// Mean is for Likert and Scale questions; Favourable (percent of
	// answers 4 or 5) for Likert ones.
	Mean         Figure `json:"mean"`
	Favourable   Figure `json:"favourable"`
	Distribution []Cell `json:"distribution,omitempty"`
}

// Cell is how many answers took one value; Share is in percent of the
// responses (for a Multiple question, of the people who chose it).
type Cell struct {
	Value string `json:"value"`
	Label Tr     `json:"label"`
	Count Figure `json:"count"`
	Share Figure `json:"share"`
}

// Change is the change from the baseline to the endline of a mean.
type Change struct {
	// Paired: computed over the people who answered both waves (at least
	// MinGroup of them, and at least half of the smaller wave); otherwise
	// over everyone in each wave.
	Paired bool `json:"paired"`
	// NBefore and NAfter are the people each mean is over (the pairs,
	// when Paired).
	NBefore Figure `json:"n_before"`
	NAfter  Figure `json:"n_after"`
	Before  Figure `json:"before"`
	After   Figure `json:"after"`
	// Percent is (After - Before) / Before * 100; Low and High its 95 %
	// bootstrap interval.
	Percent Figure `json:"percent"`
	Low     Figure `json:"low"`
	High    Figure `json:"high"`
	// Effect is Cohen's d_z when Paired, Hedges' g otherwise.
	Effect     Figure `json:"effect"`
	EffectKind string `json:"effect_kind"`
	// FavBefore and FavAfter are the percent of favourable answers (4 or
	// 5) among the Likert answers of the people above.
	FavBefore Figure `json:"fav_before"`
	FavAfter  Figure `json:"fav_after"`
}

// Kept is answers to one question that are stored but not counted.
type Kept struct {
	Wave     string `json:"wave"`
	Question string `json:"question"`
	Answers  Figure `json:"answers"`
	// Why is "removed" (no longer in the file) or "changed" (the file
	// changed its kind since they were given).
	Why string `json:"why"`
}

// Compute computes the results of the waves of one series (Set.Series)
// from src. Reading src is the only I/O; the bootstrap runs on every
// processor. Errors: ENOTFOUND survey.unknown_series for no waves, and
// src's.
func Compute(src Source, waves []*Survey, opt Options) (*Results, error) {
	if len(waves) == 0 {
		return nil, aulabot.Errorf(aulabot.ENOTFOUND, "survey.unknown_series")
	}
	if opt.Resamples <= 0 {
		opt.Resamples = DefaultResamples
	}
	if opt.Seed == 0 {
		opt.Seed = 1
	}
	series := waves[0].Series()
	inScope := func(u string) bool { return opt.University == "" || u == opt.University }
	data := make([][]*Response, len(waves))
	res := &Results{Series: series, Resamples: opt.Resamples}
	for i, s := range waves {
		rs, err := src.SurveyResponses(s.ID)
		if err != nil {
			return nil, err
		}
		for j := range rs {
			if inScope(rs[j].University) {
				data[i] = append(data[i], &rs[j])
			}
		}
		res.Waves = append(res.Waves, WaveInfo{Wave: s.Wave, Survey: s.ID, Title: s.Title, Anonymous: s.Anonymous})
	}
	all, err := src.SurveyPeople(series)
	if err != nil {
		return nil, err
	}
	var people []Person
	for _, p := range all {
		if inScope(p.University) {
			people = append(people, p)
		}
	}
	base, end := waveIndex(waves, Baseline), waveIndex(waves, Endline)
	if base >= 0 && end >= 0 {
		res.HeadlineItems = headlineItems(waves[base], waves[end])
	}
	c := &computation{waves: waves, data: data, people: people, base: base, end: end, opt: opt, series: series, items: res.HeadlineItems}
	c.count()
	keys := c.groups()
	groups := make([]Group, len(keys))
	ok := make([]bool, len(keys))
	tasks := make([][]func(), len(keys))
	layout := make([]func(), len(keys))
	for i, g := range keys {
		layout[i] = func() { groups[i], tasks[i], ok[i] = c.group(g) }
	}
	parallel(layout)
	parallel(slices.Concat(tasks...))
	for i := range keys {
		if ok[i] {
			res.Groups = append(res.Groups, groups[i])
		}
	}
	res.Kept = kept(waves, data)
	return res, nil
}

func waveIndex(waves []*Survey, wave string) int {
	return slices.IndexFunc(waves, func(s *Survey) bool { return s.Wave == wave })
}

// headlineItems are the Likert questions in both waves, of one kind, that
// no file leaves out of the headline.
func headlineItems(b, e *Survey) []string {
	var out []string
	for _, q := range b.Questions {
		if eq := e.Question(q.ID); q.Type == Likert && q.Headline && eq != nil && eq.Signature() == q.Signature() && eq.Headline {
			out = append(out, q.ID)
		}
	}
	return out
}

// computation is one Compute's data. The answers that count are found
// once (counted); each group then only filters them. The bootstrap of
// each change is a task run after every group is laid out.
type computation struct {
	waves     []*Survey
	data      [][]*Response
	people    []Person
	base, end int
	opt       Options
	series    string
	items     []string
	// counted[wave][question] are the answers that count: given under the
	// question's kind, to a question shown to that person; answered[wave]
	// are the responses with at least one answer under its kind.
	counted  []map[string][]counted
	answered []map[*Response]bool
}

// counted is an answer that counts and its response (pointers: groups
// copy these by the thousand).
type counted struct {
	r *Response
	a *Answer
}

// count fills counted and answered.
func (c *computation) count() {
	for i, s := range c.waves {
		byQ, some := map[string][]counted{}, map[*Response]bool{}
		for _, r := range c.data[i] {
			for _, q := range s.Questions {
				a, ok := r.Valid(q)
				if !ok {
					continue
				}
				some[r] = true
				if s.Shown(q, r.Role, r) {
					byQ[q.ID] = append(byQ[q.ID], counted{r, &a})
				}
			}
		}
		c.counted, c.answered = append(c.counted, byQ), append(c.answered, some)
	}
}

// answers returns the answers to question id in wave i that count, of the
// people in g.
func (c *computation) answers(i int, id string, g groupKey) []counted {
	if g == (groupKey{}) {
		return c.counted[i][id]
	}
	all := c.counted[i][id]
	n := 0
	for _, x := range all {
		if g.has(x.r.University, x.r.Role) {
			n++
		}
	}
	out := make([]counted, 0, n)
	for _, x := range all {
		if g.has(x.r.University, x.r.Role) {
			out = append(out, x)
		}
	}
	return out
}

// groupKey is a university ("" all) and a role ("" both).
type groupKey struct{ u, r string }

func (g groupKey) has(u, r string) bool { return (g.u == "" || g.u == u) && (g.r == "" || g.r == r) }

// groups lists every group in order: all, each role, then each university
// and its roles (or only the university of opt.University).
func (c *computation) groups() []groupKey {
	var roles []string
	for _, r := range []string{ForTeacher, ForStudent} {
		if slices.ContainsFunc(c.waves, func(s *Survey) bool { return s.Audience == ForAll || s.Audience == r }) {
			roles = append(roles, r)
		}
	}
	var unis []string
	if c.opt.University != "" {
		unis = []string{c.opt.University}
	} else {
		unis = append(unis, c.opt.Universities...)
		var found []string
		for _, rs := range c.data {
			for _, r := range rs {
				found = append(found, r.University)
			}
		}
		for _, p := range c.people {
			found = append(found, p.University)
		}
		sort.Strings(found)
		for _, u := range slices.Compact(found) {
			if u != "" && !slices.Contains(unis, u) {
				unis = append(unis, u)
			}
		}
	}
	var out []groupKey
	if c.opt.University == "" {
		out = append(out, groupKey{})
		for _, r := range roles {
			out = append(out, groupKey{r: r})
		}
	}
	for _, u := range unis {
		if !slices.ContainsFunc(c.waves, func(s *Survey) bool { return len(s.Universities) == 0 || slices.Contains(s.Universities, u) }) {
			continue
		}
		out = append(out, groupKey{u: u})
		for _, r := range roles {
			out = append(out, groupKey{u: u, r: r})
		}
	}
	return out
}

// group lays out the figures of g and returns the tasks of its changes'
// bootstraps; false if g has neither people nor responses.
func (c *computation) group(g groupKey) (Group, []func(), bool) {
	gr := Group{University: g.u, Role: g.r}
	seen := false
	for i, s := range c.waves {
		wc := c.waveCount(i, s, g)
		seen = seen || wc.Audience > 0
		gr.Waves = append(gr.Waves, wc)
	}
	if !seen {
		return gr, nil, false
	}
	var tasks []func()
	for _, id := range questionOrder(c.waves) {
		if g.r != "" && !slices.ContainsFunc(c.waves, func(s *Survey) bool { q := s.Question(id); return q != nil && q.ForRole(g.r) }) {
			continue // never asked of this role
		}
		qr, task := c.question(g, id)
		gr.Questions = append(gr.Questions, qr)
		if task != nil {
			tasks = append(tasks, task)
		}
	}
	if len(c.items) > 0 {
		var task func()
		gr.Headline, task = c.change(g, "\x00headline", c.headlineObs(c.base, g), c.headlineObs(c.end, g))
		tasks = append(tasks, task)
	}
	return gr, tasks, true
}

// waveCount counts who answered wave i among g, and the audience.
func (c *computation) waveCount(i int, s *Survey, g groupKey) WaveCount {
	keys := map[string]bool{}
	unkeyed := 0
	for _, p := range c.people {
		if g.has(p.University, p.Role) && s.For(p.University, p.Role) {
			if p.Key == "" {
				unkeyed++
			} else {
				keys[p.Key] = true
			}
		}
	}
	var respondents, completed int
	for _, r := range c.data[i] {
		if !g.has(r.University, r.Role) || !c.answered[i][r] {
			continue
		}
		respondents++
		keys[r.Key] = true
		if !r.Completed.IsZero() {
			completed++
		}
	}
	audience := unkeyed + len(keys)
	return WaveCount{
		Wave: s.Wave, Respondents: count(respondents), Completed: count(completed), Audience: audience,
		Rate: gate(respondents, func() float64 { return 100 * float64(respondents) / float64(audience) }),
	}
}

// questionOrder is every question id of the waves, in the order of the
// first wave that asks it.
func questionOrder(waves []*Survey) []string {
	var ids []string
	for _, s := range waves {
		for _, q := range s.Questions {
			if !slices.Contains(ids, q.ID) {
				ids = append(ids, q.ID)
			}
		}
	}
	return ids
}

// question lays out question id for g, and the task of its change's
// bootstrap (nil if it has no change).
func (c *computation) question(g groupKey, id string) (QuestionResult, func()) {
	var qr QuestionResult
	for i, s := range c.waves {
		q := s.Question(id)
		if q == nil {
			continue
		}
		qr.ID, qr.Type, qr.Text = q.ID, q.Type, q.Text
		qr.Waves = append(qr.Waves, questionWave(s.Wave, q, c.answers(i, id, g)))
	}
	if c.base < 0 || c.end < 0 {
		return qr, nil
	}
	qb, qe := c.waves[c.base].Question(id), c.waves[c.end].Question(id)
	if qb == nil || qe == nil || !qb.Numeric() || qb.Signature() != qe.Signature() {
		return qr, nil
	}
	var task func()
	qr.Change, task = c.change(g, id, numericObs(qb, c.answers(c.base, id, g)), numericObs(qe, c.answers(c.end, id, g)))
	return qr, task
}

func questionWave(wave string, q *Question, as []counted) QuestionWave {
	n := len(as)
	qw := QuestionWave{Wave: wave, Responses: count(n)}
	cell := func(value string, label Tr, k int) Cell {
		return Cell{Value: value, Label: label, Count: count(k), Share: gate(k, func() float64 { return 100 * float64(k) / float64(n) })}
	}
	switch q.Type {
	case Likert, Scale:
		lo, hi := q.Range()
		counts := make([]int, hi-lo+1)
		var sum float64
		for _, x := range as {
			counts[x.a.Number-lo]++
			sum += float64(x.a.Number)
		}
		qw.Mean = gate(n, func() float64 { return sum / float64(n) })
		for v := lo; v <= hi; v++ {
			label := Tr{ES: strconv.Itoa(v), EN: strconv.Itoa(v)}
			if q.Type == Likert {
				label = q.Labels[v-lo]
			}
			qw.Distribution = append(qw.Distribution, cell(strconv.Itoa(v), label, counts[v-lo]))
		}
		if q.Type == Likert {
			fav := counts[3] + counts[4]
			qw.Favourable = gate(n, func() float64 { return 100 * float64(fav) / float64(n) })
		}
	case Single, Multiple:
		for _, o := range q.Options {
			k := 0
			for _, x := range as {
				if slices.Contains(x.a.Choices, o.ID) {
					k++
				}
			}
			qw.Distribution = append(qw.Distribution, cell(o.ID, o.Text, k))
		}
	}
	return qw
}

// obs is one person's value in a wave: an answer, or the mean of their
// headline answers; fav of items of them were favourable (Likert 4-5).
type obs struct {
	key        string
	v          float64
	fav, items int
}

func numericObs(q *Question, as []counted) []obs {
	out := make([]obs, len(as))
	for i, x := range as {
		out[i] = obs{key: x.r.Key, v: float64(x.a.Number)}
		if q.Type == Likert {
			out[i].items = 1
			if x.a.Number >= Favourable {
				out[i].fav = 1
			}
		}
	}
	return out
}

// headlineObs is, for each person of g in wave i, the mean of their
// answers to the headline items (at least one), on the Likert scale 1-5.
func (c *computation) headlineObs(i int, g groupKey) []obs {
	at := map[*Response]int{}
	var out []obs
	for _, id := range c.items {
		for _, x := range c.answers(i, id, g) {
			k, ok := at[x.r]
			if !ok {
				k = len(out)
				at[x.r] = k
				out = append(out, obs{key: x.r.Key})
			}
			o := &out[k]
			o.v += float64(x.a.Number) // the sum until the end
			o.items++
			if x.a.Number >= Favourable {
				o.fav++
			}
		}
	}
	for k := range out {
		out[k].v /= float64(out[k].items)
	}
	return out
}

// change lays out the change from before to after and returns its
// bootstrap as a task with a seed of its own, so that the figures do not
// depend on the order tasks run in.
func (c *computation) change(g groupKey, id string, before, after []obs) (*Change, func()) {
	ch := &Change{}
	h := fnv.New64a()
	for _, s := range []string{c.series, g.u, g.r, id} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	rng := rand.NewPCG(c.opt.Seed, h.Sum64())
	return ch, func() { *ch = computeChange(before, after, c.opt.Resamples, rng) }
}

// computeChange is the Change from before to after (see Change for which
// people it is over).
func computeChange(before, after []obs, resamples int, rng *rand.PCG) Change {
	byKey := func(a, b obs) int {
		switch {
		case a.key < b.key:
			return -1
		case a.key > b.key:
			return 1
		}
		return 0
	}
	slices.SortFunc(before, byKey)
	slices.SortFunc(after, byKey)
	var pb, pa []obs
	for _, a := range after {
		if i, ok := slices.BinarySearchFunc(before, a, byKey); ok {
			pb, pa = append(pb, before[i]), append(pa, a)
		}
	}
	ch := Change{Paired: len(pb) >= MinGroup && 2*len(pb) >= min(len(before), len(after))}
	if ch.Paired {
		before, after = pb, pa
	}
	ch.NBefore, ch.NAfter = count(len(before)), count(len(after))
	ch.EffectKind = "g"
	if ch.Paired {
		ch.EffectKind = "d_z"
	}
	if len(before) < MinGroup || len(after) < MinGroup {
		ch.Before, ch.After, ch.Percent, ch.Low, ch.High = withheld, withheld, withheld, withheld, withheld
		ch.Effect, ch.FavBefore, ch.FavAfter = withheld, withheld, withheld
		return ch
	}
	b, e := values(before), values(after)
	mb, me := mean(b), mean(e)
	ch.Before, ch.After = value(mb), value(me)
	if mb != 0 {
		ch.Percent = value(relChange(mb, me))
		if lo, hi, ok := bootstrapCI(b, e, ch.Paired, resamples, rng); ok {
			ch.Low, ch.High = value(lo), value(hi)
		}
	}
	if ch.Paired {
		ch.Effect = finite(cohenDz(b, e))
	} else {
		ch.Effect = finite(hedgesG(b, e))
	}
	ch.FavBefore, ch.FavAfter = favShare(before), favShare(after)
	return ch
}

func values(os []obs) []float64 {
	out := make([]float64, len(os))
	for i, o := range os {
		out[i] = o.v
	}
	return out
}

// favShare is the percent of favourable answers among the Likert answers
// of os; not applicable without Likert answers.
func favShare(os []obs) Figure {
	var fav, items int
	for _, o := range os {
		fav += o.fav
		items += o.items
	}
	if items == 0 {
		return Figure{}
	}
	return value(100 * float64(fav) / float64(items))
}

// kept counts the stored answers that do not count, per wave and question.
func kept(waves []*Survey, data [][]*Response) []Kept {
	var out []Kept
	for i, s := range waves {
		n := map[[2]string]int{}
		for _, r := range data[i] {
			for id, a := range r.Answers {
				if q := s.Question(id); q == nil {
					n[[2]string{id, "removed"}]++
				} else if a.Sig != q.Signature() {
					n[[2]string{id, "changed"}]++
				}
			}
			for id, as := range r.Stale {
				n[[2]string{id, "changed"}] += len(as)
			}
		}
		for k, v := range n {
			out = append(out, Kept{Wave: s.Wave, Question: k[0], Why: k[1], Answers: count(v)})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Wave != out[j].Wave {
			return waveOrder(out[i].Wave) < waveOrder(out[j].Wave)
		}
		return out[i].Question+out[i].Why < out[j].Question+out[j].Why
	})
	return out
}

// parallel runs tasks on every processor.
func parallel(tasks []func()) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(tasks)) {
		wg.Go(func() {
			for i := next.Add(1) - 1; i < int64(len(tasks)); i = next.Add(1) - 1 {
				tasks[i]()
			}
		})
	}
	wg.Wait()
}
