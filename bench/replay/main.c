/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/replay/main.c: swtlb-replay, runs a trace
 * (shared/design/trace-format.md) single-threaded on the faithful pool and
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
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench/common/trace.h"
#include "bench/replay/memcg.h"
#include "bench/replay/run.h"
#include "counters/scheme.h"
#include "pool/swiotlb.h"
#include "util/num.h"

#define PROG "swtlb-replay"

static int usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, PROG ": ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (try --help)\n");
	return 2;
}

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

/* --lock, --mem-offset: pool variants that must not change a byte. */
static int pool_variant(int opt, const char *v, struct swtlb_config *cfg)
{
	uint64_t off;

	if (opt == 'L') {
		if (strcmp(v, "native") && strcmp(v, "pv"))
			return usage_error("unknown --lock \"%s\" (native, pv)",
					   v);
		cfg->lock = v[0] == 'p' ? SWTLB_LOCK_PV : SWTLB_LOCK_NATIVE;
		return 0;
	}
	if (swtlb_parse_u64(v, SWTLB_MEM_OFFSET_MAX, &off) != SWTLB_NUM_OK ||
	    off % 8)
		return usage_error("bad --mem-offset \"%s\" (0, 8, ..., %u)", v,
				   SWTLB_MEM_OFFSET_MAX);
	cfg->mem_offset = (unsigned int)off;
	return 0;
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

int main(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"scheme", required_argument, NULL, 's'},
	    {"kconfig", required_argument, NULL, 'k'},
	    {"area-layout", required_argument, NULL, 'a'},
	    {"report-hiwater", no_argument, NULL, 'r'},
	    {"lock", required_argument, NULL, 'L'},
	    {"mem-offset", required_argument, NULL, 'm'},
	    {"list-schemes", no_argument, NULL, 'l'},
	    {"workload", required_argument, NULL, 'w'},
	    {"report-peaks", no_argument, NULL, 'p'},
	    {"check-invariants", no_argument, NULL, 'i'},
	    {"hooks-indirect", no_argument, NULL, 'H'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct swtlb_config cfg = {
	    .kconfig = SWTLB_DYNAMIC_OFF,
	    .area_layout = SWTLB_AREAS_PACKED,
	    .start = SWTLB_DEFAULT_START,
	    .bounce = false, /* trace addresses are made up */
	};
	const char *scheme = NULL; /* swiotlb: none; memcg: racy-max */
	bool report_hiwater = false, memcg = false, swiotlb_opts = false;
	bool list = false;
	struct memcg_replay_opts memcg_opts = {0};
	struct swtlb_trace t;
	struct swtlb_replay_out o = {0};
	char err[512];
	int c, rc;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			scheme = optarg;
			break;
		case 'w':
			if (strcmp(optarg, "memcg") == 0)
				memcg = true;
			else if (strcmp(optarg, "swiotlb") == 0)
				memcg = false;
			else
				return usage_error("unknown --workload \"%s\" "
						   "(swiotlb, memcg)",
						   optarg);
			break;
		case 'p':
			memcg_opts.report_peaks = true;
			break;
		case 'i':
			memcg_opts.check_invariants = true;
			break;
		case 'H': /* both workloads: hooks through the ops table */
			memcg_opts.hooks_indirect = true;
			cfg.hooks_indirect = true;
			break;
		case 'L':
		case 'm':
			swiotlb_opts = true;
			if (pool_variant(c, optarg, &cfg))
				return 2;
			break;
		case 'k':
			swiotlb_opts = true;
			if (strcmp(optarg, "dynamic-off") == 0)
				cfg.kconfig = SWTLB_DYNAMIC_OFF;
			else if (strcmp(optarg, "dynamic-on") == 0)
				cfg.kconfig = SWTLB_DYNAMIC_ON;
			else
				return usage_error("unknown --kconfig \"%s\" "
						   "(dynamic-off, dynamic-on)",
						   optarg);
			break;
		case 'a':
			swiotlb_opts = true;
			if (strcmp(optarg, "packed") == 0)
				cfg.area_layout = SWTLB_AREAS_PACKED;
			else if (strcmp(optarg, "padded") == 0)
				cfg.area_layout = SWTLB_AREAS_PADDED;
			else
				return usage_error("unknown --area-layout "
						   "\"%s\" (packed, padded)",
						   optarg);
			break;
		case 'r':
			report_hiwater = true;
			swiotlb_opts = true;
			break;
		case 'l':
			list = true;
			break;
		case 'h':
			help();
			return flush_stdout();
		case ':':
			return usage_error("option %s needs a value",
					   argv[optind - 1]);
		default:
			return usage_error("unknown option %s",
					   argv[optind - 1]);
		}
	}
	if (list)
		return list_schemes(memcg ? SWTLB_SERVES_MEMCG
					  : SWTLB_SERVES_SWIOTLB);
	if (optind != argc - 1)
		return usage_error(optind == argc
				       ? "no TRACE given"
				       : "more than one TRACE given");
	if (memcg) {
		if (swiotlb_opts)
			return usage_error("--kconfig, --area-layout, "
					   "--report-hiwater, --lock and "
					   "--mem-offset are swiotlb options");
		memcg_opts.wm_ops =
		    swtlb_scheme_find(scheme ? scheme : "racy-max");
		if (!memcg_opts.wm_ops ||
		    !swtlb_scheme_serves(memcg_opts.wm_ops, SWTLB_SERVES_MEMCG))
			return usage_error("unknown memcg scheme \"%s\" (see "
					   "--list-schemes --workload memcg)",
					   scheme);
		return swtlb_replay_memcg(argv[optind], &memcg_opts);
	}
	if (memcg_opts.report_peaks || memcg_opts.check_invariants)
		return usage_error("--report-peaks and --check-invariants "
				   "need --workload memcg");
	if (!scheme)
		scheme = "none";
	cfg.scheme = swtlb_scheme_find(scheme);
	if (!cfg.scheme)
		return usage_error("unknown scheme \"%s\" (see --list-schemes)",
				   scheme);

	if (swtlb_trace_load(argv[optind], &t, err, sizeof(err))) {
		fprintf(stderr, "%s\n", err);
		return 2;
	}
	rc = swtlb_replay_run(argv[optind], &t, &cfg, report_hiwater, &o);
	swtlb_trace_free(&t);
	if (!rc && o.oom) {
		fprintf(stderr, PROG ": out of memory for the output\n");
		rc = 2;
	}
	if (!rc && (fwrite(o.data, 1, o.len, stdout) != o.len ||
		    fflush(stdout) != 0)) {
		fprintf(stderr, PROG ": cannot write the output: %s\n",
			strerror(errno));
		rc = 2;
	}
	free(o.data);
	if (fclose(stdout) != 0 && !rc) {
		fprintf(stderr, PROG ": cannot write the output: %s\n",
			strerror(errno));
		rc = 2;
	}
	return rc;
}
