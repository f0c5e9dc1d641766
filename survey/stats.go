package survey

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
)

// MinGroup is the fewest responses a figure may be made from: a smaller
// one is withheld and shown as "fewer than 5".
const MinGroup = 5

// FewerThan is what a withheld figure says.
const FewerThan = "fewer than 5"

// Figure is one number of the results: a value, withheld (made from fewer
// than MinGroup responses), or not applicable (a mean of a baseline of
// zero, an effect size with no spread).
type Figure struct {
	v     float64
	state uint8
}

const (
	figNA = iota
	figValue
	figWithheld
)

func value(v float64) Figure { return Figure{v: v, state: figValue} }

var withheld = Figure{state: figWithheld}

// gate is f() when made from n responses, n at least MinGroup, else
// withheld.
func gate(n int, f func() float64) Figure {
	if n < MinGroup {
		return withheld
	}
	return value(f())
}

// count is n as a figure: withheld below MinGroup.
func count(n int) Figure { return gate(n, func() float64 { return float64(n) }) }

// finite is v, or not applicable for an infinity or NaN.
func finite(v float64) Figure {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return Figure{}
	}
	return value(v)
}

// Value returns the figure's value, or false if it is withheld or not
// applicable.
func (f Figure) Value() (float64, bool) { return f.v, f.state == figValue }

// Withheld reports whether the figure was made from too few responses.
func (f Figure) Withheld() bool { return f.state == figWithheld }

// Format renders the figure with the given decimals: the number,
// FewerThan, or "n/a".
func (f Figure) Format(decimals int) string {
	switch f.state {
	case figValue:
		return strconv.FormatFloat(f.v, 'f', decimals, 64)
	case figWithheld:
		return FewerThan
	}
	return "n/a"
}

// MarshalJSON writes a number, "fewer than 5", or null.
func (f Figure) MarshalJSON() ([]byte, error) {
	switch f.state {
	case figValue:
		return json.Marshal(f.v)
	case figWithheld:
		return json.Marshal(FewerThan)
	}
	return []byte("null"), nil
}

// UnmarshalJSON reads what MarshalJSON writes.
func (f *Figure) UnmarshalJSON(b []byte) error {
	switch s := string(b); {
	case s == "null":
		*f = Figure{}
	case s == strconv.Quote(FewerThan):
		*f = withheld
	default:
		var v float64
		if err := json.Unmarshal(b, &v); err != nil {
			return fmt.Errorf("figure %s: %w", s, err)
		}
		*f = value(v)
	}
	return nil
}

func mean(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// variance is the sample variance (n-1).
func variance(xs []float64) float64 {
	m := mean(xs)
	var s float64
	for _, x := range xs {
		s += (x - m) * (x - m)
	}
	return s / float64(len(xs)-1)
}

// relChange is the change from before to after, in percent of before.
func relChange(before, after float64) float64 { return (after - before) / before * 100 }

// cohenDz is the paired effect size: the mean difference over the
// standard deviation of the differences.
func cohenDz(b, e []float64) float64 {
	d := make([]float64, len(b))
	for i := range b {
		d[i] = e[i] - b[i]
	}
	return mean(d) / math.Sqrt(variance(d))
}

// hedgesG is the unpaired effect size: the difference of the means over
// the pooled standard deviation, corrected for small samples
// (J = 1 - 3/(4(n1+n2)-9)).
func hedgesG(b, e []float64) float64 {
	n1, n2 := float64(len(b)), float64(len(e))
	pooled := math.Sqrt(((n1-1)*variance(b) + (n2-1)*variance(e)) / (n1 + n2 - 2))
	return (mean(e) - mean(b)) / pooled * (1 - 3/(4*(n1+n2)-9))
}

// bootstrapCI is the 95 % percentile interval of the relative change of
// the mean over resamples drawn with replacement from rng: pairs together
// when paired (b[i] and e[i] are one person), each wave on its own
// otherwise. Resamples whose baseline mean is zero have no relative
// change and are left out. The interval's ends are the order statistics
// at 2.5 % and 97.5 % of the resamples kept (indices k and m-1-k with
// k = m*25/1000).
func bootstrapCI(b, e []float64, paired bool, resamples int, rng *rand.PCG) (lo, hi float64, ok bool) {
	stats := make([]float64, 0, resamples)
	for range resamples {
		var sb, se float64
		if paired {
			sb, se = resample2(rng, b, e)
		} else {
			sb, _ = resample2(rng, b, nil)
			se, _ = resample2(rng, e, nil)
		}
		mb, me := sb/float64(len(b)), se/float64(len(e))
		if mb != 0 {
			stats = append(stats, relChange(mb, me))
		}
	}
	if len(stats) == 0 {
		return 0, 0, false
	}
	slices.Sort(stats)
	k := len(stats) * 25 / 1000
	return stats[k], stats[len(stats)-1-k], true
}

// resample2 draws len(x) indices with replacement and returns the sums of
// x and of y (if y is not nil) at them. Each 64-bit draw gives two
// indices of 32 bits, i = r*n >> 32 (a bias of n/2^32 at most: under one
// in a million for n = 3,000).
func resample2(rng *rand.PCG, x, y []float64) (sx, sy float64) {
	n := uint64(len(x))
	at := func(r uint64) uint64 { return (r & 0xffffffff) * n >> 32 }
	for k := uint64(0); k < n; k += 2 {
		r := rng.Uint64()
		i := at(r)
		sx += x[i]
		if y != nil {
			sy += y[i]
		}
		if k+1 < n {
			j := at(r >> 32)
			sx += x[j]
			if y != nil {
				sy += y[j]
			}
		}
	}
	return sx, sy
}
