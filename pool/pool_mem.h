/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pool/pool_mem.h: io_tlb_mem setup and the lockless mem_used() sum for
 * one kernel configuration; compiled twice, by pool_dynoff.c and
 * pool_dynon.c. Nothing here depends on the scheme.
 */
#include <string.h>

#include "pool/pool_kconfig.h"

#if SWTLB_DYNAMIC
#define SWTLB_FN(name) name##_dynon
#else
#define SWTLB_FN(name) name##_dynoff
#endif
/* mem_pool_used()/mem_used() without CONFIG_DEBUG_FS: lockless sum. */
unsigned long SWTLB_FN(swtlb_mem_used)(const struct swtlb *s)
{
	tlb_mem_t *mem = dev_mem(s);
	unsigned long used = 0;

#if SWTLB_DYNAMIC
	struct swtlb_list_head *node;

	rcu_read_lock();
	for (node = atomic_load_explicit(&mem->pools.next, relaxed);
	     node != &mem->pools;
	     node = atomic_load_explicit(&node->next, relaxed)) {
		tlb_pool_t *pool = pool_of_node(node);

		for (unsigned int i = 0; i < pool->nareas; i++)
			used += atomic_load_explicit(
			    swtlb_pool_area_used((char *)pool->areas +
						 (size_t)i * s->area.stride),
			    relaxed);
	}
	rcu_read_unlock();
#else
	tlb_pool_t *pool = &mem->defpool;

	for (unsigned int i = 0; i < pool->nareas; i++)
		used += atomic_load_explicit(
		    swtlb_pool_area_used((char *)pool->areas +
					 (size_t)i * s->area.stride),
		    relaxed);
#endif
	return used;
}

size_t SWTLB_FN(swtlb_mem_size)(void)
{
	return sizeof(tlb_mem_t);
}

/*
 * swiotlb_init_io_tlb_pool() + add_mem_pool() on the zeroed io_tlb_mem
 * (the kernel's static io_tlb_default_mem), for the areas, slots and bounce
 * memory struct swtlb already owns. force_bounce is set as a CoCo guest
 * sets it (SWIOTLB_FORCE); the dynamic pool may not grow.
 */
void SWTLB_FN(swtlb_mem_init)(struct swtlb *s)
{
	tlb_mem_t *mem = s->mem;
	tlb_pool_t *pool = &mem->defpool;
	unsigned long i;

	pool->nslabs = s->nslabs;
	pool->start = s->start;
	pool->end = pool->start + (s->nslabs << IO_TLB_SHIFT);
	pool->late_alloc = false;
	pool->nareas = s->nareas;
	pool->area_nslabs = s->nslabs / s->nareas;
	pool->areas = s->areas;
	pool->slots = s->slots;

	for (i = 0; i < pool->nareas; i++) {
		char *area = swtlb_pool_area(s, i);

		swtlb_spin_lock_init(
		    (swtlb_spinlock_t *)(area + s->area.lock_off));
		*(unsigned int *)(area + s->area.index_off) = 0;
		atomic_store_explicit(swtlb_pool_area_used(area), 0, relaxed);
	}
	for (i = 0; i < pool->nslabs; i++) {
		unsigned long left = IO_TLB_SEGSIZE - io_tlb_offset(i);

		pool->slots[i].list =
		    left < pool->nslabs - i ? left : pool->nslabs - i;
		pool->slots[i].orig_addr = INVALID_PHYS_ADDR;
		pool->slots[i].alloc_size = 0;
		pool->slots[i].pad_slots = 0;
	}
	if (s->vaddr)
		memset(s->vaddr, 0, s->vaddr_bytes);
	pool->vaddr = s->vaddr;

	atomic_store_explicit(&mem->force_bounce, true, relaxed);
#if SWTLB_DYNAMIC
	mem->can_grow = false;
	mem->phys_limit = ~(uint64_t)0;
	swtlb_spin_lock_init(&mem->lock);
	/* list_add_rcu(&pool->node, &mem->pools); mem->nslabs += nslabs */
	pool->transient = false;
	pool->node.prev = &mem->pools;
	atomic_store_explicit(&pool->node.next, &mem->pools, relaxed);
	mem->pools.prev = &pool->node;
	atomic_store_explicit(&mem->pools.next, &pool->node, relaxed);
	atomic_store_explicit(&mem->nslabs, pool->nslabs, relaxed);
#else
	atomic_store_explicit(&mem->nslabs, pool->nslabs, relaxed);
#endif
	s->dev.dma_io_tlb_mem = mem;
}
