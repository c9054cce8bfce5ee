// SPDX-License-Identifier: GPL-2.0-only
/* workloads/src_set.c: see src_set.h. */
#include "workloads/src_set.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench/common/bytesize.h"

int swtlb_src_set_parse(const char *s, struct swtlb_src_set_spec *out,
			char *err, size_t errlen)
{
	memset(out, 0, sizeof(*out));
	if (s && !strcmp(s, "qd")) {
		out->per_slot = true;
		strcpy(out->text, s);
		return 0;
	}
	if (!s || strlen(s) >= sizeof(out->text) ||
	    swtlb_parse_bytes(s, SWTLB_SRC_SET_MAX_BYTES, &out->bytes) ||
	    out->bytes < SWTLB_SRC_PAGE) {
		snprintf(err, errlen,
			 "--src-set %s: want qd or a size 4k..1g of source "
			 "buffers per thread, e.g. 1m",
			 s ? s : "");
		return -1;
	}
	strcpy(out->text, s);
	return 0;
}

int swtlb_src_set_layout(const struct swtlb_src_set_spec *spec, size_t max_map,
			 unsigned int queue_depth, size_t *stride,
			 unsigned int *count, char *err, size_t errlen)
{
	uint64_t n;

	if (spec->per_slot) {
		*stride = (max_map + 63) & ~(size_t)63;
		n = queue_depth;
	} else {
		*stride = (max_map + SWTLB_SRC_PAGE - 1) / SWTLB_SRC_PAGE *
			  SWTLB_SRC_PAGE;
		n = spec->bytes / *stride;
		if (n < queue_depth)
			n = queue_depth;
	}
	if (n * *stride > SWTLB_SRC_SET_MAX_BYTES) {
		snprintf(err, errlen,
			 "--queue-depth %u x largest size %zu needs more than "
			 "1 GiB of bounce source buffers per thread",
			 queue_depth, max_map);
		return -1;
	}
	*count = (unsigned int)n;
	return 0;
}

int swtlb_src_set_alloc(struct swtlb_src_set *set, size_t stride,
			unsigned int count)
{
	size_t bytes = stride * count;

	memset(set, 0, sizeof(*set));
	set->base =
	    aligned_alloc(SWTLB_SRC_PAGE, (bytes + SWTLB_SRC_PAGE - 1) /
					      SWTLB_SRC_PAGE * SWTLB_SRC_PAGE);
	if (!set->base)
		return -1;
	/* Fault the pages in now, not in the measured loop. */
	memset(set->base, 0x5a, bytes);
	set->stride = stride;
	set->count = count;
	return 0;
}

void swtlb_src_set_free(struct swtlb_src_set *set)
{
	free(set->base);
	memset(set, 0, sizeof(*set));
}
