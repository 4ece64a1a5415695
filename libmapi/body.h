/**
 * @file body.h
 * @brief libmapi: the body of a message, read as text or HTML whatever
 * format it is stored in, and written as the properties a server
 * expects ([MS-OXBBODY], [MS-OXCMSG] 2.2.1.58).
 *
 * The functions work on property values a client already has (from
 * mapi_props_get() or mapi_props_get_all(); see mapi_body_tags() for
 * what to ask for) and make the values to give mapi_props_set().  Text
 * and HTML are UTF-8.  A value the server could not return in the
 * response (PT_ERROR MAPI_E_NOT_ENOUGH_MEMORY: too big) counts as
 * present for the best body, and reading it fails with
 * MAPI_E_NOT_ENOUGH_MEMORY: open it as a stream then.
 */
#ifndef MAPI_BODY_H
#define MAPI_BODY_H

#include <stdint.h>
#include <talloc.h>
#include <ndr.h>
#include "gen_ndr/rop_types.h"
#include "libmapi/ndr/body_convert.h"

/**
 * @brief The tags to read for the best body ([MS-OXBBODY] 2.1.3.1 step
 * 1): PidTagBody, PidTagRtfCompressed, PidTagHtml, PidTagRtfInSync,
 * PidTagNativeBody, plus PidTagInternetCodepage (the code page of
 * PidTagHtml) and PidTagMessageClass (clear-signed messages).
 *
 * @param[out] count	number of tags
 * @return a constant array
 */
const uint32_t *mapi_body_tags(uint16_t *count);

/**
 * @brief The best body format of a message ([MS-OXBBODY] 2.1.3.1,
 * steps 1 to 3): PidTagNativeBody when it names a format present, else
 * the presence of the body properties and PidTagRtfInSync; an RTF body
 * that encapsulates HTML or text is that format.
 *
 * @param mem_ctx	talloc context of the results
 * @param count	number of @p values
 * @param values	the message's values (any order, any extra ones)
 * @param[out] format	MAPI_NATIVE_BODY_UNDEFINED when it has no body
 * @return MAPI_E_SUCCESS; MAPI_E_CORRUPT_DATA for an RTF body that
 *	   cannot be decompressed; MAPI_E_NOT_ENOUGH_MEMORY
 */
enum MAPISTATUS mapi_body_best_format(TALLOC_CTX *mem_ctx,
				      const struct TaggedPropertyValue *values,
				      uint16_t count,
				      enum mapi_native_body *format);

/**
 * @brief The best body as plain text.
 *
 * Plain text: PidTagBody (or the text an RTF \\fromtext body holds);
 * HTML: PidTagHtml (or the HTML an RTF body encapsulates) converted by
 * mapi_html_to_text(); RTF: its text (mapi_rtf_to_text()).
 *
 * @param mem_ctx	talloc context of the results
 * @param values	the message's property values
 * @param count	number of @p values
 * @param[out] text	NUL-terminated, on @p mem_ctx
 * @return MAPI_E_SUCCESS; MAPI_E_NOT_FOUND when the message has no
 *	   body; MAPI_E_NOT_ENOUGH_MEMORY also when the value needed was
 *	   too big to be returned; MAPI_E_CORRUPT_DATA
 */
enum MAPISTATUS mapi_body_get_text(TALLOC_CTX *mem_ctx,
				   const struct TaggedPropertyValue *values,
				   uint16_t count, char **text);

/**
 * @brief The best body as HTML.
 *
 * HTML: PidTagHtml in its PidTagInternetCodepage (without one: UTF-8
 * when valid, else 1252), or the HTML an RTF body encapsulates; plain
 * text and RTF: their text made into HTML (mapi_text_to_html()).
 *
 * @param mem_ctx	talloc context of the results
 * @param values	the message's property values
 * @param count	number of @p values
 * @param[out] html	NUL-terminated UTF-8, on @p mem_ctx
 * @return as mapi_body_get_text()
 */
enum MAPISTATUS mapi_body_get_html(TALLOC_CTX *mem_ctx,
				   const struct TaggedPropertyValue *values,
				   uint16_t count, char **html);

/**
 * @brief The values that make @p text the body of a message:
 * PidTagBody (PtypString).  A server following [MS-OXCMSG] derives the
 * other formats and makes plain text the native body.
 *
 * @param mem_ctx	talloc context of the results
 * @param text	the text (UTF-8)
 * @param[out] values	a new array on @p mem_ctx (the text is copied)
 * @param[out] count	its length (1)
 */
enum MAPISTATUS mapi_body_set_text(TALLOC_CTX *mem_ctx, const char *text,
				   struct TaggedPropertyValue **values,
				   uint16_t *count);

/**
 * @brief The values that make @p html the body of a message: PidTagHtml
 * (its UTF-8 bytes) and PidTagInternetCodepage 65001.  The server
 * derives the text and RTF bodies and makes HTML the native body.
 *
 * @return MAPI_E_SUCCESS; MAPI_E_TOO_BIG when the HTML is longer than
 *	   a property value of a ROP can be (65535 bytes: write it through
 *	   a stream instead); MAPI_E_NOT_ENOUGH_MEMORY
 */
enum MAPISTATUS mapi_body_set_html(TALLOC_CTX *mem_ctx, const char *html,
				   struct TaggedPropertyValue **values,
				   uint16_t *count);

#endif /* MAPI_BODY_H */
