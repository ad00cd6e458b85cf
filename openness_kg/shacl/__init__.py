"""SHACL evaluation, whatever the shapes: pySHACL, the reference engine (:mod:`.run`), and the
compiled evaluator of the SHACL Core subset the bundled shapes use (:mod:`.compiled`), which
evaluates many records' views in one call (set at a time) with the same results."""
