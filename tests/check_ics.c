/*
 * Tests of the iCalendar writer (reports/ics.h): TEXT escaping (RFC 5545
 * §3.3.11), folding at 75 octets on UTF-8 boundaries with CRLF (§3.1), the
 * UID part encoding, and the feed built from a small inventory: which events
 * it holds, their stable UIDs, DTSTAMP from the as-of date, and one VALARM per
 * lead time of the matching rules.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar/base.h"
#include "calendar/date.h"
#include "planner/inventory.h"
#include "policies/policy.h"
#include "reports/ics.h"
#include "tests/suites.h"

/* --- escaping */

static const struct {
    const char *in, *out;
} escape_table[] = {
    {"plain text", "plain text"},
    {"a,b;c\\d", "a\\,b\\;c\\\\d"},
    {"line 1\nline 2", "line 1\\nline 2"},
    {"crlf\r\nlone cr\rend", "crlf\\nlone cr\\nend"},
    {"tab\tkept, bell\adropped\x7f", "tab\tkept\\, belldropped"},
    {"colon: stays \"quoted\"", "colon: stays \"quoted\""},
    {"\xc3\xa9t\xc3\xa9;", "\xc3\xa9t\xc3\xa9\\;"},
    {"", ""},
};

START_TEST(test_escape)
{
    cp_buf b = {0};
    rpt_ics_escape(&b, escape_table[_i].in);
    ck_assert_str_eq(cp_buf_str(&b), escape_table[_i].out);
    cp_buf_free(&b);
}
END_TEST

/* --- folding */

/* A line of n bytes: ASCII 'a'..'z' with a multi-byte character every `every` bytes. */
static char *fold_line(size_t n, const char *mb, size_t every)
{
    cp_buf b = {0};
    size_t i = 0;
    while (b.len < n) {
        if (mb && every && i % every == every - 1 && b.len + strlen(mb) <= n)
            cp_buf_puts(&b, mb);
        else
            cp_buf_putc(&b, (char)('a' + i % 26));
        i++;
    }
    return cp_buf_steal(&b);
}

static const struct {
    size_t len;
    const char *mb; /* a UTF-8 sequence sprinkled in, or NULL */
    size_t every;
    int lines; /* expected physical lines */
} fold_table[] = {
    {0, NULL, 0, 1},
    {74, NULL, 0, 1},
    {75, NULL, 0, 1},
    {76, NULL, 0, 2},
    {75 + 74, NULL, 0, 2},
    {75 + 75, NULL, 0, 3},
    {300, NULL, 0, 5},
    {200, "\xc3\xa9", 3, 3},         /* two-byte sequences */
    {200, "\xe2\x82\xac", 5, 3},     /* three bytes (euro sign) */
    {400, "\xf0\x9f\x9a\xa2", 2, 6}, /* four bytes (ship) */
    {77, "\xe2\x82\xac", 74, 2},     /* a 3-byte character at octets 74-76 moves whole */
};

START_TEST(test_fold)
{
    char *line = fold_line(fold_table[_i].len, fold_table[_i].mb, fold_table[_i].every);
    size_t len = strlen(line);
    cp_buf b = {0}, unfolded = {0};
    rpt_ics_fold(&b, line, len);
    const char *s = cp_buf_str(&b);
    int lines = 0;
    while (*s) {
        const char *crlf = strstr(s, "\r\n");
        ck_assert_ptr_nonnull(crlf);
        size_t n = (size_t)(crlf - s);
        ck_assert_uint_le(n, RPT_ICS_LINE_OCTETS);
        ck_assert_ptr_null(memchr(s, '\n', n));
        ck_assert_ptr_null(memchr(s, '\r', n));
        if (lines > 0) {
            ck_assert_int_eq(s[0], ' ');
            ck_assert_uint_gt(n, 1);
            s++;
            n--;
        }
        /* no physical line starts or ends inside a UTF-8 sequence */
        if (n > 0)
            ck_assert_int_ne((unsigned char)s[0] & 0xC0, 0x80);
        cp_buf_put(&unfolded, s, n);
        s = crlf + 2;
        lines++;
    }
    ck_assert_int_eq(lines, fold_table[_i].lines);
    ck_assert_uint_eq(unfolded.len, len);
    ck_assert_int_eq(memcmp(cp_buf_str(&unfolded), line, len), 0);
    cp_buf_free(&b);
    cp_buf_free(&unfolded);
    free(line);
}
END_TEST

START_TEST(test_fold_exact)
{
    /* 80 ASCII bytes: 75 on the first line, then a space and the last 5 */
    char line[81];
    for (int i = 0; i < 80; i++)
        line[i] = (char)('0' + i % 10);
    line[80] = '\0';
    cp_buf b = {0};
    rpt_ics_line(&b, "X", line + 2); /* "X:" + 78 bytes = 80 */
    char want[128];
    snprintf(want, sizeof want, "X:%.73s\r\n %s\r\n", line + 2, line + 75);
    ck_assert_str_eq(cp_buf_str(&b), want);
    cp_buf_free(&b);

    /* a two-byte character at octets 75-76 moves whole to the next line */
    char mb[80];
    memset(mb, 'x', 74);
    memcpy(mb + 74, "\xc3\xa9yz", 5);
    cp_buf_reset(&b);
    rpt_ics_fold(&b, mb, 78);
    snprintf(want, sizeof want, "%.74s\r\n \xc3\xa9yz\r\n", mb);
    ck_assert_str_eq(cp_buf_str(&b), want);
    cp_buf_free(&b);
}
END_TEST

/* --- UID parts */

static const struct {
    const char *in, *out;
} uid_table[] = {
    {"stt-fleet", "stt-fleet"},
    {"vessel-7@4.10.0_amd64", "vessel-7%404.10.0_amd64"},
    {"a b/c%", "a%20b%2Fc%25"},
    {"\xc3\xa9", "%C3%A9"},
    {"~x", "%7Ex"},
};

START_TEST(test_uid_part)
{
    cp_buf b = {0};
    rpt_ics_uid_part(&b, uid_table[_i].in);
    ck_assert_str_eq(cp_buf_str(&b), uid_table[_i].out);
    cp_buf_free(&b);
}
END_TEST

/* --- the feed */

#define NO_DEFAULTS                                                                                \
    "{\"id\": \"renewal-decision\", \"enabled\": false},"                                          \
    "{\"id\": \"plan-expiry\", \"enabled\": false},"                                               \
    "{\"id\": \"renewal-charge\", \"enabled\": false},"                                            \
    "{\"id\": \"license-expiry\", \"enabled\": false},"                                            \
    "{\"id\": \"license-before-upgrade\", \"enabled\": false},"                                    \
    "{\"id\": \"approval-follow-up\", \"enabled\": false}"

/*
 * One auto-renewing plan (a, speech-to-text) and one that ends (b); a
 * container on a with a license expiring on %s and an upgrade; a pending
 * subscription. Rules: 30, 7, 0 days before the decision deadline for plans
 * that auto-renew, 7 and 7 again (a second rule) before license expiries.
 */
static const char feed_inventory[] =
    "{\"inventory\": 1, \"currency\": \"USD\", \"organization\": \"Ship, Inc; \\\\ tests\","
    " \"policy\": {\"reminders\": [" NO_DEFAULTS ","
    "  {\"id\": \"dd\", \"anchor\": \"decision_deadline\", \"days_before\": [0, 30, 7],"
    "   \"match\": {\"auto_renew\": true}, \"severity\": \"warning\"},"
    "  {\"id\": \"lic\", \"anchor\": \"license_expiry\", \"days_before\": [7],"
    "   \"severity\": \"critical\"},"
    "  {\"id\": \"lic2\", \"anchor\": \"license_expiry\", \"days_before\": [7, 1],"
    "   \"severity\": \"info\"}]},"
    " \"subscriptions\": ["
    "  {\"id\": \"sub-ok\", \"access\": {\"status\": \"approved\", \"requested_on\": "
    "\"2025-10-01\", \"decided_on\": \"2025-10-09\"}},"
    "  {\"id\": \"sub-wait\", \"access\": {\"status\": \"pending\", \"requested_on\": "
    "\"2026-05-25\"}}],"
    " \"plans\": ["
    "  {\"id\": \"plan-a\", \"subscription\": \"sub-ok\", \"service\": \"speech-to-text\","
    "   \"term_start\": \"2026-01-01\", \"units\": 2, \"unit_price\": \"100.00\","
    "   \"auto_renew\": true, \"time_zone\": \"Asia/Tokyo\"},"
    "  {\"id\": \"plan-b\", \"subscription\": \"sub-ok\", \"service\": \"translator\","
    "   \"term_start\": \"2026-01-01\", \"units\": 1, \"unit_price\": \"50.00\","
    "   \"auto_renew\": false}],"
    " \"containers\": ["
    "  {\"id\": \"box-a\", \"plan\": \"plan-a\", \"image\": "
    "\"mcr.microsoft.com/azure-cognitive-services/speechservices/speech-to-text\","
    "   \"version\": \"1.0\", \"platform\": \"docker\","
    "   \"mounts\": {\"license\": \"/l\", \"output\": \"/o\"},"
    "   \"license\": {\"downloaded_on\": \"2026-01-05\", \"image_version\": \"1.0\", "
    "\"expires_on\": \"%s\"},"
    "   \"upgrades\": [{\"version\": \"2.0\", \"on\": \"2026-09-15\"}]}]}";

/* The feed for the fixture with box-a's license expiring on expiry, as of as_of. */
static char *feed_build(const char *expiry, const char *as_of)
{
    char *json = xasprintf(feed_inventory, expiry);
    cp_errors errs = {0};
    pol_hook_ctx hook = {"fixture.json", NULL, NULL};
    inv_inventory *inv = NULL;
    int rc = inv_load("fixture.json", json, strlen(json), pol_inventory_hook, &hook, &inv, &errs);
    if (rc != 0 && errs.count > 0) {
        cp_buf e = {0};
        cp_errors_format(&errs, 0, &e);
        fprintf(stderr, "%s", cp_buf_str(&e));
        cp_buf_free(&e);
    }
    ck_assert_int_eq(rc, 0);
    cal_day day;
    ck_assert_int_eq(cal_parse_iso(as_of, strlen(as_of), &day), 0);
    cp_buf out = {0};
    ck_assert_int_eq(rpt_ics_calendar(inv, hook.policy, day, &out), 0);
    pol_free(hook.policy);
    inv_free(inv);
    cp_errors_free(&errs);
    free(json);
    return cp_buf_steal(&out);
}

/* The unfolded content of the VEVENT whose UID is uid, or NULL (free with free()). */
static char *feed_event(const char *feed, const char *uid)
{
    cp_buf unfolded = {0};
    for (const char *s = feed; *s; s++) {
        if (s[0] == '\r' && s[1] == '\n' && s[2] == ' ') {
            s += 2;
            continue;
        }
        cp_buf_putc(&unfolded, *s);
    }
    char *all = cp_buf_steal(&unfolded);
    char *want = xasprintf("\r\nUID:%s\r\n", uid);
    char *hit = strstr(all, want);
    char *result = NULL;
    if (hit) {
        char *end = strstr(hit, "END:VEVENT\r\n");
        ck_assert_ptr_nonnull(end);
        result = xstrndup(hit + 2, (size_t)(end - hit - 2));
    }
    free(want);
    free(all);
    return result;
}

static int count_of(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static const struct {
    const char *uid;
    const char *lines; /* content lines the event must hold, separated by '|' */
    int alarms;
} feed_table[] = {
    {"decision_deadline-plan-a@commitplan",
     "DTSTART;VALUE=DATE:20261224|DTEND;VALUE=DATE:20261225|TRIGGER;RELATED=START:-P30D|"
     "TRIGGER;RELATED=START:-P7D|TRIGGER;RELATED=START:PT0S|DTSTAMP:20260601T000000Z",
     3},
    {"decision_deadline-plan-b@commitplan", "DTSTART;VALUE=DATE:20261224", 0},
    {"last_day-plan-a@commitplan", "DTSTART;VALUE=DATE:20261231|DTEND;VALUE=DATE:20270101", 0},
    {"cutoff-plan-a@commitplan",
     "DTSTART:20270101T000000Z|SUMMARY:Cutoff: plan plan-a renews|(2027-01-01 09:00 Asia/Tokyo)",
     0},
    {"cutoff-plan-b@commitplan", "DTSTART:20270101T000000Z|SUMMARY:Cutoff: plan plan-b ends", 0},
    {"next_term_start-plan-a@commitplan",
     "DTSTART;VALUE=DATE:20270101|SUMMARY:Renewal: plan plan-a\\, 2 units\\, 200.00 USD", 0},
    {"license_expiry-box-a@commitplan",
     "DTSTART;VALUE=DATE:20261130|TRIGGER;RELATED=START:-P7D|TRIGGER;RELATED=START:-P1D", 2},
    {"upgrade-box-a%402.0@commitplan", "DTSTART;VALUE=DATE:20260915", 0},
    {"approval_due-sub-wait@commitplan", "SUMMARY:Access decision due: subscription sub-wait", 0},
};

START_TEST(test_feed_events)
{
    char *feed = feed_build("2026-11-30", "2026-06-01");
    char *ev = feed_event(feed, feed_table[_i].uid);
    ck_assert_msg(ev != NULL, "no event %s", feed_table[_i].uid);
    char *lines = xstrdup(feed_table[_i].lines);
    for (char *tok = strtok(lines, "|"); tok; tok = strtok(NULL, "|"))
        ck_assert_msg(strstr(ev, tok) != NULL, "%s lacks %s", feed_table[_i].uid, tok);
    ck_assert_int_eq(count_of(ev, "BEGIN:VALARM"), feed_table[_i].alarms);
    ck_assert_int_eq(count_of(ev, "ACTION:DISPLAY"), feed_table[_i].alarms);
    free(lines);
    free(ev);
    free(feed);
}
END_TEST

START_TEST(test_feed_frame)
{
    char *feed = feed_build("2026-11-30", "2026-06-01");
    ck_assert_int_eq(strncmp(feed, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:", 37), 0);
    size_t n = strlen(feed);
    ck_assert_str_eq(feed + n - 15, "END:VCALENDAR\r\n");
    /* every LF is preceded by CR */
    for (size_t i = 0; i < n; i++)
        if (feed[i] == '\n')
            ck_assert_int_eq(feed[i - 1], '\r');
    ck_assert_int_eq(count_of(feed, "BEGIN:VEVENT"), 10);
    ck_assert_int_eq(count_of(feed, "END:VEVENT"), 10);
    ck_assert_ptr_nonnull(strstr(feed, "X-WR-CALNAME:commitplan: Ship\\, Inc\\; \\\\ tests\r\n"));
    free(feed);
}
END_TEST

START_TEST(test_feed_stable)
{
    /* an edited date keeps the UID and changes DTSTART; a later as-of only DTSTAMP */
    char *first = feed_build("2026-11-30", "2026-06-01");
    char *edited = feed_build("2026-10-15", "2026-06-01");
    char *later = feed_build("2026-11-30", "2026-07-01");
    char *ev = feed_event(edited, "license_expiry-box-a@commitplan");
    ck_assert_ptr_nonnull(ev);
    ck_assert_ptr_nonnull(strstr(ev, "DTSTART;VALUE=DATE:20261015"));
    ck_assert_int_eq(count_of(edited, "BEGIN:VEVENT"), count_of(first, "BEGIN:VEVENT"));
    ck_assert_str_ne(first, edited);
    ck_assert_int_eq(count_of(later, "DTSTAMP:20260701T000000Z"), 10);
    ck_assert_int_eq(count_of(later, "DTSTAMP:"), 10);
    char *again = feed_build("2026-11-30", "2026-06-01");
    ck_assert_str_eq(first, again);
    free(again);
    free(ev);
    free(first);
    free(edited);
    free(later);
}
END_TEST

Suite *ics_suite(void)
{
    Suite *s = suite_create("ics");
    TCase *tc = tcase_create("escape");
    tcase_add_loop_test(tc, test_escape, 0, sizeof escape_table / sizeof escape_table[0]);
    suite_add_tcase(s, tc);
    tc = tcase_create("fold");
    tcase_add_loop_test(tc, test_fold, 0, sizeof fold_table / sizeof fold_table[0]);
    tcase_add_test(tc, test_fold_exact);
    suite_add_tcase(s, tc);
    tc = tcase_create("uid");
    tcase_add_loop_test(tc, test_uid_part, 0, sizeof uid_table / sizeof uid_table[0]);
    suite_add_tcase(s, tc);
    tc = tcase_create("feed");
    tcase_add_loop_test(tc, test_feed_events, 0, sizeof feed_table / sizeof feed_table[0]);
    tcase_add_test(tc, test_feed_frame);
    tcase_add_test(tc, test_feed_stable);
    suite_add_tcase(s, tc);
    return s;
}
