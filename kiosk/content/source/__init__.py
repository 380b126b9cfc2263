"""Build a content bundle from its editable source folder, and export a bundle back to one.

The source folder (described for curators in docs/content-format.md)::

    exhibit.toml            title, subtitle, locales, content version, credits, [[sources]]
    sections/NN-key.md      one narrative section per file: TOML front matter between +++ lines
    timeline.csv            dated events, one a row, in display order
    statistics.csv          figures; ``parent`` names another figure's key
    remembrance.csv         observances, decrees, addresses
    people.csv              victims' names (may hold only its header line)
    media.csv + media/      images: key, file (inside media/), alt text, credit
    translations/LL.csv     table,key,field,text for each other locale

``build`` reads and checks the whole folder first, reporting every problem with its file and
line, and only then writes the bundle: into a temporary file beside the target, renamed over it
when complete, so a failed build never leaves half a bundle. Builds are reproducible: the same
source gives the same bytes (the migration record carries no clock time), so a rebuilt bundle
only shows up in ``git diff`` when its content changed.

``export`` writes a bundle back in the same format. Build, export, build is lossless; the
exported files are the canonical form of a source folder (comments a curator added to
exhibit.toml or front matter are not kept).

The modules: ``files`` reads files and values (every problem collected, with its file and
line), ``read`` reads the folder table by table, ``build`` writes the bundle, ``export``
writes the folder back.
"""

from kiosk.content.source.build import BuildResult, build, write_bundle
from kiosk.content.source.export import ExportError, export
from kiosk.content.source.files import BuildError, SourceContent, SourceProblem
from kiosk.content.source.read import read_source

__all__ = [
    "BuildError",
    "BuildResult",
    "ExportError",
    "SourceContent",
    "SourceProblem",
    "build",
    "export",
    "read_source",
    "write_bundle",
]
