/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/bench/periodic.h: the thread that calls a scheme's periodic()
 * (sampler snapshot, resync) every --sample-us while a run's pool lives.
 * It is not pinned: it competes for CPU time as the kernel's timer or
 * kworker would, and that cost is part of the scheme's cost.
 *
 * With --ticker on (the default) every scheme gets the same thread waking
 * at the same period, calling periodic() only when the scheme has one.
 * On a 2-vCPU KVM guest a 1 kHz wakeup alone raised the throughput of the
 * pinned workers by 25-40% (sampled with a 1 s period measured the same as
 * none; with 1 ms, 1.26-1.42x none, p < 0.05): without the ticker the
 * periodic schemes would be compared in another environment than the rest.
 */
#ifndef SWTLB_BENCH_PERIODIC_H
#define SWTLB_BENCH_PERIODIC_H

#include <stddef.h>

struct swtlb_bench_run;

/* Starts it if the run's scheme has periodic(); 0 or -1 with a reason. */
int swtlb_bench_periodic_start(struct swtlb_bench_run *run, char *err,
			       size_t errlen);
/* Stops and joins it (no-op when none was started). */
void swtlb_bench_periodic_stop(struct swtlb_bench_run *run);

#endif /* SWTLB_BENCH_PERIODIC_H */
