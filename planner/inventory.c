/*
 * The inventory loader (inventory.md): reads the file with the JSON reader,
 * checks every key, type and form, resolves ids through hash tables, and
 * computes each plan's term, deadlines and charges (rules.md §1-§4) with the
 * settings the policy hook gives. Every input error of the file is reported
 * with its location and JSON path; the model is returned only when there is
 * none. JSON paths are built only when an error is reported, so a large valid
 * inventory costs little more than its parse.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar/zone.h"
#include "planner/inventory.h"

#define INV_COUNT_MAX 1000000
#define INV_ID_MAX 64
#define INV_REF_HINT_IDS 5
/*
 * Amounts up to 10^15 major units must fit int64 minor units (money.h), which
 * holds 3 minor digits (10^18) but not 4; ICU's common currencies have 0 to 3.
 */
#define INV_CURRENCY_DIGITS_MAX 3

/* A JSON path as a chain of frames on the stack: a key, or an index when key is NULL. */
typedef struct inv_path {
    const struct inv_path *up;
    const char *key;
    size_t index;
} inv_path;

#define INV_KEY(parent, k) ((inv_path){(parent), (k), 0})
#define INV_INDEX(parent, i) ((inv_path){(parent), NULL, (i)})

/* One slot of an inv_map: a key (NULL when free), its hash, its value. */
typedef struct inv_map_slot {
    const char *key;
    uint64_t hash;
    size_t value;
} inv_map_slot;

/*
 * Open-addressing hash from a string to an index. Keys are borrowed. A slot
 * keeps its key's hash, so a probe reads the key's bytes only when the hashes
 * agree, and growing does not hash the keys again.
 */
typedef struct inv_map {
    inv_map_slot *slots;
    size_t cap; /* a power of two, or 0 */
    size_t n;
} inv_map;

typedef struct inv_loader {
    const jr_doc *doc;
    cp_errors *errs;
    bool failed;
    inv_inventory *inv;
    int digits; /* currency minor digits, -1 when the currency is invalid */
    bool subscriptions_ok, plans_ok;
    bool settings_ok; /* false when the policy failed: the term basis and deadlines are unknown */
    inv_map subscription_ids, container_ids;
    inv_map zone_cache; /* zone name (borrowed from the document) -> 1 valid, 0 not */
    cp_buf scratch;
} inv_loader;

/* ---- hash map ---- */

static uint64_t inventory_hash(const char *s)
{
    uint64_t h = 14695981039346656037u;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        h ^= *p;
        h *= 1099511628211u;
    }
    return h;
}

static void inventory_map_init(inv_map *m, size_t expected)
{
    size_t cap = 16;
    while (cap < expected * 2)
        cap *= 2;
    m->slots = xcalloc(cap, sizeof *m->slots);
    m->cap = cap;
    m->n = 0;
}

static void inventory_map_free(inv_map *m)
{
    if (!m)
        return;
    free(m->slots);
    memset(m, 0, sizeof *m);
}

/* The slot holding key (hash h), or the free slot where it would go. */
static inv_map_slot *inventory_map_slot(const inv_map *m, const char *key, uint64_t h)
{
    size_t mask = m->cap - 1;
    size_t i = (size_t)h & mask;
    while (m->slots[i].key && (m->slots[i].hash != h || strcmp(m->slots[i].key, key) != 0))
        i = (i + 1) & mask;
    return &m->slots[i];
}

/* The index stored for key, or -1. */
static long inventory_map_get(const inv_map *m, const char *key)
{
    if (!m->cap)
        return -1;
    const inv_map_slot *s = inventory_map_slot(m, key, inventory_hash(key));
    return s->key ? (long)s->value : -1;
}

static void inventory_map_grow(inv_map *m)
{
    inv_map bigger;
    inventory_map_init(&bigger, m->cap);
    size_t mask = bigger.cap - 1;
    for (size_t i = 0; i < m->cap; i++) {
        if (m->slots[i].key) { /* keys are unique: the first free slot is theirs */
            size_t j = (size_t)m->slots[i].hash & mask;
            while (bigger.slots[j].key)
                j = (j + 1) & mask;
            bigger.slots[j] = m->slots[i];
            bigger.n++;
        }
    }
    inventory_map_free(m);
    *m = bigger;
}

/* Adds key -> value unless key is there; returns -1 when added, else the index already stored. */
static long inventory_map_add(inv_map *m, const char *key, size_t value)
{
    if (!m->cap)
        inventory_map_init(m, 8);
    if ((m->n + 1) * 2 > m->cap)
        inventory_map_grow(m);
    uint64_t h = inventory_hash(key);
    inv_map_slot *s = inventory_map_slot(m, key, h);
    if (s->key)
        return (long)s->value;
    s->key = key;
    s->hash = h;
    s->value = value;
    m->n++;
    return -1;
}

/* ---- errors ---- */

static void inventory_path_render(const inv_path *p, cp_buf *out)
{
    if (!p)
        return;
    inventory_path_render(p->up, out);
    if (p->key) {
        if (out->len)
            cp_buf_putc(out, '.');
        cp_buf_puts(out, p->key);
    } else {
        cp_buf_printf(out, "[%zu]", p->index);
    }
}

static void inventory_error(inv_loader *L, const jr_value *v, bool at_key, const inv_path *p,
                            const char *hint, const char *fmt, ...) CP_PRINTF(6, 7);

static void inventory_error(inv_loader *L, const jr_value *v, bool at_key, const inv_path *p,
                            const char *hint, const char *fmt, ...)
{
    cp_buf path = {0}, msg = {0};
    inventory_path_render(p, &path);
    va_list ap;
    va_start(ap, fmt);
    cp_buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    jr_error(L->doc, L->errs, v, at_key, cp_buf_str(&path), hint, "%s", cp_buf_str(&msg));
    cp_buf_free(&path);
    cp_buf_free(&msg);
    L->failed = true;
}

/* A short quoted form of a value for messages: "\"2026-02-30\"", "2.0", "an object". */
static const char *inventory_shown(inv_loader *L, const jr_value *v)
{
    cp_buf_reset(&L->scratch);
    if (v->type == JR_STRING) {
        cp_buf_putc(&L->scratch, '"');
        if (v->len > 40) {
            cp_buf_put(&L->scratch, v->str, 37);
            cp_buf_puts(&L->scratch, "...");
        } else {
            cp_buf_put(&L->scratch, v->str, v->len);
        }
        cp_buf_putc(&L->scratch, '"');
    } else if (v->type == JR_NUMBER) {
        cp_buf_put(&L->scratch, v->str, v->len > 40 ? 40 : v->len);
    } else {
        cp_buf_puts(&L->scratch, jr_type_name(v));
    }
    return cp_buf_str(&L->scratch);
}

/* ---- keys ---- */

static size_t inventory_edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return 99;
    size_t row[65];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

/*
 * Matches every member of obj against names[0..n): slots[k] is the member
 * named names[k] (the first if repeated) or NULL. Unknown keys are errors,
 * except those starting with "x-".
 */
static void inventory_members(inv_loader *L, const jr_value *obj, const inv_path *p,
                              const char *const *names, size_t n, const jr_value **slots)
{
    for (size_t k = 0; k < n; k++)
        slots[k] = NULL;
    for (const jr_value *m = obj->child; m; m = m->next) {
        size_t k = 0;
        while (k < n && (m->key[0] != names[k][0] || strcmp(m->key, names[k]) != 0))
            k++;
        if (k < n) {
            if (!slots[k])
                slots[k] = m;
            continue;
        }
        if (m->key[0] == 'x' && m->key[1] == '-')
            continue;
        size_t best = 3, best_k = n;
        for (size_t j = 0; j < n; j++) {
            size_t d = inventory_edit_distance(m->key, names[j]);
            if (d < best) {
                best = d;
                best_k = j;
            }
        }
        char *hint = best_k < n ? xasprintf("did you mean \"%s\"?", names[best_k])
                                : xstrdup("keys starting with \"x-\" are kept and ignored");
        inv_path kp = INV_KEY(p, m->key);
        inventory_error(L, m, true, &kp, hint, "unknown key \"%s\"", m->key);
        free(hint);
    }
}

/* Reports names[k] missing from obj when slots[k] is NULL; returns whether it is present. */
static bool inventory_required(inv_loader *L, const jr_value *obj, const inv_path *p,
                               const char *name, const jr_value *slot, const char *hint)
{
    if (slot)
        return true;
    inv_path kp = INV_KEY(p, name);
    inventory_error(L, obj, false, &kp, hint, "missing required key \"%s\"", name);
    return false;
}

/* ---- values ---- */

static bool inventory_type(inv_loader *L, const jr_value *v, const inv_path *p, jr_type want,
                           const char *what)
{
    if (v->type == want)
        return true;
    inventory_error(L, v, false, p, NULL, "expected %s, found %s", what, inventory_shown(L, v));
    return false;
}

static bool inventory_object(inv_loader *L, const jr_value *v, const inv_path *p)
{
    return inventory_type(L, v, p, JR_OBJECT, "an object");
}

static bool inventory_array(inv_loader *L, const jr_value *v, const inv_path *p)
{
    return inventory_type(L, v, p, JR_ARRAY, "an array");
}

/*
 * A string (non-empty when required) into *out, which points at the
 * document's text (kept for the model); v may be NULL (absent).
 */
static bool inventory_string(inv_loader *L, const jr_value *v, const inv_path *p, bool required,
                             const char **out)
{
    if (!v)
        return false;
    if (!inventory_type(L, v, p, JR_STRING, "a string"))
        return false;
    if (required && v->len == 0) {
        inventory_error(L, v, false, p, NULL, "expected a non-empty string, found \"\"");
        return false;
    }
    *out = v->str;
    return true;
}

/*
 * The 1-based character position of the first control character (C0, DEL,
 * C1, or a bidirectional override U+202A..U+202E, U+2066..U+2069) in s; 0
 * when there is none. Such characters would break or restyle the lines that
 * show the value.
 */
static size_t inventory_control_at(const char *s, size_t len)
{
    /* Bytes that may start a control character: C0, DEL, 0xc2 (C1), 0xe2 (the overrides). */
    static const unsigned char maybe[256] = {
        [0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1,
        [0x07] = 1, [0x08] = 1, [0x09] = 1, [0x0a] = 1, [0x0b] = 1, [0x0c] = 1, [0x0d] = 1,
        [0x0e] = 1, [0x0f] = 1, [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1,
        [0x15] = 1, [0x16] = 1, [0x17] = 1, [0x18] = 1, [0x19] = 1, [0x1a] = 1, [0x1b] = 1,
        [0x1c] = 1, [0x1d] = 1, [0x1e] = 1, [0x1f] = 1, [0x7f] = 1, [0xc2] = 1, [0xe2] = 1};
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < len && !maybe[u[i]])
        i++;
    if (i == len)
        return 0; /* the usual case: one pass, no counting */
    size_t chars = 0;
    for (i = 0; i < len; i++) {
        if ((u[i] & 0xc0) != 0x80)
            chars++;
        if (u[i] < 0x20 || u[i] == 0x7f)
            return chars;
        if (u[i] == 0xc2 && i + 1 < len && u[i + 1] >= 0x80 && u[i + 1] <= 0x9f)
            return chars;
        if (u[i] == 0xe2 && i + 2 < len &&
            ((u[i + 1] == 0x80 && u[i + 2] >= 0xaa && u[i + 2] <= 0xae) ||
             (u[i + 1] == 0x81 && u[i + 2] >= 0xa6 && u[i + 2] <= 0xa9)))
            return chars;
    }
    return 0;
}

static bool inventory_has_control(const char *s, size_t len)
{
    return inventory_control_at(s, len) != 0;
}

/*
 * A required name that is matched and shown in findings (an image reference, a
 * tag, a service): a non-empty string without control characters, into *out.
 */
static bool inventory_name(inv_loader *L, const jr_value *v, const inv_path *p, const char *what,
                           const char **out)
{
    if (!inventory_string(L, v, p, true, out))
        return false;
    size_t at = inventory_control_at(v->str, v->len);
    if (!at)
        return true;
    char hint[64];
    snprintf(hint, sizeof hint, "remove character %zu", at);
    inventory_error(L, v, false, p, hint, "expected %s without control characters, found %s", what,
                    inventory_shown(L, v));
    return false;
}

static bool inventory_bool(inv_loader *L, const jr_value *v, const inv_path *p, bool *out)
{
    if (!v)
        return false;
    if (v->type != JR_TRUE && v->type != JR_FALSE) {
        inventory_error(L, v, false, p, NULL, "expected true or false, found %s",
                        inventory_shown(L, v));
        return false;
    }
    *out = v->type == JR_TRUE;
    return true;
}

static bool inventory_date(inv_loader *L, const jr_value *v, const inv_path *p, cal_day *out)
{
    if (!v)
        return false;
    if (v->type != JR_STRING) {
        inventory_error(L, v, false, p, "write dates as strings, e.g. \"2026-01-01\"",
                        "expected a date string YYYY-MM-DD, found %s", inventory_shown(L, v));
        return false;
    }
    if (cal_parse_iso(v->str, v->len, out) == 0)
        return true;
    const char *hint = NULL;
    char extra[96];
    bool digits = v->len == CAL_ISO_LEN;
    for (size_t i = 0; digits && i < CAL_ISO_LEN; i++)
        digits = i == 4 || i == 7 || (v->str[i] >= '0' && v->str[i] <= '9');
    cal_day ignored;
    int y = 0, m = 0, d = 0, used = 0;
    if (digits && v->str[4] == '-' && v->str[7] == '-') {
        y = atoi(v->str);
        m = atoi(v->str + 5);
        if (y >= 1970 && y <= 9999 && m >= 1 && m <= 12) {
            snprintf(extra, sizeof extra, "%.7s has %d days", v->str, cal_days_in_month(y, m));
            hint = extra;
        }
    } else if (v->len > CAL_ISO_LEN && cal_parse_iso(v->str, CAL_ISO_LEN, &ignored) == 0 &&
               (v->str[CAL_ISO_LEN] == 'T' || v->str[CAL_ISO_LEN] == ' ')) {
        snprintf(extra, sizeof extra, "write the date alone, without a time of day: \"%.10s\"",
                 v->str);
        hint = extra;
    } else if (sscanf(v->str, "%4d-%2d-%2d%n", &y, &m, &d, &used) == 3 && (size_t)used == v->len &&
               strspn(v->str, "0123456789-") == v->len && y >= 1970 && m >= 1 && m <= 12 &&
               d >= 1 && d <= 31) {
        snprintf(extra, sizeof extra,
                 "write the month and the day with two digits each: "
                 "\"%04d-%02d-%02d\"",
                 y, m, d);
        hint = extra;
    }
    inventory_error(L, v, false, p, hint,
                    "expected a date YYYY-MM-DD between 1970-01-01 and 9999-12-31, found %s",
                    inventory_shown(L, v));
    return false;
}

static bool inventory_money(inv_loader *L, const jr_value *v, const inv_path *p, money_micros *out,
                            int *decimals)
{
    if (!v)
        return false;
    if (v->type == JR_NUMBER) {
        inventory_error(L, v, false, p, "write money as a string, e.g. \"74100.00\"",
                        "money must be a string like \"74100.00\", not a number");
        return false;
    }
    if (!inventory_type(L, v, p, JR_STRING, "money as a string like \"74100.00\""))
        return false;
    if (money_parse(v->str, v->len, out) != MONEY_OK) {
        inventory_error(L, v, false, p,
                        "money is 1 to 13 digits, optionally a point and 1 to 6 decimals, "
                        "with no sign, spaces or thousands separators",
                        "expected money like \"74100.00\", found %s", inventory_shown(L, v));
        return false;
    }
    *decimals = money_given_decimals(v->str, v->len);
    return true;
}

/* A count: a JSON integer in [min, INV_COUNT_MAX]. */
static bool inventory_count(inv_loader *L, const jr_value *v, const inv_path *p, int64_t min,
                            int64_t *out)
{
    if (!v)
        return false;
    if (v->type != JR_NUMBER) {
        inventory_error(L, v, false, p,
                        v->type == JR_STRING ? "write counts as JSON integers, without quotes"
                                             : NULL,
                        "expected an integer count, found %s", inventory_shown(L, v));
        return false;
    }
    if (!jr_is_integer(v)) {
        inventory_error(L, v, false, p, "write counts as plain integers, e.g. 2",
                        "expected an integer count, found %s", inventory_shown(L, v));
        return false;
    }
    if (jr_int_in(v, min, INV_COUNT_MAX, out) != 0) {
        inventory_error(L, v, false, p, NULL, "expected a count from %lld to %d, found %s",
                        (long long)min, INV_COUNT_MAX, inventory_shown(L, v));
        return false;
    }
    return true;
}

static bool inventory_id_form(const char *s, size_t len)
{
    if (len < 1 || len > INV_ID_MAX)
        return false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-')))
            return false;
    }
    return true;
}

/*
 * An id string, into *out even when malformed (so references to it still
 * resolve); returns whether it was a string.
 */
static bool inventory_id(inv_loader *L, const jr_value *v, const inv_path *p, const char **out)
{
    if (!v)
        return false;
    if (!inventory_type(L, v, p, JR_STRING, "an id string"))
        return false;
    if (!inventory_id_form(v->str, v->len))
        inventory_error(L, v, false, p,
                        "an id is 1 to 64 letters, digits, '.', '_' or '-', starting with a "
                        "letter or digit",
                        "expected an id, found %s", inventory_shown(L, v));
    *out = v->str;
    return true;
}

/* Registers id (owned by the model) at index in map; a repeat is an error naming the first. */
static void inventory_unique(inv_loader *L, inv_map *map, const char *id, size_t index,
                             const jr_value *v, const inv_path *p, const char *array)
{
    long first = inventory_map_add(map, id, index);
    if (first >= 0)
        inventory_error(L, v, false, p, "ids must be unique within their array",
                        "duplicate id \"%s\": %s[%ld] has it already", id, array, first);
}

/*
 * Why a file of the system's zoneinfo is not an IANA zone name, or NULL when it
 * may be one: "localtime" is the machine's own zone (output would change from
 * machine to machine), "posixrules" is the template of POSIX TZ strings,
 * "right/" zones count leap seconds (their offsets are wrong for UTC
 * instants), and "posix/" repeats every zone under a second name.
 */
static const char *inventory_zone_not_iana(const char *name)
{
    if (strcmp(name, "localtime") == 0)
        return "\"localtime\" is this machine's own zone, not an IANA zone: name the zone, "
               "e.g. \"Europe/Berlin\"";
    if (strcmp(name, "posixrules") == 0)
        return "\"posixrules\" is a template for POSIX TZ strings, not an IANA zone: name the "
               "zone, e.g. \"America/New_York\"";
    if (strncmp(name, "right/", 6) == 0)
        return "zones under \"right/\" count leap seconds and give wrong offsets for UTC "
               "times: drop the \"right/\"";
    if (strncmp(name, "posix/", 6) == 0)
        return "\"posix/\" repeats the IANA zones under a second name: drop the \"posix/\"";
    return NULL;
}

static bool inventory_zone(inv_loader *L, const jr_value *v, const inv_path *p, const char **out)
{
    if (!inventory_string(L, v, p, true, out))
        return false;
    const char *not_iana = inventory_zone_not_iana(v->str);
    if (not_iana) {
        inventory_error(L, v, false, p, not_iana, "%s is not an IANA time zone name",
                        inventory_shown(L, v));
        return false;
    }
    long known = inventory_map_get(&L->zone_cache, v->str);
    if (known < 0) {
        known = cal_zone_valid(v->str) ? 1 : 0;
        inventory_map_add(&L->zone_cache, v->str, (size_t)known);
    }
    if (!known) {
        inventory_error(L, v, false, p,
                        "use an IANA zone name the system's zoneinfo has, e.g. "
                        "\"America/Los_Angeles\"",
                        "unknown time zone %s", inventory_shown(L, v));
        return false;
    }
    return true;
}

/* A hint listing the first few ids of a list: "known plans: \"a\", \"b\"". Free with free(). */
static char *inventory_known_ids(const char *what, const char *const *ids, size_t stride, size_t n)
{
    cp_buf b = {0};
    size_t shown = 0;
    for (size_t i = 0; i < n && shown < INV_REF_HINT_IDS; i++) {
        const char *id = *(const char *const *)((const char *)ids + i * stride);
        if (!id)
            continue;
        cp_buf_printf(&b, "%s\"%s\"", shown ? ", " : "", id);
        shown++;
    }
    char *hint;
    if (!shown && n)
        hint = xasprintf("none of the %s has a valid id", what);
    else if (!shown)
        hint = xasprintf("there are no %s", what);
    else
        hint = xasprintf("known %s: %s%s", what, cp_buf_str(&b), n > shown ? ", ..." : "");
    cp_buf_free(&b);
    return hint;
}

/* ---- subscriptions ---- */

enum { SUB_ID, SUB_NAME, SUB_ACCESS, SUB_CONTACT, SUB_N };
static const char *const inventory_sub_keys[SUB_N] = {"id", "name", "access", "contact"};
enum { ACC_STATUS, ACC_REQUESTED_ON, ACC_DECIDED_ON, ACC_N };
static const char *const inventory_access_keys[ACC_N] = {"status", "requested_on", "decided_on"};

static const char *const inventory_access_names[] = {"not-requested", "pending", "approved",
                                                     "rejected"};

static void inventory_access(inv_loader *L, const jr_value *v, const inv_path *p,
                             inv_subscription *s)
{
    if (!inventory_object(L, v, p))
        return;
    const jr_value *f[ACC_N];
    inventory_members(L, v, p, inventory_access_keys, ACC_N, f);
    inv_path kp_status = INV_KEY(p, "status"), kp_req = INV_KEY(p, "requested_on"),
             kp_dec = INV_KEY(p, "decided_on");
    bool status_ok = false;
    if (inventory_required(L, v, p, "status", f[ACC_STATUS], NULL) &&
        inventory_type(L, f[ACC_STATUS], &kp_status, JR_STRING, "an access status string")) {
        for (size_t i = 0; i < 4; i++) {
            if (strcmp(f[ACC_STATUS]->str, inventory_access_names[i]) == 0) {
                s->access = (inv_access)i;
                status_ok = true;
            }
        }
        if (!status_ok)
            inventory_error(L, f[ACC_STATUS], false, &kp_status,
                            "the status is \"not-requested\", \"pending\", \"approved\" or "
                            "\"rejected\"",
                            "unknown access status %s", inventory_shown(L, f[ACC_STATUS]));
    }
    bool req_ok = inventory_date(L, f[ACC_REQUESTED_ON], &kp_req, &s->requested_on);
    bool dec_ok = inventory_date(L, f[ACC_DECIDED_ON], &kp_dec, &s->decided_on);
    if (status_ok && s->access != INV_ACCESS_NOT_REQUESTED && !f[ACC_REQUESTED_ON]) {
        char *hint = xasprintf("access \"%s\" needs the date the request form was submitted",
                               inventory_access_names[s->access]);
        inventory_required(L, v, p, "requested_on", NULL, hint);
        free(hint);
    }
    if (req_ok && dec_ok && s->decided_on < s->requested_on) {
        char a[CAL_ISO_LEN + 1], b[CAL_ISO_LEN + 1];
        inventory_error(L, f[ACC_DECIDED_ON], false, &kp_dec, NULL,
                        "decided_on %s is before requested_on %s", cal_format_iso(s->decided_on, a),
                        cal_format_iso(s->requested_on, b));
    }
    if (status_ok && req_ok && s->access == INV_ACCESS_PENDING && L->settings_ok) {
        if (cal_busday_offset(&L->inv->settings.busdays, s->requested_on,
                              L->inv->settings.approval_review, CAL_ROLL_FORWARD,
                              &s->approval_due) != 0) {
            s->approval_due = CAL_NONE;
            inventory_error(L, f[ACC_REQUESTED_ON], false, &kp_req, NULL,
                            "computed date after 9999-12-31: the approval due %d business days "
                            "after this date",
                            L->inv->settings.approval_review);
        }
    }
}

static void inventory_subscription(inv_loader *L, const jr_value *v, const inv_path *p, size_t i)
{
    inv_subscription *s = &L->inv->subscriptions[i];
    s->requested_on = s->decided_on = s->approval_due = CAL_NONE;
    if (!inventory_object(L, v, p))
        return;
    const jr_value *f[SUB_N];
    inventory_members(L, v, p, inventory_sub_keys, SUB_N, f);
    inv_path kp_id = INV_KEY(p, "id"), kp_name = INV_KEY(p, "name"),
             kp_access = INV_KEY(p, "access"), kp_contact = INV_KEY(p, "contact");
    if (inventory_required(L, v, p, "id", f[SUB_ID], NULL) &&
        inventory_id(L, f[SUB_ID], &kp_id, &s->id))
        inventory_unique(L, &L->subscription_ids, s->id, i, f[SUB_ID], &kp_id, "subscriptions");
    inventory_string(L, f[SUB_NAME], &kp_name, false, &s->name);
    if (inventory_required(L, v, p, "access", f[SUB_ACCESS], NULL))
        inventory_access(L, f[SUB_ACCESS], &kp_access, s);
    inventory_string(L, f[SUB_CONTACT], &kp_contact, false, &s->contact);
}

/* ---- plans ---- */

enum {
    PLAN_ID,
    PLAN_SUBSCRIPTION,
    PLAN_RESOURCE,
    PLAN_SERVICE,
    PLAN_TIER,
    PLAN_TERM_START,
    PLAN_PURCHASED_ON,
    PLAN_UNITS,
    PLAN_UNIT_PRICE,
    PLAN_QUOTA,
    PLAN_PURCHASES,
    PLAN_AUTO_RENEW,
    PLAN_RENEWAL,
    PLAN_OWNER,
    PLAN_COST_CENTER,
    PLAN_PO,
    PLAN_TIME_ZONE,
    PLAN_N
};
static const char *const inventory_plan_keys[PLAN_N] = {
    "id",         "subscription", "resource", "service",    "tier",
    "term_start", "purchased_on", "units",    "unit_price", "quota_per_unit",
    "purchases",  "auto_renew",   "renewal",  "owner",      "cost_center",
    "po",         "time_zone"};
enum { QUOTA_QUANTITY, QUOTA_UNIT, QUOTA_METERS, QUOTA_N };
static const char *const inventory_quota_keys[QUOTA_N] = {"quantity", "unit", "meters"};
enum { BUY_DATE, BUY_UNITS, BUY_PO, BUY_NOTE, BUY_N };
static const char *const inventory_purchase_keys[BUY_N] = {"date", "units", "po", "note"};
enum { REN_UNITS, REN_UNIT_PRICE, REN_N };
static const char *const inventory_renewal_keys[REN_N] = {"units", "unit_price"};

#define INV_QUANTITY_INT_DIGITS 12 /* a quota per unit is below 10^12 */
#define INV_QUANTITY_DECIMALS 6    /* ... with at most 6 decimals: 18 digits in all */

/*
 * Whether a JSON number literal is a quota quantity the planner can hold
 * exactly: greater than 0, below 10^12, with at most 6 decimals once the
 * exponent is applied (so 2.5e3 is fine, 1e-7 and 1e12 are not). Usage sums
 * quotas exactly in 18 digits; an inventory that `check` accepts must not be
 * refused later by `usage`. Returns NULL, or the rule the value breaks.
 */
static const char *inventory_quantity_why(const char *s)
{
    if (*s == '-')
        return "greater than 0";
    const char *frac = NULL;
    size_t first = 0, last = 0, n = 0, frac_digits = 0; /* significant digits first..last of n */
    long exp = 0;
    for (; *s && *s != 'e' && *s != 'E'; s++) {
        if (*s == '.') {
            frac = s;
            continue;
        }
        n++;
        if (frac)
            frac_digits++;
        if (*s != '0') {
            if (!first)
                first = n;
            last = n;
        }
    }
    if (!first)
        return "greater than 0";
    if (*s) {
        bool negative = s[1] == '-';
        for (s += 1 + (s[1] == '-' || s[1] == '+'); *s; s++)
            if (exp < 1000000)
                exp = exp * 10 + (*s - '0');
        if (negative)
            exp = -exp;
    }
    /* the value is digits first..last times 10^k */
    long k = exp - (long)frac_digits + (long)(n - last);
    long int_digits = (long)(last - first + 1) + k;
    if (k < -INV_QUANTITY_DECIMALS)
        return "with at most 6 decimals";
    if (int_digits > INV_QUANTITY_INT_DIGITS)
        return "below 10^12";
    return NULL;
}

static void inventory_quota(inv_loader *L, const jr_value *v, const inv_path *p, inv_plan *pl)
{
    if (!inventory_object(L, v, p))
        return;
    const jr_value *f[QUOTA_N];
    inventory_members(L, v, p, inventory_quota_keys, QUOTA_N, f);
    inv_quota *q = pl->quota = cp_arena_calloc(&L->inv->arena, 1, sizeof *q);
    inv_path kp_q = INV_KEY(p, "quantity"), kp_u = INV_KEY(p, "unit"), kp_m = INV_KEY(p, "meters");
    if (inventory_required(L, v, p, "quantity", f[QUOTA_QUANTITY], NULL) &&
        inventory_type(L, f[QUOTA_QUANTITY], &kp_q, JR_NUMBER, "a number greater than 0")) {
        const char *why = inventory_quantity_why(f[QUOTA_QUANTITY]->str);
        if (why)
            inventory_error(L, f[QUOTA_QUANTITY], false, &kp_q,
                            "a quota per unit is greater than 0 and below 10^12, with at most 6 "
                            "decimals",
                            "expected a number %s, found %s", why,
                            inventory_shown(L, f[QUOTA_QUANTITY]));
        else
            q->quantity = f[QUOTA_QUANTITY]->str;
    }
    if (inventory_required(L, v, p, "unit", f[QUOTA_UNIT], NULL))
        inventory_string(L, f[QUOTA_UNIT], &kp_u, true, &q->unit);
    if (inventory_required(L, v, p, "meters", f[QUOTA_METERS], NULL) &&
        inventory_array(L, f[QUOTA_METERS], &kp_m)) {
        q->meters = cp_arena_calloc(&L->inv->arena, f[QUOTA_METERS]->len, sizeof *q->meters);
        size_t i = 0;
        for (const jr_value *e = f[QUOTA_METERS]->child; e; e = e->next, i++) {
            inv_path ip = INV_INDEX(&kp_m, i);
            inventory_string(L, e, &ip, true, &q->meters[i]);
        }
        q->n_meters = i;
    }
}

/* Validates purchases[]; returns true when every entry has a valid date and units. */
static bool inventory_purchases(inv_loader *L, const jr_value *v, const inv_path *p, inv_plan *pl)
{
    if (!inventory_array(L, v, p))
        return false;
    bool all_ok = true;
    pl->purchases = cp_arena_calloc(&L->inv->arena, v->len, sizeof *pl->purchases);
    pl->n_purchases = v->len;
    size_t i = 0;
    for (const jr_value *e = v->child; e; e = e->next, i++) {
        inv_path ip = INV_INDEX(p, i);
        inv_purchase *b = &pl->purchases[i];
        b->date = CAL_NONE;
        if (!inventory_object(L, e, &ip)) {
            all_ok = false;
            continue;
        }
        const jr_value *f[BUY_N];
        inventory_members(L, e, &ip, inventory_purchase_keys, BUY_N, f);
        inv_path kp_d = INV_KEY(&ip, "date"), kp_u = INV_KEY(&ip, "units"),
                 kp_po = INV_KEY(&ip, "po"), kp_n = INV_KEY(&ip, "note");
        if (!inventory_required(L, e, &ip, "date", f[BUY_DATE], NULL) ||
            !inventory_date(L, f[BUY_DATE], &kp_d, &b->date))
            all_ok = false;
        if (!inventory_required(L, e, &ip, "units", f[BUY_UNITS], NULL) ||
            !inventory_count(L, f[BUY_UNITS], &kp_u, 1, &b->units))
            all_ok = false;
        inventory_string(L, f[BUY_PO], &kp_po, false, &b->po);
        inventory_string(L, f[BUY_NOTE], &kp_n, false, &b->note);
    }
    return all_ok;
}

/* The fields of one plan that the term and charge computation needs, with their values. */
typedef struct inv_plan_src {
    const jr_value *f[PLAN_N];
    const jr_value *renewal_units, *renewal_unit_price;
    const jr_value **purchase_units; /* per purchase, its units value */
    const jr_value **purchase_dates;
    const inv_path *path;
} inv_plan_src;

static int inventory_charge_cmp(const void *a, const void *b)
{
    const chg_charge *x = a, *y = b;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    /* the initial or renewal charge (purchase -1) first, then purchases in document order */
    return x->purchase < y->purchase ? -1 : x->purchase > y->purchase;
}

static void inventory_limit_error(inv_loader *L, const jr_value *v, const inv_path *p,
                                  const char *what)
{
    char limit[32];
    money_format_minor(money_limit(L->digits), L->digits, limit);
    inventory_error(L, v, false, p, "check the units and the unit price",
                    "%s reaches 10^15 %s or more (the largest amount allowed is %s)", what,
                    L->inv->currency, limit);
}

/* Computes the charges, renewal and totals of a plan whose term and values are valid. */
static void inventory_charges(inv_loader *L, inv_plan *pl, const inv_plan_src *src)
{
    const inv_settings *st = &L->inv->settings;
    const inv_path *p = src->path;
    inv_path kp_price = INV_KEY(p, "unit_price");
    pl->charges = cp_arena_calloc(&L->inv->arena, pl->n_purchases + 1, sizeof *pl->charges);
    money_minor total = 0;
    bool ok = true;

    chg_charge *c = &pl->charges[pl->n_charges++];
    c->units = pl->units;
    c->purchase = -1;
    int rc;
    if (pl->purchased_on >= pl->term_start) {
        c->kind = CHG_INITIAL;
        c->date = pl->purchased_on;
        if (st->initial_prorated) {
            c->prorated = true;
            rc = inv_prorate(pl->unit_price, pl->units, pl->purchased_on, pl->term_start,
                             pl->last_day, L->digits, st->rounding, &c->amount, &c->remaining_days,
                             &c->term_days);
        } else {
            rc = money_charge(pl->unit_price, pl->units, 1, 1, L->digits, st->rounding, &c->amount);
        }
    } else {
        c->kind = CHG_RENEWAL;
        c->date = pl->term_start;
        rc = money_charge(pl->unit_price, pl->units, 1, 1, L->digits, st->rounding, &c->amount);
    }
    if (rc != MONEY_OK) {
        inventory_limit_error(L, src->f[PLAN_UNIT_PRICE], &kp_price,
                              c->kind == CHG_INITIAL ? "the initial charge" : "the renewal charge");
        ok = false;
    } else {
        total = c->amount;
    }

    inv_path kp_buys = INV_KEY(p, "purchases");
    for (size_t i = 0; i < pl->n_purchases; i++) {
        const inv_purchase *b = &pl->purchases[i];
        c = &pl->charges[pl->n_charges++];
        c->kind = CHG_ADDITIONAL;
        c->date = b->date;
        c->units = b->units;
        c->prorated = true;
        c->purchase = (long)i;
        inv_path ip = INV_INDEX(&kp_buys, i), kp_u = INV_KEY(&ip, "units");
        if (inv_prorate(pl->unit_price, b->units, b->date, pl->term_start, pl->last_day, L->digits,
                        st->rounding, &c->amount, &c->remaining_days, &c->term_days) != MONEY_OK) {
            inventory_limit_error(L, src->purchase_units[i], &kp_u, "the additional charge");
            ok = false;
        } else if (ok && money_add(&total, c->amount, L->digits) != MONEY_OK) {
            inventory_limit_error(L, src->purchase_units[i], &kp_u, "the plan's total");
            ok = false;
        }
    }
    if (pl->n_charges > 2)
        qsort(pl->charges, pl->n_charges, sizeof *pl->charges, inventory_charge_cmp);

    if (!pl->auto_renew)
        return;
    /* the renewal amount is blamed on the value that set it */
    inv_path kp_ren = INV_KEY(p, "renewal");
    inv_path kp_ren_price = INV_KEY(&kp_ren, "unit_price"),
             kp_ren_units = INV_KEY(&kp_ren, "units");
    const jr_value *blame = src->f[PLAN_UNIT_PRICE];
    const inv_path *blame_path = &kp_price;
    if (src->renewal_unit_price) {
        blame = src->renewal_unit_price;
        blame_path = &kp_ren_price;
    } else if (src->renewal_units) {
        blame = src->renewal_units;
        blame_path = &kp_ren_units;
    }
    if (money_charge(pl->renewal_unit_price, pl->renewal_units, 1, 1, L->digits, st->rounding,
                     &pl->renewal_amount) != MONEY_OK) {
        if (ok || blame != src->f[PLAN_UNIT_PRICE]) /* else already reported there */
            inventory_limit_error(L, blame, blame_path, "the renewal amount");
    } else if (ok && money_add(&total, pl->renewal_amount, L->digits) != MONEY_OK) {
        inventory_limit_error(L, blame, blame_path,
                              "the plan's total of its charges and renewal amount");
    }
}

/* The term rules of rules.md §1 and the deadlines of §3; returns whether the term is valid. */
static bool inventory_term(inv_loader *L, inv_plan *pl, const inv_plan_src *src, bool buys_ok,
                           bool auto_ok)
{
    const inv_settings *st = &L->inv->settings;
    const inv_path *p = src->path;
    inv_path kp_start = INV_KEY(p, "term_start"), kp_bought = INV_KEY(p, "purchased_on"),
             kp_auto = INV_KEY(p, "auto_renew"), kp_buys = INV_KEY(p, "purchases");
    const jr_value *start_v = src->f[PLAN_TERM_START];
    char a[CAL_ISO_LEN + 1], b[CAL_ISO_LEN + 1], c[CAL_ISO_LEN + 1];
    int year, month, day;
    cal_to_ymd(pl->term_start, &year, &month, &day);
    if (st->basis == INV_TERM_CALENDAR_YEAR && (month != 1 || day != 1)) {
        inventory_error(L, start_v, false, &kp_start,
                        "with term_basis \"calendar-year\" a term starts on January 1st; set "
                        "\"term_basis\": \"anniversary\" in the policy for terms that start on "
                        "another day",
                        "term_start %s is not January 1st", cal_format_iso(pl->term_start, a));
        return false;
    }
    pl->last_day = inv_term_last_day(st->basis, pl->term_start);
    if (pl->last_day >= CAL_MAX_DAY) {
        inventory_error(L, start_v, false, &kp_start, NULL,
                        "computed date after 9999-12-31: the cutoff of the term starting on %s",
                        cal_format_iso(pl->term_start, a));
        return false;
    }
    pl->term_days = (int)(pl->last_day - pl->term_start + 1);
    bool ok = true;
    if (cal_busday_offset(&st->busdays, pl->last_day, -st->decision_margin, CAL_ROLL_BACKWARD,
                          &pl->decision_deadline) != 0) {
        pl->decision_deadline = CAL_NONE;
        inventory_error(L, start_v, false, &kp_start, NULL,
                        "the decision deadline %d business days before the last day %s cannot "
                        "be computed within 1970-01-01..9999-12-31",
                        st->decision_margin, cal_format_iso(pl->last_day, a));
        ok = false;
    }
    if (auto_ok && pl->auto_renew) {
        cal_day next_last = st->basis == INV_TERM_ANNIVERSARY ? cal_add_years(pl->term_start, 2) - 1
                                                              : cal_from_ymd(year + 1, 12, 31);
        if (next_last > CAL_MAX_DAY) {
            inventory_error(L, src->f[PLAN_AUTO_RENEW], false, &kp_auto,
                            "set auto_renew to false for a plan that ends in 9999",
                            "computed date after 9999-12-31: the last day of the next term");
            ok = false;
        }
    }
    if (pl->purchased_on > pl->last_day) {
        inventory_error(L, src->f[PLAN_PURCHASED_ON], false, &kp_bought,
                        "purchased_on lies in the current term (its first term) or before it "
                        "(it renewed into this term)",
                        "purchased_on %s is after the term's last day %s",
                        cal_format_iso(pl->purchased_on, a), cal_format_iso(pl->last_day, b));
        return false;
    }
    if (!buys_ok)
        return false;
    for (size_t i = 0; i < pl->n_purchases; i++) {
        cal_day d = pl->purchases[i].date;
        inv_path ip = INV_INDEX(&kp_buys, i), kp_d = INV_KEY(&ip, "date");
        if (d < pl->term_start || d > pl->last_day) {
            inventory_error(L, src->purchase_dates[i], false, &kp_d,
                            "the inventory describes the current term; purchases of earlier terms "
                            "are history and are left out",
                            "purchase date %s is outside the current term %s..%s",
                            cal_format_iso(d, a), cal_format_iso(pl->term_start, b),
                            cal_format_iso(pl->last_day, c));
            ok = false;
        } else if (d < pl->purchased_on) {
            inventory_error(L, src->purchase_dates[i], false, &kp_d, NULL,
                            "purchase date %s is before purchased_on %s", cal_format_iso(d, a),
                            cal_format_iso(pl->purchased_on, b));
            ok = false;
        }
    }
    return ok;
}

static void inventory_renewal(inv_loader *L, const jr_value *v, const inv_path *p,
                              inv_plan_src *src, inv_plan *pl, bool *units_ok, bool *price_ok)
{
    if (!inventory_object(L, v, p)) {
        *units_ok = *price_ok = false;
        return;
    }
    const jr_value *f[REN_N];
    inventory_members(L, v, p, inventory_renewal_keys, REN_N, f);
    inv_path kp_u = INV_KEY(p, "units"), kp_p = INV_KEY(p, "unit_price");
    if (f[REN_UNITS]) {
        src->renewal_units = f[REN_UNITS];
        *units_ok = inventory_count(L, f[REN_UNITS], &kp_u, 1, &pl->renewal_units);
    }
    if (f[REN_UNIT_PRICE]) {
        src->renewal_unit_price = f[REN_UNIT_PRICE];
        *price_ok = inventory_money(L, f[REN_UNIT_PRICE], &kp_p, &pl->renewal_unit_price,
                                    &pl->renewal_unit_price_decimals);
    }
}

static void inventory_plan(inv_loader *L, const jr_value *v, const inv_path *p, size_t i)
{
    inv_plan *pl = &L->inv->plans[i];
    pl->term_start = pl->last_day = pl->purchased_on = pl->decision_deadline = CAL_NONE;
    if (!inventory_object(L, v, p))
        return;
    pl->offset = v->offset;
    inv_plan_src src = {.path = p};
    const jr_value **f = src.f;
    inventory_members(L, v, p, inventory_plan_keys, PLAN_N, f);
    inv_path kp[PLAN_N];
    for (size_t k = 0; k < PLAN_N; k++)
        kp[k] = INV_KEY(p, inventory_plan_keys[k]);
    static const int required[] = {PLAN_ID,    PLAN_SUBSCRIPTION, PLAN_SERVICE,   PLAN_TERM_START,
                                   PLAN_UNITS, PLAN_UNIT_PRICE,   PLAN_AUTO_RENEW};
    for (size_t k = 0; k < sizeof required / sizeof *required; k++)
        inventory_required(L, v, p, inventory_plan_keys[required[k]], f[required[k]], NULL);

    if (inventory_id(L, f[PLAN_ID], &kp[PLAN_ID], &pl->id))
        inventory_unique(L, (inv_map *)L->inv->plan_index, pl->id, i, f[PLAN_ID], &kp[PLAN_ID],
                         "plans");
    const char *sub = NULL;
    if (inventory_id(L, f[PLAN_SUBSCRIPTION], &kp[PLAN_SUBSCRIPTION], &sub) &&
        L->subscriptions_ok) {
        long at = inventory_map_get(&L->subscription_ids, sub);
        if (at < 0) {
            char *hint = inventory_known_ids("subscriptions", &L->inv->subscriptions[0].id,
                                             sizeof(inv_subscription), L->inv->n_subscriptions);
            inventory_error(L, f[PLAN_SUBSCRIPTION], false, &kp[PLAN_SUBSCRIPTION], hint,
                            "unknown subscription \"%s\"", sub);
            free(hint);
        } else {
            pl->subscription = (size_t)at;
        }
    }
    inventory_string(L, f[PLAN_RESOURCE], &kp[PLAN_RESOURCE], false, &pl->resource);
    inventory_name(L, f[PLAN_SERVICE], &kp[PLAN_SERVICE], "a service name", &pl->service);
    inventory_string(L, f[PLAN_TIER], &kp[PLAN_TIER], false, &pl->tier);
    bool start_ok = inventory_date(L, f[PLAN_TERM_START], &kp[PLAN_TERM_START], &pl->term_start);
    bool bought_ok = true;
    if (f[PLAN_PURCHASED_ON]) {
        pl->purchased_on_given = true;
        bought_ok =
            inventory_date(L, f[PLAN_PURCHASED_ON], &kp[PLAN_PURCHASED_ON], &pl->purchased_on);
    } else {
        pl->purchased_on = pl->term_start;
    }
    bool units_ok = inventory_count(L, f[PLAN_UNITS], &kp[PLAN_UNITS], 1, &pl->units);
    bool price_ok = inventory_money(L, f[PLAN_UNIT_PRICE], &kp[PLAN_UNIT_PRICE], &pl->unit_price,
                                    &pl->unit_price_decimals);
    if (f[PLAN_QUOTA])
        inventory_quota(L, f[PLAN_QUOTA], &kp[PLAN_QUOTA], pl);
    bool buys_ok = true;
    if (f[PLAN_PURCHASES]) {
        buys_ok = inventory_purchases(L, f[PLAN_PURCHASES], &kp[PLAN_PURCHASES], pl);
        if (buys_ok && pl->n_purchases) {
            src.purchase_units = xcalloc(pl->n_purchases, sizeof *src.purchase_units);
            src.purchase_dates = xcalloc(pl->n_purchases, sizeof *src.purchase_dates);
            size_t j = 0;
            for (const jr_value *e = f[PLAN_PURCHASES]->child; e; e = e->next, j++) {
                src.purchase_units[j] = jr_get(e, "units");
                src.purchase_dates[j] = jr_get(e, "date");
            }
        }
    }
    bool auto_ok = inventory_bool(L, f[PLAN_AUTO_RENEW], &kp[PLAN_AUTO_RENEW], &pl->auto_renew);
    bool ren_units_ok = true, ren_price_ok = true;
    if (f[PLAN_RENEWAL]) {
        pl->has_renewal = true;
        inventory_renewal(L, f[PLAN_RENEWAL], &kp[PLAN_RENEWAL], &src, pl, &ren_units_ok,
                          &ren_price_ok);
    }
    if (units_ok && buys_ok && !src.renewal_units)
        pl->renewal_units = inv_units_at_end(pl);
    if (price_ok && !src.renewal_unit_price) {
        pl->renewal_unit_price = pl->unit_price;
        pl->renewal_unit_price_decimals = pl->unit_price_decimals;
    }
    inventory_string(L, f[PLAN_OWNER], &kp[PLAN_OWNER], false, &pl->owner);
    inventory_string(L, f[PLAN_COST_CENTER], &kp[PLAN_COST_CENTER], false, &pl->cost_center);
    inventory_string(L, f[PLAN_PO], &kp[PLAN_PO], false, &pl->po);
    if (f[PLAN_TIME_ZONE])
        inventory_zone(L, f[PLAN_TIME_ZONE], &kp[PLAN_TIME_ZONE], &pl->time_zone);

    /*
     * Without a valid policy the term basis, holidays and rounding are unknown:
     * checking terms, deadlines and amounts against the defaults would report
     * errors the policy was written to avoid (term_start not January 1st with
     * an anniversary policy that has a typo elsewhere).
     */
    if (L->settings_ok && start_ok && bought_ok && inventory_term(L, pl, &src, buys_ok, auto_ok) &&
        auto_ok && units_ok && price_ok && ren_units_ok && ren_price_ok && L->digits >= 0)
        inventory_charges(L, pl, &src);
    free(src.purchase_units);
    free(src.purchase_dates);
}

/* ---- containers ---- */

enum {
    CT_ID,
    CT_PLAN,
    CT_SITE,
    CT_IMAGE,
    CT_VERSION,
    CT_PLATFORM,
    CT_ENV,
    CT_MOUNTS,
    CT_LICENSE,
    CT_UPGRADES,
    CT_N
};
static const char *const inventory_container_keys[CT_N] = {
    "id", "plan", "site", "image", "version", "platform", "env", "mounts", "license", "upgrades"};
enum { MNT_LICENSE, MNT_OUTPUT, MNT_N };
static const char *const inventory_mount_keys[MNT_N] = {"license", "output"};
enum { LIC_DOWNLOADED_ON, LIC_IMAGE_VERSION, LIC_EXPIRES_ON, LIC_N };
static const char *const inventory_license_keys[LIC_N] = {"downloaded_on", "image_version",
                                                          "expires_on"};
enum { UPG_VERSION, UPG_ON, UPG_N };
static const char *const inventory_upgrade_keys[UPG_N] = {"version", "on"};

static void inventory_env(inv_loader *L, const jr_value *v, const inv_path *p, inv_container *c)
{
    if (!inventory_object(L, v, p))
        return;
    c->env = cp_arena_calloc(&L->inv->arena, v->len, sizeof *c->env);
    for (const jr_value *m = v->child; m; m = m->next) {
        inv_path kp = INV_KEY(p, m->key);
        if (m->key_len == 0 || memchr(m->key, '=', m->key_len) ||
            inventory_has_control(m->key, m->key_len)) {
            inventory_error(L, m, true, &kp,
                            "a name is not empty and holds no '=' and no control characters",
                            "\"%s\" cannot be the name of an environment variable", m->key);
            continue;
        }
        if (!inventory_type(L, m, &kp, JR_STRING, "a string"))
            continue;
        inv_env *e = &c->env[c->n_env++];
        e->name = m->key;
        e->value = m->str;
    }
}

static void inventory_license(inv_loader *L, const jr_value *v, const inv_path *p, inv_container *c)
{
    if (!inventory_object(L, v, p))
        return;
    const jr_value *f[LIC_N];
    inventory_members(L, v, p, inventory_license_keys, LIC_N, f);
    inv_path kp_d = INV_KEY(p, "downloaded_on"), kp_v = INV_KEY(p, "image_version"),
             kp_e = INV_KEY(p, "expires_on");
    c->has_license = true;
    if (inventory_required(L, v, p, "downloaded_on", f[LIC_DOWNLOADED_ON], NULL))
        inventory_date(L, f[LIC_DOWNLOADED_ON], &kp_d, &c->license_downloaded_on);
    if (inventory_required(L, v, p, "image_version", f[LIC_IMAGE_VERSION], NULL))
        inventory_name(L, f[LIC_IMAGE_VERSION], &kp_v, "an image tag", &c->license_image_version);
    inventory_date(L, f[LIC_EXPIRES_ON], &kp_e, &c->license_expires_on);
}

static void inventory_upgrades(inv_loader *L, const jr_value *v, const inv_path *p,
                               inv_container *c)
{
    if (!inventory_array(L, v, p))
        return;
    c->upgrades = cp_arena_calloc(&L->inv->arena, v->len, sizeof *c->upgrades);
    c->n_upgrades = v->len;
    size_t i = 0;
    for (const jr_value *e = v->child; e; e = e->next, i++) {
        inv_path ip = INV_INDEX(p, i);
        inv_upgrade *u = &c->upgrades[i];
        u->on = CAL_NONE;
        if (!inventory_object(L, e, &ip))
            continue;
        const jr_value *f[UPG_N];
        inventory_members(L, e, &ip, inventory_upgrade_keys, UPG_N, f);
        inv_path kp_v = INV_KEY(&ip, "version"), kp_on = INV_KEY(&ip, "on");
        if (inventory_required(L, e, &ip, "version", f[UPG_VERSION], NULL))
            inventory_name(L, f[UPG_VERSION], &kp_v, "an image tag", &u->version);
        if (inventory_required(L, e, &ip, "on", f[UPG_ON], NULL))
            inventory_date(L, f[UPG_ON], &kp_on, &u->on);
    }
}

static void inventory_container(inv_loader *L, const jr_value *v, const inv_path *p, size_t i)
{
    inv_container *c = &L->inv->containers[i];
    c->license_downloaded_on = c->license_expires_on = CAL_NONE;
    if (!inventory_object(L, v, p))
        return;
    const jr_value *f[CT_N];
    inventory_members(L, v, p, inventory_container_keys, CT_N, f);
    inv_path kp[CT_N];
    for (size_t k = 0; k < CT_N; k++)
        kp[k] = INV_KEY(p, inventory_container_keys[k]);
    static const int required[] = {CT_ID, CT_PLAN, CT_IMAGE, CT_VERSION, CT_PLATFORM};
    for (size_t k = 0; k < sizeof required / sizeof *required; k++)
        inventory_required(L, v, p, inventory_container_keys[required[k]], f[required[k]], NULL);

    if (inventory_id(L, f[CT_ID], &kp[CT_ID], &c->id))
        inventory_unique(L, &L->container_ids, c->id, i, f[CT_ID], &kp[CT_ID], "containers");
    const char *plan = NULL;
    if (inventory_id(L, f[CT_PLAN], &kp[CT_PLAN], &plan) && L->plans_ok) {
        long at = inv_find_plan(L->inv, plan);
        if (at < 0) {
            char *hint = inventory_known_ids("plans", &L->inv->plans[0].id, sizeof(inv_plan),
                                             L->inv->n_plans);
            inventory_error(L, f[CT_PLAN], false, &kp[CT_PLAN], hint, "unknown plan \"%s\"", plan);
            free(hint);
        } else {
            c->plan = (size_t)at;
        }
    }
    inventory_string(L, f[CT_SITE], &kp[CT_SITE], false, &c->site);
    inventory_name(L, f[CT_IMAGE], &kp[CT_IMAGE], "an image repository", &c->image);
    inventory_name(L, f[CT_VERSION], &kp[CT_VERSION], "an image tag", &c->version);
    if (f[CT_PLATFORM] &&
        inventory_type(L, f[CT_PLATFORM], &kp[CT_PLATFORM], JR_STRING, "a platform string")) {
        if (strcmp(f[CT_PLATFORM]->str, "docker") == 0)
            c->platform = INV_DOCKER;
        else if (strcmp(f[CT_PLATFORM]->str, "kubernetes") == 0)
            c->platform = INV_KUBERNETES;
        else
            inventory_error(L, f[CT_PLATFORM], false, &kp[CT_PLATFORM],
                            "the platform is \"docker\" or \"kubernetes\"", "unknown platform %s",
                            inventory_shown(L, f[CT_PLATFORM]));
    }
    if (f[CT_ENV])
        inventory_env(L, f[CT_ENV], &kp[CT_ENV], c);
    if (f[CT_MOUNTS] && inventory_object(L, f[CT_MOUNTS], &kp[CT_MOUNTS])) {
        const jr_value *m[MNT_N];
        inventory_members(L, f[CT_MOUNTS], &kp[CT_MOUNTS], inventory_mount_keys, MNT_N, m);
        inv_path kp_l = INV_KEY(&kp[CT_MOUNTS], "license"),
                 kp_o = INV_KEY(&kp[CT_MOUNTS], "output");
        inventory_string(L, m[MNT_LICENSE], &kp_l, true, &c->mount_license);
        inventory_string(L, m[MNT_OUTPUT], &kp_o, true, &c->mount_output);
    }
    if (f[CT_LICENSE])
        inventory_license(L, f[CT_LICENSE], &kp[CT_LICENSE], c);
    if (f[CT_UPGRADES])
        inventory_upgrades(L, f[CT_UPGRADES], &kp[CT_UPGRADES], c);
}

/* ---- top level ---- */

enum {
    TOP_INVENTORY,
    TOP_ORGANIZATION,
    TOP_CURRENCY,
    TOP_LOCALE,
    TOP_TIME_ZONES,
    TOP_POLICY,
    TOP_SUBSCRIPTIONS,
    TOP_PLANS,
    TOP_CONTAINERS,
    TOP_N
};
static const char *const inventory_top_keys[TOP_N] = {
    "inventory", "organization",  "currency", "locale",    "time_zones",
    "policy",    "subscriptions", "plans",    "containers"};

static void inventory_settings(inv_loader *L, const jr_value *policy, inv_policy_hook hook,
                               void *hook_ctx)
{
    inv_settings s;
    inv_settings_default(&s);
    L->settings_ok = true;
    if (policy && policy->type != JR_STRING && policy->type != JR_OBJECT) {
        inv_path kp = INV_KEY(NULL, "policy");
        inventory_error(L, policy, false, &kp, NULL,
                        "expected a policy file path or a policy object, found %s",
                        inventory_shown(L, policy));
        policy = NULL;
        L->settings_ok = false;
    }
    if (hook && hook(hook_ctx, L->doc, policy, &s, L->errs) != 0) {
        L->failed = true;
        L->settings_ok = false;
    }
    inv_settings *own = &L->inv->settings;
    *own = s;
    own->busdays.holidays = NULL;
    own->busdays.n_holidays = 0;
    if (s.busdays.n_holidays) {
        own->busdays.holidays = xmalloc(s.busdays.n_holidays * sizeof *s.busdays.holidays);
        memcpy(own->busdays.holidays, s.busdays.holidays,
               s.busdays.n_holidays * sizeof *s.busdays.holidays);
        own->busdays.n_holidays = s.busdays.n_holidays;
    }
}

static bool inventory_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

static void inventory_header(inv_loader *L, const jr_value *root, const jr_value **f)
{
    inv_inventory *inv = L->inv;
    inv_path kp[TOP_N];
    for (size_t k = 0; k < TOP_N; k++)
        kp[k] = INV_KEY(NULL, inventory_top_keys[k]);
    static const int required[] = {TOP_INVENTORY, TOP_CURRENCY, TOP_SUBSCRIPTIONS, TOP_PLANS};
    for (size_t k = 0; k < sizeof required / sizeof *required; k++)
        inventory_required(L, root, NULL, inventory_top_keys[required[k]], f[required[k]], NULL);

    const jr_value *v = f[TOP_INVENTORY];
    int64_t version;
    if (v && (v->type != JR_NUMBER || !jr_is_integer(v) || jr_int_in(v, 1, 1, &version) != 0))
        inventory_error(L, v, false, &kp[TOP_INVENTORY],
                        "this commitplan reads inventory format 1: write \"inventory\": 1",
                        "expected the format version 1, found %s", inventory_shown(L, v));

    inventory_string(L, f[TOP_ORGANIZATION], &kp[TOP_ORGANIZATION], false, &inv->organization);

    L->digits = -1;
    v = f[TOP_CURRENCY];
    if (v && inventory_type(L, v, &kp[TOP_CURRENCY], JR_STRING, "an ISO 4217 currency code")) {
        int digits = -1;
        bool upper = v->len == 3 && inventory_upper(v->str[0]) && inventory_upper(v->str[1]) &&
                     inventory_upper(v->str[2]);
        bool capitals_known = false; /* "usd": the code in capitals is known */
        if (upper) {
            digits = cal_currency_digits(v->str);
        } else if (v->len == 3) {
            char caps[4] = {0};
            for (size_t i = 0; i < 3; i++)
                caps[i] = v->str[i] >= 'a' && v->str[i] <= 'z' ? (char)(v->str[i] - 32) : v->str[i];
            capitals_known = cal_currency_digits(caps) >= 0;
        }
        if (digits > INV_CURRENCY_DIGITS_MAX) {
            inventory_error(L, v, false, &kp[TOP_CURRENCY], NULL,
                            "currency %s has %d minor-unit digits; commitplan handles 0 to %d",
                            inventory_shown(L, v), digits, INV_CURRENCY_DIGITS_MAX);
        } else if (digits < 0) {
            inventory_error(L, v, false, &kp[TOP_CURRENCY],
                            !capitals_known
                                ? "use the ISO 4217 code of a currency in use, such as \"USD\", "
                                  "\"EUR\" or \"JPY\" (funds, precious metals, test codes and "
                                  "withdrawn currencies such as \"CLF\", \"XAU\", \"XXX\" or "
                                  "\"DEM\" are not taken)"
                                : "write the ISO 4217 code in capital letters, e.g. \"USD\"",
                            "unknown currency %s", inventory_shown(L, v));
        } else {
            memcpy(inv->currency, v->str, 3);
            inv->currency[3] = '\0';
            inv->currency_digits = L->digits = digits;
        }
    }

    v = f[TOP_LOCALE];
    if (v && inventory_string(L, v, &kp[TOP_LOCALE], true, &inv->locale) &&
        !cal_locale_valid(inv->locale))
        inventory_error(L, v, false, &kp[TOP_LOCALE],
                        "use an ICU locale such as \"en_US\", \"de_DE\" or \"ja_JP\"",
                        "unknown locale %s", inventory_shown(L, v));
    if (!inv->locale)
        inv->locale = "en_US";

    v = f[TOP_TIME_ZONES];
    if (v && inventory_array(L, v, &kp[TOP_TIME_ZONES])) {
        inv->time_zones = cp_arena_calloc(&inv->arena, v->len, sizeof *inv->time_zones);
        inv->n_time_zones = v->len;
        size_t i = 0;
        for (const jr_value *e = v->child; e; e = e->next, i++) {
            inv_path ip = INV_INDEX(&kp[TOP_TIME_ZONES], i);
            inventory_zone(L, e, &ip, &inv->time_zones[i]);
        }
    }
}

static void inventory_body(inv_loader *L, const jr_value **f)
{
    inv_inventory *inv = L->inv;
    inv_path kp_subs = INV_KEY(NULL, "subscriptions"), kp_plans = INV_KEY(NULL, "plans"),
             kp_cts = INV_KEY(NULL, "containers");
    const jr_value *v = f[TOP_SUBSCRIPTIONS];
    if (v && inventory_array(L, v, &kp_subs)) {
        L->subscriptions_ok = true;
        inv->subscriptions = xcalloc(v->len ? v->len : 1, sizeof *inv->subscriptions);
        inv->n_subscriptions = v->len;
        inventory_map_init(&L->subscription_ids, v->len);
        size_t i = 0;
        for (const jr_value *e = v->child; e; e = e->next, i++) {
            inv_path ip = INV_INDEX(&kp_subs, i);
            inventory_subscription(L, e, &ip, i);
        }
    }
    v = f[TOP_PLANS];
    if (v && inventory_array(L, v, &kp_plans)) {
        L->plans_ok = true;
        inv->plans = xcalloc(v->len ? v->len : 1, sizeof *inv->plans);
        inv->n_plans = v->len;
        inventory_map_init(inv->plan_index, v->len);
        size_t i = 0;
        for (const jr_value *e = v->child; e; e = e->next, i++) {
            inv_path ip = INV_INDEX(&kp_plans, i);
            inventory_plan(L, e, &ip, i);
        }
    }
    v = f[TOP_CONTAINERS];
    if (v && inventory_array(L, v, &kp_cts)) {
        inv->containers = xcalloc(v->len ? v->len : 1, sizeof *inv->containers);
        inv->n_containers = v->len;
        inventory_map_init(&L->container_ids, v->len);
        size_t i = 0;
        for (const jr_value *e = v->child; e; e = e->next, i++) {
            inv_path ip = INV_INDEX(&kp_cts, i);
            inventory_container(L, e, &ip, i);
        }
    }
}

static int inventory_load_doc(const char *file, jr_doc *doc, bool parse_failed,
                              inv_policy_hook hook, void *hook_ctx, inv_inventory **out,
                              cp_errors *errs);

int inv_load(const char *file, const char *data, size_t len, inv_policy_hook hook, void *hook_ctx,
             inv_inventory **out, cp_errors *errs)
{
    jr_doc *doc = NULL;
    *out = NULL;
    bool failed = jr_parse(file, data, len, &doc, errs) != 0;
    if (!doc)
        return -1;
    return inventory_load_doc(file, doc, failed, hook, hook_ctx, out, errs);
}

int inv_load_take(const char *file, char *data, size_t len, inv_policy_hook hook, void *hook_ctx,
                  inv_inventory **out, cp_errors *errs)
{
    jr_doc *doc = NULL;
    *out = NULL;
    bool failed = jr_parse_take(file, data, len, &doc, errs) != 0;
    if (!doc)
        return -1;
    return inventory_load_doc(file, doc, failed, hook, hook_ctx, out, errs);
}

/* Validates and builds the model from a parsed document, which it frees. */
static int inventory_load_doc(const char *file, jr_doc *doc, bool parse_failed,
                              inv_policy_hook hook, void *hook_ctx, inv_inventory **out,
                              cp_errors *errs)
{
    int rc = -1;
    inv_loader L = {.errs = errs, .digits = -1};
    L.failed = parse_failed;
    L.doc = doc;
    L.inv = xcalloc(1, sizeof *L.inv);
    L.inv->file = xstrdup(file);
    L.inv->plan_index = xcalloc(1, sizeof(inv_map));
    L.inv->strings = doc; /* freed with the inventory, on failure too */

    const jr_value *root = jr_root(doc);
    if (root->type != JR_OBJECT) {
        inventory_error(&L, root, false, NULL, NULL,
                        "expected an inventory object {\"inventory\": 1, ...}, found %s",
                        inventory_shown(&L, root));
        goto out;
    }
    const jr_value *f[TOP_N];
    inventory_members(&L, root, NULL, inventory_top_keys, TOP_N, f);
    inventory_settings(&L, f[TOP_POLICY], hook, hook_ctx);
    inventory_header(&L, root, f);
    inventory_body(&L, f);
    if (!L.failed) {
        rc = 0;
        *out = L.inv;
        L.inv = NULL;
    }
out:
    inv_free(L.inv);
    inventory_map_free(&L.subscription_ids);
    inventory_map_free(&L.container_ids);
    inventory_map_free(&L.zone_cache);
    cp_buf_free(&L.scratch);
    if (rc == 0)
        jr_doc_drop_tree(doc); /* the model keeps only the strings */
    return rc;
}

long inv_find_plan(const inv_inventory *inv, const char *id)
{
    if (inv->plan_index)
        return inventory_map_get(inv->plan_index, id);
    for (size_t i = 0; i < inv->n_plans; i++)
        if (inv->plans[i].id && strcmp(inv->plans[i].id, id) == 0)
            return (long)i;
    return -1;
}

void inv_plan_error(const inv_inventory *inv, size_t i, const char *suffix, cp_errors *errs,
                    const char *hint, const char *fmt, ...)
{
    int line = 0, col = 0;
    size_t offset = inv->plans[i].offset;
    if (inv->strings)
        jr_position(inv->strings, offset, &line, &col);
    char path[96];
    snprintf(path, sizeof path, "plans[%zu]%s", i, suffix ? suffix : "");
    cp_buf msg = {0};
    va_list ap;
    va_start(ap, fmt);
    cp_buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    cp_errors_add(errs, inv->file, line, col, offset, path, hint, "%s", cp_buf_str(&msg));
    cp_buf_free(&msg);
}

void inv_free(inv_inventory *inv)
{
    if (!inv)
        return;
    free(inv->file);
    free(inv->settings.busdays.holidays);
    free(inv->subscriptions);
    free(inv->plans);
    free(inv->containers);
    inventory_map_free(inv->plan_index);
    free(inv->plan_index);
    cp_arena_free(&inv->arena);
    jr_doc_free(inv->strings);
    free(inv);
}
