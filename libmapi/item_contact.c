/*
 * libmapi: contacts (MS-OXOCNTC 2.2.1).
 */
#include <string.h>

#include "item_contact.h"
#include "libmapi/ndr/oneoff.h"

#define NAMED(lid, type) (((uint32_t)(lid) << 16) | (type))

/* PSETID_Address (MS-OXOCNTC 2.2.1.1, 2.2.1.2) */
#define LID_FILE_UNDER			NAMED(0x8005, PT_UNICODE)
#define LID_FILE_UNDER_ID		NAMED(0x8006, PT_LONG)
#define LID_AB_PROVIDER_EMAIL_LIST	NAMED(0x8028, PT_MV_LONG)
#define LID_AB_PROVIDER_ARRAY_TYPE	NAMED(0x8029, PT_LONG)
#define LID_EMAIL1_DISPLAY_NAME		NAMED(0x8080, PT_UNICODE)
#define LID_EMAIL1_ADDRESS_TYPE		NAMED(0x8082, PT_UNICODE)
#define LID_EMAIL1_EMAIL_ADDRESS	NAMED(0x8083, PT_UNICODE)
#define LID_EMAIL1_ORIGINAL_DISPLAY_NAME NAMED(0x8084, PT_UNICODE)
#define LID_EMAIL1_ORIGINAL_ENTRY_ID	NAMED(0x8085, PT_BINARY)

#define TAG_DISPLAY_NAME	0x3001001F
#define TAG_GIVEN_NAME		0x3A06001F
#define TAG_BUSINESS_PHONE	0x3A08001F
#define TAG_HOME_PHONE		0x3A09001F
#define TAG_SURNAME		0x3A11001F
#define TAG_COMPANY_NAME	0x3A16001F
#define TAG_TITLE		0x3A17001F
#define TAG_MOBILE_PHONE	0x3A1C001F

/* PidLidFileUnderId: "<Surname>, <GivenName> <MiddleName>", and
 * "<DisplayName>" (MS-OXOCNTC 2.2.1.1.12); anything else: the
 * client's own. */
#define FILE_UNDER_SURNAME_GIVEN	0x00008017
#define FILE_UNDER_DISPLAY_NAME		0x00003001
#define FILE_UNDER_CUSTOM		0xFFFFFFFF
/* PidLidAddressBookProviderArrayType: Email1 is set */
#define AB_PROVIDER_EMAIL1		0x00000001

static void file_as(TALLOC_CTX *mem_ctx, const struct mapi_contact *c,
		    struct mapi_item *item)
{
	const char *s = c->file_as;
	uint32_t id = FILE_UNDER_CUSTOM;

	if (s == NULL && c->surname != NULL) {
		s = c->given_name ? talloc_asprintf(mem_ctx, "%s, %s",
						    c->surname, c->given_name)
				  : c->surname;
		id = FILE_UNDER_SURNAME_GIVEN;
	} else if (s == NULL) {
		s = c->display_name;
		id = FILE_UNDER_DISPLAY_NAME;
	}
	if (s == NULL) {
		item->failed = true;
		return;
	}
	mapi_item_string(item, MAPI_PS_ADDRESS, LID_FILE_UNDER, s);
	mapi_item_long(item, MAPI_PS_ADDRESS, LID_FILE_UNDER_ID, id);
}

static enum MAPISTATUS email1(TALLOC_CTX *mem_ctx,
			      const struct mapi_contact *c,
			      struct mapi_item *item)
{
	struct mapi_oneoff o = { MAPI_ONEOFF_NO_RICH_INFO, NULL, "SMTP",
				 c->email };
	const uint32_t slot = 0;	/* Email1 */
	uint8_t *eid = NULL;
	size_t size = 0;
	enum MAPISTATUS rv;

	o.display_name = c->email_display_name;
	if (o.display_name == NULL) {
		o.display_name = talloc_asprintf(mem_ctx, "%s (%s)",
						 c->display_name, c->email);
	}
	rv = mapi_oneoff_encode(mem_ctx, &o, &eid, &size);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	mapi_item_string(item, MAPI_PS_ADDRESS, LID_EMAIL1_DISPLAY_NAME,
			 o.display_name);
	mapi_item_string(item, MAPI_PS_ADDRESS, LID_EMAIL1_ADDRESS_TYPE,
			 "SMTP");
	mapi_item_string(item, MAPI_PS_ADDRESS, LID_EMAIL1_EMAIL_ADDRESS,
			 c->email);
	mapi_item_string(item, MAPI_PS_ADDRESS,
			 LID_EMAIL1_ORIGINAL_DISPLAY_NAME, c->email);
	mapi_item_binary(item, MAPI_PS_ADDRESS, LID_EMAIL1_ORIGINAL_ENTRY_ID,
			 eid, size);
	mapi_item_mv_long(item, MAPI_PS_ADDRESS, LID_AB_PROVIDER_EMAIL_LIST,
			  &slot, 1);
	mapi_item_long(item, MAPI_PS_ADDRESS, LID_AB_PROVIDER_ARRAY_TYPE,
		       AB_PROVIDER_EMAIL1);
	return MAPI_E_SUCCESS;
}

static void names(const struct mapi_contact *c, struct mapi_item *item)
{
	mapi_item_string(item, MAPI_PS_NONE, MAPI_TAG_SUBJECT,
			 c->display_name);
	mapi_item_string(item, MAPI_PS_NONE, TAG_DISPLAY_NAME,
			 c->display_name);
	mapi_item_string(item, MAPI_PS_NONE, TAG_GIVEN_NAME, c->given_name);
	mapi_item_string(item, MAPI_PS_NONE, TAG_SURNAME, c->surname);
	mapi_item_string(item, MAPI_PS_NONE, TAG_COMPANY_NAME, c->company);
	mapi_item_string(item, MAPI_PS_NONE, TAG_TITLE, c->title);
	mapi_item_string(item, MAPI_PS_NONE, TAG_BUSINESS_PHONE,
			 c->business_phone);
	mapi_item_string(item, MAPI_PS_NONE, TAG_HOME_PHONE, c->home_phone);
	mapi_item_string(item, MAPI_PS_NONE, TAG_MOBILE_PHONE,
			 c->mobile_phone);
	mapi_item_string(item, MAPI_PS_NONE, MAPI_TAG_BODY, c->body);
}

enum MAPISTATUS mapi_contact_props(TALLOC_CTX *mem_ctx,
				   const struct mapi_contact *c,
				   struct mapi_item *item)
{
	enum MAPISTATUS rv = MAPI_E_SUCCESS;

	mapi_item_init(mem_ctx, item);
	if (c == NULL || c->display_name == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	mapi_item_string(item, MAPI_PS_NONE, MAPI_TAG_MESSAGE_CLASS,
			 MAPI_CLASS_CONTACT);
	names(c, item);
	file_as(mem_ctx, c, item);
	if (c->email != NULL) {
		rv = email1(mem_ctx, c, item);
	}
	if (rv == MAPI_E_SUCCESS && item->failed) {
		rv = MAPI_E_NOT_ENOUGH_MEMORY;
	}
	return rv;
}

enum MAPISTATUS mapi_contact_save(struct mapi_logon *logon,
				  TALLOC_CTX *mem_ctx, uint32_t folder,
				  uint64_t fid, const struct mapi_contact *c,
				  uint64_t *mid)
{
	TALLOC_CTX *tmp = talloc_new(mem_ctx);
	struct mapi_item item;
	enum MAPISTATUS rv;

	if (tmp == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	rv = mapi_contact_props(tmp, c, &item);
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_item_save(logon, tmp, folder, fid, &item, NULL, 0,
				    mid);
	}
	talloc_free(tmp);
	return rv;
}
