// SPDX-License-Identifier: GPL-2.0-only
/*
 * tools/yardstick/main.c: yardstick-<variant>'s command line. One
 * invocation is one run of one side; scripts/yardstick interleaves them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools/yardstick/yard.h"
#include "tools/yardstick/yard_cli.h"
#include "workloads/src_set.h"

int yard_run(const struct yard_opts *o, struct yard_side *s);

/* The area layout this harness's kernel side was compiled with: the
 * default --areas of both sides. */
#ifdef YARD_PADDED_AREAS
#define YARD_PADDED true
#define YARD_AREAS  "padded"
#else
#define YARD_PADDED false
#define YARD_AREAS  "packed"
#endif

static const char header[] =
    "label,round,side,scheme,variant,threads,bounce,areas,caller,qd,size,"
    "src_set,nslabs,nareas,seconds,pairs,ns_pair,imbalance,handoff_ns,"
    "mem_offset";

static void usage(FILE *f)
{
	fprintf(
	    f,
	    "usage: yardstick-VARIANT --side port|kernel [--scheme S] "
	    "[--threads N] [--cpus LIST]\n"
	    "  [--seconds S] [--qd N] [--size BYTES] [--bounce on|off] "
	    "[--areas packed|padded]\n"
	    "  [--caller dma-direct|tbl] [--src-set qd|SIZE] "
	    "[--nslabs N] [--nareas N]\n"
	    "  [--create-on worker0|main] [--round N] "
	    "[--port-param KEY=VALUE]\n"
	    "  [--label L] [--out FILE] | --header | --side S --mem-offset\n");
}

const char yard_cli_tool[] = "yardstick";

static void parse_cpus(struct yard_opts *o, const char *s, unsigned int *n)
{
	char buf[256], *save = NULL, *tok;

	if (!s || strlen(s) >= sizeof(buf))
		bad("--cpus", s, "a comma-separated list of CPU ids");
	strcpy(buf, s);
	*n = 0;
	for (tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (*n == YARD_MAX_THREADS)
			bad("--cpus", s, "at most 64 CPUs");
		o->cpus[(*n)++] = (unsigned int)number("--cpus", tok, 0, 4095);
	}
}

static int choice(const char *opt, const char *s, const char *a, const char *b)
{
	if (s && !strcmp(s, a))
		return 0;
	if (s && !strcmp(s, b))
		return 1;
	char want[64];
	snprintf(want, sizeof(want), "%s or %s", a, b);
	bad(opt, s, want);
}

/* The bounce sources, laid out as swtlb-bench lays them out. */
static void parse_src(struct yard_opts *o, const char *src)
{
	struct swtlb_src_set_spec spec;
	char err[256];

	if (swtlb_src_set_parse(src, &spec, err, sizeof(err)) ||
	    swtlb_src_set_layout(&spec, o->size, o->queue_depth, &o->src_stride,
				 &o->src_count, err, sizeof(err))) {
		fprintf(stderr, "yardstick: %s\n", err);
		exit(2);
	}
	o->src_set = src;
}

/* The kernel side's unlock (YARD_PV_UNLOCK: the paravirt locked
 * cmpxchg): the port runs the same one, lock=pv, so a pair compares like
 * with like; a --port-param lock= that says otherwise is refused. */
#ifdef YARD_PV_UNLOCK
#define YARD_PORT_LOCK "lock=pv"
#else
#define YARD_PORT_LOCK "lock=native"
#endif

/* The port takes the caller path as a workload parameter: --caller sets
 * it unless a --port-param did; mem_offset= is recorded per row. */
static void port_caller(struct yard_opts *o)
{
	bool given = false, lock_given = false;

	for (unsigned int i = 0; i < o->nport_params; i++) {
		const char *p = o->port_params[i];

		if (!strncmp(p, "lock=", 5)) {
			if (strcmp(p, YARD_PORT_LOCK))
				bad("--port-param", p,
				    YARD_PORT_LOCK " (this harness's kernel "
						   "side; --lock of "
						   "scripts/yardstick)");
			lock_given = true;
		}
		if (!strncmp(p, "caller_path=", 12))
			given = true;
		if (!strncmp(p, "mem_offset=", 11))
			o->mem_offset = (unsigned int)number(
			    "--port-param mem_offset", p + 11, 0, 56);
	}
	if (!lock_given) {
		if (o->nport_params == YARD_MAX_PORT_PARAMS)
			bad("--port-param", "", "at most 6 with --caller");
		o->port_params[o->nport_params++] = YARD_PORT_LOCK;
	}
	if (given)
		return;
	if (o->nport_params == YARD_MAX_PORT_PARAMS)
		bad("--port-param", "", "at most 6 with --caller");
	o->port_params[o->nport_params++] =
	    o->dma_direct ? "caller_path=dma-direct" : "caller_path=shortcut";
}

static void parse(struct yard_opts *o, int argc, char **argv)
{
	unsigned int ncpus = 0;
	const char *src = SWTLB_SRC_SET_DEFAULT;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--mem-offset")) {
			o->probe = true;
			continue;
		}
		if (!strcmp(a, "--header")) {
			puts(header);
			exit(0);
		} else if (!strcmp(a, "--help")) {
			usage(stdout);
			exit(0);
		}
		i++;
		if (!strcmp(a, "--side"))
			o->side =
			    choice(a, v, "port", "kernel") ? "kernel" : "port";
		else if (!strcmp(a, "--scheme") && v)
			o->scheme = v;
		else if (!strcmp(a, "--threads"))
			o->threads =
			    (unsigned int)number(a, v, 1, YARD_MAX_THREADS);
		else if (!strcmp(a, "--cpus"))
			parse_cpus(o, v, &ncpus);
		else if (!strcmp(a, "--seconds")) {
			char *end;
			o->seconds = v ? strtod(v, &end) : 0;
			if (!v || *end ||
			    !(o->seconds > 0 && o->seconds <= 3600))
				bad(a, v, "seconds, 0 < S <= 3600");
		} else if (!strcmp(a, "--qd"))
			o->queue_depth = (unsigned int)number(a, v, 1, 4096);
		else if (!strcmp(a, "--size"))
			o->size = number(a, v, 1, 256 << 10);
		else if (!strcmp(a, "--bounce"))
			o->bounce = choice(a, v, "off", "on");
		else if (!strcmp(a, "--areas"))
			o->padded = choice(a, v, "packed", "padded");
		else if (!strcmp(a, "--caller"))
			o->dma_direct = choice(a, v, "tbl", "dma-direct");
		else if (!strcmp(a, "--src-set") && v)
			src = v;
		else if (!strcmp(a, "--nslabs"))
			o->nslabs = number(a, v, 128, 1UL << 24);
		else if (!strcmp(a, "--nareas"))
			o->nareas = (unsigned int)number(a, v, 1, 1024);
		else if (!strcmp(a, "--create-on"))
			o->create_on_worker0 = !choice(a, v, "worker0", "main");
		else if (!strcmp(a, "--round"))
			o->round = (unsigned int)number(a, v, 0, 1000000);
		else if (!strcmp(a, "--port-param") && v &&
			 o->nport_params < YARD_MAX_PORT_PARAMS)
			o->port_params[o->nport_params++] = v;
		else if (!strcmp(a, "--label") && v && !strchr(v, ','))
			o->label = v;
		else if (!strcmp(a, "--out") && v)
			o->out = v;
		else {
			fprintf(stderr,
				"yardstick: %s: unknown option or "
				"missing value (--help)\n",
				a);
			exit(2);
		}
	}
	if (!o->side)
		bad("--side", NULL, "port or kernel");
	if (!strcmp(o->side, "kernel") && o->padded != YARD_PADDED)
		bad("--areas", o->padded ? "padded" : "packed",
		    "this harness's kernel side, " YARD_AREAS);
	if (!strcmp(o->side, "kernel") && strcmp(o->scheme, YARD_SCHEME))
		bad("--scheme", o->scheme,
		    "this harness's kernel side, " YARD_SCHEME);
	parse_src(o, src);
	port_caller(o);
	if (!ncpus)
		for (unsigned int i = 0; i < o->threads; i++)
			o->cpus[i] = i;
	else if (ncpus != o->threads)
		bad("--cpus", "", "one CPU per thread");
}

int main(int argc, char **argv)
{
	struct yard_opts o = {
	    .scheme = YARD_SCHEME,
	    .threads = 1,
	    .seconds = 1,
	    .queue_depth = 4,
	    .size = 4096,
	    .nslabs = 32768,
	    .nareas = 2,
	    .create_on_worker0 = true,
	    .padded = YARD_PADDED,
	    .dma_direct = true,
	};

	parse(&o, argc, argv);
	if (o.probe) { /* set up only; where io_tlb_mem sits, mod 64 */
		struct yard_side *s = strcmp(o.side, "port") ? &yard_kernel_side
							     : &yard_port_side;
		char err[256];

		if (s->setup(&o, err, sizeof(err))) {
			fprintf(stderr, "yardstick: %s: %s\n", s->name, err);
			return 1;
		}
		printf("%u\n", s->mem_offset());
		return 0;
	}
	return yard_run(&o, strcmp(o.side, "port") ? &yard_kernel_side
						   : &yard_port_side)
		   ? 1
		   : 0;
}
