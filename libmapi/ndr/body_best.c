/*
   Message body conversions: the best body of a message ([MS-OXBBODY]
   2.1.3.1, [MS-OXCMSG] 2.2.1.58).

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

#include "body_private.h"

/* Step 1: PidTagNativeBody names a format whose property is there */
static bool native_usable(const struct mapi_body_presence *p)
{
	if (!p->has_native) {
		return false;
	}
	switch (p->native) {
	case MAPI_NATIVE_BODY_PLAIN:
		return p->body;
	case MAPI_NATIVE_BODY_RTF:
		return p->rtf;
	case MAPI_NATIVE_BODY_HTML:
		return p->html;
	case MAPI_NATIVE_BODY_CLEAR_SIGNED:
		return true;
	default:
		return false;
	}
}

enum mapi_native_body mapi_best_body(const struct mapi_body_presence *p)
{
	if (p == NULL) {
		return MAPI_NATIVE_BODY_UNDEFINED;
	}
	if (p->clear_signed) {
		return MAPI_NATIVE_BODY_CLEAR_SIGNED;
	}
	if (native_usable(p)) {
		return (enum mapi_native_body)p->native;
	}
	/* Step 2: PidTagRtfInSync TRUE says the RTF is the latest body;
	 * without it, HTML comes before plain text, and RTF is only
	 * taken when nothing else is there */
	if (p->rtf && ((p->has_in_sync && p->in_sync) ||
		       (!p->body && !p->html))) {
		return MAPI_NATIVE_BODY_RTF;
	}
	if (p->html) {
		return MAPI_NATIVE_BODY_HTML;
	}
	if (p->body) {
		return MAPI_NATIVE_BODY_PLAIN;
	}
	return MAPI_NATIVE_BODY_UNDEFINED;
}
