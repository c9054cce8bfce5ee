// SPDX-License-Identifier: GPL-2.0-only
/* bench/bench/usage.c: what swtlb-bench says about itself without running:
 * its defaults and the --help that states them, --list-schemes,
 * --list-workloads, and the argv split that lets --help win over Google
 * Benchmark. */
#include "bench/bench/opts.h"

#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
    "usage: swtlb-bench [options] [--benchmark_* flags]\n"
    "\n"
    "Measures each accounting scheme on a workload's hot path (swiotlb's\n"
    "map/unmap unless --workload says otherwise):\n"
    "every worker thread is pinned, all start together from a barrier\n"
    "and run for a fixed wall time; one CSV row per configuration and\n"
    "repetition (docs/csv.md), written whole at once.\n"
    "\n"
    "What to run (lists are comma-separated; every combination runs):\n"
    "  --schemes LIST|all      accounting schemes (default all that\n"
    "                          serve the workload)\n"
    "  --layouts LIST          compact, scatter, cores, node:N,\n"
    "                          cpus:LIST (default compact)\n"
    "  --threads LIST          thread counts; 'max' = all the layout\n"
    "                          can place (default 1)\n"
    "  --sizes DIST            4k | 4k-64k | "
    "4k:70,16k:20,64k:9,256k:1\n"
    "                          (default 4k; swiotlb: at most 256k)\n"
    "  --queue-depth N         mappings each thread keeps in flight\n"
    "                          (default 16)\n"
    "  --bounce on|off|both    copy data to/from the bounce buffer\n"
    "                          (default off)\n"
    "  --nareas N|auto         areas; auto = kernel default for this\n"
    "                          host's possible CPUs (default auto)\n"
    "  --nslabs N|auto|coco:MEM\n"
    "                          2 KiB slots; auto = the 64 MiB default\n"
    "                          (rounded as the kernel rounds "
    "swiotlb=);\n"
    "                          coco:MEM = what an x86 confidential "
    "guest\n"
    "                          with MEM of memory gets (6%, 64M..1G),\n"
    "                          e.g. coco:16G\n"
    "  --src-set SIZE|qd       bounce source buffers per thread, "
    "cycled\n"
    "                          (default 1m: 256 x 4 KiB); qd = one "
    "per\n"
    "                          queue slot, hot in L1 (the old loop)\n"
    "  --kconfig dynamic-off|dynamic-on|both\n"
    "                          CONFIG_SWIOTLB_DYNAMIC layout (default\n"
    "                          dynamic-off)\n"
    "  --area-layout packed|padded|both\n"
    "                          kernel's packed areas or one per cache\n"
    "                          line (default packed)\n"
    "  --workload NAME         what runs (default swiotlb; see\n"
    "                          --list-workloads); harness: the same\n"
    "                          loop, empty body (the harness cost)\n"
    "  --param KEY=VALUE       a parameter of the workload; repeat a\n"
    "                          key to sweep it (--list-workloads)\n"
    "\n"
    "Where:\n"
    "  --topology host         must be this machine (synthetic: and "
    "xml:\n"
    "                          topologies only work with --dry-run)\n"
    "  --pool-mem local|node:N|interleave   bounce memory placement\n"
    "  --meta-mem boot|local|node:N|interleave\n"
    "                          io_tlb_mem, area and slot arrays (the\n"
    "                          hot lines); boot = the boot CPU's "
    "node,\n"
    "                          where the kernel puts them (default)\n"
    "  --bounce-pages base|huge\n"
    "                          bounce memory in hugetlb pages; "
    "refused\n"
    "                          when too few are free (default base)\n"
    "  --handoff-ms N          before each thread set: ping-pong one\n"
    "                          cache line between its CPUs, <= N ms a\n"
    "                          pair, into handoff_ns (default 20; 0 "
    "off)\n"
    "  --handoff-each run|rep  that pre-flight once at the start "
    "(run,\n"
    "                          default) or again before each rep's "
    "runs\n"
    "                          (rep: each row gets its own rep's)\n"
    "  --host-facts            print cpufreq, SMT, microcode, "
    "mitigations,\n"
    "                          THP, NUMA balancing, VM; then exit\n"
    "  --host-root DIR         read those from DIR/sys, DIR/proc "
    "(tests)\n"
    "  --oversubscribe         more threads than the layout has "
    "CPUs:\n"
    "                          the plan wraps around (several "
    "threads\n"
    "                          a CPU; see docs/bench.md)\n"
    "\n"
    "How long:\n"
    "  --reps N                repetitions of each configuration (3)\n"
    "  --min-time S            measured seconds per run (default 1)\n"
    "  --benchmark_min_time=S, --benchmark_repetitions=N\n"
    "                          synonyms of --min-time and --reps\n"
    "\n"
    "Scheme knobs:\n"
    "  --sample-us N           period of sampled/hybrid-resync (1000)\n"
    "  --periodic-on auto|worker\n"
    "                          where sampled/hybrid-resync's periodic\n"
    "                          work runs: auto = a thread on a CPU no\n"
    "                          worker uses if there is one, else in\n"
    "                          worker 0's loop when due (default "
    "auto)\n"
    "  --ticker on|off         the old environment: a thread waking\n"
    "                          every --sample-us on worker 0's CPU "
    "for\n"
    "                          every scheme (off)\n"
    "  --batch N               percpu-batch fold size (default the\n"
    "                          kernel's max(32, 2 x CPUs))\n"
    "  --truth                 log used-slot changes, fill "
    "hiwater_truth\n"
    "                          (needs an invariant TSC; adds a fixed\n"
    "                          per-op cost to every scheme)\n"
    "\n"
    "Counters (docs/pmu.md):\n"
    "  --events LIST|default|none\n"
    "                          perf events per thread beside the\n"
    "                          generic ones: libpfm4 names or\n"
    "                          generic names; default = the\n"
    "                          coherence events of this PMU\n"
    "  --list-events           print the PMU, the events and groups\n"
    "\n"
    "Output:\n"
    "  --out FILE              CSV file (default stdout); an existing\n"
    "                          FILE is refused unless --resume\n"
    "  --resume                keep FILE's finished rows, run the "
    "rest\n"
    "  --dry-run               print the planned runs and exit\n"
    "  --phases                a line per run on stderr: set-up,\n"
    "                          fill, window, drain, teardown times\n"
    "  --list-schemes          print the schemes and their contracts\n"
    "  --list-workloads        print the workloads and their "
    "parameters\n"
    "  --help                  this text\n"
    "\n"
    "Google Benchmark flags work too: --benchmark_filter=REGEX "
    "selects\n"
    "runs by name (see --benchmark_list_tests=true), "
    "--benchmark_out=F\n"
    "--benchmark_out_format=json also writes its own report.\n"
    "\n"
    "Examples:\n"
    "  swtlb-bench --schemes none,global-atomic --threads 1,max \\\n"
    "      --min-time 2 --out results.csv\n"
    "  swtlb-bench --layouts compact,scatter --bounce both \\\n"
    "      --area-layout both --sizes 4k:70,16k:20,64k:9,256k:1 --out "
    "r.csv\n"
    "  swtlb-bench --out r.csv --resume      # continue after Ctrl-C\n"
    "  swtlb-bench --workload harness --threads 1,max   # loop "
    "overhead\n"
    "\n"
    "Bad values: one line on stderr, exit status 2. Interrupted "
    "(SIGINT,\n"
    "SIGTERM): finished rows stay, exit status 130/143.\n";

void swtlb_bench_usage(FILE *f)
{
	fputs(usage_text, f);
}

void swtlb_bench_defaults(struct swtlb_bench_opts *o)
{
	memset(o, 0, sizeof(*o));
	for (unsigned int i = 0; swtlb_schemes[i]; i++)
		if (o->nschemes < SWTLB_BENCH_MAX_LIST)
			o->schemes[o->nschemes++] = swtlb_schemes[i];
	strcpy(o->layouts[0], "compact");
	o->nlayouts = 1;
	o->threads[0] = 1;
	o->nthreads = 1;
	strcpy(o->sizes_spec, "4k");
	o->queue_depth = 16;
	o->bounce[0] = false;
	o->nbounce = 1;
	o->kconfigs[0] = SWTLB_DYNAMIC_OFF;
	o->nkconfigs = 1;
	o->area_layouts[0] = SWTLB_AREAS_PACKED;
	o->narea_layouts = 1;
	strcpy(o->pool_mem, "local");
	strcpy(o->meta_mem, "boot");
	o->handoff_ms = 20;
	strcpy(o->host_root, "/");
	strcpy(o->topology, "host");
	o->reps = 3;
	o->min_time = 1.0;
	o->sample_us = 1000;
	o->ticker = false;
	o->periodic_on = SWTLB_TICK_AUTO;
	swtlb_nslabs_spec_parse("auto", &o->nslabs, NULL, 0);
	swtlb_src_set_parse(SWTLB_SRC_SET_DEFAULT, &o->src_set, NULL, 0);
	o->workload = swtlb_workloads[0];
	strcpy(o->events_spec, "default");
	o->schemes_all = true;
}

void swtlb_bench_list_schemes(void)
{
	for (unsigned int i = 0; swtlb_schemes[i]; i++)
		printf("%-16s %s\n", swtlb_schemes[i]->name,
		       swtlb_schemes[i]->contract ? swtlb_schemes[i]->contract
						  : "");
}

void swtlb_bench_list_workloads(void)
{
	for (unsigned int i = 0; swtlb_workloads[i]; i++) {
		const struct swtlb_workload_ops *w = swtlb_workloads[i];

		printf("%-16s %s (one op: %s)\n", w->name, w->summary, w->unit);
		for (unsigned int k = 0; w->params && w->params[k].key; k++)
			printf("  --param %s=%s  %s\n", w->params[k].key,
			       w->params[k].def, w->params[k].help);
	}
}

/*
 * --help must win over Google Benchmark (which would print its own), and
 * --benchmark_min_time / --benchmark_repetitions are ours (each run is one
 * fixed-time iteration): take them out of argv before it sees them. The
 * filter is only peeked at, to count the runs it selects.
 */
int swtlb_bench_split_args(int argc, char **argv, char **ours, int *nours,
			   const char **filter)
{
	int n = 1;

	*nours = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			swtlb_bench_usage(stdout);
			exit(0);
		}
		if (!strncmp(a, "--benchmark_filter=", 19))
			*filter = a + 19;
		if (!strncmp(a, "--benchmark_min_time", 20) ||
		    !strncmp(a, "--benchmark_repetitions", 23)) {
			ours[(*nours)++] = argv[i];
			if (!strchr(a, '=') && i + 1 < argc)
				ours[(*nours)++] = argv[++i];
			continue;
		}
		argv[n++] = argv[i];
	}
	argv[n] = NULL;
	return n;
}
