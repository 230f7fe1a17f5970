//! Values of Ash's scalar types that are not plain Elixir terms: the calendar structs
//! (`Date`, `Time`, `NaiveDateTime`, `DateTime` in UTC), `Decimal` and `Ash.CiString`.
//!
//! A bottom layer shared by `value` (the terms), `eval` (casts, the `DateTime`/`Decimal`
//! modules), `db` (binding and decoding) and `render` (printing). Each value has one storage
//! text (`storage`): what SQLite keeps and what PostgreSQL receives before its cast; within a
//! type the text order is the value order (fixed-width calendar fields), except for decimals,
//! which SQLite compares with its own collation.

pub mod calendar;
pub mod decimal;

use std::rc::Rc;

pub use calendar::{Calendar, Precision};
pub use decimal::Decimal;

use crate::model::Type;

/// A scalar of one of the struct-valued Ash types.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    Cal(Calendar),
    Decimal(Decimal),
    /// `%Ash.CiString{}`: a string compared case-insensitively.
    CiString(Rc<str>),
}

impl Scalar {
    /// The text this value is stored as (see the module header).
    pub fn storage(&self) -> String {
        match self {
            Scalar::Cal(c) => c.storage(),
            Scalar::Decimal(d) => d.plain(),
            Scalar::CiString(s) => s.to_string(),
        }
    }

    /// Reads a stored text as a value of `ty`; None when `ty` is not a scalar type or the text
    /// is not one of its values.
    pub fn from_storage(ty: &Type, text: &str) -> Option<Scalar> {
        Some(match ty {
            Type::Decimal => Scalar::Decimal(Decimal::parse(text)?),
            Type::CiString => Scalar::CiString(Rc::from(text)),
            _ => Scalar::Cal(Calendar::parse_as(ty, text)?),
        })
    }

    /// The Elixir struct module (`DateTime`, `Decimal`, `Ash.CiString`).
    pub fn module(&self) -> &'static str {
        match self {
            Scalar::Cal(c) => c.module(),
            Scalar::Decimal(_) => "Decimal",
            Scalar::CiString(_) => "Ash.CiString",
        }
    }

    /// True for the types whose values are `Scalar`s.
    pub fn is_scalar_type(ty: &Type) -> bool {
        matches!(
            ty,
            Type::Decimal
                | Type::CiString
                | Type::Date
                | Type::Time
                | Type::UtcDatetime
                | Type::UtcDatetimeUsec
                | Type::NaiveDatetime
                | Type::NaiveDatetimeUsec
        )
    }
}
