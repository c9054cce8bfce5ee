/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tests/pool/pool_cost.c: swtlb-pool-cost, single-threaded map+unmap cost
 * per scheme. Not a pass/fail test: it prints figures (docs/pool.md).
 *
 * One thread pinned to one CPU, the kernel's default pool for this machine
 * (swtlb_default_geometry(online CPUs)), 4 KiB streaming maps (min_align 0,
 * alloc_align 0, no bounce copy), `depth` mappings in flight: each step
 * maps one and unmaps the oldest. The cost of a pair is the wall time of a
 * run divided by its pairs; each scheme gets `runs` runs, interleaved with
 * the other schemes so drifts of the machine hit them all alike; the
 * median is printed with the minimum and maximum.
 *
 * usage: swtlb-pool-cost [--pairs N] [--runs R] [--kconfig dynamic-off|on]
 *                        [--clock thread|wall] [--hooks inline|indirect|both]
 *
 * --hooks indirect runs every scheme with its hooks called through the ops
 * table (the pool before the hot path was compiled per scheme); --hooks both
 * interleaves the two in one run and prints the ratio of their medians, to
 * show what inlining changes.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pool/swiotlb.h"
#include "util/num.h"
#include "util/outpath.h"

#define MAX_RUNS    31
#define MAX_PAIRS   1000000000UL /* ~100 s per run at 100 ns a pair */
#define MAX_SCHEMES 64

/*
 * CPU time of this thread by default: a busy 2-core VM preempts the run,
 * and wall time would count the other processes' slices. --clock wall
 * measures CLOCK_MONOTONIC instead.
 */
static clockid_t clock_id = CLOCK_THREAD_CPUTIME_ID;
static bool hooks_indirect;
static bool hooks_both;

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(clock_id, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* ns per map+unmap pair, or a negative value if a map failed. */
static double one_run(const struct swtlb_scheme_ops *scheme,
		      enum swtlb_kconfig k, unsigned long nslabs,
		      unsigned int nareas, unsigned int ncpus,
		      unsigned int depth, unsigned long pairs, unsigned int cpu)
{
	struct swtlb_config cfg = {
	    .nslabs = nslabs,
	    .nareas = nareas,
	    .kconfig = k,
	    .scheme = scheme,
	    .scheme_params = {.ncpus = ncpus, .batch = 32, .period_us = 1000},
	    .start = SWTLB_DEFAULT_START,
	    .hooks_indirect = hooks_indirect,
	};
	struct swtlb_dev dev = {0, ULONG_MAX};
	uint64_t ring[16];
	char err[256];
	struct swtlb *pool = swtlb_create(&cfg, err, sizeof(err));
	double t0, t1;
	uint64_t orig = 0x200000000ULL;

	if (!pool) {
		fprintf(stderr, "swtlb-pool-cost: %s\n", err);
		exit(2);
	}
	for (unsigned int i = 0; i < depth; i++, orig += 4096)
		ring[i] =
		    swtlb_map(pool, &dev, cpu, orig, 4096, 0, DMA_TO_DEVICE, 0);
	t0 = now_ns();
	for (unsigned long n = 0; n < pairs; n++, orig += 4096) {
		unsigned int slot = n % depth;

		swtlb_unmap(pool, &dev, cpu, ring[slot], 4096, DMA_TO_DEVICE,
			    0);
		ring[slot] =
		    swtlb_map(pool, &dev, cpu, orig, 4096, 0, DMA_TO_DEVICE, 0);
		if (ring[slot] == DMA_MAPPING_ERROR)
			break;
	}
	t1 = now_ns();
	for (unsigned int i = 0; i < depth; i++)
		if (ring[i] != DMA_MAPPING_ERROR)
			swtlb_unmap(pool, &dev, cpu, ring[i], 4096,
				    DMA_TO_DEVICE, 0);
	if (swtlb_used(pool) != 0) {
		fprintf(stderr, "swtlb-pool-cost: used %lu at the end\n",
			swtlb_used(pool));
		exit(2);
	}
	swtlb_destroy(pool);
	return (t1 - t0) / pairs;
}

static void print_table(double ns[][2][MAX_RUNS], unsigned int nschemes,
			unsigned int runs, enum swtlb_kconfig k,
			unsigned long nslabs, unsigned int nareas,
			unsigned long pairs, unsigned int cpu)
{
	printf("# swtlb-pool-cost: %s, hooks %s, pool %lu slots in %u areas, "
	       "4 KiB maps, %lu pairs per run,\n# median of %u runs "
	       "(min..max), ns per map+unmap pair (%s time), 1 thread on CPU "
	       "%u\n",
	       k ? "dynamic-on" : "dynamic-off",
	       hooks_indirect ? "indirect" : "inline", nslabs, nareas, pairs,
	       runs, clock_id == CLOCK_MONOTONIC ? "wall" : "thread CPU", cpu);
	printf("%-16s %-26s %-26s\n", "scheme", "depth 1", "depth 16");
	for (unsigned int s = 0; s < nschemes; s++) {
		printf("%-16s", swtlb_schemes[s]->name);
		for (int d = 0; d < 2; d++) {
			char cell[64];

			qsort(ns[s][d], runs, sizeof(double), cmp_double);
			snprintf(cell, sizeof(cell), "%.1f (%.1f..%.1f)",
				 ns[s][d][runs / 2], ns[s][d][0],
				 ns[s][d][runs - 1]);
			printf(" %-26s", cell);
		}
		printf("\n");
	}
}

/* Inline over indirect, medians of the same interleaved run (sorted). */
static void print_ratios(double ns[2][MAX_SCHEMES][2][MAX_RUNS],
			 unsigned int nschemes, unsigned int runs)
{
	printf("# inline / indirect, ratio of the medians above\n");
	printf("%-16s %-10s %-10s\n", "scheme", "depth 1", "depth 16");
	for (unsigned int s = 0; s < nschemes; s++)
		printf("%-16s %-10.3f %-10.3f\n", swtlb_schemes[s]->name,
		       ns[0][s][0][runs / 2] / ns[1][s][0][runs / 2],
		       ns[0][s][1][runs / 2] / ns[1][s][1][runs / 2]);
}

/* A decimal count: digits only (no sign, no blank), no overflow. On a bad
 * one *end points at a non-empty string so the caller reports it. */
static int parse_count(const char *s, unsigned long *out, char **end)
{
	uint64_t v;

	if (swtlb_parse_u64(s, ULONG_MAX, &v) != SWTLB_NUM_OK) {
		*end = "x";
		return -1;
	}
	*end = "";
	*out = (unsigned long)v;
	return 0;
}

static const char usage[] =
    "usage: swtlb-pool-cost [--pairs N] [--runs R]\n"
    "                       [--kconfig dynamic-off|dynamic-on]\n"
    "                       [--clock thread|wall] [--hooks inline|indirect]\n"
    "Single-threaded ns per map+unmap pair for every scheme, on the\n"
    "kernel's default pool for this machine (docs/pool.md).\n"
    "  --pairs N    map+unmap pairs per run, 1000..1000000000 (2000000)\n"
    "  --runs R     runs per scheme, 1..31; the median is printed (5)\n"
    "  --kconfig K  CONFIG_SWIOTLB_DYNAMIC off (default) or on\n"
    "  --clock C    thread CPU time (default) or wall time\n"
    "  --hooks H    schemes' hooks inlined (default) or called through\n"
    "               the ops table\n";

int main(int argc, char **argv)
{
	unsigned long pairs = 2000000, nslabs;
	unsigned int runs = 5, nareas, nschemes = 0, cpu = 0;
	long online = sysconf(_SC_NPROCESSORS_ONLN);
	enum swtlb_kconfig k = SWTLB_DYNAMIC_OFF;
	static const unsigned int depths[] = {1, 16};
	static double ns[2][MAX_SCHEMES][2][MAX_RUNS];
	unsigned int nvar;
	cpu_set_t set;

	swtlb_check_stdout_at_exit("swtlb-pool-cost");
	for (int i = 1; i < argc; i++) {
		unsigned long v = 0;
		char *end = NULL;

		if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0) {
			fputs(usage, stdout);
			return 0;
		}
		if (strcmp(argv[i], "--pairs") == 0 && i + 1 < argc) {
			if (parse_count(argv[++i], &v, &end) == 0)
				pairs = v;
		} else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc) {
			if (parse_count(argv[++i], &v, &end) == 0 &&
			    v <= MAX_RUNS)
				runs = (unsigned int)v;
			else
				runs = 0; /* reported below */
		} else if (strcmp(argv[i], "--clock") == 0 && i + 1 < argc) {
			i++;
			end = "";
			if (strcmp(argv[i], "wall") == 0)
				clock_id = CLOCK_MONOTONIC;
			else if (strcmp(argv[i], "thread") != 0)
				end = "x";
		} else if (strcmp(argv[i], "--hooks") == 0 && i + 1 < argc) {
			i++;
			end = "";
			if (strcmp(argv[i], "indirect") == 0)
				hooks_indirect = true;
			else if (strcmp(argv[i], "both") == 0)
				hooks_both = true;
			else if (strcmp(argv[i], "inline") != 0)
				end = "x";
		} else if (strcmp(argv[i], "--kconfig") == 0 && i + 1 < argc) {
			i++;
			end = "";
			if (strcmp(argv[i], "dynamic-on") == 0)
				k = SWTLB_DYNAMIC_ON;
			else if (strcmp(argv[i], "dynamic-off") != 0)
				end = "x";
		}
		if (!end || *end || pairs < 1000 || pairs > MAX_PAIRS ||
		    runs < 1 || runs > MAX_RUNS) {
			fprintf(stderr,
				"swtlb-pool-cost: bad argument %s (--pairs "
				"1000..%lu, --runs 1..%d, --kconfig "
				"dynamic-off|dynamic-on, --clock thread|wall, "
				"--hooks inline|indirect|both)\n",
				argv[i], MAX_PAIRS, MAX_RUNS);
			return 2;
		}
	}
	if (online < 1)
		online = 1;
	swtlb_default_geometry((unsigned int)online, &nslabs, &nareas);

	/* raw_smp_processor_id(): the CPU the thread is pinned to. */
	CPU_ZERO(&set);
	CPU_SET(0, &set);
	if (sched_setaffinity(0, sizeof(set), &set) == 0)
		cpu = 0;
	else
		fprintf(stderr, "swtlb-pool-cost: not pinned (CPU id 0 "
				"assumed)\n");

	while (swtlb_schemes[nschemes] && nschemes < MAX_SCHEMES)
		nschemes++;
	nvar = hooks_both ? 2 : 1;
	for (unsigned int r = 0; r < runs; r++)
		for (unsigned int s = 0; s < nschemes; s++)
			for (unsigned int v = 0; v < nvar; v++)
				for (int d = 0; d < 2; d++) {
					if (hooks_both)
						hooks_indirect = v == 1;
					ns[v][s][d][r] = one_run(
					    swtlb_schemes[s], k, nslabs, nareas,
					    (unsigned int)online, depths[d],
					    pairs, cpu);
				}
	for (unsigned int v = 0; v < nvar; v++) {
		if (hooks_both)
			hooks_indirect = v == 1;
		print_table(ns[v], nschemes, runs, k, nslabs, nareas, pairs,
			    cpu);
	}
	if (hooks_both)
		print_ratios(ns, nschemes, runs);
	return fflush(stdout) ? 2 : 0;
}
