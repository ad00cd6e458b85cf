"""The Hugging Face Hub ingester: pure transforms of Hub metadata (``model_info``,
``dataset_info``, model cards) to records, the live client, lineage and the MOF
pre-assessment evidence."""

from .card import card_from_file, transform_card
from .dataset import transform_dataset_info
from .transform import transform_model_info

__all__ = ["card_from_file", "transform_card", "transform_dataset_info", "transform_model_info"]
