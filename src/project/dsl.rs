//! The one compiler from a resource module's AST to `model::Resource`: reads the sections of
//! Ash 2.x's resource DSL and fills in Ash's defaults (the order of `attributes/1`, the
//! belongs_to keys, default actions and `accept`, has_many destination attributes).
//!
//! What Ash accepts but this shell does not implement is collected as "ignored" and reported
//! once per resource; what Ash itself would refuse to compile is a `LoadError`.

use std::collections::HashMap;

use crate::model::{
    Action, ActionKind, Aggregate, AggregateKind, Argument, Attribute, Calculation, Change, ChangeValue,
    CheckConstraint, CustomIndex, Default, Identity, IndexField, Interface, Literal, Migration, ModelExpr,
    ReferenceOptions, Relationship, RelationshipKind, Resource, Through, Type,
};
use crate::project::LoadError;
use crate::project::entity::Entity;
use crate::project::modules::{
    Aliases, ModuleDef, SourceFile, block_items, expand_module, keyword, keyword_pairs, local_call,
    module_name,
};
use crate::syntax::ast::{Expr, ExprKind};

/// What the compiler of one module needs from the rest of the project.
pub struct Context<'a> {
    pub file: &'a SourceFile,
    /// `Ash.Type.Enum` modules of the project and their values.
    pub enums: &'a HashMap<String, Vec<String>>,
}

/// A resource and what was skipped in it (`(line, what)`).
pub struct Compiled {
    pub resource: Resource,
    pub ignored: Vec<(usize, String)>,
    /// True for embedded resources (`data_layer: :embedded`): not a table.
    pub embedded: bool,
    /// The extensions that must define the key of a resource that declares none
    /// (`extensions: [AshAuthentication.UserIdentity]` and nothing else): what they add is
    /// not modelled here, so the resource is skipped. Empty otherwise.
    pub keyed_by: Vec<String>,
}

/// Compiles one `use Ash.Resource` module.
pub fn resource(def: &ModuleDef<'_>, cx: &Context<'_>) -> Result<Compiled, LoadError> {
    let mut reader = Reader {
        cx,
        aliases: def.aliases.clone(),
        attributes: HashMap::new(),
        ignored: Vec::new(),
        module: def.name.clone(),
        token_resource: false,
        keyless: false,
        belongs_to: Vec::new(),
        extensions: Vec::new(),
        extension_attributes: Vec::new(),
        archival: false,
        dsl_extensions: Vec::new(),
        keyed_by: Vec::new(),
    };
    reader.compile(def)
}

struct Reader<'a> {
    cx: &'a Context<'a>,
    aliases: Aliases,
    /// Module attributes (`@statuses [:open, :closed]`) seen so far.
    attributes: HashMap<String, &'a Expr>,
    ignored: Vec<(usize, String)>,
    module: String,
    /// `extensions: [AshAuthentication.TokenResource]`: it adds the token attributes.
    token_resource: bool,
    /// `resource do require_primary_key? false end`: a resource without a primary key (read
    /// only here; what an introspected view or keyless table is).
    keyless: bool,
    /// The belongs_to relationships, known once all sections are read (actions are compiled
    /// last, so `manage_relationship` can tell what it relates).
    belongs_to: Vec<String>,
    /// Extensions, authorizers and notifiers of the `use` line.
    extensions: Vec<String>,
    /// Attributes extensions add (prepended to the resource's own, last added first).
    extension_attributes: Vec<Attribute>,
    /// `extensions: [AshArchival.Resource]`.
    archival: bool,
    /// The `extensions:` of the `use` line (not authorizers or notifiers).
    dsl_extensions: Vec<String>,
    /// Set by `finish`: see `Compiled::keyed_by`.
    keyed_by: Vec<String>,
}

/// The sections of one resource before defaults are applied.
#[derive(Default)]
struct Sections<'a> {
    attributes: Vec<Attribute>,
    belongs_to_keys: Vec<Attribute>,
    relationships: Vec<Relationship>,
    join_relationships: Vec<Relationship>,
    aggregates: Vec<Aggregate>,
    calculations: Vec<Calculation>,
    default_actions: Vec<(ActionKind, usize)>,
    actions: Vec<(Entity<'a>, ActionKind)>,
    default_accept: Option<Vec<String>>,
    identities: Vec<Identity>,
    /// `migration_types`: attribute → SQL type.
    storage: Vec<(String, String)>,
    interfaces: Vec<Interface>,
    define_for: Option<String>,
    table: Option<String>,
    schema: Option<String>,
    repo: Option<String>,
    /// The `postgres` block's migration settings.
    migration: Migration,
    /// `resource do base_filter ... end`.
    base_filter: Vec<ModelExpr>,
    /// `define … get_by_identity: :name`: (index in `interfaces`, identity, offset).
    get_by_identities: Vec<(usize, String, usize)>,
}

impl<'a> Reader<'a> {
    /// The module a written name means here (`__MODULE__`, aliases).
    fn module_named(&self, written: &str) -> String {
        self.aliases.resolve(&expand_module(written, &self.module))
    }

    fn line(&self, offset: usize) -> usize {
        self.cx.file.line(offset)
    }

    fn error(&self, offset: usize, message: impl Into<String>) -> LoadError {
        LoadError {
            file: self.cx.file.path.clone(),
            line: self.line(offset),
            message: message.into(),
        }
    }

    fn ignore(&mut self, offset: usize, what: impl Into<String>) {
        let line = self.line(offset);
        self.ignored.push((line, what.into()));
    }

    fn compile(&mut self, def: &ModuleDef<'a>) -> Result<Compiled, LoadError> {
        let mut sections = Sections::default();
        let mut embedded = false;
        let mut data_layer = None;
        if let Some(options) = def.use_options.and_then(keyword_pairs) {
            for (key, value) in options {
                match key.as_str() {
                    "data_layer" => {
                        if matches!(&value.kind, ExprKind::Atom(a) if a == "embedded") {
                            embedded = true;
                        }
                        data_layer = module_name(value).map(|m| self.module_named(&m));
                    }
                    "extensions" | "authorizers" | "notifiers" => {
                        for module in list_items(value).iter().filter_map(|m| module_name(m)) {
                            let module = self.module_named(&module);
                            if module == "AshAuthentication.TokenResource" {
                                self.token_resource = true;
                            }
                            if module == "AshArchival.Resource" {
                                // Implemented (`finish`): soft destroys, `is_nil(archived_at)`
                                // as the base filter; ash_postgres writes the latter as the
                                // table's `base_filter_sql` (its unique indexes are partial).
                                self.archival = true;
                                let mut archived_at = Attribute::new("archived_at", Type::UtcDatetimeUsec);
                                archived_at.private = true;
                                self.extension_attributes.push(archived_at);
                                continue;
                            }
                            if key == "extensions" {
                                self.dsl_extensions.push(module.clone());
                            }
                            self.extensions.push(module.clone());
                            self.ignore(value.span.start, format!("{key} {module}"));
                        }
                    }
                    _ => {}
                }
            }
        }
        if let Some(layer) = &data_layer
            && layer != "AshPostgres.DataLayer"
        {
            self.ignore(
                def.offset,
                format!("data_layer {layer} (stored in SQL like AshPostgres)"),
            );
        }
        for item in &def.body {
            self.item(item, &mut sections)?;
        }
        sections.migration.postgres = data_layer.as_deref() == Some("AshPostgres.DataLayer");
        if self.archival && sections.migration.base_filter_sql.is_none() {
            sections.migration.base_filter_sql = Some("archived_at IS NULL".into());
        }
        let resource = self.finish(def, sections)?;
        Ok(Compiled {
            resource,
            ignored: std::mem::take(&mut self.ignored),
            embedded,
            keyed_by: std::mem::take(&mut self.keyed_by),
        })
    }

    /// One expression of the module body: a section, an alias, a module attribute, a function.
    fn item(&mut self, item: &'a Expr, sections: &mut Sections<'a>) -> Result<(), LoadError> {
        if let ExprKind::ModuleAttribute { name, value } = &item.kind {
            if let Some(value) = value {
                self.attributes.insert(name.clone(), value);
            }
            return Ok(());
        }
        let Some(section) = Entity::of(item) else {
            return Ok(());
        };
        match section.name {
            "use" | "require" | "import" | "defmodule" => Ok(()),
            "alias" => {
                if let ExprKind::Call { args, .. } = &item.kind {
                    self.aliases.apply(args, &self.module);
                }
                Ok(())
            }
            "def" | "defp" | "defmacro" | "defmacrop" | "defdelegate" => {
                let what = section.arg(0).map_or_else(
                    || section.name.to_string(),
                    |head| format!("{} {}", section.name, function_head(head)),
                );
                self.ignore(section.offset, what);
                Ok(())
            }
            "attributes" => self.attributes_section(&section, sections),
            "relationships" => self.relationships_section(&section, sections),
            "actions" => self.actions_section(section, sections),
            "aggregates" => self.aggregates_section(&section, sections),
            "calculations" => self.calculations_section(&section, sections),
            "identities" => self.identities_section(&section, sections),
            "code_interface" => self.code_interface_section(&section, sections),
            "postgres" => {
                self.postgres_section(&section, sections);
                Ok(())
            }
            "authentication" => {
                self.authentication(&section);
                self.ignore(section.offset, "authentication");
                Ok(())
            }
            "resource" => {
                for (key, value) in &section.options {
                    if *key == "require_primary_key?" {
                        self.keyless = !self.bool(value)?;
                    }
                    if *key == "base_filter" {
                        match self.expression(value) {
                            Some(filter) => sections.base_filter.push(filter),
                            None => self.ignore(value.span.start, "resource base_filter"),
                        }
                        continue;
                    }
                    if !matches!(
                        *key,
                        "description" | "short_name" | "plural_name" | "require_primary_key?"
                    ) {
                        self.ignore(section.offset, format!("resource {key}"));
                    }
                }
                Ok(())
            }
            other => {
                self.ignore(section.offset, other.to_string());
                Ok(())
            }
        }
    }

    /// The entities of a section that holds one kind (`identity` in `identities`); anything
    /// else in it is ignored with a warning.
    fn entities_named(&mut self, section: &Entity<'a>, section_name: &str, wanted: &str) -> Vec<Entity<'a>> {
        let mut found = Vec::new();
        for entity in section.nested.iter().filter_map(|e| Entity::of(e)) {
            if entity.name == wanted {
                found.push(entity);
            } else {
                self.ignore(entity.offset, format!("{section_name}: {}", entity.name));
            }
        }
        found
    }

    // ----- attributes -----

    /// AshAuthentication's confirmation add-on adds a `confirmed_at` attribute (extension
    /// attributes come first in `attributes/1`).
    fn authentication(&mut self, section: &Entity<'a>) {
        for add_ons in section
            .nested
            .iter()
            .filter_map(|e| Entity::of(e))
            .filter(|e| e.name == "add_ons")
        {
            for confirmation in add_ons.nested.iter().filter_map(|e| Entity::of(e)) {
                if confirmation.name != "confirmation" {
                    continue;
                }
                let field = confirmation
                    .option("confirmed_at_field")
                    .and_then(|f| self.name(f).ok())
                    .unwrap_or_else(|| "confirmed_at".to_string());
                let mut attribute = Attribute::new(&field, Type::UtcDatetimeUsec);
                attribute.writable = false;
                self.extension_attributes.push(attribute);
            }
        }
    }

    fn attributes_section(&mut self, section: &Entity<'a>, out: &mut Sections<'a>) -> Result<(), LoadError> {
        for expr in &section.nested {
            let Some(entity) = Entity::of(expr) else { continue };
            match entity.name {
                "uuid_primary_key" | "integer_primary_key" => {
                    let name = self.name_arg(&entity, 0)?;
                    let uuid = entity.name == "uuid_primary_key";
                    let mut attribute = Attribute::new(&name, if uuid { Type::Uuid } else { Type::Integer });
                    attribute.allow_nil = false;
                    attribute.primary_key = true;
                    attribute.writable = false;
                    attribute.generated = !uuid;
                    if uuid {
                        attribute.default = Some(Default::Function("Ash.UUID.generate".into()));
                    }
                    self.attribute_options(&entity, &mut attribute)?;
                    out.attributes.push(attribute);
                }
                "create_timestamp" | "update_timestamp" => {
                    let name = self.name_arg(&entity, 0)?;
                    out.attributes
                        .push(self.timestamp(&entity, &name, entity.name == "update_timestamp")?);
                }
                "timestamps" => {
                    out.attributes
                        .push(self.timestamp(&entity, "inserted_at", false)?);
                    out.attributes.push(self.timestamp(&entity, "updated_at", true)?);
                }
                "attribute" => {
                    let name = self.name_arg(&entity, 0)?;
                    let ty = match entity.arg(1) {
                        Some(ty) => self.ty(ty)?,
                        None => {
                            return Err(self.error(entity.offset, format!("attribute :{name} needs a type")));
                        }
                    };
                    let mut attribute = Attribute::new(&name, ty);
                    self.attribute_options(&entity, &mut attribute)?;
                    out.attributes.push(attribute);
                }
                other => self.ignore(entity.offset, format!("attributes: {other}")),
            }
        }
        Ok(())
    }

    fn timestamp(&mut self, entity: &Entity<'a>, name: &str, update: bool) -> Result<Attribute, LoadError> {
        let mut attribute = Attribute::new(name, Type::UtcDatetimeUsec);
        attribute.allow_nil = false;
        attribute.writable = false;
        attribute.private = true;
        attribute.default = Some(Default::Function("DateTime.utc_now".into()));
        attribute.match_other_defaults = true;
        if update {
            attribute.update_default = Some(Default::Function("DateTime.utc_now".into()));
        }
        self.attribute_options(entity, &mut attribute)?;
        Ok(attribute)
    }

    fn attribute_options(&mut self, entity: &Entity<'a>, attribute: &mut Attribute) -> Result<(), LoadError> {
        for (key, value) in entity.options.clone() {
            match key {
                "allow_nil?" => attribute.allow_nil = self.bool(value)?,
                "primary_key?" => attribute.primary_key = self.bool(value)?,
                "private?" => attribute.private = self.bool(value)?,
                "writable?" => attribute.writable = self.bool(value)?,
                "generated?" => attribute.generated = self.bool(value)?,
                "sensitive?" => attribute.sensitive = self.bool(value)?,
                "default" => attribute.default = self.default(value),
                "update_default" => attribute.update_default = self.default(value),
                "source" => {
                    attribute.source = self.name(value)?;
                    if attribute.source != attribute.name {
                        // Reads and writes use the attribute's name as the column.
                        self.ignore(
                            value.span.start,
                            format!("attribute :{} source :{}", attribute.name, attribute.source),
                        );
                    }
                }
                "description" => attribute.description = self.string(value),
                "constraints" => self.constraints(value, attribute),
                "match_other_defaults?" => attribute.match_other_defaults = self.bool(value)?,
                "always_select?" | "filterable?" | "sortable?" => {}
                other => self.ignore(
                    value.span.start,
                    format!("attribute :{} option {other}", attribute.name),
                ),
            }
        }
        if attribute.primary_key {
            attribute.allow_nil = false;
        }
        Ok(())
    }

    fn constraints(&mut self, value: &'a Expr, attribute: &mut Attribute) {
        let value = self.deref_attribute(value);
        let Some(pairs) = keyword_pairs(value) else {
            self.ignore(
                value.span.start,
                format!("attribute :{} constraints", attribute.name),
            );
            return;
        };
        for (key, v) in pairs {
            if key == "one_of" && attribute.ty.is_atom() {
                let atoms: Vec<String> = list_items(self.deref_attribute(v))
                    .iter()
                    .filter_map(|a| match &a.kind {
                        ExprKind::Atom(a) => Some(a.clone()),
                        _ => None,
                    })
                    .collect();
                attribute.ty = Type::Atom(atoms.into());
            } else if let Some(literal) = self.literal(v) {
                attribute.constraints.push((key, literal));
            } else {
                self.ignore(
                    v.span.start,
                    format!("attribute :{} constraint {key}", attribute.name),
                );
            }
        }
    }

    // ----- relationships -----

    fn relationships_section(
        &mut self,
        section: &Entity<'a>,
        out: &mut Sections<'a>,
    ) -> Result<(), LoadError> {
        for expr in &section.nested {
            let Some(entity) = Entity::of(expr) else { continue };
            let kind = match entity.name {
                "belongs_to" => RelationshipKind::BelongsTo,
                "has_many" => RelationshipKind::HasMany,
                "has_one" => RelationshipKind::HasOne,
                "many_to_many" => RelationshipKind::ManyToMany,
                other => {
                    self.ignore(entity.offset, format!("relationships: {other}"));
                    continue;
                }
            };
            let name = self.name_arg(&entity, 0)?;
            let Some(destination) = entity.arg(1).and_then(module_name) else {
                return Err(self.error(
                    entity.offset,
                    format!("{} :{name} needs a destination module", kind.name()),
                ));
            };
            let destination = self.module_named(&destination);
            let own_short = underscore(self.module.rsplit('.').next().unwrap_or(&self.module));
            let dest_short = underscore(destination.rsplit('.').next().unwrap_or(&destination));
            let mut relationship = Relationship {
                name: name.clone(),
                kind,
                destination,
                source_attribute: match kind {
                    RelationshipKind::BelongsTo => format!("{name}_id"),
                    _ => "id".into(),
                },
                destination_attribute: match kind {
                    RelationshipKind::BelongsTo | RelationshipKind::ManyToMany => "id".into(),
                    _ => format!("{own_short}_id"),
                },
                through: None,
                private: false,
                filter: None,
                sort: Vec::new(),
                line: self.line(entity.offset),
            };
            let mut key = Attribute::new(&relationship.source_attribute, Type::Uuid);
            key.private = true;
            key.writable = false;
            let mut define_attribute = kind == RelationshipKind::BelongsTo;
            let mut manual = false;
            let mut join_relationship = format!("{name}_join_assoc");
            let mut through = None;
            let mut source_on_join = format!("{own_short}_id");
            let mut destination_on_join = format!("{dest_short}_id");
            for (option, value) in entity.options.clone() {
                match option {
                    "source_attribute" | "source_field" => {
                        relationship.source_attribute = self.name(value)?
                    }
                    "destination_attribute" | "destination_field" => {
                        relationship.destination_attribute = self.name(value)?;
                    }
                    "private?" => relationship.private = self.bool(value)?,
                    // Applied to loads, paths and aggregates (`eval::ash::implicit`).
                    "filter" => match self.expression(value) {
                        Some(filter) => relationship.filter = Some(filter),
                        None => {
                            self.ignore(value.span.start, format!("{} :{name} option filter", kind.name()))
                        }
                    },
                    "attribute_writable?" => {
                        let writable = self.bool(value)?;
                        key.writable = writable;
                        key.private = !writable;
                    }
                    "allow_nil?" => key.allow_nil = self.bool(value)?,
                    "primary_key?" => key.primary_key = self.bool(value)?,
                    "attribute_type" => key.ty = self.ty(value)?,
                    "define_field?" | "define_attribute?" => define_attribute &= self.bool(value)?,
                    "through" => through = module_name(value).map(|m| self.module_named(&m)),
                    "source_attribute_on_join_resource" | "source_field_on_join_table" => {
                        source_on_join = self.name(value)?;
                    }
                    "destination_attribute_on_join_resource" | "destination_field_on_join_table" => {
                        destination_on_join = self.name(value)?;
                    }
                    "join_relationship" => join_relationship = self.name(value)?,
                    "api"
                    | "description"
                    | "writable?"
                    | "read_action"
                    | "not_found_message"
                    | "violation_message"
                    | "could_be_related_at_creation?"
                    | "validate_destination_attribute?"
                    | "filterable?"
                    | "sortable?" => {}
                    "manual" | "no_attributes?" => manual = true,
                    "sort" => relationship.sort = self.sort(value)?,
                    "context" => {
                        self.ignore(
                            value.span.start,
                            format!("{} :{name} option {option}", kind.name()),
                        );
                    }
                    other => self.ignore(
                        value.span.start,
                        format!("{} :{name} option {other}", kind.name()),
                    ),
                }
            }
            if manual {
                // A relationship computed by a module or fn: nothing to read it with here.
                self.ignore(entity.offset, format!("{} :{name} (manual)", kind.name()));
                continue;
            }
            if kind == RelationshipKind::ManyToMany {
                // Without `through`, the join resource is the destination of the relationship
                // `join_relationship` names (resolved in `finish`, once all are read).
                if let Some(join) = &through {
                    out.join_relationships.push(Relationship {
                        name: join_relationship.clone(),
                        kind: RelationshipKind::HasMany,
                        destination: join.clone(),
                        source_attribute: relationship.source_attribute.clone(),
                        destination_attribute: source_on_join.clone(),
                        through: None,
                        private: true,
                        filter: None,
                        sort: Vec::new(),
                        line: 0,
                    });
                }
                relationship.through = Some(Through {
                    resource: through.unwrap_or_default(),
                    source_attribute_on_join_resource: source_on_join,
                    destination_attribute_on_join_resource: destination_on_join,
                    join_relationship,
                });
            }
            if kind == RelationshipKind::BelongsTo && define_attribute {
                key.name.clone_from(&relationship.source_attribute);
                key.source.clone_from(&relationship.source_attribute);
                if key.primary_key {
                    key.allow_nil = false;
                }
                out.belongs_to_keys.push(key);
            }
            out.relationships.push(relationship);
        }
        Ok(())
    }

    // ----- actions -----

    fn actions_section(&mut self, section: Entity<'a>, out: &mut Sections<'a>) -> Result<(), LoadError> {
        for (key, value) in section.options.clone() {
            match key {
                "defaults" => {
                    for item in list_items(value) {
                        match &item.kind {
                            ExprKind::Atom(kind) if ActionKind::from_name(kind).is_some() => {
                                if let Some(kind) = ActionKind::from_name(kind) {
                                    out.default_actions.push((kind, item.span.start));
                                }
                            }
                            _ => {
                                return Err(self.error(
                                    item.span.start,
                                    "defaults takes :create, :read, :update, :destroy",
                                ));
                            }
                        }
                    }
                }
                "default_accept" => out.default_accept = Some(self.names(value)?),
                other => self.ignore(value.span.start, format!("actions {other}")),
            }
        }
        for expr in section.nested {
            let Some(entity) = Entity::of(expr) else { continue };
            match ActionKind::from_name(entity.name) {
                Some(kind) => out.actions.push((entity, kind)),
                None => self.ignore(entity.offset, format!("actions: {}", entity.name)),
            }
        }
        Ok(())
    }

    fn action(
        &mut self,
        entity: &Entity<'a>,
        kind: ActionKind,
        public: &[String],
    ) -> Result<Action, LoadError> {
        let name = self.name_arg(entity, 0)?;
        let mut action = Action {
            name: name.clone(),
            kind,
            primary: false,
            accept: if kind == ActionKind::Destroy {
                Vec::new()
            } else {
                public.to_vec()
            },
            arguments: Vec::new(),
            changes: Vec::new(),
            filter: None,
            get: false,
            refused: None,
            soft: false,
        };
        let mut reject = Vec::new();
        for (key, value) in entity.options.clone() {
            match key {
                "accept" => {
                    action.accept = if matches!(&value.kind, ExprKind::Atom(a) if a == "all") {
                        public.to_vec()
                    } else {
                        self.names(value)?
                    };
                }
                "reject" => reject = self.names(value)?,
                "primary?" => action.primary = self.bool(value)?,
                "soft?" if kind == ActionKind::Destroy => action.soft = self.bool(value)?,
                "get?" => action.get = self.bool(value)?,
                "filter" if kind == ActionKind::Read => {
                    // `^arg(:x)` takes the action's argument; `^actor(...)` is nil (no actors here).
                    action.filter = self.expression(value);
                }
                "manual?" | "manual" if kind != ActionKind::Read => {
                    self.ignore(value.span.start, format!("{} :{name} option {key}", kind.name()));
                    action.refused = Some("it is manual (its module does the work)".into());
                }
                "description"
                | "transaction?"
                | "touches_resources"
                | "error_handler"
                | "skip_unknown_inputs" => {}
                other => self.ignore(
                    value.span.start,
                    format!("{} :{name} option {other}", kind.name()),
                ),
            }
        }
        action.accept.retain(|a| !reject.contains(a));
        for expr in &entity.nested {
            let Some(nested) = Entity::of(expr) else { continue };
            match nested.name {
                "argument" => action.arguments.push(self.argument(&nested)?),
                "change" => {
                    if let Some(change) = self.change(&nested)? {
                        action.changes.push(change);
                    }
                }
                other => self.ignore(nested.offset, format!("{} :{name}: {other}", kind.name())),
            }
        }
        let arguments: Vec<String> = action.arguments.iter().map(|a| a.name.clone()).collect();
        action.accept.retain(|a| !arguments.contains(a));
        Ok(action)
    }

    fn argument(&mut self, entity: &Entity<'a>) -> Result<Argument, LoadError> {
        let name = self.name_arg(entity, 0)?;
        let ty = match entity.arg(1) {
            Some(ty) => self.ty(ty)?,
            None => return Err(self.error(entity.offset, format!("argument :{name} needs a type"))),
        };
        let mut argument = Argument {
            name,
            ty,
            allow_nil: true,
            default: None,
            sensitive: false,
        };
        for (key, value) in entity.options.clone() {
            match key {
                "allow_nil?" => argument.allow_nil = self.bool(value)?,
                "sensitive?" => argument.sensitive = self.bool(value)?,
                "default" => argument.default = self.default(value),
                "constraints" => {
                    let mut holder = Attribute::new(&argument.name, argument.ty.clone());
                    self.constraints(value, &mut holder);
                    argument.ty = holder.ty;
                }
                "description" | "private?" => {}
                other => self.ignore(
                    value.span.start,
                    format!("argument :{} option {other}", argument.name),
                ),
            }
        }
        Ok(argument)
    }

    fn change(&mut self, entity: &Entity<'a>) -> Result<Option<Change>, LoadError> {
        let Some(call) = entity.arg(0) else {
            return Ok(None);
        };
        // `where:`, `on:`, `only_when_valid?`: a change that runs only sometimes is not one
        // this shell can run faithfully.
        if let Some((option, value)) = entity.options.iter().find(|(k, _)| *k != "description") {
            self.ignore(value.span.start, format!("change with {option}:"));
            return Ok(None);
        }
        if let ExprKind::Call {
            target: None,
            name,
            args,
            ..
        } = &call.kind
        {
            match (name.as_str(), args.as_slice()) {
                ("set_attribute", [attribute, value, ..]) => {
                    let attribute = self.name(attribute)?;
                    let value = match &value.kind {
                        ExprKind::Call {
                            target: None,
                            name,
                            args,
                            ..
                        } if name == "arg" && args.len() == 1 => {
                            Some(ChangeValue::Argument(self.name(&args[0])?))
                        }
                        ExprKind::CaptureNamed {
                            module: Some(m),
                            name,
                            arity: 0,
                        } => {
                            let function = format!("{}.{name}", self.module_named(m));
                            crate::model::DEFAULT_FUNCTIONS
                                .contains(&function.as_str())
                                .then_some(ChangeValue::Function(function))
                        }
                        _ => self.literal(value).map(ChangeValue::Literal),
                    };
                    if let Some(value) = value {
                        return Ok(Some(Change::SetAttribute { attribute, value }));
                    }
                }
                ("manage_relationship", [argument, rest @ ..]) => {
                    // `manage_relationship(:arg, :rel, opts)` or `(:arg, opts)` (rel = arg).
                    let argument = self.name(argument)?;
                    let (relationship, options) = match rest {
                        [rel, options, ..] => (self.name(rel)?, Some(options)),
                        [only] if keyword_pairs(only).is_some() => (argument.clone(), Some(only)),
                        [rel] => (self.name(rel)?, None),
                        [] => (argument.clone(), None),
                    };
                    let kind = options
                        .and_then(|o| keyword(o, "type"))
                        .and_then(|t| match &t.kind {
                            ExprKind::Atom(t) => Some(t.as_str()),
                            _ => None,
                        })
                        .unwrap_or("");
                    // Only relating a belongs_to by the id in the argument is implemented.
                    let belongs_to = self.belongs_to.contains(&relationship);
                    if belongs_to && matches!(kind, "append_and_remove" | "append" | "replace") {
                        return Ok(Some(Change::Relate {
                            argument,
                            relationship,
                        }));
                    }
                    let mut what = format!("change manage_relationship(:{argument}");
                    if relationship != argument {
                        what.push_str(&format!(", :{relationship}"));
                    }
                    if !kind.is_empty() {
                        what.push_str(&format!(", type: :{kind}"));
                    }
                    what.push(')');
                    self.ignore(entity.offset, what);
                    return Ok(None);
                }
                _ => {}
            }
        }
        let what = match &call.kind {
            ExprKind::Call { name, .. } => format!("change {name}"),
            ExprKind::Fn(_) => "change fn".to_string(),
            _ => module_name(call).map_or_else(
                || "change".to_string(),
                |m| format!("change {}", self.module_named(&m)),
            ),
        };
        self.ignore(entity.offset, what);
        Ok(None)
    }

    // ----- aggregates, calculations -----

    fn aggregates_section(&mut self, section: &Entity<'a>, out: &mut Sections<'a>) -> Result<(), LoadError> {
        for expr in &section.nested {
            let Some(entity) = Entity::of(expr) else { continue };
            let Some(kind) = AggregateKind::from_name(entity.name) else {
                self.ignore(entity.offset, format!("aggregates: {}", entity.name));
                continue;
            };
            let name = self.name_arg(&entity, 0)?;
            let path = match entity.arg(1) {
                Some(path) => self.names_or_name(path)?,
                None => {
                    return Err(self.error(
                        entity.offset,
                        format!("{} :{name} needs a relationship", kind.name()),
                    ));
                }
            };
            if path.len() != 1 {
                self.ignore(
                    entity.offset,
                    format!(
                        "{} :{name} over a path of {} relationships",
                        kind.name(),
                        path.len()
                    ),
                );
                continue;
            }
            let mut aggregate = Aggregate {
                name: name.clone(),
                kind,
                relationship: path[0].clone(),
                filter: None,
                field: match entity.arg(2) {
                    Some(field) => Some(self.name(field)?),
                    None => None,
                },
                sort: Vec::new(),
            };
            for (key, value) in entity.options.clone() {
                match key {
                    "filter" => aggregate.filter = self.expression(value),
                    "field" => aggregate.field = Some(self.name(value)?),
                    "sort" => aggregate.sort = self.sort(value)?,
                    "description" | "private?" | "filterable?" | "sortable?" => {}
                    other => self.ignore(
                        value.span.start,
                        format!("{} :{name} option {other}", kind.name()),
                    ),
                }
            }
            if aggregate.filter.as_ref().is_some_and(|f| has_pin(&f.ast)) {
                self.ignore(entity.offset, format!("{} :{name} filter with ^", kind.name()));
                continue;
            }
            out.aggregates.push(aggregate);
        }
        Ok(())
    }

    fn calculations_section(
        &mut self,
        section: &Entity<'a>,
        out: &mut Sections<'a>,
    ) -> Result<(), LoadError> {
        for entity in self.entities_named(section, "calculations", "calculate") {
            let name = self.name_arg(&entity, 0)?;
            let ty = match entity.arg(1) {
                Some(ty) => self.ty(ty)?,
                None => return Err(self.error(entity.offset, format!("calculate :{name} needs a type"))),
            };
            let body = entity.arg(2).or_else(|| entity.option("calculation"));
            let Some(expr) = body.and_then(|b| self.expression(b)) else {
                self.ignore(entity.offset, format!("calculate :{name} (module calculation)"));
                continue;
            };
            if entity
                .nested
                .iter()
                .any(|n| Entity::of(n).is_some_and(|e| e.name == "argument"))
                || has_pin(&expr.ast)
            {
                self.ignore(
                    entity.offset,
                    format!("calculate :{name} (calculation with arguments)"),
                );
                continue;
            }
            for (option, value) in entity.options.clone() {
                if !matches!(
                    option,
                    "calculation" | "description" | "allow_nil?" | "filterable?" | "sortable?"
                ) {
                    self.ignore(value.span.start, format!("calculate :{name} option {option}"));
                }
            }
            out.calculations.push(Calculation { name, ty, expr });
        }
        Ok(())
    }

    // ----- identities, code interface, postgres -----

    fn identities_section(&mut self, section: &Entity<'a>, out: &mut Sections<'a>) -> Result<(), LoadError> {
        for entity in self.entities_named(section, "identities", "identity") {
            let name = self.name_arg(&entity, 0)?;
            let keys = match entity.arg(1) {
                Some(keys) => self.names_or_name(keys)?,
                None => return Err(self.error(entity.offset, format!("identity :{name} needs keys"))),
            };
            for (option, value) in entity.options.clone() {
                // The checks Ash makes with `eager_check_with`/`pre_check_with` are made anyway.
                if !matches!(option, "description" | "eager_check_with" | "pre_check_with") {
                    self.ignore(value.span.start, format!("identity :{name} option {option}"));
                }
            }
            out.identities.push(Identity { name, keys });
        }
        Ok(())
    }

    fn code_interface_section(
        &mut self,
        section: &Entity<'a>,
        out: &mut Sections<'a>,
    ) -> Result<(), LoadError> {
        for (key, value) in section.options.clone() {
            match key {
                "define_for" => out.define_for = module_name(value).map(|m| self.module_named(&m)),
                other => self.ignore(value.span.start, format!("code_interface {other}")),
            }
        }
        for entity in self.entities_named(section, "code_interface", "define") {
            let name = self.name_arg(&entity, 0)?;
            let mut interface = Interface {
                action: name.clone(),
                name,
                args: Vec::new(),
                get: false,
                get_by: Vec::new(),
            };
            for (key, value) in entity.options.clone() {
                match key {
                    "action" => interface.action = self.name(value)?,
                    "args" => {
                        for arg in list_items(value) {
                            match &arg.kind {
                                ExprKind::Atom(a) => interface.args.push(a.clone()),
                                _ => self.ignore(
                                    arg.span.start,
                                    format!("define :{} optional args", interface.name),
                                ),
                            }
                        }
                    }
                    "get?" => interface.get = self.bool(value)?,
                    "get_by" => {
                        interface.get_by = self.names_or_name(value)?;
                        interface.get = true;
                    }
                    "get_by_identity" => {
                        // Resolved to the identity's keys in `finish` (identities may come later).
                        let identity = self.name(value)?;
                        out.get_by_identities
                            .push((out.interfaces.len(), identity, value.span.start));
                        interface.get = true;
                    }
                    other => self.ignore(
                        value.span.start,
                        format!("define :{} option {other}", interface.name),
                    ),
                }
            }
            out.interfaces.push(interface);
        }
        Ok(())
    }

    fn postgres_section(&mut self, section: &Entity<'a>, out: &mut Sections<'a>) {
        for (key, value) in section.options.clone() {
            match key {
                "table" => out.table = self.string(value),
                "schema" => out.schema = self.string(value),
                "repo" => out.repo = module_name(value).map(|m| self.module_named(&m)),
                // The columns' SQL types: PostgreSQL casts values to and from them.
                "migration_types" => {
                    for (name, ty) in keyword_pairs(self.deref_attribute(value)).unwrap_or_default() {
                        match &ty.kind {
                            ExprKind::Atom(a) => {
                                out.storage.push((name.clone(), a.to_string()));
                                out.migration.types.push((name, a.to_string(), None));
                            }
                            ExprKind::Tuple(items) => match items.as_slice() {
                                [
                                    Expr {
                                        kind: ExprKind::Atom(a),
                                        ..
                                    },
                                    Expr {
                                        kind: ExprKind::Int(size),
                                        ..
                                    },
                                ] => out.migration.types.push((name, a.to_string(), Some(*size))),
                                _ => self.ignore(ty.span.start, format!("migration_types {name}")),
                            },
                            _ => match self.string(ty) {
                                Some(text) => {
                                    out.storage.push((name.clone(), text.clone()));
                                    out.migration.types.push((name, text, None));
                                }
                                None => self.ignore(ty.span.start, format!("migration_types {name}")),
                            },
                        }
                    }
                }
                // The rest shape migrations, not reads and writes.
                "migration_defaults" => {
                    for (name, code) in keyword_pairs(self.deref_attribute(value)).unwrap_or_default() {
                        match self.string(code) {
                            Some(code) => out.migration.defaults.push((name, code)),
                            None => self.ignore(code.span.start, format!("migration_defaults {name}")),
                        }
                    }
                }
                "identity_index_names" => {
                    for (name, index) in keyword_pairs(self.deref_attribute(value)).unwrap_or_default() {
                        if let Some(index) = self.string(index) {
                            out.migration.identity_index_names.push((name, index));
                        }
                    }
                }
                "skip_unique_indexes" => {
                    out.migration.skip_unique_indexes = self.names_or_name(value).unwrap_or_default();
                }
                "migration_ignore_attributes" => {
                    out.migration.ignore_attributes = self.names_or_name(value).unwrap_or_default();
                }
                "base_filter_sql" => out.migration.base_filter_sql = self.string(value),
                "migrate?" => out.migration.migrate = self.bool(value).unwrap_or(true),
                "unique_index_names"
                | "foreign_key_names"
                | "exclusion_constraint_names"
                | "skip_identities"
                | "polymorphic?" => {}
                other => self.ignore(value.span.start, format!("postgres {other}")),
            }
        }
        for expr in &section.nested {
            let Some(entity) = Entity::of(expr) else { continue };
            match entity.name {
                "references" => {
                    for reference in self.entities_named(&entity, "references", "reference") {
                        if let Some(options) = self.reference(&reference) {
                            out.migration.references.push(options);
                        }
                    }
                }
                "custom_indexes" => {
                    for index in self.entities_named(&entity, "custom_indexes", "index") {
                        if let Some(index) = self.custom_index(&index) {
                            out.migration.custom_indexes.push(index);
                        }
                    }
                }
                "check_constraints" => {
                    for check in self.entities_named(&entity, "check_constraints", "check_constraint") {
                        if let Some(check) = self.check_constraint(&check) {
                            out.migration.check_constraints.push(check);
                        }
                    }
                }
                other => self.ignore(entity.offset, format!("postgres: {other}")),
            }
        }
    }

    /// `reference :rel, on_delete: :delete, name: "..."`.
    fn reference(&mut self, entity: &Entity<'a>) -> Option<ReferenceOptions> {
        let relationship = self.name_arg(entity, 0).ok()?;
        let mut options = ReferenceOptions {
            relationship,
            ..ReferenceOptions::default()
        };
        let atom_or_string = |this: &Self, v: &'a Expr| match &this.deref_attribute(v).kind {
            ExprKind::Atom(a) => Some(a.clone()),
            _ => this.string(v),
        };
        for (key, value) in entity.options.clone() {
            match key {
                "ignore?" => options.ignore = self.bool(value).unwrap_or(false),
                "name" => options.name = self.string(value),
                "on_delete" => options.on_delete = atom_or_string(self, value),
                "on_update" => options.on_update = atom_or_string(self, value),
                "deferrable" => {
                    options.deferrable = match &value.kind {
                        ExprKind::Bool(false) => None,
                        ExprKind::Bool(true) => Some("true".into()),
                        _ => atom_or_string(self, value),
                    }
                }
                "match_type" => options.match_type = atom_or_string(self, value),
                "match_with" => {
                    options.match_with = keyword_pairs(value).map(|pairs| {
                        pairs
                            .into_iter()
                            .filter_map(|(k, v)| Some((k, atom_or_string(self, v)?)))
                            .collect()
                    });
                }
                other => self.ignore(value.span.start, format!("reference option {other}")),
            }
        }
        Some(options)
    }

    /// `index [:a, "lower(b)"], unique: true, where: "..."`.
    fn custom_index(&mut self, entity: &Entity<'a>) -> Option<CustomIndex> {
        let fields = entity.arg(0)?;
        let mut index = CustomIndex {
            nulls_distinct: true,
            ..CustomIndex::default()
        };
        for field in list_items(self.deref_attribute(fields)) {
            match &field.kind {
                ExprKind::Atom(a) => index.fields.push(IndexField::Atom(a.clone())),
                _ => match self.string(field) {
                    Some(text) => index.fields.push(IndexField::Str(text)),
                    None => {
                        self.ignore(field.span.start, "custom index field");
                        return None;
                    }
                },
            }
        }
        for (key, value) in entity.options.clone() {
            match key {
                "name" => index.name = self.string(value),
                "unique" => index.unique = self.bool(value).unwrap_or(false),
                "concurrently" => index.concurrently = self.bool(value).unwrap_or(false),
                "using" => index.using = self.string(value),
                "prefix" => index.prefix = self.string(value),
                "where" => index.where_clause = self.string(value),
                "include" => {
                    index.include = Some(
                        list_items(value)
                            .iter()
                            .filter_map(|v| self.string(v).or_else(|| self.name(v).ok()))
                            .collect(),
                    );
                }
                "message" => index.message = self.string(value),
                "nulls_distinct" => index.nulls_distinct = self.bool(value).unwrap_or(true),
                "all_tenants?" => index.all_tenants = self.bool(value).unwrap_or(false),
                "error_fields" => index.error_fields = self.names(value).ok(),
                other => self.ignore(value.span.start, format!("custom index option {other}")),
            }
        }
        Some(index)
    }

    /// `check_constraint :attribute, "name", check: "sql", message: "..."`.
    fn check_constraint(&mut self, entity: &Entity<'a>) -> Option<CheckConstraint> {
        let attributes = self.names_or_name(entity.arg(0)?).ok()?;
        let name = entity
            .arg(1)
            .and_then(|n| self.string(n).or_else(|| self.name(n).ok()))?;
        let mut check = CheckConstraint {
            attributes,
            name,
            ..CheckConstraint::default()
        };
        for (key, value) in entity.options.clone() {
            match key {
                "check" => check.check = self.string(value),
                "message" => check.message = self.string(value),
                other => self.ignore(value.span.start, format!("check_constraint option {other}")),
            }
        }
        Some(check)
    }

    // ----- putting it together -----

    fn finish(&mut self, def: &ModuleDef<'a>, sections: Sections<'a>) -> Result<Resource, LoadError> {
        let Sections {
            mut attributes,
            belongs_to_keys,
            relationships,
            join_relationships,
            aggregates,
            calculations,
            default_actions,
            actions: explicit,
            default_accept,
            identities,
            storage,
            interfaces,
            define_for,
            table,
            schema,
            repo,
            migration,
            mut base_filter,
            get_by_identities,
        } = sections;
        let mut interfaces = interfaces;
        for (index, name, offset) in get_by_identities {
            let Some(identity) = identities.iter().find(|i| i.name == name) else {
                return Err(self.error(offset, format!("get_by_identity: no identity :{name}")));
            };
            if let Some(interface) = interfaces.get_mut(index) {
                interface.get_by = identity.keys.clone();
            }
        }
        for key in belongs_to_keys {
            if !attributes.iter().any(|a| a.name == key.name) {
                attributes.push(key);
            }
        }
        let mut relationships = relationships;
        let known: Vec<(String, String)> = relationships
            .iter()
            .chain(&join_relationships)
            .map(|r| (r.name.clone(), r.destination.clone()))
            .collect();
        for rel in &mut relationships {
            if let Some(through) = &mut rel.through
                && through.resource.is_empty()
            {
                match known.iter().find(|(name, _)| *name == through.join_relationship) {
                    Some((_, join)) => through.resource.clone_from(join),
                    None => {
                        return Err(self.error(
                            def.offset,
                            format!("{}: many_to_many :{} needs `through`", def.name, rel.name),
                        ));
                    }
                }
            }
        }
        // Aggregates read through a many_to_many's join are not implemented.
        let mut aggregates = aggregates;
        let many_to_many: Vec<String> = relationships
            .iter()
            .filter(|r| r.kind == RelationshipKind::ManyToMany)
            .map(|r| r.name.clone())
            .collect();
        let before = aggregates.len();
        aggregates.retain(|a| !many_to_many.contains(&a.relationship));
        if aggregates.len() < before {
            self.ignore(def.offset, "aggregates over many_to_many relationships");
        }
        self.belongs_to = relationships
            .iter()
            .filter(|r| r.kind == RelationshipKind::BelongsTo)
            .map(|r| r.name.clone())
            .collect();
        for attribute in std::mem::take(&mut self.extension_attributes) {
            if !attributes.iter().any(|a| a.name == attribute.name) {
                attributes.insert(0, attribute);
            }
        }
        if self.token_resource {
            // AshAuthentication.TokenResource adds its attributes first (prepended, so reversed).
            let mut added = token_attributes();
            added.append(&mut attributes);
            attributes = added;
        }
        for attribute in &mut attributes {
            if let Some((_, sql)) = storage.iter().find(|(name, _)| *name == attribute.name) {
                attribute.storage = Some(sql.clone());
            }
        }
        if !attributes.iter().any(|a| a.primary_key) && !self.keyless && !self.dsl_extensions.is_empty() {
            // Ash accepts it: an extension adds the attributes (AshAuthentication.UserIdentity
            // adds all of them). Not an error; the caller skips the resource with a warning.
            self.keyed_by = self.dsl_extensions.clone();
        } else if !attributes.iter().any(|a| a.primary_key) && !self.keyless {
            return Err(self.error(
                def.offset,
                format!(
                    "{}: resources without a primary key are not yet supported",
                    def.name
                ),
            ));
        }
        let public: Vec<String> = match default_accept {
            Some(list) => list,
            None => attributes
                .iter()
                .filter(|a| !a.private)
                .map(|a| a.name.clone())
                .collect(),
        };
        let mut actions = Vec::new();
        for (kind, _) in default_actions.iter().rev() {
            actions.push(Action {
                name: kind.name().to_string(),
                kind: *kind,
                primary: true,
                accept: if *kind == ActionKind::Destroy {
                    Vec::new()
                } else {
                    public.clone()
                },
                arguments: Vec::new(),
                changes: Vec::new(),
                filter: None,
                get: false,
                refused: None,
                soft: false,
            });
        }
        for (entity, kind) in &explicit {
            let action = self.action(entity, *kind, &public)?;
            if actions.iter().any(|a: &Action| a.name == action.name) {
                return Err(self.error(entity.offset, format!("duplicate action name :{}", action.name)));
            }
            if action.primary {
                for other in actions.iter_mut().filter(|a| a.kind == *kind) {
                    other.primary = false;
                }
            }
            actions.push(action);
        }
        if self.archival {
            // AshArchival 0.1's transformer: every destroy becomes soft, setting archived_at
            // first, and reads keep to `is_nil(archived_at)` (its ArchiveRelated change, which
            // archives the `archive_related` relationships, has nothing to do by default).
            for action in actions.iter_mut().filter(|a| a.kind == ActionKind::Destroy) {
                action.soft = true;
                action.changes.insert(
                    0,
                    Change::SetAttribute {
                        attribute: "archived_at".into(),
                        value: ChangeValue::Function("DateTime.utc_now".into()),
                    },
                );
            }
            base_filter.splice(0..0, synthetic_expr("is_nil(archived_at)", self.line(def.offset)));
        }
        let mut all_relationships = join_relationships;
        all_relationships.extend(relationships);
        let table = match table {
            Some(table) => table,
            None => {
                let table = format!(
                    "{}s",
                    underscore(def.name.rsplit('.').next().unwrap_or(&def.name))
                );
                self.ignore(def.offset, format!("no postgres table: using \"{table}\""));
                table
            }
        };
        Ok(Resource {
            name: def.name.clone(),
            table,
            schema,
            repo,
            attributes,
            relationships: all_relationships,
            aggregates,
            calculations,
            actions,
            identities,
            interfaces,
            define_for,
            file: self.cx.file.path.clone(),
            extensions: std::mem::take(&mut self.extensions),
            migration,
            base_filter,
        })
    }

    // ----- values -----

    /// `@name` refers to a module attribute defined earlier in the module.
    fn deref_attribute(&self, expr: &'a Expr) -> &'a Expr {
        match &expr.kind {
            ExprKind::ModuleAttribute { name, value: None } => {
                self.attributes.get(name).copied().unwrap_or(expr)
            }
            _ => expr,
        }
    }

    fn name_arg(&self, entity: &Entity<'a>, n: usize) -> Result<String, LoadError> {
        match entity.arg(n) {
            Some(expr) => self.name(expr),
            None => Err(self.error(entity.offset, format!("{} needs a name", entity.name))),
        }
    }

    /// An atom (`:subject`) as a name.
    fn name(&self, expr: &'a Expr) -> Result<String, LoadError> {
        match &self.deref_attribute(expr).kind {
            ExprKind::Atom(name) => Ok(name.clone()),
            _ => Err(self.error(expr.span.start, "expected an atom")),
        }
    }

    fn names(&self, expr: &'a Expr) -> Result<Vec<String>, LoadError> {
        list_items(self.deref_attribute(expr))
            .iter()
            .map(|e| self.name(e))
            .collect()
    }

    /// `:a` or `[:a, :b]`.
    fn names_or_name(&self, expr: &'a Expr) -> Result<Vec<String>, LoadError> {
        match &self.deref_attribute(expr).kind {
            ExprKind::List { .. } => self.names(expr),
            _ => Ok(vec![self.name(expr)?]),
        }
    }

    fn bool(&self, expr: &'a Expr) -> Result<bool, LoadError> {
        match &self.deref_attribute(expr).kind {
            ExprKind::Bool(b) => Ok(*b),
            _ => Err(self.error(expr.span.start, "expected true or false")),
        }
    }

    fn string(&self, expr: &'a Expr) -> Option<String> {
        match self.literal(expr) {
            Some(Literal::Str(s)) => Some(s),
            _ => None,
        }
    }

    fn literal(&self, expr: &'a Expr) -> Option<Literal> {
        let expr = self.deref_attribute(expr);
        Some(match &expr.kind {
            ExprKind::Nil => Literal::Nil,
            ExprKind::Bool(b) => Literal::Bool(*b),
            ExprKind::Int(i) => Literal::Int(*i),
            ExprKind::Float(f) => Literal::Float(*f),
            ExprKind::Atom(a) => Literal::Atom(a.clone()),
            ExprKind::Str(parts) => {
                let mut text = String::new();
                for part in parts {
                    match part {
                        crate::syntax::ast::StrPart::Lit(s) => text.push_str(s),
                        crate::syntax::ast::StrPart::Interp(_) => return None,
                    }
                }
                Literal::Str(text)
            }
            ExprKind::Unary {
                op: crate::syntax::ast::UnaryOp::Neg,
                operand,
            } => match self.literal(operand)? {
                Literal::Int(i) => Literal::Int(-i),
                Literal::Float(f) => Literal::Float(-f),
                _ => return None,
            },
            ExprKind::Map { base: None, entries } if entries.is_empty() => Literal::EmptyMap,
            ExprKind::List { items, tail: None } => Literal::List(
                items
                    .iter()
                    .map(|i| self.literal(i))
                    .collect::<Option<Vec<_>>>()?,
            ),
            _ => return None,
        })
    }

    fn default(&mut self, expr: &'a Expr) -> Option<Default> {
        if let ExprKind::CaptureNamed {
            module: Some(module),
            name,
            arity: 0,
        } = &expr.kind
        {
            let function = format!("{}.{name}", self.module_named(module));
            if !crate::model::DEFAULT_FUNCTIONS.contains(&function.as_str()) {
                self.ignore(expr.span.start, format!("default &{function}/0"));
                return None;
            }
            return Some(Default::Function(function));
        }
        match self.literal(expr) {
            Some(literal) => Some(Default::Literal(literal)),
            None => {
                self.ignore(
                    expr.span.start,
                    "a default that is not a literal or a &Module.fun/0 capture",
                );
                None
            }
        }
    }

    /// The expression of `expr(...)` (or a bare literal filter such as `[status: :open]`).
    fn expression(&self, expr: &'a Expr) -> Option<ModelExpr> {
        let ast = match &expr.kind {
            ExprKind::Call {
                target: None,
                name,
                args,
                ..
            } if name == "expr" && args.len() == 1 => &args[0],
            ExprKind::List { .. } if keyword_pairs(expr).is_some() => expr,
            _ => return None,
        };
        let text = self
            .cx
            .file
            .text
            .get(ast.span.start..ast.span.end)
            .unwrap_or_default();
        Some(ModelExpr {
            ast: ast.clone(),
            text: text.split_whitespace().collect::<Vec<_>>().join(" "),
            line: self.line(ast.span.start),
        })
    }

    fn sort(&self, expr: &'a Expr) -> Result<Vec<(String, bool)>, LoadError> {
        let expr = self.deref_attribute(expr);
        if let Some(pairs) = keyword_pairs(expr) {
            return pairs
                .into_iter()
                .map(|(field, order)| {
                    let descending = matches!(&order.kind, ExprKind::Atom(o) if o.starts_with("desc"));
                    Ok((field, descending))
                })
                .collect();
        }
        Ok(self
            .names_or_name(expr)?
            .into_iter()
            .map(|f| (f, false))
            .collect())
    }

    fn ty(&mut self, expr: &'a Expr) -> Result<Type, LoadError> {
        let expr = self.deref_attribute(expr);
        match &expr.kind {
            ExprKind::Atom(name) => Ok(Type::from_name(name).unwrap_or_else(|| {
                // A short name the project registers (`config :ash, :custom_types, …`).
                self.ignore(
                    expr.span.start,
                    format!("type :{name} (read and written as text)"),
                );
                Type::Other(name.as_str().into())
            })),
            ExprKind::Tuple(items) => match items.as_slice() {
                [
                    Expr {
                        kind: ExprKind::Atom(array),
                        ..
                    },
                    inner,
                ] if array == "array" => Ok(Type::Array(std::rc::Rc::new(self.ty(inner)?))),
                _ => Err(self.error(expr.span.start, "expected a type")),
            },
            _ => match module_name(expr) {
                Some(module) => {
                    let module = self.module_named(&module);
                    if let Some(ty) = Type::from_name(&module) {
                        return Ok(ty);
                    }
                    if let Some(values) = self.cx.enums.get(&module) {
                        return Ok(Type::Enum {
                            module: module.as_str().into(),
                            values: values.clone().into(),
                        });
                    }
                    self.ignore(
                        expr.span.start,
                        format!("type {module} (read and written as text)"),
                    );
                    Ok(Type::Other(module.as_str().into()))
                }
                None => Err(self.error(expr.span.start, "expected a type")),
            },
        }
    }
}

/// The attributes AshAuthentication.TokenResource adds, in the order `attributes/1` lists
/// them (its transformer prepends each, so the last added comes first).
/// An expression an extension adds (`is_nil(archived_at)`), as if written at `line`.
fn synthetic_expr(text: &str, line: usize) -> Option<ModelExpr> {
    let ast = crate::syntax::parse(text).ok()?.pop()?;
    Some(ModelExpr {
        ast,
        text: text.to_string(),
        line,
    })
}

fn token_attributes() -> Vec<Attribute> {
    let required = |name: &str, ty: Type| {
        let mut attribute = Attribute::new(name, ty);
        attribute.allow_nil = false;
        attribute
    };
    let timestamp = |name: &str, update: bool| {
        let mut attribute = required(name, Type::UtcDatetimeUsec);
        attribute.writable = false;
        attribute.private = true;
        attribute.default = Some(Default::Function("DateTime.utc_now".into()));
        attribute.match_other_defaults = true;
        if update {
            attribute.update_default = attribute.default.clone();
        }
        attribute
    };
    let mut jti = required("jti", Type::String);
    jti.primary_key = true;
    jti.sensitive = true;
    vec![
        timestamp("updated_at", true),
        timestamp("created_at", false),
        Attribute::new("extra_data", Type::Map),
        required("purpose", Type::String),
        required("expires_at", Type::UtcDatetime),
        required("subject", Type::String),
        jti,
    ]
}

/// The items of a list expression (a non-list is one item).
pub fn list_items(expr: &Expr) -> Vec<&Expr> {
    match &expr.kind {
        ExprKind::List { items, .. } => items.iter().collect(),
        _ => vec![expr],
    }
}

/// `full_name(user)` → `full_name/1` for messages.
fn function_head(head: &Expr) -> String {
    match &head.kind {
        ExprKind::Call { name, args, .. } => format!("{name}/{}", args.len()),
        ExprKind::Var(name) => format!("{name}/0"),
        ExprKind::Binary { left, .. } => function_head(left),
        _ => "?".to_string(),
    }
}

/// True when an expression pins a value (`^arg(:x)`, `^actor(:id)`).
fn has_pin(expr: &Expr) -> bool {
    let mut found = matches!(expr.kind, ExprKind::Pin(_));
    crate::syntax::ast::for_each_child(expr, &mut |child| found |= has_pin(child));
    found
}

/// Elixir's `Macro.underscore` for one module segment: `OrderItem` → `order_item`,
/// `HTTPRequest` → `http_request`, `S3Object` → `s3_object`.
pub fn underscore(segment: &str) -> String {
    let chars: Vec<char> = segment.chars().collect();
    let mut out = String::new();
    for (i, c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            let previous = i.checked_sub(1).map(|p| chars[p]);
            let next = chars.get(i + 1);
            let boundary = match previous {
                Some(p) if p.is_lowercase() || p.is_ascii_digit() => true,
                Some(p) if p.is_uppercase() => next.is_some_and(|n| n.is_lowercase()),
                _ => false,
            };
            if boundary {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(*c);
        }
    }
    out
}

/// Reads `entries do entry X end` (registry) or `resources do resource X; registry R end` (api).
pub fn listed_modules(def: &ModuleDef<'_>, section: &str, entry: &str) -> Vec<(String, bool)> {
    let mut aliases = def.aliases.clone();
    let mut out = Vec::new();
    for item in &def.body {
        let Some((name, args)) = local_call(item) else {
            continue;
        };
        if name == "alias" {
            aliases.apply(args, &def.name);
            continue;
        }
        if name != section {
            continue;
        }
        let Some(body) = args.last().and_then(|a| keyword(a, "do")) else {
            continue;
        };
        for expr in block_items(body) {
            if let Some((name, args)) = local_call(expr)
                && let Some(module) = args.first().and_then(module_name)
            {
                let module = aliases.resolve(&module);
                if name == entry {
                    out.push((module, false));
                } else if name == "registry" {
                    out.push((module, true));
                }
            }
        }
    }
    out
}

/// The values of `use Ash.Type.Enum, values: [...]` (atoms, or keyword keys with descriptions).
/// The extensions a repo module's `def installed_extensions do [...] end` lists (string items;
/// extension modules are left out).
pub fn installed_extensions(def: &ModuleDef<'_>) -> Vec<String> {
    for item in &def.body {
        let Some(entity) = Entity::of(item) else { continue };
        if entity.name != "def" {
            continue;
        }
        let named = entity.arg(0).is_some_and(|head| match &head.kind {
            ExprKind::Var(name) => name == "installed_extensions",
            ExprKind::Call { name, args, .. } => name == "installed_extensions" && args.is_empty(),
            _ => false,
        });
        let body = entity.nested.last().copied().or_else(|| entity.option("do"));
        if let (true, Some(body)) = (named, body) {
            return list_items(body)
                .iter()
                .filter_map(|item| match &item.kind {
                    ExprKind::Str(parts) => match parts.as_slice() {
                        [crate::syntax::ast::StrPart::Lit(s)] => Some(s.clone()),
                        _ => None,
                    },
                    _ => None,
                })
                .collect();
        }
    }
    Vec::new()
}

pub fn enum_values(def: &ModuleDef<'_>) -> Vec<String> {
    let Some(values) = def.use_options.and_then(|o| keyword(o, "values")) else {
        return Vec::new();
    };
    list_items(values)
        .iter()
        .filter_map(|item| match &item.kind {
            ExprKind::Atom(a) => Some(a.clone()),
            ExprKind::Tuple(pair) => match pair.first().map(|k| &k.kind) {
                Some(ExprKind::Atom(a)) => Some(a.clone()),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::underscore;

    #[test]
    fn underscore_follows_macro_underscore() {
        for (segment, expected) in [
            ("Ticket", "ticket"),
            ("OrderItem", "order_item"),
            ("HTTPRequest", "http_request"),
            ("S3Object", "s3_object"),
            ("OAuth2Token", "o_auth2_token"),
            ("User2Fa", "user2_fa"),
        ] {
            assert_eq!(underscore(segment), expected, "{segment}");
        }
    }
}
