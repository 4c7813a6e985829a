"""Answers stored as fingerprints: a check can recognize a right (or a typical wrong) answer without holding it.

A result is a flat list of floats. Its fingerprint stores, for a few numbers derived from it (the values
themselves when there are at most four, else three seeded projections onto unit vectors), the *cell* of a
grid that the number falls in, as a salted slow hash (PBKDF2, so guessing the cell by trying every grid
cell costs hours, not seconds). The grid is centered on the right value, so a learner's number matches when
it lies within half a cell of it: a relative tolerance ``rel`` for single values (log grid), an absolute one
of about ``rel`` times the result's size for projections (linear grid). An optional pattern of exact zeros
(for answers whose point is sparsity) is hashed too.

Nothing here is secret: the same code is used by the public checks, the hidden (graded) cases and the
instructor's scripts that write the fingerprints (``grading/``).
"""

from __future__ import annotations

import hashlib
import math

ITERATIONS = 1000          # PBKDF2 rounds per hashed cell: ~1 ms each
PROJECTIONS = 3            # random projections for results longer than DIRECT
DIRECT = 4                 # results with at most this many numbers are fingerprinted value by value
DIGITS = 3                 # the grid offset is stored to 1/1000 of a cell


def _hash(token: str, salt: str) -> str:
    return hashlib.pbkdf2_hmac("sha256", token.encode(), salt.encode(), ITERATIONS).hex()[:16]


def _unit(salt: str, index: int, size: int) -> list[float]:
    """A pseudo-random unit vector, the same on every machine (from SHA-256, no RNG state involved)."""
    raw = []
    for i in range(size):
        digest = hashlib.sha256(f"{salt}/{index}/{i}".encode()).digest()
        raw.append(int.from_bytes(digest[:8], "big") / 2.0**63 - 1.0)
    norm = math.sqrt(sum(v * v for v in raw)) or 1.0
    return [v / norm for v in raw]


def _numbers(values: list[float], salt: str) -> list[float]:
    if len(values) <= DIRECT:
        return list(values)
    return [math.fsum(p * v for p, v in zip(_unit(salt, j, len(values)), values, strict=True))
            for j in range(PROJECTIONS)]


def _cell(x: float, mode: str, q: float, f: float) -> str:
    if not math.isfinite(x):
        return "not-finite"
    if mode == "log":
        if x == 0:
            return "zero"
        return ("+" if x > 0 else "-") + str(math.floor(math.log(abs(x)) / q - f))
    return str(math.floor(x / q - f))


def _zeros(values: list[float], ztol: float) -> str:
    return "".join("0" if abs(v) <= ztol else "1" for v in values)


def make(values: list[float], salt: str, rel: float = 1e-6, atol: float = 1e-12,
         ztol: float | None = None) -> dict:
    """The fingerprint of the right ``values`` (instructor side; used by ``grading/``)."""
    values = [float(v) for v in values]
    if not all(math.isfinite(v) for v in values):
        raise ValueError(f"{salt}: cannot fingerprint a non-finite result {values}")
    numbers = _numbers(values, salt)
    if len(values) > DIRECT:
        scale = max(math.sqrt(sum(v * v for v in values)), atol / rel)
        q_lin = 2 * max(rel * 10.0 ** math.ceil(math.log10(scale)), atol)
    cells = []
    for k, x in enumerate(numbers):
        if len(values) <= DIRECT and abs(x) * rel > atol:
            mode, q, centre = "log", 2 * rel, math.log(abs(x)) / (2 * rel)
        else:
            mode = "lin"
            q = q_lin if len(values) > DIRECT else 2 * atol
            centre = x / q
        f = round((centre - 0.5) % 1.0, DIGITS) % 1.0
        token = _cell(x, mode, q, f)
        for shift in (-0.4, 0.4):        # the right value sits well inside its cell (no boundary luck)
            nudged = math.exp((centre + shift) * q) * (1 if x > 0 else -1) if mode == "log" else (centre + shift) * q
            if _cell(nudged, mode, q, f) != token:
                raise AssertionError(f"{salt}: fingerprint cell of {x!r} is not centered")
        cells.append([mode, q, f, _hash(token, f"{salt}#{k}")])
    out = {"m": len(values), "v": cells}
    if ztol is not None:
        out["z"] = _hash(_zeros(values, ztol), f"{salt}#zeros")
        out["zt"] = ztol
    return out


def matches(values: list[float], fp: dict, salt: str) -> bool:
    """Does the learner's result (a list of Python floats) match the fingerprint?"""
    if len(values) != fp["m"]:
        return False
    numbers = _numbers(values, salt)
    for k, (x, (mode, q, f, digest)) in enumerate(zip(numbers, fp["v"], strict=True)):
        if _hash(_cell(x, mode, q, f), f"{salt}#{k}") != digest:
            return False
    if "z" in fp and _hash(_zeros(values, fp["zt"]), f"{salt}#zeros") != fp["z"]:
        return False
    return True
