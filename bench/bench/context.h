/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/bench/context.h: a run's workload context, made by worker 0 before
 * the start from the configuration (scheme, its knobs, the workload's
 * parameters, the pool's dimensions and placed memory), with the periodic
 * work; and after every worker drained: its counter read, its invariants
 * checked, then destroyed. Failures go to swtlb_bench_fail() (body.h).
 */
#ifndef SWTLB_BENCH_CONTEXT_H
#define SWTLB_BENCH_CONTEXT_H

struct swtlb_bench_run;

void swtlb_bench_context_setup(struct swtlb_bench_run *run);
void swtlb_bench_context_teardown(struct swtlb_bench_run *run);

#endif /* SWTLB_BENCH_CONTEXT_H */
