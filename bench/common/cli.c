// SPDX-License-Identifier: GPL-2.0-only
/* bench/common/cli.c: see cli.h. */
#include "bench/common/cli.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/num.h"

static const struct swtlb_cli_opt *find(const struct swtlb_cli_table *tables,
					unsigned int ntables, const char *name,
					size_t len, void **target)
{
	for (unsigned int t = 0; t < ntables; t++)
		for (const struct swtlb_cli_opt *o = tables[t].opts; o->name;
		     o++)
			if (strlen(o->name) == len &&
			    !strncmp(o->name, name, len)) {
				*target = tables[t].target;
				return o;
			}
	return NULL;
}

int swtlb_cli_parse(int argc, char **argv, const struct swtlb_cli_table *tables,
		    unsigned int ntables, const char **pos, unsigned int maxpos,
		    unsigned int *npos, char *err, size_t errlen)
{
	unsigned int np = 0;

	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i], *eq, *value = NULL;
		const struct swtlb_cli_opt *o;
		void *target;
		size_t len;

		if (strncmp(arg, "--", 2) != 0 || !arg[2]) {
			if (!pos || np == maxpos)
				return snprintf(err, errlen,
						"unexpected argument '%s' (see "
						"--help)",
						arg),
				       -1;
			pos[np++] = arg;
			continue;
		}
		arg += 2;
		eq = strchr(arg, '=');
		len = eq ? (size_t)(eq - arg) : strlen(arg);
		o = find(tables, ntables, arg, len, &target);
		if (!o)
			return snprintf(err, errlen,
					"unknown option '--%.*s' (see --help)",
					(int)len, arg),
			       -1;
		if (o->has_arg && eq)
			value = eq + 1;
		else if (o->has_arg && i + 1 < argc)
			value = argv[++i];
		else if (o->has_arg)
			return snprintf(err, errlen, "--%s needs a value",
					o->name),
			       -1;
		else if (eq)
			return snprintf(err, errlen, "--%s takes no value",
					o->name),
			       -1;
		if (o->set(target, value, err, errlen))
			return -1;
	}
	if (npos)
		*npos = np;
	return 0;
}

int swtlb_cli_uint(const char *s, unsigned long long lo, unsigned long long hi,
		   unsigned long long *out)
{
	uint64_t v;

	if (swtlb_parse_u64(s, hi, &v) != SWTLB_NUM_OK || v < lo)
		return -1;
	*out = v;
	return 0;
}

int swtlb_cli_mask(const char *s, unsigned long long hi,
		   unsigned long long *out)
{
	unsigned long long v;
	char *end;

	if (s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
		return swtlb_cli_uint(s, 0, hi, out);
	if (!isxdigit((unsigned char)s[2]) || strlen(s) > 2 + 16)
		return -1;
	errno = 0;
	v = strtoull(s + 2, &end, 16);
	if (errno || *end || v > hi)
		return -1;
	*out = v;
	return 0;
}

_Noreturn void swtlb_cli_die(const char *prog, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(SWTLB_EXIT_USAGE);
}
