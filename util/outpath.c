// SPDX-License-Identifier: GPL-2.0-only
/* util/outpath.c: see outpath.h. */
#include "util/outpath.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *kind(mode_t m)
{
	if (S_ISLNK(m))
		return "a symbolic link (not followed, not replaced)";
	if (S_ISDIR(m))
		return "a folder";
	if (S_ISCHR(m) || S_ISBLK(m))
		return "a device";
	if (S_ISFIFO(m))
		return "a FIFO";
	if (S_ISSOCK(m))
		return "a socket";
	return "not a regular file";
}

int swtlb_out_check(const char *path, char *err, size_t errlen)
{
	struct stat st;

	if (!*path) {
		snprintf(err, errlen, "output path is empty");
		return -1;
	}
	if (lstat(path, &st) != 0) {
		if (errno == ENOENT)
			return 0;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (S_ISREG(st.st_mode))
		return 0;
	snprintf(err, errlen, "%s: is %s; output goes only to a regular file",
		 path, kind(st.st_mode));
	return -1;
}

/* Temporary files a signal must remove: fixed slots, so the handler only
 * reads memory that is never freed. */
#define NTMP 4
static char tmp_path[NTMP][4096];
static volatile sig_atomic_t tmp_used[NTMP];

void swtlb_tmp_remove_all(void)
{
	for (int i = 0; i < NTMP; i++)
		if (tmp_used[i])
			unlink(tmp_path[i]);
}

static void on_signal(int sig)
{
	swtlb_tmp_remove_all();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void install_handlers(void)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
	static int done;

	if (done)
		return;
	done = 1;
	for (size_t i = 0; i < sizeof(sigs) / sizeof(*sigs); i++) {
		struct sigaction old, sa;

		/* Keep a program's own handler and an inherited SIG_IGN. */
		if (sigaction(sigs[i], NULL, &old) != 0 ||
		    old.sa_handler != SIG_DFL)
			continue;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_signal;
		sigemptyset(&sa.sa_mask);
		sigaction(sigs[i], &sa, NULL);
	}
}

void swtlb_tmp_remember(const char *path)
{
	install_handlers();
	for (int i = 0; i < NTMP; i++)
		if (!tmp_used[i] && strlen(path) < sizeof(tmp_path[i])) {
			strcpy(tmp_path[i], path);
			tmp_used[i] = 1;
			return;
		}
}

int swtlb_tmp_create(char *tmpl)
{
	sigset_t block, old;
	int fd, e;

	install_handlers();
	/* A signal between mkstemp() and remembering would leave the file. */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, &old);
	fd = mkstemp(tmpl);
	e = errno;
	if (fd >= 0)
		swtlb_tmp_remember(tmpl);
	sigprocmask(SIG_SETMASK, &old, NULL);
	errno = e;
	return fd;
}

void swtlb_tmp_forget(const char *path)
{
	for (int i = 0; i < NTMP; i++)
		if (tmp_used[i] && !strcmp(tmp_path[i], path))
			tmp_used[i] = 0;
}

/* A failed stdout already named by the caller: the exit check stays quiet
 * (one line per problem). */
static int stdout_reported;

static int write_all(int fd, const char *p, size_t len)
{
	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? errno : EIO;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int swtlb_out_replace(const char *path, const void *buf, size_t len, char *err,
		      size_t errlen)
{
	char tmp[4096];
	int fd, e;

	if (!path || !strcmp(path, "-")) {
		if (fwrite(buf, 1, len, stdout) != len || fflush(stdout)) {
			snprintf(err, errlen, "stdout: %s", strerror(errno));
			stdout_reported = 1;
			return -1;
		}
		return 0;
	}
	if (swtlb_out_check(path, err, errlen) < 0)
		return -1;
	if (snprintf(tmp, sizeof(tmp), "%s.tmp.XXXXXX", path) >=
	    (int)sizeof(tmp)) {
		snprintf(err, errlen, "%s: path too long", path);
		return -1;
	}
	fd = swtlb_tmp_create(tmp);
	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	fchmod(fd, 0644);
	e = write_all(fd, buf, len);
	if (!e && fsync(fd) != 0)
		e = errno;
	if (close(fd) != 0 && !e)
		e = errno;
	/* Again just before the rename: path may have changed meanwhile. */
	if (!e && swtlb_out_check(path, err, errlen) < 0)
		e = -1;
	if (!e && rename(tmp, path) != 0)
		e = errno;
	if (e) {
		if (e > 0)
			snprintf(err, errlen, "%s: %s", path, strerror(e));
		unlink(tmp);
	}
	swtlb_tmp_forget(tmp);
	return e ? -1 : 0;
}

static const char *stdout_tool;

static void close_stdout(void)
{
	int bad = ferror(stdout);

	errno = 0;
	if (fclose(stdout) != 0 || bad) {
		if (stdout_reported)
			_exit(2);
		fprintf(stderr, "%s: stdout: %s\n", stdout_tool,
			errno ? strerror(errno) : "write error");
		_exit(2);
	}
}

void swtlb_check_stdout_at_exit(const char *tool)
{
	stdout_tool = tool;
	atexit(close_stdout);
}
