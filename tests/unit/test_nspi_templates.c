/*
 * Unit tests of the address book templates (providers/emsabp/
 * nspi_templates.c, [MS-OXNSPI] 3.1.4.1.18, [MS-OXOABKT] 2.2.2) and the
 * address creation table (nspi_creation_table.c, [MS-OXOABKT] 2.2.1):
 * every template is parsed back (TRowSet header, each TRow, every string
 * offset in bounds and NUL-terminated), the bindings the brief asks for
 * are there, and the error rules of NspiGetTemplateInfo hold.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <stdlib.h>
#include <stdbool.h>
#include <cmocka.h>

#include "providers/emsabp/emsabp.h"

#include <ndr.h>
#include <gen_ndr/ndr_exchange_nsp.h>

#define TAG(id, type) (((uint32_t)(id) << 16) | (type))

#define P_TEMPLATE_DATA	TAG(0x0001, PT_BINARY)
#define P_SCRIPT_DATA	TAG(0x0004, PT_BINARY)
#define P_ADDRTYPE_A	TAG(0x3002, PT_STRING8)
#define P_ADDRTYPE_W	TAG(0x3002, PT_UNICODE)
#define P_DISPNAME_A	TAG(0x3001, PT_STRING8)
#define P_DISPNAME_W	TAG(0x3001, PT_UNICODE)
#define P_DISPLAY_TYPE	TAG(0x3900, PT_LONG)
#define P_ENTRYID	TAG(0x0FFF, PT_BINARY)
#define P_EMAIL_A	TAG(0x3003, PT_STRING8)
#define P_MEMBERS	TAG(0x8009, PT_OBJECT)
#define P_MEMBER_OF	TAG(0x8008, PT_OBJECT)
#define P_MANAGER	TAG(0x8005, PT_OBJECT)
#define P_REPORTS	TAG(0x800E, PT_OBJECT)
#define P_PROXIES	TAG(0x800F, PT_MV_STRING8)
#define P_GIVEN_NAME_A	TAG(0x3A06, PT_STRING8)

#define TI_ALL (TI_TEMPLATE | TI_SCRIPT | TI_EMT | TI_HELPFILE_NAME | \
		TI_HELPFILE_CONTENTS)

#define CP_1252		1252
#define LCID_EN_US	0x0409
#define LCID_DE_DE	0x0407

/* [MS-OXOABKT] 2.2.2.1.2 control types */
#define TRC_LABEL	0x0
#define TRC_EDIT	0x1
#define TRC_LISTBOX	0x2
#define TRC_CHECKBOX	0x5
#define TRC_GROUPBOX	0x6
#define TRC_BUTTON	0x7
#define TRC_PAGE	0x8
#define TRC_MVLISTBOX	0xB
#define TRC_MVDROPDOWN	0xC

static const uint32_t display_types[] = {
	DT_MAILUSER, DT_DISTLIST, DT_REMOTE_MAILUSER, DT_SEARCH
};

static uint32_t le32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

struct trow {
	uint32_t x, dx, y, dy, type, flags, prop, size, string;
};

static struct trow trow_at(const struct Binary_r *b, uint32_t i)
{
	const uint8_t *p = b->lpb + 8 + i * 36;
	struct trow r = {
		le32(p), le32(p + 4), le32(p + 8), le32(p + 12),
		le32(p + 16), le32(p + 20), le32(p + 24), le32(p + 28),
		le32(p + 32)
	};
	return r;
}

static bool known_control(uint32_t type)
{
	switch (type) {
	case TRC_LABEL: case TRC_EDIT: case TRC_LISTBOX: case TRC_CHECKBOX:
	case TRC_GROUPBOX: case TRC_BUTTON: case TRC_PAGE:
	case TRC_MVLISTBOX: case TRC_MVDROPDOWN:
		return true;
	}
	return false;
}

/* Parse a TRowSet back and check every structural rule; returns the
 * number of rows. */
static uint32_t check_trowset(const struct Binary_r *b)
{
	uint32_t rows, i, head;

	assert_true(b->cb >= 8);
	assert_int_equal(le32(b->lpb), 1);	/* 2.2.2.1.1 Type */
	rows = le32(b->lpb + 4);
	assert_true(rows > 0);
	head = 8 + 36 * rows;
	assert_true(b->cb > head);
	for (i = 0; i < rows; i++) {
		struct trow r = trow_at(b, i);
		const char *s = (const char *)b->lpb + r.string;
		size_t max = b->cb - r.string;

		assert_true(known_control(r.type));
		assert_true(r.string >= head && r.string < b->cb);
		assert_non_null(memchr(s, '\0', max));
		if (r.type == TRC_LABEL) {
			/* 2.2.2.1.3.1: at most 128 characters with NUL */
			assert_true(strlen(s) < 128);
			assert_int_equal(r.prop, 0);
		}
		if (r.type == TRC_EDIT) {
			assert_true(r.prop != 0 && r.size > 0);
		}
	}
	/* a template starts with a page: the controls after it go on it */
	assert_int_equal(trow_at(b, 0).type, TRC_PAGE);
	/* and the data ends on a string terminator */
	assert_int_equal(b->lpb[b->cb - 1], 0);
	return rows;
}

static const struct PropertyValue_r *find_prop(const struct PropertyRow_r *r,
					       uint32_t tag)
{
	uint32_t i;

	for (i = 0; i < r->cValues; i++) {
		if (r->lpProps[i].ulPropTag == tag) {
			return &r->lpProps[i];
		}
	}
	return NULL;
}

static const struct Binary_r *template_of(TALLOC_CTX *mem_ctx,
					  uint32_t type)
{
	struct PropertyRow_r *row = NULL;

	assert_int_equal(emsabp_get_template_info(mem_ctx, TI_TEMPLATE, type,
						  NULL, CP_1252, LCID_EN_US,
						  &row), MAPI_E_SUCCESS);
	assert_non_null(row);
	assert_int_equal(row->cValues, 1);
	assert_int_equal(row->lpProps[0].ulPropTag, P_TEMPLATE_DATA);
	return &row->lpProps[0].Value.bin;
}

/* Whether the template has a control of @a type bound to @a prop. */
static bool has_binding(const struct Binary_r *b, uint32_t type,
			uint32_t prop)
{
	uint32_t i, rows = le32(b->lpb + 4);

	for (i = 0; i < rows; i++) {
		struct trow r = trow_at(b, i);

		if (r.type == type && r.prop == prop) {
			return true;
		}
	}
	return false;
}

static void test_every_display_template_parses(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	size_t i;

	for (i = 0; i < sizeof(display_types) / sizeof(display_types[0]);
	     i++) {
		check_trowset(template_of(mem_ctx, display_types[i]));
	}
	talloc_free(mem_ctx);
}

static void test_bindings(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	const struct Binary_r *user = template_of(mem_ctx, DT_MAILUSER);
	const struct Binary_r *list = template_of(mem_ctx, DT_DISTLIST);
	const struct Binary_r *contact = template_of(mem_ctx,
						     DT_REMOTE_MAILUSER);

	assert_true(has_binding(list, TRC_LISTBOX, P_MEMBERS));
	assert_true(has_binding(list, TRC_LISTBOX, P_MEMBER_OF));
	assert_true(has_binding(user, TRC_LISTBOX, P_MEMBER_OF));
	assert_true(has_binding(user, TRC_LISTBOX, P_MANAGER));
	assert_true(has_binding(user, TRC_LISTBOX, P_REPORTS));
	assert_true(has_binding(user, TRC_MVLISTBOX, P_PROXIES));
	assert_true(has_binding(user, TRC_EDIT, P_GIVEN_NAME_A));
	assert_true(has_binding(contact, TRC_EDIT, P_DISPNAME_A));
	assert_false(has_binding(user, TRC_LISTBOX, P_MEMBERS));
	talloc_free(mem_ctx);
}

/* The same LCID-independent labels for a German client: English is the
 * fallback for every known locale. */
static void test_locale_fallback(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	const struct Binary_r *en = template_of(mem_ctx, DT_MAILUSER);
	struct PropertyRow_r *row = NULL;

	assert_int_equal(emsabp_get_template_info(mem_ctx, TI_TEMPLATE,
						  DT_MAILUSER, NULL, CP_1252,
						  LCID_DE_DE, &row),
			 MAPI_E_SUCCESS);
	assert_int_equal(row->lpProps[0].Value.bin.cb, en->cb);
	assert_memory_equal(row->lpProps[0].Value.bin.lpb, en->lpb, en->cb);
	assert_int_equal(emsabp_get_template_info(mem_ctx, TI_TEMPLATE,
						  DT_MAILUSER, NULL, CP_1252,
						  0, &row), MAPI_E_SUCCESS);
	talloc_free(mem_ctx);
}

/* TI_SCRIPT and TI_EMT, in that order after the template; the help file
 * flags are ignored ([MS-OXNSPI] 3.1.4.1.18 dwFlags). */
static void test_all_flags(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct PropertyRow_r *row = NULL;

	assert_int_equal(emsabp_get_template_info(mem_ctx, TI_ALL, DT_DISTLIST,
						  NULL, CP_1252, LCID_EN_US,
						  &row), MAPI_E_SUCCESS);
	assert_int_equal(row->cValues, 3);
	assert_int_equal(row->lpProps[0].ulPropTag, P_TEMPLATE_DATA);
	assert_int_equal(row->lpProps[1].ulPropTag, P_SCRIPT_DATA);
	/* a display template has no script */
	assert_int_equal(row->lpProps[1].Value.bin.cb, 0);
	assert_int_equal(row->lpProps[2].ulPropTag, P_ADDRTYPE_A);
	assert_string_equal(row->lpProps[2].Value.lpszA, "EX");

	assert_int_equal(emsabp_get_template_info(mem_ctx,
				TI_HELPFILE_NAME | TI_HELPFILE_CONTENTS,
				DT_MAILUSER, NULL, CP_1252, LCID_EN_US, &row),
			 MAPI_E_SUCCESS);
	assert_int_equal(row->cValues, 0);
	talloc_free(mem_ctx);
}

/* Other code pages: the strings are converted, the layout is the same. */
static void test_code_pages(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	const struct Binary_r *ansi = template_of(mem_ctx, DT_MAILUSER);
	static const uint32_t ok[] = { 20127, 65001, 850, 28591, 932 };
	struct PropertyRow_r *row = NULL;
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		assert_int_equal(emsabp_get_template_info(mem_ctx, TI_TEMPLATE,
					DT_MAILUSER, NULL, ok[i], LCID_EN_US,
					&row), MAPI_E_SUCCESS);
		assert_int_equal(check_trowset(&row->lpProps[0].Value.bin),
				 le32(ansi->lpb + 4));
	}
	talloc_free(mem_ctx);
}

static void expect_error(uint32_t flags, uint32_t type, const char *dn,
			 uint32_t code_page, uint32_t lcid,
			 enum MAPISTATUS expected)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct PropertyRow_r *row = (struct PropertyRow_r *)mem_ctx;

	assert_int_equal(emsabp_get_template_info(mem_ctx, flags, type, dn,
						  code_page, lcid, &row),
			 expected);
	/* constraint 1: no data on failure, and nothing left behind */
	assert_null(row);
	assert_int_equal(talloc_total_blocks(mem_ctx), 1);
	talloc_free(mem_ctx);
}

/* [MS-OXNSPI] 3.1.4.1.18 constraints 3 to 5 */
static void test_errors(void **state)
{
	expect_error(TI_TEMPLATE, DT_MAILUSER, NULL, CP_WINUNICODE,
		     LCID_EN_US, MAPI_E_UNKNOWN_CPID);
	expect_error(TI_TEMPLATE, DT_MAILUSER, NULL, 99999, LCID_EN_US,
		     MAPI_E_UNKNOWN_CPID);
	expect_error(TI_TEMPLATE, DT_FORUM, NULL, CP_1252, LCID_EN_US,
		     MAPI_E_UNKNOWN_LCID);
	expect_error(TI_TEMPLATE, DT_CONTAINER, NULL, CP_1252, LCID_EN_US,
		     MAPI_E_UNKNOWN_LCID);
	expect_error(TI_TEMPLATE, 0xDEADBEEF, NULL, CP_1252, LCID_EN_US,
		     MAPI_E_UNKNOWN_LCID);
	expect_error(TI_TEMPLATE, DT_MAILUSER, NULL, CP_1252, 0x12345678,
		     MAPI_E_UNKNOWN_LCID);
	expect_error(TI_TEMPLATE, DT_MAILUSER, NULL, CP_1252, 0xFFFFFFFF,
		     MAPI_E_UNKNOWN_LCID);
	expect_error(TI_TEMPLATE, DT_MAILUSER, "/o=Nowhere/cn=nothing",
		     CP_1252, LCID_EN_US, MAPI_E_UNKNOWN_LCID);
	expect_error(TI_TEMPLATE, DT_MAILUSER, "", CP_1252, LCID_EN_US,
		     MAPI_E_UNKNOWN_LCID);
}

/* The creation table's rows, in Unicode and in string8; the entry ID's
 * DN selects a template with a script whatever ulType and LCID say. */
static void check_creation_table(bool unicode)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct PropertyRowSet_r *set = NULL;
	struct PropertyRow_r *row = NULL;
	const struct PropertyValue_r *v;
	struct PermanentEntryID eid;
	DATA_BLOB blob;
	bool smtp = false;
	uint32_t i;

	assert_int_equal(emsabp_address_creation_table(mem_ctx, unicode, &set),
			 MAPI_E_SUCCESS);
	assert_true(set->cRows >= 1);
	for (i = 0; i < set->cRows; i++) {
		const struct PropertyRow_r *r = &set->aRow[i];
		const char *type;

		v = find_prop(r, unicode ? P_ADDRTYPE_W : P_ADDRTYPE_A);
		assert_non_null(v);
		type = unicode ? v->Value.lpszW : v->Value.lpszA;
		smtp |= strcmp(type, "SMTP") == 0;
		assert_non_null(find_prop(r, unicode ? P_DISPNAME_W :
						      P_DISPNAME_A));
		v = find_prop(r, P_DISPLAY_TYPE);
		assert_non_null(v);
		assert_int_equal(v->Value.l, DT_MAILUSER);
		v = find_prop(r, P_ENTRYID);
		assert_non_null(v);
		blob = data_blob_const(v->Value.bin.lpb, v->Value.bin.cb);
		assert_true(NDR_ERR_CODE_IS_SUCCESS(ndr_pull_struct_blob_all(
			&blob, mem_ctx, &eid,
			(ndr_pull_flags_fn_t)ndr_pull_PermanentEntryID)));
		assert_int_equal(eid.IDType, 0);
		assert_int_equal(eid.ProviderUID.ab[0], 0xDC);
		assert_int_equal(eid.DisplayTypeString, DT_ADDRESS_TEMPLATE);

		assert_int_equal(emsabp_get_template_info(mem_ctx, TI_ALL,
					DT_FORUM, eid.DistinguishedName,
					CP_1252, 0xFFFFFFFF, &row),
				 MAPI_E_SUCCESS);
		assert_int_equal(row->cValues, 3);
		check_trowset(&row->lpProps[0].Value.bin);
		assert_true(row->lpProps[1].Value.bin.cb >= 8);
		assert_string_equal(row->lpProps[2].Value.lpszA, type);
	}
	assert_true(smtp);
	talloc_free(mem_ctx);
}

static void test_creation_table(void **state)
{
	check_creation_table(true);
	check_creation_table(false);
}

/* The SMTP template: a mandatory editable e-mail address, and a script
 * emitting it ([MS-OXOABKT] 2.2.2.2: count, EMIT tag, HALT). */
static void test_smtp_template(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct PropertyRow_r *row = NULL;
	const struct Binary_r *s, *t;
	const char *dn = "/O=SAMBAMAPI/CN=ADDRESS-TEMPLATES/CN=409/CN=SMTP";

	assert_int_equal(emsabp_get_template_info(mem_ctx,
				TI_TEMPLATE | TI_SCRIPT, DT_MAILUSER, dn,
				CP_1252, LCID_EN_US, &row), MAPI_E_SUCCESS);
	t = &row->lpProps[0].Value.bin;
	s = &row->lpProps[1].Value.bin;
	check_trowset(t);
	assert_true(has_binding(t, TRC_EDIT, P_EMAIL_A));
	assert_int_equal(s->cb, 16);
	assert_int_equal(le32(s->lpb), 3);
	assert_int_equal(le32(s->lpb + 4), 0x00000002);
	assert_int_equal(le32(s->lpb + 8), P_EMAIL_A);
	assert_int_equal(le32(s->lpb + 12), 0x00000000);
	talloc_free(mem_ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_display_template_parses),
		cmocka_unit_test(test_bindings),
		cmocka_unit_test(test_locale_fallback),
		cmocka_unit_test(test_all_flags),
		cmocka_unit_test(test_code_pages),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_creation_table),
		cmocka_unit_test(test_smtp_template),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
