/*
 * The content of a message carried into another message, of the same
 * mailbox or of another one: its properties (named ones mapped by name,
 * see mdeliver_copy_props()), its recipients, its attachments and the
 * messages embedded in them (PidTagAttachMethod afEmbeddedMessage,
 * MS-OXCMSG 2.2.2.9), with their own content in turn.
 */
#include <util/debug.h>
#include "delivery/delivery_private.h"

/* How deep embedded messages are carried (a message in an attachment of
 * a message in an attachment ...); deeper ones are left out. */
#define MAX_EMBEDDING_DEPTH 32

/* The properties of @a from worth carrying, set on @a to. */
static enum MAPISTATUS copy_message_props(TALLOC_CTX *mem_ctx,
					  struct mstore *src,
					  struct mstore_message *from,
					  struct mstore *dst,
					  struct mstore_message *to)
{
	struct mstore_value *all = NULL, *v = NULL;
	uint32_t all_n = 0, n = 0;
	enum MAPISTATUS rv;

	rv = mstore_message_get_all_props(mem_ctx, from, &all, &all_n);
	rv = rv ?: mdeliver_copy_props(mem_ctx, src, dst, all, all_n, &v, &n);
	return rv ?: mdeliver_set_props(to, v, n);
}

/* Every recipient row of @a from, as it is, onto @a to. */
static enum MAPISTATUS copy_all_recipients(TALLOC_CTX *mem_ctx,
					   struct mstore *src,
					   struct mstore_message *from,
					   struct mstore *dst,
					   struct mstore_message *to)
{
	struct mstore_row *rows = NULL, *out;
	uint32_t count = 0, i;
	enum MAPISTATUS rv;

	rv = mstore_message_get_recipients(mem_ctx, from, &rows, &count);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	out = talloc_zero_array(mem_ctx, struct mstore_row, count + 1);
	if (out == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; rv == MAPI_E_SUCCESS && i < count; i++) {
		rv = mdeliver_copy_props(out, src, dst, rows[i].values,
					 rows[i].count, &out[i].values,
					 &out[i].count);
	}
	return rv ?: mstore_message_set_recipients(to, out, count);
}

/** Carry @a from's properties, recipients and attachments into @a to
 *  (a new message, or a new embedded message), @a depth levels down. */
enum MAPISTATUS mdeliver_copy_message(TALLOC_CTX *mem_ctx,
				      struct mstore *src,
				      struct mstore_message *from,
				      struct mstore *dst,
				      struct mstore_message *to,
				      uint32_t depth)
{
	enum MAPISTATUS rv;

	rv = copy_message_props(mem_ctx, src, from, dst, to);
	rv = rv ?: copy_all_recipients(mem_ctx, src, from, dst, to);
	return rv ?: mdeliver_copy_attachments(mem_ctx, src, from, dst, to,
					       depth);
}

/* The message embedded in attachment @a num of @a from, or NULL. */
static struct mstore_message *embedded_of(TALLOC_CTX *mem_ctx,
					  struct mstore_message *from,
					  uint32_t num)
{
	struct mstore_attachment *att = NULL;
	struct mstore_message *em = NULL;

	if (mstore_attachment_open(mem_ctx, from, num, &att) !=
	    MAPI_E_SUCCESS ||
	    mstore_attachment_embedded(mem_ctx, att, false, &em) !=
	    MAPI_E_SUCCESS) {
		return NULL;
	}
	return em;
}

/*
 * A new attachment of @a to with the values @a v and a copy of the
 * embedded message @a em: the copy is saved into the attachment, the
 * attachment into @a to (MS-OXCMSG 3.2.5.14, 3.2.5.16).
 */
static enum MAPISTATUS add_embedded(TALLOC_CTX *mem_ctx, struct mstore *src,
				    struct mstore_message *em,
				    struct mstore *dst,
				    struct mstore_message *to,
				    const struct mstore_value *v, uint32_t n,
				    uint32_t depth)
{
	struct mstore_attachment *att = NULL;
	struct mstore_message *copy = NULL;
	enum MAPISTATUS rv;

	rv = mstore_attachment_create(mem_ctx, to, &att);
	rv = rv ?: mstore_attachment_set_props(att, v, n);
	rv = rv ?: mstore_attachment_embedded(mem_ctx, att, true, &copy);
	rv = rv ?: mdeliver_copy_message(mem_ctx, src, em, dst, copy,
					 depth + 1);
	rv = rv ?: mstore_message_save(copy);
	return rv ?: mstore_attachment_save(att);
}

static enum MAPISTATUS copy_attachment(TALLOC_CTX *mem_ctx,
				       struct mstore *src,
				       struct mstore_message *from,
				       const struct mstore_row *row,
				       struct mstore *dst,
				       struct mstore_message *to,
				       uint32_t depth)
{
	const struct mstore_value *method = mstore_values_find(
		row->values, row->count, MD_PidTagAttachMethod);
	const struct mstore_value *num = mstore_values_find(
		row->values, row->count, MD_PidTagAttachNumber);
	struct mstore_message *em = NULL;
	struct mstore_value *v = NULL;
	uint32_t n = 0, added;
	enum MAPISTATUS rv;

	rv = mdeliver_copy_props(mem_ctx, src, dst, row->values, row->count,
				 &v, &n);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	if (method != NULL && method->v.i32 == MD_ATTACH_EMBEDDED_MESSAGE &&
	    num != NULL) {
		em = embedded_of(mem_ctx, from, (uint32_t)num->v.i32);
	}
	if (em != NULL && depth >= MAX_EMBEDDING_DEPTH) {
		DBG_WARNING("embedded message %u levels deep left out\n",
			    depth + 1);
		em = NULL;
	}
	if (em == NULL) {
		return mstore_message_add_attachment(to, v, n, &added);
	}
	return add_embedded(mem_ctx, src, em, dst, to, v, n, depth);
}

/** Carry every attachment of @a from, with its embedded message, into
 *  @a to; @a depth is how deep @a from is embedded itself (0: not). */
enum MAPISTATUS mdeliver_copy_attachments(TALLOC_CTX *mem_ctx,
					  struct mstore *src,
					  struct mstore_message *from,
					  struct mstore *dst,
					  struct mstore_message *to,
					  uint32_t depth)
{
	struct mstore_row *rows = NULL;
	uint32_t count = 0, i;
	enum MAPISTATUS rv;

	rv = mstore_message_get_attachments(mem_ctx, from, &rows, &count);
	for (i = 0; rv == MAPI_E_SUCCESS && i < count; i++) {
		rv = copy_attachment(mem_ctx, src, from, &rows[i], dst, to,
				     depth);
	}
	return rv;
}
