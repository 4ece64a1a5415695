/*
 * Helpers of the EMSMDB integration suites: a session and a logon on the
 * test user's own mailbox, and property shorthands.
 */
#ifndef ITEST_EMSMDB_H
#define ITEST_EMSMDB_H

#include "itest.h"

#include <strings.h>
#include "libmapi/nspi.h"
#include "libmapi/logon.h"
#include "libmapi/folder.h"
#include "libmapi/property.h"

#define ITEST_MAPI(expr, expected) do { \
	enum MAPISTATUS _r = (expr); \
	if (_r != (expected)) { \
		ITEST_FAIL("%s:%d: %s gave %s (0x%08x), expected %s", \
			   __FILE__, __LINE__, #expr, mapi_status_string(_r), \
			   (unsigned int)_r, mapi_status_string(expected)); \
	} \
} while (0)

#define PidTagDisplayName_W	0x3001001F
#define PidTagDisplayName_A	0x3001001E
#define PidTagComment_W		0x3004001F
#define PidTagFolderType	0x36010003
#define PidTagContentCount	0x36020003
#define PidTagSubfolders	0x360A000B
#define PidTagContainerClass_W	0x3613001F
#define PidTagFolderId		0x67480014
#define PidTagParentFolderId	0x67490014

/* The user's legacyExchangeDN, from the address book. */
static inline const char *itest_dn_of(struct itest_env *env,
				      TALLOC_CTX *mem_ctx,
				      const struct mapi_rpc_params *who)
{
	uint32_t tag = 0x3003001F;	/* PidTagEmailAddress */
	struct PropertyTagArray_r *tags = mapi_nspi_tags(mem_ctx, 1, &tag);
	struct mapi_nspi_resolved *r;
	struct mapi_nspi *nspi;
	const char *name = who->username;

	if (mapi_nspi_connect(mem_ctx, env->rpc, &env->user, 1252, 0x409,
			      &nspi) != MAPI_E_SUCCESS ||
	    mapi_nspi_resolve(nspi, mem_ctx, &name, 1, tags, &r) !=
	    MAPI_E_SUCCESS || r[0].state != MAPI_NSPI_RESOLVED) {
		return NULL;
	}
	return talloc_strdup(mem_ctx, mapi_nspi_row_string(r[0].row, 0x3003));
}

/* A session and a logon (LogonId 0) on the test user's mailbox. */
static inline struct mapi_logon *itest_logon(struct itest_env *env,
					     TALLOC_CTX *mem_ctx)
{
	struct mapi_emsmdb *e = NULL;
	struct mapi_logon *logon = NULL;
	const char *dn = itest_dn_of(env, mem_ctx, &env->user);

	if (dn == NULL || mapi_emsmdb_connect(mem_ctx, env->rpc, &env->user,
					      dn, &e) != MAPI_E_SUCCESS ||
	    mapi_logon_private(mem_ctx, e, 0, dn, &logon) != MAPI_E_SUCCESS) {
		return NULL;
	}
	return logon;
}

/* One property of an object: its cell, or NULL. */
static inline const struct property_row_value *itest_prop(
	struct mapi_logon *logon, TALLOC_CTX *mem_ctx, uint32_t handle,
	uint32_t tag)
{
	struct property_row row;

	if (mapi_props_get(logon, mem_ctx, handle, &tag, 1, true, 0, &row) !=
	    MAPI_E_SUCCESS || row.count != 1) {
		return NULL;
	}
	return &row.cells[0];
}

/* A string property (Unicode), or NULL. */
static inline const char *itest_prop_string(struct mapi_logon *logon,
					    TALLOC_CTX *mem_ctx,
					    uint32_t handle, uint32_t tag)
{
	const struct property_row_value *c = itest_prop(logon, mem_ctx,
							handle, tag);

	if (c == NULL || c->flag != 0) {
		return NULL;
	}
	return c->type == PT_STRING8 ? c->value.String8 : c->value.String;
}

/* An integer property, or -1. */
static inline int64_t itest_prop_long(struct mapi_logon *logon,
				      TALLOC_CTX *mem_ctx, uint32_t handle,
				      uint32_t tag)
{
	const struct property_row_value *c = itest_prop(logon, mem_ctx,
							handle, tag);

	if (c == NULL || c->flag != 0) {
		return -1;
	}
	switch (c->type) {
	case PT_LONG: return c->value.Integer32;
	case PT_BOOLEAN: return c->value.Boolean;
	case PT_I8: return c->value.Integer64;
	default: return -1;
	}
}

/* Set one Unicode string property. */
static inline enum MAPISTATUS itest_set_string(struct mapi_logon *logon,
					       TALLOC_CTX *mem_ctx,
					       uint32_t handle, uint32_t tag,
					       const char *value,
					       struct PropertyProblemList *p)
{
	struct TaggedPropertyValue v = { .PropertyTag = tag };

	if ((tag & 0xFFFF) == PT_STRING8) {
		v.Value.String8 = value;
	} else {
		v.Value.String = value;
	}
	return mapi_props_set(logon, mem_ctx, handle, &v, 1, p);
}

#endif /* ITEST_EMSMDB_H */
