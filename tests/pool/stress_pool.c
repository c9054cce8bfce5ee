/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tests/pool/stress_pool.c: many threads map and unmap at once on one pool.
 *
 * Each thread keeps a queue of mappings (random sizes, alignments and
 * min-align masks) and unmaps the oldest when the queue is full. A shadow
 * ownership map (one atomic byte per slot) is claimed with a
 * compare-exchange for every slot a successful map occupies, and released
 * just before the unmap: a failed claim is a slot handed out twice. At the
 * end every mapping is unmapped: used must be 0, the shadow empty, the
 * invariants must hold. Every registered scheme, both kernel configs.
 *
 * usage: stress_pool [--seconds S] [--threads N]   (exit 0: no violation)
 */
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pool/swiotlb.h"

#define NSLABS	    2048UL
#define NAREAS	    4U
#define MAX_QUEUE   16
#define ERR_MAX_LEN 200

struct shared {
	struct swtlb *pool;
	atomic_uchar *owner; /* per slot: 0 free, else thread id + 1 */
	atomic_bool stop;
	atomic_int violations;
	char first_error[ERR_MAX_LEN];
	pthread_mutex_t err_lock;
};

struct mapping {
	uint64_t tlb;
	size_t size;
	unsigned int min_mask;
	unsigned long first, nslots;
};

struct worker {
	struct shared *sh;
	unsigned int id, cpu; /* cpu: pinned CPU, or a virtual one */
	bool pin, pinned;
	uint64_t rng;
	unsigned long maps, fails;
	pthread_t thread;
};

static uint64_t rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

static void violation(struct shared *sh, const char *fmt, ...)
{
	va_list ap;

	if (atomic_fetch_add(&sh->violations, 1) == 0) {
		pthread_mutex_lock(&sh->err_lock);
		va_start(ap, fmt);
		vsnprintf(sh->first_error, sizeof(sh->first_error), fmt, ap);
		va_end(ap);
		pthread_mutex_unlock(&sh->err_lock);
	}
}

static void release(struct worker *w, struct mapping *m)
{
	struct shared *sh = w->sh;
	struct swtlb_dev dev = {m->min_mask, ULONG_MAX};

	for (unsigned long i = m->first; i < m->first + m->nslots; i++) {
		unsigned char me = (unsigned char)(w->id + 1);

		if (!atomic_compare_exchange_strong(&sh->owner[i], &me, 0))
			violation(sh,
				  "slot %lu changed owner to %u while mapped",
				  i, me);
	}
	swtlb_unmap(sh->pool, &dev, w->cpu, m->tlb, m->size, DMA_FROM_DEVICE,
		    0);
}

static bool claim(struct worker *w, uint64_t orig, unsigned int align,
		  struct mapping *m)
{
	struct shared *sh = w->sh;
	unsigned int offset = orig & m->min_mask & (align | (IO_TLB_SIZE - 1));
	uint64_t a = (uint64_t)align + 1;
	uint64_t padded = (m->size + offset + a - 1) / a * a;
	uint64_t rel = m->tlb - swtlb_start(sh->pool);

	m->nslots = (padded + IO_TLB_SIZE - 1) / IO_TLB_SIZE;
	m->first = (rel - (offset & (IO_TLB_SIZE - 1))) / IO_TLB_SIZE -
		   (offset >> IO_TLB_SHIFT);
	if (m->first + m->nslots > NSLABS) {
		violation(sh,
			  "mapping at slot %lu of %lu slots leaves the pool",
			  m->first, m->nslots);
		return false;
	}
	if ((m->tlb & m->min_mask) != (orig & m->min_mask))
		violation(sh, "min-align bits lost: tlb 0x%llx orig 0x%llx",
			  (unsigned long long)m->tlb, (unsigned long long)orig);
	for (unsigned long i = m->first; i < m->first + m->nslots; i++) {
		unsigned char free_slot = 0;

		if (!atomic_compare_exchange_strong(&sh->owner[i], &free_slot,
						    w->id + 1))
			violation(sh, "slot %lu handed out twice (owner %u)", i,
				  free_slot);
	}
	return true;
}

static void *work(void *arg)
{
	static const unsigned int min_masks[] = {0, 0, 0xfff, 0xffff, 0x7ff};
	static const unsigned int aligns[] = {0, 0, 0, 0, 0xfff, 0xffff};
	struct worker *w = arg;
	struct mapping q[MAX_QUEUE];
	unsigned int head = 0, len = 0;
	unsigned int depth = 1 + rnd(&w->rng) % MAX_QUEUE;

	if (w->pin) {
		cpu_set_t set;

		/* raw_smp_processor_id(): the CPU it is pinned to. */
		CPU_ZERO(&set);
		CPU_SET(w->cpu, &set);
		if (pthread_setaffinity_np(pthread_self(), sizeof(set), &set))
			w->pinned = false;
		else
			w->pinned = true;
	}

	while (!atomic_load_explicit(&w->sh->stop, memory_order_relaxed)) {
		struct mapping *m;
		unsigned int align = aligns[rnd(&w->rng) % 6];
		uint64_t orig = rnd(&w->rng) >> 4;
		struct swtlb_dev dev;

		if (len >= depth) {
			release(w, &q[head]);
			head = (head + 1) % MAX_QUEUE;
			len--;
			if (rnd(&w->rng) % 64 == 0)
				depth = 1 + rnd(&w->rng) % MAX_QUEUE;
			continue;
		}
		m = &q[(head + len) % MAX_QUEUE];
		m->min_mask = min_masks[rnd(&w->rng) % 5];
		m->size = rnd(&w->rng) % 8 ? 1 + rnd(&w->rng) % 32768
					   : 1 + rnd(&w->rng) % (256 * 1024);
		dev.min_align_mask = m->min_mask;
		dev.seg_boundary_mask = ULONG_MAX;
		m->tlb = swtlb_map(w->sh->pool, &dev, w->cpu, orig, m->size,
				   align, DMA_TO_DEVICE, 0);
		w->maps++;
		if (m->tlb == DMA_MAPPING_ERROR) {
			w->fails++;
			continue;
		}
		if (claim(w, orig, align, m))
			len++;
	}
	while (len) {
		release(w, &q[head]);
		head = (head + 1) % MAX_QUEUE;
		len--;
	}
	return NULL;
}

static bool exact_used(const struct swtlb_scheme_ops *scheme)
{
	return !scheme || strcmp(scheme->name, "none") == 0 ||
	       strcmp(scheme->name, "global-atomic") == 0 ||
	       strcmp(scheme->name, "area-hiwater") == 0;
}

static int run(const struct swtlb_scheme_ops *scheme, enum swtlb_kconfig k,
	       unsigned int nthreads, double seconds, unsigned int online)
{
	struct swtlb_config cfg = {
	    .nslabs = NSLABS,
	    .nareas = NAREAS,
	    .kconfig = k,
	    .scheme = scheme,
	    .scheme_params = {.ncpus = nthreads > online ? nthreads : online,
			      .batch = 16,
			      .period_us = 1000},
	    .start = SWTLB_DEFAULT_START,
	};
	struct shared sh = {.err_lock = PTHREAD_MUTEX_INITIALIZER};
	struct worker w[64];
	char err[256] = "";
	struct timespec ts = {(time_t)seconds,
			      (long)((seconds - (time_t)seconds) * 1e9)};
	unsigned long maps = 0, fails = 0, left = 0;
	unsigned int pinned = 0;
	const char *name = scheme ? scheme->name : "(no scheme)";
	int bad;

	sh.pool = swtlb_create(&cfg, err, sizeof(err));
	sh.owner = calloc(NSLABS, sizeof(*sh.owner));
	if (!sh.pool || !sh.owner) {
		fprintf(stderr, "stress_pool: %s: %s\n", name,
			sh.pool ? "out of memory" : err);
		return 1;
	}
	for (unsigned int i = 0; i < nthreads; i++) {
		/*
		 * One CPU id per thread, as per-CPU schemes assume: pinned
		 * to CPU i when there are enough CPUs, else a virtual CPU i.
		 */
		w[i] =
		    (struct worker){.sh = &sh,
				    .id = i,
				    .cpu = i,
				    .pin = nthreads <= online,
				    .rng = 0x9e3779b97f4a7c15ULL * (i + 1) + k};
		if (pthread_create(&w[i].thread, NULL, work, &w[i])) {
			fprintf(stderr, "stress_pool: cannot create thread\n");
			exit(1);
		}
	}
	nanosleep(&ts, NULL);
	atomic_store(&sh.stop, true);
	for (unsigned int i = 0; i < nthreads; i++) {
		pthread_join(w[i].thread, NULL);
		maps += w[i].maps;
		fails += w[i].fails;
		pinned += w[i].pinned;
	}

	for (unsigned long i = 0; i < NSLABS; i++)
		left += atomic_load(&sh.owner[i]) != 0;
	if (left)
		violation(&sh, "%lu slots still owned (of %lu)", left, NSLABS);
	/*
	 * io_tlb_used through the scheme: checked for the schemes whose
	 * figure is exact once quiet; the others answer to tests/counters.
	 */
	if (exact_used(scheme) && swtlb_used(sh.pool) != 0)
		violation(&sh, "used %lu after unmapping all",
			  swtlb_used(sh.pool));
	if (scheme && strcmp(scheme->name, "global-atomic") == 0 &&
	    atomic_load(swtlb_scheme_ctx(sh.pool)->total_used) != 0)
		violation(&sh, "total_used %ld after unmapping all",
			  atomic_load(swtlb_scheme_ctx(sh.pool)->total_used));
	for (unsigned int a = 0; a < NAREAS; a++)
		if (swtlb_area_used(sh.pool, a))
			violation(&sh, "area %u used %lu after the end", a,
				  swtlb_area_used(sh.pool, a));
	if (swtlb_check_invariants(sh.pool, err, sizeof(err)))
		violation(&sh, "invariants: %s", err);
	bad = atomic_load(&sh.violations);
	printf("%-14s %-11s %u threads (%u pinned): %lu maps (%lu failed, "
	       "pool full), %d violations\n",
	       name, k ? "dynamic-on" : "dynamic-off", nthreads, pinned, maps,
	       fails, bad);
	if (bad)
		fprintf(stderr, "stress_pool: %s: %s\n", name, sh.first_error);
	if (maps == fails) {
		fprintf(stderr, "stress_pool: %s: no map succeeded\n", name);
		bad++;
	}
	swtlb_destroy(sh.pool);
	free(sh.owner);
	return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
	double seconds = 3;
	long online = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned int nthreads = online > 1 ? (unsigned int)online : 2;
	unsigned int ncpu = online > 0 ? (unsigned int)online : 1;
	unsigned int nruns = 2;
	int rc = 0;

	for (int i = 1; i < argc; i++) {
		char *end = NULL;

		if (strcmp(argv[i], "--seconds") == 0 && i + 1 < argc)
			seconds = strtod(argv[++i], &end);
		else if (strcmp(argv[i], "--threads") == 0 && i + 1 < argc)
			nthreads = strtoul(argv[++i], &end, 10);
		if (!end || *end || seconds <= 0 || seconds > 600 ||
		    nthreads < 1 || nthreads > 64) {
			fprintf(stderr,
				"stress_pool: bad argument %s "
				"(--seconds S, --threads 1..64)\n",
				argv[i]);
			return 2;
		}
	}
	for (size_t i = 0; swtlb_schemes[i]; i++)
		nruns += 2;
	for (int k = 0; k < 2; k++) {
		rc |= run(NULL, k, nthreads, seconds / nruns, ncpu);
		for (size_t i = 0; swtlb_schemes[i]; i++)
			rc |= run(swtlb_schemes[i], k, nthreads,
				  seconds / nruns, ncpu);
	}
	return rc;
}
