// SPDX-License-Identifier: GPL-2.0-only
/*
 * workloads/swiotlb/sim.c: the swiotlb workload's model in swtlb-sim: how
 * its options combine (sim_opts.c parses them), the mkelley scenario,
 * --emit-trace, --model, and its CSV cells. The event loop is
 * sim_engine.c; the model is described in sim_engine.h and docs/sim.md.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "counters/periodic.h"
#include "pool/swiotlb.h"
#include "util/outpath.h"
#include "workloads/sim_model.h"
#include "workloads/swiotlb/sim_coherence.h"
#include "workloads/swiotlb/sim_engine.h"
#include "workloads/swiotlb/sim_opts.h"

#define ERR(...) (snprintf(err, errlen, __VA_ARGS__), -1)
#define SIM(t)	 struct swiotlb_sim *m = (t)

/* --emit-trace is written to FILE.tmp.XXXXXX, renamed when complete; a run
 * that dies (or gets SIGINT, SIGTERM) before that leaves no partial trace
 * behind. */
static char trace_tmp[4096];
static char trace_cmdline[1024];

static void drop_trace_tmp(void)
{
	if (trace_tmp[0])
		unlink(trace_tmp);
}

/* Which options go together, and memory kept sane. */
static int check_combinations(const struct swiotlb_sim *m, char *err,
			      size_t errlen)
{
	const struct sim_config *cfg = &m->cfg;

	if (!cfg->mkelley &&
	    (m->small || m->big_set || m->big_count_set || m->big_svc_set))
		return ERR("--small, --big, --big-count and --big-service-us "
			   "need --scenario mkelley");
	if (cfg->mkelley && m->sizes)
		return ERR("--scenario mkelley takes --small, not --sizes");
	if (m->model.flags && !m->model.on)
		return ERR(
		    "--topology, --lat-*, --lat-from, --base-pair-ns and "
		    "--model-out need --model");
	/* Every stream is an event from the start. */
	if ((uint64_t)cfg->ncpus * cfg->inflight > (1U << 20))
		return ERR("--cpus x --inflight: %llu streams, at most %u",
			   (unsigned long long)cfg->ncpus * cfg->inflight,
			   1U << 20);
	return 0;
}

/* Geometry: the kernel's defaults for --cpus unless given. */
static int resolve_geometry(struct swiotlb_sim *m, char *err, size_t errlen)
{
	struct sim_config *cfg = &m->cfg;
	unsigned long long n;
	unsigned long nslabs;
	unsigned int nareas;
	char why[256];

	swtlb_default_geometry(cfg->ncpus, &nslabs, &nareas);
	cfg->nareas = nareas;
	cfg->nslabs = nslabs;
	if (strcmp(m->nareas, "auto")) {
		if (swiotlb_sim_number("--nareas", m->nareas, 1, 1U << 20, &n,
				       err, errlen))
			return -1;
		cfg->nareas = (unsigned int)n;
	}
	if (strcmp(m->nslabs, "auto")) {
		if (swiotlb_sim_number("--nslabs", m->nslabs, 1, 1ULL << 40, &n,
				       err, errlen))
			return -1;
		cfg->nslabs = (unsigned long)n;
	}
	if (swtlb_geometry_check(cfg->nslabs, cfg->nareas, why, sizeof(why)))
		return ERR("--nslabs %lu --nareas %u: %s", cfg->nslabs,
			   cfg->nareas, why);
	return 0;
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

/* An unwritable --emit-trace fails before any row is written. */
static int open_trace(struct swiotlb_sim *m, const char *out,
		      const char *cmdline, char *err, size_t errlen)
{
	if (!m->trace)
		return 0;
	char why[4200];
	int fd;

	/* The trace would be renamed over the CSV rows. */
	if (out && same_file(m->trace, out))
		return ERR("--out and --emit-trace name the same file %s", out);
	/* A folder, device, FIFO or symlink: refused before the simulation,
	 * never replaced. */
	if (swtlb_out_check(m->trace, why, sizeof(why)))
		return ERR("--emit-trace %s", why);
	if (snprintf(trace_tmp, sizeof(trace_tmp), "%s.tmp.XXXXXX", m->trace) >=
	    (int)sizeof(trace_tmp))
		return ERR("--emit-trace: path too long");
	snprintf(trace_cmdline, sizeof(trace_cmdline), "%s", cmdline);
	fd = swtlb_tmp_create(trace_tmp);
	if (fd < 0 || !(m->trace_f = fdopen(fd, "w"))) {
		int e = errno;

		if (fd >= 0) {
			close(fd);
			unlink(trace_tmp);
			swtlb_tmp_forget(trace_tmp);
		}
		trace_tmp[0] = '\0';
		return ERR("--emit-trace %s: %s", m->trace, strerror(e));
	}
	fchmod(fd, 0644);
	atexit(drop_trace_tmp);
	return 0;
}

static int swiotlb_sim_resolve(void *t, const char *out, const char *cmdline,
			       char *err, size_t errlen)
{
	SIM(t);
	struct sim_config *cfg = &m->cfg;
	const char *spec;
	char why[256];

	if (check_combinations(m, err, errlen) ||
	    resolve_geometry(m, err, errlen))
		return -1;
	spec = cfg->mkelley ? (m->small ? m->small : "4k-32k")
			    : (m->sizes ? m->sizes : "4k-64k");
	if (swtlb_sizes_parse(spec, &cfg->sizes, why, sizeof(why)) != 0)
		return ERR("%s: %s", cfg->mkelley ? "--small" : "--sizes", why);
	if (cfg->loop && swtlb_sizes_max(&cfg->sizes) > 256 * 1024)
		return ERR("--scenario loop: sizes above 256 KiB (one mapping "
			   "each) are not allowed");
	if (cfg->mkelley && !m->big_count_set)
		cfg->big_count = cfg->ncpus;
	cfg->size_spec = spec;
	cfg->params.ncpus = cfg->ncpus;
	if (cfg->mkelley)
		snprintf(m->dist, sizeof(m->dist), "mkelley(%s;%zu x%u)",
			 cfg->size_spec, cfg->big, cfg->big_count);
	else if (cfg->loop)
		snprintf(m->dist, sizeof(m->dist), "loop(%s)", cfg->size_spec);
	else
		snprintf(m->dist, sizeof(m->dist), "%s", cfg->size_spec);
	snprintf(m->cpus, sizeof(m->cpus), cfg->ncpus > 1 ? "0-%u" : "0",
		 cfg->ncpus - 1);
	if (m->model.on && m->model.out &&
	    ((out && same_file(m->model.out, out)) ||
	     (m->trace && same_file(m->model.out, m->trace))))
		return ERR("--model-out names the same file as --out or "
			   "--emit-trace");
	if (m->model.on) {
		if (sim_model_resolve_lat(&m->model, err, errlen))
			return -1;
		m->coherence =
		    sim_model_prepare(&m->model, cfg, m->dist, err, errlen);
		if (!m->coherence)
			return -1;
	}
	return open_trace(m, out, cmdline, err, errlen);
}

static void swiotlb_sim_describe(const void *t, FILE *f)
{
	const struct swiotlb_sim *m = t;

	fprintf(f,
		"swtlb-sim: %u virtual CPUs, %u areas x %lu slots, %u in "
		"flight per CPU, sizes %s, seed %llu\n",
		m->cfg.ncpus, m->cfg.nareas, m->cfg.nslabs / m->cfg.nareas,
		m->cfg.inflight, m->dist, (unsigned long long)m->cfg.seed);
	if (m->coherence)
		sim_model_print_lat(&m->model, f);
}

/* The first scheme's run, written as a replay trace when asked. */
static int write_trace(struct swiotlb_sim *m, const struct sim_result *r,
		       struct sim_oplog *oplog, char *err, size_t errlen)
{
	int rc = sim_write_trace(m->trace_f, &m->cfg, r, oplog, trace_cmdline);
	char why[4200];

	if (fflush(m->trace_f) != 0 || fsync(fileno(m->trace_f)) != 0)
		rc = -1;
	if (fclose(m->trace_f) != 0)
		rc = -1;
	m->trace_f = NULL;
	if (rc)
		return ERR("%s: cannot write: %s", m->trace, strerror(errno));
	/* Still absent or a regular file (not made a symlink meanwhile)? */
	if (swtlb_out_check(m->trace, why, sizeof(why)))
		return ERR("--emit-trace %s", why);
	if (rename(trace_tmp, m->trace) != 0)
		return ERR("%s: cannot write: %s", m->trace, strerror(errno));
	swtlb_tmp_forget(trace_tmp);
	trace_tmp[0] = '\0'; /* renamed: nothing to drop */
	return 0;
}

static int swiotlb_sim_run(void *t, const struct swtlb_scheme_ops *scheme,
			   bool first, struct swtlb_sim_outcome *out, char *err,
			   size_t errlen)
{
	SIM(t);
	struct sim_oplog oplog = {0};
	bool want_trace = m->trace_f && first;
	struct sim_result r;
	int rc = 0;

	if (m->coherence &&
	    sim_model_start(m->coherence, &m->cfg, err, errlen) != 0)
		return -1;
	if (sim_run(&m->cfg, scheme, &r, want_trace ? &oplog : NULL, err,
		    errlen) != 0)
		return -1;
	if (m->coherence && sim_model_finish(m->coherence, &m->cfg,
					     scheme->name, &r, err, errlen))
		return -1;
	if (first)
		fprintf(stderr,
			"(%llu maps, %llu failed, %llu I/Os completed, %.3f s "
			"virtual; area-hiwater sum %lu)\n",
			(unsigned long long)r.maps,
			(unsigned long long)r.map_failures,
			(unsigned long long)r.ios_done,
			(double)r.virtual_ns / 1e9, r.area_hiwater_sum);
	if (want_trace)
		rc = write_trace(m, &r, &oplog, err, errlen);
	free(oplog.ops);
	*out = (struct swtlb_sim_outcome){
	    .units = r.maps,
	    .failures = r.map_failures,
	    .has_hiwater = r.has_hiwater,
	    .reported = r.reported,
	    .truth = r.truth,
	};
	snprintf(out->stats, sizeof(out->stats), "%s", r.stats);
	return rc;
}

static void swiotlb_sim_row(const void *t, struct swtlb_csv_row *row)
{
	const struct swiotlb_sim *m = t;

	row->layout = "virtual";
	row->threads = m->cfg.ncpus;
	row->cpus = m->cpus;
	row->numa_nodes = 1;
	row->nareas = (struct swtlb_opt_u64){true, m->cfg.nareas};
	row->nslabs = (struct swtlb_opt_u64){true, m->cfg.nslabs};
	row->size_dist = m->dist;
	row->queue_depth = m->cfg.inflight;
	row->bounce = false;
	row->kconfig = "dynamic-off";
	row->area_layout = m->cfg.padded_areas ? "padded" : "packed";
	row->workload_params = "";
}

static void swiotlb_sim_cleanup(void *t)
{
	SIM(t);

	if (m->trace_f)
		fclose(m->trace_f);
	m->trace_f = NULL;
	if (m->coherence) {
		sim_model_print_table(m->coherence);
		sim_model_close(m->coherence);
		m->coherence = NULL;
	}
}

const struct swtlb_sim_model swtlb_sim_swiotlb = {
    .opts = swiotlb_sim_opts,
    .usage =
	"  --cpus N             virtual CPUs (default 8)\n"
	"  --nareas N|auto      areas (auto: the kernel's default for --cpus)\n"
	"  --nslabs N|auto      slots of 2 KiB (auto: 64 MiB, grown as the "
	"kernel does)\n"
	"  --inflight N         I/O streams per CPU (default 16)\n"
	"  --sizes SPEC         I/O sizes: 4k, 4k-64k, "
	"4k:70,16k:20,64k:9,256k:1, "
	"1m\n"
	"                       (default 4k-64k); I/Os over 256 KiB are split\n"
	"  --service-us LO[-HI] I/O service time, uniform (default 50-500)\n"
	"  --remote-pct P       completions on another CPU, percent (default "
	"0)\n"
	"  --ios N              I/Os to issue in all (default 200000)\n"
	"  --min-align-mask M   the device's min_align_mask (default 0)\n"
	"  --seed S             random seed (default 1)\n"
	"  --sample-us N        periodic() period in virtual us (default "
	"1000)\n"
	"  --batch N            percpu-batch batch (default max(32, 2 x "
	"cpus))\n"
	"  --grant N            slots escrow-grant and escrow-tier add to the "
	"headroom\n"
	"                       at each new peak: the mark's bound above the "
	"truth\n"
	"                       (default 32 and 0, escrow-tier then exact)\n"
	"  --toggle-on          run toggle switched on (default off, reports "
	"no "
	"mark)\n"
	"  --scenario mkelley   seed 003's counterexample: background of "
	"--small I/Os,\n"
	"                       then --big-count I/Os of --big bytes one at a "
	"time,\n"
	"                       the k-th on CPU k mod cpus\n"
	"  --small SPEC         mkelley background sizes (default 4k-32k)\n"
	"  --big SIZE           mkelley big I/O (default 2m)\n"
	"  --big-count N        mkelley big I/Os (default: --cpus)\n"
	"  --big-service-us N   mkelley big I/O service time (default 1000)\n"
	"  --emit-trace FILE    write the first scheme's exact operations as a "
	"replay\n"
	"                       trace\n"
	"  --scenario loop      swtlb-bench's loop, every CPU always running: "
	"a FIFO\n"
	"                       of --inflight mappings per CPU, unmap oldest / "
	"map new,\n"
	"                       CPUs' operations interleaved at random; --ios "
	"maps\n"
	"  --area-layout packed|padded  the kernel's packed area array "
	"(default) or\n"
	"                       one area per cache line\n"
	"Coherence model (docs/sim.md):\n"
	"  --model              count cache-line transfers per scheme and "
	"project\n"
	"                       ns per map+unmap pair and the contended "
	"ceiling\n"
	"  --topology SPEC      host, synthetic:DESC or xml:FILE (default "
	"host);\n"
	"                       virtual CPU i = the PU with the i-th smallest "
	"OS index\n"
	"  --lat-smt NS, --lat-cache NS, --lat-package NS, --lat-node NS,\n"
	"  --lat-remote NS      one transfer's latency per distance class "
	"(default\n"
	"                       8, 40, 100, 130, 200; node: one package, "
	"another\n"
	"                       NUMA node); they win over --lat-from\n"
	"  --lat-from FILE      latencies from a swtlb-bench results CSV: "
	"per class,\n"
	"                       half the median hand-off of its pre-flight\n"
	"                       (handoff_pairs; die, node -> package, "
	"package ->\n"
	"                       node, cross-package -> remote)\n"
	"  --base-pair-ns NS    uncontended map+unmap pair (default 150)\n"
	"  --model-out FILE     append the model's rows to FILE (CSV)\n",
    .examples =
	"  swtlb-sim --scenario mkelley --schemes all\n"
	"  swtlb-sim --cpus 64 --sizes 4k:70,16k:20,64k:9,256k:1 --remote-pct "
	"30\n"
	"  swtlb-sim --scenario mkelley --emit-trace mk.trace && swtlb-replay "
	"--report-hiwater \\\n"
	"      --scheme global-atomic mk.trace | tail -1\n",
    .cfg_size = sizeof(struct swiotlb_sim),
    .defaults = swiotlb_sim_defaults,
    .resolve = swiotlb_sim_resolve,
    .describe = swiotlb_sim_describe,
    .run = swiotlb_sim_run,
    .row = swiotlb_sim_row,
    .cleanup = swiotlb_sim_cleanup,
};
