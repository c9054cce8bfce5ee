// SPDX-License-Identifier: GPL-2.0-only
/* bench/common/bytesize.c: see bytesize.h. */
#include "bench/common/bytesize.h"

#include <stddef.h>

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

	if (!s || *p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		unsigned int d = (unsigned int)(*p - '0');

		if (v > (UINT64_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	if (*p) {
		shift = suffix_shift(*p);
		if (shift < 0 || p[1])
			return -1;
	}
	if (v == 0 || v > (max >> shift))
		return -1;
	*out = v << shift;
	return 0;
}
