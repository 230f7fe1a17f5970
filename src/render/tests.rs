//! Printing tests: whole values against the texts real iex printed (`testdata/*.txt`, cut from
//! what the real Ash 2.4 app printed for `tests/data/oracle/*.exs`, with the ANSI colours
//! around filter numbers removed), and generic Elixir terms against texts of iex 1.14.

use std::rc::Rc;

use crate::model::ResourceRef;
use crate::project::testing::{ticket_resource, user_resource};
use crate::query::{AggregateKind, AggregateSpec, CalcSpec, Expr, Lit, Op, SortOrder};
use crate::render::{INFINITY, InspectOptions, inspect};
use crate::value::{AshQuery, Changeset, LoadItem, MapValue, MetaState, Record, StructValue, Value};

const ALICE: &str = "fc5d6b26-ccd9-477c-9547-4d7a3522aa06";
const BOB: &str = "1e1c9b45-fd8a-40b7-a67a-23709aa6c87c";

fn s(text: &str) -> Value {
    Value::string(text)
}

fn a(name: &str) -> Value {
    Value::atom(name)
}

fn opt_str(value: Option<&str>) -> Value {
    value.map_or(Value::Nil, s)
}

fn map(entries: Vec<(Value, Value)>) -> Value {
    Value::Map(Rc::new(MapValue::from_entries(entries)))
}

fn set_attr(record: &mut Record, name: &str, value: Value) {
    let index = record.resource.attribute_index(name).unwrap();
    record.attributes[index] = value;
}

fn ticket(id: &str, subject: &str, status: &str, representative: Option<&str>) -> Record {
    let mut record = Record::empty(ticket_resource(), MetaState::Loaded);
    set_attr(&mut record, "id", s(id));
    set_attr(&mut record, "subject", s(subject));
    set_attr(&mut record, "status", a(status));
    set_attr(&mut record, "representative_id", opt_str(representative));
    record
}

fn user(id: &str, name: &str) -> Record {
    let mut record = Record::empty(user_resource(), MetaState::Loaded);
    set_attr(&mut record, "id", s(id));
    set_attr(&mut record, "name", s(name));
    record
}

fn with_representative(mut record: Record, representative: Record) -> Record {
    let index = record
        .resource
        .relationships
        .iter()
        .position(|r| r.name == "representative")
        .unwrap();
    record.relationships[index] = Some(Value::Record(Rc::new(representative)));
    record
}

fn rec(record: Record) -> Value {
    Value::Record(Rc::new(record))
}

/// Ticket `Issue n` of the ash-j prelude: even issues closed, 0–2 assigned to Alice.
fn ash_j_issue(n: usize) -> Value {
    let ids = [
        "0abb5416-2bea-441e-9f3d-81809e15bbaf",
        "94bdc498-b9b0-458b-a770-68b9628c152a",
        "03cf0db9-98cb-4d3a-85af-e17526208242",
    ];
    let status = if n.is_multiple_of(2) { "closed" } else { "open" };
    let record = ticket(ids[n], &format!("Issue {n}"), status, Some(ALICE));
    rec(with_representative(record, user(ALICE, "Alice")))
}

fn query(resource: &ResourceRef) -> AshQuery {
    AshQuery::new(resource)
}

use crate::query::build::attr;

fn eq(left: Expr, right: Expr) -> Expr {
    Expr::op(Op::Eq, left, right)
}

fn str_lit(text: &str) -> Expr {
    Expr::Lit(Lit::Str(text.to_string()))
}

fn atom_lit(name: &str) -> Expr {
    Expr::Lit(Lit::Atom(name.to_string()))
}

fn error_struct(module: &str, fields: Vec<(&str, Value)>, path: &str, class: &str) -> Value {
    let mut all: Vec<(String, Value)> = fields.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    for (name, value) in [
        ("changeset", Value::Nil),
        ("query", Value::Nil),
        ("error_context", Value::list(vec![])),
        ("vars", Value::list(vec![])),
        (
            "path",
            if path.is_empty() {
                Value::list(vec![])
            } else {
                Value::list(vec![a(path)])
            },
        ),
        ("stacktrace", Value::Opaque("#Stacktrace<>".into())),
        ("class", a(class)),
    ] {
        all.push((name.to_string(), value));
    }
    Value::Struct(Rc::new(StructValue {
        module: module.to_string(),
        fields: all,
    }))
}

fn changeset(action: &str, data: Record) -> Changeset {
    Changeset {
        resource: ticket_resource().clone(),
        action_index: ticket_resource()
            .actions
            .iter()
            .position(|a| a.name == action)
            .unwrap(),
        data: Rc::new(data),
        attributes: MapValue::default(),
        arguments: MapValue::default(),
        relationships: MapValue::default(),
        errors: Vec::new(),
        api: None,
    }
}

fn manage_relationship_opts(id_argument: &str) -> Value {
    Value::keyword(vec![
        ("ignore?", Value::Bool(false)),
        ("on_missing", a("unrelate")),
        ("on_match", a("ignore")),
        ("on_lookup", a("relate")),
        ("on_no_match", a("error")),
        ("eager_validate_with", Value::Bool(false)),
        ("authorize?", Value::Bool(true)),
        (
            "meta",
            Value::keyword(vec![
                ("inputs_was_list?", Value::Bool(false)),
                ("id", a(id_argument)),
            ]),
        ),
        ("type", a("append_and_remove")),
    ])
}

fn relate(relationship: &str, id: &str, argument: &str) -> MapValue {
    let input = Value::list(vec![map(vec![(a("id"), s(id))])]);
    let entry = Value::tuple(vec![input, manage_relationship_opts(argument)]);
    MapValue::from_entries(vec![(a(relationship), Value::list(vec![entry]))])
}

fn oracle_rows() -> Vec<(&'static str, Value, &'static str)> {
    let built = Record::empty(ticket_resource(), MetaState::Built);
    let mut rows = Vec::new();

    // ash-j: queries.
    let mut q = query(ticket_resource());
    q.filter = Some(eq(attr("status"), atom_lit("open")));
    rows.push((
        "ash-j 3",
        Value::Query(Rc::new(q.clone())),
        include_str!("testdata/ash-j-03.txt"),
    ));
    q.sort = vec![(attr("subject"), SortOrder::Desc)];
    q.limit = Some(2);
    q.offset = Some(1);
    q.load = vec![LoadItem::Relationship {
        name: "representative".into(),
        nested: vec![],
    }];
    rows.push((
        "ash-j 4",
        Value::Query(Rc::new(q)),
        include_str!("testdata/ash-j-04.txt"),
    ));
    rows.push((
        "ash-j 5",
        Value::Query(Rc::new(query(ticket_resource()))),
        include_str!("testdata/ash-j-05.txt"),
    ));

    // ash-j: changesets.
    let mut c = changeset("new", built.clone());
    c.attributes = MapValue::from_entries(vec![(a("status"), a("open")), (a("subject"), s("x"))]);
    rows.push((
        "ash-j 6",
        Value::Changeset(Rc::new(c.clone())),
        include_str!("testdata/ash-j-06.txt"),
    ));
    let mut c7 = c.clone();
    c7.relationships = relate("reporter", ALICE, "reporter_id");
    c7.arguments = MapValue::from_entries(vec![(a("reporter_id"), s(ALICE))]);
    rows.push((
        "ash-j 7",
        Value::Changeset(Rc::new(c7)),
        include_str!("testdata/ash-j-07.txt"),
    ));
    let mut c8 = changeset("new", built);
    c8.attributes = MapValue::from_entries(vec![(a("status"), a("open"))]);
    c8.errors = vec![error_struct(
        "Ash.Error.Changes.Required",
        vec![
            ("field", a("subject")),
            ("type", a("attribute")),
            ("resource", Value::Module("Support.Ticket".into())),
        ],
        "",
        "invalid",
    )];
    rows.push((
        "ash-j 8",
        Value::Changeset(Rc::new(c8)),
        include_str!("testdata/ash-j-08.txt"),
    ));
    let Value::Record(issue0) = ash_j_issue(0) else {
        unreachable!()
    };
    let mut c9 = changeset("assign", (*issue0).clone());
    c9.relationships = relate("representative", BOB, "representative_id");
    c9.arguments = MapValue::from_entries(vec![(a("representative_id"), s(BOB))]);
    rows.push((
        "ash-j 9",
        Value::Changeset(Rc::new(c9)),
        include_str!("testdata/ash-j-09.txt"),
    ));
    let c10 = changeset("close", (*issue0).clone());
    rows.push((
        "ash-j 10",
        Value::Changeset(Rc::new(c10)),
        include_str!("testdata/ash-j-10.txt"),
    ));
    let c11 = changeset("destroy", (*issue0).clone());
    rows.push((
        "ash-j 11",
        Value::Changeset(Rc::new(c11)),
        include_str!("testdata/ash-j-11.txt"),
    ));

    // ash-j: records.
    rows.push(("ash-j 12", ash_j_issue(0), include_str!("testdata/ash-j-12.txt")));
    rows.push((
        "ash-j 13",
        Value::list((0..3).map(ash_j_issue).collect()),
        include_str!("testdata/ash-j-13.txt"),
    ));
    let mut alice = user(ALICE, "Alice");
    alice.aggregates = [0, 0, 0, 3, 1, 2]
        .into_iter()
        .map(|n| Some(Value::Int(n)))
        .collect();
    alice.calculations = vec![None, Some(Value::Float(1.0 / 3.0))];
    rows.push(("ash-j 14", rec(alice), include_str!("testdata/ash-j-14.txt")));
    rows.push((
        "ash-j 19",
        Value::tuple(vec![s("Alice"), s("Bob")]),
        include_str!("testdata/ash-j-19.txt"),
    ));
    rows.push((
        "ash-j 20",
        map(vec![(a("ticket"), ash_j_issue(0))]),
        include_str!("testdata/ash-j-20.txt"),
    ));

    // ash-j: the 50-item limit over 66 strings and 66 records.
    let mut subjects: Vec<String> = (1..=60).map(|i| format!("Bulk {i}")).collect();
    subjects.extend((0..6).map(|i| format!("Issue {i}")));
    subjects.sort();
    rows.push((
        "ash-j 23",
        Value::list(subjects.iter().map(|subject| s(subject)).collect()),
        include_str!("testdata/ash-j-23.txt"),
    ));
    let tickets = subjects
        .iter()
        .enumerate()
        .map(|(index, subject)| {
            let id = BULK_IDS
                .get(index)
                .copied()
                .unwrap_or("00000000-0000-4000-8000-000000000000");
            if subject.starts_with("Issue") {
                rec(ticket(id, subject, "open", Some(BOB)))
            } else {
                rec(ticket(id, subject, "open", None))
            }
        })
        .collect();
    rows.push((
        "ash-j 24",
        Value::list(tickets),
        include_str!("testdata/ash-j-24.txt"),
    ));

    // ash-h: users with their has_many tickets loaded.
    let with_tickets = |id: &str, name: &str, first: usize, ticket_ids: [&str; 3]| {
        let tickets = ticket_ids
            .iter()
            .enumerate()
            .map(|(offset, ticket_id)| {
                let n = first + offset;
                let status = if n.is_multiple_of(2) { "closed" } else { "open" };
                rec(ticket(ticket_id, &format!("Issue {n}"), status, Some(id)))
            })
            .collect();
        let mut record = user(id, name);
        let index = user_resource()
            .relationships
            .iter()
            .position(|r| r.name == "assigned_tickets")
            .unwrap();
        record.relationships[index] = Some(Value::list(tickets));
        rec(record)
    };
    rows.push((
        "ash-h 3",
        Value::list(vec![
            with_tickets(
                "a65b7bdb-bc0e-4d8c-9289-57f80f007bec",
                "Alice",
                0,
                [
                    "00aca8dc-a8dd-4ced-bea3-6bca459e37d2",
                    "1d6cebc3-a677-4853-846f-4da62d54d514",
                    "955d5fa5-e27e-44b8-8a15-6334ac26d2f4",
                ],
            ),
            with_tickets(
                "abceef67-3e42-4290-a4ae-6d608c158228",
                "Bob",
                3,
                [
                    "1dc2efaf-e550-4334-ba79-37fa69af142d",
                    "7a44aca0-a689-4f55-a75c-f9a241aa6fe8",
                    "893107fd-14be-414d-bb79-a27fbff5acfb",
                ],
            ),
        ]),
        include_str!("testdata/ash-h-03.txt"),
    ));

    // seed-01, seed-02: lists and tuples of records.
    let closed = |id: &str, n: usize| rec(ticket(id, &format!("Issue {n}"), "closed", None));
    let open = |id: &str, n: usize| rec(ticket(id, &format!("Issue {n}"), "open", None));
    let seed_ids = [
        "f20f1e4f-5162-4d24-b654-12abc513e8c0",
        "e8f00202-aae5-467e-89a8-521080bef65c",
        "8ef64053-a2d8-4039-9baa-61a65d1b55b1",
        "eec72db6-2e0e-44aa-a33e-1f720b347d99",
        "35b50429-4a9b-4a76-879c-e7021693b937",
        "2d6e1d86-8844-4dbc-9488-000e3de12c02",
    ];
    let seed_ticket = |n: usize| {
        if n.is_multiple_of(2) {
            closed(seed_ids[n], n)
        } else {
            open(seed_ids[n], n)
        }
    };
    rows.push((
        "seed-01 1",
        Value::list(
            (0..6)
                .map(|n| if n % 2 == 0 { seed_ticket(n) } else { Value::Nil })
                .collect(),
        ),
        include_str!("testdata/seed-01-01.txt"),
    ));
    rows.push((
        "seed-02 3",
        Value::ok(Value::list((0..6).map(seed_ticket).collect())),
        include_str!("testdata/seed-02-03.txt"),
    ));
    rows.push((
        "seed-02 7",
        Value::ok(seed_ticket(5)),
        include_str!("testdata/seed-02-07.txt"),
    ));
    let contains = |text: &str| Expr::Contains(Box::new(attr("subject")), Box::new(str_lit(text)));
    let mut q = query(ticket_resource());
    q.filter = Some(contains("2"));
    rows.push((
        "seed-02 14",
        Value::Query(Rc::new(q)),
        include_str!("testdata/seed-02-14.txt"),
    ));
    let mut q = query(ticket_resource());
    q.filter = Some(Expr::and(
        Some(eq(attr("status"), atom_lit("closed"))),
        Expr::Not(Box::new(contains("4"))),
    ));
    rows.push((
        "seed-02 19",
        Value::Query(Rc::new(q)),
        include_str!("testdata/seed-02-19.txt"),
    ));
    rows.push((
        "seed-02 23",
        Value::Query(Rc::new(query(user_resource()))),
        include_str!("testdata/seed-02-23.txt"),
    ));

    // seed-03: aggregates and calculations in queries.
    let all_assigned = Expr::Aggregate("all_assigned_tickets".into());
    let mut q = query(user_resource());
    q.filter = Some(Expr::op(Op::Gt, all_assigned.clone(), Expr::Lit(Lit::Int(0))));
    q.aggregates = vec!["all_assigned_tickets".into()];
    rows.push((
        "seed-03 4",
        Value::Query(Rc::new(q.clone())),
        include_str!("testdata/seed-03-04.txt"),
    ));
    q.filter = Some(Expr::and(
        q.filter.clone(),
        Expr::op(
            Op::Gt,
            Expr::Calc("assigned_open_percent".into()),
            Expr::Lit(Lit::Float(0.25)),
        ),
    ));
    q.aggregates = vec!["all_assigned_tickets".into(), "active_assigned_tickets".into()];
    rows.push((
        "seed-03 5",
        Value::Query(Rc::new(q.clone())),
        include_str!("testdata/seed-03-05.txt"),
    ));
    q.sort = vec![(Expr::Calc("assigned_open_percent".into()), SortOrder::Asc)];
    rows.push((
        "seed-03 6",
        Value::Query(Rc::new(q.clone())),
        include_str!("testdata/seed-03-06.txt"),
    ));
    q.calculations = vec!["assigned_open_percent".into()];
    rows.push((
        "seed-03 7",
        Value::Query(Rc::new(q)),
        include_str!("testdata/seed-03-07.txt"),
    ));
    let mut q = query(user_resource());
    q.calculations = vec!["username".into()];
    rows.push((
        "seed-03 12",
        Value::Query(Rc::new(q)),
        include_str!("testdata/seed-03-12.txt"),
    ));

    // ash-f: filters.
    let ticket_filter = |filter: Expr| {
        let mut q = query(ticket_resource());
        q.filter = Some(filter);
        Value::Query(Rc::new(q))
    };
    let list = |items: &[&str]| Expr::Lit(Lit::List(items.iter().map(|i| Lit::Str(i.to_string())).collect()));
    let is_nil = |name: &str| Expr::IsNil(Box::new(attr(name)));
    rows.push((
        "ash-f 7",
        ticket_filter(Expr::op(Op::In, attr("subject"), list(&["Issue 1", "Issue 3"]))),
        include_str!("testdata/ash-f-07.txt"),
    ));
    rows.push((
        "ash-f 10",
        ticket_filter(is_nil("representative_id")),
        include_str!("testdata/ash-f-10.txt"),
    ));
    rows.push((
        "ash-f 12",
        ticket_filter(eq(attr("representative_id"), Expr::Lit(Lit::Nil))),
        include_str!("testdata/ash-f-12.txt"),
    ));
    rows.push((
        "ash-f 15",
        ticket_filter(Expr::Not(Box::new(is_nil("reporter_id")))),
        include_str!("testdata/ash-f-15.txt"),
    ));
    rows.push((
        "ash-f 19",
        ticket_filter(eq(attr("subject"), str_lit("Issue 2"))),
        include_str!("testdata/ash-f-19.txt"),
    ));
    let mut q = query(user_resource());
    q.filter = Some(Expr::op(
        Op::GtEq,
        Expr::Aggregate("closed_assigned_tickets".into()),
        Expr::Lit(Lit::Int(2)),
    ));
    q.aggregates = vec!["closed_assigned_tickets".into()];
    rows.push((
        "ash-f 29",
        Value::Query(Rc::new(q)),
        include_str!("testdata/ash-f-29.txt"),
    ));
    rows.push((
        "ash-f 31",
        ticket_filter(eq(attr("representative.name"), str_lit("Alice"))),
        include_str!("testdata/ash-f-31.txt"),
    ));
    rows.push((
        "ash-f 36",
        ticket_filter(Expr::op(
            Op::And,
            eq(attr("status"), atom_lit("open")),
            Expr::op(
                Op::Or,
                eq(attr("subject"), str_lit("Issue 1")),
                eq(attr("subject"), str_lit("Issue 2")),
            ),
        )),
        include_str!("testdata/ash-f-36.txt"),
    ));
    let mut q = query(ticket_resource());
    q.errors = vec![error_struct(
        "Ash.Error.Unknown.UnknownError",
        vec![
            ("error", s("filter: Invalid reference bogus")),
            ("field", Value::Nil),
        ],
        "filter",
        "unknown",
    )];
    rows.push((
        "ash-f 43",
        Value::Query(Rc::new(q)),
        include_str!("testdata/ash-f-43.txt"),
    ));

    // ash-g, ash-c: sorts, limits, query errors.
    let mut q = query(ticket_resource());
    q.sort = vec![
        (attr("status"), SortOrder::Asc),
        (attr("subject"), SortOrder::Desc),
    ];
    rows.push((
        "ash-g 6",
        Value::Query(Rc::new(q)),
        include_str!("testdata/ash-g-06.txt"),
    ));
    let mut q = query(ticket_resource());
    q.sort = vec![(attr("subject"), SortOrder::Asc)];
    q.limit = Some(2);
    q.offset = Some(1);
    rows.push((
        "ash-g 9",
        Value::Query(Rc::new(q)),
        include_str!("testdata/ash-g-09.txt"),
    ));
    let mut q = query(ticket_resource());
    q.errors = vec![error_struct(
        "Ash.Error.Query.InvalidLimit",
        vec![("limit", s("2"))],
        "offset",
        "invalid",
    )];
    rows.push((
        "ash-g 19",
        Value::Query(Rc::new(q)),
        include_str!("testdata/ash-g-19.txt"),
    ));
    let mut q = query(ticket_resource());
    q.errors = vec![error_struct(
        "Ash.Error.Unknown.UnknownError",
        vec![
            ("error", s("action: No such action bogus")),
            ("field", Value::Nil),
        ],
        "action",
        "unknown",
    )];
    rows.push((
        "ash-c 3",
        Value::Query(Rc::new(q)),
        include_str!("testdata/ash-c-03.txt"),
    ));

    // ash-i: ad-hoc aggregate and calculation.
    let mut q = query(user_resource());
    q.extra_aggregates = vec![(
        "n".into(),
        AggregateSpec {
            kind: AggregateKind::Count,
            relationship: "assigned_tickets".into(),
            filter: None,
            field: None,
            sort: vec![],
        },
    )];
    q.extra_calculations = vec![(
        "greeting".into(),
        CalcSpec {
            expr: Expr::op(Op::Concat, str_lit("Hi "), attr("name")),
            ty: crate::model::Type::String,
        },
    )];
    rows.push((
        "ash-i 9",
        Value::Query(Rc::new(q)),
        include_str!("testdata/ash-i-09.txt"),
    ));

    // ash-e: an error tuple.
    let not_found = error_struct(
        "Ash.Error.Query.NotFound",
        vec![
            (
                "primary_key",
                map(vec![(a("id"), s("7a3c5f6e-1d2b-4c8a-9e0f-123456789abc"))]),
            ),
            ("resource", Value::Module("Support.Ticket".into())),
        ],
        "",
        "invalid",
    );
    let invalid = error_struct(
        "Ash.Error.Invalid",
        vec![
            ("errors", Value::list(vec![not_found])),
            ("stacktraces?", Value::Bool(true)),
        ],
        "",
        "invalid",
    );
    rows.push((
        "ash-e 3",
        Value::error(invalid),
        include_str!("testdata/ash-e-03.txt"),
    ));

    // ash-l: arithmetic in a filter.
    let mut q = query(user_resource());
    q.filter = Some(Expr::op(
        Op::Gt,
        Expr::op(Op::Div, all_assigned, Expr::Lit(Lit::Int(0))),
        Expr::Lit(Lit::Int(1)),
    ));
    q.aggregates = vec!["all_assigned_tickets".into()];
    rows.push((
        "ash-l 3",
        Value::Query(Rc::new(q)),
        include_str!("testdata/ash-l-03.txt"),
    ));
    rows
}

/// Ids of the first 50 tickets of ash-j iex(24) (sorted by subject); later ones are not printed.
const BULK_IDS: &[&str] = &[
    "a02a9bf8-eca4-411e-8467-30dfc9022093",
    "6e4d9bd2-6b1b-474b-a9d7-8173eef89d59",
    "756823d3-a967-42de-8f7a-5feae332045f",
    "c8564d07-087c-4038-ba61-46d8e3d5c34c",
    "fb79400d-16dd-4d04-bd00-725b5686019e",
    "4415da09-bb78-41cf-8051-0b717660b8c4",
    "aade6ac4-31c6-470c-9f2a-9a17716ef6d6",
    "febacc85-adb8-4d85-a297-db640551cea2",
    "e50c1502-fb36-42b9-b851-63b3c949e1c0",
    "59da3b1b-eedc-4986-a3e2-f34ce5056b40",
    "30147dd6-514d-4c7c-9090-b5db1e9b4490",
    "7297dc4c-bdfc-4d85-a482-8422ea37caf2",
    "4b9a13eb-7f0f-464c-9205-ce7f48aee803",
    "54b2aace-686f-4509-8e31-a260288b8808",
    "ea694d20-432b-436c-9807-ddabad6a8604",
    "2cb4250d-d2df-40a3-beed-f1156506f0b8",
    "515aa4b0-b213-4444-9ab6-018efa698b5a",
    "0d291ff7-cd68-426c-9d52-2a6f00b90cb1",
    "67fe9e0c-f822-4c95-ae31-b836291894e9",
    "35b8aca9-235b-4e89-9434-1524a30a7fcc",
    "61685d4f-a1f7-4feb-b0ba-39485cbfdaf3",
    "30607acb-eaa3-46dc-a938-2864b8d97be1",
    "78e578cc-9cb3-4552-81c8-13be18b648f8",
    "c5baa104-c5ff-4998-bead-e28405c9b5d3",
    "ee2cca2a-14a5-4901-996d-cc6b495ce8d9",
    "14beace8-dba7-4a96-bac8-83217fbe9cc6",
    "ebd911a5-1470-4750-81e8-f10edb52e4eb",
    "5ee83ebf-2c9e-4c31-8d74-67b8ab152e7d",
    "7ac6a96b-f831-4a03-9a7a-af7492018512",
    "0fd6cc9c-7c36-4d71-b0be-a4e706232937",
    "08240409-9fff-45b9-87e2-40709508e094",
    "3b593643-e55b-49d4-abe8-65985712618e",
    "4e4bba4d-41e0-41fc-a725-7f985345a42f",
    "874b3ea1-535a-474a-8722-9a5415557498",
    "a2a894fd-9b2c-4320-8e48-0269d3823da2",
    "a260758d-292f-49f8-ae78-961bf445d6a3",
    "643e113f-3979-46d6-90ff-68d3aa761d9a",
    "856f5c40-b0ce-40b7-be3d-79f3e1afd16a",
    "af8f1aec-b581-4e87-b230-b5722adc434a",
    "53bfbd6d-4529-4349-a7bd-f21aef87e824",
    "693262c7-0e52-473a-8e1e-061ae47fbded",
    "5dd2f476-aad7-4457-8de0-43d921ba6abc",
    "ea636759-a298-42ef-be47-7a82a6481e38",
    "71e7d924-0f24-4415-8601-e069843bc4e7",
    "f18d6396-da70-45d1-9d24-543625836537",
    "2f3b20b4-b186-4926-9e9e-6408a8d88f99",
];

#[test]
fn oracle_transcripts() {
    let options = InspectOptions::default();
    let mut failures = Vec::new();
    for (name, value, expected) in oracle_rows() {
        let actual = inspect(&value, &options);
        if actual != expected.trim_end_matches('\n') {
            failures.push(format!("--- {name}: expected\n{expected}\n--- got\n{actual}\n"));
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
fn elixir_terms() {
    let ints = |range: std::ops::RangeInclusive<i64>| Value::list(range.map(Value::Int).collect());
    let rows: Vec<(Value, &str)> = vec![
        (Value::Nil, "nil"),
        (Value::Bool(true), "true"),
        (a("ok"), ":ok"),
        (a("a b"), r#":"a b""#),
        (Value::Module("Support.Ticket".into()), "Support.Ticket"),
        (Value::Int(-42), "-42"),
        (Value::Float(1.0), "1.0"),
        (Value::Float(1.0e-5), "1.0e-5"),
        (s("Issue \"0\"\n"), r#""Issue \"0\"\n""#),
        (Value::list(vec![]), "[]"),
        (ints(1..=3), "[1, 2, 3]"),
        (ints(104..=105), "'hi'"),
        (
            Value::list(vec![Value::Int(7), Value::Int(8), Value::Int(9)]),
            r"'\a\b\t'",
        ),
        (
            Value::keyword(vec![("a", Value::Int(1)), ("b", Value::Int(2))]),
            "[a: 1, b: 2]",
        ),
        (
            Value::keyword(vec![("nil", Value::Int(1)), ("a b", Value::Int(2))]),
            r#"[nil: 1, "a b": 2]"#,
        ),
        (
            Value::list(vec![Value::tuple(vec![
                Value::Module("Foo".into()),
                Value::Int(1),
            ])]),
            "[{Foo, 1}]",
        ),
        (Value::tuple(vec![]), "{}"),
        (Value::ok(Value::Int(1)), "{:ok, 1}"),
        (map(vec![]), "%{}"),
        (
            map(vec![(a("a"), Value::Int(1)), (a("b"), s("x"))]),
            r#"%{a: 1, b: "x"}"#,
        ),
        (map(vec![(s("k"), Value::Int(1))]), r#"%{"k" => 1}"#),
        (
            map(vec![(a("a"), Value::Int(1)), (s("k"), Value::Int(2))]),
            r#"%{:a => 1, "k" => 2}"#,
        ),
        (map(vec![(Value::Int(1), a("one"))]), "%{1 => :one}"),
        (
            Value::Range {
                first: 1,
                last: 10,
                step: 1,
            },
            "1..10",
        ),
        (
            Value::Range {
                first: 1,
                last: 10,
                step: 2,
            },
            "1..10//2",
        ),
        (
            Value::Range {
                first: 5,
                last: 1,
                step: -1,
            },
            "5..1//-1",
        ),
        (
            Value::Range {
                first: 1,
                last: 0,
                step: 1,
            },
            "1..0//1",
        ),
        (
            Value::NotLoaded(crate::value::NotLoadedKind::Aggregate),
            "#Ash.NotLoaded<:aggregate>",
        ),
        (Value::Opaque("#Stacktrace<>".into()), "#Stacktrace<>"),
        (
            Value::Struct(Rc::new(StructValue {
                module: "Ash.NotLoaded".into(),
                fields: vec![],
            })),
            "%Ash.NotLoaded{}",
        ),
        (
            Value::AshExpr(Rc::new(Expr::op(Op::Concat, attr("name"), str_lit("-")))),
            r#"name <> "-""#,
        ),
        (
            Value::Fun(Rc::new(crate::value::Function::Named {
                module: Some("String".into()),
                name: "upcase".into(),
                arity: 1,
            })),
            "&String.upcase/1",
        ),
        (
            Value::Fun(Rc::new(crate::value::Function::Named {
                module: None,
                name: "length".into(),
                arity: 1,
            })),
            "&:erlang.length/1",
        ),
        // Breaking at 80 columns: flex lists fill lines, nesting by one.
        (
            ints(1..=30),
            "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,\n 23, 24, 25, 26, 27, 28, 29, 30]",
        ),
        // The limit: 50 items, then `...`.
        (
            ints(1..=60),
            "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,\n 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42,\n 43, 44, 45, 46, 47, 48, 49, 50, ...]",
        ),
        // Nested collections get the limit left at their position.
        (
            Value::list(vec![ints(1..=3), ints(1..=3)]),
            "[[1, 2, 3], [1, 2, 3]]",
        ),
        // Keyword lists break one entry per line; tuples nest by one.
        (
            Value::keyword(vec![
                ("subject", s("a fairly long subject line here")),
                ("status", a("open")),
                ("representative_id", s(ALICE)),
            ]),
            "[\n  subject: \"a fairly long subject line here\",\n  status: :open,\n  representative_id: \"fc5d6b26-ccd9-477c-9547-4d7a3522aa06\"\n]",
        ),
        (
            Value::tuple(vec![a("error"), s(&"x".repeat(80))]),
            &*Box::leak(format!("{{:error,\n \"{}\"}}", "x".repeat(80)).into_boxed_str()),
        ),
    ];
    let options = InspectOptions::default();
    for (value, expected) in rows {
        assert_eq!(inspect(&value, &options), expected);
    }
}

#[test]
fn nested_limit_shrinks_inner_lists() {
    // Element k (1-based) of the outer list is printed with limit 50 - k.
    let inner = Value::list((1..=60).map(Value::Int).collect());
    let outer = Value::list(vec![inner; 3]);
    let options = InspectOptions {
        width: INFINITY,
        limit: 3,
    };
    assert_eq!(inspect(&outer, &options), "[[1, 2, ...], [1, ...], [...]]");
}

#[test]
fn one_line_width() {
    let value = Value::list((1..=40).map(Value::Int).collect());
    let text = inspect(&value, &InspectOptions::one_line());
    assert!(!text.contains('\n'));
}

#[test]
fn printing_many_records_is_linear() {
    // 20,000 records with no limit: a quadratic layout would take minutes.
    let records: Vec<Value> = (0..20_000)
        .map(|i| rec(ticket(&format!("id-{i}"), "subject", "open", None)))
        .collect();
    let value = Value::list(records);
    let start = std::time::Instant::now();
    let text = inspect(
        &value,
        &InspectOptions {
            width: 80,
            limit: INFINITY,
        },
    );
    assert_eq!(text.matches("#Support.Ticket<").count(), 20_000);
    assert!(start.elapsed().as_secs() < 20, "took {:?}", start.elapsed());
}

/// Shapes not in the oracle, derived from Ash 2.4's inspect code (query.ex, aggregate.ex).
#[test]
fn derived_ash_shapes() {
    let mut rows: Vec<(Value, &str)> = Vec::new();

    // An ad-hoc aggregate with a filter has a query; one with only `field:` does not.
    let mut q = query(user_resource());
    q.extra_aggregates = vec![
        (
            "open_assigned".into(),
            AggregateSpec {
                kind: AggregateKind::Count,
                relationship: "assigned_tickets".into(),
                filter: Some(Expr::op(Op::NotEq, attr("status"), atom_lit("closed"))),
                field: None,
                sort: vec![],
            },
        ),
        (
            "subjects".into(),
            AggregateSpec {
                kind: AggregateKind::List,
                relationship: "assigned_tickets".into(),
                filter: None,
                field: Some("subject".into()),
                sort: vec![],
            },
        ),
    ];
    rows.push((
        Value::Query(Rc::new(q)),
        "#Ash.Query<
  resource: Support.User,
  aggregates: %{
    open_assigned: #count<
      assigned_tickets from #Ash.Query<resource: Support.Ticket,
       filter: #Ash.Filter<status != :closed>>
    >,
    subjects: #list<assigned_tickets>
  }
>",
    ));

    // `first` with a sort: the query shows the sort (a list, so one part per line), the path
    // shows the field.
    let mut q = query(user_resource());
    q.extra_aggregates = vec![(
        "first_subject".into(),
        AggregateSpec {
            kind: AggregateKind::First,
            relationship: "assigned_tickets".into(),
            filter: None,
            field: Some("subject".into()),
            sort: vec![("subject".into(), SortOrder::Desc)],
        },
    )];
    rows.push((
        Value::Query(Rc::new(q)),
        "#Ash.Query<
  resource: Support.User,
  aggregates: %{
    first_subject: #first<
      assigned_tickets.subject from #Ash.Query<
        resource: Support.Ticket,
        sort: [subject: :desc]
      >
    >
  }
>",
    ));

    // Nested loads print the related query; aggregate loads go to `aggregates`.
    let mut q = query(user_resource());
    q.load = vec![
        LoadItem::Relationship {
            name: "assigned_tickets".into(),
            nested: vec![LoadItem::Relationship {
                name: "reporter".into(),
                nested: vec![],
            }],
        },
        LoadItem::Aggregate("all_assigned_tickets".into()),
    ];
    rows.push((
        Value::Query(Rc::new(q)),
        "#Ash.Query<
  resource: Support.User,
  load: [
    assigned_tickets: #Ash.Query<resource: Support.Ticket, load: [reporter: []]>
  ],
  aggregates: %{
    all_assigned_tickets: #count<
      assigned_tickets from #Ash.Query<resource: Support.Ticket>
    >
  }
>",
    ));

    // A destroyed record, and ad-hoc values in the record's maps.
    let mut record = ticket(ALICE, "x", "open", None);
    record.meta = MetaState::Deleted;
    record.extra_aggregates = MapValue::from_entries(vec![(a("open_assigned"), Value::Int(2))]);
    rows.push((
        rec(record),
        "#Support.Ticket<
  representative: #Ash.NotLoaded<:relationship>,
  reporter: #Ash.NotLoaded<:relationship>,
  __meta__: #Ecto.Schema.Metadata<:deleted, \"tickets\">,
  id: \"fc5d6b26-ccd9-477c-9547-4d7a3522aa06\",
  subject: \"x\",
  status: :open,
  reporter_id: nil,
  representative_id: nil,
  aggregates: %{open_assigned: 2},
  calculations: %{},
  __order__: nil,
  ...
>",
    ));

    // A flex list inside a strict one: its lines continue under its first element.
    rows.push((
        Value::list(vec![
            Value::list((1..=48).map(Value::Int).collect()),
            rec(ticket(ALICE, "x", "open", None)),
        ]),
        "[
  [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
   22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40,
   41, 42, 43, 44, 45, 46, 47, 48],
  #Support.Ticket<
    representative: #Ash.NotLoaded<:relationship>,
    reporter: #Ash.NotLoaded<:relationship>,
    __meta__: #Ecto.Schema.Metadata<:loaded, \"tickets\">,
    id: \"fc5d6b26-ccd9-477c-9547-4d7a3522aa06\",
    subject: \"x\",
    status: :open,
    reporter_id: nil,
    representative_id: nil,
    aggregates: %{},
    calculations: %{},
    __order__: nil,
    ...
  >
]",
    ));

    // `select`, and an `in` longer than ten values.
    let mut q = query(ticket_resource());
    q.select = Some(vec!["subject".into(), "id".into()]);
    q.filter = Some(Expr::op(
        Op::In,
        attr("n"),
        Expr::Lit(Lit::List((1..=11).map(Lit::Int).collect())),
    ));
    rows.push((
        Value::Query(Rc::new(q)),
        "#Ash.Query<
  resource: Support.Ticket,
  filter: #Ash.Filter<n in [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]...>,
  select: [:subject, :id]
>",
    ));

    let options = InspectOptions::default();
    for (value, expected) in rows {
        assert_eq!(inspect(&value, &options), expected);
    }
}

/// The struct-valued scalars in the three output formats: iex's inspect (Elixir 1.14 with
/// Decimal 2.0), Jason's JSON, and the plain text of a table cell.
#[test]
fn scalars_in_every_format() {
    use crate::scalar::calendar::{Calendar, Kind};
    use crate::scalar::{Decimal, Scalar};
    let cal = |kind, text| Value::scalar(Scalar::Cal(Calendar::from_iso8601(kind, text).expect(text)));
    let dec = |text| Value::scalar(Scalar::Decimal(Decimal::parse(text).expect(text)));
    let rows: Vec<(Value, &str, &str)> = vec![
        (
            cal(Kind::Utc, "2024-01-02T03:04:05Z"),
            "~U[2024-01-02 03:04:05Z]",
            "\"2024-01-02T03:04:05Z\"",
        ),
        (
            cal(Kind::Utc, "2024-01-02T03:04:05.123456Z"),
            "~U[2024-01-02 03:04:05.123456Z]",
            "\"2024-01-02T03:04:05.123456Z\"",
        ),
        (
            cal(Kind::Naive, "2024-01-02 03:04:05"),
            "~N[2024-01-02 03:04:05]",
            "\"2024-01-02T03:04:05\"",
        ),
        (cal(Kind::Date, "2024-01-02"), "~D[2024-01-02]", "\"2024-01-02\""),
        (cal(Kind::Time, "03:04:05"), "~T[03:04:05]", "\"03:04:05\""),
        (dec("9.50"), "#Decimal<9.50>", "\"9.50\""),
        (dec("-0.0000001"), "#Decimal<-1E-7>", "\"-1E-7\""),
        (
            Value::scalar(Scalar::CiString("Ann \"A\"".into())),
            "#Ash.CiString<\"Ann \\\"A\\\"\">",
            "\"Ann \\\"A\\\"\"",
        ),
    ];
    let options = InspectOptions::default();
    for (value, iex, json) in rows {
        assert_eq!(inspect(&value, &options), iex);
        assert_eq!(crate::render::json::render(&value), json);
        let map = Value::Map(Rc::new(crate::value::MapValue::from_entries([(
            a("v"),
            value.clone(),
        )])));
        let table = crate::render::table::render(&map, None);
        let plain: String = serde_json::from_str(json).expect(json);
        assert!(table.contains(&format!(" {plain}\n")), "{table}");
    }
}
