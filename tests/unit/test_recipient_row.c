/*
 * RecipientRow structures (MS-OXCDATA 2.8.3): the flags and fields built
 * from recipient properties, their wire form, and parsing rows back,
 * string8 rows and malformed ones included.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <stdbool.h>
#include <cmocka.h>

#include <talloc.h>
#include "gen_ndr/ndr_rop_types.h"
#include "recipient_row.h"

#define PidTagRecipientTrackStatus	0x5FFF0003
#define PidTagSmtpAddress		0x39FE001F

static DATA_BLOB push_row(TALLOC_CTX *mem, const struct RecipientRow *row)
{
	struct ndr_push *ndr = ndr_push_init_ctx(mem);

	assert_non_null(ndr);
	ndr->flags |= LIBNDR_FLAG_NOALIGN;
	assert_int_equal(ndr_push_RecipientRow(ndr, NDR_SCALARS, row),
			 NDR_ERR_SUCCESS);
	return ndr_push_blob(ndr);
}

static enum ndr_err_code pull_row(TALLOC_CTX *mem, const uint8_t *data,
				  size_t len, struct RecipientRow *row)
{
	DATA_BLOB b = data_blob_const(data, len);
	struct ndr_pull *ndr = ndr_pull_init_blob(&b, mem);

	assert_non_null(ndr);
	ndr->flags |= LIBNDR_FLAG_NOALIGN;
	return ndr_pull_RecipientRow(ndr, NDR_SCALARS, row);
}

static const struct TaggedPropertyValue *find(
	const struct TaggedPropertyValue *v, uint32_t n, uint32_t tag)
{
	uint32_t i;

	for (i = 0; i < n; i++) {
		if (v[i].PropertyTag == tag) {
			return &v[i];
		}
	}
	return NULL;
}

static struct TaggedPropertyValue string_prop(uint32_t tag, const char *s)
{
	struct TaggedPropertyValue v = { .PropertyTag = tag };

	v.Value.String = s;
	return v;
}

/* An SMTP recipient with a column: flags, fields, round trip. */
static void test_smtp_round_trip(void **state)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	uint32_t columns[] = { PidTagRecipientTrackStatus, PidTagSmtpAddress };
	struct TaggedPropertyValue in[5], *out;
	struct RecipientRow row, back;
	DATA_BLOB b;
	uint32_t n;

	in[0] = string_prop(RECIPIENT_PidTagAddressType, "SMTP");
	in[1] = string_prop(RECIPIENT_PidTagEmailAddress, "bob@example.com");
	in[2] = string_prop(RECIPIENT_PidTagDisplayName, "Bob");
	in[3] = string_prop(RECIPIENT_PidTagTransmittableDisplayName, "Bob");
	in[4].PropertyTag = PidTagRecipientTrackStatus;
	in[4].Value.Integer32 = 5;
	assert_int_equal(recipient_row_build(mem, in, 5, columns, 2, &row),
			 NDR_ERR_SUCCESS);
	/* SMTP (3), E, D, S, U */
	assert_int_equal(row.RecipientFlags, 0x0003 | 0x0008 | 0x0010 |
			 0x0040 | 0x0200);
	assert_int_equal(row.RecipientColumnCount, 2);
	b = push_row(mem, &row);
	/* flags, then "bob@example.com" in UTF-16 first */
	assert_int_equal(b.data[0], 0x5B);
	assert_int_equal(b.data[1], 0x02);
	assert_int_equal(b.data[2], 'b');
	assert_int_equal(b.data[3], 0);
	assert_int_equal(pull_row(mem, b.data, b.length, &back),
			 NDR_ERR_SUCCESS);
	assert_int_equal(recipient_row_parse(mem, &back, columns, 2, &out,
					     &n), NDR_ERR_SUCCESS);
	assert_string_equal(find(out, n, RECIPIENT_PidTagAddressType)
			    ->Value.String, "SMTP");
	assert_string_equal(find(out, n, RECIPIENT_PidTagEmailAddress)
			    ->Value.String, "bob@example.com");
	assert_string_equal(find(out, n,
				 RECIPIENT_PidTagTransmittableDisplayName)
			    ->Value.String, "Bob");
	assert_int_equal(find(out, n, PidTagRecipientTrackStatus)
			 ->Value.Integer32, 5);
	/* the missing column is left out */
	assert_null(find(out, n, PidTagSmtpAddress));
	talloc_free(mem);
}

/* An X500 recipient: AddressPrefixUsed, DisplayType, X500DN. */
static void test_x500(void **state)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	const char *dn = "/o=Org/ou=AG/cn=Recipients/cn=alice";
	struct TaggedPropertyValue in[4], *out;
	struct RecipientRow row, back;
	DATA_BLOB b;
	uint32_t n;

	in[0] = string_prop(RECIPIENT_PidTagAddressType, "EX");
	in[1] = string_prop(RECIPIENT_PidTagEmailAddress, dn);
	in[2] = string_prop(RECIPIENT_PidTagDisplayName, "Alice");
	in[3].PropertyTag = RECIPIENT_PidTagSendRichInfo;
	in[3].Value.Boolean = 0;
	assert_int_equal(recipient_row_build(mem, in, 4, NULL, 0, &row),
			 NDR_ERR_SUCCESS);
	assert_int_equal(row.RecipientFlags, 0x0001 | 0x0010 | 0x0100 |
			 0x0200);
	b = push_row(mem, &row);
	/* flags, AddressPrefixUsed 0, DisplayType 0, the DN in 8 bits */
	assert_int_equal(b.data[2], 0);
	assert_int_equal(b.data[3], 0);
	assert_memory_equal(b.data + 4, dn, strlen(dn) + 1);
	assert_int_equal(pull_row(mem, b.data, b.length, &back),
			 NDR_ERR_SUCCESS);
	assert_int_equal(recipient_row_parse(mem, &back, NULL, 0, &out, &n),
			 NDR_ERR_SUCCESS);
	assert_string_equal(find(out, n, RECIPIENT_PidTagAddressType)
			    ->Value.String, "EX");
	assert_string_equal(find(out, n, RECIPIENT_PidTagEmailAddress)
			    ->Value.String, dn);
	assert_int_equal(find(out, n, RECIPIENT_PidTagSendRichInfo)
			 ->Value.Boolean, 0);
	talloc_free(mem);
}

/* A non-standard address type travels with the O flag. */
static void test_other_address_type(void **state)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct TaggedPropertyValue in[2], *out;
	struct RecipientRow row, back;
	DATA_BLOB b;
	uint32_t n;

	in[0] = string_prop(RECIPIENT_PidTagAddressType, "X400");
	in[1] = string_prop(RECIPIENT_PidTagEmailAddress, "c=us;a=;p=x");
	assert_int_equal(recipient_row_build(mem, in, 2, NULL, 0, &row),
			 NDR_ERR_SUCCESS);
	assert_int_equal(row.RecipientFlags & 0x8007, 0x8000);
	b = push_row(mem, &row);
	assert_memory_equal(b.data + 2, "X400", 5);
	assert_int_equal(pull_row(mem, b.data, b.length, &back),
			 NDR_ERR_SUCCESS);
	assert_int_equal(recipient_row_parse(mem, &back, NULL, 0, &out, &n),
			 NDR_ERR_SUCCESS);
	assert_string_equal(find(out, n, RECIPIENT_PidTagAddressType)
			    ->Value.String, "X400");
	talloc_free(mem);
}

/* A client's string8 row: SMTP, E, D, S, no U; a standard PropertyRow
 * of one PtypInteger32 column. */
static void test_string8_row(void **state)
{
	static const uint8_t wire[] = {
		0x5B, 0x00,			/* SMTP E D S */
		'a', '@', 'b', 0,		/* EmailAddress */
		'A', 'n', 'n', 0,		/* DisplayName */
		0x01, 0x00,			/* RecipientColumnCount */
		0x00, 0x07, 0x00, 0x00, 0x00,	/* standard row: 7 */
	};
	uint32_t columns[] = { PidTagRecipientTrackStatus };
	TALLOC_CTX *mem = talloc_new(NULL);
	struct TaggedPropertyValue *out;
	struct RecipientRow row;
	uint32_t n;

	assert_int_equal(pull_row(mem, wire, sizeof(wire), &row),
			 NDR_ERR_SUCCESS);
	assert_int_equal(recipient_row_parse(mem, &row, columns, 1, &out,
					     &n), NDR_ERR_SUCCESS);
	assert_string_equal(find(out, n, 0x3003001E)->Value.String8, "a@b");
	assert_string_equal(find(out, n, 0x3001001E)->Value.String8, "Ann");
	assert_string_equal(find(out, n, 0x3A20001E)->Value.String8, "Ann");
	assert_int_equal(find(out, n, PidTagRecipientTrackStatus)
			 ->Value.Integer32, 7);
	/* more columns in the row than the ROP named */
	assert_int_equal(recipient_row_parse(mem, &row, columns, 0, &out,
					     &n), NDR_ERR_ARRAY_SIZE);
	/* bytes after the row */
	{
		static const uint8_t longer[] = {
			0x00, 0x07, 0x00, 0x00, 0x00, 0xEE
		};

		row.RecipientProperties = data_blob_const(longer,
							  sizeof(longer));
	}
	assert_int_not_equal(recipient_row_parse(mem, &row, columns, 1, &out,
						 &n), NDR_ERR_SUCCESS);
	/* a truncated row */
	assert_int_not_equal(pull_row(mem, wire, 7, &row), NDR_ERR_SUCCESS);
	talloc_free(mem);
}

static void test_standard(void **state)
{
	assert_true(recipient_row_is_standard(0x3001001E));
	assert_true(recipient_row_is_standard(RECIPIENT_PidTagRowid));
	assert_true(recipient_row_is_standard(RECIPIENT_PidTagRecipientType));
	assert_false(recipient_row_is_standard(PidTagRecipientTrackStatus));
	assert_false(recipient_row_is_standard(PidTagSmtpAddress));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_smtp_round_trip),
		cmocka_unit_test(test_x500),
		cmocka_unit_test(test_other_address_type),
		cmocka_unit_test(test_string8_row),
		cmocka_unit_test(test_standard),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
