/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * workloads/memcg/replay.c: runs a memcg trace on the faithful copy, one
 * operation at a time on the CPU it names, and prints the kernel's answers.
 * It also keeps the truth the counters cannot see: the pages each memcg's
 * users hold, whose subtree sums give the true peak behind memory.peak.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "workloads/memcg/memcg.h"
#include "workloads/memcg/replay.h"

struct truth {
	uint64_t held;	     /* pages held by users of this memcg itself */
	uint64_t subtree;    /* held in the subtree (self included) */
	uint64_t peak;	     /* largest subtree after any operation */
	uint64_t local_peak; /* the same since the last reset(_local) */
	bool speculative;
};

struct replay {
	const struct memcg_trace *t;
	const char *name;
	unsigned long line;
	char *err;
	size_t errlen;
	FILE *out;
	const struct swtlb_scheme_ops *wm_ops;
	bool hooks_indirect;
	struct memcg_system sys;
	struct mem_cgroup *memcgs[MEMCG_TRACE_MAX_COUNTERS];
	struct truth truth[MEMCG_TRACE_MAX_COUNTERS];
};

static int rerr(struct replay *r, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(r->err, r->errlen, "%s:%lu: ", r->name, r->line);

	if (n < 0 || (size_t)n >= r->errlen)
		return -1;
	va_start(ap, fmt);
	vsnprintf(r->err + n, r->errlen - n, fmt, ap);
	va_end(ap);
	return -1;
}

static unsigned int id_of(const struct replay *r, const struct mem_cgroup *m)
{
	return r->t->counters[m->index].id;
}

/* Users of counter idx now hold delta more (or less) pages. */
static void truth_add(struct replay *r, unsigned int idx, int64_t delta)
{
	r->truth[idx].held += (uint64_t)delta;
	for (int i = (int)idx; i >= 0; i = r->t->counters[i].parent) {
		struct truth *tr = &r->truth[i];

		tr->subtree += (uint64_t)delta;
		if (tr->subtree > tr->peak)
			tr->peak = tr->subtree;
		if (tr->subtree > tr->local_peak)
			tr->local_peak = tr->subtree;
	}
}

/* A try refused at `fail`: every level below it saw the transient add. */
static void mark_speculative(struct replay *r, unsigned int idx,
			     const struct mem_cgroup *fail)
{
	for (int i = (int)idx; i >= 0 && r->memcgs[i] != fail;
	     i = r->t->counters[i].parent)
		r->truth[i].speculative = true;
}

static const char *refill_name(enum memcg_refill_how how)
{
	static const char *const names[] = {
	    [MEMCG_REFILL_NONE] = "",	  [MEMCG_REFILL_DIRECT] = "direct",
	    [MEMCG_REFILL_KEPT] = "kept", [MEMCG_REFILL_DRAINED] = "drained",
	    [MEMCG_REFILL_NEW] = "new",	  [MEMCG_REFILL_EVICT] = "evict",
	};
	return names[how];
}

static void print_refill(struct replay *r, enum memcg_refill_how how,
			 const struct mem_cgroup *victim)
{
	fprintf(r->out, " %s", refill_name(how));
	if (how == MEMCG_REFILL_EVICT)
		fprintf(r->out, " %u", id_of(r, victim));
}

static void do_charge(struct replay *r, const struct memcg_trace_op *op)
{
	struct mem_cgroup *memcg = r->memcgs[op->counter];
	bool atomic_gfp = op->kind == MEMCG_OP_CHARGE_ATOMIC;
	struct memcg_charge_out o = {0};

	memcg_try_charge_traced(
	    &r->sys, op->cpu, memcg,
	    atomic_gfp ? MEMCG_GFP_ATOMIC : MEMCG_GFP_NOWAIT, op->n, &o);
	fprintf(r->out, "%s %u %u %" PRIu32,
		atomic_gfp ? "charge_atomic" : "charge", op->cpu,
		id_of(r, memcg), op->n);
	if (o.fail_batch)
		mark_speculative(r, op->counter, o.fail_batch);
	switch (o.how) {
	case MEMCG_CHARGED_STOCK:
		fputs(" stock", r->out);
		break;
	case MEMCG_CHARGED_BATCH:
		fprintf(r->out, " batch %u", o.batch);
		if (o.refill != MEMCG_REFILL_NONE)
			print_refill(r, o.refill, o.victim);
		break;
	case MEMCG_CHARGED_EXACT:
		fputs(" exact", r->out);
		break;
	case MEMCG_CHARGE_FAILED:
	case MEMCG_CHARGE_FORCED:
		mark_speculative(r, op->counter, o.fail);
		fprintf(r->out, " %s %u",
			o.how == MEMCG_CHARGE_FAILED ? "fail" : "force",
			id_of(r, o.fail));
		break;
	}
	fputc('\n', r->out);
	if (o.how != MEMCG_CHARGE_FAILED)
		truth_add(r, op->counter, op->n);
}

/* memory.peak as the scheme reports it (memcg_replay refuses `none`). */
static unsigned long peak_of(struct replay *r, unsigned int idx)
{
	unsigned long w = 0;

	memcg_peak(r->memcgs[idx], &w);
	return w;
}

static void print_counter(struct replay *r, const char *what, unsigned int idx)
{
	struct page_counter *c = &r->memcgs[idx]->memory;

	fprintf(r->out, "%s %u usage %lu watermark %lu local %lu failcnt %lu\n",
		what, r->t->counters[idx].id, page_counter_read(c),
		peak_of(r, idx),
		atomic_load_explicit(&c->local_watermark, memory_order_relaxed),
		atomic_load_explicit(&c->failcnt, memory_order_relaxed));
}

static void do_drain_all(struct replay *r, const struct memcg_trace_op *op)
{
	bool drained[MEMCG_MAX_CPUS];
	unsigned long pages;
	bool any = false;

	pages = memcg_drain_all(&r->sys, 0, r->memcgs[op->counter], drained);
	fprintf(r->out, "drain_all %u %lu cpus ",
		r->t->counters[op->counter].id, pages);
	for (unsigned int cpu = 0; cpu < r->sys.ncpus; cpu++) {
		if (!drained[cpu])
			continue;
		fprintf(r->out, "%s%u", any ? "," : "", cpu);
		any = true;
	}
	fputs(any ? "\n" : "-\n", r->out);
}

static void do_reset(struct replay *r, const struct memcg_trace_op *op)
{
	struct page_counter *c = &r->memcgs[op->counter]->memory;
	unsigned long usage;

	if (op->kind == MEMCG_OP_RESET) {
		page_counter_reset_watermark(c);
		usage = atomic_load_explicit(&c->local_watermark,
					     memory_order_relaxed);
	} else {
		usage = page_counter_reset_local_watermark(c);
	}
	r->truth[op->counter].local_peak = r->truth[op->counter].subtree;
	fprintf(r->out, "%s %u %lu\n",
		op->kind == MEMCG_OP_RESET ? "reset" : "reset_local",
		r->t->counters[op->counter].id, usage);
}

/* uncharge, uncharge_direct, try, force: their own short lines. */
static int do_counter_op(struct replay *r, const struct memcg_trace_op *op)
{
	struct mem_cgroup *memcg = r->memcgs[op->counter];
	unsigned int id = id_of(r, memcg);
	struct page_counter *fail;
	struct mem_cgroup *victim = NULL;
	enum memcg_refill_how how;

	switch (op->kind) {
	case MEMCG_OP_UNCHARGE:
	case MEMCG_OP_UNCHARGE_DIRECT:
		if (op->n > r->truth[op->counter].held)
			return rerr(r,
				    "%s: counter %u holds %" PRIu64
				    " pages, fewer than %" PRIu32,
				    memcg_trace_kind_name(op->kind), id,
				    r->truth[op->counter].held, op->n);
		truth_add(r, op->counter, -(int64_t)op->n);
		if (op->kind == MEMCG_OP_UNCHARGE_DIRECT) {
			memcg_uncharge(&r->sys, memcg, op->n);
			fprintf(r->out, "uncharge_direct %u %" PRIu32 " ok\n",
				id, op->n);
			break;
		}
		how = memcg_uncharge_stock_traced(&r->sys, op->cpu, memcg,
						  op->n, &victim);
		fprintf(r->out, "uncharge %u %u %" PRIu32, op->cpu, id, op->n);
		print_refill(r, how, victim);
		fputc('\n', r->out);
		break;
	case MEMCG_OP_TRY:
		if (r->sys.pc->try_charge(&memcg->memory, op->n, &fail)) {
			truth_add(r, op->counter, op->n);
			fprintf(r->out, "try %u %" PRIu32 " ok\n", id, op->n);
			break;
		}
		for (unsigned int i = 0; i < r->t->ncounters; i++)
			if (&r->memcgs[i]->memory == fail)
				victim = r->memcgs[i];
		mark_speculative(r, op->counter, victim);
		fprintf(r->out, "try %u %" PRIu32 " fail %u\n", id, op->n,
			id_of(r, victim));
		break;
	default: /* MEMCG_OP_FORCE */
		r->sys.pc->charge(&memcg->memory, op->n);
		truth_add(r, op->counter, op->n);
		fprintf(r->out, "force %u %" PRIu32 " ok\n", id, op->n);
		break;
	}
	return 0;
}

static int do_op(struct replay *r, const struct memcg_trace_op *op)
{
	switch (op->kind) {
	case MEMCG_OP_CHARGE:
	case MEMCG_OP_CHARGE_ATOMIC:
		do_charge(r, op);
		return 0;
	case MEMCG_OP_DRAIN:
		fprintf(r->out, "drain %u %lu\n", op->cpu,
			memcg_drain_local(&r->sys, op->cpu));
		return 0;
	case MEMCG_OP_DRAIN_ALL:
		do_drain_all(r, op);
		return 0;
	case MEMCG_OP_RESET_LOCAL:
	case MEMCG_OP_RESET:
		do_reset(r, op);
		return 0;
	case MEMCG_OP_READ:
		print_counter(r, "read", op->counter);
		return 0;
	default:
		return do_counter_op(r, op);
	}
}

static void print_final(struct replay *r)
{
	for (unsigned int i = 0; i < r->t->ncounters; i++)
		print_counter(r, "counter", i);
	for (unsigned int cpu = 0; cpu < r->sys.ncpus; cpu++) {
		struct memcg_stock_pcp *stock = &r->sys.pcpu[cpu].stock;

		for (int i = 0; i < NR_MEMCG_STOCK; i++) {
			struct mem_cgroup *m = atomic_load_explicit(
			    &stock->cached[i], memory_order_relaxed);

			if (m)
				fprintf(r->out, "stock %u %d %u %u\n", cpu, i,
					id_of(r, m),
					(unsigned int)atomic_load_explicit(
					    &stock->nr_pages[i],
					    memory_order_relaxed));
		}
	}
}

/* cpus x min(7, stockable memcgs in the subtree) x batch. */
static uint64_t stock_bound(const struct replay *r, unsigned int idx)
{
	unsigned int stockable = 0;

	for (unsigned int i = 0; i < r->t->ncounters; i++)
		if (r->t->counters[i].parent >= 0 &&
		    mem_cgroup_is_descendant(r->memcgs[i], r->memcgs[idx]))
			stockable++;
	if (stockable > NR_MEMCG_STOCK)
		stockable = NR_MEMCG_STOCK;
	return (uint64_t)r->sys.ncpus * stockable * r->sys.batch;
}

static void print_peaks(struct replay *r)
{
	for (unsigned int i = 0; i < r->t->ncounters; i++) {
		struct page_counter *c = &r->memcgs[i]->memory;
		const struct truth *tr = &r->truth[i];
		unsigned long w =
		    atomic_load_explicit(&c->watermark, memory_order_relaxed);

		fprintf(
		    r->out,
		    "peak %u true %" PRIu64 " watermark %lu over %" PRId64
		    " bound %" PRIu64 " true_local %" PRIu64 " local %lu%s\n",
		    r->t->counters[i].id, tr->peak, w, (int64_t)(w - tr->peak),
		    stock_bound(r, i), tr->local_peak,
		    atomic_load_explicit(&c->local_watermark,
					 memory_order_relaxed),
		    tr->speculative ? " speculative" : "");
	}
}

static int build(struct replay *r)
{
	const struct memcg_trace *t = r->t;

	if (memcg_system_init(&r->sys, t->ncpus, t->batch, t->v1, r->wm_ops,
			      r->err, r->errlen))
		return -1;
	if (r->hooks_indirect)
		memcg_system_hooks_indirect(&r->sys);
	for (unsigned int i = 0; i < t->ncounters; i++) {
		const struct memcg_trace_counter *c = &t->counters[i];

		r->memcgs[i] = memcg_create(
		    &r->sys, c->parent < 0 ? NULL : r->memcgs[c->parent],
		    c->max, c->id);
		if (!r->memcgs[i]) {
			snprintf(r->err, r->errlen, "%s: out of memory",
				 r->name);
			return -1;
		}
	}
	return 0;
}

int memcg_replay(const struct memcg_trace *t, const char *name,
		 const struct memcg_replay_opts *opts, FILE *out, char *err,
		 size_t errlen)
{
	struct replay *r = calloc(1, sizeof(*r));
	uint64_t held[MEMCG_TRACE_MAX_COUNTERS];
	char why[160];
	int rc = 0;

	if (!r) {
		snprintf(err, errlen, "%s: out of memory", name);
		return -1;
	}

	*r = (struct replay){.t = t,
			     .name = name,
			     .err = err,
			     .errlen = errlen,
			     .out = out,
			     .wm_ops = opts->wm_ops};
	if (build(r)) {
		rc = -1;
		goto out;
	}
	if (t->ncounters && !memcg_peak(r->memcgs[0], &held[0])) {
		snprintf(err, errlen,
			 "scheme %s keeps no watermark; the replay prints one",
			 r->sys.wm_ops->name);
		rc = -1;
		goto out;
	}
	for (size_t i = 0; i < t->nops && !rc; i++) {
		r->line = t->ops[i].line;
		rc = do_op(r, &t->ops[i]);
		if (rc || !opts->check_invariants)
			continue;
		for (unsigned int k = 0; k < t->ncounters; k++)
			held[k] = r->truth[k].held;
		if (memcg_check_invariants(&r->sys, held, true, why,
					   sizeof(why)))
			rc = rerr(r, "invariant broken: %s", why);
	}
	if (!rc) {
		print_final(r);
		if (opts->report_peaks)
			print_peaks(r);
	}
out:
	memcg_system_fini(&r->sys);
	free(r);
	return rc;
}
