// SPDX-License-Identifier: GPL-2.0-only
/*
 * tools/yardstick/kshim.c: the out-of-line kernel functions kshim.h
 * declares. The lock functions are x86's _raw_spin_lock_irqsave() and
 * _raw_spin_unlock_irqrestore() (out of line: x86 selects no
 * ARCH_INLINE_SPIN_*), modelled as pool/spinlock.c models them, so the
 * lock costs the same on both sides of the comparison; the lock itself is
 * the qspinlock fast path with a byte-store unlock (the kernel's
 * queued_spin_unlock(): smp_store_release(&lock->locked, 0)).
 */
#include "tools/yardstick/kshim.h"

#define X86_EFLAGS_IF 0x200UL

__thread unsigned int yard_cpu_number;
unsigned int yard_possible_cpus = 1;
int yard_verbose;
bool yard_bounce_enabled = true;
void *high_memory;
struct yard_alloc yard_allocs[YARD_MAX_ALLOCS];
unsigned int yard_nallocs;
bool yard_alloc_large_unzeroed;

/* preempt_count: per CPU in the kernel (%gs-relative), here %fs. */
static __thread int yard_preempt_count;

void *yard_alloc_aligned(size_t align, size_t bytes)
{
	size_t rounded = (bytes + align - 1) / align * align;
	void *p = aligned_alloc(align, rounded ? rounded : align);

	if (p) {
		if (!yard_alloc_large_unzeroed || rounded < (1U << 20))
			memset(p, 0, rounded);
		if (yard_nallocs < YARD_MAX_ALLOCS)
			yard_allocs[yard_nallocs++] =
			    (struct yard_alloc){p, rounded ? rounded : align};
	}
	return p;
}

void yard_free(void *p)
{
	for (unsigned int i = 0; p && i < yard_nallocs; i++)
		if (yard_allocs[i].p == p)
			yard_allocs[i] = yard_allocs[--yard_nallocs];
	free(p);
}

_Noreturn void yard_bug(const char *file, int line)
{
	fprintf(stderr, "yardstick: kernel BUG at %s:%d\n", file, line);
	abort();
}

static inline unsigned long save_fl(void)
{
	unsigned long flags = X86_EFLAGS_IF;

#if defined(__x86_64__)
	__asm__ __volatile__("pushf; pop %0" : "=rm"(flags) : : "memory");
#endif
	return flags;
}

/* arch_local_irq_restore(): sti when IF was set (privileged: the test and
 * the branch remain). */
static inline void irq_restore(unsigned long flags)
{
	if (flags & X86_EFLAGS_IF)
		barrier();
}

unsigned long yard_local_irq_save(void)
{
	return save_fl();
}

void yard_local_irq_restore(unsigned long flags)
{
	irq_restore(flags);
}

/* queued_spin_lock(): the fast path, then spin until free and retry. */
static inline void queued_spin_lock(spinlock_t *lock)
{
	for (;;) {
		u32 expected = 0;

		if (__atomic_compare_exchange_n(&lock->val, &expected, 1, false,
						__ATOMIC_ACQUIRE,
						__ATOMIC_RELAXED))
			return;
		while (__atomic_load_n(&lock->val, __ATOMIC_RELAXED))
			__builtin_ia32_pause();
	}
}

static inline void queued_spin_unlock(spinlock_t *lock)
{
#ifdef YARD_PV_UNLOCK
	/* __pv_queued_spin_unlock(): locked cmpxchg of the byte 1 -> 0. */
	u8 locked = 1;

	if (!__atomic_compare_exchange_n(&lock->locked, &locked, 0, false,
					 __ATOMIC_RELEASE, __ATOMIC_RELAXED))
		BUG();
#else
	__atomic_store_n(&lock->locked, 0, __ATOMIC_RELEASE);
#endif
}

noinline unsigned long _raw_spin_lock_irqsave(spinlock_t *lock)
{
	unsigned long flags = save_fl(); /* then cli: privileged */

	yard_preempt_count++;
	barrier();
	queued_spin_lock(lock);
	return flags;
}

noinline void _raw_spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags)
{
	queued_spin_unlock(lock);
	irq_restore(flags);
	barrier();
	yard_preempt_count--;
}

noinline void _raw_spin_lock(spinlock_t *lock)
{
	yard_preempt_count++;
	barrier();
	queued_spin_lock(lock);
}

noinline void _raw_spin_unlock(spinlock_t *lock)
{
	queued_spin_unlock(lock);
	barrier();
	yard_preempt_count--;
}

/* arch/x86/coco/core.c: a switch on the vendor, read-mostly state. */
static struct {
	_Alignas(64) int vendor; /* 1: AMD */
	bool mem_encrypt;
} cc_state = {1, true};

noinline bool cc_platform_has(enum cc_attr attr)
{
	switch (__atomic_load_n(&cc_state.vendor, __ATOMIC_RELAXED)) {
	case 1:
		return attr == CC_ATTR_MEM_ENCRYPT &&
		       __atomic_load_n(&cc_state.mem_encrypt, __ATOMIC_RELAXED);
	default:
		return false;
	}
}
