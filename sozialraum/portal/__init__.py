"""The portal layer: the pages and tools that combine every app.

Start page, quarter profiles, the provider and measure pages that show records of the
apps above them, the concept report, role definitions, the demo loader and the
benchmarks. The only package that may import ``providers``, ``measures`` and
``workshops`` together; nothing imports it back (see the import contract).
"""
