// SPDX-License-Identifier: GPL-2.0-only
/* workloads/params.c: `--param KEY=VALUE` settings over a workload's
 * declared parameters (see workload.h). */
#include <stdio.h>
#include <string.h>

#include "workloads/workload.h"

static int declared(const struct swtlb_workload_ops *w, const char *key,
		    size_t keylen)
{
	for (int i = 0; w->params && w->params[i].key; i++)
		if (strlen(w->params[i].key) == keylen &&
		    !strncmp(w->params[i].key, key, keylen))
			return i;
	return -1;
}

static void known_keys(const struct swtlb_workload_ops *w, char *buf,
		       size_t len)
{
	size_t pos = 0;

	buf[0] = '\0';
	for (int i = 0; w->params && w->params[i].key && pos < len; i++)
		pos += (size_t)snprintf(buf + pos, len - pos, "%s%s",
					i ? ", " : "", w->params[i].key);
	if (!buf[0])
		snprintf(buf, len, "none");
}

int swtlb_workload_params_resolve(const struct swtlb_workload_ops *w,
				  const char *const *settings, unsigned int n,
				  const char **values, char *cell,
				  size_t cell_len, char *err, size_t errlen)
{
	size_t pos = 0;
	int np = 0;

	while (w->params && w->params[np].key) {
		if (np == SWTLB_WORKLOAD_MAX_PARAMS) {
			snprintf(err, errlen,
				 "workload %s declares more than %d parameters",
				 w->name, SWTLB_WORKLOAD_MAX_PARAMS);
			return -1;
		}
		values[np] = w->params[np].def, np++;
	}
	for (unsigned int i = 0; i < n; i++) {
		const char *eq = strchr(settings[i], '=');
		char keys[256];
		int k;

		if (!eq || eq == settings[i]) {
			snprintf(err, errlen, "--param %s: want KEY=VALUE",
				 settings[i]);
			return -1;
		}
		k = declared(w, settings[i], (size_t)(eq - settings[i]));
		if (k < 0) {
			known_keys(w, keys, sizeof(keys));
			snprintf(err, errlen,
				 "--param %s: workload %s has no parameter "
				 "\"%.*s\" (it has: %s)",
				 settings[i], w->name, (int)(eq - settings[i]),
				 settings[i], keys);
			return -1;
		}
		/* ';' and '=' separate the CSV cell's settings. */
		if (strpbrk(eq + 1, ";=") || !eq[1]) {
			snprintf(err, errlen,
				 "--param %s: the value must be non-empty, "
				 "without ';' or '='",
				 settings[i]);
			return -1;
		}
		values[k] = eq + 1;
	}
	if (cell_len)
		cell[0] = '\0';
	for (int i = 0; i < np; i++) {
		int m = snprintf(cell + pos, cell_len - pos, "%s%s=%s",
				 i ? ";" : "", w->params[i].key, values[i]);

		if (m < 0 || (size_t)m >= cell_len - pos) {
			snprintf(err, errlen, "--param: settings too long");
			return -1;
		}
		pos += (size_t)m;
	}
	return 0;
}
