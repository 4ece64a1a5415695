#!/bin/bash
# mapimail watch against the test server: the second test user watches
# while the first sends him mail (bin/fixture-messages --submit-to, through
# libmapi: RopModifyRecipients, RopSubmitMessage, local delivery; and
# mapimail send); the watcher prints the new message (time, folder,
# sender, subject) and stops after --count events, after --timeout
# (exit 4), or on SIGINT/SIGTERM (exit 0); --folder and --all; usage
# errors.
set -u
: "${BUILDDIR:?}" "${SMB_CONF:?}" "${TEST_USERS:?}" "${SERVER:?}" "${DOMAIN:?}" "${REALM:?}"
first=${TEST_USERS%% *}
user=${first%%:*}
pass=${first#*:}
second=${TEST_USERS#* }
second=${second%% *}
peer=${second%%:*}
peer_pass=${second#*:}
mail_domain=$(echo "$REALM" | tr '[:upper:]' '[:lower:]')
TMP=$(mktemp -d)
OUT=$TMP/out
ERR=$TMP/err
WOUT=$TMP/watch.out
WERR=$TMP/watch.err
watcher=
trap '[ -n "$watcher" ] && kill "$watcher" 2>/dev/null; rm -rf "$TMP"' EXIT
export SAMBAMAPI_PROFILES=$TMP/profiles.ldb TZ=UTC
CONN="-s $SMB_CONF -I $SERVER -W $DOMAIN"
MAIL="$BUILDDIR/bin/mapimail $CONN -U $peer%$peer_pass"
FIXTURE="$BUILDDIR/bin/fixture-messages $CONN"
T=WatchTest$$
passed=0
failed=0

check() {
	local name=$1; shift
	if "$@"; then
		echo "ok - $name"; passed=$((passed + 1))
	else
		echo "FAIL - $name"; failed=$((failed + 1))
		sed 's/^/    /' "$OUT" "$ERR" "$WOUT" "$WERR" 2>/dev/null |
			head -30
	fi
}

# run EXPECTED_RC ARGS...: run mapimail as the watcher's user
run() {
	local want=$1; shift
	$MAIL "$@" > "$OUT" 2> "$ERR"
	[ $? -eq "$want" ]
}
out_has() { grep -q -- "$1" "$OUT"; }
err_has() { grep -q -- "$1" "$ERR"; }
wout_has() { grep -q -- "$1" "$WOUT"; }
wout_lacks() { ! grep -q -- "$1" "$WOUT"; }
werr_has() { grep -q -- "$1" "$WERR"; }
wout_lines() { [ "$(wc -l < "$WOUT")" -eq "$1" ]; }

# start ARGS...: mapimail watch in the background; true once it watches
start() {
	local i
	: > "$WOUT"; : > "$WERR"
	$MAIL watch "$@" > "$WOUT" 2> "$WERR" &
	watcher=$!
	for i in $(seq 100); do
		grep -q '^mapimail: watching ' "$WERR" && return 0
		kill -0 "$watcher" 2>/dev/null || return 1
		sleep 0.1
	done
	return 1
}

# finish EXPECTED_RC: the watcher ends by itself within 30 s with that status
finish() {
	local want=$1 i rc
	for i in $(seq 300); do
		kill -0 "$watcher" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$watcher" 2>/dev/null; then
		kill "$watcher"; wait "$watcher"; watcher=
		echo "    the watcher did not stop" >> "$WERR"
		return 1
	fi
	wait "$watcher"; rc=$?; watcher=
	[ "$rc" -eq "$want" ] || { echo "    status $rc" >> "$WERR"; false; }
}

# send SUBJECT: the first user sends the second a message
send() {
	$FIXTURE -U "$user%$pass" --submit-to "$peer@$mail_domain" Outbox \
		"$1|-|2024-01-01 00:00|unread|100" > "$OUT" 2> "$ERR"
}

# save FOLDER SUBJECT: the watcher's user saves a message there himself
save() {
	$FIXTURE -U "$peer%$peer_pass" "$1" "$2|Watch Fixture|2024-01-01 00:00|unread|10" \
		> "$OUT" 2> "$ERR"
}

# new mail, --count 1
S="watch new mail $$"
check "watch --count 1 starts" start --count 1
check "it says what it watches" werr_has '^mapimail: watching the mailbox for new mail$'
check "alice sends bob a message" send "$S"
check "the watcher exits 0 after one event" finish 0
check "one line" wout_lines 1
check "the line: time, new mail, folder, sender, subject" \
	grep -Eq "^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}  new mail  Inbox  Alice Tester  $S\$" "$WOUT"
check "the message is in bob's Inbox" run 0 ls Inbox --subject "$S"
check "and still unread (watch only reads it)" bash -c "grep -q '  N  ' '$OUT'"

# two messages, --count 2
check "watch --count 2 starts" start --count 2
check "first message" send "$S one"
check "second message" send "$S two"
check "the watcher exits 0 after two events" finish 0
check "both printed, in order" bash -c "[ \"\$(sed 's/.*  //' '$WOUT')\" = '$S one
$S two' ]"

# mail sent with mapimail send
check "watch for mapimail send starts" start --count 1
check "alice: mapimail send" bash -c "$BUILDDIR/bin/mapimail $CONN -U '$user%$pass' send '$peer@$mail_domain' --subject '$S sent' --body hello > '$OUT' 2> '$ERR'"
check "the watcher prints it" finish 0
check "sent with mapimail: the line" wout_has "  new mail  Inbox  Alice Tester  $S sent\$"

# --timeout
check "watch --timeout 2 starts" start --timeout 2
SECONDS=0
check "a timeout exits 4" finish 4
check "after the timeout, not before" bash -c "[ $SECONDS -ge 1 ] && [ $SECONDS -le 15 ]"
check "the timeout is named" werr_has '^mapimail: watch: timed out after 2 seconds (0 events)$'
check "nothing printed" wout_lines 0
check "--timeout with events before it" start --timeout 3 --count 5
check "a message" send "$S timed"
check "exits 4 all the same" finish 4
check "the message printed" wout_has "  new mail  Inbox  Alice Tester  $S timed\$"
check "the count named" werr_has 'timed out after 3 seconds (1 event)$'

# signals
for sig in TERM INT; do
	check "watch for SIG$sig starts" start
	kill -$sig "$watcher"
	check "SIG$sig: a clean exit 0" finish 0
	check "SIG$sig named" werr_has "^mapimail: watch: stopped by SIG$sig (0 events)\$"
done
check "the session still works after the signals" run 0 ls Inbox

# --folder and --all
check "mkdir $T" run 0 mkdir "Inbox/$T"
check "watch --folder --all starts" start --folder "Inbox/$T" --all --count 1
check "it names the folder" werr_has "^mapimail: watching 'Inbox/$T' for new mail and changes\$"
check "mail into the Inbox" send "$S elsewhere"
check "a message saved in the folder" save "Inbox/$T" "$S in folder"
check "--folder: exits after the folder's event" finish 0
check "--all: the new message of the folder" wout_has "  created  Inbox/$T  Watch Fixture  $S in folder\$"
check "--folder: nothing of the Inbox" wout_lacks "elsewhere"
check "watch --all starts" start --all --count 2
check "a message" send "$S all"
check "--all: exits after two events" finish 0
check "--all: created and new mail" bash -c "grep -q '  created  Inbox  Alice Tester  $S all\$' '$WOUT' && grep -q '  new mail  Inbox  Alice Tester  $S all\$' '$WOUT'"
check "watch --all for folders starts" start --all --count 1
check "rmdir $T" run 0 rmdir --recursive --hard "Inbox/$T"
check "a deleted folder named by its parent" finish 0
check "the folder event" wout_has "  folder deleted  0x[0-9a-f]* in Inbox\$"

# errors
check "--folder of no folder exits 1" run 1 watch --folder "Inbox/$T"
check "the folder named" err_has "no folder 'Inbox/$T'"
check "--count -1 exits 2" run 2 watch --count -1
check "--count named" err_has "count takes a number of events"
check "--timeout -1 exits 2" run 2 watch --timeout -1
check "an argument exits 2" run 2 watch Inbox
check "the usage shown" err_has "usage: mapimail \[OPTIONS\] watch"
check "--help lists --timeout" bash -c "$MAIL --help | grep -q -- '--timeout=SECONDS'"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
