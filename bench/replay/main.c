/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/replay/main.c: swtlb-replay, runs a trace
 * (docs/trace-format.md) single-threaded on the faithful pool and
 * prints the format's output.
 *
 *   swtlb-replay [--scheme S] [--kconfig dynamic-off|dynamic-on]
 *                [--area-layout packed|padded] [--report-hiwater]
 *                [--lock native|pv] [--mem-offset 0..56] [--hooks-indirect]
 *                TRACE
 *   swtlb-replay --list-schemes
 *   swtlb-replay --workload memcg [--scheme S] [--report-peaks]
 *                [--check-invariants] [--hooks-indirect] TRACE
 *   swtlb-replay --workload memcg --list-schemes
 *
 * Exit status: 0 done, 2 bad usage, malformed trace, or an output error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench/common/cli.h"
#include "bench/common/trace.h"
#include "bench/replay/memcg.h"
#include "bench/replay/run.h"
#include "counters/scheme.h"
#include "pool/swiotlb.h"
#include "util/num.h"

#define PROG "swtlb-replay"

static void help(void)
{
	printf("usage: " PROG " [--scheme S] [--kconfig dynamic-off|dynamic-on]"
	       " [--area-layout packed|padded] [--report-hiwater]\n"
	       "       [--lock native|pv] [--mem-offset 0..56] "
	       "[--hooks-indirect] TRACE\n"
	       "       " PROG " --list-schemes\n"
	       "       " PROG " --workload memcg [--scheme S] [--report-peaks] "
	       "[--check-invariants] [--hooks-indirect] TRACE\n"
	       "Replays TRACE (docs/trace-format.md) single-threaded "
	       "on the\nswiotlb pool and prints one line per map/unmap, then "
	       "`used ...`.\n"
	       "With --workload memcg, TRACE is a memcg trace "
	       "(docs/memcg.md) replayed on\nthe page_counter and per-CPU "
	       "stock copy.\n");
}

/* 0, or 2 with one line if stdout could not take it (/dev/full). */
static int flush_stdout(void)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	fprintf(stderr, "swtlb-replay: stdout: %s\n", strerror(errno));
	return 2;
}

static int list_schemes(unsigned int workload)
{
	for (size_t i = 0; swtlb_schemes[i]; i++)
		if (swtlb_scheme_serves(swtlb_schemes[i], workload))
			printf("%s\n", swtlb_schemes[i]->name);
	return flush_stdout();
}

struct replay_cli {
	struct swtlb_config cfg;
	struct memcg_replay_opts memcg_opts;
	const char *scheme; /* swiotlb: none; memcg: racy-max */
	bool report_hiwater, memcg, swiotlb_opts, list, help;
};

#define CLI(t)	 struct replay_cli *c = (t)
#define ERR(...) (snprintf(err, errlen, __VA_ARGS__), -1)

static int set_scheme(void *t, const char *v, char *err, size_t errlen)
{
	CLI(t);

	(void)err, (void)errlen;
	c->scheme = v;
	return 0;
}

static int set_workload(void *t, const char *v, char *err, size_t errlen)
{
	CLI(t);

	if (strcmp(v, "memcg") && strcmp(v, "swiotlb"))
		return ERR("unknown --workload \"%s\" (swiotlb, memcg)", v);
	c->memcg = !strcmp(v, "memcg");
	return 0;
}

static int set_kconfig(void *t, const char *v, char *err, size_t errlen)
{
	CLI(t);

	if (strcmp(v, "dynamic-off") && strcmp(v, "dynamic-on"))
		return ERR("unknown --kconfig \"%s\" (dynamic-off, "
			   "dynamic-on)",
			   v);
	c->cfg.kconfig =
	    strcmp(v, "dynamic-on") ? SWTLB_DYNAMIC_OFF : SWTLB_DYNAMIC_ON;
	c->swiotlb_opts = true;
	return 0;
}

static int set_area_layout(void *t, const char *v, char *err, size_t errlen)
{
	CLI(t);

	if (strcmp(v, "packed") && strcmp(v, "padded"))
		return ERR("unknown --area-layout \"%s\" (packed, padded)", v);
	c->cfg.area_layout =
	    strcmp(v, "padded") ? SWTLB_AREAS_PACKED : SWTLB_AREAS_PADDED;
	c->swiotlb_opts = true;
	return 0;
}

/* --lock, --mem-offset: pool variants that must not change a byte. */
static int set_lock(void *t, const char *v, char *err, size_t errlen)
{
	CLI(t);

	if (strcmp(v, "native") && strcmp(v, "pv"))
		return ERR("unknown --lock \"%s\" (native, pv)", v);
	c->cfg.lock = v[0] == 'p' ? SWTLB_LOCK_PV : SWTLB_LOCK_NATIVE;
	c->swiotlb_opts = true;
	return 0;
}

static int set_mem_offset(void *t, const char *v, char *err, size_t errlen)
{
	CLI(t);
	uint64_t off;

	if (swtlb_parse_u64(v, SWTLB_MEM_OFFSET_MAX, &off) != SWTLB_NUM_OK ||
	    off % 8)
		return ERR("bad --mem-offset \"%s\" (0, 8, ..., %u)", v,
			   SWTLB_MEM_OFFSET_MAX);
	c->cfg.mem_offset = (unsigned int)off;
	c->swiotlb_opts = true;
	return 0;
}

/* Both workloads: the hooks through the ops table. */
static int set_hooks_indirect(void *t, const char *v, char *err, size_t errlen)
{
	CLI(t);

	(void)v, (void)err, (void)errlen;
	c->memcg_opts.hooks_indirect = c->cfg.hooks_indirect = true;
	return 0;
}

static int set_report_hiwater(void *t, const char *v, char *err, size_t errlen)
{
	CLI(t);

	(void)v, (void)err, (void)errlen;
	c->report_hiwater = c->swiotlb_opts = true;
	return 0;
}

/* The flags that only set a bool. */
#define FLAG(fn, field)                                                        \
	static int fn(void *t, const char *v, char *err, size_t errlen)        \
	{                                                                      \
		(void)v, (void)err, (void)errlen;                              \
		((struct replay_cli *)t)->field = true;                        \
		return 0;                                                      \
	}
FLAG(set_report_peaks, memcg_opts.report_peaks)
FLAG(set_check_invariants, memcg_opts.check_invariants)
FLAG(set_list, list)
FLAG(set_help, help)

static const struct swtlb_cli_opt replay_opts[] = {
    {"scheme", true, set_scheme},
    {"kconfig", true, set_kconfig},
    {"area-layout", true, set_area_layout},
    {"report-hiwater", false, set_report_hiwater},
    {"lock", true, set_lock},
    {"mem-offset", true, set_mem_offset},
    {"list-schemes", false, set_list},
    {"workload", true, set_workload},
    {"report-peaks", false, set_report_peaks},
    {"check-invariants", false, set_check_invariants},
    {"hooks-indirect", false, set_hooks_indirect},
    {"help", false, set_help},
    {NULL, false, NULL},
};

/* The output is held until the whole trace replayed: written at once. */
static int write_output(const struct swtlb_replay_out *o)
{
	int rc = 0;

	if (o->oom) {
		fprintf(stderr, PROG ": out of memory for the output\n");
		return 2;
	}
	if (fwrite(o->data, 1, o->len, stdout) != o->len || fflush(stdout) != 0)
		rc = 2;
	if (fclose(stdout) != 0)
		rc = 2;
	if (rc)
		fprintf(stderr, PROG ": cannot write the output: %s\n",
			strerror(errno));
	return rc;
}

static int replay_memcg(struct replay_cli *c, const char *path)
{
	if (c->swiotlb_opts)
		swtlb_cli_die(PROG,
			      "--kconfig, --area-layout, --report-hiwater, "
			      "--lock and --mem-offset are swiotlb options "
			      "(try --help)");
	c->memcg_opts.wm_ops =
	    swtlb_scheme_find(c->scheme ? c->scheme : "racy-max");
	if (!c->memcg_opts.wm_ops ||
	    !swtlb_scheme_serves(c->memcg_opts.wm_ops, SWTLB_SERVES_MEMCG))
		swtlb_cli_die(PROG,
			      "unknown memcg scheme \"%s\" (see --list-schemes "
			      "--workload memcg)",
			      c->scheme);
	return swtlb_replay_memcg(path, &c->memcg_opts);
}

static int replay_swiotlb(struct replay_cli *c, const char *path)
{
	struct swtlb_replay_out o = {0};
	struct swtlb_trace t;
	char err[512];
	int rc;

	if (c->memcg_opts.report_peaks || c->memcg_opts.check_invariants)
		swtlb_cli_die(PROG,
			      "--report-peaks and --check-invariants need "
			      "--workload memcg (try --help)");
	c->cfg.scheme = swtlb_scheme_find(c->scheme ? c->scheme : "none");
	if (!c->cfg.scheme)
		swtlb_cli_die(PROG,
			      "unknown scheme \"%s\" (see --list-schemes)",
			      c->scheme);
	if (swtlb_trace_load(path, &t, err, sizeof(err))) {
		fprintf(stderr, "%s\n", err);
		return 2;
	}
	rc = swtlb_replay_run(path, &t, &c->cfg, c->report_hiwater, &o);
	swtlb_trace_free(&t);
	if (!rc)
		rc = write_output(&o);
	free(o.data);
	return rc;
}

int main(int argc, char **argv)
{
	struct replay_cli c = {
	    .cfg = {.kconfig = SWTLB_DYNAMIC_OFF,
		    .area_layout = SWTLB_AREAS_PACKED,
		    .start = SWTLB_DEFAULT_START,
		    .bounce = false}, /* trace addresses are made up */
	};
	const struct swtlb_cli_table table = {replay_opts, &c};
	const char *path[2];
	unsigned int npath;
	char err[512];

	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "-h"))
			argv[i] = "--help";
	if (swtlb_cli_parse(argc, argv, &table, 1, path, 2, &npath, err,
			    sizeof(err)))
		swtlb_cli_die(PROG, "%s", err);
	if (c.help) {
		help();
		return flush_stdout();
	}
	if (c.list)
		return list_schemes(c.memcg ? SWTLB_SERVES_MEMCG
					    : SWTLB_SERVES_SWIOTLB);
	if (npath != 1)
		swtlb_cli_die(PROG, "%s (try --help)",
			      npath ? "more than one TRACE given"
				    : "no TRACE given");
	return c.memcg ? replay_memcg(&c, path[0])
		       : replay_swiotlb(&c, path[0]);
}
