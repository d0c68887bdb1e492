/*
 * Policy loading and merging (policy.md). A policy starts from the compiled-in
 * policies/default.json; each layer (the inventory's `policy` value, then
 * --policy FILE) is validated in full against a copy of the current policy and
 * replaces it only when the whole layer is valid, so a layer with errors leaves
 * the policy exactly as it was and every error of the layer is reported.
 *
 * Choices the spec leaves open, made here:
 * - Unknown keys are errors everywhere, with no `x-` exception: policy.md says
 *   so without the inventory's escape hatch, and a policy is small enough that
 *   comments belong in a separate file.
 * - A weekday listed twice in `weekend` is an error (["sat", "sat"] is most
 *   likely a typo for ["sat", "sun"]); a date listed twice in `holidays` is not
 *   (lists of holidays are often merged from several sources).
 * - `days_before` may not list one lead time twice (it would give two reminders
 *   with one key); `match` lists (`service`, `cost_center`, `platform`) may not
 *   be empty (a rule that can never fire is a silently dropped deadline); a
 *   service may not appear twice in `catalog`.
 * - In a `message` template "{{" stands for a literal "{"; a "}" outside a
 *   placeholder is literal text.
 */
#include "config.h"

#include "policies/policy.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const char pol_default_json[];
extern const size_t pol_default_json_len;

#define POLICY_DEFAULT_NAME "policies/default.json"
#define POLICY_MAX_DAYS_BEFORE 3660
#define POLICY_MAX_ID 64

static const char *const policy_anchor_names[POL_N_ANCHORS] = {
    "decision_deadline", "last_day", "next_term_start", "license_expiry", "upgrade", "approval_due",
};
static const char *const policy_severity_names[] = {"info", "warning", "critical"};
static const char *const policy_basis_names[] = {"calendar-year", "anniversary"};
static const char *const policy_initial_names[] = {"full", "prorated"};
static const char *const policy_rounding_names[] = {"half-up", "half-even", "up", "down"};
static const char *const policy_weekday_names[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
static const char *const policy_platform_names[] = {"docker", "kubernetes"};
static const char *const policy_placeholders[] = {
    "subject", "anchor_date", "days_before",   "last_day",       "cutoff",  "decision_deadline",
    "owner",   "units",       "renewal_units", "renewal_amount", "version",
};
static const char *const policy_top_keys[] = {
    "policy",
    "term_basis",
    "initial_charge",
    "rounding",
    "weekend",
    "holidays",
    "decision_margin_business_days",
    "approval_review_business_days",
    "headroom_percent",
    "horizon_days",
    "catalog",
    "reminders",
};
static const char *const policy_rule_keys[] = {"id",       "anchor",  "days_before", "match",
                                               "severity", "message", "enabled"};
static const char *const policy_match_keys[] = {"auto_renew", "service", "cost_center", "platform",
                                                "min_annual_cost"};
static const char *const policy_catalog_keys[] = {"service", "images", "title"};

#define POLICY_N(a) (sizeof(a) / sizeof((a)[0]))

/* The state of validating one layer: where errors go, the current path, how many. */
typedef struct policy_ctx {
    const jr_doc *doc;
    cp_errors *errs;
    cp_path path;
    size_t n_errors;
} policy_ctx;

/* Freeing and copying */

static void policy_strings_clear(pol_strings *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->items[i]);
    free(s->items);
    memset(s, 0, sizeof *s);
}

static void policy_rule_clear(pol_rule *r)
{
    free(r->id);
    free(r->days_before);
    free(r->message);
    policy_strings_clear(&r->match.service);
    policy_strings_clear(&r->match.cost_center);
    policy_strings_clear(&r->match.platform);
    memset(r, 0, sizeof *r);
}

static void policy_entry_clear(pol_catalog_entry *e)
{
    free(e->service);
    for (size_t i = 0; i < e->n_images; i++)
        free(e->images[i]);
    free(e->images);
    free(e->title);
    memset(e, 0, sizeof *e);
}

static void policy_catalog_free(pol_catalog_entry *cat, size_t n)
{
    for (size_t i = 0; i < n; i++)
        policy_entry_clear(&cat[i]);
    free(cat);
}

static void policy_clear(pol_policy *p)
{
    free(p->holidays);
    policy_catalog_free(p->catalog, p->n_catalog);
    for (size_t i = 0; i < p->n_rules; i++)
        policy_rule_clear(&p->rules[i]);
    free(p->rules);
    memset(p, 0, sizeof *p);
}

static char **policy_strv_copy(char *const *src, size_t n)
{
    if (!n)
        return NULL;
    char **dst = xcalloc(n, sizeof *dst);
    for (size_t i = 0; i < n; i++)
        dst[i] = xstrdup(src[i]);
    return dst;
}

static void policy_strings_copy(pol_strings *dst, const pol_strings *src)
{
    dst->given = src->given;
    dst->n = src->n;
    dst->items = policy_strv_copy(src->items, src->n);
}

static void policy_rule_copy(pol_rule *dst, const pol_rule *src)
{
    *dst = *src;
    dst->id = xstrdup(src->id);
    dst->message = xstrdup(src->message);
    dst->days_before = NULL;
    if (src->n_days) {
        dst->days_before = xcalloc(src->n_days, sizeof *dst->days_before);
        memcpy(dst->days_before, src->days_before, src->n_days * sizeof *dst->days_before);
    }
    policy_strings_copy(&dst->match.service, &src->match.service);
    policy_strings_copy(&dst->match.cost_center, &src->match.cost_center);
    policy_strings_copy(&dst->match.platform, &src->match.platform);
}

static void policy_copy(pol_policy *dst, const pol_policy *src)
{
    *dst = *src;
    dst->holidays = NULL;
    if (src->n_holidays) {
        dst->holidays = xcalloc(src->n_holidays, sizeof *dst->holidays);
        memcpy(dst->holidays, src->holidays, src->n_holidays * sizeof *dst->holidays);
    }
    dst->catalog = src->n_catalog ? xcalloc(src->n_catalog, sizeof *dst->catalog) : NULL;
    for (size_t i = 0; i < src->n_catalog; i++) {
        const pol_catalog_entry *s = &src->catalog[i];
        dst->catalog[i].service = xstrdup(s->service);
        dst->catalog[i].images = policy_strv_copy(s->images, s->n_images);
        dst->catalog[i].n_images = s->n_images;
        dst->catalog[i].title = xstrdup(s->title);
    }
    dst->rules = src->n_rules ? xcalloc(src->n_rules, sizeof *dst->rules) : NULL;
    for (size_t i = 0; i < src->n_rules; i++)
        policy_rule_copy(&dst->rules[i], &src->rules[i]);
}

/* Errors */

static void policy_verr(policy_ctx *c, const jr_value *v, bool at_key, const char *hint,
                        const char *fmt, va_list ap) CP_PRINTF(5, 0);

static void policy_verr(policy_ctx *c, const jr_value *v, bool at_key, const char *hint,
                        const char *fmt, va_list ap)
{
    cp_buf msg = {0};
    cp_buf_vprintf(&msg, fmt, ap);
    jr_error(c->doc, c->errs, v, at_key, cp_path_str(&c->path), hint, "%s", cp_buf_str(&msg));
    cp_buf_free(&msg);
    c->n_errors++;
}

static void policy_err(policy_ctx *c, const jr_value *v, const char *hint, const char *fmt, ...)
    CP_PRINTF(4, 5);

/* An error at value v, with the current path. */
static void policy_err(policy_ctx *c, const jr_value *v, const char *hint, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    policy_verr(c, v, false, hint, fmt, ap);
    va_end(ap);
}

static void policy_key_err(policy_ctx *c, const jr_value *m, const char *hint, const char *fmt, ...)
    CP_PRINTF(4, 5);

/* An error at the key of member m, with the current path. */
static void policy_key_err(policy_ctx *c, const jr_value *m, const char *hint, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    policy_verr(c, m, true, hint, fmt, ap);
    va_end(ap);
}

/* "a, b, c" of a name list, for hints. Free with free(). */
static char *policy_join(const char *const *names, size_t n)
{
    cp_buf b = {0};
    for (size_t i = 0; i < n; i++)
        cp_buf_printf(&b, "%s%s", i ? ", " : "", names[i]);
    return cp_buf_steal(&b);
}

/* Edit distance of a and b, capped: anything above 3 is reported as 4. */
static size_t policy_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 40 || lb > 40 || (la > lb ? la - lb : lb - la) > 3)
        return 4;
    size_t row[41];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb] > 3 ? 4 : row[lb];
}

/* The error for an unknown key of an object whose keys are names. */
static void policy_unknown_key(policy_ctx *c, const jr_value *m, const char *const *names, size_t n)
{
    const char *best = NULL;
    size_t best_d = 3;
    for (size_t i = 0; i < n; i++) {
        size_t d = policy_distance(m->key, names[i]);
        size_t kl = strlen(m->key), nl = strlen(names[i]);
        if (d > 1 && kl >= 3 && strncmp(m->key, names[i], kl < nl ? kl : nl) == 0)
            d = 1; /* a prefix: "horizon" for "horizon_days" */
        if (d < best_d) {
            best_d = d;
            best = names[i];
        }
    }
    char *hint;
    if (strncmp(m->key, "x-", 2) == 0) {
        hint = xstrdup("a policy takes no \"x-\" keys, unlike the inventory: keep notes in a "
                       "separate file");
    } else if (best) {
        hint = xasprintf("did you mean \"%s\"?", best);
    } else {
        char *list = policy_join(names, n);
        hint = xasprintf("known keys: %s", list);
        free(list);
    }
    policy_key_err(c, m, hint, "unknown key \"%s\"", m->key);
    free(hint);
}

/* Value checks */

/* True when member m repeats an earlier key of obj (jr_parse already reported it). */
static bool policy_is_repeat(const jr_value *obj, const jr_value *m)
{
    for (const jr_value *x = obj->child; x && x != m; x = x->next)
        if (strcmp(x->key, m->key) == 0)
            return true;
    return false;
}

static int policy_index(const char *const *names, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(names[i], s) == 0)
            return (int)i;
    return -1;
}

static bool policy_want(policy_ctx *c, const jr_value *v, jr_type type, const char *what)
{
    if (v->type == type || (type == JR_TRUE && v->type == JR_FALSE))
        return true;
    policy_err(c, v, NULL, "must be %s, not %s", what, jr_type_name(v));
    return false;
}

/* A string naming one of names; *out its index. what: "a term basis" etc. */
static bool policy_enum(policy_ctx *c, const jr_value *v, const char *const *names, size_t n,
                        const char *what, int *out)
{
    if (!policy_want(c, v, JR_STRING, "a string"))
        return false;
    int i = policy_index(names, n, v->str);
    if (i < 0) {
        char *list = policy_join(names, n);
        char *hint = xasprintf("use one of: %s", list);
        policy_err(c, v, hint, "unknown %s \"%s\"", what, v->str);
        free(hint);
        free(list);
        return false;
    }
    *out = i;
    return true;
}

/* An integer literal in [min, max]. */
static bool policy_int(policy_ctx *c, const jr_value *v, int min, int max, int *out)
{
    int64_t x;
    if (v->type != JR_NUMBER || !jr_is_integer(v)) {
        policy_err(c, v, NULL, "must be an integer from %d to %d, not %s", min, max,
                   v->type == JR_NUMBER ? v->str : jr_type_name(v));
        return false;
    }
    if (jr_int_in(v, min, max, &x) != 0) {
        policy_err(c, v, NULL, "%s is out of range: must be from %d to %d", v->str, min, max);
        return false;
    }
    *out = (int)x;
    return true;
}

/* A non-empty string. */
static bool policy_text(policy_ctx *c, const jr_value *v)
{
    if (!policy_want(c, v, JR_STRING, "a string"))
        return false;
    if (v->len == 0) {
        policy_err(c, v, NULL, "must not be empty");
        return false;
    }
    return true;
}

/*
 * A non-empty array of non-empty strings into *out (each once; replaced only
 * when valid). names, when not NULL, restricts the values.
 */
static bool policy_string_list(policy_ctx *c, const jr_value *v, const char *const *names,
                               size_t n_names, const char *what, pol_strings *out)
{
    if (!policy_want(c, v, JR_ARRAY, "an array of strings"))
        return false;
    size_t before = c->n_errors;
    if (v->len == 0)
        policy_err(c, v, NULL, "must not be empty");
    size_t i = 0;
    for (const jr_value *e = v->child; e; e = e->next, i++) {
        cp_path_index(&c->path, i);
        int k;
        if (names ? policy_enum(c, e, names, n_names, what, &k) : policy_text(c, e)) {
            for (const jr_value *x = v->child; x != e; x = x->next)
                if (x->type == JR_STRING && strcmp(x->str, e->str) == 0) {
                    policy_err(c, e, NULL, "\"%s\" is listed twice", e->str);
                    break;
                }
        }
        cp_path_pop(&c->path);
    }
    if (c->n_errors != before)
        return false;
    pol_strings s = {.given = true, .n = v->len};
    s.items = xcalloc(v->len ? v->len : 1, sizeof *s.items);
    i = 0;
    for (const jr_value *e = v->child; e; e = e->next)
        s.items[i++] = xstrdup(e->str);
    policy_strings_clear(out);
    *out = s;
    return true;
}

/* Top-level keys; each writes into work only when its value is valid. */

static void policy_set_version(policy_ctx *c, const jr_value *v, pol_policy *work)
{
    (void)work;
    int64_t x;
    if (v->type != JR_NUMBER || !jr_is_integer(v)) {
        policy_err(c, v, NULL, "must be the integer 1, not %s",
                   v->type == JR_NUMBER ? v->str : jr_type_name(v));
        return;
    }
    if (jr_int_in(v, 1, 1, &x) != 0)
        policy_err(c, v, "this version of commitplan reads policy format 1",
                   "unsupported policy format %s", v->str);
}

static void policy_set_basis(policy_ctx *c, const jr_value *v, pol_policy *work)
{
    int i;
    if (policy_enum(c, v, policy_basis_names, POLICY_N(policy_basis_names), "term_basis", &i))
        work->term_basis = i == 0 ? INV_TERM_CALENDAR_YEAR : INV_TERM_ANNIVERSARY;
}

static void policy_set_initial(policy_ctx *c, const jr_value *v, pol_policy *work)
{
    int i;
    if (policy_enum(c, v, policy_initial_names, POLICY_N(policy_initial_names), "initial_charge",
                    &i))
        work->initial_prorated = i == 1;
}

static void policy_set_rounding(policy_ctx *c, const jr_value *v, pol_policy *work)
{
    money_rounding r;
    if (!policy_want(c, v, JR_STRING, "a string"))
        return;
    if (money_rounding_parse(v->str, &r) != 0) {
        char *list = policy_join(policy_rounding_names, POLICY_N(policy_rounding_names));
        char *hint = xasprintf("use one of: %s", list);
        policy_err(c, v, hint, "unknown rounding \"%s\"", v->str);
        free(hint);
        free(list);
        return;
    }
    work->rounding = r;
}

static void policy_set_weekend(policy_ctx *c, const jr_value *v, pol_policy *work)
{
    if (!policy_want(c, v, JR_ARRAY, "an array of weekdays"))
        return;
    size_t before = c->n_errors;
    unsigned mask = 0;
    size_t i = 0;
    for (const jr_value *e = v->child; e; e = e->next, i++) {
        int day;
        cp_path_index(&c->path, i);
        if (policy_enum(c, e, policy_weekday_names, 7, "weekday", &day)) {
            if (mask & (1u << day))
                policy_err(c, e, NULL, "\"%s\" is listed twice", e->str);
            mask |= 1u << day;
        }
        cp_path_pop(&c->path);
    }
    if (c->n_errors != before)
        return;
    if (mask == 0x7f) {
        policy_err(c, v, "a week needs at least one business day",
                   "the weekend cannot be all seven days");
        return;
    }
    work->weekend = mask;
}

static int policy_day_cmp(const void *a, const void *b)
{
    cal_day x = *(const cal_day *)a, y = *(const cal_day *)b;
    return x < y ? -1 : x > y;
}

static void policy_set_holidays(policy_ctx *c, const jr_value *v, pol_policy *work)
{
    if (!policy_want(c, v, JR_ARRAY, "an array of dates"))
        return;
    size_t before = c->n_errors;
    cal_day *days = v->len ? xcalloc(v->len, sizeof *days) : NULL;
    size_t n = 0, i = 0;
    for (const jr_value *e = v->child; e; e = e->next, i++) {
        cp_path_index(&c->path, i);
        if (policy_want(c, e, JR_STRING, "a date string (YYYY-MM-DD)")) {
            if (cal_parse_iso(e->str, e->len, &days[n]) == 0)
                n++;
            else
                policy_err(c, e, "write dates as YYYY-MM-DD, between 1970-01-01 and 9999-12-31",
                           "\"%s\" is not a valid date", e->str);
        }
        cp_path_pop(&c->path);
    }
    if (c->n_errors != before) {
        free(days);
        return;
    }
    if (n > 1)
        qsort(days, n, sizeof *days, policy_day_cmp);
    size_t u = 0;
    for (size_t k = 0; k < n; k++)
        if (u == 0 || days[u - 1] != days[k])
            days[u++] = days[k];
    free(work->holidays);
    work->holidays = u ? days : NULL;
    work->n_holidays = u;
    if (!u)
        free(days);
}

static void policy_set_margin(policy_ctx *c, const jr_value *v, pol_policy *work)
{
    policy_int(c, v, 0, 260, &work->decision_margin);
}

static void policy_set_review(policy_ctx *c, const jr_value *v, pol_policy *work)
{
    policy_int(c, v, 0, 260, &work->approval_review);
}

static void policy_set_headroom(policy_ctx *c, const jr_value *v, pol_policy *work)
{
    policy_int(c, v, 0, 1000, &work->headroom_percent);
}

static void policy_set_horizon(policy_ctx *c, const jr_value *v, pol_policy *work)
{
    policy_int(c, v, 1, 3660, &work->horizon_days);
}

/* One catalog entry into *out (zeroed on entry); false on errors. */
static bool policy_catalog_entry_parse(policy_ctx *c, const jr_value *v, pol_catalog_entry *out)
{
    if (!policy_want(c, v, JR_OBJECT, "an object"))
        return false;
    size_t before = c->n_errors;
    const jr_value *service = NULL, *images = NULL, *title = NULL;
    for (const jr_value *m = v->child; m; m = m->next) {
        if (policy_is_repeat(v, m))
            continue;
        cp_path_key(&c->path, m->key);
        if (strcmp(m->key, "service") == 0) {
            if (policy_text(c, m))
                service = m;
        } else if (strcmp(m->key, "images") == 0) {
            pol_strings s = {0};
            if (policy_string_list(c, m, NULL, 0, NULL, &s)) {
                images = m;
                out->images = s.items;
                out->n_images = s.n;
            }
        } else if (strcmp(m->key, "title") == 0) {
            if (policy_want(c, m, JR_STRING, "a string"))
                title = m;
        } else {
            policy_unknown_key(c, m, policy_catalog_keys, POLICY_N(policy_catalog_keys));
        }
        cp_path_pop(&c->path);
    }
    if (!jr_get(v, "service"))
        policy_err(c, v, NULL, "missing required key \"service\"");
    if (!jr_get(v, "images"))
        policy_err(c, v, NULL, "missing required key \"images\"");
    out->service = service ? xstrdup(service->str) : NULL;
    out->title = title ? xstrdup(title->str) : NULL;
    (void)images;
    return c->n_errors == before;
}

static void policy_set_catalog(policy_ctx *c, const jr_value *v, pol_policy *work)
{
    if (!policy_want(c, v, JR_ARRAY, "an array of catalog entries"))
        return;
    size_t before = c->n_errors;
    pol_catalog_entry *cat = v->len ? xcalloc(v->len, sizeof *cat) : NULL;
    size_t i = 0;
    for (const jr_value *e = v->child; e; e = e->next, i++) {
        cp_path_index(&c->path, i);
        if (policy_catalog_entry_parse(c, e, &cat[i])) {
            for (size_t k = 0; k < i; k++) {
                if (cat[k].service && strcmp(cat[k].service, cat[i].service) == 0) {
                    cp_path_key(&c->path, "service");
                    policy_err(c, jr_get(e, "service"), "each service has one catalog entry",
                               "service \"%s\" is already in the catalog (catalog[%zu])",
                               cat[i].service, k);
                    cp_path_pop(&c->path);
                    break;
                }
            }
        }
        cp_path_pop(&c->path);
    }
    if (c->n_errors != before) {
        policy_catalog_free(cat, v->len);
        return;
    }
    policy_catalog_free(work->catalog, work->n_catalog);
    work->catalog = cat;
    work->n_catalog = v->len;
}

/* Rules */

static bool policy_id_valid(const char *s, size_t len)
{
    if (len == 0 || len > POLICY_MAX_ID)
        return false;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)s[i];
        bool alnum =
            (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
        if (!alnum && (i == 0 || (ch != '.' && ch != '_' && ch != '-')))
            return false;
    }
    return true;
}

/* Checks a message template: known placeholders, no unclosed "{" ("{{" is a literal "{"). */
static void policy_check_template(policy_ctx *c, const jr_value *v)
{
    const char *s = v->str;
    for (size_t i = 0; i < v->len; i++) {
        if (s[i] != '{')
            continue;
        if (i + 1 < v->len && s[i + 1] == '{') {
            i++;
            continue;
        }
        const char *close = memchr(s + i, '}', v->len - i);
        if (!close) {
            policy_err(c, v,
                       "close the placeholder with \"}\", or write \"{{\" for a literal \"{\"",
                       "unclosed \"{\" in the message template");
            return;
        }
        size_t n = (size_t)(close - (s + i)) - 1;
        bool known = false;
        for (size_t k = 0; k < POLICY_N(policy_placeholders); k++)
            if (strlen(policy_placeholders[k]) == n &&
                memcmp(policy_placeholders[k], s + i + 1, n) == 0)
                known = true;
        if (!known) {
            char *name = xstrndup(s + i + 1, n);
            char *hint = xasprintf(
                "placeholders: {subject} {anchor_date} {days_before} {last_day} {cutoff} "
                "{decision_deadline} {owner} {units} {renewal_units} {renewal_amount} {version}");
            policy_err(c, v, hint, "unknown placeholder \"{%s}\" in the message template", name);
            free(hint);
            free(name);
        }
        i = (size_t)(close - s);
    }
}

static void policy_match_parse(policy_ctx *c, const jr_value *v, pol_match *out)
{
    if (!policy_want(c, v, JR_OBJECT, "an object"))
        return;
    for (const jr_value *m = v->child; m; m = m->next) {
        if (policy_is_repeat(v, m))
            continue;
        cp_path_key(&c->path, m->key);
        if (strcmp(m->key, "auto_renew") == 0) {
            if (policy_want(c, m, JR_TRUE, "true or false"))
                out->auto_renew = m->type == JR_TRUE;
        } else if (strcmp(m->key, "service") == 0) {
            policy_string_list(c, m, NULL, 0, NULL, &out->service);
        } else if (strcmp(m->key, "cost_center") == 0) {
            policy_string_list(c, m, NULL, 0, NULL, &out->cost_center);
        } else if (strcmp(m->key, "platform") == 0) {
            policy_string_list(c, m, policy_platform_names, POLICY_N(policy_platform_names),
                               "platform", &out->platform);
        } else if (strcmp(m->key, "min_annual_cost") == 0) {
            if (m->type != JR_STRING) {
                policy_err(c, m, "write money as a string, e.g. \"50000.00\"",
                           "must be a money string, not %s", jr_type_name(m));
            } else if (money_parse(m->str, m->len, &out->min_annual_cost) != MONEY_OK) {
                policy_err(c, m, "write money as digits with up to 6 decimals, e.g. \"50000.00\"",
                           "\"%s\" is not a valid amount", m->str);
            } else {
                out->has_min_annual_cost = true;
            }
        } else {
            policy_unknown_key(c, m, policy_match_keys, POLICY_N(policy_match_keys));
        }
        cp_path_pop(&c->path);
    }
}

static void policy_days_parse(policy_ctx *c, const jr_value *v, pol_rule *out)
{
    if (!policy_want(c, v, JR_ARRAY, "an array of integers"))
        return;
    if (v->len == 0) {
        policy_err(c, v, "list lead times in days, e.g. [30, 7, 0]", "must not be empty");
        return;
    }
    int *days = xcalloc(v->len, sizeof *days);
    size_t i = 0, before = c->n_errors;
    for (const jr_value *e = v->child; e; e = e->next, i++) {
        cp_path_index(&c->path, i);
        if (policy_int(c, e, 0, POLICY_MAX_DAYS_BEFORE, &days[i])) {
            for (size_t k = 0; k < i; k++)
                if (days[k] == days[i]) {
                    policy_err(c, e, NULL, "%d is listed twice", days[i]);
                    break;
                }
        } else {
            days[i] = -1;
        }
        cp_path_pop(&c->path);
    }
    if (c->n_errors != before) {
        free(days);
        return;
    }
    out->days_before = days;
    out->n_days = v->len;
}

/*
 * One rule into *out (zeroed by the caller; cleared by the caller too). Sets
 * *remove for {"id": X, "enabled": false}. Returns false on errors.
 */
static bool policy_rule_parse(policy_ctx *c, const jr_value *v, pol_rule *out, bool *remove)
{
    *remove = false;
    if (!policy_want(c, v, JR_OBJECT, "an object"))
        return false;
    size_t before = c->n_errors;
    out->match.auto_renew = -1;
    bool enabled = true, enabled_valid = true;
    for (const jr_value *m = v->child; m; m = m->next) {
        if (policy_is_repeat(v, m))
            continue;
        cp_path_key(&c->path, m->key);
        int k;
        if (strcmp(m->key, "id") == 0) {
            if (policy_want(c, m, JR_STRING, "a string")) {
                if (policy_id_valid(m->str, m->len))
                    out->id = xstrdup(m->str);
                else
                    policy_err(c, m,
                               "an id is 1 to 64 letters, digits, '.', '_' or '-', starting with a "
                               "letter or digit",
                               "\"%s\" is not a valid rule id", m->str);
            }
        } else if (strcmp(m->key, "anchor") == 0) {
            if (policy_enum(c, m, policy_anchor_names, POL_N_ANCHORS, "anchor", &k))
                out->anchor = (pol_anchor)k;
        } else if (strcmp(m->key, "days_before") == 0) {
            policy_days_parse(c, m, out);
        } else if (strcmp(m->key, "match") == 0) {
            policy_match_parse(c, m, &out->match);
        } else if (strcmp(m->key, "severity") == 0) {
            if (policy_enum(c, m, policy_severity_names, POLICY_N(policy_severity_names),
                            "severity", &k))
                out->severity = (pol_severity)k;
        } else if (strcmp(m->key, "message") == 0) {
            if (policy_want(c, m, JR_STRING, "a string")) {
                policy_check_template(c, m);
                out->message = xstrdup(m->str);
            }
        } else if (strcmp(m->key, "enabled") == 0) {
            if (policy_want(c, m, JR_TRUE, "true or false"))
                enabled = m->type == JR_TRUE;
            else
                enabled_valid = false;
        } else {
            policy_unknown_key(c, m, policy_rule_keys, POLICY_N(policy_rule_keys));
        }
        cp_path_pop(&c->path);
    }
    static const char *const required[] = {"id", "anchor", "days_before", "severity"};
    for (size_t i = 0; i < POLICY_N(required); i++) {
        if (i > 0 && (!enabled || !enabled_valid))
            break; /* a removal needs only the id; with a broken "enabled" we cannot tell */
        if (!jr_get(v, required[i]))
            policy_err(c, v, i == 0 ? "every rule needs an id" : NULL,
                       "missing required key \"%s\"", required[i]);
    }
    *remove = !enabled;
    return c->n_errors == before;
}

static long policy_rule_find(const pol_policy *p, const char *id)
{
    for (size_t i = 0; i < p->n_rules; i++)
        if (strcmp(p->rules[i].id, id) == 0)
            return (long)i;
    return -1;
}

static void policy_set_reminders(policy_ctx *c, const jr_value *v, pol_policy *work)
{
    if (!policy_want(c, v, JR_ARRAY, "an array of rules"))
        return;
    const jr_value **ids = v->len ? xcalloc(v->len, sizeof *ids) : NULL;
    size_t i = 0;
    for (const jr_value *e = v->child; e; e = e->next, i++) {
        cp_path_index(&c->path, i);
        pol_rule rule = {0};
        bool remove;
        bool ok = policy_rule_parse(c, e, &rule, &remove);
        if (rule.id) {
            const jr_value *idv = jr_get(e, "id");
            for (size_t k = 0; k < i; k++) {
                if (ids[k] && strcmp(ids[k]->str, rule.id) == 0) {
                    cp_path_key(&c->path, "id");
                    policy_err(c, idv, "a layer names each rule once",
                               "rule \"%s\" appears twice in this layer (also reminders[%zu])",
                               rule.id, k);
                    cp_path_pop(&c->path);
                    ok = false;
                    break;
                }
            }
            ids[i] = idv;
        }
        if (ok) {
            long at = policy_rule_find(work, rule.id);
            if (remove) {
                if (at >= 0) {
                    policy_rule_clear(&work->rules[at]);
                    memmove(&work->rules[at], &work->rules[at + 1],
                            (work->n_rules - (size_t)at - 1) * sizeof *work->rules);
                    work->n_rules--;
                }
                policy_rule_clear(&rule);
            } else if (at >= 0) {
                policy_rule_clear(&work->rules[at]);
                work->rules[at] = rule;
            } else {
                work->rules = xrealloc(work->rules, (work->n_rules + 1) * sizeof *work->rules);
                work->rules[work->n_rules++] = rule;
            }
        } else {
            policy_rule_clear(&rule);
        }
        cp_path_pop(&c->path);
    }
    free(ids);
}

typedef struct policy_key {
    const char *name;
    void (*set)(policy_ctx *c, const jr_value *v, pol_policy *work);
} policy_key;

static const policy_key policy_keys[] = {
    {"policy", policy_set_version},
    {"term_basis", policy_set_basis},
    {"initial_charge", policy_set_initial},
    {"rounding", policy_set_rounding},
    {"weekend", policy_set_weekend},
    {"holidays", policy_set_holidays},
    {"decision_margin_business_days", policy_set_margin},
    {"approval_review_business_days", policy_set_review},
    {"headroom_percent", policy_set_headroom},
    {"horizon_days", policy_set_horizon},
    {"catalog", policy_set_catalog},
    {"reminders", policy_set_reminders},
};

/*
 * Validates the layer obj of doc and, when it is valid and commit is true,
 * lays it over p. prefix is the path of obj ("" at the root of a file,
 * "policy" inline in an inventory). Returns 0, or -1 with errors in errs.
 */
static int policy_layer(pol_policy *p, const jr_doc *doc, const jr_value *obj, const char *prefix,
                        bool commit, cp_errors *errs)
{
    policy_ctx c = {.doc = doc, .errs = errs};
    cp_path_init(&c.path);
    if (prefix && prefix[0])
        cp_path_key(&c.path, prefix);
    pol_policy work;
    policy_copy(&work, p);
    if (!obj) {
        cp_errors_add(errs, jr_name(doc), 0, 0, 0, NULL, NULL, "no policy object");
        c.n_errors++;
        goto out;
    }
    if (obj->type != JR_OBJECT) {
        policy_err(&c, obj, NULL, "a policy must be an object, not %s", jr_type_name(obj));
        goto out;
    }
    for (const jr_value *m = obj->child; m; m = m->next) {
        if (policy_is_repeat(obj, m))
            continue;
        cp_path_key(&c.path, m->key);
        size_t k = 0;
        while (k < POLICY_N(policy_keys) && strcmp(policy_keys[k].name, m->key) != 0)
            k++;
        if (k < POLICY_N(policy_keys))
            policy_keys[k].set(&c, m, &work);
        else
            policy_unknown_key(&c, m, policy_top_keys, POLICY_N(policy_top_keys));
        cp_path_pop(&c.path);
    }
out:
    if (c.n_errors == 0 && commit) {
        policy_clear(p);
        *p = work;
    } else {
        policy_clear(&work);
    }
    cp_path_free(&c.path);
    return c.n_errors == 0 ? 0 : -1;
}

pol_policy *pol_new_default(void)
{
    pol_policy *p = xcalloc(1, sizeof *p);
    cp_errors errs;
    cp_errors_init(&errs);
    jr_doc *doc = NULL;
    int rc = jr_parse(POLICY_DEFAULT_NAME, pol_default_json, pol_default_json_len, &doc, &errs);
    if (rc == 0)
        rc = policy_layer(p, doc, jr_root(doc), "", true, &errs);
    if (rc != 0) {
        /* The default is compiled in: failing to load it is a build defect. */
        cp_buf b = {0};
        for (size_t i = 0; i < errs.count; i++)
            cp_errors_format(&errs, i, &b);
        fprintf(stderr, "commitplan: the built-in policy does not load:\n%s", cp_buf_str(&b));
        abort();
    }
    jr_doc_free(doc);
    cp_errors_free(&errs);
    return p;
}

void pol_free(pol_policy *p)
{
    if (!p)
        return;
    policy_clear(p);
    free(p);
}

int pol_apply(pol_policy *p, const jr_doc *doc, const jr_value *obj, cp_errors *errs)
{
    return policy_layer(p, doc, obj, "", true, errs);
}

#define POLICY_MAX_BYTES (16u << 20) /* a policy file is a few kB; larger is refused */

/*
 * Reads the whole file at path into *data and *len (NUL-terminated; free with
 * free()). Returns 0, -1 with errno set, or -2 when regular_only and path is
 * not a regular file: a path written in an inventory may not name a FIFO or a
 * device, whose reading could block forever (--policy <(...) may: the user
 * chose it on the command line).
 */
static int policy_read_file(const char *path, bool regular_only, char **data, size_t *len)
{
    int rc = -1;
    cp_buf b = {0};
    FILE *f = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC | (regular_only ? O_NONBLOCK : 0));
    if (fd < 0)
        goto out;
    if (regular_only) {
        struct stat st;
        int e = fstat(fd, &st) != 0 ? errno : S_ISDIR(st.st_mode) ? EISDIR : 0;
        if (e || !S_ISREG(st.st_mode)) {
            if (!e)
                rc = -2;
            close(fd);
            errno = e;
            goto out;
        }
        (void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    }
    f = fdopen(fd, "rb");
    if (!f) {
        int e = errno;
        close(fd);
        errno = e;
        goto out;
    }
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        cp_buf_put(&b, chunk, n);
        if (b.len > POLICY_MAX_BYTES) { /* e.g. "policy": "/dev/zero" in a hostile inventory */
            fclose(f);
            errno = EFBIG;
            goto out;
        }
    }
    if (ferror(f)) {
        int e = errno;
        fclose(f);
        errno = e;
        goto out;
    }
    fclose(f);
    *len = b.len;
    *data = cp_buf_steal(&b);
    rc = 0;
out:
    cp_buf_free(&b);
    return rc;
}

/*
 * Reads the policy file at path and lays it over p. When the file was named
 * in an inventory (named_in, at: the inventory and its `policy` value), a
 * file that cannot be read is reported there, where the user fixes the path;
 * otherwise the message names only the file.
 */
static int policy_apply_path(pol_policy *p, const char *path, const jr_doc *named_in,
                             const jr_value *at, cp_errors *errs)
{
    char *data = NULL;
    size_t len = 0;
    jr_doc *doc = NULL;
    int rc = -1;
    errno = 0;
    int read_rc = policy_read_file(path, named_in != NULL, &data, &len);
    if (read_rc != 0) {
        const char *why = read_rc == -2 ? "not a regular file" : strerror(errno ? errno : EIO);
        if (named_in)
            jr_error(named_in, errs, at, false, "policy", NULL,
                     "cannot read the policy file %s: %s", path, why);
        else
            cp_errors_add(errs, path, 0, 0, 0, NULL, NULL, "cannot read the policy file: %s", why);
        goto out;
    }
    int parsed = jr_parse(path, data, len, &doc, errs);
    if (!doc)
        goto out;
    /* With duplicate keys the tree is still whole: report the layer's own errors too. */
    rc = policy_layer(p, doc, jr_root(doc), "", parsed == 0, errs);
    if (parsed != 0)
        rc = -1;
out:
    jr_doc_free(doc);
    free(data);
    return rc;
}

int pol_apply_file(pol_policy *p, const char *path, cp_errors *errs)
{
    return policy_apply_path(p, path, NULL, NULL, errs);
}

void pol_settings(const pol_policy *p, inv_settings *out)
{
    memset(out, 0, sizeof *out);
    out->basis = p->term_basis;
    out->initial_prorated = p->initial_prorated;
    out->rounding = p->rounding;
    out->busdays.weekend = p->weekend;
    out->busdays.holidays = p->holidays;
    out->busdays.n_holidays = p->n_holidays;
    out->decision_margin = p->decision_margin;
    out->approval_review = p->approval_review;
}

/* The path of a policy file named in an inventory: relative to the inventory's folder. */
static char *policy_resolve(const char *inventory_path, const char *path)
{
    if (path[0] == '/' || !inventory_path || strcmp(inventory_path, "-") == 0)
        return xstrdup(path);
    const char *slash = strrchr(inventory_path, '/');
    if (!slash)
        return xstrdup(path);
    return xasprintf("%.*s/%s", (int)(slash - inventory_path), inventory_path, path);
}

int pol_inventory_hook(void *ctx, const jr_doc *doc, const jr_value *policy, inv_settings *settings,
                       cp_errors *errs)
{
    pol_hook_ctx *hc = ctx;
    pol_policy *p = pol_new_default();
    int rc = 0;
    if (policy) {
        if (policy->type == JR_STRING && policy->len > 0) {
            char *path = policy_resolve(hc->inventory_path, policy->str);
            if (policy_apply_path(p, path, doc, policy, errs) != 0)
                rc = -1;
            free(path);
        } else if (policy->type == JR_STRING) {
            jr_error(doc, errs, policy, false, "policy", NULL, "the policy file path is empty");
            rc = -1;
        } else if (policy->type == JR_OBJECT) {
            if (policy_layer(p, doc, policy, "policy", true, errs) != 0)
                rc = -1;
        } else {
            jr_error(doc, errs, policy, false, "policy",
                     "name a policy file, e.g. \"policy.json\", or write the policy inline",
                     "policy must be a file path (string) or an object");
            rc = -1;
        }
    }
    if (hc->cli_policy && pol_apply_file(p, hc->cli_policy, errs) != 0)
        rc = -1;
    pol_settings(p, settings);
    if (rc != 0) {
        /* The holidays would dangle once p is freed: the settings keep none. */
        settings->busdays.holidays = NULL;
        settings->busdays.n_holidays = 0;
        pol_free(p);
        p = NULL;
    }
    hc->policy = p;
    return rc;
}

/* The repository of an image: any "@digest" and any ":tag" of the last component removed. */
static size_t policy_repo_len(const char *image)
{
    size_t n = strcspn(image, "@");
    const char *last = image;
    for (size_t i = 0; i < n; i++)
        if (image[i] == '/')
            last = image + i + 1;
    const char *colon = memchr(last, ':', n - (size_t)(last - image));
    return colon ? (size_t)(colon - image) : n;
}

const pol_catalog_entry *pol_catalog_match(const pol_policy *p, const char *image)
{
    if (!image)
        return NULL;
    size_t n = policy_repo_len(image);
    for (size_t i = 0; i < p->n_catalog; i++)
        for (size_t k = 0; k < p->catalog[i].n_images; k++) {
            const char *repo = p->catalog[i].images[k];
            if (strlen(repo) == n && memcmp(repo, image, n) == 0)
                return &p->catalog[i];
        }
    for (size_t i = 0; i < p->n_catalog; i++)
        for (size_t k = 0; k < p->catalog[i].n_images; k++) {
            const char *repo = p->catalog[i].images[k];
            const char *slash = strchr(repo, '/');
            const char *tail = slash ? slash + 1 : repo;
            size_t tl = strlen(tail);
            if (tl > 0 && n > tl && image[n - tl - 1] == '/' &&
                memcmp(image + n - tl, tail, tl) == 0)
                return &p->catalog[i];
        }
    return NULL;
}

const pol_catalog_entry *pol_catalog_service(const pol_policy *p, const char *service)
{
    for (size_t i = 0; service && i < p->n_catalog; i++)
        if (strcmp(p->catalog[i].service, service) == 0)
            return &p->catalog[i];
    return NULL;
}

const char *pol_anchor_name(pol_anchor a)
{
    return (unsigned)a < POL_N_ANCHORS ? policy_anchor_names[a] : "?";
}

const char *pol_severity_name(pol_severity s)
{
    return (unsigned)s < POLICY_N(policy_severity_names) ? policy_severity_names[s] : "?";
}
