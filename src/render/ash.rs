//! Ash 2.4's custom inspects: records (`#Support.Ticket<...>`, Elixir's derived `Inspect.Any`
//! over the Ecto schema), `#Ash.Query<...>`, `#Ash.Changeset<...>`, and the aggregates and
//! calculations a query carries (`#count<...>`, `#Ash.Resource.Calculation.Expression<...>`).
//!
//! Filters themselves are printed by `filter.rs`. The model's aggregate filters and calculation
//! expressions are source strings written exactly in Ash's print form (`status == :open`,
//! `name <> "-" <> id`), so they are printed verbatim instead of being parsed again.

use std::collections::BTreeMap;

use crate::model::{self, ResourceRef};
use crate::query::{AggregateSpec, Expr, SortOrder};
use crate::render::algebra::{ContainerBreak, Doc, concat, container_doc, text};
use crate::render::inspect::{list_doc, map_doc, module_name, named, to_doc};
use crate::render::{filter, literal};
use crate::value::{AshQuery, Changeset, LoadItem, MapValue, MetaState, NotLoadedKind, Record, Value};

/// One entry of a record's derived inspect, in `__info__(:struct)` order.
enum RecordField<'a> {
    Value(&'a str, &'a Value),
    NotLoaded(&'a str, NotLoadedKind),
    Meta(String),
    Map(&'a str, &'a MapValue),
    /// The literal `...` Elixir appends for the fields the derived inspect hides.
    Hidden,
}

/// `#Support.Ticket<field: value, ..., ...>`: calculations, aggregates and relationships in
/// reverse definition order, `__meta__`, the attributes, `aggregates`, `calculations`,
/// `__order__`, then `...`. Each field gets the limit left at its position, so long lists of
/// records shrink field by field (ash-j iex(24)).
pub(crate) fn record_doc(record: &Record, limit: usize) -> Doc {
    let resource = &record.resource;
    let mut fields = Vec::with_capacity(resource.attributes.len() + 16);
    loaded_fields(
        &mut fields,
        resource.calculations.iter().map(|c| c.name.as_str()),
        &record.calculations,
        NotLoadedKind::Calculation,
    );
    loaded_fields(
        &mut fields,
        resource.aggregates.iter().map(|a| a.name.as_str()),
        &record.aggregates,
        NotLoadedKind::Aggregate,
    );
    loaded_fields(
        &mut fields,
        resource.relationships.iter().map(|r| r.name.as_str()),
        &record.relationships,
        NotLoadedKind::Relationship,
    );
    let state = match record.meta {
        MetaState::Built => "built",
        MetaState::Loaded => "loaded",
        MetaState::Deleted => "deleted",
    };
    fields.push(RecordField::Meta(format!(
        "#Ecto.Schema.Metadata<:{state}, \"{}\">",
        resource.table
    )));
    // Sensitive attributes are left out, as Ecto's inspect of a `redact: true` field does
    // (the `...` at the end stands for them).
    for (attribute, value) in resource.attributes.iter().zip(&record.attributes) {
        if !attribute.sensitive {
            fields.push(RecordField::Value(&attribute.name, value));
        }
    }
    fields.push(RecordField::Map("aggregates", &record.extra_aggregates));
    fields.push(RecordField::Map("calculations", &record.extra_calculations));
    fields.push(RecordField::Value("__order__", &Value::Nil));
    fields.push(RecordField::Hidden);
    let open = format!("#{}<", module_name(&resource.name));
    container_doc(
        text(open),
        fields,
        text(">"),
        limit,
        ",",
        ContainerBreak::Strict,
        |field, limit| match field {
            RecordField::Value(name, value) => named(name, to_doc(value, limit)),
            RecordField::NotLoaded(name, kind) => {
                named(name, text(format!("#Ash.NotLoaded<:{}>", kind.name())))
            }
            RecordField::Meta(meta) => named("__meta__", text(meta)),
            RecordField::Map(name, map) => named(name, map_doc(map, limit)),
            RecordField::Hidden => text("..."),
        },
    )
}

/// Pushes loaded-or-not fields in reverse definition order.
fn loaded_fields<'a>(
    fields: &mut Vec<RecordField<'a>>,
    names: impl DoubleEndedIterator<Item = &'a str>,
    values: &'a [Option<Value>],
    kind: NotLoadedKind,
) {
    let names: Vec<&'a str> = names.collect();
    for (index, name) in names.iter().enumerate().rev() {
        match values.get(index) {
            Some(Some(value)) => fields.push(RecordField::Value(name, value)),
            _ => fields.push(RecordField::NotLoaded(name, kind)),
        }
    }
}

/// The parts of an `#Ash.Query<...>` that are shown; `None` parts are left out.
#[derive(Default)]
struct QueryParts {
    resource: String,
    filter: Option<Doc>,
    sort: Option<Doc>,
    limit: Option<i64>,
    offset: Option<i64>,
    load: Option<Doc>,
    aggregates: Option<Doc>,
    calculations: Option<Doc>,
    errors: Option<Doc>,
    select: Option<Doc>,
}

/// Ash 2.4's `defimpl Inspect, for: Ash.Query` (query.ex): the non-empty parts in the order
/// resource, filter, sort, limit, offset, load, aggregates, calculations, errors, select.
fn query_parts_doc(parts: QueryParts, limit: usize) -> Doc {
    let labelled = |label: &'static str, doc: Option<Doc>| match doc {
        Some(doc) => concat(vec![text(label), doc]),
        None => Doc::Nil,
    };
    let offset = parts.offset.filter(|offset| *offset != 0);
    let items = vec![
        concat(vec![text("resource: "), text(module_name(&parts.resource))]),
        labelled("filter: ", parts.filter),
        labelled("sort: ", parts.sort),
        labelled("limit: ", parts.limit.map(|l| text(l.to_string()))),
        labelled("offset: ", offset.map(|o| text(o.to_string()))),
        labelled("load: ", parts.load),
        labelled("aggregates: ", parts.aggregates),
        labelled("calculations: ", parts.calculations),
        labelled("errors: ", parts.errors),
        labelled("select: ", parts.select),
    ];
    container_doc(
        text("#Ash.Query<"),
        items,
        text(">"),
        limit,
        ",",
        ContainerBreak::Maybe,
        |doc, _| doc,
    )
}

/// `#Ash.Filter<...>` around a filter expression.
fn filter_wrapper(inner: Doc) -> Doc {
    concat(vec![text("#Ash.Filter<"), inner, text(">")])
}

pub(crate) fn query_doc(query: &AshQuery, limit: usize) -> Doc {
    let resource = &query.resource;
    let sort = (!query.sort.is_empty() || !query.unchecked_sort.is_empty()).then(|| sort_doc(query, limit));
    let load_items: Vec<&LoadItem> = query
        .load
        .iter()
        .filter(|item| matches!(item, LoadItem::Relationship { .. }))
        .collect();
    let load = (!load_items.is_empty()).then(|| load_doc(resource, &load_items, limit));
    let aggregates = aggregates_doc(query, limit);
    let calculations = calculations_doc(query, limit);
    let parts = QueryParts {
        resource: resource.name.to_string(),
        filter: query
            .filter
            .as_ref()
            .map(|expr| filter_wrapper(filter::filter_doc(expr, limit))),
        sort,
        limit: query.limit,
        offset: query.offset,
        load,
        aggregates,
        calculations,
        errors: (!query.errors.is_empty()).then(|| list_doc(&query.errors, limit)),
        select: query
            .select
            .as_ref()
            .filter(|fields| !fields.is_empty())
            .map(|fields| {
                let atoms: Vec<Value> = fields.iter().map(|f| Value::atom(f)).collect();
                list_doc(&atoms, limit)
            }),
    };
    query_parts_doc(parts, limit)
}

/// `sort: [subject: :desc]`; a calculation key prints as the calculation struct, which turns
/// the list into `[{#Ash.Resource.Calculation.Expression<...> - %{context: %{}}, :asc}]`.
fn sort_doc(query: &AshQuery, limit: usize) -> Doc {
    let entries: Vec<Value> = query
        .sort
        .iter()
        .map(|(expr, order)| {
            let key = match expr {
                Expr::Attr(name) | Expr::Aggregate(name) => Value::atom(name),
                Expr::Calc(name) => Value::Opaque(calculation_text(query, name).into()),
                other => Value::Opaque(filter::filter_text(other).into()),
            };
            Value::tuple(vec![key, Value::atom(order.name())])
        })
        .chain(query.unchecked_sort.iter().cloned())
        .collect();
    list_doc(&entries, limit)
}

/// `load: [representative: []]`; nested loads print as the related query
/// (`[assigned_tickets: #Ash.Query<resource: Support.Ticket, load: [reporter: []]>]`).
fn load_doc(resource: &ResourceRef, items: &[&LoadItem], limit: usize) -> Doc {
    container_doc(
        text("["),
        items,
        text("]"),
        limit,
        ",",
        ContainerBreak::Strict,
        |item, limit| {
            let LoadItem::Relationship { name, nested } = item else {
                return Doc::Nil;
            };
            let value = if nested.is_empty() {
                text("[]")
            } else {
                let destination = resource.destination(name).unwrap_or_else(|| resource.clone());
                nested_load_query(&destination, nested, limit)
            };
            named(name, value)
        },
    )
}

/// The query `Ash.Query.load(destination, nested)` builds for a nested load.
fn nested_load_query(resource: &ResourceRef, nested: &[LoadItem], limit: usize) -> Doc {
    let mut query = AshQuery::new(resource);
    for item in nested {
        match item {
            LoadItem::Relationship { .. } => query.load.push(item.clone()),
            LoadItem::Aggregate(name) => query.aggregates.push(name.clone()),
            LoadItem::Calculation(name) => query.calculations.push(name.clone()),
        }
    }
    query_doc(&query, limit)
}

/// Where an aggregate of the query comes from.
enum AggregateSource<'a> {
    Resource(&'a model::Aggregate),
    AdHoc(&'a AggregateSpec),
}

/// `aggregates: %{name: #count<...>}`, sorted by name as a small Elixir map is.
fn aggregates_doc(query: &AshQuery, limit: usize) -> Option<Doc> {
    let resource = &query.resource;
    let mut entries: BTreeMap<&str, AggregateSource<'_>> = BTreeMap::new();
    let loaded = query.load.iter().filter_map(|item| match item {
        LoadItem::Aggregate(name) => Some(name),
        _ => None,
    });
    for name in query.aggregates.iter().chain(loaded) {
        if let Some(aggregate) = resource.aggregate(name) {
            entries.insert(name, AggregateSource::Resource(aggregate));
        }
    }
    for (name, spec) in &query.extra_aggregates {
        entries.insert(name, AggregateSource::AdHoc(spec));
    }
    if entries.is_empty() {
        return None;
    }
    Some(container_doc(
        text("%{"),
        entries,
        text("}"),
        limit,
        ",",
        ContainerBreak::Strict,
        |(name, source), limit| named(name, aggregate_doc(resource, &source, limit)),
    ))
}

/// Ash's `Ash.Query.Aggregate` inspect: `#count<assigned_tickets from #Ash.Query<...>>`, or
/// `#count<assigned_tickets>` for an ad-hoc aggregate without a query.
fn aggregate_doc(resource: &ResourceRef, source: &AggregateSource<'_>, limit: usize) -> Doc {
    let (kind, relationship, field, filter, sort) = match source {
        AggregateSource::Resource(aggregate) => (
            aggregate.kind,
            aggregate.relationship.as_str(),
            aggregate.field.as_deref(),
            Some(
                aggregate
                    .filter
                    .as_ref()
                    .map(|src| filter_wrapper(text(src.text.clone()))),
            ),
            None,
        ),
        AggregateSource::AdHoc(spec) => {
            let has_query = spec.filter.is_some() || !spec.sort.is_empty();
            let filter = spec
                .filter
                .as_ref()
                .map(|expr| filter_wrapper(filter::filter_doc(expr, limit)));
            let sort = (!spec.sort.is_empty()).then(|| {
                let entries: Vec<Value> = spec
                    .sort
                    .iter()
                    .map(|(name, order): &(String, SortOrder)| {
                        Value::tuple(vec![Value::atom(name), Value::atom(order.name())])
                    })
                    .collect();
                list_doc(&entries, limit)
            });
            (
                spec.kind,
                spec.relationship.as_str(),
                spec.field.as_deref(),
                has_query.then_some(filter),
                sort,
            )
        }
    };
    let open = format!("#{}<", kind.name());
    let Some(filter) = filter else {
        return container_doc(
            text(open),
            [text(relationship.to_string())],
            text(">"),
            limit,
            "",
            ContainerBreak::Maybe,
            |doc, _| doc,
        );
    };
    let destination = resource
        .destination(relationship)
        .map_or_else(|| relationship.to_string(), |dest| dest.name.clone());
    let query = query_parts_doc(
        QueryParts {
            resource: destination,
            filter,
            sort,
            ..QueryParts::default()
        },
        limit,
    );
    let path = match field {
        Some(field) => format!("{relationship}.{field}"),
        None => relationship.to_string(),
    };
    let body = concat(vec![text(path), text(" from "), query]);
    container_doc(
        text(open),
        [body],
        text(">"),
        limit,
        ",",
        ContainerBreak::Maybe,
        |doc, _| doc,
    )
}

/// `calculations: %{name: #Ash.Resource.Calculation.Expression<[expr: ...]> - %{context: %{}}}`.
fn calculations_doc(query: &AshQuery, limit: usize) -> Option<Doc> {
    let mut entries: BTreeMap<&str, String> = BTreeMap::new();
    let loaded = query.load.iter().filter_map(|item| match item {
        LoadItem::Calculation(name) => Some(name),
        _ => None,
    });
    for name in query.calculations.iter().chain(loaded) {
        entries.insert(name, calculation_text(query, name));
    }
    for (name, _) in &query.extra_calculations {
        entries.insert(name, calculation_text(query, name));
    }
    if entries.is_empty() {
        return None;
    }
    Some(container_doc(
        text("%{"),
        entries,
        text("}"),
        limit,
        ",",
        ContainerBreak::Strict,
        |(name, described), _| named(name, text(described)),
    ))
}

/// Ash's `Ash.Query.Calculation` inspect for an expression calculation: the module's
/// `describe/1` (`#Ash.Resource.Calculation.Expression<[expr: EXPR]>`, printed with
/// `Kernel.inspect/1`, so on one line) and the context.
fn calculation_text(query: &AshQuery, name: &str) -> String {
    let expression = if let Some((_, spec)) = query.extra_calculations.iter().find(|(n, _)| n == name) {
        filter::raw_text(&spec.expr)
    } else if let Some(calculation) = query.resource.calculation(name) {
        calculation.expr.text.clone()
    } else {
        name.to_string()
    };
    format!("#Ash.Resource.Calculation.Expression<[expr: {expression}]> - %{{context: %{{}}}}")
}

/// Ash 2.4's `defimpl Inspect, for: Ash.Changeset`: `api:` and `context:` once an Api ran it,
/// `arguments:` only for actions that declare arguments, `valid?` from the validation errors.
pub(crate) fn changeset_doc(changeset: &Changeset, limit: usize) -> Doc {
    let action = changeset.action();
    let arguments = if action.arguments.is_empty() {
        Doc::Nil
    } else if action.arguments.iter().any(|a| a.sensitive) {
        // Sensitive arguments print as "**redacted**".
        let mut shown = changeset.arguments.clone();
        for argument in action.arguments.iter().filter(|a| a.sensitive) {
            let key = Value::atom(&argument.name);
            if shown.get(&key).is_some() {
                shown.insert(key, Value::string("**redacted**"));
            }
        }
        named("arguments", map_doc(&shown, limit))
    } else {
        named("arguments", map_doc(&changeset.arguments, limit))
    };
    let submitted = changeset
        .api
        .as_ref()
        .map(|api| named("api", text(api.to_string())));
    let context = changeset
        .api
        .as_ref()
        .map(|_| named("context", text("%{actor: nil, authorize?: false}")));
    let valid = changeset.errors.is_empty() || changeset.api.is_some();
    let items = vec![
        submitted.unwrap_or(Doc::Nil),
        named("action_type", text(literal::atom_literal(action.kind.name()))),
        named("action", text(literal::atom_literal(&action.name))),
        named("attributes", map_doc(&changeset.attributes, limit)),
        named("relationships", map_doc(&changeset.relationships, limit)),
        arguments,
        named("errors", list_doc(&changeset.errors, limit)),
        named("data", record_doc(&changeset.data, limit)),
        context.unwrap_or(Doc::Nil),
        named("valid?", text(if valid { "true" } else { "false" })),
    ];
    container_doc(
        text("#Ash.Changeset<"),
        items,
        text(">"),
        limit,
        ",",
        ContainerBreak::Maybe,
        |doc, _| doc,
    )
}
