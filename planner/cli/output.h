/*
 * Writing results without losing anything: stdout with a checked flush, and
 * files replaced atomically (temporary file in the same folder, fsync,
 * rename, fsync of the folder), so a failure leaves the old file as it was.
 */
#ifndef COMMITPLAN_OUTPUT_H
#define COMMITPLAN_OUTPUT_H

#include <stddef.h>

/*
 * Replaces the file at path with the len bytes at data, atomically. Returns 0,
 * or -1 with *err set to a message naming the file (free with free()); the old
 * file is then untouched and no temporary file is left behind.
 */
int cli_write_atomic(const char *path, const char *data, size_t len, char **err);

/* Writes to stdout and flushes; returns 0, or -1 with *err (free with free()). */
int cli_write_stdout(const char *data, size_t len, char **err);

/*
 * Reads a whole file ("-" for stdin) into a new NUL-terminated buffer (free
 * with free()). Returns 0, or -1 with *err (free with free()).
 */
int cli_read_file(const char *path, char **data, size_t *len, char **err);

#endif
