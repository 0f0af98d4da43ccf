"""``python -m powerfill_nvo`` runs the ``nvo-scan`` command line."""
from .cli import main

main(prog_name="nvo-scan")
