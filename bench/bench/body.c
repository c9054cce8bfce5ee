// SPDX-License-Identifier: GPL-2.0-only
/* bench/bench/body.c: the measured per-thread loop (see the header). */
#include "bench/bench/body.h"

#include <errno.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench/bench/periodic.h"
#include "bench/bench/truth.h"
#include "bench/common/truth.h"

/* Pre-generated sizes per thread: the loop cycles through them. */
#define SIZES_PER_THREAD 4096U
/* Largest bounce source buffer set per thread. */
#define MAX_THREAD_BUFFERS (1UL << 30)
/* How often the timekeeper looks at the interrupt flag. */
#define TIMEKEEPER_SLICE_NS 100000000LL

int64_t swtlb_bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* A worker's private state: allocated by the worker after pinning, so its
 * pages are local to it, on cache lines no other thread writes. */
struct worker {
	_Alignas(64) size_t *sizes;
	uint64_t *addr; /* in-flight tlb addresses, DMA_MAPPING_ERROR = none */
	size_t *len;
	char *buf; /* bounce source buffers, one per in-flight slot */
	size_t buf_stride;
	unsigned int qd;
	unsigned int cpu;
	struct swtlb_perf perf;
	bool perf_opened; /* else perf's fds are not ours to close */
	cpu_set_t saved_affinity;
	bool affinity_saved;
	struct swtlb_truth_log *truth_log; /* --truth only */
	long *nslots; /* --truth: slots of each in-flight mapping */
};

static void fail(struct swtlb_bench_run *run, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Records the run's first error; the run then produces no row. */
static void fail(struct swtlb_bench_run *run, const char *fmt, ...)
{
	va_list ap;

	pthread_mutex_lock(&run->error_lock);
	if (!atomic_load(&run->failed)) {
		va_start(ap, fmt);
		vsnprintf(run->error, sizeof(run->error), fmt, ap);
		va_end(ap);
		atomic_store(&run->failed, 1);
	}
	pthread_mutex_unlock(&run->error_lock);
}

struct swtlb_bench_run *
swtlb_bench_run_new(const struct swtlb_bench_env *env,
		    const struct swtlb_bench_config *cfg, unsigned int rep)
{
	struct swtlb_bench_run *run = aligned_alloc(64, sizeof(*run));

	if (!run)
		return NULL;
	memset(run, 0, sizeof(*run));
	run->env = env;
	run->cfg = cfg;
	run->rep = rep;
	run->res = aligned_alloc(64, sizeof(*run->res) * cfg->threads);
	if (!run->res) {
		free(run);
		return NULL;
	}
	memset(run->res, 0, sizeof(*run->res) * cfg->threads);
	run->truth_logs = calloc(cfg->threads, sizeof(*run->truth_logs));
	if (!run->truth_logs) {
		free(run->res);
		free(run);
		return NULL;
	}
	pthread_barrier_init(&run->workers, NULL, cfg->threads);
	pthread_barrier_init(&run->start, NULL, cfg->threads + 1);
	pthread_mutex_init(&run->error_lock, NULL);
	atomic_init(&run->failed, 0);
	atomic_init(&run->stop, 0);
	return run;
}

void swtlb_bench_run_free(struct swtlb_bench_run *run)
{
	if (!run)
		return;
	pthread_barrier_destroy(&run->workers);
	pthread_barrier_destroy(&run->start);
	pthread_mutex_destroy(&run->error_lock);
	free(run->truth_logs);
	free(run->res);
	free(run);
}

/* Raises the stop flag --min-time seconds after the common start. */
static void *timekeeper(void *arg)
{
	struct swtlb_bench_run *run = arg;
	int64_t deadline;

	pthread_barrier_wait(&run->start);
	deadline =
	    swtlb_bench_now_ns() + (int64_t)(run->env->opts->min_time * 1e9);
	for (;;) {
		int64_t left = deadline - swtlb_bench_now_ns();
		struct timespec ts;

		if (left <= 0)
			break;
		if (atomic_load(run->env->interrupted)) {
			run->interrupted = true;
			break;
		}
		if (left > TIMEKEEPER_SLICE_NS)
			left = TIMEKEEPER_SLICE_NS;
		ts.tv_sec = left / 1000000000LL;
		ts.tv_nsec = left % 1000000000LL;
		nanosleep(&ts, NULL);
	}
	atomic_store_explicit(&run->stop, 1, memory_order_release);
	return NULL;
}

static int worker_prepare(struct swtlb_bench_run *run, struct worker *w,
			  unsigned int idx)
{
	const struct swtlb_bench_opts *o = run->env->opts;
	bool bounce = run->cfg->bounce;
	char err[256];

	w->qd = o->queue_depth;
	w->cpu = run->cfg->place[idx].cpu;
	w->affinity_saved =
	    pthread_getaffinity_np(pthread_self(), sizeof(w->saved_affinity),
				   &w->saved_affinity) == 0;
	if (swtlb_bind_self(run->env->topo, w->cpu, err, sizeof(err))) {
		fail(run, "thread %u: %s", idx, err);
		return -1;
	}
	w->sizes = malloc(SIZES_PER_THREAD * sizeof(*w->sizes));
	w->addr = malloc(w->qd * sizeof(*w->addr));
	w->len = malloc(w->qd * sizeof(*w->len));
	w->nslots = calloc(w->qd, sizeof(*w->nslots));
	if (!w->sizes || !w->addr || !w->len || !w->nslots) {
		fail(run, "thread %u: out of memory", idx);
		return -1;
	}
	/* Same seed for every scheme: each compares on the same sizes. */
	swtlb_sizes_fill(&o->sizes, 0x5eed0000ULL + run->rep * 4099ULL + idx,
			 w->sizes, SIZES_PER_THREAD);
	for (unsigned int i = 0; i < w->qd; i++)
		w->addr[i] = DMA_MAPPING_ERROR;
	if (bounce) {
		w->buf_stride = (swtlb_sizes_max(&o->sizes) + 63) & ~63UL;
		if ((unsigned long)w->qd * w->buf_stride > MAX_THREAD_BUFFERS) {
			fail(run,
			     "--queue-depth %u x largest size needs more than "
			     "1 GiB of bounce source buffers per thread",
			     w->qd);
			return -1;
		}
		w->buf = aligned_alloc(64, w->qd * w->buf_stride);
		if (!w->buf) {
			fail(run, "thread %u: out of memory for buffers", idx);
			return -1;
		}
		/* Fault the pages in now, not in the measured loop. */
		memset(w->buf, 0x5a, w->qd * w->buf_stride);
	}
	swtlb_perf_open(&w->perf);
	w->perf_opened = true;
	return 0;
}

static void worker_release(struct worker *w)
{
	if (w->perf_opened)
		swtlb_perf_close(&w->perf);
	free(w->sizes);
	free(w->addr);
	free(w->len);
	free(w->nslots);
	free(w->buf);
	if (w->affinity_saved)
		pthread_setaffinity_np(pthread_self(),
				       sizeof(w->saved_affinity),
				       &w->saved_affinity);
}

static const struct swtlb_dev bench_dev = {
    .min_align_mask = 0,
    .seg_boundary_mask = ~0UL,
};

static inline uint64_t orig_of(const struct worker *w, unsigned int slot)
{
	/* Without bounce the pool never dereferences it: any address will
	 * do, but keep it distinct per slot as real buffers would be. */
	if (w->buf)
		return (uint64_t)(uintptr_t)(w->buf + slot * w->buf_stride);
	return 0x10000000ULL + (uint64_t)slot * (256U << 10);
}

static void map_one(struct swtlb *pool, struct worker *w, unsigned int slot,
		    size_t size, uint64_t *ops, uint64_t *failures)
{
	uint64_t addr = swtlb_map(pool, &bench_dev, w->cpu, orig_of(w, slot),
				  size, 0, DMA_BIDIRECTIONAL, DMA_ATTR_NO_WARN);

	w->addr[slot] = addr;
	w->len[slot] = size;
	if (addr == DMA_MAPPING_ERROR)
		(*failures)++;
	else
		(*ops)++;
}

static void unmap_one(struct swtlb *pool, struct worker *w, unsigned int slot)
{
	if (w->addr[slot] == DMA_MAPPING_ERROR)
		return;
	swtlb_unmap(pool, &bench_dev, w->cpu, w->addr[slot], w->len[slot],
		    DMA_BIDIRECTIONAL, 0);
	w->addr[slot] = DMA_MAPPING_ERROR;
}

/* --truth: the same two calls, each between two TSC reads, logged. */
static void map_logged(struct swtlb *pool, struct worker *w, unsigned int slot,
		       size_t size, uint64_t *ops, uint64_t *failures)
{
	uint64_t orig = orig_of(w, slot), t0, t1, addr;

	t0 = swtlb_truth_now();
	addr = swtlb_map(pool, &bench_dev, w->cpu, orig, size, 0,
			 DMA_BIDIRECTIONAL, DMA_ATTR_NO_WARN);
	t1 = swtlb_truth_now();
	w->addr[slot] = addr;
	w->len[slot] = size;
	if (addr == DMA_MAPPING_ERROR) {
		(*failures)++;
		return;
	}
	w->nslots[slot] = swtlb_truth_map_nslots(&bench_dev, orig, size, 0);
	swtlb_truth_record(w->truth_log, t0, t1, w->nslots[slot]);
	(*ops)++;
}

static void unmap_logged(struct swtlb *pool, struct worker *w,
			 unsigned int slot)
{
	uint64_t t0, t1;

	if (w->addr[slot] == DMA_MAPPING_ERROR)
		return;
	t0 = swtlb_truth_now();
	swtlb_unmap(pool, &bench_dev, w->cpu, w->addr[slot], w->len[slot],
		    DMA_BIDIRECTIONAL, 0);
	t1 = swtlb_truth_now();
	swtlb_truth_record(w->truth_log, t0, t1, -w->nslots[slot]);
	w->addr[slot] = DMA_MAPPING_ERROR;
}

/*
 * The measured loop: the queue is full on entry, so every round unmaps the
 * oldest mapping (copying back when bouncing) and maps a new one in its
 * place (copying in). ops counts successful maps = map+unmap pairs.
 * Inlined with `logged` a constant, so the plain loop carries no branch
 * for --truth.
 */
static inline __attribute__((always_inline)) void
loop_swiotlb_body(struct swtlb_bench_run *run, struct worker *w,
		  struct swtlb_bench_thread_result *r, const bool logged)
{
	struct swtlb *pool = run->pool;
	const atomic_int *stop = &run->stop;
	uint64_t ops = 0, failures = 0;
	unsigned int slot = 0, k = 0;

	while (!atomic_load_explicit(stop, memory_order_relaxed)) {
		if (logged) {
			unmap_logged(pool, w, slot);
			map_logged(pool, w, slot, w->sizes[k], &ops, &failures);
		} else {
			unmap_one(pool, w, slot);
			map_one(pool, w, slot, w->sizes[k], &ops, &failures);
		}
		k = (k + 1) & (SIZES_PER_THREAD - 1);
		slot = slot + 1 == w->qd ? 0 : slot + 1;
	}
	r->ops = ops;
	r->failures = failures;
}

static void loop_swiotlb(struct swtlb_bench_run *run, struct worker *w,
			 struct swtlb_bench_thread_result *r)
{
	loop_swiotlb_body(run, w, r, false);
}

/* loop_swiotlb() with every operation logged for --truth. */
static void loop_swiotlb_truth(struct swtlb_bench_run *run, struct worker *w,
			       struct swtlb_bench_thread_result *r)
{
	loop_swiotlb_body(run, w, r, true);
}

/* The same loop with an empty body: what the harness itself costs. */
static void loop_harness(struct swtlb_bench_run *run, struct worker *w,
			 struct swtlb_bench_thread_result *r)
{
	const atomic_int *stop = &run->stop;
	uint64_t ops = 0;
	unsigned int slot = 0, k = 0;

	while (!atomic_load_explicit(stop, memory_order_relaxed)) {
		/* Stands in for unmap + map: touch the ring as they do. */
		w->len[slot] = w->sizes[k];
		__asm__ __volatile__("" ::: "memory");
		ops++;
		k = (k + 1) & (SIZES_PER_THREAD - 1);
		slot = slot + 1 == w->qd ? 0 : slot + 1;
	}
	r->ops = ops;
	r->failures = 0;
}

/* Thread 0, before the start: the pool, periodic work, the timekeeper. */
static void setup_pool(struct swtlb_bench_run *run)
{
	const struct swtlb_bench_env *env = run->env;
	const struct swtlb_bench_opts *o = env->opts;
	const struct swtlb_bench_config *c = run->cfg;
	struct swtlb_config cfg;
	char err[256];

	if (atomic_load(env->interrupted)) {
		fail(run, "interrupted");
		return;
	}
	if (!c->scheme) {
		/* The harness: no pool, but the same ticker as the rest. */
		if (swtlb_bench_periodic_start(run, err, sizeof(err)))
			fail(run, "ticker: %s", err);
		return;
	}
	memset(&cfg, 0, sizeof(cfg));
	cfg.nslabs = env->plan->nslabs;
	cfg.nareas = env->plan->nareas;
	cfg.kconfig = c->kconfig;
	cfg.area_layout = c->area_layout;
	cfg.scheme = c->scheme;
	cfg.scheme_params.ncpus = env->plan->ncpus;
	cfg.scheme_params.batch = o->batch;
	if (!cfg.scheme_params.batch) {
		/* percpu_counter_batch = max(32, 2 x online CPUs) */
		unsigned int b = 2 * env->plan->ncpus;
		cfg.scheme_params.batch = b > 32 ? b : 32;
	}
	cfg.scheme_params.period_us = o->sample_us;
	cfg.start = SWTLB_DEFAULT_START;
	cfg.bounce = c->bounce;
	if (env->mem) {
		cfg.alloc_bounce = swtlb_mem_alloc;
		cfg.free_bounce = swtlb_mem_free;
		cfg.alloc_arg = env->mem;
	}
	run->pool = swtlb_create(&cfg, err, sizeof(err));
	if (!run->pool) {
		fail(run, "pool: %s", err);
		return;
	}
	if (swtlb_bench_periodic_start(run, err, sizeof(err)))
		fail(run, "periodic: %s", err);
}

static void start_timekeeper(struct swtlb_bench_run *run)
{
	int e = pthread_create(&run->timekeeper, NULL, timekeeper, run);

	if (e)
		fail(run, "cannot start the timekeeper thread: %s",
		     strerror(e));
	else
		run->timekeeper_started = true;
}

/* Thread 0, after every worker drained: read, check, tear down. */
static void teardown_pool(struct swtlb_bench_run *run)
{
	char err[256];
	unsigned long hw;

	if (run->timekeeper_started)
		pthread_join(run->timekeeper, NULL);
	run->timekeeper_started = false;
	swtlb_bench_periodic_stop(run);
	if (!run->pool)
		return;
	run->hiwater_known = swtlb_hiwater(run->pool, &hw);
	run->hiwater = hw;
	if (!atomic_load(&run->failed) &&
	    swtlb_check_invariants(run->pool, err, sizeof(err)))
		fail(run, "pool invariants broken after the run: %s", err);
	swtlb_destroy(run->pool);
	run->pool = NULL;
}

static void set_counters(struct swtlb_gb_state *st, struct swtlb_bench_run *run,
			 unsigned int idx)
{
	struct swtlb_bench_thread_result *r = &run->res[idx];

	swtlb_gb_set_counter(st, "ops", (double)r->ops, SWTLB_GB_SUM);
	swtlb_gb_set_counter(st, "map_failures", (double)r->failures,
			     SWTLB_GB_SUM);
	if (idx != 0)
		return;
	/* Values of the whole run: set once, so the sum is the value. */
	for (unsigned int t = 0; t < run->cfg->threads; t++)
		swtlb_perf_accumulate(&run->perf, &run->res[t].perf, t == 0);
	for (int e = 0; e < SWTLB_PERF_NEVENTS; e++)
		if (run->perf.known[e])
			swtlb_gb_set_counter(st, swtlb_perf_event_name(e),
					     run->perf.value[e], SWTLB_GB_SUM);
	if (run->hiwater_known)
		swtlb_gb_set_counter(st, "hiwater_reported",
				     (double)run->hiwater, SWTLB_GB_SUM);
	if (run->truth_known)
		swtlb_gb_set_counter(st, "hiwater_truth", (double)run->truth,
				     SWTLB_GB_SUM);
}

/* Wall time of the window: first start to last end over all workers. */
static int64_t run_wall_ns(const struct swtlb_bench_run *run)
{
	int64_t lo = run->res[0].start_ns, hi = run->res[0].end_ns;

	for (unsigned int t = 1; t < run->cfg->threads; t++) {
		if (run->res[t].start_ns < lo)
			lo = run->res[t].start_ns;
		if (run->res[t].end_ns > hi)
			hi = run->res[t].end_ns;
	}
	return hi - lo;
}

void swtlb_bench_body(struct swtlb_gb_state *st, void *arg)
{
	struct swtlb_bench_run *run = arg;
	unsigned int idx = (unsigned int)swtlb_gb_thread_index(st);
	struct swtlb_bench_thread_result *r = &run->res[idx];
	bool harness = run->cfg->scheme == NULL;
	struct worker *w = aligned_alloc(64, sizeof(*w));
	bool ok;

	if (w)
		memset(w, 0, sizeof(*w));
	if (!w)
		fail(run, "thread %u: out of memory", idx);
	else if (worker_prepare(run, w, idx) == 0 &&
		 swtlb_bench_truth_thread_init(run, idx, &w->truth_log))
		fail(run, "thread %u: no memory for the truth log", idx);
	if (idx == 0)
		setup_pool(run);
	pthread_barrier_wait(&run->workers);
	/* Every thread decides from the same state, after the barrier. */
	if (idx == 0 && !atomic_load(&run->failed))
		start_timekeeper(run);
	pthread_barrier_wait(&run->workers);
	ok = !atomic_load(&run->failed);
	if (ok && !harness) {
		/* Fill the queue outside the measured window. */
		uint64_t ops = 0, failures = 0;

		for (unsigned int s = 0; s < w->qd; s++) {
			if (w->truth_log)
				map_logged(run->pool, w, s, w->sizes[s], &ops,
					   &failures);
			else
				map_one(run->pool, w, s, w->sizes[s], &ops,
					&failures);
		}
	}
	if (!ok)
		swtlb_gb_skip_with_error(st, "setup failed");
	while (swtlb_gb_keep_running(st)) {
		pthread_barrier_wait(&run->start);
		swtlb_perf_enable(&w->perf);
		r->start_ns = swtlb_bench_now_ns();
		if (harness)
			loop_harness(run, w, r);
		else if (w->truth_log)
			loop_swiotlb_truth(run, w, r);
		else
			loop_swiotlb(run, w, r);
		r->end_ns = swtlb_bench_now_ns();
		swtlb_perf_disable(&w->perf);
		pthread_barrier_wait(&run->workers);
		swtlb_gb_set_iteration_time(st, (double)run_wall_ns(run) / 1e9);
	}
	if (ok) {
		swtlb_perf_read(&w->perf, &r->perf);
		for (unsigned int s = 0; !harness && s < w->qd; s++) {
			if (w->truth_log)
				unmap_logged(run->pool, w, s);
			else
				unmap_one(run->pool, w, s);
		}
	}
	pthread_barrier_wait(&run->workers);
	if (idx == 0) {
		teardown_pool(run);
		if (ok)
			swtlb_bench_truth_merge(run);
	}
	pthread_barrier_wait(&run->workers);
	if (ok) {
		set_counters(st, run, idx);
		if (idx == 0)
			swtlb_gb_set_counter(st, "wall_ns",
					     (double)run_wall_ns(run),
					     SWTLB_GB_SUM);
	}
	if (w) {
		swtlb_bench_truth_thread_fini(run, idx, w->truth_log);
		worker_release(w);
		free(w);
	}
}
