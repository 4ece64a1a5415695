/*
 * Stream ROPs through libmapi against the test DC (MS-OXCPRPT 2.2.14 -
 * 2.2.26, 3.2.5.11 - 3.2.5.24): opening in every mode and its errors;
 * reading (ByteCount and the 0xBABE form), writing (and the extended and
 * commit forms), seeking, sizing and their limits; writes visible in the
 * message at once and stored by RopSaveChangesMessage; folder streams
 * stored at commit and release; CopyToStream, CloneStream, region locks;
 * string8 / Unicode conversions; values too large for
 * RopGetPropertiesSpecific; a 20 MB value through streams, on a message
 * and on an attachment.
 */
#include "itest_emsmdb.h"
#include "libmapi/attachment.h"
#include "libmapi/stream.h"

#include <unistd.h>

#define PidTagBody_W		0x1000001F
#define PidTagBody_A		0x1000001E
#define PidTagBody_Binary	0x10000102
#define PidTagHtml		0x10130102
#define PidTagImportance	0x00170003
#define PidTagSubject_W		0x0037001F
#define TAG_BINARY		0x68010102
#define TAG_BINARY2		0x68020102
#define TAG_OBJECT		0x6803000D
#define PidTagAttachDataBinary	0x37010102
#define PidTagAttachDataObject	0x3701000D
#define PidTagAttachMethod	0x37050003
#define PidTagAttachSize	0x0E200003
#define AF_BY_VALUE		1
#define TWO_GB			0x80000000ULL
#define BIG_SIZE		(20 * 1024 * 1024)

static uint8_t *pattern(TALLOC_CTX *mem_ctx, size_t n, unsigned seed)
{
	uint8_t *p = talloc_array(mem_ctx, uint8_t, n);
	size_t i;

	for (i = 0; p != NULL && i < n; i++) {
		p[i] = (uint8_t)((i * 7 + seed + (i >> 11)) & 0xFF);
	}
	return p;
}

/* A new message in the Inbox, not saved. */
static bool new_message(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			uint32_t *m)
{
	return mapi_message_create(logon, mem_ctx, logon->handle,
				   logon->folder_ids[MAPI_LOGON_INBOX], false,
				   m) == MAPI_E_SUCCESS;
}

static bool reopen(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
		   uint64_t mid, uint8_t mode, uint32_t *m)
{
	return mapi_message_open(logon, mem_ctx, logon->handle,
				 logon->folder_ids[MAPI_LOGON_INBOX], mid,
				 mode, m, NULL) == MAPI_E_SUCCESS;
}

/* The cell of one property of an object. */
static const struct property_row_value *cell(struct mapi_logon *logon,
					     TALLOC_CTX *mem_ctx,
					     uint32_t h, uint32_t tag)
{
	return itest_prop(logon, mem_ctx, h, tag);
}

static bool read_back(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
		      uint32_t h, uint32_t tag, const uint8_t *want,
		      size_t length)
{
	DATA_BLOB got;

	return mapi_stream_read_property(logon, mem_ctx, h, tag, &got) ==
	       MAPI_E_SUCCESS && got.length == length &&
	       memcmp(got.data, want, length) == 0;
}

/* Errors of RopOpenStream (MS-OXCPRPT 3.2.5.11). */
static bool test_open_errors(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	uint32_t m, s, size = 1;
	uint64_t mid;
	uint8_t *data;
	uint16_t got;

	ITEST_ASSERT(logon != NULL, "logon");
	/* no streams on a logon, nor on a PtypInteger32 */
	ITEST_MAPI(mapi_stream_open(logon, mem_ctx, logon->handle,
				    TAG_BINARY, OpenStream_ReadOnly, &s,
				    NULL), MAPI_E_NO_SUPPORT);
	ITEST_ASSERT(new_message(logon, mem_ctx, &m), "message");
	ITEST_MAPI(mapi_stream_open(logon, mem_ctx, m, PidTagImportance,
				    OpenStream_Create, &s, NULL),
		   MAPI_E_NO_SUPPORT);
	/* a property that is not set needs Create */
	ITEST_MAPI(mapi_stream_open(logon, mem_ctx, m, TAG_BINARY,
				    OpenStream_ReadOnly, &s, NULL),
		   MAPI_E_NOT_FOUND);
	ITEST_MAPI(mapi_stream_open(logon, mem_ctx, m, TAG_BINARY,
				    OpenStream_ReadWrite, &s, NULL),
		   MAPI_E_NOT_FOUND);
	ITEST_MAPI(mapi_stream_open(logon, mem_ctx, m, TAG_BINARY, 0x07, &s,
				    NULL), MAPI_E_INVALID_PARAMETER);
	ITEST_MAPI(mapi_stream_open(logon, mem_ctx, m, TAG_BINARY,
				    OpenStream_Create, &s, &size),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(size == 0, "a new stream is empty");
	/* a stream ROP on something else than a stream */
	ITEST_MAPI(mapi_stream_read(logon, mem_ctx, m, 10, &data, &got),
		   MAPI_E_INVALID_OBJECT);
	ITEST_MAPI(mapi_stream_write_all(logon, s, (const uint8_t *)"ab", 2),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_save(logon, mem_ctx, m, KeepOpenReadWrite,
				     &mid), MAPI_E_SUCCESS);
	/* writing on a message opened read-only */
	ITEST_ASSERT(reopen(logon, mem_ctx, mid, OpenMessage_ReadOnly, &m),
		     "reopen");
	ITEST_MAPI(mapi_stream_open(logon, mem_ctx, m, TAG_BINARY,
				    OpenStream_ReadWrite, &s, NULL),
		   MAPI_E_NO_ACCESS);
	ITEST_MAPI(mapi_stream_open(logon, mem_ctx, m, TAG_BINARY,
				    OpenStream_BestAccess, &s, &size),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(size == 2, "BestAccess opens it read-only");
	ITEST_MAPI(mapi_stream_write_all(logon, s, (const uint8_t *)"x", 1),
		   STG_E_ACCESSDENIED);
	return true;
}

/* Writes are visible in the message at once, kept in memory, and stored
 * by RopSaveChangesMessage (MS-OXCPRPT 3.2.5.13). */
static bool test_message_body(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	/* "Hé!" in UTF-16LE with its null */
	static const uint8_t utf16[] = { 'H', 0, 0xE9, 0, '!', 0, 0, 0 };
	const struct property_row_value *c;
	const char *s;
	uint32_t m, st;
	uint16_t written;
	uint64_t mid;

	ITEST_ASSERT(logon != NULL && new_message(logon, mem_ctx, &m),
		     "message");
	ITEST_MAPI(mapi_stream_open(logon, mem_ctx, m, PidTagBody_W,
				    OpenStream_Create, &st, NULL),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_stream_write(logon, mem_ctx, st, utf16,
				     sizeof(utf16), &written),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(written == sizeof(utf16), "WrittenSize");
	/* no commit yet: the message already has it */
	s = itest_prop_string(logon, mem_ctx, m, PidTagBody_W);
	ITEST_ASSERT(s != NULL && strcmp(s, "H\xc3\xa9!") == 0,
		     "body visible before commit (%s)", s ? s : "none");
	/* released without commit: still in the message */
	ITEST_MAPI(mapi_object_release(logon, st), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_save(logon, mem_ctx, m, KeepOpenReadWrite,
				     &mid), MAPI_E_SUCCESS);
	ITEST_ASSERT(reopen(logon, mem_ctx, mid, OpenMessage_ReadWrite, &m),
		     "reopen");
	ITEST_ASSERT(read_back(logon, mem_ctx, m, PidTagBody_W, utf16,
			       sizeof(utf16)), "Unicode stream of the body");
	/* as PtypString8 in the session's code page (1252) */
	ITEST_ASSERT(read_back(logon, mem_ctx, m, PidTagBody_A,
			       (const uint8_t *)"H\xe9!", 4),
		     "string8 stream of the body");
	/* changed and committed but the message not saved: not stored */
	ITEST_MAPI(mapi_stream_write_property(logon, m, PidTagBody_A,
					      (const uint8_t *)"caf\xe9", 5),
		   MAPI_E_SUCCESS);
	s = itest_prop_string(logon, mem_ctx, m, PidTagBody_W);
	ITEST_ASSERT(s != NULL && strcmp(s, "caf\xc3\xa9") == 0,
		     "string8 stream written (%s)", s ? s : "none");
	ITEST_MAPI(mapi_object_release(logon, m), MAPI_E_SUCCESS);
	ITEST_ASSERT(reopen(logon, mem_ctx, mid, OpenMessage_ReadOnly, &m),
		     "reopen");
	s = itest_prop_string(logon, mem_ctx, m, PidTagBody_W);
	ITEST_ASSERT(s != NULL && strcmp(s, "H\xc3\xa9!") == 0,
		     "unsaved change not stored");
	/* a binary request of a string property finds nothing */
	c = cell(logon, mem_ctx, m, PidTagBody_Binary);
	ITEST_ASSERT(c != NULL && c->flag == PROPERTY_FLAG_ERROR,
		     "no binary body");
	ITEST_MAPI(mapi_stream_open(logon, mem_ctx, m, PidTagBody_Binary,
				    OpenStream_ReadOnly, &st, NULL),
		   MAPI_E_NOT_FOUND);
	return true;
}

/* Reading, seeking and sizing (MS-OXCPRPT 3.2.5.12, 3.2.5.16 - 18). */
static bool test_seek_and_size(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	uint8_t *data = pattern(mem_ctx, 1000, 1), *got;
	uint32_t m, st, size;
	uint64_t pos;
	uint16_t n;

	ITEST_ASSERT(logon != NULL && new_message(logon, mem_ctx, &m),
		     "message");
	ITEST_MAPI(mapi_stream_open(logon, mem_ctx, m, TAG_BINARY,
				    OpenStream_Create, &st, NULL),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_stream_write_all(logon, st, data, 1000),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_stream_get_size(logon, st, &size), MAPI_E_SUCCESS);
	ITEST_ASSERT(size == 1000, "size %u", size);
	ITEST_MAPI(mapi_stream_seek(logon, st, StreamSeek_Beginning, 10, &pos),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(pos == 10, "seek from the beginning");
	ITEST_MAPI(mapi_stream_read(logon, mem_ctx, st, 20, &got, &n),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(n == 20 && memcmp(got, data + 10, 20) == 0, "read");
	ITEST_MAPI(mapi_stream_seek(logon, st, StreamSeek_Current, 0, &pos),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(pos == 30, "the read moved the pointer");
	ITEST_MAPI(mapi_stream_seek(logon, st, StreamSeek_End, -5, &pos),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(pos == 995, "seek from the end");
	/* the 0xBABE form */
	ITEST_MAPI(mapi_stream_read(logon, mem_ctx, st, 0x10000, &got, &n),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(n == 5 && memcmp(got, data + 995, 5) == 0, "to the end");
	ITEST_MAPI(mapi_stream_read(logon, mem_ctx, st, 100, &got, &n),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(n == 0, "nothing past the end");
	/* seek errors */
	ITEST_MAPI(mapi_stream_seek(logon, st, StreamSeek_Beginning, -1,
				    NULL), STG_E_SEEKERROR);
	ITEST_MAPI(mapi_stream_seek(logon, st, StreamSeek_Current,
				    (int64_t)TWO_GB, NULL), STG_E_SEEKERROR);
	ITEST_MAPI(mapi_stream_seek(logon, st, 3, 0, NULL),
		   STG_E_INVALIDPARAMETER);
	ITEST_MAPI(mapi_stream_seek(logon, st, StreamSeek_Current, 0, &pos),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(pos == 1000, "a failed seek does not move");
	/* growing with zeros, shrinking; the pointer stays */
	ITEST_MAPI(mapi_stream_set_size(logon, st, 2000), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_stream_read(logon, mem_ctx, st, 2000, &got, &n),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(n == 1000 && got[0] == 0 && got[999] == 0, "zeros");
	ITEST_MAPI(mapi_stream_set_size(logon, st, 500), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_stream_get_size(logon, st, &size), MAPI_E_SUCCESS);
	ITEST_ASSERT(size == 500, "shrunk");
	ITEST_MAPI(mapi_stream_read(logon, mem_ctx, st, 100, &got, &n),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(n == 0, "pointer past the new end");
	/* seeking past the end extends the stream */
	ITEST_MAPI(mapi_stream_seek(logon, st, StreamSeek_Beginning, 600,
				    &pos), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_stream_get_size(logon, st, &size), MAPI_E_SUCCESS);
	ITEST_ASSERT(size == 600, "extended to %u", size);
	ITEST_MAPI(mapi_stream_seek(logon, st, StreamSeek_Beginning, 0, &pos),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_stream_read(logon, mem_ctx, st, 600, &got, &n),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(n == 600 && memcmp(got, data, 500) == 0 &&
		     got[599] == 0, "content after the size changes");
	return true;
}

/*
 * Reads that do not fit one ROP output buffer: the last ReadStream whose
 * response is dropped for RopBufferTooSmall (MS-OXCROPS 2.2.15.1) does
 * not move the seek pointer, so that sent again it reads the same bytes.
 */
static bool test_buffer_too_small(struct itest_env *env,
				  TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	uint8_t *data = pattern(mem_ctx, 100000, 4);
	struct RopRequest req[3];
	struct mapi_emsmdb_rop_result r;
	uint64_t pos, sum = 0;
	uint32_t m, st, i;

	ITEST_ASSERT(logon != NULL && new_message(logon, mem_ctx, &m),
		     "message");
	ITEST_MAPI(mapi_stream_open(logon, mem_ctx, m, TAG_BINARY,
				    OpenStream_Create, &st, NULL),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_stream_write_all(logon, st, data, 100000),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_stream_seek(logon, st, StreamSeek_Beginning, 0, NULL),
		   MAPI_E_SUCCESS);
	memset(req, 0, sizeof(req));
	for (i = 0; i < 3; i++) {
		req[i].LogonId = logon->logon_id;
		req[i].RopId = i < 2 ? RopReadStream : RopGetStreamSize;
	}
	req[0].Body.ReadStream.ByteCount = ROP_READSTREAM_USE_MAXIMUM;
	req[0].Body.ReadStream.MaximumByteCount.MaximumByteCount = 0x7000;
	req[1].Body.ReadStream = req[0].Body.ReadStream;
	ITEST_MAPI(mapi_emsmdb_rops(logon->emsmdb, mem_ctx, req, 3, &st, 1,
				    NULL, &r), MAPI_E_SUCCESS);
	ITEST_ASSERT(r.count >= 2 &&
		     r.responses[r.count - 1].RopId == RopBufferTooSmall,
		     "the reads do not fit (%u responses)", r.count);
	for (i = 0; i + 1 < r.count; i++) {
		const struct RopReadStream_resp *rs =
			&r.responses[i].Body.ReadStream;

		ITEST_ASSERT(r.responses[i].RopId == RopReadStream &&
			     rs->ReturnValue == MAPI_E_SUCCESS &&
			     memcmp(rs->Data, data + sum, rs->DataSize) == 0,
			     "read %u", i);
		sum += rs->DataSize;
	}
	ITEST_MAPI(mapi_stream_seek(logon, st, StreamSeek_Current, 0, &pos),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(pos == sum, "pointer at %llu, %llu bytes returned",
		     (unsigned long long)pos, (unsigned long long)sum);
	return true;
}

/* The size limit of 2^31 bytes and read-only streams. */
static bool test_limits(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	uint32_t m, st, ro, written32;
	uint16_t written;
	uint64_t pos;

	ITEST_ASSERT(logon != NULL && new_message(logon, mem_ctx, &m),
		     "message");
	ITEST_MAPI(mapi_stream_open(logon, mem_ctx, m, TAG_BINARY,
				    OpenStream_Create, &st, NULL),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_stream_set_size(logon, st, TWO_GB + 1),
		   STG_E_MEDIUMFULL);
	ITEST_MAPI(mapi_stream_set_size(logon, st, TWO_GB - 2),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_stream_seek(logon, st, StreamSeek_End, 0, &pos),
		   MAPI_E_SUCCESS);
	/* what goes beyond 2^31 is not written: TooBig */
	ITEST_MAPI(mapi_stream_write(logon, mem_ctx, st,
				     (const uint8_t *)"abcd", 4, &written),
		   MAPI_E_TOO_BIG);
	ITEST_ASSERT(written == 2, "written up to the limit (%u)", written);
	ITEST_MAPI(mapi_stream_write_extended(logon, mem_ctx, st,
					      (const uint8_t *)"ab", 2,
					      &written32), MAPI_E_TOO_BIG);
	ITEST_ASSERT(written32 == 0, "nothing beyond the limit");
	ITEST_MAPI(mapi_stream_set_size(logon, st, 3), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_object_release(logon, st), MAPI_E_SUCCESS);
	/* a read-only stream */
	ITEST_MAPI(mapi_stream_open(logon, mem_ctx, m, TAG_BINARY,
				    OpenStream_ReadOnly, &ro, NULL),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_stream_write(logon, mem_ctx, ro,
				     (const uint8_t *)"x", 1, &written),
		   STG_E_ACCESSDENIED);
	ITEST_ASSERT(written == 0, "nothing written");
	ITEST_MAPI(mapi_stream_write_extended(logon, mem_ctx, ro,
					      (const uint8_t *)"x", 1,
					      &written32),
		   STG_E_ACCESSDENIED);
	ITEST_MAPI(mapi_stream_set_size(logon, ro, 1), STG_E_ACCESSDENIED);
	ITEST_MAPI(mapi_stream_commit(logon, ro), MAPI_E_SUCCESS);
	/* MaximumByteCount above 0x80000000 fails the whole call */
	{
		uint8_t *data;
		uint16_t n;

		ITEST_MAPI(mapi_stream_read(logon, mem_ctx, ro,
					    0x80000001U, &data, &n),
			   ecRpcFormat);
		ITEST_MAPI(mapi_stream_read(logon, mem_ctx, ro, 0x80000000U,
					    &data, &n), MAPI_E_SUCCESS);
		ITEST_ASSERT(n == 3, "read after a refused call (%u)", n);
	}
	return true;
}

/* RopWriteStreamExtended, RopWriteAndCommitStream. */
static bool test_write_forms(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	uint32_t m, st, written32, size;
	uint16_t written;
	uint64_t mid;

	ITEST_ASSERT(logon != NULL && new_message(logon, mem_ctx, &m),
		     "message");
	ITEST_MAPI(mapi_stream_open(logon, mem_ctx, m, TAG_OBJECT,
				    OpenStream_Create, &st, NULL),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_stream_write_extended(logon, mem_ctx, st,
					      (const uint8_t *)"1234", 4,
					      &written32), MAPI_E_SUCCESS);
	ITEST_ASSERT(written32 == 4, "extended WrittenSize");
	ITEST_MAPI(mapi_stream_write_and_commit(logon, mem_ctx, st,
						(const uint8_t *)"56", 2,
						&written), MAPI_E_SUCCESS);
	ITEST_ASSERT(written == 2, "WriteAndCommit WrittenSize");
	ITEST_MAPI(mapi_stream_get_size(logon, st, &size), MAPI_E_SUCCESS);
	ITEST_ASSERT(size == 6, "size");
	ITEST_MAPI(mapi_message_save(logon, mem_ctx, m, KeepOpenReadWrite,
				     &mid), MAPI_E_SUCCESS);
	/* PtypObject is kept as the binary of its id */
	ITEST_ASSERT(reopen(logon, mem_ctx, mid, OpenMessage_ReadOnly, &m),
		     "reopen");
	ITEST_ASSERT(read_back(logon, mem_ctx, m, 0x68030102,
			       (const uint8_t *)"123456", 6), "object data");
	return true;
}

/* RopCopyToStream, RopCloneStream, the region locks. */
static bool test_copy_clone_lock(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	uint8_t *data = pattern(mem_ctx, 300, 2), *got;
	uint32_t m, src, dst, clone, ro;
	uint64_t read = 0, written = 0, pos;
	uint16_t n;

	ITEST_ASSERT(logon != NULL && new_message(logon, mem_ctx, &m),
		     "message");
	ITEST_MAPI(mapi_stream_open(logon, mem_ctx, m, TAG_BINARY,
				    OpenStream_Create, &src, NULL),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_stream_write_all(logon, src, data, 300),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_stream_seek(logon, src, StreamSeek_Beginning, 100,
				    NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_stream_open(logon, mem_ctx, m, TAG_BINARY2,
				    OpenStream_Create, &dst, NULL),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_stream_copy_to(logon, src, dst, 150, &read,
				       &written), MAPI_E_SUCCESS);
	ITEST_ASSERT(read == 150 && written == 150, "counts");
	ITEST_MAPI(mapi_stream_copy_to(logon, src, dst, 1000, &read,
				       &written), MAPI_E_SUCCESS);
	ITEST_ASSERT(read == 50 && written == 50, "up to the end");
	ITEST_MAPI(mapi_stream_seek(logon, dst, StreamSeek_Current, 0, &pos),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(pos == 200, "destination pointer moved");
	ITEST_ASSERT(read_back(logon, mem_ctx, m, TAG_BINARY2, data + 100,
			       200), "copied bytes");
	/* no destination object */
	ITEST_MAPI(mapi_stream_copy_to(logon, src, 0xFFFFFFFF, 10, NULL,
				       NULL), ecDstNullObject);
	/* a read-only destination */
	ITEST_MAPI(mapi_stream_open(logon, mem_ctx, m, TAG_BINARY,
				    OpenStream_ReadOnly, &ro, NULL),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_stream_copy_to(logon, src, ro, 10, NULL, NULL),
		   STG_E_ACCESSDENIED);
	/* a clone: same bytes, same pointer, then its own pointer */
	ITEST_MAPI(mapi_stream_seek(logon, src, StreamSeek_Beginning, 5,
				    NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_stream_clone(logon, src, &clone), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_stream_read(logon, mem_ctx, clone, 5, &got, &n),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(n == 5 && memcmp(got, data + 5, 5) == 0,
		     "clone reads at the source's pointer");
	ITEST_MAPI(mapi_stream_write_all(logon, src, (const uint8_t *)"ZZ",
					 2), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_stream_seek(logon, clone, StreamSeek_Beginning, 5,
				    NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_stream_read(logon, mem_ctx, clone, 2, &got, &n),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(n == 2 && memcmp(got, "ZZ", 2) == 0,
		     "a write through the source seen in the clone");
	/* locks */
	ITEST_MAPI(mapi_stream_lock(logon, src, 0, 100, 1), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_stream_lock(logon, clone, 50, 10, 0),
		   MAPI_E_NO_ACCESS);
	ITEST_MAPI(mapi_stream_lock(logon, clone, 100, 10, 0),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_stream_unlock(logon, src, 0, 100, 1), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_stream_lock(logon, clone, 50, 10, 0),
		   MAPI_E_SUCCESS);
	/* releasing the source leaves the clone working */
	ITEST_MAPI(mapi_object_release(logon, src), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_stream_read(logon, mem_ctx, clone, 3, &got, &n),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(n == 3 && memcmp(got, data + 7, 3) == 0,
		     "clone after the source's release");
	return true;
}

/* A folder's stream is stored at commit and at release (MS-OXCPRPT
 * 3.2.5.13); no writing streams on public folders (3.2.5.11). */
static bool test_folder_stream(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx), *pub;
	const struct property_row_value *c;
	char name[32];
	uint32_t f, st, size;
	uint16_t written;

	ITEST_ASSERT(logon != NULL, "logon");
	snprintf(name, sizeof(name), "streams-%ld", random());
	ITEST_MAPI(mapi_folder_open(logon, mem_ctx, logon->handle,
				    logon->folder_ids[MAPI_LOGON_INBOX], &f),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_folder_create(logon, mem_ctx, f, name, NULL, NULL, &f,
				      NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_stream_open(logon, mem_ctx, f, TAG_OBJECT,
				    OpenStream_Create, &st, NULL),
		   MAPI_E_NO_SUPPORT);
	ITEST_MAPI(mapi_stream_open(logon, mem_ctx, f, TAG_BINARY,
				    OpenStream_Create, &st, NULL),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_stream_write(logon, mem_ctx, st,
				     (const uint8_t *)"folder", 6, &written),
		   MAPI_E_SUCCESS);
	c = cell(logon, mem_ctx, f, TAG_BINARY);
	ITEST_ASSERT(c != NULL && c->flag == PROPERTY_FLAG_ERROR,
		     "not stored before commit");
	ITEST_MAPI(mapi_stream_write_and_commit(logon, mem_ctx, st,
						(const uint8_t *)"x", 1,
						&written), MAPI_E_NO_SUPPORT);
	ITEST_MAPI(mapi_stream_commit(logon, st), MAPI_E_SUCCESS);
	c = cell(logon, mem_ctx, f, TAG_BINARY);
	ITEST_ASSERT(c != NULL && c->flag == 0 && c->value.Binary.Count == 6 &&
		     memcmp(c->value.Binary.Data, "folder", 6) == 0,
		     "stored by the commit");
	ITEST_MAPI(mapi_stream_write(logon, mem_ctx, st,
				     (const uint8_t *)"-more", 5, &written),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_object_release(logon, st), MAPI_E_SUCCESS);
	ITEST_ASSERT(read_back(logon, mem_ctx, f, TAG_BINARY,
			       (const uint8_t *)"folder-more", 11),
		     "stored by the release");
	/* public folders: read only */
	ITEST_MAPI(mapi_logon_public(mem_ctx, logon->emsmdb, 1, &pub),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_folder_open(pub, mem_ctx, pub->handle,
				    pub->folder_ids[MAPI_PUBLIC_IPM_SUBTREE],
				    &f), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_stream_open(pub, mem_ctx, f, TAG_BINARY,
				    OpenStream_Create, &st, NULL),
		   MAPI_E_NO_SUPPORT);
	ITEST_MAPI(mapi_stream_open(pub, mem_ctx, f, TAG_BINARY,
				    OpenStream_ReadOnly, &st, &size),
		   MAPI_E_NOT_FOUND);
	return true;
}

/* A value too large for RopGetPropertiesSpecific is NotEnoughMemory
 * there (MS-OXCDATA 2.4.2), listed with its own tag, and read with a
 * stream; 20 MB go both ways through streams and are saved. */
static bool test_large_value(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	uint8_t *data = pattern(mem_ctx, BIG_SIZE, 3);
	const struct property_row_value *c;
	struct TaggedPropertyValue *all;
	uint32_t m, st, size, *tags;
	uint16_t n, i;
	uint64_t mid;
	bool listed = false, error = false;

	ITEST_ASSERT(logon != NULL && data != NULL &&
		     new_message(logon, mem_ctx, &m), "message");
	ITEST_MAPI(mapi_stream_write_property(logon, m, PidTagHtml, data,
					      BIG_SIZE), MAPI_E_SUCCESS);
	c = cell(logon, mem_ctx, m, PidTagHtml);
	ITEST_ASSERT(c != NULL && c->flag == PROPERTY_FLAG_ERROR &&
		     c->value.ErrorCode == MAPI_E_NOT_ENOUGH_MEMORY,
		     "too large for GetPropertiesSpecific");
	ITEST_MAPI(mapi_message_save(logon, mem_ctx, m, KeepOpenReadWrite,
				     &mid), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_object_release(logon, m), MAPI_E_SUCCESS);

	ITEST_ASSERT(reopen(logon, mem_ctx, mid, OpenMessage_ReadWrite, &m),
		     "reopen");
	ITEST_MAPI(mapi_props_list(logon, mem_ctx, m, &tags, &n),
		   MAPI_E_SUCCESS);
	for (i = 0; i < n; i++) {
		listed |= tags[i] == PidTagHtml;
	}
	ITEST_ASSERT(listed, "listed with its own tag");
	ITEST_MAPI(mapi_props_get_all(logon, mem_ctx, m, true, &all, &n),
		   MAPI_E_SUCCESS);
	for (i = 0; i < n; i++) {
		error |= all[i].PropertyTag == ((PidTagHtml & 0xFFFF0000) |
						PT_ERROR) &&
			 all[i].Value.ErrorCode == MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ITEST_ASSERT(error, "NotEnoughMemory in GetPropertiesAll");
	ITEST_MAPI(mapi_stream_open(logon, mem_ctx, m, PidTagHtml,
				    OpenStream_ReadOnly, &st, &size),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(size == BIG_SIZE, "StreamSize %u", size);
	ITEST_MAPI(mapi_object_release(logon, st), MAPI_E_SUCCESS);
	ITEST_ASSERT(read_back(logon, mem_ctx, m, PidTagHtml, data, BIG_SIZE),
		     "20 MB read back");
	/* changing a few bytes in the middle of the saved value */
	ITEST_MAPI(mapi_stream_open(logon, mem_ctx, m, PidTagHtml,
				    OpenStream_ReadWrite, &st, NULL),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_stream_seek(logon, st, StreamSeek_Beginning,
				    BIG_SIZE / 2, NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_stream_write_all(logon, st, (const uint8_t *)"MID", 3),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_object_release(logon, st), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_save(logon, mem_ctx, m, 0, NULL),
		   MAPI_E_SUCCESS);
	memcpy(data + BIG_SIZE / 2, "MID", 3);
	ITEST_ASSERT(reopen(logon, mem_ctx, mid, OpenMessage_ReadOnly, &m),
		     "reopen");
	ITEST_ASSERT(read_back(logon, mem_ctx, m, PidTagHtml, data, BIG_SIZE),
		     "changed value saved whole");
	return true;
}

/* A large Unicode body, and a large PtypString8 one converted. */
static bool test_large_text(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	size_t chars = 100000, i;
	uint8_t *utf16 = talloc_array(mem_ctx, uint8_t, 2 * chars + 2);
	char *latin = talloc_array(mem_ctx, char, chars + 1);
	uint32_t m;
	uint64_t mid;

	ITEST_ASSERT(logon != NULL && utf16 != NULL && latin != NULL &&
		     new_message(logon, mem_ctx, &m), "message");
	for (i = 0; i < chars; i++) {
		uint16_t ch = i % 50 == 0 ? 0x20AC : 'a' + i % 26;

		utf16[2 * i] = ch & 0xFF;
		utf16[2 * i + 1] = ch >> 8;
		latin[i] = i % 50 == 0 ? '\x80' : 'a' + i % 26;	/* cp1252 */
	}
	utf16[2 * chars] = utf16[2 * chars + 1] = 0;
	latin[chars] = '\0';
	ITEST_MAPI(mapi_stream_write_property(logon, m, PidTagBody_W, utf16,
					      2 * chars + 2),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_save(logon, mem_ctx, m, KeepOpenReadWrite,
				     &mid), MAPI_E_SUCCESS);
	ITEST_ASSERT(read_back(logon, mem_ctx, m, PidTagBody_W, utf16,
			       2 * chars + 2), "Unicode body");
	ITEST_ASSERT(read_back(logon, mem_ctx, m, PidTagBody_A,
			       (const uint8_t *)latin, chars + 1),
		     "the same as string8");
	/* written as string8, read as Unicode */
	ITEST_MAPI(mapi_stream_write_property(logon, m, PidTagBody_A,
					      (const uint8_t *)latin,
					      chars + 1), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_save(logon, mem_ctx, m, 0, NULL),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(reopen(logon, mem_ctx, mid, OpenMessage_ReadOnly, &m),
		     "reopen");
	ITEST_ASSERT(read_back(logon, mem_ctx, m, PidTagBody_W, utf16,
			       2 * chars + 2), "string8 body read as Unicode");
	return true;
}

/* A 20 MB attachment written through a stream: in the attachment at
 * once, in the message with RopSaveChangesAttachment, in the store with
 * RopSaveChangesMessage; read back through a stream of the attachment
 * opened read-only (MS-OXCPRPT 3.2.5.11, MS-OXCMSG 3.2.5.3). */
static bool test_attachment(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	uint8_t *data = pattern(mem_ctx, BIG_SIZE, 9);
	struct TaggedPropertyValue method = {
		.PropertyTag = PidTagAttachMethod
	};
	const struct property_row_value *c;
	uint32_t m, att, num, st, size;
	uint64_t mid;

	ITEST_ASSERT(logon != NULL && data != NULL &&
		     new_message(logon, mem_ctx, &m), "message");
	ITEST_MAPI(mapi_attachment_create(logon, mem_ctx, m, &num, &att),
		   MAPI_E_SUCCESS);
	method.Value.Integer32 = AF_BY_VALUE;
	ITEST_MAPI(mapi_props_set(logon, mem_ctx, att, &method, 1, NULL),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_stream_write_property(logon, att,
					      PidTagAttachDataBinary, data,
					      BIG_SIZE), MAPI_E_SUCCESS);
	c = cell(logon, mem_ctx, att, PidTagAttachDataBinary);
	ITEST_ASSERT(c != NULL && c->flag == PROPERTY_FLAG_ERROR &&
		     c->value.ErrorCode == MAPI_E_NOT_ENOUGH_MEMORY,
		     "too large for GetPropertiesSpecific");
	ITEST_MAPI(mapi_attachment_save(logon, mem_ctx, att, KeepOpenReadOnly),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(itest_prop_long(logon, mem_ctx, att, PidTagAttachSize) >=
		     BIG_SIZE, "PidTagAttachSize counts the value");
	ITEST_MAPI(mapi_object_release(logon, att), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_save(logon, mem_ctx, m, 0, &mid),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_object_release(logon, m), MAPI_E_SUCCESS);

	ITEST_ASSERT(reopen(logon, mem_ctx, mid, OpenMessage_ReadOnly, &m),
		     "reopen");
	ITEST_MAPI(mapi_attachment_open(logon, mem_ctx, m, num,
					OpenAttachment_ReadOnly, &att),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_stream_open(logon, mem_ctx, att,
				    PidTagAttachDataBinary,
				    OpenStream_ReadWrite, &st, NULL),
		   MAPI_E_NO_ACCESS);
	ITEST_MAPI(mapi_stream_open(logon, mem_ctx, att,
				    PidTagAttachDataObject,
				    OpenStream_ReadOnly, &st, &size),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(size == BIG_SIZE, "PtypObject stream of %u bytes", size);
	ITEST_MAPI(mapi_object_release(logon, st), MAPI_E_SUCCESS);
	ITEST_ASSERT(read_back(logon, mem_ctx, att, PidTagAttachDataBinary,
			       data, BIG_SIZE), "20 MB attachment read back");
	ITEST_MAPI(mapi_object_release(logon, att), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_object_release(logon, m), MAPI_E_SUCCESS);
	return true;
}

static const struct itest tests[] = {
	{ "open-errors", test_open_errors },
	{ "message-body", test_message_body },
	{ "seek-and-size", test_seek_and_size },
	{ "buffer-too-small", test_buffer_too_small },
	{ "limits", test_limits },
	{ "write-forms", test_write_forms },
	{ "copy-clone-lock", test_copy_clone_lock },
	{ "folder-stream", test_folder_stream },
	{ "large-value", test_large_value },
	{ "large-text", test_large_text },
	{ "attachment", test_attachment },
};

int main(int argc, const char **argv)
{
	srandom(getpid());
	return itest_main("emsmdb-streams", tests, ARRAY_SIZE(tests), argc,
			  argv);
}
