"""Layers: data keyed by version and section, computed once per build.

``build.build_layers`` makes one ``model.Layers`` from the corpus (and the
hand-written pages' macro calls); page makers read it and never recompute it.
The modules beside them (lineage, remiss, glossary, perspectives) hold the rules;
``counterparts`` is the section panel's view of the comparisons the layers hold.
"""
