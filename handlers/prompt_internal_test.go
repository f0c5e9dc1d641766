package handlers

import (
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/button"
)

// A link or an article outlasts its step; a message whose only buttons
// do is no step's prompt (taking its buttons off would change nothing).
func TestPrompt_LastingButtons(t *testing.T) {
	h := &Handlers{buttons: button.NewCodec(buttonKinds()...)}
	article := aulabot.Button{Text: "📄 Password", Data: kbArticleButton{Article: "password"}.Encode()}
	link := aulabot.Button{Text: "Sign up", URL: "https://aula.example.edu/x"}
	still := aulabot.Button{Text: "🆘 I still need help", Data: "tk:kb:still"}
	if h.stepButtons([][]aulabot.Button{{article}, {link}}) {
		t.Error("an article and a link taken for a step's buttons")
	}
	if !h.stepButtons([][]aulabot.Button{{article}, {still}}) {
		t.Error("I still need help not taken for a step's button")
	}
	if keep := h.lastingRows([][]aulabot.Button{{article}, {still, link}, {link}}); len(keep) != 2 || keep[0][0] != article || keep[1][0] != link {
		t.Errorf("rows kept %v, want the article's and the link's (a row with a step's button goes)", keep)
	}
}
