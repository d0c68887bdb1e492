/*
 * The reminder state file of `remind --state FILE`: the keys of the reminders
 * already sent, so that cron runs send each reminder once. The file is locked
 * for a whole run through a separate lock file (FILE.lock, flock), read
 * strictly (a damaged file is an error, never an empty state that would
 * resend everything), and replaced atomically.
 *
 * Format (version 1), text, one record a line, every line ending in "\n":
 *
 *     commitplan-remind-state 1
 *     R 2026-12-23 renewal-decision:stt-fleet:2026-12-23:30
 *     F 2026-11-23 finding:license-missing:vessel-7-stt
 *     end 2
 *
 * R is a rule reminder with its anchor date; F a finding reminder with the
 * date it was first sent. Keys are percent-encoded: bytes below 0x21, 0x7f
 * and '%' as %XX. The "end N" trailer, N the number of records, shows that the
 * file is complete.
 */
#ifndef COMMITPLAN_STATE_H
#define COMMITPLAN_STATE_H

#include <stdbool.h>
#include <stddef.h>

#include "calendar/base.h"
#include "calendar/date.h"

#define CLI_STATE_MAGIC "commitplan-remind-state"
#define CLI_STATE_VERSION 1
#define CLI_STATE_LOCK_TIMEOUT_MS 30000 /* cli.md: the lock within 30 s, else exit 4 */

typedef struct cli_state_entry {
    char *key;
    cal_day date;    /* R: the anchor date; F: the date first sent */
    bool is_finding; /* F */
    size_t seq;      /* scratch of cli_state_sort */
} cli_state_entry;

/* One state file. Zero-initialise (lock_fd is set by cli_state_lock); release with cli_state_free.
 */
typedef struct cli_state {
    char *path;
    int lock_fd;            /* the open lock file while locked, else -1 (after cli_state_init) */
    bool existed;           /* the file was there when loaded */
    cli_state_entry *items; /* sorted by key once loaded or after cli_state_sort */
    size_t count, cap;
} cli_state;

/* Starts an empty, unlocked state for the file at path. */
void cli_state_init(cli_state *st, const char *path);
/* Releases the lock (if held) and everything st owns. NULL does nothing. */
void cli_state_free(cli_state *st);

/*
 * Takes the exclusive lock on "PATH.lock" (created when missing), polling for
 * up to timeout_ms milliseconds. Returns 0, or -1 with *err (free with free())
 * naming the file when it cannot be opened or the wait timed out.
 */
int cli_state_lock(cli_state *st, int timeout_ms, char **err);
/* Releases the lock; nothing when not held. */
void cli_state_unlock(cli_state *st);

/*
 * Reads the state file. A missing file is an empty state (first run). Returns
 * 0, or -1 with *err (free with free()) naming the file when it cannot be read
 * or is not a valid state file; st is then left empty.
 */
int cli_state_load(cli_state *st, char **err);

/*
 * Parses the bytes of a state file into st (name for messages). Returns 0, or
 * -1 with *err (free with free()), naming the file and the line.
 */
int cli_state_parse(cli_state *st, const char *name, const char *data, size_t len, char **err);

/* True when key is recorded (binary search; st must be sorted). */
bool cli_state_has(const cli_state *st, const char *key);
/* Appends a record (the key is copied). Call cli_state_sort before lookups. */
void cli_state_add(cli_state *st, const char *key, cal_day date, bool is_finding);
/* Sorts by key (bytewise) and drops repeated keys, keeping the first added. */
void cli_state_sort(cli_state *st);
/* Removes record i (order is kept). */
void cli_state_remove(cli_state *st, size_t i);

/* Appends the file form of st (sorted) to out. */
void cli_state_format(const cli_state *st, cp_buf *out);
/*
 * Writes st to its file atomically (temporary file in the same folder, fsync,
 * rename, fsync of the folder). Returns 0, or -1 with *err (free with free());
 * the old file is then as it was.
 */
int cli_state_save(cli_state *st, char **err);

#endif
