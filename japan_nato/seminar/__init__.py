"""The seminar assignments: building, sandboxed running, trusted grading, feedback and export.

- :mod:`~japan_nato.seminar.building`: otter-grader source notebooks, ``otter assign``, and the
  checks, answers and tables each assignment declares;
- :mod:`~japan_nato.seminar.sandbox` and :mod:`~japan_nato.seminar.runner`: a submission's code
  runs under bubblewrap with resource limits; only its answers come out, as JSON;
- :mod:`~japan_nato.seminar.plain`: the only values the grader accepts from a submission;
- :mod:`~japan_nato.seminar.grading`: the checks run in the grader's own process, in parallel
  over a folder; ``grades.csv`` and ``written_answers.html``;
- :mod:`~japan_nato.seminar.feedback`: one feedback file per submission;
- :mod:`~japan_nato.seminar.export`: totals and Canvas/Moodle gradebook files.

``python -m japan_nato.assignments`` is the command line (see the README, "Seminar assignments").
Why not ``otter run`` or ``otter grade``: ``otter run`` runs the hidden tests inside the student's
own kernel, next to the test files, so a submission can read, patch or forge them; ``otter grade``
needs Docker. otter keeps what it does well here: the source format, ``otter assign``, the student
notebook and its public checks.
"""
