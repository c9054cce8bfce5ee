// SPDX-License-Identifier: GPL-2.0-only
/* bench/bench/pinned.c: see pinned.h. */
#include "bench/bench/pinned.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>

int swtlb_run_pinned(unsigned int cpu, void *(*fn)(void *), void *arg)
{
	/* Sized for the CPU id, so ids past CPU_SETSIZE (1024) work too. */
	size_t size = CPU_ALLOC_SIZE(cpu + 1);
	cpu_set_t *set = CPU_ALLOC(cpu + 1);
	pthread_attr_t attr;
	pthread_t thread;
	int e;

	if (!set)
		return ENOMEM;
	CPU_ZERO_S(size, set);
	CPU_SET_S(cpu, size, set);
	e = pthread_attr_init(&attr);
	if (!e)
		e = pthread_attr_setaffinity_np(&attr, size, set);
	if (!e)
		e = pthread_attr_setstacksize(&attr, SWTLB_PINNED_STACK);
	if (!e)
		e = pthread_create(&thread, &attr, fn, arg);
	pthread_attr_destroy(&attr);
	CPU_FREE(set);
	if (!e)
		e = pthread_join(thread, NULL);
	return e;
}
