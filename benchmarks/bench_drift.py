"""Wall time of ``nvo-scan drift`` on a generated ~13,000-line NVO against a generated 2,000-table tenant
snapshot, each run a fresh process with ``--no-cache`` ("cold"); best of --repeat.

    python benchmarks/bench_drift.py [--lines 13000] [--tables 2000] [--repeat 3]

Target (issue 9): under 2 s cold. ``where-used div_by`` on the same NVO (the pipeline and a short answer)
is timed alongside, run for run, so that on a busy machine the ratio still says what drift adds to the
pipeline it shares. The tenant holds every table and column the NVO expects (from the
pipeline: migrations and procedure references), with every 20th column left out and every 50th of another
type so that there are findings to render, plus filler tables of 15 columns up to --tables. The snapshot
is measured as the JSON of ``nvo-scan snapshot`` and as a ``sqlcmd -s"," -W`` CSV.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from powerfill_nvo import api  # noqa: E402
from powerfill_nvo.tenant import ColumnType, TenantColumn, TenantSchema, declared_nullable, declared_type  # noqa: E402
from powerfill_nvo.tenant.csvfile import REQUIRED  # noqa: E402
from powerfill_nvo.tenant.snapshot import snapshot_json  # noqa: E402

from generate_nvo import write_nvo
from timing import best_of, cache_grammar, load_average, seconds


def generated_tenant(nvo: str, tables: int) -> TenantSchema:
    """The schema the NVO expects, with gaps, and filler tables up to ``tables``."""
    result = api.analyze([nvo], use_cache=False)
    tenant = TenantSchema(source="generated", kind="json", schema="dbo", database="PS_Bench")
    expected = {(r.table, r.column): (r.sql_type, r.definition) for r in api.schema(result=result)}
    for table, column in result.procedure_uses():
        expected.setdefault((table, column), ("int", "null"))
    for i, ((table, column), (sql_type, definition)) in enumerate(sorted(expected.items())):
        added = tenant.add_table(table)
        if i % 20 == 7:
            continue
        column_type = declared_type(sql_type) or ColumnType("int")
        if i % 50 == 11:
            column_type = ColumnType("nvarchar", 17)
        added.add(TenantColumn(column, column_type, declared_nullable(definition) is not False))
    filler = 0
    while len(tenant.tables) < tables:
        table = tenant.add_table(f"tenant_table_{filler:05d}")
        for c in range(15):
            table.add(TenantColumn(f"col_{c:02d}", ColumnType("varchar", 40) if c % 2 else ColumnType("int"), True))
        filler += 1
    return tenant


def sqlcmd_csv(tenant: TenantSchema) -> str:
    """The snapshot as ``sqlcmd -s"," -W`` prints the INFORMATION_SCHEMA query's result."""
    lines = [",".join(REQUIRED), ",".join("-" * len(name) for name in REQUIRED)]
    rows = 0
    for table in tenant.tables.values():
        for c in table.columns.values():
            values = ["dbo", table.name, c.name, c.type.name, c.type.length, c.type.precision, c.type.scale,
                      "YES" if c.nullable else "NO"]
            lines.append(",".join("NULL" if v is None else str(v) for v in values))
            rows += 1
    return "\n".join(lines + ["", f"({rows} rows affected)", ""])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, default=13_000)
    parser.add_argument("--tables", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp()
    try:
        nvo = os.path.join(tmp, "n_cst_generated.sru")
        write_nvo(nvo, args.lines)
        tenant = generated_tenant(nvo, args.tables)
        snapshots = {"JSON snapshot": os.path.join(tmp, "tenant.json"), "sqlcmd CSV": os.path.join(tmp, "tenant.csv")}
        with open(snapshots["JSON snapshot"], "w", encoding="utf-8") as f:
            f.write(snapshot_json(tenant))
        with open(snapshots["sqlcmd CSV"], "w", encoding="utf-8") as f:
            f.write(sqlcmd_csv(tenant))
        cache_grammar(nvo)
        print(load_average(), "before")
        print(f"{args.lines:,}-line generated NVO vs {len(tenant.tables):,} tables / {tenant.column_count():,} "
              f"columns, best of {args.repeat}, cold (new process, --no-cache):")
        reference = "where-used div_by (the pipeline, a short answer)"
        runs = {reference: ["where-used", "div_by", nvo, "--no-cache"]}
        for name, path in snapshots.items():
            for fmt in ("table", "json"):
                runs[f"drift --snapshot ({name}) --format {fmt}"] = ["drift", nvo, "--snapshot", path,
                                                                      "--no-cache", "--format", fmt]
        best = best_of(runs, args.repeat)
        base = best[reference]
        for name, run in best.items():
            print(f"  {name:<52} {seconds(run)}; own CPU {run.own_cpu / base.own_cpu:.2f} x where-used's")
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
