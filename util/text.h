/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * util/text.h: text from an untrusted file, made safe for a terminal.
 *
 * Error lines and tables quote what a trace, CSV or option held; a control
 * byte or escape sequence in it must not reach the user's terminal.
 */
#ifndef SWTLB_UTIL_TEXT_H
#define SWTLB_UTIL_TEXT_H

#include <stddef.h>

/*
 * in as printable ASCII (anything else as '?') into out, cut to at most
 * max_chars characters and len - 1 bytes; returns out.
 */
const char *swtlb_text_printable(const char *in, char *out, size_t len,
				 size_t max_chars);

/*
 * Splits s in place at runs of spaces and tabs (the trace formats' field
 * separator) into f[0..max-1]; returns how many fields there were, which
 * may exceed max (the caller reports a wrong field count).
 */
int swtlb_text_split_fields(char *s, char **f, int max);

#endif /* SWTLB_UTIL_TEXT_H */
