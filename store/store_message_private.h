/*
 * sambamapi message store: the in-memory form of a message, shared by
 * store_message.c (messages and their recipients), store_attachment.c
 * (attachments and embedded messages) and store_message_flags.c (read
 * state and status).  Internal to the store.
 */
#ifndef SMAPI_STORE_MESSAGE_PRIVATE_H
#define SMAPI_STORE_MESSAGE_PRIVATE_H

#include "store/store_private.h"

/* Embedded messages (MS-OXCMSG 2.2.2.9 afEmbeddedMessage): one record
 * each, CN=<its MID>,CN=EMBEDDED, with msg = the MID of the message that
 * holds the attachment and attach = the attachment's number.  Their own
 * recipients and attachments are keyed by their own MID. */
#define MSTORE_DN_EMBEDDED	"CN=EMBEDDED"
#define MSTORE_ATTR_ATTACH	"attach"

/* PidTagAttachMethod afEmbeddedMessage (MS-OXCMSG 2.2.2.9) */
#define MSTORE_ATTACH_EMBEDDED	5

/* Properties the store keeps up to date on messages and attachments. */
#define MSTORE_PidTagMessageStatus	0x0E170003
#define MSTORE_PidTagDisplayBcc		0x0E02001F
#define MSTORE_PidTagDisplayCc		0x0E03001F
#define MSTORE_PidTagDisplayTo		0x0E04001F
#define MSTORE_PidTagRecipientType	0x0C150003
#define MSTORE_PidTagAttachMethod	0x37050003
#define MSTORE_PidTagRenderingPosition	0x370B0003
#define MSTORE_PidTagLocalCommitTime	0x67090040

/* The read state bits of PidTagMessageFlags (MS-OXCMSG 2.2.1.6) that
 * only the read-flag operations change once a message is stored. */
#define MSTORE_READ_BITS (MSTORE_MSGFLAG_READ | MSTORE_MSGFLAG_NOTIFYREAD | \
			  MSTORE_MSGFLAG_NOTIFYUNREAD | \
			  MSTORE_MSGFLAG_EVERREAD)

/* One attachment of a message in memory. */
struct mstore_attach_rec {
	uint32_t num;			/* PidTagAttachNumber */
	struct mstore_value *values;
	uint32_t count;
	struct mstore_message *embedded; /* its embedded message, or NULL */
};

struct mstore_message {
	struct mstore *store;
	uint64_t mid;
	uint64_t fid;
	bool associated;
	bool is_new;
	struct mstore_value *values;
	uint32_t count;
	struct mstore_row *recipients;
	uint32_t recipient_count;
	struct mstore_attach_rec *attachments;
	uint32_t attachment_count;
	uint32_t next_attach;
	/* PidTagChangeNumber when loaded or last saved (0: never stored):
	 * a save finding another one was saved meanwhile (MS-OXCMSG
	 * 3.2.5.3) */
	int64_t loaded_cn;
	/* PidTagMessageFlags was set on this copy: its read bits win */
	bool read_set;
	/* an embedded message: the attachment it is saved into */
	struct mstore_attachment *owner;
};

/* An attachment being edited: a copy, saved back into its message. */
struct mstore_attachment {
	struct mstore_message *msg;	/* the message it belongs to */
	struct mstore_attach_rec rec;	/* the copy */
};

/* store_message.c */
enum MAPISTATUS mstore_message_create_embedded(TALLOC_CTX *mem_ctx,
					       struct mstore *store,
					       uint64_t fid,
					       struct mstore_message **msg);
enum MAPISTATUS mstore_message_load_contents(struct mstore_message *msg);
enum MAPISTATUS mstore_message_write_contents(struct mstore_message *msg);
enum MAPISTATUS mstore_message_remove_contents(struct mstore *store,
					       uint64_t mid);
enum MAPISTATUS mstore_message_computed(struct mstore_message *msg);

/* PidTagHasAttachments and mfHasAttach as the attachments in memory
 * stand (MS-OXCMSG 2.2.1.2, 3.2.5.15). */
enum MAPISTATUS mstore_message_attach_state(struct mstore_message *msg);
int64_t mstore_values_bytes(TALLOC_CTX *mem_ctx,
			    const struct mstore_value *v, uint32_t count);
enum MAPISTATUS mstore_message_dup(TALLOC_CTX *mem_ctx,
				   const struct mstore_message *src,
				   struct mstore_message **dst);
enum MAPISTATUS mstore_props_settable(const struct mstore_value *v,
				      uint32_t count);
enum MAPISTATUS mstore_values_dup(TALLOC_CTX *mem_ctx,
				  const struct mstore_value *src,
				  uint32_t count, struct mstore_value **dst,
				  uint32_t *n);
int64_t mstore_message_bytes(struct mstore_message *msg);

/* store_message.c: the large values of a message held open */
enum MAPISTATUS mstore_message_hold_large(struct mstore_message *msg);

/* store_message_bodies.c: mstore_body_sync() on a message whose bodies
 * may be kept out of line */
enum MAPISTATUS mstore_body_sync_message(struct mstore_message *msg,
					 const struct mstore_message *old);

/* store_attachment.c */
enum MAPISTATUS mstore_attach_rec_dup(TALLOC_CTX *mem_ctx,
				      const struct mstore_attach_rec *src,
				      struct mstore_attach_rec *dst);
int64_t mstore_attach_rec_bytes(TALLOC_CTX *mem_ctx,
				const struct mstore_attach_rec *a);
enum MAPISTATUS mstore_attach_rec_row(TALLOC_CTX *mem_ctx,
				      const struct mstore_attach_rec *a,
				      struct mstore_row *row);
enum MAPISTATUS mstore_embedded_commit(struct mstore_message *msg);
enum MAPISTATUS mstore_embedded_write(struct mstore *store,
				      struct mstore_message *parent);
enum MAPISTATUS mstore_embedded_load(struct mstore_message *parent);
enum MAPISTATUS mstore_embedded_remove(struct mstore *store, uint64_t mid);
enum MAPISTATUS mstore_embedded_renumber(struct mstore_message *msg);

/* store_message_flags.c */
enum MAPISTATUS mstore_message_keep_state(struct mstore_message *msg,
			       const struct mstore_message *stored);

#endif /* SMAPI_STORE_MESSAGE_PRIVATE_H */
