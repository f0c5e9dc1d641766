package handlers

import (
	"math"
	"strings"
	"testing"

	"github.com/aulabot/aulabot"
	"github.com/aulabot/aulabot/handlers/button"
)

// An article whose id is too long for a button with any question id gets
// no button (its title is still in the text), never a panic or data over
// 64 bytes; one that fits round-trips through the codec with the largest
// question id.
func TestKBButtons_ArticleIDs(t *testing.T) {
	codec := button.NewCodec(buttonKinds()...)
	fits := aulabot.KBArticle{ID: strings.Repeat("a", maxButtonArticle), Title: "Fits"}
	long := aulabot.KBArticle{ID: fits.ID + "a", Title: "Too long"}
	if rows := articleRow(long, true); rows != nil {
		t.Errorf("a too long id got buttons %v", rows)
	}
	rows := articleRow(fits, true)
	if len(rows) != 1 {
		t.Fatalf("rows %v, want one", rows)
	}
	data := rows[0][0].data(math.MaxUint64).Encode()
	v, err := codec.Decode(data)
	if b, ok := v.(kbArticleButton); err != nil || !ok || b.Article != fits.ID || b.Q != math.MaxUint64 || len(data) > button.MaxData {
		t.Errorf("Decode(%q) = %#v, %v", data, v, err)
	}
	if related := articleRow(fits, false)[0][0].data(42).(kbArticleButton); related.Q != 0 {
		t.Errorf("a related article's button carries question %d, want 0", related.Q)
	}
	if _, err := codec.Decode("kb:a:1:" + long.ID); err == nil {
		t.Error("a forged article id longer than any button carries was decoded")
	}
}
