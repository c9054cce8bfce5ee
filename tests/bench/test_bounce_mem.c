// SPDX-License-Identifier: GPL-2.0-only
/* tests/bench/test_bounce_mem.c: the bounce buffer kept between runs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "bench/bench/bounce_mem.h"

static void test_reused_when_same_size(void **state)
{
	struct swtlb_bounce_mem b = {0};
	char *first, *again, *other;

	(void)state;
	first = swtlb_bounce_mem_get(1 << 20, &b);
	assert_non_null(first);
	/* faulted in (and zeroed) by the allocator */
	assert_int_equal(first[(1 << 20) - 1], 0);
	first[0] = 7;
	swtlb_bounce_mem_put(first, 1 << 20, &b);
	again = swtlb_bounce_mem_get(1 << 20, &b);
	assert_ptr_equal(again, first);
	/* a second pool while the first lives: memory of its own */
	other = swtlb_bounce_mem_get(1 << 20, &b);
	assert_non_null(other);
	assert_ptr_not_equal(other, first);
	swtlb_bounce_mem_put(other, 1 << 20, &b);
	swtlb_bounce_mem_put(again, 1 << 20, &b);
	assert_false(b.in_use);
	/* another size: the kept buffer is replaced */
	other = swtlb_bounce_mem_get(2 << 20, &b);
	assert_non_null(other);
	assert_int_equal(b.bytes, 2 << 20);
	assert_ptr_equal(b.mem, other);
	swtlb_bounce_mem_put(other, 2 << 20, &b);
	swtlb_bounce_mem_release(&b);
	assert_null(b.mem);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_reused_when_same_size),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
