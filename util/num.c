// SPDX-License-Identifier: GPL-2.0-only
/* util/num.c: see num.h. strtoul/strtod are not used for the form check:
 * they skip blanks, take signs ("-1" wraps to 2^64-1) and hex. */
#include "util/num.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum swtlb_num swtlb_parse_u64n(const char *s, size_t len, uint64_t max,
				uint64_t *out)
{
	uint64_t v = 0;
	int too_big = 0;

	if (!len)
		return SWTLB_NUM_BAD;
	for (size_t i = 0; i < len; i++) {
		unsigned int d = (unsigned char)s[i] - '0';

		if (d > 9)
			return SWTLB_NUM_BAD;
		if (v > (UINT64_MAX - d) / 10)
			too_big = 1; /* keep checking the form */
		else
			v = v * 10 + d;
	}
	if (too_big || v > max)
		return SWTLB_NUM_RANGE;
	*out = v;
	return SWTLB_NUM_OK;
}

enum swtlb_num swtlb_parse_u64(const char *s, uint64_t max, uint64_t *out)
{
	return swtlb_parse_u64n(s, strlen(s), max, out);
}

enum swtlb_num swtlb_parse_u64x(const char *s, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;
	int too_big = 0;

	if (s[0] != '0' || s[1] != 'x')
		return swtlb_parse_u64(s, max, out);
	if (!s[2])
		return SWTLB_NUM_BAD;
	for (s += 2; *s; s++) {
		unsigned int d;

		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (*s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (*s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			return SWTLB_NUM_BAD;
		if (v > (UINT64_MAX - d) / 16)
			too_big = 1; /* keep checking the form */
		else
			v = v * 16 + d;
	}
	if (too_big || v > max)
		return SWTLB_NUM_RANGE;
	*out = v;
	return SWTLB_NUM_OK;
}

static size_t digits(const char *s)
{
	size_t n = 0;

	while (s[n] >= '0' && s[n] <= '9')
		n++;
	return n;
}

enum swtlb_num swtlb_parse_double(const char *s, unsigned int forms, double max,
				  double *out)
{
	const char *p = s;
	size_t whole, frac = 0;
	char *end;
	double v;

	if ((forms & SWTLB_NUM_NEG) && *p == '-')
		p++;
	whole = digits(p);
	p += whole;
	if (*p == '.') {
		frac = digits(p + 1);
		p += 1 + frac;
	}
	if (!whole && !frac)
		return SWTLB_NUM_BAD;
	if ((forms & SWTLB_NUM_EXP) && (*p == 'e' || *p == 'E')) {
		size_t n;

		p++;
		if (*p == '+' || *p == '-')
			p++;
		n = digits(p);
		if (!n)
			return SWTLB_NUM_BAD;
		p += n;
	}
	if (*p)
		return SWTLB_NUM_BAD;
	v = strtod(s, &end);
	/* ERANGE on underflow (1e-400) leaves a tiny or zero value: fine. */
	if (*end || !isfinite(v) || fabs(v) > max)
		return SWTLB_NUM_RANGE;
	*out = v;
	return SWTLB_NUM_OK;
}

const char *swtlb_num_why(enum swtlb_num rc, int whole)
{
	if (rc == SWTLB_NUM_RANGE)
		return "is too large";
	return whole ? "is not a whole number (digits only)"
		     : "is not a number (digits, one '.')";
}
