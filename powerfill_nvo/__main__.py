"""``python -m powerfill_nvo`` and the ``nvo-scan`` script: the command line (``cli.main``); ``--version`` is
answered before click and the analysis modules load, so it takes no more than starting Python."""
import sys

from . import __version__


def run() -> None:
    if sys.argv[1:] == ["--version"]:
        print(f"nvo-scan, version {__version__}")  # as click's version option words it
        return
    from .cli import main
    main(prog_name="nvo-scan")


if __name__ == "__main__":
    run()
