"""``python -m capexlens`` runs the command line."""

from capexlens.cli import main

main()
