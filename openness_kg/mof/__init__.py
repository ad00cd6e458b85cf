"""The Model Openness Framework (MOF): MOT's rules, the SHACL classes, progress and assessments."""
