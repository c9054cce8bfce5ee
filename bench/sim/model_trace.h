/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/sim/model_trace.h: force-included (-include) into a second compilation
 * of the pool and every scheme (the swtlb_core_traced library, linked only
 * into swtlb-sim), so that the coherence model sees the address of every
 * atomic access the hot path makes: READ_ONCE/WRITE_ONCE (relaxed loads
 * and stores), locked RMWs, the area spinlock. Each C11 atomic macro first
 * reports (address, kind: load, store or locked RMW) to swtlb_model_note(),
 * then does what <stdatomic.h> does. Plain (non-atomic) accesses are not seen:
 * the pool's slot array, which the model adds from each map's slot range
 * (bench/sim/model.c), and fields a scheme keeps under a lock it takes
 * atomically, whose line is the lock's or is touched with it.
 *
 * swtlb-bench, swtlb-replay and the tests link the untraced swtlb_core: the
 * disassembly reviewers read is not this one.
 */
#ifndef SWTLB_BENCH_SIM_MODEL_TRACE_H
#define SWTLB_BENCH_SIM_MODEL_TRACE_H

#include <stdatomic.h>
#include <stdbool.h>

/* What an access does to its line: a load shares it; a store or a locked
 * RMW (a failed lock cmpxchg too) takes it exclusive. SLOT_WALK is no
 * access: it marks where, inside the area lock, the pool walks the slot
 * array (plain C, which the simulator adds from the operation's slot
 * range), so that the model places those lines where the code touches
 * them and not after the unlock. */
enum swtlb_model_kind {
	SWTLB_MODEL_LOAD = 1,
	SWTLB_MODEL_STORE = 2,
	SWTLB_MODEL_RMW = 4,
	SWTLB_MODEL_SLOT_WALK = 8,
};

/* The model's recorder; NULL when no run is being modelled. */
extern void (*swtlb_model_hook)(const volatile void *addr,
				enum swtlb_model_kind kind);

static inline void swtlb_model_note(const volatile void *addr,
				    enum swtlb_model_kind kind)
{
	if (swtlb_model_hook)
		swtlb_model_hook(addr, kind);
}

/* pool/pool_impl.h: the slot walk starts here (nothing in other builds). */
#define SWTLB_MODEL_MARK_SLOT_WALK()                                           \
	swtlb_model_note((const volatile void *)0, SWTLB_MODEL_SLOT_WALK)

#undef atomic_load_explicit
#undef atomic_load
#undef atomic_store_explicit
#undef atomic_store
#undef atomic_exchange_explicit
#undef atomic_exchange
#undef atomic_compare_exchange_strong_explicit
#undef atomic_compare_exchange_strong
#undef atomic_compare_exchange_weak_explicit
#undef atomic_compare_exchange_weak
#undef atomic_fetch_add_explicit
#undef atomic_fetch_add
#undef atomic_fetch_sub_explicit
#undef atomic_fetch_sub
#undef atomic_fetch_or_explicit
#undef atomic_fetch_or
#undef atomic_fetch_and_explicit
#undef atomic_fetch_and

#if defined(__clang__)
#define SWTLB_TR_LOAD(p, mo)	 __c11_atomic_load(p, mo)
#define SWTLB_TR_STORE(p, v, mo) __c11_atomic_store(p, v, mo)
#define SWTLB_TR_XCHG(p, v, mo)	 __c11_atomic_exchange(p, v, mo)
#define SWTLB_TR_CAS(p, e, d, w, s, f)                                         \
	((w) ? __c11_atomic_compare_exchange_weak(p, e, d, s, f)               \
	     : __c11_atomic_compare_exchange_strong(p, e, d, s, f))
#define SWTLB_TR_FETCH(op, p, v, mo) __c11_atomic_fetch_##op(p, v, mo)
#else
#define SWTLB_TR_LOAD(p, mo)	 __atomic_load_n(p, mo)
#define SWTLB_TR_STORE(p, v, mo) __atomic_store_n(p, v, mo)
#define SWTLB_TR_XCHG(p, v, mo)	 __atomic_exchange_n(p, v, mo)
#define SWTLB_TR_CAS(p, e, d, w, s, f)                                         \
	__atomic_compare_exchange_n(p, e, d, w, s, f)
#define SWTLB_TR_FETCH(op, p, v, mo) __atomic_fetch_##op(p, v, mo)
#endif

#define atomic_load_explicit(P, MO)                                            \
	__extension__({                                                        \
		__auto_type swtlb_tr_p = (P);                                  \
		swtlb_model_note(swtlb_tr_p, SWTLB_MODEL_LOAD);                \
		SWTLB_TR_LOAD(swtlb_tr_p, MO);                                 \
	})
#define atomic_load(P) atomic_load_explicit(P, __ATOMIC_SEQ_CST)

#define atomic_store_explicit(P, V, MO)                                        \
	__extension__({                                                        \
		__auto_type swtlb_tr_p = (P);                                  \
		swtlb_model_note(swtlb_tr_p, SWTLB_MODEL_STORE);               \
		SWTLB_TR_STORE(swtlb_tr_p, V, MO);                             \
	})
#define atomic_store(P, V) atomic_store_explicit(P, V, __ATOMIC_SEQ_CST)

#define atomic_exchange_explicit(P, V, MO)                                     \
	__extension__({                                                        \
		__auto_type swtlb_tr_p = (P);                                  \
		swtlb_model_note(swtlb_tr_p, SWTLB_MODEL_RMW);                 \
		SWTLB_TR_XCHG(swtlb_tr_p, V, MO);                              \
	})
#define atomic_exchange(P, V) atomic_exchange_explicit(P, V, __ATOMIC_SEQ_CST)

/* A failed lock cmpxchg still takes the line exclusive on x86. */
#define SWTLB_TR_CAS_NOTED(P, E, D, W, S, F)                                   \
	__extension__({                                                        \
		__auto_type swtlb_tr_p = (P);                                  \
		swtlb_model_note(swtlb_tr_p, SWTLB_MODEL_RMW);                 \
		SWTLB_TR_CAS(swtlb_tr_p, E, D, W, S, F);                       \
	})
#define atomic_compare_exchange_strong_explicit(P, E, D, S, F)                 \
	SWTLB_TR_CAS_NOTED(P, E, D, 0, S, F)
#define atomic_compare_exchange_strong(P, E, D)                                \
	SWTLB_TR_CAS_NOTED(P, E, D, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)
#define atomic_compare_exchange_weak_explicit(P, E, D, S, F)                   \
	SWTLB_TR_CAS_NOTED(P, E, D, 1, S, F)
#define atomic_compare_exchange_weak(P, E, D)                                  \
	SWTLB_TR_CAS_NOTED(P, E, D, 1, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)

#define SWTLB_TR_RMW(op, P, V, MO)                                             \
	__extension__({                                                        \
		__auto_type swtlb_tr_p = (P);                                  \
		swtlb_model_note(swtlb_tr_p, SWTLB_MODEL_RMW);                 \
		SWTLB_TR_FETCH(op, swtlb_tr_p, V, MO);                         \
	})
#define atomic_fetch_add_explicit(P, V, MO) SWTLB_TR_RMW(add, P, V, MO)
#define atomic_fetch_add(P, V)		    SWTLB_TR_RMW(add, P, V, __ATOMIC_SEQ_CST)
#define atomic_fetch_sub_explicit(P, V, MO) SWTLB_TR_RMW(sub, P, V, MO)
#define atomic_fetch_sub(P, V)		    SWTLB_TR_RMW(sub, P, V, __ATOMIC_SEQ_CST)
#define atomic_fetch_or_explicit(P, V, MO)  SWTLB_TR_RMW(or, P, V, MO)
#define atomic_fetch_or(P, V)		    SWTLB_TR_RMW(or, P, V, __ATOMIC_SEQ_CST)
#define atomic_fetch_and_explicit(P, V, MO) SWTLB_TR_RMW(and, P, V, MO)
#define atomic_fetch_and(P, V)		    SWTLB_TR_RMW(and, P, V, __ATOMIC_SEQ_CST)

#endif /* SWTLB_BENCH_SIM_MODEL_TRACE_H */
