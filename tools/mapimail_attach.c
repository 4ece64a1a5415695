/*
 * mapimail: attachments (MS-OXCMSG 2.2.2, 2.2.3.12 - 2.2.3.18).
 *
 *   send --attach FILE      each file becomes an attachment by value
 *                           (PidTagAttachDataBinary) with its name,
 *                           extension and MIME type
 *   attachments MID         the attachments of a message: number, size,
 *                           MIME type, name; with --save-attachments DIR
 *                           each is written to DIR under its name, byte
 *                           for byte (an embedded message as NAME.eml,
 *                           RFC 5322)
 *
 * fetch and show use the same reading and saving.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <util/debug.h>

#include "mapimail.h"
#include "libmapi/attachment.h"
#include "libmapi/folder.h"
#include "libmapi/property.h"

/* Larger files are refused: a message is not a file transfer. */
#define MAX_ATTACHMENT	(512 * 1024 * 1024)

static const struct {
	const char *ext;
	const char *type;
} mime_types[] = {
	{ "txt", "text/plain" }, { "htm", "text/html" },
	{ "html", "text/html" }, { "csv", "text/csv" },
	{ "xml", "application/xml" }, { "json", "application/json" },
	{ "pdf", "application/pdf" }, { "zip", "application/zip" },
	{ "gz", "application/gzip" }, { "tar", "application/x-tar" },
	{ "png", "image/png" }, { "jpg", "image/jpeg" },
	{ "jpeg", "image/jpeg" }, { "gif", "image/gif" },
	{ "svg", "image/svg+xml" }, { "ics", "text/calendar" },
	{ "vcf", "text/vcard" }, { "eml", "message/rfc822" },
	{ "doc", "application/msword" },
	{ "docx", "application/vnd.openxmlformats-officedocument."
		  "wordprocessingml.document" },
	{ "xlsx", "application/vnd.openxmlformats-officedocument."
		  "spreadsheetml.sheet" },
	{ "odt", "application/vnd.oasis.opendocument.text" },
};

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash != NULL ? slash + 1 : path;
}

static const char *extension(const char *name)
{
	const char *dot = strrchr(name, '.');

	return dot != NULL && dot != name ? dot : "";
}

static const char *mime_type_of(const char *name)
{
	const char *ext = extension(name);
	size_t i;

	for (i = 0; ext[0] != '\0' && i < ARRAY_SIZE(mime_types); i++) {
		if (strcasecmp(ext + 1, mime_types[i].ext) == 0) {
			return mime_types[i].type;
		}
	}
	return "application/octet-stream";
}

int mail_attach_check(const struct mail_options *o)
{
	struct stat st;
	char **f;

	for (f = o->attach; f != NULL && *f != NULL; f++) {
		if (stat(*f, &st) != 0 || access(*f, R_OK) != 0) {
			return mail_fail("cannot read the attachment '%s': %s",
					 *f, strerror(errno));
		}
		if (!S_ISREG(st.st_mode)) {
			return mail_fail("cannot attach '%s': not a regular "
					 "file", *f);
		}
		if (st.st_size > MAX_ATTACHMENT) {
			return mail_fail("cannot attach '%s': larger than %d "
					 "MB", *f, MAX_ATTACHMENT >> 20);
		}
	}
	return MAPIMAIL_OK;
}

/* The whole file on @mem_ctx. */
static int load_file(TALLOC_CTX *mem_ctx, const char *path, DATA_BLOB *out)
{
	struct stat st;
	size_t done = 0;
	ssize_t n = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &st) != 0) {
		if (fd >= 0) {
			close(fd);
		}
		return mail_fail("cannot read the attachment '%s': %s", path,
				 strerror(errno));
	}
	*out = data_blob_talloc(mem_ctx, NULL, st.st_size);
	if (st.st_size > 0 && out->data == NULL) {
		close(fd);
		return mail_fail("out of memory reading '%s'", path);
	}
	while (done < (size_t)st.st_size) {
		n = read(fd, out->data + done, st.st_size - done);
		if (n <= 0) {
			break;
		}
		done += n;
	}
	close(fd);
	if (done != (size_t)st.st_size) {
		return mail_fail("cannot read the attachment '%s': %s", path,
				 n < 0 ? strerror(errno) : "file changed");
	}
	return MAPIMAIL_OK;
}

static enum MAPISTATUS set_attach_props(struct mail_ctx *m, TALLOC_CTX *mem,
					uint32_t h, const char *name)
{
	struct TaggedPropertyValue v[7] = {
		{ .PropertyTag = TAG_ATTACH_METHOD },
		{ .PropertyTag = TAG_ATTACH_LONG_FILENAME },
		{ .PropertyTag = TAG_ATTACH_FILENAME },
		{ .PropertyTag = TAG_DISPLAY_NAME },
		{ .PropertyTag = TAG_ATTACH_EXTENSION },
		{ .PropertyTag = TAG_ATTACH_MIME_TAG },
		{ .PropertyTag = TAG_RENDERING_POSITION },
	};

	v[0].Value.Integer32 = ATTACH_BY_VALUE;
	v[1].Value.String = name;
	v[2].Value.String = name;
	v[3].Value.String = name;
	v[4].Value.String = extension(name);
	v[5].Value.String = mime_type_of(name);
	v[6].Value.Integer32 = 0xFFFFFFFF;	/* not rendered in the body */
	return mapi_props_set(m->logon, mem, h, v, ARRAY_SIZE(v), NULL);
}

static int attach_one(struct mail_ctx *m, uint32_t message, const char *path)
{
	TALLOC_CTX *tmp = talloc_new(m->mem);
	const char *name = base_name(path);
	struct mail_progress p;
	DATA_BLOB data = data_blob_null;
	uint32_t num, h;
	enum MAPISTATUS rv;
	int rc;

	rc = load_file(tmp, path, &data);
	if (rc != MAPIMAIL_OK) {
		talloc_free(tmp);
		return rc;
	}
	rv = mapi_attachment_create(m->logon, tmp, message, &num, &h);
	if (rv == MAPI_E_SUCCESS) {
		rv = set_attach_props(m, tmp, h, name);
		mail_progress_start(m, &p, name, data.length, true);
		if (rv == MAPI_E_SUCCESS) {
			rv = mail_data_write(m, h, TAG_ATTACH_DATA, data.data,
					     data.length, &p);
		}
		mail_progress_end(&p);
		if (rv == MAPI_E_SUCCESS) {
			rv = mapi_attachment_save(m->logon, tmp, h,
						  KeepOpenReadOnly);
		}
		mail_release(m, h);
	}
	talloc_free(tmp);
	if (rv != MAPI_E_SUCCESS) {
		return mail_rop_fail("cannot attach", path, rv);
	}
	return MAPIMAIL_OK;
}

int mail_attach_files(struct mail_ctx *m, uint32_t message)
{
	char **f;
	int rc = MAPIMAIL_OK;

	for (f = m->opt->attach; f != NULL && *f != NULL && rc == 0; f++) {
		rc = attach_one(m, message, *f);
	}
	return rc;
}

/* ---------------------------------------------------------- reading */

static const uint32_t table_columns[] = {
	TAG_ATTACH_NUM, TAG_ATTACH_METHOD, TAG_ATTACH_SIZE,
	TAG_ATTACH_LONG_FILENAME, TAG_ATTACH_FILENAME, TAG_DISPLAY_NAME,
	TAG_ATTACH_MIME_TAG, TAG_ATTACH_CONTENT_ID,
};

static const char *cell_string(const struct mapi_table *t,
			       const struct property_row *row, uint32_t tag)
{
	const union PropertyValueUnion *v = mapi_table_cell(t, row, tag);

	return v != NULL && v->String != NULL && v->String[0] != '\0'
		       ? v->String : NULL;
}

static uint32_t cell_long(const struct mapi_table *t,
			  const struct property_row *row, uint32_t tag)
{
	const union PropertyValueUnion *v = mapi_table_cell(t, row, tag);

	return v != NULL ? v->Integer32 : 0;
}

static void describe(TALLOC_CTX *mem, const struct mapi_table *t,
		     const struct property_row *row,
		     struct mail_attachment *a)
{
	const char *name = cell_string(t, row, TAG_ATTACH_LONG_FILENAME);

	if (name == NULL) {
		name = cell_string(t, row, TAG_ATTACH_FILENAME);
	}
	if (name == NULL) {
		name = cell_string(t, row, TAG_DISPLAY_NAME);
	}
	a->num = cell_long(t, row, TAG_ATTACH_NUM);
	a->method = cell_long(t, row, TAG_ATTACH_METHOD);
	a->size = cell_long(t, row, TAG_ATTACH_SIZE);
	a->name = name ? talloc_strdup(mem, name)
		       : talloc_asprintf(mem, "attachment-%u", a->num);
	a->mime_type = talloc_strdup(mem, cell_string(t, row,
						      TAG_ATTACH_MIME_TAG));
	a->content_id = talloc_strdup(mem, cell_string(t, row,
						       TAG_ATTACH_CONTENT_ID));
}

/* The attachment table's rows: every attachment described. */
static enum MAPISTATUS list(struct mail_ctx *m, TALLOC_CTX *mem,
			    uint32_t message, struct mail_message *msg)
{
	struct mapi_table_rows rows = { 0 };
	struct mapi_table *t = NULL;
	enum MAPISTATUS rv;
	uint32_t i;

	rv = mapi_attachment_table(m->logon, mem, message,
				   AttachmentTable_UseUnicode, &t);
	if (rv != MAPI_E_SUCCESS) {
		return rv;
	}
	rv = mapi_table_set_columns(t, table_columns,
				    ARRAY_SIZE(table_columns));
	if (rv == MAPI_E_SUCCESS) {
		rv = mapi_table_query_all(t, mem, 0, 0, &rows);
	}
	mapi_table_release(t);
	msg->att = talloc_zero_array(mem, struct mail_attachment,
				     rows.count);
	if (rv == MAPI_E_SUCCESS && rows.count > 0 && msg->att == NULL) {
		rv = MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (i = 0; rv == MAPI_E_SUCCESS && i < rows.count; i++) {
		describe(msg->att, t, &rows.rows[i], &msg->att[i]);
	}
	msg->att_count = rv == MAPI_E_SUCCESS ? rows.count : 0;
	return rv;
}

/* The message embedded in the open attachment @h. */
static int read_embedded(struct mail_ctx *m, TALLOC_CTX *mem, uint32_t h,
			 int depth, struct mail_attachment *a)
{
	struct mapi_message_info *info = NULL;
	enum MAPISTATUS rv;
	uint32_t e;
	int rc;

	rv = mapi_attachment_open_embedded(m->logon, mem, h,
					   OpenEmbedded_ReadOnly,
					   MAPI_CODE_PAGE_SESSION, &e, &info);
	if (rv != MAPI_E_SUCCESS) {
		return mail_rop_fail("cannot open the embedded message",
				     a->name, rv);
	}
	a->embedded = talloc_zero(mem, struct mail_message);
	rc = a->embedded == NULL ? mail_fail("out of memory")
				 : mail_message_read_open(m, a->embedded, e,
							  info, true,
							  depth + 1,
							  a->embedded);
	mail_release(m, e);
	return rc;
}

/* The bytes of the open attachment @h. */
static int read_bytes(struct mail_ctx *m, TALLOC_CTX *mem, uint32_t h,
		      struct mail_attachment *a)
{
	struct mail_progress p;
	enum MAPISTATUS rv;

	mail_progress_start(m, &p, a->name, a->size, true);
	rv = mail_data_read(m, mem, h, TAG_ATTACH_DATA, &p, &a->data);
	mail_progress_end(&p);
	if (rv == MAPI_E_NOT_FOUND) {
		return MAPIMAIL_OK;	/* an empty attachment */
	}
	if (rv != MAPI_E_SUCCESS) {
		return mail_rop_fail("cannot read the attachment", a->name,
				     rv);
	}
	return MAPIMAIL_OK;
}

/* The data of one attachment: its bytes, or its embedded message. */
static int read_data(struct mail_ctx *m, TALLOC_CTX *mem, uint32_t message,
		     int depth, struct mail_attachment *a)
{
	enum MAPISTATUS rv;
	uint32_t h;
	int rc;

	rv = mapi_attachment_open(m->logon, mem, message, a->num,
				  OpenAttachment_ReadOnly, &h);
	if (rv != MAPI_E_SUCCESS) {
		return mail_rop_fail("cannot open the attachment", a->name,
				     rv);
	}
	if (a->method == ATTACH_EMBEDDED_MSG) {
		rc = read_embedded(m, mem, h, depth, a);
	} else {
		rc = read_bytes(m, mem, h, a);
	}
	mail_release(m, h);
	return rc;
}

int mail_attach_read(struct mail_ctx *m, TALLOC_CTX *mem_ctx,
		     uint32_t message, bool data, int depth,
		     struct mail_message *msg)
{
	enum MAPISTATUS rv;
	uint32_t i;
	int rc = MAPIMAIL_OK;

	rv = list(m, mem_ctx, message, msg);
	if (rv != MAPI_E_SUCCESS) {
		return mail_fail("cannot list the attachments: %s (%s)",
				 mapi_strerror(rv), mapi_status_string(rv));
	}
	for (i = 0; data && i < msg->att_count && rc == MAPIMAIL_OK; i++) {
		rc = read_data(m, mem_ctx, message, depth, &msg->att[i]);
	}
	return rc;
}

/* ----------------------------------------------------------- saving */

/* A file name for @a inside a directory: its last path component,
 * control characters replaced; NULL if nothing usable is left. */
static char *file_name(TALLOC_CTX *mem, const struct mail_attachment *a)
{
	const char *b = base_name(a->name), *bs = strrchr(b, '\\');
	char *s, *p;

	s = talloc_asprintf(mem, "%s%s", bs ? bs + 1 : b,
			    a->embedded != NULL ? ".eml" : "");
	for (p = s; p != NULL && *p != '\0'; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7F) {
			*p = '_';
		}
	}
	if (s == NULL || s[0] == '\0' || strcmp(s, ".") == 0 ||
	    strcmp(s, "..") == 0) {
		return talloc_asprintf(mem, "attachment-%u", a->num);
	}
	return s;
}

static int write_file(const char *path, const uint8_t *data, size_t len)
{
	size_t done = 0;
	ssize_t n = 0;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	if (fd < 0) {
		return mail_fail("cannot write '%s': %s", path,
				 strerror(errno));
	}
	while (done < len) {
		n = write(fd, data + done, len - done);
		if (n <= 0) {
			break;
		}
		done += n;
	}
	if (close(fd) != 0 || done < len) {
		return mail_fail("cannot write '%s': %s", path,
				 strerror(errno));
	}
	return MAPIMAIL_OK;
}

/* Whether an attachment before @i of @msg gets the file name @name. */
static bool name_taken(TALLOC_CTX *mem, const struct mail_message *msg,
		       uint32_t i, const char *name)
{
	uint32_t k;

	for (k = 0; k < i; k++) {
		if (strcmp(file_name(mem, &msg->att[k]), name) == 0) {
			return true;
		}
	}
	return false;
}

/* Attachment @i of @msg into @dir: under its name, or with its number
 * in front when an earlier attachment of the message has that name. */
static int save_one(TALLOC_CTX *mem, const char *dir,
		    const struct mail_message *msg, uint32_t i)
{
	const struct mail_attachment *a = &msg->att[i];
	char *name = file_name(mem, a), *path, *text;

	if (name != NULL && name_taken(mem, msg, i, name)) {
		name = talloc_asprintf(mem, "%u-%s", a->num, name);
	}
	path = name ? talloc_asprintf(mem, "%s/%s", dir, name) : NULL;
	if (path == NULL) {
		return mail_fail("out of memory");
	}
	DBG_NOTICE("attachment %u saved as %s\n", a->num, path);
	if (a->embedded != NULL) {
		text = mail_mime_render(mem, a->embedded);
		if (text == NULL) {
			return mail_fail("cannot render the embedded message "
					 "'%s'", a->name);
		}
		return write_file(path, (const uint8_t *)text, strlen(text));
	}
	return write_file(path, a->data.data, a->data.length);
}

int mail_attach_save(struct mail_ctx *m, const struct mail_message *msg,
		     const char *dir)
{
	TALLOC_CTX *tmp = talloc_new(m->mem);
	struct stat st;
	uint32_t i;
	int rc = MAPIMAIL_OK;

	if (stat(dir, &st) != 0) {
		talloc_free(tmp);
		return mail_fail("cannot save attachments in '%s': %s", dir,
				 strerror(errno));
	}
	if (!S_ISDIR(st.st_mode)) {
		talloc_free(tmp);
		return mail_fail("cannot save attachments in '%s': not a "
				 "directory", dir);
	}
	for (i = 0; i < msg->att_count && rc == MAPIMAIL_OK; i++) {
		rc = save_one(tmp, dir, msg, i);
	}
	talloc_free(tmp);
	return rc;
}

/* ---------------------------------------------------------- command */

static void print_attachment(const struct mail_attachment *a)
{
	printf("%3u  %10" PRIu32 "  %-24s  %s\n", a->num, a->size,
	       a->method == ATTACH_EMBEDDED_MSG ? "message/rfc822"
			   : (a->mime_type ? a->mime_type : "-"),
	       a->name);
}

int cmd_attachments(struct mail_ctx *m, const char **args)
{
	struct mail_message *msg = NULL;
	uint64_t mid, fid;
	uint32_t folder, i;
	int rc;

	rc = mail_parse_mid(args[0], &mid);
	if (rc == MAPIMAIL_OK) {
		rc = mail_open_messages_folder(m, &folder, &fid);
	}
	if (rc != MAPIMAIL_OK) {
		return rc;
	}
	rc = mail_message_read(m, m->mem, folder, fid, mid,
			       m->opt->save_dir != NULL, &msg);
	mail_release(m, folder);
	if (rc != MAPIMAIL_OK) {
		return rc;
	}
	for (i = 0; i < msg->att_count; i++) {
		print_attachment(&msg->att[i]);
	}
	if (m->opt->save_dir != NULL) {
		rc = mail_attach_save(m, msg, m->opt->save_dir);
	}
	return rc;
}
