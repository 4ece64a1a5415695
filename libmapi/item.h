/**
 * @file item.h
 * @brief libmapi: building the properties of a message of some class
 * (appointment, contact, task, note, meeting request), named properties
 * included, and writing them in one RopSetProperties.
 *
 * A struct mapi_item collects values; the named ones (a property set of
 * MS-OXPROPS and a long ID) get their property IDs from the server by
 * RopGetPropertyIdsFromNames (created when missing) when the item is
 * written.  The helpers of item_appointment.h, item_contact.h,
 * item_task.h, item_note.h and item_meeting.h fill items.
 */
#ifndef MAPI_ITEM_H
#define MAPI_ITEM_H

#include "logon.h"
#include "message.h"

/** @brief The property sets of the item helpers (MS-OXPROPS 1.3.2). */
enum mapi_psetid {
	MAPI_PS_NONE = 0,	/**< a tagged property, no name */
	MAPI_PS_APPOINTMENT,	/**< PSETID_Appointment */
	MAPI_PS_ADDRESS,	/**< PSETID_Address (contacts) */
	MAPI_PS_TASK,		/**< PSETID_Task */
	MAPI_PS_NOTE,		/**< PSETID_Note */
	MAPI_PS_COMMON,		/**< PSETID_Common */
	MAPI_PS_MEETING,	/**< PSETID_Meeting */
};

/**
 * @brief The GUID of a property set.
 * @param set		the set (not MAPI_PS_NONE)
 * @param[out] guid	its GUID
 * @return false for MAPI_PS_NONE or an unknown set
 */
bool mapi_psetid_guid(enum mapi_psetid set, struct GUID *guid);

/** @brief Values being collected for one message (talloc'ed with it). */
struct mapi_item {
	TALLOC_CTX *mem_ctx;		/**< owner of the values */
	/** the values: for a named property, PropertyTag holds its long
	 *  ID in the upper 16 bits until mapi_item_write() resolves it */
	struct TaggedPropertyValue *values;
	enum mapi_psetid *sets;		/**< each value's property set */
	uint16_t count;			/**< values */
	bool failed;			/**< out of memory on the way */
};

/**
 * @brief Start an empty item.
 * @param mem_ctx	owner of what it collects
 * @param[out] item	the item
 */
void mapi_item_init(TALLOC_CTX *mem_ctx, struct mapi_item *item);

/**
 * @brief Add a value (a copy of @a value; strings and binaries are not
 * copied).  A tag set twice keeps the last value.
 * @param item	the item
 * @param set	MAPI_PS_NONE, or the set of a named property
 * @param tag	the property tag, or (long ID << 16 | type)
 * @param value	the value, of the tag's type
 */
void mapi_item_set(struct mapi_item *item, enum mapi_psetid set,
		   uint32_t tag, const union PropertyValueUnion *value);

/**
 * @brief Add a string (PT_UNICODE or PT_STRING8 by @a tag).
 * @param item	the item
 * @param set	MAPI_PS_NONE or the named property's set
 * @param tag	tag or (long ID << 16 | type)
 * @param s	UTF-8 (NULL: nothing is added)
 */
void mapi_item_string(struct mapi_item *item, enum mapi_psetid set,
		      uint32_t tag, const char *s);

/**
 * @brief Add a 32-bit integer (PT_LONG).
 * @param item	the item
 * @param set	MAPI_PS_NONE or the named property's set
 * @param tag	tag or (long ID << 16 | PT_LONG)
 * @param v	the value
 */
void mapi_item_long(struct mapi_item *item, enum mapi_psetid set,
		    uint32_t tag, uint32_t v);

/**
 * @brief Add a boolean (PT_BOOLEAN).
 * @param item	the item
 * @param set	MAPI_PS_NONE or the named property's set
 * @param tag	tag or (long ID << 16 | PT_BOOLEAN)
 * @param v	the value
 */
void mapi_item_bool(struct mapi_item *item, enum mapi_psetid set,
		    uint32_t tag, bool v);

/**
 * @brief Add a time (PT_SYSTIME, a FILETIME in UTC).
 * @param item	the item
 * @param set	MAPI_PS_NONE or the named property's set
 * @param tag	tag or (long ID << 16 | PT_SYSTIME)
 * @param t	the time
 */
void mapi_item_time(struct mapi_item *item, enum mapi_psetid set,
		    uint32_t tag, NTTIME t);

/**
 * @brief Add a floating point number (PT_DOUBLE).
 * @param item	the item
 * @param set	MAPI_PS_NONE or the named property's set
 * @param tag	tag or (long ID << 16 | PT_DOUBLE)
 * @param v	the value
 */
void mapi_item_double(struct mapi_item *item, enum mapi_psetid set,
		      uint32_t tag, double v);

/**
 * @brief Add bytes (PT_BINARY, at most 65535 of them).
 * @param item	the item
 * @param set	MAPI_PS_NONE or the named property's set
 * @param tag	tag or (long ID << 16 | PT_BINARY)
 * @param data	the bytes (kept, not copied)
 * @param size	their number
 */
void mapi_item_binary(struct mapi_item *item, enum mapi_psetid set,
		      uint32_t tag, const uint8_t *data, size_t size);

/**
 * @brief Add 32-bit integers (PT_MV_LONG).
 * @param item	the item
 * @param set	MAPI_PS_NONE or the named property's set
 * @param tag	tag or (long ID << 16 | PT_MV_LONG)
 * @param v	the values (copied)
 * @param count	their number
 */
void mapi_item_mv_long(struct mapi_item *item, enum mapi_psetid set,
		       uint32_t tag, const uint32_t *v, uint32_t count);

/**
 * @brief The property tags of named properties, from the server
 * (RopGetPropertyIdsFromNames with Create).
 * @param logon		the logon
 * @param mem_ctx	owner of @a tags
 * @param handle	an object of the logon (the message)
 * @param sets		the properties' sets
 * @param tags		(long ID << 16 | type) each
 * @param count		their number
 * @param[out] out	the tags (property ID << 16 | type), in order
 */
enum MAPISTATUS mapi_named_tags(struct mapi_logon *logon,
				TALLOC_CTX *mem_ctx, uint32_t handle,
				const enum mapi_psetid *sets,
				const uint32_t *tags, uint16_t count,
				uint32_t **out);

/**
 * @brief The tag of one named property (see mapi_named_tags()).
 * @param logon		the logon
 * @param mem_ctx	context of the call
 * @param handle	an object of the logon
 * @param set		the property's set
 * @param tag		(long ID << 16 | type)
 * @param[out] out	its tag
 */
enum MAPISTATUS mapi_named_tag(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			       uint32_t handle, enum mapi_psetid set,
			       uint32_t tag, uint32_t *out);

/**
 * @brief Resolve the item's named properties and set every value on
 * the message @a handle (RopSetProperties).
 * @param logon		the logon
 * @param mem_ctx	context of the call
 * @param handle	the message
 * @param item		the values (their tags are resolved in place)
 * @return MAPI_E_CALL_FAILED when the server refused a value
 */
enum MAPISTATUS mapi_item_write(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
				uint32_t handle, struct mapi_item *item);

/**
 * @brief Create a message in @a fid (RopCreateMessage through
 * @a folder), write @a item and @a recipients to it, save it and
 * release it.
 * @param logon		the logon
 * @param mem_ctx	context of the call
 * @param folder	handle of the folder
 * @param fid		its folder ID
 * @param item		the message's properties
 * @param recipients	its recipients (may be NULL)
 * @param count		entries of @a recipients
 * @param[out] mid	the new message's ID
 */
enum MAPISTATUS mapi_item_save(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			       uint32_t folder, uint64_t fid,
			       struct mapi_item *item,
			       const struct mapi_recipient *recipients,
			       uint16_t count, uint64_t *mid);

/** @brief PidTagMessageClass. */
#define MAPI_TAG_MESSAGE_CLASS	0x001A001F
/** @brief PidTagSubject. */
#define MAPI_TAG_SUBJECT	0x0037001F
/** @brief PidTagBody. */
#define MAPI_TAG_BODY		0x1000001F

#endif /* MAPI_ITEM_H */
