"""Run the command line: `python -m wicguide`."""

from wicguide.cli import main

main()
