// SPDX-License-Identifier: GPL-2.0-only
/*
 * tools/yardstick/harness.c: one measured run of either side.
 *
 * The runner is swtlb-bench's in miniature: every worker pins itself
 * (checked with sched_getcpu()), prepares its state on its CPU, fills its
 * queue, and waits at a start line; all run the side's loop until one
 * stop flag, then drain. Nothing else runs: no ticker, no timekeeper
 * (the main thread sleeps on a CPU of its own choosing). Before the run,
 * with two or more threads, the first two CPUs time a cache-line hand-off
 * (one way, ns), the figure the packed-area cells depend on.
 * Output: one CSV row (docs/yardstick.md). ns_pair is ns per pair per
 * thread, as swtlb-bench's throughput gives it: the threads' summed
 * window over all their pairs, so one preempted thread weighs by the
 * pairs it lost, not by its own ns per pair.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tools/yardstick/yard.h"

struct worker {
	_Alignas(64) struct swtlb_workload_loop loop;
	pthread_t tid;
	unsigned int idx;
	uint64_t t0, t1;
	size_t *sizes;
	char err[256];
};

static struct {
	_Alignas(64) atomic_int stop;
	_Alignas(64) atomic_int ready;
	_Alignas(64) atomic_int go;
	_Alignas(64) atomic_int failed;
	_Alignas(64) atomic_int created; /* 1: ok, -1: failed */
} run;

static const struct yard_opts *opts;
static struct yard_side *side;

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static int pin(unsigned int cpu, char *err, size_t errlen)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (pthread_setaffinity_np(pthread_self(), sizeof(set), &set) ||
	    sched_getcpu() != (int)cpu) {
		snprintf(err, errlen, "cannot run on CPU %u", cpu);
		return -1;
	}
	return 0;
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct swtlb_workload_loop *l = &w->loop;

	if (pin(l->cpu, w->err, sizeof(w->err)))
		goto fail;
	/* swtlb-bench's order: worker 0 creates the context once every
	 * worker is pinned, then each prepares its own state. */
	if (opts->create_on_worker0 && w->idx == 0) {
		int ok = !side->setup(opts, w->err, sizeof(w->err));

		atomic_store(&run.created, ok ? 1 : -1);
		if (!ok)
			goto fail;
	}
	while (!atomic_load(&run.created))
		;
	if (atomic_load(&run.created) < 0)
		goto fail;
	l->ctx = side->ctx;
	l->thr = side->thread_prepare(opts, l->cpu, w->err, sizeof(w->err));
	if (!l->thr)
		goto fail;
	for (unsigned int s = 0; s < l->queue_depth; s++)
		if (!side->get(l->thr, l->cpu, s, w->sizes[s])) {
			snprintf(w->err, sizeof(w->err), "a map failed");
			goto fail;
		}
	atomic_fetch_add(&run.ready, 1);
	while (!atomic_load(&run.go))
		;
	w->t0 = now_ns();
	side->loop(l);
	w->t1 = now_ns();
	for (unsigned int s = 0; s < l->queue_depth; s++)
		side->put(l->thr, l->cpu, s);
	return NULL;
fail:
	atomic_store(&run.failed, 1);
	atomic_fetch_add(&run.ready, 1);
	return NULL;
}

/* The loop's tick (workloads/workload.h): the stop flag ends this
 * runner's window, so there is no periodic work; the call itself stays,
 * as swtlb-bench's loop makes it, the same on both sides. */
static bool no_tick(struct swtlb_workload_loop *l)
{
	(void)l;
	return false;
}

/* One-way cache-line hand-off between two CPUs, in ns. */
struct pingpong {
	_Alignas(64) atomic_uint turn;
	unsigned int cpu;
};

#define PINGPONG_DONE	    0xffffffffU
#define PINGPONG_MAX_ROUNDS 20000U
#define PINGPONG_MAX_NS	    50000000ULL /* a loaded machine: stop early */

static void *pong(void *arg)
{
	struct pingpong *p = arg;
	unsigned int seen = 0, t;
	char err[64];

	if (pin(p->cpu, err, sizeof(err)))
		return NULL;
	for (;;) {
		while ((t = atomic_load_explicit(&p->turn,
						 memory_order_acquire)) == seen)
			;
		if (t == PINGPONG_DONE)
			return NULL;
		seen = t + 1;
		atomic_store_explicit(&p->turn, seen, memory_order_release);
	}
}

static double handoff_ns(unsigned int a, unsigned int b)
{
	static struct pingpong p;
	pthread_t t;
	uint64_t t0, t1;
	unsigned int i;
	char err[64];

	p.cpu = b;
	atomic_store(&p.turn, 0);
	if (pin(a, err, sizeof(err)) || pthread_create(&t, NULL, pong, &p))
		return -1;
	t0 = now_ns();
	for (i = 0; i < PINGPONG_MAX_ROUNDS; i++) {
		atomic_store_explicit(&p.turn, 2 * i + 1, memory_order_release);
		while (atomic_load_explicit(&p.turn, memory_order_acquire) !=
		       2 * i + 2)
			;
		if (!(i & 255) && now_ns() - t0 > PINGPONG_MAX_NS) {
			i++;
			break;
		}
	}
	t1 = now_ns();
	atomic_store_explicit(&p.turn, PINGPONG_DONE, memory_order_release);
	pthread_join(t, NULL);
	return (double)(t1 - t0) / (2.0 * i);
}

/* Main thread: start, time, stop, join. 0 or -1 (message printed). */
int yard_run(const struct yard_opts *o, struct yard_side *s);
int yard_run(const struct yard_opts *o, struct yard_side *s)
{
	static struct worker workers[YARD_MAX_THREADS];
	char err[256], hand[32] = "";
	double handoff = -1, sum_ns = 0;
	uint64_t total = 0, lo = UINT64_MAX, hi = 0;
	FILE *out = stdout;
	int rc = 0;

	opts = o;
	side = s;
	if (o->threads >= 2)
		handoff = handoff_ns(o->cpus[0], o->cpus[1]);
	if (!o->create_on_worker0) {
		if (s->setup(o, err, sizeof(err))) {
			fprintf(stderr, "yardstick: %s: %s\n", s->name, err);
			return -1;
		}
		atomic_store(&run.created, 1);
	}
	for (unsigned int i = 0; i < o->threads; i++) {
		struct worker *w = &workers[i];

		w->idx = i;
		w->sizes = malloc(SWTLB_WORKLOAD_NSIZES * sizeof(*w->sizes));
		if (!w->sizes) {
			fprintf(stderr, "yardstick: out of memory\n");
			return -1;
		}
		for (unsigned int k = 0; k < SWTLB_WORKLOAD_NSIZES; k++)
			w->sizes[k] = o->size;
		w->loop.cpu = o->cpus[i];
		w->loop.queue_depth = o->queue_depth;
		w->loop.sizes = w->sizes;
		w->loop.stop = &run.stop;
		w->loop.tick = no_tick;
		if (pthread_create(&w->tid, NULL, worker_main, w)) {
			fprintf(stderr, "yardstick: cannot start a thread\n");
			return -1;
		}
	}
	while (atomic_load(&run.ready) < (int)o->threads)
		;
	if (!atomic_load(&run.failed)) {
		struct timespec ts = {.tv_sec = (time_t)o->seconds};

		ts.tv_nsec = (long)((o->seconds - (double)ts.tv_sec) * 1e9);
		atomic_store(&run.go, 1);
		nanosleep(&ts, NULL);
	}
	atomic_store(&run.stop, 1);
	atomic_store(&run.go, 1);
	for (unsigned int i = 0; i < o->threads; i++) {
		struct worker *w = &workers[i];
		uint64_t ops;

		pthread_join(w->tid, NULL);
		ops = w->loop.ops;
		if (w->err[0]) {
			fprintf(stderr, "yardstick: %s: thread %u: %s\n",
				s->name, i, w->err);
			rc = -1;
		} else if (!ops || w->loop.failures) {
			fprintf(stderr,
				"yardstick: %s: thread %u: %llu pairs, %llu "
				"failed maps\n",
				s->name, i, (unsigned long long)ops,
				(unsigned long long)w->loop.failures);
			rc = -1;
		} else {
			sum_ns += (double)(w->t1 - w->t0);
		}
		total += ops;
		lo = ops < lo ? ops : lo;
		hi = ops > hi ? ops : hi;
		if (w->loop.thr)
			s->thread_release(w->loop.thr);
	}
	if (s->finish(err, sizeof(err))) {
		fprintf(stderr, "yardstick: %s: after the run: %s\n", s->name,
			err);
		rc = -1;
	}
	if (rc)
		return rc;
	if (o->out && !(out = fopen(o->out, "a"))) {
		fprintf(stderr, "yardstick: %s: %s\n", o->out, strerror(errno));
		return -1;
	}
	/* No hand-off figure with one thread: an empty cell, never a number. */
	if (handoff >= 0)
		snprintf(hand, sizeof(hand), "%.1f", handoff);
	fprintf(out,
		"%s,%u,%s,%s,%s,%u,%s,%s,%s,%u,%zu,%s,%lu,%u,%.3f,%llu,"
		"%.2f,%.3f,%s,%u\n",
		o->label ? o->label : "", o->round, s->name, o->scheme,
		s->variant(o), o->threads, o->bounce ? "on" : "off",
		o->padded ? "padded" : "packed",
		o->dma_direct ? "dma-direct" : "tbl", o->queue_depth, o->size,
		o->src_set, o->nslabs, o->nareas, o->seconds,
		(unsigned long long)total, total ? sum_ns / (double)total : 0.0,
		lo ? (double)hi / (double)lo : 0.0, hand, s->mem_offset());
	if (out != stdout && fclose(out)) {
		fprintf(stderr, "yardstick: %s: %s\n", o->out, strerror(errno));
		return -1;
	}
	return 0;
}
