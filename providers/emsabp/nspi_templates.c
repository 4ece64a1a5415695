/*
 * Address book user interface templates ([MS-OXOABKT]) as returned by
 * NspiGetTemplateInfo ([MS-OXNSPI] 3.1.4.1.18).
 *
 * Each template is a readable table of controls below; the binary forms
 * are built from it on every call:
 *
 *  - PidTagTemplateData: a TRowSet ([MS-OXOABKT] 2.2.2.1.1), a header of
 *    two ULONGs, cRows TRow structures of 36 bytes (2.2.2.1.2) and then
 *    the NUL-terminated non-Unicode strings the CNTRL structures point to
 *    by their offset from the start of the TRowSet (2.2.2.1.3), in the
 *    code page the client passed as dwCodePage.
 *  - PidTagScriptData: a count of instruction DWORDs, the instructions
 *    and their data ([MS-OXOABKT] 2.2.2.2, "Script Format").  Only the
 *    address creation templates have a script; a display template
 *    answers with an empty PidTagScriptData.
 *  - PidTagAddressType for TI_EMT.
 *
 * The display templates serve mail users, distribution lists, mail
 * contacts and the address book search dialog; the address creation
 * templates are listed by emsabp_address_creation_table()
 * (nspi_creation_table.c).  Labels are English; every well-formed LCID
 * gets them (the choice of template is "defined by local policy",
 * [MS-OXNSPI] 3.1.4.1.18 constraint 5), an LCID [MS-LCID] does not know
 * gets MAPI_E_UNKNOWN_LCID.
 */
#include "emsabp.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <strings.h>
#include <unicode/uloc.h>
#include <util/debug.h>

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

/* [MS-OXOABKT] 2.2.2.1.2: ControlType */
#define TRC_LABEL	0x00000000
#define TRC_EDIT	0x00000001
#define TRC_LISTBOX	0x00000002
#define TRC_CHECKBOX	0x00000005
#define TRC_GROUPBOX	0x00000006
#define TRC_BUTTON	0x00000007
#define TRC_PAGE	0x00000008
#define TRC_MVLISTBOX	0x0000000B
#define TRC_MVDROPDOWN	0x0000000C

/* [MS-OXOABKT] 2.2.2.1.2: ControlFlags */
#define TRF_MULTILINE	0x00000001
#define TRF_EDITABLE	0x00000002
#define TRF_MANDATORY	0x00000004

/* [MS-OXOABKT] 2.2.2.1.1: TRowSet.Type */
#define TROWSET_TYPE	0x00000001
#define TROWSET_HEADER	8
#define TROW_SIZE	36

/* Script instructions ([MS-OXOABKT] 2.2.2.2) */
#define SCRIPT_HALT	0x00000000
#define SCRIPT_EMIT	0x00000002

/* [MS-OXPROPS] property tags the templates use */
#define PID_TEMPLATE_DATA	0x0001
#define PID_SCRIPT_DATA		0x0004
#define PID_ADDRESS_TYPE	0x3002
#define S8(id)	PROP_TAG(id, PT_STRING8)
#define OBJ(id)	PROP_TAG(id, PT_OBJECT)
#define P_DISPLAY_NAME		S8(0x3001)
#define P_EMAIL_ADDRESS		S8(0x3003)
#define P_COMMENT		S8(0x3004)
#define P_SMTP_ADDRESS		S8(0x39FE)
#define P_ACCOUNT		S8(0x3A00)
#define P_GIVEN_NAME		S8(0x3A06)
#define P_BUSINESS_PHONE	S8(0x3A08)
#define P_INITIALS		S8(0x3A0A)
#define P_SURNAME		S8(0x3A11)
#define P_COMPANY		S8(0x3A16)
#define P_TITLE			S8(0x3A17)
#define P_DEPARTMENT		S8(0x3A18)
#define P_OFFICE		S8(0x3A19)
#define P_MOBILE_PHONE		S8(0x3A1C)
#define P_COUNTRY		S8(0x3A26)
#define P_LOCALITY		S8(0x3A27)
#define P_STATE			S8(0x3A28)
#define P_STREET		S8(0x3A29)
#define P_POSTAL_CODE		S8(0x3A2A)
#define P_PROXY_ADDRESSES	PROP_TAG(0x800F, PT_MV_STRING8)
#define P_MANAGER		OBJ(0x8005)
#define P_IS_MEMBER_OF_DL	OBJ(0x8008)
#define P_MEMBERS		OBJ(0x8009)
#define P_REPORTS		OBJ(0x800E)

/* Longest text an edit control takes (CNTRL ulSize, 2.2.2.1.3). */
#define EDIT_MAX	256
#define NOTES_MAX	1024

/* One control of a template: a TRow and its CNTRL. */
struct tmpl_control {
	uint32_t type;
	uint32_t flags;
	uint32_t x, dx, y, dy;
	uint32_t prop;		/* CNTRL dwType */
	uint32_t size;		/* CNTRL ulSize */
	const char *text;	/* CNTRL ulString */
};

/*
 * Label, group box and page: no property, the text is the caption; an
 * edit control's string lists the characters it accepts, "*" for any;
 * list boxes have no text (an empty string keeps every offset valid).
 */
#define PAGE(label) \
	{ TRC_PAGE, 0, 0, 0, 0, 0, 0, 0, label }
#define GROUP(x, y, w, h, label) \
	{ TRC_GROUPBOX, 0, x, w, y, h, 0, 0, label }
#define LABEL(x, y, w, label) \
	{ TRC_LABEL, 0, x, w, y, 8, 0, 0, label }
#define SHOW(x, y, w, prop) \
	{ TRC_EDIT, 0, x, w, y, 12, prop, EDIT_MAX, "*" }
#define SHOW_LINES(x, y, w, h, prop) \
	{ TRC_EDIT, TRF_MULTILINE, x, w, y, h, prop, NOTES_MAX, "*" }
#define ENTER(x, y, w, prop, flags) \
	{ TRC_EDIT, TRF_EDITABLE | (flags), x, w, y, 12, prop, EDIT_MAX, "*" }
#define LIST(x, y, w, h, prop) \
	{ TRC_LISTBOX, 0, x, w, y, h, prop, 0, "" }
#define MVLIST(x, y, w, h, prop) \
	{ TRC_MVLISTBOX, 0, x, w, y, h, prop, 0, "" }

/* A mail user's details (DT_MAILUSER). */
/* The pages every recipient's details end with. */
#define MEMBER_OF_AND_ADDRESS_PAGES \
	PAGE("Member Of"), \
	LABEL(12, 10, 100, "&Group membership:"), \
	LIST(12, 22, 346, 175, P_IS_MEMBER_OF_DL), \
	PAGE("E-mail Addresses"), \
	LABEL(12, 10, 100, "&E-mail addresses:"), \
	MVLIST(12, 22, 346, 175, P_PROXY_ADDRESSES)

static const struct tmpl_control mailuser_controls[] = {
	PAGE("General"),
	GROUP(6, 3, 359, 58, "Name"),
	LABEL(12, 16, 40, "&First:"),
	SHOW(55, 14, 90, P_GIVEN_NAME),
	LABEL(150, 16, 35, "I&nitials:"),
	SHOW(188, 14, 30, P_INITIALS),
	LABEL(224, 16, 30, "&Last:"),
	SHOW(258, 14, 100, P_SURNAME),
	LABEL(12, 31, 40, "Displa&y:"),
	SHOW(55, 29, 163, P_DISPLAY_NAME),
	LABEL(224, 31, 30, "Al&ias:"),
	SHOW(258, 29, 100, P_ACCOUNT),
	LABEL(12, 46, 40, "E-&mail:"),
	SHOW(55, 44, 303, P_SMTP_ADDRESS),
	LABEL(12, 70, 40, "&Address:"),
	SHOW_LINES(55, 68, 120, 26, P_STREET),
	LABEL(12, 100, 40, "Cit&y:"),
	SHOW(55, 98, 120, P_LOCALITY),
	LABEL(12, 115, 40, "&State:"),
	SHOW(55, 113, 120, P_STATE),
	LABEL(12, 130, 40, "&Zip code:"),
	SHOW(55, 128, 120, P_POSTAL_CODE),
	LABEL(12, 145, 40, "C&ountry:"),
	SHOW(55, 143, 120, P_COUNTRY),
	LABEL(190, 70, 50, "&Title:"),
	SHOW(245, 68, 113, P_TITLE),
	LABEL(190, 85, 50, "Com&pany:"),
	SHOW(245, 83, 113, P_COMPANY),
	LABEL(190, 100, 50, "&Department:"),
	SHOW(245, 98, 113, P_DEPARTMENT),
	LABEL(190, 115, 50, "Offi&ce:"),
	SHOW(245, 113, 113, P_OFFICE),
	LABEL(190, 130, 50, "P&hone:"),
	SHOW(245, 128, 113, P_BUSINESS_PHONE),
	LABEL(190, 145, 50, "Mo&bile:"),
	SHOW(245, 143, 113, P_MOBILE_PHONE),
	LABEL(12, 165, 40, "No&tes:"),
	SHOW_LINES(55, 163, 303, 36, P_COMMENT),
	PAGE("Organization"),
	LABEL(12, 10, 100, "&Manager:"),
	LIST(12, 22, 346, 24, P_MANAGER),
	LABEL(12, 55, 100, "Direct &reports:"),
	LIST(12, 67, 346, 130, P_REPORTS),
	MEMBER_OF_AND_ADDRESS_PAGES,
};

/* A distribution list's details (DT_DISTLIST). */
static const struct tmpl_control distlist_controls[] = {
	PAGE("General"),
	LABEL(12, 12, 50, "Display &name:"),
	SHOW(65, 10, 293, P_DISPLAY_NAME),
	LABEL(12, 27, 50, "&Alias name:"),
	SHOW(65, 25, 293, P_ACCOUNT),
	LABEL(12, 42, 50, "E-&mail:"),
	SHOW(65, 40, 293, P_SMTP_ADDRESS),
	LABEL(12, 60, 50, "Mem&bers:"),
	LIST(12, 72, 346, 90, P_MEMBERS),
	LABEL(12, 168, 50, "No&tes:"),
	SHOW_LINES(65, 166, 293, 32, P_COMMENT),
	MEMBER_OF_AND_ADDRESS_PAGES,
};

/* A mail contact's details (DT_REMOTE_MAILUSER). */
static const struct tmpl_control contact_controls[] = {
	PAGE("General"),
	GROUP(6, 3, 359, 44, "Name"),
	LABEL(12, 16, 40, "&First:"),
	SHOW(55, 14, 90, P_GIVEN_NAME),
	LABEL(150, 16, 35, "I&nitials:"),
	SHOW(188, 14, 30, P_INITIALS),
	LABEL(224, 16, 30, "&Last:"),
	SHOW(258, 14, 100, P_SURNAME),
	LABEL(12, 31, 40, "Displa&y:"),
	SHOW(55, 29, 303, P_DISPLAY_NAME),
	LABEL(12, 56, 40, "E-&mail:"),
	SHOW(55, 54, 303, P_SMTP_ADDRESS),
	LABEL(12, 76, 50, "&Title:"),
	SHOW(65, 74, 113, P_TITLE),
	LABEL(190, 76, 50, "Com&pany:"),
	SHOW(245, 74, 113, P_COMPANY),
	LABEL(12, 91, 50, "&Department:"),
	SHOW(65, 89, 113, P_DEPARTMENT),
	LABEL(190, 91, 50, "P&hone:"),
	SHOW(245, 89, 113, P_BUSINESS_PHONE),
	LABEL(12, 115, 40, "No&tes:"),
	SHOW_LINES(55, 113, 303, 60, P_COMMENT),
	MEMBER_OF_AND_ADDRESS_PAGES,
};

/* The address book search dialog (DT_SEARCH): the client builds a
 * restriction from what the user types. */
static const struct tmpl_control search_controls[] = {
	PAGE("Search"),
	LABEL(12, 12, 60, "Display &name:"),
	ENTER(80, 10, 278, P_DISPLAY_NAME, 0),
	LABEL(12, 27, 60, "&First name:"),
	ENTER(80, 25, 110, P_GIVEN_NAME, 0),
	LABEL(200, 27, 45, "&Last name:"),
	ENTER(248, 25, 110, P_SURNAME, 0),
	LABEL(12, 42, 60, "&Title:"),
	ENTER(80, 40, 110, P_TITLE, 0),
	LABEL(200, 42, 45, "Ali&as:"),
	ENTER(248, 40, 110, P_ACCOUNT, 0),
	LABEL(12, 57, 60, "&Company:"),
	ENTER(80, 55, 110, P_COMPANY, 0),
	LABEL(200, 57, 45, "&Department:"),
	ENTER(248, 55, 110, P_DEPARTMENT, 0),
	LABEL(12, 72, 60, "&Office:"),
	ENTER(80, 70, 110, P_OFFICE, 0),
	LABEL(200, 72, 45, "C&ity:"),
	ENTER(248, 70, 110, P_LOCALITY, 0),
};

/* Address creation: a one-off Internet (SMTP) recipient. */
static const struct tmpl_control smtp_controls[] = {
	PAGE("New Internet Address"),
	LABEL(12, 12, 70, "&Display name:"),
	ENTER(90, 10, 268, P_DISPLAY_NAME, 0),
	LABEL(12, 30, 70, "&E-mail address:"),
	ENTER(90, 28, 268, P_EMAIL_ADDRESS, TRF_MANDATORY),
};

/* The SMTP script: the address is what the user typed as e-mail
 * address ([MS-OXOABKT] 2.2.2.2: count, then EMIT tag, HALT). */
static const uint32_t smtp_script[] = {
	3, SCRIPT_EMIT, P_EMAIL_ADDRESS, SCRIPT_HALT
};

/* A template object ([MS-OXOABKT] 3.2.1.1). */
struct tmpl_def {
	uint32_t display_type;		/* ulType it answers */
	const char *dn;			/* pDN it answers */
	const char *address_type;	/* TI_EMT */
	const char *name;		/* creation table display name */
	const struct tmpl_control *controls;
	size_t num_controls;
	const uint32_t *script;
	size_t script_len;
};

#define TEMPLATE_DN(kind) "/o=SambaMAPI/cn=" kind "/cn=409/cn="
#define DISPLAY(type, id, controls) \
	{ type, TEMPLATE_DN("Display-Templates") id, "EX", NULL, \
	  controls, ARRAY_SIZE(controls), NULL, 0 }
#define CREATION(address_type, name, controls, script) \
	{ DT_MAILUSER, TEMPLATE_DN("Address-Templates") address_type, \
	  address_type, name, controls, ARRAY_SIZE(controls), \
	  script, ARRAY_SIZE(script) }

static const struct tmpl_def display_templates[] = {
	DISPLAY(DT_MAILUSER, "0", mailuser_controls),
	DISPLAY(DT_DISTLIST, "1", distlist_controls),
	DISPLAY(DT_REMOTE_MAILUSER, "6", contact_controls),
	DISPLAY(DT_SEARCH, "200", search_controls),
};

static const struct tmpl_def creation_templates[] = {
	CREATION("SMTP", "Internet Address", smtp_controls, smtp_script),
};

bool emsabp_creation_template(uint32_t index, const char **address_type,
			      const char **display_name, const char **dn)
{
	if (index >= ARRAY_SIZE(creation_templates)) {
		return false;
	}
	*address_type = creation_templates[index].address_type;
	*display_name = creation_templates[index].name;
	*dn = creation_templates[index].dn;
	return true;
}

static const struct tmpl_def *template_by_dn(const char *dn)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(display_templates); i++) {
		if (strcasecmp(display_templates[i].dn, dn) == 0) {
			return &display_templates[i];
		}
	}
	for (i = 0; i < ARRAY_SIZE(creation_templates); i++) {
		if (strcasecmp(creation_templates[i].dn, dn) == 0) {
			return &creation_templates[i];
		}
	}
	return NULL;
}

/*
 * Whether @a lcid names a locale of [MS-LCID] (2.1, 2.2): the reserved
 * bits clear and either a language-neutral or default LCID or one ICU
 * maps to a locale.
 */
static bool lcid_known(uint32_t lcid)
{
	char name[ULOC_FULLNAME_CAPACITY];
	UErrorCode err = U_ZERO_ERROR;
	uint32_t langid = lcid & 0xFFFF;
	int32_t len;

	if ((lcid & 0xFFF00000) != 0) {
		return false;
	}
	switch (langid) {
	case 0x0000:	/* neutral */
	case 0x007F:	/* LOCALE_INVARIANT */
	case 0x0400:	/* LOCALE_USER_DEFAULT */
	case 0x0800:	/* LOCALE_SYSTEM_DEFAULT */
	case 0x0C00:	/* LOCALE_CUSTOM_DEFAULT */
	case 0x1000:	/* LOCALE_CUSTOM_UNSPECIFIED */
		return true;
	}
	len = uloc_getLocaleForLCID(lcid, name, sizeof(name), &err);
	return U_SUCCESS(err) && len > 0;
}

static const struct tmpl_def *template_by_type(uint32_t display_type,
					       uint32_t locale_id)
{
	size_t i;

	if (!lcid_known(locale_id)) {
		return NULL;
	}
	for (i = 0; i < ARRAY_SIZE(display_templates); i++) {
		if (display_templates[i].display_type == display_type) {
			return &display_templates[i];
		}
	}
	return NULL;
}

/* ------------------------------------------------------------ encoding */

/* The template strings, NUL-terminated, in the client's code page. */
struct string_area {
	iconv_t cd;
	uint8_t *data;
	size_t len;
};

/* Append @a utf8 converted (once: equal strings share their bytes) and
 * return its offset in the area; false if it cannot be converted. */
static bool area_add(TALLOC_CTX *mem_ctx, struct string_area *a,
		     const char *utf8, uint32_t *offset)
{
	size_t in_left = strlen(utf8), out_left = in_left * 4 + 1;
	char *in = discard_const_p(char, utf8), *out, *start;
	size_t pos;

	start = talloc_array(mem_ctx, char, out_left);
	if (start == NULL) {
		return false;
	}
	out = start;
	iconv(a->cd, NULL, NULL, NULL, NULL);
	if (iconv(a->cd, &in, &in_left, &out, &out_left) == (size_t)-1 ||
	    iconv(a->cd, NULL, NULL, &out, &out_left) == (size_t)-1) {
		return false;
	}
	*out++ = '\0';
	for (pos = 0; pos < a->len; pos += strlen((char *)a->data + pos) + 1) {
		if (strcmp((char *)a->data + pos, start) == 0) {
			*offset = pos;
			return true;
		}
	}
	a->data = talloc_realloc(mem_ctx, a->data, uint8_t,
				 a->len + (out - start));
	if (a->data == NULL) {
		return false;
	}
	memcpy(a->data + a->len, start, out - start);
	*offset = a->len;
	a->len += out - start;
	return true;
}

static void put_le32(uint8_t *p, uint32_t v)
{
	p[0] = v & 0xFF;
	p[1] = (v >> 8) & 0xFF;
	p[2] = (v >> 16) & 0xFF;
	p[3] = (v >> 24) & 0xFF;
}

/* The TRow of @a c ([MS-OXOABKT] 2.2.2.1.2), little-endian DWORDs. */
static void put_trow(uint8_t *p, const struct tmpl_control *c,
		     uint32_t string_offset)
{
	const uint32_t v[9] = {
		c->x, c->dx, c->y, c->dy, c->type, c->flags,
		c->prop, c->size, string_offset
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(v); i++) {
		put_le32(p + i * 4, v[i]);
	}
}

/* PidTagTemplateData of @a t in @a code_page. */
static enum MAPISTATUS encode_template(TALLOC_CTX *mem_ctx,
				       const struct tmpl_def *t,
				       uint32_t code_page,
				       struct Binary_r *bin)
{
	TALLOC_CTX *tmp = talloc_new(mem_ctx);
	struct string_area area = { .cd = (iconv_t)-1 };
	size_t head = TROWSET_HEADER + TROW_SIZE * t->num_controls;
	uint32_t *offsets;
	uint8_t *blob;
	size_t i;

	offsets = talloc_array(tmp, uint32_t, t->num_controls);
	area.cd = iconv_open(mapi_iconv_name(tmp, code_page), "UTF-8");
	if (offsets == NULL || area.cd == (iconv_t)-1) {
		talloc_free(tmp);
		return offsets == NULL ? MAPI_E_NOT_ENOUGH_RESOURCES :
					 MAPI_E_UNKNOWN_CPID;
	}
	for (i = 0; i < t->num_controls; i++) {
		if (!area_add(tmp, &area, t->controls[i].text, &offsets[i])) {
			iconv_close(area.cd);
			talloc_free(tmp);
			return MAPI_E_UNKNOWN_CPID;
		}
	}
	iconv_close(area.cd);
	blob = talloc_zero_array(mem_ctx, uint8_t, head + area.len);
	if (blob == NULL) {
		talloc_free(tmp);
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	put_le32(blob, TROWSET_TYPE);
	put_le32(blob + 4, t->num_controls);
	for (i = 0; i < t->num_controls; i++) {
		put_trow(blob + TROWSET_HEADER + i * TROW_SIZE,
			 &t->controls[i], head + offsets[i]);
	}
	memcpy(blob + head, area.data, area.len);
	talloc_free(tmp);
	bin->cb = head + area.len;
	bin->lpb = blob;
	return MAPI_E_SUCCESS;
}

/* PidTagScriptData of @a t; empty when the template has no script. */
static bool encode_script(TALLOC_CTX *mem_ctx, const struct tmpl_def *t,
			  struct Binary_r *bin)
{
	size_t i;

	bin->cb = t->script_len * 4;
	bin->lpb = talloc_zero_array(mem_ctx, uint8_t,
				     bin->cb > 0 ? bin->cb : 1);
	if (bin->lpb == NULL) {
		return false;
	}
	for (i = 0; i < t->script_len; i++) {
		put_le32(bin->lpb + i * 4, t->script[i]);
	}
	return true;
}

/* [MS-OXNSPI] 3.1.4.1.18 constraint 6: one value per flag asked for. */
static enum MAPISTATUS template_row(const struct tmpl_def *t, uint32_t flags,
				    uint32_t code_page,
				    struct PropertyRow_r *row)
{
	struct PropertyValue_r *v;
	enum MAPISTATUS ret;
	uint32_t n = 0;

	v = talloc_zero_array(row, struct PropertyValue_r, 3);
	if (v == NULL) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	if (flags & TI_TEMPLATE) {
		v[n].ulPropTag = PROP_TAG(PID_TEMPLATE_DATA, PT_BINARY);
		ret = encode_template(v, t, code_page, &v[n++].Value.bin);
		if (ret != MAPI_E_SUCCESS) {
			return ret;
		}
	}
	if (flags & TI_SCRIPT) {
		v[n].ulPropTag = PROP_TAG(PID_SCRIPT_DATA, PT_BINARY);
		if (!encode_script(v, t, &v[n++].Value.bin)) {
			return MAPI_E_NOT_ENOUGH_RESOURCES;
		}
	}
	if (flags & TI_EMT) {
		v[n].ulPropTag = PROP_TAG(PID_ADDRESS_TYPE, PT_STRING8);
		v[n++].Value.lpszA = t->address_type;
	}
	row->Reserved = 0;
	row->cValues = n;
	row->lpProps = v;
	return MAPI_E_SUCCESS;
}

/*
 * [MS-OXNSPI] 3.1.4.1.18.  Flags other than TI_TEMPLATE, TI_SCRIPT and
 * TI_EMT are ignored (so TI_HELPFILE_NAME/CONTENTS ask for nothing).
 */
enum MAPISTATUS emsabp_get_template_info(TALLOC_CTX *mem_ctx, uint32_t flags,
					 uint32_t display_type, const char *dn,
					 uint32_t code_page,
					 uint32_t locale_id,
					 struct PropertyRow_r **out)
{
	const struct tmpl_def *t;
	struct PropertyRow_r *row;
	enum MAPISTATUS ret;

	*out = NULL;
	/* constraints 3 and 4 */
	if (code_page == CP_WINUNICODE || !mapi_code_page_known(code_page)) {
		return MAPI_E_UNKNOWN_CPID;
	}
	/* constraint 5: a DN names the template, type and LCID are then
	 * ignored; a template that cannot be found is InvalidLocale */
	t = dn != NULL ? template_by_dn(dn) :
			 template_by_type(display_type, locale_id);
	if (t == NULL) {
		DBG_INFO("no template for type 0x%x, DN %s, LCID 0x%x\n",
			 display_type, dn ? dn : "(none)", locale_id);
		return MAPI_E_UNKNOWN_LCID;
	}
	row = talloc_zero(mem_ctx, struct PropertyRow_r);
	if (row == NULL) {
		return MAPI_E_NOT_ENOUGH_RESOURCES;
	}
	ret = template_row(t, flags, code_page, row);
	if (ret != MAPI_E_SUCCESS) {
		talloc_free(row);
		return ret;
	}
	*out = row;
	return MAPI_E_SUCCESS;
}
