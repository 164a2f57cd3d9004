"""Initial linking: proposing, for every Telaris record without a link, its Tripletex counterpart with evidence, a
score and a decision; and applying the accepted ones. Plain Python and DuckDB SQL (Splink on DuckDB for the
probabilistic part): no Dagster here."""
