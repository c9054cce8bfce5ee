/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pool/pool.c: building and tearing down a pool, dispatch to the hot path
 * of the chosen kernel configuration, and the debugfs-style accounting.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "counters/schemes.h"
#include "pool/pool_internal.h"

_Noreturn void swtlb_bug(const char *what)
{
	fprintf(stderr, "swtlb: BUG: %s\n", what);
	abort();
}

int swtlb_pool_fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err && errlen) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

void swtlb_area_desc_init(struct swtlb_area_desc *d, unsigned int priv_bytes,
			  enum swtlb_area_layout layout)
{
	/* used (8) | scheme bytes | index (4) | lock (4), 8-byte aligned */
	d->priv_bytes = priv_bytes;
	d->priv_off = sizeof(unsigned long);
	d->index_off = d->priv_off + priv_bytes;
	d->lock_off = d->index_off + sizeof(unsigned int);
	d->stride = d->lock_off + sizeof(swtlb_spinlock_t);
	d->stride = (d->stride + 7U) & ~7U;
	if (layout == SWTLB_AREAS_PADDED)
		d->stride = (d->stride + SWTLB_CACHE_LINE - 1) &
			    ~(SWTLB_CACHE_LINE - 1);
}

/* The runtime descriptor must be the kernel's struct, byte for byte. */
static int check_area_desc(const struct swtlb_area_desc *d,
			   enum swtlb_area_layout layout)
{
	if (layout != SWTLB_AREAS_PACKED)
		return 0;
	if (d->priv_bytes == 0)
		return d->index_off == offsetof(struct io_tlb_area, index) &&
			       d->lock_off ==
				   offsetof(struct io_tlb_area, lock) &&
			       d->stride == sizeof(struct io_tlb_area)
			   ? 0
			   : -1;
	if (d->priv_bytes == 8)
		return d->priv_off == offsetof(struct io_tlb_area_hiwater,
					       used_hiwater) &&
			       d->index_off ==
				   offsetof(struct io_tlb_area_hiwater,
					    index) &&
			       d->lock_off ==
				   offsetof(struct io_tlb_area_hiwater, lock) &&
			       d->stride == sizeof(struct io_tlb_area_hiwater)
			   ? 0
			   : -1;
	return 0;
}

static void *alloc_zeroed(size_t align, size_t bytes)
{
	void *p;

	bytes = (bytes + align - 1) & ~(align - 1);
	p = aligned_alloc(align, bytes);
	if (p)
		memset(p, 0, bytes);
	return p;
}

static void free_bounce(struct swtlb *s)
{
	if (!s->vaddr)
		return;
	if (s->cfg.free_bounce)
		s->cfg.free_bounce(s->vaddr, s->vaddr_bytes, s->cfg.alloc_arg);
	else if (!s->cfg.alloc_bounce)
		free(s->vaddr);
	s->vaddr = NULL;
}

/* io_tlb_mem, areas and slots: the caller's allocator, else the heap. */
static void *alloc_meta(const struct swtlb_config *cfg, size_t align,
			size_t bytes)
{
	return cfg->alloc_meta ? cfg->alloc_meta(bytes, cfg->meta_arg)
			       : alloc_zeroed(align, bytes);
}

static void free_meta(const struct swtlb *s, void *mem, size_t bytes)
{
	if (mem && s->cfg.free_meta)
		s->cfg.free_meta(mem, bytes, s->cfg.meta_arg);
	else if (!s->cfg.alloc_meta)
		free(mem);
}

static size_t mem_size(const struct swtlb *s)
{
	return s->kconfig == SWTLB_DYNAMIC_ON ? swtlb_mem_size_dynon()
					      : swtlb_mem_size_dynoff();
}

void swtlb_destroy(struct swtlb *s)
{
	if (!s)
		return;
	if (s->scheme_ready)
		swtlb_scheme_ctx_fini(&s->ctx);
	free_bounce(s);
	free_meta(s, s->slots, s->nslabs * sizeof(struct io_tlb_slot));
	free_meta(s, s->areas, (size_t)s->nareas * s->area.stride);
	free_meta(s, s->mem_alloc, mem_size(s) + SWTLB_CACHE_LINE);
	free(s);
}

static int check_config(const struct swtlb_config *cfg, char *err,
			size_t errlen)
{
	unsigned int priv;

	if (swtlb_geometry_check(cfg->nslabs, cfg->nareas, err, errlen))
		return -1;
	if (cfg->kconfig != SWTLB_DYNAMIC_OFF &&
	    cfg->kconfig != SWTLB_DYNAMIC_ON)
		return swtlb_pool_fail(err, errlen,
				       "unknown kernel configuration %d",
				       (int)cfg->kconfig);
	if (cfg->caller_path != SWTLB_CALLER_DMA_DIRECT &&
	    cfg->caller_path != SWTLB_CALLER_SHORTCUT)
		return swtlb_pool_fail(err, errlen, "unknown caller path %d",
				       (int)cfg->caller_path);
	if (cfg->mem_offset % 8 || cfg->mem_offset > SWTLB_MEM_OFFSET_MAX)
		return swtlb_pool_fail(
		    err, errlen,
		    "io_tlb_mem offset %u is not a multiple of 8 up to %u",
		    cfg->mem_offset, SWTLB_MEM_OFFSET_MAX);
	if (cfg->lock != SWTLB_LOCK_NATIVE && cfg->lock != SWTLB_LOCK_PV)
		return swtlb_pool_fail(err, errlen, "unknown lock kind %d",
				       (int)cfg->lock);
	if (cfg->area_layout != SWTLB_AREAS_PACKED &&
	    cfg->area_layout != SWTLB_AREAS_PADDED)
		return swtlb_pool_fail(err, errlen, "unknown area layout %d",
				       (int)cfg->area_layout);
	if (cfg->start & (SWTLB_PAGE_SIZE - 1))
		return swtlb_pool_fail(err, errlen,
				       "pool start 0x%llx is not page aligned",
				       (unsigned long long)cfg->start);
	if (cfg->start + (cfg->nslabs << IO_TLB_SHIFT) < cfg->start)
		return swtlb_pool_fail(
		    err, errlen,
		    "pool at 0x%llx of %lu slots wraps the address "
		    "space",
		    (unsigned long long)cfg->start, cfg->nslabs);
	if (!!cfg->alloc_bounce != !!cfg->free_bounce)
		return swtlb_pool_fail(
		    err, errlen, "alloc_bounce and free_bounce go together");
	if (!!cfg->alloc_meta != !!cfg->free_meta)
		return swtlb_pool_fail(err, errlen,
				       "alloc_meta and free_meta go together");
	priv = cfg->scheme ? cfg->scheme->shard_priv_bytes : 0;
	if (priv % 8 || priv > SWTLB_MAX_AREA_PRIV)
		return swtlb_pool_fail(
		    err, errlen,
		    "scheme %s: shard_priv_bytes %u is not a multiple "
		    "of 8 up to %u",
		    cfg->scheme->name, priv, SWTLB_MAX_AREA_PRIV);
	return 0;
}

/* The shard view of the area array: area i's lock, used, and mem_used(). */
static void view_lock(void *arg, unsigned int i)
{
	struct swtlb *s = arg;

	swtlb_spin_lock(
	    (swtlb_spinlock_t *)(swtlb_pool_area(s, i) + s->area.lock_off));
}

static void view_unlock(void *arg, unsigned int i)
{
	struct swtlb *s = arg;

	swtlb_spin_unlock(
	    (swtlb_spinlock_t *)(swtlb_pool_area(s, i) + s->area.lock_off));
}

static unsigned long view_used(void *arg, unsigned int i)
{
	return atomic_load_explicit(
	    swtlb_pool_area_used(swtlb_pool_area(arg, i)),
	    memory_order_relaxed);
}

static unsigned long view_total(void *arg)
{
	struct swtlb *s = arg;

	if (s->kconfig == SWTLB_DYNAMIC_ON)
		return swtlb_mem_used_dynon(s);
	return swtlb_mem_used_dynoff(s);
}

static int attach_scheme(struct swtlb *s, char *err, size_t errlen)
{
	struct swtlb_shard_view view = {
	    .base = s->areas,
	    .stride = s->area.stride,
	    .nshards = s->nareas,
	    .priv_off = s->area.priv_off,
	    .capacity = s->area_nslabs,
	    .arg = s,
	    .lock = view_lock,
	    .unlock = view_unlock,
	    .used = view_used,
	    .total = view_total,
	};
	atomic_long *total_used, *used_hiwater;

	if (s->kconfig == SWTLB_DYNAMIC_ON) {
		struct io_tlb_mem_dynon *mem = s->mem;

		total_used = &mem->total_used;
		used_hiwater = &mem->used_hiwater;
	} else {
		struct io_tlb_mem_dynoff *mem = s->mem;

		total_used = &mem->total_used;
		used_hiwater = &mem->used_hiwater;
	}
	if (swtlb_scheme_ctx_init(&s->ctx, s->ops, SWTLB_SERVES_SWIOTLB, &view,
				  total_used, used_hiwater,
				  &s->cfg.scheme_params, err, errlen))
		return -1;
	return 0;
}

struct swtlb *swtlb_create(const struct swtlb_config *cfg, char *err,
			   size_t errlen)
{
	struct swtlb *s;
	const struct swtlb_path *path;
	size_t mem_bytes, area_bytes;

	if (!cfg) {
		swtlb_pool_fail(err, errlen, "no pool configuration");
		return NULL;
	}
	if (check_config(cfg, err, errlen))
		return NULL;

	s = alloc_zeroed(SWTLB_CACHE_LINE, sizeof(*s));
	if (!s) {
		swtlb_pool_fail(err, errlen,
				"out of memory for the pool descriptor");
		return NULL;
	}
	s->cfg = *cfg;
	/* No scheme: CONFIG_DEBUG_FS=n, which is `none`. */
	s->ops = cfg->scheme ? cfg->scheme : &swtlb_scheme_none;
	s->kconfig = cfg->kconfig;
	s->bounce = cfg->bounce;
	s->nslabs = cfg->nslabs;
	s->nareas = cfg->nareas;
	s->area_nslabs = cfg->nslabs / cfg->nareas;
	s->start = cfg->start;
	/* The pool is built already limited: default_nareas == nareas. */
	s->default_nareas = cfg->nareas;
	atomic_init(&s->dev.dma_uses_io_tlb, false);
	atomic_init(&s->dev.dma_skip_sync, false);
	swtlb_spin_lock_init(&s->dev.dma_io_tlb_lock);
	s->dev.dma_io_tlb_pools.prev = &s->dev.dma_io_tlb_pools;
	atomic_init(&s->dev.dma_io_tlb_pools.next, &s->dev.dma_io_tlb_pools);

	/* The hot path compiled with this scheme's hooks inline. */
	path = swtlb_path_find(
	    s->ops->hooks && !cfg->hooks_indirect ? s->ops->hooks : "indirect",
	    s->kconfig, cfg->lock);
	if (!path) {
		swtlb_pool_fail(err, errlen,
				"scheme %s: no hot path compiled with hooks %s",
				s->ops->name, s->ops->hooks);
		goto error;
	}
	s->path = *path;
	if (cfg->caller_path == SWTLB_CALLER_SHORTCUT) {
		s->caller_map = path->shortcut_map;
		s->caller_unmap = path->unmap;
	} else {
		s->caller_map = path->dma_map;
		s->caller_unmap = path->dma_unmap;
	}
	/* A 64-bit capable device on a bus without a narrower limit. */
	s->dma_mask_storage = ~(uint64_t)0;
	s->dev.dma_mask = &s->dma_mask_storage;
	s->dev.bus_dma_limit = 0;
	atomic_init(&s->dev.dma_ops, NULL);
	swtlb_area_desc_init(&s->area, s->ops->shard_priv_bytes,
			     cfg->area_layout);
	if (check_area_desc(&s->area, cfg->area_layout))
		swtlb_bug("area descriptor differs from struct io_tlb_area");

	mem_bytes = mem_size(s);
	area_bytes = (size_t)s->nareas * s->area.stride;
	/* memblock/kcalloc: areas SMP_CACHE_BYTES aligned, slots a page. */
	/* io_tlb_default_mem: 8-byte aligned, cfg->mem_offset past a line. */
	s->mem_alloc =
	    alloc_meta(cfg, SWTLB_CACHE_LINE, mem_bytes + SWTLB_CACHE_LINE);
	s->mem = s->mem_alloc ? (char *)s->mem_alloc + cfg->mem_offset : NULL;
	s->areas = alloc_meta(cfg, SWTLB_CACHE_LINE, area_bytes);
	s->slots = alloc_meta(cfg, SWTLB_PAGE_SIZE,
			      s->nslabs * sizeof(struct io_tlb_slot));
	if (!s->mem || !s->areas || !s->slots) {
		swtlb_pool_fail(err, errlen,
				"out of memory for %lu slots in %u areas",
				s->nslabs, s->nareas);
		goto error;
	}
	if (cfg->bounce) {
		s->vaddr_bytes = s->nslabs << IO_TLB_SHIFT;
		s->vaddr =
		    cfg->alloc_bounce
			? cfg->alloc_bounce(s->vaddr_bytes, cfg->alloc_arg)
			: alloc_zeroed(SWTLB_PAGE_SIZE, s->vaddr_bytes);
		if (!s->vaddr) {
			swtlb_pool_fail(
			    err, errlen,
			    "out of memory for %zu bytes of bounce buffer",
			    s->vaddr_bytes);
			goto error;
		}
	}

	if (s->kconfig == SWTLB_DYNAMIC_ON)
		swtlb_mem_init_dynon(s);
	else
		swtlb_mem_init_dynoff(s);

	if (attach_scheme(s, err, errlen))
		goto error;
	s->scheme_ready = true;
	return s;

error:
	swtlb_destroy(s);
	return NULL;
}

/* One call through the path chosen at create (the kernel's call into
 * swiotlb_tbl_map_single() is direct; this one is predictable). */
uint64_t swtlb_map(struct swtlb *pool, const struct swtlb_dev *dev,
		   unsigned int cpu, uint64_t orig_addr, size_t mapping_size,
		   unsigned int alloc_align_mask, enum dma_data_direction dir,
		   unsigned long attrs)
{
	return pool->path.map(pool, dev, cpu, orig_addr, mapping_size,
			      alloc_align_mask, dir, attrs);
}

void swtlb_unmap(struct swtlb *pool, const struct swtlb_dev *dev,
		 unsigned int cpu, uint64_t tlb_addr, size_t mapping_size,
		 enum dma_data_direction dir, unsigned long attrs)
{
	pool->path.unmap(pool, dev, cpu, tlb_addr, mapping_size, dir, attrs);
}

uint64_t swtlb_dma_map(struct swtlb *pool, const struct swtlb_dev *dev,
		       unsigned int cpu, uint64_t phys, size_t size,
		       enum dma_data_direction dir, unsigned long attrs)
{
	return pool->caller_map(pool, dev, cpu, phys, size, dir, attrs);
}

void swtlb_dma_unmap(struct swtlb *pool, const struct swtlb_dev *dev,
		     unsigned int cpu, uint64_t addr, size_t size,
		     enum dma_data_direction dir, unsigned long attrs)
{
	pool->caller_unmap(pool, dev, cpu, addr, size, dir, attrs);
}

void swtlb_sync_single_for_device(struct swtlb *pool,
				  const struct swtlb_dev *dev,
				  uint64_t tlb_addr, size_t size,
				  enum dma_data_direction dir)
{
	pool->path.sync(pool, dev, tlb_addr, size, dir, true);
}

void swtlb_sync_single_for_cpu(struct swtlb *pool, const struct swtlb_dev *dev,
			       uint64_t tlb_addr, size_t size,
			       enum dma_data_direction dir)
{
	pool->path.sync(pool, dev, tlb_addr, size, dir, false);
}

struct swtlb_scheme_ctx *swtlb_scheme_ctx(struct swtlb *pool)
{
	return &pool->ctx;
}

unsigned long swtlb_used(struct swtlb *pool)
{
	if (pool->ops->used)
		return pool->ops->used(&pool->ctx);
	if (pool->kconfig == SWTLB_DYNAMIC_ON)
		return swtlb_mem_used_dynon(pool);
	return swtlb_mem_used_dynoff(pool);
}

bool swtlb_hiwater(struct swtlb *pool, unsigned long *out)
{
	if (!pool->ops->hiwater)
		return false;
	return pool->ops->hiwater(&pool->ctx, out);
}

int swtlb_hiwater_set(struct swtlb *pool, unsigned long val)
{
	/* No scheme, or one without the file: no io_tlb_used_hiwater. */
	if (!pool->cfg.scheme || !pool->ops->hiwater_set)
		return -EOPNOTSUPP;
	return pool->ops->hiwater_set(&pool->ctx, val);
}

unsigned long swtlb_nslabs(const struct swtlb *pool)
{
	return pool->nslabs;
}

unsigned int swtlb_nareas(const struct swtlb *pool)
{
	return pool->nareas;
}

uint64_t swtlb_start(const struct swtlb *pool)
{
	return pool->start;
}

unsigned long swtlb_area_used(const struct swtlb *pool, unsigned int area)
{
	if (area >= pool->nareas)
		return 0;
	return atomic_load_explicit(
	    swtlb_pool_area_used(swtlb_pool_area(pool, area)),
	    memory_order_relaxed);
}

size_t swtlb_max_mapping_size(const struct swtlb_dev *dev)
{
	size_t min_align = 0;

	if (dev->min_align_mask)
		min_align = ((size_t)dev->min_align_mask + IO_TLB_SIZE - 1) &
			    ~(size_t)(IO_TLB_SIZE - 1);
	return (size_t)IO_TLB_SIZE * IO_TLB_SEGSIZE - min_align;
}
