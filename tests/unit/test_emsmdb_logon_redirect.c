/*
 * RopLogon's redirect response (MS-OXCROPS 2.2.3.1.4, MS-OXCSTOR
 * 2.2.1.1.2) as the server writes it for a mailbox homed on another
 * server: byte for byte, the flags it keeps, and a DN too long for its
 * size byte.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <stdbool.h>
#include <cmocka.h>

#include <talloc.h>
#include "gen_ndr/ndr_rops.h"
#include "providers/emsmdb/emsmdb_rop_store.h"

#define OTHERSRV "/o=First Organization/ou=First Administrative Group" \
		 "/cn=Configuration/cn=Servers/cn=OTHERSRV"

static DATA_BLOB push(TALLOC_CTX *mem, struct RopResponse *r)
{
	struct ndr_push *p = ndr_push_init_ctx(mem);

	assert_non_null(p);
	p->flags |= LIBNDR_FLAG_NOALIGN;
	assert_int_equal(ndr_push_RopResponse(p, NDR_SCALARS | NDR_BUFFERS, r),
			 NDR_ERR_SUCCESS);
	return ndr_push_blob(p);
}

static void test_layout(void **state)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct RopResponse r = { .RopId = RopLogon };
	size_t n = strlen(OTHERSRV) + 1;
	DATA_BLOB b;

	r.Body.Logon.OutputHandleIndex = 1;
	/* Private | Undercover | Ghosted | SpoolerProcess: the last goes */
	r.Body.Logon.ReturnValue = emsmdb_logon_redirect(mem, &r.Body.Logon,
							 0x0F, OTHERSRV);
	assert_int_equal(r.Body.Logon.ReturnValue, ecWrongServer);
	b = push(mem, &r);
	/* RopId, OutputHandleIndex, ReturnValue, LogonFlags,
	 * ServerNameSize, ServerName with its NUL */
	assert_int_equal(b.length, 1 + 1 + 4 + 1 + 1 + n);
	assert_int_equal(b.data[0], 0xFE);
	assert_int_equal(b.data[1], 1);
	assert_memory_equal(b.data + 2, "\x78\x04\x00\x00", 4);
	assert_int_equal(b.data[6], 0x07);
	assert_int_equal(b.data[7], n);
	assert_memory_equal(b.data + 8, OTHERSRV, n);
	assert_int_equal(b.data[b.length - 1], 0);
	talloc_free(mem);
}

static void test_private_only(void **state)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct RopLogon_resp resp = { 0 };

	assert_int_equal(emsmdb_logon_redirect(mem, &resp, 0x01, "/o=a"),
			 ecWrongServer);
	assert_int_equal(resp.Data.Redirect.LogonFlags, 0x01);
	assert_int_equal(resp.Data.Redirect.ServerNameSize, 5);
	assert_memory_equal(resp.Data.Redirect.ServerName, "/o=a", 5);
	talloc_free(mem);
}

/* ServerNameSize is one byte: 254 characters and the NUL at most. */
static void test_too_long(void **state)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct RopLogon_resp resp = { 0 };
	char dn[300];

	memset(dn, 'x', sizeof(dn));
	dn[254] = '\0';
	assert_int_equal(emsmdb_logon_redirect(mem, &resp, 1, dn),
			 ecWrongServer);
	assert_int_equal(resp.Data.Redirect.ServerNameSize, 255);
	dn[254] = 'x';
	dn[255] = '\0';
	assert_int_equal(emsmdb_logon_redirect(mem, &resp, 1, dn),
			 MAPI_E_LOGON_FAILED);
	talloc_free(mem);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_private_only),
		cmocka_unit_test(test_too_long),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
