#!/bin/bash
# mapiadmin against the test server's SAM database: the organisation,
# users (created ones authenticate), addresses, groups, contacts, and the
# errors every command must name clearly.  Leaves the directory as it
# found it.
set -u
: "${BUILDDIR:?}" "${SMB_CONF:?}" "${TEST_USERS:?}" "${SERVER:?}" "${DOMAIN:?}"
ADMIN="$BUILDDIR/bin/mapiadmin -s $SMB_CONF"
ENVDIR=$(cd "$(dirname "$SMB_CONF")/.." && pwd)
SAM="$ENVDIR/private/sam.ldb"
REALM_LC=$(echo "${REALM:-sambamapi.test}" | tr 'A-Z' 'a-z')
GROUP=${TEST_GROUP:-staff}
CONTACT=${TEST_CONTACT:-Dave External}
export ADMIN SAM
passed=0
failed=0

check() {
	local name=$1; shift
	if "$@"; then
		echo "ok - $name"; passed=$((passed + 1))
	else
		echo "FAIL - $name"; failed=$((failed + 1))
	fi
}

# says EXIT-CODE PATTERN COMMAND...: the command exits with EXIT-CODE and
# its output (stdout and stderr) matches PATTERN.
says() {
	local want=$1 pattern=$2 out rc; shift 2
	out=$("$@" 2>&1); rc=$?
	if [ "$rc" -ne "$want" ] || ! grep -q -- "$pattern" <<< "$out"; then
		echo "  exit $rc (want $want), output: $out"
		return 1
	fi
}

admin() { $ADMIN "$@"; }
listed() { admin list | grep -q "^$1	$2	"; }
not_listed() { ! listed "$@"; }
attr() { ldbsearch -H "$SAM" "$1" "$2" 2>/dev/null | grep -q "^$2: $3\$"; }
logon() {
	"$BUILDDIR/bin/exchange-probe" -q -s "$SMB_CONF" -I "$SERVER" \
		-U "$DOMAIN\\$1%$2" >/dev/null 2>&1
}
no_logon() { ! logon "$@"; }

first=${TEST_USERS%% *}
user=${first%%:*}
PROBE=mapiadmin-probe
PASS='Pr0be-Passw0rd!'
LIST=probe-list
PCONTACT="Probe Contact"
PSERVER=PROBESRV
SERVERS_DN="CN=Servers,CN=First Administrative Group,CN=Administrative Groups,CN=First Organization,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=sambamapi,DC=test"

cleanup() {
	admin home "$PROBE" --clear >/dev/null 2>&1
	admin server-remove "$PSERVER" >/dev/null 2>&1
	admin contact-delete "$PCONTACT" >/dev/null 2>&1
	samba-tool user delete "$PROBE" -s "$SMB_CONF" -H "$SAM" >/dev/null 2>&1
	samba-tool user delete plain-probe -s "$SMB_CONF" -H "$SAM" >/dev/null 2>&1
	samba-tool group delete "$LIST" -s "$SMB_CONF" -H "$SAM" >/dev/null 2>&1
	samba-tool group delete probe-global -s "$SMB_CONF" -H "$SAM" >/dev/null 2>&1
}
cleanup

# ------------------------------------------------------------ organisation
check "show-org: provisioned in the directory" \
	says 0 "source: directory" admin show-org
check "show-org: server legacyExchangeDN" \
	says 0 "server legacyExchangeDN: /o=First Organization/ou=First Administrative Group/cn=Configuration/cn=Servers/cn=MAPIDC" admin show-org
check "provision again is a no-op" says 0 "already provisioned" admin provision
check "provision with the same names is a no-op" \
	says 0 "already provisioned" admin provision \
	--organization "First Organization" --admin-group "First Administrative Group"
check "provision with other names refused without --force" \
	says 1 "refusing to change it to 'Other Org'.*without --force" \
	admin provision --organization "Other Org"
check "invalid organisation name" \
	says 1 "invalid organisation name 'a/b'" admin provision --organization a/b
check "other names outside provision refused" \
	says 1 "use 'mapiadmin provision --force'" admin list --organization "Other Org"

# provision --force on a copy of the directory (the live one keeps its names)
copy=$(mktemp -d /tmp/mapiadmin-copy.XXXXXX)
cp -a "$ENVDIR/private/." "$copy/"
CADMIN="$BUILDDIR/bin/mapiadmin -s $SMB_CONF -H $copy/sam.ldb"
$CADMIN server-add COPYSRV >/dev/null && $CADMIN home "$user" COPYSRV >/dev/null
check "provision --force says what changes" \
	says 0 "recipients moved under /o=Other Org/ou=AG2/cn=Recipients" \
	$CADMIN provision --organization "Other Org" --admin-group AG2 --force
check "after --force: other servers in the new tree" \
	says 0 "^COPYSRV	copysrv\.$REALM_LC	1	/o=Other Org/ou=AG2/cn=Configuration/cn=Servers/cn=COPYSRV\$" \
	$CADMIN server-list
check "after --force: homes kept" \
	says 0 "^$user	COPYSRV	/o=Other Org/ou=AG2/cn=Configuration/cn=Servers/cn=COPYSRV\$" \
	$CADMIN home "$user"
check "after --force: new names from the directory" \
	says 0 "organization: Other Org" $CADMIN show-org
check "after --force: recipients re-addressed" \
	says 0 "/o=Other Org/ou=AG2/cn=Recipients/cn=$user\$" $CADMIN list
check "after --force: old legacyExchangeDN kept as X500:" \
	bash -c "ldbsearch -H $copy/sam.ldb sAMAccountName=$user proxyAddresses | tr -d '\n ' | grep -q 'X500:/o=FirstOrganization/ou=FirstAdministrativeGroup/cn=Recipients/cn=$user'"
check "after --force: old tree gone" \
	bash -c "! ldbsearch -H $copy/sam.ldb -b 'CN=First Organization,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=sambamapi,DC=test' -s base dn 2>/dev/null | grep -q '^dn:'"
rm -rf "$copy"
check "live directory unchanged" says 0 "organization: First Organization" admin show-org

# ------------------------------------------------------------ users
check "test users are mail-enabled" listed user "$user"
check "enable is idempotent" says 0 "already mail-enabled" admin enable "$user"
check "unknown user is named" \
	says 1 "user 'no-such-user' does not exist" admin enable no-such-user
check "usage error exits 2" says 2 "commands:" admin frobnicate
check "--version" says 0 "mapiadmin (sambamapi)" admin -V
check "missing argument exits 2" says 2 "commands:" admin enable
check "enable a group: not a user" says 1 "'$GROUP' is a group, not a user" admin enable "$GROUP"
check "enable a computer: not allowed" \
	says 1 "computer account: not allowed" admin enable 'MAPIDC$'
check "enable krbtgt: not allowed" says 1 "not allowed" admin enable krbtgt

check "create needs --password" says 1 "create needs --password" admin create "$PROBE"
check "create refuses a weak password" \
	says 1 "cannot create user '$PROBE'.*password" admin create "$PROBE" --password x
check "create refuses an address in use" \
	says 1 "address '$user@$REALM_LC' is already used by another recipient, '$user'" \
	admin create "$PROBE" --password "$PASS" --mail "$user@$REALM_LC"
check "create refuses an invalid address" \
	says 1 "invalid address 'no-at-sign'" admin create "$PROBE" --password "$PASS" --mail no-at-sign
check "refused creations leave no user" not_listed user "$PROBE"
check "create" says 0 "$PROBE created and mail-enabled as probe@example.test" \
	admin create "$PROBE" --password "$PASS" --given-name Probe \
	--surname Tester --mail probe@example.test --alias probe2@example.test
check "created user listed with address and display name" \
	says 0 "^user	$PROBE	probe@example.test	Probe Tester	/o=First Organization/ou=First Administrative Group/cn=Recipients/cn=$PROBE\$" admin list
check "created user can log on (NTLM)" logon "$PROBE" "$PASS"
check "wrong password cannot" no_logon "$PROBE" wrong-password
check "create refuses an existing user" \
	says 1 "'$PROBE' already exists (a user)" admin create "$PROBE" --password "$PASS"
check "create --alias added a secondary address" \
	says 0 "already has address probe2@example.test" admin add-address "$PROBE" probe2@example.test

check "enable --mail changes the primary address" \
	says 0 "mail-enabled as probe3@example.test" admin enable "$PROBE" --mail probe3@example.test
check "old primary kept as secondary" \
	says 0 "already has address probe@example.test" admin add-address "$PROBE" probe@example.test
check "enable --alias" says 0 "mail-enabled" admin enable "$PROBE" --alias probe4@example.test
check "alias added" attr "sAMAccountName=$PROBE" proxyAddresses "smtp:probe4@example.test"
check "primary is SMTP:" attr "sAMAccountName=$PROBE" proxyAddresses "SMTP:probe3@example.test"
check "enable refuses an address of another recipient" \
	says 1 "already used by another recipient, '$user'" admin enable "$PROBE" --mail "$user@$REALM_LC"
check "enable refuses an invalid address" \
	says 1 "invalid address 'a@b'" admin enable "$PROBE" --mail a@b

check "add-address" says 0 "$PROBE: address extra@example.test added" admin add-address "$PROBE" extra@example.test
check "add-address is idempotent" says 0 "already has address" admin add-address "$PROBE" extra@example.test
check "add-address refuses an invalid address" says 1 "invalid address 'x@@y.test'" admin add-address "$PROBE" 'x@@y.test'
check "add-address refuses an address in use" \
	says 1 "already used by another recipient, '$PROBE'" admin add-address "$user" extra@example.test
check "add-address to an unknown recipient" \
	says 1 "recipient 'nobody-here' does not exist" admin add-address nobody-here a@example.test
check "remove-address" says 0 "$PROBE: address extra@example.test removed" admin remove-address "$PROBE" extra@example.test
check "removed address free again" says 0 "added" admin add-address "$user" extra@example.test
check "remove-address (cleanup)" says 0 "removed" admin remove-address "$user" extra@example.test
check "remove-address of an absent address" says 0 "has no address" admin remove-address "$PROBE" never@example.test
check "remove-address refuses the primary" \
	says 1 "is the primary address of '$PROBE'" admin remove-address "$PROBE" probe3@example.test

check "disable" says 0 "$PROBE mail-disabled" admin disable "$PROBE"
check "disabled user not listed" not_listed user "$PROBE"
check "disabled user in list --all, without legacyExchangeDN" \
	says 0 "^user	$PROBE	probe3@example.test	Probe Tester	-\$" admin list --all
check "disable keeps mail" attr "sAMAccountName=$PROBE" mail probe3@example.test
check "disable is idempotent" says 0 "not mail-enabled" admin disable "$PROBE"
check "disable an unknown user" says 1 "user 'no-such-user' does not exist" admin disable no-such-user
check "add-address to a disabled user" \
	says 1 "'$PROBE' is not mail-enabled" admin add-address "$PROBE" p5@example.test
check "re-enable" says 0 "mail-enabled as probe3@example.test" admin enable "$PROBE"

# ------------------------------------------------------------ servers, homes
check "server-list: this server" \
	says 0 "^MAPIDC	mapidc\.$REALM_LC	0	/o=First Organization/ou=First Administrative Group/cn=Configuration/cn=Servers/cn=MAPIDC\$" \
	admin server-list
check "server-add refuses a bad name" \
	says 1 "invalid server name 'a.b'" admin server-add a.b
check "server-add refuses a long name" \
	says 1 "invalid server name" admin server-add abcdefghijklmnop
check "server-add (upper-cased)" \
	says 0 "server $PSERVER registered as /o=First Organization/ou=First Administrative Group/cn=Configuration/cn=Servers/cn=$PSERVER\$" \
	admin server-add probesrv
check "server-add is idempotent" says 0 "already registered" admin server-add "$PSERVER"
check "server object: container + mailRecipient" \
	bash -c "ldbsearch -H $SAM -b 'CN=$PSERVER,$SERVERS_DN' -s base objectClass | grep -q '^objectClass: mailRecipient'"
check "server-list: the new server, default FQDN" \
	says 0 "^$PSERVER	probesrv\.$REALM_LC	0	" admin server-list
check "home: none recorded" says 0 "^$PROBE	-	not recorded" admin home "$PROBE"
check "home on an unknown server" \
	says 1 "server 'NOSUCHSRV' is not registered" admin home "$PROBE" NOSUCHSRV
check "home of an unknown user" says 1 "user 'no-such-user' does not exist" admin home no-such-user
check "home of a group" says 1 "user '$GROUP' does not exist" admin home "$GROUP"
check "home USER SERVER" says 0 "$PROBE: home recorded on $PSERVER" admin home "$PROBE" "$PSERVER"
check "home shows it" \
	says 0 "^$PROBE	$PSERVER	/o=First Organization/ou=First Administrative Group/cn=Configuration/cn=Servers/cn=$PSERVER\$" \
	admin home "$PROBE"
check "home is idempotent" says 0 "already homed on $PSERVER" admin home "$PROBE" "$PSERVER"
check "marker: msDS-ObjectReference names the user" \
	bash -c "ldbsearch -H $SAM -b 'CN=$PROBE,CN=Mailboxes,CN=$PSERVER,$SERVERS_DN' -s base msDS-ObjectReference | grep -q '^msDS-ObjectReference: CN=$PROBE,CN=Users,'"
check "user: the back link" \
	bash -c "ldbsearch -H $SAM sAMAccountName=$PROBE msDS-ObjectReferenceBL | tr -d '\n ' | grep -q 'msDS-ObjectReferenceBL:CN=$PROBE,CN=Mailboxes,CN=$PSERVER,'"
check "server-list counts it" says 0 "^$PSERVER	probesrv\.$REALM_LC	1	" admin server-list
check "server-remove refused while a mailbox is homed there" \
	says 1 "1 mailbox(es) are homed on $PSERVER.*: $PROBE\$" admin server-remove "$PSERVER"
check "server-remove of this server refused" \
	says 1 "MAPIDC is this server" admin server-remove mapidc
check "home moves" \
	says 0 "$PROBE: home moved from $PSERVER to MAPIDC (the mailbox's data was not moved)" \
	admin home "$PROBE" MAPIDC
check "one record after a move" \
	bash -c "[ \$(ldbsearch -H $SAM sAMAccountName=$PROBE msDS-ObjectReferenceBL | tr -d '\n ' | grep -o 'CN=Mailboxes' | wc -l) = 1 ]"
check "home --clear" says 0 "$PROBE: home record removed" admin home "$PROBE" --clear
check "home --clear again" says 0 "$PROBE has no home record" admin home "$PROBE" --clear
check "home SERVER --clear refused" says 1 "a SERVER or --clear, not both" admin home "$PROBE" MAPIDC --clear
check "enable --server" says 0 "$PROBE: home recorded on $PSERVER" admin enable "$PROBE" --server "$PSERVER"
check "disable drops the home" says 0 "mail-disabled" admin disable "$PROBE"
check "no marker left" \
	bash -c "! ldbsearch -H $SAM sAMAccountName=$PROBE msDS-ObjectReferenceBL | grep -q Mailboxes"
check "home of a user not mail-enabled" says 1 "'$PROBE' is not mail-enabled" admin home "$PROBE"
check "re-enable: no home" says 0 "mail-enabled" admin enable "$PROBE"
check "home after re-enable" says 0 "^$PROBE	-	" admin home "$PROBE"
check "server-remove" says 0 "server $PSERVER removed" admin server-remove "$PSERVER"
check "removed server not listed" bash -c "! $ADMIN server-list | grep -q '^$PSERVER'"
check "server-remove of an unknown server" says 1 "'$PSERVER' is not registered" admin server-remove "$PSERVER"

# ------------------------------------------------------------ groups
check "test group listed as a group" \
	says 0 "^group	$GROUP	$GROUP@$REALM_LC	Staff	/o=First Organization/ou=First Administrative Group/cn=Recipients/cn=$GROUP\$" admin list
check "test group owner" says 0 "^owner	user	alice	" admin group-members "$GROUP"
check "test group members" \
	bash -c "$ADMIN group-members $GROUP | grep '^member' | cut -f3 | LC_ALL=C sort | tr '\n' ' ' | grep -qx 'alice bob '"
check "test group is universal distribution" attr "sAMAccountName=$GROUP" groupType 8
check "test group managedBy" \
	bash -c "ldbsearch -H $SAM sAMAccountName=$GROUP managedBy | grep -q '^managedBy: CN=Alice'"
check "group-enable is idempotent" says 0 "already mail-enabled" admin group-enable "$GROUP"
check "group-enable a global group: not allowed" \
	says 1 "'Domain Admins' is a global security group: not allowed, only universal groups" \
	admin group-enable "Domain Admins"
check "group-enable a user: not a group" says 1 "'$user' is a user, not a group" admin group-enable "$user"
check "group-enable an unknown group" says 1 "group 'no-such-group' does not exist" admin group-enable no-such-group

check "group-create refuses an address in use" \
	says 1 "already used by another recipient" admin group-create "$LIST" --mail "$GROUP@$REALM_LC"
check "group-create refuses an unknown owner" \
	says 1 "owner: user 'nobody-here' does not exist" admin group-create "$LIST" --owner nobody-here
check "refused group-create leaves no group" \
	bash -c "! ldbsearch -H $SAM sAMAccountName=$LIST dn | grep -q '^dn:'"
check "group-create" says 0 "$LIST mail-enabled as $LIST@$REALM_LC" \
	admin group-create "$LIST" --owner bob
check "group-create: universal distribution" attr "sAMAccountName=$LIST" groupType 8
check "group-create: display name defaults to the name" \
	says 0 "^group	$LIST	$LIST@$REALM_LC	$LIST	" admin list
check "group-create refuses an existing group" \
	says 1 "'$LIST' already exists (a group)" admin group-create "$LIST"
check "group-create refuses a user's name" \
	says 1 "'$user' already exists (a user)" admin group-create "$user"
check "group-add" says 0 "$PROBE added to $LIST" admin group-add "$LIST" "$PROBE" carol
check "group-add a contact" says 0 "added" admin group-add "$LIST" "$CONTACT"
check "group-add a group" says 0 "added" admin group-add "$LIST" "$GROUP"
check "group-add is idempotent" says 0 "already a member" admin group-add "$LIST" carol
check "group-add refuses the group itself" says 1 "member of itself" admin group-add "$LIST" "$LIST"
check "group-add refuses an unknown member" \
	says 1 "recipient 'nobody-here' does not exist" admin group-add "$LIST" nobody-here
samba-tool user create plain-probe "$PASS" -s "$SMB_CONF" -H "$SAM" >/dev/null 2>&1
check "group-add refuses a member that is not mail-enabled" \
	says 1 "'plain-probe' is not mail-enabled: not allowed" admin group-add "$LIST" plain-probe
check "group-add to an unknown group" \
	says 1 "group 'no-such-group' does not exist" admin group-add no-such-group carol
check "group-members" \
	bash -c "$ADMIN group-members $LIST | grep '^member' | cut -f2,3 | LC_ALL=C sort | tr '\t\n' ':,' | grep -qx 'contact:$CONTACT,group:$GROUP,user:carol,user:$PROBE,'"
check "group-members owner" says 0 "^owner	user	bob	" admin group-members "$LIST"
check "group-remove" says 0 "carol removed from $LIST" admin group-remove "$LIST" carol
check "group-remove is idempotent" says 0 "carol is not a member" admin group-remove "$LIST" carol
check "group-members after remove" \
	bash -c "! $ADMIN group-members $LIST | grep -q '	carol	'"
check "group-disable" says 0 "$LIST mail-disabled" admin group-disable "$LIST"
check "disabled group not listed" not_listed group "$LIST"
check "group-disable keeps members" says 0 "	$PROBE	" admin group-members "$LIST"
check "group-disable is idempotent" says 0 "not mail-enabled" admin group-disable "$LIST"
check "group-add to a group not mail-enabled" \
	says 1 "group '$LIST' is not mail-enabled" admin group-add "$LIST" carol
check "group-enable an existing group" \
	says 0 "$LIST mail-enabled as list@example.test" admin group-enable "$LIST" --mail list@example.test --owner carol
check "group-enable --owner" says 0 "^owner	user	carol	" admin group-members "$LIST"
samba-tool group add probe-global -s "$SMB_CONF" -H "$SAM" >/dev/null 2>&1
check "group-enable a global security group: not allowed" \
	says 1 "global security group: not allowed" admin group-enable probe-global

# ------------------------------------------------------------ contacts
check "test contact listed as a contact" \
	says 0 "^contact	$CONTACT	dave@example.org	$CONTACT	/o=First Organization/ou=First Administrative Group/cn=Recipients/cn=DaveExternal\$" admin list
check "contact-create needs --mail" says 1 "contact-create needs --mail" admin contact-create "$PCONTACT"
check "contact-create refuses an invalid address" \
	says 1 "invalid address 'x'" admin contact-create "$PCONTACT" --mail x
check "contact-create refuses an address in use" \
	says 1 "already used by another recipient, '$CONTACT'" admin contact-create "$PCONTACT" --mail dave@example.org
check "contact-create" says 0 "contact $PCONTACT created as pc@example.org" \
	admin contact-create "$PCONTACT" --mail pc@example.org --display-name "Probe, Contact"
check "contact listed with its display name" \
	says 0 "^contact	$PCONTACT	pc@example.org	Probe, Contact	" admin list
check "contact under CN=Users" \
	bash -c "ldbsearch -H $SAM '(&(objectClass=contact)(cn=$PCONTACT))' dn | grep -q '^dn: CN=$PCONTACT,CN=Users,'"
check "contact-create refuses an existing name" \
	says 1 "'$PCONTACT' already exists (a contact)" admin contact-create "$PCONTACT" --mail pc2@example.org
check "contact add-address" says 0 "address pc2@example.org added" admin add-address "$PCONTACT" pc2@example.org
check "contact-delete" says 0 "contact $PCONTACT deleted" admin contact-delete "$PCONTACT"
check "deleted contact not listed" not_listed contact "$PCONTACT"
check "contact-delete an unknown contact" \
	says 1 "contact '$PCONTACT' does not exist" admin contact-delete "$PCONTACT"
check "contact-delete a user: not allowed" \
	says 1 "'$user' is a user, not a contact: not allowed" admin contact-delete "$user"

cleanup
check "cleanup: probes gone" not_listed user "$PROBE"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
