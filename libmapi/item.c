/*
 * libmapi: the properties of a message of some class, named properties
 * resolved through RopGetPropertyIdsFromNames, written and saved (see
 * item.h).
 */
#include <string.h>

#include "item.h"
#include "folder.h"
#include "property.h"
#include "libmapi/ndr/recipient_row.h"

bool mapi_psetid_guid(enum mapi_psetid set, struct GUID *guid)
{
	/* MS-OXPROPS 1.3.2 */
	static const char *const sets[] = {
		[MAPI_PS_APPOINTMENT] = "00062002-0000-0000-C000-000000000046",
		[MAPI_PS_ADDRESS] = "00062004-0000-0000-C000-000000000046",
		[MAPI_PS_TASK] = "00062003-0000-0000-C000-000000000046",
		[MAPI_PS_NOTE] = "0006200E-0000-0000-C000-000000000046",
		[MAPI_PS_COMMON] = "00062008-0000-0000-C000-000000000046",
		[MAPI_PS_MEETING] = "6ED8DA90-450B-101B-98DA-00AA003F1305",
	};

	if (set <= MAPI_PS_NONE || (size_t)set >= sizeof(sets) / sizeof(sets[0])) {
		return false;
	}
	return NT_STATUS_IS_OK(GUID_from_string(sets[set], guid));
}

void mapi_item_init(TALLOC_CTX *mem_ctx, struct mapi_item *item)
{
	memset(item, 0, sizeof(*item));
	item->mem_ctx = mem_ctx;
}

void mapi_item_set(struct mapi_item *item, enum mapi_psetid set,
		   uint32_t tag, const union PropertyValueUnion *value)
{
	uint16_t i;

	for (i = 0; i < item->count; i++) {
		if (item->values[i].PropertyTag == tag &&
		    item->sets[i] == set) {
			item->values[i].Value = *value;
			return;
		}
	}
	if (item->failed || item->count == UINT16_MAX) {
		item->failed = true;
		return;
	}
	item->values = talloc_realloc(item->mem_ctx, item->values,
				      struct TaggedPropertyValue,
				      item->count + 1);
	item->sets = talloc_realloc(item->mem_ctx, item->sets,
				    enum mapi_psetid, item->count + 1);
	if (item->values == NULL || item->sets == NULL) {
		item->failed = true;
		item->count = 0;
		return;
	}
	item->values[item->count].PropertyTag = tag;
	item->values[item->count].Value = *value;
	item->sets[item->count++] = set;
}

void mapi_item_string(struct mapi_item *item, enum mapi_psetid set,
		      uint32_t tag, const char *s)
{
	union PropertyValueUnion v;

	if (s == NULL) {
		return;
	}
	if ((tag & 0xFFFF) == PT_STRING8) {
		v.String8 = s;
	} else {
		v.String = s;
	}
	mapi_item_set(item, set, tag, &v);
}

void mapi_item_long(struct mapi_item *item, enum mapi_psetid set,
		    uint32_t tag, uint32_t value)
{
	union PropertyValueUnion v = { .Integer32 = value };

	mapi_item_set(item, set, tag, &v);
}

void mapi_item_bool(struct mapi_item *item, enum mapi_psetid set,
		    uint32_t tag, bool value)
{
	union PropertyValueUnion v = { .Boolean = value ? 1 : 0 };

	mapi_item_set(item, set, tag, &v);
}

void mapi_item_time(struct mapi_item *item, enum mapi_psetid set,
		    uint32_t tag, NTTIME t)
{
	union PropertyValueUnion v = { .Time = t };

	mapi_item_set(item, set, tag, &v);
}

void mapi_item_double(struct mapi_item *item, enum mapi_psetid set,
		      uint32_t tag, double value)
{
	union PropertyValueUnion v = { .Floating64 = value };

	mapi_item_set(item, set, tag, &v);
}

void mapi_item_binary(struct mapi_item *item, enum mapi_psetid set,
		      uint32_t tag, const uint8_t *data, size_t size)
{
	union PropertyValueUnion v;

	if (size > UINT16_MAX || (size != 0 && data == NULL)) {
		item->failed = true;
		return;
	}
	v.Binary.Count = size;
	v.Binary.Data = discard_const_p(uint8_t, data);
	mapi_item_set(item, set, tag, &v);
}

void mapi_item_mv_long(struct mapi_item *item, enum mapi_psetid set,
		       uint32_t tag, const uint32_t *values, uint32_t count)
{
	union PropertyValueUnion v;

	v.MultipleInteger32.Count = count;
	v.MultipleInteger32.Values = talloc_memdup(item->mem_ctx, values,
						   count * sizeof(uint32_t));
	if (count != 0 && v.MultipleInteger32.Values == NULL) {
		item->failed = true;
		return;
	}
	mapi_item_set(item, set, tag, &v);
}

static enum MAPISTATUS names_of(TALLOC_CTX *mem_ctx,
				const enum mapi_psetid *sets,
				const uint32_t *tags, uint16_t count,
				struct PropertyName **names)
{
	uint16_t i;

	*names = talloc_zero_array(mem_ctx, struct PropertyName,
				   count ? count : 1);
	if (*names == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; i < count; i++) {
		(*names)[i].Kind = MNID_ID;
		(*names)[i].Value.LID = tags[i] >> 16;
		if (!mapi_psetid_guid(sets[i], &(*names)[i].Guid)) {
			return MAPI_E_INVALID_PARAMETER;
		}
	}
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mapi_named_tags(struct mapi_logon *logon,
				TALLOC_CTX *mem_ctx, uint32_t handle,
				const enum mapi_psetid *sets,
				const uint32_t *tags, uint16_t count,
				uint32_t **out)
{
	struct PropertyName *names = NULL;
	uint16_t *ids = NULL, i;
	enum MAPISTATUS rv;

	rv = names_of(mem_ctx, sets, tags, count, &names);
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_named_ids(logon, mem_ctx, handle, names, count, true,
				    &ids);
	}
	if (rv != MAPI_E_SUCCESS) {
		return rv == MAPI_W_ERRORS_RETURNED ? MAPI_E_CALL_FAILED : rv;
	}
	*out = talloc_array(mem_ctx, uint32_t, count ? count : 1);
	if (*out == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; i < count; i++) {
		if (ids[i] < 0x8000) {
			return MAPI_E_CALL_FAILED;
		}
		(*out)[i] = ((uint32_t)ids[i] << 16) | (tags[i] & 0xFFFF);
	}
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mapi_named_tag(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			       uint32_t handle, enum mapi_psetid set,
			       uint32_t tag, uint32_t *out)
{
	uint32_t *tags = NULL;
	enum MAPISTATUS rv;

	rv = mapi_named_tags(logon, mem_ctx, handle, &set, &tag, 1, &tags);
	if (rv == MAPI_E_SUCCESS) {
		*out = tags[0];
	}
	talloc_free(tags);
	return rv;
}

/* Replace the item's named tags by the server's. */
static enum MAPISTATUS resolve(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			       uint32_t handle, struct mapi_item *item)
{
	enum mapi_psetid *sets;
	uint32_t *tags, *ids = NULL;
	uint16_t i, n = 0;
	enum MAPISTATUS rv;

	sets = talloc_array(mem_ctx, enum mapi_psetid, item->count + 1);
	tags = talloc_array(mem_ctx, uint32_t, item->count + 1);
	if (sets == NULL || tags == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; i < item->count; i++) {
		if (item->sets[i] != MAPI_PS_NONE) {
			sets[n] = item->sets[i];
			tags[n++] = item->values[i].PropertyTag;
		}
	}
	rv = n ? mapi_named_tags(logon, mem_ctx, handle, sets, tags, n, &ids)
	       : MAPI_E_SUCCESS;
	for (i = 0, n = 0; rv == MAPI_E_SUCCESS && i < item->count; i++) {
		if (item->sets[i] != MAPI_PS_NONE) {
			item->values[i].PropertyTag = ids[n++];
			item->sets[i] = MAPI_PS_NONE;
		}
	}
	return rv;
}

enum MAPISTATUS mapi_item_write(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
				uint32_t handle, struct mapi_item *item)
{
	struct PropertyProblemList problems = { 0 };
	TALLOC_CTX *tmp;
	enum MAPISTATUS rv;

	if (item->failed) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	tmp = talloc_new(mem_ctx);
	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = resolve(logon, tmp, handle, item);
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_props_set(logon, tmp, handle, item->values,
				    item->count, &problems);
	}
	if (rv == MAPI_E_SUCCESS && problems.PropertyProblemCount != 0) {
		rv = MAPI_E_CALL_FAILED;
	}
	talloc_free(tmp);
	return rv;
}

/* RecipientColumns: the recipients' properties that are not standard
 * ones of the RecipientRow. */
static uint32_t *recipient_columns(TALLOC_CTX *mem_ctx,
				   const struct mapi_recipient *r,
				   uint16_t count, uint16_t *n)
{
	uint32_t *cols = talloc_array(mem_ctx, uint32_t, 1);
	uint16_t i, k;
	uint32_t j;

	*n = 0;
	for (i = 0; cols != NULL && i < count; i++) {
		for (j = 0; cols != NULL && j < r[i].count; j++) {
			uint32_t tag = r[i].props[j].PropertyTag;

			for (k = 0; k < *n && cols[k] != tag; k++) {
			}
			if (k < *n || recipient_row_is_standard(tag)) {
				continue;
			}
			cols = talloc_realloc(mem_ctx, cols, uint32_t, *n + 1);
			if (cols != NULL) {
				cols[(*n)++] = tag;
			}
		}
	}
	return cols;
}

static enum MAPISTATUS fill(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			    uint32_t m, struct mapi_item *item,
			    const struct mapi_recipient *recipients,
			    uint16_t count, uint64_t *mid)
{
	enum MAPISTATUS rv = mapi_item_write(logon, mem_ctx, m, item);
	uint32_t *cols;
	uint16_t ncols = 0;

	if (rv == MAPI_E_SUCCESS && count != 0) {
		cols = recipient_columns(mem_ctx, recipients, count, &ncols);
		rv = cols == NULL ? MAPI_E_NOT_ENOUGH_MEMORY
				  : mapi_recipients_modify(logon, mem_ctx, m,
							   cols, ncols,
							   recipients, count);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_message_save(logon, mem_ctx, m, KeepOpenReadOnly,
				       mid);
	}
	return rv;
}

enum MAPISTATUS mapi_item_save(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			       uint32_t folder, uint64_t fid,
			       struct mapi_item *item,
			       const struct mapi_recipient *recipients,
			       uint16_t count, uint64_t *mid)
{
	TALLOC_CTX *tmp = talloc_new(mem_ctx);
	enum MAPISTATUS rv, rv2;
	uint32_t m;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = mapi_message_create(logon, tmp, folder, fid, false, &m);
	if (rv == MAPI_E_SUCCESS) {
		rv = fill(logon, tmp, m, item, recipients, count, mid);
		rv2 = mapi_object_release(logon, m);
		if (rv == MAPI_E_SUCCESS) {
			rv = rv2;
		}
	}
	talloc_free(tmp);
	return rv;
}
