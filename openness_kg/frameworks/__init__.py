"""Openness by every framework, computed from the graph (issue 12): one status per component
(:mod:`.status`), each framework in its own module (:mod:`.mof`, :mod:`.osaid`, :mod:`.g7`,
:mod:`.release`, :mod:`.columbia`), the ``--framework`` table (:mod:`.registry`), the rows
``assess`` prints (:mod:`.rows`) and the assessments it stores (:mod:`.graph`); the human
indexes beside them live in :mod:`openness_kg.indexes`."""
