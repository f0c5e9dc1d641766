package handlers

import (
	"context"
	"errors"
)

// TxStore is a database whose transactions are of type T. *store.Store is
// one, with T = *store.Tx.
type TxStore[T Tx] interface {
	Apply(ctx context.Context, updateID, offset int64, fn func(tx T) error) error
	View(fn func(tx T) error) error
}

// Adapt makes a Store of s; dup is the error s returns for an update
// applied before.
func Adapt[T Tx](s TxStore[T], dup error) Store { return adapted[T]{s: s, dup: dup} }

type adapted[T Tx] struct {
	s   TxStore[T]
	dup error
}

func (a adapted[T]) Apply(ctx context.Context, id, off int64, fn func(tx Tx) error) error {
	return a.s.Apply(ctx, id, off, func(tx T) error { return fn(tx) })
}

func (a adapted[T]) View(fn func(tx Tx) error) error {
	return a.s.View(func(tx T) error { return fn(tx) })
}

func (a adapted[T]) IsDuplicate(err error) bool { return errors.Is(err, a.dup) }
