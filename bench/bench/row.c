// SPDX-License-Identifier: GPL-2.0-only
/* bench/bench/row.c: see row.h. */
#include "bench/bench/row.h"

#include <stdio.h>
#include <string.h>

static struct swtlb_opt_f64 per_op(const struct swtlb_perf_values *v, int e,
				   uint64_t ops)
{
	struct swtlb_opt_f64 r = {v->known[e] && ops > 0, 0};

	if (r.known)
		r.v = v->value[e] / (double)ops;
	return r;
}

static struct swtlb_opt_u64 count_of(const struct swtlb_perf_values *v, int e)
{
	struct swtlb_opt_u64 r = {v->known[e], 0};

	if (r.known)
		r.v = (uint64_t)(v->value[e] + 0.5);
	return r;
}

static double counter(const struct swtlb_gb_run *r, const char *name, bool *ok)
{
	double v = 0;

	if (!swtlb_gb_run_counter(r, name, &v))
		*ok = false;
	return v;
}

/* Schema 2 columns of issue 11: pool size rule, bounce sources, where
 * periodic work ran, the workers' involuntary context switches. */
static void fill_issue11(const struct swtlb_bench_plan *plan,
			 const struct swtlb_bench_opts *opts,
			 const struct swtlb_bench_run *run,
			 struct swtlb_csv_row *row)
{
	const struct swtlb_bench_config *c = run->cfg;

	/* Empty for a workload without the pool or without bounce. */
	row->nslabs_spec =
	    c->wl->dims & SWTLB_DIM_POOL ? opts->nslabs.text : NULL;
	row->src_set = c->src_set;
	row->src_set_bytes.known = c->bounce;
	row->src_set_bytes.v = (uint64_t)plan->src_stride * plan->src_count;
	row->periodic_on = c->periodic_on;
	row->worker_nivcsw_sum.known = row->worker_nivcsw_max.known = true;
	for (unsigned int t = 0; t < c->threads; t++) {
		const struct swtlb_bench_thread_result *r = &run->res[t];

		if (!r->nivcsw_known) {
			row->worker_nivcsw_sum.known = false;
			row->worker_nivcsw_max.known = false;
			break;
		}
		row->worker_nivcsw_sum.v += r->nivcsw;
		if (r->nivcsw > row->worker_nivcsw_max.v)
			row->worker_nivcsw_max.v = r->nivcsw;
	}
}

/* The cells that say what ran. */
static void describe(const struct swtlb_bench_plan *plan,
		     const struct swtlb_bench_opts *opts,
		     const struct swtlb_bench_run *run,
		     struct swtlb_csv_row *row)
{
	const struct swtlb_bench_config *c = run->cfg;
	struct swtlb_bench_pool_cells pc;

	row->workload = c->workload;
	row->workload_params = c->workload_params;
	row->scheme = c->scheme_name;
	row->layout = c->layout;
	row->threads = c->threads;
	row->cpus = c->cpus;
	row->numa_nodes = c->numa_nodes;
	swtlb_bench_pool_cells(plan, c, &pc);
	row->nareas = (struct swtlb_opt_u64){pc.known, pc.nareas};
	row->nslabs = (struct swtlb_opt_u64){pc.known, pc.nslabs};
	row->size_dist = swtlb_bench_size_cell(opts, c);
	row->queue_depth = opts->queue_depth;
	row->bounce = c->bounce;
	row->kconfig = pc.kconfig;
	row->area_layout = pc.area_layout;
	row->rep = run->rep;
}

/* The perf cells: per unit of work where counted, else empty. */
static void perf_cells(const struct swtlb_perf_values *pv,
		       struct swtlb_csv_row *row)
{
	uint64_t n = row->iterations;

	row->cycles_per_op = per_op(pv, SWTLB_PERF_CYCLES, n);
	row->instructions_per_op = per_op(pv, SWTLB_PERF_INSTRUCTIONS, n);
	row->cache_misses_per_op = per_op(pv, SWTLB_PERF_CACHE_MISSES, n);
	row->l1d_misses_per_op = per_op(pv, SWTLB_PERF_L1D_READ_MISSES, n);
	row->llc_misses_per_op = per_op(pv, SWTLB_PERF_LLC_READ_MISSES, n);
	row->context_switches = count_of(pv, SWTLB_PERF_CONTEXT_SWITCHES);
	row->cpu_migrations = count_of(pv, SWTLB_PERF_CPU_MIGRATIONS);
	row->counters_status = swtlb_perf_status(pv);
}

/* The PMU columns: the events asked for (--events) and their counts. The
 * strings live in cells, which outlives the row's formatting. */
static void pmu_cells(const struct swtlb_bench_opts *opts,
		      const struct swtlb_perf_values *pv,
		      struct swtlb_perf_cells *cells, struct swtlb_csv_row *row)
{
	swtlb_perf_cells(&opts->events, pv, row->iterations, cells);
	row->pmu = opts->events.core_pmu;
	row->pmu_events = cells->events;
	row->pmu_counts = cells->counts;
	row->pmu_per_op = cells->per_op;
	row->pmu_scaled = cells->scaled;
}

int swtlb_bench_format_row(
    const struct swtlb_bench_plan *plan, const struct swtlb_bench_opts *opts,
    const struct swtlb_preflight *pf, const struct swtlb_host_meta *meta,
    const struct swtlb_gb_run *r, const struct swtlb_bench_run *run, char *buf,
    size_t len, bool *truth_known, char *err, size_t errlen)
{
	struct swtlb_csv_row row;
	struct swtlb_perf_cells cells;
	bool ok = true;
	double hw;
	int n;

	memset(&row, 0, sizeof(row));
	row.meta = meta;
	describe(plan, opts, run, &row);
	/* The measurement, as Google Benchmark reported it. */
	row.iterations = (uint64_t)counter(r, "ops", &ok);
	row.wall_ns = (uint64_t)counter(r, "wall_ns", &ok);
	row.map_failures = (uint64_t)counter(r, "map_failures", &ok);
	if (!ok || row.wall_ns == 0)
		return snprintf(err, errlen, "reported no measurement"), -1;
	perf_cells(&run->perf, &row);
	pmu_cells(opts, &run->perf, &cells, &row);
	row.hiwater_reported.known =
	    swtlb_gb_run_counter(r, "hiwater_reported", &hw);
	row.hiwater_reported.v = (uint64_t)hw;
	row.hiwater_truth.known = swtlb_gb_run_counter(r, "hiwater_truth", &hw);
	row.hiwater_truth.v = (uint64_t)hw;
	*truth_known = row.hiwater_truth.known;
	fill_issue11(plan, opts, run, &row);
	swtlb_preflight_row(pf, plan, run, &row);
	n = swtlb_csv_format_row(&row, buf, len);
	if (n < 0)
		return snprintf(err, errlen, "row too long"), -1;
	return n;
}
