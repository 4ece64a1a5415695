/*
 * Server objects of a session (MS-OXCROPS 1.3.1, 3.2.5.1).
 *
 * A Server object handle is (sequence << 16) | slot: the slot finds the
 * object at once, the sequence makes a released handle stale.  The
 * sequence runs 1..0x7FFF so that a handle is never 0 nor 0xFFFFFFFF
 * (the "no object" value of the handle table, MS-OXCROPS 2.2.1).
 *
 * Ownership (MS-OXCROPS 3.1.5.3): an object is owned by the object it was
 * opened through when the spec lists it among what that object owns, and
 * by its logon otherwise.  Releasing an object releases what it owns, and
 * releasing a logon everything of that logon (3.2.5.3: the logon's Server
 * Object Map goes with it).  The owner is the talloc parent; the owned
 * objects are also listed on their owner, so that its destructor releases
 * them before the owner's own data (the store of a logon, the message of
 * an attachment) is freed.
 */
#include "emsmdb_rop.h"

#include <string.h>
#include <util/debug.h>

#define LOGON_IDS 256
#define SEQ_MAX 0x7FFF

struct emsmdb_object_table {
	uint32_t max_objects;
	uint32_t count;
	uint16_t seq;
	struct emsmdb_object **slots;	/* max_objects entries */
	struct emsmdb_object *logons[LOGON_IDS];
};

/* Release the objects while the slot array they clear still exists. */
static int table_destructor(struct emsmdb_object_table *t)
{
	int i;

	for (i = 0; i < LOGON_IDS; i++) {
		TALLOC_FREE(t->logons[i]);
	}
	return 0;
}

struct emsmdb_object_table *emsmdb_object_table_new(TALLOC_CTX *mem_ctx,
						    uint32_t max_objects)
{
	struct emsmdb_object_table *t;

	if (max_objects == 0 || max_objects > EMSMDB_MAX_OBJECTS_LIMIT) {
		return NULL;
	}
	t = talloc_zero(mem_ctx, struct emsmdb_object_table);
	if (t == NULL) {
		return NULL;
	}
	t->max_objects = max_objects;
	t->slots = talloc_zero_array(t, struct emsmdb_object *, max_objects);
	if (t->slots == NULL) {
		TALLOC_FREE(t);
		return NULL;
	}
	talloc_set_destructor(t, table_destructor);
	return t;
}

static void owned_add(struct emsmdb_object *owner, struct emsmdb_object *o)
{
	o->next_owned = owner->owned;
	if (owner->owned != NULL) {
		owner->owned->prev_owned = o;
	}
	owner->owned = o;
}

static void owned_remove(struct emsmdb_object *owner, struct emsmdb_object *o)
{
	if (o->prev_owned != NULL) {
		o->prev_owned->next_owned = o->next_owned;
	} else {
		owner->owned = o->next_owned;
	}
	if (o->next_owned != NULL) {
		o->next_owned->prev_owned = o->prev_owned;
	}
	o->prev_owned = o->next_owned = NULL;
}

static int object_destructor(struct emsmdb_object *o)
{
	struct emsmdb_object_table *t = o->table;
	uint32_t slot = o->handle & 0xFFFF;

	/* what this object owns goes first, while o->data still exists */
	while (o->owned != NULL) {
		struct emsmdb_object *child = o->owned;

		if (talloc_free(child) != 0) {
			/* not freed (never expected): freed with o */
			DBG_ERR("object 0x%08x not released\n",
				child->handle);
			owned_remove(o, child);
			child->parent = NULL;
		}
	}
	if (o->parent != NULL) {
		owned_remove(o->parent, o);
	}

	if (slot < t->max_objects && t->slots[slot] == o) {
		t->slots[slot] = NULL;
		t->count--;
	}
	if (o->type == EMSMDB_OBJECT_LOGON && t->logons[o->logon_id] == o) {
		t->logons[o->logon_id] = NULL;
	}
	return 0;
}

static bool free_slot(struct emsmdb_object_table *t, uint32_t *slot)
{
	uint32_t i;

	if (t->count >= t->max_objects) {
		return false;
	}
	for (i = 0; i < t->max_objects; i++) {
		if (t->slots[i] == NULL) {
			*slot = i;
			return true;
		}
	}
	return false;
}

/*
 * MS-OXCROPS 3.1.5.3 "Server Object Dependencies": what an object of kind
 * @a owner owns among the objects opened through it.
 *
 * - an attachment: Stream objects on its properties, its embedded
 *   message, FastTransfer download and upload contexts;
 * - a message: its attachments, Stream objects on its properties, its
 *   attachments table, FastTransfer download and upload contexts;
 * - a folder: Stream objects on its properties, its rules and permissions
 *   tables, FastTransfer download and upload contexts, synchronization
 *   download contexts and upload contexts (collectors).
 *
 * Everything else belongs to its logon only: the folders and messages
 * opened through a folder, its contents and hierarchy tables,
 * notification subscriptions.  The only tables opened on folders so far
 * are contents and hierarchy tables; the rules and permissions tables,
 * when implemented, need their own case here.
 */
static bool owns(enum emsmdb_object_type owner, enum emsmdb_object_type type)
{
	switch (owner) {
	case EMSMDB_OBJECT_ATTACHMENT:
		return type == EMSMDB_OBJECT_STREAM ||
		       type == EMSMDB_OBJECT_MESSAGE ||
		       type == EMSMDB_OBJECT_FX_CONTEXT;
	case EMSMDB_OBJECT_MESSAGE:
		return type == EMSMDB_OBJECT_ATTACHMENT ||
		       type == EMSMDB_OBJECT_STREAM ||
		       type == EMSMDB_OBJECT_TABLE ||
		       type == EMSMDB_OBJECT_FX_CONTEXT;
	case EMSMDB_OBJECT_FOLDER:
		return type == EMSMDB_OBJECT_STREAM ||
		       type == EMSMDB_OBJECT_FX_CONTEXT ||
		       type == EMSMDB_OBJECT_SYNC_CONTEXT ||
		       type == EMSMDB_OBJECT_COLLECTOR;
	default:
		return false;
	}
}

/*
 * The owner of an object of @a type opened through @a through: @a through
 * when it owns such objects, its logon when it is an owner kind that
 * does not; an object opened through an object that owns nothing (a
 * stream cloned from a stream, a context made from a context) shares that
 * object's owner.
 */
static struct emsmdb_object *owner_of(struct emsmdb_object *through,
				      enum emsmdb_object_type type)
{
	switch (through->type) {
	case EMSMDB_OBJECT_LOGON:
		return through;
	case EMSMDB_OBJECT_ATTACHMENT:
	case EMSMDB_OBJECT_MESSAGE:
	case EMSMDB_OBJECT_FOLDER:
		if (owns(through->type, type)) {
			return through;
		}
		break;
	default:
		if (through->parent != NULL) {
			return through->parent;
		}
		break;
	}
	while (through->parent != NULL) {
		through = through->parent;
	}
	return through;
}

struct emsmdb_object *emsmdb_object_new(struct emsmdb_object_table *table,
					struct emsmdb_object *parent,
					enum emsmdb_object_type type,
					uint8_t logon_id, void *data)
{
	struct emsmdb_object *o;
	uint32_t slot;
	bool logon = (type == EMSMDB_OBJECT_LOGON);

	if (logon != (parent == NULL) ||
	    (parent != NULL && (parent->table != table ||
				parent->logon_id != logon_id))) {
		DBG_ERR("object of type %d with a wrong parent\n", type);
		return NULL;
	}
	if (logon && table->logons[logon_id] != NULL) {
		emsmdb_object_release(table->logons[logon_id]);
	}
	if (!free_slot(table, &slot)) {
		DBG_NOTICE("session object limit (%u) reached\n",
			   table->max_objects);
		return NULL;
	}
	if (parent != NULL) {
		parent = owner_of(parent, type);
	}
	o = talloc_zero(logon ? (TALLOC_CTX *)table : (TALLOC_CTX *)parent,
			struct emsmdb_object);
	if (o == NULL) {
		return NULL;
	}
	table->seq = table->seq >= SEQ_MAX ? 1 : table->seq + 1;
	o->table = table;
	o->handle = ((uint32_t)table->seq << 16) | slot;
	o->type = type;
	o->logon_id = logon_id;
	o->parent = parent;
	o->data = talloc_steal(o, data);
	table->slots[slot] = o;
	table->count++;
	if (logon) {
		table->logons[logon_id] = o;
	} else {
		owned_add(parent, o);
	}
	talloc_set_destructor(o, object_destructor);
	return o;
}

struct emsmdb_object *emsmdb_object_find(struct emsmdb_object_table *table,
					 uint32_t handle, uint8_t logon_id)
{
	uint32_t slot = handle & 0xFFFF;
	struct emsmdb_object *o;

	if (slot >= table->max_objects) {
		return NULL;
	}
	o = table->slots[slot];
	if (o == NULL || o->handle != handle || o->logon_id != logon_id) {
		return NULL;
	}
	return o;
}

struct emsmdb_object *emsmdb_object_logon(struct emsmdb_object_table *table,
					  uint8_t logon_id)
{
	return table->logons[logon_id];
}

void emsmdb_object_release(struct emsmdb_object *object)
{
	talloc_free(object);
}

uint32_t emsmdb_object_count(const struct emsmdb_object_table *table)
{
	return table->count;
}
