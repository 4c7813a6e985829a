"""Instructor-only: the reference solutions, typical mistakes and hidden (graded) cases of every exercise.

Never shipped to students (``scripts/student_edition.py`` copies ``d2lmini`` only). ``python -m grading.build``
writes from these references the public answer data ``d2lmini/checks/answers/nbNN.json`` (fingerprints of the
right answers and of each typical mistake) and the ``### BEGIN HIDDEN TESTS`` blocks of the notebooks' check
cells; ``python -m grading.build --check`` says whether they are up to date (a test runs it).

One module per notebook (``grading/nbNN.py``), three dicts keyed by exercise label (``"02.3"``):

* ``REFERENCES[label](case) -> list[float]``: the right result of a case, computed independently of the
  notebook's worked solution where that is possible (brute force, the library itself, a simulation);
* ``MISTAKES[label] = {hint_key: wrong_answer_function}``: what typical mistakes compute, written as the
  learner would write them; the public check recognizes them from their fingerprints and gives that hint;
* ``HIDDEN[label] = [case, ...]``: the graded cases' parameters (they appear only in the hidden blocks).
"""
