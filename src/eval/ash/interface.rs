//! The code interface: `Support.Ticket.open!("VPN down")` for a resource's
//! `code_interface do define_for Support.AshApi; define :open, action: :new, args: [:subject] end`.
//!
//! Each call becomes what Ash 2.x's generated function does: a changeset or query for the
//! action, run through the `define_for` api (`create`/`update`/`destroy`/`read`, `!` raising).

use std::rc::Rc;

use crate::eval::error::EvalError;
use crate::eval::host::Host;
use crate::model::{ActionKind, Interface, ResourceRef};
use crate::value::{MapValue, Value};

use super::{api, args, changeset, query};

/// The functions a resource's code interface defines, with their arities (each takes its
/// `args`, then optionally a params map).
pub fn functions(resource: &ResourceRef) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    for interface in &resource.interfaces {
        let Some(action) = resource.action(&interface.action) else {
            continue;
        };
        let arity =
            record_arguments(action.kind) + filter_keys(interface, action.kind).len() + interface.args.len();
        for bang in ["", "!"] {
            let name = format!("{}{bang}", interface.name);
            out.push((name.clone(), arity));
            out.push((name, arity + 1));
        }
    }
    out
}

/// The fields a read interface filters on (`get_by`, or its `get_by_identity`'s keys), which
/// come first among its arguments; none for other actions.
fn filter_keys(interface: &Interface, kind: ActionKind) -> &[String] {
    if kind == ActionKind::Read {
        &interface.get_by
    } else {
        &[]
    }
}

/// How many records an action's function takes before its `args`: the record to change for
/// updates and destroys, none for creates and reads.
fn record_arguments(kind: ActionKind) -> usize {
    usize::from(matches!(kind, ActionKind::Update | ActionKind::Destroy))
}

/// `Resource.name(args)`; None when the resource defines no such function.
pub fn call(
    resource: &ResourceRef,
    name: &str,
    arguments: Vec<Value>,
    host: &mut dyn Host,
) -> Option<Result<Value, EvalError>> {
    let bang = name.ends_with('!');
    let base = name.trim_end_matches('!');
    let interface = resource.interfaces.iter().find(|i| i.name == base)?;
    let action = resource.action(&interface.action)?;
    let record = record_arguments(action.kind);
    let wanted = record + filter_keys(interface, action.kind).len() + interface.args.len();
    if arguments.len() != wanted && arguments.len() != wanted + 1 {
        return None;
    }
    Some(run(resource, interface, action.kind, bang, arguments, host))
}

fn run(
    resource: &ResourceRef,
    interface: &Interface,
    kind: ActionKind,
    bang: bool,
    mut arguments: Vec<Value>,
    host: &mut dyn Host,
) -> Result<Value, EvalError> {
    let Some(api_name) = resource.define_for.clone() else {
        return Err(EvalError::new(
            "RuntimeError",
            format!(
                "{}.{}: the code interface needs `define_for` (the api to call)",
                resource.name, interface.name
            ),
        ));
    };
    let record = record_arguments(kind);
    let keys = filter_keys(interface, kind).to_vec();
    let wanted = record + keys.len() + interface.args.len();
    // The params: the optional trailing map or keyword list, then the positional `args`.
    let mut params: Vec<(String, Value)> = if arguments.len() > wanted {
        let extra = arguments.pop().unwrap_or(Value::Nil);
        args::params(&extra)?
    } else {
        Vec::new()
    };
    let positional = arguments.split_off(record);
    for (name, value) in keys.iter().chain(&interface.args).zip(positional) {
        params.retain(|(k, _)| k != name);
        params.push((name.clone(), value));
    }
    // `get_by`: those params filter (`Map.split(params, filter_keys)`), the rest go to the action.
    let (filters, params): (Vec<_>, Vec<_>) = params.into_iter().partition(|(k, _)| keys.contains(k));
    let params = Value::Map(Rc::new(MapValue::from_entries(
        params.into_iter().map(|(k, v)| (Value::atom(&k), v)),
    )));
    let action = Value::atom(&interface.action);
    let bang_name = |verb: &str| {
        if bang {
            format!("{verb}!")
        } else {
            verb.to_string()
        }
    };
    let module = Value::Module(Rc::from(resource.name.as_str()));
    let (function, target) = match kind {
        ActionKind::Create => (
            bang_name("create"),
            changeset::for_action(kind, &[module, action, params])?,
        ),
        ActionKind::Update | ActionKind::Destroy => {
            let verb = if kind == ActionKind::Update {
                "update"
            } else {
                "destroy"
            };
            let subject = arguments.pop().unwrap_or(Value::Nil);
            (
                bang_name(verb),
                changeset::for_action(kind, &[subject, action, params])?,
            )
        }
        ActionKind::Read => {
            // `get?` on the define or on the read action: one record.
            let get = interface.get || resource.action(&interface.action).is_some_and(|a| a.get);
            let verb = if get { "read_one" } else { "read" };
            let mut read = query::for_read(&module, &action, Some(&params))?;
            if !filters.is_empty() {
                let pairs = filters
                    .into_iter()
                    .map(|(k, v)| Value::tuple(vec![Value::atom(&k), v]))
                    .collect();
                read = query::filter(&read, &Value::list(pairs))?;
            }
            (bang_name(verb), read)
        }
    };
    api::call(&api_name, &function, vec![target], host).unwrap_or_else(|| {
        Err(EvalError::new(
            "UndefinedFunctionError",
            format!("function {api_name}.{function}/1 is undefined or private"),
        ))
    })
}
