"""Extraction: stream each system's pages through the domain mapping into the DuckDB file, incrementally."""

from sync_pipeline.extract.runner import ExtractionResult, extract, extract_into
from sync_pipeline.extract.sources import PartySource, TelarisSource, TripletexSource

__all__ = ["ExtractionResult", "PartySource", "TelarisSource", "TripletexSource", "extract", "extract_into"]
