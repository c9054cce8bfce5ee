/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tests/pool/test_pool_rules.c: the struct layouts, the geometry and refusal
 * rules, the bounce copy for each DMA direction, the hiwater setter, a pool
 * filled to failure, and the trace reader/writers.
 */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "bench/common/trace.h"
#include "pool/pool_internal.h"

#include "tests/pool/pool_test.h"

static void test_layout(void **state)
{
	struct swtlb_area_desc d;

	(void)state;
	/* The packed runtime descriptor is the kernel's struct. */
	swtlb_area_desc_init(&d, 0, SWTLB_AREAS_PACKED);
	assert_int_equal(d.stride, sizeof(struct io_tlb_area));
	assert_int_equal(d.stride, 16);
	assert_int_equal(d.index_off, offsetof(struct io_tlb_area, index));
	assert_int_equal(d.lock_off, offsetof(struct io_tlb_area, lock));
	swtlb_area_desc_init(&d, 8, SWTLB_AREAS_PACKED);
	assert_int_equal(d.stride, sizeof(struct io_tlb_area_hiwater));
	assert_int_equal(d.stride, 24);
	assert_int_equal(d.priv_off,
			 offsetof(struct io_tlb_area_hiwater, used_hiwater));
	assert_int_equal(d.index_off,
			 offsetof(struct io_tlb_area_hiwater, index));
	assert_int_equal(d.lock_off,
			 offsetof(struct io_tlb_area_hiwater, lock));
	swtlb_area_desc_init(&d, 0, SWTLB_AREAS_PADDED);
	assert_int_equal(d.stride, 64);
	swtlb_area_desc_init(&d, 64, SWTLB_AREAS_PADDED);
	assert_int_equal(d.stride, 128);
	assert_int_equal(d.lock_off, 76);

	/* The counters sit where the kernel's are (Appendix, seed 003). */
	assert_int_equal(offsetof(struct io_tlb_mem_dynoff, total_used), 0x58);
	assert_int_equal(offsetof(struct io_tlb_mem_dynoff, used_hiwater),
			 0x60);
	assert_int_equal(offsetof(struct io_tlb_mem_dynoff, nslabs), 0x40);
	assert_int_equal(offsetof(struct io_tlb_mem_dynoff, force_bounce),
			 0x50);
	assert_int_equal(offsetof(struct io_tlb_mem_dynon, total_used), 0xc0);
	assert_int_equal(sizeof(struct io_tlb_slot), 24);

	/* The pool hands the schemes those addresses. */
	for (int k = 0; k < 2; k++) {
		struct swtlb *s = make_pool(512, 4, k, SWTLB_AREAS_PACKED,
					    swtlb_scheme_find("area-hiwater"));
		struct swtlb_scheme_ctx *ctx = swtlb_scheme_ctx(s);
		size_t off = k ? 0xc0 : 0x58;

		assert_ptr_equal((char *)ctx->total_used, (char *)s->mem + off);
		assert_ptr_equal((char *)ctx->used_hiwater,
				 (char *)s->mem + off + 8);
		assert_int_equal((uintptr_t)s->mem % 64, 0);
		assert_int_equal((uintptr_t)ctx->shards.base % 64, 0);
		assert_int_equal(ctx->shards.stride, 24);
		assert_int_equal(ctx->shards.priv_off, 8);
		assert_int_equal(ctx->shards.nshards, 4);
		assert_int_equal(ctx->shards.capacity, 128);
		assert_int_equal(ctx->workload, SWTLB_SERVES_SWIOTLB);
		/* The view's lock is the area lock at the kernel's offset. */
		ctx->shards.lock(ctx->shards.arg, 1);
		assert_int_equal(
		    atomic_load((atomic_uint *)(ctx->shards.base + 24 + 20)),
		    1);
		ctx->shards.unlock(ctx->shards.arg, 1);
		assert_int_equal(
		    atomic_load((atomic_uint *)(ctx->shards.base + 24 + 20)),
		    0);
		swtlb_destroy(s);
	}
}

static void test_default_geometry(void **state)
{
	static const struct {
		unsigned int cpus;
		unsigned long nslabs;
		unsigned int nareas;
	} cases[] = {
	    {0, 32768, 1},	  {1, 32768, 1},     {2, 32768, 2},
	    {3, 32768, 4},	  {6, 32768, 8},     {8, 32768, 8},
	    {256, 32768, 256},	  {257, 65536, 512}, {512, 65536, 512},
	    {1024, 131072, 1024},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		unsigned long nslabs;
		unsigned int nareas;

		swtlb_default_geometry(cases[i].cpus, &nslabs, &nareas);
		assert_int_equal(nslabs, cases[i].nslabs);
		assert_int_equal(nareas, cases[i].nareas);
		assert_int_equal(swtlb_geometry_check(nslabs, nareas, NULL, 0),
				 0);
	}
}

static int failing_init(struct swtlb_scheme_ctx *ctx, char *err, size_t errlen)
{
	(void)ctx;
	snprintf(err, errlen, "no per-CPU memory");
	return -ENOMEM;
}

static void *no_bounce_memory(size_t bytes, void *arg)
{
	(void)bytes;
	(void)arg;
	return NULL;
}

static void never_called_free(void *mem, size_t bytes, void *arg)
{
	(void)mem;
	(void)bytes;
	(void)arg;
	fail_msg("free_bounce called without memory");
}

static void expect_refusal(const struct swtlb_config *cfg, const char *words)
{
	char err[256] = "";
	struct swtlb *s = swtlb_create(cfg, err, sizeof(err));

	assert_null(s);
	if (!strstr(err, words))
		fail_msg("refusal \"%s\" lacks \"%s\"", err, words);
	assert_null(strchr(err, '\n'));
}

static void test_refusals(void **state)
{
	static const struct swtlb_scheme_ops odd_priv = {
	    .name = "odd",
	    .workloads = SWTLB_SERVES_SWIOTLB,
	    .shard_priv_bytes = 4};
	static const struct swtlb_scheme_ops bad_init = {
	    .name = "bad-init",
	    .workloads = SWTLB_SERVES_SWIOTLB,
	    .init = failing_init};
	static const struct swtlb_scheme_ops memcg_only = {
	    .name = "memcg-only", .workloads = SWTLB_SERVES_MEMCG};
	struct swtlb_config base = {
	    .nslabs = 1024, .nareas = 4, .start = SWTLB_DEFAULT_START};
	struct swtlb_config c;

	(void)state;
	c = base, c.nslabs = 0;
	expect_refusal(&c, "0 slots");
	c = base, c.nareas = 3;
	expect_refusal(&c, "not a power of two");
	c = base, c.nareas = 0;
	expect_refusal(&c, "nareas is 0");
	c = base, c.nslabs = 1000;
	expect_refusal(&c, "not a multiple of 128 x nareas");
	c = base, c.nslabs = 256;
	expect_refusal(&c, "4 areas need at least 512 slots");
	c = base, c.nslabs = SWTLB_MAX_NSLABS * 2;
	expect_refusal(&c, "slots allowed");
	c = base, c.nareas = 1U << 31;
	expect_refusal(&c, "areas allowed");
	c = base, c.start = 0x1000800;
	expect_refusal(&c, "not page aligned");
	c = base, c.start = ~(uint64_t)0 & ~0xfffULL;
	expect_refusal(&c, "wraps");
	c = base, c.kconfig = 7;
	expect_refusal(&c, "kernel configuration");
	c = base, c.area_layout = 9;
	expect_refusal(&c, "area layout");
	c = base, c.scheme = &odd_priv;
	expect_refusal(&c, "shard_priv_bytes 4");
	c = base, c.scheme = &memcg_only;
	expect_refusal(&c, "memcg-only does not serve the swiotlb workload");
	c = base, c.scheme = &bad_init;
	expect_refusal(&c, "scheme bad-init: no per-CPU memory");
	c = base, c.bounce = true, c.alloc_bounce = no_bounce_memory,
	c.free_bounce = never_called_free;
	expect_refusal(&c, "out of memory for 2097152 bytes");
	c = base, c.alloc_bounce = no_bounce_memory;
	expect_refusal(&c, "go together");
	expect_refusal(NULL, "no pool configuration");
}

/* Device writes into the bounce buffer; what reaches the original? */
static void bounce_case(enum swtlb_kconfig k, enum dma_data_direction dir,
			unsigned long attrs, unsigned int min_mask,
			size_t misalign, bool want_copy_back)
{
	struct swtlb_config cfg = {
	    .nslabs = 256,
	    .nareas = 2,
	    .kconfig = k,
	    .start = SWTLB_DEFAULT_START,
	    .bounce = true,
	};
	struct swtlb_dev dev = {min_mask, ULONG_MAX};
	const size_t len = 10000;
	unsigned char *buf = malloc(len + 8192), *orig = buf + misalign;
	unsigned char *bounce;
	char err[200];
	struct swtlb *s = swtlb_create(&cfg, err, sizeof(err));
	uint64_t tlb;

	assert_non_null(s);
	assert_non_null(buf);
	for (size_t i = 0; i < len; i++)
		orig[i] = (unsigned char)(i * 7 + 1);
	tlb = swtlb_map(s, &dev, 1, (uint64_t)(uintptr_t)orig, len, 0, dir,
			attrs);
	assert_true(tlb != DMA_MAPPING_ERROR);
	bounce = s->vaddr + (tlb - SWTLB_DEFAULT_START);
	/* The map copies in for every direction. */
	assert_memory_equal(bounce, orig, len);
	if (min_mask)
		assert_int_equal(tlb & min_mask, (uintptr_t)orig & min_mask);

	/* sync_for_cpu copies back only FROM_DEVICE/BIDIRECTIONAL. */
	memset(bounce, 0xa5, len);
	swtlb_sync_single_for_cpu(s, &dev, tlb, len, dir);
	if (dir == DMA_FROM_DEVICE || dir == DMA_BIDIRECTIONAL)
		assert_int_equal(orig[len - 1], 0xa5);
	else
		assert_int_equal(orig[len - 1],
				 (unsigned char)((len - 1) * 7 + 1));
	/* sync_for_device copies out only TO_DEVICE/BIDIRECTIONAL. */
	memset(orig, 0x3c, len);
	swtlb_sync_single_for_device(s, &dev, tlb, len, dir);
	if (dir == DMA_TO_DEVICE || dir == DMA_BIDIRECTIONAL)
		assert_int_equal(bounce[0], 0x3c);
	else
		assert_int_equal(bounce[0], 0xa5);

	/* The device writes; the unmap copies back when it must. */
	for (size_t i = 0; i < len; i++)
		bounce[i] = (unsigned char)(255 - i % 251);
	memset(orig, 0x11, len);
	swtlb_unmap(s, &dev, 1, tlb, len, dir, attrs);
	for (size_t i = 0; i < len; i++) {
		unsigned char want =
		    want_copy_back ? (unsigned char)(255 - i % 251) : 0x11;

		if (orig[i] != want)
			fail_msg("dir %d attrs %lx mask %x: byte %zu is %u, "
				 "want %u",
				 dir, attrs, min_mask, i, orig[i], want);
	}
	assert_int_equal(swtlb_used(s), 0);
	assert_invariants(s, 0);
	swtlb_destroy(s);
	free(buf);
}

static void test_bounce(void **state)
{
	(void)state;
	for (int k = 0; k < 2; k++) {
		bounce_case(k, DMA_TO_DEVICE, 0, 0, 0, false);
		bounce_case(k, DMA_FROM_DEVICE, 0, 0, 0, true);
		bounce_case(k, DMA_BIDIRECTIONAL, 0, 0, 0, true);
		bounce_case(k, DMA_FROM_DEVICE, DMA_ATTR_SKIP_CPU_SYNC, 0, 0,
			    false);
		bounce_case(k, DMA_BIDIRECTIONAL, DMA_ATTR_SKIP_CPU_SYNC, 0, 0,
			    false);
		/* NVMe-style: the bounce keeps the buffer's low 12 bits. */
		bounce_case(k, DMA_FROM_DEVICE, 0, 0xfff, 0x5a3, true);
		bounce_case(k, DMA_BIDIRECTIONAL, 0, 0xfff, 0xfff, true);
		bounce_case(k, DMA_TO_DEVICE, 0, 0xfff, 0x801, false);
	}
}

static void test_hiwater_set(void **state)
{
	const struct swtlb_scheme_ops *ga = swtlb_scheme_find("global-atomic");
	struct swtlb_dev dev = {0, ULONG_MAX};
	struct swtlb *s;
	unsigned long hw = 1;
	uint64_t tlb;

	(void)state;
	assert_non_null(ga);
	s = make_pool(512, 2, SWTLB_DYNAMIC_OFF, SWTLB_AREAS_PACKED, ga);
	tlb = swtlb_map(s, &dev, 0, 0x10000, 8192, 0, DMA_TO_DEVICE, 0);
	assert_true(tlb != DMA_MAPPING_ERROR);
	assert_true(swtlb_hiwater(s, &hw));
	assert_int_equal(hw, 4);
	assert_int_equal(swtlb_hiwater_set(s, 3), -EINVAL);
	assert_int_equal(swtlb_hiwater_set(s, 0), 0);
	assert_true(swtlb_hiwater(s, &hw));
	assert_int_equal(hw, 0);
	swtlb_unmap(s, &dev, 0, tlb, 8192, DMA_TO_DEVICE, 0);
	swtlb_destroy(s);

	s = make_pool(512, 2, SWTLB_DYNAMIC_OFF, SWTLB_AREAS_PACKED, NULL);
	assert_false(swtlb_hiwater(s, &hw));
	assert_int_equal(swtlb_hiwater_set(s, 0), -EOPNOTSUPP);
	swtlb_destroy(s);
}

/* Failed maps change nothing; a full pool fails in every area. */
static void test_fill_and_fail(void **state)
{
	struct swtlb_dev dev = {0, ULONG_MAX};

	(void)state;
	for (int k = 0; k < 2; k++) {
		struct swtlb *s =
		    make_pool(512, 2, k, SWTLB_AREAS_PACKED, NULL);
		uint64_t tlb[4];

		for (int i = 0; i < 4; i++) {
			tlb[i] = swtlb_map(s, &dev, 0, 0, 256 * 1024, 0,
					   DMA_TO_DEVICE, 0);
			assert_true(tlb[i] != DMA_MAPPING_ERROR);
		}
		/* cpu 0 fills area 0 first, then spills into area 1. */
		assert_int_equal(tlb[0] - SWTLB_DEFAULT_START, 0);
		assert_int_equal(tlb[1] - SWTLB_DEFAULT_START, 128 * 2048);
		assert_int_equal(tlb[2] - SWTLB_DEFAULT_START, 256 * 2048);
		assert_int_equal(
		    swtlb_map(s, &dev, 1, 0, 1, 0, DMA_TO_DEVICE, 0),
		    DMA_MAPPING_ERROR);
		assert_int_equal(swtlb_map(s, &dev, 1, 0, 256 * 1024 + 1, 0,
					   DMA_TO_DEVICE, 0),
				 DMA_MAPPING_ERROR);
		assert_int_equal(
		    swtlb_map(s, &dev, 1, 0, 0, 0, DMA_TO_DEVICE, 0),
		    DMA_MAPPING_ERROR);
		assert_int_equal(swtlb_used(s), 512);
		assert_invariants(s, 0);
		/* An address outside the pool is not ours: no-op. */
		swtlb_unmap(s, &dev, 0, 0x1000, 4096, DMA_TO_DEVICE, 0);
		assert_int_equal(swtlb_used(s), 512);
		for (int i = 0; i < 4; i++)
			swtlb_unmap(s, &dev, 0, tlb[i], 256 * 1024,
				    DMA_TO_DEVICE, 0);
		assert_int_equal(swtlb_used(s), 0);
		assert_invariants(s, 1);
		swtlb_destroy(s);
	}
}

static void test_trace_roundtrip(void **state)
{
	FILE *f = tmpfile();
	struct swtlb_trace t;
	char err[256] = "";

	(void)state;
	assert_non_null(f);
	fputs("# oracle: hiwater_exact=7 area_hiwater_sum=9\n\n", f);
	assert_int_equal(swtlb_trace_write_pool(f, 512, 2), 0);
	assert_int_equal(swtlb_trace_write_map(f, 4000000000u, 2147483647u,
					       0xfedcba9876543210ULL, 4096,
					       0xfff, 0xffff),
			 0);
	fputs("  map\t5 0x3 12 0x2000 0 0\r\n", f);
	assert_int_equal(swtlb_trace_write_unmap(f, 4000000000u), 0);
	rewind(f);
	if (swtlb_trace_read(f, "mem", &t, err, sizeof(err)))
		fail_msg("%s", err);
	fclose(f);
	assert_int_equal(t.nslabs, 512);
	assert_int_equal(t.nareas, 2);
	assert_int_equal(t.pool_line, 3);
	assert_true(t.has_oracle);
	assert_int_equal(t.oracle_hiwater_exact, 7);
	assert_int_equal(t.oracle_area_hiwater_sum, 9);
	assert_int_equal(t.nrecs, 3);
	assert_int_equal(t.recs[0].op, SWTLB_TRACE_MAP);
	assert_int_equal(t.recs[0].id, 4000000000u);
	assert_int_equal(t.recs[0].cpu, 2147483647u);
	assert_true(t.recs[0].orig_addr == 0xfedcba9876543210ULL);
	assert_int_equal(t.recs[0].size, 4096);
	assert_int_equal(t.recs[0].min_align_mask, 0xfff);
	assert_int_equal(t.recs[0].alloc_align_mask, 0xffff);
	assert_int_equal(t.recs[1].line, 5);
	assert_int_equal(t.recs[1].cpu, 3);
	assert_int_equal(t.recs[1].orig_addr, 12);
	assert_int_equal(t.recs[1].size, 0x2000);
	assert_int_equal(t.recs[2].op, SWTLB_TRACE_UNMAP);
	assert_int_equal(t.recs[2].map_rec, 0);
	assert_int_equal(t.max_cpu, 2147483647u);
	swtlb_trace_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_layout),
	    cmocka_unit_test(test_default_geometry),
	    cmocka_unit_test(test_refusals),
	    cmocka_unit_test(test_fill_and_fail),
	    cmocka_unit_test(test_bounce),
	    cmocka_unit_test(test_hiwater_set),
	    cmocka_unit_test(test_trace_roundtrip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
