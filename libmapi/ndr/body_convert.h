/*
   Message body conversions: plain text, HTML and RTF ([MS-OXRTFEX],
   [MS-OXBBODY], [MS-OXCMSG] 2.2.1.58)

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

/**
 * @file body_convert.h
 * @brief Conversions between the three body formats of a message, for
 * the store (keeping PidTagBody, PidTagHtml and PidTagRtfCompressed
 * consistent) and for clients (reading the best body).
 *
 * Text and HTML are UTF-8 here; mapi_charset_to_utf8() and
 * mapi_charset_from_utf8() convert from and to the code page a
 * message's bytes are in (PidTagInternetCodepage for PidTagHtml).  RTF
 * is the uncompressed RTF (see rtfcp.h for PidTagRtfCompressed).  Every
 * result is NUL-terminated, allocated on the caller's talloc context,
 * and its length is returned without the NUL.  Every function is pure
 * (no state kept between calls) and linear in its input: hostile input
 * (unbalanced groups or tags, truncated escapes, control words of any
 * length) gives a result or a clear error, never an unbounded
 * allocation.
 */
#ifndef __LIBMAPI_NDR_BODY_CONVERT_H__
#define __LIBMAPI_NDR_BODY_CONVERT_H__

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <talloc.h>
#include "gen_ndr/mapi_types.h"

/** Property tags of the body properties ([MS-OXPROPS]). */
/** PidTagBody, PtypString */
#define MAPI_TAG_BODY_W		0x1000001FU
/** PidTagBody, PtypString8 */
#define MAPI_TAG_BODY_A		0x1000001EU
/** PidTagRtfCompressed */
#define MAPI_TAG_RTF_COMPRESSED	0x10090102U
/** PidTagHtml */
#define MAPI_TAG_HTML		0x10130102U
/** PidTagNativeBody */
#define MAPI_TAG_NATIVE_BODY	0x10160003U
/** PidTagRtfInSync */
#define MAPI_TAG_RTF_IN_SYNC	0x0E1F000BU
/** PidTagInternetCodepage */
#define MAPI_TAG_INTERNET_CPID	0x3FDE0003U
/** PidTagMessageClass */
#define MAPI_TAG_MESSAGE_CLASS	0x001A001FU

/** The UTF-8 code page (PidTagInternetCodepage value). */
#define MAPI_CP_UTF8		65001
/** Windows Western European, the default of RTF's \\ansi. */
#define MAPI_CP_WESTERN		1252

/**
 * @brief PidTagNativeBody values ([MS-OXCMSG] 2.2.1.58.2).
 */
enum mapi_native_body {
	MAPI_NATIVE_BODY_UNDEFINED = 0,	  /**< no body */
	MAPI_NATIVE_BODY_PLAIN = 1,	  /**< PidTagBody */
	MAPI_NATIVE_BODY_RTF = 2,	  /**< PidTagRtfCompressed */
	MAPI_NATIVE_BODY_HTML = 3,	  /**< PidTagHtml */
	MAPI_NATIVE_BODY_CLEAR_SIGNED = 4 /**< clear-signed ([MS-OXOSMIME]) */
};

/**
 * @brief What an RTF document encapsulates ([MS-OXRTFEX] 2.1.3.1.2,
 * 2.1.3.1.3: the FROMTEXT and FROMHTML control words of its header).
 */
enum mapi_rtf_kind {
	MAPI_RTF_ORDINARY = 0,	/**< RTF authored as RTF */
	MAPI_RTF_FROMTEXT = 1,	/**< \\fromtext: encapsulated text */
	MAPI_RTF_FROMHTML = 2	/**< \\fromhtml1: encapsulated HTML */
};

/**
 * @brief What a message's property set says about its bodies: the
 * inputs of the best body algorithm ([MS-OXBBODY] 2.1.3.1).
 *
 * A property whose value is too big to be returned (PT_ERROR
 * MAPI_E_NOT_ENOUGH_MEMORY) counts as present.
 */
struct mapi_body_presence {
	bool body;		/**< PidTagBody present */
	bool rtf;		/**< PidTagRtfCompressed present */
	bool html;		/**< PidTagHtml present */
	bool has_in_sync;	/**< PidTagRtfInSync present */
	bool in_sync;		/**< its value */
	bool has_native;	/**< PidTagNativeBody present */
	uint32_t native;	/**< its value */
	/** message class IPM.Note.SMIME.MultipartSigned */
	bool clear_signed;
};

/**
 * @brief The best body of a message ([MS-OXBBODY] 2.1.3.1).
 *
 * Step 1: a PidTagNativeBody of 1 to 4 whose property is present is the
 * answer.  Step 2, from the presence of the properties: RTF when it
 * exists and PidTagRtfInSync is TRUE, or when it is the only one; else
 * HTML when it exists; else plain text; else RTF; else undefined.  A
 * clear-signed message is MAPI_NATIVE_BODY_CLEAR_SIGNED.  The caller
 * refines an RTF answer with mapi_rtf_kind() (step 3: encapsulated HTML
 * or text is that format's body).
 */
enum mapi_native_body mapi_best_body(const struct mapi_body_presence *p);

/**
 * @brief Which format an RTF document encapsulates.
 *
 * Looks for \\fromhtml (parameter absent or non-zero) or \\fromtext among
 * the header's control words, before its first group or text, as
 * [MS-OXRTFEX] 2.2.3.1 requires of a de-encapsulating reader.
 */
enum mapi_rtf_kind mapi_rtf_kind(const char *rtf, size_t len);

/**
 * @brief Plain text to RTF encapsulating it (\\fromtext).
 *
 * The header declares \\ansicpg @p code_page (1252 for code pages RTF
 * cannot name, such as UTF-8); characters of that code page are written
 * as \\'xx escapes, others as \\uN with a '?' fallback (\\uc1); CR LF, LF
 * and CR end paragraphs (\\par), tabs are \\tab.
 */
enum MAPISTATUS mapi_text_to_rtf(TALLOC_CTX *mem_ctx, const char *text,
				 size_t len, uint32_t code_page, char **rtf,
				 size_t *rtf_len);

/**
 * @brief RTF to plain text.
 *
 * Ordinary and \\fromtext RTF: the text of the document (destinations
 * such as the font table, pictures and ignorable \\* groups are
 * skipped; \\par, \\line, \\row become CR LF, \\tab and \\cell a tab;
 * \\'xx is decoded in the code page of the current font or \\ansicpg;
 * \\uN gives its character; \\htmlrtf regions are left out).  \\fromhtml
 * RTF: the de-encapsulated HTML converted by mapi_html_to_text().
 *
 * @return MAPI_E_SUCCESS, MAPI_E_CORRUPT_DATA (not RTF, groups nested
 *	   deeper than 1024), MAPI_E_NOT_ENOUGH_MEMORY
 */
enum MAPISTATUS mapi_rtf_to_text(TALLOC_CTX *mem_ctx, const char *rtf,
				 size_t len, char **text, size_t *text_len);

/**
 * @brief The HTML an RTF document encapsulates ([MS-OXRTFEX] 2.2.3.2).
 *
 * The CONTENT of every \\*\\htmltag group and the text outside them is
 * copied, except what \\htmlrtf marks as RTF only; \\par becomes CR LF,
 * \\tab a tab, \\'xx is decoded in the code page of the current font (or
 * \\ansicpg), \\uN gives its character, \\{ \\} \\\\ their characters.
 *
 * @param mem_ctx	talloc context of the results
 * @param rtf	the RTF document
 * @param len	length of the input in bytes
 * @param[out] html	the HTML, NUL-terminated, on @p mem_ctx
 * @param[out] html_len	length of @p html
 * @param[out] code_page	if not NULL, the \\ansicpg of the document
 *				(1252 without one): the code page the
 *				original HTML was most likely written in
 * @return MAPI_E_SUCCESS, MAPI_E_NOT_FOUND when the RTF encapsulates no
 *	   HTML, MAPI_E_CORRUPT_DATA, MAPI_E_NOT_ENOUGH_MEMORY
 */
enum MAPISTATUS mapi_rtf_to_html(TALLOC_CTX *mem_ctx, const char *rtf,
				 size_t len, char **html, size_t *html_len,
				 uint32_t *code_page);

/**
 * @brief HTML to plain text.
 *
 * Tags are removed; \<script\>, \<style\>, \<head\> and \<title\> are
 * dropped with their content; character references (named, decimal,
 * hexadecimal) are decoded, &nbsp; as a space; white space is collapsed
 * as a browser does, except in \<pre\>; block elements (\<p\>, \<div\>,
 * headings, list items, table rows, ...) and \<br\> become line breaks
 * (CR LF), table cells are separated by tabs.
 */
enum MAPISTATUS mapi_html_to_text(TALLOC_CTX *mem_ctx, const char *html,
				  size_t len, char **text, size_t *text_len);

/**
 * @brief HTML to RTF encapsulating it (\\fromhtml1, [MS-OXRTFEX] 2.1.3.2).
 *
 * Every tag, comment and declaration goes into an \\*\\htmltag group with
 * its HTMLTagParameter; text inside \<head\>, \<script\>, \<style\> and
 * \<title\> too.  Body text is RTF text, except character references
 * and line breaks, which are kept in \\*\\htmltag groups while their RTF
 * rendering is marked \\htmlrtf.  Block elements and \<br\> get an RTF
 * paragraph or line break inside \\htmlrtf.  mapi_rtf_to_html() gives
 * the input back byte for byte.
 *
 * @param mem_ctx	talloc context of the results
 * @param html	the HTML
 * @param len	length of the input in bytes
 * @param[out] rtf	the RTF, NUL-terminated, on @p mem_ctx
 * @param[out] rtf_len	length of @p rtf
 * @param code_page	\\ansicpg of the RTF (as for mapi_text_to_rtf())
 */
enum MAPISTATUS mapi_html_to_rtf(TALLOC_CTX *mem_ctx, const char *html,
				 size_t len, uint32_t code_page, char **rtf,
				 size_t *rtf_len);

/**
 * @brief Plain text to a minimal HTML document.
 *
 * \& \< \> \" are escaped, line ends become \<br\>, a space at the start
 * of a line or after another space becomes &nbsp;, a tab four of them.
 * The document names no charset: PidTagInternetCodepage does.
 */
enum MAPISTATUS mapi_text_to_html(TALLOC_CTX *mem_ctx, const char *text,
				  size_t len, char **html, size_t *html_len);

/**
 * @brief Bytes in a Windows code page to UTF-8.
 *
 * @param mem_ctx	talloc context of the results
 * @param in	the bytes to convert
 * @param len	length of the input in bytes
 * @param[out] out	the converted bytes, NUL-terminated, on @p mem_ctx
 * @param[out] out_len	length of @p out
 * @param code_page	the code page; 0: UTF-8 if the bytes are valid
 *			UTF-8, else 1252
 * @return MAPI_E_SUCCESS (bytes the code page lacks become U+FFFD),
 *	   MAPI_E_NO_SUPPORT for a code page iconv does not know,
 *	   MAPI_E_NOT_ENOUGH_MEMORY
 */
enum MAPISTATUS mapi_charset_to_utf8(TALLOC_CTX *mem_ctx, const uint8_t *in,
				     size_t len, uint32_t code_page,
				     char **out, size_t *out_len);

/**
 * @brief UTF-8 to bytes in a Windows code page.
 *
 * @param mem_ctx	talloc context of the results
 * @param in	the bytes to convert
 * @param len	length of the input in bytes
 * @param code_page	the Windows code page
 * @param[out] out	the converted bytes, NUL-terminated, on @p mem_ctx
 * @param[out] out_len	length of @p out
 * @param html_refs	characters the code page lacks become HTML
 *			numeric character references instead of '?'
 * @return MAPI_E_SUCCESS, MAPI_E_NO_SUPPORT for a code page iconv does
 *	   not know, MAPI_E_NOT_ENOUGH_MEMORY
 */
enum MAPISTATUS mapi_charset_from_utf8(TALLOC_CTX *mem_ctx, const char *in,
				       size_t len, uint32_t code_page,
				       bool html_refs, uint8_t **out,
				       size_t *out_len);

#endif /* __LIBMAPI_NDR_BODY_CONVERT_H__ */
