/*
 * Writing results without losing anything: stdout with a checked flush, and
 * files replaced atomically (temporary file in the same folder, fsync,
 * rename, fsync of the folder), so a failure leaves the old file as it was.
 */
#ifndef COMMITPLAN_OUTPUT_H
#define COMMITPLAN_OUTPUT_H

#include <stddef.h>
#include <sys/types.h>

/*
 * Replaces the file at path with the len bytes at data, atomically. Returns 0,
 * or -1 with *err set to a message naming the file (free with free()); the old
 * file is then untouched and no temporary file is left behind.
 */
int cli_write_atomic(const char *path, const char *data, size_t len, char **err);

/*
 * Creates a temporary file from the mkstemp template tmp (rewritten in
 * place), writes the len bytes at data with the given mode, flushes it to
 * disk and closes it, ready to be renamed over dest. dir is the folder it is
 * made in and dest the file it stands for, both only for messages. Returns 0,
 * or -1 with *err set (free with free()) and no temporary file left behind.
 */
int cli_write_temp(char *tmp, const char *dir, const char *dest, const char *data, size_t len,
                   mode_t mode, char **err);

/* Flushes the folder dir to disk so renames in it last; a failure is ignored (best effort). */
void cli_sync_dir(const char *dir);

/* Writes to stdout and flushes; returns 0, or -1 with *err (free with free()). */
int cli_write_stdout(const char *data, size_t len, char **err);

/*
 * Reads a whole file ("-" for stdin) into a new NUL-terminated buffer (free
 * with free()). Returns 0, or -1 with *err (free with free()).
 */
int cli_read_file(const char *path, char **data, size_t *len, char **err);

#endif
