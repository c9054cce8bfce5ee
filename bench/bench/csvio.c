// SPDX-License-Identifier: GPL-2.0-only
/* bench/bench/csvio.c: results file, resume and torn-line repair. */
#include "bench/bench/csvio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench/bench/plan.h"
#include "bench/common/csv.h"

#define MAX_FIELDS 64

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

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Column index by name in the header, -1 if absent. */
static int column(char **hdr, int n, const char *name)
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
	fprintf(stderr,
		"swtlb-bench: note: %s ended in a partial line (%zu bytes, "
		"left by an interrupted write); removed it\n",
		path, *len - keep);
	*len = keep;
	data[keep] = '\0';
	return 0;
}

struct cols {
	int workload, workload_params, scheme, layout, threads, size_dist, qd,
	    bounce, nareas, nslabs, kconfig, area_layout, rep, run_id, host;
};

static int find_cols(char **hdr, int n, struct cols *c)
{
	c->workload = column(hdr, n, "workload");
	c->workload_params = column(hdr, n, "workload_params");
	c->scheme = column(hdr, n, "scheme");
	c->layout = column(hdr, n, "layout");
	c->threads = column(hdr, n, "threads");
	c->size_dist = column(hdr, n, "size_dist");
	c->qd = column(hdr, n, "queue_depth");
	c->bounce = column(hdr, n, "bounce");
	c->nareas = column(hdr, n, "nareas");
	c->nslabs = column(hdr, n, "nslabs");
	c->kconfig = column(hdr, n, "kconfig");
	c->area_layout = column(hdr, n, "area_layout");
	c->rep = column(hdr, n, "rep");
	c->run_id = column(hdr, n, "run_id");
	c->host = column(hdr, n, "host");
	for (const int *p = &c->workload; p <= &c->host; p++)
		if (*p < 0)
			return -1;
	return 0;
}

static int add_done(struct swtlb_bench_existing *ex, char **f,
		    const struct cols *c)
{
	char key[1024], *entry, **grown;
	const char *scheme = f[c->scheme][0] ? f[c->scheme] : NULL;

	swtlb_bench_key(
	    key, sizeof(key), f[c->workload], f[c->workload_params], scheme,
	    f[c->layout], (unsigned int)strtoul(f[c->threads], 0, 10),
	    f[c->size_dist], (unsigned int)strtoul(f[c->qd], 0, 10),
	    strtoul(f[c->bounce], 0, 10) != 0,
	    (unsigned int)strtoul(f[c->nareas], 0, 10),
	    strtoul(f[c->nslabs], 0, 10), f[c->kconfig], f[c->area_layout]);
	entry = malloc(strlen(key) + 16);
	grown = realloc(ex->done, (ex->ndone + 1) * sizeof(*ex->done));
	if (!entry || !grown) {
		free(entry);
		if (grown)
			ex->done = grown;
		return -1;
	}
	ex->done = grown;
	sprintf(entry, "%s\x1f%s", key, f[c->rep]);
	ex->done[ex->ndone++] = entry;
	return 0;
}

static int parse_rows(const char *path, const char *this_host, char *data,
		      size_t len, struct swtlb_bench_existing *ex, char *err,
		      size_t errlen)
{
	char hbuf[4096], rbuf[8192];
	char *hdr[MAX_FIELDS], *f[MAX_FIELDS];
	char *nl = memchr(data, '\n', len), *line;
	const char *want = swtlb_csv_header();
	struct cols c;
	int nh;
	size_t lineno = 1;

	if (!nl || (size_t)(nl - data) != strlen(want) ||
	    memcmp(data, want, strlen(want)) != 0) {
		snprintf(err, errlen,
			 "%s: its header is not this schema's (version %d); "
			 "not appending to it",
			 path, SWTLB_CSV_SCHEMA_VERSION);
		return -1;
	}
	ex->has_header = true;
	nh = swtlb_csv_split(data, (size_t)(nl - data), hbuf, sizeof(hbuf), hdr,
			     MAX_FIELDS);
	if (nh < 0 || find_cols(hdr, nh, &c)) {
		snprintf(err, errlen, "%s: header lacks a needed column", path);
		return -1;
	}
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
		if (strcmp(f[c.host], this_host) != 0) {
			snprintf(err, errlen,
				 "%s:%zu: row measured on host '%s', this is "
				 "'%s'; not mixing hosts in one file",
				 path, lineno, f[c.host], this_host);
			return -1;
		}
		snprintf(ex->run_id, sizeof(ex->run_id), "%s", f[c.run_id]);
		snprintf(ex->host, sizeof(ex->host), "%s", f[c.host]);
		if (add_done(ex, f, &c)) {
			snprintf(err, errlen, "out of memory reading %s", path);
			return -1;
		}
		ex->nrows++;
	}
	qsort(ex->done, ex->ndone, sizeof(*ex->done), cmp_str);
	return 0;
}

int swtlb_bench_existing_load(const char *path, const char *this_host,
			      struct swtlb_bench_existing *ex, char *err,
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
		snprintf(err, errlen,
			 "%s: its header is not this schema's (version %d); "
			 "not appending to it",
			 path, SWTLB_CSV_SCHEMA_VERSION);
		free(data);
		return -1;
	}
	if (repair_tail(path, data, &len, err, errlen)) {
		free(data);
		return -1;
	}
	rc = len ? parse_rows(path, this_host, data, len, ex, err, errlen) : 0;
	free(data);
	if (rc)
		swtlb_bench_existing_free(ex);
	return rc;
}

bool swtlb_bench_existing_has(const struct swtlb_bench_existing *ex,
			      const char *key, unsigned int rep)
{
	char probe[1024], *p = probe;

	if (!ex || !ex->ndone)
		return false;
	snprintf(probe, sizeof(probe), "%s\x1f%u", key, rep);
	return bsearch(&p, ex->done, ex->ndone, sizeof(*ex->done), cmp_str) !=
	       NULL;
}

void swtlb_bench_existing_free(struct swtlb_bench_existing *ex)
{
	for (size_t i = 0; i < ex->ndone; i++)
		free(ex->done[i]);
	free(ex->done);
	ex->done = NULL;
	ex->ndone = 0;
}

/*
 * The file is created on the first row, so an impossible --out would only
 * show after the first measurement: check now that it can be written.
 */
static int check_writable(const char *path, char *err, size_t errlen)
{
	const char *why = NULL;
	char dir[4096];
	struct stat st;
	char *slash;

	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			snprintf(err, errlen, "--out %s: is a directory", path);
			return -1;
		}
		if (access(path, W_OK) != 0) {
			snprintf(err, errlen, "--out %s: %s", path,
				 strerror(errno));
			return -1;
		}
		return 0;
	}
	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (!slash)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	if (stat(dir, &st) != 0)
		why = strerror(errno);
	else if (!S_ISDIR(st.st_mode))
		why = "not a directory";
	else if (access(dir, W_OK | X_OK) != 0)
		why = strerror(errno);
	if (why) {
		snprintf(err, errlen, "--out %s: cannot create it in %s: %s",
			 path, dir, why);
		return -1;
	}
	return 0;
}

int swtlb_bench_out_init(struct swtlb_bench_out *out, const char *path,
			 bool resume, const struct swtlb_bench_existing *ex,
			 char *err, size_t errlen)
{
	memset(out, 0, sizeof(*out));
	out->fd = -1;
	if (!path || !*path || !strcmp(path, "-")) {
		out->need_header = true;
		return 0;
	}
	if (strlen(path) >= sizeof(out->path)) {
		snprintf(err, errlen, "--out: path too long");
		return -1;
	}
	strcpy(out->path, path);
	if (check_writable(path, err, errlen))
		return -1;
	if (!resume && access(path, F_OK) == 0) {
		snprintf(err, errlen,
			 "--out %s: file exists; add --resume to continue it, "
			 "or choose another file",
			 path);
		return -1;
	}
	out->append = resume && ex && ex->has_header;
	out->need_header = !out->append;
	return 0;
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

static int out_open(struct swtlb_bench_out *out, char *err, size_t errlen)
{
	int flags = O_WRONLY | O_APPEND | O_CLOEXEC;

	if (!out->path[0]) {
		out->fd = STDOUT_FILENO;
		return 0;
	}
	/* A new file must not appear between our check and now. */
	if (!out->append)
		flags |= O_CREAT | (access(out->path, F_OK) == 0 ? 0 : O_EXCL);
	out->fd = open(out->path, flags, 0644);
	if (out->fd < 0) {
		snprintf(err, errlen, "--out %s: %s", out->path,
			 strerror(errno));
		return -1;
	}
	return 0;
}

int swtlb_bench_out_row(struct swtlb_bench_out *out, const char *row,
			size_t len, char *err, size_t errlen)
{
	if (out->fd < 0 && out_open(out, err, errlen))
		return -1;
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

void swtlb_bench_out_close(struct swtlb_bench_out *out)
{
	if (out->fd >= 0 && out->fd != STDOUT_FILENO)
		close(out->fd);
	out->fd = -1;
}
