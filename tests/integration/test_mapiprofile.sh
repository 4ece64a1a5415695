#!/bin/bash
# mapiprofile against the test server: every command, what the profile
# records, idempotence where it applies, the database location (option,
# environment, default under $HOME), and the errors it must name clearly
# (wrong password, unknown user, unreachable server, unknown and
# existing profiles, usage errors).
set -u
: "${BUILDDIR:?}" "${SMB_CONF:?}" "${TEST_USERS:?}" "${SERVER:?}" "${DOMAIN:?}"
first=${TEST_USERS%% *}
user=${first%%:*}
pass=${first#*:}
second=${TEST_USERS#* }; second=${second%% *}
user2=${second%%:*}
pass2=${second#*:}
ORG="/o=First Organization/ou=First Administrative Group"
DNS=${REALM:-SAMBAMAPI.TEST}; DNS=${DNS,,}
T=$'\t'
TMP=$(mktemp -d)
OUT=$TMP/out
ERR=$TMP/err
trap 'rm -rf "$TMP"' EXIT
export SAMBAMAPI_PROFILES=$TMP/env/profiles.ldb
MP="$BUILDDIR/bin/mapiprofile -s $SMB_CONF"
CRED="-I $SERVER -W $DOMAIN -U $user%$pass"
passed=0
failed=0

check() {
	local name=$1; shift
	if "$@"; then
		echo "ok - $name"; passed=$((passed + 1))
	else
		echo "FAIL - $name"; failed=$((failed + 1))
		sed 's/^/    /' "$OUT" "$ERR" | head -20
	fi
}

# run EXPECTED_RC ARGS...: run mapiprofile, keep its output, check status
run() {
	local want=$1; shift
	$MP "$@" > "$OUT" 2> "$ERR"
	[ $? -eq "$want" ]
}
out_has() { grep -q -- "$1" "$OUT"; }
err_has() { grep -q -- "$1" "$ERR"; }
out_empty() { [ ! -s "$OUT" ]; }

# create
check "list of a new database is empty" run 0 list
check "nothing listed" out_empty
check "database created private" bash -c "[ \"\$(stat -c %a '$SAMBAMAPI_PROFILES')\" = 600 ]"
check "create" run 0 create work $CRED --default
check "create names the mailbox" out_has "^profile 'work' created for Alice Tester"
check "create from SMTP-less options" run 0 create other -I $SERVER -W $DOMAIN -U $user2%$pass2 --store-password
check "create an existing profile exits 1" run 1 create work $CRED
check "existing profile named" err_has "profile 'work' exists already"

# show: what the server's address book says
check "show" run 0 show work
check "show: server" out_has "^server: *$SERVER\$"
check "show: user" out_has "^username: *$user\$"
check "show: domain" out_has "^domain: *$DOMAIN\$"
check "show: password not stored" out_has "^password: *not stored\$"
check "show: display name" out_has "^display name: *Alice Tester\$"
check "show: legacyExchangeDN" out_has "^email address: *$ORG/cn=Recipients/cn=$user\$"
check "show: SMTP address" out_has "^smtp address: *$user@$DNS\$"
check "show: home MDB" out_has "^home mdb: *$ORG/cn=Configuration/cn=Servers/cn=MAPIDC/cn=Microsoft Private MDB\$"
check "show: server DN" out_has "^server dn: *$ORG/cn=Configuration/cn=Servers/cn=MAPIDC\$"
check "show: server name" out_has "^server name: *MAPIDC\$"
check "show: server FQDN" out_has "^server fqdn: *mapidc.$DNS\$"
check "show: default" out_has "^default: *yes\$"
check "show other: password stored" bash -c "$MP show other | grep -q '^password: *stored\$'"
check "password kept only when asked" bash -c "! grep -aq -- '$pass' '$SAMBAMAPI_PROFILES' && grep -aq -- '$pass2' '$SAMBAMAPI_PROFILES'"
check "show without a name: the default" run 0 show
check "default profile shown" out_has "^name: *work\$"

# list
check "list" run 0 list
check "list lines" bash -c "[ \"\$(cat '$OUT')\" = \"other${T}$user2${T}$SERVER
work${T}$user${T}$SERVER${T}default\" ]"
check "list twice, same answer" bash -c "$MP list | cmp -s - '$OUT'"

# default
check "default" run 0 default
check "default named" out_has "^work\$"
check "set default" run 0 default other
check "set default again (idempotent)" run 0 default other
check "default changed" bash -c "[ \"\$($MP default)\" = other ]"
check "set default to an unknown profile exits 1" run 1 default nosuch
check "unknown profile named" err_has "no profile 'nosuch'"
check "default unchanged" bash -c "[ \"\$($MP default)\" = other ]"

# rename
check "rename" run 0 rename other second
check "renamed in the list" bash -c "$MP list | cut -f1 | tr '\n' ' ' | grep -qx 'second work '"
check "default follows the rename" bash -c "[ \"\$($MP default)\" = second ]"
check "renamed profile keeps its content" bash -c "$MP show second | grep -q '^username: *$user2\$'"
check "rename onto an existing profile exits 1" run 1 rename second work
check "clash named" err_has "profile 'work' exists already"
check "rename an unknown profile exits 1" run 1 rename nosuch x
check "rename unknown named" err_has "no profile 'nosuch'"
check "rename to itself is a no-op" run 0 rename work work

# delete
check "delete" run 0 delete second
check "deleted" bash -c "[ \"\$($MP list | cut -f1)\" = work ]"
check "deleting the default leaves none" run 1 default
check "no default named" err_has "no default profile"
check "show without a default exits 1" run 1 show
check "delete again exits 1" run 1 delete second
check "delete unknown named" err_has "no profile 'second'"
check "show unknown exits 1" run 1 show second

# where the database lives
check "--database" run 0 --database "$TMP/opt/p.ldb" list
check "--database file created" test -f "$TMP/opt/p.ldb"
check "--database is another database" out_empty
check "--database wins over the environment" bash -c "$MP --database '$TMP/opt/p.ldb' create x $CRED >/dev/null && [ \"\$($MP --database '$TMP/opt/p.ldb' list | cut -f1)\" = x ] && [ \"\$($MP list | cut -f1)\" = work ]"
mkdir -p "$TMP/home"
check "default path under \$HOME" bash -c "env -u SAMBAMAPI_PROFILES HOME='$TMP/home' $MP list >/dev/null && test -f '$TMP/home/.sambamapi/profiles.ldb' && [ \"\$(stat -c %a '$TMP/home/.sambamapi')\" = 700 ]"
check "unwritable database exits 1" bash -c "$MP --database /proc/nonexistent/p.ldb list > '$OUT' 2> '$ERR'; [ \$? -eq 1 ]"
check "unwritable database named" err_has "cannot open the profile database /proc/nonexistent/p.ldb"

# errors of create
check "wrong password exits 1" run 1 create bad -I $SERVER -W $DOMAIN -U $user%wrong-password
check "wrong password named" err_has "logon failed for $DOMAIN\\\\$user: wrong user name or password"
check "unknown user exits 1" run 1 create bad -I $SERVER -W $DOMAIN -U no-such-user%whatever
check "unknown user: logon refused" err_has "logon failed"
check "user without mailbox exits 1" run 1 create bad -I $SERVER -W $DOMAIN -U "${ADMIN_USER:-Administrator}%${ADMIN_PASSWORD:-}"
check "user without mailbox named" err_has "has no mailbox in the address book of $SERVER"
check "unreachable server exits 1" run 1 create bad -I 127.0.0.2 -W $DOMAIN -U $user%$pass
check "unreachable server named" err_has "cannot reach the server 127.0.0.2"
check "failed creates store nothing" bash -c "[ \"\$($MP list | cut -f1)\" = work ]"
check "create without -I exits 2" run 2 create bad -U $user%$pass
check "create without a name exits 2" run 2 create $CRED
check "unknown command exits 2" run 2 frobnicate
check "no command exits 2" run 2
check "bad option exits 2" run 2 --no-such-option list
check "rename with one name exits 2" run 2 rename work

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
