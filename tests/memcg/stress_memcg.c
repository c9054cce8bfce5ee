/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tests/memcg/stress_memcg.c: threads, each playing one CPU, charge and
 * uncharge random sizes on random leaves of a 3-level tree through the
 * stock (and directly), for --seconds. Afterwards every stock is drained:
 * every counter must be back at 0 with no underflow warning, the stocks
 * empty and no css reference left (memcg_check_invariants with nothing
 * held). With --exact (for a scheme whose contract is exact under
 * concurrency, global-atomic) every unlimited counter's memory.peak must
 * be at least every usage a thread read after one of its charges (each
 * such value is at most some add_return result). racy-max promises no such
 * thing: a racing stale store can lower it. Run under ThreadSanitizer (tsan).
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "counters/scheme.h"
#include "workloads/memcg/memcg.h"

#define NLEAVES 4
#define MAXHELD 512

struct worker {
	pthread_t thread;
	struct memcg_system *sys;
	struct mem_cgroup **leaves;
	unsigned int cpu;
	uint64_t rng;
	double seconds;
	uint64_t ops;
	unsigned long seen[8]; /* largest usage read, per memcg index */
};

static uint64_t rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void note_usage(struct worker *w, struct mem_cgroup *m)
{
	for (; m; m = m->parent) {
		unsigned long u = page_counter_read(&m->memory);

		if (u > w->seen[m->index])
			w->seen[m->index] = u;
	}
}

static void *work(void *arg)
{
	struct worker *w = arg;
	unsigned int held[NLEAVES] = {0};
	double end = now() + w->seconds;

	while (now() < end) {
		for (int k = 0; k < 256; k++, w->ops++) {
			unsigned int leaf = rnd(&w->rng) % NLEAVES;
			unsigned int n = 1 + rnd(&w->rng) % 8;
			struct mem_cgroup *m = w->leaves[leaf];

			if (rnd(&w->rng) % 16 == 0)
				n = 65 + rnd(&w->rng) % 200; /* a THP-ish */
			if (held[leaf] + n <= MAXHELD && rnd(&w->rng) % 2) {
				if (memcg_try_charge(w->sys, w->cpu, m,
						     MEMCG_GFP_NOWAIT,
						     n) == 0) {
					held[leaf] += n;
					note_usage(w, m);
				}
				continue;
			}
			n = held[leaf] < n ? held[leaf] : n;
			if (!n)
				continue;
			if (rnd(&w->rng) % 4)
				memcg_uncharge_stock(w->sys, w->cpu, m, n);
			else
				memcg_uncharge(w->sys, m, n);
			held[leaf] -= n;
		}
	}
	for (int leaf = 0; leaf < NLEAVES; leaf++)
		if (held[leaf])
			memcg_uncharge(w->sys, w->leaves[leaf], held[leaf]);
	return NULL;
}

int main(int argc, char **argv)
{
	unsigned int nthreads = 4;
	double seconds = 2;
	const char *scheme = "racy-max";
	bool exact = false;
	struct memcg_system sys;
	struct mem_cgroup *root, *mid[2], *leaves[NLEAVES];
	struct worker w[64];
	uint64_t held0[8] = {0};
	char err[256];
	int fails = 0;

	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--seconds"))
			seconds = atof(argv[i + 1]);
		else if (!strcmp(argv[i], "--threads"))
			nthreads = (unsigned int)atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--scheme"))
			scheme = argv[i + 1];
		else if (!strcmp(argv[i], "--exact"))
			exact = !strcmp(argv[i + 1], "yes");
	}
	if (nthreads < 1 || nthreads > 64 || !(seconds > 0)) {
		fprintf(stderr, "stress_memcg: bad arguments\n");
		return 2;
	}
	if (!swtlb_scheme_find(scheme)) {
		fprintf(stderr, "stress_memcg: unknown scheme %s\n", scheme);
		return 2;
	}
	if (memcg_system_init(&sys, nthreads, 64, false,
			      swtlb_scheme_find(scheme), err, sizeof(err))) {
		fprintf(stderr, "stress_memcg: %s\n", err);
		return 2;
	}
	root = memcg_create(&sys, NULL, PAGE_COUNTER_MAX, 0);
	mid[0] = memcg_create(&sys, root, PAGE_COUNTER_MAX, 1);
	mid[1] = memcg_create(&sys, root, 1500, 2); /* refusals happen */
	for (int i = 0; i < NLEAVES; i++)
		leaves[i] = memcg_create(
		    &sys, mid[i / 2], i == 3 ? 700 : PAGE_COUNTER_MAX, 10 + i);
	for (unsigned int t = 0; t < nthreads; t++) {
		w[t] = (struct worker){.sys = &sys,
				       .leaves = leaves,
				       .cpu = t,
				       .rng = 0x9e3779b97f4a7c15ULL * (t + 1),
				       .seconds = seconds};
		if (pthread_create(&w[t].thread, NULL, work, &w[t])) {
			fprintf(stderr, "stress_memcg: pthread_create\n");
			return 2;
		}
	}
	for (unsigned int t = 0; t < nthreads; t++)
		pthread_join(w[t].thread, NULL);
	/* CPU "hot-unplug": every stock drained after its thread is gone */
	for (unsigned int t = 0; t < nthreads; t++)
		memcg_drain_local(&sys, t);
	if (memcg_check_invariants(&sys, held0, false, err, sizeof(err))) {
		fprintf(stderr, "FAIL: %s\n", err);
		fails++;
	}
	for (unsigned int k = 0; k < sys.nmemcgs; k++) {
		struct page_counter *c = &sys.memcgs[k]->memory;

		if (page_counter_read(c) != 0) {
			fprintf(stderr, "FAIL: counter %u usage %lu\n",
				sys.memcgs[k]->id, page_counter_read(c));
			fails++;
		}
	}
	if (page_counter_underflows()) {
		fprintf(stderr, "FAIL: page_counter underflow\n");
		fails++;
	}
	if (atomic_load(&root->memory.watermark) == 0) {
		fprintf(stderr, "FAIL: no watermark after charges\n");
		fails++;
	}
	for (unsigned int k = 0; exact && k < sys.nmemcgs; k++) {
		unsigned long peak = 0;

		/*
		 * A limited counter's usage can show a charge it is about to
		 * refuse (add, compare, subtract); the kernel keeps that out
		 * of its watermark on purpose. Check the unlimited ones.
		 */
		if (atomic_load(&sys.memcgs[k]->memory.max) !=
		    (unsigned long)PAGE_COUNTER_MAX)
			continue;
		memcg_peak(sys.memcgs[k], &peak);
		for (unsigned int t = 0; t < nthreads; t++) {
			if (w[t].seen[k] <= peak)
				continue;
			fprintf(stderr,
				"FAIL: counter %u: memory.peak %lu below "
				"usage %lu that thread %u read\n",
				sys.memcgs[k]->id, peak, w[t].seen[k], t);
			fails++;
		}
	}
	for (unsigned int t = 1; t < nthreads; t++)
		w[0].ops += w[t].ops;
	printf("%s: %u threads, %llu ops, root watermark %lu: %s\n", scheme,
	       nthreads, (unsigned long long)w[0].ops,
	       atomic_load(&root->memory.watermark), fails ? "FAIL" : "ok");
	memcg_system_fini(&sys);
	return fails ? 1 : 0;
}
