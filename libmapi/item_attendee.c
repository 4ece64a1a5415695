/*
 * libmapi: the recipients of a meeting (MS-OXOCAL 2.2.4.10): the
 * organizer, then the attendees, each a one-off SMTP recipient.
 */
#include <string.h>

#include "item_private.h"
#include "libmapi/ndr/oneoff.h"
#include "libmapi/ndr/recipient_row.h"

/* Properties of one recipient row. */
#define ROW_PROPS 8

static struct TaggedPropertyValue str(uint32_t tag, const char *s)
{
	struct TaggedPropertyValue v = { .PropertyTag = tag };

	v.Value.String = s;
	return v;
}

static struct TaggedPropertyValue num(uint32_t tag, uint32_t n)
{
	struct TaggedPropertyValue v = { .PropertyTag = tag };

	v.Value.Integer32 = n;
	return v;
}

static enum MAPISTATUS row(TALLOC_CTX *mem_ctx, const struct mapi_attendee *at,
			   uint8_t type, uint32_t flags, uint32_t row_id,
			   struct mapi_recipient *r)
{
	struct mapi_oneoff o = { MAPI_ONEOFF_NO_RICH_INFO, NULL, "SMTP",
				 at->address };
	struct TaggedPropertyValue *p;
	uint8_t *eid = NULL;
	size_t size = 0;
	enum MAPISTATUS rv;

	if (at->address == NULL || type < 1 || type > 3) {
		return MAPI_E_INVALID_PARAMETER;
	}
	o.display_name = at->name ? at->name : at->address;
	rv = mapi_oneoff_encode(mem_ctx, &o, &eid, &size);
	p = talloc_array(mem_ctx, struct TaggedPropertyValue, ROW_PROPS);
	if (rv != MAPI_E_SUCCESS || p == NULL) {
		return rv != MAPI_E_SUCCESS ? rv : MAPI_E_NOT_ENOUGH_MEMORY;
	}
	p[0] = str(RECIPIENT_PidTagDisplayName, o.display_name);
	p[1] = str(RECIPIENT_PidTagAddressType, "SMTP");
	p[2] = str(RECIPIENT_PidTagEmailAddress, at->address);
	p[3] = (struct TaggedPropertyValue){ .PropertyTag =
						     RECIPIENT_PidTagEntryId };
	p[3].Value.Binary.Count = size;
	p[3].Value.Binary.Data = eid;
	p[4] = str(TAG_SMTP_ADDRESS, at->address);
	p[5] = str(TAG_RECIPIENT_DISPLAY_NAME, o.display_name);
	p[6] = num(TAG_RECIPIENT_FLAGS, flags);
	p[7] = num(TAG_RECIPIENT_TRACK_STATUS, 0);	/* respNone */
	*r = (struct mapi_recipient){ .row_id = row_id, .type = type,
				      .props = p, .count = ROW_PROPS };
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mapi_appointment_recipients(TALLOC_CTX *mem_ctx,
					    const struct mapi_appointment *a,
					    struct mapi_recipient **rows,
					    uint16_t *count)
{
	uint16_t n = 0, i;
	enum MAPISTATUS rv = MAPI_E_SUCCESS;

	if (a == NULL || (a->attendee_count != 0 && a->attendees == NULL) ||
	    a->attendee_count == UINT16_MAX) {
		return MAPI_E_INVALID_PARAMETER;
	}
	*rows = talloc_zero_array(mem_ctx, struct mapi_recipient,
				  a->attendee_count + 1);
	if (*rows == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	if (a->organizer != NULL) {
		rv = row(*rows, a->organizer, MAPI_ATTENDEE_REQUIRED,
			 RECIP_SENDABLE | RECIP_ORGANIZER, n, &(*rows)[n]);
		n++;
	}
	for (i = 0; rv == MAPI_E_SUCCESS && i < a->attendee_count; i++, n++) {
		rv = row(*rows, &a->attendees[i], a->attendees[i].type,
			 RECIP_SENDABLE, n, &(*rows)[n]);
	}
	*count = n;
	return rv;
}

enum MAPISTATUS item_save_with_attendees(struct mapi_logon *logon,
					 TALLOC_CTX *mem_ctx, uint32_t folder,
					 uint64_t fid,
					 const struct mapi_appointment *a,
					 struct mapi_item *item,
					 uint64_t *mid)
{
	struct mapi_recipient *rows = NULL;
	uint16_t count = 0;
	enum MAPISTATUS rv;

	rv = mapi_appointment_recipients(mem_ctx, a, &rows, &count);
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_item_save(logon, mem_ctx, folder, fid, item, rows,
				    count, mid);
	}
	return rv;
}
