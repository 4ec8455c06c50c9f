"""TF Serving's error sites in its C++ sources (errors::X(...), absl::XError(...)) as template pieces, for
scripts/explain_build_index.py: literal strings kept, StrCat/StrFormat flattened, other arguments as {name}.

A file's ``constexpr char kName[] = "…";`` constants are read as their text (json_tensor.cc's
``kPredictRequest…Key``: ``'instances'``), and a variadic helper whose body is one such call (json_tensor.cc's ``FormatError(val, args...)``:
``errors::InvalidArgument("JSON Value: ", JsonValueToDebugString(val), " ", args...)``) makes each of its calls a
site: the helper's own pieces, then the call's arguments after the helper's fixed parameters."""

import re, subprocess, sys

KINDS = r"(?:InvalidArgument|NotFound|FailedPrecondition|Unimplemented|Internal|Unavailable|ResourceExhausted|DeadlineExceeded|Aborted|Unknown|Cancelled|OutOfRange|AlreadyExists|PermissionDenied|DataLoss)"
CALL = re.compile(r"(?:errors::|absl::|tensorflow::errors::)(" + KINDS + r")(?:Error)?\(")

def git(repo, *a):
    return subprocess.run(["git", "-C", repo, *a], capture_output=True, text=True, check=True).stdout

def args_of(src, i):
    """Top-level args of the call whose '(' is at src[i-1]."""
    depth, j, cur, out = 1, i, "", []
    while j < len(src) and depth:
        ch = src[j]
        if ch == '"':
            k = j + 1
            while k < len(src) and src[k] != '"':
                k += 2 if src[k] == "\\" else 1
            cur += src[j:k + 1]; j = k + 1; continue
        if ch in "([{": depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth == 0: break
        if ch == "," and depth == 1:
            out.append(cur.strip()); cur = ""
        else:
            cur += ch
        j += 1
    out.append(cur.strip())
    return out

CONSTANT = re.compile(r'constexpr\s+char\s+(k\w+)\[\]\s*=\s*"((?:[^"\\]|\\.)*)"\s*;')
WRAPPER = re.compile(r"Status\s+(\w+)\(([^()]*?)Args&&\.\.\.\s*args\)\s*\{\s*return\s+"
                     r"(?:errors::|absl::|tensorflow::errors::)(" + KINDS + r")(?:Error)?\(")


def pieces(arg, consts=None):
    """An argument as template pieces: ("lit", text) or ("var", name); a constant of the file (``consts``) as its
    text."""
    arg = arg.strip()
    if consts and arg in consts:
        return [("lit", consts[arg])]
    lits = re.findall(r'"((?:[^"\\]|\\.)*)"', arg)
    if lits and re.fullmatch(r'(?:\s*"(?:[^"\\]|\\.)*"\s*)+', arg):
        return [("lit", bytes("".join(lits), "utf-8").decode("unicode_escape"))]
    m = re.match(r"(?:absl::|strings::|tensorflow::strings::)?StrCat\((.*)\)$", arg, re.S)
    if m:
        out = []
        for a in args_of(m.group(1) + ")", 0):
            out += pieces(a, consts)
        return out
    m = re.match(r'(?:absl::)?StrFormat\(\s*"((?:[^"\\]|\\.)*)"', arg, re.S)
    if m:
        out = []
        for part in re.split(r"(%[-\d.]*[sdulfgzix]+)", m.group(1)):
            if part.startswith("%"): out.append(("var", "v"))
            elif part: out.append(("lit", part))
        return out
    name = re.sub(r"\W+", "_", arg.split("(")[0].split(".")[-1].split("->")[-1]).strip("_") or "v"
    return [("var", name)]

def _merged(ps):
    merged = []
    for p in ps:
        if merged and merged[-1][0] == p[0] == "lit":
            merged[-1] = ("lit", merged[-1][1] + p[1])
        else:
            merged.append(p)
    return merged


def wrappers(src, consts):
    """The file's variadic error helpers: name -> (kind, pieces before ``args...``, number of fixed parameters, where
    the definition names it)."""
    out = {}
    for m in WRAPPER.finditer(src):
        body = args_of(src, m.end())
        if not body or not re.fullmatch(r"std::forward<Args>\(args\)\.\.\.", body[-1].replace(" ", "")):
            continue
        prefix = []
        for a in body[:-1]:
            prefix += pieces(a, consts)
        fixed = len([p for p in m.group(2).split(",") if p.strip()])
        out[m.group(1)] = (m.group(3), prefix, fixed, m.start(1))
    return out


def sites(repo, ref):
    files = [f for f in git(repo, "ls-tree", "-r", "--name-only", ref, "tensorflow_serving").split()
             if f.endswith(".cc") and "test" not in f and "/example/" not in f]
    for f in files:
        src = git(repo, "show", f"{ref}:{f}")
        consts = {m.group(1): bytes(m.group(2), "utf-8").decode("unicode_escape") for m in CONSTANT.finditer(src)}
        found = []
        for m in CALL.finditer(src):
            ps = []
            for a in args_of(src, m.end()):
                ps += pieces(a, consts)
            found.append((m.start(), m.group(1), _merged(ps)))
        for name, (kind, prefix, fixed, defined) in wrappers(src, consts).items():
            for m in re.finditer(r"(?<![\w.:>])" + re.escape(name) + r"\(", src):
                if m.start() == defined:  # (the definition itself)
                    continue
                ps = list(prefix)
                for a in args_of(src, m.end())[fixed:]:
                    ps += pieces(a, consts)
                found.append((m.start(), kind, _merged(ps)))
        for start, kind, merged in sorted(found, key=lambda x: x[0]):
            if any(p[0] == "lit" and len(p[1].strip()) >= 12 for p in merged):
                yield f, src.count("\n", 0, start) + 1, kind, merged
