/*
 * The iCalendar writer and the calendar feed (reports/ics.h). Events are
 * collected from the model directly, not from the plan view's timeline, which
 * stops at the horizon: a calendar holds every anchor date of the current
 * terms, past ones included, so that a re-import never deletes history.
 * The UID of an event is "<kind>-<subject>@commitplan" without its date, so an
 * edited date updates the event in place. See docs/design.md, "Calendar".
 */
#include "config.h"

#include "reports/ics.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar/zone.h"
#include "policies/reminders.h"

#define ICS_CUTOFF (-1) /* the anchor field of a cutoff event */

/* One event of the feed. */
typedef struct ics_event {
    cal_day date;
    int anchor;        /* a pol_anchor, or ICS_CUTOFF */
    const char *kind;  /* the anchor's name, or "cutoff" */
    char *subject;     /* owned */
    long plan;         /* the plan concerned (a container's plan), or -1 */
    long container;    /* for license_expiry and upgrade, else -1 */
    long subscription; /* for approval_due, else -1 */
    long upgrade;      /* index into the container's upgrades, else -1 */
    int duplicate;     /* 0, or n >= 2 for the n-th event with the same kind and subject */
    size_t seq;
} ics_event;

typedef struct ics_events {
    ics_event *items;
    size_t count, cap;
} ics_events;

/* One lead time of an event's alarms and the rule it comes from. */
typedef struct ics_lead {
    int days;
    size_t rule;
} ics_lead;

void rpt_ics_escape(cp_buf *out, const char *text)
{
    for (const char *s = text; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '\\' || c == ';' || c == ',') {
            cp_buf_putc(out, '\\');
            cp_buf_putc(out, (char)c);
        } else if (c == '\r') {
            cp_buf_puts(out, "\\n");
            if (s[1] == '\n')
                s++;
        } else if (c == '\n') {
            cp_buf_puts(out, "\\n");
        } else if ((c < 0x20 && c != '\t') || c == 0x7F) {
            continue;
        } else {
            cp_buf_putc(out, (char)c);
        }
    }
}

void rpt_ics_fold(cp_buf *out, const char *line, size_t len)
{
    size_t pos = 0;
    bool first = true;
    while (pos < len || first) {
        size_t room = first ? RPT_ICS_LINE_OCTETS : RPT_ICS_LINE_OCTETS - 1;
        size_t take = len - pos;
        if (take > room) {
            /* line[pos + take] starts the next physical line: never a continuation byte */
            size_t cut = room;
            while (cut > 0 && room - cut < 3 && ((unsigned char)line[pos + cut] & 0xC0) == 0x80)
                cut--;
            take = cut > 0 && ((unsigned char)line[pos + cut] & 0xC0) != 0x80 ? cut : room;
        }
        if (!first)
            cp_buf_putc(out, ' ');
        cp_buf_put(out, line + pos, take);
        cp_buf_puts(out, "\r\n");
        pos += take;
        first = false;
    }
}

void rpt_ics_line(cp_buf *out, const char *name, const char *value)
{
    cp_buf line = {0};
    cp_buf_puts(&line, name);
    cp_buf_putc(&line, ':');
    cp_buf_puts(&line, value);
    rpt_ics_fold(out, cp_buf_str(&line), line.len);
    cp_buf_free(&line);
}

void rpt_ics_text(cp_buf *out, const char *name, const char *text)
{
    cp_buf line = {0};
    cp_buf_puts(&line, name);
    cp_buf_putc(&line, ':');
    rpt_ics_escape(&line, text);
    rpt_ics_fold(out, cp_buf_str(&line), line.len);
    cp_buf_free(&line);
}

void rpt_ics_uid_part(cp_buf *out, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '.' || c == '_' || c == '-') {
            cp_buf_putc(out, (char)c);
        } else {
            cp_buf_putc(out, '%');
            cp_buf_putc(out, hex[c >> 4]);
            cp_buf_putc(out, hex[c & 15]);
        }
    }
}

/* "YYYYMMDD" of d into buf (at least 9 bytes). */
static char *ics_date(cal_day d, char *buf)
{
    int y, m, dd;
    cal_to_ymd(d, &y, &m, &dd);
    snprintf(buf, 9, "%04d%02d%02d", y, m, dd);
    return buf;
}

static ics_event *ics_push(ics_events *ev, cal_day date, int anchor, char *subject)
{
    if (ev->count == ev->cap) {
        ev->cap = ev->cap ? ev->cap * 2 : 32;
        ev->items = xrealloc(ev->items, ev->cap * sizeof *ev->items);
    }
    ics_event *e = &ev->items[ev->count];
    memset(e, 0, sizeof *e);
    e->date = date;
    e->anchor = anchor;
    e->kind = anchor == ICS_CUTOFF ? "cutoff" : pol_anchor_name((pol_anchor)anchor);
    e->subject = subject;
    e->plan = e->container = e->subscription = e->upgrade = -1;
    e->seq = ev->count++;
    return e;
}

static int ics_cmp(const void *a, const void *b)
{
    const ics_event *x = a, *y = b;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    int c = cp_strcmp(x->kind, y->kind);
    if (c)
        return c;
    c = cp_strcmp(x->subject, y->subject);
    if (c)
        return c;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Every anchor date of the current terms, containers and subscriptions, and every cutoff. */
static void ics_collect(const inv_inventory *inv, ics_events *ev)
{
    for (size_t i = 0; i < inv->n_plans; i++) {
        const inv_plan *p = &inv->plans[i];
        ics_event *e;
        if (p->decision_deadline != CAL_NONE) {
            e = ics_push(ev, p->decision_deadline, POL_ANCHOR_DECISION_DEADLINE, xstrdup(p->id));
            e->plan = (long)i;
        }
        e = ics_push(ev, p->last_day, POL_ANCHOR_LAST_DAY, xstrdup(p->id));
        e->plan = (long)i;
        if (p->last_day + 1 <= CAL_MAX_DAY) {
            e = ics_push(ev, p->last_day + 1, ICS_CUTOFF, xstrdup(p->id));
            e->plan = (long)i;
            if (p->auto_renew) {
                e = ics_push(ev, p->last_day + 1, POL_ANCHOR_NEXT_TERM_START, xstrdup(p->id));
                e->plan = (long)i;
            }
        }
    }
    for (size_t i = 0; i < inv->n_containers; i++) {
        const inv_container *c = &inv->containers[i];
        ics_event *e;
        if (c->has_license && c->license_expires_on != CAL_NONE) {
            e = ics_push(ev, c->license_expires_on, POL_ANCHOR_LICENSE_EXPIRY, xstrdup(c->id));
            e->plan = (long)c->plan;
            e->container = (long)i;
        }
        for (size_t u = 0; u < c->n_upgrades; u++) {
            char *subject = xasprintf("%s@%s", c->id, c->upgrades[u].version);
            e = ics_push(ev, c->upgrades[u].on, POL_ANCHOR_UPGRADE, subject);
            e->plan = (long)c->plan;
            e->container = (long)i;
            e->upgrade = (long)u;
            /* two upgrades of one container to the same version need distinct UIDs */
            int same = 1;
            for (size_t k = 0; k < u; k++)
                if (strcmp(c->upgrades[k].version, c->upgrades[u].version) == 0)
                    same++;
            e->duplicate = same > 1 ? same : 0;
        }
    }
    for (size_t i = 0; i < inv->n_subscriptions; i++) {
        const inv_subscription *s = &inv->subscriptions[i];
        if (s->access != INV_ACCESS_PENDING || s->approval_due == CAL_NONE)
            continue;
        ics_event *e = ics_push(ev, s->approval_due, POL_ANCHOR_APPROVAL_DUE, xstrdup(s->id));
        e->subscription = (long)i;
    }
    if (ev->count > 1)
        qsort(ev->items, ev->count, sizeof *ev->items, ics_cmp);
}

/*
 * Appends the cutoff "DAY 00:00 UTC" (DAY is the day after the last day) and, when the plan has
 * a zone, " (LOCAL-DATE HH:MM ZONE)", noting when that comes before the local last day ends.
 */
static void ics_instant(cp_buf *out, const inv_plan *p, cal_day day)
{
    char iso[CAL_ISO_LEN + 1], local[CAL_ZONE_ISO_SIZE];
    cal_day local_day;
    cp_buf_printf(out, "%s 00:00 UTC", cal_format_iso(day, iso));
    if (p->time_zone &&
        cal_zone_format_iso(p->time_zone, cal_instant_of_day(day), local, &local_day) == 0)
        cp_buf_printf(out, " (%.10s %.5s %s%s)", local, local + 11, p->time_zone,
                      local_day < day ? ", before the local last day ends" : "");
}

static void ics_amount(cp_buf *out, const inv_inventory *inv, money_minor v)
{
    char buf[32];
    cp_buf_printf(out, "%s %s", money_format_minor(v, inv->currency_digits, buf), inv->currency);
}

static void ics_units(cp_buf *out, int64_t n)
{
    cp_buf_printf(out, "%" PRId64 " unit%s", n, n == 1 ? "" : "s");
}

static void ics_owner(cp_buf *out, const inv_plan *p)
{
    if (p->owner)
        cp_buf_printf(out, " Owner: %s.", p->owner);
}

static void ics_site(cp_buf *out, const inv_container *c)
{
    if (c->site)
        cp_buf_printf(out, " (site %s)", c->site);
}

/* SUMMARY and DESCRIPTION of a plan's event: what to do, by when. */
static void ics_plan_text(const inv_inventory *inv, const ics_event *e, cp_buf *summary,
                          cp_buf *desc)
{
    const inv_plan *p = &inv->plans[e->plan];
    char d1[CAL_ISO_LEN + 1], d2[CAL_ISO_LEN + 1];
    switch (e->anchor) {
    case POL_ANCHOR_DECISION_DEADLINE:
        if (p->auto_renew) {
            cp_buf_printf(summary, "Renewal decision due: plan %s", p->id);
            cp_buf_printf(desc,
                          "Decide by %s whether plan %s (%s) renews. It auto-renews at the "
                          "cutoff, ",
                          cal_format_iso(e->date, d1), p->id, p->service);
            ics_instant(desc, p, p->last_day + 1);
            cp_buf_puts(desc, ", with ");
            ics_units(desc, p->renewal_units);
            cp_buf_puts(desc, " for ");
            ics_amount(desc, inv, p->renewal_amount);
            cp_buf_puts(desc, ", unless it is set to \"Do not auto-renew\" before then.");
        } else {
            cp_buf_printf(summary, "Decision due: plan %s ends", p->id);
            cp_buf_printf(desc,
                          "Decide by %s whether plan %s (%s) continues. It is set to \"Do "
                          "not auto-renew\" and ends after its last day, %s; to keep it, "
                          "turn auto-renewal on before the cutoff, ",
                          cal_format_iso(e->date, d1), p->id, p->service,
                          cal_format_iso(p->last_day, d2));
            ics_instant(desc, p, p->last_day + 1);
            cp_buf_putc(desc, '.');
        }
        break;
    case POL_ANCHOR_LAST_DAY:
        cp_buf_printf(summary, "Last day of the term: plan %s", p->id);
        cp_buf_printf(desc, "The current term of plan %s (%s to %s) ends today. ", p->id,
                      cal_format_iso(p->term_start, d1), cal_format_iso(p->last_day, d2));
        if (p->auto_renew) {
            cp_buf_puts(desc, "Unless it is set to \"Do not auto-renew\" before the cutoff, ");
            ics_instant(desc, p, p->last_day + 1);
            cp_buf_puts(desc, ", it renews with ");
            ics_units(desc, p->renewal_units);
            cp_buf_puts(desc, " for ");
            ics_amount(desc, inv, p->renewal_amount);
            cp_buf_putc(desc, '.');
        } else {
            cp_buf_puts(desc, "It does not auto-renew: after the cutoff, ");
            ics_instant(desc, p, p->last_day + 1);
            cp_buf_puts(desc, ", calls are billed at standard pricing and its disconnected "
                              "containers need a new plan and license.");
        }
        break;
    case ICS_CUTOFF:
        cp_buf_printf(summary, "Cutoff: plan %s %s", p->id, p->auto_renew ? "renews" : "ends");
        if (p->auto_renew) {
            cp_buf_printf(desc, "Until this instant, ");
            ics_instant(desc, p, e->date);
            cp_buf_printf(desc,
                          ", plan %s can still be set to \"Do not auto-renew\"; after it "
                          "the renewal of ",
                          p->id);
            ics_units(desc, p->renewal_units);
            cp_buf_puts(desc, " for ");
            ics_amount(desc, inv, p->renewal_amount);
            cp_buf_puts(desc, " stands.");
        } else {
            cp_buf_printf(desc, "Until this instant, ");
            ics_instant(desc, p, e->date);
            cp_buf_printf(desc,
                          ", auto-renewal of plan %s can still be turned on; after it "
                          "the plan has ended.",
                          p->id);
        }
        break;
    case POL_ANCHOR_NEXT_TERM_START:
        cp_buf_printf(summary, "Renewal: plan %s, ", p->id);
        ics_units(summary, p->renewal_units);
        cp_buf_puts(summary, ", ");
        ics_amount(summary, inv, p->renewal_amount);
        cp_buf_printf(desc, "The next term of plan %s (%s) starts today; ", p->id, p->service);
        ics_units(desc, p->renewal_units);
        cp_buf_puts(desc, " for ");
        ics_amount(desc, inv, p->renewal_amount);
        cp_buf_puts(desc, " are charged.");
        break;
    default:
        break;
    }
    ics_owner(desc, p);
}

/* SUMMARY and DESCRIPTION of an event: what to do, by when. */
static void ics_event_text(const inv_inventory *inv, const ics_event *e, cp_buf *summary,
                           cp_buf *desc)
{
    char d1[CAL_ISO_LEN + 1];
    if (e->anchor == POL_ANCHOR_LICENSE_EXPIRY) {
        const inv_container *c = &inv->containers[e->container];
        cp_buf_printf(summary, "License expires: container %s", c->id);
        cp_buf_printf(desc, "The license file of container %s", c->id);
        ics_site(desc, c);
        cp_buf_printf(desc,
                      " expires on %s. Download a new license with DownloadLicense=True "
                      "for image version %s while the site is connected, before then; "
                      "otherwise the container stops working.",
                      cal_format_iso(e->date, d1), c->version);
        ics_owner(desc, &inv->plans[c->plan]);
    } else if (e->anchor == POL_ANCHOR_UPGRADE) {
        const inv_container *c = &inv->containers[e->container];
        const inv_upgrade *u = &c->upgrades[e->upgrade];
        cp_buf_printf(summary, "Upgrade: container %s to %s", c->id, u->version);
        cp_buf_printf(desc, "Container %s", c->id);
        ics_site(desc, c);
        cp_buf_printf(desc,
                      " is to be upgraded from %s to %s on %s. Pull the new image (%s, tag "
                      "%s) and download a new license with DownloadLicense=True while the "
                      "site is connected, before then; otherwise the upgraded container "
                      "will not start.",
                      c->version, u->version, cal_format_iso(e->date, d1), c->image, u->version);
        ics_owner(desc, &inv->plans[c->plan]);
    } else if (e->anchor == POL_ANCHOR_APPROVAL_DUE) {
        const inv_subscription *s = &inv->subscriptions[e->subscription];
        cp_buf_printf(summary, "Access decision due: subscription %s", s->id);
        cp_buf_printf(desc,
                      "The decision on the disconnected-containers access request of "
                      "subscription %s (requested on %s) is due today, %d business days "
                      "after the request. If none has arrived by email, follow up",
                      s->id, cal_format_iso(s->requested_on, d1), inv->settings.approval_review);
        if (s->contact)
            cp_buf_printf(desc, " (contact: %s)", s->contact);
        cp_buf_puts(desc, "; plans can only be bought on an approved subscription.");
    } else {
        ics_plan_text(inv, e, summary, desc);
    }
}

static int ics_lead_cmp(const void *a, const void *b)
{
    const ics_lead *x = a, *y = b;
    if (x->days != y->days)
        return x->days > y->days ? -1 : 1;
    return x->rule < y->rule ? -1 : x->rule > y->rule;
}

/* One VALARM per distinct lead time of the rules whose anchor and match fit e. */
static void ics_alarms(const inv_inventory *inv, const pol_policy *pol, const ics_event *e,
                       const char *summary, cp_buf *out)
{
    if (e->anchor == ICS_CUTOFF)
        return;
    size_t n = 0, cap = 0;
    ics_lead *leads = NULL;
    for (size_t r = 0; r < pol->n_rules; r++) {
        const pol_rule *rule = &pol->rules[r];
        if ((int)rule->anchor != e->anchor || !rule_match(rule, inv, e->plan, e->container))
            continue;
        for (size_t k = 0; k < rule->n_days; k++) {
            if (n == cap) {
                cap = cap ? cap * 2 : 16;
                leads = xrealloc(leads, cap * sizeof *leads);
            }
            leads[n].days = rule->days_before[k];
            leads[n].rule = r;
            n++;
        }
    }
    if (n > 1)
        qsort(leads, n, sizeof *leads, ics_lead_cmp);
    cp_buf text = {0};
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && leads[i].days == leads[i - 1].days)
            continue;
        const pol_rule *rule = &pol->rules[leads[i].rule];
        char trigger[32];
        if (leads[i].days == 0)
            snprintf(trigger, sizeof trigger, "PT0S");
        else
            snprintf(trigger, sizeof trigger, "-P%dD", leads[i].days);
        cp_buf_reset(&text);
        if (leads[i].days == 0)
            cp_buf_printf(&text, "Today: %s", summary);
        else
            cp_buf_printf(&text, "In %d day%s: %s", leads[i].days, leads[i].days == 1 ? "" : "s",
                          summary);
        cp_buf_printf(&text, " (%s, %s)", rule->id, pol_severity_name(rule->severity));
        if (rule->message) {
            /* the rule's own message, rendered as `remind` would for this lead time */
            rule_reminder r;
            memset(&r, 0, sizeof r);
            r.rule = rule->id;
            r.subject = e->subject;
            r.anchor = e->anchor;
            r.anchor_date = e->date;
            r.days_before = leads[i].days;
            r.fires_on = e->date - leads[i].days;
            r.severity = rule->severity;
            r.plan = e->plan;
            r.container = e->container;
            r.subscription = e->subscription;
            r.upgrade = e->upgrade;
            cp_buf_puts(&text, "\n");
            rule_render_template(rule->message, inv, &r, &text);
        }
        rpt_ics_line(out, "BEGIN", "VALARM");
        rpt_ics_line(out, "ACTION", "DISPLAY");
        rpt_ics_text(out, "DESCRIPTION", cp_buf_str(&text));
        rpt_ics_line(out, "TRIGGER;RELATED=START", trigger);
        rpt_ics_line(out, "END", "VALARM");
    }
    cp_buf_free(&text);
    free(leads);
}

static void ics_write_event(const inv_inventory *inv, const pol_policy *pol, const ics_event *e,
                            const char *dtstamp, cp_buf *out)
{
    char day[16];
    cp_buf uid = {0}, summary = {0}, desc = {0};
    cp_buf_printf(&uid, "%s-", e->kind);
    rpt_ics_uid_part(&uid, e->subject);
    if (e->duplicate)
        cp_buf_printf(&uid, "~%d", e->duplicate);
    cp_buf_puts(&uid, "@commitplan");
    ics_event_text(inv, e, &summary, &desc);

    rpt_ics_line(out, "BEGIN", "VEVENT");
    rpt_ics_text(out, "UID", cp_buf_str(&uid));
    rpt_ics_line(out, "DTSTAMP", dtstamp);
    if (e->anchor == ICS_CUTOFF) {
        /* an instant: without DTEND or DURATION the event ends when it starts (§3.6.1) */
        char start[24];
        snprintf(start, sizeof start, "%sT000000Z", ics_date(e->date, day));
        rpt_ics_line(out, "DTSTART", start);
    } else {
        rpt_ics_line(out, "DTSTART;VALUE=DATE", ics_date(e->date, day));
        rpt_ics_line(out, "DTEND;VALUE=DATE", ics_date(e->date + 1, day));
    }
    rpt_ics_text(out, "SUMMARY", cp_buf_str(&summary));
    rpt_ics_text(out, "DESCRIPTION", cp_buf_str(&desc));
    rpt_ics_text(out, "CATEGORIES", e->kind);
    rpt_ics_line(out, "TRANSP", "TRANSPARENT");
    ics_alarms(inv, pol, e, cp_buf_str(&summary), out);
    rpt_ics_line(out, "END", "VEVENT");
    cp_buf_free(&uid);
    cp_buf_free(&summary);
    cp_buf_free(&desc);
}

int rpt_ics_calendar(const inv_inventory *inv, const pol_policy *pol, cal_day as_of, cp_buf *out)
{
    if (as_of < CAL_MIN_DAY || as_of > CAL_MAX_DAY)
        return -1;
    ics_events ev = {0};
    char day[16], dtstamp[24];
    snprintf(dtstamp, sizeof dtstamp, "%sT000000Z", ics_date(as_of, day));
    ics_collect(inv, &ev);

    rpt_ics_line(out, "BEGIN", "VCALENDAR");
    rpt_ics_line(out, "VERSION", "2.0");
    rpt_ics_line(out, "PRODID", "-//commitplan//commitplan//EN");
    rpt_ics_line(out, "CALSCALE", "GREGORIAN");
    rpt_ics_line(out, "METHOD", "PUBLISH");
    cp_buf name = {0};
    cp_buf_printf(&name, "commitplan: %s", inv->organization ? inv->organization : inv->file);
    rpt_ics_text(out, "X-WR-CALNAME", cp_buf_str(&name));
    cp_buf_free(&name);
    for (size_t i = 0; i < ev.count; i++)
        ics_write_event(inv, pol, &ev.items[i], dtstamp, out);
    rpt_ics_line(out, "END", "VCALENDAR");

    for (size_t i = 0; i < ev.count; i++)
        free(ev.items[i].subject);
    free(ev.items);
    return 0;
}
