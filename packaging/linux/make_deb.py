"""Packs the Linux bundle (`make bundle` first) as a Debian package: dist/kindly_<version>_<arch>.deb.

    python packaging/linux/make_deb.py [DIST_DIR]      (default: dist)

What it installs:
    /opt/kindly/                                    the bundle
    /usr/bin/kindly                                 a link to /opt/kindly/kindly
    /usr/share/applications/org.kindly.Kindly.desktop
    /usr/share/icons/hicolor/<size>/apps/           the icon at every size, and scalable
    /usr/share/metainfo/org.kindly.Kindly.metainfo.xml
    /usr/share/doc/kindly/                          copyright, changelog.gz
    /usr/share/man/man1/kindly.1.gz                 the command, in brief
    /usr/share/lintian/overrides/kindly             what lintian says of any bundle, and why it stays
No maintainer scripts: dpkg's own triggers (desktop-file-utils, hicolor-icon-theme)
refresh the menu and icon caches, and removing the package leaves only what the
person made with it (their history and settings, in their home).

The dependencies are the libraries the bundle's ELF files need and the bundle does not
carry (GL, fontconfig, the xcb helpers...), each named by the Debian package that owns
it here, and libc6 at the newest glibc symbol version any file asks for. Not
dpkg-shlibdeps: it maps the libraries the bundle carries itself to system packages
too, and pins libc6 below the next release. A library this machine does not have at
all (Wayland's, for Qt's Wayland plugins) is not required: Qt loads such a plugin
only where its library is present.

Needs only the standard library, dpkg-deb and binutils' objdump.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACKAGING = HERE.parent
sys.path.insert(0, str(PACKAGING))
import bundle_config  # noqa: E402

APP_ID = "org.kindly.Kindly"
MAINTAINER = "The Kindly developers <kindly@localhost>"  # no public address yet (see lintian-overrides)
RELEASED = "Wed, 02 Dec 2026 00:00:00 +0000"
SUMMARY = "self-compassion practices over a breath-paced bell timer"
DESCRIPTION = """\
 Kindly is a desktop meditation timer for self-compassion practice: narrated
 practices over a configurable, breath-paced bell timer, a twelve-week path of
 short daily practices, and a practice history kept on your own machine. It
 lives in the system tray and works fully offline.
 .
 Kindly supports wellbeing; it is not therapy."""


def elf_files(root: Path) -> list[Path]:
    found = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def needed_sonames(elf: Path) -> set[str]:
    dump = subprocess.run(["objdump", "-p", str(elf)], capture_output=True, text=True).stdout
    return set(re.findall(r"^\s*NEEDED\s+(\S+)", dump, re.MULTILINE))


def glibc_needed(files: list[Path]) -> str:
    """The newest glibc symbol version any of the bundle's files asks for (2.17 at least)."""
    newest = (2, 17)
    for elf in files:
        dump = subprocess.run(["objdump", "-T", str(elf)], capture_output=True, text=True).stdout
        for major, minor in re.findall(r"\bGLIBC_(\d+)\.(\d+)\b", dump):
            newest = max(newest, (int(major), int(minor)))
    return f"{newest[0]}.{newest[1]}"


def system_libraries() -> dict[str, str]:
    """soname -> path, from the dynamic linker's cache (this machine's own libraries)."""
    listing = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    found: dict[str, str] = {}
    for soname, path in re.findall(r"^\s*(\S+) \(libc6,x86-64[^)]*\) => (\S+)$", listing, re.MULTILINE):
        found.setdefault(soname, path)
    return found


def owning_package(path: str) -> str:
    """The Debian package that installed `path` (usr-merged or not)."""
    for candidate in dict.fromkeys([path, os.path.realpath(path), path.replace("/usr/lib/", "/lib/", 1)]):
        result = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
        if result.returncode == 0:
            return result.stdout.split(":", 1)[0].strip()
    raise SystemExit(f"make_deb.py: no Debian package owns {path}")


def shlib_depends(bundle: Path) -> tuple[str, list[str]]:
    """`Depends` for the libraries the bundle needs and does not carry, and the ones it would use if
    there (a Qt plugin for Wayland, whose library this machine lacks: Qt loads it only where it is)."""
    files = elf_files(bundle)
    carried = {f.name for f in bundle.rglob("*.so*")}
    needed = set().union(*(needed_sonames(f) for f in files)) - carried
    system = system_libraries()
    packages = {owning_package(system[soname]) for soname in needed if soname in system}
    optional = sorted(soname for soname in needed if soname not in system)
    packages.discard("libc6")
    return ", ".join([f"libc6 (>= {glibc_needed(files)})", *sorted(packages)]), optional


def stage(bundle: Path, root: Path, version: str) -> None:
    opt = root / "opt" / "kindly"
    shutil.copytree(bundle, opt, symlinks=True)
    (root / "usr" / "bin").mkdir(parents=True)
    (root / "usr" / "bin" / "kindly").symlink_to("/opt/kindly/kindly")
    apps = root / "usr" / "share" / "applications"
    apps.mkdir(parents=True)
    shutil.copy(HERE / f"{APP_ID}.desktop", apps)
    metainfo = root / "usr" / "share" / "metainfo"
    metainfo.mkdir(parents=True)
    shutil.copy(HERE / f"{APP_ID}.metainfo.xml", metainfo)
    subprocess.run(
        [sys.executable, str(PACKAGING / "bundle_icons.py"), "hicolor", str(root / "usr" / "share" / "icons")],
        check=True,
        capture_output=True,
    )
    doc = root / "usr" / "share" / "doc" / "kindly"
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
        "Upstream-Name: Kindly\n\nFiles: *\nCopyright: 2026 The Kindly developers\nLicense: MIT\n"
        " The bundle carries the libraries it was built with (Qt, PySide6, Python,\n"
        " numpy, libsndfile, PortAudio and their own), each under its own licence.\n"
    )
    # A native package (no Debian revision): its changelog is changelog.gz.
    changelog = (
        f"kindly ({version}) unstable; urgency=low\n\n  * Built from the bundle.\n\n -- {MAINTAINER}  {RELEASED}\n"
    )
    _gzip(doc / "changelog.gz", changelog)
    man = root / "usr" / "share" / "man" / "man1"
    man.mkdir(parents=True)
    _gzip(man / "kindly.1.gz", (HERE / "kindly.1").read_text())
    overrides = root / "usr" / "share" / "lintian" / "overrides"
    overrides.mkdir(parents=True)
    shutil.copy(HERE / "lintian-overrides", overrides / "kindly")
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        library = ".so" in path.name and path.parent != opt  # loaded, never run: not executable
        path.chmod(0o755 if path.is_dir() or (os.access(path, os.X_OK) and not library) else 0o644)


def _gzip(path: Path, text: str) -> None:
    with gzip.GzipFile(path, "wb", mtime=0, compresslevel=9) as handle:
        handle.write(text.encode())


def control(root: Path, version: str, arch: str, depends: str) -> str:
    size_kb = sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink()) // 1024
    return (
        f"Package: kindly\nVersion: {version}\nArchitecture: {arch}\nMaintainer: {MAINTAINER}\n"
        f"Installed-Size: {size_kb}\nDepends: {depends}\nSection: utils\nPriority: optional\n"
        f"Description: {SUMMARY}\n{DESCRIPTION}\n"
    )


def main(dist: Path) -> Path:
    bundle = dist / "kindly"
    if not (bundle / "kindly").is_file():
        raise SystemExit(f"make_deb.py: no bundle at {bundle} (run 'make bundle')")
    version = bundle_config.read_version()
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=True).stdout.strip()
    depends, optional = shlib_depends(bundle)
    if optional:
        print(f"make_deb.py: used only where present, not required: {', '.join(optional)}", file=sys.stderr)
    out = dist / f"kindly_{version}_{arch}.deb"
    with tempfile.TemporaryDirectory(prefix="kindly-deb-") as work:
        root = Path(work) / "root"
        stage(bundle, root, version)
        (root / "DEBIAN").mkdir()
        (root / "DEBIAN" / "control").write_text(control(root, version, arch, depends))
        subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(root), str(out)], check=True)
    return out


if __name__ == "__main__":
    print(main(Path(sys.argv[1] if len(sys.argv) > 1 else "dist").resolve()))
