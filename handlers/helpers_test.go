package handlers_test

import "github.com/aulabot/aulabot/store"

type storeTx = store.Tx
