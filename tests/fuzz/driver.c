/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tests/fuzz/driver.c: runs a fuzz entry point over files without
 * libFuzzer, so the committed corpus and past crashers are replayed by the
 * normal (and sanitizer) builds in CI.
 *
 *   fuzz_X_replay FILE|DIR...
 *
 * Exit status: 0 every file ran, 2 a file could not be read; a defect
 * aborts (or is reported by a sanitizer) like under the fuzzer.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path, size_t *nrun)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (!f) {
		fprintf(stderr, "%s: cannot open: %s\n", path, strerror(errno));
		return -1;
	}
	do {
		if (cap - len < 65536) {
			char *b = realloc(buf, cap + 65536);

			if (!b) {
				fprintf(stderr, "%s: out of memory\n", path);
				free(buf);
				fclose(f);
				return -1;
			}
			buf = b;
			cap += 65536;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	if (ferror(f)) {
		fprintf(stderr, "%s: read error\n", path);
		free(buf);
		fclose(f);
		return -1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
	free(buf);
	(*nrun)++;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file in dir (not recursive), in name order. */
static int run_dir(const char *dir, size_t *nrun)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0;
	int rc = 0;

	if (!d) {
		fprintf(stderr, "%s: cannot open: %s\n", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d))) {
		char **nn;

		if (e->d_name[0] == '.')
			continue;
		nn = realloc(names, (n + 1) * sizeof(*names));
		if (!nn ||
		    !(nn[n] = malloc(strlen(dir) + strlen(e->d_name) + 2))) {
			fprintf(stderr, "%s: out of memory\n", dir);
			free(nn ? nn : names);
			closedir(d);
			return -1;
		}
		names = nn;
		sprintf(names[n++], "%s/%s", dir, e->d_name);
	}
	closedir(d);
	if (n) /* qsort(NULL, 0, ...) is undefined */
		qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n; i++) {
		if (!rc && run_file(names[i], nrun))
			rc = -1;
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	size_t nrun = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		struct stat st;
		int rc;

		if (stat(argv[i], &st)) {
			fprintf(stderr, "%s: %s\n", argv[i], strerror(errno));
			return 2;
		}
		rc = S_ISDIR(st.st_mode) ? run_dir(argv[i], &nrun)
					 : run_file(argv[i], &nrun);
		if (rc)
			return 2;
	}
	if (!nrun) {
		fprintf(stderr, "%s: no input files\n", argv[0]);
		return 2; /* an empty corpus must not pass */
	}
	printf("%zu inputs ran\n", nrun);
	return 0;
}
