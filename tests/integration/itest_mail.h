/*
 * Helpers of the integration suites that send mail between the test
 * users: logons as any of them, messages with recipients written by
 * RopModifyRecipients, and finding messages by subject through contents
 * tables.  Everything goes through the server.
 */
#ifndef ITEST_MAIL_H
#define ITEST_MAIL_H

#include "itest_emsmdb.h"
#include "libmapi/table.h"

#include <time.h>
#include <unistd.h>

#define ITEST_PidTagMid			0x674A0014
#define ITEST_PidTagSubject_W		0x0037001F
#define ITEST_PidTagMessageClass_W	0x001A001F
#define ITEST_PidTagBody_W		0x1000001F

/* RecipientType (MS-OXOMSG 2.2.3.1) */
#define ITEST_RECIP_TO	1
#define ITEST_RECIP_CC	2
#define ITEST_RECIP_BCC	3

/* The mailbox user torture/testenv creates besides TEST_USERS, with a
 * non-ASCII display name. */
#define ITEST_ZOE_PASSWORD "Zoe-Passw0rd1"

/* One recipient of a test message. */
struct itest_recip {
	uint8_t type;
	const char *addrtype;
	const char *address;
	const char *name;
};

/* The credentials of @a account: a TEST_USERS entry, or zoe. */
static inline bool itest_account(TALLOC_CTX *mem_ctx, const char *account,
				 struct mapi_rpc_params *p)
{
	int i;

	for (i = 0; itest_user_from_env(mem_ctx, i, p); i++) {
		if (strcmp(p->username, account) == 0) {
			return true;
		}
	}
	if (strcmp(account, "zoe") != 0 ||
	    !itest_user_from_env(mem_ctx, 0, p)) {
		return false;
	}
	p->username = "zoe";
	p->password = ITEST_ZOE_PASSWORD;
	return true;
}

/* A session and a logon (LogonId 0) on @a account's mailbox. */
static inline struct mapi_logon *itest_logon_as(struct itest_env *env,
						TALLOC_CTX *mem_ctx,
						const char *account)
{
	struct mapi_rpc_params who = { 0 };
	struct mapi_emsmdb *e = NULL;
	struct mapi_logon *logon = NULL;
	const char *dn;

	if (!itest_account(mem_ctx, account, &who)) {
		return NULL;
	}
	dn = itest_dn_of(env, mem_ctx, &who);
	if (dn == NULL || mapi_emsmdb_connect(mem_ctx, env->rpc, &who, dn,
					      &e) != MAPI_E_SUCCESS ||
	    mapi_logon_private(mem_ctx, e, 0, dn, &logon) != MAPI_E_SUCCESS) {
		return NULL;
	}
	return logon;
}

/* The legacyExchangeDN of @a account (any mail-enabled user). */
static inline const char *itest_dn_of_account(struct itest_env *env,
					      TALLOC_CTX *mem_ctx,
					      const char *account)
{
	struct mapi_rpc_params who = env->user;

	who.username = account;
	return itest_dn_of(env, mem_ctx, &who);
}

/* A unique subject for one test. */
static inline const char *itest_subject(TALLOC_CTX *mem_ctx,
					const char *what)
{
	return talloc_asprintf(mem_ctx, "%s %ld.%d", what, (long)time(NULL),
			       (int)getpid());
}

static inline struct TaggedPropertyValue itest_string_value(uint32_t tag,
							    const char *s)
{
	struct TaggedPropertyValue v = { .PropertyTag = tag };

	v.Value.String = s;
	return v;
}

/* RopModifyRecipients with the RecipientRow's standard properties. */
static inline enum MAPISTATUS itest_set_recipients(
	struct mapi_logon *logon, TALLOC_CTX *mem_ctx, uint32_t handle,
	const struct itest_recip *r, uint16_t count)
{
	struct mapi_recipient *rows = talloc_zero_array(
		mem_ctx, struct mapi_recipient, count + 1);
	uint16_t i;

	if (rows == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; i < count; i++) {
		struct TaggedPropertyValue *p = talloc_array(
			rows, struct TaggedPropertyValue, 3);

		if (p == NULL) {
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
		p[0] = itest_string_value(PidTagDisplayName_W,
					  r[i].name ? r[i].name :
					  r[i].address);
		p[1] = itest_string_value(0x3002001F, r[i].addrtype);
		p[2] = itest_string_value(0x3003001F, r[i].address);
		rows[i] = (struct mapi_recipient){ .row_id = i,
						   .type = r[i].type,
						   .props = p, .count = 3 };
	}
	return mapi_recipients_modify(logon, mem_ctx, handle, NULL, 0, rows,
				      count);
}

/*
 * A new message in @a fid (0: the Outbox) with @a subject, class
 * IPM.Note, a body, @a extra properties and the recipients @a r, saved
 * and kept open read/write: its handle and MID.
 */
static inline bool itest_make_message(struct mapi_logon *logon,
				      TALLOC_CTX *mem_ctx, uint64_t fid,
				      const char *subject,
				      const struct TaggedPropertyValue *extra,
				      uint16_t extra_count,
				      const struct itest_recip *r,
				      uint16_t count, uint32_t *handle,
				      uint64_t *mid)
{
	struct TaggedPropertyValue v[3] = {
		itest_string_value(ITEST_PidTagSubject_W, subject),
		itest_string_value(ITEST_PidTagMessageClass_W, "IPM.Note"),
		itest_string_value(ITEST_PidTagBody_W,
				   "Hello from the transport tests."),
	};

	if (fid == 0) {
		fid = logon->folder_ids[MAPI_LOGON_OUTBOX];
	}
	return mapi_message_create(logon, mem_ctx, logon->handle, fid, false,
				   handle) == MAPI_E_SUCCESS &&
	       mapi_props_set(logon, mem_ctx, *handle, v, 3, NULL) ==
		       MAPI_E_SUCCESS &&
	       (extra_count == 0 ||
		mapi_props_set(logon, mem_ctx, *handle, extra, extra_count,
			       NULL) == MAPI_E_SUCCESS) &&
	       (count == 0 ||
		itest_set_recipients(logon, mem_ctx, *handle, r, count) ==
			MAPI_E_SUCCESS) &&
	       mapi_message_save(logon, mem_ctx, *handle, KeepOpenReadWrite,
				 mid) == MAPI_E_SUCCESS;
}

/*
 * The messages of the logon's folder @a folder with @a subject, through
 * its contents table: how many, and the MID of the last (may be NULL);
 * UINT32_MAX when the table cannot be read.
 */
static inline uint32_t itest_count_subject(struct mapi_logon *logon,
					   TALLOC_CTX *mem_ctx,
					   enum mapi_logon_folder folder,
					   const char *subject, uint64_t *mid)
{
	static const uint32_t cols[2] = { ITEST_PidTagMid,
					  ITEST_PidTagSubject_W };
	struct mapi_table_rows rows = { 0 };
	struct mapi_table *t = NULL;
	uint32_t h, found = 0, i;

	if (logon == NULL ||
	    mapi_folder_open(logon, mem_ctx, logon->handle,
			     logon->folder_ids[folder], &h) != MAPI_E_SUCCESS) {
		return UINT32_MAX;
	}
	if (mapi_table_contents(logon, mem_ctx, h, 0, &t, NULL) !=
	    MAPI_E_SUCCESS ||
	    mapi_table_set_columns(t, cols, 2) != MAPI_E_SUCCESS ||
	    mapi_table_query_all(t, mem_ctx, 0, 0, &rows) != MAPI_E_SUCCESS) {
		mapi_object_release(logon, h);
		return UINT32_MAX;
	}
	for (i = 0; i < rows.count; i++) {
		const struct property_row_value *c = rows.rows[i].cells;

		if (c[1].flag == 0 && strcmp(c[1].value.String, subject) == 0) {
			if (mid != NULL) {
				*mid = c[0].value.Integer64;
			}
			found++;
		}
	}
	mapi_table_release(t);
	mapi_object_release(logon, h);
	return found;
}

/* itest_count_subject() in @a account's mailbox, logged on for it. */
static inline uint32_t itest_find(struct itest_env *env, TALLOC_CTX *mem_ctx,
				  const char *account,
				  enum mapi_logon_folder folder,
				  const char *subject, uint64_t *mid)
{
	TALLOC_CTX *tmp = talloc_new(mem_ctx);
	uint32_t n = itest_count_subject(itest_logon_as(env, tmp, account),
					 tmp, folder, subject, mid);

	talloc_free(tmp);
	return n;
}

#endif /* ITEST_MAIL_H */
