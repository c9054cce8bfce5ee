/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/bench/pinned.h: run a function on a thread bound before it runs.
 *
 * Google Benchmark starts the run's threads itself, unbound; a thread
 * that binds itself later has already run (and may spin) wherever the
 * scheduler put it, which at hundreds of threads delays every barrier
 * (lockhammer hung above 200 cores when it pinned late). So each Google
 * Benchmark thread hands its body to a thread created with its CPU in
 * its attributes (pthread_attr_setaffinity_np) and waits for it.
 */
#ifndef SWTLB_BENCH_PINNED_H
#define SWTLB_BENCH_PINNED_H

#include <stddef.h>

/* Stack of a pinned thread: the body keeps its state on the heap. */
#define SWTLB_PINNED_STACK (1UL << 20)

/* Runs fn(arg) on a new thread bound to OS CPU `cpu` from its start and
 * joins it. 0, or an errno when no such thread could be created (fn has
 * not run). */
int swtlb_run_pinned(unsigned int cpu, void *(*fn)(void *), void *arg);

#endif /* SWTLB_BENCH_PINNED_H */
