/*
 * The address of a recipient row: PidTagRecipientType, the display
 * name, PidTagAddressType / PidTagEmailAddress, PidTagSmtpAddress, and
 * what its PidTagEntryId says when those are missing (a one-off entry
 * ID, MS-OXCDATA 2.2.5.1, or an address book permanent entry ID,
 * 2.2.5.2).
 */
#include <string.h>
#include "delivery/delivery_private.h"

/* MS-OXCDATA 2.2.5.1: ProviderUID of one-off entry IDs. */
static const uint8_t oneoff_uid[16] = {
	0x81, 0x2B, 0x1F, 0xA4, 0xBE, 0xA3, 0x10, 0x19,
	0x9D, 0x6E, 0x00, 0xDD, 0x01, 0x0F, 0x54, 0x02
};
/* MS-OXCDATA 2.2.5.2: ProviderUID of address book entry IDs. */
static const uint8_t ab_uid[16] = {
	0xDC, 0xA7, 0x40, 0xC8, 0xC0, 0x42, 0x10, 0x1A,
	0xB4, 0xB9, 0x08, 0x00, 0x2B, 0x2F, 0xE1, 0x82
};
/* One-off entry ID flag: the strings are UTF-16LE. */
#define ONEOFF_UNICODE 0x8000

/* A string column of a row by property id, either string type. */
const char *mdeliver_row_string(const struct mstore_row *row, uint16_t id)
{
	const struct mstore_value *v;

	v = mstore_values_find(row->values, row->count,
			       MSTORE_PROP_TAG(id, PT_UNICODE));
	if (v == NULL) {
		v = mstore_values_find(row->values, row->count,
				       MSTORE_PROP_TAG(id, PT_STRING8));
	}
	if (v == NULL || v->v.str == NULL || v->v.str[0] == '\0') {
		return NULL;
	}
	return v->v.str;
}

/* Append one code point as UTF-8. */
static size_t put_utf8(char *out, uint32_t c)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

/* A NUL-terminated UTF-16LE string at *pos (advanced past it), as
 * UTF-8; NULL if unterminated. */
static char *pull_utf16(TALLOC_CTX *mem_ctx, const struct mstore_bin *b,
			uint32_t *pos)
{
	char *s = talloc_array(mem_ctx, char, (b->length - *pos) * 2 + 1);
	size_t n = 0;
	uint32_t c, lo;

	while (s != NULL && *pos + 1 < b->length) {
		c = b->data[*pos] | (b->data[*pos + 1] << 8);
		*pos += 2;
		if (c == 0) {
			s[n] = '\0';
			return s;
		}
		if (c >= 0xD800 && c < 0xDC00 && *pos + 1 < b->length) {
			lo = b->data[*pos] | (b->data[*pos + 1] << 8);
			if (lo >= 0xDC00 && lo < 0xE000) {
				*pos += 2;
				c = 0x10000 + ((c - 0xD800) << 10) +
				    (lo - 0xDC00);
			}
		}
		n += put_utf8(s + n, c);
	}
	talloc_free(s);
	return NULL;
}

/* A NUL-terminated 8-bit string at *pos; NULL if unterminated. */
static char *pull_ascii(TALLOC_CTX *mem_ctx, const struct mstore_bin *b,
			uint32_t *pos)
{
	const uint8_t *end = memchr(b->data + *pos, 0, b->length - *pos);
	char *s;

	if (*pos >= b->length || end == NULL) {
		return NULL;
	}
	s = talloc_strndup(mem_ctx, (const char *)b->data + *pos,
			   end - (b->data + *pos));
	*pos = end - b->data + 1;
	return s;
}

/* MS-OXCDATA 2.2.5.1: Flags(4) ProviderUID(16) Version(2) Flags(2)
 * DisplayName AddressType EmailAddress. */
static bool parse_oneoff(TALLOC_CTX *mem_ctx, const struct mstore_bin *b,
			 struct mdeliver_address *addr)
{
	uint32_t pos = 24;
	uint16_t flags = b->data[22] | (b->data[23] << 8);
	char *(*pull)(TALLOC_CTX *, const struct mstore_bin *, uint32_t *) =
		(flags & ONEOFF_UNICODE) ? pull_utf16 : pull_ascii;
	char *name, *type, *email;

	name = pull(mem_ctx, b, &pos);
	type = name ? pull(mem_ctx, b, &pos) : NULL;
	email = type ? pull(mem_ctx, b, &pos) : NULL;
	if (email == NULL) {
		return false;
	}
	if (addr->name == NULL && name[0] != '\0') {
		addr->name = name;
	}
	addr->addrtype = type;
	addr->email = email;
	return true;
}

/* MS-OXCDATA 2.2.5.2: Flags(4) ProviderUID(16) Version(4) Type(4)
 * X500DN. */
static bool parse_ab(TALLOC_CTX *mem_ctx, const struct mstore_bin *b,
		     struct mdeliver_address *addr)
{
	uint32_t pos = 28;
	char *dn = pull_ascii(mem_ctx, b, &pos);

	if (dn == NULL || dn[0] == '\0') {
		return false;
	}
	addr->addrtype = "EX";
	addr->email = dn;
	return true;
}

/**
 * The address an entry ID names (one-off or address book permanent);
 * false for any other (an ephemeral ID names an MId of one address book
 * session and cannot be resolved here).
 */
bool mdeliver_entryid_parse(TALLOC_CTX *mem_ctx,
			    const struct mstore_bin *eid,
			    struct mdeliver_address *addr)
{
	if (eid == NULL || eid->data == NULL || eid->length < 25 ||
	    memcmp(eid->data, "\0\0\0\0", 4) != 0) {
		return false;
	}
	if (memcmp(eid->data + 4, oneoff_uid, 16) == 0) {
		return parse_oneoff(mem_ctx, eid, addr);
	}
	if (memcmp(eid->data + 4, ab_uid, 16) == 0 && eid->length > 28) {
		return parse_ab(mem_ctx, eid, addr);
	}
	return false;
}

/*
 * MS-OXOMSG 2.2.3.1: PidTagRecipientType is MAPI_TO, MAPI_CC or MAPI_BCC
 * in the low bits (flags above); the address comes from the row's
 * address properties, else from its entry ID.
 */
enum MAPISTATUS mdeliver_address_of_row(TALLOC_CTX *mem_ctx,
					const struct mstore_row *row,
					struct mdeliver_address *addr)
{
	const struct mstore_value *v;

	memset(addr, 0, sizeof(*addr));
	v = mstore_values_find(row->values, row->count,
			       MD_PidTagRecipientType);
	addr->recip_type = v != NULL ? (v->v.i32 & MD_RECIP_TYPE_MASK) :
				       MD_RECIP_TO;
	if (addr->recip_type < MD_RECIP_TO ||
	    addr->recip_type > MD_RECIP_BCC) {
		addr->recip_type = MD_RECIP_TO;
	}
	addr->name = mdeliver_row_string(row, MD_ID_DISPLAY_NAME);
	addr->addrtype = mdeliver_row_string(row, MD_ID_ADDRTYPE);
	addr->email = mdeliver_row_string(row, MD_ID_EMAIL_ADDRESS);
	addr->smtp = mdeliver_row_string(row, MD_ID_SMTP_ADDRESS);
	if (addr->email == NULL || addr->addrtype == NULL) {
		v = mstore_values_find(row->values, row->count,
				       MD_PidTagEntryId);
		if (v != NULL) {
			mdeliver_entryid_parse(mem_ctx, &v->v.bin, addr);
		}
	}
	return MAPI_E_SUCCESS;
}
