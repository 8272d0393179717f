"""Fact-checking articles: find numerical claims in text (linking and verdicts build on it)."""

from capexlens.claims.extract import extract_claims, find_period_phrases, split_sentences

__all__ = ["extract_claims", "find_period_phrases", "split_sentences"]
