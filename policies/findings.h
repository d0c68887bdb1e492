/*
 * The rules engine's checks (rules.md §5): findings about the inventory — rule
 * violations that never stop a plan — with a code, severity, subject, JSON
 * path, message and hint, in the order the spec fixes.
 */
#ifndef COMMITPLAN_FINDINGS_H
#define COMMITPLAN_FINDINGS_H

#include <stddef.h>

#include "calendar/date.h"
#include "planner/inventory.h"
#include "policies/policy.h"

typedef enum { RULE_ERROR, RULE_WARNING, RULE_INFO } rule_severity;

typedef struct rule_finding {
    const char *code; /* static string, e.g. "license-missing" */
    rule_severity severity;
    char *subject; /* id of the plan, container or subscription */
    char *path;    /* JSON path, e.g. "containers[0].env.Mounts:License" */
    char *message;
    char *hint; /* never NULL */
} rule_finding;

typedef struct rule_findings {
    rule_finding *items; /* ordered: severity, subject, code, path (bytewise) */
    size_t count;
    size_t n_errors, n_warnings, n_infos;
} rule_findings;

/* Every finding of rules.md §5 as of as_of. Free with rule_findings_free. */
void rule_findings_compute(const inv_inventory *inv, const pol_policy *pol, cal_day as_of,
                           rule_findings *out);
void rule_findings_free(rule_findings *f);
const char *rule_severity_name(rule_severity s);

#endif
