// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/topology/test_handoff_host.c: the ping-pong runs on two CPUs of
 * this host, pinned, and yields a figure; and a CPU that does not exist is
 * refused. No timing is asserted: only that a median came out of at least
 * three samples. Skips (77) with fewer than 2 allowed CPUs.
 */
#include <sched.h>

#include "tests/topology/test_helpers.h"
#include "topology/handoff.h"

int main(void)
{
	unsigned int cpu[2], found = 0, samples = 0;
	double ns = -1;
	char err[256] = "";
	cpu_set_t set;

	if (sched_getaffinity(0, sizeof(set), &set) != 0)
		return 1;
	for (unsigned int c = 0; c < CPU_SETSIZE && found < 2; c++)
		if (CPU_ISSET(c, &set))
			cpu[found++] = c;
	if (found < 2) {
		printf("SKIP: needs 2 allowed CPUs\n");
		return 77;
	}
	if (swtlb_handoff_measure(cpu[0], cpu[1], 20000000, 51, &ns, &samples,
				  err, sizeof(err)) != 0) {
		printf("FAIL: cpu %u <-> %u: %s\n", cpu[0], cpu[1], err);
		return 1;
	}
	if (samples < 3 || samples > 51 || !(ns > 0)) {
		printf("FAIL: %u samples, %.1f ns\n", samples, ns);
		return 1;
	}
	if (swtlb_handoff_measure(cpu[0], CPU_SETSIZE + 1, 5000000, 51, &ns,
				  &samples, err, sizeof(err)) == 0 ||
	    !strstr(err, "cannot start a thread")) {
		printf("FAIL: an absent CPU was not refused (%s)\n", err);
		return 1;
	}
	if (swtlb_handoff_measure(cpu[0], cpu[0], 5000000, 51, &ns, &samples,
				  err, sizeof(err)) == 0) {
		printf("FAIL: a CPU with itself was measured\n");
		return 1;
	}
	printf("ok: cpu %u <-> %u: %u samples\n", cpu[0], cpu[1], samples);
	return 0;
}
