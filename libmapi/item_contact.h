/**
 * @file item_contact.h
 * @brief libmapi: contacts (IPM.Contact, MS-OXOCNTC): names, file-as,
 * the first e-mail address with its one-off entry ID, phones, company;
 * saved in a contacts folder (MAPI_FOLDER_CONTACTS of folder_path.h).
 */
#ifndef MAPI_ITEM_CONTACT_H
#define MAPI_ITEM_CONTACT_H

#include "item.h"

/** @brief PidTagMessageClass of contacts. */
#define MAPI_CLASS_CONTACT "IPM.Contact"

/** @brief A contact; NULL members are left out. */
struct mapi_contact {
	const char *display_name;	/**< PidTagDisplayName (required) */
	const char *given_name;		/**< PidTagGivenName */
	const char *surname;		/**< PidTagSurname */
	/** PidLidFileUnder (NULL: "Surname, Given name", or the display
	 *  name without a surname) */
	const char *file_as;
	const char *company;		/**< PidTagCompanyName */
	const char *title;		/**< PidTagTitle */
	const char *email;		/**< PidLidEmail1EmailAddress (SMTP) */
	/** PidLidEmail1DisplayName (NULL: "Name (address)") */
	const char *email_display_name;
	const char *business_phone;	/**< PidTagBusinessTelephoneNumber */
	const char *home_phone;		/**< PidTagHomeTelephoneNumber */
	const char *mobile_phone;	/**< PidTagMobileTelephoneNumber */
	const char *body;		/**< PidTagBody (notes) */
};

/**
 * @brief The properties of @a c as an IPM.Contact.
 * @param mem_ctx	owner of the values
 * @param c		the contact
 * @param[out] item	filled (initialised here)
 * @return MAPI_E_INVALID_PARAMETER without a display name
 */
enum MAPISTATUS mapi_contact_props(TALLOC_CTX *mem_ctx,
				   const struct mapi_contact *c,
				   struct mapi_item *item);

/**
 * @brief Create and save @a c in @a fid.
 * @param logon		the logon
 * @param mem_ctx	context of the call
 * @param folder	handle of the contacts folder
 * @param fid		its folder ID
 * @param c		the contact
 * @param[out] mid	the new message's ID
 */
enum MAPISTATUS mapi_contact_save(struct mapi_logon *logon,
				  TALLOC_CTX *mem_ctx, uint32_t folder,
				  uint64_t fid, const struct mapi_contact *c,
				  uint64_t *mid);

#endif /* MAPI_ITEM_CONTACT_H */
