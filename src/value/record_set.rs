//! The records of one read, stored column by column: UUIDs as 17 bytes, strings in one
//! buffer, atoms as one-byte codes. A `Record` is built from a row only when the list item is
//! touched (`list::List`), and is equal to the one the row would have given eagerly.
//!
//! A column starts in the compact form its Ash type suggests and falls back to plain values
//! the first time a value does not fit (a UUID text that is not in canonical form, a 256th
//! distinct atom), so every value survives exactly.

use std::rc::Rc;

use uuid::Uuid;

use crate::model::{ResourceRef, Type};
use crate::value::{MapValue, MetaState, Record, Value};

/// One cell as the reader has it: the common stored forms without building a `Value`.
pub enum Cell<'a> {
    Nil,
    Uuid(Uuid),
    Str(&'a str),
    /// An atom by name.
    Atom(&'a str),
    Value(Value),
}

/// Where a computed column's values go in the record.
#[derive(Clone)]
pub enum Target {
    Aggregate(usize),
    Calculation(usize),
    /// An ad-hoc aggregate, by its key in `record.aggregates`.
    ExtraAggregate(Value),
    /// An ad-hoc calculation, by its key in `record.calculations`.
    ExtraCalculation(Value),
}

impl Target {
    /// Puts `value` where this target says in `record`.
    pub fn apply(&self, record: &mut Record, value: Value) {
        match self {
            Target::Aggregate(i) => set_slot(&mut record.aggregates, *i, value),
            Target::Calculation(i) => set_slot(&mut record.calculations, *i, value),
            Target::ExtraAggregate(key) => insert(&mut record.extra_aggregates, key, value),
            Target::ExtraCalculation(key) => insert(&mut record.extra_calculations, key, value),
        }
    }
}

/// Records of one resource, all read with the same loads.
pub struct RecordSet {
    resource: ResourceRef,
    len: usize,
    /// Indexed like `resource.attributes`.
    attributes: Vec<Column>,
    computed: Vec<(Target, Column)>,
}

impl RecordSet {
    /// An empty set whose records get the computed values of `computed` (plan column order),
    /// each of an Ash type or, for None, any value (a list).
    pub fn new(resource: &ResourceRef, computed: Vec<(Target, Option<Type>)>) -> Self {
        Self {
            resource: resource.clone(),
            len: 0,
            attributes: resource
                .attributes
                .iter()
                .map(|a| Column::for_type(Some(a.ty.clone())))
                .collect(),
            computed: computed
                .into_iter()
                .map(|(target, ty)| (target, Column::for_type(ty)))
                .collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Appends a row: its attributes in `resource.attributes` order, then its computed values
    /// in the order given to `new`. Missing cells are nil.
    pub fn push<'a>(
        &mut self,
        attributes: impl IntoIterator<Item = Cell<'a>>,
        computed: impl IntoIterator<Item = Value>,
    ) {
        push_all(self.attributes.iter_mut(), attributes);
        push_all(
            self.computed.iter_mut().map(|(_, column)| column),
            computed.into_iter().map(Cell::Value),
        );
        self.len += 1;
    }

    /// Gives back the columns' spare capacity once every row is in.
    pub fn shrink_to_fit(&mut self) {
        for column in self
            .attributes
            .iter_mut()
            .chain(self.computed.iter_mut().map(|(_, c)| c))
        {
            column.shrink_to_fit();
        }
    }

    /// The record of row `row` (< `len`).
    pub fn record(&self, row: usize) -> Record {
        let mut record = Record::empty(&self.resource, MetaState::Loaded);
        for (slot, column) in record.attributes.iter_mut().zip(&self.attributes) {
            *slot = column.get(row);
        }
        for (target, value) in self.computed(row) {
            target.apply(&mut record, value);
        }
        record
    }

    /// Attribute `index` (in `resource.attributes` order) of row `row`.
    pub fn attribute(&self, row: usize, index: usize) -> Value {
        self.attributes
            .get(index)
            .map_or(Value::Nil, |column| column.get(row))
    }

    /// The computed values of row `row`, each with where it goes.
    pub fn computed(&self, row: usize) -> impl Iterator<Item = (&Target, Value)> + '_ {
        self.computed
            .iter()
            .map(move |(target, column)| (target, column.get(row)))
    }

    /// Row `row` as a record value.
    pub fn value(&self, row: usize) -> Value {
        Value::Record(Rc::new(self.record(row)))
    }
}

fn push_all<'c, 'a>(
    columns: impl Iterator<Item = &'c mut Column>,
    cells: impl IntoIterator<Item = Cell<'a>>,
) {
    let mut cells = cells.into_iter();
    for column in columns {
        column.push(cells.next().unwrap_or(Cell::Nil));
    }
}

fn set_slot(slots: &mut [Option<Value>], index: usize, value: Value) {
    if let Some(slot) = slots.get_mut(index) {
        *slot = Some(value);
    }
}

fn insert(map: &mut MapValue, key: &Value, value: Value) {
    map.insert(key.clone(), value);
}

/// A cell seen through the forms the compact columns hold.
enum View<'c> {
    Nil,
    Uuid(Uuid),
    Str(&'c str),
    Atom(&'c str),
    Other,
}

impl<'c> View<'c> {
    fn of(cell: &'c Cell<'_>) -> View<'c> {
        match cell {
            Cell::Nil | Cell::Value(Value::Nil) => View::Nil,
            Cell::Uuid(u) => View::Uuid(*u),
            Cell::Str(s) => View::Str(s),
            Cell::Value(Value::Str(s)) => View::Str(s),
            Cell::Atom(name) => View::Atom(name),
            Cell::Value(Value::Atom(name)) => View::Atom(name),
            Cell::Value(_) => View::Other,
        }
    }
}

/// The values of one field over all rows.
enum Column {
    Uuids(Vec<Option<Uuid>>),
    /// Strings back to back; row `i` is `bytes[ends[i-1]..ends[i]]`, nil where `nils[i]`.
    Texts {
        bytes: String,
        ends: Vec<u32>,
        nils: Vec<bool>,
    },
    /// Code 0 is nil, code `k` is `names[k - 1]`.
    Atoms {
        names: Vec<Rc<str>>,
        codes: Vec<u8>,
    },
    Values(Vec<Value>),
}

impl Column {
    fn for_type(ty: Option<Type>) -> Column {
        let Some(ty) = ty else {
            return Column::Values(Vec::new());
        };
        match ty {
            Type::Uuid => Column::Uuids(Vec::new()),
            Type::String => Column::Texts {
                bytes: String::new(),
                ends: Vec::new(),
                nils: Vec::new(),
            },
            Type::Atom(_) | Type::Enum { .. } => Column::Atoms {
                names: Vec::new(),
                codes: Vec::new(),
            },
            _ => Column::Values(Vec::new()),
        }
    }

    fn len(&self) -> usize {
        match self {
            Column::Uuids(values) => values.len(),
            Column::Texts { ends, .. } => ends.len(),
            Column::Atoms { codes, .. } => codes.len(),
            Column::Values(values) => values.len(),
        }
    }

    fn push(&mut self, cell: Cell<'_>) {
        if !self.try_push(&cell) {
            self.make_plain();
            if let Column::Values(values) = self {
                values.push(cell_value(cell));
            }
        }
    }

    /// Stores `cell` in the compact form; false when it does not fit that form.
    fn try_push(&mut self, cell: &Cell<'_>) -> bool {
        if let Column::Values(values) = self {
            values.push(cell_value_ref(cell));
            return true;
        }
        match (self, View::of(cell)) {
            (Column::Uuids(values), View::Nil) => values.push(None),
            (Column::Uuids(values), View::Uuid(u)) => values.push(Some(u)),
            (Column::Uuids(values), View::Str(s)) => match canonical_uuid(s) {
                Some(u) => values.push(Some(u)),
                None => return false,
            },
            (Column::Texts { ends, nils, .. }, View::Nil) => {
                ends.push(ends.last().copied().unwrap_or(0));
                nils.push(true);
            }
            (Column::Texts { bytes, ends, nils }, View::Str(s)) => {
                let Ok(end) = u32::try_from(bytes.len() + s.len()) else {
                    return false;
                };
                bytes.push_str(s);
                ends.push(end);
                nils.push(false);
            }
            (Column::Atoms { codes, .. }, View::Nil) => codes.push(0),
            (Column::Atoms { names, codes }, View::Atom(name)) => return atom_code(names, codes, name),
            _ => return false,
        }
        true
    }

    /// Switches to plain values, keeping every row.
    fn make_plain(&mut self) {
        if matches!(self, Column::Values(_)) {
            return;
        }
        let values = (0..self.len()).map(|row| self.get(row)).collect();
        *self = Column::Values(values);
    }

    fn get(&self, row: usize) -> Value {
        match self {
            Column::Uuids(values) => match values.get(row) {
                Some(Some(u)) => uuid_value(u),
                _ => Value::Nil,
            },
            Column::Texts { bytes, ends, nils } => {
                if nils.get(row).copied().unwrap_or(true) {
                    return Value::Nil;
                }
                let start = if row == 0 { 0 } else { ends[row - 1] as usize };
                let end = ends[row] as usize;
                bytes.get(start..end).map_or(Value::Nil, Value::string)
            }
            Column::Atoms { names, codes } => match codes.get(row) {
                Some(&code) if code > 0 => names
                    .get(usize::from(code) - 1)
                    .map_or(Value::Nil, |name| Value::Atom(Rc::clone(name))),
                _ => Value::Nil,
            },
            Column::Values(values) => values.get(row).cloned().unwrap_or(Value::Nil),
        }
    }

    fn shrink_to_fit(&mut self) {
        match self {
            Column::Uuids(values) => values.shrink_to_fit(),
            Column::Texts { bytes, ends, nils } => {
                bytes.shrink_to_fit();
                ends.shrink_to_fit();
                nils.shrink_to_fit();
            }
            Column::Atoms { names, codes } => {
                names.shrink_to_fit();
                codes.shrink_to_fit();
            }
            Column::Values(values) => values.shrink_to_fit(),
        }
    }
}

fn atom_code(names: &mut Vec<Rc<str>>, codes: &mut Vec<u8>, name: &str) -> bool {
    let index = match names.iter().position(|n| &**n == name) {
        Some(i) => i,
        None if names.len() < usize::from(u8::MAX) => {
            names.push(Rc::from(name));
            names.len() - 1
        }
        None => return false,
    };
    // index < 255, so the code fits.
    codes.push(index as u8 + 1);
    true
}

/// A UUID whose text is exactly its canonical form (lowercase, hyphenated), so the text can
/// be rebuilt from the 16 bytes.
fn canonical_uuid(text: &str) -> Option<Uuid> {
    let u = Uuid::parse_str(text).ok()?;
    (uuid_text(&u) == text).then_some(u)
}

fn uuid_text(u: &Uuid) -> String {
    u.hyphenated().to_string()
}

fn uuid_value(u: &Uuid) -> Value {
    Value::string(&*u.hyphenated().encode_lower(&mut Uuid::encode_buffer()))
}

fn cell_value(cell: Cell<'_>) -> Value {
    match cell {
        Cell::Value(value) => value,
        other => cell_value_ref(&other),
    }
}

fn cell_value_ref(cell: &Cell<'_>) -> Value {
    match cell {
        Cell::Nil => Value::Nil,
        Cell::Uuid(u) => uuid_value(u),
        Cell::Str(s) => Value::string(*s),
        Cell::Atom(name) => Value::atom(name),
        Cell::Value(value) => value.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::testing::ticket_resource;

    const ID: &str = "0b7a3b4e-8a51-4d2f-9c8e-2f7f1a1b2c3d";

    fn set_of(rows: Vec<Vec<Cell<'static>>>) -> RecordSet {
        let mut set = RecordSet::new(ticket_resource(), Vec::new());
        for row in rows {
            set.push(row, Vec::new());
        }
        set
    }

    fn attributes(set: &RecordSet, row: usize) -> Vec<Value> {
        set.record(row).attributes
    }

    /// Each row as cells, and the attributes its record must have (ticket_resource(): id, subject,
    /// status, reporter_id, representative_id).
    #[test]
    fn rows_come_back_as_they_went_in() {
        let u = Uuid::parse_str(ID).unwrap();
        let cases: Vec<(Vec<Cell<'static>>, Vec<Value>)> = vec![
            (
                vec![
                    Cell::Uuid(u),
                    Cell::Str("Issue 1"),
                    Cell::Atom("open"),
                    Cell::Nil,
                    Cell::Str(ID),
                ],
                vec![
                    Value::string(ID),
                    Value::string("Issue 1"),
                    Value::atom("open"),
                    Value::Nil,
                    Value::string(ID),
                ],
            ),
            (
                vec![Cell::Uuid(u), Cell::Str(""), Cell::Nil, Cell::Uuid(u)],
                vec![
                    Value::string(ID),
                    Value::string(""),
                    Value::Nil,
                    Value::string(ID),
                    Value::Nil,
                ],
            ),
            (
                vec![
                    Cell::Uuid(u),
                    Cell::Nil,
                    Cell::Value(Value::atom("closed")),
                    Cell::Nil,
                    Cell::Nil,
                ],
                vec![
                    Value::string(ID),
                    Value::Nil,
                    Value::atom("closed"),
                    Value::Nil,
                    Value::Nil,
                ],
            ),
        ];
        let expected: Vec<Vec<Value>> = cases.iter().map(|(_, want)| want.clone()).collect();
        let set = set_of(cases.into_iter().map(|(cells, _)| cells).collect());
        assert_eq!(set.len(), expected.len());
        for (row, want) in expected.iter().enumerate() {
            assert_eq!(&attributes(&set, row), want, "row {row}");
        }
    }

    /// Values that do not fit a compact column switch it to plain values, earlier rows kept.
    #[test]
    fn odd_values_switch_a_column_to_plain_values() {
        let upper = "0B7A3B4E-8A51-4D2F-9C8E-2F7F1A1B2C3D";
        let set = set_of(vec![
            vec![Cell::Str(ID), Cell::Str("a")],
            vec![
                Cell::Str(upper),
                Cell::Value(Value::Int(7)),
                Cell::Value(Value::string("x")),
            ],
        ]);
        assert_eq!(
            attributes(&set, 0)[..3],
            [Value::string(ID), Value::string("a"), Value::Nil]
        );
        assert_eq!(
            attributes(&set, 1)[..3],
            [Value::string(upper), Value::Int(7), Value::string("x")]
        );
    }

    #[test]
    fn more_than_255_distinct_atoms_still_fit() {
        let names: Vec<String> = (0..300).map(|i| format!("a{i}")).collect();
        let mut set = RecordSet::new(ticket_resource(), Vec::new());
        for name in &names {
            set.push([Cell::Nil, Cell::Nil, Cell::Atom(name)], Vec::new());
        }
        for (row, name) in names.iter().enumerate() {
            assert_eq!(attributes(&set, row)[2], Value::atom(name));
        }
    }

    /// Any mix of cells, in any order (compact columns switching to plain values midway
    /// included), comes back as the values the cells stand for.
    mod round_trip {
        use super::*;
        use proptest::prelude::*;

        fn cell_value() -> impl Strategy<Value = Value> {
            prop_oneof![
                Just(Value::Nil),
                any::<[u8; 16]>().prop_map(|b| Value::string(Uuid::from_bytes(b).hyphenated().to_string())),
                any::<[u8; 16]>()
                    .prop_map(|b| Value::string(Uuid::from_bytes(b).hyphenated().to_string().to_uppercase())),
                ".{0,12}".prop_map(|s| Value::string(s.as_str())),
                prop::sample::select(vec!["open", "closed", "other"]).prop_map(Value::atom),
                (0..300u32).prop_map(|i| Value::atom(&format!("a{i}"))),
                any::<i64>().prop_map(Value::Int),
                any::<bool>().prop_map(Value::Bool),
            ]
        }

        /// The cell the reader would hand over for `value` (the fast forms where they apply).
        fn cell_of(value: &Value) -> Cell<'_> {
            match value {
                Value::Nil => Cell::Nil,
                Value::Str(s) => match Uuid::parse_str(s) {
                    Ok(u) if u.hyphenated().to_string() == **s => Cell::Uuid(u),
                    _ => Cell::Str(s),
                },
                Value::Atom(name) => Cell::Atom(name),
                other => Cell::Value(other.clone()),
            }
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]
            #[test]
            fn cells_come_back_as_values(rows in prop::collection::vec(prop::collection::vec(cell_value(), 5), 0..40)) {
                let mut set = RecordSet::new(ticket_resource(), vec![(Target::ExtraAggregate(Value::atom("x")), Some(Type::String))]);
                for row in &rows {
                    set.push(row.iter().map(cell_of), [row[1].clone()]);
                }
                prop_assert_eq!(set.len(), rows.len());
                for (i, row) in rows.iter().enumerate() {
                    let record = set.record(i);
                    prop_assert_eq!(&record.attributes, row);
                    prop_assert_eq!(record.extra_aggregates.get(&Value::atom("x")), Some(&row[1]));
                }
            }
        }
    }

    #[test]
    fn computed_values_land_where_their_target_says() {
        let key = Value::atom("n");
        let mut set = RecordSet::new(
            crate::project::testing::user_resource(),
            vec![
                (Target::Aggregate(0), Some(Type::Integer)),
                (Target::ExtraCalculation(key.clone()), Some(Type::String)),
            ],
        );
        set.push([], [Value::Int(3), Value::string("x")]);
        let record = set.record(0);
        assert_eq!(record.aggregates[0], Some(Value::Int(3)));
        assert_eq!(record.extra_calculations.get(&key), Some(&Value::string("x")));
        assert!(record.calculations.iter().all(Option::is_none));
    }
}
