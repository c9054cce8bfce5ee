/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/common/csv.c: the results CSV writer (docs/csv.md, schema version 2).
 *
 * Formatting rules beyond the header file:
 * - a NULL text field and every unknown (opt .known = false) value is an
 *   empty cell; so is any non-finite float;
 * - wall_ns == 0 means "no wall time was measured" (the simulator: virtual
 *   time is not a measurement): wall_ns, ops_per_sec and ns_per_op are then
 *   empty. A real measured region never takes 0 ns;
 * - ns_per_op is empty when iterations is 0 (no operation to divide by);
 * - hiwater_err_pct is derived, 100 x (reported - truth) / truth, only when
 *   both are known and truth > 0; otherwise empty.
 * Text is quoted per RFC 4180 when it holds a comma, quote, CR or LF.
 */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "bench/common/csv.h"
#include "bench/common/csv_host.h"

/* The column list of csv-schema.md, in order (tests compare the two). */
static const char csv_header[] =
    "schema_version,run_id,host,cpu_model,kernel,git_rev,workload,scheme,"
    "layout,threads,cpus,numa_nodes,nareas,nslabs,size_dist,queue_depth,"
    "bounce,kconfig,area_layout,rep,iterations,wall_ns,ops_per_sec,"
    "ns_per_op,cycles_per_op,instructions_per_op,cache_misses_per_op,"
    "l1d_misses_per_op,llc_misses_per_op,context_switches,cpu_migrations,"
    "counters_status,map_failures,hiwater_reported,hiwater_truth,"
    "hiwater_err_pct,"
    /* issue 10 (schema 2): per workload */
    "workload_params,"
    /* issue 11 (schema 2, runner): pool size rule, bounce sources,
     * periodic work, workers' involuntary context switches */
    "nslabs_spec,src_set,src_set_bytes,periodic_on,worker_nivcsw_sum,"
    "worker_nivcsw_max,"
    /* schema 2, issue 12 (hand-off, fairness, placement, host facts) */
    "ops_thread_min,ops_thread_max,jain_index,handoff_ns,handoff_pairs,"
    "meta_mem,meta_pages,bounce_pages,bounce_page_size,cpufreq_driver,"
    "cpufreq_governor,boost,smt,microcode,mitigations,thp,numa_balancing,"
    "virt,"
    /* schema 2, issue 12 (--events): */
    "pmu,pmu_events,pmu_counts,pmu_per_op,pmu_scaled";

const char *swtlb_csv_header(void)
{
	return csv_header;
}

/* An output cursor that remembers overflow instead of truncating. */
struct csv_out {
	char *buf;
	size_t len, pos;
	bool overflow;
};

static void out_raw(struct csv_out *o, const char *s, size_t n)
{
	if (o->overflow || o->pos + n >= o->len) {
		o->overflow = true;
		return;
	}
	memcpy(o->buf + o->pos, s, n);
	o->pos += n;
	o->buf[o->pos] = '\0';
}

static void out_fmt(struct csv_out *o, const char *fmt, ...)
{
	char tmp[64];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(tmp)) {
		o->overflow = true;
		return;
	}
	out_raw(o, tmp, (size_t)n);
}

/* Starts a cell: a comma before every cell but the first. */
static void out_sep(struct csv_out *o)
{
	if (o->pos > 0)
		out_raw(o, ",", 1);
}

static void cell_text(struct csv_out *o, const char *s)
{
	out_sep(o);
	if (!s)
		return;
	if (!strpbrk(s, ",\"\r\n")) {
		out_raw(o, s, strlen(s));
		return;
	}
	out_raw(o, "\"", 1);
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			out_raw(o, "\"", 1);
		out_raw(o, p, 1);
	}
	out_raw(o, "\"", 1);
}

static void cell_u64(struct csv_out *o, uint64_t v)
{
	out_sep(o);
	out_fmt(o, "%llu", (unsigned long long)v);
}

static void cell_opt_u64(struct csv_out *o, struct swtlb_opt_u64 v)
{
	out_sep(o);
	if (v.known)
		out_fmt(o, "%llu", (unsigned long long)v.v);
}

static void cell_f64(struct csv_out *o, bool known, double v, int prec)
{
	out_sep(o);
	if (known && isfinite(v))
		out_fmt(o, "%.*f", prec, v);
}

static void cell_opt_f64(struct csv_out *o, struct swtlb_opt_f64 v)
{
	cell_f64(o, v.known, v.v, 6);
}

/* A text cell: "" (unknown) is empty, as NULL is. */
static void cell_known_text(struct csv_out *o, const char *s)
{
	cell_text(o, s && *s ? s : NULL);
}

/* Schema 2, issue 12: per-thread work, hand-off, placement, host facts. */
static void format_issue12(struct csv_out *o, const struct swtlb_csv_row *r)
{
	const struct swtlb_host_facts *f = r->meta ? &r->meta->facts : NULL;

	cell_opt_u64(o, r->ops_thread_min);
	cell_opt_u64(o, r->ops_thread_max);
	cell_opt_f64(o, r->jain_index);
	cell_f64(o, r->handoff_ns.known, r->handoff_ns.v, 1);
	cell_known_text(o, r->handoff_pairs);
	cell_known_text(o, r->meta_mem);
	cell_known_text(o, r->meta_pages);
	cell_known_text(o, r->bounce_pages);
	cell_known_text(o, r->bounce_page_size);
	cell_known_text(o, f ? f->cpufreq_driver : NULL);
	cell_known_text(o, f ? f->governor : NULL);
	cell_known_text(o, f ? f->boost : NULL);
	cell_known_text(o, f ? f->smt : NULL);
	cell_known_text(o, f ? f->microcode : NULL);
	cell_known_text(o, f ? f->mitigations : NULL);
	cell_known_text(o, f ? f->thp : NULL);
	cell_known_text(o, f ? f->numa_balancing : NULL);
	cell_known_text(o, f ? f->virt : NULL);
}

int swtlb_csv_format_row(const struct swtlb_csv_row *r, char *buf, size_t len)
{
	struct csv_out o = {.buf = buf, .len = len};
	const struct swtlb_host_meta *m = r->meta;
	bool timed = r->wall_ns > 0;
	bool err_known = r->hiwater_reported.known && r->hiwater_truth.known &&
			 r->hiwater_truth.v > 0;

	if (len)
		buf[0] = '\0';
	/* The first cell has no comma before it: pos is still 0. */
	out_fmt(&o, "%d", SWTLB_CSV_SCHEMA_VERSION);
	cell_text(&o, m ? m->run_id : NULL);
	cell_text(&o, m ? m->host : NULL);
	cell_text(&o, m ? m->cpu_model : NULL);
	cell_text(&o, m ? m->kernel : NULL);
	cell_text(&o, m ? m->git_rev : NULL);
	cell_text(&o, r->workload);
	cell_text(&o, r->scheme);
	cell_text(&o, r->layout);
	cell_u64(&o, r->threads);
	cell_text(&o, r->cpus);
	cell_u64(&o, r->numa_nodes);
	cell_opt_u64(&o, r->nareas);
	cell_opt_u64(&o, r->nslabs);
	cell_text(&o, r->size_dist);
	cell_u64(&o, r->queue_depth);
	cell_u64(&o, r->bounce ? 1 : 0);
	cell_text(&o, r->kconfig);
	cell_text(&o, r->area_layout);
	cell_u64(&o, r->rep);
	cell_u64(&o, r->iterations);
	cell_opt_u64(&o, (struct swtlb_opt_u64){timed, r->wall_ns});
	cell_f64(&o, timed, (double)r->iterations / ((double)r->wall_ns / 1e9),
		 3);
	cell_f64(&o, timed && r->iterations > 0,
		 (double)r->wall_ns * r->threads / (double)r->iterations, 3);
	cell_opt_f64(&o, r->cycles_per_op);
	cell_opt_f64(&o, r->instructions_per_op);
	cell_opt_f64(&o, r->cache_misses_per_op);
	cell_opt_f64(&o, r->l1d_misses_per_op);
	cell_opt_f64(&o, r->llc_misses_per_op);
	cell_opt_u64(&o, r->context_switches);
	cell_opt_u64(&o, r->cpu_migrations);
	cell_text(&o, r->counters_status);
	cell_u64(&o, r->map_failures);
	cell_opt_u64(&o, r->hiwater_reported);
	cell_opt_u64(&o, r->hiwater_truth);
	cell_f64(&o, err_known,
		 err_known ? 100.0 *
				 ((double)r->hiwater_reported.v -
				  (double)r->hiwater_truth.v) /
				 (double)r->hiwater_truth.v
			   : 0.0,
		 3);
	cell_text(&o, r->workload_params);
	cell_text(&o, r->nslabs_spec);
	cell_text(&o, r->src_set);
	cell_opt_u64(&o, r->src_set_bytes);
	cell_text(&o, r->periodic_on);
	cell_opt_u64(&o, r->worker_nivcsw_sum);
	cell_opt_u64(&o, r->worker_nivcsw_max);
	format_issue12(&o, r);
	cell_text(&o, r->pmu);
	cell_text(&o, r->pmu_events);
	cell_text(&o, r->pmu_counts);
	cell_text(&o, r->pmu_per_op);
	cell_text(&o, r->pmu_scaled);
	out_raw(&o, "\n", 1);
	if (o.overflow) {
		if (len)
			buf[0] = '\0';
		return -1;
	}
	return (int)o.pos;
}

static int cmp_uint(const void *a, const void *b)
{
	unsigned int x = *(const unsigned int *)a, y = *(const unsigned int *)b;

	return (x > y) - (x < y);
}

void swtlb_cpus_compress(const unsigned int *cpus, unsigned int n, char *buf,
			 size_t len)
{
	struct csv_out o = {.buf = buf, .len = len};
	unsigned int *s;

	if (!len)
		return;
	buf[0] = '\0';
	if (!n)
		return;
	s = malloc(n * sizeof(*s));
	if (!s)
		return; /* an empty cell (unknown) rather than a wrong list */
	memcpy(s, cpus, n * sizeof(*s));
	qsort(s, n, sizeof(*s), cmp_uint);
	for (unsigned int i = 0; i < n;) {
		unsigned int j = i;

		/* Extend the run over duplicates and consecutive ids. */
		while (j + 1 < n && (s[j + 1] == s[j] || s[j + 1] == s[j] + 1))
			j++;
		if (o.pos)
			out_raw(&o, "+", 1);
		if (s[j] != s[i])
			out_fmt(&o, "%u-%u", s[i], s[j]);
		else
			out_fmt(&o, "%u", s[i]);
		i = j + 1;
	}
	free(s);
	if (o.overflow)
		buf[0] = '\0'; /* never a truncated, wrong list */
}

/* Copies s into dst, stopping at a newline; "unknown" when empty. */
static void copy_field(char *dst, size_t len, const char *s)
{
	size_t n = s ? strcspn(s, "\r\n") : 0;

	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0) {
		snprintf(dst, len, "unknown");
		return;
	}
	snprintf(dst, len, "%.*s", (int)n, s);
}

void swtlb_host_meta_fill(struct swtlb_host_meta *meta)
{
	char host[256] = "", model[256] = "", rev[64] = "", stamp[32];
	struct utsname u;
	struct tm tm;
	time_t now = time(NULL);

	if (gethostname(host, sizeof(host) - 1) != 0)
		host[0] = '\0';
	copy_field(meta->host, sizeof(meta->host), host);

	swtlb_host_cpu_model(model, sizeof(model));
	copy_field(meta->cpu_model, sizeof(meta->cpu_model), model);

	copy_field(meta->kernel, sizeof(meta->kernel),
		   uname(&u) == 0 ? u.release : NULL);

	swtlb_host_facts_read("/", &meta->facts);

	swtlb_host_git_rev(SWTLB_SOURCE_DIR, rev, sizeof(rev));
	copy_field(meta->git_rev, sizeof(meta->git_rev), rev);

	/* run_id: UTC start time and host, e.g. 20261121T232400Z-myhost. */
	gmtime_r(&now, &tm);
	if (strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ-", &tm) == 0)
		stamp[0] = '\0';
	snprintf(meta->run_id, sizeof(meta->run_id), "%s", stamp);
	for (size_t p = strlen(meta->run_id), h = 0;
	     meta->host[h] && p + 1 < sizeof(meta->run_id); p++, h++) {
		meta->run_id[p] = meta->host[h];
		meta->run_id[p + 1] = '\0';
	}
}
