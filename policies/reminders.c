/*
 * Reminder scheduling (rules.md §6): walks the policy's rules over the anchors
 * of the inventory, keeps the instance that is due for each rule, subject and
 * anchor date, and renders its message. Built-in messages say what to do, by
 * when (in UTC and in the owner's zone, the plan's `time_zone`) and what
 * happens otherwise; they use ISO dates so that JSON output does not depend on
 * a locale.
 *
 * Choices the spec leaves open, made here:
 * - {units} is the units held at the end of the current term (units plus
 *   every purchase), the number a renewal defaults to.
 * - {owner} of a subscription subject (approval_due) is its `contact`.
 * - {version} of a container subject is its deployed version; of an upgrade,
 *   the version it upgrades to.
 * - {renewal_units} and {renewal_amount} apply only to plans that auto-renew;
 *   the amount is a plain decimal with the currency code ("222300.00 USD").
 */
#include "config.h"

#include "policies/reminders.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "calendar/zone.h"

#define REMINDERS_FINDING "finding"

const char *rule_anchor_name(int anchor)
{
    if (anchor == RULE_ANCHOR_FINDING)
        return REMINDERS_FINDING;
    return pol_anchor_name((pol_anchor)anchor);
}

int rule_due_days(const int *days_before, size_t n_days, cal_day anchor, cal_day as_of)
{
    if (anchor == CAL_NONE || as_of > anchor)
        return -1;
    int64_t until = (int64_t)anchor - as_of;
    int best = -1;
    for (size_t i = 0; i < n_days; i++)
        if (days_before[i] >= until && (best < 0 || days_before[i] < best))
            best = days_before[i];
    return best;
}

static bool reminders_in(const pol_strings *list, const char *s)
{
    if (!s)
        return false;
    for (size_t i = 0; i < list->n; i++)
        if (strcmp(list->items[i], s) == 0)
            return true;
    return false;
}

static const char *reminders_platform_name(inv_platform p)
{
    return p == INV_KUBERNETES ? "kubernetes" : "docker";
}

bool rule_match(const pol_rule *rule, const inv_inventory *inv, long plan, long container)
{
    const pol_match *m = &rule->match;
    bool any = m->auto_renew >= 0 || m->service.given || m->cost_center.given ||
               m->platform.given || m->has_min_annual_cost;
    if (!any)
        return true;
    const inv_container *c = container >= 0 ? &inv->containers[container] : NULL;
    if (c)
        plan = (long)c->plan;
    if (plan < 0)
        return false; /* a subscription matches no filter key */
    const inv_plan *p = &inv->plans[plan];
    if (m->auto_renew >= 0 && (m->auto_renew != 0) != p->auto_renew)
        return false;
    if (m->service.given && !reminders_in(&m->service, p->service))
        return false;
    if (m->cost_center.given && !reminders_in(&m->cost_center, p->cost_center))
        return false;
    if (m->platform.given &&
        (!c || !reminders_in(&m->platform, reminders_platform_name(c->platform))))
        return false;
    if (m->has_min_annual_cost) {
        unsigned __int128 cost = (unsigned __int128)(uint64_t)inv_units_at_end(p) * p->unit_price;
        if (cost < (unsigned __int128)m->min_annual_cost)
            return false;
    }
    return true;
}

char *rule_finding_key(const rule_finding *f)
{
    return xasprintf(REMINDERS_FINDING ":%s:%s", f->code, f->subject);
}

/*
 * Appends "DAY 00:00 UTC" and, when the plan has a zone, " (LOCAL-DATE HH:MM
 * ZONE)". For a cutoff (is_cutoff) that falls on the plan's last day in local
 * time, says so: that is where people get caught (rules.md §3).
 */
static void reminders_instant(cp_buf *out, const inv_plan *p, cal_day day, bool is_cutoff)
{
    char iso[CAL_ISO_LEN + 1];
    cp_buf_printf(out, "%s 00:00 UTC", cal_format_iso(day, iso));
    if (!p || !p->time_zone)
        return;
    char local[CAL_ZONE_ISO_SIZE];
    cal_day local_day;
    if (cal_zone_format_iso(p->time_zone, cal_instant_of_day(day), local, &local_day) != 0)
        return;
    /* local is "YYYY-MM-DDTHH:MM:SS+HH:MM" */
    cp_buf_printf(out, " (%.10s %.5s %s%s)", local, local + 11, p->time_zone,
                  is_cutoff && local_day == p->last_day ? ", before the last day ends there" : "");
}

/* Appends "N unit" or "N units". */
static void reminders_units(cp_buf *out, int64_t n)
{
    cp_buf_printf(out, "%" PRId64 " unit%s", n, n == 1 ? "" : "s");
}

static void reminders_amount(cp_buf *out, const inv_inventory *inv, money_minor v)
{
    char buf[32];
    cp_buf_printf(out, "%s %s", money_format_minor(v, inv->currency_digits, buf), inv->currency);
}

/* Appends the value of placeholder name (n bytes) for r; nothing when it does not apply. */
static bool reminders_placeholder(const char *name, size_t n, const inv_inventory *inv,
                                  const rule_reminder *r, cp_buf *out)
{
    char iso[CAL_ISO_LEN + 1];
    const inv_plan *p = r->plan >= 0 ? &inv->plans[r->plan] : NULL;
    const inv_container *c = r->container >= 0 ? &inv->containers[r->container] : NULL;
#define IS(s) (n == sizeof(s) - 1 && memcmp(name, s, n) == 0)
    if (IS("subject")) {
        cp_buf_puts(out, r->subject);
    } else if (IS("anchor_date")) {
        cp_buf_puts(out, cal_format_iso(r->anchor_date, iso));
    } else if (IS("days_before")) {
        cp_buf_printf(out, "%d", r->days_before);
    } else if (IS("last_day")) {
        if (p)
            cp_buf_puts(out, cal_format_iso(p->last_day, iso));
    } else if (IS("cutoff")) {
        if (p)
            cp_buf_printf(out, "%sT00:00:00Z", cal_format_iso(p->last_day + 1, iso));
    } else if (IS("decision_deadline")) {
        if (p && p->decision_deadline != CAL_NONE)
            cp_buf_puts(out, cal_format_iso(p->decision_deadline, iso));
    } else if (IS("owner")) {
        if (p && p->owner)
            cp_buf_puts(out, p->owner);
        else if (r->subscription >= 0 && inv->subscriptions[r->subscription].contact)
            cp_buf_puts(out, inv->subscriptions[r->subscription].contact);
    } else if (IS("units")) {
        if (p)
            cp_buf_printf(out, "%" PRId64, inv_units_at_end(p));
    } else if (IS("renewal_units")) {
        if (p && p->auto_renew)
            cp_buf_printf(out, "%" PRId64, p->renewal_units);
    } else if (IS("renewal_amount")) {
        if (p && p->auto_renew)
            reminders_amount(out, inv, p->renewal_amount);
    } else if (IS("version")) {
        if (c && r->upgrade >= 0)
            cp_buf_puts(out, c->upgrades[r->upgrade].version);
        else if (c)
            cp_buf_puts(out, c->version);
    } else {
        return false;
    }
#undef IS
    return true;
}

void rule_render_template(const char *tpl, const inv_inventory *inv, const rule_reminder *r,
                          cp_buf *out)
{
    for (const char *s = tpl; *s;) {
        if (s[0] == '{' && s[1] == '{') {
            cp_buf_putc(out, '{');
            s += 2;
            continue;
        }
        if (s[0] == '{') {
            const char *close = strchr(s, '}');
            if (close && reminders_placeholder(s + 1, (size_t)(close - s - 1), inv, r, out)) {
                s = close + 1;
                continue;
            }
        }
        cp_buf_putc(out, *s++);
    }
}

/* " (site S)" when the container has a site. */
static void reminders_site(cp_buf *out, const inv_container *c)
{
    if (c->site)
        cp_buf_printf(out, " (site %s)", c->site);
}

/* The built-in message of r's anchor (policy.md: what to do, by when, what happens otherwise). */
static void reminders_builtin(const inv_inventory *inv, const rule_reminder *r,
                              size_t n_plan_containers, cp_buf *out)
{
    char d1[CAL_ISO_LEN + 1], d2[CAL_ISO_LEN + 1];
    const inv_plan *p = r->plan >= 0 ? &inv->plans[r->plan] : NULL;
    const inv_container *c = r->container >= 0 ? &inv->containers[r->container] : NULL;

    switch (r->anchor) {
    case POL_ANCHOR_DECISION_DEADLINE:
        if (p->auto_renew) {
            cp_buf_printf(out,
                          "Decide by %s whether plan %s renews. It auto-renews at the cutoff, ",
                          cal_format_iso(r->anchor_date, d1), p->id);
            reminders_instant(out, p, p->last_day + 1, true);
            cp_buf_puts(out, ", with ");
            reminders_units(out, p->renewal_units);
            cp_buf_puts(out, " for ");
            reminders_amount(out, inv, p->renewal_amount);
            cp_buf_puts(out, " unless it is set to \"Do not auto-renew\" before then.");
        } else {
            cp_buf_printf(out,
                          "Decide by %s whether plan %s continues. It is set to \"Do not "
                          "auto-renew\" and ends after its last day, %s; to keep it, turn "
                          "auto-renewal on before the cutoff, ",
                          cal_format_iso(r->anchor_date, d1), p->id,
                          cal_format_iso(p->last_day, d2));
            reminders_instant(out, p, p->last_day + 1, true);
            cp_buf_puts(out, ". Otherwise calls are billed at standard pricing after the last "
                             "day and its disconnected containers need a new plan and license.");
        }
        break;
    case POL_ANCHOR_LAST_DAY:
        if (p->auto_renew) {
            cp_buf_printf(out,
                          "The current term of plan %s ends on %s. Unless it is set to \"Do not "
                          "auto-renew\" before the cutoff, ",
                          p->id, cal_format_iso(p->last_day, d1));
            reminders_instant(out, p, p->last_day + 1, true);
            cp_buf_puts(out, ", it renews with ");
            reminders_units(out, p->renewal_units);
            cp_buf_puts(out, " for ");
            reminders_amount(out, inv, p->renewal_amount);
            cp_buf_putc(out, '.');
        } else {
            cp_buf_printf(out, "Plan %s ends after its last day, %s (cutoff ", p->id,
                          cal_format_iso(p->last_day, d1));
            reminders_instant(out, p, p->last_day + 1, true);
            cp_buf_puts(out, "). To keep it, turn auto-renewal on before the cutoff. Otherwise "
                             "calls are billed at standard (pay-as-you-go) pricing after the "
                             "last day");
            if (n_plan_containers > 0)
                cp_buf_printf(out,
                              ", and the %zu disconnected container%s on it need%s a new plan "
                              "and license, downloaded while the site is connected",
                              n_plan_containers, n_plan_containers == 1 ? "" : "s",
                              n_plan_containers == 1 ? "s" : "");
            cp_buf_putc(out, '.');
        }
        break;
    case POL_ANCHOR_NEXT_TERM_START:
        cp_buf_printf(out, "Plan %s renews on %s: ", p->id, cal_format_iso(r->anchor_date, d1));
        reminders_units(out, p->renewal_units);
        cp_buf_puts(out, " for ");
        reminders_amount(out, inv, p->renewal_amount);
        cp_buf_puts(out, " will be charged then. To change or stop the renewal, set the plan to "
                         "\"Do not auto-renew\" before the cutoff, ");
        reminders_instant(out, p, p->last_day + 1, true);
        cp_buf_puts(out, "; after it the charge for the new term stands.");
        break;
    case POL_ANCHOR_LICENSE_EXPIRY:
        cp_buf_printf(out, "The license file of container %s", c->id);
        reminders_site(out, c);
        cp_buf_printf(out,
                      " expires on %s. Download a new license with DownloadLicense=True for "
                      "image version %s while the site is connected, before ",
                      cal_format_iso(r->anchor_date, d1), c->version);
        reminders_instant(out, p, r->anchor_date, false);
        cp_buf_puts(out, "; otherwise the container stops working when its license expires.");
        break;
    case POL_ANCHOR_UPGRADE: {
        const inv_upgrade *u = &c->upgrades[r->upgrade];
        cp_buf_printf(out, "Container %s", c->id);
        reminders_site(out, c);
        cp_buf_printf(out,
                      " is to be upgraded from %s to %s on %s. A license file downloaded for an "
                      "older image version does not start a new one: pull the new image (%s, "
                      "tag %s) and download a new license with DownloadLicense=True while the "
                      "site is connected, before ",
                      c->version, u->version, cal_format_iso(r->anchor_date, d1), c->image,
                      u->version);
        reminders_instant(out, p, r->anchor_date, false);
        cp_buf_puts(out, "; otherwise the upgraded container will not start.");
        break;
    }
    case POL_ANCHOR_APPROVAL_DUE: {
        const inv_subscription *s = &inv->subscriptions[r->subscription];
        cp_buf_printf(out,
                      "The decision on the disconnected-containers access request of "
                      "subscription %s (requested on %s) is due on %s, %d business days after "
                      "the request. If no decision has arrived by email, follow up on the "
                      "request",
                      s->id, cal_format_iso(s->requested_on, d1),
                      cal_format_iso(r->anchor_date, d2), inv->settings.approval_review);
        if (s->contact)
            cp_buf_printf(out, " (contact: %s)", s->contact);
        cp_buf_puts(out, "; plans can only be bought on an approved subscription.");
        break;
    }
    default:
        break;
    }
}

static rule_reminder *reminders_push(rule_reminders *out)
{
    if (out->count == out->cap) {
        out->cap = out->cap ? out->cap * 2 : 32;
        out->items = xrealloc(out->items, out->cap * sizeof *out->items);
    }
    rule_reminder *r = &out->items[out->count];
    memset(r, 0, sizeof *r);
    r->order = out->count++;
    r->plan = r->container = r->subscription = r->upgrade = -1;
    return r;
}

/* Adds the instance of rule due for one subject and anchor date, if any. */
static void reminders_add(const inv_inventory *inv, const pol_rule *rule, cal_day as_of,
                          cal_day anchor_date, const char *subject, long plan, long container,
                          long subscription, long upgrade, const size_t *plan_containers,
                          rule_reminders *out)
{
    int k = rule_due_days(rule->days_before, rule->n_days, anchor_date, as_of);
    if (k < 0 || !rule_match(rule, inv, plan, container))
        return;
    char iso[CAL_ISO_LEN + 1];
    rule_reminder *r = reminders_push(out);
    r->key = xasprintf("%s:%s:%s:%d", rule->id, subject, cal_format_iso(anchor_date, iso), k);
    r->rule = xstrdup(rule->id);
    r->subject = xstrdup(subject);
    r->anchor = (int)rule->anchor;
    r->anchor_date = anchor_date;
    r->days_before = k;
    r->fires_on = anchor_date - k;
    r->severity = rule->severity;
    r->plan = container >= 0 ? (long)inv->containers[container].plan : plan;
    r->container = container;
    r->subscription = subscription;
    r->upgrade = upgrade;
    cp_buf msg = {0};
    if (rule->message)
        rule_render_template(rule->message, inv, r, &msg);
    else
        reminders_builtin(inv, r, r->plan >= 0 ? plan_containers[r->plan] : 0, &msg);
    r->message = cp_buf_steal(&msg);
}

void rule_reminders_due(const inv_inventory *inv, const pol_policy *pol, cal_day as_of,
                        rule_reminders *out)
{
    size_t *plan_containers = xcalloc(inv->n_plans + 1, sizeof *plan_containers);
    for (size_t i = 0; i < inv->n_containers; i++)
        if (inv->containers[i].plan < inv->n_plans)
            plan_containers[inv->containers[i].plan]++;

    for (size_t ri = 0; ri < pol->n_rules; ri++) {
        const pol_rule *rule = &pol->rules[ri];
        switch (rule->anchor) {
        case POL_ANCHOR_DECISION_DEADLINE:
        case POL_ANCHOR_LAST_DAY:
        case POL_ANCHOR_NEXT_TERM_START:
            for (size_t i = 0; i < inv->n_plans; i++) {
                const inv_plan *p = &inv->plans[i];
                cal_day anchor = rule->anchor == POL_ANCHOR_DECISION_DEADLINE ? p->decision_deadline
                                 : rule->anchor == POL_ANCHOR_LAST_DAY        ? p->last_day
                                 : p->auto_renew ? cal_add_years(p->term_start, 1)
                                                 : CAL_NONE;
                if (anchor == CAL_NONE || anchor > CAL_MAX_DAY)
                    continue;
                reminders_add(inv, rule, as_of, anchor, p->id, (long)i, -1, -1, -1, plan_containers,
                              out);
            }
            break;
        case POL_ANCHOR_LICENSE_EXPIRY:
            for (size_t i = 0; i < inv->n_containers; i++) {
                const inv_container *c = &inv->containers[i];
                if (!c->has_license || c->license_expires_on == CAL_NONE)
                    continue;
                reminders_add(inv, rule, as_of, c->license_expires_on, c->id, -1, (long)i, -1, -1,
                              plan_containers, out);
            }
            break;
        case POL_ANCHOR_UPGRADE:
            for (size_t i = 0; i < inv->n_containers; i++) {
                const inv_container *c = &inv->containers[i];
                for (size_t u = 0; u < c->n_upgrades; u++) {
                    char *subject = xasprintf("%s@%s", c->id, c->upgrades[u].version);
                    reminders_add(inv, rule, as_of, c->upgrades[u].on, subject, -1, (long)i, -1,
                                  (long)u, plan_containers, out);
                    free(subject);
                }
            }
            break;
        case POL_ANCHOR_APPROVAL_DUE:
            for (size_t i = 0; i < inv->n_subscriptions; i++) {
                const inv_subscription *s = &inv->subscriptions[i];
                if (s->access != INV_ACCESS_PENDING || s->approval_due == CAL_NONE)
                    continue;
                reminders_add(inv, rule, as_of, s->approval_due, s->id, -1, -1, (long)i, -1,
                              plan_containers, out);
            }
            break;
        default:
            break;
        }
    }
    free(plan_containers);
}

void rule_reminders_add_findings(const rule_findings *fs, cal_day as_of, rule_reminders *out)
{
    for (size_t i = 0; i < fs->count; i++) {
        const rule_finding *f = &fs->items[i];
        if (f->severity != RULE_ERROR)
            continue;
        rule_reminder *r = reminders_push(out);
        r->key = rule_finding_key(f);
        r->rule = xstrdup(REMINDERS_FINDING);
        r->subject = xstrdup(f->subject);
        r->anchor = RULE_ANCHOR_FINDING;
        r->anchor_date = as_of;
        r->days_before = 0;
        r->fires_on = as_of;
        r->severity = POL_SEV_CRITICAL;
        r->is_finding = true;
        r->message = xasprintf("%s: %s (%s). Fix: %s.", f->code, f->message, f->path, f->hint);
    }
}

static int reminders_cmp(const void *a, const void *b)
{
    const rule_reminder *x = a, *y = b;
    if (x->anchor_date != y->anchor_date)
        return x->anchor_date < y->anchor_date ? -1 : 1;
    int c = cp_strcmp(x->key, y->key);
    if (c)
        return c;
    return x->order < y->order ? -1 : x->order > y->order;
}

static void reminders_free_one(rule_reminder *r)
{
    free(r->key);
    free(r->rule);
    free(r->subject);
    free(r->message);
}

void rule_reminders_sort(rule_reminders *r)
{
    if (r->count < 2)
        return;
    qsort(r->items, r->count, sizeof *r->items, reminders_cmp);
    size_t w = 1;
    for (size_t i = 1; i < r->count; i++) {
        if (strcmp(r->items[i].key, r->items[w - 1].key) == 0) {
            reminders_free_one(&r->items[i]);
            continue;
        }
        r->items[w++] = r->items[i];
    }
    r->count = w;
}

void rule_reminders_free(rule_reminders *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->count; i++)
        reminders_free_one(&r->items[i]);
    free(r->items);
    r->items = NULL;
    r->count = r->cap = 0;
}
