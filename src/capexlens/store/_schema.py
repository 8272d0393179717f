"""Schema of the fact store and its migrations.

Each migration is a list of SQL statements applied in one transaction; the store records
the version reached in ``schema_version``. Add a migration, never edit an applied one.
"""

from __future__ import annotations

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: facts, FX rates, SEC filers, and the ingest log.
    (
        """
        CREATE TABLE facts (
            fact_id       VARCHAR PRIMARY KEY,
            entity        VARCHAR NOT NULL,
            metric        VARCHAR NOT NULL,
            segment       VARCHAR NOT NULL,
            period_start  DATE NOT NULL,
            period_end    DATE NOT NULL,
            fiscal_label  VARCHAR NOT NULL,
            value         VARCHAR NOT NULL,  -- exact decimal text; DECIMAL would cap scale
            value_high    VARCHAR,
            unit          VARCHAR NOT NULL,
            as_printed    VARCHAR NOT NULL,
            basis         VARCHAR NOT NULL,
            locator       VARCHAR NOT NULL,
            source_url    VARCHAR NOT NULL,
            source_title  VARCHAR NOT NULL,
            publisher     VARCHAR NOT NULL,
            published     DATE NOT NULL,
            source_kind   VARCHAR NOT NULL,
            known_on      DATE NOT NULL,
            is_primary    BOOLEAN NOT NULL,
            derivation    VARCHAR NOT NULL,
            derived_from  VARCHAR NOT NULL,  -- ';'-separated references
            note          VARCHAR NOT NULL,
            origin        VARCHAR NOT NULL
        )
        """,
        "CREATE INDEX facts_key ON facts (entity, metric, segment, period_start, period_end)",
        # For ad-hoc SQL: the exact text value plus a float for arithmetic and charts.
        "CREATE VIEW facts_numeric AS SELECT *, TRY_CAST(value AS DOUBLE) AS value_num FROM facts",
        """
        CREATE TABLE fx_rates (
            base          VARCHAR NOT NULL,
            quote         VARCHAR NOT NULL,
            day           DATE NOT NULL,
            rate          VARCHAR NOT NULL,
            kind          VARCHAR NOT NULL,
            as_printed    VARCHAR NOT NULL,
            locator       VARCHAR NOT NULL,
            source_url    VARCHAR NOT NULL,
            source_title  VARCHAR NOT NULL,
            publisher     VARCHAR NOT NULL,
            published     DATE NOT NULL,
            source_kind   VARCHAR NOT NULL,
            PRIMARY KEY (base, quote, day, kind, source_url)
        )
        """,
        """
        CREATE TABLE entities (
            id                    VARCHAR PRIMARY KEY,
            name                  VARCHAR NOT NULL,
            cik                   BIGINT,
            fiscal_year_end_month INTEGER NOT NULL,
            currency              VARCHAR NOT NULL
        )
        """,
        """
        CREATE TABLE ingests (
            origin      VARCHAR NOT NULL,
            sha256      VARCHAR NOT NULL,
            ingested_at TIMESTAMP NOT NULL,
            added       INTEGER NOT NULL,
            unchanged   INTEGER NOT NULL
        )
        """,
    ),
    # 2: FX rates remember which file brought them, so a corrected shipped file can
    # replace its own earlier rows (facts already carry their origin).
    ("ALTER TABLE fx_rates ADD COLUMN origin VARCHAR DEFAULT ''",),
    # 3: a derived figure's uncertainty when wider than its digits (exact decimal text).
    (
        "ALTER TABLE facts ADD COLUMN tolerance VARCHAR",
        "CREATE OR REPLACE VIEW facts_numeric AS "
        "SELECT *, TRY_CAST(value AS DOUBLE) AS value_num FROM facts",
    ),
)

FACT_COLUMNS: tuple[str, ...] = (
    "fact_id",
    "entity",
    "metric",
    "segment",
    "period_start",
    "period_end",
    "fiscal_label",
    "value",
    "value_high",
    "unit",
    "as_printed",
    "basis",
    "locator",
    "source_url",
    "source_title",
    "publisher",
    "published",
    "source_kind",
    "known_on",
    "is_primary",
    "derivation",
    "derived_from",
    "note",
    "origin",
    "tolerance",
)

FX_COLUMNS: tuple[str, ...] = (
    "base",
    "quote",
    "day",
    "rate",
    "kind",
    "as_printed",
    "locator",
    "source_url",
    "source_title",
    "publisher",
    "published",
    "source_kind",
    "origin",
)

SCHEMA_VERSION = len(MIGRATIONS)
