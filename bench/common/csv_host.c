/* SPDX-License-Identifier: GPL-2.0-only */
/* bench/common/csv_host.c: CPU model and suite revision for the CSV metadata.
 */
#include <fcntl.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench/common/csv_host.h"

extern char **environ;

void swtlb_host_cpu_model(char *buf, size_t len)
{
	char line[512];
	FILE *f = fopen("/proc/cpuinfo", "r");

	buf[0] = '\0';
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *colon = strchr(line, ':');

		if (strncmp(line, "model name", 10) != 0 || !colon)
			continue;
		colon++;
		while (*colon == ' ' || *colon == '\t')
			colon++;
		snprintf(buf, len, "%.*s", (int)strcspn(colon, "\n"), colon);
		break;
	}
	fclose(f);
}

/*
 * Runs `git -C srcdir args...`, its first stdout line into out, stderr to
 * /dev/null. Returns git's exit status, or -1 if it could not run.
 */
static int run_git(const char *srcdir, const char *a1, const char *a2,
		   const char *a3, char *out, size_t len)
{
	char *argv[] = {"git",	    "-C",	(char *)srcdir,
			(char *)a1, (char *)a2, (char *)a3,
			NULL};
	posix_spawn_file_actions_t fa;
	int pipefd[2], status = -1;
	size_t got = 0;
	char sink[256];
	ssize_t n;
	pid_t pid;

	out[0] = '\0';
	if (pipe(pipefd) != 0)
		return -1;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDOUT_FILENO);
	posix_spawn_file_actions_addclose(&fa, pipefd[0]);
	posix_spawn_file_actions_addclose(&fa, pipefd[1]);
	posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null",
					 O_WRONLY, 0);
	if (posix_spawnp(&pid, "git", &fa, NULL, argv, environ) != 0)
		pid = -1;
	posix_spawn_file_actions_destroy(&fa);
	close(pipefd[1]);
	/* Read to EOF so git never blocks on a full pipe. */
	while (pid > 0) {
		bool room = got + 1 < len;

		n = read(pipefd[0], room ? out + got : sink,
			 room ? len - 1 - got : sizeof(sink));
		if (n <= 0)
			break;
		if (room)
			got += (size_t)n;
	}
	out[got] = '\0';
	out[strcspn(out, "\r\n")] = '\0';
	close(pipefd[0]);
	if (pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status))
		return WEXITSTATUS(status);
	return -1;
}

void swtlb_host_git_rev(const char *srcdir, char *buf, size_t len)
{
	char rev[48], dirty[8];

	buf[0] = '\0';
	if (!srcdir || !srcdir[0] ||
	    run_git(srcdir, "rev-parse", "--short", "HEAD", rev, sizeof(rev)) !=
		0 ||
	    !rev[0])
		return;
	/* Exit status 1 = tracked files differ from HEAD. */
	if (run_git(srcdir, "diff", "--quiet", "HEAD", dirty, sizeof(dirty)) ==
	    1)
		snprintf(buf, len, "%s-dirty", rev);
	else
		snprintf(buf, len, "%s", rev);
}
