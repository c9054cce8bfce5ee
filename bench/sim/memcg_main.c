/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/sim/memcg_main.c: swtlb-sim --workload memcg, the command line and
 * the table: per scheme, the true peak of pages held under the root, the
 * memory.peak it reports, the over-report and the stock's bound.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench/sim/memcg.h"
#include "counters/scheme.h"
#include "workloads/memcg/memcg.h"

#define PROG "swtlb-sim"

static void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, PROG ": ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

static uint64_t number(const char *opt, const char *text, uint64_t min,
		       uint64_t max)
{
	char *end;
	unsigned long long v;

	if (text[0] < '0' || text[0] > '9')
		die("%s: \"%.40s\" is not a number", opt, text);
	v = strtoull(text, &end, 10);
	if (*end || v < min || v > max)
		die("%s: %.40s is not in %" PRIu64 "..%" PRIu64, opt, text, min,
		    max);
	return v;
}

static void usage(void)
{
	printf("usage: " PROG " --workload memcg [--scenario hierarchy64] "
	       "[options]\n"
	       "Deterministic simulation of the memcg charge path (per-CPU "
	       "stock in front of\nthe page_counter tree): every scheme's "
	       "memory.peak against the true peak.\n\n"
	       "  --schemes LIST|all   memcg schemes (default all)\n"
	       "  --cpus N             virtual CPUs (default 8)\n"
	       "  --depth D            levels below the root (default 2)\n"
	       "  --fanout F           children per memcg (default 4)\n"
	       "  --leaves-per-cpu K   leaves one CPU's tasks charge "
	       "(default 2)\n"
	       "  --batch N            MEMCG_CHARGE_BATCH, 1..127 (default "
	       "64)\n"
	       "  --cgroup v1|v2       counter flags (default v2)\n"
	       "  --sizes SPEC         charge sizes in bytes, as swtlb-bench "
	       "(default\n"
	       "                       4k:90,16k:8,2m:2)\n"
	       "  --inflight N         charges a CPU keeps (default 64)\n"
	       "  --remote-pct P       frees on another CPU (default 10)\n"
	       "  --direct-pct P       frees straight to the counters "
	       "(default 50)\n"
	       "  --ops N              operations (default 200000)\n"
	       "  --sample-ops N       sampled's period in ops (default "
	       "1000)\n"
	       "  --seed S             (default 1)\n"
	       "  --scenario hierarchy64  64 CPUs, depth 2, fan-out 4 (16 "
	       "leaves), 4 leaves\n"
	       "                       per CPU (16 CPUs per leaf)\n");
}

enum {
	O_WL = 256,
	O_SCHEMES,
	O_CPUS,
	O_DEPTH,
	O_FANOUT,
	O_LPC,
	O_BATCH,
	O_CG,
	O_SIZES,
	O_INFL,
	O_REMOTE,
	O_DIRECT,
	O_OPS,
	O_SAMPLE,
	O_SEED,
	O_SCEN,
	O_HELP
};

static const struct option long_opts[] = {
    {"workload", required_argument, NULL, O_WL},
    {"schemes", required_argument, NULL, O_SCHEMES},
    {"cpus", required_argument, NULL, O_CPUS},
    {"depth", required_argument, NULL, O_DEPTH},
    {"fanout", required_argument, NULL, O_FANOUT},
    {"leaves-per-cpu", required_argument, NULL, O_LPC},
    {"batch", required_argument, NULL, O_BATCH},
    {"cgroup", required_argument, NULL, O_CG},
    {"sizes", required_argument, NULL, O_SIZES},
    {"inflight", required_argument, NULL, O_INFL},
    {"remote-pct", required_argument, NULL, O_REMOTE},
    {"direct-pct", required_argument, NULL, O_DIRECT},
    {"ops", required_argument, NULL, O_OPS},
    {"sample-ops", required_argument, NULL, O_SAMPLE},
    {"seed", required_argument, NULL, O_SEED},
    {"scenario", required_argument, NULL, O_SCEN},
    {"help", no_argument, NULL, O_HELP},
    {NULL, 0, NULL, 0},
};

static void set_option(int opt, const char *arg, struct memcg_sim_params *p,
		       const char **schemes, const char **sizes)
{
	switch (opt) {
	case O_WL:
		if (strcmp(arg, "memcg"))
			die("--workload: \"%.40s\" is not memcg", arg);
		break;
	case O_SCHEMES:
		*schemes = arg;
		break;
	case O_CPUS:
		p->ncpus = number("--cpus", arg, 1, MEMCG_MAX_CPUS);
		break;
	case O_DEPTH:
		p->depth = number("--depth", arg, 0, 8);
		break;
	case O_FANOUT:
		p->fanout = number("--fanout", arg, 1, 64);
		break;
	case O_LPC:
		p->leaves_per_cpu = number("--leaves-per-cpu", arg, 1, 64);
		break;
	case O_BATCH:
		p->batch = number("--batch", arg, 1, 127);
		break;
	case O_CG:
		if (strcmp(arg, "v1") && strcmp(arg, "v2"))
			die("--cgroup: \"%.40s\" is not v1 or v2", arg);
		p->v1 = arg[1] == '1';
		break;
	case O_SIZES:
		*sizes = arg;
		break;
	case O_INFL:
		p->inflight = number("--inflight", arg, 1, 4096);
		break;
	case O_REMOTE:
		p->remote_pct = number("--remote-pct", arg, 0, 100);
		break;
	case O_DIRECT:
		p->direct_pct = number("--direct-pct", arg, 0, 100);
		break;
	case O_OPS:
		p->ops = number("--ops", arg, 1, 1ULL << 32);
		break;
	case O_SAMPLE:
		p->sample_ops = number("--sample-ops", arg, 1, 1 << 30);
		break;
	case O_SEED:
		p->seed = number("--seed", arg, 0, UINT64_MAX);
		break;
	case O_SCEN:
		if (strcmp(arg, "hierarchy64"))
			die("--scenario: unknown \"%.40s\" (hierarchy64)", arg);
		*p = (struct memcg_sim_params){.ncpus = 64,
					       .depth = 2,
					       .fanout = 4,
					       .leaves_per_cpu = 4,
					       .batch = p->batch,
					       .v1 = p->v1,
					       .inflight = p->inflight,
					       .remote_pct = p->remote_pct,
					       .direct_pct = p->direct_pct,
					       .ops = p->ops,
					       .sample_ops = p->sample_ops,
					       .seed = p->seed};
		break;
	default:
		usage();
		exit(0);
	}
}

/* The schemes that serve memcg, from "all" or a comma-separated list. */
static size_t pick_schemes(const char *list,
			   const struct swtlb_scheme_ops **out, size_t cap)
{
	size_t n = 0;

	if (!strcmp(list, "all")) {
		for (size_t i = 0; swtlb_schemes[i] && n < cap; i++)
			if (swtlb_scheme_serves(swtlb_schemes[i],
						SWTLB_SERVES_MEMCG))
				out[n++] = swtlb_schemes[i];
		return n;
	}
	for (const char *s = list; *s && n < cap;) {
		size_t len = strcspn(s, ",");
		char name[64];

		if (len == 0 || len >= sizeof(name))
			die("--schemes: bad list \"%.40s\"", list);
		memcpy(name, s, len);
		name[len] = 0;
		out[n] = swtlb_scheme_find(name);
		if (!out[n] || !swtlb_scheme_serves(out[n], SWTLB_SERVES_MEMCG))
			die("--schemes: \"%s\" is not a memcg scheme", name);
		n++;
		s += len + (s[len] == ',');
	}
	return n;
}

static void print_row(const struct swtlb_scheme_ops *ops,
		      const struct memcg_sim_result *r)
{
	if (!r->has_peak) {
		printf("%-14s %10" PRIu64 " %10s %10s %8s %9" PRIu64
		       "  (no memory.peak)\n",
		       ops->name, r->root_true, "-", "-", "-", r->root_bound);
		return;
	}
	printf("%-14s %10" PRIu64 " %10" PRIu64 " %10" PRId64
	       " %7.1f%% %9" PRIu64 " %7" PRId64 "/%" PRIu64 "\n",
	       ops->name, r->root_true, r->root_peak,
	       (int64_t)(r->root_peak - r->root_true),
	       r->root_true ? 100.0 * ((double)r->root_peak - r->root_true) /
				  r->root_true
			    : 0.0,
	       r->root_bound, r->worst_over, r->worst_bound);
}

int memcg_sim_main(int argc, char **argv)
{
	struct memcg_sim_params p = {.ncpus = 8,
				     .depth = 2,
				     .fanout = 4,
				     .leaves_per_cpu = 2,
				     .batch = 64,
				     .inflight = 64,
				     .remote_pct = 10,
				     .direct_pct = 50,
				     .ops = 200000,
				     .sample_ops = 1000,
				     .seed = 1};
	const char *schemes = "all", *sizes = "4k:90,16k:8,2m:2";
	const struct swtlb_scheme_ops *list[32];
	char err[256];
	size_t n;
	int opt;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":", long_opts, NULL)) != -1) {
		if (opt == ':')
			die("%s needs a value (try --help)", argv[optind - 1]);
		if (opt == '?')
			die("unknown option \"%s\" (try --help)",
			    argv[optind - 1]);
		set_option(opt, optarg, &p, &schemes, &sizes);
	}
	if (optind < argc)
		die("unexpected argument \"%.40s\"", argv[optind]);
	if (p.direct_pct + p.remote_pct > 100)
		die("--direct-pct + --remote-pct is over 100");
	if (swtlb_sizes_parse(sizes, &p.sizes, err, sizeof(err)))
		die("--sizes: %s", err);
	n = pick_schemes(schemes, list, sizeof(list) / sizeof(list[0]));
	printf("memcg: %u virtual CPUs, depth %u x fan-out %u, %u leaves per "
	       "CPU, batch %u, %s,\n       sizes %s, %u in flight per CPU, "
	       "%u%% remote / %u%% direct frees, %lu ops, seed %" PRIu64 "\n",
	       p.ncpus, p.depth, p.fanout, p.leaves_per_cpu, p.batch,
	       p.v1 ? "v1" : "v2", sizes, p.inflight, p.remote_pct,
	       p.direct_pct, p.ops, p.seed);
	printf("%-14s %10s %10s %10s %8s %9s %s\n", "scheme", "root_true",
	       "root_peak", "over", "over%", "bound", "worst_over/bound");
	for (size_t i = 0; i < n; i++) {
		struct memcg_sim_result r;

		if (memcg_sim_run(&p, list[i], &r, err, sizeof(err)))
			die("%s: %s", list[i]->name, err);
		if (i == 0)
			printf("(%u memcgs, %u leaves; %lu charges, %lu from "
			       "the stock; largest root usage %" PRIu64 ")\n",
			       r.nmemcgs, r.nleaves, r.charges, r.stock_hits,
			       r.root_usage_max);
		print_row(list[i], &r);
	}
	return fflush(stdout) ? 2 : 0;
}
