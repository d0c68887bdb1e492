#!/usr/bin/env python3
"""Checks that files are strict RFC 4180 CSV, standard library only.

Usage: csvcheck.py FILE...     (FILE may be - for standard input)

A file passes when it is UTF-8, every record (the last one too) ends with
CRLF, there is no bare CR or LF outside quotes, the first record is a header
of non-empty, distinct names, every record has as many fields as the header,
a field is quoted only when it must be (it holds a comma, a quote, CR or LF),
and quotes inside a quoted field are doubled. Exit 0 when every file passes,
1 when one does not (each problem on stderr as FILE:LINE: message), 2 on a
usage error or an unreadable file.
"""

import sys


class CsvError(Exception):
    """A violation of RFC 4180 at a line."""

    def __init__(self, line, message):
        super().__init__(message)
        self.line = line


def parse(data):
    """Splits data (str) into records of fields; raises CsvError at the first violation."""
    records = []
    fields = []
    i, n, line = 0, len(data), 1
    if n == 0:
        raise CsvError(1, "empty file: no header")
    while True:
        record_line = line
        if data.startswith('"', i):
            i += 1
            value = []
            while True:
                j = data.find('"', i)
                if j < 0:
                    raise CsvError(record_line, "unterminated quoted field")
                chunk = data[i:j]
                line += chunk.count("\n")
                value.append(chunk)
                if data.startswith('""', j):
                    value.append('"')
                    i = j + 2
                    continue
                i = j + 1
                break
            text = "".join(value)
            if i < n and data[i] not in ",\r":
                raise CsvError(line, f"{data[i]!r} after a closing quote (a quote inside a field "
                                     "must be doubled)")
            if not any(c in text for c in ',"\r\n'):
                raise CsvError(record_line, f"field {text!r} is quoted but needs no quotes")
        else:
            j = i
            while j < n and data[j] not in ",\r\n":
                j += 1
            text = data[i:j]
            if '"' in text:
                raise CsvError(line, f"quote inside the unquoted field {text!r}")
            if j < n and data[j] == "\n":
                raise CsvError(line, "bare LF (records end with CRLF)")
            i = j
        fields.append(text)
        if i >= n:
            raise CsvError(line, "the last record does not end with CRLF")
        if data[i] == ",":
            i += 1
            continue
        if not data.startswith("\r\n", i):
            raise CsvError(line, "bare CR (records end with CRLF)")
        i += 2
        records.append((record_line, fields))
        fields = []
        line += 1
        if i >= n:
            return records


def check(name, raw):
    """Returns a list of (line, message) problems of one file."""
    try:
        data = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return [(1, f"not UTF-8: {e}")]
    try:
        records = parse(data)
    except CsvError as e:
        return [(e.line, str(e))]
    problems = []
    header = records[0][1]
    if any(not h for h in header):
        problems.append((1, "the header has an empty name"))
    if len(set(header)) != len(header):
        problems.append((1, "the header repeats a name"))
    for line, fields in records[1:]:
        if len(fields) != len(header):
            problems.append((line, f"{len(fields)} fields, the header has {len(header)}"))
    return problems


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    status = 0
    for name in argv[1:]:
        try:
            if name == "-":
                raw = sys.stdin.buffer.read()
            else:
                with open(name, "rb") as f:
                    raw = f.read()
        except OSError as e:
            print(f"{name}: cannot read: {e.strerror}", file=sys.stderr)
            return 2
        for line, message in check(name, raw):
            print(f"{name}:{line}: {message}", file=sys.stderr)
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
