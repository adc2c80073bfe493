//! The memory budget: how many bytes the process may still allocate for
//! things that grow with a size asked for (grids, packed tori, tiles,
//! generations kept for display, pictures, HashLife nodes).
//!
//! The budget is the smallest of
//!
//! * the memory the system says is available (`MemAvailable` in
//!   `/proc/meminfo`),
//! * what the process's address-space limit (`ulimit -v`, `RLIMIT_AS`)
//!   leaves: the limit, less the address space in use (`VmSize` in
//!   `/proc/self/status`) and [`RESERVE`] for threads' stacks and the
//!   allocator's arenas,
//! * what the memory limit of the process's cgroup leaves: `memory.max`
//!   less `memory.current` (cgroup v2) or `memory.limit_in_bytes` less
//!   `memory.usage_in_bytes` (v1), at its own level and every level above,
//!
//! and it can be set instead ([`set_max_memory`], the command line's
//! `--max-memory`). A limit set replaces the estimate of available memory
//! (so it may raise the budget above it, where swap or memory freed later
//! make room) but not the address-space and cgroup limits, which the
//! kernel enforces whatever corolife believes.
//!
//! Where none of these can be read (another system than Linux, a sandbox
//! without `/proc`), the budget is unlimited and allocations are left to
//! fail, fallibly, where they are made.
//!
//! Anything that allocates in proportion to a size asks the budget first
//! and refuses, before allocating, with a message that names the size, the
//! limit and where the limit comes from:
//!
//! ```
//! use corolife::budget::{Budget, Origin};
//!
//! let budget = Budget::with_limit(64 << 20);
//! assert_eq!(budget.limit(), 64 << 20);
//! assert_eq!(budget.origin(), Origin::Given);
//! assert!(budget.check(1 << 20, || "a small grid".into()).is_ok());
//! let error = budget
//!     .check(1 << 30, || "a 32768x32768 grid needs 1.0 GiB".into())
//!     .expect_err("over the budget");
//! assert_eq!(
//!     error.to_string(),
//!     "a 32768x32768 grid needs 1.0 GiB, but --max-memory allows 64.0 MiB"
//! );
//! // The process's own budget: what the system allows, unless set.
//! let current = Budget::current();
//! assert!(current.limit() > 0);
//! ```

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use thiserror::Error;

/// Address space kept out of the budget under an address-space limit:
/// room for the stacks of the threads still to start and the allocator's
/// per-thread arenas, which take address space before they take memory.
pub const RESERVE: u64 = 128 << 20;

/// Where a budget's limit comes from.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Origin {
    /// The memory the system says is available (`MemAvailable`).
    Available,
    /// The process's address-space limit (`ulimit -v`).
    AddressSpace,
    /// The memory limit of the process's cgroup.
    Cgroup,
    /// A limit set by [`Budget::with_limit`] or [`set_max_memory`]
    /// (`--max-memory`).
    Given,
    /// Nothing is known: the budget is unlimited.
    Unknown,
    /// The budget allowed the request, but the allocator refused it
    /// ([`filled`]).
    Refused,
}

impl fmt::Display for Origin {
    /// `available memory`, `the address-space limit (ulimit -v)`, `the
    /// cgroup's memory limit`, `--max-memory`, `no known limit`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Origin::Available => "available memory",
            Origin::AddressSpace => "the address-space limit (ulimit -v)",
            Origin::Cgroup => "the cgroup's memory limit",
            Origin::Given => "--max-memory",
            Origin::Unknown => "no known limit",
            Origin::Refused => "the allocator",
        })
    }
}

/// More memory asked for than the budget allows.
#[derive(Clone, PartialEq, Eq, Debug, Error)]
#[error("{needs}, but {}", refusal(*.limit, *.origin))]
pub struct MemoryError {
    /// What needs the memory, and how much.
    pub needs: String,
    /// The budget's limit, in bytes.
    pub limit: u64,
    /// Where the limit comes from.
    pub origin: Origin,
}

/// The end of a [`MemoryError`]'s message.
fn refusal(limit: u64, origin: Origin) -> String {
    let limit = human_bytes(limit);
    match origin {
        Origin::Available => format!("only {limit} of memory is available (see --max-memory)"),
        Origin::AddressSpace | Origin::Cgroup => format!("{origin} leaves {limit}"),
        Origin::Given => format!("--max-memory allows {limit}"),
        Origin::Unknown => format!("the limit is {limit}"),
        Origin::Refused => "the system refused that much memory".into(),
    }
}

/// The bytes the process may allocate, and where that limit comes from:
/// see the [module documentation](self).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Budget {
    limit: u64,
    origin: Origin,
}

/// The limit [`set_max_memory`] set; 0 for none.
static MAX_MEMORY: AtomicU64 = AtomicU64::new(0);

/// Sets the process's budget to `bytes` (the command line's
/// `--max-memory`) for every later [`Budget::current`]: it replaces the
/// estimate of available memory, within the address-space and cgroup
/// limits. `None` returns to the estimate.
pub fn set_max_memory(bytes: Option<u64>) {
    MAX_MEMORY.store(bytes.map_or(0, |b| b.max(1)), Ordering::Relaxed);
}

/// The limit [`set_max_memory`] set, if any.
pub fn given_max_memory() -> Option<u64> {
    Some(MAX_MEMORY.load(Ordering::Relaxed)).filter(|&b| b != 0)
}

/// The bytes the process may allocate now, honouring `--max-memory`
/// ([`Budget::current`]'s limit; `u64::MAX` where nothing is known): what
/// a structure that sizes itself in bytes, such as a cache of nodes,
/// should stay within.
pub fn max_memory() -> u64 {
    Budget::current().limit()
}

impl Budget {
    /// The process's budget now: the limit [`set_max_memory`] set, else
    /// the available memory, within the address-space and cgroup limits.
    pub fn current() -> Budget {
        Limits::read().budget(given_max_memory())
    }

    /// A budget of exactly `bytes`, whatever the system says.
    pub const fn with_limit(bytes: u64) -> Budget {
        Budget {
            limit: bytes,
            origin: Origin::Given,
        }
    }

    /// An unlimited budget.
    pub const fn unlimited() -> Budget {
        Budget {
            limit: u64::MAX,
            origin: Origin::Unknown,
        }
    }

    /// The bytes that may be allocated (`u64::MAX` if unlimited).
    pub const fn limit(&self) -> u64 {
        self.limit
    }

    /// Where the limit comes from.
    pub const fn origin(&self) -> Origin {
        self.origin
    }

    /// Refuses `bytes` beyond the limit; `needs` says what needs them and
    /// how much, for the message (`"a 45000x45000 grid needs 3.8 GiB for two
    /// generations"`), and is only called on refusal.
    pub fn check(&self, bytes: u64, needs: impl FnOnce() -> String) -> Result<(), MemoryError> {
        if bytes > self.limit {
            return Err(MemoryError {
                needs: needs(),
                limit: self.limit,
                origin: self.origin,
            });
        }
        Ok(())
    }
}

/// Refuses `bytes` beyond the process's budget now ([`Budget::current`]).
pub fn check(bytes: u64, needs: impl FnOnce() -> String) -> Result<(), MemoryError> {
    Budget::current().check(bytes, needs)
}

/// Requests below this many bytes are allocated without reading the
/// budget first ([`filled`]): reading it costs a few system calls, and a
/// refusal of so little would come too late to matter anyway.
pub const SMALL: u64 = 8 << 20;

/// A vector of `len` copies of `value`, allocated fallibly: refused with a
/// [`MemoryError`] before allocating when it is over the process's budget
/// (checked from [`SMALL`] bytes on), and when the allocator refuses it.
/// `needs` says what needs the memory, for the message.
///
/// ```
/// use corolife::budget;
///
/// let row = budget::filled(1000, 0u8, || "a row".into())?;
/// assert_eq!(row.len(), 1000);
/// let huge = budget::filled(usize::MAX / 2, 0u64, || "a huge table".into());
/// assert!(huge.is_err());
/// # Ok::<(), budget::MemoryError>(())
/// ```
pub fn filled<T: Clone>(
    len: usize,
    value: T,
    needs: impl FnOnce() -> String,
) -> Result<Vec<T>, MemoryError> {
    let bytes = (len as u64).saturating_mul(std::mem::size_of::<T>() as u64);
    let mut needs = Some(needs);
    let mut describe = || {
        let what = needs.take().map_or_else(String::new, |f| f());
        format!("{what} needs {}", human_bytes(bytes))
    };
    if bytes >= SMALL {
        check(bytes, &mut describe)?;
    }
    let mut vector = Vec::new();
    vector.try_reserve_exact(len).map_err(|_| MemoryError {
        needs: describe(),
        limit: bytes,
        origin: Origin::Refused,
    })?;
    vector.resize(len, value);
    Ok(vector)
}

/// What the system says limits the process, each in bytes still free, or
/// `None` where it says nothing.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Limits {
    /// `MemAvailable`.
    pub available: Option<u64>,
    /// The address-space limit less the address space in use and
    /// [`RESERVE`].
    pub address_space: Option<u64>,
    /// The cgroup's memory limit less its use, at the tightest level.
    pub cgroup: Option<u64>,
}

impl Limits {
    /// The limits of this process, read from `/proc` and the cgroup
    /// file system.
    pub fn read() -> Limits {
        Limits {
            available: read("/proc/meminfo").and_then(|text| parse_meminfo(&text)),
            address_space: address_space(),
            cgroup: cgroup(),
        }
    }

    /// The budget these limits give: the smallest of them, `given`
    /// replacing the available memory.
    pub fn budget(&self, given: Option<u64>) -> Budget {
        let candidates = [
            match given {
                Some(bytes) => Some((bytes, Origin::Given)),
                None => self.available.map(|b| (b, Origin::Available)),
            },
            self.address_space.map(|b| (b, Origin::AddressSpace)),
            self.cgroup.map(|b| (b, Origin::Cgroup)),
        ];
        candidates
            .into_iter()
            .flatten()
            .min_by_key(|&(bytes, _)| bytes)
            .map_or(Budget::unlimited(), |(limit, origin)| Budget {
                limit,
                origin,
            })
    }
}

fn read(path: impl AsRef<Path>) -> Option<String> {
    std::fs::read_to_string(path).ok()
}

/// `MemAvailable` in a `/proc/meminfo`, in bytes.
pub fn parse_meminfo(text: &str) -> Option<u64> {
    kib_field(text, "MemAvailable:")
}

/// `VmSize` (the address space in use) in a `/proc/self/status`, in bytes.
pub fn parse_vm_size(text: &str) -> Option<u64> {
    kib_field(text, "VmSize:")
}

/// The value of a `Name:   123 kB` line, in bytes.
fn kib_field(text: &str, name: &str) -> Option<u64> {
    let line = text.lines().find(|l| l.starts_with(name))?;
    let kib: u64 = line[name.len()..].split_whitespace().next()?.parse().ok()?;
    Some(kib.saturating_mul(1024))
}

/// What the address-space limit leaves: the soft limit, less `VmSize` and
/// [`RESERVE`].
#[cfg(unix)]
fn address_space() -> Option<u64> {
    let limit = rustix::process::getrlimit(rustix::process::Resource::As).current?;
    let used = read("/proc/self/status")
        .and_then(|text| parse_vm_size(&text))
        .unwrap_or(0);
    Some(limit.saturating_sub(used).saturating_sub(RESERVE))
}

#[cfg(not(unix))]
fn address_space() -> Option<u64> {
    None
}

/// Values at or above this are cgroup v1's "no limit" (a page count's
/// maximum, in bytes).
const CGROUP_UNLIMITED: u64 = 1 << 60;

/// A cgroup limit file's value: `max` (v2) and v1's huge "no limit" are
/// `None`.
pub fn parse_cgroup_value(text: &str) -> Option<u64> {
    let value: u64 = text.trim().parse().ok()?;
    (value < CGROUP_UNLIMITED).then_some(value)
}

/// Where a process's memory cgroup is, from its `/proc/self/cgroup`.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct CgroupPaths {
    /// The cgroup v2 path (the `0::` line).
    pub unified: Option<String>,
    /// The cgroup v1 path of the `memory` controller.
    pub memory: Option<String>,
}

/// The process's cgroup paths in a `/proc/self/cgroup`: lines of
/// `hierarchy:controllers:path`.
pub fn parse_cgroup(text: &str) -> CgroupPaths {
    let mut paths = CgroupPaths::default();
    for line in text.lines() {
        let mut fields = line.splitn(3, ':');
        let (Some(id), Some(controllers), Some(path)) =
            (fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        if id == "0" && controllers.is_empty() {
            paths.unified = Some(path.to_owned());
        } else if controllers.split(',').any(|c| c == "memory") {
            paths.memory = Some(path.to_owned());
        }
    }
    paths
}

/// A cgroup file system mounted: the cgroup at its root, and where.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Mount {
    /// The cgroup path the mount's root shows.
    pub root: String,
    /// Where it is mounted.
    pub point: PathBuf,
}

/// The cgroup v2 mount and the cgroup v1 `memory` mount in a
/// `/proc/self/mountinfo`.
pub fn parse_mountinfo(text: &str) -> (Option<Mount>, Option<Mount>) {
    let (mut unified, mut memory) = (None, None);
    for line in text.lines() {
        let Some((mount, fs)) = line.split_once(" - ") else {
            continue;
        };
        let fields: Vec<&str> = mount.split(' ').collect();
        let fs: Vec<&str> = fs.split(' ').collect();
        let (Some(root), Some(point), Some(kind)) = (fields.get(3), fields.get(4), fs.first())
        else {
            continue;
        };
        let found = Mount {
            root: unescape(root),
            point: PathBuf::from(unescape(point)),
        };
        match *kind {
            "cgroup2" if unified.is_none() => unified = Some(found),
            "cgroup"
                if memory.is_none()
                    && fs
                        .get(2)
                        .is_some_and(|options| options.split(',').any(|o| o == "memory")) =>
            {
                memory = Some(found);
            }
            _ => {}
        }
    }
    (unified, memory)
}

/// A mountinfo field with its octal escapes (`\040` for a space) undone.
fn unescape(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut rest = field;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let code = rest
            .get(at + 1..at + 4)
            .and_then(|d| u8::from_str_radix(d, 8).ok());
        match code {
            Some(byte) => {
                out.push(char::from(byte));
                rest = &rest[at + 4..];
            }
            None => {
                out.push('\\');
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The directories of the cgroup at `path` and of every cgroup above it
/// up to the mount's root, innermost first.
pub fn cgroup_dirs(mount: &Mount, path: &str) -> Vec<PathBuf> {
    let root = mount.root.trim_end_matches('/');
    let relative = path.strip_prefix(root).unwrap_or(path);
    let mut dir = mount.point.clone();
    let mut dirs = vec![dir.clone()];
    for part in relative.split('/').filter(|p| !p.is_empty() && *p != "..") {
        dir.push(part);
        dirs.push(dir.clone());
    }
    dirs.reverse();
    dirs
}

/// What a cgroup's limits leave, at the tightest of the levels `dirs`:
/// `limit` less `usage` (file names) at each.
fn cgroup_headroom(dirs: &[PathBuf], limit: &str, usage: &str) -> Option<u64> {
    dirs.iter()
        .filter_map(|dir| {
            let limit = parse_cgroup_value(&read(dir.join(limit))?)?;
            let used = read(dir.join(usage))
                .and_then(|text| text.trim().parse::<u64>().ok())
                .unwrap_or(0);
            Some(limit.saturating_sub(used))
        })
        .min()
}

/// What the process's cgroup memory limit leaves, v2 first, then v1.
fn cgroup() -> Option<u64> {
    let paths = parse_cgroup(&read("/proc/self/cgroup")?);
    let (unified, memory) = read("/proc/self/mountinfo")
        .map(|text| parse_mountinfo(&text))
        .unwrap_or_default();
    let v2 = paths.unified.as_deref().and_then(|path| {
        let mount = unified.unwrap_or_else(|| Mount {
            root: "/".into(),
            point: "/sys/fs/cgroup".into(),
        });
        cgroup_headroom(&cgroup_dirs(&mount, path), "memory.max", "memory.current")
    });
    let v1 = paths.memory.as_deref().and_then(|path| {
        let mount = memory.unwrap_or_else(|| Mount {
            root: "/".into(),
            point: "/sys/fs/cgroup/memory".into(),
        });
        cgroup_headroom(
            &cgroup_dirs(&mount, path),
            "memory.limit_in_bytes",
            "memory.usage_in_bytes",
        )
    });
    match (v2, v1) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// A byte count for people: `512 bytes`, `3.0 GiB`.
pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 6] = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB"];
    let mut value = n as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{n} bytes")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// A size as people write it: `512` (in `unit` bytes), `512K`, `512M`,
/// `2G`, `1T` (binary multiples; a trailing `B` or `iB` is allowed, and
/// case does not matter).
///
/// ```
/// use corolife::budget::parse_size;
///
/// assert_eq!(parse_size("512", 1 << 20), Ok(512 << 20));
/// assert_eq!(parse_size("2G", 1 << 20), Ok(2 << 30));
/// assert_eq!(parse_size("64KiB", 1), Ok(64 << 10));
/// assert!(parse_size("lots", 1).is_err());
/// ```
pub fn parse_size(text: &str, unit: u64) -> Result<u64, String> {
    let bad = || format!("expected a size such as 512M or 2G, found \"{text}\"");
    let trimmed = text.trim();
    let lower = trimmed.to_ascii_lowercase();
    let lower = lower
        .strip_suffix("ib")
        .or_else(|| lower.strip_suffix('b'))
        .unwrap_or(&lower);
    let (digits, multiple) = match lower.char_indices().last() {
        Some((at, 'k')) => (&lower[..at], 1u64 << 10),
        Some((at, 'm')) => (&lower[..at], 1 << 20),
        Some((at, 'g')) => (&lower[..at], 1 << 30),
        Some((at, 't')) => (&lower[..at], 1 << 40),
        _ if lower.len() < trimmed.len() => (lower, 1),
        _ => (lower, unit),
    };
    let number: u64 = digits.trim().parse().map_err(|_| bad())?;
    number
        .checked_mul(multiple)
        .ok_or_else(|| format!("{text} is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meminfo_and_status_give_bytes() {
        let meminfo =
            "MemTotal:       24683772 kB\nMemFree:         1000 kB\nMemAvailable:   23011072 kB\n";
        assert_eq!(parse_meminfo(meminfo), Some(23_011_072 * 1024));
        assert_eq!(parse_meminfo("MemTotal: 5 kB\n"), None);
        assert_eq!(parse_meminfo("MemAvailable: lots\n"), None);
        let status = "Name:\tcorolife\nVmPeak:\t  20000 kB\nVmSize:\t   12345 kB\n";
        assert_eq!(parse_vm_size(status), Some(12345 * 1024));
    }

    #[test]
    fn cgroup_paths_are_found_for_both_versions() {
        let v1 = "9:name=systemd:/\n4:memory:/process_api/3cdf\n3:cpu,cpuacct:/x\n0::/\n";
        assert_eq!(
            parse_cgroup(v1),
            CgroupPaths {
                unified: Some("/".into()),
                memory: Some("/process_api/3cdf".into()),
            }
        );
        let v2 = "0::/user.slice/user-1000.slice/session-2.scope\n";
        assert_eq!(
            parse_cgroup(v2),
            CgroupPaths {
                unified: Some("/user.slice/user-1000.slice/session-2.scope".into()),
                memory: None,
            }
        );
        let joint = "5:cpuacct,memory:/a:b\n";
        assert_eq!(parse_cgroup(joint).memory.as_deref(), Some("/a:b"));
        assert_eq!(parse_cgroup("garbage\n"), CgroupPaths::default());
    }

    #[test]
    fn cgroup_values_know_no_limit() {
        assert_eq!(parse_cgroup_value("max\n"), None);
        assert_eq!(parse_cgroup_value("9223372036854771712\n"), None);
        assert_eq!(parse_cgroup_value("2147483648\n"), Some(2 << 30));
        assert_eq!(parse_cgroup_value(""), None);
    }

    #[test]
    fn mounts_are_found_and_cgroups_walked_up() {
        let mountinfo = "\
31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
35 31 0:32 /docker/abc /sys/fs/cgroup/mem\\040ory rw,relatime - cgroup cgroup rw,memory
41 31 0:38 / /sys/fs/cgroup/unified rw,relatime shared:9 - cgroup2 cgroup2 rw
";
        let (unified, memory) = parse_mountinfo(mountinfo);
        let unified = unified.expect("cgroup2");
        assert_eq!(unified.point, Path::new("/sys/fs/cgroup/unified"));
        let memory = memory.expect("memory");
        assert_eq!(memory.root, "/docker/abc");
        assert_eq!(memory.point, Path::new("/sys/fs/cgroup/mem ory"));
        // Inside a container, the path starts with the mount's root.
        assert_eq!(
            cgroup_dirs(&memory, "/docker/abc/job"),
            [
                PathBuf::from("/sys/fs/cgroup/mem ory/job"),
                PathBuf::from("/sys/fs/cgroup/mem ory"),
            ]
        );
        assert_eq!(
            cgroup_dirs(&unified, "/a/b"),
            [
                PathBuf::from("/sys/fs/cgroup/unified/a/b"),
                PathBuf::from("/sys/fs/cgroup/unified/a"),
                PathBuf::from("/sys/fs/cgroup/unified"),
            ]
        );
        assert_eq!(parse_mountinfo("nonsense\n"), (None, None));
    }

    #[test]
    fn cgroup_headroom_is_the_tightest_level() {
        let dir = std::env::temp_dir().join(format!("corolife-budget-{}", std::process::id()));
        let inner = dir.join("job");
        std::fs::create_dir_all(&inner).expect("temp dir");
        let write = |path: PathBuf, text: &str| std::fs::write(path, text).expect("write");
        write(dir.join("memory.max"), "1000\n");
        write(dir.join("memory.current"), "100\n");
        write(inner.join("memory.max"), "max\n");
        write(inner.join("memory.current"), "50\n");
        let headroom = cgroup_headroom(&[inner, dir.clone()], "memory.max", "memory.current");
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(headroom, Some(900));
    }

    #[test]
    fn the_budget_is_the_smallest_limit_and_a_given_one_replaces_the_estimate() {
        let limits = Limits {
            available: Some(8 << 30),
            address_space: Some(2 << 30),
            cgroup: Some(4 << 30),
        };
        let budget = limits.budget(None);
        assert_eq!(
            (budget.limit(), budget.origin()),
            (2 << 30, Origin::AddressSpace)
        );
        let cgroup = Limits {
            address_space: None,
            ..limits
        };
        assert_eq!(cgroup.budget(None).origin(), Origin::Cgroup);
        // Given: above the available memory, within the hard limits.
        assert_eq!(
            cgroup.budget(Some(16 << 30)),
            Budget {
                limit: 4 << 30,
                origin: Origin::Cgroup
            }
        );
        assert_eq!(cgroup.budget(Some(1 << 30)), Budget::with_limit(1 << 30));
        let available = Limits {
            available: Some(8 << 30),
            ..Limits::default()
        };
        assert_eq!(available.budget(Some(16 << 30)).limit(), 16 << 30);
        assert_eq!(available.budget(None).origin(), Origin::Available);
        assert_eq!(Limits::default().budget(None), Budget::unlimited());
    }

    #[test]
    fn refusals_name_the_size_the_limit_and_its_origin() {
        let refuse = |origin| {
            Budget {
                limit: 2 << 30,
                origin,
            }
            .check(3 << 30, || "a grid needs 3.0 GiB".into())
            .expect_err("refused")
            .to_string()
        };
        assert_eq!(
            refuse(Origin::AddressSpace),
            "a grid needs 3.0 GiB, but the address-space limit (ulimit -v) leaves 2.0 GiB"
        );
        assert_eq!(
            refuse(Origin::Cgroup),
            "a grid needs 3.0 GiB, but the cgroup's memory limit leaves 2.0 GiB"
        );
        assert_eq!(
            refuse(Origin::Available),
            "a grid needs 3.0 GiB, but only 2.0 GiB of memory is available (see --max-memory)"
        );
        assert!(Budget::unlimited().check(u64::MAX, String::new).is_ok());
    }

    #[test]
    fn sizes_parse_with_and_without_units() {
        assert_eq!(parse_size("512", 1 << 20), Ok(512 << 20));
        assert_eq!(parse_size("512M", 1), Ok(512 << 20));
        assert_eq!(parse_size("2g", 1), Ok(2 << 30));
        assert_eq!(parse_size("2GB", 1), Ok(2 << 30));
        assert_eq!(parse_size("2GiB", 1), Ok(2 << 30));
        assert_eq!(parse_size("100B", 1 << 20), Ok(100));
        assert_eq!(parse_size(" 1 T ", 1), Ok(1 << 40));
        assert!(parse_size("", 1).is_err());
        assert!(parse_size("M", 1).is_err());
        assert!(parse_size("-1G", 1).is_err());
        assert!(parse_size("99999999999T", 1).is_err());
    }

    #[test]
    fn byte_counts_read_well() {
        assert_eq!(human_bytes(512), "512 bytes");
        assert_eq!(human_bytes(3 << 30), "3.0 GiB");
    }

    #[test]
    fn filled_vectors_are_refused_over_the_budget_and_by_the_allocator() {
        assert_eq!(filled(3, 7u16, String::new), Ok(vec![7, 7, 7]));
        // Past what any address space holds: refused, never an abort.
        let error = filled(usize::MAX / 4, 0u32, || "a table".into()).expect_err("refused");
        assert!(error.to_string().starts_with("a table needs "), "{error}");
        // A given budget is consulted from SMALL bytes on.
        let budget = Budget::with_limit(SMALL);
        assert!(budget.check(SMALL, String::new).is_ok());
        assert!(budget.check(SMALL + 1, String::new).is_err());
    }

    #[test]
    fn max_memory_honours_the_limit_set() {
        // A limit too large to disturb tests running beside this one.
        let huge = 1 << 60;
        set_max_memory(Some(huge));
        assert_eq!(given_max_memory(), Some(huge));
        assert!(max_memory() <= huge);
        assert_eq!(
            max_memory(),
            Limits::read().budget(Some(huge)).limit(),
            "the hard limits still apply"
        );
        set_max_memory(None);
        assert_eq!(given_max_memory(), None);
        assert!(max_memory() > 0);
    }

    #[test]
    fn the_process_has_a_budget() {
        let budget = Budget::current();
        assert!(budget.limit() > 0);
        if cfg!(target_os = "linux") {
            assert_ne!(budget.origin(), Origin::Unknown);
        }
    }
}
