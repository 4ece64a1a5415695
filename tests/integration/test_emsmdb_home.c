/*
 * Home servers against torture/testenv: a second server object OTHERSRV
 * registered with mapiadmin (no second DC), bob homed there; the address
 * book reports the home (PidTagAddressBookHomeMessageDatabase, MS-OXOABK
 * 2.2.4.37; RfrGetFQDNFromServerDN, MS-OXABREF 3.1.4.2); EcDoConnectEx
 * opens the session (MS-OXCRPC 3.1.4.1 has no redirect); RopLogon
 * answers the redirect response (MS-OXCSTOR 3.2.5.1.1, 2.2.1.1.2;
 * MS-OXCROPS 2.2.3.1.4) byte for byte; libmapi reports a redirect it
 * cannot follow and follows one it can, once.  Moving bob back makes
 * his logon work again; alice is never affected.  Leaves the directory
 * as it found it.
 */
#include "itest_emsmdb.h"

#include <stdarg.h>
#include <ctype.h>
#include <sys/wait.h>
#include <time.h>
#include "libmapi/profile.h"
#include "libmapi/ndr/rpc_ext.h"
#include "libmapi/ndr/rop_buffer.h"

#define OTHERSRV "OTHERSRV"
/* a server whose DC computer account says it is 127.0.0.1: this DC
 * again, under another name (a redirect libmapi can follow) */
#define LOOPSRV "LOOPSRV"
#define TAG_HOME_MDB_W 0x8006001F

/* Run a shell command with the test server's environment; its exit
 * status.  $ADMIN is mapiadmin on the server's smb.conf, $SAM its SAM
 * database, $BASE the domain's DN. */
static int sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int sh(const char *fmt, ...)
{
	char *cmd, *full;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	cmd = talloc_vasprintf(NULL, fmt, ap);
	va_end(ap);
	full = talloc_asprintf(
		cmd, "ADMIN=\"${BUILDDIR:-.}/bin/mapiadmin -s $SMB_CONF\"; "
		"SAM=\"$(dirname \"$SMB_CONF\")/../private/sam.ldb\"; "
		"BASE=DC=$(echo \"$REALM\" | tr A-Z a-z | sed 's/\\./,DC=/g'); "
		"{ %s; } >/dev/null 2>&1", cmd);
	rc = system(full);
	talloc_free(cmd);
	return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

/* The directory as the suite found it: no home records, no extra
 * servers, no LOOPSRV computer. */
static void restore(void)
{
	sh("$ADMIN home bob --clear; $ADMIN home alice --clear; "
	   "$ADMIN server-remove " OTHERSRV "; $ADMIN server-remove "
	   LOOPSRV "; ldbdel -H \"$SAM\" \"CN=" LOOPSRV ",CN=Computers,$BASE\"");
}

/* "/o=ORG/ou=AG" of the organisation, from alice's legacyExchangeDN. */
static const char *org_prefix(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	const char *dn = itest_dn_of(env, mem_ctx, &env->user);
	const char *cut = dn ? strcasestr(dn, "/cn=Recipients/") : NULL;

	return cut ? talloc_strndup(mem_ctx, dn, cut - dn) : NULL;
}

static const char *server_dn(struct itest_env *env, TALLOC_CTX *mem_ctx,
			     const char *name)
{
	const char *org = org_prefix(env, mem_ctx);

	return org ? talloc_asprintf(mem_ctx, "%s/cn=Configuration/cn=Servers"
				     "/cn=%s", org, name) : NULL;
}

static const char *dns_domain(TALLOC_CTX *mem_ctx)
{
	char *d = talloc_strdup(mem_ctx, getenv("REALM") ? getenv("REALM")
							 : "sambamapi.test");
	char *p;

	for (p = d; p != NULL && *p != '\0'; p++) {
		*p = tolower((unsigned char)*p);
	}
	return d;
}

/* A user's home MDB as the address book reports it. */
static const char *home_mdb(struct itest_env *env, TALLOC_CTX *mem_ctx,
			    const char *name)
{
	uint32_t tag = TAG_HOME_MDB_W;
	struct mapi_nspi_resolved *r;
	struct mapi_nspi *nspi;

	if (mapi_nspi_connect(mem_ctx, env->rpc, &env->user, 1252, 0x409,
			      &nspi) != MAPI_E_SUCCESS ||
	    mapi_nspi_resolve(nspi, mem_ctx, &name, 1,
			      mapi_nspi_tags(mem_ctx, 1, &tag), &r) !=
	    MAPI_E_SUCCESS || r[0].state != MAPI_NSPI_RESOLVED) {
		return NULL;
	}
	return mapi_nspi_row_string(r[0].row, 0x8006);
}

static bool logon_works(struct itest_env *env, TALLOC_CTX *mem_ctx,
			const struct mapi_rpc_params *who)
{
	const char *dn = itest_dn_of(env, mem_ctx, who);
	struct mapi_emsmdb *e = NULL;
	struct mapi_logon *logon = NULL;

	ITEST_ASSERT(dn != NULL, "no DN for %s", who->username);
	ITEST_MAPI(mapi_emsmdb_connect(mem_ctx, env->rpc, who, dn, &e),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_logon_private(mem_ctx, e, 0, dn, &logon),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(logon->emsmdb == e && e->redirect.server_dn == NULL,
		     "%s's logon was redirected", who->username);
	return true;
}

static bool test_register(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	restore();
	ITEST_ASSERT(sh("$ADMIN server-add " OTHERSRV) == 0, "server-add");
	ITEST_ASSERT(sh("$ADMIN server-list | grep -q '^" OTHERSRV "\t"
			"othersrv\\.'") == 0, "server-list");
	ITEST_ASSERT(sh("$ADMIN home %s " OTHERSRV, env->user2.username) == 0,
		     "home %s " OTHERSRV, env->user2.username);
	ITEST_ASSERT(sh("$ADMIN home %s | grep -q '\t" OTHERSRV "\t'",
			env->user2.username) == 0, "home shows " OTHERSRV);
	return true;
}

/* MS-OXOABK 2.2.4.37: the home MDB is on the home server. */
static bool test_nspi_home(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	const char *bob = home_mdb(env, mem_ctx, env->user2.username);
	const char *alice = home_mdb(env, mem_ctx, env->user.username);
	const char *want = talloc_asprintf(
		mem_ctx, "%s/cn=Microsoft Private MDB",
		server_dn(env, mem_ctx, OTHERSRV));

	ITEST_ASSERT(bob != NULL && strcmp(bob, want) == 0,
		     "bob's home MDB %s, expected %s", bob ? bob : "(none)",
		     want);
	ITEST_ASSERT(alice != NULL &&
		     strcasestr(alice, "/cn=Servers/cn=MAPIDC/") != NULL,
		     "alice's home MDB %s", alice ? alice : "(none)");
	return true;
}

/* MS-OXABREF 3.1.4.2: the registered servers' FQDNs. */
static bool test_rfr_fqdn(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	const char *dn = server_dn(env, mem_ctx, OTHERSRV);
	const char *want = talloc_asprintf(mem_ctx, "othersrv.%s",
					   dns_domain(mem_ctx));
	struct mapi_rfr *rfr;
	const char *fqdn = NULL;

	ITEST_MAPI(mapi_rfr_connect(mem_ctx, env->rpc, &env->user, NULL,
				    &rfr), MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_rfr_get_fqdn_from_server_dn(rfr, mem_ctx, dn, &fqdn),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(strcmp(fqdn, want) == 0, "FQDN %s", fqdn);
	ITEST_MAPI(mapi_rfr_get_fqdn_from_server_dn(
			   rfr, mem_ctx, talloc_asprintf(
				   mem_ctx, "%s/cn=Microsoft Private MDB", dn),
			   &fqdn), MAPI_E_SUCCESS);
	ITEST_ASSERT(strcmp(fqdn, want) == 0, "database FQDN %s", fqdn);
	ITEST_MAPI(mapi_rfr_get_fqdn_from_server_dn(
			   rfr, mem_ctx, server_dn(env, mem_ctx, "NOSUCHSRV"),
			   &fqdn), MAPI_E_NOT_FOUND);
	return true;
}

static char *hex(TALLOC_CTX *mem_ctx, const DATA_BLOB *b)
{
	char *s = talloc_strdup(mem_ctx, "");
	size_t i;

	for (i = 0; s != NULL && i < b->length; i++) {
		s = talloc_asprintf_append(s, "%02x", b->data[i]);
	}
	return s;
}

/* RopLogon as bob, by hand: the redirect response's bytes. */
static bool test_redirect_bytes(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	const char *dn = itest_dn_of(env, mem_ctx, &env->user2);
	const char *target = server_dn(env, mem_ctx, OTHERSRV);
	struct RopRequest r = { .RopId = RopLogon };
	const uint32_t handle = 0xFFFFFFFF;
	struct mapi_rpc_ext_payload *p = NULL;
	struct mapi_emsmdb *e = NULL;
	struct rop_buffer rb;
	DATA_BLOB rops, out, payload;
	uint8_t *in = NULL, *want;
	size_t len = 0, count = 0, n;

	ITEST_ASSERT(dn != NULL && target != NULL, "no DNs");
	/* MS-OXCRPC 3.1.4.1: the session opens; the redirect is RopLogon's */
	ITEST_MAPI(mapi_emsmdb_connect(mem_ctx, env->rpc, &env->user2, dn, &e),
		   MAPI_E_SUCCESS);
	/* Private | Undercover | SpoolerProcess: the redirect keeps the
	 * first two (MS-OXCSTOR 2.2.1.1.2) */
	r.Body.Logon.LogonFlags = 0x0B;
	r.Body.Logon.OpenFlags = LogonOpenFlags_HOME_LOGON |
				 LogonOpenFlags_USE_PER_MDB_REPLID_MAPPING;
	r.Body.Logon.EssdnSize = strlen(dn) + 1;
	r.Body.Logon.Essdn = (uint8_t *)discard_const_p(char, dn);
	ITEST_MAPI(mapi_emsmdb_build_rops(mem_ctx, &r, 1, &handle, 1, &rops),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(mapi_rpc_ext_encode(mem_ctx, &in, &len, rops.data,
					 rops.length, 0, true, 0x40000) ==
		     MAPI_RPC_EXT_OK, "encode");
	ITEST_MAPI(mapi_emsmdb_rpc_ext2(e, mem_ctx, pulFlags_NoCompression |
					pulFlags_NoXorMagic, in, len, 0x40000,
					&out), MAPI_E_SUCCESS);
	ITEST_ASSERT(mapi_rpc_ext_decode(mem_ctx, out.data, out.length,
					 0xFFFF, 0x40000, &p, &count) ==
		     MAPI_RPC_EXT_OK && count == 1, "decode");
	payload = data_blob_const(p[0].data, p[0].length);
	ITEST_ASSERT(rop_buffer_parse(mem_ctx, &payload, &rb) ==
		     NDR_ERR_SUCCESS, "ROP output buffer");
	/* RopId, OutputHandleIndex, ReturnValue ecWrongServer, LogonFlags,
	 * ServerNameSize, ServerName and its NUL */
	n = strlen(target) + 1;
	want = talloc_array(mem_ctx, uint8_t, 8 + n);
	memcpy(want, "\xFE\x00\x78\x04\x00\x00\x03", 7);
	want[7] = (uint8_t)n;
	memcpy(want + 8, target, n);
	ITEST_ASSERT(rb.rops.length == 8 + n &&
		     memcmp(rb.rops.data, want, 8 + n) == 0,
		     "response of %zu bytes: %s", rb.rops.length,
		     hex(mem_ctx, &rb.rops));
	ITEST_ASSERT(rb.handle_count == 1 && rb.handles[0] == 0xFFFFFFFF,
		     "handle table");
	return true;
}

/* libmapi follows the redirect; OTHERSRV cannot be reached: the error
 * names it. */
static bool test_libmapi_unreachable(struct itest_env *env,
				     TALLOC_CTX *mem_ctx)
{
	const char *dn = itest_dn_of(env, mem_ctx, &env->user2);
	const char *target = server_dn(env, mem_ctx, OTHERSRV);
	struct mapi_emsmdb *e = NULL;
	struct mapi_logon *logon = NULL;
	const char *msg;
	time_t start;

	ITEST_MAPI(mapi_emsmdb_connect(mem_ctx, env->rpc, &env->user2, dn, &e),
		   MAPI_E_SUCCESS);
	start = time(NULL);
	ITEST_MAPI(mapi_logon_private(mem_ctx, e, 0, dn, &logon),
		   ecWrongServer);
	ITEST_ASSERT(logon == NULL, "a logon");
	ITEST_ASSERT(e->redirect.server_dn != NULL &&
		     strcmp(e->redirect.server_dn, target) == 0,
		     "redirected to %s", e->redirect.server_dn);
	ITEST_ASSERT(e->redirect.server_fqdn != NULL &&
		     strncmp(e->redirect.server_fqdn, "othersrv.", 9) == 0,
		     "FQDN %s", e->redirect.server_fqdn);
	ITEST_ASSERT(e->redirect.status != MAPI_E_SUCCESS, "followed?");
	msg = mapi_logon_redirect_string(mem_ctx, e);
	ITEST_ASSERT(msg != NULL && strstr(msg, "server " OTHERSRV " (") &&
		     strstr(msg, e->redirect.server_fqdn),
		     "message: %s", msg ? msg : "(none)");
	printf("    %s (after %lds)\n", msg, (long)(time(NULL) - start));
	return true;
}

/* The profile records the home server the address book reports. */
static bool test_profile(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct mapi_profile *p = NULL;

	ITEST_MAPI(mapi_profile_fetch(mem_ctx, env->rpc, &env->user2, "bob",
				      &p), MAPI_E_SUCCESS);
	ITEST_ASSERT(strcmp(p->server_name, OTHERSRV) == 0, "server %s",
		     p->server_name);
	ITEST_ASSERT(strcmp(p->server_dn, server_dn(env, mem_ctx, OTHERSRV))
		     == 0, "server DN %s", p->server_dn);
	ITEST_ASSERT(strncmp(p->server_fqdn, "othersrv.", 9) == 0,
		     "server FQDN %s", p->server_fqdn);
	return true;
}

static bool test_alice_unaffected(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	return logon_works(env, mem_ctx, &env->user);
}

/*
 * A redirect libmapi can follow: LOOPSRV is this DC under another name
 * (its computer account's dNSHostName is 127.0.0.1).  Homed on LOOPSRV,
 * bob's logon goes there, is redirected again and stops: once.
 */
static bool test_followed_once(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	const char *dn = itest_dn_of(env, mem_ctx, &env->user2);
	struct mapi_emsmdb *e = NULL;
	struct mapi_logon *logon = NULL;

	ITEST_ASSERT(sh("$ADMIN server-add " LOOPSRV " && printf 'dn: CN="
			LOOPSRV ",CN=Computers,%%s\\nobjectClass: computer\\n"
			"sAMAccountName: " LOOPSRV "$\\ndNSHostName: "
			"127.0.0.1\\nuserAccountControl: 4096\\n' \"$BASE\" | "
			"ldbadd -H \"$SAM\" && $ADMIN home %s " LOOPSRV,
			env->user2.username) == 0, "LOOPSRV");
	ITEST_MAPI(mapi_emsmdb_connect(mem_ctx, env->rpc, &env->user2, dn, &e),
		   MAPI_E_SUCCESS);
	ITEST_MAPI(mapi_logon_private(mem_ctx, e, 0, dn, &logon),
		   ecWrongServer);
	ITEST_ASSERT(e->redirect.server_fqdn != NULL &&
		     strcmp(e->redirect.server_fqdn, "127.0.0.1") == 0,
		     "FQDN %s", e->redirect.server_fqdn);
	/* there, the logon was redirected again: reported, not followed */
	ITEST_ASSERT(e->redirect.status == ecWrongServer, "status %s",
		     mapi_status_string(e->redirect.status));
	return true;
}

/*
 * The mailbox moves back while bob's session (opened when it was on
 * LOOPSRV) is open: that session redirects, libmapi opens one on
 * 127.0.0.1, where the mailbox is now at home, and the logon works
 * through that new session.
 */
static bool test_followed(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	const char *dn = itest_dn_of(env, mem_ctx, &env->user2);
	struct mapi_emsmdb *e = NULL;
	struct mapi_logon *logon = NULL;
	uint32_t inbox = 0;

	ITEST_ASSERT(sh("$ADMIN home %s | grep -q '\t" LOOPSRV "\t'",
			env->user2.username) == 0, "bob not on LOOPSRV");
	ITEST_MAPI(mapi_emsmdb_connect(mem_ctx, env->rpc, &env->user2, dn, &e),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(sh("$ADMIN home %s MAPIDC", env->user2.username) == 0,
		     "home bob MAPIDC");
	ITEST_MAPI(mapi_logon_private(mem_ctx, e, 0, dn, &logon),
		   MAPI_E_SUCCESS);
	ITEST_ASSERT(e->redirect.status == MAPI_E_SUCCESS &&
		     logon->emsmdb != e, "not followed");
	ITEST_MAPI(mapi_folder_open(logon, mem_ctx, logon->handle,
				    logon->folder_ids[MAPI_LOGON_INBOX],
				    &inbox), MAPI_E_SUCCESS);
	talloc_free(logon);	/* and the session it made */
	return true;
}

/* Moved back home here (no record at all): logon works again. */
static bool test_back_home(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	ITEST_ASSERT(sh("$ADMIN home %s " OTHERSRV, env->user2.username) == 0,
		     "home OTHERSRV");
	ITEST_ASSERT(sh("$ADMIN home %s --clear", env->user2.username) == 0,
		     "home --clear");
	ITEST_ASSERT(logon_works(env, mem_ctx, &env->user2), "bob");
	ITEST_ASSERT(logon_works(env, mem_ctx, &env->user), "alice");
	restore();
	ITEST_ASSERT(sh("! $ADMIN server-list | grep -q '^" OTHERSRV "'")
		     == 0, "OTHERSRV still registered");
	ITEST_ASSERT(logon_works(env, mem_ctx, &env->user2), "bob at last");
	return true;
}

static const struct itest tests[] = {
	{ "register", test_register },
	{ "nspi_home", test_nspi_home },
	{ "rfr_fqdn", test_rfr_fqdn },
	{ "redirect_bytes", test_redirect_bytes },
	{ "libmapi_unreachable", test_libmapi_unreachable },
	{ "profile", test_profile },
	{ "alice_unaffected", test_alice_unaffected },
	{ "followed_once", test_followed_once },
	{ "followed", test_followed },
	{ "back_home", test_back_home },
};

int main(int argc, const char **argv)
{
	int rc = itest_main("emsmdb_home", tests, ARRAY_SIZE(tests), argc,
			    argv);

	restore();
	return rc;
}
