/*
 * Tests of the findings (rules.md §5). The inventories are built by hand with
 * a small builder, starting from a clean fleet that has no findings, so each
 * test changes one value and sees exactly the finding that value causes. The
 * policy is built by hand too, with a two-service catalog.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "calendar/base.h"
#include "calendar/date.h"
#include "planner/inventory.h"
#include "policies/findings.h"
#include "policies/policy.h"
#include "tests/suites.h"

#define MCR "mcr.microsoft.com/azure-cognitive-services/"

static char fx_stt_service[] = "speech-to-text";
static char fx_stt_image[] = MCR "speechservices/speech-to-text";
static char fx_tr_service[] = "translator";
static char fx_tr_image[] = MCR "translator/text-translation";
static char *fx_stt_images[] = {fx_stt_image};
static char *fx_tr_images[] = {fx_tr_image};
static pol_catalog_entry fx_catalog[] = {
    {fx_stt_service, fx_stt_images, 1, NULL},
    {fx_tr_service, fx_tr_images, 1, NULL},
};

/* A policy with only a catalog, as the findings need. */
static pol_policy fx_policy(void)
{
    pol_policy p;
    memset(&p, 0, sizeof p);
    p.catalog = fx_catalog;
    p.n_catalog = sizeof fx_catalog / sizeof fx_catalog[0];
    return p;
}

static cal_day fx_day(int y, int m, int d)
{
    return cal_from_ymd(y, m, d);
}

/* The builder: grows the arrays of a hand-made inventory, one element at a time. */
static inv_inventory *fx_new(void)
{
    inv_inventory *inv = xcalloc(1, sizeof *inv);
    memcpy(inv->currency, "USD", 4);
    inv->currency_digits = 2;
    return inv;
}

/* Strings of a hand-made inventory live in its arena, as the loader's arrays do. */
static const char *fx_str(inv_inventory *inv, const char *s)
{
    return cp_arena_strdup(&inv->arena, s);
}

static size_t fx_sub(inv_inventory *inv, const char *id, inv_access access)
{
    inv->subscriptions =
        xrealloc(inv->subscriptions, (inv->n_subscriptions + 1) * sizeof *inv->subscriptions);
    inv_subscription *s = &inv->subscriptions[inv->n_subscriptions];
    memset(s, 0, sizeof *s);
    s->id = fx_str(inv, id);
    s->access = access;
    s->requested_on = access == INV_ACCESS_NOT_REQUESTED ? CAL_NONE : fx_day(2025, 10, 1);
    s->decided_on = access == INV_ACCESS_APPROVED || access == INV_ACCESS_REJECTED
                        ? fx_day(2025, 10, 9)
                        : CAL_NONE;
    s->approval_due = access == INV_ACCESS_PENDING ? fx_day(2025, 10, 15) : CAL_NONE;
    return inv->n_subscriptions++;
}

/* A calendar-year 2026 plan that auto-renews, bought on its term_start. */
static size_t fx_plan(inv_inventory *inv, const char *id, size_t sub, const char *service)
{
    inv->plans = xrealloc(inv->plans, (inv->n_plans + 1) * sizeof *inv->plans);
    inv_plan *p = &inv->plans[inv->n_plans];
    memset(p, 0, sizeof *p);
    p->id = fx_str(inv, id);
    p->subscription = sub;
    p->service = fx_str(inv, service);
    p->term_start = fx_day(2026, 1, 1);
    p->last_day = fx_day(2026, 12, 31);
    p->purchased_on = p->term_start;
    p->units = 1;
    p->auto_renew = true;
    p->renewal_units = 1;
    p->term_days = 365;
    p->decision_deadline = fx_day(2026, 12, 23);
    return inv->n_plans++;
}

/* A docker container with a matching license (no expiry) and both mounts. */
static size_t fx_container(inv_inventory *inv, const char *id, size_t plan, const char *image)
{
    inv->containers = xrealloc(inv->containers, (inv->n_containers + 1) * sizeof *inv->containers);
    inv_container *k = &inv->containers[inv->n_containers];
    memset(k, 0, sizeof *k);
    k->id = fx_str(inv, id);
    k->plan = plan;
    k->image = fx_str(inv, image);
    k->version = fx_str(inv, "4.9.0-amd64-en-us");
    k->platform = INV_DOCKER;
    k->mount_license = fx_str(inv, "/license");
    k->mount_output = fx_str(inv, "/output");
    k->has_license = true;
    k->license_downloaded_on = fx_day(2026, 3, 20);
    k->license_image_version = fx_str(inv, "4.9.0-amd64-en-us");
    k->license_expires_on = CAL_NONE;
    return inv->n_containers++;
}

static void fx_env(inv_inventory *inv, size_t c, const char *name)
{
    inv_container *k = &inv->containers[c];
    inv_env *env = cp_arena_calloc(&inv->arena, k->n_env + 1, sizeof *env);
    if (k->n_env)
        memcpy(env, k->env, k->n_env * sizeof *env);
    k->env = env;
    k->env[k->n_env].name = fx_str(inv, name);
    k->env[k->n_env].value = fx_str(inv, "/mnt");
    k->n_env++;
}

static void fx_set(inv_inventory *inv, const char **field, const char *value)
{
    *field = fx_str(inv, value);
}

/* The clean fleet: one approved subscription, one plan, one container; no findings. */
static inv_inventory *fx_fleet(void)
{
    inv_inventory *inv = fx_new();
    size_t s = fx_sub(inv, "sub-fleet", INV_ACCESS_APPROVED);
    size_t p = fx_plan(inv, "stt-fleet", s, "speech-to-text");
    fx_container(inv, "vessel-7-stt", p, fx_stt_image);
    return inv;
}

#define FX_AS_OF fx_day(2026, 6, 1)

static void fx_run(const inv_inventory *inv, cal_day as_of, rule_findings *out)
{
    pol_policy pol = fx_policy();
    rule_findings_compute(inv, &pol, as_of, out);
}

static size_t fx_count(const rule_findings *f, const char *code)
{
    size_t n = 0;
    for (size_t i = 0; i < f->count; i++)
        n += strcmp(f->items[i].code, code) == 0;
    return n;
}

static const rule_finding *fx_find(const rule_findings *f, const char *code)
{
    for (size_t i = 0; i < f->count; i++)
        if (!strcmp(f->items[i].code, code))
            return &f->items[i];
    return NULL;
}

/* Asserts exactly one finding of code, with these fields, and returns it. */
static const rule_finding *fx_expect(const rule_findings *f, const char *code,
                                     rule_severity severity, const char *subject, const char *path,
                                     const char *hint_part)
{
    ck_assert_uint_eq(fx_count(f, code), 1);
    const rule_finding *r = fx_find(f, code);
    ck_assert_int_eq(r->severity, severity);
    ck_assert_str_eq(r->subject, subject);
    ck_assert_str_eq(r->path, path);
    ck_assert_ptr_nonnull(r->message);
    ck_assert_ptr_nonnull(r->hint);
    ck_assert_msg(strstr(r->hint, hint_part) != NULL, "hint \"%s\" lacks \"%s\"", r->hint,
                  hint_part);
    return r;
}

START_TEST(test_clean_fleet)
{
    inv_inventory *inv = fx_fleet();
    rule_findings f;
    fx_run(inv, FX_AS_OF, &f);
    ck_assert_uint_eq(f.count, 0);
    ck_assert_uint_eq(f.n_errors + f.n_warnings + f.n_infos, 0);
    rule_findings_free(&f);
    rule_findings_free(NULL);
    inv_free(inv);
}
END_TEST

static const struct {
    inv_access access;
    const char *hint_part; /* NULL: no finding */
} subscription_cases[] = {
    {INV_ACCESS_NOT_REQUESTED, "request form"},
    {INV_ACCESS_PENDING, "follow up"},
    {INV_ACCESS_REJECTED, "rejected"},
    {INV_ACCESS_APPROVED, NULL},
};

START_TEST(test_subscription_not_approved)
{
    inv_inventory *inv = fx_new();
    fx_sub(inv, "sub-a", INV_ACCESS_APPROVED);
    size_t s = fx_sub(inv, "sub-b", subscription_cases[_i].access);
    size_t p = fx_plan(inv, "plan-b", s, "speech-to-text");
    fx_container(inv, "box", p, fx_stt_image);
    rule_findings f;
    fx_run(inv, FX_AS_OF, &f);
    if (subscription_cases[_i].hint_part) {
        const rule_finding *r =
            fx_expect(&f, "subscription-not-approved", RULE_ERROR, "plan-b",
                      "plans[0].subscription", subscription_cases[_i].hint_part);
        ck_assert_ptr_nonnull(strstr(r->message, "sub-b"));
    } else {
        ck_assert_uint_eq(fx_count(&f, "subscription-not-approved"), 0);
    }
    rule_findings_free(&f);
    inv_free(inv);
}
END_TEST

static const struct {
    int days_after_due; /* as_of − approval_due */
    bool overdue;
} overdue_cases[] = {{1, true}, {30, true}, {0, false}, {-3, false}};

START_TEST(test_approval_overdue)
{
    inv_inventory *inv = fx_new();
    fx_sub(inv, "sub-a", INV_ACCESS_APPROVED);
    size_t s = fx_sub(inv, "sub-p", INV_ACCESS_PENDING);
    inv->subscriptions[s].approval_due = fx_day(2026, 5, 15);
    fx_plan(inv, "plan-p", s, "speech-to-text");
    rule_findings f;
    fx_run(inv, fx_day(2026, 5, 15) + overdue_cases[_i].days_after_due, &f);
    if (overdue_cases[_i].overdue) {
        const rule_finding *r = fx_expect(&f, "approval-overdue", RULE_WARNING, "sub-p",
                                          "subscriptions[1].access.requested_on", "decided_on");
        ck_assert_ptr_nonnull(strstr(r->message, "2026-05-15"));
    } else {
        ck_assert_uint_eq(fx_count(&f, "approval-overdue"), 0);
    }
    rule_findings_free(&f);
    inv_free(inv);
}
END_TEST

START_TEST(test_approval_overdue_only_pending)
{
    /* An approved subscription carries no approval_due: never overdue. */
    inv_inventory *inv = fx_fleet();
    inv->subscriptions[0].requested_on = fx_day(2020, 1, 1);
    rule_findings f;
    fx_run(inv, FX_AS_OF, &f);
    ck_assert_uint_eq(fx_count(&f, "approval-overdue"), 0);
    rule_findings_free(&f);
    inv_free(inv);
}
END_TEST

START_TEST(test_license_missing)
{
    inv_inventory *inv = fx_fleet();
    fx_container(inv, "box-2", 0, fx_stt_image);
    inv->containers[1].has_license = false;
    inv->containers[1].license_image_version = NULL;
    rule_findings f;
    fx_run(inv, FX_AS_OF, &f);
    fx_expect(&f, "license-missing", RULE_ERROR, "box-2", "containers[1].license",
              "DownloadLicense=True");
    ck_assert_uint_eq(fx_count(&f, "license-image-mismatch"), 0);
    rule_findings_free(&f);
    inv_free(inv);
}
END_TEST

START_TEST(test_license_present)
{
    inv_inventory *inv = fx_fleet();
    rule_findings f;
    fx_run(inv, FX_AS_OF, &f);
    ck_assert_uint_eq(fx_count(&f, "license-missing"), 0);
    rule_findings_free(&f);
    inv_free(inv);
}
END_TEST

static const struct {
    const char *version, *license_version;
    bool mismatch;
} mismatch_cases[] = {
    {"4.10.0-amd64-en-us", "4.9.0-amd64-en-us", true},
    {"4.9.0-amd64-en-us", "4.9.0-amd64-de-de", true},
    {"4.9.0-amd64-en-us", "4.9.0-amd64-en-us", false},
};

START_TEST(test_license_image_mismatch)
{
    inv_inventory *inv = fx_fleet();
    fx_set(inv, &inv->containers[0].version, mismatch_cases[_i].version);
    fx_set(inv, &inv->containers[0].license_image_version, mismatch_cases[_i].license_version);
    rule_findings f;
    fx_run(inv, FX_AS_OF, &f);
    if (mismatch_cases[_i].mismatch) {
        char *hint = xasprintf("pull the image %s and download a new license with "
                               "DownloadLicense=True",
                               mismatch_cases[_i].version);
        const rule_finding *r = fx_expect(&f, "license-image-mismatch", RULE_ERROR, "vessel-7-stt",
                                          "containers[0].license.image_version", hint);
        free(hint);
        ck_assert_ptr_nonnull(strstr(r->message, mismatch_cases[_i].version));
        ck_assert_ptr_nonnull(strstr(r->message, mismatch_cases[_i].license_version));
    } else {
        ck_assert_uint_eq(fx_count(&f, "license-image-mismatch"), 0);
    }
    rule_findings_free(&f);
    inv_free(inv);
}
END_TEST

/* Expiry relative to as_of 2026-06-01 and the plan's last day 2026-12-31. */
static const struct {
    int y, m, d; /* license.expires_on; y == 0: none */
    bool expired, in_term;
} expiry_cases[] = {
    {2026, 5, 31, true, false},   /* the day before as_of */
    {2025, 1, 1, true, false},    /* long ago */
    {2026, 6, 1, false, true},    /* == as_of: not expired yet, but in term */
    {2026, 12, 30, false, true},  /* the day before the last day */
    {2026, 12, 31, false, false}, /* == the last day: not "in term" */
    {2027, 1, 31, false, false},  /* after the term */
    {0, 0, 0, false, false},      /* no expiry given */
};

static void expiry_run(int i, rule_findings *f)
{
    inv_inventory *inv = fx_fleet();
    inv->containers[0].license_expires_on =
        expiry_cases[i].y ? fx_day(expiry_cases[i].y, expiry_cases[i].m, expiry_cases[i].d)
                          : CAL_NONE;
    fx_run(inv, FX_AS_OF, f);
    inv_free(inv);
}

START_TEST(test_license_expired)
{
    rule_findings f;
    expiry_run(_i, &f);
    if (expiry_cases[_i].expired)
        fx_expect(&f, "license-expired", RULE_ERROR, "vessel-7-stt",
                  "containers[0].license.expires_on", "DownloadLicense=True");
    else
        ck_assert_uint_eq(fx_count(&f, "license-expired"), 0);
    rule_findings_free(&f);
}
END_TEST

START_TEST(test_license_expires_in_term)
{
    rule_findings f;
    expiry_run(_i, &f);
    if (expiry_cases[_i].in_term) {
        const rule_finding *r =
            fx_expect(&f, "license-expires-in-term", RULE_WARNING, "vessel-7-stt",
                      "containers[0].license.expires_on", "DownloadLicense=True");
        ck_assert_ptr_nonnull(strstr(r->message, "2026-12-31"));
    } else {
        ck_assert_uint_eq(fx_count(&f, "license-expires-in-term"), 0);
    }
    rule_findings_free(&f);
}
END_TEST

/*
 * The license findings when as_of is not inside the term (2026): after the
 * last day nothing expires "in term" any more, before the term a license that
 * ends before the last day does; a license is expired only strictly before as_of.
 */
static const struct {
    int as_of_y, as_of_m, as_of_d;
    int y, m, d; /* expires_on */
    bool expired, in_term;
} as_of_cases[] = {
    {2027, 2, 1, 2027, 3, 1, false, false},     /* term over, license still valid */
    {2027, 2, 1, 2027, 2, 1, false, false},     /* expires on as_of, after the term */
    {2027, 2, 1, 2027, 1, 15, true, false},     /* expired after the term */
    {2027, 2, 1, 2026, 12, 30, true, false},    /* expired inside the term */
    {2026, 12, 31, 2026, 12, 31, false, false}, /* as_of = last day = expiry */
    {2026, 12, 31, 2026, 12, 30, true, false},  /* one day late on the last day */
    {2025, 12, 1, 2026, 6, 1, false, true},     /* planned-ahead term */
    {2025, 12, 1, 2025, 12, 15, false, true},   /* before the term even starts */
};

START_TEST(test_license_as_of_outside_term)
{
    inv_inventory *inv = fx_fleet();
    inv->containers[0].license_expires_on =
        fx_day(as_of_cases[_i].y, as_of_cases[_i].m, as_of_cases[_i].d);
    rule_findings f;
    fx_run(inv, fx_day(as_of_cases[_i].as_of_y, as_of_cases[_i].as_of_m, as_of_cases[_i].as_of_d),
           &f);
    ck_assert_uint_eq(fx_count(&f, "license-expired"), as_of_cases[_i].expired ? 1 : 0);
    ck_assert_uint_eq(fx_count(&f, "license-expires-in-term"), as_of_cases[_i].in_term ? 1 : 0);
    rule_findings_free(&f);
    inv_free(inv);
}
END_TEST

/* Images of a container on a speech-to-text plan, and the finding each gives. */
static const struct {
    const char *image;
    const char *code; /* NULL: none of the image findings */
} image_cases[] = {
    {MCR "speechservices/speech-to-text", NULL},
    {MCR "speechservices/speech-to-text:4.9.0-amd64-en-us", NULL},
    {"registry.ship.local/azure-cognitive-services/speechservices/speech-to-text", NULL},
    {"harbor.local/mcr/azure-cognitive-services/speechservices/speech-to-text:latest", NULL},
    {MCR "translator/text-translation", "image-service-mismatch"},
    {"registry.ship.local/azure-cognitive-services/translator/text-translation",
     "image-service-mismatch"},
    {"example.com/acme/speech", "image-unknown"},
    {MCR "speechservices/speech-to-text-extra", "image-unknown"},
};

static void image_run(int i, rule_findings *f)
{
    inv_inventory *inv = fx_fleet();
    fx_set(inv, &inv->containers[0].image, image_cases[i].image);
    fx_run(inv, FX_AS_OF, f);
    inv_free(inv);
}

START_TEST(test_image_service_mismatch)
{
    rule_findings f;
    image_run(_i, &f);
    const char *code = image_cases[_i].code;
    if (code && !strcmp(code, "image-service-mismatch")) {
        const rule_finding *r = fx_expect(&f, "image-service-mismatch", RULE_ERROR, "vessel-7-stt",
                                          "containers[0].image", "translator");
        ck_assert_ptr_nonnull(strstr(r->message, "speech-to-text"));
    } else {
        ck_assert_uint_eq(fx_count(&f, "image-service-mismatch"), 0);
    }
    rule_findings_free(&f);
}
END_TEST

START_TEST(test_image_unknown)
{
    rule_findings f;
    image_run(_i, &f);
    const char *code = image_cases[_i].code;
    if (code && !strcmp(code, "image-unknown"))
        fx_expect(&f, "image-unknown", RULE_WARNING, "vessel-7-stt", "containers[0].image",
                  "catalog");
    else
        ck_assert_uint_eq(fx_count(&f, "image-unknown"), 0);
    rule_findings_free(&f);
}
END_TEST

static const struct {
    const char *service;
    bool unknown;
} service_cases[] = {
    {"speech-to-text", false},
    {"translator", false},
    {"speech-to-txt", true},
    {"Speech-To-Text", true},
};

START_TEST(test_service_unknown)
{
    inv_inventory *inv = fx_fleet();
    fx_plan(inv, "plan-2", 0, service_cases[_i].service);
    rule_findings f;
    fx_run(inv, FX_AS_OF, &f);
    if (service_cases[_i].unknown)
        fx_expect(&f, "service-unknown", RULE_WARNING, "plan-2", "plans[1].service",
                  service_cases[_i].service);
    else
        ck_assert_uint_eq(fx_count(&f, "service-unknown"), 0);
    rule_findings_free(&f);
    inv_free(inv);
}
END_TEST

static const struct {
    inv_platform platform;
    const char *name;
    const char *hint; /* NULL: no finding */
} colon_cases[] = {
    {INV_KUBERNETES, "Mounts:License", "name it Mounts__License"},
    {INV_KUBERNETES, "A::B", "name it A____B"},
    {INV_KUBERNETES, ":lead:trail:", "name it __lead__trail__"},
    {INV_KUBERNETES, "Mounts__License", NULL},
    {INV_KUBERNETES, "PLAIN_NAME", NULL},
    {INV_DOCKER, "Mounts:License", NULL},
    {INV_DOCKER, "A::B", NULL},
};

START_TEST(test_kubernetes_env_colon)
{
    inv_inventory *inv = fx_fleet();
    inv->containers[0].platform = colon_cases[_i].platform;
    fx_env(inv, 0, colon_cases[_i].name);
    rule_findings f;
    fx_run(inv, FX_AS_OF, &f);
    if (colon_cases[_i].hint) {
        char *path = xasprintf("containers[0].env.%s", colon_cases[_i].name);
        const rule_finding *r = fx_expect(&f, "kubernetes-env-colon", RULE_ERROR, "vessel-7-stt",
                                          path, colon_cases[_i].hint);
        ck_assert_str_eq(r->hint, colon_cases[_i].hint);
        free(path);
    } else {
        ck_assert_uint_eq(fx_count(&f, "kubernetes-env-colon"), 0);
    }
    rule_findings_free(&f);
    inv_free(inv);
}
END_TEST

START_TEST(test_kubernetes_env_colon_each_name)
{
    inv_inventory *inv = fx_fleet();
    inv->containers[0].platform = INV_KUBERNETES;
    fx_env(inv, 0, "Mounts:Output");
    fx_env(inv, 0, "OK_NAME");
    fx_env(inv, 0, "Mounts:License");
    rule_findings f;
    fx_run(inv, FX_AS_OF, &f);
    ck_assert_uint_eq(fx_count(&f, "kubernetes-env-colon"), 2);
    ck_assert_uint_eq(f.count, 2);
    /* Ordered by path: License before Output. */
    ck_assert_str_eq(f.items[0].path, "containers[0].env.Mounts:License");
    ck_assert_str_eq(f.items[0].hint, "name it Mounts__License");
    ck_assert_str_eq(f.items[1].path, "containers[0].env.Mounts:Output");
    ck_assert_str_eq(f.items[1].hint, "name it Mounts__Output");
    ck_assert_uint_eq(f.n_errors, 2);
    rule_findings_free(&f);
    inv_free(inv);
}
END_TEST

/* How a container names (or fails to name) one mount; WHICH is License or Output. */
static const struct {
    bool mount_key;  /* mounts.license / mounts.output */
    const char *env; /* an env name, or NULL */
    bool missing;
} mount_cases[] = {
    {true, NULL, false},
    {false, "Mounts:WHICH", false},
    {false, "Mounts__WHICH", false},
    {false, NULL, true},
    {false, "mounts__which", true},
    {false, "Mounts_WHICH", true},
    {false, "Mounts:WHICH ", true},
};

static char *mount_env_name(const char *pattern, const char *which)
{
    cp_buf b = {0};
    const char *at = strstr(pattern, "WHICH");
    if (!at)
        at = strstr(pattern, "which");
    cp_buf_put(&b, pattern, (size_t)(at - pattern));
    if (at[0] == 'W')
        cp_buf_puts(&b, which);
    else
        for (const char *s = which; *s; s++)
            cp_buf_putc(&b, (char)(*s >= 'A' && *s <= 'Z' ? *s - 'A' + 'a' : *s));
    cp_buf_puts(&b, at + 5);
    return cp_buf_steal(&b);
}

static void mount_check(int i, bool license)
{
    inv_inventory *inv = fx_fleet();
    inv_container *k = &inv->containers[0];
    const char **field = license ? &k->mount_license : &k->mount_output;
    if (!mount_cases[i].mount_key)
        *field = NULL;
    if (mount_cases[i].env) {
        char *name = mount_env_name(mount_cases[i].env, license ? "License" : "Output");
        fx_env(inv, 0, name);
        free(name);
    }
    rule_findings f;
    fx_run(inv, FX_AS_OF, &f);
    const char *code = license ? "license-mount-missing" : "output-mount-missing";
    if (mount_cases[i].missing) {
        const rule_finding *r =
            fx_expect(&f, code, RULE_ERROR, "vessel-7-stt",
                      license ? "containers[0].mounts.license" : "containers[0].mounts.output",
                      license ? "Mounts__License" : "Mounts__Output");
        if (!license)
            ck_assert_ptr_nonnull(strstr(r->message, "usage records would be lost"));
    } else {
        ck_assert_uint_eq(fx_count(&f, code), 0);
    }
    /* The other mount is still there. */
    ck_assert_uint_eq(fx_count(&f, license ? "output-mount-missing" : "license-mount-missing"), 0);
    rule_findings_free(&f);
    inv_free(inv);
}

START_TEST(test_license_mount_missing)
{
    mount_check(_i, true);
}
END_TEST

START_TEST(test_output_mount_missing)
{
    mount_check(_i, false);
}
END_TEST

static const struct {
    int y, m, d; /* as_of */
    bool stale;
} stale_cases[] = {
    {2027, 1, 1, true},
    {2028, 6, 1, true},
    {2026, 12, 31, false},
    {2025, 12, 1, false}, /* planned ahead */
};

START_TEST(test_inventory_stale)
{
    inv_inventory *inv = fx_fleet();
    rule_findings f;
    fx_run(inv, fx_day(stale_cases[_i].y, stale_cases[_i].m, stale_cases[_i].d), &f);
    if (stale_cases[_i].stale) {
        const rule_finding *r = fx_expect(&f, "inventory-stale", RULE_WARNING, "stt-fleet",
                                          "plans[0].term_start", "term_start");
        ck_assert_ptr_nonnull(strstr(r->message, "2026-12-31"));
    } else {
        ck_assert_uint_eq(fx_count(&f, "inventory-stale"), 0);
    }
    rule_findings_free(&f);
    inv_free(inv);
}
END_TEST

static const struct {
    bool has_renewal, auto_renew, ignored;
} renewal_cases[] = {
    {true, false, true},
    {true, true, false},
    {false, false, false},
};

START_TEST(test_renewal_ignored)
{
    inv_inventory *inv = fx_fleet();
    inv->plans[0].has_renewal = renewal_cases[_i].has_renewal;
    inv->plans[0].auto_renew = renewal_cases[_i].auto_renew;
    rule_findings f;
    fx_run(inv, FX_AS_OF, &f);
    if (renewal_cases[_i].ignored)
        fx_expect(&f, "renewal-ignored", RULE_WARNING, "stt-fleet", "plans[0].renewal",
                  "auto_renew");
    else
        ck_assert_uint_eq(fx_count(&f, "renewal-ignored"), 0);
    rule_findings_free(&f);
    inv_free(inv);
}
END_TEST

START_TEST(test_plan_ends_with_containers)
{
    inv_inventory *inv = fx_fleet();
    fx_plan(inv, "empty-plan", 0, "speech-to-text");
    fx_plan(inv, "renewing-plan", 0, "speech-to-text");
    fx_container(inv, "box-2", 2, fx_stt_image);
    fx_container(inv, "box-3", 0, fx_stt_image);
    inv->plans[0].auto_renew = false;
    inv->plans[1].auto_renew = false;
    rule_findings f;
    fx_run(inv, FX_AS_OF, &f);
    /* Only plan 0: plan 1 has no container, plan 2 renews. */
    const rule_finding *r = fx_expect(&f, "plan-ends-with-containers", RULE_WARNING, "stt-fleet",
                                      "plans[0].auto_renew", "new plan");
    ck_assert_ptr_nonnull(strstr(r->message, "2 containers"));
    ck_assert_ptr_nonnull(strstr(r->message, "2026-12-31"));
    ck_assert_ptr_nonnull(strstr(r->message, "connection"));
    rule_findings_free(&f);
    inv_free(inv);
}
END_TEST

static const struct {
    int purchased_day; /* day of January 2026; 0: purchased_on not given (term_start 1st) */
    int decided_day;   /* day of January 2026; 0: no decided_on */
    const char *path;  /* NULL: no finding */
} purchase_cases[] = {
    {5, 10, "plans[0].purchased_on"},
    {0, 10, "plans[0].term_start"},
    {10, 10, NULL},
    {15, 10, NULL},
    {0, 1, NULL},
    {5, 0, NULL},
};

START_TEST(test_purchased_before_approval)
{
    inv_inventory *inv = fx_fleet();
    inv_plan *p = &inv->plans[0];
    p->purchased_on_given = purchase_cases[_i].purchased_day != 0;
    if (p->purchased_on_given)
        p->purchased_on = fx_day(2026, 1, purchase_cases[_i].purchased_day);
    inv->subscriptions[0].decided_on =
        purchase_cases[_i].decided_day ? fx_day(2026, 1, purchase_cases[_i].decided_day) : CAL_NONE;
    rule_findings f;
    fx_run(inv, FX_AS_OF, &f);
    if (purchase_cases[_i].path) {
        const rule_finding *r = fx_expect(&f, "purchased-before-approval", RULE_WARNING,
                                          "stt-fleet", purchase_cases[_i].path, "decided_on");
        ck_assert_ptr_nonnull(strstr(r->message, "2026-01-10"));
    } else {
        ck_assert_uint_eq(fx_count(&f, "purchased-before-approval"), 0);
    }
    rule_findings_free(&f);
    inv_free(inv);
}
END_TEST

/* The expected order of the mixed fleet of test_ordering. */
static const struct {
    const char *code, *subject, *path;
} order_expected[] = {
    {"license-mount-missing", "a-box", "containers[1].mounts.license"},
    {"output-mount-missing", "a-box", "containers[1].mounts.output"},
    {"license-expired", "b-box", "containers[0].license.expires_on"},
    {"license-image-mismatch", "b-box", "containers[0].license.image_version"},
    {"kubernetes-env-colon", "c-box", "containers[2].env.X:1"},
    {"kubernetes-env-colon", "c-box", "containers[2].env.X:10"},
    {"kubernetes-env-colon", "c-box", "containers[2].env.X:2"},
    {"subscription-not-approved", "p-late", "plans[1].subscription"},
    {"image-unknown", "c-box", "containers[2].image"},
    {"plan-ends-with-containers", "p-end", "plans[0].auto_renew"},
    {"renewal-ignored", "p-end", "plans[0].renewal"},
    {"approval-overdue", "s-pending", "subscriptions[1].access.requested_on"},
};

START_TEST(test_ordering)
{
    inv_inventory *inv = fx_new();
    fx_sub(inv, "s-ok", INV_ACCESS_APPROVED);
    size_t sp = fx_sub(inv, "s-pending", INV_ACCESS_PENDING);
    size_t pe = fx_plan(inv, "p-end", 0, "speech-to-text");
    size_t pl = fx_plan(inv, "p-late", sp, "translator");
    inv->plans[pe].auto_renew = false;
    inv->plans[pe].has_renewal = true;
    size_t b = fx_container(inv, "b-box", pe, fx_stt_image);
    inv->containers[b].license_expires_on = fx_day(2026, 1, 31);
    fx_set(inv, &inv->containers[b].version, "4.10.0-amd64-en-us");
    size_t a = fx_container(inv, "a-box", pe, fx_stt_image);
    inv->containers[a].mount_license = inv->containers[a].mount_output = NULL;
    size_t c = fx_container(inv, "c-box", pl, "example.com/unknown");
    inv->containers[c].platform = INV_KUBERNETES;
    fx_env(inv, c, "X:2");
    fx_env(inv, c, "X:10");
    fx_env(inv, c, "X:1");
    fx_env(inv, c, "Mounts__License");
    fx_env(inv, c, "Mounts__Output");

    rule_findings f;
    fx_run(inv, FX_AS_OF, &f);
    size_t n = sizeof order_expected / sizeof order_expected[0];
    ck_assert_uint_eq(f.count, n);
    for (size_t i = 0; i < n; i++) {
        ck_assert_str_eq(f.items[i].code, order_expected[i].code);
        ck_assert_str_eq(f.items[i].subject, order_expected[i].subject);
        ck_assert_str_eq(f.items[i].path, order_expected[i].path);
    }
    ck_assert_uint_eq(f.n_errors, 8);
    ck_assert_uint_eq(f.n_warnings, 4);
    ck_assert_uint_eq(f.n_infos, 0);
    rule_findings_free(&f);
    inv_free(inv);
}
END_TEST

/* The compiled-in catalog (policy.md) gives the same findings as the hand-made one. */
static const struct {
    const char *service, *image;
    const char *code; /* NULL: no image or service finding */
    size_t count;     /* findings in all */
} default_cases[] = {
    {"speech-to-text", "harbor.local/mcr/azure-cognitive-services/speechservices/speech-to-text",
     NULL, 0},
    {"document-intelligence-read", MCR "form-recognizer/read-4.0:latest", NULL, 0},
    {"speech-to-text", MCR "translator/text-translation", "image-service-mismatch", 1},
    {"speech-to-text", "example.com/acme/speech", "image-unknown", 1},
    /* An unknown service is also not the service of the (known) image. */
    {"speech-to-txt", MCR "speechservices/speech-to-text", "service-unknown", 2},
};

START_TEST(test_default_catalog)
{
    pol_policy *pol = pol_new_default();
    ck_assert_ptr_nonnull(pol);
    inv_inventory *inv = fx_fleet();
    fx_set(inv, &inv->plans[0].service, default_cases[_i].service);
    fx_set(inv, &inv->containers[0].image, default_cases[_i].image);
    rule_findings f;
    rule_findings_compute(inv, pol, FX_AS_OF, &f);
    ck_assert_uint_eq(f.count, default_cases[_i].count);
    if (default_cases[_i].code)
        ck_assert_uint_eq(fx_count(&f, default_cases[_i].code), 1);
    rule_findings_free(&f);
    inv_free(inv);
    pol_free(pol);
}
END_TEST

START_TEST(test_severity_names)
{
    ck_assert_str_eq(rule_severity_name(RULE_ERROR), "error");
    ck_assert_str_eq(rule_severity_name(RULE_WARNING), "warning");
    ck_assert_str_eq(rule_severity_name(RULE_INFO), "info");
}
END_TEST

#define N_OF(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* One TCase per behaviour: a single test, or a test run over each row of its table. */
#define ADD_CASE(s, name, test)                                                                    \
    do {                                                                                           \
        TCase *tc_ = tcase_create(name);                                                           \
        tcase_add_test(tc_, test);                                                                 \
        suite_add_tcase(s, tc_);                                                                   \
    } while (0)
#define ADD_LOOP(s, name, test, table)                                                             \
    do {                                                                                           \
        TCase *tc_ = tcase_create(name);                                                           \
        tcase_add_loop_test(tc_, test, 0, N_OF(table));                                            \
        suite_add_tcase(s, tc_);                                                                   \
    } while (0)

Suite *findings_suite(void)
{
    Suite *s = suite_create("findings");
    ADD_CASE(s, "clean-fleet", test_clean_fleet);
    ADD_LOOP(s, "subscription-not-approved", test_subscription_not_approved, subscription_cases);

    TCase *tc = tcase_create("approval-overdue");
    tcase_add_loop_test(tc, test_approval_overdue, 0, N_OF(overdue_cases));
    tcase_add_test(tc, test_approval_overdue_only_pending);
    suite_add_tcase(s, tc);

    tc = tcase_create("license-missing");
    tcase_add_test(tc, test_license_missing);
    tcase_add_test(tc, test_license_present);
    suite_add_tcase(s, tc);

    ADD_LOOP(s, "license-image-mismatch", test_license_image_mismatch, mismatch_cases);
    ADD_LOOP(s, "license-expired", test_license_expired, expiry_cases);
    ADD_LOOP(s, "license-expires-in-term", test_license_expires_in_term, expiry_cases);
    ADD_LOOP(s, "license-as-of-outside-term", test_license_as_of_outside_term, as_of_cases);
    ADD_LOOP(s, "image-service-mismatch", test_image_service_mismatch, image_cases);
    ADD_LOOP(s, "image-unknown", test_image_unknown, image_cases);
    ADD_LOOP(s, "service-unknown", test_service_unknown, service_cases);

    tc = tcase_create("kubernetes-env-colon");
    tcase_add_loop_test(tc, test_kubernetes_env_colon, 0, N_OF(colon_cases));
    tcase_add_test(tc, test_kubernetes_env_colon_each_name);
    suite_add_tcase(s, tc);

    ADD_LOOP(s, "license-mount-missing", test_license_mount_missing, mount_cases);
    ADD_LOOP(s, "output-mount-missing", test_output_mount_missing, mount_cases);
    ADD_LOOP(s, "inventory-stale", test_inventory_stale, stale_cases);
    ADD_LOOP(s, "renewal-ignored", test_renewal_ignored, renewal_cases);
    ADD_CASE(s, "plan-ends-with-containers", test_plan_ends_with_containers);
    ADD_LOOP(s, "purchased-before-approval", test_purchased_before_approval, purchase_cases);
    ADD_LOOP(s, "default-catalog", test_default_catalog, default_cases);
    ADD_CASE(s, "ordering", test_ordering);
    ADD_CASE(s, "severity-names", test_severity_names);
    return s;
}
