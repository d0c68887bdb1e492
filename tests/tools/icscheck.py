#!/usr/bin/env python3
"""A strict RFC 5545 checker for the calendar feed, Python standard library only.

Usage: icscheck.py FILE.ics...   exit 0 when every file passes, 1 otherwise.

Checks: CRLF line ends only; every physical line at most 75 octets; folded
lines start with exactly one space (a tab is refused: the feed never folds with
it); valid UTF-8, never split inside a sequence at a fold; content lines of the
form NAME[;PARAM=VALUE[,VALUE]]...:VALUE; no control characters but tab in
values; BEGIN/END nesting VCALENDAR > VEVENT > VALARM; VERSION:2.0 and PRODID
once in VCALENDAR; every VEVENT has exactly one UID, DTSTAMP and DTSTART; UIDs
unique; DATE values real dates, DATE-TIME values UTC (ending in Z) with valid
times; DTEND after DTSTART and of the same value type; TEXT values escaped
(a backslash only before \\ ; , n N); every VALARM has ACTION, a TRIGGER with a
valid duration, and a DESCRIPTION for ACTION:DISPLAY.
"""

import datetime
import re
import sys

NAME = r"[A-Za-z0-9-]+"
PARAM_VALUE = r'(?:"[^"\x00-\x08\x0a-\x1f\x7f]*"|[^";:,\x00-\x08\x0a-\x1f\x7f]*)'
PARAM = rf"{NAME}={PARAM_VALUE}(?:,{PARAM_VALUE})*"
CONTENT_LINE = re.compile(rf"^({NAME})((?:;{PARAM})*):(.*)$", re.S)
PARAM_SPLIT = re.compile(rf";({NAME})=({PARAM_VALUE}(?:,{PARAM_VALUE})*)")
DURATION = re.compile(r"^[+-]?P(?:\d+W|(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+S)?)?)$")
DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
DATE_TIME = re.compile(r"^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$")
TEXT_PROPS = {"SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT", "CATEGORIES", "UID",
              "X-WR-CALNAME", "CONTACT"}
NESTING = {None: {"VCALENDAR"}, "VCALENDAR": {"VEVENT"}, "VEVENT": {"VALARM"}, "VALARM": set()}


class Checker:
    def __init__(self, name):
        self.name = name
        self.errors = []

    def err(self, lineno, msg):
        self.errors.append(f"{self.name}:{lineno}: {msg}")

    def physical_lines(self, data):
        """Splits into physical lines, checking CRLF and the 75-octet limit."""
        if not data.endswith(b"\r\n"):
            self.err(0, "the file does not end with CRLF")
        lines = data.split(b"\r\n")
        if lines and lines[-1] == b"":
            lines.pop()
        for i, line in enumerate(lines, 1):
            if b"\n" in line or b"\r" in line:
                self.err(i, "a bare LF or CR (lines must end with CRLF)")
            if len(line) > 75:
                self.err(i, f"{len(line)} octets (at most 75 without CRLF)")
        return lines

    def unfold(self, lines):
        """Joins folded lines; yields (first physical line number, bytes)."""
        out = []
        for i, line in enumerate(lines, 1):
            if line[:1] == b"\t":
                self.err(i, "folded with a tab; this feed folds with one space")
            if line[:1] == b" ":
                if not out:
                    self.err(i, "a continuation line at the start")
                    continue
                if len(line) == 1:
                    self.err(i, "an empty continuation line")
                if line[1:2] and (line[1] & 0xC0) == 0x80:
                    self.err(i, "a fold splits a UTF-8 sequence")
                out[-1][1].append(line[1:])
            else:
                if line == b"":
                    self.err(i, "an empty line")
                    continue
                out.append((i, [line]))
        return [(i, b"".join(parts)) for i, parts in out]

    def check_date(self, lineno, prop, value):
        m = DATE.match(value)
        if not m:
            self.err(lineno, f"{prop}: '{value}' is not a DATE YYYYMMDD")
            return None
        try:
            return datetime.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            self.err(lineno, f"{prop}: '{value}' is not a real date")
            return None

    def check_date_time(self, lineno, prop, value):
        m = DATE_TIME.match(value)
        if not m:
            self.err(lineno, f"{prop}: '{value}' is not a DATE-TIME YYYYMMDDTHHMMSSZ")
            return None
        if m[7] != "Z":
            self.err(lineno, f"{prop}: '{value}' is not in UTC (no Z)")
        try:
            return datetime.datetime(int(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5]),
                                     int(m[6]))
        except ValueError:
            self.err(lineno, f"{prop}: '{value}' is not a real date and time")
            return None

    def check_text(self, lineno, prop, value):
        i = 0
        while i < len(value):
            if value[i] == "\\":
                if i + 1 >= len(value) or value[i + 1] not in "\\;,nN":
                    self.err(lineno, f"{prop}: a backslash not followed by \\ ; , or n")
                i += 2
                continue
            if prop != "CATEGORIES" and value[i] in ";,":
                self.err(lineno, f"{prop}: an unescaped '{value[i]}'")
            i += 1

    def check_value(self, lineno, name, params, value, comp):
        if name in ("DTSTART", "DTEND", "DTSTAMP", "CREATED", "LAST-MODIFIED"):
            if params.get("VALUE") == "DATE":
                return ("DATE", self.check_date(lineno, name, value))
            if name == "DTSTAMP" and "VALUE" in params:
                self.err(lineno, "DTSTAMP must be a DATE-TIME")
            return ("DATE-TIME", self.check_date_time(lineno, name, value))
        if name == "TRIGGER":
            if params.get("VALUE") == "DATE-TIME":
                self.check_date_time(lineno, name, value)
            elif not DURATION.match(value) or value in ("P", "-P", "+P") or value.endswith("T"):
                self.err(lineno, f"TRIGGER: '{value}' is not a valid duration")
            rel = params.get("RELATED")
            if rel is not None and rel not in ("START", "END"):
                self.err(lineno, f"TRIGGER: RELATED={rel} is not START or END")
        elif name == "DURATION":
            if not DURATION.match(value):
                self.err(lineno, f"DURATION: '{value}' is not a valid duration")
        elif name in TEXT_PROPS:
            self.check_text(lineno, name, value)
        return None

    def run(self, data):
        lines = self.physical_lines(data)
        stack = []
        comps = []  # (kind, props dict name -> list of (lineno, params, value, typed))
        uids = {}
        seen_calendar = False
        for lineno, raw in self.unfold(lines):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                self.err(lineno, f"invalid UTF-8 ({e.reason})")
                continue
            m = CONTENT_LINE.match(line)
            if not m:
                self.err(lineno, f"not a content line NAME[;PARAM=VALUE]:VALUE: {line[:60]!r}")
                continue
            name, paramtext, value = m[1].upper(), m[2], m[3]
            if re.search(r"[\x00-\x08\x0a-\x1f\x7f]", value):
                self.err(lineno, f"{name}: a control character in the value")
            params = {}
            for pm in PARAM_SPLIT.finditer(paramtext):
                params[pm[1].upper()] = pm[2]
            if name == "BEGIN":
                parent = stack[-1] if stack else None
                if value not in NESTING.get(parent, set()):
                    self.err(lineno, f"BEGIN:{value} inside {parent or 'nothing'}")
                if value == "VCALENDAR":
                    if seen_calendar:
                        self.err(lineno, "a second VCALENDAR")
                    seen_calendar = True
                stack.append(value)
                comps.append((value, lineno, {}))
                continue
            if name == "END":
                if not stack or stack[-1] != value:
                    self.err(lineno, f"END:{value} does not close {stack[-1] if stack else 'anything'}")
                    continue
                kind, start, props = comps.pop()
                stack.pop()
                self.check_component(kind, start, props, uids)
                continue
            if not stack:
                self.err(lineno, f"{name} outside any component")
                continue
            typed = self.check_value(lineno, name, params, value, stack[-1])
            comps[-1][2].setdefault(name, []).append((lineno, params, value, typed))
        if stack:
            self.err(len(lines), f"{stack[-1]} is not closed")
        if not seen_calendar:
            self.err(0, "no VCALENDAR")
        return not self.errors

    def one(self, kind, start, props, name):
        got = props.get(name, [])
        if len(got) != 1:
            self.err(start, f"{kind} has {len(got)} {name} properties (exactly one needed)")
            return None
        return got[0]

    def check_component(self, kind, start, props, uids):
        if kind == "VCALENDAR":
            v = self.one(kind, start, props, "VERSION")
            if v and v[2] != "2.0":
                self.err(v[0], f"VERSION:{v[2]} (2.0 needed)")
            self.one(kind, start, props, "PRODID")
        elif kind == "VEVENT":
            uid = self.one(kind, start, props, "UID")
            self.one(kind, start, props, "DTSTAMP")
            dtstart = self.one(kind, start, props, "DTSTART")
            if uid:
                if uid[2] in uids:
                    self.err(uid[0], f"UID {uid[2]} repeats the event at line {uids[uid[2]]}")
                uids[uid[2]] = uid[0]
            if "DTEND" in props and "DURATION" in props:
                self.err(start, "VEVENT has both DTEND and DURATION")
            dtend = props.get("DTEND", [None])[0]
            if dtstart and dtend and dtstart[3] and dtend[3]:
                if dtstart[3][0] != dtend[3][0]:
                    self.err(dtend[0], "DTEND is not of the same value type as DTSTART")
                elif dtstart[3][1] and dtend[3][1] and dtend[3][1] <= dtstart[3][1]:
                    self.err(dtend[0], "DTEND is not later than DTSTART")
        elif kind == "VALARM":
            action = self.one(kind, start, props, "ACTION")
            self.one(kind, start, props, "TRIGGER")
            if action and action[2] == "DISPLAY":
                self.one(kind, start, props, "DESCRIPTION")


def main(argv):
    if len(argv) < 2:
        print("usage: icscheck.py FILE.ics...", file=sys.stderr)
        return 2
    ok = True
    for path in argv[1:]:
        with open(path, "rb") as f:
            data = f.read()
        c = Checker(path)
        if not c.run(data):
            ok = False
            for e in c.errors[:50]:
                print(e, file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
