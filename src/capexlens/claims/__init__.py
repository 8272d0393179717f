"""Fact-checking articles: find numerical claims in text (linking and verdicts build on it)."""

from capexlens.claims.extract import extract_claims, find_period_phrases, split_sentences

__all__ = ["extract_claims", "find_period_phrases", "split_sentences"]

# The whole check (reading, linking, verdicts, reports); appended by the checker's owner.
from capexlens.claims.check import check_article, check_articles, read_article
from capexlens.claims.report import ArticleReport

__all__ += ["ArticleReport", "check_article", "check_articles", "read_article"]
