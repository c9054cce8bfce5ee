/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pool/pool_impl.h: the swiotlb map/unmap hot path, written once and
 * compiled once per kernel configuration, area-lock kind and scheme hook
 * set (pool/CMakeLists.txt generates one small .c per combination, as
 * pool_dynoff.c/pool_dynon.c were): each scheme's hooks inline where the
 * kernel accounts. Follows kernel/dma/swiotlb.c step by step
 * (docs/design/swiotlb-path.md sections 4-8), with the kernel's integer
 * types: masks and slot numbers are unsigned int in the search and int in
 * the release, sizes size_t, addresses 64-bit.
 *
 * The including file defines SWTLB_DYNAMIC (0/1), SWTLB_PV_UNLOCK (0/1),
 * SWTLB_HOOK(h) (the hook set's prefix pasted to h), SWTLB_HOOKS_HEADER,
 * SWTLB_FN(name) (a unique name per combination) and SWTLB_PATH (the
 * exported struct swtlb_path).
 *
 * No malloc, no stdio, no lock other than the area lock on this path.
 */
#if !defined(SWTLB_PV_UNLOCK) || !defined(SWTLB_HOOK) || !defined(SWTLB_PATH)
#error "pool_impl.h is included by the generated pool/path_*.c files only"
#endif

#include SWTLB_HOOKS_HEADER
#include "pool/pool_kconfig.h"

/* spin_unlock_irqrestore(): the x86 native or paravirt unlock. */
#if SWTLB_PV_UNLOCK
#define SWTLB_UNLOCK_IRQRESTORE swtlb_spin_unlock_irqrestore_pv
#else
#define SWTLB_UNLOCK_IRQRESTORE swtlb_spin_unlock_irqrestore
#endif

/*
 * area->used under the area lock. The kernel reads and writes it as plain
 * C (`area->used += nslots`), so its compiler emits one non-locked `add`
 * or `sub` to memory wherever the new value is not needed after. Relaxed
 * atomics would give a load and then a store: on a line the other CPU
 * took meanwhile (the unmap's release loop is a long window) the load
 * fetches it shared and the store must upgrade it, two hand-offs where
 * the kernel's one read-for-ownership makes one (docs/linetrace.md). So
 * plain C here too, through the field's non-atomic view (same size and
 * alignment); under ThreadSanitizer, which must see these accesses to
 * check the readers outside the lock, and in swtlb-sim's traced build
 * (bench/sim/model_trace.h), whose coherence model sees only atomics,
 * relaxed atomics instead.
 */
#if defined(__SANITIZE_THREAD__) || defined(SWTLB_BENCH_SIM_MODEL_TRACE_H)
#define SWTLB_AREA_USED_ATOMIC 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define SWTLB_AREA_USED_ATOMIC 1
#endif
#endif

/*
 * swtlb-sim's traced build (bench/sim/model_trace.h) marks where the slot
 * walk starts inside the area lock; every other build compiles nothing.
 */
#ifndef SWTLB_MODEL_MARK_SLOT_WALK
#define SWTLB_MODEL_MARK_SLOT_WALK() ((void)0)
#endif

static inline unsigned long area_used_read(atomic_ulong *used)
{
#ifdef SWTLB_AREA_USED_ATOMIC
	return atomic_load_explicit(used, relaxed);
#else
	return *(unsigned long *)(void *)used;
#endif
}

/* area->used += delta; the new value (unused: the compiler drops it). */
static inline unsigned long area_used_add(atomic_ulong *used, long delta)
{
#if defined(SWTLB_BENCH_SIM_MODEL_TRACE_H)
	/* The kernel's `add`/`sub` to memory is one read-for-ownership: one
	 * locked RMW to the model, not a load that may fetch the line
	 * shared and a store that must then upgrade it. */
	return atomic_fetch_add_explicit(used, (unsigned long)delta, relaxed) +
	       (unsigned long)delta;
#elif defined(SWTLB_AREA_USED_ATOMIC)
	unsigned long v = atomic_load_explicit(used, relaxed) + delta;

	atomic_store_explicit(used, v, relaxed);
	return v;
#else
	unsigned long *plain = (unsigned long *)(void *)used;

	*plain += delta;
	return *plain;
#endif
}

/*
 * swiotlb_bounce(): memcpy between the original buffer and the pool. With
 * bounce copying off (a named variant) the slot lookup still runs, as the
 * kernel's does; only the copy is left out.
 */
static void swiotlb_bounce(const struct swtlb *s, const struct swtlb_dev *dev,
			   uint64_t tlb_addr, size_t size,
			   enum dma_data_direction dir, tlb_pool_t *mem)
{
	int index = (tlb_addr - mem->start) >> IO_TLB_SHIFT;
	uint64_t orig_addr = mem->slots[index].orig_addr;
	size_t alloc_size = mem->slots[index].alloc_size;
	unsigned char *vaddr =
	    (unsigned char *)mem->vaddr + (tlb_addr - mem->start);
	int tlb_offset;

	if (orig_addr == INVALID_PHYS_ADDR)
		return;

	/* May be negative: tlb_addr inside the pre-padding of a later slot. */
	tlb_offset = (int)((tlb_addr & (IO_TLB_SIZE - 1)) -
			   align_offset(dev, 0, orig_addr));
	orig_addr += (uint64_t)(int64_t)tlb_offset;
	alloc_size -= (size_t)(int64_t)tlb_offset;

	if (size > alloc_size)
		size = alloc_size; /* the kernel warns once, then clamps */

	if (!s->bounce)
		return;
	if (dir == DMA_TO_DEVICE)
		memcpy(vaddr, (const void *)(uintptr_t)orig_addr, size);
	else
		memcpy((void *)(uintptr_t)orig_addr, vaddr, size);
}

/* swiotlb_search_pool_area(): search one area, allocate on success. */
static int search_pool_area(struct swtlb *s, const struct swtlb_dev *dev,
			    tlb_pool_t *pool, int area_index,
			    uint64_t orig_addr, size_t alloc_size,
			    unsigned int alloc_align_mask, unsigned int cpu)
{
	char *area = (char *)pool->areas + (size_t)area_index * s->area.stride;
	atomic_ulong *area_used = swtlb_pool_area_used(area);
	unsigned int *area_idx = (unsigned int *)(area + s->area.index_off);
	swtlb_spinlock_t *lock = (swtlb_spinlock_t *)(area + s->area.lock_off);
	unsigned long boundary_mask = dev->seg_boundary_mask;
	uint64_t tbl_dma_addr = pool->start & boundary_mask;
	unsigned long max_slots = get_max_slots(boundary_mask);
	unsigned int iotlb_align_mask = dev->min_align_mask;
	unsigned int nslots = nr_slots(alloc_size), stride;
	unsigned int offset = align_offset(dev, 0, orig_addr);
	unsigned int index, slots_checked, count = 0, i;
	unsigned int slot_base;
	unsigned int slot_index;
	unsigned long used, flags;

	/*
	 * Page rule: streaming maps of a page or more stay page aligned,
	 * unless the device has a min-align mask or an alignment was asked.
	 */
	if (!alloc_align_mask && !iotlb_align_mask &&
	    alloc_size >= SWTLB_PAGE_SIZE)
		alloc_align_mask = SWTLB_PAGE_SIZE - 1;

	/* At least slot aligned; drop min-align bits the alignment fixes. */
	alloc_align_mask |= (IO_TLB_SIZE - 1);
	iotlb_align_mask &= ~alloc_align_mask;

	stride = get_max_slots(alloc_align_mask > iotlb_align_mask
				   ? alloc_align_mask
				   : iotlb_align_mask);

	flags = swtlb_spin_lock_irqsave(lock);
	if (nslots > pool->area_nslabs - area_used_read(area_used))
		goto not_found;

	slot_base = area_index * pool->area_nslabs;
	index = *area_idx;
	SWTLB_MODEL_MARK_SLOT_WALK();

	for (slots_checked = 0; slots_checked < pool->area_nslabs;) {
		uint64_t tlb_addr;

		slot_index = slot_base + index;
		tlb_addr = slot_addr(tbl_dma_addr, slot_index);

		if ((tlb_addr & alloc_align_mask) ||
		    (orig_addr && (tlb_addr & iotlb_align_mask) !=
				      (orig_addr & iotlb_align_mask))) {
			index = wrap_area_index(pool, index + 1);
			slots_checked++;
			continue;
		}

		if (!iommu_is_span_boundary(slot_index, nslots,
					    nr_slots(tbl_dma_addr),
					    max_slots)) {
			if (pool->slots[slot_index].list >= nslots)
				goto found;
		}
		index = wrap_area_index(pool, index + stride);
		slots_checked += stride;
	}

not_found:
	SWTLB_UNLOCK_IRQRESTORE(lock, flags);
	return -1;

found:
	for (i = slot_index; i < slot_index + nslots; i++) {
		pool->slots[i].list = 0;
		pool->slots[i].alloc_size =
		    alloc_size - (offset + ((i - slot_index) << IO_TLB_SHIFT));
	}
	/* Shorten the free run ending here; slot 0 wraps to offset 127. */
	for (i = slot_index - 1;
	     io_tlb_offset(i) != IO_TLB_SEGSIZE - 1 && pool->slots[i].list; i--)
		pool->slots[i].list = ++count;

	*area_idx = wrap_area_index(pool, index + nslots);
	used = area_used_add(area_used, nslots); /* area->used += nslots */
	SWTLB_HOOK(shard_inc)
	(&s->ctx, area_index, area + s->area.priv_off, used, nslots);
	SWTLB_UNLOCK_IRQRESTORE(lock, flags);

	/* inc_used_and_hiwater(dev->dma_io_tlb_mem, nslots) */
	SWTLB_HOOK(inc_used)(&s->ctx, cpu, nslots, SWTLB_TOTAL_KEPT_BY_SCHEME);
	return slot_index;
}

#if SWTLB_DYNAMIC

/* swiotlb_search_area(): one area offset in every pool, under RCU. */
static int search_area(struct swtlb *s, const struct swtlb_dev *dev,
		       unsigned int start_cpu, int cpu_offset,
		       uint64_t orig_addr, size_t alloc_size,
		       unsigned int alloc_align_mask, tlb_pool_t **retpool)
{
	tlb_mem_t *mem = dev_mem(s);
	struct swtlb_list_head *node;
	int area_index;
	int index = -1;

	rcu_read_lock();
	for (node = atomic_load_explicit(&mem->pools.next, relaxed);
	     node != &mem->pools;
	     node = atomic_load_explicit(&node->next, relaxed)) {
		tlb_pool_t *pool = pool_of_node(node);

		if ((unsigned int)cpu_offset >= pool->nareas)
			continue;
		/* int arithmetic in the kernel; only the low bits survive. */
		area_index =
		    (start_cpu + (unsigned int)cpu_offset) & (pool->nareas - 1);
		index =
		    search_pool_area(s, dev, pool, area_index, orig_addr,
				     alloc_size, alloc_align_mask, start_cpu);
		if (index >= 0) {
			*retpool = pool;
			break;
		}
	}
	rcu_read_unlock();
	return index;
}

/* swiotlb_find_slots(), dynamic: default pool only, growth disabled. */
static int find_slots(struct swtlb *s, const struct swtlb_dev *dev,
		      unsigned int cpu, uint64_t orig_addr, size_t alloc_size,
		      unsigned int alloc_align_mask, tlb_pool_t **retpool)
{
	tlb_mem_t *mem = dev_mem(s);
	tlb_pool_t *pool = NULL;
	unsigned long i;
	int index;

	if (alloc_size > IO_TLB_SEGSIZE * IO_TLB_SIZE)
		return -1;

	for (i = 0; i < s->default_nareas; ++i) {
		index = search_area(s, dev, cpu, (int)i, orig_addr, alloc_size,
				    alloc_align_mask, &pool);
		if (index >= 0)
			goto found;
	}

	/* Transient pools are not modelled: can_grow is false. */
	if (!mem->can_grow)
		return -1;
	swtlb_bug("transient swiotlb pools are not modelled");

found:
	atomic_store_explicit(&s->dev.dma_uses_io_tlb, true, relaxed);
	smp_mb();
	*retpool = pool;
	return index;
}

/* __swiotlb_find_pool(): walk the allocator's pools, then the device's. */
static __attribute__((noinline)) tlb_pool_t *find_pool_slow(struct swtlb *s,
							    uint64_t paddr)
{
	tlb_mem_t *mem = dev_mem(s);
	struct swtlb_list_head *head, *node;
	tlb_pool_t *pool = NULL;

	rcu_read_lock();
	head = &mem->pools;
	for (node = atomic_load_explicit(&head->next, relaxed); node != head;
	     node = atomic_load_explicit(&node->next, relaxed)) {
		pool = pool_of_node(node);
		if (paddr >= pool->start && paddr < pool->end)
			goto out;
	}
	head = &s->dev.dma_io_tlb_pools;
	for (node = atomic_load_explicit(&head->next, relaxed); node != head;
	     node = atomic_load_explicit(&node->next, relaxed)) {
		pool = pool_of_node(node);
		if (paddr >= pool->start && paddr < pool->end)
			goto out;
	}
	pool = NULL;
out:
	rcu_read_unlock();
	return pool;
}

/* swiotlb_find_pool() (include/linux/swiotlb.h) */
static tlb_pool_t *find_pool(struct swtlb *s, uint64_t paddr)
{
	if (!dev_mem(s))
		return NULL;
	smp_rmb();
	if (atomic_load_explicit(&s->dev.dma_uses_io_tlb, relaxed))
		return find_pool_slow(s, paddr);
	return NULL;
}

/* swiotlb_del_transient(): never true, no transient pool is made. */
static bool del_transient(tlb_pool_t *pool)
{
	if (!pool->transient)
		return false;
	swtlb_bug("transient swiotlb pools are not modelled");
}

#else /* !SWTLB_DYNAMIC */

/* swiotlb_find_slots(), non-dynamic: from the CPU's area, wrapping. */
static int find_slots(struct swtlb *s, const struct swtlb_dev *dev,
		      unsigned int cpu, uint64_t orig_addr, size_t alloc_size,
		      unsigned int alloc_align_mask, tlb_pool_t **retpool)
{
	tlb_pool_t *pool;
	int start, i;
	int index;

	*retpool = pool = &dev_mem(s)->defpool;
	i = start = cpu & (pool->nareas - 1);
	do {
		index = search_pool_area(s, dev, pool, i, orig_addr, alloc_size,
					 alloc_align_mask, cpu);
		if (index >= 0)
			return index;
		if ((unsigned int)++i >= pool->nareas)
			i = 0;
	} while (i != start);
	return -1;
}

static tlb_pool_t *find_pool(struct swtlb *s, uint64_t paddr)
{
	tlb_mem_t *mem = dev_mem(s);

	if (!mem)
		return NULL;
	if (paddr >= mem->defpool.start && paddr < mem->defpool.end)
		return &mem->defpool;
	return NULL;
}

static bool del_transient(tlb_pool_t *pool)
{
	(void)pool;
	return false;
}

#endif /* SWTLB_DYNAMIC */

/* swiotlb_tbl_map_single(): out of line in the kernel. */
static __attribute__((noinline)) uint64_t
SWTLB_FN(swtlb_map)(struct swtlb *s, const struct swtlb_dev *dev,
		    unsigned int cpu, uint64_t orig_addr, size_t mapping_size,
		    unsigned int alloc_align_mask, enum dma_data_direction dir,
		    unsigned long attrs)
{
	tlb_mem_t *mem = dev_mem(s);
	unsigned int offset;
	tlb_pool_t *pool;
	unsigned int i;
	size_t size, align;
	int index;
	uint64_t tlb_addr;
	unsigned short pad_slots;

	(void)dir;
	(void)attrs; /* DMA_ATTR_NO_WARN: the warning itself is not copied */

	if (!mem || !atomic_load_explicit(&mem->nslabs, relaxed))
		return DMA_MAPPING_ERROR;
	/* A CoCo guest: true, and the once-only warning was printed. */
	if (swtlb_cc_platform_has(SWTLB_CC_ATTR_MEM_ENCRYPT))
		swtlb_pr_warn_once_cc();

	offset = align_offset(dev, alloc_align_mask, orig_addr);
	/* ALIGN(mapping_size + offset, alloc_align_mask + 1) */
	align = (size_t)(alloc_align_mask + 1U);
	size = (mapping_size + offset + align - 1) & ~(align - 1);
	/* The kernel BUG()s on a zero-slot search; refuse it instead. */
	if ((unsigned int)nr_slots(size) == 0)
		return DMA_MAPPING_ERROR;

	index =
	    find_slots(s, dev, cpu, orig_addr, size, alloc_align_mask, &pool);
	if (index == -1)
		return DMA_MAPPING_ERROR;

	/* dma_reset_need_sync(dev) */
	if (atomic_load_explicit(&s->dev.dma_skip_sync, relaxed))
		atomic_store_explicit(&s->dev.dma_skip_sync, false, relaxed);

	pad_slots = offset >> IO_TLB_SHIFT;
	offset &= (IO_TLB_SIZE - 1);
	index += pad_slots;
	pool->slots[index].pad_slots = pad_slots;
	for (i = 0; i < (nr_slots(size) - pad_slots); i++)
		pool->slots[index + i].orig_addr = slot_addr(orig_addr, i);
	tlb_addr = slot_addr(pool->start, index) + offset;
	/* Copy in for every direction: a partial device write keeps data. */
	swiotlb_bounce(s, dev, tlb_addr, mapping_size, DMA_TO_DEVICE, pool);
	return tlb_addr;
}

/* swiotlb_release_slots() */
static void release_slots(struct swtlb *s, const struct swtlb_dev *dev,
			  uint64_t tlb_addr, tlb_pool_t *mem, unsigned int cpu)
{
	unsigned int offset = align_offset(dev, 0, tlb_addr);
	int index, nslots, aindex;
	char *area;
	atomic_ulong *area_used;
	swtlb_spinlock_t *lock;
	unsigned long used, flags;
	int count, i;

	index = (tlb_addr - offset - mem->start) >> IO_TLB_SHIFT;
	index -= mem->slots[index].pad_slots;
	nslots = nr_slots(mem->slots[index].alloc_size + offset);
	aindex = index / mem->area_nslabs;
	if ((unsigned int)aindex >= mem->nareas) /* BUG_ON() */
		swtlb_bug("unmap: area index out of range");
	area = (char *)mem->areas + (size_t)aindex * s->area.stride;
	area_used = swtlb_pool_area_used(area);
	lock = (swtlb_spinlock_t *)(area + s->area.lock_off);

	flags = swtlb_spin_lock_irqsave(lock);
	SWTLB_MODEL_MARK_SLOT_WALK();
	if (index + nslots <
	    (int)((index + 1 + IO_TLB_SEGSIZE - 1) & ~(IO_TLB_SEGSIZE - 1)))
		count = mem->slots[index + nslots].list;
	else
		count = 0;

	/* Step 1: free the range, continuing the free run after it. */
	for (i = index + nslots - 1; i >= index; i--) {
		mem->slots[i].list = ++count;
		mem->slots[i].orig_addr = INVALID_PHYS_ADDR;
		mem->slots[i].alloc_size = 0;
		mem->slots[i].pad_slots = 0;
	}

	/* Step 2: join the free run before it (index 0: offset 127 stops). */
	for (i = index - 1;
	     io_tlb_offset(i) != IO_TLB_SEGSIZE - 1 && mem->slots[i].list; i--)
		mem->slots[i].list = ++count;

	used = area_used_add(area_used, -(long)nslots); /* -= nslots */
	SWTLB_HOOK(shard_dec)
	(&s->ctx, aindex, area + s->area.priv_off, used, nslots);
	SWTLB_UNLOCK_IRQRESTORE(lock, flags);

	/* dec_used(dev->dma_io_tlb_mem, nslots) */
	SWTLB_HOOK(dec_used)(&s->ctx, cpu, nslots, SWTLB_TOTAL_KEPT_BY_SCHEME);
}

/* __swiotlb_tbl_unmap_single(): out of line in the kernel. */
static __attribute__((noinline)) void
SWTLB_FN(tbl_unmap)(struct swtlb *s, const struct swtlb_dev *dev,
		    unsigned int cpu, uint64_t tlb_addr, size_t mapping_size,
		    enum dma_data_direction dir, unsigned long attrs,
		    tlb_pool_t *pool)
{
	if (!(attrs & DMA_ATTR_SKIP_CPU_SYNC) &&
	    (dir == DMA_FROM_DEVICE || dir == DMA_BIDIRECTIONAL))
		swiotlb_bounce(s, dev, tlb_addr, mapping_size, DMA_FROM_DEVICE,
			       pool);
	if (del_transient(pool))
		return;
	release_slots(s, dev, tlb_addr, pool, cpu);
}

/* __swiotlb_sync_single_for_cpu(): out of line in the kernel. */
static __attribute__((noinline)) void
SWTLB_FN(sync_for_cpu)(struct swtlb *s, const struct swtlb_dev *dev,
		       uint64_t tlb_addr, size_t size,
		       enum dma_data_direction dir, tlb_pool_t *pool)
{
	if (dir == DMA_FROM_DEVICE || dir == DMA_BIDIRECTIONAL)
		swiotlb_bounce(s, dev, tlb_addr, size, DMA_FROM_DEVICE, pool);
}

/* swiotlb_tbl_unmap_single(): find the pool, then unmap from it. */
static void SWTLB_FN(swtlb_unmap)(struct swtlb *s, const struct swtlb_dev *dev,
				  unsigned int cpu, uint64_t tlb_addr,
				  size_t mapping_size,
				  enum dma_data_direction dir,
				  unsigned long attrs)
{
	tlb_pool_t *pool = find_pool(s, tlb_addr);

	if (pool)
		SWTLB_FN(tbl_unmap)
	(s, dev, cpu, tlb_addr, mapping_size, dir, attrs, pool);
}

/* swiotlb_sync_single_for_{device,cpu}(): find the pool, then bounce. */
static void SWTLB_FN(swtlb_sync)(struct swtlb *s, const struct swtlb_dev *dev,
				 uint64_t tlb_addr, size_t size,
				 enum dma_data_direction dir, bool for_device)
{
	tlb_pool_t *pool = find_pool(s, tlb_addr);

	if (!pool)
		return;
	if (for_device && (dir == DMA_TO_DEVICE || dir == DMA_BIDIRECTIONAL))
		swiotlb_bounce(s, dev, tlb_addr, size, DMA_TO_DEVICE, pool);
	else if (!for_device &&
		 (dir == DMA_FROM_DEVICE || dir == DMA_BIDIRECTIONAL))
		swiotlb_bounce(s, dev, tlb_addr, size, DMA_FROM_DEVICE, pool);
}

#include "pool/pool_caller.h"

const struct swtlb_path SWTLB_PATH = {
    .map = SWTLB_FN(swtlb_map),
    .unmap = SWTLB_FN(swtlb_unmap),
    .sync = SWTLB_FN(swtlb_sync),
    .dma_map = SWTLB_FN(dma_map),
    .dma_unmap = SWTLB_FN(dma_unmap),
    .shortcut_map = SWTLB_FN(shortcut_map),
};
