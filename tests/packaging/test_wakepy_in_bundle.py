"""The bundle carries every way wakepy has of keeping a computer awake.

wakepy registers a method when its class is defined, so a method module left out of the bundle
is a system on which the bundled Kindly silently cannot keep the screen on: no error, the mode
just fails. PyInstaller's own import analysis, started from the Kindly module that imports wakepy
(a hidden import of the spec, as every Kindly module is), must reach each of them. Should a wakepy
release load its methods some other way, this fails, and packaging/bundle_config.py needs them as
hidden imports.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_pyinstallers_analysis_reaches_every_wakepy_method_module_from_kindly() -> None:
    import wakepy.methods
    from PyInstaller.lib.modulegraph.modulegraph import ModuleGraph

    methods = Path(wakepy.methods.__file__).parent
    wanted = {f"wakepy.methods.{path.stem}" for path in methods.glob("*.py") if path.stem != "__init__"}
    assert {"wakepy.methods.freedesktop", "wakepy.methods.gnome", "wakepy.methods.windows"} <= wanted
    # The standard library is left out of the walk: it is bundled anyway, and takes seconds to follow.
    graph = ModuleGraph(path=[str(ROOT / "desktop"), *sys.path], excludes=sorted(sys.stdlib_module_names))
    graph.import_hook("kindly.platform.keep_awake")
    reached = {node.identifier for node in graph.iter_graph()}
    assert wanted <= reached
