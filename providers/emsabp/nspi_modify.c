/*
 * Writes to the address book: NspiModProps (MS-OXNSPI 3.1.4.1.14),
 * NspiModLinkAtt (MS-OXNSPI 3.1.4.1.15) and NspiDeleteEntries (opnum 15).
 *
 * The address book is a view of the directory, so a write is a change of
 * the directory object behind an entry.  Changes are made as the caller,
 * so that Active Directory's access control decides (by default a user
 * may change the "Personal Information" of their own object and nothing
 * of anyone else's); the one exception is the owner of a distribution
 * list (its managedBy), who may change its members (MS-OXOABK 2.2.6.1).
 * A write either applies completely or not at all (ldb_modify of one
 * message): "If the server returns any return value other than Success,
 * the server MUST NOT modify any properties" (3.1.4.1.14, 3.1.4.1.15).
 */
#include "emsabp.h"

#include <ldb.h>
#include <util/debug.h>
#include <gen_ndr/auth.h>
#include <gen_ndr/security.h>
#include <gen_ndr/ndr_exchange_nsp.h>

struct ldb_context *dcesrv_samdb_connect_as_user(TALLOC_CTX *mem_ctx,
					struct dcesrv_call_state *dce_call);

#define PROP_ID_ADDRESS_BOOK_MEMBER		0x8009
#define PROP_ID_ADDRESS_BOOK_PUBLIC_DELEGATES	0x8015

/*
 * An ldb result as a NSPI return value (MS-OXNSPI 2.2.1.2): what the
 * directory refuses for the caller is AccessDenied.
 */
static enum MAPISTATUS status_from_ldb(int ret)
{
	switch (ret) {
	case LDB_SUCCESS:
		return MAPI_E_SUCCESS;
	case LDB_ERR_INSUFFICIENT_ACCESS_RIGHTS:
	case LDB_ERR_CONSTRAINT_VIOLATION:
	case LDB_ERR_UNWILLING_TO_PERFORM:
	case LDB_ERR_OBJECT_CLASS_VIOLATION:
		return MAPI_E_NO_ACCESS;
	case LDB_ERR_INVALID_ATTRIBUTE_SYNTAX:
		return MAPI_E_INVALID_PARAMETER;
	case LDB_ERR_NO_SUCH_OBJECT:
		return MAPI_E_NOT_FOUND;
	default:
		return MAPI_E_CALL_FAILED;
	}
}

/*
 * Apply @a mod to the object @a dn names.  The DN of a snapshot entry
 * belongs to the snapshot's ldb context: the message gets a copy made in
 * @a ldb, the context that performs the change.
 */
static enum MAPISTATUS modify_directory(struct ldb_context *ldb,
					struct ldb_message *mod,
					struct ldb_dn *dn, const char *who)
{
	int ret;

	if (ldb == NULL) {
		return MAPI_E_CALL_FAILED;
	}
	mod->dn = ldb_dn_new(mod, ldb, ldb_dn_get_linearized(dn));
	if (mod->dn == NULL) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	ret = ldb_modify(ldb, mod);
	if (ret != LDB_SUCCESS) {
		DBG_NOTICE("modify of %s as %s refused: %s (%d)\n",
			   ldb_dn_get_linearized(mod->dn), who,
			   ldb_errstring(ldb), ret);
	}
	return status_from_ldb(ret);
}

/*
 * NspiModProps
 */

/*
 * The directory attribute a client may write for @a tag: only properties
 * stored in an attribute (not computed ones, not links, which
 * NspiModLinkAtt changes).  A property the server cannot change is
 * refused with AccessDenied ("unable to apply the modifications").
 */
static const char *writable_attribute(uint32_t tag)
{
	uint32_t native = emsabp_prop_native_type(tag);

	if (native == 0 || native == PT_OBJECT) {
		return NULL;
	}
	return emsabp_prop_attribute(tag);
}

/* Can a value of wire type @a type be stored in a property of @a native? */
static bool type_fits(uint32_t type, uint32_t native)
{
	switch (native) {
	case PT_UNICODE:
		return type == PT_UNICODE || type == PT_STRING8;
	case PT_MV_UNICODE:
		return type == PT_MV_UNICODE || type == PT_MV_STRING8 ||
		       type == PT_UNICODE || type == PT_STRING8;
	case PT_BINARY:
		return type == PT_BINARY;
	case PT_MV_BINARY:
		return type == PT_MV_BINARY || type == PT_BINARY;
	default:
		return false;
	}
}

struct mod_ctx {
	TALLOC_CTX *mem_ctx;
	const struct emsabp_book *book;
	uint32_t code_page;
	struct ldb_message *mod;
};

/* A string of the wire as UTF-8; string8 is in the STAT's code page. */
static const char *wire_string(const struct mod_ctx *c, bool string8,
			       const char *s)
{
	if (s == NULL) {
		return NULL;
	}
	return string8 ? mapi_string8_from_wire(c->mem_ctx, c->book->dos,
					   c->code_page, s) :
			 s;
}

/* An empty string or binary is no value: the directory stores none. */
static bool add_string_value(const struct mod_ctx *c,
			     struct ldb_message_element *el, bool string8,
			     const char *s)
{
	const char *utf8 = wire_string(c, string8, s);

	if (s == NULL || utf8 == NULL) {
		return false;
	}
	if (utf8[0] == '\0') {
		return true;
	}
	return ldb_msg_element_add_value(c->mod, el, &(struct ldb_val){
		.data = discard_const_p(uint8_t, utf8),
		.length = strlen(utf8) }) == LDB_SUCCESS;
}

static bool add_binary_value(const struct mod_ctx *c,
			     struct ldb_message_element *el,
			     const struct Binary_r *bin)
{
	if (bin->cb > 0 && bin->lpb == NULL) {
		return false;
	}
	if (bin->cb == 0) {
		return true;
	}
	return ldb_msg_element_add_value(c->mod, el, &(struct ldb_val){
		.data = talloc_memdup(c->mod, bin->lpb, bin->cb),
		.length = bin->cb }) == LDB_SUCCESS;
}

static bool add_values(const struct mod_ctx *c,
		       struct ldb_message_element *el,
		       const struct PropertyValue_r *v)
{
	uint32_t type = PROP_TYPE(v->ulPropTag), i;
	const union PROP_VAL_UNION *u = &v->Value;

	switch (type) {
	case PT_STRING8:
		return add_string_value(c, el, true, u->lpszA);
	case PT_UNICODE:
		return add_string_value(c, el, false, u->lpszW);
	case PT_BINARY:
		return add_binary_value(c, el, &u->bin);
	case PT_MV_STRING8:
		if (u->MVszA.cValues > 0 && u->MVszA.lppszA == NULL) {
			return false;
		}
		for (i = 0; i < u->MVszA.cValues; i++) {
			if (!add_string_value(c, el, true,
					      u->MVszA.lppszA[i])) {
				return false;
			}
		}
		return true;
	case PT_MV_UNICODE:
		if (u->MVszW.cValues > 0 && u->MVszW.lppszW == NULL) {
			return false;
		}
		for (i = 0; i < u->MVszW.cValues; i++) {
			if (!add_string_value(c, el, false,
					      u->MVszW.lppszW[i])) {
				return false;
			}
		}
		return true;
	case PT_MV_BINARY:
		if (u->MVbin.cValues > 0 && u->MVbin.lpbin == NULL) {
			return false;
		}
		for (i = 0; i < u->MVbin.cValues; i++) {
			if (!add_binary_value(c, el, &u->MVbin.lpbin[i])) {
				return false;
			}
		}
		return true;
	default:
		return false;
	}
}

/* One property of pRow: replace all values of its attribute. */
static enum MAPISTATUS add_replacement(const struct mod_ctx *c,
				       const struct PropertyValue_r *v)
{
	const char *attr = writable_attribute(v->ulPropTag);
	struct ldb_message_element *el;

	if (attr == NULL) {
		DBG_INFO("property 0x%08x cannot be written\n", v->ulPropTag);
		return MAPI_E_NO_ACCESS;
	}
	if (!type_fits(PROP_TYPE(v->ulPropTag),
		       emsabp_prop_native_type(v->ulPropTag))) {
		return MAPI_E_INVALID_PARAMETER;
	}
	if (ldb_msg_find_element(c->mod, attr) != NULL) {
		return MAPI_E_INVALID_PARAMETER;	/* named twice */
	}
	if (ldb_msg_add_empty(c->mod, attr, LDB_FLAG_MOD_REPLACE,
			      &el) != LDB_SUCCESS) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	return add_values(c, el, v) ? MAPI_E_SUCCESS :
				      MAPI_E_INVALID_PARAMETER;
}

/* One property of pPropTags: remove all its values (a replacement with
 * none, which also succeeds when there is no value). */
static enum MAPISTATUS add_removal(const struct mod_ctx *c, uint32_t tag)
{
	const char *attr = writable_attribute(tag);

	if (attr == NULL) {
		DBG_INFO("property 0x%08x cannot be removed\n", tag);
		return MAPI_E_NO_ACCESS;
	}
	if (ldb_msg_find_element(c->mod, attr) != NULL) {
		return MAPI_E_SUCCESS;	/* already given new values */
	}
	return ldb_msg_add_empty(c->mod, attr, LDB_FLAG_MOD_REPLACE,
				 NULL) == LDB_SUCCESS ?
		MAPI_E_SUCCESS : MAPI_E_NOT_ENOUGH_RESOURCES;
}

static enum MAPISTATUS build_mod_props(const struct mod_ctx *c,
				       const struct PropertyTagArray_r *remove,
				       const struct PropertyRow_r *row)
{
	enum MAPISTATUS status = MAPI_E_SUCCESS;
	uint32_t i;

	if (row->cValues > 0 && row->lpProps == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	for (i = 0; status == MAPI_E_SUCCESS && i < row->cValues; i++) {
		status = add_replacement(c, &row->lpProps[i]);
	}
	for (i = 0; status == MAPI_E_SUCCESS && remove != NULL &&
		    i < remove->cValues; i++) {
		status = add_removal(c, remove->aulPropTag[i]);
	}
	return status;
}

/*
 * MS-OXNSPI 3.1.4.1.14: change the properties of the object CurrentRec
 * names: each property of pRow gets the values given there (all earlier
 * values replaced: certificates are published as the complete
 * multi-valued set), each property of pPropTags loses all its values.
 * The STAT's code page must be a real one: string8 values are in it.
 */
enum MAPISTATUS emsabp_mod_props(struct dcesrv_call_state *dce_call,
				 TALLOC_CTX *mem_ctx, const struct STAT *stat,
				 const struct PropertyTagArray_r *remove,
				 const struct PropertyRow_r *row)
{
	struct emsabp_book *book = emsabp_book_current(dce_call);
	const struct emsabp_entry *e;
	struct mod_ctx c = { .code_page = stat->CodePage };
	enum MAPISTATUS status;

	if (book == NULL) {
		return MAPI_E_CALL_FAILED;
	}
	if (!mapi_code_page_known(stat->CodePage) ||
	    stat->CodePage == CP_WINUNICODE) {
		return MAPI_E_UNKNOWN_CPID;
	}
	e = emsabp_book_entry(book, stat->CurrentRec);
	if (e == NULL) {
		return MAPI_E_NOT_FOUND;
	}
	c.mem_ctx = talloc_new(mem_ctx);
	c.book = book;
	c.mod = c.mem_ctx != NULL ? ldb_msg_new(c.mem_ctx) : NULL;
	if (c.mod == NULL) {
		talloc_free(c.mem_ctx);
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	status = build_mod_props(&c, remove, row);
	if (status == MAPI_E_SUCCESS && c.mod->num_elements > 0) {
		status = modify_directory(
			dcesrv_samdb_connect_as_user(c.mem_ctx, dce_call),
			c.mod, e->msg->dn, dcesrv_call_account_name(dce_call));
	}
	talloc_free(c.mem_ctx);
	return status;
}

/*
 * NspiModLinkAtt
 */

/* Does the binary objectSid @a v hold @a sid ([MS-DTYP] 2.4.22)? */
static bool sid_is_value(const struct dom_sid *sid, const struct ldb_val *v)
{
	size_t n = sid->num_auths, i;

	if (v == NULL || sid->num_auths < 0 || n > 15 ||
	    v->length != 8 + 4 * n || v->data[0] != sid->sid_rev_num ||
	    v->data[1] != n || memcmp(v->data + 2, sid->id_auth, 6) != 0) {
		return false;
	}
	for (i = 0; i < n; i++) {
		const uint8_t *a = v->data + 8 + 4 * i;

		if (((uint32_t)a[0] | (uint32_t)a[1] << 8 |
		     (uint32_t)a[2] << 16 | (uint32_t)a[3] << 24) !=
		    sid->sub_auths[i]) {
			return false;
		}
	}
	return true;
}

/*
 * Is the caller the account behind entry @a e?  Compared by SID (the
 * caller's user SID is the first of its token), not by name.
 */
static bool caller_is_entry(struct ldb_context *ldb,
			    struct dcesrv_call_state *dce_call,
			    const struct emsabp_entry *e)
{
	static const char *const attrs[] = { "objectSid", NULL };
	struct auth_session_info *info = dcesrv_call_session_info(dce_call);
	TALLOC_CTX *tmp;
	struct ldb_result *res = NULL;
	struct ldb_dn *dn;
	bool match = false;

	if (ldb == NULL || e == NULL || info == NULL ||
	    info->security_token == NULL ||
	    info->security_token->num_sids == 0) {
		return false;
	}
	tmp = talloc_new(NULL);
	dn = ldb_dn_new(tmp, ldb, ldb_dn_get_linearized(e->msg->dn));
	if (dn != NULL && ldb_search(ldb, tmp, &res, dn, LDB_SCOPE_BASE,
				     attrs, NULL) == LDB_SUCCESS &&
	    res->count == 1) {
		match = sid_is_value(&info->security_token->sids[0],
				     ldb_msg_find_ldb_val(res->msgs[0],
							  "objectSid"));
	}
	talloc_free(tmp);
	return match;
}

static bool list_has(const struct emsabp_mid_list *l, uint32_t mid)
{
	uint32_t i;

	for (i = 0; i < l->count; i++) {
		if (l->mids[i] == mid) {
			return true;
		}
	}
	return false;
}

/*
 * The DNs of the entries lpEntryIds names that the change concerns:
 * members not yet on the list (add) or on it (fDelete).  An entry ID
 * that names no address book entry makes the call fail with NotFound.
 */
static enum MAPISTATUS add_member_dns(struct ldb_message *mod,
				      struct ldb_message_element *el,
				      const struct emsabp_book *book,
				      const struct emsabp_entry *list,
				      bool remove,
				      const struct BinaryArray_r *ids)
{
	uint32_t i;

	if (ids->cValues > 0 && ids->lpbin == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	for (i = 0; i < ids->cValues; i++) {
		uint32_t mid = emsabp_mid_from_entry_id(book,
							&ids->lpbin[i]);
		const struct emsabp_entry *m = emsabp_book_entry(book, mid);
		const char *dn;

		if (m == NULL) {
			return MAPI_E_NOT_FOUND;
		}
		if (list_has(&list->members, mid) != remove) {
			continue;
		}
		dn = ldb_dn_alloc_linearized(mod, m->msg->dn);
		if (dn == NULL || ldb_msg_element_add_value(mod, el,
				&(struct ldb_val){
					.data = discard_const_p(uint8_t, dn),
					.length = strlen(dn) }) !=
				LDB_SUCCESS) {
			return MAPI_E_NOT_ENOUGH_RESOURCES;
		}
	}
	return MAPI_E_SUCCESS;
}

/*
 * MS-OXNSPI 3.1.4.1.15: add (or, with fDelete, remove) the entries of
 * lpEntryIds to the members (PidTagAddressBookMember) of the distribution
 * list dwMId.  Its owner may always do so (written by the server); anyone
 * else only where the directory lets them write the list's "member".
 * PidTagAddressBookPublicDelegates of a mail user is the Exchange schema
 * attribute publicDelegates, which an AD without the Exchange schema
 * extension cannot store: NotSupported, like any other property.
 */
enum MAPISTATUS emsabp_mod_link_att(struct dcesrv_call_state *dce_call,
				    TALLOC_CTX *mem_ctx, uint32_t flags,
				    uint32_t prop_tag, uint32_t mid,
				    const struct BinaryArray_r *ids)
{
	struct emsabp_book *book = emsabp_book_current(dce_call);
	const struct emsabp_entry *list;
	struct ldb_message_element *el;
	struct ldb_message *mod;
	struct ldb_context *ldb;
	bool remove = (flags & fDelete) != 0, owner;
	enum MAPISTATUS status;

	if (book == NULL) {
		return MAPI_E_CALL_FAILED;
	}
	list = emsabp_book_entry(book, mid);
	if (list == NULL) {
		return MAPI_E_NOT_FOUND;
	}
	if (PROP_ID(prop_tag) != PROP_ID_ADDRESS_BOOK_MEMBER ||
	    list->kind != EMSABP_DISTLIST) {
		DBG_INFO("link property 0x%08x of MId 0x%x not supported\n",
			 prop_tag, mid);
		return MAPI_E_NO_SUPPORT;
	}
	mod = ldb_msg_new(mem_ctx);
	if (mod == NULL || ldb_msg_add_empty(mod, "member",
			remove ? LDB_FLAG_MOD_DELETE : LDB_FLAG_MOD_ADD,
			&el) != LDB_SUCCESS) {
		talloc_free(mod);
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	status = add_member_dns(mod, el, book, list, remove, ids);
	if (status != MAPI_E_SUCCESS || el->num_values == 0) {
		talloc_free(mod);
		return status;
	}
	ldb = emsabp_samdb(mod, dce_call);
	owner = list->owner != 0 &&
		caller_is_entry(ldb, dce_call,
				emsabp_book_entry(book, list->owner));
	if (!owner) {
		ldb = dcesrv_samdb_connect_as_user(mod, dce_call);
	}
	status = modify_directory(ldb, mod, list->msg->dn,
				  dcesrv_call_account_name(dce_call));
	talloc_free(mod);
	return status;
}

/*
 * NspiDeleteEntries (opnum 15): remove entries from a container.  The
 * containers this server can change are its distribution lists (as with
 * IABContainer::DeleteEntries on a list): removing entries there is
 * removing members, with the same rights as NspiModLinkAtt with fDelete.
 * The address book containers themselves (GAL, address lists) are views
 * of the directory flagged AB_UNMODIFIABLE: nothing can be deleted from
 * them through the address book (MAPI_E_NO_ACCESS); an unknown MId is
 * MAPI_E_NOT_FOUND.
 */
enum MAPISTATUS emsabp_delete_entries(struct dcesrv_call_state *dce_call,
				      TALLOC_CTX *mem_ctx, uint32_t mid,
				      const struct BinaryArray_r *ids)
{
	struct emsabp_book *book = emsabp_book_current(dce_call);
	const struct emsabp_entry *list;

	if (book == NULL) {
		return MAPI_E_CALL_FAILED;
	}
	if (emsabp_book_container(book, mid) != NULL ||
	    emsabp_book_container_by_mid(book, mid) != NULL) {
		return MAPI_E_NO_ACCESS;
	}
	list = emsabp_book_entry(book, mid);
	if (list == NULL) {
		return MAPI_E_NOT_FOUND;
	}
	if (list->kind != EMSABP_DISTLIST) {
		return MAPI_E_NO_ACCESS;
	}
	return emsabp_mod_link_att(dce_call, mem_ctx, fDelete,
				   PROP_TAG(PROP_ID_ADDRESS_BOOK_MEMBER,
					    PT_OBJECT), mid, ids);
}
