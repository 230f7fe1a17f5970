//! Tests of the whole `Database` on both backends: every test body runs on a fresh SQLite file
//! and on a fresh PostgreSQL database (skipped, with a notice, only when `HELPDESK_SKIP_PG=1`;
//! an unreachable server fails the test).

use super::testing::TempDatabase;
use super::*;
use crate::model::Type;
use crate::project::testing::{ticket_resource, user_resource};
use crate::query::{AggregateKind, AggregateSpec, CalcSpec, Column, Expr, Lit, Op, SortOrder};

/// The plan with the model's aggregates and calculations it mentions declared, as the Ash
/// layer declares them for every read (the database never parses model expressions).
fn declared(plan: &ReadPlan) -> ReadPlan {
    let mut plan = plan.clone();
    crate::eval::ash::register_references(&mut plan).expect("model definitions resolve");
    plan
}

fn each_backend(test: &str, body: impl Fn(&mut Database)) {
    let (url, _guard) = TempDatabase::sqlite().unwrap();
    let mut db = Database::connect(&url).unwrap();
    db.migrate().unwrap();
    body(&mut db);
    drop(db);
    let postgres = TempDatabase::postgres_or_skip().unwrap_or_else(|e| panic!("{test}: {e}"));
    if let Some((url, _guard)) = postgres {
        let mut db = Database::connect(&url).unwrap();
        db.migrate().unwrap();
        body(&mut db);
    }
}

use crate::query::build::{atom, attr, int, string as str_};
fn nil() -> Expr {
    Expr::Lit(Lit::Nil)
}
fn op(o: Op, a: Expr, b: Expr) -> Expr {
    Expr::op(o, a, b)
}
fn b(e: Expr) -> Box<Expr> {
    Box::new(e)
}

struct Seeded {
    alice: uuid::Uuid,
    bob: uuid::Uuid,
    carol: uuid::Uuid,
}

fn text(v: &str) -> DbValue {
    DbValue::Text(v.into())
}

fn id_of(row: &[DbValue]) -> uuid::Uuid {
    match &row[0] {
        DbValue::Uuid(id) => *id,
        other => panic!("not a uuid: {other:?}"),
    }
}

/// Alice represents Issue 0,1,2 and Bob Issue 3,4,5 (even issues closed); Carol reports them
/// all and represents none; a user without a name; plus tickets with awkward subjects.
fn seed(db: &mut Database) -> Seeded {
    let user =
        |db: &mut Database, name: DbValue| id_of(&db.insert(user_resource(), &[("name", name)]).unwrap());
    let alice = user(db, text("Alice"));
    let bob = user(db, text("Bob"));
    let carol = user(db, text("Carol"));
    user(db, DbValue::Null);
    for i in 0..6 {
        let rep = if i < 3 { alice } else { bob };
        let status = if i % 2 == 0 { "closed" } else { "open" };
        db.insert(
            ticket_resource(),
            &[
                ("subject", text(&format!("Issue {i}"))),
                ("status", text(status)),
                ("reporter_id", DbValue::Uuid(carol)),
                ("representative_id", DbValue::Uuid(rep)),
            ],
        )
        .unwrap();
    }
    for subject in ["100% done", "a_b", "'; DROP TABLE tickets; --", "ISSUE upper"] {
        db.insert(
            ticket_resource(),
            &[("subject", text(subject)), ("status", text("closed"))],
        )
        .unwrap();
    }
    Seeded { alice, bob, carol }
}

fn subjects(db: &mut Database, filter: Expr) -> Result<Vec<String>, DbError> {
    let mut plan = ReadPlan::new(ticket_resource());
    plan.filter = Some(filter);
    plan.sort = vec![(attr("subject"), SortOrder::Asc)];
    let rows = db.read(&declared(&plan))?;
    Ok(rows
        .into_iter()
        .map(|r| match &r.attributes[1] {
            DbValue::Text(s) => s.clone(),
            other => format!("{other:?}"),
        })
        .collect())
}

#[test]
fn migrations_apply_report_and_roll_back() {
    each_backend("migrations_apply_report_and_roll_back", |db| {
        let names = [
            "2025-11-25-000001_create_users",
            "2025-11-25-000002_create_tickets",
        ];
        let status = db.status().unwrap();
        assert_eq!(status.applied, names);
        assert!(status.pending.is_empty());
        assert_eq!(db.rollback().unwrap(), names[1]);
        assert_eq!(db.status().unwrap().pending, [names[1]]);
        assert_eq!(db.migrate().unwrap(), [names[1]]);
        assert!(db.migrate().unwrap().is_empty());
    });
}

#[test]
fn writes_return_rows_and_defaults() {
    each_backend("writes_return_rows_and_defaults", |db| {
        let row = db
            .insert(ticket_resource(), &[("subject", text("Printer"))])
            .unwrap();
        let id = id_of(&row);
        assert_eq!(id.get_version_num(), 4);
        let key = [("id", DbValue::Uuid(id))];
        assert_eq!(
            row[1..],
            [text("Printer"), text("open"), DbValue::Null, DbValue::Null]
        );
        let row = db
            .update(ticket_resource(), &key, &[("status", text("closed"))])
            .unwrap()
            .unwrap();
        assert_eq!(row[2], text("closed"));
        assert_eq!(
            db.update(ticket_resource(), &key, &[]).unwrap().unwrap()[2],
            text("closed")
        );
        assert_eq!(
            db.update(
                ticket_resource(),
                &[("id", DbValue::Uuid(uuid::Uuid::new_v4()))],
                &[]
            )
            .unwrap(),
            None
        );
        assert!(db.delete(ticket_resource(), &key).unwrap());
        assert!(!db.delete(ticket_resource(), &key).unwrap());
        let bad = db.insert(
            ticket_resource(),
            &[("subject", text("x")), ("reporter_id", text("nope"))],
        );
        assert_eq!(bad, Err(DbError::InvalidUuid { value: "nope".into() }));
    });
}

#[test]
fn foreign_key_errors_name_the_constraint() {
    each_backend("foreign_key_errors_name_the_constraint", |db| {
        let s = seed(db);
        let ghost = DbValue::Uuid(uuid::Uuid::new_v4());
        let fk = |c: &str| Err(DbError::ForeignKey { constraint: c.into() });
        let rows: Vec<(Vec<(&str, DbValue)>, &str)> = vec![
            (vec![("reporter_id", ghost.clone())], "tickets_reporter_id_fkey"),
            (
                vec![("representative_id", ghost.clone())],
                "tickets_representative_id_fkey",
            ),
            (
                vec![
                    ("reporter_id", DbValue::Uuid(s.alice)),
                    ("representative_id", ghost.clone()),
                ],
                "tickets_representative_id_fkey",
            ),
        ];
        for (values, constraint) in rows {
            let mut all = vec![("subject", text("x"))];
            all.extend(values);
            assert_eq!(db.insert(ticket_resource(), &all).map(|_| ()), fk(constraint));
        }
        assert_eq!(
            db.delete(user_resource(), &[("id", DbValue::Uuid(s.bob))])
                .map(|_| ()),
            fk("tickets_representative_id_fkey")
        );
        assert_eq!(
            db.delete(user_resource(), &[("id", DbValue::Uuid(s.carol))])
                .map(|_| ()),
            fk("tickets_reporter_id_fkey")
        );
    });
}

#[test]
fn filters_cover_every_operator_with_sql_semantics() {
    each_backend("filters_cover_every_operator_with_sql_semantics", |db| {
        seed(db);
        let issues = |ns: &[i32]| ns.iter().map(|n| format!("Issue {n}")).collect::<Vec<_>>();
        let odd = issues(&[1, 3, 5]);
        let all: Vec<String> = {
            let mut v = vec![
                "'; DROP TABLE tickets; --".to_string(),
                "100% done".into(),
                "ISSUE upper".into(),
            ];
            v.extend(issues(&[0, 1, 2, 3, 4, 5]));
            v.push("a_b".into());
            v
        };
        let status_open = op(Op::Eq, attr("status"), atom("open"));
        let has_rep = Expr::Not(b(Expr::IsNil(b(attr("representative_id")))));
        let rows: Vec<(Expr, Vec<String>)> = vec![
            (status_open.clone(), odd.clone()),
            (op(Op::Eq, attr("status"), str_("open")), odd.clone()),
            (
                op(
                    Op::And,
                    has_rep.clone(),
                    op(Op::NotEq, attr("status"), atom("open")),
                ),
                issues(&[0, 2, 4]),
            ),
            (op(Op::Lt, attr("subject"), str_("Issue 2")), {
                let mut v = all[..3].to_vec();
                v.extend(issues(&[0, 1]));
                v
            }),
            (
                op(Op::LtEq, attr("subject"), str_("100% done")),
                all[..2].to_vec(),
            ),
            (
                op(Op::Gt, attr("subject"), str_("Issue 4")),
                vec!["Issue 5".into(), "a_b".into()],
            ),
            (op(Op::GtEq, attr("subject"), str_("a_b")), vec!["a_b".into()]),
            (
                op(
                    Op::In,
                    attr("subject"),
                    Expr::Lit(Lit::List(vec![
                        Lit::Str("Issue 1".into()),
                        Lit::Str("Issue 4".into()),
                    ])),
                ),
                issues(&[1, 4]),
            ),
            (op(Op::In, attr("subject"), Expr::Lit(Lit::List(vec![]))), vec![]),
            (
                op(Op::Eq, op(Op::Add, int(1), op(Op::Mul, int(2), int(3))), int(7)),
                all.clone(),
            ),
            (op(Op::Eq, op(Op::Sub, int(1), int(3)), int(-2)), all.clone()),
            (
                op(Op::Eq, op(Op::Div, int(1), int(2)), Expr::Lit(Lit::Float(0.5))),
                all.clone(),
            ),
            (
                op(
                    Op::Eq,
                    op(Op::Concat, attr("subject"), str_("!")),
                    str_("Issue 1!"),
                ),
                issues(&[1]),
            ),
            (
                op(
                    Op::Or,
                    op(Op::Eq, attr("subject"), str_("a_b")),
                    status_open.clone(),
                ),
                {
                    let mut v = odd.clone();
                    v.push("a_b".into());
                    v
                },
            ),
            (op(Op::AndAnd, has_rep.clone(), status_open.clone()), odd.clone()),
            (op(Op::OrOr, nil(), status_open.clone()), odd.clone()),
            (
                op(
                    Op::Eq,
                    op(Op::OrOr, attr("representative_id"), attr("reporter_id")),
                    attr("reporter_id"),
                ),
                vec![],
            ),
            (Expr::Not(b(status_open.clone())), {
                let mut v = all[..3].to_vec();
                v.extend(issues(&[0, 2, 4]));
                v.push("a_b".into());
                v
            }),
            (Expr::IsNil(b(attr("reporter_id"))), {
                let mut v = all[..3].to_vec();
                v.push("a_b".into());
                v
            }),
            // Three-valued logic: comparisons with nil match nothing, even negated.
            (op(Op::Eq, attr("representative_id"), nil()), vec![]),
            (op(Op::NotEq, attr("representative_id"), nil()), vec![]),
            (Expr::Not(b(op(Op::Eq, attr("representative_id"), nil()))), vec![]),
            // contains: case-sensitive, `%` and `_` are data.
            (Expr::Contains(b(attr("subject")), b(str_("issue"))), vec![]),
            (
                Expr::Contains(b(attr("subject")), b(str_("ISSUE"))),
                vec!["ISSUE upper".into()],
            ),
            (
                Expr::Contains(b(attr("subject")), b(str_("%"))),
                vec!["100% done".into()],
            ),
            (
                Expr::Contains(b(attr("subject")), b(str_("_"))),
                vec!["a_b".into()],
            ),
            (Expr::Contains(b(attr("subject")), b(nil())), vec![]),
            // Injection text is data.
            (
                op(Op::Eq, attr("subject"), str_("'; DROP TABLE tickets; --")),
                vec!["'; DROP TABLE tickets; --".into()],
            ),
            (op(Op::Eq, attr("subject"), str_("x' OR '1'='1")), vec![]),
            (
                Expr::If(
                    b(status_open.clone()),
                    b(op(Op::Eq, attr("subject"), str_("Issue 1"))),
                    b(Expr::Lit(Lit::Bool(false))),
                ),
                issues(&[1]),
            ),
            (
                Expr::If(b(has_rep.clone()), b(status_open.clone()), b(nil())),
                odd.clone(),
            ),
        ];
        for (filter, expected) in rows {
            let got = subjects(db, filter.clone());
            assert_eq!(got, Ok(expected), "{:?}: {filter:?}", db.backend());
        }
        // The tickets table survived the injection text.
        assert_eq!(subjects(db, status_open).unwrap().len(), 3);
    });
}

#[test]
fn uuid_literals_bind_as_uuids() {
    each_backend("uuid_literals_bind_as_uuids", |db| {
        let s = seed(db);
        let mut plan = ReadPlan::new(user_resource());
        plan.filter = Some(op(Op::Eq, attr("id"), str_(&s.bob.to_string())));
        let rows = db.read(&declared(&plan)).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].attributes, [DbValue::Uuid(s.bob), text("Bob")]);
        plan.filter = Some(op(Op::Eq, attr("id"), str_("nope")));
        assert_eq!(
            db.read(&declared(&plan)),
            Err(DbError::InvalidUuid { value: "nope".into() })
        );
        let tickets = subjects(
            db,
            op(Op::Eq, attr("representative_id"), str_(&s.alice.to_string())),
        );
        assert_eq!(tickets.unwrap().len(), 3);
    });
}

fn user_names(rows: &[Row]) -> Vec<Option<String>> {
    rows.iter()
        .map(|r| match &r.attributes[1] {
            DbValue::Text(s) => Some(s.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_seed_aggregate_query_is_one_statement() {
    each_backend("the_seed_aggregate_query_is_one_statement", |db| {
        let s = seed(db);
        let mut plan = ReadPlan::new(user_resource());
        plan.filter = Some(op(
            Op::And,
            op(Op::Gt, Expr::Aggregate("all_assigned_tickets".into()), int(0)),
            op(
                Op::Gt,
                Expr::Calc("assigned_open_percent".into()),
                Expr::Lit(Lit::Float(0.25)),
            ),
        ));
        plan.sort = vec![(Expr::Calc("assigned_open_percent".into()), SortOrder::Asc)];
        plan.columns = vec![
            Column {
                name: "assigned_open_percent".into(),
                expr: Expr::Calc("assigned_open_percent".into()),
                ty: Type::Float,
            },
            Column {
                name: "active_assigned_tickets".into(),
                expr: Expr::Aggregate("active_assigned_tickets".into()),
                ty: Type::Integer,
            },
        ];
        let before = db.statements_executed();
        let rows = db.read(&declared(&plan)).unwrap();
        assert_eq!(db.statements_executed() - before, 1);
        let got: Vec<_> = rows
            .iter()
            .map(|r| (id_of(&r.attributes), r.columns.clone()))
            .collect();
        assert_eq!(
            got,
            [
                (s.alice, vec![DbValue::Float(1.0 / 3.0), DbValue::Int(1)]),
                (s.bob, vec![DbValue::Float(2.0 / 3.0), DbValue::Int(2)]),
            ]
        );
    });
}

#[test]
fn division_by_zero_is_an_error_on_both() {
    each_backend("division_by_zero_is_an_error_on_both", |db| {
        seed(db);
        let mut plan = ReadPlan::new(user_resource());
        plan.columns = vec![Column {
            name: "assigned_open_percent".into(),
            expr: Expr::Calc("assigned_open_percent".into()),
            ty: Type::Float,
        }];
        assert_eq!(db.read(&declared(&plan)), Err(DbError::DivisionByZero));
        let mut plan = ReadPlan::new(ticket_resource());
        plan.filter = Some(op(Op::Gt, op(Op::Div, int(1), int(0)), int(0)));
        assert_eq!(db.read(&declared(&plan)), Err(DbError::DivisionByZero));
        // The connection is still usable.
        assert_eq!(
            subjects(db, op(Op::Eq, attr("subject"), str_("a_b"))).unwrap(),
            ["a_b"]
        );
    });
}

#[test]
fn aggregates_and_calculations_of_every_kind() {
    each_backend("aggregates_and_calculations_of_every_kind", |db| {
        let s = seed(db);
        let spec = |kind, field: Option<&str>, sort: Vec<(String, SortOrder)>| AggregateSpec {
            kind,
            relationship: "assigned_tickets".into(),
            filter: None,
            field: field.map(str::to_string),
            sort,
        };
        let mut plan = ReadPlan::new(user_resource());
        plan.filter = Some(op(Op::Eq, attr("name"), str_("Alice")));
        plan.aggregates = vec![
            (
                "open_assigned".into(),
                AggregateSpec {
                    filter: Some(op(Op::NotEq, attr("status"), atom("closed"))),
                    ..spec(AggregateKind::Count, None, vec![])
                },
            ),
            ("top".into(), spec(AggregateKind::Max, Some("subject"), vec![])),
            ("bottom".into(), spec(AggregateKind::Min, Some("subject"), vec![])),
            (
                "latest".into(),
                spec(
                    AggregateKind::First,
                    Some("subject"),
                    vec![("subject".into(), SortOrder::Desc)],
                ),
            ),
        ];
        plan.calculations = vec![(
            "shout".into(),
            CalcSpec {
                expr: op(Op::Concat, attr("name"), str_("!")),
                ty: Type::String,
            },
        )];
        let column = |name: &str, expr: Expr, ty| Column {
            name: name.into(),
            expr,
            ty,
        };
        plan.columns = vec![
            column(
                "open_assigned",
                Expr::Aggregate("open_assigned".into()),
                Type::Integer,
            ),
            column("top", Expr::Aggregate("top".into()), Type::String),
            column("bottom", Expr::Aggregate("bottom".into()), Type::String),
            column("latest", Expr::Aggregate("latest".into()), Type::String),
            column("shout", Expr::Calc("shout".into()), Type::String),
            column("username", Expr::Calc("username".into()), Type::String),
            column(
                "reported",
                Expr::Aggregate("all_reported_tickets".into()),
                Type::Integer,
            ),
        ];
        let rows = db.read(&declared(&plan)).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(
            rows[0].columns,
            [
                DbValue::Int(1),
                text("Issue 2"),
                text("Issue 0"),
                text("Issue 2"),
                text("Alice!"),
                text(&format!("Alice-{}", s.alice)),
                DbValue::Int(0),
            ]
        );
        // Without a filter the same aggregates run grouped (one pass per relationship).
        plan.filter = None;
        let all = db.read(&declared(&plan)).unwrap();
        let alice = all.iter().find(|r| id_of(&r.attributes) == s.alice).unwrap();
        assert_eq!(alice.columns, rows[0].columns);
        let carol = all.iter().find(|r| id_of(&r.attributes) == s.carol).unwrap();
        assert_eq!(
            carol.columns[..4],
            [DbValue::Int(0), DbValue::Null, DbValue::Null, DbValue::Null]
        );
        assert_eq!(carol.columns[6], DbValue::Int(6));
        // username of a user without a name is nil, as `<>` with nil is.
        plan.filter = Some(Expr::IsNil(b(attr("name"))));
        assert_eq!(db.read(&declared(&plan)).unwrap()[0].columns[5], DbValue::Null);
        // A list is a JSON array of the field's values in the aggregate's order; none is NULL.
        plan.aggregates = vec![(
            "l".into(),
            spec(
                AggregateKind::List,
                Some("subject"),
                vec![("subject".into(), SortOrder::Desc)],
            ),
        )];
        plan.columns = vec![column("l", Expr::Aggregate("l".into()), Type::String)];
        for (who, want) in [
            ("Alice", Some(vec!["Issue 2", "Issue 1", "Issue 0"])),
            ("Carol", None),
        ] {
            plan.filter = Some(op(Op::Eq, attr("name"), str_(who)));
            let rows = db.read(&declared(&plan)).unwrap();
            let got = match &rows[0].columns[0] {
                DbValue::Text(json) => Some(serde_json::from_str::<Vec<String>>(json).unwrap()),
                DbValue::Null => None,
                other => panic!("a list aggregate gave {other:?}"),
            };
            assert_eq!(
                got,
                want.map(|w| w.iter().map(|s| s.to_string()).collect()),
                "{who}"
            );
        }
        // Unsupported kinds and bad fields say so.
        plan.aggregates = vec![("l".into(), spec(AggregateKind::List, None, vec![]))];
        assert!(matches!(db.read(&declared(&plan)), Err(DbError::Other(m)) if m.contains("needs a field")));
        plan.aggregates = vec![("l".into(), spec(AggregateKind::Sum, Some("subject"), vec![]))];
        assert!(matches!(db.read(&declared(&plan)), Err(DbError::Other(m)) if m.contains("numeric")));
    });
}

#[test]
fn sorting_and_nils_are_identical_on_both() {
    each_backend("sorting_and_nils_are_identical_on_both", |db| {
        seed(db);
        for name in ["alice", "bob", "_x"] {
            db.insert(user_resource(), &[("name", text(name))]).unwrap();
        }
        let some = |v: &[&str]| v.iter().map(|s| Some(s.to_string())).collect::<Vec<_>>();
        let asc = some(&["Alice", "Bob", "Carol", "_x", "alice", "bob"]);
        let with_nil_last = |v: &[Option<String>]| {
            let mut v = v.to_vec();
            v.push(None);
            v
        };
        let with_nil_first = |v: &[Option<String>]| {
            let mut out = vec![None];
            out.extend_from_slice(v);
            out
        };
        let desc: Vec<_> = asc.iter().rev().cloned().collect();
        let rows = [
            (SortOrder::Asc, with_nil_last(&asc)),
            (SortOrder::AscNilsLast, with_nil_last(&asc)),
            (SortOrder::AscNilsFirst, with_nil_first(&asc)),
            (SortOrder::Desc, with_nil_first(&desc)),
            (SortOrder::DescNilsFirst, with_nil_first(&desc)),
            (SortOrder::DescNilsLast, with_nil_last(&desc)),
        ];
        for (order, expected) in rows {
            let mut plan = ReadPlan::new(user_resource());
            plan.sort = vec![(attr("name"), order)];
            assert_eq!(
                user_names(&db.read(&declared(&plan)).unwrap()),
                expected,
                "{order:?}"
            );
        }
        let mut plan = ReadPlan::new(user_resource());
        plan.sort = vec![(attr("name"), SortOrder::Asc)];
        plan.limit = Some(2);
        plan.offset = Some(1);
        assert_eq!(
            user_names(&db.read(&declared(&plan)).unwrap()),
            some(&["Bob", "Carol"])
        );
        plan.limit = Some(-1);
        assert!(db.read(&declared(&plan)).unwrap().is_empty());
        plan.limit = None;
        plan.offset = Some(5);
        assert_eq!(
            user_names(&db.read(&declared(&plan)).unwrap()),
            with_nil_last(&some(&["bob"]))
        );
    });
}

#[test]
fn transactions_commit_roll_back_and_nest() {
    each_backend("transactions_commit_roll_back_and_nest", |db| {
        let count = |db: &mut Database| db.read(&ReadPlan::new(user_resource())).unwrap().len();
        let r: Result<(), DbError> = db.transaction(|db| {
            db.insert(user_resource(), &[("name", text("kept"))])?;
            let inner: Result<(), DbError> = db.transaction(|db| {
                db.insert(user_resource(), &[("name", text("dropped"))])?;
                Err(DbError::Other("no".into()))
            });
            assert!(inner.is_err());
            Ok(())
        });
        assert_eq!(r, Ok(()));
        assert_eq!(count(db), 1);
        let r: Result<(), DbError> = db.transaction(|db| {
            db.insert(user_resource(), &[("name", text("gone"))])?;
            Err(DbError::Other("rollback".into()))
        });
        assert!(r.is_err());
        assert_eq!(count(db), 1);
    });
}

#[test]
fn a_single_statement_has_no_begin_and_is_a_savepoint_inside_a_transaction() {
    each_backend("a_single_statement_has_no_begin", |db| {
        let names = |db: &mut Database| {
            let mut names = user_names(&db.read(&ReadPlan::new(user_resource())).unwrap());
            names.sort();
            names
        };
        let before = db.statements_executed();
        let r: Result<_, DbError> =
            db.single_statement(|db| db.insert(user_resource(), &[("name", text("one"))]));
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(db.statements_executed() - before, 1, "no BEGIN, no COMMIT");

        // A second statement is refused, not sent.
        let before = db.statements_executed();
        let r: Result<(), DbError> = db.single_statement(|db| {
            db.insert(user_resource(), &[("name", text("first"))])?;
            db.insert(user_resource(), &[("name", text("second"))])?;
            Ok(())
        });
        assert!(
            matches!(&r, Err(DbError::Other(m)) if m.contains("second one")),
            "{r:?}"
        );
        assert_eq!(db.statements_executed() - before, 1);
        assert_eq!(
            names(db),
            vec![Some("first".to_string()), Some("one".to_string())]
        );

        // Inside a transaction it is a savepoint: its failure does not spoil the transaction
        // (on PostgreSQL a failed statement would abort it).
        let r: Result<(), DbError> = db.transaction(|db| {
            db.insert(user_resource(), &[("name", text("kept"))])?;
            let inner: Result<_, DbError> = db.single_statement(|db| {
                db.insert(
                    ticket_resource(),
                    &[
                        ("subject", text("x")),
                        ("representative_id", DbValue::Uuid(uuid::Uuid::new_v4())),
                    ],
                )
            });
            assert!(matches!(inner, Err(DbError::ForeignKey { .. })), "{inner:?}");
            db.insert(user_resource(), &[("name", text("after"))])?;
            Ok(())
        });
        assert_eq!(r, Ok(()));
        assert_eq!(names(db).len(), 4);
    });
}

#[test]
fn connect_errors_hide_passwords_and_say_what_to_do() {
    let e = Database::connect("postgres://u:secret@127.0.0.1:1/db")
        .err()
        .unwrap();
    let text = e.to_string();
    assert!(text.contains("postgres://u:***@127.0.0.1:1/db"), "{text}");
    assert!(!text.contains("secret"), "{text}");
    assert!(text.contains("running"), "{text}");
    let e = Database::connect("/nonexistent/dir/x.db").err().unwrap();
    assert!(e.to_string().contains("directory exists"), "{e}");
    assert_eq!(Backend::of_url("postgresql://h/d"), Backend::Postgres);
    assert_eq!(Backend::of_url(":memory:"), Backend::Sqlite);
    let mut db = Database::connect(":memory:").unwrap();
    db.migrate().unwrap();
    assert_eq!(db.backend(), Backend::Sqlite);
}

#[test]
fn echo_counts_and_never_panics() {
    let mut db = Database::connect(":memory:").unwrap();
    db.migrate().unwrap();
    db.set_echo_sql(true);
    let before = db.statements_executed();
    db.insert(user_resource(), &[("name", text("Echo"))]).unwrap();
    db.read(&ReadPlan::new(user_resource())).unwrap();
    db.set_echo_sql(false);
    assert_eq!(db.statements_executed() - before, 2);
}

/// `helpdesk db seed`: the promised shapes, on both backends.
#[test]
fn seed_generates_realistic_shapes() {
    each_backend("seed_generates_realistic_shapes", |db| {
        let seeded = db.seed(20, 300).unwrap();
        assert_eq!((seeded.users, seeded.tickets), (20, 300));
        let users = db.read(&ReadPlan::new(user_resource())).unwrap();
        let tickets = db.read(&ReadPlan::new(ticket_resource())).unwrap();
        assert_eq!((users.len(), tickets.len()), (20, 300));
        let nameless = users.iter().filter(|u| u.attributes[1] == DbValue::Null).count();
        assert_eq!(nameless, 2, "every tenth user has no name");
        let status = |s: &str| tickets.iter().filter(|t| t.attributes[2] == text(s)).count();
        assert_eq!((status("open"), status("closed")), (200, 100));
        let unset = |i: usize| {
            tickets
                .iter()
                .filter(|t| t.attributes[i] == DbValue::Null)
                .count()
        };
        assert_eq!((unset(3), unset(4)), (6, 15), "reporter / representative unset");
        let owners: Vec<&DbValue> = tickets
            .iter()
            .flat_map(|t| [&t.attributes[3], &t.attributes[4]])
            .collect();
        let idle = users
            .iter()
            .filter(|u| !owners.contains(&&u.attributes[0]))
            .count();
        assert_eq!(idle, 2, "the last tenth of the users have no tickets");
        // Ids are valid, distinct v4 uuids on both backends.
        let ids: std::collections::HashSet<uuid::Uuid> =
            tickets.iter().map(|t| id_of(&t.attributes)).collect();
        assert_eq!(ids.len(), 300);
        assert!(ids.iter().all(|id| id.get_version_num() == 4));
        // Empty requests add nothing.
        assert_eq!(db.seed(0, 50).unwrap().tickets, 0);
        assert_eq!(db.read(&ReadPlan::new(ticket_resource())).unwrap().len(), 300);
    });
}

/// `in` with more than 64 items binds one value (an array) and matches exactly what the same
/// items bound one by one match, also past SQLite's 32,766-parameter limit.
#[test]
fn long_in_lists_bind_one_value() {
    each_backend("long_in_lists_bind_one_value", |db| {
        let s = seed(db);
        let known = [s.alice, s.bob, s.carol];
        for (size, binds) in [(3, 3), (64, 64), (65, 1), (40_000, 1)] {
            let mut ids: Vec<Lit> = known.iter().map(|id| Lit::Str(id.to_string())).collect();
            ids.extend((ids.len()..size).map(|_| Lit::Str(uuid::Uuid::new_v4().to_string())));
            let mut plan = ReadPlan::new(user_resource());
            plan.filter = Some(op(Op::In, attr("id"), Expr::Lit(Lit::List(ids))));
            let plan = declared(&plan);
            let compiled = compile::compile_read(&plan, db.backend()).unwrap();
            assert_eq!(compiled.statement.binds.len(), binds, "{size} ids");
            let mut found: Vec<uuid::Uuid> = db
                .read(&plan)
                .unwrap()
                .iter()
                .map(|r| id_of(&r.attributes))
                .collect();
            found.sort();
            let mut want = known.to_vec();
            want.sort();
            assert_eq!(found, want, "{size} ids");
        }
        let mut names: Vec<Lit> = (0..100).map(|i| Lit::Str(format!("x{i}\"\\{{,}}"))).collect();
        names.push(Lit::Str("Bob".into()));
        names.push(Lit::Nil);
        let mut plan = ReadPlan::new(user_resource());
        plan.filter = Some(op(Op::In, attr("name"), Expr::Lit(Lit::List(names))));
        let rows = db.read(&declared(&plan)).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].attributes[1], text("Bob"));
    });
}

/// `load!` on records reads them again by id with their aggregates. A few ids also restrict
/// the grouped aggregate pass to their related rows; hundreds of ids (most of a table,
/// typically what `read!` returned) do not, since probing every related row against them
/// cost more than it saved. Either way the counts are the same.
#[test]
fn only_short_id_lists_restrict_the_grouped_aggregate_pass() {
    each_backend("only_short_id_lists_restrict", |db| {
        let s = seed(db);
        for (size, restricted) in [(2, true), (250, true), (251, false), (1000, false)] {
            let mut ids: Vec<Lit> = [s.alice, s.carol]
                .iter()
                .map(|id| Lit::Str(id.to_string()))
                .collect();
            ids.extend((ids.len()..size).map(|_| Lit::Str(uuid::Uuid::new_v4().to_string())));
            let mut plan = ReadPlan::new(user_resource());
            plan.filter = Some(op(Op::In, attr("id"), Expr::Lit(Lit::List(ids))));
            plan.sort = vec![(attr("name"), SortOrder::Asc)];
            plan.columns = vec![Column {
                name: "all_assigned_tickets".into(),
                expr: Expr::Aggregate("all_assigned_tickets".into()),
                ty: Type::Integer,
            }];
            let plan = declared(&plan);
            let sql = db.explain_read(&plan).unwrap();
            let grouped = sql.find("LEFT JOIN (SELECT").map(|i| &sql[i..]);
            let grouped = grouped.unwrap_or_else(|| panic!("a grouped pass: {sql}"));
            assert_eq!(
                grouped.contains(" IN (SELECT s."),
                restricted,
                "{size} ids: {}",
                &sql[..sql.len().min(600)]
            );
            let got: Vec<DbValue> = db
                .read(&plan)
                .unwrap()
                .into_iter()
                .flat_map(|r| r.columns)
                .collect();
            assert_eq!(got, [DbValue::Int(3), DbValue::Int(0)], "{size} ids");
        }
    });
}

/// Ctrl-C: a read stops between rows once the flag is set, on both backends; on PostgreSQL a
/// statement that is still working on the server is cancelled there (`cancel_current`).
#[test]
fn interrupts_stop_reads_and_cancel_statements() {
    each_backend("interrupts_stop_reads_and_cancel_statements", |db| {
        seed(db);
        let flag = Arc::new(AtomicBool::new(false));
        db.watch_interrupts(Arc::clone(&flag));
        let plan = declared(&ReadPlan::new(ticket_resource()));
        assert!(!db.read(&plan).unwrap().is_empty());
        flag.store(true, Ordering::Relaxed);
        let sent = db.statements_executed();
        assert_eq!(db.read(&plan), Err(DbError::Interrupted));
        assert_eq!(db.statements_executed(), sent, "an interrupted read is not sent");
        flag.store(false, Ordering::Relaxed);
        assert!(!db.read(&plan).unwrap().is_empty(), "the next read works");
        if db.backend() != Backend::Postgres {
            return;
        }
        let done = Arc::new(AtomicBool::new(false));
        let canceller = std::thread::spawn({
            let done = Arc::clone(&done);
            move || {
                // Cancel until the sleep below has ended (a request may land before it starts).
                while !done.load(Ordering::Relaxed) {
                    std::thread::sleep(std::time::Duration::from_millis(100));
                    cancel_current().unwrap();
                }
            }
        });
        let AnyConnection::Postgresql(pg) = &mut db.conn else {
            unreachable!("checked above")
        };
        let slept = diesel::RunQueryDsl::execute(diesel::sql_query("SELECT pg_sleep(60)"), pg);
        done.store(true, Ordering::Relaxed);
        canceller.join().unwrap();
        assert_eq!(slept.map_err(DbError::from_diesel), Err(DbError::Interrupted));
        assert!(
            !db.read(&plan).unwrap().is_empty(),
            "the connection is usable after a cancel"
        );
    });
}
