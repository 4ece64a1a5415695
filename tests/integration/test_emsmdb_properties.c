/*
 * Property ROPs through libmapi against the test DC (MS-OXCPRPT): the
 * store's properties on the logon; messages created, saved and reopened
 * with values of every common type (string8 and Unicode, long, boolean,
 * double, systime, binary, multi-valued); PT_ERROR cells, size limits,
 * problems; GetPropertiesAll / List, DeleteProperties, CopyTo /
 * CopyProperties; named properties (create flag, ids stable across
 * sessions, unknown names and ids, RopQueryNamedProperties); the
 * NoReplicate variants; RopProgress.
 */
#include "itest_emsmdb.h"

#include <libgen.h>
#include <unistd.h>
#include "store/store.h"

#define PidTagSubject_A		0x0037001E
#define PidTagSubject_W		0x0037001F
#define PidTagSubjectPrefix_W	0x003D001F
#define PidTagNormalizedSubject_W 0x0E1D001F
#define PidTagImportance	0x00170003
#define PidTagReadReceiptRequested 0x0029000B
#define PidTagClientSubmitTime	0x00390040
#define PidTagBody_W		0x1000001F
#define PidTagStoreSupportMask	0x340D0003
#define PidTagStoreState	0x340E0003
#define PidTagIpmSubtreeEntryId	0x35E00102
#define PidTagMailboxOwnerName_W 0x661C001F
#define PidTagMailboxOwnerEntryId 0x661B0102
#define PidTagUserEntryId	0x66190102
/* free tags for the value types the spec has no message property for */
#define TAG_DOUBLE		0x68000005
#define TAG_BINARY		0x68010102
#define TAG_MV_UNICODE		0x6802101F
#define TAG_MV_LONG		0x68031003
#define TAG_MV_STRING8		0x6804101E

#define NO_HANDLE 0xFFFFFFFF

static bool test_logon_props(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	const uint32_t tags[] = {
		PidTagDisplayName_A, PidTagDisplayName_W,
		PidTagStoreSupportMask, PidTagStoreState,
		PidTagIpmSubtreeEntryId, PidTagMailboxOwnerName_W,
		PidTagMailboxOwnerEntryId, PidTagUserEntryId,
		0x7FFF0003,	/* not there */
		0x30010000,	/* PtypUnspecified: the stored type */
	};
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	struct property_row row;
	struct TaggedPropertyValue *all;
	uint16_t n;

	ITEST_ASSERT(logon != NULL, "logon");
	ITEST_MAPI(mapi_props_get(logon, mem_ctx, logon->handle, tags,
				  ARRAY_SIZE(tags), true, 0, &row),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(row.kind == PROPERTY_ROW_FLAGGED, "flagged row");
	ITEST_ASSERT(row.cells[0].flag == 0 &&
		     strncmp(row.cells[0].value.String8, "Mailbox - ", 10) ==
		     0, "string8 display name");
	ITEST_ASSERT(row.cells[1].flag == 0 &&
		     strcmp(row.cells[1].value.String,
			    row.cells[0].value.String8) == 0,
		     "Unicode display name");
	ITEST_ASSERT(row.cells[2].flag == 0 &&
		     (row.cells[2].value.Integer32 & 0x00040000),
		     "STORE_UNICODE_OK");
	ITEST_ASSERT(row.cells[3].flag == 0, "store state");
	ITEST_ASSERT(row.cells[4].flag == 0 &&
		     row.cells[4].value.Binary.Count == 46,
		     "IPM subtree entry ID (%u bytes)",
		     row.cells[4].value.Binary.Count);
	ITEST_ASSERT(row.cells[5].flag == 0 &&
		     strstr(row.cells[0].value.String8,
			    row.cells[5].value.String) != NULL,
		     "owner name");
	ITEST_ASSERT(row.cells[6].flag == 0 &&
		     row.cells[6].value.Binary.Count > 28 &&
		     row.cells[7].value.Binary.Count ==
		     row.cells[6].value.Binary.Count, "owner entry ID");
	ITEST_ASSERT(row.cells[8].flag == PROPERTY_FLAG_ERROR &&
		     row.cells[8].value.ErrorCode == MAPI_E_NOT_FOUND,
		     "missing value");
	ITEST_ASSERT(row.cells[9].flag == 0 &&
		     row.cells[9].type == PT_UNICODE, "unspecified type");
	/* the logon's properties are read-only */
	{
		struct PropertyProblemList p;

		ITEST_MAPI(itest_set_string(logon, mem_ctx, logon->handle,
					    PidTagDisplayName_W, "x", &p),
			   MAPI_E_SUCCESS);
		ITEST_ASSERT(p.PropertyProblemCount == 1, "read-only store");
	}
	ITEST_MAPI(mapi_props_get_all(logon, mem_ctx, logon->handle, false,
				      &all, &n), MAPI_E_SUCCESS);
	ITEST_ASSERT(n >= 10, "all store properties (%u)", n);
	return true;
}

/* Values of every common type on a new message. */
static bool set_values(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
		       uint32_t m, uint64_t when)
{
	static uint8_t bin[] = { 0, 1, 2, 3, 0xFF };
	static uint32_t longs[] = { 1, 2, 0xFFFFFFFF };
	static struct UnicodeValue strs[] = {
		{ "eins" }, { "zwei \xc3\xbc" }
	};
	static struct String8Value strs8[] = { { "a" }, { "b" } };
	struct TaggedPropertyValue v[11];
	struct PropertyProblemList p;
	int n = 0;

	memset(v, 0, sizeof(v));
	v[n].PropertyTag = PidTagSubject_A;
	v[n++].Value.String8 = "Hello";
	v[n].PropertyTag = PidTagBody_W;
	v[n++].Value.String = "Gr\xc3\xbc\xc3\x9f" "e \xe2\x82\xac";
	v[n].PropertyTag = PidTagImportance;
	v[n++].Value.Integer32 = 2;
	v[n].PropertyTag = PidTagReadReceiptRequested;
	v[n++].Value.Boolean = 1;
	v[n].PropertyTag = PidTagClientSubmitTime;
	v[n++].Value.Time = when;
	v[n].PropertyTag = TAG_DOUBLE;
	v[n++].Value.Floating64 = 3.25;
	v[n].PropertyTag = TAG_BINARY;
	v[n].Value.Binary.Count = sizeof(bin);
	v[n++].Value.Binary.Data = bin;
	v[n].PropertyTag = TAG_MV_UNICODE;
	v[n].Value.MultipleString.Count = 2;
	v[n++].Value.MultipleString.Values = strs;
	v[n].PropertyTag = TAG_MV_LONG;
	v[n].Value.MultipleInteger32.Count = 3;
	v[n++].Value.MultipleInteger32.Values = longs;
	v[n].PropertyTag = TAG_MV_STRING8;
	v[n].Value.MultipleString8.Count = 2;
	v[n++].Value.MultipleString8.Values = strs8;
	v[n].PropertyTag = PidTagNormalizedSubject_W;
	v[n++].Value.String = "Hello";
	return mapi_props_set(logon, mem_ctx, m, v, n, &p) ==
	       MAPI_E_SUCCESS && p.PropertyProblemCount == 0;
}

static bool check_values(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			 uint32_t m, uint64_t when)
{
	const uint32_t tags[] = {
		PidTagSubject_W, PidTagBody_W, PidTagImportance,
		PidTagReadReceiptRequested, PidTagClientSubmitTime,
		TAG_DOUBLE, TAG_BINARY, TAG_MV_UNICODE, TAG_MV_LONG,
		TAG_MV_STRING8, PidTagSubject_A,
	};
	struct property_row row;
	const struct property_row_value *c;

	if (mapi_props_get(logon, mem_ctx, m, tags, ARRAY_SIZE(tags), true, 0,
			   &row) != MAPI_E_SUCCESS) {
		return false;
	}
	c = row.cells;
	return row.kind == PROPERTY_ROW_STANDARD &&
	       strcmp(c[0].value.String, "Hello") == 0 &&
	       strcmp(c[1].value.String,
		      "Gr\xc3\xbc\xc3\x9f" "e \xe2\x82\xac") == 0 &&
	       c[2].value.Integer32 == 2 && c[3].value.Boolean == 1 &&
	       c[4].value.Time == when && c[5].value.Floating64 == 3.25 &&
	       c[6].value.Binary.Count == 5 &&
	       c[6].value.Binary.Data[4] == 0xFF &&
	       c[7].value.MultipleString.Count == 2 &&
	       strcmp(c[7].value.MultipleString.Values[1].Value,
		      "zwei \xc3\xbc") == 0 &&
	       c[8].value.MultipleInteger32.Count == 3 &&
	       c[8].value.MultipleInteger32.Values[2] == 0xFFFFFFFF &&
	       c[9].value.MultipleString8.Count == 2 &&
	       strcmp(c[9].value.MultipleString8.Values[1].Value, "b") == 0 &&
	       strcmp(c[10].value.String8, "Hello") == 0;
}

static bool test_message_values(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	struct mapi_message_info *info;
	uint64_t inbox = 0, mid = 0, when = 0x01D9000012345678ULL;
	struct PropertyProblemList p;
	uint32_t m, r;

	ITEST_ASSERT(logon != NULL, "logon");
	inbox = logon->folder_ids[MAPI_LOGON_INBOX];
	ITEST_MAPI(mapi_message_create(logon, mem_ctx, logon->handle, inbox,
				       false, &m), MAPI_E_SUCCESS);
	ITEST_ASSERT(set_values(logon, mem_ctx, m, when), "values set");
	ITEST_ASSERT(check_values(logon, mem_ctx, m, when), "before save");
	ITEST_MAPI(mapi_message_save(logon, mem_ctx, m, KeepOpenReadWrite,
				     &mid), MAPI_E_SUCCESS);
	ITEST_ASSERT(mid != 0 && (mid & 0xFFFF) == 1, "MID");
	/* reopened read-only, in a new session */
	logon = itest_logon(env, mem_ctx);
	ITEST_ASSERT(logon != NULL, "second logon");
	ITEST_MAPI(mapi_message_open(logon, mem_ctx, logon->handle, inbox,
				     mid, OpenMessage_ReadOnly, &r, &info),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(info->normalized_subject != NULL &&
		     strcmp(info->normalized_subject, "Hello") == 0 &&
		     info->subject_prefix == NULL &&
		     info->recipient_count == 0, "OpenMessage response");
	ITEST_ASSERT(check_values(logon, mem_ctx, r, when), "after reopen");
	ITEST_MAPI(itest_set_string(logon, mem_ctx, r, PidTagSubject_W, "x",
				    &p), MAPI_E_NO_ACCESS);
	/* MS-OXCMSG 3.2.5.3: ecError for a message opened read-only */
	ITEST_MAPI(mapi_message_save(logon, mem_ctx, r, 0, NULL),
		   MAPI_E_CALL_FAILED);
	/* not in that folder, not at all */
	ITEST_MAPI(mapi_message_open(logon, mem_ctx, logon->handle,
				     logon->folder_ids[MAPI_LOGON_OUTBOX],
				     mid, 0, &r, NULL), MAPI_E_NOT_FOUND);
	ITEST_MAPI(mapi_message_open(logon, mem_ctx, logon->handle, inbox,
				     0x7FFFFFFF0001ULL, 0, &r, NULL),
		   MAPI_E_NOT_FOUND);
	/* an associated message */
	ITEST_MAPI(mapi_message_create(logon, mem_ctx, logon->handle, inbox,
				       true, &m), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_save(logon, mem_ctx, m, 0, &mid),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(itest_prop_long(logon, mem_ctx, m, 0x67AA000B) == 1,
		     "PidTagAssociated");
	return true;
}

/* Problems, size limits, list / all / delete on a folder. */
static bool test_folder_props(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	struct TaggedPropertyValue v[2], *all;
	struct PropertyProblemList p;
	struct property_row row;
	uint8_t big[1000];
	uint32_t h, *tags, tag;
	uint16_t n, i;
	bool found;

	ITEST_ASSERT(logon != NULL, "logon");
	ITEST_MAPI(mapi_folder_open(logon, mem_ctx, logon->handle,
				    logon->folder_ids[MAPI_LOGON_INBOX], &h),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_folder_create(logon, mem_ctx, h, "props-F", NULL,
				      NULL, &h, NULL), MAPI_E_SUCCESS);
	/* a computed property is a problem, the other value is set */
	memset(v, 0, sizeof(v));
	v[0].PropertyTag = PidTagFolderId;
	v[0].Value.Integer64 = 1;
	v[1].PropertyTag = TAG_BINARY;
	memset(big, 0x5A, sizeof(big));
	v[1].Value.Binary.Count = sizeof(big);
	v[1].Value.Binary.Data = big;
	ITEST_MAPI(mapi_props_set(logon, mem_ctx, h, v, 2, &p),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(p.PropertyProblemCount == 1 &&
		     p.PropertyProblems[0].Index == 0 &&
		     p.PropertyProblems[0].PropertyTag == PidTagFolderId,
		     "computed property problem");
	/* a value over PropertySizeLimit: NotEnoughMemory */
	tag = TAG_BINARY;
	ITEST_MAPI(mapi_props_get(logon, mem_ctx, h, &tag, 1, true, 100,
				  &row), MAPI_E_SUCCESS);
	ITEST_ASSERT(row.cells[0].flag == PROPERTY_FLAG_ERROR &&
		     row.cells[0].value.ErrorCode ==
		     MAPI_E_NOT_ENOUGH_MEMORY, "size limit");
	ITEST_MAPI(mapi_props_get(logon, mem_ctx, h, &tag, 1, true, 0, &row),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(row.cells[0].flag == 0 &&
		     row.cells[0].value.Binary.Count == sizeof(big),
		     "no limit");
	/* list and all */
	ITEST_MAPI(mapi_props_list(logon, mem_ctx, h, &tags, &n),
		   MAPI_E_SUCCESS);
	for (i = 0, found = false; i < n; i++) {
		found |= tags[i] == TAG_BINARY;
	}
	ITEST_ASSERT(found, "listed");
	ITEST_MAPI(mapi_props_get_all(logon, mem_ctx, h, false, &all, &n),
		   MAPI_E_SUCCESS);
	for (i = 0, found = false; i < n; i++) {
		found |= all[i].PropertyTag == PidTagDisplayName_A &&
			 strcmp(all[i].Value.String8, "props-F") == 0;
	}
	ITEST_ASSERT(found, "string8 name in GetPropertiesAll");
	/* delete */
	ITEST_MAPI(mapi_props_delete(logon, mem_ctx, h, &tag, 1, &p),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(p.PropertyProblemCount == 0, "deleted");
	ITEST_MAPI(mapi_props_get(logon, mem_ctx, h, &tag, 1, true, 0, &row),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(row.cells[0].value.ErrorCode == MAPI_E_NOT_FOUND,
		     "gone");
	return true;
}

/* RopCopyProperties / RopCopyTo between messages. */
static bool test_copy_props(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	uint64_t inbox;
	uint32_t a, b, handles[2];
	struct RopRequest req = { .RopId = RopCopyProperties };
	struct mapi_emsmdb_rop_result r;
	uint32_t tag = PidTagSubject_W;
	const char *s;

	ITEST_ASSERT(logon != NULL, "logon");
	inbox = logon->folder_ids[MAPI_LOGON_INBOX];
	ITEST_MAPI(mapi_message_create(logon, mem_ctx, logon->handle, inbox,
				       false, &a), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_create(logon, mem_ctx, logon->handle, inbox,
				       false, &b), MAPI_E_SUCCESS);
	ITEST_MAPI(itest_set_string(logon, mem_ctx, a, PidTagSubject_W,
				    "copied", NULL), MAPI_E_SUCCESS);
	handles[0] = a;
	handles[1] = b;
	req.LogonId = logon->logon_id;
	req.Body.CopyProperties.DestHandleIndex = 1;
	req.Body.CopyProperties.PropertyTagCount = 1;
	req.Body.CopyProperties.PropertyTags = &tag;
	ITEST_MAPI(mapi_emsmdb_rops(logon->emsmdb, mem_ctx, &req, 1, handles,
				    2, NULL, &r), MAPI_E_SUCCESS);
	ITEST_ASSERT(r.count == 1 &&
		     r.responses[0].Body.CopyProperties.ReturnValue == 0,
		     "CopyProperties");
	s = itest_prop_string(logon, mem_ctx, b, PidTagSubject_W);
	ITEST_ASSERT(s != NULL && strcmp(s, "copied") == 0, "copied value");
	/* RopCopyTo with a move: gone from the source */
	memset(&req, 0, sizeof(req));
	req.RopId = RopCopyTo;
	req.LogonId = logon->logon_id;
	req.Body.CopyTo.DestHandleIndex = 1;
	req.Body.CopyTo.CopyFlags = PropertyCopyFlags_Move;
	ITEST_MAPI(itest_set_string(logon, mem_ctx, a, PidTagSubject_W,
				    "moved", NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_emsmdb_rops(logon->emsmdb, mem_ctx, &req, 1, handles,
				    2, NULL, &r), MAPI_E_SUCCESS);
	ITEST_ASSERT(r.responses[0].Body.CopyTo.ReturnValue == 0, "CopyTo");
	s = itest_prop_string(logon, mem_ctx, b, PidTagSubject_W);
	ITEST_ASSERT(s != NULL && strcmp(s, "moved") == 0, "moved value");
	ITEST_ASSERT(itest_prop_string(logon, mem_ctx, a, PidTagSubject_W) ==
		     NULL, "moved away");
	/* no destination: ecDstNullObject with its index */
	handles[1] = NO_HANDLE;
	ITEST_MAPI(mapi_emsmdb_rops(logon->emsmdb, mem_ctx, &req, 1, handles,
				    2, NULL, &r), MAPI_E_SUCCESS);
	ITEST_ASSERT(r.responses[0].Body.CopyTo.ReturnValue ==
		     ecDstNullObject &&
		     r.responses[0].Body.CopyTo.Data.DestHandleIndex == 1,
		     "null destination");
	/* RopCopyTo on a logon: not an object it takes */
	handles[0] = logon->handle;
	handles[1] = b;
	ITEST_MAPI(mapi_emsmdb_rops(logon->emsmdb, mem_ctx, &req, 1, handles,
				    2, NULL, &r), MAPI_E_SUCCESS);
	ITEST_ASSERT(r.responses[0].Body.CopyTo.ReturnValue ==
		     MAPI_E_INVALID_OBJECT, "wrong object");
	return true;
}

#define PidTagContainerHierarchy	0x360E000D
#define PidTagDisplayName_W_TAG		0x3001001F
#define PidTagRecipientType		0x0C150003
#define PidTagAttachLongFilename_W	0x3707001F

/* The mailbox database of the test user, as the server opens it. */
static struct mstore *open_store(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mstore_open_params p = { 0 };
	struct mstore *store = NULL;
	char *conf = talloc_strdup(mem_ctx, env->smb_conf);

	if (conf == NULL) {
		return NULL;
	}
	p.directory = talloc_asprintf(mem_ctx, "%s/private/mapistore",
				      dirname(dirname(conf)));
	p.mailbox = env->user.username;
	return mstore_open(mem_ctx, &p, &store) == MAPI_E_SUCCESS ? store :
	       NULL;
}

/* RopCopyTo from handles[0] to handles[1] with WantSubObjects. */
static enum MAPISTATUS copy_to(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			       uint32_t src, uint32_t dst, uint8_t flags,
			       uint32_t *excluded, uint16_t n)
{
	struct RopRequest req = { .RopId = RopCopyTo };
	struct mapi_emsmdb_rop_result r;
	uint32_t handles[2] = { src, dst };
	enum MAPISTATUS rv;

	req.LogonId = logon->logon_id;
	req.Body.CopyTo.DestHandleIndex = 1;
	req.Body.CopyTo.WantSubObjects = 1;
	req.Body.CopyTo.CopyFlags = flags;
	req.Body.CopyTo.ExcludedTagCount = n;
	req.Body.CopyTo.ExcludedTags = excluded;
	rv = mapi_emsmdb_rops(logon->emsmdb, mem_ctx, &req, 1, handles, 2,
			      NULL, &r);
	return rv != MAPI_E_SUCCESS ? rv : r.count != 1 ? MAPI_E_CALL_FAILED :
	       (enum MAPISTATUS)r.responses[0].Body.CopyTo.ReturnValue;
}

static uint32_t children(struct mstore *store, TALLOC_CTX *mem_ctx,
			 uint64_t fid)
{
	uint64_t *kids;
	uint32_t n = 0;

	mstore_folder_children(mem_ctx, store, fid, &kids, &n);
	return n;
}

/* A message in @a fid with one recipient and one attachment. */
static bool rich_message(struct mstore *store, uint64_t fid, uint64_t *mid)
{
	TALLOC_CTX *tmp = talloc_new(store);
	struct mstore_message *msg;
	struct mstore_value r[2], a, subj = { .tag = PidTagSubject_W };
	struct mstore_row row = { .values = r, .count = 2 };
	uint32_t num;
	bool ok;

	r[0].tag = PidTagDisplayName_W_TAG;
	r[0].v.str = "Bob";
	r[1].tag = PidTagRecipientType;
	r[1].v.i32 = 1;
	a.tag = PidTagAttachLongFilename_W;
	a.v.str = "a.txt";
	subj.v.str = "rich";
	ok = mstore_message_create(tmp, store, fid, false, &msg) ==
	     MAPI_E_SUCCESS &&
	     mstore_message_set_props(msg, &subj, 1) == MAPI_E_SUCCESS &&
	     mstore_message_set_recipients(msg, &row, 1) == MAPI_E_SUCCESS &&
	     mstore_message_add_attachment(msg, &a, 1, &num) ==
	     MAPI_E_SUCCESS &&
	     mstore_message_save(msg) == MAPI_E_SUCCESS;
	if (ok) {
		*mid = mstore_message_mid(msg);
	}
	talloc_free(tmp);
	return ok;
}

/*
 * RopCopyTo with WantSubObjects (MS-OXCPRPT 2.2.11.1): a folder's
 * messages and subfolders, a message's recipients and attachments; a
 * sub-object property in ExcludedTags leaves that kind; Move empties the
 * source.
 */
static bool test_copy_subobjects(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	struct mstore *store = open_store(env, mem_ctx);
	uint32_t inbox, src, dst, dst2, dst3, sub, m, copy;
	uint32_t ex[2] = { PidTagDisplayName_W_TAG, PidTagContainerHierarchy };
	uint64_t fsrc, fdst, fdst2, fdst3, fsub, mid, cmid, x;
	struct mstore_message *msg;
	struct mstore_row *rows;
	uint32_t n;

	ITEST_ASSERT(logon != NULL && store != NULL, "logon, store");
	inbox = logon->handle;
	ITEST_MAPI(mapi_folder_open(logon, mem_ctx, logon->handle,
				    logon->folder_ids[MAPI_LOGON_INBOX],
				    &inbox), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_folder_create(logon, mem_ctx, inbox, "cs-src", NULL,
				      &fsrc, &src, NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_folder_create(logon, mem_ctx, src, "cs-child", NULL,
				      &fsub, &sub, NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_folder_create(logon, mem_ctx, inbox, "cs-dst", NULL,
				      &fdst, &dst, NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_folder_create(logon, mem_ctx, inbox, "cs-dst2", NULL,
				      &fdst2, &dst2, NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_folder_create(logon, mem_ctx, inbox, "cs-dst3", NULL,
				      &fdst3, &dst3, NULL), MAPI_E_SUCCESS);
	ITEST_ASSERT(rich_message(store, fsrc, &mid) &&
		     rich_message(store, fsub, &x), "messages");
	/* the folder: its message and its subfolder with its message */
	ITEST_MAPI(copy_to(logon, mem_ctx, src, dst, 0, ex, 1),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(itest_prop_long(logon, mem_ctx, dst, PidTagContentCount)
		     == 1 && children(store, mem_ctx, fdst) == 1,
		     "copied into cs-dst");
	ITEST_MAPI(mstore_folder_find(store, fdst, "cs-child", &x),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(itest_prop_long(logon, mem_ctx, src, PidTagContentCount)
		     == 1 && children(store, mem_ctx, fsrc) == 1,
		     "the source keeps them");
	/* PidTagContainerHierarchy excluded: the messages only */
	ITEST_MAPI(copy_to(logon, mem_ctx, src, dst2, 0, ex, 2),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(itest_prop_long(logon, mem_ctx, dst2,
				     PidTagContentCount) == 1 &&
		     children(store, mem_ctx, fdst2) == 0, "no subfolders");
	/* Move: the source loses them */
	ITEST_MAPI(copy_to(logon, mem_ctx, src, dst3, PropertyCopyFlags_Move,
			   ex, 1), MAPI_E_SUCCESS);
	ITEST_ASSERT(itest_prop_long(logon, mem_ctx, src, PidTagContentCount)
		     == 0 && children(store, mem_ctx, fsrc) == 0 &&
		     itest_prop_long(logon, mem_ctx, dst3,
				     PidTagContentCount) == 1 &&
		     children(store, mem_ctx, fdst3) == 1, "moved");
	/* into itself: refused */
	ITEST_MAPI(copy_to(logon, mem_ctx, dst, dst, 0, ex, 1),
		   MAPI_E_INVALID_PARAMETER);
	/* a message: its recipients and attachments */
	ITEST_MAPI(mapi_message_open(logon, mem_ctx, dst3, fdst3, mid, 0, &m,
				     NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_create(logon, mem_ctx, dst3, fdst3, false,
				       &copy), MAPI_E_SUCCESS);
	ITEST_MAPI(copy_to(logon, mem_ctx, m, copy, 0, NULL, 0),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_save(logon, mem_ctx, copy, KeepOpenReadOnly,
				     &cmid), MAPI_E_SUCCESS);
	ITEST_MAPI(mstore_message_open(mem_ctx, store, cmid, &msg),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(mstore_message_get_recipients(mem_ctx, msg, &rows, &n) ==
		     MAPI_E_SUCCESS && n == 1, "%u recipients", n);
	ITEST_ASSERT(mstore_message_get_attachments(mem_ctx, msg, &rows, &n) ==
		     MAPI_E_SUCCESS && n == 1, "%u attachments", n);
	return true;
}

static bool test_named(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	/* PS_PUBLIC_STRINGS {00020329-0000-0000-C000-000000000046} */
	const struct GUID ps = { 0x00020329, 0, 0, { 0xC0, 0 },
				 { 0, 0, 0, 0, 0, 0x46 } };
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	struct PropertyName names[3], *back;
	uint16_t *ids, first[3], unknown[2];
	char name[64];

	ITEST_ASSERT(logon != NULL, "logon");
	snprintf(name, sizeof(name), "itest-%ld", (long)random());
	ITEST_ASSERT(mapi_named_string(mem_ctx, &ps, name, &names[0]),
		     "name");
	names[1] = (struct PropertyName) { .Kind = MNID_ID, .Guid = ps,
					   .Value.LID = 0x8501 };
	/* PS_MAPI ids are the tags' */
	names[2] = (struct PropertyName) {
		.Kind = MNID_ID,
		.Guid = { 0x00020328, 0, 0, { 0xC0, 0 },
			  { 0, 0, 0, 0, 0, 0x46 } },
		.Value.LID = 0x3001 };
	/* unknown, not created */
	ITEST_MAPI(mapi_named_ids(logon, mem_ctx, logon->handle, names, 1,
				  false, &ids), MAPI_W_ERRORS_RETURNED);
	ITEST_ASSERT(ids[0] == 0, "unknown name");
	ITEST_MAPI(mapi_named_ids(logon, mem_ctx, logon->handle, names, 3,
				  true, &ids), MAPI_E_SUCCESS);
	ITEST_ASSERT(ids[0] >= 0x8000 && ids[1] >= 0x8000 &&
		     ids[0] != ids[1] && ids[2] == 0x3001, "created ids");
	memcpy(first, ids, sizeof(first));
	/* the same ids in another session, without create */
	logon = itest_logon(env, mem_ctx);
	ITEST_ASSERT(logon != NULL, "second logon");
	ITEST_MAPI(mapi_named_ids(logon, mem_ctx, logon->handle, names, 3,
				  false, &ids), MAPI_E_SUCCESS);
	ITEST_ASSERT(memcmp(ids, first, sizeof(first)) == 0, "stable ids");
	/* and back to names */
	ITEST_MAPI(mapi_named_names(logon, mem_ctx, logon->handle, first, 2,
				    &back), MAPI_E_SUCCESS);
	ITEST_ASSERT(back[0].Kind == MNID_STRING &&
		     GUID_equal(&back[0].Guid, &ps) &&
		     back[0].Value.Name.NameSize ==
		     names[0].Value.Name.NameSize &&
		     memcmp(back[0].Value.Name.Name,
			    names[0].Value.Name.Name,
			    names[0].Value.Name.NameSize) == 0,
		     "string name back");
	ITEST_ASSERT(back[1].Kind == MNID_ID &&
		     back[1].Value.LID == 0x8501, "LID back");
	unknown[0] = 0xFFF0;
	unknown[1] = first[0];
	ITEST_MAPI(mapi_named_names(logon, mem_ctx, logon->handle, unknown, 2,
				    &back), MAPI_W_ERRORS_RETURNED);
	ITEST_ASSERT(back[0].Kind == MNID_NONE &&
		     back[1].Kind == MNID_STRING, "unknown id");
	/* a named property's value on a folder */
	{
		uint32_t h, tag = ((uint32_t)first[0] << 16) | PT_UNICODE;
		const char *s;

		ITEST_MAPI(mapi_folder_open(logon, mem_ctx, logon->handle,
					    logon->folder_ids[
						    MAPI_LOGON_INBOX], &h),
			   MAPI_E_SUCCESS);
		ITEST_MAPI(itest_set_string(logon, mem_ctx, h, tag, "named",
					    NULL), MAPI_E_SUCCESS);
		s = itest_prop_string(logon, mem_ctx, h, tag);
		ITEST_ASSERT(s != NULL && strcmp(s, "named") == 0,
			     "named value");
	}
	return true;
}

#define PidTagComment_W		0x3004001F

/* One raw ROP on @a handle; the response or NULL. */
static struct RopResponse *one_rop(struct mapi_logon *logon,
				   TALLOC_CTX *mem_ctx, uint32_t handle,
				   struct RopRequest *req)
{
	struct mapi_emsmdb_rop_result r;

	req->LogonId = logon->logon_id;
	req->HandleIndex = 0;
	if (mapi_emsmdb_rops(logon->emsmdb, mem_ctx, req, 1, &handle, 1,
			     NULL, &r) != MAPI_E_SUCCESS || r.count != 1) {
		return NULL;
	}
	return &r.responses[0];
}

/*
 * RopSetPropertiesNoReplicate / RopDeletePropertiesNoReplicate
 * (MS-OXCPRPT 3.2.5.4, 3.2.5.6) on a folder: as their replicated
 * counterparts; RopProgress (3.2.5.20): nothing is ever pending.
 */
static bool test_no_replicate(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	struct TaggedPropertyValue v = { .PropertyTag = PidTagComment_W,
					 .Value.String = "not replicated" };
	uint32_t tag = PidTagComment_W, inbox, h;
	struct RopRequest req = { .RopId = RopSetPropertiesNoReplicate };
	struct RopResponse *resp;
	const char *s;
	char name[64];

	ITEST_ASSERT(logon != NULL, "logon");
	ITEST_MAPI(mapi_folder_open(logon, mem_ctx, logon->handle,
				    logon->folder_ids[MAPI_LOGON_INBOX],
				    &inbox), MAPI_E_SUCCESS);
	snprintf(name, sizeof(name), "nr-%ld", (long)random());
	ITEST_MAPI(mapi_folder_create(logon, mem_ctx, inbox, name, NULL, NULL,
				      &h, NULL), MAPI_E_SUCCESS);
	req.Body.SetPropertiesNoReplicate.Values.PropertyValueCount = 1;
	req.Body.SetPropertiesNoReplicate.Values.PropertyValues = &v;
	resp = one_rop(logon, mem_ctx, h, &req);
	ITEST_ASSERT(resp != NULL &&
		     resp->Body.SetPropertiesNoReplicate.ReturnValue == 0 &&
		     resp->Body.SetPropertiesNoReplicate.Data.Success
		     .PropertyProblemCount == 0, "SetPropertiesNoReplicate");
	s = itest_prop_string(logon, mem_ctx, h, PidTagComment_W);
	ITEST_ASSERT(s != NULL && strcmp(s, "not replicated") == 0,
		     "value set");
	req = (struct RopRequest) { .RopId = RopDeletePropertiesNoReplicate };
	req.Body.DeletePropertiesNoReplicate.PropertyTagCount = 1;
	req.Body.DeletePropertiesNoReplicate.PropertyTags = &tag;
	resp = one_rop(logon, mem_ctx, h, &req);
	ITEST_ASSERT(resp != NULL &&
		     resp->Body.DeletePropertiesNoReplicate.ReturnValue == 0,
		     "DeletePropertiesNoReplicate");
	ITEST_ASSERT(itest_prop_string(logon, mem_ctx, h, PidTagComment_W) ==
		     NULL, "value deleted");
	/* RopProgress: 0 of 0 tasks */
	req = (struct RopRequest) { .RopId = RopProgress };
	resp = one_rop(logon, mem_ctx, h, &req);
	ITEST_ASSERT(resp != NULL && resp->Body.Progress.ReturnValue == 0 &&
		     resp->Body.Progress.Data.Success.LogonId ==
		     logon->logon_id &&
		     resp->Body.Progress.Data.Success.CompletedTaskCount ==
		     0 && resp->Body.Progress.Data.Success.TotalTaskCount ==
		     0, "RopProgress");
	return true;
}

/* RopQueryNamedProperties (MS-OXCPRPT 3.2.5.12): the mailbox's named
 * properties, by GUID, without strings or ids with QueryFlags. */
static bool test_query_named(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	struct GUID g = { (uint32_t)random(), 0x1234, 0x5678,
			  { 0x9A, 0xBC }, { 1, 2, 3, 4, 5, 6 } };
	struct RopRequest req = { .RopId = RopQueryNamedProperties };
	struct RopQueryNamedProperties_resp_success *ok;
	struct RopResponse *resp;
	struct PropertyName names[2];
	uint16_t *ids;

	ITEST_ASSERT(logon != NULL, "logon");
	ITEST_ASSERT(mapi_named_string(mem_ctx, &g, "query-me", &names[0]),
		     "name");
	names[1] = (struct PropertyName) { .Kind = MNID_ID, .Guid = g,
					   .Value.LID = 0x42 };
	ITEST_MAPI(mapi_named_ids(logon, mem_ctx, logon->handle, names, 2,
				  true, &ids), MAPI_E_SUCCESS);
	req.Body.QueryNamedProperties.HasGuid = 1;
	req.Body.QueryNamedProperties.PropertyGuid.PropertyGuid = g;
	resp = one_rop(logon, mem_ctx, logon->handle, &req);
	ITEST_ASSERT(resp != NULL &&
		     resp->Body.QueryNamedProperties.ReturnValue == 0,
		     "QueryNamedProperties");
	ok = &resp->Body.QueryNamedProperties.Data.Success;
	ITEST_ASSERT(ok->IdCount == 2, "two names of the GUID, got %u",
		     ok->IdCount);
	ITEST_ASSERT((ok->PropertyIds[0] == ids[0] &&
		      ok->PropertyIds[1] == ids[1]) ||
		     (ok->PropertyIds[0] == ids[1] &&
		      ok->PropertyIds[1] == ids[0]), "their ids");
	/* NoStrings: the LID one only */
	req.Body.QueryNamedProperties.QueryFlags =
		PropertyQueryFlags_NoStrings;
	resp = one_rop(logon, mem_ctx, logon->handle, &req);
	ok = resp ? &resp->Body.QueryNamedProperties.Data.Success : NULL;
	ITEST_ASSERT(ok != NULL && ok->IdCount == 1 &&
		     ok->PropertyIds[0] == ids[1] &&
		     ok->PropertyNames[0].Kind == MNID_ID &&
		     ok->PropertyNames[0].Value.LID == 0x42, "NoStrings");
	/* NoIds: the string one only */
	req.Body.QueryNamedProperties.QueryFlags = PropertyQueryFlags_NoIds;
	resp = one_rop(logon, mem_ctx, logon->handle, &req);
	ok = resp ? &resp->Body.QueryNamedProperties.Data.Success : NULL;
	ITEST_ASSERT(ok != NULL && ok->IdCount == 1 &&
		     ok->PropertyIds[0] == ids[0] &&
		     ok->PropertyNames[0].Kind == MNID_STRING, "NoIds");
	/* no GUID: at least these two */
	req.Body.QueryNamedProperties.QueryFlags = 0;
	req.Body.QueryNamedProperties.HasGuid = 0;
	resp = one_rop(logon, mem_ctx, logon->handle, &req);
	ok = resp ? &resp->Body.QueryNamedProperties.Data.Success : NULL;
	ITEST_ASSERT(ok != NULL && ok->IdCount >= 2, "every name");
	return true;
}

static const struct itest tests[] = {
	{ "logon-props", test_logon_props },
	{ "message-values", test_message_values },
	{ "folder-props", test_folder_props },
	{ "copy-props", test_copy_props },
	{ "copy-subobjects", test_copy_subobjects },
	{ "named", test_named },
	{ "no-replicate", test_no_replicate },
	{ "query-named", test_query_named },
};

int main(int argc, const char **argv)
{
	srandom(getpid());
	return itest_main("emsmdb-properties", tests, ARRAY_SIZE(tests), argc,
			  argv);
}
