"""The benchmark of wicguide: speed and memory of every command, by inventory size.

Not part of the test suite. Run it with `python -m bench` from the repository
root (see README, "Measuring speed"); it writes its figures to
`bench/results/`. Modules: `inventories` (resampled inventories),
`processes` (one command as a whole process: wall, CPU, peak memory),
`engine` (the guide's HTML, and WeasyPrint alone on it), `profiling` (where
the build's time goes), `machine` (what the figures were taken on), `run`
(the measurements, their medians, ratios and targets).
"""
