/*
 * The properties of a logon object: the message store's own properties
 * (MS-OXCSTOR 2.2.2.1, MS-OXPROPS), computed from the session and the
 * store; none of them is writable through the property ROPs.
 */
#include "emsmdb.h"
#include "emsmdb_logon.h"
#include "emsmdb_rop_storeprops.h"

#include <string.h>
#include <util/debug.h>

#define PidTagRecordKey			0x0FF90102
#define PidTagStoreRecordKey		0x0FFA0102
#define PidTagDisplayName		0x3001001F
#define PidTagStoreSupportMask		0x340D0003
#define PidTagStoreState		0x340E0003
#define PidTagIpmSubtreeEntryId		0x35E00102
#define PidTagIpmOutboxEntryId		0x35E20102
#define PidTagIpmWastebasketEntryId	0x35E30102
#define PidTagIpmSentMailEntryId	0x35E40102
#define PidTagViewsEntryId		0x35E50102
#define PidTagCommonViewsEntryId	0x35E60102
#define PidTagFinderEntryId		0x35E70102
#define PidTagUserEntryId		0x66190102
#define PidTagMailboxOwnerEntryId	0x661B0102
#define PidTagMailboxOwnerName		0x661C001F

/*
 * PidTagStoreSupportMask bits (MS-OXCSTOR 2.2.2.1.1.2 / MS-OXPROPS):
 * unique entry IDs, modifiable, creatable, MV properties, string8 and
 * Unicode strings.
 */
#define STORE_ENTRYID_UNIQUE	0x00000001
#define STORE_MODIFY_OK		0x00000008
#define STORE_CREATE_OK		0x00000010
#define STORE_MV_PROPS_OK	0x00000200
#define STORE_ANSI_OK		0x00020000
#define STORE_UNICODE_OK	0x00040000
#define SUPPORT_MASK (STORE_ENTRYID_UNIQUE | STORE_MODIFY_OK | \
		      STORE_CREATE_OK | STORE_MV_PROPS_OK | STORE_ANSI_OK | \
		      STORE_UNICODE_OK)

/* MS-OXCDATA 2.2.5.2: the address book provider's ProviderUID */
static const uint8_t AB_PROVIDER_UID[16] = {
	0xDC, 0xA7, 0x40, 0xC8, 0xC0, 0x42, 0x10, 0x1A,
	0xB4, 0xB9, 0x08, 0x00, 0x2B, 0x2F, 0xE1, 0x82
};

/* The folder entry IDs a private logon offers, by RopLogon index
 * (mstore_logon_fids() order). */
static const struct { uint32_t tag; int index; } folder_eids[] = {
	{ PidTagIpmSubtreeEntryId, 3 },
	{ PidTagIpmOutboxEntryId, 5 },
	{ PidTagIpmSentMailEntryId, 6 },
	{ PidTagIpmWastebasketEntryId, 7 },
	{ PidTagCommonViewsEntryId, 8 },
	{ PidTagFinderEntryId, 10 },
	{ PidTagViewsEntryId, 11 },
};

struct props_builder {
	TALLOC_CTX *mem_ctx;
	struct mstore_value *v;
	uint32_t n;
};

static struct mstore_value *add(struct props_builder *b, uint32_t tag)
{
	struct mstore_value *v = talloc_realloc(b->mem_ctx, b->v,
						struct mstore_value, b->n + 1);

	if (v == NULL) {
		return NULL;
	}
	b->v = v;
	memset(&v[b->n], 0, sizeof(v[b->n]));
	v[b->n].tag = tag;
	return &v[b->n++];
}

/*
 * MS-OXCDATA 2.2.5.2 Address Book EntryID of a local mail user: Flags
 * (4, zero), ProviderUID, Version (1), Type (0: local mail user), the
 * X500 DN with its NUL.
 */
static bool ab_entryid(TALLOC_CTX *mem_ctx, const char *dn,
		       struct mstore_bin *out)
{
	size_t len = strlen(dn) + 1;
	uint8_t *p = talloc_zero_array(mem_ctx, uint8_t, 28 + len);

	if (p == NULL) {
		return false;
	}
	memcpy(p + 4, AB_PROVIDER_UID, sizeof(AB_PROVIDER_UID));
	p[20] = 0x01;
	memcpy(p + 28, dn, len);
	out->data = p;
	out->length = 28 + len;
	return true;
}

static enum MAPISTATUS owner_props(struct props_builder *b,
				   struct emsmdb_session *s)
{
	struct mstore_value *v;
	const char *name = s->display_name ? s->display_name :
					     s->account_name;

	v = add(b, PidTagDisplayName);
	if (v == NULL ||
	    (v->v.str = talloc_asprintf(b->mem_ctx, "Mailbox - %s",
					name)) == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	v = add(b, PidTagMailboxOwnerName);
	if (v == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	v->v.str = name;
	v = add(b, PidTagMailboxOwnerEntryId);
	if (v == NULL || !ab_entryid(b->mem_ctx, s->user_dn, &v->v.bin)) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	/* the session's user is the mailbox owner (EcDoConnectEx) */
	v = add(b, PidTagUserEntryId);
	if (v == NULL || !ab_entryid(b->mem_ctx, s->user_dn, &v->v.bin)) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS folder_props(struct props_builder *b,
				    struct mstore *store)
{
	uint64_t fids[13];
	enum MAPISTATUS rv;
	size_t i;

	rv = mstore_logon_fids(store, fids);
	for (i = 0; rv == MAPI_E_SUCCESS && i < ARRAY_SIZE(folder_eids);
	     i++) {
		struct mstore_value *v = add(b, folder_eids[i].tag);

		if (v == NULL) {
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
		rv = mstore_folder_entryid(b->mem_ctx, store,
					   fids[folder_eids[i].index],
					   &v->v.bin);
	}
	return rv;
}

static enum MAPISTATUS key_props(struct props_builder *b,
				 struct mstore *store)
{
	const uint32_t tags[] = { PidTagRecordKey, PidTagStoreRecordKey };
	const struct mstore_guid *g = mstore_mailbox_guid(store);
	size_t i;

	for (i = 0; i < ARRAY_SIZE(tags); i++) {
		struct mstore_value *v = add(b, tags[i]);

		if (v == NULL) {
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
		v->v.bin.length = sizeof(g->bytes);
		v->v.bin.data = talloc_memdup(b->mem_ctx, g->bytes,
					      sizeof(g->bytes));
	}
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS emsmdb_storeprops_all(TALLOC_CTX *mem_ctx,
				      struct emsmdb_rop_call *call,
				      struct emsmdb_logon *logon,
				      struct mstore_value **values,
				      uint32_t *count)
{
	struct props_builder b = { .mem_ctx = mem_ctx };
	struct emsmdb_session *session = call->env->session;
	struct mstore_value *v;
	enum MAPISTATUS rv = MAPI_E_SUCCESS;

	if (session != NULL) {
		rv = owner_props(&b, session);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = folder_props(&b, logon->store);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = key_props(&b, logon->store);
	}
	if (rv == MAPI_E_SUCCESS && (v = add(&b, PidTagStoreSupportMask))) {
		v->v.i32 = SUPPORT_MASK;
	}
	if (rv == MAPI_E_SUCCESS && (v = add(&b, PidTagStoreState))) {
		v->v.i32 = 0;
	}
	if (rv != MAPI_E_SUCCESS) {
		talloc_free(b.v);
		return rv;
	}
	*values = b.v;
	*count = b.n;
	return MAPI_E_SUCCESS;
}
