package knowledge

import (
	"fmt"
	"testing"

	"github.com/blevesearch/bleve/v2/mapping"
)

func TestScratch(t *testing.T) {
	im := mapping.NewIndexMapping()
	if err := addAnalyzers(im); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"es", "en"} {
		a := im.AnalyzerNamed(stemAnalyzer(lang))
		for _, s := range []string{"evaluación evaluacion evaluaciones matrícula matricula inscripción inscripcion tiene estado niños ninos años anos ¿Cómo entrego tareas? Panthers' defense surrendered capturas derribos conseguido"} {
			for _, tk := range a.Analyze([]byte(s)) {
				fmt.Printf("%s[%d:%d] ", tk.Term, tk.Start, tk.End)
			}
			fmt.Println()
		}
	}
}
