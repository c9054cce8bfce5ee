/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tests/memcg/memcg_cost.c: swtlb-memcg-cost, the cost of one memcg
 * charge+uncharge pair per scheme at 1 and 2 threads (or --threads LIST),
 * with the ratio to racy-max (the upstream code) of the same run. Not a
 * pass/fail test: it prints figures (docs/memcg.md).
 *
 * Thread t plays CPU t (pinned to online CPU t when there is one) in the
 * workload of workloads/memcg/bench.h. Each run gives every thread `pairs`
 * pairs of get(pages) + put(pages); a pair's cost is the thread's CPU time
 * (--clock wall: wall time) over its pairs, averaged over the threads.
 * Schemes are interleaved run by run; the median of --runs is printed.
 */
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "counters/scheme.h"
#include "workloads/memcg/bench.h"

#define MAX_RUNS    31
#define MAX_THREADS 8
#define MAX_SCHEMES 16

static clockid_t clock_id = CLOCK_THREAD_CPUTIME_ID;

struct job {
	pthread_t thread;
	struct memcg_bench *b;
	unsigned int cpu, pages;
	unsigned long pairs;
	pthread_barrier_t *start;
	double ns;
	int failed;
};

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(clock_id, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static void *run_pairs(void *arg)
{
	struct job *j = arg;
	cpu_set_t set;
	double t0;

	CPU_ZERO(&set);
	CPU_SET(j->cpu, &set);
	sched_setaffinity(0, sizeof(set), &set); /* best effort */
	pthread_barrier_wait(j->start);
	t0 = now_ns();
	for (unsigned long i = 0; i < j->pairs; i++) {
		if (memcg_bench_get(j->b, j->cpu, j->pages)) {
			j->failed = 1;
			break;
		}
		memcg_bench_put(j->b, j->cpu, j->pages);
	}
	j->ns = now_ns() - t0;
	return NULL;
}

/* One run: ns per pair, averaged over threads; < 0 on failure. */
static double one_run(struct memcg_bench_params *p, unsigned long pairs,
		      unsigned int pages)
{
	struct memcg_bench b;
	struct job jobs[MAX_THREADS];
	pthread_barrier_t start;
	char err[256];
	double sum = 0;
	int failed = 0;

	if (memcg_bench_create(&b, p, err, sizeof(err))) {
		fprintf(stderr, "swtlb-memcg-cost: %s\n", err);
		return -1;
	}
	pthread_barrier_init(&start, NULL, p->ncpus);
	for (unsigned int t = 0; t < p->ncpus; t++) {
		jobs[t] = (struct job){.b = &b,
				       .cpu = t,
				       .pages = pages,
				       .pairs = pairs,
				       .start = &start};
		pthread_create(&jobs[t].thread, NULL, run_pairs, &jobs[t]);
	}
	for (unsigned int t = 0; t < p->ncpus; t++) {
		pthread_join(jobs[t].thread, NULL);
		sum += jobs[t].ns / pairs;
		failed |= jobs[t].failed;
	}
	pthread_barrier_destroy(&start);
	if (!failed && memcg_bench_check(&b, err, sizeof(err))) {
		fprintf(stderr, "swtlb-memcg-cost: after the run: %s\n", err);
		failed = 1;
	}
	memcg_bench_destroy(&b);
	return failed ? -1 : sum / p->ncpus;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static unsigned long arg_num(const char *opt, const char *s, unsigned long lo,
			     unsigned long hi)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);

	if (s[0] < '0' || s[0] > '9' || *end || v < lo || v > hi) {
		fprintf(stderr,
			"swtlb-memcg-cost: %s: \"%.40s\" not in "
			"%lu..%lu\n",
			opt, s, lo, hi);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	struct memcg_bench_params p = {.depth = 2,
				       .fanout = 2,
				       .cpus_per_cgroup = 1,
				       .batch = 64,
				       .free_mode = MEMCG_FREE_DIRECT};
	const struct swtlb_scheme_ops *schemes[MAX_SCHEMES];
	unsigned int threads[] = {1, 2}, nschemes = 0, runs = 5, pages = 1;
	unsigned long pairs = 2000000;
	double res[MAX_SCHEMES][2][MAX_RUNS];

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : "";

		if (!strcmp(a, "--pairs"))
			pairs = arg_num(a, v, 1, 1000000000UL), i++;
		else if (!strcmp(a, "--runs"))
			runs = arg_num(a, v, 1, MAX_RUNS), i++;
		else if (!strcmp(a, "--pages"))
			pages = arg_num(a, v, 1, 512), i++;
		else if (!strcmp(a, "--depth"))
			p.depth = arg_num(a, v, 1, 6), i++;
		else if (!strcmp(a, "--fanout"))
			p.fanout = arg_num(a, v, 1, 16), i++;
		else if (!strcmp(a, "--cpus-per-cgroup"))
			p.cpus_per_cgroup = arg_num(a, v, 1, 64), i++;
		else if (!strcmp(a, "--batch"))
			p.batch = arg_num(a, v, 1, 127), i++;
		else if (!strcmp(a, "--free") && !strcmp(v, "stock"))
			p.free_mode = MEMCG_FREE_STOCK, i++;
		else if (!strcmp(a, "--free") && !strcmp(v, "direct"))
			p.free_mode = MEMCG_FREE_DIRECT, i++;
		else if (!strcmp(a, "--clock") && !strcmp(v, "wall"))
			clock_id = CLOCK_MONOTONIC, i++;
		else {
			fprintf(stderr, "usage: swtlb-memcg-cost [--pairs N] "
					"[--runs R] [--pages N] [--depth D] "
					"[--fanout F] [--cpus-per-cgroup K] "
					"[--batch N] [--free stock|direct] "
					"[--clock wall]\n");
			return 2;
		}
	}
	/* racy-max first: the others are compared with it */
	schemes[nschemes++] = swtlb_scheme_find("racy-max");
	for (size_t i = 0; swtlb_schemes[i] && nschemes < MAX_SCHEMES; i++)
		if (swtlb_scheme_serves(swtlb_schemes[i], SWTLB_SERVES_MEMCG) &&
		    swtlb_schemes[i] != schemes[0])
			schemes[nschemes++] = swtlb_schemes[i];
	for (unsigned int r = 0; r < runs; r++)
		for (unsigned int ti = 0; ti < 2; ti++)
			for (unsigned int s = 0; s < nschemes; s++) {
				p.ncpus = threads[ti];
				p.scheme = schemes[s];
				res[s][ti][r] = one_run(&p, pairs, pages);
				if (res[s][ti][r] < 0)
					return 1;
			}
	printf("memcg charge+uncharge pair, %u page(s), depth %u fan-out %u, "
	       "%u CPU(s) per cgroup, batch %u, free %s; median of %u runs "
	       "of %lu pairs\n",
	       pages, p.depth, p.fanout, p.cpus_per_cgroup, p.batch,
	       p.free_mode == MEMCG_FREE_STOCK ? "stock" : "direct", runs,
	       pairs);
	printf("%-14s %12s %8s %12s %8s\n", "scheme", "1 thread ns", "ratio",
	       "2 threads ns", "ratio");
	for (unsigned int s = 0; s < nschemes; s++) {
		double med[2];

		for (unsigned int ti = 0; ti < 2; ti++) {
			qsort(res[s][ti], runs, sizeof(double), cmp_double);
			med[ti] = res[s][ti][runs / 2];
		}
		qsort(res[0][0], runs, sizeof(double), cmp_double);
		printf("%-14s %12.1f %8.2f %12.1f %8.2f\n", schemes[s]->name,
		       med[0], med[0] / res[0][0][runs / 2], med[1],
		       med[1] / res[0][1][runs / 2]);
	}
	return fflush(stdout) ? 1 : 0;
}
