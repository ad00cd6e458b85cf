"""Issue 14, part 5: every free-text licence of the European Open Source AI Index
(``data/osai-index/``, copied unedited) normalises as written here by hand: a string that
names a licence the knowledge base has is matched, a string that is no licence gets no id.
Also ScanCode licence keys (from the ScanCode index ``license-expression`` ships) and the Hub
``license_name`` values of popular models.

The strings are read from the YAML files in the test (recomputed, not copied), so a new or
changed string in the data fails here until someone decides what it means.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from openness_kg.licenses.kb import get
from openness_kg.licenses.normalize import normalize
from openness_kg.paths import DATA_DIR

INDEX_DIR = DATA_DIR / "osai-index"
NONE = ("", "none")
UNMATCHED = ("", "unmatched")

# The 68 distinct `system.endmodellicense` values (4 files spell the key `endmodel license`),
# written by hand: what each names, from the string and the index file it comes from.
EXPECTED: dict[str, tuple[str, str]] = {
    "AI Sweden's LLM AI Model License Agreement": ("LicenseRef-okg-ai-sweden-llm", "alias"),
    "Apache 2.0": ("Apache-2.0", "alias"),
    # "Apache" names no version: the family entry, like `bsd`
    "Apache and CC-BY-4.0": ("LicenseRef-okg-apache AND CC-BY-4.0", "expression"),
    "Apache-2.0": ("Apache-2.0", "exact"),
    "Apache-2.0 and BigScience RAIL License v1.0": (
        "Apache-2.0 AND bigscience-bloom-rail-1.0",
        "expression",
    ),
    "Apache-2.0 and CC-BY-NC-4.0 and additional terms": UNMATCHED,  # "additional terms": no licence
    "Apache-2.0 and Community License for Baichuan2 Model": (
        "Apache-2.0 AND LicenseRef-okg-baichuan2-community",
        "expression",
    ),
    "Apple Sample Code License": ("apple-ascl", "alias"),
    "Attribution-NonCommercial-ShareAlike 4.0 International": ("CC-BY-NC-SA-4.0", "alias"),
    "BAAI Aquila Model Licence Agreement": ("LicenseRef-okg-baai-aquila", "alias"),
    "BSD 3-Clause": ("BSD-3-Clause", "alias"),
    "BigCode OpenRAIL-M v1 license agreement": ("bigcode-openrail-m", "alias"),
    "CC BY-NC 4.0 license": ("CC-BY-NC-4.0", "alias"),
    "CC-BY-4.0": ("CC-BY-4.0", "exact"),
    "CC-BY-NC-4.0": ("CC-BY-NC-4.0", "exact"),
    "CC-BY-NC-4.0 and C4AI acceptable use policy": UNMATCHED,  # a use policy is no licence
    "CC-BY-NC-ND": ("LicenseRef-okg-cc-by-nc-nd", "alias"),  # no version stated
    "CC-BY-NC-SA-4.0": ("CC-BY-NC-SA-4.0", "exact"),
    "CC-BY-ND": ("LicenseRef-okg-cc-by-nd", "alias"),  # no version stated
    "CC-BY-SA-4.0": ("CC-BY-SA-4.0", "exact"),
    "CodeGeeX4 license": ("LicenseRef-okg-codegeex4", "alias"),
    "CreativeML Open RAIL++-M License": ("openrail++", "alias"),
    "CreativeML Open RAIL-M": ("creativeml-openrail-m", "alias"),
    "Custom license": UNMATCHED,  # says there is a licence, not which
    "DeepFloyd IF Research License Agreement": ("deepfloyd-if-license", "alias"),
    "DeepSeek License Agreement": ("LicenseRef-okg-deepseek", "alias"),
    "EXAONE AI Model License Agreement 1.2": ("LicenseRef-okg-exaone-1.2-nc", "alias"),
    "FAIR Noncommercial Research License v1": ("fair-noncommercial-research-license", "alias"),
    "FLUX [dev] Non-Commercial License v2.0": ("LicenseRef-okg-flux-dev-nc-2.0", "alias"),
    "Falcon LLM License": ("LicenseRef-okg-tii-falcon-llm", "alias"),
    "GNU General Public License v3.0": ("GPL-3.0-only", "alias"),
    "Gemma Terms of Use": ("gemma", "alias"),
    "LFM Open License v1.0": ("LicenseRef-okg-lfm-open-1.0", "alias"),
    "LLaMA license agreement": ("LicenseRef-okg-llama-1", "alias"),  # Alpaca: LLaMA 1
    "LTX-2 Community License Agreement": ("LicenseRef-okg-ltx-2-community", "alias"),
    "Llama 2 Community License Agreement": ("llama2", "alias"),
    "Llama 3 Community License Agreement": ("llama3", "alias"),
    "Llama 3.1 Community License Agreement": ("llama3.1", "alias"),
    "Llama 3.3 Community License Agreement": ("llama3.3", "alias"),
    "Llama 4 Community License Agreement": ("llama4", "alias"),
    "MIT License": ("MIT", "alias"),
    "Meta Community License": UNMATCHED,  # which Meta licence is not said (StableVicuna)
    "Meta Llama 3 Community License": ("llama3", "alias"),
    "Mixed": NONE,
    "Modified MIT": UNMATCHED,  # a modified MIT is not MIT
    "Modified MIT License": UNMATCHED,
    "NVIDIA Open Model License": ("LicenseRef-okg-nvidia-open-model", "alias"),
    "NexusFlow community license": ("LicenseRef-okg-nexusflow-community", "alias"),
    "Non-commercial license": UNMATCHED,  # a description, not a licence's name
    "OPT-IML 175B License Agreement": ("LicenseRef-okg-opt-iml-175b", "alias"),
    "Open Aleph License 1.0": ("LicenseRef-okg-open-aleph-1.0", "alias"),
    "Purposely left ambiguous": NONE,
    "Research-only RAIL-M5": UNMATCHED,  # no RAIL licence of that name
    "Skywork Terms and Conditions": UNMATCHED,
    "Stability AI Community License": ("LicenseRef-okg-stabilityai-community", "alias"),
    "Stability AI Non-Commercial Research Community License Agreement": (
        "LicenseRef-okg-stabilityai-nc-research-community",
        "alias",
    ),
    "Stable Beluga Non-Commercial Community License": (
        "LicenseRef-okg-stable-beluga-nc-community",
        "alias",
    ),
    "Stable-Diffusion-OpenRail++-M License and Apache-2.0 and CC-BY-NC-4.0": (
        "openrail++ AND Apache-2.0 AND CC-BY-NC-4.0",
        "expression",
    ),
    "Tencent Hunyuan Community License Agreement": (
        "LicenseRef-okg-tencent-hunyuan-community",
        "alias",
    ),
    "Unclear": NONE,
    "Undisclosed": NONE,
    "Unknown": NONE,
    "Unknown (Apache-2.0?)": NONE,  # a guess in parentheses is not a statement
    "Unknown (research purposes only)": NONE,
    "Upstage Solar License": ("LicenseRef-okg-upstage-solar", "alias"),
    "Various": NONE,
    "unknown": NONE,
    # the index links this name to xai-org/grok-2's LICENSE, the Grok 2 Community License
    "xAI Community License Agreement": ("grok2-community", "alias"),
}


def index_licence_strings() -> set[str]:
    files = sorted(p for p in INDEX_DIR.glob("*.yaml") if p.name != "a_submission_template.yaml")
    assert len(files) == 193  # the model files SOURCE.md lists
    found: set[str] = set()
    for path in files:
        system = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("system") or {}
        for key in ("endmodellicense", "endmodel license"):
            if system.get(key) is not None:
                found.add(str(system[key]))
    return found


def test_every_index_licence_string_is_in_the_table() -> None:
    assert index_licence_strings() == set(EXPECTED)


@pytest.mark.parametrize("text", sorted(EXPECTED))
def test_index_licence_strings(text: str) -> None:
    r = normalize(text)
    assert (r.licence, r.match) == EXPECTED[text], r.note
    for lid in r.ids:
        assert get(lid) is not None  # every id is a licence of the knowledge base


# --- ScanCode licence keys ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "licence"),
    [
        ("bsd-new", "BSD-3-Clause"),
        ("bsd-simplified", "BSD-2-Clause"),
        ("gpl-3.0-plus", "GPL-3.0-or-later"),
        ("lgpl-2.1-plus", "LGPL-2.1-or-later"),
        ("python", "Python-2.0"),
        ("bsd-original", "BSD-4-Clause"),
    ],
)
def test_scancode_keys_are_read_from_scancodes_index(key: str, licence: str) -> None:
    r = normalize(key)
    assert (r.licence, r.match) == (licence, "alias")
    assert "ScanCode" in r.note


def test_scancode_keys_in_expressions_and_keys_without_an_spdx_licence() -> None:
    assert normalize("bsd-new OR python").licence == "BSD-3-Clause OR Python-2.0"
    # ScanCode-only licences (a LicenseRef-scancode- key) and exceptions are no licence here
    assert normalize("llama-2-license-2023").match == "unmatched"
    assert normalize("commons-clause").match == "unmatched"


# --- Hub license_name values of popular models ---------------------------------------------


@pytest.mark.parametrize(
    ("name", "licence"),
    [
        ("stabilityai-ai-community", "LicenseRef-okg-stabilityai-community"),
        ("stabilityai-nc-research-community", "LicenseRef-okg-stabilityai-nc-research-community"),
        ("flux-1-dev-non-commercial-license", "LicenseRef-okg-flux-1-dev-nc"),
        ("tencent-hunyuan-community", "LicenseRef-okg-tencent-hunyuan-community"),
        ("falcon-llm-license", "LicenseRef-okg-tii-falcon-llm"),
    ],
)
def test_hub_license_names(name: str, licence: str) -> None:
    assert normalize(name).licence == licence


# --- terms read from the texts --------------------------------------------------------------


@pytest.mark.parametrize(
    ("lid", "category", "terms"),
    [
        # (licence, category, terms as read: see data/licenses/SOURCE.md, third reading)
        ("LicenseRef-okg-opt-175b", "non-commercial", {"commercial_use": False}),
        ("LicenseRef-okg-flux-1-dev-nc", "non-commercial", {"commercial_use": False}),
        ("LicenseRef-okg-stabilityai-nc-research-community", "non-commercial", {}),
        ("LicenseRef-okg-yi-1.0", "non-commercial", {"commercial_use": False}),
        ("LicenseRef-okg-open-aleph-1.0", "non-commercial", {"derivatives": True}),
        (
            "LicenseRef-okg-tencent-hunyuan-community",
            "open-weights-restricted",
            {"user_threshold": 100_000_000, "use_restrictions": True},
        ),
        (
            "LicenseRef-okg-stabilityai-community",
            "open-weights-restricted",
            {"commercial_use": True},
        ),
        ("LicenseRef-okg-codegeex4", "proprietary", {"derivative_naming": "CodeGeeX4"}),
    ],
)
def test_terms_of_the_licences_read(lid: str, category: str, terms: dict[str, object]) -> None:
    info = get(lid)
    assert info is not None and info.status == "verified"
    assert info.category == category
    for key, value in terms.items():
        assert info.terms[key].value == value
    for term in info.terms.values():  # each term cites the text (pinned to a commit) and a clause
        assert term.source.startswith("https://") and term.clause


def test_licences_whose_text_was_not_read_carry_no_terms() -> None:
    for lid in (
        "LicenseRef-okg-llama-1",
        "LicenseRef-okg-tii-falcon-llm",
        "LicenseRef-okg-exaone-1.2-nc",
        "LicenseRef-okg-flux-dev-nc-2.0",
        "LicenseRef-okg-lfm-open-1.0",
        "LicenseRef-okg-ltx-2-community",
        "LicenseRef-okg-upstage-solar",
        "LicenseRef-okg-baichuan2-community",
        "LicenseRef-okg-yi-community-2.1",
    ):
        info = get(lid)
        assert info is not None and info.status == "unverified" and not info.terms, lid


def test_the_index_copy_has_its_provenance() -> None:
    assert (INDEX_DIR / "SOURCE.md").is_file()
    assert Path(INDEX_DIR / "readme.md").is_file()
