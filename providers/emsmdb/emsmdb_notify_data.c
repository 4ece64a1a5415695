/*
 * The NotificationData of an object event (MS-OXCNOTIF 2.2.1.4.1.2): a
 * store event (store/store_notify.h) in its wire form.  The NDR layer
 * sends only the fields the flags call for, so this fills every field the
 * event knows and sets the flags.
 */
#include "emsmdb_notify.h"

/* NotificationFlags bits (MS-OXCNOTIF 2.2.1.4.1.2) */
#define FLAG_T 0x1000	/* TotalMessageCount present */
#define FLAG_U 0x2000	/* UnreadMessageCount present */
#define FLAG_S 0x4000	/* in a search folder */
#define FLAG_M 0x8000	/* on a message */

static uint16_t flags_of(const struct mstore_event *e)
{
	uint16_t f = e->type & 0x0FFF;

	if (e->flags & MSTORE_EVENT_MESSAGE) {
		f |= FLAG_M;
		if (e->flags & MSTORE_EVENT_SEARCH) {
			f |= FLAG_S;
		}
	} else if (e->type == MSTORE_EVENT_MODIFIED &&
		   (e->flags & MSTORE_EVENT_COUNTS)) {
		/* 2.2.1.4.1.2: T and U only with ObjectModified */
		f |= FLAG_T | FLAG_U;
	}
	return f;
}

/*
 * Tags (ObjectCreated, ObjectModified): the changed properties when the
 * store knows them (as Exchange 2007 and 2010 send them, MS-OXCNOTIF
 * appendix note 9), else none (TagCount 0).
 */
static void set_tags(TALLOC_CTX *mem_ctx, struct NotificationData *d,
		     const struct mstore_event *e)
{
	struct NotifyTags *t = &d->Tags.Tags;

	t->TagCount = 0;
	if (e->type != MSTORE_EVENT_MODIFIED || e->tag_count == 0 ||
	    e->tag_count == MSTORE_EVENT_TAGS_UNKNOWN) {
		return;
	}
	t->Tags = talloc_memdup(mem_ctx, e->tags,
				e->tag_count * sizeof(uint32_t));
	if (t->Tags != NULL) {
		t->TagCount = e->tag_count;
	}
}

/* NewMail: MessageFlags, UnicodeFlag, MessageClass (always Unicode). */
static void set_new_mail(TALLOC_CTX *mem_ctx, struct NotificationData *d,
			 const struct mstore_event *e)
{
	struct NotifyNewMail *m = &d->NewMail.NewMail;

	m->MessageFlags = e->message_flags;
	m->UnicodeFlag = 1;
	m->MessageClass.Unicode = talloc_strdup(mem_ctx, e->message_class ?
						e->message_class : "");
}

struct NotificationData *emsmdb_notify_data(TALLOC_CTX *mem_ctx,
					    const struct mstore_event *e)
{
	struct NotificationData *d = talloc_zero(mem_ctx,
						 struct NotificationData);

	if (d == NULL) {
		return NULL;
	}
	d->NotificationFlags = flags_of(e);
	d->FolderId.Id = e->fid;
	d->MessageId.Id = e->mid;
	/* ParentFolderId: a folder's parent; for a message of a search
	 * folder, the folder holding it */
	d->ParentFolderId.Id = (e->flags & MSTORE_EVENT_MESSAGE) ?
			       e->fid : e->parent_fid;
	d->OldFolderId.Id = e->old_fid;
	d->OldMessageId.Id = e->old_mid;
	d->OldParentFolderId.Id = e->old_parent_fid;
	d->TotalMessageCount.Count = e->total;
	d->UnreadMessageCount.Count = e->unread;
	set_tags(d, d, e);
	if (e->type == MSTORE_EVENT_NEW_MAIL) {
		set_new_mail(d, d, e);
	}
	return d;
}
