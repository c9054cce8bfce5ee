// SPDX-License-Identifier: GPL-2.0-only
/* workloads/swiotlb/sim_opts.c: the swiotlb model's options in swtlb-sim
 * (a cli.h table over struct swiotlb_sim) and their defaults. */
#include "workloads/swiotlb/sim_opts.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "counters/periodic.h"
#include "pool/swiotlb.h"
#include "util/outpath.h"
#include "workloads/sim_model.h"
#include "workloads/swiotlb/sim_coherence.h"

#define ERR(...) (snprintf(err, errlen, __VA_ARGS__), -1)
#define SIM(t)	 struct swiotlb_sim *m = (t)

int swiotlb_sim_number(const char *opt, const char *s, unsigned long long lo,
		       unsigned long long hi, unsigned long long *v, char *err,
		       size_t errlen)
{
	if (swtlb_cli_uint(s, lo, hi, v))
		return ERR("%s: \"%s\" is not a number in [%llu, %llu]", opt, s,
			   lo, hi);
	return 0;
}

/* "LO" or "LO-HI" microseconds, into nanoseconds. */
static int service(const char *opt, const char *s, uint64_t *lo, uint64_t *hi,
		   char *err, size_t errlen)
{
	unsigned long long a, b;
	char buf[64], *dash;

	if (strlen(s) >= sizeof(buf))
		return ERR("%s: too long: \"%s\"", opt, s);
	strcpy(buf, s);
	dash = strchr(buf, '-');
	if (dash == buf || (dash && !dash[1]))
		return ERR("%s: \"%s\" is not N or LO-HI microseconds", opt, s);
	if (dash)
		*dash = '\0';
	if (swiotlb_sim_number(opt, buf, 1, 10000000ULL, &a, err, errlen) ||
	    (dash && swiotlb_sim_number(opt, dash + 1, 1, 10000000ULL, &b, err,
					errlen)))
		return -1;
	b = dash ? b : a;
	if (b < a)
		return ERR("%s: range \"%s\" ends before it starts", opt, s);
	*lo = a * 1000;
	*hi = b * 1000;
	return 0;
}

/* Options that store a number into one field. */
#define NUMBER(fn, opt, lo, hi, field)                                         \
	static int fn(void *t, const char *v, char *err, size_t errlen)        \
	{                                                                      \
		SIM(t);                                                        \
		unsigned long long n;                                          \
                                                                               \
		if (swiotlb_sim_number(opt, v, lo, hi, &n, err, errlen))       \
			return -1;                                             \
		m->field = n;                                                  \
		return 0;                                                      \
	}
NUMBER(set_cpus, "--cpus", 1, 4096, cfg.ncpus)
NUMBER(set_inflight, "--inflight", 1, 4096, cfg.inflight)
NUMBER(set_remote, "--remote-pct", 0, 100, cfg.remote_pct)
NUMBER(set_ios, "--ios", 1, 1ULL << 32, cfg.ios)
NUMBER(set_seed, "--seed", 0, ~0ULL, cfg.seed)
NUMBER(set_sample, "--sample-us", 1, 100000000, cfg.params.period_us)
NUMBER(set_batch, "--batch", 1, 1U << 30, cfg.params.batch)

static int set_grant(void *t, const char *v, char *err, size_t errlen)
{
	SIM(t);
	unsigned long long n;

	if (swiotlb_sim_number("--grant", v, 0, 1U << 24, &n, err, errlen))
		return -1;
	m->cfg.params.grant = (unsigned int)n;
	m->cfg.params.grant_set = true;
	return 0;
}

/* Options that keep their text for resolve(). */
#define TEXT(fn, field)                                                        \
	static int fn(void *t, const char *v, char *err, size_t errlen)        \
	{                                                                      \
		(void)err, (void)errlen;                                       \
		((struct swiotlb_sim *)t)->field = v;                          \
		return 0;                                                      \
	}
TEXT(set_nareas, nareas)
TEXT(set_nslabs, nslabs)
TEXT(set_sizes, sizes)
TEXT(set_small, small)
TEXT(set_trace, trace)

static int set_min_align(void *t, const char *v, char *err, size_t errlen)
{
	SIM(t);
	unsigned long long n;

	if (swtlb_cli_mask(v, 0xffff, &n))
		return ERR("--min-align-mask: \"%s\" is not a mask in [0, "
			   "0xffff]",
			   v);
	if (n & (n + 1))
		return ERR("--min-align-mask: %s is not 2^k - 1", v);
	m->cfg.min_align_mask = (unsigned int)n;
	return 0;
}

static int set_service(void *t, const char *v, char *err, size_t errlen)
{
	SIM(t);

	return service("--service-us", v, &m->cfg.svc_lo_ns, &m->cfg.svc_hi_ns,
		       err, errlen);
}

static int set_toggle(void *t, const char *v, char *err, size_t errlen)
{
	(void)v, (void)err, (void)errlen;
	((struct swiotlb_sim *)t)->cfg.params.enabled = true;
	return 0;
}

static int set_scenario(void *t, const char *v, char *err, size_t errlen)
{
	SIM(t);

	if (!strcmp(v, "loop"))
		m->cfg.loop = true;
	else if (!strcmp(v, "mkelley"))
		m->cfg.mkelley = true;
	else
		return ERR("--scenario: unknown scenario \"%s\" (known: "
			   "mkelley, loop)",
			   v);
	return 0;
}

static int set_area_layout(void *t, const char *v, char *err, size_t errlen)
{
	SIM(t);

	if (strcmp(v, "packed") && strcmp(v, "padded"))
		return ERR("--area-layout: \"%s\" is not packed or padded", v);
	m->cfg.padded_areas = !strcmp(v, "padded");
	return 0;
}

/* The coherence model's flags (sim_coherence.h). */
static int set_model(void *t, const char *v, char *err, size_t errlen)
{
	(void)v, (void)err, (void)errlen;
	((struct swiotlb_sim *)t)->model.on = true;
	return 0;
}

static int set_topology(void *t, const char *v, char *err, size_t errlen)
{
	SIM(t);

	(void)err, (void)errlen;
	m->model.topology = v;
	m->model.flags = true;
	return 0;
}

static int set_model_out(void *t, const char *v, char *err, size_t errlen)
{
	SIM(t);

	(void)err, (void)errlen;
	m->model.out = v;
	m->model.flags = true;
	return 0;
}

/* Latency of one transfer per distance class: a flag wins over
 * --lat-from's figure for its class. */
#define LATENCY(fn, opt, cls)                                                  \
	static int fn(void *t, const char *v, char *err, size_t errlen)        \
	{                                                                      \
		SIM(t);                                                        \
		unsigned long long n;                                          \
                                                                               \
		if (swiotlb_sim_number(opt, v, 0, 100000000, &n, err, errlen)) \
			return -1;                                             \
		m->model.lat.ns[cls] = (double)n;                              \
		m->model.lat_src[cls] = MODEL_LAT_FLAG;                        \
		m->model.flags = true;                                         \
		return 0;                                                      \
	}
LATENCY(set_lat_smt, "--lat-smt", SWTLB_MODEL_DIST_SMT)
LATENCY(set_lat_cache, "--lat-cache", SWTLB_MODEL_DIST_CACHE)
LATENCY(set_lat_package, "--lat-package", SWTLB_MODEL_DIST_PACKAGE)
LATENCY(set_lat_node, "--lat-node", SWTLB_MODEL_DIST_NODE)
LATENCY(set_lat_remote, "--lat-remote", SWTLB_MODEL_DIST_REMOTE)

/* The uncontended map+unmap pair. */
static int set_base_pair(void *t, const char *v, char *err, size_t errlen)
{
	SIM(t);
	unsigned long long n;

	if (swiotlb_sim_number("--base-pair-ns", v, 1, 100000000, &n, err,
			       errlen))
		return -1;
	m->model.lat.base_pair_ns = (double)n;
	m->model.flags = true;
	return 0;
}

static int set_lat_from(void *t, const char *v, char *err, size_t errlen)
{
	SIM(t);

	(void)err, (void)errlen;
	m->model.lat_from = v;
	m->model.flags = true;
	return 0;
}

static int set_big(void *t, const char *v, char *err, size_t errlen)
{
	SIM(t);
	struct swtlb_size_dist d;
	char why[256];

	if (swtlb_sizes_parse(v, &d, why, sizeof(why)) != 0)
		return ERR("--big: %s", why);
	if (d.nitems != 1 || d.items[0].lo != d.items[0].hi)
		return ERR("--big: one size expected, not \"%s\"", v);
	m->cfg.big = d.items[0].lo;
	m->big_set = true;
	return 0;
}

static int set_big_count(void *t, const char *v, char *err, size_t errlen)
{
	SIM(t);
	unsigned long long n;

	if (swiotlb_sim_number("--big-count", v, 1, 1000000, &n, err, errlen))
		return -1;
	m->cfg.big_count = (unsigned int)n;
	m->big_count_set = true;
	return 0;
}

static int set_big_svc(void *t, const char *v, char *err, size_t errlen)
{
	SIM(t);
	uint64_t unused;

	m->big_svc_set = true;
	return service("--big-service-us", v, &m->cfg.big_svc_ns, &unused, err,
		       errlen);
}

const struct swtlb_cli_opt swiotlb_sim_opts[] = {
    {"cpus", true, set_cpus},
    {"nareas", true, set_nareas},
    {"nslabs", true, set_nslabs},
    {"inflight", true, set_inflight},
    {"sizes", true, set_sizes},
    {"service-us", true, set_service},
    {"remote-pct", true, set_remote},
    {"ios", true, set_ios},
    {"min-align-mask", true, set_min_align},
    {"seed", true, set_seed},
    {"sample-us", true, set_sample},
    {"batch", true, set_batch},
    {"grant", true, set_grant},
    {"toggle-on", false, set_toggle},
    {"scenario", true, set_scenario},
    {"small", true, set_small},
    {"big", true, set_big},
    {"big-count", true, set_big_count},
    {"big-service-us", true, set_big_svc},
    {"emit-trace", true, set_trace},
    {"area-layout", true, set_area_layout},
    {"model", false, set_model},
    {"topology", true, set_topology},
    {"lat-smt", true, set_lat_smt},
    {"lat-cache", true, set_lat_cache},
    {"lat-package", true, set_lat_package},
    {"lat-node", true, set_lat_node},
    {"lat-remote", true, set_lat_remote},
    {"lat-from", true, set_lat_from},
    {"base-pair-ns", true, set_base_pair},
    {"model-out", true, set_model_out},
    {NULL, false, NULL},
};

void swiotlb_sim_defaults(void *t)
{
	SIM(t);

	m->cfg = (struct sim_config){
	    .ncpus = 8,
	    .inflight = 16,
	    .svc_lo_ns = 50000,
	    .svc_hi_ns = 500000,
	    .ios = 200000,
	    .seed = 1,
	    .params = {.period_us = SWTLB_DEFAULT_PERIOD_US},
	    .big = 2UL << 20,
	    .big_svc_ns = 1000000,
	    .big_gap_ns = 100000,
	};
	m->nareas = m->nslabs = "auto";
	sim_model_defaults(&m->model);
}
