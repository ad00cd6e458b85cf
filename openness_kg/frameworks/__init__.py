"""Openness by every framework, computed from the graph (issue 12): one status per component
(:mod:`.status`), each framework in its own module (:mod:`.mof`, :mod:`.osaid`, :mod:`.g7`,
:mod:`.release`, :mod:`.columbia`), the ``--framework`` table (:mod:`.registry`), the rows
``assess`` prints (:mod:`.rows`), human indexes beside them (:mod:`openness_kg.indexes`) and the assessments it stores (:mod:`.graph`)."""
