"""What build.spec leaves out of the folder (`packaging/bundle_filter.py`), on the file
layouts of the Linux and the Windows PySide6 wheels."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "packaging"))

from bundle_filter import (  # noqa: E402
    filter_bundle,
    keep_qt_file,
    plugin_name,
    reachable_binaries,
)


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqminimal.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", True),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", False),
        ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", False),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", False),
        ("PySide6/Qt/translations/qtbase_zh_CN.qm", True),
        ("PySide6/Qt/translations/qtbase_zh_TW.qm", False),
        ("PySide6/Qt/translations/qt_zh_CN.qm", False),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        # The Windows wheel keeps plugins and translations right under PySide6.
        ("PySide6\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6\\plugins\\platforms\\qdirect2d.dll", False),
        ("PySide6\\plugins\\styles\\qmodernwindowsstyle.dll", True),
        ("PySide6\\plugins\\imageformats\\qico.dll", False),
        ("PySide6\\translations\\qtbase_zh_CN.qm", True),
        ("PySide6\\translations\\qtbase_ja.qm", False),
        # Everything else is not the filter's business.
        ("PySide6/Qt/lib/libQt6Core.so.6", True),
        ("examples/shuangyang-2022.xlsx", True),
        ("otherpkg/plugins/x/y.so", True),
    ],
)
def test_keep_qt_file(dest, kept):
    assert keep_qt_file(dest) is kept


@pytest.mark.parametrize(
    ("filename", "name"),
    [("libqxcb.so", "qxcb"), ("qwindows.dll", "qwindows"), ("libqcocoa.dylib", "qcocoa")],
)
def test_plugin_name(filename, name):
    assert plugin_name(filename) == name


LINKS = {
    "/s/QtWidgets.abi3.so": ["libQt6Widgets.so.6", "libpyside6.abi3.so.6.11", "libc.so.6"],
    "/s/libQt6Widgets.so.6": ["libQt6Gui.so.6"],
    "/s/libQt6Gui.so.6": ["libQt6Core.so.6", "libQt6DBus.so.6"],
    "/s/libQt6DBus.so.6": ["libQt6Core.so.6", "libdbus-1.so.3"],
    "/s/libQt6Core.so.6": ["libicuuc.so.73"],
    "/s/libqxcb.so": ["libQt6XcbQpa.so.6"],
    "/s/libQt6Network.so.6": ["libQt6Core.so.6", "libgssapi_krb5.so.2"],
    "/s/libQt6Svg.so.6": ["libQt6Gui.so.6"],
    "/s/libqopensslbackend.so": ["libQt6Network.so.6"],
    "/s/libqsvgicon.so": ["libQt6Svg.so.6"],
}


def _imports(source: str) -> list[str]:
    return LINKS.get(source, [])


def _binary(dest: str, kind: str = "BINARY") -> tuple[str, str, str]:
    return (dest, "/s/" + dest.rsplit("/", 1)[-1], kind)


BINARIES = [
    _binary("PySide6/QtWidgets.abi3.so", "EXTENSION"),
    _binary("PySide6/libpyside6.abi3.so.6.11"),
    _binary("PySide6/Qt/lib/libQt6Widgets.so.6"),
    _binary("PySide6/Qt/lib/libQt6Gui.so.6"),
    _binary("PySide6/Qt/lib/libQt6Core.so.6"),
    _binary("PySide6/Qt/lib/libQt6DBus.so.6"),
    _binary("PySide6/Qt/lib/libicuuc.so.73"),
    _binary("libdbus-1.so.3"),
    _binary("PySide6/Qt/plugins/platforms/libqxcb.so"),
    _binary("PySide6/Qt/lib/libQt6XcbQpa.so.6"),
    # Collected only for plugins and modules the filter drops:
    _binary("PySide6/Qt/plugins/tls/libqopensslbackend.so"),
    _binary("PySide6/Qt/lib/libQt6Network.so.6"),
    _binary("libgssapi_krb5.so.2"),
    _binary("PySide6/Qt/plugins/iconengines/libqsvgicon.so"),
    _binary("PySide6/Qt/lib/libQt6Svg.so.6"),
    # Loaded by the bootloader, linked by nothing.
    _binary("libpython3.11.so.1.0"),
]


def _names(entries) -> set[str]:
    return {dest.rsplit("/", 1)[-1] for dest, _, _ in entries}


def test_plugins_are_roots_and_keep_what_they_link_to():
    assert _names(reachable_binaries(BINARIES, _imports)) == _names(BINARIES)


def test_libraries_nothing_links_to_any_more_are_dropped():
    plugins = {"libqopensslbackend.so", "libqsvgicon.so"}
    without = [e for e in BINARIES if e[0].rsplit("/", 1)[-1] not in plugins]
    assert _names(without) - _names(reachable_binaries(without, _imports)) == {
        "libQt6Network.so.6",
        "libgssapi_krb5.so.2",
        "libQt6Svg.so.6",
    }


def test_filter_bundle_drops_plugins_then_what_only_they_needed():
    symlinks = [
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
        ("libQt6Svg.so.6", "PySide6/Qt/lib/libQt6Svg.so.6", "SYMLINK"),
        ("PySide6/lib/libQt6Network.so.6", "../Qt/lib/libQt6Network.so.6", "SYMLINK"),
        ("PySide6/lib/libQt6Core.so.6", "../Qt/lib/libQt6Core.so.6", "SYMLINK"),
    ]
    datas = [
        ("PySide6/Qt/translations/qtbase_zh_CN.qm", "/s/qtbase_zh_CN.qm", "DATA"),
        ("PySide6/Qt/translations/qtbase_fr.qm", "/s/qtbase_fr.qm", "DATA"),
        ("examples/shuangyang-2022.xlsx", "/s/shuangyang-2022.xlsx", "DATA"),
        *symlinks,
    ]
    binaries, files = filter_bundle(BINARIES, datas, _imports)
    names = [d.rsplit("/", 1)[-1] for d, _, _ in binaries]
    assert names == [
        "QtWidgets.abi3.so",
        "libpyside6.abi3.so.6.11",
        "libQt6Widgets.so.6",
        "libQt6Gui.so.6",
        "libQt6Core.so.6",
        "libQt6DBus.so.6",
        "libicuuc.so.73",
        "libdbus-1.so.3",
        "libqxcb.so",
        "libQt6XcbQpa.so.6",
        "libpython3.11.so.1.0",
    ]
    assert [d for d, _, _ in files] == [
        "PySide6/Qt/translations/qtbase_zh_CN.qm",
        "examples/shuangyang-2022.xlsx",
        "libQt6Gui.so.6",
        "PySide6/lib/libQt6Core.so.6",
    ]


def test_windows_python_libraries_are_roots():
    binaries = [("python311.dll", "/s/python311.dll", "BINARY"), ("python3.dll", "/s/p3", "BINARY")]
    binaries.append(("opengl32sw.dll", "/s/opengl32sw.dll", "BINARY"))
    kept = reachable_binaries(binaries, lambda source: [])
    assert [d for d, _, _ in kept] == ["python311.dll", "python3.dll"]


def test_python_docx_keeps_its_default_files_not_their_unzipped_source():
    datas = [
        ("docx/templates/default.docx", "/s/default.docx", "DATA"),
        ("docx/templates/default-header.xml", "/s/default-header.xml", "DATA"),
        ("docx/templates/default-docx-template/word/styles.xml", "/s/styles.xml", "DATA"),
        ("templates/report-template.docx", "/r/report-template.docx", "DATA"),
    ]
    _, kept = filter_bundle([], datas, lambda source: [])
    assert [dest for dest, _, _ in kept] == [
        "docx/templates/default.docx",
        "docx/templates/default-header.xml",
        "templates/report-template.docx",
    ]
