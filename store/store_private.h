/*
 * sambamapi message store: internals shared by the store's files.
 */
#ifndef SMAPI_STORE_PRIVATE_H
#define SMAPI_STORE_PRIVATE_H

/* store.h first: its data_blob.h makes struct ldb_val a DATA_BLOB. */
#include "store/store.h"
#include <ldb.h>

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

/* Well-known DNs and attributes of a store database. */
#define MSTORE_DN_MAILBOX	"CN=MAILBOX"
#define MSTORE_DN_FOLDERS	"CN=FOLDERS"
#define MSTORE_DN_MESSAGES	"CN=MESSAGES"
#define MSTORE_DN_RECIPIENTS	"CN=RECIPIENTS"
#define MSTORE_DN_ATTACHMENTS	"CN=ATTACHMENTS"
#define MSTORE_DN_NAMEDPROPS	"CN=NAMEDPROPS"

/* parent: FID of the container; nameKey: upper-cased folder name;
 * assoc: "1" for a FAI message; msg: MID of a recipient or attachment;
 * special: index of a special folder. */
#define MSTORE_ATTR_PARENT	"parent"
#define MSTORE_ATTR_NAMEKEY	"nameKey"
#define MSTORE_ATTR_ASSOC	"assoc"
#define MSTORE_ATTR_MSG		"msg"
#define MSTORE_ATTR_SPECIAL	"special"

struct mstore_lob_file;
struct mstore_lob_dir;

/* Change counters of a folder (see mstore_folder_version()):
 * contentsVersion moves with every change of its messages,
 * hierarchyVersion with every change of a folder below it. */
#define MSTORE_ATTR_CONTENTS_VERSION	"contentsVersion"
#define MSTORE_ATTR_HIERARCHY_VERSION	"hierarchyVersion"

/* Soft deletion (store_softdelete.c): a soft-deleted folder or message
 * has softParent (the FID of the folder it was in) instead of parent;
 * the folders below a soft-deleted folder carry deletedUnder (its FID). */
#define MSTORE_ATTR_SOFT_PARENT		"softParent"
#define MSTORE_ATTR_DELETED_UNDER	"deletedUnder"

struct mstore {
	struct ldb_context *ldb;
	const char *url;
	bool is_public;
	struct mstore_guid mailbox_guid;
	struct mstore_guid replica_guid;
	uint32_t id_range;
	uint64_t next_globcnt;	/* reserved range [next, end) */
	uint64_t end_globcnt;
	uint64_t special[MSTORE_SPECIAL_COUNT];
	/* out-of-line values (store_lob*.c) */
	struct mstore_lob_dir *lob_dir;
	struct mstore_lob_file *lob_files;	/* open in this handle */
	uint32_t txn_depth;			/* nesting of mstore_txn_* */
	uint32_t large_threshold;		/* of mstore_open_params */
	uint8_t *lob_dropped;			/* ids (16 bytes each) a record
						   stopped referring to in
						   the current transaction */
	uint32_t lob_dropped_count;
	/* change events (store_events.c): the events waiting for the
	 * outermost commit, the event ring */
	struct mstore_events *events;
	struct mstore_ring *ring;
};

/* store_db.c */
enum MAPISTATUS mstore_ldb_status(struct mstore *store, int ldb_ret);
enum MAPISTATUS mstore_txn_start(struct mstore *store);
enum MAPISTATUS mstore_record_add(struct mstore *store,
				  struct ldb_message *msg);
enum MAPISTATUS mstore_txn_finish(struct mstore *store, enum MAPISTATUS ret);
char *mstore_hex64(TALLOC_CTX *mem_ctx, uint64_t v);
struct ldb_dn *mstore_object_dn(TALLOC_CTX *mem_ctx, struct mstore *store,
				const char *container, uint64_t id);
uint64_t mstore_now_filetime(void);

/* store_record.c: properties of ldb records */
bool mstore_attr_to_tag(const char *attr, uint32_t *tag);
char *mstore_tag_attr(TALLOC_CTX *mem_ctx, uint32_t tag);
enum MAPISTATUS mstore_record_load(TALLOC_CTX *mem_ctx, struct mstore *st,
				   struct ldb_dn *dn, const char * const *attrs,
				   struct ldb_message **msg);
enum MAPISTATUS mstore_record_values(TALLOC_CTX *mem_ctx,
				     const struct ldb_message *msg,
				     struct mstore_value **values,
				     uint32_t *count);
enum MAPISTATUS mstore_record_select(TALLOC_CTX *mem_ctx,
				     const struct ldb_message *msg,
				     const uint32_t *tags, uint32_t count,
				     struct mstore_value **values);
enum MAPISTATUS mstore_msg_add_values(struct mstore *store,
				      struct ldb_message *msg,
				      const struct mstore_value *values,
				      uint32_t count, int flags);
enum MAPISTATUS mstore_record_update(struct mstore *store, struct ldb_dn *dn,
				     const struct mstore_value *set,
				     uint32_t set_count, const uint32_t *del,
				     uint32_t del_count);
/* mstore_record_update() that also sets the integer attribute
 * @a counter (NULL: none) to @a value, in the same ldb modify. */
enum MAPISTATUS mstore_record_update_counter(struct mstore *store,
					     struct ldb_dn *dn,
					     const struct mstore_value *set,
					     uint32_t set_count,
					     const uint32_t *del,
					     uint32_t del_count,
					     const char *counter,
					     uint64_t value);
enum MAPISTATUS mstore_record_set_string(struct mstore *store,
					 struct ldb_dn *dn, const char *attr,
					 const char *value);
void mstore_value_not_found(struct mstore_value *v, uint32_t tag);
bool mstore_tag_is_computed(uint32_t tag);
int64_t mstore_record_int(const struct ldb_message *msg, uint32_t tag,
			  int64_t dflt);

/* store_change.c: change tracking (MS-OXCFXICS) and value lists */
enum MAPISTATUS mstore_values_put(TALLOC_CTX *mem_ctx,
				  struct mstore_value **values,
				  uint32_t *count,
				  const struct mstore_value *v);
void mstore_values_remove(struct mstore_value *values, uint32_t *count,
			  uint32_t tag);
enum MAPISTATUS mstore_put_i64(TALLOC_CTX *mem_ctx,
			       struct mstore_value **values, uint32_t *count,
			       uint32_t tag, int64_t i);
enum MAPISTATUS mstore_put_bin(TALLOC_CTX *mem_ctx,
			       struct mstore_value **values, uint32_t *count,
			       uint32_t tag, const struct mstore_bin *bin);
enum MAPISTATUS mstore_change_stamp(TALLOC_CTX *mem_ctx,
				    struct mstore *store,
				    struct mstore_value **values,
				    uint32_t *count);
enum MAPISTATUS mstore_source_keys(TALLOC_CTX *mem_ctx,
				   struct mstore *store, uint64_t id,
				   uint64_t parent_fid,
				   struct mstore_value **values,
				   uint32_t *count);

/* store_folder.c */
enum MAPISTATUS mstore_folder_adjust(struct mstore *store, uint64_t fid,
				     int64_t d_content, int64_t d_unread,
				     int64_t d_assoc, int64_t d_size);
enum MAPISTATUS mstore_folder_adjust_children(struct mstore *store,
					      uint64_t fid, int delta);
enum MAPISTATUS mstore_search_in(TALLOC_CTX *mem_ctx, struct mstore *store,
				 const char *container, const char *link,
				 uint64_t fid, const char *extra,
				 const char **attrs, struct ldb_result **res);
uint64_t *mstore_result_ids(TALLOC_CTX *mem_ctx, struct ldb_result *res,
			    uint32_t tag);
bool mstore_folder_is_special(struct mstore *store, uint64_t fid);
enum MAPISTATUS mstore_folder_remove_tree(struct mstore *store, uint64_t fid);
/* what mstore_folder_each_child() does with one subfolder */
typedef enum MAPISTATUS (*mstore_child_fn)(struct mstore *store,
					   uint64_t child, void *private_data);
/* @a fn on each subfolder of @a fid (the soft-deleted ones when
 * @a soft), until one fails */
enum MAPISTATUS mstore_folder_each_child(struct mstore *store, uint64_t fid,
					 bool soft, mstore_child_fn fn,
					 void *private_data);
/* own: the folder is soft deleted; below: it is in a soft-deleted one */
enum MAPISTATUS mstore_folder_deleted(struct mstore *store, uint64_t fid,
				      bool *own, bool *below);

/* store_softdelete.c (in a transaction) */
enum MAPISTATUS mstore_folder_soft_delete(struct mstore *store, uint64_t fid,
					  uint64_t parent);
enum MAPISTATUS mstore_messages_soft_delete(struct mstore *store,
					    uint64_t fid, const uint64_t *mids,
					    uint32_t count);
/* remove the soft-deleted messages of fid deleted before @a before
 * (FILETIME; 0: all of them) */
enum MAPISTATUS mstore_messages_purge_in(struct mstore *store, uint64_t fid,
					 uint64_t before);
enum MAPISTATUS mstore_folder_touch_hierarchy(struct mstore *store,
					      uint64_t fid);
enum MAPISTATUS mstore_folder_create_special(struct mstore *store,
					     uint64_t parent, const char *name,
					     const struct mstore_value *props,
					     uint32_t count, int special,
					     uint64_t *fid);

/* store_special.c */
enum MAPISTATUS mstore_special_provision(struct mstore *store,
					 mstore_name_hook hook, void *priv);
enum MAPISTATUS mstore_special_load(struct mstore *store);

/* store_events.c: what mutation points report (store_notify.h); the
 * events of a transaction are published when it commits */
void mstore_txn_events_end(struct mstore *store, bool committed);
void mstore_event_message(struct mstore *store, uint16_t type, uint64_t fid,
			  uint64_t mid, bool associated);
void mstore_event_message_tags(struct mstore *store, uint64_t fid,
			       uint64_t mid, bool associated,
			       const uint32_t *tags, uint32_t count);
void mstore_event_new_mail(struct mstore *store, uint64_t fid, uint64_t mid,
			   uint32_t message_flags, const char *message_class);
void mstore_event_message_saved(struct mstore *store, uint64_t fid,
				uint64_t mid, bool associated, bool delivered,
				const struct mstore_value *values,
				uint32_t count);
void mstore_event_folder(struct mstore *store, uint16_t type, uint64_t fid,
			 uint64_t parent, uint64_t old_parent);
void mstore_event_folder_tags(struct mstore *store, uint64_t fid,
			      const uint32_t *tags, uint32_t count);
void mstore_event_folder_counts(struct mstore *store, uint64_t fid,
				int32_t total, int32_t unread);
void mstore_event_folder_set(struct mstore *store, uint64_t fid,
			     const struct mstore_value *values,
			     uint32_t count);
void mstore_event_folder_copied(struct mstore *store, uint64_t new_fid,
				uint64_t old_fid);
void mstore_event_folder_deleted(struct mstore *store, uint64_t fid);
void mstore_event_copied(struct mstore *store, bool message,
			 uint64_t new_id, uint64_t old_id,
			 uint64_t old_container);

/* store_lob.c: the files of large values */
#define MSTORE_LOB_ID_SIZE 16
#define MSTORE_ATTR_LOBREF	"lobRef"
enum MAPISTATUS mstore_lob_init(struct mstore *store, const char *db_path);
enum MAPISTATUS mstore_lob_file_get(struct mstore *store, const uint8_t *key,
				    struct mstore_lob_file **f);
enum MAPISTATUS mstore_lob_file_new(struct mstore *store,
				    struct mstore_lob_file **f);
struct mstore_lob *mstore_lob_hold(TALLOC_CTX *mem_ctx,
				   struct mstore_lob_file *f);
struct mstore_lob_file *mstore_lob_file_of(const struct mstore_lob *lob);
bool mstore_lob_held_by(const struct mstore_lob_file *f, const void *holder);
enum MAPISTATUS mstore_lob_file_link(struct mstore_lob_file *f,
				     uint8_t *id);
uint64_t mstore_lob_file_size(const struct mstore_lob_file *f);
const uint8_t *mstore_lob_file_key(const struct mstore_lob_file *f);
int mstore_lob_dirfd(struct mstore *store);
enum MAPISTATUS mstore_lob_sync_dir(struct mstore *store);
char *mstore_lob_name(TALLOC_CTX *mem_ctx, const uint8_t *id);
bool mstore_lob_name_parse(const char *name, uint8_t *id);

/* store_lob_ref.c: MSTORE_PT_LARGE references */
enum MAPISTATUS mstore_large_ref(TALLOC_CTX *mem_ctx, uint32_t tag,
				 uint64_t size, const uint8_t *key,
				 struct mstore_value *v);
const uint8_t *mstore_large_key(const struct mstore_value *v);
enum MAPISTATUS mstore_large_hold(TALLOC_CTX *mem_ctx, struct mstore *store,
				  const struct mstore_value *v);
enum MAPISTATUS mstore_large_hold_all(TALLOC_CTX *mem_ctx,
				      struct mstore *store,
				      const struct mstore_value *v,
				      uint32_t count);

/* store_lob_record.c: large values in ldb records */
bool mstore_lob_element_is_ref(const struct ldb_message_element *el);
const uint8_t *mstore_lob_element_id(const struct ldb_message_element *el);
enum MAPISTATUS mstore_lob_element_value(TALLOC_CTX *mem_ctx, uint32_t tag,
					 const struct ldb_message_element *el,
					 struct mstore_value *v);
enum MAPISTATUS mstore_lob_add_value(struct mstore *store,
				     struct ldb_message *msg,
				     const struct mstore_value *v, int flags,
				     bool *added);
void mstore_lob_drop_refs(struct mstore *store,
			  const struct ldb_message *rec);
enum MAPISTATUS mstore_lob_drop_dn(struct mstore *store, struct ldb_dn *dn);

/* store_lob_gc.c: removing files no record refers to */
void mstore_lob_drop(struct mstore *store, const uint8_t *id);
void mstore_lob_txn_end(struct mstore *store, bool committed);
enum MAPISTATUS mstore_lob_scan(struct mstore *store);

/* store_utf16.c */
enum MAPISTATUS mstore_utf8_to_utf16(TALLOC_CTX *mem_ctx, const char *utf8,
				     struct mstore_bin *out);
enum MAPISTATUS mstore_utf16_to_utf8(TALLOC_CTX *mem_ctx,
				     const uint8_t *data, size_t length,
				     char **out);

/* store_message.c */
enum MAPISTATUS mstore_message_remove(struct mstore *store, uint64_t mid,
				      bool adjust_folder);

#endif
