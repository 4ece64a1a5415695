/*
 * sambamapi message store: the read state (PidTagMessageFlags) and the
 * status (PidTagMessageStatus) of stored messages.  Both change at once,
 * without a new change number, PidTagChangeKey or modification time
 * (MS-OXCMSG 3.2.5.8, 3.2.5.10, 3.2.5.11); a copy of the message open
 * meanwhile keeps them when it is saved.
 */
#include <string.h>
#include <util/debug.h>
#include "store/store_message_private.h"

/* ReadFlags (MS-OXCMSG 2.2.3.10.1) */
#define RF_SUPPRESS_RECEIPT	0x01
#define RF_CLEAR_READ_FLAG	0x04
#define RF_GENERATE_RECEIPT_ONLY 0x10
#define RF_CLEAR_NOTIFY_READ	0x20
#define RF_CLEAR_NOTIFY_UNREAD	0x40

enum MAPISTATUS mstore_message_keep_state(struct mstore_message *msg,
					  const struct mstore_message *stored)
{
	const struct mstore_value *sf, *mf, *status;
	int32_t flags;
	enum MAPISTATUS ret = MAPI_E_SUCCESS;

	sf = mstore_values_find(stored->values, stored->count,
				MSTORE_PidTagMessageFlags);
	if (!msg->read_set && sf != NULL) {
		mf = mstore_values_find(msg->values, msg->count,
					MSTORE_PidTagMessageFlags);
		flags = mf != NULL ? mf->v.i32 : 0;
		flags = (flags & ~MSTORE_READ_BITS) |
			(sf->v.i32 & MSTORE_READ_BITS);
		ret = mstore_put_i64(msg, &msg->values, &msg->count,
				     MSTORE_PidTagMessageFlags, flags);
	}
	/* MS-OXCMSG 3.1.5.12: the status is only set by
	 * RopSetMessageStatus */
	status = mstore_values_find(stored->values, stored->count,
				    MSTORE_PidTagMessageStatus);
	if (ret == MAPI_E_SUCCESS && status != NULL) {
		ret = mstore_values_put(msg, &msg->values, &msg->count,
					status);
	}
	return ret;
}

/*
 * What ReadFlags do to PidTagMessageFlags (MS-OXCMSG 2.2.3.10.1): the
 * bits to set and clear, and whether a read receipt is to be sent (one
 * is pending: mfNotifyRead).  rfReserved is ignored.
 */
static void read_flag_masks(uint8_t rf, int32_t flags, int32_t *set,
			    int32_t *clear, bool *receipt_due)
{
	bool pending = (flags & MSTORE_MSGFLAG_NOTIFYREAD) != 0;

	*set = 0;
	*clear = 0;
	*receipt_due = false;
	if (rf & RF_GENERATE_RECEIPT_ONLY) {
		*receipt_due = pending;
	} else if (rf & RF_CLEAR_READ_FLAG) {
		*clear = MSTORE_MSGFLAG_READ;
	} else if (rf & (RF_CLEAR_NOTIFY_READ | RF_CLEAR_NOTIFY_UNREAD)) {
		*clear = (rf & RF_CLEAR_NOTIFY_READ ?
			  MSTORE_MSGFLAG_NOTIFYREAD : 0) |
			 (rf & RF_CLEAR_NOTIFY_UNREAD ?
			  MSTORE_MSGFLAG_NOTIFYUNREAD : 0);
	} else {
		/* MS-OXCMSG 3.2.5.11 (Exchange 2010 on): mfEverRead follows
		 * mfRead */
		*set = MSTORE_MSGFLAG_READ | MSTORE_MSGFLAG_EVERREAD;
		if (rf & RF_SUPPRESS_RECEIPT) {
			*clear = MSTORE_MSGFLAG_NOTIFYREAD;
		} else {
			*receipt_due = pending;
		}
	}
}

struct flag_change {
	int32_t set;
	int32_t clear;
	uint8_t read_flags;	/* with use_read_flags: masks from these */
	bool use_read_flags;
	int32_t before;		/* out */
	int32_t after;		/* out */
	bool receipt_due;	/* out */
};

static enum MAPISTATUS load_state(TALLOC_CTX *mem_ctx, struct mstore *store,
				  uint64_t fid, uint64_t mid,
				  struct ldb_message **rec)
{
	static const char *attrs[] = {
		MSTORE_ATTR_PARENT, MSTORE_ATTR_ASSOC, "p0e070003",
		"p0e170003", NULL
	};
	enum MAPISTATUS ret;
	uint64_t parent;

	ret = mstore_record_load(mem_ctx, store,
				 mstore_object_dn(mem_ctx, store,
						  MSTORE_DN_MESSAGES, mid),
				 attrs, rec);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	parent = strtoull(ldb_msg_find_attr_as_string(
		*rec, MSTORE_ATTR_PARENT, "0"), NULL, 16);
	if (fid != 0 && parent != fid) {
		talloc_free(*rec);
		return MAPI_E_NOT_FOUND;
	}
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS change_flags_in_txn(struct mstore *store,
					   uint64_t fid, uint64_t mid,
					   struct flag_change *c)
{
	struct mstore_value v = { .tag = MSTORE_PidTagMessageFlags };
	struct ldb_message *rec;
	bool assoc, was_read, is_read;
	uint64_t parent;
	enum MAPISTATUS ret;

	ret = load_state(store, store, fid, mid, &rec);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	c->before = (int32_t)mstore_record_int(rec, MSTORE_PidTagMessageFlags,
					       0);
	if (c->use_read_flags) {
		read_flag_masks(c->read_flags, c->before, &c->set, &c->clear,
				&c->receipt_due);
	}
	c->after = (c->before | c->set) & ~c->clear;
	assoc = ldb_msg_find_attr_as_int(rec, MSTORE_ATTR_ASSOC, 0) != 0;
	parent = strtoull(ldb_msg_find_attr_as_string(
		rec, MSTORE_ATTR_PARENT, "0"), NULL, 16);
	was_read = (c->before & MSTORE_MSGFLAG_READ) != 0;
	is_read = (c->after & MSTORE_MSGFLAG_READ) != 0;
	v.v.i32 = c->after;
	if (c->after != c->before) {
		ret = mstore_record_update(store, rec->dn, &v, 1, NULL, 0);
		if (ret == MAPI_E_SUCCESS) {
			mstore_event_message_tags(store, parent, mid, assoc,
						  &v.tag, 1);
		}
		/* the unread count; and the folder's contents version moves
		 * (mstore_folder_version(): tables show the flags) */
		if (ret == MAPI_E_SUCCESS) {
			ret = mstore_folder_adjust(store, parent, 0,
						   assoc || was_read == is_read ?
						   0 : is_read ? -1 : 1, 0, 0);
		}
	}
	talloc_free(rec);
	return ret;
}

static enum MAPISTATUS change_flags(struct mstore *store, uint64_t fid,
				    uint64_t mid, struct flag_change *c)
{
	enum MAPISTATUS ret = mstore_txn_start(store);

	if (ret == MAPI_E_SUCCESS) {
		ret = change_flags_in_txn(store, fid, mid, c);
		ret = mstore_txn_finish(store, ret);
	}
	return ret;
}

enum MAPISTATUS mstore_message_set_read(struct mstore *store, uint64_t mid,
					bool read)
{
	struct flag_change c = { 0 };

	if (read) {
		c.set = MSTORE_MSGFLAG_READ | MSTORE_MSGFLAG_EVERREAD;
	} else {
		c.clear = MSTORE_MSGFLAG_READ;
	}
	return change_flags(store, 0, mid, &c);
}

enum MAPISTATUS mstore_message_set_read_flags(struct mstore *store,
					      uint64_t fid, uint64_t mid,
					      uint8_t read_flags,
					      struct mstore_read_result *res)
{
	struct flag_change c = { .read_flags = read_flags,
				 .use_read_flags = true };
	enum MAPISTATUS ret = change_flags(store, fid, mid, &c);

	if (ret == MAPI_E_SUCCESS && res != NULL) {
		res->flags = (uint32_t)c.after;
		res->read_changed = ((c.before ^ c.after) &
				     MSTORE_MSGFLAG_READ) != 0;
		res->receipt_due = c.receipt_due;
	}
	return ret;
}

/* An open copy not stored yet (new, or embedded): in memory only. */
static enum MAPISTATUS read_flags_in_memory(struct mstore_message *msg,
					    uint8_t read_flags,
					    struct mstore_read_result *res)
{
	const struct mstore_value *f;
	int32_t before, set, clear;
	bool due;

	f = mstore_values_find(msg->values, msg->count,
			       MSTORE_PidTagMessageFlags);
	before = f != NULL ? f->v.i32 : 0;
	read_flag_masks(read_flags, before, &set, &clear, &due);
	res->flags = (uint32_t)((before | set) & ~clear);
	res->read_changed = ((before ^ res->flags) &
			     MSTORE_MSGFLAG_READ) != 0;
	res->receipt_due = due;
	return mstore_put_i64(msg, &msg->values, &msg->count,
			      MSTORE_PidTagMessageFlags, res->flags);
}

enum MAPISTATUS mstore_message_read_flags(struct mstore_message *msg,
					  uint8_t read_flags,
					  struct mstore_read_result *res)
{
	const struct mstore_value *f;
	int32_t flags;
	enum MAPISTATUS ret;

	if (msg->is_new || msg->owner != NULL) {
		return read_flags_in_memory(msg, read_flags, res);
	}
	ret = mstore_message_set_read_flags(msg->store, 0, msg->mid,
					    read_flags, res);
	if (ret == MAPI_E_NOT_FOUND) {
		return MAPI_E_OBJECT_DELETED;
	}
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	/* the copy shows the stored read state */
	f = mstore_values_find(msg->values, msg->count,
			       MSTORE_PidTagMessageFlags);
	flags = f != NULL ? f->v.i32 : 0;
	flags = (flags & ~MSTORE_READ_BITS) |
		((int32_t)res->flags & MSTORE_READ_BITS);
	return mstore_put_i64(msg, &msg->values, &msg->count,
			      MSTORE_PidTagMessageFlags, flags);
}

/* ------------------------------------------------------------ status */

enum MAPISTATUS mstore_message_get_status(struct mstore *store, uint64_t fid,
					  uint64_t mid, uint32_t *status)
{
	struct ldb_message *rec;
	enum MAPISTATUS ret = load_state(store, store, fid, mid, &rec);

	if (ret == MAPI_E_SUCCESS) {
		*status = (uint32_t)mstore_record_int(
			rec, MSTORE_PidTagMessageStatus, 0);
		talloc_free(rec);
	}
	return ret;
}

/* MS-OXCMSG 3.2.5.8: the bits of the mask take the value they have in
 * the flags; the others stay. */
static enum MAPISTATUS set_status_in_txn(struct mstore *store, uint64_t fid,
					 uint64_t mid, uint32_t flags,
					 uint32_t mask, uint32_t *old)
{
	struct mstore_value v = { .tag = MSTORE_PidTagMessageStatus };
	struct ldb_message *rec;
	uint64_t parent;
	enum MAPISTATUS ret = load_state(store, store, fid, mid, &rec);

	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	*old = (uint32_t)mstore_record_int(rec, MSTORE_PidTagMessageStatus,
					   0);
	v.v.i32 = (int32_t)((*old & ~mask) | (flags & mask));
	ret = mstore_record_update(store, rec->dn, &v, 1, NULL, 0);
	/* tables show the status: the folder's contents version moves */
	if (ret == MAPI_E_SUCCESS && (uint32_t)v.v.i32 != *old) {
		parent = strtoull(ldb_msg_find_attr_as_string(
			rec, MSTORE_ATTR_PARENT, "0"), NULL, 16);
		mstore_event_message_tags(store, parent, mid,
			ldb_msg_find_attr_as_int(rec, MSTORE_ATTR_ASSOC, 0) != 0,
			&v.tag, 1);
		ret = mstore_folder_adjust(store, parent, 0, 0, 0, 0);
	}
	talloc_free(rec);
	return ret;
}

enum MAPISTATUS mstore_message_set_status(struct mstore *store, uint64_t fid,
					  uint64_t mid, uint32_t flags,
					  uint32_t mask, uint32_t *old)
{
	uint32_t before = 0;
	enum MAPISTATUS ret = mstore_txn_start(store);

	if (ret == MAPI_E_SUCCESS) {
		ret = set_status_in_txn(store, fid, mid, flags, mask, &before);
		ret = mstore_txn_finish(store, ret);
	}
	if (ret == MAPI_E_SUCCESS && old != NULL) {
		*old = before;
	}
	return ret;
}
