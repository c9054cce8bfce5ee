// SPDX-License-Identifier: GPL-2.0-only
/* util/text.c: see text.h. */
#include "util/text.h"

#include <string.h>

const char *swtlb_text_printable(const char *in, char *out, size_t len,
				 size_t max_chars)
{
	size_t i = 0;

	if (!len)
		return out;
	for (; in[i] && i + 1 < len && i < max_chars; i++)
		out[i] = in[i] >= 0x20 && in[i] < 0x7f ? in[i] : '?';
	out[i] = '\0';
	return out;
}

int swtlb_text_split_fields(char *s, char **f, int max)
{
	int n = 0;

	s += strspn(s, " \t");
	while (*s) {
		char *end = s + strcspn(s, " \t");

		if (n < max)
			f[n] = s;
		n++;
		if (!*end)
			break;
		*end = 0;
		s = end + 1 + strspn(end + 1, " \t");
	}
	return n;
}
