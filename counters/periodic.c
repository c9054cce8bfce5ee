/* SPDX-License-Identifier: GPL-2.0-only */
/* counters/periodic.c: a thread calling ops->periodic every period. */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "counters/periodic.h"

struct swtlb_periodic {
	struct swtlb_scheme_ctx *ctx;
	unsigned long period_ns;
	atomic_bool stop;
	unsigned long calls;
	pthread_t thread;
};

static void *periodic_main(void *arg)
{
	struct swtlb_periodic *p = arg;
	struct timespec next;

	clock_gettime(CLOCK_MONOTONIC, &next);
	while (!atomic_load_explicit(&p->stop, memory_order_acquire)) {
		next.tv_nsec += (long)(p->period_ns % 1000000000UL);
		next.tv_sec += (time_t)(p->period_ns / 1000000000UL);
		if (next.tv_nsec >= 1000000000L) {
			next.tv_nsec -= 1000000000L;
			next.tv_sec++;
		}
		while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next,
				       NULL) == EINTR)
			;
		if (atomic_load_explicit(&p->stop, memory_order_acquire))
			break;
		if (p->ctx && p->ctx->ops && p->ctx->ops->periodic) {
			p->ctx->ops->periodic(p->ctx);
			p->calls++;
		}
	}
	return NULL;
}

struct swtlb_periodic *swtlb_periodic_start(struct swtlb_scheme_ctx *ctx,
					    unsigned int period_us, char *err,
					    size_t errlen)
{
	struct swtlb_periodic *p;
	int rc;

	p = calloc(1, sizeof(*p));
	if (!p) {
		snprintf(err, errlen, "periodic: out of memory");
		return NULL;
	}
	p->ctx = ctx;
	p->period_ns =
	    (unsigned long)(period_us ? period_us : SWTLB_DEFAULT_PERIOD_US) *
	    1000UL;
	atomic_init(&p->stop, false);
	rc = pthread_create(&p->thread, NULL, periodic_main, p);
	if (rc != 0) {
		snprintf(err, errlen, "periodic: cannot start thread: %s",
			 strerror(rc));
		free(p);
		return NULL;
	}
	return p;
}

unsigned long swtlb_periodic_stop(struct swtlb_periodic *p)
{
	unsigned long calls;

	if (!p)
		return 0;
	atomic_store_explicit(&p->stop, true, memory_order_release);
	pthread_join(p->thread, NULL);
	calls = p->calls;
	free(p);
	return calls;
}
