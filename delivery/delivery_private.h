/*
 * sambamapi local delivery: internals shared by the library's files.
 *
 * delivery_context.c	contexts, opening mailboxes, hooks
 * delivery_address.c	the address of a recipient row (MS-OXCDATA 2.2.5)
 * delivery_directory.c	resolving addresses against the directory
 * delivery_queue.c	the durable queue (delivery-queue.ldb)
 * delivery_content.c	a message's content carried into another
 *			(embedded messages included)
 * delivery_copy.c	a recipient's copy of a message
 * delivery_report.c	delivery and non-delivery reports (MS-OXOMSG
 *			2.2.2)
 * delivery_receipt.c	read and non-read receipts (MS-OXOMSG 2.2.1.29)
 * delivery_spooler_queue.c	the messages waiting for a spooler
 * delivery_run.c	carrying a queued submission through
 * delivery_submit.c	the public entry points
 */
#ifndef SMAPI_DELIVERY_PRIVATE_H
#define SMAPI_DELIVERY_PRIVATE_H

#include "delivery/delivery.h"
#include "delivery/delivery_tags.h"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

struct mdeliver {
	struct mdeliver_params p;
	char *queue_url;		/* tdb:// URL of the queue */
	char *lock_path;		/* its lock file */
	char **domains;		/* local SMTP domains, lower case */
	uint32_t domain_count;
};

/* ------------------------------------------------------- addresses */

/* What a recipient row says about where it goes. */
struct mdeliver_address {
	uint32_t recip_type;	/* PidTagRecipientType & 0x0F */
	const char *name;	/* PidTagDisplayName (may be NULL) */
	const char *addrtype;	/* "EX", "SMTP", ... (may be NULL) */
	const char *email;	/* PidTagEmailAddress (may be NULL) */
	const char *smtp;	/* PidTagSmtpAddress (may be NULL) */
};

enum MAPISTATUS mdeliver_address_of_row(TALLOC_CTX *mem_ctx,
					const struct mstore_row *row,
					struct mdeliver_address *addr);
const char *mdeliver_row_string(const struct mstore_row *row, uint16_t id);
bool mdeliver_entryid_parse(TALLOC_CTX *mem_ctx,
			    const struct mstore_bin *eid,
			    struct mdeliver_address *addr);

/* ---------------------------------------------------------- targets */

enum mdeliver_target_kind {
	MDELIVER_LOCAL = 0,	/* a mailbox of this server */
	MDELIVER_REMOTE,	/* an SMTP address elsewhere */
	MDELIVER_FAILED		/* undeliverable: goes into the report */
};

/* One resolved recipient of a submission. */
struct mdeliver_target {
	enum mdeliver_target_kind kind;
	uint32_t recip_type;	/* 1 To, 2 Cc, 3 Bcc */
	int32_t row;		/* recipient row it came from */
	const char *mailbox;	/* account (local) */
	const char *name;	/* display name */
	const char *dn;		/* legacyExchangeDN (local) */
	const char *smtp;	/* SMTP address */
	const char *addrtype;	/* as given (failed) */
	const char *email;	/* as given (failed) */
	uint32_t diag;		/* PidTagNonDeliveryReportDiagCode */
	bool done;		/* the copy is committed */
	uint64_t copy_mid;	/* MID of the copy, once chosen */
};

/* The sender as the directory knows it. */
struct mdeliver_person {
	const char *mailbox;
	const char *name;
	const char *dn;
	const char *smtp;
};

/* The directory lookups of one submission. */
enum MAPISTATUS mdeliver_resolve(struct mdeliver *ctx, TALLOC_CTX *mem_ctx,
				 const struct mstore_row *rows,
				 uint32_t count,
				 struct mdeliver_target **targets,
				 uint32_t *target_count);
enum MAPISTATUS mdeliver_person_lookup(struct mdeliver *ctx,
				       TALLOC_CTX *mem_ctx,
				       const char *account,
				       struct mdeliver_person *person);

/* ------------------------------------------------------------ queue */

/* The reports of a submission (MS-OXOMSG 2.2.2). */
enum mdeliver_report {
	MDELIVER_REPORT_NDR = 0,	/* non-delivery report */
	MDELIVER_REPORT_DR,		/* delivery report */
	MDELIVER_REPORT_COUNT
};

/* Where one report of a submission stands. */
struct mdeliver_report_state {
	bool done;			/* committed */
	uint64_t mid;			/* its MID, once chosen */
};

/* One queued submission. */
struct mdeliver_entry {
	char *id;			/* record name */
	const char *sender;		/* mailbox of the sender */
	uint64_t mid;			/* the submitted message */
	enum mdeliver_state state;
	bool transport_send;		/* RopTransportSend: copy stays */
	uint64_t submit_time;		/* PidTagClientSubmitTime */
	struct mdeliver_person from;
	struct mdeliver_target *targets;
	uint32_t count;
	/* the reports, by enum mdeliver_report */
	struct mdeliver_report_state reports[MDELIVER_REPORT_COUNT];
};

struct mdeliver_queue;

enum MAPISTATUS mdeliver_queue_open(struct mdeliver *ctx,
				    TALLOC_CTX *mem_ctx, bool wait,
				    struct mdeliver_queue **queue);
char *mdeliver_entry_id(TALLOC_CTX *mem_ctx, const char *sender,
			uint64_t mid);
enum MAPISTATUS mdeliver_queue_add(struct mdeliver_queue *q,
				   const struct mdeliver_entry *e);
enum MAPISTATUS mdeliver_queue_load(struct mdeliver_queue *q,
				    TALLOC_CTX *mem_ctx, const char *id,
				    struct mdeliver_entry **e);
enum MAPISTATUS mdeliver_queue_list(struct mdeliver_queue *q,
				    TALLOC_CTX *mem_ctx, char ***ids,
				    uint32_t *count);
enum MAPISTATUS mdeliver_queue_spooled(struct mdeliver_queue *q,
				       TALLOC_CTX *mem_ctx,
				       const char *sender, uint64_t **mids,
				       uint32_t *count);
enum MAPISTATUS mdeliver_queue_set_state(struct mdeliver_queue *q,
					 const struct mdeliver_entry *e,
					 enum mdeliver_state state);
enum MAPISTATUS mdeliver_queue_target(struct mdeliver_queue *q,
				      const struct mdeliver_entry *e,
				      uint32_t index);
enum MAPISTATUS mdeliver_queue_report(struct mdeliver_queue *q,
				      const struct mdeliver_entry *e);
enum MAPISTATUS mdeliver_queue_remove(struct mdeliver_queue *q,
				      const char *id);

/* ---------------------------------------------------------- stores */

enum MAPISTATUS mdeliver_open_mailbox(struct mdeliver *ctx,
				      TALLOC_CTX *mem_ctx,
				      const char *mailbox,
				      struct mstore **store);
void mdeliver_fault(struct mdeliver *ctx, const char *point);
void mdeliver_new_mail(struct mdeliver *ctx, const char *mailbox,
		       uint64_t fid, uint64_t mid, const char *cls,
		       uint32_t flags);
uint64_t mdeliver_now(void);

/* ----------------------------------------------------------- copies */

enum MAPISTATUS mdeliver_copy_message(TALLOC_CTX *mem_ctx,
				      struct mstore *src,
				      struct mstore_message *from,
				      struct mstore *dst,
				      struct mstore_message *to,
				      uint32_t depth);
enum MAPISTATUS mdeliver_copy_attachments(TALLOC_CTX *mem_ctx,
					  struct mstore *src,
					  struct mstore_message *from,
					  struct mstore *dst,
					  struct mstore_message *to,
					  uint32_t depth);

enum MAPISTATUS mdeliver_copy_props(TALLOC_CTX *mem_ctx,
				    struct mstore *src,
				    struct mstore *dst,
				    const struct mstore_value *values,
				    uint32_t count,
				    struct mstore_value **out,
				    uint32_t *out_count);
enum MAPISTATUS mdeliver_build_copy(struct mdeliver *ctx,
				    const struct mdeliver_entry *e,
				    const struct mdeliver_target *t,
				    struct mstore *src,
				    struct mstore_message *orig,
				    struct mstore *dst,
				    struct mstore_message *copy);
char *mdeliver_report_class(TALLOC_CTX *mem_ctx, enum mdeliver_report kind,
			    const char *cls);
enum MAPISTATUS mdeliver_build_report(struct mdeliver *ctx,
				      const struct mdeliver_entry *e,
				      enum mdeliver_report kind,
				      struct mstore *store,
				      struct mstore_message *orig,
				      struct mstore_message *report);
int mdeliver_msg_bool(struct mstore_message *m, uint32_t tag);
enum MAPISTATUS mdeliver_set_props(struct mstore_message *m,
				   const struct mstore_value *v, uint32_t n);
enum MAPISTATUS mdeliver_put(TALLOC_CTX *mem_ctx,
			     struct mstore_value **values, uint32_t *count,
			     const struct mstore_value *v);
enum MAPISTATUS mdeliver_put_string(TALLOC_CTX *mem_ctx,
				    struct mstore_value **values,
				    uint32_t *count, uint32_t tag,
				    const char *s);
enum MAPISTATUS mdeliver_put_int(TALLOC_CTX *mem_ctx,
				 struct mstore_value **values,
				 uint32_t *count, uint32_t tag, int64_t i);
enum MAPISTATUS mdeliver_put_bin(TALLOC_CTX *mem_ctx,
				 struct mstore_value **values,
				 uint32_t *count, uint32_t tag,
				 const uint8_t *data, uint32_t length);
enum MAPISTATUS mdeliver_person_props(TALLOC_CTX *mem_ctx,
				      const struct mdeliver_person *p,
				      const uint32_t tags[6],
				      struct mstore_value **values,
				      uint32_t *count);

/* ---------------------------------------------------------- running */

enum MAPISTATUS mdeliver_run(struct mdeliver *ctx,
			     struct mdeliver_queue *q,
			     struct mdeliver_entry *e,
			     struct mdeliver_result *result);
enum MAPISTATUS mdeliver_finish_sender(struct mdeliver *ctx,
				       const struct mdeliver_entry *e);

#endif /* SMAPI_DELIVERY_PRIVATE_H */
