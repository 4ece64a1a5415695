/*
 * Templates suite: NspiGetTemplateInfo ([MS-OXNSPI] 3.1.4.1.18) inside a
 * real Samba AD DC over sealed NTLM: the display template of each entry
 * type in several code pages, the SMTP address creation template by its
 * DN, the error rules for code pages, types, DNs and locales, and a
 * fault without a session.
 */
#include "itest.h"

#include "gen_ndr/ndr_exchange_nsp.h"
#include "gen_ndr/ndr_exchange_nsp_c.h"

#define TAG(id, type) (((uint32_t)(id) << 16) | (type))
#define P_TEMPLATE_DATA	TAG(0x0001, PT_BINARY)
#define P_SCRIPT_DATA	TAG(0x0004, PT_BINARY)
#define P_ADDRTYPE_A	TAG(0x3002, PT_STRING8)

#define LCID_EN_US	0x0409
#define LCID_FR_FR	0x040C
#define SMTP_TEMPLATE_DN "/o=SambaMAPI/cn=Address-Templates/cn=409/cn=SMTP"

static const uint32_t display_types[] = {
	DT_MAILUSER, DT_DISTLIST, DT_REMOTE_MAILUSER, DT_SEARCH
};

static uint32_t le32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/* A session on a fresh sealed connection as the first test user. */
static bool nspi_session(struct itest_env *env, TALLOC_CTX *mem_ctx,
			 struct dcerpc_pipe **p, struct policy_handle *h)
{
	struct STAT stat = { .CodePage = 1252, .TemplateLocale = LCID_EN_US,
			     .SortLocale = LCID_EN_US };
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;

	ITEST_OK(mapi_rpc_connect(mem_ctx, env->rpc, &env->user,
				  &ndr_table_exchange_nsp, p));
	ITEST_OK(dcerpc_NspiBind((*p)->binding_handle, mem_ctx, 0, &stat, NULL,
				 h, &result));
	ITEST_ASSERT(result == MAPI_E_SUCCESS, "NspiBind 0x%08x", result);
	return true;
}

/* A TRowSet ([MS-OXOABKT] 2.2.2.1.1) whose every string offset is in
 * bounds and NUL-terminated. */
static bool trowset_valid(const struct Binary_r *b)
{
	uint32_t rows, i, head;

	if (b->cb < 8 || le32(b->lpb) != 1) {
		return false;
	}
	rows = le32(b->lpb + 4);
	head = 8 + 36 * rows;
	if (rows == 0 || b->cb <= head) {
		return false;
	}
	for (i = 0; i < rows; i++) {
		uint32_t s = le32(b->lpb + 8 + i * 36 + 32);

		if (s < head || s >= b->cb ||
		    memchr(b->lpb + s, '\0', b->cb - s) == NULL) {
			return false;
		}
	}
	return true;
}

static NTSTATUS get_template(struct dcerpc_pipe *p, TALLOC_CTX *mem_ctx,
			     struct policy_handle *h, uint32_t flags,
			     uint32_t type, const char *dn, uint32_t code_page,
			     uint32_t lcid, struct PropertyRow_r **row,
			     enum MAPISTATUS *result)
{
	*row = NULL;
	return dcerpc_NspiGetTemplateInfo(p->binding_handle, mem_ctx, h, flags,
					  type, dn, code_page, lcid, row,
					  result);
}

/* Each entry type's display template in string8 code pages. */
static bool test_display_templates(struct itest_env *env,
				   TALLOC_CTX *mem_ctx)
{
	static const uint32_t code_pages[] = { 1252, 20127, 65001, 850 };
	struct dcerpc_pipe *p;
	struct policy_handle h;
	struct PropertyRow_r *row;
	enum MAPISTATUS result;
	size_t i, c;

	if (!nspi_session(env, mem_ctx, &p, &h)) {
		return false;
	}
	for (i = 0; i < ARRAY_SIZE(display_types); i++) {
		for (c = 0; c < ARRAY_SIZE(code_pages); c++) {
			ITEST_OK(get_template(p, mem_ctx, &h, TI_TEMPLATE,
					      display_types[i], NULL,
					      code_pages[c], LCID_EN_US, &row,
					      &result));
			ITEST_ASSERT(result == MAPI_E_SUCCESS,
				     "type 0x%x cp %u: 0x%08x",
				     display_types[i], code_pages[c], result);
			ITEST_ASSERT(row != NULL && row->cValues == 1 &&
				     row->lpProps[0].ulPropTag ==
				     P_TEMPLATE_DATA, "no template data");
			ITEST_ASSERT(trowset_valid(&row->lpProps[0].Value.bin),
				     "type 0x%x: bad TRowSet",
				     display_types[i]);
		}
	}
	return true;
}

/* The SMTP creation template by DN (ulType and LCID ignored): template,
 * script and address type; the help file flags ask for nothing. */
static bool test_creation_template(struct itest_env *env,
				   TALLOC_CTX *mem_ctx)
{
	uint32_t flags = TI_TEMPLATE | TI_SCRIPT | TI_EMT | TI_HELPFILE_NAME |
			 TI_HELPFILE_CONTENTS;
	struct dcerpc_pipe *p;
	struct policy_handle h;
	struct PropertyRow_r *row;
	enum MAPISTATUS result;

	if (!nspi_session(env, mem_ctx, &p, &h)) {
		return false;
	}
	ITEST_OK(get_template(p, mem_ctx, &h, flags, DT_CONTAINER,
			      SMTP_TEMPLATE_DN, 1252, 0x12345678, &row,
			      &result));
	ITEST_ASSERT(result == MAPI_E_SUCCESS, "SMTP template 0x%08x", result);
	ITEST_ASSERT(row != NULL && row->cValues == 3, "values");
	ITEST_ASSERT(row->lpProps[0].ulPropTag == P_TEMPLATE_DATA &&
		     trowset_valid(&row->lpProps[0].Value.bin), "template");
	ITEST_ASSERT(row->lpProps[1].ulPropTag == P_SCRIPT_DATA &&
		     row->lpProps[1].Value.bin.cb == 16 &&
		     le32(row->lpProps[1].Value.bin.lpb) == 3, "script");
	ITEST_ASSERT(row->lpProps[2].ulPropTag == P_ADDRTYPE_A &&
		     strcmp(row->lpProps[2].Value.lpszA, "SMTP") == 0,
		     "address type");
	return true;
}

/* A known locale without its own templates gets the English ones. */
static bool test_other_locale(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct dcerpc_pipe *p;
	struct policy_handle h;
	struct PropertyRow_r *en, *fr;
	enum MAPISTATUS result;

	if (!nspi_session(env, mem_ctx, &p, &h)) {
		return false;
	}
	ITEST_OK(get_template(p, mem_ctx, &h, TI_TEMPLATE, DT_MAILUSER, NULL,
			      1252, LCID_EN_US, &en, &result));
	ITEST_ASSERT(result == MAPI_E_SUCCESS, "en-US 0x%08x", result);
	ITEST_OK(get_template(p, mem_ctx, &h, TI_TEMPLATE, DT_MAILUSER, NULL,
			      1252, LCID_FR_FR, &fr, &result));
	ITEST_ASSERT(result == MAPI_E_SUCCESS, "fr-FR 0x%08x", result);
	ITEST_ASSERT(en->lpProps[0].Value.bin.cb ==
		     fr->lpProps[0].Value.bin.cb &&
		     memcmp(en->lpProps[0].Value.bin.lpb,
			    fr->lpProps[0].Value.bin.lpb,
			    en->lpProps[0].Value.bin.cb) == 0,
		     "fr-FR template differs");
	return true;
}

struct bad_call {
	const char *what;
	uint32_t type;
	const char *dn;
	uint32_t code_page;
	uint32_t lcid;
	enum MAPISTATUS expected;
};

/* [MS-OXNSPI] 3.1.4.1.18 constraints 1, 3, 4 and 5. */
static bool test_errors(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	static const struct bad_call calls[] = {
		{ "Unicode code page", DT_MAILUSER, NULL, CP_WINUNICODE,
		  LCID_EN_US, MAPI_E_UNKNOWN_CPID },
		{ "unknown code page", DT_MAILUSER, NULL, 99999, LCID_EN_US,
		  MAPI_E_UNKNOWN_CPID },
		{ "bad type", DT_FORUM, NULL, 1252, LCID_EN_US,
		  MAPI_E_UNKNOWN_LCID },
		{ "junk type", 0x7FFFFFFF, NULL, 1252, LCID_EN_US,
		  MAPI_E_UNKNOWN_LCID },
		{ "bad DN", DT_MAILUSER, "/o=Nowhere/cn=no-such-template",
		  1252, LCID_EN_US, MAPI_E_UNKNOWN_LCID },
		{ "unknown locale", DT_MAILUSER, NULL, 1252, 0x12345678,
		  MAPI_E_UNKNOWN_LCID },
	};
	struct dcerpc_pipe *p;
	struct policy_handle h;
	struct PropertyRow_r *row;
	enum MAPISTATUS result;
	size_t i;

	if (!nspi_session(env, mem_ctx, &p, &h)) {
		return false;
	}
	for (i = 0; i < ARRAY_SIZE(calls); i++) {
		const struct bad_call *c = &calls[i];

		ITEST_OK(get_template(p, mem_ctx, &h, TI_TEMPLATE, c->type,
				      c->dn, c->code_page, c->lcid, &row,
				      &result));
		ITEST_ASSERT(result == c->expected, "%s: 0x%08x, expected "
			     "0x%08x", c->what, result, c->expected);
		ITEST_ASSERT(row == NULL, "%s: data with an error", c->what);
	}
	/* the session still works */
	ITEST_OK(get_template(p, mem_ctx, &h, TI_TEMPLATE, DT_MAILUSER, NULL,
			      1252, LCID_EN_US, &row, &result));
	ITEST_ASSERT(result == MAPI_E_SUCCESS, "after errors 0x%08x", result);
	return true;
}

/* Without a session the RPC layer faults, and the server keeps going. */
static bool test_no_session(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct policy_handle bogus = { .handle_type = 0 };
	struct dcerpc_pipe *p;
	struct policy_handle h;
	struct PropertyRow_r *row;
	enum MAPISTATUS result;

	if (!nspi_session(env, mem_ctx, &p, &h)) {
		return false;
	}
	bogus.uuid = GUID_random();
	ITEST_NTSTATUS(get_template(p, mem_ctx, &bogus, TI_TEMPLATE,
				    DT_MAILUSER, NULL, 1252, LCID_EN_US, &row,
				    &result),
		       NT_STATUS_RPC_SS_CONTEXT_MISMATCH);
	ITEST_OK(dcerpc_NspiUnbind(p->binding_handle, mem_ctx, &h, 0,
				   &result));
	ITEST_NTSTATUS(get_template(p, mem_ctx, &h, TI_TEMPLATE, DT_MAILUSER,
				    NULL, 1252, LCID_EN_US, &row, &result),
		       NT_STATUS_RPC_SS_CONTEXT_MISMATCH);
	if (!nspi_session(env, mem_ctx, &p, &h)) {
		return false;
	}
	ITEST_OK(get_template(p, mem_ctx, &h, TI_TEMPLATE, DT_MAILUSER, NULL,
			      1252, LCID_EN_US, &row, &result));
	ITEST_ASSERT(result == MAPI_E_SUCCESS, "after fault 0x%08x", result);
	return true;
}

static const struct itest tests[] = {
	{ "display-templates", test_display_templates },
	{ "creation-template-by-dn", test_creation_template },
	{ "other-locale-english", test_other_locale },
	{ "errors", test_errors },
	{ "no-session-fault", test_no_session },
};

int main(int argc, const char **argv)
{
	return itest_main("nspi-template-info", tests, ARRAY_SIZE(tests), argc,
			  argv);
}
