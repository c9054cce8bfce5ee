// SPDX-License-Identifier: GPL-2.0-only
/* tests/util/test_util.c: the shared number forms and terminal-safe text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "util/num.h"
#include "util/text.h"

static void test_u64_decimal_only(void **state)
{
	uint64_t v = 7;

	(void)state;
	assert_int_equal(swtlb_parse_u64("4096", 4096, &v), SWTLB_NUM_OK);
	assert_int_equal(v, 4096);
	assert_int_equal(swtlb_parse_u64("4097", 4096, &v), SWTLB_NUM_RANGE);
	assert_int_equal(swtlb_parse_u64("0x10", UINT64_MAX, &v),
			 SWTLB_NUM_BAD);
	assert_int_equal(swtlb_parse_u64(" 1", UINT64_MAX, &v), SWTLB_NUM_BAD);
	assert_int_equal(swtlb_parse_u64("+1", UINT64_MAX, &v), SWTLB_NUM_BAD);
	assert_int_equal(swtlb_parse_u64("", UINT64_MAX, &v), SWTLB_NUM_BAD);
	assert_int_equal(
	    swtlb_parse_u64("18446744073709551616", UINT64_MAX, &v),
	    SWTLB_NUM_RANGE);
}

static void test_u64x_trace_form(void **state)
{
	uint64_t v = 0;

	(void)state;
	assert_int_equal(swtlb_parse_u64x("0x1f", UINT64_MAX, &v),
			 SWTLB_NUM_OK);
	assert_int_equal(v, 31);
	assert_int_equal(swtlb_parse_u64x("0xFFFFFFFFFFFFFFFF", UINT64_MAX, &v),
			 SWTLB_NUM_OK);
	assert_true(v == UINT64_MAX);
	assert_int_equal(swtlb_parse_u64x("123", UINT64_MAX, &v), SWTLB_NUM_OK);
	assert_int_equal(v, 123);
	/* Overflow is "too large", never wrapped; the form is still checked. */
	assert_int_equal(
	    swtlb_parse_u64x("0x10000000000000000", UINT64_MAX, &v),
	    SWTLB_NUM_RANGE);
	assert_int_equal(swtlb_parse_u64x("0x100", 255, &v), SWTLB_NUM_RANGE);
	assert_int_equal(swtlb_parse_u64x("0x", UINT64_MAX, &v), SWTLB_NUM_BAD);
	assert_int_equal(swtlb_parse_u64x("0X10", UINT64_MAX, &v),
			 SWTLB_NUM_BAD);
	assert_int_equal(swtlb_parse_u64x("0x1g", UINT64_MAX, &v),
			 SWTLB_NUM_BAD);
	assert_int_equal(swtlb_parse_u64x("-0x1", UINT64_MAX, &v),
			 SWTLB_NUM_BAD);
	assert_int_equal(swtlb_parse_u64x("0x 1", UINT64_MAX, &v),
			 SWTLB_NUM_BAD);
}

static void test_printable(void **state)
{
	char out[8];

	(void)state;
	/* An escape sequence loses its control bytes. */
	assert_string_equal(
	    swtlb_text_printable("\x1b[2J", out, sizeof(out), 40), "?[2J");
	/* Cut to the buffer, then to max_chars. */
	assert_string_equal(
	    swtlb_text_printable("abcdefghij", out, sizeof(out), 40),
	    "abcdefg");
	assert_string_equal(swtlb_text_printable("abcdef", out, sizeof(out), 3),
			    "abc");
	assert_string_equal(
	    swtlb_text_printable("\xc3\xa9t\x7f", out, sizeof(out), 40),
	    "??t?");
}

static void test_split_fields(void **state)
{
	char line[] = "\t map  1 \t0x10 4096  ";
	char few[] = "a b c d";
	char *f[3];

	(void)state;
	assert_int_equal(swtlb_text_split_fields(line, f, 3), 4);
	assert_string_equal(f[0], "map");
	assert_string_equal(f[1], "1");
	assert_string_equal(f[2], "0x10");
	/* More fields than room: counted, not stored. */
	assert_int_equal(swtlb_text_split_fields(few, f, 2), 4);
	assert_string_equal(f[1], "b");
	assert_int_equal(swtlb_text_split_fields((char[]){" \t "}, f, 3), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_u64_decimal_only),
	    cmocka_unit_test(test_u64x_trace_form),
	    cmocka_unit_test(test_printable),
	    cmocka_unit_test(test_split_fields),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
