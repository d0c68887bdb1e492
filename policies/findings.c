/*
 * The rules engine's checks (rules.md §5): one pass over the subscriptions,
 * the plans and the containers of a loaded inventory, each check adding the
 * findings it sees, then one sort into the order the spec fixes. Every pass is
 * linear in the size of the inventory (containers are counted per plan in an
 * array indexed by plan), so large fleets are checked in one go.
 */
#include "config.h"

#include "policies/findings.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "calendar/base.h"

/*
 * The findings under construction, with the capacity of out->items, and three
 * scratch buffers in which a check writes the path, message and hint of the
 * finding it is about to add.
 */
typedef struct findings_ctx {
    rule_findings *out;
    size_t cap;
    const inv_inventory *inv;
    const pol_policy *pol;
    cal_day as_of;
    cp_buf path, message, hint;
} findings_ctx;

/* Replaces the contents of the scratch buffer b with the formatted text. */
static void findings_text(cp_buf *b, const char *fmt, ...) CP_PRINTF(2, 3);

static void findings_text(cp_buf *b, const char *fmt, ...)
{
    va_list ap;
    cp_buf_reset(b);
    va_start(ap, fmt);
    cp_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

/*
 * Adds one finding with the path, message and hint in the scratch buffers. The
 * four strings of a finding share one allocation that starts at subject, so a
 * large fleet costs one exact-size allocation per finding.
 */
static void findings_add(findings_ctx *c, const char *code, rule_severity severity,
                         const char *subject)
{
    rule_findings *out = c->out;
    if (out->count == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 64;
        out->items = xrealloc(out->items, c->cap * sizeof *out->items);
    }
    const char *parts[4] = {subject, cp_buf_str(&c->path), cp_buf_str(&c->message),
                            cp_buf_str(&c->hint)};
    size_t lens[4], total = 0;
    for (int i = 0; i < 4; i++)
        total += lens[i] = strlen(parts[i]) + 1;
    char *block = xmalloc(total);
    char *starts[4];
    for (int i = 0; i < 4; i++) {
        starts[i] = block;
        memcpy(block, parts[i], lens[i]);
        block += lens[i];
    }
    rule_finding *f = &out->items[out->count++];
    f->code = code;
    f->severity = severity;
    f->subject = starts[0];
    f->path = starts[1];
    f->message = starts[2];
    f->hint = starts[3];
    switch (severity) {
    case RULE_ERROR:
        out->n_errors++;
        break;
    case RULE_WARNING:
        out->n_warnings++;
        break;
    case RULE_INFO:
        out->n_infos++;
        break;
    }
}

static const char *findings_access_name(inv_access a)
{
    switch (a) {
    case INV_ACCESS_NOT_REQUESTED:
        return "not-requested";
    case INV_ACCESS_PENDING:
        return "pending";
    case INV_ACCESS_APPROVED:
        return "approved";
    case INV_ACCESS_REJECTED:
        return "rejected";
    }
    return "unknown";
}

/* approval-overdue. */
static void findings_subscription(findings_ctx *c, size_t i)
{
    const inv_subscription *s = &c->inv->subscriptions[i];
    if (s->access != INV_ACCESS_PENDING || s->approval_due == CAL_NONE ||
        c->as_of <= s->approval_due)
        return;
    char requested[CAL_ISO_LEN + 1] = "?", due[CAL_ISO_LEN + 1], as_of[CAL_ISO_LEN + 1];
    if (s->requested_on != CAL_NONE)
        cal_format_iso(s->requested_on, requested);
    cal_format_iso(s->approval_due, due);
    cal_format_iso(c->as_of, as_of);
    /*
     * The path names requested_on, the date the overdue decision counts from,
     * rather than access.status: that is the value to check against the
     * request's records (and the status is what changes once it is decided).
     */
    findings_text(&c->path, "subscriptions[%zu].access.requested_on", i);
    findings_text(&c->message,
                  "the access request of subscription %s, submitted on %s, was due "
                  "for a decision on %s and is still pending as of %s",
                  s->id, requested, due, as_of);
    if (s->contact)
        findings_text(&c->hint,
                      "ask %s to follow up the request with the vendor, then record "
                      "access.status and access.decided_on",
                      s->contact);
    else
        findings_text(&c->hint,
                      "follow up the request with the vendor, then record access.status and "
                      "access.decided_on");
    findings_add(c, "approval-overdue", RULE_WARNING, s->id);
}

/* subscription-not-approved and purchased-before-approval. */
static void findings_plan_subscription(findings_ctx *c, size_t i)
{
    const inv_plan *p = &c->inv->plans[i];
    if (p->subscription >= c->inv->n_subscriptions)
        return;
    const inv_subscription *s = &c->inv->subscriptions[p->subscription];

    if (s->access != INV_ACCESS_APPROVED) {
        findings_text(&c->path, "plans[%zu].subscription", i);
        findings_text(&c->message,
                      "plan %s is on subscription %s, whose access to disconnected "
                      "containers is %s, not approved",
                      p->id, s->id, findings_access_name(s->access));
        switch (s->access) {
        case INV_ACCESS_NOT_REQUESTED:
            findings_text(&c->hint,
                          "submit the disconnected containers request form for subscription "
                          "%s and record access.status pending with access.requested_on",
                          s->id);
            break;
        case INV_ACCESS_REJECTED:
            findings_text(&c->hint,
                          "the request for subscription %s was rejected: move the plan to a "
                          "subscription with approved access, or request access again",
                          s->id);
            break;
        default:
            findings_text(&c->hint,
                          "follow up the access request of subscription %s and record "
                          "access.status approved with access.decided_on once it is granted",
                          s->id);
            break;
        }
        findings_add(c, "subscription-not-approved", RULE_ERROR, p->id);
    }

    cal_day purchased = p->purchased_on_given ? p->purchased_on : p->term_start;
    if (s->decided_on != CAL_NONE && purchased != CAL_NONE && purchased < s->decided_on) {
        char bought[CAL_ISO_LEN + 1], decided[CAL_ISO_LEN + 1];
        cal_format_iso(purchased, bought);
        cal_format_iso(s->decided_on, decided);
        findings_text(&c->path, "plans[%zu].%s", i,
                      p->purchased_on_given ? "purchased_on" : "term_start");
        findings_text(&c->message,
                      "plan %s was purchased on %s%s, before the access decision of "
                      "subscription %s on %s",
                      p->id, bought, p->purchased_on_given ? "" : " (its term_start)", s->id,
                      decided);
        findings_text(&c->hint,
                      "check purchased_on of plan %s and access.decided_on of "
                      "subscription %s: a commitment plan for disconnected containers "
                      "can only be bought once access is approved",
                      p->id, s->id);
        findings_add(c, "purchased-before-approval", RULE_WARNING, p->id);
    }
}

/* service-unknown, inventory-stale, renewal-ignored and plan-ends-with-containers. */
static void findings_plan(findings_ctx *c, size_t i, size_t n_containers)
{
    const inv_plan *p = &c->inv->plans[i];
    char last[CAL_ISO_LEN + 1] = "?";
    if (p->last_day != CAL_NONE && p->last_day <= CAL_MAX_DAY)
        cal_format_iso(p->last_day, last);

    if (c->pol && !pol_catalog_service(c->pol, p->service)) {
        findings_text(&c->path, "plans[%zu].service", i);
        findings_text(&c->message, "plan %s is for service %s, which is not in the catalog", p->id,
                      p->service);
        findings_text(&c->hint,
                      "use a service name of the catalog, or add an entry for %s with "
                      "its image repositories to the policy's catalog",
                      p->service);
        findings_add(c, "service-unknown", RULE_WARNING, p->id);
    }

    if (p->last_day != CAL_NONE && c->as_of > p->last_day) {
        char as_of[CAL_ISO_LEN + 1];
        cal_format_iso(c->as_of, as_of);
        findings_text(&c->path, "plans[%zu].term_start", i);
        findings_text(&c->message,
                      "as of %s the current term of plan %s ended on %s: the file "
                      "still describes an ended term",
                      as_of, p->id, last);
        findings_text(&c->hint,
                      "update plan %s to the term it is in now (term_start, "
                      "purchased_on, units, unit_price), or remove it if it ended",
                      p->id);
        findings_add(c, "inventory-stale", RULE_WARNING, p->id);
    }

    if (p->has_renewal && !p->auto_renew) {
        findings_text(&c->path, "plans[%zu].renewal", i);
        findings_text(&c->message,
                      "plan %s gives renewal but auto_renew is false: the renewal "
                      "is ignored and the plan ends on %s",
                      p->id, last);
        findings_text(&c->hint,
                      "set auto_renew to true if the plan is to renew, or remove renewal");
        findings_add(c, "renewal-ignored", RULE_WARNING, p->id);
    }

    if (!p->auto_renew && n_containers > 0) {
        findings_text(&c->path, "plans[%zu].auto_renew", i);
        findings_text(
            &c->message,
            "plan %s does not auto-renew and %zu container%s run%s on it: after its last day %s "
            "they need a new plan and license (standard pricing needs a connection that "
            "disconnected sites lack)",
            p->id, n_containers, n_containers == 1 ? "" : "s", n_containers == 1 ? "s" : "", last);
        findings_text(&c->hint,
                      "turn auto-renew on for plan %s before the end of %s (UTC), or "
                      "buy a new plan and download new licenses while the sites are "
                      "connected",
                      p->id, last);
        findings_add(c, "plan-ends-with-containers", RULE_WARNING, p->id);
    }
}

/* license-missing, license-image-mismatch, license-expired and license-expires-in-term. */
static void findings_license(findings_ctx *c, size_t i, const inv_plan *plan)
{
    const inv_container *k = &c->inv->containers[i];
    if (!k->has_license) {
        findings_text(&c->path, "containers[%zu].license", i);
        findings_text(&c->message, "container %s has no license", k->id);
        findings_text(&c->hint,
                      "download a license for image version %s with DownloadLicense=True "
                      "while the site is connected, mount it, and record it under license",
                      k->version);
        findings_add(c, "license-missing", RULE_ERROR, k->id);
        return;
    }

    if (k->license_image_version && strcmp(k->license_image_version, k->version) != 0) {
        findings_text(&c->path, "containers[%zu].license.image_version", i);
        findings_text(&c->message,
                      "container %s runs version %s but its license was downloaded "
                      "for %s",
                      k->id, k->version, k->license_image_version);
        findings_text(&c->hint,
                      "pull the image %s and download a new license with "
                      "DownloadLicense=True while the site is connected, or deploy the "
                      "version the license was downloaded for (%s)",
                      k->version, k->license_image_version);
        findings_add(c, "license-image-mismatch", RULE_ERROR, k->id);
    }

    if (k->license_expires_on == CAL_NONE)
        return;
    char expires[CAL_ISO_LEN + 1], as_of[CAL_ISO_LEN + 1];
    cal_format_iso(k->license_expires_on, expires);
    cal_format_iso(c->as_of, as_of);
    if (k->license_expires_on < c->as_of) {
        findings_text(&c->path, "containers[%zu].license.expires_on", i);
        findings_text(&c->message, "the license of container %s expired on %s (as of %s)", k->id,
                      expires, as_of);
        findings_text(&c->hint,
                      "download a new license for image version %s with DownloadLicense=True "
                      "while the site is connected and replace the file at the license mount",
                      k->version);
        findings_add(c, "license-expired", RULE_ERROR, k->id);
    } else if (plan && plan->last_day != CAL_NONE && k->license_expires_on < plan->last_day) {
        char last[CAL_ISO_LEN + 1];
        cal_format_iso(plan->last_day, last);
        findings_text(&c->path, "containers[%zu].license.expires_on", i);
        findings_text(&c->message,
                      "the license of container %s expires on %s, before %s, the "
                      "last day of the current term of plan %s",
                      k->id, expires, last, plan->id);
        findings_text(&c->hint,
                      "download a new license with DownloadLicense=True before %s, "
                      "while the site can connect, and replace the file at the license "
                      "mount",
                      expires);
        findings_add(c, "license-expires-in-term", RULE_WARNING, k->id);
    }
}

/* image-service-mismatch and image-unknown. */
static void findings_image(findings_ctx *c, size_t i, const inv_plan *plan)
{
    const inv_container *k = &c->inv->containers[i];
    if (!c->pol)
        return;
    const pol_catalog_entry *e = pol_catalog_match(c->pol, k->image);
    if (!e) {
        findings_text(&c->path, "containers[%zu].image", i);
        findings_text(&c->message, "image %s of container %s matches no catalog entry", k->image,
                      k->id);
        findings_text(&c->hint, "use an image repository of the catalog (or a mirror of one), or "
                                "add the repository to the policy's catalog");
        findings_add(c, "image-unknown", RULE_WARNING, k->id);
        return;
    }
    if (plan && strcmp(e->service, plan->service) != 0) {
        findings_text(&c->path, "containers[%zu].image", i);
        findings_text(&c->message,
                      "image %s of container %s is service %s, but its plan %s is "
                      "for %s: a license works only for the container it was issued "
                      "for",
                      k->image, k->id, e->service, plan->id, plan->service);
        findings_text(&c->hint,
                      "run container %s on a plan for %s, or deploy the %s image its "
                      "plan %s is for",
                      k->id, e->service, plan->service, plan->id);
        findings_add(c, "image-service-mismatch", RULE_ERROR, k->id);
    }
}

/* kubernetes-env-colon, license-mount-missing and output-mount-missing. */
static void findings_env(findings_ctx *c, size_t i)
{
    const inv_container *k = &c->inv->containers[i];
    bool license_mount = k->mount_license != NULL, output_mount = k->mount_output != NULL;
    for (size_t j = 0; j < k->n_env; j++) {
        const char *name = k->env[j].name;
        if (!strcmp(name, "Mounts:License") || !strcmp(name, "Mounts__License"))
            license_mount = true;
        if (!strcmp(name, "Mounts:Output") || !strcmp(name, "Mounts__Output"))
            output_mount = true;
        if (k->platform == INV_KUBERNETES && strchr(name, ':')) {
            findings_text(&c->path, "containers[%zu].env.%s", i, name);
            findings_text(&c->message,
                          "container %s runs on Kubernetes, where the environment "
                          "variable name %s cannot contain ':'",
                          k->id, name);
            cp_buf_reset(&c->hint);
            cp_buf_puts(&c->hint, "name it ");
            for (const char *q = name; *q; q++) {
                if (*q == ':')
                    cp_buf_puts(&c->hint, "__");
                else
                    cp_buf_putc(&c->hint, *q);
            }
            findings_add(c, "kubernetes-env-colon", RULE_ERROR, k->id);
        }
    }
    if (!license_mount) {
        findings_text(&c->path, "containers[%zu].mounts.license", i);
        findings_text(&c->message,
                      "container %s has no license mount: it cannot read its "
                      "license",
                      k->id);
        findings_text(&c->hint, "set mounts.license to the container path of the license folder "
                                "(or the env entry Mounts__License)");
        findings_add(c, "license-mount-missing", RULE_ERROR, k->id);
    }
    if (!output_mount) {
        findings_text(&c->path, "containers[%zu].mounts.output", i);
        findings_text(&c->message,
                      "container %s has no output mount: usage records would be "
                      "lost",
                      k->id);
        findings_text(&c->hint, "set mounts.output to the container path of the output folder "
                                "(or the env entry Mounts__Output)");
        findings_add(c, "output-mount-missing", RULE_ERROR, k->id);
    }
}

/* Severity, subject, code, path bytewise; message and hint only to make the order total. */
static int findings_compare(const void *pa, const void *pb)
{
    const rule_finding *a = pa, *b = pb;
    if (a->severity != b->severity)
        return a->severity < b->severity ? -1 : 1;
    int r = cp_strcmp(a->subject, b->subject);
    if (!r)
        r = cp_strcmp(a->code, b->code);
    if (!r)
        r = cp_strcmp(a->path, b->path);
    if (!r)
        r = cp_strcmp(a->message, b->message);
    if (!r)
        r = cp_strcmp(a->hint, b->hint);
    return r;
}

void rule_findings_compute(const inv_inventory *inv, const pol_policy *pol, cal_day as_of,
                           rule_findings *out)
{
    memset(out, 0, sizeof *out);
    findings_ctx c = {.out = out, .inv = inv, .pol = pol, .as_of = as_of};
    size_t *containers_per_plan = xcalloc(inv->n_plans, sizeof *containers_per_plan);

    for (size_t i = 0; i < inv->n_subscriptions; i++)
        findings_subscription(&c, i);

    for (size_t i = 0; i < inv->n_containers; i++) {
        const inv_container *k = &inv->containers[i];
        const inv_plan *plan = NULL;
        if (k->plan < inv->n_plans) {
            plan = &inv->plans[k->plan];
            containers_per_plan[k->plan]++;
        }
        findings_license(&c, i, plan);
        findings_image(&c, i, plan);
        findings_env(&c, i);
    }

    for (size_t i = 0; i < inv->n_plans; i++) {
        findings_plan_subscription(&c, i);
        findings_plan(&c, i, containers_per_plan[i]);
    }

    free(containers_per_plan);
    cp_buf_free(&c.path);
    cp_buf_free(&c.message);
    cp_buf_free(&c.hint);
    if (out->count > 1)
        qsort(out->items, out->count, sizeof *out->items, findings_compare);
}

void rule_findings_free(rule_findings *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->count; i++)
        free(f->items[i].subject); /* the block of all four strings */
    free(f->items);
    memset(f, 0, sizeof *f);
}

const char *rule_severity_name(rule_severity s)
{
    switch (s) {
    case RULE_ERROR:
        return "error";
    case RULE_WARNING:
        return "warning";
    case RULE_INFO:
        return "info";
    }
    return "unknown";
}
