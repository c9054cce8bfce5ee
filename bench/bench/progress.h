/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench/bench/progress.h: "run k of N, elapsed, left" on stderr.
 * On a terminal one line is rewritten in place; otherwise (a log, CI) one
 * plain line per finished run.
 */
#ifndef SWTLB_BENCH_PROGRESS_H
#define SWTLB_BENCH_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>

struct swtlb_bench_progress {
	unsigned int total, done;
	int64_t start_ns;
	double per_run_s; /* the planned seconds per run, for the first ETA */
	bool tty;
	bool line_open; /* a rewritten line is on screen */
};

void swtlb_bench_progress_init(struct swtlb_bench_progress *p,
			       unsigned int total, double per_run_s);
/* One run finished (name shown on plain lines). */
void swtlb_bench_progress_step(struct swtlb_bench_progress *p,
			       const char *name);
/* Before printing anything else on stderr: end the rewritten line. */
void swtlb_bench_progress_break(struct swtlb_bench_progress *p);
/* "1h02m03s" / "4m05s" / "12s" */
void swtlb_bench_format_duration(double s, char *buf, unsigned int len);

#endif /* SWTLB_BENCH_PROGRESS_H */
