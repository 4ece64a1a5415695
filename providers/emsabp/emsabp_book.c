/*
 * The address book as one in-memory snapshot of the directory.
 *
 * Every NSPI call works on a snapshot of the mail-enabled recipients of
 * the Samba directory: users (mail users), groups (distribution lists)
 * and contacts (remote mail users), with their MIds, their links resolved
 * to MIds, and the server's containers.  A snapshot is rebuilt only when
 * the directory's highest committed USN moves, so a call on a 10,000-entry
 * directory costs a lookup, not a directory search.  The snapshot lives in
 * the server process (one per process of Samba's process model), hung off
 * the RPC server context by the interface's setup hook.
 *
 * Container rows are sorted per sort locale on first use (views).
 */
#include "emsabp.h"
#include "emsabp_match.h"
#include "mapiproxy/mapiproxy_home.h"

#include <ldb.h>
#include <ndr.h>
#include <param.h>
#include <strings.h>
#include <charset.h>
#include <util/debug.h>

/* The per-process cache behind dcesrv_interface.private_data. */
struct emsabp_cache {
	struct emsabp_book *book;
	uint64_t ldb_sequence;	/* ldb's sequence number when last checked */
	struct ldb_context *samdb;	/* the directory, as the system */
};

struct ldb_context *dcesrv_samdb_connect_as_system(TALLOC_CTX *mem_ctx,
					struct dcesrv_call_state *dce_call);

static struct emsabp_cache *call_cache(struct dcesrv_call_state *dce_call)
{
	return talloc_get_type(dce_call->context->iface->private_data,
			       struct emsabp_cache);
}

/*
 * The directory as the system, one connection per server process: kept
 * open, because opening sam.ldb costs more than any NSPI call.  Not owned
 * by @a mem_ctx (callers must not free it); without the interface's
 * cache, a connection owned by @a mem_ctx.
 */
struct ldb_context *emsabp_samdb(TALLOC_CTX *mem_ctx,
				 struct dcesrv_call_state *dce_call)
{
	struct emsabp_cache *cache = call_cache(dce_call);

	if (cache == NULL) {
		return dcesrv_samdb_connect_as_system(mem_ctx, dce_call);
	}
	if (cache->samdb == NULL) {
		cache->samdb = dcesrv_samdb_connect_as_system(cache, dce_call);
	}
	return cache->samdb;
}

NTSTATUS emsabp_cache_setup(struct dcesrv_context *dce_ctx,
			    struct dcesrv_interface *iface)
{
	struct emsabp_cache *cache = talloc_zero(dce_ctx, struct emsabp_cache);

	if (cache == NULL) {
		return NT_STATUS_NO_MEMORY;
	}
	iface->private_data = cache;
	return NT_STATUS_OK;
}

static const char *const recipient_attrs[] = {
	"objectGUID", "objectClass", "sAMAccountName", "cn", "displayName",
	"givenName", "sn", "initials", "title", "department", "company",
	"physicalDeliveryOfficeName", "telephoneNumber", "mobile", "homePhone",
	"facsimileTelephoneNumber", "pager", "streetAddress", "l", "st",
	"postalCode", "co", "info", "mail", "proxyAddresses",
	"legacyExchangeDN", "member", "manager", "managedBy",
	"thumbnailPhoto", "userCertificate", "userSMIMECertificate",
	"whenChanged", MPX_HOME_BACKLINK, NULL
};

#define RECIPIENT_FILTER \
	"(&(|(&(objectClass=user)(!(objectClass=computer)))" \
	"(objectClass=group)(objectClass=contact))" \
	"(legacyExchangeDN=*/cn=Recipients/*))"

static enum emsabp_kind entry_kind(const struct ldb_message *msg)
{
	struct ldb_message_element *oc = ldb_msg_find_element(msg,
							       "objectClass");
	unsigned int i;

	for (i = 0; oc != NULL && i < oc->num_values; i++) {
		const char *v = (const char *)oc->values[i].data;

		if (strcasecmp(v, "group") == 0) {
			return EMSABP_DISTLIST;
		}
		if (strcasecmp(v, "contact") == 0) {
			return EMSABP_CONTACT;
		}
	}
	return EMSABP_MAILUSER;
}

/* ---------------------------------------------------------- containers */

static bool includes_all(const struct emsabp_entry *e)
{
	return true;
}

static bool includes_none(const struct emsabp_entry *e)
{
	return false;
}

static bool includes_users(const struct emsabp_entry *e)
{
	return e->kind == EMSABP_MAILUSER;
}

static bool includes_groups(const struct emsabp_entry *e)
{
	return e->kind == EMSABP_DISTLIST;
}

static bool includes_contacts(const struct emsabp_entry *e)
{
	return e->kind == EMSABP_CONTACT;
}

/*
 * The address book hierarchy (MS-OXNSPI 3.1.4.1.3, MS-OXOABK 2.2.6): the
 * GAL, then "All Address Lists" (holds only subcontainers) with one
 * address list per kind of recipient.
 */
static const struct {
	const char *name;
	uint32_t depth;
	bool (*includes)(const struct emsabp_entry *e);
	const char *dn;		/* MS-OXNSPI 2.2.9.3 addresslist-dn */
} container_layout[] = {
	{ "Global Address List", 0, includes_all, "/" },
	{ "All Address Lists", 0, includes_none,
	  "/guid=5E6E9A0CF3B24C0B9E3A1D2C7B6A5F01" },
	{ "All Users", 1, includes_users,
	  "/guid=5E6E9A0CF3B24C0B9E3A1D2C7B6A5F02" },
	{ "All Groups", 1, includes_groups,
	  "/guid=5E6E9A0CF3B24C0B9E3A1D2C7B6A5F03" },
	{ "All Contacts", 1, includes_contacts,
	  "/guid=5E6E9A0CF3B24C0B9E3A1D2C7B6A5F04" },
};

static bool load_containers(struct emsabp_book *book,
			    struct emsabp_mids *mids,
			    struct loadparm_context *lp_ctx)
{
	uint32_t n = ARRAY_SIZE(container_layout), i;
	const char **keys = talloc_array(book, const char *, n);
	uint32_t *cmids = talloc_array(book, uint32_t, n);

	book->containers = talloc_zero_array(book, struct emsabp_container, n);
	if (keys == NULL || cmids == NULL || book->containers == NULL) {
		return false;
	}
	for (i = 0; i < n; i++) {
		keys[i] = talloc_asprintf(keys, "container/%s",
					  container_layout[i].name);
		if (keys[i] == NULL) {
			return false;
		}
	}
	if (!emsabp_mids_assign(mids, n, keys, cmids)) {
		return false;
	}
	for (i = 0; i < n; i++) {
		struct emsabp_container *c = &book->containers[i];

		c->name = container_layout[i].name;
		c->depth = container_layout[i].depth;
		c->includes = container_layout[i].includes;
		/* The GAL is container 0 (MS-OXNSPI 3.1.4.4.1). */
		c->mid = i == 0 ? EMSABP_GAL : cmids[i];
		c->entry_mid = cmids[i];
		c->dn = container_layout[i].dn;
	}
	book->num_containers = n;
	talloc_free(keys);
	talloc_free(cmids);
	return true;
}

const struct emsabp_container *emsabp_book_container(
	const struct emsabp_book *book, uint32_t container_id)
{
	uint32_t i;

	for (i = 0; i < book->num_containers; i++) {
		if (book->containers[i].mid == container_id) {
			return &book->containers[i];
		}
	}
	return NULL;
}

const struct emsabp_container *emsabp_book_container_by_mid(
	const struct emsabp_book *book, uint32_t mid)
{
	uint32_t i;

	for (i = 0; i < book->num_containers; i++) {
		if (book->containers[i].entry_mid == mid) {
			return &book->containers[i];
		}
	}
	return NULL;
}

/* ------------------------------------------------------------ entries */

static int compare_mid(const void *a, const void *b)
{
	const struct emsabp_entry *x = a, *y = b;

	return (x->mid > y->mid) - (x->mid < y->mid);
}

static int compare_dn(const void *a, const void *b)
{
	const struct emsabp_entry *const *x = a, *const *y = b;

	return strcasecmp((*x)->legacy_dn, (*y)->legacy_dn);
}

struct emsabp_entry *emsabp_book_entry(const struct emsabp_book *book,
				       uint32_t mid)
{
	struct emsabp_entry key = { .mid = mid };

	if (book->count == 0) {
		return NULL;
	}
	return bsearch(&key, book->entries, book->count,
		       sizeof(book->entries[0]), compare_mid);
}

struct emsabp_entry *emsabp_book_entry_by_dn(const struct emsabp_book *book,
					     const char *legacy_dn)
{
	struct emsabp_entry key = { .legacy_dn = legacy_dn };
	struct emsabp_entry *kp = &key;
	struct emsabp_entry **hit;

	if (book->count == 0 || legacy_dn == NULL) {
		return NULL;
	}
	hit = bsearch(&kp, book->by_dn, book->count, sizeof(book->by_dn[0]),
		      compare_dn);
	return hit != NULL ? *hit : NULL;
}

/*
 * Directory DN (casefolded) -> entry, to resolve link attributes (member,
 * manager, managedBy) to MIds.
 */
struct dn_index {
	const char *dn;
	struct emsabp_entry *entry;
};

static int compare_index(const void *a, const void *b)
{
	const struct dn_index *x = a, *y = b;

	return strcmp(x->dn, y->dn);
}

static struct emsabp_entry *entry_by_link(const struct dn_index *index,
					  uint32_t count,
					  struct ldb_context *samdb,
					  const struct ldb_val *value)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct ldb_dn *dn = ldb_dn_from_ldb_val(tmp, samdb, value);
	struct dn_index key = { .dn = dn ? ldb_dn_get_casefold(dn) : NULL };
	struct dn_index *hit = NULL;

	if (key.dn != NULL && count > 0) {
		hit = bsearch(&key, index, count, sizeof(index[0]),
			      compare_index);
	}
	talloc_free(tmp);
	return hit != NULL ? hit->entry : NULL;
}

static bool mid_list_add(TALLOC_CTX *mem_ctx, struct emsabp_mid_list *list,
			 uint32_t mid)
{
	uint32_t *grown = talloc_realloc(mem_ctx, list->mids, uint32_t,
					 list->count + 1);

	if (grown == NULL) {
		return false;
	}
	grown[list->count++] = mid;
	list->mids = grown;
	return true;
}

static uint32_t single_link(const struct dn_index *index, uint32_t count,
			    struct ldb_context *samdb,
			    const struct ldb_message *msg, const char *attr)
{
	const struct ldb_val *v = ldb_msg_find_ldb_val(msg, attr);
	struct emsabp_entry *e = v ? entry_by_link(index, count, samdb, v)
				   : NULL;

	return e != NULL ? e->mid : 0;
}

/*
 * Members, owners and managers that are themselves in the address book,
 * as MIds; the reverse links (member of, direct reports) follow.
 */
static bool resolve_links(struct emsabp_book *book,
			  struct ldb_context *samdb)
{
	struct dn_index *index = talloc_array(book, struct dn_index,
					      book->count);
	uint32_t i, j;

	if (book->count > 0 && index == NULL) {
		return false;
	}
	for (i = 0; i < book->count; i++) {
		index[i].dn = ldb_dn_get_casefold(book->entries[i].msg->dn);
		index[i].entry = &book->entries[i];
		if (index[i].dn == NULL) {
			return false;
		}
	}
	qsort(index, book->count, sizeof(index[0]), compare_index);
	for (i = 0; i < book->count; i++) {
		struct emsabp_entry *e = &book->entries[i];
		struct ldb_message_element *members =
			ldb_msg_find_element(e->msg, "member");

		e->manager = single_link(index, book->count, samdb, e->msg,
					 "manager");
		e->owner = single_link(index, book->count, samdb, e->msg,
				       "managedBy");
		for (j = 0; e->kind == EMSABP_DISTLIST && members != NULL &&
			    j < members->num_values; j++) {
			struct emsabp_entry *m = entry_by_link(index,
				book->count, samdb, &members->values[j]);

			if (m == NULL) {
				continue;
			}
			if (!mid_list_add(book, &e->members, m->mid) ||
			    !mid_list_add(book, &m->member_of, e->mid)) {
				return false;
			}
		}
	}
	for (i = 0; i < book->count; i++) {
		struct emsabp_entry *e = &book->entries[i];
		struct emsabp_entry *boss = e->manager ?
			emsabp_book_entry(book, e->manager) : NULL;

		if (boss != NULL && !mid_list_add(book, &boss->reports, e->mid)) {
			return false;
		}
	}
	talloc_free(index);
	return true;
}

static const char *display_name_of(const struct ldb_message *msg)
{
	const char *name = ldb_msg_find_attr_as_string(msg, "displayName",
						       NULL);

	if (name == NULL || name[0] == '\0') {
		name = ldb_msg_find_attr_as_string(msg, "cn", NULL);
	}
	if (name == NULL) {
		name = ldb_msg_find_attr_as_string(msg, "sAMAccountName", "");
	}
	return name;
}

static bool load_entries(struct emsabp_book *book, struct ldb_context *samdb,
			 struct emsabp_mids *mids,
			 struct loadparm_context *lp_ctx)
{
	struct ldb_result *res;
	struct emsabp_homes *homes;
	const char **keys;
	uint32_t *entry_mids;
	uint32_t i, n = 0;

	if (ldb_search(samdb, book, &res, ldb_get_default_basedn(samdb),
		       LDB_SCOPE_SUBTREE, recipient_attrs, "%s",
		       RECIPIENT_FILTER) != LDB_SUCCESS) {
		DBG_ERR("directory search failed: %s\n", ldb_errstring(samdb));
		return false;
	}
	book->entries = talloc_zero_array(book, struct emsabp_entry,
					  res->count);
	keys = talloc_zero_array(book, const char *, res->count);
	entry_mids = talloc_zero_array(book, uint32_t, res->count);
	homes = emsabp_homes_load(keys, samdb, lp_ctx);
	if (homes == NULL || (res->count > 0 &&
	    (book->entries == NULL || keys == NULL || entry_mids == NULL))) {
		return false;
	}
	for (i = 0; i < res->count; i++) {
		struct emsabp_entry *e = &book->entries[n];
		struct GUID_txt_buf buf;

		if (!emsabp_recipient_guid(res->msgs[i], &e->guid)) {
			continue;
		}
		e->msg = talloc_steal(book->entries, res->msgs[i]);
		e->kind = entry_kind(e->msg);
		e->legacy_dn = ldb_msg_find_attr_as_string(e->msg,
						"legacyExchangeDN", "");
		e->display_name = display_name_of(e->msg);
		if (e->kind == EMSABP_MAILUSER) {
			emsabp_add_home_mdb(e->msg, homes);
		}
		keys[n] = talloc_strdup(keys, GUID_buf_string(&e->guid, &buf));
		if (keys[n] == NULL) {
			return false;
		}
		n++;
	}
	if (!emsabp_mids_assign(mids, n, keys, entry_mids)) {
		DBG_ERR("cannot allocate minimal entry IDs\n");
		return false;
	}
	for (i = 0; i < n; i++) {
		book->entries[i].mid = entry_mids[i];
	}
	book->count = n;
	qsort(book->entries, n, sizeof(book->entries[0]), compare_mid);
	book->by_dn = talloc_array(book, struct emsabp_entry *, n);
	if (n > 0 && book->by_dn == NULL) {
		return false;
	}
	for (i = 0; i < n; i++) {
		book->by_dn[i] = &book->entries[i];
	}
	qsort(book->by_dn, n, sizeof(book->by_dn[0]), compare_dn);
	talloc_free(keys);
	talloc_free(entry_mids);
	talloc_free(res);
	return true;
}

static struct emsabp_book *load_book(TALLOC_CTX *mem_ctx,
				     struct dcesrv_call_state *dce_call,
				     struct ldb_context *samdb,
				     uint64_t sequence)
{
	struct loadparm_context *lp_ctx = dce_call->conn->dce_ctx->lp_ctx;
	struct emsabp_book *book = talloc_zero(mem_ctx, struct emsabp_book);
	struct emsabp_mids *mids;

	if (book == NULL) {
		return NULL;
	}
	book->sequence = sequence;
	book->dos = mapi_string8_map_new(book);
	if (book->dos == NULL) {
		talloc_free(book);
		return NULL;
	}
	/* The MId file is opened only while a snapshot is built: tdb
	 * allows one open per process. */
	mids = emsabp_mids_open(book, lp_ctx);
	if (mids == NULL ||
	    !load_entries(book, samdb, mids, lp_ctx) ||
	    !load_containers(book, mids, lp_ctx) ||
	    !resolve_links(book, samdb) ||
	    (book->names = emsabp_name_index_build(book, book)) == NULL) {
		talloc_free(book);
		return NULL;
	}
	talloc_free(mids);
	book->has_server_guid = emsabp_server_guid(dce_call, book,
						   &book->server_guid);
	DBG_INFO("address book loaded: %u entries (sequence %llu)\n",
		 book->count, (unsigned long long)sequence);
	return book;
}

/*
 * The directory's highestCommittedUSN (rootDSE): it moves with every
 * replicated change (objects added, changed, deleted) but not with the
 * per-logon bookkeeping (lastLogon, logonCount, badPwdCount) that moves
 * ldb's own sequence number on every authentication.
 */
static bool directory_usn(struct ldb_context *samdb, uint64_t *usn)
{
	static const char *attrs[] = { "highestCommittedUSN", NULL };
	TALLOC_CTX *tmp = talloc_new(samdb);
	struct ldb_result *res;
	bool ok;

	ok = ldb_search(samdb, tmp, &res, ldb_dn_new(tmp, samdb, ""),
			LDB_SCOPE_BASE, attrs, NULL) == LDB_SUCCESS &&
	     res->count == 1;
	if (ok) {
		*usn = ldb_msg_find_attr_as_uint64(res->msgs[0],
						   "highestCommittedUSN", 0);
		ok = *usn != 0;
	}
	talloc_free(tmp);
	return ok;
}

/*
 * The snapshot for this call: the cached one while the directory has not
 * changed, else a new one.  A call keeps using the snapshot it got (the
 * server handles one call at a time per process), so replacing it at the
 * start of a later call is safe.
 */
struct emsabp_book *emsabp_book_current(struct dcesrv_call_state *dce_call)
{
	struct emsabp_cache *cache = call_cache(dce_call);
	TALLOC_CTX *tmp;
	struct ldb_context *samdb;
	struct emsabp_book *book;
	uint64_t sequence = 0;

	if (cache == NULL) {
		return NULL;
	}
	tmp = talloc_new(NULL);
	samdb = emsabp_samdb(tmp, dce_call);
	if (samdb == NULL) {
		talloc_free(tmp);
		return cache->book;
	}
	/*
	 * ldb's own sequence number is cheap to read and moves with every
	 * write; only when it moved is the USN (a rootDSE search) worth
	 * reading.
	 */
	if (cache->book != NULL &&
	    ldb_sequence_number(samdb, LDB_SEQ_HIGHEST_SEQ, &sequence) ==
	    LDB_SUCCESS && sequence == cache->ldb_sequence) {
		talloc_free(tmp);
		return cache->book;
	}
	cache->ldb_sequence = sequence;
	if (!directory_usn(samdb, &sequence)) {
		talloc_free(tmp);
		return cache->book;
	}
	if (cache->book != NULL && cache->book->sequence == sequence) {
		talloc_free(tmp);
		return cache->book;
	}
	book = load_book(cache, dce_call, samdb, sequence);
	talloc_free(tmp);
	if (book == NULL) {
		return cache->book;	/* keep serving the last good one */
	}
	talloc_free(cache->book);
	cache->book = book;
	return book;
}

/* -------------------------------------------------------------- views */

struct sort_row {
	DATA_BLOB key;
	struct emsabp_entry *entry;
};

static int compare_rows(const void *a, const void *b)
{
	const struct sort_row *x = a, *y = b;
	int c = mapi_sort_key_cmp(&x->key, &y->key);

	/* Equal names keep a stable order: by MId. */
	return c != 0 ? c : (x->entry->mid > y->entry->mid) -
			    (x->entry->mid < y->entry->mid);
}

/*
 * A container's rows sorted by display name in the collation of
 * @a sort_locale (MS-OXNSPI 3.1.4.4: SortTypeDisplayName), built once per
 * snapshot, container and locale.
 */
const struct emsabp_view *emsabp_book_view(struct emsabp_book *book,
					   uint32_t container_id,
					   uint32_t sort_locale)
{
	const struct emsabp_container *c = emsabp_book_container(book,
								 container_id);
	struct mapi_collator *coll;
	struct emsabp_view *v;
	struct sort_row *rows;
	uint32_t i, n = 0;

	if (c == NULL) {
		return NULL;
	}
	for (v = book->views; v != NULL; v = v->next) {
		if (v->container == c->mid && v->sort_locale == sort_locale) {
			return v;
		}
	}
	v = talloc_zero(book, struct emsabp_view);
	coll = v ? mapi_collator_new(v, sort_locale, 0) : NULL;
	rows = v ? talloc_array(v, struct sort_row, book->count) : NULL;
	if (v == NULL || coll == NULL || (book->count > 0 && rows == NULL)) {
		talloc_free(v);
		return NULL;
	}
	for (i = 0; i < book->count; i++) {
		struct emsabp_entry *e = &book->entries[i];

		if (!c->includes(e)) {
			continue;
		}
		rows[n].entry = e;
		if (!mapi_sort_key(rows, coll, e->display_name,
				     &rows[n].key)) {
			talloc_free(v);
			return NULL;
		}
		n++;
	}
	qsort(rows, n, sizeof(rows[0]), compare_rows);
	v->rows = talloc_array(v, struct emsabp_entry *, n);
	if (n > 0 && v->rows == NULL) {
		talloc_free(v);
		return NULL;
	}
	for (i = 0; i < n; i++) {
		v->rows[i] = rows[i].entry;
	}
	talloc_free(rows);
	talloc_free(coll);
	v->count = n;
	v->container = c->mid;
	v->sort_locale = sort_locale;
	v->next = book->views;
	book->views = v;
	return v;
}

bool emsabp_view_position(const struct emsabp_view *view, uint32_t mid,
			  uint32_t *pos)
{
	uint32_t i;

	for (i = 0; i < view->count; i++) {
		if (view->rows[i]->mid == mid) {
			*pos = i;
			return true;
		}
	}
	return false;
}
