/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/bench/tick_sched.h: periodic work and the end of the window, run the
 * way the kernel runs a timer: on some CPU when its time comes, not on a thread
 * of its own beside the workers.
 *
 * Every worker reads the clock every SWTLB_WORKLOAD_TICK_ROUNDS rounds of
 * its loop (workloads/loop.h calls the runner's tick; the same for every
 * workload and scheme, so all run in one environment) and raises the shared
 * stop flag once its window is over: no timekeeper thread. A scheme's
 * periodic() (sampled, hybrid-resync) runs either in worker 0's loop when its
 * deadline has passed, as a timer interrupt on that CPU would, or on a thread
 * pinned to a CPU outside the run's CPUs when the host has one
 * (swtlb_tick_pick_cpu()). Deadlines are absolute; a tick that comes late runs
 * once and the periods it overran are counted, not replayed
 * (hrtimer_forward()).
 */
#ifndef SWTLB_BENCH_TICK_SCHED_H
#define SWTLB_BENCH_TICK_SCHED_H

#include <stdbool.h>
#include <stdint.h>

enum swtlb_tick_due {
	SWTLB_TICK_NONE, /* keep going */
	SWTLB_TICK_RUN,	 /* run periodic() once, then keep going */
	SWTLB_TICK_STOP, /* the window is over */
};

struct swtlb_tick_sched {
	int64_t stop_at;   /* INT64_MAX: no window (the periodic thread) */
	int64_t next_tick; /* INT64_MAX: no periodic work here */
	int64_t period_ns;
	uint64_t ticks;	 /* periodic() calls due and made */
	uint64_t missed; /* whole periods overrun by a late tick */
};

/* window_ns <= 0: no stop time; period_ns <= 0: no periodic work. */
void swtlb_tick_sched_init(struct swtlb_tick_sched *s, int64_t start_ns,
			   int64_t window_ns, int64_t period_ns);
/* What is due at now_ns (monotonic). The stop wins over a tick. */
enum swtlb_tick_due swtlb_tick_sched_poll(struct swtlb_tick_sched *s,
					  int64_t now_ns);

enum swtlb_tick_where {
	SWTLB_TICK_AUTO,   /* a spare CPU if there is one, else worker 0 */
	SWTLB_TICK_WORKER, /* always worker 0's loop */
};

/*
 * The CPU for the periodic thread: the highest CPU in allowed[] that no
 * worker uses (used[]), or -1 for worker 0's loop (none spare, or
 * SWTLB_TICK_WORKER).
 */
int swtlb_tick_pick_cpu(enum swtlb_tick_where where,
			const unsigned int *allowed, unsigned int nallowed,
			const unsigned int *used, unsigned int nused);

#endif /* SWTLB_BENCH_TICK_SCHED_H */
