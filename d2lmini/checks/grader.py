"""Grading of the hidden (graded) cases that nbgrader's hidden tests pass in, and the kernel checks around it.

A check cell of the instructor edition ends with a ``### BEGIN HIDDEN TESTS`` block (written by the
instructor's ``python -m grading.build``; nbgrader strips it from the student edition and puts it back when it
autogrades). That block loads this package FRESH from its files under a private module name (so replacing
``d2l.checks.nbNN.check_x`` or a ``sys.modules`` entry changes nothing) and calls :func:`grade` with the
case parameters and the fingerprints of the right answers, which appear nowhere else.

:func:`grade` returns nothing when every case is right. Otherwise it clears the cell's outputs and raises
``AssertionError`` (nbgrader: 0 points), when the answer is wrong or not attempted, and also when the kernel
was changed so that a failure might not be recorded (streams, ``print``, IPython's traceback display, custom
exception handlers, event callbacks, transformers, tracers, threads started by the notebook, an Output widget
capturing the cell): it first undoes what it can, then writes its verdict to stderr and raises.

This is not a sandbox: the learner's code runs in the same process. README ("Grading a class") says what
this defends against and what it cannot.
"""

from __future__ import annotations

import builtins
import functools
import gc
import math
import os
import sys
import sysconfig
import threading
import types

import torch

from . import REGISTRY, CheckFailure, _salt, fingerprint

_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
_ROOTS = tuple(sorted({os.path.realpath(p) + os.sep for p in (
    sysconfig.get_paths()["stdlib"], sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"],
    _PACKAGE_DIR)}))


# --------------------------------------------------------------------------- what counts as the kernel's own code
def _trusted_file(filename: str) -> bool:
    path = os.path.realpath(filename)
    return path.startswith(_ROOTS) and os.path.isfile(path)


def _trusted(obj) -> bool:
    """Code from Python's library, the installed packages or d2lmini: not from a notebook cell."""
    if obj is None:
        return True
    obj = getattr(obj, "__func__", obj)
    while isinstance(obj, functools.partial):
        obj = obj.func
    code = getattr(obj, "__code__", None)
    if isinstance(code, types.CodeType):
        return _trusted_file(code.co_filename)
    if isinstance(obj, (types.BuiltinFunctionType, types.BuiltinMethodType, types.WrapperDescriptorType,
                        types.MethodWrapperType, types.MethodDescriptorType, type)):
        return True
    return callable(obj) and _trusted(type(obj).__call__)


_BUILTIN_FUNCTIONS = ("print", "__import__", "len", "isinstance", "getattr", "abs", "min", "max", "sum", "repr",
                      "round", "sorted", "any", "all", "next", "iter", "callable", "hasattr", "vars", "id")
_BUILTIN_TYPES = {"float": float, "int": int, "str": str, "bool": bool, "list": list, "dict": dict, "tuple": tuple,
                  "zip": zip, "enumerate": enumerate, "range": range,
                  "type": type, "object": object, "BaseException": BaseException,
                  "AssertionError": AssertionError, "NotImplementedError": NotImplementedError}


def _builtins_problems() -> list[str]:
    problems = []
    for name in _BUILTIN_FUNCTIONS:
        f = builtins.__dict__.get(name)
        if not (isinstance(f, types.BuiltinFunctionType) and f.__name__ == name and f.__self__ is builtins):
            problems.append(f"builtins.{name} replaced")
    for name, cls in _BUILTIN_TYPES.items():     # literals and exception classes do not go through builtins
        if builtins.__dict__.get(name) is not cls:
            problems.append(f"builtins.{name} replaced")
    for module, names in ((math, ("log", "floor", "fsum", "sqrt", "isfinite")), (sys.modules.get("hashlib"),
                                                                                   ("pbkdf2_hmac", "sha256"))):
        for name in names:
            f = getattr(module, name, None)
            if not isinstance(f, types.BuiltinFunctionType) or f.__name__ not in (name, f"openssl_{name}"):
                problems.append(f"{getattr(module, '__name__', '?')}.{name} replaced")
    return problems


def _kernel():
    """``(shell, in_kernel)``: IPython's shell if this runs in an IPython kernel."""
    app_mod = sys.modules.get("ipykernel.kernelapp")
    app = app_mod.IPKernelApp._instance if app_mod is not None else None
    shell = getattr(app, "shell", None)
    if shell is None:
        shell_mod = sys.modules.get("IPython.core.interactiveshell")
        shell = shell_mod.InteractiveShell._instance if shell_mod is not None else None
    in_kernel = app is not None or any(type(s).__module__.startswith("ipykernel")
                                       for s in (sys.stdout, sys.stderr, sys.displayhook))
    return shell, in_kernel


def _untrusted_attrs(obj, what: str) -> list[str]:
    return [f"{what}.{k} replaced" for k, v in vars(obj).items() if callable(v) and not _trusted(v)]


def kernel_problems() -> list[str]:
    """Everything changed that could keep a failure from being recorded (empty list: untouched)."""
    problems = _builtins_problems()
    if sys.gettrace() is not None and not _trusted(sys.gettrace()):
        problems.append("sys.settrace used")
    if sys.getprofile() is not None and not _trusted(sys.getprofile()):
        problems.append("sys.setprofile used")
    for t in threading.enumerate():
        if not (_trusted(type(t).run) and _trusted(getattr(t, "_target", None))):
            problems.append(f"a thread started by the notebook ({t.name})")
    shell, in_kernel = _kernel()
    if not in_kernel:
        return problems
    if shell is None:
        return [*problems, "the IPython shell is hidden"]
    iostream = sys.modules.get("ipykernel.iostream")
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if iostream is None or type(stream) is not iostream.OutStream or getattr(stream, "name", None) != name:
            problems.append(f"sys.{name} replaced")
            continue
        problems += _untrusted_attrs(stream, f"sys.{name}")
        if any(not _trusted(h) for h in getattr(stream, "_hooks", ())):
            problems.append(f"a hook on sys.{name}")
    if iostream is not None:
        problems += [f"OutStream.{m} replaced" for m in ("write", "flush", "_flush")
                     if not _trusted(getattr(iostream.OutStream, m, None))]
    problems += _untrusted_attrs(shell, "the IPython shell")
    problems += [f"{type(shell).__name__}.{m} replaced" for m in
                 ("showtraceback", "_showtraceback", "run_cell", "run_cell_async", "run_ast_nodes", "run_code",
                  "transform_cell", "showsyntaxerror") if not _trusted(getattr(type(shell), m, None))]
    if getattr(shell, "custom_exceptions", ()) != ():
        problems.append("a custom exception handler (set_custom_exc)")
    if getattr(shell, "ast_node_interactivity", "last_expr") != "last_expr":
        problems.append("ast_node_interactivity changed")
    for attr in ("ast_transformers", "input_transformers_cleanup", "input_transformers_post"):
        if any(not _trusted(t) for t in getattr(shell, attr, [])):
            problems.append(f"shell.{attr} changed")
    for event, callbacks in getattr(getattr(shell, "events", None), "callbacks", {}).items():
        if any(not _trusted(c) for c in callbacks):
            problems.append(f"an event callback ({event})")
    for what in ("display_pub", "displayhook"):
        obj = getattr(shell, what, None)
        if obj is None:
            problems.append(f"shell.{what} missing")
            continue
        problems += _untrusted_attrs(obj, f"shell.{what}")
        problems += [f"type(shell.{what}).{m} replaced" for m, v in vars(type(obj)).items()
                     if callable(v) and not _trusted(v)]
        if any(not _trusted(h) for h in getattr(obj, "_hooks", ())):
            problems.append(f"a hook on shell.{what}")
        session = getattr(obj, "session", None)
        if session is not None:
            problems += _untrusted_attrs(session, "the kernel session")
            if not _trusted(type(session).send):
                problems.append("Session.send replaced")
    if not _trusted(sys.displayhook):
        problems.append("sys.displayhook replaced")
    widgets = sys.modules.get("ipywidgets.widgets.widget")
    for w in list(getattr(getattr(widgets, "Widget", None), "widgets", {}).values()):
        if type(w).__name__ == "Output" and getattr(w, "msg_id", ""):
            problems.append("an Output widget captures the cell")
    return list(dict.fromkeys(problems))


# --------------------------------------------------------------------------- undo what can be undone, then refuse
def _repair() -> None:
    shell, in_kernel = _kernel()
    for step in (_repair_streams, _repair_shell, _repair_tracing, _repair_widgets):
        try:
            step(shell) if in_kernel or step is _repair_tracing else None
        except Exception:   # noqa: BLE001, S110 - repair is best effort; refusing does not depend on it
            pass


def _repair_streams(shell) -> None:
    iostream = sys.modules.get("ipykernel.iostream")
    if iostream is None:
        return
    session = getattr(getattr(shell, "display_pub", None), "session", None)
    found = {}
    for obj in gc.get_objects():
        if type(obj) is iostream.OutStream and getattr(obj, "session", None) is session:
            found.setdefault(obj.name, obj)
    for name, stream in found.items():
        for k in [k for k, v in vars(stream).items() if callable(v) and not _trusted(v)]:
            delattr(stream, k)
        if hasattr(stream, "_hooks"):
            stream._hooks.clear()
        setattr(sys, name, stream)


def _repair_shell(shell) -> None:
    for obj in (shell, shell.display_pub, shell.displayhook):
        for k in [k for k, v in vars(obj).items() if callable(v) and not _trusted(v)]:
            delattr(obj, k)
        if isinstance(getattr(obj, "_hooks", None), list):
            obj._hooks[:] = [h for h in obj._hooks if _trusted(h)]
    shell.custom_exceptions = ()
    shell.ast_node_interactivity = "last_expr"
    for callbacks in shell.events.callbacks.values():
        callbacks[:] = [c for c in callbacks if _trusted(c)]
    for attr in ("ast_transformers", "input_transformers_cleanup", "input_transformers_post"):
        transformers = getattr(shell, attr)      # some are read-only properties holding a list: edit in place
        transformers[:] = [t for t in transformers if _trusted(t)]
    sys.displayhook = shell.displayhook


def _repair_tracing(shell) -> None:
    sys.settrace(None)
    sys.setprofile(None)
    threading.settrace(None)
    threading.setprofile(None)


def _repair_widgets(shell) -> None:
    widgets = sys.modules.get("ipywidgets.widgets.widget")
    for w in list(getattr(getattr(widgets, "Widget", None), "widgets", {}).values()):
        if type(w).__name__ == "Output" and getattr(w, "msg_id", ""):
            w.msg_id = ""


def _clear_cell_outputs() -> None:
    """Remove what the cell showed so far (a "correct" printed by a replaced check, a number that nbgrader would
    read as partial credit): the failure is then the cell's first output."""
    shell, in_kernel = _kernel()
    pub = getattr(shell, "display_pub", None)
    if in_kernel and pub is not None and _trusted(type(pub).clear_output):
        try:
            pub.clear_output(wait=False)
        except Exception:   # noqa: BLE001, S110
            pass


def _refuse(message: str, tampered: bool) -> None:
    if tampered:
        _repair()
    _clear_cell_outputs()
    if tampered:          # a second channel: nbgrader also scores a cell with stderr output as 0
        try:
            sys.stderr.write(message + "\n")
            sys.stderr.flush()
        except Exception:   # noqa: BLE001, S110
            pass
    raise AssertionError(message)


# --------------------------------------------------------------------------- the graded cases
def grade(label: str, fn, cases: list[dict], expect: list[dict]) -> None:
    """Run ``fn`` on the hidden ``cases``; raise (0 points) unless every result matches its fingerprint."""
    before = kernel_problems()
    ex = REGISTRY[label]                # every nbNN module is imported by the checks package
    outcomes = []
    threads = torch.get_num_threads()
    torch.set_num_threads(1)            # as the public check: tiny tensors
    for i, (case, fp) in enumerate(zip(cases, expect, strict=True)):
        try:
            values = ex.results(fn, case)
        except NotImplementedError:
            outcomes.append("not attempted")
        except KeyboardInterrupt:       # nbgrader's cell timeout interrupts the kernel: stop grading here
            outcomes.append("interrupted")
            break
        except CheckFailure:            # the public check's format complaints (wrong type, shape, method)
            outcomes.append("wrong")
        except BaseException as exc:    # noqa: BLE001 - SystemExit too: any exception is a wrong answer
            outcomes.append(f"raised {type(exc).__name__}")
        else:
            outcomes.append("right" if fingerprint.matches(values, fp, _salt(label, "hidden", i)) else "wrong")
        values = None
    torch.set_num_threads(threads)
    fn = None
    gc.collect(1)                       # finalizers of the learner's new objects run now, before the kernel check
    problems = list(dict.fromkeys(before + kernel_problems()))
    if problems:
        _refuse(f"Exercise {label}: not graded (0 points): the notebook changed the kernel ({'; '.join(problems)}). "
                "Graded cells need an untouched kernel: remove that code and run the notebook again.", True)
    if outcomes == ["right"] * len(cases):
        return
    total = len(cases)
    if "not attempted" in outcomes:
        _refuse(f"Exercise {label}: not attempted (the answer still raises NotImplementedError): 0 points.", False)
    if "interrupted" in outcomes:
        _refuse(f"Exercise {label}: interrupted (too slow?) while grading: 0 points.", False)
    raised = [o for o in outcomes if o.startswith("raised")]
    wrong = total - outcomes.count("right")
    what = (f"your {ex.answer} {raised[0]} on {len(raised)} of {total} graded cases" if raised else
            f"your {ex.answer} is wrong on {wrong} of {total} graded cases")
    _refuse(f"Exercise {label}: {what} (new inputs, other sizes and values than the visible check; 0 points). "
            f"Hint: {ex.hints['generic']}", False)
