/*
 * Property values of address book entries (MS-OXOABK 2.2, MS-OXNSPI 2.2.2),
 * in the type the client asks for.
 *
 * Each property the server knows has a native type and a source: a
 * directory attribute, a value computed from the entry (entry IDs, display
 * type, keys), or links to other entries (members, manager, ...).  A
 * request names the type it wants: PT_UNSPECIFIED gets the native type;
 * string properties come as PT_STRING8 in the STAT code page or as
 * PT_UNICODE (and as PT_UNICODE whenever the code page is CP_WINUNICODE,
 * MS-OXNSPI 3.1.4.1.7); link properties come as the legacy DNs of the
 * linked entries when asked for as strings.  Anything else is a
 * PtypErrorCode value.
 */
#include "emsabp.h"

#include <ldb.h>
#include <ndr.h>
#include <charset.h>
#include <strings.h>
#include <util/debug.h>
#include <gen_ndr/ndr_exchange_nsp.h>

/* MS-OXCDATA 2.2.4 ObjectType values */
#define MAPI_MAILUSER		0x00000006
#define MAPI_DISTLIST		0x00000008
/* MS-OXOABK 2.2.3.2 PidTagDisplayTypeEx: the object can be given rights */
#define DTE_FLAG_ACL_CAPABLE	0x40000000

/* MS-OXNSPI 2.2.9.3: ProviderUID of permanent entry IDs (GUID_NSPI) */
static const uint8_t guid_nspi[16] = {
	0xDC, 0xA7, 0x40, 0xC8, 0xC0, 0x42, 0x10, 0x1A,
	0xB4, 0xB9, 0x08, 0x00, 0x2B, 0x2F, 0xE1, 0x82
};

struct value_ctx {
	TALLOC_CTX *mem_ctx;
	const struct emsabp_book *book;
	const struct emsabp_entry *e;
	const struct emsabp_row_opts *opts;
};

/* A native value before it is given the requested type. */
struct native {
	uint32_t type;		/* PT_UNICODE, PT_MV_UNICODE, PT_LONG, ... */
	const char *s;
	const char **mv;
	uint32_t mv_count;
	int32_t l;
	DATA_BLOB bin;
	const struct ldb_val *mv_bin;
};

struct ab_prop {
	uint16_t id;
	uint16_t type;		/* native type */
	const char *attr;	/* directory attribute, or NULL */
	bool (*get)(const struct value_ctx *c, const struct ab_prop *p,
		    struct native *n);
};

/* ----------------------------------------------------------- sources */

static bool get_attr(const struct value_ctx *c, const struct ab_prop *p,
		     struct native *n)
{
	n->s = ldb_msg_find_attr_as_string(c->e->msg, p->attr, NULL);
	return n->s != NULL && n->s[0] != '\0';
}

static bool get_attr_mv(const struct value_ctx *c, const struct ab_prop *p,
			struct native *n)
{
	struct ldb_message_element *el = ldb_msg_find_element(c->e->msg,
							       p->attr);
	unsigned int i;

	if (el == NULL || el->num_values == 0) {
		return false;
	}
	n->mv = talloc_array(c->mem_ctx, const char *, el->num_values);
	if (n->mv == NULL) {
		return false;
	}
	for (i = 0; i < el->num_values; i++) {
		n->mv[i] = (const char *)el->values[i].data;
	}
	n->mv_count = el->num_values;
	return true;
}

static bool get_attr_binary(const struct value_ctx *c,
			    const struct ab_prop *p, struct native *n)
{
	const struct ldb_val *v = ldb_msg_find_ldb_val(c->e->msg, p->attr);

	if (v == NULL) {
		return false;
	}
	n->bin = data_blob_const(v->data, v->length);
	return true;
}

static bool get_attr_mv_binary(const struct value_ctx *c,
			       const struct ab_prop *p, struct native *n)
{
	struct ldb_message_element *el = ldb_msg_find_element(c->e->msg,
							       p->attr);

	if (el == NULL || el->num_values == 0) {
		return false;
	}
	n->mv_bin = el->values;
	n->mv_count = el->num_values;
	return true;
}

static bool get_display_name(const struct value_ctx *c,
			     const struct ab_prop *p, struct native *n)
{
	n->s = c->e->display_name;
	return true;
}

static bool get_email_address(const struct value_ctx *c,
			      const struct ab_prop *p, struct native *n)
{
	n->s = c->e->legacy_dn;
	return true;
}

static bool get_address_type(const struct value_ctx *c,
			     const struct ab_prop *p, struct native *n)
{
	n->s = "EX";
	return true;
}

/* PidTagAddressBookDisplayNamePrintable: a 7-bit name (the account). */
static bool get_printable_name(const struct value_ctx *c,
			       const struct ab_prop *p, struct native *n)
{
	n->s = ldb_msg_find_attr_as_string(c->e->msg, "sAMAccountName",
		ldb_msg_find_attr_as_string(c->e->msg, "cn", NULL));
	return n->s != NULL;
}

/* PidTagAddressBookTargetAddress: where mail to a contact goes. */
static bool get_target_address(const struct value_ctx *c,
			       const struct ab_prop *p, struct native *n)
{
	const char *mail = ldb_msg_find_attr_as_string(c->e->msg, "mail",
						       NULL);

	if (c->e->kind != EMSABP_CONTACT || mail == NULL) {
		return false;
	}
	n->s = talloc_asprintf(c->mem_ctx, "SMTP:%s", mail);
	return n->s != NULL;
}

/* The container the row is read from (MS-OXOABK 2.2.2.3). */
static bool get_container_id(const struct value_ctx *c,
			     const struct ab_prop *p, struct native *n)
{
	n->l = c->opts->container;
	return true;
}

static bool get_home_mdb(const struct value_ctx *c, const struct ab_prop *p,
			 struct native *n)
{
	return c->e->kind == EMSABP_MAILUSER && get_attr(c, p, n);
}

uint32_t emsabp_display_type(const struct emsabp_entry *e)
{
	switch (e->kind) {
	case EMSABP_DISTLIST:
		return DT_DISTLIST;
	case EMSABP_CONTACT:
		return DT_REMOTE_MAILUSER;
	default:
		return DT_MAILUSER;
	}
}

static bool get_object_type(const struct value_ctx *c,
			    const struct ab_prop *p, struct native *n)
{
	n->l = c->e->kind == EMSABP_DISTLIST ? MAPI_DISTLIST : MAPI_MAILUSER;
	return true;
}

static bool get_display_type(const struct value_ctx *c,
			     const struct ab_prop *p, struct native *n)
{
	n->l = emsabp_display_type(c->e);
	return true;
}

static bool get_display_type_ex(const struct value_ctx *c,
				const struct ab_prop *p, struct native *n)
{
	n->l = emsabp_display_type(c->e);
	if (c->e->kind != EMSABP_CONTACT) {
		n->l |= DTE_FLAG_ACL_CAPABLE;
	}
	return true;
}

static bool get_entry_id(const struct value_ctx *c, const struct ab_prop *p,
			 struct native *n)
{
	struct Binary_r bin;

	if (!emsabp_entry_id(c->mem_ctx, c->book, c->e,
			     c->opts->ephemeral_ids, &bin)) {
		return false;
	}
	n->bin = data_blob_const(bin.lpb, bin.cb);
	return true;
}

/* PidTagRecordKey: the permanent entry ID, whatever fEphID says. */
static bool get_record_key(const struct value_ctx *c,
			   const struct ab_prop *p, struct native *n)
{
	struct Binary_r bin;

	if (!emsabp_entry_id(c->mem_ctx, c->book, c->e, false, &bin)) {
		return false;
	}
	n->bin = data_blob_const(bin.lpb, bin.cb);
	return true;
}

/* PidTagInstanceKey: the MId, little-endian (MS-OXOABK 2.2.3.6). */
static bool get_instance_key(const struct value_ctx *c,
			     const struct ab_prop *p, struct native *n)
{
	uint8_t *b = talloc_array(c->mem_ctx, uint8_t, 4);

	if (b == NULL) {
		return false;
	}
	b[0] = c->e->mid & 0xFF;
	b[1] = (c->e->mid >> 8) & 0xFF;
	b[2] = (c->e->mid >> 16) & 0xFF;
	b[3] = (c->e->mid >> 24) & 0xFF;
	n->bin = data_blob_const(b, 4);
	return true;
}

/* PidTagMappingSignature: the server's GUID (MS-OXOABK 2.2.3.32). */
static bool get_mapping_signature(const struct value_ctx *c,
				  const struct ab_prop *p, struct native *n)
{
	if (!c->book->has_server_guid) {
		return false;
	}
	n->bin = data_blob_const(c->book->server_guid.ab,
				 sizeof(c->book->server_guid.ab));
	return true;
}

/* PidTagSearchKey: "EX:" + the upper-case DN, NUL-terminated
 * (MS-OXCDATA 2.2.5.1 address type:address form). */
static bool get_search_key(const struct value_ctx *c,
			   const struct ab_prop *p, struct native *n)
{
	char *key = talloc_asprintf(c->mem_ctx, "EX:%s", c->e->legacy_dn);
	char *upper = key ? strupper_talloc(c->mem_ctx, key) : NULL;

	if (upper == NULL) {
		return false;
	}
	n->bin = data_blob_const(upper, strlen(upper) + 1);
	return true;
}

static bool get_object_guid(const struct value_ctx *c,
			    const struct ab_prop *p, struct native *n)
{
	uint8_t *b = talloc_array(c->mem_ctx, uint8_t, 16);
	DATA_BLOB blob;

	if (b == NULL ||
	    !NT_STATUS_IS_OK(GUID_to_ndr_blob(&c->e->guid, c->mem_ctx,
					      &blob))) {
		return false;
	}
	n->bin = blob;
	return true;
}

/* Link properties: the legacy DNs of the linked entries. */
static bool links_as_strings(const struct value_ctx *c,
			     const struct emsabp_mid_list *list,
			     struct native *n)
{
	uint32_t i;

	if (list->count == 0) {
		return false;
	}
	n->mv = talloc_array(c->mem_ctx, const char *, list->count);
	if (n->mv == NULL) {
		return false;
	}
	n->mv_count = 0;
	for (i = 0; i < list->count; i++) {
		const struct emsabp_entry *t = emsabp_book_entry(c->book,
							list->mids[i]);

		if (t != NULL) {
			n->mv[n->mv_count++] = t->legacy_dn;
		}
	}
	return n->mv_count > 0;
}

static bool get_members(const struct value_ctx *c, const struct ab_prop *p,
			struct native *n)
{
	return links_as_strings(c, &c->e->members, n);
}

static bool get_member_of(const struct value_ctx *c, const struct ab_prop *p,
			  struct native *n)
{
	return links_as_strings(c, &c->e->member_of, n);
}

static bool get_reports(const struct value_ctx *c, const struct ab_prop *p,
			struct native *n)
{
	return links_as_strings(c, &c->e->reports, n);
}

static bool get_one_link(const struct value_ctx *c, uint32_t mid,
			 struct native *n)
{
	struct emsabp_mid_list one = { .count = 1, .mids = &mid };

	return mid != 0 && links_as_strings(c, &one, n);
}

static bool get_manager(const struct value_ctx *c, const struct ab_prop *p,
			struct native *n)
{
	return get_one_link(c, c->e->manager, n);
}

static bool get_owner(const struct value_ctx *c, const struct ab_prop *p,
		      struct native *n)
{
	return get_one_link(c, c->e->owner, n);
}

/*
 * The properties this address book serves (MS-OXPROPS ids), in the order
 * NspiQueryColumns lists them.  PT_OBJECT marks link properties
 * (PtypObject / PtypEmbeddedTable), read as tables through NspiGetMatches
 * or as DNs when asked for as strings.
 */
static const struct ab_prop ab_props[] = {
	{ 0x0FFF, PT_BINARY, NULL, get_entry_id },	/* EntryId */
	{ 0xFFFD, PT_LONG, NULL, get_container_id },	/* ..ContainerId */
	{ 0x0FFE, PT_LONG, NULL, get_object_type },	/* ObjectType */
	{ 0x3900, PT_LONG, NULL, get_display_type },	/* DisplayType */
	{ 0x3905, PT_LONG, NULL, get_display_type_ex },	/* DisplayTypeEx */
	{ 0x3001, PT_UNICODE, NULL, get_display_name },	/* DisplayName */
	{ 0x3002, PT_UNICODE, NULL, get_address_type },	/* AddressType */
	{ 0x3003, PT_UNICODE, NULL, get_email_address }, /* EmailAddress */
	{ 0x39FE, PT_UNICODE, "mail", get_attr },	/* SmtpAddress */
	{ 0x3A00, PT_UNICODE, "sAMAccountName", get_attr }, /* Account */
	{ 0x39FF, PT_UNICODE, NULL, get_printable_name },
	{ 0x3A20, PT_UNICODE, NULL, get_display_name },	/* Transmittable.. */
	{ 0x3A06, PT_UNICODE, "givenName", get_attr },
	{ 0x3A11, PT_UNICODE, "sn", get_attr },		/* Surname */
	{ 0x3A0A, PT_UNICODE, "initials", get_attr },
	{ 0x3A17, PT_UNICODE, "title", get_attr },
	{ 0x3A18, PT_UNICODE, "department", get_attr },
	{ 0x3A16, PT_UNICODE, "company", get_attr },
	{ 0x3A19, PT_UNICODE, "physicalDeliveryOfficeName", get_attr },
	{ 0x3A08, PT_UNICODE, "telephoneNumber", get_attr },
	{ 0x3A1A, PT_UNICODE, "telephoneNumber", get_attr }, /* Primary.. */
	{ 0x3A1C, PT_UNICODE, "mobile", get_attr },
	{ 0x3A09, PT_UNICODE, "homePhone", get_attr },
	{ 0x3A23, PT_UNICODE, "facsimileTelephoneNumber", get_attr },
	{ 0x3A21, PT_UNICODE, "pager", get_attr },
	{ 0x3A29, PT_UNICODE, "streetAddress", get_attr },
	{ 0x3A27, PT_UNICODE, "l", get_attr },		/* Locality */
	{ 0x3A28, PT_UNICODE, "st", get_attr },		/* StateOrProvince */
	{ 0x3A2A, PT_UNICODE, "postalCode", get_attr },
	{ 0x3A26, PT_UNICODE, "co", get_attr },		/* Country */
	{ 0x3004, PT_UNICODE, "info", get_attr },	/* Comment */
	{ 0x800F, PT_MV_UNICODE, "proxyAddresses", get_attr_mv },
	{ 0x8006, PT_UNICODE, "homeMDB", get_home_mdb },
	{ 0x8011, PT_UNICODE, NULL, get_target_address },
	{ 0x0FF9, PT_BINARY, NULL, get_record_key },	/* RecordKey */
	{ 0x0FF6, PT_BINARY, NULL, get_instance_key },	/* InstanceKey */
	{ 0x0FF8, PT_BINARY, NULL, get_mapping_signature },
	{ 0x300B, PT_BINARY, NULL, get_search_key },	/* SearchKey */
	{ 0x8C6D, PT_BINARY, NULL, get_object_guid },	/* ..ObjectGuid */
	{ 0x8C9E, PT_BINARY, "thumbnailPhoto", get_attr_binary },
	/* UserX509Certificate, AddressBookX509Certificate */
	{ 0x3A70, PT_MV_BINARY, "userSMIMECertificate", get_attr_mv_binary },
	{ 0x8C6A, PT_MV_BINARY, "userCertificate", get_attr_mv_binary },
	{ 0x8009, PT_OBJECT, NULL, get_members },	/* ..Member */
	{ 0x8008, PT_OBJECT, NULL, get_member_of },	/* ..IsMemberOfDL */
	{ 0x800C, PT_OBJECT, NULL, get_owner },		/* ..Owner */
	{ 0x8005, PT_OBJECT, NULL, get_manager },	/* ..Manager */
	{ 0x800E, PT_OBJECT, NULL, get_reports },	/* ..Reports */
};

static const struct ab_prop *find_prop(uint32_t tag)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ab_props); i++) {
		if (ab_props[i].id == PROP_ID(tag)) {
			return &ab_props[i];
		}
	}
	return NULL;
}

static bool is_string_type(uint32_t type)
{
	return type == PT_STRING8 || type == PT_UNICODE;
}

static bool is_mv_string_type(uint32_t type)
{
	return type == PT_MV_STRING8 || type == PT_MV_UNICODE;
}

/*
 * The type a value goes out as: the requested one, with PT_UNSPECIFIED
 * replaced by the native type, and string8 turned into Unicode when the
 * code page is CP_WINUNICODE (MS-OXNSPI 3.1.4.1.7, 3.1.4.1.8).  0 when
 * the property cannot be given in the requested type.
 */
static uint32_t output_type(const struct ab_prop *p, uint32_t requested,
			    uint32_t code_page)
{
	bool unicode = code_page == CP_WINUNICODE;
	uint32_t native = p->type;

	if (native == PT_OBJECT) {
		native = PT_MV_UNICODE;	/* links are served as DNs */
	}
	if (requested == PT_UNSPECIFIED) {
		requested = native == PT_UNICODE && !unicode ? PT_STRING8 :
			    native == PT_MV_UNICODE && !unicode ? PT_MV_STRING8 :
			    native;
	}
	if (is_string_type(requested) &&
	    (native == PT_UNICODE || p->type == PT_OBJECT)) {
		return unicode ? PT_UNICODE : requested;
	}
	if (is_mv_string_type(requested) && native == PT_MV_UNICODE) {
		return unicode ? PT_MV_UNICODE : requested;
	}
	return requested == native ? requested : 0;
}

static bool emit_string(const struct value_ctx *c, uint32_t type,
			const char *utf8, struct PropertyValue_r *v)
{
	const char *s = type == PT_STRING8 ?
		mapi_string8_to_wire(c->mem_ctx, c->book->dos,
				   c->opts->code_page, utf8) :
		talloc_strdup(c->mem_ctx, utf8);

	if (s == NULL) {
		return false;
	}
	if (type == PT_STRING8) {
		v->Value.lpszA = s;
	} else {
		v->Value.lpszW = s;
	}
	return true;
}

static bool emit_mv_strings(const struct value_ctx *c, uint32_t type,
			    const struct native *n, struct PropertyValue_r *v)
{
	const char **list = talloc_array(c->mem_ctx, const char *,
					 n->mv_count);
	uint32_t i;

	if (list == NULL) {
		return false;
	}
	for (i = 0; i < n->mv_count; i++) {
		list[i] = type == PT_MV_STRING8 ?
			mapi_string8_to_wire(list, c->book->dos,
					   c->opts->code_page, n->mv[i]) :
			n->mv[i];
		if (list[i] == NULL) {
			return false;
		}
	}
	if (type == PT_MV_STRING8) {
		v->Value.MVszA.cValues = n->mv_count;
		v->Value.MVszA.lppszA = list;
	} else {
		v->Value.MVszW.cValues = n->mv_count;
		v->Value.MVszW.lppszW = list;
	}
	return true;
}

static bool emit_mv_binary(const struct value_ctx *c, const struct native *n,
			   struct PropertyValue_r *v)
{
	struct Binary_r *list = talloc_array(c->mem_ctx, struct Binary_r,
					     n->mv_count);
	uint32_t i;

	if (list == NULL) {
		return false;
	}
	for (i = 0; i < n->mv_count; i++) {
		list[i].cb = n->mv_bin[i].length;
		list[i].lpb = n->mv_bin[i].data;
	}
	v->Value.MVbin.cValues = n->mv_count;
	v->Value.MVbin.lpbin = list;
	return true;
}

/* A single link asked for as a string: the first DN. */
static bool emit(const struct value_ctx *c, uint32_t type,
		 const struct native *n, struct PropertyValue_r *v)
{
	switch (type) {
	case PT_STRING8:
	case PT_UNICODE:
		return emit_string(c, type, n->s ? n->s :
				   (n->mv_count > 0 ? n->mv[0] : NULL), v);
	case PT_MV_STRING8:
	case PT_MV_UNICODE:
		return emit_mv_strings(c, type, n, v);
	case PT_LONG:
		v->Value.l = n->l;
		return true;
	case PT_BINARY:
		v->Value.bin.cb = n->bin.length;
		v->Value.bin.lpb = n->bin.data;
		return true;
	case PT_MV_BINARY:
		return emit_mv_binary(c, n, v);
	default:
		return false;
	}
}

/*
 * One value of @a e in the type @a tag asks for; false when the entry has
 * no such property or it cannot be given in that type.
 */
bool emsabp_prop_value(TALLOC_CTX *mem_ctx, const struct emsabp_book *book,
		       const struct emsabp_entry *e, uint32_t tag,
		       const struct emsabp_row_opts *opts,
		       struct PropertyValue_r *v)
{
	const struct value_ctx c = { mem_ctx, book, e, opts };
	const struct ab_prop *p = find_prop(tag);
	struct native n = { 0 };
	uint32_t type;

	if (p == NULL || e == NULL) {
		return false;
	}
	type = output_type(p, PROP_TYPE(tag), opts->code_page);
	if (type == 0 || !p->get(&c, p, &n)) {
		return false;
	}
	if (is_string_type(type) && n.s == NULL && n.mv_count == 0) {
		return false;
	}
	v->ulPropTag = PROP_TAG(PROP_ID(tag), type);
	v->ulReserved = 0;
	return emit(&c, type, &n, v);
}

/*
 * The directory attribute behind a property (for writes: NspiModProps),
 * or NULL for computed and link properties.
 */
const char *emsabp_prop_attribute(uint32_t tag)
{
	const struct ab_prop *p = find_prop(tag);

	if (p == NULL || p->attr == NULL || p->get == get_home_mdb) {
		return NULL;
	}
	return p->attr;
}

/* The native type of a property the server knows (PT_OBJECT for links),
 * 0 for an unknown one. */
uint32_t emsabp_prop_native_type(uint32_t tag)
{
	const struct ab_prop *p = find_prop(tag);

	return p != NULL ? p->type : 0;
}

/*
 * The columns of NspiQueryRows when the client names none (MS-OXNSPI
 * 3.1.4.1.8): container ID, object type, display type, then display name,
 * primary telephone number, department and office as PtypString8.
 */
static const uint32_t query_rows_default_tags[] = {
	PROP_TAG(0xFFFD, PT_LONG),	/* AddressBookContainerId */
	PROP_TAG(0x0FFE, PT_LONG),	/* ObjectType */
	PROP_TAG(0x3900, PT_LONG),	/* DisplayType */
	PROP_TAG(0x3001, PT_STRING8),	/* DisplayName */
	PROP_TAG(0x3A1A, PT_STRING8),	/* PrimaryTelephoneNumber */
	PROP_TAG(0x3A18, PT_STRING8),	/* DepartmentName */
	PROP_TAG(0x3A19, PT_STRING8),	/* OfficeLocation */
};

const struct PropertyTagArray_r *emsabp_query_rows_columns(void)
{
	static const struct PropertyTagArray_r columns = {
		.cValues = ARRAY_SIZE(query_rows_default_tags),
		.aulPropTag = discard_const_p(uint32_t,
					      query_rows_default_tags),
	};

	return &columns;
}

/*
 * One row of columns @a tags for @a e (NULL: an unknown entry, which has
 * no values: every cell an error).  A missing property is a PtypErrorCode value MAPI_E_NOT_FOUND
 * (MS-OXNSPI 3.1.4.1.7); returns false when a cell is an error.
 */
bool emsabp_fill_row(TALLOC_CTX *mem_ctx, const struct emsabp_book *book,
		     const struct emsabp_entry *e,
		     const struct PropertyTagArray_r *tags,
		     const struct emsabp_row_opts *opts,
		     struct PropertyRow_r *row)
{
	const uint32_t *list = tags->aulPropTag;
	uint32_t count = tags->cValues, i;
	bool complete = true;

	row->Reserved = 0;
	row->cValues = count;
	row->lpProps = talloc_zero_array(mem_ctx, struct PropertyValue_r,
					 count);
	if (count > 0 && row->lpProps == NULL) {
		row->cValues = 0;
		return false;
	}
	for (i = 0; i < count; i++) {
		if (!emsabp_prop_value(row->lpProps, book, e, list[i], opts,
				       &row->lpProps[i])) {
			row->lpProps[i].ulPropTag =
				PROP_TAG(PROP_ID(list[i]), PT_ERROR);
			row->lpProps[i].Value.err = MAPI_E_NOT_FOUND;
			complete = false;
		}
	}
	return complete;
}

enum MAPISTATUS emsabp_fill_rows(TALLOC_CTX *mem_ctx,
				 const struct emsabp_book *book,
				 struct emsabp_entry *const *entries,
				 uint32_t count,
				 const struct PropertyTagArray_r *tags,
				 const struct emsabp_row_opts *opts,
				 struct PropertyRowSet_r **out)
{
	struct PropertyRowSet_r *set = talloc_zero(mem_ctx,
						   struct PropertyRowSet_r);
	uint32_t i;

	*out = NULL;
	if (set == NULL) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	if (count > 1 && (uint64_t)count * tags->cValues > EMSABP_MAX_CELLS) {
		talloc_free(set);
		return MAPI_E_TABLE_TOO_BIG;
	}
	set->aRow = talloc_zero_array(set, struct PropertyRow_r, count);
	if (count > 0 && set->aRow == NULL) {
		talloc_free(set);
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	set->cRows = count;
	for (i = 0; i < count; i++) {
		emsabp_fill_row(set->aRow, book, entries[i], tags, opts,
				&set->aRow[i]);
	}
	*out = set;
	return MAPI_E_SUCCESS;
}

/* A PropertyTagArray_r with room for @a count tags (the NDR array is
 * sized count + 1) and cValues 0. */
struct PropertyTagArray_r *emsabp_tag_array(TALLOC_CTX *mem_ctx,
					    uint32_t count)
{
	struct PropertyTagArray_r *r = talloc_zero(mem_ctx,
						   struct PropertyTagArray_r);

	if (r == NULL) {
		return NULL;
	}
	r->aulPropTag = talloc_zero_array(r, uint32_t, count + 1);
	if (r->aulPropTag == NULL) {
		talloc_free(r);
		return NULL;
	}
	return r;
}

static uint32_t listed_type(const struct ab_prop *p, bool unicode)
{
	switch (p->type) {
	case PT_UNICODE:
		return unicode ? PT_UNICODE : PT_STRING8;
	case PT_MV_UNICODE:
		return unicode ? PT_MV_UNICODE : PT_MV_STRING8;
	default:
		return p->type;
	}
}

/* MS-OXNSPI 3.1.4.1.5 NspiQueryColumns: every property the server knows,
 * strings as PT_UNICODE when NspiUnicodeProptypes is set. */
struct PropertyTagArray_r *emsabp_known_props(TALLOC_CTX *mem_ctx,
					      bool unicode)
{
	struct PropertyTagArray_r *r = emsabp_tag_array(mem_ctx,
							ARRAY_SIZE(ab_props));
	size_t i;

	if (r == NULL) {
		return NULL;
	}
	for (i = 0; i < ARRAY_SIZE(ab_props); i++) {
		r->aulPropTag[r->cValues++] =
			PROP_TAG(ab_props[i].id, listed_type(&ab_props[i],
							     unicode));
	}
	return r;
}

/*
 * MS-OXNSPI 3.1.4.1.6 NspiGetPropList: the properties that have a value
 * on @a e, string properties as PtypString when @a unicode (the client's
 * code page is CP_WINUNICODE), else PtypString8; link properties
 * (PtypEmbeddedTable/PtypObject) left out with fSkipObjects.
 */
struct PropertyTagArray_r *emsabp_entry_prop_list(TALLOC_CTX *mem_ctx,
					const struct emsabp_book *book,
					const struct emsabp_entry *e,
					const struct emsabp_row_opts *opts,
					bool unicode)
{
	struct PropertyTagArray_r *r = emsabp_tag_array(mem_ctx,
							ARRAY_SIZE(ab_props));
	TALLOC_CTX *tmp = talloc_new(mem_ctx);
	size_t i;

	if (r == NULL || tmp == NULL) {
		talloc_free(r);
		talloc_free(tmp);
		return NULL;
	}
	for (i = 0; i < ARRAY_SIZE(ab_props); i++) {
		const struct ab_prop *p = &ab_props[i];
		struct PropertyValue_r v;

		if (p->type == PT_OBJECT && opts->skip_objects) {
			continue;
		}
		if (emsabp_prop_value(tmp, book, e,
				      PROP_TAG(p->id, PT_UNSPECIFIED), opts,
				      &v)) {
			r->aulPropTag[r->cValues++] = p->type == PT_OBJECT ?
				PROP_TAG(p->id, PT_OBJECT) :
				PROP_TAG(p->id, listed_type(p, unicode));
		}
	}
	talloc_free(tmp);
	return r;
}

/*
 * The entry ID of @a e (MS-OXNSPI 2.2.9): permanent (ID type 0x00,
 * GUID_NSPI, the DN) or ephemeral (ID type 0x87, the server's GUID, the
 * MId), both with R4 = 1 and the entry's display type.
 */
bool emsabp_entry_id(TALLOC_CTX *mem_ctx, const struct emsabp_book *book,
		     const struct emsabp_entry *e, bool ephemeral,
		     struct Binary_r *bin)
{
	enum ndr_err_code err;
	DATA_BLOB blob;

	if (ephemeral) {
		struct EphemeralEntryID eid = {
			.IDType = 0x87,
			.R4 = 0x00000001,
			.DisplayType = emsabp_display_type(e),
			.MId = e->mid,
		};

		if (!book->has_server_guid) {
			return false;
		}
		eid.ProviderUID = book->server_guid;
		err = ndr_push_struct_blob(&blob, mem_ctx, &eid,
			(ndr_push_flags_fn_t)ndr_push_EphemeralEntryID);
	} else {
		struct PermanentEntryID eid = {
			.IDType = 0x00,
			.R4 = 0x00000001,
			.DisplayTypeString = emsabp_display_type(e),
			.DistinguishedName = e->legacy_dn,
		};

		memcpy(eid.ProviderUID.ab, guid_nspi, sizeof(guid_nspi));
		err = ndr_push_struct_blob(&blob, mem_ctx, &eid,
			(ndr_push_flags_fn_t)ndr_push_PermanentEntryID);
	}
	if (!NDR_ERR_CODE_IS_SUCCESS(err)) {
		return false;
	}
	bin->cb = blob.length;
	bin->lpb = blob.data;
	return true;
}

/*
 * The MId an entry ID names: an ephemeral one of this server, or a
 * permanent one whose DN is in the address book; 0 otherwise.
 */
uint32_t emsabp_mid_from_entry_id(const struct emsabp_book *book,
				  const struct Binary_r *bin)
{
	DATA_BLOB blob = data_blob_const(bin->lpb, bin->cb);
	TALLOC_CTX *tmp;
	const struct emsabp_entry *e = NULL;

	if (bin->cb < 4 || bin->lpb == NULL) {
		return 0;
	}
	tmp = talloc_new(NULL);
	if (bin->lpb[0] == 0x87) {
		struct EphemeralEntryID eid;

		if (NDR_ERR_CODE_IS_SUCCESS(ndr_pull_struct_blob_all(&blob,
				tmp, &eid,
				(ndr_pull_flags_fn_t)ndr_pull_EphemeralEntryID)) &&
		    book->has_server_guid &&
		    memcmp(eid.ProviderUID.ab, book->server_guid.ab, 16) == 0) {
			e = emsabp_book_entry(book, eid.MId);
		}
	} else if (bin->lpb[0] == 0x00) {
		struct PermanentEntryID eid;

		if (NDR_ERR_CODE_IS_SUCCESS(ndr_pull_struct_blob_all(&blob,
				tmp, &eid,
				(ndr_pull_flags_fn_t)ndr_pull_PermanentEntryID)) &&
		    memcmp(eid.ProviderUID.ab, guid_nspi, 16) == 0) {
			e = emsabp_book_entry_by_dn(book,
						    eid.DistinguishedName);
		}
	}
	talloc_free(tmp);
	return e != NULL ? e->mid : 0;
}
