#!/usr/bin/env python3
"""Validates a JSON document against a JSON Schema (2020-12), standard library only.

Usage: schemacheck.py SCHEMA JSONFILE     (JSONFILE may be - for standard input)
Exit 0 when the document is valid, 1 when it is not (each error on stderr as
`JSONFILE: $.path: message`), 2 on a usage error, an unreadable file, or a
schema that uses a keyword this checker does not implement (so that a schema
never passes by being half understood).

Implemented: type (a name or an array of names; "integer" is a number with no
fraction, booleans are not numbers), properties, required,
additionalProperties (boolean or schema), patternProperties, items,
prefixItems, minItems, maxItems, uniqueItems, enum, const (JSON equality: 1 is
not true), pattern (searched, not anchored, as in ECMA-262), minLength,
maxLength, minimum, maximum, exclusiveMinimum, exclusiveMaximum, $ref to a
JSON pointer inside the schema ("#/$defs/name"), allOf, anyOf, oneOf, not.
Annotations ($schema, $id, $comment, title, description, examples, default,
format, $defs) are accepted and ignored. Documents with duplicate keys or
NaN/Infinity are refused.
"""

import json
import re
import sys

ANNOTATIONS = {"$schema", "$id", "$comment", "title", "description", "examples", "default",
               "format", "$defs", "definitions", "readOnly", "deprecated"}
KEYWORDS = {"type", "properties", "required", "additionalProperties", "patternProperties",
            "items", "prefixItems", "minItems", "maxItems", "uniqueItems", "enum", "const",
            "pattern", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum",
            "exclusiveMaximum", "$ref", "allOf", "anyOf", "oneOf", "not"}


class SchemaError(Exception):
    """The schema itself is unusable (unknown keyword, bad $ref)."""


def strict_load(text, what):
    def pairs(items):
        seen = {}
        for k, v in items:
            if k in seen:
                raise ValueError(f"duplicate key {k!r}")
            seen[k] = v
        return seen

    def bad_constant(name):
        raise ValueError(f"{name} is not JSON")

    try:
        return json.loads(text, object_pairs_hook=pairs, parse_constant=bad_constant)
    except ValueError as e:
        raise SchemaError(f"{what}: not valid JSON: {e}") from None


def type_name(v):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, int):
        return "integer"
    if isinstance(v, float):
        return "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "array"
    return "object"


def has_type(v, t):
    n = type_name(v)
    if t == "number":
        return n in ("integer", "number")
    if t == "integer":
        return n == "integer" or (n == "number" and v.is_integer())
    return n == t


def json_equal(a, b):
    ta, tb = type_name(a), type_name(b)
    if {ta, tb} <= {"integer", "number"}:
        return a == b
    if ta != tb:
        return False
    if ta == "array":
        return len(a) == len(b) and all(json_equal(x, y) for x, y in zip(a, b))
    if ta == "object":
        return a.keys() == b.keys() and all(json_equal(a[k], b[k]) for k in a)
    return a == b


def path_key(path, key):
    if re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", key):
        return f"{path}.{key}"
    return f"{path}[{json.dumps(key)}]"


class Validator:
    def __init__(self, root):
        self.root = root
        self.check_schema(root, "#")

    def check_schema(self, s, where):
        """Refuses keywords this validator would silently ignore."""
        if isinstance(s, bool):
            return
        if not isinstance(s, dict):
            raise SchemaError(f"{where}: a schema must be an object or a boolean")
        for k, v in s.items():
            if k in ANNOTATIONS:
                if k in ("$defs", "definitions"):
                    for name, sub in v.items():
                        self.check_schema(sub, f"{where}/{k}/{name}")
                continue
            if k not in KEYWORDS:
                raise SchemaError(f"{where}: keyword {k!r} is not implemented by schemacheck.py")
            if k in ("properties", "patternProperties"):
                for name, sub in v.items():
                    self.check_schema(sub, f"{where}/{k}/{name}")
                if k == "patternProperties":
                    for pat in v:
                        re.compile(pat)
            elif k in ("additionalProperties", "items", "not"):
                self.check_schema(v, f"{where}/{k}")
            elif k in ("prefixItems", "allOf", "anyOf", "oneOf"):
                if not isinstance(v, list) or not v:
                    raise SchemaError(f"{where}/{k}: must be a non-empty array")
                for i, sub in enumerate(v):
                    self.check_schema(sub, f"{where}/{k}/{i}")
            elif k == "$ref":
                self.resolve(v)
            elif k == "pattern":
                re.compile(v)

    def resolve(self, ref):
        if not ref.startswith("#"):
            raise SchemaError(f"$ref {ref!r}: only references inside the schema are supported")
        node = self.root
        for part in ref[1:].split("/")[1:] if ref != "#" else []:
            part = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(node, dict) or part not in node:
                raise SchemaError(f"$ref {ref!r} does not resolve")
            node = node[part]
        return node

    def validate(self, v, s, path, errors):
        if s is True:
            return
        if s is False:
            errors.append(f"{path}: no value is allowed here")
            return
        if "$ref" in s:
            self.validate(v, self.resolve(s["$ref"]), path, errors)
        if "type" in s:
            types = s["type"] if isinstance(s["type"], list) else [s["type"]]
            if not any(has_type(v, t) for t in types):
                errors.append(f"{path}: {type_name(v)} {json.dumps(v)[:60]}, expected "
                              f"{' or '.join(types)}")
                return
        if "const" in s and not json_equal(v, s["const"]):
            errors.append(f"{path}: {json.dumps(v)[:60]} is not {json.dumps(s['const'])}")
        if "enum" in s and not any(json_equal(v, e) for e in s["enum"]):
            errors.append(f"{path}: {json.dumps(v)[:60]} is not one of "
                          f"{', '.join(json.dumps(e) for e in s['enum'])}")
        if isinstance(v, str):
            if "pattern" in s and not re.search(s["pattern"], v):
                errors.append(f"{path}: {json.dumps(v)[:60]} does not match {s['pattern']}")
            if "minLength" in s and len(v) < s["minLength"]:
                errors.append(f"{path}: shorter than {s['minLength']} characters")
            if "maxLength" in s and len(v) > s["maxLength"]:
                errors.append(f"{path}: longer than {s['maxLength']} characters")
        if type_name(v) in ("integer", "number"):
            if "minimum" in s and v < s["minimum"]:
                errors.append(f"{path}: {v} is less than {s['minimum']}")
            if "maximum" in s and v > s["maximum"]:
                errors.append(f"{path}: {v} is more than {s['maximum']}")
            if "exclusiveMinimum" in s and v <= s["exclusiveMinimum"]:
                errors.append(f"{path}: {v} is not more than {s['exclusiveMinimum']}")
            if "exclusiveMaximum" in s and v >= s["exclusiveMaximum"]:
                errors.append(f"{path}: {v} is not less than {s['exclusiveMaximum']}")
        if isinstance(v, list):
            self.validate_array(v, s, path, errors)
        if isinstance(v, dict):
            self.validate_object(v, s, path, errors)
        for sub in s.get("allOf", []):
            self.validate(v, sub, path, errors)
        if "anyOf" in s:
            if not any(self.valid(v, sub, path) for sub in s["anyOf"]):
                errors.append(f"{path}: matches none of anyOf ({self.first_reason(v, s['anyOf'], path)})")
        if "oneOf" in s:
            n = sum(1 for sub in s["oneOf"] if self.valid(v, sub, path))
            if n != 1:
                why = self.first_reason(v, s["oneOf"], path) if n == 0 else f"{n} match"
                errors.append(f"{path}: must match exactly one of oneOf ({why})")
        if "not" in s and self.valid(v, s["not"], path):
            errors.append(f"{path}: matches a schema it must not match")

    def first_reason(self, v, subs, path):
        errs = []
        self.validate(v, subs[0], path, errs)
        return errs[0] if errs else "no reason"

    def valid(self, v, s, path):
        errs = []
        self.validate(v, s, path, errs)
        return not errs

    def validate_array(self, v, s, path, errors):
        if "minItems" in s and len(v) < s["minItems"]:
            errors.append(f"{path}: {len(v)} items, at least {s['minItems']} needed")
        if "maxItems" in s and len(v) > s["maxItems"]:
            errors.append(f"{path}: {len(v)} items, at most {s['maxItems']} allowed")
        if s.get("uniqueItems"):
            for i in range(len(v)):
                for j in range(i):
                    if json_equal(v[i], v[j]):
                        errors.append(f"{path}[{i}]: repeats item {j}")
        prefix = s.get("prefixItems", [])
        for i, item in enumerate(v):
            if i < len(prefix):
                self.validate(item, prefix[i], f"{path}[{i}]", errors)
            elif "items" in s:
                self.validate(item, s["items"], f"{path}[{i}]", errors)

    def validate_object(self, v, s, path, errors):
        for key in s.get("required", []):
            if key not in v:
                errors.append(f"{path}: missing required key {json.dumps(key)}")
        props = s.get("properties", {})
        patterns = s.get("patternProperties", {})
        for key, item in v.items():
            sub = path_key(path, key)
            matched = False
            if key in props:
                matched = True
                self.validate(item, props[key], sub, errors)
            for pat, ps in patterns.items():
                if re.search(pat, key):
                    matched = True
                    self.validate(item, ps, sub, errors)
            if not matched and "additionalProperties" in s:
                ap = s["additionalProperties"]
                if ap is False:
                    errors.append(f"{sub}: key {json.dumps(key)} is not allowed")
                else:
                    self.validate(item, ap, sub, errors)


def main(argv):
    if len(argv) != 3:
        print("usage: schemacheck.py SCHEMA JSONFILE", file=sys.stderr)
        return 2
    schema_path, doc_path = argv[1], argv[2]
    try:
        with open(schema_path, encoding="utf-8") as f:
            schema = strict_load(f.read(), schema_path)
        if doc_path == "-":
            text = sys.stdin.read()
        else:
            with open(doc_path, encoding="utf-8") as f:
                text = f.read()
        validator = Validator(schema)
    except (OSError, UnicodeDecodeError, SchemaError, re.error) as e:
        print(f"schemacheck: {e}", file=sys.stderr)
        return 2
    try:
        doc = strict_load(text, doc_path)
    except SchemaError as e:
        print(f"{e}", file=sys.stderr)
        return 1
    errors = []
    validator.validate(doc, schema, "$", errors)
    for e in errors[:100]:
        print(f"{doc_path}: {e}", file=sys.stderr)
    if len(errors) > 100:
        print(f"{doc_path}: {len(errors) - 100} more errors", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
