/*
 * Integration suite: the message ROPs of MS-OXCMSG through libmapi
 * against the real server of torture/testenv: RopCreateMessage (normal,
 * FAI, CodePageId), RopOpenMessage (access modes), RopSaveChangesMessage
 * (SaveFlags, conflicts between sessions, a message deleted meanwhile),
 * RopReloadCachedInformation, RopSetMessageReadFlag (private and public
 * logons), RopSetReadFlags, RopGetMessageStatus, RopSetMessageStatus,
 * RopModifyRecipients, RopReadRecipients, RopRemoveAllRecipients, and
 * their errors.
 */
#include "itest_emsmdb.h"

#include "libmapi/message.h"
#include "libmapi/ndr/recipient_row.h"

#define PidTagImportance		0x00170003
#define PidTagMessageClass_W		0x001A001F
#define PidTagSubject_W			0x0037001F
#define PidTagSubject_A			0x0037001E
#define PidTagSubjectPrefix_W		0x003D001F
#define PidTagNormalizedSubject_W	0x0E1D001F
#define PidTagSensitivity		0x00360003
#define PidTagDisplayBcc_W		0x0E02001F
#define PidTagDisplayCc_W		0x0E03001F
#define PidTagDisplayTo_W		0x0E04001F
#define PidTagMessageFlags		0x0E070003
#define PidTagMessageStatus		0x0E170003
#define PidTagHasAttachments		0x0E1B000B
#define PidTagTrustSender		0x0E790003
#define PidTagAccess			0x0FF40003
#define PidTagAccessLevel		0x0FF70003
#define PidTagCreatorName_W		0x3FF8001F
#define PidTagLastModifierName_W	0x3FFA001F
#define PidTagLocalCommitTime		0x67090040
#define PidTagAssociated		0x67AA000B
#define PidTagRecipientTrackStatus	0x5FFF0003
#define PidTagSmtpAddress_W		0x39FE001F
#define PidTagBody_W			0x1000001F
#define PidTagRtfCompressed		0x10090102
#define PidTagHtml			0x10130102
#define PidTagRtfInSync			0x0E1F000B
#define PidTagNativeBody		0x10160003

/* PidTagMessageFlags (MS-OXCMSG 2.2.1.6) */
#define MF_READ		0x0001
#define MF_UNSENT	0x0008
#define MF_ASSOCIATED	0x0040
#define MF_NOTIFYREAD	0x0100
#define MF_EVERREAD	0x0400

#define NO_HANDLE	0xFFFFFFFF

static uint64_t inbox_of(struct mapi_logon *logon)
{
	return logon->folder_ids[MAPI_LOGON_INBOX];
}

/* The subject in its three properties: the client sets them all
 * (MS-OXCMSG 2.2.1.9, 2.2.1.10). */
static enum MAPISTATUS set_subject(struct mapi_logon *logon,
				   TALLOC_CTX *mem_ctx, uint32_t handle,
				   const char *prefix, const char *normalized)
{
	struct TaggedPropertyValue v[3] = {
		{ .PropertyTag = PidTagSubject_W },
		{ .PropertyTag = PidTagSubjectPrefix_W },
		{ .PropertyTag = PidTagNormalizedSubject_W },
	};

	v[0].Value.String = talloc_asprintf(mem_ctx, "%s%s", prefix,
					    normalized);
	v[1].Value.String = prefix;
	v[2].Value.String = normalized;
	return mapi_props_set(logon, mem_ctx, handle, v, 3, NULL);
}

/* A saved message with @a subject in the inbox; its MID. */
static uint64_t new_message(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			    const char *subject)
{
	uint32_t h;
	uint64_t mid = 0;

	if (mapi_message_create(logon, mem_ctx, logon->handle,
				inbox_of(logon), false, &h) != MAPI_E_SUCCESS ||
	    set_subject(logon, mem_ctx, h, "", subject) != MAPI_E_SUCCESS ||
	    mapi_message_save(logon, mem_ctx, h, KeepOpenReadOnly, &mid) !=
	    MAPI_E_SUCCESS) {
		return 0;
	}
	mapi_object_release(logon, h);
	return mid;
}

static enum MAPISTATUS set_long(struct mapi_logon *logon,
				TALLOC_CTX *mem_ctx, uint32_t handle,
				uint32_t tag, uint32_t value)
{
	struct TaggedPropertyValue v = { .PropertyTag = tag };

	v.Value.Integer32 = value;
	return mapi_props_set(logon, mem_ctx, handle, &v, 1, NULL);
}

static int64_t message_flags(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			     uint64_t mid)
{
	uint32_t h;
	int64_t f;

	if (mapi_message_open(logon, mem_ctx, logon->handle, inbox_of(logon),
			      mid, OpenMessage_ReadOnly, &h, NULL) !=
	    MAPI_E_SUCCESS) {
		return -1;
	}
	f = itest_prop_long(logon, mem_ctx, h, PidTagMessageFlags);
	mapi_object_release(logon, h);
	return f;
}

/* ------------------------------------------------------------ create */

static bool test_create_defaults(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	const char *s;
	uint64_t mid;
	uint32_t m;

	ITEST_ASSERT(logon != NULL, "logon");
	ITEST_MAPI(mapi_message_create(logon, mem_ctx, logon->handle,
				       inbox_of(logon), false, &m),
		   MAPI_E_SUCCESS);
	/* MS-OXCMSG 3.2.5.2 */
	s = itest_prop_string(logon, mem_ctx, m, PidTagMessageClass_W);
	ITEST_ASSERT(s != NULL && strcmp(s, "IPM.Note") == 0, "class %s", s);
	ITEST_ASSERT(itest_prop_long(logon, mem_ctx, m, PidTagImportance) ==
		     1 && itest_prop_long(logon, mem_ctx, m,
					  PidTagSensitivity) == 0 &&
		     itest_prop_long(logon, mem_ctx, m, PidTagTrustSender) ==
		     1, "importance, sensitivity, trust");
	ITEST_ASSERT(itest_prop_long(logon, mem_ctx, m, PidTagMessageFlags) ==
		     (MF_READ | MF_UNSENT | MF_EVERREAD), "flags");
	ITEST_ASSERT(itest_prop_long(logon, mem_ctx, m, PidTagHasAttachments)
		     == 0, "no attachments");
	ITEST_ASSERT(itest_prop_long(logon, mem_ctx, m, PidTagAccess) == 3 &&
		     itest_prop_long(logon, mem_ctx, m, PidTagAccessLevel) ==
		     1, "access");
	s = itest_prop_string(logon, mem_ctx, m, PidTagDisplayTo_W);
	ITEST_ASSERT(s != NULL && s[0] == '\0', "DisplayTo");
	s = itest_prop_string(logon, mem_ctx, m, PidTagCreatorName_W);
	ITEST_ASSERT(s != NULL && s[0] != '\0', "creator");
	/* computed: not settable */
	ITEST_MAPI(set_long(logon, mem_ctx, m, PidTagAccessLevel, 0),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(itest_prop_long(logon, mem_ctx, m, PidTagAccessLevel) ==
		     1, "access level kept");
	ITEST_MAPI(mapi_message_save(logon, mem_ctx, m, KeepOpenReadWrite,
				     &mid), MAPI_E_SUCCESS);
	ITEST_ASSERT(mid != 0, "MessageId");
	ITEST_ASSERT(itest_prop(logon, mem_ctx, m, PidTagLocalCommitTime) !=
		     NULL && itest_prop_string(logon, mem_ctx, m,
					       PidTagLastModifierName_W) !=
		     NULL, "commit time, modifier");
	/* not a folder or logon */
	ITEST_MAPI(mapi_message_create(logon, mem_ctx, m, inbox_of(logon),
				       false, &m), MAPI_E_INVALID_OBJECT);
	ITEST_MAPI(mapi_message_create(logon, mem_ctx, logon->handle,
				       0x7FFFFFFF0001ULL, false, &m),
		   MAPI_E_NOT_FOUND);
	return true;
}

/*
 * MS-OXCMSG 3.2.5.3 / MS-OXBBODY: a save derives the other body forms
 * from the one the client wrote, which becomes the native body.
 */
static bool test_body_forms(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	const struct property_row_value *c;
	uint64_t mid;
	uint32_t m;

	ITEST_ASSERT(logon != NULL, "logon");
	ITEST_MAPI(mapi_message_create(logon, mem_ctx, logon->handle,
				       inbox_of(logon), false, &m),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(itest_set_string(logon, mem_ctx, m, PidTagBody_W,
				    "Plain body <text>", NULL),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_save(logon, mem_ctx, m, KeepOpenReadWrite,
				     &mid), MAPI_E_SUCCESS);
	ITEST_ASSERT(itest_prop_long(logon, mem_ctx, m, PidTagNativeBody) ==
		     1, "native body: plain text");
	ITEST_ASSERT(itest_prop_long(logon, mem_ctx, m, PidTagRtfInSync) ==
		     1, "RTF in sync");
	c = itest_prop(logon, mem_ctx, m, PidTagRtfCompressed);
	ITEST_ASSERT(c != NULL && c->flag == 0 && c->value.Binary.Count > 16,
		     "RTF derived");
	c = itest_prop(logon, mem_ctx, m, PidTagHtml);
	ITEST_ASSERT(c != NULL && c->flag == 0 &&
		     memmem(c->value.Binary.Data, c->value.Binary.Count,
			    "&lt;text&gt;", 12) != NULL, "HTML derived");
	return true;
}

static bool test_create_associated(struct itest_env *env,
				   TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	uint64_t mid;
	uint32_t m;
	int64_t f;

	ITEST_ASSERT(logon != NULL, "logon");
	ITEST_MAPI(mapi_message_create(logon, mem_ctx, logon->handle,
				       inbox_of(logon), true, &m),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_save(logon, mem_ctx, m, KeepOpenReadOnly,
				     &mid), MAPI_E_SUCCESS);
	ITEST_ASSERT(itest_prop_long(logon, mem_ctx, m, PidTagAssociated) ==
		     1, "PidTagAssociated");
	f = message_flags(logon, mem_ctx, mid);
	ITEST_ASSERT(f >= 0 && (f & MF_ASSOCIATED), "mfFAI 0x%llx",
		     (long long)f);
	return true;
}

/* CodePageId: string8 values of the message are in that code page. */
static bool test_create_code_page(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	const char *s;
	uint32_t m;

	ITEST_ASSERT(logon != NULL, "logon");
	ITEST_MAPI(mapi_message_create_cp(logon, mem_ctx, logon->handle,
					  inbox_of(logon), false, 1252, &m),
		   MAPI_E_SUCCESS);
	/* "caf\xe9" in Windows-1252 */
	ITEST_MAPI(itest_set_string(logon, mem_ctx, m, PidTagSubject_A,
				    "caf\xe9", NULL), MAPI_E_SUCCESS);
	s = itest_prop_string(logon, mem_ctx, m, PidTagSubject_W);
	ITEST_ASSERT(s != NULL && strcmp(s, "caf\xc3\xa9") == 0,
		     "subject %s", s);
	ITEST_MAPI(mapi_message_create_cp(logon, mem_ctx, logon->handle,
					  inbox_of(logon), false, 0x7777, &m),
		   ecUnknownCodePage);
	return true;
}

/* -------------------------------------------------------------- open */

static bool test_open_modes(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	struct mapi_message_info *info;
	uint64_t mid = 0, fid;
	uint32_t h, f;

	ITEST_ASSERT(logon != NULL, "logon");
	fid = inbox_of(logon);
	ITEST_MAPI(mapi_message_create(logon, mem_ctx, logon->handle, fid,
				       false, &h), MAPI_E_SUCCESS);
	ITEST_MAPI(set_subject(logon, mem_ctx, h, "RE: ", "modes"),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_save(logon, mem_ctx, h, 0, &mid),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_open(logon, mem_ctx, logon->handle, fid, mid,
				     OpenMessage_ReadOnly, &h, &info),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(info->normalized_subject != NULL &&
		     strcmp(info->normalized_subject, "modes") == 0 &&
		     info->subject_prefix != NULL &&
		     strcmp(info->subject_prefix, "RE: ") == 0,
		     "subject %s / %s", info->subject_prefix,
		     info->normalized_subject);
	ITEST_ASSERT(itest_prop_long(logon, mem_ctx, h, PidTagAccess) == 2 &&
		     itest_prop_long(logon, mem_ctx, h, PidTagAccessLevel) ==
		     0, "read-only access");
	/* writes refused (MS-OXCPRPT: ecAccessDenied), save is ecError */
	ITEST_MAPI(itest_set_string(logon, mem_ctx, h, PidTagSubject_W, "x",
				    NULL), MAPI_E_NO_ACCESS);
	ITEST_MAPI(mapi_message_save(logon, mem_ctx, h, KeepOpenReadOnly,
				     NULL), MAPI_E_CALL_FAILED);
	ITEST_MAPI(mapi_recipients_remove_all(logon, mem_ctx, h),
		   MAPI_E_NO_ACCESS);
	/* read/write and best access, through the folder */
	ITEST_MAPI(mapi_folder_open(logon, mem_ctx, logon->handle, fid, &f),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_open(logon, mem_ctx, f, fid, mid,
				     OpenMessage_ReadWrite, &h, NULL),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(itest_prop_long(logon, mem_ctx, h, PidTagAccess) == 3,
		     "read/write access");
	ITEST_MAPI(mapi_message_open(logon, mem_ctx, f, fid, mid,
				     OpenMessage_BestAccess, &h, NULL),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(itest_prop_long(logon, mem_ctx, h, PidTagAccessLevel) ==
		     1, "best access");
	ITEST_MAPI(itest_set_string(logon, mem_ctx, h, PidTagSubject_W,
				    "modes 2", NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_save(logon, mem_ctx, h, KeepOpenReadWrite,
				     NULL), MAPI_E_SUCCESS);
	/* OpenSoftDeleted on a live message: opened as it is */
	ITEST_MAPI(mapi_message_open(logon, mem_ctx, f, fid, mid,
				     OpenMessage_OpenSoftDeleted, &h, NULL),
		   MAPI_E_SUCCESS);
	/* through a message: ecNullObject (MS-OXCMSG 3.2.5.1) */
	ITEST_MAPI(mapi_message_open(logon, mem_ctx, h, fid, mid, 0, &h,
				     NULL), ecNullObject);
	ITEST_MAPI(mapi_message_open(logon, mem_ctx, f, fid, mid + 0x10000,
				     0, &h, NULL), MAPI_E_NOT_FOUND);
	return true;
}

/* -------------------------------------------------------------- save */

static bool test_save_flags(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	uint64_t mid, mid2;
	uint32_t m;

	ITEST_ASSERT(logon != NULL, "logon");
	ITEST_MAPI(mapi_message_create(logon, mem_ctx, logon->handle,
				       inbox_of(logon), false, &m),
		   MAPI_E_SUCCESS);
	/* both KeepOpen bits: no supported combination */
	ITEST_MAPI(mapi_message_save(logon, mem_ctx, m,
				     KeepOpenReadOnly | KeepOpenReadWrite,
				     NULL), MAPI_E_NO_SUPPORT);
	ITEST_MAPI(mapi_message_save(logon, mem_ctx, m, KeepOpenReadWrite,
				     &mid), MAPI_E_SUCCESS);
	ITEST_MAPI(itest_set_string(logon, mem_ctx, m, PidTagSubject_W,
				    "second", NULL), MAPI_E_SUCCESS);
	/* other bits are ignored (MS-OXCMSG 2.2.3.3.1) */
	ITEST_MAPI(mapi_message_save(logon, mem_ctx, m,
				     KeepOpenReadOnly | 0x80, &mid2),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(mid == mid2, "same MessageId");
	/* kept open read-only */
	ITEST_MAPI(itest_set_string(logon, mem_ctx, m, PidTagSubject_W,
				    "third", NULL), MAPI_E_NO_ACCESS);
	ITEST_ASSERT(strcmp(itest_prop_string(logon, mem_ctx, m,
					      PidTagSubject_W), "second") ==
		     0, "subject saved");
	/* not a message */
	ITEST_MAPI(mapi_message_save(logon, mem_ctx, logon->handle,
				     KeepOpenReadOnly, NULL),
		   MAPI_E_INVALID_OBJECT);
	return true;
}

/* Two sessions change one message: the second save needs ForceSave
 * (MS-OXCMSG 3.2.5.3: ecObjectModified). */
static bool test_save_conflict(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *a = itest_logon(env, mem_ctx);
	struct mapi_logon *b = itest_logon(env, mem_ctx);
	uint64_t mid = new_message(a, mem_ctx, "conflict");
	uint32_t ha, hb, hr;
	const char *s;

	ITEST_ASSERT(a != NULL && b != NULL && mid != 0, "logons");
	ITEST_MAPI(mapi_message_open(a, mem_ctx, a->handle, inbox_of(a), mid,
				     OpenMessage_ReadWrite, &ha, NULL),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_open(b, mem_ctx, b->handle, inbox_of(b), mid,
				     OpenMessage_ReadWrite, &hb, NULL),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(itest_set_string(b, mem_ctx, hb, PidTagSubject_W, "by b",
				    NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_save(b, mem_ctx, hb, KeepOpenReadWrite, NULL),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(itest_set_string(a, mem_ctx, ha, PidTagSubject_W, "by a",
				    NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_save(a, mem_ctx, ha, KeepOpenReadWrite, NULL),
		   MAPI_E_OBJECT_CHANGED);
	ITEST_MAPI(mapi_message_open(a, mem_ctx, a->handle, inbox_of(a), mid,
				     OpenMessage_ReadOnly, &hr, NULL),
		   MAPI_E_SUCCESS);
	s = itest_prop_string(a, mem_ctx, hr, PidTagSubject_W);
	ITEST_ASSERT(s != NULL && strcmp(s, "by b") == 0, "b's save kept");
	ITEST_MAPI(mapi_message_save(a, mem_ctx, ha,
				     KeepOpenReadWrite | ForceSave, NULL),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_open(b, mem_ctx, b->handle, inbox_of(b), mid,
				     OpenMessage_ReadOnly, &hr, NULL),
		   MAPI_E_SUCCESS);
	s = itest_prop_string(b, mem_ctx, hr, PidTagSubject_W);
	ITEST_ASSERT(s != NULL && strcmp(s, "by a") == 0, "forced save");
	/* now b's copy is the old one */
	ITEST_MAPI(mapi_message_save(b, mem_ctx, hb, KeepOpenReadWrite, NULL),
		   MAPI_E_OBJECT_CHANGED);
	return true;
}

/* Saving a message another session deleted: ecObjectDeleted. */
static bool test_save_deleted(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *a = itest_logon(env, mem_ctx);
	struct mapi_logon *b = itest_logon(env, mem_ctx);
	uint64_t mid = new_message(a, mem_ctx, "deleted");
	uint32_t ha, fb;

	ITEST_ASSERT(a != NULL && b != NULL && mid != 0, "logons");
	ITEST_MAPI(mapi_message_open(a, mem_ctx, a->handle, inbox_of(a), mid,
				     OpenMessage_ReadWrite, &ha, NULL),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_folder_open(b, mem_ctx, b->handle, inbox_of(b), &fb),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_messages_delete(b, mem_ctx, fb, &mid, 1, true),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(itest_set_string(a, mem_ctx, ha, PidTagSubject_W, "late",
				    NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_save(a, mem_ctx, ha, KeepOpenReadWrite, NULL),
		   MAPI_E_OBJECT_DELETED);
	return true;
}

static void three_recipients(TALLOC_CTX *mem_ctx, struct mapi_recipient *r);
static const uint32_t rcpt_columns[2];

/* RopReloadCachedInformation: what RopOpenMessage returned, as the
 * message stands on this handle (its unsaved changes included). */
static bool test_reload(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	uint64_t mid = new_message(logon, mem_ctx, "before");
	struct mapi_message_info *info;
	struct mapi_recipient r[3];
	uint32_t h;

	ITEST_ASSERT(logon != NULL && mid != 0, "message");
	three_recipients(mem_ctx, r);
	ITEST_MAPI(mapi_message_open(logon, mem_ctx, logon->handle,
				     inbox_of(logon), mid,
				     OpenMessage_ReadWrite, &h, &info),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(info->recipient_count == 0, "no recipients");
	ITEST_MAPI(set_subject(logon, mem_ctx, h, "FW: ", "after"),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_recipients_modify(logon, mem_ctx, h, rcpt_columns, 2,
					  r, 3), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_reload(logon, mem_ctx, h, &info),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(info->normalized_subject != NULL &&
		     strcmp(info->normalized_subject, "after") == 0 &&
		     strcmp(info->subject_prefix, "FW: ") == 0,
		     "reloaded subject %s", info->normalized_subject);
	ITEST_ASSERT(info->recipient_count == 3 && info->row_count == 3 &&
		     info->column_count == 2 &&
		     info->columns[0] == rcpt_columns[0], "recipients");
	ITEST_MAPI(mapi_message_reload(logon, mem_ctx, logon->handle, &info),
		   ecNullObject);
	return true;
}

/* -------------------------------------------------------- read flags */

static bool test_read_flag_private(struct itest_env *env,
				   TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	struct mapi_read_flag_result res;
	uint64_t mid = new_message(logon, mem_ctx, "read");
	uint32_t h;
	int64_t f;

	ITEST_ASSERT(logon != NULL && mid != 0, "message");
	/* reading needs no write access */
	ITEST_MAPI(mapi_message_open(logon, mem_ctx, logon->handle,
				     inbox_of(logon), mid,
				     OpenMessage_ReadOnly, &h, NULL),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_set_read_flag(logon, mem_ctx, h,
					      rfClearReadFlag, NULL, &res),
		   MAPI_E_SUCCESS);
	/* a private logon never reports the change (MS-OXCMSG 2.2.3.11.2) */
	ITEST_ASSERT(!res.changed, "ReadStatusChanged on a private logon");
	f = message_flags(logon, mem_ctx, mid);
	ITEST_ASSERT(f >= 0 && !(f & MF_READ), "unread 0x%llx",
		     (long long)f);
	ITEST_MAPI(mapi_message_set_read_flag(logon, mem_ctx, h, rfDefault,
					      NULL, &res), MAPI_E_SUCCESS);
	f = message_flags(logon, mem_ctx, mid);
	ITEST_ASSERT(f >= 0 && (f & MF_READ) && (f & MF_EVERREAD),
		     "read 0x%llx", (long long)f);
	/* rfReserved bits change nothing */
	ITEST_MAPI(mapi_message_set_read_flag(logon, mem_ctx, h,
					      rfClearReadFlag | rfReserved,
					      NULL, NULL), MAPI_E_SUCCESS);
	ITEST_ASSERT(!(message_flags(logon, mem_ctx, mid) & MF_READ),
		     "rfReserved ignored");
	ITEST_MAPI(mapi_message_set_read_flag(logon, mem_ctx, logon->handle,
					      rfDefault, NULL, NULL),
		   ecNullObject);
	return true;
}

/* A message asking for a read receipt (mfNotifyRead): rfDefault reads
 * it (the receipt is due), rfSuppressReceipt cancels the request,
 * rfClearNotifyRead clears it (MS-OXCMSG 2.2.3.10.1). */
static bool test_read_flag_receipt(struct itest_env *env,
				   TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	uint64_t mids[2] = { 0 };
	uint32_t h, f;
	int i;

	ITEST_ASSERT(logon != NULL, "logon");
	for (i = 0; i < 2; i++) {
		ITEST_MAPI(mapi_message_create(logon, mem_ctx, logon->handle,
					       inbox_of(logon), false, &h),
			   MAPI_E_SUCCESS);
		/* settable until the first save (MS-OXCMSG 2.2.1.6) */
		ITEST_MAPI(set_long(logon, mem_ctx, h, PidTagMessageFlags,
				    MF_UNSENT | MF_NOTIFYREAD),
			   MAPI_E_SUCCESS);
		ITEST_MAPI(mapi_message_save(logon, mem_ctx, h, 0, &mids[i]),
			   MAPI_E_SUCCESS);
	}
	ITEST_ASSERT(message_flags(logon, mem_ctx, mids[0]) ==
		     (MF_UNSENT | MF_NOTIFYREAD), "saved flags");
	ITEST_MAPI(mapi_message_open(logon, mem_ctx, logon->handle,
				     inbox_of(logon), mids[0],
				     OpenMessage_ReadOnly, &h, NULL),
		   MAPI_E_SUCCESS);
	/* the receipt is not sent (no transport): it stays pending */
	ITEST_MAPI(mapi_message_set_read_flag(logon, mem_ctx, h,
					      rfGenerateReceiptOnly, NULL,
					      NULL), MAPI_E_SUCCESS);
	ITEST_ASSERT(!(message_flags(logon, mem_ctx, mids[0]) & MF_READ),
		     "receipt only: still unread");
	ITEST_MAPI(mapi_message_set_read_flag(logon, mem_ctx, h,
					      rfSuppressReceipt, NULL, NULL),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(message_flags(logon, mem_ctx, mids[0]) ==
		     (MF_UNSENT | MF_READ | MF_EVERREAD), "suppressed");
	/* RopSetReadFlags on the folder */
	ITEST_MAPI(mapi_folder_open(logon, mem_ctx, logon->handle,
				    inbox_of(logon), &f), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_messages_set_read_flags(logon, mem_ctx, f,
						rfClearNotifyRead, &mids[1],
						1, NULL), MAPI_E_SUCCESS);
	ITEST_ASSERT(message_flags(logon, mem_ctx, mids[1]) == MF_UNSENT,
		     "notify read cleared");
	return true;
}

static bool test_set_read_flags(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	uint64_t mids[3];
	bool partial = true;
	uint32_t f;
	int i;

	ITEST_ASSERT(logon != NULL, "logon");
	for (i = 0; i < 2; i++) {
		mids[i] = new_message(logon, mem_ctx, "many");
		ITEST_ASSERT(mids[i] != 0, "message %d", i);
	}
	mids[2] = mids[1] + 0x1000000;	/* not in the folder */
	ITEST_MAPI(mapi_folder_open(logon, mem_ctx, logon->handle,
				    inbox_of(logon), &f), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_messages_set_read_flags(logon, mem_ctx, f,
						rfClearReadFlag, mids, 2,
						&partial), MAPI_E_SUCCESS);
	ITEST_ASSERT(!partial, "complete");
	for (i = 0; i < 2; i++) {
		ITEST_ASSERT(!(message_flags(logon, mem_ctx, mids[i]) &
			       MF_READ), "unread %d", i);
	}
	ITEST_MAPI(mapi_messages_set_read_flags(logon, mem_ctx, f, rfDefault,
						mids, 3, &partial),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(partial, "PartialCompletion");
	ITEST_ASSERT(message_flags(logon, mem_ctx, mids[0]) & MF_READ,
		     "read");
	/* not a folder (MS-OXCMSG 3.2.5.10) */
	ITEST_MAPI(mapi_messages_set_read_flags(logon, mem_ctx,
						logon->handle, rfDefault,
						mids, 1, NULL), ecNullObject);
	return true;
}

/* A public folders logon sends ClientData and gets it back when the
 * read state changed. */
static bool test_read_flag_public(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	struct mapi_read_flag_result res;
	struct mapi_logon *pub;
	uint8_t data[24];
	uint64_t fid, mid;
	uint32_t folder, m;
	int i;

	ITEST_ASSERT(logon != NULL, "logon");
	ITEST_MAPI(mapi_logon_public(mem_ctx, logon->emsmdb, 1, &pub),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_folder_open(pub, mem_ctx, pub->handle,
				    pub->folder_ids[MAPI_PUBLIC_IPM_SUBTREE],
				    &folder), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_folder_create(pub, mem_ctx, folder, "read flags",
				      &(struct mapi_folder_create_options){
					      .open_existing = true },
				      &fid, &folder, NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_create(pub, mem_ctx, folder, fid, false, &m),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_save(pub, mem_ctx, m, KeepOpenReadWrite,
				     &mid), MAPI_E_SUCCESS);
	for (i = 0; i < 24; i++) {
		data[i] = 0xA0 + i;
	}
	ITEST_MAPI(mapi_message_set_read_flag(pub, mem_ctx, m,
					      rfClearReadFlag, data, &res),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(res.changed && memcmp(res.client_data, data, 24) == 0,
		     "ReadStatusChanged and ClientData");
	/* no change: nothing reported */
	ITEST_MAPI(mapi_message_set_read_flag(pub, mem_ctx, m,
					      rfClearReadFlag, data, &res),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(!res.changed, "unchanged");
	/* the private logon of the same session keeps its layout */
	mid = new_message(logon, mem_ctx, "private again");
	ITEST_MAPI(mapi_message_open(logon, mem_ctx, logon->handle,
				     inbox_of(logon), mid, 0, &m, NULL),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_set_read_flag(logon, mem_ctx, m,
					      rfClearReadFlag, NULL, &res),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(!res.changed, "private logon");
	return true;
}

/* ------------------------------------------------------------ status */

static bool test_message_status(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	uint64_t mid = new_message(logon, mem_ctx, "status");
	uint32_t f, status = 1, old = 1, h;

	ITEST_ASSERT(logon != NULL && mid != 0, "message");
	ITEST_MAPI(mapi_folder_open(logon, mem_ctx, logon->handle,
				    inbox_of(logon), &f), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_get_status(logon, mem_ctx, f, mid, &status),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(status == 0, "no status");
	ITEST_MAPI(mapi_message_set_status(logon, mem_ctx, f, mid,
					   msInConflict | msRemoteDownload,
					   msInConflict | msRemoteDownload,
					   &old), MAPI_E_SUCCESS);
	ITEST_ASSERT(old == 0, "old status");
	/* only the masked bits change (MS-OXCMSG 3.2.5.8) */
	ITEST_MAPI(mapi_message_set_status(logon, mem_ctx, f, mid,
					   msRemoteDelete, msInConflict |
					   msRemoteDelete, &old),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(old == (msInConflict | msRemoteDownload), "old 0x%x",
		     old);
	ITEST_MAPI(mapi_message_get_status(logon, mem_ctx, f, mid, &status),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(status == (msRemoteDownload | msRemoteDelete),
		     "status 0x%x", status);
	ITEST_MAPI(mapi_message_open(logon, mem_ctx, f, inbox_of(logon), mid,
				     0, &h, NULL), MAPI_E_SUCCESS);
	ITEST_ASSERT(itest_prop_long(logon, mem_ctx, h, PidTagMessageStatus)
		     == (msRemoteDownload | msRemoteDelete),
		     "PidTagMessageStatus");
	ITEST_MAPI(mapi_message_get_status(logon, mem_ctx, f, mid + 0x1000000,
					   &status), MAPI_E_NOT_FOUND);
	ITEST_MAPI(mapi_message_get_status(logon, mem_ctx, h, mid, &status),
		   ecNullObject);
	ITEST_MAPI(mapi_message_set_status(logon, mem_ctx, h, mid, 0, 0,
					   NULL), ecNullObject);
	return true;
}

/* -------------------------------------------------------- recipients */

static struct TaggedPropertyValue str_prop(uint32_t tag, const char *s)
{
	struct TaggedPropertyValue v = { .PropertyTag = tag };

	v.Value.String = s;
	return v;
}

static struct TaggedPropertyValue long_prop(uint32_t tag, uint32_t i)
{
	struct TaggedPropertyValue v = { .PropertyTag = tag };

	v.Value.Integer32 = i;
	return v;
}

static const struct TaggedPropertyValue *find_prop(
	const struct mapi_recipient *r, uint32_t tag)
{
	uint32_t i;

	for (i = 0; i < r->count; i++) {
		if (r->props[i].PropertyTag == tag) {
			return &r->props[i];
		}
	}
	return NULL;
}

static bool has_string(const struct mapi_recipient *r, uint32_t tag,
		       const char *s)
{
	const struct TaggedPropertyValue *v = find_prop(r, tag);

	return v != NULL && strcmp(v->Value.String, s) == 0;
}

/* Three recipients: an SMTP one (To), an "EX" one (Cc) and one of
 * another address type (Bcc), with two recipient columns. */
static void three_recipients(TALLOC_CTX *mem_ctx, struct mapi_recipient *r)
{
	static const struct {
		uint8_t type;
		const char *name, *atype, *addr;
	} who[3] = {
		{ 1, "Alice", "SMTP", "alice@sambamapi.test" },
		{ 2, "Bob", "EX", "/o=First Organization/ou=x/cn=Recipients"
			"/cn=bob" },
		{ 3, "Fax Office", "FAXNET", "+1 555 0100" },
	};
	uint32_t i;

	for (i = 0; i < 3; i++) {
		struct TaggedPropertyValue *p = talloc_array(
			mem_ctx, struct TaggedPropertyValue, 5);

		p[0] = str_prop(RECIPIENT_PidTagDisplayName, who[i].name);
		p[1] = str_prop(RECIPIENT_PidTagAddressType, who[i].atype);
		p[2] = str_prop(RECIPIENT_PidTagEmailAddress, who[i].addr);
		p[3] = long_prop(PidTagRecipientTrackStatus, i);
		p[4] = str_prop(PidTagSmtpAddress_W, who[i].addr);
		r[i] = (struct mapi_recipient){ .row_id = i,
						.type = who[i].type,
						.props = p, .count = 5 };
	}
}

static const uint32_t rcpt_columns[2] = {
	PidTagRecipientTrackStatus, PidTagSmtpAddress_W
};

static bool check_three(const struct mapi_recipient *rows, uint8_t count)
{
	if (count != 3) {
		return false;
	}
	return rows[0].type == 1 && rows[1].type == 2 && rows[2].type == 3 &&
	       has_string(&rows[0], RECIPIENT_PidTagDisplayName, "Alice") &&
	       has_string(&rows[0], RECIPIENT_PidTagAddressType, "SMTP") &&
	       has_string(&rows[1], RECIPIENT_PidTagAddressType, "EX") &&
	       has_string(&rows[1], RECIPIENT_PidTagEmailAddress,
			  "/o=First Organization/ou=x/cn=Recipients/cn=bob") &&
	       has_string(&rows[2], RECIPIENT_PidTagAddressType, "FAXNET") &&
	       has_string(&rows[2], PidTagSmtpAddress_W, "+1 555 0100") &&
	       find_prop(&rows[2], PidTagRecipientTrackStatus) != NULL &&
	       find_prop(&rows[2], PidTagRecipientTrackStatus)
		       ->Value.Integer32 == 2;
}

static bool test_recipients(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	struct mapi_message_info *info;
	struct mapi_recipient r[3], *rows;
	uint8_t count;
	uint64_t mid;
	uint32_t m;
	const char *s;

	ITEST_ASSERT(logon != NULL, "logon");
	three_recipients(mem_ctx, r);
	ITEST_MAPI(mapi_message_create(logon, mem_ctx, logon->handle,
				       inbox_of(logon), false, &m),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_recipients_modify(logon, mem_ctx, m, rcpt_columns, 2,
					  r, 3), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_recipients_read(logon, mem_ctx, m, 0, rcpt_columns, 2,
					&rows, &count), MAPI_E_SUCCESS);
	ITEST_ASSERT(check_three(rows, count), "rows before save");
	ITEST_MAPI(mapi_message_save(logon, mem_ctx, m, KeepOpenReadWrite,
				     &mid), MAPI_E_SUCCESS);
	s = itest_prop_string(logon, mem_ctx, m, PidTagDisplayTo_W);
	ITEST_ASSERT(s != NULL && strcmp(s, "Alice") == 0, "DisplayTo %s", s);
	s = itest_prop_string(logon, mem_ctx, m, PidTagDisplayBcc_W);
	ITEST_ASSERT(s != NULL && strcmp(s, "Fax Office") == 0, "DisplayBcc");
	/* RopOpenMessage carries them with their columns */
	ITEST_MAPI(mapi_message_open(logon, mem_ctx, logon->handle,
				     inbox_of(logon), mid, 0, &m, &info),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(info->recipient_count == 3 && info->column_count >= 2,
		     "%u recipients, %u columns", info->recipient_count,
		     info->column_count);
	ITEST_ASSERT(check_three(info->rows, info->row_count),
		     "OpenMessage rows");
	/* from RowId 1 on */
	ITEST_MAPI(mapi_recipients_read(logon, mem_ctx, m, 1, info->columns,
					info->column_count, &rows, &count),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(count == 2 && rows[0].row_id == 1 && rows[1].row_id == 2,
		     "RowId 1 on: %u rows", count);
	ITEST_MAPI(mapi_recipients_read(logon, mem_ctx, m, 7, info->columns,
					info->column_count, &rows, &count),
		   MAPI_E_NOT_FOUND);
	return true;
}

static bool test_recipients_modify(struct itest_env *env,
				   TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	struct mapi_recipient r[3], change[2], *rows;
	struct mapi_message_info *info;
	uint8_t count;
	uint64_t mid;
	uint32_t m;
	const char *s;

	ITEST_ASSERT(logon != NULL, "logon");
	three_recipients(mem_ctx, r);
	ITEST_MAPI(mapi_message_create(logon, mem_ctx, logon->handle,
				       inbox_of(logon), false, &m),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_recipients_modify(logon, mem_ctx, m, rcpt_columns, 2,
					  r, 3), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_save(logon, mem_ctx, m, KeepOpenReadWrite,
				     &mid), MAPI_E_SUCCESS);
	/* replace RowId 0 (all its properties), remove RowId 1 */
	change[0] = r[0];
	change[0].type = 2;
	change[0].count = 3;
	change[0].props[0] = str_prop(RECIPIENT_PidTagDisplayName, "Alice B");
	change[1] = (struct mapi_recipient){ .row_id = 1, .remove = true };
	ITEST_MAPI(mapi_recipients_modify(logon, mem_ctx, m, rcpt_columns, 2,
					  change, 2), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_save(logon, mem_ctx, m, KeepOpenReadWrite,
				     NULL), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_message_open(logon, mem_ctx, logon->handle,
				     inbox_of(logon), mid, 0, &m, &info),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(info->recipient_count == 2, "two left");
	ITEST_MAPI(mapi_recipients_read(logon, mem_ctx, m, 0, info->columns,
					info->column_count, &rows, &count),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(count == 2 && rows[0].row_id == 0 &&
		     rows[1].row_id == 2 && rows[0].type == 2 &&
		     has_string(&rows[0], RECIPIENT_PidTagDisplayName,
				"Alice B") &&
		     find_prop(&rows[0], PidTagRecipientTrackStatus) == NULL,
		     "modified rows");
	s = itest_prop_string(logon, mem_ctx, m, PidTagDisplayCc_W);
	ITEST_ASSERT(s != NULL && strcmp(s, "Alice B") == 0, "DisplayCc %s",
		     s);
	/* remove them all */
	ITEST_MAPI(mapi_message_open(logon, mem_ctx, logon->handle,
				     inbox_of(logon), mid,
				     OpenMessage_ReadWrite, &m, NULL),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_recipients_remove_all(logon, mem_ctx, m),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_recipients_read(logon, mem_ctx, m, 0, NULL, 0, &rows,
					&count), MAPI_E_NOT_FOUND);
	ITEST_MAPI(mapi_message_save(logon, mem_ctx, m, KeepOpenReadWrite,
				     NULL), MAPI_E_SUCCESS);
	s = itest_prop_string(logon, mem_ctx, m, PidTagDisplayCc_W);
	ITEST_ASSERT(s != NULL && s[0] == '\0', "DisplayCc emptied");
	/* not a message (MS-OXCMSG 3.2.5.4 - 3.2.5.6) */
	ITEST_MAPI(mapi_recipients_remove_all(logon, mem_ctx, logon->handle),
		   ecNullObject);
	ITEST_MAPI(mapi_recipients_modify(logon, mem_ctx, logon->handle,
					  rcpt_columns, 2, r, 1),
		   ecNullObject);
	ITEST_MAPI(mapi_recipients_read(logon, mem_ctx, logon->handle, 0,
					NULL, 0, &rows, &count),
		   ecNullObject);
	return true;
}

/* Recipients of a message opened read-only cannot change. */
static bool test_recipients_read_only(struct itest_env *env,
				      TALLOC_CTX *mem_ctx)
{
	struct mapi_logon *logon = itest_logon(env, mem_ctx);
	uint64_t mid = new_message(logon, mem_ctx, "ro recipients");
	struct mapi_recipient r[3];
	uint32_t m;

	ITEST_ASSERT(logon != NULL && mid != 0, "message");
	three_recipients(mem_ctx, r);
	ITEST_MAPI(mapi_message_open(logon, mem_ctx, logon->handle,
				     inbox_of(logon), mid,
				     OpenMessage_ReadOnly, &m, NULL),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_recipients_modify(logon, mem_ctx, m, rcpt_columns, 2,
					  r, 3), MAPI_E_NO_ACCESS);
	return true;
}

int main(int argc, const char **argv)
{
	static const struct itest tests[] = {
		{ "create-defaults", test_create_defaults },
		{ "create-associated", test_create_associated },
		{ "create-code-page", test_create_code_page },
		{ "body-forms", test_body_forms },
		{ "open-modes", test_open_modes },
		{ "save-flags", test_save_flags },
		{ "save-conflict", test_save_conflict },
		{ "save-deleted", test_save_deleted },
		{ "reload", test_reload },
		{ "read-flag-private", test_read_flag_private },
		{ "read-flag-receipt", test_read_flag_receipt },
		{ "set-read-flags", test_set_read_flags },
		{ "read-flag-public", test_read_flag_public },
		{ "message-status", test_message_status },
		{ "recipients", test_recipients },
		{ "recipients-modify", test_recipients_modify },
		{ "recipients-read-only", test_recipients_read_only },
	};

	return itest_main("emsmdb-messages", tests, ARRAY_SIZE(tests), argc,
			  argv);
}
