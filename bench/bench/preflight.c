// SPDX-License-Identifier: GPL-2.0-only
/* bench/bench/preflight.c: placement, hand-off pre-flight, row cells. */
#include "bench/bench/preflight.h"

#include <stdlib.h>
#include <string.h>

#include "bench/bench/fairness.h"
#include "topology/placement.h"

int swtlb_preflight_placement(struct swtlb_preflight *pf,
			      const struct swtlb_bench_opts *o,
			      const struct swtlb_topo *topo,
			      const struct swtlb_bench_plan *plan,
			      struct swtlb_mem_policy *bounce, char *err,
			      size_t errlen)
{
	unsigned long huge_kb = 0;
	bool any_bounce = false;
	char why[512];

	if (swtlb_meta_mem_resolve(topo, o->meta_mem, pf->meta_spec,
				   sizeof(pf->meta_spec)))
		return snprintf(err, errlen, "--meta-mem %s: too long",
				o->meta_mem),
		       -1;
	/* Checked on every topology (a node an XML host lacks is refused
	 * in a dry run too); applied on the host only. */
	pf->meta =
	    swtlb_mem_policy_parse(topo, pf->meta_spec, why, sizeof(why));
	if (!pf->meta)
		return snprintf(err, errlen, "--meta-mem %s: %s (or boot)",
				o->meta_mem, why),
		       -1;
	if (!swtlb_topo_is_host(topo)) {
		swtlb_mem_policy_free(pf->meta);
		pf->meta = NULL;
	}
	snprintf(pf->bounce_page_size, sizeof(pf->bounce_page_size), "4k");
	for (unsigned int i = 0; i < o->nbounce; i++)
		any_bounce |= o->bounce[i];
	if (!o->bounce_huge || !any_bounce)
		return 0;
	if (swtlb_hugepages_check(o->host_root,
				  (size_t)plan->nslabs * IO_TLB_SIZE, &huge_kb,
				  err, errlen))
		return -1;
	snprintf(pf->bounce_page_size, sizeof(pf->bounce_page_size), "%luk",
		 huge_kb);
	if (bounce)
		swtlb_mem_policy_set_huge(bounce, huge_kb);
	return 0;
}

static int alloc_tables(struct swtlb_preflight *pf, unsigned int n)
{
	if (pf->handoff)
		return 0;
	pf->nconfigs = n;
	pf->handoff = calloc(n ? n : 1, sizeof(*pf->handoff));
	pf->handoff_text = calloc(n ? n : 1, sizeof(*pf->handoff_text));
	pf->handoff_done = calloc(n ? n : 1, sizeof(bool));
	pf->handoff_measured = calloc(n ? n : 1, sizeof(bool));
	return pf->handoff && pf->handoff_text && pf->handoff_done &&
		       pf->handoff_measured
		   ? 0
		   : -1;
}

static bool same_set(const struct swtlb_bench_config *a,
		     const struct swtlb_bench_config *b)
{
	if (a->threads != b->threads)
		return false;
	for (unsigned int t = 0; t < a->threads; t++)
		if (a->place[t].cpu != b->place[t].cpu)
			return false;
	return true;
}

int swtlb_preflight_handoff(struct swtlb_preflight *pf,
			    const struct swtlb_bench_opts *o,
			    const struct swtlb_topo *topo,
			    const struct swtlb_bench_plan *plan, unsigned int i,
			    bool measure, FILE *note)
{
	const struct swtlb_bench_config *c = &plan->configs[i];
	unsigned int *cpus;
	char err[256];

	if (alloc_tables(pf, plan->nconfigs))
		return -1;
	if (pf->handoff_done[i])
		return 0;
	for (unsigned int j = 0; j < plan->nconfigs; j++) {
		if (!pf->handoff_done[j] ||
		    pf->handoff_measured[j] != measure ||
		    !same_set(&plan->configs[j], c))
			continue;
		pf->handoff[i] = pf->handoff[j];
		memcpy(pf->handoff_text[i], pf->handoff_text[j],
		       sizeof(pf->handoff_text[i]));
		pf->handoff_done[i] = true;
		pf->handoff_measured[i] = measure;
		return 0;
	}
	cpus = calloc(c->threads, sizeof(*cpus));
	if (!cpus)
		return -1;
	for (unsigned int t = 0; t < c->threads; t++)
		cpus[t] = c->place[t].cpu;
	if (swtlb_handoff_preflight(topo, cpus, c->threads,
				    measure ? (int64_t)o->handoff_ms * 1000000
					    : 0,
				    &pf->handoff[i], err, sizeof(err)) != 0)
		memset(&pf->handoff[i], 0, sizeof(pf->handoff[i]));
	free(cpus);
	swtlb_handoff_format(&pf->handoff[i], measure, pf->handoff_text[i],
			     sizeof(pf->handoff_text[i]));
	pf->handoff_done[i] = true;
	pf->handoff_measured[i] = measure;
	if (measure && note && pf->handoff[i].npairs > 0) {
		char when[32] = "";

		if (pf->per_rep)
			snprintf(when, sizeof(when), " before rep %u", pf->rep);
		if (pf->handoff[i].mean_known)
			fprintf(note,
				"swtlb-bench: hand-off%s cpus=%s: %s; set mean "
				"%.1f ns one way\n",
				when, c->cpus, pf->handoff_text[i],
				pf->handoff[i].mean_ns);
		else
			fprintf(note,
				"swtlb-bench: hand-off%s cpus=%s: %s; unknown: "
				"%s\n",
				when, c->cpus, pf->handoff_text[i],
				pf->handoff[i].why);
	}
	return 0;
}

/* The sets of the selected runs (of rep `rep` only, when one_rep). */
static int measure_sets(struct swtlb_preflight *pf,
			const struct swtlb_bench_opts *o,
			const struct swtlb_topo *topo,
			const struct swtlb_bench_plan *plan,
			struct swtlb_bench_run *const *runs, unsigned int n,
			bool one_rep, unsigned int rep, FILE *note)
{
	for (unsigned int i = 0; i < n; i++) {
		if (!runs[i]->selected || (one_rep && runs[i]->rep != rep))
			continue;
		if (swtlb_preflight_handoff(
			pf, o, topo, plan,
			(unsigned int)(runs[i]->cfg - plan->configs),
			o->handoff_ms > 0, note))
			return -1;
	}
	return 0;
}

int swtlb_preflight_runs(struct swtlb_preflight *pf,
			 const struct swtlb_bench_opts *o,
			 const struct swtlb_topo *topo,
			 const struct swtlb_bench_plan *plan,
			 struct swtlb_bench_run *const *runs, unsigned int n,
			 unsigned int from, void (*before)(void *), void *arg,
			 FILE *note)
{
	unsigned int i = from;

	if (!o->handoff_per_rep || !o->handoff_ms) {
		if (from)
			return 0;
		if (before)
			before(arg);
		return measure_sets(pf, o, topo, plan, runs, n, false, 0, note)
			   ? -1
			   : 1;
	}
	while (i < n && !runs[i]->selected)
		i++;
	if (i == n || (from && runs[i]->rep == runs[from - 1]->rep))
		return 0;
	if (before)
		before(arg);
	pf->per_rep = true;
	pf->rep = runs[i]->rep;
	/* Forgotten: the next rep's rows get only its own figures. */
	for (unsigned int c = 0; pf->handoff && c < pf->nconfigs; c++)
		pf->handoff_done[c] = false;
	return measure_sets(pf, o, topo, plan, runs, n, true, runs[i]->rep,
			    note)
		   ? -1
		   : 1;
}

static void fill_fairness(const struct swtlb_bench_run *run,
			  struct swtlb_csv_row *row)
{
	unsigned int n = run->cfg->threads;
	uint64_t *ops = calloc(n ? n : 1, sizeof(*ops));
	struct swtlb_fairness f;

	if (!ops)
		return; /* unknown cells, never made-up ones */
	for (unsigned int t = 0; t < n; t++)
		ops[t] = run->res[t].ops;
	swtlb_fairness_of(ops, n, &f);
	free(ops);
	if (!f.known)
		return;
	row->ops_thread_min = (struct swtlb_opt_u64){true, f.min};
	row->ops_thread_max = (struct swtlb_opt_u64){true, f.max};
	row->jain_index = (struct swtlb_opt_f64){true, f.jain};
}

void swtlb_preflight_row(const struct swtlb_preflight *pf,
			 const struct swtlb_bench_plan *plan,
			 const struct swtlb_bench_run *run,
			 struct swtlb_csv_row *row)
{
	unsigned int i = (unsigned int)(run->cfg - plan->configs);

	fill_fairness(run, row);
	if (pf->handoff && i < pf->nconfigs && pf->handoff_done[i]) {
		const struct swtlb_handoff_result *h = &pf->handoff[i];

		row->handoff_ns = (struct swtlb_opt_f64){
		    h->mean_known, h->mean_known ? h->mean_ns : 0};
		row->handoff_pairs = pf->handoff_text[i];
	}
	if (!(run->cfg->wl->dims & SWTLB_DIM_POOL))
		return; /* no swiotlb pool, no hot lines of its own */
	row->meta_mem = pf->meta_spec;
	row->meta_pages = run->placed.meta_pages;
	if (run->cfg->bounce) {
		row->bounce_pages = run->placed.bounce_pages;
		row->bounce_page_size = pf->bounce_page_size;
	}
}

void swtlb_preflight_warn(const struct swtlb_host_facts *facts, FILE *f)
{
	char lines[4][200];
	unsigned int n = swtlb_host_facts_warnings(facts, lines, 4);

	for (unsigned int i = 0; i < n; i++)
		fprintf(f, "swtlb-bench: WARNING: %s\n", lines[i]);
}

void swtlb_preflight_free(struct swtlb_preflight *pf)
{
	swtlb_mem_policy_free(pf->meta);
	free(pf->handoff);
	free(pf->handoff_text);
	free(pf->handoff_done);
	free(pf->handoff_measured);
	memset(pf, 0, sizeof(*pf));
}
