// SPDX-License-Identifier: GPL-2.0-only
/* bench/bench/opts.c: swtlb-bench command-line parsing and --help. */
#include "bench/bench/opts.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define ERR(...) (snprintf(err, errlen, __VA_ARGS__), -1)

void swtlb_bench_usage(FILE *f)
{
	fputs(
	    "usage: swtlb-bench [options] [--benchmark_* flags]\n"
	    "\n"
	    "Measures each accounting scheme on the swiotlb map/unmap hot "
	    "path:\n"
	    "every worker thread is pinned, all start together from a barrier\n"
	    "and run for a fixed wall time; one CSV row per configuration and\n"
	    "repetition (shared/design/csv-schema.md), written whole at once.\n"
	    "\n"
	    "What to run (lists are comma-separated; every combination runs):\n"
	    "  --schemes LIST|all      accounting schemes (default all)\n"
	    "  --layouts LIST          compact, scatter, cores, node:N,\n"
	    "                          cpus:LIST (default compact)\n"
	    "  --threads LIST          thread counts; 'max' = all the layout\n"
	    "                          can place (default 1)\n"
	    "  --sizes DIST            4k | 4k-64k | "
	    "4k:70,16k:20,64k:9,256k:1\n"
	    "                          (default 4k; at most 256k)\n"
	    "  --queue-depth N         mappings each thread keeps in flight\n"
	    "                          (default 16)\n"
	    "  --bounce on|off|both    copy data to/from the bounce buffer\n"
	    "                          (default off)\n"
	    "  --nareas N|auto         areas; auto = kernel default for this\n"
	    "                          host's possible CPUs (default auto)\n"
	    "  --nslabs N|auto         2 KiB slots; auto = the 64 MiB default\n"
	    "                          (rounded as the kernel rounds "
	    "swiotlb=)\n"
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
	    "\n"
	    "How long:\n"
	    "  --reps N                repetitions of each configuration (3)\n"
	    "  --min-time S            measured seconds per run (default 1)\n"
	    "  --benchmark_min_time=S, --benchmark_repetitions=N\n"
	    "                          synonyms of --min-time and --reps\n"
	    "\n"
	    "Scheme knobs:\n"
	    "  --sample-us N           period of sampled/hybrid-resync (1000)\n"
	    "  --ticker on|off         wake a thread every --sample-us for "
	    "every\n"
	    "                          scheme, not only the periodic ones, so\n"
	    "                          all run in the same environment (on)\n"
	    "  --batch N               percpu-batch fold size (default the\n"
	    "                          kernel's max(32, 2 x CPUs))\n"
	    "  --truth                 log used-slot changes, fill "
	    "hiwater_truth\n"
	    "                          (needs an invariant TSC; adds a fixed\n"
	    "                          per-op cost to every scheme)\n"
	    "\n"
	    "Output:\n"
	    "  --out FILE              CSV file (default stdout); an existing\n"
	    "                          FILE is refused unless --resume\n"
	    "  --resume                keep FILE's finished rows, run the "
	    "rest\n"
	    "  --dry-run               print the planned runs and exit\n"
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
	    "SIGTERM): finished rows stay, exit status 130/143.\n",
	    f);
}

static void set_defaults(struct swtlb_bench_opts *o)
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
	strcpy(o->topology, "host");
	o->reps = 3;
	o->min_time = 1.0;
	o->sample_us = 1000;
	o->ticker = true;
	o->workload = swtlb_workloads[0];
	o->schemes_all = true;
}

/* Unsigned integer in [lo, hi]; the whole string. */
static int parse_uint(const char *s, unsigned long lo, unsigned long hi,
		      unsigned long *out)
{
	char *end;
	unsigned long v;

	if (!s || !*s || *s == '-' || *s == '+')
		return -1;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

/* Splits a comma list into items; -1 on an empty item. */
static int for_each_item(const char *list, int (*fn)(const char *, void *),
			 void *ctx)
{
	char buf[1024];
	const char *p = list;

	if (!*list)
		return -1;
	while (1) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);

		if (n == 0 || n >= sizeof(buf))
			return -1;
		memcpy(buf, p, n);
		buf[n] = '\0';
		if (fn(buf, ctx))
			return -1;
		if (!comma)
			return 0;
		p = comma + 1;
	}
}

static int add_scheme(const char *name, void *ctx)
{
	struct swtlb_bench_opts *o = ctx;
	const struct swtlb_scheme_ops *s = swtlb_scheme_find(name);

	if (!s || o->nschemes == SWTLB_BENCH_MAX_LIST)
		return -1;
	for (unsigned int i = 0; i < o->nschemes; i++)
		if (o->schemes[i] == s)
			return 0;
	o->schemes[o->nschemes++] = s;
	return 0;
}

static int add_layout(const char *name, void *ctx)
{
	struct swtlb_bench_opts *o = ctx;

	/* "cpus:0,2,compact": items after cpus: that are CPU ids or ranges
	 * belong to its CPU list (the layout string keeps the comma; the CSV
	 * quotes it). */
	if (name[0] >= '0' && name[0] <= '9' && o->nlayouts &&
	    !strncmp(o->layouts[o->nlayouts - 1], "cpus:", 5)) {
		char *last = o->layouts[o->nlayouts - 1];
		size_t len = strlen(last);

		if (len + 1 + strlen(name) >= sizeof(o->layouts[0]))
			return -1;
		last[len] = ',';
		strcpy(last + len + 1, name);
		return 0;
	}
	if (o->nlayouts == SWTLB_BENCH_MAX_LIST ||
	    strlen(name) >= sizeof(o->layouts[0]))
		return -1;
	for (unsigned int i = 0; i < o->nlayouts; i++)
		if (!strcmp(o->layouts[i], name))
			return 0;
	strcpy(o->layouts[o->nlayouts++], name);
	return 0;
}

static int add_threads(const char *s, void *ctx)
{
	struct swtlb_bench_opts *o = ctx;
	unsigned long v;

	if (!strcmp(s, "max"))
		v = SWTLB_BENCH_THREADS_MAX;
	else if (parse_uint(s, 1, 4096, &v))
		return -1;
	for (unsigned int i = 0; i < o->nthreads; i++)
		if (o->threads[i] == v)
			return 0;
	if (o->nthreads == SWTLB_BENCH_MAX_LIST)
		return -1;
	o->threads[o->nthreads++] = (unsigned int)v;
	return 0;
}

/* "a|b|both" -> 1 or 2 values of an enum-like pair. */
static int parse_pair(const char *v, const char *a, const char *b, int *vals,
		      unsigned int *n)
{
	if (!strcmp(v, a)) {
		vals[0] = 0;
		*n = 1;
	} else if (!strcmp(v, b)) {
		vals[0] = 1;
		*n = 1;
	} else if (!strcmp(v, "both")) {
		vals[0] = 0;
		vals[1] = 1;
		*n = 2;
	} else {
		return -1;
	}
	return 0;
}

static int parse_seconds(const char *s, double *out)
{
	char *end;
	double v;

	if (!s || !*s)
		return -1;
	errno = 0;
	v = strtod(s, &end);
	if (*end == 's')
		end++;
	if (errno || *end || !isfinite(v) || v <= 0 || v > 3600)
		return -1;
	*out = v;
	return 0;
}

static int copy_str(char *dst, size_t len, const char *v)
{
	if (strlen(v) >= len)
		return -1;
	strcpy(dst, v);
	return 0;
}

struct opt_def {
	const char *name;
	bool has_arg;
};

static const struct opt_def opt_defs[] = {
    {"schemes", true},
    {"layouts", true},
    {"threads", true},
    {"sizes", true},
    {"queue-depth", true},
    {"bounce", true},
    {"nareas", true},
    {"nslabs", true},
    {"kconfig", true},
    {"area-layout", true},
    {"pool-mem", true},
    {"topology", true},
    {"reps", true},
    {"min-time", true},
    {"out", true},
    {"resume", false},
    {"truth", false},
    {"sample-us", true},
    {"batch", true},
    {"workload", true},
    {"param", true},
    {"list-schemes", false},
    {"list-workloads", false},
    {"dry-run", false},
    {"help", false},
    {"benchmark_min_time", true},
    {"benchmark_repetitions", true},
    {"ticker", true},
};

static int apply(struct swtlb_bench_opts *o, const char *name, const char *v,
		 char *err, size_t errlen)
{
	unsigned long n;
	int vals[2];
	unsigned int nv;

	if (!strcmp(name, "schemes")) {
		o->nschemes = 0;
		o->schemes_all = !strcmp(v, "all");
		if (o->schemes_all) {
			for (unsigned int i = 0; swtlb_schemes[i]; i++)
				if (o->nschemes < SWTLB_BENCH_MAX_LIST)
					o->schemes[o->nschemes++] =
					    swtlb_schemes[i];
			return 0;
		}
		if (for_each_item(v, add_scheme, o))
			return ERR("--schemes %s: unknown scheme or bad list "
				   "(see --list-schemes)",
				   v);
	} else if (!strcmp(name, "layouts")) {
		o->nlayouts = 0;
		if (for_each_item(v, add_layout, o))
			return ERR("--layouts %s: bad list", v);
	} else if (!strcmp(name, "threads")) {
		o->nthreads = 0;
		if (for_each_item(v, add_threads, o))
			return ERR("--threads %s: want a list of counts "
				   "1..4096 or 'max', e.g. 1,2,4,max",
				   v);
	} else if (!strcmp(name, "sizes")) {
		char why[256];

		if (copy_str(o->sizes_spec, sizeof(o->sizes_spec), v) ||
		    swtlb_sizes_parse(v, &o->sizes, why, sizeof(why)))
			return ERR("--sizes %s: %s", v, why);
	} else if (!strcmp(name, "queue-depth")) {
		if (parse_uint(v, 1, 65536, &n))
			return ERR("--queue-depth %s: want 1..65536", v);
		o->queue_depth = (unsigned int)n;
	} else if (!strcmp(name, "bounce")) {
		if (parse_pair(v, "off", "on", vals, &nv))
			return ERR("--bounce %s: want on, off or both", v);
		o->nbounce = nv;
		for (unsigned int i = 0; i < nv; i++)
			o->bounce[i] = vals[i];
	} else if (!strcmp(name, "nareas")) {
		if (!strcmp(v, "auto"))
			o->nareas = 0;
		else if (parse_uint(v, 1, 1U << 16, &n))
			return ERR("--nareas %s: want 1..65536 or auto", v);
		else
			o->nareas = (unsigned int)n;
	} else if (!strcmp(name, "nslabs")) {
		if (!strcmp(v, "auto"))
			o->nslabs = 0;
		else if (parse_uint(v, 1, 1UL << 24, &n))
			return ERR("--nslabs %s: want 1..16777216 (2 KiB "
				   "slots) or auto",
				   v);
		else
			o->nslabs = n;
	} else if (!strcmp(name, "kconfig")) {
		if (parse_pair(v, "dynamic-off", "dynamic-on", vals, &nv))
			return ERR("--kconfig %s: want dynamic-off, "
				   "dynamic-on or both",
				   v);
		o->nkconfigs = nv;
		for (unsigned int i = 0; i < nv; i++)
			o->kconfigs[i] = (enum swtlb_kconfig)vals[i];
	} else if (!strcmp(name, "area-layout")) {
		if (parse_pair(v, "packed", "padded", vals, &nv))
			return ERR("--area-layout %s: want packed, padded or "
				   "both",
				   v);
		o->narea_layouts = nv;
		for (unsigned int i = 0; i < nv; i++)
			o->area_layouts[i] = (enum swtlb_area_layout)vals[i];
	} else if (!strcmp(name, "pool-mem")) {
		if (copy_str(o->pool_mem, sizeof(o->pool_mem), v) || !*v)
			return ERR("--pool-mem %s: want local, node:N or "
				   "interleave",
				   v);
	} else if (!strcmp(name, "topology")) {
		if (copy_str(o->topology, sizeof(o->topology), v) || !*v)
			return ERR("--topology: value empty or too long");
	} else if (!strcmp(name, "reps") ||
		   !strcmp(name, "benchmark_repetitions")) {
		if (parse_uint(v, 1, 1000, &n))
			return ERR("--%s %s: want 1..1000", name, v);
		o->reps = (unsigned int)n;
	} else if (!strcmp(name, "min-time") ||
		   !strcmp(name, "benchmark_min_time")) {
		if (parse_seconds(v, &o->min_time))
			return ERR("--%s %s: want seconds > 0 (at most 3600), "
				   "e.g. 0.5",
				   name, v);
	} else if (!strcmp(name, "out")) {
		if (copy_str(o->out, sizeof(o->out), v) || !*v)
			return ERR("--out: file name empty or too long");
	} else if (!strcmp(name, "sample-us")) {
		if (parse_uint(v, 1, 10000000, &n))
			return ERR("--sample-us %s: want 1..10000000", v);
		o->sample_us = (unsigned int)n;
	} else if (!strcmp(name, "batch")) {
		if (parse_uint(v, 1, 1U << 20, &n))
			return ERR("--batch %s: want 1..1048576 slots", v);
		o->batch = (unsigned int)n;
	} else if (!strcmp(name, "ticker")) {
		if (!strcmp(v, "on"))
			o->ticker = true;
		else if (!strcmp(v, "off"))
			o->ticker = false;
		else
			return ERR("--ticker %s: want on or off", v);
	} else if (!strcmp(name, "workload")) {
		o->workload = swtlb_workload_find(v);
		if (!o->workload)
			return ERR("--workload %s: unknown workload (see "
				   "--list-workloads)",
				   v);
	} else if (!strcmp(name, "param")) {
		if (o->nparams == SWTLB_BENCH_MAX_LIST)
			return ERR("--param %s: more than %u settings", v,
				   SWTLB_BENCH_MAX_LIST);
		o->params[o->nparams++] = v;
	} else if (!strcmp(name, "resume")) {
		o->resume = true;
	} else if (!strcmp(name, "truth")) {
		o->truth = true;
	} else if (!strcmp(name, "list-schemes")) {
		o->list_schemes = true;
	} else if (!strcmp(name, "list-workloads")) {
		o->list_workloads = true;
	} else if (!strcmp(name, "dry-run")) {
		o->dry_run = true;
	} else if (!strcmp(name, "help")) {
		o->help = true;
	}
	return 0;
}

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

int swtlb_bench_parse(int argc, char **argv, struct swtlb_bench_opts *o,
		      char *err, size_t errlen)
{
	char why[256];

	set_defaults(o);
	swtlb_sizes_parse(o->sizes_spec, &o->sizes, why, sizeof(why));
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i], *eq, *value = NULL;
		const struct opt_def *def = NULL;
		char name[64];
		size_t len;

		if (!strcmp(arg, "-h")) {
			o->help = true;
			continue;
		}
		if (strncmp(arg, "--", 2) != 0)
			return ERR("unexpected argument '%s' (options start "
				   "with --; see --help)",
				   arg);
		arg += 2;
		eq = strchr(arg, '=');
		len = eq ? (size_t)(eq - arg) : strlen(arg);
		if (len >= sizeof(name))
			return ERR("unknown option '%s' (see --help)", argv[i]);
		memcpy(name, arg, len);
		name[len] = '\0';
		for (size_t k = 0; k < sizeof(opt_defs) / sizeof(opt_defs[0]);
		     k++)
			if (!strcmp(opt_defs[k].name, name))
				def = &opt_defs[k];
		if (!def)
			return ERR("unknown option '--%s' (see --help)", name);
		if (def->has_arg) {
			if (eq)
				value = eq + 1;
			else if (i + 1 < argc)
				value = argv[++i];
			else
				return ERR("--%s needs a value", name);
		} else if (eq) {
			return ERR("--%s takes no value", name);
		}
		if (apply(o, name, value, err, errlen))
			return -1;
	}
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
	return 0;
}
