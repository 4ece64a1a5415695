/*
 * mapimail props: every property of a folder (RopGetPropertiesAll,
 * MS-OXCPRPT 2.2.2.4), sorted by tag, one line each: the tag, its name
 * (MS-OXPROPS) and the value as text.
 */
#include <stdio.h>
#include <stdlib.h>

#include "mapimail.h"
#include "libmapi/property.h"
#include "libmapi/propnames.h"

static int by_tag(const void *a, const void *b)
{
	uint32_t x = ((const struct TaggedPropertyValue *)a)->PropertyTag;
	uint32_t y = ((const struct TaggedPropertyValue *)b)->PropertyTag;

	return x < y ? -1 : x > y;
}

int cmd_props(struct mail_ctx *m, const char **args)
{
	const char *path = args[0] ? args[0] : "";
	struct TaggedPropertyValue *values = NULL;
	uint16_t count = 0, i;
	enum MAPISTATUS rv;
	uint32_t h;
	int rc;

	rc = mail_open_folder(m, path, &h, NULL);
	if (rc != MAPIMAIL_OK) {
		return rc;
	}
	rv = mapi_props_get_all(m->logon, m->mem, h, true, &values, &count);
	mail_release(m, h);
	if (rv != MAPI_E_SUCCESS) {
		return mail_rop_fail("cannot read the properties of",
				     mail_path_display(m->mem, path), rv);
	}
	qsort(values, count, sizeof(values[0]), by_tag);
	for (i = 0; i < count; i++) {
		uint32_t tag = values[i].PropertyTag;
		const char *name = mapi_prop_name(tag);
		char *text = mapi_prop_value_string(m->mem, MAPI_PROP_TYPE(tag),
						    &values[i].Value);

		printf("0x%08X  %-36s %s\n", tag, name ? name : "",
		       text ? text : "(out of memory)");
	}
	return MAPIMAIL_OK;
}
