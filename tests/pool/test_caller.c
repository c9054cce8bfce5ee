/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tests/pool/test_caller.c: the caller paths (swtlb_dma_map/_unmap:
 * dma-direct, and the shortcut variant) and the pool variants that must not
 * change an answer (paravirt unlock, hooks through the ops table,
 * io_tlb_mem's offset): the same tlb addresses as swiotlb_tbl_map_single()
 * driven directly, the bounce copies of a bidirectional map and unmap, and
 * the refusals.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "counters/scheme.h"
#include "pool/pool_internal.h"

static const struct swtlb_dev dev = {0, ULONG_MAX};

static struct swtlb *make(const struct swtlb_config *c)
{
	char err[256] = "";
	struct swtlb *s = swtlb_create(c, err, sizeof(err));

	if (!s)
		fail_msg("%s", err);
	return s;
}

/* A fixed sequence of streaming maps with a queue of 8, on 3 CPUs. */
static void drive(struct swtlb *s, bool caller, uint64_t *out, int n)
{
	uint64_t ring[8] = {0};
	size_t len[8] = {0};
	uint32_t x = 12345;

	for (int i = 0; i < n; i++) {
		int k = i % 8;
		size_t size;

		if (ring[k]) {
			if (caller)
				swtlb_dma_unmap(s, &dev, k % 3, ring[k], len[k],
						DMA_BIDIRECTIONAL, 0);
			else
				swtlb_unmap(s, &dev, k % 3, ring[k], len[k],
					    DMA_BIDIRECTIONAL, 0);
		}
		x = x * 1103515245 + 12345;
		size = 512 + (x >> 8) % 70000;
		len[k] = size;
		ring[k] = caller ? swtlb_dma_map(s, &dev, k % 3,
						 0x40000000ULL + i * 4096ULL,
						 size, DMA_BIDIRECTIONAL, 0)
				 : swtlb_map(s, &dev, k % 3,
					     0x40000000ULL + i * 4096ULL, size,
					     0, DMA_BIDIRECTIONAL, 0);
		out[i] = ring[k];
	}
	for (int k = 0; k < 8; k++)
		if (ring[k] && ring[k] != DMA_MAPPING_ERROR)
			swtlb_unmap(s, &dev, k % 3, ring[k], len[k],
				    DMA_BIDIRECTIONAL, 0);
	assert_int_equal(swtlb_used(s), 0);
}

/* Every scheme, kconfig, lock, caller path: the same addresses. */
static void test_same_answers(void **state)
{
	enum { N = 600 };
	static uint64_t want[N], got[N];

	(void)state;
	for (size_t i = 0; swtlb_schemes[i]; i++) {
		for (int k = 0; k < 2; k++) {
			struct swtlb_config c = {
			    .nslabs = 2048,
			    .nareas = 4,
			    .kconfig = k,
			    .scheme = swtlb_schemes[i],
			    .scheme_params = {.ncpus = 4, .batch = 8},
			    .start = SWTLB_DEFAULT_START,
			};
			struct swtlb *s = make(&c);

			drive(s, false, want, N);
			swtlb_destroy(s);
			for (int v = 0; v < 4; v++) {
				c.caller_path = v & 1 ? SWTLB_CALLER_SHORTCUT
						      : SWTLB_CALLER_DMA_DIRECT;
				c.lock =
				    v & 2 ? SWTLB_LOCK_PV : SWTLB_LOCK_NATIVE;
				c.hooks_indirect = v == 3;
				c.mem_offset = 8U * (unsigned int)v;
				s = make(&c);
				drive(s, true, got, N);
				for (int j = 0; j < N; j++)
					if (got[j] != want[j])
						fail_msg(
						    "%s k%d v%d map %d: "
						    "%#llx, want %#llx",
						    swtlb_schemes[i]->name, k,
						    v, j,
						    (unsigned long long)got[j],
						    (unsigned long long)
							want[j]);
				swtlb_destroy(s);
			}
		}
	}
}

/* A bidirectional map copies in; the unmap copies the device's bytes back
 * (dma-direct: in the sync for the CPU), not with SKIP_CPU_SYNC. */
static void test_bounce(void **state)
{
	const size_t len = 6000;
	unsigned char *orig = malloc(len);

	(void)state;
	assert_non_null(orig);
	for (int v = 0; v < 4; v++) {
		struct swtlb_config c = {
		    .nslabs = 256,
		    .nareas = 2,
		    .kconfig = v & 1,
		    .caller_path =
			v & 2 ? SWTLB_CALLER_SHORTCUT : SWTLB_CALLER_DMA_DIRECT,
		    .start = SWTLB_DEFAULT_START,
		    .bounce = true,
		};
		struct swtlb *s = make(&c);

		for (int skip = 0; skip < 2; skip++) {
			uint64_t a;
			unsigned char *b;

			memset(orig, 0x5a, len);
			a = swtlb_dma_map(s, &dev, 0, (uintptr_t)orig, len,
					  DMA_BIDIRECTIONAL, 0);
			assert_true(a != DMA_MAPPING_ERROR);
			b = s->vaddr + (a - SWTLB_DEFAULT_START);
			assert_memory_equal(b, orig, len);
			memset(b, 0xc3, len);
			swtlb_dma_unmap(s, &dev, 0, a, len, DMA_BIDIRECTIONAL,
					skip ? DMA_ATTR_SKIP_CPU_SYNC : 0);
			assert_int_equal(orig[len - 1], skip ? 0x5a : 0xc3);
			assert_int_equal(swtlb_used(s), 0);
		}
		swtlb_destroy(s);
	}
	free(orig);
}

/* io_tlb_mem lands at the offset asked; the rest is refused. */
static void test_mem_offset(void **state)
{
	struct swtlb_config c = {
	    .nslabs = 512, .nareas = 2, .start = SWTLB_DEFAULT_START};
	char err[200];

	(void)state;
	for (unsigned int off = 0; off <= SWTLB_MEM_OFFSET_MAX; off += 8) {
		struct swtlb *s;

		c.mem_offset = off;
		s = make(&c);
		assert_int_equal((uintptr_t)s->mem % 64, off);
		swtlb_destroy(s);
	}
	c.mem_offset = 4;
	assert_null(swtlb_create(&c, err, sizeof(err)));
	assert_non_null(strstr(err, "offset 4 is not a multiple of 8"));
	c.mem_offset = 64;
	assert_null(swtlb_create(&c, err, sizeof(err)));
	c.mem_offset = 0;
	c.caller_path = 5;
	assert_null(swtlb_create(&c, err, sizeof(err)));
	assert_non_null(strstr(err, "unknown caller path 5"));
	c.caller_path = 0;
	c.lock = 3;
	assert_null(swtlb_create(&c, err, sizeof(err)));
	assert_non_null(strstr(err, "unknown lock kind 3"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_same_answers),
	    cmocka_unit_test(test_bounce),
	    cmocka_unit_test(test_mem_offset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
