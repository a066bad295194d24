//! Java stack traces, as Arklet sends them (`errorStackTrace`, an MQTT `data.message`, a broken biz's state
//! record): the chain of throwables (the top one and each `Caused by:`), the deepest cause, and where it was
//! thrown from.
//!
//! One pass over the text, nothing kept per frame: a 10,000-frame trace costs a scan. Both JDK wordings are read:
//! JDK 8 frames (`at sun.reflect.NativeMethodAccessorImpl.invoke0(Native Method)`) and JDK 9+ frames with a class
//! loader and module prefix (`at java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native
//! Method)`, `at app//com.example.Main.main(Main.java:9)`); multi-line messages; `... 12 more`; `Suppressed:`
//! blocks, whose frames and causes are not part of the main chain.
//!
//! Shared with `errcat-codegen`'s tests: `std` and `memchr` only.

/// Package prefixes that decide where a throwable was thrown from, and the frames the rules look for.
#[derive(Debug)]
pub struct Packages {
    /// The JDK's packages (`java.`, `jdk.`, …): skipped when looking for the frame that threw.
    pub platform: &'static [&'static str],
    /// Arklet's and sofa-ark's packages (`com.alipay.sofa.ark.`, `com.alipay.sofa.koupleless.`).
    pub framework: &'static [&'static str],
    /// Every frame pattern a rule tests (at most 64): noted while the trace is read, so no rule reads it again.
    pub frames: &'static [&'static str],
}

impl Packages {
    fn is_platform(&self, class: &str) -> bool {
        self.platform.iter().any(|p| class.starts_with(p))
    }

    fn is_framework(&self, class: &str) -> bool {
        self.framework.iter().any(|p| class.starts_with(p))
    }
}

/// Where a throwable was thrown from: the package of its first stack frame outside the JDK.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Origin {
    /// Arklet or sofa-ark code (`com.alipay.sofa.ark.*`, `com.alipay.sofa.koupleless.*`).
    Framework,
    /// Any other code: the module's own, or a library it brought.
    User,
    /// Every frame is in the JDK.
    Platform,
    /// No frame to tell (a message without a trace, or a cause printed as `... n more` only).
    Unknown,
}

impl Origin {
    /// Every value, in declaration order.
    pub const ALL: [Origin; 4] = [
        Origin::Framework,
        Origin::User,
        Origin::Platform,
        Origin::Unknown,
    ];

    /// `framework`, `user`, `platform` or `unknown`.
    pub fn name(self) -> &'static str {
        match self {
            Origin::Framework => "framework",
            Origin::User => "user",
            Origin::Platform => "platform",
            Origin::Unknown => "unknown",
        }
    }
}

/// One stack frame: `class.method`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Frame<'a> {
    /// Fully qualified class name, without a class loader or module prefix.
    pub class: &'a str,
    /// Method name.
    pub method: &'a str,
}

impl Frame<'_> {
    /// Whether this frame is `pattern`: `Class.method` (any package) or `pkg.Class.method`.
    pub fn is(&self, pattern: &str) -> bool {
        // The method first (a cheap reject), then the class: equal, or a suffix at a '.'.
        let (p, m) = (pattern.as_bytes(), self.method.as_bytes());
        if p.len() <= m.len()
            || p.last() != m.last()
            || !p.ends_with(m)
            || p[p.len() - m.len() - 1] != b'.'
        {
            return false;
        }
        let class = &pattern[..p.len() - m.len() - 1];
        !class.is_empty()
            && (self.class == class
                || (self.class.len() > class.len()
                    && self.class.ends_with(class)
                    && self.class.as_bytes()[self.class.len() - class.len() - 1] == b'.'))
    }
}

/// One throwable of a chain: class, message, and the frame it was thrown from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Link<'a> {
    /// Class name (absent when a serialised throwable does not name it).
    pub class: Option<&'a str>,
    /// Message (absent when the throwable has none), all its lines.
    pub message: Option<&'a str>,
    /// The first frame outside the JDK (else the first frame).
    pub origin_frame: Option<Frame<'a>>,
    /// What that frame's package says.
    pub origin: Origin,
}

impl<'a> Link<'a> {
    /// A link known only by its text (`java.net.MalformedURLException: no protocol: x`), without frames.
    pub fn from_text(text: &'a str) -> Link<'a> {
        let (class, message) = header(text);
        Link {
            class: Some(class),
            message,
            origin_frame: None,
            origin: Origin::Unknown,
        }
    }
}

/// Splits `Class: message` (or a bare `Class`).
fn header(line: &str) -> (&str, Option<&str>) {
    match line.split_once(": ") {
        Some((class, message)) => (class.trim(), Some(message)),
        None => (line.trim().trim_end_matches(':'), None),
    }
}

/// Where the frames of a trace can be re-read from (for a pattern not noted while reading).
#[derive(Clone, Debug)]
enum Frames<'a> {
    Text(&'a str),
    List(Vec<Frame<'a>>),
}

/// Bit i set: some frame is `packages.frames[i]`.
fn note(seen: &mut u64, f: &Frame<'_>, packages: &Packages) {
    for (i, p) in packages.frames.iter().enumerate().take(64) {
        if f.is(p) {
            *seen |= 1 << i;
        }
    }
}

/// [`note`] for a frame line's head, without parsing it.
fn note_head(seen: &mut u64, head: &str, packages: &Packages) {
    for (i, p) in packages.frames.iter().enumerate().take(64) {
        if head_is(head, p) {
            *seen |= 1 << i;
        }
    }
}

/// A parsed trace: the top throwable, the deepest cause of the main chain, and the counts.
#[derive(Clone, Debug)]
pub struct Trace<'a> {
    /// The first throwable (the one printed first).
    pub top: Link<'a>,
    /// The last `Caused by:` of the main chain (= `top` when there is none).
    pub deepest: Link<'a>,
    /// Throwables in the main chain.
    pub links: usize,
    /// Stack frames in the whole trace.
    pub frames: usize,
    source: Frames<'a>,
    /// The patterns of `Packages::frames` seen, and that list.
    seen: u64,
    noted: &'static [&'static str],
}

/// The `class.method` part of a frame line after `at `: everything before the source, `(Source.java:12)`,
/// `(Native Method)` or `(Unknown Source)` (a class loader's name may hold parentheses too: the last one counts).
fn frame_head(rest: &str) -> &str {
    let rest = rest.trim_end();
    let bytes = rest.as_bytes();
    if bytes.last() == Some(&b')') {
        if let Some(paren) = rfind_byte(bytes, b'(') {
            return &rest[..paren];
        }
    }
    rest
}

/// The offset of the last `byte` in `bytes`.
fn rfind_byte(bytes: &[u8], byte: u8) -> Option<usize> {
    memchr::memrchr(byte, bytes)
}

/// The frame named by a head `[loader/][module@version/]class.method`: a class name holds no '/'.
fn frame_of_head(head: &str) -> Option<Frame<'_>> {
    let mut start = 0;
    while let Some(i) = head[start..].find('/') {
        start += i + 1;
    }
    let qualified = &head[start..];
    let dot = qualified.as_bytes().iter().rposition(|&b| b == b'.')?;
    (dot > 0 && dot + 1 < qualified.len()).then(|| Frame {
        class: &qualified[..dot],
        method: &qualified[dot + 1..],
    })
}

/// The frame of a trace line `at …`, if `line` (already trimmed) is one.
fn frame(line: &str) -> Option<Frame<'_>> {
    frame_of_head(frame_head(line.strip_prefix("at ")?))
}

/// Whether a frame head is `pattern` (`Class.method` in any package, or `pkg.Class.method`): it ends with the
/// pattern, right after a '.', a '/' or nothing.
fn head_is(head: &str, pattern: &str) -> bool {
    let (h, p) = (head.as_bytes(), pattern.as_bytes());
    h.len() >= p.len()
        && h.last() == p.last()
        && h.ends_with(p)
        && (h.len() == p.len() || matches!(h[h.len() - p.len() - 1], b'.' | b'/'))
}

/// The offset of the first `\n` in `bytes` at or after `from`.
fn find_newline(bytes: &[u8], from: usize) -> Option<usize> {
    memchr::memchr(b'\n', bytes.get(from..)?).map(|i| from + i)
}

/// Lines of `text` with their byte offsets, `\r` stripped.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start > text.len() || (start == text.len() && !text.is_empty()) {
            return None;
        }
        let end = find_newline(text.as_bytes(), start).unwrap_or(text.len());
        let line = text[start..end]
            .strip_suffix('\r')
            .unwrap_or(&text[start..end]);
        let at = start;
        start = end + 1;
        Some((at, line))
    })
}

/// A throwable of the main chain being read.
struct Building<'a> {
    class: &'a str,
    /// Byte range of the message in the text (it may continue over several lines).
    message: Option<(usize, usize)>,
    /// Still reading message lines (no frame yet).
    open: bool,
    first_frame: Option<Frame<'a>>,
    origin_frame: Option<Frame<'a>>,
}

impl<'a> Building<'a> {
    /// Starts a throwable at its header `line`, a slice of `text`.
    fn start(text: &'a str, line: &'a str) -> Building<'a> {
        let (class, message) = header(line);
        Building {
            class,
            message: message.map(|m| {
                let from = m.as_ptr() as usize - text.as_ptr() as usize;
                (from, from + m.len())
            }),
            open: true,
            first_frame: None,
            origin_frame: None,
        }
    }

    fn finish(&self, text: &'a str, packages: &Packages) -> Link<'a> {
        let frame = self.origin_frame.or(self.first_frame);
        let origin = match (self.origin_frame, self.first_frame) {
            (Some(f), _) if packages.is_framework(f.class) => Origin::Framework,
            (Some(_), _) => Origin::User,
            (None, Some(_)) => Origin::Platform,
            (None, None) => Origin::Unknown,
        };
        Link {
            class: Some(self.class),
            message: self.message.map(|(a, b)| &text[a..b]),
            origin_frame: frame,
            origin,
        }
    }
}

impl<'a> Trace<'a> {
    /// Reads a trace; `None` when `text` has no line at all.
    pub fn parse(text: &'a str, packages: &Packages) -> Option<Trace<'a>> {
        let mut lines = lines(text).skip_while(|(_, l)| l.trim().is_empty());
        let (_, first) = lines.next()?;
        let mut current = Building::start(text, first.trim_start());
        let mut top: Option<Link<'a>> = None;
        let mut links = 1;
        let mut frames = 0;
        let mut seen = 0;
        // False inside a `Suppressed:` block: its frames and causes are not the main chain's.
        let mut main = true;
        for (at, line) in lines {
            let trimmed = line.trim_start();
            if let Some(rest) = trimmed.strip_prefix("at ") {
                let head = frame_head(rest);
                frames += 1;
                note_head(&mut seen, head, packages);
                current.open = false;
                // Frames are parsed only until the throwable's origin is known: the rest are counted.
                if main && current.origin_frame.is_none() {
                    if let Some(f) = frame_of_head(head) {
                        current.first_frame.get_or_insert(f);
                        if !packages.is_platform(f.class) {
                            current.origin_frame = Some(f);
                        }
                    }
                }
            } else if let Some(header) = line.strip_prefix("Caused by: ") {
                let done = current.finish(text, packages);
                top.get_or_insert(done);
                current = Building::start(text, header);
                links += 1;
                main = true;
            } else if trimmed.starts_with("Suppressed: ") || trimmed.starts_with("Caused by: ") {
                current.open = false;
                main = false;
            } else if trimmed.starts_with("...") {
                current.open = false;
            } else if current.open && main {
                // A message that continues on the next line.
                let end = at + line.len();
                current.message = Some(match current.message {
                    Some((from, _)) => (from, end),
                    None => (at, end),
                });
            }
        }
        let deepest = current.finish(text, packages);
        Some(Trace {
            top: top.unwrap_or(deepest),
            deepest,
            links,
            frames,
            source: Frames::Text(text),
            seen,
            noted: packages.frames,
        })
    }

    /// Whether any frame of the trace (suppressed ones included) is `pattern` (see [`Frame::is`]). A pattern of
    /// `Packages::frames` was noted while reading; any other is looked for again.
    pub fn has_frame(&self, pattern: &str) -> bool {
        if let Some(i) = self.noted.iter().take(64).position(|p| *p == pattern) {
            return self.seen & (1 << i) != 0;
        }
        match &self.source {
            Frames::Text(text) => {
                lines(text).any(|(_, l)| frame(l.trim_start()).is_some_and(|f| f.is(pattern)))
            }
            Frames::List(list) => list.iter().any(|f| f.is(pattern)),
        }
    }
}

/// Builds a [`Trace`] from a serialised throwable (a `ProcessRecord.throwable`), one link at a time, top first.
#[derive(Debug, Default)]
pub struct TraceBuilder<'a> {
    top: Option<Link<'a>>,
    deepest: Option<Link<'a>>,
    links: usize,
    frames: Vec<Frame<'a>>,
    seen: u64,
    noted: &'static [&'static str],
}

impl<'a> TraceBuilder<'a> {
    /// An empty builder.
    pub fn new() -> TraceBuilder<'a> {
        TraceBuilder::default()
    }

    /// Adds the next throwable of the chain with its frames, top frame first.
    pub fn link(
        &mut self,
        class: Option<&'a str>,
        message: Option<&'a str>,
        frames: impl IntoIterator<Item = Frame<'a>>,
        packages: &Packages,
    ) {
        let start = self.frames.len();
        self.frames.extend(frames);
        self.noted = packages.frames;
        for f in &self.frames[start..] {
            note(&mut self.seen, f, packages);
        }
        let own = &self.frames[start..];
        let origin_frame = own.iter().find(|f| !packages.is_platform(f.class)).copied();
        let link = Link {
            class,
            message,
            origin_frame: origin_frame.or(own.first().copied()),
            origin: match (origin_frame, own.first()) {
                (Some(f), _) if packages.is_framework(f.class) => Origin::Framework,
                (Some(_), _) => Origin::User,
                (None, Some(_)) => Origin::Platform,
                (None, None) => Origin::Unknown,
            },
        };
        self.top.get_or_insert(link);
        self.deepest = Some(link);
        self.links += 1;
    }

    /// The trace, or `None` when no link was added.
    pub fn finish(self) -> Option<Trace<'a>> {
        Some(Trace {
            top: self.top?,
            deepest: self.deepest?,
            links: self.links,
            frames: self.frames.len(),
            source: Frames::List(self.frames),
            seen: self.seen,
            noted: self.noted,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PACKAGES: Packages = Packages {
        platform: &["java.", "javax.", "jdk.", "sun.", "com.sun."],
        framework: &["com.alipay.sofa.ark.", "com.alipay.sofa.koupleless."],
        frames: &["BizModel.doStart", "Other.run"],
    };

    const JDK8: &str = "com.alipay.sofa.koupleless.arklet.core.common.exception.ArkletRuntimeException: java.lang.reflect.InvocationTargetException\n\
\tat com.alipay.sofa.koupleless.arklet.core.ops.UnifiedOperationServiceImpl.install(UnifiedOperationServiceImpl.java:62)\n\
\tat com.alipay.sofa.koupleless.arklet.core.command.builtin.handler.InstallBizHandler.handle(InstallBizHandler.java:66)\n\
Caused by: java.lang.reflect.InvocationTargetException\n\
\tat sun.reflect.NativeMethodAccessorImpl.invoke0(Native Method)\n\
\tat java.lang.reflect.Method.invoke(Method.java:498)\n\
\tat com.alipay.sofa.ark.container.model.BizModel.doStart(BizModel.java:345)\n\
\t... 12 more\n\
Caused by: org.springframework.beans.factory.BeanCreationException: Error creating bean with name 'demo':\n\
 nested failure\n\
\tat org.springframework.beans.factory.support.AbstractBeanFactory.getBean(AbstractBeanFactory.java:208)\n\
\tSuppressed: java.lang.IllegalStateException: other\n\
\t\tat com.alipay.sofa.ark.Other.run(Other.java:1)\n\
\t\tCaused by: java.lang.Error: hidden\n\
\t... 20 more\n";

    #[test]
    fn reads_the_chain_and_the_deepest_cause_jdk8() {
        let t = Trace::parse(JDK8, &PACKAGES).unwrap();
        assert_eq!(
            t.top.class,
            Some("com.alipay.sofa.koupleless.arklet.core.common.exception.ArkletRuntimeException")
        );
        assert_eq!(t.links, 3);
        assert_eq!(t.frames, 7);
        assert_eq!(
            t.deepest.class,
            Some("org.springframework.beans.factory.BeanCreationException")
        );
        assert_eq!(
            t.deepest.message,
            Some("Error creating bean with name 'demo':\nnested failure")
        );
        assert_eq!(t.deepest.origin, Origin::User);
        assert_eq!(t.top.origin, Origin::Framework);
        assert!(t.has_frame("BizModel.doStart"));
        assert!(
            t.has_frame("com.alipay.sofa.ark.Other.run"),
            "suppressed frames count"
        );
        assert!(!t.has_frame("Model.doStart"), "a class name matches whole");
    }

    #[test]
    fn reads_jdk17_frames_with_loader_and_module_prefixes() {
        let text = "java.lang.NullPointerException: Cannot invoke \"String.length()\" because \"<local1>\" is null\n\
\tat java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)\n\
\tat BizClassLoader(demo:1.0)//com.example.demo.Main.run(Main.java:12)\n\
\tat app//com.example.demo.Main.main(Main.java:5)\n";
        let t = Trace::parse(text, &PACKAGES).unwrap();
        assert_eq!(t.links, 1);
        assert_eq!(
            t.deepest.origin_frame,
            Some(Frame {
                class: "com.example.demo.Main",
                method: "run"
            })
        );
        assert_eq!(t.deepest.origin, Origin::User);
        assert_eq!(
            t.deepest.message,
            Some("Cannot invoke \"String.length()\" because \"<local1>\" is null")
        );
    }

    #[test]
    fn a_trace_of_jdk_frames_only_is_platform_and_none_is_unknown() {
        let t = Trace::parse("java.lang.OutOfMemoryError: Metaspace\n\tat java.lang.ClassLoader.defineClass1(Native Method)\r\n", &PACKAGES).unwrap();
        assert_eq!(t.deepest.origin, Origin::Platform);
        assert_eq!(t.deepest.message, Some("Metaspace"));
        let bare = Trace::parse("java.lang.reflect.InvocationTargetException", &PACKAGES).unwrap();
        assert_eq!(bare.deepest.origin, Origin::Unknown);
        assert_eq!(bare.deepest.message, None);
        assert!(Trace::parse("", &PACKAGES).is_none());
    }

    #[test]
    fn frame_lines_in_every_wording() {
        fn f(l: &str) -> Option<(&str, &str)> {
            frame(l).map(|f| (f.class, f.method))
        }
        assert_eq!(f("at a.B.c(B.java:1)"), Some(("a.B", "c")));
        assert_eq!(
            f("at java.base/java.lang.Thread.run(Thread.java:840)"),
            Some(("java.lang.Thread", "run"))
        );
        assert_eq!(
            f("at app//com.x.Main.main(Main.java:5)"),
            Some(("com.x.Main", "main"))
        );
        assert_eq!(
            f("at L(x:1)/m@1.0/a.B$1.<init>(Unknown Source)"),
            Some(("a.B$1", "<init>"))
        );
        assert_eq!(f("at a.B.c(Native Method)  "), Some(("a.B", "c")));
        assert_eq!(f("at a.B.c"), Some(("a.B", "c")));
        assert_eq!(f("at nothing"), None);
        assert_eq!(f("Caused by: x"), None);
        assert!(head_is(
            "java.base/com.x.UninstallThenInstallStrategy.install",
            "UninstallThenInstallStrategy.install"
        ));
        assert!(head_is(
            "UninstallThenInstallStrategy.install",
            "UninstallThenInstallStrategy.install"
        ));
        assert!(!head_is(
            "com.x.MyUninstallThenInstallStrategy.install",
            "UninstallThenInstallStrategy.install"
        ));
    }

    #[test]
    fn newlines_are_found_at_every_offset() {
        for len in 0..40 {
            for at in 0..=len {
                let mut bytes = vec![b'x'; len];
                if at < len {
                    bytes[at] = b'\n';
                }
                for from in 0..=len {
                    let want = (at < len && at >= from).then_some(at);
                    assert_eq!(
                        find_newline(&bytes, from),
                        want,
                        "len {len} newline {at} from {from}"
                    );
                }
            }
        }
        for len in 0..40 {
            for at in 0..=len {
                let mut bytes = vec![b'x'; len];
                if at < len {
                    bytes[at] = b'(';
                }
                if at + 3 < len {
                    bytes[at + 3] = b'(' ^ 0x80; // a byte that only differs in the high bit
                }
                assert_eq!(
                    rfind_byte(&bytes, b'('),
                    (at < len).then_some(at),
                    "len {len} at {at}"
                );
            }
        }
        assert_eq!(rfind_byte(b"((((((((((", b'('), Some(9));
        let text = "a\r\nb\n\nc";
        let got: Vec<(usize, &str)> = lines(text).collect();
        assert_eq!(got, vec![(0, "a"), (3, "b"), (5, ""), (6, "c")]);
    }

    #[test]
    fn ten_thousand_frames_are_one_scan() {
        let mut text = String::from("java.lang.StackOverflowError\n");
        for i in 0..10_000 {
            text.push_str(&format!(
                "\tat com.example.Deep.recurse{i}(Deep.java:{i})\n"
            ));
        }
        text.push_str("Caused by: java.lang.IllegalStateException: last\n\tat com.alipay.sofa.ark.X.y(X.java:1)\n");
        let t = Trace::parse(&text, &PACKAGES).unwrap();
        assert_eq!(t.frames, 10_001);
        assert_eq!(t.deepest.origin, Origin::Framework);
        assert!(t.has_frame("Deep.recurse9999"));
    }

    #[test]
    fn builds_from_a_serialised_throwable() {
        let mut b = TraceBuilder::new();
        b.link(
            Some("com.alipay.sofa.koupleless.arklet.core.common.exception.ArkletRuntimeException"),
            Some("java.lang.reflect.InvocationTargetException"),
            [Frame {
                class: "com.alipay.sofa.koupleless.arklet.core.ops.UnifiedOperationServiceImpl",
                method: "install",
            }],
            &PACKAGES,
        );
        b.link(
            None,
            Some("boom"),
            [
                Frame {
                    class: "java.util.Objects",
                    method: "requireNonNull",
                },
                Frame {
                    class: "com.example.Service",
                    method: "init",
                },
            ],
            &PACKAGES,
        );
        let t = b.finish().unwrap();
        assert_eq!(t.links, 2);
        assert_eq!(t.deepest.origin, Origin::User);
        assert_eq!(t.deepest.origin_frame.unwrap().class, "com.example.Service");
        assert!(t.has_frame("UnifiedOperationServiceImpl.install"));
    }
}
