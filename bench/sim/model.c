/* SPDX-License-Identifier: GPL-2.0-only */
/* bench/sim/model.c: the coherence cost model of swtlb-sim (model.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench/sim/model_int.h"
#include "bench/sim/model_trace.h"

void (*swtlb_model_hook)(const volatile void *addr, enum swtlb_model_kind kind);

/* The one model being recorded (swtlb-sim is single-threaded). */
static struct model *model_active;

static uint64_t hash_key(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	return k;
}

static bool grow(struct model *m)
{
	size_t cap = m->cap ? 2 * m->cap : 4096;
	struct line *lines = calloc(cap, sizeof(*lines));
	uint64_t *holders = calloc(cap * m->words, sizeof(*holders));

	if (!lines || !holders) {
		free(lines);
		free(holders);
		return false;
	}
	for (size_t i = 0; i < m->cap; i++) {
		size_t j;

		if (!m->lines[i].key)
			continue;
		j = hash_key(m->lines[i].key) & (cap - 1);
		while (lines[j].key)
			j = (j + 1) & (cap - 1);
		lines[j] = m->lines[i];
		memcpy(&holders[j * m->words], &m->holders[i * m->words],
		       m->words * sizeof(*holders));
	}
	free(m->lines);
	free(m->holders);
	m->lines = lines;
	m->holders = holders;
	m->cap = cap;
	return true;
}

/* The line's index, created empty (no holder) on first sight; SIZE_MAX
 * when out of memory. */
size_t model_lookup(struct model *m, uint64_t key)
{
	size_t j;

	if (2 * (m->used + 1) > m->cap && !grow(m))
		return SIZE_MAX;
	j = hash_key(key) & (m->cap - 1);
	while (m->lines[j].key && m->lines[j].key != key)
		j = (j + 1) & (m->cap - 1);
	if (!m->lines[j].key) {
		m->lines[j] = (struct line){key,    NO_CPU, 0, 0.0, 0.0,
					    NO_CPU, NO_CPU, 0, 0};
		m->used++;
	}
	return j;
}

static bool holds(const uint64_t *h, unsigned int cpu)
{
	return (h[cpu / 64] >> (cpu % 64)) & 1;
}

/* The nearest (far = false) or farthest other holder's class. */
static unsigned int holder_class(const struct model *m, const uint64_t *h,
				 unsigned int cpu, bool far)
{
	unsigned int best = far ? 0 : SWTLB_MODEL_DIST_NCLASSES - 1;

	for (unsigned int w = 0; w < m->words; w++) {
		for (uint64_t bits = h[w]; bits; bits &= bits - 1) {
			unsigned int o =
			    w * 64 + (unsigned int)__builtin_ctzll(bits);
			unsigned int c = m->dist[(size_t)cpu * m->ncpus + o];

			if (o == cpu)
				continue;
			if (far ? c > best : c < best)
				best = c;
		}
	}
	return best;
}

/* One transfer to the current CPU, of class cls; returns cls. */
static int transfer(struct model *m, struct line *l, unsigned int cls)
{
	m->res.xfer[m->op][cls]++;
	l->busy_ns += m->lat.ns[cls];
	return (int)cls;
}

/* Applies one visit; the class of the transfer it needed, or -1. */
static int access_line(struct model *m, struct line *l, uint64_t *h, bool write)
{
	unsigned int cpu = (unsigned int)m->cpu;
	int cls = -1;

	if (write) {
		if (l->owner == m->cpu)
			return -1;
		if (l->nholders == 0)
			m->res.cold++;
		else if (l->nholders > 1 || !holds(h, cpu))
			cls = transfer(m, l, holder_class(m, h, cpu, true));
		memset(h, 0, m->words * sizeof(*h));
		h[cpu / 64] |= 1ULL << (cpu % 64);
		l->nholders = 1;
		l->owner = m->cpu;
		return cls;
	}
	if (holds(h, cpu))
		return -1;
	if (l->nholders == 0)
		m->res.cold++;
	else /* from the owner, or the nearest sharer */
		cls = transfer(m, l, holder_class(m, h, cpu, false));
	l->owner = NO_CPU;
	h[cpu / 64] |= 1ULL << (cpu % 64);
	l->nholders++;
	return cls;
}

int model_peek(struct model *m, uint64_t key, unsigned int kinds)
{
	size_t j = model_lookup(m, key);
	const struct line *l;
	const uint64_t *h;
	unsigned int cpu = (unsigned int)m->cpu;

	if (j == SIZE_MAX) {
		m->failed = true;
		return -1;
	}
	l = &m->lines[j];
	h = &m->holders[j * m->words];
	if (l->nholders == 0)
		return -1;
	if (kinds & (SWTLB_MODEL_STORE | SWTLB_MODEL_RMW)) {
		if (l->owner == m->cpu || (l->nholders == 1 && holds(h, cpu)))
			return -1;
		return (int)holder_class(m, h, cpu, true);
	}
	return holds(h, cpu) ? -1 : (int)holder_class(m, h, cpu, false);
}

/* Notes an access of the current operation: applied at model_end(), or
 * in time order when the operation is timed. */
static void record(struct model *m, uint64_t key, unsigned int kinds)
{
	size_t j;
	struct line *l;

	if (model_timed_op(m)) {
		model_timed_record(m, key, kinds);
		return;
	}
	j = model_lookup(m, key);
	if (j == SIZE_MAX) {
		m->failed = true;
		return;
	}
	l = &m->lines[j];
	if (l->visit_op == m->op_serial) {
		l->visit_kinds |= kinds;
		return;
	}
	if (m->nvisits == m->visits_cap) {
		size_t cap = m->visits_cap ? 2 * m->visits_cap : 64;
		uint64_t *v = realloc(m->visits, cap * sizeof(*v));

		if (!v) {
			m->failed = true;
			return;
		}
		m->visits = v;
		m->visits_cap = cap;
	}
	m->visits[m->nvisits++] = key;
	l->visit_op = m->op_serial;
	l->visit_kinds = kinds;
}

static void hook(const volatile void *addr, enum swtlb_model_kind kind)
{
	struct model *m = model_active;
	char here;
	uintptr_t a = (uintptr_t)addr, sp = (uintptr_t)&here;

	if (!m || m->cpu == NO_CPU)
		return;
	if (kind == SWTLB_MODEL_SLOT_WALK) {
		if (model_timed_op(m))
			model_timed_mark_walk(m);
		return;
	}
	/* The stack (smp_mb()'s locked add) is private to each CPU. */
	if (a > sp - (1u << 20) && a < sp + (1u << 20))
		return;
	record(m, (uint64_t)(a >> LINE_SHIFT), kind);
}

struct model *model_new(const struct swtlb_pu_place *places, unsigned int ncpus,
			const struct model_lat *lat, char *err, size_t errlen)
{
	struct model *m = calloc(1, sizeof(*m));

	if (m)
		m->dist = malloc((size_t)ncpus * ncpus);
	if (!m || !m->dist) {
		free(m);
		snprintf(err, errlen, "model: out of memory");
		return NULL;
	}
	m->ncpus = ncpus;
	m->words = (ncpus + 63) / 64;
	m->lat = *lat;
	m->cpu = NO_CPU;
	for (unsigned int i = 0; i < ncpus; i++)
		for (unsigned int k = 0; k < ncpus; k++)
			m->dist[(size_t)i * ncpus + k] =
			    (unsigned char)swtlb_pu_distance(&places[i],
							     &places[k]);
	if (!grow(m)) {
		model_free(m);
		snprintf(err, errlen, "model: out of memory");
		return NULL;
	}
	model_active = m;
	swtlb_model_hook = hook;
	return m;
}

void model_free(struct model *m)
{
	if (!m)
		return;
	if (model_active == m) {
		model_active = NULL;
		swtlb_model_hook = NULL;
	}
	model_timed_free(m);
	free(m->dist);
	free(m->visits);
	free(m->lines);
	free(m->holders);
	free(m);
}

void model_region(struct model *m, const void *base, size_t bytes,
		  const char *name, size_t stride)
{
	if (m->nregions < MAX_REGIONS)
		m->regions[m->nregions++] =
		    (struct region){(uintptr_t)base, bytes, stride, name};
}

void model_begin(struct model *m, unsigned int cpu, enum model_op op)
{
	m->cpu = cpu < m->ncpus ? (int)cpu : NO_CPU;
	m->op = op;
	m->op_serial++;
	m->nvisits = 0;
	if (model_timed_op(m))
		model_timed_begin(m);
}

void model_slots(struct model *m, uint64_t first, unsigned int n)
{
	uint64_t lo = first * SLOT_BYTES >> LINE_SHIFT;
	uint64_t hi = ((first + n) * SLOT_BYTES - 1) >> LINE_SHIFT;

	if (m->cpu == NO_CPU || n == 0)
		return;
	if (model_timed_op(m))
		model_timed_slots_begin(m);
	/* The free-run walks read and write the entries. */
	for (uint64_t k = lo; k <= hi; k++)
		record(m, SLOT_KEY_BASE + k,
		       SWTLB_MODEL_LOAD | SWTLB_MODEL_STORE);
	if (model_timed_op(m))
		model_timed_slots_end(m);
}

double model_apply(struct model *m, uint64_t key, unsigned int kinds)
{
	size_t j = model_lookup(m, key);
	int cls;

	if (j == SIZE_MAX) {
		m->failed = true;
		return 0;
	}
	cls = access_line(m, &m->lines[j], &m->holders[j * m->words],
			  kinds & (SWTLB_MODEL_STORE | SWTLB_MODEL_RMW));
	return cls < 0 ? 0 : m->lat.ns[cls];
}

double model_end(struct model *m)
{
	double ns;

	if (m->cpu == NO_CPU)
		return 0;
	m->res.ops[m->op]++;
	if (model_timed_op(m)) {
		model_timed_end(m);
		m->cpu = NO_CPU;
		return 0;
	}
	ns = 0;
	for (size_t i = 0; i < m->nvisits && !m->failed; i++) {
		size_t j = model_lookup(m, m->visits[i]);

		if (j == SIZE_MAX) {
			m->failed = true;
			break;
		}
		ns += model_apply(m, m->visits[i], m->lines[j].visit_kinds);
	}
	m->res.stall_ns += ns;
	/* Map and unmap share the pair's base cost evenly. */
	if (m->op != MODEL_PERIODIC)
		ns += m->lat.base_pair_ns / 2;
	m->cpu = NO_CPU;
	m->nvisits = 0;
	return ns;
}

void model_reset_counts(struct model *m)
{
	m->res = (struct model_result){0};
	m->warm_at = m->now;
	for (size_t i = 0; i < m->cap; i++)
		m->lines[i].busy_ns = 0;
}

bool model_failed(const struct model *m)
{
	return m->failed;
}

static void name_line(const struct model *m, uint64_t key, char *buf,
		      size_t len)
{
	uintptr_t a = (uintptr_t)(key << LINE_SHIFT);

	if (key >= SLOT_KEY_BASE) {
		snprintf(buf, len, "slots");
		return;
	}
	for (unsigned int i = 0; i < m->nregions; i++) {
		const struct region *r = &m->regions[i];

		/* A line overlapping the region from below counts too. */
		if (a + (1u << LINE_SHIFT) > r->base &&
		    a < r->base + r->bytes) {
			size_t first = a > r->base ? (a - r->base) : 0;

			if (r->stride)
				snprintf(buf, len, "%s %zu", r->name,
					 first / r->stride);
			else
				snprintf(buf, len, "%s", r->name);
			return;
		}
	}
	snprintf(buf, len, "scheme");
}

void model_result(const struct model *m, struct model_result *r)
{
	size_t hot = SIZE_MAX;

	*r = m->res;
	r->lines = m->used;
	r->ncpus = m->ncpus;
	r->virtual_ns =
	    m->timed_until > m->warm_at ? m->timed_until - m->warm_at : 0;
	r->hot_busy_ns = 0;
	for (size_t i = 0; i < m->cap; i++)
		if (m->lines[i].key && m->lines[i].busy_ns > r->hot_busy_ns) {
			r->hot_busy_ns = m->lines[i].busy_ns;
			hot = i;
		}
	if (hot == SIZE_MAX)
		snprintf(r->hot_line, sizeof(r->hot_line), "-");
	else
		name_line(m, m->lines[hot].key, r->hot_line,
			  sizeof(r->hot_line));
}

double model_xfer_per_pair(const struct model_result *r,
			   enum swtlb_model_dist c)
{
	uint64_t sum = 0;

	if (!r->ops[MODEL_MAP])
		return 0;
	for (int op = 0; op < MODEL_NOPS; op++)
		sum += r->xfer[op][c];
	return (double)sum / (double)r->ops[MODEL_MAP];
}

double model_ns_per_pair(const struct model_result *r,
			 const struct model_lat *lat)
{
	if (!r->ops[MODEL_MAP])
		return lat->base_pair_ns;
	if (r->virtual_ns > 0) /* every CPU busy all the time */
		return (double)r->ncpus * r->virtual_ns /
		       (double)r->ops[MODEL_MAP];
	return lat->base_pair_ns + r->stall_ns / (double)r->ops[MODEL_MAP];
}

double model_ceiling(const struct model_result *r)
{
	if (r->hot_busy_ns <= 0)
		return 0; /* no line is shared: no ceiling (printed as "-") */
	return (double)r->ops[MODEL_MAP] / (r->hot_busy_ns * 1e-9);
}

double model_projected(const struct model_result *r,
		       const struct model_lat *lat, unsigned int ncpus)
{
	double free_run = ncpus * 1e9 / model_ns_per_pair(r, lat);
	double ceil = model_ceiling(r);

	/* In virtual time the lines' queues are in free_run already. */
	if (r->virtual_ns > 0)
		return free_run;
	return ceil > 0 && ceil < free_run ? ceil : free_run;
}
