// SPDX-License-Identifier: GPL-2.0-only
/* bench/common/results.c: the results file, its torn-line repair and
 * reading it back (see results.h). */
#include "bench/common/results.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench/common/csv.h"
#include "util/outpath.h"

#define MAX_FIELDS 128

int swtlb_csv_split(const char *line, size_t len, char *buf, size_t buflen,
		    char **fields, int max)
{
	size_t i = 0, o = 0;
	int n = 0;

	for (;;) {
		if (n == max || o >= buflen)
			return -1;
		fields[n++] = buf + o;
		if (i < len && line[i] == '"') {
			i++;
			for (;;) {
				if (i >= len)
					return -1; /* unterminated quote */
				if (line[i] == '"') {
					if (i + 1 < len && line[i + 1] == '"') {
						i += 2;
						if (o + 1 >= buflen)
							return -1;
						buf[o++] = '"';
						continue;
					}
					i++;
					break;
				}
				if (o + 1 >= buflen)
					return -1;
				buf[o++] = line[i++];
			}
			if (i < len && line[i] != ',')
				return -1; /* text after a closing quote */
		} else {
			while (i < len && line[i] != ',') {
				if (line[i] == '"' || o + 1 >= buflen)
					return -1;
				buf[o++] = line[i++];
			}
		}
		buf[o++] = '\0';
		if (i >= len)
			return n;
		i++; /* the comma */
	}
}

int swtlb_results_column(char **hdr, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(hdr[i], name))
			return i;
	return -1;
}

static char *read_all(const char *path, size_t *len, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	long size;

	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if (fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET)) {
		snprintf(err, errlen, "%s: cannot read: %s", path,
			 strerror(errno));
		fclose(f);
		return NULL;
	}
	data = malloc((size_t)size + 1);
	if (!data || fread(data, 1, (size_t)size, f) != (size_t)size) {
		snprintf(err, errlen, "%s: cannot read", path);
		free(data);
		fclose(f);
		return NULL;
	}
	data[size] = '\0';
	*len = (size_t)size;
	fclose(f);
	return data;
}

static int not_ours(const char *path, char *err, size_t errlen)
{
	snprintf(err, errlen,
		 "%s: its header is not this schema's (version %d); not "
		 "appending to it",
		 path, SWTLB_CSV_SCHEMA_VERSION);
	return -1;
}

/*
 * Whether data is a results file of this schema: its first line is the
 * header, or the whole file is a torn prefix of it (killed while writing
 * the header). Checked before repair_tail() truncates anything.
 */
static bool starts_with_header(const char *data, size_t len)
{
	const char *want = swtlb_csv_header();
	size_t wlen = strlen(want);

	if (len <= wlen)
		return memcmp(data, want, len) == 0;
	return memcmp(data, want, wlen) == 0 && data[wlen] == '\n';
}

/* Cuts a partial last line (no newline) off the file. */
static int repair_tail(const char *path, char *data, size_t *len, char *err,
		       size_t errlen)
{
	size_t keep = *len;

	if (keep == 0 || data[keep - 1] == '\n')
		return 0;
	while (keep > 0 && data[keep - 1] != '\n')
		keep--;
	if (truncate(path, (off_t)keep)) {
		snprintf(err, errlen,
			 "%s: cannot cut the partial last line: %s", path,
			 strerror(errno));
		return -1;
	}
	/* The tool's own name (GNU): swtlb-bench, swtlb-sim. */
	fprintf(stderr,
		"%s: note: %s ended in a partial line (%zu bytes, left by an "
		"interrupted write); removed it\n",
		program_invocation_short_name, path, *len - keep);
	*len = keep;
	data[keep] = '\0';
	return 0;
}

/* The row loop of a file whose header is this schema's. */
static int parse_rows(const char *path, const char *this_host, char *data,
		      size_t len, struct swtlb_results_existing *ex,
		      swtlb_results_row_fn fn, void *arg, char *err,
		      size_t errlen)
{
	char hbuf[4096], rbuf[8192];
	char *hdr[MAX_FIELDS], *f[MAX_FIELDS];
	char *nl = memchr(data, '\n', len), *line;
	const char *want = swtlb_csv_header();
	int nh, host, run_id;
	size_t lineno = 1;

	if (!nl || (size_t)(nl - data) != strlen(want) ||
	    memcmp(data, want, strlen(want)) != 0)
		return not_ours(path, err, errlen);
	ex->has_header = true;
	nh = swtlb_csv_split(data, (size_t)(nl - data), hbuf, sizeof(hbuf), hdr,
			     MAX_FIELDS);
	host = swtlb_results_column(hdr, nh, "host");
	run_id = swtlb_results_column(hdr, nh, "run_id");
	for (line = nl + 1; line < data + len; line = nl + 1) {
		int n;

		lineno++;
		nl = memchr(line, '\n', (size_t)(data + len - line));
		n = swtlb_csv_split(line, (size_t)(nl - line), rbuf,
				    sizeof(rbuf), f, MAX_FIELDS);
		if (n != nh) {
			snprintf(err, errlen,
				 "%s:%zu: malformed row (%d cells, want %d); "
				 "not resuming",
				 path, lineno, n, nh);
			return -1;
		}
		if (strcmp(f[host], this_host) != 0) {
			snprintf(err, errlen,
				 "%s:%zu: row measured on host '%s', this is "
				 "'%s'; not mixing hosts in one file",
				 path, lineno, f[host], this_host);
			return -1;
		}
		snprintf(ex->run_id, sizeof(ex->run_id), "%s", f[run_id]);
		snprintf(ex->host, sizeof(ex->host), "%s", f[host]);
		if (fn && fn(arg, hdr, f, n)) {
			snprintf(err, errlen, "out of memory reading %s", path);
			return -1;
		}
		ex->nrows++;
	}
	return 0;
}

int swtlb_results_load(const char *path, const char *this_host,
		       struct swtlb_results_existing *ex,
		       swtlb_results_row_fn fn, void *arg, char *err,
		       size_t errlen)
{
	size_t len = 0;
	char *data;
	int rc;

	memset(ex, 0, sizeof(*ex));
	if (access(path, F_OK) != 0)
		return 0;
	ex->exists = true;
	data = read_all(path, &len, err, errlen);
	if (!data)
		return -1;
	/* Never cut anything off a file that is not ours. */
	if (!starts_with_header(data, len)) {
		free(data);
		return not_ours(path, err, errlen);
	}
	if (repair_tail(path, data, &len, err, errlen)) {
		free(data);
		return -1;
	}
	rc = len ? parse_rows(path, this_host, data, len, ex, fn, arg, err,
			      errlen)
		 : 0;
	free(data);
	return rc;
}

/* The file we created, removed at exit if it got no row (a run that
 * failed or was stopped before measuring anything leaves nothing). */
static struct swtlb_results_out *created_out;

static void drop_empty_created(void)
{
	if (created_out && created_out->created && !created_out->rows)
		unlink(created_out->path);
}

int swtlb_results_out_open(struct swtlb_results_out *out, const char *path,
			   bool resume, char *err, size_t errlen)
{
	char why[4200];

	memset(out, 0, sizeof(*out));
	out->fd = -1;
	if (!path || !*path || !strcmp(path, "-")) {
		out->fd = STDOUT_FILENO;
		out->need_header = true;
		return 0;
	}
	if (strlen(path) >= sizeof(out->path)) {
		snprintf(err, errlen, "--out: path too long");
		return -1;
	}
	strcpy(out->path, path);
	if (swtlb_out_check(path, why, sizeof(why))) {
		snprintf(err, errlen, "--out %s", why);
		return -1;
	}
	out->fd = open(
	    path, O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0644);
	out->created = out->fd >= 0;
	if (out->fd < 0 && errno == EEXIST) {
		if (!resume) {
			snprintf(err, errlen,
				 "--out %s: file exists; add --resume to "
				 "continue it, or choose another file",
				 path);
			return -1;
		}
		out->fd =
		    open(path, O_RDWR | O_APPEND | O_NOFOLLOW | O_CLOEXEC);
	}
	if (out->fd < 0) {
		snprintf(err, errlen, "--out %s: %s", path, strerror(errno));
		return -1;
	}
	if (out->created) {
		created_out = out;
		atexit(drop_empty_created);
	}
	if (flock(out->fd, LOCK_EX | LOCK_NB) != 0) {
		snprintf(err, errlen,
			 "--out %s: another run is writing it (locked); wait "
			 "for it to end or choose another file",
			 path);
		close(out->fd);
		out->fd = -1;
		return -1;
	}
	return 0;
}

void swtlb_results_out_init(struct swtlb_results_out *out,
			    const struct swtlb_results_existing *ex)
{
	if (!out->path[0])
		return;
	out->append = ex && ex->has_header;
	out->need_header = !out->append;
}

/* write() until done; a row is small, so this is one call in practice. */
static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

int swtlb_results_out_row(struct swtlb_results_out *out, const char *row,
			  size_t len, char *err, size_t errlen)
{
	if (out->fd < 0) {
		snprintf(err, errlen, "--out: not open");
		return -1;
	}
	if (out->need_header) {
		const char *h = swtlb_csv_header();
		size_t hl = strlen(h);
		char *line = malloc(hl + 2);

		if (!line) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		memcpy(line, h, hl);
		line[hl] = '\n';
		if (write_all(out->fd, line, hl + 1)) {
			snprintf(err, errlen, "%s: write: %s",
				 out->path[0] ? out->path : "stdout",
				 strerror(errno));
			free(line);
			return -1;
		}
		free(line);
		out->need_header = false;
	}
	if (write_all(out->fd, row, len)) {
		snprintf(err, errlen, "%s: write: %s",
			 out->path[0] ? out->path : "stdout", strerror(errno));
		return -1;
	}
	/* On stdout (a pipe, a terminal) there is nothing to sync. */
	if (out->path[0] && fsync(out->fd)) {
		snprintf(err, errlen, "%s: fsync: %s", out->path,
			 strerror(errno));
		return -1;
	}
	out->rows++;
	return 0;
}

void swtlb_results_out_close(struct swtlb_results_out *out)
{
	/* Unlinked before the lock goes: no other run can have it yet. */
	if (out->created && !out->rows)
		unlink(out->path);
	out->created = false;
	if (out->fd >= 0 && out->fd != STDOUT_FILENO)
		close(out->fd);
	out->fd = -1;
}
