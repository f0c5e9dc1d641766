// Package knowledge loads the curated knowledge base (Markdown articles with
// YAML front matter), indexes it with bleve (BM25, per-language analyzers,
// typo tolerance, synonyms) and answers questions with a calibrated
// confidence: answer, suggest or none. It also renders articles as Telegram
// HTML, reloads the base when its folder changes, evaluates retrieval quality
// on question sets, and optionally asks an OpenAI-compatible LLM to write a
// cited answer from the retrieved articles.
//
// bleve and go-openai are used only inside this package.
package knowledge
