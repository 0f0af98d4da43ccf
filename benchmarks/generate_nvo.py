#!/usr/bin/env python3
"""Write a large, synthetic PowerBuilder non-visual object export for benchmarks.

The output looks like ``fixtures/n_cst_powerfill.sru``: a UTF-8 (with BOM), CRLF
export of an NVO with many functions that

* add columns with ``of_set_addcolumn(...)`` in every call form the real code uses
  (plain, ``this.``, mixed case, ``&`` continuations, a split inside a string literal,
  calls inside ``if`` expressions, tables given as literals, instance constants or a
  reassigned local, columns read at run time),
* create tables from ``CREATE TABLE`` text built in strings,
* build whole stored procedures in strings, one T-SQL line per PowerScript line,
* use static embedded SQL (SELECT INTO, UPDATE, INSERT, DELETE, cursors, COMMIT),
* and use ordinary PowerScript control flow.

The output is deterministic for a given ``--seed`` and ``--lines``.

    python benchmarks/generate_nvo.py --lines 13000 -o /tmp/x.sru
    python benchmarks/generate_nvo.py --lines 13000 -o /tmp/x.sru --summary   # counts as JSON on stderr

Only the standard library is used.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass, field, replace
from typing import Optional

# --------------------------------------------------------------------------- #
# Vocabulary
# --------------------------------------------------------------------------- #

TABLE_WORDS = [
    "pool", "bx", "trade_alloc", "cash_trade", "loan", "setup", "run_log", "investor",
    "commitment", "pricing", "hedge", "settle", "fee", "rate_lock", "product", "servicer",
    "warehouse", "pair_off", "tba", "note", "bid", "curve", "margin", "escrow",
]

COLUMN_STEMS = [
    "div_by", "upb_amt", "coupon_rate", "settle_date", "status_cd", "px_factor", "lock_days",
    "agency_code", "note_text", "trade_ref", "price_adj", "alloc_seq", "commit_dt", "trader_id",
    "max_upb", "min_upb", "fee_amt", "fee_pct", "rate_delta", "grade_cd", "region_cd",
    "last_upd_by", "last_upd_dt", "src_system", "batch_no", "hedge_ratio", "pair_off_amt",
    "tba_month", "servicing_fee", "guar_fee", "buyup_pct", "buydown_pct", "llpa_amt",
    "investor_cd", "product_cd", "term_months", "amort_type", "occupancy_cd", "fico_score",
    "ltv_pct", "cltv_pct", "dti_pct", "doc_type", "lien_pos", "units_cnt", "state_cd",
]

# (type, tail of the definition as written in PowerScript, host-variable kind)
COLUMN_TYPES = [
    ("numeric(11,8)", "null", "dec"),
    ("decimal(18,2)", "null default 0", "dec"),
    ("int", "not null default 0", "long"),
    ("int", "null", "long"),
    ("datetime", "null", "dt"),
    ("varchar(10)", 'not null default ~"U~"', "str"),
    ("varchar(30)", "null", "str"),
    ("varchar(60)", "null", "str"),
    ("char(1)", 'not null default ~"N~"', "str"),
    ("char(1)", "NOT NULL", "str"),
]

# Which of COLUMN_TYPES fit a column name, by the end of its stem.
TYPE_BY_SUFFIX = [
    (("_dt", "_date"), [4]),
    (("_amt", "_upb", "_fee"), [1]),
    (("div_by", "_rate", "_pct", "_factor", "_ratio", "_delta", "_adj"), [0]),
    (("_cnt", "_seq", "_no", "_id", "_days", "_months", "_score", "_pos"), [2, 3]),
    (("_cd", "_code", "_type"), [5, 8, 9]),
    (("_by", "_ref", "_text", "_system", "_month"), [6, 7]),
]

HOST_PREFIX = {"dec": "ldc", "long": "ll", "dt": "ldt", "str": "ls"}
HOST_TYPE = {"dec": "decimal", "long": "long", "dt": "datetime", "str": "string"}


@dataclass
class Column:
    name: str
    sqltype: str
    tail: str
    kind: str

    @property
    def definition(self) -> str:
        return f"{self.sqltype} {self.tail}"


@dataclass
class Table:
    name: str
    constant: str
    created: list[Column] = field(default_factory=list)
    added: list[Column] = field(default_factory=list)
    existing: list[Column] = field(default_factory=list)  # referenced, but no migration defines them
    used_names: set[str] = field(default_factory=set)

    @property
    def columns(self) -> list[Column]:
        return self.created + self.added + self.existing


@dataclass
class Script:
    """One generated function: its prototype, its lines and how ue_postopen calls it."""

    name: str
    prototype: str
    lines: list[str]
    startup: Optional[str] = None  # "create", "upgrade" or "proc"


@dataclass
class Counts:
    addcolumn_calls: int = 0
    addcolumn_unresolved: int = 0
    create_tables: int = 0
    create_columns: int = 0
    procedures: int = 0
    embedded_sql: int = 0
    functions: int = 0


# --------------------------------------------------------------------------- #
# Generator
# --------------------------------------------------------------------------- #


class Generator:
    def __init__(self, seed: int, object_name: str) -> None:
        self.rng = random.Random(seed)
        self.obj = object_name
        self.counts = Counts()
        self.tables: list[Table] = []
        self.scripts: list[Script] = []
        self.serial = 0
        for word in TABLE_WORDS:
            self.tables.append(Table(f"pfill_{word}", f"ics_tbl_{word}"))

    # ---- schema -------------------------------------------------------- #

    def _next(self) -> int:
        self.serial += 1
        return self.serial

    def new_column(self, table: Table) -> Column:
        stem = self.rng.choice(COLUMN_STEMS)
        name = stem
        n = 2
        while name in table.used_names:
            name = f"{stem}_{n}"
            n += 1
        table.used_names.add(name)
        choices = list(range(len(COLUMN_TYPES)))
        for suffixes, fits in TYPE_BY_SUFFIX:
            if stem.endswith(suffixes):
                choices = fits
                break
        sqltype, tail, kind = COLUMN_TYPES[self.rng.choice(choices)]
        return Column(name, sqltype, tail, kind)

    def known_columns(self, table: Table, count: int, avoid: frozenset[str] = frozenset()) -> list[Column]:
        """``count`` distinct columns of a table whose names are not in ``avoid``.

        Columns defined by earlier scripts come first; when there are too few, new
        ones are invented as pre-existing columns (real code references those too).
        """
        cols = [c for c in table.columns if c.name not in avoid]
        while len(cols) < count:
            col = self.new_column(table)
            if col.name in avoid:
                continue
            table.existing.append(col)
            cols.append(col)
        self.rng.shuffle(cols)
        return cols[:count]

    def column_of_kind(self, table: Table, kind: str, avoid: frozenset[str]) -> Column:
        """A column of ``table`` with the given host-variable kind (so assignments type-check)."""
        fits = [c for c in table.columns if c.kind == kind and c.name not in avoid]
        if fits:
            return self.rng.choice(fits)
        for _ in range(200):
            col = self.new_column(table)
            if col.kind == kind and col.name not in avoid:
                table.existing.append(col)
                return col
            table.used_names.discard(col.name)
        raise RuntimeError(f"no column of kind {kind} for {table.name}")

    # ---- of_set_addcolumn ------------------------------------------------ #

    def helper(self) -> Script:
        name = "of_set_addcolumn"
        proto = ("public function integer of_set_addcolumn (transaction atr_trans, string as_table, "
                 "string as_column, string as_coldef)")
        lines = [
            proto + ";// Adds as_column to as_table unless the table already has it.",
            "// Returns 1 = added, 0 = present, -1 = error (see is_last_error).",
            "long ll_count",
            "string ls_sql",
            "",
            "if IsNull(as_table) or IsNull(as_column) or IsNull(as_coldef) then return -1",
            "ll_count = 0",
            "SELECT count(*) INTO :ll_count FROM syscolumns WHERE id = object_id(:as_table) "
            "AND name = :as_column USING atr_trans;",
            "if atr_trans.SQLCode < 0 then",
            "\tis_last_error = \"syscolumns lookup failed: \" + atr_trans.SQLErrText",
            "\treturn -1",
            "end if",
            "if ll_count > 0 then return 0",
            "",
            "ls_sql = \"ALTER TABLE \" + as_table + \" ADD \" + as_column + \" \" + as_coldef",
            "EXECUTE IMMEDIATE :ls_sql USING atr_trans;",
            "if atr_trans.SQLCode <> 0 then",
            "\tis_last_error = \"ALTER TABLE failed: \" + ls_sql + is_crlf + atr_trans.SQLErrText",
            "\treturn -1",
            "end if",
            "return 1",
            "end function",
        ]
        self.counts.embedded_sql += 2
        return Script(name, proto, lines)

    def _call_text(self, table_expr: str, col: Column, form: str) -> list[str]:
        col_lit = f'"{col.name}"'
        def_lit = f'"{col.definition}"'
        if form == "this":
            return [f"this.of_set_addcolumn(itr_trans, {table_expr}, {col_lit}, {def_lit})"]
        if form == "mixed":
            return [f"This.Of_Set_AddColumn(itr_trans, {table_expr}, {col_lit}, {def_lit})"]
        if form == "upper":
            return [f"OF_SET_ADDCOLUMN(itr_trans, {table_expr}, {col_lit}, {def_lit})"]
        if form == "assign":
            return [f"li_rc = of_set_addcolumn(itr_trans, {table_expr}, {col_lit}, {def_lit})",
                    "if li_rc < 0 then li_failed++"]
        if form == "if":
            return [f"if of_set_addcolumn(itr_trans, {table_expr}, {col_lit}, {def_lit}) < 0 then",
                    "\tli_failed++",
                    f"\tof_log(\"could not add {col.name}: \" + is_last_error)",
                    "end if"]
        if form == "split2":
            return [f"of_set_addcolumn(itr_trans, {table_expr}, &",
                    f"\t\t{col_lit}, {def_lit})"]
        if form == "split4":
            return ["of_set_addcolumn(itr_trans, &",
                    f"\t\t{table_expr}, &",
                    f"\t\t{col_lit}, &",
                    f"\t\t{def_lit})"]
        if form == "instring" and " " in col.definition:
            head, rest = col.definition.split(" ", 1)
            # the continued line starts in column 1: leading blanks would be part of the string
            return [f'of_set_addcolumn(itr_trans, {table_expr}, {col_lit}, "{head} &',
                    f'{rest}")']
        return [f"of_set_addcolumn(itr_trans, {table_expr}, {col_lit}, {def_lit})"]

    def upgrade_function(self) -> Script:
        rng = self.rng
        idx = self._next()
        name = f"of_upgrade_{idx:04d}"
        proto = f"public function integer {name} ()"
        body = [
            "string ls_table, ls_col",
            "integer li_rc, li_failed",
            "long ll_row, ll_rows",
            "datastore lds_cols",
            "",
            "li_failed = 0",
        ]
        forms = ["plain"] * 6 + ["this", "mixed", "upper", "assign", "if", "split2", "split4", "instring"]
        for _group in range(rng.randint(2, 4)):
            table = rng.choice(self.tables)
            how = rng.choice(["literal", "constant", "local", "local_const"])
            body.append("")
            body.append(f"// ---- {table.name} " + "-" * max(4, 60 - len(table.name)))
            if how == "literal":
                expr = f'"{table.name}"'
            elif how == "constant":
                expr = table.constant
            elif how == "local":
                body.append(f'ls_table = "{table.name}"')
                expr = "ls_table"
            else:
                body.append(f"ls_table = {table.constant}")
                expr = "ls_table"
            for _ in range(rng.randint(3, 8)):
                col = self.new_column(table)
                table.added.append(col)
                body.extend(self._call_text(expr, col, rng.choice(forms)))
                self.counts.addcolumn_calls += 1
            roll = rng.random()
            if roll < 0.15:
                body.append(f'// of_set_addcolumn(itr_trans, "{table.name}", "old_col_{idx}", "int null")')
            elif roll < 0.25:
                body.extend([
                    "/* kept for reference /* dropped in 4.0 */ do not add back:",
                    f'of_set_addcolumn(itr_trans, "{table.name}", "legacy_{idx}", "char(1) null")',
                    "*/",
                ])
            elif roll < 0.30:
                body.append(f"ls_col = \"call of_set_addcolumn(itr_trans, '{table.name}', 'x', 'int') failed\"")
        if rng.random() < 0.3:
            table = rng.choice(self.tables)
            body.extend([
                "",
                "// ---- tenant-defined columns: the names come from the database ----",
                f'ls_table = "{table.name}"',
                "lds_cols = create datastore",
                'lds_cols.DataObject = "d_pfill_extra_cols"',
                "lds_cols.SetTransObject(itr_trans)",
                "ll_rows = lds_cols.Retrieve(ls_table)",
                "for ll_row = 1 to ll_rows",
                '\tls_col = lds_cols.GetItemString(ll_row, "col_name")',
                '\tif IsNull(ls_col) or Trim(ls_col) = "" then continue',
                '\tof_set_addcolumn(itr_trans, ls_table, ls_col, "varchar(50) null")',
                "next",
                "destroy lds_cols",
            ])
            self.counts.addcolumn_calls += 1
            self.counts.addcolumn_unresolved += 1
        body.extend(["", "if li_failed > 0 then return -1", "return 1", "end function"])
        first = proto + f";// Adds the columns of schema step {idx} (safe to repeat)."
        return Script(name, proto, [first] + body, "upgrade")

    # ---- CREATE TABLE ---------------------------------------------------- #

    def create_function(self) -> Optional[Script]:
        candidates = [t for t in self.tables if not t.created]
        if not candidates:
            return None
        rng = self.rng
        table = rng.choice(candidates)
        name = f"of_create_{table.name}"
        proto = f"public function integer {name} ()"
        table.used_names.update({"pool_id", "row_id"})
        cols = [self.new_column(table) for _ in range(rng.randint(5, 12))]
        table.created.extend(cols)
        defs = ["  row_id INT IDENTITY(1,1) NOT NULL", "  pool_id VARCHAR(20) NOT NULL"]
        defs += [f"  {c.name} {c.definition.upper()}" for c in cols]
        defs.append(f"  CONSTRAINT pk_{table.name} PRIMARY KEY (row_id)")
        body = ["string ls_sql", "long ll_cnt", "", "ll_cnt = 0",
                f"SELECT count(*) INTO :ll_cnt FROM sysobjects WHERE name = '{table.name}' "
                "AND type = 'U' USING itr_trans;",
                "if ll_cnt > 0 then return 0", ""]
        style = rng.choice(["concat", "continued", "plus_eq"])
        if style == "concat":
            body.append(f'ls_sql = "CREATE TABLE {table.name} (" + is_crlf')
            for i, d in enumerate(defs):
                comma = "," if i < len(defs) - 1 else ""
                body.append(f'ls_sql = ls_sql + "{d}{comma}" + is_crlf')
            body.append('ls_sql = ls_sql + ")"')
        elif style == "continued":
            body.append(f'ls_sql = "CREATE TABLE {table.name} (" + is_crlf + &')
            for i, d in enumerate(defs):
                comma = "," if i < len(defs) - 1 else ""
                body.append(f'\t"{d}{comma}" + is_crlf + &')
            body.append('\t")"')
        else:
            body.append(f'ls_sql = "CREATE TABLE {table.name} ("')
            for i, d in enumerate(defs):
                comma = "," if i < len(defs) - 1 else ""
                body.append(f'ls_sql += is_crlf + "{d}{comma}"')
            body.append('ls_sql += is_crlf + ")"')
        body += [
            "EXECUTE IMMEDIATE :ls_sql USING itr_trans;",
            "if itr_trans.SQLCode <> 0 then",
            f'\tis_last_error = "create {table.name}: " + itr_trans.SQLErrText',
            "\treturn -1",
            "end if",
            "return 1",
            "end function",
        ]
        self.counts.create_tables += 1
        self.counts.create_columns += len(cols) + 2
        self.counts.embedded_sql += 2
        first = proto + f";// Creates {table.name} when it does not exist yet."
        return Script(name, proto, [first] + body, "create")

    # ---- stored procedure text ------------------------------------------- #

    def proc_function(self) -> Script:
        rng = self.rng
        idx = self._next()
        t1, t2 = rng.sample(self.tables, 2)
        proc = f"psp_pfill_{t1.name[6:]}_step_{idx:04d}"
        name = f"of_proc_{proc}"
        proto = f"protected function integer {name} ()"
        c1 = self.known_columns(t1, 4)
        c2 = self.known_columns(t2, 3, frozenset(c.name for c in c1))
        c2[1] = self.column_of_kind(t2, c1[3].kind, frozenset(c.name for c in c1 + [c2[0], c2[2]]))
        sql: list[str] = [
            f"CREATE PROCEDURE {proc} @as_pool varchar(20) AS",
            "BEGIN",
            "  SET NOCOUNT ON",
            f"  DECLARE @{c1[0].name} {c1[0].sqltype}",
            "  DECLARE @li_rows int, @li_loop int",
            f"  -- {c1[0].name} comes from {t1.name}; @{c1[0].name} is only a variable",
            f"  SELECT @{c1[0].name} = a.{c1[0].name}",
            f"    FROM {t1.name} a",
            "   WHERE a.pool_id = @as_pool",
            f"  IF @{c1[0].name} IS NULL",
            "  BEGIN",
            f"    PRINT '{proc}: nothing to do for ' + @as_pool",
            "    RETURN 1",
            "  END",
            f"  CREATE TABLE #work_{idx} (",
            "    pool_id varchar(20) NOT NULL,",
            f"    {c1[1].name} {c1[1].sqltype} NULL,",
            f"    {c2[0].name} {c2[0].sqltype} NULL)",
            f"  DECLARE @t TABLE (pool_id varchar(20) NOT NULL, {c1[2].name} {c1[2].sqltype} NULL)",
            f"  SELECT a.pool_id, a.{c1[1].name}, b.{c2[0].name}",
            f"    INTO #tmp_{idx}",
            f"    FROM {t1.name} a",
            f"    JOIN {t2.name} b ON b.pool_id = a.pool_id",
            "   WHERE a.pool_id = @as_pool",
            f"  INSERT INTO #work_{idx} (pool_id, {c1[1].name}, {c2[0].name})",
            f"  SELECT pool_id, {c1[1].name}, {c2[0].name} FROM #tmp_{idx}",
            f"  INSERT INTO @t (pool_id, {c1[2].name})",
            f"  SELECT pool_id, {c1[2].name} FROM {t1.name} WHERE pool_id = @as_pool",
            "  /* the update below keeps both tables in step;",
            f"     {c2[1].name} is left alone */",
            "  UPDATE a",
            f"     SET a.{c1[3].name} = b.{c2[1].name}",
            f"    FROM {t1.name} a",
            f"    JOIN {t2.name} b ON b.pool_id = a.pool_id",
            "   WHERE a.pool_id = @as_pool",
            "  SELECT @li_rows = @@ROWCOUNT, @li_loop = 0",
            "  WHILE @li_loop < 3 AND @li_rows > 0",
            "  BEGIN",
            "    SELECT @li_loop = @li_loop + 1",
            f"    UPDATE {t2.name} SET {c2[2].name} = {c2[2].name} WHERE pool_id = @as_pool",
            "    SELECT @li_rows = @@ROWCOUNT",
            "  END",
            "  IF @li_loop = 0",
            f"    PRINT '{proc}: no rows changed'",
            "  ELSE",
            "  BEGIN",
            f"    DELETE FROM #work_{idx} WHERE pool_id = @as_pool",
            "  END",
            f"  DROP TABLE #tmp_{idx}",
            f"  DROP TABLE #work_{idx}",
            "  RETURN 0",
            "END",
        ]
        body = ["string ls_sql", ""]
        style = rng.choice(["concat", "plus_eq"])
        for i, text in enumerate(sql):
            text = text.replace('"', '~"')
            last = i == len(sql) - 1
            tail = "" if last else " + is_crlf"
            if i == 0:
                body.append(f'ls_sql = "{text}"{tail}')
            elif style == "concat":
                body.append(f'ls_sql = ls_sql + "{text}"{tail}')
            else:
                body.append(f'ls_sql += "{text}"{tail}')
        body += [
            "",
            f"if of_drop_proc(\"{proc}\") < 0 then return -1",
            "EXECUTE IMMEDIATE :ls_sql USING itr_trans;",
            "if itr_trans.SQLCode <> 0 then",
            f'\tis_last_error = "{proc}: " + itr_trans.SQLErrText',
            "\treturn -1",
            "end if",
            "return 1",
            "end function",
        ]
        self.counts.procedures += 1
        self.counts.embedded_sql += 1
        first = proto + f";// (Re)creates {proc}."
        return Script(name, proto, [first] + body, "proc")

    # ---- static embedded SQL --------------------------------------------- #

    def sql_function(self) -> Script:
        rng = self.rng
        idx = self._next()
        table = rng.choice(self.tables)
        cols = self.known_columns(table, 3)
        name = f"of_sql_{idx:04d}"
        proto = f"public function integer {name} (string as_key)"
        hosts = [f"{HOST_PREFIX[c.kind]}_v{i}" for i, c in enumerate(cols)]
        decls = [f"{HOST_TYPE[c.kind]} {h}" for c, h in zip(cols, hosts)]
        trans = rng.choice(["itr_trans", "SQLCA"])
        body = decls + ["long ll_count", "string ls_key", "", "ls_key = as_key"]
        body.append(
            f"SELECT {cols[0].name}, {cols[1].name} INTO :{hosts[0]}, :{hosts[1]} "
            f"FROM {table.name} WHERE pool_id = :ls_key USING {trans};")
        body += [
            f"if {trans}.SQLCode = 100 then return 0",
            f"if {trans}.SQLCode < 0 then",
            f"\tis_last_error = \"{name}: \" + {trans}.SQLErrText",
            "\treturn -1",
            "end if",
            "",
            f"UPDATE {table.name}",
            f"   SET {cols[2].name} = :{hosts[2]}",
            " WHERE pool_id = :ls_key",
            f"USING {trans};",
            "",
            f"DECLARE c_{idx} CURSOR FOR",
            f"\tSELECT {cols[0].name}",
            f"\t  FROM {table.name}",
            "\t WHERE pool_id = :ls_key",
            f"\tUSING {trans};",
            f"OPEN c_{idx};",
            f"FETCH c_{idx} INTO :{hosts[0]};",
            f"do while {trans}.SQLCode = 0",
            "\tll_count++",
            f"\tFETCH c_{idx} INTO :{hosts[0]};",
            "loop",
            f"CLOSE c_{idx};",
        ]
        n_stmts = 7
        if rng.random() < 0.5:
            body += [
                "",
                f"DELETE FROM {table.name}",
                " WHERE pool_id = :ls_key",
                f"   AND {cols[1].name} IS NULL",
                f"USING {trans};",
            ]
            n_stmts += 1
        body += [
            "",
            f"if {trans}.SQLCode < 0 then",
            f"\tROLLBACK USING {trans};",
            "\treturn -1",
            "end if",
            f"COMMIT USING {trans};",
            "return 1",
            "end function",
        ]
        self.counts.embedded_sql += n_stmts + 2
        first = proto + f";// Reads and updates {table.name} for one pool."
        return Script(name, proto, [first] + body)

    # ---- plain PowerScript ------------------------------------------------- #

    def logic_function(self) -> Script:
        rng = self.rng
        idx = self._next()
        name = f"of_calc_{idx:04d}"
        proto = f"public function long {name} (long al_n, ref string as_text)"
        a, b, c = rng.randint(2, 9), rng.randint(10, 40), rng.randint(41, 90)
        body = [
            "long ll_i, ll_total, ll_step",
            "integer li_try",
            "string ls_part",
            "exception lex_err",
            "",
            "if al_n < 1 then return 0",
            "ll_total = 0",
            f"for ll_i = 1 to al_n step {a}",
            "\tchoose case Mod(ll_i, 100)",
            f"\t\tcase 0 to {b}",
            "\t\t\tll_total += ll_i",
            f"\t\tcase {b + 1}, {b + 2}",
            "\t\t\tcontinue",
            f"\t\tcase is > {c}",
            "\t\t\tll_total -= 1",
            "\t\tcase else",
            "\t\t\tll_total++",
            "\tend choose",
            f"\tif ll_total > {a * 100000} then exit",
            "next",
            "",
            "ll_step = al_n",
            "do while ll_step > 1",
            "\tif Mod(ll_step, 2) = 0 then",
            "\t\tll_step = ll_step / 2",
            f"\telseif ll_step > {c} then",
            "\t\tll_step = ll_step - 3",
            "\telse",
            "\t\tll_step = ll_step - 1",
            "\tend if",
            "loop",
            "",
            "li_try = 0",
            "do",
            "\tli_try++",
            '\tls_part = String(ll_total, "#,##0") + "~t" + String(li_try)',
            f"loop until li_try >= {a}",
            "",
            "try",
            "\tif ll_total < 0 then",
            "\t\tlex_err = create exception",
            f'\t\tlex_err.SetMessage("negative total in {name}")',
            "\t\tthrow lex_err",
            "\tend if",
            "catch (exception le_err)",
            "\tis_last_error = le_err.GetMessage()",
            "\tll_total = 0",
            "finally",
            '\tas_text = ls_part + " ~"done~""',
            "end try",
            "return ll_total",
            "end function",
        ]
        first = proto + ";// Bookkeeping helper (generated)."
        return Script(name, proto, [first] + body)

    # ---- assembly ---------------------------------------------------------- #

    def header(self) -> list[str]:
        lines = [
            f"$PBExportHeader${self.obj}.sru",
            "$PBExportComments$Generated benchmark object - schema upkeep and procedures",
            "forward",
            f"global type {self.obj} from nonvisualobject",
            "end type",
            "end forward",
            "",
            f"global type {self.obj} from nonvisualobject",
            "event ue_postopen ( )",
            "end type",
            f"global {self.obj} {self.obj}",
            "",
            "type variables",
            "Protected:",
            "transaction itr_trans",
            "string is_crlf",
            "string is_last_error",
            'constant string ics_version = "9.9"',
            'string is_pool_table = "pfill_pool"',
        ]
        for table in self.tables:
            lines.append(f'constant string {table.constant} = "{table.name}"')
        lines += ["boolean ib_done = false", "end variables", ""]
        return lines

    def support_scripts(self) -> list[Script]:
        drop = Script(
            "of_drop_proc",
            "protected function integer of_drop_proc (string as_proc)",
            [
                "protected function integer of_drop_proc (string as_proc);string ls_sql",
                "",
                "ls_sql = \"IF OBJECT_ID('\" + as_proc + \"') IS NOT NULL DROP PROCEDURE \" + as_proc",
                "EXECUTE IMMEDIATE :ls_sql USING itr_trans;",
                "if itr_trans.SQLCode < 0 then return -1",
                "return 1",
                "end function",
            ],
        )
        log = Script(
            "of_log",
            "public subroutine of_log (string as_text)",
            [
                "public subroutine of_log (string as_text);integer li_file",
                "",
                'li_file = FileOpen("pfill_bench.log", LineMode!, Write!, LockWrite!, Append!)',
                "if li_file < 0 then return",
                'FileWrite(li_file, String(Now(), "hh:mm:ss") + "~t" + as_text)',
                "FileClose(li_file)",
                "end subroutine",
            ],
        )
        self.counts.embedded_sql += 1
        return [drop, log]

    def footer(self, scripts: list[Script]) -> list[str]:
        self.counts.embedded_sql += 2  # COMMIT / ROLLBACK in ue_postopen
        lines = [
            f"on {self.obj}.create",
            "call super::create",
            'TriggerEvent( this, "constructor" )',
            "end on",
            "",
            f"on {self.obj}.destroy",
            'TriggerEvent( this, "destructor" )',
            "call super::destroy",
            "end on",
            "",
            'event constructor;is_crlf = "~r~n"',
            "itr_trans = SQLCA",
            "end event",
            "",
            "event destructor;call super::destructor;ib_done = false",
            "end event",
            "",
            "event ue_postopen();integer li_failed",
            "",
            "if ib_done then return",
        ]
        for kind in ("create", "upgrade", "proc"):
            for script in scripts:
                if script.startup == kind:
                    lines.append(f"if {script.name}() < 0 then li_failed++")
        lines += [
            "if li_failed = 0 then",
            "\tib_done = true",
            "\tCOMMIT USING itr_trans;",
            "else",
            "\tROLLBACK USING itr_trans;",
            "end if",
            "end event",
        ]
        return lines

    def build(self, target_lines: int) -> list[str]:
        scripts = [self.helper()] + self.support_scripts()
        kinds = ["upgrade", "upgrade", "create", "proc", "proc", "sql", "logic"]
        fixed = len(self.header()) + 4 + 30  # prototypes frame and footer without the calls

        def total() -> int:
            calls = sum(1 for s in scripts if s.startup)
            return fixed + sum(len(s.lines) + 2 for s in scripts) + calls

        while True:
            before = replace(self.counts)
            kind = self.rng.choice(kinds)
            if kind == "upgrade":
                script = self.upgrade_function()
            elif kind == "create":
                script = self.create_function() or self.upgrade_function()
            elif kind == "proc":
                script = self.proc_function()
            elif kind == "sql":
                script = self.sql_function()
            else:
                script = self.logic_function()
            if total() + len(script.lines) + 3 > target_lines and len(scripts) > 3:
                self.counts = before  # the script that did not fit is dropped
                break
            scripts.append(script)

        self.counts.functions = len(scripts)
        out = self.header()
        out.append("forward prototypes")
        out.extend(s.prototype for s in scripts)
        out.append("end prototypes")
        out.append("")
        for script in scripts:
            out.extend(script.lines)
            out.append("")
        out.extend(self.footer(scripts))
        return out


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=13000, help="about how many lines to write (default 13000)")
    parser.add_argument("-o", "--output", required=True, help="file to write ('-' for stdout)")
    parser.add_argument("--seed", type=int, default=20070401, help="random seed (default 20070401)")
    parser.add_argument("--name", default="n_cst_powerfill", help="object name (default n_cst_powerfill)")
    parser.add_argument("--encoding", choices=["utf-8-bom", "utf-16le"], default="utf-8-bom",
                        help="utf-8-bom (default) or utf-16le (with BOM)")
    parser.add_argument("--summary", action="store_true", help="print what was generated as JSON on stderr")
    args = parser.parse_args(argv)
    if args.lines < 200:
        parser.error("--lines must be at least 200")

    gen = Generator(args.seed, args.name)
    lines = gen.build(args.lines)
    text = "\r\n".join(lines) + "\r\n"
    if args.encoding == "utf-16le":
        data = b"\xff\xfe" + text.encode("utf-16-le")
    else:
        data = b"\xef\xbb\xbf" + text.encode("utf-8")

    if args.output == "-":
        sys.stdout.buffer.write(data)
    else:
        with open(args.output, "wb") as fh:
            fh.write(data)
    if args.summary:
        summary = dict(vars(gen.counts), lines=len(lines), bytes=len(data))
        print(json.dumps(summary, sort_keys=True), file=sys.stderr)
    return 0


def write_nvo(path: str, lines: int = 13000) -> str:
    """Write a generated NVO of about ``lines`` lines to ``path`` (what the benchmarks measure on); ``path``."""
    main(["--lines", str(lines), "-o", path])
    return path


if __name__ == "__main__":
    sys.exit(main())
