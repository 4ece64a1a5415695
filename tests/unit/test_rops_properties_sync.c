/*
   Unit tests for the pidl-generated ROP buffers of idl/rops_transport.idl,
   rops_property.idl, rops_stream.idl, rops_permission.idl, rops_rule.idl,
   rops_fxics.idl and rops_notify.idl ([MS-OXCROPS] 2.2.7 - 2.2.15).

   Every test builds the bytes of a ROP buffer (the part after RopId,
   LogonId and InputHandleIndex for requests, after RopId for responses)
   from the layout in the specification, pulls them into the generated
   struct, checks the fields, pushes the struct back and compares the bytes
   exactly; every truncation of the buffer has to fail cleanly.

   Copyright (C) the sambamapi authors

   This program is free software; you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation; either version 3 of the License, or
   (at your option) any later version.

   This program is distributed in the hope that it will be useful,
   but WITHOUT ANY WARRANTY; without even the implied warranty of
   MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
   GNU General Public License for more details.

   You should have received a copy of the GNU General Public License
   along with this program.  If not, see <http://www.gnu.org/licenses/>.
*/

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <talloc.h>
#include <ndr.h>
#include <charset.h>

#include "gen_ndr/ndr_mapi_types.h"
#include "gen_ndr/ndr_rop_types.h"
#include "gen_ndr/ndr_rops_transport.h"
#include "gen_ndr/ndr_rops_property.h"
#include "gen_ndr/ndr_rops_stream.h"
#include "gen_ndr/ndr_rops_permission.h"
#include "gen_ndr/ndr_rops_rule.h"
#include "gen_ndr/ndr_rops_fxics.h"
#include "gen_ndr/ndr_rops_notify.h"

/* little-endian byte helpers for the buffer initialisers */
#define LE16(x) (uint8_t)((x) & 0xff), (uint8_t)(((x) >> 8) & 0xff)
#define LE32(x) LE16((x) & 0xffff), LE16(((x) >> 16) & 0xffff)
#define LE64(x) LE32((uint64_t)(x) & 0xffffffffULL), LE32(((uint64_t)(x) >> 32) & 0xffffffffULL)

/* PSETID_Common {00062008-0000-0000-C000-000000000046} in wire order */
#define PSETID_COMMON_BYTES 0x08, 0x20, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00, \
	0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46
/* PS_PUBLIC_STRINGS {00020329-0000-0000-C000-000000000046} in wire order */
#define PS_PUBLIC_STRINGS_BYTES 0x29, 0x03, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, \
	0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46
#define GUID_A_BYTES 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, \
	0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF, 0x00

static TALLOC_CTX *tctx;

static int setup(void **state)
{
	(void)state;
	tctx = talloc_new(NULL);
	return tctx ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	TALLOC_FREE(tctx);
	return 0;
}

static enum ndr_err_code pull_buf(const uint8_t *buf, size_t len, void *r,
				  ndr_pull_flags_fn_t pull, uint32_t *consumed)
{
	DATA_BLOB blob = data_blob_const(buf, len);
	struct ndr_pull *ndr;
	enum ndr_err_code err;

	ndr = ndr_pull_init_blob(&blob, tctx);
	assert_non_null(ndr);
	ndr->flags |= LIBNDR_FLAG_NOALIGN;
	err = pull(ndr, NDR_SCALARS | NDR_BUFFERS, r);
	if (consumed != NULL) {
		*consumed = ndr->offset;
	}
	talloc_free(ndr);
	return err;
}

/* push r and compare with the expected bytes */
static void push_compare(const void *r, ndr_push_flags_fn_t push,
			 const uint8_t *expected, size_t len)
{
	struct ndr_push *ndr;
	enum ndr_err_code err;

	ndr = ndr_push_init_ctx(tctx);
	assert_non_null(ndr);
	ndr->flags |= LIBNDR_FLAG_NOALIGN;
	err = push(ndr, NDR_SCALARS | NDR_BUFFERS, r);
	assert_int_equal(err, NDR_ERR_SUCCESS);
	assert_int_equal(ndr->offset, len);
	assert_memory_equal(ndr->data, expected, len);
	talloc_free(ndr);
}

/*
 * Pull buf into a new struct, check that every byte is consumed, push it
 * back and compare, and check that every truncation shorter than
 * min_valid fails (min_valid < len only where the buffer ends with
 * optional or remaining bytes).
 */
static void *roundtrip_(const uint8_t *buf, size_t len, size_t size,
			ndr_pull_flags_fn_t pull, ndr_push_flags_fn_t push,
			size_t min_valid)
{
	void *r = talloc_zero_size(tctx, size);
	uint32_t consumed = 0;
	size_t cut;

	assert_non_null(r);
	assert_int_equal(pull_buf(buf, len, r, pull, &consumed), NDR_ERR_SUCCESS);
	assert_int_equal(consumed, len);
	push_compare(r, push, buf, len);

	for (cut = 0; cut < min_valid && cut < len; cut++) {
		void *t = talloc_zero_size(tctx, size);
		uint8_t *copy = talloc_memdup(tctx, buf, cut ? cut : 1);

		assert_non_null(t);
		assert_int_not_equal(pull_buf(copy, cut, t, pull, NULL),
				     NDR_ERR_SUCCESS);
		talloc_free(copy);
		talloc_free(t);
	}
	return r;
}

#define ROUNDTRIP_MIN(type, buf, min) \
	((struct type *)roundtrip_((buf), sizeof(buf), sizeof(struct type), \
				   (ndr_pull_flags_fn_t)ndr_pull_##type, \
				   (ndr_push_flags_fn_t)ndr_push_##type, (min)))
#define ROUNDTRIP(type, buf) ROUNDTRIP_MIN(type, buf, sizeof(buf))

/*
 * Samba's ndr_pull_string() accepts a null-terminated string whose
 * terminator is missing when the string runs to the end of the buffer, so
 * a cut inside a string that ends the buffer parses.  For such buffers
 * only the cuts up to the start of that string are required to fail.
 */
#define TRAILING_STRING_AT(off) ((off) + 1)
#define PUSH_COMPARE(type, r, buf) \
	push_compare((r), (ndr_push_flags_fn_t)ndr_push_##type, (buf), sizeof(buf))

/* patch a 16-bit size prefix at offset: size of everything after it */
static void patch_size16(uint8_t *buf, size_t len, size_t off)
{
	size_t n = len - off - 2;

	buf[off] = n & 0xff;
	buf[off + 1] = (n >> 8) & 0xff;
}

/* ------------------------------------------------------------------
 * rops_transport.idl
 * ------------------------------------------------------------------ */

static void test_submit_message(void **state)
{
	static const uint8_t req[] = { 0x02 };
	static const uint8_t resp[] = { 0x00, LE32(0x00000000) };
	static const uint8_t resp_fail[] = { 0x00, LE32(0x80040607) };
	struct RopSubmitMessage_req *q;
	struct RopSubmitMessage_resp *p;

	(void)state;
	q = ROUNDTRIP(RopSubmitMessage_req, req);
	assert_int_equal(q->SubmitFlags, SubmitFlags_NeedsSpooler);
	p = ROUNDTRIP(RopSubmitMessage_resp, resp);
	assert_int_equal(p->ReturnValue, MAPI_E_SUCCESS);
	p = ROUNDTRIP(RopSubmitMessage_resp, resp_fail);
	assert_int_equal(p->ReturnValue, MAPI_E_NO_RECIPIENTS);
}

static void test_abort_submit_spooler_lock(void **state)
{
	static const uint8_t abort_req[] = {
		LE64(0x0001000000000A01ULL), LE64(0x0001000000001B02ULL) };
	static const uint8_t lock_req[] = { LE64(0x0001000000001B02ULL), 0x02 };
	struct RopAbortSubmit_req *a;
	struct RopSpoolerLockMessage_req *l;

	(void)state;
	a = ROUNDTRIP(RopAbortSubmit_req, abort_req);
	assert_true(a->FolderId == 0x0001000000000A01ULL);
	assert_true(a->MessageId == 0x0001000000001B02ULL);
	l = ROUNDTRIP(RopSpoolerLockMessage_req, lock_req);
	assert_true(l->MessageId == 0x0001000000001B02ULL);
	assert_int_equal(l->LockState, LockState_Finished);
}

static void test_get_address_types(void **state)
{
	static const uint8_t resp[] = {
		0x00, LE32(0x00000000), LE16(2), LE16(8),
		'S', 'M', 'T', 'P', 0x00, 'E', 'X', 0x00 };
	static const uint8_t resp_fail[] = { 0x00, LE32(0x8004010F) };
	struct RopGetAddressTypes_resp *p;

	(void)state;
	p = ROUNDTRIP_MIN(RopGetAddressTypes_resp, resp, TRAILING_STRING_AT(14));
	assert_int_equal(p->Data.Success.AddressTypeCount, 2);
	assert_int_equal(p->Data.Success.AddressTypeSize, 8);
	assert_string_equal(p->Data.Success.AddressTypes[0], "SMTP");
	assert_string_equal(p->Data.Success.AddressTypes[1], "EX");
	p = ROUNDTRIP(RopGetAddressTypes_resp, resp_fail);
	assert_int_equal(p->ReturnValue, MAPI_E_NOT_FOUND);
}

static void test_transport_send(void **state)
{
	static const uint8_t resp_props[] = {
		0x00, LE32(0x00000000), 0x00, LE16(1),
		LE32(0x0037001F), 'H', 0x00, 'i', 0x00, 0x00, 0x00 };
	static const uint8_t resp_none[] = { 0x00, LE32(0x00000000), 0x01 };
	struct RopTransportSend_resp *p;

	(void)state;
	p = ROUNDTRIP_MIN(RopTransportSend_resp, resp_props, TRAILING_STRING_AT(12));
	assert_int_equal(p->Data.Success.NoPropertiesReturned, 0);
	assert_int_equal(p->Data.Success.Properties.Properties.PropertyValueCount, 1);
	assert_int_equal(p->Data.Success.Properties.Properties.PropertyValues[0].PropertyTag,
			 0x0037001F);
	assert_string_equal(p->Data.Success.Properties.Properties.PropertyValues[0].Value.String,
			    "Hi");
	p = ROUNDTRIP(RopTransportSend_resp, resp_none);
	assert_int_equal(p->Data.Success.NoPropertiesReturned, 1);
}

static void test_transport_new_mail(void **state)
{
	static const uint8_t req[] = {
		LE64(0x0001000000001B02ULL), LE64(0x0001000000000A01ULL),
		'I', 'P', 'M', '.', 'N', 'o', 't', 'e', 0x00, LE32(0x00000001) };
	struct RopTransportNewMail_req *q;

	(void)state;
	q = ROUNDTRIP(RopTransportNewMail_req, req);
	assert_true(q->MessageId == 0x0001000000001B02ULL);
	assert_true(q->FolderId == 0x0001000000000A01ULL);
	assert_string_equal(q->MessageClass, "IPM.Note");
	assert_int_equal(q->MessageFlags, 1);
}

static void test_options_data(void **state)
{
	static const uint8_t req[] = { 'S', 'M', 'T', 'P', 0x00, 0x01 };
	static const uint8_t resp[] = {
		0x00, LE32(0x00000000), 0x01, LE16(3), 0xAA, 0xBB, 0xCC,
		LE16(2), 0xDD, 0xEE, 'h', '.', 'h', 'l', 'p', 0x00 };
	static const uint8_t resp_nohelp[] = {
		0x00, LE32(0x00000000), 0x01, LE16(1), 0xAA, LE16(0) };
	struct RopOptionsData_req *q;
	struct RopOptionsData_resp *p;

	(void)state;
	q = ROUNDTRIP(RopOptionsData_req, req);
	assert_string_equal(q->AddressType, "SMTP");
	assert_int_equal(q->WantWin32, 1);
	p = ROUNDTRIP_MIN(RopOptionsData_resp, resp, TRAILING_STRING_AT(15));
	assert_int_equal(p->Data.Success.OptionsInfoSize, 3);
	assert_int_equal(p->Data.Success.OptionsInfo[2], 0xCC);
	assert_int_equal(p->Data.Success.HelpFileSize, 2);
	assert_string_equal(p->Data.Success.HelpFileName.HelpFileName, "h.hlp");
	p = ROUNDTRIP(RopOptionsData_resp, resp_nohelp);
	assert_int_equal(p->Data.Success.HelpFileSize, 0);
}

/* ------------------------------------------------------------------
 * rops_property.idl
 * ------------------------------------------------------------------ */

static void test_get_properties_specific(void **state)
{
	static const uint8_t req[] = {
		LE16(0x0000), LE16(0x0001), LE16(2),
		LE32(0x0037001F), LE32(0x0E080003) };
	/* RowData: StandardPropertyRow (Flag 0x00), "A", 1234 */
	static const uint8_t resp[] = {
		0x01, LE32(0x00000000),
		0x00, 'A', 0x00, 0x00, 0x00, LE32(1234) };
	static const uint8_t resp_fail[] = { 0x01, LE32(0x80040108) };
	struct RopGetPropertiesSpecific_req *q;
	struct RopGetPropertiesSpecific_resp *p;

	(void)state;
	q = ROUNDTRIP(RopGetPropertiesSpecific_req, req);
	assert_int_equal(q->WantUnicode, 1);
	assert_int_equal(q->PropertyTagCount, 2);
	assert_int_equal(q->PropertyTags[1], 0x0E080003);
	/* RowData is the rest of the buffer: any length from 0 is valid */
	p = ROUNDTRIP_MIN(RopGetPropertiesSpecific_resp, resp, 5);
	assert_int_equal(p->InputHandleIndex, 1);
	assert_int_equal(p->Data.Success.RowData.length, 9);
	assert_int_equal(p->Data.Success.RowData.data[1], 'A');
	p = ROUNDTRIP(RopGetPropertiesSpecific_resp, resp_fail);
	assert_int_equal(p->ReturnValue, MAPI_E_INVALID_OBJECT);
}

static void test_get_properties_all_list(void **state)
{
	static const uint8_t all_req[] = { LE16(0x1000), LE16(0x0000) };
	static const uint8_t all_resp[] = {
		0x00, LE32(0x00000000), LE16(2),
		LE32(0x0E070003), LE32(9), LE32(0x0E1B000B), 0x01 };
	static const uint8_t list_resp[] = {
		0x00, LE32(0x00000000), LE16(2), LE32(0x0E070003), LE32(0x0E1B000B) };
	struct RopGetPropertiesAll_req *q;
	struct RopGetPropertiesAll_resp *p;
	struct RopGetPropertiesList_resp *l;

	(void)state;
	q = ROUNDTRIP(RopGetPropertiesAll_req, all_req);
	assert_int_equal(q->PropertySizeLimit, 0x1000);
	p = ROUNDTRIP(RopGetPropertiesAll_resp, all_resp);
	assert_int_equal(p->Data.Success.PropertyValueCount, 2);
	assert_int_equal(p->Data.Success.PropertyValues[0].Value.Integer32, 9);
	assert_int_equal(p->Data.Success.PropertyValues[1].Value.Boolean, 1);
	l = ROUNDTRIP(RopGetPropertiesList_resp, list_resp);
	assert_int_equal(l->Data.Success.PropertyTagCount, 2);
	assert_int_equal(l->Data.Success.PropertyTags[1], 0x0E1B000B);
}

/* PropertyValueSize, PropertyValueCount, then ten values of nine types */
static uint8_t set_props_req[] = {
	LE16(0 /* patched */), LE16(10),
	LE32(0x0E070003), LE32(0x12345678),			/* PT_LONG */
	LE32(0x0037001F), 'H', 0x00, 'i', 0x00, 0x00, 0x00,	/* PT_UNICODE */
	LE32(0x001A001E), 'I', 'P', 'M', '.', 'N', 'o', 't', 'e', 0x00, /* PT_STRING8 */
	LE32(0x0E1B000B), 0x01,					/* PT_BOOLEAN */
	LE32(0x0FFF0102), LE16(3), 0x01, 0x02, 0x03,		/* PT_BINARY */
	LE32(0x0E080014), LE64(0x1122334455667788ULL),		/* PT_I8 */
	LE32(0x00390040), LE64(0x01D5A1B2C3D4E5F6ULL),		/* PT_SYSTIME */
	LE32(0x80011003), LE32(2), LE32(1), LE32(2),		/* PT_MV_LONG */
	LE32(0x80020002), LE16(0x0102),				/* PT_SHORT */
	LE32(0x8003000A), LE32(0x8004010F),			/* PT_ERROR */
};

static void check_set_values(const struct PropertySetValues *v)
{
	const struct TaggedPropertyValue *pv = v->PropertyValues;

	assert_int_equal(v->PropertyValueCount, 10);
	assert_int_equal(pv[0].Value.Integer32, 0x12345678);
	assert_string_equal(pv[1].Value.String, "Hi");
	assert_string_equal(pv[2].Value.String8, "IPM.Note");
	assert_int_equal(pv[3].Value.Boolean, 1);
	assert_int_equal(pv[4].Value.Binary.Count, 3);
	assert_int_equal(pv[4].Value.Binary.Data[2], 0x03);
	assert_true(pv[5].Value.Integer64 == 0x1122334455667788ULL);
	assert_true(pv[6].Value.Time == 0x01D5A1B2C3D4E5F6ULL);
	assert_int_equal(pv[7].Value.MultipleInteger32.Count, 2);
	assert_int_equal(pv[7].Value.MultipleInteger32.Values[1], 2);
	assert_int_equal(pv[8].Value.Integer16, 0x0102);
	assert_int_equal(pv[9].Value.ErrorCode, MAPI_E_NOT_FOUND);
}

static void test_set_properties(void **state)
{
	static const uint8_t resp[] = {
		0x00, LE32(0x00000000), LE16(1),
		LE16(2), LE32(0x001A001E), LE32(0x80040102) };
	struct RopSetProperties_req *q;
	struct RopSetPropertiesNoReplicate_req *n;
	struct RopSetProperties_resp *p;
	struct RopSetProperties_req built;
	struct TaggedPropertyValue vals[2];
	static const uint8_t built_bytes[] = {
		LE16(18), LE16(2), LE32(0x0E070003), LE32(7),
		LE32(0x0037001F), 'x', 0x00, 0x00, 0x00 };
	static uint8_t bad_size[sizeof(set_props_req)];

	(void)state;
	patch_size16(set_props_req, sizeof(set_props_req), 0);
	assert_int_equal(set_props_req[0], 101);

	q = ROUNDTRIP(RopSetProperties_req, set_props_req);
	check_set_values(&q->Values);
	n = ROUNDTRIP(RopSetPropertiesNoReplicate_req, set_props_req);
	check_set_values(&n->Values);

	/* a PropertyValueSize larger than the buffer fails */
	memcpy(bad_size, set_props_req, sizeof(bad_size));
	bad_size[0] += 1;
	{
		struct RopSetProperties_req t;

		memset(&t, 0, sizeof(t));
		assert_int_not_equal(pull_buf(bad_size, sizeof(bad_size), &t,
			(ndr_pull_flags_fn_t)ndr_pull_RopSetProperties_req, NULL),
			NDR_ERR_SUCCESS);
	}

	p = ROUNDTRIP(RopSetProperties_resp, resp);
	assert_int_equal(p->Data.Success.PropertyProblemCount, 1);
	assert_int_equal(p->Data.Success.PropertyProblems[0].Index, 2);
	assert_int_equal(p->Data.Success.PropertyProblems[0].ErrorCode,
			 MAPI_E_NO_SUPPORT);

	/* client side: PropertyValueSize is computed on push */
	memset(&built, 0, sizeof(built));
	memset(vals, 0, sizeof(vals));
	vals[0].PropertyTag = 0x0E070003;
	vals[0].Value.Integer32 = 7;
	vals[1].PropertyTag = 0x0037001F;
	vals[1].Value.String = "x";
	built.Values.PropertyValueCount = 2;
	built.Values.PropertyValues = vals;
	PUSH_COMPARE(RopSetProperties_req, &built, built_bytes);
}

static void test_delete_properties(void **state)
{
	static const uint8_t req[] = { LE16(2), LE32(0x0037001F), LE32(0x0E070003) };
	static const uint8_t resp[] = { 0x00, LE32(0x00000000), LE16(0) };
	struct RopDeletePropertiesNoReplicate_req *q;
	struct RopDeleteProperties_resp *p;

	(void)state;
	q = ROUNDTRIP(RopDeletePropertiesNoReplicate_req, req);
	assert_int_equal(q->PropertyTags[0], 0x0037001F);
	ROUNDTRIP(RopDeleteProperties_req, req);
	p = ROUNDTRIP(RopDeleteProperties_resp, resp);
	assert_int_equal(p->Data.Success.PropertyProblemCount, 0);
}

static void test_copy_to(void **state)
{
	static const uint8_t req[] = {
		0x01, 0x00, 0x01, 0x02, LE16(1), LE32(0x0E070003) };
	static const uint8_t resp_ok[] = {
		0x00, LE32(0x00000000), LE16(1),
		LE16(0), LE32(0x0E070003), LE32(0x80070005) };
	static const uint8_t resp_nulldest[] = {
		0x00, LE32(0x00000503), LE32(0x00000001) };
	static const uint8_t resp_fail[] = { 0x00, LE32(0x80040102) };
	struct RopCopyTo_req *q;
	struct RopCopyTo_resp *p;
	struct RopCopyProperties_resp *c;

	(void)state;
	q = ROUNDTRIP(RopCopyTo_req, req);
	assert_int_equal(q->DestHandleIndex, 1);
	assert_int_equal(q->WantSubObjects, 1);
	assert_int_equal(q->CopyFlags, PropertyCopyFlags_NoOverwrite);
	assert_int_equal(q->ExcludedTagCount, 1);
	assert_int_equal(q->ExcludedTags[0], 0x0E070003);
	p = ROUNDTRIP(RopCopyTo_resp, resp_ok);
	assert_int_equal(p->Data.Success.PropertyProblems[0].ErrorCode,
			 MAPI_E_NO_ACCESS);
	p = ROUNDTRIP(RopCopyTo_resp, resp_nulldest);
	assert_int_equal(p->ReturnValue, ecDstNullObject);
	assert_int_equal(p->Data.DestHandleIndex, 1);
	p = ROUNDTRIP(RopCopyTo_resp, resp_fail);
	assert_int_equal(p->ReturnValue, MAPI_E_NO_SUPPORT);
	c = ROUNDTRIP(RopCopyProperties_resp, resp_nulldest);
	assert_int_equal(c->Data.DestHandleIndex, 1);
}

/* a LID name and a string name */
static const uint8_t names_bytes[] = {
	0x00, PSETID_COMMON_BYTES, LE32(0x00008501),
	0x01, PS_PUBLIC_STRINGS_BYTES, 0x12,
	'K', 0, 'e', 0, 'y', 0, 'w', 0, 'o', 0, 'r', 0, 'd', 0, 's', 0, 0, 0 };

static void check_names(const struct PropertyName *n)
{
	static const uint8_t common[] = { PSETID_COMMON_BYTES };
	uint8_t guid[16];
	DATA_BLOB b = { .data = guid, .length = sizeof(guid) };

	assert_int_equal(n[0].Kind, MNID_ID);
	assert_int_equal(n[0].Value.LID, 0x8501);
	assert_true(NT_STATUS_IS_OK(GUID_to_ndr_blob(&n[0].Guid, tctx, &b)));
	assert_memory_equal(b.data, common, 16);
	assert_int_equal(n[1].Kind, MNID_STRING);
	assert_int_equal(n[1].Value.Name.NameSize, 18);
	assert_memory_equal(n[1].Value.Name.Name, "K\0e\0y\0w\0o\0r\0d\0s\0\0\0", 18);
}

static void test_get_property_ids_from_names(void **state)
{
	uint8_t req[3 + sizeof(names_bytes)];
	static const uint8_t resp[] = {
		0x00, LE32(0x00000000), LE16(2), LE16(0x8001), LE16(0x8002) };
	static const uint8_t resp_warn[] = {
		0x00, LE32(0x00040380), LE16(2), LE16(0x8001), LE16(0x0000) };
	struct RopGetPropertyIdsFromNames_req *q;
	struct RopGetPropertyIdsFromNames_resp *p;

	(void)state;
	req[0] = 0x02;		/* Create */
	req[1] = 2;
	req[2] = 0;
	memcpy(req + 3, names_bytes, sizeof(names_bytes));
	q = ROUNDTRIP(RopGetPropertyIdsFromNames_req, req);
	assert_int_equal(q->Flags, GetPropertyIdsFromNames_Create);
	assert_int_equal(q->PropertyNameCount, 2);
	check_names(q->PropertyNames);

	p = ROUNDTRIP(RopGetPropertyIdsFromNames_resp, resp);
	assert_int_equal(p->Data.Success.PropertyIdCount, 2);
	assert_int_equal(p->Data.Success.PropertyIds[1], 0x8002);
	p = ROUNDTRIP(RopGetPropertyIdsFromNames_resp, resp_warn);
	assert_int_equal(p->ReturnValue, MAPI_W_ERRORS_RETURNED);
	assert_int_equal(p->Data.Warning.PropertyIds[1], 0x0000);
}

static void test_get_names_from_property_ids(void **state)
{
	static const uint8_t req[] = { LE16(2), LE16(0x8001), LE16(0x8002) };
	uint8_t resp[7 + sizeof(names_bytes)];
	struct RopGetNamesFromPropertyIds_req *q;
	struct RopGetNamesFromPropertyIds_resp *p;

	(void)state;
	q = ROUNDTRIP(RopGetNamesFromPropertyIds_req, req);
	assert_int_equal(q->PropertyIds[0], 0x8001);
	resp[0] = 0x00;
	memset(resp + 1, 0, 4);
	resp[5] = 2;
	resp[6] = 0;
	memcpy(resp + 7, names_bytes, sizeof(names_bytes));
	p = ROUNDTRIP(RopGetNamesFromPropertyIds_resp, resp);
	assert_int_equal(p->Data.Success.PropertyNameCount, 2);
	check_names(p->Data.Success.PropertyNames);
}

static void test_query_named_properties(void **state)
{
	static const uint8_t req_guid[] = { 0x01, 0x01, PSETID_COMMON_BYTES };
	static const uint8_t req_noguid[] = { 0x02, 0x00 };
	static const uint8_t resp[] = {
		0x00, LE32(0x00000000), LE16(1), LE16(0x8001),
		0x00, PSETID_COMMON_BYTES, LE32(0x00008501) };
	struct RopQueryNamedProperties_req *q;
	struct RopQueryNamedProperties_resp *p;

	(void)state;
	q = ROUNDTRIP(RopQueryNamedProperties_req, req_guid);
	assert_int_equal(q->QueryFlags, PropertyQueryFlags_NoStrings);
	assert_int_equal(q->HasGuid, 1);
	assert_int_equal(q->PropertyGuid.PropertyGuid.time_low, 0x00062008);
	q = ROUNDTRIP(RopQueryNamedProperties_req, req_noguid);
	assert_int_equal(q->HasGuid, 0);
	p = ROUNDTRIP(RopQueryNamedProperties_resp, resp);
	assert_int_equal(p->Data.Success.IdCount, 1);
	assert_int_equal(p->Data.Success.PropertyIds[0], 0x8001);
	assert_int_equal(p->Data.Success.PropertyNames[0].Value.LID, 0x8501);
}

static void test_progress(void **state)
{
	static const uint8_t req[] = { 0x01 };
	static const uint8_t resp[] = {
		0x00, LE32(0x00000000), 0x00, LE32(3), LE32(10) };
	struct RopProgress_resp *p;

	(void)state;
	ROUNDTRIP(RopProgress_req, req);
	p = ROUNDTRIP(RopProgress_resp, resp);
	assert_int_equal(p->Data.Success.CompletedTaskCount, 3);
	assert_int_equal(p->Data.Success.TotalTaskCount, 10);
}

/* ------------------------------------------------------------------
 * rops_stream.idl
 * ------------------------------------------------------------------ */

static void test_open_stream(void **state)
{
	static const uint8_t req[] = { 0x01, LE32(0x1000001F), 0x01 };
	static const uint8_t resp[] = { 0x01, LE32(0x00000000), LE32(0x1234) };
	static const uint8_t resp_fail[] = { 0x01, LE32(0x8004010F) };
	struct RopOpenStream_req *q;
	struct RopOpenStream_resp *p;

	(void)state;
	q = ROUNDTRIP(RopOpenStream_req, req);
	assert_int_equal(q->OutputHandleIndex, 1);
	assert_int_equal(q->PropertyTag, 0x1000001F);
	assert_int_equal(q->OpenModeFlags, OpenStream_ReadWrite);
	p = ROUNDTRIP(RopOpenStream_resp, resp);
	assert_int_equal(p->Data.Success.StreamSize, 0x1234);
	p = ROUNDTRIP(RopOpenStream_resp, resp_fail);
	assert_int_equal(p->ReturnValue, MAPI_E_NOT_FOUND);
}

static void test_read_stream(void **state)
{
	static const uint8_t req_plain[] = { LE16(0x0100) };
	static const uint8_t req_max[] = { LE16(0xBABE), LE32(0x00010000) };
	static const uint8_t resp[] = {
		0x00, LE32(0x00000000), LE16(3), 'a', 'b', 'c' };
	static const uint8_t resp_fail[] = { 0x00, LE32(0x80004005), LE16(0) };
	struct RopReadStream_req *q;
	struct RopReadStream_resp *p;
	struct RopReadStream_req built;
	uint32_t consumed;

	(void)state;
	q = ROUNDTRIP(RopReadStream_req, req_plain);
	assert_int_equal(q->ByteCount, 0x0100);
	q = ROUNDTRIP(RopReadStream_req, req_max);
	assert_int_equal(q->ByteCount, 0xBABE);
	assert_int_equal(q->MaximumByteCount.MaximumByteCount, 0x00010000);

	/* the plain form stops after ByteCount even if more bytes follow */
	q = talloc_zero(tctx, struct RopReadStream_req);
	assert_int_equal(pull_buf(req_max, sizeof(req_max), q,
		(ndr_pull_flags_fn_t)ndr_pull_RopReadStream_req, &consumed),
		NDR_ERR_SUCCESS);
	assert_int_equal(consumed, 6);

	/* client side */
	memset(&built, 0, sizeof(built));
	built.ByteCount = 0xBABE;
	built.MaximumByteCount.MaximumByteCount = 0x00010000;
	PUSH_COMPARE(RopReadStream_req, &built, req_max);
	built.ByteCount = 0x0100;
	PUSH_COMPARE(RopReadStream_req, &built, req_plain);

	p = ROUNDTRIP(RopReadStream_resp, resp);
	assert_int_equal(p->DataSize, 3);
	assert_memory_equal(p->Data, "abc", 3);
	p = ROUNDTRIP(RopReadStream_resp, resp_fail);
	assert_int_equal(p->ReturnValue, MAPI_E_CALL_FAILED);
	assert_int_equal(p->DataSize, 0);
}

static void test_write_stream(void **state)
{
	static const uint8_t req[] = { LE16(4), 0x01, 0x02, 0x03, 0x04 };
	static const uint8_t resp[] = { 0x00, LE32(0x00000000), LE16(4) };
	struct RopWriteStream_req *q;
	struct RopWriteStream_resp *p;
	struct RopWriteAndCommitStream_resp *c;

	(void)state;
	q = ROUNDTRIP(RopWriteStream_req, req);
	assert_int_equal(q->DataSize, 4);
	assert_int_equal(q->Data[3], 0x04);
	p = ROUNDTRIP(RopWriteStream_resp, resp);
	assert_int_equal(p->WrittenSize, 4);
	ROUNDTRIP(RopWriteAndCommitStream_req, req);
	c = ROUNDTRIP(RopWriteAndCommitStream_resp, resp);
	assert_int_equal(c->WrittenSize, 4);
}

/* MS-OXCROPS 2.2.9.4: WrittenSize of RopWriteStreamExtended is 4 bytes */
static void test_write_stream_extended(void **state)
{
	static const uint8_t req[] = { LE16(2), 0xAA, 0xBB };
	static const uint8_t resp[] = {
		0x00, LE32(0x80040305), LE32(0x00010001) };
	struct RopWriteStreamExtended_req *q;
	struct RopWriteStreamExtended_resp *p;

	(void)state;
	q = ROUNDTRIP(RopWriteStreamExtended_req, req);
	assert_int_equal(q->DataSize, 2);
	assert_int_equal(q->Data[1], 0xBB);
	p = ROUNDTRIP(RopWriteStreamExtended_resp, resp);
	assert_int_equal(p->ReturnValue, MAPI_E_TOO_BIG);
	assert_int_equal(p->WrittenSize, 0x00010001);
}

static void test_seek_size_lock_stream(void **state)
{
	static const uint8_t seek_req[] = { 0x01, LE64(0xFFFFFFFFFFFFFFFBULL) };
	static const uint8_t seek_resp[] = { 0x00, LE32(0x00000000), LE64(100) };
	static const uint8_t setsize_req[] = { LE64(0x0000000100000000ULL) };
	static const uint8_t getsize_resp[] = { 0x00, LE32(0x00000000), LE32(77) };
	static const uint8_t lock_req[] = { LE64(0), LE64(0x100), LE32(0x00000001) };
	struct RopSeekStream_req *sq;
	struct RopSeekStream_resp *sp;
	struct RopSetStreamSize_req *zq;
	struct RopGetStreamSize_resp *gp;
	struct RopLockRegionStream_req *lq;

	(void)state;
	sq = ROUNDTRIP(RopSeekStream_req, seek_req);
	assert_int_equal(sq->Origin, StreamSeek_Current);
	assert_true((int64_t)sq->Offset == -5);
	sp = ROUNDTRIP(RopSeekStream_resp, seek_resp);
	assert_true(sp->Data.Success.NewPosition == 100);
	zq = ROUNDTRIP(RopSetStreamSize_req, setsize_req);
	assert_true(zq->StreamSize == 0x0000000100000000ULL);
	gp = ROUNDTRIP(RopGetStreamSize_resp, getsize_resp);
	assert_int_equal(gp->Data.Success.StreamSize, 77);
	lq = ROUNDTRIP(RopLockRegionStream_req, lock_req);
	assert_true(lq->RegionSize == 0x100);
	assert_int_equal(lq->LockFlags, StreamLock_Exclusive);
	ROUNDTRIP(RopUnlockRegionStream_req, lock_req);
}

static void test_copy_to_stream(void **state)
{
	static const uint8_t req[] = { 0x02, LE64(0x1000) };
	static const uint8_t resp[] = {
		0x01, LE32(0x00000000), LE64(0x1000), LE64(0x0FF0) };
	static const uint8_t resp_nulldest[] = {
		0x01, LE32(0x00000503), LE32(0x00000002), LE64(0), LE64(0) };
	static const uint8_t resp_fail[] = {
		0x01, LE32(0x80004005), LE64(0x10), LE64(0) };
	struct RopCopyToStream_req *q;
	struct RopCopyToStream_resp *p;

	(void)state;
	q = ROUNDTRIP(RopCopyToStream_req, req);
	assert_int_equal(q->DestHandleIndex, 2);
	assert_true(q->ByteCount == 0x1000);
	p = ROUNDTRIP(RopCopyToStream_resp, resp);
	assert_int_equal(p->SourceHandleIndex, 1);
	assert_true(p->Data.Counts.ReadByteCount == 0x1000);
	assert_true(p->Data.Counts.WrittenByteCount == 0x0FF0);
	p = ROUNDTRIP(RopCopyToStream_resp, resp_nulldest);
	assert_int_equal(p->Data.NullDestination.DestHandleIndex, 2);
	p = ROUNDTRIP(RopCopyToStream_resp, resp_fail);
	assert_true(p->Data.Counts.ReadByteCount == 0x10);
}

static void test_clone_commit_stream(void **state)
{
	static const uint8_t req[] = { 0x03 };
	static const uint8_t resp[] = { 0x03, LE32(0x00000000) };
	static const uint8_t empty[] = { 0x00 };
	struct RopCloneStream_resp *p;
	struct RopCommitStream_req c;
	uint32_t consumed = 99;

	(void)state;
	ROUNDTRIP(RopCloneStream_req, req);
	p = ROUNDTRIP(RopCloneStream_resp, resp);
	assert_int_equal(p->OutputHandleIndex, 3);
	/* an empty request body consumes nothing */
	assert_int_equal(pull_buf(empty, 0, &c,
		(ndr_pull_flags_fn_t)ndr_pull_RopCommitStream_req, &consumed),
		NDR_ERR_SUCCESS);
	assert_int_equal(consumed, 0);
}

/* ------------------------------------------------------------------
 * rops_permission.idl, rops_rule.idl
 * ------------------------------------------------------------------ */

static void test_permissions(void **state)
{
	static const uint8_t table_req[] = { 0x01, 0x02 };
	static const uint8_t modify_req[] = {
		0x00, LE16(1),
		0x01, LE16(2),
		LE32(0x0FFF0102), LE16(3), 0xAA, 0xBB, 0xCC,
		LE32(0x66730003), LE32(0x000004FB) };
	struct RopGetPermissionsTable_req *t;
	struct RopModifyPermissions_req *q;

	(void)state;
	t = ROUNDTRIP(RopGetPermissionsTable_req, table_req);
	assert_int_equal(t->TableFlags, PermissionsTable_IncludeFreeBusy);
	q = ROUNDTRIP(RopModifyPermissions_req, modify_req);
	assert_int_equal(q->ModifyCount, 1);
	assert_int_equal(q->PermissionsData[0].PermissionDataFlags,
			 PermissionData_AddRow);
	assert_int_equal(q->PermissionsData[0].PropertyValueCount, 2);
	assert_int_equal(q->PermissionsData[0].PropertyValues[1].Value.Integer32,
			 0x04FB);
}

static void test_rules(void **state)
{
	static const uint8_t table_req[] = { 0x01, 0x40 };
	static const uint8_t modify_req[] = {
		0x00, LE16(1),
		0x01, LE16(4),
		LE32(0x66760003), LE32(10),
		LE32(0x66770003), LE32(1),
		/* PidTagRuleCondition: RES_EXIST PidTagSubject */
		LE32(0x667900FD), 0x08, LE32(0x0037001F),
		/* PidTagRuleActions: one OP_DELETE action block */
		LE32(0x668000FE), LE16(1), LE16(9),
		0x0A, LE32(0), LE32(0) };
	static const uint8_t deferred_req[] = {
		LE16(2), 0xAA, 0xBB, LE16(3), 0xCC, 0xDD, 0xEE };
	struct RopGetRulesTable_req *t;
	struct RopModifyRules_req *q;
	struct RopUpdateDeferredActionMessages_req *d;
	const struct TaggedPropertyValue *pv;

	(void)state;
	t = ROUNDTRIP(RopGetRulesTable_req, table_req);
	assert_int_equal(t->TableFlags, RulesTable_Unicode);
	q = ROUNDTRIP(RopModifyRules_req, modify_req);
	assert_int_equal(q->RulesCount, 1);
	assert_int_equal(q->RulesData[0].RuleDataFlags, RuleData_RowAdd);
	pv = q->RulesData[0].PropertyValues;
	assert_int_equal(pv[0].Value.Integer32, 10);
	assert_int_equal(pv[2].Value.Restriction.Restriction[0].RestrictType, RES_EXIST);
	assert_int_equal(pv[2].Value.Restriction.Restriction[0].Res.Exist.PropTag,
			 0x0037001F);
	assert_int_equal(pv[3].Value.RuleAction.NoOfActions, 1);
	assert_int_equal(pv[3].Value.RuleAction.ActionBlocks[0].ActionLength, 9);
	d = ROUNDTRIP(RopUpdateDeferredActionMessages_req, deferred_req);
	assert_int_equal(d->ServerEntryIdSize, 2);
	assert_int_equal(d->ClientEntryId[2], 0xEE);
}

/* ------------------------------------------------------------------
 * rops_fxics.idl
 * ------------------------------------------------------------------ */

static void test_fast_transfer_get_buffer(void **state)
{
	static const uint8_t req_plain[] = { LE16(0x3C78) };
	static const uint8_t req_max[] = { LE16(0xBABE), LE16(0x8000) };
	static const uint8_t resp[] = {
		0x00, LE32(0x00000000), LE16(0x0001), LE16(1), LE16(5), 0x00,
		LE16(4), 0x03, 0x00, 0x01, 0x40 };
	static const uint8_t resp_busy[] = { 0x00, LE32(0x00000480), LE32(500) };
	static const uint8_t resp_fail[] = { 0x00, LE32(0x80040115) };
	struct RopFastTransferSourceGetBuffer_req *q;
	struct RopFastTransferSourceGetBuffer_resp *p;

	(void)state;
	q = ROUNDTRIP(RopFastTransferSourceGetBuffer_req, req_plain);
	assert_int_equal(q->BufferSize, 0x3C78);
	q = ROUNDTRIP(RopFastTransferSourceGetBuffer_req, req_max);
	assert_int_equal(q->MaximumBufferSize.MaximumBufferSize, 0x8000);
	p = ROUNDTRIP(RopFastTransferSourceGetBuffer_resp, resp);
	assert_int_equal(p->Data.Success.TransferStatus, FxTransferStatus_Partial);
	assert_int_equal(p->Data.Success.TotalStepCount, 5);
	assert_int_equal(p->Data.Success.TransferBufferSize, 4);
	assert_int_equal(p->Data.Success.TransferBuffer[3], 0x40);
	p = ROUNDTRIP(RopFastTransferSourceGetBuffer_resp, resp_busy);
	assert_int_equal(p->ReturnValue, ecServerBusy);
	assert_int_equal(p->Data.BackoffTime, 500);
	p = ROUNDTRIP(RopFastTransferSourceGetBuffer_resp, resp_fail);
	assert_int_equal(p->ReturnValue, MAPI_E_NETWORK_ERROR);
}

static void test_fast_transfer_sources(void **state)
{
	static const uint8_t copyto_req[] = {
		0x01, 0x00, LE32(0x00002000), 0x03, LE16(1), LE32(0x0E070003) };
	static const uint8_t copyprops_req[] = {
		0x01, 0x00, 0x01, 0x01, LE16(1), LE32(0x0E070003) };
	static const uint8_t copymsgs_req[] = {
		0x01, LE16(2), LE64(0x0001000000001B02ULL),
		LE64(0x0001000000001C02ULL), 0x10, 0x01 };
	static const uint8_t copyfolder_req[] = { 0x01, 0x10, 0x03 };
	static const uint8_t resp[] = { 0x01, LE32(0x00000000) };
	struct RopFastTransferSourceCopyTo_req *t;
	struct RopFastTransferSourceCopyProperties_req *c;
	struct RopFastTransferSourceCopyMessages_req *m;
	struct RopFastTransferSourceCopyFolder_req *f;

	(void)state;
	t = ROUNDTRIP(RopFastTransferSourceCopyTo_req, copyto_req);
	assert_int_equal(t->CopyFlags, FxCopyTo_BestBody);
	assert_int_equal(t->SendOptions, FxSendOptions_Unicode | FxSendOptions_UseCpid);
	c = ROUNDTRIP(RopFastTransferSourceCopyProperties_req, copyprops_req);
	assert_int_equal(c->CopyFlags, FxCopyProperties_Move);
	m = ROUNDTRIP(RopFastTransferSourceCopyMessages_req, copymsgs_req);
	assert_int_equal(m->MessageIdCount, 2);
	assert_true(m->MessageIds[1] == 0x0001000000001C02ULL);
	assert_int_equal(m->CopyFlags, FxCopyMessages_BestBody);
	f = ROUNDTRIP(RopFastTransferSourceCopyFolder_req, copyfolder_req);
	assert_int_equal(f->CopyFlags, FxCopyFolder_CopySubfolders);
	ROUNDTRIP(RopFastTransferSourceCopyTo_resp, resp);
}

static void test_fast_transfer_destination(void **state)
{
	static const uint8_t conf_req[] = { 0x02, 0x03, 0x01 };
	static const uint8_t put_req[] = { LE16(3), 0x03, 0x00, 0x01 };
	static const uint8_t put_resp[] = {
		0x00, LE32(0x80040115), LE16(0x0000), LE16(0), LE16(0), 0x00, LE16(2) };
	static const uint8_t tell_req[] = { LE16(0x000F), LE16(0x0000), LE16(0x0B9C) };
	struct RopFastTransferDestinationConfigure_req *c;
	struct RopFastTransferDestinationPutBuffer_req *q;
	struct RopFastTransferDestinationPutBuffer_resp *p;
	struct RopTellVersion_req *t;

	(void)state;
	c = ROUNDTRIP(RopFastTransferDestinationConfigure_req, conf_req);
	assert_int_equal(c->SourceOperation, FxSourceOperation_CopyMessages);
	q = ROUNDTRIP(RopFastTransferDestinationPutBuffer_req, put_req);
	assert_int_equal(q->TransferDataSize, 3);
	p = ROUNDTRIP(RopFastTransferDestinationPutBuffer_resp, put_resp);
	assert_int_equal(p->ReturnValue, MAPI_E_NETWORK_ERROR);
	assert_int_equal(p->BufferUsedSize, 2);
	t = ROUNDTRIP(RopTellVersion_req, tell_req);
	assert_int_equal(t->Version[2], 0x0B9C);
}

/* AND(PidTagMessageFlags == 1, EXIST(PidTagSubject)): 22 bytes */
#define SYNC_RESTRICTION \
	0x00, LE16(2), \
	0x04, 0x04, LE32(0x0E070003), LE32(0x0E070003), LE32(1), \
	0x08, LE32(0x0037001F)

static void test_synchronization_configure(void **state)
{
	static const uint8_t req[] = {
		0x01, 0x01, 0x01, LE16(0x0001 | 0x0010 | 0x0020 | 0x2000),
		LE16(22), SYNC_RESTRICTION,
		LE32(0x0000000F), LE16(2), LE32(0x0E070003), LE32(0x0037001F) };
	static const uint8_t req_nores[] = {
		0x01, 0x02, 0x01, LE16(0x0001), LE16(0),
		LE32(0x00000000), LE16(0) };
	static uint8_t bad_size[sizeof(req)];
	struct RopSynchronizationConfigure_req *q, t;
	const struct Restriction *res;

	(void)state;
	q = ROUNDTRIP(RopSynchronizationConfigure_req, req);
	assert_int_equal(q->SynchronizationType, FxSynchronizationType_Contents);
	assert_int_equal(q->SynchronizationFlags,
			 FxSyncFlags_Unicode | FxSyncFlags_FAI | FxSyncFlags_Normal |
			 FxSyncFlags_BestBody);
	assert_int_equal(q->RestrictionDataSize, 22);
	res = &q->RestrictionData.Restriction.Restriction;
	assert_int_equal(res->RestrictType, RES_AND);
	assert_int_equal(res->Res.And.RestrictCount, 2);
	assert_int_equal(res->Res.And.Restricts[0].RestrictType, RES_PROPERTY);
	assert_int_equal(res->Res.And.Restricts[0].Res.Property.TaggedValue.Value.Integer32, 1);
	assert_int_equal(res->Res.And.Restricts[1].Res.Exist.PropTag, 0x0037001F);
	assert_int_equal(q->SynchronizationExtraFlags, 0x0F);
	assert_int_equal(q->PropertyTagCount, 2);
	/* what a client uses to fill RestrictionDataSize */
	assert_int_equal(ndr_size_FxRestriction(&q->RestrictionData.Restriction,
						LIBNDR_FLAG_NOALIGN), 22);

	q = ROUNDTRIP(RopSynchronizationConfigure_req, req_nores);
	assert_int_equal(q->SynchronizationType, FxSynchronizationType_Hierarchy);
	assert_int_equal(q->RestrictionDataSize, 0);

	/* a RestrictionDataSize shorter than the restriction fails */
	memcpy(bad_size, req, sizeof(req));
	bad_size[5] = 21;
	memset(&t, 0, sizeof(t));
	assert_int_not_equal(pull_buf(bad_size, sizeof(bad_size), &t,
		(ndr_pull_flags_fn_t)ndr_pull_RopSynchronizationConfigure_req, NULL),
		NDR_ERR_SUCCESS);
}

static void test_synchronization_imports(void **state)
{
	static const uint8_t msgchange_req[] = {
		0x02, 0x10, LE16(1), LE32(0x0E070003), LE32(1) };
	static const uint8_t msgchange_resp[] = {
		0x02, LE32(0x00000000), LE64(0x0001000000001B02ULL) };
	static const uint8_t hier_req[] = {
		LE16(1), LE32(0x65E00102), LE16(2), 0x01, 0x02,
		LE16(1), LE32(0x3001001F), 'F', 0x00, 0x00, 0x00 };
	static const uint8_t hier_resp[] = {
		0x00, LE32(0x00000000), LE64(0x0001000000000A01ULL) };
	static const uint8_t deletes_req[] = {
		0x02, LE16(1), LE32(0x00011102), LE32(1), LE16(2), 0xAB, 0xCD };
	static const uint8_t move_req[] = {
		LE32(2), 0x01, 0x02, LE32(1), 0x03, LE32(0), LE32(3), 0x04, 0x05, 0x06,
		LE32(1), 0x07 };
	static const uint8_t move_resp[] = {
		0x00, LE32(0x00000000), LE64(0x0001000000001D02ULL) };
	struct RopSynchronizationImportMessageChange_req *mc;
	struct RopSynchronizationImportMessageChange_resp *mcp;
	struct RopSynchronizationImportHierarchyChange_req *h;
	struct RopSynchronizationImportHierarchyChange_resp *hp;
	struct RopSynchronizationImportDeletes_req *d;
	struct RopSynchronizationImportMessageMove_req *m;
	struct RopSynchronizationImportMessageMove_resp *mp;

	(void)state;
	mc = ROUNDTRIP(RopSynchronizationImportMessageChange_req, msgchange_req);
	assert_int_equal(mc->ImportFlag, FxImportFlag_Associated);
	mcp = ROUNDTRIP(RopSynchronizationImportMessageChange_resp, msgchange_resp);
	assert_true(mcp->Data.Success.MessageId == 0x0001000000001B02ULL);
	h = ROUNDTRIP_MIN(RopSynchronizationImportHierarchyChange_req, hier_req,
			  TRAILING_STRING_AT(16));
	assert_int_equal(h->HierarchyValueCount, 1);
	assert_string_equal(h->PropertyValues[0].Value.String, "F");
	hp = ROUNDTRIP(RopSynchronizationImportHierarchyChange_resp, hier_resp);
	assert_true(hp->Data.Success.FolderId == 0x0001000000000A01ULL);
	d = ROUNDTRIP(RopSynchronizationImportDeletes_req, deletes_req);
	assert_int_equal(d->ImportDeleteFlags, FxImportDelete_HardDelete);
	assert_int_equal(d->PropertyValues[0].Value.MultipleBinary.Count, 1);
	m = ROUNDTRIP(RopSynchronizationImportMessageMove_req, move_req);
	assert_int_equal(m->SourceFolderIdSize, 2);
	assert_int_equal(m->PredecessorChangeListSize, 0);
	assert_int_equal(m->DestinationMessageId[2], 0x06);
	assert_int_equal(m->ChangeNumber[0], 0x07);
	mp = ROUNDTRIP(RopSynchronizationImportMessageMove_resp, move_resp);
	assert_true(mp->Data.Success.MessageId == 0x0001000000001D02ULL);
}

static void test_synchronization_read_states(void **state)
{
	static const uint8_t req[] = {
		LE16(11),
		LE16(3), 0x01, 0x02, 0x03, 0x01,
		LE16(2), 0x04, 0x05, 0x00 };
	struct RopSynchronizationImportReadStateChanges_req *q;
	DATA_BLOB blob;
	struct ndr_pull *ndr;
	struct FxMessageReadState st;
	unsigned n = 0;

	(void)state;
	q = ROUNDTRIP(RopSynchronizationImportReadStateChanges_req, req);
	assert_int_equal(q->MessageReadStateSize, 11);

	/* the hand-written part: MessageReadState structures to the end */
	blob = data_blob_const(q->MessageReadStates, q->MessageReadStateSize);
	ndr = ndr_pull_init_blob(&blob, tctx);
	ndr->flags |= LIBNDR_FLAG_NOALIGN;
	while (ndr->offset < ndr->data_size) {
		assert_int_equal(ndr_pull_FxMessageReadState(ndr, NDR_SCALARS | NDR_BUFFERS, &st),
				 NDR_ERR_SUCCESS);
		if (n == 0) {
			assert_int_equal(st.MessageIdSize, 3);
			assert_int_equal(st.MarkAsRead, 1);
		} else {
			assert_int_equal(st.MessageId[1], 0x05);
			assert_int_equal(st.MarkAsRead, 0);
		}
		n++;
	}
	assert_int_equal(n, 2);
}

static void test_synchronization_state_streams(void **state)
{
	static const uint8_t begin_req[] = { LE32(0x67960102), LE32(0x40) };
	static const uint8_t cont_req[] = { LE32(4), 0x01, 0x02, 0x03, 0x04 };
	static const uint8_t collector_req[] = { 0x02, 0x01 };
	static const uint8_t resp[] = { 0x00, LE32(0x00000000) };
	struct RopSynchronizationUploadStateStreamBegin_req *b;
	struct RopSynchronizationUploadStateStreamContinue_req *c;
	struct RopSynchronizationOpenCollector_req *o;

	(void)state;
	b = ROUNDTRIP(RopSynchronizationUploadStateStreamBegin_req, begin_req);
	assert_int_equal(b->StateProperty, 0x67960102);
	c = ROUNDTRIP(RopSynchronizationUploadStateStreamContinue_req, cont_req);
	assert_int_equal(c->StreamDataSize, 4);
	assert_int_equal(c->StreamData[3], 0x04);
	ROUNDTRIP(RopSynchronizationUploadStateStreamEnd_resp, resp);
	o = ROUNDTRIP(RopSynchronizationOpenCollector_req, collector_req);
	assert_int_equal(o->IsContentsCollector, 1);
}

static void test_local_replica(void **state)
{
	static const uint8_t ids_req[] = { LE32(100) };
	static const uint8_t ids_resp[] = {
		0x00, LE32(0x00000000), GUID_A_BYTES, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00 };
	static const uint8_t midset_req[] = {
		LE16(52), LE32(1),
		GUID_A_BYTES, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, LE16(0),
		GUID_A_BYTES, 0x00, 0x00, 0x00, 0x00, 0x00, 0x20, LE16(0) };
	struct RopGetLocalReplicaIds_req *iq;
	struct RopGetLocalReplicaIds_resp *ip;
	struct RopSetLocalReplicaMidsetDeleted_req *m, built;
	struct FxLongTermIdRange range;

	(void)state;
	iq = ROUNDTRIP(RopGetLocalReplicaIds_req, ids_req);
	assert_int_equal(iq->IdCount, 100);
	ip = ROUNDTRIP(RopGetLocalReplicaIds_resp, ids_resp);
	assert_int_equal(ip->Data.Success.ReplGuid.time_low, 0x44332211);
	assert_int_equal(ip->Data.Success.GlobalCount[4], 0x10);

	m = ROUNDTRIP(RopSetLocalReplicaMidsetDeleted_req, midset_req);
	assert_int_equal(m->Data.LongTermIdRangeCount, 1);
	assert_int_equal(m->Data.LongTermIdRanges[0].MaxLongTermId.GlobalCounter[5], 0x20);

	/* client side: DataSize is computed on push */
	memset(&built, 0, sizeof(built));
	range = m->Data.LongTermIdRanges[0];
	built.Data.LongTermIdRangeCount = 1;
	built.Data.LongTermIdRanges = &range;
	PUSH_COMPARE(RopSetLocalReplicaMidsetDeleted_req, &built, midset_req);
}

/* ------------------------------------------------------------------
 * rops_notify.idl
 * ------------------------------------------------------------------ */

static void test_register_notification(void **state)
{
	/* NotificationTypes is 2 bytes (MS-OXCNOTIF 2.2.1.2.1.1) */
	static const uint8_t req_store[] = { 0x01, LE16(0x0002), 0x01 };
	static const uint8_t req_object[] = {
		0x01, LE16(0x0014), 0x00,
		LE64(0x0001000000000A01ULL), LE64(0x0000000000000000ULL) };
	/* TableModified: above one byte */
	static const uint8_t req_table[] = { 0x01, LE16(0x0104), 0x01 };
	/* Extended: the Reserved byte follows */
	static const uint8_t req_extended[] = { 0x01, LE16(0x0402), 0x00, 0x01 };
	static const uint8_t resp[] = { 0x01, LE32(0x00000000) };
	struct RopRegisterNotification_req *q;

	(void)state;
	q = ROUNDTRIP(RopRegisterNotification_req, req_store);
	assert_int_equal(q->NotificationTypes, NotificationTypes_NewMail);
	assert_int_equal(q->WantWholeStore, 1);
	q = ROUNDTRIP(RopRegisterNotification_req, req_object);
	assert_int_equal(q->NotificationTypes,
			 NotificationTypes_ObjectCreated | NotificationTypes_ObjectModified);
	assert_true(q->Target.Object.FolderId == 0x0001000000000A01ULL);
	q = ROUNDTRIP(RopRegisterNotification_req, req_table);
	assert_int_equal(q->NotificationTypes,
			 NotificationTypes_TableModified | NotificationTypes_ObjectCreated);
	q = ROUNDTRIP(RopRegisterNotification_req, req_extended);
	assert_int_equal(q->NotificationTypes,
			 NotificationTypes_Extended | NotificationTypes_NewMail);
	assert_int_equal(q->Reserved.Reserved, 0);
	assert_int_equal(q->WantWholeStore, 1);
	ROUNDTRIP(RopRegisterNotification_resp, resp);
}

#define FID1 LE64(0x0001000000000A01ULL)
#define FID2 LE64(0x0001000000000B01ULL)
#define MID1 LE64(0x0001000000001B02ULL)
#define MID2 LE64(0x0001000000001C02ULL)

static void test_notify_new_mail(void **state)
{
	static const uint8_t resp8[] = {
		LE32(0x00000042), 0x00, LE16(0x8002), FID1, MID1,
		LE32(0x00000000), 0x00, 'I', 'P', 'M', '.', 'N', 'o', 't', 'e', 0x00 };
	static const uint8_t resp16[] = {
		LE32(0x00000042), 0x00, LE16(0x8002), FID1, MID1,
		LE32(0x00000004), 0x01, 'I', 0, 'P', 0, 'M', 0, 0, 0 };
	struct RopNotify_resp *p;
	const struct NotificationData *n;

	(void)state;
	p = ROUNDTRIP_MIN(RopNotify_resp, resp8, TRAILING_STRING_AT(28));
	n = &p->NotificationData;
	assert_int_equal(p->NotificationHandle, 0x42);
	assert_int_equal(n->NotificationFlags, NotificationType_NewMail | NotificationFlags_M);
	assert_true(n->FolderId.Id == 0x0001000000000A01ULL);
	assert_true(n->MessageId.Id == 0x0001000000001B02ULL);
	assert_int_equal(n->NewMail.NewMail.UnicodeFlag, 0);
	assert_string_equal(n->NewMail.NewMail.MessageClass.String8, "IPM.Note");
	p = ROUNDTRIP_MIN(RopNotify_resp, resp16, TRAILING_STRING_AT(28));
	n = &p->NotificationData;
	assert_int_equal(n->NewMail.NewMail.MessageFlags, 4);
	assert_string_equal(n->NewMail.NewMail.MessageClass.Unicode, "IPM");
}

static void test_notify_object_events(void **state)
{
	/* folder created: FolderId, ParentFolderId, TagCount, Tags */
	static const uint8_t created[] = {
		LE32(1), 0x00, LE16(0x0004), FID2, FID1,
		LE16(2), LE32(0x3001001F), LE32(0x36020003) };
	/* folder modified with T and U: FolderId, Tags, counts */
	static const uint8_t modified[] = {
		LE32(1), 0x00, LE16(0x3010), FID1, LE16(1), LE32(0x36030003),
		LE32(10), LE32(3) };
	/* message moved: FolderId, MessageId, OldFolderId, OldMessageId */
	static const uint8_t msg_moved[] = {
		LE32(1), 0x00, LE16(0x8020), FID2, MID2, FID1, MID1 };
	/* folder copied: FolderId, ParentFolderId, OldFolderId, OldParentFolderId */
	static const uint8_t folder_copied[] = {
		LE32(1), 0x00, LE16(0x0040), FID2, FID1, FID1, FID2 };
	/* message deleted: FolderId, MessageId */
	static const uint8_t msg_deleted[] = {
		LE32(1), 0x00, LE16(0x8008), FID1, MID1 };
	/* search complete: FolderId */
	static const uint8_t search[] = { LE32(1), 0x00, LE16(0x0080), FID1 };
	/* message created: no ParentFolderId; TagCount 0xFFFF: no Tags */
	static const uint8_t msg_created[] = {
		LE32(1), 0x00, LE16(0x8004), FID1, MID1, LE16(0xFFFF) };
	/* message of a search folder deleted (M and S): ParentFolderId */
	static const uint8_t search_deleted[] = {
		LE32(1), 0x00, LE16(0xC008), FID2, MID1, FID1 };
	struct RopNotify_resp *p;
	const struct NotificationData *n;

	(void)state;
	p = ROUNDTRIP(RopNotify_resp, created);
	n = &p->NotificationData;
	assert_true(n->ParentFolderId.Id == 0x0001000000000A01ULL);
	assert_int_equal(n->Tags.Tags.TagCount, 2);
	assert_int_equal(n->Tags.Tags.Tags[1], 0x36020003);

	p = ROUNDTRIP(RopNotify_resp, modified);
	n = &p->NotificationData;
	assert_int_equal(n->Tags.Tags.TagCount, 1);
	assert_int_equal(n->TotalMessageCount.Count, 10);
	assert_int_equal(n->UnreadMessageCount.Count, 3);

	p = ROUNDTRIP(RopNotify_resp, msg_moved);
	n = &p->NotificationData;
	assert_true(n->MessageId.Id == 0x0001000000001C02ULL);
	assert_true(n->OldFolderId.Id == 0x0001000000000A01ULL);
	assert_true(n->OldMessageId.Id == 0x0001000000001B02ULL);

	p = ROUNDTRIP(RopNotify_resp, folder_copied);
	n = &p->NotificationData;
	assert_true(n->OldParentFolderId.Id == 0x0001000000000B01ULL);

	ROUNDTRIP(RopNotify_resp, msg_deleted);
	ROUNDTRIP(RopNotify_resp, search);

	p = ROUNDTRIP(RopNotify_resp, msg_created);
	assert_int_equal(p->NotificationData.Tags.Tags.TagCount, 0xFFFF);
	p = ROUNDTRIP(RopNotify_resp, search_deleted);
	n = &p->NotificationData;
	assert_true(n->MessageId.Id == 0x0001000000001B02ULL);
	assert_true(n->ParentFolderId.Id == 0x0001000000000A01ULL);
}

static void test_notify_table_events(void **state)
{
	/* contents table row added: message row ids, insert-after ids, row */
	static const uint8_t row_added[] = {
		LE32(7), 0x00, LE16(0x8100), LE16(0x0003),
		FID1, MID1, LE32(0),
		FID1, MID2, LE32(0),
		LE16(5), 0x00, 'A', 0x00, 0x00, 0x00 };
	/* hierarchy table row deleted: TableRowFolderID only */
	static const uint8_t row_deleted[] = {
		LE32(7), 0x00, LE16(0x0100), LE16(0x0004), FID2 };
	/* hierarchy table row modified: folder id, insert-after, row */
	static const uint8_t row_modified[] = {
		LE32(7), 0x00, LE16(0x0100), LE16(0x0005), FID2, FID1,
		LE16(2), 0x00, 0x01 };
	/* table changed: TableEventType only */
	static const uint8_t changed[] = { LE32(7), 0x00, LE16(0x0100), LE16(0x0001) };
	struct RopNotify_resp *p;
	const struct NotificationData *n;

	(void)state;
	p = ROUNDTRIP(RopNotify_resp, row_added);
	n = &p->NotificationData;
	assert_int_equal(n->Table.Message.TableEventType, TableEvent_TableRowAdded);
	assert_true(n->Table.Message.Row.Row.TableRowMessageID == 0x0001000000001B02ULL);
	assert_true(n->Table.Message.RowData.RowData.InsertAfterTableRowID ==
		    0x0001000000001C02ULL);
	assert_int_equal(n->Table.Message.RowData.RowData.TableRowDataSize, 5);
	assert_int_equal(n->Table.Message.RowData.RowData.TableRowData[1], 'A');

	p = ROUNDTRIP(RopNotify_resp, row_deleted);
	n = &p->NotificationData;
	assert_int_equal(n->Table.Folder.TableEventType, TableEvent_TableRowDeleted);
	assert_true(n->Table.Folder.Row.TableRowFolderID == 0x0001000000000B01ULL);

	p = ROUNDTRIP(RopNotify_resp, row_modified);
	n = &p->NotificationData;
	assert_true(n->Table.Folder.RowData.RowData.InsertAfterTableRowFolderID ==
		    0x0001000000000A01ULL);
	assert_int_equal(n->Table.Folder.RowData.RowData.TableRowDataSize, 2);

	p = ROUNDTRIP(RopNotify_resp, changed);
	assert_int_equal(p->NotificationData.Table.Folder.TableEventType,
			 TableEvent_TableChanged);
}

static void test_notify_build(void **state)
{
	/* server side: build an ObjectModified folder notification */
	static const uint8_t expected[] = {
		LE32(3), 0x01, LE16(0x1010), FID1, LE16(0), LE32(12) };
	struct RopNotify_resp r;

	(void)state;
	memset(&r, 0, sizeof(r));
	r.NotificationHandle = 3;
	r.LogonId = 1;
	r.NotificationData.NotificationFlags =
		NotificationType_ObjectModified | NotificationFlags_T;
	r.NotificationData.FolderId.Id = 0x0001000000000A01ULL;
	r.NotificationData.Tags.Tags.TagCount = 0;
	r.NotificationData.TotalMessageCount.Count = 12;
	/* a stale value in a field that is absent is not sent */
	r.NotificationData.MessageId.Id = 0xDEADBEEF;
	PUSH_COMPARE(RopNotify_resp, &r, expected);
}

static void test_pending_backoff_buffer_too_small(void **state)
{
	static const uint8_t pending[] = { LE16(0x0001) };
	static const uint8_t backoff[] = {
		0x00, LE32(1000), 0x01, 0x4E, LE32(500), LE16(2), 0xAA, 0xBB };
	/* SizeNeeded then the unprocessed RopReadStream request */
	static const uint8_t too_small[] = {
		LE16(0x8000), 0x2C, 0x00, 0x01, LE16(0xBABE), LE32(0x10000) };
	static const uint8_t release_req[] = { 0x00 };
	struct RopPending_resp *pe;
	struct RopBackoff_resp *b;
	struct RopBufferTooSmall_resp *t;
	struct RopReadStream_req rs;
	uint32_t consumed;

	(void)state;
	pe = ROUNDTRIP(RopPending_resp, pending);
	assert_int_equal(pe->SessionIndex, 1);
	b = ROUNDTRIP(RopBackoff_resp, backoff);
	assert_int_equal(b->Duration, 1000);
	assert_int_equal(b->BackoffRopCount, 1);
	assert_int_equal(b->BackoffRopData[0].RopIdBackoff, RopFastTransferSourceGetBuffer);
	assert_int_equal(b->BackoffRopData[0].Duration, 500);
	assert_int_equal(b->AdditionalInformation[1], 0xBB);
	/* RequestBuffers is the rest of the buffer */
	t = ROUNDTRIP_MIN(RopBufferTooSmall_resp, too_small, 2);
	assert_int_equal(t->SizeNeeded, 0x8000);
	assert_int_equal(t->RequestBuffers.length, 9);
	assert_int_equal(t->RequestBuffers.data[0], RopReadStream);
	memset(&rs, 0, sizeof(rs));
	assert_int_equal(pull_buf(t->RequestBuffers.data + 3, t->RequestBuffers.length - 3,
		&rs, (ndr_pull_flags_fn_t)ndr_pull_RopReadStream_req, &consumed),
		NDR_ERR_SUCCESS);
	assert_int_equal(rs.MaximumByteCount.MaximumByteCount, 0x10000);
	/* RopRelease has no body: nothing is consumed */
	assert_int_equal(pull_buf(release_req, 0, talloc_zero(tctx, struct RopRelease_req),
		(ndr_pull_flags_fn_t)ndr_pull_RopRelease_req, &consumed), NDR_ERR_SUCCESS);
	assert_int_equal(consumed, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_submit_message, setup, teardown),
		cmocka_unit_test_setup_teardown(test_abort_submit_spooler_lock, setup, teardown),
		cmocka_unit_test_setup_teardown(test_get_address_types, setup, teardown),
		cmocka_unit_test_setup_teardown(test_transport_send, setup, teardown),
		cmocka_unit_test_setup_teardown(test_transport_new_mail, setup, teardown),
		cmocka_unit_test_setup_teardown(test_options_data, setup, teardown),
		cmocka_unit_test_setup_teardown(test_get_properties_specific, setup, teardown),
		cmocka_unit_test_setup_teardown(test_get_properties_all_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_set_properties, setup, teardown),
		cmocka_unit_test_setup_teardown(test_delete_properties, setup, teardown),
		cmocka_unit_test_setup_teardown(test_copy_to, setup, teardown),
		cmocka_unit_test_setup_teardown(test_get_property_ids_from_names, setup, teardown),
		cmocka_unit_test_setup_teardown(test_get_names_from_property_ids, setup, teardown),
		cmocka_unit_test_setup_teardown(test_query_named_properties, setup, teardown),
		cmocka_unit_test_setup_teardown(test_progress, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_stream, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_stream, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_stream, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_stream_extended, setup, teardown),
		cmocka_unit_test_setup_teardown(test_seek_size_lock_stream, setup, teardown),
		cmocka_unit_test_setup_teardown(test_copy_to_stream, setup, teardown),
		cmocka_unit_test_setup_teardown(test_clone_commit_stream, setup, teardown),
		cmocka_unit_test_setup_teardown(test_permissions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fast_transfer_get_buffer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fast_transfer_sources, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fast_transfer_destination, setup, teardown),
		cmocka_unit_test_setup_teardown(test_synchronization_configure, setup, teardown),
		cmocka_unit_test_setup_teardown(test_synchronization_imports, setup, teardown),
		cmocka_unit_test_setup_teardown(test_synchronization_read_states, setup, teardown),
		cmocka_unit_test_setup_teardown(test_synchronization_state_streams, setup, teardown),
		cmocka_unit_test_setup_teardown(test_local_replica, setup, teardown),
		cmocka_unit_test_setup_teardown(test_register_notification, setup, teardown),
		cmocka_unit_test_setup_teardown(test_notify_new_mail, setup, teardown),
		cmocka_unit_test_setup_teardown(test_notify_object_events, setup, teardown),
		cmocka_unit_test_setup_teardown(test_notify_table_events, setup, teardown),
		cmocka_unit_test_setup_teardown(test_notify_build, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pending_backoff_buffer_too_small, setup, teardown),
	};

	int ret;

	ret = cmocka_run_group_tests(tests, NULL, NULL);
	free_iconv_handle();	/* samba-util's cached iconv handle */
	return ret;
}
