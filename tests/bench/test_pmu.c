// SPDX-License-Identifier: GPL-2.0-only
/*
 * tests/bench/test_pmu.c: --events encoding with libpfm4, on a machine
 * without a PMU. CTest runs it once per model that has defaults, with
 * LIBPFM_FORCE_PMU=<model> (libpfm4 then acts as on that CPU), and once
 * unforced ("host"): the defaults must encode for each model, to raw
 * events of that PMU, user space only, in groups no larger than the PMU's
 * generic counters.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <perfmon/pfmlib.h>

#include "bench/bench/pmu.h"

static const char *forced; /* LIBPFM_FORCE_PMU, or NULL */

/* Generic counters libpfm4 reports for a PMU name (0: unknown). */
static unsigned int counters_of(const char *pmu)
{
	for (int p = 0; p < PFM_PMU_MAX; p++) {
		pfm_pmu_info_t pi;

		memset(&pi, 0, sizeof(pi));
		pi.size = sizeof(pi);
		if (pfm_get_pmu_info(p, &pi) == PFM_SUCCESS &&
		    !strcmp(pi.name, pmu))
			return (unsigned int)pi.num_cntrs;
	}
	return 0;
}

static void assert_groups_fit(const struct swtlb_pmu_events *ev)
{
	for (unsigned int g = 0; g < ev->ngroups; g++) {
		unsigned int n = 0, cap = 0;

		for (unsigned int i = 0; i < ev->n; i++) {
			if (ev->ev[i].group != g)
				continue;
			n++;
			cap = counters_of(ev->ev[i].pmu);
		}
		assert_true(n >= 1);
		if (cap)
			assert_true(n <= cap);
	}
}

/*
 * Event select and unit mask of the first default event, from the
 * vendors' manuals (Intel SDM vol. 3B event tables, AMD PPRs), so the
 * table is checked against something other than libpfm4 itself.
 */
static const struct {
	const char *pmu;
	uint64_t config; /* umask << 8 | event select */
} first_encoding[] = {
    {"hsw", 0x04d2},		   /* MEM_LOAD_UOPS_L3_HIT_RETIRED.XSNP_HITM */
    {"bdw", 0x04d2},		   /* idem */
    {"hsw_ep", 0x04d2},		   /* idem */
    {"bdw_ep", 0x04d2},		   /* idem */
    {"skl", 0x04d2},		   /* MEM_LOAD_L3_HIT_RETIRED.XSNP_HITM */
    {"icl", 0x04d2},		   /* idem */
    {"skx", 0x04d2},		   /* idem */
    {"clx", 0x04d2},		   /* idem */
    {"icx", 0x04d2},		   /* idem */
    {"spr", 0x04d2},		   /* MEM_LOAD_L3_HIT_RETIRED.XSNP_FWD */
    {"amd64_fam17h_zen2", 0x0243}, /* PMCx043 umask 0x02 */
    {"amd64_fam19h_zen3", 0x0243}, /* PMCx043 umask 0x02 */
    {"amd64_fam19h_zen4", 0x0243}, /* PMCx043 umask 0x02 */
};

static void test_defaults_encode(void **state)
{
	struct swtlb_pmu_events ev;
	const char *const *names;
	unsigned int want = 0;
	char err[256];

	(void)state;
	assert_int_equal(
	    swtlb_pmu_events_parse("default", &ev, err, sizeof(err)), 0);
	if (!forced) {
		/* Unforced: the host's PMU, or a reason for no events. */
		if (ev.n == 0)
			assert_true(ev.default_note[0] != '\0');
		assert_groups_fit(&ev);
		return;
	}
	assert_string_equal(ev.core_pmu, forced);
	names = swtlb_pmu_defaults(forced);
	assert_non_null(names);
	while (names[want])
		want++;
	assert_true(want >= 2);
	assert_int_equal(ev.n, want);
	for (unsigned int i = 0; i < ev.n; i++) {
		assert_string_equal(ev.ev[i].name, names[i]);
		assert_string_equal(ev.ev[i].pmu, forced);
		assert_int_equal(ev.ev[i].attr.type, PERF_TYPE_RAW);
		assert_true(ev.ev[i].attr.config != 0);
		assert_int_equal(ev.ev[i].attr.exclude_kernel, 1);
		assert_int_equal(ev.ev[i].attr.size, sizeof(ev.ev[i].attr));
	}
	for (size_t k = 0;
	     k < sizeof(first_encoding) / sizeof(first_encoding[0]); k++)
		if (!strcmp(first_encoding[k].pmu, forced))
			assert_int_equal(ev.ev[0].attr.config & 0xffff,
					 first_encoding[k].config);
	assert_groups_fit(&ev);
	assert_true(counters_of(forced) > 0);
}

/* More events than the PMU has counters: split into several groups. */
static void test_groups_split(void **state)
{
	struct swtlb_pmu_events ev;
	char list[1024] = "default", err[256];
	unsigned int cap, ndefaults = 0;

	(void)state;
	if (!forced)
		skip();
	cap = counters_of(forced);
	while (swtlb_pmu_defaults(forced)[ndefaults])
		ndefaults++;
	/* The defaults again and again, up to the limit of the list. */
	for (unsigned int n = 2 * ndefaults; n <= SWTLB_PMU_MAX_EVENTS;
	     n += ndefaults)
		strcat(list, ",default");
	assert_int_equal(swtlb_pmu_events_parse(list, &ev, err, sizeof(err)),
			 0);
	assert_true(ev.n > cap);
	assert_true(ev.ngroups >= (ev.n + cap - 1) / cap);
	assert_groups_fit(&ev);
}

static void test_user_lists(void **state)
{
	struct swtlb_pmu_events ev;
	char err[256];

	(void)state;
	/* Generic names encode without libpfm4's perf PMU (a forced PMU
	 * hides it); software ones count in the kernel. */
	assert_int_equal(swtlb_pmu_events_parse("cycles,context-switches,none",
						&ev, err, sizeof(err)),
			 0);
	assert_int_equal(ev.n, 2);
	assert_int_equal(ev.ev[0].attr.type, PERF_TYPE_HARDWARE);
	assert_int_equal(ev.ev[0].attr.exclude_kernel, 1);
	assert_int_equal(ev.ev[1].attr.type, PERF_TYPE_SOFTWARE);
	assert_int_equal(ev.ev[1].attr.exclude_kernel, 0);
	assert_int_equal(swtlb_pmu_events_parse("none", &ev, err, sizeof(err)),
			 0);
	assert_int_equal(ev.n, 0);
	/* Unknown names and bad characters: one line naming the event. */
	assert_int_equal(swtlb_pmu_events_parse("cycles,NO_SUCH_EVENT:X", &ev,
						err, sizeof(err)),
			 -1);
	assert_non_null(strstr(err, "NO_SUCH_EVENT:X"));
	assert_null(strchr(err, '\n'));
	assert_int_equal(
	    swtlb_pmu_events_parse("cyc\nles", &ev, err, sizeof(err)), -1);
	assert_null(strchr(err, '\n'));
	assert_int_equal(
	    swtlb_pmu_events_parse("x\x1b[2J\xc2\x9b", &ev, err, sizeof(err)),
	    -1);
	for (const char *c = err; *c; c++)
		assert_true(*c >= 0x20 && *c < 0x7f);
	assert_null(strchr(err, '\n'));
	assert_int_equal(
	    swtlb_pmu_events_parse("cycles,,cycles", &ev, err, sizeof(err)),
	    -1);
	if (forced && !strcmp(forced, "skx")) {
		/* The string's own modifiers win over user-only. */
		assert_int_equal(
		    swtlb_pmu_events_parse("MEM_LOAD_L3_HIT_RETIRED:XSNP_HITM:"
					   "k=1:u=0",
					   &ev, err, sizeof(err)),
		    0);
		assert_int_equal(ev.ev[0].attr.exclude_kernel, 0);
		assert_int_equal(ev.ev[0].attr.exclude_user, 1);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_defaults_encode),
	    cmocka_unit_test(test_groups_split),
	    cmocka_unit_test(test_user_lists),
	};

	forced = getenv("LIBPFM_FORCE_PMU");
	if (forced && !*forced)
		forced = NULL;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
