"""Benchmark of the SQL stage: statements/s and lines/s over generated procedures.

    /work/venv/bin/python benchmarks/bench_sql.py [--procedures 300] [--seed 1]

Every procedure uses its own tables, columns and constants, so the per-statement
memo only helps where real procedures would repeat themselves too.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from powerfill_nvo.sourcemap import MappedText  # noqa: E402
from powerfill_nvo.sql import Catalog, analyze, collect_definitions  # noqa: E402

TABLES = 40
COLUMNS = ["pool_id", "bx_id", "div_by", "qty", "rate", "status", "amt", "due_dt", "note", "seq"]


def schema_text() -> str:
    return "\nGO\n".join(
        f"CREATE TABLE dbo.pfill_t{t} (\n"
        + ",\n".join(f"    {c}_{t % 7} numeric(11,8) NULL" for c in COLUMNS)
        + f",\n    CONSTRAINT pk_t{t} PRIMARY KEY (pool_id_{t % 7})\n)"
        for t in range(TABLES)
    )


def procedure_text(n: int, rng: random.Random) -> str:
    a, b = rng.sample(range(TABLES), 2)
    ca, cb = [f"{c}_{a % 7}" for c in COLUMNS], [f"{c}_{b % 7}" for c in COLUMNS]
    k = rng.randint(1, 999)
    return f"""CREATE PROCEDURE psp_pfill_{n} @pool_id int, @div_by numeric(11,8) = {k} OUTPUT
AS
BEGIN
    SET NOCOUNT ON
    -- work tables for run {n}
    DECLARE @n int, @total numeric(18,4), @msg varchar(255)
    DECLARE @t TABLE (id int NOT NULL, amount numeric(18,4) NULL)
    CREATE TABLE #work{n} (
        pool_id int NOT NULL,
        div_by numeric(11,8) NULL,
        qty int NULL
    )
    SELECT x.{ca[0]}, x.{ca[2]} AS div_by, x.{ca[3]}
      INTO #tmp{n}
      FROM pfill_t{a} x
     WHERE x.{ca[5]} = 'A{k}' AND x.{ca[4]} > {k}
    INSERT INTO #work{n} (pool_id, div_by, qty)
    SELECT p.{ca[0]}, CASE WHEN p.{ca[2]} > {k} THEN {k} ELSE p.{ca[2]} END, p.{ca[3]}
      FROM pfill_t{a} p
      JOIN pfill_t{b} q ON q.{cb[0]} = p.{ca[0]}
     WHERE q.{cb[5]} <> 'X' /* closed rows */
    IF EXISTS (SELECT 1 FROM #work{n} WHERE div_by IS NULL)
    BEGIN
        PRINT 'missing divisor in run {n}'
        UPDATE w SET w.div_by = t.{ca[2]}
          FROM #work{n} w
          JOIN pfill_t{a} t ON t.{ca[0]} = w.pool_id
         WHERE w.div_by IS NULL
    END
    ELSE
        SELECT @total = SUM(qty * div_by) FROM #work{n}
    DECLARE c{n} CURSOR LOCAL FOR
        SELECT {cb[0]}, {cb[3]} FROM pfill_t{b} WHERE {cb[2]} > @div_by
    OPEN c{n}
    FETCH NEXT FROM c{n} INTO @n, @total
    WHILE @@FETCH_STATUS = 0
    BEGIN
        UPDATE pfill_t{b}
           SET {cb[6]} = {cb[6]} + @total,
               {cb[8]} = 'run {n}'
         WHERE {cb[0]} = @n
        INSERT INTO @t (id, amount) VALUES (@n, @total)
        FETCH NEXT FROM c{n} INTO @n, @total
    END
    CLOSE c{n}
    DEALLOCATE c{n}
    DELETE d FROM pfill_t{b} d
     WHERE NOT EXISTS (SELECT 1 FROM #tmp{n} m WHERE m.{ca[0]} = d.{cb[0]})
       AND d.{cb[9]} < {k}
    SELECT t.id, t.amount, w.qty
      FROM @t t LEFT JOIN #work{n} w ON w.pool_id = t.id
     ORDER BY t.amount DESC
    RETURN 0
END
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--procedures", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    texts = [MappedText.from_source(f"p{n}.sql", procedure_text(n, rng), 1) for n in range(args.procedures)]
    schema = MappedText.from_source("schema.sql", schema_text(), 1)
    lines = sum(text.text.count("\n") for text in texts)

    started = time.perf_counter()
    catalog = Catalog()
    for text in [schema, *texts]:
        for definition in collect_definitions(text):
            catalog.add_column(definition)
    facts = [analyze(text, catalog) for text in texts]
    elapsed = time.perf_counter() - started

    statements = sum(f.procedure.statements for f in facts)
    fallbacks = sum(f.procedure.fallbacks for f in facts)
    refs = sum(len(f.refs) for f in facts)
    print(f"{len(texts)} procedures, {lines} lines, {statements} statements analyzed "
          f"({fallbacks} fallbacks), {refs} column refs in {elapsed:.2f} s")
    print(f"{statements / elapsed:,.0f} statements/s, {lines / elapsed:,.0f} lines/s")


if __name__ == "__main__":
    main()
