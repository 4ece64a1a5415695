/*
 * The string conversion context of a ROP: the session's code page and
 * the logon's string8 map (see emsmdb_propval.h for the conversions).
 */
#include "emsmdb.h"
#include "emsmdb_logon.h"
#include "emsmdb_rop_propval.h"

#define DEFAULT_CODE_PAGE 1252

enum MAPISTATUS emsmdb_strconv_of(struct emsmdb_rop_call *call,
				  struct emsmdb_strconv *conv)
{
	struct emsmdb_logon *logon = emsmdb_logon_of(call->input);
	struct emsmdb_session *session = call->env->session;
	uint32_t message_cp = emsmdb_message_code_page(call->input);

	conv->code_page = session != NULL && session->code_page != 0 ?
			  session->code_page : DEFAULT_CODE_PAGE;
	/* MS-OXCMSG 2.2.3.1.1: a message's own CodePageId */
	if (message_cp != 0) {
		conv->code_page = message_cp;
	}
	conv->map = NULL;
	if (logon == NULL) {
		return MAPI_E_SUCCESS;
	}
	if (logon->string8 == NULL) {
		logon->string8 = mapi_string8_map_new(logon);
		if (logon->string8 == NULL) {
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
	}
	conv->map = logon->string8;
	return MAPI_E_SUCCESS;
}
