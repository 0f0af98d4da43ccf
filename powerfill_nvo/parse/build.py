"""Lark callbacks that turn PowerScript parse results straight into model objects.

The callbacks run inside the LALR parser (no intermediate tree). Token
positions are relative to the parsed chunk; ``Builder.start_chunk`` sets the
chunk's offset and first line so every position is one of the whole file.
"""
from __future__ import annotations

from bisect import bisect_right
from typing import Any

from lark import Token, Transformer

from .. import model as m
from ..escapes import unescape_string

#: The token classes a callback is given: Lark's, and the compiled parser's (the ``fast`` extra makes tokens of
#: its own class, not str), which ``grammar.fast_parser`` adds when it loads that parser (a process that parses
#: with plain Lark alone does not import lark-cython).
TOKENS: tuple[type, ...] = (Token,)

# Binding power of binary operators, PowerScript precedence (higher binds tighter).
_BINARY = {
    "OR": 1, "AND": 2,
    "EQ": 4, "NE": 4, "LT": 4, "GT": 4, "LE": 4, "GE": 4,
    "PLUS": 5, "MINUS": 5, "STAR": 6, "SLASH": 6, "CARET": 7,
}
_NOT_OPERAND, _SIGN_OPERAND = 4, 8
_OPENERS = {"IF", "FOR", "DO", "CHOOSE", "TRY"}

# "&" + line break inside a literal continues it; the next line's leading blanks are
# part of the string (PowerScript Reference, "Statement continuation").
def _sql_kind(text: str) -> str:
    words = text.split(None, 3)
    first = words[0].lower()
    second = words[1].lower() if len(words) > 1 else ""
    if first == "execute" and second == "immediate":
        return "execute immediate"
    if first == "declare" and len(words) > 2:
        third = words[2].lower()
        if third in ("cursor", "procedure"):
            return f"declare {third}"
        if third == "dynamic":
            return "declare dynamic"
    return first


class Builder(Transformer):
    """Callbacks named after the grammar's rules; each returns a model object or a small tuple."""

    def __init__(self) -> None:
        super().__init__()
        self.base = 0
        self.line_base = 0
        self.line_starts: list[int] = [0]
        self.text = ""
        self.problems: list[tuple[int, str]] = []

    def start_chunk(self, text: str, base: int, first_line: int, line_starts: list[int]) -> None:
        """The next parse reads ``text`` from offset ``base``, which is on ``first_line``."""
        self.text = text
        self.base = base
        self.line_base = first_line - 1
        self.line_starts = line_starts
        self.problems = []

    # ------------------------------------------------------------ positions
    def _line_at(self, offset: int) -> int:
        return bisect_right(self.line_starts, offset)

    def _tok_line(self, tok: Token) -> int:
        return tok.line + self.line_base

    def _end_line(self, item: Any) -> int:
        if isinstance(item, TOKENS):
            return self._line_at(item.end_pos + self.base - 1)
        if isinstance(item, m.Expr):
            return self._line_at(item.end - 1)
        if isinstance(item, m.Stmt):
            return item.end_line
        if isinstance(item, list):
            return self._end_line(item[-1]) if item else 0
        raise TypeError(item)

    def _last_line(self, items: list) -> int:
        for item in reversed(items):
            if isinstance(item, list) and not item:
                continue
            return self._end_line(item)
        return 0

    # ---------------------------------------------------------- expressions
    def _atom(self, tok: Token) -> m.Expr:
        start = tok.start_pos + self.base
        end = tok.end_pos + self.base
        line = tok.line + self.line_base
        kind = tok.type
        if kind == "NAME":
            if tok.value.endswith("!"):
                return m.Literal(line, start, end, "enum", tok.value)
            return m.Name(line, start, end, tok.value)
        if kind == "STRING":
            return m.StringLit(line, start, end, unescape_string(tok.value))
        if kind == "NUMBER":
            return m.Literal(line, start, end, "number", tok.value)
        if kind == "DATE":
            return m.Literal(line, start, end, "datetime" if ":" in tok.value else "date", tok.value)
        if kind == "TIME":
            return m.Literal(line, start, end, "time", tok.value)
        return m.Literal(line, start, end, "boolean", tok.value)

    def expr(self, items: list) -> m.Expr:
        """Operands and operators (flat) -> one tree, by precedence climbing with an explicit stack,
        so a long run of prefix operators cannot exhaust Python's recursion limit."""
        if len(items) == 1:
            return items[0]
        pos, min_power = 0, 0
        # Operators waiting for their right operand: (the enclosing minimum power, a prefix
        # operator token, or the left operand and the binary operator).
        pending: list[tuple[int, Any]] = []
        while True:
            head = items[pos]
            pos += 1
            while isinstance(head, TOKENS):  # prefix operators bind the operand that follows
                pending.append((min_power, head))
                min_power = _NOT_OPERAND if head.type == "NOT" else _SIGN_OPERAND
                head = items[pos]
                pos += 1
            operand: m.Expr = head
            while True:
                if pos < len(items) and _BINARY[items[pos].type] >= min_power:
                    op = items[pos]
                    pos += 1
                    pending.append((min_power, (operand, op)))
                    min_power = _BINARY[op.type] + 1
                    break  # read the right operand
                if not pending:
                    return operand
                min_power, waiting = pending.pop()
                if isinstance(waiting, TOKENS):
                    operand = m.Unary(self._tok_line(waiting), waiting.start_pos + self.base, operand.end,
                                      waiting.value.lower(), operand)
                else:
                    left, op = waiting
                    operand = m.Binary(left.line, left.start, operand.end, op.value.lower(), left, operand)

    def postfix(self, items: list) -> m.Expr:
        head = items[0]
        if isinstance(head, TOKENS):
            node = self._atom(head)
        elif isinstance(head, tuple):  # a call head: `event ue_x`, `post event ue_x`, `::f`
            first, forms, tok, ancestor = head
            node = m.Call(self._tok_line(first), first.start_pos + self.base,
                          tok.end_pos + self.base, None, tok.value, [], forms, ancestor)
        else:
            node = head
        awaiting_args = isinstance(head, tuple)
        for kind, payload, end in items[1:]:
            if kind == "member":
                node = m.Member(node.line, node.start, end, node, payload)
                awaiting_args = False
            elif kind == "form":
                forms, name = payload
                node = m.Call(node.line, node.start, end, node, name, [], forms)
                awaiting_args = True
            elif kind == "scope":
                forms, name = payload
                ancestor = node.name if isinstance(node, m.Name) else None
                node = m.Call(node.line, node.start, end, None, name, [], forms, ancestor)
                awaiting_args = True
            elif kind == "index":
                node = m.Index(node.line, node.start, end, node, payload)
                awaiting_args = False
            elif awaiting_args:  # call_args after a form or scope call
                node.args = payload
                node.end = end
                awaiting_args = False
            elif isinstance(node, m.Name):
                node = m.Call(node.line, node.start, end, None, node.name, payload)
            elif isinstance(node, m.Member):
                node = m.Call(node.line, node.start, end, node.obj, node.name, payload)
            else:
                node = m.Call(node.line, node.start, end, node, "", payload)
        return node

    def member(self, items: list) -> tuple:
        return ("member", items[1].value, items[1].end_pos + self.base)

    def form_member(self, items: list) -> tuple:
        forms = tuple(t.value.lower() for t in items[1:-1])
        return ("form", (forms, items[-1].value), items[-1].end_pos + self.base)

    def scope(self, items: list) -> tuple:
        forms = tuple(t.value.lower() for t in items[1:-1])
        return ("scope", (forms, items[-1].value), items[-1].end_pos + self.base)

    def index(self, items: list) -> tuple:
        return ("index", items[1:-1], items[-1].end_pos + self.base)

    def call_args(self, items: list) -> tuple:
        args = [i for i in items[1:-1] if not isinstance(i, TOKENS)]  # `ref` markers dropped
        return ("call", args, items[-1].end_pos + self.base)

    def form_call(self, items: list) -> tuple:
        return (items[0], tuple(f.value.lower() for f in items[:-1]), items[-1], None)

    def global_scope(self, items: list) -> tuple:
        return (items[0], (), items[1], "")

    def post_function(self, items: list) -> Token:
        return type(items[0]).new_borrow_pos("NAME", items[0].value, items[0])

    def script_name(self, items: list) -> Token:
        return items[0]

    def paren(self, items: list) -> m.Expr:
        inner = items[1]
        inner.start = items[0].start_pos + self.base
        inner.end = items[2].end_pos + self.base
        return inner

    def array_lit(self, items: list) -> m.ArrayLit:
        first, last = items[0], items[-1]
        return m.ArrayLit(self._tok_line(first), first.start_pos + self.base,
                          last.end_pos + self.base, items[1:-1])

    def create_expr(self, items: list) -> m.CreateExpr:
        create = items[0]
        start, line = create.start_pos + self.base, self._tok_line(create)
        if len(items) == 3:  # create using <expr>
            return m.CreateExpr(line, start, items[2].end, None, items[2])
        return m.CreateExpr(line, start, items[1].end_pos + self.base, items[1].value, None)

    # ----------------------------------------------------------- statements
    def block(self, items: list) -> list:
        return items

    def assign(self, items: list) -> m.Assign:
        target, op, value = items
        return m.Assign(target.line, self._end_line(value), target, op.value, value)

    def incr(self, items: list) -> m.Assign:
        target, op = items
        return m.Assign(target.line, self._end_line(op), target, op.value, None)

    def expr_stmt(self, items: list) -> m.ExprStmt:
        expr = items[0]
        if isinstance(expr, (m.Name, m.Literal, m.StringLit)):
            self.problems.append((expr.line, "statement is neither a call nor an assignment"))
        return m.ExprStmt(expr.line, self._end_line(expr), expr)

    def sql(self, items: list) -> m.EmbeddedSql:
        tok = items[0]
        start = tok.start_pos + self.base
        return m.EmbeddedSql(self._tok_line(tok), self._end_line(tok), _sql_kind(tok.value),
                             tok.value, start, start + len(tok.value))

    def destroy(self, items: list) -> m.Destroy:
        return m.Destroy(self._tok_line(items[0]), self._end_line(items[1]), items[1])

    def call_ancestor(self, items: list) -> m.CallStmt:
        names = [t.value for t in items[1:] if t.type == "NAME" or t is items[-1]]
        return m.CallStmt(self._tok_line(items[0]), self._end_line(items[-1]),
                          "`".join(names[:-1]), names[-1])

    def label(self, items: list) -> m.Label:
        tok = items[0]
        return m.Label(self._tok_line(tok), self._tok_line(tok), tok.value)

    def jump(self, items: list) -> m.Jump:
        kw = items[0]
        line, end_line = self._tok_line(kw), self._last_line(items)
        kind = kw.value.lower()
        if kind == "halt":
            return m.Jump(line, end_line, "halt close" if len(items) > 1 else "halt")
        if kind == "goto":
            return m.Jump(line, end_line, kind, label=items[1].value)
        return m.Jump(line, end_line, kind, value=items[1] if len(items) > 1 else None)

    def if_line(self, items: list) -> m.If:
        kw, cond, _then, then_stmt = items[:4]
        arms = [m.IfArm(cond, [then_stmt], then_stmt.line)]
        if len(items) > 4:
            arms.append(m.IfArm(None, [items[5]], items[5].line))
        return m.If(self._tok_line(kw), self._last_line(items), arms, block=False)

    def if_block(self, items: list) -> m.If:
        kw, cond = items[0], items[1]
        arms = [m.IfArm(cond, items[3], self._tok_line(kw))]
        arms.extend(a for a in items[4:-1])
        return m.If(self._tok_line(kw), self._tok_line(items[-1]), arms)

    def elseif_arm(self, items: list) -> m.IfArm:
        return m.IfArm(items[1], items[3], self._tok_line(items[0]))

    def else_arm(self, items: list) -> m.IfArm:
        return m.IfArm(None, items[1], self._tok_line(items[0]))

    def choose(self, items: list) -> m.Choose:
        return m.Choose(self._tok_line(items[0]), self._tok_line(items[-1]), items[2], items[3:-1])

    def case_clause(self, items: list) -> m.Case:
        line = self._tok_line(items[0])
        if isinstance(items[1], TOKENS):  # case else
            return m.Case([], items[2], line)
        return m.Case(items[1:-1], items[-1], line)

    def case_value(self, items: list) -> m.Expr:
        return items[0]

    def case_range(self, items: list) -> m.Binary:
        low, _to, high = items
        return m.Binary(low.line, low.start, high.end, "to", low, high)

    def case_is(self, items: list) -> m.Unary:
        kw, op, value = items
        return m.Unary(self._tok_line(kw), kw.start_pos + self.base, value.end, "is " + op.value, value)

    def do_loop(self, items: list) -> m.Loop:
        kw, cond_kw, cond, body, end = items
        return m.Loop(self._tok_line(kw), self._tok_line(end), "do_" + cond_kw.value.lower(), cond, body)

    def loop_do(self, items: list) -> m.Loop:
        kw, body, _loop, cond_kw, cond = items
        return m.Loop(self._tok_line(kw), self._end_line(cond), "loop_" + cond_kw.value.lower(), cond, body)

    def for_loop(self, items: list) -> m.Loop:
        kw, var, _eq, first, _to, last = items[:6]
        body = next(i for i in items if isinstance(i, list))
        step = items[7] if isinstance(items[6], TOKENS) and items[6].type == "STEP" else None
        return m.Loop(self._tok_line(kw), self._tok_line(items[-1]), "for", None, body,
                      var=var, first=first, last=last, step=step)

    def try_stmt(self, items: list) -> m.Try:
        catches = [c for c in items[2:-1] if isinstance(c, m.Catch)]
        finally_body = next((f[1] for f in items[2:-1] if isinstance(f, tuple)), None)
        return m.Try(self._tok_line(items[0]), self._tok_line(items[-1]), items[1], catches, finally_body)

    def catch_clause(self, items: list) -> m.Catch:
        kw, _lpar, type_ref, name, _rpar, body = items
        return m.Catch(type_ref[0], name.value, body, self._tok_line(kw))

    def finally_clause(self, items: list) -> tuple:
        return ("finally", items[1])

    # --------------------------------------------------------- declarations
    def type_ref(self, items: list) -> tuple[str, Token]:
        name = items[0]
        if len(items) == 1:
            return name.value, name
        return f"{name.value}{{{','.join(t.value for t in items[1:])}}}", name

    def return_type(self, items: list) -> tuple[str, Token]:
        """A function's return type, ``string[]`` for one returning an array."""
        array = items[-1].type == "RSQB"
        name, token = self.type_ref(items[:-2] if array else items)
        return (f"{name}[]" if array else name), token

    def decl_mod(self, items: list) -> Token:
        return items[0]

    def array_spec(self, items: list) -> str:
        return self.text[items[0].start_pos + self.base:items[-1].end_pos + self.base]

    def var_item(self, items: list) -> m.VarDecl:
        name = items[0]
        array = next((i for i in items[1:] if isinstance(i, str) and not isinstance(i, TOKENS)), None)
        init = items[-1] if len(items) > 1 and isinstance(items[-1], m.Expr) else None
        return m.VarDecl("", name.value, self._tok_line(name), init, array)

    def decl(self, items: list) -> m.DeclStmt:
        mods = [t.value.lower() for t in items if isinstance(t, TOKENS)]
        type_index = next(i for i, x in enumerate(items) if isinstance(x, tuple))
        type_name, type_tok = items[type_index]
        decls = items[type_index + 1:]
        access = next((w for w in mods if w != "constant" and w != "indirect"), None)
        for d in decls:
            d.type = type_name
            d.constant = "constant" in mods
            d.access = access
        first_line = self._tok_line(items[0] if mods else type_tok)
        last = decls[-1]
        return m.DeclStmt(first_line, last.line if last.init is None else self._end_line(last.init), decls)

    def access_label(self, items: list) -> tuple:
        return ("label", " ".join(t.value.lower() for t in items))

    def var_block(self, items: list) -> list[m.VarDecl]:
        result, section = [], None
        for item in items:
            if isinstance(item, tuple):
                section = item[1]
                continue
            if isinstance(item, m.EmbeddedSql):
                continue
            for d in item.decls:
                d.access = d.access or section
                result.append(d)
        return result

    # ------------------------------------------------------ scripts and APIs
    def access(self, items: list) -> str:
        return items[0].value.lower()

    def param(self, items: list) -> m.Param:
        words = {t.value.lower() for t in items if isinstance(t, TOKENS) and t.type in ("REF", "READONLY")}
        type_name = next(i for i in items if isinstance(i, tuple))[0]
        name_index = next(i for i, x in enumerate(items) if isinstance(x, tuple)) + 1
        return m.Param(type_name, items[name_index].value, "ref" in words, "readonly" in words,
                       isinstance(items[-1], str) and not isinstance(items[-1], TOKENS))

    def params(self, items: list) -> list[m.Param]:
        return [p for p in items if isinstance(p, m.Param)]

    def throws(self, items: list) -> tuple:
        return ("throws", [t.value for t in items[1:]])

    def func_header(self, items: list) -> dict:
        access = items[0] if not isinstance(items[0], TOKENS) else None  # a plain Lark Token is a str too
        kind_tok = next(t for t in items if isinstance(t, TOKENS) and t.type in ("FUNCTION", "SUBROUTINE"))
        returns = next((i[0] for i in items if isinstance(i, tuple) and i[0] != "throws"), None)
        name = [t for t in items if isinstance(t, TOKENS) and t.type not in ("FUNCTION", "SUBROUTINE")][-1]
        params = next(i for i in items if isinstance(i, list))
        return {"kind": kind_tok.value.lower(), "name": name.value, "params": params,
                "returns": returns if kind_tok.type == "FUNCTION" else None, "access": access}

    def event_header(self, items: list) -> dict:
        names = [t for t in items[1:] if isinstance(t, TOKENS) and t.type not in ("TYPE", "COLONCOLON")]
        scoped = any(isinstance(t, TOKENS) and t.type == "COLONCOLON" for t in items)
        owner = names[0].value if scoped else None
        return {"kind": "event", "name": names[1 if scoped else 0].value, "owner": owner,
                "params": next((i for i in items if isinstance(i, list)), []),
                "returns": next((i[0] for i in items if isinstance(i, tuple)), None), "access": None}

    def on_header(self, items: list) -> dict:
        names = [t.value for t in items[1:] if t.type != "DOT"]
        return {"kind": "on", "name": ".".join(names), "params": [], "returns": None, "access": None}

    def script(self, items: list) -> tuple[dict, list]:
        return items[0], items[1]

    def prototype(self, items: list) -> m.Prototype:
        kind_tok = next(t for t in items if isinstance(t, TOKENS) and t.type in ("FUNCTION", "SUBROUTINE"))
        returns = next((i[0] for i in items if isinstance(i, tuple) and i[0] != "throws"), None)
        params_index = next(i for i, x in enumerate(items) if isinstance(x, list))
        name = items[params_index - 1]
        tail = items[params_index + 1:]
        library = next((tail[i + 1].value for i, t in enumerate(tail)
                        if isinstance(t, TOKENS) and t.type == "LIBRARY"), None)
        external = any(isinstance(t, TOKENS) and t.type in ("LIBRARY", "RPCFUNC", "SYSTEM") for t in tail)
        return m.Prototype(kind_tok.value.lower(), name.value, self._tok_line(kind_tok),
                           items[params_index], returns if kind_tok.type == "FUNCTION" else None,
                           unescape_string(library) if library else None, external)

    def prototypes(self, items: list) -> list[m.Prototype]:
        return [p for p in items if isinstance(p, m.Prototype)]



class HeaderBuilder(Builder):
    """``Builder`` for what ``check`` keeps of a script: its header and the diagnostics of its body, whose
    statements and expressions are not built (``check`` drops bodies). A body gives one diagnostic of its own,
    a statement that is a lone name, literal or string (``Builder.expr_stmt``), so an expression's value here
    is the line of such an operand when it is one, else None. The compiled parser reduces the rules named in
    ``not_built`` to None without a call (``reductions.compile_callbacks``); plain Lark never uses this."""

    not_built = ("member", "form_member", "scope", "index", "call_args", "form_call", "global_scope",
                 "array_lit", "create_expr", "block", "assign", "incr", "sql", "destroy", "call_ancestor", "label",
                 "jump", "if_line", "if_block", "elseif_arm", "else_arm", "choose", "case_clause", "case_value",
                 "case_range", "case_is", "do_loop", "loop_do", "for_loop", "try_stmt", "catch_clause",
                 "finally_clause", "decl", "var_item")

    def postfix(self, items: list):
        head = items[0]
        if len(items) > 1:
            return None  # a member, call or index
        return head.line + self.line_base if isinstance(head, TOKENS) else head

    def expr(self, items: list):
        return items[0] if len(items) == 1 else None

    def paren(self, items: list):
        return items[1]

    def expr_stmt(self, items: list) -> None:
        if items[0] is not None:
            self.problems.append((items[0], "statement is neither a call nor an assignment"))

