// SPDX-License-Identifier: GPL-2.0-only
/* bench/bench/body.c: the measured per-thread loop (see the header). */
#include "bench/bench/body.h"

#include <errno.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "bench/bench/context.h"
#include "bench/bench/periodic.h"
#include "bench/bench/pinned.h"
#include "bench/bench/tick_sched.h"
#include "bench/bench/truth.h"
#include "bench/common/truth.h"
#include "workloads/workload.h"

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
	struct swtlb_workload_loop loop; /* the workload's thread state */
	struct swtlb_bench_run *run;
	struct swtlb_tick_sched tick;
	int64_t tick_window_ns;		       /* --min-time */
	struct swtlb_scheme_ctx *periodic_ctx; /* periodic() runs here */
	struct swtlb_perf perf;
	bool perf_opened; /* else perf's fds are not ours to close */
	cpu_set_t saved_affinity;
	bool affinity_saved;
};

/* Records the run's first error; the run then produces no row. */
void swtlb_bench_fail(struct swtlb_bench_run *run, const char *fmt, ...)
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
	pthread_barrier_init(&run->start, NULL, cfg->threads);
	pthread_mutex_init(&run->error_lock, NULL);
	atomic_init(&run->failed, 0);
	atomic_init(&run->stop, 0);
	atomic_init(&run->started, 0);
	atomic_init(&run->all_started_ns, 0);
	atomic_init(&run->stop_raised_ns, 0);
	atomic_init(&run->entered_first, INT64_MAX);
	atomic_init(&run->entered_last, 0);
	atomic_init(&run->interrupted, false);
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

/*
 * loop.tick, every SWTLB_WORKLOAD_TICK_ROUNDS rounds: the clock. Runs the
 * scheme's periodic() when due (worker 0 with periodic_ctx set) as a timer
 * interrupt on this CPU would; true when the window is over or the user
 * interrupted (no timekeeper thread).
 */
static __attribute__((noinline, cold)) bool
worker_tick(struct swtlb_workload_loop *l)
{
	struct worker *w =
	    (struct worker *)((char *)l - offsetof(struct worker, loop));
	struct swtlb_bench_run *run = w->run;

	int64_t now = swtlb_bench_now_ns(), all, zero = 0;

	switch (swtlb_tick_sched_poll(&w->tick, now)) {
	case SWTLB_TICK_RUN:
		w->periodic_ctx->ops->periodic(w->periodic_ctx);
		break;
	case SWTLB_TICK_STOP:
		/* The window counts from the last worker's start: until all
		 * have started, and --min-time after that, keep going. */
		all = atomic_load(&run->all_started_ns);
		if (!all || now < all + w->tick_window_ns) {
			w->tick.stop_at =
			    all ? all + w->tick_window_ns
				: now + w->tick_window_ns / 16 + 1;
			break;
		}
		atomic_compare_exchange_strong(&run->stop_raised_ns, &zero,
					       now);
		atomic_store_explicit(&run->stop, 1, memory_order_relaxed);
		return true;
	case SWTLB_TICK_NONE:
		break;
	}
	if (atomic_load_explicit(run->env->interrupted, memory_order_relaxed)) {
		atomic_store(&run->interrupted, true);
		atomic_store_explicit(&run->stop, 1, memory_order_relaxed);
		return true;
	}
	return false;
}

/* Pinning and what the runner itself needs, before the context exists. */
static int worker_prepare(struct swtlb_bench_run *run, struct worker *w,
			  unsigned int idx)
{
	const struct swtlb_bench_opts *o = run->env->opts;
	char err[256];

	w->loop.cpu = run->cfg->place[idx].cpu;
	w->loop.queue_depth = o->queue_depth;
	w->loop.stop = &run->stop;
	w->loop.tick = worker_tick;
	w->run = run;
	w->affinity_saved =
	    pthread_getaffinity_np(pthread_self(), sizeof(w->saved_affinity),
				   &w->saved_affinity) == 0;
	if (swtlb_bind_self(run->env->topo, w->loop.cpu, err, sizeof(err))) {
		swtlb_bench_fail(run, "thread %u: %s", idx, err);
		return -1;
	}
	w->sizes = malloc(SWTLB_WORKLOAD_NSIZES * sizeof(*w->sizes));
	w->loop.held = calloc(o->queue_depth, sizeof(*w->loop.held));
	if (!w->sizes || !w->loop.held) {
		swtlb_bench_fail(run, "thread %u: out of memory", idx);
		return -1;
	}
	/* Same seed for every scheme: each compares on the same sizes. */
	swtlb_sizes_fill(&o->sizes, 0x5eed0000ULL + run->rep * 4099ULL + idx,
			 w->sizes, SWTLB_WORKLOAD_NSIZES);
	w->loop.sizes = w->sizes;
	swtlb_perf_open(&w->perf, &o->events);
	w->perf_opened = true;
	return 0;
}

/* The workload's per-thread state, once worker 0 created the context. */
static void worker_attach(struct swtlb_bench_run *run, struct worker *w,
			  unsigned int idx)
{
	const struct swtlb_bench_opts *o = run->env->opts;
	struct swtlb_workload_thread_setup ts = {
	    .idx = idx,
	    .cpu = w->loop.cpu,
	    .queue_depth = o->queue_depth,
	    .max_size = swtlb_sizes_max(&o->sizes),
	    .bounce = run->cfg->bounce,
	    .src_stride = run->env->plan->src_stride,
	    .src_count = run->env->plan->src_count,
	};
	char err[256];

	w->loop.ctx = run->ctx;
	w->loop.thr =
	    run->cfg->wl->thread_prepare(run->ctx, &ts, err, sizeof(err));
	if (!w->loop.thr)
		swtlb_bench_fail(run, "thread %u: %s", idx, err);
}

/* The workload's per-thread state goes while its context still lives. */
static void worker_detach(struct swtlb_bench_run *run, struct worker *w)
{
	if (w && w->loop.thr)
		run->cfg->wl->thread_release(run->ctx, w->loop.thr);
	if (w)
		w->loop.thr = NULL;
}

static void worker_release(struct worker *w)
{
	if (w->perf_opened)
		swtlb_perf_close(&w->perf);
	free(w->sizes);
	free(w->loop.held);
	if (w->affinity_saved)
		pthread_setaffinity_np(pthread_self(),
				       sizeof(w->saved_affinity),
				       &w->saved_affinity);
}

/* Fills the queue before the window, or drains it after; logged when the
 * run keeps a truth log, so the merge starts from nothing in use. */
static void worker_fill(struct swtlb_bench_run *run, struct worker *w)
{
	const struct swtlb_workload_ops *wl = run->cfg->wl;
	struct swtlb_workload_loop *l = &w->loop;

	for (unsigned int s = 0; s < l->queue_depth; s++) {
		uint64_t t0 = l->truth_log ? swtlb_truth_now() : 0, t1;

		/* s < queue_depth <= SWTLB_WORKLOAD_NSIZES (opts.c); the
		 * mask keeps the read inside the sizes regardless. */
		if (!wl->get(l->ctx, l->thr, l->cpu, s,
			     w->sizes[s & (SWTLB_WORKLOAD_NSIZES - 1)]) ||
		    !l->truth_log)
			continue;
		t1 = swtlb_truth_now();
		l->held[s] = wl->truth_units(l->ctx, l->thr, s);
		swtlb_truth_record(l->truth_log, t0, t1, l->held[s]);
	}
}

static void worker_drain(struct swtlb_bench_run *run, struct worker *w)
{
	const struct swtlb_workload_ops *wl = run->cfg->wl;
	struct swtlb_workload_loop *l = &w->loop;

	for (unsigned int s = 0; s < l->queue_depth; s++) {
		uint64_t t0 = l->truth_log ? swtlb_truth_now() : 0, t1;

		wl->put(l->ctx, l->thr, l->cpu, s);
		t1 = l->truth_log ? swtlb_truth_now() : 0;
		if (l->truth_log && l->held[s])
			swtlb_truth_record(l->truth_log, t0, t1, -l->held[s]);
		l->held[s] = 0;
	}
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

/* Every worker between the barriers: the window, once per iteration. */
static void measure(struct swtlb_gb_state *st, struct swtlb_bench_run *run,
		    struct worker *w, struct swtlb_bench_thread_result *r)
{
	const struct swtlb_workload_ops *wl = run->cfg->wl;

	while (swtlb_gb_keep_running(st)) {
		struct rusage ru0, ru1;

		pthread_barrier_wait(&run->start);
		r->nivcsw_known = getrusage(RUSAGE_THREAD, &ru0) == 0;
		swtlb_perf_enable(&w->perf);
		r->start_ns = swtlb_bench_now_ns();
		w->tick_window_ns = (int64_t)(run->env->opts->min_time * 1e9);
		if (atomic_fetch_add(&run->started, 1) + 1 == run->cfg->threads)
			atomic_store(&run->all_started_ns, r->start_ns);
		if (r == &run->res[0])
			run->phase_ns[SWTLB_PHASE_FILLED] = r->start_ns;
		swtlb_tick_sched_init(
		    &w->tick, r->start_ns, w->tick_window_ns,
		    w->periodic_ctx ? (int64_t)run->env->opts->sample_us * 1000
				    : 0);
		if (w->loop.truth_log)
			wl->loop_truth(&w->loop);
		else
			wl->loop(&w->loop);
		r->end_ns = swtlb_bench_now_ns();
		swtlb_perf_disable(&w->perf);
		if (r->nivcsw_known && getrusage(RUSAGE_THREAD, &ru1) == 0)
			r->nivcsw = (uint64_t)(ru1.ru_nivcsw - ru0.ru_nivcsw);
		else
			r->nivcsw_known = false;
		r->ops = w->loop.ops;
		r->failures = w->loop.failures;
		pthread_barrier_wait(&run->workers);
		swtlb_gb_set_iteration_time(st, (double)run_wall_ns(run) / 1e9);
	}
}

static void body_on_cpu(struct swtlb_gb_state *st, struct swtlb_bench_run *run)
{
	unsigned int idx = (unsigned int)swtlb_gb_thread_index(st);
	struct swtlb_bench_thread_result *r = &run->res[idx];
	struct worker *w = aligned_alloc(64, sizeof(*w));
	bool ok;

	if (w)
		memset(w, 0, sizeof(*w));
	if (!w)
		swtlb_bench_fail(run, "thread %u: out of memory", idx);
	else if (worker_prepare(run, w, idx) == 0 &&
		 swtlb_bench_truth_thread_init(run, idx, &w->loop.truth_log))
		swtlb_bench_fail(run, "thread %u: no memory for the truth log",
				 idx);
	if (idx == 0)
		swtlb_bench_context_setup(run);
	pthread_barrier_wait(&run->workers);
	if (w && !atomic_load(&run->failed))
		worker_attach(run, w, idx);
	pthread_barrier_wait(&run->workers);
	if (idx == 0)
		run->phase_ns[SWTLB_PHASE_PREPARED] = swtlb_bench_now_ns();
	/* Every thread decides from the same state, after the barrier. */
	ok = !atomic_load(&run->failed);
	if (ok && idx == 0 && run->periodic_inline)
		w->periodic_ctx = run->cfg->wl->scheme_ctx(run->ctx);
	if (ok)
		worker_fill(run, w); /* outside the measured window */
	else
		swtlb_gb_skip_with_error(st, "setup failed");
	measure(st, run, w, r);
	if (ok) {
		swtlb_perf_read(&w->perf, &r->perf);
		worker_drain(run, w);
	}
	worker_detach(run, w);
	pthread_barrier_wait(&run->workers);
	if (idx == 0) {
		run->phase_ns[SWTLB_PHASE_WINDOW_END] = r->end_ns;
		run->phase_ns[SWTLB_PHASE_DRAINED] = swtlb_bench_now_ns();
		swtlb_bench_context_teardown(run);
		if (ok)
			swtlb_bench_truth_merge(run);
		run->phase_ns[SWTLB_PHASE_TORN_DOWN] = swtlb_bench_now_ns();
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
		swtlb_bench_truth_thread_fini(run, idx, w->loop.truth_log);
		worker_release(w);
		free(w);
	}
}

struct pinned_body {
	struct swtlb_gb_state *st;
	struct swtlb_bench_run *run;
};

static void *pinned_body(void *arg)
{
	struct pinned_body *pb = arg;

	body_on_cpu(pb->st, pb->run);
	return NULL;
}

/* Google Benchmark's thread: the body runs on a thread bound to its CPU
 * before it starts (pinned.h); this one waits. Google Benchmark's state
 * is used by one thread at a time, and the join orders the two. */
void swtlb_bench_body(struct swtlb_gb_state *st, void *arg)
{
	struct swtlb_bench_run *run = arg;
	unsigned int idx = (unsigned int)swtlb_gb_thread_index(st);
	unsigned int cpu = run->cfg->place[idx].cpu;
	struct pinned_body pb = {st, run};
	int64_t now = swtlb_bench_now_ns(), seen;
	int e;

	seen = atomic_load(&run->entered_first);
	while (now < seen &&
	       !atomic_compare_exchange_weak(&run->entered_first, &seen, now))
		;
	seen = atomic_load(&run->entered_last);
	while (now > seen &&
	       !atomic_compare_exchange_weak(&run->entered_last, &seen, now))
		;
	e = swtlb_run_pinned(cpu, pinned_body, &pb);
	if (e) {
		/* Still take part in every barrier, as a failed thread. */
		swtlb_bench_fail(
		    run, "thread %u: cannot start a thread on cpu %u: %s", idx,
		    cpu, strerror(e));
		body_on_cpu(st, run);
	}
}
