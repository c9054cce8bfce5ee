/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/bench/periodic.h: where a run's periodic work (a scheme's
 * periodic(): sampler snapshot, resync) runs, chosen per configuration
 * when the runs are planned (swtlb_tick_pick_cpu(), plan.h periodic_on):
 *
 *   cpu:N    a thread pinned to CPU N, which no worker uses: a timer on
 *            another CPU. It sleeps to absolute deadlines every
 *            --sample-us and calls periodic(); it never shares a CPU with
 *            a worker.
 *   worker0  no thread: worker 0 calls periodic() from its loop when the
 *            deadline has passed (tick_sched.h), as a timer interrupt on
 *            its CPU would. The cost lands on that worker, as in the
 *            kernel.
 *   none     the scheme has no periodic(): nothing runs.
 *
 * Every scheme's workers read the clock on the same schedule, so schemes
 * with and without periodic work run in the same environment.
 *
 * --ticker on (off by default) restores the old environment for
 * comparison: counters/periodic.c's thread, started by worker 0 after it
 * pinned itself, so it inherits worker 0's CPU and preempts it, waking
 * every --sample-us for every scheme (calling periodic() when there is
 * one). On a 2-vCPU KVM guest that was ~1,070 involuntary context
 * switches a second on worker 0 and a 25-50% throughput swing.
 */
#ifndef SWTLB_BENCH_PERIODIC_H
#define SWTLB_BENCH_PERIODIC_H

#include <stddef.h>

struct swtlb_bench_run;

/* Thread 0, after the pool exists: start what the configuration asks
 * for. 0, or -1 with a reason. */
int swtlb_bench_periodic_start(struct swtlb_bench_run *run, char *err,
			       size_t errlen);
/* Thread 0, after the drain: stop and join any thread started. A spare
 * CPU thread that could not pin itself fails the run here. */
void swtlb_bench_periodic_stop(struct swtlb_bench_run *run, char *err,
			       size_t errlen, int *failed);

#endif /* SWTLB_BENCH_PERIODIC_H */
