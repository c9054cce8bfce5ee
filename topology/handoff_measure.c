// SPDX-License-Identifier: GPL-2.0-only
/*
 * topology/handoff_measure.c: one cache line handed between two pinned
 * CPUs, as core-to-core-latency measures it (see topology/handoff.h).
 *
 * The initiator on CPU a writes an odd sequence number into the line and
 * spins until the responder on CPU b has written the next even one: one
 * round trip moves the line a -> b -> a, two hand-offs. The line is alone
 * on its 64 bytes; the stop flag lives on a line of its own that is only
 * written once, at the end, so the responder's check of it stays a local
 * read. Both threads get their CPU through pthread attributes, before they
 * run, and check it with sched_getcpu().
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "topology/handoff.h"

/* The pair is given up past this many budgets, or HARD_LIMIT_MIN_NS if
 * longer: a loaded host may leave a partner unscheduled for a while. */
#define HARD_LIMIT_BUDGETS 10
#define HARD_LIMIT_MIN_NS  1000000000LL
#define MIN_SAMPLES	   3

struct pingpong {
	_Alignas(64) atomic_uint line;
	char pad0[64 - sizeof(atomic_uint)];
	_Alignas(64) atomic_int stop;
	char pad1[64 - sizeof(atomic_int)];
	pthread_barrier_t ready;
	unsigned int cpu[2];
	int64_t budget_ns;
	unsigned int max_samples;
	double *samples;
	unsigned int nsamples;
	int bad_cpu[2]; /* sched_getcpu() when it was not the planned CPU */
	bool gave_up;
};

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static inline void cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#endif
}

static void *responder(void *arg)
{
	struct pingpong *p = arg;
	unsigned int seen = 0;

	if (sched_getcpu() != (int)p->cpu[1])
		p->bad_cpu[1] = sched_getcpu();
	pthread_barrier_wait(&p->ready);
	if (p->bad_cpu[0] >= 0 || p->bad_cpu[1] >= 0)
		return NULL;
	while (!atomic_load_explicit(&p->stop, memory_order_relaxed)) {
		unsigned int v =
		    atomic_load_explicit(&p->line, memory_order_acquire);

		if (v == seen || !(v & 1)) {
			cpu_relax();
			continue;
		}
		seen = v + 1;
		atomic_store_explicit(&p->line, seen, memory_order_release);
	}
	return NULL;
}

/* One sample: SWTLB_HANDOFF_TRIPS round trips; false if past hard_end. */
static bool one_sample(struct pingpong *p, unsigned int *seq, int64_t hard_end,
		       double *ns)
{
	int64_t t0 = now_ns();

	for (unsigned int k = 0; k < SWTLB_HANDOFF_TRIPS; k++) {
		unsigned int spins = 0;

		atomic_store_explicit(&p->line, *seq + 1, memory_order_release);
		while (atomic_load_explicit(&p->line, memory_order_acquire) !=
		       *seq + 2) {
			cpu_relax();
			if (++spins % 4096 == 0 && now_ns() > hard_end)
				return false;
		}
		*seq += 2;
	}
	*ns = (double)(now_ns() - t0) / SWTLB_HANDOFF_TRIPS;
	return true;
}

static int64_t hard_limit_ns(int64_t budget_ns)
{
	int64_t limit = HARD_LIMIT_BUDGETS * budget_ns;

	return limit > HARD_LIMIT_MIN_NS ? limit : HARD_LIMIT_MIN_NS;
}

static void *initiator(void *arg)
{
	struct pingpong *p = arg;
	unsigned int seq = 0;
	int64_t start, hard_end;

	if (sched_getcpu() != (int)p->cpu[0])
		p->bad_cpu[0] = sched_getcpu();
	pthread_barrier_wait(&p->ready);
	if (p->bad_cpu[0] >= 0 || p->bad_cpu[1] >= 0)
		return NULL;
	start = now_ns();
	hard_end = start + hard_limit_ns(p->budget_ns);
	while (p->nsamples < p->max_samples &&
	       (p->nsamples < MIN_SAMPLES || now_ns() - start < p->budget_ns)) {
		if (!one_sample(p, &seq, hard_end, &p->samples[p->nsamples])) {
			p->gave_up = true;
			break;
		}
		p->nsamples++;
	}
	atomic_store_explicit(&p->stop, 1, memory_order_relaxed);
	return NULL;
}

static int start_pinned(pthread_t *t, unsigned int cpu, void *(*fn)(void *),
			void *arg)
{
	pthread_attr_t attr;
	cpu_set_t set;
	int e;

	if (cpu >= CPU_SETSIZE)
		return EINVAL;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	pthread_attr_init(&attr);
	e = pthread_attr_setaffinity_np(&attr, sizeof(set), &set);
	if (!e)
		e = pthread_create(t, &attr, fn, arg);
	pthread_attr_destroy(&attr);
	return e;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static int run_pair(struct pingpong *p, char *err, size_t errlen)
{
	pthread_t t[2];
	int e;

	e = start_pinned(&t[1], p->cpu[1], responder, p);
	if (e) {
		snprintf(err, errlen, "cannot start a thread on cpu %u: %s",
			 p->cpu[1], strerror(e));
		return -1;
	}
	e = start_pinned(&t[0], p->cpu[0], initiator, p);
	if (e) {
		/* The responder waits at the barrier: release it. */
		atomic_store(&p->stop, 1);
		pthread_barrier_wait(&p->ready);
		pthread_join(t[1], NULL);
		snprintf(err, errlen, "cannot start a thread on cpu %u: %s",
			 p->cpu[0], strerror(e));
		return -1;
	}
	pthread_join(t[0], NULL);
	pthread_join(t[1], NULL);
	for (int i = 0; i < 2; i++)
		if (p->bad_cpu[i] >= 0) {
			snprintf(err, errlen,
				 "thread pinned to cpu %u ran on cpu %d",
				 p->cpu[i], p->bad_cpu[i]);
			return -1;
		}
	return 0;
}

int swtlb_handoff_measure(unsigned int a, unsigned int b, int64_t budget_ns,
			  unsigned int max_samples, double *one_way_ns,
			  unsigned int *nsamples, char *err, size_t errlen)
{
	struct pingpong *p;
	int rc = -1;

	if (a == b || max_samples < MIN_SAMPLES || budget_ns <= 0) {
		snprintf(err, errlen, "no hand-off between cpu %u and cpu %u",
			 a, b);
		return -1;
	}
	p = aligned_alloc(64, sizeof(*p));
	if (!p) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	memset(p, 0, sizeof(*p));
	atomic_init(&p->line, 0);
	atomic_init(&p->stop, 0);
	p->cpu[0] = a;
	p->cpu[1] = b;
	p->bad_cpu[0] = p->bad_cpu[1] = -1;
	p->budget_ns = budget_ns;
	p->max_samples = max_samples;
	p->samples = calloc(max_samples, sizeof(*p->samples));
	pthread_barrier_init(&p->ready, NULL, 2);
	if (!p->samples)
		snprintf(err, errlen, "out of memory");
	else if (run_pair(p, err, errlen) == 0) {
		if (p->nsamples < MIN_SAMPLES) {
			snprintf(
			    err, errlen,
			    "cpu %u <-> cpu %u: %u of %d samples in %lld "
			    "ms (a CPU held by something else?)",
			    a, b, p->nsamples, MIN_SAMPLES,
			    (long long)(hard_limit_ns(budget_ns) / 1000000));
		} else {
			qsort(p->samples, p->nsamples, sizeof(double),
			      cmp_double);
			/* Median round trip, halved: one hand-off. */
			*one_way_ns = p->samples[p->nsamples / 2] / 2;
			*nsamples = p->nsamples;
			rc = 0;
		}
	}
	pthread_barrier_destroy(&p->ready);
	free(p->samples);
	free(p);
	return rc;
}
