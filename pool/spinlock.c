/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pool/spinlock.c: the out-of-line lock functions of the swiotlb path
 * (kernel/locking/spinlock.c's _raw_spin_lock_irqsave() and
 * _raw_spin_unlock_irqrestore(), arch/x86's paravirt unlock thunk).
 */
#include <stdbool.h>

#include "pool/pool_internal.h"
#include "pool/spinlock.h"

#define X86_EFLAGS_IF 0x200UL

/* preempt_count (per CPU in the kernel, %gs-relative; here %fs-relative). */
static _Thread_local int swtlb_preempt_count;

/* native_save_fl(): pushf; pop. */
static inline unsigned long save_fl(void)
{
	unsigned long flags = X86_EFLAGS_IF;

#if defined(__x86_64__)
	__asm__ __volatile__("pushf; pop %0" : "=rm"(flags) : : "memory");
#endif
	return flags;
}

static inline void preempt_disable(void)
{
	swtlb_preempt_count++;
	atomic_signal_fence(memory_order_seq_cst); /* barrier() */
}

static inline void preempt_enable(void)
{
	atomic_signal_fence(memory_order_seq_cst);
	swtlb_preempt_count--;
}

/* arch_local_irq_restore(): sti when the saved flags had IF set (sti
 * itself is privileged; the test and branch remain). */
static inline void irq_restore(unsigned long flags)
{
	if (flags & X86_EFLAGS_IF)
		atomic_signal_fence(memory_order_seq_cst);
}

__attribute__((noinline)) unsigned long
swtlb_spin_lock_irqsave(swtlb_spinlock_t *lock)
{
	unsigned long flags = save_fl(); /* then cli: left out */

	preempt_disable();
	swtlb_spin_lock(lock);
	return flags;
}

__attribute__((noinline)) void
swtlb_spin_unlock_irqrestore(swtlb_spinlock_t *lock, unsigned long flags)
{
	swtlb_spin_unlock(lock);
	irq_restore(flags);
	preempt_enable();
}

/*
 * __raw_callee_save___pv_queued_spin_unlock: cmpxchg(&lock->locked, 1, 0);
 * anything but 1 (a halted waiter to kick) takes the slow path, which
 * this lock never needs: its waiters spin.
 */
__attribute__((noinline)) static void
pv_queued_spin_unlock(swtlb_spinlock_t *lock)
{
	unsigned char locked = 1;

	if (!atomic_compare_exchange_strong_explicit(&lock->locked, &locked, 0,
						     memory_order_release,
						     memory_order_relaxed))
		swtlb_bug("paravirt unlock of a lock not held");
}

__attribute__((noinline)) void
swtlb_spin_unlock_irqrestore_pv(swtlb_spinlock_t *lock, unsigned long flags)
{
	pv_queued_spin_unlock(lock);
	irq_restore(flags);
	preempt_enable();
}
