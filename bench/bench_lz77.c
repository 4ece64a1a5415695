/*
 * bench_lz77: the MAPI extended buffer compression ([MS-OXCRPC]
 * 3.1.4.1.1.2, LZ77 + DIRECT2) measured on one core, without a server.
 *
 * Data, all generated from a fixed seed:
 *  - rop_responses: ROP output buffers (MS-OXCROPS 2.2.1) of at most
 *    32 KB, built with the project's own marshalling: RopQueryRows
 *    responses of a contents table and RopGetPropertiesSpecific responses
 *    of whole messages, with many string and binary properties;
 *  - rop_requests: the ROP input buffers that ask for them (open folder,
 *    contents table, SetColumns, QueryRows, OpenMessage,
 *    GetPropertiesSpecific, Release), small as real requests are;
 *  - text_* and html_*: plain-text and HTML-like message bodies of 4 KB,
 *    64 KB and 1 MB.
 * Each buffer is compressed and decompressed on its own, as one
 * RPC_HEADER_EXT payload is.  Baseline: memcpy of the same buffers in the
 * same run.  Each figure is the median of several repetitions after a
 * warm-up; a repetition repeats the whole data set until it lasts at
 * least --min-time seconds of this thread's CPU time (the machine may
 * be shared: time other processes take from it is not counted).  Every decompression is checked against the
 * original before anything is timed.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <talloc.h>
#include <ndr.h>

#include "gen_ndr/ndr_rop_types.h"
#include "gen_ndr/ndr_rops.h"
#include "libmapi/ndr/lz77.h"
#include "libmapi/ndr/property_row.h"
#include "libmapi/ndr/rop_buffer.h"
#include "bench_cpu.h"

/* Targets of issue 7, one core */
#define TARGET_COMPRESS_MB_S	300.0
#define TARGET_DECOMPRESS_MB_S	1000.0

/* ROP buffers stay below what RopSize and the extended buffer allow */
#define ROP_BUFFER_MAX		(32 * 1024)

#define MB			1e6

static uint32_t rng_below(struct bench_rng *r, uint32_t n)
{
	return bench_rng_next(r) % n;
}

/* One data set: buffers compressed one by one */
struct dataset {
	const char *name;
	const char *what;
	size_t count;
	DATA_BLOB *in;
	DATA_BLOB *comp;	/* compressed, sized exactly */
	uint8_t **out;		/* decompression/memcpy targets */
	size_t bytes;
	size_t comp_bytes;
	double memcpy_s, compress_s, decompress_s;	/* medians per pass */
};

/*
 * Text generation
 */

static const char *const words[] = {
	"the", "of", "and", "to", "a", "in", "is", "for", "that", "on",
	"we", "you", "with", "be", "this", "will", "as", "are", "it", "have",
	"meeting", "please", "report", "project", "team", "thanks", "review",
	"next", "week", "budget", "attached", "schedule", "customer", "update",
	"Monday", "Friday", "quarter", "numbers", "draft", "version", "server",
	"mailbox", "calendar", "invitation", "office", "call", "agenda",
	"Regards", "question", "deadline", "contract", "invoice", "delivery",
	"Zürich", "Müller", "François", "São", "Paulo", "Kraków", "Łódź",
	"could", "should", "would", "about", "from", "our", "their", "after",
	"before", "discussed", "confirm", "available", "tomorrow", "morning",
};

#define NWORDS (sizeof(words) / sizeof(words[0]))

/* Frequent words first: u^2 skews the choice like word frequencies do */
static const char *pick_word(struct bench_rng *r)
{
	uint64_t u = rng_below(r, 1024);

	return words[(u * u * NWORDS) >> 20];
}

static char *sentence(TALLOC_CTX *mem, struct bench_rng *r)
{
	unsigned n = 4 + rng_below(r, 14);
	char *s = talloc_strdup(mem, "");
	unsigned i;

	for (i = 0; i < n && s != NULL; i++) {
		const char *w = pick_word(r);

		if (i == 0) {
			s = talloc_asprintf_append(s, "%c%s", w[0] & ~0x20,
						   w + 1);
		} else {
			s = talloc_asprintf_append(s, " %s", w);
		}
	}
	return s ? talloc_asprintf_append(s, "%s", rng_below(r, 6) ?
					  ". " : "? ") : NULL;
}

static char *paragraph(TALLOC_CTX *mem, struct bench_rng *r)
{
	unsigned n = 2 + rng_below(r, 5);
	char *p = talloc_strdup(mem, "");
	unsigned i;

	for (i = 0; i < n && p != NULL; i++) {
		p = talloc_strdup_append(p, sentence(p, r));
	}
	return p;
}

/* A plain-text body: greeting, paragraphs, a quoted earlier mail with
 * its header lines, a signature */
static DATA_BLOB text_body(TALLOC_CTX *mem, struct bench_rng *r, size_t size)
{
	char *t = talloc_strdup(mem, "Hello,\r\n\r\n");

	while (t != NULL && strlen(t) < size) {
		unsigned kind = rng_below(r, 10);

		if (kind == 0) {
			t = talloc_asprintf_append(t,
				"\r\n-----Original Message-----\r\n"
				"From: %s <user%u@example.com>\r\n"
				"Sent: %u March 2026 %02u:%02u\r\n"
				"Subject: RE: %s\r\n\r\n", pick_word(r),
				rng_below(r, 10000), 1 + rng_below(r, 28),
				rng_below(r, 24), rng_below(r, 60),
				sentence(t, r));
		} else if (kind == 1) {
			t = talloc_asprintf_append(t, "> %s\r\n> %s\r\n>\r\n",
						   sentence(t, r),
						   sentence(t, r));
		} else if (kind == 2) {
			t = talloc_strdup_append(t,
				"Best regards,\r\nAlice Example\r\nSales, "
				"Example Ltd.\r\n+41 44 555 01 23\r\n\r\n");
		} else {
			t = talloc_asprintf_append(t, "%s\r\n\r\n",
						   paragraph(t, r));
		}
	}
	if (t == NULL) {
		return data_blob_null;
	}
	return data_blob_talloc(mem, t, size);
}

/* An HTML body as mail clients write it: style-heavy markup around the
 * same kind of text */
static DATA_BLOB html_body(TALLOC_CTX *mem, struct bench_rng *r, size_t size)
{
	char *t = talloc_strdup(mem,
		"<html xmlns:o=\"urn:schemas-microsoft-com:office:office\">"
		"<head><meta http-equiv=\"Content-Type\" content=\"text/html; "
		"charset=utf-8\"><style>p.MsoNormal, li.MsoNormal "
		"{margin:0cm; font-size:11.0pt; font-family:\"Calibri\","
		"sans-serif;}</style></head><body lang=\"EN-US\" "
		"link=\"#0563C1\"><div class=\"WordSection1\">\r\n");

	while (t != NULL && strlen(t) < size) {
		unsigned kind = rng_below(r, 8);

		if (kind == 0) {
			t = talloc_asprintf_append(t,
				"<table border=\"1\" cellpadding=\"4\"><tr><td "
				"style=\"border:solid #BFBFBF 1.0pt\">%s</td>"
				"<td style=\"border:solid #BFBFBF 1.0pt\">%u"
				"</td></tr></table>\r\n", pick_word(r),
				rng_below(r, 100000));
		} else if (kind == 1) {
			t = talloc_asprintf_append(t,
				"<p class=\"MsoNormal\"><a href=\"https://"
				"intranet.example.com/sites/%s/doc%u.docx\">"
				"%s</a><o:p></o:p></p>\r\n", pick_word(r),
				rng_below(r, 1000), sentence(t, r));
		} else {
			t = talloc_asprintf_append(t,
				"<p class=\"MsoNormal\"><span style=\"font-size:"
				"11.0pt;font-family:&quot;Calibri&quot;,sans-"
				"serif;color:#1F497D\">%s</span><o:p></o:p>"
				"</p>\r\n", paragraph(t, r));
		}
	}
	if (t == NULL) {
		return data_blob_null;
	}
	return data_blob_talloc(mem, t, size);
}

/*
 * ROP buffers
 */

#define PR_MESSAGE_CLASS_W		0x001A001F
#define PR_IMPORTANCE			0x00170003
#define PR_SUBJECT_W			0x0037001F
#define PR_CONVERSATION_TOPIC_W		0x0070001F
#define PR_CONVERSATION_INDEX		0x00710102
#define PR_TRANSPORT_MESSAGE_HEADERS_W	0x007D001F
#define PR_SENDER_NAME_W		0x0C1A001F
#define PR_SENDER_EMAIL_ADDRESS_W	0x0C1F001F
#define PR_DISPLAY_TO_W			0x0E04001F
#define PR_MESSAGE_DELIVERY_TIME	0x0E060040
#define PR_MESSAGE_FLAGS		0x0E070003
#define PR_MESSAGE_SIZE			0x0E080003
#define PR_HASATTACH			0x0E1B000B
#define PR_INSTANCE_KEY			0x0FF60102
#define PR_ENTRYID			0x0FFF0102
#define PR_BODY_W			0x1000001F
#define PR_INTERNET_MESSAGE_ID_W	0x1035001F
#define PR_LAST_MODIFICATION_TIME	0x30080040

/* Columns of a contents table as a mail client sets them */
static const uint32_t table_columns[] = {
	PR_INSTANCE_KEY, PR_ENTRYID, PR_MESSAGE_CLASS_W, PR_SUBJECT_W,
	PR_SENDER_NAME_W, PR_SENDER_EMAIL_ADDRESS_W, PR_DISPLAY_TO_W,
	PR_MESSAGE_DELIVERY_TIME, PR_MESSAGE_SIZE, PR_MESSAGE_FLAGS,
	PR_IMPORTANCE, PR_HASATTACH, PR_CONVERSATION_TOPIC_W,
	PR_CONVERSATION_INDEX, PR_LAST_MODIFICATION_TIME,
};

/* What a client reads of one message (body cut by PropertySizeLimit) */
static const uint32_t message_columns[] = {
	PR_ENTRYID, PR_MESSAGE_CLASS_W, PR_SUBJECT_W, PR_SENDER_NAME_W,
	PR_SENDER_EMAIL_ADDRESS_W, PR_DISPLAY_TO_W, PR_MESSAGE_DELIVERY_TIME,
	PR_MESSAGE_SIZE, PR_MESSAGE_FLAGS, PR_INTERNET_MESSAGE_ID_W,
	PR_TRANSPORT_MESSAGE_HEADERS_W, PR_BODY_W,
};

#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* A message entry ID (MS-OXCDATA 2.2.4.2): one store, one folder,
 * counters that grow */
static DATA_BLOB message_entryid(TALLOC_CTX *mem, uint64_t counter)
{
	static const uint8_t provider[16] = {
		0x1c, 0x83, 0x02, 0x10, 0xaa, 0x66, 0x11, 0xcd,
		0x9b, 0xc8, 0x00, 0xaa, 0x00, 0x2f, 0xc4, 0x5a };
	static const uint8_t dbguid[16] = {
		0x5f, 0x3b, 0x8e, 0x21, 0x0c, 0x4d, 0x4f, 0x45,
		0x9a, 0x1d, 0x77, 0x03, 0x6b, 0x52, 0xe1, 0x90 };
	DATA_BLOB b = data_blob_talloc_zero(mem, 70);
	unsigned i;

	memcpy(b.data + 4, provider, 16);
	b.data[20] = 0x07;			/* eitLTPrivateMessage */
	memcpy(b.data + 22, dbguid, 16);
	b.data[43] = 0x01;			/* folder global counter */
	memcpy(b.data + 46, dbguid, 16);
	for (i = 0; i < 6; i++) {		/* big-endian counter */
		b.data[67 - i] = (uint8_t)(counter >> (8 * i));
	}
	return b;
}

struct message {
	uint64_t counter;
	char *subject, *sender, *sender_addr, *to, *msgid, *headers, *body;
	NTTIME delivered;
	uint32_t size, flags;
	DATA_BLOB entryid, instance_key, conv_index;
};

static void make_message(TALLOC_CTX *mem, struct bench_rng *r, uint64_t counter,
			 struct message *m)
{
	const char *first = pick_word(r), *last = pick_word(r);
	unsigned uid = rng_below(r, 10000);
	DATA_BLOB body = text_body(mem, r, 512 + rng_below(r, 1536));
	size_t i;

	m->counter = counter;
	m->subject = talloc_asprintf(mem, "%s%s", rng_below(r, 3) ? "" :
				     "RE: ", sentence(mem, r));
	m->sender = talloc_asprintf(mem, "%s %s", first, last);
	m->sender_addr = talloc_asprintf(mem,
		"/o=Example/ou=Exchange Administrative Group "
		"(FYDIBOHF23SPDLT)/cn=Recipients/cn=user%05u", uid);
	m->to = talloc_asprintf(mem, "%s %s; %s", pick_word(r), pick_word(r),
				pick_word(r));
	m->msgid = talloc_asprintf(mem, "<%08x.%04x@mail.example.com>",
				   bench_rng_next(r), rng_below(r, 0x10000));
	m->headers = talloc_asprintf(mem,
		"Received: from mail.example.com (192.0.2.%u) by "
		"dc1.example.com with SMTP; %u Mar 2026 %02u:%02u:%02u +0000"
		"\r\nMessage-ID: %s\r\nFrom: %s <user%05u@example.com>\r\n"
		"Subject: %s\r\nMIME-Version: 1.0\r\nContent-Type: text/plain;"
		" charset=\"utf-8\"\r\n", rng_below(r, 255),
		1 + rng_below(r, 28), rng_below(r, 24), rng_below(r, 60),
		rng_below(r, 60), m->msgid, m->sender, uid, m->subject);
	m->body = talloc_strndup(mem, (const char *)body.data, body.length);
	/* the cut may have split a UTF-8 sequence: end on ASCII */
	for (i = strlen(m->body); i > 0 && (m->body[i - 1] & 0x80); i--) {
		m->body[i - 1] = '\0';
	}
	m->delivered = 133500000000000000ULL +
		       (uint64_t)counter * 600000000ULL + rng_below(r, 1u << 30);
	m->size = 2000 + rng_below(r, 200000);
	m->flags = rng_below(r, 2) ? 0x01 : 0x00;
	m->entryid = message_entryid(mem, counter);
	m->instance_key = data_blob_talloc(mem, m->entryid.data + 60, 4);
	m->conv_index = data_blob_talloc_zero(mem, 22 + 5 * rng_below(r, 3));
	m->conv_index.data[0] = 0x01;
	m->conv_index.data[1] = (uint8_t)bench_rng_next(r);
}

static void set_string(struct property_row_value *c, const char *s)
{
	c->type = PT_UNICODE;
	c->value.String = s;
}

static void set_binary(struct property_row_value *c, const DATA_BLOB *b)
{
	c->type = PT_BINARY;
	c->value.Binary.Count = (uint16_t)b->length;
	c->value.Binary.Data = b->data;
}

static void set_long(struct property_row_value *c, uint32_t v)
{
	c->type = PT_LONG;
	c->value.Integer32 = v;
}

static void set_time(struct property_row_value *c, NTTIME v)
{
	c->type = PT_SYSTIME;
	c->value.Time = v;
}

/* The cell of @a m for column @a tag */
static void message_cell(const struct message *m, uint32_t tag,
			 struct property_row_value *c)
{
	memset(c, 0, sizeof(*c));
	switch (tag) {
	case PR_INSTANCE_KEY: set_binary(c, &m->instance_key); break;
	case PR_ENTRYID: set_binary(c, &m->entryid); break;
	case PR_MESSAGE_CLASS_W: set_string(c, "IPM.Note"); break;
	case PR_SUBJECT_W: set_string(c, m->subject); break;
	case PR_CONVERSATION_TOPIC_W: set_string(c, m->subject); break;
	case PR_SENDER_NAME_W: set_string(c, m->sender); break;
	case PR_SENDER_EMAIL_ADDRESS_W: set_string(c, m->sender_addr); break;
	case PR_DISPLAY_TO_W: set_string(c, m->to); break;
	case PR_INTERNET_MESSAGE_ID_W: set_string(c, m->msgid); break;
	case PR_TRANSPORT_MESSAGE_HEADERS_W: set_string(c, m->headers); break;
	case PR_BODY_W: set_string(c, m->body); break;
	case PR_MESSAGE_DELIVERY_TIME: set_time(c, m->delivered); break;
	case PR_LAST_MODIFICATION_TIME: set_time(c, m->delivered + 1); break;
	case PR_MESSAGE_SIZE: set_long(c, m->size); break;
	case PR_MESSAGE_FLAGS: set_long(c, m->flags); break;
	case PR_IMPORTANCE: set_long(c, 1); break;
	case PR_HASATTACH:
		c->type = PT_BOOLEAN;
		c->value.Boolean = (uint8_t)(m->size > 100000);
		break;
	case PR_CONVERSATION_INDEX: set_binary(c, &m->conv_index); break;
	}
}

/* The PropertyRow of @a m for @a columns, appended to @a ndr */
static bool push_message_row(struct ndr_push *ndr, const struct message *m,
			     const uint32_t *columns, uint32_t count)
{
	struct property_row_value cells[NELEMS(message_columns) +
					NELEMS(table_columns)];
	struct property_row row = { PROPERTY_ROW_STANDARD, count, cells };
	uint32_t i;

	for (i = 0; i < count; i++) {
		message_cell(m, columns[i], &cells[i]);
	}
	return ndr_push_property_row(ndr, columns, count, &row) ==
	       NDR_ERR_SUCCESS;
}

static struct ndr_push *rop_push_init(TALLOC_CTX *mem)
{
	struct ndr_push *ndr = ndr_push_init_ctx(mem);

	if (ndr != NULL) {
		ndr->flags |= LIBNDR_FLAG_NOALIGN;
	}
	return ndr;
}

/* A RopQueryRows response with as many rows of the contents table as
 * fit in @a room bytes */
static DATA_BLOB query_rows_response(TALLOC_CTX *mem, struct bench_rng *r,
				     uint64_t *counter, size_t room)
{
	struct ndr_push *rows = rop_push_init(mem);
	struct ndr_push *ndr = rop_push_init(mem);
	struct RopResponse resp = { .RopId = RopQueryRows };
	struct RopQueryRows_Success *s;
	uint16_t n = 0;

	if (rows == NULL || ndr == NULL) {
		return data_blob_null;
	}
	while (rows->offset < room - 512) {
		struct message m;

		make_message(rows, r, (*counter)++, &m);
		if (!push_message_row(rows, &m, table_columns,
				      NELEMS(table_columns))) {
			return data_blob_null;
		}
		n++;
	}
	resp.Body.QueryRows.InputHandleIndex = 2;
	resp.Body.QueryRows.ReturnValue = MAPI_E_SUCCESS;
	s = &resp.Body.QueryRows.Data.Success;
	s->Origin = 0;
	s->RowCount = n;
	s->RowData = ndr_push_blob(rows);
	if (ndr_push_RopResponse(ndr, NDR_SCALARS, &resp) != NDR_ERR_SUCCESS) {
		return data_blob_null;
	}
	return ndr_push_blob(ndr);
}

/* One RopGetPropertiesSpecific response for a whole message */
static DATA_BLOB get_props_response(TALLOC_CTX *mem, struct bench_rng *r,
				    uint64_t *counter)
{
	struct ndr_push *row = rop_push_init(mem);
	struct ndr_push *ndr = rop_push_init(mem);
	struct RopResponse resp = { .RopId = RopGetPropertiesSpecific };
	struct message m;

	if (row == NULL || ndr == NULL) {
		return data_blob_null;
	}
	make_message(row, r, (*counter)++, &m);
	if (!push_message_row(row, &m, message_columns,
			      NELEMS(message_columns))) {
		return data_blob_null;
	}
	resp.Body.GetPropertiesSpecific.InputHandleIndex = 3;
	resp.Body.GetPropertiesSpecific.ReturnValue = MAPI_E_SUCCESS;
	resp.Body.GetPropertiesSpecific.Data.Success.RowData =
		ndr_push_blob(row);
	if (ndr_push_RopResponse(ndr, NDR_SCALARS, &resp) != NDR_ERR_SUCCESS) {
		return data_blob_null;
	}
	return ndr_push_blob(ndr);
}

/* A ROP buffer (RopSize, RopsList, handle table) around @a rops */
static DATA_BLOB wrap_rops(TALLOC_CTX *mem, DATA_BLOB rops, uint32_t handles)
{
	uint32_t table[8] = { 0x00000001, 0x00000002, 0x00000003, 0x00000004,
			      ROP_HANDLE_NONE, ROP_HANDLE_NONE,
			      ROP_HANDLE_NONE, ROP_HANDLE_NONE };
	struct rop_buffer rb = { rops, handles, table };
	DATA_BLOB out = data_blob_null;

	if (rop_buffer_build(mem, &rb, &out) != NDR_ERR_SUCCESS) {
		return data_blob_null;
	}
	return out;
}

/* Response buffers: half contents table pages, half batches of
 * GetPropertiesSpecific responses, each close to ROP_BUFFER_MAX */
static bool make_rop_responses(struct bench_cpu *b, struct dataset *d,
			       size_t count)
{
	uint64_t counter = 0x10000;
	size_t i;

	d->in = talloc_zero_array(b->mem, DATA_BLOB, count);
	for (i = 0; d->in != NULL && i < count; i++) {
		size_t room = ROP_BUFFER_MAX - 64;
		DATA_BLOB rops;

		if (i % 2 == 0) {
			rops = query_rows_response(d->in, &b->rng, &counter,
						   room);
		} else {
			rops = data_blob_talloc(d->in, NULL, 0);
			while (rops.length < room - 8192) {
				DATA_BLOB one = get_props_response(d->in,
								   &b->rng,
								   &counter);

				if (one.length == 0 ||
				    !data_blob_append(d->in, &rops, one.data,
						      one.length)) {
					return false;
				}
			}
		}
		if (rops.length == 0) {
			return false;
		}
		d->in[i] = wrap_rops(d->in, rops, 4);
		if (d->in[i].length == 0) {
			return false;
		}
	}
	d->count = count;
	return d->in != NULL;
}

static bool push_request(struct ndr_push *ndr, struct RopRequest *req)
{
	return ndr_push_RopRequest(ndr, NDR_SCALARS, req) == NDR_ERR_SUCCESS;
}

/* The requests of a client walking a folder: open it, set up the
 * contents table, read a page, then open and read a few messages */
static DATA_BLOB request_batch(TALLOC_CTX *mem, struct bench_rng *r, unsigned i)
{
	struct ndr_push *ndr = rop_push_init(mem);
	struct RopRequest q;
	unsigned k, n = 1 + rng_below(r, 6);
	bool ok = ndr != NULL;

	memset(&q, 0, sizeof(q));
	if (i % 3 == 0 && ok) {
		q.RopId = RopOpenFolder;
		q.HandleIndex = 0;
		q.Body.OpenFolder.OutputHandleIndex = 1;
		q.Body.OpenFolder.FolderId = 0x0001000000000001ULL +
					     ((uint64_t)rng_below(r, 20) << 48);
		ok = push_request(ndr, &q);
		memset(&q, 0, sizeof(q));
		q.RopId = RopGetContentsTable;
		q.HandleIndex = 1;
		q.Body.GetContentsTable.OutputHandleIndex = 2;
		ok = ok && push_request(ndr, &q);
		memset(&q, 0, sizeof(q));
		q.RopId = RopSetColumns;
		q.HandleIndex = 2;
		q.Body.SetColumns.PropertyTagCount = NELEMS(table_columns);
		q.Body.SetColumns.PropertyTags =
			discard_const_p(uint32_t, table_columns);
		ok = ok && push_request(ndr, &q);
		memset(&q, 0, sizeof(q));
		q.RopId = RopQueryRows;
		q.HandleIndex = 2;
		q.Body.QueryRows.ForwardRead = 1;
		q.Body.QueryRows.RowCount = 50;
		ok = ok && push_request(ndr, &q);
	}
	for (k = 0; k < n && ok; k++) {
		memset(&q, 0, sizeof(q));
		q.RopId = RopOpenMessage;
		q.HandleIndex = 1;
		q.Body.OpenMessage.OutputHandleIndex = 3;
		q.Body.OpenMessage.CodePageId = 0x0FFF;
		q.Body.OpenMessage.FolderId = 0x0001000000000001ULL;
		q.Body.OpenMessage.MessageId = 0x0001000000010000ULL +
					       ((uint64_t)rng_below(r, 5000) << 40);
		ok = push_request(ndr, &q);
		memset(&q, 0, sizeof(q));
		q.RopId = RopGetPropertiesSpecific;
		q.HandleIndex = 3;
		q.Body.GetPropertiesSpecific.PropertySizeLimit = 0x1000;
		q.Body.GetPropertiesSpecific.WantUnicode = 1;
		q.Body.GetPropertiesSpecific.PropertyTagCount =
			NELEMS(message_columns);
		q.Body.GetPropertiesSpecific.PropertyTags =
			discard_const_p(uint32_t, message_columns);
		ok = ok && push_request(ndr, &q);
		memset(&q, 0, sizeof(q));
		q.RopId = RopRelease;
		q.HandleIndex = 3;
		ok = ok && push_request(ndr, &q);
	}
	return ok ? wrap_rops(mem, ndr_push_blob(ndr), 4) : data_blob_null;
}

static bool make_rop_requests(struct bench_cpu *b, struct dataset *d,
			      size_t count)
{
	size_t i;

	d->in = talloc_zero_array(b->mem, DATA_BLOB, count);
	for (i = 0; d->in != NULL && i < count; i++) {
		d->in[i] = request_batch(d->in, &b->rng, (unsigned)i);
		if (d->in[i].length == 0) {
			return false;
		}
	}
	d->count = count;
	return d->in != NULL;
}

static bool make_bodies(struct bench_cpu *b, struct dataset *d, bool html,
			size_t size, size_t count)
{
	size_t i;

	d->in = talloc_zero_array(b->mem, DATA_BLOB, count);
	for (i = 0; d->in != NULL && i < count; i++) {
		d->in[i] = html ? html_body(d->in, &b->rng, size) :
				  text_body(d->in, &b->rng, size);
		if (d->in[i].length != size) {
			return false;
		}
	}
	d->count = count;
	return d->in != NULL;
}

/*
 * Measurement
 */

enum op { OP_MEMCPY, OP_COMPRESS, OP_DECOMPRESS };

/* One pass of @a op over every buffer of @a d; false on a codec error */
static bool run_pass(void *data, int op)
{
	struct dataset *d = data;
	size_t i;

	for (i = 0; i < d->count; i++) {
		const DATA_BLOB *in = &d->in[i];
		ssize_t n = 0;

		switch (op) {
		case OP_MEMCPY:
			memcpy(d->out[i], in->data, in->length);
			n = (ssize_t)in->length;
			break;
		case OP_COMPRESS:
			n = mapi_lz77_compress(in->data, in->length,
					       d->out[i],
					       MAPI_LZ77_COMPRESS_BOUND(in->length));
			break;
		case OP_DECOMPRESS:
			n = mapi_lz77_decompress(d->comp[i].data,
						 d->comp[i].length, d->out[i],
						 in->length);
			break;
		}
		bench_cpu_clobber(d->out[i]);
		if (n < 0) {
			return false;
		}
	}
	return true;
}

/* Compress every buffer once and check that it comes back intact */
static bool prepare(struct bench_cpu *b, struct dataset *d)
{
	size_t i;

	d->comp = talloc_zero_array(b->mem, DATA_BLOB, d->count);
	d->out = talloc_zero_array(b->mem, uint8_t *, d->count);
	if (d->comp == NULL || d->out == NULL) {
		return false;
	}
	d->bytes = d->comp_bytes = 0;
	for (i = 0; i < d->count; i++) {
		size_t len = d->in[i].length;
		size_t bound = MAPI_LZ77_COMPRESS_BOUND(len);
		uint8_t *tmp = talloc_size(d->comp, bound);
		ssize_t clen, dlen;

		/* room for compression output; decompression uses len */
		d->out[i] = talloc_size(d->out, bound);
		if (tmp == NULL || d->out[i] == NULL) {
			return false;
		}
		clen = mapi_lz77_compress(d->in[i].data, len, tmp, bound);
		if (clen < 0) {
			fprintf(stderr, "bench_lz77: %s: compression failed\n",
				d->name);
			return false;
		}
		d->comp[i] = data_blob_talloc(d->comp, tmp, clen);
		talloc_free(tmp);
		dlen = mapi_lz77_decompress(d->comp[i].data, clen, d->out[i],
					    len);
		if (dlen != (ssize_t)len ||
		    memcmp(d->out[i], d->in[i].data, len) != 0) {
			fprintf(stderr, "bench_lz77: %s: buffer %zu does not "
				"round-trip\n", d->name, i);
			return false;
		}
		d->bytes += len;
		d->comp_bytes += (size_t)clen;
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
		fprintf(stderr, "bench_lz77: %s: measurement failed\n",
			d->name);
		return false;
	}
	printf("%-14s %4zu x %7zu B  ratio %5.2f  compress %8.1f MB/s  "
	       "decompress %8.1f MB/s  memcpy %8.1f MB/s\n", d->name,
	       d->count, d->bytes / d->count,
	       (double)d->bytes / d->comp_bytes, mb_s(d, d->compress_s),
	       mb_s(d, d->decompress_s), mb_s(d, d->memcpy_s));
	return true;
}

/*
 * Results
 */

static const char *json_bool(bool v)
{
	return v ? "true" : "false";
}

static void json_dataset(FILE *f, const struct dataset *d)
{
	double cpy = mb_s(d, d->memcpy_s);
	double c = mb_s(d, d->compress_s), x = mb_s(d, d->decompress_s);

	fprintf(f, "  \"%s_data\": \"%s\",\n", d->name, d->what);
	fprintf(f, "  \"%s_buffers\": %zu,\n", d->name, d->count);
	fprintf(f, "  \"%s_bytes\": %zu,\n", d->name, d->bytes);
	fprintf(f, "  \"%s_compressed_bytes\": %zu,\n", d->name,
		d->comp_bytes);
	fprintf(f, "  \"%s_compression_ratio\": %.4g,\n", d->name,
		(double)d->bytes / d->comp_bytes);
	fprintf(f, "  \"%s_memcpy_mb_s\": %.6g,\n", d->name, cpy);
	fprintf(f, "  \"%s_compress_mb_s\": %.6g,\n", d->name, c);
	fprintf(f, "  \"%s_compress_vs_memcpy_ratio\": %.4g,\n", d->name,
		c / cpy);
	fprintf(f, "  \"%s_compress_target_met\": %s,\n", d->name,
		json_bool(c >= TARGET_COMPRESS_MB_S));
	fprintf(f, "  \"%s_decompress_mb_s\": %.6g,\n", d->name, x);
	fprintf(f, "  \"%s_decompress_vs_memcpy_ratio\": %.4g,\n", d->name,
		x / cpy);
	fprintf(f, "  \"%s_decompress_target_met\": %s,\n", d->name,
		json_bool(x >= TARGET_DECOMPRESS_MB_S));
}

static int write_json(struct bench_cpu *b, const char *path,
		      const struct dataset *ds, size_t n)
{
	bool c_met = true, x_met = true;
	FILE *f = fopen(path, "w");
	size_t i;

	if (f == NULL) {
		perror(path);
		return 1;
	}
	bench_cpu_json_settings(f, b, "lz77",
				"LZ77 + DIRECT2, MS-OXCRPC 3.1.4.1.1.2");
	fprintf(f, "  \"mb\": \"10^6 bytes of uncompressed data\",\n");
	fprintf(f, "  \"baseline\": \"memcpy of the same buffers, same run\",\n");
	fprintf(f, "  \"datasets\": [");
	for (i = 0; i < n; i++) {
		fprintf(f, "%s\"%s\"", i ? ", " : "", ds[i].name);
	}
	fprintf(f, "],\n");
	for (i = 0; i < n; i++) {
		json_dataset(f, &ds[i]);
		c_met = c_met && mb_s(&ds[i], ds[i].compress_s) >=
				 TARGET_COMPRESS_MB_S;
		x_met = x_met && mb_s(&ds[i], ds[i].decompress_s) >=
				 TARGET_DECOMPRESS_MB_S;
	}
	fprintf(f, "  \"target_compress_mb_s\": %g,\n", TARGET_COMPRESS_MB_S);
	fprintf(f, "  \"target_compress_met\": %s,\n", json_bool(c_met));
	fprintf(f, "  \"target_decompress_mb_s\": %g,\n",
		TARGET_DECOMPRESS_MB_S);
	fprintf(f, "  \"target_decompress_met\": %s\n}\n", json_bool(x_met));
	if (fclose(f) != 0) {
		perror(path);
		return 1;
	}
	printf("targets (every data set): compress >= %g MB/s %s, "
	       "decompress >= %g MB/s %s\n", TARGET_COMPRESS_MB_S,
	       c_met ? "met" : "NOT met", TARGET_DECOMPRESS_MB_S,
	       x_met ? "met" : "NOT met");
	return 0;
}

static bool make_datasets(struct bench_cpu *b, struct dataset *ds)
{
	static const struct {
		bool html;
		size_t size, count;
	} bodies[] = {
		{ false, 4096, 64 }, { false, 65536, 4 }, { false, 1 << 20, 1 },
		{ true, 4096, 64 }, { true, 65536, 4 }, { true, 1 << 20, 1 },
	};
	static const char *const names[] = {
		"text_4k", "text_64k", "text_1m", "html_4k", "html_64k",
		"html_1m" };
	size_t i;

	ds[0].name = "rop_responses";
	ds[0].what = "ROP output buffers <= 32 KB: QueryRows of a contents "
		     "table, GetPropertiesSpecific of whole messages";
	ds[1].name = "rop_requests";
	ds[1].what = "ROP input buffers: OpenFolder, GetContentsTable, "
		     "SetColumns, QueryRows, OpenMessage, "
		     "GetPropertiesSpecific, Release";
	if (!make_rop_responses(b, &ds[0], 12) ||
	    !make_rop_requests(b, &ds[1], 256)) {
		return false;
	}
	for (i = 0; i < NELEMS(bodies); i++) {
		ds[2 + i].name = names[i];
		ds[2 + i].what = bodies[i].html ? "HTML message bodies" :
						  "plain-text message bodies";
		if (!make_bodies(b, &ds[2 + i], bodies[i].html, bodies[i].size,
				 bodies[i].count)) {
			return false;
		}
	}
	return true;
}

#define NDATASETS 8

int main(int argc, const char **argv)
{
	struct bench_cpu b = { .seed = 0x5A3B4D1CULL };
	struct dataset ds[NDATASETS];
	char *json = NULL;
	int rc, i;

	memset(ds, 0, sizeof(ds));
	rc = bench_cpu_start(&b, "bench_lz77", argc, argv, &json);
	if (rc != 0) {
		goto out;
	}
	rc = 1;
	if (!make_datasets(&b, ds)) {
		fprintf(stderr, "bench_lz77: cannot build the data\n");
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
