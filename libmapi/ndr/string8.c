/*
 * String8 values in a session's code page (MS-OXNSPI 2.2.1.3, STAT
 * CodePage; 3.1.4.1.1 NspiBind), for the server and the client alike.
 *
 * The NDR layer converts every string8 between UTF-8 in memory and
 * Samba's "dos charset" on the wire, a process-wide setting, while NSPI
 * wants the code page each session chose.  So a string8 value is first
 * converted to the session's code page here, and the resulting bytes are
 * then written as the UTF-8 characters that the DOS charset maps those
 * bytes to: the NDR layer's own conversion turns them back into exactly
 * those bytes.  Incoming string8 values take the reverse path.  Any
 * single-byte DOS charset that maps every byte (CP850, Samba's default,
 * CP437, ISO-8859-1) carries every code page this way; a character the
 * client's code page lacks becomes '?', as in Windows' best-fit
 * conversion.
 */
#include "string8.h"

#include <talloc.h>

#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <charset.h>

#define CP_UTF8_WIN	65001
#define CP_USASCII	20127

/* For each byte of the DOS charset, the UTF-8 character it stands for
 * (empty when the charset does not map the byte on its own). */
struct mapi_string8_map {
	char utf8[256][5];
};

struct mapi_string8_map *mapi_string8_map_new(TALLOC_CTX *mem_ctx)
{
	struct mapi_string8_map *map = talloc_zero(mem_ctx,
						 struct mapi_string8_map);
	unsigned int b;

	if (map == NULL) {
		return NULL;
	}
	for (b = 1; b < 256; b++) {
		uint8_t in = b;
		size_t len = 0;

		if (!convert_string(CH_DOS, CH_UTF8, &in, 1, map->utf8[b],
				    sizeof(map->utf8[b]) - 1, &len)) {
			len = 0;
		}
		map->utf8[b][len] = '\0';
	}
	return map;
}

/* The iconv name of a Windows code page (MS-OXNSPI 2.2.1.3 STAT). */
const char *mapi_iconv_name(TALLOC_CTX *mem_ctx, uint32_t code_page)
{
	if (code_page == CP_UTF8_WIN) {
		return "UTF-8";
	}
	if (code_page == CP_USASCII) {
		return "ASCII";
	}
	if (code_page >= 28591 && code_page <= 28605) {
		return talloc_asprintf(mem_ctx, "ISO-8859-%u",
				       code_page - 28590);
	}
	return talloc_asprintf(mem_ctx, "CP%u", code_page);
}

bool mapi_code_page_known(uint32_t code_page)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	const char *name = mapi_iconv_name(tmp, code_page);
	iconv_t cd = name ? iconv_open(name, "UTF-8") : (iconv_t)-1;
	bool ok = cd != (iconv_t)-1;

	if (ok) {
		iconv_close(cd);
	}
	talloc_free(tmp);
	return ok;
}

static size_t utf8_sequence_length(uint8_t lead)
{
	if (lead < 0x80) return 1;
	if ((lead & 0xE0) == 0xC0) return 2;
	if ((lead & 0xF0) == 0xE0) return 3;
	if ((lead & 0xF8) == 0xF0) return 4;
	return 1;
}

/*
 * @a in converted from one charset to another; what cannot be converted
 * becomes '?'.  @a from_utf8 says how to step over a bad input character.
 */
static char *convert_lossy(TALLOC_CTX *mem_ctx, const char *to,
			   const char *from, bool from_utf8,
			   const char *in, size_t in_len, size_t *out_len)
{
	iconv_t cd = iconv_open(to, from);
	size_t cap = in_len * 4 + 8, used = 0;
	char *out;

	if (cd == (iconv_t)-1) {
		return NULL;
	}
	out = talloc_array(mem_ctx, char, cap);
	while (out != NULL && in_len > 0) {
		char *ip = (char *)(uintptr_t)in, *op = out + used;
		size_t ileft = in_len, oleft = cap - used - 1;
		size_t r = iconv(cd, &ip, &ileft, &op, &oleft);

		used = op - out;
		in_len -= ip - in;
		in = ip;
		if (r != (size_t)-1) {
			break;
		}
		if (errno == E2BIG) {
			cap *= 2;
			out = talloc_realloc(mem_ctx, out, char, cap);
			continue;
		}
		/* EILSEQ or EINVAL: one character that cannot be carried */
		{
			size_t skip = from_utf8 ?
				utf8_sequence_length((uint8_t)in[0]) : 1;

			skip = skip > in_len ? in_len : skip;
			out[used++] = '?';
			in += skip;
			in_len -= skip;
			iconv(cd, NULL, NULL, NULL, NULL);
		}
	}
	iconv_close(cd);
	if (out != NULL) {
		out[used] = '\0';
		*out_len = used;
	}
	return out;
}

/*
 * A UTF-8 value as it must be handed to the NDR layer so that the client
 * receives it in @a code_page.
 */
const char *mapi_string8_to_wire(TALLOC_CTX *mem_ctx,
			       const struct mapi_string8_map *map,
			       uint32_t code_page, const char *utf8)
{
	TALLOC_CTX *tmp = talloc_new(mem_ctx);
	const char *name = mapi_iconv_name(tmp, code_page);
	size_t len = 0, i;
	char *bytes, *out;

	bytes = name ? convert_lossy(tmp, name, "UTF-8", true, utf8,
				     strlen(utf8), &len) : NULL;
	out = talloc_strdup(mem_ctx, "");
	for (i = 0; bytes != NULL && out != NULL && i < len; i++) {
		uint8_t b = (uint8_t)bytes[i];

		if (b < 0x80) {
			out = talloc_asprintf_append_buffer(out, "%c", b);
		} else {
			out = talloc_strdup_append_buffer(out,
				map->utf8[b][0] ? map->utf8[b] : "?");
		}
	}
	talloc_free(tmp);
	return bytes != NULL || utf8[0] == '\0' ? out : NULL;
}

/* The DOS-charset byte a UTF-8 character came from; '?' if none. */
static uint8_t dos_byte(const struct mapi_string8_map *map, const char *c,
			size_t len)
{
	unsigned int b;

	for (b = 0x80; b < 256; b++) {
		if (strlen(map->utf8[b]) == len &&
		    memcmp(map->utf8[b], c, len) == 0) {
			return b;
		}
	}
	return '?';
}

/* A string8 value the client sent in @a code_page, as UTF-8. */
const char *mapi_string8_from_wire(TALLOC_CTX *mem_ctx,
			      const struct mapi_string8_map *map,
			      uint32_t code_page, const char *wire)
{
	TALLOC_CTX *tmp = talloc_new(mem_ctx);
	const char *name = mapi_iconv_name(tmp, code_page);
	size_t n = strlen(wire), i = 0, used = 0, out_len = 0;
	char *bytes = talloc_array(tmp, char, n + 1);
	char *out = NULL;

	while (bytes != NULL && i < n) {
		size_t len = utf8_sequence_length((uint8_t)wire[i]);

		len = len > n - i ? n - i : len;
		bytes[used++] = len == 1 ? wire[i] :
				(char)dos_byte(map, wire + i, len);
		i += len;
	}
	if (bytes != NULL && name != NULL) {
		out = convert_lossy(mem_ctx, "UTF-8", name, false, bytes,
				    used, &out_len);
	}
	talloc_free(tmp);
	return out;
}

char *mapi_string8_encode(TALLOC_CTX *mem_ctx, uint32_t code_page,
			  const char *utf8, size_t length, size_t *out_len)
{
	TALLOC_CTX *tmp = talloc_new(mem_ctx);
	const char *name = mapi_iconv_name(tmp, code_page);
	char *out = NULL;

	*out_len = 0;
	if (name != NULL) {
		out = length == 0 ? talloc_strdup(mem_ctx, "") :
		      convert_lossy(mem_ctx, name, "UTF-8", true, utf8,
				    length, out_len);
	}
	talloc_free(tmp);
	return out;
}

char *mapi_string8_decode(TALLOC_CTX *mem_ctx, uint32_t code_page,
			  const char *bytes, size_t length, size_t *out_len)
{
	TALLOC_CTX *tmp = talloc_new(mem_ctx);
	const char *name = mapi_iconv_name(tmp, code_page);
	char *out = NULL;

	*out_len = 0;
	if (name != NULL) {
		out = length == 0 ? talloc_strdup(mem_ctx, "") :
		      convert_lossy(mem_ctx, "UTF-8", name, false, bytes,
				    length, out_len);
	}
	talloc_free(tmp);
	return out;
}
