"""The `pathways` command line: thin commands over the library; errors become one line.

Each command imports the library modules it uses inside its body, so `pathways --help` costs
click and this command table only (tests/test_startup.py holds it to that), and a query on
unchanged data loads its graph from the cache (`pathways.cache`) without the TOML loader.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .errors import PathwaysError, UsageError
from .labels import counted

if TYPE_CHECKING:
    import networkx as nx
    from click.shell_completion import CompletionItem

    from .model import Dataset
    from .queries import Convergence, Route

DEFAULT_GRAPHS = "graphs"


class _Fail(click.ClickException):
    """A PathwaysError as click prints it: `error: ...`, with the error's exit code."""

    def __init__(self, error: PathwaysError):
        super().__init__(str(error))
        self.exit_code = error.exit_code

    def format_message(self) -> str:
        from .quoting import terminal_text

        return terminal_text(self.message).replace("\n", " ")


def _one_line(exc: click.UsageError) -> click.UsageError:
    """A mistyped command, option or argument as one line, as every other error is: click's
    message and where the help is, without the usage block click prints above it."""
    if isinstance(exc, click.exceptions.NoArgsIsHelpError) or exc.ctx is None:
        return exc
    where = exc.ctx.command_path
    one = click.UsageError(f"{exc.format_message()} (see '{where} --help')".replace("\n", " "))
    one.exit_code = exc.exit_code
    return one


class _RegularFile(click.Path):
    """An existing file to read, refused unless it is a regular file (or a link to one): a
    pipe or a device (`/dev/zero`) would be read until memory ran out, or never end."""

    def __init__(self) -> None:
        super().__init__(exists=True, dir_okay=False, path_type=Path)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None
                ) -> Any:
        import stat

        path = super().convert(value, param, ctx)
        try:
            regular = stat.S_ISREG(os.stat(path).st_mode)
        except OSError as exc:
            self.fail(f"{click.format_filename(path)}: cannot read: {exc.strerror}", param, ctx)
        if not regular:
            self.fail(f"{click.format_filename(path)}: not a regular file (a pipe or device "
                      "would never end)", param, ctx)
        return path


class _OutputFile(click.Path):
    """A file to write (`-` for standard output). A name ending in a folder separator names a
    folder, and is refused rather than written as a file of the folder's name."""

    def __init__(self) -> None:
        super().__init__(dir_okay=False, path_type=Path)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None
                ) -> Any:
        if isinstance(value, str) and value.endswith(("/", os.sep)):
            self.fail(f"{value} names a folder (it ends in {value[-1]}): give a file name in it",
                      param, ctx)
        return super().convert(value, param, ctx)


class _Group(click.Group):
    """Catches PathwaysError once, at the edge, for every command; and says a usage mistake in
    one line."""

    def make_context(self, info_name: str | None, args: list[str],
                     parent: click.Context | None = None, **extra: Any) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as exc:
            raise _one_line(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PathwaysError as exc:
            raise _Fail(exc) from None
        except click.UsageError as exc:
            raise _one_line(exc) from None


def _writes_files() -> None:
    """A command that writes files writes them into its output only (and the system's
    temporary folder): no cache under the user's home, and a clean build reuses nothing."""
    from .cache import turn_off

    turn_off()
    click.get_current_context().call_on_close(lambda: turn_off(False))  # for callers in-process


def _not_over_inputs(state: State, *paths: Path | None, folder: bool = False) -> None:
    """Refuse, before anything is written, an output that would overwrite what the command
    reads or be read as data next time: a `--network` file; the data folder (`--graphs`)
    itself, a .toml file anywhere in it, anything in its mechanisms/, workflows/ or networks/
    (each loaded whole), or its README; an output folder (`folder`) among those. Each path is
    taken both as written and with its links followed, so a data file that is a link is kept
    too. An export over the mechanism it was made from, or a deck over figures.toml, destroyed
    the data and said "Wrote". Anything else may be written, and written again: a picture
    beside data that is never read (`--graphs .` with `-o view.svg`). Standard output (`-`,
    or None) is no file."""
    from .load import MECHANISMS_DIR, WORKFLOWS_DIR
    from .output import is_stdout

    def forms(p: Path) -> set[Path]:
        try:
            return {Path(os.path.abspath(p)), p.resolve()}
        except (OSError, RuntimeError):  # links naming each other, a name too long: no file
            return {Path(os.path.abspath(p))}  # of ours, and writing says what is wrong

    roots = forms(state.graphs)
    networks = {f for n in state.networks for f in forms(n)}
    data_dirs = {r / d for r in roots for d in (MECHANISMS_DIR, WORKFLOWS_DIR, "networks")}
    for path in paths:
        if path is None or is_stdout(path):
            continue
        targets = forms(path)
        if targets & networks:
            raise UsageError(f"{path} is a --network file this command reads; write the output "
                             "elsewhere")
        if targets & roots:
            raise UsageError(f"{path} is the data folder this command reads; write the output "
                             "elsewhere")
        inside = any(r in t.parents for t in targets for r in roots)
        if (inside and any(t.suffix.lower() == ".toml" for t in targets)) or any(
                d == t or d in t.parents for t in targets for d in data_dirs) or any(
                t.parent == r and t.name.lower() == "readme.md" for t in targets for r in roots):
            raise UsageError(f"{path} is among the data files this command reads from "
                             f"{state.graphs}; write the output elsewhere")


_own_process = False  # set by `run`: the command is the whole process and ends with it


@contextmanager
def _loading() -> Iterator[None]:
    """Imports and loading with the cyclic garbage collector off, and what they made frozen out
    of its sight until the command ends. Both make many small containers at once (a network's
    records, the graph's dicts, networkx's modules), which the collector would rescan again and
    again while they are made and used; they live as long as the command. A caller that runs
    commands in its own process (tests, notebooks) gets the frozen objects handed back to the
    collector when the command's context closes, so it keeps nothing; the `pathways` program
    (`run`) leaves them frozen, so the interpreter's last collection at exit skips them (handing
    back a network's worth of objects made that collection cost more than the search). Nested
    loading leaves the collector to the outermost."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()
        ctx = click.get_current_context(silent=True)
        if ctx is not None and not _own_process:
            ctx.call_on_close(gc.unfreeze)


class State:
    """The one context object: where the data lives, loaded on first use."""

    def __init__(self, graphs: Path, networks: tuple[Path, ...] = (),
                 network_format: str | None = None):
        self.graphs = graphs
        self.networks = networks
        self.network_format = network_format
        self._dataset: Dataset | None = None
        self._graph: nx.DiGraph | None = None
        self._warned: set[Path] = set()  # files of graphs/networks/ said to be skipped

    @property
    def dataset(self) -> Dataset:
        """The validated data, from the cache when no file it is read from has changed. Invalid
        data is never cached: it is read, and its problems raised, every time."""
        if self._dataset is None:
            with _loading():
                from .cache import cached

                self._dataset = cached(self._inputs_key("dataset", _READ_CODE), self._read)
        return self._dataset

    def _read(self) -> Dataset:
        from .load import load_dataset

        return load_dataset(self.graphs)

    @property
    def graph(self) -> nx.DiGraph:
        """The merged graph (curated data and any networks joined in), from the cache when no
        file it is built from has changed: then neither the TOML loader, the schema check nor
        the model is imported."""
        if self._graph is None:
            with _loading():
                import networkx

                from .cache import cached

                files = self.network_files()
                code = (*_READ_CODE, *_JOIN_CODE, *(_NETWORK_CODE if files else ()))
                key = self._inputs_key(f"graph networkx {networkx.__version__}", code, files)
                self._graph = cached(key, self._join)
        return self._graph

    def _join(self) -> nx.DiGraph:
        """The curated graph with every network joined in."""
        from .merge import add_network, merge

        graph = merge(self.dataset)
        files = self.network_files()
        if files:
            from .cache import cache_dir
            from .quoting import terminal_text
            from .readers import network_id
            from .readers.cache import load_network_graph

            for path in files:  # a network's links are told as its id's: never a mechanism's
                if (nid := network_id(path)) in self.dataset.mechanisms:
                    raise UsageError(
                        f"{terminal_text(str(path))} would be network {nid!r}, the id of a "
                        f"mechanism in {terminal_text(str(self.graphs))}: its links would pass "
                        "for that mechanism's; give the file another name")
            for path in files:
                fmt = self.network_format if path in self.networks else None
                graph = add_network(graph, load_network_graph(path, fmt))
            if cache_dir() is not None:  # without a cache, the query makes what it needs
                from .queries import prepare

                graph = prepare(graph)  # a big network's compact copy, made once, cached with it
        return graph

    def _inputs_key(self, what: str, code: tuple[str, ...], networks: Sequence[Path] = ()
                    ) -> str | None:
        """A key for `what` built from everything it is built from: the data files, the
        networks (and the format asked for), the package's `code` files (globs relative to the
        package), the Python version, the working folder and the data folder as given (problems
        and evidence name files relative to them). None when the cache is off: nothing is
        read or hashed for a key that is never used."""
        from .cache import cache_dir, content_key

        if cache_dir() is None:
            return None
        package = Path(__file__).parent
        sources = sorted({p for pattern in code for p in package.glob(pattern)})
        data = sorted(p for p in self.graphs.rglob("*") if p.is_file() and
                      p.suffix == ".toml" and "networks" not in p.relative_to(self.graphs).parts)
        context = "\0".join((what, sys.version, os.getcwd(), str(self.graphs),
                             str(self.network_format)))
        return content_key([*sources, *data, *networks], context)

    def network_files(self) -> list[Path]:
        """The networks loaded as they are: every file in graphs/networks/, then --network."""
        folder = self.graphs / "networks"
        try:
            listed = sorted(p for p in folder.iterdir() if not p.name.startswith(".")
                            and p.name.lower() != "readme.md") if folder.is_dir() else []
        except OSError as exc:
            raise PathwaysError(f"{folder}: cannot read the folder: {exc.strerror or exc}") \
                from None
        shipped = [p for p in listed if p.is_file()]
        for p in listed:  # a folder is not a network; a pipe or device is said to be skipped
            if not p.is_file() and not p.is_dir() and p not in self._warned:
                self._warned.add(p)
                why = ("not a regular file (a pipe or device would never end)" if p.exists()
                       else "a link to nothing")
                click.echo(f"warning: {p}: skipped: {why}", err=True)
        return _distinct_networks([*shipped, *self.networks])


def _distinct_networks(files: list[Path]) -> list[Path]:
    """`files` with each file once; two files a network would go by the same name (its file
    name without suffixes: `n1/x.sif` and `n2/x.sif`) are a usage error, since the second
    would stand for the first in every report and citation."""
    if len(files) < 2:
        return files  # nothing to compare: no reader imported for it
    from .quoting import terminal_text
    from .readers import network_id

    seen: dict[str, Path] = {}
    out = []
    for path in files:
        nid = network_id(path)
        if nid in seen:
            if seen[nid].resolve() == path.resolve():
                continue  # the same file twice
            raise UsageError(f"{terminal_text(str(path))} and {terminal_text(str(seen[nid]))} "
                             f"would both be network {nid!r}: give the files different names")
        seen[nid] = path
        out.append(path)
    return out


pass_state = click.make_pass_decorator(State)

# The package's files (globs) that the validated dataset, the merged graph and the networks
# joined to it are built by: part of the cache keys, so a change of code builds them afresh.
_READ_CODE = ("load.py", "validate.py", "model.py", "certainty.py", "labels.py", "errors.py",
              "quoting.py", "schema/*.py", "schema/*.json")
_JOIN_CODE = ("merge.py",)
_NETWORK_CODE = ("readers/*.py", "compact.py", "columns.py")  # columns: pickled with a network


def _emit(data: Any) -> None:
    import json

    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def _default_graphs() -> Path:
    """$PATHWAYS_GRAPHS, else ./graphs where there is one, else the data shipped with pathways."""
    if os.environ.get("PATHWAYS_GRAPHS"):
        return Path(os.environ["PATHWAYS_GRAPHS"])
    if Path(DEFAULT_GRAPHS).is_dir():
        return Path(DEFAULT_GRAPHS)
    from .data import shipped_graphs

    try:
        return shipped_graphs()
    except UsageError:  # an install without its data: loading says which folder is missing
        return Path(DEFAULT_GRAPHS)


def _names_for(ctx: click.Context, kind: str) -> list[tuple[str, str]]:
    """(name, help) pairs to complete for `kind`: entity, compound, figure or format."""
    if kind == "format":
        from .exporters import EXPORTERS

        return [(name, e.description) for name, e in EXPORTERS.items()]
    from .model import Kind

    # Completion runs a process per key press: the data comes from the cache when unchanged.
    ds = State(ctx.find_root().params.get("graphs") or _default_graphs()).dataset
    if kind == "figure":
        return [(f.id, f.caption) for f in ds.figures.values()]
    return [(e.id, e.label) for e in sorted(ds.entities.values(), key=lambda e: e.id)
            if kind == "entity" or e.kind is Kind.COMPOUND]


def complete(kind: str) -> Callable[[click.Context, click.Parameter, str],
                                    list[CompletionItem]]:
    """A `shell_complete` callback offering the data's `kind` names (ids, with labels as help)."""
    def callback(ctx: click.Context, param: click.Parameter, incomplete: str
                 ) -> list[CompletionItem]:
        from click.shell_completion import CompletionItem

        try:
            names = _names_for(ctx, kind)
        except Exception:  # invalid data or no folder: offer nothing rather than a traceback
            return []
        key = incomplete.casefold()
        return [CompletionItem(name, help=text) for name, text in names
                if name.casefold().startswith(key)]
    return callback


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--graphs", "graphs", type=click.Path(file_okay=False, path_type=Path),
              default=_default_graphs,
              show_default="$PATHWAYS_GRAPHS, else ./graphs, else the shipped data",
              help="Folder of mechanism, workflow and figure data to use.")
@click.option("--network", "networks", multiple=True, metavar="FILE", type=_RegularFile(),
              help="A network file (signed SIF, OmniPath TSV, SBGN-ML, GPML, BEL JSON, INDRA "
                   "JSON...) loaded as it is and joined to the data (repeatable).")
@click.option("--network-format", metavar="FORMAT",
              help="The format of the --network files, where suffix and content do not tell.")
@click.version_option(package_name="pathways")
@click.pass_context
def main(ctx: click.Context, graphs: Path, networks: tuple[Path, ...],
         network_format: str | None) -> None:
    """Drug mechanisms as signalling-pathway graphs: check them, query them, draw them."""
    ctx.obj = State(graphs, networks, network_format)
    if networks and network_format is not None:  # a typo said before any work, not after it
        from .readers import get_reader

        get_reader(network_format)
    if networks:
        ctx.obj.network_files()  # two files that would be one network: said before any work


@main.command()
@click.option("--texts", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of full-text copies of the sources: check every quote against them.")
@pass_state
def check(state: State, texts: Path | None) -> None:
    """List every problem in the data files (exit 1 if any error); warnings (hedged quotes marked
    stated, contradicting quotes, documents that disagree, ambiguous synonyms) and cycles are
    listed without failing."""
    from .load import cross_checks, read_dataset, unreadable
    from .validate import verify_quotes

    dataset, problems, lines = read_dataset(state.graphs)
    problems = problems + cross_checks(dataset, problems, lines)
    if texts:
        problems += verify_quotes(dataset, texts)
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    for p in problems:
        click.echo(("" if p.severity == "error" else f"{p.severity}: ") + str(p))
    edges = sum(len(m.edges) for m in dataset.mechanisms.values())
    summary = (f"{len(errors)} problem{'s' if len(errors) != 1 else ''} in {state.graphs}: "
               f"{len(dataset.entities)} entities, {len(dataset.mechanisms)} mechanisms "
               f"({edges} edges), {len(dataset.workflows)} workflows, "
               f"{len(dataset.figures)} figures")
    if warnings:
        summary += f"; {len(warnings)} warning{'s' if len(warnings) != 1 else ''}"
    unchecked = {p.where for p in problems if "its quotes are not checked" in p.message}
    checked = bool(texts) and len(unchecked) < len(dataset.sources)
    click.echo(summary + (f"; quotes checked against {texts}" if checked else
                          f"; no quote checked: no text in {texts} names a source" if texts
                          else ""))
    if unreadable(problems):  # else the count reads as every problem there is
        click.echo("The checks across files (ids, references, figures) run once every file "
                   "can be read: fix the files above, then check again.")
    if errors:
        sys.exit(1)
    if state.network_files():
        for report in state.graph.graph.get("networks", {}).values():
            click.echo("\n".join(_network_report(report)))


def _some(names: list[str], shown: int = 4) -> str:
    """The first `shown` names, and how many more: "a.svg, b.svg and 3 more"."""
    more = len(names) - shown
    return ", ".join(names[:shown]) + (f" and {more} more" if more > 0 else "")


def _network_report(r: dict[str, Any]) -> list[str]:
    """What a network brought: joined, ambiguous and separate nodes, conflicting signs, and
    what its file holds that is no influence."""
    out = [f"network {r['id']} ({r['file']}, {r['format']}): {counted(r['nodes'], 'node')}, "
           f"{counted(r['edges'], 'edge')}; {len(r['joined'])} joined the vocabulary, "
           f"{len(r['ambiguous'])} ambiguous, {r['separate']:,} separate"]
    if r["joined"]:
        shown = ", ".join(f"{a} = {b}" for a, b in r["joined"][:20])
        more = f" (and {len(r['joined']) - 20} more)" if len(r["joined"]) > 20 else ""
        out.append(f"  joined: {shown}{more}")
    for node, hits in r["ambiguous"]:
        out.append(f"  warning: ambiguous: {node} could be {', '.join(hits)}; kept separate")
    for a, b in r["conflicts"]:
        out.append(f"  warning: conflicting signs for {a} -> {b}: both kept (the minority as "
                   "contradicting evidence)")
    for reason, n in sorted(r["skipped"].items()):
        out.append(f"  not read as influences: {reason} ({n:,})")
    return out


def _arrow(sign: str) -> str:
    return {"+": "raises", "-": "lowers", "?": "affects (sign unknown)"}[sign]


def _route_flags(g: nx.DiGraph, conv: Convergence | Route) -> str:
    """'2 steps; hedged in the source; inferred from nr2b-synaptic-plasticity': how far, how
    certain, whose links: the same words for converge, shared and path."""
    from .style import CERTAINTY_NAMES

    n = len(conv.path) - 1
    flags = [f"{n} step{'s' if n != 1 else ''}", CERTAINTY_NAMES[conv.certainty]]
    if conv.inferred_from:
        flags.append(f"inferred from {', '.join(conv.inferred_from)}")
    return "; ".join(flags)


ROUTE_SHOWN = 6  # nodes shown at each end of a route too long to read in one line


def _route_text(g: nx.DiGraph, path: tuple[str, ...]) -> str:
    """A route as one line of names; a long one (through a network's chain of thousands) by its
    ends, with how many nodes are left out between (`pathways path` or --json gives it
    whole): `shared` printed each of 24,000 points' whole route, 249 MB."""
    from .labels import readable

    if len(path) > 2 * ROUTE_SHOWN + 1:
        left = len(path) - 2 * ROUTE_SHOWN
        path = (*path[:ROUTE_SHOWN], f"... {left:,} more ...", *path[-ROUTE_SHOWN:])
    return " -> ".join(readable(g.nodes[n]["markup"]) if n in g else n for n in path)


def _shell(word: str) -> str:
    """`word` as a shell takes it, for a command to copy: a BEL node `p(HGNC:AKT1)` is quoted,
    a plain id is not."""
    import shlex

    return shlex.quote(word)


def _command_for(state: State) -> str:
    """`pathways` with the options that chose the data (its --graphs folder, as an absolute
    path, where that is not the one the command finds by itself here; its --network files,
    their format), shell-quoted: a command a user pastes answers from the same graph."""
    words = ["pathways"]
    if (graphs := _resolved(state.graphs)) != _resolved(_default_graphs()):
        words += ["--graphs", _shell(str(graphs))]
    for path in state.networks:
        words += ["--network", _shell(str(path))]
    if state.networks and state.network_format:
        words += ["--network-format", _shell(state.network_format)]
    return " ".join(words)


def _resolved(path: Path) -> Path:
    """`path` made absolute, for comparing folders named two ways; as given where it cannot be."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path


def _convergence_lines(g: nx.DiGraph, nid: str, c: Convergence, indent: str = "  ",
                       again: str = "pathways") -> list[str]:
    from .labels import readable

    tool = " [research tool]" if c.role == "tool" else ""
    # A route to a whole says what the compound does to the whole, not to the part asked about:
    # Mij821 lowers NR2B-containing NMDA receptor activity, no document says the subunit's.
    what = f"{readable(g.nodes[c.via]['markup'])}, which contains it" \
        if c.via and c.via_relation == "part-of" else "it"
    out = [f"{indent}{c.sign}  {readable(g.nodes[c.compound]['markup'])}{tool}: "
           f"{_arrow(c.sign)} {what} ({_route_flags(g, c)})",
           f"{indent}     via {_route_text(g, c.path)}"]
    if c.via and c.via_relation == "part-of":
        out.append(f"{indent}     counted for {readable(g.nodes[nid]['markup'])} as a part of "
                   "the whole it reaches; the sign is the whole's")
    elif c.via:
        out.append(f"{indent}     counted for {readable(g.nodes[nid]['markup'])}: reaches "
                   f"{readable(g.nodes[c.via]['markup'])}, a kind of it")
    if c.ambiguous:
        out.append(f"{indent}     ambiguous: a route of the opposite sign is as short "
                   f"(see `{again} path {_shell(c.compound)} {_shell(nid)}`)")
    elif len([s for s in c.signs if s != "?"]) > 1:
        other = ", ".join(f"{s} in {n} steps" for s, n in c.shortest if s != c.sign)
        out.append(f"{indent}     longer routes of the opposite sign exist: {other} "
                   f"(see `{again} path {_shell(c.compound)} {_shell(nid)}`)")
    if c.contested:
        links = ", ".join(_route_text(g, link) for link in c.contested)
        seen = c.ambiguous or len([s for s in c.signs if s != "?"]) > 1  # said above
        out.append(f"{indent}     contested: a source also says the opposite of {links}" + (
            "" if seen else f" (see `{again} path {_shell(c.compound)} {_shell(nid)}`)"))
    if c.loop_signs:
        out.append(f"{indent}     sign {', '.join(c.loop_signs)} found only round a feedback loop")
    if c.loop:
        out.append(f"{indent}     the route passes round a feedback loop")
    if c.surer:
        from .style import CERTAINTY_NAMES

        n = len(c.surer) - 1
        certainty = CERTAINTY_NAMES[c.surer_certainty]
        out.append(f"{indent}     a more certain route ({n} steps; {certainty}): "
                   f"{_route_text(g, c.surer)}")
    return out


@main.command()
@click.argument("node", shell_complete=complete("entity"))
@click.option("--include-tools", is_flag=True,
              help="Count research tools through other compounds' links too (flagged inferred).")
@click.option("--max-steps", type=click.IntRange(1), help="Only routes of at most this many steps.")
@click.option("--from", "from_", multiple=True, metavar="NAME",
              help="Ask for this source instead of the compounds (repeatable).")
@click.option("--from-file", type=_RegularFile(),
              help="Ask for the sources named in this file, one a line.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_state
def converge(state: State, node: str, include_tools: bool, max_steps: int | None,
             from_: tuple[str, ...], from_file: Path | None, as_json: bool) -> None:
    """Which compounds reach NODE (id, label or synonym), by which route, with which net sign
    and certainty: own routes first, then routes inferred through other mechanisms."""
    from .labels import readable
    from .queries import converging_compounds, reached_by, resolve

    g = state.graph
    nid = resolve(g, node)
    sources = _resolve_all(g, list(from_)) if from_ else None
    if from_file:
        sources = (sources or []) + _sources_in(g, from_file)
    found = converging_compounds(g, nid, sources=sources, include_tools=include_tools,
                                 max_steps=max_steps)
    namesakes = [] if found else _reached_namesakes(g, nid, sources, include_tools, max_steps)
    if as_json:
        _emit({"node": {"id": nid, "label": readable(g.nodes[nid]["markup"])},
               "compounds": [c.as_json() for c in found],
               **({"see_also": [{"id": o, "label": readable(g.nodes[o]["markup"]),
                                 "reached_by": len(n)} for o, n in namesakes]}
                  if namesakes else {})})
        return
    what = "source" if sources is not None else "compound"
    click.echo(f"{readable(g.nodes[nid]['markup'])} ({nid}): reached by "
               f"{reached_by(found, sources is not None)}")
    if not found:
        for other, reached in namesakes:
            click.echo(f"  see {readable(g.nodes[other]['markup'])} ({other}), reached by "
                       f"{reached_by(reached, sources is not None)}")
    groups = ((f"Own routes (every link asserted for the {what}):", True),
              ("Inferred through other mechanisms:", False))
    again = _command_for(state)
    for heading, own in groups:
        rows = [c for c in found if c.own is own]
        if rows:
            click.echo(heading)
            for c in rows:
                click.echo("\n".join(_convergence_lines(g, nid, c, again=again)))


def _reached_namesakes(g: nx.DiGraph, nid: str, sources: list[str] | None,
                       include_tools: bool, max_steps: int | None
                       ) -> list[tuple[str, list[Convergence]]]:
    """For a node nothing reaches: up to three other entities whose names begin with its name
    (Glutamate: "Glutamate surge", where the documents' glutamate rise is) that the same
    sources do reach, with how many; a user asking for one most likely means the other."""
    from .labels import folded
    from .queries import _names_holding, converging_compounds, name_index

    index = name_index(g)
    names = [*(g.nodes[nid].get("synonyms") or ()), g.nodes[nid].get("label") or nid]
    others = dict.fromkeys(index[n] for name in names
                           for n in _names_holding(folded(name), index, leading=True)
                           if index[n] != nid)
    out = []
    for other in list(others)[:NAMESAKES_TRIED]:  # bounded: each is one more search
        reached = converging_compounds(g, other, sources=sources, include_tools=include_tools,
                                       max_steps=max_steps)
        if reached:
            out.append((other, reached))
            if len(out) == 3:
                break
    return out


NAMESAKES_TRIED = 10  # namesakes of a node nothing reaches searched for a hint, at most


def _sources_in(g: nx.DiGraph, path: Path) -> list[str]:
    """The nodes a `--from-file` names, one a line (blank lines and `#` comments skipped); a
    name that is no node is reported with the file and line, and a file naming none is an
    error (not a silent answer for every compound)."""
    from .quoting import terminal_text

    try:
        text = path.read_text(encoding="utf-8-sig")  # a list saved with a BOM (Notepad)
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read the names in it "
                         f"({getattr(exc, 'strerror', None) or exc})") from exc
    lines = [(i, ln.strip()) for i, ln in enumerate(text.splitlines(), 1)
             if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        raise UsageError(f"{path}: names no source (one name a line; # starts a comment)")
    from .queries import name_table, resolve_with

    table = name_table(g)  # once for the file, not once a line
    out = []
    for i, name in lines:
        try:
            out.append(resolve_with(g, table, name))
        except UsageError as exc:
            raise UsageError(f"{terminal_text(str(path))}:{i}: {exc}") from None
    return out


def _resolve_all(g: nx.DiGraph, names: list[str]) -> list[str]:
    """Node ids for many names at once (one index, not one scan per name)."""
    from .queries import name_table, resolve_with

    table = name_table(g)
    return [resolve_with(g, table, n) for n in names]


@main.command()
@click.argument("compounds", nargs=-1, required=True, shell_complete=complete("compound"))
@click.option("--max-steps", type=click.IntRange(1), help="Only routes of at most this many steps.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_state
def shared(state: State, compounds: tuple[str, ...], max_steps: int | None,
           as_json: bool) -> None:
    """Nodes downstream of all COMPOUNDS (is-a aware), and where their routes first meet.

    Any entity may stand for a compound: `shared glutamate_surge bdnf` asks what both reach."""
    from .labels import readable
    from .queries import resolve, shared_downstream, shared_title

    g = state.graph
    ids = [resolve(g, c) for c in compounds]
    result = shared_downstream(g, ids, max_steps=max_steps)
    if as_json:
        _emit(result.as_json())
        return
    click.echo(shared_title([readable(g.nodes[c]["markup"]) for c in ids], len(result.shared),
                            max_steps))
    if not result.shared:
        return
    meet = set(result.convergence)  # looked up once per shared node: a tuple made it quadratic
    for n in result.shared:
        mark = "  * " if n in meet else "    "
        others = result.inferred.get(n, ())
        note = (f"  (inferred for {', '.join(readable(g.nodes[c]['markup']) for c in others)})"
                if others else "")
        click.echo(f"{mark}{readable(g.nodes[n]['markup'])} ({n}){note}")
    click.echo("Convergence points (* above), where the routes first meet:")
    again = _command_for(state)
    for point in result.convergence:
        click.echo(f"  {readable(g.nodes[point]['markup'])}")
        for c in result.routes[point].values():
            click.echo("\n".join(_convergence_lines(g, point, c, indent="    ", again=again)))


@main.command()
@click.argument("start", shell_complete=complete("compound"))
@click.argument("node", shell_complete=complete("entity"))
@click.option("--limit", default=5, show_default=True, type=click.IntRange(1),
              help="Most routes to show (the k shortest, own routes first).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_state
def path(state: State, start: str, node: str, limit: int, as_json: bool) -> None:
    """The routes from START (a compound) to NODE, with sign, certainty and evidence per step."""
    from .labels import readable, readable_quote
    from .queries import resolve, routes

    g = state.graph
    a, b = resolve(g, start), resolve(g, node)
    found = routes(g, a, b, limit)
    if as_json:
        _emit({"from": a, "to": b, "routes": [r.as_json() for r in found]})
        return
    if not found:
        click.echo(f"No route from {readable(g.nodes[a]['markup'])} to "
                   f"{readable(g.nodes[b]['markup'])}.")
        return
    sources = g.graph["sources"]
    for i, r in enumerate(found, 1):
        kind = "own route" if r.own else "inferred route"
        click.echo(f"Route {i} ({kind}): net {r.sign}; {_route_flags(g, r)}")
        for s in r.steps:
            borrowed = "" if s["own"] else f"; from {', '.join(s['mechanisms'])}"
            click.echo(f"  {readable(g.nodes[s['source']]['markup'])} --{s['effect']} "
                       f"({s['sign']}, {s['certainty']}{borrowed})--> "
                       f"{readable(g.nodes[s['target']]['markup'])}")
            for ev in s["evidence"]:
                against = " [contradicts]" if ev["contradicts"] else ""
                hedge = "" if ev["certainty"] == "stated" else f"[{ev['certainty']}] "
                click.echo(f"      {hedge}\u201c{readable_quote(ev['quote'])}\u201d "
                           f"({sources[ev['source']]['title']})"
                           f"{against}")


@main.command()
@click.argument("compound", shell_complete=complete("compound"))
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_state
def describe(state: State, compound: str, as_json: bool) -> None:
    """A plain-English account of COMPOUND's mechanism, with citations (alt text, notes)."""
    from .api import compound_account
    from .labels import readable
    from .queries import resolve

    g = state.graph
    cid = resolve(g, compound)
    account = compound_account(state.dataset, g, cid)
    if as_json:
        _emit({"id": cid, "label": readable(g.nodes[cid]["markup"]),
               "description": account.text(), **account.as_json()})
    else:
        click.echo(account.text())


@main.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_state
def list_(state: State, as_json: bool) -> None:
    """The compounds (drugs, then research tools, then a map's chemicals), entities, mechanisms,
    workflows, figures and sources; with --network, each network's size and how many of its
    nodes joined."""
    from .labels import readable
    from .model import Role

    ds = state.dataset
    # `label` reads as drawn (Ca²⁺ influx), as in every other answer's JSON; `markup` as written.
    data = {
        "compounds": [{"id": e.id, "label": readable(e.label), "markup": e.label,
                       "synonyms": list(e.synonyms)} for e in ds.compounds(Role.DRUG)],
        "research tools": [{"id": e.id, "label": readable(e.label), "markup": e.label,
                            "synonyms": list(e.synonyms)} for e in ds.compounds(Role.TOOL)],
        "chemicals": [{"id": e.id, "label": readable(e.label), "markup": e.label,
                       "synonyms": list(e.synonyms)} for e in ds.compounds(Role.CHEMICAL)],
        "entities": [{"id": e.id, "label": readable(e.label), "markup": e.label,
                      "kind": e.kind.value, "identifiers": list(e.identifiers)}
                     for e in sorted(ds.entities.values(), key=lambda e: e.id)],
        "mechanisms": [{"id": m.id, "title": m.title, "compound": m.compound,
                        "edges": len(m.edges)} for m in ds.mechanisms.values()],
        "workflows": [{"id": w.id, "title": w.title} for w in ds.workflows.values()],
        "figures": [{"id": f.id, "caption": f.caption, "caption_inferred": f.caption_inferred}
                    for f in ds.figures.values()],
        "sources": [{"id": s.id, "title": s.title, "address": s.address}
                    for s in ds.sources.values()],
    }
    if state.network_files():  # read (a broken file is said so) and summed up, not listed whole
        data["networks"] = [{"id": r["id"], "file": r["file"], "format": r["format"],
                             "nodes": r["nodes"], "edges": r["edges"],
                             "joined": len(r["joined"])}
                            for r in state.graph.graph.get("networks", {}).values()]
    if as_json:
        _emit(data)
        return
    for section, rows in data.items():
        if section == "chemicals" and not rows:
            continue  # a map's small molecules: a section only where an import wrote some
        click.echo(f"{section.capitalize()} ({len(rows)}):")
        for r in rows:
            if section == "networks":
                click.echo(f"  {r['id']:<32} {r['file']} ({r['format']}): "
                           f"{counted(r['nodes'], 'node')}, {counted(r['edges'], 'edge')}, "
                           f"{r['joined']} joined the curated entities")
                continue
            name = r.get("label") or r.get("title") or r.get("caption")
            extra = f"  [{r['kind']}]" if "kind" in r else \
                " (caption inferred)" if r.get("caption_inferred") else ""
            click.echo(f"  {r['id']:<32} {readable(str(name))}{extra}")


PRESET_NAMES = ["slide", "column", "full", "paper"]
PRESET_HELP = ("Where the figure is shown. slide: a 16:9 slide's picture area, text >= 14 pt; "
               "column: one journal column, 85 mm, text >= 6 pt; full: the full page width, "
               "180 mm, text >= 7 pt; paper: the same as column. Print presets draw every "
               "format at that width.")


def _format_named_by(output: Path | None) -> str:
    """The export format `output`'s suffix names ('k.json' -> 'json'), or '' for none."""
    from .exporters import format_for_path

    if output is None:
        return ""
    try:
        return format_for_path(output)
    except UsageError:
        return ""


def _warn(message: str) -> None:
    """One line on stderr, so the output a script reads stays clean."""
    click.echo(f"warning: {message}", err=True)


def _formats(value: str) -> tuple[str, ...]:
    """The comma-separated formats, each once, in the order given; none is a usage error (a
    build of no figure file said "Built 12 figures ()")."""

    formats = tuple(dict.fromkeys(v.strip().lower() for v in value.split(",") if v.strip()))
    if not formats:
        raise UsageError("--format names no format; give one or more of svg, png, pdf")
    return formats


@main.command()
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default="out",
              show_default=True, help="Folder to write figures, manifest.json and index.html to.")
@click.option("--format", "fmt", default="svg,png,pdf", show_default=True,
              help="Comma-separated formats: svg, png, pdf.")
@click.option("--preset", type=click.Choice(PRESET_NAMES), default="slide", show_default=True,
              help=PRESET_HELP)
@click.option("--theme", type=click.Choice(["light", "dark"]), default="light", show_default=True,
              help="Colour theme.")
@click.option("--transparent", is_flag=True, help="Transparent background.")
@click.option("--measures/--no-measures", default=None,
              help="Show or hide numbers (Ki, IC50, doses); default as each figure says.")
@click.option("--dpi", type=click.IntRange(36, 1200), help="PNG resolution (overrides preset).")
@click.option("--only", multiple=True, metavar="ID", shell_complete=complete("figure"),
              help="Build only this figure (repeatable).")
@click.option("--list", "list_only", is_flag=True, help="List the catalog and exit.")
@pass_state
def figures(state: State, out: Path, fmt: str, preset: str, theme: str, transparent: bool,
            measures: bool | None, dpi: int | None, only: tuple[str, ...],
            list_only: bool) -> None:
    """Build every catalog figure (graphs/figures.toml) into OUT, with manifest and gallery."""
    if not list_only:
        _not_over_inputs(state, out, folder=True)
    _writes_files()
    from .figures import BuildOptions, build_catalog, select_figures, unchanged_build

    options = BuildOptions(formats=_formats(fmt), preset=preset, theme=theme,
                           transparent=transparent, measures=measures, dpi=dpi)
    manifest = None if list_only else unchanged_build(state.graphs, out, options, only)
    if manifest is not None:  # nothing changed since the build in `out`: nothing to load
        _report_build(manifest, options, out, preset, len(manifest["figures"]))
        return
    ds = state.dataset
    if list_only:
        for spec in select_figures(ds, only):
            mark = " (caption inferred)" if spec.caption_inferred else ""
            click.echo(f"{spec.id:<34} {spec.caption}{mark}")
        return
    count = len(select_figures(ds, only))
    notify = lambda message: click.echo(message, err=True)  # noqa: E731
    unchanged: list[str] = []
    removed: list[str] = []
    left: list[str] = []
    calls = {"notify": notify, "kept": unchanged.append, "removed": removed.extend,
             "left": left.extend}
    if sys.stderr.isatty():
        with click.progressbar(length=count, label="Building figures", file=sys.stderr) as bar:
            manifest = build_catalog(ds, out, options, only, progress=lambda _: bar.update(1),
                                     **calls)
    else:
        manifest = build_catalog(ds, out, options, only, **calls)
    _report_build(manifest, options, out, preset, len(unchanged))
    if removed:
        click.echo(f"Removed {counted(len(removed), 'file')} of other formats an earlier build "
                   f"drew: {_some(removed)}")
    if left:
        click.echo(f"Left {counted(len(left), 'file')} of figures {state.graphs}/figures.toml "
                   f"does not define (from an earlier build; remove them if stale): "
                   f"{_some(left)}")


def _report_build(manifest: dict[str, Any], options: Any, out: Path, preset: str,
                  unchanged: int = 0) -> None:
    """What a build wrote; where it kept figures from the build already in `out`, how many it
    drew and how many it kept (a rebuild that says nothing of it looks like a full one)."""
    count = len(manifest["figures"])
    drew = ("" if not unchanged else " (nothing changed: every figure kept)"
            if unchanged == count else f" ({count - unchanged} redrawn, {unchanged} unchanged)")
    click.echo(f"Built {count} figure{'' if count == 1 else 's'} ({', '.join(options.formats)}) "
               f"into {out}/ with manifest.json and index.html{drew}")
    for entry in manifest["figures"]:
        if entry["printed_text_pt"] < manifest["text_floor_pt"]:
            _warn(f"{entry['id']}: smallest text {entry['printed_text_pt']:g} pt "
                  f"{_where(preset)}, below the {manifest['text_floor_pt']:g} pt floor")


def _where(preset: str) -> str:
    """Where a preset shows a figure, in words."""
    from .style import PRESETS

    p = PRESETS[preset]
    if not p.page:
        return f"on a 16:9 slide ({p.area[0]:g} x {p.area[1]:g} pt picture area)"
    return f"at {preset} width ({p.area[0]:g} pt)"


@main.command()
@click.argument("compounds", nargs=-1, shell_complete=complete("compound"))
@click.option("--around", metavar="NODE", shell_complete=complete("entity"),
              help="Draw the neighbourhood of NODE instead.")
@click.option("--depth", type=int, default=None, help="Links out from --around NODE.  [default: 2]")
@click.option("--max-nodes", type=click.IntRange(2), default=None,
              help="With --around: keep at most this many nodes, those on the shortest routes "
                   "from the compounds first (for big networks).")
@click.option("--highlight", multiple=True, metavar="NODE", shell_complete=complete("entity"),
              help="Emphasise NODE (repeatable).")
@click.option("-o", "--output", required=True, type=_OutputFile(),
              help="Output file, or - for standard output; the format follows the suffix "
                   "(.svg, .png, .pdf).")
@click.option("--format", "fmt", type=click.Choice(["svg", "png", "pdf"]),
              help="Output format; default: the suffix of -o, or svg for -o -.")
@click.option("--preset", type=click.Choice(PRESET_NAMES), default="slide", show_default=True,
              help=PRESET_HELP)
@click.option("--theme", type=click.Choice(["light", "dark"]), default="light", show_default=True,
              help="Colour theme.")
@click.option("--transparent", is_flag=True, help="Transparent background.")
@click.option("--measures/--no-measures", default=True, help="Show or hide Ki, IC50, doses.")
@pass_state
def render(state: State, compounds: tuple[str, ...], around: str | None, depth: int | None,
           max_nodes: int | None, highlight: tuple[str, ...], output: Path, fmt: str | None,
           preset: str, theme: str, transparent: bool, measures: bool) -> None:
    """Draw an ad-hoc view: what COMPOUNDS reach, or the neighbourhood --around NODE."""
    _not_over_inputs(state, output)
    _writes_files()
    import re

    from .errors import RenderError
    from .figures import FORMATS, BuildOptions, render_view
    from .legibility import advice, text_at, unbroken_word, worth_laying_out
    from .output import is_stdout, made_note, new_folder, write_atomic, write_stdout
    from .queries import resolve
    from .render import scratch_root, time_limit
    from .style import PRESETS, THEMES
    from .views import around_view, compounds_view
    from .workspace import temp_folder

    suffix = "" if is_stdout(output) else output.suffix.lower().lstrip(".")
    if fmt and suffix in FORMATS and suffix != fmt:
        raise UsageError(f"{output}: a .{suffix} file cannot hold --format {fmt}; name it "
                         f".{fmt}, or leave --format out")
    fmt = fmt or suffix or "svg"
    if fmt not in FORMATS:
        raise UsageError(f"{output}: unknown suffix; use one of .{', .'.join(FORMATS)}")
    if bool(compounds) == bool(around):
        raise UsageError("give COMPOUND... or --around NODE, not both" if around else
                         "give what to draw: COMPOUND... (what they reach) or --around NODE "
                         "(its neighbourhood)")
    if max_nodes is not None and not around:
        raise UsageError("--max-nodes cuts an --around NODE neighbourhood; for what compounds "
                         "reach, draw --around NODE --max-nodes N")
    if depth is not None and not around:
        raise UsageError("--depth counts links out from --around NODE; what compounds reach is "
                         "drawn whole (draw --around NODE --depth N for part of it)")
    depth = 2 if depth is None else depth
    g = state.graph
    marks = [resolve(g, h) for h in highlight]
    stem = "-".join(compounds) or f"around-{around}" if is_stdout(output) else output.stem
    view_id = re.sub(r"[^a-z0-9-]+", "-", stem.lower()).strip("-") or "view"
    if around:
        view = around_view(g, resolve(g, around), depth, view_id, marks, measures, max_nodes)
    else:
        # A compound named twice (or by two of its names) is drawn once.
        ids = list(dict.fromkeys(resolve(g, c) for c in compounds))
        view = compounds_view(g, ids, view_id, marks, measures)
    drawn_ids = {n.id for n in view.nodes}
    for name, mark in zip(highlight, marks, strict=True):
        if mark not in drawn_ids:
            _warn(f"--highlight {name}: {mark!r} is not in this view; nothing is highlighted "
                  "for it")
    if len(view.nodes) > RENDER_MAX_NODES and max_nodes is None:
        what = (f"the neighbourhood of {around!r} within {depth} links" if around
                else f"what {', '.join(compounds)} reach")
        help_ = ("draw part of it with --max-nodes 40 or a smaller --depth" if around else
                 "draw part of it with --around NODE --max-nodes 40")
        raise UsageError(f"{what} has {len(view.nodes):,} nodes, more than a figure can show "
                         f"legibly ({RENDER_MAX_NODES}; laying it out would take minutes): "
                         f"{help_}, or `pathways export` it to a viewer that zooms")
    options = BuildOptions(formats=(fmt,), preset=preset, theme=theme, transparent=transparent)
    scope = DRAWING_AROUND if around else DRAWING_COMPOUNDS
    with temp_folder() as tmp, scratch_root(tmp), time_limit(scope=scope):
        result = render_view(view, tmp / view_id, options)
        data = (tmp / f"{view_id}.{fmt}").read_bytes()
    if is_stdout(output):
        write_stdout(data, fmt.upper())
        return
    made = new_folder(output)
    write_atomic(output, data)
    click.echo(f"Wrote {output}{made_note(made)}")
    floor = PRESETS[preset].floor
    if result.printed_text_pt < floor:
        try:  # the advice lays the view out for other presets, and smaller views
            with temp_folder() as tmp, scratch_root(tmp), time_limit(scope=scope):
                others = {name: text_at(view, name, THEMES[theme]) for name in PRESET_NAMES
                          if name != "paper" and PRESETS[name] is not PRESETS[preset]
                          and worth_laying_out(result.width_pt, result.height_pt,
                                               result.printed_text_pt, preset, name)}
                less = _smaller_views(g, resolve(g, around), depth, max_nodes, view, view_id,
                                      marks, measures) if around else {}
                smaller = {option: text_at(v, preset, THEMES[theme])
                           for option, v in less.items()}
            tip = advice(others, smaller=smaller, now=result.printed_text_pt,
                         around=bool(around), compounds=len({resolve(g, c) for c in compounds}),
                         wide_word=unbroken_word(view, PRESETS[preset]))
        except RenderError:  # the drawing is written: its warning is said, without advice
            tip = scope[1]
        _warn(f"{output}: smallest text {result.printed_text_pt:g} pt {_where(preset)}, below "
              f"the {floor:g} pt floor ({len(view.nodes)} nodes); {tip}")


# What `render`'s time limit bounds, and what to do when a drawing reaches it: for a
# neighbourhood and for what compounds reach (where --depth and --max-nodes do not apply).
DRAWING_AROUND = ("for this drawing", "draw a smaller view (a smaller --depth or --max-nodes)")
DRAWING_COMPOUNDS = ("for this drawing", "draw fewer compounds, or part of what they reach "
                     "with --around NODE --max-nodes 40")
TITLE_MAX = 255  # characters: what PowerPoint keeps of a presentation's title


def _check_title(title: str) -> None:
    """A deck's title as a slide and the file's properties can carry it: some text, no control
    or direction-override character, at most TITLE_MAX characters."""
    import unicodedata


    bad = next((c for c in title if unicodedata.category(c) in ("Cc", "Cf", "Cs")), None)
    if bad is not None:
        raise UsageError(f"--title contains the character U+{ord(bad):04X}, which a slide "
                         "cannot show; give plain text")
    if not title.strip():
        raise UsageError("--title is empty")
    if len(title) > TITLE_MAX:
        raise UsageError(f"--title is {len(title)} characters long; a deck's title holds at "
                         f"most {TITLE_MAX}")


# Nodes a `render` draws at most: beyond, no preset prints the text legibly (a 230-node view
# printed at 1.5 pt on a slide) and the layout search takes minutes.
RENDER_MAX_NODES = 250


def _smaller_views(g: nx.DiGraph, node: str, depth: int, max_nodes: int | None, view: Any,
                   view_id: str, marks: list[str], measures: bool | None) -> dict[str, Any]:
    """The views one step smaller than an --around `view`, by the option that gives each: one
    link less than the farthest node drawn (`_reached`) where that leaves nodes out, and half
    the nodes (--max-nodes). `render` lays each out, to advise only what enlarges the text."""
    from .views import around_view

    out = {}
    reached = _reached(g, node, depth, view)
    if reached > 1:
        less = around_view(g, node, reached - 1, view_id, marks, measures, max_nodes)
        if len(less.nodes) < len(view.nodes):
            out[f"--depth {reached - 1}"] = less
    if len(view.nodes) > 4:
        half = len(view.nodes) // 2
        out[f"--max-nodes {half}"] = around_view(g, node, depth, view_id, marks, measures, half)
    return out


def _reached(g: nx.DiGraph, node: str, depth: int, view: Any) -> int:
    """How many links away from `node` the farthest node drawn is: what `--depth` drew, which is
    less than `depth` where the neighbourhood ends sooner (a smaller depth helps only below it)."""
    import networkx as nx

    near = nx.single_source_shortest_path_length(g.to_undirected(as_view=True), node,
                                                 cutoff=depth)
    return max((near.get(n.id, 0) for n in view.nodes), default=0)


@main.command()
@click.option("-o", "--output", type=_OutputFile(),
              default="out/figures.pptx", show_default=True,
              help="The deck to write (.pptx), or - for standard output.")
@click.option("--only", multiple=True, metavar="ID", shell_complete=complete("figure"),
              help="Only this figure (repeatable).")
@click.option("--title", default=None, help="Title of the deck's first slide.")
@pass_state
def slides(state: State, output: Path, only: tuple[str, ...], title: str | None) -> None:
    """A 16:9 slide deck: a title slide, then one slide per catalog figure (PNG + SVG)."""
    if title is not None:
        _check_title(title)
    _not_over_inputs(state, output)
    from .output import is_stdout, made_note, new_folder, write_stdout

    if not is_stdout(output) and output.suffix.lower() != ".pptx":
        raise UsageError(f"{output}: a deck is a .pptx file (PowerPoint, LibreOffice Impress and "
                         "Keynote open it); name it .pptx")
    _writes_files()
    from .figures import BuildOptions, build_catalog
    from .slides import DEFAULT_TITLE, MAX_PICTURE_SIDE, build_deck
    from .workspace import temp_folder

    options = BuildOptions(formats=("svg", "png"), max_png_side=MAX_PICTURE_SIDE)
    made = None if is_stdout(output) else new_folder(output)
    with temp_folder() as tmp:
        manifest = build_catalog(state.dataset, tmp / "figures", options, only)
        deck = tmp / "deck.pptx" if is_stdout(output) else output
        count = build_deck(manifest, tmp / "figures", deck, title or DEFAULT_TITLE)
        if deck != output:
            write_stdout(deck.read_bytes(), "a PPTX deck")
            return
    click.echo(f"Wrote {output} ({count} slides){made_note(made)}")


@main.command()
@click.argument("compounds", nargs=-1, shell_complete=complete("compound"))
@click.option("--format", "fmt", metavar="FORMAT", shell_complete=complete("format"),
              help="Export format (see --list); default: from the output file's suffix.")
@click.option("-o", "--output", type=_OutputFile(),
              help="Output file, or - for standard output (the default).")
@click.option("--list", "list_only", is_flag=True, help="List the export formats and exit.")
@pass_state
def export(state: State, compounds: tuple[str, ...], fmt: str | None, output: Path | None,
           list_only: bool) -> None:
    """Export the merged graph (or only COMPOUNDS' mechanisms) for Cytoscape, SBGN, Markdown..."""
    _writes_files()
    from .exporters import EXPORTERS, companion_path, format_for_path, get_exporter
    from .exporters import export as run_export
    from .merge import merge
    from .output import is_stdout, made_note, new_folder, write_files, write_stdout
    from .queries import resolve

    if list_only:
        for name, exp in EXPORTERS.items():
            click.echo(f"{name:<9} {', '.join(exp.suffixes):<18} {exp.description}")
        return
    if is_stdout(output):
        output = None
    _not_over_inputs(state, output)
    if fmt is None:
        if output is None:
            raise UsageError("give --format FORMAT or an -o file whose suffix names one")
        fmt = format_for_path(output)
    exporter = get_exporter(fmt)
    named = _format_named_by(output)
    if named and named != exporter.name:  # written as asked, but a typo is worth a word
        _warn(f"{output}: written as {exporter.name} (--format), though its suffix names "
              f"{named}")
    graph = state.graph
    if compounds:
        ids = [resolve(graph, c) for c in compounds]
        mechs = [m.id for m in state.dataset.mechanisms.values() if m.compound in ids]
        missing = [c for c in ids if not any(m.compound == c for m in state.dataset.mechanisms.values())]
        if missing:
            raise UsageError(f"{missing[0]!r} has no mechanism file of its own")
        graph = merge(state.dataset, mechs)
    text = run_export(graph, fmt)
    if output is None:
        write_stdout(text, fmt)
        return
    files = {output: text, **{companion_path(output, suffix): body for suffix, body
                              in exporter.companions(graph).items()}}
    _not_over_inputs(state, *files)  # its companions too (`.cyjs` beside `.json`...)
    made = new_folder(output)
    write_files(files)
    also = [p.name for p in files if p != output]
    nodes, lone = graph.number_of_nodes(), ""
    if exporter.edges_only:  # it said it wrote nodes its rows leave out (1,329 for 1,034)
        linked = sum(1 for n in graph if graph.degree(n))
        if linked < nodes:
            nodes, lone = linked, (f"; {counted(graph.number_of_nodes() - linked, 'node')} "
                                   "without a link, which an edge list has no row for")
    click.echo(f"Wrote {output} ({fmt}: {counted(nodes, 'node')}, "
               f"{counted(graph.number_of_edges(), 'edge')}{lone})"
               + (f" and {', '.join(also)}" if also else "") + made_note(made), err=True)


@main.command(name="import")
@click.argument("file", required=False, type=_RegularFile())
@click.option("-o", "--output", type=_OutputFile(),
              help="The mechanism file to write (graphs/mechanisms/NAME.toml).")
@click.option("--format", "fmt", metavar="FORMAT",
              help="Input format (see --list); default: from the file's suffix and content.")
@click.option("--id", "mechanism_id", help="Mechanism id; default: the output file's name.")
@click.option("--compound", help="The compound (an entity id) whose mechanism this is.")
@click.option("--dry-run", is_flag=True, help="Report what would join and be written; write nothing.")
@click.option("--list", "list_only", is_flag=True, help="List the input formats and exit.")
@pass_state
def import_(state: State, file: Path | None, output: Path | None, fmt: str | None,
            mechanism_id: str | None, compound: str | None, dry_run: bool,
            list_only: bool) -> None:
    """Turn a small map or network FILE into an editable mechanism file, evidence kept; new
    entities are written in it. Reports what joined the vocabulary, what is ambiguous, what
    stayed separate and what was left out."""
    from .merge import join_nodes, merge, network_graph
    from .readers import READERS, read_network
    from .readers.mechanism_toml import mechanism_toml

    if list_only:
        for name, r in READERS.items():
            click.echo(f"{name:<11} {', '.join(r.suffixes):<22} {r.description}")
        return
    if file is None:
        raise UsageError("give the FILE to import (`pathways import --list` lists the formats)")
    if output is None and not dry_run:
        raise UsageError("give -o graphs/mechanisms/NAME.toml (or --dry-run)")
    if output is not None and not dry_run and output.suffix.lower() != ".toml":
        raise UsageError(f"{output}: import writes a mechanism file, NAME.toml (in "
                         "graphs/mechanisms/ to be loaded); --dry-run shows what it would hold")
    if output is not None and output.exists() and not dry_run:
        raise UsageError(f"{output} exists; remove it first or choose another name")
    from .load import ID_MAX, is_id
    from .readers import slug
    from .readers.mechanism_toml import short_id

    dataset = state.dataset
    if compound and compound not in dataset.entities:
        from .validate import suggest

        known = sorted(e for e, ent in dataset.entities.items() if ent.kind.value == "compound")
        raise UsageError(f"unknown compound {compound!r}{suggest(compound, known)}")
    if compound and dataset.entities[compound].kind.value != "compound":
        raise UsageError(f"--compound {compound!r} is a {dataset.entities[compound].kind.value}, "
                         "not a compound; give a compound's id, or leave --compound out")
    if mechanism_id is not None and not is_id(mechanism_id):
        raise UsageError(f"--id {mechanism_id!r} is not an id ([a-z0-9][a-z0-9_-]*, at most "
                         f"{ID_MAX} characters)")
    net = network_graph(read_network(file, fmt))
    named = slug(output.stem) if output else next(iter(net.graph["networks"]))
    mid = mechanism_id or short_id(named or "imported")
    if mid in dataset.mechanisms:
        raise UsageError(f"mechanism {mid!r} exists already; pass --id")
    mapping, joined, ambiguous, separate = join_nodes(merge(dataset), net)
    result = mechanism_toml(net, dataset, mapping, mid, compound)
    (_, info), = net.graph["networks"].items()
    report = dict(info, id=mid, nodes=net.number_of_nodes(), edges=net.number_of_edges(),
                  joined=sorted(joined), ambiguous=sorted(ambiguous), separate=separate)
    click.echo("\n".join(_network_report(report)))
    for why in result.left_out:
        click.echo(f"  left out: {why}")
    if dry_run:
        click.echo(f"Would write {counted(result.entities, 'new entity')} and "
                   f"{counted(result.edges, 'edge')}")
        return
    assert output is not None
    from .output import made_note, new_folder, write_atomic

    made = new_folder(output)
    write_atomic(output, result.text)
    click.echo(f"Wrote {output} ({counted(result.entities, 'new entity')}, "
               f"{counted(result.edges, 'edge')}){made_note(made)}")


class _Stopped(BaseException):
    """The program was told to stop (SIGTERM, SIGHUP): raised where it runs, so every clean-up
    on the way out runs, as for Ctrl-C; not an Exception, so nothing on the way catches it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _stop(signum: int, frame: object) -> None:
    for name in STOP_SIGNALS:  # told again while cleaning up: the clean-up goes on
        if signal.getsignal(getattr(signal, name)) is _stop:
            signal.signal(getattr(signal, name), _again)
    raise _Stopped(signum)


def _again(signum: int, frame: object) -> None:
    """A stop signal after the first: nothing more to do. (Not SIG_IGN: Python raises for a
    signal already waiting to be handled whose handler became SIG_IGN meanwhile.)"""


# Signals that end the program as Ctrl-C does, its files cleaned up: `kill`, a CI job's time
# limit, a closed terminal (where the system has them). Killed outright instead, a build would
# leave its staging folder and its worker processes behind.
STOP_SIGNALS = tuple(name for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def run() -> None:
    """The `pathways` program (its script, `python -m pathways`, `python cli.py`): `main` as a
    process of its own, which ends when the command does (see `_loading`). Told to stop by a
    signal, it cleans up as for Ctrl-C and exits with 128 + the signal's number."""
    global _own_process
    _own_process = True
    from .output import guard_stdout

    guard_stdout()
    for name in STOP_SIGNALS:
        if signal.getsignal(getattr(signal, name)) is not signal.SIG_IGN:  # as under `nohup`
            signal.signal(getattr(signal, name), _stop)
    try:
        main(prog_name="pathways")
    except _Stopped as stopped:
        with suppress(OSError):  # a terminal closed (SIGHUP) takes its output with it
            click.echo(f"Stopped ({signal.Signals(stopped.signum).name}).", err=True)
        sys.exit(128 + stopped.signum)


if __name__ == "__main__":  # pragma: no cover
    run()
