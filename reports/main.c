// SPDX-License-Identifier: GPL-2.0-only
/*
 * reports/main.c: swtlb-report, results CSV -> comparison tables and plots.
 *
 *   swtlb-report [--baseline S] [--format F] [--out FILE] [--plot DIR] CSV...
 *   swtlb-report --compare OLD.csv NEW.csv [--format F] [--out FILE]
 *
 * Every input is read and checked before anything is written, and output
 * goes to a temporary file renamed into place, so a report is never half
 * written. Bad input: "FILE:LINE: what is wrong" and exit status 2.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "reports/output.h"
#include "reports/plot.h"
#include "reports/report.h"
#include "reports/results.h"
#include "reports/strbuf.h"
#include "util/outpath.h"

static const char usage[] =
    "usage: swtlb-report [--baseline SCHEME] [--format text|markdown|csv]\n"
    "                    [--out FILE] [--plot DIR] RESULTS.csv...\n"
    "       swtlb-report --compare OLD.csv NEW.csv [--format F] [--out "
    "FILE]\n"
    "       (both take --where COLUMN=VALUE, repeatable)\n"
    "\n"
    "Groups rows by configuration and compares the schemes of each with\n"
    "the baseline (default 'none'): median ops/s over repetitions, min-max,\n"
    "ratio, two-sided Mann-Whitney U p-value, per-op counters and the\n"
    "reported vs true high-water mark where measured.\n"
    "\n"
    "  --baseline S   scheme the others are compared with (default none)\n"
    "  --format F     text (72 columns, for email), markdown or csv\n"
    "  --out FILE     write the report to FILE instead of stdout\n"
    "  --plot DIR     also write gnuplot data, scripts, PNG and SVG to DIR\n"
    "  --compare      compare the same configurations across two runs\n"
    "  --where C=V    keep rows whose configuration column (layout,\n"
    "                 threads, bounce, ...) or scheme is V; repeat a\n"
    "                 column for alternatives\n"
    "\n"
    "examples:\n"
    "  swtlb-report results/RUN/results.csv\n"
    "  swtlb-report --baseline global-atomic --format markdown a.csv\n"
    "  swtlb-report --compare before.csv after.csv\n"
    "  swtlb-report --plot plots/ results.csv\n"
    "  swtlb-report --where layout=compact --where threads=2 r.csv\n";

static int fail(const char *msg)
{
	fprintf(stderr, "swtlb-report: %s\n", msg);
	return 2;
}

static int load_all(struct results *r, char **paths, int n)
{
	char err[512];

	for (int i = 0; i < n; i++)
		if (results_load(r, paths[i], err, sizeof(err)) < 0) {
			fprintf(stderr, "%s\n", err);
			return -1;
		}
	return 0;
}

/* Whether out names the same file as one of the inputs: writing the report
 * there would replace the measurements it was made from. */
static bool out_is_input(const char *out, char **inputs, int n)
{
	struct stat o, in;

	if (!out || !strcmp(out, "-") || stat(out, &o) != 0)
		return false;
	for (int i = 0; i < n; i++)
		if (stat(inputs[i], &in) == 0 && in.st_dev == o.st_dev &&
		    in.st_ino == o.st_ino)
			return true;
	return false;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"baseline", required_argument, NULL, 'b'},
	    {"format", required_argument, NULL, 'f'},
	    {"out", required_argument, NULL, 'o'},
	    {"plot", required_argument, NULL, 'p'},
	    {"compare", no_argument, NULL, 'c'},
	    {"where", required_argument, NULL, 'w'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *baseline = "none", *out_path = NULL, *plot_dir = NULL;
	bool baseline_given = false;
	enum report_format fmt = FMT_TEXT;
	struct strbuf out = STRBUF_INIT;
	struct results r = {0}, r2 = {0};
	struct row_filter filter[64];
	size_t nfilter = 0;
	char err[4200];
	bool compare = false;
	int c, rc = 0;

	swtlb_check_stdout_at_exit("swtlb-report");
	opterr = 0; /* our own one-line messages */
	while ((c = getopt_long(argc, argv, ":b:f:o:p:ch", opts, NULL)) != -1) {
		switch (c) {
		case 'b':
			if (!*optarg)
				return fail("--baseline: empty scheme name");
			baseline = optarg;
			baseline_given = true;
			break;
		case 'f':
			if (!strcmp(optarg, "text"))
				fmt = FMT_TEXT;
			else if (!strcmp(optarg, "markdown") ||
				 !strcmp(optarg, "md"))
				fmt = FMT_MARKDOWN;
			else if (!strcmp(optarg, "csv"))
				fmt = FMT_CSV;
			else {
				fprintf(stderr,
					"swtlb-report: --format: unknown "
					"format '%s' (text, markdown, csv)\n",
					optarg);
				return 2;
			}
			break;
		case 'o':
			out_path = optarg;
			break;
		case 'p':
			plot_dir = optarg;
			break;
		case 'c':
			compare = true;
			break;
		case 'w':
			if (nfilter == sizeof(filter) / sizeof(*filter))
				return fail("--where: too many filters");
			if (row_filter_parse(optarg, &filter[nfilter], err,
					     sizeof(err)) < 0)
				return fail(err);
			nfilter++;
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		case ':':
			fprintf(stderr, "swtlb-report: %s needs a value\n",
				argv[optind - 1]);
			return 2;
		default:
			fprintf(stderr,
				"swtlb-report: unknown option '%s' (see "
				"--help)\n",
				argv[optind - 1]);
			return 2;
		}
	}
	if (optind >= argc)
		return fail("no results CSV given (see --help)");
	if (compare && argc - optind != 2)
		return fail(
		    "--compare takes exactly two files: OLD.csv NEW.csv");
	if (out_path && strcmp(out_path, "-") &&
	    swtlb_out_check(out_path, err, sizeof(err)) < 0)
		return fail(err);
	if (out_is_input(out_path, &argv[optind], argc - optind))
		return fail("--out is one of the input files: the report would "
			    "replace its results");
	if (compare && baseline_given)
		return fail("--baseline has no effect with --compare (each "
			    "scheme is compared with itself in OLD.csv)");
	if (compare && plot_dir)
		return fail("--plot cannot be combined with --compare");
	if (plot_dir && plot_check_gnuplot() < 0)
		return fail(
		    "--plot needs gnuplot (Debian package gnuplot-nox), "
		    "not found in PATH");

	r.filter = r2.filter = filter;
	r.nfilter = r2.nfilter = nfilter;
	if (compare) {
		if (load_all(&r, &argv[optind], 1) < 0 ||
		    load_all(&r2, &argv[optind + 1], 1) < 0) {
			rc = 2;
			goto out;
		}
		report_compare(&r, argv[optind], &r2, argv[optind + 1], fmt,
			       &out);
	} else {
		if (load_all(&r, &argv[optind], argc - optind) < 0) {
			rc = 2;
			goto out;
		}
		if (!r.nrows) {
			rc = fail(r.nskipped ? "no rows match --where"
					     : "no result rows in the input");
			goto out;
		}
		report_schemes(&r, baseline, fmt, &out);
	}
	if (plot_dir && plot_write(&r, baseline, plot_dir) < 0) {
		rc = 2;
		goto out;
	}
	if (output_write(out_path, &out) < 0)
		rc = 2;
out:
	sb_free(&out);
	results_free(&r);
	results_free(&r2);
	return rc;
}
