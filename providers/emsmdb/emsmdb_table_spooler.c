/*
 * The contents table of the Spooler Queue folder (MS-OXOSFLD 2.2.1,
 * MS-OXOMSG 3.2.4.8): a client acting as a spooler "finds an E-mail
 * object in the spooler queue folder" and takes it with
 * RopSpoolerLockMessage.  The messages submitted with NeedsSpooler or
 * PreProcess stay in the folder they were submitted from; the queue of
 * local delivery knows which they are (mdeliver_spooler_queue()), and
 * this table lists them with their own properties (PidTagFolderId is
 * their folder).  The list is read again at every use of the table.
 */
#include "emsmdb_table.h"
#include "delivery/delivery.h"

#include <util/debug.h>

/* Whose queue a table lists. */
struct spooler_queue {
	struct mdeliver *delivery;
	const char *mailbox;
};

static enum MAPISTATUS queued_mids(void *priv, TALLOC_CTX *mem_ctx,
				   uint64_t **mids, uint32_t *count)
{
	struct spooler_queue *q = priv;

	return mdeliver_spooler_queue(q->delivery, mem_ctx, q->mailbox, mids,
				      count);
}

enum MAPISTATUS emsmdb_table_spooler_queue(struct emsmdb_table *t,
					   struct mdeliver *delivery,
					   const char *mailbox)
{
	struct spooler_queue *q;
	uint64_t fid = 0;

	if (t->type != EMSMDB_TABLE_CONTENTS || delivery == NULL ||
	    mailbox == NULL ||
	    mstore_special_fid(t->store, MSTORE_SPOOLER_QUEUE, &fid) !=
	    MAPI_E_SUCCESS || fid != t->fid) {
		return MAPI_E_SUCCESS;
	}
	q = talloc_zero(t, struct spooler_queue);
	if (q == NULL || (q->mailbox = talloc_strdup(q, mailbox)) == NULL) {
		talloc_free(q);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	q->delivery = delivery;
	t->queue = queued_mids;
	t->queue_priv = q;
	return MAPI_E_SUCCESS;
}

/* The values of @a tags message @a mid has (none when it is gone). */
static enum MAPISTATUS row_of(TALLOC_CTX *mem_ctx, struct emsmdb_table *t,
			      uint64_t mid, const uint32_t *tags,
			      uint32_t ntags, struct mstore_row *row)
{
	struct mstore_message *m = NULL;
	struct mstore_value *v = NULL;
	enum MAPISTATUS rv;
	uint32_t i;

	rv = mstore_message_open(mem_ctx, t->store, mid, &m);
	if (rv == MAPI_E_SUCCESS && ntags > 0) {
		rv = mstore_message_get_props(mem_ctx, m, tags, ntags, &v);
	}
	for (i = 0; rv == MAPI_E_SUCCESS && i < ntags; i++) {
		if (MSTORE_PROP_TYPE(v[i].tag) != PT_ERROR) {
			row->values[row->count++] = v[i];
		}
	}
	return rv;
}

enum MAPISTATUS emsmdb_table_queued(TALLOC_CTX *mem_ctx,
				    struct emsmdb_table *t,
				    const uint32_t *tags, uint32_t ntags,
				    uint64_t **mids, struct mstore_row **rows,
				    uint32_t *count)
{
	uint64_t *all = NULL;
	uint32_t n = 0, i, k = 0;
	enum MAPISTATUS rv;

	*count = 0;
	rv = t->flags & EMSMDB_TABLE_ASSOCIATED ? MAPI_E_SUCCESS :
	     t->queue(t->queue_priv, mem_ctx, &all, &n);
	*mids = talloc_zero_array(mem_ctx, uint64_t, n + 1);
	*rows = talloc_zero_array(mem_ctx, struct mstore_row, n + 1);
	if (rv != MAPI_E_SUCCESS || *mids == NULL || *rows == NULL) {
		return rv != MAPI_E_SUCCESS ? rv : MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; rv == MAPI_E_SUCCESS && i < n; i++) {
		struct mstore_row *r = &(*rows)[k];

		r->values = talloc_zero_array(*rows, struct mstore_value,
					      ntags + 1);
		if (r->values == NULL) {
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
		rv = row_of(*rows, t, all[i], tags, ntags, r);
		if (rv == MAPI_E_NOT_FOUND) {
			DBG_INFO("queued message 0x%016llx is gone\n",
				 (unsigned long long)all[i]);
			rv = MAPI_E_SUCCESS;
			continue;
		}
		(*mids)[k++] = all[i];
	}
	*count = k;
	return rv;
}
