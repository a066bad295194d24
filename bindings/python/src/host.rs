//! The Python objects that stand for catalog data, built once and cached.
//!
//! The catalog is static, so an entry (or a lookup result, which is an entry, a source and an alias) only needs to
//! cross the boundary once: the object is built from the core's data on first use and kept in a slot indexed by
//! `Entry::id()`. Later calls return the same object (and [`crate::fast`] remembers, per argument, which object a call
//! returned, so a repeated `errcat.lookup` / `errcat.status` costs about a `dict.get`).
//! The classes themselves live in the package (`errcat._model`, `errcat._enums`, `errcat._errors`).

use errcat::{
    entries, Entry, ErrorKind, Filter, KouplelessEntry, Reporter, Resolved, RetryClass, Service,
    Source, StatusEntry, StatusMatch, System, Text, Version,
};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple};

/// The retry classes in declaration order (the core has no `ALL` for them).
pub const RETRY_CLASSES: [RetryClass; 4] = [
    RetryClass::Never,
    RetryClass::Transient,
    RetryClass::Overload,
    RetryClass::Ignore,
];

const SYSTEMS: [System; 2] = [System::Koupleless, System::Blobstore];

/// Enum members and classes of the package, and the caches of built objects.
pub struct Host {
    sources: Vec<Py<PyAny>>,
    reporters: Vec<Py<PyAny>>,
    services: Vec<Py<PyAny>>,
    systems: Vec<Py<PyAny>>,
    retry_classes: Vec<Py<PyAny>>,
    errors: Vec<Py<PyAny>>,
    text: Py<PyAny>,
    koupleless_entry: Py<PyAny>,
    status_entry: Py<PyAny>,
    resolved: Py<PyAny>,
    status_match: Py<PyAny>,
    code: Py<PyAny>,
    audit_report: Py<PyAny>,
    /// Koupleless entries have ids `0..KOUPLELESS_COUNT`, blobstore entries the rest.
    koupleless_count: usize,
    /// Alias slots per (entry, source): the canonical spelling plus the most aliases any entry has.
    alias_slots: usize,
    version_count: usize,
    entry_cache: Vec<PyOnceLock<Py<PyAny>>>,
    resolved_cache: Vec<PyOnceLock<Py<PyAny>>>,
    match_cache: Vec<PyOnceLock<Py<PyAny>>>,
}

static HOST: PyOnceLock<Host> = PyOnceLock::new();

/// The host objects, loaded on first use (the package's modules are imported by then).
pub fn get(py: Python<'_>) -> PyResult<&'static Host> {
    HOST.get_or_try_init(py, || Host::load(py))
}

fn members(
    py: Python<'_>,
    enums: &Bound<'_, PyModule>,
    name: &str,
    count: usize,
) -> PyResult<Vec<Py<PyAny>>> {
    let list: Vec<Py<PyAny>> = enums
        .getattr(name)?
        .try_iter()?
        .map(|m| m.map(Bound::unbind))
        .collect::<PyResult<_>>()?;
    if list.len() != count {
        return Err(pyo3::exceptions::PyRuntimeError::new_err(format!(
            "errcat._enums.{name} has {} members, the core {count}",
            list.len()
        )));
    }
    let _ = py;
    Ok(list)
}

fn slots(n: usize) -> Vec<PyOnceLock<Py<PyAny>>> {
    (0..n).map(|_| PyOnceLock::new()).collect()
}

impl Host {
    fn load(py: Python<'_>) -> PyResult<Host> {
        let enums = py.import("errcat._enums")?;
        let model = py.import("errcat._model")?;
        let errors_mod = py.import("errcat._errors")?;
        let audit = py.import("errcat._audit")?;
        let class = |m: &Bound<'_, PyModule>, name: &str| m.getattr(name).map(Bound::unbind);
        let koupleless_count = entries(Filter {
            system: Some(System::Koupleless),
            ..Filter::default()
        })
        .count();
        let alias_slots = 1 + entries(Filter::default())
            .filter_map(|e| match e {
                Entry::Koupleless(k) => Some(k.aliases.len()),
                Entry::Blobstore(_) => None,
            })
            .max()
            .unwrap_or(0);
        let version_count = Version::all().count();
        let errors = ErrorKind::ALL
            .iter()
            .map(|k| class(&errors_mod, &format!("{}Error", k.name())))
            .collect::<PyResult<_>>()?;
        Ok(Host {
            sources: members(py, &enums, "Source", Source::ALL.len())?,
            reporters: members(py, &enums, "Reporter", Reporter::ALL.len())?,
            services: members(py, &enums, "Service", Service::ALL.len())?,
            systems: members(py, &enums, "System", SYSTEMS.len())?,
            retry_classes: members(py, &enums, "RetryClass", RETRY_CLASSES.len())?,
            errors,
            text: class(&model, "Text")?,
            koupleless_entry: class(&model, "KouplelessEntry")?,
            status_entry: class(&model, "StatusEntry")?,
            resolved: class(&model, "Resolved")?,
            status_match: class(&model, "StatusMatch")?,
            code: class(&model, "Code")?,
            audit_report: class(&audit, "AuditReport")?,
            koupleless_count,
            alias_slots,
            version_count,
            entry_cache: slots(Entry::COUNT),
            resolved_cache: slots(koupleless_count * Source::ALL.len() * alias_slots),
            match_cache: slots((Entry::COUNT - koupleless_count) * version_count),
        })
    }

    /// The exception class of `kind`.
    pub fn error_class(&self, kind: ErrorKind) -> &Py<PyAny> {
        &self.errors[kind as usize]
    }

    /// The `Source` member.
    pub fn source<'py>(&self, py: Python<'py>, s: Source) -> &Bound<'py, PyAny> {
        self.sources[s as usize].bind(py)
    }

    /// The `Reporter` member.
    pub fn reporter<'py>(&self, py: Python<'py>, r: Reporter) -> &Bound<'py, PyAny> {
        self.reporters[r as usize].bind(py)
    }

    /// The `Service` member.
    pub fn service<'py>(&self, py: Python<'py>, s: Service) -> &Bound<'py, PyAny> {
        self.services[s as usize].bind(py)
    }

    fn system<'py>(&self, py: Python<'py>, s: System) -> &Bound<'py, PyAny> {
        self.systems[s as usize].bind(py)
    }

    fn retry_class<'py>(&self, py: Python<'py>, r: RetryClass) -> &Bound<'py, PyAny> {
        self.retry_classes[r as usize].bind(py)
    }

    fn text<'py>(&self, py: Python<'py>, t: Text) -> PyResult<Bound<'py, PyAny>> {
        self.text.bind(py).call1((t.en, t.zh))
    }

    /// The object of `entry`, built on first use.
    pub fn entry<'py>(&self, py: Python<'py>, entry: Entry) -> PyResult<Bound<'py, PyAny>> {
        self.entry_cache[entry.id()]
            .get_or_try_init(py, || self.build_entry(py, entry).map(Bound::unbind))
            .map(|o| o.bind(py).clone())
    }

    /// The `Resolved` object of a lookup result, built on first use.
    pub fn resolved<'py>(&self, py: Python<'py>, r: Resolved) -> PyResult<Bound<'py, PyAny>> {
        let entry = Entry::Koupleless(r.entry);
        let alias = r.alias.map_or(0, |a| {
            1 + r.entry.aliases.iter().position(|x| *x == a).unwrap_or(0)
        });
        let slot = (entry.id() * Source::ALL.len() + r.source as usize) * self.alias_slots + alias;
        self.resolved_cache[slot]
            .get_or_try_init(py, || {
                let kw = PyDict::new(py);
                kw.set_item("code", r.to_string())?;
                kw.set_item("source", self.source(py, r.source))?;
                kw.set_item("entry", self.entry(py, entry)?)?;
                kw.set_item("alias", r.alias)?;
                kw.set_item("dynamic", r.is_dynamic())?;
                self.resolved
                    .bind(py)
                    .call((), Some(&kw))
                    .map(Bound::unbind)
            })
            .map(|o| o.bind(py).clone())
    }

    /// The `StatusMatch` object of a status result, built on first use.
    pub fn status_match<'py>(
        &self,
        py: Python<'py>,
        m: StatusMatch,
    ) -> PyResult<Bound<'py, PyAny>> {
        let entry = Entry::Blobstore(m.entry);
        let version = Version::all().position(|v| v == m.version).unwrap_or(0);
        let slot = (entry.id() - self.koupleless_count) * self.version_count + version;
        self.match_cache[slot]
            .get_or_try_init(py, || {
                let kw = PyDict::new(py);
                kw.set_item("entry", self.entry(py, entry)?)?;
                kw.set_item("version", m.version.name())?;
                kw.set_item("valid", m.valid)?;
                self.status_match
                    .bind(py)
                    .call((), Some(&kw))
                    .map(Bound::unbind)
            })
            .map(|o| o.bind(py).clone())
    }

    /// A `Code` object (not cached: the type of a code is free text).
    pub fn code<'py>(
        &self,
        py: Python<'py>,
        code: errcat::Code<'_>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let kw = PyDict::new(py);
        kw.set_item("source", self.source(py, code.source()))?;
        kw.set_item("error_type", code.error_type())?;
        kw.set_item("text", code.to_string())?;
        self.code.bind(py).call((), Some(&kw))
    }

    /// An `AuditReport` object.
    pub fn audit_report<'py>(
        &self,
        py: Python<'py>,
        lines: u64,
        malformed: u64,
        json: String,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.audit_report.bind(py).call1((lines, malformed, json))
    }

    fn build_entry<'py>(&self, py: Python<'py>, entry: Entry) -> PyResult<Bound<'py, PyAny>> {
        let kw = PyDict::new(py);
        kw.set_item("key", entry.key())?;
        kw.set_item("system", self.system(py, entry.system()))?;
        match entry {
            Entry::Koupleless(e) => {
                self.koupleless_fields(py, e, &kw)?;
                self.koupleless_entry.bind(py).call((), Some(&kw))
            }
            Entry::Blobstore(e) => {
                self.status_fields(py, e, &kw)?;
                self.status_entry.bind(py).call((), Some(&kw))
            }
        }
    }

    fn koupleless_fields(
        &self,
        py: Python<'_>,
        e: &KouplelessEntry,
        kw: &Bound<'_, PyDict>,
    ) -> PyResult<()> {
        let sources = e.sources.iter().map(|s| self.source(py, *s));
        kw.set_item("reporter", self.reporter(py, e.reporter))?;
        kw.set_item("business_type", self.text(py, e.business_type)?)?;
        kw.set_item("business_type_cell", e.business_type_cell)?;
        kw.set_item("sources", PyTuple::new(py, sources)?)?;
        kw.set_item("error_type", e.error_type)?;
        kw.set_item("meaning", self.text(py, e.meaning)?)?;
        kw.set_item("solution", self.text(py, e.solution)?)?;
        kw.set_item("retryable", e.retryable)?;
        kw.set_item("aliases", PyTuple::new(py, e.aliases)?)?;
        kw.set_item("notes", PyTuple::new(py, e.notes)?)?;
        Ok(())
    }

    fn status_fields(
        &self,
        py: Python<'_>,
        e: &StatusEntry,
        kw: &Bound<'_, PyDict>,
    ) -> PyResult<()> {
        let versions: Vec<&str> = e.versions.iter().map(|v| v.name()).collect();
        let meaning = Text {
            en: e.meaning(errcat::Lang::En),
            zh: e.meaning(errcat::Lang::Zh),
        };
        kw.set_item("code", e.code)?;
        kw.set_item("service", self.service(py, e.service))?;
        kw.set_item("message", e.message)?;
        kw.set_item("meaning", self.text(py, meaning)?)?;
        kw.set_item(
            "description",
            e.description.map(|d| self.text(py, d)).transpose()?,
        )?;
        kw.set_item("documented", e.documented)?;
        kw.set_item("go_file", e.go_file)?;
        kw.set_item("go_const", e.go_const)?;
        kw.set_item("go_err", e.go_err)?;
        kw.set_item("versions", PyTuple::new(py, versions)?)?;
        kw.set_item("renumbered_to", e.renumbered_to)?;
        kw.set_item("renumbered_from", e.renumbered_from)?;
        kw.set_item("retry", self.retry_class(py, e.retry))?;
        kw.set_item("retryable", e.retry.retryable())?;
        kw.set_item("notes", PyTuple::new(py, e.notes)?)?;
        Ok(())
    }
}
