package bot

import "container/heap"

// inflight is the set of update ids dispatched and not finished yet, with
// the highest id seen, so that the polling offset below which every update
// has finished is known at any time.
type inflight struct {
	count   map[int64]int
	n       int    // updates in flight
	ids     idHeap // lowest first; may hold finished ids until they surface
	maxSeen int64
	any     bool
}

// seen records that id was received (dispatched or dropped).
func (f *inflight) seen(id int64) {
	if !f.any || id > f.maxSeen {
		f.maxSeen = id
	}
	f.any = true
}

// add records that id is in flight.
func (f *inflight) add(id int64) {
	if f.count == nil {
		f.count = map[int64]int{}
	}
	f.count[id]++
	f.n++
	heap.Push(&f.ids, id)
}

// done records that id finished.
func (f *inflight) done(id int64) {
	f.n--
	if n := f.count[id] - 1; n > 0 {
		f.count[id] = n
	} else {
		delete(f.count, id)
	}
	f.drop()
}

// drop pops finished ids off the top of the heap.
func (f *inflight) drop() {
	for len(f.ids) > 0 && f.count[f.ids[0]] == 0 {
		heap.Pop(&f.ids)
	}
}

// safe is the offset below which every update has finished, counting
// except (an update in flight, or 0) as finished: the offset that may be
// stored together with except's effects. It is 0 before the first update.
func (f *inflight) safe(except int64) int64 {
	if !f.any {
		return 0
	}
	if n := f.count[except]; except != 0 && n > 0 {
		f.done(except)
		defer f.add(except)
	}
	f.drop()
	if len(f.ids) > 0 {
		return f.ids[0]
	}
	return f.maxSeen + 1
}

type idHeap []int64

func (h idHeap) Len() int           { return len(h) }
func (h idHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h idHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *idHeap) Push(x any)        { *h = append(*h, x.(int64)) }
func (h *idHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// fifo is a first-in first-out queue.
type fifo[T any] struct {
	items []T
	head  int
}

func (q *fifo[T]) len() int { return len(q.items) - q.head }

func (q *fifo[T]) push(v T) { q.items = append(q.items, v) }

func (q *fifo[T]) pop() (T, bool) {
	var zero T
	if q.head == len(q.items) {
		return zero, false
	}
	v := q.items[q.head]
	q.items[q.head] = zero
	q.head++
	switch {
	case q.head == len(q.items):
		q.items, q.head = q.items[:0], 0
	case q.head >= 64 && 2*q.head >= len(q.items):
		n := copy(q.items, q.items[q.head:])
		clear(q.items[n:])
		q.items, q.head = q.items[:n], 0
	}
	return v, true
}
