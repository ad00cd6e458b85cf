"""Running SPARQL for people: query files and competency questions with safe parameters,
results in the standard formats, and a timeout that really stops the query.

- :mod:`.run`: :func:`query_result` runs a query (on-disk stores in a worker process that is
  killed at the timeout; remote endpoints with an HTTP timeout);
- :mod:`.formats`: SPARQL 1.1 results formats (JSON, XML, CSV, TSV) for SELECT/ASK, RDF
  formats for CONSTRUCT/DESCRIBE, and a readable table;
- :mod:`.cq`: the competency-question library in ``queries/cq/``.
"""
