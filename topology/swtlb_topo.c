// SPDX-License-Identifier: GPL-2.0-only
/*
 * topology/swtlb_topo.c: swtlb-topo, print a topology summary or the thread
 * plan of a layout, one line per thread, in the format the suite's other
 * tools and the tests parse. Exit 0 ok, 1 runtime failure (binding, output),
 * 2 bad input (one line on stderr naming the problem).
 */
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "topology/handoff.h"
#include "topology/topo_internal.h"
#include "topology/topology.h"
#include "util/num.h"
#include "util/outpath.h"

#define MAX_THREADS 65536u

static const char usage[] =
    "usage: swtlb-topo [--topology T]\n"
    "       swtlb-topo --layout L [--threads N] [--topology T] "
    "[--oversubscribe] [--bind] [--handoff]\n"
    "\n"
    "Without --layout: a summary of the topology (packages, NUMA nodes,\n"
    "cores, PUs, SMT, CPUs of each package and node, layout capacities).\n"
    "With --layout: the plan, one line per thread:\n"
    "  thread=<i> cpu=<os index> core=<core logical index> "
    "package=<package logical index> numa=<numa node logical index>\n"
    "then: summary threads=<N> cores=<distinct> packages=<distinct> "
    "numa=<distinct>\n"
    "\n"
    "  --topology T     host (default), synthetic:<hwloc synthetic desc>,\n"
    "                   xml:<file> (lstopo --of xml export); synthetic and\n"
    "                   XML topologies plan only, they cannot be bound to\n"
    "  --layout L       compact | scatter | cores | node:N (N = NUMA node OS\n"
    "                   index) | cpus:LIST (OS CPU ids, e.g. 0-3,8,10-11)\n"
    "  --threads N      threads to plan (default: what the layout holds)\n"
    "  --oversubscribe  allow more threads than the layout holds: the plan\n"
    "                   wraps around to its first CPU\n"
    "  --bind           host only: start the threads, pin each to its CPU\n"
    "                   and check sched_getcpu(); prints 'bound threads=N'\n"
    "  --handoff        the cache-line hand-off pairs of the plan: its first\n"
    "                   CPU against the first CPU of each distance class\n"
    "                   (smt, cache, die, node, package, cross-package):\n"
    "                   'handoff pair=A-B class=C', then 'handoff weights'\n"
    "                   (ordered thread pairs per class); on the host each\n"
    "                   pair is measured (ping-pong, median, <= 20 ms a\n"
    "                   pair): ns= one way, and 'handoff set ns=' the mean\n"
    "  --help           this text\n"
    "\n"
    "examples:\n"
    "  swtlb-topo\n"
    "  swtlb-topo --topology 'synthetic:pack:2 numa:2 core:8 pu:2'\n"
    "  swtlb-topo --topology 'synthetic:pack:2 numa:2 core:8 pu:2' "
    "--layout scatter --threads 8\n"
    "  swtlb-topo --topology 'synthetic:pack:2 core:8 pu:2(indexes=2*16:1*2)'"
    " --layout cores\n"
    "  swtlb-topo --topology xml:host.xml --layout node:1 --threads 4\n"
    "  swtlb-topo --layout cpus:0-1 --bind\n";

struct options {
	const char *topology;
	const char *layout;
	unsigned int threads; /* 0: the layout's capacity */
	bool oversubscribe;
	bool bind;
	bool handoff;
};

static int bad_input(const char *fmt, const char *arg)
{
	fprintf(stderr, "swtlb-topo: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	return 2;
}

static int parse_threads(const char *s, unsigned int *out)
{
	uint64_t v;

	if (swtlb_parse_u64(s, MAX_THREADS, &v) != SWTLB_NUM_OK || v == 0)
		return -1;
	*out = (unsigned int)v;
	return 0;
}

/* 0 ok, 1 --help printed, 2 bad input (reported). */
static int parse_args(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
	    {"topology", required_argument, NULL, 't'},
	    {"layout", required_argument, NULL, 'l'},
	    {"threads", required_argument, NULL, 'n'},
	    {"oversubscribe", no_argument, NULL, 'o'},
	    {"bind", no_argument, NULL, 'b'},
	    {"handoff", no_argument, NULL, 'H'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	bool threads_given = false;
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (c) {
		case 't':
			o->topology = optarg;
			break;
		case 'l':
			o->layout = optarg;
			break;
		case 'n':
			if (parse_threads(optarg, &o->threads) < 0) {
				char limit[16];

				snprintf(limit, sizeof(limit), "%u",
					 MAX_THREADS);
				fprintf(stderr,
					"swtlb-topo: bad thread count '%s' "
					"(expected 1 to %s)\n",
					optarg, limit);
				return 2;
			}
			threads_given = true;
			break;
		case 'o':
			o->oversubscribe = true;
			break;
		case 'b':
			o->bind = true;
			break;
		case 'H':
			o->handoff = true;
			break;
		case 'h':
			fputs(usage, stdout);
			return 1;
		case ':':
			return bad_input("option '%s' needs a value "
					 "(see --help)",
					 argv[optind - 1]);
		default:
			return bad_input("unknown option '%s' (see --help)",
					 argv[optind - 1]);
		}
	}
	if (optind < argc)
		return bad_input("unexpected argument '%s' (see --help)",
				 argv[optind]);
	if (!o->layout &&
	    (threads_given || o->oversubscribe || o->bind || o->handoff))
		return bad_input("%s needs --layout (see --help)",
				 threads_given	    ? "--threads"
				 : o->oversubscribe ? "--oversubscribe"
				 : o->bind	    ? "--bind"
						    : "--handoff");
	return 0;
}

static bool in_package(const struct swtlb_pu *pu, int pkg)
{
	return pu->package == pkg;
}

static bool in_numa(const struct swtlb_pu *pu, int node)
{
	return pu->numa == node;
}

static bool is_allowed(const struct swtlb_pu *pu, int arg)
{
	(void)arg;
	return pu->allowed;
}

static void print_summary(const struct swtlb_topo *topo)
{
	static const char *const layouts[] = {"compact", "scatter", "cores"};
	char cpus[1024];

	printf("topology: %s (%s)\n", topo->spec,
	       swtlb_topo_is_host(topo) ? "this host: can bind"
	       : topo->source == SWTLB_TOPO_HOST
		   ? "not this host: plan only, cannot bind"
		   : "plan only, cannot bind");
	printf("packages=%u numa_nodes=%u cores=%u pus=%u allowed_pus=%u ",
	       topo->npackages, topo->nnuma, topo->ncores, topo->npus,
	       topo->nallowed);
	if (topo->smt_min == topo->smt_max)
		printf("smt=%u", topo->smt_max);
	else
		printf("smt=%u-%u", topo->smt_min, topo->smt_max);
	printf(" max_cpu=%u\n", topo->max_cpu);
	swtlb_topo_format_cpus(topo, is_allowed, 0, cpus, sizeof(cpus));
	printf("allowed cpus=%s\n", cpus);
	for (unsigned int p = 0; p < topo->npackages; p++) {
		swtlb_topo_format_cpus(topo, in_package, (int)p, cpus,
				       sizeof(cpus));
		printf("package=%u cpus=%s\n", p, cpus);
	}
	for (unsigned int n = 0; n < topo->nnuma; n++) {
		hwloc_obj_t node =
		    hwloc_get_obj_by_type(topo->hw, HWLOC_OBJ_NUMANODE, n);

		swtlb_topo_format_cpus(topo, in_numa, (int)n, cpus,
				       sizeof(cpus));
		printf("numa=%u os_index=%u cpus=%s\n", n, node->os_index,
		       cpus);
	}
	printf("capacity");
	for (size_t i = 0; i < sizeof(layouts) / sizeof(layouts[0]); i++) {
		unsigned int cap = 0;

		if (swtlb_layout_capacity(topo, layouts[i], &cap, NULL, 0) == 0)
			printf(" %s=%u", layouts[i], cap);
	}
	printf("\n");
}

/* Count distinct values of one field over the plan. */
static unsigned int distinct(const unsigned int *vals, unsigned int n)
{
	unsigned int count = 0;

	for (unsigned int i = 0; i < n; i++) {
		unsigned int j = 0;

		while (j < i && vals[j] != vals[i])
			j++;
		count += j == i;
	}
	return count;
}

static void print_plan(const struct swtlb_placement *plan, unsigned int n)
{
	unsigned int *v = malloc(3 * (size_t)n * sizeof(*v));

	for (unsigned int i = 0; i < n; i++)
		printf("thread=%u cpu=%u core=%u package=%u numa=%u\n", i,
		       plan[i].cpu, plan[i].core, plan[i].package,
		       plan[i].numa);
	if (!v) {
		fprintf(stderr, "swtlb-topo: out of memory\n");
		exit(1);
	}
	for (unsigned int i = 0; i < n; i++) {
		v[i] = plan[i].core;
		v[n + i] = plan[i].package;
		v[2 * n + i] = plan[i].numa;
	}
	printf("summary threads=%u cores=%u packages=%u numa=%u\n", n,
	       distinct(v, n), distinct(v + n, n), distinct(v + 2 * n, n));
	free(v);
}

struct bind_job {
	const struct swtlb_topo *topo;
	unsigned int cpu;
	int rc;
	char err[256];
};

static void *bind_thread(void *arg)
{
	struct bind_job *job = arg;

	job->rc =
	    swtlb_bind_self(job->topo, job->cpu, job->err, sizeof(job->err));
	return NULL;
}

/* Start one thread per planned CPU, each pins itself and checks. */
static int bind_plan(const struct swtlb_topo *topo,
		     const struct swtlb_placement *plan, unsigned int n)
{
	struct bind_job *jobs = calloc(n, sizeof(*jobs));
	pthread_t *tids = calloc(n, sizeof(*tids));
	unsigned int started = 0;
	int rc = 0;

	if (!jobs || !tids) {
		fprintf(stderr, "swtlb-topo: out of memory\n");
		rc = 1;
		goto out;
	}
	for (; started < n; started++) {
		jobs[started].topo = topo;
		jobs[started].cpu = plan[started].cpu;
		if (pthread_create(&tids[started], NULL, bind_thread,
				   &jobs[started]) != 0) {
			fprintf(stderr,
				"swtlb-topo: cannot start thread %u to bind\n",
				started);
			rc = 1;
			break;
		}
	}
	for (unsigned int i = 0; i < started; i++) {
		pthread_join(tids[i], NULL);
		if (jobs[i].rc < 0 && rc == 0) {
			fprintf(stderr, "swtlb-topo: thread %u: %s\n", i,
				jobs[i].err);
			rc = 1;
		}
	}
	if (rc == 0)
		printf("bound threads=%u\n", n);
out:
	free(jobs);
	free(tids);
	return rc;
}

/* Hand-off budget per pair for --handoff on the host. */
#define HANDOFF_BUDGET_NS 20000000LL

static int print_handoff(const struct swtlb_topo *topo,
			 const struct swtlb_placement *plan, unsigned int n)
{
	unsigned int *cpus = calloc(n, sizeof(*cpus));
	bool host = swtlb_topo_is_host(topo);
	struct swtlb_handoff_result r;
	char err[512];

	if (!cpus) {
		fprintf(stderr, "swtlb-topo: out of memory\n");
		return 1;
	}
	for (unsigned int i = 0; i < n; i++)
		cpus[i] = plan[i].cpu;
	if (swtlb_handoff_preflight(topo, cpus, n, host ? HANDOFF_BUDGET_NS : 0,
				    &r, err, sizeof(err))) {
		free(cpus);
		return bad_input("%s", err);
	}
	free(cpus);
	for (int i = 0; i < r.npairs; i++) {
		const struct swtlb_handoff_pair *p = &r.pairs[i];

		printf("handoff pair=%u-%u class=%s", p->a, p->b,
		       swtlb_dist_name(p->dist));
		if (host && r.known[p->dist])
			printf(" ns=%.1f samples=%u", r.ns[p->dist],
			       r.samples[p->dist]);
		else if (host)
			printf(" ns=unknown");
		putchar('\n');
	}
	printf("handoff weights");
	for (int d = SWTLB_DIST_SMT; d < SWTLB_DIST_N; d++)
		if (r.weights[d])
			printf(" %s=%llu", swtlb_dist_name((enum swtlb_dist)d),
			       (unsigned long long)r.weights[d]);
	putchar('\n');
	if (host && r.mean_known)
		printf("handoff set ns=%.1f\n", r.mean_ns);
	else if (host)
		printf("handoff set ns=unknown (%s)\n",
		       r.why[0] ? r.why : "no two distinct CPUs");
	return 0;
}

static int run_layout(const struct swtlb_topo *topo, const struct options *o)
{
	struct swtlb_placement *plan;
	unsigned int n = o->threads;
	char err[512];
	int rc;

	if (n == 0 &&
	    swtlb_layout_capacity(topo, o->layout, &n, err, sizeof(err)) < 0)
		return bad_input("%s", err);
	if (o->bind && !swtlb_topo_is_host(topo))
		return bad_input("--bind needs the host topology: '%s' is for "
				 "planning only",
				 topo->spec);
	plan = calloc(n, sizeof(*plan));
	if (!plan) {
		fprintf(stderr, "swtlb-topo: out of memory\n");
		return 1;
	}
	if (swtlb_layout_plan(topo, o->layout, n, o->oversubscribe, plan, err,
			      sizeof(err)) < 0) {
		free(plan);
		return bad_input("%s", err);
	}
	print_plan(plan, n);
	rc = o->bind ? bind_plan(topo, plan, n) : 0;
	if (rc == 0 && o->handoff)
		rc = print_handoff(topo, plan, n);
	free(plan);
	return rc;
}

int main(int argc, char **argv)
{
	struct options o = {0};
	struct swtlb_topo *topo;
	char err[512];
	int rc = parse_args(argc, argv, &o);

	swtlb_check_stdout_at_exit("swtlb-topo");
	if (rc == 1)
		return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
	if (rc)
		return rc;
	topo = swtlb_topo_load(o.topology, err, sizeof(err));
	if (!topo)
		return bad_input("%s", err);
	if (o.layout) {
		rc = run_layout(topo, &o);
	} else {
		print_summary(topo);
		rc = 0;
	}
	swtlb_topo_free(topo);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "swtlb-topo: cannot write the output\n");
		return 1;
	}
	return rc;
}
