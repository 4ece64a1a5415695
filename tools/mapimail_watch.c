/*
 * mapimail watch: subscribe to the mailbox's new mail (and with --all its
 * object events; with --folder one folder's), then print each event as
 * it arrives, waiting on AsyncEMSMDB (EcDoAsyncWaitEx, MS-OXCRPC 3.3.4.1)
 * through libmapi/notify.h.  --count ends the watch after N events,
 * --timeout after SECONDS; SIGINT and SIGTERM end it too.  Each way, the
 * subscription is released and the session disconnected.
 */
#include <signal.h>
#include <stdio.h>
#include <tevent.h>

#include "mapimail.h"
#include "libmapi/notify.h"

struct watch_options mail_watch_opt;

struct poptOption mail_watch_options[] = {
	{ "all", 0, POPT_ARG_NONE, &mail_watch_opt.all, 0,
	  "Also objects created, deleted, modified, moved, copied (watch)",
	  NULL },
	{ "timeout", 0, POPT_ARG_INT, &mail_watch_opt.timeout, 0,
	  "Stop after SECONDS (watch; exit status 4)", "SECONDS" },
	POPT_TABLEEND
};

/* the object events of --all (MS-OXCNOTIF 2.2.1.2.1.1) */
#define OBJECT_EVENTS (NotificationTypes_ObjectCreated | \
		       NotificationTypes_ObjectDeleted | \
		       NotificationTypes_ObjectModified | \
		       NotificationTypes_ObjectMoved | \
		       NotificationTypes_ObjectCopied)

struct watch {
	struct mail_ctx *m;
	uint32_t sub;		/* the subscription's handle */
	int count;		/* --count: events to print, 0 all */
	int seen;		/* events printed */
	bool stop;		/* set by the timer and the signals */
	bool timed_out;
	int signum;		/* the signal that stopped us, or 0 */
};

/* --folder (of every command) and --count (of the item commands) */
static const char *watch_folder(const struct mail_ctx *m)
{
	return m->opt->folder;
}

static int watch_count(void)
{
	return mail_item_opt.count;
}

static bool on_event(const struct mapi_notification *n, void *private_data)
{
	struct watch *w = private_data;

	if (n->handle != w->sub) {
		return true;
	}
	if (mail_watch_print(w->m, n) == MAPIMAIL_OK) {
		w->seen++;
	}
	return w->count == 0 || w->seen < w->count;
}

static void on_signal(struct tevent_context *ev, struct tevent_signal *se,
		      int signum, int count, void *siginfo,
		      void *private_data)
{
	struct watch *w = private_data;

	w->signum = signum;
	w->stop = true;
}

static void on_timeout(struct tevent_context *ev, struct tevent_timer *te,
		       struct timeval now, void *private_data)
{
	struct watch *w = private_data;

	w->timed_out = true;
	w->stop = true;
}

/* SIGINT, SIGTERM and --timeout set w->stop, on @a mem_ctx. */
static bool arm(TALLOC_CTX *mem_ctx, struct tevent_context *ev,
		struct watch *w)
{
	if (tevent_add_signal(ev, mem_ctx, SIGINT, 0, on_signal, w) ==
	    NULL ||
	    tevent_add_signal(ev, mem_ctx, SIGTERM, 0, on_signal, w) ==
	    NULL) {
		return false;
	}
	return mail_watch_opt.timeout == 0 ||
	       tevent_add_timer(ev, mem_ctx,
				tevent_timeval_current_ofs(
					mail_watch_opt.timeout, 0),
				on_timeout, w) != NULL;
}

/* RopRegisterNotification on the mailbox, or on the folder --folder. */
static int subscribe(struct mail_ctx *m, struct watch *w,
		     const char **what)
{
	uint16_t types = NotificationTypes_NewMail |
			 (mail_watch_opt.all ? OBJECT_EVENTS : 0);
	const char *path = watch_folder(m);
	uint64_t fid = 0;
	enum MAPISTATUS rv;
	uint32_t folder;
	int rc;

	*what = m->opt->public_store ? "the public folders" : "the mailbox";
	if (path != NULL) {
		rc = mail_open_folder(m, path, &folder, &fid);
		if (rc != MAPIMAIL_OK) {
			return rc;
		}
		mail_release(m, folder);
		*what = talloc_asprintf(m->mem, "'%s'",
					mail_path_display(m->mem, path));
	}
	/* on the logon: a subscription ends with the object it was made
	 * on, and the folder is not kept open */
	rv = mapi_notify_register(m->logon, m->mem, m->logon->handle, types,
				  path == NULL, fid, 0, &w->sub);
	if (rv != MAPI_E_SUCCESS) {
		return mail_rop_fail("cannot watch", *what, rv);
	}
	return MAPIMAIL_OK;
}

static int finish(struct watch *w, enum MAPISTATUS rv)
{
	if (rv == MAPI_E_SUCCESS) {
		return MAPIMAIL_OK;
	}
	if (rv == MAPI_E_USER_CANCEL && w->timed_out) {
		fprintf(stderr, "mapimail: watch: timed out after %d seconds "
			"(%d event%s)\n", mail_watch_opt.timeout, w->seen,
			w->seen == 1 ? "" : "s");
		return MAPIMAIL_TIMEOUT;
	}
	if (rv == MAPI_E_USER_CANCEL) {
		fprintf(stderr, "mapimail: watch: stopped by %s (%d event%s)\n",
			w->signum == SIGINT ? "SIGINT" : "SIGTERM", w->seen,
			w->seen == 1 ? "" : "s");
		return MAPIMAIL_OK;
	}
	return mail_fail("watch: waiting for notifications failed: %s (%s)",
			 mapi_strerror(rv), mapi_status_string(rv));
}

/* Wait and print until --count, --timeout or a signal. */
static int watch_loop(struct mail_ctx *m, struct watch *w, const char *what)
{
	struct mapi_session *s = m->session;
	struct mapi_notify_waiter *waiter = NULL;
	TALLOC_CTX *armed = talloc_new(m->mem);
	enum MAPISTATUS rv;

	rv = mapi_notify_waiter_open(m->mem, s->rpc, &s->params, s->emsmdb,
				     &waiter);
	if (rv != MAPI_E_SUCCESS) {
		talloc_free(armed);
		return mail_fail("cannot wait for notifications "
				 "(AsyncEMSMDB): %s (%s)", mapi_strerror(rv),
				 mapi_status_string(rv));
	}
	if (armed == NULL || !arm(armed, waiter->ev, w)) {
		talloc_free(armed);
		talloc_free(waiter);
		return mail_fail("out of memory");
	}
	fprintf(stderr, "mapimail: watching %s for %s\n", what,
		mail_watch_opt.all ? "new mail and changes" : "new mail");
	rv = mapi_notify_loop_until(s->emsmdb, waiter, on_event, w, &w->stop);
	talloc_free(armed);	/* the default signal actions again */
	talloc_free(waiter);	/* AsyncEMSMDB closed */
	return finish(w, rv);
}

static int check_watch_options(void)
{
	if (watch_count() < 0) {
		mail_fail("--count takes a number of events, 1 or more");
		return MAPIMAIL_USAGE;
	}
	if (mail_watch_opt.timeout < 0) {
		mail_fail("--timeout takes a number of seconds, 1 or more");
		return MAPIMAIL_USAGE;
	}
	return MAPIMAIL_OK;
}

int cmd_watch(struct mail_ctx *m, const char **args)
{
	struct watch w = { .m = m, .count = watch_count() };
	const char *what = NULL;
	int rc;

	rc = check_watch_options();
	if (rc == MAPIMAIL_OK) {
		rc = subscribe(m, &w, &what);
	}
	if (rc != MAPIMAIL_OK) {
		return rc;
	}
	rc = watch_loop(m, &w, what);
	mail_release(m, w.sub);	/* unsubscribe; the session ends in main */
	return rc;
}
