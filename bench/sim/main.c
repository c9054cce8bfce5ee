/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/sim/main.c: swtlb-sim's command line, CSV rows and stderr table.
 * The model is described in bench/sim/sim.h and docs/sim.md.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench/common/csv.h"
#include "bench/sim/sim.h"
#include "counters/periodic.h"
#include "pool/swiotlb.h"

#define PROG "swtlb-sim"

static void usage(FILE *f)
{
	fprintf(
	    f,
	    "usage: " PROG " [options]\n"
	    "       " PROG " --scenario mkelley [--cpus N] [--nslabs N] "
	    "[--inflight N]\n"
	    "                 [--small SIZES] [--big SIZE] [--big-count N] "
	    "[options]\n"
	    "Deterministic discrete-event simulation of the swiotlb pool with "
	    "virtual\nCPUs: every scheme's reported high-water mark against "
	    "the exact one.\n\n"
	    "  --schemes LIST|all   comma-separated schemes (default all)\n"
	    "  --cpus N             virtual CPUs (default 8)\n"
	    "  --nareas N|auto      areas (auto: the kernel's default for "
	    "--cpus)\n"
	    "  --nslabs N|auto      slots of 2 KiB (auto: 64 MiB, grown as the "
	    "kernel does)\n"
	    "  --inflight N         I/O streams per CPU (default 16)\n"
	    "  --sizes SPEC         I/O sizes: 4k, 4k-64k, "
	    "4k:70,16k:20,64k:9,256k:1, 1m\n"
	    "                       (default 4k-64k); I/Os over 256 KiB are "
	    "split\n"
	    "  --service-us LO[-HI] I/O service time, uniform (default "
	    "50-500)\n"
	    "  --remote-pct P       completions on another CPU, percent "
	    "(default 0)\n"
	    "  --ios N              I/Os to issue in all (default 200000)\n"
	    "  --min-align-mask M   the device's min_align_mask (default 0)\n"
	    "  --seed S             random seed (default 1)\n"
	    "  --sample-us N        periodic() period in virtual us (default "
	    "%u)\n"
	    "  --batch N            percpu-batch batch (default max(32, "
	    "2 x cpus))\n"
	    "  --toggle-on          run toggle switched on (default off, "
	    "reports no mark)\n"
	    "  --scenario mkelley   seed 003's counterexample: background of "
	    "--small I/Os,\n"
	    "                       then --big-count I/Os of --big bytes one "
	    "at a time,\n"
	    "                       the k-th on CPU k mod cpus\n"
	    "  --small SPEC         mkelley background sizes (default "
	    "4k-32k)\n"
	    "  --big SIZE           mkelley big I/O (default 2m)\n"
	    "  --big-count N        mkelley big I/Os (default: --cpus)\n"
	    "  --big-service-us N   mkelley big I/O service time (default "
	    "1000)\n"
	    "  --out FILE           append CSV rows to FILE (default stdout)\n"
	    "  --emit-trace FILE    write the exact operations as a replay "
	    "trace\n"
	    "  --help               this text\n\n"
	    "Examples:\n"
	    "  " PROG " --scenario mkelley --schemes all\n"
	    "  " PROG " --cpus 64 --sizes 4k:70,16k:20,64k:9,256k:1 "
	    "--remote-pct 30\n"
	    "  " PROG " --scenario mkelley --emit-trace mk.trace && "
	    "swtlb-replay --report-hiwater \\\n"
	    "      --scheme global-atomic mk.trace | tail -1\n",
	    SWTLB_DEFAULT_PERIOD_US);
}

static _Noreturn void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, PROG ": ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

static unsigned long long parse_u64(const char *opt, const char *s,
				    unsigned long long min,
				    unsigned long long max)
{
	char *end;
	unsigned long long v;
	int base = 10;

	errno = 0;
	if (!isdigit((unsigned char)s[0])) /* also no sign, no blank */
		die("%s: not a number: \"%s\"", opt, s);
	/* Decimal, or hex after 0x; never octal: "010" is ten. */
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		if (!isxdigit((unsigned char)s[2]))
			die("%s: not a number: \"%s\"", opt, s);
	}
	v = strtoull(s, &end, base);
	if (errno || *end)
		die("%s: not a number: \"%s\"", opt, s);
	if (v < min || v > max)
		die("%s: %s is out of range [%llu, %llu]", opt, s, min, max);
	return v;
}

/* "LO" or "LO-HI" microseconds, into nanoseconds. */
static void parse_service(const char *opt, const char *s, uint64_t *lo,
			  uint64_t *hi)
{
	char buf[64];
	char *dash;

	if (strlen(s) >= sizeof(buf))
		die("%s: too long: \"%s\"", opt, s);
	strcpy(buf, s);
	dash = strchr(buf, '-');
	if (dash == buf || (dash && !dash[1]))
		die("%s: \"%s\" is not N or LO-HI microseconds", opt, s);
	if (dash)
		*dash = '\0';
	*lo = parse_u64(opt, buf, 1, 10000000ULL) * 1000;
	*hi = dash ? parse_u64(opt, dash + 1, 1, 10000000ULL) * 1000 : *lo;
	if (*hi < *lo)
		die("%s: range \"%s\" ends before it starts", opt, s);
}

static size_t parse_size(const char *opt, const char *s)
{
	struct swtlb_size_dist d;
	char err[256];

	if (swtlb_sizes_parse(s, &d, err, sizeof(err)) != 0)
		die("%s: %s", opt, err);
	if (d.nitems != 1 || d.items[0].lo != d.items[0].hi)
		die("%s: one size expected, not \"%s\"", opt, s);
	return d.items[0].lo;
}

/* --schemes: NULL-terminated list in *out. */
static const struct swtlb_scheme_ops **parse_schemes(const char *list)
{
	size_t n = 0, cap = 1;
	const struct swtlb_scheme_ops **v;
	char *copy, *tok, *save = NULL;

	for (const char *p = list; *p; p++)
		cap += *p == ',';
	for (size_t i = 0; swtlb_schemes[i]; i++)
		cap++;
	v = calloc(cap + 1, sizeof(*v));
	copy = strdup(list);
	if (!v || !copy)
		die("out of memory");
	for (tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (strcmp(tok, "all") == 0) {
			for (size_t i = 0; swtlb_schemes[i]; i++)
				v[n++] = swtlb_schemes[i];
			continue;
		}
		v[n] = swtlb_scheme_find(tok);
		if (!v[n])
			die("--schemes: unknown scheme \"%s\"", tok);
		n++;
	}
	if (n == 0)
		die("--schemes: empty list");
	free(copy);
	return v;
}

/* Opens FILE for appending rows; writes the header if it is new/empty. */
static int open_csv(const char *path)
{
	const char *hdr = swtlb_csv_header();
	size_t hlen = strlen(hdr);
	int fd = open(path, O_RDWR | O_CREAT | O_APPEND, 0644);
	char *first;
	off_t size;
	ssize_t n;

	if (fd < 0)
		die("%s: %s", path, strerror(errno));
	size = lseek(fd, 0, SEEK_END);
	if (size == 0) {
		char *line = malloc(hlen + 2);

		if (!line)
			die("out of memory");
		memcpy(line, hdr, hlen);
		line[hlen] = '\n';
		if (write(fd, line, hlen + 1) != (ssize_t)(hlen + 1) ||
		    fsync(fd) != 0)
			die("%s: cannot write: %s", path, strerror(errno));
		free(line);
		return fd;
	}
	first = calloc(1, hlen + 2);
	if (!first)
		die("out of memory");
	n = pread(fd, first, hlen + 1, 0);
	if (n != (ssize_t)(hlen + 1) || memcmp(first, hdr, hlen) != 0 ||
	    first[hlen] != '\n')
		die("%s: exists and is not a results CSV of this schema "
		    "(header differs)",
		    path);
	free(first);
	return fd;
}

static void put_row(int fd, const char *path, const char *row, size_t len)
{
	if (fd >= 0) {
		if (write(fd, row, len) != (ssize_t)len || fsync(fd) != 0)
			die("%s: cannot write: %s", path, strerror(errno));
	} else if (fwrite(row, 1, len, stdout) != len || fflush(stdout) != 0) {
		die("stdout: cannot write: %s", strerror(errno));
	}
}

enum {
	O_SCHEMES = 256,
	O_CPUS,
	O_NAREAS,
	O_NSLABS,
	O_INFLIGHT,
	O_SIZES,
	O_SERVICE,
	O_REMOTE,
	O_IOS,
	O_MINALIGN,
	O_SEED,
	O_SAMPLE,
	O_BATCH,
	O_TOGGLE,
	O_SCENARIO,
	O_SMALL,
	O_BIG,
	O_BIGCOUNT,
	O_BIGSVC,
	O_OUT,
	O_TRACE,
	O_HELP,
};

static const struct option long_opts[] = {
    {"schemes", required_argument, NULL, O_SCHEMES},
    {"cpus", required_argument, NULL, O_CPUS},
    {"nareas", required_argument, NULL, O_NAREAS},
    {"nslabs", required_argument, NULL, O_NSLABS},
    {"inflight", required_argument, NULL, O_INFLIGHT},
    {"sizes", required_argument, NULL, O_SIZES},
    {"service-us", required_argument, NULL, O_SERVICE},
    {"remote-pct", required_argument, NULL, O_REMOTE},
    {"ios", required_argument, NULL, O_IOS},
    {"min-align-mask", required_argument, NULL, O_MINALIGN},
    {"seed", required_argument, NULL, O_SEED},
    {"sample-us", required_argument, NULL, O_SAMPLE},
    {"batch", required_argument, NULL, O_BATCH},
    {"toggle-on", no_argument, NULL, O_TOGGLE},
    {"scenario", required_argument, NULL, O_SCENARIO},
    {"small", required_argument, NULL, O_SMALL},
    {"big", required_argument, NULL, O_BIG},
    {"big-count", required_argument, NULL, O_BIGCOUNT},
    {"big-service-us", required_argument, NULL, O_BIGSVC},
    {"out", required_argument, NULL, O_OUT},
    {"emit-trace", required_argument, NULL, O_TRACE},
    {"help", no_argument, NULL, O_HELP},
    {NULL, 0, NULL, 0},
};

struct cli {
	struct sim_config cfg;
	const char *schemes, *nareas, *nslabs, *sizes, *small, *out, *trace;
	bool big_set, big_count_set, big_svc_set;
	char cmdline[1024];
};

static void parse_args(int argc, char **argv, struct cli *c)
{
	struct sim_config *cfg = &c->cfg;
	uint64_t dummy;
	int opt;

	*cfg = (struct sim_config){
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
	c->schemes = "all";
	c->nareas = c->nslabs = "auto";
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":", long_opts, NULL)) != -1) {
		switch (opt) {
		case O_SCHEMES:
			c->schemes = optarg;
			break;
		case O_CPUS:
			cfg->ncpus =
			    (unsigned int)parse_u64("--cpus", optarg, 1, 4096);
			break;
		case O_NAREAS:
			c->nareas = optarg;
			break;
		case O_NSLABS:
			c->nslabs = optarg;
			break;
		case O_INFLIGHT:
			cfg->inflight = (unsigned int)parse_u64(
			    "--inflight", optarg, 1, 4096);
			break;
		case O_SIZES:
			c->sizes = optarg;
			break;
		case O_SERVICE:
			parse_service("--service-us", optarg, &cfg->svc_lo_ns,
				      &cfg->svc_hi_ns);
			break;
		case O_REMOTE:
			cfg->remote_pct = (unsigned int)parse_u64(
			    "--remote-pct", optarg, 0, 100);
			break;
		case O_IOS:
			cfg->ios = parse_u64("--ios", optarg, 1, 1ULL << 32);
			break;
		case O_MINALIGN:
			cfg->min_align_mask = (unsigned int)parse_u64(
			    "--min-align-mask", optarg, 0, 0xffff);
			if (cfg->min_align_mask & (cfg->min_align_mask + 1))
				die("--min-align-mask: %s is not 2^k - 1",
				    optarg);
			break;
		case O_SEED:
			cfg->seed = parse_u64("--seed", optarg, 0, ~0ULL);
			break;
		case O_SAMPLE:
			cfg->params.period_us = (unsigned int)parse_u64(
			    "--sample-us", optarg, 1, 100000000);
			break;
		case O_BATCH:
			cfg->params.batch = (unsigned int)parse_u64(
			    "--batch", optarg, 1, 1U << 30);
			break;
		case O_TOGGLE:
			cfg->params.enabled = true;
			break;
		case O_SCENARIO:
			if (strcmp(optarg, "mkelley") != 0)
				die("--scenario: unknown scenario \"%s\" "
				    "(known: mkelley)",
				    optarg);
			cfg->mkelley = true;
			break;
		case O_SMALL:
			c->small = optarg;
			break;
		case O_BIG:
			cfg->big = parse_size("--big", optarg);
			c->big_set = true;
			break;
		case O_BIGCOUNT:
			cfg->big_count = (unsigned int)parse_u64(
			    "--big-count", optarg, 1, 1000000);
			c->big_count_set = true;
			break;
		case O_BIGSVC:
			parse_service("--big-service-us", optarg,
				      &cfg->big_svc_ns, &dummy);
			c->big_svc_set = true;
			break;
		case O_OUT:
			c->out = optarg;
			break;
		case O_TRACE:
			c->trace = optarg;
			break;
		case O_HELP:
			usage(stdout);
			exit(0);
		case ':':
			die("%s needs a value (try --help)", argv[optind - 1]);
		default:
			die("unknown option \"%s\" (try --help)",
			    argv[optind - 1]);
		}
	}
	if (optind < argc)
		die("unexpected argument \"%s\" (try --help)", argv[optind]);
	if (!cfg->mkelley &&
	    (c->small || c->big_set || c->big_count_set || c->big_svc_set))
		die("--small, --big, --big-count and --big-service-us need "
		    "--scenario mkelley");
	if (cfg->mkelley && c->sizes)
		die("--scenario mkelley takes --small, not --sizes");
	/* Every stream is an event from the start: keep memory sane. */
	if ((uint64_t)cfg->ncpus * cfg->inflight > (1U << 20))
		die("--cpus x --inflight: %llu streams, at most %u",
		    (unsigned long long)cfg->ncpus * cfg->inflight, 1U << 20);
}

/* Geometry: the kernel's defaults for --cpus unless given. */
static void resolve(struct cli *c)
{
	struct sim_config *cfg = &c->cfg;
	const char *spec;
	char err[256];
	unsigned long nslabs;
	unsigned int nareas;

	swtlb_default_geometry(cfg->ncpus, &nslabs, &nareas);
	cfg->nareas =
	    strcmp(c->nareas, "auto") == 0
		? nareas
		: (unsigned int)parse_u64("--nareas", c->nareas, 1, 1U << 20);
	cfg->nslabs =
	    strcmp(c->nslabs, "auto") == 0
		? nslabs
		: (unsigned long)parse_u64("--nslabs", c->nslabs, 1, 1UL << 40);
	if (swtlb_geometry_check(cfg->nslabs, cfg->nareas, err, sizeof(err)))
		die("--nslabs %lu --nareas %u: %s", cfg->nslabs, cfg->nareas,
		    err);
	spec = cfg->mkelley ? (c->small ? c->small : "4k-32k")
			    : (c->sizes ? c->sizes : "4k-64k");
	if (swtlb_sizes_parse(spec, &cfg->sizes, err, sizeof(err)) != 0)
		die("%s: %s", cfg->mkelley ? "--small" : "--sizes", err);
	if (cfg->mkelley && !c->big_count_set)
		cfg->big_count = cfg->ncpus;
	cfg->size_spec = spec;
	cfg->params.ncpus = cfg->ncpus;
}

static void table_line(const struct swtlb_scheme_ops *ops,
		       const struct sim_result *r)
{
	char rep[32] = "-", err[32] = "-";

	if (r->has_hiwater) {
		snprintf(rep, sizeof(rep), "%lu", r->reported);
		if (r->truth > 0)
			snprintf(err, sizeof(err), "%+.1f%%",
				 100.0 *
				     ((double)r->reported - (double)r->truth) /
				     (double)r->truth);
	}
	fprintf(stderr, "%-14s %9s %9lu %9s  %s\n", ops->name, rep, r->truth,
		err, r->stats);
}

/* Same path, or two names of one existing file. */
static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	if (!strcmp(a, b))
		return true;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	       sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* --emit-trace is written to FILE.tmp, renamed when complete; a run that
 * dies before that leaves no partial trace behind. */
static char trace_tmp[4096];

static void drop_trace_tmp(void)
{
	if (trace_tmp[0])
		unlink(trace_tmp);
}

int main(int argc, char **argv)
{
	struct cli c = {0};
	/* static: still reachable when die() exits, so no leak report */
	static const struct swtlb_scheme_ops **schemes;
	struct swtlb_host_meta meta;
	struct sim_oplog oplog = {0};
	char err[512], dist[160], cpus[64], row[4096];
	FILE *trace_f = NULL;
	int fd = -1;
	size_t pos = 0;

	for (int i = 0; i < argc && pos < sizeof(c.cmdline) - 1; i++)
		pos +=
		    (size_t)snprintf(c.cmdline + pos, sizeof(c.cmdline) - pos,
				     "%s%s", i ? " " : "", argv[i]);
	parse_args(argc, argv, &c);
	resolve(&c);
	schemes = parse_schemes(c.schemes);
	swtlb_host_meta_fill(&meta);
	/* The trace would be renamed over the CSV rows. */
	if (c.trace && c.out && same_file(c.trace, c.out))
		die("--out and --emit-trace name the same file %s", c.out);
	/* An unwritable --emit-trace fails before any row is written. */
	if (c.trace) {
		snprintf(trace_tmp, sizeof(trace_tmp), "%s.tmp", c.trace);
		trace_f = fopen(trace_tmp, "w");
		if (!trace_f)
			die("%s: %s", trace_tmp, strerror(errno));
		atexit(drop_trace_tmp);
	}
	if (c.out) {
		fd = open_csv(c.out);
	} else {
		put_row(-1, NULL, swtlb_csv_header(),
			strlen(swtlb_csv_header()));
		put_row(-1, NULL, "\n", 1);
	}

	if (c.cfg.mkelley)
		snprintf(dist, sizeof(dist), "mkelley(%s;%zu x%u)",
			 c.cfg.size_spec, c.cfg.big, c.cfg.big_count);
	else
		snprintf(dist, sizeof(dist), "%s", c.cfg.size_spec);
	snprintf(cpus, sizeof(cpus), c.cfg.ncpus > 1 ? "0-%u" : "0",
		 c.cfg.ncpus - 1);

	fprintf(stderr,
		PROG ": %u virtual CPUs, %u areas x %lu slots, %u in flight "
		     "per CPU, sizes %s, seed %llu\n",
		c.cfg.ncpus, c.cfg.nareas, c.cfg.nslabs / c.cfg.nareas,
		c.cfg.inflight, dist, (unsigned long long)c.cfg.seed);
	fprintf(stderr, "%-14s %9s %9s %9s  %s\n", "scheme", "reported",
		"truth", "error", "scheme stats");
	for (size_t i = 0; schemes[i]; i++) {
		struct sim_result r;
		bool want_trace = c.trace && i == 0;
		struct swtlb_csv_row cr;
		int len;

		if (sim_run(&c.cfg, schemes[i], &r, want_trace ? &oplog : NULL,
			    err, sizeof(err)) != 0)
			die("%s: %s", schemes[i]->name, err);
		if (i == 0)
			fprintf(stderr,
				"(%llu maps, %llu failed, %llu I/Os completed, "
				"%.3f s "
				"virtual; area-hiwater sum %lu)\n",
				(unsigned long long)r.maps,
				(unsigned long long)r.map_failures,
				(unsigned long long)r.ios_done,
				(double)r.virtual_ns / 1e9, r.area_hiwater_sum);
		table_line(schemes[i], &r);
		if (want_trace) {
			if (sim_write_trace(trace_f, &c.cfg, &r, &oplog,
					    c.cmdline) != 0 ||
			    fclose(trace_f) != 0 ||
			    rename(trace_tmp, c.trace) != 0)
				die("%s: cannot write: %s", c.trace,
				    strerror(errno));
			trace_tmp[0] = 0; /* renamed: nothing to drop */
			free(oplog.ops);
			oplog = (struct sim_oplog){0};
		}
		cr = (struct swtlb_csv_row){
		    .meta = &meta,
		    .workload = "swiotlb",
		    .workload_params = "",
		    .scheme = schemes[i]->name,
		    .layout = "virtual",
		    .threads = c.cfg.ncpus,
		    .cpus = cpus,
		    .numa_nodes = 1,
		    .nareas = {true, c.cfg.nareas},
		    .nslabs = {true, c.cfg.nslabs},
		    .size_dist = dist,
		    .queue_depth = c.cfg.inflight,
		    .bounce = false,
		    .kconfig = "dynamic-off",
		    .area_layout = "packed",
		    .rep = 0,
		    .iterations = r.maps,
		    .wall_ns = 0, /* virtual time is not a measurement */
		    .counters_status = "none",
		    .map_failures = r.map_failures,
		    .hiwater_reported = {r.has_hiwater, r.reported},
		    .hiwater_truth = {true, r.truth},
		};
		len = swtlb_csv_format_row(&cr, row, sizeof(row));
		if (len < 0)
			die("internal error: CSV row too long");
		put_row(fd, c.out, row, (size_t)len);
	}
	if (fd >= 0 && close(fd) != 0)
		die("%s: %s", c.out, strerror(errno));
	free(schemes);
	return 0;
}
