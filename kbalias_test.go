package aulabot

import "testing"

func TestAliasKey(t *testing.T) {
	for in, want := range map[string]string{
		"¿Cómo entrego la TAREA?":    "como entrego la tarea",
		"  como   entrego la tarea ": "como entrego la tarea",
		"¡¡¡":                        "",
		"Año 2026, señal":            "ano 2026 senal",
	} {
		if got := AliasKey(in); got != want {
			t.Errorf("AliasKey(%q) = %q, want %q", in, got, want)
		}
	}
}
