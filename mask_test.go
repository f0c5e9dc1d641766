package aulabot

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestMaskPersonal(t *testing.T) {
	tests := []struct{ in, want string }{
		{"mi correo es juan.perez+tareas@unma.edu.pe y no llega", "mi correo es " + MaskedEmail + " y no llega"},
		{"escríbeme a maría_lópez@correo.pe", "escríbeme a " + MaskedEmail},
		{"mi DNI es 45871236 y no puedo entrar", "mi DNI es " + MaskedNumber + " y no puedo entrar"},
		{"llámame al +51 987 654 321 por favor", "llámame al " + MaskedNumber + " por favor"},
		{"mi celular 987-654-321", "mi celular " + MaskedNumber},
		{"teléfono (054) 123456", "teléfono " + MaskedNumber},
		{"código 20231234A", "código " + MaskedNumber + "A"},
		{"tarjeta 4111 1111 1111 1111", "tarjeta " + MaskedNumber},
		{"escríbele a @juanperez por Telegram", "escríbele a " + MaskedUsername + " por Telegram"},
		// Not identifying: kept as typed.
		{"error 404 al subir la tarea", "error 404 al subir la tarea"},
		{"el examen del 10/03/2026 a las 10:30", "el examen del 10/03/2026 a las 10:30"},
		{"la entrega es el 2026-03-10", "la entrega es el 2026-03-10"},
		{"curso 101, aula 12, año 2026", "curso 101, aula 12, año 2026"},
		{"versión 4.1.2 de Moodle", "versión 4.1.2 de Moodle"},
		{"12345 puntos", "12345 puntos"},
		{"correo@ sin dominio", "correo@ sin dominio"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := MaskPersonal(tt.in); got != tt.want {
			t.Errorf("MaskPersonal(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzMaskPersonal(f *testing.F) {
	for _, s := range []string{"juan@unma.edu.pe", "+51 987 654 321", "DNI 45871236", "2026-03-10", "@usuario", "(054) 123456", "1-2-3-4-5-6-7", "\xff12345678"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := MaskPersonal(s)
		if !utf8.ValidString(got) {
			t.Fatalf("MaskPersonal(%q) = %q: invalid UTF-8", s, got)
		}
		if MaskPersonal(got) != got {
			t.Fatalf("MaskPersonal is not idempotent on %q: %q then %q", s, got, MaskPersonal(got))
		}
		// No run of digits long enough to be an id survives.
		run := 0
		for _, r := range got {
			if r >= '0' && r <= '9' {
				if run++; run >= minDigitRun {
					t.Fatalf("MaskPersonal(%q) = %q keeps %d digits in a row", s, got, run)
				}
			} else {
				run = 0
			}
		}
		if strings.Count(got, "@") > strings.Count(got, MaskedEmail)+strings.Count(got, MaskedUsername) && emailRe.MatchString(got) {
			t.Fatalf("MaskPersonal(%q) = %q keeps an e-mail address", s, got)
		}
	})
}

// BenchmarkMaskPersonal: a question as most are (nothing to mask) and one
// with an e-mail address and a phone number. AddQuestion runs it inside
// the write transaction.
func BenchmarkMaskPersonal(b *testing.B) {
	for name, s := range map[string]string{
		"plain":    "no puedo subir mi tarea al aula virtual, me sale error 404",
		"personal": "soy ana.perez@unma.edu.pe, mi celular es 987 654 321 y no puedo entrar",
	} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				MaskPersonal(s)
			}
		})
	}
}
