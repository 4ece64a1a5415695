/**
 * @file property.h
 * @brief libmapi: properties of server objects (MS-OXCPRPT): logons,
 * folders, messages.
 */
#ifndef MAPI_PROPERTY_H
#define MAPI_PROPERTY_H

#include "logon.h"
#include "libmapi/ndr/property_row.h"

/**
 * @brief RopGetPropertiesSpecific: the values of @a tags as one row.
 * @param logon		the logon
 * @param mem_ctx	owner of @a row
 * @param handle	the object (logon, folder, message, attachment)
 * @param tags		the property tags asked for
 * @param count		their number
 * @param unicode	WantUnicode (for PT_UNSPECIFIED tags)
 * @param size_limit	PropertySizeLimit (0: the response's size)
 * @param[out] row	one cell per tag, on @a mem_ctx
 */
enum MAPISTATUS mapi_props_get(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			       uint32_t handle, const uint32_t *tags,
			       uint16_t count, bool unicode,
			       uint16_t size_limit, struct property_row *row);

/** @brief RopGetPropertiesAll. */
enum MAPISTATUS mapi_props_get_all(struct mapi_logon *logon,
				   TALLOC_CTX *mem_ctx, uint32_t handle,
				   bool unicode,
				   struct TaggedPropertyValue **values,
				   uint16_t *count);

/** @brief RopGetPropertiesList. */
enum MAPISTATUS mapi_props_list(struct mapi_logon *logon,
				TALLOC_CTX *mem_ctx, uint32_t handle,
				uint32_t **tags, uint16_t *count);

/**
 * @brief RopSetProperties; the properties not set come back as
 * @a problems (may be NULL).
 */
enum MAPISTATUS mapi_props_set(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			       uint32_t handle,
			       const struct TaggedPropertyValue *values,
			       uint16_t count,
			       struct PropertyProblemList *problems);

/** @brief RopDeleteProperties, like mapi_props_set(). */
enum MAPISTATUS mapi_props_delete(struct mapi_logon *logon,
				  TALLOC_CTX *mem_ctx, uint32_t handle,
				  const uint32_t *tags, uint16_t count,
				  struct PropertyProblemList *problems);

/**
 * @brief RopGetPropertyIdsFromNames; @a ids has @a count entries (0 for
 * a name without id).  MAPI_W_ERRORS_RETURNED when some have none.
 */
enum MAPISTATUS mapi_named_ids(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			       uint32_t handle,
			       const struct PropertyName *names,
			       uint16_t count, bool create, uint16_t **ids);

/** @brief RopGetNamesFromPropertyIds; Kind MNID_NONE for unknown ids. */
enum MAPISTATUS mapi_named_names(struct mapi_logon *logon,
				 TALLOC_CTX *mem_ctx, uint32_t handle,
				 const uint16_t *ids, uint16_t count,
				 struct PropertyName **names);

/** @brief A PropertyName with a string name (UTF-8 in, UTF-16LE on the
 *  wire), on @a mem_ctx; false when out of memory. */
bool mapi_named_string(TALLOC_CTX *mem_ctx, const struct GUID *guid,
		       const char *name, struct PropertyName *out);

#endif /* MAPI_PROPERTY_H */
