/*
 * mapimail send: the recipients.  Each --to, --cc, --bcc value (and each
 * argument of send, a To recipient) is one recipient or several
 * separated by commas:
 *
 *   bob@example.org              an SMTP address
 *   Bob Tester <bob@example.org> an SMTP address with a display name
 *   bob, "Bob Tester"            a name the address book resolves
 *                                (NspiResolveNamesW): a mail user or a
 *                                distribution list, sent as an EX
 *                                recipient (its legacyExchangeDN)
 *
 * A name that resolves to no entry, or to several, is an error: nothing
 * is sent.  The recipients become the message's RecipientRows
 * (RopModifyRecipients, MS-OXCMSG 2.2.3.5) with their SMTP address as a
 * recipient column.
 */
#include <ctype.h>
#include <string.h>

#include "mapimail.h"
#include "libmapi/message.h"
#include "libmapi/nspi.h"

#define MAX_RECIPIENTS	2000
/* recipient rows per RopModifyRecipients: well within 32 KB */
#define ROWS_PER_ROP	40

struct collect {
	struct mail_recipient *r;
	uint32_t count;
	const char **names;		/* to resolve, in order */
	uint32_t *name_index;		/* their place in r */
	uint32_t name_count;
};

static char *trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s)) {
		s++;
	}
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1])) {
		*--e = '\0';
	}
	return s;
}

/* A plausible SMTP address: local@domain, no spaces or brackets. */
static bool smtp_valid(const char *a)
{
	const char *at = strchr(a, '@');

	return at != NULL && at > a && at[1] != '\0' &&
	       strchr(at + 1, '@') == NULL && strpbrk(a, " \t<>,\"") == NULL;
}

static struct mail_recipient *add(TALLOC_CTX *mem, struct collect *c,
				  uint8_t type)
{
	struct mail_recipient *r;

	if (c->count >= MAX_RECIPIENTS) {
		return NULL;
	}
	c->r = talloc_realloc(mem, c->r, struct mail_recipient, c->count + 1);
	if (c->r == NULL) {
		return NULL;
	}
	r = &c->r[c->count++];
	memset(r, 0, sizeof(*r));
	r->type = type;
	return r;
}

/* "Name <addr>" or "addr": an SMTP recipient; false if it is no
 * address. */
static int parse_smtp(struct mail_recipient *r, char *item, bool *is_smtp)
{
	char *lt = strchr(item, '<'), *gt;
	char *name = NULL, *addr = item;

	*is_smtp = lt != NULL || strchr(item, '@') != NULL;
	if (!*is_smtp) {
		return MAPIMAIL_OK;
	}
	if (lt != NULL) {
		gt = strchr(lt, '>');
		if (gt == NULL || trim(gt + 1)[0] != '\0') {
			return mail_fail("bad recipient '%s': '<' without a "
					 "closing '>'", item);
		}
		*lt = *gt = '\0';
		name = trim(item);
		addr = trim(lt + 1);
		if (name[0] == '"' && name[1] != '\0' &&
		    name[strlen(name) - 1] == '"') {
			name[strlen(name) - 1] = '\0';
			name++;
		}
	}
	if (!smtp_valid(addr)) {
		return mail_fail("bad recipient address '%s': not an SMTP "
				 "address (user@domain)", addr);
	}
	r->addr_type = "SMTP";
	r->address = addr;
	r->smtp = addr;
	r->name = name != NULL && name[0] != '\0' ? name : addr;
	return MAPIMAIL_OK;
}

static int add_item(TALLOC_CTX *mem, struct collect *c, uint8_t type,
		    char *item)
{
	struct mail_recipient *r;
	bool is_smtp = false;
	int rc;

	item = trim(item);
	if (item[0] == '\0') {
		return MAPIMAIL_OK;
	}
	r = add(mem, c, type);
	if (r == NULL) {
		return mail_fail("too many recipients (at most %d)",
				 MAX_RECIPIENTS);
	}
	rc = parse_smtp(r, item, &is_smtp);
	if (rc != MAPIMAIL_OK || is_smtp) {
		return rc;
	}
	if (item[0] == '"' && item[1] != '\0' &&
	    item[strlen(item) - 1] == '"') {
		item[strlen(item) - 1] = '\0';
		item++;
	}
	c->names = talloc_realloc(mem, c->names, const char *,
				  c->name_count + 1);
	c->name_index = talloc_realloc(mem, c->name_index, uint32_t,
				       c->name_count + 1);
	if (c->names == NULL || c->name_index == NULL) {
		return mail_fail("out of memory");
	}
	c->names[c->name_count] = item;
	c->name_index[c->name_count++] = c->count - 1;
	return MAPIMAIL_OK;
}

/* One option value: items separated by commas outside "" and <>. */
static int add_value(TALLOC_CTX *mem, struct collect *c, uint8_t type,
		     const char *value)
{
	char *copy = talloc_strdup(mem, value), *p, *start;
	bool quoted = false, angled = false;
	int rc = MAPIMAIL_OK;

	if (copy == NULL) {
		return mail_fail("out of memory");
	}
	for (p = start = copy; rc == MAPIMAIL_OK; p++) {
		if (*p == '"') {
			quoted = !quoted;
		} else if (*p == '<' && !quoted) {
			angled = true;
		} else if (*p == '>' && !quoted) {
			angled = false;
		} else if ((*p == ',' && !quoted && !angled) || *p == '\0') {
			bool end = *p == '\0';

			*p = '\0';
			rc = add_item(mem, c, type, start);
			start = p + 1;
			if (end) {
				break;
			}
		}
	}
	return rc;
}

static int add_values(TALLOC_CTX *mem, struct collect *c, uint8_t type,
		      const char *const *values)
{
	int rc = MAPIMAIL_OK;

	while (values != NULL && *values != NULL && rc == MAPIMAIL_OK) {
		rc = add_value(mem, c, type, *values++);
	}
	return rc;
}

/* The names through the address book: EX recipients. */
static int resolve(struct mail_ctx *m, struct collect *c)
{
	struct mapi_nspi_resolved *res = NULL;
	struct mail_recipient *r;
	uint32_t i;
	int rc;

	if (c->name_count == 0) {
		return MAPIMAIL_OK;
	}
	rc = mail_ab_resolve(m, "recipient", c->names, c->name_count,
			     &res);
	if (rc != MAPIMAIL_OK) {
		return rc;
	}
	for (i = 0; i < c->name_count; i++) {
		r = &c->r[c->name_index[i]];
		r->name = mapi_nspi_row_string(res[i].row,
					       TAG_DISPLAY_NAME >> 16);
		r->address = mapi_nspi_row_string(res[i].row,
						  TAG_EMAIL_ADDRESS >> 16);
		r->smtp = mapi_nspi_row_string(res[i].row,
					       TAG_SMTP_ADDRESS >> 16);
		r->addr_type = "EX";
		if (r->address == NULL) {
			return mail_fail("the address book entry of '%s' has "
					 "no address", c->names[i]);
		}
		if (r->name == NULL) {
			r->name = c->names[i];
		}
	}
	return MAPIMAIL_OK;
}

int mail_recipients_collect(struct mail_ctx *m, const char **args,
			    struct mail_recipient **out, uint32_t *count)
{
	const struct mail_options *o = m->opt;
	struct collect c = { 0 };
	int rc;

	rc = add_values(m->mem, &c, RECIPIENT_TO, args);
	if (rc == MAPIMAIL_OK) {
		rc = add_values(m->mem, &c, RECIPIENT_TO,
				(const char *const *)o->to);
	}
	if (rc == MAPIMAIL_OK) {
		rc = add_values(m->mem, &c, RECIPIENT_CC,
				(const char *const *)o->cc);
	}
	if (rc == MAPIMAIL_OK) {
		rc = add_values(m->mem, &c, RECIPIENT_BCC,
				(const char *const *)o->bcc);
	}
	if (rc == MAPIMAIL_OK && c.count == 0) {
		mail_fail("no recipients: give --to, --cc or --bcc");
		return MAPIMAIL_USAGE;
	}
	if (rc == MAPIMAIL_OK) {
		rc = resolve(m, &c);
	}
	*out = c.r;
	*count = c.count;
	return rc;
}

/* The properties of one recipient row. */
static struct TaggedPropertyValue *row_props(TALLOC_CTX *mem,
					     const struct mail_recipient *r,
					     uint32_t *n)
{
	struct TaggedPropertyValue *v;

	v = talloc_zero_array(mem, struct TaggedPropertyValue, 4);
	if (v == NULL) {
		return NULL;
	}
	v[0].PropertyTag = TAG_DISPLAY_NAME;
	v[0].Value.String = r->name;
	v[1].PropertyTag = TAG_ADDRESS_TYPE;
	v[1].Value.String = r->addr_type;
	v[2].PropertyTag = TAG_EMAIL_ADDRESS;
	v[2].Value.String = r->address;
	*n = 3;
	if (r->smtp != NULL) {
		v[3].PropertyTag = TAG_SMTP_ADDRESS;
		v[3].Value.String = r->smtp;
		*n = 4;
	}
	return v;
}

int mail_recipients_write(struct mail_ctx *m, uint32_t message,
			  const struct mail_recipient *r, uint32_t count)
{
	static const uint32_t columns[] = { TAG_SMTP_ADDRESS };
	TALLOC_CTX *tmp = talloc_new(m->mem);
	struct mapi_recipient *rows;
	enum MAPISTATUS rv = MAPI_E_NOT_ENOUGH_MEMORY;
	uint32_t i, n;

	rows = talloc_zero_array(tmp, struct mapi_recipient, count);
	for (i = 0; rows != NULL && i < count; i++) {
		rows[i].row_id = i;
		rows[i].type = r[i].type;
		rows[i].props = row_props(rows, &r[i], &rows[i].count);
		if (rows[i].props == NULL) {
			rows = NULL;
		}
	}
	/* RopModifyRecipients in batches that fit a ROP buffer */
	for (i = 0; rows != NULL && i < count; i += n) {
		n = count - i < ROWS_PER_ROP ? count - i : ROWS_PER_ROP;
		rv = mapi_recipients_modify(m->logon, tmp, message, columns,
					    ARRAY_SIZE(columns), rows + i, n);
		if (rv != MAPI_E_SUCCESS) {
			break;
		}
	}
	talloc_free(tmp);
	if (rv != MAPI_E_SUCCESS) {
		return mail_fail("cannot set the recipients of the message: "
				 "%s (%s)", mapi_strerror(rv),
				 mapi_status_string(rv));
	}
	return MAPIMAIL_OK;
}
