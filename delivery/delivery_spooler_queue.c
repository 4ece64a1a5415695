/*
 * The Spooler Queue (MS-OXOMSG 3.2.4.8): a spooler client "finds an
 * E-mail object in the spooler queue folder" and takes it with
 * RopSpoolerLockMessage.  The messages submitted with NeedsSpooler or
 * PreProcess stay where they were submitted from (the Outbox), queued
 * in the delivery queue until a spooler finishes them; this is the list
 * the Spooler Queue folder's contents table shows.
 */
#include "delivery/delivery_private.h"

enum MAPISTATUS mdeliver_spooler_queue(struct mdeliver *ctx,
				       TALLOC_CTX *mem_ctx,
				       const char *sender, uint64_t **mids,
				       uint32_t *count)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct mdeliver_queue *q = NULL;
	enum MAPISTATUS rv;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = mdeliver_queue_open(ctx, tmp, true, &q);
	rv = rv ?: mdeliver_queue_spooled(q, mem_ctx, sender, mids, count);
	talloc_free(tmp);
	return rv;
}
