/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * util/outpath.h: output files every tool writes the same way.
 *
 * An output path is checked before any work: it must be absent or a
 * regular file. A device, FIFO, socket, folder or symbolic link is refused
 * (never replaced, never written through), so `--out /dev/full` as root
 * cannot turn the device node into a file. Whole outputs are written to a
 * temporary file beside the path and renamed over it when complete; the
 * temporary file is removed on failure and on SIGINT, SIGTERM and SIGHUP.
 * Writing stdout to a full device is an error like any other output error.
 */
#ifndef SWTLB_UTIL_OUTPATH_H
#define SWTLB_UTIL_OUTPATH_H

#include <stddef.h>

/* 0 if path (not "-") may be created or replaced; -1 with "PATH: why" in
 * err otherwise. Only what path names is checked, not its folder. */
int swtlb_out_check(const char *path, char *err, size_t errlen);

/* Writes len bytes to stdout (path NULL or "-") or replaces path with them
 * (checked again just before the rename). 0, or -1 with "PATH: why". */
int swtlb_out_replace(const char *path, const void *buf, size_t len, char *err,
		      size_t errlen);

/* A temporary file of ours that a signal must not leave behind: remembered
 * (at most a few at once) until forgotten. Installs the signal handlers on
 * first use, unless the program has its own. */
void swtlb_tmp_remember(const char *path);
void swtlb_tmp_forget(const char *path);
/* mkstemp(tmpl) and remember it, with SIGINT/SIGTERM/SIGHUP blocked in
 * between; the fd, or -1 with errno. */
int swtlb_tmp_create(char *tmpl);
/* For a program with its own SIGINT handler: remove them now
 * (async-signal-safe). */
void swtlb_tmp_remove_all(void);

/*
 * At exit, flush and close stdout and fail with one line on stderr and
 * exit status 2 if that failed (/dev/full, a closed pipe): output that was
 * lost is never reported as a success. tool names the program.
 */
void swtlb_check_stdout_at_exit(const char *tool);

#endif /* SWTLB_UTIL_OUTPATH_H */
