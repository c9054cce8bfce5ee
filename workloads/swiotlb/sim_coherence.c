/* SPDX-License-Identifier: GPL-2.0-only */
/* workloads/swiotlb/sim_coherence.c: swtlb-sim --model (sim_coherence.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "topology/shard_places.h"
#include "topology/topology.h"
#include "util/text.h"
#include "workloads/swiotlb/sim_coherence.h"

#define MODEL_CSV_HEADER                                                       \
	"model_schema,topology,cpus,nareas,area_layout,size_dist,scheme,"      \
	"maps,unmaps,periodic,xfer_smt,xfer_cache,xfer_package,xfer_remote,"   \
	"xfer_per_pair,remote_per_pair,ns_per_pair,ceiling_pairs_per_s,"       \
	"projected_pairs_per_s,hot_line,lat_smt_ns,lat_cache_ns,"              \
	"lat_package_ns,lat_remote_ns,base_pair_ns,hiwater_reported,"          \
	"hiwater_truth,stats,run_maps,warm_stats,lat_source,xfer_node,"        \
	"lat_node_ns"

struct sim_model {
	const struct sim_model_opts *o;
	struct swtlb_topo *topo;
	struct swtlb_pu_place *places;
	unsigned int nplaces;
	struct swtlb_shard_place *areas; /* escrow-tier's groups */
	struct model *m;
	struct sim_observer obs;
	char topo_safe[256]; /* the spec, printable ASCII only */
	char dist_csv[256], topo_csv[600];
	int fd;
	char *table; /* stderr lines, printed after the accuracy table */
	size_t table_len;
};

void sim_model_defaults(struct sim_model_opts *o)
{
	*o = (struct sim_model_opts){
	    .topology = "host",
	    .lat = {.ns = {[SWTLB_MODEL_DIST_SMT] = MODEL_LAT_SMT_NS,
			   [SWTLB_MODEL_DIST_CACHE] = MODEL_LAT_CACHE_NS,
			   [SWTLB_MODEL_DIST_PACKAGE] = MODEL_LAT_PACKAGE_NS,
			   [SWTLB_MODEL_DIST_NODE] = MODEL_LAT_NODE_NS,
			   [SWTLB_MODEL_DIST_REMOTE] = MODEL_LAT_REMOTE_NS},
		    .base_pair_ns = MODEL_BASE_PAIR_NS},
	};
}

static const char *const class_names[SWTLB_MODEL_DIST_NCLASSES] = {
    [SWTLB_MODEL_DIST_SMT] = "smt",
    [SWTLB_MODEL_DIST_CACHE] = "cache",
    [SWTLB_MODEL_DIST_PACKAGE] = "package",
    [SWTLB_MODEL_DIST_NODE] = "node",
    [SWTLB_MODEL_DIST_REMOTE] = "remote"};

int sim_model_resolve_lat(struct sim_model_opts *o, char *err, size_t errlen)
{
	if (!o->lat_from)
		return 0;
	if (model_lat_read(o->lat_from, &o->lat_file, err, errlen))
		return -1;
	for (int c = 0; c < SWTLB_MODEL_DIST_NCLASSES; c++)
		if (o->lat_src[c] != MODEL_LAT_FLAG && o->lat_file.npairs[c]) {
			o->lat.ns[c] = o->lat_file.ns[c];
			o->lat_src[c] = MODEL_LAT_FILE;
		}
	return 0;
}

void sim_model_print_lat(const struct sim_model_opts *o, FILE *f)
{
	char file[80];

	swtlb_text_printable(o->lat_from ? o->lat_from : "", file, sizeof(file),
			     64);
	fprintf(f, "model: latency of one transfer, ns:\n");
	for (int c = 0; c < SWTLB_MODEL_DIST_NCLASSES; c++) {
		fprintf(f, "  %-8s %7.1f  %s", class_names[c], o->lat.ns[c],
			model_lat_src_name(o->lat_src[c]));
		if (o->lat_src[c] == MODEL_LAT_FILE)
			fprintf(f,
				": half the median one-way hand-off (%.1f) "
				"of %u pair%s in %s",
				o->lat_file.median_handoff_ns[c],
				o->lat_file.npairs[c],
				o->lat_file.npairs[c] == 1 ? "" : "s", file);
		else if (o->lat_src[c] == MODEL_LAT_FLAG)
			fprintf(f, ": --lat-%s", class_names[c]);
		fputc('\n', f);
	}
}

/* One CSV field: quoted, quotes doubled, control bytes as '?'. */
static void csv_field(const char *in, char *out, size_t len)
{
	size_t k = 0;

	if (len < 3) {
		out[0] = '\0';
		return;
	}
	out[k++] = '"';
	for (; *in && k + 3 < len; in++) {
		char c = (unsigned char)*in < 0x20 || *in == 0x7f ? '?' : *in;

		if (c == '"')
			out[k++] = '"';
		out[k++] = c;
	}
	out[k++] = '"';
	out[k] = '\0';
}

static void obs_begin(void *arg, unsigned int cpu, int kind)
{
	model_begin(((struct sim_model *)arg)->m, cpu, (enum model_op)kind);
}

static void obs_slots(void *arg, uint64_t first, unsigned int n)
{
	model_slots(((struct sim_model *)arg)->m, first, n);
}

static void obs_end(void *arg)
{
	model_end(((struct sim_model *)arg)->m);
}

static int obs_timed_start(void *arg, const double *start_ns)
{
	return model_timed_start(((struct sim_model *)arg)->m, start_ns);
}

static int obs_next_cpu(void *arg)
{
	return model_next_cpu(((struct sim_model *)arg)->m);
}

static void obs_drain(void *arg)
{
	model_drain(((struct sim_model *)arg)->m);
}

static void obs_warm(void *arg)
{
	model_reset_counts(((struct sim_model *)arg)->m);
}

static void obs_pool(void *arg, const struct swtlb_scheme_ctx *ctx)
{
	struct sim_model *sm = arg;
	uintptr_t tu = (uintptr_t)ctx->total_used;

	model_region(sm->m, ctx->shards.base,
		     (size_t)ctx->shards.nshards * ctx->shards.stride, "area",
		     ctx->shards.stride);
	model_region(sm->m, (void *)(tu & ~(uintptr_t)63), 64,
		     "io_tlb_mem(total_used)", 0);
}

/* Appends to path (a regular file or new); header written or checked. */
static int open_model_csv(const char *path, char *err, size_t errlen)
{
	const char *hdr = MODEL_CSV_HEADER "\n";
	size_t hlen = strlen(hdr);
	char first[sizeof(MODEL_CSV_HEADER "\n")];
	struct stat st;
	int fd = open(path, O_RDWR | O_CREAT | O_APPEND, 0644);

	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		snprintf(err, errlen, "%s: not a regular file", path);
		return -1;
	}
	if (st.st_size == 0) {
		if (write(fd, hdr, hlen) != (ssize_t)hlen || fsync(fd) != 0) {
			snprintf(err, errlen, "%s: cannot write: %s", path,
				 strerror(errno));
			close(fd);
			return -1;
		}
		return fd;
	}
	if (pread(fd, first, hlen, 0) != (ssize_t)hlen ||
	    memcmp(first, hdr, hlen) != 0) {
		close(fd);
		snprintf(err, errlen,
			 "%s: exists and is not a swtlb-sim model CSV "
			 "(header differs)",
			 path);
		return -1;
	}
	return fd;
}

struct sim_model *sim_model_prepare(const struct sim_model_opts *o,
				    const struct sim_config *cfg,
				    const char *size_dist, char *err,
				    size_t errlen)
{
	struct sim_model *sm = calloc(1, sizeof(*sm));
	char safe[256];

	if (!sm) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	sm->o = o;
	sm->fd = -1;
	swtlb_text_printable(o->topology, sm->topo_safe, sizeof(sm->topo_safe),
			     (size_t)-1);
	sm->topo = swtlb_topo_load(o->topology, err, errlen);
	if (!sm->topo) {
		char why[256];

		snprintf(why, sizeof(why), "%s", err);
		snprintf(err, errlen, "--topology: %s", why);
		goto fail;
	}
	if (swtlb_topo_pu_places(sm->topo, &sm->places, &sm->nplaces, err,
				 errlen) != 0)
		goto fail;
	if (sm->nplaces < cfg->ncpus) {
		snprintf(
		    err, errlen,
		    "--topology %s has %u usable PUs, fewer than --cpus %u",
		    sm->topo_safe, sm->nplaces, cfg->ncpus);
		goto fail;
	}
	if (o->out && (sm->fd = open_model_csv(o->out, err, errlen)) < 0)
		goto fail;
	swtlb_text_printable(size_dist, safe, sizeof(safe), (size_t)-1);
	csv_field(safe, sm->dist_csv, sizeof(sm->dist_csv));
	csv_field(o->topology, sm->topo_csv, sizeof(sm->topo_csv));
	sm->obs = (struct sim_observer){
	    .arg = sm,
	    .begin = obs_begin,
	    .slots = obs_slots,
	    .end = obs_end,
	    .pool = obs_pool,
	    .warm = obs_warm,
	    .timed_start = obs_timed_start,
	    .next_cpu = obs_next_cpu,
	    .drain = obs_drain,
	};
	return sm;
fail:
	sim_model_close(sm);
	return NULL;
}

/* Virtual CPU i is places[i] and CPU id i: area i % nareas is its. */
static int area_places(struct sim_model *sm, struct sim_config *cfg, char *err,
		       size_t errlen)
{
	struct swtlb_pu_place *cpus = malloc(cfg->ncpus * sizeof(*cpus));

	sm->areas = malloc(cfg->nareas * sizeof(*sm->areas));
	if (cpus && sm->areas) {
		for (unsigned int i = 0; i < cfg->ncpus; i++) {
			cpus[i] = sm->places[i];
			cpus[i].os = i;
		}
		if (swtlb_shard_places(cpus, cfg->ncpus, cfg->nareas,
				       sm->areas) == 0) {
			free(cpus);
			cfg->params.shard_places = sm->areas;
			return 0;
		}
	}
	free(cpus);
	snprintf(err, errlen, "out of memory");
	return -1;
}

int sim_model_start(struct sim_model *sm, struct sim_config *cfg, char *err,
		    size_t errlen)
{
	if (!sm->areas && area_places(sm, cfg, err, errlen))
		return -1;
	model_free(sm->m);
	sm->m = model_new(sm->places, cfg->ncpus, &sm->o->lat, err, errlen);
	if (!sm->m)
		return -1;
	cfg->observer = &sm->obs;
	return 0;
}

void sim_model_print_table(const struct sim_model *sm)
{
	const double *ns = sm->o->lat.ns;

	fprintf(stderr,
		"model: topology %s; transfer ns smt %.0f cache %.0f package "
		"%.0f node %.0f remote %.0f; uncontended pair %.0f ns\n",
		sm->topo_safe, ns[SWTLB_MODEL_DIST_SMT],
		ns[SWTLB_MODEL_DIST_CACHE], ns[SWTLB_MODEL_DIST_PACKAGE],
		ns[SWTLB_MODEL_DIST_NODE], ns[SWTLB_MODEL_DIST_REMOTE],
		sm->o->lat.base_pair_ns);
	fprintf(stderr, "%-14s %6s %6s %6s %6s %6s %7s %9s %9s  %s\n", "scheme",
		"smt", "cache", "pkg", "node", "remote", "ns/pair", "ceil M/s",
		"proj M/s", "busiest line");
	if (sm->table)
		fputs(sm->table, stderr);
}

static void table_add(struct sim_model *sm, const char *line)
{
	size_t n = strlen(line);
	char *t = realloc(sm->table, sm->table_len + n + 1);

	if (!t)
		return; /* the CSV still has it */
	memcpy(t + sm->table_len, line, n + 1);
	sm->table = t;
	sm->table_len += n;
}

/* smt=S;cache=S;package=S;remote=S;node=S (node last: model_schema 4
 * appended it). */
static void lat_source(const struct sim_model *sm, char *buf, size_t len)
{
	static const enum swtlb_model_dist order[] = {
	    SWTLB_MODEL_DIST_SMT, SWTLB_MODEL_DIST_CACHE,
	    SWTLB_MODEL_DIST_PACKAGE, SWTLB_MODEL_DIST_REMOTE,
	    SWTLB_MODEL_DIST_NODE};
	size_t k = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		int n = snprintf(buf + k, len - k, "%s%s=%s", i ? ";" : "",
				 class_names[order[i]],
				 model_lat_src_name(sm->o->lat_src[order[i]]));

		if (n < 0 || (size_t)n >= len - k)
			return;
		k += (size_t)n;
	}
}

static int write_row(struct sim_model *sm, const struct sim_config *cfg,
		     const char *scheme, const struct sim_result *r,
		     const struct model_result *mr,
		     const double x[SWTLB_MODEL_DIST_NCLASSES])
{
	const struct model_lat *lat = &sm->o->lat;
	const double *ns = lat->ns;
	char row[3072], rep[32] = "", stats[400], warm[400], src[100];
	double all = 0;
	int n;

	for (int c = 0; c < SWTLB_MODEL_DIST_NCLASSES; c++)
		all += x[c];
	if (r->has_hiwater)
		snprintf(rep, sizeof(rep), "%lu", r->reported);
	csv_field(r->stats, stats, sizeof(stats));
	csv_field(r->warm_stats, warm, sizeof(warm));
	lat_source(sm, src, sizeof(src));
	/* remote_per_pair: every transfer that leaves the L3 (package, node,
	 * remote). */
	n = snprintf(
	    row, sizeof(row),
	    "4,%s,%u,%u,%s,%s,%s,%llu,%llu,%llu,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,"
	    "%.1f,%.0f,%.0f,%s,%.1f,%.1f,%.1f,%.1f,%.1f,%s,%lu,%s,%llu,%s,%s,"
	    "%.4f,%.1f\n",
	    sm->topo_csv, cfg->ncpus, cfg->nareas,
	    cfg->padded_areas ? "padded" : "packed", sm->dist_csv, scheme,
	    (unsigned long long)mr->ops[MODEL_MAP],
	    (unsigned long long)mr->ops[MODEL_UNMAP],
	    (unsigned long long)mr->ops[MODEL_PERIODIC],
	    x[SWTLB_MODEL_DIST_SMT], x[SWTLB_MODEL_DIST_CACHE],
	    x[SWTLB_MODEL_DIST_PACKAGE], x[SWTLB_MODEL_DIST_REMOTE], all,
	    x[SWTLB_MODEL_DIST_PACKAGE] + x[SWTLB_MODEL_DIST_NODE] +
		x[SWTLB_MODEL_DIST_REMOTE],
	    model_ns_per_pair(mr, lat), model_ceiling(mr),
	    model_projected(mr, lat, cfg->ncpus), mr->hot_line,
	    ns[SWTLB_MODEL_DIST_SMT], ns[SWTLB_MODEL_DIST_CACHE],
	    ns[SWTLB_MODEL_DIST_PACKAGE], ns[SWTLB_MODEL_DIST_REMOTE],
	    lat->base_pair_ns, rep, r->truth, stats,
	    (unsigned long long)r->maps, warm, src, x[SWTLB_MODEL_DIST_NODE],
	    ns[SWTLB_MODEL_DIST_NODE]);
	if (n < 0 || (size_t)n >= sizeof(row))
		return -1;
	return write(sm->fd, row, (size_t)n) == n && fsync(sm->fd) == 0 ? 0
									: -1;
}

int sim_model_finish(struct sim_model *sm, struct sim_config *cfg,
		     const char *scheme, const struct sim_result *r, char *err,
		     size_t errlen)
{
	struct model_result mr;
	double x[SWTLB_MODEL_DIST_NCLASSES], ceil;
	char ceil_s[32] = "-", line[256];

	cfg->observer = NULL;
	if (model_failed(sm->m)) {
		snprintf(err, errlen, "model: out of memory");
		return -1;
	}
	model_result(sm->m, &mr);
	for (int c = 0; c < SWTLB_MODEL_DIST_NCLASSES; c++)
		x[c] = model_xfer_per_pair(&mr, (enum swtlb_model_dist)c);
	ceil = model_ceiling(&mr);
	if (ceil > 0)
		snprintf(ceil_s, sizeof(ceil_s), "%.2f", ceil / 1e6);
	snprintf(line, sizeof(line),
		 "%-14s %6.3f %6.3f %6.3f %6.3f %6.3f %7.0f %9s %9.2f  %s\n",
		 scheme, x[SWTLB_MODEL_DIST_SMT], x[SWTLB_MODEL_DIST_CACHE],
		 x[SWTLB_MODEL_DIST_PACKAGE], x[SWTLB_MODEL_DIST_NODE],
		 x[SWTLB_MODEL_DIST_REMOTE],
		 model_ns_per_pair(&mr, &sm->o->lat), ceil_s,
		 model_projected(&mr, &sm->o->lat, cfg->ncpus) / 1e6,
		 mr.hot_line);
	table_add(sm, line);
	if (sm->fd >= 0 && write_row(sm, cfg, scheme, r, &mr, x) != 0) {
		snprintf(err, errlen, "%s: cannot write: %s", sm->o->out,
			 strerror(errno));
		return -1;
	}
	return 0;
}

void sim_model_close(struct sim_model *sm)
{
	if (!sm)
		return;
	model_free(sm->m);
	free(sm->table);
	free(sm->places);
	free(sm->areas);
	if (sm->topo)
		swtlb_topo_free(sm->topo);
	if (sm->fd >= 0)
		close(sm->fd);
	free(sm);
}
