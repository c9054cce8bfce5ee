// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench/sim/main.c: swtlb-sim, the accuracy simulator. The common command
 * line (--workload, --schemes, --out, --resume), the results file, the CSV
 * rows and the table on stderr; the simulation itself is the workload's
 * model (workloads/sim_model.h; swiotlb: workloads/swiotlb/sim.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench/common/cli.h"
#include "bench/common/csv.h"
#include "bench/common/results.h"
#include "util/outpath.h"
#include "workloads/sim_model.h"
#include "workloads/workload.h"

#define PROG "swtlb-sim"

struct sim_cli {
	const struct swtlb_workload_ops *wl;
	const char *schemes, *out;
	bool resume, help;
	char cmdline[1024];
};

static void usage(const struct swtlb_workload_ops *wl)
{
	printf("usage: " PROG " [--workload NAME] [options]\n"
	       "Deterministic discrete-event simulation with virtual CPUs: "
	       "every scheme's\nreported high-water mark against the exact "
	       "one, for one workload.\n\n"
	       "  --workload NAME      what to simulate (default %s; with a "
	       "model:",
	       swtlb_workloads[0]->name);
	for (unsigned int i = 0; swtlb_workloads[i]; i++)
		if (swtlb_workloads[i]->sim)
			printf(" %s", swtlb_workloads[i]->name);
	printf(")\n"
	       "  --schemes LIST|all   comma-separated schemes (default all "
	       "that serve it)\n"
	       "  --out FILE           CSV rows to FILE (default stdout); an "
	       "existing FILE is\n"
	       "                       refused unless --resume\n"
	       "  --resume             append to FILE (its header must be this "
	       "schema's)\n"
	       "  --help               this text\n\n"
	       "%s options:\n%s\nExamples:\n%s",
	       wl->name, wl->sim->usage, wl->sim->examples);
}

static int set_workload(void *t, const char *v, char *err, size_t errlen)
{
	struct sim_cli *c = t;

	c->wl = swtlb_workload_find(v);
	if (!c->wl)
		return snprintf(err, errlen,
				"--workload: unknown workload "
				"\"%s\"",
				v),
		       -1;
	if (!c->wl->sim)
		return snprintf(err, errlen,
				"--workload %s: no simulator model for it", v),
		       -1;
	return 0;
}

#define TEXT(fn, field)                                                        \
	static int fn(void *t, const char *v, char *err, size_t errlen)        \
	{                                                                      \
		(void)err, (void)errlen;                                       \
		((struct sim_cli *)t)->field = v;                              \
		return 0;                                                      \
	}
TEXT(set_schemes, schemes)
TEXT(set_out, out)

static int set_resume(void *t, const char *v, char *err, size_t errlen)
{
	(void)v, (void)err, (void)errlen;
	((struct sim_cli *)t)->resume = true;
	return 0;
}

static int set_help(void *t, const char *v, char *err, size_t errlen)
{
	(void)v, (void)err, (void)errlen;
	((struct sim_cli *)t)->help = true;
	return 0;
}

static const struct swtlb_cli_opt sim_opts[] = {
    {"workload", true, set_workload}, {"schemes", true, set_schemes},
    {"out", true, set_out},	      {"resume", false, set_resume},
    {"help", false, set_help},	      {NULL, false, NULL},
};

/* --workload first: it decides which model's options are valid. */
static void find_workload(int argc, char **argv, struct sim_cli *c)
{
	char err[256];

	c->wl = swtlb_workloads[0];
	for (int i = 1; i < argc; i++) {
		const char *v = NULL;

		if (!strncmp(argv[i], "--workload=", 11))
			v = argv[i] + 11;
		else if (!strcmp(argv[i], "--workload") && i + 1 < argc)
			v = argv[i + 1];
		if (v && set_workload(c, v, err, sizeof(err)))
			swtlb_cli_die(PROG, "%s", err);
	}
}

/* --schemes: the list, NULL-terminated; "all" = those that serve it. */
static const struct swtlb_scheme_ops **parse_schemes(const struct sim_cli *c)
{
	const struct swtlb_scheme_ops **v;
	size_t n = 0, cap = 2;
	char *copy, *tok, *save = NULL;

	for (const char *p = c->schemes; *p; p++)
		cap += *p == ',';
	for (size_t i = 0; swtlb_schemes[i]; i++)
		cap++;
	v = calloc(cap, sizeof(*v));
	copy = strdup(c->schemes);
	if (!v || !copy)
		swtlb_cli_die(PROG, "out of memory");
	for (tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		bool all = !strcmp(tok, "all");

		for (size_t i = 0; all && swtlb_schemes[i]; i++)
			if (swtlb_scheme_serves(swtlb_schemes[i],
						c->wl->serves))
				v[n++] = swtlb_schemes[i];
		if (all)
			continue;
		if (!(v[n] = swtlb_scheme_find(tok)))
			swtlb_cli_die(PROG, "--schemes: unknown scheme \"%s\"",
				      tok);
		if (!swtlb_scheme_serves(v[n++], c->wl->serves))
			swtlb_cli_die(
			    PROG, "--schemes: %s does not serve workload %s",
			    tok, c->wl->name);
	}
	free(copy);
	if (n == 0)
		swtlb_cli_die(PROG, "--schemes: empty list");
	return v;
}

static void table_line(const struct swtlb_scheme_ops *ops,
		       const struct swtlb_sim_outcome *r)
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

/* The command line, for what a model writes (a trace's header). */
static void join_args(int argc, char **argv, struct sim_cli *c)
{
	size_t pos = 0;

	for (int i = 0; i < argc && pos < sizeof(c->cmdline) - 1; i++)
		pos +=
		    (size_t)snprintf(c->cmdline + pos, sizeof(c->cmdline) - pos,
				     "%s%s", i ? " " : "", argv[i]);
}

/* Parses everything and prepares the model: nothing is written yet. */
static void *setup(int argc, char **argv, struct sim_cli *c)
{
	struct swtlb_cli_table tables[2];
	char err[512];
	void *cfg;

	join_args(argc, argv, c);
	c->schemes = "all";
	find_workload(argc, argv, c);
	cfg = calloc(1, c->wl->sim->cfg_size);
	if (!cfg)
		swtlb_cli_die(PROG, "out of memory");
	c->wl->sim->defaults(cfg);
	tables[0] = (struct swtlb_cli_table){sim_opts, c};
	tables[1] = (struct swtlb_cli_table){c->wl->sim->opts, cfg};
	if (swtlb_cli_parse(argc, argv, tables, 2, NULL, 0, NULL, err,
			    sizeof(err)))
		swtlb_cli_die(PROG, "%s", err);
	if (c->help) {
		usage(c->wl);
		exit(fflush(stdout) ? SWTLB_EXIT_USAGE : 0);
	}
	if (c->resume && !c->out)
		swtlb_cli_die(PROG, "--resume needs --out FILE");
	if (c->wl->sim->resolve(cfg, c->out, c->cmdline, err, sizeof(err)))
		swtlb_cli_die(PROG, "%s", err);
	return cfg;
}

/* --toggle-on (the swiotlb model's) switches the toggle scheme: without it
 * among --schemes the flag would be silently ignored, so it is refused. */
static void check_toggle_on(int argc, char **argv,
			    const struct swtlb_scheme_ops **schemes)
{
	bool asked = false;

	for (int i = 1; i < argc; i++)
		asked |= !strcmp(argv[i], "--toggle-on");
	for (size_t i = 0; asked && schemes[i]; i++)
		if (!strcmp(schemes[i]->name, "toggle"))
			return;
	if (asked)
		swtlb_cli_die(PROG, "--toggle-on switches the toggle scheme, "
				    "which --schemes leaves out");
}

/* The results file, as swtlb-bench opens it. */
static void open_results(const struct sim_cli *c, struct swtlb_host_meta *meta,
			 struct swtlb_results_out *out)
{
	struct swtlb_results_existing ex = {0};
	char err[4400];

	swtlb_host_meta_fill(meta);
	/* Opened and locked before --resume reads (and may cut) it. */
	if (swtlb_results_out_open(out, c->out, c->resume, err, sizeof(err)))
		swtlb_cli_die(PROG, "%s", err);
	if (c->resume && swtlb_results_load(c->out, meta->host, &ex, NULL, NULL,
					    err, sizeof(err)))
		swtlb_cli_die(PROG, "%s", err);
	/* Continuing a file: its rows keep one run_id. */
	if (ex.run_id[0])
		snprintf(meta->run_id, sizeof(meta->run_id), "%s", ex.run_id);
	swtlb_results_out_init(out, &ex);
}

int main(int argc, char **argv)
{
	/* static: still reachable when swtlb_cli_die() exits */
	static const struct swtlb_scheme_ops **schemes;
	static struct sim_cli c;
	static void *cfg;
	struct swtlb_results_out out;
	struct swtlb_host_meta meta;
	char err[512], row[4096];

	swtlb_check_stdout_at_exit(PROG);
	cfg = setup(argc, argv, &c);
	schemes = parse_schemes(&c);
	check_toggle_on(argc, argv, schemes);
	open_results(&c, &meta, &out);
	c.wl->sim->describe(cfg, stderr);
	fprintf(stderr, "%-14s %9s %9s %9s  %s\n", "scheme", "reported",
		"truth", "error", "scheme stats");
	for (size_t i = 0; schemes[i]; i++) {
		struct swtlb_sim_outcome r;
		struct swtlb_csv_row cr = {0};
		int len;

		if (c.wl->sim->run(cfg, schemes[i], i == 0, &r, err,
				   sizeof(err)))
			swtlb_cli_die(PROG, "%s: %s", schemes[i]->name, err);
		table_line(schemes[i], &r);
		c.wl->sim->row(cfg, &cr);
		cr.meta = &meta;
		cr.workload = c.wl->name;
		cr.scheme = schemes[i]->name;
		cr.iterations = r.units;
		cr.wall_ns = 0; /* virtual time is not a measurement */
		cr.counters_status = "none";
		cr.map_failures = r.failures;
		cr.hiwater_reported =
		    (struct swtlb_opt_u64){r.has_hiwater, r.reported};
		cr.hiwater_truth = (struct swtlb_opt_u64){true, r.truth};
		len = swtlb_csv_format_row(&cr, row, sizeof(row));
		if (len < 0)
			swtlb_cli_die(PROG, "internal error: CSV row too long");
		if (swtlb_results_out_row(&out, row, (size_t)len, err,
					  sizeof(err)))
			swtlb_cli_die(PROG, "%s", err);
	}
	swtlb_results_out_close(&out);
	if (c.wl->sim->cleanup)
		c.wl->sim->cleanup(cfg);
	free(cfg);
	free(schemes);
	return 0;
}
