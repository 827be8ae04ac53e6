"""Command line: ``python -m generator build|check|inspect|evaluate|entities suggest|bench``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


from . import evaluate
from .bench import run as bench
from .config import plugin_settings
from .core.errors import GeneratorError
from .core.models import Diagnostic
from .pipeline import Options, errors_of, generate
from .render.export import article_record
from .suggest import suggestions_yaml
from .write import PACKAGE_DIR, check_out_dir, check_seeds_dir, write_pages


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run one command; return the exit status."""
    args = parser().parse_args(argv)
    settings = plugin_settings(Path(args.config))
    try:
        options = Options(
            seeds_dir=Path(args.seeds or settings["seeds_dir"]),
            language=args.language or settings["language"],
            max_seed_bytes=whole_number(args.max_bytes or settings["max_seed_bytes"], "max_seed_bytes", args.config),
            site_url=settings["site_url"],
            page_rows=whole_number(settings["page_rows"], "page_rows", args.config),
            directory_urls=settings["use_directory_urls"],
        )
        if args.command != "bench":  # the benchmark reads and writes only folders of its own
            check_seeds_dir(options.seeds_dir, protected_folders(settings))
        return COMMANDS[args.command](args, options, settings)
    except GeneratorError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


def whole_number(value: object, name: str, config: str) -> int:
    """Read a plugin option that must be a whole number of at least 1."""
    text = str(value).strip()
    if isinstance(value, bool) or not text.isdigit() or int(text) < 1:
        raise GeneratorError(Diagnostic(config, f"digest option '{name}' must be a whole number of at "
                                        f"least 1, not {value!r}"))
    return int(text)


def protected_folders(settings: dict) -> dict[str, Path]:
    """Name the folders that neither the seeds nor the generated pages may live in."""
    return {"the docs folder": Path(settings["docs_dir"]), "the site folder": Path(settings["site_dir"]),
            "the generator package": PACKAGE_DIR}


def parser() -> argparse.ArgumentParser:
    """Build the argument parser."""
    main_parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    main_parser.add_argument("--config", default="mkdocs.yml", help="mkdocs.yml to read settings from")
    commands = main_parser.add_subparsers(dest="command", required=True)
    for name, text in (("build", "write the generated Markdown tree"),
                       ("check", "validate the seeds; non-zero exit on errors"),
                       ("inspect", "print what the generator extracted from each article"),
                       ("evaluate", "score the extraction against a corpus with an answer key"),
                       ("entities", "suggest: print the automatic entities as entries for entities.yml"),
                       ("bench", "time the generator and MkDocs on a synthetic corpus drawn from the seeds")):
        sub = commands.add_parser(name, help=text)
        sub.add_argument("--seeds", help="seeds folder (default: the plugin's seeds_dir)")
        sub.add_argument("--language", choices=("id", "en"), help="site language")
        sub.add_argument("--max-bytes", type=int, help="largest seed file accepted")
        if name == "build":
            sub.add_argument("--out", help="output folder (default: the plugin's out_dir)")
        if name in ("inspect", "evaluate"):
            sub.add_argument("--json", action="store_true", help="print JSON")
        if name == "evaluate":
            sub.add_argument("--corpus", required=True, help="folder with articles/, truth.json and stories.json")
            sub.add_argument("--with-seeds", metavar="DIR",
                             help="folder of the answer key's articles outside articles/ (the key's seeds/...)")
        if name == "entities":
            sub.add_argument("action", choices=("suggest",), help="suggest: YAML entries ready for entities.yml")
        if name == "bench":
            bench.add_arguments(sub)
    return main_parser


def run_build(args, options: Options, settings: dict) -> int:
    """Generate and write the Markdown tree."""
    out_dir = Path(args.out or settings["out_dir"])
    check_out_dir(out_dir, {"the seeds folder": options.seeds_dir, **protected_folders(settings)})
    digest, pages = generate(options)
    print_diagnostics(digest)
    report = write_pages(out_dir, pages)
    print(f"{len(pages)} pages: {len(report.written)} written, {report.unchanged} unchanged, "
          f"{len(report.removed)} removed")
    return 1 if errors_of(digest) and settings.get("strict") else 0


def run_check(args, options: Options, settings: dict) -> int:
    """Validate only; exit 1 when any error was found."""
    digest, _ = generate(options)
    print_diagnostics(digest)
    errors = errors_of(digest)
    print(f"{len(digest.articles)} articles, {len(errors)} errors, "
          f"{len(digest.diagnostics) - len(errors)} warnings")
    return 1 if errors else 0


def run_inspect(args, options: Options, settings: dict) -> int:
    """Print the extracted metadata and annotations of every article."""
    digest, _ = generate(options)
    records = [article_record(a, digest.entities) for a in sorted(digest.articles, key=lambda a: a.file)]
    if args.json:
        print(json.dumps(records, ensure_ascii=False, indent=2))
    else:
        for record in records:
            print_record(record)
    print_diagnostics(digest)
    return 0


def run_evaluate(args, options: Options, settings: dict) -> int:
    """Score the pipeline on a corpus with an answer key; print the table and every miss."""
    report = evaluate.evaluate_corpus(Path(args.corpus), Path(args.with_seeds) if args.with_seeds else None)
    if args.json:
        print(json.dumps(evaluate.report_record(report), ensure_ascii=False, indent=2))
    else:
        print(evaluate.format_table(report))
    return 0


def run_entities(args, options: Options, settings: dict) -> int:
    """Print the automatic entities as YAML entries for entities.yml."""
    digest, _ = generate(options)
    print(suggestions_yaml(digest), end="")
    print_diagnostics(digest)
    return 0


def print_record(record: dict) -> None:
    """Print one article record for a person."""
    print(f"== {record['file']} -> articles/{record['slug']}/")
    for key, value in record.items():
        if isinstance(value, dict) and "provenance" in value:
            print(f"  {key:16} {value['value']!s:60} [{value['provenance'] or '-'}]")
    print(f"  {'word_count':16} {record['word_count']}")
    for removed in record["removed"]:
        print(f"  removed line {removed['line']:>3} ({removed['reason']}): {removed['text'][:70]}")
    for quote in record["quotes"]:
        speaker = (quote["speaker"] or {}).get("name")
        print(f"  quote [{quote['kind']}] {speaker}: {quote['text'][:70]}")
    for candidate in record["candidates"]:
        print(f"  candidate: {candidate['name']}")


def print_diagnostics(digest) -> None:
    """Print every problem as ``file[:line]: message`` on standard error."""
    for diagnostic in digest.diagnostics:
        print(f"{diagnostic.severity}: {diagnostic}", file=sys.stderr)


COMMANDS = {"build": run_build, "check": run_check, "inspect": run_inspect, "evaluate": run_evaluate,
            "entities": run_entities, "bench": bench.run_command}

if __name__ == "__main__":
    sys.exit(main())
