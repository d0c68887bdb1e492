/*
 * Tests of the policy module (policy.md): the compiled-in default, how layers
 * merge, the example of policy.md, the inventory hook's three layers, every
 * class of policy error with its exact location and path, and catalog
 * matching of image names (mirrors, tags, digests, registry ports).
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "policies/policy.h"
#include "tests/suites.h"

#define NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define POLICY_DIR TEST_DATA_DIR "/policy"

/* Parses the JSON text s as file "t.json"; the parse must succeed. */
static jr_doc *parse_ok(const char *s)
{
    cp_errors errs;
    cp_errors_init(&errs);
    jr_doc *doc = NULL;
    int rc = jr_parse("t.json", s, strlen(s), &doc, &errs);
    ck_assert_msg(rc == 0, "test JSON does not parse: %s", s);
    ck_assert_uint_eq(errs.count, 0);
    cp_errors_free(&errs);
    return doc;
}

/* Lays the JSON text s over p with pol_apply; returns its status. */
static int apply_text(pol_policy *p, const char *s, cp_errors *errs)
{
    jr_doc *doc = parse_ok(s);
    int rc = pol_apply(p, doc, jr_root(doc), errs);
    jr_doc_free(doc);
    return rc;
}

/* The printed diagnostics, for failure messages. Free with free(). */
static char *errors_text(const cp_errors *errs)
{
    cp_buf b = {0};
    for (size_t i = 0; i < errs->count; i++)
        cp_errors_format(errs, i, &b);
    return cp_buf_steal(&b);
}

static void describe_strings(cp_buf *b, const char *name, const pol_strings *s)
{
    if (!s->given)
        return;
    cp_buf_printf(b, " %s=", name);
    for (size_t i = 0; i < s->n; i++)
        cp_buf_printf(b, "%s%s", i ? "|" : "", s->items[i]);
}

static void describe_rule(cp_buf *b, const pol_rule *r)
{
    cp_buf_printf(b, "%s %s [", r->id, pol_anchor_name(r->anchor));
    for (size_t i = 0; i < r->n_days; i++)
        cp_buf_printf(b, "%s%d", i ? " " : "", r->days_before[i]);
    cp_buf_printf(b, "] %s", pol_severity_name(r->severity));
    if (r->match.auto_renew >= 0)
        cp_buf_printf(b, " auto_renew=%d", r->match.auto_renew);
    describe_strings(b, "service", &r->match.service);
    describe_strings(b, "cost_center", &r->match.cost_center);
    describe_strings(b, "platform", &r->match.platform);
    if (r->match.has_min_annual_cost)
        cp_buf_printf(b, " min_annual_cost=%llu", (unsigned long long)r->match.min_annual_cost);
    if (r->message)
        cp_buf_printf(b, " message=%s", r->message);
}

/*
 * A field of p as text, to compare policies field by field: one of
 * describe_fields, or "rule:ID" for one rule in full ("-" when absent).
 * Free with free().
 */
static char *describe(const pol_policy *p, const char *field)
{
    static const char *const days[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    cp_buf b = {0};
    if (strcmp(field, "term_basis") == 0) {
        cp_buf_puts(&b, p->term_basis == INV_TERM_ANNIVERSARY ? "anniversary" : "calendar-year");
    } else if (strcmp(field, "initial_charge") == 0) {
        cp_buf_puts(&b, p->initial_prorated ? "prorated" : "full");
    } else if (strcmp(field, "rounding") == 0) {
        cp_buf_puts(&b, money_rounding_name(p->rounding));
    } else if (strcmp(field, "weekend") == 0) {
        for (int d = 0; d < 7; d++)
            if (p->weekend & (1u << d))
                cp_buf_printf(&b, "%s%s", b.len ? " " : "", days[d]);
    } else if (strcmp(field, "holidays") == 0) {
        char iso[CAL_ISO_LEN + 1];
        for (size_t i = 0; i < p->n_holidays; i++)
            cp_buf_printf(&b, "%s%s", i ? " " : "", cal_format_iso(p->holidays[i], iso));
    } else if (strcmp(field, "numbers") == 0) {
        cp_buf_printf(&b, "margin=%d review=%d headroom=%d horizon=%d", p->decision_margin,
                      p->approval_review, p->headroom_percent, p->horizon_days);
    } else if (strcmp(field, "catalog") == 0) {
        for (size_t i = 0; i < p->n_catalog; i++) {
            const pol_catalog_entry *e = &p->catalog[i];
            cp_buf_printf(&b, "%s%s(%zu)", i ? " " : "", e->service, e->n_images);
            if (e->title)
                cp_buf_printf(&b, "'%s'", e->title);
        }
    } else if (strcmp(field, "reminders") == 0) {
        for (size_t i = 0; i < p->n_rules; i++)
            cp_buf_printf(&b, "%s%s", i ? " " : "", p->rules[i].id);
    } else if (strncmp(field, "rule:", 5) == 0) {
        size_t i = 0;
        while (i < p->n_rules && strcmp(p->rules[i].id, field + 5) != 0)
            i++;
        if (i < p->n_rules)
            describe_rule(&b, &p->rules[i]);
        else
            cp_buf_puts(&b, "-");
    } else {
        ck_abort_msg("unknown field %s", field);
    }
    return cp_buf_steal(&b);
}

static const char *const describe_fields[] = {
    "term_basis", "initial_charge", "rounding", "weekend",
    "holidays",   "numbers",        "catalog",  "reminders",
};

/* Asserts that every field of p but those named in changed equals the default's. */
static void assert_rest_default(const pol_policy *p, const char *const *changed, size_t n_changed)
{
    pol_policy *def = pol_new_default();
    for (int f = 0; f < NELEM(describe_fields); f++) {
        bool skip = false;
        for (size_t k = 0; k < n_changed; k++)
            if (changed[k] && strcmp(changed[k], describe_fields[f]) == 0)
                skip = true;
        if (skip)
            continue;
        char *got = describe(p, describe_fields[f]);
        char *want = describe(def, describe_fields[f]);
        ck_assert_msg(strcmp(got, want) == 0, "%s changed: \"%s\", default \"%s\"",
                      describe_fields[f], got, want);
        free(got);
        free(want);
    }
    for (size_t i = 0; i < def->n_rules; i++) {
        char field[80];
        snprintf(field, sizeof field, "rule:%s", def->rules[i].id);
        bool skip = false;
        for (size_t k = 0; k < n_changed; k++)
            if (changed[k] &&
                (strcmp(changed[k], field) == 0 || strcmp(changed[k], "reminders") == 0))
                skip = true;
        if (skip)
            continue;
        char *got = describe(p, field);
        char *want = describe(def, field);
        ck_assert_msg(strcmp(got, want) == 0, "%s changed: \"%s\", default \"%s\"", field, got,
                      want);
        free(got);
        free(want);
    }
    pol_free(def);
}

/* Asserts that field of p reads want. */
static void assert_field(const pol_policy *p, const char *field, const char *want)
{
    char *got = describe(p, field);
    ck_assert_msg(strcmp(got, want) == 0, "%s: got \"%s\", want \"%s\"", field, got, want);
    free(got);
}

/* ---- the compiled-in default (policy.md tables) ---- */

START_TEST(test_default_values)
{
    pol_policy *p = pol_new_default();
    ck_assert_int_eq(p->term_basis, INV_TERM_CALENDAR_YEAR);
    ck_assert(!p->initial_prorated);
    ck_assert_int_eq(p->rounding, MONEY_HALF_UP);
    ck_assert_uint_eq(p->weekend, (1u << CAL_SAT) | (1u << CAL_SUN));
    ck_assert_uint_eq(p->n_holidays, 0);
    ck_assert_int_eq(p->decision_margin, 5);
    ck_assert_int_eq(p->approval_review, 10);
    ck_assert_int_eq(p->headroom_percent, 10);
    ck_assert_int_eq(p->horizon_days, 365);
    ck_assert_uint_eq(p->n_catalog, 15);
    ck_assert_uint_eq(p->n_rules, 6);
    pol_free(p);
}
END_TEST

static const struct {
    const char *id, *anchor, *days, *severity;
    int auto_renew;
} default_rules[] = {
    {"renewal-decision", "decision_deadline", "90 60 30 14 7 3 1 0", "warning", 1},
    {"plan-expiry", "last_day", "90 60 30 14 7 1 0", "critical", 0},
    {"renewal-charge", "next_term_start", "30 7", "info", -1},
    {"license-expiry", "license_expiry", "60 30 14 7 1 0", "critical", -1},
    {"license-before-upgrade", "upgrade", "30 14 7 1 0", "warning", -1},
    {"approval-follow-up", "approval_due", "0", "info", -1},
};

START_TEST(test_default_rules)
{
    pol_policy *p = pol_new_default();
    ck_assert_uint_eq(p->n_rules, NELEM(default_rules));
    const pol_rule *r = &p->rules[_i];
    cp_buf days = {0};
    for (size_t k = 0; k < r->n_days; k++)
        cp_buf_printf(&days, "%s%d", k ? " " : "", r->days_before[k]);
    ck_assert_str_eq(r->id, default_rules[_i].id);
    ck_assert_str_eq(pol_anchor_name(r->anchor), default_rules[_i].anchor);
    ck_assert_str_eq(cp_buf_str(&days), default_rules[_i].days);
    ck_assert_str_eq(pol_severity_name(r->severity), default_rules[_i].severity);
    ck_assert_int_eq(r->match.auto_renew, default_rules[_i].auto_renew);
    ck_assert(!r->match.service.given && !r->match.cost_center.given && !r->match.platform.given);
    ck_assert(!r->match.has_min_annual_cost);
    ck_assert_ptr_null(r->message);
    cp_buf_free(&days);
    pol_free(p);
}
END_TEST

static const struct {
    const char *service, *first_image, *title;
    size_t n_images;
} default_catalog[] = {
    {"speech-to-text", "speechservices/speech-to-text", "Speech to text", 1},
    {"custom-speech-to-text", "speechservices/custom-speech-to-text", "Custom speech to text", 1},
    {"neural-text-to-speech", "speechservices/neural-text-to-speech", "Neural text to speech", 1},
    {"translator", "translator/text-translation", "Translator", 1},
    {"language-sentiment", "textanalytics/sentiment", "Language: sentiment analysis", 1},
    {"language-key-phrase", "textanalytics/keyphrase", "Language: key phrase extraction", 1},
    {"language-detection", "textanalytics/language", "Language: language detection", 1},
    {"language-ner", "textanalytics/ner", "Language: named entity recognition", 1},
    {"language-pii", "textanalytics/pii", "Language: PII detection", 1},
    {"language-summarization", "textanalytics/summarization", "Language: summarization", 1},
    {"language-clu", "language/clu", "Language: conversational language understanding", 1},
    {"vision-read", "vision/read", "Vision: read (OCR)", 1},
    {"document-intelligence-read", "form-recognizer/read-3.0", "Document Intelligence: read", 3},
    {"document-intelligence-prebuilt", "form-recognizer/layout-3.0",
     "Document Intelligence: prebuilt models", 12},
    {"document-intelligence-custom", "form-recognizer/custom-template-3.0",
     "Document Intelligence: custom template", 2},
};

START_TEST(test_default_catalog)
{
    pol_policy *p = pol_new_default();
    ck_assert_uint_eq(p->n_catalog, NELEM(default_catalog));
    const pol_catalog_entry *e = &p->catalog[_i];
    char *image =
        xasprintf("mcr.microsoft.com/azure-cognitive-services/%s", default_catalog[_i].first_image);
    ck_assert_str_eq(e->service, default_catalog[_i].service);
    ck_assert_uint_eq(e->n_images, default_catalog[_i].n_images);
    ck_assert_str_eq(e->images[0], image);
    ck_assert_str_eq(e->title, default_catalog[_i].title);
    ck_assert_ptr_eq(pol_catalog_service(p, default_catalog[_i].service), e);
    for (size_t k = 0; k < e->n_images; k++)
        ck_assert_ptr_eq(pol_catalog_match(p, e->images[k]), e);
    free(image);
    pol_free(p);
}
END_TEST

/* ---- merge semantics: layers over the default, in order ---- */

#define RULE_UPGRADE5 "\"anchor\": \"upgrade\", \"days_before\": [5], \"severity\": \"info\""

static const struct {
    const char *name;
    const char *layers[3];
    const char *field[3]; /* the fields that change; every other field keeps the default */
    const char *want[3];
} merges[] = {
    {"scalar replaced",
     {"{\"horizon_days\": 30}"},
     {"numbers"},
     {"margin=5 review=10 headroom=10 horizon=30"}},
    {"later layer wins for a scalar",
     {"{\"horizon_days\": 30, \"headroom_percent\": 0}", "{\"horizon_days\": 3660}",
      "{\"decision_margin_business_days\": 0}"},
     {"numbers"},
     {"margin=0 review=10 headroom=0 horizon=3660"}},
    {"enum keys",
     {"{\"term_basis\": \"anniversary\", \"initial_charge\": \"prorated\"}",
      "{\"rounding\": \"down\"}"},
     {"term_basis", "initial_charge", "rounding"},
     {"anniversary", "prorated", "down"}},
    {"weekend replaced whole", {"{\"weekend\": [\"fri\"]}"}, {"weekend"}, {"fri"}},
    {"weekend may be empty", {"{\"weekend\": []}"}, {"weekend"}, {""}},
    {"weekend of six days",
     {"{\"weekend\": [\"sun\", \"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]}"},
     {"weekend"},
     {"mon tue wed thu fri sun"}},
    {"holidays sorted and unique",
     {"{\"holidays\": [\"2026-12-25\", \"2026-01-01\", \"2026-12-25\"]}"},
     {"holidays"},
     {"2026-01-01 2026-12-25"}},
    {"holidays replaced whole",
     {"{\"holidays\": [\"2026-12-25\", \"2026-12-26\"]}", "{\"holidays\": [\"2027-01-01\"]}"},
     {"holidays"},
     {"2027-01-01"}},
    {"holidays emptied",
     {"{\"holidays\": [\"2026-12-25\"]}", "{\"holidays\": []}"},
     {"holidays"},
     {""}},
    {"catalog replaced whole",
     {"{\"catalog\": [{\"service\": \"ocr\", \"images\": [\"r.example/ocr\", \"r.example/ocr2\"]},"
      " {\"service\": \"stt\", \"images\": [\"r.example/stt\"], \"title\": \"STT\"}]}"},
     {"catalog"},
     {"ocr(2) stt(1)'STT'"}},
    {"rule replaced by id, keeping its position",
     {"{\"reminders\": [{\"id\": \"plan-expiry\", " RULE_UPGRADE5 "}]}"},
     {"rule:plan-expiry"},
     {"plan-expiry upgrade [5] info"}},
    {"new id appended",
     {"{\"reminders\": [{\"id\": \"new.rule_1\", " RULE_UPGRADE5 ", \"enabled\": true,"
      " \"message\": \"{{ {subject} }} {version}\"}]}"},
     {"reminders", "rule:new.rule_1"},
     {"renewal-decision plan-expiry renewal-charge license-expiry license-before-upgrade "
      "approval-follow-up new.rule_1",
      "new.rule_1 upgrade [5] info message={{ {subject} }} {version}"}},
    {"enabled false removes",
     {"{\"reminders\": [{\"id\": \"renewal-charge\", \"enabled\": false}]}"},
     {"reminders"},
     {"renewal-decision plan-expiry license-expiry license-before-upgrade approval-follow-up"}},
    {"removing a missing id does nothing",
     {"{\"reminders\": [{\"id\": \"no-such-rule\", \"enabled\": false}]}"},
     {"reminders"},
     {"renewal-decision plan-expiry renewal-charge license-expiry license-before-upgrade "
      "approval-follow-up"}},
    {"empty reminders change nothing", {"{\"reminders\": []}"}, {NULL}, {NULL}},
    {"removed, then added again at the end",
     {"{\"reminders\": [{\"id\": \"renewal-decision\", \"enabled\": false}]}",
      "{\"reminders\": [{\"id\": \"renewal-decision\", " RULE_UPGRADE5 "}]}"},
     {"reminders", "rule:renewal-decision"},
     {"plan-expiry renewal-charge license-expiry license-before-upgrade approval-follow-up "
      "renewal-decision",
      "renewal-decision upgrade [5] info"}},
    {"match filters kept whole",
     {"{\"reminders\": [{\"id\": \"license-expiry\", " RULE_UPGRADE5 ", \"match\": {"
      "\"auto_renew\": false, \"service\": [\"vision-read\", \"translator\"],"
      " \"cost_center\": [\"CC-1\"], \"platform\": [\"kubernetes\", \"docker\"],"
      " \"min_annual_cost\": \"0.5\"}}]}"},
     {"rule:license-expiry"},
     {"license-expiry upgrade [5] info auto_renew=0 service=vision-read|translator "
      "cost_center=CC-1 platform=kubernetes|docker min_annual_cost=500000"}},
    {"every key at its limits",
     {"{\"policy\": 1, \"decision_margin_business_days\": 260,"
      " \"approval_review_business_days\": 0, \"headroom_percent\": 1000, \"horizon_days\": 1}"},
     {"numbers"},
     {"margin=260 review=0 headroom=1000 horizon=1"}},
};

START_TEST(test_merge)
{
    pol_policy *p = pol_new_default();
    cp_errors errs;
    cp_errors_init(&errs);
    for (int l = 0; l < 3 && merges[_i].layers[l]; l++) {
        int rc = apply_text(p, merges[_i].layers[l], &errs);
        char *text = errors_text(&errs);
        ck_assert_msg(rc == 0 && errs.count == 0, "%s: layer %d: %s", merges[_i].name, l, text);
        free(text);
    }
    for (int f = 0; f < 3 && merges[_i].field[f]; f++)
        assert_field(p, merges[_i].field[f], merges[_i].want[f]);
    assert_rest_default(p, merges[_i].field, 3);
    cp_errors_free(&errs);
    pol_free(p);
}
END_TEST

/* ---- the example of policy.md ---- */

START_TEST(test_german_example)
{
    pol_policy *p = pol_new_default();
    cp_errors errs;
    cp_errors_init(&errs);
    int rc = pol_apply_file(p, POLICY_DIR "/german.json", &errs);
    char *text = errors_text(&errs);
    ck_assert_msg(rc == 0 && errs.count == 0, "%s", text);
    free(text);
    assert_field(p, "term_basis", "anniversary");
    assert_field(p, "rounding", "half-even");
    assert_field(p, "holidays", "2026-12-24 2026-12-25 2026-12-26 2026-12-31 2027-01-01");
    assert_field(p, "numbers", "margin=10 review=10 headroom=10 horizon=365");
    assert_field(p, "reminders",
                 "renewal-decision plan-expiry license-expiry "
                 "license-before-upgrade approval-follow-up");
    assert_field(p, "rule:renewal-decision",
                 "renewal-decision decision_deadline [120 60 30 7 0] warning auto_renew=1 "
                 "min_annual_cost=50000000000");
    static const char *const changed[] = {"term_basis", "rounding", "holidays", "numbers",
                                          "reminders"};
    assert_rest_default(p, changed, NELEM(changed));
    inv_settings s;
    pol_settings(p, &s);
    ck_assert_int_eq(s.basis, INV_TERM_ANNIVERSARY);
    ck_assert(!s.initial_prorated);
    ck_assert_int_eq(s.rounding, MONEY_HALF_EVEN);
    ck_assert_uint_eq(s.busdays.weekend, (1u << CAL_SAT) | (1u << CAL_SUN));
    ck_assert_ptr_eq(s.busdays.holidays, p->holidays);
    ck_assert_uint_eq(s.busdays.n_holidays, 5);
    ck_assert_int_eq(s.decision_margin, 10);
    ck_assert_int_eq(s.approval_review, 10);
    cp_errors_free(&errs);
    pol_free(p);
}
END_TEST

/* ---- errors: location, path and message; the layer is not applied ---- */

static const struct {
    const char *json;
    int line, col;
    const char *path;
    const char *message; /* a part of the message */
} bad_layers[] = {
    {"{\n  \"horizon\": 30\n}", 2, 3, "horizon", "unknown key \"horizon\""},
    {"{\"reminders\": [\n  {\"id\": \"r\", \"anchor\": \"last_day\", \"days_before"
     "\": [1], \"severity\": \"info\", \"colour\": \"red\"}]}",
     2, 77, "reminders[0].colour", "unknown key \"colour\""},
    {"{\"reminders\": [\n  {\"id\": \"r\", \"anchor\": \"last_day\", \"days_before"
     "\": [1], \"severity\": \"info\"},\n  {\"id\": \"r\", \"enabled\": false}]}",
     3, 10, "reminders[1].id", "appears twice in this layer"},
    {"{\"weekend\": [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\", \"sun\"]}", 1, 13,
     "weekend", "all seven days"},
    {"{\"weekend\": [\"sat\", \"sun\", \"sat\"]}", 1, 28, "weekend[2]", "listed twice"},
    {"{\"weekend\": [\"sat\", \"sunday\"]}", 1, 21, "weekend[1]", "unknown weekday \"sunday\""},
    {"{\"policy\": 2}", 1, 12, "policy", "unsupported policy format 2"},
    {"{\"decision_margin_business_days\": 261}", 1, 35, "decision_margin_business_days",
     "261 is out of range: must be from 0 to 260"},
    {"{\"decision_margin_business_days\": -1}", 1, 35, "decision_margin_business_days",
     "-1 is out of range: must be from 0 to 260"},
    {"{\"approval_review_business_days\": 261}", 1, 35, "approval_review_business_days",
     "261 is out of range: must be from 0 to 260"},
    {"{\"approval_review_business_days\": 1.5}", 1, 35, "approval_review_business_days",
     "must be an integer from 0 to 260, not 1.5"},
    {"{\"headroom_percent\": 1001}", 1, 22, "headroom_percent",
     "1001 is out of range: must be from 0 to 1000"},
    {"{\"horizon_days\": 0}", 1, 18, "horizon_days", "0 is out of range: must be from 1 to 3660"},
    {"{\"horizon_days\": 3661}", 1, 18, "horizon_days",
     "3661 is out of range: must be from 1 to 3660"},
    {"{\"horizon_days\": \"30\"}", 1, 18, "horizon_days",
     "must be an integer from 1 to 3660, not a string"},
    {"{\"reminders\": [{\"id\": \"r\", \"anchor\": \"renewal\", \"days_before\": ["
     "1], \"severity\": \"info\"}]}",
     1, 38, "reminders[0].anchor", "unknown anchor \"renewal\""},
    {"{\"reminders\": [{\"id\": \"r\", \"anchor\": \"last_day\", \"days_before\": "
     "[], \"severity\": \"info\"}]}",
     1, 65, "reminders[0].days_before", "must not be empty"},
    {"{\"reminders\": [\n  {\"id\": \"r\", \"anchor\": \"last_day\",\n   \"days_bef"
     "ore\": [30, 3661], \"severity\": \"info\"}]}",
     3, 24, "reminders[0].days_before[1]", "3661 is out of range: must be from 0 to 3660"},
    {"{\"reminders\": [{\"id\": \"r\", \"anchor\": \"last_day\", \"days_before\": "
     "[7, 7], \"severity\": \"info\"}]}",
     1, 69, "reminders[0].days_before[1]", "7 is listed twice"},
    {"{\"reminders\": [{\"id\": \"r\", \"anchor\": \"last_day\", \"days_before\": "
     "[1], \"severity\": \"urgent\"}]}",
     1, 82, "reminders[0].severity", "unknown severity \"urgent\""},
    {"{\"reminders\": [{\"id\": \"r\", \"anchor\": \"last_day\", \"days_before\": "
     "[1], \"severity\": \"info\", \"message\": \"Renew {subject} by {deadlin"
     "e}\"}]}",
     1, 101, "reminders[0].message", "unknown placeholder \"{deadline}\""},
    {"{\"reminders\": [{\"id\": \"r\", \"anchor\": \"last_day\", \"days_before\": "
     "[1], \"severity\": \"info\", \"message\": \"Renew {subject\"}]}",
     1, 101, "reminders[0].message", "unclosed \"{\""},
    {"{\"reminders\": [{\"id\": \"r\", \"anchor\": \"last_day\", \"days_before\": "
     "[1]}]}",
     1, 16, "reminders[0]", "missing required key \"severity\""},
    {"{\"reminders\": [{\"enabled\": false}]}", 1, 16, "reminders[0]",
     "missing required key \"id\""},
    {"{\"reminders\": [{\"id\": \"-r\", \"enabled\": false}]}", 1, 23, "reminders[0].id",
     "not a valid rule id"},
    {"{\"reminders\": [{\"id\": \"r:1\", \"enabled\": false}]}", 1, 23, "reminders[0].id",
     "not a valid rule id"},
    {"{\"reminders\": [{\"id\": \"r\", \"enabled\": false, \"severity\": \"loud\"}"
     "]}",
     1, 58, "reminders[0].severity", "unknown severity \"loud\""},
    {"{\"reminders\": [{\"id\": \"r\", \"enabled\": \"no\"}]}", 1, 39, "reminders[0].enabled",
     "must be true or false, not a string"},
    {"{\"reminders\": [{\"id\": \"r\", \"anchor\": \"last_day\", \"days_before\": "
     "[1], \"severity\": \"info\", \"match\": {\"platform\": [\"vm\"]}}]}",
     1, 113, "reminders[0].match.platform[0]", "unknown platform \"vm\""},
    {"{\"reminders\": [{\"id\": \"r\", \"anchor\": \"last_day\", \"days_before\": "
     "[1], \"severity\": \"info\", \"match\": {\"min_annual_cost\": 50000}}]}",
     1, 119, "reminders[0].match.min_annual_cost", "must be a money string, not a number"},
    {"{\"reminders\": [{\"id\": \"r\", \"anchor\": \"last_day\", \"days_before\": "
     "[1], \"severity\": \"info\", \"match\": {\"min_annual_cost\": \"5e4\"}}]}",
     1, 119, "reminders[0].match.min_annual_cost", "\"5e4\" is not a valid amount"},
    {"{\"reminders\": [{\"id\": \"r\", \"anchor\": \"last_day\", \"days_before\": "
     "[1], \"severity\": \"info\", \"match\": {\"service\": []}}]}",
     1, 111, "reminders[0].match.service", "must not be empty"},
    {"{\"reminders\": [{\"id\": \"r\", \"anchor\": \"last_day\", \"days_before\": "
     "[1], \"severity\": \"info\", \"match\": {\"owner\": \"x\"}}]}",
     1, 100, "reminders[0].match.owner", "unknown key \"owner\""},
    {"{\"reminders\": {\"id\": \"r\"}}", 1, 15, "reminders",
     "must be an array of rules, not an object"},
    {"{\"rounding\": \"bankers\"}", 1, 14, "rounding", "unknown rounding \"bankers\""},
    {"{\"term_basis\": \"fiscal-year\"}", 1, 16, "term_basis",
     "unknown term_basis \"fiscal-year\""},
    {"{\"initial_charge\": \"none\"}", 1, 20, "initial_charge", "unknown initial_charge \"none\""},
    {"{\"holidays\": [\n  \"2026-12-25\",\n  \"2026-02-30\"\n]}", 3, 3, "holidays[1]",
     "\"2026-02-30\" is not a valid date"},
    {"{\"holidays\": [\"2026-12-25\", 20261226]}", 1, 29, "holidays[1]",
     "must be a date string (YYYY-MM-DD), not a number"},
    {"{\"catalog\": [{\"service\": \"x\", \"images\": []}]}", 1, 41, "catalog[0].images",
     "must not be empty"},
    {"{\"catalog\": [{\"images\": [\"r.example/x\"]}]}", 1, 14, "catalog[0]",
     "missing required key \"service\""},
    {"{\"catalog\": [{\"service\": \"x\", \"images\": [\"a/x\"]}, {\"service\": \"x"
     "\", \"images\": [\"a/y\"]}]}",
     1, 63, "catalog[1].service", "already in the catalog"},
    {"[\"horizon_days\", 30]", 1, 1, "", "a policy must be an object, not an array"},
};

START_TEST(test_errors)
{
    pol_policy *p = pol_new_default();
    cp_errors errs;
    cp_errors_init(&errs);
    int rc = apply_text(p, bad_layers[_i].json, &errs);
    char *text = errors_text(&errs);
    ck_assert_msg(rc == -1, "accepted: %s", bad_layers[_i].json);
    ck_assert_msg(errs.count == 1, "want one error, got: %s", text);
    const cp_diag *d = &errs.items[0];
    ck_assert_str_eq(d->file, "t.json");
    ck_assert_msg(d->line == bad_layers[_i].line && d->col == bad_layers[_i].col,
                  "at %d:%d, want %d:%d: %s", d->line, d->col, bad_layers[_i].line,
                  bad_layers[_i].col, text);
    ck_assert_str_eq(d->path, bad_layers[_i].path);
    ck_assert_msg(strstr(d->message, bad_layers[_i].message) != NULL, "message: %s", text);
    free(text);
    assert_rest_default(p, NULL, 0);
    cp_errors_free(&errs);
    pol_free(p);
}
END_TEST

START_TEST(test_errors_all_reported)
{
    /* Valid keys next to invalid ones are not applied either. */
    static const char layer[] = "{\"horizon_days\": 30, \"weekend\": [\"sat\", \"x\"],\n"
                                " \"reminders\": [{\"id\": \"a\", \"enabled\": false},\n"
                                "  {\"id\": \"b\", \"anchor\": \"nowhere\", \"days_before\": [-1],"
                                " \"severity\": \"info\", \"size\": 1}]}";
    static const struct {
        int line, col;
        const char *path;
    } want[] = {
        {1, 41, "weekend[1]"},
        {3, 25, "reminders[1].anchor"},
        {3, 52, "reminders[1].days_before[0]"},
        {3, 77, "reminders[1].size"},
    };
    pol_policy *p = pol_new_default();
    cp_errors errs;
    cp_errors_init(&errs);
    ck_assert_int_eq(apply_text(p, layer, &errs), -1);
    char *text = errors_text(&errs);
    ck_assert_msg(errs.count == NELEM(want), "%s", text);
    cp_errors_sort(&errs);
    for (int i = 0; i < NELEM(want); i++) {
        ck_assert_msg(errs.items[i].line == want[i].line && errs.items[i].col == want[i].col,
                      "error %d at %d:%d: %s", i, errs.items[i].line, errs.items[i].col, text);
        ck_assert_str_eq(errs.items[i].path, want[i].path);
    }
    free(text);
    assert_rest_default(p, NULL, 0);
    cp_errors_free(&errs);
    pol_free(p);
}
END_TEST

START_TEST(test_error_hint)
{
    pol_policy *p = pol_new_default();
    cp_errors errs;
    cp_errors_init(&errs);
    ck_assert_int_eq(apply_text(p, "{\"horizon\": 30}", &errs), -1);
    ck_assert_uint_eq(errs.count, 1);
    cp_buf b = {0};
    cp_errors_format(&errs, 0, &b);
    ck_assert_str_eq(cp_buf_str(&b), "commitplan: t.json:1:2: horizon: unknown key \"horizon\"\n"
                                     "hint: did you mean \"horizon_days\"?\n");
    /* The inventory's "x-" keys are no exception in a policy, and the hint says so. */
    ck_assert_int_eq(apply_text(p, "{\"x-horizon\": 30}", &errs), -1);
    ck_assert_uint_eq(errs.count, 2);
    cp_buf_reset(&b);
    cp_errors_format(&errs, 1, &b);
    ck_assert_str_eq(cp_buf_str(&b),
                     "commitplan: t.json:1:2: x-horizon: unknown key \"x-horizon\"\n"
                     "hint: a policy takes no \"x-\" keys, unlike the inventory: keep notes in a "
                     "separate file\n");
    cp_buf_free(&b);
    cp_errors_free(&errs);
    pol_free(p);
}
END_TEST

/* ---- policy files ---- */

START_TEST(test_file_unreadable)
{
    pol_policy *p = pol_new_default();
    cp_errors errs;
    cp_errors_init(&errs);
    const char *path = POLICY_DIR "/no-such-policy.json";
    ck_assert_int_eq(pol_apply_file(p, path, &errs), -1);
    ck_assert_uint_eq(errs.count, 1);
    ck_assert_str_eq(errs.items[0].file, path);
    ck_assert_int_eq(errs.items[0].line, 0);
    ck_assert_ptr_null(errs.items[0].path);
    ck_assert_ptr_nonnull(strstr(errs.items[0].message, strerror(ENOENT)));
    /* A folder cannot be read as a policy either. */
    ck_assert_int_eq(pol_apply_file(p, POLICY_DIR, &errs), -1);
    ck_assert_uint_eq(errs.count, 2);
    ck_assert_str_eq(errs.items[1].file, POLICY_DIR);
    assert_rest_default(p, NULL, 0);
    cp_errors_free(&errs);
    pol_free(p);
}
END_TEST

START_TEST(test_file_errors)
{
    static const struct {
        int line, col;
        const char *path;
    } want[] = {
        {2, 15, "rounding"},
        {5, 62, "reminders[0].days_before[1]"},
    };
    pol_policy *p = pol_new_default();
    cp_errors errs;
    cp_errors_init(&errs);
    const char *path = POLICY_DIR "/bad-layer.json";
    ck_assert_int_eq(pol_apply_file(p, path, &errs), -1);
    char *text = errors_text(&errs);
    ck_assert_msg(errs.count == NELEM(want), "%s", text);
    for (int i = 0; i < NELEM(want); i++) {
        ck_assert_str_eq(errs.items[i].file, path);
        ck_assert_msg(errs.items[i].line == want[i].line && errs.items[i].col == want[i].col,
                      "error %d at %d:%d: %s", i, errs.items[i].line, errs.items[i].col, text);
        ck_assert_str_eq(errs.items[i].path, want[i].path);
    }
    free(text);
    assert_rest_default(p, NULL, 0);
    cp_errors_free(&errs);
    pol_free(p);
}
END_TEST

START_TEST(test_file_duplicate_key)
{
    /* jr_parse reports the repeated key; the layer's own errors are reported too. */
    pol_policy *p = pol_new_default();
    cp_errors errs;
    cp_errors_init(&errs);
    ck_assert_int_eq(pol_apply_file(p, POLICY_DIR "/duplicate-key.json", &errs), -1);
    char *text = errors_text(&errs);
    ck_assert_msg(errs.count == 2, "%s", text);
    cp_errors_sort(&errs);
    ck_assert_int_eq(errs.items[0].line, 3);
    ck_assert_int_eq(errs.items[1].line, 4);
    ck_assert_str_eq(errs.items[1].path, "headroom_percent");
    free(text);
    assert_rest_default(p, NULL, 0);
    cp_errors_free(&errs);
    pol_free(p);
}
END_TEST

/* ---- the inventory hook: default, then the inventory's policy, then --policy ---- */

/* Runs the hook on the inventory text inv named inventory_path; returns its status. */
static int run_hook(const char *inv, const char *inventory_path, const char *cli_policy,
                    pol_hook_ctx *ctx, inv_settings *s, cp_errors *errs)
{
    cp_errors perrs;
    cp_errors_init(&perrs);
    jr_doc *doc = NULL;
    ck_assert_int_eq(jr_parse(inventory_path, inv, strlen(inv), &doc, &perrs), 0);
    cp_errors_free(&perrs);
    ctx->inventory_path = inventory_path;
    ctx->cli_policy = cli_policy;
    ctx->policy = NULL;
    memset(s, 0, sizeof *s);
    int rc = pol_inventory_hook(ctx, doc, jr_get(jr_root(doc), "policy"), s, errs);
    jr_doc_free(doc);
    return rc;
}

START_TEST(test_hook_three_layers)
{
    static const char inv[] =
        "{\"policy\": {\"horizon_days\": 90, \"weekend\": [\"fri\", \"sat\"],\n"
        " \"holidays\": [\"2026-12-25\"], \"reminders\": [\n"
        "  {\"id\": \"inline-rule\", \"anchor\": \"last_day\", \"days_before\": [1],"
        " \"severity\": \"info\"},\n"
        "  {\"id\": \"plan-expiry\", \"enabled\": false}]}}";
    pol_hook_ctx ctx;
    inv_settings s;
    cp_errors errs;
    cp_errors_init(&errs);
    int rc = run_hook(inv, "inv.json", POLICY_DIR "/cli-layer.json", &ctx, &s, &errs);
    char *text = errors_text(&errs);
    ck_assert_msg(rc == 0 && errs.count == 0, "%s", text);
    free(text);
    ck_assert_ptr_nonnull(ctx.policy);
    assert_field(ctx.policy, "numbers", "margin=5 review=10 headroom=10 horizon=120");
    assert_field(ctx.policy, "weekend", "fri sat");
    assert_field(ctx.policy, "holidays", "2027-01-01");
    assert_field(ctx.policy, "reminders",
                 "renewal-decision renewal-charge license-expiry "
                 "license-before-upgrade approval-follow-up cli-rule");
    ck_assert_uint_eq(s.busdays.weekend, (1u << CAL_FRI) | (1u << CAL_SAT));
    ck_assert_ptr_eq(s.busdays.holidays, ctx.policy->holidays);
    ck_assert_uint_eq(s.busdays.n_holidays, 1);
    ck_assert_int_eq(s.basis, INV_TERM_CALENDAR_YEAR);
    ck_assert_int_eq(s.decision_margin, 5);
    cp_errors_free(&errs);
    pol_free(ctx.policy);
}
END_TEST

START_TEST(test_hook_relative_path)
{
    /* A policy path is relative to the inventory's folder. */
    pol_hook_ctx ctx;
    inv_settings s;
    cp_errors errs;
    cp_errors_init(&errs);
    ck_assert_int_eq(run_hook("{\"policy\": \"german.json\"}", POLICY_DIR "/inventory.json", NULL,
                              &ctx, &s, &errs),
                     0);
    ck_assert_uint_eq(errs.count, 0);
    ck_assert_int_eq(s.basis, INV_TERM_ANNIVERSARY);
    ck_assert_int_eq(s.decision_margin, 10);
    ck_assert_uint_eq(s.busdays.n_holidays, 5);
    pol_free(ctx.policy);

    /* Without a folder in the inventory's name (or for "-"), relative to the current folder. */
    char cwd[PATH_MAX];
    ck_assert_ptr_nonnull(getcwd(cwd, sizeof cwd));
    ck_assert_int_eq(chdir(POLICY_DIR), 0);
    for (int k = 0; k < 2; k++) {
        int rc = run_hook("{\"policy\": \"german.json\"}", k ? "-" : "inventory.json", NULL, &ctx,
                          &s, &errs);
        ck_assert_int_eq(rc, 0);
        ck_assert_int_eq(s.basis, INV_TERM_ANNIVERSARY);
        pol_free(ctx.policy);
    }
    ck_assert_int_eq(chdir(cwd), 0);
    ck_assert_uint_eq(errs.count, 0);

    /* A missing file is reported at the inventory's policy value, named as resolved. */
    ck_assert_int_eq(
        run_hook("{\"policy\": \"missing.json\"}", "some/dir/inv.json", NULL, &ctx, &s, &errs), -1);
    ck_assert_ptr_null(ctx.policy);
    ck_assert_uint_eq(errs.count, 1);
    ck_assert_str_eq(errs.items[0].file, "some/dir/inv.json");
    ck_assert_int_eq(errs.items[0].line, 1);
    ck_assert_int_eq(errs.items[0].col, 12);
    ck_assert_str_eq(errs.items[0].path, "policy");
    ck_assert_ptr_nonnull(strstr(errs.items[0].message, "some/dir/missing.json"));
    ck_assert_ptr_nonnull(strstr(errs.items[0].message, strerror(ENOENT)));
    cp_errors_free(&errs);
}
END_TEST

static const struct {
    const char *inv;
    const char *cli;
    int line, col;
    const char *file, *path, *message;
} hook_errors[] = {
    {"{\"policy\": 7}", NULL, 1, 12, "inv.json", "policy",
     "policy must be a file path (string) or an object"},
    {"{\"policy\": [\"a.json\"]}", NULL, 1, 12, "inv.json", "policy",
     "policy must be a file path (string) or an object"},
    {"{\"policy\": \"\"}", NULL, 1, 12, "inv.json", "policy", "empty"},
    {"{\"policy\": {\n  \"rounding\": \"nearest\"}}", NULL, 2, 15, "inv.json", "policy.rounding",
     "unknown rounding \"nearest\""},
    {"{\"policy\": {\"reminders\": [{\"id\": \"x\", \"anchor\": \"upgrade\", \"days_before\": "
     "[3661]"
     ", \"severity\": \"info\"}]}}",
     NULL, 1, 76, "inv.json", "policy.reminders[0].days_before[0]", "out of range"},
    {"{\"policy\": {\"unknown\": 1}}", NULL, 1, 13, "inv.json", "policy.unknown", "unknown key"},
    {"{}", POLICY_DIR "/bad-layer.json", 2, 15, POLICY_DIR "/bad-layer.json", "rounding",
     "unknown rounding \"bankers\""},
};

START_TEST(test_hook_errors)
{
    pol_hook_ctx ctx;
    inv_settings s;
    cp_errors errs;
    cp_errors_init(&errs);
    int rc = run_hook(hook_errors[_i].inv, "inv.json", hook_errors[_i].cli, &ctx, &s, &errs);
    char *text = errors_text(&errs);
    ck_assert_int_eq(rc, -1);
    ck_assert_ptr_null(ctx.policy);
    ck_assert_msg(errs.count >= 1, "no error");
    const cp_diag *d = &errs.items[0];
    ck_assert_str_eq(d->file, hook_errors[_i].file);
    ck_assert_msg(d->line == hook_errors[_i].line && d->col == hook_errors[_i].col, "at %d:%d: %s",
                  d->line, d->col, text);
    ck_assert_str_eq(d->path, hook_errors[_i].path);
    ck_assert_msg(strstr(d->message, hook_errors[_i].message) != NULL, "%s", text);
    /* The settings still hold what did load (here: the default's). */
    ck_assert_int_eq(s.basis, INV_TERM_CALENDAR_YEAR);
    ck_assert_uint_eq(s.busdays.weekend, (1u << CAL_SAT) | (1u << CAL_SUN));
    ck_assert_int_eq(s.decision_margin, 5);
    ck_assert_int_eq(s.approval_review, 10);
    ck_assert_ptr_null(s.busdays.holidays);
    free(text);
    cp_errors_free(&errs);
}
END_TEST

/*
 * A policy path written in an inventory must name a regular file: a FIFO
 * would block the run forever (no writer), a device would be read as text.
 */
START_TEST(test_hook_not_regular)
{
    char dir[] = "/tmp/cp-policy-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char *fifo = xasprintf("%s/fifo.json", dir);
    char *inv_path = xasprintf("%s/inv.json", dir);
    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    static const char *const invs[] = {"{\"policy\": \"fifo.json\"}",
                                       "{\"policy\": \"/dev/null\"}"};
    pol_hook_ctx ctx;
    inv_settings s;
    cp_errors errs;
    cp_errors_init(&errs);
    for (size_t k = 0; k < 2; k++) {
        ck_assert_int_eq(run_hook(invs[k], inv_path, NULL, &ctx, &s, &errs), -1);
        ck_assert_ptr_null(ctx.policy);
        ck_assert_uint_eq(errs.count, k + 1);
        ck_assert_str_eq(errs.items[k].path, "policy");
        ck_assert_int_eq(errs.items[k].col, 12);
        ck_assert_msg(strstr(errs.items[k].message, "not a regular file") != NULL, "%s",
                      errs.items[k].message);
    }
    cp_errors_free(&errs);
    ck_assert_int_eq(unlink(fifo), 0);
    ck_assert_int_eq(rmdir(dir), 0);
    free(fifo);
    free(inv_path);
}
END_TEST

START_TEST(test_hook_no_policy)
{
    pol_hook_ctx ctx;
    inv_settings s;
    cp_errors errs;
    cp_errors_init(&errs);
    ck_assert_int_eq(run_hook("{\"currency\": \"USD\"}", "-", NULL, &ctx, &s, &errs), 0);
    ck_assert_uint_eq(errs.count, 0);
    ck_assert_ptr_nonnull(ctx.policy);
    ck_assert_uint_eq(ctx.policy->n_rules, 6);
    inv_settings def;
    inv_settings_default(&def);
    ck_assert_int_eq(s.basis, def.basis);
    ck_assert_int_eq(s.initial_prorated, def.initial_prorated);
    ck_assert_int_eq(s.rounding, def.rounding);
    ck_assert_uint_eq(s.busdays.weekend, def.busdays.weekend);
    ck_assert_uint_eq(s.busdays.n_holidays, def.busdays.n_holidays);
    ck_assert_int_eq(s.decision_margin, def.decision_margin);
    ck_assert_int_eq(s.approval_review, def.approval_review);
    pol_free(ctx.policy);
    cp_errors_free(&errs);
}
END_TEST

/* ---- catalog matching ---- */

#define MCR "mcr.microsoft.com/azure-cognitive-services/"

static const struct {
    const char *image;
    const char *service; /* NULL: no match */
} images[] = {
    {MCR "speechservices/speech-to-text", "speech-to-text"},
    {MCR "speechservices/speech-to-text:4.9.0-amd64-en-us", "speech-to-text"},
    {MCR "speechservices/speech-to-text:latest", "speech-to-text"},
    {"registry.ship.local/azure-cognitive-services/speechservices/speech-to-text",
     "speech-to-text"},
    {"harbor.local/mcr/azure-cognitive-services/speechservices/speech-to-text:4.9.0-amd64-en-us",
     "speech-to-text"},
    {MCR "speechservices/speech-to-text-v2", NULL},
    {MCR "speechservices/custom-speech-to-text:latest", "custom-speech-to-text"},
    {"mirror.local/azure-cognitive-services/speechservices/custom-speech-to-text",
     "custom-speech-to-text"},
    {"localhost:5000/azure-cognitive-services/vision/read@sha256:abc", "vision-read"},
    {"localhost:5000/azure-cognitive-services/vision/read", "vision-read"},
    {"localhost:5000/azure-cognitive-services/vision/read:3.2@sha256:abc", "vision-read"},
    {"registry.local:5000/mirror/azure-cognitive-services/translator/text-translation:1.0",
     "translator"},
    {MCR "form-recognizer/layout-4.0:latest", "document-intelligence-prebuilt"},
    {MCR "form-recognizer/read-3.1", "document-intelligence-read"},
    {MCR "form-recognizer/custom-template-3.1@sha256:0123", "document-intelligence-custom"},
    {MCR "form-recognizer/read-3.2", NULL},
    {"registry.local/speechservices/speech-to-text", NULL},
    {"registry.local/myazure-cognitive-services/speechservices/speech-to-text", NULL},
    {"azure-cognitive-services/speechservices/speech-to-text", NULL},
    {"mcr.microsoft.com/azure-cognitive-services/speechservices", NULL},
    {"speech-to-text", NULL},
    {"", NULL},
};

START_TEST(test_catalog_match)
{
    pol_policy *p = pol_new_default();
    const pol_catalog_entry *e = pol_catalog_match(p, images[_i].image);
    if (images[_i].service) {
        ck_assert_msg(e != NULL, "%s: no match", images[_i].image);
        ck_assert_str_eq(e->service, images[_i].service);
    } else {
        ck_assert_msg(e == NULL, "%s matched %s", images[_i].image, e ? e->service : "");
    }
    pol_free(p);
}
END_TEST

START_TEST(test_catalog_custom)
{
    /* An exact repository wins over a mirror suffix of another entry. */
    pol_policy *p = pol_new_default();
    cp_errors errs;
    cp_errors_init(&errs);
    ck_assert_int_eq(
        apply_text(p,
                   "{\"catalog\": [{\"service\": \"mirrored\", \"images\": [\"a.example/x/ocr\"]},"
                   " {\"service\": \"local\", \"images\": [\"b.example/a.example/x/ocr\"]},"
                   " {\"service\": \"bare\", \"images\": [\"ocr\"]}]}",
                   &errs),
        0);
    ck_assert_str_eq(pol_catalog_match(p, "b.example/a.example/x/ocr:1")->service, "local");
    ck_assert_str_eq(pol_catalog_match(p, "c.example/x/ocr")->service, "mirrored");
    ck_assert_str_eq(pol_catalog_match(p, "ocr:2")->service, "bare");
    ck_assert_str_eq(pol_catalog_match(p, "c.example/ocr")->service, "bare");
    ck_assert_ptr_null(pol_catalog_match(p, MCR "vision/read"));
    ck_assert_str_eq(pol_catalog_service(p, "local")->images[0], "b.example/a.example/x/ocr");
    ck_assert_ptr_null(pol_catalog_service(p, "vision-read"));
    ck_assert_uint_eq(errs.count, 0);
    cp_errors_free(&errs);
    pol_free(p);
}
END_TEST

static const struct {
    int value;
    const char *name;
} anchor_names[] =
    {
        {POL_ANCHOR_DECISION_DEADLINE, "decision_deadline"},
        {POL_ANCHOR_LAST_DAY, "last_day"},
        {POL_ANCHOR_NEXT_TERM_START, "next_term_start"},
        {POL_ANCHOR_LICENSE_EXPIRY, "license_expiry"},
        {POL_ANCHOR_UPGRADE, "upgrade"},
        {POL_ANCHOR_APPROVAL_DUE, "approval_due"},
},
  severity_names[] = {
      {POL_SEV_INFO, "info"},
      {POL_SEV_WARNING, "warning"},
      {POL_SEV_CRITICAL, "critical"},
};

START_TEST(test_names)
{
    if (_i < NELEM(anchor_names))
        ck_assert_str_eq(pol_anchor_name((pol_anchor)anchor_names[_i].value),
                         anchor_names[_i].name);
    else
        ck_assert_str_eq(
            pol_severity_name((pol_severity)severity_names[_i - NELEM(anchor_names)].value),
            severity_names[_i - NELEM(anchor_names)].name);
}
END_TEST

Suite *policy_suite(void)
{
    Suite *s = suite_create("policy");
    TCase *tc = tcase_create("default");
    tcase_add_test(tc, test_default_values);
    tcase_add_loop_test(tc, test_default_rules, 0, NELEM(default_rules));
    tcase_add_loop_test(tc, test_default_catalog, 0, NELEM(default_catalog));
    suite_add_tcase(s, tc);

    tc = tcase_create("merge");
    tcase_add_loop_test(tc, test_merge, 0, NELEM(merges));
    tcase_add_test(tc, test_german_example);
    suite_add_tcase(s, tc);

    tc = tcase_create("errors");
    tcase_add_loop_test(tc, test_errors, 0, NELEM(bad_layers));
    tcase_add_test(tc, test_errors_all_reported);
    tcase_add_test(tc, test_error_hint);
    suite_add_tcase(s, tc);

    tc = tcase_create("files");
    tcase_add_test(tc, test_file_unreadable);
    tcase_add_test(tc, test_file_errors);
    tcase_add_test(tc, test_file_duplicate_key);
    suite_add_tcase(s, tc);

    tc = tcase_create("inventory hook");
    tcase_add_test(tc, test_hook_three_layers);
    tcase_add_test(tc, test_hook_relative_path);
    tcase_add_loop_test(tc, test_hook_errors, 0, NELEM(hook_errors));
    tcase_add_test(tc, test_hook_no_policy);
    tcase_add_test(tc, test_hook_not_regular);
    suite_add_tcase(s, tc);

    tc = tcase_create("catalog");
    tcase_add_loop_test(tc, test_catalog_match, 0, NELEM(images));
    tcase_add_test(tc, test_catalog_custom);
    suite_add_tcase(s, tc);

    tc = tcase_create("names");
    tcase_add_loop_test(tc, test_names, 0, NELEM(anchor_names) + NELEM(severity_names));
    suite_add_tcase(s, tc);
    return s;
}
