package knowledge

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/aulabot/aulabot"
)

// Why an LLM reply is not shown (the caller shows the retrieved articles
// instead). FallbackReason names each for logs and metrics.
var (
	// ErrBadCitation: the reply cites no retrieved article, or one that
	// does not exist.
	ErrBadCitation = errors.New("llm answer has no valid citation")
	// ErrUngrounded: a sentence of the reply cites nothing, or shares no
	// content word with the articles it cites, or the reply has a link,
	// e-mail address or phone number that no article has.
	ErrUngrounded = errors.New("llm answer is not grounded in the articles")
	// ErrWrongLanguage: the reply is not in the question's language.
	ErrWrongLanguage = errors.New("llm answer is in the other language")
	// ErrNotCovered: the model says the articles do not answer the question.
	ErrNotCovered = errors.New("llm says the articles do not answer")
)

// DefaultLLMTimeout bounds one whole answer (embeddings and generation
// together) when NewLLM is given no timeout.
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
	server         string
	// Observer, if set, is told of every request to the server.
	Observer Observer
	// TranscribeModel is the model voice notes are transcribed with
	// (Transcribe); "" means none.
	TranscribeModel string
}

// NewLLM configures a client. baseURL "" means OpenAI's; model "" means
// DefaultChatModel; embeddingModel "" disables embeddings; timeout 0 means
// DefaultLLMTimeout. The timeout bounds one answer (Service.Deadline) and,
// for a caller that sets no deadline, each request.
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
	return &LLM{client: openai.NewClientWithConfig(cfg), model: model, embeddingModel: embeddingModel,
		timeout: timeout, server: serverName(cfg.BaseURL)}
}

// Answer is an LLM-written reply. Text is plain text (escape it before
// sending as HTML); it cites sources as [k]. Sources are the articles the
// text cites, in citation order.
type Answer struct {
	Text    string
	Sources []*Article
}

// Answer asks the model to answer question from the first hits only,
// numbered [1]..[n], in lang ("es" or "en"); unsure says the search was
// not sure, so the articles may not answer at all. The reply is checked
// (checkReply): ErrNotCovered, ErrBadCitation, ErrUngrounded or
// ErrWrongLanguage say why it is not used; a server failure or the end of
// ctx give a wrapped error.
func (l *LLM) Answer(ctx context.Context, question, lang string, unsure bool, hits []Hit) (Answer, error) {
	if len(hits) == 0 {
		return Answer{}, fmt.Errorf("llm answer: no articles to answer from")
	}
	hits = hits[:min(len(hits), maxPromptHits)]
	if err := ctx.Err(); err != nil {
		return Answer{}, fmt.Errorf("llm answer: %w", err) // the answer's deadline passed while searching
	}
	ctx, cancel := context.WithTimeout(ctx, l.timeout)
	defer cancel()
	start := time.Now()
	resp, err := l.client.CreateChatCompletion(ctx, openai.ChatCompletionRequest{
		Model: l.model,
		Messages: []openai.ChatCompletionMessage{
			{Role: openai.ChatMessageRoleSystem, Content: systemPrompt(lang, unsure, hits)},
			{Role: openai.ChatMessageRoleUser, Content: userPrompt(aulabot.MaskPersonal(question))},
		},
		Temperature: 0.2,
	})
	l.observe("chat", start, err, resp.Usage)
	if err != nil {
		return Answer{}, fmt.Errorf("llm answer: %w", err)
	}
	if len(resp.Choices) == 0 {
		return Answer{}, fmt.Errorf("llm answer: empty reply: %w", ErrBadCitation)
	}
	text := strings.TrimSpace(resp.Choices[0].Message.Content)
	cited, err := checkReply(text, lang, hits)
	if err != nil {
		return Answer{}, err
	}
	a := Answer{Text: text}
	for _, k := range cited {
		a.Sources = append(a.Sources, hits[k-1].Article)
	}
	return a, nil
}

func (l *LLM) observe(kind string, start time.Time, err error, u openai.Usage) {
	if l.Observer != nil {
		l.Observer.Request(kind, time.Since(start), err, u.PromptTokens, u.CompletionTokens)
	}
}

// Server is the host the LLM sends questions to (for the privacy notice).
func (l *LLM) Server() string { return l.server }

// serverName is the host of a base URL ("api.openai.com" for OpenAI's).
func serverName(baseURL string) string {
	s := baseURL
	if _, rest, ok := strings.Cut(s, "://"); ok {
		s = rest
	}
	s, _, _ = strings.Cut(s, "/")
	if _, host, ok := strings.Cut(s, "@"); ok {
		s = host // never show credentials in a URL
	}
	return s
}
