/*
 * bench_rtfcp: compressed RTF ([MS-OXRTFCP], PidTagRtfCompressed)
 * measured on one core, without a server.
 *
 * Data, generated from a fixed seed: the RTF bodies the store writes,
 * i.e. plain-text bodies encapsulated as RTF (\fromtext) and HTML
 * bodies encapsulated as RTF (\fromhtml1, [MS-OXRTFEX]), of 4 KB, 64 KB
 * and 1 MB.  Each body is compressed ("LZFu") and decompressed on its
 * own, as one property value is.  Baseline: memcpy of the same bodies
 * in the same run.  Figures are MB/s (10^6 bytes of RTF per second of
 * this thread's CPU time), medians of several repetitions after a
 * warm-up; a repetition repeats the data set until it lasts at least
 * --min-time seconds.  Every body is checked to round-trip first.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "libmapi/ndr/rtfcp.h"
#include "libmapi/ndr/body_convert.h"
#include "bench_cpu.h"

#define MB	1e6

struct dataset {
	const char *name;
	const char *what;
	size_t count;
	uint8_t **rtf;		/* the uncompressed bodies */
	size_t *len;
	uint8_t **comp;		/* their compressed values */
	size_t *comp_len;
	uint8_t **out;		/* memcpy targets */
	size_t bytes, comp_bytes;
	double memcpy_s, compress_s, decompress_s;
};

/* ----------------------------------------------------------- data */

static const char *const words[] = {
	"the", "of", "and", "to", "a", "in", "is", "for", "that", "on", "we",
	"you", "with", "meeting", "please", "report", "project", "team",
	"thanks", "review", "next", "week", "budget", "attached", "schedule",
	"customer", "update", "Monday", "Friday", "quarter", "Z\xc3\xbcrich",
	"M\xc3\xbcller", "Fran\xc3\xa7ois", "\xe2\x82\xac" "100", "Regards",
	"deadline", "contract", "invoice", "delivery", "tomorrow",
};

#define NWORDS (sizeof(words) / sizeof(words[0]))

static const char *pick(struct bench_rng *r)
{
	uint64_t u = bench_rng_next(r) % 1024;

	return words[(u * u * NWORDS) >> 20];
}

static char *paragraph(TALLOC_CTX *mem, struct bench_rng *r)
{
	char *p = talloc_strdup(mem, "");
	unsigned n = 8 + bench_rng_next(r) % 40, i;

	for (i = 0; p != NULL && i < n; i++) {
		p = talloc_asprintf_append(p, "%s%s", i ? " " : "", pick(r));
	}
	return p ? talloc_strdup_append(p, ".") : NULL;
}

/* A plain-text mail of about @p size bytes */
static char *text_body(TALLOC_CTX *mem, struct bench_rng *r, size_t size)
{
	char *t = talloc_strdup(mem, "Hello,\r\n\r\n");

	while (t != NULL && strlen(t) < size) {
		char *para = paragraph(t, r);
		const char *form = bench_rng_next(r) % 6 ? "%s\r\n\r\n" :
							    "> %s\r\n>\r\n";

		t = talloc_asprintf_append(t, form, para);
	}
	return t;
}

/* An HTML mail of about @p size bytes, as mail clients style them */
static char *html_body(TALLOC_CTX *mem, struct bench_rng *r, size_t size)
{
	char *t = talloc_strdup(mem,
		"<html><head><meta http-equiv=\"Content-Type\" content=\""
		"text/html; charset=utf-8\"><style>p.MsoNormal {margin:0cm; "
		"font-size:11.0pt; font-family:\"Calibri\",sans-serif;}"
		"</style></head>\r\n<body lang=\"EN-US\"><div class=\"Word"
		"Section1\">\r\n");

	while (t != NULL && strlen(t) < size) {
		t = talloc_asprintf_append(t,
			"<p class=\"MsoNormal\"><span style=\"color:#1F497D\">"
			"%s</span> &amp; <b>%s</b><o:p>&nbsp;</o:p></p>\r\n",
			paragraph(t, r), pick(r));
	}
	return t ? talloc_strdup_append(t, "</div></body></html>\r\n") : NULL;
}

static bool make_dataset(struct bench_cpu *b, struct dataset *d, bool html,
			 size_t size, size_t count)
{
	size_t i;

	d->count = count;
	d->rtf = talloc_zero_array(b->mem, uint8_t *, count);
	d->len = talloc_zero_array(b->mem, size_t, count);
	d->comp = talloc_zero_array(b->mem, uint8_t *, count);
	d->comp_len = talloc_zero_array(b->mem, size_t, count);
	d->out = talloc_zero_array(b->mem, uint8_t *, count);
	if (!d->rtf || !d->len || !d->comp || !d->comp_len || !d->out) {
		return false;
	}
	for (i = 0; i < count; i++) {
		char *body = html ? html_body(b->mem, &b->rng, size) :
				    text_body(b->mem, &b->rng, size);
		char *rtf = NULL;
		size_t len = 0;
		enum MAPISTATUS ret;

		if (body == NULL) {
			return false;
		}
		ret = html ? mapi_html_to_rtf(b->mem, body, strlen(body), 1252,
					      &rtf, &len) :
			     mapi_text_to_rtf(b->mem, body, strlen(body), 1252,
					      &rtf, &len);
		talloc_free(body);
		if (ret != MAPI_E_SUCCESS) {
			return false;
		}
		/* exactly @p size bytes: the RTF cut there (the codec does
		 * not look inside) */
		d->len[i] = len < size ? len : size;
		d->rtf[i] = (uint8_t *)rtf;
		d->out[i] = talloc_size(b->mem, d->len[i] + 1);
		if (d->out[i] == NULL) {
			return false;
		}
	}
	return true;
}

/* ----------------------------------------------------------- timing */

enum op { OP_MEMCPY, OP_COMPRESS, OP_DECOMPRESS };

/* One pass of @a op (an enum op) over every body of the dataset @a data */
static bool run_pass(void *data, int op)
{
	struct dataset *d = data;
	TALLOC_CTX *tmp = talloc_new(NULL);
	bool ok = tmp != NULL;
	size_t i, n;
	uint8_t *out;

	for (i = 0; ok && i < d->count; i++) {
		switch (op) {
		case OP_MEMCPY:
			memcpy(d->out[i], d->rtf[i], d->len[i]);
			bench_cpu_clobber(d->out[i]);
			break;
		case OP_COMPRESS:
			ok = mapi_rtfcp_compress(tmp, d->rtf[i], d->len[i],
						 true, &out, &n) ==
			     MAPI_E_SUCCESS;
			break;
		case OP_DECOMPRESS:
			ok = mapi_rtfcp_decompress(tmp, d->comp[i],
						   d->comp_len[i], &out, &n) ==
			     MAPI_E_SUCCESS;
			break;
		}
		if (op != OP_MEMCPY) {
			talloc_free_children(tmp);
		}
	}
	talloc_free(tmp);
	return ok;
}

/* Compress each body once and check that it comes back intact */
static bool prepare(struct bench_cpu *b, struct dataset *d)
{
	size_t i, n;
	uint8_t *back;

	d->bytes = d->comp_bytes = 0;
	for (i = 0; i < d->count; i++) {
		if (mapi_rtfcp_compress(b->mem, d->rtf[i], d->len[i], true,
					&d->comp[i], &d->comp_len[i]) !=
		    MAPI_E_SUCCESS ||
		    mapi_rtfcp_decompress(b->mem, d->comp[i], d->comp_len[i],
					  &back, &n) != MAPI_E_SUCCESS ||
		    n != d->len[i] || memcmp(back, d->rtf[i], n) != 0) {
			fprintf(stderr, "bench_rtfcp: %s: body %zu does not "
				"round-trip\n", d->name, i);
			return false;
		}
		talloc_free(back);
		d->bytes += d->len[i];
		d->comp_bytes += d->comp_len[i];
	}
	return true;
}

static double mb_s(const struct dataset *d, double s)
{
	return s > 0 ? d->bytes / s / MB : -1;
}

static bool run_dataset(struct bench_cpu *b, struct dataset *d)
{
	if (!prepare(b, d)) {
		return false;
	}
	d->memcpy_s = bench_cpu_measure(b, run_pass, d, OP_MEMCPY);
	d->compress_s = bench_cpu_measure(b, run_pass, d, OP_COMPRESS);
	d->decompress_s = bench_cpu_measure(b, run_pass, d, OP_DECOMPRESS);
	if (d->memcpy_s <= 0 || d->compress_s <= 0 || d->decompress_s <= 0) {
		fprintf(stderr, "bench_rtfcp: %s: measurement failed\n",
			d->name);
		return false;
	}
	printf("%-10s %3zu x %7zu B  ratio %5.2f  compress %7.1f MB/s  "
	       "decompress %7.1f MB/s  memcpy %8.1f MB/s\n", d->name,
	       d->count, d->bytes / d->count,
	       (double)d->bytes / d->comp_bytes, mb_s(d, d->compress_s),
	       mb_s(d, d->decompress_s), mb_s(d, d->memcpy_s));
	return true;
}

/* ----------------------------------------------------------- results */

static void json_dataset(FILE *f, const struct dataset *d, bool last)
{
	double cpy = mb_s(d, d->memcpy_s);
	double c = mb_s(d, d->compress_s), x = mb_s(d, d->decompress_s);

	fprintf(f, "  \"%s_data\": \"%s\",\n", d->name, d->what);
	fprintf(f, "  \"%s_bodies\": %zu,\n", d->name, d->count);
	fprintf(f, "  \"%s_bytes\": %zu,\n", d->name, d->bytes);
	fprintf(f, "  \"%s_compressed_bytes\": %zu,\n", d->name,
		d->comp_bytes);
	fprintf(f, "  \"%s_compression_ratio\": %.4g,\n", d->name,
		(double)d->bytes / d->comp_bytes);
	fprintf(f, "  \"%s_memcpy_mb_s\": %.6g,\n", d->name, cpy);
	fprintf(f, "  \"%s_compress_mb_s\": %.6g,\n", d->name, c);
	fprintf(f, "  \"%s_compress_vs_memcpy_ratio\": %.4g,\n", d->name,
		c / cpy);
	fprintf(f, "  \"%s_decompress_mb_s\": %.6g,\n", d->name, x);
	fprintf(f, "  \"%s_decompress_vs_memcpy_ratio\": %.4g%s\n", d->name,
		x / cpy, last ? "" : ",");
}

static int write_json(const struct bench_cpu *b, const char *path,
		      const struct dataset *ds, size_t n)
{
	FILE *f = fopen(path, "w");
	size_t i;

	if (f == NULL) {
		perror(path);
		return 1;
	}
	bench_cpu_json_settings(f, b, "rtfcp",
				"compressed RTF (LZFu), MS-OXRTFCP");
	fprintf(f, "  \"mb\": \"10^6 bytes of uncompressed RTF\",\n");
	fprintf(f, "  \"baseline\": \"memcpy of the same bodies, same run\","
		"\n  \"datasets\": [");
	for (i = 0; i < n; i++) {
		fprintf(f, "%s\"%s\"", i ? ", " : "", ds[i].name);
	}
	fprintf(f, "],\n");
	for (i = 0; i < n; i++) {
		json_dataset(f, &ds[i], i + 1 == n);
	}
	fprintf(f, "}\n");
	if (fclose(f) != 0) {
		perror(path);
		return 1;
	}
	return 0;
}

#define NDATASETS 6

static bool make_datasets(struct bench_cpu *b, struct dataset *ds)
{
	static const struct {
		const char *name;
		bool html;
		size_t size, count;
	} sets[NDATASETS] = {
		{ "text_4k", false, 4096, 32 }, { "text_64k", false, 65536, 2 },
		{ "text_1m", false, 1 << 20, 1 }, { "html_4k", true, 4096, 32 },
		{ "html_64k", true, 65536, 2 }, { "html_1m", true, 1 << 20, 1 },
	};
	size_t i;

	for (i = 0; i < NDATASETS; i++) {
		ds[i].name = sets[i].name;
		ds[i].what = sets[i].html ?
			"HTML mail bodies encapsulated as RTF (\\\\fromhtml1)" :
			"plain-text mail bodies encapsulated as RTF "
			"(\\\\fromtext)";
		if (!make_dataset(b, &ds[i], sets[i].html, sets[i].size,
				  sets[i].count)) {
			return false;
		}
	}
	return true;
}

int main(int argc, const char **argv)
{
	struct bench_cpu b = { .seed = 0x52544643ULL };
	struct dataset ds[NDATASETS];
	char *json = NULL;
	int rc, i;

	memset(ds, 0, sizeof(ds));
	rc = bench_cpu_start(&b, "bench_rtfcp", argc, argv, &json);
	if (rc != 0) {
		goto out;
	}
	rc = 1;
	if (!make_datasets(&b, ds)) {
		fprintf(stderr, "bench_rtfcp: cannot build the data\n");
		goto out;
	}
	for (i = 0; i < NDATASETS; i++) {
		if (!run_dataset(&b, &ds[i])) {
			goto out;
		}
	}
	rc = json != NULL ? write_json(&b, json, ds, NDATASETS) : 0;
out:
	talloc_free(b.mem);
	free(json);
	return rc;
}
