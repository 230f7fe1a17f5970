//! Tests of `syntax::parse` as data tables: source → compact S-expression of the AST, source →
//! incomplete?, source → error place and message, plus the chapter snippets and oracle scripts
//! of `tests/data/` and deep nesting.
//!
//! The S-expression printer lives here (tests only); it is not a pretty-printer for users.

use crate::syntax::ast::{Clause, Expr, ExprKind, Qualifier, StrPart, UnaryOp};
use crate::syntax::{continues_previous, is_incomplete, parse};

/// A compact S-expression of one expression: `(+ 1 2)`, `(Enum.map xs f)`, `[1 2 | t]`.
fn sx(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Nil => "nil".into(),
        ExprKind::Bool(b) => b.to_string(),
        ExprKind::Int(n) => n.to_string(),
        ExprKind::BigInt(d) => format!("big:{d}"),
        ExprKind::Float(f) => format!("{f:?}"),
        ExprKind::Atom(a) => atom(a),
        ExprKind::Str(parts) => string(parts),
        ExprKind::Sigil {
            sigil,
            parts,
            modifiers,
        } => {
            format!(
                "(~{sigil}{}{} {})",
                if modifiers.is_empty() { "" } else { "/" },
                modifiers,
                string(parts)
            )
        }
        ExprKind::Alias(a) | ExprKind::Var(a) => a.clone(),
        ExprKind::Pin(x) => format!("(^ {})", sx(x)),
        ExprKind::List { items, tail } => {
            let mut s = format!("[{}", join(items));
            if let Some(t) = tail {
                s.push_str(&format!(" | {}", sx(t)));
            }
            s.push(']');
            s
        }
        ExprKind::Tuple(items) => format!("{{{}}}", join(items)),
        ExprKind::Map { base, entries } => format!("%{{{}}}", map_body(base.as_deref(), entries)),
        ExprKind::Struct { name, base, entries } => {
            format!("%{name}{{{}}}", map_body(base.as_deref(), entries))
        }
        ExprKind::Unary { op, operand } => {
            let o = match op {
                UnaryOp::Neg => "-",
                UnaryOp::Plus => "+",
                UnaryOp::Not => "not",
                UnaryOp::Bang => "!",
            };
            format!("({o} {})", sx(operand))
        }
        ExprKind::Binary { op, left, right } => format!("({} {} {})", op.symbol(), sx(left), sx(right)),
        ExprKind::Pipe { left, right } => format!("(|> {} {})", sx(left), sx(right)),
        ExprKind::Match { pattern, value } => format!("(= {} {})", sx(pattern), sx(value)),
        ExprKind::Call {
            target,
            name,
            args,
            parens,
        } => {
            let callee = match target {
                Some(t) => format!("{}.{name}", sx(t)),
                None => name.clone(),
            };
            let mark = if *parens { "" } else { "~" };
            if args.is_empty() {
                format!("({callee}{mark})")
            } else {
                format!("({callee}{mark} {})", join(args))
            }
        }
        ExprKind::Apply { fun, args } => {
            if args.is_empty() {
                format!("(apply {})", sx(fun))
            } else {
                format!("(apply {} {})", sx(fun), join(args))
            }
        }
        ExprKind::Field { target, name } => format!("(. {} {name})", sx(target)),
        ExprKind::Index { target, key } => format!("([] {} {})", sx(target), sx(key)),
        ExprKind::Fn(clauses) => format!("(fn {})", clauses_sx(clauses)),
        ExprKind::Capture(body) => format!("(& {})", sx(body)),
        ExprKind::CaptureNamed { module, name, arity } => match module {
            Some(m) => format!("&{m}.{name}/{arity}"),
            None => format!("&{name}/{arity}"),
        },
        ExprKind::CaptureArg(n) => format!("&{n}"),
        ExprKind::Range { first, last, step } => match step {
            Some(s) => format!("(.. {} {} {})", sx(first), sx(last), sx(s)),
            None => format!("(.. {} {})", sx(first), sx(last)),
        },
        ExprKind::If {
            cond,
            then,
            otherwise,
        } => match otherwise {
            Some(o) => format!("(if {} {} {})", sx(cond), sx(then), sx(o)),
            None => format!("(if {} {})", sx(cond), sx(then)),
        },
        ExprKind::Case { subject, clauses } => format!(
            "(case {} {})",
            subject.as_deref().map_or_else(|| "_".to_string(), sx),
            clauses_sx(clauses)
        ),
        ExprKind::Cond(clauses) => format!("(cond {})", clauses_sx(clauses)),
        ExprKind::With(with) => {
            let crate::syntax::ast::With {
                qualifiers,
                body,
                otherwise,
            } = &**with;
            let parts: Vec<String> = qualifiers
                .iter()
                .map(|q| match q {
                    Qualifier::Generator { pattern, source } => {
                        format!("(<- {} {})", sx(pattern), sx(source))
                    }
                    Qualifier::Filter(f) => sx(f),
                })
                .collect();
            if otherwise.is_empty() {
                format!("(with {} {})", parts.join(" "), sx(body))
            } else {
                format!(
                    "(with {} {} else {})",
                    parts.join(" "),
                    sx(body),
                    clauses_sx(otherwise)
                )
            }
        }
        ExprKind::For {
            qualifiers,
            into,
            body,
        } => {
            let mut parts: Vec<String> = qualifiers
                .iter()
                .map(|q| match q {
                    Qualifier::Generator { pattern, source } => {
                        format!("(<- {} {})", sx(pattern), sx(source))
                    }
                    Qualifier::Filter(f) => sx(f),
                })
                .collect();
            if let Some(i) = into {
                parts.push(format!("(into {})", sx(i)));
            }
            parts.push(sx(body));
            format!("(for {})", parts.join(" "))
        }
        ExprKind::Block(items) => format!("(block {})", join(items)),
        ExprKind::ModuleAttribute { name, value: None } => format!("@{name}"),
        ExprKind::ModuleAttribute { name, value: Some(v) } => format!("(@{name} {})", sx(v)),
    }
}

fn join(items: &[Expr]) -> String {
    items.iter().map(sx).collect::<Vec<_>>().join(" ")
}

fn atom(a: &str) -> String {
    let plain = a.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && a.trim_end_matches(['?', '!'])
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_');
    if plain { format!(":{a}") } else { format!(":{a:?}") }
}

fn string(parts: &[StrPart]) -> String {
    match parts {
        [] => "\"\"".into(),
        [StrPart::Lit(s)] => format!("{s:?}"),
        _ => {
            let inner: Vec<String> = parts
                .iter()
                .map(|p| match p {
                    StrPart::Lit(s) => format!("{s:?}"),
                    StrPart::Interp(e) => format!("#{{{}}}", sx(e)),
                })
                .collect();
            format!("(str {})", inner.join(" "))
        }
    }
}

fn map_body(base: Option<&Expr>, entries: &[(Expr, Expr)]) -> String {
    let entries: Vec<String> = entries
        .iter()
        .map(|(k, v)| format!("({} {})", sx(k), sx(v)))
        .collect();
    match base {
        Some(b) => format!("{} | {}", sx(b), entries.join(" ")),
        None => entries.join(" "),
    }
}

fn clauses_sx(clauses: &[Clause]) -> String {
    clauses
        .iter()
        .map(|c| {
            let guard = c
                .guard
                .as_ref()
                .map(|g| format!(" when {}", sx(g)))
                .unwrap_or_default();
            format!("([{}]{guard} {})", join(&c.patterns), sx(&c.body))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The whole program as S-expressions separated by " ; ", or the error.
fn program(src: &str) -> String {
    match parse(src) {
        Ok(items) => items.iter().map(sx).collect::<Vec<_>>().join(" ; "),
        Err(e) => format!("error at {}: {}", e.span.start, e.message),
    }
}

#[test]
fn parses_to_expected_trees() {
    let cases: &[(&str, &str)] = &[
        // literals
        ("nil", "nil"),
        ("true", "true"),
        ("1_000", "1000"),
        ("0x1F", "31"),
        ("1.5", "1.5"),
        ("1.0e-5", "1e-5"),
        ("99999999999999999999", "big:99999999999999999999"),
        ("-9223372036854775808", "-9223372036854775808"),
        (":ok", ":ok"),
        (":\"quoted atom\"", ":\"quoted atom\""),
        (":member?", ":member?"),
        (":true", "true"),
        ("\"hi\"", "\"hi\""),
        ("\"\"", "\"\""),
        ("\"a\\nb\\\"c\\u00e9\"", "\"a\\nb\\\"cé\""),
        ("\"Issue #{i}\"", "(str \"Issue \" #{i})"),
        ("\"#{a}-#{b <> \"x\"}\"", "(str #{a} \"-\" #{(<> b \"x\")})"),
        ("\"\"\"\n  line one\n    two\n  \"\"\"", "\"line one\\n  two\\n\""),
        ("~w(a b c)a", "(~w/a \"a b c\")"),
        ("~w[x]", "(~w \"x\")"),
        ("~S(a\\nb)", "(~S \"a\\\\nb\")"),
        ("?a", "97"),
        ("[1, 2]", "[1 2]"),
        ("[]", "[]"),
        ("[1, 2,]", "[1 2]"),
        ("[h | t] = list", "(= [h | t] list)"),
        ("[a: 1, b: 2]", "[{:a 1} {:b 2}]"),
        ("[1, a: 2]", "[1 {:a 2}]"),
        ("[\"k\": 1]", "[{:k 1}]"),
        ("{}", "{}"),
        ("{:ok, x}", "{:ok x}"),
        ("{:ok, a: 1}", "{:ok [{:a 1}]}"),
        ("%{}", "%{}"),
        (
            "%{subject: \"x\", status: :pending}",
            "%{(:subject \"x\") (:status :pending)}",
        ),
        ("%{\"k\" => v}", "%{(\"k\" v)}"),
        ("%{m | a: 2}", "%{m | (:a 2)}"),
        ("%{1 => 2, a: 3}", "%{(1 2) (:a 3)}"),
        (
            "%Support.Ticket{subject: \"x\"}",
            "%Support.Ticket{(:subject \"x\")}",
        ),
        ("0..5", "(.. 0 5)"),
        ("1..10//2", "(.. 1 10 2)"),
        ("a..b + 1", "(.. a (+ b 1))"),
        // names, fields, calls
        ("Support.Ticket", "Support.Ticket"),
        ("ticket", "ticket"),
        ("_", "_"),
        ("v()", "(v)"),
        ("v(2)", "(v 2)"),
        ("v", "v"),
        ("rem(i, 2)", "(rem i 2)"),
        ("Support.AshApi.read!()", "(Support.AshApi.read!)"),
        ("Enum.member?(xs, 1)", "(Enum.member? xs 1)"),
        ("h(Ash.Query.filter)", "(h (Ash.Query.filter~))"),
        ("hd(tickets).status", "(. (hd tickets) status)"),
        ("alice.name", "(. alice name)"),
        ("a.b.c", "(. (. a b) c)"),
        ("fun.(1)", "(apply fun 1)"),
        ("fun.()", "(apply fun)"),
        ("[a: 1][:a]", "([] [{:a 1}] :a)"),
        ("map[:key][\"k\"]", "([] ([] map :key) \"k\")"),
        (":timer.tc(f)", "(:timer.tc f)"),
        (
            "Ash.Query.load(assigned_tickets: [:reporter])",
            "(Ash.Query.load [{:assigned_tickets [:reporter]}])",
        ),
        ("sort(subject: :desc)", "(sort [{:subject :desc}])"),
        ("f(a, b: 1, c: 2)", "(f a [{:b 1} {:c 2}])"),
        (
            "Support.AshApi.load!(users, [:username, :closed_assigned_tickets])",
            "(Support.AshApi.load! users [:username :closed_assigned_tickets])",
        ),
        (
            "Ash.Query.aggregate(:all_reported_tickets, [:reported_tickets],\n                       filter: expr(status != :closed))",
            "(Ash.Query.aggregate :all_reported_tickets [:reported_tickets] [{:filter (expr (!= status :closed))}])",
        ),
        // calls without parentheses
        ("IO.puts \"no parens\"", "(IO.puts~ \"no parens\")"),
        ("require Ash.Query", "(require~ Ash.Query)"),
        ("alias Support.Ticket", "(alias~ Support.Ticket)"),
        (
            "import Ash.Query, only: [expr: 1]",
            "(import~ Ash.Query [{:only [{:expr 1}]}])",
        ),
        ("foo bar 1, 2", "(foo~ (bar~ 1 2))"),
        ("IO.puts x <> \"!\"", "(IO.puts~ (<> x \"!\"))"),
        ("x -1", "(- x 1)"),
        ("x - 1", "(- x 1)"),
        ("foo [1]", "(foo~ [1])"),
        ("foo do\n 1\nend", "(foo~ [{:do 1}])"),
        (
            "defmodule A.B do\n use X, a: 1\nend",
            "(defmodule~ A.B [{:do (use~ X [{:a 1}])}])",
        ),
        ("foo(x) do\n :a\nelse\n :b\nend", "(foo x [{:do :a} {:else :b}])"),
        // operators and precedence
        ("1 + 2 * 3", "(+ 1 (* 2 3))"),
        ("a or b and c == 1 + 2 * 3", "(or a (and b (== c (+ 1 (* 2 3)))))"),
        ("1 - 2 - 3", "(- (- 1 2) 3)"),
        ("a / b * c", "(* (/ a b) c)"),
        ("a <> b <> c", "(<> a (<> b c))"),
        ("a = b = c + 1", "(= a (= b (+ c 1)))"),
        // charlists and characters
        ("'abc'", "[97 98 99]"),
        ("''", "[]"),
        ("'a\\nb'", "[97 10 98]"),
        ("'é'", "[233]"),
        ("[h | t] = 'hi'", "(= [h | t] [104 105])"),
        ("IO.inspect 'hi'", "(IO.inspect~ [104 105])"),
        ("?a", "97"),
        ("?\\n", "10"),
        ("[?a, ?b]", "[97 98]"),
        ("a ++ b -- c ++ d", "(++ a (-- b (++ c d)))"),
        ("1 * 2 + 3 * 4 - 5", "(- (+ (* 1 2) (* 3 4)) 5)"),
        ("a + b == c and d || e", "(|| (and (== (+ a b) c) d) e)"),
        ("x = a |> f() |> g()", "(= x (|> (|> a (f)) (g)))"),
        ("1..2//3 + 4", "(.. 1 2 (+ 3 4))"),
        ("x = 1..n//2", "(= x (.. 1 n 2))"),
        ("a ++ 1..2//3", "(++ a (.. 1 2 3))"),
        ("a + 1..b * 2", "(.. (+ a 1) (* b 2))"),
        ("-a + -b * c", "(+ (- a) (* (- b) c))"),
        ("a.b + c.d", "(+ (. a b) (. c d))"),
        ("a ++ b -- c", "(++ a (-- b c))"),
        ("x |> f(y) |> g()", "(|> (|> x (f y)) (g))"),
        ("x |> f()", "(|> x (f))"),
        ("-1 + 2", "(+ -1 2)"),
        ("-x * y", "(* (- x) y)"),
        ("- 1", "-1"),
        ("-1.5", "-1.5"),
        ("+x", "(+ x)"),
        ("not a and b", "(and (not a) b)"),
        ("!x", "(! x)"),
        ("!x == y", "(== (! x) y)"),
        ("^pin", "(^ pin)"),
        ("^alice.id", "(^ (. alice id))"),
        ("a in [1, 2]", "(in a [1 2])"),
        ("x not in y", "(not in x y)"),
        ("a in b and c", "(and (in a b) c)"),
        ("a || b && c", "(|| a (&& b c))"),
        ("a === b or a !== c", "(or (=== a b) (!== a c))"),
        ("a < b == c >= d", "(== (< a b) (>= c d))"),
        ("x = y = 1", "(= x (= y 1))"),
        ("x = 1 + 2 |> f()", "(= x (|> (+ 1 2) (f)))"),
        ("a |> b in c", "(|> a (in b c))"),
        ("1..2 |> Enum.to_list()", "(|> (.. 1 2) (Enum.to_list))"),
        (
            "status == :closed and not(contains(subject, \"4\"))",
            "(and (== status :closed) (not (contains subject \"4\")))",
        ),
        ("not is_nil(reporter_id)", "(not (is_nil reporter_id))"),
        (
            "{:ok, tickets}= Support.AshApi.read(Support.Ticket)",
            "(= {:ok tickets} (Support.AshApi.read Support.Ticket))",
        ),
        ("id in ^ids", "(in id (^ ids))"),
        ("a\n|> f()\n|> g()", "(|> (|> a (f)) (g))"),
        ("a # c\n|> f() # d\n\n|> g()", "(|> (|> a (f)) (g))"),
        ("x =\n  1", "(= x 1)"),
        ("a and\n b", "(and a b)"),
        ("a\n== b", "(== a b)"),
        ("a\n-1", "a ; -1"),
        ("a\n+ b", "a ; (+ b)"),
        // captures and functions
        ("&String.upcase/1", "&String.upcase/1"),
        ("&foo/2", "&foo/2"),
        ("&(&1 * 2)", "(& (* &1 2))"),
        ("Enum.map(& &1.subject)", "(Enum.map (& (. &1 subject)))"),
        (
            "&{&1.name, &1.closed_assigned_tickets}",
            "(& {(. &1 name) (. &1 closed_assigned_tickets)})",
        ),
        ("& &1 + &2", "(& (+ &1 &2))"),
        ("fn x -> x * 2 end", "(fn ([x] (* x 2)))"),
        ("fn -> :ok end", "(fn ([] :ok))"),
        ("fn a, b -> a + b end", "(fn ([a b] (+ a b)))"),
        ("fn {:ok, x} -> x; _ -> nil end", "(fn ([{:ok x}] x) ([_] nil))"),
        (
            "fn x when x > 1 -> :big\n _ -> :small\nend",
            "(fn ([x] when (> x 1) :big) ([_] :small))",
        ),
        ("fn x ->\n  y = x\n  y\nend", "(fn ([x] (block (= y x) y)))"),
        ("fn\n  1 ->\n  2 -> :b\nend", "(fn ([1] nil) ([2] :b))"),
        // special forms
        (
            "if rem(i, 2) == 0 do\n  :even\nend",
            "(if (== (rem i 2) 0) :even)",
        ),
        ("if a do 1 else 2 end", "(if a 1 2)"),
        // resource files: Ash's expression if/3, module attributes, multi-alias
        ("if(a > 0, b, c)", "(if (> a 0) b c)"),
        ("with {:ok, x} <- f(), do: x", "(with (<- {:ok x} (f)) x)"),
        ("x |> case do\n  1 -> :one\nend", "(|> x (case _ ([1] :one)))"),
        (
            "with {:ok, x} <- f(),\n     y = x + 1 do\n  y\nelse\n  e -> e\nend",
            "(with (<- {:ok x} (f)) (= y (+ x 1)) y else ([e] e))",
        ),
        ("@moduledoc \"Tickets\"", "(@moduledoc \"Tickets\")"),
        ("@statuses [:open, :closed]", "(@statuses [:open :closed])"),
        ("[one_of: @statuses]", "[{:one_of @statuses}]"),
        // typespecs (`peterfication/peak_tracker_backend`'s resources have `@type t :: t()`):
        // `::` and `|` are operators there, kept as Elixir's AST (calls named `::` and `|`)
        ("@type t :: t()", "(@type (:: t (t)))"),
        ("@typep s :: :a | :b | nil", "(@typep (:: s (| :a (| :b nil))))"),
        (
            "@spec change(Changeset.t(), keyword, Change.context()) :: Changeset.t()",
            "(@spec (:: (change (Changeset.t) keyword (Change.context)) (Changeset.t)))",
        ),
        ("@opaque id ::\n  String.t()", "(@opaque (:: id (String.t)))"),
        ("alias A.B.{C, D}", "(alias~ (A.B.{} C D))"),
        ("if(a, do: 1)", "(if a 1)"),
        (
            "t = if rem(i, 2) == 0, do: 1, else: t",
            "(= t (if (== (rem i 2) 0) 1 t))",
        ),
        ("unless a do 1 end", "(if a nil 1)"),
        ("unless a, do: 1, else: 2", "(if a 2 1)"),
        ("if a do\nend", "(if a nil)"),
        (
            "case x do {:ok, v} -> v; _ -> 0 end",
            "(case x ([{:ok v}] v) ([_] 0))",
        ),
        (
            "case x do\n  n when n > 0 ->\n    :pos\n  _ ->\n    :other\nend",
            "(case x ([n] when (> n 0) :pos) ([_] :other))",
        ),
        ("case f(x) do\n  -1 -> :neg\nend", "(case (f x) ([-1] :neg))"),
        (
            "cond do a > 1 -> :big; true -> :small end",
            "(cond ([(> a 1)] :big) ([true] :small))",
        ),
        (
            "for n <- [\"Alice\", \"Bob\"], do: n",
            "(for (<- n [\"Alice\" \"Bob\"]) n)",
        ),
        ("for i <- 0..5 do\n  i\nend", "(for (<- i (.. 0 5)) i)"),
        (
            "for x <- xs, x > 1, into: %{}, do: {x, 1}",
            "(for (<- x xs) (> x 1) (into %{}) {x 1})",
        ),
        (
            "for {k, v} <- m, y <- v do k end",
            "(for (<- {k v} m) (<- y v) k)",
        ),
        ("for(x <- xs, do: x)", "(for (<- x xs) x)"),
        ("(\n  a = 1\n  b = 2\n  :ok\n)", "(block (= a 1) (= b 2) :ok)"),
        ("(1)", "1"),
        ("()", "nil"),
        ("(a; b)", "(block a b)"),
        // programs
        ("a\nb", "a ; b"),
        ("a; b", "a ; b"),
        ("# only a comment", ""),
        ("#iex:break", ""),
        ("", ""),
        ("\n\n  \n", ""),
        ("x = 1 # trailing comment", "(= x 1)"),
        (
            "{us, _} = :timer.tc(fn -> 1 end); div(us, 1000)",
            "(= {us _} (:timer.tc (fn ([] 1)))) ; (div us 1000)",
        ),
        (
            "for i <- 0..5 do\n  ticket =\n    Support.Ticket\n    |> Ash.Changeset.for_create(:new, %{subject: \"Issue #{i}\"})\n    |> Support.AshApi.create!()\n\n  if rem(i, 2) == 0 do\n    ticket\n    |> Ash.Changeset.for_update(:close)\n    |> Support.AshApi.update!()\n  end\nend",
            "(for (<- i (.. 0 5)) (block (= ticket (|> (|> Support.Ticket (Ash.Changeset.for_create :new %{(:subject (str \"Issue \" #{i}))})) (Support.AshApi.create!))) (if (== (rem i 2) 0) (|> (|> ticket (Ash.Changeset.for_update :close)) (Support.AshApi.update!)))))",
        ),
        (
            "email = \"a@b\"\nname = \"é\"",
            "(= email \"a@b\") ; (= name \"é\")",
        ),
    ];
    let mut failures = Vec::new();
    for (src, want) in cases {
        let got = program(src);
        if got != *want {
            failures.push(format!("{src:?}\n   want {want}\n    got {got}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn tells_incomplete_from_complete_and_wrong() {
    let cases: &[(&str, bool)] = &[
        ("1 +", true),
        ("1 + \n", true),
        ("x |>", true),
        ("a and", true),
        ("x =", true),
        ("foo(", true),
        ("foo(1,", true),
        ("foo 1,", true),
        ("[1, 2", true),
        ("{1", true),
        ("%{a: 1", true),
        ("%{", true),
        ("\"abc", true),
        ("\"abc #{x", true),
        ("\"\"\"\nabc", true),
        ("~w(a b", true),
        ("if x do", true),
        ("if x do\n 1\nelse", true),
        ("fn x ->", true),
        ("fn x -> x", true),
        ("case x do", true),
        ("case x do\n 1 -> 2", true),
        ("for i <- 0..5 do\n  ticket =", true),
        ("(\n a = 1", true),
        ("foo(  # comment", true),
        ("Support.Ticket\n|> Ash.Query.filter(", true),
        ("1 + 2", false),
        ("foo()", false),
        ("if x do 1 end", false),
        ("", false),
        ("# comment", false),
        ("1 + )", false),
        // The tokenizer runs first in Elixir: an open bracket makes any input incomplete.
        ("foo(,", true),
        ("[1 2", true),
        ("1 + * (", true),
        ("\"a #{b", true),
        ("[1, 2)", false),
        ("1 end", false),
        ("foo)", false),
        ("end", false),
        ("[1 2]", false),
        ("if x", false),
    ];
    let mut failures = Vec::new();
    for (src, want) in cases {
        if is_incomplete(src) != *want {
            failures.push(format!(
                "{src:?}: want incomplete={want}, got {:?}",
                parse(src).err()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn reports_errors_at_the_offending_place() {
    // Texts and places as Elixir 1.14 reports them (its parser_test.exs and errors_test.exs
    // have most of these).
    let cases: &[(&str, usize, &str)] = &[
        // The parser: "syntax error before:" and the token as yecc writes it.
        ("1 + * 3", 4, "syntax error before: '*'"),
        ("1 + )", 4, "unexpected token: )"),
        ("foo(1 2)", 6, "syntax error before: \"2\""),
        ("[1 2]", 3, "syntax error before: \"2\""),
        ("{1 2}", 3, "syntax error before: \"2\""),
        ("%{1 2}", 4, "syntax error before: \"2\""),
        ("1 2", 2, "syntax error before: \"2\""),
        (":ok 12.3", 4, "syntax error before: \"12.3\""),
        (":ok 0b1", 4, "syntax error before: \"0b1\""),
        (":ok ?a", 4, "syntax error before: ?a"),
        ("\"hello\" \"world\"", 8, "syntax error before: \"world\""),
        ("1 Foobar", 2, "syntax error before: 'Foobar'"),
        ("1 :ok", 2, "syntax error before: ok"),
        ("x.1", 2, "syntax error before: \"1\""),
        ("+.foo", 1, "syntax error before: '.'"),
        ("%{:a}", 4, "syntax error before: '}'"),
        ("1+;\n2", 2, "syntax error before: ';'"),
        ("max(1, ;2)", 7, "syntax error before: ';'"),
        ("foo(,)", 4, "syntax error before: ','"),
        ("a =~ b", 2, "syntax error before: '=~'"),
        // `::` and `|` are operators in typespec attributes only
        ("a :: b", 2, "syntax error before: '::'"),
        ("@doc a :: b", 7, "syntax error before: '::'"),
        ("1 |> ->", 5, "syntax error before: '->'"),
        ("1 do end", 2, "syntax error before: do"),
        (
            "~s(foo) ~s(bar baz)",
            8,
            "syntax error before: sigil ~s starting with content 'bar baz'",
        ),
        (
            "x = after",
            4,
            "syntax error before: after. \"after\" is a reserved word in Elixir and therefore its usage is limited. For instance, it can't be used as a variable or be defined nor invoked as a regular function",
        ),
        ("[1,\n2 3]", 6, "syntax error before: \"3\""),
        (
            "x = Ƙ + 1",
            4,
            "unexpected token: \"Ƙ\" (column 5, code point U+0198)",
        ),
        // The tokenizer, before any parsing: terminators.
        (
            "[1, 2)",
            5,
            "unexpected token: ). The \"[\" at line 1 is missing terminator \"]\"",
        ),
        (
            "1 + * (]",
            7,
            "unexpected token: ]. The \"(\" at line 1 is missing terminator \")\"",
        ),
        (
            "foo(\n  1 end",
            9,
            "unexpected reserved word: end. The \"(\" at line 1 is missing terminator \")\"",
        ),
        (
            "\"foo#{case 1 do )}bar\"",
            16,
            "unexpected token: ). The \"do\" at line 1 is missing terminator \"end\"",
        ),
        ("foo)", 3, "unexpected token: )"),
        ("1 end", 2, "unexpected reserved word: end"),
        ("end", 0, "unexpected reserved word: end"),
        ("foo(1", 5, "missing terminator: ) (for \"(\" starting at line 1)"),
        ("foo(,", 5, "missing terminator: ) (for \"(\" starting at line 1)"),
        (
            "case 1 (",
            8,
            "missing terminator: ) (for \"(\" starting at line 1)",
        ),
        (
            "foo do 1",
            8,
            "missing terminator: end (for \"do\" starting at line 1)",
        ),
        (
            "fn 1",
            4,
            "missing terminator: end (for \"fn\" starting at line 1)",
        ),
        (
            "fn x -> x",
            9,
            "missing terminator: end (for \"fn\" starting at line 1)",
        ),
        (
            "if x do\n  [1,\n",
            14,
            "missing terminator: ] (for \"[\" starting at line 2)",
        ),
        (
            "%{a: [1}",
            7,
            "unexpected token: }. The \"[\" at line 1 is missing terminator \"]\"",
        ),
        (
            "<<1, 2",
            6,
            "missing terminator: >> (for \"<<\" starting at line 1)",
        ),
        // Strings, heredocs, sigils, atoms.
        (
            "\"bar",
            4,
            "missing terminator: \" (for string starting at line 1)",
        ),
        ("'bar", 4, "missing terminator: ' (for string starting at line 1)"),
        (
            "x = \"a\nb",
            8,
            "missing terminator: \" (for string starting at line 1)",
        ),
        (
            "\"\"\"\nbar",
            7,
            "missing terminator: \"\"\" (for heredoc starting at line 1)",
        ),
        (
            "\"\"\"\nbar\"\"\"",
            10,
            "missing terminator: \"\"\" (for heredoc starting at line 1)",
        ),
        (
            "\"\"\"bar\n\"\"\"",
            0,
            "heredoc allows only zero or more whitespace characters followed by a new line after \"\"\"",
        ),
        (
            "~r\"foo\n\n",
            8,
            "missing terminator: \" (for sigil ~r\" starting at line 1)",
        ),
        (
            "~w(a b",
            6,
            "missing terminator: ) (for sigil ~w( starting at line 1)",
        ),
        (":\"ab", 4, "missing terminator: \" (for atom starting at line 1)"),
        (
            "\"a #{b",
            3,
            "missing interpolation terminator: \"}\" (for string starting at line 1)",
        ),
        (
            "\"a #{(b",
            7,
            "missing terminator: ) (for \"(\" starting at line 1)",
        ),
        // At the end of the input, without a terminator missing.
        ("1 +", 3, "syntax error: expression is incomplete"),
        ("x.", 2, "syntax error: expression is incomplete"),
        // The subset's own limits name what is wrong.
        ("foo(a: 1, 2)", 10, "unexpected expression after keyword list"),
        ("if x", 0, "missing 'do' in if"),
        ("case x", 0, "missing 'do' in case"),
        ("for x <- y", 0, "missing 'do' in for"),
        ("if x, do: 1, then: 2", 13, "unexpected keyword in if: then"),
        ("\"\\u{110000}\"", 1, "invalid escape sequence"),
        ("&0", 0, "invalid capture argument"),
        ("'a#{x}'", 0, "interpolation in charlists is not supported"),
        ("1.0e999", 0, "float literal out of range"),
    ];
    let mut failures = Vec::new();
    for (src, at, msg) in cases {
        match parse(src) {
            Ok(v) => failures.push(format!(
                "{src:?}: parsed as {}",
                v.iter().map(sx).collect::<Vec<_>>().join(" ; ")
            )),
            Err(e) if e.span.start != *at || e.message != *msg => {
                failures.push(format!(
                    "{src:?}: want {at} {msg:?}, got {} {:?}",
                    e.span.start, e.message
                ));
            }
            Err(e) => {
                let end_ok = src.is_char_boundary(e.span.end) && e.span.end >= e.span.start;
                if !end_ok {
                    failures.push(format!("{src:?}: bad span end {}", e.span.end));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn quoted_lines_count_from_the_prompt() {
    let e = parse("foo(\n[1").err();
    let shifted = e.as_ref().map(|e| (e.message_from(1), e.message_from(5)));
    assert_eq!(
        shifted,
        Some((
            "missing terminator: ] (for \"[\" starting at line 2)".to_string(),
            "missing terminator: ] (for \"[\" starting at line 6)".to_string()
        ))
    );
}

#[test]
fn the_terminator_scan_reads_tokens_not_characters() {
    // Balanced as Elixir tokenizes them: brackets, `do` and `end` inside strings, sigils,
    // comments, characters, atoms, keyword keys and field names do not count.
    let balanced = [
        "x = \"(\" <> \"[\"",
        "~w(a [b)",
        "~r/(/",
        "~S\"\"\"\n(\n\"\"\"",
        "# (((\n1",
        "[?(, ?\\), ?[]",
        ":do",
        "if x, do: :end",
        "foo.end(1)",
        "m.do",
        "\"#{\"(\"}\"",
        "'('",
        ":\"(\"",
        "x ~>> y",
        "1 <<< 2",
        "fn_name do end",
        "done?(x) do end",
        "<<1, 2>>",
    ];
    for src in balanced {
        assert_eq!(crate::syntax::terminators::check(src), None, "{src:?}");
    }
    let open = [
        ("(", ")"),
        ("x = fn", "end"),
        ("foo do", "end"),
        ("\"#{(", ")"),
        ("[do: 1", "]"),
    ];
    for (src, closer) in open {
        let message = crate::syntax::terminators::check(src).map(|e| e.message);
        let want = format!("missing terminator: {closer} ");
        assert!(
            message.as_ref().is_some_and(|m| m.starts_with(&want)),
            "{src:?}: {message:?}"
        );
    }
}

#[test]
fn error_spans_cover_the_offending_token() {
    let cases: &[(&str, (usize, usize))] = &[
        ("end", (0, 3)),
        ("1 + )", (4, 5)),
        ("x = Ƙ", (4, 6)),
        ("a =~ b", (2, 4)),
        ("1 +", (3, 3)),
    ];
    for (src, want) in cases {
        let got = parse(src).err().map(|e| (e.span.start, e.span.end));
        assert_eq!(got, Some(*want), "{src:?}");
    }
}

#[test]
fn tells_lines_that_continue_the_previous_expression() {
    let cases: &[(&str, bool)] = &[
        ("|> Ash.Query.load(:username)", true),
        ("  |> f()", true),
        ("and x", true),
        ("== 1", true),
        ("-1", false),
        ("+ 1", false),
        ("# comment", false),
        ("", false),
        ("foo()", false),
        ("android", false),
        ("not x", false),
    ];
    for (line, want) in cases {
        assert_eq!(continues_previous(line), *want, "{line:?}");
    }
}

#[test]
fn spans_point_into_the_source() {
    let cases: &[(&str, &str)] = &[
        ("  foo(1, 2)  ", "foo(1, 2)"),
        ("x |> f()", "x |> f()"),
        ("Support.AshApi.read!()", "Support.AshApi.read!()"),
        ("\"Issue #{i}\"", "\"Issue #{i}\""),
        ("a\n|> b()", "a\n|> b()"),
        ("if a do 1 end", "if a do 1 end"),
        ("[1, 2]", "[1, 2]"),
        ("-1", "-1"),
        ("1..10//2", "1..10//2"),
    ];
    for (src, want) in cases {
        let items = parse(src).unwrap_or_default();
        let got = items.first().map(|e| &src[e.span.start..e.span.end]);
        assert_eq!(got, Some(*want), "span of {src:?}");
    }
}

/// A file of `tests/data/` (see its README), found from the crate root, never by a machine path.
fn test_data(relative: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(relative)
}

/// The iex input in the chapter's code blocks (`iex -S mix` lines dropped) and the other
/// Elixir blocks of the chapter, which use more of the language.
fn seed_blocks() -> Vec<String> {
    let path = test_data("chapter_snippets.md");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        match (&mut current, line.trim_start()) {
            (None, "```elixir") => current = Some(String::new()),
            (Some(block), "```") => {
                blocks.push(std::mem::take(block));
                current = None;
            }
            (Some(block), _) if line.trim() != "iex -S mix" => {
                block.push_str(line);
                block.push('\n');
            }
            _ => {}
        }
    }
    blocks
}

#[test]
fn parses_every_seed_block_and_oracle_file() {
    let mut sources: Vec<(String, String)> = Vec::new();
    for (n, block) in seed_blocks().into_iter().enumerate() {
        // One block is a shell command typed into an elixir fence; it is not Elixir. The
        // config/runtime.exs excerpt is cut off before its closing `end`.
        if block.contains("config/runtime.exs") {
            assert!(
                is_incomplete(&block),
                "runtime.exs excerpt should need more input"
            );
        } else if !block.starts_with("mix ") {
            sources.push((format!("seed block {n}"), block));
        }
    }
    assert!(sources.len() >= 12, "seed blocks not found: {}", sources.len());
    let dir = test_data("oracle");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    names.retain(|p| p.extension().is_some_and(|x| x == "exs"));
    names.sort();
    assert!(names.len() >= 15, "oracle files not found");
    for path in names {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let name = path.strip_prefix(&dir).unwrap_or(&path).display().to_string();
        sources.push((format!("oracle/{name}"), text));
    }
    let mut failures = Vec::new();
    for (name, src) in &sources {
        if let Err(e) = parse(src) {
            let (line, col) = e.span.line_col(src);
            failures.push(format!("{name}:{line}:{col}: {}", e.message));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn seed_pipeline_reads_as_one_expression() {
    let src = "Support.User\n|> Ash.Query.filter(all_assigned_tickets > 0) # prevent divide by zero\n|> Ash.Query.filter(assigned_open_percent > 0.25)\n|> Ash.Query.sort(:assigned_open_percent)\n|> Ash.Query.load(:assigned_open_percent)\n|> Support.AshApi.read!()\n\n# try out the username calculation\nSupport.User\n|> Ash.Query.load(:username)\n|> Support.AshApi.read!()\n";
    let got = program(src);
    assert_eq!(
        got,
        "(|> (|> (|> (|> (|> Support.User (Ash.Query.filter (> all_assigned_tickets 0))) (Ash.Query.filter (> assigned_open_percent 0.25))) (Ash.Query.sort :assigned_open_percent)) (Ash.Query.load :assigned_open_percent)) (Support.AshApi.read!)) ; (|> (|> Support.User (Ash.Query.load :username)) (Support.AshApi.read!))"
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    // On the stack the shell's threads have (8 MB, as a main thread's): the 990-deep trees
    // below are dropped recursively, which a 2 MB test thread does not always hold in a debug
    // build.
    std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(deep_nesting_cases)
        .expect("a thread")
        .join()
        .expect("no crash");
}

fn deep_nesting_cases() {
    let cases: Vec<String> = vec![
        "[".repeat(10_000),
        "(".repeat(10_000),
        "{".repeat(10_000),
        "%{a: ".repeat(10_000),
        "-".repeat(10_000) + "1",
        "!".repeat(10_000) + "x",
        "not ".repeat(10_000) + "x",
        "^".repeat(10_000),
        "& ".repeat(10_000),
        "1 <> ".repeat(10_000) + "1",
        "x = ".repeat(10_000) + "1",
        "f(".repeat(10_000),
        "\"#{".repeat(10_000),
        "fn -> ".repeat(10_000),
        "if x do ".repeat(10_000),
        "a.".repeat(10_000) + "b",
        "a".to_string() + &"[0]".repeat(10_000),
        "1 + ".repeat(10_000) + "1",
        "x".to_string() + &" |> f()".repeat(10_000),
        "[".repeat(10_000) + &"]".repeat(10_000),
    ];
    for src in &cases {
        let result = parse(src);
        if let Err(e) = &result {
            assert!(src.is_char_boundary(e.span.start) && src.is_char_boundary(e.span.end));
        }
    }
    let deep = "[".repeat(10_000) + &"]".repeat(10_000);
    let err = parse(&deep).err().map(|e| (e.message, e.incomplete));
    assert_eq!(err, Some(("nesting too deep".to_string(), false)));
    // A flat chain is as deep a tree as it is long: accepted up to the tree limit (what the
    // evaluator takes on an 8 MB stack in a debug build), an error beyond it.
    let long = "1".to_string() + &" + 1".repeat(10_000);
    let err = parse(&long)
        .err()
        .map(|e| (e.message, e.span.start, e.incomplete));
    assert_eq!(err, Some(("nesting too deep".to_string(), 0, false)));
    // Nesting and chains below the limits still parse, with the right shape.
    for ok in [
        "[".repeat(400) + &"]".repeat(400),
        "1".to_string() + &" + 1".repeat(990),
        "x".to_string() + &" = x".repeat(990),
        "\"\"".to_string() + &" <> \"a\"".repeat(990),
        "[]".to_string() + &" ++ [1]".repeat(990),
        "1".to_string() + &" |> abs()".repeat(990),
        "true".to_string() + &" and true".repeat(990),
        "fn -> 1".to_string() + &" - 1".repeat(990) + " end",
    ] {
        assert!(parse(&ok).is_ok(), "{}…", &ok[..20]);
    }
    let chain = |op: &str, n: usize| "a".to_string() + &format!(" {op} a").repeat(n);
    let left = sx(&parse(&chain("+", 300)).unwrap()[0]);
    assert!(
        left.starts_with(&"(+ ".repeat(300)) && left.contains("(+ a a) a) a)") && left.ends_with(" a) a)")
    );
    let right = sx(&parse(&chain("=", 300)).unwrap()[0]);
    assert!(right.starts_with("(= a (= a (= a") && right.ends_with(&")".repeat(300)));
}

#[test]
fn odd_input_never_panics() {
    let cases = [
        "\u{feff}1",
        "é",
        "\"é\\",
        "?",
        "?é",
        ":",
        "::",
        ":é",
        "~",
        "~é",
        "~w",
        "~wé",
        "%",
        "%é",
        "&",
        "&é",
        "&99999999999999999999999",
        "\"\\x\"",
        "\"\\u{}\"",
        "\"\\u12\"",
        "0x",
        "1_",
        "1.",
        "a.é",
        "x[",
        "\"\"\"",
        "\"\"\" x",
        "\r\n",
        "a\r\nb",
        "\u{0}",
        "#{",
        "'abc'",
        "fn end",
        "case x do end",
        "cond do x end",
        "for do end",
        "%{a | }",
        "[a: 1, 2]",
        "x not",
        "\\\\",
    ];
    for src in cases {
        let _ = parse(src);
        let _ = is_incomplete(src);
        // Every prefix at a char boundary too (this is what a REPL sees while typing).
        for (at, _) in src.char_indices() {
            let _ = parse(&src[..at]);
        }
    }
}

#[test]
fn a_typical_line_parses_in_microseconds() {
    let line = "Support.User |> Ash.Query.filter(all_assigned_tickets > 0) |> Ash.Query.load([:all_reported_tickets, :open_reported_tickets]) |> Ash.Query.sort(name: :desc) |> Support.AshApi.read!() |> Enum.map(&{&1.name, &1.open_reported_tickets})";
    let start = std::time::Instant::now();
    for _ in 0..200 {
        assert!(parse(line).is_ok());
    }
    let per_parse = start.elapsed() / 200;
    // Generous for an unoptimised build on a shared machine; release is far faster.
    assert!(
        per_parse < std::time::Duration::from_millis(2),
        "{per_parse:?} per parse"
    );
}

#[test]
fn random_fragments_never_panic() {
    const FRAGMENTS: &[&str] = &[
        "(", ")", "[", "]", "{", "}", "%{", "%A{", "\"", "\"\"\"\n", "#{", "'", "~w(", "?", ":", "::", ",",
        ";", "\n", " ", "\t", "#", "|>", "|", "=>", "->", "<-", "..", "//", "&", "&1", "^", "!", "-", "+",
        "*", "/", "=", "==", "not", "in", "and", "when", "do", "end", "else", "fn", "if", "case", "cond",
        "for", "x", "Foo", ".", "1", "1.5", "0x", "é", "Ƙ", "\\", "a:", "\"k\":", "_", "nil", "\r",
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..20_000 {
        let len = (next() % 12) as usize;
        let src: String = (0..len)
            .map(|_| FRAGMENTS[(next() % FRAGMENTS.len() as u64) as usize])
            .collect();
        if let Err(e) = parse(&src) {
            let ok = e.span.start <= e.span.end
                && e.span.end <= src.len()
                && src.is_char_boundary(e.span.start)
                && src.is_char_boundary(e.span.end)
                && !e.message.is_empty();
            assert!(ok, "{src:?}: {e:?}");
        }
    }
}
