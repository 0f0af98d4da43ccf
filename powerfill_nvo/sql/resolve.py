"""Resolve the columns of a parsed statement to their tables with sqlglot's scopes.

UPDATE and DELETE are rewritten into a SELECT over the same FROM/JOIN/WHERE so
that the scope machinery sees their sources; ``qualify()`` is not used (slow,
and it raises on ``UPDATE … FROM … JOIN``).
"""
from __future__ import annotations

from sqlglot import exp
from sqlglot.optimizer.scope import Scope, traverse_scope

from .catalog import SchemaView
from .model import UNKNOWN_TABLE, Hit, is_system, is_temp

QUERIES = (exp.Select, exp.SetOperation)


def table_name(table: exp.Table, unknown: frozenset[int]) -> str | None:
    """``#work``, ``@t`` or ``pfill_pool`` (no schema); None for a table function or the engine's catalog."""
    this = table.this
    if isinstance(this, exp.Identifier):
        if is_system(table.db, this.this):
            return None
        if this.meta.get("start") in unknown:
            return UNKNOWN_TABLE
        prefix = "##" if this.args.get("global_") else "#" if this.args.get("temporary") else ""
        return prefix + this.this
    if isinstance(this, exp.Parameter):
        return "@" + this.name
    return None


class Resolver:
    """Collects the Hits of one parsed statement and the tables it creates
    (``SELECT … INTO``); ``index_of`` maps token offsets to statement token indexes."""

    def __init__(self, schema: SchemaView, index_of: dict[int, int], unknown: frozenset[int]) -> None:
        self.schema = schema
        self.index_of = index_of
        self.unknown = unknown
        self.hits: list[Hit] = []
        self.created: list[tuple[str, list[str]]] = []
        self._sources_of: dict[int, dict[str, exp.Table | Scope]] = {}

    def statement(self, tree: exp.Expr) -> None:
        if isinstance(tree, exp.Insert):
            self._insert(tree)
        elif isinstance(tree, exp.Update):
            self._update(tree)
        elif isinstance(tree, exp.Delete):
            self._delete(tree)
        elif isinstance(tree, exp.Merge):
            self._merge(tree)
        else:
            self._queries(tree)

    # -- statements ---------------------------------------------------------

    def _insert(self, tree: exp.Insert) -> None:
        target, columns = tree.this, []
        if isinstance(target, exp.Schema):
            target, columns = target.this, target.expressions
        table = table_name(target, self.unknown) if isinstance(target, exp.Table) else None
        if table:
            for ident in columns:
                self._hit(ident, table, "write", True)
        self._returning(tree, table)
        source = tree.expression
        if source is None:
            return
        if tree.args.get("with_") and isinstance(source, QUERIES) and not source.args.get("with_"):
            source.set("with_", tree.args["with_"])
        self._queries(source)

    def _update(self, tree: exp.Update) -> None:
        target = tree.this
        first, joins = _sources(tree.args.get("from_"), target)
        named = {t.alias_or_name.lower() for t in [first, *(join.this for join in joins)]}
        if target.alias_or_name.lower() not in named:  # UPDATE t SET … FROM u: t is joined
            joins.append(exp.Join(this=target))
        writes = set()
        for assignment in tree.expressions:
            column = assignment.this if isinstance(assignment, exp.EQ) else None
            if isinstance(column, exp.Column):
                writes.add(id(column))
                if not column.table:  # a SET target always belongs to the updated table
                    column.set("table", exp.to_identifier(target.alias_or_name))
        self._returning(tree, _target_table(target, [first, *(join.this for join in joins)], self.unknown))
        select = exp.Select(expressions=list(tree.expressions), from_=exp.From(this=first), joins=joins,
                            where=tree.args.get("where"), with_=tree.args.get("with_"))
        self._queries(select, writes)

    def _delete(self, tree: exp.Delete) -> None:
        tables = tree.args.get("tables") or []
        first, joins = _sources(None, tree.this or tables[0])
        self._returning(tree, _target_table(tables[0] if tables else first, [first, *(j.this for j in joins)],
                                            self.unknown))
        select = exp.Select(expressions=[], from_=exp.From(this=first), joins=joins,
                            where=tree.args.get("where"), with_=tree.args.get("with_"))
        self._queries(select)

    def _merge(self, tree: exp.Merge) -> None:
        """``MERGE t USING s ON … WHEN …``: read as a SELECT over t JOIN s of the WHEN conditions, the
        UPDATE SET assignments (their targets written to t) and the INSERT values; INSERT's list is t's."""
        target = tree.this
        table = table_name(target, self.unknown) if isinstance(target, exp.Table) else None
        expressions: list[exp.Expr] = []
        writes = set()
        whens = tree.args.get("whens")
        for when in whens.expressions if whens else []:
            if when.args.get("condition") is not None:
                expressions.append(when.args["condition"])
            action = when.args.get("then")
            if isinstance(action, exp.Update):
                for assignment in action.expressions:
                    column = assignment.this if isinstance(assignment, exp.EQ) else None
                    if isinstance(column, exp.Column):
                        writes.add(id(column))
                        if not column.table:
                            column.set("table", exp.to_identifier(target.alias_or_name))
                    expressions.append(assignment)
            elif isinstance(action, exp.Insert):
                for column in action.this.find_all(exp.Column) if table and action.this else ():
                    self._hit(column.this, table, "write", True)
                if action.expression is not None:
                    expressions.append(action.expression)
        self._returning(tree, table)
        select = exp.Select(expressions=expressions, from_=exp.From(this=target),
                            joins=[exp.Join(this=tree.args.get("using"), on=tree.args.get("on"))],
                            with_=tree.args.get("with_"))
        self._queries(select, writes)

    def _returning(self, tree: exp.Expr, table: str | None) -> None:
        """``OUTPUT inserted.a, deleted.b``: columns read from the statement's target ``table``."""
        returning = tree.args.get("returning")
        if returning is None or not table:
            return
        for column in returning.find_all(exp.Column):
            if column.table.lower() in ("inserted", "deleted") and isinstance(column.this, exp.Identifier):
                self._hit(column.this, table, "read", True)

    # -- queries ------------------------------------------------------------

    def _queries(self, node: exp.Expr, writes: frozenset[int] | set[int] = frozenset()) -> None:
        """Resolve every outermost SELECT in ``node``."""
        queries = [n for n in node.walk(prune=lambda n: isinstance(n, QUERIES)) if isinstance(n, QUERIES)]
        for query in queries:
            root = None
            for scope in traverse_scope(query):
                root = scope
                self._scope(scope, writes)
            into = query.args.get("into") if isinstance(query, exp.Select) else None
            if into is not None and root is not None and isinstance(into.this, exp.Table):
                self._into(query, into.this, root)

    def _scope(self, scope: Scope, writes: frozenset[int] | set[int]) -> None:
        for column in scope.find_all(exp.Column):
            ident = column.this
            if not isinstance(ident, exp.Identifier) or ident.this.startswith("@"):
                continue
            access = "write" if id(column) in writes else "read"
            qualifier = column.table or _ordered_output(scope, column)
            if qualifier:
                source = self._qualified(scope, qualifier)
                if source is None:  # not a source of the statement: a table named directly, or nothing known
                    self._hit(ident, qualifier if self.schema.known(qualifier) else None, access, False)
                elif isinstance(source, exp.Table):
                    self._hit_table(ident, source, access, True)
                else:  # a derived table: the table its column is read from
                    table, resolved = self._through_derived(source, ident.this)
                    self._hit_table(ident, table, access, resolved)
            elif not _is_select_alias(scope, column):
                source, resolved = self._unqualified(scope, ident.this)
                if source is None:
                    derived = [s for s in self._sources(scope).values() if isinstance(s, Scope)
                               and self._has(s, ident.this.lower())]
                    if len(derived) == 1:
                        source, resolved = self._through_derived(derived[0], ident.this)
                if source is not None:
                    self._hit_table(ident, source, access, resolved)

    def _into(self, select: exp.Select, target: exp.Table, root: Scope) -> None:
        """``SELECT … INTO t``: the select list defines t's columns."""
        table = table_name(target, self.unknown)
        if not table:
            return
        access = "define" if is_temp(table) else "write"
        names: list[str] = []
        for projection in select.expressions:
            if projection.is_star:
                names += self._star_columns(root, projection.text("table"))
                continue
            ident = projection.args.get("alias") if isinstance(projection, exp.Alias) else projection.this
            if isinstance(ident, exp.Identifier) and not isinstance(projection, exp.EQ):
                names.append(ident.this)
                self._hit(ident, table, access, True)
        self.created.append((table, names))

    # -- resolution -----------------------------------------------------------

    def _sources(self, scope: Scope) -> dict[str, exp.Table | Scope]:
        """The FROM/JOIN sources of ``scope`` by lower-case alias, in order."""
        found = self._sources_of.get(id(scope))
        if found is None:
            found = {name.lower(): source for name, (_, source) in scope.selected_sources.items()}
            self._sources_of[id(scope)] = found
        return found

    def _qualified(self, scope: Scope | None, qualifier: str) -> exp.Table | Scope | None:
        key = qualifier.lower()
        while scope is not None:
            source = self._sources(scope).get(key)
            if source is not None:
                return source
            scope = scope.parent
        return None

    def _unqualified(self, scope: Scope, column: str) -> tuple[exp.Table | None, bool]:
        """The table of an unqualified column: the one source that has it (this
        scope, then the outer ones of a correlated subquery); else the only
        source; else the first known table, unresolved."""
        key = column.lower()
        current: Scope | None = scope
        while current is not None:
            sources = list(self._sources(current).values())
            having = [source for source in sources if self._has(source, key)]
            if having:
                tables = [source for source in having if isinstance(source, exp.Table)]
                if len(having) == 1:
                    return (tables[0] if tables else None), True
                return self._first_known(tables), False
            if any(isinstance(s, exp.Table) and not self._known(s) for s in sources) \
                    or not (current.is_subquery or current.can_be_correlated):
                break
            current = current.parent
        sources = list(self._sources(scope).values())
        tables = [source for source in sources if isinstance(source, exp.Table)]
        if len(sources) == 1:
            return (tables[0] if tables else None), True
        return self._first_known(tables), False

    def _through_derived(self, derived: Scope, name: str) -> tuple[exp.Table | None, bool]:
        """The table that the column ``name`` of a derived table (or CTE) comes from, when its select
        list has that column under its own name; ``(None, False)`` otherwise."""
        query = derived.expression
        key = name.lower()
        for projection in query.selects if isinstance(query, exp.Select) else []:
            if projection.alias_or_name.lower() != key:
                continue
            column = projection.this if isinstance(projection, exp.Alias) else projection
            if not isinstance(column, exp.Column) or column.name.lower() != key:
                return None, False  # an expression, or a column renamed: not this name in any table
            if column.table:
                source = self._qualified(derived, column.table)
                return (source, True) if isinstance(source, exp.Table) else (None, False)
            source, resolved = self._unqualified(derived, column.name)
            return source, resolved
        return None, False

    def _has(self, source: exp.Table | Scope, key: str) -> bool:
        if isinstance(source, Scope):
            query = source.expression
            return isinstance(query, exp.Query) and key in {n.lower() for n in query.named_selects}
        name = table_name(source, self.unknown)
        return bool(name) and self.schema.column(name, key) is not None

    def _known(self, table: exp.Table) -> bool:
        name = table_name(table, self.unknown)
        return bool(name) and self.schema.known(name)

    def _first_known(self, tables: list[exp.Table]) -> exp.Table | None:
        return next((t for t in tables if self._known(t)), tables[0] if tables else None)

    def _star_columns(self, root: Scope, qualifier: str) -> list[str]:
        names: list[str] = []
        for alias, source in self._sources(root).items():
            if qualifier and alias != qualifier.lower():
                continue
            if isinstance(source, Scope):
                names += source.expression.named_selects
            elif table_name(source, self.unknown):
                names += self.schema.column_names(table_name(source, self.unknown))
        return names

    def _hit_table(self, ident: exp.Identifier, source: exp.Table | None, access: str, resolved: bool) -> None:
        name = table_name(source, self.unknown) if source is not None else None
        if name:
            self._hit(ident, name, access, resolved)

    def _hit(self, ident: exp.Expr, table: str | None, access: str, resolved: bool) -> None:
        index = self.index_of.get(ident.meta.get("start")) if isinstance(ident, exp.Identifier) else None
        if index is None:
            return
        if table is None:
            self.hits.append(Hit(index, None, ident.this, access, False))
            return
        column = self.schema.column(table, ident.this) or ident.this
        self.hits.append(Hit(index, self.schema.table_name(table), column, access, resolved))


def _target_table(target: exp.Table, sources: list[exp.Expr], unknown: frozenset[int]) -> str | None:
    """The table a DML target names: the source it is the alias of (``UPDATE p … FROM t p``), else itself."""
    key = target.alias_or_name.lower()
    named = next((s for s in sources if isinstance(s, exp.Table) and s.alias_or_name.lower() == key), target)
    return table_name(named, unknown) if isinstance(named, exp.Table) else None


def _sources(from_: exp.From | None, table: exp.Table) -> tuple[exp.Table, list[exp.Join]]:
    """The first FROM table (``table`` when there is no FROM) and the joins sqlglot
    nests under it for UPDATE/DELETE, detached so that they can go on a SELECT."""
    first = from_.this if from_ is not None else table
    joins = list(first.args.get("joins") or [])
    first.set("joins", None)
    return first, joins


def _ordered_output(scope: Scope, column: exp.Column) -> str:
    """For an ORDER BY name that is a qualified column of the select list (``SELECT Punch.jour_heure … ORDER BY
    jour_heure``), that column's qualifier: the output it sorts by; "" otherwise."""
    select = scope.expression
    order = column.find_ancestor(exp.Order, exp.Select)
    if not isinstance(select, exp.Select) or not isinstance(order, exp.Order) or order.parent is not select:
        return ""
    name = column.name.lower()
    qualifiers = {p.table for p in select.expressions
                  if isinstance(p, exp.Column) and p.table and p.name.lower() == name}
    return qualifiers.pop() if len(qualifiers) == 1 else ""


def _is_select_alias(scope: Scope, column: exp.Column) -> bool:
    """An ORDER BY name that is an alias of the select list, not a column."""
    select = scope.expression
    if not isinstance(select, exp.Select):
        return False
    order = column.find_ancestor(exp.Order, exp.Select)
    if not isinstance(order, exp.Order) or order.parent is not select:
        return False
    name = column.name.lower()
    return any(isinstance(p, exp.Alias) and p.alias.lower() == name for p in select.expressions)
