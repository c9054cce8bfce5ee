// SPDX-License-Identifier: GPL-2.0-only
/* topology/cpulist.c: "0-3,8,10-11" -> {0,1,2,3,8,10,11}. */
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "topology/cpulist.h"
#include "topology/topo_internal.h"
#include "util/num.h"

/* Decimal CPU id at *p, advancing *p; false if none or too large. */
static bool parse_id(const char **p, unsigned int *id)
{
	const char *s = *p;
	uint64_t v;

	while (isdigit((unsigned char)*s))
		s++;
	if (swtlb_parse_u64n(*p, (size_t)(s - *p), SWTLB_CPULIST_MAX_ID, &v) !=
	    SWTLB_NUM_OK)
		return false;
	*id = (unsigned int)v;
	*p = s;
	return true;
}

/* Length of the item starting at s (up to the next comma or the end). */
static int item_len(const char *s)
{
	return (int)strcspn(s, ",");
}

int swtlb_cpulist_parse(const char *list, unsigned int **ids, unsigned int *n,
			char *err, size_t errlen)
{
	unsigned char seen[(SWTLB_CPULIST_MAX_ID + 8) / 8] = {0};
	unsigned int *out = NULL, count = 0, cap = 0;
	const char *p = list;

	*ids = NULL;
	*n = 0;
	if (!*p)
		return swtlb_topo_fail(err, errlen, "empty CPU list");
	for (;;) {
		const char *item = p;
		unsigned int lo, hi;

		if (!parse_id(&p, &lo))
			goto bad_item;
		hi = lo;
		if (*p == '-') {
			p++;
			if (!parse_id(&p, &hi))
				goto bad_item;
			if (hi < lo) {
				swtlb_topo_fail(err, errlen,
						"bad CPU list '%s': range "
						"'%.*s' is descending",
						list, item_len(item), item);
				goto fail;
			}
		}
		if (*p != ',' && *p)
			goto bad_item;
		for (unsigned int id = lo; id <= hi; id++) {
			if (seen[id / 8] & (1u << (id % 8))) {
				swtlb_topo_fail(err, errlen,
						"bad CPU list '%s': cpu %u is "
						"listed twice",
						list, id);
				goto fail;
			}
			seen[id / 8] |= (unsigned char)(1u << (id % 8));
			if (count == cap) {
				unsigned int *bigger;

				cap = cap ? cap * 2 : 16;
				bigger = realloc(out, cap * sizeof(*out));
				if (!bigger) {
					swtlb_topo_fail(err, errlen,
							"out of memory");
					goto fail;
				}
				out = bigger;
			}
			out[count++] = id;
		}
		if (!*p)
			break;
		p++; /* the comma */
		continue;
	bad_item:
		if (item_len(item) == 0)
			swtlb_topo_fail(err, errlen,
					"bad CPU list '%s': empty item", list);
		else
			swtlb_topo_fail(err, errlen,
					"bad CPU list '%s': '%.*s' is not a "
					"CPU id or range (N or N-M, ids up to "
					"%u)",
					list, item_len(item), item,
					SWTLB_CPULIST_MAX_ID);
		goto fail;
	}
	*ids = out;
	*n = count;
	return 0;
fail:
	free(out);
	return -1;
}
