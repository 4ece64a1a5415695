/*
 * libmapi: MAPI profiles in an ldb database (see profile.h).
 *
 * Layout of the database: one container record CN=Profiles, carrying the
 * name of the default profile in "defaultProfile", and one record
 * CN=<name>,CN=Profiles (objectClass mapiProfile) per profile.
 */
#include "profile.h"
#include "nspi.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include <pwd.h>
#include <ldb.h>
#include <util/debug.h>

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

#define PROFILE_CLASS		"mapiProfile"
#define PROFILES_DN		"CN=Profiles"
#define DEFAULT_ATTR		"defaultProfile"
#define PROFILE_NAME_MAX	256

/* PidTag* in Unicode (MS-OXPROPS) */
#define TAG_DISPLAY_NAME_W	0x3001001F
#define TAG_EMAIL_ADDRESS_W	0x3003001F
#define TAG_SMTP_ADDRESS_W	0x39FE001F
#define TAG_ACCOUNT_W		0x3A00001F
#define TAG_HOME_MDB_W		0x8006001F

struct mapi_profile_db {
	struct ldb_context *ldb;
	char *path;
};

/* Attribute name and the offset of its string in struct mapi_profile. */
static const struct {
	const char *attr;
	size_t offset;
} profile_strings[] = {
	{ "server", offsetof(struct mapi_profile, server) },
	{ "username", offsetof(struct mapi_profile, username) },
	{ "domain", offsetof(struct mapi_profile, domain) },
	{ "password", offsetof(struct mapi_profile, password) },
	{ "userDN", offsetof(struct mapi_profile, user_dn) },
	{ "displayName", offsetof(struct mapi_profile, display_name) },
	{ "smtpAddress", offsetof(struct mapi_profile, smtp_address) },
	{ "homeMDB", offsetof(struct mapi_profile, home_mdb) },
	{ "serverDN", offsetof(struct mapi_profile, server_dn) },
	{ "serverName", offsetof(struct mapi_profile, server_name) },
	{ "serverFQDN", offsetof(struct mapi_profile, server_fqdn) },
};

static const char **profile_field(const struct mapi_profile *p, size_t i)
{
	return (const char **)((const char *)p + profile_strings[i].offset);
}

char *mapi_profile_db_path(TALLOC_CTX *mem_ctx, const char *path)
{
	const char *env = getenv(MAPI_PROFILE_ENV);
	const char *home = getenv("HOME");

	if (path != NULL && path[0] != '\0') {
		return talloc_strdup(mem_ctx, path);
	}
	if (env != NULL && env[0] != '\0') {
		return talloc_strdup(mem_ctx, env);
	}
	if (home == NULL || home[0] == '\0') {
		struct passwd *pw = getpwuid(getuid());

		home = pw != NULL ? pw->pw_dir : NULL;
	}
	if (home == NULL) {
		return NULL;
	}
	return talloc_asprintf(mem_ctx, "%s/.sambamapi/profiles.ldb", home);
}

/* The default location's directory is created private. */
static bool make_parent_dir(TALLOC_CTX *mem_ctx, const char *path)
{
	char *dir = talloc_strdup(mem_ctx, path);
	char *slash = dir ? strrchr(dir, '/') : NULL;
	struct stat st;

	if (dir == NULL) {
		return false;
	}
	if (slash == NULL || slash == dir) {
		return true;
	}
	*slash = '\0';
	if (stat(dir, &st) == 0) {
		return S_ISDIR(st.st_mode);
	}
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		DBG_ERR("cannot create %s: %s\n", dir, strerror(errno));
		return false;
	}
	return true;
}

static struct ldb_dn *profiles_dn(TALLOC_CTX *mem_ctx, struct ldb_context *ldb)
{
	return ldb_dn_new(mem_ctx, ldb, PROFILES_DN);
}

static bool ensure_container(struct ldb_context *ldb)
{
	TALLOC_CTX *tmp = talloc_new(ldb);
	struct ldb_message *msg = ldb_msg_new(tmp);
	int ret;

	if (msg == NULL) {
		talloc_free(tmp);
		return false;
	}
	msg->dn = profiles_dn(msg, ldb);
	if (msg->dn == NULL ||
	    ldb_msg_add_string(msg, "objectClass", "container") != 0) {
		talloc_free(tmp);
		return false;
	}
	ret = ldb_add(ldb, msg);
	talloc_free(tmp);
	if (ret != LDB_SUCCESS && ret != LDB_ERR_ENTRY_ALREADY_EXISTS) {
		DBG_ERR("cannot initialise the profile database: %s\n",
			ldb_errstring(ldb));
		return false;
	}
	return true;
}

enum MAPISTATUS mapi_profile_db_open(TALLOC_CTX *mem_ctx, const char *path,
				     struct mapi_profile_db **db)
{
	struct mapi_profile_db *d;
	int fd;

	*db = NULL;
	d = talloc_zero(mem_ctx, struct mapi_profile_db);
	if (d == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	d->path = mapi_profile_db_path(d, path);
	if (d->path == NULL || !make_parent_dir(d, d->path)) {
		talloc_free(d);
		return MAPI_E_DISK_ERROR;
	}
	/* created private: it may hold passwords */
	fd = open(d->path, O_RDWR | O_CREAT, 0600);
	if (fd < 0) {
		DBG_ERR("cannot open %s: %s\n", d->path, strerror(errno));
		talloc_free(d);
		return MAPI_E_DISK_ERROR;
	}
	close(fd);
	d->ldb = ldb_init(d, NULL);
	if (d->ldb == NULL) {
		talloc_free(d);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	if (ldb_connect(d->ldb, d->path, 0, NULL) != LDB_SUCCESS) {
		DBG_ERR("cannot open the profile database %s: %s\n", d->path,
			ldb_errstring(d->ldb));
		talloc_free(d);
		return MAPI_E_DISK_ERROR;
	}
	if (!ensure_container(d->ldb)) {
		talloc_free(d);
		return MAPI_E_DISK_ERROR;
	}
	*db = d;
	return MAPI_E_SUCCESS;
}

static bool valid_name(const char *name)
{
	size_t i, len;

	if (name == NULL) {
		return false;
	}
	len = strlen(name);
	if (len == 0 || len > PROFILE_NAME_MAX) {
		return false;
	}
	for (i = 0; i < len; i++) {
		if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f) {
			return false;
		}
	}
	return true;
}

static struct ldb_dn *profile_dn(TALLOC_CTX *mem_ctx,
				 struct mapi_profile_db *db, const char *name)
{
	struct ldb_val val = { .data = (uint8_t *)(uintptr_t)name,
			       .length = strlen(name) };
	struct ldb_dn *dn = profiles_dn(mem_ctx, db->ldb);

	if (dn == NULL || !ldb_dn_add_child_val(dn, "CN", val)) {
		talloc_free(dn);
		return NULL;
	}
	return dn;
}

/* The record of profile @name, or NULL (with *status set). */
static struct ldb_message *find_record(struct mapi_profile_db *db,
				       TALLOC_CTX *mem_ctx, const char *name,
				       enum MAPISTATUS *status)
{
	struct ldb_result *res = NULL;
	struct ldb_dn *dn;
	int ret;

	*status = MAPI_E_NOT_FOUND;
	if (!valid_name(name)) {
		return NULL;
	}
	dn = profile_dn(mem_ctx, db, name);
	if (dn == NULL) {
		*status = MAPI_E_NOT_ENOUGH_MEMORY;
		return NULL;
	}
	ret = ldb_search(db->ldb, mem_ctx, &res, dn, LDB_SCOPE_BASE, NULL,
			 "(objectClass=" PROFILE_CLASS ")");
	if (ret == LDB_ERR_NO_SUCH_OBJECT || (ret == LDB_SUCCESS &&
					      res->count != 1)) {
		return NULL;
	}
	if (ret != LDB_SUCCESS) {
		DBG_ERR("profile search: %s\n", ldb_errstring(db->ldb));
		*status = MAPI_E_DISK_ERROR;
		return NULL;
	}
	*status = MAPI_E_SUCCESS;
	return res->msgs[0];
}

enum MAPISTATUS mapi_profile_get_default(struct mapi_profile_db *db,
					 TALLOC_CTX *mem_ctx,
					 const char **name)
{
	static const char *attrs[] = { DEFAULT_ATTR, NULL };
	struct ldb_result *res = NULL;
	const char *value;
	int ret;

	*name = NULL;
	ret = ldb_search(db->ldb, mem_ctx, &res, profiles_dn(mem_ctx, db->ldb),
			 LDB_SCOPE_BASE, attrs, NULL);
	if (ret != LDB_SUCCESS || res->count != 1) {
		return ret == LDB_SUCCESS ? MAPI_E_NOT_FOUND
					  : MAPI_E_DISK_ERROR;
	}
	value = ldb_msg_find_attr_as_string(res->msgs[0], DEFAULT_ATTR, NULL);
	if (value == NULL) {
		talloc_free(res);
		return MAPI_E_NOT_FOUND;
	}
	*name = talloc_strdup(mem_ctx, value);
	talloc_free(res);
	return *name != NULL ? MAPI_E_SUCCESS : MAPI_E_NOT_ENOUGH_MEMORY;
}

/* Replace (or with NULL remove) the default profile's name. */
static enum MAPISTATUS write_default(struct mapi_profile_db *db,
				     const char *name)
{
	TALLOC_CTX *tmp = talloc_new(db);
	struct ldb_message *msg = ldb_msg_new(tmp);
	int ret;

	if (msg == NULL) {
		talloc_free(tmp);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	msg->dn = profiles_dn(msg, db->ldb);
	ret = ldb_msg_add_empty(msg, DEFAULT_ATTR, LDB_FLAG_MOD_REPLACE, NULL);
	if (ret == LDB_SUCCESS && name != NULL) {
		ret = ldb_msg_add_string(msg, DEFAULT_ATTR, name);
	}
	if (ret == LDB_SUCCESS) {
		ret = ldb_modify(db->ldb, msg);
	}
	talloc_free(tmp);
	if (ret != LDB_SUCCESS) {
		DBG_ERR("cannot write the default profile: %s\n",
			ldb_errstring(db->ldb));
		return MAPI_E_DISK_ERROR;
	}
	return MAPI_E_SUCCESS;
}

static struct mapi_profile *profile_from_msg(TALLOC_CTX *mem_ctx,
					     const struct ldb_message *msg,
					     const char *default_name)
{
	struct mapi_profile *p = talloc_zero(mem_ctx, struct mapi_profile);
	size_t i;

	if (p == NULL) {
		return NULL;
	}
	p->name = talloc_strdup(p, ldb_msg_find_attr_as_string(msg,
						"profileName", ""));
	for (i = 0; i < ARRAY_SIZE(profile_strings); i++) {
		const char *v = ldb_msg_find_attr_as_string(msg,
						profile_strings[i].attr, NULL);

		*profile_field(p, i) = v ? talloc_strdup(p, v) : NULL;
	}
	p->code_page = ldb_msg_find_attr_as_uint(msg, "codePage", 1252);
	p->locale = ldb_msg_find_attr_as_uint(msg, "locale", 0x409);
	p->is_default = default_name != NULL &&
			strcmp(default_name, p->name) == 0;
	return p;
}

enum MAPISTATUS mapi_profile_get(struct mapi_profile_db *db,
				 TALLOC_CTX *mem_ctx, const char *name,
				 struct mapi_profile **out)
{
	TALLOC_CTX *tmp = talloc_new(mem_ctx);
	const char *def = NULL;
	struct ldb_message *msg;
	enum MAPISTATUS status;

	*out = NULL;
	status = mapi_profile_get_default(db, tmp, &def);
	if (name == NULL) {
		if (status != MAPI_E_SUCCESS) {
			talloc_free(tmp);
			return status;
		}
		name = def;
	}
	msg = find_record(db, tmp, name, &status);
	if (msg == NULL) {
		talloc_free(tmp);
		return status;
	}
	*out = profile_from_msg(mem_ctx, msg, def);
	talloc_free(tmp);
	if (*out == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	if ((*out)->server == NULL || (*out)->username == NULL) {
		TALLOC_FREE(*out);
		return MAPI_E_CORRUPT_DATA;
	}
	return MAPI_E_SUCCESS;
}

static int compare_profiles(const void *a, const void *b)
{
	const struct mapi_profile *const *pa = a, *const *pb = b;

	return strcmp((*pa)->name, (*pb)->name);
}

enum MAPISTATUS mapi_profile_list(struct mapi_profile_db *db,
				  TALLOC_CTX *mem_ctx,
				  struct mapi_profile ***out,
				  uint32_t *count)
{
	TALLOC_CTX *tmp = talloc_new(mem_ctx);
	struct ldb_result *res = NULL;
	struct mapi_profile **list;
	const char *def = NULL;
	uint32_t i;
	int ret;

	*out = NULL;
	*count = 0;
	mapi_profile_get_default(db, tmp, &def);
	ret = ldb_search(db->ldb, tmp, &res, profiles_dn(tmp, db->ldb),
			 LDB_SCOPE_ONELEVEL, NULL,
			 "(objectClass=" PROFILE_CLASS ")");
	if (ret != LDB_SUCCESS) {
		talloc_free(tmp);
		return MAPI_E_DISK_ERROR;
	}
	list = talloc_zero_array(mem_ctx, struct mapi_profile *,
				 res->count + 1);
	if (list == NULL) {
		talloc_free(tmp);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; i < res->count; i++) {
		list[i] = profile_from_msg(list, res->msgs[i], def);
		if (list[i] == NULL) {
			talloc_free(list);
			talloc_free(tmp);
			return MAPI_E_NOT_ENOUGH_MEMORY;
		}
	}
	qsort(list, res->count, sizeof(list[0]), compare_profiles);
	*out = list;
	*count = res->count;
	talloc_free(tmp);
	return MAPI_E_SUCCESS;
}

static struct ldb_message *profile_to_msg(TALLOC_CTX *mem_ctx,
					  struct mapi_profile_db *db,
					  const struct mapi_profile *p,
					  bool with_password)
{
	struct ldb_message *msg = ldb_msg_new(mem_ctx);
	int ret;
	size_t i;

	if (msg == NULL) {
		return NULL;
	}
	msg->dn = profile_dn(msg, db, p->name);
	if (msg->dn == NULL) {
		talloc_free(msg);
		return NULL;
	}
	ret = ldb_msg_add_string(msg, "objectClass", PROFILE_CLASS);
	ret |= ldb_msg_add_string(msg, "profileName", p->name);
	for (i = 0; i < ARRAY_SIZE(profile_strings); i++) {
		const char *v = *profile_field(p, i);

		if (v == NULL || v[0] == '\0' ||
		    (!with_password &&
		     strcmp(profile_strings[i].attr, "password") == 0)) {
			continue;
		}
		ret |= ldb_msg_add_string(msg, profile_strings[i].attr, v);
	}
	ret |= ldb_msg_add_fmt(msg, "codePage", "%u",
			       p->code_page ? p->code_page : 1252);
	ret |= ldb_msg_add_fmt(msg, "locale", "%u",
			       p->locale ? p->locale : 0x409);
	if (ret != LDB_SUCCESS) {
		talloc_free(msg);
		return NULL;
	}
	return msg;
}

enum MAPISTATUS mapi_profile_add(struct mapi_profile_db *db,
				 const struct mapi_profile *profile,
				 uint32_t flags)
{
	TALLOC_CTX *tmp;
	struct ldb_message *msg;
	enum MAPISTATUS status = MAPI_E_SUCCESS;
	int ret;

	if (!valid_name(profile->name) || profile->server == NULL ||
	    profile->username == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	tmp = talloc_new(db);
	msg = profile_to_msg(tmp, db, profile,
			     flags & MAPI_PROFILE_STORE_PASSWORD);
	if (msg == NULL) {
		talloc_free(tmp);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	if (ldb_transaction_start(db->ldb) != LDB_SUCCESS) {
		talloc_free(tmp);
		return MAPI_E_DISK_ERROR;
	}
	ret = ldb_add(db->ldb, msg);
	if (ret == LDB_ERR_ENTRY_ALREADY_EXISTS) {
		status = MAPI_E_COLLISION;
	} else if (ret != LDB_SUCCESS) {
		DBG_ERR("cannot store profile %s: %s\n", profile->name,
			ldb_errstring(db->ldb));
		status = MAPI_E_DISK_ERROR;
	} else if (flags & MAPI_PROFILE_SET_DEFAULT) {
		status = write_default(db, profile->name);
	}
	talloc_free(tmp);
	if (status != MAPI_E_SUCCESS) {
		ldb_transaction_cancel(db->ldb);
		return status;
	}
	if (ldb_transaction_commit(db->ldb) != LDB_SUCCESS) {
		return MAPI_E_DISK_ERROR;
	}
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mapi_profile_delete(struct mapi_profile_db *db,
				    const char *name)
{
	TALLOC_CTX *tmp = talloc_new(db);
	const char *def = NULL;
	enum MAPISTATUS status;
	struct ldb_message *msg;

	if (ldb_transaction_start(db->ldb) != LDB_SUCCESS) {
		talloc_free(tmp);
		return MAPI_E_DISK_ERROR;
	}
	msg = find_record(db, tmp, name, &status);
	if (msg != NULL && ldb_delete(db->ldb, msg->dn) != LDB_SUCCESS) {
		status = MAPI_E_DISK_ERROR;
	}
	if (status == MAPI_E_SUCCESS &&
	    mapi_profile_get_default(db, tmp, &def) == MAPI_E_SUCCESS &&
	    strcmp(def, name) == 0) {
		status = write_default(db, NULL);
	}
	talloc_free(tmp);
	if (status != MAPI_E_SUCCESS) {
		ldb_transaction_cancel(db->ldb);
		return status;
	}
	return ldb_transaction_commit(db->ldb) == LDB_SUCCESS ?
		MAPI_E_SUCCESS : MAPI_E_DISK_ERROR;
}

/* Inside a transaction: move the record and its profileName. */
static enum MAPISTATUS rename_record(struct mapi_profile_db *db,
				     TALLOC_CTX *mem_ctx,
				     struct ldb_message *old,
				     const char *new_name)
{
	struct ldb_dn *dn = profile_dn(mem_ctx, db, new_name);
	struct ldb_message *msg = ldb_msg_new(mem_ctx);
	int ret;

	if (dn == NULL || msg == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	ret = ldb_rename(db->ldb, old->dn, dn);
	if (ret == LDB_ERR_ENTRY_ALREADY_EXISTS) {
		return MAPI_E_COLLISION;
	}
	if (ret != LDB_SUCCESS) {
		return MAPI_E_DISK_ERROR;
	}
	msg->dn = dn;
	ret = ldb_msg_add_empty(msg, "profileName", LDB_FLAG_MOD_REPLACE,
				NULL);
	ret |= ldb_msg_add_string(msg, "profileName", new_name);
	if (ret != LDB_SUCCESS || ldb_modify(db->ldb, msg) != LDB_SUCCESS) {
		return MAPI_E_DISK_ERROR;
	}
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mapi_profile_rename(struct mapi_profile_db *db,
				    const char *old_name,
				    const char *new_name)
{
	TALLOC_CTX *tmp;
	struct ldb_message *msg, *clash;
	const char *def = NULL;
	enum MAPISTATUS status, ignore;

	if (!valid_name(new_name)) {
		return MAPI_E_INVALID_PARAMETER;
	}
	tmp = talloc_new(db);
	if (ldb_transaction_start(db->ldb) != LDB_SUCCESS) {
		talloc_free(tmp);
		return MAPI_E_DISK_ERROR;
	}
	msg = find_record(db, tmp, old_name, &status);
	clash = msg ? find_record(db, tmp, new_name, &ignore) : NULL;
	if (clash != NULL) {
		status = strcmp(old_name, new_name) == 0 ? MAPI_E_SUCCESS
							 : MAPI_E_COLLISION;
	} else if (msg != NULL) {
		status = rename_record(db, tmp, msg, new_name);
		if (status == MAPI_E_SUCCESS &&
		    mapi_profile_get_default(db, tmp, &def) ==
		    MAPI_E_SUCCESS && strcmp(def, old_name) == 0) {
			status = write_default(db, new_name);
		}
	}
	talloc_free(tmp);
	if (status != MAPI_E_SUCCESS) {
		ldb_transaction_cancel(db->ldb);
		return status;
	}
	return ldb_transaction_commit(db->ldb) == LDB_SUCCESS ?
		MAPI_E_SUCCESS : MAPI_E_DISK_ERROR;
}

enum MAPISTATUS mapi_profile_set_default(struct mapi_profile_db *db,
					 const char *name)
{
	TALLOC_CTX *tmp = talloc_new(db);
	enum MAPISTATUS status;

	if (ldb_transaction_start(db->ldb) != LDB_SUCCESS) {
		talloc_free(tmp);
		return MAPI_E_DISK_ERROR;
	}
	if (find_record(db, tmp, name, &status) != NULL) {
		status = write_default(db, name);
	}
	talloc_free(tmp);
	if (status != MAPI_E_SUCCESS) {
		ldb_transaction_cancel(db->ldb);
		return status;
	}
	return ldb_transaction_commit(db->ldb) == LDB_SUCCESS ?
		MAPI_E_SUCCESS : MAPI_E_DISK_ERROR;
}

enum MAPISTATUS mapi_profile_to_params(TALLOC_CTX *mem_ctx,
				       const struct mapi_profile *profile,
				       const char *password,
				       struct mapi_rpc_params *params)
{
	const char *pw = profile->password ? profile->password : password;

	*params = (struct mapi_rpc_params) { 0 };
	params->server = talloc_strdup(mem_ctx, profile->server);
	params->username = talloc_strdup(mem_ctx, profile->username);
	params->domain = profile->domain ?
		talloc_strdup(mem_ctx, profile->domain) : NULL;
	params->password = pw ? talloc_strdup(mem_ctx, pw) : NULL;
	if (params->server == NULL || params->username == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	return MAPI_E_SUCCESS;
}

/* ------------------------------------------------------------ fetching */

static const char *find_ci(const char *s, const char *needle)
{
	size_t n = strlen(needle);

	for (; *s != '\0'; s++) {
		if (strncasecmp(s, needle, n) == 0) {
			return s;
		}
	}
	return NULL;
}

/*
 * The server part of a home message database DN:
 * ".../cn=Servers/cn=NAME/cn=Microsoft Private MDB" gives the DN up to
 * "cn=NAME" and the name NAME.
 */
static bool split_home_mdb(struct mapi_profile *p)
{
	const char *marker = "/cn=Servers/cn=";
	const char *at = find_ci(p->home_mdb, marker);
	const char *name, *end;

	if (at == NULL) {
		return false;
	}
	name = at + strlen(marker);
	end = strchr(name, '/');
	if (end == NULL) {
		end = name + strlen(name);
	}
	if (end == name) {
		return false;
	}
	p->server_dn = talloc_strndup(p, p->home_mdb, end - p->home_mdb);
	p->server_name = talloc_strndup(p, name, end - name);
	return p->server_dn != NULL && p->server_name != NULL;
}

static const char *row_dup(TALLOC_CTX *mem_ctx, const struct PropertyRow_r *r,
			   uint16_t id)
{
	const char *s = mapi_nspi_row_string(r, id);

	return s != NULL ? talloc_strdup(mem_ctx, s) : NULL;
}

/* The account's own row: resolved, and the account name (or SMTP
 * address) is the one asked for, not merely a prefix of another's. */
static enum MAPISTATUS resolve_account(struct mapi_nspi *nspi,
				       TALLOC_CTX *mem_ctx,
				       const char *username,
				       struct PropertyRow_r **row)
{
	uint32_t t[] = { TAG_DISPLAY_NAME_W, TAG_EMAIL_ADDRESS_W,
			 TAG_SMTP_ADDRESS_W, TAG_ACCOUNT_W, TAG_HOME_MDB_W };
	struct mapi_nspi_resolved *res = NULL;
	const char *account, *smtp;
	enum MAPISTATUS ret;

	ret = mapi_nspi_resolve(nspi, mem_ctx, &username, 1,
				mapi_nspi_tags(mem_ctx, ARRAY_SIZE(t), t),
				&res);
	if (ret != MAPI_E_SUCCESS) {
		return ret;
	}
	if (res[0].state == MAPI_NSPI_AMBIGUOUS) {
		DBG_NOTICE("%s is ambiguous in the address book\n", username);
		return MAPI_E_AMBIGUOUS_RECIP;
	}
	if (res[0].state != MAPI_NSPI_RESOLVED || res[0].row == NULL) {
		DBG_NOTICE("%s is not in the address book\n", username);
		return MAPI_E_NOT_FOUND;
	}
	account = mapi_nspi_row_string(res[0].row, 0x3A00);
	smtp = mapi_nspi_row_string(res[0].row, 0x39FE);
	if ((account == NULL || strcasecmp(account, username) != 0) &&
	    (smtp == NULL || strcasecmp(smtp, username) != 0)) {
		DBG_NOTICE("%s resolves to another entry (%s)\n", username,
			   account ? account : "?");
		return MAPI_E_NOT_FOUND;
	}
	*row = res[0].row;
	return MAPI_E_SUCCESS;
}

static enum MAPISTATUS fetch_mailbox(struct mapi_profile *p,
				     struct mapi_rpc_context *rpc,
				     const struct mapi_rpc_params *params)
{
	TALLOC_CTX *tmp = talloc_new(p);
	struct PropertyRow_r *row = NULL;
	struct mapi_nspi *nspi = NULL;
	enum MAPISTATUS ret;

	ret = mapi_nspi_connect(tmp, rpc, params, p->code_page, p->locale,
				&nspi);
	if (ret == MAPI_E_SUCCESS) {
		ret = resolve_account(nspi, tmp, params->username, &row);
	}
	if (ret == MAPI_E_SUCCESS) {
		p->display_name = row_dup(p, row, 0x3001);
		p->user_dn = row_dup(p, row, 0x3003);
		p->smtp_address = row_dup(p, row, 0x39FE);
		p->home_mdb = row_dup(p, row, 0x8006);
		if (p->user_dn == NULL || p->home_mdb == NULL) {
			DBG_NOTICE("%s has no mailbox (no legacyExchangeDN "
				   "or home server)\n", params->username);
			ret = MAPI_E_NOT_FOUND;
		} else if (!split_home_mdb(p)) {
			DBG_ERR("unexpected home MDB %s\n", p->home_mdb);
			ret = MAPI_E_CORRUPT_DATA;
		}
	}
	talloc_free(tmp);
	return ret;
}

static enum MAPISTATUS fetch_fqdn(struct mapi_profile *p,
				  struct mapi_rpc_context *rpc,
				  const struct mapi_rpc_params *params)
{
	TALLOC_CTX *tmp = talloc_new(p);
	struct mapi_rfr *rfr = NULL;
	const char *fqdn = NULL;
	enum MAPISTATUS ret;

	ret = mapi_rfr_connect(tmp, rpc, params, NULL, &rfr);
	if (ret == MAPI_E_SUCCESS) {
		ret = mapi_rfr_get_fqdn_from_server_dn(rfr, tmp, p->server_dn,
						       &fqdn);
	}
	if (ret == MAPI_E_SUCCESS) {
		p->server_fqdn = talloc_strdup(p, fqdn);
	}
	talloc_free(tmp);
	return ret;
}

enum MAPISTATUS mapi_profile_fetch(TALLOC_CTX *mem_ctx,
				   struct mapi_rpc_context *rpc,
				   const struct mapi_rpc_params *params,
				   const char *name,
				   struct mapi_profile **out)
{
	struct mapi_profile *p;
	enum MAPISTATUS ret;

	*out = NULL;
	if (!valid_name(name) || params->server == NULL ||
	    params->username == NULL || params->anonymous) {
		return MAPI_E_INVALID_PARAMETER;
	}
	p = talloc_zero(mem_ctx, struct mapi_profile);
	if (p == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	p->name = talloc_strdup(p, name);
	p->server = talloc_strdup(p, params->server);
	p->username = talloc_strdup(p, params->username);
	p->domain = params->domain ? talloc_strdup(p, params->domain) : NULL;
	p->password = params->password ?
		talloc_strdup(p, params->password) : NULL;
	p->code_page = 1252;
	p->locale = 0x409;
	ret = fetch_mailbox(p, rpc, params);
	if (ret == MAPI_E_SUCCESS) {
		ret = fetch_fqdn(p, rpc, params);
	}
	if (ret != MAPI_E_SUCCESS) {
		DBG_NOTICE("profile %s: %s\n", name,
			   mapi_profile_strerror(ret));
		talloc_free(p);
		return ret;
	}
	*out = p;
	return MAPI_E_SUCCESS;
}

enum MAPISTATUS mapi_profile_create(struct mapi_profile_db *db,
				    TALLOC_CTX *mem_ctx,
				    struct mapi_rpc_context *rpc,
				    const struct mapi_rpc_params *params,
				    const char *name, uint32_t flags,
				    struct mapi_profile **out)
{
	struct mapi_profile *p = NULL;
	enum MAPISTATUS ret;
	enum MAPISTATUS exists;
	TALLOC_CTX *tmp = talloc_new(mem_ctx);

	if (out != NULL) {
		*out = NULL;
	}
	/* fail early, before asking the server */
	if (find_record(db, tmp, name, &exists) != NULL) {
		talloc_free(tmp);
		return MAPI_E_COLLISION;
	}
	talloc_free(tmp);
	ret = mapi_profile_fetch(mem_ctx, rpc, params, name, &p);
	if (ret == MAPI_E_SUCCESS) {
		ret = mapi_profile_add(db, p, flags);
	}
	if (ret != MAPI_E_SUCCESS) {
		talloc_free(p);
		return ret;
	}
	if (!(flags & MAPI_PROFILE_STORE_PASSWORD)) {
		p->password = NULL;
	}
	p->is_default = (flags & MAPI_PROFILE_SET_DEFAULT) != 0;
	if (out != NULL) {
		*out = p;
	} else {
		talloc_free(p);
	}
	return MAPI_E_SUCCESS;
}

const char *mapi_profile_strerror(enum MAPISTATUS status)
{
	switch (status) {
	case MAPI_E_SUCCESS:
		return "success";
	case MAPI_E_LOGON_FAILED:
		return "logon failed: wrong user name or password";
	case MAPI_E_NETWORK_ERROR:
		return "the server cannot be reached";
	case MAPI_E_NOT_FOUND:
		return "not found";
	case MAPI_E_AMBIGUOUS_RECIP:
		return "the name matches several address book entries";
	case MAPI_E_COLLISION:
		return "a profile of that name exists already";
	case MAPI_E_INVALID_PARAMETER:
		return "invalid argument (empty name or missing server or "
		       "user)";
	case MAPI_E_DISK_ERROR:
		return "the profile database cannot be opened or written";
	case MAPI_E_CORRUPT_DATA:
		return "the profile record is incomplete";
	case MAPI_E_NOT_ENOUGH_MEMORY:
		return "out of memory";
	case MAPI_E_NO_ACCESS:
		return "access denied";
	case MAPI_E_ACCOUNT_DISABLED:
		return "the account is disabled";
	case MAPI_E_PASSWORD_EXPIRED:
		return "the password has expired";
	default:
		return mapi_status_string(status);
	}
}
