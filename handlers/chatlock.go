package handlers

import "sync"

// chatLocks is a mutex per chat, kept only while someone holds or waits
// for it: updates of different chats never wait for each other, and an
// idle chat costs nothing.
type chatLocks struct {
	mu    sync.Mutex
	chats map[int64]*chatLock
}

type chatLock struct {
	sync.Mutex
	users int // holding or waiting
}

// lock waits until no other update of chat is being handled, and returns
// the function that lets the next one in.
func (l *chatLocks) lock(chat int64) (unlock func()) {
	l.mu.Lock()
	if l.chats == nil {
		l.chats = make(map[int64]*chatLock)
	}
	c := l.chats[chat]
	if c == nil {
		c = &chatLock{}
		l.chats[chat] = c
	}
	c.users++
	l.mu.Unlock()
	c.Lock()
	return func() {
		c.Unlock()
		l.mu.Lock()
		if c.users--; c.users == 0 {
			delete(l.chats, chat)
		}
		l.mu.Unlock()
	}
}
