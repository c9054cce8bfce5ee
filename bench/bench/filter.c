// SPDX-License-Identifier: GPL-2.0-only
/* bench/bench/filter.c: see filter.h. */
#include "bench/bench/filter.h"

#include <stdio.h>
#include <string.h>

int swtlb_bench_filter_init(struct swtlb_bench_filter *f, const char *spec,
			    char *err, size_t errlen)
{
	memset(f, 0, sizeof(*f));
	if (!spec || !*spec || !strcmp(spec, "all"))
		return 0;
	f->negated = spec[0] == '-';
	if (regcomp(&f->re, spec + f->negated, REG_EXTENDED | REG_NOSUB)) {
		snprintf(err, errlen,
			 "--benchmark_filter '%s': not a regular expression",
			 spec);
		return -1;
	}
	f->active = true;
	return 0;
}

bool swtlb_bench_filter_selected(const struct swtlb_bench_filter *f,
				 const char *name)
{
	bool match;

	if (!f->active)
		return true;
	match = regexec(&f->re, name, 0, NULL, 0) == 0;
	return f->negated ? !match : match;
}

void swtlb_bench_filter_free(struct swtlb_bench_filter *f)
{
	if (f->active)
		regfree(&f->re);
	f->active = false;
}
