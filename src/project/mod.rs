//! Reading a project: which directory (or the bundled chapter), its `lib/**/*.ex` files, and
//! the resources, apis and enums they define, compiled into one `model::Project`.
//!
//! Files are parsed by `syntax` (an Ash resource is Elixir); no regexes over source text. No
//! database and no terminal here: warnings are returned, not printed.

pub mod bundled;
mod dsl;
mod entity;
pub mod introspect;
pub mod mix_config;
mod modules;
pub mod new;
mod print;

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::model::{Api, Project, Warning};
pub use modules::SourceFile;
use modules::{ModuleKind, modules};

/// A resource file that cannot be read: `file:line: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for LoadError {}

/// Where the resources come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// The chapter's project, embedded in the binary.
    Bundled,
    /// A directory with `lib/**/*.ex` (an Ash project, or one `helpdesk new` wrote).
    Dir(PathBuf),
    /// Resource files made at start-up, not read from a directory: `--introspect`'s (the
    /// files `helpdesk db introspect --write` would write).
    Generated(Rc<[SourceFile]>),
}

impl Location {
    /// `--project DIR`, else `$HELPDESK_PROJECT`, else the current directory when it holds a
    /// `mix.exs` or a `lib/**/*.ex` defining a resource, else the bundled chapter.
    pub fn find(flag: Option<&str>) -> Location {
        if let Some(dir) = flag {
            return Location::Dir(PathBuf::from(dir));
        }
        if let Ok(dir) = std::env::var("HELPDESK_PROJECT")
            && !dir.is_empty()
        {
            return Location::Dir(PathBuf::from(dir));
        }
        let here = PathBuf::from(".");
        if here.join("mix.exs").is_file() || defines_resource(&here.join("lib")) {
            return Location::Dir(here);
        }
        Location::Bundled
    }

    /// The project's directory, if it has one.
    pub fn dir(&self) -> Option<&Path> {
        match self {
            Location::Bundled | Location::Generated(_) => None,
            Location::Dir(dir) => Some(dir),
        }
    }
}

/// Reads the project at a location.
pub fn load(location: &Location) -> Result<Rc<Project>, LoadError> {
    match location {
        Location::Bundled => compile(&bundled::sources()),
        Location::Dir(dir) => compile(&read_dir(dir)?),
        Location::Generated(files) => compile(files),
    }
}

/// The bundled chapter project, compiled. It is part of the binary and covered by the test
/// suite, so it always compiles.
pub fn chapter() -> Rc<Project> {
    compile(&bundled::sources()).unwrap_or_default()
}

/// The `.ex` files under `dir/lib`, sorted by path, with paths relative to `dir`.
pub fn read_dir(dir: &Path) -> Result<Vec<SourceFile>, LoadError> {
    let lib = dir.join("lib");
    if !lib.is_dir() {
        return Err(LoadError {
            file: dir.display().to_string(),
            line: 0,
            message: "no lib/ directory with resource files".to_string(),
        });
    }
    let mut paths = Vec::new();
    walk(&lib, &mut paths);
    paths.sort();
    let mut files = Vec::new();
    for path in paths {
        let shown = path.strip_prefix(dir).unwrap_or(&path).display().to_string();
        let text = std::fs::read_to_string(&path).map_err(|e| LoadError {
            file: shown.clone(),
            line: 0,
            message: format!("cannot read: {e}"),
        })?;
        files.push(SourceFile { path: shown, text });
    }
    Ok(files)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().is_some_and(|e| e == "ex") {
            out.push(path);
        }
    }
}

/// True when some `.ex` file under `lib` mentions `use Ash.Resource` (a cheap test before
/// deciding the current directory is a project; the real reading parses).
fn defines_resource(lib: &Path) -> bool {
    let mut paths = Vec::new();
    walk(lib, &mut paths);
    paths
        .iter()
        .any(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains("use Ash.Resource")))
}

/// Parses and compiles a project's files.
pub fn compile(files: &[SourceFile]) -> Result<Rc<Project>, LoadError> {
    let mut parsed = Vec::new();
    let mut unread = Vec::new();
    for file in files {
        // Only files that may define a module Ash cares about are read; others (LiveViews,
        // controllers, change modules) may use Elixir this parser does not know: they are
        // skipped with a warning when they do not parse.
        if !mentions_ash(&file.text) {
            continue;
        }
        match crate::syntax::parse(&file.text) {
            Ok(program) => parsed.push((file.clone(), program)),
            Err(e) => {
                let (line, _) = e.span.line_col(&file.text);
                let error = LoadError {
                    file: file.path.clone(),
                    line,
                    message: e.message.clone(),
                };
                if defines_ash_module(&file.text) {
                    return Err(error);
                }
                unread.push(Warning {
                    file: error.file,
                    line,
                    message: format!(
                        "skipped (not a resource, api, registry or enum, and not readable here): {}",
                        error.message
                    ),
                });
            }
        }
    }
    let defs = modules(&parsed);
    let enums: HashMap<String, Vec<String>> = defs
        .iter()
        .filter(|d| d.kind == ModuleKind::Enum)
        .map(|d| (d.name.clone(), dsl::enum_values(d)))
        .collect();
    let mut project = Project {
        warnings: unread,
        ..Project::default()
    };
    let mut registries: HashMap<String, Vec<String>> = HashMap::new();
    for def in &defs {
        let file = &parsed[def.file].0;
        match def.kind {
            ModuleKind::Resource => {
                let cx = dsl::Context { file, enums: &enums };
                let compiled = dsl::resource(def, &cx)?;
                if compiled.keyed_by.is_empty()
                    && let Some(warning) = ignored_warning(&compiled.resource.name, file, compiled.ignored)
                {
                    project.warnings.push(warning);
                }
                if !compiled.keyed_by.is_empty() {
                    project.warnings.push(Warning {
                        file: file.path.clone(),
                        line: file.line(def.offset),
                        message: format!(
                            "{}: skipped: it declares no primary key, so its attributes come from its \
                             extensions ({}), which this shell does not model",
                            def.name,
                            compiled.keyed_by.join(", ")
                        ),
                    });
                    project.modules.push(def.name.clone());
                    project.unmodelled_tables.push(compiled.resource.table.clone());
                } else if compiled.embedded {
                    project.warnings.push(Warning {
                        file: file.path.clone(),
                        line: file.line(def.offset),
                        message: format!("{}: embedded resources are not supported; skipped", def.name),
                    });
                    project.modules.push(def.name.clone());
                } else {
                    project.resources.push(compiled.resource);
                }
            }
            ModuleKind::Registry => {
                let entries = dsl::listed_modules(def, "entries", "entry");
                registries.insert(def.name.clone(), entries.into_iter().map(|(m, _)| m).collect());
                project.modules.push(def.name.clone());
            }
            ModuleKind::Repo => {
                project.repos.push(crate::model::Repo {
                    name: def.name.clone(),
                    installed_extensions: dsl::installed_extensions(def),
                });
                project.modules.push(def.name.clone());
            }
            ModuleKind::Enum => project.modules.push(def.name.clone()),
            ModuleKind::Api | ModuleKind::Other => {}
        }
    }
    for def in defs.iter().filter(|d| d.kind == ModuleKind::Api) {
        let mut resources = Vec::new();
        let listed = dsl::listed_modules(def, "resources", "resource");
        // Registry entries come first, in entry order, then the `resource` lines.
        for (module, _) in listed.iter().filter(|(_, registry)| *registry) {
            resources.extend(registries.get(module).cloned().unwrap_or_default());
        }
        resources.extend(
            listed
                .iter()
                .filter(|(_, registry)| !registry)
                .map(|(m, _)| m.clone()),
        );
        project.apis.push(Api {
            name: def.name.clone(),
            resources,
        });
    }
    drop_external_relationships(&mut project, &parsed, &defs);
    check(&project, &parsed, &defs)?;
    Ok(Rc::new(project))
}

/// Cross-resource checks Ash makes at compile time.
/// Relationships to modules that are not resources of the project (defined in a dependency,
/// say) are dropped, with the aggregates over them, and a warning: Ash accepts them, this
/// shell cannot read them.
fn drop_external_relationships(
    project: &mut Project,
    parsed: &[(SourceFile, Vec<crate::syntax::ast::Expr>)],
    defs: &[modules::ModuleDef<'_>],
) {
    let names: Vec<String> = project.resources.iter().map(|r| r.name.clone()).collect();
    let mut warnings = Vec::new();
    for resource in &mut project.resources {
        let external: Vec<String> = resource
            .relationships
            .iter()
            .filter(|r| !names.contains(&r.destination))
            .map(|r| r.name.clone())
            .collect();
        if external.is_empty() {
            continue;
        }
        let (file, line) = defs
            .iter()
            .find(|d| d.name == resource.name)
            .map_or((String::new(), 0), |d| {
                let file = &parsed[d.file].0;
                (file.path.clone(), file.line(d.offset))
            });
        let mut what = Vec::new();
        for name in &external {
            let destination = resource
                .relationship(name)
                .map(|r| r.destination.clone())
                .unwrap_or_default();
            what.push(format!(":{name} (to {destination})"));
        }
        resource.relationships.retain(|r| !external.contains(&r.name));
        resource
            .aggregates
            .retain(|a| !external.contains(&a.relationship));
        warnings.push(Warning {
            file,
            line,
            message: format!(
                "{}: relationships to modules that are not resources of the project skipped: {}",
                resource.name,
                what.join(", ")
            ),
        });
    }
    project.warnings.extend(warnings);
}

fn check(
    project: &Project,
    parsed: &[(SourceFile, Vec<crate::syntax::ast::Expr>)],
    defs: &[modules::ModuleDef<'_>],
) -> Result<(), LoadError> {
    let place = |name: &str| {
        defs.iter()
            .find(|d| d.name == name)
            .map_or((String::new(), 0), |d| {
                let file = &parsed[d.file].0;
                (file.path.clone(), file.line(d.offset))
            })
    };
    for resource in &project.resources {
        for rel in &resource.relationships {
            let Some(dest) = project.resources.iter().find(|r| r.name == rel.destination) else {
                let (file, line) = place(&resource.name);
                return Err(LoadError {
                    file,
                    line,
                    message: format!(
                        "{}: relationship :{} points at {}, which is not a resource of the project",
                        resource.name, rel.name, rel.destination
                    ),
                });
            };
            if dest.attribute(&rel.destination_attribute).is_none() && rel.through.is_none() {
                let (file, line) = place(&resource.name);
                return Err(LoadError {
                    file,
                    line,
                    message: format!(
                        "{}: relationship :{}: {} has no attribute :{}",
                        resource.name, rel.name, rel.destination, rel.destination_attribute
                    ),
                });
            }
        }
        for agg in &resource.aggregates {
            if resource.relationship(&agg.relationship).is_none() {
                let (file, line) = place(&resource.name);
                return Err(LoadError {
                    file,
                    line,
                    message: format!(
                        "{}: aggregate :{}: no relationship :{}",
                        resource.name, agg.name, agg.relationship
                    ),
                });
            }
        }
    }
    Ok(())
}

/// One warning per resource listing what was skipped, at the first skipped line.
fn ignored_warning(resource: &str, file: &SourceFile, ignored: Vec<(usize, String)>) -> Option<Warning> {
    let line = ignored.first()?.0;
    let mut what: Vec<String> = Vec::new();
    for (_, item) in ignored {
        if !what.contains(&item) {
            what.push(item);
        }
    }
    Some(Warning {
        file: file.path.clone(),
        line,
        message: format!(
            "{resource}: ignored (not implemented by this shell): {}",
            what.join(", ")
        ),
    })
}

/// True when the text may define an Ash module (resource, api, registry, enum type, repo).
fn mentions_ash(text: &str) -> bool {
    ["use Ash.", "use AshPostgres.Repo"]
        .iter()
        .any(|m| text.contains(m))
}

/// True when the text has a `use` line of a module the reader compiles (`use Ash.Resource`
/// but not `use Ash.Resource.Change`): such a file must parse.
fn defines_ash_module(text: &str) -> bool {
    [
        "use Ash.Resource",
        "use Ash.Api",
        "use Ash.Registry",
        "use Ash.Type.Enum",
        "use AshPostgres.Repo",
    ]
    .iter()
    .any(|m| {
        text.match_indices(m).any(|(at, _)| {
            !text[at + m.len()..].starts_with(|c: char| c == '.' || c.is_alphanumeric() || c == '_')
        })
    })
}

/// The chapter's resources for unit tests (`ticket()`, `user()`).
#[cfg(test)]
pub mod testing {
    use crate::model::ResourceRef;

    fn leaked(name: &str) -> &'static ResourceRef {
        let resource = crate::eval::project::current()
            .resource(name)
            .expect("a resource of the bundled chapter");
        // Tests only: a few bytes per call, so tests can hold `&'static` like values.
        Box::leak(Box::new(resource))
    }

    pub fn ticket_resource() -> &'static ResourceRef {
        leaked("Support.Ticket")
    }

    pub fn user_resource() -> &'static ResourceRef {
        leaked("Support.User")
    }
}

#[cfg(test)]
mod tests {
    use super::{SourceFile, compile};

    /// What the reader skips is said, per resource, with the first line; a relationship to a
    /// module outside the project is dropped with its aggregates. (A relationship's `filter:`
    /// is read: it is not in the list.)
    #[test]
    fn skipped_options_are_warned_about() {
        let text = r#"defmodule App.Post do
  use Ash.Resource, data_layer: AshPostgres.DataLayer

  postgres do
    table "posts"
  end

  attributes do
    uuid_primary_key :id
    attribute :title, :string, source: :headline
    attribute :code, :string, default: &App.Codes.next/0
  end

  identities do
    identity :unique_title, [:title], message: "taken"
  end

  relationships do
    has_many :comments, App.Post, destination_attribute: :id, filter: expr(title == "x")
    belongs_to :author, Dep.Author
  end

  aggregates do
    count :by_author, :author
  end

  actions do
    defaults [:read]

    update :publish do
      change set_attribute(:title, "x"), where: [attribute_equals(:title, "y")]
    end
  end
end
"#;
        let project = compile(&[SourceFile {
            path: "lib/post.ex".to_string(),
            text: text.to_string(),
        }])
        .expect("the project reads");
        let warnings: Vec<String> = project.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            warnings,
            [
                "lib/post.ex:10: App.Post: ignored (not implemented by this shell): attribute :title source \
                 :headline, default &App.Codes.next/0, identity :unique_title option message, change with \
                 where:",
                "lib/post.ex:1: App.Post: relationships to modules that are not resources of the project \
                 skipped: :author (to Dep.Author)",
            ]
        );
        let post = &project.resources[0];
        assert!(post.relationship("author").is_none() && post.aggregate("by_author").is_none());
        assert_eq!(post.action("publish").map(|a| a.changes.len()), Some(0));
    }

    /// `base_filter`, `soft?`, AshArchival and `manual?` become model data: (resource text,
    /// expected base filters, expected (action, soft, set attributes, refused)).
    #[test]
    fn base_filters_soft_destroys_and_refused_actions() {
        type Expected = (&'static str, bool, Vec<&'static str>, bool);
        let cases: Vec<(&str, &str, Vec<&str>, Vec<Expected>)> = vec![
            (
                "resource do\n    base_filter expr(is_nil(deleted_at))\n  end\n  actions do\n    defaults [:read]\n    destroy :destroy do\n      soft? true\n      change set_attribute(:deleted_at, &DateTime.utc_now/0)\n    end\n  end",
                "",
                vec!["is_nil(deleted_at)"],
                vec![("destroy", true, vec!["deleted_at"], false)],
            ),
            (
                "resource do\n    base_filter [is_nil: :deleted_at]\n  end\n  actions do\n    defaults [:read, :destroy]\n  end",
                ", extensions: [AshArchival.Resource]",
                vec!["is_nil(archived_at)", "[is_nil: :deleted_at]"],
                vec![("destroy", true, vec!["archived_at"], false)],
            ),
            (
                "actions do\n    defaults [:read, :destroy]\n    create :import do\n      manual? true\n    end\n  end",
                "",
                vec![],
                vec![("destroy", false, vec![], false), ("import", false, vec![], true)],
            ),
        ];
        for (body, extensions, filters, actions) in cases {
            let text = format!(
                "defmodule App.Doc do\n  use Ash.Resource, data_layer: AshPostgres.DataLayer{extensions}\n\n  postgres do\n    table \"docs\"\n  end\n\n  attributes do\n    uuid_primary_key :id\n    attribute :deleted_at, :utc_datetime_usec\n  end\n\n  {body}\nend\n"
            );
            let project = compile(&[SourceFile {
                path: "lib/doc.ex".to_string(),
                text,
            }])
            .expect("the project reads");
            let doc = &project.resources[0];
            let texts: Vec<&str> = doc.base_filter.iter().map(|f| f.text.as_str()).collect();
            assert_eq!(texts, filters, "{body}");
            for (name, soft, sets, refused) in actions {
                let action = doc.action(name).expect("the action");
                let set: Vec<&str> = action
                    .changes
                    .iter()
                    .filter_map(|c| match c {
                        crate::model::Change::SetAttribute { attribute, .. } => Some(attribute.as_str()),
                        crate::model::Change::Relate { .. } => None,
                    })
                    .collect();
                assert_eq!(
                    (action.soft, set, action.refused.is_some()),
                    (soft, sets, refused),
                    "{name} of {body}"
                );
            }
        }
    }

    /// A resource that declares no primary key: when an extension is on its `use` line, the
    /// extension may add the key (AshAuthentication.UserIdentity adds every attribute, as in
    /// peterfication/peak_tracker_backend), so Ash accepts it and the reader skips it with a
    /// warning, keeping its table out of `generate-migrations`' orphans; without one it stays
    /// an error. A typespec in the module body reads.
    #[test]
    fn keyless_resources_with_extensions_are_skipped() {
        let resource = |use_line: &str| {
            format!(
                "defmodule App.Identity do\n  {use_line}\n\n  @type t :: t()\n\n  postgres do\n    \
                 table \"user_identities\"\n  end\nend\n"
            )
        };
        /// (use line, warnings or the load error, tables left unmodelled)
        type Case = (
            &'static str,
            Result<Vec<&'static str>, &'static str>,
            Vec<&'static str>,
        );
        let cases: &[Case] = &[
            (
                "use Ash.Resource, data_layer: AshPostgres.DataLayer, extensions: [AshAuthentication.UserIdentity]",
                Ok(vec![
                    "lib/identity.ex:1: App.Identity: skipped: it declares no primary key, so its attributes \
                     come from its extensions (AshAuthentication.UserIdentity), which this shell does not model",
                ]),
                vec!["user_identities"],
            ),
            (
                "use Ash.Resource, data_layer: AshPostgres.DataLayer, notifiers: [Ash.Notifier.PubSub]",
                Err("lib/identity.ex:1: App.Identity: resources without a primary key are not yet supported"),
                vec![],
            ),
            (
                "use Ash.Resource, data_layer: AshPostgres.DataLayer",
                Err("lib/identity.ex:1: App.Identity: resources without a primary key are not yet supported"),
                vec![],
            ),
        ];
        for (use_line, expected, unmodelled) in cases {
            let read = compile(&[SourceFile {
                path: "lib/identity.ex".to_string(),
                text: resource(use_line),
            }]);
            match (read, expected) {
                (Ok(project), Ok(warnings)) => {
                    let got: Vec<String> = project.warnings.iter().map(ToString::to_string).collect();
                    assert_eq!(&got, warnings, "{use_line}");
                    assert!(project.resources.is_empty(), "{use_line}");
                    assert_eq!(&project.unmodelled_tables, unmodelled, "{use_line}");
                }
                (Err(e), Err(message)) => assert_eq!(e.to_string(), *message, "{use_line}"),
                (got, _) => panic!("{use_line}: {:?}", got.map(|p| p.warnings.clone())),
            }
        }
    }

    /// `get_by_identity:` is the identity's keys, resolved when the resource is read (the
    /// identity may come after the code interface); an unknown identity is a `file:line` error.
    #[test]
    fn get_by_identity_is_resolved_when_read() {
        let text = |identity: &str| {
            format!(
                "defmodule App.Doc do\n  use Ash.Resource, data_layer: AshPostgres.DataLayer\n\n  code_interface do\n    define_for App.Api\n    define :by_code, action: :read, get_by_identity: :{identity}\n  end\n\n  attributes do\n    uuid_primary_key :id\n    attribute :code, :string\n    attribute :year, :integer\n  end\n\n  identities do\n    identity :unique_code, [:code, :year]\n  end\n\n  actions do\n    defaults [:read]\n  end\nend\n"
            )
        };
        let read = |identity: &str| {
            compile(&[SourceFile {
                path: "lib/doc.ex".to_string(),
                text: text(identity),
            }])
        };
        let project = read("unique_code").expect("the project reads");
        let interface = &project.resources[0].interfaces[0];
        assert_eq!(
            (interface.get_by.clone(), interface.get),
            (vec!["code".to_string(), "year".to_string()], true)
        );
        let error = read("unique_name").map(|_| ()).map_err(|e| e.to_string());
        assert_eq!(
            error,
            Err("lib/doc.ex:6: get_by_identity: no identity :unique_name".to_string())
        );
    }
}
