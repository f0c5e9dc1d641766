package knowledge

import (
	"html"
	"net/url"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

var markdown = goldmark.New(goldmark.WithExtensions(extension.Strikethrough))

// RenderHTML converts article Markdown to the HTML subset that Telegram's
// HTML parse mode accepts: b, i, s, code, pre, a href and blockquote.
// Headings become bold lines, list items "• " or "1. " lines. All text and
// attributes are escaped; raw HTML in the Markdown is dropped; links are kept
// only for http, https and tg URLs (others become plain text).
func RenderHTML(md string) string {
	src := []byte(md)
	doc := markdown.Parser().Parse(text.NewReader(src))
	r := &tgRenderer{src: src}
	r.blocks(doc, "")
	return strings.TrimSpace(r.sb.String())
}

type tgRenderer struct {
	src []byte
	sb  strings.Builder
}

// blocks renders the block children of n, separated by blank lines; indent
// prefixes nested list lines.
func (r *tgRenderer) blocks(n ast.Node, indent string) {
	first := true
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() == ast.KindHTMLBlock {
			continue
		}
		if !first {
			r.sb.WriteString("\n\n")
		}
		first = false
		r.block(c, indent)
	}
}

func (r *tgRenderer) block(n ast.Node, indent string) {
	switch n := n.(type) {
	case *ast.Heading:
		r.sb.WriteString("<b>")
		r.inlines(n)
		r.sb.WriteString("</b>")
	case *ast.Paragraph, *ast.TextBlock:
		r.inlines(n)
	case *ast.ThematicBreak:
		r.sb.WriteString("———")
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		r.sb.WriteString("<pre>")
		lines := n.Lines()
		var code strings.Builder
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			code.Write(seg.Value(r.src))
		}
		r.sb.WriteString(html.EscapeString(strings.TrimRight(code.String(), "\n")))
		r.sb.WriteString("</pre>")
	case *ast.Blockquote:
		r.sb.WriteString("<blockquote>")
		r.blocks(n, "")
		r.sb.WriteString("</blockquote>")
	case *ast.List:
		num := n.Start
		i := 0
		for item := n.FirstChild(); item != nil; item = item.NextSibling() {
			if i > 0 {
				r.sb.WriteString("\n")
			}
			r.sb.WriteString(indent)
			if n.IsOrdered() {
				r.sb.WriteString(strconv.Itoa(num+i) + ". ")
			} else {
				r.sb.WriteString("• ")
			}
			r.listItem(item, indent+"   ")
			i++
		}
	default:
		if n.Type() == ast.TypeInline {
			r.inline(n)
		} else {
			r.blocks(n, indent)
		}
	}
}

// listItem renders an item's paragraphs on one line each and nested lists
// below, indented.
func (r *tgRenderer) listItem(item ast.Node, indent string) {
	first := true
	for c := item.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() == ast.KindHTMLBlock {
			continue
		}
		if !first {
			r.sb.WriteString("\n")
			if c.Kind() != ast.KindList {
				r.sb.WriteString(indent)
			}
		}
		first = false
		r.block(c, indent)
	}
}

func (r *tgRenderer) inlines(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		r.inline(c)
	}
}

func (r *tgRenderer) inline(n ast.Node) {
	switch n := n.(type) {
	case *ast.Text:
		r.sb.WriteString(html.EscapeString(string(n.Segment.Value(r.src))))
		switch {
		case n.HardLineBreak():
			r.sb.WriteString("\n")
		case n.SoftLineBreak():
			r.sb.WriteString(" ")
		}
	case *ast.String:
		r.sb.WriteString(html.EscapeString(string(n.Value)))
	case *ast.CodeSpan:
		r.sb.WriteString("<code>")
		r.inlines(n)
		r.sb.WriteString("</code>")
	case *ast.Emphasis:
		tag := "i"
		if n.Level >= 2 {
			tag = "b"
		}
		r.sb.WriteString("<" + tag + ">")
		r.inlines(n)
		r.sb.WriteString("</" + tag + ">")
	case *east.Strikethrough:
		r.sb.WriteString("<s>")
		r.inlines(n)
		r.sb.WriteString("</s>")
	case *ast.Link:
		r.link(string(n.Destination), func() { r.inlines(n) })
	case *ast.Image:
		r.link(string(n.Destination), func() { r.inlines(n) })
	case *ast.AutoLink:
		u := string(n.URL(r.src))
		r.link(u, func() { r.sb.WriteString(html.EscapeString(u)) })
	case *ast.RawHTML:
		// dropped: only the tags this renderer writes reach Telegram
	default:
		r.inlines(n)
	}
}

func (r *tgRenderer) link(dest string, label func()) {
	if !safeURL(dest) {
		label()
		return
	}
	r.sb.WriteString(`<a href="` + html.EscapeString(dest) + `">`)
	label()
	r.sb.WriteString("</a>")
}

// safeURL accepts absolute http, https and tg URLs only.
func safeURL(s string) bool {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		return u.Host != ""
	case "tg":
		return true
	}
	return false
}
