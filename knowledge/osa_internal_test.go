package knowledge

import "testing"

// osaTable is the optimal string alignment distance with its whole table,
// as osaDistance computed it before it kept three rows.
func osaTable(a, b []rune) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

func TestOSADistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"", "abc", 3}, {"abc", "", 3}, {"moodle", "moodle", 0},
		{"modle", "moodle", 1}, {"moodel", "moodle", 1}, {"ca", "abc", 3},
		{"contraseña", "contrasena", 1}, {"matrícula", "matricula", 1},
		{"una palabra de más de treinta y dos letras", "una palabra de mas de treinta y dos letra", 2},
	} {
		if got := osaDistance([]rune(c.a), []rune(c.b)); got != c.want {
			t.Errorf("osaDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

func FuzzOSADistance(f *testing.F) {
	f.Add("ghandi", "gandhi")
	f.Add("teh", "the")
	f.Add("", "x")
	f.Fuzz(func(t *testing.T, a, b string) {
		ra, rb := []rune(a), []rune(b)
		if got, want := osaDistance(ra, rb), osaTable(ra, rb); got != want {
			t.Fatalf("osaDistance(%q, %q) = %d, want %d", a, b, got, want)
		}
	})
}

func TestOSADistance_NoAllocation(t *testing.T) {
	a, b := []rune("contraseña"), []rune("contrasena")
	if n := testing.AllocsPerRun(100, func() { osaDistance(a, b) }); n != 0 {
		t.Errorf("osaDistance of two words allocates %v times, want 0", n)
	}
}
