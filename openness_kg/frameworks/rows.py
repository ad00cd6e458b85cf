"""One row of ``openness-kg assess``: the CSV header is ``model,source,framework,verdict,score,detail``.

Every framework (computed or human) yields these rows, so ``assess`` prints them all alike.
"""

from __future__ import annotations

from dataclasses import dataclass

HEADER = ("model", "source", "framework", "verdict", "score", "detail")


@dataclass(frozen=True)
class AssessmentRow:
    model: str
    source: str
    framework: str
    verdict: str
    score: float | None
    detail: str

    def cells(self) -> tuple[str, str, str, str, str, str]:
        score = "" if self.score is None else f"{self.score:g}"
        return (self.model, self.source, self.framework, self.verdict, score, self.detail)
