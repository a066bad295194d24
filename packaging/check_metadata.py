#!/usr/bin/env python3
"""The metadata a package index checks, for every package in dist/, against the workspace (Cargo.toml): each version
equals the workspace version, each license the workspace license, each repository URL the workspace repository, and
every field Maven Central / PyPI / npm require is there. Also SHA256SUMS. Prints one line per package; exit 1 on
any problem, listing them all."""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import tarfile
import xml.etree.ElementTree as ET
import zipfile
from email.parser import Parser
from pathlib import Path

problems: list[str] = []


def need(ok: bool, what: str) -> None:
    if not ok:
        problems.append(what)


def workspace(root: Path) -> dict[str, str]:
    text = (root / "Cargo.toml").read_text()
    section = text.split("[workspace.package]", 1)[1].split("\n[", 1)[0]
    return dict(re.findall(r'^(\w[\w-]*)\s*=\s*"([^"]*)"', section, re.M))


def check_pom(pom: Path, artifact: str, ws: dict[str, str], jar: Path, extra: list[str]) -> None:
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    root = ET.parse(pom).getroot()

    def text(path: str) -> str:
        node = root.find(path, ns)
        return (node.text or "").strip() if node is not None else ""

    where = f"{pom.name}"
    need(text("m:groupId") == "io.errcat", f"{where}: groupId")
    need(text("m:artifactId") == artifact, f"{where}: artifactId {text('m:artifactId')!r}")
    need(text("m:version") == ws["version"], f"{where}: version {text('m:version')!r} != {ws['version']}")
    for field in ("m:name", "m:description", "m:url", "m:licenses/m:license/m:name", "m:licenses/m:license/m:url",
                  "m:scm/m:url", "m:scm/m:connection", "m:scm/m:developerConnection"):
        need(bool(text(field)), f"{where}: <{field.replace('m:', '')}> is required by Maven Central")
    need(root.find("m:developers/m:developer", ns) is not None, f"{where}: <developers> is required by Maven Central")
    need(text("m:licenses/m:license/m:name") == ws["license"], f"{where}: license != {ws['license']}")
    need(text("m:url") == ws["repository"] and text("m:scm/m:url") == ws["repository"], f"{where}: url != repository")
    with zipfile.ZipFile(jar) as z:
        props = z.read(f"META-INF/maven/io.errcat/{artifact}/pom.properties").decode()
        need(f"version={ws['version']}" in props.splitlines(), f"{jar.name}: pom.properties version")
    for path, member in extra:
        with zipfile.ZipFile(path) as z:
            need(member in z.namelist(), f"{Path(path).name}: has no {member}")
    print(f"{pom.name}: io.errcat:{artifact}:{ws['version']}, {ws['license']}, {ws['repository']}, Central fields present")


def check_core_metadata(meta: str, where: str, ws: dict[str, str]) -> None:
    m = Parser().parsestr(meta)
    need(m["Name"] == "errcat", f"{where}: Name")
    need(m["Version"] == ws["version"], f"{where}: Version {m['Version']} != {ws['version']}")
    need(bool(m["Summary"]), f"{where}: Summary")
    need(m["License-Expression"] == ws["license"], f"{where}: License-Expression {m['License-Expression']!r}")
    need(any(ws["repository"] in u for u in m.get_all("Project-URL") or []), f"{where}: Project-URL repository")
    need(m["Requires-Python"] == ">=3.9", f"{where}: Requires-Python")
    print(f"{where}: errcat {m['Version']}, {m['License-Expression']}, {m['Requires-Python']}, Project-URL ok")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", type=Path, required=True)
    ap.add_argument("--dist", type=Path, required=True)
    ap.add_argument("--version", required=True)
    ap.add_argument("--npm-pack", type=Path, required=True)
    a = ap.parse_args()
    ws = workspace(a.root)
    v = ws["version"]
    need(v == a.version, f"make's VERSION {a.version} != workspace {v}")
    d = a.dist

    check_pom(d / f"errcat-{v}.pom", "errcat", ws, d / f"errcat-{v}.jar",
              [(d / f"errcat-{v}-sources.jar", "io/errcat/Errcat.java"), (d / f"errcat-{v}-javadoc.jar", "index.html"),
               (d / f"errcat-{v}.jar", "native/linux-x86_64/liberrcat_jni.so")])
    check_pom(d / f"errcat-kotlin-{v}.pom", "errcat-kotlin", ws, d / f"errcat-kotlin-{v}.jar",
              [(d / f"errcat-kotlin-{v}.jar", "linux-x86-64/liberrcat_uniffi.so")])
    need((a.root / "java/pom.xml").read_bytes() == (d / f"errcat-{v}.pom").read_bytes(), "dist POM != java/pom.xml")

    wheels = sorted(d.glob(f"errcat-{v}-*.whl"))
    need(len(wheels) == 1, f"one wheel in dist/, found {wheels}")
    with zipfile.ZipFile(wheels[0]) as z:
        names = z.namelist()
        check_core_metadata(z.read(f"errcat-{v}.dist-info/METADATA").decode(), wheels[0].name, ws)
        tags = [line.split(": ", 1)[1] for line in z.read(f"errcat-{v}.dist-info/WHEEL").decode().splitlines()
                if line.startswith("Tag: ")]
        need(set(tags) == {"cp39-abi3-manylinux_2_17_x86_64", "cp39-abi3-manylinux2014_x86_64"}, f"wheel tags {tags}")
        for f in ("errcat/_native.abi3.so", "errcat/py.typed", "errcat/_native.pyi", "errcat/__init__.py", "errcat/_load.py"):
            need(f in names, f"wheel: has no {f}")
        print(f"wheel tags: {', '.join(tags)}")
    with tarfile.open(d / f"errcat-{v}.tar.gz") as t:
        names = t.getnames()
        pkg = t.extractfile(f"errcat-{v}/PKG-INFO")
        assert pkg is not None
        check_core_metadata(pkg.read().decode(), f"errcat-{v}.tar.gz (sdist)", ws)
        for f in ("pyproject.toml", "catalog/koupleless.toml", "catalog/blobstore.toml", "core/build.rs",
                  "bindings/python/Cargo.toml"):
            need(f"errcat-{v}/{f}" in names, f"sdist: has no {f} (it could not build)")

    with tarfile.open(d / f"errcat-{v}.tgz") as t:
        f = t.extractfile("package/package.json")
        assert f is not None
        pj = json.load(f)
    need(pj["version"] == v, f"npm version {pj['version']}")
    need(pj.get("license") == ws["license"], "npm license")
    need(bool(pj.get("description")), "npm description")
    need(ws["repository"] in json.dumps(pj.get("repository")), "npm repository")
    pack = json.loads(a.npm_pack.read_text())[0]
    files = sorted(f["path"] for f in pack["files"])
    need(pack["version"] == v and pack["name"] == "errcat", "npm pack --dry-run: name/version")
    expected = {"package.json", "errcat.js", "errcat.mjs", "native.js", "binding.js", "index.d.ts",
                "errcat.linux-x64-gnu.node"}
    need(expected <= set(files), f"npm pack --dry-run lacks {sorted(expected - set(files))}")
    need(not any(p.startswith(("test/", "node_modules/")) for p in files), f"npm pack ships tests: {files}")
    print(f"npm: errcat@{pj['version']}, {pj['license']}, files {', '.join(files)}")

    with tarfile.open(d / f"errcat-cli-{v}-x86_64-unknown-linux-gnu.tar.gz") as t:
        top = f"errcat-cli-{v}-x86_64-unknown-linux-gnu/"
        names = t.getnames()
        for f in ("bin/errcat", "share/man/man1/errcat.1", "share/bash-completion/completions/errcat",
                  "share/zsh/site-functions/_errcat", "share/fish/vendor_completions.d/errcat.fish", "LICENSE"):
            need(top + f in names, f"CLI tarball: has no {f}")
        man = t.extractfile(top + "share/man/man1/errcat.1")
        assert man is not None
        page = man.read().decode()
        need(page.startswith(".ie") or ".TH errcat" in page, "man page: no .TH header")
        need(f"errcat {v}" in page or v in page, "man page: no version")
    print(f"CLI tarball: binary, man page, bash/zsh/fish completions")

    with tarfile.open(d / f"errcat-c-{v}-linux-x86_64.tar.gz") as t:
        top = f"errcat-c-{v}-linux-x86_64/"
        names = t.getnames()
        for f in ("include/errcat.h", f"lib/liberrcat.so.{v}", "lib/liberrcat.so.0", "lib/liberrcat.so", "lib/liberrcat.a",
                  "lib/pkgconfig/errcat.pc", "LICENSE"):
            need(top + f in names, f"C tarball: has no {f}")
        pc = t.extractfile(top + "lib/pkgconfig/errcat.pc")
        assert pc is not None
        need(f"Version: {v}\n" in pc.read().decode(), "errcat.pc: Version")
    print(f"C tarball: header, liberrcat.so.{v} + links, liberrcat.a, errcat.pc {v}")

    at = d / "goproxy/errcat.dev/errcat/@v"
    with zipfile.ZipFile(at / f"v{v}.zip") as z:
        names = z.namelist()
        pre = f"errcat.dev/errcat@v{v}/"
        for f in ("go.mod", "internal/prebuilt/liberrcat_linux_amd64.a", "internal/prebuilt/errcat.h", "cgo_prebuilt.go"):
            need(pre + f in names, f"Go module zip: has no {f}")
        need(all(n.startswith(pre) for n in names), "Go module zip: a file outside the module prefix")
    need(json.loads((at / f"v{v}.info").read_text())["Version"] == f"v{v}", "Go .info Version")
    need((at / "list").read_text().split() == [f"v{v}"], "Go list")
    print(f"Go module: errcat.dev/errcat@v{v}, {len(names)} files, {(at / f'v{v}.zip').stat().st_size} bytes")

    sums = (d / "SHA256SUMS").read_text().splitlines()
    listed = set()
    for line in sums:
        digest, name = line.split("  ", 1)
        listed.add(name)
        need(hashlib.sha256((d / name).read_bytes()).hexdigest() == digest, f"SHA256SUMS: {name} differs")
    present = {str(p.relative_to(d)) for p in d.rglob("*") if p.is_file() and p.name != "SHA256SUMS"}
    need(listed == present, f"SHA256SUMS lists {sorted(listed ^ present)} wrongly")
    print(f"SHA256SUMS: {len(listed)} files verified")

    for p in problems:
        print("PROBLEM:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
