/*
 * mapimail: messages named by their IDs (the hexadecimal message IDs ls
 * and fetch print), in the folder --folder names (default: the Inbox).
 *
 *   delete MID...            RopDeleteMessages: soft, recoverable where
 *                            the server keeps deleted items; --hard:
 *                            RopHardDeleteMessages (MS-OXCFOLD 2.2.1.11)
 *   move-msg MID... DEST     RopMoveCopyMessages into the folder DEST
 *   copy-msg MID... DEST     the same, copying (MS-OXCFOLD 2.2.1.6)
 *   mark-read MID...         RopSetReadFlags (MS-OXCMSG 2.2.3.10)
 *   mark-unread MID...       the same with rfClearReadFlag
 *
 * Every ID is checked before anything changes: an unknown message is an
 * error, and then nothing is done.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "mapimail.h"
#include "libmapi/folder.h"
#include "libmapi/message.h"

/* Message IDs per ROP: 8 bytes each, well within a ROP buffer. */
#define MIDS_PER_ROP	500
#define MAX_MIDS	65535

int mail_parse_mid(const char *arg, uint64_t *mid)
{
	char *end = NULL;

	errno = 0;
	*mid = strtoull(arg, &end, 16);
	if (arg[0] == '\0' || arg[0] == '-' || errno != 0 || *end != '\0' ||
	    *mid == 0) {
		return mail_fail("bad message ID '%s': give the hexadecimal "
				 "ID that ls or fetch prints", arg);
	}
	return MAPIMAIL_OK;
}

static const char *messages_path(struct mail_ctx *m)
{
	return mail_default_path(m, m->opt->folder);
}

int mail_open_messages_folder(struct mail_ctx *m, uint32_t *handle,
			      uint64_t *fid)
{
	return mail_open_folder(m, messages_path(m), handle, fid);
}

/* The IDs of @args[0..n), each an existing message of @folder. */
static int parse_check(struct mail_ctx *m, const char **args, uint32_t n,
		       uint32_t folder, uint64_t fid, uint64_t **mids)
{
	enum MAPISTATUS rv;
	uint32_t i, h;
	int rc = MAPIMAIL_OK;

	if (n > MAX_MIDS) {
		return mail_fail("too many messages: at most %d at once",
				 MAX_MIDS);
	}
	*mids = talloc_array(m->mem, uint64_t, n);
	if (*mids == NULL) {
		return mail_fail("out of memory");
	}
	for (i = 0; i < n && rc == MAPIMAIL_OK; i++) {
		rc = mail_parse_mid(args[i], &(*mids)[i]);
		if (rc != MAPIMAIL_OK) {
			break;
		}
		rv = mapi_message_open(m->logon, m->mem, folder, fid,
				       (*mids)[i], OpenMessage_ReadOnly, &h,
				       NULL);
		if (rv == MAPI_E_SUCCESS) {
			mail_release(m, h);
		} else if (rv == MAPI_E_NOT_FOUND) {
			rc = mail_fail("no message %s in '%s'", args[i],
				       messages_path(m));
		} else {
			rc = mail_fail("cannot open the message %s: %s (%s)",
				       args[i], mapi_strerror(rv),
				       mapi_status_string(rv));
		}
	}
	return rc;
}

static uint32_t count_args(const char **args)
{
	uint32_t n = 0;

	while (args[n] != NULL) {
		n++;
	}
	return n;
}

/* One batch operation on the messages @mids of @folder. */
enum msg_op { OP_DELETE, OP_MOVE, OP_COPY, OP_READ, OP_UNREAD };

static enum MAPISTATUS batch(struct mail_ctx *m, enum msg_op op,
			     uint32_t folder, uint32_t dest,
			     const uint64_t *mids, uint16_t n, bool *partial)
{
	switch (op) {
	case OP_DELETE:
		return mapi_messages_delete(m->logon, m->mem, folder, mids, n,
					    m->opt->hard != 0);
	case OP_MOVE:
	case OP_COPY:
		return mapi_messages_move_copy(m->logon, m->mem, folder, dest,
					       mids, n, op == OP_COPY,
					       partial);
	case OP_READ:
		return mapi_messages_set_read_flags(m->logon, m->mem, folder,
						    rfDefault, mids, n,
						    partial);
	default:
		return mapi_messages_set_read_flags(m->logon, m->mem, folder,
						    rfClearReadFlag, mids, n,
						    partial);
	}
}

static const char *op_name(enum msg_op op)
{
	static const char *const names[] = {
		[OP_DELETE] = "delete", [OP_MOVE] = "move",
		[OP_COPY] = "copy", [OP_READ] = "mark read",
		[OP_UNREAD] = "mark unread",
	};

	return names[op];
}

static int run_op(struct mail_ctx *m, enum msg_op op, uint32_t folder,
		  uint32_t dest, const uint64_t *mids, uint32_t n)
{
	enum MAPISTATUS rv = MAPI_E_SUCCESS;
	bool partial = false, some = false;
	uint32_t i, k;

	for (i = 0; i < n && rv == MAPI_E_SUCCESS; i += k) {
		k = n - i < MIDS_PER_ROP ? n - i : MIDS_PER_ROP;
		rv = batch(m, op, folder, dest, mids + i, k, &partial);
		some |= partial;
	}
	if (rv != MAPI_E_SUCCESS) {
		return mail_fail("cannot %s the messages: %s (%s)",
				 op_name(op), mapi_strerror(rv),
				 mapi_status_string(rv));
	}
	if (some) {
		return mail_fail("cannot %s all the messages: the server "
				 "left some as they were", op_name(op));
	}
	return MAPIMAIL_OK;
}

/* @args: IDs, and for a move or copy the destination last. */
static int messages_command(struct mail_ctx *m, enum msg_op op,
			    const char **args)
{
	bool to_folder = op == OP_MOVE || op == OP_COPY;
	uint32_t n = count_args(args) - (to_folder ? 1 : 0);
	uint32_t folder, dest = 0;
	uint64_t fid, *mids = NULL;
	bool have_dest = false;
	int rc;

	rc = mail_open_messages_folder(m, &folder, &fid);
	if (rc != MAPIMAIL_OK) {
		return rc;
	}
	if (to_folder) {
		rc = mail_open_folder(m, args[n], &dest, NULL);
		have_dest = rc == MAPIMAIL_OK;
	}
	if (rc == MAPIMAIL_OK) {
		rc = parse_check(m, args, n, folder, fid, &mids);
	}
	if (rc == MAPIMAIL_OK) {
		rc = run_op(m, op, folder, dest, mids, n);
	}
	if (have_dest) {
		mail_release(m, dest);
	}
	mail_release(m, folder);
	return rc;
}

int cmd_delete(struct mail_ctx *m, const char **args)
{
	return messages_command(m, OP_DELETE, args);
}

int cmd_move_msg(struct mail_ctx *m, const char **args)
{
	return messages_command(m, OP_MOVE, args);
}

int cmd_copy_msg(struct mail_ctx *m, const char **args)
{
	return messages_command(m, OP_COPY, args);
}

int cmd_mark_read(struct mail_ctx *m, const char **args)
{
	return messages_command(m, OP_READ, args);
}

int cmd_mark_unread(struct mail_ctx *m, const char **args)
{
	return messages_command(m, OP_UNREAD, args);
}
