#!/bin/bash
# mapimail appointment, contact, task and note against the test server,
# as the third test user (whose Calendar, Contacts, Tasks and Notes no
# other shell suite counts): items in the default folders and in a
# scratch folder (--folder), series, attendees, time zones, and the
# errors the commands must name clearly.
set -u
: "${BUILDDIR:?}" "${SMB_CONF:?}" "${TEST_USERS:?}" "${SERVER:?}" "${DOMAIN:?}"
third=$(echo "$TEST_USERS" | awk '{ print $3 }')
user=${third%%:*}
pass=${third#*:}
TMP=$(mktemp -d)
OUT=$TMP/out
ERR=$TMP/err
trap 'rm -rf "$TMP"' EXIT
export SAMBAMAPI_PROFILES=$TMP/profiles.ldb TZ=Europe/Berlin
MAIL="$BUILDDIR/bin/mapimail -s $SMB_CONF -I $SERVER -W $DOMAIN -U $user%$pass"
T=ItemTest$$
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

# run EXPECTED_RC ARGS...: run mapimail, keep its output, check its status
run() {
	local want=$1; shift
	$MAIL "$@" > "$OUT" 2> "$ERR"
	[ $? -eq "$want" ]
}
out_has() { grep -q -- "$1" "$OUT"; }
err_has() { grep -q -- "$1" "$ERR"; }
# the number of messages of a folder, from "folders"
count_of() { $MAIL folders "$1" | head -1 | awk '{ print $(NF - 1 - ($NF ~ /^IPF/)) }'; }
listed() { $MAIL ls "$1" --subject "$2" | grep -q -- "$2"; }

cal0=$(count_of Calendar)
con0=$(count_of Contacts)
task0=$(count_of Tasks)
note0=$(count_of Notes)

# the default folders
check "appointment" run 0 appointment --subject "Dentist $T" \
	--start "2024-06-03 09:30" --end "2024-06-03 10:15" --location "Town" \
	--reminder 30
check "appointment: said where" out_has "created appointment 'Dentist $T' in 'Calendar' (message ID 0x"
check "appointment listed in Calendar" listed Calendar "Dentist $T"
check "Calendar has one more" [ "$(count_of Calendar)" -eq $((cal0 + 1)) ]
check "contact" run 0 contact --name "Dave $T" --given-name Dave \
	--surname "$T" --email dave@example.test --phone "+1 555 0101" \
	--mobile "+1 555 0102" --company "Example Ltd"
check "contact: said where" out_has "created contact 'Dave $T' in 'Contacts'"
check "contact listed in Contacts" listed Contacts "Dave $T"
check "Contacts has one more" [ "$(count_of Contacts)" -eq $((con0 + 1)) ]
check "task" run 0 task --subject "Report $T" --start 2024-06-03 \
	--due 2024-06-10 --status in-progress --percent 25
check "task listed in Tasks" listed Tasks "Report $T"
check "Tasks has one more" [ "$(count_of Tasks)" -eq $((task0 + 1)) ]
check "note" run 0 note --text "Call Bob $T
about the report" --color pink
check "note: its first line is the subject" out_has "created note 'Call Bob $T"
check "note listed in Notes" listed Notes "Call Bob $T"
check "Notes has one more" [ "$(count_of Notes)" -eq $((note0 + 1)) ]

# a scratch folder
check "mkdir scratch calendar" run 0 mkdir "$T" --class IPF.Appointment
check "weekly series with attendees" run 0 appointment --folder "$T" \
	--subject "Sync" --start "2024-06-03 09:30" --duration 45 \
	--weekly 1 --days mon,wed --count 10 \
	--attendee "Bob <bob@sambamapi.test>" --optional carol@sambamapi.test
check "series: said where" out_has "created appointment 'Sync' in '$T'"
check "daily series until a date" run 0 appointment --folder "$T" \
	--subject "Standup" --start "2024-06-03 09:00" --duration 15 \
	--daily 1 --until 2024-06-28
check "monthly series, never ending, UTC" run 0 appointment --folder "$T" \
	--subject "Review" --start "2024-06-05 14:00Z" --monthly 1
check "yearly series" run 0 appointment --folder "$T" \
	--subject "Anniversary" --start 2024-06-07 --all-day --yearly 1 \
	--count 5
check "all-day appointment" run 0 appointment --folder "$T" \
	--subject "Holiday" --start 2024-08-01 --end 2024-08-14 --all-day \
	--busy oof
check "a time zone without summer time" bash -c "TZ=Asia/Tokyo $MAIL appointment --folder '$T' --subject Tokyo --start '2024-06-03 09:00' > '$OUT' 2> '$ERR'"
check "the scratch folder holds six" [ "$(count_of "$T")" -eq 6 ]
check "each listed" bash -c "$MAIL ls '$T' > '$OUT' && for s in Sync Standup Review Anniversary Holiday Tokyo; do grep -q \" \$s\$\" '$OUT' || exit 1; done"
check "contact in another folder" run 0 contact --folder "$T" --name "Eve"
check "task in another folder" run 0 task --folder "$T" --subject Done \
	--status complete
check "note in another folder" run 0 note --folder "$T" --text "x"

# errors
check "appointment without --subject" run 2 appointment --start "2024-06-03 09:00"
check "named" err_has "appointment needs --subject"
check "appointment without --start" run 2 appointment --subject x
check "named" err_has "appointment needs --start"
check "bad time" run 1 appointment --subject x --start "June 3"
check "named" err_has "'June 3' is not a time (YYYY-MM-DD HH:MM)"
check "end before start" run 1 appointment --subject x --start "2024-06-03 10:00" --end "2024-06-03 09:00"
check "named" err_has "the end must come after the start"
check "two frequencies" run 1 appointment --subject x --start "2024-06-03 10:00" --daily 1 --weekly 1
check "named" err_has "one of --daily, --weekly, --monthly, --yearly N"
check "--count without a series" run 1 appointment --subject x --start "2024-06-03 10:00" --count 3
check "named" err_has "--count, --until and --days need"
check "bad day" run 1 appointment --subject x --start "2024-06-03 10:00" --weekly 1 --days mon,xyz
check "named" err_has "'xyz' is not a day of the week"
check "bad attendee" run 1 appointment --subject x --start "2024-06-03 10:00" --attendee "Bob <bob>"
check "named" err_has "is not an e-mail address"
check "bad busy state" run 1 appointment --subject x --start "2024-06-03 10:00" --busy away
check "named" err_has "unknown busy state 'away'"
check "contact without --name" run 2 contact --email a@b
check "named" err_has "contact needs --name"
check "contact with a bad address" run 1 contact --name x --email nobody
check "named" err_has "'nobody' is not an e-mail address"
check "task without --subject" run 2 task
check "named" err_has "task needs --subject"
check "bad task status" run 1 task --subject x --status later
check "named" err_has "unknown task status 'later'"
check "percent out of range" run 1 task --subject x --percent 150
check "named" err_has "--percent takes 0 to 100"
check "due before start" run 1 task --subject x --start 2024-06-10 --due 2024-06-03
check "named" err_has "the due date comes before the start"
check "note without --text" run 2 note
check "named" err_has "note needs --text"
check "bad colour" run 1 note --text x --color purple
check "named" err_has "unknown colour 'purple'"
check "unknown folder" run 1 note --text x --folder "$T/Nope"
check "named" err_has "no folder '$T/Nope'"
check "items are not made in the public folders" run 1 --public note --text x
check "named" err_has "notes are made in a mailbox"
check "no arguments taken" run 2 note extra --text x
check "nothing was made by the errors" [ "$(count_of Notes)" -eq $((note0 + 1)) ]

# clean up
check "rmdir --recursive of the scratch folder" run 0 rmdir -r --hard "$T"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
