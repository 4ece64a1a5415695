/*
 * sambamapi message store: special folders (MS-OXOSFLD) created with a
 * mailbox, their entry-id properties and the receive folders
 * (MS-OXCSTOR 3.2.5.2).
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <util/debug.h>
#include "store/store_private.h"

struct special_def {
	enum mstore_special_folder id;
	int parent;			/* -1: none (root) */
	const char *name;		/* English display name */
	const char *container_class;	/* PidTagContainerClass or NULL */
};

/* In creation order: parents before children. */
static const struct special_def private_folders[] = {
	{ MSTORE_ROOT, -1, "Root Container", NULL },
	{ MSTORE_DEFERRED_ACTION, MSTORE_ROOT, "Deferred Action", NULL },
	{ MSTORE_SPOOLER_QUEUE, MSTORE_ROOT, "Spooler Queue", NULL },
	{ MSTORE_IPM_SUBTREE, MSTORE_ROOT, "Top of Information Store", NULL },
	{ MSTORE_COMMON_VIEWS, MSTORE_ROOT, "Common Views", NULL },
	{ MSTORE_SCHEDULE, MSTORE_ROOT, "Schedule", NULL },
	{ MSTORE_FINDER, MSTORE_ROOT, "Finder", NULL },
	{ MSTORE_VIEWS, MSTORE_ROOT, "Views", NULL },
	{ MSTORE_SHORTCUTS, MSTORE_ROOT, "Shortcuts", NULL },
	{ MSTORE_FREEBUSY_DATA, MSTORE_ROOT, "Freebusy Data", NULL },
	{ MSTORE_REMINDERS, MSTORE_ROOT, "Reminders", "Outlook.Reminder" },
	{ MSTORE_INBOX, MSTORE_IPM_SUBTREE, "Inbox", "IPF.Note" },
	{ MSTORE_OUTBOX, MSTORE_IPM_SUBTREE, "Outbox", "IPF.Note" },
	{ MSTORE_SENT_ITEMS, MSTORE_IPM_SUBTREE, "Sent Items", "IPF.Note" },
	{ MSTORE_DELETED_ITEMS, MSTORE_IPM_SUBTREE, "Deleted Items",
	  "IPF.Note" },
	{ MSTORE_DRAFTS, MSTORE_IPM_SUBTREE, "Drafts", "IPF.Note" },
	{ MSTORE_CALENDAR, MSTORE_IPM_SUBTREE, "Calendar",
	  "IPF.Appointment" },
	{ MSTORE_CONTACTS, MSTORE_IPM_SUBTREE, "Contacts", "IPF.Contact" },
	{ MSTORE_TASKS, MSTORE_IPM_SUBTREE, "Tasks", "IPF.Task" },
	{ MSTORE_NOTES, MSTORE_IPM_SUBTREE, "Notes", "IPF.StickyNote" },
	{ MSTORE_JOURNAL, MSTORE_IPM_SUBTREE, "Journal", "IPF.Journal" },
	{ MSTORE_JUNK_EMAIL, MSTORE_IPM_SUBTREE, "Junk E-mail", "IPF.Note" },
	{ MSTORE_SYNC_ISSUES, MSTORE_IPM_SUBTREE, "Sync Issues", "IPF.Note" },
	{ MSTORE_CONFLICTS, MSTORE_SYNC_ISSUES, "Conflicts", "IPF.Note" },
	{ MSTORE_LOCAL_FAILURES, MSTORE_SYNC_ISSUES, "Local Failures",
	  "IPF.Note" },
	{ MSTORE_SERVER_FAILURES, MSTORE_SYNC_ISSUES, "Server Failures",
	  "IPF.Note" },
	{ MSTORE_RSS_FEEDS, MSTORE_IPM_SUBTREE, "RSS Feeds",
	  "IPF.Note.OutlookHomepage" },
	{ MSTORE_CONVERSATION_ACTIONS, MSTORE_IPM_SUBTREE,
	  "Conversation Action Settings", "IPF.Configuration" },
	{ MSTORE_TRACKED_MAIL, MSTORE_IPM_SUBTREE, "Tracked Mail Processing",
	  "IPF.Note" },
};

static const struct special_def public_folders[] = {
	{ MSTORE_PUBLIC_ROOT, -1, "Root Container", NULL },
	{ MSTORE_PUBLIC_IPM_SUBTREE, MSTORE_PUBLIC_ROOT, "IPM_SUBTREE", NULL },
	{ MSTORE_PUBLIC_NON_IPM_SUBTREE, MSTORE_PUBLIC_ROOT,
	  "NON_IPM_SUBTREE", NULL },
	{ MSTORE_PUBLIC_EFORMS_REGISTRY, MSTORE_PUBLIC_NON_IPM_SUBTREE,
	  "EFORMS REGISTRY", NULL },
	{ MSTORE_PUBLIC_FREEBUSY_DATA, MSTORE_PUBLIC_NON_IPM_SUBTREE,
	  "SCHEDULE+ FREE BUSY", NULL },
	{ MSTORE_PUBLIC_OAB, MSTORE_PUBLIC_NON_IPM_SUBTREE,
	  "OFFLINE ADDRESS BOOK", NULL },
	/* labels are English only: the one locale's forms registry */
	{ MSTORE_PUBLIC_LOCALE_EFORMS, MSTORE_PUBLIC_EFORMS_REGISTRY,
	  "Organization Forms", NULL },
	{ MSTORE_PUBLIC_LOCAL_FREEBUSY, MSTORE_PUBLIC_FREEBUSY_DATA,
	  "Local Site", NULL },
	{ MSTORE_PUBLIC_LOCAL_OAB, MSTORE_PUBLIC_OAB, "Local Site", NULL },
	{ MSTORE_PUBLIC_NNTP_INDEX, MSTORE_PUBLIC_NON_IPM_SUBTREE,
	  "NNTP Article Index", NULL },
};

/* MS-OXCSTOR 2.2.1.1.4 FolderIds (checked against the spec's list,
 * requirement MS-OXCSTOR_R59793): Public Folders Root, IPM subtree,
 * non-IPM subtree, EForms Registry, Free/Busy Data, Offline Address Book
 * Data, the user's locale's EForms Registry, the local site's Free/Busy
 * Data and Offline Address Book Data, NNTP Article Index, then three
 * empty (zero) entries. */
static const enum mstore_special_folder public_logon_folders[] = {
	MSTORE_PUBLIC_ROOT, MSTORE_PUBLIC_IPM_SUBTREE,
	MSTORE_PUBLIC_NON_IPM_SUBTREE, MSTORE_PUBLIC_EFORMS_REGISTRY,
	MSTORE_PUBLIC_FREEBUSY_DATA, MSTORE_PUBLIC_OAB,
	MSTORE_PUBLIC_LOCALE_EFORMS, MSTORE_PUBLIC_LOCAL_FREEBUSY,
	MSTORE_PUBLIC_LOCAL_OAB, MSTORE_PUBLIC_NNTP_INDEX,
};

/* Entry-id properties on the Root and Inbox (MS-OXOSFLD 2.2.1-2.2.3). */
static const struct {
	uint32_t tag;
	enum mstore_special_folder folder;
} entryid_props[] = {
	{ MSTORE_PidTagIpmAppointmentEntryId, MSTORE_CALENDAR },
	{ MSTORE_PidTagIpmContactEntryId, MSTORE_CONTACTS },
	{ MSTORE_PidTagIpmJournalEntryId, MSTORE_JOURNAL },
	{ MSTORE_PidTagIpmNoteEntryId, MSTORE_NOTES },
	{ MSTORE_PidTagIpmTaskEntryId, MSTORE_TASKS },
	{ MSTORE_PidTagRemindersOnlineEntryId, MSTORE_REMINDERS },
	{ MSTORE_PidTagIpmDraftsEntryId, MSTORE_DRAFTS },
};

/* PidTagAdditionalRenEntryIds indexes 0-4 (MS-OXOSFLD 2.2.4). */
static const enum mstore_special_folder additional_ren[] = {
	MSTORE_CONFLICTS, MSTORE_SYNC_ISSUES, MSTORE_LOCAL_FAILURES,
	MSTORE_SERVER_FAILURES, MSTORE_JUNK_EMAIL
};

/* PidTagAdditionalRenEntryIdsEx blocks (MS-OXOSFLD 2.2.5). */
static const struct {
	uint16_t persist_id;
	enum mstore_special_folder folder;
} additional_ren_ex[] = {
	{ 0x8001, MSTORE_RSS_FEEDS },	/* RSF_PID_RSS_SUBSCRIPTION */
	{ 0x8002, MSTORE_TRACKED_MAIL },	/* RSF_PID_SEND_AND_TRACK */
	{ 0x8006, MSTORE_CONVERSATION_ACTIONS },/* RSF_PID_CONV_ACTIONS */
};

#define RSF_ELID_ENTRYID 0x0001

static enum MAPISTATUS record_special_fids(struct mstore *store);

static enum MAPISTATUS create_one(struct mstore *store,
				  const struct special_def *d,
				  mstore_name_hook hook, void *priv)
{
	struct mstore_value v = { .tag = MSTORE_PidTagContainerClass };
	const char *name = d->name;
	uint64_t parent = d->parent < 0 ? 0 : store->special[d->parent];

	if (hook != NULL) {
		name = hook(priv, d->id, d->name);
		if (name == NULL || name[0] == '\0') {
			name = d->name;
		}
	}
	v.v.str = d->container_class;
	return mstore_folder_create_special(store, parent, name, &v,
					    d->container_class ? 1 : 0,
					    (int)d->id,
					    &store->special[d->id]);
}

static void put_le16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v & 0xFF);
	p[1] = (uint8_t)(v >> 8);
}

static enum MAPISTATUS ren_ex_value(TALLOC_CTX *mem_ctx,
				    struct mstore *store,
				    struct mstore_bin *out)
{
	const size_t n = ARRAY_SIZE(additional_ren_ex);
	const size_t block = 4 + 4 + MSTORE_FOLDER_ENTRYID_SIZE;
	struct mstore_bin eid;
	uint8_t *p;
	size_t i;
	enum MAPISTATUS ret;

	p = talloc_zero_array(mem_ctx, uint8_t, n * block + 4);
	if (p == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; i < n; i++) {
		uint8_t *b = p + i * block;

		ret = mstore_folder_entryid(
			p, store, store->special[additional_ren_ex[i].folder],
			&eid);
		if (ret != MAPI_E_SUCCESS) {
			return ret;
		}
		/* PersistData: PersistID, DataElementsSize, then one
		 * PersistElement: ElementID, ElementDataSize, the entry ID */
		put_le16(b, additional_ren_ex[i].persist_id);
		put_le16(b + 2, 4 + MSTORE_FOLDER_ENTRYID_SIZE);
		put_le16(b + 4, RSF_ELID_ENTRYID);
		put_le16(b + 6, MSTORE_FOLDER_ENTRYID_SIZE);
		memcpy(b + 8, eid.data, MSTORE_FOLDER_ENTRYID_SIZE);
	}
	/* The closing PERSIST_SENTINEL block (4 zero bytes). */
	out->data = p;
	out->length = n * block + 4;
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS entryid_values(TALLOC_CTX *mem_ctx,
				      struct mstore *store,
				      struct mstore_value *v, size_t *n)
{
	size_t i, k = 0;
	enum MAPISTATUS ret = MAPI_E_SUCCESS;
	struct mstore_bin *mv;

	for (i = 0; ret == MAPI_E_SUCCESS && i < ARRAY_SIZE(entryid_props);
	     i++) {
		v[k].tag = entryid_props[i].tag;
		ret = mstore_folder_entryid(
			mem_ctx, store, store->special[entryid_props[i].folder],
			&v[k++].v.bin);
	}
	mv = talloc_array(mem_ctx, struct mstore_bin,
			  ARRAY_SIZE(additional_ren));
	if (mv == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; ret == MAPI_E_SUCCESS && i < ARRAY_SIZE(additional_ren);
	     i++) {
		ret = mstore_folder_entryid(
			mv, store, store->special[additional_ren[i]], &mv[i]);
	}
	v[k].tag = MSTORE_PidTagAdditionalRenEntryIds;
	v[k].v.mv.count = ARRAY_SIZE(additional_ren);
	v[k++].v.mv.bin = mv;
	v[k].tag = MSTORE_PidTagAdditionalRenEntryIdsEx;
	if (ret == MAPI_E_SUCCESS) {
		ret = ren_ex_value(mem_ctx, store, &v[k++].v.bin);
	}
	*n = k;
	return ret;
}

static enum MAPISTATUS set_entryid_props(struct mstore *store)
{
	TALLOC_CTX *tmp = talloc_new(store);
	struct mstore_value v[ARRAY_SIZE(entryid_props) + 2];
	size_t n = 0;
	enum MAPISTATUS ret;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	memset(v, 0, sizeof(v));
	ret = entryid_values(tmp, store, v, &n);
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_record_update(
			store, mstore_object_dn(tmp, store, MSTORE_DN_FOLDERS,
						store->special[MSTORE_ROOT]),
			v, n, NULL, 0);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_record_update(
			store, mstore_object_dn(tmp, store, MSTORE_DN_FOLDERS,
						store->special[MSTORE_INBOX]),
			v, n, NULL, 0);
	}
	talloc_free(tmp);
	return ret;
}

enum MAPISTATUS mstore_special_provision(struct mstore *store,
					 mstore_name_hook hook, void *priv)
{
	const struct special_def *defs = store->is_public ? public_folders
							  : private_folders;
	size_t i, n = store->is_public ? ARRAY_SIZE(public_folders)
				       : ARRAY_SIZE(private_folders);
	enum MAPISTATUS ret = MAPI_E_SUCCESS;

	for (i = 0; ret == MAPI_E_SUCCESS && i < n; i++) {
		ret = create_one(store, &defs[i], hook, priv);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = record_special_fids(store);
	}
	if (ret != MAPI_E_SUCCESS || store->is_public) {
		return ret;
	}
	ret = set_entryid_props(store);
	/* Default receive folders (MS-OXCSTOR 3.2.5.2). */
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_set_receive_folder(store, "",
						store->special[MSTORE_INBOX]);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_set_receive_folder(store, "IPM",
						store->special[MSTORE_INBOX]);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_set_receive_folder(store, "REPORT.IPM",
						store->special[MSTORE_INBOX]);
	}
	if (ret == MAPI_E_SUCCESS) {
		ret = mstore_set_receive_folder(store, "IPC",
						store->special[MSTORE_ROOT]);
	}
	return ret;
}

/* The special folders' FIDs are kept as "index:fidhex" values of the
 * mailbox record's "specialFid": one base search at every open. */
static enum MAPISTATUS record_special_fids(struct mstore *store)
{
	struct ldb_message *msg = ldb_msg_new(store);
	enum MAPISTATUS ret = MAPI_E_NOT_ENOUGH_MEMORY;
	int i;

	if (msg == NULL) {
		return ret;
	}
	msg->dn = ldb_dn_new(msg, store->ldb, MSTORE_DN_MAILBOX);
	if (msg->dn == NULL || ldb_msg_add_empty(msg, "specialFid",
						 LDB_FLAG_MOD_REPLACE,
						 NULL) != 0) {
		goto done;
	}
	for (i = 0; i < MSTORE_SPECIAL_COUNT; i++) {
		if (store->special[i] != 0 &&
		    ldb_msg_add_fmt(msg, "specialFid", "%d:%016llX", i,
				    (unsigned long long)store->special[i])
		    != 0) {
			goto done;
		}
	}
	ret = mstore_ldb_status(store, ldb_modify(store->ldb, msg));
done:
	talloc_free(msg);
	return ret;
}

/*
 * A public store created before some of its special folders existed gets
 * them at its next open (mstore_special_load() runs in the open's
 * transaction); parents come first in public_folders.
 */
static enum MAPISTATUS add_missing_public(struct mstore *store)
{
	enum MAPISTATUS ret = MAPI_E_SUCCESS;
	bool added = false;
	size_t i;

	for (i = 0; ret == MAPI_E_SUCCESS && i < ARRAY_SIZE(public_folders);
	     i++) {
		if (store->special[public_folders[i].id] != 0) {
			continue;
		}
		DBG_NOTICE("adding public folder %s\n", public_folders[i].name);
		ret = create_one(store, &public_folders[i], NULL, NULL);
		added = true;
	}
	if (ret == MAPI_E_SUCCESS && added) {
		ret = record_special_fids(store);
	}
	return ret;
}

enum MAPISTATUS mstore_special_load(struct mstore *store)
{
	static const char *attrs[] = { "specialFid", NULL };
	struct ldb_message *msg;
	struct ldb_message_element *el;
	unsigned long long fid;
	enum MAPISTATUS ret;
	unsigned int i;
	int idx;

	ret = mstore_record_load(store, store,
				 ldb_dn_new(store, store->ldb,
					    MSTORE_DN_MAILBOX),
				 attrs, &msg);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	el = ldb_msg_find_element(msg, "specialFid");
	for (i = 0; el != NULL && i < el->num_values; i++) {
		if (sscanf((const char *)el->values[i].data, "%d:%llx", &idx,
			   &fid) != 2 || idx < 0 ||
		    idx >= MSTORE_SPECIAL_COUNT) {
			ret = MAPI_E_CORRUPT_STORE;
			break;
		}
		store->special[idx] = fid;
	}
	if (ret == MAPI_E_SUCCESS &&
	    store->special[store->is_public ? MSTORE_PUBLIC_ROOT
					    : MSTORE_ROOT] == 0) {
		ret = MAPI_E_CORRUPT_STORE;
	}
	talloc_free(msg);
	if (ret == MAPI_E_SUCCESS && store->is_public) {
		ret = add_missing_public(store);
	}
	return ret;
}

enum MAPISTATUS mstore_special_fid(struct mstore *store,
				   enum mstore_special_folder folder,
				   uint64_t *fid)
{
	if ((int)folder < 0 || folder >= MSTORE_SPECIAL_COUNT ||
	    store->special[folder] == 0) {
		return MAPI_E_NOT_FOUND;
	}
	*fid = store->special[folder];
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mstore_logon_fids(struct mstore *store, uint64_t fids[13])
{
	size_t i;

	memset(fids, 0, sizeof(uint64_t) * MSTORE_LOGON_FID_COUNT);
	if (!store->is_public) {
		for (i = 0; i < MSTORE_LOGON_FID_COUNT; i++) {
			fids[i] = store->special[i];
		}
		return MAPI_E_SUCCESS;
	}
	for (i = 0; i < ARRAY_SIZE(public_logon_folders); i++) {
		fids[i] = store->special[public_logon_folders[i]];
		if (fids[i] == 0) {
			/* a public store from before these folders */
			DBG_ERR("public store lacks special folder %d\n",
				(int)public_logon_folders[i]);
			return MAPI_E_CORRUPT_STORE;
		}
	}
	return MAPI_E_SUCCESS;
}

/* --------------------------------------------------- receive folders */

/* Kept as "fidhex:CLASS" values of the mailbox record's "rf", and the
 * time each was set as "filetimehex:CLASS" values of "rft". */
#define RF_CLASS_OFFSET 17

static enum MAPISTATUS load_receive(TALLOC_CTX *mem_ctx,
				    struct mstore *store,
				    struct ldb_message **msg)
{
	static const char *attrs[] = { "rf", "rft", NULL };

	return mstore_record_load(mem_ctx, store,
				  ldb_dn_new(mem_ctx, store->ldb,
					     MSTORE_DN_MAILBOX),
				  attrs, msg);
}

enum MAPISTATUS mstore_get_receive_folder(TALLOC_CTX *mem_ctx,
					  struct mstore *store,
					  const char *message_class,
					  uint64_t *fid,
					  char **explicit_class)
{
	struct ldb_message *msg;
	struct ldb_message_element *el;
	const char *best = NULL, *cls;
	size_t best_len = 0, len, mlen = strlen(message_class);
	unsigned int i;
	enum MAPISTATUS ret;

	ret = load_receive(mem_ctx, store, &msg);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	el = ldb_msg_find_element(msg, "rf");
	for (i = 0; el != NULL && i < el->num_values; i++) {
		cls = (const char *)el->values[i].data + RF_CLASS_OFFSET;
		len = el->values[i].length - RF_CLASS_OFFSET;
		/* A prefix at a '.' boundary, or the whole class. */
		if (len > mlen || strncasecmp(cls, message_class, len) != 0 ||
		    (len > 0 && len < mlen && message_class[len] != '.')) {
			continue;
		}
		if (best == NULL || len > best_len) {
			best = (const char *)el->values[i].data;
			best_len = len;
		}
	}
	if (best == NULL) {
		ret = MAPI_E_NOT_FOUND;
	} else {
		*fid = strtoull(best, NULL, 16);
		*explicit_class = talloc_strndup(mem_ctx,
						 best + RF_CLASS_OFFSET,
						 best_len);
		ret = *explicit_class ? MAPI_E_SUCCESS
				      : MAPI_E_NOT_ENOUGH_MEMORY;
	}
	talloc_free(msg);
	return ret;
}

static bool same_class(const struct ldb_val *v, const char *cls)
{
	const char *c = (const char *)v->data + RF_CLASS_OFFSET;

	return v->length >= RF_CLASS_OFFSET &&
	       v->length - RF_CLASS_OFFSET == strlen(cls) &&
	       strncasecmp(c, cls, v->length - RF_CLASS_OFFSET) == 0;
}

/* Replace attribute attr of old in msg: every value but cls's, then
 * "hex:cls" unless value is 0. */
static enum MAPISTATUS replace_class(struct ldb_message *msg,
				     const struct ldb_message *old,
				     const char *attr, const char *cls,
				     uint64_t value)
{
	struct ldb_message_element *el = ldb_msg_find_element(old, attr);
	unsigned int i;

	if (ldb_msg_add_empty(msg, attr, LDB_FLAG_MOD_REPLACE, NULL) != 0) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; el != NULL && i < el->num_values; i++) {
		if (same_class(&el->values[i], cls)) {
			continue;
		}
		if (ldb_msg_add_value(msg, attr, &el->values[i], NULL) != 0) {
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
	}
	if (value != 0 &&
	    ldb_msg_add_fmt(msg, attr, "%016llX:%s",
			    (unsigned long long)value, cls) != 0) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS set_receive_in_txn(TALLOC_CTX *tmp,
					  struct mstore *store,
					  const char *cls, uint64_t fid)
{
	struct ldb_message *old, *msg;
	enum MAPISTATUS ret = load_receive(tmp, store, &old);

	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	msg = ldb_msg_new(tmp);
	if (msg == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	msg->dn = old->dn;
	ret = replace_class(msg, old, "rf", cls, fid);
	if (ret == MAPI_E_SUCCESS) {
		ret = replace_class(msg, old, "rft", cls,
				    fid != 0 ? mstore_now_filetime() : 0);
	}
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	return mstore_ldb_status(store, ldb_modify(store->ldb, msg));
}

enum MAPISTATUS mstore_set_receive_folder(struct mstore *store,
					  const char *message_class,
					  uint64_t fid)
{
	TALLOC_CTX *tmp;
	enum MAPISTATUS ret;

	if (message_class == NULL || strlen(message_class) > 255) {
		return MAPI_E_INVALID_PARAMETER;
	}
	if (fid != 0 && (ret = mstore_folder_open(store, fid))
	    != MAPI_E_SUCCESS) {
		return ret;
	}
	tmp = talloc_new(store);
	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ret = mstore_txn_start(store);
	if (ret == MAPI_E_SUCCESS) {
		ret = set_receive_in_txn(tmp, store, message_class, fid);
		ret = mstore_txn_finish(store, ret);
	}
	talloc_free(tmp);
	return ret;
}

/* The time "rft" gives the class of an "rf" value (0 if none). */
static uint64_t receive_time(const struct ldb_message *msg,
			     const struct ldb_val *rf)
{
	struct ldb_message_element *el = ldb_msg_find_element(msg, "rft");
	unsigned int i;

	for (i = 0; el != NULL && i < el->num_values; i++) {
		if (el->values[i].length == rf->length &&
		    strncasecmp((const char *)el->values[i].data +
				RF_CLASS_OFFSET,
				(const char *)rf->data + RF_CLASS_OFFSET,
				rf->length - RF_CLASS_OFFSET) == 0) {
			return strtoull((const char *)el->values[i].data,
					NULL, 16);
		}
	}
	return 0;
}

static enum MAPISTATUS receive_arrays(TALLOC_CTX *mem_ctx, uint32_t n,
				      char ***classes, uint64_t **fids,
				      uint64_t **times)
{
	*classes = talloc_zero_array(mem_ctx, char *, n + 1);
	*fids = talloc_zero_array(mem_ctx, uint64_t, n + 1);
	*times = talloc_zero_array(mem_ctx, uint64_t, n + 1);
	if (*classes == NULL || *fids == NULL || *times == NULL) {
		TALLOC_FREE(*classes);
		TALLOC_FREE(*fids);
		TALLOC_FREE(*times);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mstore_receive_folders(TALLOC_CTX *mem_ctx,
				       struct mstore *store, char ***classes,
				       uint64_t **fids, uint64_t **times,
				       uint32_t *count)
{
	struct ldb_message *msg;
	struct ldb_message_element *el;
	enum MAPISTATUS ret;
	unsigned int i, n;

	ret = load_receive(mem_ctx, store, &msg);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	el = ldb_msg_find_element(msg, "rf");
	n = el != NULL ? el->num_values : 0;
	ret = receive_arrays(mem_ctx, n, classes, fids, times);
	for (i = 0; ret == MAPI_E_SUCCESS && i < n; i++) {
		const struct ldb_val *v = &el->values[i];

		if (v->length < RF_CLASS_OFFSET) {
			ret = MAPI_E_CORRUPT_STORE;
			break;
		}
		(*fids)[i] = strtoull((const char *)v->data, NULL, 16);
		(*times)[i] = receive_time(msg, v);
		(*classes)[i] = talloc_strndup(*classes,
					       (const char *)v->data +
					       RF_CLASS_OFFSET,
					       v->length - RF_CLASS_OFFSET);
		if ((*classes)[i] == NULL) {
			ret = MAPI_E_NOT_ENOUGH_MEMORY;
		}
	}
	*count = ret == MAPI_E_SUCCESS ? n : 0;
	talloc_free(msg);
	return ret;
}
