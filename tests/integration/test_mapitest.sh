#!/bin/bash
# mapitest against the test server: every suite passes (operations the
# server does not implement yet are reported as such and counted apart,
# never as passes), with credentials or a profile; its selection options,
# output formats, and the errors it must name clearly.
set -u
: "${BUILDDIR:?}" "${SMB_CONF:?}" "${TEST_USERS:?}" "${SERVER:?}" "${DOMAIN:?}"
first=${TEST_USERS%% *}
user=${first%%:*}
pass=${first#*:}
second=${TEST_USERS#* }
second=${second%% *}
peer_user=${second%%:*}
peer_pass=${second#*:}
TMP=$(mktemp -d)
OUT=$TMP/out
ERR=$TMP/err
trap 'rm -rf "$TMP"' EXIT
export SAMBAMAPI_PROFILES=$TMP/profiles.ldb
MT="$BUILDDIR/bin/mapitest -s $SMB_CONF"
CRED="-I $SERVER -W $DOMAIN -U $user%$pass"
AB="$BUILDDIR/bin/mapiab -s $SMB_CONF $CRED"
passed=0
failed=0

check() {
	local name=$1; shift
	if "$@"; then
		echo "ok - $name"; passed=$((passed + 1))
	else
		echo "FAIL - $name"; failed=$((failed + 1))
		sed 's/^/    /' "$OUT" "$ERR" | head -30
	fi
}

run() {
	local want=$1; shift
	$MT "$@" > "$OUT" 2> "$ERR"
	[ $? -eq "$want" ]
}
out_has() { grep -q -- "$1" "$OUT"; }
err_has() { grep -q -- "$1" "$ERR"; }

# --list: every suite, every test
check "--list" run 0 --list
TOTAL=$(grep -c '^  ' "$OUT")
check "--list names the suites" bash -c "grep -q '^nspi' '$OUT' && grep -q '^referral' '$OUT' && grep -q '^emsmdb' '$OUT'"
check "--list names the tests" bash -c "grep -q '^  nspi.mod_props' '$OUT' && grep -q '^  referral.get_fqdn_from_server_dn' '$OUT' && grep -q '^  emsmdb.connect' '$OUT'"
check "--list names the message store suites" bash -c "for s in store folder property table; do grep -q \"^\$s	\" '$OUT' || exit 1; done"
check "--list names their tests" bash -c "grep -q '^  store.logon_private' '$OUT' && grep -q '^  folder.delete_special' '$OUT' && grep -q '^  property.named_ids' '$OUT' && grep -q '^  table.restrict' '$OUT'"
check "--list names the message and transport suites" bash -c "grep -q '^message	' '$OUT' && grep -q '^transport	' '$OUT' && grep -q '^  message.attachments' '$OUT' && grep -q '^  transport.no_recipients' '$OUT'"
check "--list names the notification suite" bash -c "grep -q '^notification	' '$OUT' && for t in register_release new_mail object_created table_row_added async_wait_timeout; do grep -q \"^  notification.\$t\" '$OUT' || exit 1; done"

# the whole run
$AB show "$user" | grep 0x3A08 > "$TMP/phone.before"
check "all suites" run 0 $CRED --peer "$peer_user%$peer_pass"
sed 's/^/    /' "$OUT"
summary=$(tail -1 "$OUT")
ok=$(grep -c '^ok - ' "$OUT")
ni=$(grep -c '^not implemented - ' "$OUT")
check "summary line" bash -c "echo '$summary' | grep -Eq '^[0-9]+ passed, 0 failed, [0-9]+ not implemented\$'"
check "summary counts the lines" bash -c "[ '$summary' = '$ok passed, 0 failed, $ni not implemented' ]"
check "every test ran" bash -c "[ $((ok + ni)) -eq $TOTAL ]"
check "the address book suites pass whole" bash -c "! grep -E '^(not implemented|FAIL) - (nspi|referral)\.' '$OUT'"
check "emsmdb.connect passes or is not implemented" bash -c "grep -Eq '^(ok|not implemented) - emsmdb.connect' '$OUT'"
check "the message store suites pass whole" bash -c "[ \$(grep -Ec '^ok - (store|folder|property|table)\.' '$OUT') -ge 30 ] && ! grep -E '^(not implemented|FAIL) - (store|folder|property|table)\.' '$OUT'"
check "the message and transport suites pass whole" bash -c "[ \$(grep -Ec '^ok - (message|transport)\.' '$OUT') -ge 13 ] && ! grep -E '^(not implemented|FAIL) - (message|transport)\.' '$OUT'"
check "transport.submit went to the peer" bash -c "grep -q '^ok - transport.submit\$' '$OUT'"
check "the notification suite passes whole" bash -c "[ \$(grep -Ec '^ok - notification\.' '$OUT') -eq 5 ]"
check "notification.new_mail came from the peer" bash -c "grep -q '^ok - notification.new_mail\$' '$OUT'"
check "the server ended an idle EcDoAsyncWaitEx" out_has '^ok - notification.async_wait_timeout: the server ended the wait after '
check "no sent test message left behind" bash -c "for u in '$user%$pass' '$peer_user%$peer_pass'; do for f in Inbox 'Sent Items' Outbox; do '$BUILDDIR/bin/mapimail' -s '$SMB_CONF' -I $SERVER -W $DOMAIN -U \"\$u\" ls \"\$f\" | grep -q 'mapitest-' && exit 1; done; done; exit 0"
check "no scratch folder left behind" bash -c "! '$BUILDDIR/bin/mapimail' -s '$SMB_CONF' $CRED --root folders | grep -q 'mapitest-'"
$AB show "$user" | grep 0x3A08 > "$TMP/phone.after"
check "mod_props restored the user's entry" cmp -s "$TMP/phone.before" "$TMP/phone.after"

# --peer
check "without --peer, transport.submit sends to oneself" run 0 $CRED --test transport.submit
check "and says so" out_has 'ok - transport.submit: sent to oneself'
check "--peer without a password exits 2" run 2 $CRED --peer "$peer_user" --suite transport
check "--peer format named" err_has "give --peer as USER%PASSWORD"
check "--peer with a wrong password fails the test" run 1 $CRED --peer "$peer_user%wrong" --test transport.submit
check "the peer's failure named" out_has "the mailbox of --peer $peer_user"
check "without --peer, notification.new_mail comes from a second session" run 0 $CRED --test notification.new_mail
check "and says so" out_has 'ok - notification.new_mail: sent by a second session of the user'

# selection
check "--suite" run 0 $CRED --suite referral
check "--suite runs that suite only" bash -c "[ \$(grep -c '^ok - referral\.' '$OUT') -eq 2 ] && ! grep -q 'nspi\.' '$OUT'"
check "--suite list" run 0 $CRED --suite referral,emsmdb
check "--suite list runs both" bash -c "grep -q 'referral\.' '$OUT' && grep -q 'emsmdb\.' '$OUT' && ! grep -q 'nspi\.' '$OUT'"
check "--test SUITE.TEST" run 0 $CRED --test nspi.resolve_names_w
check "one test run" bash -c "[ \"\$(tail -1 '$OUT')\" = '1 passed, 0 failed, 0 not implemented' ]"
check "--test TEST" run 0 $CRED --test dn_to_mid
check "unknown suite exits 2" run 2 $CRED --suite nosuch
check "unknown suite named" err_has "no suite 'nosuch'"
check "unknown test exits 2" run 2 $CRED --test nspi.nosuch
check "unknown test named" err_has "no test 'nspi.nosuch'"

# formats
check "--format tap" run 0 $CRED --format tap
check "tap plan" bash -c "sed -n 2p '$OUT' | grep -qx '1\.\.$TOTAL'"
check "tap results" bash -c "[ \$(grep -Ec '^(not )?ok [0-9]+ - ' '$OUT') -eq $TOTAL ] && ! grep -E '^not ok' '$OUT' | grep -v '# TODO not implemented\$'"
check "--format json" run 0 $CRED --format json --suite nspi,emsmdb
check "json parses, counts agree" python3 -c "
import json, sys
d = json.load(open('$OUT'))
r = [t['result'] for t in d['tests']]
assert d['failed'] == 0 and d['passed'] == r.count('passed')
assert d['not_implemented'] == r.count('not implemented')
assert len(r) == d['passed'] + d['not_implemented']
assert any(t['suite'] == 'emsmdb' for t in d['tests'])
"
check "bad format exits 2" run 2 $CRED --format xml

# a profile instead of credentials
"$BUILDDIR/bin/mapiprofile" -s "$SMB_CONF" create mt $CRED --store-password \
	>/dev/null 2>&1
"$BUILDDIR/bin/mapiprofile" -s "$SMB_CONF" create mtnopw $CRED \
	>/dev/null 2>&1
check "-p PROFILE" run 0 -p mt --suite referral
check "-p runs as the profile's user" out_has "as $user\$"
check "profile without password, PASSWD" bash -c "PASSWD='$pass' $MT -p mtnopw --test nspi.bind_unbind >/dev/null 2>&1"
check "profile without password, none given exits 2" bash -c "$MT -p mtnopw --test nspi.bind_unbind </dev/null >/dev/null 2>&1; [ \$? -eq 2 ]"
check "unknown profile exits 2" run 2 -p nosuch
check "unknown profile named" err_has "no profile 'nosuch'"
check "no profile, no default, no -U exits 2" run 2
"$BUILDDIR/bin/mapiprofile" -s "$SMB_CONF" default mt >/dev/null 2>&1
check "default profile without -p" run 0 --suite referral

# errors
check "wrong password exits 1" run 1 -I $SERVER -W $DOMAIN -U $user%wrong-password
check "wrong password named" err_has "logon failed for $DOMAIN\\\\$user: wrong user name or password"
check "unreachable server exits 1" run 1 -I 127.0.0.2 -W $DOMAIN -U $user%$pass
check "unreachable server named" err_has "cannot reach the server 127.0.0.2"
check "user without mailbox exits 1" run 1 -I $SERVER -W $DOMAIN -U "${ADMIN_USER:-Administrator}%${ADMIN_PASSWORD:-}"
check "user without mailbox named" err_has "has no mailbox"
check "bad option exits 2" run 2 --no-such-option

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
