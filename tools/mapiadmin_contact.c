/*
 * mapiadmin: mail-enabled contacts (objectClass contact, in CN=Users of
 * the domain), which the address book serves as remote mail users.
 */
#include <stdio.h>
#include <string.h>

#include "mapiadmin.h"

static int add_contact_object(struct admin_ctx *a, const char *name,
			      struct ldb_dn *dn)
{
	struct ldb_message *msg = ldb_msg_new(a->mem);
	const char *display = a->opt->display_name ? a->opt->display_name
						   : name;
	int ret;

	if (msg == NULL) {
		return admin_fail("out of memory");
	}
	msg->dn = dn;
	ret = ldb_msg_add_string(msg, "objectClass", "contact");
	ret |= ldb_msg_add_string(msg, "displayName", display);
	if (a->opt->given_name != NULL) {
		ret |= ldb_msg_add_string(msg, "givenName", a->opt->given_name);
	}
	if (a->opt->surname != NULL) {
		ret |= ldb_msg_add_string(msg, "sn", a->opt->surname);
	}
	if (ret != LDB_SUCCESS) {
		return admin_fail("out of memory");
	}
	if (ldb_add(a->ldb, msg) != LDB_SUCCESS) {
		return admin_fail("cannot create contact '%s': %s", name,
				  ldb_errstring(a->ldb));
	}
	return 0;
}

static struct ldb_message *find_contact(struct admin_ctx *a,
					const char *name)
{
	struct ldb_message *msg = find_recipient(a, name);

	if (msg != NULL && recipient_kind_of(msg) != RECIPIENT_CONTACT) {
		return NULL;
	}
	return msg;
}

int cmd_contact_create(struct admin_ctx *a, const char *name)
{
	const char *mail = a->opt->mail;
	struct ldb_message *existing = find_recipient(a, name);
	struct ldb_dn *dn = admin_child_dn(a, users_container_dn(a), name);
	struct ldb_message *contact;

	if (existing != NULL) {
		return admin_fail("'%s' already exists (a %s)", name,
				  recipient_kind_name(
					  recipient_kind_of(existing)));
	}
	if (mail == NULL) {
		return admin_fail("contact-create needs --mail (a contact's "
				  "address is outside this organisation)");
	}
	if (!address_is_valid(mail)) {
		return admin_fail("invalid address '%s'", mail);
	}
	if (check_address_free(a, mail, NULL) != 0) {
		return MAPIADMIN_FAILED;
	}
	if (dn == NULL) {
		return admin_fail("out of memory");
	}
	if (add_contact_object(a, name, dn) != 0) {
		return MAPIADMIN_FAILED;
	}
	contact = find_contact(a, name);
	if (contact == NULL ||
	    recipient_mail_enable(a, contact, name, mail, a->opt->aliases)
	    != 0) {
		ldb_delete(a->ldb, dn);
		return admin_fail("contact '%s' not created", name);
	}
	printf("contact %s created as %s\n", name, mail);
	return 0;
}

int cmd_contact_delete(struct admin_ctx *a, const char *name)
{
	struct ldb_message *contact = find_recipient(a, name);

	if (contact == NULL) {
		return admin_fail("contact '%s' does not exist", name);
	}
	if (recipient_kind_of(contact) != RECIPIENT_CONTACT) {
		return admin_fail("'%s' is a %s, not a contact: not allowed",
				  name, recipient_kind_name(
					  recipient_kind_of(contact)));
	}
	if (ldb_delete(a->ldb, contact->dn) != LDB_SUCCESS) {
		return admin_fail("cannot delete contact '%s': %s", name,
				  ldb_errstring(a->ldb));
	}
	printf("contact %s deleted\n", name);
	return 0;
}
