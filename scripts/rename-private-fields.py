#!/usr/bin/env python3
"""Renames private fields `_camel` to `camel`, the rule .editorconfig states (private_fields_are_camel), in every tracked
C# file under src/ and tests/ (baselines under tests/samples/ and *.g.cs files are never touched).

Mechanical and repeatable: run it again after a merge brings in new `_camel` fields (`python3 scripts/rename-private-fields.py`,
then build). What it does:
- finds the private fields declared with a `_` prefix (`private [static] [readonly] T _name [= ...];`, several declarators too);
- renames the name in code and comments (never inside string text) of the files that can see the field: the declaring file
  and the other files of a partial type that declares it;
- where the new name is already used bare in the same member (a constructor parameter `name` in `_name = name;`, a local),
  qualifies the field: `this.name`, or `Type.name` for a static field;
- a new name that is a C# keyword takes the name in RENAMED_KEYWORDS instead.
It prints what it changed and every place it qualified; `dotnet build` then proves the result.
"""
import re
import subprocess
import sys
from pathlib import Path

RENAMED_KEYWORDS = {"_out": "output", "_lock": "lockFile"}
KEYWORDS = set("""abstract as base bool break byte case catch char checked class const continue decimal default delegate do double
else enum event explicit extern false finally fixed float for foreach goto if implicit in int interface internal is lock long
namespace new null object operator out override params private protected public readonly ref return sbyte sealed short sizeof
stackalloc static string struct switch this throw true try typeof uint ulong unchecked unsafe ushort using virtual void volatile
while field value var""".split())

TYPE_HEADER = re.compile(r"\b(?:class|struct|record(?:\s+(?:class|struct))?|interface)\s+([A-Z]\w*)")
DECLARATION = re.compile(
    r"(?m)^[ \t]*(private(?:\s+protected)?(?:\s+(?:static|readonly|volatile|unsafe|new))*)\s+"
    r"[^=;(){}]*?\s(_[a-z]\w*(?:\s*(?:=[^,;]*)?\s*,\s*_[a-z]\w*)*)\s*(?=[=;])")


def code_mask(text):
    """True for each character of code or comment, False for the text of string and char literals (interpolation holes are code)."""
    mask = [True] * len(text)
    i, n = 0, len(text)

    def skip_string(i):
        # i at the opening quote run's start (after any $ and @ prefixes); returns the index after the literal.
        j = i
        dollars = 0
        verbatim = False
        while text[j] in "$@":
            dollars += text[j] == "$"
            verbatim |= text[j] == "@"
            j += 1
        quotes = 0
        while j + quotes < n and text[j + quotes] == '"':
            quotes += 1
        if quotes >= 3:  # raw string literal
            close = '"' * quotes
            k = j + quotes
            while k < n:
                if text.startswith(close, k):
                    for m in range(i, k + quotes):
                        mask[m] = False
                    return k + quotes
                if dollars and text.startswith("{" * dollars, k) and not text.startswith("{" * (dollars + 1), k):
                    for m in range(i, k + dollars):
                        mask[m] = False
                    k = skip_code(k + dollars, "}" * dollars)
                    i = k - dollars
                    continue
                k += 1
            return n
        k = j + 1
        start = i
        while k < n:
            c = text[k]
            if c == "\\" and not verbatim:
                k += 2
                continue
            if c == '"':
                if verbatim and k + 1 < n and text[k + 1] == '"':
                    k += 2
                    continue
                for m in range(start, k + 1):
                    mask[m] = False
                return k + 1
            if dollars and c == "{":
                if k + 1 < n and text[k + 1] == "{":
                    k += 2
                    continue
                for m in range(start, k + 1):
                    mask[m] = False
                k = skip_code(k + 1, "}")
                start = k - 1
                continue
            k += 1
        return n

    def skip_code(i, close):
        # Code up to the matching close (an interpolation hole); returns the index after it.
        depth = 0
        while i < n:
            if text.startswith(close, i) and depth == 0:
                return i + len(close)
            c = text[i]
            if c in "({[":
                depth += 1
            elif c in ")]}":
                depth -= 1
            if c == '"' or (c in "$@" and re.match(r'[$@]+"', text[i:i + 5])):
                i = skip_string(i)
                continue
            if c == "'":
                i = skip_char(i)
                continue
            i += 1
        return n

    def skip_char(i):
        k = i + 1
        while k < n and text[k] != "'":
            k += 2 if text[k] == "\\" else 1
        for m in range(i, min(k + 1, n)):
            mask[m] = False
        return k + 1

    while i < n:
        c = text[i]
        if text.startswith("//", i):
            i = text.find("\n", i)
            i = n if i < 0 else i
        elif text.startswith("/*", i):
            i = text.find("*/", i + 2)
            i = n if i < 0 else i + 2
        elif c == '"' or (c in "$@" and re.match(r'[$@]+"', text[i:i + 5])):
            i = skip_string(i)
        elif c == "'":
            i = skip_char(i)
        else:
            i += 1
    return mask


def comment_free(text, mask):
    """Code only: string text and comments blanked (for scopes and conflicts)."""
    out = [c if mask[k] else " " for k, c in enumerate(text)]
    code = "".join(out)
    code = re.sub(r"//[^\n]*", lambda m: " " * len(m.group()), code)
    code = re.sub(r"/\*.*?\*/", lambda m: re.sub(r"[^\n]", " ", m.group()), code, flags=re.S)
    return code


def scopes(code):
    """For each position: (innermost type name, member segment). A member segment is one member of a type body, its
    header (parameters) and its body together; positions directly in a type body between members get their own."""
    info = [None] * len(code)
    stack = []  # entries: (kind, type name, segment): a type body, or a block with the segment of the member it is in
    segment = 0
    last = 0
    for k, c in enumerate(code):
        if c == "{":
            header = code[last:k]
            m = list(TYPE_HEADER.finditer(header))
            if m and not re.search(r"\bnew\b", header):
                stack.append(("type", m[-1].group(1), None))
            else:
                parent = stack[-1] if stack else None
                stack.append(("block", None, segment if parent is None or parent[0] == "type" else parent[2]))
            last = k + 1
        elif c == "}":
            if stack:
                stack.pop()
            if not stack or stack[-1][0] == "type":
                segment += 1
            last = k + 1
        elif c == ";":
            if not stack or stack[-1][0] == "type":
                segment += 1
            last = k + 1
        type_name = next((s[1] for s in reversed(stack) if s[0] == "type"), None)
        top = stack[-1] if stack else None
        info[k] = (type_name, segment if top is None or top[0] == "type" else top[2])
    return info


def main():
    root = Path(__file__).resolve().parent.parent
    files = [f for f in subprocess.run(["git", "ls-files", "src/*.cs", "tests/*.cs"], cwd=root, capture_output=True, text=True, check=True).stdout.split()
             if not f.startswith("tests/samples/") and not f.endswith(".g.cs")]
    texts = {f: (root / f).read_text(encoding="utf-8") for f in files}
    masks = {f: code_mask(t) for f, t in texts.items()}
    codes = {f: comment_free(texts[f], masks[f]) for f in files}

    # Declarations: (type, name) → static?; and which files declare a partial type.
    fields = {}
    declared_in = {}
    for f, code in codes.items():
        info = scopes(code)
        for m in DECLARATION.finditer(code):
            static = "static" in m.group(1).split() and "readonly" not in m.group(1).split()
            if "static" in m.group(1).split() and "readonly" in m.group(1).split():
                continue  # static readonly fields are PascalCase by another rule
            type_name = info[m.start(2)][0]
            for name in re.findall(r"(?<![\w=])_[a-z]\w*", m.group(2)):
                fields[(type_name, name)] = static
                declared_in.setdefault(name, set()).add((f, type_name))
    partial_types = {}
    for f, code in codes.items():
        for m in re.finditer(r"\bpartial\s+(?:class|struct|record)\s+([A-Z]\w*)", code):
            partial_types.setdefault(m.group(1), set()).add(f)

    changed = 0
    for f in files:
        text, mask, code = texts[f], masks[f], codes[f]
        names = {name for name, places in declared_in.items()
                 for (df, t) in places if df == f or f in partial_types.get(t, set())}
        names = {n for n in names if re.search(r"\b" + n + r"\b", code)}
        if not names:
            continue
        info = scopes(code)
        edits = []
        for name in sorted(names):
            new = RENAMED_KEYWORDS.get(name, name[1:])
            if new in KEYWORDS:
                sys.exit(f"{f}: {name} would become the keyword {new}: add it to RENAMED_KEYWORDS")
            bare = re.compile(r"(?<![\w.@])" + new + r"\b(?!\s*:[^:])")
            conflict_segments = {info[m.start()][1] for m in bare.finditer(code)}
            for m in re.finditer(r"(?<![\w@])" + name + r"\b", text):
                k = m.start()
                if not mask[k]:
                    continue
                in_code = code[k] != " "
                qualified = new
                if in_code and text[k - 1] != "." and info[k][1] in conflict_segments and not is_declarator(code, k, name):
                    type_name = info[k][0]
                    static = fields.get((type_name, name))
                    qualified = (type_name + "." + new) if static else "this." + new
                edits.append((k, k + len(name), qualified, qualified != new))
        if not edits:
            continue
        out = text
        for start, end, replacement, _ in sorted(edits, reverse=True):
            out = out[:start] + replacement + out[end:]
        (root / f).write_text(out, encoding="utf-8")
        changed += 1
        qualified = sum(1 for e in edits if e[3])
        print(f"{f}: {len(edits)} renamed" + (f", {qualified} qualified" if qualified else ""))
    print(f"{changed} files changed")


def is_declarator(code, k, name):
    """Whether the name at k is declared there (`private T _name =`, or a later declarator `, _name`)."""
    line_start = code.rfind("\n", 0, k) + 1
    line = code[line_start:k]
    return bool(re.match(r"\s*private\b", line)) and re.match(r"\s*(=|;|,)", code[k + len(name):]) is not None


if __name__ == "__main__":
    main()
