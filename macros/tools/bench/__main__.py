"""``python -m macros.tools.bench``: run the benchmark."""

from macros.tools.bench.run import main

main()
