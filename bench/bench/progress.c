// SPDX-License-Identifier: GPL-2.0-only
/* bench/bench/progress.c: progress lines on stderr. */
#include "bench/bench/progress.h"

#include <stdio.h>
#include <unistd.h>

#include "bench/bench/body.h"

void swtlb_bench_format_duration(double s, char *buf, unsigned int len)
{
	long t = (long)(s + 0.5);

	if (t >= 3600)
		snprintf(buf, len, "%ldh%02ldm%02lds", t / 3600, t / 60 % 60,
			 t % 60);
	else if (t >= 60)
		snprintf(buf, len, "%ldm%02lds", t / 60, t % 60);
	else
		snprintf(buf, len, "%lds", t);
}

void swtlb_bench_progress_init(struct swtlb_bench_progress *p,
			       unsigned int total, double per_run_s)
{
	p->total = total;
	p->done = 0;
	p->start_ns = swtlb_bench_now_ns();
	p->per_run_s = per_run_s;
	p->tty = isatty(STDERR_FILENO);
	p->line_open = false;
}

void swtlb_bench_progress_step(struct swtlb_bench_progress *p, const char *name)
{
	double elapsed = (swtlb_bench_now_ns() - p->start_ns) / 1e9;
	double per = p->done + 1 ? elapsed / (p->done + 1) : p->per_run_s;
	char el[32], left[32];

	p->done++;
	swtlb_bench_format_duration(elapsed, el, sizeof(el));
	swtlb_bench_format_duration(per * (p->total - p->done), left,
				    sizeof(left));
	if (p->tty) {
		fprintf(stderr,
			"\r\033[Kswtlb-bench: run %u of %u, %s elapsed, "
			"~%s left",
			p->done, p->total, el, left);
		p->line_open = true;
		if (p->done == p->total)
			swtlb_bench_progress_break(p);
	} else {
		fprintf(stderr,
			"swtlb-bench: run %u of %u done (%s), %s elapsed, ~%s "
			"left\n",
			p->done, p->total, name, el, left);
	}
	fflush(stderr);
}

void swtlb_bench_progress_break(struct swtlb_bench_progress *p)
{
	if (p->line_open) {
		fputc('\n', stderr);
		p->line_open = false;
	}
}
