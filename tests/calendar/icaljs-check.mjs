// Parses iCalendar files with ical.js (an independent RFC 5545 parser) and
// walks every component and property: each VEVENT must give a UID, a DTSTAMP
// and a DTSTART, an all-day DTSTART must be a date and a cutoff a UTC time,
// every VALARM trigger must be a duration, and the text must survive a
// serialise-and-parse round trip. Usage: node icaljs-check.mjs FILE.ics...
// ical.js is looked up under $ICALJS_PREFIX (npm install --prefix DIR ical.js);
// exit 77 (automake's SKIP) when it is not installed, 1 on any error.
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const prefix = process.env.ICALJS_PREFIX || "/tmp/icaljs";
const entry = join(prefix, "node_modules", "ical.js", "dist", "ical.js");
if (!existsSync(entry)) {
    console.log(`SKIP: ical.js not found at ${entry}`);
    process.exit(77);
}
const ICAL = (await import(pathToFileURL(entry).href)).default;

let errors = 0;
function fail(file, msg) {
    console.error(`${file}: ${msg}`);
    errors++;
}

function walk(file, comp, depth) {
    for (const prop of comp.getAllProperties()) {
        for (const v of prop.getValues()) {
            if (v === undefined || v === null)
                fail(file, `${comp.name}.${prop.name}: no value`);
            else
                String(v);
        }
    }
    for (const sub of comp.getAllSubcomponents())
        walk(file, sub, depth + 1);
}

for (const file of process.argv.slice(2)) {
    const text = readFileSync(file, "utf8");
    let root;
    try {
        root = new ICAL.Component(ICAL.parse(text));
    } catch (e) {
        fail(file, `ICAL.parse: ${e.message}`);
        continue;
    }
    if (root.name !== "vcalendar") fail(file, `the root is ${root.name}`);
    if (root.getFirstPropertyValue("version") !== "2.0") fail(file, "VERSION is not 2.0");
    if (!root.getFirstPropertyValue("prodid")) fail(file, "no PRODID");
    walk(file, root, 0);
    const vevents = root.getAllSubcomponents("vevent");
    const expected = (text.match(/\r\nBEGIN:VEVENT\r\n/g) || []).length;
    if (vevents.length !== expected) fail(file, `${vevents.length} VEVENTs parsed, ${expected} written`);
    const uids = new Set();
    for (const ve of vevents) {
        const ev = new ICAL.Event(ve);
        if (!ev.uid) { fail(file, "a VEVENT without UID"); continue; }
        if (uids.has(ev.uid)) fail(file, `UID ${ev.uid} repeats`);
        uids.add(ev.uid);
        if (!ve.getFirstPropertyValue("dtstamp")) fail(file, `${ev.uid}: no DTSTAMP`);
        const start = ev.startDate;
        if (!start) { fail(file, `${ev.uid}: no DTSTART`); continue; }
        if (ev.uid.startsWith("cutoff-")) {
            if (start.isDate || start.zone !== ICAL.Timezone.utcTimezone)
                fail(file, `${ev.uid}: the cutoff is not a UTC date-time`);
        } else {
            if (!start.isDate) fail(file, `${ev.uid}: DTSTART is not a date`);
            if (ev.endDate.compare(start) <= 0) fail(file, `${ev.uid}: DTEND not after DTSTART`);
        }
        if (!ev.summary) fail(file, `${ev.uid}: no SUMMARY`);
        for (const alarm of ve.getAllSubcomponents("valarm")) {
            const trigger = alarm.getFirstPropertyValue("trigger");
            if (!(trigger instanceof ICAL.Duration))
                fail(file, `${ev.uid}: a TRIGGER that is not a duration`);
            else if (trigger.toSeconds() > 0)
                fail(file, `${ev.uid}: a TRIGGER after the start`);
            if (alarm.getFirstPropertyValue("action") !== "DISPLAY" ||
                !alarm.getFirstPropertyValue("description"))
                fail(file, `${ev.uid}: an alarm without ACTION:DISPLAY and DESCRIPTION`);
        }
    }
    const again = new ICAL.Component(ICAL.parse(root.toString()));
    const a = root.getAllSubcomponents("vevent").map((c) => c.getFirstPropertyValue("description"));
    const b = again.getAllSubcomponents("vevent").map((c) => c.getFirstPropertyValue("description"));
    if (JSON.stringify(a) !== JSON.stringify(b)) fail(file, "DESCRIPTION differs after a round trip");
}
process.exit(errors ? 1 : 0);
