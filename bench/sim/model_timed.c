/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/sim/model_timed.c: the coherence model in virtual time, for a loop
 * in which every CPU runs all the time (model.h, model_timed_start()).
 *
 * Each CPU always has one operation in flight. The pool runs the operation
 * at once when it starts (so the simulation's state stays that of one
 * order of operations), and the model keeps its accesses, with the slot
 * array's lines moved to where the pool marked its slot walk (inside the
 * area lock). Its visits (runs of accesses to one line) are spread evenly
 * over its duration d: visit v of n at start + v x d / n, plus the stalls
 * before it; a visit's accesses happen together. The directory takes
 * every CPU's accesses in time order: two CPUs' operations overlap, and a
 * line one of them holds from its lock to its unlock can be taken by the
 * other in between. An access that needs a transfer asks for the line and
 * stalls its CPU for the transfer's latency, after the line's earlier
 * transfers (one line moves one transfer at a time). The request reaches
 * the holders half-way (REQUEST_LEG): from then on they have lost the
 * line, or hold it only shared, and their next access to it (their next
 * write) misses too; the line changes hands in the directory when it
 * arrives. The CPU whose operation ends first starts the next one;
 * operations last half the uncontended pair, with jitter().
 */
#include <stdlib.h>

#include "bench/sim/model_int.h"
#include "bench/sim/model_trace.h"

struct model_cpu_op {
	uint64_t *keys;
	unsigned char *kinds;
	unsigned int *step;  /* access i happens at step[i] x dt */
	size_t n, cap, next; /* accesses, room, the next one to apply */
	enum model_op op;
	double start, dt, len, stalled; /* ns */
	bool waiting;	   /* the next access has asked for its line */
	bool req_writes;   /* that request is for a write */
	double req_reach;  /* when it reaches the line's holders */
	int req_next;	   /* the CPU queued behind it on the line */
	bool walk_marked;  /* the pool marked where its slot walk starts */
	size_t walk_at;	   /* that place: accesses recorded before it */
	size_t slots_from; /* model_slots()' first access, while recorded */
	unsigned int pos;  /* in the heap; NOT_QUEUED when out */
};

#define NOT_QUEUED (~0U)

struct model_timed {
	struct model_cpu_op *cpu;
	unsigned int *heap, nheap; /* CPUs by their next event's time */
	uint64_t rng;		   /* xorshift64, for jitter() */
};

/*
 * An operation's duration, relative to its mean: uniform in [0.75, 1.25].
 * Real operations vary (searches, branches, interrupts); with every one
 * exactly as long, two CPUs lock into one phase and a shared line moves
 * once or twice per pair depending on small details. The results move
 * little with the spread (docs/sim.md).
 */
#define JITTER 0.25

static double jitter(struct model_timed *t)
{
	t->rng ^= t->rng << 13;
	t->rng ^= t->rng >> 7;
	t->rng ^= t->rng << 17;
	return 1 - JITTER + 2 * JITTER * (double)(t->rng >> 11) / 0x1p53;
}

bool model_timed_op(const struct model *m)
{
	return m->timed && m->op != MODEL_PERIODIC;
}

/* When the CPU's next access, or its operation's end, happens. */
static double next_time(const struct model_cpu_op *o)
{
	if (o->next < o->n)
		return o->start + (double)o->step[o->next] * o->dt + o->stalled;
	return o->start + o->len + o->stalled;
}

static bool earlier(const struct model_timed *t, unsigned int a, unsigned int b)
{
	double ta = next_time(&t->cpu[a]), tb = next_time(&t->cpu[b]);

	return ta < tb || (ta == tb && a < b);
}

static void heap_swap(struct model_timed *t, unsigned int i, unsigned int k)
{
	unsigned int c = t->heap[i];

	t->heap[i] = t->heap[k];
	t->heap[k] = c;
	t->cpu[t->heap[i]].pos = i;
	t->cpu[t->heap[k]].pos = k;
}

static void sift_up(struct model_timed *t, unsigned int i)
{
	while (i > 0 && earlier(t, t->heap[i], t->heap[(i - 1) / 2])) {
		heap_swap(t, i, (i - 1) / 2);
		i = (i - 1) / 2;
	}
}

static void sift_down(struct model_timed *t, unsigned int i)
{
	for (;;) {
		unsigned int l = 2 * i + 1, r = l + 1, min = i;

		if (l < t->nheap && earlier(t, t->heap[l], t->heap[min]))
			min = l;
		if (r < t->nheap && earlier(t, t->heap[r], t->heap[min]))
			min = r;
		if (min == i)
			return;
		heap_swap(t, i, min);
		i = min;
	}
}

static void push(struct model_timed *t, unsigned int cpu)
{
	t->cpu[cpu].pos = t->nheap;
	t->heap[t->nheap++] = cpu;
	sift_up(t, t->nheap - 1);
}

static void pop(struct model_timed *t)
{
	t->cpu[t->heap[0]].pos = NOT_QUEUED;
	if (--t->nheap > 0) {
		t->heap[0] = t->heap[t->nheap];
		t->cpu[t->heap[0]].pos = 0;
		sift_down(t, 0);
	}
}

int model_timed_start(struct model *m, const double *start_ns)
{
	struct model_timed *t = calloc(1, sizeof(*t));

	if (!t)
		return -1;
	m->timed = t;
	t->rng = 0x9e3779b97f4a7c15ULL; /* fixed: runs are reproducible */
	t->cpu = calloc(m->ncpus, sizeof(*t->cpu));
	t->heap = calloc(m->ncpus, sizeof(*t->heap));
	if (!t->cpu || !t->heap) {
		model_timed_free(m);
		return -1;
	}
	/* Every CPU starts idle: an empty operation ending at its start. */
	for (unsigned int c = 0; c < m->ncpus; c++) {
		t->cpu[c].start = start_ns[c];
		push(t, c);
	}
	return 0;
}

void model_timed_free(struct model *m)
{
	struct model_timed *t = m->timed;

	if (!t)
		return;
	/* Queues name CPUs of this run (empty unless it stopped early). */
	for (size_t i = 0; i < m->cap; i++)
		m->lines[i].chain_head = m->lines[i].chain_tail = NO_CPU;
	for (unsigned int c = 0; t->cpu && c < m->ncpus; c++) {
		free(t->cpu[c].keys);
		free(t->cpu[c].kinds);
		free(t->cpu[c].step);
	}
	free(t->cpu);
	free(t->heap);
	free(t);
	m->timed = NULL;
}

/*
 * A request reaches the line's holders this far into its transfer (the
 * request and the reply legs taken as equal): from then on they have
 * lost it (a write request) or hold it only shared (a read request),
 * though the data lands at the requester only at the end.
 */
#define REQUEST_LEG 0.5

/*
 * The transfer class the access needs, or -1. Besides the directory's
 * answer (cls, model_peek's), a holder that still has the line in the
 * directory misses once the transfer in flight (the line's first queued
 * one: it started when the one before it landed) has reached it: any
 * access after a write request, a write after a read request. It then
 * queues behind (it takes the line back from the requester).
 */
static int needs_transfer(struct model *m, const struct model_cpu_op *o,
			  const struct line *l, int cls, double now)
{
	bool write = o->kinds[o->next] & (SWTLB_MODEL_STORE | SWTLB_MODEL_RMW);
	const struct model_cpu_op *h;

	if (cls >= 0 || l->chain_head == NO_CPU || l->chain_head == m->cpu)
		return cls;
	h = &m->timed->cpu[l->chain_head];
	if (now < h->req_reach || !(h->req_writes || write))
		return cls;
	return m->dist[(size_t)m->cpu * m->ncpus + (unsigned int)l->chain_head];
}

/*
 * The CPU's next access, if it needs a transfer it has not asked for yet:
 * it asks, and stalls until the line arrives one latency later (true).
 */
static bool access_waits(struct model *m, struct model_cpu_op *o)
{
	double now = next_time(o), start;
	struct line *l;
	size_t j;
	int cls;

	if (o->waiting)
		return false;
	/* model_peek() may grow the table: look the line up after it. */
	cls = model_peek(m, o->keys[o->next], o->kinds[o->next]);
	j = model_lookup(m, o->keys[o->next]);
	if (j == SIZE_MAX)
		return false;
	l = &m->lines[j];
	cls = needs_transfer(m, o, l, cls, now);
	if (cls < 0)
		return false;
	/* One line moves one transfer at a time: it starts when the line's
	 * last one lands, and joins the line's queue. */
	start = l->free_at > now ? l->free_at : now;
	l->free_at = start + m->lat.ns[cls];
	o->req_reach = start + m->lat.ns[cls] * REQUEST_LEG;
	o->req_writes =
	    o->kinds[o->next] & (SWTLB_MODEL_STORE | SWTLB_MODEL_RMW);
	o->req_next = NO_CPU;
	if (l->chain_tail != NO_CPU)
		m->timed->cpu[l->chain_tail].req_next = m->cpu;
	else
		l->chain_head = m->cpu;
	l->chain_tail = m->cpu;
	o->waiting = true;
	o->stalled += l->free_at - now;
	m->res.stall_ns += l->free_at - now;
	return true;
}

/* The CPU's transfer of the line landed: it leaves the line's queue,
 * whose head it is (transfers of one line land in queue order). */
static void transfer_landed(struct model *m, uint64_t key, unsigned int cpu)
{
	size_t j = model_lookup(m, key);
	struct line *l;

	if (j == SIZE_MAX)
		return;
	l = &m->lines[j];
	if (l->chain_head != (int)cpu) {
		m->failed = true; /* cannot happen: refuse the result */
		return;
	}
	l->chain_head = m->timed->cpu[cpu].req_next;
	if (l->chain_head == NO_CPU)
		l->chain_tail = NO_CPU;
}

/* Takes the earliest event: an access completes or starts waiting, or an
 * operation ends (its CPU is returned with *ended and taken out of the
 * queue). -1 when nothing is queued. */
static int step(struct model *m, bool *ended)
{
	struct model_timed *t = m->timed;
	unsigned int cpu;
	struct model_cpu_op *o;

	*ended = false;
	if (!t || t->nheap == 0)
		return -1;
	cpu = t->heap[0];
	o = &t->cpu[cpu];
	m->now = next_time(o);
	m->cpu = (int)cpu;
	if (o->next == o->n) {
		o->start = next_time(o); /* its next operation starts then */
		o->n = o->next = 0;
		o->len = o->stalled = 0;
		pop(t);
		*ended = true;
		m->cpu = -1;
		return (int)cpu;
	} else {
		m->op = o->op;
		if (!access_waits(m, o)) {
			/* It completes: its line is here now. */
			if (o->waiting)
				transfer_landed(m, o->keys[o->next], cpu);
			model_apply(m, o->keys[o->next], o->kinds[o->next]);
			o->waiting = false;
			o->next++;
		}
	}
	m->cpu = -1;
	sift_down(t, 0);
	return (int)cpu;
}

int model_next_cpu(struct model *m)
{
	bool ended;
	int cpu;

	do
		cpu = step(m, &ended);
	while (cpu >= 0 && !ended && !m->failed);
	return m->failed ? -1 : cpu;
}

void model_drain(struct model *m)
{
	while (model_next_cpu(m) >= 0)
		;
	m->timed_until = m->now;
	model_timed_free(m);
}

void model_timed_begin(struct model *m)
{
	struct model_cpu_op *o = &m->timed->cpu[m->cpu];

	o->n = o->next = 0;
	o->op = m->op;
	o->walk_marked = false;
}

void model_timed_mark_walk(struct model *m)
{
	struct model_cpu_op *o = &m->timed->cpu[m->cpu];

	/* A map that tries several areas walks slots in each; the last one
	 * is where it found them. */
	o->walk_marked = true;
	o->walk_at = o->n;
}

void model_timed_slots_begin(struct model *m)
{
	m->timed->cpu[m->cpu].slots_from = m->timed->cpu[m->cpu].n;
}

static void reverse(struct model_cpu_op *o, size_t from, size_t to)
{
	while (from + 1 < to) {
		uint64_t key = o->keys[from];
		unsigned char kind = o->kinds[from];

		o->keys[from] = o->keys[--to];
		o->kinds[from++] = o->kinds[to];
		o->keys[to] = key;
		o->kinds[to] = kind;
	}
}

/* The slot lines model_slots() just appended move to where the pool
 * marked its slot walk (a rotation of [walk_at, n)), in their order. */
void model_timed_slots_end(struct model *m)
{
	struct model_cpu_op *o = &m->timed->cpu[m->cpu];

	if (!o->walk_marked || m->failed || o->walk_at >= o->slots_from)
		return;
	reverse(o, o->walk_at, o->slots_from);
	reverse(o, o->slots_from, o->n);
	reverse(o, o->walk_at, o->n);
}

void model_timed_record(struct model *m, uint64_t key, unsigned int kinds)
{
	struct model_cpu_op *o = &m->timed->cpu[m->cpu];

	if (o->n == o->cap) {
		size_t cap = o->cap ? 2 * o->cap : 32;
		uint64_t *keys = realloc(o->keys, cap * sizeof(*keys));
		unsigned char *k2 = keys ? realloc(o->kinds, cap) : NULL;
		unsigned int *step =
		    k2 ? realloc(o->step, cap * sizeof(*step)) : NULL;

		if (keys)
			o->keys = keys;
		if (k2)
			o->kinds = k2;
		if (!step) {
			m->failed = true;
			return;
		}
		o->step = step;
		o->cap = cap;
	}
	o->keys[o->n] = key;
	o->kinds[o->n++] = (unsigned char)kinds;
}

/* Whether accesses [i, j), one visit, only load a line between two
 * visits to another one line: a static key, a pointer read under a lock. */
static bool interjected_load(const struct model_cpu_op *o, size_t i, size_t j)
{
	if (i == 0 || j >= o->n || o->keys[j] != o->keys[i - 1])
		return false;
	for (size_t k = i; k < j; k++)
		if (o->kinds[k] != SWTLB_MODEL_LOAD)
			return false;
	return true;
}

/*
 * Fills step[]: time passes between visits. A run of accesses to one line
 * is a few instructions (one visit, docs/linetrace.md); spread out, it
 * would be a window the other CPUs' requests split. A load of another
 * line in the middle of a visit (toggle's switch between area->used's
 * update and the unlock, escrow-tier's allotment) is a few instructions
 * too: it and the rest of the visit take no step of their own, so the
 * line is held no longer than without it. Returns the steps.
 */
static unsigned int visit_steps(struct model_cpu_op *o)
{
	unsigned int nsteps = 0;
	bool resumes = false; /* this visit continues the one before last */

	for (size_t i = 0, j; i < o->n; i = j) {
		bool interjection;

		for (j = i + 1; j < o->n && o->keys[j] == o->keys[i]; j++)
			;
		interjection = interjected_load(o, i, j);
		if (i > 0 && !interjection && !resumes)
			nsteps++;
		for (size_t k = i; k < j; k++)
			o->step[k] = nsteps;
		resumes = interjection;
	}
	return nsteps;
}

/* The operation is recorded: it runs from its CPU's start time. A CPU
 * still queued (an operation the loop did not ask for) is refused. */
void model_timed_end(struct model *m)
{
	struct model_timed *t = m->timed;
	struct model_cpu_op *o = &t->cpu[m->cpu];
	unsigned int nsteps;

	if (o->pos != NOT_QUEUED) {
		m->failed = true;
		return;
	}
	/* Map and unmap share the pair's base cost evenly. */
	o->len = m->lat.base_pair_ns / 2 * jitter(t);
	nsteps = visit_steps(o);
	o->dt = o->n ? o->len / (double)(nsteps + 1) : 0;
	o->stalled = 0;
	o->next = 0;
	push(t, (unsigned int)m->cpu);
}
