// SPDX-License-Identifier: GPL-2.0-only
/* bench/bench/periodic.c: see periodic.h. */
#include "bench/bench/periodic.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench/bench/body.h"
#include "bench/bench/tick_sched.h"
#include "counters/periodic.h"

/* The longest the thread sleeps before it looks at its stop flag. */
#define STOP_CHECK_NS 100000000LL

/* periodic() on a spare CPU. */
struct spare_ticker {
	pthread_t thread;
	atomic_bool stop;
	struct swtlb_scheme_ctx *ctx;
	const struct swtlb_topo *topo;
	unsigned int cpu;
	int64_t period_ns;
	char bind_error[200]; /* written by the thread before it exits */
};

static void sleep_until(int64_t ns)
{
	struct timespec ts = {.tv_sec = ns / 1000000000LL,
			      .tv_nsec = ns % 1000000000LL};

	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) ==
	       EINTR)
		;
}

static void *spare_main(void *arg)
{
	struct spare_ticker *t = arg;
	struct swtlb_tick_sched sched;

	if (swtlb_bind_self(t->topo, t->cpu, t->bind_error,
			    sizeof(t->bind_error)))
		return NULL;
	t->bind_error[0] = '\0';
	swtlb_tick_sched_init(&sched, swtlb_bench_now_ns(), 0, t->period_ns);
	while (!atomic_load_explicit(&t->stop, memory_order_acquire)) {
		int64_t cap = swtlb_bench_now_ns() + STOP_CHECK_NS;

		sleep_until(sched.next_tick < cap ? sched.next_tick : cap);
		if (atomic_load_explicit(&t->stop, memory_order_acquire))
			break;
		if (swtlb_tick_sched_poll(&sched, swtlb_bench_now_ns()) ==
		    SWTLB_TICK_RUN)
			t->ctx->ops->periodic(t->ctx);
	}
	return NULL;
}

static int spare_start(struct swtlb_bench_run *run,
		       struct swtlb_scheme_ctx *ctx, char *err, size_t errlen)
{
	struct spare_ticker *t = calloc(1, sizeof(*t));
	int e;

	if (!t) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	t->ctx = ctx;
	t->topo = run->env->topo;
	t->cpu = (unsigned int)run->cfg->periodic_cpu;
	t->period_ns = (int64_t)run->env->opts->sample_us * 1000;
	strcpy(t->bind_error, "did not start");
	atomic_init(&t->stop, false);
	e = pthread_create(&t->thread, NULL, spare_main, t);
	if (e) {
		snprintf(err, errlen, "cannot start the thread for CPU %u: %s",
			 t->cpu, strerror(e));
		free(t);
		return -1;
	}
	run->spare_ticker = t;
	return 0;
}

int swtlb_bench_periodic_start(struct swtlb_bench_run *run, char *err,
			       size_t errlen)
{
	/* A workload without a scheme (the harness): no periodic(). */
	struct swtlb_scheme_ctx *ctx = run->ctx && run->cfg->wl->scheme_ctx
					   ? run->cfg->wl->scheme_ctx(run->ctx)
					   : NULL;
	bool has_periodic = ctx && ctx->ops && ctx->ops->periodic;

	run->periodic = NULL;
	run->spare_ticker = NULL;
	run->periodic_inline = false;
	if (run->env->opts->ticker) {
		run->periodic = swtlb_periodic_start(
		    ctx, run->env->opts->sample_us, err, errlen);
		return run->periodic ? 0 : -1;
	}
	if (!has_periodic)
		return 0;
	if (run->cfg->periodic_cpu < 0) {
		run->periodic_inline = true;
		return 0;
	}
	return spare_start(run, ctx, err, errlen);
}

void swtlb_bench_periodic_stop(struct swtlb_bench_run *run, char *err,
			       size_t errlen, int *failed)
{
	struct spare_ticker *t = run->spare_ticker;

	*failed = 0;
	swtlb_periodic_stop(run->periodic);
	run->periodic = NULL;
	if (!t)
		return;
	atomic_store_explicit(&t->stop, true, memory_order_release);
	pthread_join(t->thread, NULL);
	if (t->bind_error[0]) {
		snprintf(err, errlen, "periodic thread on CPU %u: %s", t->cpu,
			 t->bind_error);
		*failed = 1;
	}
	free(t);
	run->spare_ticker = NULL;
}
