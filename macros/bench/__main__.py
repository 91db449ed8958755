"""``python -m macros.bench``: run the benchmark."""

from macros.bench.run import main

main()
