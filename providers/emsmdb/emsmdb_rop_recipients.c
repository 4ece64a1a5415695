/*
 * Recipient ROPs (MS-OXCMSG 3.2.5.4-3.2.5.6; MS-OXCROPS 2.2.6.4-2.2.6.6):
 * the recipients of a message object change in memory and are stored by
 * RopSaveChangesMessage; other handles on the message do not see them
 * before.
 */
#include "emsmdb_rop_message.h"
#include "emsmdb_rop_recipient_rows.h"
#include "emsmdb_rop_handlers.h"

#include <sys/param.h>
#include <util/debug.h>

/* RopId, InputHandleIndex, ReturnValue and RowCount of
 * RopReadRecipients */
#define READ_FIXED 7

static enum MAPISTATUS writable_message(struct emsmdb_rop_call *call,
					struct emsmdb_message **m)
{
	enum MAPISTATUS rv = emsmdb_message_of(call->input, m);

	if (rv == MAPI_E_SUCCESS && !(*m)->writable) {
		return MAPI_E_NO_ACCESS;
	}
	return rv;
}

/* MS-OXCMSG 3.2.5.4: every recipient goes (Reserved is ignored); it
 * succeeds on a message without recipients too. */
enum MAPISTATUS emsmdb_rop_remove_all_recipients(struct emsmdb_rop_call *call)
{
	struct emsmdb_message *m;
	enum MAPISTATUS rv = writable_message(call, &m);

	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	return mstore_message_set_recipients(m->msg, NULL, 0);
}

/* MS-OXCMSG 3.2.5.5 RopModifyRecipients */
enum MAPISTATUS emsmdb_rop_modify_recipients(struct emsmdb_rop_call *call)
{
	struct emsmdb_message *m;
	enum MAPISTATUS rv = writable_message(call, &m);

	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	return emsmdb_recipients_modify(call, m,
					&call->request->Body.ModifyRecipients);
}

/* MS-OXCMSG 3.2.5.6 RopReadRecipients: from RowId (0: the first), as
 * many as fit; the rows carry the recipient columns last announced or
 * given on this handle. */
enum MAPISTATUS emsmdb_rop_read_recipients(struct emsmdb_rop_call *call)
{
	struct RopReadRecipients_Success *ok =
		&call->response->Body.ReadRecipients.Data.Success;
	struct emsmdb_message *m;
	size_t room;
	enum MAPISTATUS rv = emsmdb_message_of(call->input, &m);

	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	room = MIN(call->out_room, EMSMDB_RECIPIENT_ROOM);
	if (room < READ_FIXED) {
		return ecBufferTooSmall;
	}
	return emsmdb_recipients_read_rows(
		call, m, call->request->Body.ReadRecipients.RowId,
		room - READ_FIXED, &ok->RecipientRows, &ok->RowCount);
}
