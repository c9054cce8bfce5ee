// SPDX-License-Identifier: GPL-2.0-only
/*
 * workloads/memcg/sim.c: the memcg workload's model in swtlb-sim: its
 * options, the hierarchy64 scenario and its CSV cells. The run itself is
 * sim_engine.c. Reported = the root's memory.peak, truth = the largest
 * total of pages users held under it; the scheme-stats column gives the
 * over-report, the stock's bound and the worst non-root counter.
 */
#include <stdio.h>
#include <string.h>

#include "workloads/memcg/memcg.h"
#include "workloads/memcg/sim_engine.h"
#include "workloads/sim_model.h"

struct memcg_sim {
	struct memcg_sim_params p;
	const char *sizes;
	char cpus[32], params[160];
};

#define ERR(...) (snprintf(err, errlen, __VA_ARGS__), -1)
#define SIM(t)	 struct memcg_sim *m = (t)

static int number(const char *opt, const char *s, unsigned long long lo,
		  unsigned long long hi, unsigned long long *v, char *err,
		  size_t errlen)
{
	if (swtlb_cli_uint(s, lo, hi, v))
		return ERR("%s: \"%.40s\" is not a number in [%llu, %llu]", opt,
			   s, lo, hi);
	return 0;
}

#define NUMBER(fn, opt, lo, hi, field)                                         \
	static int fn(void *t, const char *v, char *err, size_t errlen)        \
	{                                                                      \
		SIM(t);                                                        \
		unsigned long long n;                                          \
                                                                               \
		if (number(opt, v, lo, hi, &n, err, errlen))                   \
			return -1;                                             \
		m->p.field = n;                                                \
		return 0;                                                      \
	}

NUMBER(set_cpus, "--cpus", 1, MEMCG_MAX_CPUS, ncpus)
NUMBER(set_depth, "--depth", 0, 8, depth)
NUMBER(set_fanout, "--fanout", 1, 64, fanout)
NUMBER(set_lpc, "--leaves-per-cpu", 1, 64, leaves_per_cpu)
NUMBER(set_batch, "--batch", 1, MEMCG_CHARGE_BATCH_LIMIT, batch)
NUMBER(set_inflight, "--inflight", 1, 4096, inflight)
NUMBER(set_remote, "--remote-pct", 0, 100, remote_pct)
NUMBER(set_direct, "--direct-pct", 0, 100, direct_pct)
NUMBER(set_ops, "--ops", 1, 1ULL << 32, ops)
NUMBER(set_sample, "--sample-ops", 1, 1U << 30, sample_ops)
NUMBER(set_seed, "--seed", 0, ~0ULL, seed)

static int set_sizes(void *t, const char *v, char *err, size_t errlen)
{
	(void)err, (void)errlen;
	((struct memcg_sim *)t)->sizes = v;
	return 0;
}

static int set_cgroup(void *t, const char *v, char *err, size_t errlen)
{
	SIM(t);

	if (strcmp(v, "v1") && strcmp(v, "v2"))
		return ERR("--cgroup: \"%.40s\" is not v1 or v2", v);
	m->p.v1 = v[1] == '1';
	return 0;
}

/* 64 CPUs, root -> 4 -> 16 leaves, 4 leaves per CPU (16 CPUs a leaf). */
static int set_scenario(void *t, const char *v, char *err, size_t errlen)
{
	SIM(t);

	if (strcmp(v, "hierarchy64"))
		return ERR("--scenario: unknown scenario \"%.40s\" (known: "
			   "hierarchy64)",
			   v);
	m->p.ncpus = 64;
	m->p.depth = 2;
	m->p.fanout = 4;
	m->p.leaves_per_cpu = 4;
	return 0;
}

static const struct swtlb_cli_opt memcg_sim_opts[] = {
    {"cpus", true, set_cpus},
    {"depth", true, set_depth},
    {"fanout", true, set_fanout},
    {"leaves-per-cpu", true, set_lpc},
    {"batch", true, set_batch},
    {"cgroup", true, set_cgroup},
    {"sizes", true, set_sizes},
    {"inflight", true, set_inflight},
    {"remote-pct", true, set_remote},
    {"direct-pct", true, set_direct},
    {"ops", true, set_ops},
    {"sample-ops", true, set_sample},
    {"seed", true, set_seed},
    {"scenario", true, set_scenario},
    {NULL, false, NULL},
};

static void memcg_sim_defaults(void *t)
{
	SIM(t);

	m->p = (struct memcg_sim_params){
	    .ncpus = 8,
	    .depth = 2,
	    .fanout = 4,
	    .leaves_per_cpu = 2,
	    .batch = MEMCG_CHARGE_BATCH_DEFAULT,
	    .inflight = 64,
	    .remote_pct = 10,
	    .direct_pct = 50,
	    .ops = 200000,
	    .sample_ops = 1000,
	    .seed = 1,
	};
	m->sizes = "4k:90,16k:8,2m:2";
}

static int memcg_sim_resolve(void *t, const char *out, const char *cmdline,
			     char *err, size_t errlen)
{
	SIM(t);
	double nodes = 1, level = 1;
	char why[256];

	(void)out, (void)cmdline;
	if (m->p.direct_pct + m->p.remote_pct > 100)
		return ERR("--direct-pct + --remote-pct is over 100");
	for (unsigned int d = 0; d < m->p.depth; d++)
		nodes += (level *= m->p.fanout);
	if (nodes > MEMCG_MAX_MEMCGS)
		return ERR("--depth %u x --fanout %u: %.0f memcgs, at most %d",
			   m->p.depth, m->p.fanout, nodes, MEMCG_MAX_MEMCGS);
	if ((unsigned long long)m->p.ncpus * m->p.inflight > (1U << 20))
		return ERR("--cpus x --inflight: at most %u charges held",
			   1U << 20);
	if (swtlb_sizes_parse(m->sizes, &m->p.sizes, why, sizeof(why)))
		return ERR("--sizes: %s", why);
	if (swtlb_sizes_max(&m->p.sizes) > (512UL << 12))
		return ERR("--sizes: at most 2m (a THP, 512 pages)");
	snprintf(m->cpus, sizeof(m->cpus), m->p.ncpus > 1 ? "0-%u" : "0",
		 m->p.ncpus - 1);
	snprintf(m->params, sizeof(m->params),
		 "depth=%u;fanout=%u;leaves_per_cpu=%u;batch=%u;cgroup=%s;"
		 "remote_pct=%u;direct_pct=%u",
		 m->p.depth, m->p.fanout, m->p.leaves_per_cpu, m->p.batch,
		 m->p.v1 ? "v1" : "v2", m->p.remote_pct, m->p.direct_pct);
	return 0;
}

static void memcg_sim_describe(const void *t, FILE *f)
{
	const struct memcg_sim *m = t;

	fprintf(f,
		"swtlb-sim: memcg, %u virtual CPUs, depth %u x fan-out %u, "
		"%u leaves per CPU, batch %u, %s, sizes %s, %u in flight per "
		"CPU, %u%% remote / %u%% direct frees, %lu ops, seed %llu\n",
		m->p.ncpus, m->p.depth, m->p.fanout, m->p.leaves_per_cpu,
		m->p.batch, m->p.v1 ? "v1" : "v2", m->sizes, m->p.inflight,
		m->p.remote_pct, m->p.direct_pct, m->p.ops,
		(unsigned long long)m->p.seed);
}

static int memcg_sim_run_one(void *t, const struct swtlb_scheme_ops *scheme,
			     bool first, struct swtlb_sim_outcome *out,
			     char *err, size_t errlen)
{
	SIM(t);
	struct memcg_sim_result r;

	if (memcg_sim_run(&m->p, scheme, &r, err, errlen))
		return -1;
	if (first)
		fprintf(stderr,
			"(%u memcgs, %u leaves; %lu charges, %lu from the "
			"stock; largest root usage %llu; bound at the root "
			"%u x min(7, %u) x %u = %llu pages)\n",
			r.nmemcgs, r.nleaves, r.charges, r.stock_hits,
			(unsigned long long)r.root_usage_max, m->p.ncpus,
			r.nmemcgs - 1, m->p.batch,
			(unsigned long long)r.root_bound);
	*out = (struct swtlb_sim_outcome){
	    .units = r.charges - r.refused,
	    .failures = r.refused,
	    .has_hiwater = r.has_peak,
	    .reported = r.root_peak,
	    .truth = r.root_true,
	};
	if (r.has_peak)
		snprintf(out->stats, sizeof(out->stats),
			 "over %+lld of bound %llu; worst memcg %u: %+lld of "
			 "%llu",
			 (long long)(r.root_peak - r.root_true),
			 (unsigned long long)r.root_bound, r.worst_id,
			 (long long)r.worst_over,
			 (unsigned long long)r.worst_bound);
	return 0;
}

static void memcg_sim_row(const void *t, struct swtlb_csv_row *row)
{
	const struct memcg_sim *m = t;

	row->layout = "virtual";
	row->threads = m->p.ncpus;
	row->cpus = m->cpus;
	row->numa_nodes = 1;
	row->size_dist = m->sizes;
	row->queue_depth = m->p.inflight;
	row->bounce = false;
	row->workload_params = m->params;
}

const struct swtlb_sim_model swtlb_sim_memcg = {
    .opts = memcg_sim_opts,
    .usage =
	"  --cpus N             virtual CPUs (default 8)\n"
	"  --depth D            levels of memcgs below the root (default 2)\n"
	"  --fanout F           children per memcg (default 4)\n"
	"  --leaves-per-cpu K   leaves one CPU's tasks charge (default 2)\n"
	"  --batch N            MEMCG_CHARGE_BATCH, 1..127 (default 64)\n"
	"  --cgroup v1|v2       counter flags (default v2)\n"
	"  --sizes SPEC         charge sizes in bytes, rounded up to pages, "
	"at most 2m\n"
	"                       (default 4k:90,16k:8,2m:2)\n"
	"  --inflight N         charges a CPU keeps (default 64)\n"
	"  --remote-pct P       frees through another CPU's stock (default "
	"10)\n"
	"  --direct-pct P       frees straight to the counters, folios "
	"(default 50)\n"
	"  --ops N              operations in all (default 200000)\n"
	"  --sample-ops N       sampled's period in operations (default "
	"1000)\n"
	"  --seed S             random seed (default 1)\n"
	"  --scenario hierarchy64  64 CPUs, depth 2 x fan-out 4 (16 leaves), "
	"4 leaves\n"
	"                       per CPU (16 CPUs per leaf)\n",
    .examples = "  swtlb-sim --workload memcg --scenario hierarchy64\n"
		"  swtlb-sim --workload memcg --scenario hierarchy64 --batch "
		"16 --schemes racy-max\n",
    .cfg_size = sizeof(struct memcg_sim),
    .defaults = memcg_sim_defaults,
    .resolve = memcg_sim_resolve,
    .describe = memcg_sim_describe,
    .run = memcg_sim_run_one,
    .row = memcg_sim_row,
};
