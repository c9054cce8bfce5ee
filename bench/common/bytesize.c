// SPDX-License-Identifier: GPL-2.0-only
/* bench/common/bytesize.c: see bytesize.h. */
#include "bench/common/bytesize.h"

#include <stddef.h>

#include "util/num.h"

static int suffix_shift(char c)
{
	switch (c) {
	case 'k':
	case 'K':
		return 10;
	case 'm':
	case 'M':
		return 20;
	case 'g':
	case 'G':
		return 30;
	case 't':
	case 'T':
		return 40;
	default:
		return -1;
	}
}

int swtlb_parse_bytes(const char *s, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;
	int shift = 0;
	const char *p = s;

	if (!s)
		return -1;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p) {
		shift = suffix_shift(*p);
		if (shift < 0 || p[1])
			return -1;
	}
	/* The digits by the parser of every tool (util/num.h), bounded
	 * before the shift so that no count wraps into a small size. */
	if (swtlb_parse_u64n(s, (size_t)(p - s), max >> shift, &v) !=
		SWTLB_NUM_OK ||
	    v == 0)
		return -1;
	*out = v << shift;
	return 0;
}
