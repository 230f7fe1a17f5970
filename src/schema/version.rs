//! Which ash_postgres (and Ash) the snapshots and migrations imitate: the keys a snapshot has
//! and a few texts changed between 1.3.x and 1.5.x. Read from the project's `mix.lock`; a
//! project without one (the bundled chapter, `helpdesk new`) gets ash_postgres 1.3.52 with Ash
//! 2.15, the versions the chapter's migration was checked against.

use std::fmt;

/// `major.minor.patch`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version(pub u32, pub u32, pub u32);

impl Version {
    /// `1.3.52` → `Version(1, 3, 52)`.
    pub fn parse(text: &str) -> Option<Version> {
        let mut parts = text.trim().split('.').map(|p| p.parse::<u32>().ok());
        let version = Version(parts.next()??, parts.next()??, parts.next()??);
        Some(version)
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.0, self.1, self.2)
    }
}

/// The ash_postgres and Ash versions to write as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flavor {
    pub ash_postgres: Version,
    pub ash: Version,
}

impl Default for Flavor {
    fn default() -> Self {
        Flavor {
            ash_postgres: Version(1, 3, 52),
            ash: Version(2, 15, 10),
        }
    }
}

impl Flavor {
    /// The versions a `mix.lock` pins (`"ash_postgres": {:hex, :ash_postgres, "1.5.26", …`).
    /// A git dependency (no version in the lock) is taken as the last 1.x / 2.x releases.
    pub fn from_mix_lock(text: &str) -> Flavor {
        let mut flavor = Flavor::default();
        for line in text.lines() {
            let line = line.trim();
            let pinned = |name: &str| -> Option<Option<Version>> {
                let rest = line.strip_prefix(&format!("\"{name}\": {{"))?;
                if rest.starts_with(":git") {
                    return Some(None);
                }
                let version = rest.split('"').nth(1)?;
                Some(Version::parse(version))
            };
            if let Some(version) = pinned("ash_postgres") {
                flavor.ash_postgres = version.unwrap_or(Version(1, 5, 26));
            } else if let Some(version) = pinned("ash") {
                flavor.ash = version.unwrap_or(Version(2, 21, 14));
            }
        }
        flavor
    }

    pub fn at_least(&self, major: u32, minor: u32, patch: u32) -> bool {
        self.ash_postgres >= Version(major, minor, patch)
    }
}

#[cfg(test)]
mod tests {
    use super::{Flavor, Version};

    #[test]
    fn reads_the_lock() {
        let lock = "%{\n  \"ash\": {:hex, :ash, \"2.21.14\", \"9db\", [:mix], [], \"hexpm\"},\n  \"ash_postgres\": {:hex, :ash_postgres, \"1.5.26\", \"23e\"},\n}";
        let flavor = Flavor::from_mix_lock(lock);
        assert_eq!(flavor.ash_postgres, Version(1, 5, 26));
        assert_eq!(flavor.ash, Version(2, 21, 14));
        let git =
            "  \"ash_postgres\": {:git, \"https://github.com/ash-project/ash_postgres.git\", \"378b\", []},";
        assert_eq!(Flavor::from_mix_lock(git).ash_postgres, Version(1, 5, 26));
        assert_eq!(Flavor::from_mix_lock("").ash_postgres, Version(1, 3, 52));
    }
}
