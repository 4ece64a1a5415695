/*
 * Integration suite: address book writes and named properties against
 * torture/testenv: NspiModProps (MS-OXNSPI 3.1.4.1.14), NspiModLinkAtt
 * (3.1.4.1.15), NspiDeleteEntries (opnum 15), NspiGetIDsFromNames and
 * NspiGetNamesFromIDs (MS-NSPI 3.1.4.16, 3.1.4.17).
 *
 * The distribution list "staff" (members alice and bob, owner alice,
 * staff@sambamapi.test) is created, or reset, through the DC's own
 * sam.ldb before the link tests.  Every test leaves the entries it
 * changes as it found them: the DC is shared with the other suites.
 */
#include "itest.h"

#include "gen_ndr/ndr_exchange_nsp.h"
#include "gen_ndr/ndr_exchange_nsp_c.h"

#define RECIPIENTS "/o=First Organization/ou=First Administrative Group" \
		   "/cn=Recipients/cn="

#define TAG_PHONE_W		0x3A08001F	/* BusinessTelephoneNumber */
#define TAG_PHONE_ERR		0x3A08000A
#define TAG_USER_CERT		0x3A701102	/* UserX509Certificate */
#define TAG_USER_CERT_ERR	0x3A70000A
#define TAG_AB_CERT		0x8C6A1102	/* AddressBookX509Certificate */
#define TAG_DISPLAY_TYPE	0x39000003
#define TAG_ENTRY_ID		0x0FFF0102
#define TAG_MEMBER		0x8009000D	/* AddressBookMember */
#define TAG_MEMBER_DNS		0x8009101E	/* ... as string8 DNs */

/* Any GUID that names no well-known property set */
static const uint8_t test_set[16] = {
	0x5a, 0x3c, 0x11, 0x70, 0x9e, 0x42, 0x4b, 0x8a,
	0x91, 0x0f, 0x6d, 0x2e, 0xc4, 0x77, 0x13, 0x58 };
static const uint8_t ps_mapi[16] = {
	0x28, 0x03, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00,
	0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46 };

struct session {
	struct dcerpc_pipe *p;
	struct dcerpc_binding_handle *b;
	struct policy_handle h;
};

static bool open_session(struct itest_env *env, TALLOC_CTX *mem_ctx,
			 const struct mapi_rpc_params *who, struct session *s)
{
	struct STAT stat = { .CodePage = 1252, .TemplateLocale = 0x409,
			     .SortLocale = 0x409 };
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;

	if (!NT_STATUS_IS_OK(mapi_rpc_connect(mem_ctx, env->rpc, who,
					      &ndr_table_exchange_nsp,
					      &s->p))) {
		return false;
	}
	s->b = s->p->binding_handle;
	return NT_STATUS_IS_OK(dcerpc_NspiBind(s->b, mem_ctx, 0, &stat, NULL,
					       &s->h, &result)) &&
	       result == MAPI_E_SUCCESS;
}

static uint32_t mid_of(struct session *s, TALLOC_CTX *mem_ctx,
		       const char *account)
{
	const char *dn = talloc_asprintf(mem_ctx, RECIPIENTS "%s", account);
	struct StringsArray_r names = { .Count = 1, .Strings = &dn };
	struct PropertyTagArray_r *mids = NULL;
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;

	if (!NT_STATUS_IS_OK(dcerpc_NspiDNToMId(s->b, mem_ctx, &s->h, 0,
						&names, &mids, &result)) ||
	    result != MAPI_E_SUCCESS || mids == NULL || mids->cValues != 1) {
		return 0;
	}
	return mids->aulPropTag[0];
}

/* The value of one property of entry @a mid, or NULL. */
static const struct PropertyValue_r *get_prop(struct session *s,
					      TALLOC_CTX *mem_ctx,
					      uint32_t mid, uint32_t tag)
{
	struct PropertyTagArray_r req = { .cValues = 1, .aulPropTag = &tag };
	struct STAT stat = { .CodePage = 1252, .CurrentRec = mid };
	struct PropertyRow_r *row = NULL;
	enum MAPISTATUS result;

	if (!NT_STATUS_IS_OK(dcerpc_NspiGetProps(s->b, mem_ctx, &s->h, 0,
						 &stat, &req, &row,
						 &result)) ||
	    row == NULL || row->cValues != 1) {
		return NULL;
	}
	return &row->lpProps[0];
}

static enum MAPISTATUS mod_props(struct session *s, TALLOC_CTX *mem_ctx,
				 uint32_t mid, struct PropertyTagArray_r *rm,
				 struct PropertyValue_r *vals, uint32_t count)
{
	struct STAT stat = { .CodePage = 1252, .CurrentRec = mid };
	struct PropertyRow_r row = { .cValues = count, .lpProps = vals };
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;

	if (!NT_STATUS_IS_OK(dcerpc_NspiModProps(s->b, mem_ctx, &s->h, 0,
						 &stat, rm, &row, &result))) {
		return MAPI_E_CALL_FAILED;
	}
	return result;
}

static enum MAPISTATUS set_phone(struct session *s, TALLOC_CTX *mem_ctx,
				 uint32_t mid, const char *phone)
{
	struct PropertyValue_r v = { .ulPropTag = TAG_PHONE_W,
				     .Value.lpszW = phone };

	return mod_props(s, mem_ctx, mid, NULL, &v, 1);
}

static enum MAPISTATUS remove_props(struct session *s, TALLOC_CTX *mem_ctx,
				    uint32_t mid, uint32_t *tags,
				    uint32_t count)
{
	struct PropertyTagArray_r rm = { .cValues = count,
					 .aulPropTag = tags };

	return mod_props(s, mem_ctx, mid, &rm, NULL, 0);
}

/* A user changes their own phone number and reads it back. */
static bool test_own_phone(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct session s;
	const struct PropertyValue_r *v;
	uint32_t mid, tag = TAG_PHONE_W;
	enum MAPISTATUS result;

	ITEST_ASSERT(open_session(env, mem_ctx, &env->user, &s), "bind");
	mid = mid_of(&s, mem_ctx, env->user.username);
	ITEST_ASSERT(mid != 0, "MId of %s", env->user.username);
	result = set_phone(&s, mem_ctx, mid, "+1 555 0100");
	ITEST_ASSERT(result == MAPI_E_SUCCESS, "ModProps 0x%08x", result);
	v = get_prop(&s, mem_ctx, mid, TAG_PHONE_W);
	ITEST_ASSERT(v != NULL && v->ulPropTag == TAG_PHONE_W &&
		     strcmp(v->Value.lpszW, "+1 555 0100") == 0,
		     "phone number not changed");
	/* Removing it (pPropTags): the property is gone. */
	result = remove_props(&s, mem_ctx, mid, &tag, 1);
	ITEST_ASSERT(result == MAPI_E_SUCCESS, "remove 0x%08x", result);
	v = get_prop(&s, mem_ctx, mid, TAG_PHONE_W);
	ITEST_ASSERT(v != NULL && v->ulPropTag == TAG_PHONE_ERR &&
		     v->Value.err == MAPI_E_NOT_FOUND, "phone not removed");
	/* Removing a property that has no value is no error. */
	result = remove_props(&s, mem_ctx, mid, &tag, 1);
	ITEST_ASSERT(result == MAPI_E_SUCCESS, "remove again 0x%08x", result);
	return true;
}

/* Nobody may change an entry they have no right to. */
static bool test_other_user_refused(struct itest_env *env,
				    TALLOC_CTX *mem_ctx)
{
	struct session alice, bob;
	const struct PropertyValue_r *v;
	uint32_t bob_mid;
	enum MAPISTATUS result;

	ITEST_ASSERT(open_session(env, mem_ctx, &env->user, &alice), "bind");
	ITEST_ASSERT(open_session(env, mem_ctx, &env->user2, &bob), "bind");
	bob_mid = mid_of(&alice, mem_ctx, env->user2.username);
	ITEST_ASSERT(bob_mid != 0, "MId of %s", env->user2.username);
	result = set_phone(&alice, mem_ctx, bob_mid, "+1 555 0666");
	ITEST_ASSERT(result == MAPI_E_NO_ACCESS, "ModProps 0x%08x", result);
	v = get_prop(&bob, mem_ctx, bob_mid, TAG_PHONE_W);
	ITEST_ASSERT(v != NULL && v->ulPropTag == TAG_PHONE_ERR,
		     "bob's entry changed");
	return true;
}

static bool bin_equal(const struct Binary_r *b, const uint8_t *data,
		      uint32_t len)
{
	return b->cb == len && memcmp(b->lpb, data, len) == 0;
}

/* Outlook publishes certificates as multi-valued binaries. */
static bool test_certificates(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	uint8_t c1[] = { 0x30, 0x82, 0x01, 0x0a, 0x02, 0x82, 0x01, 0x01 };
	uint8_t c2[] = { 0x30, 0x03, 0x02, 0x01, 0x07 };
	struct Binary_r certs[2] = { { .cb = sizeof(c1), .lpb = c1 },
				     { .cb = sizeof(c2), .lpb = c2 } };
	struct PropertyValue_r vals[2] = {
		{ .ulPropTag = TAG_USER_CERT,
		  .Value.MVbin = { .cValues = 2, .lpbin = certs } },
		{ .ulPropTag = TAG_AB_CERT,
		  .Value.MVbin = { .cValues = 1, .lpbin = &certs[1] } },
	};
	uint32_t tags[2] = { TAG_USER_CERT, TAG_AB_CERT };
	const struct PropertyValue_r *v;
	struct session s;
	uint32_t mid;
	enum MAPISTATUS result;

	ITEST_ASSERT(open_session(env, mem_ctx, &env->user, &s), "bind");
	mid = mid_of(&s, mem_ctx, env->user.username);
	result = mod_props(&s, mem_ctx, mid, NULL, vals, 2);
	ITEST_ASSERT(result == MAPI_E_SUCCESS, "ModProps 0x%08x", result);
	v = get_prop(&s, mem_ctx, mid, TAG_USER_CERT);
	ITEST_ASSERT(v != NULL && v->ulPropTag == TAG_USER_CERT &&
		     v->Value.MVbin.cValues == 2, "user certificates");
	ITEST_ASSERT((bin_equal(&v->Value.MVbin.lpbin[0], c1, sizeof(c1)) &&
		      bin_equal(&v->Value.MVbin.lpbin[1], c2, sizeof(c2))) ||
		     (bin_equal(&v->Value.MVbin.lpbin[1], c1, sizeof(c1)) &&
		      bin_equal(&v->Value.MVbin.lpbin[0], c2, sizeof(c2))),
		     "certificate values differ");
	v = get_prop(&s, mem_ctx, mid, TAG_AB_CERT);
	ITEST_ASSERT(v != NULL && v->ulPropTag == TAG_AB_CERT &&
		     v->Value.MVbin.cValues == 1 &&
		     bin_equal(&v->Value.MVbin.lpbin[0], c2, sizeof(c2)),
		     "address book certificate");
	result = remove_props(&s, mem_ctx, mid, tags, 2);
	ITEST_ASSERT(result == MAPI_E_SUCCESS, "remove 0x%08x", result);
	v = get_prop(&s, mem_ctx, mid, TAG_USER_CERT);
	ITEST_ASSERT(v != NULL && v->ulPropTag == TAG_USER_CERT_ERR,
		     "certificates not removed");
	return true;
}

/* Computed properties, wrong types, unknown MIds and code pages. */
static bool test_mod_props_refused(struct itest_env *env,
				   TALLOC_CTX *mem_ctx)
{
	struct PropertyValue_r computed[2] = {
		{ .ulPropTag = TAG_PHONE_W, .Value.lpszW = "+1 555 0101" },
		{ .ulPropTag = TAG_DISPLAY_TYPE, .Value.l = 0 },
	};
	struct PropertyValue_r wrong_type = { .ulPropTag = 0x3A080003,
					      .Value.l = 5 };
	uint32_t entry_id = TAG_ENTRY_ID;
	struct STAT stat = { .CodePage = 0x4E4FFFF };
	struct PropertyRow_r row = { .cValues = 1, .lpProps = computed };
	const struct PropertyValue_r *v;
	enum MAPISTATUS result;
	struct session s;
	uint32_t mid;

	ITEST_ASSERT(open_session(env, mem_ctx, &env->user, &s), "bind");
	mid = mid_of(&s, mem_ctx, env->user.username);
	result = mod_props(&s, mem_ctx, mid, NULL, computed, 2);
	ITEST_ASSERT(result == MAPI_E_NO_ACCESS, "computed 0x%08x", result);
	/* Nothing of a refused call is applied. */
	v = get_prop(&s, mem_ctx, mid, TAG_PHONE_W);
	ITEST_ASSERT(v != NULL && v->ulPropTag == TAG_PHONE_ERR,
		     "part of a refused call applied");
	result = remove_props(&s, mem_ctx, mid, &entry_id, 1);
	ITEST_ASSERT(result == MAPI_E_NO_ACCESS, "remove computed 0x%08x",
		     result);
	result = mod_props(&s, mem_ctx, mid, NULL, &wrong_type, 1);
	ITEST_ASSERT(result == MAPI_E_INVALID_PARAMETER, "type 0x%08x",
		     result);
	result = set_phone(&s, mem_ctx, 0x7fffff00, "+1 555 0102");
	ITEST_ASSERT(result == MAPI_E_NOT_FOUND, "bad MId 0x%08x", result);
	stat.CurrentRec = mid;
	ITEST_OK(dcerpc_NspiModProps(s.b, mem_ctx, &s.h, 0, &stat, NULL, &row,
				     &result));
	ITEST_ASSERT(result == MAPI_E_UNKNOWN_CPID, "code page 0x%08x",
		     result);
	return true;
}

/* Every write needs a session: without one the RPC layer faults. */
static bool test_no_session(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	struct policy_handle h = { .handle_type = 0 };
	struct STAT stat = { .CodePage = 1252 };
	struct PropertyRow_r row = { 0 };
	struct BinaryArray_r ids = { 0 };
	struct PropertyTagArray_r *tags = NULL;
	struct PropertyNameSet_r *names = NULL;
	struct PropertyName_r *pn[1] = { NULL };
	struct FlatUID_r set;
	struct dcerpc_pipe *p;
	enum MAPISTATUS result;

	h.uuid = GUID_random();
	memcpy(set.ab, test_set, 16);
	ITEST_OK(mapi_rpc_connect(mem_ctx, env->rpc, &env->user,
				  &ndr_table_exchange_nsp, &p));
	ITEST_NTSTATUS(dcerpc_NspiModProps(p->binding_handle, mem_ctx, &h, 0,
					   &stat, NULL, &row, &result),
		       NT_STATUS_RPC_SS_CONTEXT_MISMATCH);
	ITEST_NTSTATUS(dcerpc_NspiModLinkAtt(p->binding_handle, mem_ctx, &h,
					     0, TAG_MEMBER, 0x10, &ids,
					     &result),
		       NT_STATUS_RPC_SS_CONTEXT_MISMATCH);
	ITEST_NTSTATUS(dcerpc_NspiDeleteEntries(p->binding_handle, mem_ctx,
						&h, 0, 0x10, &ids, &result),
		       NT_STATUS_RPC_SS_CONTEXT_MISMATCH);
	ITEST_NTSTATUS(dcerpc_NspiGetNamesFromIDs(p->binding_handle, mem_ctx,
						  &h, 0, &set, NULL, &tags,
						  &names, &result),
		       NT_STATUS_RPC_SS_CONTEXT_MISMATCH);
	ITEST_NTSTATUS(dcerpc_NspiGetIDsFromNames(p->binding_handle, mem_ctx,
						  &h, 0, 0, 1, pn, &tags,
						  &result),
		       NT_STATUS_RPC_SS_CONTEXT_MISMATCH);
	return true;
}

/*
 * The list "staff" (members alice and bob, owner alice), created or reset
 * through the DC's sam.ldb with Samba's own Python bindings.  A list this
 * suite creates is marked (info) and deleted again at the end, so the
 * address book the other suites see is unchanged; one made by testenv
 * stays.
 */
#define STAFF_MARK "created by test_nspi_modify"

static const char staff_script_head[] =
	"/usr/bin/python3 - <<'EOF'\n"
	"import os, ldb\n"
	"from samba.param import LoadParm\n"
	"from samba.auth import system_session\n"
	"from samba.samdb import SamDB\n"
	"lp = LoadParm()\n"
	"lp.load(os.environ['SMB_CONF'])\n"
	"db = SamDB(url=lp.private_path('sam.ldb'),\n"
	"           session_info=system_session(lp), lp=lp)\n"
	"def find(name):\n"
	"    return db.search(base=db.domain_dn(),\n"
	"                     scope=ldb.SCOPE_SUBTREE,\n"
	"                     expression='(sAMAccountName=%s)' % name,\n"
	"                     attrs=['info'])\n"
	"def dn(name):\n"
	"    r = find(name)\n"
	"    return str(r[0].dn) if len(r) else None\n";

static bool reset_staff_group(TALLOC_CTX *mem_ctx)
{
	static const char body[] =
		"if dn('staff') is None:\n"
		"    db.newgroup('staff')\n"
		"    db.modify_ldif('dn: %s\\nchangetype: modify\\n'\n"
		"                   'replace: info\\ninfo: " STAFF_MARK "\\n'\n"
		"                   % dn('staff'))\n"
		"m = ldb.Message(ldb.Dn(db, dn('staff')))\n"
		"def put(attr, vals):\n"
		"    m[attr] = ldb.MessageElement(vals, ldb.FLAG_MOD_REPLACE,\n"
		"                                 attr)\n"
		"put('mail', 'staff@sambamapi.test')\n"
		"put('displayName', 'Staff')\n"
		"put('legacyExchangeDN', '" RECIPIENTS "staff')\n"
		"put('proxyAddresses', 'SMTP:staff@sambamapi.test')\n"
		"put('managedBy', dn('alice'))\n"
		"put('member', [dn('alice'), dn('bob')])\n"
		"db.modify(m)\n"
		"EOF\n";

	return system(talloc_asprintf(mem_ctx, "%s%s", staff_script_head,
				      body)) == 0;
}

static bool remove_staff_group(TALLOC_CTX *mem_ctx)
{
	static const char body[] =
		"r = find('staff')\n"
		"if len(r) and str(r[0].get('info', '')) == '" STAFF_MARK "':\n"
		"    db.delete(r[0].dn)\n"
		"EOF\n";

	return system(talloc_asprintf(mem_ctx, "%s%s", staff_script_head,
				      body)) == 0;
}

static bool entry_id_of(struct session *s, TALLOC_CTX *mem_ctx,
			uint32_t mid, struct Binary_r *out)
{
	const struct PropertyValue_r *v = get_prop(s, mem_ctx, mid,
						   TAG_ENTRY_ID);

	if (v == NULL || v->ulPropTag != TAG_ENTRY_ID) {
		return false;
	}
	*out = v->Value.bin;
	return true;
}

/* Is the entry with legacyExchangeDN RECIPIENTS @a account a member? */
static bool is_member(struct session *s, TALLOC_CTX *mem_ctx,
		      uint32_t list, const char *account)
{
	const struct PropertyValue_r *v = get_prop(s, mem_ctx, list,
						   TAG_MEMBER_DNS);
	const char *dn = talloc_asprintf(mem_ctx, RECIPIENTS "%s", account);
	uint32_t i;

	if (v == NULL || v->ulPropTag != TAG_MEMBER_DNS) {
		return false;
	}
	for (i = 0; i < v->Value.MVszA.cValues; i++) {
		if (strcasecmp(v->Value.MVszA.lppszA[i], dn) == 0) {
			return true;
		}
	}
	return false;
}

static enum MAPISTATUS mod_link(struct session *s, TALLOC_CTX *mem_ctx,
				uint32_t flags, uint32_t tag, uint32_t mid,
				struct Binary_r *ids, uint32_t count)
{
	struct BinaryArray_r arr = { .cValues = count, .lpbin = ids };
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;

	if (!NT_STATUS_IS_OK(dcerpc_NspiModLinkAtt(s->b, mem_ctx, &s->h,
						   flags, tag, mid, &arr,
						   &result))) {
		return MAPI_E_CALL_FAILED;
	}
	return result;
}

/* The owner of a list adds and removes members. */
static bool test_owner_edits_members(struct itest_env *env,
				     TALLOC_CTX *mem_ctx)
{
	struct session s;
	struct Binary_r carol;
	uint32_t staff;
	enum MAPISTATUS result;

	ITEST_ASSERT(reset_staff_group(mem_ctx), "cannot set up staff");
	ITEST_ASSERT(open_session(env, mem_ctx, &env->user, &s), "bind");
	staff = mid_of(&s, mem_ctx, "staff");
	ITEST_ASSERT(staff != 0, "no MId for staff");
	ITEST_ASSERT(is_member(&s, mem_ctx, staff, "bob") &&
		     !is_member(&s, mem_ctx, staff, "carol"), "staff members");
	ITEST_ASSERT(entry_id_of(&s, mem_ctx, mid_of(&s, mem_ctx, "carol"),
				 &carol), "entry ID of carol");
	result = mod_link(&s, mem_ctx, 0, TAG_MEMBER, staff, &carol, 1);
	ITEST_ASSERT(result == MAPI_E_SUCCESS, "add 0x%08x", result);
	ITEST_ASSERT(is_member(&s, mem_ctx, staff, "carol"), "carol not added");
	/* Adding a member again changes nothing and is no error. */
	result = mod_link(&s, mem_ctx, 0, TAG_MEMBER, staff, &carol, 1);
	ITEST_ASSERT(result == MAPI_E_SUCCESS, "add again 0x%08x", result);
	result = mod_link(&s, mem_ctx, fDelete, TAG_MEMBER, staff, &carol, 1);
	ITEST_ASSERT(result == MAPI_E_SUCCESS, "delete 0x%08x", result);
	ITEST_ASSERT(!is_member(&s, mem_ctx, staff, "carol") &&
		     is_member(&s, mem_ctx, staff, "bob"), "carol not removed");
	/* NspiDeleteEntries on a list removes members, for its owner */
	result = mod_link(&s, mem_ctx, 0, TAG_MEMBER, staff, &carol, 1);
	ITEST_ASSERT(result == MAPI_E_SUCCESS, "add 0x%08x", result);
	{
		struct BinaryArray_r one = { .cValues = 1, .lpbin = &carol };

		ITEST_OK(dcerpc_NspiDeleteEntries(s.b, mem_ctx, &s.h, 0,
						  staff, &one, &result));
	}
	ITEST_ASSERT(result == MAPI_E_SUCCESS &&
		     !is_member(&s, mem_ctx, staff, "carol"),
		     "DeleteEntries 0x%08x", result);
	return true;
}

/* Anyone else is refused; bad arguments get the spec's errors. */
static bool test_link_refused(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	uint8_t junk[] = { 0x00, 0x00, 0x00, 0x00, 0x01, 0x02, 0x03 };
	struct Binary_r bad = { .cb = sizeof(junk), .lpb = junk };
	struct BinaryArray_r ids = { .cValues = 1, .lpbin = &bad };
	struct session bob;
	struct Binary_r carol;
	uint32_t staff;
	enum MAPISTATUS result;

	ITEST_ASSERT(reset_staff_group(mem_ctx), "cannot set up staff");
	ITEST_ASSERT(open_session(env, mem_ctx, &env->user2, &bob), "bind");
	staff = mid_of(&bob, mem_ctx, "staff");
	ITEST_ASSERT(entry_id_of(&bob, mem_ctx, mid_of(&bob, mem_ctx, "carol"),
				 &carol), "entry ID of carol");
	result = mod_link(&bob, mem_ctx, 0, TAG_MEMBER, staff, &carol, 1);
	ITEST_ASSERT(result == MAPI_E_NO_ACCESS, "non-owner 0x%08x", result);
	ITEST_ASSERT(!is_member(&bob, mem_ctx, staff, "carol"),
		     "list changed by a non-owner");
	result = mod_link(&bob, mem_ctx, 0, TAG_MEMBER, 0x7fffff00, &carol, 1);
	ITEST_ASSERT(result == MAPI_E_NOT_FOUND, "bad MId 0x%08x", result);
	result = mod_link(&bob, mem_ctx, 0, TAG_MEMBER, staff, &bad, 1);
	ITEST_ASSERT(result == MAPI_E_NOT_FOUND, "bad entry ID 0x%08x",
		     result);
	result = mod_link(&bob, mem_ctx, 0, TAG_PHONE_W, staff, &carol, 1);
	ITEST_ASSERT(result == MAPI_E_NO_SUPPORT, "wrong property 0x%08x",
		     result);
	/* Members of a mail user: not a list. */
	result = mod_link(&bob, mem_ctx, 0, TAG_MEMBER,
			  mid_of(&bob, mem_ctx, "carol"), &carol, 1);
	ITEST_ASSERT(result == MAPI_E_NO_SUPPORT, "not a list 0x%08x", result);
	ITEST_OK(dcerpc_NspiDeleteEntries(bob.b, mem_ctx, &bob.h, 0, staff,
					  &ids, &result));
	ITEST_ASSERT(result == MAPI_E_NOT_FOUND || result == MAPI_E_NO_ACCESS,
		     "DeleteEntries by a non-owner 0x%08x", result);
	/* the GAL is not modifiable */
	ITEST_OK(dcerpc_NspiDeleteEntries(bob.b, mem_ctx, &bob.h, 0, 0,
					  &ids, &result));
	ITEST_ASSERT(result == MAPI_E_NO_ACCESS, "DeleteEntries on the GAL "
		     "0x%08x", result);
	return true;
}

static enum MAPISTATUS ids_from_names(struct session *s, TALLOC_CTX *mem_ctx,
				      uint32_t flags, const uint8_t *set,
				      const int32_t *lids, uint32_t count,
				      struct PropertyTagArray_r **tags)
{
	struct PropertyName_r **names = talloc_array(mem_ctx,
						     struct PropertyName_r *,
						     count);
	struct FlatUID_r *guid = talloc(mem_ctx, struct FlatUID_r);
	enum MAPISTATUS result = MAPI_E_CALL_FAILED;
	uint32_t i;

	memcpy(guid->ab, set, 16);
	for (i = 0; i < count; i++) {
		names[i] = talloc_zero(names, struct PropertyName_r);
		names[i]->lpguid = guid;
		names[i]->lID = lids[i];
	}
	if (!NT_STATUS_IS_OK(dcerpc_NspiGetIDsFromNames(s->b, mem_ctx, &s->h,
							0, flags, count, names,
							tags, &result))) {
		return MAPI_E_CALL_FAILED;
	}
	return result;
}

static bool is_named_tag(uint32_t tag)
{
	return (tag & 0xFFFF) == 0 && (tag >> 16) >= 0x9000 &&
	       (tag >> 16) < 0xFFF0;
}

/* Names -> IDs -> names, stable; NspiVerifyNames; unknown IDs. */
static bool test_named_properties(struct itest_env *env,
				  TALLOC_CTX *mem_ctx)
{
	int32_t lids[3] = { 0x1234, 0x1235, 0x3001 };
	int32_t unknown[2] = { 0x7777, 0x1234 };
	struct PropertyTagArray_r *tags = NULL, *again = NULL, *ret = NULL;
	struct PropertyNameSet_r *names = NULL;
	uint32_t ask[3];
	struct PropertyTagArray_r req = { .cValues = 3, .aulPropTag = ask };
	struct FlatUID_r set;
	enum MAPISTATUS result;
	struct session s;
	uint32_t i, found = 0;

	ITEST_ASSERT(open_session(env, mem_ctx, &env->user, &s), "bind");
	result = ids_from_names(&s, mem_ctx, 0, test_set, lids, 2, &tags);
	ITEST_ASSERT(result == MAPI_E_SUCCESS && tags && tags->cValues == 2,
		     "GetIDsFromNames 0x%08x", result);
	ITEST_ASSERT(is_named_tag(tags->aulPropTag[0]) &&
		     is_named_tag(tags->aulPropTag[1]) &&
		     tags->aulPropTag[0] != tags->aulPropTag[1],
		     "tags 0x%08x 0x%08x", tags->aulPropTag[0],
		     tags->aulPropTag[1]);
	result = ids_from_names(&s, mem_ctx, NspiVerifyNames, test_set, lids,
				2, &again);
	ITEST_ASSERT(result == MAPI_E_SUCCESS && again->cValues == 2 &&
		     again->aulPropTag[0] == tags->aulPropTag[0] &&
		     again->aulPropTag[1] == tags->aulPropTag[1],
		     "IDs not stable");
	/* PS_MAPI names are the tags themselves. */
	result = ids_from_names(&s, mem_ctx, 0, ps_mapi, &lids[2], 1, &again);
	ITEST_ASSERT(result == MAPI_E_SUCCESS &&
		     again->aulPropTag[0] == 0x30010000, "PS_MAPI 0x%08x",
		     again->aulPropTag[0]);
	/* NspiVerifyNames: an unknown name is PT_ERROR, not created. */
	result = ids_from_names(&s, mem_ctx, NspiVerifyNames, test_set,
				unknown, 2, &again);
	ITEST_ASSERT(result == MAPI_W_ERRORS_RETURNED && again->cValues == 2 &&
		     again->aulPropTag[0] == 0x0000000A &&
		     again->aulPropTag[1] == tags->aulPropTag[0],
		     "VerifyNames 0x%08x", result);

	ask[0] = tags->aulPropTag[1] | 0x001F;
	ask[1] = 0x3001001F;
	ask[2] = 0xFFEE0003;	/* no name */
	ITEST_OK(dcerpc_NspiGetNamesFromIDs(s.b, mem_ctx, &s.h, 0, NULL, &req,
					    &ret, &names, &result));
	ITEST_ASSERT(result == MAPI_E_SUCCESS && names && names->cNames == 3,
		     "GetNamesFromIDs 0x%08x", result);
	ITEST_ASSERT(ret == NULL, "returned tags without a property set");
	ITEST_ASSERT(names->aNames[0].lpguid &&
		     memcmp(names->aNames[0].lpguid->ab, test_set, 16) == 0 &&
		     names->aNames[0].lID == 0x1235, "name of a named ID");
	ITEST_ASSERT(names->aNames[1].lpguid &&
		     memcmp(names->aNames[1].lpguid->ab, ps_mapi, 16) == 0 &&
		     names->aNames[1].lID == 0x3001, "name of a tag");
	ITEST_ASSERT(names->aNames[2].lpguid == NULL, "name of unknown ID");

	/* Without tags: every name of the set. */
	memcpy(set.ab, test_set, 16);
	ITEST_OK(dcerpc_NspiGetNamesFromIDs(s.b, mem_ctx, &s.h, 0, &set, NULL,
					    &ret, &names, &result));
	ITEST_ASSERT(result == MAPI_E_SUCCESS && ret && names &&
		     ret->cValues == names->cNames && ret->cValues >= 2,
		     "names of a set 0x%08x", result);
	for (i = 0; i < ret->cValues; i++) {
		if (ret->aulPropTag[i] == tags->aulPropTag[0]) {
			found |= names->aNames[i].lID == 0x1234 ? 1 : 0;
		}
		if (ret->aulPropTag[i] == tags->aulPropTag[1]) {
			found |= names->aNames[i].lID == 0x1235 ? 2 : 0;
		}
	}
	ITEST_ASSERT(found == 3, "set enumeration incomplete");
	memcpy(set.ab, ps_mapi, 16);
	ITEST_OK(dcerpc_NspiGetNamesFromIDs(s.b, mem_ctx, &s.h, 0, &set, NULL,
					    &ret, &names, &result));
	ITEST_ASSERT(result == MAPI_E_NO_SUPPORT && ret == NULL &&
		     names == NULL, "PS_MAPI enumeration 0x%08x", result);
	return true;
}

/* Leave the directory as the suite found it. */
static bool test_cleanup(struct itest_env *env, TALLOC_CTX *mem_ctx)
{
	ITEST_ASSERT(remove_staff_group(mem_ctx), "cannot remove staff");
	return true;
}

int main(int argc, const char **argv)
{
	static const struct itest tests[] = {
		{ "own_phone", test_own_phone },
		{ "other_user_refused", test_other_user_refused },
		{ "certificates", test_certificates },
		{ "mod_props_refused", test_mod_props_refused },
		{ "no_session", test_no_session },
		{ "owner_edits_members", test_owner_edits_members },
		{ "link_refused", test_link_refused },
		{ "named_properties", test_named_properties },
		{ "cleanup", test_cleanup },
	};

	return itest_main("nspi_modify", tests, ARRAY_SIZE(tests), argc,
			  argv);
}
