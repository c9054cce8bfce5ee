// SPDX-License-Identifier: GPL-2.0-only
/* bench/swtlb_bench_periodic.c: a scheme's periodic() on a real thread. */
#include "bench/swtlb_bench_periodic.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench/swtlb_bench_body.h"

struct periodic {
	pthread_t thread;
	struct swtlb_scheme_ctx *ctx;
	unsigned int period_us;
	atomic_int stop;
};

static void *periodic_main(void *arg)
{
	struct periodic *p = arg;
	struct timespec next;

	clock_gettime(CLOCK_MONOTONIC, &next);
	while (!atomic_load_explicit(&p->stop, memory_order_acquire)) {
		/* Absolute deadlines: the period does not drift with the
		 * time periodic() itself takes. */
		next.tv_nsec += (long)p->period_us * 1000L;
		while (next.tv_nsec >= 1000000000L) {
			next.tv_nsec -= 1000000000L;
			next.tv_sec++;
		}
		clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);
		if (p->ctx && p->ctx->ops->periodic)
			p->ctx->ops->periodic(p->ctx);
	}
	return NULL;
}

int swtlb_bench_periodic_start(struct swtlb_bench_run *run, char *err,
			       size_t errlen)
{
	/* No pool (the harness): the ticker alone. */
	struct swtlb_scheme_ctx *ctx =
	    run->pool ? swtlb_scheme_ctx(run->pool) : NULL;
	bool has_periodic = ctx && ctx->ops && ctx->ops->periodic;
	struct periodic *p;
	int e;

	run->periodic = NULL;
	if (!has_periodic && !run->env->opts->ticker)
		return 0;
	p = calloc(1, sizeof(*p));
	if (!p) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	p->ctx = ctx;
	p->period_us = run->env->opts->sample_us;
	atomic_init(&p->stop, 0);
	e = pthread_create(&p->thread, NULL, periodic_main, p);
	if (e) {
		snprintf(err, errlen, "cannot start a thread: %s", strerror(e));
		free(p);
		return -1;
	}
	run->periodic = p;
	return 0;
}

void swtlb_bench_periodic_stop(struct swtlb_bench_run *run)
{
	struct periodic *p = run->periodic;

	if (!p)
		return;
	atomic_store_explicit(&p->stop, 1, memory_order_release);
	pthread_join(p->thread, NULL);
	free(p);
	run->periodic = NULL;
}
