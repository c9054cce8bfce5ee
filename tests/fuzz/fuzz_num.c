/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tests/fuzz/fuzz_num.c: fuzz entry for util/num.c, the number parser of
 * every tool and file reader. Each input is one candidate value; what the
 * parser accepts must be exactly digits (with '.', '-', an exponent where
 * allowed), and its value must equal an independent computation.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/num.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The reference: digits only, value computed in 128 bits. */
static void check_u64(const char *s, size_t len, uint64_t max)
{
	unsigned __int128 v = 0;
	uint64_t got = 0;
	enum swtlb_num rc = swtlb_parse_u64n(s, len, max, &got);
	int digits = len > 0, big = 0;

	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9') {
			digits = 0;
			break;
		}
		if (!big)
			v = v * 10 + (unsigned)(s[i] - '0');
		big |= v > UINT64_MAX;
	}
	if (!digits && rc != SWTLB_NUM_BAD)
		abort();
	if (digits && (big || v > max) && rc != SWTLB_NUM_RANGE)
		abort();
	if (digits && !big && v <= max &&
	    (rc != SWTLB_NUM_OK || got != (uint64_t)v))
		abort();
}

static void check_double(const char *s, unsigned int forms)
{
	double v = -1;
	enum swtlb_num rc = swtlb_parse_double(s, forms, 1e300, &v);

	if (rc != SWTLB_NUM_OK)
		return;
	/* Accepted: only these bytes, a finite value, sign only if allowed. */
	for (const char *p = s; *p; p++)
		if (!strchr((forms & SWTLB_NUM_EXP) ? "0123456789.-+eE"
						    : "0123456789.-",
			    *p))
			abort();
	if (!isfinite(v) || fabs(v) > 1e300)
		abort();
	if (!(forms & SWTLB_NUM_NEG) && (s[0] == '-' || v < 0))
		abort();
	if (strchr(s, ' ') || s[0] == '+' || (s[0] == '.' && !s[1]))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char s[64];

	if (size >= sizeof(s))
		return 0;
	memcpy(s, data, size);
	s[size] = 0;
	check_u64(s, size, UINT64_MAX);
	check_u64(s, size, 4096);
	check_u64(s, size, 0);
	if (strlen(s) == size) {
		check_double(s, 0);
		check_double(s, SWTLB_NUM_NEG);
		check_double(s, SWTLB_NUM_NEG | SWTLB_NUM_EXP);
	}
	return 0;
}
