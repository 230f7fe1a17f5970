//! The iex helpers and special forms called like local functions: `v/0,1`, `h/0,1`, `i/1`,
//! `clear/0`, `require/1,2`, `alias/1,2`, `import/1,2`.

use crate::eval::ash_modules;
use crate::eval::error::EvalError;
use crate::eval::errors;
use crate::eval::interp::Interpreter;
use crate::eval::value::Value;
use crate::model;
use crate::syntax::ast::{Expr, ExprKind};

/// What a helper returns when iex prints nothing after it (IEx.dont_display_result/0).
pub const DONT_DISPLAY: &str = "do not show this result in output";

pub fn dont_display() -> Value {
    Value::atom(DONT_DISPLAY)
}

/// Runs a helper with evaluated arguments; None when `name/arity` is not a helper.
pub fn call(interp: &mut Interpreter, name: &str, args: &[Value]) -> Option<Result<Value, EvalError>> {
    Some(match (name, args) {
        ("v", []) => history(interp, -1),
        ("v", [Value::Int(n)]) => history(interp, *n),
        ("require" | "import", [Value::Module(module), ..]) => {
            interp.require(module);
            Ok(Value::Module(module.clone()))
        }
        ("alias", [Value::Module(module)]) => {
            interp.add_alias(module, None);
            Ok(Value::Module(module.clone()))
        }
        ("alias", [Value::Module(module), Value::List(options)]) => {
            let alias_as = options.iter().find_map(|option| match option {
                Value::Tuple(pair)
                    if pair.len() == 2 && matches!(&pair[0], Value::Atom(a) if &**a == "as") =>
                {
                    match &pair[1] {
                        Value::Module(m) => Some(m.to_string()),
                        _ => None,
                    }
                }
                _ => None,
            });
            interp.add_alias(module, alias_as.as_deref());
            Ok(Value::Module(module.clone()))
        }
        ("i", [value]) => {
            let text = describe(interp, value);
            interp.write(&text);
            Ok(dont_display())
        }
        ("clear", []) => Ok(dont_display()),
        ("format", [Value::Atom(name)]) => match crate::render::Format::from_name(name) {
            Some(format) => {
                interp.format = format;
                Ok(Value::atom("ok"))
            }
            None => Err(EvalError::new(
                "ArgumentError",
                format!("unknown format :{name}, expected :iex, :table or :json"),
            )),
        },
        ("format", []) => Ok(Value::atom(interp.format.name())),
        ("echo_sql", [Value::Bool(on)]) => {
            let on = *on;
            crate::eval::host::Host::db(interp).map(|db| {
                db.set_echo_sql(on);
                Value::atom("ok")
            })
        }
        ("timing", [Value::Bool(on)]) => {
            interp.timing = *on;
            Ok(Value::atom("ok"))
        }
        _ => return None,
    })
}

fn history(interp: &Interpreter, n: i64) -> Result<Value, EvalError> {
    let found = if n < 0 {
        let back = usize::try_from(-n).unwrap_or(usize::MAX);
        interp
            .history
            .len()
            .checked_sub(back)
            .and_then(|i| interp.history.get(i))
    } else {
        interp
            .history
            .iter()
            .find(|(counter, _)| i64::try_from(*counter).is_ok_and(|c| c == n))
    };
    found
        .map(|(_, value)| value.clone())
        .ok_or_else(|| EvalError::new("RuntimeError", format!("v({n}) is out of bounds")))
}

/// `h()` and `h(Thing)`: `arg` is the unevaluated argument (a macro in iex).
pub fn help(interp: &mut Interpreter, arg: Option<&Expr>) -> Result<Value, EvalError> {
    let text = match arg {
        None => overview(),
        Some(expr) => {
            let name = expr_name(expr).ok_or_else(|| {
                EvalError::new(
                    "ArgumentError",
                    "h/1 expects a module or a function, e.g. h(Ash.Query.filter)",
                )
            })?;
            let name = interp.resolve_alias(&name);
            crate::eval::docs::lookup(&name).ok_or_else(|| {
                EvalError::new("RuntimeError", format!("No documentation for {name} was found"))
            })?
        }
    };
    interp.write(&text);
    Ok(dont_display())
}

fn expr_name(expr: &Expr) -> Option<String> {
    match &expr.kind {
        ExprKind::Alias(name) | ExprKind::Var(name) => Some(name.clone()),
        ExprKind::Call {
            target: None,
            name,
            args,
            ..
        } if args.is_empty() => Some(name.clone()),
        ExprKind::Call {
            target: Some(target),
            name,
            args,
            ..
        } if args.is_empty() => Some(format!("{}.{name}", expr_name(target)?)),
        ExprKind::Field { target, name } => Some(format!("{}.{name}", expr_name(target)?)),
        ExprKind::CaptureNamed {
            module: Some(module),
            name,
            ..
        } => Some(format!("{module}.{name}")),
        _ => None,
    }
}

fn overview() -> String {
    let mut text = String::from(
        "helpdesk is an iex-like shell over the Helpdesk support domain (Ash 2.4 semantics).\n\n\
         Helpers:\n\
         \x20 h()        this overview          h(Mod.fun)  documentation of one thing\n\
         \x20 v()        last result            v(n)        result of input n\n\
         \x20 i(term)    information about a value\n\
         \x20 require/1, alias/1,2, import/1    as in Elixir\n\
         \x20 format(:iex | :table | :json)     how results are printed\n\
         \x20 echo_sql(true | false)           print each SQL statement with its values (stderr)\n\
         \x20 timing(true | false)             print how long each input took (stderr)\n\
         \x20 #iex:break abandon the expression being typed\n\n\
         Resources:\n",
    );
    for resource in model::RESOURCES {
        text.push_str(&format!("  {}\n", resource.name));
        let attributes: Vec<&str> = resource.attributes.iter().map(|a| a.name).collect();
        text.push_str(&format!("    attributes:    {}\n", attributes.join(", ")));
        if !resource.relationships.is_empty() {
            let names: Vec<&str> = resource.relationships.iter().map(|r| r.name).collect();
            text.push_str(&format!("    relationships: {}\n", names.join(", ")));
        }
        if !resource.aggregates.is_empty() {
            let names: Vec<&str> = resource.aggregates.iter().map(|a| a.name).collect();
            text.push_str(&format!("    aggregates:    {}\n", names.join(", ")));
        }
        if !resource.calculations.is_empty() {
            let names: Vec<&str> = resource.calculations.iter().map(|c| c.name).collect();
            text.push_str(&format!("    calculations:  {}\n", names.join(", ")));
        }
        let actions: Vec<String> = resource
            .actions
            .iter()
            .map(|a| format!(":{} ({})", a.name, a.kind.name()))
            .collect();
        text.push_str(&format!("    actions:       {}\n", actions.join(", ")));
    }
    text.push_str("\nModules:\n");
    for module in ash_modules::modules() {
        let mut functions: Vec<String> = ash_modules::functions(module)
            .iter()
            .map(|(name, arity)| format!("{name}/{arity}"))
            .collect();
        functions.dedup();
        if functions.is_empty() {
            continue;
        }
        text.push_str(&format!("  {module}: {}\n", functions.join(" ")));
    }
    text
}

fn describe(interp: &Interpreter, value: &Value) -> String {
    let description = match value {
        Value::Record(r) => format!("an Ash record of resource {}", r.resource.name),
        Value::Query(_) => "an Ash query, run it with Support.AshApi.read/1".to_string(),
        Value::Changeset(_) => {
            "an Ash changeset, run it with Support.AshApi.create/update/destroy".to_string()
        }
        Value::Str(_) => "a UTF-8 encoded binary (a string)".to_string(),
        Value::Module(m) => format!("the module {m}"),
        _ => format!("a value of type {}", errors::type_name(value)),
    };
    format!(
        "Term\n  {}\nData type\n  {}\nDescription\n  This is {description}.\n",
        interp.show(value),
        errors::type_name(value)
    )
}
