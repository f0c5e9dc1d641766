package knowledge

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"sort"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/aulabot/aulabot"
)

// ErrNoEmbeddings is returned when the LLM has no embedding model.
var ErrNoEmbeddings = errors.New("no embedding model configured")

// VectorCache stores article embeddings by content hash so that unchanged
// articles are not embedded again after a restart or reload.
type VectorCache interface {
	GetVector(hash string) ([]float32, bool)
	PutVector(hash string, v []float32) error
}

// VectorPruner is a VectorCache that can drop the vectors no base needs.
type VectorPruner interface {
	// PruneVectors removes every cached vector whose hash keep rejects,
	// in transactions of bounded size, and returns how many it removed.
	PruneVectors(keep func(hash string) bool) (int, error)
}

// PruneVectors removes from p the vectors of articles that are not in b
// (changed or deleted articles), so the cache does not grow with every
// edit. It returns how many it removed.
func PruneVectors(p VectorPruner, b *Base) (int, error) {
	keep := map[string]bool{}
	for _, a := range b.Articles() {
		keep[ContentHash(a)] = true
	}
	n, err := p.PruneVectors(func(h string) bool { return keep[h] })
	if err != nil {
		return n, fmt.Errorf("prune cached vectors: %w", err)
	}
	return n, nil
}

// ContentHash is the hex SHA-256 of the article text that gets embedded.
func ContentHash(a *Article) string {
	sum := sha256.Sum256([]byte(embedText(a)))
	return hex.EncodeToString(sum[:])
}

func embedText(a *Article) string {
	return a.Title + "\n" + a.Body
}

// Embed returns one vector per text, in order.
func (l *LLM) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	if l.embeddingModel == "" {
		return nil, ErrNoEmbeddings
	}
	ctx, cancel := context.WithTimeout(ctx, l.timeout)
	defer cancel()
	start := time.Now()
	resp, err := l.client.CreateEmbeddings(ctx, openai.EmbeddingRequest{
		Input: texts,
		Model: openai.EmbeddingModel(l.embeddingModel),
	})
	l.observe("embed", start, err, resp.Usage)
	if err != nil {
		return nil, fmt.Errorf("embed: %w", err)
	}
	out := make([][]float32, len(texts))
	for _, d := range resp.Data {
		if d.Index < 0 || d.Index >= len(out) {
			return nil, fmt.Errorf("embed: reply index %d out of range", d.Index)
		}
		out[d.Index] = d.Embedding
	}
	for i, v := range out {
		if v == nil {
			return nil, fmt.Errorf("embed: no vector for text %d", i)
		}
	}
	return out, nil
}

// RankByEmbedding orders arts by cosine similarity to question. Article
// vectors come from cache when present; the missing ones are embedded in one
// request and stored (a failing PutVector is ignored: the vector is only
// recomputed next time).
func (l *LLM) RankByEmbedding(ctx context.Context, question string, arts []*Article, cache VectorCache) ([]Hit, error) {
	vecs := make([][]float32, len(arts))
	hashes := make([]string, len(arts))
	var missing []int
	for i, a := range arts {
		hashes[i] = ContentHash(a)
		if cache != nil {
			if v, ok := cache.GetVector(hashes[i]); ok {
				vecs[i] = v
				continue
			}
		}
		missing = append(missing, i)
	}
	texts := []string{aulabot.MaskPersonal(question)} // leaves the process masked, as it is stored
	for _, i := range missing {
		texts = append(texts, embedText(arts[i]))
	}
	got, err := l.Embed(ctx, texts)
	if err != nil {
		return nil, err
	}
	q := got[0]
	for k, i := range missing {
		vecs[i] = got[k+1]
		if cache != nil {
			_ = cache.PutVector(hashes[i], vecs[i])
		}
	}
	hits := make([]Hit, len(arts))
	for i, a := range arts {
		hits[i] = Hit{Article: a, Score: cosine(q, vecs[i])}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].Score > hits[j].Score })
	return hits, nil
}

func cosine(a, b []float32) float64 {
	var dot, na, nb float64
	for i := range min(len(a), len(b)) {
		dot += float64(a[i]) * float64(b[i])
		na += float64(a[i]) * float64(a[i])
		nb += float64(b[i]) * float64(b[i])
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return dot / math.Sqrt(na*nb)
}

// RRFK is the usual constant of reciprocal rank fusion.
const RRFK = 60

// FuseRRF merges rankings (e.g. BM25 and embeddings) by reciprocal rank
// fusion: each article scores the sum of 1/(k+rank) over the rankings it
// appears in (rank from 1). k <= 0 means RRFK. Ties keep the order of
// first appearance.
func FuseRRF(k int, rankings ...[]Hit) []Hit {
	if k <= 0 {
		k = RRFK
	}
	score := map[string]float64{}
	var order []*Article
	for _, r := range rankings {
		for i, h := range r {
			if _, ok := score[h.Article.ID]; !ok {
				order = append(order, h.Article)
			}
			score[h.Article.ID] += 1 / float64(k+i+1)
		}
	}
	out := make([]Hit, len(order))
	for i, a := range order {
		out[i] = Hit{Article: a, Score: score[a.ID]}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	return out
}
