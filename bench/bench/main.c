// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench/bench/main.c: swtlb-bench, the contention benchmark of the
 * swiotlb accounting schemes. Wires the options, the plan, Google Benchmark
 * (one registered benchmark per configuration and repetition) and the
 * results file together; the measured body is in body.c.
 */
#include <errno.h>
#include <regex.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench/bench/body.h"
#include "bench/bench/filter.h"
#include "bench/bench/gbench.h"
#include "bench/bench/limits.h"
#include "bench/bench/opts.h"
#include "bench/bench/plan.h"
#include "bench/bench/preflight.h"
#include "bench/bench/progress.h"
#include "bench/bench/resume.h"
#include "bench/bench/row.h"
#include "bench/common/cli.h"
#include "bench/common/csv.h"
#include "bench/common/truth.h"
#include "util/outpath.h"

#define PROG "swtlb-bench"

static atomic_int interrupted;
static volatile sig_atomic_t signal_seen;

static void on_signal(int sig)
{
	signal_seen = sig;
	atomic_store(&interrupted, 1);
}

static void bad_gb_flag(void)
{
	swtlb_cli_die(PROG, "bad value for a --benchmark_* flag (see --help)");
}

struct bench {
	struct swtlb_bench_opts opts;
	struct swtlb_bench_plan plan;
	struct swtlb_bench_env env;
	struct swtlb_topo *topo;
	struct swtlb_mem_policy *mem;
	struct swtlb_bounce_mem bounce_mem;
	struct swtlb_host_meta meta;
	struct swtlb_bench_existing existing;
	struct swtlb_results_out out;
	struct swtlb_bench_progress progress;
	struct swtlb_bench_run **runs;
	unsigned int nruns, nexpected, nskipped;
	unsigned int rows, failed_runs;
	bool explained[SWTLB_PERF_MAX_SLOTS];
	bool write_failed;
	struct swtlb_bench_filter filter;
	char **ours, **args; /* argv as split for Google Benchmark and us */
	struct swtlb_preflight pf; /* issue 12: placement, hand-off */
};

/* Bad usage: cli.h's one line and exit status 2. */
static void die_usage(const char *msg)
{
	swtlb_cli_die(PROG, "%s", msg);
}

static void full_name(const struct swtlb_bench_config *c, unsigned int rep,
		      char *buf, size_t len, bool with_suffix)
{
	if (with_suffix)
		snprintf(buf, len,
			 "%s/rep:%u/iterations:1/manual_time/threads:%u",
			 c->name, rep, c->threads);
	else
		snprintf(buf, len, "%s/rep:%u", c->name, rep);
}

static void explain_perf(struct bench *b, const struct swtlb_perf_values *v)
{
	for (unsigned int e = 0; e < v->nslots; e++) {
		char line[512];

		if (v->known[e] || b->explained[e])
			continue;
		b->explained[e] = true;
		swtlb_perf_explain_name(
		    swtlb_perf_slot_name(&b->opts.events, e), v->hw[e],
		    v->err[e], line, sizeof(line));
		swtlb_bench_progress_break(&b->progress);
		fprintf(stderr, "swtlb-bench: %s\n", line);
	}
}

static void write_row(struct bench *b, const struct swtlb_gb_run *r,
		      struct swtlb_bench_run *run)
{
	char buf[8192], err[512];
	bool truth_known;
	int len;

	len = swtlb_bench_format_row(&b->plan, &b->opts, &b->pf, &b->meta, r,
				     run, buf, sizeof(buf), &truth_known, err,
				     sizeof(err));
	if (len < 0) {
		swtlb_bench_progress_break(&b->progress);
		fprintf(stderr, "swtlb-bench: run %s: %s\n", r->name, err);
		b->failed_runs++;
		return;
	}
	if (swtlb_results_out_row(&b->out, buf, (size_t)len, err,
				  sizeof(err))) {
		swtlb_bench_progress_break(&b->progress);
		fprintf(stderr, "swtlb-bench: %s; stopping\n", err);
		b->write_failed = true;
		atomic_store(&interrupted, 1);
		return;
	}
	b->rows++;
	explain_perf(b, &run->perf);
	if (b->opts.truth && !truth_known) {
		swtlb_bench_progress_break(&b->progress);
		fprintf(stderr, "swtlb-bench: %s: %s\n", r->name,
			run->truth_note[0] ? run->truth_note
					   : "hiwater_truth unknown");
	}
}

static void break_progress(void *arg)
{
	swtlb_bench_progress_break(arg);
}

/* Google Benchmark hands over every finished run here. */
static void on_run(const struct swtlb_gb_run *r, void *arg)
{
	struct bench *b = arg;
	struct swtlb_bench_run *run = r->arg;

	if (r->aggregate || !run)
		return;
	if (atomic_load(&interrupted) || run->interrupted) {
		/* Cut short: a partial window is not a measurement. */
		return;
	}
	if (r->error || atomic_load(&run->failed)) {
		swtlb_bench_progress_break(&b->progress);
		fprintf(stderr, "swtlb-bench: run %s failed: %s\n", r->name,
			run->error[0] ? run->error : r->error_message);
		b->failed_runs++;
	} else {
		write_row(b, r, run);
	}
	if (b->opts.phases) {
		char line[512];

		swtlb_bench_phases_format(run, line, sizeof(line));
		swtlb_bench_progress_break(&b->progress);
		fprintf(stderr, "swtlb-bench: phases %s: %s\n", r->name, line);
	}
	swtlb_bench_progress_step(&b->progress, r->name);
	/* --handoff-each rep: the next rep's pre-flight, when one begins. */
	if (swtlb_preflight_runs(&b->pf, &b->opts, b->topo, &b->plan, b->runs,
				 b->nruns, run->index + 1, break_progress,
				 &b->progress, stderr) < 0)
		die_usage("out of memory");
}

static void setup_filter(struct bench *b, const char *filter)
{
	char err[1200];

	if (swtlb_bench_filter_init(&b->filter, filter, err, sizeof(err)))
		die_usage(err);
}

/* Before any run: every worker's perf fds at the largest thread count,
 * and bounce source buffers that fit in memory (limits.h). */
static void ensure_fds(struct bench *b)
{
	char err[512];

	if (swtlb_bench_limits_check(&b->opts, &b->plan, err, sizeof(err)))
		die_usage(err);
}

static void load_environment(struct bench *b)
{
	char err[1024], why[512];

	b->topo = swtlb_topo_load(b->opts.topology, why, sizeof(why));
	if (!b->topo) {
		snprintf(err, sizeof(err), "--topology: %s", why);
		die_usage(err);
	}
	if (!swtlb_topo_is_host(b->topo) && !b->opts.dry_run) {
		snprintf(err, sizeof(err),
			 "--topology %.200s is not this machine: threads "
			 "cannot be pinned there (use --dry-run to see the "
			 "plan)",
			 b->opts.topology);
		die_usage(err);
	}
	if (swtlb_topo_is_host(b->topo)) {
		b->mem = swtlb_mem_policy_parse(b->topo, b->opts.pool_mem, why,
						sizeof(why));
		if (!b->mem) {
			snprintf(err, sizeof(err), "--pool-mem %s: %s",
				 b->opts.pool_mem, why);
			die_usage(err);
		}
	}
	if (swtlb_bench_plan_build(&b->opts, b->topo, &b->plan, err,
				   sizeof(err)))
		die_usage(err);
	if (b->opts.truth && swtlb_truth_check_tsc(err, sizeof(err)))
		die_usage(err);
	if (swtlb_preflight_placement(&b->pf, &b->opts, b->topo, &b->plan,
				      b->mem, err, sizeof(err)))
		die_usage(err);
	if (!b->opts.dry_run)
		ensure_fds(b);
}

static void register_runs(struct bench *b)
{
	struct swtlb_gb_options gopt = {0};
	unsigned int max = b->plan.nconfigs * b->opts.reps;
	char name[1024];

	b->runs = calloc(max, sizeof(*b->runs));
	if (!b->runs)
		die_usage("out of memory");
	gopt.iterations = 1;
	gopt.manual_time = true;
	/* Repetition-major: every configuration's rep 0, then rep 1, ...
	 * so slow drift of the machine spreads over all schemes. */
	for (unsigned int rep = 0; rep < b->opts.reps; rep++) {
		for (unsigned int i = 0; i < b->plan.nconfigs; i++) {
			const struct swtlb_bench_config *c =
			    &b->plan.configs[i];
			struct swtlb_bench_run *run;

			if (swtlb_bench_existing_has(&b->existing, c->key,
						     rep)) {
				b->nskipped++;
				continue;
			}
			run = swtlb_bench_run_new(&b->env, c, rep);
			if (!run)
				die_usage("out of memory");
			run->index = b->nruns;
			b->runs[b->nruns++] = run;
			full_name(c, rep, name, sizeof(name), false);
			gopt.threads = (int)c->threads;
			if (swtlb_gb_register(name, swtlb_bench_body, run,
					      &gopt))
				die_usage("cannot register a run");
			full_name(c, rep, name, sizeof(name), true);
			run->selected =
			    swtlb_bench_filter_selected(&b->filter, name);
			b->nexpected += run->selected;
		}
	}
}

static void dry_run(struct bench *b)
{
	char name[1024];

	if (b->plan.wl->dims & SWTLB_DIM_POOL)
		printf("# pool: %lu slots (%lu MiB), %u areas; possible CPUs "
		       "%u\n",
		       b->plan.nslabs, b->plan.nslabs * IO_TLB_SIZE >> 20,
		       b->plan.nareas, b->plan.possible_cpus);
	for (unsigned int i = 0; i < b->nruns; i++) {
		const struct swtlb_bench_run *run = b->runs[i];

		unsigned int c = (unsigned int)(run->cfg - b->plan.configs);

		full_name(run->cfg, run->rep, name, sizeof(name), false);
		if (swtlb_preflight_handoff(&b->pf, &b->opts, b->topo, &b->plan,
					    c, false, NULL))
			die_usage("out of memory");
		printf("%s cpus=%s numa_nodes=%u handoff=%s meta=%s "
		       "periodic=%s\n",
		       name, run->cfg->cpus, run->cfg->numa_nodes,
		       b->pf.handoff_text[c][0] ? b->pf.handoff_text[c] : "-",
		       b->pf.meta_spec, run->cfg->periodic_on);
	}
}

static void install_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

static void bench_free(struct bench *b)
{
	swtlb_gb_clear();
	for (unsigned int i = 0; i < b->nruns; i++)
		swtlb_bench_run_free(b->runs[i]);
	free(b->runs);
	b->runs = NULL;
	b->nruns = 0;
	swtlb_bench_filter_free(&b->filter);
	swtlb_bench_existing_free(&b->existing);
	swtlb_bench_plan_free(&b->plan);
	swtlb_bounce_mem_release(&b->bounce_mem);
	swtlb_preflight_free(&b->pf);
	swtlb_mem_policy_free(b->mem);
	b->mem = NULL;
	if (b->topo)
		swtlb_topo_free(b->topo);
	b->topo = NULL;
	free(b->ours);
	free(b->args);
	b->ours = b->args = NULL;
}

/* Parses argv into b->opts (Google Benchmark's flags go to it first). */
static void parse_args(struct bench *b, int argc, char **argv,
		       const char **filter)
{
	char err[512];
	int nours, n;

	b->ours = calloc((size_t)argc + 1, sizeof(char *));
	b->args = calloc((size_t)argc * 2 + 2, sizeof(char *));
	if (!b->ours || !b->args)
		die_usage("out of memory");
	n = swtlb_bench_split_args(argc, argv, b->ours, &nours, filter);
	swtlb_gb_init(&n, argv, bad_gb_flag);
	/* Ours: what Google Benchmark left, plus the synonyms set aside. */
	for (int i = 0; i < n; i++)
		b->args[i] = argv[i];
	for (int i = 0; i < nours; i++)
		b->args[n + i] = b->ours[i];
	if (swtlb_bench_parse(n + nours, b->args, &b->opts, err, sizeof(err)))
		die_usage(err);
}

/* Reads what --resume continues and prepares the output. */
static void prepare_output(struct bench *b)
{
	char err[4400];

	/* Opened and locked before --resume reads (and may cut) it. */
	if (!b->opts.dry_run &&
	    swtlb_results_out_open(&b->out, b->opts.out, b->opts.resume, err,
				   sizeof(err)))
		die_usage(err);
	if (b->opts.resume &&
	    swtlb_bench_existing_load(b->opts.out, b->meta.host, &b->existing,
				      err, sizeof(err)))
		die_usage(err);
	if (b->existing.file.run_id[0]) {
		/* Continuing a suite run: its rows keep one run_id. */
		snprintf(b->meta.run_id, sizeof(b->meta.run_id), "%s",
			 b->existing.file.run_id);
	}
	if (!b->opts.dry_run)
		swtlb_results_out_init(&b->out, &b->existing.file);
}

/* Host warnings, then the hand-off of the thread sets about to run (with
 * --handoff-each rep: the first rep's; on_run measures the others). */
static void preflight_all(struct bench *b)
{
	swtlb_preflight_warn(&b->meta.facts, stderr);
	if (swtlb_preflight_runs(&b->pf, &b->opts, b->topo, &b->plan, b->runs,
				 b->nruns, 0, NULL, NULL, stderr) < 0)
		die_usage("out of memory");
}

static int run_all(struct bench *b)
{
	const char *where = b->out.path[0] ? b->out.path : "stdout";
	char est[32];

	if (b->nskipped)
		fprintf(stderr,
			"swtlb-bench: resuming %s: %zu rows kept, %u runs "
			"already done, %u to go\n",
			where, b->existing.file.nrows, b->nskipped, b->nruns);
	/* Setup outside the window: ~20 ms a run, ~170 ms when a 64 MiB
	 * bounce buffer is faulted in (measured on a 2-vCPU KVM guest). */
	swtlb_bench_format_duration(
	    b->nexpected *
		(b->opts.min_time +
		 (b->opts.bounce[b->opts.nbounce - 1] ? 0.17 : 0.02)),
	    est, sizeof(est));
	fprintf(stderr,
		"swtlb-bench: %u runs (%u configurations x %u reps) of %gs: "
		"about %s; workload %s",
		b->nexpected, b->plan.nconfigs, b->opts.reps, b->opts.min_time,
		est, b->plan.wl->name);
	if (b->plan.wl->dims & SWTLB_DIM_POOL)
		fprintf(stderr, ", pool %lu slots, %u areas", b->plan.nslabs,
			b->plan.nareas);
	fprintf(stderr, "; rows to %s\n", where);
	preflight_all(b);
	swtlb_bench_progress_init(&b->progress, b->nexpected, b->opts.min_time);
	install_signals();
	if (b->nruns)
		swtlb_gb_run_all(on_run, b, false);
	swtlb_bench_progress_break(&b->progress);
	swtlb_results_out_close(&b->out);
	if (signal_seen || b->write_failed) {
		fprintf(stderr,
			"swtlb-bench: %s: %u rows written this time, every "
			"finished row is in %s%s\n",
			b->write_failed ? "stopped" : "interrupted", b->rows,
			where,
			b->out.path[0] ? "; continue with the same command "
					 "and --resume"
				       : "");
		return signal_seen ? 128 + signal_seen : 1;
	}
	fprintf(stderr, "swtlb-bench: %u rows written to %s%s\n", b->rows,
		where, b->failed_runs ? " (some runs failed, see above)" : "");
	return b->failed_runs ? 1 : 0;
}

int main(int argc, char **argv)
{
	static struct bench b;
	const char *filter = NULL;
	int status = 0;

	swtlb_check_stdout_at_exit("swtlb-bench");
	parse_args(&b, argc, argv, &filter);
	if (b.opts.list_schemes || b.opts.list_workloads) {
		if (b.opts.list_schemes)
			swtlb_bench_list_schemes();
		if (b.opts.list_workloads)
			swtlb_bench_list_workloads();
		bench_free(&b);
		return 0;
	}
	if (b.opts.host_facts) {
		swtlb_host_facts_read(b.opts.host_root, &b.meta.facts);
		swtlb_host_facts_print(stdout, b.opts.host_root, &b.meta.facts);
		bench_free(&b);
		return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
	}
	if (b.opts.list_events) {
		swtlb_pmu_events_print(stdout, &b.opts.events);
		bench_free(&b);
		return 0;
	}
	setup_filter(&b, filter);
	load_environment(&b);
	swtlb_host_meta_fill(&b.meta);
	if (strcmp(b.opts.host_root, "/") != 0)
		swtlb_host_facts_read(b.opts.host_root, &b.meta.facts);
	prepare_output(&b);
	b.env.opts = &b.opts;
	b.env.plan = &b.plan;
	b.env.topo = b.topo;
	b.env.mem = b.mem;
	b.bounce_mem.policy = b.mem;
	b.env.bounce_mem = b.mem ? &b.bounce_mem : NULL;
	b.env.meta = b.pf.meta;
	b.env.interrupted = &interrupted;
	register_runs(&b);
	/* A filter that selects nothing would "succeed" with no rows. */
	if (b.filter.active && b.nruns && !b.nexpected) {
		char msg[1200];

		snprintf(msg, sizeof(msg),
			 "--benchmark_filter '%s' matches none of the %u runs "
			 "(names as --dry-run prints them)",
			 filter, b.nruns);
		die_usage(msg);
	}
	if (b.opts.events.default_note[0])
		fprintf(stderr, "swtlb-bench: %s\n",
			b.opts.events.default_note);
	if (b.opts.dry_run)
		dry_run(&b);
	else
		status = run_all(&b);
	bench_free(&b);
	return status;
}
