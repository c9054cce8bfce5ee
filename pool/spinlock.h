/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pool/spinlock.h: the area lock, the kernel's spin_lock_irqsave() stand-in.
 *
 * 4 bytes, like an x86_64 spinlock_t without lock debugging, so struct
 * io_tlb_area keeps its 16 bytes. The fast path is the kernel qspinlock's:
 * one `lock cmpxchg` 0 -> 1 with acquire ordering. When it fails we spin on
 * plain loads with `pause` until the lock looks free, then retry
 * (test-and-test-and-set), so waiters do not hammer the line with RMWs.
 * Unlock is a 1-byte release store of 0 to the lock byte (the kernel's
 * queued_spin_unlock(): smp_store_release(&lock->locked, 0)), or with
 * paravirt spinlocks a locked cmpxchg of that byte
 * (swtlb_spin_unlock_irqrestore_pv).
 * Not fair (qspinlock queues waiters): a named difference, see docs/pool.md.
 */
#ifndef SWTLB_POOL_SPINLOCK_H
#define SWTLB_POOL_SPINLOCK_H

#include <stdatomic.h>

/* The qspinlock word; `locked` is its low byte (x86 is little-endian),
 * the byte the kernel's unlock stores to. */
typedef union {
	atomic_uint val;
	atomic_uchar locked;
} swtlb_spinlock_t;

_Static_assert(sizeof(swtlb_spinlock_t) == 4, "spinlock_t is 4 bytes");
_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
	       "locked is the low byte of val on little-endian machines");

/* cpu_relax(): `pause` on x86, a compiler barrier elsewhere. */
static inline void swtlb_cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#else
	atomic_signal_fence(memory_order_seq_cst);
#endif
}

static inline void swtlb_spin_lock_init(swtlb_spinlock_t *lock)
{
	atomic_init(&lock->val, 0);
}

static inline void swtlb_spin_lock(swtlb_spinlock_t *lock)
{
	for (;;) {
		unsigned int expected = 0;

		if (atomic_compare_exchange_strong_explicit(
			&lock->val, &expected, 1, memory_order_acquire,
			memory_order_relaxed))
			return;
		while (atomic_load_explicit(&lock->val, memory_order_relaxed))
			swtlb_cpu_relax();
	}
}

static inline void swtlb_spin_unlock(swtlb_spinlock_t *lock)
{
	atomic_store_explicit(&lock->locked, 0, memory_order_release);
}

/*
 * spin_lock_irqsave()/spin_unlock_irqrestore() as the swiotlb path calls
 * them (pool/spinlock.c): on x86 _raw_spin_lock_irqsave() and
 * _raw_spin_unlock_irqrestore() are out-of-line functions (x86 selects no
 * ARCH_INLINE_SPIN_*), so these are real calls. The save is the kernel's
 * pushf/pop; cli and sti are privileged and left out (docs/pool.md). The
 * preemption count moves as preempt_disable()/preempt_enable() move it.
 * _pv: the unlock of a KVM/CoCo guest with paravirt spinlocks, a direct
 * call of the callee-save thunk whose body is a locked cmpxchg 1 -> 0 on
 * the lock byte instead of a plain store.
 */
unsigned long swtlb_spin_lock_irqsave(swtlb_spinlock_t *lock);
void swtlb_spin_unlock_irqrestore(swtlb_spinlock_t *lock, unsigned long flags);
void swtlb_spin_unlock_irqrestore_pv(swtlb_spinlock_t *lock,
				     unsigned long flags);

#endif /* SWTLB_POOL_SPINLOCK_H */
