"""pathways: drug mechanisms as validated signalling-pathway graphs, convergence queries and
slide-ready diagrams."""

__version__ = "0.1.0"
