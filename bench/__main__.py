"""`python -m bench`: run the benchmark (see bench/run.py and README)."""

from bench.run import main

main()
