// SPDX-License-Identifier: GPL-2.0-only
/* bench/bench/tick_sched.c: see tick_sched.h. */
#include "bench/bench/tick_sched.h"

void swtlb_tick_sched_init(struct swtlb_tick_sched *s, int64_t start_ns,
			   int64_t window_ns, int64_t period_ns)
{
	s->stop_at = window_ns > 0 ? start_ns + window_ns : INT64_MAX;
	s->period_ns = period_ns > 0 ? period_ns : 0;
	s->next_tick = period_ns > 0 ? start_ns + period_ns : INT64_MAX;
	s->ticks = 0;
	s->missed = 0;
}

enum swtlb_tick_due swtlb_tick_sched_poll(struct swtlb_tick_sched *s,
					  int64_t now_ns)
{
	int64_t behind;

	if (now_ns >= s->stop_at)
		return SWTLB_TICK_STOP;
	if (now_ns < s->next_tick)
		return SWTLB_TICK_NONE;
	/* Forward past now: one call, the overrun periods counted. */
	behind = (now_ns - s->next_tick) / s->period_ns;
	s->missed += (uint64_t)behind;
	s->next_tick += (behind + 1) * s->period_ns;
	s->ticks++;
	return SWTLB_TICK_RUN;
}

int swtlb_tick_pick_cpu(enum swtlb_tick_where where,
			const unsigned int *allowed, unsigned int nallowed,
			const unsigned int *used, unsigned int nused)
{
	int best = -1;

	if (where == SWTLB_TICK_WORKER)
		return -1;
	for (unsigned int i = 0; i < nallowed; i++) {
		bool busy = false;

		for (unsigned int k = 0; k < nused && !busy; k++)
			busy = used[k] == allowed[i];
		if (!busy && (int)allowed[i] > best)
			best = (int)allowed[i];
	}
	return best;
}
