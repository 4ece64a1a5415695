/*
 * RecipientRow structures (MS-OXCDATA 2.8.3) to and from recipient
 * properties.
 */
#include "recipient_row.h"

#include <string.h>
#include <strings.h>
#include "property_row.h"

#define PTYPE(tag) ((uint16_t)((tag) & 0xFFFF))
#define PID(tag) ((uint16_t)(((uint32_t)(tag)) >> 16))

/* RecipientFlags (MS-OXCDATA 2.8.3.1) */
#define RF_TYPE_MASK	0x0007
#define RF_E		0x0008
#define RF_D		0x0010
#define RF_T		0x0020
#define RF_S		0x0040
#define RF_R		0x0080
#define RF_N		0x0100
#define RF_U		0x0200
#define RF_I		0x0400
#define RF_O		0x8000

/* The Type values of RecipientFlags and the address types they stand
 * for. */
static const struct {
	uint16_t type;
	const char *name;
} address_types[] = {
	{ RecipientType_X500DN, "EX" },
	{ RecipientType_MsMail, "MSMAIL" },
	{ RecipientType_SMTP, "SMTP" },
	{ RecipientType_Fax, "FAX" },
	{ RecipientType_ProfessionalOfficeSystem, "PROFS" },
	{ RecipientType_PersonalDistributionList1, "MAPIPDL" },
	{ RecipientType_PersonalDistributionList2, "MAPIPDL" },
};

bool recipient_row_is_standard(uint32_t tag)
{
	static const uint32_t standard[] = {
		RECIPIENT_PidTagResponsibility, RECIPIENT_PidTagRecipientType,
		RECIPIENT_PidTagEntryId, RECIPIENT_PidTagInstanceKey,
		RECIPIENT_PidTagRowid, RECIPIENT_PidTagDisplayName,
		RECIPIENT_PidTagAddressType, RECIPIENT_PidTagEmailAddress,
		RECIPIENT_PidTagSearchKey, RECIPIENT_PidTagDisplayType,
		RECIPIENT_PidTagSimpleDisplayName,
		RECIPIENT_PidTagTransmittableDisplayName,
		RECIPIENT_PidTagSendRichInfo
	};
	size_t i;

	for (i = 0; i < sizeof(standard) / sizeof(standard[0]); i++) {
		if (PID(standard[i]) == PID(tag)) {
			return true;
		}
	}
	return false;
}

/* ------------------------------------------------------------ build */

static const struct TaggedPropertyValue *find(
	const struct TaggedPropertyValue *props, uint32_t count, uint32_t tag)
{
	uint32_t i;

	for (i = 0; i < count; i++) {
		if (props[i].PropertyTag == tag) {
			return &props[i];
		}
	}
	return NULL;
}

/* A string property, Unicode or string8, or NULL. */
static const char *find_string(const struct TaggedPropertyValue *props,
			       uint32_t count, uint32_t tag)
{
	const struct TaggedPropertyValue *v = find(props, count, tag);

	if (v != NULL) {
		return v->Value.String;
	}
	v = find(props, count, (tag & 0xFFFF0000) | PT_STRING8);
	return v != NULL ? v->Value.String8 : NULL;
}

static uint16_t type_of(const char *address_type)
{
	size_t i;

	for (i = 0; address_type != NULL &&
		    i < sizeof(address_types) / sizeof(address_types[0]); i++) {
		uint16_t type = address_types[i].type;

		if (strcasecmp(address_types[i].name, address_type) == 0 &&
		    type != RecipientType_PersonalDistributionList1 &&
		    type != RecipientType_PersonalDistributionList2) {
			return type;
		}
	}
	return RecipientType_NoType;
}

/* The address: its Type, X500DN or AddressType (O). */
static void build_address(const struct TaggedPropertyValue *props,
			  uint32_t count, struct RecipientRow *row)
{
	const char *atype = find_string(props, count,
					RECIPIENT_PidTagAddressType);
	const char *email = find_string(props, count,
					RECIPIENT_PidTagEmailAddress);
	const struct TaggedPropertyValue *dt;
	uint16_t type = type_of(atype);

	if (type == RecipientType_X500DN && email == NULL) {
		type = RecipientType_NoType;
	}
	row->RecipientFlags |= type;
	if (type == RecipientType_X500DN) {
		dt = find(props, count, RECIPIENT_PidTagDisplayType);
		/* MS-OXCDATA 2.8.3.2: the address prefix is used only in
		 * bulk data transfer buffers */
		row->X500.X500.AddressPrefixUsed = 0;
		row->X500.X500.DisplayType = dt ? dt->Value.Integer32 : 0;
		row->X500.X500.X500DN = email;
	} else if (type == RecipientType_NoType && atype != NULL) {
		row->RecipientFlags |= RF_O;
		row->AddressType.String8 = atype;
	}
	if (type != RecipientType_X500DN && email != NULL) {
		row->RecipientFlags |= RF_E;
		row->EmailAddress.Unicode = email;
	}
}

static void build_names(const struct TaggedPropertyValue *props,
			uint32_t count, struct RecipientRow *row)
{
	const char *name = find_string(props, count,
				       RECIPIENT_PidTagDisplayName);
	const char *simple = find_string(props, count,
					 RECIPIENT_PidTagSimpleDisplayName);
	const char *trans = find_string(
		props, count, RECIPIENT_PidTagTransmittableDisplayName);

	if (name != NULL) {
		row->RecipientFlags |= RF_D;
		row->DisplayName.Unicode = name;
	}
	if (simple != NULL) {
		row->RecipientFlags |= RF_I;
		row->SimpleDisplayName.Unicode = simple;
	}
	if (trans != NULL && name != NULL && strcmp(trans, name) == 0) {
		row->RecipientFlags |= RF_S;
	} else if (trans != NULL) {
		row->RecipientFlags |= RF_T;
		row->TransmittableDisplayName.Unicode = trans;
	}
}

static void build_flags(const struct TaggedPropertyValue *props,
			uint32_t count, struct RecipientRow *row)
{
	const struct TaggedPropertyValue *r, *rich;

	r = find(props, count, RECIPIENT_PidTagResponsibility);
	rich = find(props, count, RECIPIENT_PidTagSendRichInfo);
	if (r != NULL && r->Value.Boolean) {
		row->RecipientFlags |= RF_R;
	}
	if (rich != NULL && !rich->Value.Boolean) {
		row->RecipientFlags |= RF_N;
	}
	row->RecipientFlags |= RF_U;
}

static enum ndr_err_code build_columns(TALLOC_CTX *mem_ctx,
				       const struct TaggedPropertyValue *props,
				       uint32_t count, const uint32_t *columns,
				       uint16_t column_count,
				       struct RecipientRow *row)
{
	struct property_row pr = { .count = column_count };
	struct ndr_push *push = ndr_push_init_ctx(mem_ctx);
	uint16_t i;

	pr.cells = talloc_zero_array(mem_ctx, struct property_row_value,
				     column_count);
	if (push == NULL || (pr.cells == NULL && column_count > 0)) {
		return NDR_ERR_ALLOC;
	}
	for (i = 0; i < column_count; i++) {
		const struct TaggedPropertyValue *v = find(props, count,
							   columns[i]);

		pr.cells[i].type = PTYPE(columns[i]);
		if (v == NULL) {
			pr.cells[i].type = PT_ERROR;
			pr.cells[i].flag = PROPERTY_FLAG_ERROR;
			pr.cells[i].value.ErrorCode = MAPI_E_NOT_FOUND;
		} else {
			pr.cells[i].value = v->Value;
		}
	}
	pr.kind = property_row_choose_kind(&pr);
	push->flags |= LIBNDR_FLAG_NOALIGN;
	NDR_CHECK(ndr_push_property_row(push, columns, column_count, &pr));
	row->RecipientColumnCount = column_count;
	row->RecipientProperties = ndr_push_blob(push);
	return NDR_ERR_SUCCESS;
}

enum ndr_err_code recipient_row_build(TALLOC_CTX *mem_ctx,
				      const struct TaggedPropertyValue *props,
				      uint32_t count, const uint32_t *columns,
				      uint16_t column_count,
				      struct RecipientRow *row)
{
	uint16_t i;

	memset(row, 0, sizeof(*row));
	for (i = 0; i < column_count; i++) {
		if (PTYPE(columns[i]) == PT_UNSPECIFIED ||
		    PTYPE(columns[i]) == PT_ERROR) {
			return NDR_ERR_BAD_SWITCH;
		}
	}
	build_address(props, count, row);
	build_names(props, count, row);
	build_flags(props, count, row);
	return build_columns(mem_ctx, props, count, columns, column_count,
			     row);
}

/* ------------------------------------------------------------ parse */

struct prop_list {
	TALLOC_CTX *mem_ctx;
	struct TaggedPropertyValue *values;
	uint32_t count;
};

static bool add(struct prop_list *l, uint32_t tag,
		const union PropertyValueUnion *value)
{
	struct TaggedPropertyValue *v = talloc_realloc(
		l->mem_ctx, l->values, struct TaggedPropertyValue,
		l->count + 1);

	if (v == NULL) {
		return false;
	}
	l->values = v;
	v[l->count].PropertyTag = tag;
	v[l->count].Value = *value;
	l->count++;
	return true;
}

static bool add_string(struct prop_list *l, uint32_t tag, bool unicode,
		       const char *s)
{
	union PropertyValueUnion v;

	if (s == NULL) {
		return true;
	}
	if (unicode) {
		v.String = s;
		return add(l, tag, &v);
	}
	v.String8 = s;
	return add(l, (tag & 0xFFFF0000) | PT_STRING8, &v);
}

static bool add_long(struct prop_list *l, uint32_t tag, uint32_t i)
{
	union PropertyValueUnion v = { .Integer32 = i };

	return add(l, tag, &v);
}

static bool add_bool(struct prop_list *l, uint32_t tag, bool b)
{
	union PropertyValueUnion v = { .Boolean = b ? 1 : 0 };

	return add(l, tag, &v);
}

static bool add_binary(struct prop_list *l, uint32_t tag, uint16_t size,
		       uint8_t *data)
{
	union PropertyValueUnion v;

	v.Binary.Count = size;
	v.Binary.Data = data;
	return add(l, tag, &v);
}

static const char *type_name(uint16_t type)
{
	size_t i;

	for (i = 0; i < sizeof(address_types) / sizeof(address_types[0]);
	     i++) {
		if (address_types[i].type == type) {
			return address_types[i].name;
		}
	}
	return NULL;
}

static bool parse_address(struct prop_list *l, const struct RecipientRow *r,
			  bool unicode)
{
	uint16_t type = r->RecipientFlags & RF_TYPE_MASK;
	const struct RecipientRowDistList *dl = &r->DistList.DistList;
	bool ok = true;

	if (type != RecipientType_NoType) {
		ok = add_string(l, RECIPIENT_PidTagAddressType, unicode,
				type_name(type));
	} else if (r->RecipientFlags & RF_O) {
		ok = add_string(l, RECIPIENT_PidTagAddressType, unicode,
				r->AddressType.String8);
	}
	if (ok && type == RecipientType_X500DN) {
		ok = add_string(l, RECIPIENT_PidTagEmailAddress, unicode,
				r->X500.X500.X500DN) &&
		     add_long(l, RECIPIENT_PidTagDisplayType,
			      r->X500.X500.DisplayType);
	}
	if (ok && (type & 0x0006) == 0x0006) {
		ok = add_binary(l, RECIPIENT_PidTagEntryId, dl->EntryIdSize,
				dl->EntryId) &&
		     add_binary(l, RECIPIENT_PidTagSearchKey,
				dl->SearchKeySize, dl->SearchKey);
	}
	if (ok && type != RecipientType_X500DN &&
	    (r->RecipientFlags & RF_E)) {
		ok = add_string(l, RECIPIENT_PidTagEmailAddress, unicode,
				unicode ? r->EmailAddress.Unicode :
					  r->EmailAddress.String8);
	}
	return ok;
}

static const char *row_string(const union RecipientRowString *s,
			      uint16_t flags, uint16_t bit)
{
	if (!(flags & bit)) {
		return NULL;
	}
	return flags & RF_U ? s->Unicode : s->String8;
}

static bool parse_names(struct prop_list *l, const struct RecipientRow *r,
			bool unicode)
{
	uint16_t f = r->RecipientFlags;
	const char *name = row_string(&r->DisplayName, f, RF_D);
	const char *trans = row_string(&r->TransmittableDisplayName, f, RF_T);

	if (trans == NULL && (f & RF_S)) {
		trans = name;
	}
	return add_string(l, RECIPIENT_PidTagDisplayName, unicode, name) &&
	       add_string(l, RECIPIENT_PidTagSimpleDisplayName, unicode,
			  row_string(&r->SimpleDisplayName, f, RF_I)) &&
	       add_string(l, RECIPIENT_PidTagTransmittableDisplayName,
			  unicode, trans) &&
	       add_bool(l, RECIPIENT_PidTagResponsibility, f & RF_R) &&
	       add_bool(l, RECIPIENT_PidTagSendRichInfo, !(f & RF_N));
}

static enum ndr_err_code parse_columns(struct prop_list *l,
				       const struct RecipientRow *r,
				       const uint32_t *columns,
				       uint16_t column_count)
{
	struct property_row pr;
	struct ndr_pull *pull;
	uint32_t i;

	if (r->RecipientColumnCount > column_count) {
		return NDR_ERR_ARRAY_SIZE;
	}
	pull = ndr_pull_init_blob(&r->RecipientProperties, l->mem_ctx);
	if (pull == NULL) {
		return NDR_ERR_ALLOC;
	}
	pull->flags |= LIBNDR_FLAG_NOALIGN;
	NDR_CHECK(ndr_pull_property_row(pull, l->mem_ctx, columns,
					r->RecipientColumnCount, &pr));
	if (pull->offset != pull->data_size) {
		return NDR_ERR_UNREAD_BYTES;
	}
	for (i = 0; i < pr.count; i++) {
		if (pr.cells[i].flag != PROPERTY_FLAG_VALUE) {
			continue;
		}
		if (!add(l, (columns[i] & 0xFFFF0000) | pr.cells[i].type,
			 &pr.cells[i].value)) {
			return NDR_ERR_ALLOC;
		}
	}
	return NDR_ERR_SUCCESS;
}

enum ndr_err_code recipient_row_parse(TALLOC_CTX *mem_ctx,
				      const struct RecipientRow *row,
				      const uint32_t *columns,
				      uint16_t column_count,
				      struct TaggedPropertyValue **props,
				      uint32_t *count)
{
	struct prop_list l = { .mem_ctx = mem_ctx };
	bool unicode = (row->RecipientFlags & RF_U) != 0;

	if (!parse_address(&l, row, unicode) ||
	    !parse_names(&l, row, unicode)) {
		return NDR_ERR_ALLOC;
	}
	NDR_CHECK(parse_columns(&l, row, columns, column_count));
	*props = l.values;
	*count = l.count;
	return NDR_ERR_SUCCESS;
}
