// SPDX-License-Identifier: GPL-2.0-only
/*
 * reports/plot_gp.c: the gnuplot side of the charts (see plot.h): finding
 * gnuplot, quoting text for its scripts and data files, the parts every
 * script shares, and writing and running one chart's files.
 */
#include "reports/plot.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "reports/output.h"
#include "reports/plot_int.h"
#include "reports/strbuf.h"

int plot_check_gnuplot(void)
{
	const char *path = getenv("PATH");
	struct strbuf sb = STRBUF_INIT;
	int found = 0;

	if (!path)
		return -1;
	while (*path && !found) {
		size_t n = strcspn(path, ":");

		sb_reset(&sb);
		if (n)
			sb_addn(&sb, path, n);
		else
			sb_add(&sb, ".");
		sb_add(&sb, "/gnuplot");
		found = access(sb_str(&sb), X_OK) == 0;
		path += n + (path[n] == ':');
	}
	sb_free(&sb);
	return found ? 0 : -1;
}

/*
 * Text from a CSV cell as a gnuplot string expression. gnuplot runs
 * `backquoted` commands and expands @macros everywhere but inside single
 * quotes, so the text is single-quoted; a quote in it is the expression
 * '."'".' (gnuplot 5.4 misparses some runs of doubled ''), a line break of
 * our own titles '."\n".'. Other control bytes never get
 * here (the CSV reader refuses them) and are replaced by '?' regardless.
 */
void plot_gp_str(struct strbuf *sb, const char *s)
{
	sb_add(sb, "'");
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '\n')
			sb_add(sb, "'.\"\\n\".'");
		else if (ch == '\'')
			sb_add(sb, "'.\"'\".'");
		else if (ch < 0x20 || ch == 0x7f)
			sb_add(sb, "?");
		else
			sb_addn(sb, s, 1);
	}
	sb_add(sb, "'");
}

/* A scheme name as a data-file column for xtic(): gnuplot data files run
 * no commands, but a quote or blank would split the column. */
void plot_dat_str(struct strbuf *sb, const char *s)
{
	sb_add(sb, "\"");
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		sb_addn(sb, ch == '"' || ch < 0x20 || ch == 0x7f ? "?" : s, 1);
	}
	sb_add(sb, "\"");
}

void plot_script_head(struct strbuf *gp, const char *name)
{
	sb_add(gp, "# Written by swtlb-report --plot; edit and rerun with\n");
	sb_addf(gp, "#   gnuplot %s.gp\n", name);
	sb_add(gp, "# in this folder. Renders PNG (pngcairo, or png without "
		   "cairo) and SVG.\n");
	sb_add(gp, "if (strstrt(GPVAL_TERMINALS, \"pngcairo\") > 0) {\n"
		   "    set terminal pngcairo noenhanced size 1000,640 "
		   "font \",10\"\n"
		   "} else {\n"
		   "    set terminal png noenhanced size 1000,640\n"
		   "}\n");
	sb_addf(gp, "set output '%s.png'\n", name);
	sb_add(gp, "set grid\nset key outside right top\n"
		   "set datafile missing '?'\n");
}

void plot_script_tail(struct strbuf *gp, const char *name)
{
	sb_add(gp, "set terminal svg noenhanced size 1000,640 font \",10\"\n");
	sb_addf(gp, "set output '%s.svg'\nreplot\nunset output\n", name);
}

/* The first line of gnuplot's messages, for a one-line error. */
static void first_line(FILE *f, char *buf, size_t len)
{
	buf[0] = 0;
	rewind(f);
	if (fgets(buf, (int)len, f))
		buf[strcspn(buf, "\r\n")] = 0;
}

/*
 * Runs gnuplot on script in dir. Its stderr goes to a temporary file, so
 * harmless warnings ("empty x range" on a one-thread-count sweep) do not
 * reach the user; on failure its first line is in the one-line error.
 */
static int run_gnuplot(const char *dir, const char *script)
{
	FILE *msgs = tmpfile();
	char why[200];
	pid_t pid;
	int status;

	if (!msgs) {
		fprintf(stderr, "swtlb-report: tmpfile: %s\n", strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "swtlb-report: fork: %s\n", strerror(errno));
		fclose(msgs);
		return -1;
	}
	if (pid == 0) {
		if (dup2(fileno(msgs), STDERR_FILENO) < 0 || chdir(dir) != 0)
			_exit(127);
		execlp("gnuplot", "gnuplot", script, (char *)NULL);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0) {
		first_line(msgs, why, sizeof(why));
		fprintf(stderr, "swtlb-report: gnuplot failed on %s/%s%s%s\n",
			dir, script, why[0] ? ": " : "", why);
		fclose(msgs);
		return -1;
	}
	fclose(msgs);
	return 0;
}

/* Writes NAME.dat and NAME.gp into dir, runs gnuplot, lists the chart. */
int plot_emit(const char *dir, const char *name, const struct strbuf *dat,
	      const struct strbuf *gp, const char *what, struct strbuf *index)
{
	struct strbuf path = STRBUF_INIT;
	int rc = 0;

	sb_addf(&path, "%s/%s.dat", dir, name);
	rc = output_write(sb_str(&path), dat);
	sb_reset(&path);
	sb_addf(&path, "%s/%s.gp", dir, name);
	if (!rc)
		rc = output_write(sb_str(&path), gp);
	sb_reset(&path);
	sb_addf(&path, "%s.gp", name);
	if (!rc)
		rc = run_gnuplot(dir, sb_str(&path));
	sb_free(&path);
	sb_addf(index, "%s.png %s.svg: %s\n", name, name, what);
	return rc;
}

/* gnuplot's default cycle has 8 colours, and swtlb-bench has more schemes:
 * 12 colours, then a new dash pattern; point types differ throughout. */
void plot_series_style(struct strbuf *gp, size_t k)
{
	static const char *const colour[] = {
	    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
	    "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#000000", "#aec7e8",
	};
	size_t nc = sizeof(colour) / sizeof(*colour);

	sb_addf(gp, " lw 2 lc rgb '%s' pt %zu dt %zu", colour[k % nc],
		k % 13 + 1, k / nc + 1);
}
