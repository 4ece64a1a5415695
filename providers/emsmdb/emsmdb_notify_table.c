/*
 * TableModified notifications of open tables (MS-OXCNOTIF 2.2.1.1.1,
 * 3.1.4.3; MS-OXCTABL 3.2.5).
 *
 * Every hierarchy or contents table gets its subscription when it is
 * created (3.1.4.3: automatically, unless opened with NoNotifications),
 * and is notified once it has a view: a table that has not built its
 * rows yet (or was reset, RopResetTable) is not, as Exchange 2010 does.
 * When an event of the mailbox touches the table's rows, the table's
 * view is rebuilt and compared with the one before: each row of the
 * event that appeared is TableRowAdded, that vanished TableRowDeleted,
 * that stayed TableRowModified (with its new data and the row it now
 * follows).  What cannot be told row by row (lost events, a categorised
 * view, no columns set, a change of many rows) is TableChanged.
 */
#include "emsmdb.h"
#include "emsmdb_logon.h"
#include "emsmdb_notify.h"
#include "emsmdb_table.h"
#include "emsmdb_list.h"

#include <util/debug.h>

/* MS-OXCFOLD 2.2.1.13.1, 2.2.1.14.1 TableFlags */
#define NO_NOTIFICATIONS 0x10

/* NotificationFlags: TableModified, on message rows (M) */
#define TABLE_MODIFIED 0x0100
#define FLAG_M 0x8000

/* Row data sent in a notification at most; larger rows: TableChanged. */
#define ROW_DATA_MAX 0x2000

/* The subscription of one table object. */
struct table_watch {
	struct table_watch *prev, *next;	/* the session's tables */
	struct emsmdb_object *object;	/* the table object */
	struct emsmdb_table *table;
	struct emsmdb_listener *listener;
	bool had_view;			/* after the last ROP on it */
};

/* ------------------------------------------------ which events count */

static bool contents_event(const struct emsmdb_table *t,
			   const struct mstore_event *e)
{
	bool assoc = (t->flags & EMSMDB_TABLE_ASSOCIATED) != 0;

	if (!(e->flags & MSTORE_EVENT_MESSAGE)) {
		return (e->flags & MSTORE_EVENT_CONTENTS) && e->fid == t->fid;
	}
	if (e->type == MSTORE_EVENT_NEW_MAIL ||
	    !!(e->flags & MSTORE_EVENT_ASSOCIATED) != assoc) {
		return false;
	}
	return e->fid == t->fid ||
	       (e->type == MSTORE_EVENT_MOVED && e->old_fid == t->fid);
}

static bool find_id(const uint64_t *ids, uint32_t count, uint64_t id,
		    uint32_t *index)
{
	uint32_t i;

	for (i = 0; i < count; i++) {
		if (ids[i] == id) {
			*index = i;
			return true;
		}
	}
	return false;
}

static bool in_view(const struct emsmdb_table *t, uint64_t id)
{
	uint32_t i;

	return id != 0 && find_id(t->ids, t->count, id, &i);
}

/* Folder events of the table's rows: its children (with Depth, the
 * whole subtree below it), and folders coming or going under them. */
static bool hierarchy_event(const struct emsmdb_table *t,
			    const struct mstore_event *e)
{
	if (e->flags & MSTORE_EVENT_MESSAGE) {
		return false;
	}
	if (e->type == MSTORE_EVENT_MODIFIED) {
		return in_view(t, e->fid);
	}
	if (e->parent_fid == t->fid || e->old_parent_fid == t->fid) {
		return true;
	}
	return (t->flags & EMSMDB_TABLE_DEPTH) &&
	       (in_view(t, e->parent_fid) || in_view(t, e->old_parent_fid) ||
		in_view(t, e->fid));
}

static bool touches(const struct emsmdb_table *t, const struct mstore_event *e)
{
	return t->type == EMSMDB_TABLE_CONTENTS ? contents_event(t, e)
						: hierarchy_event(t, e);
}

/* The row an event is about. */
static uint64_t row_of(const struct emsmdb_table *t,
		       const struct mstore_event *e)
{
	return t->type == EMSMDB_TABLE_CONTENTS ? e->mid : e->fid;
}

/* --------------------------------------------------- notifications */

static void queue(struct table_watch *w, struct NotificationData *d)
{
	struct emsmdb_listener *l = w->listener;

	if (d != NULL && l->notify != NULL) {
		emsmdb_notify_queue(l->notify, l, w->object->handle,
				    w->object->logon_id, d);
	}
}

static struct NotificationData *table_data(TALLOC_CTX *mem_ctx,
					   const struct emsmdb_table *t,
					   uint16_t event)
{
	struct NotificationData *d = talloc_zero(mem_ctx,
						 struct NotificationData);

	if (d == NULL) {
		return NULL;
	}
	d->NotificationFlags = TABLE_MODIFIED |
		(t->type == EMSMDB_TABLE_CONTENTS ? FLAG_M : 0);
	if (t->type == EMSMDB_TABLE_CONTENTS) {
		d->Table.Message.TableEventType = event;
	} else {
		d->Table.Folder.TableEventType = event;
	}
	return d;
}

static void table_changed(struct table_watch *w)
{
	queue(w, table_data(w->listener, w->table, TableEvent_TableChanged));
}

/* The PropertyRow of the row at @a index for the table's columns. */
static bool row_data(TALLOC_CTX *mem_ctx, struct emsmdb_table *t,
		     uint32_t index, DATA_BLOB *out)
{
	struct property_row row;
	struct ndr_push *ndr;

	if (emsmdb_table_row(mem_ctx, t, index, &row) != MAPI_E_SUCCESS) {
		return false;
	}
	ndr = ndr_push_init_ctx(mem_ctx);
	if (ndr == NULL) {
		return false;
	}
	ndr->flags |= LIBNDR_FLAG_NOALIGN;
	if (!NDR_ERR_CODE_IS_SUCCESS(ndr_push_property_row(
		    ndr, t->columns, t->column_count, &row))) {
		return false;
	}
	*out = ndr_push_blob(ndr);
	return out->length <= ROW_DATA_MAX;
}

/* TableRowAdded or TableRowModified of the row at @a index (it follows
 * the row before it, or none). */
static struct NotificationData *row_event(TALLOC_CTX *mem_ctx,
					  struct emsmdb_table *t,
					  uint16_t event, uint32_t index)
{
	struct NotificationData *d = table_data(mem_ctx, t, event);
	uint64_t after = index > 0 ? t->ids[index - 1] : 0;
	DATA_BLOB row;

	if (d == NULL || !row_data(d, t, index, &row)) {
		talloc_free(d);
		return NULL;
	}
	if (t->type == EMSMDB_TABLE_CONTENTS) {
		struct NotifyTableMessageEvent *m = &d->Table.Message;

		m->Row.Row.TableRowFolderID = t->fid;
		m->Row.Row.TableRowMessageID = t->ids[index];
		m->RowData.RowData.InsertAfterTableRowFolderID =
			after != 0 ? t->fid : 0;
		m->RowData.RowData.InsertAfterTableRowID = after;
		m->RowData.RowData.TableRowDataSize = row.length;
		m->RowData.RowData.TableRowData = row.data;
	} else {
		struct NotifyTableFolderEvent *f = &d->Table.Folder;

		f->Row.TableRowFolderID = t->ids[index];
		f->RowData.RowData.InsertAfterTableRowFolderID = after;
		f->RowData.RowData.TableRowDataSize = row.length;
		f->RowData.RowData.TableRowData = row.data;
	}
	return d;
}

static struct NotificationData *row_deleted(TALLOC_CTX *mem_ctx,
					    struct emsmdb_table *t,
					    uint64_t id)
{
	struct NotificationData *d = table_data(mem_ctx, t,
						TableEvent_TableRowDeleted);

	if (d == NULL) {
		return NULL;
	}
	if (t->type == EMSMDB_TABLE_CONTENTS) {
		d->Table.Message.Row.Row.TableRowFolderID = t->fid;
		d->Table.Message.Row.Row.TableRowMessageID = id;
	} else {
		d->Table.Folder.Row.TableRowFolderID = id;
	}
	return d;
}

/* ----------------------------------------------------------- diffs */

/* The notification of row @a id, seen in the view before (@a old). */
static bool report_row(struct table_watch *w, const uint64_t *old,
		       uint32_t old_count, uint64_t id)
{
	struct emsmdb_table *t = w->table;
	uint32_t before, now;
	bool was = find_id(old, old_count, id, &before);
	bool is = find_id(t->ids, t->count, id, &now);
	struct NotificationData *d = NULL;

	if (!was && !is) {
		return true;
	}
	if (!is) {
		d = row_deleted(w->listener, t, id);
	} else {
		d = row_event(w->listener, t, was ? TableEvent_TableRowModified
						  : TableEvent_TableRowAdded,
			      now);
	}
	if (d == NULL) {
		return false;
	}
	queue(w, d);
	return true;
}

/* Bring the view up to date; false when it cannot be.  The change
 * moved the folder's contents or hierarchy version in its own
 * transaction, committed before the event was published. */
static bool rebuild(struct emsmdb_table *t)
{
	return emsmdb_table_refresh(t) == MAPI_E_SUCCESS;
}

static void report_rows(struct table_watch *w,
			const struct mstore_event *events, uint32_t count)
{
	struct emsmdb_table *t = w->table;
	uint64_t *old = talloc_memdup(w, t->ids, t->count * sizeof(uint64_t));
	uint32_t old_count = t->count, i, j;
	bool ok = old != NULL || old_count == 0;

	ok = ok && rebuild(t);
	for (i = 0; ok && i < count; i++) {
		uint64_t id = row_of(t, &events[i]);

		if (!touches(t, &events[i]) || id == 0) {
			continue;
		}
		/* one notification per row, even for several events */
		for (j = 0; j < i && (!touches(t, &events[j]) ||
				      row_of(t, &events[j]) != id); j++) {
		}
		if (j == i) {
			ok = report_row(w, old, old_count, id);
		}
	}
	if (!ok) {
		table_changed(w);
	}
	talloc_free(old);
}

static bool needs_table_changed(const struct emsmdb_table *t,
				const struct mstore_event *events,
				uint32_t count)
{
	uint32_t i;

	if (t->category_count > 0 || !t->columns_set) {
		return true;
	}
	for (i = 0; i < count; i++) {
		if (touches(t, &events[i]) &&
		    (events[i].flags & MSTORE_EVENT_CONTENTS)) {
			return true;
		}
	}
	return false;
}

static void table_events(struct emsmdb_listener *l,
			 const struct mstore_event *events, uint32_t count,
			 bool lost)
{
	struct table_watch *w = l->private_data;
	struct emsmdb_table *t = w->table;
	uint32_t i;

	if (l->notify == NULL || !t->built) {
		return;
	}
	for (i = 0; !lost && i < count && !touches(t, &events[i]); i++) {
	}
	if (!lost && i == count) {
		return;
	}
	if (lost || needs_table_changed(t, events, count)) {
		t->built = t->built && rebuild(t);
		table_changed(w);
		return;
	}
	report_rows(w, events, count);
}

static int watch_destructor(struct table_watch *w)
{
	struct emsmdb_notify *n = w->listener != NULL ? w->listener->notify
						      : NULL;

	if (n != NULL) {
		EMSMDB_LIST_REMOVE(n->tables, w);
	}
	return 0;
}

/* MS-OXCNOTIF 2.2.1.1.1: the restriction of a table with a view
 * changed (synchronously: RopRestrict answers TBLSTAT_COMPLETE). */
void emsmdb_notify_rop_done(struct emsmdb_rop_env *env,
			    const struct emsmdb_rop_call *call)
{
	struct emsmdb_session *session = env->session;
	struct table_watch *w;

	if (call->input == NULL || call->input->type != EMSMDB_OBJECT_TABLE ||
	    session == NULL || session->notify == NULL) {
		return;
	}
	for (w = session->notify->tables; w != NULL; w = w->next) {
		if (w->object == call->input) {
			break;
		}
	}
	if (w == NULL) {
		return;
	}
	if (call->request->RopId == RopRestrict && w->had_view) {
		queue(w, table_data(w->listener, w->table,
				    TableEvent_TableRestrictionChanged));
	}
	w->had_view = w->table->built;
}

void emsmdb_notify_object_created(struct emsmdb_rop_env *env,
				  struct emsmdb_object *object)
{
	struct emsmdb_session *session = env->session;
	struct emsmdb_logon *logon = emsmdb_logon_of(object);
	struct emsmdb_table *t = object->data;
	struct table_watch *w;

	if (object->type != EMSMDB_OBJECT_TABLE || t == NULL ||
	    session == NULL || session->notify == NULL || logon == NULL ||
	    (t->flags & NO_NOTIFICATIONS)) {
		return;
	}
	w = talloc_zero(object, struct table_watch);
	if (w == NULL) {
		return;
	}
	w->object = object;
	w->table = t;
	w->listener = talloc_zero(w, struct emsmdb_listener);
	if (w->listener == NULL) {
		talloc_free(w);
		return;
	}
	w->listener->on_events = table_events;
	w->listener->private_data = w;
	if (emsmdb_listener_attach(w->listener, session->notify,
				   session->store_directory,
				   logon->mailbox) != MAPI_E_SUCCESS) {
		DBG_NOTICE("table 0x%08x gets no notifications\n",
			   object->handle);
		talloc_free(w);
		return;
	}
	EMSMDB_LIST_ADD(session->notify->tables, w);
	talloc_set_destructor(w, watch_destructor);
}
