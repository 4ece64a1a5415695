/*
 * fixture-messages: put test messages into a folder of the test user's
 * mailbox through libmapi (RopCreateMessage, RopSetProperties,
 * RopSaveChangesMessage), for the shell suites of tools that read
 * messages before the mail client can send any.
 *
 *   fixture-messages -U USER%PASS -W DOMAIN -I HOST [-s smb.conf] \
 *       [--submit-to ADDRESS]... \
 *       FOLDER 'SUBJECT|FROM|YYYY-MM-DD HH:MM|read|BODYSIZE' ...
 *
 * Times are UTC; "read" sets MSGFLAG_READ (anything else leaves the
 * message unread); BODYSIZE characters of body make the sizes differ.
 * With --submit-to (SMTP addresses, To recipients), each message is sent
 * instead (RopModifyRecipients, RopSubmitMessage): only its subject and
 * body are set, the server delivers it and fills in the rest.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <popt.h>
#include <util/time.h>

#include "libmapi/mapi_cmdline.h"
#include "libmapi/session.h"
#include "libmapi/folder.h"
#include "libmapi/folder_path.h"
#include "libmapi/property.h"
#include "libmapi/transport.h"
#include "libmapi/ndr/recipient_row.h"

struct spec {
	const char *subject, *from, *date, *read;
	long body;
};

static bool parse_spec(TALLOC_CTX *mem_ctx, const char *arg, struct spec *s)
{
	char *copy = talloc_strdup(mem_ctx, arg), *save = NULL;
	char *f[5];
	int i;

	for (i = 0; i < 5; i++) {
		f[i] = strtok_r(i ? NULL : copy, "|", &save);
		if (f[i] == NULL) {
			return false;
		}
	}
	s->subject = f[0];
	s->from = f[1];
	s->date = f[2];
	s->read = f[3];
	s->body = strtol(f[4], NULL, 10);
	return true;
}

static NTTIME parse_time(const char *s)
{
	struct tm tm = { 0 };
	NTTIME nt;

	if (strptime(s, "%Y-%m-%d %H:%M", &tm) == NULL) {
		return 0;
	}
	unix_to_nt_time(&nt, timegm(&tm));
	return nt;
}

/* To recipients, by SMTP address. */
static enum MAPISTATUS add_recipients(struct mapi_logon *logon,
				      TALLOC_CTX *mem_ctx, uint32_t m,
				      const char **to)
{
	struct mapi_recipient *r;
	uint16_t n = 0, i;

	while (to[n] != NULL) {
		n++;
	}
	r = talloc_zero_array(mem_ctx, struct mapi_recipient, n);
	for (i = 0; r != NULL && i < n; i++) {
		struct TaggedPropertyValue *p = talloc_zero_array(
			r, struct TaggedPropertyValue, 3);

		if (p == NULL) {
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
		p[0].PropertyTag = RECIPIENT_PidTagDisplayName;
		p[0].Value.String = to[i];
		p[1].PropertyTag = RECIPIENT_PidTagAddressType;
		p[1].Value.String = "SMTP";
		p[2].PropertyTag = RECIPIENT_PidTagEmailAddress;
		p[2].Value.String = to[i];
		r[i] = (struct mapi_recipient){ .row_id = i, .type = 1,
						.props = p, .count = 3 };
	}
	if (r == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	return mapi_recipients_modify(logon, mem_ctx, m, NULL, 0, r, n);
}

/* Save the message @a m, or with @a to send it. */
static enum MAPISTATUS save_or_submit(struct mapi_logon *logon,
				      TALLOC_CTX *mem_ctx, uint32_t m,
				      const char **to)
{
	enum MAPISTATUS rv = MAPI_E_SUCCESS;

	if (to != NULL) {
		rv = add_recipients(logon, mem_ctx, m, to);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_message_save(logon, mem_ctx, m, KeepOpenReadWrite,
				       NULL);
	}
	if (rv == MAPI_E_SUCCESS && to != NULL) {
		rv = mapi_message_submit(logon, mem_ctx, m, 0);
	}
	return rv;
}

static enum MAPISTATUS save(struct mapi_logon *logon, TALLOC_CTX *mem_ctx,
			    uint32_t folder, uint64_t fid,
			    const struct spec *s, const char **to)
{
	struct TaggedPropertyValue v[5] = {
		{ .PropertyTag = 0x0037001F },	/* PidTagSubject */
		{ .PropertyTag = 0x1000001F },	/* PidTagBody */
		{ .PropertyTag = 0x0042001F },	/* PidTagSentRepresentingName */
		{ .PropertyTag = 0x0E060040 },	/* PidTagMessageDeliveryTime */
		{ .PropertyTag = 0x0E070003 },	/* PidTagMessageFlags */
	};
	char *body = talloc_zero_array(mem_ctx, char, s->body + 1);
	enum MAPISTATUS rv;
	uint32_t m;

	if (body == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	memset(body, 'x', s->body);
	v[0].Value.String = s->subject;
	v[1].Value.String = body;
	v[2].Value.String = s->from;
	v[3].Value.Time = parse_time(s->date);
	v[4].Value.Integer32 = strcmp(s->read, "read") == 0 ? 0x1 : 0x0;
	rv = mapi_message_create(logon, mem_ctx, folder, fid, false, &m);
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_props_set(logon, mem_ctx, m, v, to ? 2 : 5, NULL);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = save_or_submit(logon, mem_ctx, m, to);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_object_release(logon, m);
	}
	return rv;
}

static int run(TALLOC_CTX *mem, struct mapi_cmdline *cl, const char **args,
	       const char **to)
{
	struct mapi_rpc_params params = { 0 };
	struct mapi_rpc_context *rpc;
	struct mapi_session *session;
	struct mapi_logon *logon;
	struct spec s;
	enum MAPISTATUS rv;
	uint32_t h;
	uint64_t fid;
	int i;

	rpc = mapi_cmdline_setup(mem, "fixture-messages", cl, &params);
	rv = rpc ? mapi_session_open(mem, rpc, &params, NULL, &session)
		 : MAPI_E_CALL_FAILED;
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_session_mailbox(session, &logon);
	}
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_folder_open_path(logon, mem,
					   logon->folder_ids[MAPI_LOGON_IPM_SUBTREE],
					   args[0], &h, &fid, NULL);
	}
	for (i = 1; rv == MAPI_E_SUCCESS && args[i] != NULL; i++) {
		if (!parse_spec(mem, args[i], &s)) {
			fprintf(stderr, "fixture-messages: bad spec '%s'\n",
				args[i]);
			return 2;
		}
		rv = save(logon, mem, h, fid, &s, to);
	}
	if (rv != MAPI_E_SUCCESS) {
		fprintf(stderr, "fixture-messages: %s\n",
			mapi_status_string(rv));
		return 1;
	}
	return 0;
}

int main(int argc, const char **argv)
{
	struct mapi_cmdline cl = { 0 };
	TALLOC_CTX *mem = talloc_new(NULL);
	const char **args, **to = NULL;
	int opt, rc = 2;
	poptContext pc;
	struct poptOption options[] = {
		POPT_AUTOHELP
		MAPI_POPT_CONNECTION(&cl),
		{ "submit-to", 0, POPT_ARG_ARGV, &to, 0,
		  "Send the messages to this SMTP address (repeat for more)",
		  "ADDRESS" },
		POPT_TABLEEND
	};

	pc = poptGetContext("fixture-messages", argc, argv, options, 0);
	while ((opt = poptGetNextOpt(pc)) >= 0) {
	}
	args = poptGetArgs(pc);
	if (opt == -1 && args != NULL && args[0] != NULL && cl.user != NULL) {
		rc = run(mem, &cl, args, to);
	} else {
		poptPrintUsage(pc, stderr, 0);
	}
	poptFreeContext(pc);
	talloc_free(mem);
	mapi_cmdline_free(&cl);
	for (opt = 0; to != NULL && to[opt] != NULL; opt++) {
		free(discard_const_p(char, to[opt]));
	}
	free(to);
	return rc;
}
