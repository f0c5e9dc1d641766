package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/aulabot/aulabot/knowledge"
)

// kbSource says where the knowledge base is: a folder, or the built-in one.
func (m *Main) kbSource() (fs.FS, string, string) {
	dir := m.Settings.KBDir
	if dir == "" {
		dir = m.Config.KnowledgeDir()
	}
	if dir == "" {
		return knowledge.Builtin(), ".", ""
	}
	return os.DirFS(dir), ".", dir
}

// openKnowledge loads the knowledge base into the handlers and, for a
// folder, watches it for changes.
func (m *Main) openKnowledge(ctx context.Context) error {
	fsys, root, dir := m.kbSource()
	// Each load reads the articles coordinators added from /gaps from the
	// store as they are then (the library loads one at a time), so that
	// neither a start, nor a /reload, nor a change in the folder builds a
	// base without them.
	lib := knowledge.NewLibrary(func() (*knowledge.Base, []knowledge.Problem, error) {
		added, err := storedAdded(m.Store)
		if err != nil {
			return nil, nil, err
		}
		if dir == "" && m.loadBuiltin != nil && len(added) == 0 {
			return m.loadBuiltin()
		}
		return knowledge.Load(fsys, root, added...)
	})
	var llm *knowledge.LLM
	if s := m.Settings; s.OpenAIKey != "" {
		llm = knowledge.NewLLM(s.OpenAIKey, s.OpenAIBaseURL, s.OpenAIModel, s.EmbedModel, s.LLMTimeout)
		llm.Observer = newLLMObserver(m.Metrics.Registry, m.Log)
		if s.TranscribeModel != "" {
			llm.TranscribeModel = s.TranscribeModel
			m.Handlers.Voice = llm
		}
	}
	// The service first: it prunes cached vectors after every load.
	kb := knowledge.NewService(lib, llm, m.Settings.EmbedModel != "", m.Store)
	// Each base loaded is warmed in the background (knowledge.Base.Warm),
	// so that the first person answered with an article does not wait
	// for what is computed once for it; a newer base stops the warming
	// of the one it replaces. Then the memory is tuned (tuneMemory), so
	// that what loading and warming left free goes back to the system.
	stopWarm := context.CancelFunc(func() {})
	lib.OnSwap(func(b *knowledge.Base) {
		stopWarm()
		ctx, cancel := context.WithCancel(m.clientCtx)
		stopWarm = cancel
		go func() {
			start := time.Now()
			if !b.Warm(ctx) {
				return
			}
			m.Log.Debug("knowledge base warmed", "took", time.Since(start))
			if m.TuneMemory {
				m.Log.Debug("memory limit", "bytes", tuneMemory(os.Getenv))
			}
			if m.afterWarm != nil {
				m.afterWarm(b)
			}
		}()
	})
	if probs, err := lib.Reload(); err != nil {
		var b strings.Builder
		for _, p := range probs[:min(len(probs), 20)] {
			b.WriteString("\n  " + p.String())
		}
		where := dir
		if where == "" {
			where = "built-in knowledge base"
		}
		return fmt.Errorf("knowledge base %s: %w%s", where, err, b.String())
	}
	if err := loadAliases(m.Store, kb); err != nil {
		return err
	}
	m.Handlers.Knowledge = kb
	if dir != "" {
		go func() {
			err := lib.Watch(m.clientCtx, dir, func(probs []knowledge.Problem, err error) {
				if err != nil {
					m.Log.Warn("knowledge base changed but has problems; the previous version stays", "problems", len(probs), "err", err)
					for _, p := range probs {
						m.Log.Warn("knowledge base problem", "at", p.String())
					}
					return
				}
				m.Log.Info("knowledge base reloaded", "dir", dir)
			})
			if err != nil && !errors.Is(err, context.Canceled) {
				m.Log.Warn("cannot watch the knowledge base; use /reload", "err", err)
			}
		}()
	}
	return nil
}
