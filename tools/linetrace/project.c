// SPDX-License-Identifier: GPL-2.0-only
/*
 * tools/linetrace/project.c: the two vcpus' traced access streams replayed
 * concurrently in a small timing model (docs/linetrace.md):
 *  - every instruction costs insn_ns; each vcpu runs its own ops in the
 *    traced order, repeated, with no other cost;
 *  - a line is held by a set of vcpus. A load misses when only the other
 *    vcpu holds it; a store or RMW misses when the other holds it at all.
 *    A miss is one transfer of latency_ns, started when the line's last
 *    transfer is done (transfers of one line are serial);
 *  - loads and RMWs stall until their line arrives; a plain store retires
 *    into the store buffer and does not stall; a locked RMW first waits
 *    for the vcpu's earlier stores to complete (x86 locked ops drain the
 *    store buffer);
 *  - lock waiting is not modelled (the two vcpus use different areas);
 *  - each op starts after a random pause of 0..jitter_ns (what interrupts,
 *    branch misses and the caller add), so that two identical streams do
 *    not lock into one phase; the figures are means over `seeds` replays.
 * A replay stops when the first vcpu is done; ns per pair is each vcpu's
 * time over the pairs it completed by then.
 */
#include <stdlib.h>
#include <string.h>

#include "tools/linetrace/linetrace.h"

struct lt_cpu {
	const struct lt_op **ops;
	size_t nops, next_op, next_acc; /* next_acc: within ops[next_op] */
	uint32_t last_insn;		/* of the op, at the last event */
	double t, sb_done;
	double ops_done;
};

/* xorshift64*: a fixed sequence per seed, so reports are reproducible. */
static double uniform(uint64_t *x)
{
	*x ^= *x >> 12;
	*x ^= *x << 25;
	*x ^= *x >> 27;
	return (double)((*x * 0x2545F4914F6CDD1DULL) >> 11) /
	       9007199254740992.0;
}

struct lt_line_state {
	uint8_t holders;
	double ready;
};

/* Time of v's next access (or op end); its access or NULL. */
static const struct lt_acc *next_event(const struct lt_run *r,
				       const struct lt_cpu *c, double insn_ns,
				       double *when)
{
	const struct lt_op *op = c->ops[c->next_op % c->nops];

	if (c->next_acc < op->nacc) {
		const struct lt_acc *a = &r->acc[op->first + c->next_acc];

		*when = c->t + (a->insn - c->last_insn) * insn_ns;
		return a;
	}
	*when = c->t + (op->ninsn - c->last_insn) * insn_ns;
	return NULL;
}

static void access_line(struct lt_cpu *c, unsigned int v,
			struct lt_line_state *s, const struct lt_acc *a,
			double when, double latency, double *transfers)
{
	uint8_t me = (uint8_t)(1U << v), other = (uint8_t)(2U >> v);
	int miss;

	if (a->kind == LT_LOCKED && c->sb_done > when)
		when = c->sb_done;
	miss = a->kind == LT_LOAD ? !(s->holders & me) && (s->holders & other)
				  : (s->holders & other) != 0;
	c->t = when;
	if (miss) {
		double done = (s->ready > when ? s->ready : when) + latency;

		s->ready = done;
		(*transfers)++;
		if (a->kind == LT_STORE)
			c->sb_done = c->sb_done > done ? c->sb_done : done;
		else
			c->t = done;
	} else if (a->kind != LT_STORE && s->holders == me && s->ready > when) {
		c->t = s->ready; /* still arriving for our own store */
	}
	s->holders = a->kind == LT_LOAD ? (uint8_t)(s->holders | me) : me;
}

static void replay(const struct lt_run *r, const struct lt_proj_opts *o,
		   uint64_t seed, struct lt_proj *out)
{
	double latency_ns = o->latency_ns, insn_ns = o->insn_ns;
	unsigned int repeat = o->repeat;
	struct lt_cpu cpu[2];
	struct lt_line_state *ls =
	    calloc(r->nlines ? r->nlines : 1, sizeof(*ls));
	double transfers = 0;

	memset(out, 0, sizeof(*out));
	out->line_transfers = calloc(r->nlines ? r->nlines : 1, sizeof(double));
	memset(cpu, 0, sizeof(cpu));
	for (unsigned int v = 0; v < 2; v++) {
		cpu[v].ops = calloc(r->nops ? r->nops : 1, sizeof(*cpu[v].ops));
		if (!cpu[v].ops || !ls || !out->line_transfers)
			goto out;
		for (size_t i = 0; i < r->nops; i++)
			if (r->ops[i].vcpu == v)
				cpu[v].ops[cpu[v].nops++] = &r->ops[i];
		if (!cpu[v].nops)
			goto out;
	}
	for (;;) {
		double w[2];
		const struct lt_acc *a[2];
		unsigned int v;

		for (v = 0; v < 2; v++)
			a[v] = next_event(r, &cpu[v], insn_ns, &w[v]);
		v = w[1] < w[0];
		if (a[v]) {
			access_line(&cpu[v], v, &ls[a[v]->line], a[v], w[v],
				    latency_ns,
				    &out->line_transfers[a[v]->line]);
			cpu[v].last_insn = a[v]->insn;
			cpu[v].next_acc++;
			continue;
		}
		cpu[v].t = w[v] + uniform(&seed) * o->jitter_ns;
		cpu[v].last_insn = 0;
		cpu[v].next_acc = 0;
		cpu[v].next_op++;
		cpu[v].ops_done++;
		if (cpu[v].next_op == cpu[v].nops * repeat)
			break;
	}
	{
		double total_pairs = 0;

		/* Events run in time order, so each vcpu's t is the end of
		 * its last whole op, at or before the stop. */
		for (unsigned int v = 0; v < 2; v++) {
			double pairs = cpu[v].ops_done / 2;

			out->ns_pair[v] = pairs > 0 ? cpu[v].t / pairs : 0;
			total_pairs += pairs;
		}
		/* The yardstick's ns_pair: both threads' window over all
		 * their pairs, i.e. the harmonic mean of the two. */
		if (out->ns_pair[0] > 0 && out->ns_pair[1] > 0)
			out->ns_pair_mean =
			    2 / (1 / out->ns_pair[0] + 1 / out->ns_pair[1]);
		/* 0: a vcpu finished no op while the other ran them all. */
		out->imbalance = out->ns_pair_mean == 0 ? 0
				 : out->ns_pair[0] > out->ns_pair[1]
				     ? out->ns_pair[0] / out->ns_pair[1]
				     : out->ns_pair[1] / out->ns_pair[0];
		for (size_t i = 0; i < r->nlines; i++) {
			out->line_transfers[i] /= total_pairs;
			transfers += out->line_transfers[i];
		}
		out->transfers_pair = transfers;
	}
out:
	free(cpu[0].ops);
	free(cpu[1].ops);
	free(ls);
}

void lt_project(const struct lt_run *r, const struct lt_proj_opts *o,
		struct lt_proj *out)
{
	struct lt_proj one;

	memset(out, 0, sizeof(*out));
	out->line_transfers = calloc(r->nlines ? r->nlines : 1, sizeof(double));
	for (unsigned int k = 0; k < o->seeds && out->line_transfers; k++) {
		replay(r, o, 0x9E3779B97F4A7C15ULL * (k + 1), &one);
		if (!one.line_transfers)
			break;
		out->starved |= one.ns_pair_mean == 0;
		for (unsigned int v = 0; v < 2; v++)
			out->ns_pair[v] += one.ns_pair[v] / o->seeds;
		out->ns_pair_mean += one.ns_pair_mean / o->seeds;
		out->imbalance += one.imbalance / o->seeds;
		out->transfers_pair += one.transfers_pair / o->seeds;
		for (size_t i = 0; i < r->nlines; i++)
			out->line_transfers[i] +=
			    one.line_transfers[i] / o->seeds;
		free(one.line_transfers);
	}
}
