// SPDX-License-Identifier: GPL-2.0-only
/* bench/bench/opts.c: swtlb-bench command-line parsing (--help: usage.c). */
#include "bench/bench/opts.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bench/common/cli.h"
#include "util/num.h"

#define ERR(...) (snprintf(err, errlen, __VA_ARGS__), -1)

#include "bench/bench/opts_values.h"

/* One handler per option (cli.h); each names its option when it refuses. */
#define OPTS(t) struct swtlb_bench_opts *o = (t)

static int set_schemes(void *t, const char *v, char *err, size_t errlen)
{
	OPTS(t);

	o->nschemes = 0;
	o->schemes_all = !strcmp(v, "all");
	if (o->schemes_all) {
		for (unsigned int i = 0; swtlb_schemes[i]; i++)
			if (o->nschemes < SWTLB_BENCH_MAX_LIST)
				o->schemes[o->nschemes++] = swtlb_schemes[i];
		return 0;
	}
	if (swtlb_opt_for_each_item(v, swtlb_opt_add_scheme, o))
		return ERR("--schemes %s: unknown scheme or bad list (see "
			   "--list-schemes)",
			   v);
	return 0;
}

static int set_layouts(void *t, const char *v, char *err, size_t errlen)
{
	OPTS(t);

	o->nlayouts = 0;
	return swtlb_opt_for_each_item(v, swtlb_opt_add_layout, o)
		   ? ERR("--layouts %s: bad list", v)
		   : 0;
}

static int set_threads(void *t, const char *v, char *err, size_t errlen)
{
	OPTS(t);

	o->nthreads = 0;
	if (swtlb_opt_for_each_item(v, swtlb_opt_add_threads, o))
		return ERR("--threads %s: want a list of counts 1..4096 or "
			   "'max', e.g. 1,2,4,max",
			   v);
	return 0;
}

static int set_sizes(void *t, const char *v, char *err, size_t errlen)
{
	OPTS(t);
	char why[256];

	if (swtlb_opt_copy_str(o->sizes_spec, sizeof(o->sizes_spec), v) ||
	    swtlb_sizes_parse(v, &o->sizes, why, sizeof(why)))
		return ERR("--sizes %s: %s", v, why);
	return 0;
}

static int set_queue_depth(void *t, const char *v, char *err, size_t errlen)
{
	OPTS(t);
	unsigned long n;

	/* The queue fill takes one pre-generated size a slot. */
	if (swtlb_opt_parse_uint(v, 1, SWTLB_WORKLOAD_NSIZES, &n))
		return ERR("--queue-depth %s: want 1..%u (the sizes "
			   "pre-generated per thread)",
			   v, SWTLB_WORKLOAD_NSIZES);
	o->queue_depth = (unsigned int)n;
	return 0;
}

static int set_bounce(void *t, const char *v, char *err, size_t errlen)
{
	OPTS(t);
	int vals[2];

	if (swtlb_opt_parse_pair(v, "off", "on", vals, &o->nbounce))
		return ERR("--bounce %s: want on, off or both", v);
	for (unsigned int i = 0; i < o->nbounce; i++)
		o->bounce[i] = vals[i];
	return 0;
}

static int set_nareas(void *t, const char *v, char *err, size_t errlen)
{
	OPTS(t);
	unsigned long n = 0;

	if (strcmp(v, "auto") && swtlb_opt_parse_uint(v, 1, 1U << 16, &n))
		return ERR("--nareas %s: want 1..65536 or auto", v);
	o->nareas = (unsigned int)n;
	return 0;
}

static int set_nslabs(void *t, const char *v, char *err, size_t errlen)
{
	OPTS(t);

	return swtlb_nslabs_spec_parse(v, &o->nslabs, err, errlen);
}

static int set_src_set(void *t, const char *v, char *err, size_t errlen)
{
	OPTS(t);

	return swtlb_src_set_parse(v, &o->src_set, err, errlen);
}

static int set_periodic_on(void *t, const char *v, char *err, size_t errlen)
{
	OPTS(t);

	if (strcmp(v, "auto") && strcmp(v, "worker"))
		return ERR("--periodic-on %s: want auto or worker", v);
	o->periodic_on =
	    strcmp(v, "auto") ? SWTLB_TICK_WORKER : SWTLB_TICK_AUTO;
	return 0;
}

static int set_kconfig(void *t, const char *v, char *err, size_t errlen)
{
	OPTS(t);
	int vals[2];

	if (swtlb_opt_parse_pair(v, "dynamic-off", "dynamic-on", vals,
				 &o->nkconfigs))
		return ERR("--kconfig %s: want dynamic-off, dynamic-on or both",
			   v);
	for (unsigned int i = 0; i < o->nkconfigs; i++)
		o->kconfigs[i] = (enum swtlb_kconfig)vals[i];
	return 0;
}

static int set_area_layout(void *t, const char *v, char *err, size_t errlen)
{
	OPTS(t);
	int vals[2];

	if (swtlb_opt_parse_pair(v, "packed", "padded", vals,
				 &o->narea_layouts))
		return ERR("--area-layout %s: want packed, padded or both", v);
	for (unsigned int i = 0; i < o->narea_layouts; i++)
		o->area_layouts[i] = (enum swtlb_area_layout)vals[i];
	return 0;
}

static int set_pool_mem(void *t, const char *v, char *err, size_t errlen)
{
	OPTS(t);

	if (swtlb_opt_copy_str(o->pool_mem, sizeof(o->pool_mem), v) || !*v)
		return ERR("--pool-mem %s: want local, node:N or interleave",
			   v);
	return 0;
}

static int set_topology(void *t, const char *v, char *err, size_t errlen)
{
	OPTS(t);

	if (swtlb_opt_copy_str(o->topology, sizeof(o->topology), v) || !*v)
		return ERR("--topology: value empty or too long");
	return 0;
}

static int set_reps(void *t, const char *v, char *err, size_t errlen)
{
	OPTS(t);
	unsigned long n;

	if (swtlb_opt_parse_uint(v, 1, 1000, &n))
		return ERR("--reps %s: want 1..1000", v);
	o->reps = (unsigned int)n;
	return 0;
}

static int set_min_time(void *t, const char *v, char *err, size_t errlen)
{
	OPTS(t);

	if (swtlb_opt_parse_seconds(v, &o->min_time))
		return ERR("--min-time %s: want seconds > 0 (at most 3600), "
			   "e.g. 0.5",
			   v);
	return 0;
}

static int set_out(void *t, const char *v, char *err, size_t errlen)
{
	OPTS(t);

	if (swtlb_opt_copy_str(o->out, sizeof(o->out), v) || !*v)
		return ERR("--out: file name empty or too long");
	return 0;
}

static int set_sample_us(void *t, const char *v, char *err, size_t errlen)
{
	OPTS(t);
	unsigned long n;

	if (swtlb_opt_parse_uint(v, 1, 10000000, &n))
		return ERR("--sample-us %s: want 1..10000000", v);
	o->sample_us = (unsigned int)n;
	return 0;
}

static int set_batch(void *t, const char *v, char *err, size_t errlen)
{
	OPTS(t);
	unsigned long n;

	if (swtlb_opt_parse_uint(v, 1, 1U << 20, &n))
		return ERR("--batch %s: want 1..1048576 slots", v);
	o->batch = (unsigned int)n;
	return 0;
}

static int set_ticker(void *t, const char *v, char *err, size_t errlen)
{
	OPTS(t);

	if (strcmp(v, "on") && strcmp(v, "off"))
		return ERR("--ticker %s: want on or off", v);
	o->ticker = !strcmp(v, "on");
	return 0;
}

static int set_events(void *t, const char *v, char *err, size_t errlen)
{
	OPTS(t);

	if (swtlb_opt_copy_str(o->events_spec, sizeof(o->events_spec), v))
		return ERR("--events: list too long");
	return 0;
}

static int set_workload(void *t, const char *v, char *err, size_t errlen)
{
	OPTS(t);

	o->workload = swtlb_workload_find(v);
	if (!o->workload)
		return ERR("--workload %s: unknown workload (see "
			   "--list-workloads)",
			   v);
	return 0;
}

static int set_param(void *t, const char *v, char *err, size_t errlen)
{
	OPTS(t);

	if (o->nparams == SWTLB_BENCH_MAX_LIST)
		return ERR("--param %s: more than %u settings", v,
			   SWTLB_BENCH_MAX_LIST);
	o->params[o->nparams++] = v;
	return 0;
}

/* The flags without a value. */
#define FLAG(field)                                                            \
	static int set_##field(void *t, const char *v, char *err,              \
			       size_t errlen)                                  \
	{                                                                      \
		(void)v, (void)err, (void)errlen;                              \
		((struct swtlb_bench_opts *)t)->field = true;                  \
		return 0;                                                      \
	}
FLAG(resume)
FLAG(truth)
FLAG(list_schemes)
FLAG(list_workloads)
FLAG(dry_run)
FLAG(help)
FLAG(host_facts)

/* Issue 12: hand-off pre-flight, hot-line placement, host facts. */
static int set_handoff_ms(void *t, const char *v, char *err, size_t errlen)
{
	OPTS(t);
	unsigned long n;

	if (swtlb_opt_parse_uint(v, 0, 1000, &n))
		return ERR("--handoff-ms %s: want 0..1000 (0: no hand-off "
			   "pre-flight)",
			   v);
	o->handoff_ms = (unsigned int)n;
	return 0;
}

static int set_handoff_each(void *t, const char *v, char *err, size_t errlen)
{
	OPTS(t);

	if (strcmp(v, "run") && strcmp(v, "rep"))
		return ERR("--handoff-each %s: want run (one pre-flight at the "
			   "start) or rep (again before every rep)",
			   v);
	o->handoff_per_rep = !strcmp(v, "rep");
	return 0;
}

static int set_meta_mem(void *t, const char *v, char *err, size_t errlen)
{
	OPTS(t);

	if (swtlb_opt_copy_str(o->meta_mem, sizeof(o->meta_mem), v) || !*v)
		return ERR("--meta-mem %s: want boot, local, node:N or "
			   "interleave",
			   v);
	return 0;
}

static int set_bounce_pages(void *t, const char *v, char *err, size_t errlen)
{
	OPTS(t);

	if (strcmp(v, "base") && strcmp(v, "huge"))
		return ERR("--bounce-pages %s: want base or huge", v);
	o->bounce_huge = !strcmp(v, "huge");
	return 0;
}

static int set_host_root(void *t, const char *v, char *err, size_t errlen)
{
	OPTS(t);

	if (swtlb_opt_copy_str(o->host_root, sizeof(o->host_root), v) || !*v)
		return ERR("--host-root: folder name empty or too long");
	return 0;
}
FLAG(list_events)
FLAG(oversubscribe)
FLAG(phases)

static const struct swtlb_cli_opt bench_opts[] = {
    {"schemes", true, set_schemes},
    {"layouts", true, set_layouts},
    {"threads", true, set_threads},
    {"sizes", true, set_sizes},
    {"queue-depth", true, set_queue_depth},
    {"bounce", true, set_bounce},
    {"nareas", true, set_nareas},
    {"nslabs", true, set_nslabs},
    {"kconfig", true, set_kconfig},
    {"area-layout", true, set_area_layout},
    {"pool-mem", true, set_pool_mem},
    {"topology", true, set_topology},
    {"reps", true, set_reps},
    {"min-time", true, set_min_time},
    {"out", true, set_out},
    {"resume", false, set_resume},
    {"truth", false, set_truth},
    {"sample-us", true, set_sample_us},
    {"batch", true, set_batch},
    {"workload", true, set_workload},
    {"param", true, set_param},
    {"list-schemes", false, set_list_schemes},
    {"list-workloads", false, set_list_workloads},
    {"dry-run", false, set_dry_run},
    {"help", false, set_help},
    {"benchmark_min_time", true, set_min_time},
    {"benchmark_repetitions", true, set_reps},
    {"ticker", true, set_ticker},
    {"src-set", true, set_src_set},
    {"periodic-on", true, set_periodic_on},
    {"handoff-ms", true, set_handoff_ms},
    {"handoff-each", true, set_handoff_each},
    {"meta-mem", true, set_meta_mem},
    {"bounce-pages", true, set_bounce_pages},
    {"host-facts", false, set_host_facts},
    {"host-root", true, set_host_root},
    {"events", true, set_events},
    {"list-events", false, set_list_events},
    {"oversubscribe", false, set_oversubscribe},
    {"phases", false, set_phases},
    {NULL, false, NULL},
};

/* The schemes that serve the workload: "all" keeps those, a named scheme
 * that does not is an error. */
static int check_schemes(struct swtlb_bench_opts *o, char *err, size_t errlen)
{
	unsigned int bit = o->workload->serves, n = 0;

	if (!(o->workload->dims & SWTLB_DIM_SCHEMES))
		return 0;
	for (unsigned int i = 0; i < o->nschemes; i++) {
		if (swtlb_scheme_serves(o->schemes[i], bit))
			o->schemes[n++] = o->schemes[i];
		else if (!o->schemes_all)
			return ERR("--schemes: %s does not serve workload %s "
				   "(see --list-schemes)",
				   o->schemes[i]->name, o->workload->name);
	}
	o->nschemes = n;
	if (!n)
		return ERR("--schemes: none serves workload %s",
			   o->workload->name);
	return 0;
}

/*
 * An option given for a dimension the workload does not have (--schemes
 * with the harness, which maps nothing) would be silently ignored: it is
 * refused instead. NULL, or the first such option's name.
 */
static const char *unused_option(int argc, char **argv,
				 const struct swtlb_bench_opts *o)
{
	static const struct {
		const char *name;
		unsigned int dim;
	} needs[] = {
	    {"schemes", SWTLB_DIM_SCHEMES},
	    {"batch", SWTLB_DIM_SCHEMES},
	    {"sizes", SWTLB_DIM_SIZES},
	    {"bounce", SWTLB_DIM_BOUNCE},
	    {"kconfig", SWTLB_DIM_KCONFIG},
	    {"area-layout", SWTLB_DIM_AREA_LAYOUT},
	    {"nareas", SWTLB_DIM_POOL},
	    {"nslabs", SWTLB_DIM_POOL},
	    {"pool-mem", SWTLB_DIM_POOL},
	    {"src-set", SWTLB_DIM_BOUNCE},
	    {"meta-mem", SWTLB_DIM_POOL},
	    {"bounce-pages", SWTLB_DIM_BOUNCE},
	};

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		size_t n;

		if (strncmp(a, "--", 2))
			continue;
		a += 2;
		n = strcspn(a, "=");
		if (n == 5 && !strncmp(a, "truth", 5) &&
		    !o->workload->truth_units)
			return "truth";
		for (size_t k = 0; k < sizeof(needs) / sizeof(*needs); k++)
			if (strlen(needs[k].name) == n &&
			    !strncmp(a, needs[k].name, n) &&
			    !(o->workload->dims & needs[k].dim))
				return needs[k].name;
	}
	return NULL;
}

int swtlb_bench_parse(int argc, char **argv, struct swtlb_bench_opts *o,
		      char *err, size_t errlen)
{
	const struct swtlb_cli_table table = {bench_opts, o};
	const char *unused;
	char why[256];

	swtlb_bench_defaults(o);
	swtlb_sizes_parse(o->sizes_spec, &o->sizes, why, sizeof(why));
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "-h"))
			o->help = true, argv[i] = "--help";
	if (swtlb_cli_parse(argc, argv, &table, 1, NULL, 0, NULL, err, errlen))
		return -1;
	unused = o->help ? NULL : unused_option(argc, argv, o);
	if (unused)
		return ERR("--workload %s has no use for --%s: refused rather "
			   "than ignored",
			   o->workload->name, unused);
	if (check_schemes(o, err, errlen))
		return -1;
	if (o->workload->max_size &&
	    swtlb_sizes_max(&o->sizes) > o->workload->max_size)
		return ERR("--sizes %s: larger than %s's maximum unit (%zu "
			   "bytes)",
			   o->sizes_spec, o->workload->name,
			   o->workload->max_size);
	if (o->resume && (!o->out[0] || !strcmp(o->out, "-")))
		return ERR("--resume needs --out FILE (the file to continue)");
	/* Encoded now, so a bad name is refused before anything runs. */
	if (swtlb_pmu_events_parse(o->events_spec, &o->events, err, errlen))
		return -1;
	return 0;
}
