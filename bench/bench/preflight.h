/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/bench/preflight.h: what swtlb-bench settles before it measures and
 * adds to every row (issue 12): the hot-line placement (--meta-mem), huge
 * bounce pages (--bounce-pages), the hand-off pre-flight of each thread
 * set (--handoff-ms), the host facts' warnings, and the row cells of all
 * of these plus per-thread fairness.
 */
#ifndef SWTLB_BENCH_PREFLIGHT_H
#define SWTLB_BENCH_PREFLIGHT_H

#include <stdbool.h>
#include <stdio.h>

#include "bench/bench/body.h"
#include "bench/common/csv.h"
#include "topology/handoff.h"

struct swtlb_preflight {
	struct swtlb_mem_policy *meta; /* NULL off the host */
	char meta_spec[64];	       /* resolved: node:N, local, ... */
	char bounce_page_size[16];     /* "4k" or e.g. "2048k" */
	unsigned int nconfigs;
	struct swtlb_handoff_result *handoff; /* per configuration */
	char (*handoff_text)[256];
	bool *handoff_done, *handoff_measured;
	/* --handoff-each rep: the rep whose runs the next measurement
	 * precedes (named in the note); per_rep false: one for the run. */
	bool per_rep;
	unsigned int rep;
};

/*
 * Resolves --meta-mem (boot -> the boot CPU's node) and checks it against
 * the topology; with --bounce-pages huge, checks the supply of huge pages
 * for the plan's bounce memory and switches `bounce` (the --pool-mem
 * policy, NULL off the host) to them. 0, or -1 with a one-line reason.
 */
int swtlb_preflight_placement(struct swtlb_preflight *pf,
			      const struct swtlb_bench_opts *o,
			      const struct swtlb_topo *topo,
			      const struct swtlb_bench_plan *plan,
			      struct swtlb_mem_policy *bounce, char *err,
			      size_t errlen);

/*
 * The hand-off pairs of configuration i, measured when `measure` (a
 * thread set measured before is not measured again). A line on `note`
 * for each set measured. -1 on out of memory.
 */
int swtlb_preflight_handoff(struct swtlb_preflight *pf,
			    const struct swtlb_bench_opts *o,
			    const struct swtlb_topo *topo,
			    const struct swtlb_bench_plan *plan, unsigned int i,
			    bool measure, FILE *note);

/*
 * The hand-off of the thread sets the selected runs[from..n) use, in
 * execution order (rep-major), lines on `note`. --handoff-each run: every
 * set, once (call with from 0). --handoff-each rep: the sets of the rep
 * of the first selected run from `from` on, measured again, when that rep
 * begins there (from 0, or a rep other than runs[from - 1]'s); the rows
 * written until then keep their own rep's. 1 when it measured, 0 when
 * not, -1 on out of memory; `before` (may be NULL) is called first when
 * it measures.
 */
int swtlb_preflight_runs(struct swtlb_preflight *pf,
			 const struct swtlb_bench_opts *o,
			 const struct swtlb_topo *topo,
			 const struct swtlb_bench_plan *plan,
			 struct swtlb_bench_run *const *runs, unsigned int n,
			 unsigned int from, void (*before)(void *), void *arg,
			 FILE *note);

/* Fills the issue-12 cells of row from the run (fairness, placement) and
 * the pre-flight of its configuration. */
void swtlb_preflight_row(const struct swtlb_preflight *pf,
			 const struct swtlb_bench_plan *plan,
			 const struct swtlb_bench_run *run,
			 struct swtlb_csv_row *row);

/* "WARNING: ..." lines for the host facts, on f. */
void swtlb_preflight_warn(const struct swtlb_host_facts *facts, FILE *f);

void swtlb_preflight_free(struct swtlb_preflight *pf);

#endif /* SWTLB_BENCH_PREFLIGHT_H */
