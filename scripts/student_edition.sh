#!/usr/bin/env bash
# Build the student edition of the whole series with nbgrader (generate_assignment): solutions replaced by
# `raise NotImplementedError()`, outputs cleared, answer cells not collapsed.
#
#   bash scripts/student_edition.sh [OUTDIR] [--course COURSE_DIR] [--force]
#
# OUTDIR (default build/student-edition) is the folder to hand out (or to push to a git repository for
# nbgitpuller); a rebuild updates it in place, keeps .git/.venv/your files and says what changed (--force:
# README, "Updating the edition during the term"). --course keeps the nbgrader course directory (one assignment
# per notebook) for releasing through nbgrader's exchange and for autograding (README, "For teachers").
# See scripts/student_edition.py.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bash "$root/scripts/setup.sh" --dev   # nbgrader is a developer package
export PATH="$root/.venv/bin:$PATH"   # nbgrader calls `alembic` by name
exec "$root/.venv/bin/python" "$root/scripts/student_edition.py" "$@"
