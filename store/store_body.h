/*
 * sambamapi message store: keeping the body properties of a message
 * consistent when it is saved ([MS-OXCMSG] 2.2.1.58, [MS-OXBBODY]).
 */
#ifndef SMAPI_STORE_BODY_H
#define SMAPI_STORE_BODY_H

#include "store/store_value.h"

/**
 * @brief Make PidTagBody, PidTagHtml, PidTagRtfCompressed,
 * PidTagRtfInSync and PidTagNativeBody of a message agree, before the
 * message is written.
 *
 * The body written last is the native one: the body properties that
 * this save adds or changes (compared with @p old) decide it, by the
 * best body algorithm of [MS-OXBBODY] 2.1.3.1 applied to them (several
 * written together: RTF if PidTagRtfInSync is TRUE, else HTML, else
 * plain text).  An RTF body that encapsulates HTML or text
 * ([MS-OXRTFEX] \\fromhtml1, \\fromtext) makes that format native.  When
 * no body is written, the stored PidTagNativeBody stands (deleting the
 * native body deletes them all).  Every other body property that is
 * absent, or that this save left as it was while the native one
 * changed, or an RTF that PidTagRtfInSync FALSE declares stale, is
 * derived from the native body:
 *
 * - plain text: RTF encapsulating it (\\fromtext, compressed), HTML of it;
 * - HTML: its text, RTF encapsulating it (\\fromhtml1, compressed);
 * - ordinary RTF: its text, and HTML of that text.
 *
 * Then PidTagNativeBody holds the native format and PidTagRtfInSync is
 * TRUE.  A derived PidTagHtml is written in PidTagInternetCodepage (or,
 * without one, in the code page of the RTF it comes from, or UTF-8; the
 * code page used is then recorded in PidTagInternetCodepage).  A
 * clear-signed message (IPM.Note.SMIME.MultipartSigned, [MS-OXOSMIME])
 * only gets PidTagNativeBody 4.  A message without any body is left
 * alone.  Saves that touch no body property cost a few comparisons.
 *
 * @param mem_ctx	owner of @p values (new elements are allocated on
 *			it, as mstore_values_put() does)
 * @param values	the message's properties, updated in place
 * @param count		their number, updated
 * @param old		the properties as last saved; NULL for a new
 *			message (every body present then counts as written)
 * @param old_count	their number
 * @return MAPI_E_SUCCESS; MAPI_E_CORRUPT_DATA when the native body is an
 *	   RTF value that cannot be decompressed or parsed (the save should
 *	   fail: nothing was changed); MAPI_E_NOT_ENOUGH_MEMORY
 */
enum MAPISTATUS mstore_body_sync(TALLOC_CTX *mem_ctx,
				 struct mstore_value **values,
				 uint32_t *count,
				 const struct mstore_value *old,
				 uint32_t old_count);

#endif
