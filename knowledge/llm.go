package knowledge

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// ErrBadCitation is returned by LLM.Answer when the model's answer cites no
// retrieved article, or cites one that does not exist. The caller shows the
// retrieved article instead.
var ErrBadCitation = errors.New("llm answer has no valid citation")

// DefaultLLMTimeout bounds one LLM call when NewLLM is given no timeout.
const DefaultLLMTimeout = 20 * time.Second

// Defaults for an unset model name.
const (
	DefaultChatModel = "gpt-4o-mini"
	maxPromptHits    = 4    // articles given to the model
	maxPromptBody    = 4000 // bytes of each article body in the prompt
)

// LLM writes answers from retrieved articles with an OpenAI-compatible
// server (OpenAI, Azure, Ollama, vLLM), and optionally embeds texts.
type LLM struct {
	client         *openai.Client
	model          string
	embeddingModel string
	timeout        time.Duration
}

// NewLLM configures a client. baseURL "" means OpenAI's; model "" means
// DefaultChatModel; embeddingModel "" disables embeddings; timeout 0 means
// DefaultLLMTimeout.
func NewLLM(apiKey, baseURL, model, embeddingModel string, timeout time.Duration) *LLM {
	cfg := openai.DefaultConfig(apiKey)
	if baseURL != "" {
		cfg.BaseURL = strings.TrimRight(baseURL, "/")
	}
	if model == "" {
		model = DefaultChatModel
	}
	if timeout <= 0 {
		timeout = DefaultLLMTimeout
	}
	return &LLM{client: openai.NewClientWithConfig(cfg), model: model, embeddingModel: embeddingModel, timeout: timeout}
}

// Answer is an LLM-written reply. Text is plain text (escape it before
// sending as HTML); it cites sources as [k]. Sources are the articles the
// text cites, in citation order.
type Answer struct {
	Text    string
	Sources []*Article
}

var citationRe = regexp.MustCompile(`\[(\d+)\]`)

var answerLanguage = map[string]string{"es": "Spanish", "en": "English"}

// Answer asks the model to answer question from the first hits only,
// numbered [1]..[n], in lang ("es" or "en"). It returns ErrBadCitation when
// the reply cites nothing or cites a number outside 1..n, and a wrapped error
// when the server fails or the timeout passes.
func (l *LLM) Answer(ctx context.Context, question, lang string, hits []Hit) (Answer, error) {
	if len(hits) == 0 {
		return Answer{}, fmt.Errorf("llm answer: no articles to answer from")
	}
	hits = hits[:min(len(hits), maxPromptHits)]
	language, ok := answerLanguage[lang]
	if !ok {
		language = "the language of the question"
	}
	var sb strings.Builder
	for i, h := range hits {
		body := h.Article.Body
		if len(body) > maxPromptBody {
			body = strings.ToValidUTF8(body[:maxPromptBody], "")
		}
		fmt.Fprintf(&sb, "[%d] %s\n%s\n\n", i+1, h.Article.Title, body)
	}
	system := "You help university teachers and students. Answer ONLY from the numbered articles below. " +
		"Cite every statement with the article number in square brackets, e.g. [1]. " +
		"If the articles do not answer the question, say so briefly. Be short: a few sentences or a short list. " +
		"Answer in " + language + ". Plain text, no Markdown.\n\n" + sb.String()
	ctx, cancel := context.WithTimeout(ctx, l.timeout)
	defer cancel()
	resp, err := l.client.CreateChatCompletion(ctx, openai.ChatCompletionRequest{
		Model: l.model,
		Messages: []openai.ChatCompletionMessage{
			{Role: openai.ChatMessageRoleSystem, Content: system},
			{Role: openai.ChatMessageRoleUser, Content: question},
		},
		Temperature: 0.2,
	})
	if err != nil {
		return Answer{}, fmt.Errorf("llm answer: %w", err)
	}
	if len(resp.Choices) == 0 {
		return Answer{}, fmt.Errorf("llm answer: empty reply: %w", ErrBadCitation)
	}
	text := strings.TrimSpace(resp.Choices[0].Message.Content)
	cited, err := citations(text, len(hits))
	if err != nil {
		return Answer{}, err
	}
	a := Answer{Text: text}
	for _, k := range cited {
		a.Sources = append(a.Sources, hits[k-1].Article)
	}
	return a, nil
}

// citations returns the distinct [k] numbers in text in order of first use.
func citations(text string, n int) ([]int, error) {
	var out []int
	seen := map[int]bool{}
	for _, m := range citationRe.FindAllStringSubmatch(text, -1) {
		k, err := strconv.Atoi(m[1])
		if err != nil || k < 1 || k > n {
			return nil, fmt.Errorf("%w: [%s] is not one of 1..%d", ErrBadCitation, m[1], n)
		}
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w: no [k] in the reply", ErrBadCitation)
	}
	return out, nil
}
