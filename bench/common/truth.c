/* SPDX-License-Identifier: GPL-2.0-only */
/* bench/common/truth.c: TSC check, logs, and the merge of --truth (truth.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench/common/truth.h"

static bool has_flag(const char *flags, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = flags; (p = strstr(p, name)); p += n) {
		bool start = p == flags || p[-1] == ' ' || p[-1] == '\t';
		bool end = p[n] == '\0' || p[n] == ' ' || p[n] == '\n';

		if (start && end)
			return true;
	}
	return false;
}

int swtlb_truth_check_tsc(char *err, size_t errlen)
{
#if defined(__x86_64__) || defined(__i386__)
	char line[8192];
	bool found = false, ok = false;
	FILE *f = fopen("/proc/cpuinfo", "r");

	if (!f) {
		snprintf(err, errlen,
			 "--truth: cannot read /proc/cpuinfo to check for an "
			 "invariant TSC");
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		char *colon = strchr(line, ':');

		if (strncmp(line, "flags", 5) != 0 || !colon)
			continue;
		found = true;
		ok = has_flag(colon + 1, "constant_tsc") &&
		     has_flag(colon + 1, "nonstop_tsc");
		break;
	}
	fclose(f);
	if (!found || !ok) {
		snprintf(
		    err, errlen,
		    "--truth: the TSC is not invariant here (/proc/cpuinfo "
		    "flags lack constant_tsc and nonstop_tsc); timestamps "
		    "from different CPUs cannot be merged");
		return -1;
	}
	return 0;
#else
	snprintf(err, errlen,
		 "--truth needs an x86 invariant TSC (constant_tsc, "
		 "nonstop_tsc)");
	return -1;
#endif
}

struct swtlb_truth_log *swtlb_truth_log_new(size_t cap)
{
	struct swtlb_truth_log *log = calloc(1, sizeof(*log));

	if (!log)
		return NULL;
	log->rec = cap ? malloc(cap * sizeof(*log->rec)) : NULL;
	if (cap && !log->rec) {
		free(log);
		return NULL;
	}
	/* Touch every page now, outside the measured region. */
	if (cap)
		memset(log->rec, 0, cap * sizeof(*log->rec));
	log->cap = cap;
	return log;
}

void swtlb_truth_log_free(struct swtlb_truth_log *log)
{
	if (!log)
		return;
	free(log->rec);
	free(log);
}

unsigned int swtlb_truth_map_nslots(const struct swtlb_dev *dev,
				    uint64_t orig_addr, size_t size,
				    unsigned int alloc_align_mask)
{
	uint64_t offset = orig_addr & dev->min_align_mask &
			  (alloc_align_mask | (IO_TLB_SIZE - 1));
	uint64_t align = (uint64_t)alloc_align_mask + 1;
	uint64_t padded = (size + offset + align - 1) & ~(align - 1);

	return (unsigned int)((padded + IO_TLB_SIZE - 1) >> IO_TLB_SHIFT);
}

/*
 * One merge pass. An event is a record's +n or -n at the time the bound
 * wants: for lo, maps count from t1 and unmaps from t0 (and at equal times
 * decrements go first); for hi the other way round.
 */
struct stream {
	const struct swtlb_truth_log *log;
	size_t next;
};

static uint64_t event_time(const struct swtlb_truth_rec *r, bool hi)
{
	bool inc = r->nslots > 0;
	/* lo: inc at t1, dec at t0; hi: inc at t0, dec at t1. */
	bool at_end = inc != hi;

	return at_end ? r->t0 + r->dt : r->t0;
}

/* Orders (time, kind): lo puts decrements first at a tie, hi increments. */
static bool event_before(const struct swtlb_truth_rec *a,
			 const struct swtlb_truth_rec *b, bool hi)
{
	uint64_t ta = event_time(a, hi), tb = event_time(b, hi);
	bool ia = a->nslots > 0, ib = b->nslots > 0;

	if (ta != tb)
		return ta < tb;
	return hi ? (ia && !ib) : (!ia && ib);
}

static void heap_sift(struct stream **h, size_t n, size_t i, bool hi)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;

		if (l < n && event_before(&h[l]->log->rec[h[l]->next],
					  &h[m]->log->rec[h[m]->next], hi))
			m = l;
		if (r < n && event_before(&h[r]->log->rec[h[r]->next],
					  &h[m]->log->rec[h[m]->next], hi))
			m = r;
		if (m == i)
			return;
		struct stream *t = h[i];
		h[i] = h[m];
		h[m] = t;
		i = m;
	}
}

static uint64_t merge_max(struct stream *s, struct stream **heap,
			  unsigned int n, uint64_t baseline, bool hi)
{
	size_t hn = 0;
	int64_t sum = (int64_t)baseline, max = sum;

	for (unsigned int i = 0; i < n; i++) {
		s[i].next = 0;
		if (s[i].log->len)
			heap[hn++] = &s[i];
	}
	for (size_t i = hn / 2; i-- > 0;)
		heap_sift(heap, hn, i, hi);
	while (hn) {
		struct stream *top = heap[0];

		sum += top->log->rec[top->next].nslots;
		if (sum > max)
			max = sum;
		if (++top->next == top->log->len)
			heap[0] = heap[--hn];
		heap_sift(heap, hn, 0, hi);
	}
	return max > 0 ? (uint64_t)max : 0;
}

int swtlb_truth_merge(struct swtlb_truth_log *const *logs, unsigned int n,
		      uint64_t baseline, struct swtlb_truth_result *out,
		      char *err, size_t errlen)
{
	struct stream *s = calloc(n ? n : 1, sizeof(*s));
	struct stream **heap = calloc(n ? n : 1, sizeof(*heap));

	memset(out, 0, sizeof(*out));
	if (!s || !heap) {
		free(s);
		free(heap);
		snprintf(err, errlen, "--truth: out of memory merging logs");
		return -1;
	}
	out->known = true;
	out->hi_known = true;
	for (unsigned int i = 0; i < n; i++) {
		s[i].log = logs[i];
		out->records += logs[i]->len;
		if (logs[i]->overflow)
			out->known = false;
		if (logs[i]->clamped)
			out->hi_known = false;
	}
	if (out->known) {
		out->lo = merge_max(s, heap, n, baseline, false);
		out->hi = merge_max(s, heap, n, baseline, true);
	}
	out->hi_known = out->hi_known && out->known;
	free(s);
	free(heap);
	return 0;
}
