/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * util/num.h: the one number parser of every tool and file reader.
 *
 * Command-line values, trace fields and CSV cells are read by the same
 * rules, so a value one tool accepts is never refused by another: decimal
 * digits only, no blank, no sign, no hex prefix, no exponent (unless the
 * caller allows them for a CSV float), and a value over the caller's
 * maximum is "too large", never wrapped or saturated.
 */
#ifndef SWTLB_UTIL_NUM_H
#define SWTLB_UTIL_NUM_H

#include <stddef.h>
#include <stdint.h>

enum swtlb_num {
	SWTLB_NUM_OK = 0,
	SWTLB_NUM_BAD = -1,   /* empty, or not the form asked for */
	SWTLB_NUM_RANGE = -2, /* a number, but above the maximum */
};

/* The len bytes at s as a whole number <= max. */
enum swtlb_num swtlb_parse_u64n(const char *s, size_t len, uint64_t max,
				uint64_t *out);
/* The whole string s as a whole number <= max. */
enum swtlb_num swtlb_parse_u64(const char *s, uint64_t max, uint64_t *out);

/*
 * A trace field: decimal, or hexadecimal after a lowercase "0x" (both
 * trace formats allow it), <= max; no blank, sign or other prefix.
 */
enum swtlb_num swtlb_parse_u64x(const char *s, uint64_t max, uint64_t *out);

/* Forms a decimal fraction may take besides digits[.digits]. */
#define SWTLB_NUM_NEG 1u /* a leading '-' */
#define SWTLB_NUM_EXP 2u /* an exponent, e[+-]digits (as %g writes) */

/* The whole string s as a finite number in [0 or -max, max]. */
enum swtlb_num swtlb_parse_double(const char *s, unsigned int forms, double max,
				  double *out);

/* "is not a whole number", "is too large", ... for error lines. */
const char *swtlb_num_why(enum swtlb_num rc, int whole);

#endif /* SWTLB_UTIL_NUM_H */
